"""The series the chapter sets side by side: the province's trade with Russia and China's, by flow.

Every outside value keeps its status: ``reported`` (a full-year figure a source gives), ``derived``
(source starting with DERIVED) or ``missing``. Only a reported value of at least the chosen confidence
is *usable*; a gap stays a gap. A reported value is known to half a unit of its last printed place
(its rounding band). The province is Song's Table 1 to 2018 (read in its real unit, 10^8 US$) and its
own full-year figures after 2018 (from yuan at the chosen rate basis, as chapter 7 converts them).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.present.prose import year_ranges

from .. import after_paper
from .parameters import CONFIDENCE_RANK

FLOWS = ("total", "exports", "imports")
FIRST_YEAR, LAST_YEAR, PAPER_LAST_YEAR = 2008, 2024, 2018
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
CN_USD = {"total": "total_usd_bn", "exports": "cn_exports_to_ru_usd_bn", "imports": "cn_imports_from_ru_usd_bn"}
CN_CNY = {"total": "total_cny_bn", "exports": "cn_exports_to_ru_cny_bn", "imports": "cn_imports_from_ru_cny_bn"}
CN_YOY = {"total": "total_yoy_pct", "exports": "cn_exports_yoy_pct", "imports": "cn_imports_yoy_pct"}
T1 = {"total": "total", "exports": "export", "imports": "import"}
T1_BAND = 0.005  # half a unit of Table 1's printed place (0.05 x 10^8 US$), in US$ bn
CRUDE_MT, CRUDE_USD = "china_crude_imports_from_russia_mt", "china_crude_imports_from_russia_usd_bn"
DUBAI = "dubai_crude_price_wb"
LEVELS = "from the two years' US$ levels"  # where a growth rate of China's comes from
STATED = "as its customs state it, in US$"
FROM_YUAN = "in US$, from the growth its customs state in yuan, at the rate basis"
YUAN_ONLY = "in yuan, as its customs state it (no rate to convert it)"
THROUGHPUT = "espo_china_branch_throughput"


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def half_unit(value: float) -> float:
    """Half a unit of the last place ``value`` is printed to: 88.16 -> 0.005, 107 -> 0.5, 41.2 -> 0.05."""
    text = f"{abs(float(value)):.10g}"
    places = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10.0**-places


def status(value, confidence, source) -> str:
    """``missing``, ``derived`` or ``reported``."""
    if _blank(value) or confidence in (None, "unsourced") or _blank(confidence):
        return "missing"
    if not _blank(source) and str(source).strip().upper().startswith("DERIVED"):
        return "derived"
    return "reported"


def usable(row_status: str, confidence, min_confidence: str) -> bool:
    """Reported for the full year, with at least ``min_confidence`` confidence."""
    return row_status == "reported" and CONFIDENCE_RANK.get(confidence, 0) >= CONFIDENCE_RANK[min_confidence]


def load_inputs() -> dict[str, pd.DataFrame]:
    """Every input of the chapter, validated against the data package."""
    return {
        "table1": table1.load(),
        "china_russia": load_resource("china-russia-trade"),
        "hlj": load_resource("heilongjiang-trade"),
        "rates": load_resource("cny-usd"),
        "brent": load_resource("brent-rub"),
        "espo": load_resource("espo-china-oil"),
        "espo_crude": load_resource("espo-crude"),
    }


# -- exchange rates ----------------------------------------------------------------------------


def rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Yuan per US$ by year: the official annual average (NaN where not found) and the Fed H.10 average."""
    out = pd.DataFrame(
        {
            "year": frame["year"].astype(int),
            "official": [
                float(v) if c != "unsourced" and not _blank(v) else np.nan
                for v, c in zip(frame["cny_per_usd_official"], frame["official_confidence"])
            ],
            "fed": frame["cny_per_usd_fed"].astype(float),
        }
    )
    return out.set_index("year", drop=False)


def rate(table: pd.DataFrame, year: int, basis: str) -> float:
    """The rate of ``year`` under a rate basis of chapter 7 (NaN where there is none)."""
    if year not in table.index:
        return np.nan
    official, fed = table.loc[year, "official"], table.loc[year, "fed"]
    if basis == "fed":
        return float(fed)
    if basis == "official_only":
        return float(official)
    return float(official) if not math.isnan(official) else float(fed)


# -- China ---------------------------------------------------------------------------------------


def china_levels(cr: pd.DataFrame, min_confidence: str) -> pd.DataFrame:
    """China's trade with Russia in US$ bn, one row per year and flow, with status, confidence and band."""
    rows = []
    for r in cr.itertuples(index=False):
        for flow, col in CN_USD.items():
            value = getattr(r, col)
            st = status(value, r.confidence, r.source)
            rows.append(
                {
                    "year": int(r.year),
                    "flow": flow,
                    "value": float(value) if st != "missing" else np.nan,
                    "status": st,
                    "confidence": r.confidence if st != "missing" else "",
                    "usable": usable(st, r.confidence, min_confidence),
                    "band": half_unit(value) if st != "missing" else np.nan,
                }
            )
    return pd.DataFrame(rows)


def _reported_growth(r, flow: str, min_confidence: str) -> tuple[float, str] | None:
    """The growth the source states for ``flow`` (percent, currency) if usable, else None."""
    g = getattr(r, CN_YOY[flow])
    conf = r.cny_yoy_confidence
    if _blank(g) or not usable(status(g, conf, r.cny_yoy_source), conf, min_confidence):
        return None
    return float(g), str(r.yoy_currency)


def china_growth(cr: pd.DataFrame, rate_table: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """China's growth over the year before, by year and flow, in US$ terms: from two usable levels, else the
    growth the source states (a yuan growth is turned into US$ with the two years' rates of the rate basis).

    ``low`` and ``high`` span the rounding of the levels or of the stated rate and, for a yuan growth,
    the growth in yuan and in US$ at either rate; ``basis`` says where the figure comes from.
    """
    levels = china_levels(cr, p["min_confidence"]).set_index(["year", "flow"])
    by_year = cr.set_index("year")
    rows = []
    for year in YEARS[1:]:
        for flow in FLOWS:
            rec = {"year": year, "flow": flow, "growth": np.nan, "low": np.nan, "high": np.nan, "basis": ""}
            a, z = (levels.loc[(y, flow)] if (y, flow) in levels.index else None for y in (year - 1, year))
            stated = _reported_growth(next(by_year.loc[[year]].itertuples()), flow, p["min_confidence"])
            if a is not None and z is not None and a["usable"] and z["usable"]:
                g = (z["value"] / a["value"] - 1) * 100
                lo = ((z["value"] - z["band"]) / (a["value"] + a["band"]) - 1) * 100
                hi = ((z["value"] + z["band"]) / (a["value"] - a["band"]) - 1) * 100
                rec.update(growth=g, low=lo, high=hi, basis=LEVELS)
            elif stated is not None:
                g, currency = stated
                band = half_unit(g)
                if currency == "CNY":
                    factors = {
                        b: rate(rate_table, year - 1, b) / rate(rate_table, year, b) for b in ("official_only", "fed")
                    }
                    central = rate(rate_table, year - 1, p["rate_basis"]) / rate(rate_table, year, p["rate_basis"])
                    ends = [(1 + (g + s) / 100) * f - 1 for s in (-band, band) for f in (1.0, *factors.values())]
                    ends = [e * 100 for e in ends if not math.isnan(e)]
                    usd = ((1 + g / 100) * central - 1) * 100
                    rec.update(growth=usd, low=min(ends), high=max(ends), basis=FROM_YUAN)
                    if math.isnan(usd):
                        rec.update(growth=g, basis=YUAN_ONLY)
                else:
                    rec.update(growth=g, low=g - band, high=g + band, basis=STATED)
            rows.append(rec)
    return pd.DataFrame(rows)


# -- the province ----------------------------------------------------------------------------


def province_levels(inputs: Mapping[str, pd.DataFrame], p: Mapping[str, Any]) -> pd.DataFrame:
    """The province's trade with Russia in US$ bn by year and flow: Song's Table 1 to 2018, its own
    full-year reported figures after (converted from yuan at the rate basis, as chapter 7 does)."""
    t1 = inputs["table1"]
    rows = []
    for year in t1.index:
        for flow, col in T1.items():
            value = round(float(t1.loc[year, col]) / 10, 6)
            rows.append(
                {"year": int(year), "flow": flow, "value": value, "band": T1_BAND, "basis": "Song's Table 1"}
                | {"confidence": "paper"}
            )
    own = after_paper.province_levels(inputs["hlj"], inputs["rates"], p["rate_basis"])
    names = {"hlj_russia_trade": "total", "hlj_russia_exports": "exports", "hlj_russia_imports": "imports"}
    own = own[
        own["variable"].isin(names)
        & (own["year"] > PAPER_LAST_YEAR)
        & (own["months"] == 12)
        & own["value_usd_bn"].notna()
    ]
    for r in own.itertuples(index=False):
        if not usable(r.status, r.confidence, p["min_confidence"]):
            continue
        how = "reported in US$" if r.conversion == "reported in US$" else f"{r.value_reported:g} CNY bn, {r.conversion}"
        rows.append(
            {
                "year": int(r.year),
                "flow": names[r.variable],
                "value": float(r.value_usd_bn),
                "band": half_unit(r.value_reported) / (r.rate_cny_per_usd if how != "reported in US$" else 1.0),
                "basis": how,
                "confidence": r.confidence,
            }
        )
    return pd.DataFrame(rows).drop_duplicates(["year", "flow"]).reset_index(drop=True)


def beside(inputs: Mapping[str, pd.DataFrame], p: Mapping[str, Any]) -> pd.DataFrame:
    """The province beside China, by year and flow: levels (US$ bn), the province's share of China's flow,
    each side's growth (%), and each side's index (``index_base_year`` = 100), where usable figures exist."""
    prov = province_levels(inputs, p).set_index(["year", "flow"])
    cn = china_levels(inputs["china_russia"], p["min_confidence"]).set_index(["year", "flow"])
    growth = china_growth(inputs["china_russia"], rates(inputs["rates"]), p).set_index(["year", "flow"])
    base = p["index_base_year"]
    rows = []
    for year in YEARS:
        for flow in FLOWS:
            x = prov.loc[(year, flow), "value"] if (year, flow) in prov.index else np.nan
            c = cn.loc[(year, flow)]
            c_value = c["value"] if c["usable"] else np.nan
            x_prev = prov.loc[(year - 1, flow), "value"] if (year - 1, flow) in prov.index else np.nan
            g = growth.loc[(year, flow)] if (year, flow) in growth.index else None
            x_base = prov.loc[(base, flow), "value"]
            c_base = cn.loc[(base, flow), "value"]
            rows.append(
                {
                    "year": year,
                    "flow": flow,
                    "province": x,
                    "province_basis": prov.loc[(year, flow), "basis"] if (year, flow) in prov.index else "",
                    "china": c_value,
                    "china_status": c["status"],
                    "china_confidence": c["confidence"],
                    "share_pct": x / c_value * 100,
                    "province_growth_pct": (x / x_prev - 1) * 100,
                    "china_growth_pct": g["growth"] if g is not None else np.nan,
                    "china_growth_basis": g["basis"] if g is not None else "",
                    "province_index": x / x_base * 100,
                    "china_index": c_value / c_base * 100,
                }
            )
    return pd.DataFrame(rows)


def beside_wide(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`beside` as one row per year: each flow's share and the two sides' growth."""
    wide = table.pivot(index="year", columns="flow", values=["share_pct", "province_growth_pct", "china_growth_pct"])
    wide.columns = [f"{what}_{flow}" for what, flow in wide.columns]
    return wide.reset_index()


# -- crude oil and prices ----------------------------------------------------------------------


def _espo_value(espo: pd.DataFrame, variable: str, min_confidence: str) -> pd.DataFrame:
    part = espo[espo["variable"] == variable]
    rows = []
    for r in part.itertuples(index=False):
        st = status(r.value, r.confidence, r.source)
        rows.append(
            {
                "year": int(r.year),
                "value": float(r.value) if st != "missing" else np.nan,
                "status": st,
                "confidence": r.confidence,
                "usable": usable(st, r.confidence, min_confidence),
                "band": half_unit(r.value) if st != "missing" else np.nan,
            }
        )
    return pd.DataFrame(rows, columns=["year", "value", "status", "confidence", "usable", "band"]).set_index(
        "year", drop=False
    )


def crude(inputs: Mapping[str, pd.DataFrame], min_confidence: str) -> pd.DataFrame:
    """By year 2008–2024: China's crude imports from Russia (Mt, US$ bn) with status and band, the Brent
    and Dubai annual averages (US$/bbl) and the rouble (RUB per US$, NaN where not sourced)."""
    espo, brent = inputs["espo"], inputs["brent"].set_index("year")
    mt, usd = _espo_value(espo, CRUDE_MT, min_confidence), _espo_value(espo, CRUDE_USD, min_confidence)
    dubai = _espo_value(espo, DUBAI, "low")
    rows = []
    for year in YEARS:
        rec: dict[str, Any] = {"year": year}
        for name, table in (("mt", mt), ("usd", usd)):
            hit = table.loc[year] if year in table.index else None
            ok = hit is not None and bool(hit["usable"])
            rec[f"{name}"] = hit["value"] if ok else np.nan
            rec[f"{name}_band"] = hit["band"] if ok else np.nan
            rec[f"{name}_status"] = hit["status"] if hit is not None else "missing"
            rec[f"{name}_confidence"] = hit["confidence"] if hit is not None else ""
        rec["brent"] = float(brent.loc[year, "brent_usd_per_bbl"]) if year in brent.index else np.nan
        rec["dubai"] = float(dubai.loc[year, "value"]) if year in dubai.index else np.nan
        rub_ok = year in brent.index and brent.loc[year, "rub_confidence"] != "unsourced"
        rec["rub_per_usd"] = float(brent.loc[year, "rub_per_usd_avg"]) if rub_ok else np.nan
        rows.append(rec)
    return pd.DataFrame(rows).set_index("year", drop=False)


def pipeline(espo: pd.DataFrame, min_confidence: str) -> dict[str, Any]:
    """The Mohe line after its second string: the 2018 throughput range (the January–October pace kept
    for the year, to the design capacity), the design capacity, and the annual figures reported after 2018."""
    part = {(int(r.year), r.variable): r for r in espo.itertuples(index=False) if not _blank(r.value)}
    capacity = float(part[(2018, "espo_china_branch_design_capacity")].value)
    known = part[(2018, THROUGHPUT + "_Jan_Oct")]
    pace = float(known.value) * 12 / 10
    annual = {
        year: float(r.value)
        for (year, var), r in part.items()
        if var == THROUGHPUT
        and year > PAPER_LAST_YEAR
        and usable(status(r.value, r.confidence, r.source), r.confidence, min_confidence)
    }
    return {"capacity": capacity, "pace_2018": pace, "known_2018": float(known.value), "annual": annual}


def sources_table(inputs: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """For each national series: the years reported (with confidence low marked), DERIVED and not found."""
    cr, espo = inputs["china_russia"], inputs["espo"]
    series = {
        "China–Russia trade, total (US$)": [(r.year, r.total_usd_bn, r.confidence, r.source) for r in cr.itertuples()],
        "China's exports to Russia (US$)": [
            (r.year, r.cn_exports_to_ru_usd_bn, r.confidence, r.source) for r in cr.itertuples()
        ],
        "China's imports from Russia (US$)": [
            (r.year, r.cn_imports_from_ru_usd_bn, r.confidence, r.source) for r in cr.itertuples()
        ],
        "China–Russia trade in yuan (total and split)": [
            (r.year, r.total_cny_bn, r.cny_yoy_confidence, r.cny_yoy_source) for r in cr.itertuples()
        ],
    }
    for variable, name in ((CRUDE_MT, "China's crude imports from Russia (Mt)"), (CRUDE_USD, "… their value (US$)")):
        rows = espo[espo["variable"] == variable]
        series[name] = [(r.year, r.value, r.confidence, r.source) for r in rows.itertuples()]
    series["Dubai crude price (World Bank)"] = [
        (r.year, r.value, r.confidence, r.source) for r in espo[espo["variable"] == DUBAI].itertuples()
    ]
    out = []
    for name, values in series.items():
        got = {int(y): (status(v, c, s), c) for y, v, c, s in values}
        reported = [y for y in YEARS if got.get(y, ("missing", ""))[0] == "reported"]
        low = [y for y in reported if got[y][1] == "low"]
        out.append(
            {
                "series": name,
                "reported": year_ranges(reported),
                "of_which_low": year_ranges(low),
                "derived": year_ranges([y for y in YEARS if got.get(y, ("missing", ""))[0] == "derived"]),
                "not_found": year_ranges([y for y in YEARS if got.get(y, ("missing", ""))[0] == "missing"]),
                "n_reported": len(reported),
            }
        )
    return pd.DataFrame(out)
