"""Generated variants of a chapter: the same notebook run for another window.

``chapters/variants.yml`` declares each variant (its file, the period it covers, its
parameters). :func:`generate` builds the variant from the chapter's *current* source — a
new title, a note saying what the page is, nothing else changed — and executes it with the
runner's validated parameters into ``chapters/variants/``. ``reproduce`` calls it for every
variant, so a variant cannot drift from its chapter.

The declarations are read by :mod:`heilongjiang_russia.data.variants`; the variant pages' labels
are made their own by the Sphinx extension :mod:`heilongjiang_russia.book.variants`.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from pathlib import Path

import nbformat

from heilongjiang_russia import paths
from heilongjiang_russia.data.variants import FOLDER, SPEC, Variant, load  # noqa: F401  (callers generate what is declared)

from . import execute, runner

NOTE_ID = "variant-note"


def source_notebook(variant: Variant) -> nbformat.NotebookNode:
    """The chapter's current cells with the variant's title and a note; outputs cleared."""
    nb = copy.deepcopy(nbformat.read(variant.chapter, as_version=4))
    drop = {execute.INJECTED_TAG, execute.NOTE_TAG}
    nb.cells = [c for c in nb.cells if not drop & set(c.metadata.get("tags", [])) and c.get("id") != NOTE_ID]
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    first = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.lstrip().startswith("# "))
    lines = nb.cells[first].source.lstrip().split("\n")
    lines[0] = f"# {variant.title}"
    nb.cells[first].source = "\n".join(lines)
    start, end = variant.years
    chapter_doc = "/" + variant.chapter.relative_to(paths.ROOT).with_suffix("").as_posix()
    note = nbformat.v4.new_markdown_cell(
        f"```{{note}}\nThis page is a generated variant: the chapter {{doc}}`{chapter_doc}` "
        f"executed for {start}–{end} only ({variant.period.lower()}), one of the sub-periods compared in "
        "{doc}`/chapters/subperiods`. Its table, figures, downloadable data and the numbers in its text cover "
        "this window, and its prose is computed for it; only the audit, which checks the whole table file, and the "
        "paper's own reading of the decade are stated as such. "
        "`python -m heilongjiang_russia reproduce` regenerates it from the chapter's current source "
        "with the parameters recorded in `chapters/variants.yml`; edit those, not this page.\n```"
    )
    note.id = NOTE_ID
    nb.cells.insert(first + 1, note)
    return nb


def parameters(variant: Variant) -> runner.Checked:
    """The variant's parameters checked by its chapter's rules; ``run_name`` defaults to the variant's name."""
    given = dict(variant.parameters)
    if "run_name" in runner.parameters(variant.chapter):
        given.setdefault("run_name", variant.name)
    return runner.check(variant.chapter, given)


def generate(variant: Variant, *, progress: bool = True) -> Path:
    """Validate the variant's parameters with the runner, then execute it into its file."""
    checked = parameters(variant)
    print(
        f"generating {paths.display(variant.file)} from {paths.display(variant.chapter)}", file=sys.stderr, flush=True
    )
    with tempfile.TemporaryDirectory(prefix="hljru-variant-") as tmp:
        source = Path(tmp) / variant.file.name
        nbformat.write(source_notebook(variant), source)
        return execute.run_notebook(source, variant.file, checked.given, progress=progress, derived=checked.derived)


# -- Sphinx: unique labels on variant pages ---------------------------------------------------
