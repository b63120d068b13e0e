"""The audit appendix (and chapter 2's audit tables): the audit's tables, the numbers its prose cites, its parameters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from heilongjiang_russia.audit import levels, outside, yuan
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
from heilongjiang_russia.audit.outside import outside_heilongjiang
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
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.present.tables import myst_table

from . import verdicts

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
    widths = "13 20 16 27 14 10"
    if tier == NOISE:  # a cause the data show (a yuan rate), where there is one
        headings["cause"], widths = "Known cause", "11 16 11 22 12 9 19"
        part = part.assign(cause=part["cause"].replace("", "none found"))
    caption = {
        MATERIAL: "Errata of Song's Table 1 and text, part 1: the material errata",
        NOISE: "Errata of Song's Table 1, part 2: inconsistencies within reporting noise",
    }[tier]
    return myst_table(
        part,
        headings,
        caption,
        label,
        formats={"relative_gap_pct": ".2f"},
        widths=widths,
        wide=True,
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
    causes = findings["cause"].fillna("") if "cause" in findings else pd.Series("", index=findings.index)
    with_cause = findings[(tiers == NOISE) & (causes != "")]
    grid = sensitivity(findings, (1.0, threshold_pct, 5.0)).set_index("threshold_pct")
    return {
        "n_findings": len(findings),
        **{
            f"n_{v.replace(' ', '_')}": int(verdicts.get(v, 0))
            for v in (CONSISTENT, ROUNDING, PARTLY, INCONSISTENT, NOT_CHECKABLE)
        },
        "n_material": int((tiers == MATERIAL).sum()),
        "n_noise": int((tiers == NOISE).sum()),
        "n_noise_with_cause": len(with_cause),
        "noise_cause_ids": ", ".join(with_cause["finding_id"]) or "none",
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
    """The text checks (claim with its status, what the text says, what the data show, the check's verdict)."""
    text = findings[findings["check"] == "text"]
    text = text.assign(claims=verdicts.claim_labels(text["claims"], verdicts.statuses_of(findings)))
    return myst_table(
        text,
        {
            "claims": "Claim (its status)",
            "subject": "The text says",
            "printed": "The data show",
            "verdict": "This check",
        },
        caption,
        label,
    )


# --- yuan and dollars (:mod:`.yuan`) ---------------------------------------------------------------

_READING = {CONSISTENT: "fits", ROUNDING: "fits within rounding", INCONSISTENT: "does not fit", NOT_CHECKABLE: "–"}


def readings_myst(trade: pd.DataFrame, label: str, rates: pd.DataFrame | None = None) -> str:
    """Every printed growth rate under the dollar and the yuan reading, with the province's reported
    yuan rate where there is one, as a numbered MyST table."""
    table = yuan.growth_readings(trade, rates, outside_heilongjiang())
    table["dollar"] = [
        f"{lo:.2f} to {hi:.2f}: {_READING[v]}"
        for lo, hi, v in zip(table["dollar_low"], table["dollar_high"], table["dollar_verdict"])
    ]
    table["yuan"] = [
        "no official rate for both years" if v == NOT_CHECKABLE else f"{lo:.2f} to {hi:.2f}: {_READING[v]}"
        for lo, hi, v in zip(table["yuan_low"], table["yuan_high"], table["yuan_verdict"])
    ]
    table["reported"] = [
        "–" if v == NOT_CHECKABLE else f"{r:g}: {_READING[v]}"
        for r, v in zip(table["reported_pct"], table["reported_verdict"])
    ]
    table["rate"] = [f"{y} {f}" for y, f in zip(table["year"], table["flow"])]
    headings = {
        "rate": "Rate",
        "printed_pct": "Printed, %",
        "dollar": "Growth of the printed US$ levels, %",
        "yuan": "The same levels in yuan (official annual average rates), %",
        "reported": "Reported by the province (yuan), %",
        "cause": "Known cause",
    }
    return myst_table(
        table,
        headings,
        "Song's printed growth rates read as dollar rates and as yuan rates",
        label,
        formats={"printed_pct": ".1f"},
        widths="11 8 19 23 15 24",
        wide=True,
    )


def _years_flows(frame: pd.DataFrame) -> str:
    items = [f"{y} {f}" for y, f in zip(frame["year"], frame["flow"])]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else "none"


def readings_summary(trade: pd.DataFrame, rates: pd.DataFrame | None = None) -> dict[str, Any]:
    """Counts of the two readings of the printed growth rates and one sentence that states them."""
    table = yuan.growth_readings(trade, rates, outside_heilongjiang())
    fits = (CONSISTENT, ROUNDING)
    both = table[table["yuan_verdict"] != NOT_CHECKABLE]
    dollar_fails = both[~both["dollar_verdict"].isin(fits)]
    yuan_only = dollar_fails[dollar_fails["yuan_verdict"].isin(fits)]
    reported = table[table["reported_verdict"].isin(fits)]
    text = (
        f"Of the {len(both)} printed rates whose two years both have an official rate, the dollar reading fits "
        f"{int(both['dollar_verdict'].isin(fits).sum())} and the yuan reading {int(both['yuan_verdict'].isin(fits).sum())}; "
        f"the yuan reading explains {len(yuan_only)} that the dollar reading does not ({_years_flows(yuan_only)})"
    )
    for r in reported.itertuples(index=False):
        text += (
            f"; the {r.year} {r.flow} rate, {r.printed_pct:g}%, is the province's reported growth in yuan "
            f"({r.reported_pct:+g}%), while the printed levels give {r.dollar_low:.2f} to {r.dollar_high:.2f}% in "
            f"dollars and {r.yuan_low:.2f} to {r.yuan_high:.2f}% in yuan: it is the reported yuan rate, not the "
            "growth of the printed levels"
        )
    unexplained = dollar_fails[~dollar_fails["yuan_verdict"].isin(fits) & (dollar_fails["cause"] == "")]
    text += f". Among these rates, neither reading explains {_years_flows(unexplained)}."
    return {
        "n_readable_both": len(both),
        "n_yuan_only": len(yuan_only),
        "n_reported_rate": len(reported),
        "readings_text": text,
    }


def yuan_levels_summary(
    trade: pd.DataFrame, threshold_pct: float = THRESHOLD_PCT, rates: pd.DataFrame | None = None
) -> dict[str, Any]:
    """The reported yuan level of the paper's years that the level check converts (the 2018 total),
    as numbers and one sentence (``yuan_text``): the conversion and its rounding, what other rates
    give, and the rates over which its tier stays the same."""
    rates = load_resource("cny-usd") if rates is None else rates
    found = levels.yuan_levels(trade, outside_heilongjiang(), rates, outside.conversions())
    if not found:
        return {"yuan_text": "No level of this table is reported only in yuan, so the audit converts none."}
    conv, printed = found[0]
    low, high = yuan.rate_band(conv, printed, threshold_pct)
    agree_low, agree_high = yuan.agreement_band(conv, printed)
    out = {
        "yuan_year": conv.year,
        "yuan_value_cny": conv.value_cny_bn,
        "yuan_rate": conv.rate,
        "yuan_usd": conv.usd_bn,
        "yuan_usd_low": conv.usd_low,
        "yuan_usd_high": conv.usd_high,
        "yuan_printed": printed,
        "yuan_fed_rate": conv.fed_rate,
        "yuan_fed_usd": conv.fed_usd_bn,
        "yuan_third_usd": conv.third_party_usd_bn,
        "yuan_third_rate": conv.third_party_rate,
        "yuan_printed_rate": conv.value_cny_bn / printed,
        "yuan_noise_rate_low": low,
        "yuan_noise_rate_high": high,
        "yuan_agree_rate_low": agree_low,
        "yuan_agree_rate_high": agree_high,
    }
    inside = [r for r in (conv.rate, conv.fed_rate) if low <= r <= high]
    holds = {2: "which holds both annual averages", 1: "which holds one of the two annual averages"}.get(
        len(inside), "which holds neither annual average"
    )
    third = ""
    if conv.third_party_usd_bn == conv.third_party_usd_bn:
        effect = (
            "would have made the gap a material erratum"
            if not low <= conv.third_party_rate <= high
            else "would have left the gap below the threshold too"
        )
        third = (
            f" The page's own US${conv.third_party_usd_bn:g} bn is its conversion at about {conv.third_party_rate:.2f} "
            f"yuan per dollar, not the {conv.year} average and not a reported figure; the audit does not use it, and "
            f"at that rate the same yuan figure {effect}."
        )
    out["yuan_text"] = (
        f"For {conv.year} the province's trade with Russia is reported only in yuan, {conv.value_cny_bn:g} billion "
        f"({conv.kind} source, {conv.confidence} confidence). The audit converts it at the official {conv.year} "
        f"average of {conv.rate:.4f} yuan per dollar: US${conv.usd_bn:.2f} bn, or {conv.usd_low:.2f} to "
        f"{conv.usd_high:.2f} given that the yuan figure is rounded to a billion, against the {printed:.2f} printed "
        f"(which implies {conv.value_cny_bn / printed:.2f} yuan per dollar). At the Federal Reserve's {conv.year} "
        f"average, {conv.fed_rate:.4f}, it is {conv.fed_usd_bn:.2f}. The gap stays below the {threshold_pct:g}% "
        f"threshold for any rate from {low:.2f} to {high:.2f} yuan per dollar, {holds}, and would vanish at a rate "
        f"from {agree_low:.2f} to {agree_high:.2f}.{third}"
    )
    return out
