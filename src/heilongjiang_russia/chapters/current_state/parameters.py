"""The parameters of the current-state chapter (02) and of its sub-period variants."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heilongjiang_russia.data import checks
from heilongjiang_russia.errors import ParameterError


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 02, checked; ``base_year`` ``None`` (the default) follows ``start_year``."""
    p = checks.read(values, ["table1_file", "start_year", "end_year", "unit", "run_name", "base_year"])
    checks.table1_window(p)
    checks.unit(p["unit"])
    checks.run_name(p["run_name"])
    if p["base_year"] is None:
        p["base_year"] = p["start_year"]
    base = checks.kind("base_year", p["base_year"], int)
    if not p["start_year"] <= base <= p["end_year"]:
        raise ParameterError(
            "base_year",
            f"{base} is outside the window analysed ({p['start_year']}–{p['end_year']}); choose a year in it",
        )
    return p
