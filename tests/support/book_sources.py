"""What the book's sources say it contains: pages in _toc.yml order, titles, table and figure
captions, images. The PDF and browser tests check the built book against this, so they keep
passing (and keep checking everything) as chapters are added."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute

SUFFIXES = (".ipynb", ".md")
# a table directive: ```{table} Caption, :::{table} Caption, {list-table} and {csv-table} alike
_TABLE = re.compile(r"^\s*(?::{3,}|`{3,})\{(?:table|list-table|csv-table)\}[ \t]*(.*?)\s*$", re.M)
_FIGURE = re.compile(r"^\s*(?::{3,}|`{3,})\{figure\}[^\n]*\n((?:\s*:[\w-]+:[^\n]*\n)*)\s*\n?([^\n]+)", re.M)
_ROLE = re.compile(r"\{[\w:.-]+\}`[^`]*`")
_MARKUP = re.compile(r"[*_`\[\]$\\]")


@dataclass
class Page:
    docname: str  # e.g. "chapters/02_current_state"; the HTML page is docname + ".html"
    path: Path
    title: str = ""
    markdown: list[str] = field(default_factory=list)  # what a reader sees as text (cells, outputs)
    figure_captions: list[str] = field(default_factory=list)
    images: int = 0  # image outputs shown (each one is a picture in the HTML and the PDF)

    @property
    def html(self) -> str:
        return self.docname + ".html"

    @property
    def table_captions(self) -> list[str]:
        return [m.group(1) for text in self.markdown for m in _TABLE.finditer(text) if m.group(1)]


def toc_docnames(toc: Path = paths.TOC) -> list[str]:
    """The root and every file in ``_toc.yml``, in book order."""
    return execute.toc_docnames(toc)


def _source(docname: str) -> Path:
    base = paths.ROOT / docname
    if base.suffix in SUFFIXES and base.is_file():
        return base
    for suffix in SUFFIXES:
        if base.with_suffix(suffix).is_file():
            return base.with_suffix(suffix)
    raise FileNotFoundError(f"_toc.yml lists {docname!r}, but neither {docname}.ipynb nor {docname}.md exists")


def _tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def read_page(docname: str) -> Page:
    path = _source(docname)
    docname = docname.removesuffix(path.suffix)
    page = Page(docname, path)
    if path.suffix == ".md":
        text = path.read_text(encoding="utf-8")
        page.markdown.append(text)
    else:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            tags = _tags(cell)
            if "remove-cell" in tags:
                continue
            if cell.cell_type == "markdown":
                page.markdown.append(cell.source)
                continue
            if cell.cell_type != "code" or "remove-output" in tags:
                continue
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if "text/markdown" in data:
                    page.markdown.append(data["text/markdown"])
                if "image/png" in data or "image/svg+xml" in data:
                    page.images += 1
            caption = cell.metadata.get("mystnb", {}).get("figure", {}).get("caption")
            if caption:
                page.figure_captions.append(caption)
    for text in page.markdown:
        page.figure_captions += [m.group(2).strip() for m in _FIGURE.finditer(text)]
        heading = re.search(r"^# +(.+?)\s*$", text, re.M)
        if heading and not page.title:
            page.title = heading.group(1)
    return page


def book_pages() -> list[Page]:
    """Every page of the book, root first, as its sources describe it."""
    return [read_page(name) for name in toc_docnames()]


def fragments(text: str, min_words: int = 3) -> list[str]:
    """The plain-text runs of a caption or title (between roles and markup), each of at least
    ``min_words`` words: what must appear verbatim in any rendering of it."""
    runs = _MARKUP.split(_ROLE.sub("|", text).replace("|", "\n"))
    out = []
    for run in (r for chunk in runs for r in chunk.split("\n")):
        run = run.strip(" ,.;:")
        if len(run.split()) >= min_words:
            out.append(run)
    return out


def normalise(text: str) -> str:
    """For comparing typeset text with its source: case, spaces, hyphenation and quotes ignored."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\ufb01", "fi").replace("\ufb02", "fl")
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text).casefold()


def glued(nb) -> dict[str, str]:
    """The values an executed notebook glued (myst-nb ``glue``), by name, as their text."""
    return {
        o["metadata"]["scrapbook"]["name"]: o["data"]["application/papermill.record/text/plain"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "scrapbook" in o.get("metadata", {})
    }
