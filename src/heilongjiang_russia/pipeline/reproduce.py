"""What needs the pipeline, the runner and the variants at once: ``reproduce`` and ``list``.

The layers import downwards only: :mod:`.execute` executes one notebook, :mod:`.runner`
checks a chapter's parameters and plans a run, :mod:`.variants` builds a sub-period page from
its chapter; this module uses all three, and :mod:`.cli` uses this one.

``reproduce`` first writes the derived data (:data:`.registry.DERIVED_WRITERS`: the status columns
of the claims ledger and ``data/table1_cells.csv``) and refreshes the data package's sizes and
hashes, so that no separate command must be remembered; then it executes the notebooks. Each
notebook's outputs depend only on its sources and ``data/``, so independent notebooks run in
parallel worker processes (``jobs``) with the same bytes as a serial run; the appendices, which
summarise what the chapters found, run after every other notebook.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from heilongjiang_russia import paths
from heilongjiang_russia.data import datapackage

from . import execute, registry, runner, variants

LATER = "appendix_"  # notebooks whose stem starts so run after all the others


def write_derived() -> list[str]:
    """Write the files that code derives from the data, then refresh the data package; return what changed."""
    for writer in registry.DERIVED_WRITERS:
        registry.resolve(writer)()
    return datapackage.refresh()


def _execute(notebook: Path, progress: bool) -> Path:
    """Re-execute one committed notebook (or regenerate one variant) in place; runs in a worker process."""
    spec = {v.file.resolve(): v for v in variants.load()}
    if notebook.resolve() in spec:
        return variants.generate(spec[notebook.resolve()], progress=progress)
    recorded = execute.recorded_parameters(notebook)
    derived = runner.check(notebook, recorded).derived if recorded else {}
    print(f"executing {paths.display(notebook)}", file=sys.stderr, flush=True)
    return execute.run_notebook(notebook, notebook, recorded, progress=progress, derived=derived)


def stages(notebooks: Sequence[Path]) -> list[list[Path]]:
    """``notebooks`` in the order they may run: everything else first, then the appendices."""
    first = [nb for nb in notebooks if not nb.stem.startswith(LATER)]
    later = [nb for nb in notebooks if nb.stem.startswith(LATER)]
    return [stage for stage in (first, later) if stage]


def reproduce(
    notebooks: Sequence[str | Path] | None = None,
    *,
    progress: bool = True,
    jobs: int = 2,
    derived: bool = True,
    accept_edited: bool = False,
) -> list[Path]:
    """Re-execute notebooks in place with the parameters each was last run with (default: every one in ``_toc.yml``).

    A generated variant (``chapters/variants.yml``) is not re-executed from its own cells but
    regenerated from the current source of its chapter with the parameters the spec records,
    so that it cannot drift from the chapter. ``jobs`` worker processes run at once (1: serially,
    in this process). Raises :class:`pipeline.ExecutionFailed` for the first notebook that failed,
    after the others of its stage have finished; a failed notebook keeps its previous outputs.
    A chapter whose parameters cell differs from what the pipeline last ran is refused (a
    :class:`ParameterError`) unless ``accept_edited`` and the notebooks are named.
    """
    chosen = [paths.resolve(nb) for nb in notebooks] if notebooks else execute.toc_notebooks()
    spec = {v.file.resolve(): v.chapter for v in variants.load()}
    if not (accept_edited and notebooks):  # a new default is taken only for notebooks named
        for nb in chosen:  # before anything is written: an autosaved edit is not the book's default
            runner.refuse_edited(spec.get(nb.resolve(), nb))
    if derived:
        write_derived()
    done: list[Path] = []
    for stage in stages(chosen):
        if jobs <= 1 or len(stage) == 1:
            done.extend(_execute(nb, progress) for nb in stage)
            continue
        with ProcessPoolExecutor(max_workers=min(jobs, len(stage))) as pool:
            futures = [pool.submit(_execute, nb, progress) for nb in stage]
            failures = [f.exception() for f in futures if f.exception() is not None]
            if failures:
                raise failures[0]
            done.extend(f.result() for f in futures)
    return done


def describe() -> str:
    """Every chapter with its parameters, defaults and descriptions, then the variants (the text of ``list``)."""
    lines = []
    for stem, nb in runner.chapters().items():
        lines.append(f"{stem}  ({paths.display(nb)})")
        edited = runner.edited_defaults(nb)
        if edited:
            lines.append(f"  note: {runner.edited_message(nb, edited)}")
        for p in runner.parameters(nb).values():
            lines.append(f"  {p.name} = {p.default!r}")
            if p.help:
                lines.append(f"      {p.help}")
        lines.append("")
    declared = variants.load()
    if declared:
        lines.append(f"generated variants ({paths.display(variants.SPEC)}; regenerated by `reproduce`, not by `run`)")
        for v in declared:
            shown = ", ".join(f"{k}={val!r}" for k, val in v.parameters.items())
            lines.append(f"  {paths.display(v.file)}: {paths.display(v.chapter)} with {shown}")
    return "\n".join(lines).rstrip() + "\n"
