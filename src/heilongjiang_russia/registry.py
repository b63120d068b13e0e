"""Which package module holds each chapter's parameter rules.

A chapter notebook (by file stem) maps to the module of ``heilongjiang_russia`` whose
``check_parameters(values) -> dict`` validates the chapter's parameters, applies its
cross-parameter rules and fills its derived defaults. The runner calls it before anything
executes; the notebook calls it in its first code cell after the parameters cell. Adding a
chapter with parameters means adding one line here.
"""

from __future__ import annotations

CHAPTER_MODULES: dict[str, str] = {
    "01_introduction": "introduction",
    "02_current_state": "current_state",
    "03_eastern_silk_road_belt": "eastern",
    "04_longjiang_silk_road_belt": "network",
    "05_conclusion": "conclusion",
    "06_price_or_volume": "price_volume",
    "subperiods": "subperiods",
    "appendix_audit": "audit",
    "appendix_claims": "claims",
    "07_after_the_paper": "after_paper",
}
