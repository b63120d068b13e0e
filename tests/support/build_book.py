"""The book built strictly, HTML and PDF, and (with ``--look``) every page looked at in Chromium.

`tests/conftest.py` runs this in the background as soon as the tests are collected:
``python tests/support/build_book.py ROOT OUT [--look]``. The HTML and the PDF (XeLaTeX) are built at the
same time into separate folders, so that neither invalidates the other's environment. As soon as the
HTML is there, two processes of tests/support/browser_look.py share its pages (on a copy of it, while the
build goes on). When the PDF is done it is put next to the HTML and the HTML is built again, now
offering the PDF in its download menu, as `make pdf` leaves it; that second HTML differs from the
looked-at one by that menu entry only, which test_browser.py checks in its own browser.

Written into OUT: ``_build/html`` and ``_build/latex`` (the book), ``built.json`` (seconds per
step, once the book is complete), ``observed.json`` (what the browser saw, by docname).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
LOOKERS = 2  # one per core of the machine the suite is tuned for


def jupyter_book(root: Path, out: Path, builder: str) -> subprocess.Popen:
    jb = Path(sys.executable).parent / "jupyter-book"
    args = [str(jb), "build", str(root), "--path-output", str(out), "--warningiserror", "--nitpick", "--keep-going"]
    with (out / f"{builder}.log").open("w") as log:  # the child keeps its own copy of the handle
        return subprocess.Popen([*args, "--builder", builder], stdout=log, stderr=subprocess.STDOUT, text=True)


def finished(proc: subprocess.Popen, out: Path, builder: str, seconds: dict, step: str, start: float) -> None:
    code = proc.wait()
    seconds[step] = round(time.monotonic() - start, 1)
    if code != 0:
        tail = (out / f"{builder}.log").read_text(encoding="utf-8", errors="replace")[-6000:]
        sys.exit(f"jupyter-book --builder {builder} failed (exit {code}):\n{tail}")


def main(argv: list[str]) -> int:
    root, out, look = Path(argv[0]), Path(argv[1]), "--look" in argv[2:]
    pdf_out = out / "pdf"
    pdf_out.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    start = time.monotonic()
    html = jupyter_book(root, out, "html")
    pdf = jupyter_book(root, pdf_out, "pdflatex")
    lookers: list[subprocess.Popen] = []
    try:
        finished(html, out, "html", seconds, "html", start)
        if look:
            shown = out / "looked-at"
            shutil.copytree(out / "_build" / "html", shown)
            artifacts = root / "test-artifacts"
            for part in range(LOOKERS):
                args = [sys.executable, str(HERE / "browser_look.py"), str(shown), str(out / f"observed.{part}.json")]
                lookers.append(subprocess.Popen([*args, str(artifacts), f"{part}/{LOOKERS}"]))
        finished(pdf, pdf_out, "pdflatex", seconds, "pdflatex", start)
        shutil.copytree(pdf_out / "_build" / "latex", out / "_build" / "latex")
        again = time.monotonic()
        finished(jupyter_book(root, out, "html"), out, "html", seconds, "html_with_pdf", again)  # now offering the PDF
        (out / "built.json").write_text(json.dumps(seconds))
        if look:
            (out / "observed.json").write_text(json.dumps(merged(out, lookers), indent=1) + "\n", encoding="utf-8")
    finally:  # a failed step leaves no build or browser running
        for proc in (pdf, *lookers):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return 0


def merged(out: Path, lookers: list[subprocess.Popen]) -> dict:
    """The lookers' observations in one dict by docname, or the first one's error when it had no browser."""
    observed: dict = {}
    for part, proc in enumerate(lookers):
        proc.wait()
        file = out / f"observed.{part}.json"
        found = json.loads(file.read_text(encoding="utf-8")) if file.exists() else {"error": f"{file.name} missing"}
        if "error" in found:  # no browser at all: every browser test reports it
            return found
        observed.update(found)
    return observed


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
