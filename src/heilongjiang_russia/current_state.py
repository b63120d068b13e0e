"""The tables behind the figures of the current-state chapter, computed from Table 1.

Each function takes Table 1 as loaded by :func:`table1.load` (indexed by year, possibly a
window of it) and returns a tidy frame that is both drawn and offered as CSV.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from . import audit, table1
from . import checks
from .errors import ParameterError

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
            rows.append({"year": year, "flow": flow, "index": round(trade.loc[year, flow] / base * 100, 6), "base_year": base_year})
    return pd.DataFrame(rows)


def growth_long(trade: pd.DataFrame, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Printed and recomputed growth, with the audit's verdict, one row per flow and year."""
    frame = audit.growth_table(trade)
    if findings is not None:
        verdicts = dict(zip(findings["finding_id"], findings["verdict"]))
        frame["verdict"] = [verdicts.get(f"GROWTH-{f}-{y}", audit.NOT_CHECKABLE) for f, y in zip(frame["flow"], frame["year"])]
    return frame.round(6)


def balance_table(trade: pd.DataFrame, unit: str = "printed") -> pd.DataFrame:
    """Trade balance (export − import) in ``unit`` and the import share of the total (%)."""
    factor, label = table1.unit_factor(unit)
    return pd.DataFrame({
        "year": trade["year"].to_numpy(),
        "balance": ((trade["export"] - trade["import"]) * factor).round(6).to_numpy(),
        "import_share_pct": (trade["import"] / trade["total"] * 100).round(6).to_numpy(),
        "unit": label,
    })


def shares_table(trade: pd.DataFrame, unit: str = "printed", china_russia: pd.Series | None = None,
                 hlj: pd.DataFrame | None = None) -> pd.DataFrame:
    """The two share columns, the totals they imply (in ``unit``) and outside totals where known."""
    factor, label = table1.unit_factor(unit)
    china_russia = audit.outside_china_russia() if china_russia is None else china_russia
    hlj = audit.outside_heilongjiang() if hlj is None else hlj
    to_unit = factor * 10  # outside totals are in US$ bn = 10 x 10^8 US$
    province = {r.year: r.value for r in hlj.itertuples() if r.variable == "hlj_total_foreign_trade" and str(r.unit).startswith("USD bn")}
    implied = audit.implied_totals(trade)
    return pd.DataFrame({
        "year": trade["year"].to_numpy(),
        "share_province_pct": trade["share_province_pct"].to_numpy(),
        "share_china_pct": trade["share_china_pct"].to_numpy(),
        "province_total_implied": (implied["province_total_usd_bn"] * to_unit).round(6).to_numpy(),
        "province_total_outside": [province[y] * to_unit if y in province else None for y in trade["year"]],
        "china_russia_total_implied": (implied["china_russia_total_usd_bn"] * to_unit).round(6).to_numpy(),
        "china_russia_total_outside": [round(china_russia[y] * to_unit, 6) if y in china_russia.index else None for y in trade["year"]],
        "unit": label,
    })


def _years(values) -> str:
    values = [str(int(v)) for v in values]
    return ", ".join(values) if values else "none"


def summary(trade: pd.DataFrame, findings: pd.DataFrame, base_year: int, unit: str = "printed",
            full: pd.DataFrame | None = None) -> dict:
    """The numbers the chapter's prose cites, for ``trade`` (the analysed window), the audit ``findings``
    and ``full``, the whole table file the audit checked (default: ``trade``)."""
    factor, _ = table1.unit_factor(unit)
    growth = trade["total_yoy_pct"]
    full = trade if full is None else full
    low = int(growth.idxmin())
    if growth.min() < 0:
        steepest_text = f"its steepest fall was in {low} ({growth.min():.1f}%)"
    else:
        steepest_text = f"it grew in every year, least in {low} ({growth.min():.1f}%)"
    index = index_table(trade, base_year).set_index(["flow", "year"])["index"]
    last = int(trade["year"].max())
    balance = balance_table(trade, unit)
    lead = [int(y) for y in trade["year"] if trade.loc[y, "import"] > trade.loc[y, "export"]]
    by_id = findings.set_index("finding_id")
    verdicts = findings["verdict"].value_counts()
    growth_bad = findings[(findings["check"] == "growth") & (findings["verdict"] == audit.INCONSISTENT)]
    worst = growth_bad.loc[growth_bad["difference"].abs().idxmax()] if not growth_bad.empty else None
    share_bad = findings[(findings["check"] == "share") & (findings["verdict"] == audit.INCONSISTENT)]
    unit_row = by_id.loc["UNIT-CHINA"] if "UNIT-CHINA" in by_id.index else None
    return {
        "n_years": len(trade), "falls": int((growth < 0).sum()),
        "steepest_year": int(growth.idxmin()), "steepest_pct": float(growth.min()),
        "rise_year": int(growth.idxmax()), "rise_pct": float(growth.max()),
        "import_lead_year": str(lead[0]) if lead else "no year", "import_lead_years": len(lead),
        "import_lead_text": (f"imports exceed them in {len(lead)} of the {len(trade)} years shown, from {lead[0]} on"
                             if lead else "imports never exceed them in the years shown"),
        "import_share_first": float(balance["import_share_pct"].iloc[0]), "import_share_last": float(balance["import_share_pct"].iloc[-1]),
        "deficit_years": int((balance["balance"] < 0).sum()), "balance_last": float(balance["balance"].iloc[-1]),
        "base_year": int(base_year), "index_year": last,
        "index_total": float(index[("total", last)]), "index_export": float(index[("export", last)]), "index_import": float(index[("import", last)]),
        "steepest_text": steepest_text,
        "table_steepest_year": int(full["total_yoy_pct"].idxmin()),
        "index_text": ("imports outgrew exports" if index[("import", last)] > index[("export", last)]
                       else "exports outgrew imports"),
        "n_findings": len(findings), "n_consistent": int(verdicts.get(audit.CONSISTENT, 0)),
        "n_rounding": int(verdicts.get(audit.ROUNDING, 0)), "n_inconsistent": int(verdicts.get(audit.INCONSISTENT, 0)),
        "n_unchecked": int(verdicts.get(audit.NOT_CHECKABLE, 0)),
        "sum_bad": _years(findings.loc[(findings["check"] == "sum") & (findings["verdict"] == audit.INCONSISTENT), "subject"].str[:4]),
        "growth_checked": int(((findings["check"] == "growth") & (findings["verdict"] != audit.NOT_CHECKABLE)).sum()),
        "growth_bad": len(growth_bad),
        "growth_rounding": int(((findings["check"] == "growth") & (findings["verdict"] == audit.ROUNDING)).sum()),
        "worst_growth": worst["subject"] if worst is not None else "none",
        "worst_growth_size": abs(float(worst["difference"])) if worst is not None else 0.0,
        "share_bad": _years(share_bad["subject"].str[:4]),
        "unit_ratio": float(unit_row["difference"]) if unit_row is not None and unit_row["difference"] == unit_row["difference"] else float("nan"),
        "text_bad": int(((findings["check"] == "text") & (findings["verdict"] == audit.INCONSISTENT)).sum()),
        "text_checked": int((findings["check"] == "text").sum()),
        "factor": factor,
    }


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 02, checked; ``base_year`` ``None`` (the default) follows ``start_year``."""
    p = checks.read(values, ["table1_file", "start_year", "end_year", "unit", "run_name", "base_year"])
    checks.table1_window(p)
    checks.unit(p["unit"])
    checks.run_name(p["run_name"])
    if p["base_year"] is None:
        p["base_year"] = p["start_year"]
    base = checks.kind("base_year", p["base_year"], int)
    if not p["start_year"] <= base <= p["end_year"]:
        raise ParameterError(
            "base_year", f"{base} is outside the window analysed ({p['start_year']}–{p['end_year']}); choose a year in it"
        )
    return p
