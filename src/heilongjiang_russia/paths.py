"""Every path the project uses, anchored to the repository root.

Nothing here depends on the current working directory, so notebooks run unchanged
from the repository root (Binder), from ``chapters/`` (Jupyter Book) or from anywhere else.
"""

from __future__ import annotations

import os
from pathlib import Path

# HLJRU_ROOT lets tests point the installed package at a scratch copy of the repository.
ROOT = Path(os.environ.get("HLJRU_ROOT") or Path(__file__).resolve().parents[2]).resolve()
DATA = ROOT / "data"
RAW = DATA / "raw"
GEO = DATA / "geo"
DATAPACKAGE = DATA / "datapackage.json"
CHAPTERS = ROOT / "chapters"
OUTPUTS = ROOT / "outputs"
TOC = ROOT / "_toc.yml"
CONFIG = ROOT / "_config.yml"

TABLE1 = RAW / "table1.csv"


def resolve(path: str | Path) -> Path:
    """Return ``path`` as an absolute path; relative paths are taken from the repository root."""
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def display(path: str | Path) -> str:
    """A path as shown in messages: relative to the repository root when it lies inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
