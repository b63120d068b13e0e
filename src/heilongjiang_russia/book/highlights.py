"""The landing page's findings at a glance, each computed from the package at build time.

:func:`findings` returns one :class:`Finding` per result: a short title, a sentence in which
every number is formatted from the analysis, the numbers themselves (for the test that reads the
built page) and the page with the evidence. The landing page shows them through the
``{findings}`` directive of :mod:`heilongjiang_russia.book.reader`; adding a finding is one
entry in :data:`FINDINGS` (a function returning a :class:`Finding`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from heilongjiang_russia import audit, paths
from heilongjiang_russia.chapters import after_paper, network, price_volume, verdicts
from heilongjiang_russia.data import table1
from heilongjiang_russia.pipeline import runner


@dataclass(frozen=True)
class Finding:
    key: str
    title: str
    text: str  # MyST; numbers already formatted
    page: str  # docname of the page with the evidence
    numbers: dict[str, str] = field(default_factory=dict)  # name -> the number as shown in ``text``

    def myst(self) -> str:
        return f"- **{self.title}** {self.text} (evidence: {{doc}}`/{self.page}`)"


def _growth_from_levels(trade: pd.DataFrame) -> pd.Series:
    total = trade.set_index("year")["total"]
    return (total / total.shift(1) - 1).mul(100).dropna()


def unit_slip() -> Finding:
    trade = table1.load().set_index("year")
    outside = audit.outside_china_russia()
    year = int(trade.index.min())
    printed, share = float(trade.loc[year, "total"]), float(trade.loc[year, "share_china_pct"])
    implied_musd = printed / (share / 100)
    reported_bn = float(outside.loc[year])
    shown = {
        "printed": f"{printed:.1f}",
        "implied": f"{implied_musd:,.0f}",
        "reported": f"{reported_bn:.2f}",
        "ratio": f"{reported_bn * 1000 / implied_musd:.0f}",
    }
    return Finding(
        "unit",
        "The unit slip.",
        f"Song's Table 1 says million US$, but its numbers are in 100 million US$: read in millions, the "
        f"{year} total of {shown['printed']} and its {share:.1f}% share would put China–Russia trade at "
        f"{shown['implied']} million US$, against {shown['reported']} bn US$ reported, about "
        f"{shown['ratio']} times more.",
        "chapters/appendix_audit",
        shown,
    )


def misdated_decline() -> Finding:
    growth = _growth_from_levels(table1.load())
    year, steepest = int(growth.idxmin()), float(growth.min())
    shown = {"steepest": f"{steepest:.1f}", "y2016": f"{float(growth.loc[2016]):.1f}"}
    if year == 2016:
        text = (
            f"The text puts the dramatic decline in 2016, and the levels in Song's Table 1 agree: the steepest fall, "
            f"{shown['steepest']}%, is in 2016."
        )
    else:
        text = (
            f"The text puts the dramatic decline in 2016; the levels in Song's Table 1 put the steepest fall in "
            f"{year} ({shown['steepest']}%), against {shown['y2016']}% in 2016."
        )
    return Finding("decline", "The misdated decline.", text, "chapters/appendix_audit", shown)


def growth_rates() -> Finding:
    found = verdicts.findings()
    growth = found[found["check"] == "growth"]
    checked = growth[growth["verdict"] != audit.NOT_CHECKABLE]
    bad = checked[checked["verdict"] == audit.INCONSISTENT]
    material = bad[bad["tier"] == audit.MATERIAL]
    shown = {
        "bad": str(len(bad)),
        "checked": str(len(checked)),
        "material": str(len(material)),
        "threshold": f"{audit.THRESHOLD_PCT:g}",
    }
    return Finding(
        "growth",
        "Growth rates that cannot be reconciled.",
        f"{shown['bad']} of the {shown['checked']} growth rates that can be checked cannot be obtained from "
        f"the levels of Song's Table 1 even allowing for rounding; {shown['material']} of them miss by "
        f"{shown['threshold']}% of the level the rate implies or more (the rest is reporting noise).",
        "chapters/appendix_audit",
        shown,
    )


def share_gaps() -> Finding:
    found = verdicts.findings()
    shares = found[(found["check"] == "share") & (found["verdict"] == audit.INCONSISTENT)]
    material = shares[shares["tier"] == audit.MATERIAL]
    trade = table1.load().set_index("year")
    outside = audit.outside_china_russia()
    gaps = []
    for fid in material["finding_id"]:
        if not fid.startswith("SHARE-china-"):
            continue
        year = int(fid.rsplit("-", 1)[1])
        computed = float(trade.loc[year, "total"]) / 10 / float(outside.loc[year]) * 100
        gaps.append((abs(computed - float(trade.loc[year, "share_china_pct"])), year, computed))
    shown = {"n": str(len(shares)), "material": str(len(material))}
    text = (
        f"{shown['n']} of the printed shares disagree with the outside totals beyond rounding, "
        f"{shown['material']} of them materially"
    )
    if gaps:
        _, year, computed = max(gaps)
        shown.update(
            year=str(year), printed=f"{float(trade.loc[year, 'share_china_pct']):.1f}", computed=f"{computed:.1f}"
        )
        text += (
            f"; the widest gap is {year}, printed as {shown['printed']}% of China–Russia trade where the "
            f"table's own total and the customs figure give {shown['computed']}%."
        )
    else:
        text += "."
    return Finding("shares", "Share gaps.", text, "chapters/appendix_audit", shown)


def network_result() -> Finding:
    text, s = network.headline(hub="Harbin", tolerance=network.check_tolerance(0.05))
    shown = {
        "n": str(s["n_constructions"]),
        "best": str(s["hub_best"]),
        "worst": str(s["hub_worst"]),
        "first": str(s["hub_first"]),
    }
    return Finding(
        "network",
        "The network result.",
        f"Ranked in the network of Song's Tables 2 and 3 under {shown['n']} constructions (modes, trunk "
        f"railways, weights, three centrality measures), Harbin places between rank {shown['best']} and "
        f"{shown['worst']} and first under {shown['first']} of them. " + text.split(". ", 1)[1],
        "chapters/04_longjiang_silk_road_belt",
        shown,
    )


def _chapter_defaults(stem: str) -> dict:
    """A chapter's parameters as its committed notebook declares them."""
    return {name: p.default for name, p in runner.parameters(paths.CHAPTERS / f"{stem}.ipynb").items()}


def energy_explanation() -> Finding:
    p = price_volume.check_parameters(_chapter_defaults("06_price_or_volume"))
    s = price_volume.summary(p, price_volume.analyse(p))
    shown = {
        "verdict": s["c015_verdict"],
        "n_swings": str(s["n_swings"]),
        "price_2015": f"{s['price_total_share_2015']:.0f}",
        "exports_2015": f"{s['exports_total_share_2015']:.0f}",
        "volume_2011": f"{s['volume_share_2011']:.0f}",
        "cv": f"{s['other_cv']:.0f}",
        "cv_low": f"{s['other_cv_low']:.0f}",
        "cv_high": f"{s['other_cv_high']:.0f}",
        "imports_cv": f"{s['imports_cv']:.0f}",
    }
    lead = s["c015_printed"].split(";", 1)[0].replace("price the largest part", "the oil price is the largest part")
    return Finding(
        "energy",
        "The energy-price explanation, tested.",
        f"Split into oil price, pipeline volume, other imports and exports, the paper's explanation of the swings "
        f"(claim C015) is {shown['verdict']}: {lead} of more than {p['swing_pct']:g}%. The 2015 fall of total trade was "
        f"{shown['price_2015']}% oil price and {shown['exports_2015']}% exports; the 2011 rise of imports was "
        f"{shown['volume_2011']}% pipeline volume; imports other than pipeline oil vary with a coefficient of variation "
        f"of {shown['cv']}% ({shown['cv_low']} to {shown['cv_high']}% over the uncertainty range), imports as a whole with "
        f"{shown['imports_cv']}%.",
        "chapters/06_price_or_volume",
        shown,
    )


def after_2018() -> Finding:
    p = after_paper.check_parameters(_chapter_defaults("07_after_the_paper"))
    s = after_paper.summary(after_paper.load_inputs(), p)
    shown = {
        "cr_last": f"{s['cr_last']:.2f}",
        "cr_year": str(s["cr_last_year"]),
        "cr_2018": f"{s['cr_2018']:.2f}",
        "share_2018": s["share_2018_text"].split(": ", 1)[1].split(" ", 1)[0],
        "share_2021": s["share_2021_text"].split(": ", 1)[1].split(" ", 1)[0],
        "share_2024": s["share_2024_text"].split(": ", 1)[1].split(" ", 1)[0],
    }
    confidence = re.search(r"(\w+) confidence\)", s["share_2024_text"])
    missing = [y for y in re.findall(r"\d{4}", s["share_missing_years"]) if int(y) > 2018]
    gaps = f"; no share can be computed for {', '.join(missing)}" if missing else ""
    return Finding(
        "after",
        "After the paper.",
        f"China–Russia trade went from US$ {shown['cr_2018']} bn in 2018 to {shown['cr_last']} bn in {shown['cr_year']}, "
        f"while the province's share of it was {shown['share_2018']} in 2018; {s['place_verdict']} (2024 is of "
        f"{confidence.group(1) if confidence else 'unrated'} confidence{gaps}).",
        "chapters/07_after_the_paper",
        shown,
    )


# In the order the landing page lists them; add a finding by adding its function here.
FINDINGS: list[Callable[[], Finding]] = [
    unit_slip,
    misdated_decline,
    growth_rates,
    share_gaps,
    energy_explanation,
    network_result,
    after_2018,
]


def findings() -> list[Finding]:
    """Every finding, computed now from the committed data."""
    return [make() for make in FINDINGS]


def findings_myst() -> str:
    return "\n".join(f.myst() for f in findings()) + "\n"
