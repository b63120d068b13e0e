"""The chapter's inputs: Song's Table 1, the Brent price and the rouble, the pipeline's volumes and
the ESPO blend's properties, with the data rules (DERIVED rows flagged, partial years as scenario
ranges, never as annual figures)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError

from .parameters import SCENARIOS, YEARS

BBL_M3 = 0.158987  # cubic metres in one barrel
VOLUME_BAND = 0.05  # Mt: agreement of the cumulative totals with the annual figures
THROUGHPUT = "espo_china_branch_throughput"
_MONTHS = {
    m: i + 1 for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])
}


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
