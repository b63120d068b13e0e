"""Figures of "The province and the nation", in the book's house style (:mod:`present.figures`).

Colour is never the only cue: the province and China differ in marker and line style too, and the
parts of a change in hatch. A line joins only consecutive years with a usable figure, so a gap shows.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

from heilongjiang_russia.present.figures import MUTED

SIDE = {  # colour, marker, line style
    "province": ("#D55E00", "o", "-"),
    "China": ("#0072B2", "s", "--"),
}
FLOW_TITLES = {"total": "Total trade", "exports": "Exports to Russia", "imports": "Imports from Russia"}
PART_COLOURS = {"price": "#E69F00", "volume": "#0072B2", "other": "#009E73", "national": "#BBBBBB", "own": "#D55E00"}
PART_HATCH = {"price": "", "volume": "//", "other": "..", "national": "", "own": "xx"}
PART_LABELS = {
    "price": "crude price",
    "volume": "crude volume",
    "other": "other goods",
    "national": "a province keeping its share of China's flow",
    "own": "the province's own part",
}


def _gapped(ax, years, values, colour, marker, style, label, **kw) -> None:
    """Points for every value, a line only across consecutive years (a missing year breaks it)."""
    years, values = np.asarray(years, float), np.asarray(values, float)
    keep = np.isfinite(values)
    ax.plot(years[keep], values[keep], linestyle="none", marker=marker, color=colour, label=label, **kw)
    run_x, run_y = [], []
    for x, y, ok in zip(years, values, keep):
        if ok and (not run_x or x == run_x[-1] + 1):
            run_x.append(x)
            run_y.append(y)
            continue
        if len(run_x) > 1:
            ax.plot(run_x, run_y, linestyle=style, color=colour, linewidth=1.8)
        run_x, run_y = ([x], [y]) if ok else ([], [])
    if len(run_x) > 1:
        ax.plot(run_x, run_y, linestyle=style, color=colour, linewidth=1.8)


def _paper_end(ax) -> None:
    ax.axvline(2018.5, color=MUTED, linestyle=":", linewidth=1.1, zorder=0)


def index(beside: pd.DataFrame, base: int) -> plt.Figure:
    """Each flow as an index (``base`` = 100, log scale), the province beside China."""
    fig, axes = plt.subplots(1, 3, figsize=(9.5, 3.8), sharey=True)
    for ax, flow in zip(axes, FLOW_TITLES):
        part = beside[beside["flow"] == flow]
        for side, col in (("province", "province_index"), ("China", "china_index")):
            colour, marker, style = SIDE[side]
            _gapped(ax, part["year"], part[col], colour, marker, style, "Heilongjiang" if side == "province" else side)
        ax.axhline(100, color=MUTED, linewidth=0.9, linestyle=":")
        _paper_end(ax)
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(FixedLocator([25, 50, 100, 200, 400]))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_title(FLOW_TITLES[flow], fontsize=10)
        ax.set_xticks([2008, 2012, 2016, 2020, 2024])
        ax.set_xlabel("Year")
    axes[0].set_ylabel(f"Index, {base} = 100 (log scale)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=2, frameon=True, fontsize=9, bbox_to_anchor=(0.5, 1.06))
    fig.tight_layout()
    return fig


def shares(beside: pd.DataFrame) -> plt.Figure:
    """The province's share of each of China's flows with Russia, %."""
    fig, ax = plt.subplots(figsize=(7.5, 4.0))
    style = {"total": ("#000000", "o", "-"), "exports": ("#0072B2", "s", "--"), "imports": ("#D55E00", "^", ":")}
    for flow, (colour, marker, line) in style.items():
        part = beside[beside["flow"] == flow]
        _gapped(
            ax,
            part["year"],
            part["share_pct"],
            colour,
            marker,
            line,
            f"share of China's {flow if flow != 'total' else 'total trade'}",
        )
    _paper_end(ax)
    ax.set_xticks(range(2008, 2025, 2))
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Year")
    ax.set_ylabel("Heilongjiang's share (%)")
    ax.legend(frameon=True, fontsize=8.5, loc="upper right")
    return fig


def _stacked(ax, x, table: pd.DataFrame, parts, width=0.7) -> None:
    up, down = np.zeros(len(x)), np.zeros(len(x))
    for part in parts:
        values = np.nan_to_num(table[part].to_numpy(dtype=float))
        bottom = np.where(values >= 0, up, down)
        ax.bar(
            x,
            values,
            bottom=bottom,
            width=width,
            color=PART_COLOURS[part],
            hatch=PART_HATCH[part],
            edgecolor="white",
            label=PART_LABELS[part],
        )
        up, down = up + np.clip(values, 0, None), down + np.clip(values, None, 0)
    ax.axhline(0, color="#333333", linewidth=0.8)


def own_part(own: pd.DataFrame) -> plt.Figure:
    """Each change of the province's flows (US$ bn) split into what a province keeping its share of China's
    flow would have shown and the province's own part; diamonds mark the change."""
    fig, axes = plt.subplots(3, 1, figsize=(7.5, 7.4), sharex=True)
    for ax, flow in zip(axes, FLOW_TITLES):
        part = own[own["flow"] == flow]
        if part.empty:
            ax.text(0.5, 0.5, "no change with China's growth known", transform=ax.transAxes, ha="center", color=MUTED)
        else:
            _stacked(ax, part["year"].to_numpy(), part, ("national", "own"))
            ax.scatter(part["year"], part["change"], marker="D", color="#000000", zorder=3, s=26, label="the change")
        ax.set_ylabel(f"{FLOW_TITLES[flow]}\n(US$ bn)", fontsize=9)
    axes[-1].set_xticks(range(2009, 2019))
    axes[-1].set_xlabel("Year (change from the year before)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", ncol=2, frameon=True, fontsize=8.5, bbox_to_anchor=(0.5, 1.05))
    fig.tight_layout()
    return fig


def decomposition(decomp: pd.DataFrame) -> plt.Figure:
    """Each year's change in China's imports from Russia (US$ bn) stacked by part, with whiskers for the
    range of the crude's price effect; a year without imports for both years shows the crude's parts only."""
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    years = decomp["year"].to_numpy()
    _stacked(ax, years, decomp, ("price", "volume", "other"))
    has = decomp["change"].notna() if "change" in decomp else pd.Series(False, index=decomp.index)
    ax.scatter(
        years[has.to_numpy()],
        decomp.loc[has, "change"],
        marker="D",
        color="#000000",
        zorder=3,
        s=30,
        label="net change",
    )
    ax.errorbar(
        years,
        decomp["price"],
        yerr=[decomp["price"] - decomp["price_low"], decomp["price_high"] - decomp["price"]],
        fmt="none",
        ecolor="#000000",
        capsize=3,
        linewidth=1,
        label="range of the price effect",
    )
    _paper_end(ax)
    letters = {"reported value": "R", "market price": "M", "crude only": "C"}
    ax.set_xticks(years, [f"{y}\n{letters[b]}" for y, b in zip(years, decomp["basis"])])
    ax.set_xlabel("Year (change from the year before); R: reported value, M: market price, C: crude only")
    ax.set_ylabel("Change in China's imports\nfrom Russia (US$ bn)")
    ax.legend(frameon=True, fontsize=8, loc="upper left")
    return fig


def pipeline(crude: pd.DataFrame, share_after: pd.DataFrame, beside: pd.DataFrame) -> plt.Figure:
    """Top: China's crude imports from Russia (Mt) and the Mohe line's volume in the years the chapter
    uses it; bottom: the province's share of China–Russia trade, with the share it would have had had the
    line kept its 2018 share of China's Russian crude (whiskers: the range)."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 6.6), sharex=True)
    ok = crude["mt"].notna()
    top.bar(
        crude.loc[ok, "year"],
        crude.loc[ok, "mt"],
        width=0.7,
        color="#56B4E9",
        label="China's crude imports from Russia",
    )
    top.bar(
        share_after["year"],
        share_after["pipeline_mt"],
        width=0.4,
        color="#000000",
        hatch="//",
        edgecolor="white",
        label="of which the Mohe line (2018: pace to capacity, midpoint; later: capacity or reported)",
    )
    top.set_ylabel("Million tonnes")
    top.legend(frameon=True, fontsize=8, loc="upper left")
    total = beside[beside["flow"] == "total"]
    colour, marker, style = SIDE["province"]
    _gapped(bottom, total["year"], total["share_pct"], colour, marker, style, "share of China–Russia trade")
    cf = share_after[share_after["year"] > 2018]
    if not cf.empty:
        bottom.errorbar(
            cf["year"],
            cf["share_cf_pct"],
            yerr=[cf["share_cf_pct"] - cf["share_cf_pct_low"], cf["share_cf_pct_high"] - cf["share_cf_pct"]],
            fmt="D",
            color="#009E73",
            capsize=4,
            label="had the line kept its 2018 share of the crude",
        )
    _paper_end(bottom)
    bottom.set_ylim(bottom=0)
    bottom.set_ylabel("Heilongjiang's share (%)")
    bottom.set_xticks(range(2008, 2025, 2))
    bottom.set_xlabel("Year")
    bottom.legend(frameon=True, fontsize=8, loc="lower left")
    fig.tight_layout()
    return fig


def rouble(table: pd.DataFrame) -> plt.Figure:
    """The growth of exports to Russia (%) against the change of the rouble's dollar value (%), one point a year."""
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    for col, side, label in (
        ("china_exports_growth_pct", "China", "China's exports to Russia"),
        ("province_exports_growth_pct", "province", "Heilongjiang's exports to Russia"),
    ):
        colour, marker, _ = SIDE[side]
        ok = table[col].notna() & table["rouble_value_change_pct"].notna()
        ax.scatter(
            table.loc[ok, "rouble_value_change_pct"], table.loc[ok, col], color=colour, marker=marker, s=36, label=label
        )
        for r in table[ok].itertuples():
            ax.annotate(
                str(r.year),
                (r.rouble_value_change_pct, getattr(r, col)),
                textcoords="offset points",
                xytext=(4, 3),
                fontsize=7.5,
                color=colour,
            )
    ax.axhline(0, color=MUTED, linewidth=0.8)
    ax.axvline(0, color=MUTED, linewidth=0.8)
    ax.set_xlabel("Change of the rouble's dollar value over the year before (%)")
    ax.set_ylabel("Growth of exports to Russia (%)")
    ax.legend(frameon=True, fontsize=8.5, loc="lower right")
    return fig
