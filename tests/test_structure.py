"""The package's shape: modules import downwards only (no cycle), and none hides an import in a function."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from heilongjiang_russia import paths

PACKAGE = paths.ROOT / "src" / "heilongjiang_russia"


def module_name(file: Path) -> str:
    rel = file.relative_to(PACKAGE).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts) or "__init__"


def _targets(node: ast.ImportFrom | ast.Import, package: list[str], known: set[str]) -> set[str]:
    """The top-level package modules an import names; ``package`` is the importing file's package inside ours."""
    if isinstance(node, ast.Import):
        return {a.name.split(".")[1] for a in node.names if a.name.startswith("heilongjiang_russia.")}
    if node.level == 0:
        if not (node.module or "").startswith("heilongjiang_russia"):
            return set()
        full = node.module.split(".")[1:]
    else:
        full = package[: len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
    if full:
        return {full[0]}
    return {a.name for a in node.names if a.name in known}


@functools.cache
def import_graph() -> tuple[dict[str, set[str]], list[str]]:
    """Top-level module -> the top-level package modules it imports; and every import inside a function."""
    files = sorted(PACKAGE.rglob("*.py"))
    known = {module_name(f).split(".")[0] for f in files}
    graph: dict[str, set[str]] = {name: set() for name in known}
    hidden = []
    for file in files:
        top = module_name(file).split(".")[0]
        package = list(file.relative_to(PACKAGE).parent.parts)
        tree = ast.parse(file.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
        inside = {id(n) for f in functions for n in ast.walk(f) if isinstance(n, ast.Import | ast.ImportFrom)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                targets = _targets(node, package, known) - {top}
                graph[top] |= targets
                if targets and id(node) in inside:
                    hidden.append(f"{file.relative_to(paths.ROOT)}:{node.lineno} imports {', '.join(sorted(targets))}")
    return graph, hidden


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_import_graph_is_acyclic():
    graph, _ = import_graph()
    assert {"pipeline", "runner", "variants", "orchestrate", "cli"} <= set(graph)
    assert "runner" in graph["variants"] and "variants" in graph["orchestrate"]  # the graph is read, not empty
    assert cycles(graph) == []


def test_no_package_import_hides_inside_a_function():
    """A function-level import of a package module is how a cycle hides; third-party lazy imports are fine."""
    _, hidden = import_graph()
    assert hidden == []


def test_the_layers_import_downwards():
    graph, _ = import_graph()
    assert not {"runner", "variants", "orchestrate", "cli"} & graph["pipeline"]
    assert not {"variants", "orchestrate", "cli"} & graph["runner"]
    assert "cli" not in graph["orchestrate"]
