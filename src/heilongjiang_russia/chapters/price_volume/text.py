"""How the chapter writes numbers in its sentences: whole percentages, signed changes, year lists."""

from __future__ import annotations

import numpy as np


def num(v: float) -> str:
    """A whole-number percentage with a true minus sign and no negative zero."""
    v = round(float(v))
    return f"−{-v:d}" if v < 0 else f"{v:d}"


def pct(v: float) -> str:
    """``num`` with a percent sign."""
    return num(v) + "%"


def pct_range(row, key: str) -> str:
    """``row[key]`` as a percentage, with ``row[key_low]`` to ``row[key_high]`` when they round apart."""
    lo, hi = row[f"{key}_low"], row[f"{key}_high"]
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return "undefined"
    return pct(row[key]) + (f" ({num(lo)} to {num(hi)}%)" if round(lo) != round(hi) else "")


def fmt_r(v: float) -> str:
    """A correlation with two decimals and a true minus sign."""
    return f"{v:.2f}".replace("-", "−")
