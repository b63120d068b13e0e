"""The reader's book without a browser: figure legibility classes, the folded import cell, the
download menu, the landing page's highlights, the reproducibility page's sources and the thebe patch."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from heilongjiang_russia import paths
from heilongjiang_russia.book import directives, downloads, highlights, images
from heilongjiang_russia.chapters import after_paper, claims, network
from heilongjiang_russia.data import table1
from heilongjiang_russia.pipeline import execute, provenance
from heilongjiang_russia.present import figures


def test_svg_text_sizes_reads_the_smallest_text_of_a_figure():
    figures.setup()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot([0, 1], [0, 1])
    ax.set_title("Title", fontsize=12)
    ax.tick_params(labelsize=7)
    width_pt, text_pt = images.svg_text_sizes(figures.show(fig).svg)
    assert text_pt == pytest.approx(7.0)
    assert 300 < width_pt < 6 * 72 + 10  # tight bounding box, at most the 6-inch figure


def test_min_width_keeps_text_at_8_px():
    # 7 pt text in a figure 508 pt wide reaches 8 px at 581 px: the class step above it
    assert images.min_width_px(508.0, 7.0) == 600
    assert images.min_width_px(527.0, 11.0) == 400
    assert images.min_width_px(100.0, 20.0) == images.MIN_WIDTHS.start


def test_every_width_class_is_defined_in_the_css():
    css = (Path(__file__).parents[2] / "_static" / "reader.css").read_text(encoding="utf-8")
    for width in images.MIN_WIDTHS:
        assert f".hljru-minw-{width} {{ min-width: {width}px; }}" in css


def test_every_chapter_folds_its_imports_cell_by_its_tag():
    """The imports cell is folded by the cell tag "hide-input" (a setting myst-nb honours), not by code."""
    import ast

    import nbformat

    for nb_path in execute.toc_notebooks():
        nb = nbformat.read(nb_path, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        body = ast.parse(first.source).body
        assert body and all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in body), nb_path.name
        assert "hide-input" in first.metadata.get("tags", []), nb_path.name


def test_download_menu_drops_the_print_button_and_names_what_it_offers():
    context = {
        "header_buttons": [
            {
                "label": "download-buttons",
                "buttons": [
                    {"label": "download-source-button", "text": ".ipynb", "url": "_sources/x.ipynb"},
                    {
                        "label": "download-pdf-button",
                        "text": ".pdf",
                        "type": "javascript",
                        "javascript": "window.print()",
                    },
                ],
            }
        ]
    }
    downloads._honest_download_menu(None, "x", "page.html", context, None)
    buttons = context["header_buttons"][0]["buttons"]
    assert [b["label"] for b in buttons] == ["download-source-button"]
    assert buttons[0]["text"] == "this page as a notebook (.ipynb)"
    assert not any("print" in json.dumps(b) for b in buttons)


def test_highlights_carry_the_numbers_of_the_analysis(real_audit, monkeypatch):
    # the audit of the committed files, already computed once for this test run (the same call)
    monkeypatch.setattr(highlights.verdicts, "findings", lambda: real_audit.copy())
    found = {h.key: h for h in highlights.highlights()}
    # what an economist asks first (the explanation, after 2018), then the arithmetic
    assert list(found) == ["energy", "nation", "after", "unit", "decline", "growth", "shares", "network"]
    # the energy highlight states the ledger's status of C015 with its robustness; the network one the rank range
    assert found["energy"].numbers["verdict"] == claims.load().loc["C015", "status"]
    assert "(claim C015) is " + found["energy"].numbers["verdict"] + " as the paper states it" in found["energy"].text
    assert "holds throughout the box" in found["energy"].text or "fragile: " in found["energy"].text
    assert "Harbin places between rank 1 and 13" in found["network"].text
    trade = table1.load().set_index("year")
    assert found["unit"].numbers["printed"] == f"{trade.loc[2008, 'total']:.1f}"
    assert found["unit"].numbers["ratio"] == "100"  # the caption's million vs the table's 100 million
    assert found["decline"].numbers["steepest"] == "-53.4" and "2015" in found["decline"].text
    # numbers read from fields of the chapters' results, not from their sentences
    gap = real_audit.set_index("finding_id").loc[f"SHARE-china-{found['shares'].numbers['year']}"]
    assert found["shares"].numbers["computed"] == f"{gap['scale']:.1f}"
    assert (
        "price the largest part in 2 of 7 swings (2016, 2017) of total trade moving by more than 15%"
        in found["energy"].text
    )
    chapter, _ = network.headline(hub="Harbin", tolerance=0.05)
    assert chapter.split(" of them. ", 1)[1] in found["network"].text  # the chapter's verdict, as the chapter words it
    shares = after_paper.analyse(after_paper.check_parameters(after_paper.DEFAULTS)).shares  # the defaults
    assert found["after"].numbers["share_2018"] == f"{shares.loc[2018, 'share_pct']:.1f}%"
    assert "share_2024" not in found["after"].numbers  # the 2024 figure had no acceptable source
    assert "no share can be computed for 2019, 2020 and 2022–2024" in found["after"].text
    for f in found.values():
        for shown in f.numbers.values():
            assert shown in f.text, (f.key, shown)
        assert f.myst().startswith(f"- **{f.title}**") and f"{{doc}}`/{f.page}`" in f.myst()


def test_pinned_packages_are_read_and_a_loose_line_is_refused(tmp_path):
    lock = tmp_path / "requirements.lock"
    lock.write_text("# pins\npandas==2.2.3\nSphinx==7.4.7\n\n", encoding="utf-8")
    assert provenance.pinned_packages(lock).values.tolist() == [["pandas", "2.2.3"], ["Sphinx", "7.4.7"]]
    lock.write_text("pandas>=2\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"requirements.lock, line 1: 'pandas>=2' is not a pinned"):
        provenance.pinned_packages(lock)


def test_execution_times_are_recorded_for_book_pages_only(tmp_path):
    page = tmp_path / "chapters" / "02_x.ipynb"
    page.parent.mkdir()
    provenance.record_execution(page, 12.34, root=tmp_path)
    provenance.record_execution(tmp_path.parent / "elsewhere.ipynb", 5.0, root=tmp_path)
    times = provenance.execution_times(tmp_path)
    assert list(times) == ["chapters/02_x"] and times["chapters/02_x"]["seconds"] == 12.3
    text = provenance.page_myst(_repo_like(tmp_path), ["chapters/02_x", "chapters/03_y"])
    assert "executed 1 of the book's notebooks" in text and "{doc}`/chapters/02_x`" in text
    assert "not from a git checkout" in text


def _repo_like(root):
    from heilongjiang_russia import paths

    (root / "requirements.lock").write_text(
        (paths.ROOT / "requirements.lock").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "datapackage.json").write_text(
        (paths.DATA / "datapackage.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return root


def test_the_pdf_edition_of_the_reproducibility_page_says_where_the_tables_are(tmp_path):
    text = provenance.page_myst(_repo_like(tmp_path), [], tables=False)
    assert "left out of the PDF" in text and ":::{table}" not in text
    assert ":::{table}" in provenance.page_myst(tmp_path, [])


def test_the_landing_page_is_read_again_when_a_highlight_s_input_changes():
    """The highlights are recomputed when the data or the package's code changes (and only then): the
    landing page lists both as its dependencies."""
    inputs = set(directives.highlights_inputs())
    for resource in json.loads((paths.DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]:
        assert (paths.DATA / resource["path"]).resolve() in {p.resolve() for p in inputs}, resource["path"]
    assert Path(highlights.__file__).resolve() in {p.resolve() for p in inputs}


def _thebe_page(root: Path, extensions: list[str]) -> str:
    """The HTML of a one-page Sphinx project with ``extensions``."""
    from sphinx.application import Sphinx

    src = root / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(f"extensions = {extensions!r}\nthebe_config = {{}}\n", encoding="utf-8")
    (src / "index.rst").write_text("Page\n====\n", encoding="utf-8")
    out = root / "out"
    Sphinx(src, src, out, root / "doctrees", "html", status=None, warning=None, freshenv=True).build()
    return (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow  # two one-page Sphinx builds
def test_the_thebe_patch_is_still_needed(tmp_path):
    """book/thebe_patch.py repairs a private Sphinx API; this fails once Sphinx or sphinx-thebe stop
    declaring the thebe configuration twice, and then the patch (and this test) should go."""
    without = _thebe_page(tmp_path / "without", ["sphinx_thebe"])
    assert without.count("const THEBE_JS_URL") == 2, (
        "sphinx-thebe and Sphinx no longer declare THEBE_JS_URL twice: delete book/thebe_patch.py and its "
        "entry in book/reader.py's PARTS"
    )
    patched = _thebe_page(tmp_path / "with", ["sphinx_thebe", "heilongjiang_russia.book.thebe_patch"])
    assert patched.count("const THEBE_JS_URL") == 1
