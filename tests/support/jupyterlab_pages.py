"""A real JupyterLab server of one of the project's environments, and a reader's view of it in Chromium.

:class:`LabServer` starts ``jupyter lab`` from an environment's ``bin`` folder on a loopback port,
with a token, serving a folder (the tests give it a scratch copy of the repository, so that nothing
committed changes), with Jupyter folders and settings of its own: nothing of this machine's user
is read. tests/test_binder_layers.py runs one from Binder's layered environment, tests/book/test_jupyterlab.py
one from the runtime set (``.venv/lab``, what `make lab` opens).

:func:`start`, :func:`open_notebook`, :func:`run_all` and :func:`reader_view` drive a page of that
server as a reader does (open a chapter, *Run* → *Run All Cells*) through JupyterLab's own commands,
and read what the page shows: the rendered Markdown cells, each code cell's outputs, the tables, the mathematics, and
the "This run in numbers" tables (:mod:`heilongjiang_russia.present.glue`).
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

LOCAL = "127.0.0.1"

# JupyterLab settings for a test: every cell attached to the page at once (JupyterLab's default draws only
# the cells on screen; the cells render the same either way), no question about news or updates
TEST_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
}


class LabServer:
    """A running ``jupyter lab`` of the environment ``bin``, serving ``root``; ``env`` sets variables (or,
    with None, removes them).

    ``settings`` are written as the user's JupyterLab settings. The browser reaches the app as
    ``window.jupyterapp``.
    """

    def __init__(
        self,
        bin: Path,
        root: Path,
        home: Path,
        env: dict[str, str | None] | None = None,
        settings: dict | None = None,
    ):
        self.bin, self.root, self.token = bin, root, secrets.token_hex(16)
        with socket.socket() as s:
            s.bind((LOCAL, 0))
            self.port = s.getsockname()[1]
        self.url = f"http://{LOCAL}:{self.port}"
        home.mkdir(parents=True, exist_ok=True)
        for name, values in (settings or {}).items():
            target = home / "settings" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        process_env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
        process_env |= {
            "PATH": f"{bin}{os.pathsep}{os.environ.get('PATH', '')}",
            # no settings of this machine's user
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "IPYTHONDIR": str(home / "ipython"),
        }
        for name, value in (env or {}).items():  # None: the variable is not passed on
            if value is None:
                process_env.pop(name, None)
            else:
                process_env[name] = value
        self.log = home / "server.log"
        args = [
            str(bin / "jupyter"),
            "lab",
            "--no-browser",
            "--allow-root",  # CI runs as root; Binder does not
            f"--ip={LOCAL}",
            f"--port={self.port}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp, for the browser tests
        ]
        self.started = time.monotonic()
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(args, env=process_env, stdout=log, stderr=subprocess.STDOUT)
        self.wait_until_ready()
        self.ready = time.monotonic() - self.started

    def request(self, path: str, method: str = "GET") -> tuple[int, str]:
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def get(self, path: str) -> tuple[int, str]:
        return self.request(path)

    def wait_until_ready(self, timeout: float = 90) -> None:
        while time.monotonic() - self.started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab stopped (exit {self.proc.returncode}):\n{self.log_text()[-4000:]}")
            try:
                if self.get("/api/status")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{self.log_text()[-4000:]}")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def shut_down_kernels(self) -> None:
        """End every session (and its kernel), as *Kernel* → *Shut Down All Kernels* does."""
        for session in json.loads(self.get("/api/sessions")[1]):
            self.request(f"/api/sessions/{session['id']}", method="DELETE")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# -- a reader's page -------------------------------------------------------------------------------

_READY = """(path) => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || panel.context.path !== path || !panel.context.isReady) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!(kernel && kernel.status === 'idle');
}"""

_DONE = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const code = [...panel.content.model.cells].filter(c => c.type === 'code');
  const failed = code.some(c => [...Array(c.outputs.length).keys()].some(i => c.outputs.get(i).type === 'error'));
  const kernel = panel.sessionContext.session.kernel;
  return kernel.status === 'idle' && (failed || code.every(c => c.executionCount !== null));
}"""

# What the page shows, cell by cell: a Markdown cell's rendering, a code cell's outputs; the tables a
# reader can see (by the label the chapter gives them), the mathematics typeset, the "This run in
# numbers" tables; and, from the notebook's model, what the outputs hold.
_VIEW = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const seen = el => !!(el && (el.offsetParent || el.getClientRects().length));
  const MATH = '.katex, mjx-container, .MathJax, math';
  return panel.content.widgets.map((cell, index) => {
    const model = cell.model, view = {index, kind: model.type, source: model.sharedModel.getSource()};
    view.math = [...cell.node.querySelectorAll(MATH)].filter(e => !e.parentElement.closest(MATH)).map(
      e => (e.closest('p, td, th, figcaption, li') || e).innerText.slice(0, 160));
    if (model.type === 'markdown') {
      view.rendered = cell.rendered;
      const shown = cell.node.querySelector('.jp-MarkdownOutput, .myst');
      view.text = seen(shown) ? shown.innerText : '';
      return view;
    }
    if (model.type !== 'code') return view;
    view.outputs = [];
    for (let i = 0; i < model.outputs.length; i++) {
      const out = model.outputs.get(i).toJSON();
      view.outputs.push({type: out.output_type, markdown: (out.data || {})['text/markdown'] || null,
                         error: out.output_type === 'error' ? `${out.ename}: ${out.evalue}` : null});
    }
    const area = cell.outputArea.node;
    view.text = area.innerText;
    view.trimmed = !!area.querySelector('.jp-TrimmedOutputs');
    view.tables = [...area.querySelectorAll('figure[id] table')].filter(seen).map(t => t.closest('figure').id);
    view.numbers = {};
    for (const out of area.querySelectorAll('.jp-OutputArea-output')) {
      if (!seen(out) || !out.innerText.startsWith('This run in numbers')) continue;
      for (const row of out.querySelectorAll('tr')) {
        const cells = row.querySelectorAll('td');
        if (cells.length === 2 && seen(row)) view.numbers[cells[0].innerText.trim()] = cells[1].innerText.trim();
      }
    }
    return view;
  });
}"""


def start(page, server: LabServer, timeout: float = 120) -> None:
    """Load JupyterLab in ``page`` with a fresh workspace (no document open)."""
    page.goto(f"{server.url}/lab?reset&token={server.token}")
    page.wait_for_function("() => !!window.jupyterapp", timeout=timeout * 1000, polling=200)
    page.evaluate("async () => { await window.jupyterapp.restored; }")


def open_notebook(page, notebook: str, timeout: float = 120) -> None:
    """Open ``notebook`` (relative to the server's root) as *File* → *Open* does, and wait until its
    kernel is started and idle."""
    page.evaluate(
        """async (path) => {
          const app = window.jupyterapp;
          const widget = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
          app.shell.activateById(widget.id);
        }""",
        notebook,
    )
    page.wait_for_function(_READY, arg=notebook, timeout=timeout * 1000, polling=200)


def close_notebook(page) -> None:
    """Close the current notebook without saving it (a reader's run changes no file)."""
    page.evaluate(
        """() => {
          const panel = window.jupyterapp.shell.currentWidget;
          if (!panel || !panel.context) return;  // no notebook opened
          panel.context.model.dirty = false;
          panel.dispose();
        }"""
    )


_STATE = """() => {
  const panel = window.jupyterapp.shell.currentWidget, session = panel.sessionContext.session;
  return {path: panel.context.path, kernel: session && session.kernel && session.kernel.status,
          connection: session && session.kernel && session.kernel.connectionStatus,
          execution_counts: [...panel.content.model.cells].filter(c => c.type === 'code').map(c => c.executionCount)};
}"""


def run_all(page, timeout: float = 300) -> None:
    """*Run* → *Run All Cells*, after clearing the outputs, until the kernel is idle with every code cell
    executed, or a cell failed (JupyterLab then stops)."""
    from playwright.sync_api import TimeoutError

    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    try:
        page.wait_for_function(_DONE, timeout=timeout * 1000, polling=250)
    except TimeoutError:
        raise AssertionError(f"Run All Cells did not finish within {timeout} s: {page.evaluate(_STATE)}") from None


def reader_view(page, settle: float = 0.5, timeout: float = 30) -> list[dict]:
    """What the page shows, once two readings ``settle`` seconds apart agree (rendering is asynchronous)."""
    last, started = None, time.monotonic()
    while True:
        view = page.evaluate(_VIEW)
        if view == last or time.monotonic() - started > timeout:
            return view
        last = view
        page.wait_for_timeout(settle * 1000)


def set_parameter(page, name: str, value: str) -> str:
    """Write ``name = value`` in the cell tagged ``parameters``, as a reader edits it; returns the new source."""
    return page.evaluate(
        """([name, value]) => {
          const panel = window.jupyterapp.shell.currentWidget;
          const cell = panel.content.widgets.find(c => (c.model.getMetadata('tags') || []).includes('parameters'));
          const source = cell.model.sharedModel.getSource();
          const line = new RegExp('^' + name + ' = [^#\\\\n]*?(\\\\s*#|$)', 'm');
          if (!line.test(source)) throw new Error('no parameter ' + name);
          cell.model.sharedModel.setSource(source.replace(line, (m, tail) => name + ' = ' + value + tail));
          return cell.model.sharedModel.getSource();
        }""",
        [name, value],
    )
