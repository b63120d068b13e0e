"""C015, "trade has been fluctuating, mainly due to the lower world energy prices": the verdict as the paper
states it, on the fall of 2014-2016 (the claim's status), and over the swings in general, each with its
robustness (rules in :mod:`.rules`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.audit.core import cell_id
from heilongjiang_russia.audit.robustness import Robustness
from heilongjiang_russia.data import table1
from heilongjiang_russia.present.prose import signed

from . import rules
from .model import PART_LABELS, TOTAL_PARTS, correlation, rouble_table
from .parameters import YEARS
from .text import fmt_r, num, pct

CLAIM_ENERGY = "C015"


def swings(frame: pd.DataFrame, swing_pct: float, trade: pd.DataFrame | None = None) -> list[int]:
    """Years whose printed total changed by more than ``swing_pct`` percent (Song's Table 1)."""
    trade = table1.load() if trade is None else trade
    return [y for y in YEARS[1:] if abs(float(trade.loc[y, "total_yoy_pct"])) > swing_pct]


def cells_of(years) -> str:
    return ";".join(f"{cell_id(y, 'import')};{cell_id(y, 'export')}" for y in years)


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
class GeneralVerdict:
    """C015 over the swings in general: in how many swings of total trade the oil price is the largest part."""

    swing_pct: float
    swings: tuple[Swing, ...]
    price_largest_years: tuple[int, ...]  # the swings the price leads at the central inputs
    robustness: Robustness

    @property
    def status(self) -> str:
        return self.robustness.status_at_central

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
    def headline(self) -> str:
        """'price the largest part in 2 of 7 swings (2016, 2017)'."""
        years = ", ".join(map(str, self.price_largest_years)) or "none"
        return f"price the largest part in {self.n_price_largest} of {self.n_swings} swings ({years})"

    @property
    def listed(self) -> str:
        return "; ".join(s.text for s in self.swings)

    @property
    def shows(self) -> str:
        return f"{self.headline} of total trade moving by more than {self.swing_pct:g}%"


@dataclass(frozen=True)
class FallYear:
    """One year of the 2014-2016 fall: the oil price's share (%) of the change of total trade and of imports,
    and that of exports in the change of total trade."""

    year: int
    price_total_share: float
    price_share: float
    exports_total_share: float


@dataclass(frozen=True)
class FallVerdict:
    """C015 as the paper states it: does the oil price account for most of the 2014-2016 fall?"""

    total: float  # change of total trade 2014-2016, US$ bn (the sum of the 2015 and 2016 changes)
    imports: float  # change of imports
    price: float  # the oil price effect
    exports: float  # change of exports
    years: tuple[FallYear, ...]
    rouble_oil_r: float  # correlation of the rouble's and Brent's yearly log changes
    robustness: Robustness
    ranges: Mapping[str, tuple[float, float]]  # "direct", "of_imports", "shock": each share's range over the box

    @property
    def status(self) -> str:
        return self.robustness.status_at_central

    @property
    def direct_share(self) -> float:
        """The oil price effect as a share (%) of the fall of total trade."""
        return self.price / self.total * 100

    @property
    def import_share(self) -> float:
        return self.price / self.imports * 100

    @property
    def shock_share(self) -> float:
        """Oil price and exports together, the exports' fall read as the same oil shock through the rouble."""
        return (self.price + self.exports) / self.total * 100

    @property
    def span(self) -> str:
        return f"{self.years[0].year - 1}–{self.years[-1].year}"

    def _range(self, key: str) -> str:
        lo, hi = self.ranges[key]
        return f"{num(lo)} to {num(hi)}%"

    @property
    def headline(self) -> str:
        """'the oil price 46% (45 to 48%) of the 2014–2016 fall of total trade, 95% (…) of the fall of imports'."""
        return (
            f"the oil price {pct(self.direct_share)} ({self._range('direct')}) of the {self.span} fall of total trade, "
            f"{pct(self.import_share)} ({self._range('of_imports')}) of the fall of imports"
        )

    @property
    def by_year(self) -> str:
        return ", ".join(
            f"{pct(y.price_total_share)} in {y.year} (exports {pct(y.exports_total_share)})" for y in self.years
        )

    @property
    def shows(self) -> str:
        return f"{self.headline}; {self.readings}"

    @property
    def readings(self) -> str:
        """The two readings of the exports' fall: beside the oil price, or a channel of the same oil shock."""
        return (
            f"read directly, the oil price effect is {pct(self.direct_share)} of the fall of total trade (US$ "
            f"{signed(self.total)} bn), year by year {self.by_year}; the exports' fall moved with the rouble, whose "
            f"yearly changes track Brent's at r = {fmt_r(self.rouble_oil_r)}, and read as the same oil shock the oil "
            f"price and exports together are {pct(self.shock_share)} ({self._range('shock')}) of the fall"
        )


@dataclass(frozen=True)
class EnergyVerdict:
    """C015: judged as stated, on the 2014-2016 fall (its status is the claim's), and over the swings in general."""

    as_stated: FallVerdict
    general: GeneralVerdict

    @property
    def status(self) -> str:
        return self.as_stated.status

    @property
    def robustness(self) -> Robustness:
        return self.as_stated.robustness

    # the general verdict's numbers, as before the claim was tested as stated
    @property
    def swing_pct(self) -> float:
        return self.general.swing_pct

    @property
    def swings(self) -> tuple[Swing, ...]:
        return self.general.swings

    @property
    def swing_years(self) -> tuple[int, ...]:
        return self.general.swing_years

    @property
    def price_largest_years(self) -> tuple[int, ...]:
        return self.general.price_largest_years

    @property
    def n_swings(self) -> int:
        return self.general.n_swings

    @property
    def n_price_largest(self) -> int:
        return self.general.n_price_largest

    @property
    def printed(self) -> str:
        a, g = self.as_stated, self.general
        return (
            f"{a.headline}; {a.robustness.label}; {a.readings}; over the swings in general (total trade moved by more "
            f"than {g.swing_pct:g}%) {g.headline}, {g.status}, {g.robustness.label} (each swing's parts: the chapter "
            "'Price or volume?')"
        )

    def finding(self) -> dict[str, Any]:
        return {
            "finding_id": "PV-energy",
            "check": "text",
            "subject": "trade fluctuated, mainly due to lower world energy prices",
            "expected": f"the oil price effect more than half of the fall the paper explains ({self.as_stated.span}, "
            "total trade)",
            "printed": self.printed,
            "difference": round(float(self.as_stated.direct_share), 1),
            "difference_unit": f"% of the {self.as_stated.span} fall of total trade from the oil price",
            "verdict": self.status,
            "evidence": "as PV-2011; the price effect is that of pipeline oil only: price moves of other goods and the "
            "rouble's fall with the oil price sit in the other parts; the rouble channel is stated as a second reading",
            # the cells of the fall judged as stated and of every swing judged in general
            "cells": cells_of(
                sorted({*range(self.as_stated.years[0].year - 1, self.as_stated.years[-1].year + 1), *self.swing_years})
            ),
            "claims": CLAIM_ENERGY,
        }


def rouble_oil_r(frame: pd.DataFrame) -> float:
    """Correlation of the rouble's and Brent's yearly log changes (NaN when either does not move)."""
    table = rouble_table(frame).dropna(subset=["dlog_rub", "dlog_brent"])
    if table["dlog_rub"].std() == 0 or table["dlog_brent"].std() == 0:
        return float("nan")
    return correlation(table["dlog_rub"], table["dlog_brent"])["r"]


def general_verdict(frame, rows, p, trade) -> GeneralVerdict:
    """C015 over the swings in general (``rows``: the decomposition indexed by year)."""
    swing_years = [y for y in swings(rows, p["swing_pct"], trade) if y in rows.index]
    return GeneralVerdict(
        p["swing_pct"],
        tuple(Swing(y, {k: rows.loc[y, k + "_total_share"] for k in TOTAL_PARTS}) for y in swing_years),
        tuple(y for y in swing_years if rules.largest_part(rows.loc[y]) == "price"),
        rules.general_robustness(frame, p, trade),
    )


def general_status_at(frame, p, trade, swing_pct: float) -> tuple[str, int, int]:
    """C015 over the swings in general at another threshold, central inputs: status, swings, price-led swings."""
    n_swings, n_lead = rules.general_count(frame, p, trade, {rules.THRESHOLD: np.array([swing_pct])})
    return str(rules.count_status(n_lead, n_swings)[0]), int(n_swings[0]), int(n_lead[0])


def fall_verdict(frame, rows, p) -> FallVerdict:
    """C015 as stated, from the decomposition ``rows`` of the years of the fall, with its robustness."""
    fall = rows.loc[list(rules.FALL)]
    return FallVerdict(
        float(fall["total_change"].sum()),
        float(fall["imports_change"].sum()),
        float(fall["price"].sum()),
        float(fall["exports"].sum()),
        tuple(
            FallYear(int(y), float(r["price_total_share"]), float(r["price_share"]), float(r["exports_total_share"]))
            for y, r in fall.iterrows()
        ),
        rouble_oil_r(frame),
        *rules.fall_robustness(frame, p),
    )
