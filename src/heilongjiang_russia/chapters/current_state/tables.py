"""Song's Table 1 as the chapter shows it: a numbered MyST table of the values as printed."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.data import table1
from heilongjiang_russia.present.tables import myst_table


def table1_myst(table: pd.DataFrame, caption: str = table1.CAPTION, label: str = "tab-table1") -> str:
    """A numbered, captioned MyST table (``{table}`` directive) of the table as printed."""
    if caption == table1.CAPTION:
        first, last = int(table["year"].min()), int(table["year"].max())
        caption = table1.CAPTION.format(years=str(first) if first == last else f"{first}–{last}")
    formats = {c: ".1f" for c in table1.HEADINGS if c != "year"} | {"year": "d"}
    return myst_table(
        table,
        table1.HEADINGS,
        caption,
        label,
        formats=formats,
        align=dict.fromkeys(table1.HEADINGS, "right"),
        table_align="center",
    )
