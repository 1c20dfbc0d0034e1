"""Tests of the built wheel, installed into a fresh virtual environment.

They check what a user gets from ``pip install tipcorpus``: the bundled corpus
(``tipcorpus/seeds``, byte-identical to ``seeds/`` of the repository), the ``py.typed``
marker, the reference data files, and a working ``Corpus.default()`` away from the
source checkout.
Building needs the build backend and installing needs the dependencies, both from PyPI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from attrs import frozen

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "src" / "tipcorpus" / "data"

pytestmark = pytest.mark.slow


@frozen
class Installed:
    """A virtual environment with the wheel installed."""

    python: Path
    package: Path
    workdir: Path


def _env() -> dict[str, str]:
    """Return the environment without anything that would import the checkout instead."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def _run(args: list[str | Path], cwd: Path) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, args))} exited {result.returncode}:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """Build the wheel, make a virtual environment, and install the wheel into it."""
    base = tmp_path_factory.mktemp("wheel")
    env_dir = base / "venv"
    try:
        venv.EnvBuilder(with_pip=True).create(env_dir)
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"cannot create a virtual environment with pip here: {error}")
    bindir = "Scripts" if sys.platform == "win32" else "bin"
    python = env_dir / bindir / ("python.exe" if sys.platform == "win32" else "python")
    dist = base / "dist"
    _run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, ROOT], cwd=base)
    wheels = sorted(dist.glob("tipcorpus-*.whl"))
    assert len(wheels) == 1, wheels
    _run([python, "-m", "pip", "install", "--quiet", wheels[0]], cwd=base)
    workdir = base / "elsewhere"
    workdir.mkdir()
    package = _run(
        [python, "-c", "import pathlib, tipcorpus; print(pathlib.Path(tipcorpus.__file__).parent)"],
        cwd=workdir,
    ).strip()
    return Installed(python=python, package=Path(package), workdir=workdir)


def test_installed_package_is_not_the_checkout(installed: Installed) -> None:
    """The wheel's package is imported from the virtual environment, not from src/."""
    assert installed.package.is_relative_to(installed.python.parents[1])
    assert not installed.package.is_relative_to(ROOT)


def test_default_corpus_from_wheel(installed: Installed) -> None:
    """Corpus.default() of the installed package finds the five bundled reports."""
    code = "import tipcorpus; c = tipcorpus.Corpus.default(); print(len(c))"
    assert _run([installed.python, "-c", code], cwd=installed.workdir).strip() == "5"


def test_bundled_seeds_dir_inside_package(installed: Installed) -> None:
    """bundled_seeds_dir() of the installed package is its own tipcorpus/seeds."""
    code = "from tipcorpus.catalogue import bundled_seeds_dir; print(bundled_seeds_dir())"
    found = _run([installed.python, "-c", code], cwd=installed.workdir).strip()
    assert Path(found) == installed.package / "seeds"


SEED_FILES = sorted(p.name for p in SEEDS.iterdir() if p.is_file())


@pytest.mark.parametrize("name", SEED_FILES)
def test_wheel_has_seed(installed: Installed, name: str) -> None:
    """Each file of seeds/ (the reports and catalogue.toml) is in the wheel, byte for byte."""
    assert (installed.package / "seeds" / name).read_bytes() == (SEEDS / name).read_bytes()


def test_seeds_are_catalogue_and_five_reports() -> None:
    """The seeds the wheel must carry are a catalogue and five reports."""
    assert "catalogue.toml" in SEED_FILES
    assert len([n for n in SEED_FILES if n.endswith(".txt")]) == 5


DATA_FILES = sorted(p.name for p in DATA.iterdir() if p.is_file())


@pytest.mark.parametrize("name", DATA_FILES)
def test_wheel_has_data_file(installed: Installed, name: str) -> None:
    """Each reference data file of src/tipcorpus/data is in the wheel, byte for byte."""
    assert (installed.package / "data" / name).read_bytes() == (DATA / name).read_bytes()


def test_wheel_has_typing_marker(installed: Installed) -> None:
    """The wheel carries py.typed, so type checkers use the package's annotations."""
    assert (installed.package / "py.typed").is_file()
