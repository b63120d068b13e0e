"""data/datapackage.json describes every data file, with sizes and checksums that hold."""

from __future__ import annotations

import json
import subprocess
import sys

from heilongjiang_russia import paths
from heilongjiang_russia.data import datapackage


def test_every_data_file_is_described_and_current():
    assert datapackage.problems() == []


def test_problems_name_an_undescribed_or_changed_file(data_copy):
    (data_copy / "raw" / "stray.csv").write_text("a\n1\n")
    with (data_copy / "external" / "places.csv").open("a") as f:
        f.write("\n")
    found = datapackage.problems(data_copy / "datapackage.json")
    assert "raw/stray.csv: file is not described in" in found[0]
    assert any(line.startswith("external/places.csv: bytes is ") for line in found)
    assert any(line.startswith("external/places.csv: hash is sha256:") for line in found)


def test_refresh_rewrites_only_what_changed(data_copy):
    with (data_copy / "external" / "places.csv").open("a") as f:
        f.write("\n")
    assert datapackage.refresh(data_copy / "datapackage.json") == ["external/places.csv"]
    assert datapackage.refresh(data_copy / "datapackage.json") == []


def test_table1_records_the_printed_and_the_real_unit():
    res = datapackage.resource("table1")
    assert res["unit_printed"].startswith("million US dollars")
    assert res["unit"] == "100 million US$ (10^8 US$)"
    assert {f["name"]: f.get("unit") for f in res["schema"]["fields"]}["total"] == res["unit"]
    assert res["schema"]["primaryKey"] == ["year"]
    assert "10.15826/recon.2019.5.1.002" in res["sources"][0]["path"]
    assert "Table 1" in res["sources"][0]["title"]


def test_every_resource_has_a_source_and_a_licence():
    package = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    for res in package["resources"]:
        assert res.get("sources"), res["name"]
        assert res.get("licenses"), res["name"]


def test_frictionless_finds_the_package_valid():
    """The descriptor is a valid Frictionless data package and every file matches it."""
    frictionless = [sys.executable, "-m", "frictionless", "validate", "--json", str(paths.DATAPACKAGE)]
    result = subprocess.run(frictionless, capture_output=True, text=True, cwd=paths.DATA)
    report = json.loads(result.stdout)
    errors = [(task["name"], e["message"]) for task in report["tasks"] for e in task["errors"]]
    assert report["valid"], errors
