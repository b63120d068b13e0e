"""Read a CSV file after checking it against its Frictionless Table Schema, with frictionless.

frictionless (pinned) enforces every rule ``data/datapackage.json`` declares for a table: the
types, ``required``, ``minimum``, ``maximum``, ``enum``, ``pattern`` and ``unique`` constraints,
the primary key and the foreign keys (against the other resources of the package). Its first
error, in file order, is re-worded here so that the message names the file, the row (and its
line) and the column, and says what was expected.

Kept by hand, each for one reason:

- encoding and byte-order mark: frictionless guesses an encoding and drops a BOM silently, but
  the package declares UTF-8 without BOM;
- the header: one message for a renamed, missing, extra or reordered column (frictionless
  reports every label that moved);
- spaces around a value and non-finite numbers: frictionless trims the first and reads ``NaN``
  and ``INF`` as numbers;
- the checksum, for the very file the package describes only, with what to do about a mismatch;
- what a schema cannot state (:mod:`.evidence`): no row may cite a refused source (a demo, test or
  tutorial dataset), and each row's evidence kind must agree with its value, source, confidence and
  period (a conversion or a derived value never carries the confidence of a reported one).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import math
import re
import tempfile
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from heilongjiang_russia import paths
from heilongjiang_russia.errors import DataValidationError

from . import datapackage, evidence

_BOM = b"\xef\xbb\xbf"
# Tables frictionless found valid, by the bytes of everything the verdict depends on (the file, the
# descriptor, the files its foreign keys name, this module): every chapter's kernel reads the same
# data, and asking frictionless again about the same bytes would tell nothing new.
VALID_CACHE = Path(tempfile.gettempdir()) / "hljru-valid-tables"


def _read_text(path: Path, shown: str) -> bytes:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(shown, "file not found") from None
    if raw.startswith(_BOM):
        raise DataValidationError(shown, "starts with a UTF-8 byte-order mark (BOM); expected UTF-8 without BOM")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataValidationError(
            shown, f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}; expected UTF-8 text"
        ) from None
    return raw


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
    expected = ",".join(names)
    if missing:
        raise DataValidationError(
            shown, f"missing column(s) {', '.join(map(repr, missing))}; expected columns: {expected}"
        )
    if extra:
        raise DataValidationError(
            shown, f"unexpected column(s) {', '.join(map(repr, extra))}; expected columns: {expected}"
        )
    raise DataValidationError(shown, f"columns are in the order {','.join(header)}; expected {expected}")


# -- frictionless's errors, in our words -----------------------------------------------------------


def _number(text: str, kind: str) -> float:
    return int(text) if kind == "integer" else float(text)


def _constraint_message(text: str, field: dict) -> str:
    """Which declared constraint ``text`` breaks, said plainly (frictionless found that one does)."""
    constraints = field.get("constraints", {})
    kind = field.get("type", "string")
    if text == "":
        return "empty cell; a value is required"
    if "minimum" in constraints and _number(text, kind) < constraints["minimum"]:
        return f"{text} is below the minimum {constraints['minimum']}"
    if "maximum" in constraints and _number(text, kind) > constraints["maximum"]:
        return f"{text} is above the maximum {constraints['maximum']}"
    if "enum" in constraints:
        allowed = ", ".join(map(str, constraints["enum"]))
        return f"{text!r} is not one of: {allowed}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        return f"{text!r} does not match the pattern {constraints['pattern']}"
    return f"{text!r} breaks a constraint of the schema ({', '.join(sorted(constraints))})"


def _first_row(body: list[list[str]], index: list[int], values: tuple, before: int) -> int | None:
    """The first data row (1-based) before ``before`` whose cells at ``index`` are ``values``."""
    rows = (i for i, cells in enumerate(body[: before - 1], start=1) if tuple(cells[j] for j in index) == values)
    return next(rows, None)


def _duplicate(error, body, fields, resource, row):
    names = [f["name"] for f in fields]
    key = resource["schema"].get("primaryKey") if error.type == "primary-key" else [error.field_name]
    key = [key] if isinstance(key, str) else list(key)
    index = [names.index(k) for k in key]
    values = tuple(body[row - 1][j] for j in index)
    first = _first_row(body, index, values, row)
    if first is None:  # the key cell of this row could not be read: its type error says so
        return None
    shown = values[0] if len(values) == 1 else values
    return f"duplicate value {shown} (also in row {first}); '{','.join(key)}' must be unique", row, key[0]


def _foreign_key(error, body, fields, resource, row):
    names = [f["name"] for f in fields]
    for fk in resource["schema"].get("foreignKeys", []):
        own = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
        ref = fk["reference"]
        theirs = [ref["fields"]] if isinstance(ref["fields"], str) else list(ref["fields"])
        values = ", ".join(str(body[row - 1][names.index(f)]) for f in own)
        target = "data/" + datapackage.resource(ref["resource"])["path"] if ref.get("resource") else "this file"
        return f"{values} is not a {'/'.join(theirs)} of {target}", row, own[0]
    return error.note, row, None


def _type_error(error, body, fields, resource, row):
    kind = next(f.get("type") for f in fields if f["name"] == error.field_name)
    word = {"integer": "an integer", "number": "a number"}.get(kind, "a value")
    return f"expected {word}, found {error.cell!r}", row, error.field_name


def _constraint_error(error, body, fields, resource, row):
    field = next(f for f in fields if f["name"] == error.field_name)
    return _constraint_message(error.cell, field), row, error.field_name


def _ragged(error, body, fields, resource, row):
    return f"has {len(body[row - 1])} fields, the header has {len(fields)}", row, None


_MESSAGES = {
    "type-error": _type_error,
    "constraint-error": _constraint_error,
    "extra-cell": _ragged,
    "missing-cell": _ragged,
    "primary-key": _duplicate,
    "unique-error": _duplicate,
    "foreign-key": _foreign_key,
    "blank-row": lambda error, body, fields, resource, row: ("empty row", row, None),
}


def _message(error, body: list[list[str]], fields: list[dict], resource: dict) -> tuple | None:
    """A frictionless error as (message, data row, column); None for a key error that only echoes a cell's type error."""
    row = error.row_number - 1 if getattr(error, "row_number", None) else None
    word = _MESSAGES.get(error.type)
    if word is None:
        return error.note or error.title, row, getattr(error, "field_name", None)
    return word(error, body, fields, resource, row)


def _spaces(body: list[list[str]], names: list[str]) -> tuple[str, int, str] | None:
    for i, cells in enumerate(body, start=1):
        for name, text in zip(names, cells):
            if text != text.strip() and text.strip():
                return f"value {text!r} has leading or trailing spaces", i, name
    return None


def _frictionless_errors(path: Path, resource: dict, descriptor: Path) -> list:
    """frictionless's errors for ``path`` read as ``resource`` of the package at ``descriptor`` (checksum aside)."""
    package = datapackage.load_descriptor(descriptor)
    own = {k: v for k, v in resource.items() if k not in ("hash", "bytes")}
    own["path"] = str(path)
    referenced = {fk["reference"].get("resource") for fk in resource["schema"].get("foreignKeys", [])}
    others = [
        {k: v for k, v in res.items() if k not in ("hash", "bytes")}
        | {"path": str((descriptor.parent / res["path"]).resolve())}
        for res in package["resources"]
        if res["name"] in referenced - {resource["name"], "", None}
    ]
    import frictionless  # only when a table has to be validated (see VALID_CACHE); it takes a while to import

    with frictionless.system.use_context(trusted=True):
        pkg = frictionless.Package.from_descriptor({"resources": [own, *others]})
        report = pkg.get_resource(resource["name"]).validate()
    return report.tasks[0].errors


def _frame(body: list[list[str]], fields: list[dict], shown: str) -> pd.DataFrame:
    names = [f["name"] for f in fields]
    columns = {}
    for j, field in enumerate(fields):
        kind = field.get("type", "string")
        values = []
        for i, cells in enumerate(body, start=1):
            text = cells[j]
            if text == "":
                values.append(None)
            elif kind == "integer":
                values.append(int(text))
            elif kind == "number":
                value = float(text)
                if not math.isfinite(value):
                    raise DataValidationError(
                        shown, f"expected a finite number, found {text!r}", row=i, column=field["name"]
                    )
                values.append(value)
            else:
                values.append(text)
        series = pd.Series(values, dtype="object")
        if kind == "integer" and not series.isna().any():
            series = series.astype("int64")
        elif kind == "number":
            series = series.astype("float64")
        columns[names[j]] = series
    return pd.DataFrame(columns, columns=names)


def _verdict_key(digest: str, resource: dict, descriptor: Path, descriptor_digest: str) -> str:
    """A name for "these bytes are valid": the file's, the descriptor's, the referenced files', this module's and
    frictionless's version."""
    package = datapackage.load_descriptor(descriptor)
    referenced = {fk["reference"].get("resource") for fk in resource["schema"].get("foreignKeys", [])}
    parts = [
        digest,
        descriptor_digest,
        json.dumps(resource, sort_keys=True),
        hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        version("frictionless"),  # a verdict of another frictionless is not this one's
    ]
    for res in package["resources"]:
        if res["name"] in referenced:
            parts.append(hashlib.sha256((descriptor.parent / res["path"]).read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@functools.lru_cache(maxsize=128)
def _validated(
    path: str, digest: str, resource_json: str, descriptor: str, descriptor_digest: str, check_hash: bool
) -> pd.DataFrame:
    """The validated frame of ``path`` (cached by the bytes of the file and of the descriptor)."""
    resource = json.loads(resource_json)
    file, descriptor_path = Path(path), Path(descriptor)
    shown = paths.display(file)
    text = _read_text(file, shown).decode("utf-8")
    fields = resource["schema"]["fields"]
    names = [f["name"] for f in fields]
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DataValidationError(shown, f"file is empty; expected a header row: {','.join(names)}")
    header, body = rows[0], rows[1:]
    _check_header(header, names, shown)
    if not body:
        raise DataValidationError(shown, "has a header but no data rows")

    verdict = VALID_CACHE / _verdict_key(digest, resource, descriptor_path, descriptor_digest)
    if not verdict.exists():
        errors = _frictionless_errors(file, resource, descriptor_path)
        found = [m for m in (_message(e, body, fields, resource) for e in errors) if m is not None]
        spaces = _spaces(body, names)
        if spaces:
            found.append(spaces)
        if found:
            order = {name: j for j, name in enumerate(names)}
            message, row, column = min(found, key=lambda f: (f[1] or 0, order.get(f[2], -1)))
            raise DataValidationError(shown, message, row=row, column=column)
        VALID_CACHE.mkdir(exist_ok=True)
        verdict.touch()
    refused = datapackage.load_descriptor(descriptor_path).get("refused_sources", [])
    evidence.check_rows(body, names, resource, refused, shown)

    if check_hash and "hash" in resource:
        expected = resource["hash"].split(":", 1)[-1]
        if digest != expected:
            raise DataValidationError(
                shown,
                f"checksum mismatch: sha256 is {digest}, data/datapackage.json expects {expected}; "
                "the file was changed after it was described (revert it, or refresh the data package on purpose)",
            )
    return _frame(body, fields, shown)


def read_csv(
    path: str | Path, resource: dict, *, descriptor: Path | None = None, check_hash: bool | None = None
) -> pd.DataFrame:
    """Validate ``path`` against ``resource`` (a data-package resource) and return it as a DataFrame.

    ``check_hash`` defaults to True when ``path`` is the very file the resource describes,
    and False for another file with the same schema (a corrected or extended table).
    """
    path = paths.resolve(path)
    descriptor_path = Path(descriptor or paths.DATAPACKAGE)
    if check_hash is None:
        check_hash = (descriptor_path.parent / resource["path"]).resolve() == path.resolve()
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise DataValidationError(paths.display(path), "file not found") from None
    descriptor_digest = hashlib.sha256(descriptor_path.read_bytes()).hexdigest()
    frame = _validated(
        str(path),
        digest,
        json.dumps(resource, sort_keys=True),
        str(descriptor_path),
        descriptor_digest,
        bool(check_hash),
    )
    return frame.copy()


def load_resource(name: str, path: str | Path | None = None, *, descriptor: Path | None = None) -> pd.DataFrame:
    """Load the resource ``name`` (or another file with its schema) after validating it."""
    descriptor = Path(descriptor or paths.DATAPACKAGE)
    res = datapackage.resource(name, descriptor)
    target = paths.resolve(path) if path is not None else descriptor.parent / res["path"]
    return read_csv(target, res, descriptor=descriptor)
