"""The rows of "After the paper": what a row covers (period), what it is (status), whether it may be used, and the inputs.

Every outside row keeps its status: ``reported`` (a full-year figure a source gives), ``partial``
(a figure for part of a year: ``_Q1``, ``_H1``, ``_Jan_Aug``...), ``derived`` (computed by the
curators, source starting with DERIVED) or ``missing`` (unsourced or empty). Only reported
full-year figures enter a computation; the others are drawn as what they are, and a gap stays a
gap.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from heilongjiang_russia import paths
from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError

from .parameters import CONFIDENCE_RANK

_PERIOD = re.compile(r"^(?P<base>.+?)_(?P<period>Q1|H1|Jan_(?P<end>[A-Z][a-z]{2}))$")
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FULL_YEAR = "full year"


def parse_variable(variable: str) -> tuple[str, str, int]:
    """``(base variable, period label, months covered)``: ``hlj_russia_trade_Jan_Aug`` is
    ``("hlj_russia_trade", "Jan–Aug", 8)``; a variable without a period suffix covers the full year."""
    hit = _PERIOD.match(variable)
    if hit is None:
        return variable, FULL_YEAR, 12
    period = hit["period"]
    if period == "Q1":
        return hit["base"], "Jan–Mar", 3
    if period == "H1":
        return hit["base"], "Jan–Jun", 6
    if hit["end"] not in _MONTHS:
        raise ValueError(f"{variable}: unknown month {hit['end']!r}")
    months = _MONTHS.index(hit["end"]) + 1
    return hit["base"], f"Jan–{hit['end']}", months


def as_text(value) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def status(value, confidence: str, source, months: int = 12) -> str:
    """``missing``, ``derived``, ``partial`` or ``reported`` (a full-year figure a source gives)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or confidence == "unsourced":
        return "missing"
    if as_text(source).strip().upper().startswith("DERIVED"):
        return "derived"
    return "partial" if months < 12 else "reported"


def usable(row_status: str, confidence: str, min_confidence: str) -> bool:
    """A figure that may enter a computation: reported for the full year, confidence at least ``min_confidence``."""
    return row_status == "reported" and CONFIDENCE_RANK.get(confidence, 0) >= CONFIDENCE_RANK[min_confidence]


# -- inputs ---------------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def load_projects(path=None) -> pd.DataFrame:
    """The project facts, with the rules the schema cannot state checked row by row."""
    frame = load_resource("projects", path)
    shown = paths.display(paths.resolve(path)) if path is not None else "data/external/projects.csv"
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        date, source = as_text(row.date), as_text(row.source).strip()
        if date and not _DATE.match(date):
            raise DataValidationError(shown, f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", row=i, column="date")
        if row.status == "not found":
            if source or date or row.confidence != "unsourced":
                raise DataValidationError(
                    shown,
                    "a 'not found' fact has no date and no source and confidence 'unsourced'",
                    row=i,
                    column="status",
                )
        elif not source:
            raise DataValidationError(
                shown, f"status {row.status!r} needs a source (or status 'not found')", row=i, column="source"
            )
    return frame


def load_inputs() -> dict[str, pd.DataFrame]:
    """Every input of the chapter, validated against the data package."""
    return {
        "table1": table1.load(),
        "china_russia": load_resource("china-russia-trade"),
        "hlj": load_resource("heilongjiang-trade"),
        "rates": load_resource("cny-usd"),
        "oil": load_resource("espo-china-oil"),
        "projects": load_projects(),
    }
