"""Binder as repo2docker builds it: its base environment, then environment.yml's pins, then postBuild.

`make binder-layers` (a set-up step of `make test`, the only one that needs the registry) makes that
environment with pip under .venv/binder-layers (tests/support/environments.py `create`): the Python packages of
repo2docker's base conda lock at its versions, read from the lock file that the pinned
jupyter-repo2docker package ships, then the Binder pins (`pip install -U -r`, as `conda env update`
installs a `pip:` list), then ./postBuild. These tests use it offline: the dependency check, the
versions, the servers a Binder user gets, and every chapter of _toc.yml executed in a scratch copy
through a real JupyterLab server's kernels (two at a time, the appendices last, as `reproduce` runs
them), with outputs and tables compared with the committed ones.

What this found first (issue 21): a pin of jsonschema 3.2 replaced the base's 4.25 and every server
command stopped on import, while pip only warned.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import environments
import nbformat
import pytest
from conftest import Reproduced, scratch_repo
from jupyterlab_pages import LabServer
from packaging.version import Version

from heilongjiang_russia import paths
from heilongjiang_russia.pipeline import execute, reproduce

ENV = Path(sys.prefix) / "binder-layers"  # next to the tests' environment, where the Makefile makes it
BIN = ENV / "bin"
REPORT = paths.ROOT / "_build" / "binder-layers.json"  # the versions and times of the last check (ignored)
# the versions a reader of this check wants to see
SHOWN = ("jupyterlab", "jupyter-server", "jupyter-events", "jupyterhub", "notebook", "jsonschema", "ipykernel")

pytestmark = pytest.mark.slow  # starts Jupyter servers, executes every chapter


@pytest.fixture(scope="module")
def layered() -> dict:
    stamp = ENV / ".layered"
    if not stamp.exists():
        pytest.fail(
            f"no layered Binder environment at {paths.display(ENV)}: run `make binder-layers` (needs the registry)"
        )
    return json.loads(stamp.read_text(encoding="utf-8"))


def installed() -> dict[str, str]:
    out = subprocess.run(
        [str(BIN / "python"), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {environments.normalize(d["name"]): d["version"] for d in json.loads(out)}


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True, text=True, timeout=timeout)


def test_the_environment_was_layered_on_the_base_of_the_pinned_repo2docker(layered):
    from importlib.metadata import version

    assert layered["repo2docker"] == version("jupyter-repo2docker"), "stale: run `make binder-layers` again"
    assert layered["base_lock"] == environments.base_lock().name
    assert layered["base_packages"] == len(environments.base_pins()) > 100


def test_the_dependency_check_is_clean_after_the_three_layers(layered):
    result = run("python", "-m", "pip", "check", "--disable-pip-version-check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No broken requirements found." in result.stdout


def test_binder_pins_win_and_leave_repo2docker_jupyter_as_it_is(layered):
    have = installed()
    pinned = environments.pins(environments.binder_pins())
    assert {n: (v, have.get(n)) for n, v in pinned.items() if have.get(n) != v} == {}
    base = {environments.normalize(n): v for n, v in environments.base_pins().items()}
    changed = {n: (v, have.get(n)) for n, v in base.items() if have.get(n) != v}
    # only the packages tests/support/environments.py names (and says why) are newer than the base's
    assert changed == {n: (base[n], pinned[n]) for n in environments.NEWER_THAN_BINDER}
    assert all(have[n] == base[n] for n in SHOWN)
    assert Version(have["jsonschema"]) >= Version("4.18")  # jupyter-events passes `registry=` to it
    # postBuild installed the package from this checkout, editable
    found = subprocess.run(
        [str(BIN / "python"), "-c", "import heilongjiang_russia as h; print(h.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(found).is_relative_to(paths.ROOT / "src")


def test_every_server_command_starts(layered):
    """`jupyter lab` starts for real in the test below; the others must get past their imports and
    configuration (a wrong jsonschema stops all of them there)."""
    for args, expected in [
        (("jupyter", "server", "--help"), "Jupyter Server"),
        (("jupyter", "notebook", "--version"), installed()["notebook"]),
        (("jupyter", "lab", "--version"), installed()["jupyterlab"]),
        (("jupyterhub-singleuser", "--help-all"), "JupyterHubSingleUser"),
    ]:
        result = run(*args)
        assert result.returncode == 0, f"{' '.join(args)}:\n{result.stderr[-3000:]}"
        assert expected in result.stdout, f"{' '.join(args)}: {result.stdout[:500]}"


# -- a JupyterLab server of the layered environment, on a scratch copy -------------------------


class Lab(LabServer):
    """A running `jupyter lab` of the layered environment on a loopback port, serving a scratch copy of
    the repository (tests/support/jupyterlab_pages.py)."""

    def __init__(self, root: Path, home: Path):
        # the package reads and writes the scratch copy; the tables go where the pipeline puts them,
        # so that the links in the outputs and the tables compare with the committed ones
        env = {"HLJRU_ROOT": str(root), "HLJRU_STAGING": str(root / "outputs"), "HLJRU_OUTPUTS": str(root / "outputs")}
        try:
            super().__init__(BIN, root, home, env=env)
        except RuntimeError as exc:  # the server stopped, or did not answer
            pytest.fail(str(exc))

    def execute(self, groups: list[list[str]], out: Path) -> dict[str, float]:
        """Execute each group of notebooks in its own process, the groups at the same time."""
        jobs = []
        for group in groups:
            args = [str(BIN / "python"), str(Path(environments.__file__))]
            args += ["execute", "--url", self.url, "--token", self.token, "--root", str(self.root), "--out", str(out)]
            jobs.append(subprocess.Popen(args + group, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for job, group in zip(jobs, groups):
            _, err = job.communicate(timeout=1800)
            assert job.returncode == 0, f"executing {group} through the server failed:\n{err[-6000:]}"
        seconds = {}
        for file in out.glob("seconds.*.json"):
            seconds |= json.loads(file.read_text())
            file.unlink()
        return seconds


def halves(notebooks: list[str]) -> list[list[str]]:
    return [group for group in (notebooks[0::2], notebooks[1::2]) if group]


@pytest.fixture(scope="module")
def lab(layered, tmp_path_factory):
    base = tmp_path_factory.mktemp("binder-layers")
    root = scratch_repo(base / "repo")
    server = Lab(root, base / "home")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def executed(lab, tmp_path_factory) -> dict:
    """Every chapter of _toc.yml executed through the server's kernels (two at a time, the appendices
    last), the executed notebooks under ``out``; the seconds each took, and the whole check's."""
    out = tmp_path_factory.mktemp("executed")
    probe = lab.root / "probe.ipynb"
    code = "import sys, heilongjiang_russia as h\nprint(sys.prefix)\nprint(h.__file__)"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), probe)
    lab.execute([["probe.ipynb"]], out)
    notebooks = [nb.relative_to(paths.ROOT).as_posix() for nb in execute.toc_notebooks()]
    seconds: dict[str, float] = {}
    started = time.monotonic()
    for stage in reproduce.stages([Path(n) for n in notebooks]):
        seconds |= lab.execute(halves([n.as_posix() for n in stage]), out)
    have = installed()
    report = {
        "versions": {n: have[n] for n in SHOWN},
        "server_ready_seconds": round(lab.ready, 1),
        "chapters_seconds": round(time.monotonic() - started, 1),
        "seconds": {n: seconds[n] for n in notebooks if n in seconds},
    }
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return {"out": out, "notebooks": notebooks, "seconds": seconds}


def test_jupyterlab_serves_the_chapters(lab):
    status, page = lab.get("/lab")
    assert status == 200 and "JupyterLab" in page
    status, body = lab.get("/api/contents/chapters")
    assert status == 200
    names = {item["name"] for item in json.loads(body)["content"]}
    assert {nb.name for nb in execute.toc_notebooks() if nb.parent == paths.CHAPTERS} <= names
    assert json.loads(lab.get("/api/kernelspecs")[1])["default"] == "python3"


def test_the_servers_kernel_is_the_layered_environment_with_this_package(executed):
    nb = nbformat.read(executed["out"] / "probe.ipynb", as_version=4)
    prefix, package = nb.cells[0].outputs[0]["text"].split()
    assert Path(prefix) == ENV
    assert Path(package).is_relative_to(paths.ROOT / "src")


def test_every_chapter_runs_through_the_servers_kernel_with_the_committed_outputs(lab, executed):
    assert sorted(executed["seconds"]) == sorted(executed["notebooks"])
    differ = {}
    for rel in executed["notebooks"]:
        mine = nbformat.read(executed["out"] / rel, as_version=4)
        committed = nbformat.read(paths.ROOT / rel, as_version=4)
        assert len(mine.cells) == len(committed.cells)
        for i, (a, b) in enumerate(zip(mine.cells, committed.cells)):
            if b.cell_type != "code":
                continue
            if [_as_committed(out) for out in a.outputs] != b.outputs or a.execution_count != b.execution_count:
                differ.setdefault(rel, []).append(i)
    assert differ == {}, f"outputs differ from the committed ones (notebook: code cells): {differ}"
    # the tables the chapters wrote, and the data they read, are the committed ones byte for byte
    assert Reproduced(lab.root, 0, "").changed("outputs", "data") == []
    log = lab.log_text()
    assert "Traceback" not in log and "[E " not in log, log[-4000:]


def _as_committed(output) -> dict:
    """An output as the pipeline commits it: without the execution timings in its metadata."""
    if "metadata" not in output:
        return dict(output)
    return dict(output) | {"metadata": {k: v for k, v in output["metadata"].items() if k != "execution"}}
