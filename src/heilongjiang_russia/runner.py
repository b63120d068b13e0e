"""Re-run a chapter with other parameters: inspect, validate everything, then execute.

The parameters of a chapter are read from its cell tagged ``parameters`` with papermill's
inspection (:func:`papermill.inspect_notebook`), never listed by hand: the literal in the
cell is the default, its ``# comment`` the description. Before anything executes,
:func:`plan` checks every parameter a reader passes — unknown name, wrong type, a year
outside the data, a window that ends before it starts, an unknown unit or transport mode,
a missing or invalid table file — and raises :class:`~heilongjiang_russia.errors.ParameterError`
with a one-line message that names the parameter and says what is allowed. Nothing is
written until the plan is valid, and a run never replaces a committed notebook: those are
re-executed only by ``reproduce``.
"""
from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import paths, pipeline
from .errors import DataValidationError, ParameterError

RUNS = paths.ROOT / "runs"  # default folder of ad-hoc runs (ignored by git)
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Parameter:
    """One entry of a chapter's parameters cell."""

    name: str
    default: Any
    help: str

    @property
    def kind(self) -> type:
        return type(self.default)


@dataclass
class Run:
    """A validated run: what executes, where it is written, with which parameters."""

    chapter: Path
    output: Path
    parameters: dict[str, Any] = field(default_factory=dict)
    outputs_dir: Path = paths.OUTPUTS


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
    raise ParameterError(f"chapter: {name!r} is not a chapter with parameters; choose one of {', '.join(known)}")


def parameters(notebook: str | Path) -> dict[str, Parameter]:
    """The parameters declared in ``notebook``'s cell tagged ``parameters``, in cell order."""
    import papermill as pm

    found = {}
    for name, info in pm.inspect_notebook(str(paths.resolve(notebook))).items():
        try:
            default = ast.literal_eval(info["default"])
        except (ValueError, SyntaxError):
            raise ParameterError(
                f"{paths.display(notebook)}: parameter {name!r} has default {info['default']!r}, "
                "which is not a plain literal"
            ) from None
        found[name] = Parameter(name, default, info.get("help") or "")
    return found


# -- parsing values given on the command line ------------------------------------------------

def _type_word(kind: type) -> str:
    return {int: "a whole number", float: "a number", str: "a text", bool: "true or false",
            list: "a comma-separated list"}.get(kind, kind.__name__)


def coerce(param: Parameter, value: Any) -> Any:
    """``value`` (a string from the command line, or a Python value) as the parameter's type."""
    kind = param.kind
    if isinstance(value, str) and kind is not str:
        text = value.strip()
        if kind is bool:
            if text.lower() in {"true", "yes", "1"}:
                return True
            if text.lower() in {"false", "no", "0"}:
                return False
        elif kind is list:
            if text.startswith("["):
                try:
                    value = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    pass
            else:
                value = [item.strip() for item in text.split(",") if item.strip()]
        else:
            try:
                value = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                pass
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if kind is list and isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ParameterError(
            f"{param.name}: {value!r} is not {_type_word(kind)}; the default is {param.default!r}"
        )
    if kind is list:
        item_kinds = {type(item) for item in param.default}
        if item_kinds and not all(type(item) in item_kinds for item in value):
            raise ParameterError(f"{param.name}: {value!r} must list items like {param.default!r}")
    return value


# -- what each parameter may be ------------------------------------------------------------------

# data-file parameters and the data-package resource whose schema the file must match
FILE_RESOURCES = {
    "table1_file": "table1",
    "results_file": "eastern-belt",
    "recommendations_file": "recommendations",
}


def _check_file(name: str) -> Callable[[Any, dict], None]:
    resource = FILE_RESOURCES[name]

    def check(value: str, values: dict) -> None:
        from . import datapackage
        from .validation import load_resource

        path = paths.resolve(value)
        original = "data/" + datapackage.resource(resource)["path"]
        if not path.is_file():
            raise ParameterError(
                f"{name}: no file {paths.display(path)}; give a CSV with the columns of {original} "
                "(a path relative to the repository root, or absolute)"
            )
        try:
            load_resource(resource, path)
        except DataValidationError as exc:
            raise ParameterError(f"{name}: {exc}") from None

    return check


def _table1_years(values: dict) -> tuple[int, int, Any]:
    from . import table1

    table = table1.load(values.get("table1_file") or paths.TABLE1)
    return int(table["year"].min()), int(table["year"].max()), table


def _check_window(value: int, values: dict) -> None:
    from . import table1

    first, last, table = _table1_years(values)
    start, end = values.get("start_year", first), values.get("end_year", last)
    try:
        table1.window(table, start, end)
    except ParameterError as exc:
        message = str(exc)
        if "after end_year" in message:
            message += "; start_year must not be after end_year"
        raise ParameterError(message) from None


def _check_base_year(value: int, values: dict) -> None:
    first, last, _ = _table1_years(values)
    start, end = values.get("start_year", first), values.get("end_year", last)
    if not start <= value <= end:
        raise ParameterError(f"base_year: {value} is outside the window analysed ({start}–{end}); choose a year in it")


def _check_unit(value: str, values: dict) -> None:
    from . import table1

    table1.unit_factor(value)  # raises "unit: 'x' is not allowed; choose one of ..."


def _check_run_name(value: str, values: dict) -> None:
    if not _SAFE_NAME.match(value):
        raise ParameterError(
            f"run_name: {value!r} is not a folder name; use letters, digits, '_', '-' and '.', starting with a letter or digit"
        )


def _check_modes(value: list, values: dict) -> None:
    from . import places

    places.check_modes(value)  # "modes: 'x' not allowed; choose from ..."


def _check_hub(value: str, values: dict) -> None:
    from . import places

    places.check_hub(value)  # "hub: 'x' is not a place_id in data/gazetteer.csv"


def _check_themes(value: list, values: dict) -> None:
    from . import eastern

    eastern.check_themes(value)


def _check_rate(value: float, values: dict) -> None:
    from . import eastern

    eastern.check_rate(value)


def _check_rail_days(value: int, values: dict) -> None:
    from . import eastern

    eastern.rail_schedule(1.0, 1.0, value)  # "rail_days: x is not a whole number of days from 7 to 365"


def _check_n_top(value: int, values: dict) -> None:
    from . import network

    network.check_n_top(value)


# checked in this order, so that the years are checked against the table file a reader chose
CHECKS: dict[str, Callable[[Any, dict], None]] = {
    **{name: _check_file(name) for name in FILE_RESOURCES},
    "start_year": _check_window,
    "end_year": _check_window,
    "base_year": _check_base_year,
    "unit": _check_unit,
    "run_name": _check_run_name,
    "modes": _check_modes,
    "hub": _check_hub,
    "themes": _check_themes,
    "cny_per_usd": _check_rate,
    "rail_days": _check_rail_days,
    "n_top": _check_n_top,
}


def validate(notebook: str | Path, given: dict[str, Any]) -> dict[str, Any]:
    """Check ``given`` against ``notebook``'s parameters; return the typed values that differ from the defaults.

    Raises :class:`ParameterError` at the first problem, naming the parameter.
    """
    declared = parameters(notebook)
    for name in given:
        if name not in declared:
            raise ParameterError(
                f"{name}: unknown parameter of {Path(notebook).stem}; its parameters are {', '.join(declared)}"
            )
    typed = {name: coerce(declared[name], value) for name, value in given.items()}
    values = {name: p.default for name, p in declared.items()} | typed
    for name, check in CHECKS.items():
        if name in declared:
            try:
                check(values[name], values)
            except ParameterError as exc:
                named = str(exc).split(":", 1)[0]
                if named not in declared or named in typed:
                    raise
                # a default that no longer fits the values given (base_year after a new window)
                raise ParameterError(f"{exc} (the chapter's default; set it with -p {named} VALUE)") from None
    return dict(typed)


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


def plan(chapter: str | Path, given: dict[str, Any] | None = None, output: str | Path | None = None, *,
         allow_committed: bool = False) -> Run:
    """Validate a run of ``chapter`` with ``given`` parameters; nothing is written or executed.

    The run's tables (the data behind its figures) go to ``outputs/<run_name>/``: to the repository's
    ``outputs/`` for committed notebooks, next to the output notebook otherwise. When the chapter has a
    ``run_name`` parameter and none is given, it is the output's file name, so a run never writes over
    the tables of a committed chapter.
    """
    if str(chapter).endswith(".ipynb") and paths.resolve(chapter).is_file():
        source = paths.resolve(chapter)
    else:
        source = find_chapter(str(chapter))
    given = dict(given or {})
    overrides = validate(source, given)
    target = paths.resolve(output) if output is not None else default_output(source, overrides)
    if target.suffix != ".ipynb":
        raise ParameterError(f"output: {paths.display(target)} must be a notebook file ending in .ipynb")
    committed = target.resolve() in _committed()
    if committed and not allow_committed:
        raise ParameterError(
            f"output: {paths.display(target)} is a committed notebook of the book; choose another file "
            "(re-execute committed notebooks with `python -m heilongjiang_russia reproduce`)"
        )
    if target.exists() and target.is_dir():
        raise ParameterError(f"output: {paths.display(target)} is a folder; give a notebook file name")
    declared = parameters(source)
    if "run_name" in declared and "run_name" not in overrides:
        overrides["run_name"] = target.stem
        _check_run_name(target.stem, overrides)
    if not committed:
        run_name = overrides.get("run_name")
        taken = {}
        for nb in _committed():
            if "run_name" in _safe_parameters(nb):
                recorded = pipeline.recorded_parameters(nb)
                taken[recorded.get("run_name", _safe_parameters(nb)["run_name"].default)] = nb
        if run_name in taken:
            raise ParameterError(
                f"run_name: {run_name!r} is the output folder of {paths.display(taken[run_name])}; choose another name"
            )
    outputs_dir = paths.OUTPUTS if committed or target.parent.resolve() == paths.ROOT.resolve() \
        else target.parent / "outputs"
    return Run(source, target, overrides, outputs_dir)


def _safe_parameters(nb: Path) -> dict[str, Parameter]:
    try:
        return parameters(nb)
    except ParameterError:
        return {}


def execute(run: Run, *, progress: bool = True) -> Path:
    """Execute a validated :class:`Run`; the output notebook is replaced only when every cell succeeded."""
    shown = ", ".join(f"{k}={v!r}" for k, v in run.parameters.items()) or "the defaults"
    print(f"executing {paths.display(run.chapter)} with {shown}", file=sys.stderr, flush=True)
    written = pipeline.run_notebook(run.chapter, run.output, run.parameters, progress=progress,
                                    outputs_dir=run.outputs_dir)
    print(f"wrote {paths.display(written)}", file=sys.stderr, flush=True)
    return written


def describe() -> str:
    """Every chapter with its parameters, defaults and descriptions (the text of ``list``)."""
    lines = []
    for stem, nb in chapters().items():
        lines.append(f"{stem}  ({paths.display(nb)})")
        for p in parameters(nb).values():
            lines.append(f"  {p.name} = {p.default!r}")
            if p.help:
                lines.append(f"      {p.help}")
        lines.append("")
    from . import variants

    declared = variants.load()
    if declared:
        lines.append(f"generated variants ({paths.display(variants.SPEC)}; regenerated by `reproduce`, not by `run`)")
        for v in declared:
            shown = ", ".join(f"{k}={val!r}" for k, val in v.parameters.items())
            lines.append(f"  {paths.display(v.file)}: {paths.display(v.chapter)} with {shown}")
    return "\n".join(lines).rstrip() + "\n"
