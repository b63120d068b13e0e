"""A patch of a private Sphinx API, kept apart so that it is dropped as soon as it is not needed.

sphinx-thebe 0.3.1 registers its inline configuration script from an ``env-before-read-docs`` handler;
under Sphinx 7.4 every page then declares ``const THEBE_JS_URL`` twice and the browser raises
``Identifier 'THEBE_JS_URL' has already been declared``. :func:`normalise_inline_scripts` repairs it
through ``sphinx.builders.html._assets._JavaScript``, which is private.
``tests/book/test_reader_book.py::test_the_thebe_patch_is_still_needed`` builds a page without the patch
and fails once Sphinx or sphinx-thebe no longer duplicate the script: then delete this module and its
line in :mod:`heilongjiang_russia.book.reader`.
"""

from __future__ import annotations


def normalise_inline_scripts(app, env=None, docnames=None) -> None:
    """Make an inline script added while documents are read equal to its later re-registration.

    sphinx-thebe registers its inline configuration script with ``app.add_js_file(None, body=...)``
    from an ``env-before-read-docs`` handler. Sphinx 7.4 hands it to the running HTML builder
    with the file name ``None`` and, before writing, re-adds every registered script with the
    file name ``''``; ``None != ''``, so its de-duplication misses the pair and each page declares
    ``const THEBE_JS_URL`` twice. Renaming the first copy to ``''`` lets Sphinx de-duplicate.
    """
    files = getattr(app.builder, "_js_files", None)
    if not files:
        return
    from sphinx.builders.html._assets import _JavaScript

    for i, asset in enumerate(files):
        if isinstance(asset, _JavaScript) and asset.filename is None:
            files[i] = _JavaScript("", priority=asset.priority, **asset.attributes)


def setup(app):
    # after sphinx-thebe's own env-before-read-docs handler (default priority 500)
    app.connect("env-before-read-docs", normalise_inline_scripts, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
