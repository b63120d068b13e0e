"""The runner: parameters read from the notebooks, checked before anything runs, runs that change what they should."""

from __future__ import annotations

import ast
import hashlib
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from heilongjiang_russia import paths
from heilongjiang_russia.chapters import subperiods
from heilongjiang_russia.data import table1
from heilongjiang_russia.errors import DataValidationError, ParameterError
from heilongjiang_russia.pipeline import cli, execute, registry, reproduce, runner, variants
from heilongjiang_russia.present import outputs

CHAPTER = paths.CHAPTERS / "02_current_state.ipynb"


def _fingerprint():
    """What a run could write: the committed chapter, the output folders, the default runs/ folder."""
    runs = sorted(str(p) for p in runner.RUNS.rglob("*")) if runner.RUNS.exists() else []
    return (hashlib.sha256(CHAPTER.read_bytes()).hexdigest(), sorted(p.name for p in paths.OUTPUTS.iterdir()), runs)


def glued(notebook) -> dict:
    """The values a notebook glued into its prose, as Python values."""
    found = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        for out in cell.get("outputs", []):
            meta = out.get("metadata", {}).get("scrapbook")
            if meta:
                text = out["data"][meta["mime_prefix"] + "text/plain"]
                try:
                    found[meta["name"]] = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    found[meta["name"]] = text
    return found


# -- list --------------------------------------------------------------------------------------


def test_list_shows_every_parameter_with_default_and_description_from_the_notebook(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    declared = runner.parameters(CHAPTER)
    assert {"table1_file", "start_year", "end_year", "unit", "run_name"} <= set(declared)
    section = out.split("02_current_state  (chapters/02_current_state.ipynb)")[1].split("\n\n")[0]
    for p in declared.values():
        assert f"  {p.name} = {p.default!r}" in section
        assert p.help and p.help in section
    assert declared["start_year"].default == 2008 and declared["end_year"].default == 2018
    # generated variants are runs of a chapter, listed apart with their parameters
    chapters_part, variants_part = out.split("generated variants (chapters/variants.yml")
    assert "current_state_2008_2010" not in chapters_part
    assert (
        "chapters/variants/current_state_2011_2014.ipynb: chapters/02_current_state.ipynb with "
        "start_year=2011, end_year=2014"
    ) in variants_part


def test_every_parameter_of_every_chapter_is_checked_by_its_chapter_module():
    """Each chapter with parameters has one check_parameters (registry.CHAPTER_MODULES) that validates every one."""
    found = runner.chapters()
    assert set(found) <= set(registry.CHAPTER_MODULES), sorted(set(found) - set(registry.CHAPTER_MODULES))
    for stem, nb in found.items():
        rules = runner.rules(nb)
        defaults = {name: p.default for name, p in runner.parameters(nb).items()}
        resolved = rules({**defaults, "unrelated_global": object()})  # globals() in a notebook hold more
        # every parameter, resolved; nothing else taken from the namespace (a chapter may add values it derives)
        assert set(defaults) <= set(resolved) and "unrelated_global" not in resolved, stem
        for name in defaults:
            with pytest.raises(ParameterError) as caught:
                rules({**defaults, name: object()})
            assert caught.value.name == name, (stem, name, str(caught.value))


def test_parameter_error_carries_the_name_as_a_field():
    exc = ParameterError("unit", "'yuan' is not allowed")
    assert (exc.name, exc.message, str(exc)) == ("unit", "'yuan' is not allowed", "unit: 'yuan' is not allowed")
    with pytest.raises(TypeError):
        ParameterError("unit: 'yuan' is not allowed")  # the one-argument form is gone


# -- validation: one line naming the parameter, exit status 2, nothing written ------------------


def _bad_table(tmp_path):
    text = paths.TABLE1.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace("74.7", "seventy", 1)  # the 2010 total
    bad = tmp_path / "table1_bad.csv"
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    return bad


BAD = [
    (
        ["-p", "colour", "red"],
        r"^colour: unknown parameter of 02_current_state; its parameters are table1_file, start_year",
    ),
    (["-p", "start_year", "twenty"], r"^start_year: 'twenty' is not a whole number; the default is 2008$"),
    (["-p", "end_year", "2014.5"], r"^end_year: 2014\.5 is not a whole number"),
    (["-p", "start_year", "2005"], r"^start_year: 2005 is outside the data \(2008–2018\)$"),
    (["-p", "end_year", "2030"], r"^end_year: 2030 is outside the data \(2008–2018\)$"),
    (
        ["-p", "start_year", "2015", "-p", "end_year", "2011"],
        r"^start_year: 2015 is after end_year 2011; start_year must not be after end_year$",
    ),
    (["-p", "unit", "yuan"], r"^unit: 'yuan' is not allowed; choose one of printed, usd_bn, usd_m$"),
    (
        ["-p", "table1_file", "data/raw/no_such_table.csv"],
        r"^table1_file: no file data/raw/no_such_table\.csv; give a CSV with the columns of data/raw/table1\.csv",
    ),
    (["-p", "run_name", "../escape"], r"^run_name: '\.\./escape' is not a folder name"),
    (
        ["-p", "run_name", "02_current_state"],
        r"^run_name: '02_current_state' is the output folder of chapters/02_current_state\.ipynb",
    ),
    (["-p", "unit", "usd_m", "-p", "unit", "usd_bn"], r"^unit: given twice"),
    (
        ["-p", "start_year", "2011", "-p", "base_year", "2009"],
        r"^base_year: 2009 is outside the window analysed \(2011–2018\); choose a year in it$",
    ),
    (
        ["-p", "base_year", "2030"],
        r"^base_year: 2030 is outside the window analysed \(2008–2018\); choose a year in it$",
    ),
    (["-p", "base_year", "'x'"], r"^base_year: 'x' is not a whole number$"),
]


@pytest.mark.parametrize("args, message", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_parameter_stops_the_run_with_status_2_and_writes_nothing(args, message, tmp_path, capsys):
    before = _fingerprint()
    output = tmp_path / "run.ipynb"
    assert cli.main(["run", "02_current_state", *args, "-o", str(output)]) == 2
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert re.search(message, lines[0][len("error: ") :]), lines[0]
    assert not output.exists() and list(tmp_path.iterdir()) == []
    assert _fingerprint() == before


def test_invalid_table_file_is_refused_naming_file_row_and_column(tmp_path, capsys):
    bad = _bad_table(tmp_path)
    output = tmp_path / "run.ipynb"
    assert cli.main(["run", "02", "-p", "table1_file", str(bad), "-o", str(output)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: table1_file: ") and "table1_bad.csv" in err
    assert "row 3" in err and "column 'total'" in err and "'seventy'" in err
    assert not output.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        # a cross-parameter rule: the default hub is not on the railway items, so the run stops before it starts
        (
            ["04", "-p", "modes", "railway"],
            r"^hub: 'Harbin' is not named by any item of the modes railway; choose one of .*Suifenhe"
            r".* \(the chapter's default; set it with -p hub VALUE\)$",
        ),
        (
            ["04", "-p", "modes", "railway", "-p", "hub", "Harbin"],
            r"^hub: 'Harbin' is not named by any item of the modes railway"
            r"; choose one of [^(]*$",
        ),
        (["04", "-p", "modes", "railway,teleport"], r"^modes: 'teleport' not allowed; choose from land_sea, railway"),
        (["04", "-p", "hub", "Atlantis"], r"^hub: 'Atlantis' is not a place_id in data/gazetteer\.csv"),
        (["04", "-p", "n_top", "99"], r"^n_top: 99 is not allowed; give a whole number from 3 to 30"),
        (["03", "-p", "themes", "rail,spaceships"], r"^themes: 'spaceships' not allowed; choose from rail"),
        (["99"], r"^chapter: '99' is not a chapter with parameters; choose one of .*02_current_state"),
    ],
)
def test_bad_values_of_other_chapters_are_refused_before_running(args, message, tmp_path, capsys):
    output = tmp_path / "run.ipynb"
    assert cli.main(["run", *args, "-o", str(output)]) == 2
    err = capsys.readouterr().err.strip()
    assert re.search(message, err[len("error: ") :]), err
    assert not output.exists()


def test_a_run_never_overwrites_a_committed_notebook(capsys):
    before = _fingerprint()
    for target in ("chapters/02_current_state.ipynb", "chapters/variants/current_state_2011_2014.ipynb"):
        assert cli.main(["run", "02", "-p", "unit", "usd_m", "-o", target]) == 2
        err = capsys.readouterr().err
        assert f"output: {target} is a committed notebook of the book; choose another file" in err
    assert _fingerprint() == before


def test_values_are_typed_like_the_defaults():
    declared = runner.parameters(CHAPTER)
    assert runner.coerce(declared["start_year"], "2011") == 2011
    assert runner.coerce(declared["unit"], "usd_bn") == "usd_bn"
    lists = runner.Parameter("modes", ["railway"], "")
    assert runner.coerce(lists, "railway, water") == ["railway", "water"]
    assert runner.coerce(lists, "['railway']") == ["railway"]
    with pytest.raises(ParameterError, match=r"^start_year: True is not a whole number"):
        runner.coerce(declared["start_year"], True)


def test_a_replacement_results_file_is_checked_against_the_claims_ledger(tmp_path, capsys):
    """Chapter 03 checks a results file's claims as the chapter would, before anything runs."""
    lines = (paths.RAW / "eastern_belt.csv").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if ",C0" in line and i > 0)
    cells = lines[row].split(",")
    claim = next(c for c in cells if c.startswith("C0"))
    lines[row] = lines[row].replace(claim, "C999", 1)
    bad = tmp_path / "belt.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "run.ipynb"
    assert cli.main(["run", "03", "-p", "results_file", str(bad), "-o", str(output)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: results_file: ") and f"row {row} (line {row + 1})" in err and "C999" in err, err
    assert not output.exists()


def test_a_default_that_follows_another_parameter_is_derived_and_stated():
    """base_year's default (None) is the window's first year: a run that sets only the window is accepted."""
    declared = runner.parameters(CHAPTER)
    assert declared["base_year"].default is None
    run = runner.plan("02", {"start_year": "2011", "end_year": "2014"})
    assert run.parameters == {"start_year": 2011, "end_year": 2014, "run_name": run.output.stem}
    assert run.derived == {"base_year": 2011}
    assert runner.check(CHAPTER, {"start_year": 2011, "base_year": 2012}).derived == {}
    note = execute.parameters_note(run.parameters, run.derived).source
    assert (
        "- `start_year = 2011`" in note
        and "- `base_year = 2011` (derived: its default follows the values above)" in note
    )


def test_default_output_names_the_run_and_keeps_its_tables_apart():
    run = runner.plan("02", {"end_year": "2014", "unit": "usd_m"})
    assert paths.display(run.output) == "runs/02_current_state-end_year-2014-unit-usd_m.ipynb"
    assert run.parameters == {"end_year": 2014, "unit": "usd_m", "run_name": run.output.stem}
    assert run.outputs_dir == paths.ROOT / "runs" / "outputs"
    assert not run.output.exists()  # planning writes nothing


# -- where a reader's run writes, and what it prints ---------------------------------------------


def test_a_run_writes_its_tables_under_runs_never_over_the_committed_ones(tmp_path):
    """`run` writes the tables of a notebook in the repository under runs/outputs/ (ignored by git), those of
    a notebook elsewhere next to it; only `reproduce` (a committed notebook) writes outputs/."""
    given = {"end_year": "2014"}
    assert runner.plan("02", given).outputs_dir == outputs.READER_RUNS == paths.ROOT / "runs" / "outputs"
    assert runner.plan("02", given, "corrected.ipynb").outputs_dir == outputs.READER_RUNS
    assert runner.plan("02", given, "chapters/mine.ipynb").outputs_dir == outputs.READER_RUNS
    assert runner.plan("02", given, tmp_path / "x.ipynb").outputs_dir == tmp_path / "outputs"
    assert runner.plan("02", {}, CHAPTER, allow_committed=True).outputs_dir == paths.OUTPUTS
    ignored = subprocess.run(
        ["git", "-C", str(paths.ROOT), "check-ignore", "runs/outputs/corrected/fig-shares.csv", "runs/corrected.ipynb"],
        capture_output=True,
        text=True,
    )
    assert ignored.stdout.split() == ["runs/outputs/corrected/fig-shares.csv", "runs/corrected.ipynb"]
    committed = subprocess.run(
        ["git", "-C", str(paths.ROOT), "check-ignore", "outputs/02_current_state/fig-shares.csv"]
    )
    assert committed.returncode == 1  # the committed tables are tracked


def test_a_chapter_run_in_jupyter_writes_under_runs_even_with_the_default_run_name(tmp_path):
    """Outside the pipeline (JupyterLab, Binder) a chapter that keeps the default run_name used to write over
    outputs/<chapter>/; its tables now go to runs/outputs/, and its download link points there."""
    repo = tmp_path / "repo"
    committed = repo / "outputs" / "02_current_state" / "fig-shares.csv"
    committed.parent.mkdir(parents=True)
    committed.write_bytes((paths.OUTPUTS / "02_current_state" / "fig-shares.csv").read_bytes())
    (repo / "chapters").mkdir()
    code = "import pandas as pd; from heilongjiang_russia.present import outputs\n"
    code += "print(outputs.save_table(pd.DataFrame({'a': [1]}), '02_current_state', 'fig-shares'))"
    env = {k: v for k, v in os.environ.items() if k not in {outputs.STAGING_ENV, outputs.FINAL_ENV}}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=repo / "chapters",
        env=env | {"HLJRU_ROOT": str(repo)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "../runs/outputs/02_current_state/fig-shares.csv"
    assert (repo / "runs" / "outputs" / "02_current_state" / "fig-shares.csv").read_text() == "a\n1\n"
    assert committed.read_bytes() == (paths.OUTPUTS / "02_current_state" / "fig-shares.csv").read_bytes()


@pytest.mark.slow  # a real run of chapter 2 in a scratch copy of the repository
def test_a_real_run_prints_only_what_it_does_and_leaves_the_committed_tables(tmp_path):
    from conftest import Reproduced, scratch_repo

    repo = scratch_repo(tmp_path / "repo")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "heilongjiang_russia",
            "run",
            "02",
            "-p",
            "start_year",
            "2011",
            "-p",
            "end_year",
            "2014",
        ],
        cwd=repo,
        env={**os.environ, "HLJRU_ROOT": str(repo)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    name = "02_current_state-start_year-2011-end_year-2014"
    assert result.returncode == 0, result.stderr
    # no kernel warning (ipykernel 7.4 warns about TCP at every start; the pipeline uses Unix sockets)
    assert result.stderr.splitlines() == [
        f"executing chapters/02_current_state.ipynb with start_year=2011, end_year=2014, run_name='{name}'",
        f"wrote runs/{name}.ipynb",
    ]
    assert result.stdout == ""
    assert sorted(p.name for p in (repo / "runs" / "outputs" / name).iterdir()) == sorted(
        p.name for p in (paths.OUTPUTS / "02_current_state").iterdir()
    )
    assert Reproduced(repo, 0, "").changed("outputs", "chapters", "data") == []


@pytest.mark.slow  # starts a kernel
def test_the_pipeline_talks_to_its_kernel_over_unix_sockets(tmp_path):
    code = "from ipykernel.kernelapp import IPKernelApp\napp = IPKernelApp.instance()\nprint(app.transport, app.ip)"
    source = tmp_path / "probe.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), source)
    executed = execute.run_notebook(source, tmp_path / "out.ipynb", progress=False, outputs_dir=tmp_path / "outputs")
    transport, ip = nbformat.read(executed, as_version=4).cells[0].outputs[0]["text"].split()
    assert transport == "ipc" and Path(ip).name == "kernel"  # a socket file in the run's own temporary folder


# -- a real run with non-default parameters ---------------------------------------------------


@pytest.mark.slow
def test_run_with_another_window_and_unit_changes_the_numbers_the_table_and_the_figure_data(tmp_path, capsys):
    committed = CHAPTER.read_bytes()
    output = tmp_path / "pipeline_years.ipynb"
    code = cli.main(
        [
            "run",
            "02_current_state",
            "-p",
            "start_year",
            "2011",
            "-p",
            "end_year",
            "2014",
            "-p",
            "unit",
            "usd_bn",
            "-o",
            str(output),
            "-q",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert CHAPTER.read_bytes() == committed
    values = glued(output)
    # the prose quotes the window's first, last and peak year, in billion US$
    assert values["first_year"] == 2011 and values["last_year"] == 2014 and values["peak_year"] == 2014
    assert values["first_total"] == pytest.approx(18.99) and values["last_total"] == pytest.approx(23.26)
    assert values["unit_label"] == "billion US$"
    # the table of the page covers the window only
    nb = nbformat.read(output, as_version=4)
    table_md = next(
        o["data"]["text/markdown"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if "text/markdown" in o.get("data", {}) and ":name: tab-table1" in o["data"]["text/markdown"]
    )
    assert (
        "| 2011 |" in table_md and "| 2014 |" in table_md and "| 2010 |" not in table_md and "| 2015 |" not in table_md
    )
    assert "merchandise trade, 2011–2014, as printed" in table_md
    # the data behind the figure, next to the run, in billion US$
    data = pd.read_csv(tmp_path / "outputs" / "pipeline_years" / "fig-trade-levels.csv")
    assert sorted(data["year"].unique()) == [2011, 2012, 2013, 2014]
    assert set(data["unit"]) == {"billion US$"}
    total = data[data["flow"] == "total"].set_index("year")["value"]
    assert total[2014] == pytest.approx(23.26)
    # the compound growth of the window, from the run's own data, is the comparison page's
    growth = ((total[2014] / total[2011]) ** (1 / 3) - 1) * 100
    row = subperiods.summary(table1.load(), [subperiods.Period("x", 2011, 2014)]).iloc[0]
    assert row["cagr_total_pct"] == pytest.approx(growth, abs=1e-9)
    assert growth == pytest.approx(6.99, abs=0.01)
    # the reader sees the run's parameters in a box
    box = next(c for c in nb.cells if c.get("id") == execute.NOTE_TAG)
    assert "Parameters of this run" in box.source and "`start_year = 2011`" in box.source
    assert "`base_year = 2011` (derived" in box.source  # the default that followed start_year
    index = pd.read_csv(tmp_path / "outputs" / "pipeline_years" / "fig-trade-index.csv")
    assert set(index["base_year"]) == {2011}


# -- the sub-period variants --------------------------------------------------------------------


def test_variants_are_the_paper_periods_and_are_listed_in_the_book():
    declared = variants.load()
    assert [v.years for v in declared] == [(2008, 2010), (2011, 2014), (2015, 2016), (2017, 2018)]
    toc = paths.TOC.read_text(encoding="utf-8")
    part = toc.split("caption: Sub-period analysis")[1].split("caption:")[0]
    assert "file: chapters/subperiods" in part
    for v in declared:
        assert f"file: {paths.display(v.file).removesuffix('.ipynb')}" in part
    assert toc.index("The paper, executable") < toc.index("Sub-period analysis") < toc.index("Appendices")
    executed = execute.toc_notebooks()  # what `make test` hands to nbval and `make reproduce` runs
    assert paths.CHAPTERS / "subperiods.ipynb" in executed
    assert all(v.file in executed for v in declared)


def test_committed_variants_match_the_current_chapter_source_and_their_spec():
    """A variant that drifted from its chapter (chapter edited, `reproduce` not run) is caught here."""
    chapter = nbformat.read(CHAPTER, as_version=4)
    chapter_code = [
        c.source
        for c in chapter.cells
        if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])
    ]
    for v in variants.load():
        nb = nbformat.read(v.file, as_version=4)
        code = [
            c.source
            for c in nb.cells
            if c.cell_type == "code" and "injected-parameters" not in c.metadata.get("tags", [])
        ]
        assert code == chapter_code, f"{paths.display(v.file)} is stale: run python -m heilongjiang_russia reproduce"
        expected = variants.parameters(v).given
        assert expected == runner.validate(CHAPTER, v.parameters) | {"run_name": v.name}
        assert nb.metadata["papermill"]["parameters"] == expected
        assert nb.cells[0].source.startswith(f"# {v.title}\n")
        values = glued(v.file)
        assert (values["first_year"], values["last_year"]) == v.years
        start, end = v.years
        assert any(
            f"merchandise trade, {start}–{end}, as printed" in o.get("data", {}).get("text/markdown", "")
            for c in nb.cells
            for o in c.get("outputs", [])
        )
        data = pd.read_csv(paths.OUTPUTS / v.name / "fig-trade-levels.csv")
        assert (int(data["year"].min()), int(data["year"].max())) == v.years


def test_reproduce_regenerates_a_variant_from_the_chapter_instead_of_rerunning_it(monkeypatch):
    calls = []
    monkeypatch.setattr(variants, "generate", lambda v, progress=True: calls.append(v.name) or v.file)

    def refuse(*args, **kwargs):
        raise AssertionError("a variant must not be re-executed from its own cells")

    monkeypatch.setattr(execute, "run_notebook", refuse)
    first = variants.load()[0]
    assert reproduce.reproduce([first.file], progress=False, jobs=1, derived=False) == [first.file]
    assert calls == [first.name]


def test_reproduce_runs_the_appendices_after_the_chapters():
    notebooks = execute.toc_notebooks()
    first, later = reproduce.stages(notebooks)
    assert [nb.stem for nb in later] == ["appendix_audit", "appendix_claims"]
    assert first == [nb for nb in notebooks if nb not in later]  # the rest keep the book's order


def test_variant_source_is_the_chapter_with_a_title_and_a_note():
    v = variants.load()[1]
    nb = variants.source_notebook(v)
    chapter = nbformat.read(CHAPTER, as_version=4)
    assert nb.cells[0].source.splitlines()[0] == "# 2011–2014: The pipeline years"
    assert nb.cells[0].source.splitlines()[1:] == chapter.cells[0].source.splitlines()[1:]
    assert nb.cells[1].id == variants.NOTE_ID and "{doc}`/chapters/02_current_state`" in nb.cells[1].source
    assert [c.source for c in nb.cells[2:]] == [c.source for c in chapter.cells[1:]]
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize(
    "text, message",
    [
        ("variants: []\n", r"expected keys 'chapter'"),
        ("chapter: chapters/nope.ipynb\nvariants: []\n", r"chapter: no notebook chapters/nope\.ipynb"),
        (
            "chapter: chapters/02_current_state.ipynb\nvariants:\n  - file: chapters/variants/x.ipynb\n    period: P\n",
            r"variant 1: missing parameters",
        ),
        (
            "chapter: chapters/02_current_state.ipynb\nvariants:\n  - file: chapters/x.ipynb\n    period: P\n"
            "    parameters: {start_year: 2008, end_year: 2010}\n",
            r"variant 1: file 'chapters/x\.ipynb' must be a notebook in chapters/variants/",
        ),
    ],
)
def test_a_broken_variants_spec_is_refused_with_its_place(text, message, tmp_path):
    spec = tmp_path / "variants.yml"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(DataValidationError, match=message):
        variants.load(spec)


# -- the comparison of periods ------------------------------------------------------------------


def test_compound_growth():
    assert subperiods.compound_growth(100, 121, 2) == pytest.approx(10.0)
    assert subperiods.compound_growth(100, 50, 1) == pytest.approx(-50.0)
    with pytest.raises(ParameterError, match="at least two years"):
        subperiods.compound_growth(100, 110, 0)
    with pytest.raises(ParameterError, match="positive values"):
        subperiods.compound_growth(0, 110, 3)


def test_period_summary_from_table1():
    table = table1.load()
    frame = subperiods.summary(table, subperiods.periods()).set_index("years")
    before, pipeline_years = frame.loc["2008–2010"], frame.loc["2011–2014"]
    # before the pipeline the province sold Russia more than it bought; afterwards the reverse
    assert before["balance_sum"] == pytest.approx(155.2 - 85.9)
    assert pipeline_years["balance_sum"] < 0
    assert before["import_share_pct"] == pytest.approx(85.9 / 241.1 * 100)
    assert pipeline_years["entry_change_pct"] == pytest.approx((189.9 / 74.7 - 1) * 100)
    assert math.isnan(before["entry_change_pct"])
    assert frame.loc["2017–2018", "cagr_total_pct"] == pytest.approx((181.9 / 110.9 - 1) * 100)
    # another unit scales levels, not rates or shares
    millions = subperiods.summary(table, subperiods.periods(), "usd_m").set_index("years")
    assert millions.loc["2008–2010", "export_sum"] == pytest.approx(15520)
    assert millions.loc["2008–2010", "import_share_pct"] == pytest.approx(before["import_share_pct"])
    assert set(millions["unit"]) == {"million US$"}


def test_comparison_page_quotes_the_computed_values():
    values = glued(paths.CHAPTERS / "subperiods.ipynb")
    frame = subperiods.summary(table1.load(), subperiods.periods())
    for row in frame.itertuples():
        key = f"{row.start_year}_{row.end_year}"
        assert values[f"cagr_{key}"] == pytest.approx(row.cagr_total_pct)
        assert values[f"import_share_{key}"] == pytest.approx(row.import_share_pct)
    assert values["balance_word_2008_2010"] == "surplus" and values["balance_word_2011_2014"] == "deficit"


def test_rerunning_page_quotes_the_current_parameters_cell():
    """The example on "Re-running the analyses" is the chapter's cell, not a stale copy."""
    page = (paths.CHAPTERS / "rerunning.md").read_text(encoding="utf-8")
    example = page.split("```python\n", 1)[1].split("```", 1)[0].splitlines()
    cell = next(c for c in nbformat.read(CHAPTER, as_version=4).cells if "parameters" in c.metadata.get("tags", []))
    assert example == [line for line in cell.source.splitlines() if not line.startswith("#")]


@pytest.mark.slow
def test_comparison_page_in_another_unit_scales_levels_but_not_rates(tmp_path, capsys):
    output = tmp_path / "subperiods_usd_m.ipynb"
    assert cli.main(["run", "subperiods", "-p", "unit", "usd_m", "-o", str(output), "-q"]) == 0, capsys.readouterr().err
    default, run = glued(paths.CHAPTERS / "subperiods.ipynb"), glued(output)
    assert default["unit_label"] == "100 million US$" and run["unit_label"] == "million US$"
    assert run["balance_2011_2014"] == pytest.approx(default["balance_2011_2014"] * 100)
    assert run["cagr_2011_2014"] == pytest.approx(default["cagr_2011_2014"])
    data = pd.read_csv(tmp_path / "outputs" / "subperiods_usd_m" / "fig-subperiods.csv")
    assert data.loc[data["years"] == "2008–2010", "export_sum"].item() == pytest.approx(15520)
