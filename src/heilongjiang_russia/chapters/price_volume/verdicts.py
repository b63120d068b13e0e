"""Verdicts on three claims of the paper, judged by the decomposition: C012 (the 2011 rise came with the
pipeline), C014 (trade flourished in 2018) and C015 (the swings came chiefly with falling energy prices).

Each verdict is a frozen dataclass holding the numbers it rests on; its ``printed`` text (the audit's
"printed" column) and the chapter's prose are both built from those fields, never read back from a
sentence. :func:`claim_findings` gives the three as rows in the audit's Finding columns.

Verdict rules, each applied to the whole uncertainty range (rounding, volumes, API gravity, price
basis): C012 consistent when pipeline oil (price and volume effects) is more than half of the 2011 rise
of total trade at every end of the range, inconsistent when it is less than half at every end, else
partly supported; C014 inconsistent when total trade did not rise in 2018, consistent when trade other
than pipeline oil rose too, partly supported when the rise was pipeline oil alone; C015 consistent when
the oil price is the largest part of most swings of total trade at every end of the range, inconsistent
when it is the largest in none even at the most favourable end, else partly supported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from heilongjiang_russia.audit.core import CONSISTENT, INCONSISTENT, PARTLY, Finding, cell_id
from heilongjiang_russia.data import table1
from heilongjiang_russia.present.prose import signed

from .model import PART_LABELS, PARTS, TOTAL_PARTS, decomposition
from .parameters import YEARS, check_parameters
from .records import inputs
from .text import num, pct, pct_range

CLAIM_2011, CLAIM_2018, CLAIM_ENERGY = "C012", "C014", "C015"
FINDING_COLUMNS = [f.name for f in fields(Finding)]  # the audit's Finding fields, in its order
_EVIDENCE = (
    "Song's Table 1 import and export columns; pipeline volume (data/external/espo_china_oil.csv); Brent "
    "(data/external/brent_rub.csv); midpoint split of price x volume; ranges over rounding, volume, API gravity "
    "and price basis. In 2011 all pipeline oil is new, so the split gives part of its value to the 2010-2011 "
    "rise in price"
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


def swings(frame: pd.DataFrame, swing_pct: float, trade: pd.DataFrame | None = None) -> list[int]:
    """Years whose printed total changed by more than ``swing_pct`` percent (Song's Table 1)."""
    trade = table1.load() if trade is None else trade
    return [y for y in YEARS[1:] if abs(float(trade.loc[y, "total_yoy_pct"])) > swing_pct]


def _cells(years) -> str:
    return ";".join(f"{cell_id(y, 'import')};{cell_id(y, 'export')}" for y in years)


@dataclass(frozen=True)
class RiseVerdict:
    """C012: the share of pipeline oil in the 2011 rise of total trade (%, central and range)."""

    status: str
    oil_share: float
    oil_share_low: float
    oil_share_high: float
    row: pd.Series  # the 2011 row of the decomposition

    @property
    def headline(self) -> str:
        return (
            f"pipeline oil {pct(self.oil_share)} ({num(self.oil_share_low)} to {num(self.oil_share_high)}%) of the rise"
        )

    @property
    def printed(self) -> str:
        return f"{self.headline}; of the change in imports: {share_text(self.row)}"

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
            "cells": _cells([2011]),
            "claims": CLAIM_2011,
        }


def rise_verdict(r: pd.Series) -> RiseVerdict:
    """C012: consistent when pipeline oil is more than half of the 2011 rise at every end of the range."""
    lo, hi = r["oil_total_share_low"], r["oil_total_share_high"]
    status = CONSISTENT if lo > 50 else (INCONSISTENT if hi < 50 else PARTLY)
    return RiseVerdict(status, r["oil_total_share"], lo, hi, r)


@dataclass(frozen=True)
class BoomVerdict:
    """C014: the 2018 change of trade other than pipeline oil (US$ bn, central and range)."""

    status: str
    nonoil_change: float
    nonoil_low: float
    nonoil_high: float
    row: pd.Series  # the 2018 row of the decomposition

    @property
    def total_shares(self) -> str:
        """The shares of the four parts in the 2018 change of total trade."""
        return share_text(self.row, total=True)

    @property
    def printed(self) -> str:
        return (
            f"of the 2018 change of total trade: {self.total_shares}; trade other than pipeline oil changed by "
            f"{signed(self.nonoil_change)} (US$ bn, {signed(self.nonoil_low)} to {signed(self.nonoil_high)})"
        )

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
            "cells": _cells([2018]),
            "claims": CLAIM_2018,
        }


def boom_verdict(r: pd.Series) -> BoomVerdict:
    """C014: no rise at all fails the claim; a rise carried by pipeline oil alone is partly; a broad rise consistent."""
    lo, hi = r["nonoil_total_low"], r["nonoil_total_high"]
    status = INCONSISTENT if r["total_change_high"] <= 0 else (CONSISTENT if lo > 0 else PARTLY)
    return BoomVerdict(status, r["nonoil_total"], lo, hi, r)


@dataclass(frozen=True)
class Swing:
    """One swing of total trade: the share (%) of each part of the change at the central inputs."""

    year: int
    shares: Mapping[str, float]  # part -> share of the change of total trade, TOTAL_PARTS order

    @property
    def largest(self) -> str:
        return max(TOTAL_PARTS, key=lambda k: self.shares[k])

    @property
    def text(self) -> str:
        listed = ", ".join(f"{PART_LABELS[k]} {pct(self.shares[k])}" for k in TOTAL_PARTS)
        return f"{self.year} {PART_LABELS[self.largest]} ({listed})"


@dataclass(frozen=True)
class EnergyVerdict:
    """C015: in how many swings of total trade the oil price is the largest part."""

    status: str
    swing_pct: float
    swings: tuple[Swing, ...]
    price_largest_years: tuple[int, ...]  # the swings the price leads at the central inputs

    @property
    def swing_years(self) -> tuple[int, ...]:
        return tuple(s.year for s in self.swings)

    @property
    def n_swings(self) -> int:
        return len(self.swings)

    @property
    def n_price_largest(self) -> int:
        return len(self.price_largest_years)

    @property
    def in_swings(self) -> str:
        """'in 2 of 7 swings (2016, 2017)'."""
        years = ", ".join(map(str, self.price_largest_years)) or "none"
        return f"in {self.n_price_largest} of {self.n_swings} swings ({years})"

    @property
    def headline(self) -> str:
        """'price the largest part in 2 of 7 swings (2016, 2017)'."""
        return f"price the largest part {self.in_swings}"

    @property
    def printed(self) -> str:
        listed = "; ".join(s.text for s in self.swings)
        return f"{self.headline}; largest part of each swing, with the shares of all four: {listed}"

    def finding(self) -> dict[str, Any]:
        return {
            "finding_id": "PV-energy",
            "check": "text",
            "subject": "trade fluctuated, mainly with lower energy prices",
            "expected": f"the oil price the largest part of most swings of total trade (years with a change of more "
            f"than {self.swing_pct:g}%)",
            "printed": self.printed,
            "difference": float(self.n_swings - self.n_price_largest),
            "difference_unit": "swings led by something other than the oil price",
            "verdict": self.status,
            "evidence": "as PV-2011; the price effect is that of pipeline oil only: price moves of other goods (and the "
            "rouble's fall with the oil price) sit in the other parts and cannot be separated with these data",
            "cells": _cells(self.swing_years),
            "claims": CLAIM_ENERGY,
        }


def _chief(row, part: str, suffix: str = "_total_share") -> tuple[bool, bool]:
    """Is ``part`` the largest of the parts of the total's change: at the central inputs / anywhere in the range?"""
    others = [k for k in TOTAL_PARTS if k != part]
    central = all(row[part + suffix] > row[k + suffix] for k in others)
    possible = all(row[part + suffix + "_high"] > row[k + suffix + "_low"] for k in others)
    return central, possible


def _price_leads_at_every_end(row) -> bool:
    """The oil price's lowest share of the total's change above every other part's highest."""
    return all(row["price_total_share_low"] > row[k + "_total_share_high"] for k in TOTAL_PARTS if k != "price")


def energy_verdict(rows: pd.DataFrame, swing_years: list[int], swing_pct: float) -> EnergyVerdict:
    """C015 over ``swing_years`` (``rows``: the decomposition indexed by year).

    Consistent when the price leads most swings at every end of the range, inconsistent when it
    leads none even at the most favourable end, else partly supported.
    """
    chief = {y: _chief(rows.loc[y], "price") for y in swing_years}
    robust = [y for y, (c, _) in chief.items() if c and _price_leads_at_every_end(rows.loc[y])]
    possible = [y for y, (_, pos) in chief.items() if pos]
    if swing_years and len(robust) * 2 > len(swing_years):
        status = CONSISTENT
    elif not possible:
        status = INCONSISTENT
    else:
        status = PARTLY
    return EnergyVerdict(
        status,
        swing_pct,
        tuple(Swing(y, {k: rows.loc[y, k + "_total_share"] for k in TOTAL_PARTS}) for y in swing_years),
        tuple(y for y, (c, _) in chief.items() if c),
    )


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


def claim_verdicts(
    decomp: pd.DataFrame | None = None, p: Mapping[str, Any] | None = None, trade: pd.DataFrame | None = None
) -> ClaimVerdicts:
    """The verdicts on C012, C014 and C015 for the decomposition ``decomp`` (a column ``year``) and the
    parameters ``p``; swings are read from ``trade`` (Song's Table 1). Without arguments: the chapter's
    defaults."""
    p = check_parameters({}) if p is None else p
    decomp = decomposition(inputs(p["volume_scenario"], trade), p) if decomp is None else decomp
    rows = decomp.set_index("year")
    swing_years = [y for y in swings(decomp, p["swing_pct"], trade) if y in rows.index]
    return ClaimVerdicts(
        rise_verdict(rows.loc[2011]) if 2011 in rows.index else None,
        boom_verdict(rows.loc[2018]) if 2018 in rows.index else None,
        energy_verdict(rows, swing_years, p["swing_pct"]),
    )


def claim_findings(
    decomp: pd.DataFrame | None = None, p: Mapping[str, Any] | None = None, trade: pd.DataFrame | None = None
) -> pd.DataFrame:
    """:func:`claim_verdicts` as rows in the audit's Finding columns (finding_id, check, subject, expected,
    printed, difference, difference_unit, verdict, evidence, cells, claims, scale, reported_with)."""
    return claim_verdicts(decomp, p, trade).frame()
