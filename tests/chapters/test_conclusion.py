"""The conclusion chapter's sentences follow the table file: planted tables with known answers."""

from __future__ import annotations

import re

import pytest

from heilongjiang_russia import audit
from heilongjiang_russia.chapters import claims, conclusion, price_volume
from heilongjiang_russia.data import table1


@pytest.fixture(scope="module")
def trade():
    return table1.load()


def _evidence(trade):
    """The conclusion's evidence table for ``trade``, with the committed section data."""
    from heilongjiang_russia.chapters import eastern
    from heilongjiang_russia.data import places

    return conclusion.evidence(
        trade,
        eastern.load(),
        conclusion.load(),
        claims.load(),
        europe=conclusion.routes_to_europe(places.table2(), places.gazetteer()),
    )


def test_the_paper_table_gives_the_known_reading(trade):
    facts = conclusion.summary(trade)
    assert facts["fall_text"].startswith(
        "It does not bear out the timing of the fall. In 2016 total trade fell by 15.3%"
    )
    assert "2016 was the second, smaller year of it" in facts["fall_text"]
    assert facts["recovery_text"] == (
        "Song's Table 1 bears out the recovery: total trade grew in every year from 2017 to 2018 "
        "(+22.5% in 2017, +64.7% in 2018)."
    )
    assert "What 2016 does mark is the bottom" in facts["trough_text"]
    assert facts["summary_turn_text"].endswith("places the steepest fall in 2015, not 2016.")


def test_a_table_where_the_paper_is_right_reads_otherwise(trade):
    planted = trade.copy()
    planted.loc[2015, "total_yoy_pct"], planted.loc[2016, "total_yoy_pct"] = -10.0, -60.0  # 2016 now the steepest
    planted.loc[2018, "total_yoy_pct"] = -1.0  # and the recovery not steady
    facts = conclusion.summary(planted)
    assert facts["fall_text"].startswith("It bears out the timing of the fall too: in 2016 total trade fell by 60.0%")
    assert (
        facts["recovery_text"].startswith("Song's Table 1 does not bear out a steady recovery")
        and "2018" in facts["recovery_text"]
    )
    assert "mismatch" not in facts["trough_text"]
    assert facts["summary_turn_text"] == (
        "Song's Table 1 does not confirm the recovery the conclusion describes (2017–2018) and "
        "places the steepest fall in 2016, as the conclusion says."
    )


def test_the_china_share_peak_is_said_once_with_both_series(trade):
    share = audit.china_share_peak(trade, audit.outside_china_russia())
    assert (share["printed_peak_year"], share["printed_peak_pct"]) == (2012, 24.2)
    assert share["customs_peak_year"] == 2013 and share["customs_peak_pct"] == pytest.approx(22.36 / 89.21 * 100)
    assert (
        "in the column printed in Song's Table 1" in share["text"]
        and "recomputed from China's customs totals" in share["text"]
    )
    assert "2011 and 2015 cannot be recomputed" in share["text"]

    evidence = _evidence(trade)
    r3 = evidence.set_index("rec_id").loc["R3", "can_say"]
    assert share["text"] in r3 and r3.count("24.2%") == 1


def test_chapters_agree_on_the_china_share_peak(trade, real_audit):
    findings = real_audit  # verdicts.of_table(table1.load())
    from heilongjiang_russia.chapters import current_state

    assert (
        current_state.summary(trade, findings, 2008)["share_peak_text"]
        == audit.china_share_peak(trade, audit.outside_china_russia())["text"]
    )


def test_every_reference_in_the_evidence_table_exists(trade):
    """A label the recommendations table points to is defined on some page of the book."""
    import re

    import nbformat

    from heilongjiang_russia.pipeline import execute

    defined = set()
    for nb_path in execute.toc_notebooks():
        for cell in nbformat.read(nb_path, as_version=4).cells:
            figure = cell.metadata.get("mystnb", {}).get("figure")
            if figure:
                defined.add(figure["name"])
            for out in cell.get("outputs", []):
                text = out.get("data", {}).get("text/markdown") or ""
                defined |= set(re.findall(r":name: (\S+)", text if isinstance(text, str) else "".join(text)))
    evidence = _evidence(trade)
    used = {label for text in evidence["evidence"] for label in re.findall(r"\{numref\}`([^`]+)`", text)}
    assert used and used <= defined, used - defined


def test_the_conclusion_carries_the_decomposition_verdicts_of_the_ledger(trade):
    text = conclusion.explanation_text(trade)
    ledger = claims.load()
    for claim in ("C012", "C014", "C015"):
        assert claim in text
    # the verdicts named are those the ledger records for the causal claims
    for claim in ("C012", "C014", "C015"):  # each claim with the one status the ledger gives it
        assert re.search(rf"\(claim {claim}\),? is {ledger.loc[claim, 'status']}\b", text), claim
    assert "price the largest part in 2 of 7 swings (2016, 2017)" in text
    short = conclusion.explanation_text(trade.loc[2010:2016])
    assert "not applied" in short and "partly" not in short


def test_the_conclusion_states_the_chapters_verdicts_from_their_fields(trade):
    """The conclusion words the price-or-volume verdicts from the chapter's verdict objects, not its sentences."""
    v = price_volume.claim_verdicts(trade=trade)
    found = price_volume.claim_findings(trade=trade).set_index("finding_id")["verdict"]
    assert (v.energy.status, v.rise_2011.status, v.boom_2018.status) == tuple(
        found[f] for f in ("PV-energy", "PV-2011", "PV-2018")
    )
    assert v.energy.n_swings == 7 and v.energy.price_largest_years == (2016, 2017)
    r = v.rise_2011
    assert r.oil_share_low <= r.oil_share <= r.oil_share_high and r.oil_share > 50  # C012: more than half
    text = conclusion.explanation_text(trade)
    assert f"pipeline oil {round(r.oil_share)}% ({round(r.oil_share_low)} to {round(r.oil_share_high)}%)" in text
    assert v.boom_2018.total_shares in text and v.boom_2018.total_shares.startswith("oil price ")
