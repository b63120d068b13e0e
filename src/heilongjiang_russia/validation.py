"""Read a CSV file and check it against a Frictionless Table Schema.

The checks run in the order a person would fix them: the file exists and is UTF-8,
the header is right, every cell has the right type and range, the primary key is
unique, and finally the bytes are the ones the data package records.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from . import datapackage, paths
from .errors import DataValidationError

_BOM = b"\xef\xbb\xbf"


def _read_text(path: Path, shown: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(shown, "file not found") from None
    if raw.startswith(_BOM):
        raise DataValidationError(shown, "starts with a UTF-8 byte-order mark (BOM); expected UTF-8 without BOM")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(
            shown, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; expected UTF-8 text"
        ) from None


def _check_header(header: list[str], names: list[str], shown: str) -> None:
    if header == names:
        return
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    if len(header) == len(names) and len(missing) == 1 and len(extra) == 1:
        pos = header.index(extra[0])
        raise DataValidationError(
            shown, f"column {pos + 1} is named '{extra[0]}', expected '{names[pos]}'", column=extra[0]
        )
    if missing:
        raise DataValidationError(
            shown, f"missing column(s) {', '.join(repr(m) for m in missing)}; expected columns: {','.join(names)}"
        )
    if extra:
        raise DataValidationError(
            shown, f"unexpected column(s) {', '.join(repr(e) for e in extra)}; expected columns: {','.join(names)}"
        )
    raise DataValidationError(shown, f"columns are in the order {','.join(header)}; expected {','.join(names)}")


def _convert(text: str, field: dict, shown: str, row: int):
    name, kind = field["name"], field.get("type", "string")
    constraints = field.get("constraints", {})
    if text.strip() == "":
        if constraints.get("required"):
            raise DataValidationError(shown, "empty cell; a value is required", row=row, column=name)
        return None
    if text != text.strip():
        raise DataValidationError(shown, f"value {text!r} has leading or trailing spaces", row=row, column=name)
    if kind == "integer":
        try:
            value = int(text)
        except ValueError:
            raise DataValidationError(shown, f"expected an integer, found {text!r}", row=row, column=name) from None
    elif kind == "number":
        try:
            value = float(text)
        except ValueError:
            raise DataValidationError(shown, f"expected a number, found {text!r}", row=row, column=name) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise DataValidationError(shown, f"expected a finite number, found {text!r}", row=row, column=name)
    else:
        value = text
    if "minimum" in constraints and value < constraints["minimum"]:
        raise DataValidationError(shown, f"{text} is below the minimum {constraints['minimum']}", row=row, column=name)
    if "maximum" in constraints and value > constraints["maximum"]:
        raise DataValidationError(shown, f"{text} is above the maximum {constraints['maximum']}", row=row, column=name)
    if "enum" in constraints and value not in constraints["enum"]:
        allowed = ", ".join(map(str, constraints["enum"]))
        raise DataValidationError(shown, f"{text!r} is not one of: {allowed}", row=row, column=name)
    return value


def read_csv(
    path: str | Path, resource: dict, *, descriptor: Path | None = None, check_hash: bool | None = None
) -> pd.DataFrame:
    """Validate ``path`` against ``resource`` (a data-package resource) and return it as a DataFrame.

    ``check_hash`` defaults to True when ``path`` is the very file the resource describes,
    and False for another file with the same schema (a corrected or extended table).
    """
    path = paths.resolve(path)
    shown = paths.display(path)
    text = _read_text(path, shown)
    schema = resource["schema"]
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DataValidationError(shown, f"file is empty; expected a header row: {','.join(names)}")
    header, body = rows[0], rows[1:]
    _check_header(header, names, shown)
    if not body:
        raise DataValidationError(shown, "has a header but no data rows")

    records = []
    for i, cells in enumerate(body, start=1):
        if len(cells) != len(names):
            raise DataValidationError(shown, f"has {len(cells)} fields, the header has {len(names)}", row=i)
        records.append([_convert(cell, field, shown, i) for cell, field in zip(cells, fields)])

    key = schema.get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else key
        seen: dict[tuple, int] = {}
        for i, rec in enumerate(records, start=1):
            value = tuple(rec[names.index(k)] for k in key)
            if value in seen:
                shown_value = value[0] if len(value) == 1 else value
                raise DataValidationError(
                    shown,
                    f"duplicate value {shown_value} (also in row {seen[value]}); '{','.join(key)}' must be unique",
                    row=i,
                    column=key[0],
                )
            seen[value] = i

    if check_hash is None:
        descriptor_path = Path(descriptor or paths.DATAPACKAGE)
        check_hash = (descriptor_path.parent / resource["path"]).resolve() == path.resolve()
    if check_hash and "hash" in resource:
        expected = resource["hash"].split(":", 1)[-1]
        found = datapackage.sha256(path)
        if found != expected:
            raise DataValidationError(
                shown,
                f"checksum mismatch: sha256 is {found}, data/datapackage.json expects {expected}; "
                "the file was changed after it was described (revert it, or refresh the data package on purpose)",
            )

    frame = pd.DataFrame.from_records(records, columns=names)
    for field in fields:
        if field.get("type") == "integer" and not frame[field["name"]].isna().any():
            frame[field["name"]] = frame[field["name"]].astype("int64")
        elif field.get("type") == "number":
            frame[field["name"]] = frame[field["name"]].astype("float64")
    return frame


def load_resource(name: str, path: str | Path | None = None, *, descriptor: Path | None = None) -> pd.DataFrame:
    """Load the resource ``name`` (or another file with its schema) after validating it."""
    descriptor = Path(descriptor or paths.DATAPACKAGE)
    res = datapackage.resource(name, descriptor)
    target = paths.resolve(path) if path is not None else descriptor.parent / res["path"]
    return read_csv(target, res, descriptor=descriptor)
