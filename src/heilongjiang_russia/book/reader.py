"""A Sphinx extension for what the reader gets: a clean HTML book that offers the PDF.

Loaded through ``sphinx: extra_extensions`` in ``_config.yml`` (next to ``sphinxext``, which
sets the version). It

* removes the duplicated sphinx-thebe configuration script at its cause (see
  :func:`normalise_inline_scripts`); otherwise every page raises
  ``Identifier 'THEBE_JS_URL' has already been declared`` in the browser;
* offers the PDF book in each page's download menu, but only when ``make pdf`` has built a
  PDF that is at least as new as the book's sources (:func:`fresh_pdf`), and copies it to
  ``_build/html/book.pdf``. ``make book`` needs no TeX: an HTML build without a fresh PDF has
  no such link, rather than a broken one;
* in the PDF, turns each "download the data" link (the ``{download}`` role, which LaTeX would
  print as inert text) into a link to that file in the book's repository (:func:`repository_file_url`);
* in the PDF, lets long tables break across pages (:func:`content_widths`): Sphinx sets a table
  of fewer than 30 rows in one unbreakable block, which runs off the page when its rows wrap;
* in the PDF, makes every web address written as plain text a link (:func:`split_urls`), which
  LaTeX can break across lines (``xurl`` in the preamble) instead of running off the page;
* in the HTML, shows a figure's PNG instead of its SVG when the SVG is heavier than
  ``SVG_LIMIT`` (a map with every coastline vertex is ~1 MB as SVG, ~0.1 MB as PNG), so that each
  page with its images stays within the 1 MB budget. Every figure carries both
  (:func:`heilongjiang_russia.present.figures.show`); the notebooks are not changed.

For the reader (issue 12) it also

* keeps the download menu honest (:func:`_honest_download_menu`): the page's own source under a
  plain name, the whole book only as the PDF that ``make pdf``/``make site`` built, never the
  theme's ``window.print()`` entry labelled ".pdf";
* launches Binder on the release tag ``vX.Y.Z`` when the book is built from exactly that release
  (:func:`binder_ref`), and gives the cited version's Binder link on "How to cite" (``{binder-link}``);
* folds a notebook's first cell behind "Show code cell source" when it holds only imports
  (:func:`imports_only`); the parameters cell stays open;
* gives each figure a minimum width at which its smallest text is still 8 px (:func:`min_width_px`,
  read from the SVG) and a keyboard-focusable box that scrolls below it (:func:`accessible_body`);
* provides the directives ``{findings}`` (the landing page, :mod:`heilongjiang_russia.book.highlights`) and
  ``{build-provenance}`` (the reproducibility appendix, :mod:`heilongjiang_russia.pipeline.provenance`),
  computed at every build.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import posixpath
import re
import shutil
from base64 import b64decode
from pathlib import Path

from heilongjiang_russia import metadata, paths
from heilongjiang_russia.pipeline import execute, provenance

from . import highlights

PDF_NAME = "book.pdf"  # latex_documents.targetname book.tex in _config.yml
# A PDF table with this many rows, or this much text, may break across pages
LONG_TABLE_ROWS = 8
LONG_TABLE_CHARS = 1200
PARAGRAPH_CELL = 320  # characters: a cell this long gets a column wide enough for its row to fit a page
LONG_TOKEN = 18  # a word this long in a table cell may break after / _ - . (file names, identifiers)
_URL = re.compile(r"https?://[^\s<>\"'()]*[^\s<>\"'().,;:]")
SVG_LIMIT = 300_000  # bytes; a heavier SVG figure is shown as its PNG in the HTML


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


def repository_file_url(repository: str, branch: str, docname: str, target: str) -> str:
    """The web address of the repository file that ``target`` (relative to the page ``docname``) names."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), target))
    if path.startswith("../") or path == "..":
        raise ValueError(f"{docname}: download link {target!r} points outside the book's folder")
    return f"{repository.rstrip('/')}/blob/{branch}/{path}"


def _downloads_as_repository_links(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    from docutils import nodes
    from sphinx import addnodes

    options = app.config.html_theme_options or {}
    repository, branch = options.get("repository_url"), options.get("repository_branch") or "main"
    if not repository:
        return
    for node in list(doctree.findall(addnodes.download_reference)):
        # the LaTeX builder resolves the whole book as one document: each link knows its page
        url = repository_file_url(repository, branch, node.get("refdoc", docname), node["reftarget"])
        path = url.split(f"/blob/{branch}/", 1)[1]
        # clickable on screen, and on paper the reader still learns which file it is
        node.replace_self(
            [
                nodes.reference("", node.astext(), refuri=url),
                nodes.Text(": "),
                nodes.literal(path, path),
                nodes.Text(" in the book's repository"),
            ]
        )


def content_widths(rows: list[list[str]], narrowest: int = 7, widest: int = 40, padding: int = 4) -> list[int]:
    """Relative column widths from the cells' text: the longest cell of each column, clipped to
    [narrowest, widest] characters so that one long paragraph does not starve the other columns,
    plus ``padding`` for the space LaTeX puts between columns."""
    count = max(len(row) for row in rows)
    longest = [0] * count
    for row in rows:
        for i, cell in enumerate(row):
            longest[i] = max(longest[i], len(cell.strip()))
    return [_width(n, narrowest, widest) + padding for n in longest]


def _width(longest: int, narrowest: int, widest: int) -> int:
    """A column's share: its longest cell, clipped to [narrowest, widest]; a cell of more than
    ``8 * widest`` characters (a paragraph of numbers) widens its column further, with the square root
    of its excess and at most to ``3 * widest``, so that its row stays shorter than a page (a row of a
    long table cannot break across pages)."""
    if longest <= 8 * widest:
        return min(max(longest, narrowest), widest)
    return min(round(widest * math.sqrt(longest / (8 * widest))), 3 * widest)


def _table_rows(table):
    """The table's group and the text of every row's cells (None when it has no body)."""
    from docutils import nodes

    tgroup = next(iter(table.findall(nodes.tgroup)), None)
    body = next(iter(tgroup.findall(nodes.tbody)), None) if tgroup is not None else None
    if body is None:
        return None, None, []
    return tgroup, body, [[entry.astext() for entry in row.children] for row in tgroup.findall(nodes.row)]


def _needs_long_table(table, body, rows, paragraph: bool) -> bool:
    """Long enough to break across pages (or holding a paragraph-long cell), and not yet a long table."""
    from docutils import nodes

    if "longtable" in table["classes"] and not paragraph:
        return False
    if len(body.children) < LONG_TABLE_ROWS and sum(len(c) for row in rows for c in row) < LONG_TABLE_CHARS:
        return False
    # spanning cells: leave the table to Sphinx
    return not any(entry.get("morecols") or entry.get("morerows") for entry in table.findall(nodes.entry))


def _drop_tabularcolumns(doctree, table) -> None:
    """Remove a tabularcolumns spec given for ``table`` (its widths are replaced)."""
    from docutils import nodes
    from sphinx import addnodes

    for spec in list(doctree.findall(addnodes.tabular_col_spec)):
        if spec.next_node(nodes.table, descend=False, siblings=True, ascend=True) is table:
            spec.parent.remove(spec)


def _long_tables_break_across_pages(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    from docutils import nodes

    for table in list(doctree.findall(nodes.table)):
        tgroup, body, rows = _table_rows(table)
        if body is None:
            continue
        # a paragraph-long cell needs a wider column than the table's own widths give it, or its row
        # (which a long table cannot break) runs past the page
        paragraph = max((len(c.strip()) for row in rows for c in row), default=0) > PARAGRAPH_CELL
        if not _needs_long_table(table, body, rows, paragraph):
            continue
        if paragraph:
            _drop_tabularcolumns(doctree, table)
        colspecs = [child for child in tgroup.children if isinstance(child, nodes.colspec)]
        for colspec, width in zip(colspecs, content_widths(rows)):
            colspec["colwidth"] = width
        table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"] + ["longtable", "colwidths-given"]


def _myst_nb_bytes(svg) -> bytes:
    """An SVG output as myst-nb writes it to a file (and names it by its sha256)."""
    text = "".join(svg) if isinstance(svg, list) else svg
    return os.linesep.join(text.splitlines()).encode("utf-8")


def png_for_svg(notebook: Path) -> dict[str, bytes]:
    """sha256 of each SVG output of ``notebook`` (as myst-nb names its file) -> the PNG of the same output."""
    found = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8")).get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/svg+xml" in data and "image/png" in data:
                png = data["image/png"]
                found[hashlib.sha256(_myst_nb_bytes(data["image/svg+xml"])).hexdigest()] = b64decode(
                    "".join(png) if isinstance(png, list) else png
                )
    return found


def _light_images(app, doctree) -> None:
    if app.builder.format != "html":
        return
    from docutils import nodes

    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    srcdir = Path(app.srcdir)
    pngs = None
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if not uri.endswith(".svg") or not uri.startswith("/"):
            continue
        svg = (srcdir / uri.lstrip("/")).resolve()
        if not svg.is_file() or svg.stat().st_size <= SVG_LIMIT:
            continue
        pngs = png_for_svg(source) if pngs is None else pngs
        png = pngs.get(svg.stem)
        if png is None:
            continue
        target = svg.with_name(hashlib.sha256(png).hexdigest() + ".png")
        if not target.exists():
            target.write_bytes(png)
        image["hljru_svg"] = uri  # the figure's text sizes are read from its SVG (_legible_figures)
        image["uri"] = "/" + os.path.relpath(target, srcdir)
        image["candidates"] = {"*": image["uri"]}


def split_urls(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_url) runs; a URL's trailing punctuation stays outside it."""
    pieces, position = [], 0
    for match in _URL.finditer(text):
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def break_points(word: str) -> list[str]:
    """A long word cut after each / _ - . so that LaTeX may break it there (empty list: leave it)."""
    if len(word) < LONG_TOKEN or " " in word:
        return []
    return [piece for piece in re.split(r"(?<=[/_.-])", word) if piece]


def _long_words_in_tables_may_break(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    from docutils import nodes

    for entry in doctree.findall(nodes.entry):
        for text in list(entry.findall(nodes.Text)):
            if isinstance(text.parent, (nodes.reference, nodes.FixedTextElement, nodes.raw)):
                continue
            words = re.split(r"(\s+)", str(text))
            if not any(len(break_points(w)) > 1 for w in words):
                continue
            new = []
            for word in words:
                pieces = break_points(word)
                if len(pieces) <= 1:
                    new.append(nodes.Text(word))
                    continue
                for piece in pieces[:-1]:
                    new += [nodes.Text(piece), nodes.raw("", r"\allowbreak{}", format="latex")]
                new.append(nodes.Text(pieces[-1]))
            text.parent.replace(text, new)


def _plain_urls_as_links(app, doctree, docname) -> None:
    if app.builder.format != "latex":
        return
    from docutils import nodes

    def inside_code_or_link(node) -> bool:
        while node is not None:
            if isinstance(node, (nodes.reference, nodes.literal, nodes.FixedTextElement, nodes.raw)):
                return True
            node = node.parent
        return False

    for text in list(doctree.findall(nodes.Text)):
        pieces = split_urls(str(text))
        if not any(is_url for _, is_url in pieces) or inside_code_or_link(text.parent):
            continue
        text.parent.replace(
            text,
            [nodes.reference(piece, piece, refuri=piece) if is_url else nodes.Text(piece) for piece, is_url in pieces],
        )


def setup(app):
    app.connect("config-inited", _binder_on_release)
    app.connect("doctree-read", _legible_figures, priority=450)  # after _light_images
    app.connect("doctree-read", _hide_import_cell)
    # after sphinx-book-theme has assembled the header buttons (priority 501)
    app.connect("html-page-context", _honest_download_menu, priority=800)
    app.connect("html-page-context", _accessible_page)
    setup_reader_directives(app)
    # after sphinx-thebe's own env-before-read-docs handler (default priority 500)
    app.connect("env-before-read-docs", normalise_inline_scripts, priority=900)
    app.connect("env-get-outdated", _find_pdf)
    # before Sphinx's image collector (priority 500) records which files to copy
    app.connect("doctree-read", _light_images, priority=400)
    # after sphinx-book-theme has assembled the header buttons (priority 501)
    app.connect("html-page-context", _offer_pdf, priority=900)
    app.connect("build-finished", _copy_pdf)
    app.connect("doctree-resolved", _downloads_as_repository_links)
    app.connect("doctree-resolved", _long_tables_break_across_pages)
    app.connect("doctree-resolved", _plain_urls_as_links)
    app.connect("doctree-resolved", _long_words_in_tables_may_break, priority=600)  # after the links
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


# --------------------------------------------------------------------------- the reader's book
# (issue 12) Nothing clipped, an honest download menu, Binder on a release's tag, the import cell
# folded away, and the two build-time pages: the findings on the landing page and the
# reproducibility appendix.

MIN_TEXT_PX = 8.0  # no figure text smaller than this on a phone: narrower figures scroll in their box
MIN_WIDTH_STEP = 40  # px; a figure's minimum width is rounded up to a multiple of this (a CSS class each)
MIN_WIDTHS = range(320, 1201, MIN_WIDTH_STEP)  # the classes _static/reader.css defines
_SCALE = re.compile(r"scale\(([0-9.]+) -[0-9.]+\)")
_SVG_WIDTH = re.compile(r"<svg[^>]*\swidth=\"([0-9.]+)pt\"")


def svg_text_sizes(svg: bytes | str) -> tuple[float, float] | None:
    """(width of the figure in pt, smallest text size in pt) of a matplotlib SVG whose text is drawn as
    paths (``svg.fonttype: path``, :func:`heilongjiang_russia.present.figures.setup`), or None without text.
    matplotlib draws each glyph run at ``scale(size/100)``."""
    text = svg.decode("utf-8", "replace") if isinstance(svg, bytes) else svg
    width = _SVG_WIDTH.search(text)
    scales = [float(s) for s in _SCALE.findall(text)]
    if not width or not scales:
        return None
    return float(width.group(1)), min(scales) * 100


def min_width_px(width_pt: float, text_pt: float, min_px: float = MIN_TEXT_PX) -> int:
    """The narrowest rendering (CSS px) at which text of ``text_pt`` in a figure ``width_pt`` wide is
    still ``min_px`` tall, rounded up to the next class step."""
    needed = min_px * width_pt / text_pt
    step = math.ceil(needed / MIN_WIDTH_STEP) * MIN_WIDTH_STEP
    return max(MIN_WIDTHS.start, min(step, MIN_WIDTHS.stop - 1))


def _legible_figures(app, doctree) -> None:
    """Give each figure image a class ``hljru-minw-N``: below N px it stops shrinking and its box scrolls."""
    if app.builder.format != "html":
        return
    from docutils import nodes

    srcdir = Path(app.srcdir)
    for image in doctree.findall(nodes.image):
        svg_uri = image.get("hljru_svg") or image.get("uri", "")
        if not svg_uri.endswith(".svg"):
            continue
        file = srcdir / svg_uri.lstrip("/")
        if not file.is_file():
            continue
        sizes = svg_text_sizes(file.read_bytes())
        if sizes:
            image["classes"].append(f"hljru-minw-{min_width_px(*sizes)}")


def _hide_import_cell(app, doctree) -> None:
    """Fold a notebook's first code cell behind "Show code cell source" when it holds only imports;
    the parameters cell, which comes after it, stays open."""
    if app.builder.format != "html":
        return
    from docutils import nodes

    if Path(app.env.doc2path(app.env.docname)).suffix != ".ipynb":
        return
    for cell in doctree.findall(nodes.container):
        if cell.get("nb_element") != "cell_code":
            continue
        tags = set((cell.get("cell_metadata") or {}).get("tags", []))
        source = (
            cell.children[0] if cell.children and cell.children[0].get("nb_element") == "cell_code_source" else None
        )
        if (
            source is not None
            and not cell.get("hide_mode")
            and "parameters" not in tags
            and imports_only(source.astext())
        ):
            cell["hide_mode"] = "input"
            cell["prompt_show"] = app.config.nb_code_prompt_show
            cell["prompt_hide"] = app.config.nb_code_prompt_hide
        return  # only the first code cell


def imports_only(code: str) -> bool:
    """Whether ``code`` consists of import statements (and blank or comment lines) only."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return bool(tree.body) and all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body)


DOWNLOAD_NAMES = {".ipynb": "this page as a notebook (.ipynb)", ".md": "this page's source (.md)"}


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


_MIN_WIDTH_IMG = re.compile(r'<img\b[^>]*\bclass="[^"]*\bhljru-minw-\d+[^"]*"[^>]*>')
SCROLL_LABEL = "Figure; scroll sideways to see all of it"


def accessible_body(body: str) -> str:
    """The page body with two repairs: each size-limited figure image sits in a keyboard-focusable box
    that scrolls on a narrow screen (not the page), and bibliography entries are list items of the
    list that docutils declares (it gives them the deprecated role ``doc-biblioentry``)."""
    body = _MIN_WIDTH_IMG.sub(
        lambda m: (
            f'<div class="hljru-figure-scroll" tabindex="0" role="region" '
            f'aria-label="{SCROLL_LABEL}">{m.group(0)}</div>'
        ),
        body,
    )
    return body.replace('role="doc-biblioentry"', 'role="listitem"')


def _accessible_page(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = accessible_body(context["body"])


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


def findings_inputs() -> list[Path]:
    """What the landing page's findings are computed from: the data and the package's code."""
    package = Path(__file__).parents[1]  # the whole package, not only book/
    return sorted(p for p in (*paths.DATA.rglob("*"), *package.rglob("*.py")) if p.is_file())


def setup_reader_directives(app) -> None:
    from sphinx.util.docutils import SphinxDirective

    class Findings(SphinxDirective):
        """The landing page's list of findings, computed by :func:`heilongjiang_russia.book.highlights.findings`."""

        def run(self):
            return _nested(self, highlights.findings_myst(), inputs=findings_inputs())

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

    app.add_directive("findings", Findings)
    app.add_directive("build-provenance", BuildProvenance)
    app.add_directive("binder-link", BinderLink)
