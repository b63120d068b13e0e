"""The chapters as a reader sees them in JupyterLab (and on Binder), and no accidental mathematics.

JupyterLab typesets text between two dollar signs as mathematics, in Markdown cells and in Markdown
outputs alike: "US$ 1 … US$ 2" loses its words to a formula, and a table holding two of them stops
being a table. Every dollar sign that the chapters' Markdown holds is therefore escaped (``\\$``,
which jupyterlab-myst and the book show as ``$``).

The browser tests start a real JupyterLab from the runtime set (``.venv/lab``, what `make lab` and
Binder give a reader) on a scratch copy of the repository, open every chapter of the book in Chromium,
run all its cells as *Run* → *Run All Cells* does, and check what the page shows (:func:`problems`):
no error, no MyST source (directive fences, roles, "Unknown Directive") where a table or a number
should be, no mathematics made from prose, every table of the chapter on screen without "show more
outputs", and every number the prose cites by name (``{glue:text}`name```, which JupyterLab shows
as the bare name) in a visible "This run in numbers" table. A planted notebook shows that each check
can fail, and a reader's changed parameter shows in those tables as the runner's run of it. The
seconds each chapter took go to ``_build/jupyterlab.json``.

The escape needs jupyterlab-myst, which the runtime set has: JupyterLab's own Markdown renderer
(4.4.9, without the extension) typesets ``\\$ … \\$`` all the same (its MathJax reads the rendered
text, where the backslash is gone; jupyterlab/jupyterlab#8645), and the ``\\\\$`` it would need shows
as ``\\$`` in the book and in jupyterlab-myst.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import browser_look
import jupyterlab_pages as lab
import nbformat
import pytest
from conftest import scratch_repo

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute
from heilongjiang_russia.present import glue

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_BARE_DOLLAR = re.compile(r"(?<!\\)\$")


def _prose(markdown: str) -> str:
    """``markdown`` without its code blocks and inline code (where a dollar sign is no mathematics);
    the content of directives (```` ```{note} ````) is kept."""
    kept, open_fences = [], []  # (marker, is code) of each fence opened and not yet closed
    for line in markdown.split("\n"):
        fence = _FENCE.match(line)
        if fence:
            marker, info = fence.group(1), fence.group(2).strip()
            last = open_fences[-1][0] if open_fences else ""
            if last and not info and marker[0] == last[0] and len(marker) >= len(last):
                open_fences.pop()
                continue
            if not any(code for _, code in open_fences):
                open_fences.append((marker, not info.startswith("{")))
                continue
        if not any(code for _, code in open_fences):
            kept.append(line)
    return _CODE_SPAN.sub("", "\n".join(kept))


def bare_dollars(markdown: str) -> list[str]:
    """Each dollar sign of ``markdown`` that JupyterLab may take for mathematics, with its context."""
    text = _prose(markdown)
    return [text[max(0, m.start() - 40) : m.end() + 20] for m in _BARE_DOLLAR.finditer(text)]


def test_bare_dollars_finds_the_ones_jupyterlab_would_typeset():
    assert len(bare_dollars("from US$ 1 bn to US$ 2 bn")) == 2
    assert bare_dollars(r"from US\$ 1 bn to US\$ 2 bn") == []
    assert bare_dollars("`a$b` and ``c$`` and {glue:text}`cost$`") == []
    assert bare_dollars("```python\nprice = '$1'\n```\n") == []
    assert len(bare_dollars("```{note}\nUS$ 1 and US$ 2\n```\n")) == 2


def test_no_markdown_of_a_committed_notebook_holds_a_bare_dollar_sign():
    notebooks = sorted(paths.CHAPTERS.rglob("*.ipynb"))
    assert len(notebooks) >= 15
    found = {}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        for i, cell in enumerate(nb.cells):
            texts = [cell.source] if cell.cell_type == "markdown" else []
            texts += [
                out["data"]["text/markdown"]
                for out in cell.get("outputs", [])
                if "text/markdown" in out.get("data", {})
            ]
            hits = [hit for text in texts for hit in bare_dollars(text)]
            if hits:
                found[f"{path.relative_to(paths.ROOT)} cell {i}"] = hits
    assert found == {}, "write a dollar sign as \\$ (present.tables.escape_dollars does it for tables)"


@pytest.mark.slow
def test_the_book_shows_plain_dollar_signs(built_book):
    """The escaped dollar signs show as ``$`` in the built book, and no page shows a backslash before one."""
    pages = {
        p.relative_to(built_book.html).as_posix(): p.read_text(encoding="utf-8")
        for p in built_book.html.rglob("*.html")
    }
    assert [name for name, page in pages.items() if "\\$" in page] == []
    chapter3 = pages["chapters/03_eastern_silk_road_belt.html"]
    assert "<td><p>US$5 bn</p></td>" in chapter3  # a cell of the table of sums of money
    assert (
        "2018, as printed in Song’s Table 1 (values in 100 million US$; the printed caption says million US$)"
        in pages["chapters/02_current_state.html"]
    )


# -- in JupyterLab, in Chromium --------------------------------------------------------------------

LAB = Path(sys.prefix) / "lab"  # the runtime set, next to the tests' environment (`make lab` makes it)
REPORT = paths.ROOT / "_build" / "jupyterlab.json"  # seconds per chapter of the last run (ignored)
CHAPTERS = [nb.relative_to(paths.ROOT).as_posix() for nb in execute.toc_notebooks()]
# MyST source a reader should never see: a directive's fence, a role, jupyterlab-myst's marks of either
_RAW = re.compile(r":::\{|```\{|\{[a-z][\w-]*(?::[\w-]+)?\}`|Unknown (?:Directive|Role)")
_TABLE_LABEL = re.compile(r"^:::\{table\}[^\n]*\n:name: (\S+)", re.M)
_CITED = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)")
# jupyterlab-myst's rendering of a Markdown cell has no element where JupyterLab's cell toolbar looks
# for one, and the toolbar's overlap check then throws (in JupyterLab's own code, on every active cell)
KNOWN_PAGE_ERRORS = ("_markdownOverlapsToolbar",)

timings: dict[str, dict[str, float]] = {}


def problems(view: list[dict], page_errors: list[str] = ()) -> list[str]:
    """What a reader would notice is wrong on a page read by ``jupyterlab_pages.reader_view``."""
    found = [f"uncaught error in the page: {e}" for e in page_errors if not any(k in e for k in KNOWN_PAGE_ERRORS)]
    cited, shown = set(), set()
    for cell in view:
        where = f"cell {cell['index']}"
        found += [f"{where}: mathematics typeset from the text: {text!r}" for text in cell["math"][:3]]
        if cell["kind"] == "markdown":
            cited |= set(_CITED.findall(cell["source"]))
            if not cell["rendered"]:
                found.append(f"{where}: Markdown shown as its source")
        for match in _RAW.finditer(cell.get("text", "")):
            found.append(f"{where}: MyST source shown: {cell['text'][max(0, match.start() - 30) : match.end() + 30]!r}")
        if cell["kind"] != "code":
            continue
        found += [f"{where}: {out['error']}" for out in cell["outputs"] if out["error"]]
        labels = [
            label for out in cell["outputs"] if out["markdown"] for label in _TABLE_LABEL.findall(out["markdown"])
        ]
        hidden = [label for label in labels if label not in cell["tables"]]
        if hidden:
            behind = " (behind 'show more outputs')" if cell["trimmed"] else ""
            found.append(f"{where}: table {', '.join(hidden)} not shown{behind}")
        shown |= set(cell["numbers"])
    if cited - shown:
        found.append(f"cited by the text, in no visible 'This run in numbers' table: {sorted(cited - shown)}")
    return found


class Reading:
    """One notebook opened in the page, run, read and closed, its kernel shut down; the seconds each step took."""

    def __init__(self, page, server, notebook: str, parameters: dict[str, str] | None = None):
        errors_before = len(page.errors)
        try:
            started = time.monotonic()
            lab.open_notebook(page, notebook)
            opened = time.monotonic()
            for name, value in (parameters or {}).items():
                lab.set_parameter(page, name, value)
            lab.run_all(page)
            ran = time.monotonic()
            self.view = lab.reader_view(page)
            self.seconds = {
                "open": round(opened - started, 1),
                "run_all": round(ran - opened, 1),
                "read": round(time.monotonic() - ran, 1),
            }
        finally:
            lab.close_notebook(page)
            server.shut_down_kernels()
        self.errors = page.errors[errors_before:]

    @property
    def numbers(self) -> dict[str, str]:
        return {k: v for cell in self.view if cell["kind"] == "code" for k, v in cell["numbers"].items()}


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    if not (LAB / ".installed").exists():
        pytest.fail(f"no runtime environment at {paths.display(LAB)}: run `make {paths.display(LAB)}/.installed`")
    base = tmp_path_factory.mktemp("lab")
    root = scratch_repo(base / "repo")
    # the package reads and writes the scratch copy; no pipeline runs the kernels (as for a reader)
    env = {"HLJRU_ROOT": str(root), "HLJRU_STAGING": None, "HLJRU_OUTPUTS": None}
    server = lab.LabServer(LAB / "bin", root, base / "home", env=env, settings=lab.TEST_SETTINGS)
    yield server
    server.stop()
    REPORT.parent.mkdir(exist_ok=True)
    report = {"server_ready_seconds": round(server.ready, 1), "chapters": timings}
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    with browser_look.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def lab_page(browser, lab_server):
    """A page showing the server's JupyterLab; uncaught errors are kept in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(f"{e}\n{e.stack}"))
    lab.start(page, lab_server)
    yield page
    context.close()


@pytest.mark.slow
@pytest.mark.parametrize("notebook", CHAPTERS, ids=[Path(n).stem for n in CHAPTERS])
def test_a_chapter_run_in_jupyterlab_reads_as_the_book_does(lab_server, lab_page, notebook):
    reading = Reading(lab_page, lab_server, notebook)
    timings[notebook] = reading.seconds
    assert problems(reading.view, reading.errors) == []
    assert any(cell["kind"] == "code" and cell["outputs"] for cell in reading.view)
    if notebook == "chapters/02_current_state.ipynb":  # the chapter's main table, Song's Table 1
        assert any("tab-table1" in cell.get("tables", []) for cell in reading.view)


def _planted(root: Path) -> str:
    """A notebook with one of each problem the checks look for."""
    table = ":::{table} A planted table\n:name: tab-planted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n:::\n"
    cells = [
        nbformat.v4.new_markdown_cell("# Planted\n\nTrade went from US$ 1 bn to US$ 2 bn, {glue:text}`planted_total`."),
        nbformat.v4.new_code_cell(
            "from IPython.display import Markdown, display\n"
            "for i in range(60):\n    display(i)\n"  # more outputs than JupyterLab shows before "show more"
            f"display(Markdown({table!r}))"
        ),
        nbformat.v4.new_code_cell('Markdown(":::{unknowndirective}\\nbody\\n:::\\n")'),
    ]
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=kernel), root / "planted.ipynb")
    return "planted.ipynb"


@pytest.mark.slow
def test_the_checks_fail_on_a_planted_notebook(lab_server, lab_page):
    reading = Reading(lab_page, lab_server, _planted(lab_server.root))
    found = problems(reading.view, reading.errors)
    assert any("mathematics typeset from the text" in p and "US" in p for p in found), found
    assert any("table tab-planted not shown (behind 'show more outputs')" in p for p in found), found
    assert any("MyST source shown" in p and "Unknown Directive" in p for p in found), found
    assert any("in no visible 'This run in numbers' table: ['planted_total']" in p for p in found), found


def _glued(notebook: Path) -> dict[str, str]:
    """The values a notebook glued, as "This run in numbers" shows them (rendered: ``\\$`` is ``$``)."""
    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        for out in cell.get("outputs", []):
            record = out.get("metadata", {}).get("scrapbook")
            if record:
                value = ast.literal_eval(out["data"][record["mime_prefix"] + "text/plain"])
                found[record["name"]] = glue._shown(value).replace("\\$", "$")
    return found


@pytest.mark.slow
def test_a_changed_parameter_shows_that_runs_numbers(lab_server, lab_page, tmp_path):
    """Chapter 2 with end_year = 2014, as a reader edits and runs it: "This run in numbers" shows the
    numbers of that run, the same as the runner's run of those parameters."""
    notebook = "chapters/02_current_state.ipynb"
    reading = Reading(lab_page, lab_server, notebook, {"end_year": "2014"})
    timings[notebook + " (end_year = 2014)"] = reading.seconds
    assert problems(reading.view, reading.errors) == []
    shown = reading.numbers
    assert (shown["last_year"], shown["window"], shown["last_total"]) == ("2014", "2008–2014", "232.60")
    runner = [str(LAB / "bin" / "python"), "-m", "heilongjiang_russia", "run", "02_current_state"]
    runner += ["-p", "end_year", "2014", "-o", str(tmp_path / "run.ipynb")]
    env = {"HLJRU_ROOT": str(lab_server.root), "PATH": str(LAB / "bin")}
    subprocess.run(runner, cwd=lab_server.root, env=env, check=True, capture_output=True, timeout=300)
    expected = _glued(tmp_path / "run.ipynb")
    assert len(expected) > 50
    assert {name: _typed(shown.get(name)) for name in expected} == {k: _typed(v) for k, v in expected.items()}


def _typed(text: str | None) -> str | None:
    """``text`` as typed: straight quotation marks, no space around it (a Markdown table cell prints ' and "
    as curly quotes and drops the spaces at its ends)."""
    quotes = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
    return None if text is None else text.translate(quotes).strip()
