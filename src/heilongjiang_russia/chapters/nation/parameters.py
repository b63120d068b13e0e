"""The parameters of "The province and the nation": defaults, allowed values, and the one check.

:class:`Parameters` holds the defaults (one source: the notebook's parameters cell repeats them as
literals, and a test keeps the two equal); :func:`check_parameters` is what the runner and the
notebook call before anything is computed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from heilongjiang_russia.data import checks
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import ParameterError

MARKERS = {"dubai": "World Bank's annual average of the Dubai price", "brent": "annual average of the Brent price"}
RATE_BASES = {  # the same choices as chapter 7
    "official_then_fed": "the official annual average where a source was found, else the Federal Reserve H.10 average",
    "fed": "the Federal Reserve H.10 annual average for every year",
    "official_only": "the official annual average only (a year without one stays unconverted)",
}
MIN_CONFIDENCES = ("medium", "low")  # "high" would leave no crude tonnage at all (every row is medium or low)
CONFIDENCE_RANK = {"unsourced": 0, "low": 1, "medium": 2, "high": 3}
PREMIUM_LIMITS = (-10.0, 10.0)  # US$/bbl against the marker
BBL_LIMITS = (7.0, 7.6)  # barrels per tonne: a crude of about 26 to 40 degrees API
INDEX_BASE_YEARS = (2010, 2016, 2017, 2018)  # years with all three flows reported on both sides


@dataclass(frozen=True)
class Parameters:
    """The chapter's defaults (the values of the notebook's parameters cell)."""

    price_basis: str = "dubai"
    price_premium: float = 0.0
    premium_low: float = -6.0
    premium_high: float = 3.0
    bbl_per_tonne: float = 7.33
    bbl_low: float = 7.23
    bbl_high: float = 7.45
    swing_pct: float = 15.0
    index_base_year: int = 2010
    rate_basis: str = "official_then_fed"
    min_confidence: str = "low"
    run_name: str = "08_province_and_nation"


DEFAULTS: dict[str, Any] = asdict(Parameters())
NAMES = [f.name for f in fields(Parameters)]


def _number(name: str, value: Any, low: float, high: float, what: str) -> float:
    value = checks.kind(name, value, float)
    if not math.isfinite(value) or not low <= value <= high:
        raise ParameterError(name, f"{value:g} is outside {low:g} to {high:g} ({what})")
    return value


def _ordered(out: dict[str, Any], low: str, mid: str, high: str) -> None:
    if not out[low] <= out[mid] <= out[high]:
        bad = low if out[low] > out[mid] else high
        raise ParameterError(bad, f"{low} ({out[low]:g}) ≤ {mid} ({out[mid]:g}) ≤ {high} ({out[high]:g}) must hold")


def _choice(name: str, value: Any, allowed) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(name, f"{value!r} is not allowed; choose one of {', '.join(allowed)}")
    return value


def _base_year(value: Any, min_confidence: str) -> int:
    """A year whose China–Russia split is usable at ``min_confidence`` and that Song's Table 1 covers."""
    year = checks.kind("index_base_year", value, int)
    if year not in INDEX_BASE_YEARS:
        raise ParameterError(
            "index_base_year",
            f"{year} is not a year with all three flows reported for both the province and China; "
            f"choose one of {', '.join(map(str, INDEX_BASE_YEARS))}",
        )
    row = load_resource("china-russia-trade").set_index("year").loc[year]
    if CONFIDENCE_RANK[row["confidence"]] < CONFIDENCE_RANK[min_confidence]:
        raise ParameterError(
            "index_base_year",
            f"China's {year} figures are of {row['confidence']} confidence, below min_confidence "
            f"{min_confidence!r}; choose another year",
        )
    return year


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The chapter's parameters read from ``values`` (the runner's values or the notebook's globals()),
    validated, with the cross-parameter rules applied and ``rate_text`` (what the rate basis means) added.

    Raises :class:`ParameterError` naming the first parameter that is not allowed.
    """
    p = checks.read(values, NAMES)
    out: dict[str, Any] = {"price_basis": _choice("price_basis", p["price_basis"], MARKERS)}
    lo, hi = PREMIUM_LIMITS
    for name in ("price_premium", "premium_low", "premium_high"):
        out[name] = _number(name, p[name], lo, hi, "US$/bbl, the crude's price minus the marker's annual average")
    _ordered(out, "premium_low", "price_premium", "premium_high")
    lo, hi = BBL_LIMITS
    for name in ("bbl_per_tonne", "bbl_low", "bbl_high"):
        out[name] = _number(name, p[name], lo, hi, "barrels in a tonne of crude, about 26 to 40 degrees API")
    _ordered(out, "bbl_low", "bbl_per_tonne", "bbl_high")
    out["swing_pct"] = checks.kind("swing_pct", p["swing_pct"], float)
    if not 0 <= out["swing_pct"] < 100:
        raise ParameterError(
            "swing_pct", f"{out['swing_pct']:g} is not from 0 up to 100 (a change of China's imports from Russia, %)"
        )
    out["rate_basis"] = _choice("rate_basis", p["rate_basis"], RATE_BASES)
    out["min_confidence"] = _choice("min_confidence", p["min_confidence"], MIN_CONFIDENCES)
    out["index_base_year"] = _base_year(p["index_base_year"], out["min_confidence"])
    out["run_name"] = checks.run_name(p["run_name"])
    out["rate_text"] = RATE_BASES[out["rate_basis"]]
    out["marker_text"] = MARKERS[out["price_basis"]]
    return out
