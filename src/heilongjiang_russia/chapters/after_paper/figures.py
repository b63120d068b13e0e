"""The figures of "After the paper", each drawn from a table of :class:`~.model.Results`.

Marker fill is the confidence of a figure (filled high, half-filled medium, open low); a line joins
reported full-year figures only, so a gap is drawn as a gap; a cross is a DERIVED value, a triangle a
figure for part of a year; the dotted line marks the end of Song's Table 1.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from heilongjiang_russia.present import figures

from .model import PROVINCE_SERIES, TABLE1
from .parameters import FIRST_YEAR, LAST_YEAR, PAPER_LAST_YEAR

PROVINCE_COLOURS = dict(zip(PROVINCE_SERIES, ("#D55E00", "#0072B2")))  # trade with Russia, total foreign trade
FILL = {"high": "full", "medium": "left", "low": "none"}  # marker fill by confidence
CONF_LABEL = {"high": "high confidence (filled)", "medium": "medium (half-filled)", "low": "low (open)"}
DERIVED_STYLE = {"marker": "x", "color": "#6E6E6E", "linestyle": "none", "markersize": 7, "markeredgewidth": 1.6}
PARTIAL_MARKER = "v"


def _point(ax, x, y, colour, marker, confidence, size=7.5, zorder=3):
    ax.plot(
        [x],
        [y],
        marker=marker,
        color=colour,
        markerfacecolor=colour,
        markeredgecolor=colour,
        fillstyle=FILL.get(confidence, "none"),
        markerfacecoloralt="white",
        linestyle="none",
        markersize=size,
        markeredgewidth=1.4,
        zorder=zorder,
    )


def _gapped(years, values, usable_mask, span):
    """A line through usable values only, NaN elsewhere, so that a gap is drawn as a gap."""
    series = pd.Series(np.nan, index=list(span))
    for y, v, ok in zip(years, values, usable_mask):
        if ok:
            series[y] = v
    return series


def _confidence_legend(extra=()):
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            color="#333333",
            fillstyle=FILL[c],
            markerfacecoloralt="white",
            linestyle="none",
            markersize=7.5,
            markeredgewidth=1.4,
            label=CONF_LABEL[c],
        )
        for c in FILL
    ]
    return handles + list(extra)


def _paper_line(ax, label="last year of Song's Table 1"):
    ax.axvline(PAPER_LAST_YEAR + 0.5, color=figures.MUTED, linestyle=":", linewidth=1.2, zorder=0)
    ax.text(
        PAPER_LAST_YEAR + 0.6,
        0.98,
        "after the paper →",
        transform=ax.get_xaxis_transform(),
        ha="left",
        va="top",
        fontsize=8.5,
        color="#333333",
    )


def fig_china_russia(long: pd.DataFrame, show_derived: bool = True) -> plt.Figure:
    """China–Russia trade by flow, US$ bn; marker fill = confidence, gaps where no figure is reported."""
    colours = {"total": "#000000", "China's exports": "#0072B2", "China's imports": "#D55E00"}
    markers = {"total": "o", "China's exports": "s", "China's imports": "^"}
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    for flow, part in long.groupby("flow", sort=False):
        ok = part["status"] == "reported"
        ax.plot(
            list(span),
            _gapped(part["year"], part["value_usd_bn"], ok, span).to_numpy(),
            color=colours[flow],
            linewidth=1.6,
            zorder=2,
        )
        for r in part[ok].itertuples(index=False):
            _point(ax, r.year, r.value_usd_bn, colours[flow], markers[flow], r.confidence)
        der = part[part["status"] == "derived"]
        if show_derived and not der.empty:
            ax.plot(der["year"], der["value_usd_bn"], **DERIVED_STYLE, zorder=3)
    flows = [Line2D([], [], color=colours[f], marker=markers[f], linewidth=1.6, label=f) for f in colours]
    extra = [Line2D([], [], **DERIVED_STYLE, label="DERIVED (not reported)")] if show_derived else []
    ax.legend(handles=flows + _confidence_legend(extra), fontsize=8, frameon=True, loc="upper left", ncol=2)
    ax.set_xticks(list(span))
    ax.tick_params(axis="x", labelrotation=90)
    ax.set_xlabel("Year")
    ax.set_ylabel("US$ bn")
    ax.set_ylim(0, long["value_usd_bn"].max() * 1.3)
    _paper_line(ax)
    fig.tight_layout()
    return fig


def fig_crude(oil: pd.DataFrame, show_derived: bool = True) -> plt.Figure:
    """China's crude imports from Russia: tonnes (top) and US$ (bottom), each on its own axis."""
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, axes = plt.subplots(2, 1, figsize=(7.5, 5.6), sharex=True)
    for ax, (quantity, label, colour) in zip(
        axes, (("Mt", "Million tonnes", "#009E73"), ("US$ bn", "US$ bn", "#CC79A7"))
    ):
        part = oil[oil["quantity"] == quantity]
        ok = part["status"] == "reported"
        ax.plot(
            list(span), _gapped(part["year"], part["value"], ok, span).to_numpy(), color=colour, linewidth=1.6, zorder=2
        )
        for r in part[ok].itertuples(index=False):
            _point(ax, r.year, r.value, colour, "o", r.confidence)
        der = part[part["status"] == "derived"]
        if show_derived and not der.empty:
            ax.plot(der["year"], der["value"], **DERIVED_STYLE, zorder=3)
        ax.set_ylabel(label)
        ax.set_ylim(0, max(part["value"].max() * 1.15, 1))
        _paper_line(ax)
    axes[0].legend(handles=_confidence_legend(), fontsize=8, frameon=True, loc="upper left")
    axes[-1].set_xticks(list(span))
    axes[-1].tick_params(axis="x", labelrotation=90)
    axes[-1].set_xlabel("Year")
    fig.tight_layout()
    return fig


def fig_province(points: pd.DataFrame) -> plt.Figure:
    """The province's trade with Russia and its total foreign trade in US$ bn: Song's Table 1 (grey line),
    full-year figures (circles, fill = confidence), part-year figures (triangles labelled with their months),
    DERIVED figures (crosses)."""
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, ax = plt.subplots(figsize=(7.5, 5.8))
    paper = points[points["status"] == TABLE1]
    ax.plot(paper["year"], paper["value_usd_bn"], color="#6E6E6E", linewidth=2.2, zorder=1)
    for r in points[points["status"] == "reported"].itertuples(index=False):
        _point(ax, r.year, r.value_usd_bn, PROVINCE_COLOURS[r.what], "o", r.confidence)
    part = points[points["status"] == "partial"].sort_values(["year", "months"])
    for r in part.itertuples(index=False):
        _point(ax, r.year, r.value_usd_bn, PROVINCE_COLOURS[r.what], PARTIAL_MARKER, r.confidence, size=6.5)
        right = r.what == "trade with Russia"  # labels of the two series on opposite sides of their points
        ax.annotate(
            r.period,
            (r.year, r.value_usd_bn),
            xytext=(6 if right else -6, 0),
            textcoords="offset points",
            fontsize=6.5,
            color="#333333",
            va="center",
            ha="left" if right else "right",
        )
    der = points[points["status"] == "derived"]
    for r in der.itertuples(index=False):
        ax.plot([r.year], [r.value_usd_bn], **{**DERIVED_STYLE, "color": PROVINCE_COLOURS[r.what]}, zorder=3)
    handles = [Line2D([], [], color="#6E6E6E", linewidth=2.2, label="Song's Table 1 (trade with Russia)")]
    handles += [
        Line2D([], [], color=c, marker="o", linestyle="none", label=f"{w}, full year")
        for w, c in PROVINCE_COLOURS.items()
    ]
    if not part.empty:
        handles.append(
            Line2D(
                [], [], color="#333333", marker=PARTIAL_MARKER, linestyle="none", label="part of a year (months shown)"
            )
        )
    if not der.empty:
        handles.append(Line2D([], [], **DERIVED_STYLE, label="DERIVED (not reported)"))
    ax.legend(handles=_confidence_legend(handles), fontsize=7.5, frameon=True, loc="upper left", ncol=2)
    ax.set_xticks(list(span))
    ax.tick_params(axis="x", labelrotation=90)
    ax.set_xlim(FIRST_YEAR - 0.5, LAST_YEAR + 0.9)
    ax.set_ylim(0, points["value_usd_bn"].max() * 1.45)
    ax.set_xlabel("Year")
    ax.set_ylabel("US$ bn")
    _paper_line(ax)
    fig.tight_layout()
    return fig


def fig_share(shares: pd.DataFrame, reported: pd.DataFrame | None = None) -> plt.Figure:
    """The province's share of China–Russia trade: computed (fill = confidence of the weaker input; circle =
    Table 1 numerator, square = the province's own figure), as printed in Song's Table 1 (grey diamonds) and,
    if ``reported`` is given, as the province's sources state it (orange stars; triangles for part of a year)."""
    span = range(FIRST_YEAR, LAST_YEAR + 1)
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    printed = shares[shares["printed_share_pct"].notna()]
    ax.plot(
        printed["year"],
        printed["printed_share_pct"],
        color="#6E6E6E",
        marker="D",
        fillstyle="none",
        linestyle="--",
        linewidth=1,
        markersize=6,
        zorder=1,
    )
    done = shares[shares["share_pct"].notna()]
    colour, stated = "#0072B2", "#E69F00"
    ax.plot(
        list(span),
        _gapped(done["year"], done["share_pct"], [True] * len(done), span).to_numpy(),
        color=colour,
        linewidth=1.6,
        zorder=2,
    )
    for r in done.itertuples(index=False):
        marker = "o" if r.province_basis == TABLE1 else "s"
        _point(ax, r.year, r.share_pct, colour, marker, r.confidence)
    said = reported[reported["status"].isin(["reported", "partial"])] if reported is not None else reported
    for r in said.itertuples(index=False) if said is not None else ():
        full = r.status == "reported"
        _point(
            ax,
            r.year,
            r.value_pct,
            stated,
            "*" if full else PARTIAL_MARKER,
            r.confidence,
            size=12 if full else 7.5,
            zorder=4,
        )
        if not full:
            ax.annotate(
                r.period,
                (r.year, r.value_pct),
                xytext=(6, 0),
                textcoords="offset points",
                fontsize=7,
                color="#333333",
                va="center",
            )
    for r in shares[shares["share_pct"].isna()].itertuples(index=False):
        ax.text(r.year, 0.02, "n/a", transform=ax.get_xaxis_transform(), ha="center", fontsize=7.5, color="#333333")
    handles = [
        Line2D(
            [], [], color="#6E6E6E", marker="D", fillstyle="none", linestyle="--", label="printed in Song's Table 1"
        ),
        Line2D(
            [], [], color=colour, marker="o", linestyle="none", label="computed: Song's Table 1 ÷ China–Russia total"
        ),
        Line2D([], [], color=colour, marker="s", linestyle="none", label="computed: province's own figure ÷ total"),
    ]
    if said is not None and not said.empty:
        handles.append(
            Line2D(
                [],
                [],
                color=stated,
                marker="*",
                markersize=11,
                linestyle="none",
                label="stated by the province's sources (▼ part of a year)",
            )
        )
    ax.legend(handles=_confidence_legend(handles), fontsize=7.5, frameon=True, loc="upper right", ncol=2)
    ax.set_xticks(list(span))
    ax.tick_params(axis="x", labelrotation=90)
    ax.set_ylim(0, max(shares[["share_pct", "printed_share_pct"]].max().max() * 1.75, 1))
    ax.set_xlabel("Year")
    ax.set_ylabel("% of China–Russia trade")
    _paper_line(ax)
    fig.tight_layout()
    return fig
