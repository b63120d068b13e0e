"""Version metadata: the compendium's version, repository address and releases, read from their sources.

- the **version** is ``[project] version`` in ``pyproject.toml`` (the package metadata);
- the **repository URL** is ``[project.urls] Repository`` in ``pyproject.toml``;
- the **releases** are the dated headings of ``CHANGELOG.md`` and the ``vX.Y.Z`` git tags.

Read by the book's Sphinx extensions (version, citation, Binder on a release's tag) and by the
release tool (:mod:`heilongjiang_russia.dev.release`), which writes them; nothing here writes.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

from heilongjiang_russia import paths

PACKAGE = "heilongjiang-russia"
ARTICLE_DOI = "10.15826/recon.2019.5.1.002"  # Song (2019), the article the compendium reproduces
VERSION_RE = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


class MetadataError(RuntimeError):
    """Version metadata that cannot be read, with the file and what to do about it."""


def root_of(root: str | Path | None) -> Path:
    """``root`` as an absolute path; this repository when None."""
    return Path(root).resolve() if root is not None else paths.ROOT


def git_output(root: Path, *args: str) -> str:
    """What ``git -C root ARGS`` prints; empty when git fails (not a checkout, no such ref)."""
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else ""


def pyproject(root: str | Path | None = None) -> dict:
    """The parsed ``pyproject.toml`` of the repository at ``root`` (default: this one)."""
    file = root_of(root) / "pyproject.toml"
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MetadataError(f"{paths.display(file)}: not found; is {root_of(root)} the repository root?") from None
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{paths.display(file)}: not valid TOML: {exc}") from None


def project_version(root: str | Path | None = None) -> str:
    """The compendium's version, from ``pyproject.toml``; installed metadata when there is no source tree."""
    if not (root_of(root) / "pyproject.toml").is_file():
        from importlib.metadata import version

        return version(PACKAGE)
    return pyproject(root)["project"]["version"]


def repository_url(root: str | Path | None = None) -> str:
    """The repository's web address, from ``[project.urls] Repository`` in ``pyproject.toml``."""
    try:
        return pyproject(root)["project"]["urls"]["Repository"].rstrip("/")
    except KeyError:
        raise MetadataError("pyproject.toml: [project.urls] has no 'Repository' entry") from None


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3)``; anything else is refused with the expected form."""
    match = VERSION_RE.match(text)
    if not match:
        raise MetadataError(
            f"malformed version {text!r}: expected MAJOR.MINOR.PATCH, three whole numbers "
            "without leading zeros or a 'v' prefix, e.g. 0.2.0"
        )
    return tuple(int(part) for part in match.groups())


def released_versions(root: str | Path | None = None) -> list[str]:
    """Versions already released, oldest first: dated headings of CHANGELOG.md and ``v*`` git tags."""
    root = root_of(root)
    found = set()
    changelog = root / "CHANGELOG.md"
    if changelog.is_file():
        found.update(m.group(1) for m in RELEASE_HEADING.finditer(changelog.read_text(encoding="utf-8")))
    found.update(tag[1:] for tag in git_output(root, "tag", "--list", "v*").split() if VERSION_RE.match(tag[1:]))
    return sorted(found, key=parse_version)


def release_tag(root: str | Path | None = None) -> str | None:
    """``vX.Y.Z`` when the checkout at ``root`` is that release: HEAD carries the tag of the version in
    ``pyproject.toml`` and no tracked file differs from it. None otherwise (or outside git)."""
    root = root_of(root)
    tag = f"v{project_version(root)}"
    try:
        if tag not in git_output(root, "tag", "--points-at", "HEAD").split():
            return None
        return None if git_output(root, "status", "--porcelain", "--untracked-files=no").strip() else tag
    except OSError:  # no git on this machine
        return None


COMMIT_ENV = "HLJRU_COMMIT"  # the commit a copy without .git was exported from (a build from an export)


def head_commit(root: str | Path | None = None) -> str | None:
    """The full hash of the commit the checkout at ``root`` is built from (``HLJRU_COMMIT`` for a copy
    without git history); None when neither says."""
    import os

    root = root_of(root)
    try:
        found = git_output(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").strip()
    except OSError:  # no git on this machine
        found = ""
    found = found or os.environ.get(COMMIT_ENV, "").strip()
    return found if re.fullmatch(r"[0-9a-f]{40}", found) else None


def release_commit(root: str | Path | None, version: str) -> str | None:
    """The commit of release ``version``: its tag ``vX.Y.Z``, else the commit "Release X.Y.Z" that
    ``make release`` makes (tags stay on the machine that made them; commits are published)."""
    root = root_of(root)
    try:
        found = git_output(root, "rev-parse", "--verify", "--quiet", f"v{version}^{{commit}}").strip()
        found = found or git_output(root, "log", "--format=%H", "-n", "1", f"--grep=^Release {re.escape(version)}$")
    except OSError:
        return None
    return found.strip() or None
