"""The landing page's highlights: the compendium's main results at a glance, computed at build time.

:func:`highlights` returns one :class:`Highlight` per result: a short title, a sentence in which
every number is formatted from the analysis, the numbers themselves (for the test that reads the
built page) and the page with the evidence. The landing page shows them through the
``{highlights}`` directive of :mod:`heilongjiang_russia.book.directives`; adding one is an entry in
:data:`HIGHLIGHTS` (a function returning a :class:`Highlight`). Every number is read from a field or
a column of a chapter's results, never out of a chapter's sentences.

(A *highlight* is the landing page's summary of a result; a *finding* is the audit's verdict on
one check, :class:`heilongjiang_russia.audit.Finding`.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from heilongjiang_russia import audit, paths
from heilongjiang_russia.chapters import after_paper, nation, network, price_volume, verdicts
from heilongjiang_russia.data import places, table1
from heilongjiang_russia.pipeline import runner
from heilongjiang_russia.present import prose
from heilongjiang_russia.present.tables import escape_dollars


@dataclass(frozen=True)
class Highlight:
    key: str
    title: str
    text: str  # MyST; numbers already formatted
    page: str  # docname of the page with the evidence
    numbers: dict[str, str] = field(default_factory=dict)  # name -> the number as shown in ``text``

    def myst(self) -> str:
        # dollar signs escaped, as in every Markdown the package writes ("US$ 1 ... US$ 2" is no formula)
        return f"- **{escape_dollars(self.title)}** {escape_dollars(self.text)} (evidence: {{doc}}`/{self.page}`)"


def _growth_from_levels(trade: pd.DataFrame) -> pd.Series:
    total = trade.set_index("year")["total"]
    return (total / total.shift(1) - 1).mul(100).dropna()


def unit_slip() -> Highlight:
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
    return Highlight(
        "unit",
        "The unit slip.",
        f"Song's Table 1 says million US$, but its numbers are in 100 million US$: read in millions, the "
        f"{year} total of {shown['printed']} and its {share:.1f}% share would put China–Russia trade at "
        f"{shown['implied']} million US$, against {shown['reported']} bn US$ reported, about "
        f"{shown['ratio']} times more.",
        "chapters/appendix_audit",
        shown,
    )


def misdated_decline() -> Highlight:
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
    return Highlight("decline", "The misdated decline.", text, "chapters/appendix_audit", shown)


def growth_rates() -> Highlight:
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
    return Highlight(
        "growth",
        "Growth rates that cannot be reconciled.",
        f"{shown['bad']} of the {shown['checked']} growth rates that can be checked cannot be obtained from "
        f"the levels of Song's Table 1 even allowing for rounding; {shown['material']} of them miss by "
        f"{shown['threshold']}% of the level the rate implies or more (the rest is reporting noise).",
        "chapters/appendix_audit",
        shown,
    )


def share_gaps() -> Highlight:
    found = verdicts.findings()
    shares = found[(found["check"] == "share") & (found["verdict"] == audit.INCONSISTENT)]
    material = shares[shares["tier"] == audit.MATERIAL].set_index("finding_id")
    trade = table1.load().set_index("year")
    # the China–Russia share findings of the material ones, by year; ``scale`` is the share the audit computed
    # from the table's own total and the customs figure
    china = {audit.finding_id("share", "china", year): year for year in trade.index}
    gaps = [
        (abs(float(row["scale"]) - float(trade.loc[china[fid], "share_china_pct"])), china[fid], float(row["scale"]))
        for fid, row in material.iterrows()
        if fid in china
    ]
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
    return Highlight("shares", "Share gaps.", text, "chapters/appendix_audit", shown)


def network_result() -> Highlight:
    _, s = network.headline(hub="Harbin", tolerance=network.check_tolerance(0.05))
    shown = {
        "n": str(s["n_constructions"]),
        "best": str(s["hub_best"]),
        "worst": str(s["hub_worst"]),
        "first": str(s["hub_first"]),
    }
    return Highlight(
        "network",
        "The network result.",
        f"Ranked in the network of Song's Tables 2 and 3 under {shown['n']} constructions (modes, trunk "
        f"railways, weights, three centrality measures), Harbin places between rank {shown['best']} and "
        f"{shown['worst']} and first under {shown['first']} of them. "
        + " ".join(_what_holds_everywhere(s, places.gazetteer()["name_en"], "Harbin")),
        "chapters/04_longjiang_silk_road_belt",
        shown,
    )


def _what_holds_everywhere(s: dict, names: pd.Series, hub: str) -> list[str]:
    """The network chapter's verdict after its first sentence, from the fields of its robustness summary
    ``s`` (:func:`network.robust_summary`): who leads, who always ranks above the hub, what that makes it."""
    name, out = names[hub], []
    if s["leaders_everywhere"]:
        leaders = [names[p] for p in s["leaders_everywhere"]]
        out.append(_join(leaders) + (" ranks" if len(leaders) == 1 else " rank") + " first under every construction.")
    else:
        out.append(
            f"No place ranks first under every construction; {names[s['most_often_first']]} does most often "
            f"({s['most_often_first_n']} of {s['n_constructions']})."
        )
    if s["always_ahead"]:
        shown, more = [names[p] for p in s["always_ahead"][:5]], len(s["always_ahead"]) - 5
        out.append(
            f"{_join(shown)}{f' and {more} more' if more > 0 else ''} rank above {name} under every construction "
            f"that includes {name}."
        )
    if s["hub_first"] == s["hub_present"] == s["n_constructions"]:
        tied = "one of the most central places (tied)" if len(s["leaders_everywhere"]) > 1 else "the most central place"
        out.append(f"The tables make {name} {tied} however the network is built.")
    elif s["hub_first"] == 0:
        out.append(f"However the network is built, the tables do not make {name} its most central place.")
    else:
        out.append(f"Whether {name} is the most central place depends on how the network is built.")
    return out


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _chapter_defaults(stem: str) -> dict:
    """A chapter's parameters as its committed notebook declares them."""
    return {name: p.default for name, p in runner.parameters(paths.CHAPTERS / f"{stem}.ipynb").items()}


def energy_explanation() -> Highlight:
    p = price_volume.check_parameters(_chapter_defaults("06_price_or_volume"))
    v = price_volume.analyse(p).verdicts
    fall, general, rise = v.energy.as_stated, v.energy.general, v.rise_2011
    shown = {"verdict": fall.status, "general": general.status, "oil_2011": f"{rise.oil_share:.0f}%"}
    return Highlight(
        "energy",
        "The energy-price explanation, tested.",
        f"Split into oil price, pipeline volume, other imports and exports, the paper's explanation of the swings "
        f"(claim C015) is {fall.status} as the paper states it, for the fall of {fall.span} "
        f"({fall.robustness.label}): {fall.headline}; {fall.readings}. Over the swings in general it is "
        f"{general.status} ({general.robustness.label}): {general.shows}. The 2011 rise of total trade was "
        f"{shown['oil_2011']} pipeline oil ({rise.robustness.label}).",
        "chapters/06_price_or_volume",
        shown,
    )


def after_2018() -> Highlight:
    p = after_paper.check_parameters(_chapter_defaults("07_after_the_paper"))
    results = after_paper.analyse(p)
    s = after_paper.summary(p, results)
    shares = results.shares
    share = shares["share_pct"]
    shown = {
        "cr_last": f"{s['cr_last']:.2f}",
        "cr_year": str(s["cr_last_year"]),
        "cr_2018": f"{s['cr_2018']:.2f}",
        **{f"share_{y}": _share(share, y) for y in (2018, 2021)},
    }
    after = shares[shares["year"] > after_paper.PAPER_LAST_YEAR]
    computed = after[after["share_pct"].notna()]
    missing = after.loc[after["share_pct"].isna(), "year"]
    rated = "; ".join(f"{int(y)} of {c} confidence" for y, c in zip(computed["year"], computed["confidence"]))
    gaps = f"no share can be computed for {prose.year_ranges(missing)}" if len(missing) else ""
    return Highlight(
        "after",
        "After the paper.",
        f"China–Russia trade went from US$ {shown['cr_2018']} bn in 2018 to {shown['cr_last']} bn in {shown['cr_year']}, "
        f"while the province's share of it was {shown['share_2018']} in 2018; {s['place_verdict']} "
        f"({'; '.join(x for x in (rated, gaps) if x)}).",
        "chapters/07_after_the_paper",
        shown,
    )


def out_of_sample() -> Highlight:
    p = nation.check_parameters(_chapter_defaults("08_province_and_nation"))
    results = nation.analyse(p)
    s = nation.summary(p, results)
    own = results["own_part"].set_index(["year", "flow"]).loc[(2015, "exports")]
    shown = {"verdict": s["verdict"], "own_2015": f"{own['own_share']:.0f}%"}
    return Highlight(
        "nation",
        "Out of sample, after the paper.",
        f"Tested on China's imports from Russia after 2018, the years the national crude figures cover, "
        f"{s['verdict_text']} ({s['flips_text']}). Against the nation, {s['own_2015_exports_text']}.",
        "chapters/08_province_and_nation",
        shown,
    )


def _share(share: pd.Series, year: int) -> str:
    """The province's share of China–Russia trade in ``year`` as the page shows it."""
    return f"{share.loc[year]:.1f}%" if year in share.index and pd.notna(share.loc[year]) else "not computable"


# In the order the landing page lists them; add a highlight by adding its function here.
# what an economist asks first (was the explanation right; what happened after 2018), then the arithmetic
HIGHLIGHTS: list[Callable[[], Highlight]] = [
    energy_explanation,
    out_of_sample,
    after_2018,
    unit_slip,
    misdated_decline,
    growth_rates,
    share_gaps,
    network_result,
]


def highlights() -> list[Highlight]:
    """Every highlight, computed now from the committed data."""
    return [make() for make in HIGHLIGHTS]


def highlights_myst() -> str:
    return "\n".join(h.myst() for h in highlights()) + "\n"
