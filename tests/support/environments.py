"""The project's Python environments, and Binder's way of building one reproduced with pip.

Three files pin the Python packages:

- ``requirements.lock``, the runtime set: what a reader needs to run the chapters, build the HTML
  book and open the chapters in JupyterLab (`make lab`);
- ``environment.yml``, the same pins for Binder (tests/test_environment.py checks they are equal);
- ``requirements-dev.lock``, the development set (tests, lint, release tools), which `make`
  installs into ``.venv`` on top of the runtime set.

repo2docker builds a Binder image in layers: its own base environment (a conda lock shipped in the
``jupyter-repo2docker`` package: Python, JupyterLab, Jupyter Server, JupyterHub's single-user
server), then ``conda env update`` with ``environment.yml``, whose ``pip:`` list is installed with
``pip install -U -r`` into that same environment, then ``postBuild``. ``create`` does the same with
pip in a fresh virtual environment: the base lock's Python packages at its versions, then the
Binder pins, then ``postBuild`` (tests/test_binder_layers.py checks the result offline).

Usage, from the repository root with the development environment's Python:

    python tests/support/environments.py create DIR       the layered environment (`make binder-layers`; registry)
    python tests/support/environments.py base-pins        repo2docker's base environment as pip pins
    python tests/support/environments.py lock             re-resolve the three files (`make lock`; registry)
    DIR/bin/python tests/support/environments.py execute --url URL --token TOKEN --root ROOT --out OUT NOTEBOOK...
                                                  execute notebooks through a running Jupyter server's kernels
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
ENVIRONMENT = ROOT / "environment.yml"
PYTHON = "3.11"

# conda packages whose PyPI name differs (the rest only differ by case, '-' or '_', which pip ignores)
CONDA_TO_PYPI = {
    "brotli-python": "brotli",
    "jupyterhub-base": "jupyterhub",
    "nbconvert-core": "nbconvert",
    "python-fastjsonschema": "fastjsonschema",
}
# Packages of repo2docker's base environment that the runtime set needs newer than the base has, and
# why. Every other package the base has is pinned at its version, so that Binder's pins change nothing
# in the Jupyter that repo2docker installs.
NEWER_THAN_BINDER = {
    "requests": "frictionless needs chardet >= 6, about which requests 2.32 warns on every import",
}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    """``name==version`` lines as {normalized name: version} (comments and blank lines skipped)."""
    found = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[normalize(name)] = version.strip()
    return found


# -- repo2docker's base environment ----------------------------------------------------------------


def base_lock() -> Path:
    """The conda lock of repo2docker's base environment for Python 3.11 on this machine's architecture."""
    from importlib.resources import files

    arch = {"x86_64": "64", "aarch64": "aarch64", "arm64": "aarch64"}[platform.machine()]
    return Path(str(files("repo2docker") / "buildpacks" / "conda" / f"environment.py-{PYTHON}-linux-{arch}.lock"))


def base_pins(lock: Path | None = None) -> dict[str, str]:
    """The Python packages of a conda explicit lock, as {PyPI name: version}.

    A line is ``URL/NAME-VERSION-BUILD.conda#HASH``. Python packages have a build string starting with
    ``py`` (``pyhd8ed1ab_0`` for pure Python, ``py311h...`` for compiled ones); the others are C
    libraries, Node.js, Python itself, or metapackages (``jupyterhub-singleuser``, ``bleach-with-css``,
    ``jsonschema-with-format-nongpl``) whose content the lock lists as packages of their own.
    """
    found = {}
    for line in (lock or base_lock()).read_text(encoding="utf-8").splitlines():
        if not line.startswith("https://"):
            continue
        file = line.split("#", 1)[0].rsplit("/", 1)[1]
        stem = re.sub(r"\.(conda|tar\.bz2)$", "", file)
        name, version, build = stem.rsplit("-", 2)
        if build.startswith("py"):
            found[CONDA_TO_PYPI.get(name, name)] = version
    return found


def binder_pins(environment: Path = ENVIRONMENT) -> list[str]:
    """The ``pip:`` list of environment.yml, as Binder installs it."""
    import yaml

    deps = yaml.safe_load(environment.read_text(encoding="utf-8"))["dependencies"]
    return [str(p) for d in deps if isinstance(d, dict) for p in d.get("pip", [])]


def pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "-q", *args], check=True)


def create(env: Path) -> dict:
    """The layered environment at ``env``: base, then the Binder pins, then postBuild; returns the stamp."""
    import shutil

    started = time.monotonic()
    if env.exists():
        shutil.rmtree(env)
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / "bin" / "python"
    layers = env / "layers"
    layers.mkdir()
    base = base_pins()
    # layer 1: the base environment as the lock has it (an explicit lock: every package, no resolution)
    pip(python, "install", f"pip=={base['pip']}")
    (layers / "1-base.txt").write_text("".join(f"{n}=={v}\n" for n, v in base.items() if n != "pip"))
    pip(python, "install", "--no-deps", "-r", str(layers / "1-base.txt"))
    # layer 2: environment.yml's pip list, as `conda env update` hands it to pip
    (layers / "2-binder.txt").write_text("".join(f"{p}\n" for p in binder_pins()))
    pip(python, "install", "-U", "-r", str(layers / "2-binder.txt"))
    # layer 3: postBuild, run from the repository root with the environment first on PATH
    path = f"{env / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    subprocess.run(["./postBuild"], cwd=ROOT, env={**os.environ, "PATH": path, "VIRTUAL_ENV": str(env)}, check=True)
    stamp = {
        "repo2docker": _version("jupyter-repo2docker"),
        "base_lock": base_lock().name,
        "base_packages": len(base),
        "binder_pins": len(binder_pins()),
        "seconds": round(time.monotonic() - started, 1),
    }
    (env / ".layered").write_text(json.dumps(stamp, indent=1) + "\n")
    return stamp


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


# -- executing notebooks through a running server ------------------------------------------------


def execute(url: str, token: str, root: Path, out: Path, notebooks: list[str]) -> None:
    """Execute ``notebooks`` (paths relative to the server's root ``root``) one after another, each in a
    kernel of the server at ``url`` started as JupyterLab starts one (a session for the notebook, so
    the kernel runs in the notebook's folder); write each executed notebook under ``out`` and the
    seconds each took to ``out/seconds.json``.

    Runs with the layered environment's Python: nbclient drives the server's kernel over its websocket
    with the Jupyter Server gateway client classes.
    """
    import functools

    import nbclient
    import nbformat
    import websocket
    from jupyter_server.gateway.gateway_client import GatewayClient, gateway_request
    from jupyter_server.gateway.managers import GatewayKernelManager
    from tornado.escape import json_decode, json_encode

    GatewayClient.instance(url=url, ws_url="ws" + url.removeprefix("http"), auth_token=token, auth_scheme="token")
    # the gateway client sends the token with its HTTP requests, not when it opens the kernel's websocket
    websocket.create_connection = functools.partial(
        websocket.create_connection, header=[f"Authorization: token {token}"]
    )

    class SessionKernel(GatewayKernelManager):
        """A kernel started for a notebook through the server's sessions API, as JupyterLab starts it."""

        notebook = ""

        async def start_kernel(self, **kwargs):
            body = {"path": self.notebook, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
            response = await gateway_request(f"{url}/api/sessions", method="POST", body=json_encode(body))
            return await super().start_kernel(kernel_id=json_decode(response.body)["kernel"]["id"])

    seconds = {}
    for rel in notebooks:
        nb = nbformat.read(root / rel, as_version=4)
        km = SessionKernel()
        km.notebook = rel
        started = time.monotonic()
        # cleanup_kc: shut the kernel down at the end (nbclient leaves alone a kernel manager it was given)
        nbclient.NotebookClient(nb, km=km, timeout=900, kernel_name="python3").execute(cleanup_kc=True)
        seconds[rel] = round(time.monotonic() - started, 1)
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, target)
        print(f"executed {rel} in {seconds[rel]} s", file=sys.stderr, flush=True)
    (out / f"seconds.{os.getpid()}.json").write_text(json.dumps(seconds, indent=1) + "\n")


# -- re-resolving the locks ------------------------------------------------------------------------


def lock() -> None:
    """Re-resolve requirements.lock (the package and its "book" extra, with repo2docker's base versions
    as constraints but for NEWER_THAN_BINDER), requirements-dev.lock (the "dev" extra on top of it) and
    environment.yml, in two scratch virtual environments. Needs the registry."""
    import shutil

    skip = set(NEWER_THAN_BINDER) | {"pip", "setuptools", "wheel"}
    build = ROOT / "build"  # setuptools builds the project there when pip installs it (not editable)
    leave_build = build.exists()
    with tempfile.TemporaryDirectory(prefix="hljru-lock-") as tmp:
        tmp = Path(tmp)
        constraints = tmp / "binder-base.txt"
        constraints.write_text("".join(f"{n}=={v}\n" for n, v in base_pins().items() if n not in skip))
        runtime = _resolve(tmp / "runtime", [f"{ROOT}[book]", "-c", str(constraints)])
        (tmp / "runtime.txt").write_text("".join(f"{p}\n" for p in runtime))
        dev = _resolve(tmp / "dev", ["-r", str(tmp / "runtime.txt"), f"{ROOT}[dev]", "-c", str(tmp / "runtime.txt")])
    if not leave_build:
        shutil.rmtree(build, ignore_errors=True)
    shared = {normalize(p.split("==")[0]) for p in runtime}
    RUNTIME_LOCK.write_text(RUNTIME_HEADER + "".join(f"{p}\n" for p in runtime))
    DEV_LOCK.write_text(DEV_HEADER + "".join(f"{p}\n" for p in dev if normalize(p.split("==")[0]) not in shared))
    ENVIRONMENT.write_text(environment_yml(runtime))


def _resolve(venv: Path, requirements: list[str]) -> list[str]:
    """What pip installs for ``requirements`` in a new virtual environment, as sorted pins (the project left out)."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip(python, "install", *requirements)
    pip(python, "check")
    frozen = subprocess.run([str(python), "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
    found = [line for line in frozen.splitlines() if "==" in line and not line.startswith("heilongjiang")]
    return sorted(found, key=str.lower)


RUNTIME_HEADER = """\
# The runtime set, pinned: what a reader needs to run the chapters, build the HTML book and open the
# chapters in JupyterLab (`make lab`). environment.yml repeats these pins for Binder. `make` installs
# them into .venv together with the development set (requirements-dev.lock).
# A package that repo2docker's base environment also has is pinned at the base's version (but for
# tests/support/environments.py NEWER_THAN_BINDER), so that Binder keeps the Jupyter that repo2docker installs.
# Regenerate this file, requirements-dev.lock and environment.yml: make lock (needs the registry).
"""
DEV_HEADER = """\
# The development set, pinned: tests, lint, release and Binder tools, installed by `make` into .venv on
# top of requirements.lock (the runtime set), whose pins this file does not repeat.
# Regenerate with requirements.lock and environment.yml: make lock (needs the registry).
"""


def environment_yml(runtime: list[str]) -> str:
    return (
        "# Binder (repo2docker) reads this file: Python 3.11 and the runtime set, pin for pin as in\n"
        "# requirements.lock (tests/test_environment.py checks they agree; `make lock` writes both).\n"
        "# The development tools are not here: they are in requirements-dev.lock. postBuild installs the package.\n"
        "name: heilongjiang-russia\n"
        "channels:\n"
        "  - conda-forge\n"
        "dependencies:\n"
        f"  - python={PYTHON}\n"
        "  - pip\n"
        "  - pip:\n" + "".join(f"      - {p}\n" for p in runtime)
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="tests/support/environments.py")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("create").add_argument("env", type=Path)
    sub.add_parser("base-pins")
    sub.add_parser("lock")
    p = sub.add_parser("execute")
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--root", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("notebooks", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "create":
        print(json.dumps(create(args.env.resolve())))
    elif args.command == "base-pins":
        print("".join(f"{n}=={v}\n" for n, v in base_pins().items()), end="")
    elif args.command == "lock":
        lock()
    else:
        execute(args.url, args.token, args.root, args.out, args.notebooks)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
