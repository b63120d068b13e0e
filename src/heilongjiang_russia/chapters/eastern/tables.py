"""The chapter's tables (MyST): objectives, results, sums of money and the checks."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.chapters import verdicts
from heilongjiang_russia.present import tables

from .parameters import THEMES, check_themes
from .section import blank, results_in


def objectives_as_myst(table: pd.DataFrame) -> str:
    """The objectives and the results reported for each (:func:`~.model.objectives_table`) as a numbered table."""
    return tables.myst_table(
        table,
        {
            "item_id": "Item",
            "objective": "Objective (paraphrased)",
            "results": "Results reported",
            "with_number": "of which with a number",
            "stages": "Stages of those results",
            "results_listed": "Result items",
        },
        "The five objectives of the Eastern Silk Road Belt and the results the section reports for each "
        "(pairing by this compendium; Song 2019, section 'Eastern Silk Road Belt')",
        "tab-eastern-objectives",
        missing="",
        table_align="center",
    )


def _shown_value(rec) -> str:
    if blank(rec["claim_id"]) or blank(rec["value"]):
        return ""
    if rec["unit"] == "count":
        return f"{rec['value']:g}"
    return f"{rec['value']:g} {rec['unit']}"


def results_as_myst(frame: pd.DataFrame, themes=THEMES) -> str:
    """The reported results in the chosen themes, in the paper's order, as a numbered table."""
    themes = check_themes(themes)
    shown = results_in(frame, themes).copy()
    shown["number"] = [_shown_value(r) for _, r in shown.iterrows()]
    shown["claim"] = shown["claim_id"].fillna("")
    shown["where"] = [short_locator(loc) for loc in shown["locator"]]
    return tables.myst_table(
        shown,
        {
            "item_id": "Item",
            "paraphrase": "Result (paraphrased)",
            "number": "Number",
            "claim": "Claim",
            "stage": "Stage",
            "where": "Where",
        },
        "Results of the Eastern Silk Road Belt as reported by Song (2019), one row per statement "
        "(Where: paragraph and sentence of the section)",
        "tab-eastern-results",
        align={"number": "right"},
        missing="",
        table_align="center",
    )


def short_locator(locator: str) -> str:
    """'Eastern Silk Road Belt, para 2, sentence 4' as 'para 2, s. 4'."""
    return locator.replace("Eastern Silk Road Belt, ", "").replace("sentence ", "s.\u00a0")


def money_myst(table: pd.DataFrame, cny_per_usd: float, label: str = "tab-eastern-money") -> str:
    """The sums of money as a table (not a chart: they are sums of different kinds)."""
    shown = table.assign(
        as_printed=[
            f"US${v:g} bn" if u == "USD bn" else f"{v:g} bn yuan"
            for v, u in zip(table["printed"], table["printed_unit"])
        ]
    )
    return tables.myst_table(
        shown,
        {
            "item_id": "Item",
            "label": "Sum",
            "kind": "Kind of sum",
            "as_printed": "As printed",
            "usd_bn": "US$ bn",
            "implied_previous_usd_bn": "Earlier value implied by the stated growth (US$ bn)",
        },
        f"Sums of money reported for the Eastern Silk Road Belt (Song 2019, Eastern Silk Road Belt, paras 2-3); "
        f"yuan converted at {cny_per_usd:g} yuan per US dollar (the book's table, not one of Song's)",
        label,
        formats={"usd_bn": ".2f", "implied_previous_usd_bn": ".2f"},
        widths="7 24 25 14 10 20",
    )


def checks_myst(judged: pd.DataFrame, label: str = "tab-eastern-checks") -> str:
    """The comparisons as a numbered table: claim, the paper's number, the outside figure, verdict."""
    judged = judged.assign(claim_id=verdicts.claim_labels(judged["claim_id"], verdicts.statuses_of()))
    return tables.myst_table(
        judged,
        {
            "check_id": "Check",
            "claim_id": "Claim (its status)",
            "quantity": "Quantity",
            "paper": "Song (2019)",
            "outside": "Outside figure",
            "year": "Year",
            "verdict": "Against the year shown",
            "shows": "What the comparison shows",
            "confidence": "Confidence",
        },
        "Claims of the Eastern Silk Road Belt section set against outside sources (sources in "
        "data/external/eastern_checks.csv; the book's table, not one of Song's)",
        label,
        align={"year": "right"},
        widths="6 6 14 10 10 6 9 30 9",
        wide=True,
    )
