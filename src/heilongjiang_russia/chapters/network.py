"""The corridors of Tables 2 and 3 as a network (networkx).

Nodes are the places the chosen items name; an edge joins two places that follow each
other in one printed sequence, and carries the modes and items that join them, and a
``weight``: how many items name it. Places an item lists without joining them (``nodes`` or
``point`` items) are nodes without an edge from that item. The paper gives an order of
places, not distances or capacities, so no single graph is "the" network: :func:`robustness`
ranks every place under several reasonable constructions (with and without the Russian trunk
railways as nodes, per group of modes, unweighted or weighted by the items naming an edge, by
degree, betweenness and closeness) and :func:`rank_ranges` reports each place's best and worst
rank, differences below a stated share of the leading score counting as ties.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D

from heilongjiang_russia.data import checks, places
from heilongjiang_russia.data.places import MODES, TABLE2_MODES, check_modes
from heilongjiang_russia.errors import ParameterError
from heilongjiang_russia.present import tables
from heilongjiang_russia.present.maps import MODE_STYLE

TRUNK_KIND = "trunk_railway"
MEASURES = {"degree": "degree", "betweenness": "betweenness", "closeness": "closeness"}
WEIGHTINGS = {False: "unweighted", True: "weighted by items"}
TRUNKS = {True: "with trunk railways", False: "without trunk railways"}


def build(routes: pd.DataFrame, modes=tuple(MODES), *, drop=()) -> nx.Graph:
    """The graph of the items whose mode is in ``modes`` (``routes`` from :func:`places.routes`).

    Places in ``drop`` (e.g. the trunk railways, :func:`trunk_ids`) are spliced out of every
    sequence: the places before and after them are joined directly. Each edge carries
    ``weight`` (the number of items naming it) and ``distance`` (1 / weight, for weighted paths).
    """
    modes = check_modes(list(modes))
    drop = set(drop)
    graph = nx.Graph()
    chosen = routes[routes["mode"].isin(modes) & ~routes["place_id"].isin(drop)]
    for pid in dict.fromkeys(chosen["place_id"]):
        graph.add_node(pid)
    for (item, _), group in chosen.groupby(["item_id", "sequence"], sort=False):
        ordered = list(group.sort_values("order")["place_id"])
        mode = group["mode"].iloc[0]
        for a, b in zip(ordered, ordered[1:]):
            if a == b:
                continue
            if graph.has_edge(a, b):
                graph[a][b]["modes"].add(mode)
                graph[a][b]["items"].add(item)
            else:
                graph.add_edge(a, b, modes={mode}, items={item})
    for _, _, data in graph.edges(data=True):
        data["weight"] = len(data["items"])
        data["distance"] = 1.0 / data["weight"]
    return graph


def trunk_ids(gaz: pd.DataFrame) -> list[str]:
    """The gazetteer's trunk railways (kind ``trunk_railway``): lines that Table 2's routes reach."""
    return list(gaz.loc[gaz["kind"] == TRUNK_KIND, "place_id"])


def mentions(routes: pd.DataFrame, modes=tuple(MODES)) -> pd.Series:
    """How many items of the chosen modes name each place (joined or not), by place_id."""
    chosen = routes[routes["mode"].isin(check_modes(list(modes)))]
    return chosen.drop_duplicates(["item_id", "place_id"]).groupby("place_id").size()


def centrality(graph: nx.Graph, gaz: pd.DataFrame | None = None, named: pd.Series | None = None) -> pd.DataFrame:
    """Degree and betweenness of every node, most central first.

    Columns: ``place_id``, ``name_en`` (if ``gaz`` is given), ``degree`` (number of distinct
    neighbours), ``degree_centrality`` (degree / (n - 1)), ``betweenness`` (normalised share of
    shortest paths through the node), ``modes`` (distinct modes touching it), ``rank``
    (1 = highest betweenness; ties broken by degree, then by id), and ``items`` (how many
    table items name the place, from :func:`mentions`) if ``named`` is given.
    """
    deg = dict(graph.degree())
    dc = nx.degree_centrality(graph)
    bc = nx.betweenness_centrality(graph, normalized=True)
    rows = []
    for node in graph.nodes:
        modes = sorted({m for _, _, d in graph.edges(node, data=True) for m in d["modes"]})
        rows.append((node, deg[node], round(dc[node], 6), round(bc[node], 6), len(modes), ", ".join(modes)))
    frame = pd.DataFrame(rows, columns=["place_id", "degree", "degree_centrality", "betweenness", "n_modes", "modes"])
    frame = frame.sort_values(["betweenness", "degree", "place_id"], ascending=[False, False, True]).reset_index(
        drop=True
    )
    frame.insert(0, "rank", range(1, len(frame) + 1))
    if gaz is not None:
        frame.insert(2, "name_en", [gaz.loc[p, "name_en"] for p in frame["place_id"]])
    if named is not None:
        frame["items"] = [int(named.get(p, 0)) for p in frame["place_id"]]
    return frame


def top(table: pd.DataFrame, by: str = "betweenness") -> str:
    """The place_id ranked first by ``by`` (``betweenness``, ``degree`` or ``items``); ties go to the earlier rank."""
    if by not in ("betweenness", "degree", "items") or by not in table:
        raise ValueError(f"by: {by!r}; expected a column among 'betweenness', 'degree', 'items'")
    ordered = table.sort_values([by, "rank"], ascending=[False, True])
    return ordered["place_id"].iloc[0]


def without(graph: nx.Graph, hub: str) -> dict:
    """What removing ``hub`` does: components before and after, and the places cut off from the largest one."""
    if hub not in graph:
        raise ParameterError(
            "hub", f"{hub!r} is not a place on the chosen modes' items; choose one of {', '.join(sorted(graph.nodes))}"
        )
    before = nx.number_connected_components(graph)
    largest_before = max(nx.connected_components(graph), key=len) if graph else set()
    reduced = graph.copy()
    reduced.remove_node(hub)
    comps = sorted(nx.connected_components(reduced), key=len, reverse=True)
    largest_after = comps[0] if comps else set()
    cut_off = sorted((largest_before - {hub}) - largest_after)
    return {
        "components_before": before,
        "components_after": len(comps),
        "largest_before": len(largest_before),
        "largest_after": len(largest_after),
        "cut_off": cut_off,
    }


def summary(graph: nx.Graph, table: pd.DataFrame, hub: str) -> dict:
    """The numbers the chapter's prose cites about the network and the ``hub`` place."""
    if hub not in graph:
        raise ParameterError(
            "hub", f"{hub!r} is not a place on the chosen modes' items; choose one of {', '.join(sorted(graph.nodes))}"
        )
    by_id = table.set_index("place_id")
    first = table.iloc[0]
    named = "items" in table
    cut = without(graph, hub)
    out = {
        "n_places": graph.number_of_nodes(),
        "n_links": graph.number_of_edges(),
        "n_components": nx.number_connected_components(graph),
        "n_isolated": sum(1 for n in graph.nodes if graph.degree(n) == 0),
        "top_betweenness_id": first["place_id"],
        "top_betweenness": float(first["betweenness"]),
        "top_degree_id": top(table, "degree"),
        "top_degree": int(table["degree"].max()),
        "hub_rank": int(by_id.loc[hub, "rank"]),
        "hub_betweenness": float(by_id.loc[hub, "betweenness"]),
        "hub_degree": int(by_id.loc[hub, "degree"]),
        "hub_is_top": bool(first["place_id"] == hub),
        "largest_before": cut["largest_before"],
        "largest_after": cut["largest_after"],
        "n_cut_off": len(cut["cut_off"]),
        "cut_off": cut["cut_off"],
    }
    if named:
        out["top_items_id"] = top(table, "items")
        out["top_items"] = int(table["items"].max())
        out["hub_items"] = int(by_id.loc[hub, "items"])
    return out


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def verdict(s: dict, gaz: pd.DataFrame, hub: str) -> str:
    """One sentence, computed, on whether ``hub`` is the network's most central place."""
    name = gaz.loc[hub, "name_en"]
    top_name = gaz.loc[s["top_betweenness_id"], "name_en"]
    if s["hub_is_top"]:
        text = f"{name} ranks first of {s['n_places']} places by betweenness ({s['hub_betweenness']:.3f})"
    else:
        text = (
            f"{name} ranks {_ordinal(s['hub_rank'])} of {s['n_places']} places by betweenness "
            f"({s['hub_betweenness']:.3f}); {top_name} ranks first ({s['top_betweenness']:.3f})"
        )
    if "hub_items" in s:
        top_items = gaz.loc[s["top_items_id"], "name_en"]
        lead = (
            "more items than any other place"
            if s["top_items_id"] == hub
            else f"fewer than {top_items} ({s['top_items']})"
        )
        text += f", while {s['hub_items']} table items name {name}, {lead}"
    return text + "."


def scores(graph: nx.Graph, measure: str, weighted: bool = False) -> pd.Series:
    """Every node's score under ``measure`` (:data:`MEASURES`), by place_id.

    Weighted: degree is the sum of the weights of a node's edges (how many items link it),
    betweenness and closeness use paths whose length is 1 / weight, so a link named by more
    items is shorter. Closeness is networkx's, which scales for disconnected graphs
    (Wasserman and Faust).
    """
    if measure == "degree":
        values = dict(graph.degree(weight="weight" if weighted else None))
    elif measure == "betweenness":
        values = nx.betweenness_centrality(graph, normalized=True, weight="distance" if weighted else None)
    elif measure == "closeness":
        values = nx.closeness_centrality(graph, distance="distance" if weighted else None)
    else:
        raise ValueError(f"measure: {measure!r}; expected one of {', '.join(MEASURES)}")
    return pd.Series(values, dtype=float).sort_index()


def tied_ranks(values: pd.Series, tolerance: float) -> pd.Series:
    """1 + the number of places whose score exceeds this one's by more than ``tolerance`` times
    the leading score: places closer than that to each other share a rank (1 = most central)."""
    margin = tolerance * float(values.max()) if len(values) else 0.0
    arr = values.to_numpy()
    ahead = [(arr > v + margin + 1e-12).sum() for v in arr]
    return pd.Series([1 + int(a) for a in ahead], index=values.index)


def mode_sets(modes) -> list[tuple[str, list[str]]]:
    """The groups of modes ranked: all chosen modes, Table 2's and Table 3's part (when both are
    chosen) and every chosen mode left out in turn; identical groups once."""
    modes = check_modes(list(modes))
    sets = [("all chosen modes", modes)]
    t2 = [m for m in modes if m in TABLE2_MODES]
    t3 = [m for m in modes if m not in TABLE2_MODES]
    if t2 and t3:
        sets += [("Table 2 only", t2), ("Table 3 only", t3)]
    if len(modes) > 1:
        sets += [(f"without {MODES[m].split(' (')[0].lower()}", [x for x in modes if x != m]) for m in modes]
    seen, out = set(), []
    for label, group in sets:
        if tuple(group) not in seen:
            seen.add(tuple(group))
            out.append((label, group))
    return out


def robustness(routes: pd.DataFrame, gaz: pd.DataFrame, modes, tolerance: float) -> pd.DataFrame:
    """Every place's score and tied rank under every construction, one row per place and construction.

    A construction is a group of modes (:func:`mode_sets`), with or without the trunk railways
    as nodes (without: they are spliced out, so a route runs straight from the place before to
    the place after; skipped when the chosen items name no trunk railway), unweighted or weighted
    by how many items name an edge, and a measure (:data:`MEASURES`). Columns: ``construction``
    (a number), ``mode_set``, ``trunk``, ``weighting``, ``measure``, ``n_places``, ``place_id``,
    ``score``, ``rank``.
    """
    check_tolerance(tolerance)
    trunks = trunk_ids(gaz)
    rows, number = [], 0
    for label, group in mode_sets(modes):
        named = set(routes.loc[routes["mode"].isin(group), "place_id"])
        for with_trunk in (True, False) if named & set(trunks) else (True,):
            graph = build(routes, group, drop=() if with_trunk else trunks)
            for weighted in (False, True):
                for measure in MEASURES:
                    number += 1
                    values = scores(graph, measure, weighted)
                    ranks = tied_ranks(values, tolerance)
                    for pid in values.index:
                        rows.append(
                            (
                                number,
                                label,
                                TRUNKS[with_trunk],
                                WEIGHTINGS[weighted],
                                measure,
                                graph.number_of_nodes(),
                                pid,
                                round(float(values[pid]), 6),
                                int(ranks[pid]),
                            )
                        )
    return pd.DataFrame(
        rows,
        columns=["construction", "mode_set", "trunk", "weighting", "measure", "n_places", "place_id", "score", "rank"],
    )


def rank_ranges(long: pd.DataFrame, gaz: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each place's best, median and worst rank over the constructions it appears in, how many
    those are and under how many it ranks first; lowest median rank first (then worst, best, id)."""
    total = long["construction"].nunique()
    grouped = long.groupby("place_id")["rank"]
    frame = pd.DataFrame(
        {
            "best": grouped.min(),
            "median": grouped.median(),
            "worst": grouped.max(),
            "first": long.assign(first=long["rank"] == 1).groupby("place_id")["first"].sum().astype(int),
            "constructions": grouped.size(),
        }
    ).reset_index()
    frame["absent"] = total - frame["constructions"]
    frame = frame.sort_values(["median", "worst", "best", "place_id"]).reset_index(drop=True)
    if gaz is not None:
        frame.insert(1, "name_en", [gaz.loc[p, "name_en"] for p in frame["place_id"]])
    return frame


def hub_by_kind(long: pd.DataFrame, hub: str) -> pd.DataFrame:
    """The hub's best, median and worst rank for each measure and weighting, over the groups of
    modes and both trunk-railway variants; ``first``: under how many of those it ranks first."""
    rows = long[long["place_id"] == hub]
    out = (
        rows.groupby(["measure", "weighting"], sort=False)["rank"]
        .agg(best="min", median="median", worst="max", constructions="size")
        .reset_index()
    )
    out["first"] = rows.assign(f=rows["rank"] == 1).groupby(["measure", "weighting"], sort=False)["f"].sum().to_numpy()
    return out


def robust_summary(long: pd.DataFrame, hub: str, tolerance: float) -> dict:
    """What survives every construction: the hub's rank range, the places that lead under every
    one, and the places that rank above the hub under every construction that has both."""
    total = int(long["construction"].nunique())
    by = long.pivot_table(index="construction", columns="place_id", values="rank")
    if hub not in by:
        raise ParameterError(
            "hub", f"{hub!r} is on none of the networks ranked; choose a place on the chosen modes' items"
        )
    hub_ranks = by[hub].dropna()
    leaders = [p for p in by if by[p].notna().all() and (by[p] == 1).all()]
    with_hub = by.loc[hub_ranks.index]
    ahead = sorted(
        (p for p in by if p != hub and with_hub[p].notna().all() and (with_hub[p] < hub_ranks).all()),
        key=lambda p: (with_hub[p].max(), p),
    )
    first_counts = (by == 1).sum()
    return {
        "n_constructions": total,
        "tolerance": float(tolerance),
        "hub_best": int(hub_ranks.min()),
        "hub_worst": int(hub_ranks.max()),
        "hub_median": float(hub_ranks.median()),
        "hub_first": int((hub_ranks == 1).sum()),
        "hub_present": int(len(hub_ranks)),
        "leaders_everywhere": leaders,
        "always_ahead": ahead,
        "most_often_first": str(first_counts.idxmax()),
        "most_often_first_n": int(first_counts.max()),
    }


def robust_verdict(s: dict, gaz: pd.DataFrame, hub: str) -> str:
    """The chapter's headline: only what holds under every construction, computed."""
    name = gaz.loc[hub, "name_en"]
    tol = f"scores within {s['tolerance']:.0%} of the leading score tied" if s["tolerance"] else "exact ties only"
    span = (
        f"rank {s['hub_best']}"
        if s["hub_best"] == s["hub_worst"]
        else f"rank between {s['hub_best']} and {s['hub_worst']}"
    )
    absent = "" if s["hub_present"] == s["n_constructions"] else f" (it is on {s['hub_present']} of the networks)"
    text = (
        f"Under the {s['n_constructions']} constructions ({tol}), {name} places at {span}{absent} "
        f"and first under {s['hub_first']} of them."
    )
    if s["leaders_everywhere"]:
        text += (
            " "
            + _join([gaz.loc[p, "name_en"] for p in s["leaders_everywhere"]])
            + (" ranks" if len(s["leaders_everywhere"]) == 1 else " rank")
            + " first under every construction."
        )
    else:
        lead = gaz.loc[s["most_often_first"], "name_en"]
        text += (
            f" No place ranks first under every construction; {lead} does most often "
            f"({s['most_often_first_n']} of {s['n_constructions']})."
        )
    if s["always_ahead"]:
        shown = [gaz.loc[p, "name_en"] for p in s["always_ahead"][:5]]
        more = len(s["always_ahead"]) - len(shown)
        text += (
            f" {_join(shown)}{f' and {more} more' if more else ''} rank above {name} under every construction "
            f"that includes {name}."
        )
    if s["hub_first"] == s["hub_present"] == s["n_constructions"]:
        shared = len(s["leaders_everywhere"]) > 1
        text += (
            f" The tables make {name} {'one of the most central places (tied)' if shared else 'the most central place'}"
            " however the network is built."
        )
    elif s["hub_first"] == 0:
        text += f" However the network is built, the tables do not make {name} its most central place."
    else:
        text += f" Whether {name} is the most central place depends on how the network is built."
    return text


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def rank_range_figure(ranges: pd.DataFrame, *, hub: str, n: int = 12):
    """One line per place from its best to its worst rank over the constructions, a dot at the
    median; the ``n`` best-ranked places and ``hub`` (orange, added when it ranks lower)."""
    head = ranges.head(n)
    if hub in set(ranges["place_id"]) and hub not in set(head["place_id"]):
        head = pd.concat([head, ranges[ranges["place_id"] == hub]])
    head = head.iloc[::-1].reset_index(drop=True)
    names = head["name_en"] if "name_en" in head else head["place_id"]
    fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(head) + 1.4))
    for y, rec in head.iterrows():
        colour = "#D55E00" if rec["place_id"] == hub else "#0072B2"
        ax.plot(
            [rec["best"], rec["worst"]],
            [y, y],
            color=colour,
            linewidth=2.4 if rec["place_id"] == hub else 1.8,
            solid_capstyle="round",
        )
        ax.plot(
            [rec["median"]],
            [y],
            marker="D" if rec["place_id"] == hub else "o",
            color=colour,
            markersize=6,
            markeredgecolor="white",
            linestyle="none",
        )
    ax.set_yticks(range(len(head)), [f"{x} (first {f}×)" if f else x for x, f in zip(names, head["first"])])
    ax.set_xlabel("Rank in each network (1 = most central)")
    ax.set_xlim(0.5, max(head["worst"].max(), 2) + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


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


def prose(
    graph: nx.Graph, central: pd.DataFrame, long: pd.DataFrame, gaz: pd.DataFrame, hub: str, tolerance: float
) -> dict:
    """Every value the chapter's prose cites about the network and the hub test, ready to glue."""
    one = summary(graph, central, hub)
    robust = robust_summary(long, hub, tolerance)
    name = gaz.loc[hub, "name_en"]
    trunk = [p for p in trunk_ids(gaz) if p in graph]
    return {
        "net_places": one["n_places"],
        "net_links": one["n_links"],
        "net_components": one["n_components"],
        "net_isolated": one["n_isolated"],
        "hub_name": name,
        "first_build": verdict(one, gaz, hub),
        "headline": robust_verdict(robust, gaz, hub),
        "hub_kinds": kinds_sentence(hub_by_kind(long, hub), name),
        "n_constructions": robust["n_constructions"],
        "n_mode_sets": long["mode_set"].nunique(),
        "tolerance_pct": 100 * robust["tolerance"],
        "trunk_names": _join([gaz.loc[p, "name_en"] for p in trunk]) if trunk else "none",
        "n_trunk": len(trunk),
        "largest_before": one["largest_before"],
        "largest_after": one["largest_after"],
        "n_cut_off": one["n_cut_off"],
        "cut_off": ", ".join(gaz.loc[p, "name_en"] for p in one["cut_off"]) or "none",
    }


def headline(hub: str = "Harbin", tolerance: float = 0.05, modes=tuple(MODES)) -> tuple[str, dict]:
    """The hub test as the chapter states it (for other pages: the landing page, the conclusion):
    the computed sentence of :func:`robust_verdict` and the numbers behind it, from the data."""
    gaz = places.gazetteer()
    routes = places.routes(places.table2(), places.table3())
    s = robust_summary(robustness(routes, gaz, list(modes), tolerance), hub, tolerance)
    return robust_verdict(s, gaz, hub), s


def check_tolerance(tolerance) -> float:
    """Validate the ``tie_tolerance`` parameter: a share of the leading score, from 0 to 0.5."""
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance <= 0.5:
        raise ParameterError(
            "tie_tolerance",
            f"{tolerance!r} is not allowed; give a share of the leading score from 0 (exact ties only) to 0.5",
        )
    return float(tolerance)


def edges_table(graph: nx.Graph, gaz: pd.DataFrame | None = None) -> pd.DataFrame:
    """The edges as a table (for download): both ends, modes and the items that draw them."""
    rows = []
    for a, b, d in graph.edges(data=True):
        a, b = sorted((a, b))
        rows.append((a, b, ";".join(sorted(d["modes"])), ";".join(sorted(d["items"]))))
    frame = pd.DataFrame(rows, columns=["from_id", "to_id", "modes", "items"]).sort_values(["from_id", "to_id"])
    return frame.reset_index(drop=True)


# candidate label positions around a node (offset in points, alignment), nearest first
_LABEL_SPOTS = [
    (dx * k, dy * k, ha, va)
    for k in (1, 2, 3.2)
    for dx, dy, ha, va in (
        (5, 4, "left", "bottom"),
        (5, -4, "left", "top"),
        (-5, 4, "right", "bottom"),
        (-5, -4, "right", "top"),
        (0, 7, "center", "bottom"),
        (0, -7, "center", "top"),
        (9, 0, "left", "center"),
        (-9, 0, "right", "center"),
    )
]


def place_labels(ax, points: dict, texts: dict, order, *, fontsize: float = 7.5, pad: float = 1.5) -> list[str]:
    """Write ``texts[id]`` next to ``points[id]`` in ``order``, each at the first candidate spot
    where its box overlaps no label already placed and stays inside the axes; a label that
    fits nowhere is left out. Returns the ids labelled. Call after the axis limits are final."""
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    placed, done = [], []
    for pid in order:
        for dx, dy, ha, va in _LABEL_SPOTS:
            text = ax.annotate(
                texts[pid],
                points[pid],
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=fontsize,
                zorder=4,
                bbox={"boxstyle": f"round,pad={pad / 10:.2f}", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
            )
            box = text.get_window_extent(renderer).expanded(1.0, 1.0).padded(pad)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                done.append(pid)
                break
            text.remove()
    return done


def network_figure(graph: nx.Graph, gaz: pd.DataFrame, ranges: pd.DataFrame, *, hub: str, n_labels: int = 12):
    """The largest connected piece of the network as a diagram (spring layout, fixed seed): topology, not geography.

    Node area follows betweenness in this network; edge colour and style follow mode (the first
    mode when several items join the same pair). ``hub`` and the ``n_labels`` places with the
    lowest median rank over the constructions (``ranges`` from :func:`rank_ranges`) are named
    where a label fits without overlapping another (:func:`place_labels`).
    """
    # small separate pieces would float at the margins: the diagram shows the largest component
    graph = graph.subgraph(max(nx.connected_components(graph), key=len))
    pos = nx.spring_layout(graph, seed=2019, iterations=1000, k=0.6)
    bc = nx.betweenness_centrality(graph, normalized=True)
    fig, ax = plt.subplots(figsize=(8.5, 6.4))
    used = []
    for a, b, d in graph.edges(data=True):
        mode = sorted(d["modes"], key=list(MODES).index)[0]
        colour, dash, width = MODE_STYLE[mode]
        ax.plot(
            [pos[a][0], pos[b][0]],
            [pos[a][1], pos[b][1]],
            color=colour,
            linestyle=dash,
            linewidth=width * (1.4 if len(d["modes"]) > 1 else 1.0),
            alpha=0.85,
            zorder=1,
        )
        used.append(mode)
    for node, (x, y) in pos.items():
        ax.scatter(
            [x],
            [y],
            s=18 + 500 * bc.get(node, 0.0),
            color="#D55E00" if node == hub else "#444444",
            edgecolor="white",
            linewidth=0.6,
            zorder=3,
        )
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.25, max(xs) + 0.25)
    ax.set_ylim(min(ys) - 0.12, max(ys) + 0.12)
    ax.set_axis_off()
    handles = [
        Line2D([], [], color=MODE_STYLE[m][0], linestyle=MODE_STYLE[m][1], linewidth=MODE_STYLE[m][2], label=MODES[m])
        for m in MODES
        if m in used
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=4, fontsize=7.5)
    wanted = [hub] + [p for p in ranges["place_id"] if p in pos and p != hub][:n_labels]
    place_labels(
        ax,
        {p: pos[p] for p in wanted if p in pos},
        {p: gaz.loc[p, "name_en"] for p in wanted if p in pos},
        [p for p in wanted if p in pos],
    )
    return fig


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


def check_n_top(n_top: int) -> int:
    """Validate a chapter's ``n_top`` parameter (how many places the ranking shows, 3-30)."""
    if isinstance(n_top, bool) or not isinstance(n_top, int) or not 3 <= n_top <= 30:
        raise ParameterError("n_top", f"{n_top!r} is not allowed; give a whole number from 3 to 30")
    return n_top


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 04, checked; the hub must be named by an item of the chosen modes."""
    p = checks.read(values, ["modes", "hub", "n_top", "tie_tolerance", "run_name"])
    p["modes"] = check_modes(checks.kind("modes", p["modes"], list))
    gaz = places.gazetteer()
    places.check_hub(
        checks.kind("hub", p["hub"], str), gaz, places.routes(places.table2(), places.table3()), p["modes"]
    )
    check_n_top(p["n_top"])
    p["tie_tolerance"] = check_tolerance(p["tie_tolerance"])
    checks.run_name(p["run_name"])
    return p
