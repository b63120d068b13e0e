"""The tables behind the figures of the current-state chapter, computed from Table 1.

Each function takes Table 1 as loaded by :func:`table1.load` (indexed by year, possibly a
window of it) and returns a tidy frame that is both drawn and offered as CSV.
"""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia import audit
from heilongjiang_russia.data import table1
from heilongjiang_russia.errors import ParameterError

# events the paper names in its current-state section (para 1) and conclusion (para 2)
EVENTS = {
    2009: "financial crisis",
    2011: "crude oil pipeline",
}


FALL = (2015, 2016)  # the fall the text places in 2016 (conclusion) and the table in 2015-2016


def index_table(trade: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Each flow as an index, 100 = its level in ``base_year`` (which must lie in the window)."""
    years = list(trade["year"])
    if base_year not in years:
        raise ParameterError("base_year", f"{base_year} is outside the years analysed ({years[0]}–{years[-1]})")
    rows = []
    for flow in table1.LEVELS:
        base = trade.loc[base_year, flow]
        for year in years:
            rows.append(
                {
                    "year": year,
                    "flow": flow,
                    "index": round(trade.loc[year, flow] / base * 100, 6),
                    "base_year": base_year,
                }
            )
    return pd.DataFrame(rows)


def growth_long(trade: pd.DataFrame, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Printed and recomputed growth, with the audit's verdict, one row per flow and year.

    ``gap_pct`` is printed minus recomputed growth (percentage points); ``gap_low_pct`` and
    ``gap_high_pct`` bound it when both are read as rounding intervals (the printed rate ±0.05,
    the recomputed rate between the growth its rounded levels allow): a bound pair that does not
    hold 0 is a gap no rounding explains.
    """
    frame = audit.growth_table(trade)
    frame["gap_pct"] = frame["printed_pct"] - frame["recomputed_pct"]
    frame["gap_low_pct"] = frame["printed_pct"] - audit.HALF - frame["high_pct"]
    frame["gap_high_pct"] = frame["printed_pct"] + audit.HALF - frame["low_pct"]
    if findings is not None:
        verdicts = dict(zip(findings["finding_id"], findings["verdict"]))
        frame["verdict"] = [
            verdicts.get(audit.finding_id("growth", f, y), audit.NOT_CHECKABLE)
            for f, y in zip(frame["flow"], frame["year"])
        ]
    return frame.round(6)


def balance_table(trade: pd.DataFrame, unit: str = "printed") -> pd.DataFrame:
    """Trade balance (export − import) in ``unit`` and the import share of the total (%)."""
    factor, label = table1.unit_factor(unit)
    return pd.DataFrame(
        {
            "year": trade["year"].to_numpy(),
            "balance": ((trade["export"] - trade["import"]) * factor).round(6).to_numpy(),
            "import_share_pct": (trade["import"] / trade["total"] * 100).round(6).to_numpy(),
            "unit": label,
        }
    )


def shares_table(
    trade: pd.DataFrame, unit: str = "printed", china_russia: pd.Series | None = None, hlj: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The two share columns, the totals they imply (in ``unit``) and outside totals where known."""
    factor, label = table1.unit_factor(unit)
    china_russia = audit.outside_china_russia() if china_russia is None else china_russia
    hlj = audit.outside_heilongjiang() if hlj is None else hlj
    to_unit = factor * 10  # outside totals are in US$ bn = 10 x 10^8 US$
    province = {
        r.year: r.value
        for r in hlj.itertuples()
        if r.variable == "hlj_total_foreign_trade" and str(r.unit).startswith("USD bn")
    }
    implied = audit.implied_totals(trade)
    return pd.DataFrame(
        {
            "year": trade["year"].to_numpy(),
            "share_province_pct": trade["share_province_pct"].to_numpy(),
            "share_china_pct": trade["share_china_pct"].to_numpy(),
            "province_total_implied": (implied["province_total_usd_bn"] * to_unit).round(6).to_numpy(),
            "province_total_outside": [province[y] * to_unit if y in province else None for y in trade["year"]],
            "china_russia_total_implied": (implied["china_russia_total_usd_bn"] * to_unit).round(6).to_numpy(),
            "china_russia_total_outside": [
                round(china_russia[y] * to_unit, 6) if y in china_russia.index else None for y in trade["year"]
            ],
            "unit": label,
        }
    )


def index_direction(index: pd.Series, base_year: int, years: list[int]) -> tuple[int, int, float, float]:
    """The two years the index compares (base year and the window's other end, in time order) and the
    change of imports and exports between them, in %."""
    other = years[-1] if years[-1] != base_year else years[0]
    a, b = sorted((base_year, other))
    change = {f: (index[(f, b)] / index[(f, a)] - 1) * 100 for f in ("import", "export")}
    return a, b, change["import"], change["export"]
