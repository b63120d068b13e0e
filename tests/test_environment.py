"""Two locks: the runtime set (requirements.lock, repeated pin for pin in environment.yml for Binder) and
the development set (requirements-dev.lock), installed on top of it by `make`; see tests/environments.py."""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib.metadata import packages_distributions, version

import environments
import yaml
from packaging.version import Version

from heilongjiang_russia import metadata, paths

RUNTIME = paths.ROOT / "requirements.lock"
DEV = paths.ROOT / "requirements-dev.lock"


def lock_pins(file=RUNTIME) -> list[str]:
    lines = file.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def names(file) -> set[str]:
    return set(environments.pins(lock_pins(file)))


def test_every_lock_entry_is_an_exact_pin():
    for file, least in ((RUNTIME, 100), (DEV, 20)):
        pins = lock_pins(file)
        assert len(pins) > least
        assert all("==" in pin for pin in pins), [p for p in pins if "==" not in p]
        assert len(environments.pins(pins)) == len(pins), f"{file.name}: a package pinned twice"
    assert "jupyter-book==1.0.4.post1" in lock_pins()


def test_the_runtime_set_is_what_a_reader_needs_and_no_development_tool():
    runtime = names(RUNTIME)
    # run the chapters (kernel, papermill), build the HTML book with its extensions, open JupyterLab
    reader = {"pandas", "matplotlib", "seaborn", "papermill", "ipykernel", "jupyter-book", "myst-nb", "jupyterlab"}
    reader |= {"frictionless", "sphinxcontrib-svg2pdfconverter", "linkify-it-py"}
    assert reader <= runtime, sorted(reader - runtime)
    tools = {"pytest", "nbval", "ruff", "radon", "bump-my-version", "playwright", "axe-playwright-python"}
    tools |= {"jupyter-repo2docker", "coverage", "import-linter"}
    assert tools <= names(DEV), sorted(tools - names(DEV))
    assert runtime & tools == set()
    assert names(DEV) & runtime == set(), "requirements-dev.lock repeats runtime pins"
    # cffconvert 2.0 needs jsonschema < 4, which breaks Jupyter Server: it is in neither set
    assert "cffconvert" not in runtime | names(DEV)
    pins = environments.pins(lock_pins())
    assert Version(pins["jsonschema"]) >= Version("4.23")
    assert Version(pins["frictionless"]) >= Version("5.21")


def test_the_environment_has_both_locks_installed():
    """`make` installs requirements.lock and requirements-dev.lock together into .venv (the tests' environment)."""
    wrong = {}
    for name, pinned in (environments.pins(lock_pins()) | environments.pins(lock_pins(DEV))).items():
        try:
            have = version(name)
        except Exception:
            have = None
        if have != pinned:
            wrong[name] = (pinned, have)
    assert wrong == {}, f"installed versions differ from the locks (run make): {wrong}"


def test_environment_yml_repeats_the_runtime_lock_exactly():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    assert "python=3.11" in deps
    pip = next(d["pip"] for d in deps if isinstance(d, dict))
    assert sorted(pip) == sorted(lock_pins())
    assert environments.binder_pins() == pip
    assert (paths.ROOT / "environment.yml").read_text(encoding="utf-8") == environments.environment_yml(lock_pins())


def test_the_runtime_set_keeps_repo2docker_base_versions():
    """Every package that repo2docker's base environment has too is pinned at the base's version, but for the
    few that tests/environments.py names with the reason: Binder's pins then change nothing in its Jupyter."""
    base = {environments.normalize(n): v for n, v in environments.base_pins().items()}
    pins = environments.pins(lock_pins())
    differ = {n: (base[n], v) for n, v in pins.items() if n in base and base[n] != v}
    assert set(differ) == set(environments.NEWER_THAN_BINDER), differ
    for name in ("jupyterlab", "jupyter-server", "jupyter-events", "jsonschema", "ipykernel"):
        assert pins[name] == base[name]


def test_the_base_lock_is_read_whole():
    """The conda lock's Python packages, under their PyPI names; C libraries, Python and metapackages left out."""
    base = environments.base_pins()
    for name in ("jupyterlab", "jupyter_server", "jupyter_events", "jupyterhub", "notebook", "jsonschema", "nbconvert"):
        assert name in base, name
    for name in ("python", "nodejs", "zeromq", "openssl", "jupyterhub-singleuser", "jupyterhub-base", "nbconvert-core"):
        assert name not in base, name
    assert all(Version(v) for v in base.values())


def _third_party_imports() -> set[str]:
    found = set()
    for file in (paths.ROOT / "src" / "heilongjiang_russia").rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in {"heilongjiang_russia", "__future__"}}


def test_pyproject_declares_every_package_the_code_imports_and_no_other():
    distributions = packages_distributions()
    imported = {environments.normalize(distributions[m][0]) for m in _third_party_imports()}
    declared = {
        environments.normalize(req.split(">")[0].split("=")[0].split("<")[0].strip())
        for req in metadata.pyproject()["project"]["dependencies"]
    }
    assert imported == declared


def test_make_lab_opens_jupyterlab_from_the_runtime_set_alone():
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "-B", "lab"], cwd=paths.ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "pip install --quiet --disable-pip-version-check -r requirements.lock\n" in dry
    assert "requirements-dev.lock" not in dry
    assert dry.rstrip().splitlines()[-1].startswith(".venv/lab/bin/jupyter lab ")
    for page in ("README.md", "chapters/rerunning.md"):
        assert "make lab" in (paths.ROOT / page).read_text(encoding="utf-8"), page
