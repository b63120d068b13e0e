"""The numbers and phrases the chapter's prose cites, built from the results (glued, never typed).

Every sentence here is built from fields and columns of :class:`~.analysis.Results`; no number is
read back from a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from heilongjiang_russia.data import table1
from heilongjiang_russia.present.prose import listing, signed

from .analysis import Results
from .box import MARKER_NAMES
from .energy import general_status_at
from .model import HEADLINE_YEARS, PART_LABELS, PARTS, rouble_stats
from .records import DERIVED_FROM, VOLUME_ROUNDING, barrels_per_tonne, crude_properties
from .rules import count_moves, marginal_swings
from .steady import Remainder
from .text import fmt_r, pct
from .verdicts import share_text

THRESHOLDS = (5.0, 10.0, 25.0, 50.0)  # the other swing thresholds the prose reports C015's general verdict at
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
    "swing_low",
    "swing_high",
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
    out["marker"] = MARKER_NAMES[p["price_marker"]]
    out["other_marker"] = next(v for k, v in MARKER_NAMES.items() if k != p["price_marker"])
    cited = crude_properties()
    out["cited_api"], out["cited_api_low"], out["cited_api_high"] = cited["api_gravity"]
    out["cited_bbl"] = barrels_per_tonne(out["cited_api"])
    out["cited_bbl_low"], out["cited_bbl_high"] = (
        barrels_per_tonne(out[k]) for k in ("cited_api_low", "cited_api_high")
    )
    _, out["cited_premium_low"], out["cited_premium_high"] = cited["price_vs_brent"]
    return out


def _band_text(vols: pd.DataFrame) -> str:
    """Each full pipeline year's band and why, in the order of the years."""
    out = []
    for y, r in vols.iterrows():
        if y not in VOLUME_ROUNDING or r["status"] in ("none", "partial"):
            continue
        half, why = VOLUME_ROUNDING[y]
        band = f"±{half:g} Mt" if half else "exact"
        moves = "".join(f", and it moves against {s}" for s, c in DERIVED_FROM.get(y, {}).items() if c < 0)
        out.append(f"{y} {band} ({why}{moves})")
    return "; ".join(out)


def _volume_facts(p: Mapping[str, Any], vols: pd.DataFrame, derived: pd.DataFrame) -> dict[str, Any]:
    """The derived and partial pipeline years, every year's band and the year the pipeline opened."""
    out: dict[str, Any] = {"derived_years": listing(vols.index[vols["status"] == "derived"])}
    out["derived_max_diff"] = float(derived["difference_mt"].abs().max()) if not derived.empty else float("nan")
    partial = vols[vols["status"] == "partial"]
    out["partial_text"] = "; ".join(
        f"{y}: {r.known_mt:g} Mt in the first {r.months_known} months, {r.pace_mt:.2f} Mt at that pace, {r.plan_mt:g} Mt "
        f"planned or design capacity, {r.volume_mt:.2f} Mt used ({p['volume_scenario']})"
        for y, r in partial.iterrows()
    )
    out["band_text"] = _band_text(vols)
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
    out["no_oil_years"] = listing(
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


def _span(low: str, high: str) -> str:
    """``low to high``, or one value when the two are written alike."""
    return low if low == high else f"{low} to {high}"


def _price_check_facts(pc: pd.DataFrame, p: Mapping[str, Any]) -> dict[str, Any]:
    """How far the price basis (each marker x the tonnage) is from each reported value of the pipeline's oil."""
    if pc.empty:
        return {"price_check_text": "no reported value of the pipeline's oil is in the data", "price_check_verdict": ""}
    spans = []
    for span, grp in pc.groupby("span", sort=False):
        first = grp.iloc[0]
        by_marker = ", ".join(
            f"{MARKER_NAMES[r.marker]} {r.basis_bn:.2f} ({signed(r.basis_vs_reported_pct, 1)}%)"
            for r in grp.itertuples()
        )
        spans.append(
            f"{span} ({first.reported_by}): US$ {first.value_bn:g} bn for {first.volume_mt:g} Mt, against {by_marker}"
        )
    central = pc[pc["marker"] == p["price_marker"]]
    cumulative = central[central["span"].str.startswith("2011 to")]
    month = central[~central["span"].str.startswith("2011 to")]
    inside = cumulative["implied_premium"].between(p["premium_low"], p["premium_high"])
    where = "inside" if inside.all() else ("outside" if not inside.any() else "partly inside")
    gap = float(month["basis_vs_reported_pct"].iloc[0]) if not month.empty else float("nan")
    return {
        "price_check_text": "; ".join(spans),
        "month_gap_pct": gap,
        "month_check_text": (
            f"Priced at {MARKER_NAMES[p['price_marker']]}'s 2011 average, January 2011's tonnage is worth "
            f"{abs(gap):.0f}% {'more' if gap > 0 else 'less'} than the customs value of that month"
            if not month.empty
            else "No value of a single month of the pipeline's crude is in the data"
        ),
        "cumulative_gap_min": float(cumulative["basis_vs_reported_pct"].min()),
        "cumulative_gap_max": float(cumulative["basis_vs_reported_pct"].max()),
        "price_check_verdict": (
            f"Against the cumulative values, the premium over {MARKER_NAMES[p['price_marker']]} that would close the gap "
            f"is {_span(signed(cumulative['implied_premium'].min(), 1), signed(cumulative['implied_premium'].max(), 1))} "
            "US$/bbl, "
            f"{where} the premium range used here"
        )
        if not cumulative.empty
        else "",
    }


def _steady_facts(rem: Remainder) -> dict[str, Any]:
    """The remainder's level, its variation against imports over each period, level by level and year to year."""
    whole, pipe = rem.periods
    t = rem.table.set_index("year")
    out: dict[str, Any] = {
        "other_mean": float(t["other_bn"].mean()),
        "other_min": float(t["other_bn"].min()),
        "other_max": float(t["other_bn"].max()),
        "other_min_year": int(t["other_bn"].idxmin()),
        "other_max_year": int(t["other_bn"].idxmax()),
        "other_cv": whole.other_cv,
        "other_cv_low": whole.other_cv_low,
        "other_cv_high": whole.other_cv_high,
        "imports_cv": whole.imports_cv,
        "steady_status": whole.status,
        "steady_robustness": whole.robustness.label,
        "pipe_span": pipe.span,
        "other_cv_pipe": pipe.other_cv,
        "imports_cv_pipe": pipe.imports_cv,
        "steady_pipe_status": pipe.status,
        "steady_pipe_robustness": pipe.robustness.label,
    }
    out["steady_text"] = (
        f"everything else averaged US$ {out['other_mean']:.2f} bn a year, between {out['other_min']:.2f} "
        f"({out['other_min_year']}) and {out['other_max']:.2f} ({out['other_max_year']}); over {whole.span} its "
        f"coefficient of variation is {whole.other_cv:.0f}% ({whole.other_cv_low:.0f} to {whole.other_cv_high:.0f}% over "
        f"the box), against {whole.imports_cv:.0f}% for imports, so it was {whole.status} ({whole.robustness.label}); "
        f"but that contrast is made by the step of {rem.jump_years[0] if rem.jump_years else 'the opening year'}. Over the "
        f"pipeline years {pipe.span} the remainder varies by {pipe.other_cv:.0f}% ({pipe.other_cv_low:.0f} to "
        f"{pipe.other_cv_high:.0f}%), imports by {pipe.imports_cv:.0f}%: {pipe.status} ({pipe.robustness.label})"
    )
    out["steady_short"] = (
        f"everything else was {whole.status} both over {whole.span} and over the pipeline years {pipe.span}"
        if whole.status == pipe.status
        else f"everything else was {whole.status} over {whole.span}, but {pipe.status} over the pipeline years {pipe.span}"
    )
    out["steady_change_text"] = "; ".join(
        f"over {per.span} the remainder moved by {per.other_change:.0f}% a year on average, imports by "
        f"{per.imports_change:.0f}%"
        for per in rem.periods
    )
    out["jump_text"] = _jump_text(rem)
    return out


def _jump_text(rem: Remainder) -> str:
    """What the remainder did in the years the pipeline's volume jumped, as the data show it."""
    jumps = rem.jump_years
    if not jumps:
        return "the pipeline's volume did not jump in any year"
    changes = ", ".join(f"{signed(rem.change(y))} in {y}" for y in jumps)
    head = f"in the years the pipeline's volume jumped ({listing(jumps)}) the remainder changed by {changes} (US$ bn)"
    if rem.falls_only_in_jumps:
        return (
            head + ": it fell in exactly those years and in no other, which points to an oil value overstated in them"
        )
    if not rem.fell_in_every_jump:
        return head + f"; it fell in {listing(rem.fall_years)}, so its falls do not follow the volume's jumps"
    others = [y for y in rem.fall_years if y not in jumps]
    many = {1: "", 2: " two", 3: " three"}.get(len(jumps), f" {len(jumps)}")
    largest = (
        "those were its largest falls"
        if rem.largest_falls_in_jumps
        else f"its{many} largest falls came in {listing(sorted(rem.largest_falls))}"
    )
    return (
        head + f": it fell in each of them, though not only then (it fell in {listing(others)} too), and {largest}. "
        "A fall of the remainder in the year the volume jumps fits an oil value overstated in that year"
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


def _verdict_facts(results: Results, p: Mapping[str, Any]) -> dict[str, Any]:
    """The status, the printed evidence and the robustness of C012, C014 and C015 (as stated and in general)."""
    v = results.verdicts
    out: dict[str, Any] = {}
    for verdict, key in ((v.rise_2011, "c012"), (v.boom_2018, "c014"), (v.energy, "c015")):
        out[f"{key}_verdict"] = verdict.status
        out[f"{key}_printed"] = verdict.printed
        out[f"{key}_robustness"] = verdict.robustness.label
    a, g = v.energy.as_stated, v.energy.general
    out |= {
        "c015_headline": a.headline,
        "c015_readings": a.readings,
        "fall_span": a.span,
        "fall_direct": a.direct_share,
        "fall_imports": a.import_share,
        "fall_shock": a.shock_share,
        "c015_general_verdict": g.status,
        "c015_general_headline": g.headline,
        "c015_general_robustness": g.robustness.label,
        "c015_general_detail": g.robustness.detail,
        "swing_years": listing(g.swing_years),
        "n_swings": g.n_swings,
        "price_largest_text": (
            f"{g.n_price_largest} of them ({listing(g.price_largest_years)})" if g.n_price_largest else "none of them"
        ),
    }
    trade = table1.load()
    marginal = marginal_swings(trade, p["swing_low"], p["swing_high"])
    listed = listing([f"{y} ({change:.1f}%)" for y, change in marginal])
    out["marginal_text"] = (
        f"{listed} {'are swings' if len(marginal) > 1 else 'is a swing'} at some thresholds and not at others"
        if marginal
        else "every year is a swing at all thresholds or at none"
    )
    moves = count_moves(results.inputs, p, trade)
    out["count_moves_text"] = (
        "; ".join(f"{lead} of {n} with the {name} at {value}" for name, value, lead, n in moves)
        if moves
        else "the same count for every input"
    )
    return out


def _threshold_text(results: Results, p: Mapping[str, Any]) -> str:
    """C015's general verdict at the swing thresholds of :data:`THRESHOLDS` other than the chosen one."""
    by_threshold = []
    for threshold in sorted(set(THRESHOLDS) - {float(p["swing_pct"])}):
        status, n_swings, n_lead = general_status_at(results.inputs, p, table1.load(), threshold)
        by_threshold.append(f"{threshold:g}%: {status}, the price the largest part in {n_lead} of {n_swings} swings")
    return "; ".join(by_threshold)


def _sum_mismatch(frame: pd.DataFrame) -> str:
    """The years whose printed total is not the sum of the printed imports and exports."""
    by_year = frame.set_index("year")
    return listing(
        [
            int(y)
            for y in frame["year"]
            if abs(by_year.loc[y, "total_printed_bn"] - by_year.loc[y, "import_bn"] - by_year.loc[y, "export_bn"])
            > 1e-9
        ]
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
        f"at the {p['price_base_year']} price, imports would have gone from US$ {out['cf_price_2014']:.2f} bn in 2014 "
        f"to {out['cf_price_2016']:.2f} bn in 2016 ({signed(out['cf_price_fall_pct'], 0)}%), where the recorded imports "
        f"went from {out['recorded_2014']:.2f} to {out['recorded_2016']:.2f} ({signed(out['recorded_fall_pct'], 0)}%); "
        f"with the pipeline held at its {p['volume_base_year']} volume, 2018 imports would have been US$ "
        f"{out['cf_volume_2018']:.2f} bn instead of {out['recorded_2018']:.2f} bn"
    )


def summary(p: Mapping[str, Any], results: Results) -> dict[str, Any]:
    """The numbers and phrases the chapter's prose cites (glued, never typed), in the order they are glued."""
    frame, decomp = results.inputs, results.decomposition.set_index("year")
    out = _parameter_facts(p)
    out |= _volume_facts(p, results.volumes.set_index("year"), results.derived)
    out |= _steady_facts(results.remainder)
    out |= _oil_share_facts(results.split.set_index("year"))
    out |= _headline_facts(decomp)
    out |= _sensitivity_facts(results.sensitivity)
    out |= _counterfactual_facts(results.counterfactuals.set_index("year"))
    out |= rouble_stats(frame)
    out |= _price_check_facts(results.price_check, p)
    out |= _year_texts(out)
    out["cf_text"] = _cf_text(out, p)
    out["rouble_text"] = _rouble_text(out, frame)
    out["rub_oil_text"] = (
        f"the rouble's yearly changes correlate with those of the Brent price at r = {fmt_r(out['rub_oil_r'])} "
        f"({fmt_r(out['rub_oil_low'])} to {fmt_r(out['rub_oil_high'])}, n = {out['rub_oil_n']})"
    )
    out["lead_text"] = _lead_text(decomp)
    out |= _verdict_facts(results, p)
    out["threshold_text"] = _threshold_text(results, p)
    out["sum_mismatch"] = _sum_mismatch(frame)
    return out
