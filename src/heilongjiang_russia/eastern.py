"""The Eastern Silk Road Belt section of Song (2019): objectives and reported results.

``data/raw/eastern_belt.csv`` lists the section's five objectives and every result it
reports, one row each, in the paper's order. A row with a number names the claim in the
claims ledger (``data/claims.csv``) that states it; :func:`load` checks that the two
agree and takes the number from the ledger. Which objective a result serves
(``objective_id``) is this compendium's reading: the paper lists objectives and results
in separate paragraphs without pairing them.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import claims, paths
from . import checks
from .errors import DataValidationError, ParameterError
from .figures import OKABE_ITO
from .validation import load_resource

RESOURCE = "eastern-belt"

THEMES = [
    "rail", "infrastructure", "services", "energy", "industry", "investment", "finance", "expo",
    "tourism", "bridges", "aviation", "logistics", "ecommerce", "foreign_capital",
]

# Stages in the order a project passes through them; "reported" is a number stated as achieved.
STAGES = ["objective", "preliminary work", "approved", "under construction", "in operation", "completed", "reported"]

# Short labels for figures, by item.
SHORT = {
    "E06": "Provincial investment in Russia",
    "E08": "Provincial banks with Russian partners",
    "E09": "Russian partner banks",
    "E11": "Trade contracts, first China–Russia Expo",
    "E12": "Cooperation agreements, first Expo",
    "E13": "Cooperation agreements, first Expo (from yuan)",
    "E15": "Port areas open to cross-border tourism",
    "E16": "Border crossings issuing visas",
    "E20": "Longxing/LongMay projects in Russia",
    "E23": "New Harbin air routes to Russia",
    "E29": "Foreign capital used (at least)",
}
# A growth rate (percent) and the amount it applies to.
GROWTH_OF = {"E07": "E06", "E30": "E29"}
# Items drawn in the figures.
MONEY = ["E06", "E11", "E13", "E29"]
COUNTS = ["E08", "E09", "E15", "E16", "E20", "E23"]
RAIL = {"trains_per_day": "E24", "journey_days": "E25"}
ROUTE = {"days_saved": "E26", "cost_cut_pct": "E27", "ecommerce_share_pct": "E28"}

# Plausible bounds for a yuan-per-dollar rate (it stayed between 6 and 8.3 from 1994 to 2025).
RATE_BOUNDS = (1.0, 20.0)


def load(path: str | Path | None = None, *, descriptor: Path | None = None,
         ledger: pd.DataFrame | None = None) -> pd.DataFrame:
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
            raise DataValidationError(shown, f"objective {rec.objective_id!r} is not an item of this file",
                                      row=row, column="objective_id")
        if rec.kind == "objective" and rec.stage != "objective":
            raise DataValidationError(shown, f"an objective must have stage 'objective', found {rec.stage!r}",
                                      row=row, column="stage")
        if _blank(rec.claim_id):
            if not _blank(rec.value):
                raise DataValidationError(shown, "a value needs a claim_id in data/claims.csv", row=row, column="claim_id")
            continue
        if rec.claim_id not in ledger.index:
            raise DataValidationError(shown, f"claim {rec.claim_id!r} is not in data/claims.csv", row=row, column="claim_id")
        stated = claims.value(rec.claim_id, ledger)
        if _blank(rec.value) or not np.isclose(rec.value, stated):
            raise DataValidationError(
                shown, f"value {rec.value} differs from {rec.claim_id} in data/claims.csv ({stated})",
                row=row, column="value")
        if rec.unit != ledger.loc[rec.claim_id, "unit"]:
            raise DataValidationError(
                shown, f"unit {rec.unit!r} differs from {rec.claim_id} in data/claims.csv "
                f"({ledger.loc[rec.claim_id, 'unit']!r})", row=row, column="unit")
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
            "themes", f"{', '.join(map(repr, unknown)) or 'an empty list'} not allowed; "
            f"choose from {', '.join(THEMES)}")
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
    previous = {amount: implied_previous(item(frame, amount), item(frame, growth)) for growth, amount in GROWTH_OF.items()}
    rows = []
    for item_id in MONEY:
        rec = frame.loc[item_id]
        if rec["theme"] not in themes:
            continue
        rows.append({
            "item_id": item_id, "label": SHORT[item_id], "claim_id": rec["claim_id"], "printed": rec["value"],
            "printed_unit": rec["unit"], "usd_bn": round(to_usd_bn(rec["value"], rec["unit"], cny_per_usd), 4),
            "implied_previous_usd_bn": round(previous[item_id], 4) if item_id in previous else np.nan,
        })
    return pd.DataFrame(rows)


def counts(frame: pd.DataFrame, themes=THEMES) -> pd.DataFrame:
    """The section's counts of banks, ports, crossings, projects and routes."""
    themes = check_themes(themes)
    rows = [
        {"item_id": i, "label": SHORT[i], "theme": frame.loc[i, "theme"], "claim_id": frame.loc[i, "claim_id"],
         "count": int(item(frame, i))}
        for i in COUNTS if frame.loc[i, "theme"] in themes
    ]
    return pd.DataFrame(rows)


def _nothing_to_draw(what: str) -> plt.Figure:
    """A small figure that says why it is empty (the reader's ``themes`` left nothing to draw)."""
    fig, ax = plt.subplots(figsize=(7.5, 1.2))
    ax.axis("off")
    ax.text(0.5, 0.5, f"None of the chosen themes has {what}: change the themes parameter to draw it.",
            ha="center", va="center", fontsize=10)
    return fig


def money_figure(table: pd.DataFrame, cny_per_usd: float) -> plt.Figure:
    """Horizontal bars of the amounts (US$ bn); hollow bars for the implied earlier values."""
    if table.empty:
        return _nothing_to_draw("a money amount")
    fig, ax = plt.subplots(figsize=(7.5, 0.75 * len(table) + 1.4))
    y = np.arange(len(table))[::-1]
    ax.barh(y, table["usd_bn"], height=0.55, color=OKABE_ITO[5], label="Reported")
    has_prev = table["implied_previous_usd_bn"].notna()
    if has_prev.any():
        ax.barh(y[has_prev.to_numpy()], table.loc[has_prev, "implied_previous_usd_bn"], height=0.55,
                facecolor="none", edgecolor=OKABE_ITO[6], linewidth=2, hatch="//",
                label="Earlier period, implied by the stated growth")
    for yi, (_, rec) in zip(y, table.iterrows()):
        note = f"{rec['usd_bn']:.2f}"
        if rec["printed_unit"] != "USD bn":
            note += f"  ({rec['printed']:g} bn yuan at {cny_per_usd:g})"
        ax.text(rec["usd_bn"] + 0.15, yi, note, va="center", fontsize=9)
    ax.set_yticks(y, table["label"])
    ax.set_xlabel("Billion US$")
    ax.set_xlim(0, table["usd_bn"].max() * 1.45)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=True, fontsize=9)
    return fig


def counts_figure(table: pd.DataFrame) -> plt.Figure:
    """A dot chart of the counts, grouped by theme."""
    if table.empty:
        return _nothing_to_draw("a count")
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(table) + 1.2))
    y = np.arange(len(table))[::-1]
    themes = list(dict.fromkeys(table["theme"]))
    colour = {t: OKABE_ITO[(i + 1) % len(OKABE_ITO)] for i, t in enumerate(themes)}
    markers = dict(zip(themes, ["o", "s", "D", "^", "v", "P", "X"]))
    ax.hlines(y, 0, table["count"], color="#999999", linewidth=1)
    for t in themes:
        sel = (table["theme"] == t).to_numpy()
        ax.scatter(table.loc[sel, "count"], y[sel], s=70, color=colour[t], marker=markers[t], zorder=3, label=t)
    for yi, n in zip(y, table["count"]):
        ax.text(n + 0.6, yi, str(n), va="center", fontsize=9)
    ax.set_yticks(y, table["label"])
    ax.set_xlim(0, table["count"].max() * 1.15 + 1)
    ax.set_xlabel("Number reported")
    ax.grid(axis="y", visible=False)
    ax.legend(title="Theme", loc="lower right", frameon=True, fontsize=9)
    return fig


def rail_schedule(trains_per_day: float, journey_days: float, days_shown: int) -> pd.DataFrame:
    """Evenly spaced departures at ``trains_per_day`` over ``days_shown`` days, each ``journey_days`` long.

    The paper gives only the average frequency and the journey time; even spacing is the
    simplest timetable with that average, not the real one.
    """
    if not isinstance(days_shown, int) or not 7 <= days_shown <= 365:
        raise ParameterError("rail_days", f"{days_shown!r} is not a whole number of days from 7 to 365")
    n = int(np.floor(trains_per_day * days_shown))
    departs = np.arange(n) / trains_per_day
    return pd.DataFrame({"train": np.arange(1, n + 1), "departs_day": departs.round(4),
                         "arrives_day": (departs + journey_days).round(4)})


def trains_en_route(trains_per_day: float, journey_days: float) -> float:
    """Average number of trains on the line at once (arrival rate times time in the system)."""
    return trains_per_day * journey_days


def rail_figure(schedule: pd.DataFrame, trains_per_day: float, journey_days: float) -> plt.Figure:
    """Each train a line from departure (China) to arrival (Warsaw); the shaded day shows trains en route."""
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    for rec in schedule.itertuples(index=False):
        ax.plot([rec.departs_day, rec.arrives_day], [0, 1], color=OKABE_ITO[5], linewidth=1.2, alpha=0.85)
    span = schedule["departs_day"].max()
    probe = journey_days + min(3.0, max(span - journey_days, 0) / 2)
    on_line = int(((schedule["departs_day"] <= probe) & (schedule["arrives_day"] > probe)).sum())
    ax.axvline(probe, color=OKABE_ITO[6], linestyle="--", linewidth=1.5)
    ax.text(probe + 0.4, 0.5, f"day {probe:g}: {on_line} trains on the line", color=OKABE_ITO[6], fontsize=9,
            bbox={"facecolor": "white", "edgecolor": OKABE_ITO[6], "boxstyle": "round,pad=0.3"})
    ax.set_yticks([0, 1], ["Departure\n(China)", "Arrival\n(Warsaw)"])
    ax.set_xlabel("Day")
    ax.set_xlim(0, schedule["arrives_day"].max() + 0.5)
    ax.set_title(f"{trains_per_day:g} trains a day, {journey_days:g} days each", fontsize=11)
    ax.grid(axis="y", visible=False)
    return fig


def routes_figure(days_saved: float, cost_cut_pct: float, ecommerce_share_pct: float) -> plt.Figure:
    """(a) cost index of the rail-to-Vladivostok route against Dalian, (b) days saved,
    (c) the share of Russian e-commerce parcel exports on mixed passenger-and-cargo routes."""
    fig, axes = plt.subplots(1, 3, figsize=(9.5, 3.4), gridspec_kw={"width_ratios": [1.3, 1, 1.1]})
    ax = axes[0]
    ax.bar(["Via Dalian\n(sea)", "Rail to\nVladivostok"], [100, 100 - cost_cut_pct],
           color=[OKABE_ITO[0], OKABE_ITO[3]], width=0.6)
    ax.text(1, 100 - cost_cut_pct + 2, f"−{cost_cut_pct:g}%", ha="center", fontsize=10)
    ax.set_ylim(0, 115)
    ax.set_ylabel("Cost index (Dalian route = 100)")
    ax.set_title("(a) Cost", fontsize=11)
    ax = axes[1]
    ax.bar(["Days saved"], [days_saved], color=OKABE_ITO[3], width=0.5)
    ax.text(0, days_saved + 0.2, f"about {days_saved:g}", ha="center", fontsize=10)
    ax.set_ylim(0, days_saved * 1.4)
    ax.set_ylabel("Days")
    ax.set_title("(b) Time saved", fontsize=11)
    ax = axes[2]
    ax.bar(["Parcel exports"], [ecommerce_share_pct], color=OKABE_ITO[1], width=0.5, label="Mixed passenger–cargo routes")
    ax.bar(["Parcel exports"], [100 - ecommerce_share_pct], bottom=[ecommerce_share_pct], color="#DDDDDD",
           width=0.5, label="Other channels")
    ax.text(0, ecommerce_share_pct / 2, f"{ecommerce_share_pct:g}%", ha="center", va="center", fontsize=10)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Percent")
    ax.set_title("(c) E-commerce parcels", fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8, frameon=False)
    for a in axes:
        a.grid(axis="x", visible=False)
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
        rows.append({
            "item_id": obj.item_id, "objective": obj.paraphrase, "results": len(served),
            "with_number": int(served["claim_id"].notna().sum()), "stages": _stage_summary(served["stage"]) or "none",
            "results_listed": ", ".join(served["item_id"]),
        })
    return pd.DataFrame(rows)


def _escape(text: str) -> str:
    return str(text).replace("|", "\\|")


def _myst_table(table: pd.DataFrame, headings: dict, caption: str, label: str, align: str) -> str:
    lines = [f":::{{table}} {caption}", f":name: {label}", ":align: center", "",
             "| " + " | ".join(headings.values()) + " |", "|" + "|".join(align) + "|"]
    for rec in table[list(headings)].itertuples(index=False):
        lines.append("| " + " | ".join(_escape("" if pd.isna(v) else v) for v in rec) + " |")
    return "\n".join(lines + [":::", ""])


def objectives_as_myst(table: pd.DataFrame) -> str:
    return _myst_table(
        table,
        {"item_id": "Item", "objective": "Objective (paraphrased)", "results": "Results reported",
         "with_number": "of which with a number", "stages": "Stages of those results", "results_listed": "Result items"},
        "The five objectives of the Eastern Silk Road Belt and the results the section reports for each "
        "(pairing by this compendium; Song 2019, section 'Eastern Silk Road Belt')",
        "tab-eastern-objectives", ["---", "---", "---:", "---:", "---", "---"],
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
    return _myst_table(
        shown,
        {"item_id": "Item", "paraphrase": "Result (paraphrased)", "number": "Number",
         "claim": "Claim", "stage": "Stage", "where": "Where"},
        "Results of the Eastern Silk Road Belt as reported by Song (2019), one row per statement "
        "(Where: paragraph and sentence of the section)",
        "tab-eastern-results", ["---", "---", "---:", "---", "---", "---"],
    )


def short_locator(locator: str) -> str:
    """'Eastern Silk Road Belt, para 2, sentence 4' as 'para 2, s. 4'."""
    return locator.replace("Eastern Silk Road Belt, ", "").replace("sentence ", "s.\u00a0")


def route_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The numbers behind the route figure: savings of the Vladivostok route and the parcel share."""
    rows = [{"item_id": i, "quantity": k, "paraphrase": frame.loc[i, "paraphrase"], "value": item(frame, i),
             "unit": frame.loc[i, "unit"], "claim_id": frame.loc[i, "claim_id"]} for k, i in ROUTE.items()]
    return pd.DataFrame(rows)


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 03, checked; a replacement ``results_file`` is checked against the claims ledger."""
    p = checks.read(values, ["results_file", "themes", "cny_per_usd", "rail_days", "run_name"])
    belt = checks.load("results_file", p["results_file"], load)  # schema, then every claim against data/claims.csv
    p["themes"] = check_themes(checks.kind("themes", p["themes"], list))
    results_as_myst(belt, p["themes"])  # refuses themes with no reported result in this file
    p["cny_per_usd"] = check_rate(checks.kind("cny_per_usd", p["cny_per_usd"], float))
    rail_schedule(1.0, 1.0, checks.kind("rail_days", p["rail_days"], int))
    checks.run_name(p["run_name"])
    return p
