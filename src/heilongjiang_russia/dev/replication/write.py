"""The README itself, section by section, in the Social Science Data Editors' template."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import yaml

from heilongjiang_russia import paths

from .common import _ROLE, MEASURED, PACKAGE, TOOLS, references
from .exhibits import Exhibit, _toc, exhibits, page_titles
from .inventory import (
    LOCKS,
    _dependencies,
    _descriptor,
    _groups,
    _licence,
    _licences,
    _project,
    _python,
    _row_sources,
    _site,
    debian_packages,
    pinned,
)
from .timing import HAND_STEPS, STEP_COMMANDS, WHOLE_RUN, _load_measured

# --------------------------------------------------------------------------- writing


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _plain(caption: str, limit: int = 90) -> str:
    """A caption as plain text (roles reduced to their text, markup dropped), cut at a word near ``limit``."""
    text = _ROLE.sub(lambda m: m.group(1), caption)
    text = re.sub(r"[*`]", "", text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:(")
    return cut + " …"


def _table(header: list[str], rows: list[list[str]], align: str | None = None) -> list[str]:
    rules = align or "l" * len(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if a == "r" else "---" for a in rules) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min ({seconds:.0f} s)"


def _overview(root: Path, items: list[Exhibit], groups: list[dict], notebooks: int) -> list[str]:
    tables = sum(1 for i in items if i.kind == "Table")
    figures = sum(1 for i in items if i.kind == "Fig.")
    files = sum(len(g["resources"]) for g in groups)
    kinds = Counter(g["kind"] for g in groups)
    from_pages = sum(1 for i in items if i.kind == "Table" and i.source.endswith(".md"))
    project = _project(root)
    measured = _load_measured()["steps"]
    whole = [measured[s]["seconds"] for s in WHOLE_RUN if s in measured]
    lines = [
        "## Overview",
        "",
        f"This package (the `{project['name']}` compendium; its version is in `pyproject.toml` and on the book's "
        "title page) reproduces, audits and "
        "extends Song (2019), *Strategic priorities of cooperation between Heilongjiang province and Russia*, "
        "R-economy 5(1), 13–18. The article's tables and quantitative statements are transcribed as data, "
        "checked against outside figures and re-drawn; every chapter of the book is a Jupyter notebook that "
        f"calls the Python package `{PACKAGE}`. From {files} data files (the article; Natural Earth's base maps; "
        f"{kinds['curated']} files of outside figures curated from public web pages, each row naming its page; "
        f"{kinds['derived']} derived here), "
        f"{notebooks} notebooks make the book's {figures} numbered figures and {tables - from_pages} of its "
        f"{tables} numbered tables (the other {from_pages} are written by its Markdown pages); the book is built "
        "with Jupyter Book as HTML and PDF.",
        "",
        "Two commands do everything: `make book` sets up the environment and builds the HTML book from the "
        "committed notebooks; `make test` re-executes every notebook in a scratch copy, compares every output "
        "with the committed one byte for byte, builds the HTML and the PDF and checks them. `make reproduce` "
        "re-executes the notebooks in place.",
    ]
    if len(whole) == len(WHOLE_RUN):
        lines += [
            "",
            "A replicator should expect the set-up (Debian packages and Python environment), a full "
            f"re-execution of the notebooks and the HTML and PDF books to take about {_minutes(sum(whole))} "
            "together on a 2-core machine (measured figures below), and the tests a few minutes more.",
        ]
    return lines


def _rights() -> list[str]:
    return [
        "## Data availability and provenance statements",
        "",
        "Every data file the analysis reads is in this repository, under `data/`, described in "
        "`data/datapackage.json` (schema, source, licence, size, SHA-256) and in `data/README.md`. None is "
        "confidential and none needs registration. The figures from outside sources were read on public web "
        "pages; each row of those files names the page, and the package holds the numbers and the page's "
        "address, not the page's text.",
        "",
        "### Statement about rights",
        "",
        "- [x] The authors of this compendium have legitimate access to and permission to use the data used "
        "here: the article is open access (CC BY 4.0), Natural Earth is in the public domain, and the outside "
        "figures are facts reported on public pages, redistributed with their sources.",
        "",
        "### License for data",
        "",
        "Stated per file in `data/datapackage.json` and summarised in `LICENSE-DATA`: the transcriptions of "
        "the article CC BY 4.0, the curated outside figures and the gazetteer CC0 1.0, Natural Earth public "
        "domain. Code: MIT (`LICENSE`); text and figures of the book: CC BY 4.0 (`LICENSE-TEXT`).",
        "",
        "### Summary of availability",
        "",
        "- [x] All data **are** publicly available.",
        "- [ ] Some data **cannot be made** publicly available.",
        "- [ ] **No data can be made** publicly available.",
    ]


def _sources(root: Path, groups: list[dict]) -> list[str]:
    lines = ["", "### Details on each data source", ""]
    for group in groups:
        resources = group["resources"]
        files = ", ".join(f"`data/{r['path']}`" for r in resources)
        licences = _licences(resources)
        source = group["sources"][0] if group["sources"] else {}
        if group["kind"] == "article":
            lines += [
                f"**Song (2019), the article.** Published by the journal *R-economy*; read at "
                f"{source.get('path')}. Its tables are transcribed as printed and its statements paraphrased with their locators in: {files}. Licence: {licences}. "
                "Provided: yes. Cite: Song, L. (2019). Strategic priorities of cooperation between Heilongjiang "
                f"province and Russia. *R-economy*, 5(1), 13–18. {source.get('path')}",
                "",
            ]
        elif group["kind"] == "natural-earth":
            where = "; ".join(sorted({s.get("title", "") for s in group["sources"]}))
            lines += [
                "**Natural Earth.** Published by Natural Earth (https://www.naturalearthdata.com/), vector map "
                f"data in the public domain; read as: {where}. Files: {files}. Licence: {licences}. "
                "Provided: yes. Cite: Made with Natural Earth, https://www.naturalearthdata.com/.",
                "",
            ]
        elif group["kind"] == "curated":
            resource = resources[0]
            path = root / "data" / resource["path"]
            urls = _row_sources(path) if path.suffix == ".csv" else []
            sites = Counter(_site(u) for u in urls)
            top = ", ".join(f"{site} ({n})" for site, n in sorted(sites.items(), key=lambda s: (-s[1], s[0]))[:6])
            read = (
                f"read on {len(set(urls))} web pages of {len(sites)} sites, each named in the row it supports"
                + (f" (most cited: {top})" if top else "")
                if urls
                else "; ".join(s.get("title", "") for s in group["sources"])
            )
            # the sources named once for the whole file (not the pointer to the rows' own sources)
            extra = [s.get("title", "") for s in group["sources"] if not s.get("path", "").startswith("see ")]
            lines += [
                f"**{resource.get('title', resource['name'])}** (`data/{resource['path']}`). "
                + (f"{resource['description']} " if resource.get("description") else "")
                + f"Published by the sources each row names: {read}."
                + (f" Also: {'; '.join(extra)}." if extra else "")
                + (f" {resource['access_note']}" if resource.get("access_note") else "")
                + f" Licence of the compilation: {licences}. Provided: yes. Cite: the page in the row's "
                "source column for a figure, and this compendium for the compilation.",
                "",
            ]
        else:
            resource = resources[0]
            lines += [
                f"**Derived here: {resource.get('title', resource['name'])}** (`data/{resource['path']}`), from "
                f"`data/{source.get('path')}` by the package (`make reproduce` writes it). Licence: "
                f"{licences}. Provided: yes.",
                "",
            ]
    return lines


def _datasets(root: Path, groups: list[dict]) -> list[str]:
    names = {"article": "Song (2019)", "natural-earth": "Natural Earth", "curated": "public web pages (per row)"}
    rows = []
    for resource in _descriptor(root)["resources"]:
        group = next(g for g in groups if resource in g["resources"])
        source = names.get(group["kind"]) or f"derived from data/{group['sources'][0].get('path')}"
        rows.append([f"`data/{resource['path']}`", source, resource.get("title", ""), _licence(resource), "yes"])
    return [
        "## Dataset list",
        "",
        "Generated from `data/datapackage.json`, which also records each file's size and SHA-256 (the loaders "
        "refuse a file that differs).",
        "",
        *_table(["Data file", "Source", "Notes", "Licence", "Provided"], rows),
    ]


def _software(root: Path) -> list[str]:
    pins = pinned(root)
    measured = _load_measured()
    wanted = list(dict.fromkeys([*_dependencies(root), *TOOLS]))
    listed = [f"  - `{name}` {pins[name.lower()]}" for name in wanted if name.lower() in pins]
    debian = measured.get("debian_packages", {})
    lines = [
        "## Computational requirements",
        "",
        "### Software requirements",
        "",
        f"- Python {_project(root).get('requires-python', '')} (the Makefile calls `{_python(root)}`)",
        f"  - every Python package is pinned: `requirements.lock` holds the runtime set "
        f"({len(pinned(root, LOCKS[:1]))} packages: what running the chapters and building the book need; "
        "`environment.yml` repeats it for Binder), `requirements-dev.lock` the development set "
        f"({len(pinned(root, LOCKS[1:]))} more: tests, lint, the browser checks, the release tool); `make book` and "
        "`make test` install both into `.venv`, `make lab` the runtime set alone. The package's own "
        "dependencies and the tools the Makefile calls:",
        *listed,
        "- GNU Make and Bash (the Makefile), git (the build names its commit)",
        "- Debian packages for the PDF and the browser tests, installed by `make system-deps` (as root or "
        "through sudo; `make book` needs none of them)"
        + (": versions as installed on the measuring machine (Debian's, not pinned):" if debian else ":"),
        *[f"  - `{name}`" + (f" {debian[name]}" if name in debian else "") for name in debian_packages(root)],
        "",
        "The Makefile uses Bash and Debian's package manager (`apt-get`), so the two commands need Linux "
        "(Debian or a derivative); Binder runs the notebooks from any system with a browser.",
    ]
    return lines


def _shown_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths.ROOT).as_posix()
    except ValueError:  # the package installed elsewhere than in this checkout
        return f"{PACKAGE}/dev/replication/{path.name}"


def _runtime() -> list[str]:
    measured = _load_measured()
    steps, kernels, machines = measured.get("steps", {}), measured.get("kernels", {}), measured.get("machines", {})
    lines = ["", "### Memory and runtime requirements", ""]
    if not steps and not kernels:
        return lines + ["Not measured yet: run `python -m heilongjiang_russia.dev.replication --measure`."]
    done = [s for s in WHOLE_RUN if s in steps]
    total = sum(steps[s]["seconds"] for s in done)
    lines += [
        "#### Summary",
        "",
        f"Approximate time needed to reproduce the analyses on a 2-core machine ({' + '.join(done)}, as "
        f"measured below: {_minutes(total)}):",
        "",
    ]
    brackets = [(600, "<10 minutes"), (3600, "10-60 minutes"), (8 * 3600, "1-8 hours")]
    chosen = next((label for limit, label in brackets if total < limit), "> 8 hours")
    lines += [f"- [{'x' if label == chosen else ' '}] {label}" for _, label in brackets]
    lines += ["", "#### Details", ""]
    for key, machine in sorted(machines.items()):
        lines.append(
            f"Machine `{key}`: {machine['cpus']} cores ({machine['cpu']}), {machine['memory_gib']} GiB of memory, "
            f"{machine['system']}, {machine['kernel']}, Python {machine['python']}."
        )
    lines += [
        "",
        "Each step was timed once, on a machine shared with other work (the load average when the step "
        "ended is given: above 2 on 2 cores, something else was running and the step took longer than on a "
        "quiet machine). Peak memory is the largest single process of the step. The figures are in "
        f"`{_shown_path(MEASURED)}`, written by "
        "`python -m heilongjiang_russia.dev.replication --measure` (in a scratch copy) or "
        "`--from-time STEP FILE` (a `/usr/bin/time -v` report).",
        "",
    ]
    rows = []
    for step, (command, note) in {**HAND_STEPS, **STEP_COMMANDS}.items():
        if step in steps:
            s = steps[step]
            rows.append(
                [
                    step,
                    f"`{command}` ({note})",
                    f"{s['seconds']:.1f}",
                    f"{s['peak_rss_mib']:.0f}",
                    f"{s.get('load_1min', '–')}",
                    f"`{s['machine']}`, {s['date']}",
                ]
            )
        else:
            rows.append([step, f"`{command}` ({note}; not timed for this file)", "–", "–", "–", "–"])
    for step in sorted(set(steps) - set(STEP_COMMANDS) - set(HAND_STEPS)):
        s = steps[step]
        rows.append(
            [
                step,
                f"`{s.get('command', '')}`",
                f"{s['seconds']:.1f}",
                f"{s['peak_rss_mib']:.0f}",
                f"{s.get('load_1min', '–')}",
                f"`{s['machine']}`, {s['date']}",
            ]
        )
    lines += _table(["Step", "Command", "Seconds", "Peak MiB", "Load (1 min)", "Machine, date"], rows, "llrrrl")
    if kernels:
        heaviest = max(kernels, key=lambda d: kernels[d]["peak_rss_mib"])
        k = kernels[heaviest]
        lines += [
            "",
            f"A chapter's kernel needs at most {k['peak_rss_mib']:.0f} MiB (`{heaviest}`, its own peak resident "
            "memory read by a last cell added to a copy, executed with papermill); `make reproduce` runs two "
            "kernels at a time. Each notebook's kernel:",
            "",
        ]
        order = [d for d in _toc(paths.ROOT) if d in kernels] + sorted(set(kernels) - set(_toc(paths.ROOT)))
        rows = [[f"`{d}`", f"{kernels[d]['seconds']:.1f}", f"{kernels[d]['peak_rss_mib']:.0f}"] for d in order]
        lines += _table(["Notebook", "Seconds", "Peak MiB"], rows, "lrr")
    return lines


def _programs(root: Path) -> list[str]:
    package = root / "src" / PACKAGE
    subpackages = sorted(p.name for p in package.iterdir() if (p / "__init__.py").is_file())
    modules = sorted(p.stem for p in package.glob("*.py") if p.stem not in ("__init__", "__main__"))

    def doc(path: Path) -> str:
        try:
            text = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        except SyntaxError:
            text = ""
        return _plain(text.split("\n\n")[0], 140)

    lines = [
        "## Description of programs/code",
        "",
        f"- `src/{PACKAGE}/`: the Python package; every computation of the book is a function here, and the "
        "notebooks only set parameters and call it.",
    ]
    lines += [f"  - `{name}/`: {doc(package / name / '__init__.py')}" for name in subpackages]
    lines += [f"  - `{name}.py`: {doc(package / (name + '.py'))}" for name in modules]
    notebooks = [d for d in _toc(root) if (root / f"{d}.ipynb").is_file()]
    lines += [
        f"- `chapters/`: the book's pages; {len(notebooks)} of them are notebooks, executed by papermill in "
        "`_toc.yml` order (two at a time, the appendices last) by `make reproduce`, which also writes the "
        "derived data files first. The sub-period pages (`chapters/variants/`) are runs of "
        "`chapters/02_current_state.ipynb` with the parameters in `chapters/variants.yml`.",
        f"- The runner: `python -m {PACKAGE}` (`list`, `run`, `check`, `reproduce`, `notebooks`, `datapackage`) "
        "re-executes a chapter with other parameters, checks every parameter first, and never overwrites a "
        "committed chapter.",
        "- `outputs/`: the data behind the figures and some tables, as CSV, written by the notebooks.",
        "- `tests/`: the test suite (`make test`).",
        "- `Makefile`: the commands below.",
        "",
        "### License for code",
        "",
        "The code is licensed under the MIT license; see `LICENSE`.",
    ]
    return lines


def _instructions() -> list[str]:
    return [
        "## Instructions to replicators",
        "",
        "On a machine with Python 3.11, GNU Make and Debian's package manager, in a clone of the repository:",
        "",
        "1. `make book`: creates `.venv` from `requirements.lock`, validates the data against "
        "`data/datapackage.json`, and builds the HTML book from the committed notebooks into `_build/html`.",
        "2. `make test`: installs the Debian packages it needs (`make system-deps`), runs the linters and every "
        "test: each notebook is re-executed in a scratch copy and must give the committed notebook, tables and "
        "derived data byte for byte; the HTML and PDF books are built strictly and checked, every page in a "
        "headless browser.",
        "",
        "Optional:",
        "",
        "- `make reproduce`: re-execute every notebook in place (and rewrite the derived data and this file); on "
        "an unchanged checkout it changes no file.",
        "- `make pdf`: the PDF book (XeLaTeX) in `_build/latex/book.pdf`; `make site` builds the PDF and the "
        "HTML that offers it.",
        f"- `.venv/bin/python -m {PACKAGE} run CHAPTER -p NAME VALUE`: re-run a chapter with other parameters "
        "(the book's page 'Re-running the analyses').",
        "- `make bench`: time the loop on a scratch copy; `make replication`: rewrite this file.",
        "- Binder: the launch button of each notebook page opens it on https://mybinder.org with the same "
        "pinned packages (`environment.yml`, `postBuild`), nothing to install.",
        "",
        "### Details",
        "",
        "- The notebooks read only `data/` and write only `outputs/`; their order does not matter except that "
        "the appendices summarise the chapters, which `make reproduce` respects.",
        "- No step uses the network once the environment is installed; nothing is random.",
    ]


def _variants(root: Path) -> dict[str, tuple[str, str]]:
    """The notebooks that are runs of a chapter with other parameters (``chapters/variants.yml``):
    file -> (the chapter, its parameters as text)."""
    spec = root / "chapters" / "variants.yml"
    if not spec.is_file():
        return {}
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    return {
        v["file"]: (data["chapter"], ", ".join(f"`{k} = {val!r}`" for k, val in v.get("parameters", {}).items()))
        for v in data.get("variants", [])
    }


def _exhibit_list(root: Path, items: list[Exhibit]) -> list[str]:
    titles = page_titles(root)
    variants = _variants(root)
    tables = sum(1 for i in items if i.kind == "Table")
    figures = sum(1 for i in items if i.kind == "Fig.")
    lines = [
        "## List of tables and programs",
        "",
        "The provided code reproduces:",
        "",
        "- [x] All numbers provided in text in the paper",
        "- [x] All tables and figures in the paper",
        "- [ ] Selected tables and figures in the paper, as explained and justified below.",
        "",
        f"Every numbered table ({tables}) and figure ({figures}) of the book, by chapter, numbered as in the HTML "
        "and the PDF. *Made by* names the cell of the notebook (`In [n]`) and the package function it calls "
        "(for a table rendered by the generic `tables.myst_table`, first the function that made its data); "
        "*Output file* is the CSV the page offers with it (the table or figure itself is stored in the "
        "notebook).",
    ]
    for docname in dict.fromkeys(i.docname for i in items):
        mine = [i for i in items if i.docname == docname]
        first = mine[0]
        title = _plain(titles.get(docname, docname), 200)
        heading = f"Chapter {first.chapter}. {title}" if first.chapter else title
        made_from = variants.get(first.source)
        what = "Notebook" if first.source.endswith(".ipynb") else "Page"
        source = f"{what}: `{first.source}`" + (
            f", executed from `{made_from[0]}` with {made_from[1]} (`chapters/variants.yml`)." if made_from else "."
        )
        lines += ["", f"**{heading}.** {source}", ""]
        rows = []
        for item in mine:
            made = ", then ".join(
                f"`{m.removeprefix(PACKAGE + '.')}`" if m.startswith(PACKAGE) else m for m in item.made_by
            )
            cell = f"`In [{item.cell}]` " if item.cell else ""
            outputs = ", ".join(f"`{o}`" for o in dict.fromkeys(item.outputs)) or "–"
            note = f" ({item.note})" if item.note else ""
            rows.append([item.number, _plain(item.caption) + note, (cell + made).strip() or "–", outputs])
        lines += _table(["Number", "Caption", "Made by", "Output file"], rows)
    return lines


def render(root: Path | None = None) -> str:
    """The text of REPLICATION.md for the repository at ``root``."""
    root = Path(root or paths.ROOT)
    items = exhibits(root)
    groups = _groups(root)
    notebooks = sum(1 for d in _toc(root) if (root / f"{d}.ipynb").is_file())
    parts = [
        "# Replication package",
        "",
        "This README follows the Social Science Data Editors' template README for social science replication "
        "packages (Vilhuber et al. 2022, below). It is generated, not written by hand: "
        "`make replication` (or `python -m heilongjiang_russia.dev.replication --write`) rewrites it from "
        "the notebooks, `data/datapackage.json`, `requirements.lock` and the measured figures, and a test "
        "fails when the committed file differs. The repository's `README.md` introduces the compendium.",
        "",
        *_overview(root, items, groups, notebooks),
        "",
        *_rights(),
        *_sources(root, groups),
        *_datasets(root, groups),
        "",
        *_software(root),
        *_runtime(),
        "",
        *_programs(root),
        "",
        *_instructions(),
        "",
        *_exhibit_list(root, items),
        "",
        *references(),
    ]
    return "\n".join(parts).rstrip() + "\n"
