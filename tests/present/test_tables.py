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


def test_a_table_escapes_dollars_in_its_caption_headings_and_cells():
    frame = pd.DataFrame({"what": ["US$ 1 bn", "US$ 2 bn"], "value": [1.0, 2.0]})
    text = myst_table(frame, {"what": "Sum (US$)", "value": "US$ bn"}, "Sums of money in US$", "tab-x", widths="3 1")
    assert text.count(r"\$") == 5 and "$" not in text.replace(r"\$", "")
    # the column widths are given to the table itself (the book makes the PDF's column spec from them):
    # a tabularcolumns directive would show in JupyterLab as an "Unknown Directive" box above the table
    assert ":widths: 3 1" in text and "tabularcolumns" not in text and text.startswith(":::{table}")
