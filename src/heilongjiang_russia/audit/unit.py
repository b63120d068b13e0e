"""Check: the caption's "million US dollars" against outside totals."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .core import CLAIM_UNIT, CONSISTENT, INCONSISTENT, NOT_CHECKABLE, Finding, cell_id, finding_id, fmt
from .outside import lookup

SUBJECT_CHINA = "Song's Table 1 caption: million US$ (via the China share)"
SUBJECT_PROVINCE = "Song's Table 1 caption: million US$ (via reported provincial totals)"


def implied_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """The totals the share columns imply, in US$ bn (printed unit 10^8 US$ / 10)."""
    out = pd.DataFrame({"year": trade["year"].to_numpy()})
    out["province_total_usd_bn"] = (trade["total"] / trade["share_province_pct"] * 100 / 10).to_numpy()
    out["china_russia_total_usd_bn"] = (trade["total"] / trade["share_china_pct"] * 100 / 10).to_numpy()
    return out


def _verdict(factor: float) -> str:
    """The caption's unit holds when outside and printed totals agree within a factor of two."""
    return CONSISTENT if 0.5 <= factor <= 2 else INCONSISTENT


def _via_china(trade: pd.DataFrame, china_russia: pd.Series) -> Finding:
    years = [y for y in trade["year"] if y in china_russia.index]
    if not years:
        return Finding(
            finding_id("unit", "CHINA"),
            "unit",
            SUBJECT_CHINA,
            "no outside China–Russia total",
            "",
            None,
            "",
            NOT_CHECKABLE,
            "no evidence rows",
            claims=(CLAIM_UNIT,),
        )
    implied_m = {y: trade.loc[y, "total"] / trade.loc[y, "share_china_pct"] * 100 for y in years}  # caption unit
    ratios = [china_russia[y] * 1000 / implied_m[y] for y in years]
    y0 = years[0]
    return Finding(
        finding_id("unit", "CHINA"),
        "unit",
        SUBJECT_CHINA,
        expected=f"if the caption were right, China–Russia trade in {y0} would be {fmt(trade.loc[y0, 'total'])} / "
        f"{fmt(trade.loc[y0, 'share_china_pct'])}% = {implied_m[y0]:.0f} million US$",
        printed=f"outside total {china_russia[y0]:g} bn US$ = {china_russia[y0] * 1000:.0f} million US$",
        difference=round(float(np.median(ratios)), 2),
        difference_unit=f"times (median outside / implied, {len(years)} years)",
        verdict=_verdict(float(np.median(ratios))),
        evidence="ratio outside / implied by year: "
        + ", ".join(f"{y} {r:.0f}" for y, r in zip(years, ratios))
        + "; a factor of about 100 means the unit is 100 million US$",
        cells=tuple(cell_id(y, "total") for y in years),
        claims=(CLAIM_UNIT,),
    )


def _via_province(trade: pd.DataFrame, hlj: pd.DataFrame) -> list[Finding]:
    direct = [(y, lookup(hlj, y, "hlj_russia_trade")) for y in trade["year"]]
    direct = [(y, r) for y, r in direct if r is not None]
    if not direct:
        return []
    ratios = [r["value"] * 1000 / trade.loc[y, "total"] for y, r in direct]
    y0, r0 = direct[0]
    return [
        Finding(
            finding_id("unit", "PROVINCE"),
            "unit",
            SUBJECT_PROVINCE,
            expected=f"if the caption were right, trade in {y0} would be {fmt(trade.loc[y0, 'total'])} million US$",
            printed=f"reported {r0['value']:g} bn US$ = {r0['value'] * 1000:.0f} million US$",
            difference=round(float(np.median(ratios)), 2),
            difference_unit=f"times (median reported / printed, {len(direct)} years)",
            verdict=_verdict(float(np.median(ratios))),
            evidence="ratio reported / printed by year: "
            + ", ".join(f"{y} {q:.1f}" for (y, _), q in zip(direct, ratios)),
            cells=tuple(cell_id(y, "total") for y, _ in direct),
            claims=(CLAIM_UNIT,),
        )
    ]


def check_unit(trade: pd.DataFrame, china_russia: pd.Series, hlj: pd.DataFrame) -> list[Finding]:
    """The caption's "million US$" against outside totals, through the China-share column and directly."""
    return [_via_china(trade, china_russia)] + _via_province(trade, hlj)
