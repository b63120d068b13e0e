"""Binder: the repository root is a repo2docker configuration, and every notebook runs there.

`repo2docker --no-build --debug --no-run .` works offline in about a second: it detects the
configuration and prints the Dockerfile it would build, without Docker or network.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from heilongjiang_russia import paths, pipeline, release

BIN = Path(sys.executable).parent
# Files that would make repo2docker choose another build pack or ignore the root configuration.
ROOT_CONFIG_FILES = {"binder", ".binder", "Dockerfile", "apt.txt", "requirements.txt", "setup.py",
                     "Pipfile", "Pipfile.lock", "runtime.txt", "install.R", "DESCRIPTION", "Project.toml",
                     "REQUIRE", "default.nix", "flake.nix", "start"}


def repo2docker(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "repo2docker"), "--no-build", "--debug", "--no-run", "."],
        cwd=repo, capture_output=True, text=True, timeout=120,
    )


def binder_files(dest: Path) -> Path:
    """A copy of the files repo2docker reads at the repository root (not the data or the venv)."""
    dest.mkdir()
    for name in ("environment.yml", "postBuild", "pyproject.toml", "README.md"):
        shutil.copy2(paths.ROOT / name, dest / name)
    return dest


def test_repo2docker_detects_environment_yml_with_python_311_and_postbuild():
    result = repo2docker(paths.ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Building conda environment for python=3.11" in result.stderr
    dockerfile = result.stdout
    assert re.search(r"^COPY --chown=\S+ src/environment\.yml \$\{REPO_DIR\}/environment\.yml$", dockerfile, re.M)
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    assert "RUN ./postBuild" in dockerfile
    assert "requirements.txt" not in dockerfile and "apt.txt" not in dockerfile


def test_repo2docker_detection_follows_the_environment_file(tmp_path):
    """The check above can fail: another Python in environment.yml, or a binder/ folder, changes it."""
    repo = binder_files(tmp_path / "repo")
    env = repo / "environment.yml"
    env.write_text(env.read_text(encoding="utf-8").replace("python=3.11", "python=3.10"), encoding="utf-8")
    assert "Building conda environment for python=3.10" in repo2docker(repo).stderr
    (repo / "binder").mkdir()
    result = repo2docker(repo)
    assert result.returncode == 0
    assert "python=3.11" not in result.stderr
    assert "src/environment.yml" not in result.stdout and "RUN ./postBuild" not in result.stdout


def test_nothing_at_the_root_overrides_the_binder_configuration():
    present = sorted(name for name in ROOT_CONFIG_FILES if (paths.ROOT / name).exists())
    assert present == [], f"repo2docker would use these instead of environment.yml: {present}"


def test_environment_pins_python_311_like_pyproject():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "python=3.11" in env["dependencies"]
    assert release.pyproject()["project"]["requires-python"] == ">=3.11,<3.12"


def test_postbuild_only_installs_the_package():
    post = paths.ROOT / "postBuild"
    assert os.access(post, os.X_OK), "postBuild must be executable"
    commands = [line for line in post.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#") and not line.startswith("set ")]
    assert commands == ["pip install --no-deps -e ."], commands


def test_launch_buttons_point_at_mybinder_for_the_repository():
    config = yaml.safe_load(paths.CONFIG.read_text(encoding="utf-8"))
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["notebook_interface"] in {"jupyterlab", "classic"}
    assert config["repository"]["url"] == release.repository_url()


@pytest.mark.slow
def test_chapter_pages_offer_a_binder_launch_link(built_book):
    owner_name = release.repository_url().removeprefix("https://github.com/")
    branch = yaml.safe_load(paths.CONFIG.read_text(encoding="utf-8"))["repository"]["branch"]
    for nb in pipeline.toc_notebooks():
        rel = nb.relative_to(paths.ROOT).as_posix()
        page = built_book.html / Path(rel).with_suffix(".html")
        expected = f"https://mybinder.org/v2/gh/{owner_name}/{branch}?urlpath=lab/tree/{rel}"
        assert expected in page.read_text(encoding="utf-8"), f"{page.name}: no Binder link {expected}"


_DOWNLOAD = re.compile(r"(\{download\}`[^`<]*<)([^>]+)(>`)")


def _texts(nb, cwd: Path, repo: Path) -> list[list[str]]:
    """What a reader sees of each code cell's outputs, as text (images excepted).

    Download links are written relative to the kernel's working directory; they are compared
    by the file they point to, which must be the same whichever folder the notebook ran in.
    """
    def target(match: re.Match) -> str:
        path = (cwd / match.group(2)).resolve()
        where = path.relative_to(repo.resolve()).as_posix() if path.is_relative_to(repo.resolve()) else str(path)
        return match.group(1) + "REPO/" + where + match.group(3)

    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        seen = []
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                seen.append(out.text)
            elif out.output_type in ("execute_result", "display_data"):
                seen += [_DOWNLOAD.sub(target, str(out.data[k]))
                         for k in ("text/plain", "text/markdown", "text/html") if k in out.data]
            elif out.output_type == "error":
                seen.append(f"{out.ename}: {out.evalue}")
        cells.append(seen)
    return cells


@pytest.fixture(scope="module")
def scratch_repo(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("binder") / "repo"
    shutil.copytree(paths.ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "*.egg-info", "test-artifacts", ".pytest_cache", "__pycache__"))
    return copy


@pytest.mark.slow
@pytest.mark.parametrize("where", ["repository root"])
@pytest.mark.parametrize("notebook", [nb.relative_to(paths.ROOT).as_posix() for nb in pipeline.toc_notebooks()])
def test_notebook_runs_from_binder_root_and_from_its_folder(scratch_repo, monkeypatch, notebook, where):
    """A Binder terminal (papermill, nbconvert) starts in the repository root.

    Runs from the notebook's own folder are what nbval (``make test``) and the pipeline already
    do; add ``"notebook folder"`` to ``where`` to repeat them here.
    """
    from nbclient import NotebookClient

    monkeypatch.setenv("HLJRU_ROOT", str(scratch_repo))
    source = scratch_repo / notebook
    stored = nbformat.read(source, as_version=4)
    nb = nbformat.read(source, as_version=4)
    cwd = scratch_repo if where == "repository root" else source.parent
    before = sorted(p.relative_to(scratch_repo).as_posix() for p in scratch_repo.rglob("*") if p.is_file())
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    assert _texts(nb, cwd, scratch_repo) == _texts(stored, source.parent, scratch_repo), (
        f"{notebook} run from the {where} shows other outputs than stored")
    after = sorted(p.relative_to(scratch_repo).as_posix() for p in scratch_repo.rglob("*") if p.is_file())
    new = sorted(set(after) - set(before))
    assert not new, f"{notebook} run from the {where} wrote new files: {new}"
