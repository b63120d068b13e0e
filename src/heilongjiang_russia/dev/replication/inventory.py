"""The data sources and the software: from data/datapackage.json, the locks, pyproject.toml and the Makefile."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from heilongjiang_russia.pipeline import provenance

# --------------------------------------------------------------------------- data and software


def _descriptor(root: Path) -> dict:
    return json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))


def _row_sources(file: Path) -> list[str]:
    """Every web address in the source columns of a curated CSV file (one per row and column)."""
    import csv

    found = []
    with file.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for column, value in row.items():
                if column and "source" in column and value:
                    found += re.findall(r"https?://[^\s;,|)]+", value)
    return found


def _site(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _licence(resource: dict) -> str:
    return "; ".join(lic["name"] for lic in resource.get("licenses") or [])


def _licences(resources: list[dict]) -> str:
    """The licences of ``resources``, each name once, with the first title the descriptor gives it."""
    seen: dict[str, str] = {}
    for resource in resources:
        for lic in resource.get("licenses") or []:
            seen.setdefault(lic["name"], lic.get("title", ""))
    return "; ".join(f"{name} ({title})" if title else name for name, title in seen.items())


def _groups(root: Path) -> list[dict]:
    """The data sources: the article, Natural Earth, each curated file of outside figures, and the
    files derived here; each with its files and what the descriptor says about them."""
    package = _descriptor(root)
    groups: dict[str, dict] = {}
    for resource in package["resources"]:
        sources = resource.get("sources") or []
        where = sources[0].get("path", "") if sources else ""
        path = f"data/{resource['path']}"
        natural_earth = all(
            "naturalearthdata.com" in s.get("path", "") or "natural-earth" in s.get("path", "") for s in sources
        )
        if where.startswith("https://doi.org/") and len(sources) == 1:
            key, kind = where, "article"
        elif sources and natural_earth:
            key, kind = "natural-earth", "natural-earth"
        elif not where.startswith("http") and resource["path"] != where and (root / "data" / where).is_file():
            key, kind = f"derived:{path}", "derived"
        else:
            key, kind = f"curated:{path}", "curated"
        group = groups.setdefault(key, {"kind": kind, "resources": [], "sources": []})
        group["resources"].append(resource)
        for source in sources:
            if source not in group["sources"]:
                group["sources"].append(source)
    order = {"article": 0, "natural-earth": 1, "curated": 2, "derived": 3}
    return sorted(groups.values(), key=lambda g: order[g["kind"]])


LOCKS = ("requirements.lock", "requirements-dev.lock")  # the runtime set (Binder's), then the development set


def pinned(root: Path, locks=LOCKS) -> dict[str, str]:
    """Every pinned package of the ``locks`` (name: version)."""
    found = {}
    for lock in locks:
        if (root / lock).is_file():
            frame = provenance.pinned_packages(root / lock)
            found |= {row.package.lower(): row.version for row in frame.itertuples()}
    return found


def _dependencies(root: Path) -> list[str]:
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0] for d in project.get("dependencies", [])]


def _project(root: Path) -> dict:
    import tomllib

    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def debian_packages(root: Path) -> list[str]:
    """The Debian packages the Makefile's ``DEBIAN_PACKAGES`` names (for `make pdf` and `make test`)."""
    text = (root / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    match = re.search(r"^DEBIAN_PACKAGES\s*:?=\s*(.+)$", text, re.M)
    return match.group(1).split() if match else []


def _python(root: Path) -> str:
    match = re.search(r"^PYTHON \?= (\S+)", (root / "Makefile").read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else "python3"
