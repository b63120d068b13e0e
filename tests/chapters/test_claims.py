"""The claims ledger and the Table 1 cell index: complete, linked to the data, statuses as the code assigns them."""

from __future__ import annotations

import pandas as pd
import pytest

from heilongjiang_russia import audit, paths
from heilongjiang_russia.chapters import claims
from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource


@pytest.fixture(scope="module")
def findings(real_audit):
    return real_audit.copy()


def test_ledger_holds_every_number_of_the_text():
    ledger = claims.load()
    assert len(ledger) >= 60
    assert list(ledger["claim_id"]) == [f"C{i:03d}" for i in range(1, len(ledger) + 1)]
    # every section of the paper's text is represented
    assert {"abstract", "introduction", "current_state", "eastern_belt", "longjiang_belt", "conclusion"} <= set(
        ledger["section"]
    )
    # a few numbers a reader would look for first
    stated = set(zip(ledger["value"], ledger["unit"]))
    assert {
        (2981.0, "km"),
        (25.0, "count"),
        (3.15, "USD bn"),
        (68.3, "CNY bn"),
        (11.1, "percent"),
        (1.0, "million US$"),
    } <= stated


def test_ledger_statuses_are_the_ones_the_code_assigns(findings):
    ledger = claims.load()
    computed = audit.claim_status(ledger.drop(columns=["status", "findings"]), findings)
    filed = ledger["findings"].fillna("")
    assert list(ledger["status"]) == list(computed["status"]), (
        "run: python -m heilongjiang_russia reproduce (it calls claims.write_derived)"
    )
    assert list(filed) == list(computed["findings"])


def test_what_the_audit_says_about_the_text():
    ledger = claims.load()
    assert ledger.loc["C052", "status"] == "inconsistent"  # the dramatic decline was 2015, not 2016
    assert ledger.loc["C057", "status"] == "inconsistent"  # the caption's unit
    assert ledger.loc["C053", "status"] == "consistent"
    # claims no data can check are marked as cited, and every checkable one was checked
    uncheckable = ledger["checkable_against"].isna()
    assert (ledger.loc[uncheckable, "status"] == audit.CITED).all()
    assert (ledger.loc[~uncheckable, "status"] != audit.CITED).all()


def test_the_99_cells_are_linked_to_the_transcription(findings):
    cells = load_resource("table1-cells")
    trade = table1.load()
    assert len(cells) == 99 == trade.shape[0] * trade.shape[1]
    raw = trade.reset_index(drop=True)
    for rec in cells.itertuples(index=False):
        assert raw.loc[rec.source_row - 1, rec.column] == rec.value, rec.cell_id
        assert rec.cell_id == audit.cell_id(rec.year, rec.column)
    computed = audit.cells(trade, findings)
    pd.testing.assert_frame_equal(cells.reset_index(drop=True), computed, check_dtype=False)


def test_cell_statuses_follow_their_own_checks():
    cells = load_resource("table1-cells").set_index("cell_id")
    assert cells.loc["T1-2014-total", "status"] == "inconsistent"  # 89.3 + 143.5 = 232.8, printed 232.6
    assert cells.loc["T1-2008-total_yoy_pct", "status"] == "not checkable"  # no 2007 level
    assert cells.loc["T1-2016-export_yoy_pct", "status"] == "inconsistent"
    assert cells.loc["T1-2013-share_china_pct", "status"] == "inconsistent"
    assert cells.loc["T1-2009-share_province_pct", "status"] == "consistent"


def test_the_derived_files_are_what_the_code_writes(real_audit, monkeypatch):
    """data/claims.csv (status, findings) and data/table1_cells.csv equal what write_derived would write."""
    # the audit of the committed files, already computed once for this test run (the same call)
    monkeypatch.setattr(claims.verdicts, "findings", lambda: real_audit.copy())
    for name, frame in claims.derived().items():
        assert (paths.ROOT / name).read_text(encoding="utf-8") == claims.csv_text(frame), (
            f"{name} is stale: run reproduce"
        )
    # nothing under outputs/ repeats them (same header: the same table)
    headers = {(paths.ROOT / name).read_text(encoding="utf-8").splitlines()[0] for name in claims.derived()}
    copies = [p for p in paths.OUTPUTS.rglob("*.csv") if p.read_text(encoding="utf-8").split("\n", 1)[0] in headers]
    assert not copies, f"derived data duplicated under outputs/: {copies}"


def test_status_by_section_counts_every_statement():
    ledger = claims.load()
    table = claims.status_by_section(ledger).set_index("section")
    assert table.loc["all sections", "statements"] == len(ledger)
    assert table.loc["current_state", "inconsistent"] == int(
        ((ledger["section"] == "current_state") & (ledger["status"] == "inconsistent")).sum()
    )


def test_the_2007_milestone_is_reported_with_the_unit_slip():
    ledger = claims.load()
    assert ledger.loc["C010", "findings"] == "TEXT-2007;UNIT-CHINA"


def test_the_ledger_page_shows_values_as_printed():
    cells = load_resource("table1-cells")
    page = claims.cells_myst(cells)
    assert "| T1-2009-export_yoy_pct | Song's Table 1, row 2009, column 'Export, y/y %' | -59.0 |" in page
    assert "| T1-2008-year | Song's Table 1, row 2008, column 'Year' | 2008 |" in page
    text = claims.ledger_myst(claims.load())
    assert "| C005 |" in text and "| 2981 | km |" in text and "| 3.15 |" in text


def test_the_ledger_page_filter_examples_return_rows():
    counts = claims.filter_counts(claims.load(), load_resource("table1-cells"))
    assert set(counts) == set(claims.FILTER_EXAMPLES) and all(n > 0 for n in counts.values()), counts
    assert counts["inconsistent 2016"] == 3  # C052 and the 2016 export and import growth cells


@pytest.mark.slow
def test_the_ledger_page_filters_its_rows_in_the_browser(built_book):
    """The built page's search box (_static/ledger-filter.js, no network) narrows both tables to the matching rows."""
    from playwright import sync_api

    page_file = built_book.html / "chapters" / "appendix_claims.html"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(page_file.as_uri())
            total = len(claims.load()) + 99
            assert page.locator("#ledger-count").inner_text() == f"{total} of {total} rows shown"
            page.fill("#ledger-q", "inconsistent 2016")
            rows = page.locator("#tab-claims-text tbody tr:visible, #tab-claims-cells tbody tr:visible")
            shown = [rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())]
        finally:
            browser.close()
    assert shown == ["C052", "T1-2016-export_yoy_pct", "T1-2016-import_yoy_pct"]
