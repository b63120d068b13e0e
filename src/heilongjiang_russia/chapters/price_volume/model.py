"""The chapter's model: imports split into pipeline oil and everything else, each year's change
decomposed into price, volume, other imports (and exports), the ranges over every uncertain input,
the counterfactuals, and exports against the rouble.

* value of pipeline oil (US$ bn) = volume (Mt) x barrels per tonne x price (US$/bbl) / 1000;
* the change of the oil value between two years is split with the midpoint (Shapley) rule:
  price effect = b x dP x (V0 + V1) / 2, volume effect = b x dV x (P0 + P1) / 2, which add up to
  b x (V1 P1 - V0 P0) exactly; "other goods" is the rest of the change in imports, and for total
  trade the change in exports is a fourth part.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.present.prose import year_list

from .parameters import YEARS
from .records import BBL_M3, barrels_per_tonne

ROUNDING = 0.05 * 0.1  # half a unit of Table 1's printed place (0.05 x 10^8 US$), in US$ bn
HEADLINE_YEARS = (2009, 2011, 2015, 2016, 2018)  # the swings the chapter's prose names
PARTS = ("price", "volume", "other")  # parts of the change in imports
TOTAL_PARTS = ("price", "volume", "other", "exports")  # parts of the change in total trade
PART_LABELS = {"price": "oil price", "volume": "pipeline volume", "other": "other imports", "exports": "exports"}


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
    out["without_years"] = year_list(sorted(int(y) for y in table.loc[drop, "year"]))
    if {2014, 2015} <= set(rows.index):
        out["exports_2015_pct"] = float((rows.loc[2015, "export_bn"] / rows.loc[2014, "export_bn"] - 1) * 100)
        out["rub_2015_pct"] = float((rows.loc[2015, "rub_per_usd"] / rows.loc[2014, "rub_per_usd"] - 1) * 100)
        out["rouble_value_2015_pct"] = float((rows.loc[2014, "rub_per_usd"] / rows.loc[2015, "rub_per_usd"] - 1) * 100)
    return out
