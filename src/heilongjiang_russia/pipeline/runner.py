"""Re-run a chapter with other parameters: inspect, validate everything, then execute.

The parameters of a chapter are read from its cell tagged ``parameters`` with papermill's
inspection (:func:`papermill.inspect_notebook`), never listed by hand: the literal in the
cell is the default, its ``# comment`` the description. Before anything executes,
:func:`plan` types every value a reader passes like its default (a ``None`` default takes
any literal) and hands the complete set to the chapter's ``check_parameters`` (the module
:data:`registry.CHAPTER_MODULES` names), which validates each value and the rules between
them and fills the defaults that follow other parameters. A problem raises
:class:`~heilongjiang_russia.errors.ParameterError` naming the parameter. Nothing is written
until the plan is valid, and a run never replaces a committed notebook: those are
re-executed only by ``reproduce``.
"""

from __future__ import annotations

import ast
import copy
import functools
import importlib
import json
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import papermill as pm

from heilongjiang_russia import paths
from heilongjiang_russia.data import checks
from heilongjiang_russia.errors import ParameterError
from heilongjiang_russia.present import outputs

from . import execute as pipeline
from . import registry

RUNS = paths.ROOT / "runs"  # default folder of ad-hoc runs (ignored by git)


@dataclass(frozen=True)
class Parameter:
    """One entry of a chapter's parameters cell."""

    name: str
    default: Any
    help: str

    @property
    def kind(self) -> type | None:
        """The type a value must have; ``None`` for a ``None`` default (the chapter's check decides)."""
        return None if self.default is None else type(self.default)


@dataclass
class Run:
    """A validated run: what executes, where it is written, with which parameters.

    ``parameters`` are the values given (injected into the notebook); ``derived`` the defaults
    that followed them (stated in the run's "Parameters of this run" box, not injected).
    """

    chapter: Path
    output: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    outputs_dir: Path = paths.OUTPUTS
    derived: dict[str, Any] = field(default_factory=dict)


# -- chapters and their parameters -------------------------------------------------------------


def chapters() -> dict[str, Path]:
    """The chapters a reader can re-run: notebooks of ``_toc.yml`` with a parameters cell.

    Generated variants (``chapters/variants/``) are left out: they are runs of a chapter.
    """
    found = {}
    for nb in pipeline.toc_notebooks():
        if paths.CHAPTERS / "variants" in nb.parents:
            continue
        if parameters(nb):
            found[nb.stem] = nb
    return found


def find_chapter(name: str) -> Path:
    """A chapter by stem (``02_current_state``), number (``02``) or path (``chapters/02_current_state.ipynb``)."""
    known = chapters()
    key = Path(name).name.removesuffix(".ipynb")
    if key in known:
        return known[key]
    matches = [stem for stem in known if stem.split("_", 1)[0] == key]
    if len(matches) == 1:
        return known[matches[0]]
    raise ParameterError("chapter", f"{name!r} is not a chapter with parameters; choose one of {', '.join(known)}")


def parameters(notebook: str | Path) -> dict[str, Parameter]:
    """The parameters declared in ``notebook``'s cell tagged ``parameters``, in cell order."""
    path = paths.resolve(notebook)
    stat = path.stat()
    # copies: a caller may change a list default without changing the cached one
    return {
        name: Parameter(name, copy.deepcopy(p.default), p.help)
        for name, p in _inspect(str(path), stat.st_mtime_ns, stat.st_size)
    }


@functools.lru_cache(maxsize=64)
def _inspect(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, Parameter], ...]:
    """papermill's inspection of one version of a notebook (the file's time and size tell versions apart)."""
    found = []
    for name, info in pm.inspect_notebook(path).items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            raise ParameterError(
                name,
                f"{paths.display(path)} gives the default {info['default']!r}, which is not a plain literal",
            ) from None
        found.append((name, Parameter(name, default, info.get("help") or "")))
    return tuple(found)


def edited_defaults(notebook: str | Path) -> dict[str, tuple[Any, Any]]:
    """Parameters whose literal in ``notebook`` differs from what the pipeline last ran (name: (ran, now)).

    A reader's Jupyter autosaves an edited parameters cell into the chapter; the runner and
    ``reproduce`` must not take such an edit for the book's defaults.
    """
    path = paths.resolve(notebook)
    recorded = pipeline.recorded_defaults(path)
    if recorded is None:
        return {}
    now = {name: json.loads(json.dumps(p.default)) for name, p in parameters(path).items()}
    return {n: (recorded.get(n), now.get(n)) for n in dict.fromkeys([*recorded, *now]) if recorded.get(n) != now.get(n)}


def edited_message(notebook: str | Path, edited: dict[str, tuple[Any, Any]]) -> str:
    shown = "; ".join(f"{n} = {new!r} (was {old!r})" for n, (old, new) in edited.items())
    where = paths.display(paths.resolve(notebook))
    return (
        f"{where} has an edited parameters cell ({shown}), probably saved by Jupyter; the book's "
        f"defaults are what the pipeline last ran. Undo the edit with `git checkout -- {where}`, or save "
        "your version under another name and run that copy (the runner accepts a notebook path)"
    )


def refuse_edited(notebook: str | Path) -> None:
    """Raise a :class:`ParameterError` naming the edited parameters of a committed chapter."""
    if paths.resolve(notebook).resolve() not in _committed():
        return
    edited = edited_defaults(notebook)
    if edited:
        raise ParameterError("chapter", edited_message(notebook, edited))


def rules(notebook: str | Path) -> Callable[[Mapping[str, Any]], dict[str, Any]] | None:
    """The ``check_parameters`` of ``notebook``'s chapter module (None for a notebook the registry does not list)."""
    module = registry.CHAPTER_MODULES.get(Path(notebook).stem)
    if module is None:
        return None
    return importlib.import_module(f"heilongjiang_russia.{module}").check_parameters


# -- parsing values given on the command line ------------------------------------------------

_WORDS = {
    int: "a whole number",
    float: "a number",
    str: "a text",
    bool: "true or false",
    list: "a comma-separated list",
}


def _literal(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def _from_text(kind: type, text: str) -> Any:
    """A command-line text read as a value of ``kind`` (left as it is when it does not read as one)."""
    if kind is bool:
        return {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}.get(text.lower(), text)
    if kind is list and not text.startswith("["):
        return [item.strip() for item in text.split(",") if item.strip()]
    return _literal(text)


def coerce(param: Parameter, value: Any) -> Any:
    """``value`` (a string from the command line, or a Python value) as the parameter's type.

    A parameter whose default is ``None`` takes any literal (``2011``, ``'x'``, ``[1, 2]``) or
    else the text itself; its chapter's ``check_parameters`` checks it.
    """
    kind = param.kind
    if kind is None:
        return _literal(value.strip()) if isinstance(value, str) else value
    if isinstance(value, str) and kind is not str:
        value = _from_text(kind, value.strip())
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if kind is list and isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ParameterError(
            param.name, f"{value!r} is not {_WORDS.get(kind, kind.__name__)}; the default is {param.default!r}"
        )
    item_kinds = {type(item) for item in param.default} if kind is list else set()
    if item_kinds and not all(type(item) in item_kinds for item in value):
        raise ParameterError(param.name, f"{value!r} must list items like {param.default!r}")
    return value


# -- validation: the chapter's rules ---------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """The typed values given, the complete resolved values, and the defaults that followed the values given."""

    given: dict[str, Any]
    values: dict[str, Any]
    derived: dict[str, Any]


def check(notebook: str | Path, given: Mapping[str, Any]) -> Checked:
    """Type ``given`` like ``notebook``'s defaults and pass everything through the chapter's ``check_parameters``.

    Raises :class:`ParameterError` at the first problem, naming the parameter; a default that no
    longer fits the values given says so and how to set it.
    """
    refuse_edited(notebook)
    declared = parameters(notebook)
    for name in given:
        if name not in declared:
            raise ParameterError(
                name, f"unknown parameter of {Path(notebook).stem}; its parameters are {', '.join(declared)}"
            )
    typed = {name: coerce(declared[name], value) for name, value in given.items()}
    values = {name: p.default for name, p in declared.items()} | typed
    chapter_rules = rules(notebook)
    try:
        if chapter_rules is not None:
            values = chapter_rules(values)
        elif "run_name" in values:  # a notebook outside the registry: only the folder of its tables
            checks.run_name(values["run_name"])
    except ParameterError as exc:
        if exc.name in declared and exc.name not in typed:
            raise ParameterError(
                exc.name, f"{exc.message} (the chapter's default; set it with -p {exc.name} VALUE)"
            ) from None
        raise
    derived = {n: v for n, v in values.items() if n in declared and n not in typed and v != declared[n].default}
    return Checked(typed, {n: values[n] for n in declared}, derived)


def validate(notebook: str | Path, given: Mapping[str, Any]) -> dict[str, Any]:
    """The typed values of ``given`` after the chapter's checks (see :func:`check`)."""
    return check(notebook, given).given


# -- planning and executing a run -------------------------------------------------------------


def _committed() -> set[Path]:
    return {nb.resolve() for nb in pipeline.toc_notebooks()}


def default_output(chapter: Path, overrides: dict[str, Any]) -> Path:
    """``runs/<chapter>[-<name>-<value>...].ipynb``: readable, one file per set of parameters."""
    parts = [chapter.stem]
    for name, value in overrides.items():
        if name == "run_name":
            continue
        text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{name}-{re.sub(r'[^A-Za-z0-9_.,]+', '_', Path(text).name if name.endswith('_file') else text)}")
    return RUNS / ("-".join(parts) + ".ipynb")


def plan(
    chapter: str | Path,
    given: dict[str, Any] | None = None,
    output: str | Path | None = None,
    *,
    allow_committed: bool = False,
) -> Run:
    """Validate a run of ``chapter`` with ``given`` parameters; nothing is written or executed.

    The run's tables (the data behind its figures) go to ``outputs/<run_name>/``: to the repository's
    ``outputs/`` for committed notebooks, to ``runs/outputs/`` (ignored by git) for another notebook in
    the repository, next to the output notebook outside it. When the chapter has a
    ``run_name`` parameter and none is given, it is the output's file name, so a run never writes over
    the tables of a committed chapter.
    """
    if str(chapter).endswith(".ipynb") and paths.resolve(chapter).is_file():
        source = paths.resolve(chapter)
    else:
        source = find_chapter(str(chapter))
    checked = check(source, dict(given or {}))
    overrides, derived = dict(checked.given), dict(checked.derived)
    target = paths.resolve(output) if output is not None else default_output(source, overrides)
    if target.suffix != ".ipynb":
        raise ParameterError("output", f"{paths.display(target)} must be a notebook file ending in .ipynb")
    committed = target.resolve() in _committed()
    if committed and not allow_committed:
        raise ParameterError(
            "output",
            f"{paths.display(target)} is a committed notebook of the book; choose another file "
            "(re-execute committed notebooks with `python -m heilongjiang_russia reproduce`)",
        )
    if target.exists() and target.is_dir():
        raise ParameterError("output", f"{paths.display(target)} is a folder; give a notebook file name")
    declared = parameters(source)
    if "run_name" in declared and "run_name" not in overrides:
        overrides["run_name"] = checks.run_name(target.stem)
        derived.pop("run_name", None)
    if not committed:
        run_name = overrides.get("run_name")
        taken = {}
        for nb in _committed():
            if "run_name" in _safe_parameters(nb):
                recorded = pipeline.recorded_parameters(nb)
                taken[recorded.get("run_name", _safe_parameters(nb)["run_name"].default)] = nb
        if run_name in taken:
            raise ParameterError(
                "run_name",
                f"{run_name!r} is the output folder of {paths.display(taken[run_name])}; choose another name",
            )
    outputs_dir = (  # only `reproduce` writes outputs/; a run in the repository writes under runs/ (ignored)
        paths.OUTPUTS
        if committed
        else outputs.READER_RUNS
        if target.resolve().is_relative_to(paths.ROOT)
        else target.parent / "outputs"
    )
    return Run(source, target, overrides, outputs_dir, derived)


def _safe_parameters(nb: Path) -> dict[str, Parameter]:
    try:
        return parameters(nb)
    except ParameterError:
        return {}


def execute(run: Run, *, progress: bool = True) -> Path:
    """Execute a validated :class:`Run`; the output notebook is replaced only when every cell succeeded."""
    shown = ", ".join(f"{k}={v!r}" for k, v in run.parameters.items()) or "the defaults"
    print(f"executing {paths.display(run.chapter)} with {shown}", file=sys.stderr, flush=True)
    written = pipeline.run_notebook(
        run.chapter, run.output, run.parameters, progress=progress, outputs_dir=run.outputs_dir, derived=run.derived
    )
    print(f"wrote {paths.display(written)}", file=sys.stderr, flush=True)
    return written
