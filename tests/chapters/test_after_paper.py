"""The chapter "After the paper, 2019–2024": conversion, shares, gaps, row status, parameters, projects,
and the chapter's contract (parameters → analyse → summary, a thin notebook)."""

from __future__ import annotations

import csv
import io
import math

import nbformat
import pandas as pd
import pytest

from heilongjiang_russia import paths
from heilongjiang_russia.chapters import after_paper as ap
from heilongjiang_russia.errors import DataValidationError, ParameterError
from heilongjiang_russia.pipeline import runner
from heilongjiang_russia.present import prose

NAN = float("nan")


def _rates():
    return pd.DataFrame(
        {
            "year": [2020, 2021],
            "cny_per_usd_official": [7.0, NAN],
            "official_confidence": ["medium", "unsourced"],
            "official_source": ["http://example.org/official", ""],
            "official_note": ["", "NOT FOUND"],
            "cny_per_usd_fed": [7.1, 6.5],
            "fed_confidence": ["medium", "medium"],
            "fed_source": ["fed", "fed"],
        }
    )


def _hlj(rows):
    return pd.DataFrame(rows, columns=["year", "variable", "value", "unit", "confidence", "source", "note"])


def _trade(total_by_year, share_by_year=None):
    share_by_year = share_by_year or {}
    frame = pd.DataFrame(
        {
            "year": list(total_by_year),
            "total": list(total_by_year.values()),
            "share_china_pct": [share_by_year.get(y, NAN) for y in total_by_year],
        }
    )
    return frame.set_index("year", drop=False)


def _china_russia(rows):
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "total_usd_bn",
            "cn_exports_to_ru_usd_bn",
            "cn_imports_from_ru_usd_bn",
            "confidence",
            "source",
            "note",
        ],
    )


PARAMS = dict(ap.DEFAULTS)


# -- conversion ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "basis, year, rate, used",
    [
        ("official_then_fed", 2020, 7.0, "official"),
        ("official_then_fed", 2021, 6.5, "Fed H.10"),
        ("fed", 2020, 7.1, "Fed H.10"),
        ("fed", 2021, 6.5, "Fed H.10"),
        ("official_only", 2020, 7.0, "official"),
    ],
)
def test_each_rate_basis_picks_the_series_it_names(basis, year, rate, used):
    table = ap.rate_table(_rates(), basis)
    assert table.loc[year, "rate"] == rate and table.loc[year, "basis"] == used


def test_official_only_leaves_a_year_without_an_official_rate_unconverted():
    table = ap.rate_table(_rates(), "official_only")
    assert math.isnan(table.loc[2021, "rate"]) and table.loc[2021, "basis"] == ""
    hlj = _hlj([(2021, "hlj_russia_trade", 130.0, "CNY bn", "high", "http://example.org/a", "")])
    levels = ap.province_levels(hlj, _rates(), "official_only")
    assert levels.loc[0, "value_cny_bn"] == 130.0 and math.isnan(levels.loc[0, "value_usd_bn"])


def test_yuan_figures_are_divided_by_the_rate_and_dollar_figures_kept():
    hlj = _hlj(
        [
            (2020, "hlj_russia_trade", 70.0, "CNY bn", "high", "http://example.org/a", ""),
            (2021, "hlj_russia_trade", 13.0, "CNY bn", "high", "http://example.org/b", ""),
            (2021, "hlj_total_foreign_trade", 3.0, "USD bn", "medium", "http://example.org/c", ""),
        ]
    )
    levels = ap.province_levels(hlj, _rates(), "official_then_fed").set_index(["variable", "year"])
    assert levels.loc[("hlj_russia_trade", 2020), "value_usd_bn"] == pytest.approx(10.0)
    assert levels.loc[("hlj_russia_trade", 2021), "value_usd_bn"] == pytest.approx(2.0)
    assert levels.loc[("hlj_russia_trade", 2021), "conversion"] == "Fed H.10 rate"
    assert levels.loc[("hlj_total_foreign_trade", 2021), "value_usd_bn"] == 3.0
    assert levels.loc[("hlj_total_foreign_trade", 2021), "conversion"] == "reported in US$"


def test_rate_choice_table_measures_how_far_apart_the_two_rates_put_a_value():
    hlj = _hlj([(2020, "hlj_russia_trade", 71.0, "CNY bn", "high", "http://example.org/a", "")])
    row = ap.rate_choice_table(hlj, _rates()).iloc[0]
    assert row["usd_official"] == pytest.approx(71 / 7.0) and row["usd_fed"] == pytest.approx(10.0)
    assert row["diff_pct"] == pytest.approx((7.1 / 7.0 - 1) * 100)
    effect = ap.rate_effect_table(hlj, _rates()).set_index("year")
    assert effect.loc[2020, "usd_fed"] == pytest.approx(10.0)
    assert effect.loc[2020, "usd_official_only"] == pytest.approx(71 / 7.0)


# -- status of a row: partial, DERIVED, missing ------------------------------------------------------


@pytest.mark.parametrize(
    "variable, expected",
    [
        ("hlj_russia_trade", ("hlj_russia_trade", "full year", 12)),
        ("hlj_russia_trade_H1", ("hlj_russia_trade", "Jan–Jun", 6)),
        ("hlj_russia_trade_Q1", ("hlj_russia_trade", "Jan–Mar", 3)),
        ("hlj_total_foreign_trade_Jan_Aug", ("hlj_total_foreign_trade", "Jan–Aug", 8)),
        ("hlj_russia_exports_Jan_Oct", ("hlj_russia_exports", "Jan–Oct", 10)),
    ],
)
def test_a_period_suffix_is_read_as_the_months_covered(variable, expected):
    assert ap.parse_variable(variable) == expected


def test_status_tells_partial_derived_and_missing_rows_from_reported_ones():
    assert ap.status(10.0, "high", "http://example.org") == "reported"
    assert ap.status(10.0, "high", "http://example.org", months=6) == "partial"
    assert ap.status(10.0, "low", "DERIVED: 2021 value / 1.3") == "derived"
    assert ap.status(NAN, "unsourced", "") == "missing"
    assert ap.status(5.0, "unsourced", "") == "missing"


def test_partial_and_derived_rows_never_enter_the_annual_series():
    hlj = _hlj(
        [
            (2020, "hlj_russia_trade", 97.4, "CNY bn", "low", "DERIVED: 2021 value / 1.348", "derived"),
            (2020, "hlj_russia_trade_Q1", 31.65, "CNY bn", "high", "http://example.org/q1", ""),
            (2021, "hlj_russia_trade_H1", 60.0, "CNY bn", "high", "http://example.org/h1", ""),
            (2021, "hlj_russia_trade", 130.0, "CNY bn", "high", "http://example.org/y", ""),
        ]
    )
    levels = ap.province_levels(hlj, _rates(), "official_then_fed")
    annual = ap.annual_usd(levels, "hlj_russia_trade", "low")
    assert list(annual["year"]) == [2021]
    assert annual.loc[2021, "value_usd_bn"] == pytest.approx(20.0)  # the full-year 130, not the half-year 60
    assert set(levels["status"]) == {"derived", "partial", "reported"}


def test_min_confidence_keeps_a_low_confidence_figure_out():
    hlj = _hlj([(2021, "hlj_russia_trade", 130.0, "CNY bn", "low", "http://example.org/y", "")])
    levels = ap.province_levels(hlj, _rates(), "fed")
    assert len(ap.annual_usd(levels, "hlj_russia_trade", "low")) == 1
    assert ap.annual_usd(levels, "hlj_russia_trade", "medium").empty


# -- the share of China–Russia trade -------------------------------------------------------------


def _share_inputs():
    trade = _trade({2018: 200.0}, {2018: 20.3})  # 200 x 10^8 US$ = US$20 bn
    cr = _china_russia(
        [
            (2018, 100.0, NAN, NAN, "high", "http://example.org/2018", ""),
            (2019, 150.0, NAN, NAN, "high", "http://example.org/2019", ""),
            (2020, 160.0, NAN, NAN, "medium", "DERIVED: 2021 / 1.3", ""),
            (2021, 260.0, NAN, NAN, "high", "http://example.org/2021", ""),
        ]
    )
    hlj = _hlj(
        [
            (2019, "hlj_russia_trade_H1", 60.0, "CNY bn", "high", "http://example.org/h1", ""),
            (2020, "hlj_russia_trade", 140.0, "CNY bn", "high", "http://example.org/2020", ""),
            (2021, "hlj_russia_trade", 130.0, "CNY bn", "high", "http://example.org/2021", ""),
        ]
    )
    return trade, cr, hlj


def test_share_is_table1_in_its_real_unit_then_the_converted_provincial_figure():
    trade, cr, hlj = _share_inputs()
    levels = ap.province_levels(hlj, _rates(), "official_then_fed")
    shares = ap.share_table(trade, ap.china_russia_rows(cr), levels, "low", years=range(2018, 2023))
    assert shares.loc[2018, "share_pct"] == pytest.approx(20.0)  # 200 / 10 / 100
    assert shares.loc[2018, "province_basis"] == "Song's Table 1" and shares.loc[2018, "printed_share_pct"] == 20.3
    assert shares.loc[2021, "share_pct"] == pytest.approx(130 / 6.5 / 260 * 100)  # 7.69 %
    assert "Fed H.10" in shares.loc[2021, "province_basis"]
    assert shares.loc[2021, "rows_or_reason"] == (
        "from external/heilongjiang_trade.csv 2021 hlj_russia_trade; external/china_russia_trade.csv 2021"
    )


def test_gaps_stay_gaps_with_the_reason():
    trade, cr, hlj = _share_inputs()
    levels = ap.province_levels(hlj, _rates(), "official_then_fed")
    shares = ap.share_table(trade, ap.china_russia_rows(cr), levels, "low", years=range(2018, 2023))
    assert math.isnan(shares.loc[2019, "share_pct"]) and "part of the year" in shares.loc[2019, "reason"]
    assert math.isnan(shares.loc[2020, "share_pct"]) and "China–Russia total only DERIVED" in shares.loc[2020, "reason"]
    assert math.isnan(shares.loc[2022, "share_pct"]) and "not found" in shares.loc[2022, "reason"]
    assert shares.loc[2019, "rows_or_reason"] == "no share: province figure for part of the year only"
    # nothing is interpolated between the known years 2018 and 2021
    assert shares["share_pct"].notna().sum() == 2


def test_official_only_makes_a_year_without_an_official_rate_not_computable():
    trade, cr, hlj = _share_inputs()
    levels = ap.province_levels(hlj, _rates(), "official_only")
    shares = ap.share_table(trade, ap.china_russia_rows(cr), levels, "low", years=range(2018, 2023))
    assert math.isnan(shares.loc[2021, "share_pct"])
    assert shares.loc[2021, "reason"] == "no exchange rate for the province's yuan figure"


def test_place_verdict_ranks_later_shares_against_the_papers_years():
    shares = pd.DataFrame({"year": [2016, 2017, 2018, 2021], "share_pct": [13.0, 15.0, 17.0, 14.0]}).set_index(
        "year", drop=False
    )
    assert ap.place_verdict(shares) == (
        "after 2018 the share was 14.0% in 2021, lower than in 2 of the 3 computable years "
        "of 2008–2018 (those years range from 13.0% to 17.0%)"
    )
    none_after = shares[shares["year"] <= 2018]
    assert "no share after 2018 can be computed" in ap.place_verdict(none_after)


# -- the real data: what a reader of the chapter sees -----------------------------------------------


@pytest.fixture(scope="module")
def inputs():
    return ap.load_inputs()


@pytest.fixture(scope="module")
def results(inputs):
    return ap.analyse(ap.check_parameters(PARAMS), inputs)


def test_the_chapters_shares_from_the_data(inputs, results):
    shares = results.shares
    assert shares.loc[2012, "share_pct"] == pytest.approx(213.1 / 10 / 88.16 * 100)  # 24.2 %: the 2012 total found
    assert shares.loc[2018, "share_pct"] == pytest.approx(181.9 / 10 / 107.06 * 100)  # 17.0 %
    assert shares.loc[2018, "province_basis"] == ap.model.TABLE1 and shares.loc[2018, "confidence"] == "high"
    assert shares.loc[2021, "share_pct"] == pytest.approx(13.86, abs=0.005)  # 131.34 CNY bn at 6.4508 (Fed H.10)
    assert shares.loc[2021, "province_usd_bn"] == pytest.approx(131.34 / 6.4508)
    # 2024: the provincial figure came only from a demo repository and was removed
    assert math.isnan(shares.loc[2024, "share_pct"]) and shares.loc[2024, "reason"] == "province figure not found"
    missing_after = [int(y) for y in shares.loc[shares["share_pct"].isna(), "year"] if y > ap.PAPER_LAST_YEAR]
    assert missing_after == [2019, 2020, 2022, 2023, 2024]


def test_the_glued_share_sentences_quote_the_share_table(inputs, results):
    facts = ap.summary(ap.check_parameters(PARAMS), results)
    assert facts["share_2012_text"] == "2012: 24.2% (Song's Table 1; high confidence)"  # 213.1 / 10 / 88.16
    assert facts["share_2018_text"] == "2018: 17.0% (Song's Table 1; high confidence)"
    assert facts["share_2021_text"] == "2021: 13.9% (131.34 CNY bn at 6.4508 CNY/US$, Fed H.10 rate; high confidence)"
    # the 2024 provincial figures came only from a demo repository: they were removed, so 2024 is not
    # computable at any confidence
    assert facts["share_2024_text"] == "2024: not computable (province figure not found)"
    assert facts["n_share_years"] == results.shares["share_pct"].notna().sum() == 11
    assert facts["share_missing_years"] == "2015, 2019, 2020 and 2022–2024"
    medium = ap.summary(inputs, ap.check_parameters({**PARAMS, "min_confidence": "medium"}))
    assert medium["share_2024_text"] == facts["share_2024_text"]


def test_rate_choice_moves_no_2021_figure_because_no_official_rate_was_found(results):
    facts = ap.summary(ap.check_parameters(PARAMS), results)
    assert facts["rate_2021_text"] == (
        "no official rate was found, so 'official_then_fed' and 'fed' both give US$20.36 bn "
        "and 'official_only' leaves the year unconverted"
    )
    assert facts["rate_max_diff_pct"] < 1.0  # official and Fed H.10 within 1% wherever both exist
    effect = results.rate_effect.set_index("year")
    assert effect.loc[2021, "usd_fed"] == effect.loc[2021, "usd_official_then_fed"] == pytest.approx(20.360, abs=1e-3)
    assert math.isnan(effect.loc[2021, "usd_official_only"])


def test_every_project_fact_has_a_source_or_says_not_found(inputs):
    projects = inputs["projects"]
    for row in projects.itertuples(index=False):
        if row.status == "not found":
            assert pd.isna(row.source) and pd.isna(row.date) and row.confidence == "unsourced", row.fact_id
        else:
            assert str(row.source).startswith("http"), row.fact_id
            assert not pd.isna(row.date), row.fact_id
    assert set(projects["project"]) >= {
        "Second line of the China–Russia crude oil pipeline (Mohe–Daqing)",
        "Tongjiang–Nizhneleninskoye railway bridge",
        "Heihe–Blagoveshchensk road bridge",
        "China (Heilongjiang) Pilot Free Trade Zone",
    }


def test_a_project_fact_without_a_source_is_refused_naming_row_and_column(tmp_path):
    source = paths.DATA / "external" / "projects.csv"
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8"))))
    header, first = rows[0], rows[1]
    assert first[header.index("status")] != "not found"
    first[header.index("source")] = ""  # a fact that claims a status but names no page
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, first])
    bad = tmp_path / "projects.csv"
    bad.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"row 1 .*column 'source'.*needs a source") as exc:
        ap.load_projects(bad)
    assert exc.value.row == 1 and exc.value.column == "source"


# -- parameters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, value",
    [
        ("rate_basis", "official"),
        ("rate_basis", 1),
        ("min_confidence", "unsourced"),
        ("show_derived", 1),
        ("show_partial", "yes"),
        ("run_name", "../elsewhere"),
    ],
)
def test_check_parameters_names_the_bad_parameter(name, value):
    with pytest.raises(ParameterError) as exc:
        ap.check_parameters({**PARAMS, name: value})
    assert exc.value.name == name


def test_check_parameters_returns_every_parameter_and_what_the_rate_basis_means():
    p = ap.check_parameters({**PARAMS, "rate_basis": "fed", "unrelated": object()})
    assert p["rate_basis"] == "fed" and p["rate_text"] == ap.RATE_BASES["fed"]
    assert set(p) == set(ap.PARAMETERS) | {"rate_text"}
    with pytest.raises(ParameterError) as exc:
        ap.check_parameters({k: v for k, v in PARAMS.items() if k != "show_partial"})
    assert exc.value.name == "show_partial"


def test_a_projects_state_is_its_latest_fact_dated_from_when_it_got_there():
    projects = pd.DataFrame(
        {
            "project": ["bridge", "bridge", "bridge", "zone"],
            "fact": ["built", "opened", "traffic doubled", "an agreement"],
            "date": ["2019-11", "2022-06-10", "2023", None],
            "status": ["completed", "in operation", "in operation", "not found"],
        }
    )
    out = ap.project_outcomes(projects).set_index("project")
    assert out.loc["bridge", "status"] == "in operation" and out.loc["bridge", "date"] == "2022-06-10"
    assert out.loc["zone", "status"] == "not found"
    assert ap.outcomes_text(out.reset_index()) == (
        "bridge: in operation since 2022-06-10 (opened); zone: not found (an agreement)"
    )


def test_years_in_prose_run_together_as_ranges():
    assert prose.year_ranges([2024, 2008, 2009, 2010, 2011, 2013, 2014, 2021]) == "2008–2011, 2013, 2014, 2021 and 2024"
    assert prose.year_ranges([]) == "none" and prose.year_ranges([2012]) == "2012"


def test_rate_years_and_disagreement_sentences_follow_the_data():
    conv = ap.rate_table(_rates(), "official_only")
    assert ap.rate_years_text(conv) == "the official rate for 2020 and no rate at all for 2021"
    shares = pd.DataFrame(
        {"year": [2013, 2016], "share_pct": [25.1, 13.2], "printed_share_pct": [21.8, 13.2]}
    ).set_index("year", drop=False)
    assert ap.disagree_text(shares).startswith(
        "the printed and the recomputed share differ by more than 1 percentage point in 2013,"
    )
    assert ap.disagree_text(shares[shares["year"] == 2016]).startswith("the printed and the recomputed share agree")


def test_province_table_lists_full_years_in_both_currencies_and_marks_derived_rows():
    hlj = _hlj(
        [
            (2020, "hlj_russia_trade", 140.0, "CNY bn", "low", "DERIVED: 2021 / 1.3", ""),
            (2020, "hlj_russia_trade_Q1", 31.0, "CNY bn", "high", "http://example.org/q1", ""),
            (2021, "hlj_total_foreign_trade", 195.0, "CNY bn", "high", "http://example.org/t", ""),
        ]
    )
    table = ap.province_table(ap.province_levels(hlj, _rates(), "official_then_fed"))
    assert list(zip(table["year"], table["status"])) == [(2020, "derived"), (2021, "reported")]
    assert table.loc[1, "value_cny_bn"] == 195.0 and table.loc[1, "value_usd_bn"] == pytest.approx(30.0)


def test_shares_the_sources_state_are_kept_apart_with_their_period():
    hlj = _hlj(
        [
            (2013, "hlj_russia_share_of_china_russia_trade", 25.1, "percent", "medium", "http://example.org/s", ""),
            (2021, "hlj_russia_share_of_china_russia_trade_H1", 14.7, "percent", "medium", "http://example.org/h", ""),
            (2021, "hlj_russia_share_of_province_trade", 65.8, "percent", "high", "http://example.org/p", ""),
        ]
    )
    stated = ap.reported_shares(hlj)
    assert list(zip(stated["year"], stated["status"])) == [(2013, "reported"), (2021, "partial")]
    assert ap.reported_shares_text(stated) == "25.1% for 2013 and 14.7% for Jan–Jun 2021"
    assert ap.reported_shares_text(stated.iloc[0:0]) == "no stated share was found"


# -- the chapter's contract: one source of defaults, results as data, a thin notebook ---------------

NOTEBOOK = paths.CHAPTERS / "07_after_the_paper.ipynb"


def test_the_notebooks_parameters_cell_declares_the_defaults_of_the_parameters_class():
    declared = {name: p.default for name, p in runner.parameters(NOTEBOOK).items()}
    assert declared == ap.DEFAULTS
    assert list(declared) == ap.PARAMETERS  # same order, so the runner lists them as the class does


def test_the_older_summary_call_gives_the_same_values(inputs, results):
    p = ap.check_parameters(PARAMS)
    assert ap.summary(inputs, p) == ap.summary(p, results)


@pytest.mark.parametrize(
    "table, frame, label",
    [
        (ap.tables.province, "province_table", "tab-after-province"),
        (ap.tables.rates, "rate_effect", "tab-after-rates"),
        (ap.tables.shares, "shares", "tab-after-share"),
        (ap.tables.paper_says, "paper_statements", "tab-after-paper-says"),
        (ap.tables.projects, "project_table", "tab-after-projects"),
    ],
)
def test_each_table_shows_every_row_of_its_results_frame(results, table, frame, label):
    text = table(results)
    body = [line for line in text.splitlines() if line.startswith("|")]
    assert f":name: {label}" in text
    assert len(body) == len(getattr(results, frame)) + 2  # heading, rule, one line per row


def test_the_notebook_is_thin():
    cells = [c for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code"]
    long = [
        c.source for c in cells if "parameters" not in c.metadata.get("tags", []) and len(c.source.splitlines()) > 15
    ]
    assert long == []
    code = "\n".join(c.source for c in cells)
    assert "after_paper.analyse(p)" in code and "inputs[" not in code and "run_name," not in code
