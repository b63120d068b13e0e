"""One lock: requirements.lock, repeated pin for pin in environment.yml for Binder."""

from __future__ import annotations

import yaml

from heilongjiang_russia import paths


def lock_pins() -> list[str]:
    lines = (paths.ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_lock_entry_is_an_exact_pin():
    pins = lock_pins()
    assert len(pins) > 50
    assert all("==" in pin for pin in pins), [p for p in pins if "==" not in p]
    names = {pin.split("==")[0].lower() for pin in pins}
    assert {"jupyter-book", "pandas", "seaborn", "papermill", "nbval", "matplotlib"} <= names
    assert "jupyter-book==1.0.4.post1" in pins
    # the maintained tools the Makefile and the book call (lint, complexity, release, PDF, a11y)
    tools = {
        "ruff",
        "radon",
        "bump-my-version",
        "sphinxcontrib-svg2pdfconverter",
        "axe-playwright-python",
        "pytest-xdist",
        "cffconvert",
        "linkify-it-py",
    }
    assert tools <= names, sorted(tools - names)


def test_environment_yml_repeats_the_lock_exactly():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    assert "python=3.11" in deps
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    assert sorted(pip) == sorted(lock_pins())
