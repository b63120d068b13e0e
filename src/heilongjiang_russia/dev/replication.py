"""``REPLICATION.md``: the replication README in the form economists' journals ask for.

The parts and their order follow the Social Science Data Editors' template README (Vilhuber,
Connolly, Koren, Llull and Morrow 2022): overview; data availability and provenance statements;
dataset list; computational requirements; description of programs; instructions to replicators;
list of tables and programs; references. Everything that can be read from the repository is read,
not written by hand, so that the file cannot drift from the book:

- the data sources, files and licences from ``data/datapackage.json`` (and, for the curated files,
  the web sites named in each row's source column);
- the software and its versions from ``requirements.lock``, ``pyproject.toml`` and the Makefile;
- every numbered table and figure of the book from the notebooks (the caption and label in the
  cell's output or metadata, the package function the cell calls, the CSV it offers) and from the
  Markdown pages, numbered as the book numbers them (chapter by chapter, in ``_toc.yml`` order);
- the hardware, run times and memory from ``measured.json`` next to this module, which only
  ``--measure`` and ``--from-time`` write.

Commands (``python -m heilongjiang_russia.dev.replication ...``)::

    --write                 write REPLICATION.md (what `make replication` and `make reproduce` run)
    --check                 exit 1 when REPLICATION.md differs from what --write would write
    --measure [STEP ...]    time the steps (and each notebook's kernel) in a scratch copy; update measured.json
    --from-time STEP FILE   take a step's wall time and peak memory from a `/usr/bin/time -v` report
"""

from __future__ import annotations

import argparse
import ast
import datetime
import hashlib
import json
import os
import platform
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import yaml

from .. import paths, pipeline, provenance

TARGET = "REPLICATION.md"
MEASURED = Path(__file__).with_name("measured.json")
PACKAGE = "heilongjiang_russia"
TEMPLATE = (
    "Vilhuber, L., Connolly, M., Koren, M., Llull, J., & Morrow, P. (2022). A template README for social "
    "science replication packages (v1.1). Social Science Data Editors. https://doi.org/10.5281/zenodo.7293838; "
    "read at https://social-science-data-editors.github.io/template_README/template-README.html"
)
# The tools that `make` calls, beside the package's own dependencies (pyproject.toml): their versions
# are read from requirements.lock.
TOOLS = ("jupyter-book", "Sphinx", "myst-nb", "papermill", "ipykernel", "frictionless", "pytest", "ruff", "playwright")
# Build-time directives of the Markdown pages that write numbered tables: the function that writes
# them, and where they appear (the PDF edition of the reproducibility page leaves its tables out).
BUILD_TABLES = {
    "build-provenance": (
        f"{PACKAGE}.provenance.page_myst",
        "HTML edition only",
        "only where `make reproduce` ran on the building machine",  # a table written under an `if`
    )
}
_DIRECTIVE = re.compile(r"^[ \t]*(?::{3,}|`{3,})\{(table|figure|list-table|csv-table)\}[ \t]*(.*?)[ \t]*$", re.M)
_BUILD_DIRECTIVE = re.compile(r"^[ \t]*(?::{3,}|`{3,})\{([\w-]+)\}", re.M)
_NAME = re.compile(r"\A(?:[ \t]*:[\w-]+:[^\n]*\n)*?[ \t]*:name:[ \t]*(\S+)", re.M)
_DOWNLOAD = re.compile(r"\{download\}`([^`<]*)<([^>`]+)>`")
# what a download link's text says it is the data behind ("the figure", "the map", "the table", not "Table 2")
_SAYS = {
    "Fig.": re.compile(r"\b(?:figure|map|maps|chart|network)\b", re.I),
    "Table": re.compile(r"\btable\b(?!\s*\d)", re.I),
}
_ROLE = re.compile(r"\{[\w:.-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")


class MeasureError(RuntimeError):
    """A measured step failed; the message names it and ends with the tail of its output."""


# --------------------------------------------------------------------------- the book's exhibits


@dataclass
class Exhibit:
    """One numbered table or figure of the book."""

    kind: str  # "Table" or "Fig."
    chapter: int | None  # the chapter's number (None: the landing page, numbered without one)
    index: int  # its number within the chapter
    label: str  # the MyST name (the HTML anchor)
    caption: str
    docname: str
    source: str  # the notebook or page that holds it, relative to the repository root
    cell: int | None = None  # the code cell's execution count ("In [n]")
    made_by: list[str] = field(default_factory=list)  # dotted names of the package functions
    outputs: list[str] = field(default_factory=list)  # CSV files offered with it
    note: str = ""
    optional: bool = False  # written only in some builds (a build-time table under a condition)
    html_only: bool = False  # left out of the PDF

    @property
    def number(self) -> str:
        return f"{self.kind} {self.chapter}.{self.index}" if self.chapter else f"{self.kind} {self.index}"


def _toc(root: Path) -> list[str]:
    return pipeline.toc_docnames(root / "_toc.yml")


def _source(root: Path, docname: str) -> Path:
    for suffix in ("", ".ipynb", ".md"):
        path = root / (docname + suffix)
        if path.suffix in (".ipynb", ".md") and path.is_file():
            return path
    raise FileNotFoundError(f"_toc.yml lists {docname!r}, but neither {docname}.ipynb nor {docname}.md exists")


def _imports(cells: list) -> dict[str, str]:
    """Names bound by the notebook's imports of the package, mapped to their dotted module or object."""
    names: dict[str, str] = {}
    for cell in cells:
        for node in ast.walk(_parse(cell.source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(PACKAGE):
                for alias in node.names:
                    names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith(PACKAGE):
                        names[alias.asname or alias.name.split(".")[0]] = alias.name
    return names


def _parse(source: str) -> ast.Module:
    try:
        return ast.parse(source)
    except SyntaxError:  # IPython syntax (magics): nothing to read
        return ast.Module(body=[], type_ignores=[])


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _qualified(name: str | None, imports: dict[str, str]) -> str | None:
    if not name:
        return None
    head, _, rest = name.partition(".")
    if head not in imports:
        return None
    return imports[head] + (f".{rest}" if rest else "")


def _base_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


class _Calls:
    """What the notebook's cells assign, so that a table's data can be traced to the call that made it."""

    def __init__(self, imports: dict[str, str]):
        self.imports, self.made = imports, {}

    def note(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                made = _qualified(_dotted(node.value.func), self.imports)
                for target in node.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name) and made:
                            self.made[name.id] = made

    def maker(self, node: ast.AST) -> str | None:
        """The package function whose result ``node`` is (a call, or a name a call was assigned to)."""
        if isinstance(node, ast.Call):
            return _qualified(_dotted(node.func), self.imports)
        name = _base_name(node)
        return self.made.get(name) if name else None


def _shown(tree: ast.Module, imports: dict[str, str], kind: str) -> ast.AST | None:
    """The argument of the cell's last display call: ``Markdown(...)`` for a table, the package's
    ``figures.show(...)`` for a figure."""
    found = None
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = _dotted(node.func) or ""
        table = kind == "Table" and name == "Markdown"
        figure = kind == "Fig." and (_qualified(name, imports) or "").endswith("figures.show")
        if table or figure:
            found = node.args[0]
    return found


def _makers(arg: ast.AST | None, calls: _Calls) -> list[str]:
    """The functions behind a displayed object: the call itself and, for the generic table helper,
    the call that made the frame it renders."""
    if arg is None:
        return []
    made = calls.maker(arg)
    if not made:
        return []
    if made.endswith(".myst_table") and isinstance(arg, ast.Call) and arg.args:
        data = calls.maker(arg.args[0])
        if data and data != made:
            return [data, made]
    return [made]


def _caption_items(text: str) -> list[tuple[str, str, str]]:
    """(kind, caption, label) of each table or figure directive in MyST ``text``, in order."""
    items = []
    for match in _DIRECTIVE.finditer(text):
        kind = "Fig." if match.group(1) == "figure" else "Table"
        rest = text[match.end() + 1 :]
        name = _NAME.match(rest)
        if kind == "Fig.":  # a figure's caption is its body's first paragraph
            body = re.sub(r"\A(?:[ \t]*:[\w-]+:[^\n]*\n)*\s*", "", rest)
            caption = body.split("\n\n")[0].strip()
        else:
            caption = match.group(2)
        if caption:  # Sphinx numbers captioned tables and figures only
            items.append((kind, caption, name.group(1) if name else ""))
    return items


def _relative(docname: str, link: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), link))


def _notebook_exhibits(root: Path, docname: str, path: Path, chapter: int | None, counts: Counter) -> list[Exhibit]:
    nb = nbformat.read(path, as_version=4)
    source = path.relative_to(root).as_posix()
    shown = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
    shown = {id(c) for c in shown}
    imports = _imports([c for c in nb.cells if c.cell_type == "code"])
    calls = _Calls(imports)
    found: list[Exhibit] = []
    run: list[Exhibit] = []  # the exhibits of the cells just before, which a download link belongs to

    def add(kind: str, caption: str, label: str, cell=None, made_by=()) -> None:
        counts[kind] += 1
        item = Exhibit(kind, chapter, counts[kind], label, caption, docname, source, cell, list(made_by))
        found.append(item)
        run.append(item)

    for cell in nb.cells:
        if id(cell) not in shown:  # a hidden cell shows nothing, but what it computes is traced
            if cell.cell_type == "code":
                calls.note(_parse(cell.source))
            continue
        here = len(found)
        links: list[tuple[str, str]] = []  # (the link's text, its target)
        if cell.cell_type == "markdown":
            for kind, caption, label in _caption_items(cell.source):
                add(kind, caption, label, made_by=["(the notebook's text)"])
            links = _DOWNLOAD.findall(cell.source)
        elif cell.cell_type == "code":
            tree = _parse(cell.source)
            calls.note(tree)  # what the cell assigns before it displays (``effect = ...; Markdown(... effect ...)``)
            tags = cell.metadata.get("tags", [])
            figure = cell.metadata.get("mystnb", {}).get("figure", {})
            for output in [] if "remove-output" in tags else cell.get("outputs", []):
                data = output.get("data", {})
                if "text/markdown" in data:
                    text = data["text/markdown"]
                    for kind, caption, label in _caption_items(text):
                        made = _makers(_shown(tree, imports, kind), calls)
                        add(kind, caption, label, cell.execution_count, made)
                    links += _DOWNLOAD.findall(text)
                if figure.get("caption") and ("image/png" in data or "image/svg+xml" in data):
                    made = _makers(_shown(tree, imports, "Fig."), calls)
                    add("Fig.", figure["caption"], figure.get("name", ""), cell.execution_count, made)
        for text, link in links:
            target = _relative(docname, link)
            if not target.startswith("outputs/"):  # a link to an input (data/...) is not an output
                continue
            # "the data behind the figure" belongs to the figures of the run, "... the table" to its tables
            says = {kind for kind, words in _SAYS.items() if words.search(text)}
            for item in run:
                if len(says) != 1 or item.kind in says:
                    item.outputs.append(target)
        if links or len(found) == here:  # a file offered, or a cell that shows no exhibit, ends the run
            run = []
    return found


def _page_exhibits(root: Path, docname: str, path: Path, chapter: int | None, counts: Counter) -> list[Exhibit]:
    text = path.read_text(encoding="utf-8")
    source = path.relative_to(root).as_posix()
    found = []
    for kind, caption, label in _caption_items(text):
        counts[kind] += 1
        found.append(Exhibit(kind, chapter, counts[kind], label, caption, docname, source, None, ["(the page's text)"]))
    for match in _BUILD_DIRECTIVE.finditer(text):
        if match.group(1) not in BUILD_TABLES:
            continue
        function, where, sometimes = BUILD_TABLES[match.group(1)]
        for caption, label, conditional in _written_tables(function):
            counts["Table"] += 1
            note = where + (f"; {sometimes}" if conditional else "")
            found.append(
                Exhibit(
                    "Table",
                    chapter,
                    counts["Table"],
                    label,
                    caption,
                    docname,
                    source,
                    None,
                    [function],
                    note=note,
                    optional=conditional,
                    html_only=where == "HTML edition only",
                )
            )
    return found


def _written_tables(function: str) -> list[tuple[str, str, bool]]:
    """(caption, label, conditional) of each ``myst_table`` call in ``function``'s source, in order;
    conditional when the call sits inside an ``if``."""
    import importlib
    import inspect

    module, _, name = function.rpartition(".")
    tree = ast.parse(inspect.getsource(getattr(importlib.import_module(module), name)))
    found: list[tuple[str, str, bool]] = []

    def walk(node: ast.AST, inside_if: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Call) and _dotted(child.func) in ("myst_table", "tables.myst_table"):
                strings = [a.value for a in child.args[2:4] if isinstance(a, ast.Constant)]
                if len(strings) == 2:
                    found.append((strings[0], strings[1], inside_if))
            walk(child, inside_if or isinstance(child, ast.If))

    walk(tree, False)
    return found


def exhibits(root: Path | None = None) -> list[Exhibit]:
    """Every numbered table and figure of the book, in book order, numbered as the book numbers them:
    chapters 1, 2, ... in ``_toc.yml`` order across the parts (the landing page has no number), and
    tables and figures counted separately within each chapter."""
    root = Path(root or paths.ROOT)
    found: list[Exhibit] = []
    for position, docname in enumerate(_toc(root)):
        path = _source(root, docname)
        docname = docname.removesuffix(path.suffix)
        chapter = position or None  # the root page (position 0) is not numbered
        counts: Counter = Counter()
        read = _notebook_exhibits if path.suffix == ".ipynb" else _page_exhibits
        found += read(root, docname, path, chapter, counts)
    return found


def page_titles(root: Path | None = None) -> dict[str, str]:
    """The title (first heading) of every page of the book, by docname."""
    root = Path(root or paths.ROOT)
    titles = {}
    for docname in _toc(root):
        path = _source(root, docname)
        if path.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        else:
            text = path.read_text(encoding="utf-8")
        heading = re.search(r"^# +(.+?)\s*$", text, re.M)
        titles[docname.removesuffix(path.suffix)] = heading.group(1) if heading else docname
    return titles


# --------------------------------------------------------------------------- data and software


def _descriptor(root: Path) -> dict:
    return json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))


def _row_sources(file: Path) -> list[str]:
    """Every web address in the source columns of a curated CSV file (one per row and column)."""
    import csv

    found = []
    with file.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column, value in row.items():
                if column and "source" in column and value:
                    found += re.findall(r"https?://[^\s;,|)]+", value)
    return found


def _site(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _licence(resource: dict) -> str:
    return "; ".join(lic["name"] for lic in resource.get("licenses") or [])


def _licences(resources: list[dict]) -> str:
    """The licences of ``resources``, each name once, with the first title the descriptor gives it."""
    seen: dict[str, str] = {}
    for resource in resources:
        for lic in resource.get("licenses") or []:
            seen.setdefault(lic["name"], lic.get("title", ""))
    return "; ".join(f"{name} ({title})" if title else name for name, title in seen.items())


def _groups(root: Path) -> list[dict]:
    """The data sources: the article, Natural Earth, each curated file of outside figures, and the
    files derived here; each with its files and what the descriptor says about them."""
    package = _descriptor(root)
    groups: dict[str, dict] = {}
    for resource in package["resources"]:
        sources = resource.get("sources") or []
        where = sources[0].get("path", "") if sources else ""
        path = f"data/{resource['path']}"
        natural_earth = all(
            "naturalearthdata.com" in s.get("path", "") or "natural-earth" in s.get("path", "") for s in sources
        )
        if where.startswith("https://doi.org/") and len(sources) == 1:
            key, kind = where, "article"
        elif sources and natural_earth:
            key, kind = "natural-earth", "natural-earth"
        elif not where.startswith("http") and resource["path"] != where and (root / "data" / where).is_file():
            key, kind = f"derived:{path}", "derived"
        else:
            key, kind = f"curated:{path}", "curated"
        group = groups.setdefault(key, {"kind": kind, "resources": [], "sources": []})
        group["resources"].append(resource)
        for source in sources:
            if source not in group["sources"]:
                group["sources"].append(source)
    order = {"article": 0, "natural-earth": 1, "curated": 2, "derived": 3}
    return sorted(groups.values(), key=lambda g: order[g["kind"]])


def pinned(root: Path) -> dict[str, str]:
    lock = provenance.pinned_packages(root / "requirements.lock")
    return {row.package.lower(): row.version for row in lock.itertuples()}


def _dependencies(root: Path) -> list[str]:
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0] for d in project.get("dependencies", [])]


def _project(root: Path) -> dict:
    import tomllib

    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def debian_packages(root: Path) -> list[str]:
    """The Debian packages the Makefile's ``DEBIAN_PACKAGES`` names (for `make pdf` and `make test`)."""
    text = (root / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    match = re.search(r"^DEBIAN_PACKAGES\s*:?=\s*(.+)$", text, re.M)
    return match.group(1).split() if match else []


def _python(root: Path) -> str:
    match = re.search(r"^PYTHON \?= (\S+)", (root / "Makefile").read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else "python3"


# --------------------------------------------------------------------------- measuring


def _machine() -> dict:
    def first(path: str, pattern: str) -> str:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        match = re.search(pattern, text, re.M)
        return match.group(1).strip() if match else ""

    memory_kib = first("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    return {
        "cpus": os.cpu_count(),
        "cpu": first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor(),
        "memory_gib": round(int(memory_kib) / 1024**2, 1) if memory_kib else None,
        "system": first("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)') or platform.system(),
        "kernel": f"{platform.system()} {'.'.join(platform.release().split('.')[:2])} ({platform.machine()})",
        "python": platform.python_version(),
    }


def _machine_key(machine: dict) -> str:
    return hashlib.sha256(json.dumps(machine, sort_keys=True).encode()).hexdigest()[:8]


def _git_head(root: Path) -> str | None:
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() or None if result.returncode == 0 else None


def run_measured(args: list[str], cwd: Path, env: dict | None = None, *, name: str) -> dict:
    """Wall seconds and peak resident memory (the largest single process of the command's tree that
    was waited for, as ``wait4`` reports it) of ``args``; a failure raises :class:`MeasureError`."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.monotonic()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            raise MeasureError(f"{name}: exited with {proc.returncode} after {seconds:.0f} s:\n{log.read()[-3000:]}")
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(usage.ru_maxrss / 1024, 1)}


_PEAK_CELL = "import resource\nprint('peak-rss-kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def kernel_peak(notebook: Path, repo: Path) -> dict:
    """Execute ``notebook`` (a copy, in its own folder of the scratch ``repo``) with papermill and
    return the wall seconds and the kernel's own peak resident memory, which a last cell reads."""
    import papermill as pm

    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_PEAK_CELL))
    keys = ("HLJRU_ROOT", "HLJRU_STAGING", "HLJRU_OUTPUTS", "MPLBACKEND")
    saved = {key: os.environ.get(key) for key in keys}
    with tempfile.TemporaryDirectory(prefix="hljru-kernel-") as tmp:
        source, executed = Path(tmp) / "in.ipynb", Path(tmp) / "out.ipynb"
        nbformat.write(nb, source)
        os.environ.update(HLJRU_ROOT=str(repo), HLJRU_STAGING=str(Path(tmp) / "outputs"), MPLBACKEND="Agg")
        os.environ["HLJRU_OUTPUTS"] = str(Path(tmp) / "outputs")
        start = time.monotonic()
        try:
            pm.execute_notebook(
                str(source), str(executed), cwd=str(notebook.parent), kernel_name="python3", progress_bar=False
            )
        finally:
            for key, old in saved.items():
                if old is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = old
        seconds = time.monotonic() - start
        out = nbformat.read(executed, as_version=4).cells[-1].outputs
    text = "".join(o.get("text", "") for o in out)
    match = re.search(r"peak-rss-kib (\d+)", text)
    if not match:
        raise MeasureError(f"{notebook.name}: the kernel did not report its peak memory: {text[-500:]!r}")
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(int(match.group(1)) / 1024, 1)}


# what each step runs in the scratch copy; `setup` builds a new environment there without pip's cache
STEP_COMMANDS = {  # step: (command, note)
    "setup": ("make .venv/.installed", "a new virtual environment from requirements.lock, pip's cache off"),
    "reproduce": ("make reproduce", "every notebook, two kernels at a time"),
    "book_cold": ("make book", "no _build folder"),
    "book_nochange": ("make book", "again, nothing changed"),
    "pdf": ("make pdf", "XeLaTeX, then the HTML that offers the PDF"),
    "test_fast": ("make test-fast", "the tests that execute no notebook and build no book"),
    "test": ("make test", "every test"),
}
STEPS = (*STEP_COMMANDS, "kernels")
# the steps from a fresh machine to the books (the tests aside): the summary's total
WHOLE_RUN = ("system_deps", "setup", "reproduce", "book_cold", "pdf")
# measured by hand only (`--from-time`): on a machine that has the packages it does nothing
HAND_STEPS = {"system_deps": ("make system-deps", "the Debian packages listed above, on a machine without them")}
SCRATCH_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", "*.egg-info", "test-artifacts", ".pytest_cache", "__pycache__", "runs", ".jupyter_cache"
)


def _load_measured() -> dict:
    if MEASURED.is_file():
        return json.loads(MEASURED.read_text(encoding="utf-8"))
    return {"machines": {}, "steps": {}, "kernels": {}, "debian_packages": {}}


def _save_measured(data: dict) -> None:
    MEASURED.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _session(data: dict) -> dict:
    machine = _machine()
    key = _machine_key(machine)
    data["machines"][key] = machine
    return {"machine": key, "date": datetime.date.today().isoformat(), "commit": _git_head(paths.ROOT)}


def _debian_versions(names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout:
            found[name] = result.stdout.strip()
    return found


def measure(steps: list[str], venv: Path, log=print) -> dict:
    """Run ``steps`` in a scratch copy of the repository (the checkout is not touched) and record
    their figures in ``measured.json``; returns the updated figures."""
    data = _load_measured()
    session = _session(data)
    data["debian_packages"] = _debian_versions(debian_packages(paths.ROOT)) or data.get("debian_packages", {})
    with tempfile.TemporaryDirectory(prefix="hljru-measure-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(paths.ROOT, repo, ignore=SCRATCH_IGNORE)
        stamp = Path(tmp) / "installed.stamp"
        stamp.touch()
        env = {**os.environ, "HLJRU_ROOT": str(repo)}
        with_venv = [f"VENV={venv}", f"STAMP={stamp}"]
        commands = {
            "setup": ["make", f"{Path(tmp) / 'fresh'}/.installed", f"VENV={Path(tmp) / 'fresh'}"],
            "reproduce": ["make", "reproduce", *with_venv],
            "book_cold": ["make", "book", *with_venv],
            "book_nochange": ["make", "book", *with_venv],
            "pdf": ["make", "pdf", *with_venv],
            "test_fast": ["make", "test-fast", *with_venv],
            "test": ["make", "test", *with_venv],
        }
        for step in [s for s in STEP_COMMANDS if s in steps]:
            log(f"measure: {step} ...")
            step_env = {**env, "PIP_NO_CACHE_DIR": "1"} if step == "setup" else env
            figures = run_measured(commands[step], repo, step_env, name=step)
            figures.update(session, command=STEP_COMMANDS[step][0], load_1min=round(os.getloadavg()[0], 2))
            data["steps"][step] = figures
            log(f"measure: {step}: {figures['seconds']} s, peak {figures['peak_rss_mib']} MiB")
            _save_measured(data)
        if "kernels" in steps:
            for docname in _toc(repo):
                notebook = repo / f"{docname}.ipynb"
                if not notebook.is_file():
                    continue
                log(f"measure: kernel of {docname} ...")
                figures = kernel_peak(notebook, repo)
                figures.update(session, load_1min=round(os.getloadavg()[0], 2))
                data["kernels"][docname] = figures
                log(f"measure: kernel of {docname}: {figures['seconds']} s, peak {figures['peak_rss_mib']} MiB")
                _save_measured(data)
    return data


def from_time_report(step: str, report: Path, command: str | None = None) -> dict:
    """Record a step measured by hand with ``/usr/bin/time -v COMMAND`` (wall time, maximum resident set size)."""
    text = report.read_text(encoding="utf-8", errors="replace")
    elapsed = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    timed = re.search(r'Command being timed: "([^"]+)"', text)
    status = re.search(r"Exit status: (\d+)", text)
    if not (elapsed and peak and timed):
        raise MeasureError(f"{report}: not a report of /usr/bin/time -v")
    if status and status.group(1) != "0":
        raise MeasureError(f"{report}: the command exited with {status.group(1)}")
    seconds = 0.0
    for part in elapsed.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    data = _load_measured()
    figures = {"seconds": round(seconds, 1), "peak_rss_mib": round(int(peak.group(1)) / 1024, 1)}
    figures.update(_session(data), command=command or timed.group(1), how="/usr/bin/time -v")
    data["steps"][step] = figures
    _save_measured(data)
    return figures


# --------------------------------------------------------------------------- writing


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _plain(caption: str, limit: int = 90) -> str:
    """A caption as plain text (roles reduced to their text, markup dropped), cut at a word near ``limit``."""
    text = _ROLE.sub(lambda m: m.group(1), caption)
    text = re.sub(r"[*`]", "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:(")
    return cut + " …"


def _table(header: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    rules = align or "l" * len(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in rules) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min ({seconds:.0f} s)"


def _overview(root: Path, items: list[Exhibit], groups: list[dict], notebooks: int) -> list[str]:
    tables = sum(1 for i in items if i.kind == "Table")
    figures = sum(1 for i in items if i.kind == "Fig.")
    files = sum(len(g["resources"]) for g in groups)
    kinds = Counter(g["kind"] for g in groups)
    from_pages = sum(1 for i in items if i.kind == "Table" and i.source.endswith(".md"))
    project = _project(root)
    measured = _load_measured()["steps"]
    whole = [measured[s]["seconds"] for s in WHOLE_RUN if s in measured]
    lines = [
        "## Overview",
        "",
        f"This package (the `{project['name']}` compendium; its version is in `pyproject.toml` and on the book's "
        "title page) reproduces, audits and "
        "extends Song (2019), *Strategic priorities of cooperation between Heilongjiang province and Russia*, "
        "R-economy 5(1), 13–18. The article's tables and quantitative statements are transcribed as data, "
        "checked against outside figures and re-drawn; every chapter of the book is a Jupyter notebook that "
        f"calls the Python package `{PACKAGE}`. From {files} data files (the article; Natural Earth's base maps; "
        f"{kinds['curated']} files of outside figures curated from public web pages, each row naming its page; "
        f"{kinds['derived']} derived here), "
        f"{notebooks} notebooks make the book's {figures} numbered figures and {tables - from_pages} of its "
        f"{tables} numbered tables (the other {from_pages} are written by its Markdown pages); the book is built "
        "with Jupyter Book as HTML and PDF.",
        "",
        "Two commands do everything: `make book` sets up the environment and builds the HTML book from the "
        "committed notebooks; `make test` re-executes every notebook in a scratch copy, compares every output "
        "with the committed one byte for byte, builds the HTML and the PDF and checks them. `make reproduce` "
        "re-executes the notebooks in place.",
    ]
    if len(whole) == len(WHOLE_RUN):
        lines += [
            "",
            "A replicator should expect the set-up (Debian packages and Python environment), a full "
            f"re-execution of the notebooks and the HTML and PDF books to take about {_minutes(sum(whole))} "
            "together on a 2-core machine (measured figures below), and the tests a few minutes more.",
        ]
    return lines


def _rights() -> list[str]:
    return [
        "## Data availability and provenance statements",
        "",
        "Every data file the analysis reads is in this repository, under `data/`, described in "
        "`data/datapackage.json` (schema, source, licence, size, SHA-256) and in `data/README.md`. None is "
        "confidential and none needs registration. The figures from outside sources were read on public web "
        "pages; each row of those files names the page, and the package holds the numbers and the page's "
        "address, not the page's text.",
        "",
        "### Statement about rights",
        "",
        "- [x] The authors of this compendium have legitimate access to and permission to use the data used "
        "here: the article is open access (CC BY 4.0), Natural Earth is in the public domain, and the outside "
        "figures are facts reported on public pages, redistributed with their sources.",
        "",
        "### License for data",
        "",
        "Stated per file in `data/datapackage.json` and summarised in `LICENSE-DATA`: the transcriptions of "
        "the article CC BY 4.0, the curated outside figures and the gazetteer CC0 1.0, Natural Earth public "
        "domain. Code: MIT (`LICENSE`); text and figures of the book: CC BY 4.0 (`LICENSE-TEXT`).",
        "",
        "### Summary of availability",
        "",
        "- [x] All data **are** publicly available.",
        "- [ ] Some data **cannot be made** publicly available.",
        "- [ ] **No data can be made** publicly available.",
    ]


def _sources(root: Path, groups: list[dict]) -> list[str]:
    lines = ["", "### Details on each data source", ""]
    for group in groups:
        resources = group["resources"]
        files = ", ".join(f"`data/{r['path']}`" for r in resources)
        licences = _licences(resources)
        source = group["sources"][0] if group["sources"] else {}
        if group["kind"] == "article":
            lines += [
                f"**Song (2019), the article.** Published by the journal *R-economy*; read at "
                f"{source.get('path')}. Its tables are transcribed as printed and its statements paraphrased with their locators in: {files}. Licence: {licences}. "
                "Provided: yes. Cite: Song, L. (2019). Strategic priorities of cooperation between Heilongjiang "
                f"province and Russia. *R-economy*, 5(1), 13–18. {source.get('path')}",
                "",
            ]
        elif group["kind"] == "natural-earth":
            where = "; ".join(sorted({s.get("title", "") for s in group["sources"]}))
            lines += [
                "**Natural Earth.** Published by Natural Earth (https://www.naturalearthdata.com/), vector map "
                f"data in the public domain; read as: {where}. Files: {files}. Licence: {licences}. "
                "Provided: yes. Cite: Made with Natural Earth, https://www.naturalearthdata.com/.",
                "",
            ]
        elif group["kind"] == "curated":
            resource = resources[0]
            path = root / "data" / resource["path"]
            urls = _row_sources(path) if path.suffix == ".csv" else []
            sites = Counter(_site(u) for u in urls)
            top = ", ".join(f"{site} ({n})" for site, n in sorted(sites.items(), key=lambda s: (-s[1], s[0]))[:6])
            read = (
                f"read on {len(set(urls))} web pages of {len(sites)} sites, each named in the row it supports"
                + (f" (most cited: {top})" if top else "")
                if urls
                else "; ".join(s.get("title", "") for s in group["sources"])
            )
            # the sources named once for the whole file (not the pointer to the rows' own sources)
            extra = [s.get("title", "") for s in group["sources"] if not s.get("path", "").startswith("see ")]
            lines += [
                f"**{resource.get('title', resource['name'])}** (`data/{resource['path']}`). "
                + (f"{resource['description']} " if resource.get("description") else "")
                + f"Published by the sources each row names: {read}."
                + (f" Also: {'; '.join(extra)}." if extra else "")
                + (f" {resource['access_note']}" if resource.get("access_note") else "")
                + f" Licence of the compilation: {licences}. Provided: yes. Cite: the page in the row's "
                "source column for a figure, and this compendium for the compilation.",
                "",
            ]
        else:
            resource = resources[0]
            lines += [
                f"**Derived here: {resource.get('title', resource['name'])}** (`data/{resource['path']}`), from "
                f"`data/{source.get('path')}` by the package (`make reproduce` writes it). Licence: "
                f"{licences}. Provided: yes.",
                "",
            ]
    return lines


def _datasets(root: Path, groups: list[dict]) -> list[str]:
    names = {"article": "Song (2019)", "natural-earth": "Natural Earth", "curated": "public web pages (per row)"}
    rows = []
    for resource in _descriptor(root)["resources"]:
        group = next(g for g in groups if resource in g["resources"])
        source = names.get(group["kind"]) or f"derived from data/{group['sources'][0].get('path')}"
        rows.append([f"`data/{resource['path']}`", source, resource.get("title", ""), _licence(resource), "yes"])
    return [
        "## Dataset list",
        "",
        "Generated from `data/datapackage.json`, which also records each file's size and SHA-256 (the loaders "
        "refuse a file that differs).",
        "",
        *_table(["Data file", "Source", "Notes", "Licence", "Provided"], rows),
    ]


def _software(root: Path) -> list[str]:
    pins = pinned(root)
    measured = _load_measured()
    wanted = list(dict.fromkeys([*_dependencies(root), *TOOLS]))
    listed = [f"  - `{name}` {pins[name.lower()]}" for name in wanted if name.lower() in pins]
    debian = measured.get("debian_packages", {})
    lines = [
        "## Computational requirements",
        "",
        "### Software requirements",
        "",
        f"- Python {_project(root).get('requires-python', '')} (the Makefile calls `{_python(root)}`)",
        f"  - every Python package is pinned in `requirements.lock` ({len(pins)} packages; `make book` "
        "installs them into `.venv`, and `environment.yml` repeats the pins for Binder). The package's own "
        "dependencies and the tools the Makefile calls:",
        *listed,
        "- GNU Make and Bash (the Makefile), git (the build names its commit)",
        "- Debian packages for the PDF and the browser tests, installed by `make system-deps` (as root or "
        "through sudo; `make book` needs none of them)"
        + (": versions as installed on the measuring machine (Debian's, not pinned):" if debian else ":"),
        *[f"  - `{name}`" + (f" {debian[name]}" if name in debian else "") for name in debian_packages(root)],
        "",
        "The Makefile uses Bash and Debian's package manager (`apt-get`), so the two commands need Linux "
        "(Debian or a derivative); Binder runs the notebooks from any system with a browser.",
    ]
    return lines


def _shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:  # the package installed elsewhere than in this checkout
        return f"{PACKAGE}/dev/{path.name}"


def _runtime() -> list[str]:
    measured = _load_measured()
    steps, kernels, machines = measured.get("steps", {}), measured.get("kernels", {}), measured.get("machines", {})
    lines = ["", "### Memory and runtime requirements", ""]
    if not steps and not kernels:
        return lines + ["Not measured yet: run `python -m heilongjiang_russia.dev.replication --measure`."]
    done = [s for s in WHOLE_RUN if s in steps]
    total = sum(steps[s]["seconds"] for s in done)
    lines += [
        "#### Summary",
        "",
        f"Approximate time needed to reproduce the analyses on a 2-core machine ({' + '.join(done)}, as "
        f"measured below: {_minutes(total)}):",
        "",
    ]
    brackets = [(600, "<10 minutes"), (3600, "10-60 minutes"), (8 * 3600, "1-8 hours")]
    chosen = next((label for limit, label in brackets if total < limit), "> 8 hours")
    lines += [f"- [{'x' if label == chosen else ' '}] {label}" for _, label in brackets]
    lines += ["", "#### Details", ""]
    for key, machine in sorted(machines.items()):
        lines.append(
            f"Machine `{key}`: {machine['cpus']} cores ({machine['cpu']}), {machine['memory_gib']} GiB of memory, "
            f"{machine['system']}, {machine['kernel']}, Python {machine['python']}."
        )
    lines += [
        "",
        "Each step was timed once, on a machine shared with other work (the load average when the step "
        "ended is given: above 2 on 2 cores, something else was running and the step took longer than on a "
        "quiet machine). Peak memory is the largest single process of the step. The figures are in "
        f"`{_shown_path(MEASURED)}`, written by "
        "`python -m heilongjiang_russia.dev.replication --measure` (in a scratch copy) or "
        "`--from-time STEP FILE` (a `/usr/bin/time -v` report).",
        "",
    ]
    rows = []
    for step, (command, note) in {**HAND_STEPS, **STEP_COMMANDS}.items():
        if step in steps:
            s = steps[step]
            rows.append(
                [
                    step,
                    f"`{command}` ({note})",
                    f"{s['seconds']:.1f}",
                    f"{s['peak_rss_mib']:.0f}",
                    f"{s.get('load_1min', '–')}",
                    f"`{s['machine']}`, {s['date']}",
                ]
            )
        else:
            rows.append([step, f"`{command}` ({note}; not timed for this file)", "–", "–", "–", "–"])
    for step in sorted(set(steps) - set(STEP_COMMANDS) - set(HAND_STEPS)):
        s = steps[step]
        rows.append(
            [
                step,
                f"`{s.get('command', '')}`",
                f"{s['seconds']:.1f}",
                f"{s['peak_rss_mib']:.0f}",
                f"{s.get('load_1min', '–')}",
                f"`{s['machine']}`, {s['date']}",
            ]
        )
    lines += _table(["Step", "Command", "Seconds", "Peak MiB", "Load (1 min)", "Machine, date"], rows, "llrrrl")
    if kernels:
        heaviest = max(kernels, key=lambda d: kernels[d]["peak_rss_mib"])
        k = kernels[heaviest]
        lines += [
            "",
            f"A chapter's kernel needs at most {k['peak_rss_mib']:.0f} MiB (`{heaviest}`, its own peak resident "
            "memory read by a last cell added to a copy, executed with papermill); `make reproduce` runs two "
            "kernels at a time. Each notebook's kernel:",
            "",
        ]
        order = [d for d in _toc(paths.ROOT) if d in kernels] + sorted(set(kernels) - set(_toc(paths.ROOT)))
        rows = [[f"`{d}`", f"{kernels[d]['seconds']:.1f}", f"{kernels[d]['peak_rss_mib']:.0f}"] for d in order]
        lines += _table(["Notebook", "Seconds", "Peak MiB"], rows, "lrr")
    return lines


def _programs(root: Path) -> list[str]:
    package = root / "src" / PACKAGE
    subpackages = sorted(p.name for p in package.iterdir() if (p / "__init__.py").is_file())
    modules = sorted(p.stem for p in package.glob("*.py") if p.stem not in ("__init__", "__main__"))

    def doc(path: Path) -> str:
        try:
            text = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        except SyntaxError:
            text = ""
        return _plain(text.split("\n\n")[0], 140)

    lines = [
        "## Description of programs/code",
        "",
        f"- `src/{PACKAGE}/`: the Python package; every computation of the book is a function here, and the "
        "notebooks only set parameters and call it.",
    ]
    lines += [f"  - `{name}/`: {doc(package / name / '__init__.py')}" for name in subpackages]
    lines += [f"  - `{name}.py`: {doc(package / (name + '.py'))}" for name in modules]
    notebooks = [d for d in _toc(root) if (root / f"{d}.ipynb").is_file()]
    lines += [
        f"- `chapters/`: the book's pages; {len(notebooks)} of them are notebooks, executed by papermill in "
        "`_toc.yml` order (two at a time, the appendices last) by `make reproduce`, which also writes the "
        "derived data files first. The sub-period pages (`chapters/variants/`) are runs of "
        "`chapters/02_current_state.ipynb` with the parameters in `chapters/variants.yml`.",
        f"- The runner: `python -m {PACKAGE}` (`list`, `run`, `check`, `reproduce`, `notebooks`, `datapackage`) "
        "re-executes a chapter with other parameters, checks every parameter first, and never overwrites a "
        "committed chapter.",
        "- `outputs/`: the data behind the figures and some tables, as CSV, written by the notebooks.",
        "- `tests/`: the test suite (`make test`).",
        "- `Makefile`: the commands below.",
        "",
        "### License for code",
        "",
        "The code is licensed under the MIT license; see `LICENSE`.",
    ]
    return lines


def _instructions() -> list[str]:
    return [
        "## Instructions to replicators",
        "",
        "On a machine with Python 3.11, GNU Make and Debian's package manager, in a clone of the repository:",
        "",
        "1. `make book`: creates `.venv` from `requirements.lock`, validates the data against "
        "`data/datapackage.json`, and builds the HTML book from the committed notebooks into `_build/html`.",
        "2. `make test`: installs the Debian packages it needs (`make system-deps`), runs the linters and every "
        "test: each notebook is re-executed in a scratch copy and must give the committed notebook, tables and "
        "derived data byte for byte; the HTML and PDF books are built strictly and checked, every page in a "
        "headless browser.",
        "",
        "Optional:",
        "",
        "- `make reproduce`: re-execute every notebook in place (and rewrite the derived data and this file); on "
        "an unchanged checkout it changes no file.",
        "- `make pdf`: the PDF book (XeLaTeX) in `_build/latex/book.pdf`; `make site` builds the PDF and the "
        "HTML that offers it.",
        f"- `.venv/bin/python -m {PACKAGE} run CHAPTER -p NAME VALUE`: re-run a chapter with other parameters "
        "(the book's page 'Re-running the analyses').",
        "- `make bench`: time the loop on a scratch copy; `make replication`: rewrite this file.",
        "- Binder: the launch button of each notebook page opens it on https://mybinder.org with the same "
        "pinned packages (`environment.yml`, `postBuild`), nothing to install.",
        "",
        "### Details",
        "",
        "- The notebooks read only `data/` and write only `outputs/`; their order does not matter except that "
        "the appendices summarise the chapters, which `make reproduce` respects.",
        "- No step uses the network once the environment is installed; nothing is random.",
    ]


def _variants(root: Path) -> dict[str, tuple[str, str]]:
    """The notebooks that are runs of a chapter with other parameters (``chapters/variants.yml``):
    file -> (the chapter, its parameters as text)."""
    spec = root / "chapters" / "variants.yml"
    if not spec.is_file():
        return {}
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    return {
        v["file"]: (data["chapter"], ", ".join(f"`{k} = {val!r}`" for k, val in v.get("parameters", {}).items()))
        for v in data.get("variants", [])
    }


def _exhibit_list(root: Path, items: list[Exhibit]) -> list[str]:
    titles = page_titles(root)
    variants = _variants(root)
    tables = sum(1 for i in items if i.kind == "Table")
    figures = sum(1 for i in items if i.kind == "Fig.")
    lines = [
        "## List of tables and programs",
        "",
        "The provided code reproduces:",
        "",
        "- [x] All numbers provided in text in the paper",
        "- [x] All tables and figures in the paper",
        "- [ ] Selected tables and figures in the paper, as explained and justified below.",
        "",
        f"Every numbered table ({tables}) and figure ({figures}) of the book, by chapter, numbered as in the HTML "
        "and the PDF. *Made by* names the cell of the notebook (`In [n]`) and the package function it calls "
        "(for a table rendered by the generic `tables.myst_table`, first the function that made its data); "
        "*Output file* is the CSV the page offers with it (the table or figure itself is stored in the "
        "notebook).",
    ]
    for docname in dict.fromkeys(i.docname for i in items):
        mine = [i for i in items if i.docname == docname]
        first = mine[0]
        title = _plain(titles.get(docname, docname), 200)
        heading = f"Chapter {first.chapter}. {title}" if first.chapter else title
        made_from = variants.get(first.source)
        what = "Notebook" if first.source.endswith(".ipynb") else "Page"
        source = f"{what}: `{first.source}`" + (
            f", executed from `{made_from[0]}` with {made_from[1]} (`chapters/variants.yml`)." if made_from else "."
        )
        lines += ["", f"**{heading}.** {source}", ""]
        rows = []
        for item in mine:
            made = ", then ".join(
                f"`{m.removeprefix(PACKAGE + '.')}`" if m.startswith(PACKAGE) else m for m in item.made_by
            )
            cell = f"`In [{item.cell}]` " if item.cell else ""
            outputs = ", ".join(f"`{o}`" for o in dict.fromkeys(item.outputs)) or "–"
            note = f" ({item.note})" if item.note else ""
            rows.append([item.number, _plain(item.caption) + note, (cell + made).strip() or "–", outputs])
        lines += _table(["Number", "Caption", "Made by", "Output file"], rows)
    return lines


def _references() -> list[str]:
    return [
        "## References",
        "",
        "Song, L. (2019). Strategic priorities of cooperation between Heilongjiang province and Russia. "
        "*R-economy*, 5(1), 13–18. https://doi.org/10.15826/recon.2019.5.1.002",
        "",
        "Natural Earth. Free vector and raster map data, 1:50m cultural and physical vectors. "
        "https://www.naturalearthdata.com/",
        "",
        TEMPLATE + ".",
        "",
        "The outside figures: the page named in the source column of each row of `data/external/*.csv` and "
        "`data/gazetteer.csv`; the works the article cites: the book's page 'References' (`references.bib`).",
    ]


def render(root: Path | None = None) -> str:
    """The text of REPLICATION.md for the repository at ``root``."""
    root = Path(root or paths.ROOT)
    items = exhibits(root)
    groups = _groups(root)
    notebooks = sum(1 for d in _toc(root) if (root / f"{d}.ipynb").is_file())
    parts = [
        "# Replication package",
        "",
        "This README follows the Social Science Data Editors' template README for social science replication "
        "packages (Vilhuber et al. 2022, below). It is generated, not written by hand: "
        "`make replication` (or `python -m heilongjiang_russia.dev.replication --write`) rewrites it from "
        "the notebooks, `data/datapackage.json`, `requirements.lock` and the measured figures, and a test "
        "fails when the committed file differs. The repository's `README.md` introduces the compendium.",
        "",
        *_overview(root, items, groups, notebooks),
        "",
        *_rights(),
        *_sources(root, groups),
        *_datasets(root, groups),
        "",
        *_software(root),
        *_runtime(),
        "",
        *_programs(root),
        "",
        *_instructions(),
        "",
        *_exhibit_list(root, items),
        "",
        *_references(),
    ]
    return "\n".join(parts).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {PACKAGE}.dev.replication", description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help=f"write {TARGET} at the repository root")
    group.add_argument("--check", action="store_true", help=f"exit 1 when {TARGET} differs from what --write writes")
    group.add_argument(
        "--measure", nargs="*", choices=STEPS, metavar="STEP", help=f"steps to measure: {', '.join(STEPS)}"
    )
    group.add_argument("--from-time", nargs=2, metavar=("STEP", "FILE"), help="record a /usr/bin/time -v report")
    parser.add_argument("--command", help="with --from-time: the command as shown (default: the report's)")
    parser.add_argument(
        "--venv", type=Path, default=Path(sys.executable).parent.parent, help="the environment to measure with"
    )
    args = parser.parse_args(argv)
    target = paths.ROOT / TARGET
    if args.write:
        text = render()
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"written: {TARGET}")
        return 0
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != render():
            print(f"error: {TARGET} is not what the generator writes now: run `make replication`", file=sys.stderr)
            return 1
        print(f"{TARGET}: current")
        return 0
    try:
        if args.from_time:
            figures = from_time_report(args.from_time[0], Path(args.from_time[1]), args.command)
            print(f"{args.from_time[0]}: {figures['seconds']} s, peak {figures['peak_rss_mib']} MiB")
            return 0
        measure(
            args.measure or list(STEPS), args.venv.resolve(), log=lambda line: print(line, file=sys.stderr, flush=True)
        )
    except MeasureError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"written: {paths.display(MEASURED)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
