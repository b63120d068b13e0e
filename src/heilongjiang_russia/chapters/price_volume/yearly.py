"""Every year's change split into its parts, with the range of each part and share over the box of that
year's inputs (:mod:`.box`: barrels per tonne, price marker and premium, the two years' pipeline volumes
with a DERIVED year moving with its source, the four printed levels), and how far each group of inputs
alone moves the headline shares.

The parts are multilinear in the inputs and the shares ratios whose denominators move with the printed
levels only, so each reaches its extremes at a corner of the box: the ranges are the low and high over
every corner.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .box import BBL, MARKER, PREMIUM, box_for, parts_at
from .model import HEADLINE_YEARS, with_shares
from .parameters import YEARS

INPUT_GROUPS = {  # the inputs a sensitivity bar moves together, by the start of their names in the box
    "barrels per tonne": (BBL,),
    "price basis": (MARKER, PREMIUM),
    "pipeline volume": ("pipeline volume",),
    "rounding of the printed levels": ("printed ",),
}


def _box(frame: pd.DataFrame, p: Mapping[str, Any], year: int):
    return box_for(frame, p, [year], [year - 1, year])


def _corners(box, vary: Sequence[str] | None = None) -> dict[str, np.ndarray]:
    """Every corner of the inputs of ``box`` whose names start with one of ``vary`` (all when None), others central."""
    moving = [i for i in box if vary is None or i.name.startswith(tuple(vary))]
    combos = list(itertools.product(*(i.ends for i in moving)))
    points = {i.name: np.asarray([i.central] * len(combos)) for i in box if i not in moving}
    points |= {i.name: np.asarray([c[k] for c in combos]) for k, i in enumerate(moving)}
    return points


def _values(frame, p, year, points) -> dict[str, np.ndarray]:
    return {k: v[:, 0] for k, v in with_shares(parts_at(frame, p, points, [year])).items()}


def decomposition(frame: pd.DataFrame, p: Mapping[str, Any]) -> pd.DataFrame:
    """Every year's change (2009-2018) split into parts, central value with low and high of each over the box."""
    rows = []
    for year in YEARS[1:]:
        central = _values(frame, p, year, {})
        every = _values(frame, p, year, _corners(_box(frame, p, year)))
        row: dict[str, Any] = {"year": year}
        for key in central:
            finite = np.isfinite(every[key]).any()
            row[key] = round(float(central[key][0]), 6) + 0.0  # no negative zero
            row[f"{key}_low"] = round(float(np.nanmin(every[key])), 6) + 0.0 if finite else np.nan
            row[f"{key}_high"] = round(float(np.nanmax(every[key])), 6) + 0.0 if finite else np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def sensitivity(
    frame: pd.DataFrame, p: Mapping[str, Any], years=HEADLINE_YEARS, shares=("price_share", "volume_share")
) -> pd.DataFrame:
    """How far each group of inputs alone moves each share (the others at their central values)."""
    rows = []
    for year in years:
        box = _box(frame, p, year)
        central = _values(frame, p, year, {})
        for group, starts in INPUT_GROUPS.items():
            got = _values(frame, p, year, _corners(box, starts))
            for share in shares:
                rows.append(
                    {
                        "year": year,
                        "input": group,
                        "share": share,
                        "central": round(float(central[share][0]), 6),
                        "low": round(float(np.nanmin(got[share])), 6),
                        "high": round(float(np.nanmax(got[share])), 6),
                    }
                )
    out = pd.DataFrame(rows)
    out["swing"] = (out["high"] - out["low"]).round(6)
    return out
