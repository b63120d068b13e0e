"""The book's numbered tables and figures, each with the notebook, the function and the file behind it."""

from __future__ import annotations

import ast
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute as pipeline

from .common import _BUILD_DIRECTIVE, _DIRECTIVE, _DOWNLOAD, _NAME, _SAYS, BUILD_TABLES, PACKAGE

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
