"""Check: each printed growth rate against the growth its own printed levels allow."""

from __future__ import annotations

import numpy as np
import pandas as pd

from heilongjiang_russia.data import table1

from .core import NOT_CHECKABLE, Finding, cell_id, finding_id, fmt, growth_interval, judge


def growth_table(trade: pd.DataFrame) -> pd.DataFrame:
    """Printed and recomputed growth (point and rounding interval) for every flow and year."""
    rows = []
    years = set(trade["year"])
    for flow, column in table1.GROWTH.items():
        for year, row in trade.iterrows():
            rec = {"year": year, "flow": flow, "printed_pct": row[column]}
            if year - 1 in years:
                base = trade.loc[year - 1, flow]
                rec["recomputed_pct"] = (row[flow] / base - 1) * 100
                rec["low_pct"], rec["high_pct"] = growth_interval(row[flow], base)
            else:
                rec["recomputed_pct"] = rec["low_pct"] = rec["high_pct"] = np.nan
            rows.append(rec)
    return pd.DataFrame(rows)


def _unchecked(rec, cells) -> Finding:
    return Finding(
        finding_id("growth", rec.flow, rec.year),
        "growth",
        f"{rec.year} {rec.flow} growth",
        expected=f"needs the {rec.year - 1} level, not in the table",
        printed=fmt(rec.printed_pct),
        difference=None,
        difference_unit="percentage points",
        verdict=NOT_CHECKABLE,
        evidence=f"base year {rec.year - 1} is not in the table",
        cells=cells,
    )


def check_growth(trade: pd.DataFrame) -> list[Finding]:
    """Every printed growth rate against the growth its printed levels allow.

    The scale of a growth finding is the level ratio in per cent (100 + the recomputed growth):
    a gap of g points is then the relative error, g / scale, of the level the printed rate implies.
    """
    found = []
    for rec in growth_table(trade).itertuples(index=False):
        cells = (cell_id(rec.year, table1.GROWTH[rec.flow]),)
        if np.isnan(rec.recomputed_pct):
            found.append(_unchecked(rec, cells))
            continue
        verdict, size = judge(rec.recomputed_pct, (rec.low_pct, rec.high_pct), rec.printed_pct)
        base = trade.loc[rec.year - 1, rec.flow]
        found.append(
            Finding(
                finding_id("growth", rec.flow, rec.year),
                "growth",
                f"{rec.year} {rec.flow} growth",
                expected=f"{fmt(rec.recomputed_pct, 2)} (allowed {fmt(rec.low_pct, 2)} to {fmt(rec.high_pct, 2)})",
                printed=fmt(rec.printed_pct),
                difference=size,
                difference_unit="percentage points",
                verdict=verdict,
                evidence=f"{rec.flow} {fmt(base)} in {rec.year - 1} to {fmt(trade.loc[rec.year, rec.flow])} in {rec.year}",
                cells=cells + (cell_id(rec.year, rec.flow), cell_id(rec.year - 1, rec.flow)),
                scale=100 + float(rec.recomputed_pct),
            )
        )
    return found
