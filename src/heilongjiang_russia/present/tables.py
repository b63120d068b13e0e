"""The one helper for the book's tables: a DataFrame as a numbered, captioned MyST table.

Every chapter and appendix renders its tables through :func:`myst_table`, so escaping, missing
values, number formats, labels, alignment and column widths (HTML and PDF) are handled once.

A dollar sign is escaped (``\\$``, :func:`escape_dollars`) wherever the package writes Markdown: two
of them in one paragraph or table ("US$ 1 ... US$ 2") would otherwise be typeset as mathematics by
JupyterLab (its Markdown renderer, or jupyterlab-myst), while the book shows ``\\$`` as ``$``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

MISSING = "–"
# inline code (a run of backticks, the code, the same run), inside which a backslash is not an escape
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_DOLLAR = re.compile(r"(?<!\\)\$")


def escape_dollars(text: str) -> str:
    """Markdown ``text`` with every ``$`` outside inline code written ``\\$`` (CommonMark's escape).

    JupyterLab takes text between two dollar signs for mathematics (and so does jupyterlab-myst);
    both skip an escaped one, and MyST (the book) shows it as a plain ``$``. A ``$`` already escaped,
    or inside inline code, is left as it is.
    """
    pieces, position = [], 0
    for match in _CODE_SPAN.finditer(text):
        pieces += [_DOLLAR.sub(r"\\$", text[position : match.start()]), match.group(0)]
        position = match.end()
    pieces.append(_DOLLAR.sub(r"\\$", text[position:]))
    return "".join(pieces)


def escape(text: Any) -> str:
    """Text safe inside a MyST table cell: no pipe ends the cell, no newline ends the row, no dollar
    sign starts mathematics."""
    # "a;b" lists (finding ids) get a space so that they can wrap in narrow columns
    text = re.sub(r";(?=\S)", "; ", str(text)).replace("|", "\\|").replace("\n", " ")
    return escape_dollars(text)


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def cell(value: Any, fmt: str | None = None, missing: str = MISSING) -> str:
    """One cell: ``fmt`` (a format spec such as ``".1f"``) for numbers; a whole float without it
    as an integer, other floats with four significant digits."""
    if is_missing(value):
        return missing
    if fmt is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
        return format(value, fmt)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4g}"
    return escape(value)


def myst_table(
    frame: pd.DataFrame,
    columns: Mapping[str, str],
    caption: str,
    label: str,
    *,
    formats: Mapping[str, str] | None = None,
    align: Mapping[str, str] | None = None,
    widths: str | None = None,
    wide: bool = False,
    missing: str = MISSING,
    table_align: str = "left",
) -> str:
    """``frame``'s ``columns`` (name → heading, in order) as a MyST ``{table}`` directive.

    ``formats`` maps a column to a format spec for its numbers; ``align`` a column to ``"right"``,
    ``"center"`` or ``"left"`` (numbers are right-aligned by default); ``widths`` is a space-separated
    list of relative widths, for the HTML table and the PDF's (the book turns them into the LaTeX column
    spec, :mod:`heilongjiang_russia.book.pdf`; a ``tabularcolumns`` directive here would show in
    JupyterLab as an unknown directive);
    ``wide`` gives the table the page width. The caption becomes the numbered table title and
    ``label`` its target for ``{numref}``.
    """
    cols = list(columns)
    absent = [c for c in cols if c not in frame.columns]
    if absent:
        raise KeyError(f"myst_table({label}): no column {', '.join(absent)} in the frame")
    formats, align = dict(formats or {}), dict(align or {})
    lines: list[str] = []
    if widths:
        parts = widths.split()
        if len(parts) != len(cols):
            raise ValueError(f"myst_table({label}): {len(parts)} widths for {len(cols)} columns")
    lines += [f":::{{table}} {escape(caption)}", f":name: {label}", f":align: {table_align}"]
    if wide:
        lines.append(":class: full-width")
    if widths:
        lines.append(f":widths: {widths}")

    def rule(col: str) -> str:
        side = align.get(col) or (
            "right"
            if pd.api.types.is_numeric_dtype(frame[col]) and not pd.api.types.is_bool_dtype(frame[col])
            else "left"
        )
        return {"right": "---:", "center": ":---:", "left": "---"}[side]

    lines += [
        "",
        "| " + " | ".join(escape(columns[c]) for c in cols) + " |",
        "|" + "|".join(rule(c) for c in cols) + "|",
    ]
    for row in frame[cols].itertuples(index=False):
        lines.append("| " + " | ".join(cell(v, formats.get(c), missing) for c, v in zip(cols, row)) + " |")
    return "\n".join(lines + [":::", ""])
