"""The section's claims against outside figures (``data/external/eastern_checks.csv``) and the
conversion rate against the official and the Federal Reserve annual averages.

:func:`judge` sets each outside figure against the paper's number and says what the comparison
shows for the year the figure is for; :func:`rate_check` sets the ``cny_per_usd`` parameter
against the averages of the year of the communiqué the paper cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from heilongjiang_russia.data.validation import load_resource
from heilongjiang_russia.errors import DataValidationError

from .section import blank, item

# the year of the statistical communiqué the paper cites for paragraph 3 (Song 2019, reference 13)
COMMUNIQUE_YEAR = 2014
VERDICTS = ["consistent", "differs", "not checkable"]


def _amount(value: float, unit: str) -> str:
    """A number with its unit as a reader writes it: US$5.4 bn, 7.1%, 308 trains."""
    if unit == "USD bn":
        return f"US${value:g} bn"
    if unit == "percent":
        return f"{value:g}%"
    return f"{value:g} {unit}"


def _decimals(x: float) -> int:
    """The decimal places of ``x`` as printed (shortest form, six significant digits at most)."""
    return max(0, -int(Decimal(format(float(x), "g")).as_tuple().exponent))


def judge(checks_frame: pd.DataFrame, belt: pd.DataFrame) -> pd.DataFrame:
    """Each outside figure against the paper's number: a verdict and what the comparison shows.

    Verdicts (:data:`VERDICTS`): ``consistent`` or ``differs`` for a figure of the same quantity
    for a stated year (a stated value differs only beyond the rounding of both numbers; a lower
    bound holds when the outside figure exceeds it; a daily average is set against the year's
    total of all routes), ``not checkable`` where no figure was found or the figure is a target or
    a related quantity. The paper dates none of these claims, so every verdict names the year it
    holds for.
    """
    rows = []
    for rec in checks_frame.itertuples(index=False):
        paper = item(belt, rec.item_id)
        unit = belt.loc[rec.item_id, "unit"]
        year, value = int(rec.outside_year), rec.outside_value
        found = not blank(value)
        if rec.reading in ("target", "context") or not found:
            verdict = "not checkable"
            shows = (
                "no outside figure for {y} was found, so the claim stays cited, not checkable for that year"
                if not found
                else "a planning target for all routes, not a measured journey to Warsaw: context, not a test"
                if rec.reading == "target"
                else "a related service, not the one the paper counts: context, not a test"
            ).format(y=year)
        elif rec.reading == "lower_bound":
            verdict = "consistent" if value > paper else "differs"
            shows = (
                f"read as a {year} figure, {_amount(value, rec.outside_unit)} "
                f"{'exceeds' if value > paper else 'does not exceed'} the paper's 'more than "
                f"{_amount(paper, unit)}'"
            )
        elif rec.reading == "value":
            noise = 0.5 * 10 ** -_decimals(paper) + 0.5 * 10 ** -_decimals(value)
            gap = value - paper
            verdict = "consistent" if abs(gap) <= noise else "differs"
            points = "percentage points" if unit == "percent" else unit
            shows = (
                f"read as a {year} figure, {_amount(value, rec.outside_unit)} against the paper's "
                f"{_amount(paper, unit)}: "
                + (
                    f"equal within the rounding of both (±{noise:g})"
                    if verdict == "consistent"
                    else f"{abs(gap):.1f} {points} apart, beyond the rounding of both (±{noise:g})"
                )
            )
        elif rec.reading == "daily_rate_vs_annual_total":
            implied = paper * 365
            verdict = "differs" if implied > value else "consistent"
            shows = f"read as the average of {year}, {paper:g} a day is about {implied:.0f} trains in the year, " + (
                f"more than the {value:g} China–Europe trains of all routes that year; an average over part "
                "of a year could still hold"
                if verdict == "differs"
                else f"no more than the {value:g} trains of all routes that year: possible, not confirmed"
            )
        else:
            raise DataValidationError(
                "data/external/eastern_checks.csv", f"unknown reading {rec.reading!r}", column="reading"
            )
        rows.append(
            {
                "check_id": rec.check_id,
                "claim_id": rec.claim_id,
                "item_id": rec.item_id,
                "quantity": rec.quantity,
                "paper": f"{'more than ' if rec.reading == 'lower_bound' else ''}{_amount(paper, unit)}",
                "outside": _amount(value, rec.outside_unit) if found else "not found",
                "year": year,
                "verdict": verdict,
                "shows": shows[0].upper() + shows[1:],
                "source": rec.source if not blank(rec.source) else "",
                "confidence": rec.confidence,
                "reading": rec.reading,
                "paper_value": paper,
                "outside_value": value,
                "outside_unit": rec.outside_unit,
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class RateCheck:
    """The conversion rate used against the official and the Federal Reserve annual averages of ``year``."""

    rate: float  # the rate used (the ``cny_per_usd`` parameter)
    year: int
    official: float
    official_confidence: str
    fed: float
    gap_official_pct: float  # (rate - official) / official, percent
    gap_fed_pct: float
    matches_official: bool

    @property
    def verdict(self) -> str:
        """What the comparison with the official average shows, as a clause (lower-case start)."""
        if self.matches_official:
            return (
                f"the rate used, {self.rate:.4f}, is the official annual average of {self.year} "
                f"({self.official:.4f}, confidence {self.official_confidence})"
            )
        return (
            f"the rate used, {self.rate:.4f}, differs from the official annual average of {self.year} "
            f"({self.official:.4f}) by {self.gap_official_pct:+.2f}%"
        )


def rate_check(cny_per_usd: float, rates: pd.DataFrame | None = None, year: int = COMMUNIQUE_YEAR) -> RateCheck:
    """The ``cny_per_usd`` parameter against the official and the Federal Reserve annual averages of ``year``
    (``rates``: the ``cny-usd`` resource, loaded when not given)."""
    rates = load_resource("cny-usd") if rates is None else rates
    row = rates.set_index("year").loc[year]
    official, fed = float(row["cny_per_usd_official"]), float(row["cny_per_usd_fed"])
    return RateCheck(
        rate=cny_per_usd,
        year=year,
        official=official,
        official_confidence=row["official_confidence"],
        fed=fed,
        gap_official_pct=(cny_per_usd - official) / official * 100,
        gap_fed_pct=(cny_per_usd - fed) / fed * 100,
        matches_official=abs(cny_per_usd - official) < 5e-5,
    )


def checks_summary(judged: pd.DataFrame) -> dict:
    """How many comparisons reach each verdict, and the claims each verdict concerns."""
    out = {}
    for v in VERDICTS:
        sel = judged[judged["verdict"] == v]
        out[v.replace(" ", "_")] = len(sel)
        out[v.replace(" ", "_") + "_claims"] = ", ".join(dict.fromkeys(sel["claim_id"])) or "none"
    out["n_checks"] = len(judged)
    out["n_claims"] = judged["claim_id"].nunique()
    return out


def checks_download(judged: pd.DataFrame) -> pd.DataFrame:
    """The comparisons as offered for download: every column of :func:`judge` but the bare numbers."""
    return judged.drop(columns=["paper_value", "outside_value"])
