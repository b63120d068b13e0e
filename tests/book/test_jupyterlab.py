"""The chapters as a reader sees them in JupyterLab (and on Binder), and no accidental mathematics.

JupyterLab typesets text between two dollar signs as mathematics, in Markdown cells and in Markdown
outputs alike, with or without jupyterlab-myst: "US$ 1 … US$ 2" loses its words to a formula, and a
table holding two of them stops being a table. Every dollar sign that the chapters' Markdown holds
is therefore escaped (``\\$``, which the book shows as ``$``).
"""

from __future__ import annotations

import re

import nbformat
import pytest

from heilongjiang_russia import paths

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
