"""Figures: one style, deterministic files, SVG for the web and PNG for the PDF.

Every figure is drawn on a light card (white background) so that it stays legible
when the book is read in dark mode, with the Okabe–Ito palette, which is safe for the
common forms of colour blindness, and with markers or line styles as a second cue.
"""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

# Okabe & Ito (2008), "Color Universal Design"
OKABE_ITO = ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
FLOW_COLOURS = {"total": "#000000", "export": "#0072B2", "import": "#D55E00"}
FLOW_MARKERS = {"total": "o", "export": "s", "import": "^"}

_SAVE = {"dpi": 110, "bbox_inches": "tight", "facecolor": "white"}


def setup() -> None:
    """Apply the book's style and make SVG output byte-identical from run to run."""
    sns.set_theme(context="notebook", style="whitegrid", palette=OKABE_ITO)
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "heilongjiang-russia",  # fixed ids instead of random ones
            "svg.fonttype": "path",  # no dependence on the reader's fonts
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "figure.figsize": (7.5, 4.2),
            "font.family": "DejaVu Sans",
        }
    )


class Rendered:
    """A figure rendered once to SVG and PNG; Jupyter shows the SVG, the PDF build takes the PNG."""

    def __init__(self, fig: plt.Figure):
        self.svg = _render(fig, "svg", metadata={"Date": None, "Creator": None})
        self.png = _render(fig, "png", metadata={"Software": None})
        plt.close(fig)

    def _repr_mimebundle_(self, include=None, exclude=None):
        # a fixed text/plain, or IPython would store a repr with a memory address
        return {"image/svg+xml": self.svg.decode("utf-8"), "image/png": self.png, "text/plain": "<figure>"}


def _render(fig: plt.Figure, fmt: str, metadata: dict) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, metadata=metadata, **_SAVE)
    return buffer.getvalue()


def show(fig: plt.Figure) -> Rendered:
    """Display ``fig`` deterministically (end a cell with this call)."""
    return Rendered(fig)


def trade_levels(tidy: pd.DataFrame, *, title: str | None = None) -> plt.Figure:
    """Total, export and import by year (``tidy`` from :func:`table1.tidy`)."""
    fig, ax = plt.subplots()
    sns.lineplot(
        data=tidy, x="year", y="value", hue="flow", style="flow",
        hue_order=list(FLOW_COLOURS), palette=FLOW_COLOURS, markers=FLOW_MARKERS, dashes=False,
        linewidth=2, markersize=7, ax=ax,
    )
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Trade ({tidy['unit'].iloc[0]})")
    ax.set_xticks(sorted(tidy["year"].unique()))
    ax.set_ylim(bottom=0)
    ax.legend(title="Flow", frameon=True)
    if title:
        ax.set_title(title)
    return fig
