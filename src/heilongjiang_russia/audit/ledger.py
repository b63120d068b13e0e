"""The whole audit as one frame, its scorecard, and the statuses it gives to claims and cells."""

from __future__ import annotations

from dataclasses import asdict, fields

import pandas as pd

from heilongjiang_russia.data import claims, table1
from heilongjiang_russia.data.validation import load_resource

from . import outside, yuan
from .core import (
    CHECKS,
    CITED,
    CONSISTENT,
    INCONSISTENT,
    NOT_CHECKABLE,
    PAPER_YEARS,
    PARTLY,
    ROUNDING,
    Finding,
    cell_id,
    finding_id,
)
from .growth import check_growth
from .levels import check_levels, check_shares
from .outside import outside_china_russia, outside_heilongjiang
from .sums import check_sums
from .text import check_text
from .tiers import MATERIAL, NOISE, THRESHOLD_PCT, WITH_SLIP, classify
from .unit import check_unit

# the order in which one verdict outranks another when a claim or cell has several findings
_SEVERITY = {INCONSISTENT: 4, PARTLY: 3, ROUNDING: 2, CONSISTENT: 1, NOT_CHECKABLE: 0}
COLUMNS = [f.name for f in fields(Finding)]


def as_frame(found: list[Finding]) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(f) for f in found], columns=COLUMNS)
    frame["cells"] = frame["cells"].map(lambda c: ";".join(c))
    frame["claims"] = frame["claims"].map(lambda c: ";".join(c))
    return frame


def audit(
    trade: pd.DataFrame,
    china_russia: pd.Series | None = None,
    hlj: pd.DataFrame | None = None,
    brent: pd.DataFrame | None = None,
    threshold_pct: float = THRESHOLD_PCT,
    causal: pd.DataFrame | None = None,
    rates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every finding for ``trade`` (Table 1 as loaded by :func:`table1.load`), one row each, with its tier.

    Outside data default to the project's curated files; pass empty frames to audit the
    table's arithmetic alone. ``threshold_pct`` is the materiality threshold (:mod:`.tiers`).
    Given ``causal`` findings (and a table covering 2008–2018), the causal statements of the text
    (:data:`REPLACEABLE_TEXT`) are judged by them instead of by the signs of the changes; the book
    passes the "Price or volume?" chapter's decomposition (:mod:`heilongjiang_russia.chapters.verdicts`).
    ``rates`` (yuan per US$, the ``cny-usd`` resource) convert reported yuan levels and give the yuan
    reading of the growth rates, whose known causes fill the ``cause`` column (:mod:`.yuan`); the
    default is the project's file, and an empty frame audits without them.
    """
    china_russia = outside_china_russia() if china_russia is None else china_russia
    conversions = outside.conversions() if hlj is None else None
    hlj = outside_heilongjiang() if hlj is None else hlj
    brent = load_resource("brent-rub") if brent is None else brent
    rates = load_resource("cny-usd") if rates is None else rates
    rates = rates if len(rates) else None
    found = (
        check_sums(trade)
        + check_growth(trade)
        + check_unit(trade, china_russia, hlj)
        + check_levels(trade, hlj, rates, conversions)
        + check_shares(trade, china_russia, hlj)
        + check_text(trade, china_russia, brent)
    )
    frame = yuan.with_causes(as_frame(found), trade, rates, hlj)
    if causal is not None and set(PAPER_YEARS) <= set(trade.index):
        # the causal statements are judged by the price/volume decomposition, not by a coincidence of signs
        return with_text_findings(frame, causal, threshold_pct)
    return classify(frame, threshold_pct)


# the text checks that a fuller test may replace (the "Price or volume?" chapter's claim findings)
REPLACEABLE_TEXT = ("TEXT-energy", "TEXT-2011-cause", "TEXT-2018")


def with_text_findings(
    findings: pd.DataFrame, extra: pd.DataFrame, threshold_pct: float = THRESHOLD_PCT
) -> pd.DataFrame:
    """``findings`` with the :data:`REPLACEABLE_TEXT` checks replaced by ``extra`` (rows in the findings'
    columns, check "text"), classified again."""
    kept = findings[~findings["finding_id"].isin([*REPLACEABLE_TEXT, *extra["finding_id"]])]
    columns = COLUMNS + [c for c in ("cause",) if c in findings.columns]
    extra = extra.reindex(columns=[c for c in columns if c in findings.columns or c in extra.columns])
    merged = pd.concat([kept[columns], extra], ignore_index=True)
    return classify(merged.assign(cells=merged["cells"].fillna(""), claims=merged["claims"].fillna("")), threshold_pct)


def problems(findings: pd.DataFrame) -> pd.DataFrame:
    """The findings that are not consistent and could be checked."""
    return findings[findings["verdict"].isin([INCONSISTENT, ROUNDING])]


SCORE_COLUMNS = (CONSISTENT, ROUNDING, PARTLY, MATERIAL, NOISE, WITH_SLIP, NOT_CHECKABLE)


def scorecard(findings: pd.DataFrame) -> pd.DataFrame:
    """Counts by check (rows) and outcome (columns): consistent, within rounding, the three tiers of
    an inconsistent finding, not checkable, and the total; the last row sums every check."""
    findings = findings if "tier" in findings else classify(findings)
    outcome = [t if v == INCONSISTENT else v for v, t in zip(findings["verdict"], findings["tier"])]
    table = pd.crosstab(findings["check"], pd.Series(outcome, index=findings.index)).reindex(
        columns=list(SCORE_COLUMNS), fill_value=0
    )
    table = table.reindex([c for c in CHECKS if c in table.index])
    table.index = [CHECKS[c] for c in table.index]
    table.loc["All checks"] = table.sum()
    table["total"] = table.sum(axis=1)
    return table.astype(int)


def worst(verdicts) -> str:
    verdicts = list(verdicts)
    return max(verdicts, key=_SEVERITY.__getitem__) if verdicts else CITED


def _index(findings: pd.DataFrame, column: str) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for fid, keys, verdict in zip(findings["finding_id"], findings[column], findings["verdict"]):
        for key in filter(None, keys.split(";")):
            out.setdefault(key, []).append((fid, verdict))
    return out


def claim_status(ledger: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """``status`` and ``findings`` for each claim: the gravest verdict of the findings about it.

    A finding reported with another (the 2007 milestone with the unit slip) brings that one along.
    """
    index = _index(findings, "claims")
    explained = dict(zip(findings["finding_id"], findings["reported_with"].fillna("")))
    out = ledger.copy()
    out["status"] = [worst(v for _, v in index.get(c, [])) for c in out["claim_id"]]
    out["findings"] = [
        ";".join(dict.fromkeys(x for f, _ in index.get(c, []) for x in (f, explained.get(f, "")) if x))
        for c in out["claim_id"]
    ]
    return out


def _own_checks(year: int, column: str) -> set[str]:
    """The findings that check a cell's own value (not those that merely use it as an input)."""
    if column == "year":
        return {finding_id("text", "span")}
    if column in table1.LEVELS:
        return {finding_id("sum", year), finding_id("level", column, year)}
    for flow, growth_column in table1.GROWTH.items():
        if column == growth_column:
            return {finding_id("growth", flow, year)}
    return {finding_id("share", column.split("_")[1], year)}


def cells(trade: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """The cells of Table 1 (rows × columns, year included), each linked to its findings."""
    index = _index(findings, "cells")
    rows = []
    for position, (year, row) in enumerate(trade.iterrows(), start=1):
        for column in table1.HEADINGS:
            cid = cell_id(year, column)
            hits = index.get(cid, [])
            verdicts = [v for f, v in hits if f in _own_checks(year, column)]
            rows.append(
                {
                    "cell_id": cid,
                    "year": int(year),
                    "column": column,
                    "heading": table1.HEADINGS[column],
                    "value": float(row[column]),
                    "locator": f"Song's Table 1, row {year}, column '{table1.HEADINGS[column]}'",
                    "source_row": position,
                    "status": worst(verdicts) if verdicts else NOT_CHECKABLE,
                    "findings": ";".join(f for f, _ in hits),
                }
            )
    return pd.DataFrame(rows)


def statuses_of(found: pd.DataFrame | None = None) -> pd.Series:
    """Each claim's status given the findings ``found`` (default: the ledger's, as committed)."""
    if found is None:
        return claims.load()["status"]
    return claim_status(claims.load_unchecked(), found).set_index("claim_id")["status"]


def claim_labels(codes, statuses: pd.Series) -> list[str]:
    """Each entry of ``codes`` ("C012" or "C008;C009") with its claims' one status: "C012 (inconsistent)"."""
    return [
        ", ".join(f"{c} ({statuses.get(c, 'not in the ledger')})" for c in str(entry).split(";") if c)
        for entry in codes
    ]
