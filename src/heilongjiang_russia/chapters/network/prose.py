"""The values chapter 04 glues into its prose, built from the results (numbers stay fields).

:func:`corridor_facts` counts the tables and the gazetteer, :func:`unlocated_facts` names the
places the maps cannot draw, and :func:`network_facts` states the network results: the first build
(:func:`verdict`) and what holds under every construction (:func:`robust_verdict`).
:func:`headline` gives other pages the hub test as the chapter states it.
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from heilongjiang_russia.data import places
from heilongjiang_russia.present import maps

from .. import claims
from . import model
from .parameters import Parameters

# the ledger's claims that the chapter's first paragraph cites, by the name they are glued under
CLAIMS = {"announced": "C037", "sea_lines": "C038", "land_lines": "C039", "core_area_year": "C040"}


def corridor_facts(data: model.Corridors) -> dict:
    """The paper's dates and counts for the belt, and the sizes of the tables, the gazetteer and the spellings."""
    gaz = data.gaz
    out = {name: claims.value(claim, data.ledger) for name, claim in CLAIMS.items()}
    out.update(
        n_t2=len(data.table2),
        n_t3=len(data.table3),
        n_places=len(gaz),
        n_located=int(gaz["lat"].notna().sum()),
        n_unsourced=int((gaz["confidence"] == "unsourced").sum()),
        n_spellings=len(data.spellings),
    )
    return out


def unlocated_facts(data: model.Corridors, modes) -> dict:
    """The places of Table 2's and of Table 3's chosen items that the maps leave out for lack of a point."""
    t2_modes, t3_modes = model.table_modes(modes)
    return {
        "t2_unlocated": ", ".join(maps.unlocated(data.routes, data.gaz, t2_modes)) or "none",
        "t3_unlocated": ", ".join(maps.unlocated(data.routes, data.gaz, t3_modes)) or "none",
    }


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def verdict(s: model.FirstBuild, gaz: pd.DataFrame, hub: str) -> str:
    """One sentence, computed, on whether ``hub`` is the network's most central place."""
    name = gaz.loc[hub, "name_en"]
    top_name = gaz.loc[s.top_betweenness_id, "name_en"]
    if s.hub_is_top:
        text = f"{name} ranks first of {s.n_places} places by betweenness ({s.hub_betweenness:.3f})"
    else:
        text = (
            f"{name} ranks {_ordinal(s.hub_rank)} of {s.n_places} places by betweenness "
            f"({s.hub_betweenness:.3f}); {top_name} ranks first ({s.top_betweenness:.3f})"
        )
    if s.hub_items is not None:
        top_items = gaz.loc[s.top_items_id, "name_en"]
        lead = "more items than any other place" if s.top_items_id == hub else f"fewer than {top_items} ({s.top_items})"
        text += f", while {s.hub_items} table items name {name}, {lead}"
    return text + "."


def robust_sentences(s: model.HubRanks, gaz: pd.DataFrame, hub: str) -> list[str]:
    """The chapter's headline as its sentences: the hub's rank range first, then only what holds
    under every construction (who leads, who always ranks above the hub, what that makes the hub)."""
    name = gaz.loc[hub, "name_en"]
    tol = f"scores within {s.tolerance:.0%} of the leading score tied" if s.tolerance else "exact ties only"
    span = f"rank {s.hub_best}" if s.hub_best == s.hub_worst else f"rank between {s.hub_best} and {s.hub_worst}"
    absent = "" if s.hub_present == s.n_constructions else f" (it is on {s.hub_present} of the networks)"
    out = [
        f"Under the {s.n_constructions} constructions ({tol}), {name} places at {span}{absent} and first under {s.hub_first} of them."
    ]
    if s.leaders_everywhere:
        leaders = [gaz.loc[p, "name_en"] for p in s.leaders_everywhere]
        out.append(_join(leaders) + (" ranks" if len(leaders) == 1 else " rank") + " first under every construction.")
    else:
        lead = gaz.loc[s.most_often_first, "name_en"]
        out.append(
            f"No place ranks first under every construction; {lead} does most often "
            f"({s.most_often_first_n} of {s.n_constructions})."
        )
    if s.always_ahead:
        shown = [gaz.loc[p, "name_en"] for p in s.always_ahead[:5]]
        more = len(s.always_ahead) - len(shown)
        out.append(
            f"{_join(shown)}{f' and {more} more' if more else ''} rank above {name} under every construction "
            f"that includes {name}."
        )
    if s.hub_first == s.hub_present == s.n_constructions:
        shared = len(s.leaders_everywhere) > 1
        out.append(
            f"The tables make {name} {'one of the most central places (tied)' if shared else 'the most central place'}"
            " however the network is built."
        )
    elif s.hub_first == 0:
        out.append(f"However the network is built, the tables do not make {name} its most central place.")
    else:
        out.append(f"Whether {name} is the most central place depends on how the network is built.")
    return out


def robust_verdict(s: model.HubRanks, gaz: pd.DataFrame, hub: str) -> str:
    """The chapter's headline: only what holds under every construction, computed."""
    return " ".join(robust_sentences(s, gaz, hub))


def kinds_sentence(by_kind: pd.DataFrame, name: str) -> str:
    """Under which measures and weightings the hub is never first, and under which it is (computed)."""
    never = by_kind[by_kind["first"] == 0]
    some = by_kind[by_kind["first"] > 0]

    def kind(rec):
        return f"{rec.measure} {'(weighted)' if rec.weighting != 'unweighted' else '(unweighted)'}"

    parts = []
    if len(never):
        parts.append(
            f"by {_join([kind(r) for r in never.itertuples()])} {name} never ranks first "
            f"(best rank {int(never['best'].min())})"
        )
    if len(some):
        parts.append(
            "it ranks first "
            + _join(
                [
                    f"under {int(r.first)} of {int(r.constructions)} constructions by {kind(r)}"
                    for r in some.itertuples()
                ]
            )
        )
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def network_facts(result: model.Network, gaz: pd.DataFrame) -> dict:
    """Every value the chapter's prose cites about the network and the hub test, ready to glue."""
    one, robust = result.first_build, result.hub_ranks
    trunk = [p for p in model.trunk_ids(gaz) if p in result.graph]
    return {
        "net_places": one.n_places,
        "net_links": one.n_links,
        "net_components": one.n_components,
        "net_isolated": one.n_isolated,
        "hub_name": result.hub_name,
        "first_build": verdict(one, gaz, result.hub),
        "headline": robust_verdict(robust, gaz, result.hub),
        "hub_kinds": kinds_sentence(result.by_kind, result.hub_name),
        "n_constructions": robust.n_constructions,
        "n_mode_sets": result.constructions["mode_set"].nunique(),
        "tolerance_pct": 100 * robust.tolerance,
        "trunk_names": _join([gaz.loc[p, "name_en"] for p in trunk]) if trunk else "none",
        "n_trunk": len(trunk),
        "largest_before": one.cut.largest_before,
        "largest_after": one.cut.largest_after,
        "n_cut_off": len(one.cut.cut_off),
        "cut_off": ", ".join(gaz.loc[p, "name_en"] for p in one.cut.cut_off) or "none",
    }


_DEFAULTS = Parameters()


def headline_sentences(
    hub: str = _DEFAULTS.hub, tolerance: float = _DEFAULTS.tie_tolerance, modes=_DEFAULTS.modes
) -> tuple[list[str], dict]:
    """The hub test as the chapter states it, sentence by sentence (:func:`robust_sentences`), and
    the numbers behind it (the fields of :class:`~.model.HubRanks`, as a dict), from the data."""
    gaz = places.gazetteer()
    routes = places.routes(places.table2(), places.table3())
    s = model.robust_summary(model.robustness(routes, gaz, list(modes), tolerance), hub, tolerance)
    return robust_sentences(s, gaz, hub), dataclasses.asdict(s)


def headline(
    hub: str = _DEFAULTS.hub, tolerance: float = _DEFAULTS.tie_tolerance, modes=_DEFAULTS.modes
) -> tuple[str, dict]:
    """The hub test as the chapter states it (for other pages: the landing page, the conclusion):
    the computed sentence of :func:`robust_verdict` and the numbers behind it, from the data."""
    sentences, numbers = headline_sentences(hub, tolerance, modes)
    return " ".join(sentences), numbers
