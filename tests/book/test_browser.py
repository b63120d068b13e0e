"""The HTML book in a real browser: Debian's Chromium, headless, driven by Playwright (no browser
download), against the built site served on 127.0.0.1.

For every page in _toc.yml: no console error, no failed request, no request to any other host
(the book must work offline and privately), every image decoded and described by alt text,
figures on a light card in dark mode, a favicon, every internal link and anchor resolving, and the page
with its images within 1 MB. The search page must find a term from the book. A screenshot of
each page (light and dark) is saved under test-artifacts/screenshots/ for a person to look at.

Each page is opened once, by tests/support/browser_look.py, which the book's background job runs as soon
as the book is built (the `observed` fixture): at 1400 px in light mode, then resized to 420 px,
switched to dark and widened again, everything recorded on the way; the page tests below assert on
what it saw. The reader's checks (issue 12) look at every page at 1400 px and 420 px, light and
dark: nothing wider
than its column (a wide table or figure scrolls in its own box, first column sticky, never the
page, unless its words cannot sit side by side in the column), no word or number of a table cell
broken across lines (issue 22), no code block that scrolls, figure text at least 8 px, header rows
and descriptive alt text,
and no critical or serious WCAG 2.1 AA violation from axe-core (the axe.min.js that the installed
axe-playwright-python ships; its structural rules once per width, colour contrast once per colour
scheme: see tests/support/browser_look.py); a failure writes the report to test-artifacts/axe/. The widest element
and the violation counts per page go to test-artifacts/book-metrics.json.
"""

from __future__ import annotations

import base64
import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import book_sources
import browser_look
import pytest

from heilongjiang_russia import paths
from heilongjiang_russia.book import reader

ARTIFACTS = paths.ROOT / "test-artifacts"
PAGE_BUDGET = 1024 * 1024
LOCAL = browser_look.LOCAL
WIDTHS, SCHEMES = browser_look.WIDTHS, browser_look.SCHEMES


@pytest.fixture(scope="module")
def site(built_book):
    """The built HTML served on 127.0.0.1 (a free port) for the module; yields its base URL."""
    with browser_look.serve(built_book.html) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with browser_look.chromium() as chromium:
        yield chromium


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


def seen(observed: dict, page) -> dict:
    """What the background look at the book (tests/support/browser_look.py) saw on ``page``."""
    found = observed.get(page.docname)
    assert found is not None, f"{page.html}: the browser did not look at this page"
    assert "error" not in found, f"{page.html}: the browser could not look at it:\n{found['error']}"
    return found


def on(site: str, link: str) -> str:
    """``link`` (a URL on some local port) on the server at ``site``."""
    return urljoin(site, urlsplit(link)._replace(scheme="", netloc="").geturl())


def trouble(found: dict) -> list[str]:
    return found["errors"] + found["failed"] + found["foreign"]


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=[p.docname for p in PAGES])
def test_page_works_offline_in_the_browser(page, observed, site, targets, built_book):
    found = seen(observed, page)
    assert found["title"], f"{page.html}: the page did not load"
    assert not found["errors"], f"{page.html}: JavaScript/console errors: {found['errors']}"
    assert not found["failed"], f"{page.html}: failed requests: {found['failed']}"
    assert not found["foreign"], f"{page.html}: requests to other hosts: {found['foreign']}"

    images = found["images"]
    broken = [i["src"] for i in images if not i["decoded"] or i["width"] <= 0]
    assert not broken, f"{page.html}: images that did not decode: {broken}"
    no_alt = [i["src"] for i in images if not i["alt"]]
    assert not no_alt, f"{page.html}: images without alt text: {no_alt}"
    assert len([i for i in images if i["figure"]]) >= page.images, (
        f"{page.html}: the notebook shows {page.images} pictures, the page {len(images)}"
    )

    assert any("favicon" in link for link in found["links"]), (
        f"{page.html}: no favicon link (browsers would request /favicon.ico)"
    )
    # the look served the book on a port of its own: the same paths, asked of this module's server
    internal = {on(site, link) for link in found["links"] if urlsplit(link).hostname == LOCAL}
    problems = [p for p in (targets.problem(link) for link in sorted(internal)) if p]
    assert not problems, f"{page.html}: internal links that do not resolve: {problems}"

    weight = (built_book.html / page.html).stat().st_size
    for src in {i["src"] for i in images}:
        weight += (built_book.html / unquote(urlsplit(src).path).lstrip("/")).stat().st_size
    _record("page_bytes", page.html, weight)
    assert weight < PAGE_BUDGET, f"{page.html} with its images is {weight / 1e6:.2f} MB, over the 1 MB budget"


@pytest.mark.slow
@pytest.mark.parametrize("page", [p for p in PAGES if p.images], ids=[p.docname for p in PAGES if p.images])
def test_figures_stay_on_a_light_card_in_dark_mode(page, observed):
    """Dark mode darkens the page, not the figures: each figure keeps its light background."""
    found = seen(observed, page)
    mode = found["dark_theme"]
    assert mode == "dark", f"{page.html}: the theme did not follow the dark colour scheme ({mode!r})"
    assert len(found["dark_corners"]) >= page.images
    for i, corner in enumerate(found["dark_corners"]):
        # the theme dims images in dark mode (a light grey card), but never to a dark one
        assert min(corner) > 150, f"{page.html}: figure {i + 1} sits on a dark background {corner} in dark mode"


@pytest.mark.slow
def test_search_finds_a_term_from_the_book(site, browser):
    chapter = PAGES[1]
    term = max(re.findall(r"\w+", chapter.title), key=len)  # the longest word of a chapter title
    visit = browser_look.Visit(browser, urljoin(site, f"search.html?q={term}"))
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
    assert (built_book.html / reader.PDF_NAME).read_bytes() == built_book.pdf.read_bytes()
    for builder, seconds in built_book.seconds.items():
        _record("build_seconds", builder, round(seconds, 1))
    _record("pdf_bytes", "book.pdf", built_book.pdf.stat().st_size)
    notebook = next(p for p in PAGES if p.path.suffix == ".ipynb")
    visit = browser_look.Visit(browser, urljoin(site, notebook.html))
    try:
        pdf_link = visit.page.locator("a.btn[href$='book.pdf']")
        assert pdf_link.count() == 1, "no 'book (PDF)' entry in the download menu"
        assert urlsplit(urljoin(visit.page.url, pdf_link.get_attribute("href"))).path == "/book.pdf"
        binder = visit.page.locator("a[href*='mybinder.org/v2/gh/']")
        assert binder.count() == 1, "no Binder launch button on a notebook page"
        assert notebook.path.name in binder.get_attribute("href")
        # a released version launches its tag, any other commit the branch
        ref = reader.binder_ref(paths.ROOT, "main")
        assert f"/{ref}?" in binder.get_attribute("href"), (ref, binder.get_attribute("href"))
        # the menu never offers the browser's print of one page as "PDF"
        assert visit.page.locator(".dropdown-download-buttons [onclick*='print']").count() == 0
        names = visit.page.locator(".dropdown-download-buttons .btn__text-container").all_inner_texts()
        assert names == ["this page as a notebook (.ipynb)", "whole book (PDF)"], names
    finally:
        visit.close()


def test_a_missing_or_stale_pdf_is_not_offered(tmp_path):
    html = tmp_path / "_build" / "html"
    latex = tmp_path / "_build" / "latex"
    html.mkdir(parents=True)
    source = tmp_path / "chapter.md"
    source.write_text("# A chapter\n")
    assert reader.fresh_pdf(html, [source]) is None  # `make book` without `make pdf`
    latex.mkdir()
    pdf = latex / "book.pdf"
    pdf.write_bytes(b"%PDF-1.5\n")
    import os

    os.utime(source, (pdf.stat().st_mtime + 60,) * 2)  # the chapter changed after the PDF was built
    assert reader.fresh_pdf(html, [source]) is None
    os.utime(pdf, (source.stat().st_mtime + 60,) * 2)
    assert reader.fresh_pdf(html, [source]) == pdf


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

    from heilongjiang_russia.present import figures

    figures.setup()
    fig, ax = plt.subplots()
    ax.plot(range(2000), [i % 7 for i in range(2000)])
    shown = figures.show(fig)
    bundle = shown._repr_mimebundle_()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("figures.show(fig)")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "image/svg+xml": bundle["image/svg+xml"],
                "image/png": base64.b64encode(bundle["image/png"]).decode(),
            },
        )
    ]
    nb.cells.append(cell)
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, path)
    mapping = reader.png_for_svg(path)
    svg_name = hashlib.sha256(reader._myst_nb_bytes(bundle["image/svg+xml"])).hexdigest()
    assert mapping == {svg_name: shown.png}


# --------------------------------------------------------------------------- the reader's book (issue 12)
# Both widths, both colour schemes, every page: nothing wider than its column (a wide table or
# figure may scroll inside its own box on a phone, never the page), no code block scrolling, figure
# text at least 8 px, and no critical or serious WCAG 2.1 AA violation found by axe-core (from the
# installed axe-playwright-python package, never a CDN).


def layout_problems(layout: dict, width: int) -> list[str]:
    """What a reader would see as clipped: the page wider than the window, an element wider than the
    column outside a scroll box, a code block that scrolls, a wide box at 1400 px, a scrolling table
    whose first column is not kept in view, a figure narrower than its legible width."""
    problems = [f"{table}: a data table without a header row" for table in layout.get("headless", [])]
    for alt in layout.get("alts", []):
        if len(alt.split()) < 4 or re.search(r"\.(png|svg|jpe?g)\b|[0-9a-f]{16}", alt, re.I):
            problems.append(f"an image whose alt text does not say what it shows: {alt!r}")
    if layout["doc"] > layout["viewport"] + 1:
        problems.append(f"the page scrolls sideways: {layout['doc']} px wide in a {layout['viewport']} px window")
    for item in layout["items"]:
        where = f"{item['el']} ({item['width']:.0f} px in a {layout['column']:.0f} px column)"
        if not item["inside"] and (item["right"] > 1 or item["left"] < -1):
            problems.append(f"{where} runs out of the column")
        if item["code"] and item["scroll"] > item["client"] + 1:
            problems.append(f"{where}: its text is {item['scroll']} px wide and scrolls inside the code block")
        # at 1400 px a box may scroll only a table whose words do not fit in the column side by side
        # (its narrowest width without breaking a word, min-content, is wider than the box)
        cannot_fit = (item.get("narrowest") or 0) > item["client"] + 1
        if item["box"] and width >= 1400 and item["scroll"] > item["client"] + 1 and not cannot_fit:
            narrowest = f", although it fits in {item['narrowest']:.0f} px" if item.get("narrowest") else ""
            problems.append(
                f"{where}: hides {item['scroll'] - item['client']} px behind a scroll bar at {width} px{narrowest}"
            )
        if item["sticky"] is False:
            problems.append(f"{where}: scrolls sideways without keeping its first column in view")
        if item["minw"] and item["width"] + 0.5 < item["minw"]:
            problems.append(f"{where}: narrower than {item['minw']} px, where its smallest text would fall below 8 px")
    return problems


def widest(layout: dict) -> dict:
    """The element that needs the most room relative to the column (for the closing note)."""
    best = max(layout["items"], key=lambda i: max(i["width"], i["scroll"]), default=None)
    if best is None:
        return {}
    need = max(best["width"], best["scroll"])
    return {
        "element": best["el"],
        "px": round(need),
        "column": round(layout["column"]),
        "ratio": round(need / layout["column"], 3),
        "in_scroll_box": best["inside"] or best["box"],
    }


def _axe_report(page, scheme: str, width: int, violations: list[dict]) -> Path:
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / f"{page.docname.replace('/', '__')}.{scheme}.{width}.json"
    rows = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "page": page.html,
            "help": v["help"],
            "elements": [{"target": " ".join(map(str, n["target"])), "html": n["html"][:300]} for n in v["nodes"]],
        }
        for v in violations
    ]
    file.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return file


@pytest.mark.slow
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[p.docname for p in PAGES])
def test_nothing_clipped_and_no_serious_accessibility_violation(page, width, scheme, observed):
    found = seen(observed, page)
    state = browser_look.key(width, scheme)
    layout = found["layouts"][state]
    key = f"{page.docname} {scheme} {width}"
    _record("widest_element", key, widest(layout))
    problems = layout_problems(layout, width)
    assert not problems, f"{page.html} at {width} px, {scheme}: " + "; ".join(problems)
    assert not trouble(found), f"{page.html}: {trouble(found)}"
    result = found["axe"][state]
    counts = {}
    for v in result["violations"]:
        counts[v["impact"]] = counts.get(v["impact"], 0) + len(v["nodes"])
    _record("axe_violations", key, counts)
    serious = [v for v in result["violations"] if v["impact"] in ("critical", "serious")]
    if serious:
        report = _axe_report(page, scheme, width, serious)
        rules = sorted({f"{v['id']} ({v['impact']}): {' '.join(map(str, v['nodes'][0]['target']))}" for v in serious})
        pytest.fail(f"{page.html} at {width} px, {scheme}: axe-core finds {rules}; report in {report}")


def broken_words(wrapping: dict) -> list[str]:
    """What a reader would see of the tokens that the browser wrapped inside themselves."""
    return [f"{b['table']}: {b['token']!r} in a {b['width']} px cell ({b['cell']!r})" for b in wrapping["broken"]]


@pytest.mark.slow
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", PAGES, ids=[p.docname for p in PAGES])
def test_no_table_cell_breaks_a_number_or_a_word(page, width, observed):
    """Every word and number of every table cell sits on one line at 1400 px and at 420 px: a column
    is as wide as its longest word, and a table too wide for the column scrolls in its box."""
    wrapping = seen(observed, page)["wrapping"][browser_look.key(width, "light")]
    _record("table_tokens", f"{page.docname} {width}", {"cells": wrapping["cells"], "tokens": wrapping["tokens"]})
    broken = broken_words(wrapping)
    assert not broken, f"{page.html} at {width} px: {len(broken)} words or numbers broken: " + "; ".join(broken[:12])


_PLANTED_CELLS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cells</title></head>
<body><main><article class="bd-article" style="width: 380px; font: 16px sans-serif">
<table><thead><tr><th>Year</th><th>Status</th><th>Where</th></tr></thead><tbody>
<tr><td><span style="display: inline-block; width: 2ch; overflow-wrap: anywhere">2008</span></td>
<td><span style="display: inline-block; width: 4ch; word-break: break-all">reported</span></td>
<td><span style="display: inline-block; width: 5ch">Skovorodino–Mohe 布拉戈维申斯克</span>
<a style="display: inline-block; width: 5ch; overflow-wrap: anywhere"
   href="https://example.org/a/long/address">https://example.org/a/long/address</a></td></tr>
<tr><td>2009</td><td>derived</td><td>Mohe</td></tr></tbody></table>
</article></main></body></html>"""


@pytest.mark.slow
def test_the_look_finds_a_number_and_a_word_broken_inside_a_table_cell(tmp_path, browser):
    """A planted table whose narrow cells break "2008" and "reported" inside themselves is reported,
    with where the breaks fall; a break after a dash, in a web address or between Chinese characters
    is not, nor is a cell that keeps its words whole."""
    (tmp_path / "cells.html").write_text(_PLANTED_CELLS, encoding="utf-8")
    with browser_look.serve(tmp_path) as site:
        visit = browser_look.Visit(browser, urljoin(site, "cells.html"), width=420)
        try:
            found = browser_look.broken_tokens(visit.page)
        finally:
            visit.close()
    tokens = [b["token"] for b in found["broken"]]
    assert [t.replace("|", "") for t in tokens] == ["2008", "reported"], tokens
    assert all("|" in t for t in tokens) and found["cells"] == 9
    assert found["wrapped"] == 2 + 2  # the two broken, and two wrapped where a line may end (the address is a link)
    assert "2008" in broken_words(found)[0] and "table" in broken_words(found)[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    "page", [p for p in PAGES if p.path.suffix == ".ipynb"], ids=[p.docname for p in PAGES if p.path.suffix == ".ipynb"]
)
def test_imports_fold_away_and_the_parameters_stay_visible(page, observed):
    import nbformat

    nb = nbformat.read(page.path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code or "hide-input" not in code[0].metadata.get("tags", []):
        pytest.skip(f"{page.path.name} does not open with a folded cell of imports")
    fold = seen(observed, page)["fold"]
    assert fold.get("toggle"), "the imports cell has no 'show code' toggle"
    assert fold["hidden"], "the imports are shown, not folded"
    assert fold["revealed"], "the toggle does not reveal the imports"
    if any("parameters" in c.metadata.get("tags", []) for c in code):
        assert fold["parameters_shown"], "the parameters cell is hidden"


def test_landing_page_findings_match_the_analysis(built_book):
    """The built landing page states each finding with the package's own numbers and links its evidence."""
    from bs4 import BeautifulSoup

    from heilongjiang_russia.book import highlights

    soup = BeautifulSoup((built_book.html / "index.html").read_text(encoding="utf-8"), "html.parser")
    items = {li.find("strong").get_text(strip=True): li for li in soup.select("article li") if li.find("strong")}
    found = highlights.highlights()
    assert len(found) >= 5
    for finding in found:
        assert finding.title in items, f"the landing page does not list {finding.title!r}"
        item = items[finding.title]
        text = " ".join(item.get_text(" ").split()).replace("\u2019", "'")
        for name, number in finding.numbers.items():
            assert number in text, f"{finding.title} {name}: the page says {text!r}, the analysis {number}"
        links = [a["href"].split("#")[0] for a in item.find_all("a", href=True)]
        assert f"{finding.page.rsplit('/', 1)[-1]}.html" in [h.rsplit("/", 1)[-1] for h in links], links
    first_screen = soup.select_one("article").get_text(" ")[:4000]
    assert "so far" not in first_screen.lower()


def test_reproducibility_page_names_the_build(built_book):
    from bs4 import BeautifulSoup

    from heilongjiang_russia.pipeline import provenance

    page = BeautifulSoup(
        (built_book.html / "chapters" / "reproducibility.html").read_text(encoding="utf-8"), "html.parser"
    )
    text = " ".join(page.get_text(" ").split())
    commit = provenance.git_commit(paths.ROOT)
    if commit:
        assert commit[0] in text
    for row in provenance.pinned_packages(paths.ROOT / "requirements.lock").itertuples():
        assert f"{row.package} {row.version}" in text, row.package
    for row in provenance.data_checksums(paths.DATA / "datapackage.json").itertuples():
        assert row.sha256 in text, row.path


def test_layout_problems_name_what_a_reader_would_see():
    item = {
        "el": "img",
        "left": 0,
        "right": 0,
        "width": 380,
        "scroll": 380,
        "client": 380,
        "box": False,
        "inside": False,
        "code": False,
        "sticky": None,
        "minw": None,
        "narrowest": None,
    }
    clean = {
        "doc": 420,
        "viewport": 420,
        "column": 388,
        "items": [item],
        "headless": [],
        "alts": ["Line chart of trade by year"],
    }
    assert layout_problems(clean, 420) == []
    broken = {
        "doc": 700,
        "viewport": 420,
        "column": 388,
        "headless": ["table#t"],
        "alts": ["e968c1c5d4758dca.png"],
        "items": [
            {**item, "el": "pre#code", "code": True, "scroll": 900},
            {**item, "el": "table#wide", "right": 250, "width": 638},
            {**item, "el": "div.pst-scrollable-table-container", "box": True, "scroll": 700, "sticky": False},
            {**item, "el": "img.hljru-minw-520", "inside": True, "minw": 520},
        ],
    }
    found = "\n".join(layout_problems(broken, 420))
    for words in [
        "page scrolls sideways",
        "pre#code",
        "scrolls inside the code block",
        "table#wide (638 px in a 388 px column) runs out",
        "without keeping its first column in view",
        "narrower than 520 px",
        "without a header row",
        "alt text does not say what it shows",
    ]:
        assert words in found, words
    assert "behind a scroll bar" in "\n".join(layout_problems(broken, 1400))
    # at 1400 px a table box may scroll when its words cannot sit side by side in the column
    box = {**item, "el": "div.pst-scrollable-table-container", "box": True, "scroll": 1012, "sticky": True}
    wide = {**clean, "doc": 1400, "viewport": 1400, "column": 380}
    assert layout_problems({**wide, "items": [{**box, "narrowest": 1012}]}, 1400) == []
    squeezable = layout_problems({**wide, "items": [{**box, "narrowest": 370}]}, 1400)
    assert squeezable and "hides 632 px behind a scroll bar at 1400 px, although it fits in 370 px" in squeezable[0]


_PLANTED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Planted</title>
<script>const m = matchMedia('(prefers-color-scheme: dark)');
const f = () => { document.documentElement.dataset.theme = m.matches ? 'dark' : 'light'; }; f(); m.onchange = f;</script>
</head><body><main><article class="bd-article">
<p id="faint" style="color:#d0d0d0;background:#fff">Faint text a reader can hardly see.</p>
<table><thead><tr><th>Year</th></tr></thead><tbody>
<tr><td>2008</td></tr><tr><td id="faint-cell" style="color:#d8d8d8;background:#fff">2009</td></tr>
<tr><td>2010</td></tr><tr><td>2011</td></tr></tbody></table>
</article></main></body></html>"""


@pytest.mark.slow
def test_the_look_finds_faint_text_in_both_colour_schemes(tmp_path, browser):
    """The look at a page reports a planted contrast failure in a paragraph and a table's first rows,
    in light and dark mode, and measures the layout in all four states."""
    (tmp_path / "planted.html").write_text(_PLANTED, encoding="utf-8")
    page = book_sources.Page(docname="planted", path=tmp_path / "planted.md")
    with browser_look.serve(tmp_path) as site:
        found = browser_look.look(page, urljoin(site, page.html), browser, tmp_path / "artifacts")
    assert set(found["layouts"]) == {browser_look.key(w, s) for w in WIDTHS for s in SCHEMES}
    for state in ("1400 light", "1400 dark"):
        axe = found["axe"][state]
        assert axe["contrast"], state
        faint = [n["target"] for v in axe["violations"] if v["id"] == "color-contrast" for n in v["nodes"]]
        assert ["#faint"] in faint and ["#faint-cell"] in faint, (state, faint)
    assert not found["axe"]["420 light"]["contrast"] and not found["axe"]["420 light"]["structure"]
    assert found["axe"]["420 dark"]["structure"] and found["axe"]["1400 light"]["structure"]
    assert found["dark_theme"] == "dark"
    assert (tmp_path / "artifacts" / "screenshots" / "planted.dark.420.png").is_file()
