"""Shared fixtures: scratch copies of the data and of the repository, and the expensive work done once
per test run (every notebook executed, the book built) for every test that needs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from heilongjiang_russia import paths

# what a scratch copy of the repository leaves out: the environment, builds, caches, ad-hoc runs
SCRATCH_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".git", "*.egg-info", "test-artifacts", ".pytest_cache", "__pycache__", "runs", ".jupyter_cache"
)


def scratch_repo(dest: Path) -> Path:
    """A copy of the repository (sources, data, notebooks, outputs) at ``dest``."""
    shutil.copytree(paths.ROOT, dest, ignore=SCRATCH_IGNORE)
    return dest


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (descriptor, every file) in a temporary folder; returns its root."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target


# --- Every notebook, executed once per test run -------------------------------------------------
# `reproduce` (what `make reproduce` runs: derived data, then every notebook of _toc.yml in two
# worker processes) in a scratch copy; tests compare what it wrote with the committed files.


class Reproduced:
    """A scratch repository after `reproduce`, and how long it took."""

    def __init__(self, root: Path, seconds: float, log: str):
        self.root, self.seconds, self.log = root, seconds, log

    def changed(self, *folders: str) -> list[str]:
        """Files under ``folders`` whose bytes differ from the committed checkout's (or exist on one side only)."""
        found = []
        for folder in folders:
            mine = {p.relative_to(self.root).as_posix() for p in (self.root / folder).rglob("*") if p.is_file()}
            theirs = {p.relative_to(paths.ROOT).as_posix() for p in (paths.ROOT / folder).rglob("*") if p.is_file()}
            for rel in sorted(mine | theirs):
                a, b = self.root / rel, paths.ROOT / rel
                if not (a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()):
                    found.append(rel)
        return found


@pytest.fixture(scope="session")
def reproduced(tmp_path_factory) -> Reproduced:
    """`python -m heilongjiang_russia reproduce` run once in a scratch copy of the repository."""
    root = scratch_repo(tmp_path_factory.mktemp("reproduced") / "repo")
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "heilongjiang_russia", "reproduce"],
        cwd=root,
        env={**os.environ, "HLJRU_ROOT": str(root)},
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, "reproduce failed in a scratch copy:\n" + result.stderr[-4000:]
    return Reproduced(root, time.monotonic() - start, result.stderr)


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
    start = time.monotonic()
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "jupyter-book"),
            "build",
            str(paths.ROOT),
            "--path-output",
            str(out),
            "--warningiserror",
            "--nitpick",
            "--keep-going",
            "--builder",
            builder,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (
        f"jupyter-book --builder {builder} failed:\n" + result.stdout[-4000:] + result.stderr[-4000:]
    )
    return time.monotonic() - start


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> BuiltBook:
    """The book built strictly as PDF (XeLaTeX) and then as HTML, in one scratch folder."""
    book = BuiltBook(tmp_path_factory.mktemp("built-book"))
    book.seconds["pdflatex"] = _jupyter_book(book.root, "pdflatex")
    book.seconds["html"] = _jupyter_book(book.root, "html")
    return book
