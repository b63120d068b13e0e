"""The parameters of chapter 03 (the Eastern Silk Road Belt): defaults, allowed values and checks.

:class:`Parameters` holds the defaults, once: the notebook's parameters cell states the same
values (a test compares the two), the runner reads them from that cell, and both pass every
value through :func:`check_parameters`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from heilongjiang_russia.data import checks
from heilongjiang_russia.errors import ParameterError

from . import section

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

# Plausible bounds for a yuan-per-dollar rate (it stayed between 6 and 8.3 from 1994 to 2025).
RATE_BOUNDS = (1.0, 20.0)


@dataclass(frozen=True)
class Parameters:
    """The chapter's parameters with their defaults (the defaults reproduce the paper)."""

    results_file: str = "data/raw/eastern_belt.csv"  # the section as data; another file with the same schema
    themes: tuple[str, ...] = tuple(THEMES)  # themes shown in the results table
    cny_per_usd: float = 6.1428  # RATE_BOUNDS; the official 2014 annual average (data/external/cny_usd.csv)
    run_name: str = "03_eastern_silk_road_belt"  # folder under outputs/ for the tables behind the figure

    def values(self) -> dict[str, Any]:
        """The parameters as the notebook's parameters cell writes them (lists, not tuples)."""
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}


NAMES = [f.name for f in fields(Parameters)]


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
    """Validate the ``cny_per_usd`` parameter: a yuan-per-dollar rate within :data:`RATE_BOUNDS`."""
    low, high = RATE_BOUNDS
    if not isinstance(cny_per_usd, (int, float)) or not low <= cny_per_usd <= high:
        raise ParameterError("cny_per_usd", f"{cny_per_usd!r} is not a yuan-per-dollar rate between {low} and {high}")
    return float(cny_per_usd)


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 03, checked; a replacement ``results_file`` is checked against the claims ledger."""
    p = checks.read(values, NAMES)
    belt = checks.load(
        "results_file", p["results_file"], section.load
    )  # schema, then every claim against data/claims.csv
    p["themes"] = check_themes(checks.kind("themes", p["themes"], list))
    section.results_in(belt, p["themes"])  # refuses themes with no reported result in this file
    p["cny_per_usd"] = check_rate(checks.kind("cny_per_usd", p["cny_per_usd"], float))
    checks.run_name(p["run_name"])
    return p
