"""The audit appendix (and chapter 2's audit tables): the audit's tables, the numbers its prose cites, its parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from heilongjiang_russia.audit.core import (
    CHECKS,
    CONSISTENT,
    HALF,
    INCONSISTENT,
    NOT_CHECKABLE,
    PARTLY,
    ROUNDING,
    half_unit,
)
from heilongjiang_russia.audit.ledger import scorecard
from heilongjiang_russia.audit.tiers import (
    MATERIAL,
    NOISE,
    NUMERIC_CHECKS,
    THRESHOLD_PCT,
    WITH_SLIP,
    check_threshold,
    sensitivity,
)
from heilongjiang_russia.data import checks, table1
from heilongjiang_russia.present.tables import myst_table

POINT_OR_GAP = (
    "Difference: point difference (consistent, within rounding) or gap between the rounding intervals (inconsistent)"
)
GAP = "Gap between the rounding intervals"


def scorecard_myst(findings: pd.DataFrame, caption: str, label: str) -> str:
    """The scorecard as a numbered MyST table (inconsistent findings split by tier)."""
    card = scorecard(findings).reset_index().rename(columns={"index": "check"})
    headings = {
        "check": "Check",
        CONSISTENT: "Consistent",
        ROUNDING: "Within rounding",
        PARTLY: "Partly supported",
        MATERIAL: "Inconsistent: material erratum",
        NOISE: "Inconsistent: reporting noise",
        WITH_SLIP: "Inconsistent: part of the unit slip",
        NOT_CHECKABLE: "Not checkable",
        "total": "Findings",
    }
    return myst_table(card, headings, caption, label, widths="22 9 9 9 11 11 11 9 9", wide=True)


def _with_unit(difference, unit) -> str:
    if difference is None or difference != difference:
        return "–"
    text = f"{difference:.4g}" if not float(difference).is_integer() else str(int(difference))
    return f"{text} {unit}" if unit else text


def findings_myst(findings: pd.DataFrame, check: str, label: str) -> str:
    """The findings of one check as a numbered MyST table (for the audit appendix)."""
    part = findings[findings["check"] == check].copy()
    part["size"] = [_with_unit(d, u) for d, u in zip(part["difference"], part["difference_unit"])]
    part["outcome"] = [t if v == INCONSISTENT else v for v, t in zip(part["verdict"], part["tier"])]
    size = POINT_OR_GAP if check in NUMERIC_CHECKS else "Measure"
    headings = {
        "finding_id": "Finding",
        "expected": "Expected",
        "printed": "Printed or found",
        "size": size,
        "outcome": "Verdict",
        "evidence": "Evidence",
    }
    return myst_table(
        part,
        headings,
        f"Audit findings: {CHECKS[check][0].lower() + CHECKS[check][1:]}",
        label,
        widths="11 24 13 16 10 26",
        wide=True,
    )


def _subject(row) -> str:
    also = f" (also explains {row['explains']})" if row.get("explains") else ""
    return f"{row['subject']}{also}"


def errata(findings: pd.DataFrame, tier: str) -> pd.DataFrame:
    """The inconsistent findings of one tier, largest relative gap first; a finding explained by another
    (the 2007 milestone) is named in that one's row, not listed."""
    explains = {}
    for fid, other in zip(findings["finding_id"], findings["reported_with"]):
        if other:
            explains.setdefault(other, []).append(fid)
    part = findings[findings["tier"] == tier].copy()
    part["explains"] = [", ".join(explains.get(f, [])) for f in part["finding_id"]]
    part["what"] = [_subject(r) for _, r in part.iterrows()]
    part["size"] = [_with_unit(d, u) for d, u in zip(part["difference"], part["difference_unit"])]
    part["order"] = [0 if c in ("unit", "text") else 1 for c in part["check"]]
    return part.sort_values(["order", "relative_gap_pct"], ascending=[True, False], na_position="first", kind="stable")


def errata_myst(findings: pd.DataFrame, tier: str, label: str) -> str:
    """One tier of the errata as a numbered MyST table: what is printed, what the data support, how far apart."""
    part = errata(findings, tier)
    size = "Gap between the rounding intervals, or the measure (unit, text)" if tier == MATERIAL else GAP
    headings = {
        "finding_id": "Finding",
        "what": "What",
        "printed": "Printed",
        "expected": "Expected from the data",
        "size": size,
        "relative_gap_pct": "Gap, % of the quantity",
    }
    caption = {
        MATERIAL: "Errata of Song's Table 1 and text, part 1: the material errata",
        NOISE: "Errata of Song's Table 1, part 2: inconsistencies within reporting noise",
    }[tier]
    return myst_table(
        part, headings, caption, label, formats={"relative_gap_pct": ".2f"}, widths="13 20 16 27 14 10", wide=True
    )


def _rounding_spreads(findings: pd.DataFrame, trade: pd.DataFrame | None) -> dict[str, Any]:
    """How much rounding alone moves a number: the coarsest outside quote of a level, and the
    coarsest printed number of Song's Table 1, as % of the value."""
    levels = findings[(findings["check"] == "level") & findings["scale"].notna()]
    quotes = [(half_unit(v) / v * 100, v, y) for v, y in zip(levels["scale"], levels["subject"].str[:4])]
    quote = max(quotes) if quotes else (float("nan"), float("nan"), "")
    out = {"quote_rounding_pct": float(quote[0]), "quote_value": float(quote[1]), "quote_year": str(quote[2])}
    if trade is not None:
        values = pd.concat([trade[c] for c in ("total", "export", "import", "share_province_pct", "share_china_pct")])
        out |= {"table_rounding_pct": float(HALF / values.min() * 100), "table_smallest": float(values.min())}
    return out


def summary(
    findings: pd.DataFrame, threshold_pct: float = THRESHOLD_PCT, trade: pd.DataFrame | None = None
) -> dict[str, Any]:
    """The numbers the audit appendix's prose cites (``trade``: the table audited, for its rounding)."""
    tiers = findings["tier"]
    verdicts = findings["verdict"].value_counts()
    numeric = findings[findings["check"].isin(NUMERIC_CHECKS) & (findings["verdict"] == INCONSISTENT)]
    material = numeric[numeric["tier"] == MATERIAL]["relative_gap_pct"]
    noise = numeric[numeric["tier"] == NOISE]["relative_gap_pct"]
    slip = findings[tiers == WITH_SLIP]
    grid = sensitivity(findings, (1.0, threshold_pct, 5.0)).set_index("threshold_pct")
    return {
        "n_findings": len(findings),
        **{
            f"n_{v.replace(' ', '_')}": int(verdicts.get(v, 0))
            for v in (CONSISTENT, ROUNDING, PARTLY, INCONSISTENT, NOT_CHECKABLE)
        },
        "n_material": int((tiers == MATERIAL).sum()),
        "n_noise": int((tiers == NOISE).sum()),
        "n_with_slip": len(slip),
        "with_slip_ids": ", ".join(slip["finding_id"]) or "none",
        "threshold_pct": float(threshold_pct),
        "default_threshold_pct": THRESHOLD_PCT,
        "smallest_material_pct": float(material.min()) if not material.empty else float("nan"),
        "largest_noise_pct": float(noise.max()) if not noise.empty else float("nan"),
        "material_at_1": int(grid.loc[1.0, "material"]),
        "material_at_5": int(grid.loc[5.0, "material"]),
        **_rounding_spreads(findings, trade),
    }


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The audit appendix's parameters, checked: ``table1_file``, ``run_name``, ``threshold_pct``."""
    p = checks.read(values, ["table1_file", "run_name", "threshold_pct"])
    checks.load("table1_file", p["table1_file"], table1.load)
    checks.run_name(p["run_name"])
    p["threshold_pct"] = check_threshold("threshold_pct", p["threshold_pct"])
    return p


def text_myst(findings: pd.DataFrame, caption: str, label: str) -> str:
    """The text checks (claim, what the text says, what the data show, verdict) as a MyST table."""
    text = findings[findings["check"] == "text"]
    return myst_table(
        text,
        {"claims": "Claim", "subject": "The text says", "printed": "The data show", "verdict": "Verdict"},
        caption,
        label,
    )
