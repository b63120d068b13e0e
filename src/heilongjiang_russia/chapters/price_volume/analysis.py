"""The chapter's analysis in one call: validated parameters in, typed results out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .model import counterfactuals, rouble_table, split
from .records import derived_agreement, inputs, price_check, volume_table
from .steady import Remainder, remainder
from .verdicts import ClaimVerdicts, claim_verdicts
from .yearly import decomposition, sensitivity


@dataclass(frozen=True)
class Results:
    """Every table the chapter draws, its verdicts and the remainder's steadiness."""

    inputs: pd.DataFrame  # one row per year: Table 1 in US$ bn, Brent, Dubai, the rouble, pipeline volumes
    split: pd.DataFrame  # imports = pipeline oil + everything else, with ranges
    decomposition: pd.DataFrame  # each year's change in parts, with ranges
    sensitivity: pd.DataFrame  # how far each input alone moves the headline shares
    counterfactuals: pd.DataFrame  # imports at a constant price and at a constant volume
    rouble: pd.DataFrame  # exports and the rouble, with their log changes
    volumes: pd.DataFrame  # pipeline throughput by year with its status and range
    derived: pd.DataFrame  # the DERIVED volumes against a second route
    price_check: pd.DataFrame  # the price basis (Brent, Dubai) against the reported values of the oil
    remainder: Remainder  # imports other than pipeline oil: steadiness, year by year
    verdicts: ClaimVerdicts  # C012, C014, C015, each with its robustness
    findings: pd.DataFrame  # the verdicts in the audit's Finding columns


def analyse(p: Mapping[str, Any]) -> Results:
    """Every table the chapter draws, for the resolved parameters ``p`` (from ``check_parameters``)."""
    frame = inputs(p["volume_scenario"])
    decomp = decomposition(frame, p)
    verdicts = claim_verdicts(decomp, p, frame=frame)
    return Results(
        inputs=frame,
        split=split(frame, p),
        decomposition=decomp,
        sensitivity=sensitivity(frame, p),
        counterfactuals=counterfactuals(frame, p),
        rouble=rouble_table(frame),
        volumes=volume_table(None, p["volume_scenario"]),
        derived=derived_agreement(),
        price_check=price_check(frame, p["api_gravity"], p["price_premium"]),
        remainder=remainder(frame, p),
        verdicts=verdicts,
        findings=verdicts.frame(),
    )
