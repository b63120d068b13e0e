"""`make bench`, part by part, on small inputs (the real figures need a quiet machine and ~10 minutes)."""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from heilongjiang_russia.dev import bench
from heilongjiang_russia.pipeline import execute, variants


def test_timed_measures_a_command_and_names_a_failing_one(tmp_path):
    assert 0 < bench.timed([sys.executable, "-c", "pass"], tmp_path) < 30
    with pytest.raises(bench.BenchError, match=r"^make test: exited with 3 after \d+ s:\nplanted failure"):
        bench.timed(
            [sys.executable, "-c", "import sys; print('planted failure'); sys.exit(3)"], tmp_path, name="make test"
        )


def _notebook(body: str) -> nbformat.NotebookNode:
    return new_notebook(
        cells=[
            new_markdown_cell("# Page"),
            new_code_cell("x = 1  # a parameter", metadata={"tags": ["parameters"]}),
            new_code_cell("x = 999", metadata={"tags": ["injected-parameters"]}),  # a stale injected cell: skipped
            new_code_cell(body),
        ]
    )


def test_run_cells_runs_each_notebook_with_its_parameters_in_its_folder(tmp_path):
    (tmp_path / "a").mkdir()
    seen = tmp_path / "seen.txt"
    body = f"import os, pathlib\npathlib.Path({str(seen)!r}).open('a').write(f'{{x}} {{os.path.basename(os.getcwd())}}\\n')"
    seconds = bench.run_cells(
        [(tmp_path / "a" / "one.ipynb", _notebook(body), {"x": 21}), (tmp_path / "two.ipynb", _notebook(body), {})]
    )
    assert seconds >= 0
    assert seen.read_text().splitlines() == ["21 a", f"1 {tmp_path.name}"]


def test_run_cells_names_the_cell_that_raised(tmp_path):
    with pytest.raises(bench.BenchError, match=r"page\.ipynb: code cell 1 raised ZeroDivisionError"):
        bench.run_cells([(tmp_path / "page.ipynb", _notebook("1 / 0"), {})])


def test_the_floor_covers_every_notebook_and_builds_variants_from_their_chapter():
    found = bench.floor_notebooks()
    assert [p.resolve() for p, _, _ in found] == [p.resolve() for p in execute.toc_notebooks()]
    by_path = {p.resolve(): (nb, params) for p, nb, params in found}
    for v in variants.load():
        nb, params = by_path[v.file.resolve()]
        assert (params["start_year"], params["end_year"]) == v.years and params["run_name"] == v.name
        assert nb.cells[0].source.startswith(f"# {v.title}")
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_largest_page_counts_html_and_the_local_images_it_shows(tmp_path):
    html = tmp_path / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "_images").mkdir()
    (html / "_sources").mkdir()
    (html / "_images" / "big.svg").write_bytes(b"x" * 5000)
    (html / "_images" / "small.png").write_bytes(b"x" * 100)
    (html / "index.html").write_text("<p>" + "y" * 3000 + "</p>", encoding="utf-8")
    (html / "chapters" / "ch.html").write_text(
        '<img src="../_images/big.svg"><img alt="a" src="../_images/big.svg"><img src="../_images/small.png">'
        '<img src="https://example.org/remote.png"><img src="data:image/png;base64,AAAA">',
        encoding="utf-8",
    )
    (html / "_sources" / "huge.html").write_text("z" * 100000, encoding="utf-8")  # not a page of the book
    page = bench.largest_page(html)
    size = (html / "chapters" / "ch.html").stat().st_size
    assert page == {
        "page": "chapters/ch.html",
        "html_bytes": size,
        "image_bytes": 5100,
        "images": 2,
        "total_bytes": size + 5100,
    }


def test_verdicts_compare_each_figure_with_its_target():
    found = bench.verdicts({"floor": 20.0, "reproduce": 28.0, "book_cold": 100.0, "book_nochange": 15.0, "test": 180.0})
    assert found["reproduce_over_floor"] == {"value": 1.4, "target": 1.5, "met": True}
    assert found["book_nochange_over_cold"] == {"value": 0.15, "target": 0.1, "met": False}
    assert found["test_seconds"]["met"] is True
    assert found["test_fast_seconds"] == {"value": None, "target": 30.0, "met": False}  # not measured


def test_report_states_every_figure():
    results = {
        "seconds": {"floor": 20.0, "reproduce": 28.0},
        "targets": bench.verdicts({"floor": 20.0, "reproduce": 28.0}),
        "largest_page": {
            "page": "chapters/x.html",
            "html_bytes": 2_000_000,
            "image_bytes": 500_000,
            "images": 3,
            "total_bytes": 2_500_000,
        },
        "pdf_bytes": 4_200_000,
    }
    text = bench.report(results)
    assert "floor               20.0 s" in text and "reproduce_over_floor      1.4 (target <= 1.5)  met" in text
    assert "test_seconds              not measured" in text
    assert "chapters/x.html: 2.50 MB (2.00 MB HTML + 3 images, 0.50 MB)" in text and "PDF              4.20 MB" in text
    json.dumps(results)  # what is written to _build/bench.json
