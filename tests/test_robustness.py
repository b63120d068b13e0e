"""The robustness of a verdict over the box of its uncertain inputs (audit/robustness.py)."""

from __future__ import annotations

import numpy as np
import pytest

from heilongjiang_russia.audit import robustness as rb


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
