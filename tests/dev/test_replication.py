"""REPLICATION.md, the replication README (issue 22): what the generator writes, and that it
lists every numbered table and figure of the built book under the number the book gives it."""

from __future__ import annotations

import difflib
import json

import book_sources
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from heilongjiang_russia import paths
from heilongjiang_russia.dev import replication

TEMPLATE_PARTS = [
    "## Overview",
    "## Data availability and provenance statements",
    "### Statement about rights",
    "### License for data",
    "### Summary of availability",
    "### Details on each data source",
    "## Dataset list",
    "## Computational requirements",
    "### Software requirements",
    "### Memory and runtime requirements",
    "## Description of programs/code",
    "### License for code",
    "## Instructions to replicators",
    "## List of tables and programs",
    "## References",
]


@pytest.fixture(scope="module")
def written() -> str:
    return replication.render()


def test_replication_md_is_what_the_generator_writes_now(written):
    committed = (paths.ROOT / replication.TARGET).read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(committed.splitlines(), written.splitlines(), "committed", "generated", n=0))
    assert not diff, "REPLICATION.md is not what `make replication` writes now:\n" + "\n".join(diff[:40])


def test_it_has_the_parts_of_the_template_in_order(written):
    lines = written.splitlines()
    positions = [lines.index(part) if part in lines else -1 for part in TEMPLATE_PARTS]
    assert -1 not in positions, [p for p, at in zip(TEMPLATE_PARTS, positions) if at < 0]
    assert positions == sorted(positions)
    assert "https://doi.org/10.5281/zenodo.7293838" in written  # the template, cited


def test_every_data_file_is_listed_with_its_source_and_licence(written):
    descriptor = json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))
    table = written.split("## Dataset list", 1)[1].split("\n## ", 1)[0]
    rows = {line.split(" | ")[0].strip("| `"): line for line in table.splitlines() if line.startswith("| `data/")}
    assert set(rows) == {f"data/{r['path']}" for r in descriptor["resources"]}
    for resource in descriptor["resources"]:
        for licence in resource["licenses"]:
            assert licence["name"] in rows[f"data/{resource['path']}"], resource["path"]
    statements = written.split("### Details on each data source", 1)[1].split("## Dataset list", 1)[0]
    for resource in descriptor["resources"]:  # each file is covered by a provenance statement
        assert f"`data/{resource['path']}`" in statements, resource["path"]


def test_the_software_versions_are_the_locked_ones(written):
    pins = replication.pinned(paths.ROOT)
    for name in ("pandas", "papermill", "jupyter-book", "Sphinx", "matplotlib"):
        assert f"`{name}` {pins[name.lower()]}" in written, name
    for package in replication.debian_packages(paths.ROOT):
        assert f"`{package}`" in written, package


def test_the_requirements_state_measured_run_times_and_memory(written):
    measured = json.loads(replication.MEASURED.read_text(encoding="utf-8"))
    for step in ("setup", "reproduce", "book_cold", "book_nochange", "pdf", "test_fast"):
        figures = measured["steps"][step]
        assert figures["seconds"] > 0 and figures["peak_rss_mib"] > 0 and figures["machine"] in measured["machines"]
        assert f"| {step} | " in written and f"{figures['seconds']:.1f}" in written, step
    notebooks = {p.docname for p in book_sources.book_pages() if p.path.suffix == ".ipynb"}
    assert measured["kernels"] and set(measured["kernels"]) <= notebooks  # no kernel of a page the book dropped
    heaviest = max(measured["kernels"].values(), key=lambda k: k["peak_rss_mib"])
    assert f"A chapter's kernel needs at most {heaviest['peak_rss_mib']:.0f} MiB" in written
    machine = next(iter(measured["machines"].values()))
    assert f"{machine['cpus']} cores" in written and f"{machine['memory_gib']} GiB" in written


def _notebook_repo(tmp_path):
    """A two-page book: a notebook with two tables and a figure (its CSV offered after it), a page
    with a table in MyST."""
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nparts:\n  - caption: P\n    chapters:\n"
        "      - file: chapters/a\n      - file: chapters/b\n"
    )
    (tmp_path / "index.md").write_text("# Home\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    table = ":::{table} Caption of A\n:name: tab-a\n:align: left\n\n| x |\n|---|\n| 1 |\n:::\n"
    second = ":::{table} Caption of B, wide\n:name: tab-b\n\n| y |\n|---|\n| 2 |\n:::\n"
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Chapter A"),
            new_code_cell("from IPython.display import Markdown\n\nfrom heilongjiang_russia import figures, m, tables"),
            new_code_cell("frame = m.make_frame(1)", metadata={"tags": ["remove-cell"]}),
            new_code_cell(
                "Markdown(tables.myst_table(frame, {}, 'Caption of A', 'tab-a'))",
                execution_count=3,
                outputs=[new_output("execute_result", {"text/markdown": table}, execution_count=3)],
            ),
            new_code_cell(
                "figures.show(m.plot(frame))",
                execution_count=4,
                metadata={"mystnb": {"figure": {"caption": "A figure.", "name": "fig-a"}}},
                outputs=[new_output("display_data", {"image/png": "iVBORw0KGgo="})],
            ),
            new_code_cell(
                "outputs.offer(frame, 'a', 'fig-a', 'the figure')",
                execution_count=5,
                metadata={"tags": ["remove-input"]},
                outputs=[
                    new_output(
                        "execute_result",
                        {
                            "text/markdown": "{download}`Download the data behind the figure (CSV) <../outputs/a/fig-a.csv>`"
                        },
                        execution_count=5,
                    )
                ],
            ),
            new_markdown_cell("Some text."),
            new_code_cell(
                "Markdown(m.b_myst(frame))",
                execution_count=6,
                outputs=[new_output("execute_result", {"text/markdown": second}, execution_count=6)],
            ),
        ]
    )
    nbformat.write(nb, tmp_path / "chapters" / "a.ipynb")
    (tmp_path / "chapters" / "b.md").write_text(
        "# Page B\n\n```{table} A table written in the page\n:name: tab-c\n\n| z |\n|---|\n| 3 |\n```\n"
    )
    return tmp_path


def test_exhibits_are_numbered_per_chapter_and_traced_to_their_function_and_file(tmp_path):
    found = replication.exhibits(_notebook_repo(tmp_path))
    assert [(i.number, i.label, i.docname) for i in found] == [
        ("Table 1.1", "tab-a", "chapters/a"),
        ("Fig. 1.1", "fig-a", "chapters/a"),
        ("Table 1.2", "tab-b", "chapters/a"),
        ("Table 2.1", "tab-c", "chapters/b"),
    ]
    table_a, figure, table_b, page_table = found
    # the generic table helper is named after the function that made its data (in a hidden cell)
    assert table_a.made_by == ["heilongjiang_russia.m.make_frame", "heilongjiang_russia.tables.myst_table"]
    assert (table_a.cell, table_a.outputs) == (3, [])  # "the data behind the figure" is not the table's
    assert figure.made_by == ["heilongjiang_russia.m.plot"] and figure.outputs == ["outputs/a/fig-a.csv"]
    assert table_b.made_by == ["heilongjiang_russia.m.b_myst"] and table_b.outputs == []
    assert page_table.made_by == ["(the page's text)"] and page_table.source == "chapters/b.md"


def test_a_time_report_is_recorded_with_the_machine(tmp_path, monkeypatch):
    monkeypatch.setattr(replication.timing, "MEASURED", tmp_path / "measured.json")
    report = tmp_path / "time.txt"
    report.write_text(
        '\tCommand being timed: "make system-deps"\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:17.64\n'
        "\tMaximum resident set size (kbytes): 189080\n\tExit status: 0\n"
    )
    figures = replication.from_time_report("system_deps", report)
    assert (figures["seconds"], figures["peak_rss_mib"], figures["command"]) == (77.6, 184.6, "make system-deps")
    data = json.loads((tmp_path / "measured.json").read_text())
    assert data["steps"]["system_deps"]["machine"] in data["machines"]
    report.write_text(report.read_text().replace("Exit status: 0", "Exit status: 2"))
    with pytest.raises(replication.MeasureError, match="exited with 2"):
        replication.from_time_report("system_deps", report)


@pytest.mark.slow
def test_every_numbered_table_and_figure_of_the_built_book_is_listed(built_book):
    """The numbers the HTML shows ("Table 2.1", "Fig. 11.2": per chapter) are the list's, page by page,
    with the same anchors; only a table the list marks as shown in some builds may be absent."""
    from bs4 import BeautifulSoup

    listed = {(i.docname, i.number): i for i in replication.exhibits()}
    shown = {}
    for page in book_sources.book_pages():
        soup = BeautifulSoup((built_book.html / page.html).read_text(encoding="utf-8"), "html.parser")
        for span in soup.select("article span.caption-number"):
            number = " ".join(span.get_text().split())
            holder = span.find_parent(["figure", "table"])
            shown[(page.docname, number)] = holder.get("id", "") if holder else ""
    assert len(shown) > 90
    assert not set(shown) - set(listed), (
        f"numbered in the book, not in REPLICATION.md: {sorted(set(shown) - set(listed))}"
    )
    optional = {key for key, item in listed.items() if item.optional}
    absent = set(listed) - set(shown) - optional
    assert not absent, f"listed in REPLICATION.md, not numbered in the book: {sorted(absent)}"
    wrong = [
        f"{key}: {anchor!r} in the book, {listed[key].label!r} listed"
        for key, anchor in shown.items()
        if anchor != listed[key].label
    ]
    assert not wrong, wrong
    written = (paths.ROOT / replication.TARGET).read_text(encoding="utf-8")
    for _, number in shown:
        assert f"| {number} |" in written, number
