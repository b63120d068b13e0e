"""The robustness of a verdict over the box of its uncertain inputs (audit/robustness.py), planted and as the
verdicts of "Price or volume?" use it."""

from __future__ import annotations

import numpy as np
import pytest

from heilongjiang_russia.audit import robustness as rb
from heilongjiang_russia.chapters import price_volume as pv
from heilongjiang_russia.data import table1


def share_verdict(points):
    """consistent while x is above 0.3, else inconsistent (vectorised)."""
    return np.where(np.asarray(points["x"], float) > 0.3, "consistent", "inconsistent")


def test_a_verdict_that_flips_inside_its_box_is_fragile_and_the_flip_is_located():
    box = [rb.Interval("x", 0.0, 0.5, 1.0, "{:.2f}"), rb.Interval("y", -1.0, 0.0, 1.0)]
    got = rb.evaluate(share_verdict, box)
    assert got.status_at_central == "consistent" and not got.holds_throughout
    assert [(f.input, f.status) for f in got.flips] == [("x", "inconsistent")]
    # bisection finds the boundary, not the next grid point (0.25)
    assert dict(got.flips[0].moved)["x"] == pytest.approx(0.3, abs=1e-6)
    assert got.label == "fragile: x at 0.30 turns it inconsistent"
    assert got.flip_of("y") is None


def test_a_verdict_that_holds_at_every_point_is_labelled_so():
    box = [rb.Interval("x", 0.4, 0.5, 1.0), rb.Choice("marker", "Brent", ("Brent", "Dubai"))]
    got = rb.evaluate(share_verdict, box)
    assert got.holds_throughout and got.flips == ()
    assert got.label == rb.HOLDS == "holds throughout the box"
    # the centre, four corners, the grid of x (its ends and the centre among them) and the other marker
    assert got.n_points == 1 + 4 + (len(box[0].grid(rb.GRID)) - 1) + 1 == 27


def test_a_flip_only_at_a_corner_is_reduced_to_the_inputs_that_need_to_move():
    @rb.pointwise
    def both(point):
        return "partly supported" if point["a"] > 0.9 and point["b"] > 0.9 else "consistent"

    box = [rb.Interval("a", 0.0, 0.5, 1.0), rb.Interval("c", 0.0, 0.5, 1.0), rb.Interval("b", 0.0, 0.5, 1.0)]
    got = rb.evaluate(both, box)
    assert not got.holds_throughout
    assert [(f.input, f.value, f.status) for f in got.flips] == [("a and b", "1 and 1", "partly supported")]
    assert got.label == "fragile: a and b at 1 and 1 turns it partly supported"


def test_a_choice_that_flips_the_verdict_is_named_with_its_option():
    @rb.pointwise
    def marker(point):
        return "inconsistent" if point["price marker"] == "Dubai" and point["x"] < 0.2 else "consistent"

    box = [rb.Choice("price marker", "Brent", ("Brent", "Dubai")), rb.Interval("x", 0.0, 0.5, 1.0)]
    got = rb.evaluate(marker, box)
    assert got.label == "fragile: price marker and x at Dubai and 0 turns it inconsistent"


def test_a_flip_is_shown_at_a_value_of_the_label_s_resolution_that_flips_it():
    # x > 0.3 is consistent: going down, 0.30 itself flips; a threshold rule |22.5| > t flips going up at 22.5
    # and going down only below it, at 22.4 on a grid of 0.1
    box = [rb.Interval("x", 0.0, 0.5, 1.0, "{:.2f}", step=0.01)]
    assert rb.evaluate(share_verdict, box).flips[0].value == "0.30"

    @rb.pointwise
    def swing(point):
        return "partly supported" if point["t"] < 22.5 else "inconsistent"

    up = rb.evaluate(swing, [rb.Interval("t", 10.0, 15.0, 25.0, "{:.1f}%", step=0.1)])
    down = rb.evaluate(swing, [rb.Interval("t", 10.0, 25.0, 25.0, "{:.1f}%", step=0.1)])
    assert up.label == "fragile: t at 22.5% turns it inconsistent"
    assert down.label == "fragile: t at 22.4% turns it partly supported"


def test_flips_are_ordered_nearest_first_and_all_listed_in_the_detail():
    @rb.pointwise
    def two(point):
        if point["near"] > 0.6:
            return "partly supported"
        return "inconsistent" if point["far"] < 0.05 else "consistent"

    box = [rb.Interval("far", 0.0, 0.5, 1.0, "{:.2f}"), rb.Interval("near", 0.0, 0.5, 1.0, "{:.2f}")]
    got = rb.evaluate(two, box)
    assert [f.input for f in got.flips] == ["near", "far"]
    assert got.label == "fragile: near at 0.60 turns it partly supported"
    assert got.detail == ("fragile: near at 0.60 turns it partly supported; far at 0.05 turns it inconsistent")


def test_a_box_with_too_many_corners_or_a_bad_input_is_refused():
    box = [rb.Interval(f"x{i}", 0.0, 0.5, 1.0) for i in range(6)]
    with pytest.raises(ValueError, match="64 corners, more than 32"):
        rb.evaluate(share_verdict, box, max_points=32)
    with pytest.raises(ValueError, match="must hold"):
        rb.Interval("x", 1.0, 0.5, 2.0)
    with pytest.raises(ValueError, match="not one of"):
        rb.Choice("m", "WTI", ("Brent", "Dubai"))
    with pytest.raises(ValueError, match="distinct names"):
        rb.evaluate(share_verdict, [rb.Interval("x", 0, 0.5, 1), rb.Interval("x", 0, 0.5, 1)])


# --- the verdicts of "Price or volume?" over their boxes ----------------------------------------------------

P = pv.check_parameters({})


@pytest.fixture(scope="module")
def results():
    return pv.analyse(P)


def test_every_verdict_has_its_robustness_and_what_flips_it():
    labels = {(v.claim, v.reading): v for v in pv.verdicts_with_robustness()}
    assert list(labels) == [
        ("C012", "as stated"),
        ("C014", "as stated"),
        ("C015", "as stated"),
        ("C015", "the swings in general"),
    ]
    assert labels[("C012", "as stated")].label == "consistent (holds throughout the box)"
    assert labels[("C014", "as stated")].label == "partly supported (holds throughout the box)"
    assert labels[("C015", "as stated")].label == "partly supported (holds throughout the box)"
    general = labels[("C015", "the swings in general")]
    assert general.label == "partly supported (fragile: swing threshold at 22.5% turns it inconsistent)"
    # the box of each verdict holds every kind of input the issue names
    names = set(general.robustness.inputs)
    assert {
        "barrels per tonne",
        "price marker",
        "price premium",
        "swing threshold",
        "rounding of the printed levels",
    } <= names
    assert {"pipeline volume 2011", "pipeline volume 2015", "pipeline volume 2017", "pipeline volume 2018"} <= names
    rise = labels[("C012", "as stated")].robustness.inputs
    assert {"printed imports 2010", "printed exports 2011", "pipeline volume 2011"} <= set(rise)
    # the status in the ledger's rows is the status at the centre of the box
    found = pv.claim_findings().set_index("claims")["verdict"]
    assert found["C015"] == labels[("C015", "as stated")].status


def test_the_general_count_moves_with_the_threshold_and_the_2017_volume(results):
    moves = pv.rules.count_moves(results.inputs, P, table1.load())
    assert ("swing threshold", "25.0%", 0, 5) in moves and ("pipeline volume 2017", "15.00 Mt", 1, 7) in moves
    marginal = pv.rules.marginal_swings(table1.load(), P["swing_low"], P["swing_high"])
    assert marginal == [(2012, 12.2), (2016, 15.3), (2017, 22.5)]


@pytest.mark.parametrize(
    "given, general",
    [
        ({"swing_pct": 25.0}, "inconsistent (fragile: swing threshold at 22.4% turns it partly supported)"),
        ({"volume_scenario": "pace"}, "partly supported (fragile: swing threshold at 15.3% turns it inconsistent)"),
        ({"price_marker": "dubai"}, "partly supported (fragile: swing threshold at 22.5% turns it inconsistent)"),
    ],
)
def test_the_prose_at_unusual_parameters_states_the_verdicts_it_computes(given, general):
    p = pv.check_parameters(given)
    results = pv.analyse(p)
    facts = pv.summary(p, results)
    labels = {(v.claim, v.reading): v for v in results.verdicts.labels}
    assert f"{facts['c015_general_verdict']} ({facts['c015_general_robustness']})" == general
    assert labels[("C015", "the swings in general")].label == general
    assert facts["c015_verdict"] == labels[("C015", "as stated")].status == pv.PARTLY
