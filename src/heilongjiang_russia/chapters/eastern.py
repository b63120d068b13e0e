"""The Eastern Silk Road Belt section of Song (2019): objectives and reported results.

``data/raw/eastern_belt.csv`` lists the section's five objectives and every result it
reports, one row each, in the paper's order. A row with a number names the claim in the
claims ledger (``data/claims.csv``) that states it; :func:`load` checks that the two
agree and takes the number from the ledger. Which objective a result serves
(``objective_id``) is this compendium's reading: the paper lists objectives and results
in separate paragraphs without pairing them.

``data/external/eastern_checks.csv`` holds the outside figures found for some of these
claims; :func:`judge` sets each against the paper's number and says what the comparison
shows for the year the figure is for, and :func:`rate_check` sets the conversion rate against
the official and the Federal Reserve annual averages.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from heilongjiang_russia import paths
from heilongjiang_russia.data import checks
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError
from heilongjiang_russia.present import tables
from heilongjiang_russia.present.figures import OKABE_ITO

from . import claims

RESOURCE = "eastern-belt"

THEMES = [
    "rail",
    "infrastructure",
    "services",
    "energy",
    "industry",
    "investment",
    "finance",
    "expo",
    "tourism",
    "bridges",
    "aviation",
    "logistics",
    "ecommerce",
    "foreign_capital",
]

# Stages in the order a project passes through them; "reported" is a number stated as achieved.
STAGES = ["objective", "preliminary work", "approved", "under construction", "in operation", "completed", "reported"]

# Short labels for figures, by item.
SHORT = {
    "E06": "Provincial investment in Russia",
    "E11": "Trade contracts, first China–Russia Expo",
    "E13": "Cooperation agreements, first Expo",
    "E29": "Foreign capital used (at least)",
}
# A growth rate (percent) and the amount it applies to.
GROWTH_OF = {"E07": "E06", "E30": "E29"}
# The sums of money, and what kind of sum each is (they are never drawn on one axis).
MONEY = ["E06", "E11", "E13", "E29"]
MONEY_KIND = {
    "E06": "investment (stock or flow not stated)",
    "E11": "value of trade contracts signed",
    "E13": "value of cooperation agreements signed",
    "E29": "lower bound of foreign capital used",
}
RAIL = {"trains_per_day": "E24", "journey_days": "E25"}
CHECKS = "eastern-checks"
# the year of the statistical communiqué the paper cites for paragraph 3 (Song 2019, reference 13)
COMMUNIQUE_YEAR = 2014
VERDICTS = ["consistent", "differs", "not checkable"]
ROUTE = {"days_saved": "E26", "cost_cut_pct": "E27", "ecommerce_share_pct": "E28"}

# Plausible bounds for a yuan-per-dollar rate (it stayed between 6 and 8.3 from 1994 to 2025).
RATE_BOUNDS = (1.0, 20.0)


def load(
    path: str | Path | None = None, *, descriptor: Path | None = None, ledger: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The section's objectives and results, validated and checked against the claims ledger.

    Raises :class:`DataValidationError` naming the row and column when a row cites a claim
    the ledger lacks, or states a value or unit that differs from the ledger's.
    """
    frame = load_resource(RESOURCE, path, descriptor=descriptor)
    ledger = claims.load() if ledger is None else ledger
    shown = paths.display(paths.resolve(path) if path is not None else paths.RAW / "eastern_belt.csv")
    ids = set(frame["item_id"])
    for row, rec in enumerate(frame.itertuples(index=False), start=1):
        if not _blank(rec.objective_id) and rec.objective_id not in ids:
            raise DataValidationError(
                shown, f"objective {rec.objective_id!r} is not an item of this file", row=row, column="objective_id"
            )
        if rec.kind == "objective" and rec.stage != "objective":
            raise DataValidationError(
                shown, f"an objective must have stage 'objective', found {rec.stage!r}", row=row, column="stage"
            )
        if _blank(rec.claim_id):
            if not _blank(rec.value):
                raise DataValidationError(
                    shown, "a value needs a claim_id in data/claims.csv", row=row, column="claim_id"
                )
            continue
        if rec.claim_id not in ledger.index:
            raise DataValidationError(
                shown, f"claim {rec.claim_id!r} is not in data/claims.csv", row=row, column="claim_id"
            )
        stated = claims.value(rec.claim_id, ledger)
        if _blank(rec.value) or not np.isclose(rec.value, stated):
            raise DataValidationError(
                shown,
                f"value {rec.value} differs from {rec.claim_id} in data/claims.csv ({stated})",
                row=row,
                column="value",
            )
        if rec.unit != ledger.loc[rec.claim_id, "unit"]:
            raise DataValidationError(
                shown,
                f"unit {rec.unit!r} differs from {rec.claim_id} in data/claims.csv "
                f"({ledger.loc[rec.claim_id, 'unit']!r})",
                row=row,
                column="unit",
            )
    frame["value"] = [np.nan if _blank(c) else claims.value(c, ledger) for c in frame["claim_id"]]
    return frame.set_index("item_id", drop=False)


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def check_themes(themes) -> list[str]:
    """``themes`` as a list, after checking every entry is a known theme."""
    if isinstance(themes, str):
        themes = [themes]
    unknown = [t for t in themes if t not in THEMES]
    if unknown or not themes:
        raise ParameterError(
            "themes", f"{', '.join(map(repr, unknown)) or 'an empty list'} not allowed; choose from {', '.join(THEMES)}"
        )
    return list(themes)


def check_rate(cny_per_usd: float) -> float:
    low, high = RATE_BOUNDS
    if not isinstance(cny_per_usd, (int, float)) or not low <= cny_per_usd <= high:
        raise ParameterError("cny_per_usd", f"{cny_per_usd!r} is not a yuan-per-dollar rate between {low} and {high}")
    return float(cny_per_usd)


def item(frame: pd.DataFrame, item_id: str) -> float:
    """The number stated by one item (from the claims ledger)."""
    return float(frame.loc[item_id, "value"])


def implied_previous(amount: float, growth_pct: float) -> float:
    """The earlier value that ``amount`` implies after growing by ``growth_pct`` percent."""
    return amount / (1 + growth_pct / 100)


def to_usd_bn(value: float, unit: str, cny_per_usd: float) -> float:
    if unit == "USD bn":
        return value
    if unit == "CNY bn":
        return value / check_rate(cny_per_usd)
    raise ValueError(f"no conversion from {unit!r} to US$ bn")


def money(frame: pd.DataFrame, cny_per_usd: float, themes=THEMES) -> pd.DataFrame:
    """The section's money amounts in US$ bn, with the earlier value a stated growth rate implies."""
    themes = check_themes(themes)
    previous = {
        amount: implied_previous(item(frame, amount), item(frame, growth)) for growth, amount in GROWTH_OF.items()
    }
    rows = []
    for item_id in MONEY:
        rec = frame.loc[item_id]
        if rec["theme"] not in themes:
            continue
        rows.append(
            {
                "item_id": item_id,
                "label": SHORT[item_id],
                "kind": MONEY_KIND[item_id],
                "claim_id": rec["claim_id"],
                "printed": rec["value"],
                "printed_unit": rec["unit"],
                "usd_bn": round(to_usd_bn(rec["value"], rec["unit"], cny_per_usd), 4),
                "implied_previous_usd_bn": round(previous[item_id], 4) if item_id in previous else np.nan,
            }
        )
    return pd.DataFrame(rows)


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


def load_checks(path: str | Path | None = None) -> pd.DataFrame:
    """The outside figures that test claims of the section (``data/external/eastern_checks.csv``)."""
    return load_resource(CHECKS, path)


def _amount(value: float, unit: str) -> str:
    """A number with its unit as a reader writes it: US$5.4 bn, 7.1%, 308 trains."""
    if unit == "USD bn":
        return f"US${value:g} bn"
    if unit == "percent":
        return f"{value:g}%"
    return f"{value:g} {unit}"


def _decimals(x: float) -> int:
    text = format(float(x), "g")
    return len(text.split(".")[1]) if "." in text else 0


def judge(checks_frame: pd.DataFrame, belt: pd.DataFrame) -> pd.DataFrame:
    """Each outside figure against the paper's number: a verdict and what the comparison shows.

    Verdicts (:data:`VERDICTS`): ``consistent`` or ``differs`` for a figure of the same quantity
    for a stated year (a stated value differs only beyond the rounding of both numbers; a lower
    bound holds when the outside figure exceeds it; a daily average is set against the year's
    total of all routes), ``not checkable`` where no figure was found or the figure is a target or
    a related quantity. The paper dates none of these claims, so every verdict names the year it
    holds for.
    """
    rows = []
    for rec in checks_frame.itertuples(index=False):
        paper = item(belt, rec.item_id)
        unit = belt.loc[rec.item_id, "unit"]
        year, value = int(rec.outside_year), rec.outside_value
        found = not _blank(value)
        if rec.reading in ("target", "context") or not found:
            verdict = "not checkable"
            shows = (
                "no outside figure for {y} was found, so the claim stays cited, not checkable for that year"
                if not found
                else "a planning target for all routes, not a measured journey to Warsaw: context, not a test"
                if rec.reading == "target"
                else "a related service, not the one the paper counts: context, not a test"
            ).format(y=year)
        elif rec.reading == "lower_bound":
            verdict = "consistent" if value > paper else "differs"
            shows = (
                f"read as a {year} figure, {_amount(value, rec.outside_unit)} "
                f"{'exceeds' if value > paper else 'does not exceed'} the paper's 'more than "
                f"{_amount(paper, unit)}'"
            )
        elif rec.reading == "value":
            noise = 0.5 * 10 ** -_decimals(paper) + 0.5 * 10 ** -_decimals(value)
            gap = value - paper
            verdict = "consistent" if abs(gap) <= noise else "differs"
            points = "percentage points" if unit == "percent" else unit
            shows = (
                f"read as a {year} figure, {_amount(value, rec.outside_unit)} against the paper's "
                f"{_amount(paper, unit)}: "
                + (
                    f"equal within the rounding of both (±{noise:g})"
                    if verdict == "consistent"
                    else f"{abs(gap):.1f} {points} apart, beyond the rounding of both (±{noise:g})"
                )
            )
        elif rec.reading == "daily_rate_vs_annual_total":
            implied = paper * 365
            verdict = "differs" if implied > value else "consistent"
            shows = f"read as the average of {year}, {paper:g} a day is about {implied:.0f} trains in the year, " + (
                f"more than the {value:g} China–Europe trains of all routes that year; an average over part "
                "of a year could still hold"
                if verdict == "differs"
                else f"no more than the {value:g} trains of all routes that year: possible, not confirmed"
            )
        else:
            raise DataValidationError(
                "data/external/eastern_checks.csv", f"unknown reading {rec.reading!r}", column="reading"
            )
        rows.append(
            {
                "check_id": rec.check_id,
                "claim_id": rec.claim_id,
                "item_id": rec.item_id,
                "quantity": rec.quantity,
                "paper": f"{'more than ' if rec.reading == 'lower_bound' else ''}{_amount(paper, unit)}",
                "outside": _amount(value, rec.outside_unit) if found else "not found",
                "year": year,
                "verdict": verdict,
                "shows": shows[0].upper() + shows[1:],
                "source": rec.source if not _blank(rec.source) else "",
                "confidence": rec.confidence,
                "reading": rec.reading,
                "paper_value": paper,
                "outside_value": value,
                "outside_unit": rec.outside_unit,
            }
        )
    return pd.DataFrame(rows)


def rate_check(cny_per_usd: float, rates: pd.DataFrame | None = None, year: int = COMMUNIQUE_YEAR) -> dict:
    """The ``cny_per_usd`` parameter against the official and the Federal Reserve annual averages of ``year``
    (``rates``: the ``cny-usd`` resource, loaded when not given)."""
    rates = load_resource("cny-usd") if rates is None else rates
    row = rates.set_index("year").loc[year]
    official, fed = float(row["cny_per_usd_official"]), float(row["cny_per_usd_fed"])
    gap = (cny_per_usd - official) / official * 100
    same = abs(cny_per_usd - official) < 5e-5
    return {
        "year": year,
        "official": official,
        "official_confidence": row["official_confidence"],
        "fed": fed,
        "gap_official_pct": gap,
        "gap_fed_pct": (cny_per_usd - fed) / fed * 100,
        "matches_official": same,
        "verdict": (
            f"the rate used, {cny_per_usd:.4f}, is the official annual average of {year} "
            f"({official:.4f}, confidence {row['official_confidence']})"
            if same
            else f"the rate used, {cny_per_usd:.4f}, differs from the official annual average of {year} "
            f"({official:.4f}) by {gap:+.2f}%"
        ),
    }


def checks_summary(judged: pd.DataFrame) -> dict:
    """How many comparisons reach each verdict, and the claims each verdict concerns."""
    out = {}
    for v in VERDICTS:
        sel = judged[judged["verdict"] == v]
        out[v.replace(" ", "_")] = len(sel)
        out[v.replace(" ", "_") + "_claims"] = ", ".join(dict.fromkeys(sel["claim_id"])) or "none"
    out["n_checks"] = len(judged)
    out["n_claims"] = judged["claim_id"].nunique()
    return out


def check_prose(judged: pd.DataFrame, rate: dict) -> dict:
    """The values the chapter's prose cites about the checks, ready to glue: counts per verdict,
    each comparison's verdict and what it shows (``verdict_X01``, ``shows_X01``, ...), the rate."""
    out = checks_summary(judged)
    for rec in judged.itertuples(index=False):
        out[f"verdict_{rec.check_id}"] = rec.verdict
        out[f"shows_{rec.check_id}"] = rec.shows
    out.update(
        rate_verdict=rate["verdict"][0].upper() + rate["verdict"][1:],
        rate_official=rate["official"],
        rate_fed=rate["fed"],
        rate_year=rate["year"],
        rate_gap_fed=abs(rate["gap_fed_pct"]),
    )
    return out


def checks_myst(judged: pd.DataFrame, label: str = "tab-eastern-checks") -> str:
    """The comparisons as a numbered table: claim, the paper's number, the outside figure, verdict."""
    return tables.myst_table(
        judged,
        {
            "check_id": "Check",
            "claim_id": "Claim",
            "quantity": "Quantity",
            "paper": "Song (2019)",
            "outside": "Outside figure",
            "year": "Year",
            "verdict": "Verdict",
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


def checks_figure(judged: pd.DataFrame, rate: dict, cny_per_usd: float) -> plt.Figure:
    """One panel per tested quantity, each on its own axis and unit: the paper's number against the
    outside figure (a lower bound drawn as an open-ended bar), and the conversion rate against the
    official and the Federal Reserve averages."""
    tested = judged[judged["verdict"] != "not checkable"]
    n = len(tested) + 1
    fig, axes = plt.subplots(n, 1, figsize=(7.5, 1.45 * n + 0.6))
    axes = list(np.atleast_1d(axes))
    colours = {"paper": OKABE_ITO[5], "outside": OKABE_ITO[1], "fed": OKABE_ITO[7]}
    for ax, rec in zip(axes, tested.itertuples(index=False)):
        paper = rec.paper_value * (365 if rec.reading == "daily_rate_vs_annual_total" else 1)
        daily = rec.reading == "daily_rate_vs_annual_total"
        labels = [
            "Song (2019)" + (" × 365 days" if daily else ""),
            f"All China–Europe trains, {rec.year}" if daily else f"Outside, {rec.year}",
        ]
        ax.barh(
            [1, 0],
            [paper, rec.outside_value],
            color=[colours["paper"], colours["outside"]],
            height=0.6,
            hatch=["//" if rec.reading == "lower_bound" else "", ""],
            edgecolor="white",
        )
        top = max(paper, rec.outside_value)
        if rec.reading == "lower_bound":
            ax.annotate(
                "",
                xy=(paper + 0.12 * top, 1),
                xytext=(paper, 1),
                arrowprops={"arrowstyle": "->", "color": colours["paper"], "linewidth": 1.5},
            )
        for y, v, note in (
            (1, paper, "more than " if rec.reading == "lower_bound" else ""),
            (0, rec.outside_value, ""),
        ):
            ax.text(
                v + 0.14 * top if (y == 1 and rec.reading == "lower_bound") else v + 0.01 * top,
                y,
                f"{note}{v:.4g}",
                va="center",
                fontsize=9,
            )
        ax.set_yticks([1, 0], labels)
        ax.set_xlim(0, top * 1.35)
        unit = {"USD bn": "billion US$", "percent": "percent", "trains": "trains a year"}.get(
            rec.outside_unit, rec.outside_unit
        )
        ax.set_title(f"{rec.check_id}: {rec.quantity} ({unit}): {rec.verdict}", fontsize=10, loc="left")
        ax.grid(axis="y", visible=False)
    ax = axes[-1]
    values = [cny_per_usd, rate["official"], rate["fed"]]
    ax.barh([2, 1, 0], values, color=[colours["paper"], colours["outside"], colours["fed"]], height=0.6)
    for y, v in zip([2, 1, 0], values):
        ax.text(v + 0.05, y, f"{v:.4f}", va="center", fontsize=9)
    ax.set_yticks(
        [2, 1, 0],
        ["Rate used (cny_per_usd)", f"Official average, {rate['year']}", f"Federal Reserve H.10, {rate['year']}"],
    )
    ax.set_xlim(0, max(values) * 1.35)
    ax.set_title(
        f"Conversion rate (yuan per US dollar): {'official' if rate['matches_official'] else 'not the official'} "
        f"{rate['year']} average",
        fontsize=10,
        loc="left",
    )
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def _stage_summary(stages: pd.Series) -> str:
    counted = stages.value_counts()
    return "; ".join(f"{counted[s]} {s}" for s in STAGES if s in counted)


def objectives_table(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per objective: how many results the section reports for it and at what stage."""
    rows = []
    for obj in frame.loc[frame["kind"] == "objective"].itertuples(index=False):
        served = frame.loc[frame["objective_id"] == obj.item_id]
        rows.append(
            {
                "item_id": obj.item_id,
                "objective": obj.paraphrase,
                "results": len(served),
                "with_number": int(served["claim_id"].notna().sum()),
                "stages": _stage_summary(served["stage"]) or "none",
                "results_listed": ", ".join(served["item_id"]),
            }
        )
    return pd.DataFrame(rows)


def objectives_as_myst(table: pd.DataFrame) -> str:
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
    if _blank(rec["claim_id"]) or _blank(rec["value"]):
        return ""
    if rec["unit"] == "count":
        return f"{rec['value']:g}"
    return f"{rec['value']:g} {rec['unit']}"


def results_as_myst(frame: pd.DataFrame, themes=THEMES) -> str:
    """The reported results in the chosen themes, in the paper's order, as a numbered table."""
    themes = check_themes(themes)
    shown = frame.loc[(frame["kind"] == "result") & frame["theme"].isin(themes)].copy()
    if shown.empty:
        raise ParameterError("themes", "none of the chosen themes has a reported result")
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


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 03, checked; a replacement ``results_file`` is checked against the claims ledger."""
    p = checks.read(values, ["results_file", "themes", "cny_per_usd", "run_name"])
    belt = checks.load("results_file", p["results_file"], load)  # schema, then every claim against data/claims.csv
    p["themes"] = check_themes(checks.kind("themes", p["themes"], list))
    results_as_myst(belt, p["themes"])  # refuses themes with no reported result in this file
    p["cny_per_usd"] = check_rate(checks.kind("cny_per_usd", p["cny_per_usd"], float))
    checks.run_name(p["run_name"])
    return p
