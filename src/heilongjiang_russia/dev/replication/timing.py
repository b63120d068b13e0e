"""Measured run times and memory: each step timed in a scratch copy, stored in measured.json."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat

from heilongjiang_russia import paths

from .common import MEASURED, MeasureError
from .exhibits import _toc
from .inventory import debian_packages

# --------------------------------------------------------------------------- measuring


def _machine() -> dict:
    def first(path: str, pattern: str) -> str:
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        match = re.search(pattern, text, re.M)
        return match.group(1).strip() if match else ""

    memory_kib = first("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    return {
        "cpus": os.cpu_count(),
        "cpu": first("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor(),
        "memory_gib": round(int(memory_kib) / 1024**2, 1) if memory_kib else None,
        "system": first("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)') or platform.system(),
        "kernel": f"{platform.system()} {'.'.join(platform.release().split('.')[:2])} ({platform.machine()})",
        "python": platform.python_version(),
    }


def _machine_key(machine: dict) -> str:
    return hashlib.sha256(json.dumps(machine, sort_keys=True).encode()).hexdigest()[:8]


def _git_head(root: Path) -> str | None:
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True)
    return result.stdout.strip() or None if result.returncode == 0 else None


def run_measured(args: list[str], cwd: Path, env: dict | None = None, *, name: str) -> dict:
    """Wall seconds and peak resident memory (the largest single process of the command's tree that
    was waited for, as ``wait4`` reports it) of ``args``; a failure raises :class:`MeasureError`."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.monotonic()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            raise MeasureError(f"{name}: exited with {proc.returncode} after {seconds:.0f} s:\n{log.read()[-3000:]}")
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(usage.ru_maxrss / 1024, 1)}


_PEAK_CELL = "import resource\nprint('peak-rss-kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"


def kernel_peak(notebook: Path, repo: Path) -> dict:
    """Execute ``notebook`` (a copy, in its own folder of the scratch ``repo``) with papermill and
    return the wall seconds and the kernel's own peak resident memory, which a last cell reads."""
    import papermill as pm

    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_PEAK_CELL))
    keys = ("HLJRU_ROOT", "HLJRU_STAGING", "HLJRU_OUTPUTS", "MPLBACKEND")
    saved = {key: os.environ.get(key) for key in keys}
    with tempfile.TemporaryDirectory(prefix="hljru-kernel-") as tmp:
        source, executed = Path(tmp) / "in.ipynb", Path(tmp) / "out.ipynb"
        nbformat.write(nb, source)
        os.environ.update(HLJRU_ROOT=str(repo), HLJRU_STAGING=str(Path(tmp) / "outputs"), MPLBACKEND="Agg")
        os.environ["HLJRU_OUTPUTS"] = str(Path(tmp) / "outputs")
        start = time.monotonic()
        try:
            pm.execute_notebook(
                str(source), str(executed), cwd=str(notebook.parent), kernel_name="python3", progress_bar=False
            )
        finally:
            for key, old in saved.items():
                if old is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = old
        seconds = time.monotonic() - start
        out = nbformat.read(executed, as_version=4).cells[-1].outputs
    text = "".join(o.get("text", "") for o in out)
    match = re.search(r"peak-rss-kib (\d+)", text)
    if not match:
        raise MeasureError(f"{notebook.name}: the kernel did not report its peak memory: {text[-500:]!r}")
    return {"seconds": round(seconds, 1), "peak_rss_mib": round(int(match.group(1)) / 1024, 1)}


# what each step runs in the scratch copy; `setup` builds a new environment there without pip's cache
STEP_COMMANDS = {  # step: (command, note)
    "setup": ("make .venv/.installed", "a new virtual environment from requirements.lock, pip's cache off"),
    "reproduce": ("make reproduce", "every notebook, two kernels at a time"),
    "book_cold": ("make book", "no _build folder"),
    "book_nochange": ("make book", "again, nothing changed"),
    "pdf": ("make pdf", "XeLaTeX, then the HTML that offers the PDF"),
    "test_fast": ("make test-fast", "the tests that execute no notebook and build no book"),
    "test": ("make test", "every test"),
}
STEPS = (*STEP_COMMANDS, "kernels")
# the steps from a fresh machine to the books (the tests aside): the summary's total
WHOLE_RUN = ("system_deps", "setup", "reproduce", "book_cold", "pdf")
# measured by hand only (`--from-time`): on a machine that has the packages it does nothing
HAND_STEPS = {"system_deps": ("make system-deps", "the Debian packages listed above, on a machine without them")}
SCRATCH_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", "*.egg-info", "test-artifacts", ".pytest_cache", "__pycache__", "runs", ".jupyter_cache"
)


def _load_measured() -> dict:
    if MEASURED.is_file():
        return json.loads(MEASURED.read_text(encoding="utf-8"))
    return {"machines": {}, "steps": {}, "kernels": {}, "debian_packages": {}}


def _save_measured(data: dict) -> None:
    MEASURED.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _session(data: dict) -> dict:
    machine = _machine()
    key = _machine_key(machine)
    data["machines"][key] = machine
    return {"machine": key, "date": datetime.date.today().isoformat(), "commit": _git_head(paths.ROOT)}


def _debian_versions(names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        result = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
        if result.returncode == 0 and result.stdout:
            found[name] = result.stdout.strip()
    return found


def measure(steps: list[str], venv: Path, log=print) -> dict:
    """Run ``steps`` in a scratch copy of the repository (the checkout is not touched) and record
    their figures in ``measured.json``; returns the updated figures."""
    data = _load_measured()
    session = _session(data)
    data["debian_packages"] = _debian_versions(debian_packages(paths.ROOT)) or data.get("debian_packages", {})
    with tempfile.TemporaryDirectory(prefix="hljru-measure-") as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(paths.ROOT, repo, ignore=SCRATCH_IGNORE)
        stamp = Path(tmp) / "installed.stamp"
        stamp.touch()
        env = {**os.environ, "HLJRU_ROOT": str(repo)}
        with_venv = [f"VENV={venv}", f"STAMP={stamp}"]
        commands = {
            "setup": ["make", f"{Path(tmp) / 'fresh'}/.installed", f"VENV={Path(tmp) / 'fresh'}"],
            "reproduce": ["make", "reproduce", *with_venv],
            "book_cold": ["make", "book", *with_venv],
            "book_nochange": ["make", "book", *with_venv],
            "pdf": ["make", "pdf", *with_venv],
            "test_fast": ["make", "test-fast", *with_venv],
            "test": ["make", "test", *with_venv],
        }
        for step in [s for s in STEP_COMMANDS if s in steps]:
            log(f"measure: {step} ...")
            step_env = {**env, "PIP_NO_CACHE_DIR": "1"} if step == "setup" else env
            figures = run_measured(commands[step], repo, step_env, name=step)
            figures.update(session, command=STEP_COMMANDS[step][0], load_1min=round(os.getloadavg()[0], 2))
            data["steps"][step] = figures
            log(f"measure: {step}: {figures['seconds']} s, peak {figures['peak_rss_mib']} MiB")
            _save_measured(data)
        if "kernels" in steps:
            for docname in _toc(repo):
                notebook = repo / f"{docname}.ipynb"
                if not notebook.is_file():
                    continue
                log(f"measure: kernel of {docname} ...")
                figures = kernel_peak(notebook, repo)
                figures.update(session, load_1min=round(os.getloadavg()[0], 2))
                data["kernels"][docname] = figures
                log(f"measure: kernel of {docname}: {figures['seconds']} s, peak {figures['peak_rss_mib']} MiB")
                _save_measured(data)
    return data


def from_time_report(step: str, report: Path, command: str | None = None) -> dict:
    """Record a step measured by hand with ``/usr/bin/time -v COMMAND`` (wall time, maximum resident set size)."""
    text = report.read_text(encoding="utf-8", errors="replace")
    elapsed = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    timed = re.search(r'Command being timed: "([^"]+)"', text)
    status = re.search(r"Exit status: (\d+)", text)
    if not (elapsed and peak and timed):
        raise MeasureError(f"{report}: not a report of /usr/bin/time -v")
    if status and status.group(1) != "0":
        raise MeasureError(f"{report}: the command exited with {status.group(1)}")
    seconds = 0.0
    for part in elapsed.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    data = _load_measured()
    figures = {"seconds": round(seconds, 1), "peak_rss_mib": round(int(peak.group(1)) / 1024, 1)}
    figures.update(_session(data), command=command or timed.group(1), how="/usr/bin/time -v")
    data["steps"][step] = figures
    _save_measured(data)
    return figures
