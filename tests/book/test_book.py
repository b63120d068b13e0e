"""The book builds strictly from the committed outputs, and refuses damaged data."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import scratch_repo

from heilongjiang_russia import paths

BIN = Path(sys.executable).parent


def _make_book(tmp_path: Path) -> list[str]:
    """`make book` in a copy, reusing this venv; a fresh stamp keeps make from reinstalling the copy into it."""
    stamp = tmp_path / "installed.stamp"
    stamp.touch()
    return ["make", "book", f"VENV={BIN.parent}", f"STAMP={stamp}"]


@pytest.fixture(scope="module")
def html(built_book) -> Path:
    """The HTML of the session's strict build (tests/conftest.py), shared with the PDF, browser and citation tests."""
    return built_book.html


@pytest.mark.slow
def test_landing_page_and_chapter_render(html):
    index = (html / "index.html").read_text(encoding="utf-8")
    assert "executable compendium" in index and "What this compendium found" in index and "How to cite" in index
    assert "so far" not in index  # the landing page states findings, not progress
    chapter = (html / "chapters" / "02_current_state.html").read_text(encoding="utf-8")
    assert re.search(r"Table [0-9.]+", chapter) and re.search(r"Fig\. [0-9.]+", chapter)
    assert '<td class="text-right"><p>189.9</p></td>' in chapter  # a cell of Table 1, from the data
    assert '<img alt="Line chart of Heilongjiang-Russia trade' in chapter and ".svg" in chapter
    assert "fig-trade-levels.csv" in chapter


@pytest.mark.slow
def test_glued_numbers_come_from_the_data(html):
    chapter = (html / "chapters" / "02_current_state.html").read_text(encoding="utf-8")
    assert "peaking in" in chapter and "232.6" in chapter


@pytest.mark.slow
def test_make_book_fails_on_a_corrupted_table_naming_file_row_and_column(tmp_path):
    """The first step of `make book` validates the data, so a damaged table stops the build."""
    copy = scratch_repo(tmp_path / "repo")
    table = copy / "data" / "raw" / "table1.csv"
    table.write_text(table.read_text().replace("2012,213.1,12.2", "2012,213.1,twelve"))
    env = {**os.environ, "HLJRU_ROOT": str(copy)}
    result = subprocess.run(_make_book(tmp_path), cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert (
        "data/raw/table1.csv, row 5 (line 6), column 'total_yoy_pct': expected a number, found 'twelve'"
        in result.stderr
    )
    assert not (copy / "_build" / "html").exists()


@pytest.mark.slow
def test_make_book_fails_on_a_notebook_that_raised(tmp_path):
    """A chapter stored with an error output (a notebook that raised) stops the build, naming the cause."""
    import nbformat

    copy = scratch_repo(tmp_path / "repo")
    chapter = copy / "chapters" / "02_current_state.ipynb"
    nb = nbformat.read(chapter, as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("error", ename="KeyError", evalue="'planted'", traceback=[])]
    nbformat.write(nb, chapter)
    env = {**os.environ, "HLJRU_ROOT": str(copy)}
    result = subprocess.run(_make_book(tmp_path), cwd=copy, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "chapters/02_current_state.ipynb: cell 1: KeyError: 'planted'" in result.stderr


@pytest.mark.slow
def test_every_web_address_in_the_text_is_a_link(html):
    """MyST's linkify (_config.yml) turns plain URLs into links: none is left as dead text on any page."""
    from bs4 import BeautifulSoup

    plain = re.compile(r"https?://[^\s<>\"']+")
    dead = []
    for page in sorted(html.rglob("*.html")):
        if any(part.startswith("_") for part in page.relative_to(html).parts):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for text in soup.find_all(string=plain):
            if not text.find_parent(["a", "code", "pre", "script", "style", "title", "head"]):
                dead.append(f"{page.relative_to(html)}: {plain.search(text).group(0)}")
    assert dead == []


def test_linkify_is_on_for_addresses_with_a_scheme_only():
    import yaml

    config = yaml.safe_load(paths.CONFIG.read_text(encoding="utf-8"))
    assert "linkify" in config["parse"]["myst_enable_extensions"]
    assert config["sphinx"]["config"]["myst_linkify_fuzzy_links"] is False
