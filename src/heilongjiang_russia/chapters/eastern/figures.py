"""The chapter's figure: each tested claim against its outside figure, and the conversion rate."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from heilongjiang_russia.present.figures import OKABE_ITO

from .outside import RateCheck


def checks_figure(judged: pd.DataFrame, rate: RateCheck, cny_per_usd: float) -> plt.Figure:
    """One panel per tested quantity, each on its own axis and unit: the paper's number against the
    outside figure (a lower bound drawn as an open-ended bar), and the conversion rate against the
    official and the Federal Reserve averages."""
    tested = judged[judged["verdict"] != "not checkable"]
    n = len(tested) + 1
    fig, axes = plt.subplots(n, 1, figsize=(7.5, 1.45 * n + 0.6))
    axes = list(np.atleast_1d(axes))
    colours = {"paper": OKABE_ITO[5], "outside": OKABE_ITO[1], "fed": OKABE_ITO[7]}
    for ax, rec in zip(axes, tested.itertuples(index=False)):
        paper = rec.paper_value * (365 if rec.reading == "daily_rate_vs_annual_total" else 1)
        daily = rec.reading == "daily_rate_vs_annual_total"
        labels = [
            "Song (2019)" + (" × 365 days" if daily else ""),
            f"All China–Europe trains, {rec.year}" if daily else f"Outside, {rec.year}",
        ]
        ax.barh(
            [1, 0],
            [paper, rec.outside_value],
            color=[colours["paper"], colours["outside"]],
            height=0.6,
            hatch=["//" if rec.reading == "lower_bound" else "", ""],
            edgecolor="white",
        )
        top = max(paper, rec.outside_value)
        if rec.reading == "lower_bound":
            ax.annotate(
                "",
                xy=(paper + 0.12 * top, 1),
                xytext=(paper, 1),
                arrowprops={"arrowstyle": "->", "color": colours["paper"], "linewidth": 1.5},
            )
        for y, v, note in (
            (1, paper, "more than " if rec.reading == "lower_bound" else ""),
            (0, rec.outside_value, ""),
        ):
            ax.text(
                v + 0.14 * top if (y == 1 and rec.reading == "lower_bound") else v + 0.01 * top,
                y,
                f"{note}{v:.4g}",
                va="center",
                fontsize=9,
            )
        ax.set_yticks([1, 0], labels)
        ax.set_xlim(0, top * 1.35)
        unit = {"USD bn": "billion US$", "percent": "percent", "trains": "trains a year"}.get(
            rec.outside_unit, rec.outside_unit
        )
        ax.set_title(f"{rec.check_id}: {rec.quantity} ({unit}): {rec.verdict}", fontsize=10, loc="left")
        ax.grid(axis="y", visible=False)
    ax = axes[-1]
    values = [cny_per_usd, rate.official, rate.fed]
    ax.barh([2, 1, 0], values, color=[colours["paper"], colours["outside"], colours["fed"]], height=0.6)
    for y, v in zip([2, 1, 0], values):
        ax.text(v + 0.05, y, f"{v:.4f}", va="center", fontsize=9)
    ax.set_yticks(
        [2, 1, 0],
        ["Rate used (cny_per_usd)", f"Official average, {rate.year}", f"Federal Reserve H.10, {rate.year}"],
    )
    ax.set_xlim(0, max(values) * 1.35)
    ax.set_title(
        f"Conversion rate (yuan per US dollar): {'official' if rate.matches_official else 'not the official'} "
        f"{rate.year} average",
        fontsize=10,
        loc="left",
    )
    ax.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig
