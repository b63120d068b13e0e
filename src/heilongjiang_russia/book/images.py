"""Figures in the HTML book: light enough to load, legible on a phone, reachable from the keyboard.

* a figure's PNG is shown instead of its SVG when the SVG is heavier than ``SVG_LIMIT`` (a map with
  every coastline vertex is ~1 MB as SVG, ~0.1 MB as PNG), so that each page with its images stays
  within the 1 MB budget. Every figure carries both (:func:`heilongjiang_russia.present.figures.show`);
  the notebooks are not changed (:func:`png_for_svg`);
* each figure gets a minimum width at which its smallest text is still 8 px (:func:`min_width_px`,
  read from the SVG) and a keyboard-focusable box that scrolls below it (:func:`accessible_body`), which
  also gives bibliography entries the list role their list declares.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from base64 import b64decode
from pathlib import Path

SVG_LIMIT = 300_000  # bytes; a heavier SVG figure is shown as its PNG in the HTML
MIN_TEXT_PX = 8.0  # no figure text smaller than this on a phone: narrower figures scroll in their box
MIN_WIDTH_STEP = 40  # px; a figure's minimum width is rounded up to a multiple of this (a CSS class each)
MIN_WIDTHS = range(320, 1201, MIN_WIDTH_STEP)  # the classes _static/reader.css defines
_SCALE = re.compile(r"scale\(([0-9.]+) -[0-9.]+\)")
_SVG_WIDTH = re.compile(r"<svg[^>]*\swidth=\"([0-9.]+)pt\"")


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


def setup(app):
    # before Sphinx's image collector (priority 500) records which files to copy
    app.connect("doctree-read", _light_images, priority=400)
    app.connect("doctree-read", _legible_figures, priority=450)  # after _light_images
    app.connect("html-page-context", _accessible_page)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
