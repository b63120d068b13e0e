"""Generated variants of a chapter: the same notebook run for another window.

``chapters/variants.yml`` declares each variant (its file, the period it covers, its
parameters). :func:`generate` builds the variant from the chapter's *current* source — a
new title, a note saying what the page is, nothing else changed — and executes it with the
runner's validated parameters into ``chapters/variants/``. ``reproduce`` calls it for every
variant, so a variant cannot drift from its chapter.

The module is also a Sphinx extension (``heilongjiang_russia.pipeline.variants`` in ``_config.yml``): a
variant repeats its chapter's figure and table labels, so in pages under ``chapters/variants/``
every label defined on the page, and every reference to it, is prefixed with the page's name
(``fig-trade-levels`` becomes ``current_state_2008_2010-fig-trade-levels``); and the chapter's
relative ``{doc}`` references are resolved from the chapter's folder, where they were written.
"""

from __future__ import annotations

import copy
import posixpath
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from heilongjiang_russia import paths
from heilongjiang_russia.errors import DataValidationError

from . import execute, runner

SPEC = paths.CHAPTERS / "variants.yml"
FOLDER = paths.CHAPTERS / "variants"
NOTE_ID = "variant-note"


@dataclass(frozen=True)
class Variant:
    file: Path
    chapter: Path
    period: str
    parameters: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.file.stem

    @property
    def years(self) -> tuple[int, int]:
        return int(self.parameters["start_year"]), int(self.parameters["end_year"])

    @property
    def title(self) -> str:
        start, end = self.years
        return f"{start}–{end}: {self.period}"


def load(spec: Path = SPEC) -> list[Variant]:
    """The variants declared in ``spec`` (none when the file does not exist); a malformed spec names its place."""
    if not spec.exists():
        return []
    shown = paths.display(spec)
    data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or "chapter" not in data or not isinstance(data.get("variants"), list):
        raise DataValidationError(shown, "expected keys 'chapter' (a notebook) and 'variants' (a list)")
    chapter = paths.resolve(data["chapter"])
    if not chapter.is_file():
        raise DataValidationError(shown, f"chapter: no notebook {paths.display(chapter)}")
    found = []
    for i, entry in enumerate(data["variants"], start=1):
        missing = {"file", "period", "parameters"} - set(entry or {})
        if missing:
            raise DataValidationError(shown, f"variant {i}: missing {', '.join(sorted(missing))}")
        file = paths.resolve(entry["file"])
        if file.parent.resolve() != FOLDER.resolve() or file.suffix != ".ipynb":
            raise DataValidationError(
                shown, f"variant {i}: file {entry['file']!r} must be a notebook in chapters/variants/"
            )
        params = dict(entry["parameters"])
        if not {"start_year", "end_year"} <= set(params):
            raise DataValidationError(shown, f"variant {i}: parameters need start_year and end_year")
        found.append(Variant(file, chapter, str(entry["period"]), params))
    return found


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


def setup(app):
    from docutils import nodes
    from sphinx import addnodes
    from sphinx.transforms import SphinxTransform

    class PrefixVariantLabels(SphinxTransform):
        """Make the labels of a variant page its own, before Sphinx collects labels (priority 850)."""

        default_priority = 800

        def apply(self, **kwargs) -> None:
            docname = self.env.docname
            if not docname.startswith("chapters/variants/"):
                return
            prefix = docname.rsplit("/", 1)[-1] + "-"
            document = self.document
            renamed = {}
            for name, explicit in list(document.nametypes.items()):
                labelid = document.nameids.get(name)
                if not explicit or labelid is None:
                    continue
                node = document.ids.get(labelid)
                if node is None or isinstance(node, nodes.section):
                    continue
                new = prefix + name
                renamed[name] = new
                document.nametypes[new] = document.nametypes.pop(name)
                document.nameids[new] = document.nameids.pop(name)
                node["names"] = [new if n == name else n for n in node["names"]]
            chapter_dir = posixpath.dirname(chapters.get(docname, "chapters/"))
            for ref in document.findall(addnodes.pending_xref):
                target = ref.get("reftarget", "")
                if target.lower() in renamed:
                    ref["reftarget"] = renamed[target.lower()]
                elif ref.get("reftype") == "doc" and target and not target.startswith("/"):
                    ref["reftarget"] = "/" + posixpath.normpath(posixpath.join(chapter_dir, target))

    chapters = {
        paths.display(v.file).removesuffix(".ipynb"): paths.display(v.chapter).removesuffix(".ipynb") for v in load()
    }
    app.add_transform(PrefixVariantLabels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
