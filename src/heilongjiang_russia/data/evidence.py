"""The kind of evidence behind every outside figure, and the rules that keep kinds honest.

Each outside series carries a kind column (``evidence``, or ``<series>_evidence`` where one row holds
two series), declared in ``data/datapackage.json`` with an enum:

- ``official``: an official statistic quoted exactly, read on the issuing body's own page;
- ``agency``: a news agency's or newspaper's report of an official figure (or a verbatim repost of it);
- ``secondary``: the figure at second hand: a portal or aggregator restating it, an encyclopaedia
  mirror, a repository that mirrors an official series, a mean computed by a third party;
- ``conversion``: a third party's conversion of a reported figure into another currency at a rate
  it does not state (or a rate of another period); never a reported figure;
- ``derived``: computed by this compendium (its source begins ``DERIVED``);
- ``part-year``: a figure for part of a year;
- ``not found``: searched for and not found (no value).

Only :data:`REPORTED_KINDS` are reported values; the audit uses nothing else as evidence.

A resource declares its kind columns in ``data/datapackage.json`` under ``evidence``: one entry per
series, naming the kind column and the series' ``value``, ``source`` and (where it has one)
``confidence`` and ``period`` (the column whose name says that a row covers part of a year). The
package lists under ``refused_sources`` what is never a source (demo, test or tutorial datasets).
:func:`check_rows` enforces both; :mod:`.validation` calls it after the schema's own checks.
"""

from __future__ import annotations

import re

from heilongjiang_russia.errors import DataValidationError

KINDS = ("official", "agency", "secondary", "conversion", "derived", "part-year", "not found")
REPORTED_KINDS = ("official", "agency", "secondary")
NOT_REPORTED = ("conversion", "derived")  # values that exist but were not reported as they stand
# a row covering part of a year: hlj_russia_trade_H1, ..._Q1, ..._Jan_Aug
PART_YEAR = re.compile(r"_(H[12]|Q[1-4]|[A-Z][a-z]{2}_[A-Z][a-z]{2})$")
EVIDENCE_CONFIDENCE = ("high", "medium")  # a confidence that lets a row count as evidence


def is_reported(kind) -> bool:
    """A value of this kind was reported as it stands (official, agency, secondary)."""
    return kind in REPORTED_KINDS


def is_source_field(name: str) -> bool:
    """A column that names where a value comes from (``source``, ``brent_source``, ...)."""
    return name == "source" or name.endswith("_source")


def refused(source: str, refused_sources: list[dict]) -> dict | None:
    """The entry of ``refused_sources`` that ``source`` names (case-insensitive), or None."""
    text = source.lower()
    return next((r for r in refused_sources if r["name"].lower() in text), None)


def _derived_source(source: str) -> bool:
    return source.strip().upper().startswith("DERIVED")


def _row_problem(cells: dict, group: dict) -> tuple[str, str] | None:
    """What is wrong with one series of one row, as (message, column), or None."""
    kind_col = group["kind"]
    kind, value, source = cells[kind_col], cells[group["value"]], cells[group["source"]]
    confidence = cells.get(group.get("confidence", ""), "")
    if (kind == "not found") != (value == ""):
        if kind == "not found":
            return f"kind 'not found' but the value is {value!r}; a value found has another kind", kind_col
        return f"no value, so the kind must be 'not found', not {kind!r}", kind_col
    if kind == "not found" and "confidence" in group and confidence != "unsourced":
        return f"a value not found has confidence 'unsourced', not {confidence!r}", group["confidence"]
    if (kind == "derived") != _derived_source(source):
        if kind == "derived":
            return "kind 'derived' but the source does not begin with 'DERIVED:' and say how", group["source"]
        return f"the source begins with 'DERIVED', so the kind must be 'derived', not {kind!r}", kind_col
    if kind in NOT_REPORTED and confidence in EVIDENCE_CONFIDENCE:
        what = "a third party's conversion" if kind == "conversion" else "a value this compendium derived"
        return (
            f"{what} is not a reported figure, but confidence {confidence!r} would let it count as one; "
            "give it confidence 'low' (the reported figure it comes from is its own row)",
            group["confidence"],
        )
    if "period" in group and value != "":
        partial = bool(PART_YEAR.search(cells[group["period"]]))
        if partial and kind != "part-year":
            return f"{cells[group['period']]!r} covers part of a year, so the kind must be 'part-year'", kind_col
        if kind == "part-year" and not partial:
            return (
                f"kind 'part-year' but {cells[group['period']]!r} names no part of a year (_Q1, _H1, _Jan_Aug)",
                kind_col,
            )
    return None


def check_rows(body: list[list[str]], names: list[str], resource: dict, refused_sources: list[dict], shown: str):
    """Raise :class:`DataValidationError` (file, row, column) for the first row that cites a refused
    source or whose evidence kind contradicts its value, source, confidence or period."""
    sources = [n for n in names if is_source_field(n)]
    groups = resource.get("evidence", [])
    for i, row in enumerate(body, start=1):
        cells = dict(zip(names, row))
        for name in sources:
            hit = refused(cells[name], refused_sources)
            if hit:
                raise DataValidationError(
                    shown,
                    f"cites {hit['name']}, {hit['reason']}; that is not a source: re-source the row or drop it "
                    "(data/datapackage.json, refused_sources)",
                    row=i,
                    column=name,
                )
        for group in groups:
            problem = _row_problem(cells, group)
            if problem:
                raise DataValidationError(shown, problem[0], row=i, column=problem[1])
