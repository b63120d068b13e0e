"""The chapter's tables as the reader sees them: the model's results with their ranges written out.

Each function takes one result of :func:`model.analyse` and returns the frame that
:func:`heilongjiang_russia.present.tables.myst_table` renders; nothing is recomputed here.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import model
from .prose import PART_NAMES, pct_range, signed

FLOW_WORDS = {"total": "total trade", "exports": "exports", "imports": "imports"}


def _spec(columns: dict[str, str], caption: str, label: str, **options: Any) -> dict[str, Any]:
    """The keyword arguments of :func:`present.tables.myst_table` for one of the chapter's tables."""
    return {"columns": columns, "caption": caption, "label": label, **options}


def own_part(own: pd.DataFrame) -> pd.DataFrame:
    """One row per change of the province's flows: the change, China's growth, the two parts, the own share."""
    out = own.copy()
    out["flow"] = out["flow"].map(FLOW_WORDS)
    out["own_share_text"] = [
        pct_range(c, lo, hi) for c, lo, hi in zip(own["own_share"], own["own_share_low"], own["own_share_high"])
    ]
    return out


def decomposition(decomp: pd.DataFrame) -> pd.DataFrame:
    """One row per year: basis, the change and its parts (US$ bn), the shares with ranges, the lead and its robustness."""
    out = decomp.copy()
    split = out["basis"] != model.CRUDE_ONLY
    out["shares"] = [
        "; ".join(f"{k} {pct_range(r[k + '_share'], r[k + '_share_low'], r[k + '_share_high'])}" for k in model.PARTS)
        if ok
        else r["imports_reason"]
        for (_, r), ok in zip(out.iterrows(), split)
    ]
    out["leads"] = [PART_NAMES[r["lead"]] if ok else "–" for (_, r), ok in zip(out.iterrows(), split)]
    out["box"] = [
        ("yes" if not model.flipping(r) else "no: " + "; ".join(model.flipping(r))) if ok else "–"
        for (_, r), ok in zip(out.iterrows(), split)
    ]
    return out


def value_check(vc: pd.DataFrame) -> pd.DataFrame:
    out = vc.copy()
    out["estimate"] = [
        f"{c:.2f} ({lo:.2f} to {hi:.2f})"
        for c, lo, hi in zip(vc["estimate_bn"], vc["estimate_low"], vc["estimate_high"])
    ]
    out["price_range"] = [f"{lo:.1f} to {hi:.1f}" for lo, hi in zip(vc["price_range_low"], vc["price_range_high"])]
    out["inside_text"] = vc["inside"].map({True: "yes", False: "no"})
    out["difference"] = [signed(d, 1) for d in vc["difference_pct"]]
    return out


def _range(c: float, lo: float, hi: float, places: int = 1) -> str:
    return "–" if c != c else f"{c:.{places}f} ({lo:.{places}f} to {hi:.{places}f})"


def share_after(sa: pd.DataFrame) -> pd.DataFrame:
    out = sa.copy()
    out["extra"] = [_range(*v) for v in zip(sa["extra_mt"], sa["extra_mt_low"], sa["extra_mt_high"])]
    out["share_cf"] = [_range(*v) for v in zip(sa["share_cf_pct"], sa["share_cf_pct_low"], sa["share_cf_pct_high"])]
    out["explained"] = [
        "–" if c != c else pct_range(c, lo, hi)
        for c, lo, hi in zip(sa["explained_pct"], sa["explained_pct_low"], sa["explained_pct_high"])
    ]
    return out


# -- the tables' headings, captions, labels and formats (notebook: myst_table(frame, **SPEC)) --------

SOURCES = _spec(
    {
        "series": "Series",
        "reported": "Reported (full year)",
        "of_which_low": "… of which low confidence",
        "derived": "DERIVED only",
        "not_found": "Not found",
    },
    "The years each national series covers, 2008–2024 (data/external/china_russia_trade.csv and espo_china_oil.csv); "
    "a DERIVED value is computed from other figures and never used as a reported one",
    "tab-nation-sources",
    widths="14 10 8 7 10",
)

BESIDE = _spec(
    {
        "year": "Year",
        "share_pct_total": "Share of total, %",
        "share_pct_exports": "Share of exports, %",
        "share_pct_imports": "Share of imports, %",
        "province_growth_pct_total": "Province total, y/y %",
        "province_growth_pct_exports": "Province exports, y/y %",
        "province_growth_pct_imports": "Province imports, y/y %",
        "china_growth_pct_total": "China total, y/y %",
        "china_growth_pct_exports": "China exports, y/y %",
        "china_growth_pct_imports": "China imports, y/y %",
    },
    "Heilongjiang's share of each of China's flows with Russia and each side's growth over the year before, in US$ "
    "(– where a usable figure is missing on either side)",
    "tab-nation-beside",
    formats=dict.fromkeys(
        [
            "share_pct_total",
            "share_pct_exports",
            "share_pct_imports",
            "province_growth_pct_total",
            "province_growth_pct_exports",
            "province_growth_pct_imports",
            "china_growth_pct_total",
            "china_growth_pct_exports",
            "china_growth_pct_imports",
        ],
        ".1f",
    ),
    wide=True,
)

OWN = _spec(
    {
        "year": "Year",
        "flow": "Flow",
        "change": "Province's change, US$ bn",
        "china_growth_pct": "China's growth, %",
        "national": "Keeping its share, US$ bn",
        "own": "Own part, US$ bn",
        "own_share_text": "Own part, % of the change",
    },
    "The province's own part of each change: a province that kept its share of China's flow would have changed by its "
    "level of the year before times China's growth; the rest is the province's own (range over rounding and currency)",
    "tab-nation-own",
    formats={"change": "+.2f", "china_growth_pct": "+.1f", "national": "+.2f", "own": "+.2f"},
    widths="5 8 8 7 8 8 12",
)

DECOMPOSITION = _spec(
    {
        "year": "Year",
        "basis": "Basis",
        "change": "Change, US$ bn",
        "price": "Price",
        "volume": "Volume",
        "other": "Other",
        "shares": "Shares of the change (range over the box)",
        "leads": "Leads",
        "box": "Throughout the box?",
    },
    "The change in China's imports from Russia from the year before and its parts (US$ bn): the crude's price, the "
    "crude's volume and other goods, with their shares; 'throughout the box' names the inputs that, varied alone, "
    "change which part leads",
    "tab-nation-decomposition",
    formats={"change": "+.2f", "price": "+.2f", "volume": "+.2f", "other": "+.2f"},
    widths="5 7 6 6 6 6 24 8 12",
    wide=True,
)

VALUE = _spec(
    {
        "year": "Year",
        "tonnage_mt": "Crude, Mt",
        "reported_bn": "Reported value, US$ bn",
        "estimate": "Estimate, US$ bn (range)",
        "difference": "Estimate vs report, %",
        "implied_usd_per_bbl": "Implied price, US$/bbl",
        "price_used": "Price used, US$/bbl",
        "price_range": "Price range, US$/bbl",
        "inside_text": "Inside?",
    },
    "China's crude imports from Russia: the value China's customs report against tonnage × barrels per tonne × price",
    "tab-nation-value",
    formats={"tonnage_mt": ".2f", "reported_bn": ".2f", "implied_usd_per_bbl": ".1f", "price_used": ".2f"},
    widths="5 6 7 11 7 7 7 9 5",
    wide=True,
)

SHARE_AFTER = _spec(
    {
        "year": "Year",
        "share_pct": "Province's share, %",
        "china_crude_mt": "China's Russian crude, Mt",
        "pipeline_mt": "Mohe line, Mt",
        "pipeline_basis": "Line's volume",
        "pipeline_share_of_crude_pct": "Line's share of the crude, %",
        "extra": "Extra crude at the 2018 share, Mt",
        "share_cf": "Share with it, %",
        "explained": "Part of the fall since 2018",
    },
    "The province's share of China–Russia trade after 2018 and the share it would have had had the Mohe line kept its "
    "2018 share of China's crude imports from Russia (ranges over the 2018 throughput, barrels per tonne and the price basis)",
    "tab-nation-share-after",
    formats={"share_pct": ".1f", "china_crude_mt": ".2f", "pipeline_mt": ".2f", "pipeline_share_of_crude_pct": ".0f"},
    widths="5 6 7 6 12 7 10 9 9",
    wide=True,
)
