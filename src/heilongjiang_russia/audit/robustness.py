"""Does a verdict survive the uncertainty of its inputs? A verdict evaluated over the whole box.

A verdict is a function of inputs that are not known exactly: a printed figure stands for every
number that rounds to it, a volume known for part of a year for a range of scenarios, a threshold
for a range of plausible choices. The box is the set of all their combinations. :func:`evaluate`
takes the verdict at the central value of every input, then at every corner of the box (each input
at an end of its range, or at each of its options) and along a grid of each input alone (the others
central). A verdict that gives the same status everywhere *holds throughout the box*; otherwise it
is *fragile*, and :class:`Robustness` names the input that flips it and where: along a grid the flip
is refined by bisection to the first value that flips it; a flip found only at a corner is reduced
to the fewest inputs that still flip it.

The verdict function is vectorised: it receives a mapping from each input's name to an array of
values (one per point; a :class:`Choice` gives strings) and returns one status per point.
:func:`pointwise` lifts a function of one point to that form. The evaluation is as good as its
points: a status reached only strictly inside the box, at no corner and on no grid line, is not
seen. For the linear-fractional shares and the thresholds the book's verdicts compare, the extremes
lie at the corners.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

HOLDS = "holds throughout the box"
GRID = 21  # points along each continuous input, the ends included
MAX_POINTS = 2**15  # corners evaluated at most; a larger box must be described with fewer inputs
REFINE = 30  # bisection steps that locate a flip on a continuous input


@dataclass(frozen=True)
class Interval:
    """A continuous input: ``low`` ≤ ``central`` ≤ ``high``; ``fmt`` shows a value in a label (``"{:.1f}%"``);
    ``step``, the resolution that ``fmt`` shows, puts a located flip on a value the label can show exactly
    (the first multiple of ``step`` beyond the boundary that flips the verdict)."""

    name: str
    low: float
    central: float
    high: float
    fmt: str = "{:g}"
    step: float | None = None

    def __post_init__(self):
        if not self.low <= self.central <= self.high:
            raise ValueError(f"{self.name}: {self.low} ≤ {self.central} ≤ {self.high} must hold")

    @property
    def ends(self) -> tuple[float, ...]:
        return (self.low,) if self.low == self.high else (self.low, self.high)

    def grid(self, n: int) -> list[float]:
        return sorted({*np.linspace(self.low, self.high, n).tolist(), self.central})

    def show(self, value: Any) -> str:
        return self.fmt.format(value)


@dataclass(frozen=True)
class Choice:
    """A discrete input: one of ``options``, ``central`` the value used at the centre of the box."""

    name: str
    central: str
    options: tuple[str, ...]

    def __post_init__(self):
        if self.central not in self.options:
            raise ValueError(f"{self.name}: {self.central!r} is not one of {self.options}")

    @property
    def ends(self) -> tuple[str, ...]:
        return self.options

    def grid(self, n: int) -> list[str]:
        return list(self.options)

    def show(self, value: Any) -> str:
        return str(value)


Input = Interval | Choice
Verdict = Callable[[Mapping[str, np.ndarray]], Sequence[str]]


@dataclass(frozen=True)
class Flip:
    """Where a verdict turns: ``input`` (names joined by "and" for a combination) at ``value`` (shown as
    in a label) gives ``status``; ``moved`` holds the raw value of every input moved from its centre."""

    input: str
    value: str
    status: str
    moved: tuple[tuple[str, Any], ...] = field(default=())

    @property
    def text(self) -> str:
        return f"{self.input} at {self.value} turns it {self.status}"


@dataclass(frozen=True)
class Robustness:
    """A verdict over its box: the status at the centre, whether it holds at every point evaluated, and
    the flips, nearest first (single inputs by their distance from the centre, then combinations)."""

    status_at_central: str
    holds_throughout: bool
    flips: tuple[Flip, ...]
    inputs: tuple[str, ...]  # the names of the box's inputs
    n_points: int  # points evaluated

    @property
    def label(self) -> str:
        """``holds throughout the box`` or ``fragile: <input> at <value> turns it <status>`` (the nearest flip)."""
        return HOLDS if self.holds_throughout else "fragile: " + self.flips[0].text

    @property
    def detail(self) -> str:
        """Every flip, nearest first, joined by semicolons (the label when none)."""
        return HOLDS if self.holds_throughout else "fragile: " + "; ".join(f.text for f in self.flips)

    def flip_of(self, name: str) -> Flip | None:
        """The nearest flip of the input ``name`` alone, if it flips the verdict."""
        return next((f for f in self.flips if f.input == name), None)


def pointwise(fn: Callable[[Mapping[str, Any]], str]) -> Verdict:
    """A verdict of one point (a mapping of input names to values) as a vectorised verdict."""

    def many(points: Mapping[str, np.ndarray]) -> list[str]:
        n = len(next(iter(points.values()))) if points else 1
        return [fn({k: v[i] for k, v in points.items()}) for i in range(n)]

    return many


def _call(verdict: Verdict, rows: list[dict[str, Any]], names: list[str]) -> list[str]:
    arrays = {n: np.asarray([r[n] for r in rows]) for n in names}
    got = [str(s) for s in verdict(arrays)]
    if len(got) != len(rows):
        raise ValueError(f"the verdict gave {len(got)} statuses for {len(rows)} points")
    return got


def _bisect(verdict, centre, names, item: Interval, ok: float, bad: float, bad_status: str, steps: int, base: str):
    """The value next to the boundary between ``ok`` (status ``base``) and ``bad``, on ``bad``'s side."""
    for _ in range(steps):
        mid = (ok + bad) / 2
        status = _call(verdict, [{**centre, item.name: mid}], names)[0]
        if status == base:
            ok = mid
        else:
            bad, bad_status = mid, status
    return bad, bad_status


def _snap(verdict, centre, names, item: Interval, value: float, status: str, base: str) -> tuple[float, str]:
    """``value`` moved away from the centre to the first multiple of ``item.step`` at which the verdict is not ``base``."""
    if not item.step:
        return value, status
    up = value > item.central
    k = round(value / item.step, 6)
    k = math.ceil(k) if up else math.floor(k)
    for _ in range(3):
        snapped = min(max(k * item.step, item.low), item.high)
        got = _call(verdict, [{**centre, item.name: snapped}], names)[0]
        if got != base:
            return snapped, got
        k += 1 if up else -1
    return value, status


def _single_flips(verdict, box, centre, names, s0, grid, statuses, refine) -> list[tuple[float, Flip]]:
    out = []
    for item in box:
        values = [v for v in item.grid(grid) if v != item.central]
        got = dict(zip(values, statuses[item.name]))
        if isinstance(item, Choice):
            out += [
                (1.0, Flip(item.name, item.show(v), got[v], ((item.name, v),)))
                for v in item.options
                if got.get(v, s0) != s0
            ]
            continue
        span = (item.high - item.low) or 1.0
        for side in (
            sorted((v for v in values if v < item.central), reverse=True),
            sorted(v for v in values if v > item.central),
        ):
            ok = item.central
            for v in side:
                if got[v] == s0:
                    ok = v
                    continue
                value, status = (
                    _bisect(verdict, centre, names, item, ok, v, got[v], refine, s0) if refine else (v, got[v])
                )
                value, status = _snap(verdict, centre, names, item, value, status, s0)
                out.append(
                    (abs(value - item.central) / span, Flip(item.name, item.show(value), status, ((item.name, value),)))
                )
                break
    return out


def _reduce(verdict, box, centre, names, corner: dict[str, Any], s0: str) -> Flip:
    """The flipped ``corner`` with every input that is not needed for the flip put back at its centre."""
    point = dict(corner)
    for item in box:
        if point[item.name] == item.central:
            continue
        trial = {**point, item.name: item.central}
        if _call(verdict, [trial], names)[0] != s0:
            point = trial
    status = _call(verdict, [point], names)[0]
    moved = [(item, point[item.name]) for item in box if point[item.name] != item.central]
    return Flip(
        " and ".join(i.name for i, _ in moved),
        " and ".join(i.show(v) for i, v in moved),
        status,
        tuple((i.name, v) for i, v in moved),
    )


def evaluate(
    verdict: Verdict, box: Sequence[Input], *, grid: int = GRID, refine: int = REFINE, max_points: int = MAX_POINTS
) -> Robustness:
    """``verdict`` at the centre of ``box``, at every corner and along a grid of each input alone."""
    names = [i.name for i in box]
    if len(set(names)) != len(names):
        raise ValueError(f"the inputs of a box need distinct names: {names}")
    corners = list(itertools.product(*(i.ends for i in box)))
    if len(corners) > max_points:
        raise ValueError(f"a box of {len(box)} inputs has {len(corners)} corners, more than {max_points}")
    centre = {i.name: i.central for i in box}
    rows = [centre] + [dict(zip(names, c)) for c in corners]
    lines = [(i, v) for i in box for v in i.grid(grid) if v != i.central]
    rows += [{**centre, i.name: v} for i, v in lines]
    statuses = _call(verdict, rows, names)
    s0 = statuses[0]
    along: dict[str, list[str]] = {n: [] for n in names}
    for (item, _), status in zip(lines, statuses[1 + len(corners) :]):
        along[item.name].append(status)
    singles = sorted(_single_flips(verdict, box, centre, names, s0, grid, along, refine), key=lambda x: x[0])
    flips = [f for _, f in singles]
    reached = {f.status for f in flips}
    for corner, status in zip(rows[1 : 1 + len(corners)], statuses[1 : 1 + len(corners)]):
        if status != s0 and status not in reached:
            flip = _reduce(verdict, box, centre, names, corner, s0)
            if flip.input not in {f.input for f in flips}:
                flips.append(flip)
            reached |= {status, flip.status}
    holds = all(s == s0 for s in statuses)
    return Robustness(s0, holds, tuple(flips), tuple(names), len(rows))
