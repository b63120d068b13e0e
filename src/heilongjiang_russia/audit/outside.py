"""Outside figures that count as evidence: reported annual values of the paper's years.

A row counts when its kind of evidence (:mod:`heilongjiang_russia.data.evidence`) is a reported one
(official, agency, secondary), its confidence is high or medium, and its year is one of the paper's
(2008–2018). A third party's conversion, a value derived here, a part-year figure or a gap never
counts, whatever its confidence. A file without a kind column (the China–Russia totals) falls back
to its source: a row whose source begins "DERIVED" does not count.
"""

from __future__ import annotations

import math

import pandas as pd

from heilongjiang_russia.data.evidence import EVIDENCE_CONFIDENCE, PART_YEAR, is_reported
from heilongjiang_russia.data.validation import load_resource

from .core import PAPER_YEARS

PARTIAL_YEAR = PART_YEAR  # hlj_russia_trade_H1, ..._Jan_Aug


def is_evidence(confidence: str, source, kind: str | None = None) -> bool:
    """An outside value counts as evidence: high or medium confidence and reported: of a reported
    ``kind`` where the row has one, else a source that is not DERIVED."""
    if confidence not in EVIDENCE_CONFIDENCE:
        return False
    if kind is not None:
        return is_reported(kind)
    source = "" if source is None or (isinstance(source, float) and math.isnan(source)) else str(source)
    return not source.strip().upper().startswith("DERIVED")


def _paper_year(year) -> bool:
    return int(year) in PAPER_YEARS


def _kinds(frame: pd.DataFrame, column: str = "evidence") -> list:
    return list(frame[column]) if column in frame else [None] * len(frame)


def outside_china_russia(frame: pd.DataFrame | None = None) -> pd.Series:
    """China–Russia trade totals (US$ bn) that count as evidence, by year (2008–2018)."""
    frame = load_resource("china-russia-trade") if frame is None else frame
    keep = [
        is_evidence(c, s, k) and not pd.isna(v) and _paper_year(y)
        for y, c, s, v, k in zip(
            frame["year"], frame["confidence"], frame["source"], frame["total_usd_bn"], _kinds(frame)
        )
    ]
    return frame.loc[keep].set_index("year")["total_usd_bn"]


def outside_heilongjiang(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Heilongjiang figures (long form) that count as evidence: reported, annual, 2008–2018.

    The kind decides (a conversion is never a reported figure); a frame without a kind column is
    refused, because its rows cannot be told apart."""
    frame = load_resource("heilongjiang-trade") if frame is None else frame
    if "evidence" not in frame:
        raise ValueError("outside_heilongjiang: the frame has no 'evidence' column (the kind of each row)")
    keep = [
        is_evidence(c, s, k) and not pd.isna(v) and _paper_year(y) and not PART_YEAR.search(str(n))
        for y, n, c, s, v, k in zip(
            frame["year"], frame["variable"], frame["confidence"], frame["source"], frame["value"], frame["evidence"]
        )
    ]
    return frame.loc[keep].reset_index(drop=True)


def conversions(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """The third parties' conversions of reported figures (kind ``conversion``): shown beside the
    book's own conversion, never used as evidence."""
    frame = load_resource("heilongjiang-trade") if frame is None else frame
    return frame[frame["evidence"] == "conversion"].reset_index(drop=True)


def lookup(hlj: pd.DataFrame, year: int, variable: str, unit: str = "USD bn"):
    """The evidence row for ``variable`` in ``year`` in a unit starting with ``unit``, or None."""
    hit = hlj[(hlj["year"] == year) & (hlj["variable"] == variable) & (hlj["unit"].astype(str).str.startswith(unit))]
    return None if hit.empty else hit.iloc[0]
