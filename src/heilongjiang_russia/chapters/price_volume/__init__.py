"""Price or volume? The paper's energy-price explanation of the trade swings, tested.

Song (2019) explains the swings of Heilongjiang's trade with Russia by the oil pipeline (2011) and
by falling world energy prices (2015-2016). This chapter splits the province's imports from Russia
(Song's Table 1, import column) into the value of the crude oil that came through the
Skovorodino-Mohe-Daqing pipeline and everything else, and decomposes every year's change in
imports, and in total trade, into a price effect, a volume effect and the rest.

Every input that is not known exactly spans a range: Table 1's rounding (half a unit of the printed
place, 0.05 x 10^8 US$), each pipeline volume (the rounding of its source, a DERIVED year moving with
the figure it came from; a scenario range for 2017 and 2018, which are known only in part), the
barrels per tonne (API gravity), the price basis (Brent or Dubai, year by year, and a premium) and
the swing threshold. Results are ranges over the low, central and high value of every input, and
every verdict carries its robustness over the box of its inputs; DERIVED rows are flagged,
partial-year rows never enter as annual figures.

The chapter's contract: :func:`check_parameters` (defaults in :class:`Parameters`) →
:func:`analyse` returns :class:`Results` → :func:`summary` builds the glued prose from them →
:mod:`.tables` and :mod:`.figures` draw them. Modules: :mod:`.parameters`, :mod:`.records` (the
inputs and their data rules), :mod:`.model` (split, decomposition, ranges, counterfactuals, the
rouble), :mod:`.box` (the uncertain inputs and the decomposition at any point of their box),
:mod:`.yearly` (each year's parts with their ranges over the box, the sensitivity),
:mod:`.rules` (the verdict rules and their robustness), :mod:`.steady` (imports other than
pipeline oil), :mod:`.verdicts` (C012, C014 and every verdict as data), :mod:`.energy` (C015), :mod:`.analysis`, :mod:`.prose`,
:mod:`.tables`, :mod:`.figures`.
"""

from __future__ import annotations

from heilongjiang_russia.audit.core import CONSISTENT, INCONSISTENT, PARTLY

from . import figures, tables
from .analysis import Results, analyse
from .energy import CLAIM_ENERGY, EnergyVerdict, FallVerdict, GeneralVerdict, swings
from .model import (
    HEADLINE_YEARS,
    PART_LABELS,
    PARTS,
    ROUNDING,
    TOTAL_PARTS,
    correlation,
    counterfactuals,
    decompose,
    oil_value,
    rouble_stats,
    rouble_table,
    split,
    with_shares,
)
from .parameters import DEFAULTS, MARKERS, SCENARIOS, YEARS, Parameters, check_parameters
from .prose import summary
from .records import (
    BBL_M3,
    DERIVED_FROM,
    THROUGHPUT,
    VOLUME_BAND,
    VOLUME_ROUNDING,
    barrels_per_tonne,
    crude_properties,
    derived_agreement,
    inputs,
    price_check,
    valued_spans,
    volume_table,
)
from .steady import Remainder, remainder
from .tables import share_table
from .verdicts import (
    CLAIM_2011,
    CLAIM_2018,
    BoomVerdict,
    ClaimVerdicts,
    RiseVerdict,
    VerdictLabel,
    claim_findings,
    claim_verdicts,
    share_text,
    verdicts_with_robustness,
)
from .yearly import decomposition, sensitivity

__all__ = [
    "BBL_M3",
    "CLAIM_2011",
    "CLAIM_2018",
    "CLAIM_ENERGY",
    "CONSISTENT",
    "DEFAULTS",
    "DERIVED_FROM",
    "HEADLINE_YEARS",
    "INCONSISTENT",
    "MARKERS",
    "PARTLY",
    "PARTS",
    "PART_LABELS",
    "ROUNDING",
    "SCENARIOS",
    "THROUGHPUT",
    "TOTAL_PARTS",
    "VOLUME_BAND",
    "VOLUME_ROUNDING",
    "YEARS",
    "BoomVerdict",
    "ClaimVerdicts",
    "EnergyVerdict",
    "FallVerdict",
    "GeneralVerdict",
    "Parameters",
    "Remainder",
    "Results",
    "RiseVerdict",
    "VerdictLabel",
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
    "price_check",
    "remainder",
    "rouble_stats",
    "rouble_table",
    "sensitivity",
    "share_table",
    "share_text",
    "split",
    "summary",
    "swings",
    "tables",
    "valued_spans",
    "verdicts_with_robustness",
    "volume_table",
    "with_shares",
]
