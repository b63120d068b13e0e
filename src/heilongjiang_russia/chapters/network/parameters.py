"""The parameters of chapter 04 (the Longjiang Silk Road Belt): defaults, ranges and checks.

:class:`Parameters` holds the defaults, once: the notebook's parameters cell states the same
values (a test compares the two), the runner reads them from that cell, and both pass every
value through :func:`check_parameters`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from heilongjiang_russia.data import checks, places
from heilongjiang_russia.data.places import MODES, check_modes
from heilongjiang_russia.errors import ParameterError

N_TOP = (3, 30)  # how many places the centrality and rank-range tables and the rank-range chart show
TIE_TOLERANCE = (0.0, 0.5)  # the share of the leading score within which two scores tie


@dataclass(frozen=True)
class Parameters:
    """The chapter's parameters with their defaults (the defaults reproduce the paper)."""

    modes: tuple[str, ...] = tuple(MODES)  # links drawn and analysed: any of places.MODES
    hub: str = "Harbin"  # the place tested as the hub: a place_id on the chosen modes' items
    n_top: int = 12  # N_TOP
    tie_tolerance: float = 0.05  # TIE_TOLERANCE; 0: exact ties only
    run_name: str = "04_longjiang_silk_road_belt"  # folder under outputs/ for the tables behind the figures

    def values(self) -> dict[str, Any]:
        """The parameters as the notebook's parameters cell writes them (lists, not tuples)."""
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}


NAMES = [f.name for f in fields(Parameters)]


def check_tolerance(tolerance) -> float:
    """Validate the ``tie_tolerance`` parameter: a share of the leading score, from 0 to 0.5."""
    low, high = TIE_TOLERANCE
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not low <= tolerance <= high:
        raise ParameterError(
            "tie_tolerance",
            f"{tolerance!r} is not allowed; give a share of the leading score from {low:g} (exact ties only) "
            f"to {high:g}",
        )
    return float(tolerance)


def check_n_top(n_top: int) -> int:
    """Validate a chapter's ``n_top`` parameter (how many places the ranking shows, 3-30)."""
    low, high = N_TOP
    if isinstance(n_top, bool) or not isinstance(n_top, int) or not low <= n_top <= high:
        raise ParameterError("n_top", f"{n_top!r} is not allowed; give a whole number from {low} to {high}")
    return n_top


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 04, checked; the hub must be named by an item of the chosen modes."""
    p = checks.read(values, NAMES)
    p["modes"] = check_modes(checks.kind("modes", p["modes"], list))
    gaz = places.gazetteer()
    places.check_hub(
        checks.kind("hub", p["hub"], str), gaz, places.routes(places.table2(), places.table3()), p["modes"]
    )
    check_n_top(p["n_top"])
    p["tie_tolerance"] = check_tolerance(p["tie_tolerance"])
    checks.run_name(p["run_name"])
    return p
