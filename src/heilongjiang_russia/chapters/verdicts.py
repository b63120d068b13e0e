"""The book's verdicts on Song's Table 1 and text, built in one place.

The audit (:mod:`heilongjiang_russia.audit`) checks the table's arithmetic and the text's
statements; the causal statements about energy prices are judged by the "Price or volume?"
chapter's decomposition. This module joins the two, so that the ledger, the chapters, the
conclusion and the landing page all read the same verdicts.
"""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia import audit
from heilongjiang_russia.audit.core import PAPER_YEARS
from heilongjiang_russia.audit.ledger import claim_labels, statuses_of  # noqa: F401  (read from here too)
from heilongjiang_russia.audit.tiers import THRESHOLD_PCT
from heilongjiang_russia.data import claims, table1

from . import nation, price_volume


def of_table(trade: pd.DataFrame, threshold_pct: float = THRESHOLD_PCT) -> pd.DataFrame:
    """Every finding on ``trade`` (Table 1 as loaded), the causal ones judged by the decomposition
    when the table covers the paper's years 2008–2018, with C015 also tested out of sample."""
    causal = None
    if set(PAPER_YEARS) <= set(trade.index):
        # chapter 6's decomposition of Song's Table 1, and the same test on the nation after the paper
        found = price_volume.claim_findings(trade=trade)
        causal = pd.concat([found, pd.DataFrame([nation.verdicts.energy_finding()])], ignore_index=True)
    return audit.audit(trade, threshold_pct=threshold_pct, causal=causal)


def findings(threshold_pct: float = THRESHOLD_PCT) -> pd.DataFrame:
    """The book's verdicts: the audit of the paper's Table 1 with the project's outside data."""
    return of_table(table1.load(), threshold_pct=threshold_pct)


def claim_statuses(trade: pd.DataFrame | None = None, threshold_pct: float = THRESHOLD_PCT) -> pd.Series:
    """Each claim's status (claim code -> the gravest verdict of its findings), as the ledger records it."""
    found = findings(threshold_pct) if trade is None else of_table(trade, threshold_pct)
    return audit.claim_status(claims.load_unchecked(), found).set_index("claim_id")["status"]


CHECKED = (audit.CONSISTENT, audit.ROUNDING, audit.PARTLY, audit.INCONSISTENT)
BY_INTERVALS = "holds over the rounding of the printed numbers (interval arithmetic)"


def robustness_labels(statuses: pd.DataFrame) -> list[str]:
    """Each claim's robustness: the decomposition's label over the box of its inputs for the claims chapter 6
    judges; for the other checked claims, that their checks compare rounding intervals; blank otherwise."""
    judged = {
        v.claim: (v.status, v.robustness.label)
        for v in price_volume.verdicts_with_robustness()
        if v.reading == "as stated"
    }

    def label(claim: str, status: str) -> str:
        if claim in judged and judged[claim][0] == status:  # the decomposition's verdict is the claim's status
            return judged[claim][1]
        return BY_INTERVALS if status in CHECKED else ""

    return [label(c, s) for c, s in zip(statuses["claim_id"], statuses["status"])]
