"""Throughput of tipcorpus.quantities on the bundled seed reports.

Repeats the seeds' text to at least 5 MB, times quantities() (best of 3) and prints MB/s.

    PYTHONPATH=src python benchmarks/quantities_speed.py [--mb 5] [--profile]
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
    parser.add_argument("--profile", action="store_true", help="print a profile of one run")
    args = parser.parse_args()
    text = corpus(args.mb)
    quantities("warm up: compile the patterns")
    best = float("inf")
    found = 0
    for _ in range(3):
        started = time.perf_counter()
        found = len(quantities(text))
        best = min(best, time.perf_counter() - started)
    size = len(text.encode("utf-8")) / 1_000_000
    print(f"{size:.1f} MB, {found} quantities, best of 3: {best:.2f} s, {size / best:.1f} MB/s")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(quantities, text)
        pstats.Stats(profile).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
