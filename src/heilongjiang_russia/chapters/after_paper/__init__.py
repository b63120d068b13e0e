"""After the paper, 2019–2024: the record carried past Song (2019)'s last year.

The chapter sets China–Russia trade, China's crude imports from Russia and Heilongjiang's own
figures beside Table 1, converts the province's yuan figures to US dollars with a rate the reader
chooses, computes the province's share of China–Russia trade where both numbers are known, and
lists what became of the projects the paper reports as planned or under way.

The chapter's contract: :func:`check_parameters` (defaults in :class:`Parameters`) → :func:`analyse`
returns :class:`Results` (one frame per table) → :func:`summary` builds the glued values from its
fields → the figures (:mod:`.figures`) and tables (:mod:`.tables`) draw the same frames.

Modules: :mod:`.parameters` (defaults and rules), :mod:`.rows` (a row's period and status, the
inputs), :mod:`.conversion` (yuan to US$), :mod:`.model` (shares, oil, projects, :func:`analyse`),
:mod:`.prose` (the glued values), :mod:`.figures`, :mod:`.tables`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from . import prose, tables
from .conversion import (
    LEVEL_VARIABLES,
    annual_usd,
    province_levels,
    province_table,
    rate_choice_table,
    rate_effect_table,
    rate_table,
)
from .figures import fig_china_russia, fig_crude, fig_province, fig_share
from .model import (
    Results,
    analyse,
    china_russia_long,
    china_russia_rows,
    oil_table,
    paper_statements,
    project_outcomes,
    project_table,
    province_figure_table,
    reported_shares,
    share_table,
)
from .parameters import (
    CONFIDENCE_RANK,
    DEFAULTS,
    MIN_CONFIDENCES,
    PAPER_LAST_YEAR,
    PARAMETERS,
    RATE_BASES,
    Parameters,
    check_parameters,
)
from .prose import (
    disagree_text,
    outcomes_text,
    place_verdict,
    rate_years_text,
    reported_shares_text,
    share_sentence,
)
from .rows import FULL_YEAR, load_inputs, load_projects, parse_variable, status, usable


def summary(p: Mapping[str, Any], results: Results | Mapping[str, Any]) -> dict[str, Any]:
    """The values the chapter glues, for the resolved parameters ``p`` and the chapter's ``results``
    (:func:`prose.summary`).

    The order of the module before the split, ``summary(inputs, p)`` with ``inputs`` as
    :func:`load_inputs` returns them, is still accepted (book.highlights calls it so): the chapter is
    then analysed from those inputs first.
    """
    if isinstance(results, Results):
        return prose.summary(p, results)
    inputs: Mapping[str, pd.DataFrame] = p
    return prose.summary(results, analyse(results, inputs))


__all__ = [
    "CONFIDENCE_RANK",
    "DEFAULTS",
    "FULL_YEAR",
    "LEVEL_VARIABLES",
    "MIN_CONFIDENCES",
    "PAPER_LAST_YEAR",
    "PARAMETERS",
    "RATE_BASES",
    "Parameters",
    "Results",
    "analyse",
    "annual_usd",
    "check_parameters",
    "china_russia_long",
    "china_russia_rows",
    "disagree_text",
    "fig_china_russia",
    "fig_crude",
    "fig_province",
    "fig_share",
    "load_inputs",
    "load_projects",
    "oil_table",
    "outcomes_text",
    "paper_statements",
    "parse_variable",
    "place_verdict",
    "project_outcomes",
    "project_table",
    "province_figure_table",
    "province_levels",
    "province_table",
    "rate_choice_table",
    "rate_effect_table",
    "rate_table",
    "rate_years_text",
    "reported_shares",
    "reported_shares_text",
    "share_sentence",
    "share_table",
    "status",
    "summary",
    "tables",
    "usable",
]
