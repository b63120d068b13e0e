"""The Frictionless data package that describes every file under ``data/``.

``data/datapackage.json`` is written by hand except for ``bytes`` and ``hash``, which
:func:`refresh` recomputes. The loaders read schemas and checksums from it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from heilongjiang_russia import paths
from heilongjiang_russia.errors import DataValidationError


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_descriptor(descriptor: Path | None = None) -> dict:
    descriptor = Path(descriptor or paths.DATAPACKAGE)
    try:
        return json.loads(descriptor.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataValidationError(paths.display(descriptor), "file not found") from None
    except json.JSONDecodeError as exc:
        raise DataValidationError(
            paths.display(descriptor), f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from None


def resource(name: str, descriptor: Path | None = None) -> dict:
    """The resource called ``name``; its ``path`` is relative to the descriptor's folder."""
    package = load_descriptor(descriptor)
    for res in package["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"{paths.display(descriptor or paths.DATAPACKAGE)} has no resource named {name!r}")


def data_files(data_dir: Path | None = None) -> list[str]:
    """Every file under ``data/`` that the package must describe (all but itself and the README)."""
    data_dir = Path(data_dir or paths.DATA)
    skip = {"datapackage.json", "README.md"}
    return sorted(
        p.relative_to(data_dir).as_posix()
        for p in data_dir.rglob("*")
        if p.is_file() and p.name not in skip and not p.name.startswith(".")
    )


def problems(descriptor: Path | None = None) -> list[str]:
    """What is out of date or missing in the descriptor, one sentence each (empty when all is well)."""
    descriptor = Path(descriptor or paths.DATAPACKAGE)
    base = descriptor.parent
    package = load_descriptor(descriptor)
    listed = {res["path"]: res for res in package["resources"]}
    found = []
    for rel in data_files(base):
        if rel not in listed:
            found.append(f"{rel}: file is not described in {paths.display(descriptor)}")
    for rel, res in listed.items():
        file = base / rel
        if not file.exists():
            found.append(f"{rel}: listed in {paths.display(descriptor)} but missing")
            continue
        size = file.stat().st_size
        if res.get("bytes") != size:
            found.append(f"{rel}: bytes is {res.get('bytes')}, the file has {size}")
        digest = f"sha256:{sha256(file)}"
        if res.get("hash") != digest:
            found.append(f"{rel}: hash is {res.get('hash')}, the file has {digest}")
    return found


def refresh(descriptor: Path | None = None) -> list[str]:
    """Rewrite ``bytes`` and ``hash`` of every listed file; return the paths that changed."""
    descriptor = Path(descriptor or paths.DATAPACKAGE)
    package = load_descriptor(descriptor)
    changed = []
    for res in package["resources"]:
        file = descriptor.parent / res["path"]
        new = {"bytes": file.stat().st_size, "hash": f"sha256:{sha256(file)}"}
        if {k: res.get(k) for k in new} != new:
            res.update(new)
            changed.append(res["path"])
    if changed:
        text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
        tmp = descriptor.with_suffix(".json.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(descriptor)
    return changed
