"""The package's shape as a reader sees it: the README's map and the declared import contracts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from heilongjiang_russia import paths

PACKAGE = paths.ROOT / "src" / "heilongjiang_russia"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def subpackages() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


def readme_map() -> list[str]:
    """The subpackages the README's package map lists, in its order."""
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### The package map", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)/` \|", section, flags=re.M)


def declared_layers() -> list[str]:
    """The roles of the layers contract in pyproject.toml, top first (siblings in their order)."""
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    return [m.strip().rsplit(".", 1)[1] for layer in layers for m in layer.split("|")]


def test_the_readme_maps_every_subpackage_once():
    assert sorted(readme_map()) == subpackages()


def test_the_readme_lists_the_roles_in_the_order_of_the_layers():
    layered = [name for name in declared_layers() if name in subpackages()]
    assert readme_map() == layered
    assert set(subpackages()) <= set(layered), "a subpackage outside the layers contract"


@pytest.mark.slow
def test_a_planted_upward_import_breaks_the_contract(tmp_path):
    """The contracts are not decoration: a data module importing a chapter fails `lint-imports`."""
    shutil.copytree(paths.ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(paths.ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    run = [str(LINT_IMPORTS), "pyproject.toml", "--no-cache"]
    clean = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout
    planted = tmp_path / "src" / "heilongjiang_russia" / "data" / "table1.py"
    planted.write_text(planted.read_text(encoding="utf-8") + "\nfrom heilongjiang_russia.chapters import verdicts\n")
    broken = subprocess.run(run, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert broken.returncode != 0
    assert "heilongjiang_russia.data.table1 -> heilongjiang_russia.chapters.verdicts" in broken.stdout
