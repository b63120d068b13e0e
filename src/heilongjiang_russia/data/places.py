"""Places and corridors: the gazetteer and Tables 2 and 3 of Song (2019) as routes.

``data/raw/table2_channels.csv`` and ``data/raw/table3_layout.csv`` hold every item of the two
tables with the wording as printed and the places it names, as gazetteer ids in printed
order. In the ``places`` column ``;`` joins consecutive places of one sequence and ``|``
separates sequences that are not joined (a fork, separate pairs, or single nodes).
:func:`routes` turns both tables into one long table, one row per place of a sequence.
"""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.errors import DataValidationError, ParameterError

from .validation import load_resource

GAZETTEER = "gazetteer"
TABLE2 = "table2-channels"
TABLE3 = "table3-layout"
SPELLINGS = "place-spellings"

# The transport modes of Table 2, in printed order, with the label used in figures;
# then the two kinds of link that Table 3's layout draws (industrial belts, border ring).
MODES = {
    "land_sea": "Land and sea",
    "railway": "Railway",
    "highway": "Highway",
    "water": "Water",
    "aviation": "Aviation",
    "pipeline": "Pipeline",
    "grid": "Power grid",
    "cable": "Cable",
    "belt": "Industrial belt (Table 3)",
    "ring": "Border ring (Table 3)",
}
TABLE2_MODES = list(MODES)[:8]

_FILES = {TABLE2: "data/raw/table2_channels.csv", TABLE3: "data/raw/table3_layout.csv"}


def gazetteer() -> pd.DataFrame:
    """The gazetteer (``data/gazetteer.csv``), validated, indexed by ``place_id``."""
    return load_resource(GAZETTEER).set_index("place_id", drop=False)


def place_ids() -> list[str]:
    """Every gazetteer id, the values a chapter's ``hub`` parameter may take."""
    return list(gazetteer()["place_id"])


gazetteer_ids = place_ids  # the name the runner looks for when it validates ``hub``


def spellings() -> pd.DataFrame:
    """The paper's variant spellings and the gazetteer place each is read as."""
    return load_resource(SPELLINGS)


def table2() -> pd.DataFrame:
    """Table 2 as printed, one row per item."""
    return load_resource(TABLE2)


def table3() -> pd.DataFrame:
    """Table 3 as printed, one row per item."""
    return load_resource(TABLE3)


def sequences(cell) -> list[list[str]]:
    """The ``places`` cell as a list of ordered sequences of place ids (empty cell: no sequence)."""
    if cell is None or (isinstance(cell, float) and cell != cell) or str(cell).strip() == "":
        return []
    return [seq.split(";") for seq in str(cell).split("|")]


def _mode_of_layout(layout: str) -> str | None:
    return {"Four belts": "belt", "One ring": "ring"}.get(layout)


def routes(table2_frame: pd.DataFrame | None = None, table3_frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Both tables in long form: one row per place of each sequence, in printed order.

    Columns: ``table``, ``item_id``, ``mode`` (:data:`MODES`, or None for Table 3 items
    that are neither a belt nor the ring), ``geometry``, ``sequence`` (0-based within the
    item), ``order`` (0-based within the sequence), ``place_id``.
    """
    t2 = table2() if table2_frame is None else table2_frame
    t3 = table3() if table3_frame is None else table3_frame
    rows = []
    for table, frame in (("Table 2", t2), ("Table 3", t3)):
        for rec in frame.itertuples(index=False):
            mode = rec.mode if table == "Table 2" else _mode_of_layout(rec.layout)
            for s, seq in enumerate(sequences(rec.places)):
                for o, place in enumerate(seq):
                    rows.append((table, rec.item_id, mode, rec.geometry, s, o, place))
    return pd.DataFrame(rows, columns=["table", "item_id", "mode", "geometry", "sequence", "order", "place_id"])


def _check_known(seqs: list[list[str]], known: set, shown: str, row: int, item_id) -> None:
    """Raise if a place of ``seqs`` is not a gazetteer id (the first such place, in printed order)."""
    for seq in seqs:
        for place in seq:
            if place not in known:
                raise DataValidationError(
                    shown,
                    f"item {item_id} names place {place!r}, which data/gazetteer.csv lacks "
                    "(add it to the gazetteer or correct the id)",
                    row=row,
                    column="places",
                )


def _geometry_problem(geometry: str, seqs: list[list[str]]) -> str | None:
    """What is wrong with ``seqs`` for an item of ``geometry``, or None if they fit it."""
    flat = [p for seq in seqs for p in seq]
    longest = max((len(s) for s in seqs), default=0)
    if geometry == "none" and flat:
        return "geometry 'none' but places are named"
    if geometry == "point" and len(flat) != 1:
        return f"geometry 'point' needs exactly one place, found {len(flat)}"
    if geometry == "nodes" and (longest != 1 or len(flat) < 2):
        return "geometry 'nodes' needs two or more places separated by '|', none joined by ';'"
    if geometry in ("route", "ring") and longest < 2:
        return f"geometry '{geometry}' needs at least one sequence of two places joined by ';'"
    return None


def check_routes(
    table2_frame: pd.DataFrame | None = None,
    table3_frame: pd.DataFrame | None = None,
    gazetteer_frame: pd.DataFrame | None = None,
) -> None:
    """Raise :class:`DataValidationError` naming file, row and place if a route is malformed.

    Every place must be a gazetteer id; a ``point`` names one place, ``nodes`` only
    single-place sequences, a ``route`` or ``ring`` at least one sequence of two or more,
    and ``none`` no place at all.
    """
    gaz = gazetteer() if gazetteer_frame is None else gazetteer_frame
    known = set(gaz["place_id"])
    for name, frame in (
        (TABLE2, table2() if table2_frame is None else table2_frame),
        (TABLE3, table3() if table3_frame is None else table3_frame),
    ):
        shown = _FILES[name]
        for row, rec in enumerate(frame.itertuples(index=False), start=1):
            seqs = sequences(rec.places)
            _check_known(seqs, known, shown, row, rec.item_id)
            problem = _geometry_problem(rec.geometry, seqs)
            if problem:
                raise DataValidationError(shown, f"item {rec.item_id}: {problem}", row=row, column="geometry")


def check_spellings(spell: pd.DataFrame | None = None, gazetteer_frame: pd.DataFrame | None = None) -> None:
    """Every variant spelling points to a gazetteer place that lists it among its printed forms."""
    spell = spellings() if spell is None else spell
    gaz = gazetteer() if gazetteer_frame is None else gazetteer_frame
    for row, rec in enumerate(spell.itertuples(index=False), start=1):
        if rec.place_id not in gaz.index:
            raise DataValidationError(
                "data/raw/place_spellings.csv",
                f"{rec.printed!r} is mapped to {rec.place_id!r}, which data/gazetteer.csv lacks",
                row=row,
                column="place_id",
            )
        printed = gaz.loc[rec.place_id, "printed"].split("|")
        if rec.printed not in printed:
            raise DataValidationError(
                "data/raw/place_spellings.csv",
                f"{rec.printed!r} is not among the printed forms of {rec.place_id!r} in "
                f"data/gazetteer.csv ({', '.join(printed)})",
                row=row,
                column="printed",
            )


def check_modes(modes) -> list[str]:
    """Validate a chapter's ``modes`` parameter (a list of :data:`MODES` keys)."""
    if isinstance(modes, str) or not list(modes):
        raise ParameterError("modes", f"expected a non-empty list of mode names from {', '.join(MODES)}; got {modes!r}")
    bad = [m for m in modes if m not in MODES]
    if bad:
        raise ParameterError("modes", f"{', '.join(map(repr, bad))} not allowed; choose from {', '.join(MODES)}")
    return list(modes)


def check_hub(
    hub: str, gazetteer_frame: pd.DataFrame | None = None, routes_frame: pd.DataFrame | None = None, modes=None
) -> str:
    """Validate a chapter's ``hub`` parameter: a gazetteer ``place_id`` and, when ``routes_frame``
    and ``modes`` are given, a place that an item of those modes names."""
    gaz = gazetteer() if gazetteer_frame is None else gazetteer_frame
    if hub not in gaz.index:
        close = [p for p in gaz.index if p.lower().startswith(str(hub)[:3].lower())]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise ParameterError("hub", f"{hub!r} is not a place_id in data/gazetteer.csv{hint}")
    if routes_frame is not None and modes is not None:
        on = list(dict.fromkeys(routes_frame.loc[routes_frame["mode"].isin(list(modes)), "place_id"]))
        if hub not in on:
            raise ParameterError(
                "hub",
                f"{hub!r} is not named by any item of the modes {', '.join(modes)}; choose one of {', '.join(sorted(on))}",
            )
    return hub


def located(place_id: str, gazetteer_frame: pd.DataFrame) -> bool:
    row = gazetteer_frame.loc[place_id]
    return pd.notna(row["lat"]) and pd.notna(row["lon"])


def label(item: pd.Series, gazetteer_frame: pd.DataFrame) -> str:
    """An item's places in English: ' – ' between consecutive places, ' / ' between sequences.

    Sequences that share all but their last place are written once with their ends in braces
    (a fork: "Dalian – Tongjiang – {Trans-Siberian Railway / Baikal-Amur Mainline}"), and
    single places that lead to the same ends are gathered in braces as well (each border port
    joined to both trunk lines).
    """

    def name(pid):
        return gazetteer_frame.loc[pid, "name_en"]

    def brace(ids):
        return name(ids[0]) if len(ids) == 1 else "{" + " / ".join(name(p) for p in ids) + "}"

    forks: list[tuple[tuple, list]] = []
    for seq in sequences(item["places"]):
        if len(seq) > 1 and forks and forks[-1][0] == tuple(seq[:-1]) and len(forks[-1][1]) >= 1 and forks[-1][0]:
            forks[-1][1].append(seq[-1])
        else:
            forks.append((tuple(seq[:-1]), [seq[-1]]))
    stars: list[tuple[list, list]] = []
    for prefix, ends in forks:
        if len(prefix) == 1 and stars and len(stars[-1][0][0]) == 1 and stars[-1][1] == ends:
            stars[-1][0].append(prefix)
        else:
            stars.append(([prefix], ends))
    parts = []
    for prefixes, ends in stars:
        if len(prefixes) > 1:
            parts.append(brace([p[0] for p in prefixes]) + " – " + brace(ends))
        else:
            parts.append(" – ".join([name(p) for p in prefixes[0]] + [brace(ends)]))
    return " / ".join(parts)
