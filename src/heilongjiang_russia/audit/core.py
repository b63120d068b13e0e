"""What every check shares: the verdicts, a finding, interval arithmetic and the one id builder.

Rounding is handled with interval arithmetic: a value printed with one decimal, such as 110.6,
stands for every number in [110.55, 110.65], so a verdict of "inconsistent" means that no choice
of the unrounded numbers can reconcile the printed ones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

CONSISTENT, ROUNDING, INCONSISTENT, NOT_CHECKABLE = "consistent", "within rounding", "inconsistent", "not checkable"
# a causal statement that the decomposition of the "Price or volume?" chapter supports for some swings only
PARTLY = "partly supported"
VERDICTS = (CONSISTENT, ROUNDING, PARTLY, INCONSISTENT, NOT_CHECKABLE)
CITED = "cited, not checkable"

CHECKS = {
    "sum": "Total = export + import",
    "growth": "Printed growth against the growth of the printed levels",
    "unit": "The unit of Song's Table 1",
    "level": "Printed levels against outside data",
    "share": "Share columns against outside data",
    "text": "What the text says about Song's Table 1",
}
# the prefix of each check's finding ids (SUM-2014, GROWTH-export-2016, TEXT-2016, ...)
PREFIXES = {"sum": "SUM", "growth": "GROWTH", "unit": "UNIT", "level": "LEVEL", "share": "SHARE", "text": "TEXT"}

HALF = 0.05  # half a unit in the last printed place of Table 1 (one decimal)
PAPER_YEARS = range(2008, 2019)  # the years of the paper's Table 1: outside rows of other years are not used

# the claims of the text that the audit judges (data/claims.csv)
CLAIM_SPAN, CLAIM_STEADY, CLAIM_2007, CLAIM_2009, CLAIM_2011 = "C008", "C009", "C010", "C011", "C012"
CLAIM_100BN, CLAIM_2018, CLAIM_ENERGY, CLAIM_DECLINE, CLAIM_RECOVERY = "C013", "C014", "C015", "C052", "C053"
CLAIM_UNIT = "C057"


def finding_id(check: str, *parts) -> str:
    """The one builder of finding ids: the check's prefix and the parts, joined by hyphens."""
    if check not in PREFIXES:
        raise ValueError(f"finding id: unknown check {check!r}; one of {', '.join(PREFIXES)}")
    return "-".join([PREFIXES[check], *(str(p) for p in parts)])


def cell_id(year: int, column: str) -> str:
    """Identifier of one Table 1 cell, e.g. ``T1-2008-total``."""
    return f"T1-{year}-{column}"


@dataclass(frozen=True)
class Finding:
    """One check: what was expected, what is printed, how far apart they are, and the verdict.

    ``difference`` is the point difference (recomputed or outside minus printed) when the verdict
    is consistent or within rounding, and the gap between the two rounding intervals when it is
    inconsistent; for the unit and text checks it is the measure named by ``difference_unit``.
    ``scale`` is the size of the quantity the difference is measured against (the materiality
    rule divides by it); ``reported_with`` names the finding that explains this one.
    """

    finding_id: str
    check: str
    subject: str
    expected: str
    printed: str
    difference: float | None
    difference_unit: str
    verdict: str
    evidence: str
    cells: tuple[str, ...] = field(default=())
    claims: tuple[str, ...] = field(default=())
    scale: float | None = None
    reported_with: str = ""

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"finding {self.finding_id}: verdict {self.verdict!r} is not one of {', '.join(VERDICTS)}")
        if not self.finding_id.startswith(PREFIXES.get(self.check, "?") + "-"):
            raise ValueError(f"finding {self.finding_id}: id not built by finding_id() for check {self.check!r}")


# --- interval arithmetic -----------------------------------------------------------------


def interval(value: float, half: float = HALF) -> tuple[float, float]:
    """The numbers that round to ``value`` (half a unit of the last printed place either side)."""
    return value - half, value + half


def decimals(value: float) -> int:
    """Number of decimals a value was printed with (``56.83`` -> 2, ``80.0`` -> 0)."""
    _, _, frac = repr(float(value)).partition(".")
    return 0 if frac in ("", "0") else len(frac)


def half_unit(value: float) -> float:
    return 0.5 * 10.0 ** (-decimals(value))


def gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance between two intervals (0 when they overlap)."""
    return max(0.0, max(a[0], b[0]) - min(a[1], b[1]))


def ratio_interval(num: tuple[float, float], den: tuple[float, float]) -> tuple[float, float]:
    """[num] / [den] for positive intervals."""
    return num[0] / den[1], num[1] / den[0]


def growth_interval(level: float, base: float, half: float = HALF) -> tuple[float, float]:
    """The year-over-year growth (%) that printed ``level`` and ``base`` allow."""
    lo, hi = ratio_interval(interval(level, half), interval(base, half))
    return (lo - 1) * 100, (hi - 1) * 100


def _places(half: float) -> int:
    return max(0, round(-math.log10(2 * half)))


def judge(point: float, allowed: tuple[float, float], printed: float, printed_half: float = HALF) -> tuple[str, float]:
    """Verdict and size for a printed value against a recomputed ``point`` and its interval ``allowed``.

    The size is the gap between the intervals when they do not overlap, otherwise the
    difference of the point values.
    """
    shown = interval(printed, printed_half)
    if round(point, _places(printed_half)) == round(printed, _places(printed_half)):
        return CONSISTENT, round(point - printed, 6)
    distance = gap(allowed, shown)
    if distance == 0:
        return ROUNDING, round(point - printed, 6)
    return INCONSISTENT, round(math.copysign(distance, point - printed), 6)


def fmt(value: float, places: int = 1) -> str:
    return f"{value:.{places}f}"
