"""``REPLICATION.md``: the replication README in the form economists' journals ask for.

The parts and their order follow the Social Science Data Editors' template README (Vilhuber,
Connolly, Koren, Llull and Morrow 2022): overview; data availability and provenance statements;
dataset list; computational requirements; description of programs; instructions to replicators;
list of tables and programs; references. Everything that can be read from the repository is read,
not written by hand, so that the file cannot drift from the book:

- the data sources, files and licences from ``data/datapackage.json`` (and, for the curated files,
  the web sites named in each row's source column);
- the software and its versions from ``requirements.lock``, ``pyproject.toml`` and the Makefile;
- every numbered table and figure of the book from the notebooks (the caption and label in the
  cell's output or metadata, the package function the cell calls, the CSV it offers) and from the
  Markdown pages, numbered as the book numbers them (chapter by chapter, in ``_toc.yml`` order);
- the hardware, run times and memory from ``measured.json`` next to this module, which only
  ``--measure`` and ``--from-time`` write.

Commands (``python -m heilongjiang_russia.dev.replication ...``)::

    --write                 write REPLICATION.md (what `make replication` and `make reproduce` run)
    --check                 exit 1 when REPLICATION.md differs from what --write would write
    --measure [STEP ...]    time the steps (and each notebook's kernel) in a scratch copy; update measured.json
    --from-time STEP FILE   take a step's wall time and peak memory from a `/usr/bin/time -v` report
"""

from __future__ import annotations

from .cli import main
from .common import MEASURED, TARGET, MeasureError
from .exhibits import Exhibit, exhibits, page_titles
from .inventory import debian_packages, pinned
from .timing import from_time_report, measure
from .write import render

__all__ = [
    "MEASURED",
    "MeasureError",
    "TARGET",
    "Exhibit",
    "debian_packages",
    "exhibits",
    "from_time_report",
    "main",
    "measure",
    "page_titles",
    "pinned",
    "render",
]
