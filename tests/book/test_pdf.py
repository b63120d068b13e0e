"""The PDF book (Jupyter Book's XeLaTeX route, as `make pdf` builds it) holds the whole book.

Its text is extracted with pdftotext and compared with the book's sources (tests/support/book_sources.py):
every chapter title, table caption and figure caption, the number of pictures, the
bibliography, the version on the title page, and any Cyrillic or Chinese text, which must
be typeset rather than dropped (XeLaTeX only logs "Missing character" for a glyph no font has).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib import metadata

import book_sources
import pytest

PDF_BUDGET = 5 * 1024 * 1024
_SCRIPTS = re.compile(r"[\u0400-\u04ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} not found: run `make system-deps` (installs poppler-utils and TeX Live)"
    return found


@pytest.fixture(scope="module")
def pdf(built_book):
    assert built_book.pdf.is_file(), f"no PDF at {built_book.pdf}"
    return built_book.pdf


@pytest.fixture(scope="module")
def pages_text(pdf) -> list[str]:
    out = subprocess.run(
        [_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")


def _body(page: str) -> str:
    """A page's text without its running head (first line) and footer (last line), which
    would otherwise interrupt a sentence, caption or file name that runs onto the next page."""
    lines = [line for line in page.splitlines() if line.strip()]
    if lines and "Release " in lines[0]:
        lines = lines[1:]
    return "\n".join(lines[:-1])


@pytest.fixture(scope="module")
def text(pages_text) -> str:
    return book_sources.normalise("\n".join(_body(page) for page in pages_text))


@pytest.fixture(scope="module")
def pages():
    return book_sources.book_pages()


@pytest.mark.slow
def test_every_chapter_title_is_in_the_pdf(pages, text):
    chapters = pages[1:]  # the root page becomes the front matter, under "About this book"
    assert chapters, "_toc.yml lists no chapter"
    missing = [p.title for p in chapters if book_sources.normalise(p.title) not in text]
    assert not missing, f"chapter titles missing from the PDF: {missing}"
    assert book_sources.normalise("About this book") in text


@pytest.mark.slow
def test_every_table_caption_is_in_the_pdf(pages, text):
    captions = [c for p in pages for c in p.table_captions]
    missing = [f for c in captions for f in book_sources.fragments(c) if book_sources.normalise(f) not in text]
    assert not missing, f"table captions (or parts of them) missing from the PDF: {missing}"
    numbered = set(re.findall(r"table((?:\d+|[a-z])\.\d+):", text))
    assert len(numbered) == len(captions), (
        f"{len(captions)} tables in the sources, {len(numbered)} numbered tables in the PDF"
    )


@pytest.mark.slow
def test_every_figure_is_in_the_pdf_with_its_caption(pages, text, pdf):
    captions = [c for p in pages for c in p.figure_captions]
    missing = [f for c in captions for f in book_sources.fragments(c) if book_sources.normalise(f) not in text]
    assert not missing, f"figure captions (or parts of them) missing from the PDF: {missing}"
    numbered = set(re.findall(r"fig\.((?:\d+|[a-z])\.\d+):", text))
    assert len(numbered) == len(captions), (
        f"{len(captions)} captioned figures in the sources, {len(numbered)} in the PDF"
    )
    # every picture shown in the HTML is an image in the PDF (an SVG-only figure would vanish)
    listing = subprocess.run([_tool("pdfimages"), "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = [line for line in listing.splitlines()[2:] if line.split() and line.split()[2] == "image"]
    expected = sum(p.images for p in pages)
    assert len(images) == expected, f"{expected} pictures in the notebooks' outputs, {len(images)} images in the PDF"


@pytest.mark.slow
def test_tables_and_figures_carry_the_numbers_of_the_html(text):
    """LaTeX numbers tables and figures per chapter ("Table 11.1", "Fig. 2.3"); the PDF's numbers are
    those of the HTML book and of REPLICATION.md's list (less the tables the PDF leaves out)."""
    from heilongjiang_russia.dev import replication

    listed = [i for i in replication.exhibits() if not i.html_only]
    for kind, pattern in (("Table", r"table(\d+\.\d+):"), ("Fig.", r"fig\.(\d+\.\d+):")):
        want = {f"{i.chapter}.{i.index}" for i in listed if i.kind == kind}
        found = set(re.findall(pattern, text))
        assert found == want, (
            f"{kind}: in the PDF, not listed: {sorted(found - want)}; listed, not in the PDF: {sorted(want - found)}"
        )


@pytest.mark.slow
def test_bibliography_lists_the_article(text):
    assert book_sources.normalise("Bibliography") in text
    assert (
        book_sources.normalise("Strategic priorities of cooperation between Heilongjiang province and Russia") in text
    )


@pytest.mark.slow
def test_title_page_carries_the_version(pages_text):
    version = metadata.version("heilongjiang-russia")
    assert f"Release {version}" in pages_text[0], pages_text[0][:500]


@pytest.mark.slow
def test_cyrillic_and_chinese_text_is_typeset(built_book, pages, text):
    log = (built_book.latex / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log, [line for line in log.splitlines() if "Missing character" in line][:5]
    wanted = {ch for p in pages for chunk in p.markdown for ch in _SCRIPTS.findall(chunk)}
    missing = sorted(ch for ch in wanted if book_sources.normalise(ch) not in text)
    assert not missing, f"Cyrillic/Chinese characters of the sources not in the PDF text: {''.join(missing)}"


@pytest.mark.slow
def test_pdf_fits_the_budget(pdf):
    size = pdf.stat().st_size
    assert size < PDF_BUDGET, f"{pdf.name} is {size / 1e6:.2f} MB, over the 5 MB budget"


@pytest.mark.slow
def test_latin_punctuation_is_not_typeset_as_cjk(pages, pdf):
    """xeCJK sets curly quotes and apostrophes in the CJK font, full width ("paper’ s"), unless
    told otherwise; then a book without Chinese text still embeds a CJK font."""
    chinese = {ch for p in pages for chunk in p.markdown for ch in chunk if "\u3400" <= ch <= "\u9fff"}
    fonts = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk_fonts = [line.split()[0] for line in fonts.splitlines()[2:] if "CJK" in line]
    if not chinese:
        assert not cjk_fonts, f"CJK fonts used although the book has no Chinese text: {cjk_fonts}"
    else:
        assert cjk_fonts, "the book has Chinese text but the PDF embeds no CJK font"


@pytest.mark.slow
def test_every_data_download_names_its_file_in_the_pdf(pages, text):
    """On paper a download button is useless: the PDF names the file (and links it in the repository)."""
    import posixpath

    link = re.compile(r"\{download\}`[^`<]*<([^>`]+)>`")
    files = [
        posixpath.normpath(posixpath.join(posixpath.dirname(p.docname), target))
        for p in pages
        for chunk in p.markdown
        for target in link.findall(chunk)
    ]
    missing = [f for f in files if book_sources.normalise(f) not in text]
    assert not missing, f"data files offered in the HTML but not named in the PDF: {missing}"


def test_repository_file_url():
    from heilongjiang_russia.book.pdf import repository_file_url

    url = repository_file_url("https://github.com/o/r/", "main", "chapters/02_x", "../outputs/02_x/fig-a.csv")
    assert url == "https://github.com/o/r/blob/main/outputs/02_x/fig-a.csv"
    with pytest.raises(ValueError, match="chapters/02_x: download link '../../secret.csv' points outside"):
        repository_file_url("https://github.com/o/r", "main", "chapters/02_x", "../../secret.csv")


@pytest.mark.slow
def test_no_text_runs_off_the_page(pdf):
    """A table or code line too big for the page overruns the footer or the right margin."""
    html = subprocess.run(
        [_tool("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    overruns = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        width, height = map(float, re.search(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for match in re.finditer(r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page):
            x, y = float(match.group(1)), float(match.group(2))
            # the footer's baseline sits 40 pt above the bottom edge, the text block ends 70 pt from the right
            if y > height - 36 or x > width - 50:
                overruns.append(f"page {number}: {match.group(3)!r} at ({x:.0f}, {y:.0f})")
    assert not overruns, f"text outside the page's text area: {overruns[:10]}"


def test_content_widths():
    from heilongjiang_russia.book.pdf import content_widths

    rows = [["Item", "Result", "Claim"], ["E06", "a long paraphrase " * 10, "C019"]]
    assert content_widths(rows) == [7 + 4, 40 + 4, 7 + 4]
    # a paragraph of 900 characters in one cell: its column widens so that the row fits on a page
    rows = [["Finding", "Printed", "Evidence"], ["PV-energy", "x" * 900, "y" * 300]]
    assert content_widths(rows) == [9 + 4, 67 + 4, 40 + 4]


def test_column_spec():
    from heilongjiang_russia.book.pdf import column_spec

    assert column_spec([8, 12, 35]) == r"\X{8}{55}\X{12}{55}\X{35}{55}"


@pytest.mark.slow
def test_a_tables_given_widths_set_its_columns_in_the_pdf(built_book):
    """The widths a chapter gives a table (``myst_table(widths=...)``, written as ``:widths:``) are its
    LaTeX column spec, as a tabularcolumns directive set them (the notebooks carry none: JupyterLab
    shows one as an unknown directive): chapter 6's shares, widths 8 12 35 12 35."""
    tex = (built_book.latex / "book.tex").read_text(encoding="utf-8")
    caption = tex.index(r"\label{\detokenize{chapters/06_price_or_volume:tab-pv-shares}}")
    assert (
        tex[caption:].split("\n")[2]
        == r"\begin{tabulary}{\linewidth}[t]{\X{8}{102}\X{12}{102}\X{35}{102}\X{12}{102}\X{35}{102}}"
    )
