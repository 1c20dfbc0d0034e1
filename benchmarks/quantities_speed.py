"""Throughput of tipcorpus.quantities on the bundled seed reports.

Repeats the seeds' text to at least 5 MB, times quantities() (best of ``--repeat`` runs,
3 by default) and prints MB/s of wall time and of CPU time; the CPU figure is steadier on
a busy machine.

    PYTHONPATH=src python benchmarks/quantities_speed.py [--mb 5] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from tipcorpus.quantities import quantities

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def corpus(megabytes: float) -> str:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    repeat = int(megabytes * 1_000_000 // len(text)) + 1
    return "\n\n".join([text] * repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the text in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs timed; the best is kept")
    parser.add_argument("--profile", action="store_true", help="print a profile of one run")
    args = parser.parse_args()
    text = corpus(args.mb)
    quantities("warm up: compile the patterns")
    repeat = max(1, args.repeat)
    best_wall = best_cpu = float("inf")
    found = 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        found = len(quantities(text))
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    size = len(text.encode("utf-8")) / 1_000_000
    print(
        f"{size:.1f} MB, {found} quantities, best of {repeat}: {best_wall:.2f} s, "
        f"{size / best_wall:.1f} MB/s (CPU: {best_cpu:.2f} s, {size / best_cpu:.1f} MB/s)"
    )
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(quantities, text)
        pstats.Stats(profile).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
