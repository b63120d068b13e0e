"""The parameters of "After the paper": their defaults and allowed values, in one place.

:class:`Parameters` holds the defaults (the notebook's parameters cell must declare the same
literals; a test compares them) and :func:`check_parameters` validates the values the runner or the
notebook (``globals()``) gives, returning them as a dict with ``rate_text`` (what the chosen rate
basis means) added.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from heilongjiang_russia.data import checks
from heilongjiang_russia.errors import ParameterError

RATE_BASES = {
    "official_then_fed": "the official annual average where a source was found, else the Federal Reserve H.10 average",
    "fed": "the Federal Reserve H.10 annual average for every year",
    "official_only": "the official annual average only (a year without one stays unconverted)",
}
CONFIDENCE_RANK = {"unsourced": 0, "low": 1, "medium": 2, "high": 3}
MIN_CONFIDENCES = ("high", "medium", "low")
PAPER_LAST_YEAR = 2018  # the last year of Song's Table 1
FIRST_YEAR, LAST_YEAR = 2008, 2024  # the years the chapter covers
REPORT_YEARS = (2012, 2018, 2021, 2024)  # the years whose share the prose names
RATE_REPORT_YEARS = (2021, 2024)  # the years after 2018 whose rate choice the prose names


@dataclass(frozen=True)
class Parameters:
    """The chapter's parameters and their defaults (the notebook's parameters cell declares the same)."""

    rate_basis: str = "official_then_fed"  # one of RATE_BASES
    min_confidence: str = "low"  # one of MIN_CONFIDENCES
    show_derived: bool = True  # draw DERIVED rows (as crosses)
    show_partial: bool = True  # draw figures for part of a year (triangles)
    run_name: str = "07_after_the_paper"  # folder under outputs/

    @property
    def rate_text(self) -> str:
        """What the rate basis means, in words."""
        return RATE_BASES[self.rate_basis]


PARAMETERS = [f.name for f in fields(Parameters)]
DEFAULTS: dict[str, Any] = asdict(Parameters())


def _choice(name: str, value: Any, allowed) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(name, f"{value!r} is not allowed; use one of {', '.join(repr(a) for a in allowed)}")
    return value


def validate(values: Mapping[str, Any]) -> Parameters:
    """The chapter's parameters read from ``values`` (which may hold anything else), validated."""
    p = checks.read(values, PARAMETERS)
    _choice("rate_basis", p["rate_basis"], RATE_BASES)
    _choice("min_confidence", p["min_confidence"], MIN_CONFIDENCES)
    checks.kind("show_derived", p["show_derived"], bool)
    checks.kind("show_partial", p["show_partial"], bool)
    checks.run_name(p["run_name"])
    return Parameters(**p)


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The chapter's parameters read from ``values``, validated, with ``rate_text`` (what the rate basis means) added."""
    p = validate(values)
    return {**asdict(p), "rate_text": p.rate_text}
