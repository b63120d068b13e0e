"""Command-line entry point: ``python -m heilongjiang_russia COMMAND``.

Exit status: 0 on success, 1 when data or a notebook fails, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys

from heilongjiang_russia import __version__, paths
from heilongjiang_russia.data import datapackage
from heilongjiang_russia.errors import DataValidationError, ParameterError

from . import execute, registry, reproduce, runner


def _check(args) -> int:
    """Validate the data package and every loader, and look for stored error outputs."""
    problems = datapackage.problems()
    for loader in registry.DATA_LOADERS:  # each also checks what it cross-references
        try:
            registry.resolve(loader)()
        except DataValidationError as exc:
            problems.insert(0, str(exc))
    for nb in execute.toc_notebooks():
        problems.extend(execute.error_outputs(nb))
    for line in problems:
        print(f"error: {line}", file=sys.stderr)
    if not problems:
        print("data and notebooks: OK")
    return 1 if problems else 0


def _reproduce(args) -> int:
    notebooks = [paths.resolve(n) for n in args.notebooks] or None
    try:
        reproduce.reproduce(notebooks, jobs=args.jobs, accept_edited=args.accept_edited)
    except ParameterError as exc:  # an edited chapter: nothing was written
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except execute.ExecutionFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _list(args) -> int:
    print(reproduce.describe(), end="")
    return 0


def _run(args) -> int:
    given: dict[str, str] = {}
    for name, value in args.parameter or []:
        if name in given:
            print(f"error: {name}: given twice (-p {name} ...); give each parameter once", file=sys.stderr)
            return 2
        given[name] = value
    try:
        run = runner.plan(args.chapter, given, args.output)
    except ParameterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        runner.execute(run, progress=not args.quiet)
    except execute.ExecutionFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _notebooks(args) -> int:
    for nb in execute.toc_notebooks():
        print(paths.display(nb))
    return 0


def _datapackage(args) -> int:
    if args.refresh:
        changed = datapackage.refresh()
        print("updated: " + ", ".join(changed) if changed else "data package already up to date")
        return 0
    problems = datapackage.problems()
    for line in problems:
        print(f"error: {line}", file=sys.stderr)
    return 1 if problems else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m heilongjiang_russia",
        description="Validate, re-execute and inspect the Song (2019) compendium.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("check", help="validate every data file and look for notebooks with stored errors")
    p.set_defaults(func=_check)

    p = sub.add_parser(
        "reproduce",
        help="write the derived data, then re-execute chapter notebooks in place and "
        "regenerate the sub-period variants from their chapter (what `make reproduce` runs)",
    )
    p.add_argument("notebooks", nargs="*", help="notebooks to run (default: every notebook in _toc.yml)")
    p.add_argument(
        "--accept-edited",
        action="store_true",
        help="take the edited parameters cells of the notebooks named as their new defaults (else refused)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=2,
        metavar="N",
        help="notebooks executed at once, in worker processes (default 2; 1 runs them one after another)",
    )
    p.set_defaults(func=_reproduce)

    p = sub.add_parser("list", help="the chapters a reader can re-run, with their parameters, defaults and meanings")
    p.set_defaults(func=_list)

    p = sub.add_parser(
        "run",
        help="re-execute a chapter with other parameters into a new notebook (checked before it runs)",
        description="Re-execute CHAPTER with parameters changed by -p. Every parameter is checked before "
        "anything runs; a bad one stops the run with exit status 2 and writes nothing. The committed "
        "chapter is never overwritten.",
        epilog="example: python -m heilongjiang_russia run 02_current_state -p start_year 2011 -p end_year 2014 "
        "-p unit usd_bn",
    )
    p.add_argument(
        "chapter", metavar="CHAPTER", help="a chapter from `list`: its name (02_current_state), number (02) or path"
    )
    p.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="set parameter NAME to VALUE (repeatable); lists as a,b,c",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="OUTPUT",
        help="the executed notebook (default: runs/CHAPTER-NAME-VALUE....ipynb); its tables go to "
        "runs/outputs/RUN_NAME/ (ignored by git), or to outputs/RUN_NAME/ next to it outside the repository",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_run)

    p = sub.add_parser("notebooks", help="print the notebooks listed in _toc.yml, one per line")
    p.set_defaults(func=_notebooks)

    p = sub.add_parser("datapackage", help="check data/datapackage.json against the files, or refresh sizes and hashes")
    p.add_argument("--refresh", action="store_true", help="rewrite bytes and sha256 of every listed file")
    p.set_defaults(func=_datapackage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
