"""The paper's sub-periods side by side: compound growth, trade balance and import share.

The periods are the variants declared in ``chapters/variants.yml`` (the same windows the
variant pages are executed for), so the comparison and the variant pages cannot disagree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from heilongjiang_russia import paths
from heilongjiang_russia.data import checks, table1, variants
from heilongjiang_russia.errors import ParameterError
from heilongjiang_russia.present.figures import FLOW_COLOURS
from heilongjiang_russia.present.tables import myst_table

GROWTH_COLOURS = {True: "#009E73", False: "#CC79A7"}  # Okabe–Ito bluish green (growth), reddish purple (decline)


@dataclass(frozen=True)
class Period:
    label: str
    start: int
    end: int
    page: str = ""  # the variant page of the period, relative to chapters/ (for {doc} links)

    @property
    def years(self) -> str:
        return f"{self.start}–{self.end}"


def periods() -> list[Period]:
    """The sub-periods, in book order, from the variants spec."""
    return [
        Period(v.period, *v.years, page=v.file.relative_to(paths.CHAPTERS).with_suffix("").as_posix())
        for v in variants.load()
    ]


def compound_growth(first: float, last: float, years: int) -> float:
    """Compound annual growth in % from ``first`` to ``last`` over ``years`` years."""
    if years < 1:
        raise ParameterError("years", f"{years}; compound growth needs a window of at least two years")
    if first <= 0 or last <= 0:
        raise ParameterError("first", f"compound growth needs positive values, got {first} and {last}")
    return ((last / first) ** (1 / years) - 1) * 100


def summary(table: pd.DataFrame, spans: list[Period], unit: str = "printed") -> pd.DataFrame:
    """One row per period: levels in ``unit``, compound growth of each flow, balance and import share.

    - ``total_first``, ``total_last``: total trade in the period's first and last year;
    - ``cagr_total_pct`` (and export, import): compound annual growth from the first to the last year;
    - ``entry_change_pct``: change of total trade from the year before the period to its first year
      (empty for a period that starts with the table);
    - ``export_sum``, ``import_sum``, ``balance_sum``: sums over the period, balance = export − import;
    - ``import_share_pct``: imports as a share of all trade over the period.
    """
    factor, label = table1.unit_factor(unit)
    rows = []
    for span in spans:
        window = table1.window(table, span.start, span.end)
        first, last = window.loc[span.start], window.loc[span.end]
        n = span.end - span.start
        before = table.loc[span.start - 1, "total"] if span.start - 1 in table.index else np.nan
        exports, imports = window["export"].sum(), window["import"].sum()
        rows.append(
            {
                "period": span.label,
                "years": span.years,
                "start_year": span.start,
                "end_year": span.end,
                "total_first": first["total"] * factor,
                "total_last": last["total"] * factor,
                "entry_change_pct": (first["total"] / before - 1) * 100 if before == before else np.nan,
                "cagr_total_pct": compound_growth(first["total"], last["total"], n),
                "cagr_export_pct": compound_growth(first["export"], last["export"], n),
                "cagr_import_pct": compound_growth(first["import"], last["import"], n),
                "export_sum": exports * factor,
                "import_sum": imports * factor,
                "balance_sum": (exports - imports) * factor,
                "import_share_pct": imports / (exports + imports) * 100,
                "unit": label,
            }
        )
    return pd.DataFrame(rows)


def glue_values(frame: pd.DataFrame) -> dict:
    """The numbers the comparison page quotes, named by period (``cagr_2011_2014`` ...)."""
    values = {"unit_label": frame["unit"].iloc[0]}
    for row in frame.itertuples():
        key = f"{row.start_year}_{row.end_year}"
        values |= {
            f"cagr_{key}": row.cagr_total_pct,
            f"entry_{key}": row.entry_change_pct,
            f"balance_{key}": abs(row.balance_sum),
            f"balance_word_{key}": "surplus" if row.balance_sum >= 0 else "deficit",
            f"import_share_{key}": row.import_share_pct,
        }
    return values


HEADINGS = {
    "period": "Period",
    "entry_change_pct": "Change on entry, %",
    "cagr_total_pct": "Compound growth of total, %/yr",
    "export_sum": "Export, sum",
    "import_sum": "Import, sum",
    "balance_sum": "Balance, sum",
    "import_share_pct": "Import share, %",
}


def as_myst(frame: pd.DataFrame, caption: str, label: str = "tab-subperiods") -> str:
    """The comparison as a numbered MyST table."""
    frame = frame.assign(period=[f"{p} ({y})" for p, y in zip(frame["period"], frame["years"])])
    return myst_table(
        frame, HEADINGS, caption, label, formats={c: ".1f" for c in HEADINGS if c != "period"}, table_align="center"
    )


def figure(frame: pd.DataFrame) -> plt.Figure:
    """Left: average yearly export and import per period; right: compound growth of total trade."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4.2), gridspec_kw={"width_ratios": [3, 2]})
    x = np.arange(len(frame))
    years = (frame["end_year"] - frame["start_year"] + 1).to_numpy()
    labels = [f"{textwrap.fill(p, 13)}\n{y}" for p, y in zip(frame["period"], frame["years"])]
    for offset, flow, hatch in ((-0.2, "export", "//"), (0.2, "import", "")):
        left.bar(
            x + offset,
            frame[f"{flow}_sum"] / years,
            width=0.4,
            color=FLOW_COLOURS[flow],
            hatch=hatch,
            edgecolor="white",
            label=flow.capitalize(),
        )
    left.set_xticks(x, labels, fontsize=8)
    left.set_ylabel(f"Average per year ({frame['unit'].iloc[0]})")
    left.legend(frameon=True)
    colours = [GROWTH_COLOURS[value >= 0] for value in frame["cagr_total_pct"]]
    right.barh(x, frame["cagr_total_pct"], color=colours, hatch=None)
    right.axvline(0, color="black", linewidth=0.8)
    right.set_yticks(x, frame["years"])
    right.invert_yaxis()
    right.set_xlabel("Compound growth of total trade, % per year")
    for xi, value in zip(x, frame["cagr_total_pct"]):
        # the value to the right of the bar's outer end, or of the zero line for a negative bar
        right.annotate(
            f"{value:+.1f}",
            (max(value, 0), xi),
            xytext=(4, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=9,
        )
    lo, hi = frame["cagr_total_pct"].min(), frame["cagr_total_pct"].max()
    right.set_xlim(min(lo, 0) * 1.1 - 2, max(hi, 0) * 1.3 + 12)
    fig.tight_layout()
    return fig


def check_parameters(values: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of the sub-period comparison, checked; the Table 1 file must cover every sub-period."""
    p = checks.read(values, ["table1_file", "unit", "run_name"])
    table = checks.load("table1_file", p["table1_file"], table1.load)
    spans = periods()
    need = (min(s.start for s in spans) - 1, max(s.end for s in spans))  # the year before the first: its entry change
    have = (int(table["year"].min()), int(table["year"].max()))
    if have[0] > need[0] + 1 or have[1] < need[1]:
        raise ParameterError("table1_file", f"covers {have[0]}–{have[1]}; the sub-periods need {need[0] + 1}–{need[1]}")
    checks.unit(p["unit"])
    checks.run_name(p["run_name"])
    return p
