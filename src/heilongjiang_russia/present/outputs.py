"""Tables written next to the book: the data behind every figure, for download.

A chapter run by the pipeline writes into a staging folder (``HLJRU_STAGING``) that the
pipeline moves into ``outputs/`` only when the whole notebook succeeded, so a failed run
leaves the previous outputs untouched. Run interactively (in Jupyter, with no pipeline around
it), a chapter writes to ``runs/outputs/`` instead, which git ignores: a reader's run never
changes the committed tables.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from heilongjiang_russia import paths

STAGING_ENV = "HLJRU_STAGING"
FINAL_ENV = "HLJRU_OUTPUTS"  # where the pipeline moves the staged tables (default: outputs/)
READER_RUNS = paths.ROOT / "runs" / "outputs"  # a reader's own runs (ignored by git)


def interactive() -> bool:
    """True when no pipeline runs this kernel: a reader executing a chapter in Jupyter."""
    return not os.environ.get(STAGING_ENV)


def folder(run: str) -> Path:
    base = os.environ.get(STAGING_ENV)
    return (Path(base) if base else READER_RUNS) / run


def _final(run: str) -> Path:
    if interactive():
        return READER_RUNS / run
    return Path(os.environ.get(FINAL_ENV) or paths.OUTPUTS) / run


def save_table(frame: pd.DataFrame, run: str, name: str) -> str:
    """Write ``frame`` as ``<run>/<name>.csv`` and return the link a chapter uses to offer it.

    The link is relative to the working directory, which is the notebook's folder under Jupyter,
    nbval and the pipeline (``../outputs/...`` from ``chapters/``, ``../../outputs/...`` from
    ``chapters/variants/``), and points to where the table ends up, whatever folder was written.
    """
    target = folder(run) / f"{name}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(target, index=False, lineterminator="\n", float_format="%.6g")
    return Path(os.path.relpath(_final(run) / f"{name}.csv", Path.cwd())).as_posix()


def offer(frame: pd.DataFrame, run: str, name: str, what: str):
    """Save ``frame`` and return a MyST download link to it, for display under a figure or table."""
    from IPython.display import Markdown

    link = save_table(frame, run, name)
    return Markdown(f"{{download}}`Download the data behind {what} (CSV) <{link}>`")
