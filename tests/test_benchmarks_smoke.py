"""Smoke test of the benchmark scripts, benchmarks/run.py and gigabyte.py, and their corpus.

Each script runs on a tiny size in a fresh interpreter (some 20 and 10 seconds, hence
``slow``); gigabyte.py runs on three synthetic documents of 0.1 MB.
The tests check what the scripts print and the JSON they write, never the figures, which depend on
the machine.
The synthetic generator is checked for being seeded and sized as asked.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"

STAGES = ["quantities", "parse_structure", "find_periods", "find_agencies", "pipeline"]


def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("synthetic", BENCHMARKS / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    """Run benchmarks/run.py once on 0.2 MB; return what it printed and the JSON written."""
    out = tmp_path_factory.mktemp("bench") / "out.json"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--mb", "0.2", "--json", str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=600,
    )
    return done.stdout, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "row",
    [
        "import tipcorpus",
        "Corpus.default()",
        *(f"{stage}: MB/s" for stage in STAGES),
        "peak memory",
        "time ratios",
        "quantulum3",
    ],
)
def test_table_has_row(bench_run: tuple[str, dict[str, object]], row: str) -> None:
    """The printed table has a row for each measure."""
    printed, _ = bench_run
    assert row in printed


@pytest.mark.slow
@pytest.mark.parametrize(
    "key",
    [
        "mb",
        "import_seconds",
        "cold_query_seconds",
        "throughput_mb_per_s",
        "peak_memory_mb_per_mb",
        "linearity",
        "quantulum3",
    ],
)
def test_json_has_key(bench_run: tuple[str, dict[str, object]], key: str) -> None:
    """The JSON file has every measure."""
    _, result = bench_run
    assert key in result


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["seeds", "synthetic"])
def test_json_throughputs(bench_run: tuple[str, dict[str, object]], corpus: str) -> None:
    """Every stage has a positive throughput on both corpora."""
    _, result = bench_run
    speeds = result["throughput_mb_per_s"]
    assert isinstance(speeds, dict)
    assert sorted(speeds[corpus]) == sorted(STAGES)
    assert all(value > 0 for value in speeds[corpus].values())


@pytest.mark.slow
def test_json_linearity(bench_run: tuple[str, dict[str, object]]) -> None:
    """Linearity is measured on three sizes, each four times the one before."""
    _, result = bench_run
    lin = result["linearity"]
    assert isinstance(lin, dict)
    sizes = lin["sizes_mb"]
    assert len(sizes) == len(lin["seconds"]) == len(lin["time_ratios"]) == 3
    assert sizes[1] == pytest.approx(4 * sizes[0], rel=0.05)
    assert sizes[2] == pytest.approx(16 * sizes[0], rel=0.05)
    assert lin["time_ratios"][0] == 1.0


@pytest.mark.parametrize(("n_bytes", "seed"), [(2_000, 0), (50_000, 1), (200_000, 7)])
def test_synthetic_is_seeded_and_sized(n_bytes: int, seed: int) -> None:
    """The same size and seed give the same text, of at least that size; another seed differs."""
    synthetic = _synthetic()
    text = synthetic.generate(n_bytes, seed=seed)
    assert text == synthetic.generate(n_bytes, seed=seed)
    assert text != synthetic.generate(n_bytes, seed=seed + 1)
    assert n_bytes <= len(text) < n_bytes + 5_000


def test_write_corpus(tmp_path: Path) -> None:
    """write_corpus writes one file per document, each a different report."""
    paths = _synthetic().write_corpus(tmp_path, n_docs=3, bytes_per_doc=3_000, seed=2)
    assert [p.name for p in paths] == [f"synthetic_{i:03d}.txt" for i in range(3)]
    texts = {p.read_text(encoding="utf-8") for p in paths}
    assert len(texts) == 3


# ------------------------------------------------ benchmarks/gigabyte.py, on 0.3 MB

GIGABYTE_ROWS = ["workers", "MB/s (wall)", "speed-up over 1", "parent peak RSS", "worker peak"]
GIGABYTE_RUN_KEYS = [
    "workers",
    "seconds",
    "mb_per_s",
    "cpu_mb_per_s",
    "statistics",
    "parent_peak_rss_mb",
    "worker_peak_rss_mb",
    "speedup",
]


@pytest.fixture(scope="module")
def gigabyte_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, tuple[str, dict[str, object]]]]:
    """Run benchmarks/gigabyte.py twice on 3 documents of 0.1 MB in one folder.

    First streamed on 1 and 2 workers, then with ``Corpus.parse`` on 2 workers; return the
    corpus folder and, by mode, what each run printed and the JSON it wrote.
    """
    folder = tmp_path_factory.mktemp("gigabyte")
    corpus = folder / "corpus"
    runs: dict[str, tuple[str, dict[str, object]]] = {}
    for mode, workers in [("stream", "1,2"), ("parse", "2")]:
        out = folder / f"{mode}.json"
        done = subprocess.run(
            [
                sys.executable,
                str(BENCHMARKS / "gigabyte.py"),
                *("--dir", str(corpus), "--mb", "0.3", "--doc-mb", "0.1"),
                *("--workers", workers, "--mode", mode, "--json", str(out)),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            timeout=300,
        )
        runs[mode] = (done.stdout, json.loads(out.read_text(encoding="utf-8")))
    return corpus, runs


@pytest.mark.slow
@pytest.mark.parametrize("row", GIGABYTE_ROWS)
def test_gigabyte_table_has_column(
    gigabyte_runs: tuple[Path, dict[str, tuple[str, dict[str, object]]]], row: str
) -> None:
    """The printed table of gigabyte.py has a column for each measure."""
    _, runs = gigabyte_runs
    assert row in runs["stream"][0]


@pytest.mark.slow
@pytest.mark.parametrize(("mode", "workers"), [("stream", [1, 2]), ("parse", [2])])
def test_gigabyte_json_runs(
    gigabyte_runs: tuple[Path, dict[str, tuple[str, dict[str, object]]]],
    mode: str,
    workers: list[int],
) -> None:
    """The JSON has one run per worker count asked, each with every measure, positive."""
    _, runs = gigabyte_runs
    result = runs[mode][1]
    assert result["mode"] == mode
    found = result["runs"]
    assert isinstance(found, list)
    assert [r["workers"] for r in found] == workers
    for r in found:
        assert set(GIGABYTE_RUN_KEYS) <= set(r)
        assert r["seconds"] > 0
        assert r["parent_peak_rss_mb"] > 0
        assert r["worker_peak_rss_mb"] > 0


@pytest.mark.slow
def test_gigabyte_speedup_is_over_one_worker(
    gigabyte_runs: tuple[Path, dict[str, tuple[str, dict[str, object]]]],
) -> None:
    """The speed-up is the time on one worker over the time on n; None without one worker."""
    _, runs = gigabyte_runs
    stream = runs["stream"][1]["runs"]
    assert isinstance(stream, list)
    one, two = stream
    assert one["speedup"] == 1.0
    assert two["speedup"] == pytest.approx(one["seconds"] / two["seconds"])
    parse = runs["parse"][1]["runs"]
    assert isinstance(parse, list)
    assert parse[0]["speedup"] is None


@pytest.mark.slow
@pytest.mark.parametrize(("mode", "written"), [("stream", 3), ("parse", 0)])
def test_gigabyte_corpus_is_written_once(
    gigabyte_runs: tuple[Path, dict[str, tuple[str, dict[str, object]]]],
    mode: str,
    written: int,
) -> None:
    """The first run writes the three documents; the second, in the same folder, reuses them."""
    _, runs = gigabyte_runs
    corpus = runs[mode][1]["corpus"]
    assert isinstance(corpus, dict)
    assert (corpus["documents"], corpus["written"]) == (3, written)


@pytest.mark.slow
def test_gigabyte_finds_what_a_serial_corpus_finds(
    gigabyte_runs: tuple[Path, dict[str, tuple[str, dict[str, object]]]],
) -> None:
    """Every worker count and both modes find as many statistics as a serial corpus."""
    from tipcorpus import Corpus

    folder, runs = gigabyte_runs
    serial = len(Corpus.from_path(sorted(folder.glob("synthetic_*.txt"))).statistics())
    counts = []
    for _, result in runs.values():
        found = result["runs"]
        assert isinstance(found, list)
        counts.extend(r["statistics"] for r in found)
    assert serial > 0
    assert counts == [serial] * 3
