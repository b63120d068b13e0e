"""The introduction's setting: its numbers from the claims ledger, and the paper's structure."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from . import claims
from . import checks, places

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
    ("Cooperation between Russia and Heilongjiang Province: current state", "Trade with Russia, 2008–2018 (Table 1)", "2 Current state"),
    ("Eastern Silk Road Belt", "Objectives and reported results of the first corridor programme", "3 Eastern Silk Road Belt"),
    ("Longjiang Silk Road Belt", "The second programme: channels (Table 2) and industrial layout (Table 3)", "4 Longjiang Silk Road Belt"),
    ("Conclusion", "Recommendations for cooperation with Russia", "5 Conclusion"),
]


def setting(ledger: pd.DataFrame | None = None) -> dict[str, float]:
    """The introduction's numbers, by the names the chapter glues, read from the ledger."""
    ledger = claims.load() if ledger is None else ledger
    return {name: claims.value(cid, ledger) for name, cid in SETTING.items()}


def _md(text) -> str:
    return "" if text is None or (isinstance(text, float) and text != text) else str(text).replace("|", "\\|")


def _number(value, unit: str = "") -> str:
    if unit == "year":
        return f"{value:.0f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def setting_myst(ledger: pd.DataFrame | None = None, label: str = "tab-intro-claims") -> str:
    """The introduction's claims as a numbered MyST table: id, where, what, value and unit."""
    ledger = claims.load() if ledger is None else ledger
    lines = [
        ":::{table} The setting in numbers: claims of the introduction, from the claims ledger (`data/claims.csv`)",
        f":name: {label}", ":align: left", "",
        "| Claim | Where in the paper | Statement (paraphrased) | Value | Unit |", "|---|---|---|---:|---|",
    ]
    for cid in SETTING.values():
        row = ledger.loc[cid]
        lines.append(f"| {cid} | {_md(row['locator'])} | {_md(row['paraphrase'])} | {_number(row['value'], row['unit'])} | {_md(row['unit'])} |")
    return "\n".join(lines + [":::", ""])


def structure_myst(label: str = "tab-structure") -> str:
    """The paper's sections and the chapters of this book, as a numbered MyST table."""
    lines = [
        ":::{table} The paper's sections, in print order, and the chapter that mirrors each",
        f":name: {label}", ":align: left", "",
        "| Section of Song (2019) | What it covers | Chapter here |", "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in STRUCTURE]
    return "\n".join(lines + [":::", ""])


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 01, checked."""
    p = checks.read(values, ["hub", "run_name"])
    places.check_hub(checks.kind("hub", p["hub"], str))
    checks.run_name(p["run_name"])
    return p
