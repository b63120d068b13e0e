"""Shared fixtures: scratch copies of the data and of the repository, and the expensive work done once
per test run (every notebook executed, the book built) for every test that needs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from heilongjiang_russia import paths

# the tests mirror the package (tests/<subpackage>/); their shared helpers live in tests/support/
SUPPORT = Path(__file__).with_name("support")
sys.path.insert(0, str(SUPPORT))

# what a scratch copy of the repository leaves out: the environment, builds, caches, ad-hoc runs
SCRATCH_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".git", "*.egg-info", "test-artifacts", ".pytest_cache", "__pycache__", "runs", ".jupyter_cache"
)


def scratch_repo(dest: Path) -> Path:
    """A copy of the repository (sources, data, notebooks, outputs) at ``dest``."""
    shutil.copytree(paths.ROOT, dest, ignore=SCRATCH_IGNORE)
    return dest


@pytest.fixture(scope="session")
def real_audit():
    """The audit of Song's Table 1 with the project's outside data (`verdicts.findings()`), computed
    once per test run for every module that reads it; a module takes a copy before it changes anything."""
    from heilongjiang_russia.chapters import verdicts

    return verdicts.findings()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (descriptor, every file) in a temporary folder; returns its root."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target


# --- The expensive work, done once per test run and started early ------------------------------
# Every notebook is executed once per test run: `reproduce` (what `make reproduce` runs: derived
# data, then every notebook of _toc.yml in two worker processes) in a scratch copy, whose files the
# tests compare with the committed ones. The book is built once, strictly, HTML and PDF, the HTML
# finally offering that PDF as `make pdf` leaves it (tests/support/build_book.py). Both start in the
# background as soon as the tests are collected (when a selected test needs them), so that they
# run while the quick tests do; a test that needs one waits for it. When a browser test is selected
# (`observed`), the book's job also looks at every page in Chromium (tests/support/browser_look.py) while
# the other tests go on. A test that uses one of them is marked slow (`make test-fast` leaves it out).

EXPENSIVE = ("reproduced", "built_book", "observed")


class Background:
    """A command running in the background, its output in files (a full pipe would stall it)."""

    def __init__(self, args: list[str], folder: Path, cwd: Path | None = None, env: dict | None = None):
        self.folder, self.started = folder, time.monotonic()
        self.out, self.err = folder / "stdout.txt", folder / "stderr.txt"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=err, text=True)

    def wait(self, timeout: float = 1800) -> tuple[int, str, str, float]:
        code = self.proc.wait(timeout=timeout)
        return code, self.out.read_text(), self.err.read_text(), time.monotonic() - self.started


def _start(name: str, folder: Path, look: bool = False) -> tuple[Background, Path]:
    if name == "reproduced":
        root = scratch_repo(folder / "repo")
        args = [sys.executable, "-m", "heilongjiang_russia", "reproduce"]
        return Background(args, folder, cwd=root, env={**os.environ, "HLJRU_ROOT": str(root)}), root
    root = folder / "book"
    root.mkdir()
    args = [sys.executable, str(SUPPORT / "build_book.py"), str(paths.ROOT), str(root)]
    return Background(args + (["--look"] if look else []), folder), root


_STARTED: dict[str, tuple[Background, Path]] = {}
_TEMP: list[Path] = []  # folders made here (not by pytest), removed at the end of the session


@pytest.hookimpl(tryfirst=True)  # before -m deselects: the marker must be there by then
def pytest_collection_modifyitems(config, items):
    for item in items:
        if set(EXPENSIVE) & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session):
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ()) if name in EXPENSIVE}
    if not needed or session.config.option.collectonly:
        return
    base = Path(tempfile.mkdtemp(prefix="hljru-tests-"))
    _TEMP.append(base)
    if "observed" in needed:
        needed.add("built_book")
    for name in ("reproduced", "built_book"):
        if name in needed:
            folder = base / name
            folder.mkdir()
            _STARTED[name] = _start(name, folder, look="observed" in needed)


def pytest_sessionfinish(session, exitstatus):
    for job, _ in _STARTED.values():
        if job.proc.poll() is None:
            job.proc.kill()
            job.proc.wait()
    _STARTED.clear()
    for folder in _TEMP:
        shutil.rmtree(folder, ignore_errors=True)
    _TEMP.clear()


def _job(name: str, tmp_path_factory) -> tuple[Background, Path]:
    """The background job ``name``, started now if the collection did not start it (the browser's
    look at the pages is the book job's last step)."""
    if name not in _STARTED:
        folder = tmp_path_factory.mktemp(name)
        _STARTED[name] = _start(name, folder, look=True)
    return _STARTED[name]


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
    job, root = _job("reproduced", tmp_path_factory)
    code, _, err, seconds = job.wait()
    assert code == 0, "reproduce failed in a scratch copy:\n" + err[-4000:]
    return Reproduced(root, seconds, err)


class BuiltBook:
    """Where a strict build of the book put its outputs, and how long each builder took."""

    def __init__(self, root: Path):
        self.root = root
        self.latex = root / "_build" / "latex"
        self.html = root / "_build" / "html"
        self.pdf = self.latex / "book.pdf"
        self.seconds: dict[str, float] = {}


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> BuiltBook:
    """The book built strictly as PDF (XeLaTeX) and then as HTML, in one scratch folder."""
    job, root = _job("built_book", tmp_path_factory)
    done = root / "built.json"
    while not done.exists() and job.proc.poll() is None:  # the job may go on to the browser
        time.sleep(0.5)
    if not done.exists():
        code, _, err, _ = job.wait()
        pytest.fail(f"the book build failed (exit {code}):\n" + err[-8000:])
    book = BuiltBook(root)
    book.seconds = json.loads(done.read_text())
    return book


@pytest.fixture(scope="session")
def observed(built_book, tmp_path_factory) -> dict:
    """What every page showed in Chromium (tests/support/browser_look.py), by docname."""
    job, root = _job("built_book", tmp_path_factory)
    code, _, err, _ = job.wait()
    file = root / "observed.json"
    assert code == 0 and file.exists(), f"the browser's look at the book failed (exit {code}):\n" + err[-8000:]
    found = json.loads(file.read_text(encoding="utf-8"))
    assert "error" not in found, found.get("error")
    return found
