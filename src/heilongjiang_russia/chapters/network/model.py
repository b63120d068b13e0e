"""The corridors of Tables 2 and 3 as a network (networkx): construction and ranking.

Nodes are the places the chosen items name; an edge joins two places that follow each
other in one printed sequence, and carries the modes and items that join them, and a
``weight``: how many items name it. Places an item lists without joining them (``nodes`` or
``point`` items) are nodes without an edge from that item. The paper gives an order of
places, not distances or capacities, so no single graph is "the" network: :func:`robustness`
ranks every place under several reasonable constructions (with and without the Russian trunk
railways as nodes, per group of modes, unweighted or weighted by the items naming an edge, by
degree, betweenness and closeness) and :func:`rank_ranges` reports each place's best and worst
rank, differences below a stated share of the leading score counting as ties.
:func:`analyse` runs the chapter's computation and returns it as a :class:`Network`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from heilongjiang_russia.data import places
from heilongjiang_russia.data.places import MODES, TABLE2_MODES, check_modes
from heilongjiang_russia.errors import ParameterError

from .. import claims
from .parameters import check_tolerance

TRUNK_KIND = "trunk_railway"
MEASURES = {"degree": "degree", "betweenness": "betweenness", "closeness": "closeness"}
WEIGHTINGS = {False: "unweighted", True: "weighted by items"}
TRUNKS = {True: "with trunk railways", False: "without trunk railways"}
# how a group of modes that leaves one mode out is labelled ("without railway")
MODE_NAMES = {
    "land_sea": "land and sea",
    "railway": "railway",
    "highway": "highway",
    "water": "water",
    "aviation": "aviation",
    "pipeline": "pipeline",
    "grid": "power grid",
    "cable": "cable",
    "belt": "industrial belt",
    "ring": "border ring",
}


@dataclass(frozen=True)
class Corridors:
    """The chapter's data, validated: the gazetteer, Tables 2 and 3, both as routes, the spellings, the ledger."""

    gaz: pd.DataFrame
    table2: pd.DataFrame
    table3: pd.DataFrame
    routes: pd.DataFrame
    spellings: pd.DataFrame
    ledger: pd.DataFrame


def load_corridors() -> Corridors:
    """Tables 2 and 3, the gazetteer and the spellings, after checking that every route and spelling fits the gazetteer."""
    gaz = places.gazetteer()
    t2, t3 = places.table2(), places.table3()
    places.check_routes(t2, t3, gaz)
    spell = places.spellings()
    places.check_spellings(spell, gaz)
    return Corridors(gaz, t2, t3, places.routes(t2, t3), spell, claims.load())


def table_modes(modes) -> tuple[list[str], list[str]]:
    """The chosen modes of Table 2 and those of Table 3 (the belts and the ring), in the order given."""
    modes = check_modes(list(modes))
    return [m for m in modes if m in TABLE2_MODES], [m for m in modes if m not in TABLE2_MODES]


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


def _not_on(graph: nx.Graph, hub: str) -> ParameterError:
    return ParameterError(
        "hub", f"{hub!r} is not a place on the chosen modes' items; choose one of {', '.join(sorted(graph.nodes))}"
    )


@dataclass(frozen=True)
class Cut:
    """What removing the hub does to a network: its pieces before and after, and the places cut off."""

    components_before: int
    components_after: int
    largest_before: int  # places in the largest connected piece
    largest_after: int
    cut_off: tuple[str, ...]  # places of the former largest piece no longer in it, by id


def without(graph: nx.Graph, hub: str) -> Cut:
    """What removing ``hub`` does: components before and after, and the places cut off from the largest one."""
    if hub not in graph:
        raise _not_on(graph, hub)
    before = nx.number_connected_components(graph)
    largest_before = max(nx.connected_components(graph), key=len) if graph else set()
    reduced = graph.copy()
    reduced.remove_node(hub)
    comps = sorted(nx.connected_components(reduced), key=len, reverse=True)
    largest_after = comps[0] if comps else set()
    return Cut(
        before,
        len(comps),
        len(largest_before),
        len(largest_after),
        tuple(sorted(largest_before - {hub} - largest_after)),
    )


@dataclass(frozen=True)
class FirstBuild:
    """The network as first built (all chosen modes, trunk railways as nodes, unweighted) and the hub in it."""

    n_places: int
    n_links: int
    n_components: int
    n_isolated: int  # places named without any link
    top_betweenness_id: str
    top_betweenness: float
    top_degree_id: str
    top_degree: int
    hub_rank: int
    hub_betweenness: float
    hub_degree: int
    hub_is_top: bool
    cut: Cut
    top_items_id: str | None = None  # the items fields: None when the table has no ``items`` column
    top_items: int | None = None
    hub_items: int | None = None


def summary(graph: nx.Graph, table: pd.DataFrame, hub: str) -> FirstBuild:
    """The numbers the chapter's prose cites about the network and the ``hub`` place."""
    if hub not in graph:
        raise _not_on(graph, hub)
    by_id = table.set_index("place_id")
    first = table.iloc[0]
    items = (
        {
            "top_items_id": top(table, "items"),
            "top_items": int(table["items"].max()),
            "hub_items": int(by_id.loc[hub, "items"]),
        }
        if "items" in table
        else {}
    )
    return FirstBuild(
        n_places=graph.number_of_nodes(),
        n_links=graph.number_of_edges(),
        n_components=nx.number_connected_components(graph),
        n_isolated=sum(1 for n in graph.nodes if graph.degree(n) == 0),
        top_betweenness_id=first["place_id"],
        top_betweenness=float(first["betweenness"]),
        top_degree_id=top(table, "degree"),
        top_degree=int(table["degree"].max()),
        hub_rank=int(by_id.loc[hub, "rank"]),
        hub_betweenness=float(by_id.loc[hub, "betweenness"]),
        hub_degree=int(by_id.loc[hub, "degree"]),
        hub_is_top=bool(first["place_id"] == hub),
        cut=without(graph, hub),
        **items,
    )


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
    t2, t3 = table_modes(modes)
    if t2 and t3:
        sets += [("Table 2 only", t2), ("Table 3 only", t3)]
    if len(modes) > 1:
        sets += [(f"without {MODE_NAMES[m]}", [x for x in modes if x != m]) for m in modes]
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


@dataclass(frozen=True)
class HubRanks:
    """What survives every construction: the hub's rank range, the places that lead under every
    one, and the places that rank above the hub under every construction that has both."""

    n_constructions: int
    tolerance: float
    hub_best: int
    hub_worst: int
    hub_median: float
    hub_first: int  # constructions under which the hub ranks first
    hub_present: int  # constructions whose network holds the hub
    leaders_everywhere: tuple[str, ...]
    always_ahead: tuple[str, ...]
    most_often_first: str
    most_often_first_n: int


def robust_summary(long: pd.DataFrame, hub: str, tolerance: float) -> HubRanks:
    """The hub's ranks over every construction of ``long`` (from :func:`robustness`), as a :class:`HubRanks`."""
    total = int(long["construction"].nunique())
    by = long.pivot_table(index="construction", columns="place_id", values="rank")
    if hub not in by:
        raise ParameterError(
            "hub", f"{hub!r} is on none of the networks ranked; choose a place on the chosen modes' items"
        )
    hub_ranks = by[hub].dropna()
    leaders = tuple(p for p in by if by[p].notna().all() and (by[p] == 1).all())
    with_hub = by.loc[hub_ranks.index]
    ahead = sorted(
        (p for p in by if p != hub and with_hub[p].notna().all() and (with_hub[p] < hub_ranks).all()),
        key=lambda p: (with_hub[p].max(), p),
    )
    first_counts = (by == 1).sum()
    return HubRanks(
        n_constructions=total,
        tolerance=float(tolerance),
        hub_best=int(hub_ranks.min()),
        hub_worst=int(hub_ranks.max()),
        hub_median=float(hub_ranks.median()),
        hub_first=int((hub_ranks == 1).sum()),
        hub_present=int(len(hub_ranks)),
        leaders_everywhere=leaders,
        always_ahead=tuple(ahead),
        most_often_first=str(first_counts.idxmax()),
        most_often_first_n=int(first_counts.max()),
    )


def edges_table(graph: nx.Graph, gaz: pd.DataFrame | None = None) -> pd.DataFrame:
    """The edges as a table (for download): both ends, modes and the items that draw them."""
    rows = []
    for a, b, d in graph.edges(data=True):
        a, b = sorted((a, b))
        rows.append((a, b, ";".join(sorted(d["modes"])), ";".join(sorted(d["items"]))))
    frame = pd.DataFrame(rows, columns=["from_id", "to_id", "modes", "items"]).sort_values(["from_id", "to_id"])
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class Network:
    """The chapter's results for one set of parameters."""

    hub: str
    hub_name: str
    tolerance: float
    graph: nx.Graph  # as first built: all chosen modes, trunk railways as nodes
    central: pd.DataFrame  # :func:`centrality` of ``graph``, with the items naming each place
    constructions: pd.DataFrame  # :func:`robustness`: every place under every construction
    ranges: pd.DataFrame  # :func:`rank_ranges`
    by_kind: pd.DataFrame  # :func:`hub_by_kind`
    first_build: FirstBuild
    hub_ranks: HubRanks


def analyse(p: Mapping[str, Any], data: Corridors | None = None) -> Network:
    """The network as first built and under every construction, for the checked parameters ``p``."""
    data = load_corridors() if data is None else data
    modes, hub, tolerance = p["modes"], p["hub"], p["tie_tolerance"]
    graph = build(data.routes, modes)
    central = centrality(graph, data.gaz, mentions(data.routes, modes))
    constructions = robustness(data.routes, data.gaz, modes, tolerance)
    return Network(
        hub=hub,
        hub_name=data.gaz.loc[hub, "name_en"],
        tolerance=tolerance,
        graph=graph,
        central=central,
        constructions=constructions,
        ranges=rank_ranges(constructions, data.gaz),
        by_kind=hub_by_kind(constructions, hub),
        first_build=summary(graph, central, hub),
        hub_ranks=robust_summary(constructions, hub, tolerance),
    )
