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
        data=tidy,
        x="year",
        y="value",
        hue="flow",
        style="flow",
        hue_order=list(FLOW_COLOURS),
        palette=FLOW_COLOURS,
        markers=FLOW_MARKERS,
        dashes=False,
        linewidth=2,
        markersize=7,
        ax=ax,
    )
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Trade ({tidy['unit'].iloc[0]})")
    ax.set_xticks(sorted(tidy["year"].unique()))
    ax.set_ylim(bottom=0)
    ax.legend(title="Flow", frameon=True)
    if title:
        ax.set_title(title)
    return fig


# --- current-state chapter: events, index, growth audit, balance, shares -------------------

MUTED = "#6E6E6E"  # annotations: grey that reads on the white card


def mark_events(ax, events: dict[int, str], span: tuple[int, int] | None = None, span_label: str = "") -> None:
    """Dashed lines at the years of ``events`` and a shaded ``span`` of years, labelled above the axes."""
    low, high = ax.get_xlim()
    above = ax.get_xaxis_transform()  # x in data, y in axes fraction
    for year, label in events.items():
        if low <= year <= high:
            ax.axvline(year, color=MUTED, linestyle="--", linewidth=1, zorder=0)
            ax.text(year, 1.02, label, transform=above, ha="center", va="bottom", fontsize=8.5, color="#333333")
    if span and low <= span[1] and span[0] <= high:
        ax.axvspan(span[0] - 0.5, span[1] + 0.5, color="#E69F00", alpha=0.15, zorder=0, linewidth=0)
        ax.text(
            (span[0] + span[1]) / 2,
            1.02,
            span_label,
            transform=above,
            ha="center",
            va="bottom",
            fontsize=8.5,
            color="#333333",
        )


def trade_levels_events(
    tidy: pd.DataFrame, events: dict[int, str], span: tuple[int, int] | None = None, span_label: str = ""
) -> plt.Figure:
    """:func:`trade_levels` with the events the paper names marked."""
    fig = trade_levels(tidy)
    ax = fig.axes[0]
    years = sorted(tidy["year"].unique())
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_ylim(0, tidy["value"].max() * 1.1)
    ax.legend(title="Flow", frameon=True, loc="upper left")
    mark_events(ax, events, span, span_label)
    return fig


def trade_index(index: pd.DataFrame) -> plt.Figure:
    """Each flow as an index (100 = the base year), log scale so that equal ratios look equal."""
    fig, ax = plt.subplots()
    sns.lineplot(
        data=index,
        x="year",
        y="index",
        hue="flow",
        style="flow",
        hue_order=list(FLOW_COLOURS),
        palette=FLOW_COLOURS,
        markers=FLOW_MARKERS,
        dashes=False,
        linewidth=2,
        markersize=7,
        ax=ax,
    )
    base = int(index["base_year"].iloc[0])
    ax.axhline(100, color=MUTED, linewidth=1, linestyle=":")
    ax.axvline(base, color=MUTED, linewidth=1, linestyle=":")
    ax.set_yscale("log")
    low, high = index["index"].min(), index["index"].max()
    ax.set_yticks([t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000) if low / 2 <= t <= high * 2])
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.yaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_xlabel("Year")
    ax.set_ylabel(f"Index ({base} = 100, log scale)")
    ax.set_xticks(sorted(index["year"].unique()))
    ax.legend(title="Flow", frameon=True)
    return fig


VERDICT_STYLE = {  # marker and colour of the recomputed growth, by verdict (shape is the second cue)
    "consistent": ("o", "#009E73"),
    "within rounding": ("D", "#0072B2"),
    "partly supported": ("s", "#E69F00"),
    "inconsistent": ("X", "#D55E00"),
    "not checkable": ("", "#000000"),
}


def growth_audit(growth: pd.DataFrame) -> plt.Figure:
    """Printed minus recomputed growth per year and flow, with the range rounding allows (bars), on its own axis.

    ``growth`` from :func:`current_state.growth_long` (with verdicts). A marker on the zero line is a
    printed rate its levels reproduce; a range that misses zero is a gap no rounding explains.
    """
    flows = list(FLOW_COLOURS)
    fig, axes = plt.subplots(len(flows), 1, figsize=(7.5, 7.2), sharex=True)
    years = sorted(growth["year"].unique())
    for ax, flow in zip(axes, flows):
        part = growth[(growth["flow"] == flow) & growth["recomputed_pct"].notna()]
        ax.axhline(0, color="#333333", linewidth=0.8)
        ax.vlines(
            part["year"],
            part["gap_low_pct"],
            part["gap_high_pct"],
            color=MUTED,
            linewidth=3,
            alpha=0.55,
            label="range rounding allows",
        )
        for verdict, (marker, colour) in VERDICT_STYLE.items():
            hit = part[part["verdict"] == verdict]
            if marker and not hit.empty:
                ax.scatter(
                    hit["year"],
                    hit["gap_pct"],
                    marker=marker,
                    color=colour,
                    s=46,
                    zorder=3,
                    edgecolor="white",
                    linewidth=0.6,
                    label=verdict,
                )
        ax.set_ylabel(f"{flow.capitalize()}\n(points)")
        ax.set_xticks(years)
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        low = min(part["gap_low_pct"].min(), -0.5) if not part.empty else -0.5
        high = max(part["gap_high_pct"].max(), 0.5) if not part.empty else 0.5
        ax.set_ylim(low - 0.15 * (high - low), high + 0.15 * (high - low))
    axes[-1].set_xlabel("Year")
    handles, labels = [], []
    for ax in axes:
        for h, lab in zip(*ax.get_legend_handles_labels()):
            if lab not in labels:
                handles.append(h)
                labels.append(lab)
    fig.legend(handles, labels, loc="upper center", ncol=4, frameon=True, bbox_to_anchor=(0.5, 1.04), fontsize=9)
    fig.supylabel("Printed minus recomputed growth (percentage points)", x=-0.01, fontsize=10)
    fig.tight_layout()
    return fig


def balance_and_import_share(balance: pd.DataFrame) -> plt.Figure:
    """Trade balance (export − import) as bars and the import share of the total as a line."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 5.8), sharex=True)
    colours = ["#0072B2" if v >= 0 else "#D55E00" for v in balance["balance"]]
    top.bar(balance["year"], balance["balance"], color=colours, width=0.7)
    top.axhline(0, color="#333333", linewidth=0.8)
    top.set_ylabel(f"Export − import\n({balance['unit'].iloc[0]})")
    bottom.plot(balance["year"], balance["import_share_pct"], color="#D55E00", marker="^", linewidth=2)
    bottom.axhline(50, color=MUTED, linewidth=1, linestyle=":")
    bottom.set_ylim(0, 100)
    bottom.set_ylabel("Import share of\ntotal trade (%)")
    bottom.set_xlabel("Year")
    bottom.set_xticks(list(balance["year"]))
    fig.tight_layout()
    return fig


# the province's series in blue circles, China–Russia's in orange squares, in both panels
_SHARE_STYLE = {"province": ("#0072B2", "o"), "china": ("#E69F00", "s")}


def _share_line(ax, shares: pd.DataFrame, column: str, who: str, label: str) -> None:
    colour, marker = _SHARE_STYLE[who]
    ax.plot(shares["year"], shares[column], color=colour, marker=marker, linewidth=2, label=label)


def _reported_total(ax, shares: pd.DataFrame, column: str, who: str, label: str) -> None:
    """An outside total as open markers (black rims), only in the years it is reported."""
    outside = shares.dropna(subset=[column])
    ax.scatter(
        outside["year"],
        outside[column],
        marker=_SHARE_STYLE[who][1],
        s=70,
        facecolor="none",
        edgecolor="#000000",
        linewidth=1.4,
        zorder=3,
        label=label,
    )


def shares_and_totals(shares: pd.DataFrame) -> plt.Figure:
    """The printed share columns (top) and the totals they imply, with outside totals (bottom)."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 6.4), sharex=True)
    _share_line(top, shares, "share_province_pct", "province", "of the province's foreign trade")
    _share_line(top, shares, "share_china_pct", "china", "of all China–Russia trade")
    top.set_ylim(0, max(shares["share_province_pct"].max(), 1) * 1.3)
    top.set_ylabel("Trade with Russia\nas a share (%)")
    top.legend(frameon=True, loc="upper left", fontsize=9)
    _share_line(bottom, shares, "province_total_implied", "province", "province's foreign trade, implied")
    _share_line(bottom, shares, "china_russia_total_implied", "china", "China–Russia trade, implied")
    _reported_total(bottom, shares, "china_russia_total_outside", "china", "China–Russia trade, reported")
    if shares["province_total_outside"].notna().any():
        _reported_total(bottom, shares, "province_total_outside", "province", "province's foreign trade, reported")
    bottom.set_ylim(bottom=0)
    bottom.set_ylabel(f"Total\n({shares['unit'].iloc[0]})")
    bottom.set_xlabel("Year")
    bottom.set_xticks(list(shares["year"]))
    bottom.legend(frameon=True, fontsize=8.5, loc="upper left")
    fig.tight_layout()
    return fig
