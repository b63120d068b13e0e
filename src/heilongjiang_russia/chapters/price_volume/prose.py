"""The numbers and phrases the chapter's prose cites, built from the results (glued, never typed).

Every sentence here is built from fields and columns of :class:`~.analysis.Results`; no number is
read back from a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from heilongjiang_russia.present.prose import signed, year_list

from .analysis import Results
from .model import HEADLINE_YEARS, PART_LABELS, PARTS, rouble_stats, steadiness
from .records import barrels_per_tonne, crude_properties
from .text import fmt_r, pct
from .verdicts import EnergyVerdict, claim_verdicts, share_text

THRESHOLDS = (5.0, 10.0, 25.0, 50.0)  # the other swing thresholds the prose reports C015 at
_ECHOED = (
    "api_gravity",
    "api_low",
    "api_high",
    "price_premium",
    "premium_low",
    "premium_high",
    "price_base_year",
    "volume_base_year",
    "swing_pct",
)  # the parameters the prose states as they were set


def _parameter_facts(p: Mapping[str, Any]) -> dict[str, Any]:
    """Barrels per tonne at the API gravities used, the parameters as set, and the cited crude properties."""
    out: dict[str, Any] = {
        "bbl_per_tonne": barrels_per_tonne(p["api_gravity"]),
        "bbl_low": barrels_per_tonne(p["api_low"]),
        "bbl_high": barrels_per_tonne(p["api_high"]),
    }
    out |= {k: p[k] for k in _ECHOED}
    out["volume_scenario"] = p["volume_scenario"]
    cited = crude_properties()
    out["cited_api"], out["cited_api_low"], out["cited_api_high"] = cited["api_gravity"]
    _, out["cited_premium_low"], out["cited_premium_high"] = cited["price_vs_brent"]
    return out


def _volume_facts(p: Mapping[str, Any], vols: pd.DataFrame, derived: pd.DataFrame) -> dict[str, Any]:
    """The derived and partial pipeline years and the year the pipeline opened."""
    out: dict[str, Any] = {"derived_years": year_list(vols.index[vols["status"] == "derived"])}
    out["derived_max_diff"] = float(derived["difference_mt"].abs().max()) if not derived.empty else float("nan")
    partial = vols[vols["status"] == "partial"]
    out["partial_text"] = "; ".join(
        f"{y}: {r.known_mt:g} Mt in the first {r.months_known} months, {r.pace_mt:.2f} Mt at that pace, {r.plan_mt:g} Mt "
        f"planned or design capacity, {r.volume_mt:.2f} Mt used ({p['volume_scenario']})"
        for y, r in partial.iterrows()
    )
    out["open_year"] = int(vols.index[vols["volume_mt"] > 0].min())
    return out


def _oil_share_facts(s: pd.DataFrame) -> dict[str, float]:
    """The smallest and largest share of pipeline oil in imports (%), over the years with pipeline oil."""
    oil_years = s[s["volume_mt"] > 0]
    return {
        "oil_share_min": float((oil_years["oil_bn"] / oil_years["import_bn"] * 100).min()),
        "oil_share_max": float((oil_years["oil_bn"] / oil_years["import_bn"] * 100).max()),
    }


def _headline_facts(decomp: pd.DataFrame) -> dict[str, Any]:
    """For each headline year: the changes of imports and total trade and the shares of their parts."""
    out: dict[str, Any] = {}
    for year in HEADLINE_YEARS:
        r = decomp.loc[year]
        out[f"imports_change_{year}"] = float(r["imports_change"])
        out[f"total_change_{year}"] = float(r["total_change"])
        out[f"shares_{year}"] = share_text(r)
        out[f"total_shares_{year}"] = share_text(r, total=True)
        for k in PARTS:
            out[f"{k}_share_{year}"] = float(r[f"{k}_share"])
        out[f"exports_total_share_{year}"] = float(r["exports_total_share"])
        out[f"price_total_share_{year}"] = float(r["price_total_share"])
    out["no_oil_years"] = year_list(
        [y for y in HEADLINE_YEARS if decomp.loc[y, "price"] == 0 and decomp.loc[y, "volume"] == 0]
    )
    return out


def _sensitivity_facts(sens: pd.DataFrame) -> dict[str, Any]:
    """The input that moves each year's shares most, and how often each input is the one."""
    top = sens.loc[sens.groupby(["year", "share"])["swing"].idxmax()]
    counts = top["input"].value_counts()
    return {
        "sens_text": "; ".join(
            f"{y}: {grp.loc[grp['swing'].idxmax(), 'input']} ({grp['swing'].max():.1f} points)"
            for y, grp in sens.groupby("year")
            if grp["swing"].max() > 0
        ),
        "top_input": str(counts.index[0]),
        "top_input_count": int(counts.iloc[0]),
        "n_headline_shares": len(top),
    }


def _counterfactual_facts(cf: pd.DataFrame) -> dict[str, float]:
    """Imports at a constant price (2014, 2016) and at a constant volume (2018), beside the recorded ones."""
    return {
        "cf_price_2016": float(cf.loc[2016, "constant_price"]),
        "cf_price_2014": float(cf.loc[2014, "constant_price"]),
        "recorded_2016": float(cf.loc[2016, "recorded"]),
        "recorded_2014": float(cf.loc[2014, "recorded"]),
        "cf_price_fall_pct": float((cf.loc[2016, "constant_price"] / cf.loc[2014, "constant_price"] - 1) * 100),
        "recorded_fall_pct": float((cf.loc[2016, "recorded"] / cf.loc[2014, "recorded"] - 1) * 100),
        "cf_volume_2018": float(cf.loc[2018, "constant_volume"]),
        "recorded_2018": float(cf.loc[2018, "recorded"]),
    }


def _inside_text(inside: pd.Series) -> str:
    if inside.all():
        return "inside the premium range used here"
    if not inside.any():
        return "outside the premium range used here"
    return "partly inside the premium range used here"


def _value_check_facts(vc: pd.DataFrame, p: Mapping[str, Any]) -> dict[str, Any]:
    """The premium implied by each reported pipeline value and whether the premium range holds it (none: no value)."""
    if vc.empty:
        return {}
    out: dict[str, Any] = {
        "value_check_text": "; ".join(
            f"to {int(r.as_of)}: US$ {r.value_bn:g} bn for {r.volume_mt:g} Mt, {r.implied_usd_per_bbl:.1f} US$/bbl against a "
            f"volume-weighted Brent of {r.brent_weighted:.1f} ({signed(r.implied_premium, 1)})"
            for r in vc.itertuples()
        ),
        "value_premium_min": float(vc["implied_premium"].min()),
        "value_premium_max": float(vc["implied_premium"].max()),
    }
    inside = (vc["implied_premium"] >= p["premium_low"]) & (vc["implied_premium"] <= p["premium_high"])
    out["value_check_verdict"] = _inside_text(inside)
    return out


def _steadier_text(out: Mapping[str, Any]) -> str:
    if out["other_cv_high"] < out["imports_cv"] / 2:
        return "varied far less than imports did"
    if out["other_cv_high"] < out["imports_cv"]:
        return "varied less than imports did"
    return "was not steadier than imports"


def _steady_text(out: Mapping[str, Any]) -> str:
    """Everything else than pipeline oil: its mean, range and variation against that of imports."""
    return (
        f"everything else averaged US$ {out['other_mean']:.2f} bn a year, between {out['other_min']:.2f} "
        f"({out['other_min_year']}) and {out['other_max']:.2f} ({out['other_max_year']}); its coefficient of variation "
        f"is {out['other_cv']:.0f}% ({out['other_cv_low']:.0f} to {out['other_cv_high']:.0f}% over the uncertainty range), "
        f"against {out['imports_cv']:.0f}% for imports as a whole, so everything else " + _steadier_text(out)
    )


def _year_texts(out: Mapping[str, Any]) -> dict[str, str]:
    """One sentence per headline year: the changes of imports and total trade and their parts."""
    return {
        f"year_text_{year}": (
            f"In {year} imports changed by {signed(out[f'imports_change_{year}'])} (US$ bn): "
            f"{out[f'shares_{year}']}. Total trade changed by {signed(out[f'total_change_{year}'])}: "
            f"{out[f'total_shares_{year}']}."
        )
        for year in HEADLINE_YEARS
    }


def _cf_text(out: Mapping[str, Any], p: Mapping[str, Any]) -> str:
    """The two counterfactuals in one sentence."""
    return (
        f"at the {p['price_base_year']} Brent price, imports would have gone from US$ {out['cf_price_2014']:.2f} bn in 2014 "
        f"to {out['cf_price_2016']:.2f} bn in 2016 ({signed(out['cf_price_fall_pct'], 0)}%), where the recorded imports "
        f"went from {out['recorded_2014']:.2f} to {out['recorded_2016']:.2f} ({signed(out['recorded_fall_pct'], 0)}%); "
        f"with the pipeline held at its {p['volume_base_year']} volume, 2018 imports would have been US$ "
        f"{out['cf_volume_2018']:.2f} bn instead of {out['recorded_2018']:.2f} bn"
    )


def _rouble_text(out: Mapping[str, Any], frame: pd.DataFrame) -> str:
    """Exports and the rouble: the 2015 fall and the correlations of levels and of yearly changes."""
    direction = (
        "exports and the number of roubles per dollar moved in opposite directions"
        if out["changes_r"] < 0
        else "exports and the number of roubles per dollar moved in the same direction"
    )
    return (
        f"In 2015 the province's exports to Russia fell by {abs(out['exports_2015_pct']):.0f}% while the rouble went from "
        f"{frame.set_index('year').loc[2014, 'rub_per_usd']:.2f} to {frame.set_index('year').loc[2015, 'rub_per_usd']:.2f} "
        f"per US dollar, losing {abs(out['rouble_value_2015_pct']):.0f}% of its dollar value. Across the years "
        f"{direction}: the correlation of the levels is r = {fmt_r(out['levels_r'])} (95% interval {fmt_r(out['levels_low'])} to "
        f"{fmt_r(out['levels_high'])}, n = {out['levels_n']}), that of the yearly log changes r = {fmt_r(out['changes_r'])} "
        f"({fmt_r(out['changes_low'])} to {fmt_r(out['changes_high'])}, n = {out['changes_n']}). Without the two years of the "
        f"largest rouble moves ({out['without_years']}) the change correlation is r = {fmt_r(out['changes_without_r'])} "
        f"({fmt_r(out['changes_without_low'])} to {fmt_r(out['changes_without_high'])}, n = {out['changes_without_n']})"
    )


def _lead_text(decomp: pd.DataFrame) -> str:
    """The largest part of the change in imports in 2011, 2015 and 2018, and the parts of the 2015 fall of the total."""
    lead = {y: max(PARTS, key=lambda k: abs(decomp.loc[y, k])) for y in (2011, 2015, 2018)}
    return (
        "the largest part of the change in imports was "
        + ", ".join(f"the {PART_LABELS[lead[y]]} in {y} ({pct(decomp.loc[y, lead[y] + '_share'])})" for y in lead)
        + f"; of the {2015} change in total trade, exports made up {pct(decomp.loc[2015, 'exports_total_share'])} and the "
        f"oil price {pct(decomp.loc[2015, 'price_total_share'])}"
    )


def _verdict_facts(results: Results) -> dict[str, str]:
    """The verdict and the printed evidence of C012, C014 and C015."""
    v = results.verdicts
    out = {}
    for verdict, key in ((v.rise_2011, "c012"), (v.boom_2018, "c014"), (v.energy, "c015")):
        out[f"{key}_verdict"] = verdict.status
        out[f"{key}_printed"] = verdict.printed
    return out


def _threshold_text(decomp: pd.DataFrame, p: Mapping[str, Any]) -> str:
    """C015's verdict at the swing thresholds of :data:`THRESHOLDS` other than the chosen one."""
    by_threshold = []
    for threshold in sorted(set(THRESHOLDS) - {float(p["swing_pct"])}):
        energy: EnergyVerdict = claim_verdicts(decomp, {**p, "swing_pct": threshold}).energy
        by_threshold.append(
            f"{threshold:g}%: {energy.status}, the price the largest part in {energy.n_price_largest} of "
            f"{energy.n_swings} swings"
        )
    return "; ".join(by_threshold)


def _sum_mismatch(frame: pd.DataFrame) -> str:
    """The years whose printed total is not the sum of the printed imports and exports."""
    by_year = frame.set_index("year")
    return year_list(
        [
            int(y)
            for y in frame["year"]
            if abs(by_year.loc[y, "total_printed_bn"] - by_year.loc[y, "import_bn"] - by_year.loc[y, "export_bn"])
            > 1e-9
        ]
    )


def summary(p: Mapping[str, Any], results: Results) -> dict[str, Any]:
    """The numbers and phrases the chapter's prose cites (glued, never typed), in the order they are glued."""
    frame, decomp = results.inputs, results.decomposition.set_index("year")
    out = _parameter_facts(p)
    out |= _volume_facts(p, results.volumes.set_index("year"), results.derived)
    out |= steadiness(frame, p)
    out |= _oil_share_facts(results.split.set_index("year"))
    out |= _headline_facts(decomp)
    out |= _sensitivity_facts(results.sensitivity)
    out |= _counterfactual_facts(results.counterfactuals.set_index("year"))
    out |= rouble_stats(frame)
    out |= _value_check_facts(results.value_check, p)
    out["steady_text"] = _steady_text(out)
    out |= _year_texts(out)
    out["cf_text"] = _cf_text(out, p)
    out["rouble_text"] = _rouble_text(out, frame)
    out["rub_oil_text"] = (
        f"the rouble's yearly changes correlate with those of the Brent price at r = {fmt_r(out['rub_oil_r'])} "
        f"({fmt_r(out['rub_oil_low'])} to {fmt_r(out['rub_oil_high'])}, n = {out['rub_oil_n']})"
    )
    out["lead_text"] = _lead_text(decomp)
    out |= _verdict_facts(results)
    out["threshold_text"] = _threshold_text(results.decomposition, p)
    energy = results.verdicts.energy
    out["swing_years"] = year_list(energy.swing_years)
    out["n_swings"] = energy.n_swings
    out["sum_mismatch"] = _sum_mismatch(frame)
    return out
