"""Chapter 03, the Eastern Silk Road Belt section of Song (2019): objectives and reported results.

:mod:`.section` (the section as validated data, tied to the claims ledger) → :mod:`.parameters`
(defaults, allowed values, :func:`check_parameters`) → :mod:`.model` (:func:`analyse`: the
objectives served, the sums of money, and :mod:`.outside`: the checks against outside figures
and the conversion rate) → :mod:`.prose` (the glued values), :mod:`.tables`, :mod:`.figures`.
The names below are what the notebook, the runner (``check_parameters``), the ``check`` command
(``load``) and the conclusion (``load``, ``item``) use.
"""

from .figures import checks_figure
from .model import (
    GROWTH_OF,
    MONEY,
    MONEY_KIND,
    RAIL,
    ROUTE,
    SHORT,
    Eastern,
    analyse,
    implied_previous,
    money,
    objectives_table,
    to_usd_bn,
)
from .outside import COMMUNIQUE_YEAR, VERDICTS, RateCheck, checks_download, checks_summary, judge, rate_check
from .parameters import RATE_BOUNDS, THEMES, Parameters, check_parameters, check_rate, check_themes
from .prose import check_facts, check_prose, count_facts, money_facts, objective_facts, route_facts
from .section import CHECKS, RESOURCE, STAGES, item, load, load_checks, results_in
from .tables import checks_myst, money_myst, objectives_as_myst, results_as_myst, short_locator

__all__ = [
    "CHECKS",
    "COMMUNIQUE_YEAR",
    "GROWTH_OF",
    "MONEY",
    "MONEY_KIND",
    "RAIL",
    "RATE_BOUNDS",
    "RESOURCE",
    "ROUTE",
    "SHORT",
    "STAGES",
    "THEMES",
    "VERDICTS",
    "Eastern",
    "Parameters",
    "RateCheck",
    "analyse",
    "check_facts",
    "check_parameters",
    "check_prose",
    "check_rate",
    "check_themes",
    "checks_download",
    "checks_figure",
    "checks_myst",
    "checks_summary",
    "count_facts",
    "implied_previous",
    "item",
    "judge",
    "load",
    "load_checks",
    "money",
    "money_facts",
    "money_myst",
    "objective_facts",
    "objectives_as_myst",
    "objectives_table",
    "rate_check",
    "results_as_myst",
    "results_in",
    "route_facts",
    "short_locator",
    "to_usd_bn",
]
