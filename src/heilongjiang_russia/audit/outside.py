"""Outside figures that count as evidence: reported annual values of the paper's years.

A row counts when its confidence is high or medium, its source is not DERIVED, its variable is
not a partial-year figure (``..._H1``, ``..._Q1``, ``..._Jan_Aug``) and its year is one of the
paper's (2008–2018). Everything else (unsourced, computed, partial or later rows) is left out.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from heilongjiang_russia.data.validation import load_resource

from .core import PAPER_YEARS

EVIDENCE_CONFIDENCE = ("high", "medium")  # outside rows that count as evidence
PARTIAL_YEAR = re.compile(r"_(H[12]|Q[1-4]|[A-Z][a-z]{2}_[A-Z][a-z]{2})$")  # hlj_russia_trade_H1, ..._Jan_Aug


def is_evidence(confidence: str, source) -> bool:
    """An outside value counts as evidence: high or medium confidence, reported (not DERIVED)."""
    source = "" if source is None or (isinstance(source, float) and math.isnan(source)) else str(source)
    return confidence in EVIDENCE_CONFIDENCE and not source.strip().upper().startswith("DERIVED")


def _paper_year(year) -> bool:
    return int(year) in PAPER_YEARS


def outside_china_russia(frame: pd.DataFrame | None = None) -> pd.Series:
    """China–Russia trade totals (US$ bn) that count as evidence, by year (2008–2018)."""
    frame = load_resource("china-russia-trade") if frame is None else frame
    keep = [
        is_evidence(c, s) and not pd.isna(v) and _paper_year(y)
        for y, c, s, v in zip(frame["year"], frame["confidence"], frame["source"], frame["total_usd_bn"])
    ]
    return frame.loc[keep].set_index("year")["total_usd_bn"]


def outside_heilongjiang(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Heilongjiang figures (long form) that count as evidence: reported, annual, 2008–2018."""
    frame = load_resource("heilongjiang-trade") if frame is None else frame
    keep = [
        is_evidence(c, s) and not pd.isna(v) and _paper_year(y) and not PARTIAL_YEAR.search(str(n))
        for y, n, c, s, v in zip(frame["year"], frame["variable"], frame["confidence"], frame["source"], frame["value"])
    ]
    return frame.loc[keep].reset_index(drop=True)


def lookup(hlj: pd.DataFrame, year: int, variable: str, unit: str = "USD bn"):
    """The evidence row for ``variable`` in ``year`` in a unit starting with ``unit``, or None."""
    hit = hlj[(hlj["year"] == year) & (hlj["variable"] == variable) & (hlj["unit"].astype(str).str.startswith(unit))]
    return None if hit.empty else hit.iloc[0]
