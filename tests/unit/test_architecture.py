"""The shape of the house: who may import the jobs database, and no import cycles anywhere.

The import graph is read from the source (every `import`, at module level or inside a function, since a
deferred import is still a dependency) over the first-party packages of libs/ and services/.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JOBS_LIBRARY = "docrelay_jobs"
# Only these services keep or serve the jobs table.
JOBS_USERS = {"docrelay_gateway", "docrelay_status"}


def first_party_modules() -> dict[str, Path]:
    """Dotted module name -> file, for every package under libs/* and services/*."""
    modules: dict[str, Path] = {}
    for member in [*ROOT.glob("libs/*"), *ROOT.glob("services/*")]:
        for package in member.glob("docrelay_*"):
            for source in package.rglob("*.py"):
                parts = list(source.relative_to(member).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                modules[".".join(parts)] = source
    return modules


def imports_of(source: Path, module: str, known: dict[str, Path]) -> Iterator[str]:
    """The first-party modules `module` imports (an imported name that is a module counts as one)."""
    package = module if source.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    yield f"{base}.{alias.name}"
                elif base in known:
                    yield base


def import_graph() -> dict[str, set[str]]:
    known = first_party_modules()
    return {module: set(imports_of(path, module, known)) - {module} for module, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read() -> None:
    graph = import_graph()
    assert "docrelay_common.stage_tasks" in graph["docrelay_extractor.worker"]
    assert "docrelay_jobs.store" in graph["docrelay_gateway.lifecycle"]
    # A package-relative or deferred import counts too.
    assert "docrelay_common.metrics" in graph["docrelay_common.worker_observability"]


def test_no_import_cycles_anywhere() -> None:
    assert cycles(import_graph()) == []


def test_a_planted_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_shared_contract_does_not_import_the_jobs_database() -> None:
    graph = import_graph()
    offences = [
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.startswith("docrelay_common")
        for target in targets
        if target.startswith(JOBS_LIBRARY)
    ]
    assert offences == []


def test_only_the_gateway_and_status_import_the_jobs_database() -> None:
    importers = {
        module.split(".")[0]
        for module, targets in import_graph().items()
        if any(target.startswith(JOBS_LIBRARY) for target in targets)
    }
    assert importers - {JOBS_LIBRARY} == JOBS_USERS
