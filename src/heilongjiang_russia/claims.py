"""The claims ledger: every quantitative statement in the paper's text, one row each."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .validation import load_resource
from . import checks

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
    from . import datapackage, paths
    from .validation import read_csv

    res = datapackage.resource(RESOURCE)
    return read_csv(paths.DATA / res["path"], res, check_hash=False).set_index("claim_id", drop=False)


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of the claims appendix, checked."""
    p = checks.read(values, ["run_name"])
    checks.run_name(p["run_name"])
    return p
