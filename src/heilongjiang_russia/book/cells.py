"""Notebook cells in the HTML book: a first cell that only imports is folded away."""

from __future__ import annotations

from pathlib import Path


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


def setup(app):
    app.connect("doctree-read", _hide_import_cell)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
