"""Places and corridors: the gazetteer and Tables 2 and 3 of Song (2019) as routes.

``data/raw/table2_channels.csv`` and ``data/raw/table3_layout.csv`` hold every item of the two
tables with the wording as printed and the places it names, as gazetteer ids in printed
order. In the ``places`` column ``;`` joins consecutive places of one sequence and ``|``
separates sequences that are not joined (a fork, separate pairs, or single nodes).
:func:`routes` turns both tables into one long table, one row per place of a sequence.
"""
from __future__ import annotations

import pandas as pd

from .errors import DataValidationError, ParameterError
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
    return [[p for p in seq.split(";")] for seq in str(cell).split("|")]


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
    for name, frame in ((TABLE2, table2() if table2_frame is None else table2_frame),
                        (TABLE3, table3() if table3_frame is None else table3_frame)):
        shown = _FILES[name]
        for row, rec in enumerate(frame.itertuples(index=False), start=1):
            seqs = sequences(rec.places)
            for seq in seqs:
                for place in seq:
                    if place not in known:
                        raise DataValidationError(
                            shown, f"item {rec.item_id} names place {place!r}, which data/gazetteer.csv lacks "
                            "(add it to the gazetteer or correct the id)", row=row, column="places")
            flat = [p for seq in seqs for p in seq]
            longest = max((len(s) for s in seqs), default=0)
            problem = None
            if rec.geometry == "none" and flat:
                problem = "geometry 'none' but places are named"
            elif rec.geometry == "point" and len(flat) != 1:
                problem = f"geometry 'point' needs exactly one place, found {len(flat)}"
            elif rec.geometry == "nodes" and (longest != 1 or len(flat) < 2):
                problem = "geometry 'nodes' needs two or more places separated by '|', none joined by ';'"
            elif rec.geometry in ("route", "ring") and longest < 2:
                problem = f"geometry '{rec.geometry}' needs at least one sequence of two places joined by ';'"
            if problem:
                raise DataValidationError(shown, f"item {rec.item_id}: {problem}", row=row, column="geometry")


def check_spellings(spell: pd.DataFrame | None = None, gazetteer_frame: pd.DataFrame | None = None) -> None:
    """Every variant spelling points to a gazetteer place that lists it among its printed forms."""
    spell = spellings() if spell is None else spell
    gaz = gazetteer() if gazetteer_frame is None else gazetteer_frame
    for row, rec in enumerate(spell.itertuples(index=False), start=1):
        if rec.place_id not in gaz.index:
            raise DataValidationError("data/raw/place_spellings.csv",
                                      f"{rec.printed!r} is mapped to {rec.place_id!r}, which data/gazetteer.csv lacks",
                                      row=row, column="place_id")
        printed = gaz.loc[rec.place_id, "printed"].split("|")
        if rec.printed not in printed:
            raise DataValidationError("data/raw/place_spellings.csv",
                                      f"{rec.printed!r} is not among the printed forms of {rec.place_id!r} in "
                                      f"data/gazetteer.csv ({', '.join(printed)})", row=row, column="printed")


def check_modes(modes) -> list[str]:
    """Validate a chapter's ``modes`` parameter (a list of :data:`MODES` keys)."""
    if isinstance(modes, str) or not list(modes):
        raise ParameterError("modes", f"expected a non-empty list of mode names from {', '.join(MODES)}; got {modes!r}")
    bad = [m for m in modes if m not in MODES]
    if bad:
        raise ParameterError("modes", f"{', '.join(map(repr, bad))} not allowed; choose from {', '.join(MODES)}")
    return list(modes)


def check_hub(hub: str, gazetteer_frame: pd.DataFrame | None = None, routes_frame: pd.DataFrame | None = None,
              modes=None) -> str:
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
                "hub", f"{hub!r} is not named by any item of the modes {', '.join(modes)}; choose one of {', '.join(sorted(on))}")
    return hub


def located(place_id: str, gazetteer_frame: pd.DataFrame) -> bool:
    row = gazetteer_frame.loc[place_id]
    return pd.notna(row["lat"]) and pd.notna(row["lon"])


def label(item: pd.Series, gazetteer_frame: pd.DataFrame) -> str:
    """An item's places in English, ' – ' between consecutive places and ' / ' between sequences."""
    return " / ".join(" – ".join(gazetteer_frame.loc[p, "name_en"] for p in seq) for seq in sequences(item["places"]))


def _md(text) -> str:
    return "" if text is None or (isinstance(text, float) and text != text) else str(text).replace("|", "\\|")


def table2_myst(frame: pd.DataFrame, gazetteer_frame: pd.DataFrame, label_: str = "tab-table2") -> str:
    """Table 2 as a numbered MyST table: channel, item as printed, places read."""
    lines = [
        ":::{table} Channel infrastructure layout, as printed in Song (2019), Table 2, with the places each item names "
        "(standard English names; ' – ' joins consecutive places, ' / ' separates sequences)",
        f":name: {label_}", ":align: left", "",
        "| Item | Channel | As printed | Places read |", "|---|---|---|---|",
    ]
    for _, rec in frame.iterrows():
        lines.append(f"| {rec.item_id} | {_md(rec.channel)} | {_md(rec.printed)} | {_md(label(rec, gazetteer_frame)) or '(no place named)'} |")
    return "\n".join(lines + [":::", ""])


def table3_myst(frame: pd.DataFrame, gazetteer_frame: pd.DataFrame, label_: str = "tab-table3") -> str:
    """Table 3 as a numbered MyST table: layout element, item as printed, places read."""
    lines = [
        ":::{table} Industrial layout planning, as printed in Song (2019), Table 3, with the places each item names",
        f":name: {label_}", ":align: left", "",
        "| Item | Layout | As printed | Places read |", "|---|---|---|---|",
    ]
    for _, rec in frame.iterrows():
        lines.append(f"| {rec.item_id} | {_md(rec.layout)} | {_md(rec.printed)} | {_md(label(rec, gazetteer_frame)) or '(no place named)'} |")
    return "\n".join(lines + [":::", ""])


def gazetteer_myst(gazetteer_frame: pd.DataFrame, ids=None, label_: str = "tab-gazetteer", caption: str | None = None,
                   printed: bool = True) -> str:
    """The gazetteer (or the places ``ids``) as a numbered MyST table with Chinese and Russian names.

    ``printed=False`` leaves out the column of spellings as printed (for a short table).
    """
    frame = gazetteer_frame if ids is None else gazetteer_frame.loc[list(ids)]
    caption = caption or "Gazetteer: places named in Song (2019), with Chinese and Russian names and the point used on the maps"

    def coord(v):
        return "" if pd.isna(v) else f"{v:.2f}"

    lines = [
        f":::{{table}} {caption}", f":name: {label_}", ":align: left",
        ":widths: 16 14 17 18 10 13 12" if printed else ":widths: 19 18 22 12 15 14", "",
        "| English |" + (" As printed |" if printed else "") + " Chinese (汉字) | Russian (русский) | Kind | Point (°N, °E) | Confidence |",
        "|---|" + ("---|" if printed else "") + "---|---|---|---|---|",
    ]
    for _, r in frame.iterrows():
        point = "" if pd.isna(r.lat) or pd.isna(r.lon) else f"{coord(r.lat)}, {coord(r.lon)}"
        lines.append(
            f"| {_md(r.name_en)} |" + (f" {_md(r.printed).replace(chr(92) + '|', ', ')} |" if printed else "") + f" {_md(r.name_zh)} | {_md(r.name_ru)} | "
            f"{r.kind.replace('_', ' ')} | {point} | {r.confidence} |"
        )
    return "\n".join(lines + [":::", ""])


def spellings_myst(spell: pd.DataFrame, gazetteer_frame: pd.DataFrame, label_: str = "tab-spellings") -> str:
    """The variant spellings as a numbered MyST table."""
    lines = [
        ":::{table} The paper's variant spellings and how they are read here",
        f":name: {label_}", ":align: left", "",
        "| As printed | Read as | Where | Why |", "|---|---|---|---|",
    ]
    for r in spell.itertuples(index=False):
        lines.append(f"| {_md(r.printed)} | {_md(gazetteer_frame.loc[r.place_id, 'name_en'])} | {_md(r.where)} | {_md(r.rationale)} |")
    return "\n".join(lines + [":::", ""])
