"""The daemon gateway's shape, read from the source (ast): only `tutor/daemon` imports `docker`,
the daemon layer and the check engine never touch progress, no import cycle in `tutor/daemon`,
and the engine judges from the context it is given (no back-channel to progress or lab state)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "tutor"


def _runtime_nodes(tree: ast.AST):
    """Every node except those under `if TYPE_CHECKING:` (never imported at run time)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", getattr(child.test, "attr", "")) == "TYPE_CHECKING":
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file (function-level imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources():
    return sorted(ROOT.rglob("*.py"))


def test_only_the_daemon_gateway_imports_docker():
    offenders = []
    for path in _sources():
        if path.is_relative_to(ROOT / "daemon"):
            continue
        bad = sorted(m for m in _imports(path) if m == "docker" or m.startswith("docker."))
        if bad:
            offenders.append(f"{path.relative_to(ROOT.parent)}: {bad}")
    assert offenders == []


@pytest.mark.parametrize("where", ["daemon", "checks"])
def test_daemon_layer_and_checks_never_touch_progress(where):
    offenders = [str(p.relative_to(ROOT.parent)) for p in (ROOT / where).rglob("*.py")
                 if any(m == "tutor.progress" or m.startswith("tutor.progress.") for m in _imports(p))
                 or "tutor.contexts" in _imports(p)]
    assert offenders == []


def test_no_import_cycle_inside_the_daemon_gateway():
    files = {_module(p): p for p in (ROOT / "daemon").rglob("*.py")}
    graph = {}
    for name, path in files.items():
        deps = set()
        for m in _imports(path):
            while m and m not in files:
                m = m.rpartition(".")[0]
            if m and m != name and m != "tutor.daemon":
                deps.add(m)
        graph[name] = deps
    cycles = []

    def visit(node, stack):
        for dep in graph.get(node, ()):
            if dep in stack:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif len(stack) < 12:
                visit(dep, stack + [dep])

    for start in graph:
        visit(start, [start])
    assert cycles == []


def test_the_engine_judges_from_the_context_only(monkeypatch):
    """Progress and lab state unreadable: a check with its context still runs and passes."""
    from tests.fakes import FakeView, container
    from tutor import progress
    from tutor.checks.base import CheckContext
    from tutor.checks.engine import run_check
    from tutor.lessonfile import placeholders
    from tutor.model import CheckSpec, Step

    def boom(*a, **k):
        raise AssertionError("the engine reached for a side channel")

    monkeypatch.setattr(progress, "load", boom)
    monkeypatch.setattr(progress, "began_at", boom)
    monkeypatch.setattr(placeholders, "current", boom)
    step = Step(id="t/s", slug="s", kind="task", title="", body="",
                check=CheckSpec("container", {"name": "{user}-web", "state": "running"}))
    view = FakeView(containers=[container("kim-web", "nginx", "running")])
    result = run_check(step, view, CheckContext(step_id="t/s", placeholders={"user": "kim"}))
    assert result.status == "checked" and result.passed, result.problems
