"""``make bench``: how long the edit-and-check loop takes, against its floor and its targets.

Everything runs in a scratch copy of the repository (the checkout is not touched) with the
repository's virtual environment:

- ``floor``: every notebook's code cells (variants included, with the parameters each is run
  with) executed one after another in ONE plain Python process: no kernel, no papermill, no
  scrubbing; the least any ``reproduce`` can cost;
- ``reproduce``: ``make reproduce``, and its ratio to the floor;
- ``book_cold`` (no ``_build``) and ``book_nochange`` (again, nothing changed): ``make book``;
- ``pdf``: ``make pdf``, and the size of the PDF;
- ``test_fast`` and ``test``: ``make test-fast`` and ``make test``;
- the largest HTML page of the book with the images it shows, in bytes.

The figures are printed and written as JSON (``--output``, ``_build/bench.json`` from ``make``).
Timings mean something only on a quiet machine: nothing else should run meanwhile.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from IPython.core.interactiveshell import InteractiveShell

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute, variants
from heilongjiang_russia.present import outputs

# the targets of issue 13, on a 2-core machine: (figure, comparison, limit)
TARGETS = {
    "reproduce_over_floor": ("<=", 1.5),
    "book_nochange_over_cold": ("<=", 0.10),  # a build with nothing changed: a tenth of a cold one at most
    "test_seconds": ("<=", 200.0),
    "test_fast_seconds": ("<=", 30.0),
}
# the history comes along (.git): the release and changelog tests read earlier releases from it
SCRATCH_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", "*.egg-info", "test-artifacts", ".pytest_cache", "__pycache__", "runs", ".jupyter_cache"
)
_IMG = re.compile(r"""<img\b[^>]*?\ssrc=["']([^"']+)["']""", re.I)


class BenchError(RuntimeError):
    """A step of the benchmark failed; the message names it and ends with the tail of its output."""


# -- timing commands ---------------------------------------------------------------------------


def timed(args: Sequence[str], cwd: Path, env: dict | None = None, *, name: str | None = None) -> float:
    """Wall seconds of ``args`` run in ``cwd``; a failure raises :class:`BenchError` with its output's tail."""
    start = time.monotonic()
    result = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-3000:]
        raise BenchError(f"{name or ' '.join(args)}: exited with {result.returncode} after {seconds:.0f} s:\n{tail}")
    return seconds


def make(target: str, venv: Path, stamp: Path) -> list[str]:
    """``make TARGET`` with the given environment; a fresh ``stamp`` keeps make from reinstalling it."""
    return ["make", target, f"VENV={venv}", f"STAMP={stamp}"]


# -- the floor: every notebook's code in one plain Python process -------------------------------


def floor_notebooks() -> list[tuple[Path, nbformat.NotebookNode, dict]]:
    """Each notebook of ``_toc.yml`` as ``reproduce`` runs it: (its folder's notebook path, cells, parameters)."""
    spec = {v.file.resolve(): v for v in variants.load()}
    found = []
    for nb_path in execute.toc_notebooks():
        variant = spec.get(nb_path.resolve())
        if variant is not None:
            found.append((variant.file, variants.source_notebook(variant), variants.parameters(variant).given))
        else:
            nb = nbformat.read(nb_path, as_version=4)
            found.append((nb_path, nb, execute.recorded_parameters(nb_path)))
    return found


def _code_cells(nb: nbformat.NotebookNode, parameters: dict) -> list[str]:
    """The code cells in order, the run's parameters assigned right after the parameters cell (as papermill does)."""
    cells = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type != "code" or execute.INJECTED_TAG in tags:
            continue
        cells.append(cell.source)
        if "parameters" in tags and parameters:
            cells.append("\n".join(f"{name} = {value!r}" for name, value in parameters.items()))
    return cells


def run_cells(notebooks: Sequence[tuple[Path, nbformat.NotebookNode, dict]]) -> float:
    """Execute the notebooks' code cells in this process (IPython's shell, no kernel); return the wall seconds.

    Each notebook gets a fresh namespace and runs in its own folder, as under the pipeline; the tables
    the chapters offer go to a temporary folder. A cell that raises stops the bench, naming the cell.
    """
    shell = InteractiveShell.instance()
    before = os.getcwd()
    saved = {key: os.environ.get(key) for key in (outputs.STAGING_ENV, outputs.FINAL_ENV, "MPLBACKEND")}
    with tempfile.TemporaryDirectory(prefix="hljru-floor-") as tmp:
        os.environ[outputs.STAGING_ENV] = os.environ[outputs.FINAL_ENV] = tmp
        os.environ["MPLBACKEND"] = "Agg"
        start = time.monotonic()
        try:
            for path, nb, parameters in notebooks:
                shell.reset(new_session=False)
                os.chdir(path.parent)
                for index, source in enumerate(_code_cells(nb, parameters)):
                    with contextlib.redirect_stdout(io.StringIO()):
                        result = shell.run_cell(source, store_history=False, silent=False)
                    if not result.success:
                        error = result.error_in_exec or result.error_before_exec
                        raise BenchError(f"floor: {paths.display(path)}: code cell {index} raised {error!r}")
            return time.monotonic() - start
        finally:
            os.chdir(before)
            for key, old in saved.items():
                if old is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = old


# -- what the reader downloads -----------------------------------------------------------------


def largest_page(html: Path) -> dict:
    """The HTML page of ``html`` that weighs most with the local images it shows (each image counted once)."""
    best = None
    for page in sorted(html.rglob("*.html")):
        if any(part.startswith("_") for part in page.relative_to(html).parts):
            continue  # Sphinx's own pages (_sources, _static, _modules)
        text = page.read_text(encoding="utf-8", errors="replace")
        images = set()
        for src in _IMG.findall(text):
            parts = urlsplit(src)
            if parts.scheme or src.startswith("data:"):
                continue
            file = (page.parent / unquote(parts.path)).resolve()
            if file.is_file():
                images.add(file)
        size = page.stat().st_size
        image_bytes = sum(f.stat().st_size for f in images)
        entry = {
            "page": page.relative_to(html).as_posix(),
            "html_bytes": size,
            "image_bytes": image_bytes,
            "images": len(images),
            "total_bytes": size + image_bytes,
        }
        if best is None or entry["total_bytes"] > best["total_bytes"]:
            best = entry
    if best is None:
        raise BenchError(f"{html}: no HTML page")
    return best


# -- the verdicts ------------------------------------------------------------------------------


def verdicts(seconds: dict[str, float]) -> dict[str, dict]:
    """Each target of :data:`TARGETS` with its measured figure (ratios from the seconds) and whether it is met."""
    figures = {
        "reproduce_over_floor": seconds.get("reproduce", float("nan")) / seconds.get("floor", float("nan")),
        "book_nochange_over_cold": seconds.get("book_nochange", float("nan")) / seconds.get("book_cold", float("nan")),
        "test_seconds": seconds.get("test", float("nan")),
        "test_fast_seconds": seconds.get("test_fast", float("nan")),
    }
    found = {}
    for name, (_, limit) in TARGETS.items():
        value = figures[name]
        found[name] = {
            "value": round(value, 3) if value == value else None,
            "target": limit,
            "met": bool(value == value and value <= limit),
        }
    return found


def report(results: dict) -> str:
    """The figures as lines of text (what ``make bench`` prints)."""
    lines = [f"{name:<16}{value:8.1f} s" for name, value in results["seconds"].items()]
    for name, v in results["targets"].items():
        shown = "not measured" if v["value"] is None else f"{v['value']:g} (target <= {v['target']:g})"
        lines.append(f"{name:<26}{shown}{'  met' if v['met'] else ('  NOT MET' if v['value'] is not None else '')}")
    page = results.get("largest_page")
    if page:
        lines.append(
            f"largest page     {page['page']}: {page['total_bytes'] / 1e6:.2f} MB "
            f"({page['html_bytes'] / 1e6:.2f} MB HTML + {page['images']} images, {page['image_bytes'] / 1e6:.2f} MB)"
        )
    if results.get("pdf_bytes") is not None:
        lines.append(f"PDF              {results['pdf_bytes'] / 1e6:.2f} MB")
    return "\n".join(lines) + "\n"


# -- the whole benchmark -----------------------------------------------------------------------


def run(venv: Path, steps: Sequence[str], log=print) -> dict:
    """Run ``steps`` in a scratch copy of the repository with ``venv``; return the figures."""
    python = str(venv / "bin" / "python")
    seconds: dict[str, float] = {}
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "seconds": seconds}
    with tempfile.TemporaryDirectory(prefix="hljru-bench-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(paths.ROOT, repo, ignore=SCRATCH_IGNORE)
        stamp = Path(tmp) / "installed.stamp"
        stamp.touch()
        env = {**os.environ, "HLJRU_ROOT": str(repo)}

        def step(name: str, args: Sequence[str]) -> None:
            log(f"bench: {name} ...")
            try:
                seconds[name] = timed(args, repo, env, name=name)
            except BenchError as exc:  # a failed step is reported, and the others still run
                results.setdefault("failed", {})[name] = str(exc)
                log(f"bench: {exc}")
                return
            log(f"bench: {name}: {seconds[name]:.1f} s")

        if "floor" in steps:
            step("floor", [python, "-m", "heilongjiang_russia.dev.bench", "--floor"])
        if "reproduce" in steps:
            step("reproduce", make("reproduce", venv, stamp))
        if "book" in steps:
            step("book_cold", make("book", venv, stamp))
            step("book_nochange", make("book", venv, stamp))
            if "book_cold" in seconds:
                results["largest_page"] = largest_page(repo / "_build" / "html")
        if "pdf" in steps:
            step("pdf", make("pdf", venv, stamp))
            pdf = repo / "_build" / "latex" / "book.pdf"
            results["pdf_bytes"] = pdf.stat().st_size if "pdf" in seconds else None
        if "test" in steps:
            step("test_fast", make("test-fast", venv, stamp))
            step("test", make("test", venv, stamp))
    results["targets"] = verdicts(seconds)
    return results


STEPS = ("floor", "reproduce", "book", "pdf", "test")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m heilongjiang_russia.dev.bench", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--venv",
        type=Path,
        default=Path(sys.executable).parent.parent,
        help="the virtual environment to run with (default: this Python's)",
    )
    parser.add_argument(
        "--output", type=Path, default=paths.ROOT / "_build" / "bench.json", help="the JSON file written"
    )
    parser.add_argument("--only", nargs="+", choices=STEPS, default=list(STEPS), help="the steps to run (default: all)")
    parser.add_argument(
        "--floor", action="store_true", help="only execute every notebook's code cells here and print the seconds"
    )
    args = parser.parse_args(argv)
    try:
        if args.floor:
            print(f"{run_cells(floor_notebooks()):.3f}")
            return 0
        results = run(args.venv.resolve(), args.only, log=lambda line: print(line, file=sys.stderr, flush=True))
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results), end="")
    print(f"written: {paths.display(args.output)}")
    for name, message in results.get("failed", {}).items():
        print(f"error: {name} failed: {message.splitlines()[0]}", file=sys.stderr)
    return 1 if results.get("failed") else 0


if __name__ == "__main__":
    raise SystemExit(main())
