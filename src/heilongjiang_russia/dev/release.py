"""Releases of the compendium, and the agreement of the files that repeat its version and address.

The version and the repository URL have one source each, ``pyproject.toml``, read by
:mod:`heilongjiang_russia.metadata`. ``CITATION.cff``, ``.zenodo.json``, ``CHANGELOG.md``,
``_config.yml`` and ``README.md`` repeat them; :func:`problems` lists every place that disagrees.

``python -m heilongjiang_russia.dev.release VERSION`` (what ``make release VERSION=x.y.z`` runs) hands
the release to bump-my-version (``[tool.bumpversion]`` in ``pyproject.toml``): it rewrites the version
and the date in the citation files, turns the changelog's [Unreleased] entries into the dated release,
runs the tests (its pre-commit hook), commits "Release x.y.z" and makes the annotated tag ``vx.y.z``.
What stays here is what bump-my-version cannot do, each with the reason on its line. Exit status:
0 released, 1 refused or tests failed, 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from heilongjiang_russia import metadata
from heilongjiang_russia.metadata import (
    RELEASE_HEADING,
    MetadataError,
    parse_version,
    project_version,
    pyproject,
    released_versions,
    repository_url,
    root_of,
)

UNRELEASED = "## [Unreleased]"


class ReleaseError(MetadataError):
    """A release refused, with the reason and what to do about it."""


def bumped_files(root: str | Path | None = None) -> list[str]:
    """The files bump-my-version rewrites (``[[tool.bumpversion.files]]``), relative to the root."""
    return sorted({f["filename"] for f in pyproject(root)["tool"]["bumpversion"]["files"]})


# --------------------------------------------------------------------------- agreement
# bump-my-version rewrites versions; whether the citation files, the book's configuration and the
# README agree on the version and the repository address is checked here.


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
    dated = RELEASE_HEADING.findall(changelog)
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
    root = root_of(root)
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


def unreleased_notes(changelog: str) -> str:
    """The entries under ``## [Unreleased]``; refused when there are none (bump-my-version would date an
    empty release: it replaces text, it does not read what a section holds)."""
    start = changelog.find(UNRELEASED)
    if start < 0:
        raise ReleaseError(f"CHANGELOG.md: no '{UNRELEASED}' section to release")
    end = re.compile(r"^## \[|^\[[^\]]+\]:", re.M).search(changelog, start + len(UNRELEASED))
    body = changelog[start + len(UNRELEASED) : end.start() if end else len(changelog)].strip("\n")
    if not re.search(r"^\s*[-*] \S", body, re.M):
        raise ReleaseError(f"CHANGELOG.md: nothing under '{UNRELEASED}'; list the changes there before releasing")
    return body


def _bump_my_version(root: Path, version: str, env: dict[str, str], *, dry: bool, release: bool) -> None:
    """Run bump-my-version to ``version`` in ``root``: rewrite only, or (``release``) also test, commit and tag."""
    command = [sys.executable, "-m", "bumpversion", "bump", "--config-file", str(root / "pyproject.toml")]
    command += ["--current-version", project_version(root), "--new-version", version]
    command += ([] if release else ["--no-commit", "--no-tag"]) + (["--dry-run"] if dry else [])
    result = subprocess.run(command, cwd=root, env={**os.environ, **env}, capture_output=True, text=True)
    if result.returncode != 0:
        said = (result.stderr + result.stdout).strip()[-2500:]
        raise ReleaseError(f"bump-my-version {'refused' if dry else 'stopped at'} the bump to {version}: {said}")


def _env(root: Path, date: str, tests: str) -> dict[str, str]:
    """What bump-my-version's configuration reads from the environment."""
    return {
        "RELEASE_DATE": date,
        # the tag message is the changelog entry
        "RELEASE_NOTES": unreleased_notes((root / "CHANGELOG.md").read_text(encoding="utf-8")),
        # the pre-commit hook runs this command line on the bumped tree
        "RELEASE_TEST": tests,
        # git tag drops the lines of a message that start with its comment character, '#' (the entry's
        # "### Added" headings): moved to ';' for bump-my-version's git commands
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "core.commentChar",
        "GIT_CONFIG_VALUE_0": ";",
    }


def bump(root: str | Path | None, version: str, date: str) -> list[str]:
    """Write ``version`` and ``date`` into every file that carries them (bump-my-version, no commit, no
    tests); return those files. bump-my-version runs dry first, so a refusal changes nothing."""
    root = root_of(root)
    parse_version(version)
    env = _env(root, date, "true")  # rewriting only: the tests are release()'s
    for dry in (True, False):
        _bump_my_version(root, version, env, dry=dry, release=False)
    return bumped_files(root)


def set_repository_url(root: str | Path | None, new_url: str) -> list[str]:
    """Change the repository URL in pyproject.toml and every file that repeats it (bump-my-version rewrites
    versions, not addresses)."""
    root = root_of(root)
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


def _refusals(root: Path, version: str, date: str) -> None:
    """Refuse, before anything is written, a release that bump-my-version would make."""
    if not version:
        raise ReleaseError("no version given: run `make release VERSION=x.y.z`, e.g. VERSION=0.2.0")
    new = parse_version(version)
    try:  # bump-my-version writes RELEASE_DATE as it is
        _dt.date.fromisoformat(date)
    except ValueError:
        raise ReleaseError(f"malformed release date {date!r}: expected YYYY-MM-DD") from None
    if not (root / ".git").exists():  # bump-my-version would rewrite the files and silently commit nothing
        raise ReleaseError(f"{root} is not a git repository; a release is a tagged commit")
    # bump-my-version ignores untracked files, which the tests would see and the release would not hold
    dirty = _dirty(root)
    if dirty:
        raise ReleaseError(
            "the working tree is not clean; commit or remove these changes before releasing:\n  " + "\n  ".join(dirty)
        )
    # bump-my-version knows the current version only, not the releases in the changelog and the tags
    released = released_versions(root)
    if released and new <= parse_version(released[-1]):
        raise ReleaseError(
            f"version {version} is not higher than the last release {released[-1]}; "
            f"choose a higher version (e.g. {released[-1]} -> {new_patch(released[-1])})"
        )
    current = project_version(root)
    if new <= parse_version(current):  # bump-my-version would go down, or do nothing
        raise ReleaseError(f"version {version} is not higher than the current version {current} in pyproject.toml")
    if _git(root, "tag", "--list", f"v{version}").strip():  # bump-my-version would find out after the tests
        raise ReleaseError(f"tag v{version} already exists")
    # bump-my-version rewrites what it finds; that the files agreed before is checked here
    before = problems(root)
    if before:
        raise ReleaseError("the files disagree before the release:\n  " + "\n  ".join(before))


def _undo(root: Path, head: str, tag: str, files: list[str]) -> None:
    """Back to ``head`` with the bumped files as they were (bump-my-version has no rollback)."""
    if _git(root, "tag", "--list", tag).strip():
        _git(root, "tag", "--delete", tag)
    _git(root, "reset", "--quiet", "--keep", head)
    _git(root, "checkout", "--", *files)


def release(
    root: str | Path | None, version: str, *, date: str | None = None, test_command: str = "make test", log=print
) -> str:
    """Make release ``version``: refusals, then bump-my-version (bump, tests, commit, annotated tag). Returns the tag."""
    root = root_of(root)
    date = date or _dt.date.today().isoformat()
    _refusals(root, version, date)
    tag, files, head = f"v{version}", bumped_files(root), _git(root, "rev-parse", "HEAD").strip()
    env = _env(root, date, test_command)
    _bump_my_version(root, version, env, dry=True, release=True)  # a file it cannot bump refuses here
    log(f"release {tag}: bump-my-version {project_version(root)} -> {version}, dated {date}; tests: {test_command}")
    try:
        _bump_my_version(root, version, env, dry=False, release=True)
    except ReleaseError as exc:
        _undo(root, head, tag, files)
        raise ReleaseError(
            f"the tests (`{test_command}`) or the commit failed; the version bump was undone and nothing was "
            f"committed or tagged. {exc}"
        ) from None
    # bump-my-version commits its own files only: a file the tests changed would be left out of the release
    after = problems(root) + [f"changed by the tests: {line}" for line in _dirty(root)]
    if after:
        _undo(root, head, tag, files)
        raise ReleaseError(
            "the release is not what was tested (bump undone, nothing committed):\n  " + "\n  ".join(after)
        )
    log(
        f"release {tag}: committed and tagged {_git(root, 'rev-parse', '--short', 'HEAD').strip()}; "
        f"publish with: git push origin HEAD {tag}"
    )
    return tag


# --------------------------------------------------------------------------- changed verdicts
# The changelog's list of changed verdicts is the claims ledger's diff against a release: no version string.

LEDGER = "data/claims.csv"


def release_commit(root: str | Path | None, version: str) -> str:
    """The commit of release ``version`` (:func:`metadata.release_commit`), or a :class:`ReleaseError`."""
    commit = metadata.release_commit(root_of(root), version)
    if not commit:
        raise ReleaseError(f"no tag v{version} and no commit 'Release {version}' in {root_of(root)}")
    return commit


def claim_changes(root: str | Path | None, since: str) -> list[dict[str, str]]:
    """Claims of the ledger whose status differs between release ``since`` and the working tree, in
    ledger order: id, paraphrase, old and new status, the findings behind the new one."""
    import csv
    import io

    root = root_of(root)
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
    except MetadataError as exc:
        print(f"error: make release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
