"""Numbers that chapters insert into their prose (myst-nb ``glue``), never typed by hand."""

from __future__ import annotations

import numbers


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

    for name, value in values.items():
        glue(name, plain(value), display=False)
