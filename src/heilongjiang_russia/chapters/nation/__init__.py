"""The province and the nation: China's trade with Russia as the benchmark for Heilongjiang's, and the
energy explanation of chapter 6 tested on the nation's imports after 2018.

``parameters`` holds the defaults and :func:`check_parameters`; ``series`` the province's and China's
series; ``model`` the decomposition, the out-of-sample test, the province's own part, the share after
2018 and the rouble; ``prose`` the glued values; ``figures`` the figures; ``verdicts`` the out-of-sample
test as a finding on the paper's claim C015.
"""

from . import figures, tables, verdicts
from .model import Results, analyse
from .parameters import Parameters, check_parameters
from .prose import summary

__all__ = ["Parameters", "Results", "analyse", "check_parameters", "figures", "summary", "tables", "verdicts"]
