"""Graded evidence: every outside row has a kind, refused sources are refused, kinds cannot lie."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from heilongjiang_russia import paths
from heilongjiang_russia.data import datapackage, evidence
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError

HLJ = paths.DATA / "external" / "heilongjiang_trade.csv"
ROW_2022_EXPORTS = '2022,hlj_total_exports,54.56,CNY bn,high,"https://german.news.cn'
CONVERSION_2018 = "2018,hlj_russia_trade_usd_converted,17.32,USD bn,low,"


def _planted(tmp_path, old: str, new: str):
    text = HLJ.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "heilongjiang_trade.csv"
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n")  # the header is line 0 here, so this is the data row
    return path, line


def test_a_planted_demo_source_is_refused_naming_file_row_and_column(tmp_path):
    path, row = _planted(
        tmp_path,
        ROW_2022_EXPORTS,
        '2022,hlj_total_exports,54.56,CNY bn,high,"AntonyCheng/data-cleansing@c7f0bd2:web/src/data/hlj2025.ts; '
        "https://german.news.cn",
    )
    with pytest.raises(DataValidationError) as caught:
        load_resource("heilongjiang-trade", path)
    error = caught.value
    assert (error.row, error.column) == (row, "source")
    assert str(error).startswith(
        f"{path}, row {row} (line {row + 1}), column 'source': cites AntonyCheng/data-cleansing"
    )
    assert "not a source" in str(error)


def test_no_committed_source_column_cites_a_refused_source():
    refused = datapackage.load_descriptor()["refused_sources"]
    assert [r["name"] for r in refused] == ["AntonyCheng/data-cleansing"]
    for res in datapackage.load_descriptor()["resources"]:
        if not res["path"].endswith(".csv"):
            continue
        frame = load_resource(res["name"])  # validation refuses such a row; this says where one would be
        for column in [c for c in frame.columns if evidence.is_source_field(c)]:
            cited = frame[column].dropna().astype(str)
            assert not any(evidence.refused(s, refused) for s in cited), (res["path"], column)
    # the notes may still say where a value used to come from
    assert "AntonyCheng/data-cleansing" in HLJ.read_text(encoding="utf-8")


def test_a_conversion_that_claims_the_confidence_of_a_reported_figure_is_refused(tmp_path):
    path, row = _planted(tmp_path, CONVERSION_2018, CONVERSION_2018.replace(",low,", ",medium,"))
    with pytest.raises(DataValidationError, match="conversion is not a reported figure") as caught:
        load_resource("heilongjiang-trade", path)
    assert (caught.value.row, caught.value.column) == (row, "confidence")


def _edited(tmp_path, year: int, variable: str, **cells):
    """The file with the cells of one row replaced; returns its path and the row's number."""
    rows = list(csv.reader(io.StringIO(HLJ.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    row = next(i for i, r in enumerate(rows) if r[:2] == [str(year), variable])
    for name, value in cells.items():
        rows[row][header.index(name)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path / "heilongjiang_trade.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path, row


@pytest.mark.parametrize(
    ("year", "variable", "cells", "column", "says"),
    [
        # a derived value dressed as an agency report
        (2018, "hlj_russia_trade_usd_derived", {"evidence": "agency"}, "evidence", "the source begins with 'DERIVED'"),
        # a part-year figure graded as if it covered the year
        (2017, "hlj_russia_exports_Jan_Apr", {"evidence": "agency"}, "evidence", "covers part of a year"),
        # a gap filled in while its kind still says 'not found'
        (2015, "hlj_russia_trade", {"value": "20"}, "evidence", "kind 'not found' but the value"),
        # a value whose source is gone, still graded as a report
        (2014, "hlj_russia_trade", {"value": ""}, "evidence", "no value, so the kind must be 'not found'"),
    ],
)
def test_a_kind_that_contradicts_its_row_is_refused(tmp_path, year, variable, cells, column, says):
    path, row = _edited(tmp_path, year, variable, **cells)
    with pytest.raises(DataValidationError, match=says) as caught:
        load_resource("heilongjiang-trade", path)
    assert (caught.value.row, caught.value.column) == (row, column)


def test_every_outside_series_declares_its_kind_with_the_enum():
    package = datapackage.load_descriptor()
    for name in ("heilongjiang-trade", "brent-rub", "cny-usd"):
        res = next(r for r in package["resources"] if r["name"] == name)
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        assert res["evidence"], name
        for group in res["evidence"]:
            assert fields[group["kind"]]["constraints"]["enum"] == list(evidence.KINDS)
            assert {group["value"], group["source"]} <= set(fields)


def test_the_kinds_of_the_committed_rows():
    hlj = load_resource("heilongjiang-trade").set_index(["year", "variable"])
    assert hlj.loc[(2018, "hlj_russia_trade"), "evidence"] == "secondary"
    assert hlj.loc[(2018, "hlj_russia_trade_usd_converted"), "evidence"] == "conversion"
    assert hlj.loc[(2018, "hlj_russia_trade_usd_derived"), "evidence"] == "derived"
    assert hlj.loc[(2022, "hlj_total_exports"), "evidence"] == "agency"
    for variable in ("hlj_russia_trade", "hlj_total_foreign_trade", "hlj_total_exports", "hlj_total_imports"):
        assert hlj.loc[(2024, variable), "evidence"] == "not found"  # was the demo repository's
    rates = load_resource("cny-usd").set_index("year")
    assert rates.loc[2018, "official_evidence"] == "secondary" and rates.loc[2018, "fed_evidence"] == "official"
    assert not set(load_resource("brent-rub")["brent_evidence"]) & {"conversion", "derived"}


def test_the_customs_unit_value_of_the_pipeline_crude():
    """The file holds reported values and tonnages; the unit values (US$/t, US$/bbl) are computed."""
    rows = load_resource("espo-unit-values").set_index("id")
    january = rows.loc["hrb-customs-2011-01"]
    assert january["value_usd_m"] / january["tonnage_mt"] == pytest.approx(652.5, abs=0.05)  # US$/t
    assert january["value_usd_m"] / january["tonnage_mt"] / 7.33 == pytest.approx(89.0, abs=0.05)  # US$/bbl
    cumulative = rows.loc["hrb-customs-2011-2017"]
    assert cumulative["tonnage_kind"] == "lower bound"  # 'passed 100 Mt': the unit value is an upper bound
    assert cumulative["value_usd_m"] / cumulative["tonnage_mt"] == pytest.approx(625.73)
    # the newspaper's invoice figure is a lower bound of low confidence, never a reported price
    invoice = rows.loc["kommersant-2011-01"]
    assert (invoice["value_kind"], invoice["confidence"]) == ("lower bound", "low")
    assert pd.isna(rows.loc["hlj-customs-2012-jan-may", "tonnage_mt"])
