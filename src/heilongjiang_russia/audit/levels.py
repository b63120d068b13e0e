"""Checks: the printed levels and both share columns against outside data."""

from __future__ import annotations

import pandas as pd

from . import yuan
from .core import HALF, NOT_CHECKABLE, Finding, cell_id, finding_id, fmt, half_unit, interval, judge, ratio_interval
from .outside import lookup

LEVEL_VARIABLES = {
    "total": "hlj_russia_trade",
    "export": "hlj_russia_exports",
    "import": "hlj_russia_imports",
}


def _reported_usd(year: int, flow: str, printed: float, rec) -> Finding:
    outside = float(rec["value"])
    verdict, size = judge(outside, interval(outside, half_unit(outside)), printed, HALF / 10)
    return Finding(
        finding_id("level", flow, year),
        "level",
        f"{year} {flow} (US$ bn)",
        expected=f"reported {outside:g} ({rec['confidence']} confidence)",
        printed=f"{printed:.2f}",
        difference=size,
        difference_unit="billion US$",
        verdict=verdict,
        evidence=f"{rec['variable']}: {rec['source']}",
        cells=(cell_id(year, flow),),
        scale=outside,
    )


def _converted(year: int, flow: str, printed: float, conv: yuan.Conversion) -> Finding:
    """A reported yuan level against the printed one: the book converts it at the official annual
    average rate; the yuan figure's rounding gives the interval; the evidence says what other rates give."""
    verdict, size = judge(conv.usd_bn, (conv.usd_low, conv.usd_high), printed, HALF / 10)
    others = [f"at the Federal Reserve's {conv.fed_rate:.4f}: {conv.fed_usd_bn:.2f}"]
    if conv.third_party_usd_bn == conv.third_party_usd_bn:
        others.append(
            f"the source's own US${conv.third_party_usd_bn:g} bn is its conversion at about "
            f"{conv.third_party_rate:.2f} CNY/US$, not a reported figure, and is not used"
        )
    return Finding(
        finding_id("level", flow, year),
        "level",
        f"{year} {flow} (US$ bn)",
        expected=f"reported {conv.value_cny_bn:g} CNY bn ({conv.confidence} confidence) at the official {year} average "
        f"{conv.rate:.4f} CNY/US$ = {conv.usd_bn:.2f} ({conv.usd_low:.2f} to {conv.usd_high:.2f} from the yuan "
        "figure's rounding)",
        printed=f"{printed:.2f}",
        difference=size,
        difference_unit="billion US$",
        verdict=verdict,
        evidence=f"{conv.variable} ({conv.kind}): {conv.source}; converted here; " + "; ".join(others),
        cells=(cell_id(year, flow),),
        scale=conv.usd_bn,
    )


def check_levels(
    trade: pd.DataFrame, hlj: pd.DataFrame, rates: pd.DataFrame | None = None, conversions: pd.DataFrame | None = None
) -> list[Finding]:
    """Printed levels (read as 10^8 US$) against the province's reported trade with Russia: a figure
    reported in US$ bn as it stands; one reported in yuan converted here at the official annual
    average rate (only when ``rates`` are given; ``conversions``: third parties' conversions, shown)."""
    found = []
    for year in trade["year"]:
        for flow, name in LEVEL_VARIABLES.items():
            printed = trade.loc[year, flow] / 10
            rec = lookup(hlj, year, name)
            if rec is not None:
                found.append(_reported_usd(year, flow, printed, rec))
                continue
            rec = lookup(hlj, year, name, "CNY bn")
            conv = yuan.convert(rec, rates, conversions) if rec is not None and rates is not None else None
            if conv is not None:
                found.append(_converted(year, flow, printed, conv))
    return found


def yuan_levels(
    trade: pd.DataFrame, hlj: pd.DataFrame, rates: pd.DataFrame, conversions: pd.DataFrame | None = None
) -> list[tuple[yuan.Conversion, float]]:
    """The reported yuan levels the level check converts, each with the printed level (US$ bn)."""
    out = []
    for year in trade["year"]:
        for flow, name in LEVEL_VARIABLES.items():
            if lookup(hlj, year, name) is not None:
                continue
            rec = lookup(hlj, year, name, "CNY bn")
            conv = yuan.convert(rec, rates, conversions) if rec is not None else None
            if conv is not None:
                out.append((conv, float(trade.loc[year, flow] / 10)))
    return out


def _ratio_finding(fid: str, subject: str, year: int, row, column: str, outside: float, evidence: str) -> Finding:
    """A printed share against the province's printed total divided by an outside total."""
    allowed = ratio_interval(interval(row["total"] / 10, HALF / 10), interval(outside, half_unit(outside)))
    allowed = (allowed[0] * 100, allowed[1] * 100)
    point = row["total"] / 10 / outside * 100
    verdict, size = judge(point, allowed, row[column])
    return Finding(
        fid,
        "share",
        subject,
        expected=f"{fmt(row['total'] / 10, 2)} / {outside:g} = {fmt(point, 2)}% (allowed {fmt(allowed[0], 2)} to {fmt(allowed[1], 2)})",
        printed=fmt(row[column]),
        difference=size,
        difference_unit="percentage points",
        verdict=verdict,
        evidence=evidence,
        cells=(cell_id(year, column), cell_id(year, "total")),
        scale=point,
    )


def _unchecked(fid: str, subject: str, year: int, row, column: str, expected: str, evidence: str) -> Finding:
    return Finding(
        fid,
        "share",
        subject,
        expected=expected,
        printed=fmt(row[column]),
        difference=None,
        difference_unit="percentage points",
        verdict=NOT_CHECKABLE,
        evidence=evidence,
        cells=(cell_id(year, column),),
    )


def _share_china(year: int, row, china_russia: pd.Series) -> Finding:
    """Share of China–Russia trade: the province's total over China's customs total."""
    fid, subject = finding_id("share", "china", year), f"{year} share of China–Russia trade"
    if year not in china_russia.index:
        return _unchecked(
            fid,
            subject,
            year,
            row,
            "share_china_pct",
            "no outside total that counts as evidence",
            "the China–Russia total for this year is missing, derived or of low confidence",
        )
    outside = float(china_russia[year])
    return _ratio_finding(
        fid,
        subject,
        year,
        row,
        "share_china_pct",
        outside,
        f"China–Russia total {outside:g} bn US$ (data/external/china_russia_trade.csv)",
    )


def _share_province(year: int, row, hlj: pd.DataFrame) -> Finding:
    """Share of the province's foreign trade: a reported share, or a reported provincial total."""
    fid, subject, column = (
        finding_id("share", "province", year),
        f"{year} share of the province's trade",
        "share_province_pct",
    )
    share = lookup(hlj, year, "hlj_russia_share_of_province_trade", "percent")
    if share is not None:
        outside = float(share["value"])
        verdict, size = judge(outside, interval(outside, half_unit(outside)), row[column])
        return Finding(
            fid,
            "share",
            subject,
            expected=f"reported {outside:g}%",
            printed=fmt(row[column]),
            difference=size,
            difference_unit="percentage points",
            verdict=verdict,
            evidence=f"{share['source']}",
            cells=(cell_id(year, column),),
            scale=outside,
        )
    total = lookup(hlj, year, "hlj_total_foreign_trade")
    if total is not None:
        outside = float(total["value"])
        return _ratio_finding(
            fid,
            subject,
            year,
            row,
            column,
            outside,
            f"province's total foreign trade {outside:g} {total['unit']}: {total['source']}",
        )
    return _unchecked(
        fid,
        subject,
        year,
        row,
        column,
        "no outside figure that counts as evidence",
        "neither the share nor the province's total foreign trade is reported for this year",
    )


def check_shares(trade: pd.DataFrame, china_russia: pd.Series, hlj: pd.DataFrame) -> list[Finding]:
    """Both share columns, year by year, against outside data where there is evidence."""
    found = []
    for year, row in trade.iterrows():
        found += [_share_china(year, row, china_russia), _share_province(year, row, hlj)]
    return found


def china_share_peak(trade: pd.DataFrame, china_russia: pd.Series) -> dict:
    """The peak of the province's share of China–Russia trade in two series: as printed in Song's
    Table 1, and recomputed as the printed total over China's customs total where that counts as
    evidence. ``text`` says both once, naming each series and the years the second lacks."""
    printed = trade["share_china_pct"]
    p_year = int(printed.idxmax())
    years = [int(y) for y in trade["year"] if y in china_russia.index]
    recomputed = pd.Series({y: trade.loc[y, "total"] / 10 / china_russia[y] * 100 for y in years}, dtype=float)
    missing = [str(int(y)) for y in trade["year"] if y not in china_russia.index]
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1] if missing else "none"
    out = {
        "printed_peak_year": p_year,
        "printed_peak_pct": float(printed.max()),
        "customs_years": len(years),
        "customs_missing": listed,
    }
    text = (
        f"Heilongjiang's share of all China–Russia trade peaks at {printed.max():.1f}% in {p_year} in the column "
        "printed in Song's Table 1"
    )
    if recomputed.empty:
        out |= {"customs_peak_year": None, "customs_peak_pct": float("nan")}
        return out | {"text": text + "; no China–Russia total from China's customs counts as evidence to recompute it."}
    c_year = int(recomputed.idxmax())
    out |= {"customs_peak_year": c_year, "customs_peak_pct": float(recomputed.max())}
    text += f"; recomputed from China's customs totals, it is highest in {c_year} ({recomputed.max():.1f}%)" + (
        f", though {out['customs_missing']} cannot be recomputed (no customs total that counts as evidence)"
        if missing
        else ""
    )
    return out | {"text": text + "."}
