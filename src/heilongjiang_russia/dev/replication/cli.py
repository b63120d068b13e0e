"""``python -m heilongjiang_russia.dev.replication``: write, check or measure."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from heilongjiang_russia import paths

from .common import MEASURED, PACKAGE, TARGET, MeasureError
from .timing import STEPS, from_time_report, measure
from .write import render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {PACKAGE}.dev.replication", description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help=f"write {TARGET} at the repository root")
    group.add_argument("--check", action="store_true", help=f"exit 1 when {TARGET} differs from what --write writes")
    group.add_argument(
        "--measure", nargs="*", choices=STEPS, metavar="STEP", help=f"steps to measure: {', '.join(STEPS)}"
    )
    group.add_argument("--from-time", nargs=2, metavar=("STEP", "FILE"), help="record a /usr/bin/time -v report")
    parser.add_argument("--command", help="with --from-time: the command as shown (default: the report's)")
    parser.add_argument(
        "--venv", type=Path, default=Path(sys.executable).parent.parent, help="the environment to measure with"
    )
    args = parser.parse_args(argv)
    target = paths.ROOT / TARGET
    if args.write:
        text = render()
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"written: {TARGET}")
        return 0
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != render():
            print(f"error: {TARGET} is not what the generator writes now: run `make replication`", file=sys.stderr)
            return 1
        print(f"{TARGET}: current")
        return 0
    try:
        if args.from_time:
            figures = from_time_report(args.from_time[0], Path(args.from_time[1]), args.command)
            print(f"{args.from_time[0]}: {figures['seconds']} s, peak {figures['peak_rss_mib']} MiB")
            return 0
        measure(
            args.measure or list(STEPS), args.venv.resolve(), log=lambda line: print(line, file=sys.stderr, flush=True)
        )
    except MeasureError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"written: {paths.display(MEASURED)}")
    return 0
