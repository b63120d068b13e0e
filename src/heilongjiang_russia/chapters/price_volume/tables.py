"""The chapter's tables, as numbered, captioned MyST tables built from the results."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.present.tables import myst_table

from .analysis import Results
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
            "known_mt": "Known (Mt)",
            "months_known": "Months known",
            "confidence": "Confidence",
        },
        "Crude oil through the Skovorodino–Mohe–Daqing pipeline by year: the volume used, its range and what is known "
        "(status: none = before the pipeline opened; derived = computed from cumulative totals; partial = known for part "
        "of the year, a scenario range)",
        "tab-pv-volumes",
        formats={"volume_mt": ".2f", "low_mt": ".2f", "high_mt": ".2f", "known_mt": ".2f"},
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
    """The verdicts on C012, C014 and C015."""
    from heilongjiang_russia.chapters import verdicts  # here, not at the top: verdicts imports this chapter

    shown = results.findings.assign(claims=verdicts.claim_labels(results.findings["claims"], verdicts.statuses_of()))
    return myst_table(
        shown,
        {
            "claims": "Claim (its status)",
            "subject": "The paper says",
            "printed": "The decomposition shows",
            "verdict": "This test",
        },
        "Three claims of Song (2019) about the causes of the trade swings, judged by the decomposition of Song's Table 1 "
        "(claims as in the ledger)",
        "tab-pv-claims",
        widths="8 22 56 14",
        wide=True,
    )
