"""The chapter's model: imports split into pipeline oil and everything else, each year's change
decomposed into price, volume, other imports (and exports), the ranges over every uncertain input,
the counterfactuals, and exports against the rouble.

* value of pipeline oil (US$ bn) = volume (Mt) x barrels per tonne x price (US$/bbl) / 1000, the price
  being a marker's annual average (Brent or Dubai, year by year) plus a premium;
* the change of the oil value between two years is split with the midpoint (Shapley) rule:
  price effect = b x dP x (V0 + V1) / 2, volume effect = b x dV x (P0 + P1) / 2, which add up to
  b x (V1 P1 - V0 P0) exactly; "other goods" is the rest of the change in imports, and for total
  trade the change in exports is a fourth part.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.present.prose import listing

from .parameters import MARKERS
from .records import barrels_per_tonne

ROUNDING = 0.05 * 0.1  # half a unit of Table 1's printed place (0.05 x 10^8 US$), in US$ bn
HEADLINE_YEARS = (2009, 2011, 2015, 2016, 2018)  # the swings the chapter's prose names
PARTS = ("price", "volume", "other")  # parts of the change in imports
TOTAL_PARTS = ("price", "volume", "other", "exports")  # parts of the change in total trade
PART_LABELS = {"price": "oil price", "volume": "pipeline volume", "other": "other imports", "exports": "exports"}


def oil_value(volume_mt, api, price):
    """US$ bn of ``volume_mt`` million tonnes at ``price`` US$/bbl (arrays broadcast)."""
    return np.asarray(volume_mt) * barrels_per_tonne(api) * np.asarray(price) / 1000.0


def price_of(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.Series:
    """The price of pipeline oil at the central inputs: the chosen marker's annual average plus the premium."""
    return frame[p["price_marker"]] + p["price_premium"]


def split(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Imports = pipeline oil + everything else, per year (US$ bn): central value and range.

    The oil value rises with volume, barrels per tonne and price, so its low (high) end takes the low
    (high) end of each, the price the lower (higher) of the two markers plus the low (high) premium;
    "everything else" takes Table 1's rounding as well.
    """
    out = frame[["year", "import_bn", "volume_mt", "status"]].copy()
    markers = frame[list(MARKERS)]
    out["price"] = price_of(frame, p)
    out["oil_bn"] = oil_value(frame["volume_mt"], p["api_gravity"], out["price"]).round(6)
    out["oil_low"] = oil_value(frame["low_mt"], p["api_low"], markers.min(axis=1) + p["premium_low"]).round(6)
    out["oil_high"] = oil_value(frame["high_mt"], p["api_high"], markers.max(axis=1) + p["premium_high"]).round(6)
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


def with_shares(parts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The parts with each one's share (%) of the change in imports and of the change in total trade, pipeline
    oil's share of the latter and the change of trade other than pipeline oil."""

    def shares(which: tuple[str, ...], base: str) -> dict[str, np.ndarray]:
        with np.errstate(divide="ignore", invalid="ignore"):
            return {k: np.where(parts[base] != 0, parts[k] / parts[base] * 100, np.nan) for k in which}

    out = dict(parts)
    out.update({f"{k}_share": v for k, v in shares(PARTS, "imports_change").items()})
    out.update({f"{k}_total_share": v for k, v in shares(TOTAL_PARTS, "total_change").items()})
    out["oil_total_share"] = out["price_total_share"] + out["volume_total_share"]
    out["nonoil_total"] = parts["other"] + parts["exports"]
    return out


def counterfactuals(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Imports as recorded, at the price (marker and premium) of ``price_base_year`` and at the pipeline
    volume of ``volume_base_year`` (from 2011, when the pipeline opened), US$ bn, central inputs."""
    s = split(frame, p).set_index("year")
    base_price = float(price_of(frame, p).set_axis(frame["year"]).loc[p["price_base_year"]])
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
    out["without_years"] = listing(sorted(int(y) for y in table.loc[drop, "year"]))
    if {2014, 2015} <= set(rows.index):
        out["exports_2015_pct"] = float((rows.loc[2015, "export_bn"] / rows.loc[2014, "export_bn"] - 1) * 100)
        out["rub_2015_pct"] = float((rows.loc[2015, "rub_per_usd"] / rows.loc[2014, "rub_per_usd"] - 1) * 100)
        out["rouble_value_2015_pct"] = float((rows.loc[2014, "rub_per_usd"] / rows.loc[2015, "rub_per_usd"] - 1) * 100)
    return out
