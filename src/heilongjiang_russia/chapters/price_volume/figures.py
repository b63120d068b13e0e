"""Figures of the chapter "Price or volume?", in the book's house style (:mod:`~heilongjiang_russia.present.figures`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from heilongjiang_russia.present.figures import MUTED

from .model import PART_LABELS, PARTS, TOTAL_PARTS

PART_COLOURS = {"price": "#E69F00", "volume": "#0072B2", "other": "#009E73", "exports": "#CC79A7"}
PART_HATCH = {"price": "", "volume": "//", "other": "..", "exports": "xx"}


def imports_split(split: pd.DataFrame, decomp_ranges: pd.DataFrame | None = None) -> plt.Figure:
    """Imports from Russia as stacked bars: pipeline oil and everything else (US$ bn), with the range
    of the oil value (``split`` has year, oil_bn, other_bn, oil_low, oil_high)."""
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    years = split["year"].to_numpy()
    ax.bar(years, split["oil_bn"], width=0.7, color=PART_COLOURS["price"], label="pipeline crude oil (central)")
    ax.bar(
        years,
        split["other_bn"],
        width=0.7,
        bottom=split["oil_bn"],
        color=PART_COLOURS["other"],
        hatch=PART_HATCH["other"],
        edgecolor="white",
        label="everything else",
    )
    has = split["oil_bn"] > 0
    ax.errorbar(
        years[has],
        split.loc[has, "oil_bn"],
        yerr=[
            split.loc[has, "oil_bn"] - split.loc[has, "oil_low"],
            split.loc[has, "oil_high"] - split.loc[has, "oil_bn"],
        ],
        fmt="none",
        ecolor="#000000",
        capsize=4,
        linewidth=1.2,
        label="range of the oil value",
    )
    ax.plot(years, split["other_bn"], color="#000000", marker="o", linewidth=1.5, label="everything else, as a line")
    partial = (split["status"] == "partial").to_numpy()
    tops = (split["oil_bn"] + split["other_bn"]).to_numpy()
    for y, top in zip(years[partial], tops[partial]):
        ax.text(y, top + 0.3, "scenario", ha="center", va="bottom", fontsize=7.5, color="#333333")
    ax.set_ylim(0, max(tops.max(), split["oil_high"].max()) * 1.12)
    ax.set_xticks(years)
    ax.set_xlabel("Year")
    ax.set_ylabel("Imports from Russia (billion US$)")
    ax.legend(frameon=True, fontsize=8.5, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    return fig


def decomposition(decomp: pd.DataFrame) -> plt.Figure:
    """Each year's change in imports (top) and in total trade (bottom), stacked by part (US$ bn)."""
    fig, axes = plt.subplots(2, 1, figsize=(7.5, 7.2), sharex=True)
    for ax, parts, change, title in (
        (axes[0], PARTS, "imports_change", "Change in imports"),
        (axes[1], TOTAL_PARTS, "total_change", "Change in total trade"),
    ):
        years = decomp["year"].to_numpy()
        up, down = np.zeros(len(years)), np.zeros(len(years))
        for part in parts:
            values = decomp[part].to_numpy()
            bottom = np.where(values >= 0, up, down)
            ax.bar(
                years,
                values,
                bottom=bottom,
                width=0.7,
                color=PART_COLOURS[part],
                hatch=PART_HATCH[part],
                edgecolor="white",
                label=PART_LABELS[part],
            )
            up, down = up + np.clip(values, 0, None), down + np.clip(values, None, 0)
        ax.scatter(years, decomp[change], marker="D", color="#000000", zorder=3, s=30, label="net change")
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.set_ylabel(f"{title}\n(billion US$)")
        ax.set_xticks(years)
    axes[1].set_xlabel("Year (change from the year before)")
    handles, labels = axes[1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=5, frameon=True, fontsize=8.5, bbox_to_anchor=(0.5, 1.03))
    fig.tight_layout()
    return fig


def counterfactuals(cf: pd.DataFrame) -> plt.Figure:
    """Recorded imports against imports at a constant oil price and at a constant pipeline volume."""
    fig, ax = plt.subplots()
    price_year, volume_year = int(cf["price_base_year"].iloc[0]), int(cf["volume_base_year"].iloc[0])
    ax.plot(cf["year"], cf["recorded"], color="#000000", marker="o", linewidth=2, label="recorded (Song's Table 1)")
    ax.plot(
        cf["year"],
        cf["constant_price"],
        color=PART_COLOURS["price"],
        marker="s",
        linewidth=2,
        linestyle="--",
        label=f"oil at the {price_year} Brent price",
    )
    ax.plot(
        cf["year"],
        cf["constant_volume"],
        color=PART_COLOURS["volume"],
        marker="^",
        linewidth=2,
        linestyle=":",
        label=f"pipeline at its {volume_year} volume (from 2011)",
    )
    ax.set_xticks(list(cf["year"]))
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Year")
    ax.set_ylabel("Imports from Russia (billion US$)")
    ax.legend(frameon=True, fontsize=9, loc="upper left")
    return fig


def rouble(table: pd.DataFrame) -> plt.Figure:
    """Exports (top), the rouble (middle) and their yearly log changes against each other (bottom)."""
    fig = plt.figure(figsize=(7.5, 8.4))
    top = fig.add_subplot(3, 1, 1)
    mid = fig.add_subplot(3, 1, 2, sharex=top)
    low = fig.add_subplot(3, 1, 3)
    top.plot(table["year"], table["export_bn"], color="#0072B2", marker="s", linewidth=2)
    top.set_ylabel("Exports to Russia\n(billion US$)")
    top.set_ylim(bottom=0)
    mid.plot(table["year"], table["rub_per_usd"], color="#D55E00", marker="o", linewidth=2)
    mid.set_ylabel("Roubles per US$\n(annual average)")
    mid.set_ylim(bottom=0)
    mid.set_xticks(list(table["year"]))
    mid.set_xlabel("Year")
    plt.setp(top.get_xticklabels(), visible=False)
    pairs = table.dropna(subset=["dlog_exports", "dlog_rub"])
    low.axhline(0, color=MUTED, linewidth=0.8)
    low.axvline(0, color=MUTED, linewidth=0.8)
    low.scatter(pairs["dlog_rub"], pairs["dlog_exports"], color="#000000", s=30, zorder=3)
    for r in pairs.itertuples():
        low.annotate(str(r.year), (r.dlog_rub, r.dlog_exports), textcoords="offset points", xytext=(4, 3), fontsize=8)
    low.set_xlabel("Change in roubles per US$ (log points; right = weaker rouble)")
    low.set_ylabel("Change in exports\n(log points)")
    fig.tight_layout()
    return fig


def sensitivity(sens: pd.DataFrame) -> plt.Figure:
    """Tornado: for each headline year with pipeline oil, how far each input alone moves the price and
    volume shares of the change in imports away from their central values (percentage points)."""
    years = [
        y
        for y in dict.fromkeys(sens["year"])
        if (sens.loc[sens["year"] == y, ["low", "high"]].abs().to_numpy() > 0).any()
    ]
    cols = 2
    rows = (len(years) + 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(7.5, 2.6 * rows), squeeze=False, sharex=True)
    inputs = list(dict.fromkeys(sens["input"]))
    styles = {
        "price_share": (PART_COLOURS["price"], "", "oil price share"),
        "volume_share": (PART_COLOURS["volume"], "//", "pipeline volume share"),
    }
    for ax, year in zip(axes.flat, years):
        part = sens[sens["year"] == year]
        for offset, (share, (colour, hatch, label)) in zip((-0.18, 0.18), styles.items()):
            rows_ = part[part["share"] == share].set_index("input").reindex(inputs)
            pos = np.arange(len(inputs)) + offset
            ax.barh(
                pos,
                rows_["high"] - rows_["low"],
                left=rows_["low"] - rows_["central"],
                height=0.34,
                color=colour,
                hatch=hatch,
                edgecolor="white",
                label=label,
            )
        ax.axvline(0, color="#000000", linewidth=1)
        ax.set_yticks(np.arange(len(inputs)))
        ax.set_yticklabels(inputs if ax in axes[:, 0] else [], fontsize=8.5)
        ax.invert_yaxis()
        ax.set_title(f"{year}: share of the change in imports", fontsize=9.5)
        ax.set_xlabel("Share minus its central value\n(percentage points)", fontsize=8.5)
        ax.tick_params(axis="x", labelbottom=True)
    for ax in list(axes.flat)[len(years) :]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=2, frameon=True, fontsize=8.5, bbox_to_anchor=(0.5, 1.04))
    fig.tight_layout()
    return fig
