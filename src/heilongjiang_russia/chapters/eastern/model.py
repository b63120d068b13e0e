"""What chapter 03 computes from the section: the objectives served, the sums of money in one
currency with the earlier values their growth rates imply, and the checks against outside figures.

:func:`analyse` runs all of it for the checked parameters and returns an :class:`Eastern`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import claims
from . import outside, section
from .parameters import THEMES, check_rate, check_themes
from .section import STAGES, item

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
# The items the chapter's prose cites, by what they are.
RAIL = {"trains_per_day": "E24", "journey_days": "E25"}
ROUTE = {"days_saved": "E26", "cost_cut_pct": "E27", "ecommerce_share_pct": "E28"}
COUNTS = {"banks_hlj": "E08", "banks_ru": "E09", "ports": "E15", "visa": "E16", "agreements": "E12"}
AGREEMENTS_VALUE = "E13"  # the yuan value of the cooperation agreements of the first Expo
INVESTMENT, INVESTMENT_GROWTH = "E06", "E07"
FOREIGN_CAPITAL, FOREIGN_CAPITAL_GROWTH = "E29", "E30"
# The objectives the prose sets side by side: energy (the thinnest reporting) and services.
ENERGY, SERVICES = "E04", "E03"
START_CLAIM = "C018"  # the ledger's claim for the year the belt was put into effect


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


@dataclass(frozen=True)
class Eastern:
    """The chapter's results for one set of parameters."""

    belt: pd.DataFrame  # the section as data (:func:`section.load`), indexed by item_id
    ledger: pd.DataFrame
    cny_per_usd: float
    objectives: pd.DataFrame  # :func:`objectives_table`
    money: pd.DataFrame  # :func:`money`, every theme
    judged: pd.DataFrame  # :func:`outside.judge`: every outside figure against the paper
    rate: outside.RateCheck


def analyse(p: Mapping[str, Any]) -> Eastern:
    """The section read from ``p["results_file"]`` and everything the chapter computes from it,
    for the checked parameters ``p`` (the sums of money and the checks cover every theme)."""
    ledger = claims.load()
    belt = section.load(p["results_file"], ledger=ledger)
    return Eastern(
        belt=belt,
        ledger=ledger,
        cny_per_usd=p["cny_per_usd"],
        objectives=objectives_table(belt),
        money=money(belt, p["cny_per_usd"]),
        judged=outside.judge(section.load_checks(), belt),
        rate=outside.rate_check(p["cny_per_usd"]),
    )
