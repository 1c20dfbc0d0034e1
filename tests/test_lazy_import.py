"""Tests of what ``import tipcorpus`` loads, and of the names it gives on first access.

The cases come from the performance issue: ``import tipcorpus`` compiles no pattern and
reads no file, and ``from tipcorpus import Corpus`` loads what a corpus needs and no more.
Each case runs in a fresh interpreter, since the test session has imported everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import tipcorpus

ROOT = Path(__file__).resolve().parents[1]

HEAVY = ["regex", "tomllib", "difflib", "html.parser", "tempfile", "importlib.resources"]


def _loaded_after(statement: str) -> list[str]:
    """The modules of HEAVY and of tipcorpus loaded by ``statement`` in a fresh interpreter."""
    code = (
        f"import sys; {statement}; "
        f"print(' '.join(sorted(m for m in sys.modules if m in {HEAVY!r} "
        "or m.startswith('tipcorpus.'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    return done.stdout.split()


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        pytest.param("import tipcorpus", ["tipcorpus._version"], id="import-tipcorpus"),
        pytest.param(
            "from tipcorpus import Corpus",
            [
                "tipcorpus._version",
                "tipcorpus.corpus",
                "tipcorpus.document",
                "tipcorpus.errors",
                "tipcorpus.model",
                "tipcorpus.reading",
                "tipcorpus.sources",
                "tipcorpus.views",
            ],
            id="from-tipcorpus-import-corpus",
        ),
        pytest.param(
            "from tipcorpus import Statistic",
            ["tipcorpus._version", "tipcorpus.model"],
            id="from-tipcorpus-import-statistic",
        ),
    ],
)
def test_import_loads_only_what_is_needed(statement: str, expected: list[str]) -> None:
    """An import loads only the submodules its names need, and no heavy library."""
    assert _loaded_after(statement) == expected


@pytest.mark.parametrize("name", tipcorpus.__all__)
def test_every_public_name_resolves(name: str) -> None:
    """Every name of ``__all__`` is an attribute of the package and is listed by dir()."""
    assert getattr(tipcorpus, name) is not None
    assert name in dir(tipcorpus)


@pytest.mark.parametrize("name", ["quantities", "normalise"])
def test_function_keeps_its_submodule_name(name: str) -> None:
    """The functions named like their submodules stay functions once those modules load."""
    code = (
        f"import tipcorpus.statistics, tipcorpus; "
        f"print(type(tipcorpus.{name}).__name__, callable(tipcorpus.{name}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.stdout.split() == ["function", "True"]


def test_unknown_name_raises_attribute_error() -> None:
    """An unknown attribute of the package raises AttributeError naming it."""
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = tipcorpus.no_such_name  # type: ignore[attr-defined]
