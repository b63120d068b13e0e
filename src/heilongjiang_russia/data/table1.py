"""Table 1 of Song (2019): Heilongjiang–Russia merchandise trade, 2008–2018.

The file ``data/raw/table1.csv`` holds the table exactly as printed. The printed caption
says "million US dollars", but the values are in units of 100 million US$ (10^8 US$); the
audit chapter gives the evidence. :data:`UNITS` maps the units a reader can choose.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from heilongjiang_russia.errors import ParameterError

from .validation import load_resource

RESOURCE = "table1"
LEVELS = ["total", "export", "import"]
GROWTH = {"total": "total_yoy_pct", "export": "export_yoy_pct", "import": "import_yoy_pct"}
SHARES = ["share_province_pct", "share_china_pct"]

# factor from the printed unit (10^8 US$) and the label used on axes and in tables
UNITS = {
    "printed": (1.0, "100 million US$"),
    "usd_bn": (0.1, "billion US$"),
    "usd_m": (100.0, "million US$"),
}

CAPTION = (
    "Heilongjiang–Russia merchandise trade, {years}, as printed in Song's Table 1 "
    "(values in 100 million US$; the printed caption says million US$)"
)  # {years}: the years of the rows shown (a run for another window says so)

HEADINGS = {
    "year": "Year",
    "total": "Total",
    "total_yoy_pct": "Total, y/y %",
    "export": "Export",
    "export_yoy_pct": "Export, y/y %",
    "import": "Import",
    "import_yoy_pct": "Import, y/y %",
    "share_province_pct": "% of province trade",
    "share_china_pct": "% of China–Russia trade",
}


def load(path: str | Path | None = None, *, descriptor: Path | None = None) -> pd.DataFrame:
    """Table 1 as printed (one row per year), validated against the data package.

    ``path`` may point to another file with the same schema (a corrected or extended table);
    the checksum is then not required to match.
    """
    return load_resource(RESOURCE, path, descriptor=descriptor).set_index("year", drop=False)


def unit_factor(unit: str) -> tuple[float, str]:
    """The multiplier from the printed values to ``unit`` and the unit's label."""
    try:
        return UNITS[unit]
    except KeyError:
        raise ParameterError("unit", f"{unit!r} is not allowed; choose one of {', '.join(UNITS)}") from None


def window(table: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """The rows from ``start_year`` to ``end_year`` inclusive, after checking both lie in the table."""
    first, last = int(table["year"].min()), int(table["year"].max())
    for name, year in (("start_year", start_year), ("end_year", end_year)):
        if not first <= year <= last:
            raise ParameterError(name, f"{year} is outside the data ({first}–{last})")
    if start_year > end_year:
        raise ParameterError(
            "start_year", f"{start_year} is after end_year {end_year}; start_year must not be after end_year"
        )
    return table.loc[(table["year"] >= start_year) & (table["year"] <= end_year)]


def tidy(table: pd.DataFrame, unit: str = "printed") -> pd.DataFrame:
    """Long form: one row per year and flow (total, export, import), value in ``unit``."""
    factor, label = unit_factor(unit)
    long = table.reset_index(drop=True).melt(id_vars="year", value_vars=LEVELS, var_name="flow", value_name="value")
    long["value"] = (long["value"] * factor).round(6)
    long["unit"] = label
    long["yoy_pct_printed"] = [table.loc[y, GROWTH[f]] for y, f in zip(long["year"], long["flow"])]
    return long
