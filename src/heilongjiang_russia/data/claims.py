"""The claims ledger's rows (``data/claims.csv``): every quantitative statement of the paper's text.

Loaded here, in the data layer, because the audit's statuses, the book's verdicts and the chapters
all read them; the ledger's derived columns are written by :mod:`heilongjiang_russia.chapters.claims`.
"""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia import paths

from . import datapackage
from .validation import load_resource, read_csv

RESOURCE = "claims"


def load() -> pd.DataFrame:
    """The ledger (``data/claims.csv``), validated, indexed by ``claim_id``."""
    return load_resource(RESOURCE).set_index("claim_id", drop=False)


def value(claim_id: str, ledger: pd.DataFrame | None = None) -> float:
    """The number a claim states, for prose that cites it (``value("C003")``)."""
    ledger = load() if ledger is None else ledger
    try:
        return ledger.loc[claim_id, "value"]
    except KeyError:
        raise KeyError(f"data/claims.csv has no claim {claim_id!r}") from None


def load_unchecked() -> pd.DataFrame:
    """The ledger checked against its schema but not its checksum (for rewriting its status column)."""
    res = datapackage.resource(RESOURCE)
    return read_csv(paths.DATA / res["path"], res, check_hash=False).set_index("claim_id", drop=False)
