"""The chapter's inputs: Song's Table 1, the Brent and Dubai prices and the rouble, the pipeline's
volumes and the ESPO blend's properties, with the data rules (DERIVED rows flagged, partial years as
scenario ranges, never as annual figures; every full year's band is the rounding of its source, and a
DERIVED year inherits the error of the figure it was computed from)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError

from .parameters import MARKERS, SCENARIOS, YEARS

BBL_M3 = 0.158987  # cubic metres in one barrel
VOLUME_BAND = 0.05  # Mt: the largest gap between a DERIVED volume and its second route through the cumulative totals
THROUGHPUT = "espo_china_branch_throughput"
DUBAI = "dubai_crude_price_wb"  # the World Bank's annual average of Dubai crude (Pink Sheet), US$/bbl
# How each full year's pipeline figure was rounded at its source: half a unit of its last place (Mt), and why
# (the words are in the rows of data/external/espo_china_oil.csv).
VOLUME_ROUNDING = {
    2011: (0.5, "'15 million tonnes', rounded to the million tonnes"),
    2012: (0.01, "DERIVED: 2013's figure less '66萬噸' (to the ten thousand tonnes), stored to 0.01 Mt"),
    2013: (0.0, "'1575.3168萬噸', to the tenth of a tonne"),
    2014: (0.005, "DERIVED: cumulative end-2015 ('7799萬噸') less 2015 less cumulative end-2013"),
    2015: (0.5, "'1600萬噸' and '16 млн т', rounded to the million tonnes"),
    2016: (0.05, "'Более 16,5 млн тонн', to the tenth of a million tonnes (the cumulative totals give 16.48)"),
}
# A DERIVED year moves with the figure it was computed from, with that figure's sign in its formula
DERIVED_FROM = {2014: {2015: -1.0}}
# The tonnage each reported cumulative value of the pipeline's oil is for, and the day it runs to (each row's note)
CUMULATIVE_VALUE_VOLUMES = {
    2016: (82.38, "20 Apr 2016", "Xinhua"),  # '82.38 Mt ... общей стоимостью 56,6 млрд долл США'
    2017: (100.0, "about 19 May 2017", "Harbin Customs"),  # 100 Mt passed; a lower bound of the tonnage
}
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
    ``derived``. Its own band (``own_low_mt`` to ``own_high_mt``) is the rounding of its source
    (:data:`VOLUME_ROUNDING`); a DERIVED year also moves with the figure it was computed from
    (``moves_with``, :data:`DERIVED_FROM`), so its full band (``low_mt`` to ``high_mt``) adds that
    figure's. A year with only a part known (``partial``) gets a scenario range: ``pace`` (the known
    months' pace kept for the rest of the year) to ``plan`` (the year's plan, else its design
    capacity); ``mid`` lies halfway. The known part is never used as the annual figure.
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
            own = 0.0 if value == 0 else _rounding(year, shown)
            inherited = sum(abs(c) * _rounding(y, shown) for y, c in DERIVED_FROM.get(year, {}).items())
            status = "derived" if derived else ("none" if value == 0 else "reported")
            rows.append(
                {
                    "year": year,
                    "volume_mt": value,
                    "low_mt": value - own - inherited,
                    "high_mt": value + own + inherited,
                    "own_low_mt": value - own,
                    "own_high_mt": value + own,
                    "moves_with": ", ".join(map(str, DERIVED_FROM.get(year, {}))),
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
                "own_low_mt": low,
                "own_high_mt": high,
                "moves_with": "",
                "status": "partial",
                "known_mt": float(known.value),
                "months_known": months,
                "pace_mt": pace,
                "plan_mt": plan,
                "confidence": known.confidence,
            }
        )
    return pd.DataFrame(rows)


def _rounding(year: int, shown: str) -> float:
    if year not in VOLUME_ROUNDING:
        raise DataValidationError(
            shown, f"{year}: a full-year throughput whose rounding is not stated in VOLUME_ROUNDING"
        )
    return VOLUME_ROUNDING[year][0]


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
    """One row per year 2008-2018: Table 1 flows in US$ bn, Brent and Dubai, the rouble, pipeline volumes."""
    trade = table1.load() if trade is None else trade
    brent = load_resource("brent-rub") if brent is None else brent
    espo = load_resource("espo-china-oil") if espo is None else espo
    vols = volume_table(espo, scenario).set_index("year")
    prices = brent.set_index("year")
    dubai = {r.year: float(r.value) for r in espo.itertuples() if r.variable == DUBAI and r.value == r.value}
    rows = []
    for year in YEARS:
        if year not in trade.index or year not in prices.index or pd.isna(prices.loc[year, "brent_usd_per_bbl"]):
            raise DataValidationError("data", f"year {year}: Table 1 or the Brent price is missing")
        if year not in dubai:
            raise DataValidationError(
                "data/external/espo_china_oil.csv", f"year {year}: no {DUBAI} row", column="value"
            )
        rows.append(
            {
                "year": year,
                "import_bn": round(float(trade.loc[year, "import"]) * 0.1, 6),
                "export_bn": round(float(trade.loc[year, "export"]) * 0.1, 6),
                "total_printed_bn": round(float(trade.loc[year, "total"]) * 0.1, 6),
                "brent": float(prices.loc[year, "brent_usd_per_bbl"]),
                "dubai": dubai[year],
                "rub_per_usd": float(prices.loc[year, "rub_per_usd_avg"])
                if pd.notna(prices.loc[year, "rub_per_usd_avg"])
                else np.nan,
                **{
                    k: vols.loc[year, k]
                    for k in ("volume_mt", "low_mt", "high_mt", "own_low_mt", "own_high_mt", "status")
                },
            }
        )
    return pd.DataFrame(rows)


def valued_spans(espo: pd.DataFrame | None = None) -> list[dict]:
    """The reported values of the pipeline's oil with the tonnage and the years they cover: January 2011
    (Harbin Customs) and the two cumulative values since 2011 (:data:`CUMULATIVE_VALUE_VOLUMES`). Each
    span's ``weights`` give the Mt of each year in it: full years from the annual (or, for the year
    before the last, cumulative) figures, the last year the rest of the tonnage."""
    espo = load_resource("espo-china-oil") if espo is None else espo
    v = {(r.year, r.variable): float(r.value) for r in espo.itertuples() if r.value == r.value}
    spans = []
    if (2011, "mohe_pipeline_crude_imports_usd_bn_Jan") in v and (2011, "mohe_pipeline_crude_imports_mt_Jan") in v:
        mt = v[(2011, "mohe_pipeline_crude_imports_mt_Jan")]
        spans.append(
            {
                "span": "January 2011",
                "reported_by": "Harbin Customs",
                "value_bn": v[(2011, "mohe_pipeline_crude_imports_usd_bn_Jan")],
                "volume_mt": mt,
                "weights": {2011: mt},
            }
        )
    for year, (total_mt, until, by) in CUMULATIVE_VALUE_VOLUMES.items():
        if (year, "espo_china_branch_cumulative_value") not in v:
            continue
        weights = {}
        for y in range(2011, year):
            weights[y] = v[(y, THROUGHPUT)]
            if (
                y == year - 1
                and (y, "espo_china_branch_cumulative") in v
                and (y - 1, "espo_china_branch_cumulative") in v
            ):
                weights[y] = v[(y, "espo_china_branch_cumulative")] - v[(y - 1, "espo_china_branch_cumulative")]
        weights[year] = total_mt - sum(weights.values())
        spans.append(
            {
                "span": f"2011 to {until}",
                "reported_by": by,
                "value_bn": v[(year, "espo_china_branch_cumulative_value")],
                "volume_mt": total_mt,
                "weights": weights,
            }
        )
    return spans


def price_check(
    frame: pd.DataFrame, api: float, premium: float = 0.0, espo: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each reported value of the pipeline's oil against the value the chapter's price basis gives it:
    the span's tonnage x barrels per tonne x the marker's annual averages (weighted by the tonnage of
    each year; a part of a year is priced at its year's average, an approximation) + ``premium``.
    One row per span and marker: the two values, how far apart (%), and the mean price per barrel the
    reported value implies with the premium over the marker that would close the gap."""
    b = barrels_per_tonne(api)
    by_year = frame.set_index("year")
    rows = []
    for span in valued_spans(espo):
        w = span["weights"]
        implied = span["value_bn"] * 1000 / (span["volume_mt"] * b)
        for marker in MARKERS:
            mean = sum(w[y] * by_year.loc[y, marker] for y in w) / span["volume_mt"]
            basis = span["volume_mt"] * b * (mean + premium) / 1000
            rows.append(
                {
                    "span": span["span"],
                    "reported_by": span["reported_by"],
                    "marker": marker,
                    "value_bn": span["value_bn"],
                    "volume_mt": span["volume_mt"],
                    "part_year_mt": round(w[max(w)], 6),
                    "basis_bn": round(basis, 6),
                    "basis_vs_reported_pct": round((basis / span["value_bn"] - 1) * 100, 6),
                    "implied_usd_per_bbl": round(implied, 6),
                    "marker_weighted": round(mean, 6),
                    "implied_premium": round(implied - mean, 6),
                }
            )
    return pd.DataFrame(rows)
