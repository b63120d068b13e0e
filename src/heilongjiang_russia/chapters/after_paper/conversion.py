"""Yuan to US dollars: the rate of each year under a rate basis, the province's levels in both currencies,
and how much the choice of rate moves a figure."""

from __future__ import annotations

import math

import pandas as pd

from .parameters import RATE_BASES
from .rows import as_text, parse_variable, status, usable


def rate_table(rates: pd.DataFrame, rate_basis: str) -> pd.DataFrame:
    """Yuan per US$ by year under ``rate_basis``, with the series used (``basis``; empty if none)."""
    rows = []
    for r in rates.itertuples(index=False):
        official, fed = r.cny_per_usd_official, r.cny_per_usd_fed
        has_official = not pd.isna(official) and r.official_confidence != "unsourced"
        if rate_basis == "fed" or (rate_basis == "official_then_fed" and not has_official):
            rate, basis = fed, "Fed H.10"
        elif has_official:
            rate, basis = official, "official"
        else:
            rate, basis = float("nan"), ""
        if pd.isna(rate):
            rate, basis = float("nan"), ""
        rows.append(
            {
                "year": int(r.year),
                "rate": float(rate),
                "basis": basis,
                "official": float(official) if has_official else float("nan"),
                "fed": float(fed),
            }
        )
    return pd.DataFrame(rows).set_index("year", drop=False)


LEVEL_VARIABLES = {  # base variable -> what it is
    "hlj_russia_trade": "trade with Russia",
    "hlj_russia_exports": "exports to Russia",
    "hlj_russia_imports": "imports from Russia",
    "hlj_total_foreign_trade": "total foreign trade",
    "hlj_total_exports": "total exports",
    "hlj_total_imports": "total imports",
}


def province_levels(hlj: pd.DataFrame, rates: pd.DataFrame, rate_basis: str) -> pd.DataFrame:
    """Every level the province reports (not shares or growth rates), in yuan and in US$.

    A figure reported in US$ keeps its value (``rate_basis`` "reported in US$"); a yuan figure is
    divided by the year's rate under ``rate_basis``, and stays unconverted (NaN) where there is none.
    ``hlj_russia_trade_usd`` is the same quantity as ``hlj_russia_trade``, given in US$.
    """
    conv = rate_table(rates, rate_basis)
    rows = []
    for r in hlj.itertuples(index=False):
        base, period, months = parse_variable(r.variable)
        if base == "hlj_russia_trade_usd":
            base = "hlj_russia_trade"
        if base not in LEVEL_VARIABLES:
            continue
        unit = as_text(r.unit)
        row_status = status(r.value, r.confidence, r.source, months)
        value = float("nan") if row_status == "missing" else float(r.value)
        year = int(r.year)
        rate = conv.loc[year, "rate"] if year in conv.index else float("nan")
        basis = conv.loc[year, "basis"] if year in conv.index else ""
        if unit.startswith("USD bn"):
            cny, usd, used, how = float("nan"), value, float("nan"), "reported in US$"
        elif unit.startswith("CNY bn"):
            cny, used = value, rate
            usd = value / rate if not math.isnan(rate) else float("nan")
            how = f"{basis} rate" if basis else "no rate"
        else:
            raise ValueError(f"heilongjiang_trade.csv: {r.variable} {year}: unit {unit!r} is neither CNY bn nor USD bn")
        rows.append(
            {
                "year": year,
                "variable": base,
                "row_variable": r.variable,
                "what": LEVEL_VARIABLES[base],
                "period": period,
                "months": months,
                "status": row_status,
                "confidence": r.confidence,
                "unit_reported": unit,
                "value_reported": value,
                "value_cny_bn": cny,
                "rate_cny_per_usd": used,
                "conversion": how,
                "value_usd_bn": usd,
                "source": as_text(r.source),
            }
        )
    return pd.DataFrame(rows).sort_values(["variable", "year", "months"], kind="stable").reset_index(drop=True)


def annual_usd(levels: pd.DataFrame, variable: str, min_confidence: str) -> pd.DataFrame:
    """One usable full-year US$ value per year for ``variable`` (reported in US$ preferred to converted),
    with its confidence and how it was obtained; years without one are absent (never filled)."""
    part = levels[(levels["variable"] == variable) & levels["value_usd_bn"].notna()]
    part = part[[usable(s, c, min_confidence) for s, c in zip(part["status"], part["confidence"])]]
    part = part.assign(_pref=(part["conversion"] != "reported in US$").astype(int))
    part = part.sort_values(["year", "_pref"], kind="stable").drop_duplicates("year")
    return part.drop(columns="_pref").set_index("year", drop=False)


def rate_choice_table(hlj: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """Every yuan figure (reported or partial, with a value) in US$ at the official and at the Fed rate."""
    levels = province_levels(hlj, rates, "fed")
    conv = rate_table(rates, "official_only")
    part = levels[levels["unit_reported"].str.startswith("CNY") & levels["status"].isin(["reported", "partial"])].copy()
    part["official"] = [conv.loc[y, "official"] if y in conv.index else float("nan") for y in part["year"]]
    part["fed"] = [conv.loc[y, "fed"] if y in conv.index else float("nan") for y in part["year"]]
    part["usd_official"] = part["value_cny_bn"] / part["official"]
    part["usd_fed"] = part["value_cny_bn"] / part["fed"]
    part["diff_usd_bn"] = part["usd_official"] - part["usd_fed"]
    part["diff_pct"] = part["diff_usd_bn"] / part["usd_fed"] * 100
    cols = [
        "year",
        "what",
        "period",
        "status",
        "confidence",
        "value_cny_bn",
        "official",
        "fed",
        "usd_official",
        "usd_fed",
        "diff_usd_bn",
        "diff_pct",
    ]
    return part[cols].sort_values(["year", "what", "period"]).reset_index(drop=True)


def rate_effect_table(hlj: pd.DataFrame, rates: pd.DataFrame) -> pd.DataFrame:
    """By year with a yuan figure: the two rates, how far apart they put a US$ value, and the
    province's full-year trade with Russia in US$ under each rate basis (NaN where it cannot be converted)."""
    yuan_years = sorted(set(rate_choice_table(hlj, rates)["year"]))
    both = rate_table(rates, "official_only")
    rows = []
    for year in yuan_years:
        rec = {"year": year, "official": both.loc[year, "official"], "fed": both.loc[year, "fed"]}
        rec["diff_pct"] = (rec["fed"] / rec["official"] - 1) * 100  # US$ at official vs at Fed, %
        for basis in RATE_BASES:
            lv = province_levels(hlj, rates, basis)
            hit = lv[
                (lv["year"] == year)
                & (lv["variable"] == "hlj_russia_trade")
                & (lv["status"] == "reported")
                & lv["unit_reported"].str.startswith("CNY")
            ]
            rec[f"usd_{basis}"] = float(hit["value_usd_bn"].iloc[0]) if not hit.empty else float("nan")
        rows.append(rec)
    return pd.DataFrame(rows)


def province_table(levels: pd.DataFrame, first_year: int = 2017) -> pd.DataFrame:
    """The province's full-year figures from ``first_year`` on, in yuan and in US$, with their status
    (DERIVED rows are listed as such; part-year figures are in the CSV behind the figure)."""
    part = levels[
        (levels["year"] >= first_year) & (levels["months"] == 12) & levels["status"].isin(["reported", "derived"])
    ]
    return part.sort_values(["year", "what"]).reset_index(drop=True)
