"""The chapter's parameters: their defaults (one source, :class:`Parameters`) and their rules.

The notebook's parameters cell states the same defaults as literals (papermill needs literals);
a test holds the two equal. The runner and the notebook both call :func:`check_parameters`,
so they cannot disagree on a default or an allowed range.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from heilongjiang_russia.data import checks
from heilongjiang_russia.errors import ParameterError

YEARS = tuple(range(2008, 2019))  # the years of Song's Table 1
SCENARIOS = ("pace", "mid", "plan")  # volume of a year known only in part
MARKERS = ("brent", "dubai")  # the year-specific price markers the oil can be priced at
API_LIMITS = (30.0, 40.0)  # a light-to-medium crude; outside this the blend would not be ESPO
PREMIUM_LIMITS = (-10.0, 10.0)  # US$/bbl against the price marker
VOLUME_BASE_YEARS = range(2011, 2017)  # the years whose full pipeline volume is known


@dataclass(frozen=True)
class Parameters:
    """The chapter's parameters with their defaults, the cited central values."""

    api_gravity: float = 33.4  # API gravity of the pipeline's crude, degrees (Platts' 7.33 bbl/t, 2011)
    api_low: float = 31.1  # low end of the API gravity range (the grade's density ceiling, 870 kg/m3)
    api_high: float = 36.0  # high end of the API gravity range (ESPO blend as reported in 2021)
    price_marker: str = "brent"  # the annual price the oil is valued at: "brent" or "dubai"
    price_premium: float = 0.0  # pipeline oil price minus the marker's annual average, US$/bbl
    premium_low: float = -2.0  # low end of the premium range
    premium_high: float = 1.0  # high end of the premium range
    volume_scenario: str = "mid"  # 2017 and 2018 pipeline volume: "pace", "mid" or "plan"
    price_base_year: int = 2014  # Brent price kept by the constant-price counterfactual
    volume_base_year: int = 2011  # pipeline volume kept by the constant-volume counterfactual
    swing_pct: float = 15.0  # a swing: total trade moved by more than this many percent
    swing_low: float = 10.0  # low end of the plausible range of the swing threshold
    swing_high: float = 25.0  # high end of the plausible range of the swing threshold
    run_name: str = "06_price_or_volume"  # folder under outputs/ for the tables behind the figures


DEFAULTS: dict[str, Any] = asdict(Parameters())


def _number(values: Mapping[str, Any], name: str) -> float:
    value = values.get(name, DEFAULTS[name])
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ParameterError(name, f"{value!r} is not a number; the default is {DEFAULTS[name]!r}")
    return float(value)


def _year(values: Mapping[str, Any], name: str, allowed: range, why: str) -> int:
    value = values.get(name, DEFAULTS[name])
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(name, f"{value!r} is not a whole number (a year); the default is {DEFAULTS[name]}")
    if value not in allowed:
        raise ParameterError(name, f"{value} is outside {allowed[0]}–{allowed[-1]} ({why})")
    return value


def _ordered(out: dict[str, Any], low: str, central: str, high: str, rule: str) -> None:
    """``low`` ≤ ``central`` ≤ ``high``, else an error naming the end that breaks it."""
    if not out[low] <= out[central] <= out[high]:
        raise ParameterError(low if out[low] > out[central] else high, rule)


def _in_limits(out: dict[str, Any], values: Mapping[str, Any], names: tuple[str, ...], limits, what: str) -> None:
    lo, hi = limits
    for name in names:
        out[name] = _number(values, name)
        if not lo <= out[name] <= hi:
            raise ParameterError(name, what.format(value=out[name], lo=lo, hi=hi))


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The chapter's parameters from ``values`` (missing ones take their defaults), validated.

    Raises :class:`ParameterError` naming the first parameter that is not allowed.
    """
    out: dict[str, Any] = {}
    _in_limits(
        out,
        values,
        ("api_gravity", "api_low", "api_high"),
        API_LIMITS,
        "{value:g} degrees API is outside the plausible range {lo:g}–{hi:g} for the ESPO blend (cited value 33.4)",
    )
    _ordered(
        out,
        "api_low",
        "api_gravity",
        "api_high",
        f"api_low ({out['api_low']:g}) ≤ api_gravity ({out['api_gravity']:g}) ≤ api_high ({out['api_high']:g}) must hold",
    )
    _in_limits(
        out,
        values,
        ("price_premium", "premium_low", "premium_high"),
        PREMIUM_LIMITS,
        "{value:g} US$/bbl is outside {lo:g} to {hi:g} (the pipeline price minus the marker's annual average)",
    )
    _ordered(
        out,
        "premium_low",
        "price_premium",
        "premium_high",
        f"premium_low ({out['premium_low']:g}) ≤ price_premium ({out['price_premium']:g}) ≤ "
        f"premium_high ({out['premium_high']:g}) must hold",
    )
    marker = values.get("price_marker", DEFAULTS["price_marker"])
    if marker not in MARKERS:
        raise ParameterError("price_marker", f"{marker!r} is not a price marker; choose one of {', '.join(MARKERS)}")
    out["price_marker"] = marker
    scenario = values.get("volume_scenario", DEFAULTS["volume_scenario"])
    if scenario not in SCENARIOS:
        raise ParameterError("volume_scenario", f"{scenario!r} is not a scenario; choose one of {', '.join(SCENARIOS)}")
    out["volume_scenario"] = scenario
    out["price_base_year"] = _year(
        values, "price_base_year", range(YEARS[0], YEARS[-1] + 1), "a year of Song's Table 1 with a Brent price"
    )
    out["volume_base_year"] = _year(
        values, "volume_base_year", VOLUME_BASE_YEARS, "a year whose full pipeline volume is known"
    )
    for name in ("swing_pct", "swing_low", "swing_high"):
        out[name] = _number(values, name)
        if not 0 < out[name] < 100:
            raise ParameterError(name, f"{out[name]:g} is not between 0 and 100 (a change of total trade, %)")
    _ordered(
        out,
        "swing_low",
        "swing_pct",
        "swing_high",
        f"swing_low ({out['swing_low']:g}) ≤ swing_pct ({out['swing_pct']:g}) ≤ swing_high ({out['swing_high']:g}) "
        "must hold",
    )
    out["run_name"] = checks.run_name(values.get("run_name", DEFAULTS["run_name"]))
    return out
