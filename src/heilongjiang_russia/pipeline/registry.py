"""Which package module holds each chapter's parameter rules.

A chapter notebook (by file stem) maps to the module of ``heilongjiang_russia`` (named, not imported: the
pipeline imports no chapter until it runs one) whose
``check_parameters(values) -> dict`` validates the chapter's parameters, applies its
cross-parameter rules and fills its derived defaults. The runner calls it before anything
executes; the notebook calls it in its first code cell after the parameters cell. Adding a
chapter with parameters means adding one line here.
"""

from __future__ import annotations

CHAPTER_MODULES: dict[str, str] = {
    "01_introduction": "chapters.introduction",
    "02_current_state": "chapters.current_state",
    "03_eastern_silk_road_belt": "chapters.eastern",
    "04_longjiang_silk_road_belt": "chapters.network",
    "05_conclusion": "chapters.conclusion",
    "06_price_or_volume": "chapters.price_volume",
    "subperiods": "chapters.subperiods",
    "appendix_audit": "audit",
    "appendix_claims": "chapters.claims",
    "07_after_the_paper": "chapters.after_paper",
    "08_province_and_nation": "chapters.nation",
}
