"""The values the chapter's prose cites (glued, never typed), built from the results' fields.

Every sentence here is assembled from numbers and flags of :func:`model.analyse`'s tables, with a
branch for each case the accepted parameters can produce, so that it stays true whatever they are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from heilongjiang_russia.present.prose import signed, year_ranges

from . import model, series
from .series import PAPER_LAST_YEAR

PART_NAMES = {"price": "the crude's price", "volume": "the crude's volume", "other": "other goods"}
LEADS = {"price": "leads", "volume": "leads", "other": "lead"}  # the verb after PART_NAMES
FLOW_NAMES = {"total": "total trade", "exports": "exports", "imports": "imports"}
BBL_M3 = 0.158987  # cubic metres in one barrel
KEY_YEARS = (2018, 2019, 2020, 2021, 2022, 2023, 2024)  # the years the prose names (the test's and 2018)


def num(v: float, places: int = 0) -> str:
    """A number with a true minus sign and no negative zero."""
    text = f"{v:.{places}f}"
    return "0" if float(text) == 0 else text.replace("-", "−")


def pct_range(central: float, low: float, high: float, places: int = 0) -> str:
    """``66%`` or ``54% (53 to 55%)`` when the ends round apart."""
    out = num(central, places) + "%"
    if num(low, places) != num(high, places):
        out += f" ({num(low, places)} to {num(high, places)}%)"
    return out


def listed(items: list[str]) -> str:
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# -- the province beside China -------------------------------------------------------------------


def _share_text(beside: pd.DataFrame, flow: str) -> str:
    part = beside[(beside["flow"] == flow) & beside["share_pct"].notna()]
    if part.empty:
        return f"no year has a usable share of China's {FLOW_NAMES[flow]}"
    lo, hi = part.loc[part["share_pct"].idxmin()], part.loc[part["share_pct"].idxmax()]
    return (
        f"from {lo['share_pct']:.1f}% ({int(lo['year'])}) to {hi['share_pct']:.1f}% ({int(hi['year'])}) "
        f"over the {len(part)} years it can be computed ({year_ranges(part['year'])})"
    )


def _together_text(beside: pd.DataFrame) -> str:
    part = beside[
        (beside["flow"] == "total") & beside["province_growth_pct"].notna() & beside["china_growth_pct"].notna()
    ]
    same = part[np.sign(part["province_growth_pct"]) == np.sign(part["china_growth_pct"])]
    wider = part[part["province_growth_pct"].abs() > part["china_growth_pct"].abs()]
    return (
        f"in {len(same)} of the {len(part)} years with both growth rates ({year_ranges(part['year'])}) the province's "
        f"total trade with Russia moved the way China's did, and in {len(wider)} of them it moved by more"
    )


def _after_2018_facts(beside: pd.DataFrame, growth: pd.DataFrame) -> dict[str, str]:
    after = beside[(beside["year"] > PAPER_LAST_YEAR) & beside["province"].notna()]
    by_flow = {f: year_ranges(after.loc[after["flow"] == f, "year"]) for f in ("total", "exports", "imports")}
    stated = growth[growth["basis"].isin([series.STATED, series.FROM_YUAN, series.YUAN_ONLY])]
    return {
        "province_after_text": (
            f"after 2018 the province's own full-year figures are usable for its total trade with Russia in "
            f"{by_flow['total']}, for its exports in {by_flow['exports']} and for its imports in {by_flow['imports']}"
        ),
        "stated_growth_text": (
            "China's growth is computed from two reported levels wherever both exist; its customs' own growth rate is used "
            f"where the year before has no reported level: {year_ranges(stated['year'])}"
            + (
                f" ({year_ranges(stated.loc[stated['basis'] != series.STATED, 'year'])} stated in yuan)"
                if (stated["basis"] != series.STATED).any()
                else ""
            )
        ),
    }


# -- the province's own part ------------------------------------------------------------------------


def _own_text(own: pd.DataFrame, year: int, flow: str) -> str:
    hit = own[(own["year"] == year) & (own["flow"] == flow)]
    if hit.empty:
        return f"the {year} change of the province's {FLOW_NAMES[flow]} cannot be split: China's growth is not usable for it"
    r = hit.iloc[0]
    verb = "fell" if r["change"] < 0 else "rose"
    lost = "lost" if r["national"] < 0 else "gained"
    return (
        f"in {year} the province's {FLOW_NAMES[flow]} {verb} by {abs(r['province_growth_pct']):.1f}% "
        f"(US$ {abs(r['change']):.2f} bn) while China's changed by {num(r['china_growth_pct'], 1)}% "
        f"({r['china_growth_basis']}); a province that kept its {year - 1} share of China's {FLOW_NAMES[flow]} would have "
        f"{lost} US$ {abs(r['national']):.2f} bn, so the province's own part is US$ {signed(r['own'])} bn, "
        f"{pct_range(r['own_share'], r['own_share_low'], r['own_share_high'])} of the change"
    )


def _own_summary(own: pd.DataFrame) -> dict[str, Any]:
    big = own[(own["own_share_low"] > 50)]
    return {
        "n_own": len(own),
        "n_own_larger": len(big),
        "own_larger_text": listed([f"{int(r.year)} {FLOW_NAMES[r.flow]}" for r in big.itertuples()]),
    }


# -- the decomposition and the test ---------------------------------------------------------------


def _flips(r) -> str:
    return listed(["the " + name for name in model.flipping(r)])


def _lead_words(r) -> str:
    if r["price_leads_everywhere"]:
        return "the crude's price leads the change throughout the box"
    out = f"{PART_NAMES[r['lead']]} {LEADS[r['lead']]} the change"
    if not model.flipping(r):
        out += " throughout the box"
    else:
        out += f", but not throughout the box: {_flips(r)}, varied alone, can change which part leads"
    if r["price_leads_somewhere"]:
        out += "; somewhere in the box the crude's price leads"
    return out


def year_text(decomp: pd.DataFrame, year: int) -> str:
    """One year of the decomposition in words (or why it cannot be split)."""
    hit = decomp[decomp["year"] == year]
    if hit.empty:
        return f"{year}: the crude tonnage is not usable for {year - 1} and {year}, so nothing can be split"
    r = hit.iloc[0]
    if r["basis"] == model.CRUDE_ONLY:
        return (
            f"{year}: the crude's price effect was US$ {signed(r['price'])} bn ({signed(r['price_low'])} to "
            f"{signed(r['price_high'])}) and its volume effect {signed(r['volume'])} bn ({signed(r['volume_low'])} to "
            f"{signed(r['volume_high'])}); {r['imports_reason']}, so the change of imports cannot be split into shares"
        )
    shares = ", ".join(
        f"{PART_NAMES[k]} {pct_range(r[k + '_share'], r[k + '_share_low'], r[k + '_share_high'])}" for k in model.PARTS
    )
    out = (
        f"{year}: imports changed by US$ {signed(r['change'])} bn ({signed(r['change_pct'], 1)}%), on the {r['basis']}: "
        f"{shares}; {_lead_words(r)}"
    )
    if r["basis"] == model.REPORTED and r["lead_market"] != r["lead"]:
        out += f" (with the market-price estimate instead of the reported value, {PART_NAMES[r['lead_market']]} would lead)"
    return out


def _test_facts(decomp: pd.DataFrame, test: pd.DataFrame, p: Mapping[str, Any]) -> dict[str, Any]:
    v = model.energy_verdict(test, p["swing_pct"])
    out: dict[str, Any] = {
        "test_years": year_ranges(test["year"]),
        "n_test": len(test),
        "verdict": v["verdict"],
        "swing_years": year_ranges(v["swing_years"]),
        "n_swings": len(v["swing_years"]),
        "central_years": year_ranges(v["central_years"]),
        "n_central": len(v["central_years"]),
        "robust_years": year_ranges(v["robust_years"]),
        "n_robust": len(v["robust_years"]),
    }
    other = []
    for pct in sorted(set(model.OTHER_THRESHOLDS) - {float(p["swing_pct"])}):
        w = model.energy_verdict(test, pct)
        label = "every change" if pct == 0 else f"{pct:g}%"
        other.append(
            f"{label}: {w['verdict']}"
            + (
                f" (price leads throughout the box in {len(w['robust_years'])} of {len(w['swing_years'])})"
                if w["swing_years"]
                else ""
            )
        )
    out["threshold_text"] = "; ".join(other)
    if v["verdict"] == model.NO_SWING:
        out["verdict_text"] = (
            f"no year after 2018 moved by more than {p['swing_pct']:g}%, so chapter 6's rule has no swing to judge"
        )
    else:
        out["verdict_text"] = (
            f"of the {len(v['swing_years'])} swings ({year_ranges(v['swing_years'])}), the crude's price leads "
            f"{len(v['central_years'])} at the central inputs ({year_ranges(v['central_years'])}) and "
            f"{len(v['robust_years'])} throughout the box ({year_ranges(v['robust_years'])}), so by chapter 6's rule the "
            f"energy explanation is {v['verdict']} out of sample"
        )
    leads = [f"{int(r.year)} {PART_NAMES[r.lead]}" for r in test.itertuples()]
    out["leads_text"] = listed(leads)
    flips = [f"{int(r['year'])} ({_flips(r)})" for _, r in test.iterrows() if model.flipping(r)]
    out["flips_text"] = (
        "no input varied alone over its range changes which part leads in any of these years"
        if not flips
        else "an input varied alone over its range changes which part leads in " + listed(flips)
    )
    market = test[(test["basis"] == model.REPORTED) & (test["lead_market"] != test["lead"])]
    out["market_text"] = (
        "the market-price estimate gives the same leading part as the reported value in every year that has one"
        if market.empty
        else "using the market-price estimate instead would change the leading part in "
        + listed(
            [f"{int(r.year)} (from {PART_NAMES[r.lead]} to {PART_NAMES[r.lead_market]})" for r in market.itertuples()]
        )
    )
    full = (
        decomp[(decomp["year"] <= PAPER_LAST_YEAR) & (decomp["basis"] != model.CRUDE_ONLY)] if len(decomp) else decomp
    )
    out["before_text"] = (
        "none can be split in full" if full.empty else "only " + year_ranges(full["year"]) + " can be split in full"
    )
    return out


def _direction_text(direction: pd.DataFrame, p) -> str:
    part = direction[direction["imports_with_price"].notna()]
    same = part["imports_with_price"].astype(bool)
    return (
        f"China's imports from Russia moved the way the {p['price_basis'].capitalize()} price did in {int(same.sum())} of the "
        f"{len(part)} years with a growth figure ({year_ranges(part['year'])}); they did not in {year_ranges(part.loc[~same, 'year'])}"
    )


def _value_facts(vc: pd.DataFrame) -> dict[str, Any]:
    if vc.empty:
        return {"value_text": "no year has a usable reported value of the crude", "value_inside_text": "", "n_value": 0}
    text = "; ".join(
        f"{int(r.year)}: estimated US$ {r.estimate_bn:.2f} bn ({r.estimate_low:.2f} to {r.estimate_high:.2f}) against "
        f"{r.reported_bn:.2f} reported ({signed(r.difference_pct, 1)}%)"
        for r in vc.itertuples()
    )
    inside = vc["inside"].astype(bool)
    verdict = (
        "inside the price range used here in every one of these years"
        if inside.all()
        else "outside the price range used here in "
        + year_ranges(vc.loc[~inside, "year"])
        + ("" if not inside.any() else " and inside it in " + year_ranges(vc.loc[inside, "year"]))
    )
    return {
        "value_text": text,
        "value_inside_text": verdict,
        "n_value": len(vc),
        "value_years": year_ranges(vc["year"]),
        "value_max_abs_diff": float(vc["difference_pct"].abs().max()),
        "implied_text": listed([f"{r.implied_usd_per_bbl:.1f} US$/bbl in {int(r.year)}" for r in vc.itertuples()]),
    }


# -- the share after 2018 and the rouble ----------------------------------------------------------


def _share_after_facts(sa: pd.DataFrame) -> dict[str, Any]:
    first = sa.iloc[0]
    later = sa.iloc[1:]
    out: dict[str, Any] = {
        "share_2018": float(first["share_pct"]),
        "pipeline_share_2018": float(first["pipeline_share_of_crude_pct"]),
        "pipeline_2018": float(first["pipeline_mt"]),
        "capacity": float(first["design_capacity_mt"]),
        "crude_2018": float(first["china_crude_mt"]),
        "n_share_after": len(later),
    }
    if later.empty:
        out["share_after_text"] = out["share_summary_text"] = (
            "with these parameters no year after 2018 has a usable share, so the question cannot be asked of these figures"
        )
        return out
    parts = []
    for r in later.itertuples():
        fell = r.share_pct < first["share_pct"]
        head = (
            f"in {r.year} the share was {r.share_pct:.1f}%; China's crude imports from Russia were {r.china_crude_mt:.1f} Mt, "
            f"of which the line, at {r.pipeline_mt:g} Mt ({r.pipeline_basis}), carried {r.pipeline_share_of_crude_pct:.0f}%"
        )
        if fell:
            head += (
                f"; had it kept its 2018 share it would have carried {r.extra_mt:.1f} Mt ({r.extra_mt_low:.1f} to "
                f"{r.extra_mt_high:.1f}) more, worth US$ {r.extra_bn:.2f} bn ({r.extra_bn_low:.2f} to {r.extra_bn_high:.2f}), "
                f"and the share would have been {r.share_cf_pct:.1f}% ({r.share_cf_pct_low:.1f} to {r.share_cf_pct_high:.1f}%): "
                f"{pct_range(r.explained_pct, r.explained_pct_low, r.explained_pct_high)} of the fall since 2018"
            )
        else:
            head += ", and the share had not fallen since 2018"
        parts.append(head)
    out["share_after_text"] = "; ".join(parts)
    last = later.iloc[-1]
    out["share_summary_text"] = (
        f"between 2018 and {int(last['year'])} the province's share of China–Russia trade went from "
        f"{first['share_pct']:.1f}% to {last['share_pct']:.1f}%"
        + (
            f"; a Mohe line that had kept its 2018 share of China's Russian crude would account for "
            f"{pct_range(last['explained_pct'], last['explained_pct_low'], last['explained_pct_high'])} of that fall"
            if last["share_pct"] < first["share_pct"]
            else ""
        )
    )
    return out


def _rouble_facts(rb: pd.DataFrame) -> dict[str, Any]:
    both = rb[rb["china_exports_growth_pct"].notna() & rb["rouble_value_change_pct"].notna()]
    c = model.correlation(both["rouble_value_change_pct"], both["china_exports_growth_pct"])
    out: dict[str, Any] = {"rouble_n": c["n"], "rouble_years": year_ranges(both["year"])}
    out["rouble_corr_text"] = (
        f"r = {num(c['r'], 2)} (95% interval {num(c['low'], 2)} to {num(c['high'], 2)}, n = {c['n']})"
        + (", an interval that includes no relation at all" if c["low"] < 0 < c["high"] else "")
        if c["n"] >= 4
        else f"too few years (n = {c['n']}) for a correlation"
    )
    r15 = rb.set_index("year").loc[2015]
    out["rouble_2015_text"] = (
        f"in 2015 the rouble lost {abs(r15['rouble_value_change_pct']):.0f}% of its dollar value, China's exports to Russia "
        + (
            f"changed by {num(r15['china_exports_growth_pct'], 1)}% ({r15['china_exports_basis']})"
            if not math.isnan(r15["china_exports_growth_pct"])
            else "have no usable growth figure"
        )
        + f" and the province's by {num(r15['province_exports_growth_pct'], 1)}%"
    )
    after = both[both["year"] > 2022]
    out["rouble_n_after"] = len(after)
    out["rouble_n_after_text"] = {0: "no year", 1: "one year"}.get(len(after), f"{len(after)} years")
    missing = rb[(rb["year"] > 2022) & rb["rouble_value_change_pct"].isna()]
    out["rouble_after_text"] = (
        "no year after 2022 has both figures"
        if after.empty
        else listed(
            [
                f"in {int(r.year)} China's exports to Russia {'rose' if r.china_exports_growth_pct > 0 else 'fell'} by "
                f"{abs(r.china_exports_growth_pct):.1f}% while the rouble "
                f"{'lost' if r.rouble_value_change_pct < 0 else 'gained'} {abs(r.rouble_value_change_pct):.0f}% of its dollar value"
                for r in after.itertuples()
            ]
        )
    ) + (
        f" (the rouble's annual average is not in the data for {year_ranges(missing['year'])})"
        if not missing.empty
        else ""
    )
    weaker = after[after["rouble_value_change_pct"] < 0]
    opposite = weaker[np.sign(weaker["china_exports_growth_pct"]) != np.sign(r15["china_exports_growth_pct"])]
    out["rouble_contrast_text"] = (
        f"in {year_ranges(opposite['year'])} the rouble weakened and China's exports to Russia moved the other way from 2015"
        if not opposite.empty
        else "no year after 2022 with both figures shows the rouble weakening while exports moved the other way from 2015"
    )
    prov_after = rb[(rb["year"] > 2022) & rb["province_exports_growth_pct"].notna()]
    out["rouble_province_text"] = (
        "the province's exports to Russia after 2022 are not reported for a full year, so it cannot be shown for the province"
        if prov_after.empty
        else f"the province's exports are known for {year_ranges(prov_after['year'])}"
    )
    return out


def summary(p: Mapping[str, Any], r: model.Results) -> dict[str, Any]:
    """Every value the chapter's prose glues, in the order it is glued."""
    out: dict[str, Any] = {
        k: p[k] for k in ("price_premium", "premium_low", "premium_high", "bbl_per_tonne", "bbl_low", "bbl_high")
    }
    out |= {k: p[k] for k in ("swing_pct", "index_base_year", "rate_text", "marker_text", "min_confidence")}
    for key in ("bbl_per_tonne", "bbl_low", "bbl_high"):  # the API gravity a crude of that many barrels a tonne has
        out[key.replace("bbl_per_tonne", "bbl").replace("bbl", "api")] = p[key] * 141.5 * BBL_M3 - 131.5
    out["cited_api"] = r.cited_api
    src = r.sources.set_index("series")
    for key, name in (
        ("total_years", "China–Russia trade, total (US$)"),
        ("split_years", "China's imports from Russia (US$)"),
        ("tonnage_years", "China's crude imports from Russia (Mt)"),
        ("crude_value_years", "… their value (US$)"),
    ):
        out[key] = src.loc[name, "reported"]
        out[key.replace("_years", "_derived")] = src.loc[name, "derived"]
        out[key.replace("_years", "_missing")] = src.loc[name, "not_found"]
    for flow in ("total", "exports", "imports"):
        out[f"share_{flow}_text"] = _share_text(r.beside, flow)
    out["together_text"] = _together_text(r.beside)
    out |= _after_2018_facts(r.beside, r.growth)
    out["own_2015_exports_text"] = _own_text(r.own_part, 2015, "exports")
    out["own_2018_imports_text"] = _own_text(r.own_part, 2018, "imports")
    out["own_2009_total_text"] = _own_text(r.own_part, 2009, "total")
    for key in ("own_2015_exports", "own_2018_imports", "own_2009_total"):
        out[f"{key}_sentence"] = out[f"{key}_text"][0].upper() + out[f"{key}_text"][1:]
    out |= _own_summary(r.own_part)
    decomp = r.decomposition
    out["crude_2015_text"] = year_text(decomp, 2015)
    for year in KEY_YEARS:
        out[f"year_text_{year}"] = year_text(decomp, year)
    out |= _test_facts(decomp, r.test, p)
    out["direction_text"] = _direction_text(r.direction, p)
    out |= _value_facts(r.value_check)
    out |= _share_after_facts(r.share_after)
    out |= _rouble_facts(r.rouble)
    return out
