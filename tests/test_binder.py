"""Binder: the repository root is a repo2docker configuration, and every notebook runs there.

`repo2docker --no-build --debug --no-run .` works offline in about a second: it detects the
configuration and prints the Dockerfile it would build, without Docker or network.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from heilongjiang_russia import paths
from heilongjiang_russia.book import reader
from heilongjiang_russia.dev import release
from heilongjiang_russia.pipeline import execute

BIN = Path(sys.executable).parent
# Files that would make repo2docker choose another build pack or ignore the root configuration.
ROOT_CONFIG_FILES = {
    "binder",
    ".binder",
    "Dockerfile",
    "apt.txt",
    "requirements.txt",
    "setup.py",
    "Pipfile",
    "Pipfile.lock",
    "runtime.txt",
    "install.R",
    "DESCRIPTION",
    "Project.toml",
    "REQUIRE",
    "default.nix",
    "flake.nix",
    "start",
}


def repo2docker(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "repo2docker"), "--no-build", "--debug", "--no-run", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
    )


def binder_files(dest: Path) -> Path:
    """A copy of the files repo2docker reads at the repository root (not the data or the venv)."""
    dest.mkdir()
    for name in ("environment.yml", "postBuild", "pyproject.toml", "README.md"):
        shutil.copy2(paths.ROOT / name, dest / name)
    return dest


@pytest.mark.slow  # starts repo2docker, which prints the image it would build
def test_repo2docker_detects_environment_yml_with_python_311_and_postbuild():
    result = repo2docker(paths.ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Building conda environment for python=3.11" in result.stderr
    dockerfile = result.stdout
    assert re.search(r"^COPY --chown=\S+ src/environment\.yml \$\{REPO_DIR\}/environment\.yml$", dockerfile, re.M)
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in dockerfile
    assert "RUN ./postBuild" in dockerfile
    assert "requirements.txt" not in dockerfile and "apt.txt" not in dockerfile


@pytest.mark.slow  # starts repo2docker twice
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
    commands = [
        line
        for line in post.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith("set ")
    ]
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
    ref = reader.binder_ref(paths.ROOT, branch)  # the commit the book was built from
    # a ref that exists wherever the branch is published: a commit of this repository, not a tag
    assert re.fullmatch(r"[0-9a-f]{40}", ref), ref
    assert subprocess.run(["git", "-C", str(paths.ROOT), "cat-file", "-e", f"{ref}^{{commit}}"]).returncode == 0
    for nb in execute.toc_notebooks():
        rel = nb.relative_to(paths.ROOT).as_posix()
        page = built_book.html / Path(rel).with_suffix(".html")
        expected = f"https://mybinder.org/v2/gh/{owner_name}/{ref}?urlpath=lab/tree/{rel}"
        assert expected in page.read_text(encoding="utf-8"), f"{page.name}: no Binder link {expected}"


# -- every notebook runs from the repository root (a Binder terminal) as from its own folder ------
# Executing every notebook again from the root would repeat the one execution per test run
# (tests/conftest.py `reproduced`); what makes a run depend on the working directory is checked
# instead: notebooks reach files only through the package, and the package anchors every path
# to the repository root and writes only under outputs/.

# calls that would read or write a file relative to the working directory
_FILE_CALLS = {
    "open",
    "read_csv",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "to_csv",
    "savefig",
    "Path",
    "chdir",
    "listdir",
    "glob",
    "rglob",
    "makedirs",
    "mkdir",
    "remove",
    "unlink",
    "system",
}


def file_calls(source: str) -> list[str]:
    """The calls in ``source`` that touch files directly (by name, whatever the object)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _FILE_CALLS:
                found.append(f"line {node.lineno}: {name}()")
    return found


def test_the_file_call_finder_finds_direct_file_access():
    assert file_calls("import pandas as pd\nx = pd.read_csv('data/x.csv')\nopen('y')") == [
        "line 2: read_csv()",
        "line 3: open()",
    ]
    assert file_calls("table1.load(table1_file)") == []


@pytest.mark.parametrize("notebook", [nb.relative_to(paths.ROOT).as_posix() for nb in execute.toc_notebooks()])
def test_notebook_reaches_files_only_through_the_package(notebook):
    nb = nbformat.read(paths.ROOT / notebook, as_version=4)
    found = {
        f"cell {i}": file_calls(c.source)
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and not c.source.lstrip().startswith(("%", "!"))
    }
    assert {k: v for k, v in found.items() if v} == {}, f"{notebook}: file access depends on the working directory"


def test_package_paths_and_download_links_do_not_depend_on_the_working_directory(monkeypatch, tmp_path):
    """From the repository root (Binder) and from chapters/ (Jupyter Book, nbval) alike, a chapter reads the
    same data file and its download link points at the same table under outputs/."""
    import pandas as pd

    from heilongjiang_russia.data import table1
    from heilongjiang_russia.present import outputs

    staging = tmp_path / "staging"
    monkeypatch.setenv(outputs.STAGING_ENV, str(staging))
    monkeypatch.setenv(outputs.FINAL_ENV, str(paths.OUTPUTS))
    seen = {}
    for cwd in (paths.ROOT, paths.CHAPTERS, paths.CHAPTERS / "variants"):
        monkeypatch.chdir(cwd)
        assert paths.resolve("data/raw/table1.csv") == paths.TABLE1
        assert len(table1.load("data/raw/table1.csv")) == len(table1.load())
        link = outputs.save_table(pd.DataFrame({"a": [1]}), "binder-check", "t")
        seen[cwd] = (cwd / link).resolve()
    assert set(seen.values()) == {(paths.OUTPUTS / "binder-check" / "t.csv").resolve()}
    # written to the staging folder only (the pipeline moves it into outputs/), nothing in the working folders
    assert [p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()] == ["binder-check/t.csv"]
    assert not (paths.OUTPUTS / "binder-check").exists()
