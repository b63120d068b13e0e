"""Chapters are thin and shaped alike: title, a parameters cell of literals, calls into the package."""

from __future__ import annotations

import ast

import nbformat
import yaml

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute


def _pages(node):
    if isinstance(node, dict):
        for key in ("root", "file"):
            if key in node:
                yield node[key]
        for value in node.values():
            yield from _pages(value)
    elif isinstance(node, list):
        for item in node:
            yield from _pages(item)


def test_toc_lists_only_pages_that_exist():
    toc = yaml.safe_load(paths.TOC.read_text(encoding="utf-8"))
    pages = list(_pages(toc))
    assert "chapters/02_current_state" in pages
    for page in pages:
        candidates = [paths.ROOT / (page + ext) for ext in ("", ".md", ".ipynb")]
        assert any(c.is_file() for c in candidates), page


def test_each_chapter_has_one_parameters_cell_of_commented_literals():
    for nb_path in execute.toc_notebooks():
        nb = nbformat.read(nb_path, as_version=4)
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# "), nb_path.name
        tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, nb_path.name
        for line in tagged[0].source.splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            assert "  # " in line, f"{nb_path.name}: parameter without a comment: {line}"
            statement = ast.parse(line).body[0]
            assert isinstance(statement, ast.Assign)
            ast.literal_eval(statement.value)  # plain literals only


def test_figures_have_caption_name_and_alt_text():
    for nb_path in execute.toc_notebooks():
        nb = nbformat.read(nb_path, as_version=4)
        for cell in nb.cells:
            figure = cell.metadata.get("mystnb", {}).get("figure")
            if figure:
                assert figure["caption"] and figure["name"].startswith("fig-"), nb_path.name
                assert len(cell.metadata["mystnb"]["image"]["alt"]) > 40, (nb_path.name, figure["name"])
                kinds = {k for out in cell.outputs for k in out.get("data", {})}
                assert {"image/svg+xml", "image/png"} <= kinds, (nb_path.name, figure["name"])


# --- the paper's tables are always "Song's Table N" -------------------------------------------

import re  # noqa: E402

from heilongjiang_russia.chapters import introduction  # noqa: E402

BARE_TABLE = re.compile(r"(?<!Song's )(?<!Song’s )(?<!song2019`, )(?<!Song \(2019\), )\bTables? [123]\b")
OWN_NOTEBOOKS = ["02_current_state", "05_conclusion", "subperiods", "appendix_audit", "appendix_claims"]


def _page_texts(nb_path):
    """The markdown a reader sees: prose cells, figure captions and the markdown code cells print."""
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            yield cell.source
            continue
        figure = cell.metadata.get("mystnb", {}).get("figure")
        if figure:
            yield figure["caption"]
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/markdown")
            if text:
                yield text if isinstance(text, str) else "".join(text)


def test_no_bare_table_1_2_3_means_the_papers_table():
    pages = [paths.CHAPTERS / f"{name}.ipynb" for name in OWN_NOTEBOOKS] + sorted(
        (paths.CHAPTERS / "variants").glob("*.ipynb")
    )
    texts = {p.name: list(_page_texts(p)) for p in pages}
    texts["introduction tables"] = [introduction.setting_myst(), introduction.structure_myst()]
    found = [
        (name, m.group(0), t[max(0, m.start() - 40) : m.end()])
        for name, ts in texts.items()
        for t in ts
        for m in BARE_TABLE.finditer(t)
    ]
    assert not found, found
    # the check can fail: a bare reference is caught, a named one is not
    assert BARE_TABLE.search("as Table 1 shows") and not BARE_TABLE.search("as Song's Table 1 shows")
