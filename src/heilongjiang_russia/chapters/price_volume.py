"""Price or volume? The paper's energy-price explanation of the trade swings, tested.

Song (2019) explains the swings of Heilongjiang's trade with Russia by the oil pipeline (2011) and
by falling world energy prices (2015-2016). This module splits the province's imports from Russia
(Song's Table 1, import column) into the value of the crude oil that came through the
Skovorodino-Mohe-Daqing pipeline and everything else, and decomposes every year's change in
imports, and in total trade, into a price effect, a volume effect and the rest:

* value of pipeline oil (US$ bn) = volume (Mt) x barrels per tonne x price (US$/bbl) / 1000, with
  barrels per tonne = (API + 131.5) / (141.5 x 0.158987) and the price the Brent annual average
  plus a premium (negative: a discount);
* the change of the oil value between two years is split with the midpoint (Shapley) rule:
  price effect = b x dP x (V0 + V1) / 2, volume effect = b x dV x (P0 + P1) / 2, which add up to
  b x (V1 P1 - V0 P0) exactly; "other goods" is the rest of the change in imports, and for total
  trade the change in exports is a fourth part.

Every input that is not known exactly spans a range: Table 1's rounding (half a unit of the printed
place, 0.05 x 10^8 US$), the pipeline volumes (+-0.05 Mt for full years, the agreement of the
cumulative totals; a scenario range for 2017 and 2018, which are known only in part), the API
gravity and the price basis. Results are ranges over the low, central and high value of every
input; DERIVED rows are flagged, partial-year rows never enter as annual figures.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError

BBL_M3 = 0.158987  # cubic metres in one barrel
YEARS = tuple(range(2008, 2019))  # the years of Song's Table 1
HEADLINE_YEARS = (2009, 2011, 2015, 2016, 2018)  # the swings the chapter's prose names
SCENARIOS = ("pace", "mid", "plan")  # volume of a year known only in part
VOLUME_BAND = 0.05  # Mt: agreement of the cumulative totals with the annual figures
ROUNDING = 0.05 * 0.1  # half a unit of Table 1's printed place (0.05 x 10^8 US$), in US$ bn
THROUGHPUT = "espo_china_branch_throughput"
PARTLY = "partly supported"  # a verdict the ledger's vocabulary does not have yet
CONSISTENT, INCONSISTENT = "consistent", "inconsistent"
API_LIMITS = (30.0, 40.0)  # a light-to-medium crude; outside this the blend would not be ESPO
PREMIUM_LIMITS = (-10.0, 10.0)  # US$/bbl against Brent
PARTS = ("price", "volume", "other")  # parts of the change in imports
TOTAL_PARTS = ("price", "volume", "other", "exports")  # parts of the change in total trade
PART_LABELS = {"price": "oil price", "volume": "pipeline volume", "other": "other imports", "exports": "exports"}
CLAIM_2011, CLAIM_2018, CLAIM_ENERGY = "C012", "C014", "C015"

DEFAULTS: dict[str, Any] = {
    "api_gravity": 36.0,
    "api_low": 34.0,
    "api_high": 38.0,
    "price_premium": 0.0,
    "premium_low": -2.0,
    "premium_high": 1.0,
    "volume_scenario": "mid",
    "price_base_year": 2014,
    "volume_base_year": 2011,
    "swing_pct": 15.0,
    "run_name": "06_price_or_volume",
}
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MONTHS = {
    m: i + 1 for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
}


# --- parameters --------------------------------------------------------------------------------


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


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The chapter's parameters from ``values`` (missing ones take their defaults), validated.

    Raises :class:`ParameterError` naming the first parameter that is not allowed.
    """
    out: dict[str, Any] = {}
    lo_api, hi_api = API_LIMITS
    for name in ("api_gravity", "api_low", "api_high"):
        out[name] = _number(values, name)
        if not lo_api <= out[name] <= hi_api:
            raise ParameterError(
                name,
                f"{out[name]:g} degrees API is outside the plausible range {lo_api:g}–{hi_api:g} "
                "for the ESPO blend (cited value 36)",
            )
    if not out["api_low"] <= out["api_gravity"] <= out["api_high"]:
        bad = "api_low" if out["api_low"] > out["api_gravity"] else "api_high"
        raise ParameterError(
            bad,
            f"api_low ({out['api_low']:g}) ≤ api_gravity ({out['api_gravity']:g}) ≤ api_high "
            f"({out['api_high']:g}) must hold",
        )
    lo_p, hi_p = PREMIUM_LIMITS
    for name in ("price_premium", "premium_low", "premium_high"):
        out[name] = _number(values, name)
        if not lo_p <= out[name] <= hi_p:
            raise ParameterError(
                name,
                f"{out[name]:g} US$/bbl is outside {lo_p:g} to {hi_p:g} (the pipeline price "
                "minus the Brent annual average)",
            )
    if not out["premium_low"] <= out["price_premium"] <= out["premium_high"]:
        bad = "premium_low" if out["premium_low"] > out["price_premium"] else "premium_high"
        raise ParameterError(
            bad,
            f"premium_low ({out['premium_low']:g}) ≤ price_premium ({out['price_premium']:g}) ≤ "
            f"premium_high ({out['premium_high']:g}) must hold",
        )
    scenario = values.get("volume_scenario", DEFAULTS["volume_scenario"])
    if scenario not in SCENARIOS:
        raise ParameterError("volume_scenario", f"{scenario!r} is not a scenario; choose one of {', '.join(SCENARIOS)}")
    out["volume_scenario"] = scenario
    out["price_base_year"] = _year(
        values, "price_base_year", range(YEARS[0], YEARS[-1] + 1), "a year of Song's Table 1 with a Brent price"
    )
    out["volume_base_year"] = _year(
        values, "volume_base_year", range(2011, 2017), "a year whose full pipeline volume is known"
    )
    out["swing_pct"] = _number(values, "swing_pct")
    if not 0 < out["swing_pct"] < 100:
        raise ParameterError("swing_pct", f"{out['swing_pct']:g} is not between 0 and 100 (a change of total trade, %)")
    run_name = values.get("run_name", DEFAULTS["run_name"])
    if not isinstance(run_name, str) or not _SAFE_NAME.match(run_name):
        raise ParameterError(
            "run_name",
            f"{run_name!r} is not a folder name; use letters, digits, '_', '-' and '.', "
            "starting with a letter or digit",
        )
    out["run_name"] = run_name
    return out


# --- inputs --------------------------------------------------------------------------------------


def barrels_per_tonne(api: float) -> float:
    """Barrels in one tonne of crude of ``api`` degrees: (API + 131.5) / (141.5 x 0.158987)."""
    if not api > -131.5:
        raise ValueError(f"API gravity {api} gives no positive specific gravity")
    return (api + 131.5) / (141.5 * BBL_M3)


def crude_properties(frame: pd.DataFrame | None = None) -> dict[str, tuple[float, float, float]]:
    """``{property: (value, low, high)}`` from ``data/external/espo_crude.csv``."""
    frame = load_resource("espo-crude") if frame is None else frame
    return {r.property: (float(r.value), float(r.low), float(r.high)) for r in frame.itertuples()}


def _months(suffix: str) -> int | None:
    """Months a partial-year variable covers: ``H1`` -> 6, ``Jan_Oct`` -> 10; None for other suffixes."""
    if suffix == "H1":
        return 6
    found = re.fullmatch(r"Jan_([A-Z][a-z]{2})", suffix)
    return _MONTHS.get(found.group(1)) if found else None


def volume_table(espo: pd.DataFrame | None = None, scenario: str = "mid", years=YEARS) -> pd.DataFrame:
    """Pipeline throughput (Mt) for every year of ``years``: central value, low, high and status.

    A full-year figure is used as reported (``reported``) or, when its source is DERIVED, flagged
    ``derived``; both get a band of +-0.05 Mt. A year with only a part known (``partial``) gets a
    scenario range: ``pace`` (the known months' pace kept for the rest of the year) to ``plan`` (the
    year's plan, else its design capacity); ``mid`` lies halfway. The known part is never used as the
    annual figure.
    """
    if scenario not in SCENARIOS:
        raise ParameterError("volume_scenario", f"{scenario!r} is not a scenario; choose one of {', '.join(SCENARIOS)}")
    espo = load_resource("espo-china-oil") if espo is None else espo
    shown = "data/external/espo_china_oil.csv"
    rows = []
    for year in years:
        here = espo[espo["year"] == year]
        annual = here[(here["variable"] == THROUGHPUT) & here["value"].notna()]
        if not annual.empty:
            row = annual.iloc[0]
            value = float(row["value"])
            derived = str(row["source"] or "").startswith("DERIVED")
            band = 0.0 if value == 0 else VOLUME_BAND
            status = "derived" if derived else ("none" if value == 0 else "reported")
            rows.append(
                {
                    "year": year,
                    "volume_mt": value,
                    "low_mt": value - band,
                    "high_mt": value + band,
                    "status": status,
                    "known_mt": value,
                    "months_known": 12,
                    "pace_mt": None,
                    "plan_mt": None,
                    "confidence": row["confidence"],
                }
            )
            continue
        partial = [
            (r, _months(r.variable[len(THROUGHPUT) + 1 :]))
            for r in here.itertuples()
            if r.variable.startswith(THROUGHPUT + "_") and r.value == r.value
        ]
        partial = [(r, m) for r, m in partial if m]
        if not partial:
            raise DataValidationError(shown, f"no full-year or partial-year throughput for {year}", column="value")
        known, months = max(partial, key=lambda item: item[1])
        pace = float(known.value) * 12 / months
        plan_rows = here[(here["variable"] == THROUGHPUT + "_plan") & here["value"].notna()]
        capacity = espo[
            (espo["variable"] == "espo_china_branch_design_capacity") & (espo["year"] <= year) & espo["value"].notna()
        ].sort_values("year")
        if not plan_rows.empty:
            plan = float(plan_rows["value"].iloc[0])
        elif not capacity.empty:
            plan = float(capacity["value"].iloc[-1])
        else:
            raise DataValidationError(
                shown, f"{year} is known only in part and has neither a plan nor a design capacity"
            )
        low, high = min(pace, plan), max(pace, plan)
        central = {"pace": pace, "plan": plan, "mid": (low + high) / 2}[scenario]
        rows.append(
            {
                "year": year,
                "volume_mt": central,
                "low_mt": low,
                "high_mt": high,
                "status": "partial",
                "known_mt": float(known.value),
                "months_known": months,
                "pace_mt": pace,
                "plan_mt": plan,
                "confidence": known.confidence,
            }
        )
    return pd.DataFrame(rows)


def derived_agreement(espo: pd.DataFrame | None = None) -> pd.DataFrame:
    """The DERIVED annual volumes (2012, 2014) against a second route through the cumulative totals."""
    espo = load_resource("espo-china-oil") if espo is None else espo
    v = {(r.year, r.variable): r.value for r in espo.itertuples() if r.value == r.value}
    annual = {y: v[(y, THROUGHPUT)] for y in range(2011, 2017) if (y, THROUGHPUT) in v}
    cum13, cum15, cum16 = (v.get((y, "espo_china_branch_cumulative")) for y in (2013, 2015, 2016))
    rows = []
    if None not in (cum13, annual.get(2011), annual.get(2013), annual.get(2012)):
        rows.append(
            {
                "year": 2012,
                "derived_mt": annual[2012],
                "second_route_mt": cum13 - annual[2013] - annual[2011],
                "route": "cumulative end-2013 − 2013 − 2011",
            }
        )
    if None not in (cum13, cum16, annual.get(2015), annual.get(2016), annual.get(2014)):
        rows.append(
            {
                "year": 2014,
                "derived_mt": annual[2014],
                "second_route_mt": cum16 - annual[2016] - annual[2015] - cum13,
                "route": "cumulative end-2016 − 2016 − 2015 − cumulative end-2013",
            }
        )
    frame = pd.DataFrame(rows, columns=["year", "derived_mt", "second_route_mt", "route"])
    frame["difference_mt"] = (frame["derived_mt"] - frame["second_route_mt"]).round(6)
    return frame


def inputs(
    scenario: str = "mid",
    trade: pd.DataFrame | None = None,
    brent: pd.DataFrame | None = None,
    espo: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per year 2008-2018: Table 1 flows in US$ bn, Brent, the rouble, pipeline volumes."""
    trade = table1.load() if trade is None else trade
    brent = load_resource("brent-rub") if brent is None else brent
    vols = volume_table(espo, scenario).set_index("year")
    prices = brent.set_index("year")
    rows = []
    for year in YEARS:
        if year not in trade.index or year not in prices.index or pd.isna(prices.loc[year, "brent_usd_per_bbl"]):
            raise DataValidationError("data", f"year {year}: Table 1 or the Brent price is missing")
        rows.append(
            {
                "year": year,
                "import_bn": round(float(trade.loc[year, "import"]) * 0.1, 6),
                "export_bn": round(float(trade.loc[year, "export"]) * 0.1, 6),
                "total_printed_bn": round(float(trade.loc[year, "total"]) * 0.1, 6),
                "brent": float(prices.loc[year, "brent_usd_per_bbl"]),
                "rub_per_usd": float(prices.loc[year, "rub_per_usd_avg"])
                if pd.notna(prices.loc[year, "rub_per_usd_avg"])
                else np.nan,
                **{k: vols.loc[year, k] for k in ("volume_mt", "low_mt", "high_mt", "status")},
            }
        )
    return pd.DataFrame(rows)


# --- the split and the decomposition ---------------------------------------------------------------


def oil_value(volume_mt, api, price):
    """US$ bn of ``volume_mt`` million tonnes at ``price`` US$/bbl (arrays broadcast)."""
    return np.asarray(volume_mt) * barrels_per_tonne(api) * np.asarray(price) / 1000.0


def split(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Imports = pipeline oil + everything else, per year (US$ bn): central value and range.

    The oil value rises with volume, API gravity and premium, so its low (high) end takes the low
    (high) end of each; "everything else" takes Table 1's rounding as well.
    """
    out = frame[["year", "import_bn", "volume_mt", "status"]].copy()
    out["price"] = frame["brent"] + p["price_premium"]
    out["oil_bn"] = oil_value(frame["volume_mt"], p["api_gravity"], out["price"]).round(6)
    out["oil_low"] = oil_value(frame["low_mt"], p["api_low"], frame["brent"] + p["premium_low"]).round(6)
    out["oil_high"] = oil_value(frame["high_mt"], p["api_high"], frame["brent"] + p["premium_high"]).round(6)
    out["other_bn"] = (frame["import_bn"] - out["oil_bn"]).round(6)
    out["other_low"] = (frame["import_bn"] - ROUNDING - out["oil_high"]).round(6)
    out["other_high"] = (frame["import_bn"] + ROUNDING - out["oil_low"]).round(6)
    return out


def decompose(m0, m1, v0, v1, p0, p1, b, x0=0.0, x1=0.0) -> dict[str, np.ndarray]:
    """Exact additive split of the change in imports (m) and in total trade (m + x), arrays broadcast.

    ``m``, ``x`` in US$ bn, ``v`` in Mt, ``p`` in US$/bbl, ``b`` in bbl/t. Returns ``price``,
    ``volume``, ``other`` (sum: the change in imports), ``exports`` and the two changes.
    """
    m0, m1, v0, v1, p0, p1, b, x0, x1 = map(np.asarray, (m0, m1, v0, v1, p0, p1, b, x0, x1))
    price = b * (p1 - p0) * (v0 + v1) / 2 / 1000.0
    volume = b * (v1 - v0) * (p0 + p1) / 2 / 1000.0
    change = m1 - m0
    return {
        "price": price,
        "volume": volume,
        "other": change - price - volume,
        "exports": x1 - x0,
        "imports_change": change,
        "total_change": change + (x1 - x0),
    }


def _shares(parts: dict[str, np.ndarray], which: tuple[str, ...], base: str) -> dict[str, np.ndarray]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return {k: np.where(parts[base] != 0, parts[k] / parts[base] * 100, np.nan) for k in which}


def _three(central: float, low: float, high: float) -> tuple[float, float, float]:
    return (low, central, high)


def _pair_inputs(frame: pd.DataFrame, year: int, p: Mapping[str, Any]) -> dict[str, tuple[float, float, float]]:
    """Low, central, high of every input of the change from ``year - 1`` to ``year``."""
    rows = frame.set_index("year")
    a, z = rows.loc[year - 1], rows.loc[year]
    return {
        "api": (p["api_low"], p["api_gravity"], p["api_high"]),
        "premium": (p["premium_low"], p["price_premium"], p["premium_high"]),
        "v0": _three(a["volume_mt"], a["low_mt"], a["high_mt"]),
        "v1": _three(z["volume_mt"], z["low_mt"], z["high_mt"]),
        "m0": _three(a["import_bn"], a["import_bn"] - ROUNDING, a["import_bn"] + ROUNDING),
        "m1": _three(z["import_bn"], z["import_bn"] - ROUNDING, z["import_bn"] + ROUNDING),
        "x0": _three(a["export_bn"], a["export_bn"] - ROUNDING, a["export_bn"] + ROUNDING),
        "x1": _three(z["export_bn"], z["export_bn"] - ROUNDING, z["export_bn"] + ROUNDING),
        "p0": (a["brent"],) * 3,
        "p1": (z["brent"],) * 3,
    }


INPUT_GROUPS = {  # the inputs a sensitivity bar varies together
    "API gravity": ("api",),
    "price against Brent": ("premium",),
    "pipeline volume": ("v0", "v1"),
    "Table 1 rounding": ("m0", "m1", "x0", "x1"),
}


def _evaluate(grid: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    b = (grid["api"] + 131.5) / (141.5 * BBL_M3)
    parts = decompose(
        grid["m0"],
        grid["m1"],
        grid["v0"],
        grid["v1"],
        grid["p0"] + grid["premium"],
        grid["p1"] + grid["premium"],
        b,
        grid["x0"],
        grid["x1"],
    )
    out = dict(parts)
    out.update({f"{k}_share": v for k, v in _shares(parts, PARTS, "imports_change").items()})
    out.update({f"{k}_total_share": v for k, v in _shares(parts, TOTAL_PARTS, "total_change").items()})
    out["oil_total_share"] = out["price_total_share"] + out["volume_total_share"]
    out["nonoil_total"] = parts["other"] + parts["exports"]
    return out


def _grid(values: dict[str, tuple[float, float, float]], vary: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """Every combination of low/central/high of the inputs in ``vary`` (all when None), others central."""
    names = list(values)
    axes = [values[n] if vary is None or n in vary else (values[n][1],) for n in names]
    combos = np.array(list(itertools.product(*axes)), dtype=float)
    return {n: combos[:, i] for i, n in enumerate(names)}


def decomposition(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Every year's change (2009-2018) split into parts, central value with low and high of each."""
    rows = []
    for year in YEARS[1:]:
        values = _pair_inputs(frame, year, p)
        central = _evaluate({k: np.array([v[1]]) for k, v in values.items()})
        every = _evaluate(_grid(values))
        row = {"year": year}
        for key in central:
            row[key] = round(float(central[key][0]), 6) + 0.0  # no negative zero
            row[f"{key}_low"] = (
                round(float(np.nanmin(every[key])), 6) + 0.0 if np.isfinite(every[key]).any() else np.nan
            )
            row[f"{key}_high"] = (
                round(float(np.nanmax(every[key])), 6) + 0.0 if np.isfinite(every[key]).any() else np.nan
            )
        rows.append(row)
    return pd.DataFrame(rows)


def sensitivity(
    frame: pd.DataFrame, p: Mapping[str, Any], years=HEADLINE_YEARS, shares=("price_share", "volume_share")
) -> pd.DataFrame:
    """How far each input group alone moves each share (others at their central values)."""
    rows = []
    for year in years:
        values = _pair_inputs(frame, year, p)
        central = _evaluate({k: np.array([v[1]]) for k, v in values.items()})
        for group, names in INPUT_GROUPS.items():
            got = _evaluate(_grid(values, names))
            for share in shares:
                rows.append(
                    {
                        "year": year,
                        "input": group,
                        "share": share,
                        "central": round(float(central[share][0]), 6),
                        "low": round(float(np.nanmin(got[share])), 6),
                        "high": round(float(np.nanmax(got[share])), 6),
                    }
                )
    out = pd.DataFrame(rows)
    out["swing"] = (out["high"] - out["low"]).round(6)
    return out


def steadiness(frame: pd.DataFrame, p: Mapping[str, Any]) -> dict[str, float]:
    """Mean, range and coefficient of variation (sample sd / mean) of "everything else", 2008-2018,
    at the central inputs and over the low/central/high of the global inputs (API gravity, premium,
    the 2017 and 2018 scenarios, all full-year volume bands and all rounding moved together)."""

    def other(api, premium, vols, shift):
        return frame["import_bn"].to_numpy() + shift - oil_value(vols, api, frame["brent"].to_numpy() + premium)

    partial = frame["status"].to_numpy() == "partial"
    central = other(p["api_gravity"], p["price_premium"], frame["volume_mt"].to_numpy(), 0.0)
    cvs = []
    choices = [frame["low_mt"].to_numpy(), frame["volume_mt"].to_numpy(), frame["high_mt"].to_numpy()]
    for api, prem, band, shift in itertools.product(
        (p["api_low"], p["api_gravity"], p["api_high"]),
        (p["premium_low"], p["price_premium"], p["premium_high"]),
        range(3),
        (-ROUNDING, 0.0, ROUNDING),
    ):
        full = choices[band]
        for pick in itertools.product(range(3), repeat=int(partial.sum())):
            vols = full.copy()
            vols[partial] = [choices[k][i] for k, i in zip(pick, np.flatnonzero(partial))]
            o = other(api, prem, vols, shift)
            cvs.append(np.std(o, ddof=1) / np.mean(o) * 100)
    return {
        "other_mean": float(np.mean(central)),
        "other_min": float(np.min(central)),
        "other_max": float(np.max(central)),
        "other_min_year": int(frame["year"].iloc[int(np.argmin(central))]),
        "other_max_year": int(frame["year"].iloc[int(np.argmax(central))]),
        "other_cv": float(np.std(central, ddof=1) / np.mean(central) * 100),
        "other_cv_low": float(min(cvs)),
        "other_cv_high": float(max(cvs)),
        "imports_cv": float(frame["import_bn"].std(ddof=1) / frame["import_bn"].mean() * 100),
    }


def counterfactuals(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Imports as recorded, at the Brent price of ``price_base_year`` and at the pipeline volume of
    ``volume_base_year`` (from 2011, when the pipeline opened), US$ bn, central inputs."""
    s = split(frame, p).set_index("year")
    base_price = float(frame.set_index("year").loc[p["price_base_year"], "brent"]) + p["price_premium"]
    base_volume = float(frame.set_index("year").loc[p["volume_base_year"], "volume_mt"])
    open_years = s["volume_mt"] > 0
    const_price = s["other_bn"] + oil_value(s["volume_mt"], p["api_gravity"], base_price)
    const_volume = s["other_bn"] + np.where(
        open_years, oil_value(base_volume, p["api_gravity"], s["price"]), s["oil_bn"]
    )
    return pd.DataFrame(
        {
            "year": s.index,
            "recorded": s["import_bn"].to_numpy(),
            "constant_price": np.round(const_price.to_numpy(), 6),
            "constant_volume": np.round(np.asarray(const_volume), 6),
            "price_base_year": p["price_base_year"],
            "volume_base_year": p["volume_base_year"],
        }
    )


# --- exports and the rouble ----------------------------------------------------------------------


def correlation(x, y, level: float = 0.95) -> dict[str, float]:
    """Pearson r of ``x`` and ``y``, n, and the Fisher-z confidence interval (needs n >= 4)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(x)
    if n < 4:
        raise ValueError(f"a correlation with a Fisher-z interval needs at least 4 pairs, got {n}")
    r = float(np.corrcoef(x, y)[0, 1])
    z, se = math.atanh(max(min(r, 0.999999), -0.999999)), 1 / math.sqrt(n - 3)
    q = NormalDist().inv_cdf(0.5 + level / 2)
    return {"r": r, "n": n, "low": math.tanh(z - q * se), "high": math.tanh(z + q * se)}


def rouble_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Exports (US$ bn) and the rouble (RUB per US$) by year, with their log changes."""
    out = frame[["year", "export_bn", "rub_per_usd", "brent"]].copy()
    for col, name in (("export_bn", "dlog_exports"), ("rub_per_usd", "dlog_rub"), ("brent", "dlog_brent")):
        out[name] = np.log(out[col]).diff().round(6)
    return out


def rouble_stats(frame: pd.DataFrame) -> dict[str, float]:
    table = rouble_table(frame)
    levels = correlation(table["export_bn"], table["rub_per_usd"])
    changes = correlation(table["dlog_exports"], table["dlog_rub"])
    oil = correlation(table["dlog_rub"], table["dlog_brent"])
    rows = table.set_index("year")
    out = {f"levels_{k}": v for k, v in levels.items()} | {f"changes_{k}": v for k, v in changes.items()}
    out |= {f"rub_oil_{k}": v for k, v in oil.items()}
    drop = table["dlog_rub"].abs().nlargest(2).index
    rest = table.drop(index=drop)
    without = correlation(rest["dlog_exports"], rest["dlog_rub"])
    out |= {f"changes_without_{k}": v for k, v in without.items()}
    out["without_years"] = _years_text(sorted(int(y) for y in table.loc[drop, "year"]))
    if {2014, 2015} <= set(rows.index):
        out["exports_2015_pct"] = float((rows.loc[2015, "export_bn"] / rows.loc[2014, "export_bn"] - 1) * 100)
        out["rub_2015_pct"] = float((rows.loc[2015, "rub_per_usd"] / rows.loc[2014, "rub_per_usd"] - 1) * 100)
        out["rouble_value_2015_pct"] = float((rows.loc[2014, "rub_per_usd"] / rows.loc[2015, "rub_per_usd"] - 1) * 100)
    return out


# --- the price basis against the reported value of the oil -----------------------------------------


def value_check(frame: pd.DataFrame, api: float, espo: pd.DataFrame | None = None) -> pd.DataFrame:
    """The mean price per barrel that the reported cumulative value of the pipeline's oil implies,
    against the volume-weighted Brent average over the same span (annual averages: the part-year at
    the end is priced at its year's annual average, an approximation)."""
    espo = load_resource("espo-china-oil") if espo is None else espo
    b = barrels_per_tonne(api)
    brent = frame.set_index("year")["brent"]
    annual = {r.year: r.value for r in espo.itertuples() if r.variable == THROUGHPUT and r.value == r.value}
    cum = {
        r.year: r.value
        for r in espo.itertuples()
        if r.variable == "espo_china_branch_cumulative" and r.value == r.value
    }
    rows = []
    for r in espo[(espo["variable"] == "espo_china_branch_cumulative_value") & espo["value"].notna()].itertuples():
        match = re.search(r"(\d+(?:\.\d+)?) Mt", str(r.note))  # the volume the value is for, as the note gives it
        if not match:
            raise DataValidationError(
                "data/external/espo_china_oil.csv",
                f"{r.year} cumulative value: the note names no volume in Mt",
                column="note",
            )
        total_mt = float(match.group(1))
        weights = {}
        for year in range(2011, r.year):
            v = annual.get(year)
            if year == r.year - 1 and year in cum and year - 1 in cum:
                v = cum[year] - cum[year - 1]  # the full previous year from the cumulative totals
            weights[year] = v
        weights[r.year] = total_mt - sum(weights.values())
        mean_brent = sum(weights[y] * brent[y] for y in weights) / total_mt
        implied = float(r.value) * 1000 / (total_mt * b)
        rows.append(
            {
                "as_of": r.year,
                "value_bn": float(r.value),
                "volume_mt": total_mt,
                "part_year_mt": round(weights[r.year], 6),
                "implied_usd_per_bbl": round(implied, 6),
                "brent_weighted": round(mean_brent, 6),
                "implied_premium": round(implied - mean_brent, 6),
            }
        )
    return pd.DataFrame(rows)


# --- verdicts ------------------------------------------------------------------------------------


def _num(v: float) -> str:
    """A whole-number percentage with a true minus sign and no negative zero."""
    v = round(float(v))
    return f"−{-v:d}" if v < 0 else f"{v:d}"


def _pct(v: float) -> str:
    return _num(v) + "%"


def _range(row, key: str) -> str:
    lo, hi = row[f"{key}_low"], row[f"{key}_high"]
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return "undefined"
    return _pct(row[key]) + (f" ({_num(lo)} to {_num(hi)}%)" if round(lo) != round(hi) else "")


def share_text(row, total: bool = False) -> str:
    """'oil price 100% (98 to 101%), pipeline volume 2%, other imports −2%' for one year's row."""
    parts = TOTAL_PARTS if total else PARTS
    if all(row[f"{k}{q}"] == 0 for k in ("price", "volume") for q in ("", "_low", "_high")):
        head = "no pipeline oil in either year, so the oil price and the pipeline volume explain none of it"
        if not total:
            return head + ": other imports 100%"
        return (
            head + ": " + ", ".join(f"{PART_LABELS[k]} {_range(row, k + '_total_share')}" for k in ("other", "exports"))
        )
    suffix = "_total_share" if total else "_share"
    return ", ".join(f"{PART_LABELS[k]} {_range(row, k + suffix)}" for k in parts)


def swings(frame: pd.DataFrame, swing_pct: float, trade: pd.DataFrame | None = None) -> list[int]:
    """Years whose printed total changed by more than ``swing_pct`` percent (Song's Table 1)."""
    trade = table1.load() if trade is None else trade
    return [y for y in YEARS[1:] if abs(float(trade.loc[y, "total_yoy_pct"])) > swing_pct]


def _chief(row, part: str, suffix: str = "_total_share") -> tuple[bool, bool]:
    """Is ``part`` the largest of the parts of the total's change: at the central inputs / anywhere in the range?"""
    others = [k for k in TOTAL_PARTS if k != part]
    central = all(row[part + suffix] > row[k + suffix] for k in others)
    possible = all(row[part + suffix + "_high"] > row[k + suffix + "_low"] for k in others)
    return central, possible


def _cell(year: int, column: str) -> str:
    """A Table 1 cell id as the audit writes it (``T1-2011-import``)."""
    return f"T1-{year}-{column}"


_FINDING_COLUMNS = [
    "finding_id",
    "check",
    "subject",
    "expected",
    "printed",
    "difference",
    "difference_unit",
    "verdict",
    "evidence",
    "cells",
    "claims",
    "scale",
    "reported_with",
]  # the audit's Finding fields, in its order


def _finding_2011(r) -> dict[str, Any]:
    """C012: consistent when pipeline oil is more than half of the 2011 rise at every end of the range."""
    lo, hi = r["oil_total_share_low"], r["oil_total_share_high"]
    verdict = CONSISTENT if lo > 50 else (INCONSISTENT if hi < 50 else PARTLY)
    return {
        "finding_id": "PV-2011",
        "check": "text",
        "subject": "the 2011 rise came with the crude oil pipeline",
        "expected": "pipeline oil (volume and price effects together) more than half of the 2011 rise of total trade",
        "printed": f"pipeline oil {_pct(r['oil_total_share'])} ({_num(lo)} to {_num(hi)}%) of the rise; of the change in "
        f"imports: {share_text(r)}",
        "difference": round(float(r["oil_total_share"]), 1),
        "difference_unit": "% of the 2011 rise of total trade from pipeline oil",
        "verdict": verdict,
        "evidence": "Song's Table 1 import and export columns; pipeline volume (data/external/espo_china_oil.csv); Brent "
        "(data/external/brent_rub.csv); midpoint split of price x volume; ranges over rounding, volume, API gravity "
        "and price basis. In 2011 all pipeline oil is new, so the split gives part of its value to the 2010-2011 "
        "rise in price",
        "cells": f"{_cell(2011, 'import')};{_cell(2011, 'export')}",
        "claims": CLAIM_2011,
    }


def _finding_2018(r) -> dict[str, Any]:
    """C014: no rise at all fails the claim; a rise carried by pipeline oil alone is partly; a broad rise consistent."""
    lo, hi = r["nonoil_total_low"], r["nonoil_total_high"]
    verdict = INCONSISTENT if r["total_change_high"] <= 0 else (CONSISTENT if lo > 0 else PARTLY)
    return {
        "finding_id": "PV-2018",
        "check": "text",
        "subject": "trade flourished in 2018",
        "expected": "a broad rise: trade other than pipeline oil growing too",
        "printed": f"of the 2018 change of total trade: {share_text(r, total=True)}; trade other than pipeline oil "
        f"changed by {_signed(r['nonoil_total'])} (US$ bn, {_signed(lo)} to {_signed(hi)})",
        "difference": round(float(r["nonoil_total"]), 3),
        "difference_unit": "US$ bn change of trade other than pipeline oil",
        "verdict": verdict,
        "evidence": "as PV-2011; 2017 and 2018 pipeline volumes are scenario ranges (known for part of the year only)",
        "cells": f"{_cell(2018, 'import')};{_cell(2018, 'export')}",
        "claims": CLAIM_2018,
    }


def _price_leads_at_every_end(row) -> bool:
    """The oil price's lowest share of the total's change above every other part's highest."""
    return all(row["price_total_share_low"] > row[k + "_total_share_high"] for k in TOTAL_PARTS if k != "price")


def _energy_verdict(rows: pd.DataFrame, swing_years: list[int]) -> tuple[str, list[int]]:
    """C015's verdict and the swing years the price leads at the central inputs.

    Consistent when the price leads most swings at every end of the range, inconsistent when it
    leads none even at the most favourable end, else partly supported.
    """
    chief = {y: _chief(rows.loc[y], "price") for y in swing_years}
    robust = [y for y, (c, _) in chief.items() if c and _price_leads_at_every_end(rows.loc[y])]
    central_years = [y for y, (c, _) in chief.items() if c]
    possible = [y for y, (_, pos) in chief.items() if pos]
    if swing_years and len(robust) * 2 > len(swing_years):
        verdict = CONSISTENT
    elif not possible:
        verdict = INCONSISTENT
    else:
        verdict = PARTLY
    return verdict, central_years


def _swings_listed(rows: pd.DataFrame, swing_years: list[int]) -> str:
    """Each swing's largest part, with the shares of all four parts."""
    lead = {y: max(TOTAL_PARTS, key=lambda k: rows.loc[y, k + "_total_share"]) for y in swing_years}
    return "; ".join(
        f"{y} {PART_LABELS[lead[y]]} ("
        + ", ".join(f"{PART_LABELS[k]} {_pct(rows.loc[y, k + '_total_share'])}" for k in TOTAL_PARTS)
        + ")"
        for y in swing_years
    )


def _finding_energy(rows: pd.DataFrame, swing_years: list[int], swing_pct: float) -> dict[str, Any]:
    """C015: the oil price the largest part of most swings of total trade."""
    verdict, central_years = _energy_verdict(rows, swing_years)
    listed = _swings_listed(rows, swing_years)
    return {
        "finding_id": "PV-energy",
        "check": "text",
        "subject": "trade fluctuated, mainly with lower energy prices",
        "expected": f"the oil price the largest part of most swings of total trade (years with a change of more than "
        f"{swing_pct:g}%)",
        "printed": f"price the largest part in {len(central_years)} of {len(swing_years)} swings "
        f"({', '.join(map(str, central_years)) or 'none'}); largest part of each swing, with the shares of all four: {listed}",
        "difference": float(len(swing_years) - len(central_years)),
        "difference_unit": "swings led by something other than the oil price",
        "verdict": verdict,
        "evidence": "as PV-2011; the price effect is that of pipeline oil only: price moves of other goods (and the rouble's "
        "fall with the oil price) sit in the other parts and cannot be separated with these data",
        "cells": ";".join(_cell(y, "import") + ";" + _cell(y, "export") for y in swing_years),
        "claims": CLAIM_ENERGY,
    }


def claim_findings(
    decomp: pd.DataFrame | None = None, p: Mapping[str, Any] | None = None, trade: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The verdicts for C012, C014 and C015 in the audit's findings format (check "text"): one row each,
    with the columns of the audit's findings (finding_id, check, subject, expected, printed, difference,
    difference_unit, verdict, evidence, cells, claims). Without arguments: the chapter's defaults.

    Verdict rules, each applied to the whole uncertainty range (rounding, volumes, API gravity, price basis):
    C012 consistent when pipeline oil (price and volume effects) is more than half of the 2011 rise of total
    trade at every end of the range, inconsistent when it is less than half at every end, else partly
    supported; C014 inconsistent when total trade did not rise in 2018, consistent when trade other than
    pipeline oil rose too, partly supported when the rise was pipeline oil alone; C015 consistent when the oil
    price is the largest part of most swings of total trade at every end of the range, inconsistent when it is
    the largest in none even at the most favourable end, else partly supported.
    """
    p = check_parameters({}) if p is None else p
    decomp = decomposition(inputs(p["volume_scenario"], trade), p) if decomp is None else decomp
    rows = decomp.set_index("year")
    found = []
    if 2011 in rows.index:
        found.append(_finding_2011(rows.loc[2011]))
    if 2018 in rows.index:
        found.append(_finding_2018(rows.loc[2018]))
    swing_years = [y for y in swings(decomp, p["swing_pct"], trade) if y in rows.index]
    found.append(_finding_energy(rows, swing_years, p["swing_pct"]))
    # the audit's Finding fields that do not apply here
    return pd.DataFrame(found, columns=_FINDING_COLUMNS).assign(scale=None, reported_with="")


# --- the chapter ---------------------------------------------------------------------------------


def analyse(p: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """Every table the chapter draws, for the resolved parameters ``p``."""
    frame = inputs(p["volume_scenario"])
    decomp = decomposition(frame, p)
    return {
        "inputs": frame,
        "split": split(frame, p),
        "decomposition": decomp,
        "sensitivity": sensitivity(frame, p),
        "counterfactuals": counterfactuals(frame, p),
        "rouble": rouble_table(frame),
        "volumes": volume_table(None, p["volume_scenario"]),
        "derived": derived_agreement(),
        "value_check": value_check(frame, p["api_gravity"]),
        "findings": claim_findings(decomp, p),
    }


def share_table(decomp: pd.DataFrame, years=HEADLINE_YEARS) -> pd.DataFrame:
    """For each of ``years``: the changes (US$ bn) and the shares of their parts, with ranges, as text."""
    rows = decomp.set_index("year")
    return pd.DataFrame(
        [
            {
                "year": y,
                "imports_change": rows.loc[y, "imports_change"],
                "imports_split": share_text(rows.loc[y]),
                "total_change": rows.loc[y, "total_change"],
                "total_split": share_text(rows.loc[y], total=True),
            }
            for y in years
            if y in rows.index
        ]
    )


def _signed(v: float, places: int = 2) -> str:
    """``+1.23``, ``−1.23`` or ``0`` (a true minus sign, no signed zero)."""
    if round(v, places) == 0:
        return "0"
    return ("−" if v < 0 else "+") + f"{abs(v):.{places}f}"


def _r(v: float) -> str:
    return f"{v:.2f}".replace("-", "−")


def _years_text(years) -> str:
    years = [str(y) for y in years]
    if not years:
        return "none"
    return years[0] if len(years) == 1 else ", ".join(years[:-1]) + " and " + years[-1]


_ECHOED = (
    "api_gravity",
    "api_low",
    "api_high",
    "price_premium",
    "premium_low",
    "premium_high",
    "price_base_year",
    "volume_base_year",
    "swing_pct",
)  # the parameters the prose states as they were set


def _parameter_facts(p: Mapping[str, Any]) -> dict[str, Any]:
    """Barrels per tonne at the API gravities used, the parameters as set, and the cited crude properties."""
    out: dict[str, Any] = {
        "bbl_per_tonne": barrels_per_tonne(p["api_gravity"]),
        "bbl_low": barrels_per_tonne(p["api_low"]),
        "bbl_high": barrels_per_tonne(p["api_high"]),
    }
    out |= {k: p[k] for k in _ECHOED}
    out["volume_scenario"] = p["volume_scenario"]
    cited = crude_properties()
    out["cited_api"], out["cited_api_low"], out["cited_api_high"] = cited["api_gravity"]
    _, out["cited_premium_low"], out["cited_premium_high"] = cited["price_vs_brent"]
    return out


def _volume_facts(p: Mapping[str, Any], vols: pd.DataFrame, derived: pd.DataFrame) -> dict[str, Any]:
    """The derived and partial pipeline years and the year the pipeline opened."""
    out: dict[str, Any] = {"derived_years": _years_text(vols.index[vols["status"] == "derived"])}
    out["derived_max_diff"] = float(derived["difference_mt"].abs().max()) if not derived.empty else float("nan")
    partial = vols[vols["status"] == "partial"]
    out["partial_text"] = "; ".join(
        f"{y}: {r.known_mt:g} Mt in the first {r.months_known} months, {r.pace_mt:.2f} Mt at that pace, {r.plan_mt:g} Mt "
        f"planned or design capacity, {r.volume_mt:.2f} Mt used ({p['volume_scenario']})"
        for y, r in partial.iterrows()
    )
    out["open_year"] = int(vols.index[vols["volume_mt"] > 0].min())
    return out


def _oil_share_facts(s: pd.DataFrame) -> dict[str, float]:
    """The smallest and largest share of pipeline oil in imports (%), over the years with pipeline oil."""
    oil_years = s[s["volume_mt"] > 0]
    return {
        "oil_share_min": float((oil_years["oil_bn"] / oil_years["import_bn"] * 100).min()),
        "oil_share_max": float((oil_years["oil_bn"] / oil_years["import_bn"] * 100).max()),
    }


def _headline_facts(decomp: pd.DataFrame) -> dict[str, Any]:
    """For each headline year: the changes of imports and total trade and the shares of their parts."""
    out: dict[str, Any] = {}
    for year in HEADLINE_YEARS:
        r = decomp.loc[year]
        out[f"imports_change_{year}"] = float(r["imports_change"])
        out[f"total_change_{year}"] = float(r["total_change"])
        out[f"shares_{year}"] = share_text(r)
        out[f"total_shares_{year}"] = share_text(r, total=True)
        for k in PARTS:
            out[f"{k}_share_{year}"] = float(r[f"{k}_share"])
        out[f"exports_total_share_{year}"] = float(r["exports_total_share"])
        out[f"price_total_share_{year}"] = float(r["price_total_share"])
    out["no_oil_years"] = _years_text(
        [y for y in HEADLINE_YEARS if decomp.loc[y, "price"] == 0 and decomp.loc[y, "volume"] == 0]
    )
    return out


def _sensitivity_facts(sens: pd.DataFrame) -> dict[str, Any]:
    """The input that moves each year's shares most, and how often each input is the one."""
    top = sens.loc[sens.groupby(["year", "share"])["swing"].idxmax()]
    counts = top["input"].value_counts()
    return {
        "sens_text": "; ".join(
            f"{y}: {grp.loc[grp['swing'].idxmax(), 'input']} ({grp['swing'].max():.1f} points)"
            for y, grp in sens.groupby("year")
            if grp["swing"].max() > 0
        ),
        "top_input": str(counts.index[0]),
        "top_input_count": int(counts.iloc[0]),
        "n_headline_shares": len(top),
    }


def _counterfactual_facts(cf: pd.DataFrame) -> dict[str, float]:
    """Imports at a constant price (2014, 2016) and at a constant volume (2018), beside the recorded ones."""
    return {
        "cf_price_2016": float(cf.loc[2016, "constant_price"]),
        "cf_price_2014": float(cf.loc[2014, "constant_price"]),
        "recorded_2016": float(cf.loc[2016, "recorded"]),
        "recorded_2014": float(cf.loc[2014, "recorded"]),
        "cf_price_fall_pct": float((cf.loc[2016, "constant_price"] / cf.loc[2014, "constant_price"] - 1) * 100),
        "recorded_fall_pct": float((cf.loc[2016, "recorded"] / cf.loc[2014, "recorded"] - 1) * 100),
        "cf_volume_2018": float(cf.loc[2018, "constant_volume"]),
        "recorded_2018": float(cf.loc[2018, "recorded"]),
    }


def _inside_text(inside: pd.Series) -> str:
    if inside.all():
        return "inside the premium range used here"
    if not inside.any():
        return "outside the premium range used here"
    return "partly inside the premium range used here"


def _value_check_facts(vc: pd.DataFrame, p: Mapping[str, Any]) -> dict[str, Any]:
    """The premium implied by each reported pipeline value and whether the premium range holds it (none: no value)."""
    if vc.empty:
        return {}
    out: dict[str, Any] = {
        "value_check_text": "; ".join(
            f"to {int(r.as_of)}: US$ {r.value_bn:g} bn for {r.volume_mt:g} Mt, {r.implied_usd_per_bbl:.1f} US$/bbl against a "
            f"volume-weighted Brent of {r.brent_weighted:.1f} ({_signed(r.implied_premium, 1)})"
            for r in vc.itertuples()
        ),
        "value_premium_min": float(vc["implied_premium"].min()),
        "value_premium_max": float(vc["implied_premium"].max()),
    }
    inside = (vc["implied_premium"] >= p["premium_low"]) & (vc["implied_premium"] <= p["premium_high"])
    out["value_check_verdict"] = _inside_text(inside)
    return out


def _steadier_text(out: Mapping[str, Any]) -> str:
    if out["other_cv_high"] < out["imports_cv"] / 2:
        return "varied far less than imports did"
    if out["other_cv_high"] < out["imports_cv"]:
        return "varied less than imports did"
    return "was not steadier than imports"


def _steady_text(out: Mapping[str, Any]) -> str:
    """Everything else than pipeline oil: its mean, range and variation against that of imports."""
    return (
        f"everything else averaged US$ {out['other_mean']:.2f} bn a year, between {out['other_min']:.2f} "
        f"({out['other_min_year']}) and {out['other_max']:.2f} ({out['other_max_year']}); its coefficient of variation "
        f"is {out['other_cv']:.0f}% ({out['other_cv_low']:.0f} to {out['other_cv_high']:.0f}% over the uncertainty range), "
        f"against {out['imports_cv']:.0f}% for imports as a whole, so everything else " + _steadier_text(out)
    )


def _year_texts(out: Mapping[str, Any]) -> dict[str, str]:
    """One sentence per headline year: the changes of imports and total trade and their parts."""
    return {
        f"year_text_{year}": (
            f"In {year} imports changed by {_signed(out[f'imports_change_{year}'])} (US$ bn): "
            f"{out[f'shares_{year}']}. Total trade changed by {_signed(out[f'total_change_{year}'])}: "
            f"{out[f'total_shares_{year}']}."
        )
        for year in HEADLINE_YEARS
    }


def _cf_text(out: Mapping[str, Any], p: Mapping[str, Any]) -> str:
    """The two counterfactuals in one sentence."""
    return (
        f"at the {p['price_base_year']} Brent price, imports would have gone from US$ {out['cf_price_2014']:.2f} bn in 2014 "
        f"to {out['cf_price_2016']:.2f} bn in 2016 ({_signed(out['cf_price_fall_pct'], 0)}%), where the recorded imports "
        f"went from {out['recorded_2014']:.2f} to {out['recorded_2016']:.2f} ({_signed(out['recorded_fall_pct'], 0)}%); "
        f"with the pipeline held at its {p['volume_base_year']} volume, 2018 imports would have been US$ "
        f"{out['cf_volume_2018']:.2f} bn instead of {out['recorded_2018']:.2f} bn"
    )


def _rouble_text(out: Mapping[str, Any], frame: pd.DataFrame) -> str:
    """Exports and the rouble: the 2015 fall and the correlations of levels and of yearly changes."""
    direction = (
        "exports and the number of roubles per dollar moved in opposite directions"
        if out["changes_r"] < 0
        else "exports and the number of roubles per dollar moved in the same direction"
    )
    return (
        f"In 2015 the province's exports to Russia fell by {abs(out['exports_2015_pct']):.0f}% while the rouble went from "
        f"{frame.set_index('year').loc[2014, 'rub_per_usd']:.2f} to {frame.set_index('year').loc[2015, 'rub_per_usd']:.2f} "
        f"per US dollar, losing {abs(out['rouble_value_2015_pct']):.0f}% of its dollar value. Across the years "
        f"{direction}: the correlation of the levels is r = {_r(out['levels_r'])} (95% interval {_r(out['levels_low'])} to "
        f"{_r(out['levels_high'])}, n = {out['levels_n']}), that of the yearly log changes r = {_r(out['changes_r'])} "
        f"({_r(out['changes_low'])} to {_r(out['changes_high'])}, n = {out['changes_n']}). Without the two years of the "
        f"largest rouble moves ({out['without_years']}) the change correlation is r = {_r(out['changes_without_r'])} "
        f"({_r(out['changes_without_low'])} to {_r(out['changes_without_high'])}, n = {out['changes_without_n']})"
    )


def _lead_text(decomp: pd.DataFrame) -> str:
    """The largest part of the change in imports in 2011, 2015 and 2018, and the parts of the 2015 fall of the total."""
    lead = {y: max(PARTS, key=lambda k: abs(decomp.loc[y, k])) for y in (2011, 2015, 2018)}
    return (
        "the largest part of the change in imports was "
        + ", ".join(f"the {PART_LABELS[lead[y]]} in {y} ({_pct(decomp.loc[y, lead[y] + '_share'])})" for y in lead)
        + f"; of the {2015} change in total trade, exports made up {_pct(decomp.loc[2015, 'exports_total_share'])} and the "
        f"oil price {_pct(decomp.loc[2015, 'price_total_share'])}"
    )


def _verdict_facts(findings: pd.DataFrame) -> dict[str, str]:
    """The verdict and the printed evidence of C012, C014 and C015."""
    f = findings.set_index("finding_id")
    out = {}
    for fid, key in (("PV-2011", "c012"), ("PV-2018", "c014"), ("PV-energy", "c015")):
        out[f"{key}_verdict"] = f.loc[fid, "verdict"]
        out[f"{key}_printed"] = f.loc[fid, "printed"]
    return out


def _threshold_text(decomp: pd.DataFrame, p: Mapping[str, Any]) -> str:
    """C015's verdict at the swing thresholds 5, 10, 25 and 50% other than the chosen one."""
    by_threshold = []
    for pct in sorted({5.0, 10.0, 25.0, 50.0} - {float(p["swing_pct"])}):
        row = claim_findings(decomp.reset_index(), {**p, "swing_pct": pct}).set_index("finding_id").loc["PV-energy"]
        count = re.match(r"price the largest part in (\d+ of \d+) swings", row["printed"]).group(1)
        by_threshold.append(f"{pct:g}%: {row['verdict']}, the price the largest part in {count} swings")
    return "; ".join(by_threshold)


def _sum_mismatch(frame: pd.DataFrame) -> str:
    """The years whose printed total is not the sum of the printed imports and exports."""
    by_year = frame.set_index("year")
    return _years_text(
        [
            int(y)
            for y in frame["year"]
            if abs(by_year.loc[y, "total_printed_bn"] - by_year.loc[y, "import_bn"] - by_year.loc[y, "export_bn"])
            > 1e-9
        ]
    )


def summary(p: Mapping[str, Any], results: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """The numbers and phrases the chapter's prose cites (glued, never typed), in the order they are glued."""
    frame, decomp = results["inputs"], results["decomposition"].set_index("year")
    out = _parameter_facts(p)
    out |= _volume_facts(p, results["volumes"].set_index("year"), results["derived"])
    out |= steadiness(frame, p)
    out |= _oil_share_facts(results["split"].set_index("year"))
    out |= _headline_facts(decomp)
    out |= _sensitivity_facts(results["sensitivity"])
    out |= _counterfactual_facts(results["counterfactuals"].set_index("year"))
    out |= rouble_stats(frame)
    out |= _value_check_facts(results["value_check"], p)
    out["steady_text"] = _steady_text(out)
    out |= _year_texts(out)
    out["cf_text"] = _cf_text(out, p)
    out["rouble_text"] = _rouble_text(out, frame)
    out["rub_oil_text"] = (
        f"the rouble's yearly changes correlate with those of the Brent price at r = {_r(out['rub_oil_r'])} "
        f"({_r(out['rub_oil_low'])} to {_r(out['rub_oil_high'])}, n = {out['rub_oil_n']})"
    )
    out["lead_text"] = _lead_text(decomp)
    out |= _verdict_facts(results["findings"])
    out["threshold_text"] = _threshold_text(decomp, p)
    swing_years = swings(decomp.reset_index(), p["swing_pct"])
    out["swing_years"] = _years_text(swing_years)
    out["n_swings"] = len(swing_years)
    out["sum_mismatch"] = _sum_mismatch(frame)
    return out
