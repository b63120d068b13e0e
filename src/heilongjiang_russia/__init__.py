"""Executable compendium for Song (2019), Heilongjiang–Russia cooperation.

The notebooks in ``chapters/`` are thin: every piece of logic they call lives here.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("heilongjiang-russia")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
