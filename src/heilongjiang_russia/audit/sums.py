"""Check: each year's printed total against its printed export plus import."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.data import table1

from .core import HALF, Finding, cell_id, finding_id, fmt, judge


def check_sums(trade: pd.DataFrame) -> list[Finding]:
    """Total against export + import, every year (three roundings: the sum is +/- 0.1)."""
    found = []
    for year, row in trade.iterrows():
        parts = row["export"] + row["import"]
        allowed = (parts - 2 * HALF, parts + 2 * HALF)
        verdict, size = judge(parts, allowed, row["total"])
        found.append(
            Finding(
                finding_id("sum", year),
                "sum",
                f"{year} total",
                expected=f"export + import = {fmt(row['export'])} + {fmt(row['import'])} = {fmt(parts)}",
                printed=fmt(row["total"]),
                difference=size,
                difference_unit="100 million US$",
                verdict=verdict,
                evidence=f"Song's Table 1 row {year}: the printed parts allow a total in [{allowed[0]:.2f}, {allowed[1]:.2f}]",
                cells=tuple(cell_id(year, c) for c in table1.LEVELS),
                scale=float(parts),
            )
        )
    return found
