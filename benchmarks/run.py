"""Benchmarks of tipcorpus: start-up, throughput, memory and linearity, in one run.

    python benchmarks/run.py [--mb 20] [--json out.json] [--repeat N]

Measured on the same texts: the bundled seed reports repeated to ``--mb`` MB, and a
synthetic corpus of the same size (benchmarks/synthetic.py, seed 0).

* import: ``import tipcorpus``, and ``from tipcorpus import Corpus``, each in a fresh
  interpreter, best of 5. The package loads its names on first access, so the first
  measures the package alone and the second what a corpus needs.
* cold query: ``Corpus.default()`` and ``corpus.agency("HHS").statistics(year=2007)`` in a
  fresh interpreter (reads and parses the bundled reports, builds every pattern), best of 3.
* throughput (MB/s of CPU time, best of ``--repeat``): ``quantities``, ``parse_structure``,
  ``find_periods``, ``find_agencies``, and the full pipeline
  ``Document.from_text(text).statistics``.
* memory: the peak traced by ``tracemalloc`` during the full pipeline, per MB of text, and
  what the parsed document keeps (its structure and statistics) once the pipeline is done.
* linearity: the full pipeline on 1, 4 and 16 times a base size (``--mb`` / 16); the ratios
  of the times are 4 and 16 when the cost is linear.
* quantulum3, when installed (extra ``bench``): its throughput on the first 20,000
  characters of the same text (it reads about a thousand times slower), and the ratio of
  tipcorpus's ``quantities`` throughput on that sample to it.

In-process figures are CPU times (``time.process_time``), which a busy machine disturbs
less than wall times; start-up figures are wall times of the child interpreters.
Figures are printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

REFERENCE_YEAR = 2008
STAGES = ("quantities", "parse_structure", "find_periods", "find_agencies", "pipeline")

IMPORT = "import time; t = time.perf_counter(); import tipcorpus; print(time.perf_counter() - t)"
IMPORT_CORPUS = (
    "import time; t = time.perf_counter(); from tipcorpus import Corpus; "
    "print(time.perf_counter() - t)"
)
COLD = """
import time
t = time.perf_counter()
from tipcorpus import Corpus
corpus = Corpus.default()
found = len(corpus.agency("HHS").statistics(year=2007))
print(time.perf_counter() - t, found)
"""


def seeds_text(n_chars: int) -> str:
    """The seed reports, joined and repeated, cut to ``n_chars`` at a paragraph break."""
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    text = "\n\n".join([base] * (n_chars // len(base) + 1))
    return _cut(text, n_chars)


def synthetic_text(n_chars: int, seed: int = 0) -> str:
    """A synthetic corpus of ``n_chars`` characters."""
    from synthetic import generate

    return _cut(generate(n_chars, seed=seed), n_chars)


def _cut(text: str, n_chars: int) -> str:
    if len(text) <= n_chars:
        return text
    cut = text.rfind("\n\n", 0, n_chars)
    return text[: cut if cut > n_chars // 2 else n_chars]


def megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1_000_000


def fresh(code: str, times: int) -> list[str]:
    """Run code in fresh interpreters; return the words printed by the run whose first is least."""
    env_path = str(ROOT / "src")
    best: list[str] | None = None
    for _ in range(times):
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": env_path},
        ).stdout.split()
        if best is None or float(out[0]) < float(best[0]):
            best = out
    assert best is not None
    return best


def best_time(fn: Callable[[], object], repeat: int) -> float:
    """The least CPU time of ``repeat`` runs: steadier than wall time on a busy machine."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def stage_functions(text: str) -> dict[str, Callable[[], object]]:
    from tipcorpus import Document, find_agencies, find_periods, parse_structure, quantities

    return {
        "quantities": lambda: quantities(text),
        "parse_structure": lambda: parse_structure(text),
        "find_periods": lambda: find_periods(text, REFERENCE_YEAR),
        "find_agencies": lambda: find_agencies(text),
        "pipeline": lambda: Document.from_text(text).statistics,
    }


def warm_up() -> None:
    """Build every pattern once, so that throughputs do not count it."""
    for fn in stage_functions(seeds_text(20_000)).values():
        fn()


def throughputs(text: str, repeat: int) -> tuple[dict[str, float], float]:
    """Return MB/s of each stage on the text, and the pipeline's time in seconds."""
    size = megabytes(text)
    result: dict[str, float] = {}
    pipeline_seconds = 0.0
    for name, fn in stage_functions(text).items():
        seconds = best_time(fn, repeat)
        result[name] = size / seconds
        if name == "pipeline":
            pipeline_seconds = seconds
    return result, pipeline_seconds


def peak_memory(text: str) -> tuple[float, float]:
    """Return the peak and the kept traced memory of the full pipeline, in MB per MB of text.

    The kept memory is what the document holds once its statistics are built (its
    structure and statistics, the text itself aside), after a garbage collection.
    """
    import gc

    from tipcorpus import Document

    gc.collect()
    tracemalloc.start()
    try:
        document = Document.from_text(text)
        len(document.statistics)
        _, peak = tracemalloc.get_traced_memory()
        gc.collect()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = megabytes(text)
    return peak / 1_000_000 / size, kept / 1_000_000 / size


QUANTULUM_SAMPLE = 20_000  # characters both quantity extractors read for the comparison


def quantulum_throughput(text: str) -> float | None:
    """Return quantulum3's MB/s on the text, or None when it is not installed."""
    try:
        from quantulum3 import parser  # type: ignore[import-not-found]
    except ImportError:
        return None
    parser.parse("warm up: 5 meters")
    return megabytes(text) / best_time(lambda: parser.parse(text), 1)


def run(mb: float, repeat: int) -> dict[str, Any]:
    n_chars = max(int(mb * 1_000_000), 1000)
    import_s = float(fresh(IMPORT, 5)[0])
    import_corpus_s = float(fresh(IMPORT_CORPUS, 5)[0])
    cold = fresh(COLD, 3)
    warm_up()
    texts = {"seeds": seeds_text(n_chars), "synthetic": synthetic_text(n_chars)}
    speeds: dict[str, dict[str, float]] = {}
    pipeline_seconds: dict[str, float] = {}
    for corpus, text in texts.items():
        speeds[corpus], pipeline_seconds[corpus] = throughputs(text, repeat)
    base = texts["seeds"][: max(n_chars // 16, 1000)]
    sizes = [base, texts["seeds"][: len(base) * 4], texts["seeds"][: len(base) * 16]]
    times = []
    for piece in sizes:
        if len(piece) == len(texts["seeds"]):
            times.append(pipeline_seconds["seeds"])  # measured above, on the same text
        else:
            from tipcorpus import Document

            times.append(
                best_time(lambda piece=piece: Document.from_text(piece).statistics, repeat)
            )
    measured = {
        name: peak_memory(text[: min(len(text), 2_000_000)]) for name, text in texts.items()
    }
    # quantulum3 reads about a thousand times slower: a short sample keeps the run short,
    # and both libraries read the same sample.
    sample = texts["seeds"][:QUANTULUM_SAMPLE]
    quantulum = quantulum_throughput(sample)
    ours = megabytes(sample) / best_time(lambda: _quantities(sample), 1)
    return {
        "mb": megabytes(texts["seeds"]),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "import_seconds": import_s,
        "import_corpus_seconds": import_corpus_s,
        "cold_query_seconds": float(cold[0]),
        "cold_query_statistics": int(cold[1]),
        "throughput_mb_per_s": speeds,
        "peak_memory_mb_per_mb": {name: peak for name, (peak, _) in measured.items()},
        "kept_memory_mb_per_mb": {name: kept for name, (_, kept) in measured.items()},
        "linearity": {
            "sizes_mb": [megabytes(p) for p in sizes],
            "seconds": times,
            "time_ratios": [t / times[0] for t in times],
        },
        "quantulum3": None
        if quantulum is None
        else {"mb_per_s": quantulum, "quantities_speedup": ours / quantulum},
    }


def _quantities(text: str) -> object:
    from tipcorpus import quantities

    return quantities(text)


def table(result: dict[str, Any]) -> str:
    from tabulate import tabulate

    speeds = result["throughput_mb_per_s"]
    rows: list[list[object]] = [
        ["import tipcorpus (fresh interpreter, best of 5)", f"{result['import_seconds']:.3f} s"],
        [
            "from tipcorpus import Corpus (fresh interpreter, best of 5)",
            f"{result['import_corpus_seconds']:.3f} s",
        ],
        [
            'Corpus.default() + agency("HHS").statistics(year=2007), cold',
            f"{result['cold_query_seconds']:.2f} s",
        ],
    ]
    for stage in STAGES:
        rows.append(
            [
                f"{stage}: MB/s (CPU) on seeds / synthetic",
                f"{speeds['seeds'][stage]:.2f} / {speeds['synthetic'][stage]:.2f}",
            ]
        )
    memory = result["peak_memory_mb_per_mb"]
    kept = result["kept_memory_mb_per_mb"]
    rows.append(
        [
            "pipeline peak memory, MB per MB of text (seeds / synthetic)",
            f"{memory['seeds']:.1f} / {memory['synthetic']:.1f}",
        ]
    )
    rows.append(
        [
            "parsed document kept in memory, MB per MB of text (seeds / synthetic)",
            f"{kept['seeds']:.1f} / {kept['synthetic']:.1f}",
        ]
    )
    lin = result["linearity"]
    sizes = " : ".join(f"{s:.2f}" for s in lin["sizes_mb"])
    ratios = " : ".join(f"{r:.1f}" for r in lin["time_ratios"])
    rows.append([f"pipeline time ratios on {sizes} MB (linear is 1 : 4 : 16)", ratios])
    q = result["quantulum3"]
    rows.append(
        [
            "quantulum3 MB/s, and quantities() speed-up over it",
            "not installed"
            if q is None
            else f"{q['mb_per_s']:.3f}, {q['quantities_speedup']:.0f}x",
        ]
    )
    head = f"tipcorpus benchmarks: {result['mb']:.2f} MB of text, Python {result['python']}"
    return head + "\n" + tabulate(rows, headers=["measure", "value"], tablefmt="github")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0, help="size of each corpus in MB")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--repeat", type=int, default=1, help="runs per throughput; best kept")
    args = parser.parse_args()
    result = run(args.mb, max(1, args.repeat))
    print(table(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
