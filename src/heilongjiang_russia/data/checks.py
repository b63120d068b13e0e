"""Parameter rules that several chapters share, for their ``check_parameters`` functions.

Each chapter module has one ``check_parameters(values) -> dict`` (listed in
:mod:`heilongjiang_russia.pipeline.registry`) that reads its own parameter names from ``values`` (the
runner's values, or ``globals()`` in the notebook), validates them, applies its cross-parameter
rules and fills its derived defaults. The rules more than one chapter needs live here, once:
the type of a value, the ``run_name`` folder, a replacement data file, the Table 1 window.
Every problem is a :class:`~heilongjiang_russia.errors.ParameterError` naming the parameter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from heilongjiang_russia import paths
from heilongjiang_russia.data import datapackage, table1
from heilongjiang_russia.errors import DataValidationError, ParameterError

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")

# data-file parameters and the data-package resource whose schema the file must match
FILE_RESOURCES = {
    "table1_file": "table1",
    "results_file": "eastern-belt",
    "recommendations_file": "recommendations",
}

_WORDS = {int: "a whole number", float: "a number", str: "a text", bool: "true or false", list: "a list"}


def read(values: Mapping[str, Any], names: list[str]) -> dict[str, Any]:
    """The chapter's parameters from ``values`` (which may hold anything else, like ``globals()``)."""
    missing = [name for name in names if name not in values]
    if missing:
        raise ParameterError(missing[0], "not given; every parameter of the chapter's parameters cell is needed")
    return {name: values[name] for name in names}


def kind(name: str, value: Any, expected: type) -> Any:
    """``value`` if it is of type ``expected`` (an int is accepted as a number, a bool never as one)."""
    ok = isinstance(value, expected) and not (expected in (int, float) and isinstance(value, bool))
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not ok:
        raise ParameterError(name, f"{value!r} is not {_WORDS.get(expected, expected.__name__)}")
    return value


def run_name(value: Any) -> str:
    """A folder name under ``outputs/``: letters, digits, ``_``, ``-`` and ``.``, no path."""
    if not isinstance(value, str) or not SAFE_NAME.match(value):
        raise ParameterError(
            "run_name",
            f"{value!r} is not a folder name; use letters, digits, '_', '-' and '.', starting with a letter or digit",
        )
    return value


def data_file(name: str, value: Any) -> Path:
    """The file a ``*_file`` parameter names, after checking it exists (its schema is the loader's job)."""
    kind(name, value, str)
    path = paths.resolve(value)
    if not path.is_file():
        original = "data/" + datapackage.resource(FILE_RESOURCES[name])["path"]
        raise ParameterError(
            name,
            f"no file {paths.display(path)}; give a CSV with the columns of {original} "
            "(a path relative to the repository root, or absolute)",
        )
    return path


def load(name: str, value: Any, loader) -> pd.DataFrame:
    """``loader(path)`` for the file named by parameter ``name``; a file that fails validation names the parameter."""
    path = data_file(name, value)
    try:
        return loader(path)
    except DataValidationError as exc:
        raise ParameterError(name, str(exc)) from None


def table1_window(values: Mapping[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Table 1 from ``table1_file`` and its rows from ``start_year`` to ``end_year`` (both checked)."""
    table = load("table1_file", values["table1_file"], table1.load)
    start, end = kind("start_year", values["start_year"], int), kind("end_year", values["end_year"], int)
    return table, table1.window(table, start, end)


def unit(value: Any) -> str:
    """One of :data:`table1.UNITS`."""
    kind("unit", value, str)
    table1.unit_factor(value)
    return value
