"""Errors that name what is wrong and where."""

from __future__ import annotations

import sys


class DataValidationError(ValueError):
    """A data file that does not match its description.

    The message always starts with the file; ``row`` (1-based, header excluded) and
    ``column`` are given where the problem has a place in the table.
    """

    def __init__(self, file: str, message: str, *, row: int | None = None, column: str | None = None):
        self.file, self.row, self.column = file, row, column
        where = [file]
        if row is not None:
            where.append(f"row {row} (line {row + 1})")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(", ".join(where) + ": " + message)


class ParameterError(ValueError):
    """A chapter parameter with a value that is not allowed.

    ``name`` is the parameter (a field, so that nothing parses the message) and ``message`` says
    what is wrong and what is allowed; ``str()`` reads ``"<name>: <message>"``.
    """

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def _one_line(shell, etype, value, tb, tb_offset=None) -> list[str]:
    shown = [f"error: {value}"]  # what the runner prints for the same parameter
    shell._showtraceback(etype, value, shown)  # IPython leaves the showing to the handler
    return shown


def short_parameter_errors_in_ipython() -> None:
    """In a Jupyter kernel, show a :class:`ParameterError` as the runner's one line, not a traceback.

    The cell still fails (papermill and "Run all" stop there); only what the reader sees is shorter.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython else None
    if shell is not None:
        shell.set_custom_exc((ParameterError,), _one_line)
