"""The out-of-sample test as a verdict on the paper's claim C015, in the audit's Finding columns, so that
the ledger's status of the energy explanation takes the years after the paper into account."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heilongjiang_russia.audit.core import NOT_CHECKABLE

from . import model
from .parameters import DEFAULTS, check_parameters
from .prose import summary

CLAIM_ENERGY = "C015"


def energy_finding(p: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """C015 tested out of sample, on the swings of China's imports from Russia after 2018 (the chapter's
    defaults when ``p`` is None)."""
    p = check_parameters(DEFAULTS) if p is None else p
    s = summary(p, model.analyse(p))
    verdict = NOT_CHECKABLE if s["verdict"] == model.NO_SWING else s["verdict"]
    return {
        "finding_id": "NATION-energy",
        "check": "text",
        "subject": "trade fluctuated, mainly due to lower world energy prices (tested out of sample, after the paper)",
        "expected": f"the crude's price the largest part of most swings of China's imports from Russia after 2018 "
        f"(years with a change of more than {p['swing_pct']:g}%), throughout the box of inputs",
        "printed": f"{s['verdict_text']}; {s['flips_text']}",
        "difference": float(s["n_swings"] - s["n_robust"]),
        "difference_unit": "swings not led by the crude's price throughout the box",
        "verdict": verdict,
        "evidence": "China's customs as reported by news agencies (data/external/china_russia_trade.csv, "
        "espo_china_oil.csv) and the World Bank's Dubai price; the chapter 'The province and the nation'",
        "cells": "",
        "claims": CLAIM_ENERGY,
    }
