"""The verdict rules on C012, C014 and C015, as functions of a point of the box, and their robustness.

Each rule is vectorised (arrays of points in, one status per point out) so that
:func:`heilongjiang_russia.audit.robustness.evaluate` can take it at the centre of its box, at every
corner and along every input. The status a verdict reports is the rule's status at the centre; its
label says whether the rule gives that status throughout the box.

* C012, the 2011 rise: ``consistent`` when pipeline oil (price and volume effects) is more than half
  of the rise of total trade, ``partly supported`` when it is a smaller positive part, else
  ``inconsistent``.
* C014, 2018: ``inconsistent`` when total trade did not rise, ``consistent`` when trade other than
  pipeline oil rose too, ``partly supported`` when the rise was pipeline oil alone.
* C015 as the paper states it ("fluctuating, mainly due to the lower world energy prices"), on the
  fall it describes, 2014 to 2016: ``consistent`` when the oil price effect is more than half of the
  fall of total trade; ``partly supported`` when it is more than half of the fall of imports only, or
  more than half of the fall of total trade only once the exports' fall is counted as the same oil
  shock through the rouble (which needs an oil shock: a falling oil price); else ``inconsistent``.
* C015 over the swings in general: ``consistent`` when the oil price is the largest part of most
  swings of total trade (years whose printed total moved by more than the swing threshold),
  ``inconsistent`` when it is the largest part of none, else ``partly supported``. Its box has the
  threshold and, instead of 22 printed levels (4 million corners), one input for Table 1's rounding:
  each swing's ranking depends on its own two years only, so the least and the most favourable
  rounding for the oil price can be taken swing by swing (the changes ± 0.01 US$ bn), which bounds
  the count at every corner.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.audit.core import CONSISTENT, INCONSISTENT, PARTLY
from heilongjiang_russia.audit.robustness import Choice, Interval, Robustness, evaluate

from .box import THRESHOLD, box_for, global_inputs, parts_at, volume_inputs
from .model import ROUNDING, TOTAL_PARTS
from .parameters import YEARS

FALL = (2015, 2016)  # the changes that make up the fall the paper explains, 2014 to 2016
RISE_YEAR, BOOM_YEAR = 2011, 2018
ROUNDING_INPUT = "rounding of the printed levels"
ROUNDING_SIDES = ("against the oil price", "as printed", "for the oil price")


def rise_status(parts: Mapping[str, np.ndarray]) -> np.ndarray:
    """C012 from the parts of the 2011 change (arrays n x 1)."""
    share = (parts["price"] + parts["volume"])[:, 0] / parts["total_change"][:, 0] * 100
    return np.where(share > 50, CONSISTENT, np.where(share > 0, PARTLY, INCONSISTENT))


def boom_status(parts: Mapping[str, np.ndarray]) -> np.ndarray:
    """C014 from the parts of the 2018 change (arrays n x 1)."""
    total, nonoil = parts["total_change"][:, 0], (parts["other"] + parts["exports"])[:, 0]
    return np.where(total <= 0, INCONSISTENT, np.where(nonoil > 0, CONSISTENT, PARTLY))


def fall_shares(parts: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The parts of the 2014-2016 fall summed over its years, and the shares the as-stated rule reads (%)."""
    total = parts["total_change"].sum(axis=1)
    imports = parts["imports_change"].sum(axis=1)
    price, exports = parts["price"].sum(axis=1), parts["exports"].sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "total": total,
            "imports": imports,
            "price": price,
            "exports": exports,
            "direct": price / total * 100,
            "of_imports": price / imports * 100,
            "shock": (price + exports) / total * 100,
        }


def fall_status(parts: Mapping[str, np.ndarray]) -> np.ndarray:
    """C015 as stated, from the parts of the 2015 and 2016 changes (arrays n x 2)."""
    s = fall_shares(parts)
    fell = s["total"] < 0
    # the exports' fall counts as the same oil shock only when there was one: the oil price effect itself a fall
    partly = ((s["imports"] < 0) & (s["of_imports"] > 50)) | ((s["price"] < 0) & (s["shock"] > 50))
    return np.where(fell & (s["direct"] > 50), CONSISTENT, np.where(fell & partly, PARTLY, INCONSISTENT))


def leads(price, volume, other, exports) -> np.ndarray:
    """Is the oil price the largest share of the change of total trade (elementwise)?"""
    total = price + volume + other + exports
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = [part / total for part in (volume, other, exports)]
        return np.all([price / total > s for s in shares], axis=0) & (total != 0)


def count_status(n_lead, n_swings) -> np.ndarray:
    """C015 over the swings in general, from the number of swings and of those the oil price leads."""
    n_lead, n_swings = np.asarray(n_lead), np.asarray(n_swings)
    return np.where((n_swings > 0) & (2 * n_lead > n_swings), CONSISTENT, np.where(n_lead == 0, INCONSISTENT, PARTLY))


def _general_leads(parts: Mapping[str, np.ndarray], side: np.ndarray) -> np.ndarray:
    """Does the price lead each year's change (n x years), with the rounding on ``side`` of each point?"""
    price, volume, other, exports = (parts[k] for k in ("price", "volume", "other", "exports"))
    central = leads(price, volume, other, exports)
    step = 2 * ROUNDING  # a change moves by twice the half unit of its two printed levels
    corners = [leads(price, volume, other + dm, exports + dx) for dm in (-step, step) for dx in (-step, step)]
    s = side[:, None]
    return np.where(
        s == ROUNDING_SIDES[2],
        np.any(corners, axis=0),
        np.where(s == ROUNDING_SIDES[0], np.all(corners, axis=0), central),
    )


# --- the boxes ---------------------------------------------------------------------------------------


def _robust(rule, frame, p, years, box) -> Robustness:
    def verdict(points):
        return rule(parts_at(frame, p, points, years))

    return evaluate(verdict, box)


def rise_robustness(frame: pd.DataFrame, p: Mapping[str, Any]) -> Robustness:
    return _robust(rise_status, frame, p, [RISE_YEAR], box_for(frame, p, [RISE_YEAR], [RISE_YEAR - 1, RISE_YEAR]))


def boom_robustness(frame: pd.DataFrame, p: Mapping[str, Any]) -> Robustness:
    return _robust(boom_status, frame, p, [BOOM_YEAR], box_for(frame, p, [BOOM_YEAR], [BOOM_YEAR - 1, BOOM_YEAR]))


def fall_robustness(frame: pd.DataFrame, p: Mapping[str, Any]) -> tuple[Robustness, dict[str, tuple[float, float]]]:
    """C015 as stated over its box, and the range of each share it reads over every point evaluated."""
    seen: list[dict[str, np.ndarray]] = []

    def verdict(points):
        parts = parts_at(frame, p, points, list(FALL))
        seen.append(fall_shares(parts))
        return fall_status(parts)

    robustness = evaluate(verdict, box_for(frame, p, FALL, [FALL[0] - 1, *FALL]))
    ranges = {
        k: (float(np.min(np.concatenate([s[k] for s in seen]))), float(np.max(np.concatenate([s[k] for s in seen]))))
        for k in ("direct", "of_imports", "shock")
    }
    return robustness, ranges


def swing_pcts(trade: pd.DataFrame) -> np.ndarray:
    """The printed change of total trade (%) of 2009-2018, Song's Table 1."""
    return np.array([float(trade.loc[y, "total_yoy_pct"]) for y in YEARS[1:]])


def general_count(frame, p, trade, points: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The number of swings and of swings the oil price leads, at each point (threshold and rounding side
    among the inputs, or central)."""
    n = len(next(iter(points.values()))) if points else 1
    parts = parts_at(frame, p, points, list(YEARS[1:]))
    side = np.asarray(points.get(ROUNDING_INPUT, [ROUNDING_SIDES[1]] * n))
    threshold = np.asarray(points.get(THRESHOLD, np.full(n, p["swing_pct"])), float)
    is_swing = np.abs(swing_pcts(trade))[None, :] > threshold[:, None]
    lead = _general_leads(parts, side)
    return is_swing.sum(axis=1), (is_swing & lead).sum(axis=1)


def general_box(frame: pd.DataFrame, p: Mapping[str, Any]) -> list:
    return [
        *global_inputs(p),
        Interval(THRESHOLD, p["swing_low"], p["swing_pct"], p["swing_high"], "{:.1f}%", 0.1),
        *volume_inputs(frame, YEARS),
        Choice(ROUNDING_INPUT, ROUNDING_SIDES[1], ROUNDING_SIDES),
    ]


def general_robustness(frame: pd.DataFrame, p: Mapping[str, Any], trade: pd.DataFrame) -> Robustness:
    def verdict(points):
        n_swings, n_lead = general_count(frame, p, trade, points)
        return count_status(n_lead, n_swings)

    return evaluate(verdict, general_box(frame, p))


def marginal_swings(trade: pd.DataFrame, low: float, high: float) -> list[tuple[int, float]]:
    """The years that are swings at some thresholds of ``low``-``high`` and not at others, with their printed change."""
    return [(y, abs(v)) for y, v in zip(YEARS[1:], swing_pcts(trade)) if low <= abs(v) < high]


def largest_part(row: pd.Series) -> str:
    """The part with the largest share of the change of total trade in a decomposition row."""
    return max(TOTAL_PARTS, key=lambda k: row[f"{k}_total_share"])


def count_moves(frame: pd.DataFrame, p: Mapping[str, Any], trade: pd.DataFrame) -> list[tuple[str, str, int, int]]:
    """Each end of each input of the general verdict's box, alone, that changes the count: (input, value as
    shown, swings the price leads, swings)."""
    box = general_box(frame, p)
    points = [(item, v) for item in box for v in item.ends if v != item.central]
    rows = [{**{i.name: i.central for i in box}, item.name: v} for item, v in points]
    n_swings, n_lead = general_count(frame, p, trade, {i.name: np.asarray([r[i.name] for r in rows]) for i in box})
    c_swings, c_lead = general_count(frame, p, trade, {})
    return [
        (item.name, item.show(v), int(lead), int(n))
        for (item, v), n, lead in zip(points, n_swings, n_lead)
        if (n, lead) != (c_swings[0], c_lead[0])
    ]
