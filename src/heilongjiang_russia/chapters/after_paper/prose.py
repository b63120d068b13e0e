"""The prose of "After the paper": the values the chapter glues into its text, built from the fields of
:class:`~.model.Results` (numbers are read from columns, never back from a sentence)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from heilongjiang_russia.present.prose import listing, year_ranges

from .model import Results
from .parameters import FIRST_YEAR, LAST_YEAR, PAPER_LAST_YEAR, RATE_REPORT_YEARS, REPORT_YEARS
from .rows import FULL_YEAR


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
    """Which series converts which years (from :func:`~.conversion.rate_table`)."""
    parts = []
    for basis, words in (
        ("official", "the official rate for"),
        ("Fed H.10", "the Federal Reserve's annual average for"),
        ("", "no rate at all for"),
    ):
        years = conv.loc[conv["basis"] == basis, "year"]
        if len(years):
            parts.append(f"{words} {year_ranges(years)}")
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
        f"{year_ranges(apart['year'])}, a disagreement the audit appendix examines"
    )


def outcomes_text(outcomes: pd.DataFrame) -> str:
    """One sentence: each project's state and since when (from :func:`~.model.project_outcomes`)."""
    parts = []
    for r in outcomes.itertuples(index=False):
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


# -- the glued values ------------------------------------------------------------------------


def _share_facts(shares: pd.DataFrame) -> dict[str, Any]:
    done = shares[shares["share_pct"].notna()]
    return {
        "n_share_years": len(done),
        "share_years": year_ranges(done["year"]),
        "n_share_missing": int(shares["share_pct"].isna().sum()),
        "share_missing_years": year_ranges(shares.loc[shares["share_pct"].isna(), "year"]),
        "place_verdict": place_verdict(shares),
    }


def _rate_facts(choice: pd.DataFrame) -> dict[str, Any]:
    both = choice[choice["diff_pct"].notna()]
    widest = both.loc[both["diff_pct"].abs().idxmax()] if not both.empty else None
    return {
        "n_rate_rows": len(choice),
        "n_rate_both": len(both),
        "rate_max_diff_pct": float(both["diff_pct"].abs().max()) if widest is not None else float("nan"),
        "rate_max_diff_row": f"{int(widest['year'])} {widest['what']}" if widest is not None else "none",
    }


def _china_russia_facts(cr: pd.DataFrame) -> dict[str, Any]:
    reported = cr[cr["status"] == "reported"]
    last_year = int(reported["year"].max())
    before = cr.loc[PAPER_LAST_YEAR, "total_usd_bn"]
    return {
        "cr_2018": float(before),
        "cr_last_year": last_year,
        "cr_last": float(reported.loc[last_year, "total_usd_bn"]),
        "cr_ratio": float(reported.loc[last_year, "total_usd_bn"] / before),
    }


def _oil_facts(oil: pd.DataFrame) -> dict[str, Any]:
    tonnes = oil[(oil["quantity"] == "Mt") & (oil["status"] == "reported")].set_index("year")
    last_year = int(tonnes.index.max())
    return {
        "oil_2018": float(tonnes.loc[PAPER_LAST_YEAR, "value"]) if PAPER_LAST_YEAR in tonnes.index else float("nan"),
        "oil_last_year": last_year,
        "oil_last": float(tonnes.loc[last_year, "value"]),
        "oil_missing_years": year_ranges(sorted(set(range(FIRST_YEAR, LAST_YEAR + 1)) - set(tonnes.index))),
    }


DONE = ("completed", "in operation", "established")  # a dated completion, opening or establishment


def projects_summary_text(projects: pd.DataFrame, outcomes: pd.DataFrame) -> str:
    """The projects the paper reports (every locator but its conclusion's recommendations), split by
    their outcome in the sources: done (:data:`DONE`) or, with the latest state reported, not."""
    state = outcomes.set_index("project")
    locator = projects.drop_duplicates("project").set_index("project")["paper_locator"]
    reported = [p for p in state.index if not locator[p].startswith("Conclusion")]
    done = [p for p in reported if state.loc[p, "status"] in DONE]
    pending = [p for p in reported if p not in done]

    def latest(p: str) -> str:
        r = state.loc[p]
        return f"{p} ({'latest state ' + r['status'] + ', first reported ' + r['date'] if r['date'] else 'not found'})"

    text = f"Of the {len(reported)} projects the paper reports as planned, approved or under way, {len(done)} "
    text += "have a dated completion, opening or establishment in the sources"
    text += f"; {len(pending)} have none: {listing([latest(p) for p in pending])}" if pending else ""
    missing = [p for p in state.index if locator[p].startswith("Conclusion") and state.loc[p, "status"] == "not found"]
    if missing:
        text += f"; of what its conclusion recommends, not found: {listing(missing)}"
    return text + "."


def _project_facts(projects: pd.DataFrame, outcomes: pd.DataFrame) -> dict[str, Any]:
    not_found = projects["status"] == "not found"
    return {
        "n_projects": int(projects["project"].nunique()),
        "n_facts": int((~not_found).sum()),
        "n_not_found": int(not_found.sum()),
        "not_found_text": "; ".join(projects.loc[not_found, "fact"]) or "nothing",
        "outcomes_text": outcomes_text(outcomes),
        "projects_summary_text": projects_summary_text(projects, outcomes),
    }


def _province_record_facts(points: pd.DataFrame) -> dict[str, Any]:
    """After 2018: the years the province's trade with Russia is reported for the whole year, and the rest."""
    trade = points[(points["what"] == "trade with Russia") & (points["year"] > PAPER_LAST_YEAR)]
    full = trade[(trade["period"] == FULL_YEAR) & (trade["status"] == "reported")]["year"]
    gaps = [y for y in range(PAPER_LAST_YEAR + 1, LAST_YEAR + 1) if y not in set(full)]
    return {"hlj_full_years": year_ranges(full), "hlj_gap_years": year_ranges(gaps)}


def rate_year_text(choice: pd.DataFrame, year: int) -> str:
    """How the choice of rate moves ``year``'s full-year trade with Russia (from :func:`~.conversion.rate_choice_table`)."""
    row = choice[(choice["year"] == year) & (choice["what"] == "trade with Russia") & (choice["period"] == FULL_YEAR)]
    if row.empty:
        return f"no yuan figure for {year}'s trade with Russia"
    row = row.iloc[0]
    if math.isnan(row["official"]):
        return (
            f"no official rate was found, so 'official_then_fed' and 'fed' both give "
            f"US${row['usd_fed']:.2f} bn and 'official_only' leaves the year unconverted"
        )
    return (
        f"US${row['usd_official']:.2f} bn at the official rate and "
        f"US${row['usd_fed']:.2f} bn at the Fed rate ({row['diff_pct']:+.2f}%)"
    )


def summary(p: Mapping[str, Any], results: Results) -> dict[str, Any]:
    """The numbers and sentences the chapter's prose cites (glued, in this order), for the resolved
    parameters ``p`` and the chapter's ``results`` (:func:`~.model.analyse`)."""
    out = {"rate_basis": p["rate_basis"], "rate_text": p["rate_text"], "min_confidence": p["min_confidence"]}
    out |= _share_facts(results.shares)
    out["rate_years_text"] = rate_years_text(results.conversion)
    out["disagree_text"] = disagree_text(results.shares)
    out["reported_shares_text"] = reported_shares_text(results.reported_shares)
    out |= _rate_facts(results.rate_choice)
    out |= _china_russia_facts(results.china_russia)
    out |= _oil_facts(results.oil)
    out |= _project_facts(results.projects, results.project_outcomes)
    out |= _province_record_facts(results.province_points)
    for year in REPORT_YEARS:
        out[f"share_{year}_text"] = share_sentence(results.shares, year)
    for year in RATE_REPORT_YEARS:
        out[f"rate_{year}_text"] = rate_year_text(results.rate_choice, year)
    return out
