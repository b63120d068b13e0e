"""A reader's own run in Jupyter: what it shows and where it writes (no pipeline around the kernel)."""

from __future__ import annotations

import contextlib
import os

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from heilongjiang_russia import paths
from heilongjiang_russia.errors import ParameterError
from heilongjiang_russia.pipeline import execute
from heilongjiang_russia.present import glue, outputs


def run_cells(*sources: str, env: dict | None = None) -> nbformat.NotebookNode:
    """Execute the cells in a fresh kernel from the chapters' folder, as JupyterLab would."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    saved = dict(os.environ)
    os.environ.pop(outputs.STAGING_ENV, None)
    os.environ.update(env or {})
    try:
        client = NotebookClient(
            nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": paths.CHAPTERS}}
        )
        with contextlib.suppress(CellExecutionError):  # a cell may fail on purpose
            client.execute()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return nb


@pytest.mark.slow
def test_a_bad_parameter_in_a_notebook_reads_as_the_runners_one_line():
    nb = run_cells(
        "from heilongjiang_russia.chapters import introduction",
        'p = introduction.check_parameters({"hub": "Atlantis", "run_name": "x"})',
    )
    (error,) = nb.cells[1].outputs
    assert error.output_type == "error" and error.ename == "ParameterError"
    assert error.traceback == [f"error: {error.evalue}"]
    assert error.evalue.startswith("hub: ")


@pytest.mark.slow
def test_a_readers_run_shows_its_numbers_first_and_writes_outside_the_committed_outputs(tmp_path):
    nb = run_cells(
        "import pandas as pd\nfrom heilongjiang_russia.present import glue, outputs",
        'glue.glue_all(total=1.5, years="2011, 2018", note="US$ 1 and US$ 2")',
        'outputs.save_table(pd.DataFrame({"a": [1]}), "reader-test-run", "t")',
    )
    first = nb.cells[1].outputs[0]
    assert first.output_type == "display_data" and "This run in numbers" in first.data["text/markdown"]
    assert "| `total` | 1.50 |" in first.data["text/markdown"]
    assert "US\\$ 1 and US\\$ 2" in first.data["text/markdown"]  # no accidental mathematics in JupyterLab
    link = nb.cells[2].outputs[0].data["text/plain"]
    assert "runs/outputs/reader-test-run/t.csv" in link
    written = outputs.READER_RUNS / "reader-test-run" / "t.csv"
    assert written.is_file() and not (paths.OUTPUTS / "reader-test-run").exists()
    written.unlink()
    written.parent.rmdir()


@pytest.mark.slow
def test_a_pipeline_run_carries_no_reader_summary():
    nb = run_cells(
        "from heilongjiang_russia.present import glue", "glue.glue_all(total=1.5)", env={outputs.STAGING_ENV: "x"}
    )
    assert all("text/markdown" not in o.get("data", {}) for o in nb.cells[1].outputs)
    assert len(nb.cells[1].outputs) == 1  # the glued value alone


def test_the_readers_summary_names_each_value_as_the_prose_cites_it():
    table = glue.this_run({"swing_years": "2011, 2018", "share": 0.1234, "n": 3})
    assert "| `swing_years` | 2011, 2018 |" in table
    assert "| `share` | 0.12 |" in table and "| `n` | 3 |" in table


# --- an edit autosaved into a committed chapter ---------------------------------------------------


def edited_copy(tmp_path, old: str, new: str):
    """Chapter 1 as the pipeline wrote it, with one literal of its parameters cell changed."""
    nb = nbformat.read(paths.CHAPTERS / "01_introduction.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert old in cell.source
    cell.source = cell.source.replace(old, new)
    target = tmp_path / "01_introduction.ipynb"
    nbformat.write(nb, target)
    return target


def test_the_pipeline_records_each_chapters_defaults_as_it_ran_them():
    from heilongjiang_russia.pipeline import runner

    for stem, nb in runner.chapters().items():
        assert runner.edited_defaults(nb) == {}, stem
        assert execute.recorded_defaults(nb) == {n: p.default for n, p in runner.parameters(nb).items()}, stem


def test_an_autosaved_edit_is_named_and_refused_by_run_and_reproduce(tmp_path, monkeypatch):
    from heilongjiang_russia.pipeline import reproduce, runner

    edited = edited_copy(tmp_path, 'hub = "Harbin"', 'hub = "Heihe"')
    assert runner.edited_defaults(edited) == {"hub": ("Harbin", "Heihe")}
    monkeypatch.setattr(runner, "_committed", lambda: {edited.resolve()})
    with pytest.raises(ParameterError, match=r"hub = 'Heihe' \(was 'Harbin'\).*git checkout -- "):
        runner.plan(edited, {}, tmp_path / "out.ipynb")
    written = []
    monkeypatch.setattr(reproduce, "write_derived", lambda: written.append("derived"))
    with pytest.raises(ParameterError, match="edited parameters cell"):
        reproduce.reproduce([edited])
    assert written == []  # refused before anything was written


def test_a_new_default_is_taken_only_when_asked_for_by_name(tmp_path, monkeypatch):
    from heilongjiang_russia.pipeline import reproduce, runner

    edited = edited_copy(tmp_path, 'hub = "Harbin"', 'hub = "Heihe"')
    monkeypatch.setattr(runner, "_committed", lambda: {edited.resolve()})
    monkeypatch.setattr(reproduce, "write_derived", lambda: None)
    ran = []
    monkeypatch.setattr(reproduce, "_execute", lambda nb, progress: ran.append(nb) or nb)
    assert reproduce.reproduce([edited], accept_edited=True, jobs=1) == [edited]
    with pytest.raises(ParameterError):
        reproduce.reproduce([edited], jobs=1)
    assert ran == [edited]  # the refused call executed nothing
