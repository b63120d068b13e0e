"""Shared fixtures: a scratch copy of the data folder that a test may corrupt."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heilongjiang_russia import paths


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (descriptor, every file) in a temporary folder; returns its root."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target


# --- The built book, for the PDF and browser tests (tests/test_pdf.py, tests/test_browser.py) ---
# One session-scoped build into a scratch folder with the strict flags: the PDF first (XeLaTeX),
# then the HTML into the same folder, so that the HTML offers that PDF as a `make pdf` would.


class BuiltBook:
    """Where a strict build of the book put its outputs, and how long each builder took."""

    def __init__(self, root: Path):
        self.root = root
        self.latex = root / "_build" / "latex"
        self.html = root / "_build" / "html"
        self.pdf = self.latex / "book.pdf"
        self.seconds: dict[str, float] = {}


def _jupyter_book(out: Path, builder: str) -> float:
    import subprocess
    import sys
    import time

    start = time.monotonic()
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(paths.ROOT), "--path-output", str(out),
         "--warningiserror", "--nitpick", "--keep-going", "--builder", builder],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, f"jupyter-book --builder {builder} failed:\n" + result.stdout[-4000:] + result.stderr[-4000:]
    return time.monotonic() - start


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> BuiltBook:
    """The book built strictly as PDF (XeLaTeX) and then as HTML, in one scratch folder."""
    book = BuiltBook(tmp_path_factory.mktemp("built-book"))
    book.seconds["pdflatex"] = _jupyter_book(book.root, "pdflatex")
    book.seconds["html"] = _jupyter_book(book.root, "html")
    return book
