"""The claims ledger: every quantitative statement in the paper's text, one row each.

The ledger's ``status`` and ``findings`` columns and the Table 1 cell index (``data/table1_cells.csv``)
are derived from the audit: :func:`write_derived` writes them (``reproduce`` calls it), and a test
checks that the committed files equal what the code computes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from heilongjiang_russia import audit, paths
from heilongjiang_russia.data import checks, datapackage, table1
from heilongjiang_russia.data.claims import RESOURCE, load, load_unchecked, value  # noqa: F401  (the chapter's API)
from heilongjiang_russia.present.tables import myst_table

from . import verdicts


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of the claims appendix, checked."""
    p = checks.read(values, ["run_name"])
    checks.run_name(p["run_name"])
    return p


# --- the derived columns and files ---------------------------------------------------------

CELLS_RESOURCE = "table1-cells"
DERIVED_COLUMNS = ["status", "findings", "robustness"]


def derived() -> dict[str, pd.DataFrame]:
    """What the audit gives the ledger and the cell index, keyed by the file under data/."""
    findings = verdicts.findings()
    ledger = load_unchecked().reset_index(drop=True).drop(columns=DERIVED_COLUMNS, errors="ignore")
    statuses = audit.claim_status(ledger, findings)
    return {
        "data/" + datapackage.resource(RESOURCE)["path"]: statuses.assign(
            robustness=verdicts.robustness_labels(statuses)
        ),
        "data/" + datapackage.resource(CELLS_RESOURCE)["path"]: audit.cells(table1.load(), findings),
    }


def csv_text(frame: pd.DataFrame) -> str:
    """The CSV text the derived files are written as (so that a rewrite changes nothing)."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, float_format="%.15g")
    return buffer.getvalue()


def write_derived() -> list[str]:
    """Write the ledger's status columns and the Table 1 cell index from the audit; return the files
    that changed (none when they were current). The data package's checksums are refreshed by the caller."""
    changed = []
    for name, frame in derived().items():
        path, text = paths.resolve(name), csv_text(frame)
        if path.read_text(encoding="utf-8") != text:
            tmp = path.with_suffix(".csv.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
            changed.append(name)
    return changed


# --- the ledger page ----------------------------------------------------------------------


def printed(number: float, unit: str = "") -> str:
    """A number as the paper prints it: years and whole counts without decimals, others as they stand."""
    return f"{number:.0f}" if float(number).is_integer() else f"{number:g}"


LEDGER_COLUMNS = {
    "claim_id": "Id",
    "locator": "Where",
    "paraphrase": "Statement (our words)",
    "shown": "Value",
    "unit": "Unit",
    "year": "Year(s)",
    "status": "Status",
    "robustness": "Robustness",
    "findings": "Findings",
}
CELL_COLUMNS = {"cell_id": "Id", "locator": "Where", "shown": "Printed", "status": "Status", "findings": "Findings"}


PAPER_TABLE = re.compile(r"(?<!Song's )\bTable ([123])\b")


def songs_tables(text) -> str:
    """``text`` with every bare "Table 1/2/3" (the paper's) named "Song's Table 1/2/3"."""
    return text if not isinstance(text, str) else PAPER_TABLE.sub(r"Song's Table \1", text)


def ledger_shown(ledger: pd.DataFrame) -> pd.DataFrame:
    """The ledger's rows as the page shows them: each value as the paper prints it, the paper's
    tables called "Song's Table N"."""
    return ledger.assign(
        shown=[printed(v, u) for v, u in zip(ledger["value"], ledger["unit"])],
        locator=ledger["locator"].map(songs_tables),
        paraphrase=ledger["paraphrase"].map(songs_tables),
    )


def cells_shown(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells as the page shows them: values as printed in Song's Table 1 (one decimal; years whole)."""
    return cells.assign(
        shown=[f"{v:.0f}" if c == "year" else f"{v:.1f}" for v, c in zip(cells["value"], cells["column"])]
    )


def ledger_myst(ledger: pd.DataFrame, label: str = "tab-claims-text") -> str:
    """The claims ledger as a numbered MyST table, values as printed."""
    return myst_table(
        ledger_shown(ledger),
        LEDGER_COLUMNS,
        "Quantitative statements in the text of Song (2019), with their audit status",
        label,
        align={"shown": "right"},
        widths="8 12 24 8 7 8 10 13 10",
        wide=True,
    )


def cells_myst(cells: pd.DataFrame, label: str = "tab-claims-cells") -> str:
    """The cells of Song's Table 1 as a numbered MyST table, each value as printed."""
    return myst_table(
        cells_shown(cells),
        CELL_COLUMNS,
        "The cells of Song's Table 1, linked to data/raw/table1.csv and the audit",
        label,
        align={"shown": "right"},
        widths="19 27 10 11 33",
        wide=True,
    )


FILTER_EXAMPLES = ["inconsistent", "2016", "km", "inconsistent 2016"]  # shown on the page as examples


def filter_counts(ledger: pd.DataFrame, cells: pd.DataFrame, terms: list[str] = FILTER_EXAMPLES) -> dict[str, int]:
    """Rows of the two shown tables that hold every word of each filter (the page's box: case-insensitive
    substrings of a row's text, finding lists shown with a space after each ';')."""

    def rows(frame, columns):
        return [
            " ".join(str(v).replace(";", "; ") for v in r).lower() for r in frame[list(columns)].itertuples(index=False)
        ]

    texts = rows(ledger_shown(ledger), LEDGER_COLUMNS) + rows(cells_shown(cells), CELL_COLUMNS)
    return {t: sum(all(w in row for w in t.lower().split()) for row in texts) for t in terms}


def status_by_section(ledger: pd.DataFrame) -> pd.DataFrame:
    """How many statements of each section of the paper have each audit status (rows: sections in
    the ledger's order; a total row and column)."""
    order = list(dict.fromkeys(ledger["section"]))
    statuses = [s for s in (*audit.VERDICTS, audit.CITED) if s in set(ledger["status"])]
    table = pd.crosstab(ledger["section"], ledger["status"]).reindex(index=order, columns=statuses, fill_value=0)
    table.loc["all sections"] = table.sum()
    table["statements"] = table.sum(axis=1)
    return table.astype(int).reset_index().rename(columns={"index": "section"})


def status_myst(table: pd.DataFrame, label: str = "tab-claims-status") -> str:
    """:func:`status_by_section` as a numbered MyST table."""
    columns = {"section": "Section of Song (2019)"} | {
        c: c.capitalize() for c in table.columns if c not in ("section", "statements")
    }
    return myst_table(
        table,
        columns | {"statements": "Statements"},
        "Statements of the text of Song (2019) by section and audit status",
        label,
    )
