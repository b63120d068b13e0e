"""What the book was built from: Python, the pinned packages, the data's checksums, the commit,
and how long each notebook took when ``reproduce`` last ran on this machine.

Everything is read at build time (the ``{build-provenance}`` directive of
:mod:`heilongjiang_russia.book.reader`, on the appendix page "Reproducibility"); nothing here is
committed, so a rebuild changes no file in the repository. The execution times come from
``_build/execution-times.json``, which :func:`record_execution` updates each time the pipeline
executes a notebook of the book (``make reproduce``); the file lives in the ignored build folder.
"""

from __future__ import annotations

import contextlib
import json
import platform
import re
import subprocess
from pathlib import Path

import pandas as pd

from heilongjiang_russia import paths
from heilongjiang_russia.present.tables import myst_table

TIMES = "_build/execution-times.json"  # relative to the repository root
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def pinned_packages(lock: Path) -> pd.DataFrame:
    """``name==version`` lines of ``requirements.lock`` (comments and blank lines skipped)."""
    rows = []
    for number, line in enumerate(lock.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = _PIN.match(text)
        if not match:
            raise ValueError(f"{lock.name}, line {number}: {text!r} is not a pinned 'name==version' requirement")
        rows.append({"package": match.group(1), "version": match.group(2)})
    return pd.DataFrame(rows, columns=["package", "version"])


def data_checksums(descriptor: Path) -> pd.DataFrame:
    """Each data resource's path, size and sha256, as ``datapackage.json`` records them."""
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    rows = [
        {"path": f"data/{r['path']}", "bytes": int(r["bytes"]), "sha256": str(r["hash"]).removeprefix("sha256:")}
        for r in package["resources"]
    ]
    return pd.DataFrame(rows, columns=["path", "bytes", "sha256"])


def git_commit(root: Path) -> tuple[str, bool] | None:
    """(full commit hash, whether tracked files differ from it), or None outside a git checkout."""

    def git(*args):
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)

    head = git("rev-parse", "HEAD")
    if head.returncode != 0:
        return None
    status = git("status", "--porcelain", "--untracked-files=no")
    return head.stdout.strip(), bool(status.stdout.strip())


def record_execution(notebook: Path, seconds: float, root: Path = paths.ROOT) -> None:
    """Note how long ``notebook`` (a page of the book under ``root``) took to execute."""
    notebook = Path(notebook).resolve()
    try:
        docname = notebook.relative_to(root).with_suffix("").as_posix()
    except ValueError:
        return  # a run outside the book (runs/, -o elsewhere) is not a page of this build
    file = root / TIMES
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    times = execution_times(root)
    commit = git_commit(root)
    times[docname] = {"seconds": round(float(seconds), 1), "commit": commit[0][:12] if commit else None}
    with contextlib.suppress(OSError):  # a read-only checkout: the run succeeded, only its time goes unrecorded
        file.write_text(json.dumps(times, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def execution_times(root: Path) -> dict[str, dict]:
    file = Path(root) / TIMES
    if not file.is_file():
        return {}
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {}


def page_myst(root: Path, docnames: list[str], repository: str | None = None, *, tables: bool = True) -> str:
    """The reproducibility page's body for the book in ``root`` whose pages are ``docnames``;
    without ``tables`` (the PDF) only the commit and Python, and where the tables are."""
    root = Path(root)
    parts = ["## This build", ""]
    commit = git_commit(root)
    python = f"Python {platform.python_version()} ({platform.python_implementation()})"
    if commit is None:
        parts.append(f"Built with {python}, not from a git checkout, so no commit can be named.")
    else:
        sha, dirty = commit
        link = f"[`{sha[:12]}`]({repository}/commit/{sha})" if repository else f"`{sha[:12]}`"
        state = (
            "with local changes to tracked files, so the pages may differ from that commit"
            if dirty
            else "with no local changes to tracked files"
        )
        parts.append(f"Built with {python} from commit {link} ({sha}), {state}.")
    if not tables:
        parts += [
            "",
            "The execution times, the pinned packages and the data checksums fill several pages of "
            "tables; they are left out of the PDF and shown on this page of the HTML edition built from the "
            "same commit, and `requirements.lock` and `data/datapackage.json` hold them in the repository.",
        ]
        return "\n".join(parts) + "\n"
    lock = pinned_packages(root / "requirements.lock")
    parts += [
        "",
        "## Pinned packages",
        "",
        f"The {len(lock)} packages of `requirements.lock`, installed by `make book` and repeated in "
        "`environment.yml` for Binder.",
        "",
        myst_table(
            lock,
            {"package": "Package", "version": "Version"},
            "Python packages pinned in requirements.lock",
            "tab-repro-packages",
            align={"version": "left"},
        ),
    ]
    data = data_checksums(root / "data" / "datapackage.json")
    # file paths and checksums are literals (they may break anywhere in a narrow cell; words may not)
    data = data.assign(path=[f"`{p}`" for p in data["path"]], sha256=[f"`{h}`" for h in data["sha256"]])
    parts += [
        "",
        "## Data checksums",
        "",
        f"The {len(data)} files of the data package with the size and SHA-256 that `data/datapackage.json` "
        "records; the loaders refuse a file whose checksum differs.",
        "",
        myst_table(
            data,
            {"path": "File", "bytes": "Bytes", "sha256": "SHA-256"},
            "Data files with their sizes and SHA-256 checksums (from data/datapackage.json)",
            "tab-repro-data",
            formats={"bytes": ",d"},
            align={"sha256": "left"},
        ),
    ]
    # last: the table is there only where `make reproduce` ran, and the tables before it keep their numbers
    parts += ["", "## Notebook execution", ""]
    times = execution_times(root)
    rows = [
        {"page": f"{{doc}}`/{d}`", "seconds": times[d]["seconds"], "commit": f"`{times[d].get('commit') or '–'}`"}
        for d in docnames
        if d in times
    ]
    if rows:
        total = sum(r["seconds"] for r in rows)
        parts.append(
            f"`make reproduce` (or `reproduce` on single notebooks) executed {len(rows)} of the book's "
            f"notebooks on the machine that built this book, {total:.0f} s in all; the commit is the one "
            "checked out when each ran. Notebooks not listed were not executed there: the book shows their "
            "committed outputs, which `make test` re-executes and compares."
        )
        parts.append("")
        parts.append(
            myst_table(
                pd.DataFrame(rows),
                {"page": "Page", "seconds": "Seconds", "commit": "Commit"},
                "Execution time of each notebook when it last ran on the building machine",
                "tab-repro-times",
                formats={"seconds": ".1f"},
            )
        )
    else:
        parts.append(
            "`make reproduce` has not run on the machine that built this book, so no execution times "
            "are known; the pages show the outputs committed with the notebooks, which `make test` "
            "re-executes and compares."
        )
    return "\n".join(parts) + "\n"
