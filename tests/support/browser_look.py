"""Every page of a built book looked at once in Chromium, what it showed written as JSON.

tests/support/build_book.py runs it in the background as soon as the book's HTML is built, in two
processes that share the pages (``python tests/support/browser_look.py HTML OUT.json ARTIFACTS PART/PARTS``),
so that the browser works while the other tests run; `test_browser.py` asserts on the JSON. Debian's Chromium, headless, driven by Playwright (no browser
download), against the built site served on 127.0.0.1.

Each page is opened once, at 1400 px in light mode, then resized to 420 px, switched to dark (the
theme follows the colour scheme without a reload) and widened again; in each of the four states
the layout is measured, and at each width (in light mode: the scheme moves no line break) every word
and number of every table cell is checked for a line break inside it (``broken_tokens``). axe-core (WCAG 2.1 A and AA, the axe.min.js that the installed
axe-playwright-python ships) runs its structural rules once per width (1400 px light, 420 px dark:
the colour scheme changes no element, role or name) and its colour-contrast rule, most of its
time here, once per colour scheme (1400 px light and dark: the widths show the same elements in the
same colours, except those a narrow screen hides), in each table on the header and the first three
body rows: the theme styles every body row like one of those (two alternating backgrounds). A full-page screenshot is saved at
1400 px light and at 420 px dark, for a person to look at. Last, the imports toggle of a notebook
page is clicked. Requests that axe makes itself are kept apart from the page's own.
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import book_sources

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package (make system-deps)
LOCAL = "127.0.0.1"
WIDTHS = (1400, 420)
SCHEMES = ("light", "dark")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STRUCTURE_STATES = ((1400, "light"), (420, "dark"))  # axe's other rules, once per width
CONTRAST_STATES = ((1400, "light"), (1400, "dark"))  # colour contrast, once per scheme
CONTRAST_SKIPS = ["table tbody tr:nth-child(n+4)"]  # rows styled like the first three
SCREENSHOTS = ((1400, "light"), (420, "dark"))
STATES = ((1400, "light"), (420, "light"), (420, "dark"), (1400, "dark"))  # the order a page is seen in
SCROLL_BOXES = ".pst-scrollable-table-container, .hljru-figure-scroll"
# the theme re-marks scrollable boxes as keyboard-focusable 300 ms after a resize (debounced)
THEME_RESIZE_DEBOUNCE_MS = 300


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(html: Path):
    """The built HTML served on 127.0.0.1 (a free port); yields its base URL."""
    handler = functools.partial(Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer((LOCAL, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    from playwright import sync_api

    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} not found: run `make system-deps` (installs Debian's chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


class Visit:
    """One page opened in a fresh browser context, with everything that went wrong recorded.

    Requests that axe-core makes itself (it fetches the stylesheets, and resolves theme.css's
    @import against the page: a 404 that is axe's, not the book's) are kept apart in ``axe_trouble``."""

    def __init__(self, browser, url: str, color_scheme: str = "light", width: int = 1280, wait: str = "networkidle"):
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.foreign: list[str] = []
        self.axe_trouble: list[str] = []
        self.in_axe = False
        self.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=color_scheme)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on(
            "console", lambda m: m.type == "error" and self._note(self.errors, f"console: {m.text} {m.location}")
        )
        self.page.on("pageerror", lambda e: self._note(self.errors, f"uncaught: {e}"))
        self.page.on("requestfailed", lambda r: self._note(self.failed, f"{r.url}: {r.failure}"))
        self.page.on("response", lambda r: r.status >= 400 and self._note(self.failed, f"{r.url}: HTTP {r.status}"))
        self.page.goto(url, wait_until=wait)

    def _note(self, where: list[str], message: str) -> None:
        (self.axe_trouble if self.in_axe else where).append(message)

    def _route(self, route):
        url = route.request.url
        if urlsplit(url).scheme in ("data", "blob", "about") or urlsplit(url).hostname == LOCAL:
            route.continue_()
        else:  # never let a request leave the machine; record it
            self._note(self.foreign, url)
            route.abort()

    @property
    def trouble(self) -> list[str]:
        return self.errors + self.failed + self.foreign

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


_LAYOUT_JS = """(boxes) => {
  const art = document.querySelector('article.bd-article');
  const style = getComputedStyle(art);
  const rect = art.getBoundingClientRect();
  const left = rect.left + parseFloat(style.paddingLeft), right = rect.right - parseFloat(style.paddingRight);
  const column = right - left;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).slice(0, 2).join('.') : '');
  const items = [];
  for (const el of art.querySelectorAll('pre, table, img, figure, .cell_output, div.highlight, mjx-container, ' + boxes)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    const box = el.matches(boxes);
    const inside = el.parentElement.closest(boxes);
    let sticky = null, narrowest = null;
    if (box && el.matches('.pst-scrollable-table-container') && el.scrollWidth > el.clientWidth + 1) {
      const first = el.querySelector('tbody tr td:first-child, tbody tr th:first-child');
      sticky = first ? getComputedStyle(first).position === 'sticky' : false;
      // the narrowest the table can be without breaking a word: its min-content width
      const table = el.querySelector('table');
      if (table) {
        const saved = [table.style.getPropertyValue('width'), table.style.getPropertyPriority('width'),
                       table.style.getPropertyValue('max-width'), table.style.getPropertyPriority('max-width')];
        table.style.setProperty('width', 'min-content', 'important');
        table.style.setProperty('max-width', 'none', 'important');
        narrowest = table.getBoundingClientRect().width;
        table.style.setProperty('width', saved[0], saved[1]);
        table.style.setProperty('max-width', saved[2], saved[3]);
      }
    }
    const minw = (el.className && typeof el.className === 'string') ? el.className.match(/hljru-minw-(\\d+)/) : null;
    items.push({el: name(el), left: r.left - left, right: r.right - right, width: r.width,
                scroll: el.scrollWidth, client: el.clientWidth, box: box, inside: !!inside,
                code: el.matches('pre, div.highlight'), sticky: sticky, narrowest: narrowest,
                minw: minw ? parseInt(minw[1]) : null});
  }
  const headless = Array.from(art.querySelectorAll('table')).filter(t => !t.querySelector('thead th, tr:first-child th')).map(name);
  const alts = Array.from(art.querySelectorAll('img')).map(i => (i.getAttribute('alt') || '').trim());
  return {doc: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth,
          column: column, items: items, headless: headless, alts: alts};
}"""


# Every word and number of every table cell, measured where the browser put it: each
# whitespace-separated token of a cell's text nodes gets a Range, and a token whose rectangles
# lie on more than one line box was wrapped inside itself. The break is found character by
# character; one right after a hyphen, a dash or a slash is where a reader expects a line to
# end ("Skovorodino–Mohe", "export/import"), and so is one next to a Chinese character (Chinese is
# written without spaces and breaks between characters); any other ("200|8", "reporte|d") is a
# broken token.
# A web address may break anywhere (a link, or a token with a scheme): it is not read as a word.
BREAKABLE_AFTER = "-\u2010\u2011\u2012\u2013\u2014\u00ad/"
_BROKEN_JS = r"""(breakable) => {
  const lines = (rects) => {
    const tops = [];
    for (const r of rects) {
      if (r.width === 0 && r.height === 0) continue;
      if (!tops.some(t => Math.abs(t.mid - (r.top + r.bottom) / 2) < Math.max(2, r.height / 2))) {
        tops.push({mid: (r.top + r.bottom) / 2});
      }
    }
    return tops.length;
  };
  const cjk = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;  // Chinese (and Japanese) text breaks between characters
  const range = document.createRange();
  const found = [];
  const cells = document.querySelectorAll('article.bd-article table td, article.bd-article table th');
  let tokens = 0, wrapped = 0;  // every token; those on more than one line, where allowed or not
  for (const cell of cells) {
    if (cell.getClientRects().length === 0) continue;  // not shown
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('a[href^="http"]')) continue;  // a web address may break anywhere
      const re = /\S+/g;
      let m;
      while ((m = re.exec(node.data)) !== null) {
        const token = m[0];
        tokens += 1;
        if (/^[(<]?[a-z][a-z0-9+.-]*:\/\//i.test(token)) continue;
        // a literal that is a file path or a checksum, not a word: it may break anywhere too
        if (node.parentElement.closest('code') && (/[\/._]/.test(token) || /^[0-9a-f]{7,}$/.test(token))) continue;
        range.setStart(node, m.index);
        range.setEnd(node, m.index + token.length);
        if (lines(range.getClientRects()) < 2) continue;
        wrapped += 1;
        // where the token was broken: the characters that start a new line box
        let previous = null, bad = [];
        for (let i = 0; i < token.length; i++) {
          range.setStart(node, m.index + i);
          range.setEnd(node, m.index + i + 1);
          const r = Array.from(range.getClientRects()).find(r => r.width > 0 || r.height > 0);
          if (!r) continue;
          const mid = (r.top + r.bottom) / 2;
          if (previous !== null && mid > previous + Math.max(2, r.height / 2) && !breakable.includes(token[i - 1])
              && !(cjk.test(token[i - 1]) || cjk.test(token[i]))) {
            bad.push(i);
          }
          previous = mid;
        }
        if (bad.length) {
          let shown = '', last = 0;
          for (const i of bad) { shown += token.slice(last, i) + '|'; last = i; }
          shown += token.slice(last);
          const table = cell.closest('table');
          const caption = table && table.querySelector('caption .caption-number');
          found.push({token: shown, table: caption ? caption.textContent.trim() : (table.id || 'table'),
                      cell: cell.textContent.trim().slice(0, 80), width: Math.round(cell.getBoundingClientRect().width)});
        }
      }
    }
  }
  return {tokens: tokens, wrapped: wrapped, cells: cells.length, broken: found};
}"""
WRAP_STATES = ((1400, "light"), (420, "light"))  # the colour scheme moves no line break


def broken_tokens(browser_page) -> dict:
    """Every table cell's words and numbers on the page as shown now: ``broken`` lists each one
    wrapped inside itself (the token with ``|`` where it was broken), with its table and cell."""
    return browser_page.evaluate(_BROKEN_JS, BREAKABLE_AFTER)


def axe_script() -> Path:
    from importlib.resources import files

    script = Path(str(files("axe_playwright_python") / "axe.min.js"))
    if not script.is_file():
        raise FileNotFoundError(
            "axe-playwright-python ships no axe.min.js: is it installed from requirements-dev.lock?"
        )
    return script


def corner_pixel(png: bytes) -> tuple[int, int, int]:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.getpixel((2, 2))


_SETTLE_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
_AXE_JS = """(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                            rules: {'color-contrast': {enabled: false}}})"""
_CONTRAST_JS = """(skips) => axe.run({exclude: skips.map(s => [s])},
                                     {runOnly: {type: 'rule', values: ['color-contrast']}})"""


def key(width: int, scheme: str) -> str:
    return f"{width} {scheme}"


def shot_name(artifacts: Path, docname: str, suffix: str) -> Path:
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{docname.replace('/', '__')}.{suffix}.png"


def _state(visit: Visit, seen: dict, page, width: int, scheme: str, artifacts: Path) -> None:
    if visit.page.viewport_size["width"] != width:
        visit.page.set_viewport_size({"width": width, "height": 900})
        visit.page.wait_for_timeout(THEME_RESIZE_DEBOUNCE_MS + 100)
    visit.page.evaluate(_SETTLE_JS)
    seen["layouts"][key(width, scheme)] = visit.page.evaluate(_LAYOUT_JS, SCROLL_BOXES)
    if (width, scheme) in WRAP_STATES:
        seen["wrapping"][key(width, scheme)] = broken_tokens(visit.page)
    visit.in_axe = True
    try:
        if not visit.page.evaluate("() => typeof axe !== 'undefined'"):
            visit.page.add_script_tag(path=str(axe_script()))
        structure, contrast = (width, scheme) in STRUCTURE_STATES, (width, scheme) in CONTRAST_STATES
        violations = visit.page.evaluate(_AXE_JS, AXE_TAGS)["violations"] if structure else []
        if contrast:
            violations += visit.page.evaluate(_CONTRAST_JS, CONTRAST_SKIPS)["violations"]
    finally:
        visit.in_axe = False
    seen["axe"][key(width, scheme)] = {"violations": violations, "structure": structure, "contrast": contrast}
    if (width, scheme) in SCREENSHOTS:
        suffix = scheme if width == 1400 else f"{scheme}.{width}"
        visit.page.screenshot(path=str(shot_name(artifacts, page.docname, suffix)), full_page=True)


def look(page, url: str, browser, artifacts: Path) -> dict:
    """What ``page`` showed in each state (see the module's docstring)."""
    seen = {"layouts": {}, "wrapping": {}, "axe": {}, "dark_corners": [], "fold": {}}
    visit = Visit(browser, url, width=1400, wait="load")
    try:
        seen["title"] = visit.page.title()
        seen["images"] = visit.page.evaluate(_IMAGES_JS)
        seen["links"] = visit.page.evaluate(_LINKS_JS)
        for width, scheme in STATES:
            if scheme == "dark" and visit.page.evaluate("() => document.documentElement.dataset.theme") != "dark":
                visit.page.emulate_media(color_scheme="dark")
                visit.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'", timeout=5000)
            _state(visit, seen, page, width, scheme, artifacts)
        seen["dark_theme"] = visit.page.evaluate("() => document.documentElement.dataset.theme")
        if page.images:
            figures = visit.page.locator("figure img, .cell_output img")
            for i in range(figures.count()):
                figure = figures.nth(i)
                figure.scroll_into_view_if_needed()
                seen["dark_corners"].append(corner_pixel(figure.screenshot()))
        seen["fold"] = fold(visit.page, page)
    finally:
        visit.close()
    seen.update(errors=visit.errors, failed=visit.failed, foreign=visit.foreign)
    return seen


def fold(browser_page, page) -> dict[str, bool]:
    """Whether the opening imports cell is folded behind a toggle that reveals it (clicks the toggle)."""
    if page.path.suffix != ".ipynb":
        return {}
    first = browser_page.locator("div.cell").first
    if not first.count():
        return {}
    found = {"toggle": first.locator("details.hide summary").count() == 1}
    found["hidden"] = found["toggle"] and not first.locator("pre").first.is_visible()
    if found["toggle"]:
        first.locator("details.hide summary").first.click()
        found["revealed"] = first.locator("pre").first.is_visible()
    parameters = browser_page.locator("div.cell.tag_parameters")
    found["parameters_shown"] = parameters.count() == 1 and parameters.locator("pre").first.is_visible()
    return found


def look_at_book(html: Path, artifacts: Path, part: int = 0, parts: int = 1) -> dict[str, dict]:
    """Every page of ``_toc.yml`` (or every ``parts``-th from the ``part``-th) looked at; a page that
    could not be looked at gets its traceback."""
    found = {}
    with serve(html) as site, chromium() as browser:
        for page in book_sources.book_pages()[part::parts]:
            try:
                found[page.docname] = look(page, urljoin(site, page.html), browser, artifacts)
            except Exception:  # noqa: BLE001 - reported by every test of this page
                found[page.docname] = {"error": traceback.format_exc()}
    return found


def main(argv: list[str]) -> int:
    """``HTML OUT.json ARTIFACTS [PART/PARTS]``"""
    html, out, artifacts = (Path(a) for a in argv[:3])
    part, parts = (int(n) for n in argv[3].split("/")) if len(argv) > 3 else (0, 1)
    try:
        found = look_at_book(html, artifacts, part, parts)
    except Exception:  # noqa: BLE001 - no browser: every browser test says why
        found = {"error": traceback.format_exc()}
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    tmp.replace(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
