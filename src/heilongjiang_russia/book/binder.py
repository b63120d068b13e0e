"""Binder on a release's tag: the launch buttons and the "How to cite" page run the cited version.

The book built from exactly a release launches Binder on its tag ``vX.Y.Z`` (:func:`binder_ref`); the
directive ``{binder-link}`` (:mod:`heilongjiang_russia.book.directives`) gives the cited version's
Binder address (:func:`binder_paragraph`).
"""

from __future__ import annotations

from pathlib import Path

from heilongjiang_russia import metadata


def binder_ref(root: str | Path, branch: str) -> str:
    """The git ref Binder launches: the tag ``vX.Y.Z`` when the book is built from exactly that release
    (HEAD carries the tag of the version in pyproject.toml), otherwise ``branch``."""
    return metadata.release_tag(root) or branch


def _binder_on_release(app, config) -> None:
    options = dict(config.html_theme_options or {})
    branch = options.get("repository_branch") or "main"
    options["repository_branch"] = binder_ref(app.srcdir, branch)
    config.html_theme_options = options
    config.html_context = {**(config.html_context or {}), "hljru_branch": branch}


def binder_url(repository: str, ref: str, hub: str = "https://mybinder.org") -> str:
    """``hub``'s launch address for a GitHub ``repository`` at ``ref``."""
    owner_repo = repository.rstrip("/").removeprefix("https://github.com/")
    return f"{hub.rstrip('/')}/v2/gh/{owner_repo}/{ref}"


def binder_paragraph(root: str | Path, repository: str, hub: str, branch: str) -> str:
    """MyST: where to run the cited version on Binder (its tag if it has been released)."""
    version = metadata.project_version(root)
    tag = f"v{version}"
    launch = binder_ref(root, branch)
    if version in metadata.released_versions(root):
        url = binder_url(repository, tag, hub)
        text = f"Version {version} runs on Binder from its release tag `{tag}`: <{url}>."
        if launch == tag:
            text += " The launch buttons of this book open the same tag."
        else:
            text += (
                f" This book was built from a later commit than that release, so its launch buttons "
                f"open `{launch}` instead: <{binder_url(repository, launch, hub)}>."
            )
    else:
        text = (
            f"Version {version} has not been released yet (there is no tag `{tag}`), so Binder can only run "
            f"the branch `{launch}`: <{binder_url(repository, launch, hub)}>; cite a released version "
            "for a result that others must be able to re-run."
        )
    return text


def setup(app):
    app.connect("config-inited", _binder_on_release)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
