"""The computations of "The province and the nation".

* The change in China's imports from Russia between two years is split, as chapter 6 splits the
  province's, into a crude-oil price effect, a crude volume effect and other goods. The crude's value is
  tonnage x unit value, and its change is split by the midpoint (Shapley) rule, which adds up exactly.
  Where China's customs report the crude's US$ value for both years, the unit value is that value per
  tonne ("reported value"); otherwise it is barrels per tonne x (marker price + premium) ("market price").
* Every input not known exactly spans a range (rounding of each reported figure, barrels per tonne, the
  marker and the premium), and every result is evaluated at every combination of the ends ("the box"):
  a statement holds throughout the box or it names the input that flips it.
* The province's own part of a change: a province that kept its share of China's flow would have
  changed by its level of the year before times China's growth; the rest is the province's own.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from . import series
from .series import PAPER_LAST_YEAR, YEARS

PARTS = ("price", "volume", "other")
CONSISTENT, PARTLY, INCONSISTENT, NO_SWING = "consistent", "partly supported", "inconsistent", "no swing to judge"
MARKET, REPORTED, CRUDE_ONLY = "market price", "reported value", "crude only"
OTHER_THRESHOLDS = (0.0, 5.0, 10.0, 25.0, 50.0)  # swing thresholds the robustness text reports besides the chosen one


def midpoint_split(q0, q1, u0, u1) -> tuple[Any, Any]:
    """The exact split of the change of q x u: (u1 - u0)(q0 + q1)/2 + (q1 - q0)(u0 + u1)/2.

    The same rule as :func:`heilongjiang_russia.chapters.price_volume.decompose` (kept here, generic, so
    that this chapter does not depend on that module's layout).
    """
    return (u1 - u0) * (q0 + q1) / 2, (q1 - q0) * (u0 + u1) / 2


def _three(value: float, band: float) -> tuple[float, float, float]:
    return (value, value - band, value + band)


def price_options(row0, row1, p: Mapping[str, Any]) -> list[tuple[float, float]]:
    """(price year before, price year) in US$/bbl: the central basis first, then every marker x premium end."""
    central = (row0[p["price_basis"]] + p["price_premium"], row1[p["price_basis"]] + p["price_premium"])
    ends = [
        (row0[m] + prem, row1[m] + prem)
        for m in ("dubai", "brent")
        for prem in (p["premium_low"], p["price_premium"], p["premium_high"])
    ]
    return [central, *ends]


def _pair_inputs(c0, c1, m0, m1, p) -> tuple[str, dict[str, list]]:
    """The basis of one year's split and the options of each input (central first)."""
    values: dict[str, list] = {"v0": list(_three(c0["mt"], c0["mt_band"])), "v1": list(_three(c1["mt"], c1["mt_band"]))}
    if m0 is not None:
        values["m0"], values["m1"] = list(_three(*m0)), list(_three(*m1))
    if not (math.isnan(c0["usd"]) or math.isnan(c1["usd"])):
        values["c0"], values["c1"] = list(_three(c0["usd"], c0["usd_band"])), list(_three(c1["usd"], c1["usd_band"]))
        return REPORTED, values
    values["b"] = [p["bbl_per_tonne"], p["bbl_low"], p["bbl_high"]]
    values["price"] = price_options(c0, c1, p)
    return MARKET if m0 is not None else CRUDE_ONLY, values


GROUPS = {  # id: (what the reader reads, the inputs a robustness check varies together)
    "imports": ("rounding of China's imports", ("m0", "m1")),
    "tonnage": ("rounding of the tonnage", ("v0", "v1")),
    "bbl": ("barrels per tonne", ("b",)),
    "price": ("price basis", ("price",)),  # the marker and the premium
    "value": ("rounding of the crude's value", ("c0", "c1")),
}


def flipping(row) -> list[str]:
    """The names of the input groups that, varied alone, change which part leads (from the ``flips_<id>`` flags)."""
    flags = [row.get(f"flips_{gid}") for gid in GROUPS]
    return [name for (name, _), f in zip(GROUPS.values(), flags) if isinstance(f, (bool, np.bool_)) and bool(f)]


def _evaluate(x: Mapping[str, Any]) -> dict[str, float]:
    """Price and volume effects of the crude (US$ bn), and, with imports, other goods and the change."""
    if "c0" in x:
        u0, u1 = x["c0"] / x["v0"], x["c1"] / x["v1"]
    else:
        (p0, p1), b = x["price"], x["b"]
        u0, u1 = b * p0 / 1000.0, b * p1 / 1000.0
    price, volume = midpoint_split(x["v0"], x["v1"], u0, u1)
    out = {"price": price, "volume": volume, "crude_change": price + volume}
    if "m0" in x:
        out["change"] = x["m1"] - x["m0"]
        out["other"] = out["change"] - price - volume
        out["change_pct"] = out["change"] / x["m0"] * 100
    return out


def lead(parts: Mapping[str, float]) -> str:
    """The part that contributes most in the direction of the change (the largest share of it)."""
    sign = 1.0 if parts["change"] >= 0 else -1.0
    return max(PARTS, key=lambda k: parts[k] * sign)


def _points(values: Mapping[str, list], vary=None) -> list[dict[str, Any]]:
    """Every combination of the options of the inputs in ``vary`` (all when None), the others central."""
    names = list(values)
    axes = [values[n] if vary is None or n in vary else values[n][:1] for n in names]
    return [dict(zip(names, combo)) for combo in itertools.product(*axes)]


def _year_row(year: int, basis: str, values: Mapping[str, list]) -> dict[str, Any]:
    central = _evaluate({k: v[0] for k, v in values.items()})
    every = [_evaluate(x) for x in _points(values)]
    row: dict[str, Any] = {"year": year, "basis": basis}
    for key in central:
        got = [e[key] for e in every]
        row[key], row[f"{key}_low"], row[f"{key}_high"] = central[key], min(got), max(got)
    if basis == CRUDE_ONLY:
        return row
    for k in PARTS:
        shares = [e[k] / e["change"] * 100 for e in every if e["change"] != 0]
        row[f"{k}_share"] = central[k] / central["change"] * 100 if central["change"] else np.nan
        row[f"{k}_share_low"], row[f"{k}_share_high"] = (min(shares), max(shares)) if shares else (np.nan, np.nan)
    leads = {lead(e) for e in every if e["change"] != 0}
    row["lead"] = lead(central)
    row["price_leads_everywhere"] = leads == {"price"}
    row["price_leads_somewhere"] = "price" in leads
    for gid, (_, group) in GROUPS.items():
        row[f"flips_{gid}"] = any(g in values for g in group) and any(
            lead(_evaluate(x)) != row["lead"] for x in _points(values, group) if _evaluate(x)["change"] != 0
        )
    row["flips"] = "; ".join(flipping(row))  # the same, as text for the CSV
    return row


def decomposition(crude: pd.DataFrame, cn_levels: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Every year whose crude tonnage is usable for it and the year before: the crude's price and volume
    effects (US$ bn) and, where China's imports from Russia are usable for both years, other goods, the
    change and the shares (%), each with its low and high over the box; the part that leads the change,
    whether the oil price leads throughout the box, and the inputs that alone flip the lead.
    For a "reported value" year, ``lead_market`` is the lead the market-price estimate would give."""
    imports = cn_levels[cn_levels["flow"] == "imports"].set_index("year")
    rows = []
    for year in crude.index:
        if year - 1 not in crude.index or year - 1 not in imports.index:
            continue
        c0, c1 = crude.loc[year - 1], crude.loc[year]
        if math.isnan(c0["mt"]) or math.isnan(c1["mt"]):
            continue
        a, z = imports.loc[year - 1], imports.loc[year]
        both = bool(a["usable"] and z["usable"])
        m0, m1 = ((a["value"], a["band"]), (z["value"], z["band"])) if both else (None, None)
        basis, values = _pair_inputs(c0, c1, m0, m1, p)
        row = _year_row(year, basis, values)
        row["imports_reason"] = "" if both else _imports_reason(year, a, z)
        if basis == REPORTED:
            market = {k: v for k, v in values.items() if k not in ("c0", "c1")}
            market |= {"b": [p["bbl_per_tonne"]], "price": price_options(c0, c1, p)[:1]}
            row["lead_market"] = lead(_evaluate({k: v[0] for k, v in market.items()}))
        rows.append(row)
    return pd.DataFrame(rows)


def _imports_reason(year: int, a, z) -> str:
    words = {"derived": "only DERIVED", "missing": "not reported"}
    parts = [
        f"{y} {words.get(r['status'], 'below the chosen confidence')}"
        for y, r in ((year - 1, a), (year, z))
        if not r["usable"]
    ]
    return "China's imports from Russia for " + " and ".join(parts)


# -- the out-of-sample test ----------------------------------------------------------------------


def energy_verdict(test: pd.DataFrame, swing_pct: float) -> dict[str, Any]:
    """Chapter 6's rule for the energy explanation, on the swings of China's imports from Russia (years
    whose imports changed by more than ``swing_pct`` percent): consistent when the oil price leads most
    swings throughout the box, inconsistent when it leads none anywhere in the box, else partly supported."""
    sw = test[test["change_pct"].abs() > swing_pct]
    robust = sw.loc[sw["price_leads_everywhere"], "year"].tolist()
    central = sw.loc[sw["lead"] == "price", "year"].tolist()
    possible = sw.loc[sw["price_leads_somewhere"], "year"].tolist()
    if sw.empty:
        verdict = NO_SWING
    elif len(robust) * 2 > len(sw):
        verdict = CONSISTENT
    elif not possible:
        verdict = INCONSISTENT
    else:
        verdict = PARTLY
    return {
        "verdict": verdict,
        "swing_years": sw["year"].tolist(),
        "central_years": central,
        "robust_years": robust,
        "possible_years": possible,
    }


def test_years(decomp: pd.DataFrame) -> pd.DataFrame:
    """The years after the paper with a full split: the out-of-sample test's years."""
    if decomp.empty or "change" not in decomp:
        return decomp.iloc[0:0]
    return decomp[(decomp["year"] > PAPER_LAST_YEAR) & decomp["change"].notna()].reset_index(drop=True)


def direction(crude: pd.DataFrame, growth: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Each year: the change of the marker price (%) beside the growth of China's imports from Russia and
    of its total trade with Russia (%, where known), and whether imports moved the way the price did."""
    g = growth.set_index(["year", "flow"])["growth"]
    rows = []
    for year in YEARS[1:]:
        a, z = crude.loc[year - 1], crude.loc[year]
        price = (z[p["price_basis"]] / a[p["price_basis"]] - 1) * 100
        imports, total = g.get((year, "imports"), np.nan), g.get((year, "total"), np.nan)
        rows.append(
            {
                "year": year,
                "price_change_pct": price,
                "imports_growth_pct": imports,
                "total_growth_pct": total,
                "imports_with_price": bool(np.sign(imports) == np.sign(price)) if not math.isnan(imports) else None,
                "total_with_price": bool(np.sign(total) == np.sign(price)) if not math.isnan(total) else None,
            }
        )
    return pd.DataFrame(rows)


# -- the crude's value: estimate against report ---------------------------------------------------


def value_check(crude: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Every year with a usable reported value and tonnage: the value estimated as tonnage x barrels per
    tonne x price (central, low, high over the box) against the reported value, the price per barrel the
    report implies, and whether that price lies inside the price range used (markers x premium ends)."""
    rows = []
    for year in YEARS:
        c = crude.loc[year]
        if math.isnan(c["mt"]) or math.isnan(c["usd"]):
            continue
        prices = [
            c[m] + prem
            for m in ("dubai", "brent")
            for prem in (p["premium_low"], p["price_premium"], p["premium_high"])
        ]
        central_price = c[p["price_basis"]] + p["price_premium"]
        ests = [
            v * b * pr / 1000
            for v in _three(c["mt"], c["mt_band"])
            for b in (p["bbl_low"], p["bbl_high"])
            for pr in prices
        ]
        implied = c["usd"] * 1000 / (c["mt"] * p["bbl_per_tonne"])
        estimate = c["mt"] * p["bbl_per_tonne"] * central_price / 1000
        rows.append(
            {
                "year": year,
                "tonnage_mt": c["mt"],
                "reported_bn": c["usd"],
                "estimate_bn": estimate,
                "estimate_low": min(ests),
                "estimate_high": max(ests),
                "difference_pct": (estimate / c["usd"] - 1) * 100,
                "implied_usd_per_bbl": implied,
                "price_used": central_price,
                "price_range_low": min(prices),
                "price_range_high": max(prices),
                "inside": min(prices) <= implied <= max(prices),
            }
        )
    return pd.DataFrame(rows)


# -- the province's own part ------------------------------------------------------------------------


def own_part(prov: pd.DataFrame, growth: pd.DataFrame) -> pd.DataFrame:
    """Each change of the province's flows with China's growth known: the part a province that kept its
    share of China's flow would have shown (its level of the year before x China's growth) and the rest,
    the province's own, in US$ bn and as shares of the change, with ranges over rounding and currency."""
    x = prov.set_index(["year", "flow"])
    g = growth.set_index(["year", "flow"])
    rows = []
    for (year, flow), r in x.iterrows():
        if (year - 1, flow) not in x.index or (year, flow) not in g.index or math.isnan(g.loc[(year, flow), "growth"]):
            continue
        a, gr = x.loc[(year - 1, flow)], g.loc[(year, flow)]
        combos = [
            (x0, x1, gg)
            for x0 in _three(a["value"], a["band"])
            for x1 in _three(r["value"], r["band"])
            for gg in (gr["growth"], gr["low"], gr["high"])
        ]
        national = [x0 * gg / 100 for x0, _, gg in combos]
        own = [x1 - x0 - n for (x0, x1, _), n in zip(combos, national)]
        own_share = [o / (x1 - x0) * 100 if x1 != x0 else np.nan for (x0, x1, _), o in zip(combos, own)]
        change = r["value"] - a["value"]
        rows.append(
            {
                "year": int(year),
                "flow": flow,
                "province_before": a["value"],
                "province": r["value"],
                "change": change,
                "province_growth_pct": change / a["value"] * 100,
                "china_growth_pct": gr["growth"],
                "china_growth_basis": gr["basis"],
                "national": national[0],
                "own": own[0],
                "own_share": own_share[0],
                "own_share_low": np.nanmin(own_share) if np.isfinite(own_share).any() else np.nan,
                "own_share_high": np.nanmax(own_share) if np.isfinite(own_share).any() else np.nan,
                "national_low": min(national),
                "national_high": max(national),
            }
        )
    return pd.DataFrame(rows).sort_values(["year", "flow"]).reset_index(drop=True)


# -- the share after 2018 and the capped pipeline --------------------------------------------------


def share_after(
    beside: pd.DataFrame, crude: pd.DataFrame, pipe: Mapping[str, Any], p: Mapping[str, Any]
) -> pd.DataFrame:
    """The province's share of China–Russia trade in 2018 and in each later year with a usable share, and
    the share it would have had if the Mohe line had kept its 2018 share of China's crude imports from
    Russia (the extra crude valued at that year's price); ``explained_pct`` is the part of the fall of the
    share this accounts for. Ranges over the 2018 throughput (January–October pace to design capacity),
    barrels per tonne and the price basis."""
    total = beside[beside["flow"] == "total"].set_index("year")
    s18 = total.loc[PAPER_LAST_YEAR]
    v18_options = ((pipe["pace_2018"] + pipe["capacity"]) / 2, pipe["pace_2018"], pipe["capacity"])
    cols = ("extra_mt", "extra_bn", "share_cf_pct", "explained_pct")
    rows = [{"year": PAPER_LAST_YEAR, "share_pct": s18["share_pct"], "pipeline_mt": v18_options[0]}]
    rows[0] |= {f"{c}{end}": np.nan for c in cols for end in ("", "_low", "_high")}
    cn18 = crude.loc[PAPER_LAST_YEAR, "mt"]
    for year, r in total[(total.index > PAPER_LAST_YEAR) & total["share_pct"].notna()].iterrows():
        c = crude.loc[year]
        if math.isnan(c["mt"]) or math.isnan(cn18):
            continue
        pipe_t = pipe["annual"].get(year, pipe["capacity"])
        prices = [c[p["price_basis"]] + p["price_premium"]] + [
            c[m] + prem
            for m in ("dubai", "brent")
            for prem in (p["premium_low"], p["price_premium"], p["premium_high"])
        ]
        out = []
        for v18, b, price in itertools.product(v18_options, (p["bbl_per_tonne"], p["bbl_low"], p["bbl_high"]), prices):
            extra_mt = v18 * c["mt"] / cn18 - pipe_t
            extra = extra_mt * b * price / 1000
            s_cf = (r["province"] + extra) / r["china"] * 100
            gap = s18["share_pct"] - r["share_pct"]
            out.append((extra_mt, extra, s_cf, (s_cf - r["share_pct"]) / gap * 100 if gap > 0 else np.nan))
        rec = {"year": int(year), "share_pct": r["share_pct"], "pipeline_mt": pipe_t}
        rec["pipeline_basis"] = (
            "reported" if year in pipe["annual"] else "its design capacity, no annual figure being reported"
        )
        rec["china_crude_mt"] = c["mt"]
        rec["pipeline_share_of_crude_pct"] = pipe_t / c["mt"] * 100
        for i, col in enumerate(cols):
            got = [o[i] for o in out]
            rec[col], rec[f"{col}_low"], rec[f"{col}_high"] = got[0], np.nanmin(got), np.nanmax(got)
        rows.append(rec)
    rows[0]["china_crude_mt"] = cn18
    rows[0]["pipeline_share_of_crude_pct"] = v18_options[0] / cn18 * 100
    rows[0]["pipeline_basis"] = "midway between the January–October pace and the design capacity"
    return pd.DataFrame(rows).assign(design_capacity_mt=pipe["capacity"])


# -- exports and the rouble ----------------------------------------------------------------------------


def correlation(x, y, level: float = 0.95) -> dict[str, float]:
    """Pearson r, n and the Fisher-z interval (n >= 4; NaN otherwise)."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    n = len(x)
    if n < 4:
        return {"r": np.nan, "n": n, "low": np.nan, "high": np.nan}
    r = float(np.corrcoef(x, y)[0, 1])
    z, se = math.atanh(max(min(r, 0.999999), -0.999999)), 1 / math.sqrt(n - 3)
    q = NormalDist().inv_cdf(0.5 + level / 2)
    return {"r": r, "n": n, "low": math.tanh(z - q * se), "high": math.tanh(z + q * se)}


def rouble(crude: pd.DataFrame, growth: pd.DataFrame, beside: pd.DataFrame) -> pd.DataFrame:
    """Each year: the change of the rouble's dollar value (%) beside the growth of China's exports to Russia
    and of the province's (%), where known."""
    g = growth[growth["flow"] == "exports"].set_index("year")
    prov = beside[beside["flow"] == "exports"].set_index("year")
    rows = []
    for year in YEARS[1:]:
        a, z = crude.loc[year - 1, "rub_per_usd"], crude.loc[year, "rub_per_usd"]
        rows.append(
            {
                "year": year,
                "rub_per_usd": z,
                "rouble_value_change_pct": (a / z - 1) * 100,
                "china_exports_growth_pct": g.loc[year, "growth"] if year in g.index else np.nan,
                "china_exports_basis": g.loc[year, "basis"] if year in g.index else "",
                "province_exports_growth_pct": prov.loc[year, "province_growth_pct"] if year in prov.index else np.nan,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Results:
    """Every table the chapter draws or cites, for one set of parameters."""

    sources: pd.DataFrame  # the years each national series covers, by kind of evidence
    beside: pd.DataFrame  # the province beside China by year and flow: levels, shares, growth, indices
    beside_wide: pd.DataFrame  # the same, one row per year (the chapter's table)
    growth: pd.DataFrame  # China's growth by year and flow, with its basis
    crude: pd.DataFrame  # China's crude imports from Russia: tonnage, value, price, bands
    decomposition: pd.DataFrame  # each year's change of China's imports: price, volume, other, with ranges
    test: pd.DataFrame  # the out-of-sample years: which part leads, and whether throughout the box
    direction: pd.DataFrame  # imports against the price, year by year
    value_check: pd.DataFrame  # the estimated crude value against the reported one
    own_part: pd.DataFrame  # the province's own part of each swing, against a province at China's pace
    share_after: pd.DataFrame  # the province's share after 2018 against the capped pipeline
    pipeline: pd.DataFrame  # the Mohe line's volumes
    rouble: pd.DataFrame  # exports and the rouble, yearly changes
    cited_api: float  # the API gravity the data cite


def analyse(p: Mapping[str, Any], inputs: Mapping[str, pd.DataFrame] | None = None) -> Results:
    """Every table the chapter draws, for the resolved parameters ``p``."""
    inputs = series.load_inputs() if inputs is None else inputs
    rate_table = series.rates(inputs["rates"])
    cn = series.china_levels(inputs["china_russia"], p["min_confidence"])
    growth = series.china_growth(inputs["china_russia"], rate_table, p)
    crude = series.crude(inputs, p["min_confidence"])
    beside = series.beside(inputs, p)
    decomp = decomposition(crude, cn, p)
    pipe = series.pipeline(inputs["espo"], p["min_confidence"])
    return Results(
        sources=series.sources_table(inputs),
        beside=beside,
        beside_wide=series.beside_wide(beside),
        growth=growth,
        crude=crude,
        decomposition=decomp,
        test=test_years(decomp),
        direction=direction(crude, growth, p),
        value_check=value_check(crude, p),
        own_part=own_part(series.province_levels(inputs, p), growth),
        share_after=share_after(beside, crude, pipe, p),
        pipeline=pipe,
        rouble=rouble(crude, growth, beside),
        cited_api=float(inputs["espo_crude"].set_index("property").loc["api_gravity", "value"]),
    )
