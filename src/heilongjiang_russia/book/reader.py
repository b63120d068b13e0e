"""The Sphinx extension for what the reader gets: loads the book's parts, one module per concern.

Loaded through ``sphinx: extra_extensions`` in ``_config.yml`` (next to ``sphinxext``, which sets the
version and the citation). Each part is a Sphinx extension of its own:

* :mod:`~heilongjiang_russia.book.downloads`: the download menu, honest, and the PDF when one was built;
* :mod:`~heilongjiang_russia.book.pdf`: the LaTeX edition (repository links, long tables, web addresses);
* :mod:`~heilongjiang_russia.book.images`: figures light, legible and keyboard-reachable in the HTML;
* :mod:`~heilongjiang_russia.book.binder`: Binder on a release's tag;
* :mod:`~heilongjiang_russia.book.directives`: ``{highlights}``, ``{build-provenance}``, ``{binder-link}``;
* :mod:`~heilongjiang_russia.book.thebe_patch`: a private-API repair, with a test that says when to drop it.
"""

from __future__ import annotations

# the names tests/book/test_browser.py and tests/test_binder.py read here
from .binder import binder_ref
from .downloads import PDF_NAME, fresh_pdf
from .images import _myst_nb_bytes, png_for_svg

__all__ = ["PDF_NAME", "_myst_nb_bytes", "binder_ref", "fresh_pdf", "png_for_svg"]

PARTS = ("binder", "images", "downloads", "directives", "thebe_patch", "pdf")


def setup(app):
    for part in PARTS:
        app.setup_extension(f"{__package__}.{part}")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
