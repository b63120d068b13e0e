"""Execute chapter notebooks with papermill, safely and reproducibly.

A run executes into a temporary file and a staging folder; only when every cell has
succeeded are the scrubbed notebook and its output tables moved into place. Scrubbing
removes what would change from run to run or machine to machine (timestamps,
durations, absolute paths, random cell ids), so re-running an unchanged checkout
changes no committed file.
"""

from __future__ import annotations

import ast
import copy
import functools
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm
import yaml
from traitlets.config import Config

from heilongjiang_russia import paths
from heilongjiang_russia.present import outputs

from . import provenance

INJECTED_TAG = "injected-parameters"
NOTE_TAG = "parameters-of-this-run"
_CELL_METADATA_KEEP = {"tags", "mystnb", "jupyter"}
# notebook metadata the pipeline writes: the parameters cell's literals as it last ran them, so that
# an edit a reader's Jupyter autosaved into a committed chapter is noticed (runner.edited_defaults)
RECORD_KEY = "compendium"


class ExecutionFailed(RuntimeError):
    """A notebook raised; the committed notebook and outputs were left as they were."""


def scrub(nb: nbformat.NotebookNode, derived: dict | None = None) -> nbformat.NotebookNode:
    """Drop volatile metadata; keep what a reader needs (kernel, language, run parameters).

    ``derived`` are the defaults that followed the run's parameters (``base_year`` from
    ``start_year``): the "Parameters of this run" box lists them, marked as derived.
    """
    papermill = nb.metadata.get("papermill", {})
    defaults = cell_defaults(nb)
    nb.metadata = nbformat.from_dict(
        {
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            **({"papermill": {"parameters": papermill["parameters"]}} if papermill.get("parameters") else {}),
            **({RECORD_KEY: {"defaults": defaults}} if defaults else {}),
        }
    )
    nb.cells = [c for c in nb.cells if NOTE_TAG not in c.metadata.get("tags", [])]
    for index, cell in enumerate(list(nb.cells)):
        cell.metadata = nbformat.from_dict({k: v for k, v in cell.metadata.items() if k in _CELL_METADATA_KEEP})
        tags = cell.metadata.get("tags", [])
        if INJECTED_TAG in tags:
            cell.id = INJECTED_TAG
            # the reader sees the run's parameters as a small box (the note), not as raw code;
            # the code cell stays in the notebook for Jupyter, papermill and nbval
            cell.metadata["tags"] = [INJECTED_TAG, "remove-cell"]
            cell.source = cell.source.rstrip("\n")  # as ruff formats a cell: no trailing newline
            if papermill.get("parameters"):
                # in the order the run gave them (the injected cell's), not the metadata's sorted one
                given = re.findall(r"^(\w+) = ", "".join(cell.source), flags=re.M)
                ordered = {n: papermill["parameters"][n] for n in given if n in papermill["parameters"]}
                nb.cells.insert(nb.cells.index(cell), parameters_note(ordered | papermill["parameters"], derived))
        elif not cell.get("id"):
            cell.id = f"cell-{index}"
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
    return nb


def cell_defaults(nb: nbformat.NotebookNode) -> dict:
    """The plain literals of the cell tagged ``parameters`` (name: value, in cell order), as JSON values."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            found = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    try:
                        found[node.targets[0].id] = json.loads(json.dumps(ast.literal_eval(node.value)))
                    except ValueError:  # not a literal: the runner refuses it with its own message
                        continue
            return found
    return {}


def recorded_defaults(notebook: Path) -> dict | None:
    """The parameters cell's literals when the pipeline last wrote ``notebook`` (None if it recorded none)."""
    nb = nbformat.read(notebook, as_version=4)
    return nb.metadata.get(RECORD_KEY, {}).get("defaults")


def parameters_note(parameters: dict, derived: dict | None = None) -> nbformat.NotebookNode:
    """A Markdown cell that shows a run's parameters as a small "Parameters of this run" box.

    ``derived`` values (defaults that follow the values given) are listed after them, marked.
    """
    items = [f"- `{name} = {value!r}`" for name, value in parameters.items()]
    items += [
        f"- `{name} = {value!r}` (derived: its default follows the values above)"
        for name, value in (derived or {}).items()
        if name not in parameters
    ]
    source = (
        ":::{admonition} Parameters of this run\n:class: tip\n"
        "This page was executed with these values; every other parameter keeps the default "
        "shown in the cell above.\n\n" + "\n".join(items) + "\n:::"
    )
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [NOTE_TAG]})
    cell.id = NOTE_TAG
    return cell


def write_atomic(nb: nbformat.NotebookNode, target: Path) -> None:
    tmp = target.with_name(f".{target.name}.tmp")
    nbformat.write(nb, tmp)
    os.replace(tmp, target)


def _replace_folder(staged: Path, target: Path) -> None:
    if not staged.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = target.with_name(f".{target.name}.old")
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists():
        target.rename(backup)
    shutil.move(str(staged), str(target))
    if backup.exists():
        shutil.rmtree(backup)


def run_notebook(
    source: Path,
    target: Path | None = None,
    parameters: dict | None = None,
    *,
    progress: bool = True,
    outputs_dir: Path | None = None,
    derived: dict | None = None,
) -> Path:
    """Execute ``source`` with ``parameters`` and write the result to ``target`` (default: in place).

    The kernel runs in ``target``'s folder (as Jupyter and nbval run it), and the tables the notebook
    offers are moved into ``outputs_dir`` (default ``outputs/``). Raises :class:`ExecutionFailed`
    with the cause when a cell raises; nothing is written then.
    """
    source = paths.resolve(source)
    target = paths.resolve(target) if target is not None else source
    outputs_dir = Path(outputs_dir) if outputs_dir is not None else paths.OUTPUTS
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hljru-") as tmp:
        tmp = Path(tmp)
        executed = tmp / target.name
        saved = {key: os.environ.get(key) for key in (outputs.STAGING_ENV, outputs.FINAL_ENV)}
        os.environ[outputs.STAGING_ENV] = str(tmp / "outputs")
        os.environ[outputs.FINAL_ENV] = str(outputs_dir)
        started = time.monotonic()
        try:
            pm.execute_notebook(
                str(source),
                str(executed),
                parameters=parameters or {},
                cwd=str(target.parent),
                kernel_name="python3",
                progress_bar=progress and sys.stderr.isatty(),
                log_output=False,
                # the kernel on Unix sockets in this run's folder, not on TCP ports (ipykernel 7.4 warns at every start over TCP)
                config=Config({"KernelManager": {"transport": "ipc", "ip": str(tmp / "kernel")}}),
            )
        except pm.PapermillExecutionError as exc:
            raise ExecutionFailed(
                f"{paths.display(source)}: cell {exc.exec_count} raised {exc.ename}: {exc.evalue}; "
                f"{paths.display(target)} was left unchanged"
            ) from None
        finally:
            for key, old in saved.items():
                if old is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = old
        nb = scrub(nbformat.read(executed, as_version=4), derived)
        write_atomic(nb, target)
        # the reproducibility page lists each page's execution time (an ignored file under _build/)
        provenance.record_execution(target, time.monotonic() - started)
        for staged in sorted((tmp / "outputs").glob("*")):
            _replace_folder(staged, outputs_dir / staged.name)
    return target


def recorded_parameters(notebook: Path) -> dict:
    """The parameters a committed notebook was last run with (empty for the defaults)."""
    file = paths.resolve(notebook)
    stat = file.stat()
    return copy.deepcopy(_recorded_parameters(str(file), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _recorded_parameters(file: str, mtime_ns: int, size: int) -> dict:
    """:func:`recorded_parameters`, read once per version of the file (the runner asks for every notebook)."""
    nb = nbformat.read(file, as_version=4)
    return dict(nb.metadata.get("papermill", {}).get("parameters", {}))


def toc_docnames(toc: Path | None = None) -> list[str]:
    """The root and every file listed in ``_toc.yml``, in book order (as written, no suffix added)."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            found.extend(str(node[key]) for key in ("root", "file") if key in node)
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(Path(toc or paths.TOC).read_text(encoding="utf-8")))
    return found


def toc_notebooks() -> list[Path]:
    """Every notebook listed in ``_toc.yml``, in book order."""
    candidates = (paths.ROOT / (d if d.endswith(".ipynb") else d + ".ipynb") for d in toc_docnames())
    return [c for c in candidates if c.exists()]


def error_outputs(notebook: Path) -> list[str]:
    """Error outputs stored in a notebook, as 'cell N: Name: value' lines."""
    nb = nbformat.read(paths.resolve(notebook), as_version=4)
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"{paths.display(notebook)}: cell {i}: {out.get('ename')}: {out.get('evalue')}")
    return found
