"""The introduction's setting: its numbers from the claims ledger, and the paper's structure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from heilongjiang_russia.data import checks, places
from heilongjiang_russia.present.tables import myst_table

from . import claims

# The setting in the paper's introduction (and abstract), as claims-ledger ids
SETTING = {
    "bri_year": "C003",  # year the Belt and Road vision was presented
    "border_provinces": "C004",  # China's border provinces, of which Heilongjiang is one
    "border_km": "C005",  # length of the border with Russia
    "first_class_ports": "C006",  # national first-class ports
    "years_in_bri": "C007",  # years of taking part in Belt and Road
    "paper_parts": "C054",  # parts of the paper's body
}

# The paper's sections in print order and the chapter of this book that mirrors each
STRUCTURE = [
    ("Introduction", "The Silk Road, the Belt and Road frame, the province on the border", "1 Introduction"),
    (
        "Cooperation between Russia and Heilongjiang Province: current state",
        "Trade with Russia, 2008–2018 (Song's Table 1)",
        "2 Current state",
    ),
    (
        "Eastern Silk Road Belt",
        "Objectives and reported results of the first corridor programme",
        "3 Eastern Silk Road Belt",
    ),
    (
        "Longjiang Silk Road Belt",
        "The second programme: channels (Song's Table 2) and industrial layout (Song's Table 3)",
        "4 Longjiang Silk Road Belt",
    ),
    ("Conclusion", "Recommendations for cooperation with Russia", "5 Conclusion"),
]


def setting(ledger: pd.DataFrame | None = None) -> dict[str, float]:
    """The introduction's numbers, by the names the chapter glues, read from the ledger."""
    ledger = claims.load() if ledger is None else ledger
    return {name: claims.value(cid, ledger) for name, cid in SETTING.items()}


def _number(value, unit: str = "") -> str:
    if unit == "year":
        return f"{value:.0f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def setting_myst(ledger: pd.DataFrame | None = None, label: str = "tab-intro-claims") -> str:
    """The introduction's claims as a numbered MyST table: id, where, what, value and unit."""
    ledger = claims.load() if ledger is None else ledger
    rows = ledger.loc[list(SETTING.values())]
    rows = rows.assign(shown=[_number(v, u) for v, u in zip(rows["value"], rows["unit"])])
    return myst_table(
        rows,
        {
            "claim_id": "Claim",
            "locator": "Where in the paper",
            "paraphrase": "Statement (paraphrased)",
            "shown": "Value",
            "unit": "Unit",
        },
        "The setting in numbers: claims of the introduction, from the claims ledger (`data/claims.csv`)",
        label,
        align={"shown": "right"},
    )


def structure_myst(label: str = "tab-structure") -> str:
    """The paper's sections and the chapters of this book, as a numbered MyST table."""
    frame = pd.DataFrame(STRUCTURE, columns=["section", "covers", "chapter"])
    return myst_table(
        frame,
        {"section": "Section of Song (2019)", "covers": "What it covers", "chapter": "Chapter here"},
        "The paper's sections, in print order, and the chapter that mirrors each",
        label,
    )


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 01, checked."""
    p = checks.read(values, ["hub", "run_name"])
    places.check_hub(checks.kind("hub", p["hub"], str))
    checks.run_name(p["run_name"])
    return p


# the places the locator map marks besides the hub, west to east and north to south as the map reads
LOCATOR_PLACES = (
    "Qiqihar",
    "Daqing",
    "Mudanjiang",
    "Jiamusi",
    "Suifenhe",
    "Dongning",
    "Tongjiang",
    "Fuyuan",
    "Heihe",
    "Mohe",
    "Manzhouli",
    "Blagoveshchensk",
    "Khabarovsk",
    "Vladivostok",
)


def locator_places(hub: str) -> list[str]:
    """The place ids the locator map shows: the hub first, then :data:`LOCATOR_PLACES`, each once."""
    return list(dict.fromkeys([hub, *LOCATOR_PLACES]))
