"""The package's layering: no import cycle of any kind, and a layer contract kept short.

import-linter (run by CI as ``lint-imports``) checks that no layer imports a layer above it;
these tests check what a layers contract cannot: that no modules import each other in a loop
inside a layer, counting every import (module level, inside functions, under TYPE_CHECKING),
and that the contract itself stays as the architecture page describes it.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import defcoop

PACKAGE = Path(defcoop.__file__).parent
PYPROJECT = Path(__file__).parents[1] / "pyproject.toml"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(module: str, path: Path, modules: frozenset[str]) -> Iterator[str]:
    """Every defcoop module ``module`` imports, wherever the import statement stands."""

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # ``from package import module`` depends on that module (as import-linter counts
            # it), ``from module import name`` on the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target.startswith("defcoop"):
                found = resolve(target)
                if found is not None and found != module:
                    yield found


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports, by any kind of import."""
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = frozenset(paths)
    return {name: set(_imported(name, path, modules)) for name, path in paths.items()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other in a loop (strongly connected, size > 1).

    >>> cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}})
    [['a', 'b']]
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        # Tarjan's algorithm, iteratively: the work stack holds (module, its next targets).
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            advanced = False
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    advanced = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return sorted(found)


def test_no_module_imports_itself_through_others() -> None:
    """No import cycle of any kind: module level, inside functions or under TYPE_CHECKING."""
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_planted_loop() -> None:
    """A loop planted between two real modules is found, so the check above can fail."""
    graph = import_graph()
    graph["defcoop.model.dates"].add("defcoop.query.results")
    assert any("defcoop.model.dates" in group for group in cycles(graph))


@pytest.fixture(scope="module")
def contract() -> dict[str, object]:
    settings = tomllib.loads(PYPROJECT.read_text("utf-8"))["tool"]["importlinter"]
    (layers,) = [c for c in settings["contracts"] if c["type"] == "layers"]
    return {**settings, **layers}


def test_layers_are_the_subpackages_and_few(contract: dict[str, object]) -> None:
    """At most eight layers, each a subpackage or a small top-level module of the package."""
    layers = contract["layers"]
    assert isinstance(layers, list)
    assert len(layers) <= 8
    for layer in layers:
        for name in str(layer).replace(":", "|").split("|"):
            target = PACKAGE / name.strip()
            assert target.is_dir() or target.with_suffix(".py").is_file(), name


def test_the_contract_counts_every_import_and_ignores_none(contract: dict[str, object]) -> None:
    """Imports under TYPE_CHECKING count, and no import is exempted from the layers."""
    assert contract.get("exclude_type_checking_imports") is False
    assert "ignore_imports" not in contract
