"""The numbers and sentences the current-state chapter's prose cites, true for the window shown."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia import audit
from heilongjiang_russia.data import table1
from heilongjiang_russia.present.prose import span, year_list

from .model import EVENTS, FALL, balance_table, index_direction, index_table


def events_in_view(years) -> dict:
    """The events of :data:`EVENTS` and the :data:`FALL` that lie in the window ``years``."""
    years = {int(y) for y in years}
    return {"events": {y: e for y, e in EVENTS.items() if y in years}, "fall": any(y in years for y in FALL)}


def _events_text(years) -> str:
    seen = events_in_view(years)
    named = [f"the {e} of {y}" for y, e in seen["events"].items()]
    if seen["fall"]:
        named.append("the fall of " + span(*FALL) + " (shaded)")
    if not named:
        return (
            "None of the events the paper uses to explain the record (the 2009 financial crisis, the 2011 crude oil "
            "pipeline, the 2015–2016 fall) falls in these years, so none is marked."
        )
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"It marks the events the paper uses to explain the record (current-state section, paragraph 1; conclusion, "
        f"paragraph 2) that fall in these years: {listed}."
    )


def _levels_text(trade: pd.DataFrame, factor: float, unit_label: str) -> str:
    years = [int(y) for y in trade["year"]]
    level = {y: trade.loc[y, "total"] * factor for y in years}
    if len(years) == 1:
        return f"In {years[0]} total trade was {level[years[0]]:.1f} ({unit_label})."
    peak = int(trade["total"].idxmax())
    where = (
        f"peaking in {peak} at {level[peak]:.1f}"
        if years[0] < peak < years[-1]
        else f"highest in its {'first' if peak == years[0] else 'last'} year"
    )
    return (
        f"Between {years[0]} and {years[-1]} total trade moved from {level[years[0]]:.1f} to {level[years[-1]]:.1f} "
        f"({unit_label}), {where}."
    )


def _changes_text(growth: pd.Series) -> str:
    n = len(growth)
    if n == 1:
        year, g = int(growth.index[0]), float(growth.iloc[0])
        moved = f"fell by {-g:.1f}%" if g < 0 else f"rose by {g:.1f}%" if g > 0 else "did not change"
        return f"Against the year before, which lies outside the window, the total {moved} in {year}."
    falls, rises = growth[growth < 0], growth[growth > 0]
    head = "Year on year (each printed rate compares a year with the one before), the total "
    if len(falls):
        head += (
            f"fell in {len(falls)} of the {n} years shown, most steeply in {int(falls.idxmin())} ({falls.min():.1f}%)"
        )
    else:
        head += f"fell in none of the {n} years shown"
    tail = (
        f"its largest rise was in {int(rises.idxmax())} (+{rises.max():.1f}%)"
        if len(rises)
        else "there was no year-on-year rise in the window"
    )
    return f"{head}; {tail}."


def compound_text(trade: pd.DataFrame) -> tuple[str, dict]:
    """The window's compound annual growth of total, exports and imports (none for a one-year window)."""
    first, last = int(trade["year"].min()), int(trade["year"].max())
    if first == last:
        return (
            f"A one-year window has no compound growth: {first} is compared with no other year of the window.",
            {f"cagr_{f}": float("nan") for f in table1.LEVELS},
        )
    rates = {
        f"cagr_{f}": ((trade.loc[last, f] / trade.loc[first, f]) ** (1 / (last - first)) - 1) * 100
        for f in table1.LEVELS
    }
    text = (
        f"From {first} to {last} the compound annual growth was {rates['cagr_total']:+.1f}% a year for the total, "
        f"{rates['cagr_export']:+.1f}% for exports and {rates['cagr_import']:+.1f}% for imports."
    )
    return text, rates


def _lead_text(trade: pd.DataFrame) -> str:
    lead = [int(y) for y in trade["year"] if trade.loc[y, "import"] > trade.loc[y, "export"]]
    n = len(trade)
    if not lead:
        return "exports to Russia exceed imports from Russia in every year shown"
    if len(lead) == n:
        return "imports from Russia exceed exports to Russia in every year shown"
    if lead == [int(y) for y in trade["year"] if y >= lead[0]]:
        return f"exports exceed imports until {lead[0] - 1}, imports exceed exports from {lead[0]} on ({len(lead)} of the {n} years)"
    return f"imports exceed exports in {len(lead)} of the {n} years shown ({year_list(lead)})"


def _balance_text(balance: pd.DataFrame, unit_label: str) -> str:
    n = len(balance)
    deficit, surplus = int((balance["balance"] < 0).sum()), int((balance["balance"] > 0).sum())
    if deficit == n:
        head = (
            "the province ran a deficit with Russia in every year shown"
            if n > 1
            else "the province ran a deficit with Russia"
        )
    elif surplus == n:
        head = (
            "the province ran a surplus with Russia in every year shown"
            if n > 1
            else "the province ran a surplus with Russia"
        )
    else:
        head = f"the province ran a deficit with Russia in {deficit} of the {n} years and a surplus in {surplus}"
    last = balance.iloc[-1]
    word = "a deficit" if last["balance"] < 0 else "a surplus" if last["balance"] > 0 else "balanced trade"
    size = f" of {abs(last['balance']):.1f} ({unit_label})" if last["balance"] != 0 else ""
    return f"{head}; in {int(last['year'])} it was {word}{size}"


def _index_text(index: pd.Series, base_year: int, years: list[int]) -> str:
    if len(years) == 1:
        return f"With a single year, every flow stands at 100 in {base_year}; the index has nothing to compare."
    a, b, imports, exports = index_direction(index, base_year, years)
    other = b if a == base_year else a
    values = f"in {other} the total stood at {index[('total', other)]:.0f}, imports at {index[('import', other)]:.0f} and exports at {index[('export', other)]:.0f}"
    compare = (
        "imports did better than exports"
        if imports > exports
        else "exports did better than imports"
        if exports > imports
        else "imports and exports changed alike"
    )
    return (
        f"With {base_year} = 100, {values}: from {a} to {b} imports changed by {imports:+.0f}% and exports by "
        f"{exports:+.0f}%, so {compare}."
    )


def _oil_text(years: list[int]) -> str:
    test = "a reading this table alone cannot test (the chapter \u201cPrice or volume?\u201d takes it up)."
    if max(years) < 2011:
        return (
            "These years come before the crude oil pipeline of 2011, so the paper's account of the later trade "
            "through the volume and price of Russian oil does not reach them."
        )
    if min(years) >= 2011:
        return (
            "These years come after the crude oil pipeline opened in 2011; the paper reads the swings of such years "
            "as moves of the volume and price of Russian oil, " + test
        )
    return (
        "The window spans the opening of the crude oil pipeline in 2011; the paper reads the swings after it as "
        "moves of the volume and price of Russian oil, " + test
    )


def _growth_facts(findings: pd.DataFrame, years: list[int], table_first: int) -> dict:
    growth = findings[findings["check"] == "growth"]
    part = growth[growth["subject"].str[:4].astype(int).isin(years)]
    checked = part[part["verdict"] != audit.NOT_CHECKABLE]
    bad = part[part["verdict"] == audit.INCONSISTENT]
    material = bad[bad["tier"] == audit.MATERIAL]
    rounding = int((part["verdict"] == audit.ROUNDING).sum())
    text = f"Of the {len(checked)} printed rates of these years that can be recomputed, " + (
        f"{rounding} {'differs' if rounding == 1 else 'differ'} only within rounding"
        if rounding
        else "none differs only within rounding"
    )
    if len(bad):
        worst = bad.loc[bad["difference"].abs().idxmax()]
        how_many = f"{len(material)} of them" if len(material) else "none of them"
        text += (
            f" and {len(bad)} cannot be reconciled ({how_many} by as much as the audit's materiality threshold); "
            f"the largest gap is {abs(float(worst['difference'])):.1f} percentage points ({worst['subject']})."
        )
    else:
        text += " and every one can be reconciled with the levels."
    if table_first in years:
        text += f" The rates of {table_first} need a level the table does not give and cannot be checked."
    return {
        "growth_text": text,
        "growth_checked": len(checked),
        "growth_bad": len(bad),
        "growth_material": len(material),
    }


def _unit_text(unit_row) -> str:
    """What the China-share check says about the caption's "million US$", for the whole table file."""
    if unit_row is None or unit_row["verdict"] == audit.NOT_CHECKABLE:
        return "No China–Russia total from China's customs counts as evidence, so the caption's unit cannot be tested here."
    if unit_row["verdict"] == audit.CONSISTENT:
        return (
            "Over the whole table file the implied and reported China–Russia totals agree with the values read in "
            "million US$, as the caption says."
        )
    return (
        "Over the whole table file the implied and reported China–Russia totals agree only if the table's values are "
        "read in 100 million US$: read in million US$, as the caption says, they fall short of the reported totals by a "
        f"factor of {unit_row['difference']:.0f} (median over the years with a reported total). The caption's unit is "
        "therefore a slip, and the chapter's default unit is 100 million US$."
    )


def _audit_text(findings: pd.DataFrame, ratio: float) -> str:
    checkable = findings[findings["verdict"] != audit.NOT_CHECKABLE]
    ok = int(checkable["verdict"].isin([audit.CONSISTENT, audit.ROUNDING]).sum())
    material = findings[findings["tier"] == audit.MATERIAL]
    unit = (
        f" among them the caption's unit, off by a factor of {ratio:.0f},"
        if "UNIT-CHINA" in set(material["finding_id"])
        else ""
    )
    partly = int((findings["verdict"] == audit.PARTLY).sum())
    causal = (
        f" {partly} causal {'statement is' if partly == 1 else 'statements are'} only partly supported by the price and volume decomposition;"
        if partly
        else ""
    )
    with_slip = int((findings["tier"] == audit.WITH_SLIP).sum())
    slip = (
        f", and {with_slip} {'statement' if with_slip == 1 else 'statements'} counted with the finding it follows from"
        if with_slip
        else ""
    )
    return (
        f"Of the audit's {len(checkable)} checkable findings over the whole file, {ok} are consistent or within rounding;"
        f"{causal} it finds {len(material)} material errata,{unit} {int((findings['tier'] == audit.NOISE).sum())} "
        f"inconsistencies within reporting noise{slip}."
    )


def _audit_facts(findings: pd.DataFrame, full: pd.DataFrame) -> dict:
    tiers = findings["tier"]
    by_id = findings.set_index("finding_id")
    share = findings[(findings["check"] == "share") & (findings["verdict"] == audit.INCONSISTENT)]
    sums = findings[(findings["check"] == "sum") & (findings["verdict"] == audit.INCONSISTENT)]
    decline = by_id.loc["TEXT-2016"] if "TEXT-2016" in by_id.index else None
    steepest = int(full["total_yoy_pct"].idxmin())
    if decline is not None and decline["verdict"] == audit.INCONSISTENT:
        decline_text = (
            f"chief among them, the conclusion dates the \u201cdramatic decline\u201d to 2016, while the "
            f"table's steepest fall is in {steepest}"
        )
    else:
        decline_text = f"the table's steepest fall is in {steepest}"
    share_parts = [
        f"{year_list(share.loc[share['tier'] == t, 'subject'].str[:4])} ({t})"
        for t in (audit.MATERIAL, audit.NOISE)
        if (share["tier"] == t).any()
    ]
    unit_row = by_id.loc["UNIT-CHINA"] if "UNIT-CHINA" in by_id.index else None
    ratio = float(unit_row["difference"]) if unit_row is not None and pd.notna(unit_row["difference"]) else float("nan")
    return {
        "table_first_year": int(full["year"].min()),
        "table_last_year": int(full["year"].max()),
        "n_findings": len(findings),
        "n_consistent": int((findings["verdict"] == audit.CONSISTENT).sum()),
        "n_rounding": int((findings["verdict"] == audit.ROUNDING).sum()),
        "n_inconsistent": int((findings["verdict"] == audit.INCONSISTENT).sum()),
        "n_partly": int((findings["verdict"] == audit.PARTLY).sum()),
        "n_unchecked": int((findings["verdict"] == audit.NOT_CHECKABLE).sum()),
        "n_material": int((tiers == audit.MATERIAL).sum()),
        "n_noise": int((tiers == audit.NOISE).sum()),
        "n_with_slip": int((tiers == audit.WITH_SLIP).sum()),
        "materiality_pct": audit.THRESHOLD_PCT,
        "audit_text": _audit_text(findings, ratio),
        "unit_text": _unit_text(unit_row),
        "slip_text": (
            " The failure of the US$100 million statement is the caption's unit slip again, and is counted with it."
            if (tiers == audit.WITH_SLIP).any()
            else ""
        ),
        "sum_bad": year_list(sums["subject"].str[:4]),
        "share_bad": "; ".join(share_parts) if share_parts else "no year",
        "unit_ratio": ratio,
        "text_bad": int(((findings["check"] == "text") & (findings["verdict"] == audit.INCONSISTENT)).sum()),
        "text_checked": int((findings["check"] == "text").sum()),
        "decline_text": decline_text,
        "table_steepest_year": steepest,
        "share_peak_text": audit.china_share_peak(full, audit.outside_china_russia())["text"],
    }


def summary(
    trade: pd.DataFrame, findings: pd.DataFrame, base_year: int, unit: str = "printed", full: pd.DataFrame | None = None
) -> dict:
    """Every number and sentence the chapter's prose cites, true for the window ``trade``.

    ``findings`` is the audit of ``full``, the whole table file (default: ``trade``); the facts about
    the audit are labelled as whole-table facts in the chapter, the rest describe the window only.
    """
    factor, unit_label = table1.unit_factor(unit)
    full = trade if full is None else full
    years = [int(y) for y in trade["year"]]
    growth = trade["total_yoy_pct"]
    balance = balance_table(trade, unit)
    index = index_table(trade, base_year).set_index(["flow", "year"])["index"]
    peak = int(trade["total"].idxmax())
    compound, rates = compound_text(trade)
    lead = [y for y in years if trade.loc[y, "import"] > trade.loc[y, "export"]]
    return {
        "first_year": years[0],
        "last_year": years[-1],
        "window": span(years[0], years[-1]),
        "n_years": len(years),
        "unit_label": unit_label,
        "factor": factor,
        "first_total": float(trade.loc[years[0], "total"] * factor),
        "last_total": float(trade.loc[years[-1], "total"] * factor),
        "peak_year": peak,
        "peak_total": float(trade.loc[peak, "total"] * factor),
        "levels_text": _levels_text(trade, factor, unit_label),
        "falls": int((growth < 0).sum()),
        "rises": int((growth > 0).sum()),
        "steepest_year": int(growth.idxmin()),
        "steepest_pct": float(growth.min()),
        "rise_year": int(growth.idxmax()),
        "rise_pct": float(growth.max()),
        "changes_text": _changes_text(growth),
        "compound_text": compound,
        **rates,
        "events_text": _events_text(years),
        "events_in_view": year_list(sorted(events_in_view(years)["events"])),
        "fall_in_view": events_in_view(years)["fall"],
        "import_lead_text": _lead_text(trade),
        "import_lead_years": len(lead),
        "deficit_years": int((balance["balance"] < 0).sum()),
        "surplus_years": int((balance["balance"] > 0).sum()),
        "balance_last": float(balance["balance"].iloc[-1]),
        "balance_text": _balance_text(balance, unit_label),
        "import_share_first": float(balance["import_share_pct"].iloc[0]),
        "import_share_last": float(balance["import_share_pct"].iloc[-1]),
        "import_share_text": (
            f"Imports made up {balance['import_share_pct'].iloc[0]:.0f}% of the total in {years[0]}"
            + ("." if len(years) == 1 else f" and {balance['import_share_pct'].iloc[-1]:.0f}% in {years[-1]}.")
        ),
        "oil_text": _oil_text(years),
        "base_year": int(base_year),
        "index_text": _index_text(index, int(base_year), years),
        **_growth_facts(findings, years, int(full["year"].min())),
        **_audit_facts(findings, full),
    }
