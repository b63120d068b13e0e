"""The Eastern Silk Road Belt as data, the conclusion's evidence, and the bibliography."""

from __future__ import annotations

import json
import re

import book_sources
import nbformat
import numpy as np
import pytest

from heilongjiang_russia import paths
from heilongjiang_russia.chapters import claims, conclusion, eastern
from heilongjiang_russia.data import datapackage, table1
from heilongjiang_russia.errors import DataValidationError, ParameterError


@pytest.fixture(scope="module")
def belt():
    return eastern.load()


def _descriptor_with(data_copy):
    """The copy's descriptor, refreshed so that only the planted fault is left to find."""
    descriptor = data_copy / "datapackage.json"
    datapackage.refresh(descriptor)
    return descriptor


# --- the section as data ---------------------------------------------------------------


def test_every_number_of_the_section_is_in_the_ledger_and_agrees(belt):
    ledger = claims.load()
    numbered = belt.loc[belt["claim_id"].notna()]
    section = ledger.loc[(ledger["section"] == "eastern_belt") & (ledger["kind"] != "date"), "claim_id"]
    # every number the ledger files under the Eastern section (except the start year) has a row here, once
    assert sorted(numbered["claim_id"]) == sorted(section)
    for rec in numbered.itertuples(index=False):
        assert rec.value == pytest.approx(claims.value(rec.claim_id, ledger)), rec.item_id
        assert ledger.loc[rec.claim_id, "locator"].split(",")[1:] == rec.locator.split(",")[1:], rec.item_id


def test_five_objectives_then_results_in_the_papers_order(belt):
    assert list(belt["kind"].iloc[:5]) == ["objective"] * 5
    assert set(belt["kind"].iloc[5:]) == {"result"}
    results = belt.loc[belt["kind"] == "result"]
    assert results["objective_id"].notna().all()
    assert set(results["objective_id"]) <= set(belt.loc[belt["kind"] == "objective", "item_id"])
    paras = [int(re.search(r"para (\d+)", loc).group(1)) for loc in belt["locator"]]
    assert paras == sorted(paras)


def test_a_value_that_disagrees_with_the_ledger_is_refused_naming_row_and_column(data_copy):
    file = data_copy / "raw" / "eastern_belt.csv"
    file.write_text(
        file.read_text(encoding="utf-8").replace(",C023,3.15,USD bn,", ",C023,3.5,USD bn,"), encoding="utf-8"
    )
    with pytest.raises(DataValidationError) as err:
        eastern.load(file, descriptor=_descriptor_with(data_copy))
    assert "row 11 (line 12), column 'value'" in str(err.value) and "C023" in str(err.value)


def test_a_claim_the_ledger_lacks_is_refused(data_copy):
    file = data_copy / "raw" / "eastern_belt.csv"
    file.write_text(file.read_text(encoding="utf-8").replace(",C026,13,", ",C926,13,"), encoding="utf-8")
    with pytest.raises(
        DataValidationError, match=r"row 15 \(line 16\), column 'claim_id': claim 'C926' is not in data/claims.csv"
    ):
        eastern.load(file, descriptor=_descriptor_with(data_copy))


def test_an_unknown_stage_is_refused_by_the_schema(data_copy):
    file = data_copy / "raw" / "eastern_belt.csv"
    file.write_text(file.read_text(encoding="utf-8").replace(",approved,", ",nearly done,"), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"row 19 \(line 20\), column 'stage': 'nearly done' is not one of"):
        eastern.load(file, descriptor=_descriptor_with(data_copy))


# --- what the chapter computes -------------------------------------------------------------


def test_money_converts_yuan_and_implies_the_earlier_values(belt):
    money = eastern.money(belt, 6.1428).set_index("item_id")
    assert money.loc["E13", "usd_bn"] == pytest.approx(68.3 / 6.1428, abs=1e-4)  # about 11.12
    assert money.loc["E06", "implied_previous_usd_bn"] == pytest.approx(1 / 1.2, abs=1e-4)
    assert money.loc["E29", "implied_previous_usd_bn"] == pytest.approx(5 / 1.111, abs=1e-4)
    assert np.isnan(money.loc["E11", "implied_previous_usd_bn"])
    # a reader's other rate changes only the converted amount
    assert eastern.money(belt, 7.0).set_index("item_id").loc["E13", "usd_bn"] == pytest.approx(68.3 / 7, abs=1e-4)


@pytest.mark.parametrize("rate", [0, -6.1, 614.28, "6.1"])
def test_an_implausible_exchange_rate_is_refused_naming_the_parameter(belt, rate):
    with pytest.raises(ParameterError, match="cny_per_usd"):
        eastern.money(belt, rate)


def test_themes_filter_the_tables_and_an_unknown_theme_is_named(belt):
    assert list(eastern.money(belt, 6.1428, ["expo"])["item_id"]) == ["E11", "E13"]
    with pytest.raises(ParameterError, match="themes: 'railways' not allowed"):
        eastern.money(belt, 6.1428, ["railways"])
    with pytest.raises(ParameterError, match="themes: none of the chosen themes has a reported result"):
        eastern.results_as_myst(belt.loc[belt["kind"] == "objective"], ["rail"])


def test_sums_of_different_kinds_are_a_table_not_one_axis(belt):
    text = eastern.money_myst(eastern.money(belt, 6.1428), 6.1428)
    assert ":name: tab-eastern-money" in text and "not one of Song's" in text
    assert (
        "| E13 | Cooperation agreements, first Expo | value of cooperation agreements signed | 68.3 bn yuan | 11.12 |"
        in text
    )
    assert "lower bound of foreign capital used" in text
    assert not hasattr(eastern, "money_figure") and not hasattr(eastern, "rail_schedule")


@pytest.fixture(scope="module")
def judged(belt):
    return eastern.judge(eastern.load_checks(), belt).set_index("check_id")


def test_foreign_capital_against_the_provincial_statistics(judged):
    # 2015 (HKTDC, from the provincial yearbook): US$5.449 bn, +7.1%; no 2014 figure was found
    assert judged.loc["X01", "verdict"] == "consistent" and judged.loc["X01", "year"] == 2015
    assert judged.loc["X02", "verdict"] == "differs"
    assert (
        "7.1% against the paper's 11.1%: 4.0 percentage points apart, beyond the rounding of both (±0.1)"
        in judged.loc["X02", "shows"]
    )
    assert judged.loc["X01", "shows"] == "Read as a 2015 figure, US$5.449 bn exceeds the paper's 'more than US$5 bn'"
    assert judged.loc["X03", "verdict"] == "not checkable" and judged.loc["X03", "outside"] == "not found"


def test_warsaw_trains_against_all_china_europe_trains_of_2014(judged):
    # 1.3 a day for a year is about 474 trains; China Railway counted 308 on every route in 2014
    assert judged.loc["X04", "verdict"] == "differs"
    assert "about 474 trains in the year, more than the 308 China–Europe trains" in judged.loc["X04", "shows"]
    assert "part of a year could still hold" in judged.loc["X04", "shows"]
    # a planning target and another service are context, never a verdict
    assert set(judged.loc[["X05", "X06"], "verdict"]) == {"not checkable"}


def test_verdicts_follow_the_outside_figure(belt):
    checks = eastern.load_checks()
    checks.loc[checks["check_id"] == "X04", "outside_value"] = 500.0
    checks.loc[checks["check_id"] == "X02", "outside_value"] = 11.15
    checks.loc[checks["check_id"] == "X01", "outside_value"] = 4.9
    j = eastern.judge(checks, belt).set_index("check_id")
    assert j.loc["X04", "verdict"] == "consistent" and "possible, not confirmed" in j.loc["X04", "shows"]
    assert j.loc["X02", "verdict"] == "consistent"  # 11.15 against 11.1: within the rounding of both
    assert j.loc["X01", "verdict"] == "differs" and "does not exceed" in j.loc["X01", "shows"]
    summary = eastern.checks_summary(j.reset_index())
    assert (summary["consistent"], summary["differs"], summary["not_checkable"]) == (2, 1, 3)


def test_every_found_figure_names_its_source_and_a_gap_stays_a_gap():
    checks = eastern.load_checks()
    found = checks["outside_value"].notna()
    assert checks.loc[found, "source"].str.startswith("http").all()
    assert (checks.loc[~found, "confidence"] == "unsourced").all() and checks.loc[~found, "source"].isna().all()
    assert set(checks["claim_id"]) <= set(claims.load().index)


def test_the_default_rate_is_the_official_2014_average():
    from heilongjiang_russia.data.validation import load_resource

    rates = load_resource("cny-usd")
    check = eastern.rate_check(eastern.Parameters().cny_per_usd, rates)
    assert check.matches_official and check.official == 6.1428 and check.fed == pytest.approx(6.162)
    assert check.gap_fed_pct == pytest.approx(-0.31, abs=0.01)
    other = eastern.rate_check(6.2, rates)
    assert not other.matches_official and other.gap_official_pct == pytest.approx(0.93, abs=0.005)
    assert "differs from the official annual average of 2014 (6.1428) by +0.93%" in other.verdict


def test_checks_table_and_figure(belt, judged):
    from heilongjiang_russia.data.validation import load_resource
    from heilongjiang_russia.present import figures

    figures.setup()
    j = judged.reset_index()
    text = eastern.checks_myst(j)
    assert ":name: tab-eastern-checks" in text and text.count("\n| X0") == 6
    rate = eastern.rate_check(6.1428, load_resource("cny-usd"))
    fig = eastern.checks_figure(j, rate, 6.1428)
    assert "paper_value" not in eastern.checks_download(j) and len(eastern.checks_download(j)) == 6
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    # one panel per tested quantity, each on its own axis, and the rate
    assert len(fig.axes) == 4 and titles[0].startswith("X01") and titles[2].startswith("X04")
    assert "(trains a year): differs" in titles[2] and titles[3].startswith("Conversion rate")


def test_objectives_table_shows_energy_has_no_number(belt):
    table = eastern.objectives_table(belt).set_index("item_id")
    assert table.loc["E04", "with_number"] == 0 and table.loc["E04", "results"] == 3
    assert table["results"].sum() == (belt["kind"] == "result").sum()
    myst = eastern.objectives_as_myst(eastern.objectives_table(belt))
    assert ":name: tab-eastern-objectives" in myst and "2 preliminary work; 1 approved" in myst


# --- what the chapter glues ------------------------------------------------------------------


@pytest.fixture(scope="module")
def result():
    return eastern.analyse(eastern.Parameters().values())


def test_the_values_the_chapter_glues(result):
    objectives = eastern.objective_facts(result)
    assert (objectives["n_objectives"], objectives["n_results"], objectives["n_with_number"]) == (5, 26, 18)
    assert (objectives["energy_results"], objectives["energy_numbers"]) == (3, 0)
    assert (objectives["services_results"], objectives["services_numbers"]) == (8, 6)
    assert objectives["first_year"] == 2014
    money = eastern.money_facts(result)
    assert money["rate"] == 6.1428 and money["agreements_usd"] == pytest.approx(68.3 / 6.1428)
    assert money["invest_before"] == pytest.approx(1 / 1.2) and money["fdi_before"] == pytest.approx(5 / 1.111)
    counts = eastern.count_facts(result)
    assert counts == {"banks_hlj": 10, "banks_ru": 24, "banks_ratio": 2.4, "ports": 13, "visa": 8, "agreements": 260}
    checks = eastern.check_facts(result)
    assert (checks["per_day"], checks["journey"], checks["n_checks"], checks["n_claims"]) == (1.3, 13, 6, 4)
    assert (checks["consistent"], checks["differs"], checks["not_checkable"]) == (1, 2, 3)
    assert checks["differs_claims"] == "C036, C030" and checks["rate_year"] == 2014
    assert checks["rate_verdict"].startswith("The rate used, 6.1428, is the official annual average of 2014")
    assert eastern.route_facts(result) == {"days_saved": 7, "cost_cut": 20, "ecommerce": 40}


def test_notebook_parameters_cell_states_the_package_defaults():
    """One source of defaults: the parameters cell the runner reads holds the values of eastern.Parameters."""
    from heilongjiang_russia.pipeline import runner

    declared = runner.parameters(paths.CHAPTERS / "03_eastern_silk_road_belt.ipynb")
    defaults = eastern.Parameters().values()
    assert {name: p.default for name, p in declared.items()} == defaults
    assert defaults["themes"] == eastern.THEMES
    assert eastern.check_parameters(defaults) == defaults


def test_decimals_are_counted_on_the_number():
    from heilongjiang_russia.chapters.eastern import outside

    assert [outside._decimals(x) for x in (11.1, 5.449, 308, 1.3, 1e6, 0.05)] == [1, 3, 0, 1, 0, 2]


# --- the conclusion -----------------------------------------------------------------------------


def test_the_conclusions_decline_year_is_not_the_steepest_fall_in_table1():
    turn = conclusion.trade_turn(table1.load())
    assert turn["named_year"] == 2016 and turn["named_year_pct"] == pytest.approx(-15.3)
    assert turn["steepest_year"] == 2015 and turn["steepest_pct"] == pytest.approx(-53.4)
    assert not turn["named_is_steepest"]
    assert turn["recovery_all_positive"] and turn["recovery_year"] == 2017


def test_each_recommendation_has_evidence_and_a_limit(belt):
    recs = conclusion.load()
    assert list(recs["rec_id"]) == ["R1", "R2", "R3", "R4", "R5"]
    assert len(recs) == claims.value("C060")  # the ledger's count of the measures the paper lists
    table = conclusion.evidence(table1.load(), belt, recs).set_index("rec_id")
    assert "from 38.4% to 6.2%" in table.loc["R1", "can_say"]  # export share of trade with Russia, 2014 -> 2018
    assert "24.2% in 2012" in table.loc["R3", "can_say"]
    assert "93.8%" in table.loc["R4", "can_say"]
    # both European routes now keep their Russian trunk line (the Trans-Siberian) as a place
    assert (
        "(T2-02, T2-04) plan routes on to Hamburg or Rotterdam, all through Suifenhe, "
        "Manzhouli and Trans-Siberian Railway" in table.loc["R3", "can_say"]
    )
    assert all(len(text) > 40 for text in table["cannot_say"])


def _labels_in_book() -> set[str]:
    found = set()
    for nb_path in paths.CHAPTERS.rglob("*.ipynb"):
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            figure = cell.metadata.get("mystnb", {}).get("figure", {})
            if figure.get("name"):
                found.add(figure["name"])
            for out in cell.get("outputs", []):
                text = out.get("data", {}).get("text/markdown", "")
                found.update(re.findall(r":name: (\S+)", "".join(text)))
    for md in paths.CHAPTERS.rglob("*.md"):
        found.update(re.findall(r":name: (\S+)", md.read_text(encoding="utf-8")))
    return found


def test_every_cross_reference_of_the_conclusion_points_to_a_label_in_the_book(belt):
    table = conclusion.evidence(table1.load(), belt, conclusion.load())
    cited = set(re.findall(r"\{numref\}`([^`]+)`", " ".join(table["evidence"])))
    assert cited and cited <= _labels_in_book()


# --- the bibliography --------------------------------------------------------------------------


def _bib_entries() -> dict[str, str]:
    text = (paths.ROOT / "references.bib").read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"@\w+\{(\w+),(.*?)\n\}", text, re.S)}


def test_bibliography_holds_the_paper_and_its_18_references_once_each():
    entries = _bib_entries()
    numbers = sorted(
        int(m.group(1)) for body in entries.values() for m in re.finditer(r"refnumber\s*=\s*\{(\d+)\}", body)
    )
    assert numbers == list(range(1, 19))
    assert "song2019" in entries and "10.15826/recon.2019.5.1.002" in entries["song2019"]
    # the paper prints no DOI for its references: none may be invented
    assert sum("doi" in body for body in entries.values()) == 1


def test_references_page_maps_every_number_to_its_entry():
    entries = _bib_entries()
    page = (paths.CHAPTERS / "references.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| \{cite:t\}`(\w+)` \|", page, re.M)
    assert len(rows) == 18
    for number, key in rows:
        assert re.search(rf"refnumber\s*=\s*\{{{number}\}}", entries[key]), (number, key)


def test_every_key_cited_in_the_book_is_in_references_bib():
    entries = _bib_entries()
    sources = [p.read_text(encoding="utf-8") for p in paths.CHAPTERS.rglob("*.md")]
    sources.append((paths.ROOT / "index.md").read_text(encoding="utf-8"))
    for nb_path in paths.CHAPTERS.rglob("*.ipynb"):
        sources.extend(c.source for c in nbformat.read(nb_path, as_version=4).cells if c.cell_type == "markdown")
    cited = {
        key for text in sources for group in re.findall(r"\{cite:[tp]\}`([^`]+)`", text) for key in group.split(",")
    }
    assert {"song2019", "hlj2014workplan", "hljstats2014", "sui2016", "ma2018"} <= cited
    assert cited <= set(entries), cited - set(entries)


def test_eastern_resource_is_described_with_units_and_licence():
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    res = next(r for r in package["resources"] if r["name"] == eastern.RESOURCE)
    assert res["path"] == "raw/eastern_belt.csv" and res["licenses"][0]["name"] == "CC-BY-4.0"
    stages = next(f for f in res["schema"]["fields"] if f["name"] == "stage")["constraints"]["enum"]
    assert stages == eastern.STAGES


@pytest.mark.slow
def test_chapter_3_runs_with_a_readers_parameters(tmp_path, monkeypatch):
    """Another rate and a subset of themes: the chapter runs, and its numbers follow the parameters."""
    import papermill as pm

    monkeypatch.setenv("HLJRU_STAGING", str(tmp_path / "staging"))  # keeps outputs/ untouched
    out = tmp_path / "03.ipynb"
    pm.execute_notebook(
        str(paths.CHAPTERS / "03_eastern_silk_road_belt.ipynb"),
        str(out),
        cwd=str(paths.CHAPTERS),
        parameters={"cny_per_usd": 7.0, "themes": ["rail", "logistics"], "run_name": "reader"},
        kernel_name="python3",
        progress_bar=False,
    )
    nb = nbformat.read(out, as_version=4)
    outs = [o for c in nb.cells for o in c.get("outputs", [])]
    glued = book_sources.glued(nb)
    assert float(glued["agreements_usd"]) == pytest.approx(68.3 / 7)
    assert float(glued["rate"]) == 7.0
    assert "differs from the official annual average of 2014 (6.1428) by +13.95%" in glued["rate_verdict"]
    results = next(
        "".join(o["data"]["text/markdown"])
        for o in outs
        if "tab-eastern-results" in "".join(o.get("data", {}).get("text/markdown", ""))
    )
    assert "| E24 |" in results and "| E26 |" in results and "| E06 |" not in results  # only rail and logistics
    checks = (tmp_path / "staging" / "reader" / "fig-eastern-checks.csv").read_text().splitlines()
    assert len(checks) == 1 + 6  # every comparison, whatever the themes


@pytest.mark.slow  # the `check` command validates the whole package in a subprocess
def test_check_command_names_a_value_that_disagrees_with_the_ledger(tmp_path):
    """`python -m heilongjiang_russia check` (the first step of `make book`) refuses the damaged file."""
    import os
    import shutil
    import subprocess
    import sys

    root = tmp_path / "repo"
    shutil.copytree(paths.DATA, root / "data")
    shutil.copy(paths.TOC, root / "_toc.yml")
    file = root / "data" / "raw" / "eastern_belt.csv"
    file.write_text(file.read_text(encoding="utf-8").replace(",C030,1.3,", ",C030,3.1,"), encoding="utf-8")
    datapackage.refresh(root / "data" / "datapackage.json")
    result = subprocess.run(
        [sys.executable, "-m", "heilongjiang_russia", "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "HLJRU_ROOT": str(root)},
    )
    assert result.returncode == 1
    assert (
        "data/raw/eastern_belt.csv, row 24 (line 25), column 'value': value 3.1 differs from C030 "
        "in data/claims.csv (1.3)"
    ) in result.stderr
