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
    "appendix_audit": "chapters.audit_appendix",
    "appendix_claims": "chapters.claims",
    "07_after_the_paper": "chapters.after_paper",
    "08_province_and_nation": "chapters.nation",
}

# The loaders that `check` runs: each validates its file and what it cross-references
# ("module:function", imported when `check` runs, so that the CLI imports no chapter at start).
DATA_LOADERS: tuple[str, ...] = ("data.table1:load", "chapters.eastern:load", "chapters.conclusion:load")

# What `reproduce` writes before executing: the data that code derives from the data.
DERIVED_WRITERS: tuple[str, ...] = ("chapters.claims:write_derived",)


def resolve(target: str):
    """The function named ``"module:function"`` under ``heilongjiang_russia``."""
    import importlib

    module, _, function = target.partition(":")
    return getattr(importlib.import_module(f"heilongjiang_russia.{module}"), function)
