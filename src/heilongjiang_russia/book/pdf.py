"""The PDF edition (Sphinx's LaTeX builder): what LaTeX would print inert, clipped or off the page.

* each "download the data" link (the ``{download}`` role, which LaTeX prints as inert text) becomes a
  link to that file in the book's repository (:func:`repository_file_url`);
* a table's ``:widths:`` become its LaTeX column spec (:func:`column_spec`), as a ``tabularcolumns``
  directive would give it (the notebooks' tables carry no such directive: JupyterLab cannot show it);
* long tables break across pages (:func:`content_widths`): Sphinx sets a table of fewer than 30 rows in
  one unbreakable block, which runs off the page when its rows wrap;
* every web address written as plain text becomes a link (:func:`split_urls`), which LaTeX can break
  across lines (``xurl`` in the preamble) instead of running off the page; so may a long file name or
  identifier in a table cell (:func:`break_points`).
"""

from __future__ import annotations

import math
import posixpath
import re

# A PDF table with this many rows, or this much text, may break across pages
LONG_TABLE_ROWS = 8
LONG_TABLE_CHARS = 1200
PARAGRAPH_CELL = 320  # characters: a cell this long gets a column wide enough for its row to fit a page
LONG_TOKEN = 18  # a word this long in a table cell may break after / _ - . (file names, identifiers)
_URL = re.compile(r"https?://[^\s<>\"'()]*[^\s<>\"'().,;:]")


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


def column_spec(widths: list[int]) -> str:
    """The LaTeX column spec of relative ``widths``: each column ``\\X{width}{total}`` of the line."""
    total = sum(widths)
    return "".join(f"\\X{{{w}}}{{{total}}}" for w in widths)


def _widths_as_column_specs(app, doctree, docname) -> None:
    """Each table whose widths are given (``:widths:``) gets them as a ``tabularcolumns`` spec, unless
    it has one: the table is then set as one with that directive (tabulary, no vertical rules)."""
    if app.builder.format != "latex":
        return
    from docutils import nodes
    from sphinx import addnodes

    specified = {
        spec.next_node(nodes.table, descend=False, siblings=True, ascend=True)
        for spec in doctree.findall(addnodes.tabular_col_spec)
    }
    for table in list(doctree.findall(nodes.table)):
        if "colwidths-given" not in table["classes"] or table in specified:
            continue
        tgroup = next(iter(table.findall(nodes.tgroup)), None)
        widths = [int(c["colwidth"]) for c in tgroup.children if isinstance(c, nodes.colspec)] if tgroup else []
        if widths:
            table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=column_spec(widths)))


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
    app.connect("doctree-resolved", _downloads_as_repository_links)
    app.connect("doctree-resolved", _widths_as_column_specs, priority=400)  # before the long tables
    app.connect("doctree-resolved", _long_tables_break_across_pages)
    app.connect("doctree-resolved", _plain_urls_as_links)
    app.connect("doctree-resolved", _long_words_in_tables_may_break, priority=600)  # after the links
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
