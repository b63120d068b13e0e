"""Executable compendium for Song (2019), Heilongjiang–Russia cooperation.

The notebooks in ``chapters/`` are thin: every piece of logic they call lives here.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("heilongjiang-russia")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

from .errors import short_parameter_errors_in_ipython

short_parameter_errors_in_ipython()  # in Jupyter, a bad parameter reads as the runner's one line

__all__ = ["__version__"]
