"""The analysis of "After the paper": China–Russia totals, the province's share of them, crude oil, the
projects, and :func:`analyse`, which returns every table the chapter shows as one :class:`Results`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .conversion import annual_usd, province_levels, province_table, rate_choice_table, rate_effect_table, rate_table
from .parameters import CONFIDENCE_RANK, FIRST_YEAR, LAST_YEAR
from .rows import FULL_YEAR, as_text, load_inputs, parse_variable, status

TABLE1 = "Song's Table 1"  # the province figure (and status) of a year read from Table 1

# -- share of China–Russia trade -------------------------------------------------------------


def china_russia_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """China–Russia totals with their status (a flow's value is used only if the row is reported)."""
    out = frame.copy()
    out["status"] = [status(v, c, s) for v, c, s in zip(out["total_usd_bn"], out["confidence"], out["source"])]
    return out.set_index("year", drop=False)


def share_table(
    trade: pd.DataFrame,
    cr: pd.DataFrame,
    levels: pd.DataFrame,
    min_confidence: str,
    years=range(FIRST_YEAR, LAST_YEAR + 1),
) -> pd.DataFrame:
    """The province's share of China–Russia trade by year, where both figures can be used.

    To 2018 the numerator is Song's Table 1 total read in its real unit (10^8 US$ / 10 = US$ bn);
    after it, the province's own full-year figure in US$ (:func:`annual_usd`). The denominator is the
    reported China–Russia total. A year without a usable figure on either side has no share, and
    ``reason`` says why.
    """
    prov = annual_usd(levels, "hlj_russia_trade", min_confidence)
    rows = []
    for year in years:
        rec = {
            "year": year,
            "province_usd_bn": float("nan"),
            "province_basis": "",
            "province_confidence": "",
            "china_russia_usd_bn": float("nan"),
            "china_russia_confidence": "",
            "share_pct": float("nan"),
            "printed_share_pct": float("nan"),
            "confidence": "",
            "reason": "",
            "rows": "",
        }
        reasons, used = [], []
        if year in trade.index:
            rec["province_usd_bn"] = float(trade.loc[year, "total"]) / 10
            rec["province_basis"] = TABLE1
            used.append(f"raw/table1.csv {year} total")
            rec["province_confidence"] = "paper"
            rec["printed_share_pct"] = float(trade.loc[year, "share_china_pct"])
        elif year in prov.index:
            p = prov.loc[year]
            rec["province_usd_bn"] = float(p["value_usd_bn"])
            rec["province_basis"] = (
                f"{p['value_reported']:g} CNY bn at {p['rate_cny_per_usd']:.4f} CNY/US$, {p['conversion']}"
                if p["conversion"] != "reported in US$"
                else "reported in US$"
            )
            rec["province_confidence"] = p["confidence"]
            used.append(f"external/heilongjiang_trade.csv {year} {p['row_variable']}")
        else:
            rows_y = levels[(levels["variable"] == "hlj_russia_trade") & (levels["year"] == year)]
            kinds = set(rows_y["status"])
            if "reported" in kinds:
                rep = rows_y[rows_y["status"] == "reported"]
                if rep["value_usd_bn"].isna().all():
                    reasons.append("no exchange rate for the province's yuan figure")
                else:
                    reasons.append(f"province figure below {min_confidence} confidence")
            elif "derived" in kinds:
                reasons.append("province figure only DERIVED")
            elif "partial" in kinds:
                reasons.append("province figure for part of the year only")
            else:
                reasons.append("province figure not found")
        if year in cr.index and cr.loc[year, "status"] == "reported":
            conf = cr.loc[year, "confidence"]
            if CONFIDENCE_RANK[conf] >= CONFIDENCE_RANK[min_confidence]:
                rec["china_russia_usd_bn"] = float(cr.loc[year, "total_usd_bn"])
                rec["china_russia_confidence"] = conf
            else:
                reasons.append(f"China–Russia total below {min_confidence} confidence")
        elif year in cr.index and cr.loc[year, "status"] == "derived":
            reasons.append("China–Russia total only DERIVED")
        else:
            reasons.append("China–Russia total not found")
        if not reasons:
            rec["rows"] = "; ".join([*used, f"external/china_russia_trade.csv {year}"])
            rec["share_pct"] = rec["province_usd_bn"] / rec["china_russia_usd_bn"] * 100
            confs = [c for c in (rec["province_confidence"], rec["china_russia_confidence"]) if c in CONFIDENCE_RANK]
            rec["confidence"] = min(confs, key=CONFIDENCE_RANK.get)
        rec["reason"] = "; ".join(reasons)
        rec["rows_or_reason"] = f"from {rec['rows']}" if rec["rows"] else f"no share: {rec['reason']}"
        rows.append(rec)
    return pd.DataFrame(rows).set_index("year", drop=False)


def reported_shares(hlj: pd.DataFrame) -> pd.DataFrame:
    """The province's share of China–Russia trade as its sources state it (not computed here), by year
    and period, with status and confidence."""
    rows = []
    for r in hlj.itertuples(index=False):
        base, period, months = parse_variable(r.variable)
        if base != "hlj_russia_share_of_china_russia_trade":
            continue
        rows.append(
            {
                "year": int(r.year),
                "period": period,
                "months": months,
                "value_pct": float(r.value),
                "status": status(r.value, r.confidence, r.source, months),
                "confidence": r.confidence,
                "source": as_text(r.source),
            }
        )
    columns = ["year", "period", "months", "value_pct", "status", "confidence", "source"]
    return pd.DataFrame(rows, columns=columns).sort_values(["year", "months"]).reset_index(drop=True)


# -- crude oil -------------------------------------------------------------------------------

OIL_VARIABLES = {"china_crude_imports_from_russia_mt": "Mt", "china_crude_imports_from_russia_usd_bn": "US$ bn"}


def oil_table(oil: pd.DataFrame) -> pd.DataFrame:
    """China's crude imports from Russia in tonnes and in US$, one row per year and quantity."""
    part = oil[oil["variable"].isin(OIL_VARIABLES)]
    return (
        pd.DataFrame(
            {
                "year": part["year"].astype(int).to_numpy(),
                "quantity": part["variable"].map(OIL_VARIABLES).to_numpy(),
                "value": part["value"].to_numpy(dtype=float),
                "status": [status(v, c, s) for v, c, s in zip(part["value"], part["confidence"], part["source"])],
                "confidence": part["confidence"].to_numpy(),
                "source": part["source"].map(as_text).to_numpy(),
            }
        )
        .sort_values(["quantity", "year"])
        .reset_index(drop=True)
    )


def china_russia_long(cr: pd.DataFrame) -> pd.DataFrame:
    """China–Russia trade (:func:`china_russia_rows`), one row per year and flow (total, China's exports,
    China's imports)."""
    flows = {
        "total": "total_usd_bn",
        "China's exports": "cn_exports_to_ru_usd_bn",
        "China's imports": "cn_imports_from_ru_usd_bn",
    }
    rows = []
    for r in cr.itertuples(index=False):
        for flow, col in flows.items():
            value = getattr(r, col)
            if flow != "total" and pd.isna(value):
                continue  # the split is only given where found
            rows.append(
                {
                    "year": int(r.year),
                    "flow": flow,
                    "value_usd_bn": float(value) if not pd.isna(value) else float("nan"),
                    "status": r.status if flow == "total" else status(value, r.confidence, r.source),
                    "confidence": r.confidence,
                }
            )
    return pd.DataFrame(rows)


PROVINCE_SERIES = ("trade with Russia", "total foreign trade")  # the levels the province figure draws


def province_figure_table(
    levels: pd.DataFrame, trade: pd.DataFrame, show_derived: bool, show_partial: bool
) -> pd.DataFrame:
    """The points of :func:`fig_province`: Table 1 totals and the province's own figures in US$."""
    paper = pd.DataFrame(
        {
            "year": trade["year"].to_numpy(),
            "what": "trade with Russia",
            "period": FULL_YEAR,
            "months": 12,
            "status": TABLE1,
            "confidence": "paper",
            "value_usd_bn": (trade["total"] / 10).to_numpy(),
            "conversion": "printed in 10^8 US$",
        }
    )
    keep = levels["what"].isin(PROVINCE_SERIES) & levels["value_usd_bn"].notna()
    statuses = ["reported"] + (["partial"] if show_partial else []) + (["derived"] if show_derived else [])
    own = levels[keep & levels["status"].isin(statuses)][list(paper.columns)]
    return pd.concat([paper, own], ignore_index=True)


# -- projects --------------------------------------------------------------------------------


def project_table(projects: pd.DataFrame) -> pd.DataFrame:
    """The project facts in date order within each project, for display."""
    order = {p: i for i, p in enumerate(dict.fromkeys(projects["project"]))}
    out = projects.assign(
        _o=projects["project"].map(order), date_shown=projects["date"].map(lambda d: as_text(d) or "not found")
    )
    return out.sort_values(["_o", "date_shown"], kind="stable").drop(columns="_o").reset_index(drop=True)


def paper_statements(projects: pd.DataFrame) -> pd.DataFrame:
    """What the paper says of each project and where, one row per project."""
    return projects.drop_duplicates("project")[["project", "paper_status", "paper_locator"]].reset_index(drop=True)


def project_outcomes(projects: pd.DataFrame) -> pd.DataFrame:
    """Each project's state as far as the sources go: the status of its latest dated fact, and the
    earliest dated fact with that status (when it got there); a project without one stays 'not found'."""
    rows = []
    for project, part in projects.groupby("project", sort=False):
        dated = part[part["date"].map(lambda d: bool(as_text(d)))].sort_values("date", kind="stable")
        if dated.empty:
            rows.append({"project": project, "status": "not found", "date": "", "fact": part.iloc[0]["fact"]})
            continue
        state = dated.iloc[-1]["status"]
        first = dated[dated["status"] == state].iloc[0]
        rows.append({"project": project, "status": state, "date": first["date"], "fact": first["fact"]})
    return pd.DataFrame(rows)


# -- the chapter -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Results:
    """Every table the chapter shows or cites, for one set of parameters."""

    conversion: pd.DataFrame  # yuan per US$ by year under the run's rate basis (rate_table)
    levels: pd.DataFrame  # every provincial level in yuan and US$ (province_levels)
    province_table: pd.DataFrame  # the full-year provincial figures from 2017 on
    province_points: pd.DataFrame  # the points of the province figure (province_figure_table)
    rate_choice: pd.DataFrame  # every yuan figure at both rates (rate_choice_table)
    rate_effect: pd.DataFrame  # by year: the two rates and the trade with Russia under each basis
    china_russia: pd.DataFrame  # China–Russia totals with their status, indexed by year
    china_russia_long: pd.DataFrame  # the same by flow, for the figure
    oil: pd.DataFrame  # China's crude imports from Russia (oil_table)
    shares: pd.DataFrame  # the province's share of China–Russia trade, by year (share_table)
    reported_shares: pd.DataFrame  # the shares the province's sources state
    projects: pd.DataFrame  # the project facts as loaded
    project_table: pd.DataFrame  # the same in display order
    paper_statements: pd.DataFrame  # what the paper says of each project
    project_outcomes: pd.DataFrame  # each project's state and since when


def analyse(p: Mapping[str, Any], inputs: Mapping[str, pd.DataFrame] | None = None) -> Results:
    """Every table of the chapter for the resolved parameters ``p`` (from ``check_parameters``);
    ``inputs`` (as :func:`~.rows.load_inputs` returns them) are loaded when not given."""
    inputs = load_inputs() if inputs is None else inputs
    hlj, rates, projects = inputs["hlj"], inputs["rates"], inputs["projects"]
    levels = province_levels(hlj, rates, p["rate_basis"])
    cr = china_russia_rows(inputs["china_russia"])
    return Results(
        conversion=rate_table(rates, p["rate_basis"]),
        levels=levels,
        province_table=province_table(levels),
        province_points=province_figure_table(levels, inputs["table1"], p["show_derived"], p["show_partial"]),
        rate_choice=rate_choice_table(hlj, rates),
        rate_effect=rate_effect_table(hlj, rates),
        china_russia=cr,
        china_russia_long=china_russia_long(cr),
        oil=oil_table(inputs["oil"]),
        shares=share_table(inputs["table1"], cr, levels, p["min_confidence"]),
        reported_shares=reported_shares(hlj),
        projects=projects,
        project_table=project_table(projects),
        paper_statements=paper_statements(projects),
        project_outcomes=project_outcomes(projects),
    )
