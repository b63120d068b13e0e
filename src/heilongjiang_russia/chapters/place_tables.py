"""The place tables of chapters 01 and 04 (MyST): Song's Tables 2 and 3 with the places read
from each item, the gazetteer and the paper's variant spellings."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.data import places
from heilongjiang_russia.present import tables


def _items_myst(
    frame: pd.DataFrame, gazetteer_frame: pd.DataFrame, group: str, heading: str, caption: str, label_: str
) -> str:
    shown = frame.assign(read=[places.label(rec, gazetteer_frame) or "(no place named)" for _, rec in frame.iterrows()])
    return tables.myst_table(
        shown,
        {"item_id": "Item", group: heading, "printed": "As printed", "read": "Places read"},
        caption,
        label_,
        widths="8 16 38 38",
    )


_READING = (
    "(standard English names; ' – ' joins consecutive places, ' / ' separates sequences, braces group "
    "the places a fork leads to or the places joined alike)"
)


def table2_myst(frame: pd.DataFrame, gazetteer_frame: pd.DataFrame, label_: str = "tab-table2") -> str:
    """Song's Table 2 as a numbered MyST table: channel, item as printed, places read."""
    return _items_myst(
        frame,
        gazetteer_frame,
        "channel",
        "Channel",
        "Song's Table 2 (channel infrastructure layout) as printed, with the places each item names " + _READING,
        label_,
    )


def table3_myst(frame: pd.DataFrame, gazetteer_frame: pd.DataFrame, label_: str = "tab-table3") -> str:
    """Song's Table 3 as a numbered MyST table: layout element, item as printed, places read."""
    return _items_myst(
        frame,
        gazetteer_frame,
        "layout",
        "Layout",
        "Song's Table 3 (industrial layout planning) as printed, with the places each item names " + _READING,
        label_,
    )


def gazetteer_myst(
    gazetteer_frame: pd.DataFrame,
    ids=None,
    label_: str = "tab-gazetteer",
    caption: str | None = None,
    printed: bool = True,
) -> str:
    """The gazetteer (or the places ``ids``) as a numbered MyST table with Chinese and Russian names.

    ``printed=False`` leaves out the column of spellings as printed (for a short table).
    """
    frame = gazetteer_frame if ids is None else gazetteer_frame.loc[list(ids)]
    caption = caption or (
        "Gazetteer: places named in Song (2019), with Chinese and Russian names and the point "
        "used on the maps (none for lines such as the trunk railways)"
    )
    shown = frame.assign(
        spelled=frame["printed"].str.replace("|", ", ", regex=False),
        sort=frame["kind"].str.replace("_", " ", regex=False),
        point=[("" if pd.isna(r.lat) or pd.isna(r.lon) else f"{r.lat:.2f}, {r.lon:.2f}") for r in frame.itertuples()],
    )
    columns = {"name_en": "English"}
    if printed:
        columns["spelled"] = "As printed"
    columns.update(
        {
            "name_zh": "Chinese (汉字)",
            "name_ru": "Russian (русский)",
            "sort": "Kind",
            "point": "Point (°N, °E)",
            "confidence": "Confidence",
        }
    )
    return tables.myst_table(
        shown, columns, caption, label_, missing="", widths="16 14 17 18 10 13 12" if printed else "19 18 22 12 15 14"
    )


def spellings_myst(spell: pd.DataFrame, gazetteer_frame: pd.DataFrame, label_: str = "tab-spellings") -> str:
    """The variant spellings as a numbered MyST table."""
    shown = spell.assign(read=[gazetteer_frame.loc[p, "name_en"] for p in spell["place_id"]])
    return tables.myst_table(
        shown,
        {"printed": "As printed", "read": "Read as", "where": "Where", "rationale": "Why"},
        "The paper's variant spellings and how they are read here",
        label_,
        widths="16 18 26 40",
    )
