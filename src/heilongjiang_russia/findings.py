"""The landing page's findings at a glance, each computed from the package at build time.

:func:`findings` returns one :class:`Finding` per result: a short title, a sentence in which
every number is formatted from the analysis, the numbers themselves (for the test that reads the
built page) and the page with the evidence. The landing page shows them through the
``{findings}`` directive of :mod:`heilongjiang_russia.sphinx_reader`; adding a finding is one
entry in :data:`FINDINGS` (a function returning a :class:`Finding`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from . import audit, network, places, table1


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
    shown = {"printed": f"{printed:.1f}", "implied": f"{implied_musd:,.0f}", "reported": f"{reported_bn:.2f}",
             "ratio": f"{reported_bn * 1000 / implied_musd:.0f}"}
    return Finding(
        "unit", "The unit slip.",
        f"Song's Table 1 says million US$, but its numbers are in 100 million US$: read in millions, the "
        f"{year} total of {shown['printed']} and its {share:.1f}% share would put China–Russia trade at "
        f"{shown['implied']} million US$, against {shown['reported']} bn US$ reported, about "
        f"{shown['ratio']} times more.",
        "chapters/appendix_audit", shown)


def misdated_decline() -> Finding:
    growth = _growth_from_levels(table1.load())
    year, steepest = int(growth.idxmin()), float(growth.min())
    shown = {"steepest": f"{steepest:.1f}", "y2016": f"{float(growth.loc[2016]):.1f}"}
    if year == 2016:
        text = (f"The text puts the dramatic decline in 2016, and the levels in Song's Table 1 agree: the steepest fall, "
                f"{shown['steepest']}%, is in 2016.")
    else:
        text = (f"The text puts the dramatic decline in 2016; the levels in Song's Table 1 put the steepest fall in "
                f"{year} ({shown['steepest']}%), against {shown['y2016']}% in 2016.")
    return Finding("decline", "The misdated decline.", text, "chapters/appendix_audit", shown)


def growth_rates() -> Finding:
    found = audit.default_findings()
    growth = found[found["check"] == "growth"]
    checked = growth[growth["verdict"] != audit.NOT_CHECKABLE]
    bad = checked[checked["verdict"] == audit.INCONSISTENT]
    material = bad[bad["tier"] == audit.MATERIAL]
    shown = {"bad": str(len(bad)), "checked": str(len(checked)), "material": str(len(material)),
             "threshold": f"{audit.THRESHOLD_PCT:g}"}
    return Finding(
        "growth", "Growth rates that cannot be reconciled.",
        f"{shown['bad']} of the {shown['checked']} growth rates that can be checked cannot be obtained from "
        f"the levels of Song's Table 1 even allowing for rounding; {shown['material']} of them miss by "
        f"{shown['threshold']}% of the rate or more (the rest is reporting noise).",
        "chapters/appendix_audit", shown)


def share_gaps() -> Finding:
    found = audit.default_findings()
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
    text = (f"{shown['n']} of the printed shares disagree with the outside totals beyond rounding, "
            f"{shown['material']} of them materially")
    if gaps:
        _, year, computed = max(gaps)
        shown.update(year=str(year), printed=f"{float(trade.loc[year, 'share_china_pct']):.1f}",
                     computed=f"{computed:.1f}")
        text += (f"; the widest gap is {year}, printed as {shown['printed']}% of China–Russia trade where the "
                 f"table's own total and the customs figure give {shown['computed']}%.")
    else:
        text += "."
    return Finding("shares", "Share gaps.", text, "chapters/appendix_audit", shown)


def network_result() -> Finding:
    gaz = places.gazetteer()
    routes = places.routes(places.table2(), places.table3())
    graph = network.build(routes)
    table = network.centrality(graph, gaz, network.mentions(routes))
    s = network.summary(graph, table, "Harbin")
    top = gaz.loc[s["top_betweenness_id"], "name_en"]
    shown = {"rank": network._ordinal(s["hub_rank"]), "n": str(s["n_places"])}
    if s["hub_is_top"]:
        text = (f"In the network of Song's Tables 2 and 3 (every mode), Harbin is the most central of "
                f"{shown['n']} places by betweenness, as the paper's hub claim expects.")
    else:
        text = (f"In the network of Song's Tables 2 and 3 (every mode), Harbin ranks {shown['rank']} of "
                f"{shown['n']} places by betweenness; {top} ranks first, so the tables alone do not make "
                f"Harbin the hub the paper calls it.")
    return Finding("network", "The network result.", text, "chapters/04_longjiang_silk_road_belt", shown)


# In the order the landing page lists them; add a finding by adding its function here.
FINDINGS: list[Callable[[], Finding]] = [unit_slip, misdated_decline, growth_rates, share_gaps, network_result]


def findings() -> list[Finding]:
    """Every finding, computed now from the committed data."""
    return [make() for make in FINDINGS]


def findings_myst() -> str:
    return "\n".join(f.myst() for f in findings()) + "\n"
