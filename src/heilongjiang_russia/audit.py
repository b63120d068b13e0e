"""The audit of Table 1 and of what the text says about it, by code.

Every check returns :class:`Finding` records: what was expected, what is printed, the size of
the difference and a verdict. Rounding is handled with interval arithmetic: a value printed
with one decimal, such as 110.6, stands for every number in [110.55, 110.65], so a verdict of
"inconsistent" means that no choice of the unrounded numbers can reconcile the printed ones.

Verdicts:

- ``consistent``: the value recomputed from the printed numbers rounds to the printed value
  (or, for outside data, the outside value lies inside the printed value's interval);
- ``within rounding``: the point values differ, but the rounding intervals overlap;
- ``inconsistent``: the intervals do not overlap; the difference is the gap between them;
- ``not checkable``: the data needed for the check are not in the table or in the outside
  data (outside rows that are DERIVED, unsourced or of low confidence are not evidence).

The claims ledger (``data/claims.csv``) and the Table 1 cell index (``data/table1_cells.csv``)
carry a ``status`` column that this module assigns; ``python -m heilongjiang_russia.audit
--write`` rewrites both after a deliberate change, and a test checks that the files agree
with the code.
"""
from __future__ import annotations

import argparse
import csv
import io
import math
import re
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from . import paths, table1
from .validation import load_resource

CONSISTENT, ROUNDING, INCONSISTENT, NOT_CHECKABLE = "consistent", "within rounding", "inconsistent", "not checkable"
VERDICTS = (CONSISTENT, ROUNDING, INCONSISTENT, NOT_CHECKABLE)
CITED = "cited, not checkable"
# the order in which one verdict outranks another when a claim or cell has several findings
_SEVERITY = {INCONSISTENT: 3, ROUNDING: 2, CONSISTENT: 1, NOT_CHECKABLE: 0}

CHECKS = {
    "sum": "Total = export + import",
    "growth": "Printed growth against the growth of the printed levels",
    "unit": "The unit of Table 1",
    "level": "Printed levels against outside data",
    "share": "Share columns against outside data",
    "text": "What the text says about Table 1",
}

HALF = 0.05  # half a unit in the last printed place of Table 1 (one decimal)
EVIDENCE_CONFIDENCE = ("high", "medium")  # outside rows that count as evidence

CELLS_RESOURCE = "table1-cells"
CLAIMS_RESOURCE = "claims"

# the claims of the text that the audit judges (data/claims.csv)
CLAIM_SPAN, CLAIM_STEADY, CLAIM_2007, CLAIM_2009, CLAIM_2011 = "C008", "C009", "C010", "C011", "C012"
CLAIM_100BN, CLAIM_2018, CLAIM_ENERGY, CLAIM_DECLINE, CLAIM_RECOVERY = "C013", "C014", "C015", "C052", "C053"
CLAIM_UNIT = "C057"


@dataclass(frozen=True)
class Finding:
    """One check: what was expected, what is printed, how far apart they are, and the verdict."""

    finding_id: str
    check: str
    subject: str
    expected: str
    printed: str
    difference: float | None
    difference_unit: str
    verdict: str
    evidence: str
    cells: tuple[str, ...] = field(default=())
    claims: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"finding {self.finding_id}: verdict {self.verdict!r} is not one of {', '.join(VERDICTS)}")


# --- interval arithmetic -----------------------------------------------------------------


def interval(value: float, half: float = HALF) -> tuple[float, float]:
    """The numbers that round to ``value`` (half a unit of the last printed place either side)."""
    return value - half, value + half


def decimals(value: float) -> int:
    """Number of decimals a value was printed with (``56.83`` -> 2, ``80.0`` -> 0)."""
    text = repr(float(value))
    whole, _, frac = text.partition(".")
    return 0 if frac in ("", "0") else len(frac)


def half_unit(value: float) -> float:
    return 0.5 * 10.0 ** (-decimals(value))


def gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two intervals (0 when they overlap)."""
    return max(0.0, max(a[0], b[0]) - min(a[1], b[1]))


def ratio_interval(num: tuple[float, float], den: tuple[float, float]) -> tuple[float, float]:
    """[num] / [den] for positive intervals."""
    return num[0] / den[1], num[1] / den[0]


def growth_interval(level: float, base: float, half: float = HALF) -> tuple[float, float]:
    """The year-over-year growth (%) that printed ``level`` and ``base`` allow."""
    lo, hi = ratio_interval(interval(level, half), interval(base, half))
    return (lo - 1) * 100, (hi - 1) * 100


def judge(point: float, allowed: tuple[float, float], printed: float, printed_half: float = HALF) -> tuple[str, float]:
    """Verdict and size for a printed value against a recomputed ``point`` and its interval ``allowed``.

    The size is the gap between the intervals when they do not overlap, otherwise the
    difference of the point values.
    """
    shown = interval(printed, printed_half)
    if round(point, _places(printed_half)) == round(printed, _places(printed_half)):
        return CONSISTENT, round(point - printed, 6)
    distance = gap(allowed, shown)
    if distance == 0:
        return ROUNDING, round(point - printed, 6)
    return INCONSISTENT, round(math.copysign(distance, point - printed), 6)


def _places(half: float) -> int:
    return max(0, round(-math.log10(2 * half)))


def _f(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}"


def cell_id(year: int, column: str) -> str:
    """Identifier of one Table 1 cell, e.g. ``T1-2008-total``."""
    return f"T1-{year}-{column}"


# --- internal arithmetic -----------------------------------------------------------------


def check_sums(trade: pd.DataFrame) -> list[Finding]:
    """Total against export + import, every year (three roundings: the sum is +/- 0.1)."""
    found = []
    for year, row in trade.iterrows():
        parts = row["export"] + row["import"]
        allowed = (parts - 2 * HALF, parts + 2 * HALF)
        verdict, size = judge(parts, allowed, row["total"])
        found.append(Finding(
            f"SUM-{year}", "sum", f"{year} total",
            expected=f"export + import = {_f(row['export'])} + {_f(row['import'])} = {_f(parts)}",
            printed=_f(row["total"]), difference=size, difference_unit="100 million US$", verdict=verdict,
            evidence="Table 1 row %d: the printed parts allow a total in [%.2f, %.2f]" % (year, *allowed),
            cells=tuple(cell_id(year, c) for c in table1.LEVELS),
        ))
    return found


def growth_table(trade: pd.DataFrame) -> pd.DataFrame:
    """Printed and recomputed growth (point and rounding interval) for every flow and year."""
    rows = []
    years = set(trade["year"])
    for flow, column in table1.GROWTH.items():
        for year, row in trade.iterrows():
            rec = {"year": year, "flow": flow, "printed_pct": row[column]}
            if year - 1 in years:
                base = trade.loc[year - 1, flow]
                rec["recomputed_pct"] = (row[flow] / base - 1) * 100
                rec["low_pct"], rec["high_pct"] = growth_interval(row[flow], base)
            else:
                rec["recomputed_pct"] = rec["low_pct"] = rec["high_pct"] = np.nan
            rows.append(rec)
    return pd.DataFrame(rows)


def check_growth(trade: pd.DataFrame) -> list[Finding]:
    """Every printed growth rate against the growth its printed levels allow."""
    found = []
    for rec in growth_table(trade).itertuples(index=False):
        column = table1.GROWTH[rec.flow]
        cells = (cell_id(rec.year, column),)
        fid = f"GROWTH-{rec.flow}-{rec.year}"
        if np.isnan(rec.recomputed_pct):
            found.append(Finding(
                fid, "growth", f"{rec.year} {rec.flow} growth", expected=f"needs the {rec.year - 1} level, not in the table",
                printed=_f(rec.printed_pct), difference=None, difference_unit="percentage points",
                verdict=NOT_CHECKABLE, evidence=f"base year {rec.year - 1} is not in Table 1", cells=cells,
            ))
            continue
        verdict, size = judge(rec.recomputed_pct, (rec.low_pct, rec.high_pct), rec.printed_pct)
        base = trade.loc[rec.year - 1, rec.flow]
        found.append(Finding(
            fid, "growth", f"{rec.year} {rec.flow} growth",
            expected=f"{_f(rec.recomputed_pct, 2)} (allowed {_f(rec.low_pct, 2)} to {_f(rec.high_pct, 2)})",
            printed=_f(rec.printed_pct), difference=size, difference_unit="percentage points", verdict=verdict,
            evidence=f"{rec.flow} {_f(base)} in {rec.year - 1} to {_f(trade.loc[rec.year, rec.flow])} in {rec.year}",
            cells=cells + (cell_id(rec.year, rec.flow), cell_id(rec.year - 1, rec.flow)),
        ))
    return found


# --- outside data ------------------------------------------------------------------------


def is_evidence(confidence: str, source) -> bool:
    """An outside value counts as evidence: high or medium confidence, reported (not DERIVED)."""
    source = "" if source is None or (isinstance(source, float) and math.isnan(source)) else str(source)
    return confidence in EVIDENCE_CONFIDENCE and not source.strip().upper().startswith("DERIVED")


def outside_china_russia(frame: pd.DataFrame | None = None) -> pd.Series:
    """China–Russia trade totals (US$ bn) that count as evidence, by year."""
    frame = load_resource("china-russia-trade") if frame is None else frame
    keep = [is_evidence(c, s) and not pd.isna(v) for c, s, v in zip(frame["confidence"], frame["source"], frame["total_usd_bn"])]
    return frame.loc[keep].set_index("year")["total_usd_bn"]


def outside_heilongjiang(frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Heilongjiang figures (long form) that count as evidence."""
    frame = load_resource("heilongjiang-trade") if frame is None else frame
    keep = [is_evidence(c, s) and not pd.isna(v) for c, s, v in zip(frame["confidence"], frame["source"], frame["value"])]
    return frame.loc[keep].reset_index(drop=True)


def _outside(hlj: pd.DataFrame, year: int, variable: str, unit: str = "USD bn"):
    hit = hlj[(hlj["year"] == year) & (hlj["variable"] == variable) & (hlj["unit"].str.startswith(unit))]
    return None if hit.empty else hit.iloc[0]


def implied_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """The totals the share columns imply, in US$ bn (printed unit 10^8 US$ / 10)."""
    out = pd.DataFrame({"year": trade["year"].to_numpy()})
    out["province_total_usd_bn"] = (trade["total"] / trade["share_province_pct"] * 100 / 10).to_numpy()
    out["china_russia_total_usd_bn"] = (trade["total"] / trade["share_china_pct"] * 100 / 10).to_numpy()
    return out


def check_unit(trade: pd.DataFrame, china_russia: pd.Series, hlj: pd.DataFrame) -> list[Finding]:
    """The caption's "million US dollars" against outside totals, through the China-share column."""
    years = [y for y in trade["year"] if y in china_russia.index]
    implied_m = {y: trade.loc[y, "total"] / trade.loc[y, "share_china_pct"] * 100 for y in years}  # caption unit
    ratios = [china_russia[y] * 1000 / implied_m[y] for y in years]
    found = []
    if years:
        y0 = years[0]
        factor = float(np.median(ratios))
        found.append(Finding(
            "UNIT-CHINA", "unit", "Table 1 caption: million US$ (via the China share)",
            expected=f"if the caption were right, China–Russia trade in {y0} would be {_f(trade.loc[y0, 'total'])} / "
                     f"{_f(trade.loc[y0, 'share_china_pct'])}% = {implied_m[y0]:.0f} million US$",
            printed=f"outside total {china_russia[y0]:g} bn US$ = {china_russia[y0] * 1000:.0f} million US$",
            difference=round(factor, 2), difference_unit="times (median outside / implied, %d years)" % len(years),
            verdict=INCONSISTENT,
            evidence="ratio outside / implied by year: " + ", ".join(f"{y} {r:.0f}" for y, r in zip(years, ratios))
                     + "; a factor of about 100 means the unit is 100 million US$",
            cells=tuple(cell_id(y, "total") for y in years), claims=(CLAIM_UNIT,),
        ))
    else:
        found.append(Finding("UNIT-CHINA", "unit", "Table 1 caption: million US$ (via the China share)", "no outside China–Russia total",
                             "", None, "", NOT_CHECKABLE, "no evidence rows", claims=(CLAIM_UNIT,)))
    direct = [(y, _outside(hlj, y, "hlj_russia_trade")) for y in trade["year"]]
    direct = [(y, r) for y, r in direct if r is not None]
    if direct:
        ratios = [r["value"] * 1000 / trade.loc[y, "total"] for y, r in direct]
        y0, r0 = direct[0]
        found.append(Finding(
            "UNIT-PROVINCE", "unit", "Table 1 caption: million US$ (via reported provincial totals)",
            expected=f"if the caption were right, trade in {y0} would be {_f(trade.loc[y0, 'total'])} million US$",
            printed=f"reported {r0['value']:g} bn US$ = {r0['value'] * 1000:.0f} million US$",
            difference=round(float(np.median(ratios)), 2), difference_unit="times (median reported / printed, %d years)" % len(direct),
            verdict=INCONSISTENT,
            evidence="ratio reported / printed by year: " + ", ".join(f"{y} {q:.1f}" for (y, _), q in zip(direct, ratios)),
            cells=tuple(cell_id(y, "total") for y, _ in direct), claims=(CLAIM_UNIT,),
        ))
    return found


def check_levels(trade: pd.DataFrame, hlj: pd.DataFrame) -> list[Finding]:
    """Printed levels (read as 10^8 US$) against the province's reported trade with Russia (US$ bn)."""
    found = []
    variables = {"total": ("hlj_russia_trade", "hlj_russia_trade_usd"), "export": ("hlj_russia_exports",), "import": ("hlj_russia_imports",)}
    for year in trade["year"]:
        for flow, names in variables.items():
            rec = next((r for r in (_outside(hlj, year, n) for n in names) if r is not None), None)
            if rec is None:
                continue
            printed = trade.loc[year, flow] / 10
            outside = float(rec["value"])
            verdict, size = judge(outside, interval(outside, half_unit(outside)), printed, HALF / 10)
            found.append(Finding(
                f"LEVEL-{flow}-{year}", "level", f"{year} {flow} (US$ bn)",
                expected=f"reported {outside:g} ({rec['confidence']} confidence)", printed=f"{printed:.2f}",
                difference=size, difference_unit="billion US$", verdict=verdict,
                evidence=f"{rec['variable']}: {rec['source']}", cells=(cell_id(year, flow),),
            ))
    return found


def check_shares(trade: pd.DataFrame, china_russia: pd.Series, hlj: pd.DataFrame) -> list[Finding]:
    """Both share columns, year by year, against outside data where there is evidence."""
    found = []
    for year, row in trade.iterrows():
        # share of China–Russia trade: province total / outside China–Russia total
        column = "share_china_pct"
        cells = (cell_id(year, column),)
        if year in china_russia.index:
            outside = float(china_russia[year])
            allowed = ratio_interval(interval(row["total"] / 10, HALF / 10), interval(outside, half_unit(outside)))
            allowed = (allowed[0] * 100, allowed[1] * 100)
            point = row["total"] / 10 / outside * 100
            verdict, size = judge(point, allowed, row[column])
            found.append(Finding(
                f"SHARE-china-{year}", "share", f"{year} share of China–Russia trade",
                expected=f"{_f(row['total'] / 10, 2)} / {outside:g} = {_f(point, 2)}% (allowed {_f(allowed[0], 2)} to {_f(allowed[1], 2)})",
                printed=_f(row[column]), difference=size, difference_unit="percentage points", verdict=verdict,
                evidence=f"China–Russia total {outside:g} bn US$ (data/external/china_russia_trade.csv)",
                cells=cells + (cell_id(year, "total"),),
            ))
        else:
            found.append(Finding(
                f"SHARE-china-{year}", "share", f"{year} share of China–Russia trade", expected="no outside total that counts as evidence",
                printed=_f(row[column]), difference=None, difference_unit="percentage points", verdict=NOT_CHECKABLE,
                evidence="the China–Russia total for this year is missing, derived or of low confidence", cells=cells,
            ))
        # share of the province's foreign trade: a reported share, or a reported provincial total
        column = "share_province_pct"
        cells = (cell_id(year, column),)
        share = _outside(hlj, year, "hlj_russia_share_of_province_trade", "percent")
        total = _outside(hlj, year, "hlj_total_foreign_trade")
        if share is not None:
            outside = float(share["value"])
            verdict, size = judge(outside, interval(outside, half_unit(outside)), row[column])
            found.append(Finding(
                f"SHARE-province-{year}", "share", f"{year} share of the province's trade", expected=f"reported {outside:g}%",
                printed=_f(row[column]), difference=size, difference_unit="percentage points", verdict=verdict,
                evidence=f"{share['source']}", cells=cells,
            ))
        elif total is not None:
            outside = float(total["value"])
            allowed = ratio_interval(interval(row["total"] / 10, HALF / 10), interval(outside, half_unit(outside)))
            allowed = (allowed[0] * 100, allowed[1] * 100)
            point = row["total"] / 10 / outside * 100
            verdict, size = judge(point, allowed, row[column])
            found.append(Finding(
                f"SHARE-province-{year}", "share", f"{year} share of the province's trade",
                expected=f"{_f(row['total'] / 10, 2)} / {outside:g} = {_f(point, 2)}% (allowed {_f(allowed[0], 2)} to {_f(allowed[1], 2)})",
                printed=_f(row[column]), difference=size, difference_unit="percentage points", verdict=verdict,
                evidence=f"province's total foreign trade {outside:g} {total['unit']}: {total['source']}",
                cells=cells + (cell_id(year, "total"),),
            ))
        else:
            found.append(Finding(
                f"SHARE-province-{year}", "share", f"{year} share of the province's trade", expected="no outside figure that counts as evidence",
                printed=_f(row[column]), difference=None, difference_unit="percentage points", verdict=NOT_CHECKABLE,
                evidence="neither the share nor the province's total foreign trade is reported for this year", cells=cells,
            ))
    return found


# --- the text against the table ----------------------------------------------------------


def _growth(trade: pd.DataFrame, year: int, flow: str = "total") -> float:
    return float(trade.loc[year, table1.GROWTH[flow]])


def check_text(trade: pd.DataFrame, china_russia: pd.Series, brent: pd.DataFrame | None = None) -> list[Finding]:
    """What the text of the current-state section and the conclusion say about Table 1."""
    years = list(trade["year"])
    growth = trade["total_yoy_pct"]
    found = []

    first, last = min(years), max(years)
    complete = years == list(range(first, last + 1))
    found.append(Finding(
        "TEXT-span", "text", "the table covers 2008–2018", expected="one row for every year 2008 to 2018",
        printed=f"{len(years)} rows, {first}–{last}", difference=float(len(set(range(2008, 2019)) ^ set(years))),
        difference_unit="years missing or extra", verdict=CONSISTENT if complete and (first, last) == (2008, 2018) else INCONSISTENT,
        evidence="Table 1 year column", cells=tuple(cell_id(y, "year") for y in years), claims=(CLAIM_SPAN,),
    ))

    falls = [y for y in years if growth[y] < 0]
    found.append(Finding(
        "TEXT-steady", "text", "growth is large and steady", expected="total growth positive in every year",
        printed=f"total fell in {len(falls)} of {len(years)} years ({', '.join(map(str, falls))}); growth ranged "
                f"{_f(growth.min())}% to {_f(growth.max())}%",
        difference=float(len(falls)), difference_unit="years of decline", verdict=INCONSISTENT if falls else CONSISTENT,
        evidence="Table 1, total y/y %", cells=tuple(cell_id(y, "total_yoy_pct") for y in falls), claims=(CLAIM_STEADY,),
    ))

    if first + 1 in years and first in years:
        # 2007 level implied by the first year's printed level and growth rate
        lo = (trade.loc[first, "total"] - HALF) / (1 + (growth[first] + HALF) / 100)
        hi = (trade.loc[first, "total"] + HALF) / (1 + (growth[first] - HALF) / 100)
        found.append(Finding(
            "TEXT-2007", "text", f"US$100 million reached in {first - 1}",
            expected=f"a milestone of US$100 million = 1 in the table's unit; the {first - 1} level implied by "
                     f"{first}'s level and growth is {_f(lo, 2)} to {_f(hi, 2)} (US$ {lo / 10:.1f} bn)",
            printed="100 (million US$)", difference=round((lo + hi) / 2, 1), difference_unit="times the stated threshold",
            verdict=INCONSISTENT,
            evidence="every year of Table 1 exceeds US$100 million at least %.0f-fold; read in the table's unit "
                     "(100 × 10^8 US$ = US$10 bn) the statement fits: the implied %d level just passes 100" % (trade["total"].min(), first - 1),
            cells=(cell_id(first, "total"), cell_id(first, "total_yoy_pct")), claims=(CLAIM_2007,),
        ))

    if 2009 in years:
        steepest = int(growth.idxmin())
        found.append(Finding(
            "TEXT-2009", "text", "trade fell sharply in 2009", expected="a large fall of the total in 2009",
            printed=f"{_f(growth[2009])}% (steepest fall in the table: {steepest}, {_f(growth[steepest])}%)",
            difference=float(growth[2009]), difference_unit="% change", verdict=CONSISTENT if growth[2009] <= -20 else INCONSISTENT,
            evidence="Table 1, 2009 total and y/y %", cells=(cell_id(2009, "total"), cell_id(2009, "total_yoy_pct")), claims=(CLAIM_2009,),
        ))

    if {2010, 2011} <= set(years):
        found.append(Finding(
            "TEXT-2011-timing", "text", "trade started to grow again in 2011", expected="2011 the first year of growth after the 2009 fall",
            printed=f"growth already {_f(growth[2010])}% in 2010", difference=float(growth[2010]), difference_unit="% change in 2010",
            verdict=INCONSISTENT if growth[2010] > 0 else CONSISTENT,
            evidence="Table 1, 2010 total y/y %", cells=(cell_id(2010, "total_yoy_pct"),), claims=(CLAIM_2011,),
        ))
        change = trade.loc[2011, "total"] - trade.loc[2010, "total"]
        from_imports = (trade.loc[2011, "import"] - trade.loc[2010, "import"]) / change * 100
        found.append(Finding(
            "TEXT-2011-cause", "text", "the 2011 rise came with the crude oil pipeline",
            expected="an import-led rise (crude oil flows from Russia into China)",
            printed=f"imports {_f(_growth(trade, 2011, 'import'))}%, exports {_f(_growth(trade, 2011, 'export'))}%; imports give "
                    f"{_f(from_imports)}% of the rise",
            difference=round(from_imports, 1), difference_unit="% of the 2011 rise from imports",
            verdict=CONSISTENT if from_imports > 50 else INCONSISTENT,
            evidence="Table 1, 2010 and 2011 levels; the cause itself is not in the data",
            cells=(cell_id(2011, "import"), cell_id(2011, "import_yoy_pct")), claims=(CLAIM_2011,),
        ))

    if 2018 in china_russia.index:
        found.append(Finding(
            "TEXT-100bn", "text", "China–Russia trade passed US$100 bn in 2018", expected="more than 100 bn US$",
            printed=f"outside total {china_russia[2018]:g} bn US$", difference=round(float(china_russia[2018]) - 100, 2),
            difference_unit="billion US$ above 100", verdict=CONSISTENT if china_russia[2018] > 100 else INCONSISTENT,
            evidence="data/external/china_russia_trade.csv, 2018", claims=(CLAIM_100BN,),
        ))

    if 2018 in years:
        best_since = max((y for y in years if y < 2018 and growth[y] >= growth[2018]), default=None)
        found.append(Finding(
            "TEXT-2018", "text", "trade flourished in 2018", expected="strong growth in 2018",
            printed=f"{_f(growth[2018])}%" + (f", the fastest since {best_since}" if best_since else ", the fastest in the table"),
            difference=float(growth[2018]), difference_unit="% change", verdict=CONSISTENT if growth[2018] > 10 else INCONSISTENT,
            evidence="Table 1, 2018 total y/y %", cells=(cell_id(2018, "total_yoy_pct"),), claims=(CLAIM_2018,),
        ))

    if brent is not None:
        oil = brent.set_index("year")["brent_usd_per_bbl"].dropna()
        pairs = [y for y in years[1:] if y in oil.index and y - 1 in oil.index and y - 1 in years]
        if pairs:
            trade_up = {y: trade.loc[y, "total"] > trade.loc[y - 1, "total"] for y in pairs}
            oil_up = {y: oil[y] > oil[y - 1] for y in pairs}
            same = sum(trade_up[y] == oil_up[y] for y in pairs)
            falls = [y for y in pairs if not trade_up[y]]
            with_oil = [y for y in falls if not oil_up[y]]
            found.append(Finding(
                "TEXT-energy", "text", "trade fluctuated, mainly with lower energy prices",
                expected="every fall of the total in a year when the oil price fell too",
                printed=f"trade fell in {len(falls)} years ({', '.join(map(str, falls))}), the Brent price fell in "
                        f"{len(with_oil)} of them; both moved the same way in {same} of {len(pairs)} years",
                difference=float(len(falls) - len(with_oil)), difference_unit="falls of trade without a fall of the oil price",
                verdict=CONSISTENT if falls and len(with_oil) == len(falls) else INCONSISTENT,
                evidence="Table 1 totals; Brent annual averages (data/external/brent_rub.csv); a coincidence in time, not a test of the cause",
                cells=tuple(cell_id(y, "total") for y in falls), claims=(CLAIM_ENERGY,),
            ))

    if 2016 in years and 2015 in years:
        steepest = int(growth.idxmin())
        found.append(Finding(
            "TEXT-2016", "text", "the dramatic decline came in 2016", expected="the steepest fall in 2016",
            printed=f"2016 {_f(growth[2016])}%; 2015 {_f(growth[2015])}%", difference=round(float(growth[2016] - growth[steepest]), 1),
            difference_unit="percentage points above the steepest fall", verdict=CONSISTENT if steepest == 2016 else INCONSISTENT,
            evidence=f"Table 1, total y/y %: the steepest fall is in {steepest}",
            cells=(cell_id(2015, "total_yoy_pct"), cell_id(2016, "total_yoy_pct")), claims=(CLAIM_DECLINE,),
        ))

    after = [y for y in years if y > 2016]
    if after:
        found.append(Finding(
            "TEXT-recovery", "text", "trade improved after 2016", expected="growth in every year after 2016",
            printed=", ".join(f"{y} {_f(growth[y])}%" for y in after), difference=float(min(growth[y] for y in after)),
            difference_unit="lowest % change after 2016", verdict=CONSISTENT if all(growth[y] > 0 for y in after) else INCONSISTENT,
            evidence="Table 1, total y/y %", cells=tuple(cell_id(y, "total_yoy_pct") for y in after), claims=(CLAIM_RECOVERY,),
        ))
    return found


# --- the whole audit ---------------------------------------------------------------------


def audit(trade: pd.DataFrame, china_russia: pd.Series | None = None, hlj: pd.DataFrame | None = None,
          brent: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every finding for ``trade`` (Table 1 as loaded by :func:`table1.load`), one row each.

    Outside data default to the project's curated files; pass empty frames to audit the
    table's arithmetic alone.
    """
    china_russia = outside_china_russia() if china_russia is None else china_russia
    hlj = outside_heilongjiang() if hlj is None else hlj
    brent = load_resource("brent-rub") if brent is None else brent
    found = (check_sums(trade) + check_growth(trade) + check_unit(trade, china_russia, hlj)
             + check_levels(trade, hlj) + check_shares(trade, china_russia, hlj) + check_text(trade, china_russia, brent))
    return as_frame(found)


def as_frame(found: list[Finding]) -> pd.DataFrame:
    columns = list(Finding.__dataclass_fields__)
    frame = pd.DataFrame([asdict(f) for f in found], columns=columns)
    frame["cells"] = frame["cells"].map(lambda c: ";".join(c))
    frame["claims"] = frame["claims"].map(lambda c: ";".join(c))
    return frame


def problems(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings that are not consistent and could be checked."""
    return findings[findings["verdict"].isin([INCONSISTENT, ROUNDING])]


def scorecard(findings: pd.DataFrame) -> pd.DataFrame:
    """Counts of findings by check and verdict, with totals (rows: checks; columns: verdicts)."""
    table = pd.crosstab(findings["check"], findings["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    table = table.reindex([c for c in CHECKS if c in table.index])
    table.index = [CHECKS[c] for c in table.index]
    table.loc["All checks"] = table.sum()
    table["total"] = table.sum(axis=1)
    return table.astype(int)


def worst(verdicts) -> str:
    verdicts = list(verdicts)
    return max(verdicts, key=_SEVERITY.__getitem__) if verdicts else CITED


def _index(findings: pd.DataFrame, column: str) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for fid, keys, verdict in zip(findings["finding_id"], findings[column], findings["verdict"]):
        for key in filter(None, keys.split(";")):
            out.setdefault(key, []).append((fid, verdict))
    return out


def claim_status(ledger: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """``status`` and ``findings`` for each claim: the gravest verdict of the findings about it."""
    index = _index(findings, "claims")
    out = ledger.copy()
    out["status"] = [worst(v for _, v in index.get(c, [])) for c in out["claim_id"]]
    out["findings"] = [";".join(f for f, _ in index.get(c, [])) for c in out["claim_id"]]
    return out


def _own_checks(year: int, column: str) -> set[str]:
    """The findings that check a cell's own value (not those that merely use it as an input)."""
    if column == "year":
        return {"TEXT-span"}
    if column in table1.LEVELS:
        return {f"SUM-{year}", f"LEVEL-{column}-{year}"}
    for flow, growth_column in table1.GROWTH.items():
        if column == growth_column:
            return {f"GROWTH-{flow}-{year}"}
    return {f"SHARE-{column.split('_')[1]}-{year}"}


def cells(trade: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """The cells of Table 1 (rows × columns, year included), each linked to its findings."""
    index = _index(findings, "cells")
    rows = []
    for position, (year, row) in enumerate(trade.iterrows(), start=1):
        for column in table1.HEADINGS:
            cid = cell_id(year, column)
            hits = index.get(cid, [])
            verdicts = [v for f, v in hits if f in _own_checks(year, column)]
            rows.append({
                "cell_id": cid, "year": int(year), "column": column, "heading": table1.HEADINGS[column],
                "value": float(row[column]), "locator": f"Table 1, row {year}, column '{table1.HEADINGS[column]}'",
                "source_row": position, "status": worst(verdicts) if verdicts else NOT_CHECKABLE,
                "findings": ";".join(f for f, _ in hits),
            })
    return pd.DataFrame(rows)


# --- the files that carry code-assigned statuses -----------------------------------------


def _write_csv(frame: pd.DataFrame, path) -> None:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, float_format="%.15g")
    paths.resolve(path).write_text(buffer.getvalue(), encoding="utf-8")


def default_findings() -> pd.DataFrame:
    return audit(table1.load())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m heilongjiang_russia.audit", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the status columns of data/claims.csv and data/table1_cells.csv")
    args = parser.parse_args(argv)
    from . import claims

    findings = default_findings()
    print(scorecard(findings).to_string())
    if args.write:
        ledger = claims.load_unchecked().reset_index(drop=True)
        _write_csv(claim_status(ledger.drop(columns=["status", "findings"], errors="ignore"), findings), "data/claims.csv")
        _write_csv(cells(table1.load(), findings), "data/table1_cells.csv")
        print("wrote data/claims.csv and data/table1_cells.csv; now run: python -m heilongjiang_russia datapackage --refresh")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# --- tables for the book -----------------------------------------------------------------

FINDING_HEADINGS = {
    "finding_id": "Finding", "subject": "What", "expected": "Expected", "printed": "Printed or found",
    "difference": "Difference", "difference_unit": "Unit of difference", "verdict": "Verdict", "evidence": "Evidence",
}


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4g}"
    # "a;b" lists (finding ids) get a space so that they can wrap in narrow columns
    return re.sub(r";(?=\S)", "; ", str(value)).replace("|", "\\|").replace("\n", " ")


def myst_table(frame: pd.DataFrame, headings: dict[str, str], caption: str, label: str, widths: str | None = None,
               wide: bool = False) -> str:
    """A numbered, captioned MyST table of ``frame``'s columns named in ``headings`` (``wide``: page width)."""
    cols = list(headings)
    lines = []
    if widths:
        # the PDF takes column widths from a tabularcolumns spec (MyST tables are sized automatically otherwise)
        parts = widths.split()
        total = sum(int(w) for w in parts)
        lines += ["```{tabularcolumns} " + "".join(f"\\X{{{w}}}{{{total}}}" for w in parts), "```", ""]
    lines += [f":::{{table}} {caption}", f":name: {label}", ":align: left"]
    if wide:
        lines.append(":class: full-width")
    if widths:
        lines.append(f":widths: {widths}")
    lines += ["", "| " + " | ".join(headings.values()) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in frame[cols].itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines + [":::", ""])


def scorecard_myst(findings: pd.DataFrame, caption: str, label: str) -> str:
    """The scorecard as a numbered MyST table."""
    card = scorecard(findings).reset_index().rename(columns={"index": "check"})
    headings = {"check": "Check", **{v: v.capitalize() for v in VERDICTS}, "total": "Findings"}
    return myst_table(card, headings, caption, label)


def findings_myst(findings: pd.DataFrame, check: str, label: str) -> str:
    """The findings of one check as a numbered MyST table (for the audit appendix)."""
    part = findings[findings["check"] == check].copy()
    part["difference"] = [_cell(d) + (f" ({u})" if u and _cell(d) != "–" else "") for d, u in zip(part["difference"], part["difference_unit"])]
    headings = {k: FINDING_HEADINGS[k] for k in ("finding_id", "expected", "printed", "difference", "verdict", "evidence")}
    return myst_table(part, headings, f"Audit findings: {CHECKS[check].lower()}", label, widths="11 24 13 16 10 26", wide=True)


def errata_myst(findings: pd.DataFrame, label: str) -> str:
    """The inconsistent findings: what the paper prints and what its own numbers or outside data support."""
    part = findings[findings["verdict"] == INCONSISTENT]
    headings = {"finding_id": "Finding", "subject": "What", "printed": "Printed", "expected": "Expected from the data", "difference": "Difference"}
    return myst_table(part, headings, "Errata: every finding judged inconsistent", label, widths="14 22 18 34 12", wide=True)
