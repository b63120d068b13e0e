"""Version, repository URL and releases of the compendium.

One source of truth for each:

- the **version** is ``[project] version`` in ``pyproject.toml`` (the package metadata);
- the **repository URL** is ``[project.urls] Repository`` in ``pyproject.toml``.

``CITATION.cff``, ``.zenodo.json``, ``CHANGELOG.md``, ``_config.yml`` and ``README.md`` repeat
them; :func:`problems` lists every place that disagrees (the tests and the release refuse a
disagreement), and :func:`bump` rewrites the version-bearing files together.

``python -m heilongjiang_russia.dev.release VERSION`` (what ``make release VERSION=x.y.z`` runs)
checks the working tree is clean and the version is well formed and higher than the last
release, bumps the version and dates the changelog, runs the tests, commits and makes the
annotated tag ``vVERSION``. Exit status: 0 released, 1 refused or tests failed, 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from heilongjiang_russia import paths

PACKAGE = "heilongjiang-russia"
ARTICLE_DOI = "10.15826/recon.2019.5.1.002"
VERSION_RE = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
# The files a release rewrites, relative to the repository root.
BUMPED = ("pyproject.toml", "CITATION.cff", ".zenodo.json", "CHANGELOG.md")
UNRELEASED = "## [Unreleased]"
_RELEASE_HEADING = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", re.M)


class ReleaseError(RuntimeError):
    """A release refused, with the reason and what to do about it."""


# --------------------------------------------------------------------------- reading


def _root(root: str | Path | None) -> Path:
    return Path(root).resolve() if root is not None else paths.ROOT


def pyproject(root: str | Path | None = None) -> dict:
    """The parsed ``pyproject.toml`` of the repository at ``root`` (default: this one)."""
    file = _root(root) / "pyproject.toml"
    try:
        return tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReleaseError(f"{paths.display(file)}: not found; is {_root(root)} the repository root?") from None
    except tomllib.TOMLDecodeError as exc:
        raise ReleaseError(f"{paths.display(file)}: not valid TOML: {exc}") from None


def project_version(root: str | Path | None = None) -> str:
    """The compendium's version, from ``pyproject.toml``; installed metadata when there is no source tree."""
    file = _root(root) / "pyproject.toml"
    if not file.is_file():
        from importlib.metadata import version

        return version(PACKAGE)
    return pyproject(root)["project"]["version"]


def repository_url(root: str | Path | None = None) -> str:
    """The repository's web address, from ``[project.urls] Repository`` in ``pyproject.toml``."""
    try:
        return pyproject(root)["project"]["urls"]["Repository"].rstrip("/")
    except KeyError:
        raise ReleaseError("pyproject.toml: [project.urls] has no 'Repository' entry") from None


def release_tag(root: str | Path | None = None) -> str | None:
    """``vX.Y.Z`` when the checkout at ``root`` is that release: HEAD carries the tag of the version in
    ``pyproject.toml`` and no tracked file differs from it. None otherwise (or outside git)."""
    root = _root(root)
    tag = f"v{project_version(root)}"
    try:
        if tag not in _git(root, "tag", "--points-at", "HEAD", check=False).split():
            return None
        return None if _git(root, "status", "--porcelain", "--untracked-files=no", check=False).strip() else tag
    except OSError:  # no git on this machine
        return None


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3)``; anything else is refused with the expected form."""
    if not text:
        raise ReleaseError("no version given: run `make release VERSION=x.y.z`, e.g. VERSION=0.2.0")
    match = VERSION_RE.match(text)
    if not match:
        raise ReleaseError(
            f"malformed version {text!r}: expected MAJOR.MINOR.PATCH, three whole numbers "
            "without leading zeros or a 'v' prefix, e.g. 0.2.0"
        )
    return tuple(int(part) for part in match.groups())


def released_versions(root: str | Path | None = None) -> list[str]:
    """Versions already released: dated headings of CHANGELOG.md and ``v*`` git tags."""
    root = _root(root)
    found = set()
    changelog = root / "CHANGELOG.md"
    if changelog.is_file():
        found.update(m.group(1) for m in _RELEASE_HEADING.finditer(changelog.read_text(encoding="utf-8")))
    tags = _git(root, "tag", "--list", "v*", check=False)
    for tag in tags.split():
        if VERSION_RE.match(tag[1:]):
            found.add(tag[1:])
    return sorted(found, key=parse_version)


# --------------------------------------------------------------------------- agreement


def _citation_problems(cff: dict, zenodo: dict, version: str, url: str) -> list[str]:
    found = []
    if str(cff.get("version")) != version:
        found.append(f"CITATION.cff: version {cff.get('version')!r}, pyproject.toml says {version!r}")
    if cff.get("repository-code", "").rstrip("/") != url:
        found.append(f"CITATION.cff: repository-code {cff.get('repository-code')!r}, pyproject.toml says {url!r}")
    if zenodo.get("version") != version:
        found.append(f".zenodo.json: version {zenodo.get('version')!r}, pyproject.toml says {version!r}")
    if str(cff.get("date-released")) != zenodo.get("publication_date"):
        found.append(
            f".zenodo.json: publication_date {zenodo.get('publication_date')!r}, "
            f"CITATION.cff date-released is {str(cff.get('date-released'))!r}"
        )
    snapshot = f"{url}/tree/v{version}"
    related = [r.get("identifier") for r in zenodo.get("related_identifiers", []) if r.get("scheme") == "url"]
    if related != [snapshot]:
        found.append(f".zenodo.json: related_identifiers (url) {related}, expected [{snapshot!r}]")
    return found


def _readme_problems(readme: str, url: str) -> list[str]:
    found = [] if url in readme else [f"README.md: does not give the repository URL {url!r}"]
    # Another address of this repository (same owner or same name) is a stale copy of the URL.
    owner, name = url.rstrip("/").split("/")[-2:]
    for other in sorted(set(re.findall(r"https://[\w.-]+/[\w.-]+/[\w.-]*\w", readme)) - {url}):
        if other.split("/")[-2] == owner or other.split("/")[-1] == name:
            found.append(f"README.md: names repository {other!r}, pyproject.toml says {url!r}")
    return found


def _changelog_problems(changelog: str, version: str, url: str, released: str) -> list[str]:
    found = [
        f"CHANGELOG.md: link {link!r} is not under the repository URL {url!r}"
        for link in re.findall(r"^\[[^\]]+\]:\s*(\S+)", changelog, re.M)
        if not link.startswith(url + "/")
    ]
    dated = _RELEASE_HEADING.findall(changelog)
    if dated and version not in {v for v, _ in dated} and UNRELEASED not in changelog:
        found.append(f"CHANGELOG.md: no entry for version {version}")
    found += [
        f"CHANGELOG.md: {v} is dated {date}, CITATION.cff date-released is {released}"
        for v, date in dated
        if v == version and date != released
    ]
    return found


def problems(root: str | Path | None = None) -> list[str]:
    """Every place where a file disagrees with pyproject.toml's version or repository URL."""
    root = _root(root)
    version, url = project_version(root), repository_url(root)
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((root / ".zenodo.json").read_text(encoding="utf-8"))
    found = _citation_problems(cff, zenodo, version, url)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config_url = str((config.get("repository") or {}).get("url", "")).rstrip("/")
    if config_url != url:
        found.append(f"_config.yml: repository.url {config_url!r}, pyproject.toml says {url!r}")
    found += _readme_problems((root / "README.md").read_text(encoding="utf-8"), url)
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    return found + _changelog_problems(changelog, version, url, str(cff.get("date-released")))


# --------------------------------------------------------------------------- rewriting


def bump_changelog(text: str, version: str, date: str, url: str, previous: str | None) -> str:
    """Move the entries under [Unreleased] into a dated ``## [version] - date`` section."""
    start = text.find(UNRELEASED)
    if start < 0:
        raise ReleaseError(f"CHANGELOG.md: no '{UNRELEASED}' section to release")
    body_start = start + len(UNRELEASED)
    next_heading = re.compile(r"^## \[", re.M).search(text, body_start)
    links = re.compile(r"^\[[^\]]+\]:", re.M).search(text, body_start)
    ends = [m.start() for m in (next_heading, links) if m]
    body_end = min(ends) if ends else len(text)
    body = text[body_start:body_end].strip("\n")
    if not re.search(r"^\s*[-*] \S", body, re.M):
        raise ReleaseError(
            f"CHANGELOG.md: nothing under '{UNRELEASED}'; list the changes of {version} there before releasing"
        )
    section = f"{UNRELEASED}\n\n## [{version}] - {date}\n\n{body}\n\n"
    text = text[:start] + section + text[body_end:].lstrip("\n")
    # Link references, newest first: [unreleased] compares the new tag with HEAD.
    text = re.sub(r"^\[unreleased\]:.*\n?", "", text, flags=re.I | re.M).rstrip("\n") + "\n"
    compare = f"{url}/compare/v{previous}...v{version}" if previous else f"{url}/releases/tag/v{version}"
    new_links = f"[unreleased]: {url}/compare/v{version}...HEAD\n[{version}]: {compare}\n"
    first_link = re.compile(r"^\[[^\]]+\]:", re.M).search(text)
    if first_link:
        return text[: first_link.start()] + new_links + text[first_link.start() :]
    return text + "\n" + new_links


def bump(root: str | Path | None, version: str, date: str) -> list[str]:
    """Write ``version`` and ``date`` into every file that carries them; return those files.

    bump-my-version rewrites the version and the date in pyproject.toml, CITATION.cff and
    .zenodo.json (``[tool.bumpversion]`` in pyproject.toml); CHANGELOG.md is rewritten here. Every
    change is checked (the new changelog computed, bump-my-version run dry) before any file is
    written, so a refusal changes nothing.
    """
    root = _root(root)
    parse_version(version)
    url = repository_url(root)
    previous = [v for v in released_versions(root) if parse_version(v) < parse_version(version)]
    changelog = bump_changelog(
        (root / "CHANGELOG.md").read_text(encoding="utf-8"), version, date, url, previous[-1] if previous else None
    )
    command = [
        sys.executable,
        "-m",
        "bumpversion",
        "bump",
        "--config-file",
        str(root / "pyproject.toml"),
        "--current-version",
        project_version(root),
        "--new-version",
        version,
    ]
    env = {**os.environ, "RELEASE_DATE": date}
    for dry in (True, False):
        result = subprocess.run(
            command + (["--dry-run"] if dry else []), cwd=root, env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise ReleaseError(
                f"bump-my-version refused the bump to {version}: {(result.stderr or result.stdout).strip()[-1500:]}"
            )
    (root / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    return list(BUMPED)


def set_repository_url(root: str | Path | None, new_url: str) -> list[str]:
    """Change the repository URL in pyproject.toml and every file that repeats it."""
    root = _root(root)
    new_url = new_url.rstrip("/")
    if not re.match(r"^https://[\w.-]+/[\w.-]+/[\w.-]+$", new_url):
        raise ReleaseError(f"repository URL {new_url!r}: expected https://HOST/OWNER/NAME")
    old = repository_url(root)
    changed = []
    for name in ("pyproject.toml", "CITATION.cff", ".zenodo.json", "_config.yml", "README.md", "CHANGELOG.md"):
        file = root / name
        text = file.read_text(encoding="utf-8")
        if old in text:
            file.write_text(text.replace(old, new_url), encoding="utf-8")
            changed.append(name)
    return changed


# --------------------------------------------------------------------------- releasing


def _git(root: Path, *args: str, check: bool = True) -> str:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout if result.returncode == 0 else ""


def _dirty(root: Path) -> list[str]:
    return [line for line in _git(root, "status", "--porcelain").splitlines() if line.strip()]


def release(
    root: str | Path | None, version: str, *, date: str | None = None, test_command: str = "make test", log=print
) -> str:
    """Make release ``version``: checks, bump, tests, commit, annotated tag. Returns the tag."""
    root = _root(root)
    new = parse_version(version)
    date = date or _dt.date.today().isoformat()
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        raise ReleaseError(f"malformed release date {date!r}: expected YYYY-MM-DD") from None
    if not (root / ".git").exists():
        raise ReleaseError(f"{root} is not a git repository; a release is a tagged commit")

    dirty = _dirty(root)
    if dirty:
        raise ReleaseError(
            "the working tree is not clean; commit or remove these changes before releasing:\n  " + "\n  ".join(dirty)
        )
    current = project_version(root)
    released = released_versions(root)
    tag = f"v{version}"
    if released and new <= parse_version(released[-1]):
        raise ReleaseError(
            f"version {version} is not higher than the last release {released[-1]}; "
            f"choose a higher version (e.g. {released[-1]} -> {new_patch(released[-1])})"
        )
    if new < parse_version(current):
        raise ReleaseError(f"version {version} is lower than the current version {current} in pyproject.toml")
    if _git(root, "tag", "--list", tag).strip():
        raise ReleaseError(f"tag {tag} already exists")
    before = problems(root)
    if before:
        raise ReleaseError("the files disagree before the release:\n  " + "\n  ".join(before))

    log(f"release {tag}: bumping {current} -> {version}, dated {date}")
    files = bump(root, version, date)
    after = problems(root)
    if after:
        _git(root, "checkout", "--", *files)
        raise ReleaseError("after the bump the files still disagree (bump undone):\n  " + "\n  ".join(after))

    log(f"release {tag}: running the tests: {test_command}")
    result = subprocess.run(test_command, shell=True, cwd=root)
    if result.returncode != 0:
        _git(root, "checkout", "--", *files)
        raise ReleaseError(
            f"the tests failed (`{test_command}` exited with {result.returncode}); "
            f"the version bump was undone and nothing was committed or tagged"
        )
    changed_by_tests = [line for line in _dirty(root) if line[3:] not in files]
    if changed_by_tests:
        _git(root, "checkout", "--", *files)
        raise ReleaseError(
            "the tests changed files outside the release (bump undone, nothing committed):\n  "
            + "\n  ".join(changed_by_tests)
        )

    _git(root, "add", "--", *files)
    _git(root, "commit", "--quiet", "-m", f"Release {version}")
    notes = release_notes(root, version)
    _git(
        root,
        "tag",
        "--annotate",
        "--cleanup=verbatim",
        tag,
        "-m",
        f"Release {version} ({date})\n\n{notes}".rstrip() + "\n",
    )
    log(
        f"release {tag}: committed and tagged {_git(root, 'rev-parse', '--short', 'HEAD').strip()}; "
        f"publish with: git push origin HEAD {tag}"
    )
    return tag


# --------------------------------------------------------------------------- changed verdicts

LEDGER = "data/claims.csv"


def release_commit(root: str | Path | None, version: str) -> str:
    """The commit of release ``version``: its tag ``vX.Y.Z``, else the commit "Release X.Y.Z" that
    ``make release`` makes (a clone may lack the tags)."""
    root = _root(root)
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"v{version}^{{commit}}", check=False).strip()
    if not commit:
        commit = _git(
            root, "log", "--format=%H", "-n", "1", f"--grep=^Release {re.escape(version)}$", check=False
        ).strip()
    if not commit:
        raise ReleaseError(f"no tag v{version} and no commit 'Release {version}' in {root}")
    return commit


def claim_changes(root: str | Path | None, since: str) -> list[dict[str, str]]:
    """Claims of the ledger whose status differs between release ``since`` and the working tree, in
    ledger order: id, paraphrase, old and new status, the findings behind the new one."""
    import csv
    import io

    root = _root(root)
    old = {
        r["claim_id"]: r
        for r in csv.DictReader(io.StringIO(_git(root, "show", f"{release_commit(root, since)}:{LEDGER}")))
    }
    with open(root / LEDGER, encoding="utf-8", newline="") as handle:
        new = list(csv.DictReader(handle))
    return [
        {
            "claim_id": r["claim_id"],
            "paraphrase": r["paraphrase"],
            "old": old[r["claim_id"]]["status"] if r["claim_id"] in old else "new",
            "new": r["status"],
            "findings": r["findings"],
        }
        for r in new
        if r["claim_id"] not in old or old[r["claim_id"]]["status"] != r["status"]
    ]


def claim_changes_markdown(root: str | Path | None, since: str) -> str:
    """The changelog's list of changed verdicts, one line per claim (written by code, not by hand)."""
    changes = claim_changes(root, since)
    if not changes:
        return f"- No claim of the ledger changed its status since {since}.\n"
    return "".join(
        f"- {c['claim_id']} ({c['paraphrase'].rstrip('.')}): {c['old']} → {c['new']}"
        + (f" ({c['findings'].replace(';', ', ')})" if c["findings"] else "")
        + "\n"
        for c in changes
    )


def new_patch(version: str) -> str:
    major, minor, patch = parse_version(version)
    return f"{major}.{minor}.{patch + 1}"


def release_notes(root: str | Path | None, version: str) -> str:
    """The body of the CHANGELOG.md section of ``version``."""
    text = (_root(root) / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(version)}\] - [^\n]*\n(.*?)(?=^## \[|^\[[^\]]+\]:|\Z)", text, re.M | re.S)
    return match.group(1).strip() if match else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m heilongjiang_russia.dev.release",
        description="Make a release (what `make release VERSION=x.y.z` runs), or check or change "
        "the version and repository URL that the citation files repeat.",
    )
    parser.add_argument(
        "version", nargs="?", default=None, help="the version to release, MAJOR.MINOR.PATCH (e.g. 0.2.0)"
    )
    parser.add_argument("--root", default=None, help="repository root (default: this checkout)")
    parser.add_argument("--date", default=None, help="release date YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--test",
        dest="test_command",
        default=os.environ.get("RELEASE_TEST") or "make test",
        help="command that must pass before committing and tagging (default: $RELEASE_TEST, else make test)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only report whether every file agrees with pyproject.toml's version and URL",
    )
    parser.add_argument(
        "--claim-changes",
        metavar="VERSION",
        default=None,
        help="print the changelog lines for the claims whose ledger status changed since release VERSION",
    )
    parser.add_argument(
        "--set-url",
        metavar="URL",
        default=None,
        help="change the repository URL in pyproject.toml and every file that repeats it",
    )
    args = parser.parse_args(argv)
    try:
        if args.claim_changes:
            print(claim_changes_markdown(args.root, args.claim_changes), end="")
            return 0
        if args.set_url:
            changed = set_repository_url(args.root, args.set_url)
            print("updated: " + ", ".join(changed))
            return 0
        if args.check:
            found = problems(args.root)
            for line in found:
                print(f"error: {line}", file=sys.stderr)
            if not found:
                print(
                    f"version {project_version(args.root)}, repository {repository_url(args.root)}: every file agrees"
                )
            return 1 if found else 0
        release(args.root, args.version or "", date=args.date, test_command=args.test_command)
    except ReleaseError as exc:
        print(f"error: make release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
