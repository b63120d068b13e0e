"""After the paper, 2019–2024: the record carried past Song (2019)'s last year.

The chapter sets China–Russia trade, China's crude imports from Russia and Heilongjiang's own
figures beside Table 1, converts the province's yuan figures to US dollars with a rate the reader
chooses, computes the province's share of China–Russia trade where both numbers are known, and
lists what became of the projects the paper reports as planned or under way.

Every outside row keeps its status: ``reported`` (a full-year figure a source gives), ``partial``
(a figure for part of a year: ``_Q1``, ``_H1``, ``_Jan_Aug``...), ``derived`` (computed by the
curators, source starting with DERIVED) or ``missing`` (unsourced or empty). Only reported
full-year figures enter a computation; the others are drawn as what they are, and a gap stays a
gap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from heilongjiang_russia import paths
from heilongjiang_russia.data import checks, table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError
from heilongjiang_russia.present import figures

# -- parameters ----------------------------------------------------------------------------

RATE_BASES = {
    "official_then_fed": "the official annual average where a source was found, else the Federal Reserve H.10 average",
    "fed": "the Federal Reserve H.10 annual average for every year",
    "official_only": "the official annual average only (a year without one stays unconverted)",
}
CONFIDENCE_RANK = {"unsourced": 0, "low": 1, "medium": 2, "high": 3}
MIN_CONFIDENCES = ("high", "medium", "low")
PAPER_LAST_YEAR = 2018  # the last year of Song's Table 1
FIRST_YEAR, LAST_YEAR = 2008, 2024  # the years the chapter covers
REPORT_YEARS = (2012, 2018, 2021, 2024)  # the years whose share the prose names


PARAMETERS = ["rate_basis", "min_confidence", "show_derived", "show_partial", "run_name"]


def _choice(name: str, value: Any, allowed) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(name, f"{value!r} is not allowed; use one of {', '.join(repr(a) for a in allowed)}")
    return value


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The chapter's parameters read from ``values``, validated, with ``rate_text`` (what the rate basis means) added."""
    p = checks.read(values, PARAMETERS)
    _choice("rate_basis", p["rate_basis"], RATE_BASES)
    _choice("min_confidence", p["min_confidence"], MIN_CONFIDENCES)
    checks.kind("show_derived", p["show_derived"], bool)
    checks.kind("show_partial", p["show_partial"], bool)
    checks.run_name(p["run_name"])
    p["rate_text"] = RATE_BASES[p["rate_basis"]]
    return p


# -- rows: status, period, confidence -------------------------------------------------------

_PERIOD = re.compile(r"^(?P<base>.+?)_(?P<period>Q1|H1|Jan_(?P<end>[A-Z][a-z]{2}))$")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL_YEAR = "full year"


def parse_variable(variable: str) -> tuple[str, str, int]:
    """``(base variable, period label, months covered)``: ``hlj_russia_trade_Jan_Aug`` is
    ``("hlj_russia_trade", "Jan–Aug", 8)``; a variable without a period suffix covers the full year."""
    hit = _PERIOD.match(variable)
    if hit is None:
        return variable, FULL_YEAR, 12
    period = hit["period"]
    if period == "Q1":
        return hit["base"], "Jan–Mar", 3
    if period == "H1":
        return hit["base"], "Jan–Jun", 6
    if hit["end"] not in _MONTHS:
        raise ValueError(f"{variable}: unknown month {hit['end']!r}")
    months = _MONTHS.index(hit["end"]) + 1
    return hit["base"], f"Jan–{hit['end']}", months


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def status(value, confidence: str, source, months: int = 12) -> str:
    """``missing``, ``derived``, ``partial`` or ``reported`` (a full-year figure a source gives)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or confidence == "unsourced":
        return "missing"
    if _text(source).strip().upper().startswith("DERIVED"):
        return "derived"
    return "partial" if months < 12 else "reported"


def usable(row_status: str, confidence: str, min_confidence: str) -> bool:
    """A figure that may enter a computation: reported for the full year, confidence at least ``min_confidence``."""
    return row_status == "reported" and CONFIDENCE_RANK.get(confidence, 0) >= CONFIDENCE_RANK[min_confidence]


# -- inputs ---------------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def load_projects(path=None) -> pd.DataFrame:
    """The project facts, with the rules the schema cannot state checked row by row."""
    frame = load_resource("projects", path)
    shown = paths.display(paths.resolve(path)) if path is not None else "data/external/projects.csv"
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        date, source = _text(row.date), _text(row.source).strip()
        if date and not _DATE.match(date):
            raise DataValidationError(shown, f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", row=i, column="date")
        if row.status == "not found":
            if source or date or row.confidence != "unsourced":
                raise DataValidationError(
                    shown,
                    "a 'not found' fact has no date and no source and confidence 'unsourced'",
                    row=i,
                    column="status",
                )
        elif not source:
            raise DataValidationError(
                shown, f"status {row.status!r} needs a source (or status 'not found')", row=i, column="source"
            )
    return frame


def load_inputs() -> dict[str, pd.DataFrame]:
    """Every input of the chapter, validated against the data package."""
    return {
        "table1": table1.load(),
        "china_russia": load_resource("china-russia-trade"),
        "hlj": load_resource("heilongjiang-trade"),
        "rates": load_resource("cny-usd"),
        "oil": load_resource("espo-china-oil"),
        "projects": load_projects(),
    }


# -- conversion -----------------------------------------------------------------------------


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
        unit = _text(r.unit)
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
                "source": _text(r.source),
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


# -- share of China–Russia trade -------------------------------------------------------------


def china_russia_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """China–Russia totals with their status (a flow's value is used only if the row is reported)."""
    out = frame.copy()
    out["status"] = [status(v, c, s) for v, c, s in zip(out["total_usd_bn"], out["confidence"], out["source"])]
    return out.set_index("year", drop=False)


def share_table(
    trade: pd.DataFrame,
    china_russia: pd.DataFrame,
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
    cr = china_russia_rows(china_russia)
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
            rec["province_basis"] = "Song's Table 1"
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
                "source": _text(r.source),
            }
        )
    columns = ["year", "period", "months", "value_pct", "status", "confidence", "source"]
    return pd.DataFrame(rows, columns=columns).sort_values(["year", "months"]).reset_index(drop=True)


def reported_shares_text(reported: pd.DataFrame) -> str:
    """The stated shares as prose: ``24% for 2011, 25.1% for 2013 and 14.7% for Jan–Jun 2021``."""
    shown = reported[reported["status"].isin(["reported", "partial"])]
    if shown.empty:
        return "no stated share was found"
    parts = [
        f"{v:g}% for {'' if p == FULL_YEAR else p + ' '}{y}"
        for y, p, v in zip(shown["year"], shown["period"], shown["value_pct"])
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# -- the prose -------------------------------------------------------------------------------


def _years_text(years) -> str:
    """Years as prose, runs of three or more as ranges: ``2008–2011, 2013 and 2021``."""
    years = sorted({int(y) for y in years})
    if not years:
        return "none"
    runs, start = [], years[0]
    for prev, cur in zip(years, years[1:] + [None]):
        if cur is None or cur != prev + 1:
            runs.extend([f"{start}–{prev}"] if prev - start >= 2 else [str(y) for y in range(start, prev + 1)])
            start = cur
    return runs[0] if len(runs) == 1 else ", ".join(runs[:-1]) + " and " + runs[-1]


def share_sentence(shares: pd.DataFrame, year: int) -> str:
    """What the chapter can say of ``year``'s share."""
    if year not in shares.index:
        return f"{year} is outside the years covered"
    row = shares.loc[year]
    if math.isnan(row["share_pct"]):
        return f"{year}: not computable ({row['reason']})"
    return f"{year}: {row['share_pct']:.1f}% ({row['province_basis']}; {row['confidence']} confidence)"


def place_verdict(shares: pd.DataFrame) -> str:
    """Did the province keep the place the paper gives it? Each computed share after 2018, ranked
    against the computed shares of 2008–2018."""
    done = shares[shares["share_pct"].notna()]
    before = done[done["year"] <= PAPER_LAST_YEAR]["share_pct"]
    after = done[done["year"] > PAPER_LAST_YEAR]
    if after.empty:
        return "with these parameters no share after 2018 can be computed, so the question stays open"
    if before.empty:
        return "with these parameters no share up to 2018 can be computed, so there is nothing to compare with"
    parts = []
    for y, s in zip(after["year"], after["share_pct"]):
        higher = int((before > s).sum())
        parts.append(f"{s:.1f}% in {int(y)}, lower than in {higher} of the {len(before)} computable years of 2008–2018")
    return (
        "after 2018 the share was "
        + "; ".join(parts)
        + f" (those years range from {before.min():.1f}% to {before.max():.1f}%)"
    )


def rate_years_text(conv: pd.DataFrame) -> str:
    """Which series converts which years (from :func:`rate_table`)."""
    parts = []
    for basis, words in (
        ("official", "the official rate for"),
        ("Fed H.10", "the Federal Reserve's annual average for"),
        ("", "no rate at all for"),
    ):
        years = conv.loc[conv["basis"] == basis, "year"]
        if len(years):
            parts.append(f"{words} {_years_text(years)}")
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def disagree_text(shares: pd.DataFrame, tolerance_pp: float = 1.0) -> str:
    """Where the share printed in Table 1 and the recomputed one differ by more than ``tolerance_pp`` points."""
    both = shares[shares["share_pct"].notna() & shares["printed_share_pct"].notna()]
    if both.empty:
        return "no year has both a printed and a recomputed share"
    apart = both[(both["share_pct"] - both["printed_share_pct"]).abs() > tolerance_pp]
    if apart.empty:
        return f"the printed and the recomputed share agree within {tolerance_pp:g} percentage point in every year where both exist"
    return (
        f"the printed and the recomputed share differ by more than {tolerance_pp:g} percentage point in "
        f"{_years_text(apart['year'])}, a disagreement the audit appendix examines"
    )


def summary(inputs: Mapping[str, pd.DataFrame], p: Mapping[str, Any]) -> dict[str, Any]:
    """The numbers and sentences the chapter's prose cites, for the resolved parameters ``p``."""
    trade, rates = inputs["table1"], inputs["rates"]
    levels = province_levels(inputs["hlj"], rates, p["rate_basis"])
    shares = share_table(trade, inputs["china_russia"], levels, p["min_confidence"])
    choice = rate_choice_table(inputs["hlj"], rates)
    cr = china_russia_rows(inputs["china_russia"])
    conv = rate_table(rates, p["rate_basis"])
    done = shares[shares["share_pct"].notna()]
    both = choice[choice["diff_pct"].notna()]
    cr_rep = cr[cr["status"] == "reported"]
    oil = oil_table(inputs["oil"])
    oil_mt = oil[(oil["quantity"] == "Mt") & (oil["status"] == "reported")].set_index("year")
    projects = inputs["projects"]
    found = projects[projects["status"] != "not found"]
    out = {
        "rate_basis": p["rate_basis"],
        "rate_text": p["rate_text"],
        "min_confidence": p["min_confidence"],
        "n_share_years": len(done),
        "share_years": _years_text(done["year"]),
        "n_share_missing": int(shares["share_pct"].isna().sum()),
        "share_missing_years": _years_text(shares.loc[shares["share_pct"].isna(), "year"]),
        "place_verdict": place_verdict(shares),
        "rate_years_text": rate_years_text(conv),
        "disagree_text": disagree_text(shares),
        "reported_shares_text": reported_shares_text(reported_shares(inputs["hlj"])),
        "n_rate_rows": len(choice),
        "n_rate_both": len(both),
        "rate_max_diff_pct": float(both["diff_pct"].abs().max()) if not both.empty else float("nan"),
        "rate_max_diff_row": (
            f"{int(both.loc[both['diff_pct'].abs().idxmax(), 'year'])} "
            f"{both.loc[both['diff_pct'].abs().idxmax(), 'what']}"
        )
        if not both.empty
        else "none",
        "cr_2018": float(cr.loc[2018, "total_usd_bn"]),
        "cr_last_year": int(cr_rep["year"].max()),
        "cr_last": float(cr_rep.loc[cr_rep["year"].max(), "total_usd_bn"]),
        "cr_ratio": float(cr_rep.loc[cr_rep["year"].max(), "total_usd_bn"] / cr.loc[2018, "total_usd_bn"]),
        "oil_2018": float(oil_mt.loc[2018, "value"]) if 2018 in oil_mt.index else float("nan"),
        "oil_last_year": int(oil_mt.index.max()),
        "oil_last": float(oil_mt.loc[oil_mt.index.max(), "value"]),
        "oil_missing_years": _years_text(sorted(set(range(FIRST_YEAR, LAST_YEAR + 1)) - set(oil_mt.index))),
        "n_projects": int(projects["project"].nunique()),
        "n_facts": len(found),
        "n_not_found": int((projects["status"] == "not found").sum()),
        "not_found_text": "; ".join(projects.loc[projects["status"] == "not found", "fact"]) or "nothing",
        "outcomes_text": outcomes_text(projects),
    }
    for year in REPORT_YEARS:
        out[f"share_{year}_text"] = share_sentence(shares, year)
    for year in (2021, 2024):
        row = choice[
            (choice["year"] == year) & (choice["what"] == "trade with Russia") & (choice["period"] == FULL_YEAR)
        ]
        if row.empty:
            out[f"rate_{year}_text"] = f"no yuan figure for {year}'s trade with Russia"
        elif math.isnan(row["official"].iloc[0]):
            out[f"rate_{year}_text"] = (
                f"no official rate was found, so 'official_then_fed' and 'fed' both give "
                f"US${row['usd_fed'].iloc[0]:.2f} bn and 'official_only' leaves the year unconverted"
            )
        else:
            out[f"rate_{year}_text"] = (
                f"US${row['usd_official'].iloc[0]:.2f} bn at the official rate and "
                f"US${row['usd_fed'].iloc[0]:.2f} bn at the Fed rate ({row['diff_pct'].iloc[0]:+.2f}%)"
            )
    return out


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
                "source": part["source"].map(_text).to_numpy(),
            }
        )
        .sort_values(["quantity", "year"])
        .reset_index(drop=True)
    )


def china_russia_long(frame: pd.DataFrame) -> pd.DataFrame:
    """China–Russia trade, one row per year and flow (total, China's exports, China's imports)."""
    cr = china_russia_rows(frame)
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


# -- figures ---------------------------------------------------------------------------------

FILL = {"high": "full", "medium": "left", "low": "none"}  # marker fill by confidence
CONF_LABEL = {"high": "high confidence (filled)", "medium": "medium (half-filled)", "low": "low (open)"}
DERIVED_STYLE = {"marker": "x", "color": "#6E6E6E", "linestyle": "none", "markersize": 7, "markeredgewidth": 1.6}
PARTIAL_MARKER = "v"


def _point(ax, x, y, colour, marker, confidence, size=7.5, zorder=3):
    ax.plot(
        [x],
        [y],
        marker=marker,
        color=colour,
        markerfacecolor=colour,
        markeredgecolor=colour,
        fillstyle=FILL.get(confidence, "none"),
        markerfacecoloralt="white",
        linestyle="none",
        markersize=size,
        markeredgewidth=1.4,
        zorder=zorder,
    )


def _gapped(years, values, usable_mask, span):
    """A line through usable values only, NaN elsewhere, so that a gap is drawn as a gap."""
    series = pd.Series(np.nan, index=list(span))
    for y, v, ok in zip(years, values, usable_mask):
        if ok:
            series[y] = v
    return series


def _confidence_legend(extra=()):
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            color="#333333",
            fillstyle=FILL[c],
            markerfacecoloralt="white",
            linestyle="none",
            markersize=7.5,
            markeredgewidth=1.4,
            label=CONF_LABEL[c],
        )
        for c in FILL
    ]
    return handles + list(extra)


def _paper_line(ax, label="last year of Song's Table 1"):
    ax.axvline(PAPER_LAST_YEAR + 0.5, color=figures.MUTED, linestyle=":", linewidth=1.2, zorder=0)
    ax.text(
        PAPER_LAST_YEAR + 0.6,
        0.98,
        "after the paper →",
        transform=ax.get_xaxis_transform(),
        ha="left",
        va="top",
        fontsize=8.5,
        color="#333333",
    )


def fig_china_russia(long: pd.DataFrame, show_derived: bool = True) -> plt.Figure:
    """China–Russia trade by flow, US$ bn; marker fill = confidence, gaps where no figure is reported."""
    colours = {"total": "#000000", "China's exports": "#0072B2", "China's imports": "#D55E00"}
    markers = {"total": "o", "China's exports": "s", "China's imports": "^"}
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    for flow, part in long.groupby("flow", sort=False):
        ok = part["status"] == "reported"
        ax.plot(
            list(span),
            _gapped(part["year"], part["value_usd_bn"], ok, span).to_numpy(),
            color=colours[flow],
            linewidth=1.6,
            zorder=2,
        )
        for r in part[ok].itertuples(index=False):
            _point(ax, r.year, r.value_usd_bn, colours[flow], markers[flow], r.confidence)
        der = part[part["status"] == "derived"]
        if show_derived and not der.empty:
            ax.plot(der["year"], der["value_usd_bn"], **DERIVED_STYLE, zorder=3)
    flows = [Line2D([], [], color=colours[f], marker=markers[f], linewidth=1.6, label=f) for f in colours]
    extra = [Line2D([], [], **DERIVED_STYLE, label="DERIVED (not reported)")] if show_derived else []
    ax.legend(handles=flows + _confidence_legend(extra), fontsize=8, frameon=True, loc="upper left", ncol=2)
    ax.set_xticks(list(span))
    ax.tick_params(axis="x", labelrotation=90)
    ax.set_xlabel("Year")
    ax.set_ylabel("US$ bn")
    ax.set_ylim(0, long["value_usd_bn"].max() * 1.3)
    _paper_line(ax)
    fig.tight_layout()
    return fig


def fig_crude(oil: pd.DataFrame, show_derived: bool = True) -> plt.Figure:
    """China's crude imports from Russia: tonnes (top) and US$ (bottom), each on its own axis."""
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, axes = plt.subplots(2, 1, figsize=(7.5, 5.6), sharex=True)
    for ax, (quantity, label, colour) in zip(
        axes, (("Mt", "Million tonnes", "#009E73"), ("US$ bn", "US$ bn", "#CC79A7"))
    ):
        part = oil[oil["quantity"] == quantity]
        ok = part["status"] == "reported"
        ax.plot(
            list(span), _gapped(part["year"], part["value"], ok, span).to_numpy(), color=colour, linewidth=1.6, zorder=2
        )
        for r in part[ok].itertuples(index=False):
            _point(ax, r.year, r.value, colour, "o", r.confidence)
        der = part[part["status"] == "derived"]
        if show_derived and not der.empty:
            ax.plot(der["year"], der["value"], **DERIVED_STYLE, zorder=3)
        ax.set_ylabel(label)
        ax.set_ylim(0, max(part["value"].max() * 1.15, 1))
        _paper_line(ax)
    axes[0].legend(handles=_confidence_legend(), fontsize=8, frameon=True, loc="upper left")
    axes[-1].set_xticks(list(span))
    axes[-1].tick_params(axis="x", labelrotation=90)
    axes[-1].set_xlabel("Year")
    fig.tight_layout()
    return fig


PROVINCE_COLOURS = {"trade with Russia": "#D55E00", "total foreign trade": "#0072B2"}


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
            "status": "Song's Table 1",
            "confidence": "paper",
            "value_usd_bn": (trade["total"] / 10).to_numpy(),
            "conversion": "printed in 10^8 US$",
        }
    )
    keep = levels["what"].isin(list(PROVINCE_COLOURS)) & levels["value_usd_bn"].notna()
    statuses = ["reported"] + (["partial"] if show_partial else []) + (["derived"] if show_derived else [])
    own = levels[keep & levels["status"].isin(statuses)][list(paper.columns)]
    return pd.concat([paper, own], ignore_index=True)


def fig_province(points: pd.DataFrame) -> plt.Figure:
    """The province's trade with Russia and its total foreign trade in US$ bn: Song's Table 1 (grey line),
    full-year figures (circles, fill = confidence), part-year figures (triangles labelled with their months),
    DERIVED figures (crosses)."""
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, ax = plt.subplots(figsize=(7.5, 5.8))
    paper = points[points["status"] == "Song's Table 1"]
    ax.plot(paper["year"], paper["value_usd_bn"], color="#6E6E6E", linewidth=2.2, zorder=1)
    for r in points[points["status"] == "reported"].itertuples(index=False):
        _point(ax, r.year, r.value_usd_bn, PROVINCE_COLOURS[r.what], "o", r.confidence)
    part = points[points["status"] == "partial"].sort_values(["year", "months"])
    for r in part.itertuples(index=False):
        _point(ax, r.year, r.value_usd_bn, PROVINCE_COLOURS[r.what], PARTIAL_MARKER, r.confidence, size=6.5)
        right = r.what == "trade with Russia"  # labels of the two series on opposite sides of their points
        ax.annotate(
            r.period,
            (r.year, r.value_usd_bn),
            xytext=(6 if right else -6, 0),
            textcoords="offset points",
            fontsize=6.5,
            color="#333333",
            va="center",
            ha="left" if right else "right",
        )
    der = points[points["status"] == "derived"]
    for r in der.itertuples(index=False):
        ax.plot([r.year], [r.value_usd_bn], **{**DERIVED_STYLE, "color": PROVINCE_COLOURS[r.what]}, zorder=3)
    handles = [Line2D([], [], color="#6E6E6E", linewidth=2.2, label="Song's Table 1 (trade with Russia)")]
    handles += [
        Line2D([], [], color=c, marker="o", linestyle="none", label=f"{w}, full year")
        for w, c in PROVINCE_COLOURS.items()
    ]
    if not part.empty:
        handles.append(
            Line2D(
                [], [], color="#333333", marker=PARTIAL_MARKER, linestyle="none", label="part of a year (months shown)"
            )
        )
    if not der.empty:
        handles.append(Line2D([], [], **DERIVED_STYLE, label="DERIVED (not reported)"))
    ax.legend(handles=_confidence_legend(handles), fontsize=7.5, frameon=True, loc="upper left", ncol=2)
    ax.set_xticks(list(span))
    ax.tick_params(axis="x", labelrotation=90)
    ax.set_xlim(FIRST_YEAR - 0.5, LAST_YEAR + 0.9)
    ax.set_ylim(0, points["value_usd_bn"].max() * 1.45)
    ax.set_xlabel("Year")
    ax.set_ylabel("US$ bn")
    _paper_line(ax)
    fig.tight_layout()
    return fig


def fig_share(shares: pd.DataFrame, reported: pd.DataFrame | None = None) -> plt.Figure:
    """The province's share of China–Russia trade: computed (fill = confidence of the weaker input; circle =
    Table 1 numerator, square = the province's own figure), as printed in Song's Table 1 (grey diamonds) and,
    if ``reported`` is given, as the province's sources state it (orange stars; triangles for part of a year)."""
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    printed = shares[shares["printed_share_pct"].notna()]
    ax.plot(
        printed["year"],
        printed["printed_share_pct"],
        color="#6E6E6E",
        marker="D",
        fillstyle="none",
        linestyle="--",
        linewidth=1,
        markersize=6,
        zorder=1,
    )
    done = shares[shares["share_pct"].notna()]
    colour, stated = "#0072B2", "#E69F00"
    ax.plot(
        list(span),
        _gapped(done["year"], done["share_pct"], [True] * len(done), span).to_numpy(),
        color=colour,
        linewidth=1.6,
        zorder=2,
    )
    for r in done.itertuples(index=False):
        marker = "o" if r.province_basis == "Song's Table 1" else "s"
        _point(ax, r.year, r.share_pct, colour, marker, r.confidence)
    said = reported[reported["status"].isin(["reported", "partial"])] if reported is not None else reported
    for r in said.itertuples(index=False) if said is not None else ():
        full = r.status == "reported"
        _point(
            ax,
            r.year,
            r.value_pct,
            stated,
            "*" if full else PARTIAL_MARKER,
            r.confidence,
            size=12 if full else 7.5,
            zorder=4,
        )
        if not full:
            ax.annotate(
                r.period,
                (r.year, r.value_pct),
                xytext=(6, 0),
                textcoords="offset points",
                fontsize=7,
                color="#333333",
                va="center",
            )
    for r in shares[shares["share_pct"].isna()].itertuples(index=False):
        ax.text(r.year, 0.02, "n/a", transform=ax.get_xaxis_transform(), ha="center", fontsize=7.5, color="#333333")
    handles = [
        Line2D(
            [], [], color="#6E6E6E", marker="D", fillstyle="none", linestyle="--", label="printed in Song's Table 1"
        ),
        Line2D(
            [], [], color=colour, marker="o", linestyle="none", label="computed: Song's Table 1 ÷ China–Russia total"
        ),
        Line2D([], [], color=colour, marker="s", linestyle="none", label="computed: province's own figure ÷ total"),
    ]
    if said is not None and not said.empty:
        handles.append(
            Line2D(
                [],
                [],
                color=stated,
                marker="*",
                markersize=11,
                linestyle="none",
                label="stated by the province's sources (▼ part of a year)",
            )
        )
    ax.legend(handles=_confidence_legend(handles), fontsize=7.5, frameon=True, loc="upper right", ncol=2)
    ax.set_xticks(list(span))
    ax.tick_params(axis="x", labelrotation=90)
    ax.set_ylim(0, max(shares[["share_pct", "printed_share_pct"]].max().max() * 1.75, 1))
    ax.set_xlabel("Year")
    ax.set_ylabel("% of China–Russia trade")
    _paper_line(ax)
    fig.tight_layout()
    return fig


# -- tables ----------------------------------------------------------------------------------


def project_table(projects: pd.DataFrame) -> pd.DataFrame:
    """The project facts in date order within each project, for display."""
    order = {p: i for i, p in enumerate(dict.fromkeys(projects["project"]))}
    out = projects.assign(
        _o=projects["project"].map(order), date_shown=projects["date"].map(lambda d: _text(d) or "not found")
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
        dated = part[part["date"].map(lambda d: bool(_text(d)))].sort_values("date", kind="stable")
        if dated.empty:
            rows.append({"project": project, "status": "not found", "date": "", "fact": part.iloc[0]["fact"]})
            continue
        state = dated.iloc[-1]["status"]
        first = dated[dated["status"] == state].iloc[0]
        rows.append({"project": project, "status": state, "date": first["date"], "fact": first["fact"]})
    return pd.DataFrame(rows)


def outcomes_text(projects: pd.DataFrame) -> str:
    """One sentence: each project's state and since when."""
    parts = []
    for r in project_outcomes(projects).itertuples(index=False):
        if not r.date:
            parts.append(f"{r.project}: not found ({r.fact})")
            continue
        when = (
            "since"
            if r.status in ("in operation", "under construction", "proposed")
            else ("on" if len(r.date) == 10 else "in")
        )
        parts.append(f"{r.project}: {r.status} {when} {r.date} ({r.fact})")
    return "; ".join(parts)
