"""Materiality: which inconsistent findings are errata a reader should act on, and which are noise.

The rule, stated once here and in the audit appendix: an inconsistent finding of the sum, growth,
level or share checks is a **material erratum** when the gap between its rounding intervals is at
least ``threshold_pct`` per cent of the quantity it concerns (the finding's ``scale``: the total,
the level ratio of a growth rate, the outside level, the recomputed share); below that it is
**reporting noise**, a gap too small to change what a reader takes from the table (the threshold lies
above the rounding of every printed number and the spread of outside quotes of one figure).
An inconsistent unit or text finding is a statement that does not hold as written and is always
material, except a statement that fails only because of the caption's unit slip: it is reported
with that slip (its ``reported_with``), not as an erratum of its own.
"""

from __future__ import annotations

import math

import pandas as pd

from heilongjiang_russia.errors import ParameterError

from .core import INCONSISTENT

THRESHOLD_PCT = 2.0  # default: see the audit appendix for the reasoning
MATERIAL, NOISE, WITH_SLIP = "material erratum", "reporting noise", "part of the unit slip"
TIERS = (MATERIAL, NOISE, WITH_SLIP)
NUMERIC_CHECKS = ("sum", "growth", "level", "share")  # checks whose difference is a gap between intervals


def check_threshold(name: str, value) -> float:
    """A threshold in per cent: a number greater than 0 and less than 100."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 100:
        raise ParameterError(
            name, f"{value!r} is not allowed; give a relative difference in per cent, greater than 0 and less than 100"
        )
    return float(value)


def relative_gap_pct(difference, scale) -> float:
    """|difference| as a percentage of |scale| (NaN without a scale)."""
    if (
        difference is None
        or scale is None
        or any(isinstance(v, float) and math.isnan(v) for v in (difference, scale))
        or scale == 0
    ):
        return math.nan
    return abs(float(difference)) / abs(float(scale)) * 100


def tier(check: str, verdict: str, relative_pct: float, reported_with: str, threshold_pct: float) -> str:
    """The tier of one finding ("" unless it is inconsistent)."""
    if verdict != INCONSISTENT:
        return ""
    if reported_with:
        return WITH_SLIP
    if check in NUMERIC_CHECKS:
        return MATERIAL if relative_pct >= threshold_pct else NOISE
    return MATERIAL


def classify(findings: pd.DataFrame, threshold_pct: float = THRESHOLD_PCT) -> pd.DataFrame:
    """``findings`` with ``relative_gap_pct`` (numeric checks) and ``tier`` columns."""
    threshold_pct = check_threshold("threshold_pct", threshold_pct)
    out = findings.copy()
    for column, empty in (
        ("scale", math.nan),
        ("reported_with", ""),
        ("cause", ""),
    ):  # rows from elsewhere may lack them
        out[column] = out[column].fillna(empty) if column in out else empty
    numeric = out["check"].isin(NUMERIC_CHECKS)
    out["relative_gap_pct"] = [
        round(relative_gap_pct(d, s), 6) if n else math.nan for d, s, n in zip(out["difference"], out["scale"], numeric)
    ]
    out["tier"] = [
        tier(c, v, r, w, threshold_pct)
        for c, v, r, w in zip(out["check"], out["verdict"], out["relative_gap_pct"], out["reported_with"])
    ]
    return out


def sensitivity(findings: pd.DataFrame, thresholds=(1.0, 2.0, 5.0, 10.0)) -> pd.DataFrame:
    """How many findings are material errata and how many noise at each threshold."""
    rows = []
    for t in thresholds:
        tiers = classify(findings, t)["tier"]
        rows.append(
            {
                "threshold_pct": float(t),
                "material": int((tiers == MATERIAL).sum()),
                "noise": int((tiers == NOISE).sum()),
            }
        )
    return pd.DataFrame(rows)
