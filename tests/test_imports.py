"""Tests of how the package's modules import one another: one way, and by public names only.

One way means no cycle, and no import of a module of a later stage of the pipeline
(``STAGES``, which the architecture page of the documentation lists too).

Every import counts, those inside functions included, except those under
``if TYPE_CHECKING:`` (which never run).
The checks read the source with :mod:`ast`, so they see imports that a test run would
not trigger.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest

import tipcorpus

PACKAGE = Path(tipcorpus.__file__).parent
NAME = "tipcorpus"

#: The stages of the pipeline, from the first, and the modules of each: a module imports
#: at run time only modules of its own stage or of an earlier one. Every module of the
#: package is in one stage (a new module is placed here), and
#: ``docs/explanation/architecture.md`` lists the same stages with the same modules.
STAGES: dict[str, tuple[str, ...]] = {
    "Value types": (
        "tipcorpus._version",
        "tipcorpus._text",
        "tipcorpus.errors",
        "tipcorpus.display",
        "tipcorpus.citations",
        "tipcorpus.model",
        "tipcorpus.tabular",
    ),
    "Text reading": (
        "tipcorpus.reading",
        "tipcorpus.ingest",
        "tipcorpus.structure",
        "tipcorpus.tables",
    ),
    "Recognisers": (
        "tipcorpus.quantities",
        "tipcorpus.normalise",
        "tipcorpus.periods",
        "tipcorpus.agencies",
        "tipcorpus.pillars",
        "tipcorpus.catalogue",
        "tipcorpus.measures",
    ),
    "Attribution": (
        "tipcorpus.rules",
        "tipcorpus.attribution",
        "tipcorpus.attribution.context",
        "tipcorpus.attribution.cells",
        "tipcorpus.attribution.role",
        "tipcorpus.attribution.unit",
        "tipcorpus.attribution.period",
        "tipcorpus.attribution.agencies",
        "tipcorpus.attribution.pillar",
        "tipcorpus.attribution.vetoes",
        "tipcorpus.statistics",
    ),
    "Documents": (
        "tipcorpus.document",
        "tipcorpus.sources",
    ),
    "Input and output": (
        "tipcorpus.export",
        "tipcorpus.render",
        "tipcorpus.cache",
        "tipcorpus.parallel",
    ),
    "Corpus API": (
        "tipcorpus.results",
        "tipcorpus.views",
        "tipcorpus.corpus",
        "tipcorpus.evaluation",
        "tipcorpus",
    ),
    "Command line": (
        "tipcorpus.cli",
        "tipcorpus.__main__",
    ),
}
ARCHITECTURE = Path(__file__).resolve().parents[1] / "docs" / "explanation" / "architecture.md"


class Import(NamedTuple):
    """One ``import`` or ``from ... import`` of a package module, as written."""

    target: str
    names: tuple[str, ...]
    line: int
    runtime: bool


def _module_name(path: Path, root: Path, package: str) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    name = ".".join((package, *parts))
    return name.removesuffix(".__init__")


def _package_sources() -> dict[str, str]:
    """Module name → source text, for every module of the installed package."""
    return {
        _module_name(path, PACKAGE, NAME): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """The ids of every node inside the body of an ``if TYPE_CHECKING:`` block."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for statement in node.body:
                skip.update(id(inner) for inner in ast.walk(statement))
    return skip


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    """The absolute module a ``from`` import reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def _imports(module: str, source: str, modules: Mapping[str, str]) -> Iterator[Import]:
    """The imports of package modules in ``source`` (the module ``module``)."""
    package = module.split(".", maxsplit=1)[0]
    tree = ast.parse(source)
    skip = _type_checking_nodes(tree)
    is_package = any(other.startswith(module + ".") for other in modules)
    for node in ast.walk(tree):
        runtime = id(node) not in skip
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == package:
                    yield Import(alias.name, (), node.lineno, runtime)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, node, is_package)
            if base.split(".")[0] != package:
                continue
            names = tuple(alias.name for alias in node.names)
            # ``from tipcorpus import corpus`` imports the module tipcorpus.corpus.
            submodules = [n for n in names if f"{base}.{n}" in modules]
            for name in submodules:
                yield Import(f"{base}.{name}", (), node.lineno, runtime)
            rest = tuple(n for n in names if n not in submodules)
            if rest:
                yield Import(base, rest, node.lineno, runtime)


def _graph(modules: Mapping[str, str]) -> dict[str, set[str]]:
    """Module → the package modules it imports at run time."""
    graph: dict[str, set[str]] = {}
    for module, source in modules.items():
        targets = set()
        for imported in _imports(module, source, modules):
            target = imported.target
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if imported.runtime and target and target != module:
                targets.add(target)
        graph[module] = targets
    return graph


def _cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """An import cycle as the path of modules that closes it, or None when there is none."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(module: str) -> list[str] | None:
        path.append(module)
        on_path.add(module)
        for target in sorted(graph.get(module, ())):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                found = visit(target)
                if found is not None:
                    return found
        path.pop()
        on_path.discard(module)
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done:
            found = visit(module)
            if found is not None:
                return found
    return None


def _private_imports(module: str, modules: Mapping[str, str]) -> list[str]:
    """``line: from module import _name`` for each private name ``module`` imports.

    A private module (``tipcorpus._text``) is the package's shared helper and may be
    imported; a private name of another module may not, under ``TYPE_CHECKING`` neither.
    Dunder names (``__version__``) are public.
    """
    found: list[tuple[int, str]] = []
    for imported in _imports(module, modules[module], modules):
        if imported.target == module:
            continue
        for name in imported.names:
            if name.startswith("_") and not (name.startswith("__") and name.endswith("__")):
                found.append(
                    (imported.line, f"{imported.line}: from {imported.target} import {name}")
                )
    return [text for _, text in sorted(found)]


def _upward_imports(
    graph: Mapping[str, set[str]], stages: Mapping[str, Sequence[str]]
) -> list[str]:
    """``module -> target`` for each run-time import of a module from a later stage."""
    rank = {m: i for i, members in enumerate(stages.values()) for m in members}
    names = list(stages)
    return [
        f"{module} ({names[rank[module]]}) -> {target} ({names[rank[target]]})"
        for module in sorted(graph)
        for target in sorted(graph[module])
        if module in rank and target in rank and rank[target] > rank[module]
    ]


_STAGE_HEADING = re.compile(r"^## (?:\d+\. )?(?P<stage>.+?)\s*$", re.MULTILINE)
_MODULES_LINE = re.compile(r"^Modules: (?P<names>(?:.+\n)+)", re.MULTILINE)


def _page_stages(page: str) -> dict[str, list[str]]:
    """Stage → modules, as a page lists them: a heading per stage, then ``Modules: ...``."""
    found: dict[str, list[str]] = {}
    headings = list(_STAGE_HEADING.finditer(page))
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following is not None else len(page)
        listed = _MODULES_LINE.search(page, heading.end(), end)
        if listed is not None:
            names = re.findall(r"`([\w.]+)`", listed.group("names"))
            found[heading.group("stage")] = names
    return found


# --------------------------------------------------------------------- the checks themselves

CYCLE_CASES = [
    pytest.param(
        {"pkg": "", "pkg.a": "import pkg.b\n", "pkg.b": "x = 1\n"},
        None,
        id="one-way",
    ),
    pytest.param(
        {
            "pkg": "",
            "pkg.a": "from pkg.b import f\n",
            "pkg.b": "def g():\n    from pkg.a import h\n",
        },
        ["pkg.a", "pkg.b", "pkg.a"],
        id="function-level-import-closes-a-cycle",
    ),
    pytest.param(
        {
            "pkg": "",
            "pkg.a": "from pkg.b import f\n",
            "pkg.b": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import h\n"
            ),
        },
        None,
        id="type-checking-import-is-no-cycle",
    ),
    pytest.param(
        {
            "pkg": "",
            "pkg.a": "from pkg import b\n",
            "pkg.b": "from pkg.c import f\n",
            "pkg.c": "def g():\n    import pkg.a\n",
        },
        ["pkg.a", "pkg.b", "pkg.c", "pkg.a"],
        id="submodule-by-from-package-import",
    ),
    pytest.param(
        {"pkg": "", "pkg.a": "from .b import f\n", "pkg.b": "from . import a\n"},
        ["pkg.a", "pkg.b", "pkg.a"],
        id="relative-imports",
    ),
    pytest.param(
        {"pkg": "", "pkg.a": "import os\nfrom collections import abc\n"},
        None,
        id="other-packages-ignored",
    ),
]


@pytest.mark.parametrize(("modules", "cycle"), CYCLE_CASES)
def test_cycle_finder_sees_every_runtime_import(
    modules: dict[str, str], cycle: list[str] | None
) -> None:
    """The cycle check counts function-level and relative imports, not TYPE_CHECKING ones."""
    assert _cycle(_graph(modules)) == cycle


PRIVATE_CASES = [
    pytest.param("from pkg.b import _helper\n", ["1: from pkg.b import _helper"], id="private"),
    pytest.param(
        "def f():\n    from pkg.b import _helper\n",
        ["2: from pkg.b import _helper"],
        id="in-function",
    ),
    pytest.param(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import _T\n",
        ["3: from pkg.b import _T"],
        id="type-checking-too",
    ),
    pytest.param("from pkg.b import helper as _helper\n", [], id="public-name-private-alias"),
    pytest.param("from pkg._util import helper\n", [], id="private-module-public-name"),
    pytest.param("from pkg._util import __version__\n", [], id="dunder"),
]


@pytest.mark.parametrize(("source", "expected"), PRIVATE_CASES)
def test_private_name_finder(source: str, expected: list[str]) -> None:
    """A private name imported from another module is found wherever the import is."""
    modules = {"pkg": "", "pkg.a": source, "pkg.b": "", "pkg._util": ""}
    assert _private_imports("pkg.a", modules) == expected


LAYER_CASES = [
    pytest.param({"pkg.a": {"pkg.b"}, "pkg.b": set()}, [], id="down"),
    pytest.param({"pkg.a": {"pkg.c"}, "pkg.c": set()}, [], id="same-stage"),
    pytest.param(
        {"pkg.b": {"pkg.a"}, "pkg.a": set()},
        ["pkg.b (low) -> pkg.a (high)"],
        id="up",
    ),
]


@pytest.mark.parametrize(("graph", "expected"), LAYER_CASES)
def test_upward_import_finder(graph: dict[str, set[str]], expected: list[str]) -> None:
    """An import of a module of a later stage is found; one of the same or an earlier is not."""
    stages = {"low": ("pkg.b",), "high": ("pkg.a", "pkg.c")}
    assert _upward_imports(graph, stages) == expected


def test_page_stages_reads_headings_and_module_lines() -> None:
    """A page's stages are its second-level headings, each with its ``Modules:`` line."""
    page = (
        "# Title\n\nIntro naming `pkg.x`.\n\n## 1. Low\n\nProse about `pkg.y`.\n\n"
        "Modules: `pkg.a`,\n`pkg.b`.\n\n## 2. High\n\nModules: `pkg.c`.\n"
    )
    assert _page_stages(page) == {"Low": ["pkg.a", "pkg.b"], "High": ["pkg.c"]}


# --------------------------------------------------------------------- the package

SOURCES = _package_sources()


def test_the_package_is_found() -> None:
    """The checks below read every module of the package, this one's neighbours included."""
    assert {"tipcorpus", "tipcorpus.corpus", "tipcorpus.document", "tipcorpus.sources"} <= set(
        SOURCES
    )


def test_no_runtime_import_cycle() -> None:
    """No chain of run-time imports among the package's modules leads back to its start."""
    cycle = _cycle(_graph(SOURCES))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize("module", sorted(SOURCES))
def test_no_private_name_imported(module: str) -> None:
    """A module imports only public names of the package's other modules."""
    assert _private_imports(module, SOURCES) == []


def test_every_module_is_in_one_stage() -> None:
    """Every module of the package is placed in exactly one stage of ``STAGES``."""
    placed = [m for members in STAGES.values() for m in members]
    assert sorted(m for m in set(placed) if placed.count(m) > 1) == [], "placed twice"
    assert sorted(set(SOURCES) - set(placed)) == [], "in no stage: add it to STAGES"
    assert sorted(set(placed) - set(SOURCES)) == [], "in STAGES but not in the package"


def test_imports_run_from_later_stages_to_earlier() -> None:
    """A module imports at run time only modules of its own stage or an earlier one."""
    assert _upward_imports(_graph(SOURCES), STAGES) == []


def test_architecture_page_lists_the_stages() -> None:
    """The architecture page lists the stages of ``STAGES`` in order, each with its modules."""
    page = _page_stages(ARCHITECTURE.read_text(encoding="utf-8"))
    assert list(page) == list(STAGES)
    for stage, members in STAGES.items():
        assert sorted(page[stage]) == sorted(members), stage
