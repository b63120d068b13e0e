"""What every part of the replication README shares: its file, its sources, the tools it names."""

from __future__ import annotations

import re
from pathlib import Path

TARGET = "REPLICATION.md"
MEASURED = Path(__file__).with_name("measured.json")
PACKAGE = "heilongjiang_russia"
TEMPLATE = (
    "Vilhuber, L., Connolly, M., Koren, M., Llull, J., & Morrow, P. (2022). A template README for social "
    "science replication packages (v1.1). Social Science Data Editors. https://doi.org/10.5281/zenodo.7293838; "
    "read at https://social-science-data-editors.github.io/template_README/template-README.html"
)
# The tools that `make` calls, beside the package's own dependencies (pyproject.toml): their versions
# are read from requirements.lock.
TOOLS = ("jupyter-book", "Sphinx", "myst-nb", "papermill", "ipykernel", "frictionless", "pytest", "ruff", "playwright")
# Build-time directives of the Markdown pages that write numbered tables: the function that writes
# them, and where they appear (the PDF edition of the reproducibility page leaves its tables out).
BUILD_TABLES = {
    "build-provenance": (
        f"{PACKAGE}.pipeline.provenance.page_myst",
        "HTML edition only",
        "only where `make reproduce` ran on the building machine",  # a table written under an `if`
    )
}
_DIRECTIVE = re.compile(r"^[ \t]*(?::{3,}|`{3,})\{(table|figure|list-table|csv-table)\}[ \t]*(.*?)[ \t]*$", re.M)
_BUILD_DIRECTIVE = re.compile(r"^[ \t]*(?::{3,}|`{3,})\{([\w-]+)\}", re.M)
_NAME = re.compile(r"\A(?:[ \t]*:[\w-]+:[^\n]*\n)*?[ \t]*:name:[ \t]*(\S+)", re.M)
_DOWNLOAD = re.compile(r"\{download\}`([^`<]*)<([^>`]+)>`")
# what a download link's text says it is the data behind ("the figure", "the map", "the table", not "Table 2")
_SAYS = {
    "Fig.": re.compile(r"\b(?:figure|map|maps|chart|network)\b", re.I),
    "Table": re.compile(r"\btable\b(?!\s*\d)", re.I),
}
_ROLE = re.compile(r"\{[\w:.-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")


class MeasureError(RuntimeError):
    """A measured step failed; the message names it and ends with the tail of its output."""


def references() -> list[str]:
    """The README's references: the article, the map data, the template and where the outside sources are."""
    return [
        "## References",
        "",
        "Song, L. (2019). Strategic priorities of cooperation between Heilongjiang province and Russia. "
        "*R-economy*, 5(1), 13–18. https://doi.org/10.15826/recon.2019.5.1.002",
        "",
        "Natural Earth. Free vector and raster map data, 1:50m cultural and physical vectors. "
        "https://www.naturalearthdata.com/",
        "",
        TEMPLATE + ".",
        "",
        "The outside figures: the page named in the source column of each row of `data/external/*.csv` and "
        "`data/gazetteer.csv`; the works the article cites: the book's page 'References' (`references.bib`).",
    ]
