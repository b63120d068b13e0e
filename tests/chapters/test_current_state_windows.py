"""Chapter 2's prose is true for any window the runner accepts: each stated fact checked against Song's Table 1."""

from __future__ import annotations

import re

import nbformat
import pytest

from heilongjiang_russia import audit, paths
from heilongjiang_russia.chapters import current_state
from heilongjiang_russia.data import table1
from heilongjiang_russia.pipeline import variants

EXTRA = [(2009, 2009), (2013, 2014), (2008, 2018), (2012, 2016), (2016, 2018)]
WINDOWS = sorted({v.years for v in variants.load()} | set(EXTRA))


@pytest.fixture(scope="module")
def full():
    return table1.load()


@pytest.fixture(scope="module")
def findings(real_audit):
    return real_audit.copy()  # verdicts.of_table(table1.load()), computed once per test run


_FACTS: dict = {}  # the summary of each window, computed once for the tests that read it


def facts_for(full, findings, start, end, base=None):
    trade = table1.window(full, start, end)
    key = (id(full), id(findings), start, end, base)
    if key not in _FACTS:
        _FACTS[key] = current_state.summary(trade, findings, start if base is None else base, full=full)
    return trade, _FACTS[key]


def test_the_windows_include_the_variants_and_short_ones():
    assert {v.years for v in variants.load()} <= set(WINDOWS)
    assert any(a == b for a, b in WINDOWS) and any(b - a == 1 for a, b in WINDOWS)


@pytest.mark.parametrize("start,end", WINDOWS)
def test_balance_facts_match_the_table(full, findings, start, end):
    trade, facts = facts_for(full, findings, start, end)
    balance = trade["export"] - trade["import"]
    deficits, n = int((balance < 0).sum()), len(trade)
    assert facts["deficit_years"] == deficits and facts["surplus_years"] == int((balance > 0).sum())
    text = facts["balance_text"]
    if deficits == n:
        assert "ran a deficit" in text and "surplus" not in text.split(";")[0]
    elif deficits == 0:
        assert "ran a surplus" in text and "deficit" not in text
    else:
        assert f"a deficit with Russia in {deficits} of the {n} years" in text
    last = balance.iloc[-1]
    assert text.endswith(
        f"in {end} it was {'a deficit' if last < 0 else 'a surplus'} of {abs(last):.1f} (100 million US$)"
    )
    lead = facts["import_lead_text"]
    if (trade["import"] > trade["export"]).all():
        assert lead == "imports from Russia exceed exports to Russia in every year shown"
    elif (trade["import"] < trade["export"]).all():
        assert lead == "exports to Russia exceed imports from Russia in every year shown"


@pytest.mark.parametrize("start,end", WINDOWS)
def test_rises_and_falls_match_the_table(full, findings, start, end):
    trade, facts = facts_for(full, findings, start, end)
    growth = trade["total_yoy_pct"]
    text = facts["changes_text"]
    if len(trade) == 1:
        assert text.startswith("Against the year before") and (("fell" in text) == (growth.iloc[0] < 0))
        return
    falls, rises = growth[growth < 0], growth[growth > 0]
    if len(falls):
        assert (
            f"fell in {len(falls)} of the {len(trade)} years shown, most steeply in {int(falls.idxmin())} ({falls.min():.1f}%)"
            in text
        )
    else:
        assert "fell in none of the" in text and "steeply" not in text
    if len(rises):
        assert f"its largest rise was in {int(rises.idxmax())} (+{rises.max():.1f}%)" in text
    else:
        assert "there was no year-on-year rise in the window" in text and "largest rise" not in text


@pytest.mark.parametrize("start,end", WINDOWS)
def test_compound_growth_is_the_windows(full, findings, start, end):
    trade, facts = facts_for(full, findings, start, end)
    if start == end:
        assert "no compound growth" in facts["compound_text"]
        return
    for flow in table1.LEVELS:
        expected = ((trade.loc[end, flow] / trade.loc[start, flow]) ** (1 / (end - start)) - 1) * 100
        assert facts[f"cagr_{flow}"] == pytest.approx(expected)
    assert f"{facts['cagr_total']:+.1f}% a year for the total" in facts["compound_text"]


@pytest.mark.parametrize("start,end", WINDOWS)
def test_the_index_direction_matches_the_table(full, findings, start, end):
    for base in {start, end}:
        trade, facts = facts_for(full, findings, start, end, base)
        text = facts["index_text"]
        if start == end:
            assert "nothing to compare" in text
            continue
        imports, exports = (trade.loc[end, f] / trade.loc[start, f] for f in ("import", "export"))
        assert f"from {start} to {end}" in text
        assert ("so imports did better than exports" in text) == (imports > exports)
        assert ("so exports did better than imports" in text) == (exports > imports)


@pytest.mark.parametrize("start,end", WINDOWS)
def test_only_events_in_view_are_named(full, findings, start, end):
    _, facts = facts_for(full, findings, start, end)
    text = facts["events_text"]
    years = range(start, end + 1)
    for year, event in current_state.EVENTS.items():
        assert (f"the {event} of {year}" in text) == (year in years)
    assert ("the fall of 2015–2016 (shaded)" in text) == any(y in years for y in current_state.FALL)
    if not any(y in years for y in [*current_state.EVENTS, *current_state.FALL]):
        assert text.startswith("None of the events")
    # the pipeline's oil story only where the window reaches 2011
    assert ("come before the crude oil pipeline" in facts["oil_text"]) == (end < 2011)
    assert ("come after the crude oil pipeline" in facts["oil_text"]) == (start >= 2011)
    assert ("spans the opening" in facts["oil_text"]) == (start < 2011 <= end)


def test_whole_table_audit_facts_do_not_depend_on_the_window(full, findings):
    counts = {k: facts_for(full, findings, a, b)[1]["n_material"] for a, b in WINDOWS for k in [(a, b)]}
    assert set(counts.values()) == {int((findings["tier"] == audit.MATERIAL).sum())}
    _, early = facts_for(full, findings, 2008, 2010)
    assert early["growth_text"].endswith(
        "The rates of 2008 need a level the table does not give and cannot be checked."
    )
    _, late = facts_for(full, findings, 2015, 2016)
    assert "2008" not in late["growth_text"] and "8.9 percentage points (2016 export growth)" in late["growth_text"]


def test_the_chapter_source_has_no_decade_headings_and_no_fixed_story():
    nb = nbformat.read(paths.CHAPTERS / "02_current_state.ipynb", as_version=4)
    headings = [
        line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("#")
    ]
    assert headings and not any("decade" in h for h in headings)
    prose = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "never exceed" not in prose and "driven by Russian crude oil" not in prose
    for cell in nb.cells:
        figure = cell.metadata.get("mystnb", {}).get("figure")
        if figure:  # captions hold for any window: no event year promised
            assert not re.search(r"\b(2009|2011)\b", figure["caption"]), figure["name"]


def test_the_variant_note_no_longer_disowns_its_prose():
    text = variants.source_notebook(variants.load()[0]).cells[1].source
    assert "still speaks of the whole decade" not in text and "computed for it" in text


def test_the_unit_sentence_follows_the_unit_check(full, findings):
    _, facts = facts_for(full, findings, 2008, 2018)
    assert "The caption's unit is therefore a slip" in facts["unit_text"] and "factor of 100" in facts["unit_text"]
    passed = findings.copy()
    passed.loc[passed["finding_id"] == "UNIT-CHINA", ["verdict", "tier", "difference"]] = [audit.CONSISTENT, "", 1.0]
    again = current_state.summary(full, passed, 2008)
    assert "as the caption says." in again["unit_text"] and "slip" not in again["unit_text"]
    assert "caption's unit" not in again["audit_text"]


@pytest.mark.parametrize("start,end", WINDOWS)
def test_the_peak_is_named_only_inside_the_window(full, findings, start, end):
    trade, facts = facts_for(full, findings, start, end)
    peak = int(trade["total"].idxmax())
    if start < peak < end:
        assert f"peaking in {peak} at {trade.loc[peak, 'total']:.1f}" in facts["levels_text"]
    elif start != end:
        assert "peaking" not in facts["levels_text"]
        assert ("highest in its first year" in facts["levels_text"]) == (peak == start)
