"""How the book writes lists, year ranges and signed numbers in its sentences (one home for every chapter)."""

from __future__ import annotations


def listing(items, empty: str = "none") -> str:
    """``a``, ``a and b``, ``a, b and c`` (``empty`` when there is nothing)."""
    items = [str(i) for i in items]
    if not items:
        return empty
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def year_list(years) -> str:
    """Years as listed, in the order given: ``2011, 2015 and 2016``."""
    return listing(int(y) for y in years)


def year_ranges(years) -> str:
    """Years as prose, runs of three or more as ranges: ``2008–2011, 2013 and 2021`` (``none`` when empty)."""
    years = sorted({int(y) for y in years})
    if not years:
        return "none"
    runs, start = [], years[0]
    for prev, cur in zip(years, years[1:] + [None]):
        if cur is None or cur != prev + 1:
            runs.extend([f"{start}–{prev}"] if prev - start >= 2 else [str(y) for y in range(start, prev + 1)])
            start = cur
    return listing(runs)


def span(first: int, last: int) -> str:
    """``2011`` or ``2011–2014``."""
    return f"{first}" if first == last else f"{first}–{last}"


def signed(v: float, places: int = 2) -> str:
    """``+1.23`` or ``−1.23`` (a true minus sign), ``0`` when it rounds to zero."""
    if round(v, places) == 0:
        return "0"
    return ("−" if v < 0 else "+") + f"{abs(v):.{places}f}"
