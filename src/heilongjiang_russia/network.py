"""The corridors of Tables 2 and 3 as a network (networkx).

Nodes are the places the chosen items name; an edge joins two places that follow each
other in one printed sequence, and carries the modes and items that join them. Places an
item lists without joining them (``nodes`` or ``point`` items) are nodes without an edge
from that item. The graph is undirected and unweighted: the paper gives an order of
places, not distances or capacities.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D

from .errors import ParameterError
from . import checks, places
from .places import MODES, check_modes


def build(routes: pd.DataFrame, modes=tuple(MODES)) -> nx.Graph:
    """The graph of the items whose mode is in ``modes`` (``routes`` from :func:`places.routes`)."""
    modes = check_modes(list(modes))
    graph = nx.Graph()
    chosen = routes[routes["mode"].isin(modes)]
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
    return graph


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
    frame = frame.sort_values(["betweenness", "degree", "place_id"], ascending=[False, False, True]).reset_index(drop=True)
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
        raise ParameterError("hub", f"{hub!r} is not a place on the chosen modes' items; choose one of {', '.join(sorted(graph.nodes))}")
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
        raise ParameterError("hub", f"{hub!r} is not a place on the chosen modes' items; choose one of {', '.join(sorted(graph.nodes))}")
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
        text = (f"{name} ranks {_ordinal(s['hub_rank'])} of {s['n_places']} places by betweenness "
                f"({s['hub_betweenness']:.3f}); {top_name} ranks first ({s['top_betweenness']:.3f})")
    if "hub_items" in s:
        top_items = gaz.loc[s["top_items_id"], "name_en"]
        lead = "more items than any other place" if s["top_items_id"] == hub else f"fewer than {top_items} ({s['top_items']})"
        text += f", while {s['hub_items']} table items name {name}, {lead}"
    return text + "."


def edges_table(graph: nx.Graph, gaz: pd.DataFrame | None = None) -> pd.DataFrame:
    """The edges as a table (for download): both ends, modes and the items that draw them."""
    rows = []
    for a, b, d in graph.edges(data=True):
        a, b = sorted((a, b))
        rows.append((a, b, ";".join(sorted(d["modes"])), ";".join(sorted(d["items"]))))
    frame = pd.DataFrame(rows, columns=["from_id", "to_id", "modes", "items"]).sort_values(["from_id", "to_id"])
    return frame.reset_index(drop=True)


def centrality_figure(table: pd.DataFrame, *, hub: str, n: int = 12):
    """Two bar panels: betweenness and degree of the ``n`` most central places; ``hub`` highlighted
    (and added below the others when it ranks lower than ``n``). Labels carry the rank."""
    head = table.head(n)
    if hub in set(table["place_id"]) and hub not in set(head["place_id"]):
        head = pd.concat([head, table[table["place_id"] == hub]])
    head = head.iloc[::-1]
    names = [f"{r}. {x}" for r, x in zip(head["rank"], head["name_en"] if "name_en" in head else head["place_id"])]
    colours = ["#D55E00" if p == hub else "#0072B2" for p in head["place_id"]]
    fig, (left, right) = plt.subplots(1, 2, figsize=(8.5, 4.6), sharey=True)
    left.barh(names, head["betweenness"], color=colours)
    left.set_xlabel("Betweenness centrality (normalised)")
    right.barh(names, head["degree"], color=colours, hatch=["//" if p == hub else "" for p in head["place_id"]])
    right.set_xlabel("Degree (distinct neighbours)")
    right.xaxis.get_major_locator().set_params(integer=True)
    for ax in (left, right):
        ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def network_figure(graph: nx.Graph, gaz: pd.DataFrame, table: pd.DataFrame, *, hub: str, n_labels: int = 10):
    """The largest connected piece of the network as a diagram (spring layout, fixed seed): topology, not geography.

    Node size follows betweenness; edge colour and style follow mode (the first mode when
    several items join the same pair); the ``n_labels`` most central places and ``hub`` are named.
    """
    from .maps import MODE_STYLE

    # small separate pieces would float at the margins: the diagram shows the largest component
    graph = graph.subgraph(max(nx.connected_components(graph), key=len))
    pos = nx.spring_layout(graph, seed=2019, iterations=500, k=0.3)
    bc = dict(zip(table["place_id"], table["betweenness"]))
    fig, ax = plt.subplots(figsize=(8.5, 6.2))
    used = []
    for a, b, d in graph.edges(data=True):
        mode = sorted(d["modes"], key=list(MODES).index)[0]
        colour, dash, width = MODE_STYLE[mode]
        ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color=colour, linestyle=dash,
                linewidth=width * (1.4 if len(d["modes"]) > 1 else 1.0), alpha=0.85, zorder=1)
        used.append(mode)
    for node, (x, y) in pos.items():
        size = 18 + 500 * bc.get(node, 0.0)
        ax.scatter([x], [y], s=size, color="#D55E00" if node == hub else "#444444", edgecolor="white",
                   linewidth=0.6, zorder=3)
    labelled = table[((table["rank"] <= n_labels) | (table["place_id"] == hub)) & table["place_id"].isin(list(pos))]
    for _, row in labelled.iterrows():
        x, y = pos[row["place_id"]]
        ax.annotate(f"{row['rank']}. {gaz.loc[row['place_id'], 'name_en']}", (x, y), xytext=(5, 5),
                    textcoords="offset points", fontsize=7.5, zorder=4,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.75})
    handles = [Line2D([], [], color=MODE_STYLE[m][0], linestyle=MODE_STYLE[m][1], linewidth=MODE_STYLE[m][2], label=MODES[m])
               for m in MODES if m in used]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4, fontsize=7.5)
    ax.set_axis_off()
    return fig


def centrality_myst(table: pd.DataFrame, n: int = 12, label: str = "tab-centrality") -> str:
    """The ``n`` most central places as a numbered MyST table."""
    lines = [
        f":::{{table}} The {n} most central places of the corridor network, by betweenness (ties by degree)",
        f":name: {label}", ":align: left", ":widths: 7 17 13 9 12 10 32", "",
        "| Rank | Place | Betweenness | Degree | Degree centrality | Items naming it | Modes (codes of places.MODES) |",
        "|---:|---|---:|---:|---:|---:|---|",
    ]
    for r in table.head(n).itertuples(index=False):
        name = getattr(r, "name_en", r.place_id)
        items = getattr(r, "items", "")
        modes = r.modes or "(no link)"
        lines.append(f"| {r.rank} | {name} | {r.betweenness:.3f} | {r.degree} | {r.degree_centrality:.3f} | {items} | {modes} |")
    return "\n".join(lines + [":::", ""])


def check_n_top(n_top: int) -> int:
    """Validate a chapter's ``n_top`` parameter (how many places the ranking shows, 3-30)."""
    if isinstance(n_top, bool) or not isinstance(n_top, int) or not 3 <= n_top <= 30:
        raise ParameterError("n_top", f"{n_top!r} is not allowed; give a whole number from 3 to 30")
    return n_top


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of chapter 04, checked; the hub must be named by an item of the chosen modes."""
    p = checks.read(values, ["modes", "hub", "n_top", "run_name"])
    p["modes"] = check_modes(checks.kind("modes", p["modes"], list))
    gaz = places.gazetteer()
    places.check_hub(checks.kind("hub", p["hub"], str), gaz, places.routes(places.table2(), places.table3()), p["modes"])
    check_n_top(p["n_top"])
    checks.run_name(p["run_name"])
    return p
