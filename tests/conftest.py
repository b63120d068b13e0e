"""Shared fixtures: a scratch copy of the data folder that a test may corrupt."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heilongjiang_russia import paths


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (descriptor, every file) in a temporary folder; returns its root."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target
