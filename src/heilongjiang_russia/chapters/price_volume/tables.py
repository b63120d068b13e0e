"""The chapter's tables, as numbered, captioned MyST tables built from the results."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.audit.ledger import claim_labels, statuses_of
from heilongjiang_russia.present.tables import myst_table

from .analysis import Results
from .box import MARKER_NAMES
from .model import HEADLINE_YEARS
from .verdicts import share_text


def share_table(decomp: pd.DataFrame, years=HEADLINE_YEARS) -> pd.DataFrame:
    """For each of ``years``: the changes (US$ bn) and the shares of their parts, with ranges, as text."""
    rows = decomp.set_index("year")
    return pd.DataFrame(
        [
            {
                "year": y,
                "imports_change": rows.loc[y, "imports_change"],
                "imports_split": share_text(rows.loc[y]),
                "total_change": rows.loc[y, "total_change"],
                "total_split": share_text(rows.loc[y], total=True),
            }
            for y in years
            if y in rows.index
        ]
    )


def volumes(results: Results) -> str:
    """The pipeline's throughput by year: the volume used, its range and what is known."""
    return myst_table(
        results.volumes,
        {
            "year": "Year",
            "status": "Status",
            "volume_mt": "Used (Mt)",
            "low_mt": "Low (Mt)",
            "high_mt": "High (Mt)",
            "moves_with": "Moves with",
            "known_mt": "Known (Mt)",
            "months_known": "Months known",
            "confidence": "Confidence",
        },
        "Crude oil through the Skovorodino–Mohe–Daqing pipeline by year: the volume used, its range and what is known "
        "(status: none = before the pipeline opened; derived = computed from cumulative totals; partial = known for part "
        "of the year, a scenario range). A full year's range is the rounding of its source; a derived year's adds the "
        "range of the figure it was computed from, against which it moves",
        "tab-pv-volumes",
        formats={"volume_mt": ".2f", "low_mt": ".2f", "high_mt": ".2f", "known_mt": ".2f"},
    )


def price_check(results: Results) -> str:
    """The reported values of the pipeline's oil against the price basis, each marker x the tonnage."""
    frame = results.price_check.assign(marker=results.price_check["marker"].map(MARKER_NAMES))
    return myst_table(
        frame,
        {
            "span": "Span",
            "reported_by": "Reported by",
            "value_bn": "Reported (US$ bn)",
            "volume_mt": "Tonnage (Mt)",
            "marker": "Marker",
            "basis_bn": "Marker x tonnage (US$ bn)",
            "basis_vs_reported_pct": "Gap (%)",
            "implied_usd_per_bbl": "Reported per barrel (US$)",
            "marker_weighted": "Marker, weighted (US$/bbl)",
        },
        "The reported values of the pipeline's crude against the chapter's price basis: the tonnage times barrels per "
        "tonne times each marker's annual averages, weighted by the tonnage of each year (a part of a year at its "
        "year's average); the gap is the basis against the reported value",
        "tab-pv-price-check",
        formats={
            "value_bn": "g",
            "volume_mt": "g",
            "basis_bn": ".2f",
            "basis_vs_reported_pct": "+.1f",
            "implied_usd_per_bbl": ".1f",
            "marker_weighted": ".1f",
        },
        wide=True,
    )


def remainder(results: Results) -> str:
    """The remainder against all imports over the whole table and over the pipeline years."""
    frame = pd.DataFrame(
        [
            {
                "span": per.span,
                "other_cv": per.other_cv,
                "other_cv_range": f"{per.other_cv_low:.0f}–{per.other_cv_high:.0f}",
                "imports_cv": per.imports_cv,
                "other_change": per.other_change,
                "imports_change": per.imports_change,
                "status": per.status,
                "robustness": per.robustness.label,
            }
            for per in results.remainder.periods
        ]
    )
    return myst_table(
        frame,
        {
            "span": "Years",
            "other_cv": "Remainder: CV (%)",
            "other_cv_range": "over the box",
            "imports_cv": "Imports: CV (%)",
            "other_change": "Remainder: mean yearly change (%)",
            "imports_change": "Imports: mean yearly change (%)",
            "status": "Levels",
            "robustness": "Robustness",
        },
        "Imports other than pipeline oil (the remainder) against all imports from Russia: the coefficient of variation "
        "(CV) of the levels and the mean absolute change from one year to the next, over the whole table and over the "
        "pipeline years; the status compares the CVs (far steadier: below half of that of imports)",
        "tab-pv-remainder",
        formats={"other_cv": ".0f", "imports_cv": ".0f", "other_change": ".0f", "imports_change": ".0f"},
        widths="9 9 8 9 10 10 15 30",
        wide=True,
    )


def decomposition(results: Results) -> str:
    """Each year's change of imports and of total trade in its parts, at the central inputs."""
    money = ("imports_change", "price", "volume", "other", "exports", "total_change")
    return myst_table(
        results.decomposition,
        {
            "year": "Year",
            "imports_change": "Change in imports",
            "price": "Oil price",
            "volume": "Pipeline volume",
            "other": "Other imports",
            "exports": "Exports",
            "total_change": "Change in total",
        },
        "The change from the year before in Heilongjiang's imports from and total trade with Russia (billion US$, from "
        "Song's Table 1) and its parts at the central inputs: oil price + pipeline volume + other imports = change in "
        "imports; adding exports gives the change in total trade",
        "tab-pv-decomposition",
        formats=dict.fromkeys(money, ".2f"),
    )


def shares(results: Results) -> str:
    """The shares of the parts in the headline years, with their ranges."""
    return myst_table(
        share_table(results.decomposition),
        {
            "year": "Year",
            "imports_change": "Change in imports (US$ bn)",
            "imports_split": "Shares of the change in imports",
            "total_change": "Change in total (US$ bn)",
            "total_split": "Shares of the change in total trade",
        },
        "Shares of each part in the change of imports and of total trade in the years the paper's explanation turns on "
        "(central value and, in brackets, the range over every input's uncertainty)",
        "tab-pv-shares",
        formats={"imports_change": ".2f", "total_change": ".2f"},
        widths="8 12 35 12 35",
        wide=True,
    )


def claims(results: Results) -> str:
    """The verdicts on C012, C014 and C015 (as stated, and over the swings in general), with their robustness;
    each claim shown with its one status (the ledger's), each reading with its own verdict."""
    shown = results.verdicts.label_frame()
    shown = shown.assign(claim=claim_labels(shown["claim"], statuses_of()))
    return myst_table(
        shown,
        {
            "claim": "Claim (its status)",
            "reading": "Judged",
            "shows": "The decomposition shows",
            "status": "This reading",
            "robustness": "Robustness over the box of its inputs",
        },
        "Three claims of Song (2019) about the causes of the trade swings, judged by the decomposition of Song's Table 1 "
        "(claims as in the ledger; C015 as the paper states it, on the fall of 2014–2016, and over the swings in general), "
        "each with its robustness: whether the verdict holds at every corner of its inputs' box and along each input, "
        "or which input turns it and where",
        "tab-pv-claims",
        widths="7 11 46 12 24",
        wide=True,
    )
