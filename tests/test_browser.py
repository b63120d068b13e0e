"""The HTML book in a real browser: Debian's Chromium, headless, driven by Playwright (no browser
download), against the built site served on 127.0.0.1.

For every page in _toc.yml: no console error, no failed request, no request to any other host
(the book must work offline and privately), every image decoded and described by alt text,
figures on a light card in dark mode, a favicon, every internal link and anchor resolving, and the page
with its images within 1 MB. The search page must find a term from the book. A screenshot of
each page (light and dark) is saved under test-artifacts/screenshots/ for a person to look at.
"""
from __future__ import annotations

import base64
import functools
import http.server
import json
import re
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

import book_sources
from heilongjiang_russia import paths, sphinx_reader

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package (make system-deps)
ARTIFACTS = paths.ROOT / "test-artifacts"
PAGE_BUDGET = 1024 * 1024
LOCAL = "127.0.0.1"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_book):
    """The built HTML served on 127.0.0.1 (a free port) for the module; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(built_book.html))
    server = http.server.ThreadingHTTPServer((LOCAL, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://{LOCAL}:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api

    assert CHROMIUM.exists(), f"{CHROMIUM} not found: run `make system-deps` (installs Debian's chromium)"
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield chromium
        chromium.close()


class Visit:
    """One page opened in a fresh browser context, with everything that went wrong recorded."""

    def __init__(self, browser, url: str, color_scheme: str = "light"):
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text} {m.location}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url}: HTTP {r.status}"))
        self.page.goto(url, wait_until="networkidle")

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob", "about") or urlsplit(url).hostname == LOCAL:
            route.continue_()
        else:  # never let a request leave the machine; record it
            self.foreign.append(url)
            route.abort()

    def close(self):
        self.context.close()


_IMAGES_JS = """async () => {
  const imgs = Array.from(document.images);
  for (const img of imgs) { img.loading = "eager"; }
  return Promise.all(imgs.map(async (img) => {
    let decoded = true;
    try { await img.decode(); } catch (e) { decoded = false; }
    return {src: img.currentSrc || img.src, alt: (img.getAttribute("alt") || "").trim(),
            width: img.naturalWidth, decoded: decoded,
            figure: !!img.closest("figure, .cell_output")};
  }));
}"""

_LINKS_JS = "() => Array.from(document.querySelectorAll('a[href], link[rel~=icon]')).map(a => a.href)"


class _Targets:
    """Fetches local URLs once and answers whether a path (and an anchor in it) exists."""

    def __init__(self):
        self.cache: dict[str, tuple[int, str]] = {}

    def get(self, url: str) -> tuple[int, str]:
        if url not in self.cache:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
                    self.cache[url] = (response.status, body.decode("utf-8", "replace") if "html" in kind else "")
            except urllib.error.HTTPError as exc:
                self.cache[url] = (exc.code, "")
        return self.cache[url]

    def problem(self, link: str) -> str | None:
        parts = urlsplit(link)
        status, body = self.get(parts._replace(fragment="", query="").geturl())
        if status != 200:
            return f"{link}: HTTP {status}"
        anchor = unquote(parts.fragment)
        if anchor and f'id="{anchor}"' not in body and f'name="{anchor}"' not in body:
            return f"{link}: no element with id {anchor!r}"
        return None


@pytest.fixture(scope="module")
def targets():
    return _Targets()


PAGES = book_sources.book_pages()


def _shot_name(page: book_sources.Page, scheme: str) -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{page.docname.replace('/', '__')}.{scheme}.png"


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=[p.docname for p in PAGES])
def test_page_works_offline_in_the_browser(page, site, browser, targets, built_book):
    url = urljoin(site, page.html)
    visit = Visit(browser, url)
    try:
        assert visit.page.title(), f"{page.html}: the page did not load"
        images = visit.page.evaluate(_IMAGES_JS)
        links = visit.page.evaluate(_LINKS_JS)
        visit.page.screenshot(path=str(_shot_name(page, "light")), full_page=True)
    finally:
        visit.close()

    assert not visit.errors, f"{page.html}: JavaScript/console errors: {visit.errors}"
    assert not visit.failed, f"{page.html}: failed requests: {visit.failed}"
    assert not visit.foreign, f"{page.html}: requests to other hosts: {visit.foreign}"

    broken = [i["src"] for i in images if not i["decoded"] or i["width"] <= 0]
    assert not broken, f"{page.html}: images that did not decode: {broken}"
    no_alt = [i["src"] for i in images if not i["alt"]]
    assert not no_alt, f"{page.html}: images without alt text: {no_alt}"
    assert len([i for i in images if i["figure"]]) >= page.images, (
        f"{page.html}: the notebook shows {page.images} pictures, the page {len(images)}")

    assert any("favicon" in link for link in links), f"{page.html}: no favicon link (browsers would request /favicon.ico)"
    internal = {link for link in links if urlsplit(link).hostname == LOCAL}
    problems = [p for p in (targets.problem(link) for link in sorted(internal)) if p]
    assert not problems, f"{page.html}: internal links that do not resolve: {problems}"

    weight = (built_book.html / page.html).stat().st_size
    for src in {i["src"] for i in images}:
        weight += (built_book.html / unquote(urlsplit(src).path).lstrip("/")).stat().st_size
    _record("page_bytes", page.html, weight)
    assert weight < PAGE_BUDGET, f"{page.html} with its images is {weight / 1e6:.2f} MB, over the 1 MB budget"


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for p in PAGES if p.images], ids=[p.docname for p in PAGES if p.images])
def test_figures_stay_on_a_light_card_in_dark_mode(page, site, browser):
    """Dark mode darkens the page, not the figures: each figure keeps its light background."""
    visit = Visit(browser, urljoin(site, page.html), color_scheme="dark")
    try:
        mode = visit.page.evaluate("() => document.documentElement.dataset.theme")
        assert mode == "dark", f"{page.html}: the theme did not follow the dark colour scheme ({mode!r})"
        visit.page.screenshot(path=str(_shot_name(page, "dark")), full_page=True)
        figures = visit.page.locator("figure img, .cell_output img")
        assert figures.count() >= page.images
        for i in range(figures.count()):
            figure = figures.nth(i)
            figure.scroll_into_view_if_needed()
            png = figure.screenshot()
            corner = _corner_pixel(png)
            # the theme dims images in dark mode (a light grey card), but never to a dark one
            assert min(corner) > 150, f"{page.html}: figure {i + 1} sits on a dark background {corner} in dark mode"
    finally:
        visit.close()
    assert not visit.errors and not visit.failed and not visit.foreign


def _corner_pixel(png: bytes) -> tuple[int, int, int]:
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.getpixel((2, 2))


@pytest.mark.slow
def test_search_finds_a_term_from_the_book(site, browser):
    chapter = PAGES[1]
    term = max(re.findall(r"\w+", chapter.title), key=len)  # the longest word of a chapter title
    visit = Visit(browser, urljoin(site, f"search.html?q={term}"))
    try:
        results = visit.page.locator("#search-results ul.search li")
        results.first.wait_for(timeout=15000)
        hrefs = [results.nth(i).locator("a").first.get_attribute("href") for i in range(results.count())]
        visit.page.screenshot(path=str(ARTIFACTS / "screenshots" / "search.light.png"), full_page=True)
    finally:
        visit.close()
    assert any(chapter.docname in (h or "") for h in hrefs), f"searching {term!r} did not find {chapter.html}: {hrefs}"
    assert not visit.errors and not visit.failed and not visit.foreign, (visit.errors, visit.failed, visit.foreign)


@pytest.mark.slow
def test_html_offers_the_pdf_and_launches_binder(site, browser, built_book):
    """After a PDF build the download menu links the PDF; notebooks have a Binder launch link."""
    assert (built_book.html / sphinx_reader.PDF_NAME).read_bytes() == built_book.pdf.read_bytes()
    for builder, seconds in built_book.seconds.items():
        _record("build_seconds", builder, round(seconds, 1))
    _record("pdf_bytes", "book.pdf", built_book.pdf.stat().st_size)
    notebook = next(p for p in PAGES if p.path.suffix == ".ipynb")
    visit = Visit(browser, urljoin(site, notebook.html))
    try:
        pdf_link = visit.page.locator("a.btn[href$='book.pdf']")
        assert pdf_link.count() == 1, "no 'book (PDF)' entry in the download menu"
        assert urlsplit(urljoin(visit.page.url, pdf_link.get_attribute("href"))).path == "/book.pdf"
        binder = visit.page.locator("a[href*='mybinder.org/v2/gh/']")
        assert binder.count() == 1, "no Binder launch button on a notebook page"
        assert notebook.path.name in binder.get_attribute("href")
    finally:
        visit.close()


def test_a_missing_or_stale_pdf_is_not_offered(tmp_path):
    html = tmp_path / "_build" / "html"
    latex = tmp_path / "_build" / "latex"
    html.mkdir(parents=True)
    source = tmp_path / "chapter.md"
    source.write_text("# A chapter\n")
    assert sphinx_reader.fresh_pdf(html, [source]) is None  # `make book` without `make pdf`
    latex.mkdir()
    pdf = latex / "book.pdf"
    pdf.write_bytes(b"%PDF-1.5\n")
    import os

    os.utime(source, (pdf.stat().st_mtime + 60,) * 2)  # the chapter changed after the PDF was built
    assert sphinx_reader.fresh_pdf(html, [source]) is None
    os.utime(pdf, (source.stat().st_mtime + 60,) * 2)
    assert sphinx_reader.fresh_pdf(html, [source]) == pdf


def _record(kind: str, key: str, value) -> None:
    """Keep measured numbers (page weights) next to the screenshots, for the closing note."""
    ARTIFACTS.mkdir(exist_ok=True)
    file = ARTIFACTS / "book-metrics.json"
    data = json.loads(file.read_text()) if file.exists() else {}
    data.setdefault(kind, {})[key] = value
    file.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def test_a_heavy_svg_figure_is_shown_as_its_png(tmp_path):
    """The HTML takes a figure's PNG when its SVG is over the limit: the PNG is found by the name
    myst-nb gives the SVG file (its sha256)."""
    import hashlib

    import matplotlib.pyplot as plt
    import nbformat

    from heilongjiang_russia import figures

    figures.setup()
    fig, ax = plt.subplots()
    ax.plot(range(2000), [i % 7 for i in range(2000)])
    shown = figures.show(fig)
    bundle = shown._repr_mimebundle_()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("figures.show(fig)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "image/svg+xml": bundle["image/svg+xml"], "image/png": base64.b64encode(bundle["image/png"]).decode()})]
    nb.cells.append(cell)
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, path)
    mapping = sphinx_reader.png_for_svg(path)
    svg_name = hashlib.sha256(sphinx_reader._myst_nb_bytes(bundle["image/svg+xml"])).hexdigest()
    assert mapping == {svg_name: shown.png}
