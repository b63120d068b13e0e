"""The figures of chapter 04: each place's rank range over the constructions, and the network as a diagram."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.lines import Line2D

from heilongjiang_russia.data.places import MODES
from heilongjiang_russia.present.maps import MODE_STYLE


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
