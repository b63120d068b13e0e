"""Yuan and dollars: the book's own conversion of reported yuan figures, and the yuan reading of
Song's growth rates.

The province reports its trade in yuan from 2017 on; Song's Table 1 is in dollars. Where the
reported quantity is in yuan, the audit converts it itself, at the official annual average rate of
that year (``data/external/cny_usd.csv``, rows of a reported kind), carries the yuan figure's
rounding into a dollar interval, and shows what the choice of rate does: the Federal Reserve's
annual average, a third party's conversion (never used as evidence), and the range of rates over
which the verdict's tier stays the same.

A printed growth rate is read two ways: as the growth of the printed dollar levels (the audit's
growth check) and as the growth of the same levels converted to yuan at the official annual average
rates. Where the dollar reading fails and the yuan reading fits, or where the printed rate is the
province's own reported yuan growth rate, the finding gets that known cause in its ``cause`` column
(:func:`with_causes`; a column of the findings, never parsed from their text).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource

from .core import CONSISTENT, HALF, INCONSISTENT, NOT_CHECKABLE, ROUNDING, finding_id, half_unit, interval, judge
from .outside import is_evidence, lookup

SERIES = {  # basis -> (rate column, kind column, confidence column, name in prose)
    "official": ("cny_per_usd_official", "official_evidence", "official_confidence", "official annual average"),
    "fed": ("cny_per_usd_fed", "fed_evidence", "fed_confidence", "Federal Reserve H.10 annual average"),
}
CAUSE_YUAN = "a yuan rate: the printed levels in yuan at the official annual average rates grow by"
CAUSE_REPORTED = "the province's reported growth rate in yuan"


def annual_rates(rates: pd.DataFrame | None = None, basis: str = "official") -> pd.Series:
    """Yuan per US$ by year on ``basis``, only where the rate counts as evidence (reported kind,
    high or medium confidence)."""
    rates = load_resource("cny-usd") if rates is None else rates
    column, kind, confidence, _ = SERIES[basis]
    keep = [
        not pd.isna(v) and is_evidence(c, None, k) for v, c, k in zip(rates[column], rates[confidence], rates[kind])
    ]
    return rates.loc[keep].set_index("year")[column].astype(float)


# --- reported yuan levels, converted by the book -------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """A reported yuan level in US$ bn at the official rate of its year, with the effect of the rate."""

    year: int
    variable: str
    value_cny_bn: float
    rate: float  # official annual average, CNY per US$
    usd_bn: float
    usd_low: float  # from the yuan figure's rounding
    usd_high: float
    fed_rate: float
    fed_usd_bn: float
    third_party_usd_bn: float  # a third party's conversion of the same figure (NaN if none)
    third_party_rate: float  # the rate it implies
    source: str
    kind: str
    confidence: str

    def as_dict(self) -> dict:
        return asdict(self)


def convert(rec, rates: pd.DataFrame | None, conversions: pd.DataFrame | None = None) -> Conversion | None:
    """``rec`` (a CNY bn evidence row) at the official rate of its year; None without one."""
    rates = load_resource("cny-usd") if rates is None else rates
    official, fed = annual_rates(rates, "official"), annual_rates(rates, "fed")
    year, value = int(rec["year"]), float(rec["value"])
    if year not in official.index:
        return None
    rate, half = float(official[year]), half_unit(value)
    third = float("nan")
    if conversions is not None:
        same = conversions[(conversions["year"] == year) & conversions["variable"].str.startswith(rec["variable"])]
        if not same.empty:
            third = float(same.iloc[0]["value"])
    fed_rate = float(fed[year]) if year in fed.index else float("nan")
    return Conversion(
        year=year,
        variable=str(rec["variable"]),
        value_cny_bn=value,
        rate=rate,
        usd_bn=value / rate,
        usd_low=(value - half) / rate,
        usd_high=(value + half) / rate,
        fed_rate=fed_rate,
        fed_usd_bn=value / fed_rate,
        third_party_usd_bn=third,
        third_party_rate=value / third if third == third else float("nan"),
        source=str(rec["source"]),
        kind=str(rec["evidence"]) if "evidence" in rec else "",
        confidence=str(rec["confidence"]),
    )


def rate_band(conv: Conversion, printed_usd_bn: float, threshold_pct: float) -> tuple[float, float]:
    """The rates (CNY per US$) at which the printed level stays below the materiality threshold:
    the gap between the printed interval and the converted one is under ``threshold_pct`` of the
    converted level. Outside it the same yuan figure would make the finding a material erratum."""
    share = threshold_pct / 100
    half_cny, half_usd = half_unit(conv.value_cny_bn), HALF / 10
    # converted above printed: (V - h) / r - (p + e) < share * V / r  <=>  r > (V - h - share V) / (p + e)
    low = (conv.value_cny_bn - half_cny - share * conv.value_cny_bn) / (printed_usd_bn + half_usd)
    # converted below printed: (p - e) - (V + h) / r < share * V / r  <=>  r < (V + h + share V) / (p - e)
    high = (conv.value_cny_bn + half_cny + share * conv.value_cny_bn) / (printed_usd_bn - half_usd)
    return low, high


def agreement_band(conv: Conversion, printed_usd_bn: float) -> tuple[float, float]:
    """The rates at which the converted interval meets the printed one (no inconsistency at all)."""
    half_cny, half_usd = half_unit(conv.value_cny_bn), HALF / 10
    return (conv.value_cny_bn - half_cny) / (printed_usd_bn + half_usd), (conv.value_cny_bn + half_cny) / (
        printed_usd_bn - half_usd
    )


# --- the two readings of a printed growth rate ---------------------------------------------------


def _reading(level: float, base: float, factor: float) -> tuple[float, float, float]:
    point = (level * factor / base - 1) * 100
    lo = ((level - HALF) * factor / (base + HALF) - 1) * 100
    hi = ((level + HALF) * factor / (base - HALF) - 1) * 100
    return point, lo, hi


def growth_readings(trade: pd.DataFrame, rates: pd.DataFrame | None = None, hlj: pd.DataFrame | None = None):
    """Every printed growth rate with a base year in the table, under the dollar reading (the growth
    of the printed levels) and the yuan reading (the same levels in yuan at the official annual
    average rates), each judged as the growth check judges; and the province's reported yuan growth
    rate where one counts as evidence (total trade only). ``cause`` names what explains a rate
    that the dollar reading does not ("" where the dollar reading holds or nothing does)."""
    official = annual_rates(rates, "official")
    rows = []
    for flow, column in table1.GROWTH.items():
        for year in trade["year"]:
            if year - 1 not in set(trade["year"]):
                continue
            level, base, printed = trade.loc[year, flow], trade.loc[year - 1, flow], trade.loc[year, column]
            d_point, d_lo, d_hi = _reading(level, base, 1.0)
            rec = {"year": int(year), "flow": flow, "printed_pct": float(printed)}
            rec |= {"dollar_pct": d_point, "dollar_low": d_lo, "dollar_high": d_hi}
            rec["dollar_verdict"] = judge(d_point, (d_lo, d_hi), printed)[0]
            if {year, year - 1} <= set(official.index):
                y_point, y_lo, y_hi = _reading(level, base, official[year] / official[year - 1])
                rec |= {"yuan_pct": y_point, "yuan_low": y_lo, "yuan_high": y_hi}
                rec["yuan_verdict"] = judge(y_point, (y_lo, y_hi), printed)[0]
            else:
                rec |= {"yuan_pct": np.nan, "yuan_low": np.nan, "yuan_high": np.nan, "yuan_verdict": NOT_CHECKABLE}
            reported = lookup(hlj, year, "hlj_russia_trade_growth", "percent") if hlj is not None else None
            if flow == "total" and reported is not None:
                value = float(reported["value"])
                rec |= {"reported_pct": value, "reported_source": str(reported["source"])}
                rec["reported_verdict"] = judge(value, interval(value, half_unit(value)), printed)[0]
            else:
                rec |= {"reported_pct": np.nan, "reported_source": "", "reported_verdict": NOT_CHECKABLE}
            rec["cause"] = _cause(rec)
            rows.append(rec)
    return pd.DataFrame(rows)


def _cause(rec: dict) -> str:
    if rec["dollar_verdict"] != INCONSISTENT:
        return ""
    fits = (CONSISTENT, ROUNDING)
    if rec["reported_verdict"] in fits:
        return f"{CAUSE_REPORTED}, {rec['reported_pct']:+g}%"
    if rec["yuan_verdict"] in fits:
        return f"{CAUSE_YUAN} {rec['yuan_low']:.2f} to {rec['yuan_high']:.2f}%"
    return ""


def causes(trade: pd.DataFrame, rates: pd.DataFrame | None = None, hlj: pd.DataFrame | None = None) -> dict:
    """``{finding id: cause}`` for every printed growth rate with a known cause."""
    readings = growth_readings(trade, rates, hlj)
    return {finding_id("growth", r.flow, r.year): r.cause for r in readings.itertuples(index=False) if r.cause}


def with_causes(
    findings: pd.DataFrame, trade: pd.DataFrame, rates: pd.DataFrame | None, hlj: pd.DataFrame | None
) -> pd.DataFrame:
    """``findings`` with a ``cause`` column: the known cause of an inconsistent growth finding that the
    yuan reading or the province's reported rate explains, "" elsewhere (no rates: "" everywhere)."""
    known = causes(trade, rates, hlj) if rates is not None else {}
    cause = [known.get(f, "") if v == INCONSISTENT else "" for f, v in zip(findings["finding_id"], findings["verdict"])]
    return findings.assign(cause=cause)
