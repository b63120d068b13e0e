"""The Eastern Silk Road Belt section of Song (2019) as data: objectives and reported results.

``data/raw/eastern_belt.csv`` lists the section's five objectives and every result it
reports, one row each, in the paper's order. A row with a number names the claim in the
claims ledger (``data/claims.csv``) that states it; :func:`load` checks that the two
agree and takes the number from the ledger. Which objective a result serves
(``objective_id``) is this compendium's reading: the paper lists objectives and results
in separate paragraphs without pairing them. ``data/external/eastern_checks.csv``
(:func:`load_checks`) holds the outside figures found for some of these claims.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from heilongjiang_russia import paths
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError

from .. import claims

RESOURCE = "eastern-belt"
CHECKS = "eastern-checks"

# Stages in the order a project passes through them; "reported" is a number stated as achieved.
STAGES = ["objective", "preliminary work", "approved", "under construction", "in operation", "completed", "reported"]


def blank(value) -> bool:
    """Whether a cell is empty (None or NaN; an empty text is not)."""
    return value is None or (not isinstance(value, str) and pd.isna(value))


def load(
    path: str | Path | None = None, *, descriptor: Path | None = None, ledger: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The section's objectives and results, validated and checked against the claims ledger.

    Raises :class:`DataValidationError` naming the row and column when a row cites a claim
    the ledger lacks, or states a value or unit that differs from the ledger's.
    """
    frame = load_resource(RESOURCE, path, descriptor=descriptor)
    ledger = claims.load() if ledger is None else ledger
    shown = paths.display(paths.resolve(path) if path is not None else paths.RAW / "eastern_belt.csv")
    ids = set(frame["item_id"])
    for row, rec in enumerate(frame.itertuples(index=False), start=1):
        if not blank(rec.objective_id) and rec.objective_id not in ids:
            raise DataValidationError(
                shown, f"objective {rec.objective_id!r} is not an item of this file", row=row, column="objective_id"
            )
        if rec.kind == "objective" and rec.stage != "objective":
            raise DataValidationError(
                shown, f"an objective must have stage 'objective', found {rec.stage!r}", row=row, column="stage"
            )
        if blank(rec.claim_id):
            if not blank(rec.value):
                raise DataValidationError(
                    shown, "a value needs a claim_id in data/claims.csv", row=row, column="claim_id"
                )
            continue
        if rec.claim_id not in ledger.index:
            raise DataValidationError(
                shown, f"claim {rec.claim_id!r} is not in data/claims.csv", row=row, column="claim_id"
            )
        stated = claims.value(rec.claim_id, ledger)
        if blank(rec.value) or not np.isclose(rec.value, stated):
            raise DataValidationError(
                shown,
                f"value {rec.value} differs from {rec.claim_id} in data/claims.csv ({stated})",
                row=row,
                column="value",
            )
        if rec.unit != ledger.loc[rec.claim_id, "unit"]:
            raise DataValidationError(
                shown,
                f"unit {rec.unit!r} differs from {rec.claim_id} in data/claims.csv "
                f"({ledger.loc[rec.claim_id, 'unit']!r})",
                row=row,
                column="unit",
            )
    frame["value"] = [np.nan if blank(c) else claims.value(c, ledger) for c in frame["claim_id"]]
    return frame.set_index("item_id", drop=False)


def load_checks(path: str | Path | None = None) -> pd.DataFrame:
    """The outside figures that test claims of the section (``data/external/eastern_checks.csv``)."""
    return load_resource(CHECKS, path)


def item(frame: pd.DataFrame, item_id: str) -> float:
    """The number stated by one item (from the claims ledger)."""
    return float(frame.loc[item_id, "value"])


def results_in(frame: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """The reported results of the (already checked) ``themes``, in the paper's order; none is an error."""
    shown = frame.loc[(frame["kind"] == "result") & frame["theme"].isin(themes)]
    if shown.empty:
        raise ParameterError("themes", "none of the chosen themes has a reported result")
    return shown
