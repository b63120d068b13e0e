"""`make release VERSION=x.y.z`, exercised on a temporary clone of the repository.

A full `make test` inside the clone would take minutes, so the release's test step is
overridden (RELEASE_TEST) with a quick check that the bump is already in place when the tests
run; the real default is `make test`. These tests take a few seconds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from heilongjiang_russia import metadata, paths
from heilongjiang_russia.dev import release

VENV = Path(sys.executable).parent.parent
IDENTITY = {
    "GIT_AUTHOR_NAME": "Release test",
    "GIT_AUTHOR_EMAIL": "release-test@invalid",
    "GIT_COMMITTER_NAME": "Release test",
    "GIT_COMMITTER_EMAIL": "release-test@invalid",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env={**os.environ, **IDENTITY}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def clone_repository(dest: Path) -> Path:
    """The committed state of this repository in ``dest`` (a git clone, or a fresh repo from a copy)."""
    if (paths.ROOT / ".git").exists():
        result = subprocess.run(["git", "clone", "--quiet", str(paths.ROOT), str(dest)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    else:  # a source archive: make it a repository
        shutil.copytree(
            paths.ROOT,
            dest,
            ignore=shutil.ignore_patterns(
                ".venv", "_build", "*.egg-info", "test-artifacts", ".pytest_cache", "__pycache__"
            ),
        )
        git(dest, "init", "--quiet")
        git(dest, "add", "--all")
        git(dest, "commit", "--quiet", "-m", "snapshot")
    return dest


def with_unreleased_entry(repo: Path) -> None:
    """Make sure CHANGELOG.md has something under [Unreleased] (committed), as before any release."""
    file = repo / "CHANGELOG.md"
    text = file.read_text(encoding="utf-8")
    if not re.search(r"## \[Unreleased\]\n\n###", text):
        file.write_text(
            text.replace("## [Unreleased]\n", "## [Unreleased]\n\n### Fixed\n\n- A test entry.\n", 1), encoding="utf-8"
        )
        git(repo, "commit", "--quiet", "-am", "Changelog entry for the release test")


def make_release(repo: Path, version: str, test: str = "true", date: str = "2030-04-05") -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "release",
            f"VERSION={version}",
            f"VENV={VENV}",
            f"RELEASE_TEST={test}",
            f"RELEASE_DATE={date}",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, **IDENTITY},
    )


def next_minor(version: str) -> str:
    major, minor, _ = metadata.parse_version(version)
    return f"{major}.{minor + 1}.0"


@pytest.fixture
def repo(tmp_path) -> Path:
    clone = clone_repository(tmp_path / "clone")
    with_unreleased_entry(clone)
    return clone


@pytest.fixture(scope="module")
def refusing_repo(tmp_path_factory) -> Path:
    """One clone shared by the tests of releases that are refused before anything is written (each
    test checks that the clone is left as it was, so the next one sees it unchanged)."""
    clone = clone_repository(tmp_path_factory.mktemp("refusals") / "clone")
    with_unreleased_entry(clone)
    return clone


@pytest.mark.slow  # a whole release in a clone: bump, commit, tag
def test_release_bumps_everything_dates_the_changelog_runs_the_tests_and_tags(repo, tmp_path):
    version = next_minor(
        max([metadata.project_version(repo), *metadata.released_versions(repo)], key=metadata.parse_version)
    )
    marker = tmp_path / "tests-ran"
    # The test step must see the bumped tree: it checks pyproject.toml, then leaves a marker outside the repo.
    test = f"grep -q '^version = \"{version}\"' pyproject.toml && touch {marker}"
    result = make_release(repo, version, test)
    assert result.returncode == 0, result.stdout + result.stderr
    assert marker.exists(), "the release did not run RELEASE_TEST after the bump"

    assert metadata.project_version(repo) == version
    cff = yaml.safe_load((repo / "CITATION.cff").read_text(encoding="utf-8"))
    assert (cff["version"], cff["date-released"]) == (version, "2030-04-05")
    zenodo = json.loads((repo / ".zenodo.json").read_text(encoding="utf-8"))
    assert (zenodo["version"], zenodo["publication_date"]) == (version, "2030-04-05")
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [Unreleased]\n\n## [{version}] - 2030-04-05\n" in changelog
    url = metadata.repository_url(repo)
    assert f"[unreleased]: {url}/compare/v{version}...HEAD" in changelog
    assert release.problems(repo) == []

    assert git(repo, "status", "--porcelain") == "", "the release left uncommitted changes"
    assert git(repo, "log", "-1", "--format=%s").strip() == f"Release {version}"
    assert git(repo, "cat-file", "-t", f"v{version}").strip() == "tag", "not an annotated tag"
    assert git(repo, "rev-parse", f"v{version}^{{commit}}") == git(repo, "rev-parse", "HEAD")
    message = git(repo, "tag", "-l", "--format=%(contents)", f"v{version}")
    assert message.startswith(f"Release {version} (2030-04-05)")
    assert "### " in message and "- " in message, "the tag message should carry the changelog entry"

    again = make_release(repo, version)
    assert again.returncode != 0
    assert f"version {version} is not higher than the last release {version}" in again.stderr


@pytest.mark.parametrize("bad", ["1.2", "v1.2.3", "01.2.3", "1.2.3-rc1", "1.2.x"])
def test_a_malformed_version_is_refused_and_nothing_changes(refusing_repo, bad):
    before = git(refusing_repo, "rev-parse", "HEAD")
    result = make_release(refusing_repo, bad)
    assert result.returncode != 0
    assert f"malformed version '{bad}': expected MAJOR.MINOR.PATCH" in result.stderr
    assert git(refusing_repo, "status", "--porcelain") == "" and git(refusing_repo, "rev-parse", "HEAD") == before
    assert git(refusing_repo, "tag", "--list", f"v{bad}") == ""


def test_a_missing_version_says_how_to_give_one(refusing_repo):
    result = make_release(refusing_repo, "")
    assert result.returncode != 0
    assert "no version given: run `make release VERSION=x.y.z`" in result.stderr


def test_a_lower_version_is_refused(refusing_repo):
    result = make_release(refusing_repo, "0.0.0")
    assert result.returncode != 0
    assert re.search(
        r"version 0\.0\.0 is (lower than the current version|not higher than the last release)", result.stderr
    ), result.stderr
    assert git(refusing_repo, "status", "--porcelain") == ""


def test_a_dirty_tree_is_refused_naming_the_files(repo):
    (repo / "README.md").write_text("changed\n", encoding="utf-8")
    (repo / "stray.txt").write_text("new\n", encoding="utf-8")
    result = make_release(repo, next_minor(metadata.project_version(repo)))
    assert result.returncode != 0
    assert "the working tree is not clean" in result.stderr
    assert " M README.md" in result.stderr and "?? stray.txt" in result.stderr
    assert 'version = "' + metadata.project_version(repo) + '"' in (repo / "pyproject.toml").read_text()


@pytest.mark.slow  # a release in a clone, bumped and undone
def test_failing_tests_undo_the_bump_and_make_no_tag(repo):
    version = next_minor(metadata.project_version(repo))
    head = git(repo, "rev-parse", "HEAD")
    result = make_release(repo, version, test="exit 3")
    assert result.returncode != 0
    assert "the tests (`exit 3`) or the commit failed; the version bump was undone" in result.stderr
    assert "exited with 3" in result.stderr  # bump-my-version's report of its pre-commit hook
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "tag", "--list", f"v{version}") == ""


def test_a_release_needs_changelog_entries(repo):
    file = repo / "CHANGELOG.md"
    text = file.read_text(encoding="utf-8")
    start = text.index("## [Unreleased]") + len("## [Unreleased]")
    end = min(m.start() for m in [re.compile(r"^## \[\d|^\[[^\]]+\]:", re.M).search(text, start)] if m)
    file.write_text(text[:start] + "\n\n" + text[end:], encoding="utf-8")
    git(repo, "commit", "--quiet", "-am", "empty unreleased section")
    result = make_release(repo, next_minor(metadata.project_version(repo)))
    assert result.returncode != 0
    assert "CHANGELOG.md: nothing under '## [Unreleased]'" in result.stderr
    assert git(repo, "status", "--porcelain") == ""


def test_parse_version_accepts_only_major_minor_patch():
    assert metadata.parse_version("0.10.2") == (0, 10, 2)
    assert metadata.parse_version("0.10.2") > metadata.parse_version("0.9.9")
    for bad in ("", "1", "1.2", "v1.2.3", "1.2.3.4", "1.02.3", " 1.2.3"):
        with pytest.raises(metadata.MetadataError):
            metadata.parse_version(bad)


@pytest.mark.slow  # runs bump-my-version
def test_the_bump_is_bump_my_versions_and_refuses_before_writing(tmp_path):
    """bump-my-version ([tool.bumpversion] in pyproject.toml) rewrites the version files and the changelog; a
    file it cannot bump stops the release before anything, CHANGELOG.md included, is written."""
    for name in ("pyproject.toml", "CITATION.cff", ".zenodo.json", "CHANGELOG.md", "README.md", "_config.yml"):
        shutil.copy2(paths.ROOT / name, tmp_path / name)
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8").replace(
            "## [Unreleased]\n", "## [Unreleased]\n\n### Fixed\n\n- An entry.\n", 1
        ),
        encoding="utf-8",
    )
    config = metadata.pyproject(tmp_path)["tool"]["bumpversion"]
    assert {f["filename"] for f in config["files"]} == {
        "pyproject.toml",
        "CITATION.cff",
        ".zenodo.json",
        "CHANGELOG.md",
    }
    assert (config["commit"], config["tag"], config["tag_name"]) == (True, True, "v{new_version}")
    cff = tmp_path / "CITATION.cff"
    cff.write_text(
        re.sub(r'^version: ".*"$', 'version: "9.9.9"', cff.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(release.ReleaseError, match=r"bump-my-version refused the bump to 7\.0\.0"):
        release.bump(tmp_path, "7.0.0", "2030-01-02")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
