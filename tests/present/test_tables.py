"""The book's tables as MyST: no dollar sign that JupyterLab would typeset as mathematics, no directive
that JupyterLab cannot show."""

from __future__ import annotations

import pandas as pd

from heilongjiang_russia.present.tables import escape_dollars, myst_table


def test_every_dollar_outside_inline_code_is_escaped_once():
    assert escape_dollars("from US$ 1 bn to US$ 2 bn") == r"from US\$ 1 bn to US\$ 2 bn"
    assert escape_dollars(r"already US\$ 1") == r"already US\$ 1"
    # a backslash inside inline code is no escape: the code keeps its dollar sign as it is
    assert escape_dollars("`price_usd$` and ``a`$`` cost US$ 3") == r"`price_usd$` and ``a`$`` cost US\$ 3"
    assert escape_dollars("no money here") == "no money here"

