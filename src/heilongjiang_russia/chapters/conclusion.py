"""The conclusion of Song (2019): its reading of the trade record and its five recommendations.

Each recommendation (``data/raw/recommendations.csv``) is set beside the evidence the book
holds for it: numbers computed here from Table 1, the Eastern Belt results and the claims
ledger, with cross-references to the chapters that show them, and a plain statement of what
the data cannot tell.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from heilongjiang_russia import audit
from heilongjiang_russia.data import checks, places, table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import ParameterError
from heilongjiang_russia.present.figures import OKABE_ITO
from heilongjiang_russia.present.tables import myst_table

from . import claims, eastern, price_volume, verdicts

RESOURCE = "recommendations"

# Claims the conclusion makes about the trade record (Conclusion, para 2, sentence 1).
DECLINE_CLAIM = "C052"  # the year of the dramatic decline
RECOVERY_CLAIM = "C053"  # the first year of the recovery


def load(path: str | Path | None = None, *, descriptor: Path | None = None) -> pd.DataFrame:
    """The five recommendations, validated, indexed by ``rec_id``."""
    return load_resource(RESOURCE, path, descriptor=descriptor).set_index("rec_id", drop=False)


def trade_turn(trade: pd.DataFrame, ledger: pd.DataFrame | None = None) -> dict:
    """What Table 1 says about the decline and recovery the conclusion describes.

    ``trade`` is Table 1 as loaded by :func:`table1.load` (indexed by year).
    """
    ledger = claims.load() if ledger is None else ledger
    named = int(claims.value(DECLINE_CLAIM, ledger))
    recovery = int(claims.value(RECOVERY_CLAIM, ledger))
    growth = trade["total_yoy_pct"]
    steepest = int(growth.idxmin())
    after = trade.loc[trade["year"] >= recovery, "total_yoy_pct"]
    peak = int(trade["total"].idxmax())
    trough = int(trade.loc[trade["year"] > peak, "total"].idxmin())
    return {
        "named_year": named,
        "named_year_pct": float(growth.loc[named]),
        "steepest_year": steepest,
        "steepest_pct": float(growth.loc[steepest]),
        "named_is_steepest": named == steepest,
        "recovery_year": recovery,
        "recovery_all_positive": bool((after > 0).all()),
        "recovery_first_pct": float(growth.loc[recovery]),
        "last_year": int(trade["year"].max()),
        "last_pct": float(growth.iloc[-1]),
        "peak_year": peak,
        "trough_after_peak_year": trough,
        "trough_after_peak_total": float(trade.loc[trough, "total"]),
    }


def _recovery_text(trade: pd.DataFrame, turn: dict) -> str:
    r, last = turn["recovery_year"], turn["last_year"]
    after = trade.loc[trade["year"] >= r, "total_yoy_pct"]
    if turn["recovery_all_positive"]:
        rates = ", ".join(f"{v:+.1f}% in {int(y)}" for y, v in after.items())
        span = f"in {r}" if r == last else f"in every year from {r} to {last}"
        return f"Song's Table 1 bears out the recovery: total trade grew {span} ({rates})."
    falls = [str(int(y)) for y, v in after.items() if v <= 0]
    return (
        f"Song's Table 1 does not bear out a steady recovery: from {r}, total trade did not grow in {', '.join(falls)}."
    )


def _fall_text(turn: dict) -> str:
    n, s = turn["named_year"], turn["steepest_year"]
    g = turn["named_year_pct"]
    moved = f"fell by {-g:.1f}%" if g < 0 else f"rose by {g:.1f}%"
    if turn["named_is_steepest"]:
        return f"It bears out the timing of the fall too: in {n} total trade {moved}, the steepest drop in the table."
    text = (
        f"It does not bear out the timing of the fall. In {n} total trade {moved}, while in {s} it fell by "
        f"{-turn['steepest_pct']:.1f}%, the steepest drop in the table. Read against the table, the dramatic decline came in {s}"
    )
    return text + (f"; {n} was the second, smaller year of it." if s == n - 1 and g < 0 else ".")


def _trough_text(turn: dict) -> str:
    n, peak, trough = turn["named_year"], turn["peak_year"], turn["trough_after_peak_year"]
    level = f"{turn['trough_after_peak_total']:.1f} in the table's unit of 100 million US$"
    if turn["named_is_steepest"]:
        return f"After the peak of {peak}, the level of trade was lowest in {trough} ({level})."
    head = "The mismatch matters little for the argument, which rests on the recovery, but it is the kind of slip a reader can only catch with the table in hand."
    if trough == n:
        return f"{head} What {n} does mark is the bottom: after the peak of {peak}, the level of trade was lowest in {trough} ({level}), which may be what the sentence means."
    return f"{head} After the peak of {peak}, the level of trade was lowest in {trough} ({level})."


def explanation_text(trade: pd.DataFrame) -> str:
    """What the "Price or volume?" decomposition makes of the paper's explanation of the swings (C015,
    C012, C014), for a table that covers the paper's years; otherwise why it is not judged here."""
    if not set(audit.PAPER_YEARS) <= set(trade.index):
        return (
            "The table file analysed does not cover 2008–2018, so the decomposition behind the verdicts on the "
            "paper's explanation of the swings (claims C012, C014, C015) is not applied to it."
        )
    v = price_volume.claim_verdicts(trade=trade)
    status = verdicts.claim_statuses(trade)
    found = verdicts.of_table(trade).set_index("finding_id")
    timing, nation = found.loc["TEXT-2011-timing"], found.loc["NATION-energy"]
    fall, general = v.energy.as_stated, v.energy.general
    return (
        f"The paper's explanation of the swings, falling energy prices (claim C015), is {status['C015']} as the "
        f"paper states it, on the {fall.span} fall ({fall.robustness.label}): {fall.headline}. Over the swings in "
        f"general the explanation is {general.status} ({general.robustness.label}): {general.shows}. Out of sample, "
        f"on China's imports from Russia after 2018 (chapter 'The province and the nation'), {nation['printed']}. The 2011 rise "
        f"(claim C012) is {status['C012']} as a whole: its timing is {timing['verdict']} ({timing['printed']}), and "
        f"the pipeline is {v.rise_2011.status} as its cause ({v.rise_2011.headline}; {v.rise_2011.robustness.label}). "
        f"The 2018 boom (claim C014) is {status['C014']} ({v.boom_2018.robustness.label}): {v.boom_2018.total_shares}."
    )


def summary(trade: pd.DataFrame, ledger: pd.DataFrame | None = None, recs: pd.DataFrame | None = None) -> dict:
    """Every number and sentence the conclusion chapter's prose cites, true for the table file given."""
    ledger = claims.load() if ledger is None else ledger
    turn = trade_turn(trade, ledger)
    steepest_clause = (
        f"places the steepest fall in {turn['steepest_year']}, as the conclusion says"
        if turn["named_is_steepest"]
        else f"places the steepest fall in {turn['steepest_year']}, not {turn['named_year']}"
    )
    confirm = "confirms" if turn["recovery_all_positive"] else "does not confirm"
    return {
        "bri_years": int(claims.value("C051", ledger)),
        "named_year": turn["named_year"],
        "n_measures": len(load() if recs is None else recs),
        "steepest_year": turn["steepest_year"],
        "recovery_year": turn["recovery_year"],
        "last_year": turn["last_year"],
        "recovery_text": _recovery_text(trade, turn),
        "fall_text": _fall_text(turn),
        "trough_text": _trough_text(turn),
        "explanation_text": explanation_text(trade),
        "summary_turn_text": (
            f"Song's Table 1 {confirm} the recovery the conclusion describes ({turn['recovery_year']}–"
            f"{turn['last_year']}) and {steepest_clause}."
        ),
    }


def growth_figure(trade: pd.DataFrame, named_year: int) -> plt.Figure:
    """Year-on-year change of total trade (Table 1, as printed), the conclusion's year marked."""
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    years = trade["year"].to_numpy()
    growth = trade["total_yoy_pct"].to_numpy()
    steepest = years[np.argmin(growth)]
    colours = [
        OKABE_ITO[6] if y == named_year else OKABE_ITO[5] if g < 0 else OKABE_ITO[2] for y, g in zip(years, growth)
    ]
    hatches = ["//" if y == steepest else "" for y in years]
    bars = ax.bar(years, growth, color=colours, edgecolor="black", linewidth=0.6)
    for bar, h in zip(bars, hatches):
        bar.set_hatch(h)
    for y, g in zip(years, growth):
        ax.text(y, g + (4 if g >= 0 else -4), f"{g:+.1f}", ha="center", va="bottom" if g >= 0 else "top", fontsize=8)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(years)
    ax.set_ylabel("Total trade, change on previous year (%)")
    ax.set_ylim(min(growth) - 18, max(growth) + 28)
    ax.grid(axis="x", visible=False)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(
                facecolor=OKABE_ITO[6], edgecolor="black", label=f"{named_year}: year of the decline in the conclusion"
            ),
            Patch(
                facecolor="white", edgecolor="black", hatch="//", label=f"{steepest}: steepest fall in Song's Table 1"
            ),
        ],
        loc="upper right",
        fontsize=8,
        frameon=True,
    )
    return fig


EUROPEAN_TERMINI = ("Hamburg", "Rotterdam")


def routes_to_europe(table2: pd.DataFrame, gazetteer: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Items of Table 2 whose places run on to a European port, and the places all of them pass on the way.

    ``table2`` and ``gazetteer`` as loaded by :func:`places.table2` and :func:`places.gazetteer`;
    the places shared by every such route are returned as English names, in route order.
    """
    reach, shared = [], None
    for rec in table2.itertuples(index=False):
        chain = [p for seq in places.sequences(rec.places) for p in seq]
        if any(end in chain for end in EUROPEAN_TERMINI):
            reach.append(rec.item_id)
            shared = chain if shared is None else [p for p in shared if p in chain]
    names = gazetteer.set_index("place_id")["name_en"]
    return reach, [names.get(p, p) for p in dict.fromkeys(shared or []) if p not in EUROPEAN_TERMINI]


def _and(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _pct(x: float) -> str:
    return f"{x:.1f}%"


def evidence(
    trade: pd.DataFrame,
    belt: pd.DataFrame,
    recs: pd.DataFrame,
    ledger: pd.DataFrame | None = None,
    europe: tuple[list[str], list[str]] | None = None,
    china_russia: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per recommendation: the evidence in the book, what it can say and what it cannot.

    Numbers are computed from ``trade`` (Table 1), ``belt`` (:func:`eastern.load`) and the
    claims ledger; the text cross-references the labels where each is shown.
    """
    ledger = claims.load() if ledger is None else ledger
    if europe is None:
        europe = routes_to_europe(places.table2(), places.gazetteer())
    europe_items, europe_via = europe
    last = int(trade["year"].max())
    recovery = int(claims.value(RECOVERY_CLAIM, ledger))
    peak_export_year = int(trade["export"].idxmax())
    export_share = trade["export"] / trade["total"] * 100
    import_share_last = 100 - export_share.loc[last]
    share = audit.china_share_peak(trade, audit.outside_china_russia() if china_russia is None else china_russia)
    e = lambda i: eastern.item(belt, i)  # noqa: E731
    rows = {
        "R1": (
            "{numref}`fig-trade-levels`; {numref}`tab-eastern-results` (item E28); claim C034",
            f"Exports to Russia fell from {trade.loc[peak_export_year, 'export']:.1f} in {peak_export_year} "
            f"to {trade.loc[last, 'export']:.1f} in {last} (100 million US$), from {_pct(export_share.loc[peak_export_year])} "
            f"to {_pct(export_share.loc[last])} of the province's trade with Russia, a decline that fits the call for a new export channel. "
            f"Mixed passenger-and-cargo routes carried {e('E28'):g}% of Russian e-commerce parcel exports.",
            "How many parcels or how much money e-commerce moves, in any year: the paper gives one share without a base, "
            "so whether e-commerce could make up for the lost exports cannot be judged.",
        ),
        "R2": (
            "{numref}`tab-eastern-objectives` (objective E05); {numref}`tab-eastern-money`; "
            "{numref}`tab-table3`; claims C028, C046",
            f"The paper reports inputs to cross-border industry: US${e('E06'):g} bn invested in Russia "
            f"({e('E07'):g}% up), {e('E20'):g} projects under construction in Russia, and "
            f"{claims.value('C046', ledger):g} cross-border industrial clusters planned in Song's Table 3.",
            "Output, jobs or trade generated by any park or project; no figure is given for more than one year, "
            "so no trend can be drawn.",
        ),
        "R3": (
            "{numref}`tab-table1`; {numref}`tab-eastern-results` (items E24, E25); {numref}`tab-eastern-checks`; {numref}`tab-table2`; "
            "{numref}`fig-corridors-eurasia`; claims C030, C031",
            f"{share['text']} "
            f"The overland link to Europe ran {e('E24'):g} trains a day, {e('E25'):g} days per journey, and "
            f"{len(europe_items)} items of Song's Table 2 ({', '.join(europe_items)}) plan routes on to Hamburg or Rotterdam, "
            f"all through {_and(europe_via) if europe_via else 'no common place'}.",
            "Trade with the other members of the Eurasian Economic Union (Armenia, Belarus, Kazakhstan, Kyrgyzstan): "
            "the paper and the data hold none, so the gain from linking with the Union is not measurable here.",
        ),
        "R4": (
            "{numref}`tab-table1`",
            f"Imports from Russia made up {_pct(import_share_last)} of the province's trade with Russia in {last}.",
            "What those imports are: Song's Table 1 has no breakdown by product, and the paper gives no figure on farming, "
            "land or food processing. The data neither support nor contradict this measure.",
        ),
        "R5": (
            "{numref}`fig-conclusion-growth`; {numref}`fig-trade-levels`; claim C050",
            f"The One Window and Four Districts plan, which includes the free trade area, dates from "
            f"{claims.value('C050', ledger):g} {{cite:p}}`zhang2017window`. Total trade changed {trade.loc[recovery, 'total_yoy_pct']:+.1f}% in {recovery} and "
            f"{trade.loc[last, 'total_yoy_pct']:+.1f}% in {last}, led by imports ({trade.loc[last, 'import_yoy_pct']:+.1f}% "
            f"in {last}) while exports fell ({trade.loc[last, 'export_yoy_pct']:+.1f}%).",
            "Whether the plan caused any of the recovery: the paper itself ties the swings in trade to energy prices, "
            f"and two years of data after the plan ({last} is the last) cannot separate policy from prices.",
        ),
    }
    out = []
    for rec_id, rec in recs.iterrows():
        where, can, cannot = rows[rec_id]
        out.append(
            {
                "rec_id": rec_id,
                "recommendation": rec["paraphrase"],
                "evidence": where,
                "can_say": can,
                "cannot_say": cannot,
                "locator": rec["locator"],
            }
        )
    return pd.DataFrame(out)


def as_myst(table: pd.DataFrame) -> str:
    """The recommendations and their evidence as a numbered MyST table."""
    headings = {
        "rec_id": "",
        "recommendation": "Recommendation (paraphrased)",
        "evidence": "Evidence in this book",
        "can_say": "What the data can say",
        "cannot_say": "What the data cannot say",
    }
    return myst_table(
        table,
        headings,
        "The five recommendations of Song (2019, Conclusion, para 2) beside the evidence this book holds",
        "tab-recommendations",
    )


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 05, checked; the Table 1 file must have the years the conclusion names."""
    p = checks.read(values, ["table1_file", "recommendations_file", "run_name"])
    trade = checks.load("table1_file", p["table1_file"], table1.load)
    ledger = claims.load()
    needed = [int(claims.value(c, ledger)) for c in (DECLINE_CLAIM, RECOVERY_CLAIM)]
    missing = [year for year in needed if year not in trade.index]
    if missing:
        raise ParameterError(
            "table1_file",
            f"has no row for {', '.join(map(str, missing))}, the years the conclusion names ({', '.join(map(str, needed))})",
        )
    checks.load("recommendations_file", p["recommendations_file"], load)
    checks.run_name(p["run_name"])
    return p
