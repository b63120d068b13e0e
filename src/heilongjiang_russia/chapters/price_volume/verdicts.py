"""Verdicts on three claims of the paper, judged by the decomposition: C012 (the 2011 rise came with the
pipeline), C014 (trade flourished in 2018) and C015 (trade fluctuated "mainly due to the lower world energy
prices"), each with its robustness over the box of its uncertain inputs.

Each verdict is a frozen dataclass holding the numbers it rests on and its
:class:`~heilongjiang_russia.audit.robustness.Robustness`; its ``printed`` text (the audit's "printed"
column) and the chapter's prose are both built from those fields, never read back from a sentence.
:func:`claim_findings` gives the three as rows in the audit's Finding columns;
:func:`verdicts_with_robustness` gives each claim's status with its robustness label. The rules are in
:mod:`.rules`: C015 is judged as the paper states it, on the fall of 2014-2016 (the ledger's status), and
separately over the swings in general.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from heilongjiang_russia.audit.core import Finding
from heilongjiang_russia.audit.robustness import Robustness
from heilongjiang_russia.data import table1
from heilongjiang_russia.present.prose import signed

from . import rules
from .energy import CLAIM_ENERGY, EnergyVerdict, cells_of, fall_verdict, general_verdict
from .model import PART_LABELS, PARTS, TOTAL_PARTS
from .parameters import check_parameters
from .records import inputs
from .text import num, pct, pct_range
from .yearly import decomposition

CLAIM_2011, CLAIM_2018 = "C012", "C014"
FINDING_COLUMNS = [f.name for f in fields(Finding)]  # the audit's Finding fields, in its order
_EVIDENCE = (
    "Song's Table 1 import and export columns; pipeline volume (data/external/espo_china_oil.csv); Brent "
    "(data/external/brent_rub.csv) and Dubai (World Bank, in espo_china_oil.csv); midpoint split of price x volume; "
    "ranges and robustness over the rounding of the printed levels, every volume's band (its source's rounding; 2017 and 2018 "
    "scenario ranges), barrels per tonne, the price marker and premium. In 2011 all pipeline oil is new, so the "
    "split gives part of its value to the 2010-2011 rise in price"
)


def share_text(row, total: bool = False) -> str:
    """'oil price 100% (98 to 101%), pipeline volume 2%, other imports −2%' for one year's row."""
    parts = TOTAL_PARTS if total else PARTS
    if all(row[f"{k}{q}"] == 0 for k in ("price", "volume") for q in ("", "_low", "_high")):
        head = "no pipeline oil in either year, so the oil price and the pipeline volume explain none of it"
        if not total:
            return head + ": other imports 100%"
        return (
            head
            + ": "
            + ", ".join(f"{PART_LABELS[k]} {pct_range(row, k + '_total_share')}" for k in ("other", "exports"))
        )
    suffix = "_total_share" if total else "_share"
    return ", ".join(f"{PART_LABELS[k]} {pct_range(row, k + suffix)}" for k in parts)


@dataclass(frozen=True)
class RiseVerdict:
    """C012: the share of pipeline oil in the 2011 rise of total trade (%, central and range)."""

    oil_share: float
    oil_share_low: float
    oil_share_high: float
    row: pd.Series  # the 2011 row of the decomposition
    robustness: Robustness

    @property
    def status(self) -> str:
        return self.robustness.status_at_central

    @property
    def headline(self) -> str:
        return (
            f"pipeline oil {pct(self.oil_share)} ({num(self.oil_share_low)} to {num(self.oil_share_high)}%) of the rise"
        )

    @property
    def shows(self) -> str:
        return f"{self.headline}; of the change in imports: {share_text(self.row)}"

    @property
    def printed(self) -> str:
        return f"{self.headline}; {self.robustness.label}; of the change in imports: {share_text(self.row)}"

    def finding(self) -> dict[str, Any]:
        return {
            "finding_id": "PV-2011",
            "check": "text",
            "subject": "the 2011 rise came with the crude oil pipeline",
            "expected": "pipeline oil (volume and price effects together) more than half of the 2011 rise of total "
            "trade",
            "printed": self.printed,
            "difference": round(float(self.oil_share), 1),
            "difference_unit": "% of the 2011 rise of total trade from pipeline oil",
            "verdict": self.status,
            "evidence": _EVIDENCE,
            "cells": cells_of([2011]),
            "claims": CLAIM_2011,
        }


@dataclass(frozen=True)
class BoomVerdict:
    """C014: the 2018 change of trade other than pipeline oil (US$ bn, central and range)."""

    nonoil_change: float
    nonoil_low: float
    nonoil_high: float
    row: pd.Series  # the 2018 row of the decomposition
    robustness: Robustness

    @property
    def status(self) -> str:
        return self.robustness.status_at_central

    @property
    def total_shares(self) -> str:
        """The shares of the four parts in the 2018 change of total trade."""
        return share_text(self.row, total=True)

    @property
    def shows(self) -> str:
        return (
            f"of the 2018 change of total trade: {self.total_shares}; trade other than pipeline oil changed by "
            f"{signed(self.nonoil_change)} (US$ bn, {signed(self.nonoil_low)} to {signed(self.nonoil_high)})"
        )

    @property
    def printed(self) -> str:
        return f"{self.shows}; {self.robustness.label}"

    def finding(self) -> dict[str, Any]:
        return {
            "finding_id": "PV-2018",
            "check": "text",
            "subject": "trade flourished in 2018",
            "expected": "a broad rise: trade other than pipeline oil growing too",
            "printed": self.printed,
            "difference": round(float(self.nonoil_change), 3),
            "difference_unit": "US$ bn change of trade other than pipeline oil",
            "verdict": self.status,
            "evidence": "as PV-2011; 2017 and 2018 pipeline volumes are scenario ranges (known for part of the year "
            "only)",
            "cells": cells_of([2018]),
            "claims": CLAIM_2018,
        }


@dataclass(frozen=True)
class VerdictLabel:
    """One claim's status with its robustness, as the ledger and the landing page show it."""

    claim: str
    finding_id: str
    reading: str  # what is judged: "as stated", or "the swings in general" for C015's second verdict
    subject: str  # what the paper says
    shows: str  # what the decomposition shows, without the robustness
    status: str
    robustness: Robustness

    @property
    def label(self) -> str:
        """'partly supported (holds throughout the box)'."""
        return f"{self.status} ({self.robustness.label})"


@dataclass(frozen=True)
class ClaimVerdicts:
    """The verdicts on C012 and C014 (None when the decomposition lacks the year) and on C015."""

    rise_2011: RiseVerdict | None
    boom_2018: BoomVerdict | None
    energy: EnergyVerdict

    def frame(self) -> pd.DataFrame:
        """One row per verdict in the audit's Finding columns (check "text")."""
        found = [v.finding() for v in (self.rise_2011, self.boom_2018, self.energy) if v is not None]
        # the audit's Finding fields that do not apply here
        return pd.DataFrame(found, columns=FINDING_COLUMNS).assign(scale=None, reported_with="")

    @property
    def labels(self) -> tuple[VerdictLabel, ...]:
        """Each claim's status and robustness; C015 twice: as stated (its status) and over the swings in general."""
        out = [
            VerdictLabel(code, f["finding_id"], "as stated", f["subject"], v.shows, v.status, v.robustness)
            for code, v in ((CLAIM_2011, self.rise_2011), (CLAIM_2018, self.boom_2018))
            if v is not None
            for f in [v.finding()]
        ]
        a, g, f = self.energy.as_stated, self.energy.general, self.energy.finding()
        out.append(
            VerdictLabel(CLAIM_ENERGY, f["finding_id"], "as stated", f["subject"], a.shows, a.status, a.robustness)
        )
        out.append(
            VerdictLabel(
                CLAIM_ENERGY, f["finding_id"], "the swings in general", f["subject"], g.shows, g.status, g.robustness
            )
        )
        return tuple(out)

    def label_frame(self) -> pd.DataFrame:
        """:attr:`labels` as a table: claim, finding_id, reading, subject, shows, status, robustness."""
        return pd.DataFrame(
            [
                {
                    "claim": v.claim,
                    "finding_id": v.finding_id,
                    "reading": v.reading,
                    "subject": v.subject,
                    "shows": v.shows,
                    "status": v.status,
                    "robustness": v.robustness.label,
                }
                for v in self.labels
            ]
        )


def claim_verdicts(
    decomp: pd.DataFrame | None = None,
    p: Mapping[str, Any] | None = None,
    trade: pd.DataFrame | None = None,
    frame: pd.DataFrame | None = None,
) -> ClaimVerdicts:
    """The verdicts on C012, C014 and C015 with their robustness, for the chapter's inputs ``frame`` (default:
    read with ``trade``, Song's Table 1), its decomposition ``decomp`` and the parameters ``p``; swings are
    read from ``trade``'s printed changes. Without arguments: the chapter's defaults."""
    p = check_parameters({}) if p is None else p
    trade = table1.load() if trade is None else trade
    frame = inputs(p["volume_scenario"], trade) if frame is None else frame
    decomp = decomposition(frame, p) if decomp is None else decomp
    rows = decomp.set_index("year")
    rise = boom = None
    if 2011 in rows.index:
        r = rows.loc[2011]
        rise = RiseVerdict(
            r["oil_total_share"],
            r["oil_total_share_low"],
            r["oil_total_share_high"],
            r,
            rules.rise_robustness(frame, p),
        )
    if 2018 in rows.index:
        r = rows.loc[2018]
        boom = BoomVerdict(
            r["nonoil_total"], r["nonoil_total_low"], r["nonoil_total_high"], r, rules.boom_robustness(frame, p)
        )
    as_stated = fall_verdict(frame, rows, p)
    return ClaimVerdicts(rise, boom, EnergyVerdict(as_stated, general_verdict(frame, rows, p, trade)))


def claim_findings(
    decomp: pd.DataFrame | None = None,
    p: Mapping[str, Any] | None = None,
    trade: pd.DataFrame | None = None,
    frame: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`claim_verdicts` as rows in the audit's Finding columns (finding_id, check, subject, expected,
    printed, difference, difference_unit, verdict, evidence, cells, claims, scale, reported_with)."""
    return claim_verdicts(decomp, p, trade, frame).frame()


def verdicts_with_robustness(
    trade: pd.DataFrame | None = None, p: Mapping[str, Any] | None = None
) -> tuple[VerdictLabel, ...]:
    """Each claim the chapter judges with its status and robustness label (C012, C014, C015 as stated, and
    C015 over the swings in general), for the ledger and the landing page."""
    return claim_verdicts(p=p, trade=trade).labels
