"""The shape of tutor/ (ARCHITECTURE.md), checked from the source with `ast`, nothing imported.

- no import cycle between modules, function-level imports included;
- only `tutor/daemon` imports the docker SDK (requests/urllib3 too: the gateway owns the wire);
- modules stay at most 300 lines;
- no module defines the same top-level function or class twice (a merged module once did).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tutor"
MAX_LINES = 300


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """Every tutor module `name` imports, anywhere in the file (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out.update(f"{base}.{a.name}" for a in node.names)  # `from tutor.checks import engine`
    # Only edges to tutor modules; a package's __init__ runs first but ours hold no imports.
    return {m for m in out if m in MODULES and m != name}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _runtime_nodes(tree: ast.AST):
    """Every node except those under `if TYPE_CHECKING:` (annotations only, never executed)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                todo.extend(child.orelse)
            else:
                todo.append(child)


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_package_inits_hold_no_imports():
    """So that importing `tutor.x.y` adds no hidden edge through `tutor/x/__init__.py`."""
    for name, path in MODULES.items():
        if path.name == "__init__.py" and name != "tutor":
            assert not GRAPH[name], name


def test_no_import_cycles():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_one():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("sdk", ["docker", "requests", "urllib3"])
def test_only_the_daemon_gateway_imports_the_sdk(sdk):
    importers = []
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in _runtime_nodes(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(n == sdk or n.startswith(sdk + ".") for n in names):
                importers.append(name)
    outside = sorted({m for m in importers if not m.startswith("tutor.daemon")})
    assert outside == []


# Known offenders, each with its owner; the test fails when one is fixed (remove it here then).
TOO_LONG_FOR_NOW: dict[str, str] = {}  # tutor.progress: its model and file format are now tutor.progress_model


def test_modules_are_at_most_300_lines():
    long = {name for name, path in MODULES.items() if len(path.read_text(encoding="utf-8").splitlines()) > MAX_LINES}
    assert long == set(TOO_LONG_FOR_NOW)


def test_no_top_level_name_defined_twice():
    twice = []
    for name, path in MODULES.items():
        seen: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                if node.name in seen:
                    twice.append(f"{name}.{node.name}")
                seen.add(node.name)
    assert twice == []


# The self-test used to point paths at its own practice folder through os.environ; it now keeps
# its {workdir} and {user} in its own placeholders and its CLI env in its own dict.
ENV_WRITERS_FOR_NOW: set[str] = set()


def test_docker_tutor_variables_are_read_only_in_settings():
    """One settings object: no other module reads or writes a DOCKER_TUTOR_* variable."""
    readers = set()
    for name, path in MODULES.items():
        if name == "tutor.settings":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("DOCKER_TUTOR_"):
                readers.add(name)
    assert readers == ENV_WRITERS_FOR_NOW


def test_prepare_reads_only_keys_the_schema_accepts():
    """The gateway's prepare must not read keys a lesson can never give (dead, misleading code)."""
    from tutor.lessonfile import schema

    allowed = {key for spec in schema.PREPARE.values() if hasattr(spec, "fields") for key in spec.fields}
    tree = ast.parse((PACKAGE / "daemon" / "actions.py").read_text(encoding="utf-8"))
    read = {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "spec"
            and node.args and isinstance(node.args[0], ast.Constant)}
    read |= {node.slice.value for node in ast.walk(tree)
             if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "spec"
             and isinstance(node.slice, ast.Constant)}
    assert read - allowed == set()
