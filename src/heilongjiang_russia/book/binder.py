"""Binder on the book's own commit: the launch buttons and the "How to cite" page run what was cited.

Every build launches Binder on the commit it was built from (:func:`binder_ref`), a ref that exists
wherever the branch is published (tags stay on the machine that made them). The directive
``{binder-link}`` (:mod:`heilongjiang_russia.book.directives`) names the version, the commit it was
released in and the commit of this build, with their Binder addresses (:func:`binder_paragraph`).
"""

from __future__ import annotations

from pathlib import Path

from heilongjiang_russia import metadata


def binder_ref(root: str | Path, branch: str) -> str:
    """The git ref Binder launches: the commit the book is built from (it exists wherever the branch is
    published; a tag may not be), else ``branch`` when no commit is known."""
    return metadata.head_commit(root) or branch


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
    """MyST: the version, the commit it was released in and the one this book was built from, each with
    where to run it on Binder (a commit is a ref that exists wherever the branch is published)."""
    version = metadata.project_version(root)
    head = binder_ref(root, branch)
    released = metadata.release_commit(root, version) if version in metadata.released_versions(root) else None
    built = f"`{head}`" if head != branch else f"the branch `{branch}` (the commit is unknown to this build)"
    run = f"<{binder_url(repository, head, hub)}>"
    if released and released == head:
        return f"Version {version} was released in commit `{released}`, the commit this book was built from; Binder runs it: {run}."
    if released:
        return (
            f"Version {version} was released in commit `{released}`; Binder runs it: "
            f"<{binder_url(repository, released, hub)}>. This book was built from a later commit, {built}, which "
            f"its launch buttons run: {run}."
        )
    return (
        f"Version {version} has not been released yet, so this book was built from {built}, which its launch "
        f"buttons run: {run}; cite a released version for a result that others must be able to re-run."
    )


def setup(app):
    app.connect("config-inited", _binder_on_release)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
