"""Imports other than pipeline oil, "the remainder": how steady it is against imports as a whole, over the
whole table and over the pipeline years alone, level by level and year to year, and what it did in the
years the pipeline's volume jumped.

Over 2008-2018 the contrast is made by the step of 2011, when the pipeline opened and imports jumped;
over 2011-2018 both series carry pipeline years only. Each comparison is a status ("far steadier",
"steadier", "not steadier than imports": coefficient of variation below half of that of imports, below
it, or not) evaluated over the box of the oil value's inputs (barrels per tonne, price marker and
premium, every pipeline volume with its band) and Table 1's rounding, taken as the rounding that
spreads the remainder's levels away from their mean or pulls them towards it (all years at once).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.audit.robustness import Choice, Robustness, evaluate

from .box import global_inputs, levels_at, volume_inputs
from .model import ROUNDING
from .parameters import YEARS

PERIODS = ((2008, 2018), (2011, 2018))  # the whole table; the years the pipeline carried oil
JUMP_PCT = 25.0  # the pipeline volume jumped: it rose by more than this share of the year before, or from nothing
FAR, STEADIER, NOT = "far steadier than imports", "steadier than imports", "not steadier than imports"
ROUNDING_INPUT = "rounding of the printed levels"
SPREAD = ("remainder spread", "as printed", "remainder pulled in")


def cv(a: np.ndarray) -> np.ndarray:
    """Coefficient of variation (sample sd / mean, %) along the last axis."""
    return np.std(a, axis=-1, ddof=1) / np.mean(a, axis=-1) * 100


def mean_abs_change(a: np.ndarray) -> np.ndarray:
    """Mean absolute year-on-year change (%) along the last axis."""
    return np.mean(np.abs(a[..., 1:] / a[..., :-1] - 1), axis=-1) * 100


def steadier(other_cv, imports_cv) -> np.ndarray:
    other_cv, imports_cv = np.asarray(other_cv), np.asarray(imports_cv)
    return np.where(other_cv < imports_cv / 2, FAR, np.where(other_cv < imports_cv, STEADIER, NOT))


def series_at(
    frame: pd.DataFrame, p: Mapping[str, Any], points: Mapping[str, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Imports and the remainder of every year at each point (arrays n x years)."""
    lv = levels_at(frame, p, points)
    imports = lv["import"]
    other = imports - lv["volume"] * lv["bbl"][:, None] * lv["price"] / 1000
    n = len(imports)
    side = np.asarray(points.get(ROUNDING_INPUT, [SPREAD[1]] * n))[:, None]
    shift = np.sign(other - other.mean(axis=1, keepdims=True)) * ROUNDING
    shift = np.where(side == SPREAD[0], shift, np.where(side == SPREAD[2], -shift, 0.0))
    return imports + shift, other + shift


@dataclass(frozen=True)
class Period:
    """The remainder against imports over ``first``-``last``: variation of the levels and of the changes."""

    first: int
    last: int
    other_cv: float  # coefficient of variation of the remainder, %, central inputs
    imports_cv: float
    other_cv_low: float  # over every point of the box evaluated
    other_cv_high: float
    other_change: float  # mean absolute year-on-year change of the remainder, %
    imports_change: float
    robustness: Robustness

    @property
    def status(self) -> str:
        return self.robustness.status_at_central

    @property
    def span(self) -> str:
        return f"{self.first}–{self.last}"


def _period(frame: pd.DataFrame, p: Mapping[str, Any], first: int, last: int) -> Period:
    cols = [j for j, y in enumerate(frame["year"]) if first <= y <= last]
    seen: list[np.ndarray] = []

    def verdict(points):
        imports, other = (a[:, cols] for a in series_at(frame, p, points))
        seen.append(cv(other))
        return steadier(cv(other), cv(imports))

    box = [*global_inputs(p), *volume_inputs(frame, YEARS), Choice(ROUNDING_INPUT, SPREAD[1], SPREAD)]
    robustness = evaluate(verdict, box)
    imports, other = (a[0, cols] for a in series_at(frame, p, {}))
    every = np.concatenate(seen)
    return Period(
        first,
        last,
        float(cv(other)),
        float(cv(imports)),
        float(every.min()),
        float(every.max()),
        float(mean_abs_change(other)),
        float(mean_abs_change(imports)),
        robustness,
    )


@dataclass(frozen=True)
class Remainder:
    """The remainder year by year (central inputs), its steadiness over :data:`PERIODS`, and its changes in
    the years the pipeline's volume jumped."""

    table: pd.DataFrame  # year, import_bn, other_bn, volume_mt, other_change, volume_change, jumped
    periods: tuple[Period, ...]

    @property
    def jump_years(self) -> tuple[int, ...]:
        return tuple(int(y) for y in self.table.loc[self.table["jumped"], "year"])

    @property
    def fall_years(self) -> tuple[int, ...]:
        """The years the remainder fell by more than Table 1's rounding can make it move (two half units)."""
        return tuple(int(y) for y in self.table.loc[self.table["other_change"] < -2 * ROUNDING, "year"])

    @property
    def largest_falls(self) -> tuple[int, ...]:
        """As many years as the volume jumped in, those of the remainder's largest falls, largest first."""
        changes = self.table.dropna(subset=["other_change"]).sort_values("other_change")
        return tuple(int(y) for y in changes["year"].head(len(self.jump_years)))

    @property
    def fell_in_every_jump(self) -> bool:
        return bool(self.jump_years) and set(self.jump_years) <= set(self.fall_years)

    @property
    def falls_only_in_jumps(self) -> bool:
        """The remainder fell in exactly the years the volume jumped."""
        return bool(self.jump_years) and set(self.jump_years) == set(self.fall_years)

    @property
    def largest_falls_in_jumps(self) -> bool:
        return bool(self.jump_years) and set(self.largest_falls) == set(self.jump_years)

    def change(self, year: int) -> float:
        return float(self.table.set_index("year").loc[year, "other_change"])


def remainder(frame: pd.DataFrame, p: Mapping[str, Any]) -> Remainder:
    """The remainder of ``frame`` (the chapter's inputs) at the parameters ``p``."""
    imports, other = (a[0] for a in series_at(frame, p, {}))
    volume = frame["volume_mt"].to_numpy(float)
    before = np.concatenate([[np.nan], volume[:-1]])
    jumped = (volume > 0) & ((before == 0) | (volume > before * (1 + JUMP_PCT / 100)))
    table = pd.DataFrame(
        {
            "year": frame["year"].to_numpy(),
            "import_bn": imports,
            "other_bn": np.round(other, 6),
            "volume_mt": volume,
            "other_change": np.round(np.concatenate([[np.nan], np.diff(other)]), 6),
            "volume_change": np.concatenate([[np.nan], np.diff(volume)]),
            "jumped": jumped & ~np.isnan(before),
        }
    )
    return Remainder(table, tuple(_period(frame, p, a, b) for a, b in PERIODS))
