"""Table 1 loads only when it matches its schema and checksum; each kind of damage is named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from heilongjiang_russia.chapters import current_state
from heilongjiang_russia.data import table1
from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError, ParameterError


def load(data: Path):
    return table1.load(data / "raw" / "table1.csv", descriptor=data / "datapackage.json")


def edit(data: Path, old: str, new: str, count: int = 1) -> None:
    file = data / "raw" / "table1.csv"
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test set-up: {old!r} not in table1.csv"
    file.write_text(text.replace(old, new, count), encoding="utf-8")


def test_loads_the_printed_table():
    t = table1.load()
    assert list(t["year"]) == list(range(2008, 2019))
    assert t.loc[2008, "total"] == 110.6
    assert t.loc[2011, "import_yoy_pct"] == 360.0
    assert t.loc[2018, "share_province_pct"] == 69.8
    assert t["year"].dtype == "int64" and t["total"].dtype == "float64"


def test_intact_copy_loads(data_copy):
    assert len(load(data_copy)) == 11


def test_missing_file(data_copy):
    (data_copy / "raw" / "table1.csv").unlink()
    with pytest.raises(DataValidationError, match=r"table1\.csv: file not found"):
        load(data_copy)


def test_missing_column(data_copy):
    file = data_copy / "raw" / "table1.csv"
    lines = [",".join(line.split(",")[:-1]) for line in file.read_text().splitlines()]
    file.write_text("\n".join(lines) + "\n")
    with pytest.raises(
        DataValidationError, match=r"missing column\(s\) 'share_china_pct'; expected columns: year,total"
    ):
        load(data_copy)


def test_extra_column(data_copy):
    file = data_copy / "raw" / "table1.csv"
    lines = file.read_text().splitlines()
    lines = [lines[0] + ",note"] + [line + ",x" for line in lines[1:]]
    file.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataValidationError, match=r"unexpected column\(s\) 'note'"):
        load(data_copy)


def test_renamed_column(data_copy):
    edit(data_copy, "export_yoy_pct", "export_growth")
    with pytest.raises(
        DataValidationError,
        match=r"column 'export_growth': column 5 is named 'export_growth', expected 'export_yoy_pct'",
    ):
        load(data_copy)


def test_non_numeric_cell(data_copy):
    edit(data_copy, "2012,213.1,12.2,51.6", "2012,213.1,12.2,5l.6")
    with pytest.raises(
        DataValidationError, match=r"row 5 \(line 6\), column 'export': expected a number, found '5l\.6'"
    ):
        load(data_copy)


def test_empty_cell(data_copy):
    edit(data_copy, "2015,108.5,-53.4,20.8", "2015,,-53.4,20.8")
    with pytest.raises(DataValidationError, match=r"row 8 \(line 9\), column 'total': empty cell; a value is required"):
        load(data_copy)


def test_duplicate_year(data_copy):
    edit(data_copy, "2013,223.6", "2012,223.6")
    with pytest.raises(
        DataValidationError, match=r"row 6 \(line 7\), column 'year': duplicate value 2012 \(also in row 5\)"
    ):
        load(data_copy)


def test_year_out_of_range(data_copy):
    edit(data_copy, "2009,55.8", "1909,55.8")
    with pytest.raises(DataValidationError, match=r"row 2 \(line 3\), column 'year': 1909 is below the minimum 2000"):
        load(data_copy)


def test_year_not_an_integer(data_copy):
    edit(data_copy, "2009,55.8", "2009.5,55.8")
    with pytest.raises(
        DataValidationError, match=r"row 2 \(line 3\), column 'year': expected an integer, found '2009\.5'"
    ):
        load(data_copy)


def test_negative_value(data_copy):
    edit(data_copy, "2016,91.9,-15.3,17.0", "2016,91.9,-15.3,-17.0")
    with pytest.raises(DataValidationError, match=r"row 9 \(line 10\), column 'export': -17\.0 is below the minimum 0"):
        load(data_copy)


def test_share_above_100(data_copy):
    edit(data_copy, "69.8,17.3", "169.8,17.3")
    with pytest.raises(
        DataValidationError, match=r"row 11 \(line 12\), column 'share_province_pct': 169\.8 is above the maximum 100"
    ):
        load(data_copy)


def test_ragged_row(data_copy):
    edit(data_copy, "2010,74.7,34.0,", "2010,74.7,34.0,1,")
    with pytest.raises(DataValidationError, match=r"row 3 \(line 4\): has 10 fields, the header has 9"):
        load(data_copy)


def test_changed_bytes_fail_the_checksum(data_copy):
    edit(data_copy, "2008,110.6", "2008,110.7")  # still a valid table, but not the transcription
    with pytest.raises(
        DataValidationError,
        match=r"table1\.csv: checksum mismatch: sha256 is [0-9a-f]{64}, data/datapackage\.json expects [0-9a-f]{64}",
    ):
        load(data_copy)


def test_byte_order_mark(data_copy):
    file = data_copy / "raw" / "table1.csv"
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    with pytest.raises(
        DataValidationError, match=r"starts with a UTF-8 byte-order mark \(BOM\); expected UTF-8 without BOM"
    ):
        load(data_copy)


def test_wrong_encoding(data_copy):
    file = data_copy / "raw" / "table1.csv"
    file.write_bytes(file.read_bytes().replace(b"year,", "année,".encode("latin-1"), 1))
    with pytest.raises(DataValidationError, match=r"not valid UTF-8: byte 0xe9 at offset 3; expected UTF-8 text"):
        load(data_copy)


def test_header_only(data_copy):
    file = data_copy / "raw" / "table1.csv"
    file.write_text(file.read_text().splitlines()[0] + "\n")
    with pytest.raises(DataValidationError, match=r"has a header but no data rows"):
        load(data_copy)


def test_another_file_with_the_same_schema_needs_no_checksum(tmp_path):
    """A corrected or extended table is accepted on its schema alone."""
    extended = tmp_path / "table1_extended.csv"
    text = table1.load().to_csv(index=False, float_format="%.1f")
    extended.write_text(text + "2019,200.0,10.0,20.0,78.6,180.0,5.4,70.0,18.1\n")
    t = table1.load(extended)
    assert t["year"].max() == 2019 and t.loc[2019, "total"] == 200.0


def test_error_names_file_row_and_column(data_copy):
    edit(data_copy, "2014,232.6,4.1,89.3,29.2,143.5", "2014,232.6,4.1,89.3,29.2,n/a")
    with pytest.raises(DataValidationError) as info:
        load(data_copy)
    assert (info.value.file, info.value.row, info.value.column) == (str(data_copy / "raw" / "table1.csv"), 7, "import")


@pytest.mark.parametrize("unit, factor", [("printed", 1.0), ("usd_bn", 0.1), ("usd_m", 100.0)])
def test_units(unit, factor):
    tidy = table1.tidy(table1.load(), unit)
    total_2008 = tidy[(tidy.year == 2008) & (tidy.flow == "total")]["value"].item()
    assert total_2008 == pytest.approx(110.6 * factor)


def test_unknown_unit_is_refused():
    with pytest.raises(ParameterError, match=r"unit: 'yuan' is not allowed; choose one of printed, usd_bn, usd_m"):
        table1.unit_factor("yuan")


@pytest.mark.parametrize(
    "start, end, message",
    [
        (2005, 2018, "start_year: 2005 is outside the data (2008–2018)"),
        (2008, 2020, "end_year: 2020 is outside the data (2008–2018)"),
        (2015, 2010, "start_year: 2015 is after end_year 2010"),
    ],
)
def test_window_refuses_bad_years(start, end, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        table1.window(table1.load(), start, end)


def test_myst_table_is_numbered_and_complete():
    text = current_state.table1_myst(table1.load())
    assert text.startswith(":::{table} ") and ":name: tab-table1" in text
    assert "| 2011 | 189.9 | 154.0 | 43.5 | 1.5 | 146.4 | 360.0 | 49.3 | 24.0 |" in text
    assert text.count("\n| 20") == 11


# -- rules of data/datapackage.json that frictionless enforces for every resource --------------


def test_a_pattern_is_enforced(data_copy):
    file = data_copy / "raw" / "recommendations.csv"
    lines = file.read_text(encoding="utf-8").splitlines()
    lines[1] = "Rx" + lines[1][2:]  # the first rec_id, R1
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(
        DataValidationError,
        match=r"recommendations\.csv, row 1 \(line 2\), column 'rec_id': 'Rx' does not match the pattern",
    ):
        load_resource("recommendations", descriptor=data_copy / "datapackage.json")


def test_a_foreign_key_is_enforced(data_copy):
    """Every cell of data/table1_cells.csv names a year of Table 1."""
    file = data_copy / "table1_cells.csv"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("T1-2008-year,2008,", "T1-2008-year,2030,", 1), encoding="utf-8")
    with pytest.raises(
        DataValidationError,
        match=r"table1_cells\.csv, row 1 \(line 2\), column 'year': 2030 is not a year of data/raw/table1\.csv",
    ):
        load_resource("table1-cells", descriptor=data_copy / "datapackage.json")


def test_spaces_around_a_value_are_refused(data_copy):
    edit(data_copy, "2012,213.1,", "2012, 213.1,")
    with pytest.raises(
        DataValidationError, match=r"row 5 \(line 6\), column 'total': value ' 213\.1' has leading or trailing spaces"
    ):
        load(data_copy)


def test_frictionless_is_asked_once_about_the_same_bytes(data_copy, tmp_path, monkeypatch):
    """A verdict on a table is kept by the bytes it depends on; changed bytes are validated again."""
    from heilongjiang_russia.data import validation

    monkeypatch.setattr(validation, "VALID_CACHE", tmp_path / "verdicts")
    calls = []
    real = validation._frictionless_errors
    monkeypatch.setattr(validation, "_frictionless_errors", lambda *a: calls.append(a[0].name) or real(*a))
    validation._validated.cache_clear()  # the in-process cache
    assert len(load(data_copy)) == 11 and calls == ["table1.csv"]
    validation._validated.cache_clear()
    assert len(load(data_copy)) == 11 and calls == ["table1.csv"]  # a new process would not ask again
    assert len(list((tmp_path / "verdicts").iterdir())) == 1
    edit(data_copy, "2009,55.8", "1909,55.8")
    with pytest.raises(DataValidationError, match=r"1909 is below the minimum 2000"):
        load(data_copy)
    assert calls == ["table1.csv", "table1.csv"]
