"""A released version's book launches Binder on its tag, and "How to cite" gives the Binder link of the
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
def test_binder_follows_the_release_tag_and_only_on_the_tagged_commit(tmp_path):
    repo = clone_repository(tmp_path / "clone")
    with_unreleased_entry(repo)
    assert _launch_ref(repo) == "main", "an untagged commit must launch the branch"
    version = next_minor(
        max([metadata.project_version(repo), *metadata.released_versions(repo)], key=metadata.parse_version)
    )
    result = make_release(repo, version)
    assert result.returncode == 0, result.stdout + result.stderr
    tag = f"v{version}"

    assert metadata.release_tag(repo) == tag
    assert _launch_ref(repo) == tag
    text = binder.binder_paragraph(repo, REPOSITORY, "https://mybinder.org", "main")
    assert f"<https://mybinder.org/v2/gh/song-2019-compendium/heilongjiang-russia/{tag}>" in text
    assert "launch buttons of this book open the same tag" in text

    # an edit to a tracked file: the build is no longer the release
    (repo / "README.md").write_text("changed\n", encoding="utf-8")
    assert metadata.release_tag(repo) is None and _launch_ref(repo) == "main"
    git(repo, "commit", "--quiet", "-am", "After the release")
    assert _launch_ref(repo) == "main"
    later = binder.binder_paragraph(repo, REPOSITORY, "https://mybinder.org", "main")
    # the cited version is still the release: its tag, and the honest note that this build is later
    assert f"/{tag}>" in later and "later commit than that release" in later and "/main>" in later


def test_an_unreleased_version_offers_the_branch_and_says_so(tmp_path):
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
    text = binder.binder_paragraph(repo, REPOSITORY, "https://mybinder.org", "main")
    assert f"Version {version} has not been released yet (there is no tag `v{version}`)" in text
    assert "/v2/gh/song-2019-compendium/heilongjiang-russia/main>" in text
