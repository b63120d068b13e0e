"""Price or volume? The paper's energy-price explanation of the trade swings, tested.

Song (2019) explains the swings of Heilongjiang's trade with Russia by the oil pipeline (2011) and
by falling world energy prices (2015-2016). This chapter splits the province's imports from Russia
(Song's Table 1, import column) into the value of the crude oil that came through the
Skovorodino-Mohe-Daqing pipeline and everything else, and decomposes every year's change in
imports, and in total trade, into a price effect, a volume effect and the rest.

Every input that is not known exactly spans a range: Table 1's rounding (half a unit of the printed
place, 0.05 x 10^8 US$), the pipeline volumes (+-0.05 Mt for full years, the agreement of the
cumulative totals; a scenario range for 2017 and 2018, which are known only in part), the API
gravity and the price basis. Results are ranges over the low, central and high value of every
input; DERIVED rows are flagged, partial-year rows never enter as annual figures.

The chapter's contract: :func:`check_parameters` (defaults in :class:`Parameters`) →
:func:`analyse` returns :class:`Results` → :func:`summary` builds the glued prose from them →
:mod:`.tables` and :mod:`.figures` draw them. Modules: :mod:`.parameters`, :mod:`.records` (the
inputs and their data rules), :mod:`.model` (split, decomposition, ranges, counterfactuals, the
rouble), :mod:`.verdicts` (C012, C014, C015 as data), :mod:`.analysis`, :mod:`.prose`,
:mod:`.tables`, :mod:`.figures`.
"""

from __future__ import annotations

from heilongjiang_russia.audit.core import CONSISTENT, INCONSISTENT, PARTLY

from . import figures, tables
from .analysis import Results, analyse
from .model import (
    HEADLINE_YEARS,
    PART_LABELS,
    PARTS,
    ROUNDING,
    TOTAL_PARTS,
    correlation,
    counterfactuals,
    decompose,
    decomposition,
    oil_value,
    rouble_stats,
    rouble_table,
    sensitivity,
    split,
    steadiness,
)
from .parameters import DEFAULTS, SCENARIOS, YEARS, Parameters, check_parameters
from .prose import summary
from .records import (
    BBL_M3,
    THROUGHPUT,
    VOLUME_BAND,
    barrels_per_tonne,
    crude_properties,
    derived_agreement,
    inputs,
    value_check,
    volume_table,
)
from .tables import share_table
from .verdicts import (
    CLAIM_2011,
    CLAIM_2018,
    CLAIM_ENERGY,
    BoomVerdict,
    ClaimVerdicts,
    EnergyVerdict,
    RiseVerdict,
    claim_findings,
    claim_verdicts,
    share_text,
    swings,
)

__all__ = [
    "BBL_M3",
    "CLAIM_2011",
    "CLAIM_2018",
    "CLAIM_ENERGY",
    "CONSISTENT",
    "DEFAULTS",
    "HEADLINE_YEARS",
    "INCONSISTENT",
    "PARTLY",
    "PARTS",
    "PART_LABELS",
    "ROUNDING",
    "SCENARIOS",
    "THROUGHPUT",
    "TOTAL_PARTS",
    "VOLUME_BAND",
    "YEARS",
    "BoomVerdict",
    "ClaimVerdicts",
    "EnergyVerdict",
    "Parameters",
    "Results",
    "RiseVerdict",
    "analyse",
    "barrels_per_tonne",
    "check_parameters",
    "claim_findings",
    "claim_verdicts",
    "correlation",
    "counterfactuals",
    "crude_properties",
    "decompose",
    "decomposition",
    "derived_agreement",
    "figures",
    "inputs",
    "oil_value",
    "rouble_stats",
    "rouble_table",
    "sensitivity",
    "share_table",
    "share_text",
    "split",
    "steadiness",
    "summary",
    "swings",
    "tables",
    "value_check",
    "volume_table",
]
