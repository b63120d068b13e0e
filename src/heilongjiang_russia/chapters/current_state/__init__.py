"""Chapter 2, the current state of Heilongjiang's trade with Russia, computed from Song's Table 1.

:mod:`.model` builds the tables behind the figures, :mod:`.prose` the numbers and sentences the
prose cites, :mod:`.tables` Table 1 as printed, :mod:`.parameters` the chapter's parameter rules.
"""

from __future__ import annotations

from .model import EVENTS, FALL, balance_table, growth_long, index_direction, index_table, shares_table
from .parameters import check_parameters
from .prose import compound_text, events_in_view, summary
from .tables import table1_myst

__all__ = [
    "EVENTS",
    "FALL",
    "balance_table",
    "check_parameters",
    "compound_text",
    "events_in_view",
    "growth_long",
    "index_direction",
    "index_table",
    "shares_table",
    "summary",
    "table1_myst",
]
