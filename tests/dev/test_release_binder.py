"""A book launches Binder on the commit it was built from, and "How to cite" names the release commit of the
cited version: exercised with `make release` on a temporary clone (as tests/dev/test_release.py does)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from test_release import clone_repository, git, make_release, next_minor, with_unreleased_entry

from heilongjiang_russia import metadata
from heilongjiang_russia.book import binder

REPOSITORY = "https://github.com/song-2019-compendium/heilongjiang-russia"


def _launch_ref(root) -> str:
    """What the book's configuration hands the theme's launch buttons for a build of ``root``."""
    config = SimpleNamespace(
        html_theme_options={"repository_branch": "main", "repository_url": REPOSITORY}, html_context={}
    )
    binder._binder_on_release(SimpleNamespace(srcdir=str(root)), config)
    assert config.html_context["hljru_branch"] == "main"
    return config.html_theme_options["repository_branch"]


@pytest.mark.slow  # a whole release in a clone: bump, commit, tag
def test_binder_runs_the_built_commit_and_how_to_cite_names_the_release_commit(tmp_path):
    repo = clone_repository(tmp_path / "clone")
    with_unreleased_entry(repo)
    assert _launch_ref(repo) == git(repo, "rev-parse", "HEAD").strip()
    version = next_minor(
        max([metadata.project_version(repo), *metadata.released_versions(repo)], key=metadata.parse_version)
    )
    result = make_release(repo, version)
    assert result.returncode == 0, result.stdout + result.stderr
    release = git(repo, "rev-parse", "HEAD").strip()
    assert _launch_ref(repo) == release  # the release commit itself, not its tag
    text = binder.binder_paragraph(repo, REPOSITORY, "https://mybinder.org", "main")
    assert f"Version {version} was released in commit `{release}`, the commit this book was built from" in text
    assert f"<https://mybinder.org/v2/gh/song-2019-compendium/heilongjiang-russia/{release}>" in text

    # the tag is not published: a clone without tags still finds the release commit by its message
    git(repo, "tag", "-d", f"v{version}")
    assert metadata.release_commit(repo, version) == release

    git(repo, "commit", "--quiet", "--allow-empty", "-m", "After the release")
    later = git(repo, "rev-parse", "HEAD").strip()
    assert _launch_ref(repo) == later
    text = binder.binder_paragraph(repo, REPOSITORY, "https://mybinder.org", "main")
    assert f"released in commit `{release}`" in text and f"/{release}>" in text
    assert f"a later commit, `{later}`" in text and f"/{later}>" in text


def test_an_unreleased_version_says_so_and_runs_the_built_commit(tmp_path):
    repo = clone_repository(tmp_path / "clone")
    version = next_minor(
        max([metadata.project_version(repo), *metadata.released_versions(repo)], key=metadata.parse_version)
    )
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            f'version = "{metadata.project_version(repo)}"', f'version = "{version}"', 1
        ),
        encoding="utf-8",
    )
    head = git(repo, "rev-parse", "HEAD").strip()
    text = binder.binder_paragraph(repo, REPOSITORY, "https://mybinder.org", "main")
    assert f"Version {version} has not been released yet, so this book was built from `{head}`" in text
    assert f"/v2/gh/song-2019-compendium/heilongjiang-russia/{head}>" in text


def test_a_copy_without_history_launches_the_commit_it_was_exported_from(tmp_path, monkeypatch):
    monkeypatch.setenv(metadata.COMMIT_ENV, "0123456789abcdef0123456789abcdef01234567")
    (tmp_path / "pyproject.toml").write_text('[project]\nversion = "9.9.9"\n', encoding="utf-8")
    assert binder.binder_ref(tmp_path, "main") == "0123456789abcdef0123456789abcdef01234567"
    monkeypatch.delenv(metadata.COMMIT_ENV)
    assert binder.binder_ref(tmp_path, "main") == "main"
