"""The HTML book's download menu: what it offers, under its own name.

* the page's own source under a plain name, never the theme's ``window.print()`` entry labelled ".pdf"
  (:func:`_honest_download_menu`);
* the whole book as a PDF, but only when ``make pdf`` has built one at least as new as the book's
  sources (:func:`fresh_pdf`), copied to ``_build/html/book.pdf``. ``make book`` needs no TeX: an HTML
  build without a fresh PDF has no such entry, rather than a broken one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PDF_NAME = "book.pdf"  # latex_documents.targetname book.tex in _config.yml
DOWNLOAD_NAMES = {".ipynb": "this page as a notebook (.ipynb)", ".md": "this page's source (.md)"}


def fresh_pdf(outdir: str | Path, sources: list[Path]) -> Path | None:
    """``<build>/latex/book.pdf`` next to the HTML output folder ``outdir``, if it exists and is
    at least as new as every file in ``sources``; otherwise None (a stale PDF is not offered)."""
    pdf = Path(outdir).parent / "latex" / PDF_NAME
    if not pdf.is_file():
        return None
    newest = max((s.stat().st_mtime for s in sources if s.is_file()), default=0.0)
    return pdf if pdf.stat().st_mtime >= newest else None


def _sources(app) -> list[Path]:
    root = Path(app.srcdir)
    docs = [Path(app.env.doc2path(doc)) for doc in app.env.found_docs]
    return docs + [root / name for name in ("_config.yml", "_toc.yml", "references.bib")]


def _find_pdf(app, env, added, changed, removed) -> list[str]:
    """Decide whether this HTML build offers the PDF; when that changes since the last build
    (``make book`` then ``make pdf``), every page is rewritten, not only the edited ones."""
    before = getattr(env, "hljru_pdf", None)
    env.hljru_pdf = fresh_pdf(app.outdir, _sources(app)) if app.builder.format == "html" else None
    if (before is None) != (env.hljru_pdf is None):
        return sorted(env.found_docs)
    return []


def _offer_pdf(app, pagename, templatename, context, doctree) -> None:
    if not getattr(app.env, "hljru_pdf", None):
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](PDF_NAME, 1),
                    "text": "whole book (PDF)",
                    "tooltip": "Download the whole book as a PDF",
                    "icon": "fas fa-book",
                    "label": "download-book-pdf-button",
                }
            )


def _copy_pdf(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    pdf = getattr(app.env, "hljru_pdf", None)
    copy = Path(app.outdir) / PDF_NAME
    if pdf:
        shutil.copy2(pdf, copy)
    elif copy.exists():  # a stale PDF is neither linked nor left to be found
        copy.unlink()


def _honest_download_menu(app, pagename, templatename, context, doctree) -> None:
    """The download menu offers what exists under its own name: the page's source, and the whole book
    as a PDF only when one was built (never the browser's print of one page)."""
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        buttons = [b for b in group["buttons"] if b.get("label") != "download-pdf-button"]
        for button in buttons:
            if button.get("label") in ("download-source-button", "download-notebook-button"):
                button["text"] = DOWNLOAD_NAMES.get(button.get("text"), f"this page's source ({button.get('text')})")
        group["buttons"] = buttons


def setup(app):
    app.connect("env-get-outdated", _find_pdf)
    # after sphinx-book-theme has assembled the header buttons (priority 501)
    app.connect("html-page-context", _honest_download_menu, priority=800)
    app.connect("html-page-context", _offer_pdf, priority=900)
    app.connect("build-finished", _copy_pdf)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
