"""The chapter's own tables (MyST): the most central places, the rank ranges, the hub by measure."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.present import tables


def centrality_myst(table: pd.DataFrame, n: int = 12, label: str = "tab-centrality") -> str:
    """The ``n`` most central places of one construction as a numbered MyST table."""
    shown = table.head(n).assign(modes=lambda f: f["modes"].replace("", "(no link)"))
    columns = {
        "rank": "Rank",
        "name_en" if "name_en" in shown else "place_id": "Place",
        "betweenness": "Betweenness",
        "degree": "Degree",
        "degree_centrality": "Degree centrality",
    }
    if "items" in shown:
        columns["items"] = "Items naming it"
    columns["modes"] = "Modes (codes of places.MODES)"
    return tables.myst_table(
        shown,
        columns,
        f"The {n} most central places of the corridor network as first built (all chosen modes, trunk railways as "
        "nodes, unweighted), by betweenness, ties by degree (the book's table, not one of Song's)",
        label,
        formats={"betweenness": ".3f", "degree_centrality": ".3f"},
        widths="7 17 13 9 12 10 32" if "items" in shown else "8 20 14 10 14 34",
    )


def ranges_myst(ranges: pd.DataFrame, n: int, hub: str, label: str = "tab-rank-ranges") -> str:
    """The ``n`` best-ranked places (and ``hub``) with their rank range, as a numbered table."""
    shown = ranges.head(n)
    if hub in set(ranges["place_id"]) and hub not in set(shown["place_id"]):
        shown = pd.concat([shown, ranges[ranges["place_id"] == hub]])
    return tables.myst_table(
        shown,
        {
            "name_en": "Place",
            "best": "Best rank",
            "median": "Median rank",
            "worst": "Worst rank",
            "first": "Ranked first (constructions)",
            "constructions": "On the network (constructions)",
        },
        f"Rank range of the {n} best-ranked places of the corridor network over every construction "
        "(the book's table, not one of Song's)",
        label,
        formats={"median": ".1f"},
        widths="30 12 12 12 17 17",
    )


def hub_kinds_myst(by_kind: pd.DataFrame, name: str, label: str = "tab-hub-kinds") -> str:
    """The hub's rank range per measure and weighting, as a numbered table."""
    return tables.myst_table(
        by_kind,
        {
            "measure": "Measure",
            "weighting": "Weighting",
            "best": "Best rank",
            "median": "Median rank",
            "worst": "Worst rank",
            "first": "Ranked first",
            "constructions": "Constructions",
        },
        f"{name}'s rank by measure and weighting, over the groups of modes with and without the trunk railways "
        "(the book's table, not one of Song's)",
        label,
        formats={"median": ".1f"},
        widths="16 20 12 12 12 14 14",
    )
