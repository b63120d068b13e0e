"""The pipeline replaces a notebook only on success and writes nothing volatile."""

from __future__ import annotations

import json
import shutil
import subprocess

import nbformat
import pytest
from conftest import Reproduced
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute

VOLATILE = ("start_time", "end_time", "duration", "iopub.execute_input", "shell.execute_reply", "execution")


def small_notebook(path, body: str):
    nb = new_notebook(
        cells=[
            new_markdown_cell("# A test page"),
            new_code_cell("x = 1  # a parameter", metadata={"tags": ["parameters"]}),
            new_code_cell(body),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_failed_run_leaves_the_notebook_untouched_and_says_why(tmp_path):
    nb = small_notebook(tmp_path / "page.ipynb", "raise ValueError('planted failure')")
    before = nb.read_bytes()
    with pytest.raises(
        execute.ExecutionFailed, match=r"raised ValueError: planted failure; .*page\.ipynb was left unchanged"
    ):
        execute.run_notebook(nb, progress=False)
    assert nb.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.ipynb"]


@pytest.mark.slow
def test_failed_run_exits_non_zero_from_the_command_line(tmp_path):
    nb = small_notebook(tmp_path / "page.ipynb", "1 / 0")
    result = subprocess.run(
        [execute.sys.executable, "-m", "heilongjiang_russia", "reproduce", str(nb)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "ZeroDivisionError" in result.stderr and "left unchanged" in result.stderr


@pytest.mark.slow
def test_successful_run_is_scrubbed_and_keeps_its_parameters(tmp_path):
    nb = small_notebook(tmp_path / "page.ipynb", "print(x * 2)")
    out = execute.run_notebook(nb, tmp_path / "run.ipynb", {"x": 21}, progress=False)
    text = out.read_text()
    for key in VOLATILE:
        assert f'"{key}"' not in text
    assert str(tmp_path) not in text
    executed = nbformat.read(out, as_version=4)
    assert executed.metadata["papermill"] == {"parameters": {"x": 21}}
    # the reader sees a "Parameters of this run" box, not the injected code cell
    injected = [c for c in executed.cells if c.id == "injected-parameters"]
    assert injected and "remove-cell" in injected[0].metadata["tags"]
    note = executed.cells[executed.cells.index(injected[0]) - 1]
    assert note.cell_type == "markdown" and "Parameters of this run" in note.source and "`x = 21`" in note.source
    assert executed.cells[-1].outputs[0]["text"] == "42\n"


@pytest.mark.slow
def test_reproduce_changes_no_committed_file(reproduced):
    """`make reproduce` on an unchanged checkout rewrites every notebook, table and derived data file
    byte for byte: the committed outputs are what the current sources produce (nbval's question,
    asked strictly), the derived data are current, and the two workers changed nothing."""
    assert "executing chapters/02_current_state.ipynb" in reproduced.log  # it did execute
    assert "generating chapters/variants/current_state_2011_2014.ipynb" in reproduced.log
    changed = reproduced.changed("chapters", "outputs", "data")
    assert changed == [], f"stale: {changed}; run python -m heilongjiang_russia reproduce and commit the result"


def test_the_comparison_sees_a_changed_file(tmp_path):
    """The check above can fail: one byte of a copied notebook differs."""
    copy = tmp_path / "repo"
    shutil.copytree(paths.CHAPTERS, copy / "chapters")
    nb = copy / "chapters" / "05_conclusion.ipynb"
    nb.write_bytes(nb.read_bytes() + b" ")
    assert Reproduced(copy, 0.0, "").changed("chapters") == ["chapters/05_conclusion.ipynb"]


def test_committed_notebooks_carry_no_volatile_metadata():
    for nb_path in execute.toc_notebooks():
        text = nb_path.read_text(encoding="utf-8")
        for key in VOLATILE:
            assert f'"{key}"' not in text, (nb_path.name, key)
        for marker in ('"/work/', '"/tmp/', '"/home/', '"/root/'):
            assert marker not in text, (nb_path.name, marker)
        nb = json.loads(text)
        assert set(nb["metadata"]) <= {"kernelspec", "language_info", "papermill", "compendium"}
        assert execute.error_outputs(nb_path) == []


def _fake_execute(notebook, progress):
    """Stands in for a notebook run in a worker process: fails for a notebook named 'broken'."""
    if notebook.stem == "broken":
        raise execute.ExecutionFailed(f"{notebook.name}: cell 1 raised ValueError: planted")
    return notebook


def test_reproduce_runs_two_at_a_time_keeps_the_order_and_reports_a_failure(tmp_path, monkeypatch):
    from heilongjiang_russia.pipeline import reproduce

    monkeypatch.setattr(reproduce, "_execute", _fake_execute)  # inherited by the forked workers
    books = [tmp_path / f"{name}.ipynb" for name in ("a", "b", "c", "appendix_x")]
    assert reproduce.reproduce(books, jobs=2, derived=False) == books
    assert reproduce.stages(books) == [books[:3], books[3:]]
    with pytest.raises(execute.ExecutionFailed, match=r"broken\.ipynb: cell 1 raised ValueError: planted"):
        reproduce.reproduce([tmp_path / "a.ipynb", tmp_path / "broken.ipynb"], jobs=2, derived=False)
