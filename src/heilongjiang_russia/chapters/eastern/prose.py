"""The values chapter 03 glues into its prose, one function per passage, from :class:`~.model.Eastern`.

Every value is a number or a name taken from the results; the sentences built here (what a
comparison shows, the rate's verdict) are built from fields, never read back.
"""

from __future__ import annotations

import pandas as pd

from .. import claims
from .model import (
    AGREEMENTS_VALUE,
    COUNTS,
    ENERGY,
    FOREIGN_CAPITAL,
    FOREIGN_CAPITAL_GROWTH,
    INVESTMENT,
    INVESTMENT_GROWTH,
    RAIL,
    ROUTE,
    SERVICES,
    START_CLAIM,
    Eastern,
    implied_previous,
    to_usd_bn,
)
from .outside import RateCheck, checks_summary
from .section import item


def objective_facts(result: Eastern) -> dict:
    """How many objectives, results and numbers the section has, and the energy and services objectives' share."""
    belt, goals = result.belt, result.objectives.set_index("item_id")
    energy, services = goals.loc[ENERGY], goals.loc[SERVICES]
    return {
        "n_objectives": len(result.objectives),
        "n_results": int((belt["kind"] == "result").sum()),
        "n_with_number": int(belt["claim_id"].notna().sum()),
        "energy_results": energy["results"],
        "energy_numbers": energy["with_number"],
        "services_results": services["results"],
        "services_numbers": services["with_number"],
        "first_year": int(claims.value(START_CLAIM, result.ledger)),
    }


def money_facts(result: Eastern) -> dict:
    """The rate, the Expo agreements in dollars, and the earlier values the two growth rates imply."""
    belt = result.belt
    return {
        "rate": result.cny_per_usd,
        "agreements_usd": to_usd_bn(
            item(belt, AGREEMENTS_VALUE), belt.loc[AGREEMENTS_VALUE, "unit"], result.cny_per_usd
        ),
        "invest": item(belt, INVESTMENT),
        "invest_growth": item(belt, INVESTMENT_GROWTH),
        "invest_before": implied_previous(item(belt, INVESTMENT), item(belt, INVESTMENT_GROWTH)),
        "fdi": item(belt, FOREIGN_CAPITAL),
        "fdi_growth": item(belt, FOREIGN_CAPITAL_GROWTH),
        "fdi_before": implied_previous(item(belt, FOREIGN_CAPITAL), item(belt, FOREIGN_CAPITAL_GROWTH)),
    }


def count_facts(result: Eastern) -> dict:
    """The counts of banks, border openings and agreements, and the Russian partners per provincial bank."""
    n = {name: item(result.belt, item_id) for name, item_id in COUNTS.items()}
    return {
        "banks_hlj": int(n["banks_hlj"]),
        "banks_ru": int(n["banks_ru"]),
        "banks_ratio": n["banks_ru"] / n["banks_hlj"],
        "ports": int(n["ports"]),
        "visa": int(n["visa"]),
        "agreements": int(n["agreements"]),
    }


def check_prose(judged: pd.DataFrame, rate: RateCheck) -> dict:
    """The values the chapter's prose cites about the checks, ready to glue: counts per verdict,
    each comparison's verdict and what it shows (``verdict_X01``, ``shows_X01``, ...), the rate."""
    out = checks_summary(judged)
    for rec in judged.itertuples(index=False):
        out[f"verdict_{rec.check_id}"] = rec.verdict
        out[f"shows_{rec.check_id}"] = rec.shows
    out.update(
        rate_verdict=rate.verdict[0].upper() + rate.verdict[1:],
        rate_official=rate.official,
        rate_fed=rate.fed,
        rate_year=rate.year,
        rate_gap_fed=abs(rate.gap_fed_pct),
    )
    return out


def check_facts(result: Eastern) -> dict:
    """The Warsaw trains as the paper states them, then everything :func:`check_prose` cites."""
    per_day, journey = (item(result.belt, RAIL[k]) for k in ("trains_per_day", "journey_days"))
    return {"per_day": per_day, "journey": journey, **check_prose(result.judged, result.rate)}


def route_facts(result: Eastern) -> dict:
    """The savings of the Vladivostok route and the parcels' share, as the paper states them."""
    route = {k: item(result.belt, v) for k, v in ROUTE.items()}
    return {
        "days_saved": route["days_saved"],
        "cost_cut": route["cost_cut_pct"],
        "ecommerce": route["ecommerce_share_pct"],
    }
