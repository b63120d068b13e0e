"""Numbers that chapters insert into their prose (myst-nb ``glue``), never typed by hand.

The book renders each glued value where the prose cites it. JupyterLab cannot (it does not
know myst-nb's ``{glue}`` role), so a reader who runs a chapter there also sees the values of
that run, as a table under the cell that glued them; the pipeline's runs, whose notebooks
the book shows, do not carry that table.
"""

from __future__ import annotations

import numbers

from . import outputs


def plain(value):
    """A numpy scalar as the matching Python value, so that glue formats it (``:.1f``)."""
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def glue_all(**values) -> None:
    """Glue every keyword as a hidden value that prose cites with ``{glue:text}`name```."""
    from myst_nb import glue

    if outputs.interactive() and values:  # first: JupyterLab shows a cell's first 50 outputs
        from IPython.display import Markdown, display

        display(Markdown(this_run(values)))
    for name, value in values.items():
        glue(name, plain(value), display=False)


def _shown(value) -> str:
    value = plain(value)
    if isinstance(value, float):
        text = f"{value:,.2f}" if abs(value) >= 0.01 or value == 0 else f"{value:.3g}"
    else:
        text = str(value)
    # a table cell: no pipe, and no dollar sign that JupyterLab would take for mathematics
    return text.replace("|", "/").replace("$", "\\$").replace("\n", " ")


def this_run(values: dict) -> str:
    """The glued values as a Markdown table, named as the prose cites them (``{glue:text}`name```)."""
    rows = "\n".join(f"| `{name}` | {_shown(value)} |" for name, value in values.items())
    return (
        f"**This run in numbers** ({len(values)} values the prose below and above cites by name)\n\n"
        f"| cited as | this run |\n| --- | --- |\n{rows}\n"
    )
