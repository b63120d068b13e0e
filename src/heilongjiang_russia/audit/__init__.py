"""The audit of Song's Table 1 and of what the text says about it, by code.

Every check returns :class:`Finding` records: what was expected, what is printed, the size of
the difference and a verdict. Rounding is handled with interval arithmetic (:mod:`.core`).

Verdicts:

- ``consistent``: the value recomputed from the printed numbers rounds to the printed value
  (or, for outside data, the outside value lies inside the printed value's interval);
- ``within rounding``: the point values differ, but the rounding intervals overlap;
- ``inconsistent``: the intervals do not overlap; the difference is the gap between them;
- ``not checkable``: the data needed for the check are not in the table or in the outside
  data (outside rows that are DERIVED, unsourced, partial-year or of low confidence are not evidence).

An inconsistent finding is then a material erratum or reporting noise (:mod:`.tiers`).

One module per check: :mod:`.sums` (total = export + import), :mod:`.growth` (printed growth
against the levels), :mod:`.unit` (the caption's unit), :mod:`.levels` (levels and shares against
outside data; a level reported in yuan is converted here, :mod:`.yuan`), :mod:`.text` (what the text says); :mod:`.ledger` joins them and gives claims and
cells their status. The appendix's tables and prose are built by
:mod:`heilongjiang_russia.chapters.audit_appendix`; the book's verdicts, with the decomposition's
judgement of the causal statements, by :mod:`heilongjiang_russia.chapters.verdicts`. The status columns of ``data/claims.csv`` and
``data/table1_cells.csv`` are written by :func:`heilongjiang_russia.chapters.claims.write_derived`, which
``reproduce`` calls, and a test checks that the files agree with the code.
"""

from __future__ import annotations

from .core import (
    CHECKS,
    CITED,
    CLAIM_2007,
    CLAIM_UNIT,
    CONSISTENT,
    HALF,
    INCONSISTENT,
    NOT_CHECKABLE,
    PAPER_YEARS,
    PARTLY,
    ROUNDING,
    VERDICTS,
    Finding,
    cell_id,
    decimals,
    finding_id,
    gap,
    growth_interval,
    half_unit,
    interval,
    judge,
    ratio_interval,
)
from .growth import check_growth, growth_table
from .ledger import (
    REPLACEABLE_TEXT,
    as_frame,
    audit,
    cells,
    claim_status,
    problems,
    scorecard,
    with_text_findings,
    worst,
)
from .levels import check_levels, check_shares, china_share_peak
from .outside import EVIDENCE_CONFIDENCE, conversions, is_evidence, outside_china_russia, outside_heilongjiang
from .sums import check_sums
from .text import TEXT_CHECKS, check_text
from .tiers import MATERIAL, NOISE, THRESHOLD_PCT, TIERS, WITH_SLIP, classify, relative_gap_pct, sensitivity
from .unit import check_unit, implied_totals
from .yuan import annual_rates, growth_readings

__all__ = [
    "CHECKS",
    "CITED",
    "CLAIM_2007",
    "CLAIM_UNIT",
    "CONSISTENT",
    "EVIDENCE_CONFIDENCE",
    "HALF",
    "INCONSISTENT",
    "MATERIAL",
    "NOISE",
    "NOT_CHECKABLE",
    "PAPER_YEARS",
    "PARTLY",
    "ROUNDING",
    "TEXT_CHECKS",
    "THRESHOLD_PCT",
    "TIERS",
    "VERDICTS",
    "WITH_SLIP",
    "Finding",
    "annual_rates",
    "as_frame",
    "audit",
    "cell_id",
    "cells",
    "check_growth",
    "check_levels",
    "check_shares",
    "check_sums",
    "check_text",
    "china_share_peak",
    "check_unit",
    "claim_status",
    "classify",
    "conversions",
    "decimals",
    "finding_id",
    "gap",
    "growth_interval",
    "growth_readings",
    "growth_table",
    "half_unit",
    "implied_totals",
    "interval",
    "is_evidence",
    "judge",
    "outside_china_russia",
    "outside_heilongjiang",
    "problems",
    "ratio_interval",
    "readings_myst",
    "readings_summary",
    "relative_gap_pct",
    "scorecard",
    "sensitivity",
    "worst",
    "yuan_levels_summary",
    "REPLACEABLE_TEXT",
    "with_text_findings",
]
