"""The box of the chapter's uncertain inputs, and the decomposition at any point of it (vectorised).

Each verdict of the chapter is evaluated over the inputs it depends on
(:func:`heilongjiang_russia.audit.robustness.evaluate`); their names are the words of the labels:

* ``barrels per tonne``: the API gravity's range as barrels per tonne (Platts' 7.33 for the
  pipeline's crude in January 2011; 7.23 at the grade's density ceiling to 7.45 at 36 degrees);
* ``price marker``: the oil valued at Brent's or at Dubai's annual averages, year by year (a
  constant premium cancels out of price changes, so the marker's own path is the price basis'
  real uncertainty for a price effect);
* ``price premium``: US$/bbl over the marker (it moves the volume effect and the oil's value);
* ``pipeline volume <year>``: every year whose figure is rounded or known in part, over its own
  band; a DERIVED year moves with the figure it was computed from (2014 against 2015);
* ``printed imports <year>``, ``printed exports <year>``: each level of Song's Table 1 ± half a unit of its
  last place (0.05 x 10^8 US$).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.audit.robustness import Choice, Input, Interval

from .model import ROUNDING, decompose
from .records import DERIVED_FROM, barrels_per_tonne

BBL, MARKER, PREMIUM, THRESHOLD = "barrels per tonne", "price marker", "price premium", "swing threshold"
MARKER_NAMES = {"brent": "Brent", "dubai": "Dubai"}  # parameter value -> the name in a label
PARTS_OUT = ("price", "volume", "other", "exports", "imports_change", "total_change")


def volume_name(year: int) -> str:
    return f"pipeline volume {year}"


def level_name(column: str, year: int) -> str:
    return f"printed {column}s {year}"


def global_inputs(p: Mapping[str, Any]) -> list[Input]:
    """Barrels per tonne, the price marker and the premium, at the parameters ``p``."""
    return [
        Interval(
            BBL,
            barrels_per_tonne(p["api_low"]),
            barrels_per_tonne(p["api_gravity"]),
            barrels_per_tonne(p["api_high"]),
            "{:.2f} bbl/t",
            0.01,
        ),
        Choice(MARKER, MARKER_NAMES[p["price_marker"]], tuple(MARKER_NAMES.values())),
        Interval(PREMIUM, p["premium_low"], p["price_premium"], p["premium_high"], "{:+.1f} US$/bbl", 0.1),
    ]


def _derived(frame: pd.DataFrame) -> dict[int, dict[int, float]]:
    """The DERIVED years of ``frame`` that move with another year of it, and how."""
    rows = frame.set_index("year")
    return {
        y: {s: c for s, c in src.items() if s in rows.index}
        for y, src in DERIVED_FROM.items()
        if y in rows.index and rows.loc[y, "status"] == "derived"
    }


def volume_inputs(frame: pd.DataFrame, years: Iterable[int]) -> list[Input]:
    """The pipeline volume of each of ``years`` (and of the years they were derived from) with a band."""
    rows = frame.set_index("year")
    wanted = set(years)
    for y, src in _derived(frame).items():
        if y in wanted:
            wanted |= set(src)
    own_low = rows.get("own_low_mt", rows["low_mt"])
    own_high = rows.get("own_high_mt", rows["high_mt"])
    return [
        Interval(
            volume_name(y), float(own_low[y]), float(rows.loc[y, "volume_mt"]), float(own_high[y]), "{:.2f} Mt", 0.01
        )
        for y in sorted(wanted)
        if y in rows.index and own_high[y] > own_low[y]
    ]


def level_inputs(frame: pd.DataFrame, years: Iterable[int]) -> list[Input]:
    """Each printed import and export level of ``years``, ± half a unit of Table 1's last place."""
    rows = frame.set_index("year")
    return [
        Interval(level_name(col, y), v - ROUNDING, v, v + ROUNDING, "US$ {:.3f} bn", 0.001)
        for y in sorted(set(years))
        for col in ("import", "export")
        for v in [float(rows.loc[y, f"{col}_bn"])]
    ]


def box_for(frame: pd.DataFrame, p: Mapping[str, Any], years: Iterable[int], volumes: Iterable[int]) -> list[Input]:
    """The inputs of a verdict on the changes of ``years``: the global ones, the volumes of ``volumes``
    and the printed levels of each year and the year before."""
    levels = {y for year in years for y in (year - 1, year)}
    return global_inputs(p) + volume_inputs(frame, volumes) + level_inputs(frame, levels)


def levels_at(frame: pd.DataFrame, p: Mapping[str, Any], points: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Imports, exports, price and volume of every year of ``frame`` at each point (arrays n x years);
    an input missing from ``points`` stays at its central value."""
    n = len(next(iter(points.values()))) if points else 1
    years = [int(y) for y in frame["year"]]
    col = {y: j for j, y in enumerate(years)}

    def series(name: str) -> np.ndarray:
        return np.tile(frame[name].to_numpy(float), (n, 1))

    m, x, v = series("import_bn"), series("export_bn"), series("volume_mt")
    for y, j in col.items():
        for arr, column in ((m, "import"), (x, "export")):
            if level_name(column, y) in points:
                arr[:, j] = np.asarray(points[level_name(column, y)], float)
        if volume_name(y) in points:
            v[:, j] = np.asarray(points[volume_name(y)], float)
    central = frame.set_index("year")["volume_mt"]
    for y, src in _derived(frame).items():
        for s, coef in src.items():
            if volume_name(s) in points:
                v[:, col[y]] += coef * (np.asarray(points[volume_name(s)], float) - central[s])
    marker = np.asarray(points.get(MARKER, [MARKER_NAMES[p["price_marker"]]] * n))
    premium = np.asarray(points.get(PREMIUM, np.full(n, p["price_premium"])), float)
    price = np.where((marker == "Dubai")[:, None], series("dubai"), series("brent")) + premium[:, None]
    bbl = np.asarray(points.get(BBL, np.full(n, barrels_per_tonne(p["api_gravity"]))), float)
    return {"import": m, "export": x, "volume": v, "price": price, "bbl": bbl, "years": np.asarray(years)}


def parts_at(
    frame: pd.DataFrame, p: Mapping[str, Any], points: Mapping[str, np.ndarray], years: Sequence[int]
) -> dict[str, np.ndarray]:
    """The parts of the change from the year before to each of ``years`` at each point (arrays n x len(years))."""
    lv = levels_at(frame, p, points)
    idx = {int(y): j for j, y in enumerate(lv["years"])}
    now = [idx[y] for y in years]
    before = [idx[y - 1] for y in years]
    b = lv["bbl"][:, None]
    parts = decompose(
        lv["import"][:, before],
        lv["import"][:, now],
        lv["volume"][:, before],
        lv["volume"][:, now],
        lv["price"][:, before],
        lv["price"][:, now],
        b,
        lv["export"][:, before],
        lv["export"][:, now],
    )
    return {k: np.asarray(parts[k], float) for k in PARTS_OUT}
