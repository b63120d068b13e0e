"""Check: what the text of the current-state section and the conclusion say about Table 1.

One small function per statement, each returning a list of at most one finding (empty when the
table lacks the years the statement needs). :data:`TEXT_CHECKS` lists them in order; the three
checks of causes and of 2018 (:func:`text_energy`, :func:`text_2011_cause`, :func:`text_2018`)
are kept apart so that a fuller test (the "Price or volume?" chapter) can replace them.
"""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.data import table1

from .core import (
    CLAIM_100BN,
    CLAIM_2007,
    CLAIM_2009,
    CLAIM_2011,
    CLAIM_2018,
    CLAIM_DECLINE,
    CLAIM_ENERGY,
    CLAIM_RECOVERY,
    CLAIM_SPAN,
    CLAIM_STEADY,
    CONSISTENT,
    HALF,
    INCONSISTENT,
    Finding,
    cell_id,
    finding_id,
    fmt,
)


def _growth(trade: pd.DataFrame, year: int, flow: str = "total") -> float:
    return float(trade.loc[year, table1.GROWTH[flow]])


def _verdict(holds: bool) -> str:
    return CONSISTENT if holds else INCONSISTENT


def text_span(trade, china_russia, brent) -> list[Finding]:
    years = list(trade["year"])
    first, last = min(years), max(years)
    complete = years == list(range(first, last + 1))
    return [
        Finding(
            finding_id("text", "span"),
            "text",
            "the table covers 2008–2018",
            expected="one row for every year 2008 to 2018",
            printed=f"{len(years)} rows, {first}–{last}",
            difference=float(len(set(range(2008, 2019)) ^ set(years))),
            difference_unit="years missing or extra",
            verdict=_verdict(complete and (first, last) == (2008, 2018)),
            evidence="Song's Table 1, year column",
            cells=tuple(cell_id(y, "year") for y in years),
            claims=(CLAIM_SPAN,),
        )
    ]


def text_steady(trade, china_russia, brent) -> list[Finding]:
    growth = trade["total_yoy_pct"]
    falls = [y for y in trade["year"] if growth[y] < 0]
    return [
        Finding(
            finding_id("text", "steady"),
            "text",
            "growth is large and steady",
            expected="total growth positive in every year",
            printed=f"total fell in {len(falls)} of {len(trade)} years ({', '.join(map(str, falls))}); growth ranged "
            f"{fmt(growth.min())}% to {fmt(growth.max())}%",
            difference=float(len(falls)),
            difference_unit="years of decline",
            verdict=_verdict(not falls),
            evidence="Song's Table 1, total y/y %",
            cells=tuple(cell_id(y, "total_yoy_pct") for y in falls),
            claims=(CLAIM_STEADY,),
        )
    ]


def text_2007(trade, china_russia, brent) -> list[Finding]:
    """US$100 million in 2007: fails only when read in the caption's unit, so it is reported with the unit slip."""
    years = list(trade["year"])
    first = min(years)
    if first + 1 not in years:
        return []
    growth = _growth(trade, first)
    lo = (trade.loc[first, "total"] - HALF) / (1 + (growth + HALF) / 100)
    hi = (trade.loc[first, "total"] + HALF) / (1 + (growth - HALF) / 100)
    return [
        Finding(
            finding_id("text", "2007"),
            "text",
            f"US$100 million reached in {first - 1}",
            expected=f"a milestone of US$100 million = 1 in the table's unit; the {first - 1} level implied by "
            f"{first}'s level and growth is {fmt(lo, 2)} to {fmt(hi, 2)} (US$ {lo / 10:.1f} bn)",
            printed="100 (million US$)",
            difference=round((lo + hi) / 2, 1),
            difference_unit="times the stated threshold",
            verdict=INCONSISTENT,
            evidence=f"every year of the table exceeds US$100 million at least {trade['total'].min():.0f}-fold; read in the table's unit "
            f"(100 × 10^8 US$ = US$10 bn) the statement fits: the implied {first - 1} level just passes 100",
            cells=(cell_id(first, "total"), cell_id(first, "total_yoy_pct")),
            claims=(CLAIM_2007,),
            reported_with=finding_id("unit", "CHINA"),
        )
    ]


def text_2009(trade, china_russia, brent) -> list[Finding]:
    if 2009 not in set(trade["year"]):
        return []
    growth = trade["total_yoy_pct"]
    steepest = int(growth.idxmin())
    return [
        Finding(
            finding_id("text", "2009"),
            "text",
            "trade fell sharply in 2009",
            expected="a large fall of the total in 2009",
            printed=f"{fmt(growth[2009])}% (steepest fall in the table: {steepest}, {fmt(growth[steepest])}%)",
            difference=float(growth[2009]),
            difference_unit="% change",
            verdict=_verdict(growth[2009] <= -20),
            evidence="Song's Table 1, 2009 total and y/y %",
            cells=(cell_id(2009, "total"), cell_id(2009, "total_yoy_pct")),
            claims=(CLAIM_2009,),
        )
    ]


def text_2011_timing(trade, china_russia, brent) -> list[Finding]:
    if not {2010, 2011} <= set(trade["year"]):
        return []
    growth_2010 = _growth(trade, 2010)
    return [
        Finding(
            finding_id("text", "2011-timing"),
            "text",
            "trade started to grow again in 2011",
            expected="2011 the first year of growth after the 2009 fall",
            printed=f"growth already {fmt(growth_2010)}% in 2010",
            difference=growth_2010,
            difference_unit="% change in 2010",
            verdict=_verdict(growth_2010 <= 0),
            evidence="Song's Table 1, 2010 total y/y %",
            cells=(cell_id(2010, "total_yoy_pct"),),
            claims=(CLAIM_2011,),
        )
    ]


def text_2011_cause(trade, china_russia, brent) -> list[Finding]:
    """The 2011 rise and the pipeline: only whether imports led the rise (the cause is not in the data)."""
    if not {2010, 2011} <= set(trade["year"]):
        return []
    change = trade.loc[2011, "total"] - trade.loc[2010, "total"]
    from_imports = (trade.loc[2011, "import"] - trade.loc[2010, "import"]) / change * 100
    return [
        Finding(
            finding_id("text", "2011-cause"),
            "text",
            "the 2011 rise came with the crude oil pipeline",
            expected="an import-led rise (crude oil flows from Russia into China)",
            printed=f"imports {fmt(_growth(trade, 2011, 'import'))}%, exports {fmt(_growth(trade, 2011, 'export'))}%; imports give "
            f"{fmt(from_imports)}% of the rise",
            difference=round(from_imports, 1),
            difference_unit="% of the 2011 rise from imports",
            verdict=_verdict(from_imports > 50),
            evidence="Song's Table 1, 2010 and 2011 levels; the cause itself is not in the data",
            cells=(cell_id(2011, "import"), cell_id(2011, "import_yoy_pct")),
            claims=(CLAIM_2011,),
        )
    ]


def text_100bn(trade, china_russia, brent) -> list[Finding]:
    if 2018 not in china_russia.index:
        return []
    total = float(china_russia[2018])
    return [
        Finding(
            finding_id("text", "100bn"),
            "text",
            "China–Russia trade passed US$100 bn in 2018",
            expected="more than 100 bn US$",
            printed=f"outside total {total:g} bn US$",
            difference=round(total - 100, 2),
            difference_unit="billion US$ above 100",
            verdict=_verdict(total > 100),
            evidence="data/external/china_russia_trade.csv, 2018",
            claims=(CLAIM_100BN,),
        )
    ]


def text_2018(trade, china_russia, brent) -> list[Finding]:
    """Trade "flourished" in 2018: judged only as strong growth of the total."""
    years = list(trade["year"])
    if 2018 not in years:
        return []
    growth = trade["total_yoy_pct"]
    best_since = max((y for y in years if y < 2018 and growth[y] >= growth[2018]), default=None)
    return [
        Finding(
            finding_id("text", "2018"),
            "text",
            "trade flourished in 2018",
            expected="strong growth in 2018",
            printed=f"{fmt(growth[2018])}%"
            + (f", the fastest since {best_since}" if best_since else ", the fastest in the table"),
            difference=float(growth[2018]),
            difference_unit="% change",
            verdict=_verdict(growth[2018] > 10),
            evidence="Song's Table 1, 2018 total y/y %",
            cells=(cell_id(2018, "total_yoy_pct"),),
            claims=(CLAIM_2018,),
        )
    ]


def text_energy(trade, china_russia, brent) -> list[Finding]:
    """Energy prices and the swings: a coincidence of directions in time, not a test of the cause."""
    if brent is None:
        return []
    years = list(trade["year"])
    oil = brent.set_index("year")["brent_usd_per_bbl"].dropna()
    pairs = [y for y in years[1:] if y in oil.index and y - 1 in oil.index and y - 1 in years]
    if not pairs:
        return []
    trade_up = {y: trade.loc[y, "total"] > trade.loc[y - 1, "total"] for y in pairs}
    oil_up = {y: oil[y] > oil[y - 1] for y in pairs}
    same = sum(trade_up[y] == oil_up[y] for y in pairs)
    falls = [y for y in pairs if not trade_up[y]]
    with_oil = [y for y in falls if not oil_up[y]]
    return [
        Finding(
            finding_id("text", "energy"),
            "text",
            "trade fluctuated, mainly with lower energy prices",
            expected="every fall of the total in a year when the oil price fell too",
            printed=f"trade fell in {len(falls)} years ({', '.join(map(str, falls))}), the Brent price fell in "
            f"{len(with_oil)} of them; both moved the same way in {same} of {len(pairs)} years",
            difference=float(len(falls) - len(with_oil)),
            difference_unit="falls of trade without a fall of the oil price",
            verdict=_verdict(bool(falls) and len(with_oil) == len(falls)),
            evidence="Song's Table 1 totals; Brent annual averages (data/external/brent_rub.csv); a coincidence in time, not a test of the cause",
            cells=tuple(cell_id(y, "total") for y in falls),
            claims=(CLAIM_ENERGY,),
        )
    ]


def text_2016(trade, china_russia, brent) -> list[Finding]:
    if not {2015, 2016} <= set(trade["year"]):
        return []
    growth = trade["total_yoy_pct"]
    steepest = int(growth.idxmin())
    return [
        Finding(
            finding_id("text", "2016"),
            "text",
            "the dramatic decline came in 2016",
            expected="the steepest fall in 2016",
            printed=f"2016 {fmt(growth[2016])}%; 2015 {fmt(growth[2015])}%",
            difference=round(float(growth[2016] - growth[steepest]), 1),
            difference_unit="percentage points above the steepest fall",
            verdict=_verdict(steepest == 2016),
            evidence=f"Song's Table 1, total y/y %: the steepest fall is in {steepest}",
            cells=(cell_id(2015, "total_yoy_pct"), cell_id(2016, "total_yoy_pct")),
            claims=(CLAIM_DECLINE,),
        )
    ]


def text_recovery(trade, china_russia, brent) -> list[Finding]:
    growth = trade["total_yoy_pct"]
    after = [y for y in trade["year"] if y > 2016]
    if not after:
        return []
    return [
        Finding(
            finding_id("text", "recovery"),
            "text",
            "trade improved after 2016",
            expected="growth in every year after 2016",
            printed=", ".join(f"{y} {fmt(growth[y])}%" for y in after),
            difference=float(min(growth[y] for y in after)),
            difference_unit="lowest % change after 2016",
            verdict=_verdict(all(growth[y] > 0 for y in after)),
            evidence="Song's Table 1, total y/y %",
            cells=tuple(cell_id(y, "total_yoy_pct") for y in after),
            claims=(CLAIM_RECOVERY,),
        )
    ]


TEXT_CHECKS = (
    text_span,
    text_steady,
    text_2007,
    text_2009,
    text_2011_timing,
    text_2011_cause,
    text_100bn,
    text_2018,
    text_energy,
    text_2016,
    text_recovery,
)


def check_text(trade: pd.DataFrame, china_russia: pd.Series, brent: pd.DataFrame | None = None) -> list[Finding]:
    """Every statement of :data:`TEXT_CHECKS` that the table's years allow, in order."""
    return [finding for check in TEXT_CHECKS for finding in check(trade, china_russia, brent)]
