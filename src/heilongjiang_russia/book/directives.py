"""The pages computed at every build, as directives.

* ``{highlights}``: the landing page's list of results (:mod:`heilongjiang_russia.book.highlights`);
* ``{build-provenance}``: the reproducibility appendix (:mod:`heilongjiang_russia.pipeline.provenance`);
* ``{binder-link}``: where to run the cited version on Binder (:mod:`heilongjiang_russia.book.binder`).
"""

from __future__ import annotations

from pathlib import Path

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute, provenance

from . import highlights
from .binder import binder_paragraph


def _nested(directive, text: str, inputs: list[Path] | None = None):
    """``text`` (MyST) parsed in place of ``directive``. The page is read again when one of ``inputs``
    changes, or on every build when its inputs are not listed (git state, the time of a run)."""
    from docutils import nodes
    from docutils.statemachine import StringList

    container = nodes.container()
    directive.state.nested_parse(
        StringList(text.splitlines(), source=directive.env.docname), directive.content_offset, container
    )
    if inputs is None:
        directive.env.note_reread()
    for path in inputs or ():
        directive.env.note_dependency(str(path))
    return container.children


def highlights_inputs() -> list[Path]:
    """What the landing page's highlights are computed from: the data and the package's code."""
    package = Path(__file__).parents[1]  # the whole package, not only book/
    return sorted(p for p in (*paths.DATA.rglob("*"), *package.rglob("*.py")) if p.is_file())


def setup(app):
    from sphinx.util.docutils import SphinxDirective

    class Highlights(SphinxDirective):
        """The landing page's list of highlights, computed by :func:`heilongjiang_russia.book.highlights.highlights`."""

        def run(self):
            return _nested(self, highlights.highlights_myst(), inputs=highlights_inputs())

    class BuildProvenance(SphinxDirective):
        """The reproducibility page: Python, pinned packages, data checksums, commit, execution times."""

        def run(self):
            root = Path(self.env.srcdir)
            options = self.config.html_theme_options or {}
            docnames = execute.toc_docnames(root / "_toc.yml")
            html = self.env.app.builder.format == "html"
            return _nested(self, provenance.page_myst(root, docnames, options.get("repository_url"), tables=html))

    class BinderLink(SphinxDirective):
        """Where to run the cited version on Binder."""

        def run(self):
            options = self.config.html_theme_options or {}
            launch = options.get("launch_buttons") or {}
            root = Path(self.env.srcdir)
            branch = (self.config.html_context or {}).get("hljru_branch") or "main"
            return _nested(
                self,
                binder_paragraph(
                    root,
                    options.get("repository_url", ""),
                    launch.get("binderhub_url") or "https://mybinder.org",
                    branch,
                ),
            )

    app.add_directive("highlights", Highlights)
    app.add_directive("build-provenance", BuildProvenance)
    app.add_directive("binder-link", BinderLink)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
