"""A large synthetic corpus parsed on a process pool: time, MB/s, memory, speed-up.

    python benchmarks/gigabyte.py --dir /tmp/tipcorpus-gb [--mb 1024] [--doc-mb 1]
        [--workers 1,2] [--mode stream|parse] [--json out.json]

1. Writes the synthetic corpus (benchmarks/synthetic.py) into ``--dir``: ``--mb / --doc-mb``
   reports of ``--doc-mb`` MB each, ``synthetic_NNN.txt``, seeded (document ``i`` is
   ``generate(bytes, seed=i)``, as ``write_corpus(..., seed=0)`` writes it). Documents
   already there are kept, so a second run, or a larger corpus in the same folder, reuses
   them; only the files of this size are read, whatever else the folder holds.
2. For each worker count ``n`` of ``--workers``, parses every document on a fresh
   ``concurrent.futures.ProcessPoolExecutor(max_workers=n)`` (for ``n = 1`` too, so
   that every count pays the same costs of sending documents and records between
   processes), and measures the wall time, MB/s (wall and CPU), the number of statistics,
   the peak RSS of the parent and of the workers, and the speed-up over one worker.
3. Prints a table and, with ``--json``, writes the figures.

Two ways to parse, ``--mode``:

* ``stream`` (the default): each document goes to a worker by path, as the
  :class:`tipcorpus.parallel.Payload` that ``Corpus.parse`` sends for a file no catalogue
  lists, and the worker runs the library's :func:`tipcorpus.parallel.extract_records`.
  Its records come back to the parent, which counts them and drops them, so memory does
  not grow with the corpus. The parent skips what ``Corpus.parse`` does after the records
  arrive (turning them back into statistics bound to the documents, which keep them).
* ``parse``: ``Corpus.from_path(files).parse(pool)``, the public call; the parent then
  holds every document's text and statistics (several times the corpus in memory).

Peak RSS: the parent's is reset before each worker count where Linux allows it
(``/proc/self/clear_refs``), else it is the peak of the whole run so far
(``getrusage(RUSAGE_SELF)``). A worker's is read in the worker after each document in
``stream`` mode (``VmHWM``, else ``RUSAGE_SELF``); in ``parse`` mode only the largest
worker reaped so far is known (``getrusage(RUSAGE_CHILDREN)``).
CPU time is the parent's plus the workers' (``RUSAGE_CHILDREN`` after the pool is shut
down); on a shared machine CPU MB/s is steadier than wall MB/s. "Cores used" is that CPU
time over the wall time; "cores used by other work" is the rest of the machine's busy
time over the same wall time (``/proc/stat``, Linux), which says how much of the machine
the run actually had.
Figures are printed, never asserted: they depend on the machine and on its load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import sys
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

MODES = ("stream", "parse")


# ------------------------------------------------------------------------- memory


def _status_kb(field: str) -> int | None:
    """A ``kB`` field of /proc/self/status (Linux), or None."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _maxrss_mb(who: int) -> float:
    """``ru_maxrss`` of ``getrusage(who)`` in MB (kilobytes on Linux, bytes on macOS)."""
    maxrss = resource.getrusage(who).ru_maxrss
    return maxrss / (1_000_000 if sys.platform == "darwin" else 1000)


def peak_rss_mb() -> float:
    """This process's peak resident set size in MB (since the last reset, on Linux)."""
    hwm = _status_kb("VmHWM")
    return hwm / 1000 if hwm is not None else _maxrss_mb(resource.RUSAGE_SELF)


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS to its current RSS; False where that is impossible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        return False
    return _status_kb("VmHWM") is not None


def machine_busy_seconds() -> float | None:
    """CPU seconds every process of the machine has spent busy since boot (Linux), or None."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(n) for n in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu_seconds() -> float:
    """User and system CPU time of the reaped child processes, in seconds."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ------------------------------------------------------------------------- corpus


def corpus_files(directory: Path, mb: float, doc_mb: float) -> list[Path]:
    """The files of a corpus of ``mb`` MB in documents of ``doc_mb`` MB, in order."""
    n_docs = max(1, round(mb / doc_mb))
    return [directory / f"synthetic_{i:03d}.txt" for i in range(n_docs)]


def write_missing(files: list[Path], doc_mb: float) -> int:
    """Write the documents of ``files`` that are not there yet; return how many were written.

    Document ``i`` is ``generate(doc_mb MB, seed=i)``, the text ``write_corpus(...,
    seed=0)`` gives it. Each file is written under a temporary name and renamed, so an
    interrupted run leaves no truncated document behind.
    """
    from synthetic import generate

    n_bytes = int(doc_mb * 1_000_000)
    written = 0
    for i, path in enumerate(files):
        if path.is_file() and path.stat().st_size > 0:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(generate(n_bytes, seed=i), encoding="utf-8")
        partial.replace(path)
        written += 1
    return written


# ------------------------------------------------------------------------- parsing


def _extract(payload: Any) -> tuple[list[dict[str, object]], int, float]:
    """Run in a worker: the document's records, the worker's pid and its peak RSS in MB."""
    from tipcorpus.parallel import extract_records

    records = extract_records(payload)
    return records, os.getpid(), peak_rss_mb()


def _payload(path: Path) -> Any:
    """What ``Corpus.parse`` sends for a file no catalogue lists."""
    from tipcorpus.parallel import Payload

    return Payload(
        id=path.stem, path=str(path), text=None, metadata=None, encoding=None, errors="strict"
    )


def _progress(done: int, total: int, started: float) -> None:
    if total >= 10 and done % max(1, total // 10) == 0:
        print(
            f"  {done}/{total} documents, {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
            flush=True,
        )


def parse_stream(files: list[Path], workers: int) -> tuple[int, dict[int, float]]:
    """Parse ``files`` on a pool by path, keeping counts only.

    At most ``2 * workers`` documents are in flight; a finished document's records are
    counted and released (future and all) before the next document is sent, so the
    parent holds a few documents' records at a time, however large the corpus.

    Returns:
        The number of statistics, and each worker's peak RSS in MB by pid.

    """
    count = 0
    peaks: dict[int, float] = {}
    started = time.perf_counter()
    pending: set[Future[tuple[list[dict[str, object]], int, float]]] = set()
    todo = iter(files)
    done = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        while True:
            for path in todo:
                pending.add(pool.submit(_extract, _payload(path)))
                if len(pending) >= 2 * workers:
                    break
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                records, pid, peak = future.result()
                count += len(records)
                peaks[pid] = max(peak, peaks.get(pid, 0.0))
                done += 1
                _progress(done, len(files), started)
            del finished, future, records
    return count, peaks


def parse_corpus(files: list[Path], workers: int) -> int:
    """Parse ``files`` with ``Corpus.from_path(files).parse(pool)``; the number of statistics."""
    from tipcorpus import Corpus

    corpus = Corpus.from_path(files)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        count = len(corpus.parse(pool))
    del corpus
    return count


def measure(files: list[Path], workers: int, mode: str, size_mb: float) -> dict[str, Any]:
    """Parse every file on ``workers`` processes and return the figures of the run."""
    import gc

    gc.collect()
    reset = reset_peak_rss()
    load_before = os.getloadavg()
    cpu_before = time.process_time() + children_cpu_seconds()
    busy_before = machine_busy_seconds()
    started = time.perf_counter()
    worker_peaks: dict[int, float] = {}
    if mode == "stream":
        count, worker_peaks = parse_stream(files, workers)
    else:
        count = parse_corpus(files, workers)
    seconds = time.perf_counter() - started
    cpu = time.process_time() + children_cpu_seconds() - cpu_before
    busy_after = machine_busy_seconds()
    others = (
        None
        if busy_before is None or busy_after is None
        else max(0.0, busy_after - busy_before - cpu) / seconds
    )
    children_peak = _maxrss_mb(resource.RUSAGE_CHILDREN)
    return {
        "workers": workers,
        "seconds": seconds,
        "mb_per_s": size_mb / seconds,
        "cpu_seconds": cpu,
        "cpu_mb_per_s": size_mb / cpu,
        "statistics": count,
        "parent_peak_rss_mb": peak_rss_mb(),
        "parent_peak_reset": reset,
        "worker_peak_rss_mb": max(worker_peaks.values()) if worker_peaks else children_peak,
        "worker_peak_rss_by_pid_mb": sorted(worker_peaks.values(), reverse=True),
        "children_maxrss_so_far_mb": children_peak,
        "cores_used": cpu / seconds,
        "cores_used_by_others": others,
        "load_average_before": list(load_before),
        "load_average_after": list(os.getloadavg()),
    }


def run(directory: Path, mb: float, doc_mb: float, workers: list[int], mode: str) -> dict[str, Any]:
    """Write the corpus if needed, parse it with each worker count, and return every figure."""
    files = corpus_files(directory, mb, doc_mb)
    started = time.perf_counter()
    written = write_missing(files, doc_mb)
    write_seconds = time.perf_counter() - started
    size_mb = sum(p.stat().st_size for p in files) / 1_000_000
    print(
        f"corpus: {len(files)} documents, {size_mb:.1f} MB in {directory}; "
        f"wrote {written} in {write_seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    runs = []
    for n in workers:
        print(f"parsing on {n} worker(s), mode {mode}", file=sys.stderr, flush=True)
        runs.append(measure(files, n, mode, size_mb))
        print(
            f"  {runs[-1]['seconds']:.1f} s, {runs[-1]['statistics']} statistics",
            file=sys.stderr,
            flush=True,
        )
    one = next((r for r in runs if r["workers"] == 1), None)
    for r in runs:
        r["speedup"] = None if one is None else one["seconds"] / r["seconds"]
    return {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "mode": mode,
        "corpus": {
            "directory": str(directory),
            "documents": len(files),
            "doc_mb": doc_mb,
            "mb": size_mb,
            "written": written,
            "write_seconds": write_seconds,
        },
        "same_statistics": len({r["statistics"] for r in runs}) <= 1,
        "runs": runs,
    }


def table(result: dict[str, Any]) -> str:
    """The figures as a table, with a heading line saying what was measured."""
    from tabulate import tabulate

    rows = [
        [
            r["workers"],
            f"{r['seconds']:.1f}",
            f"{r['mb_per_s']:.2f}",
            f"{r['cpu_mb_per_s']:.2f}",
            "-" if r["speedup"] is None else f"{r['speedup']:.2f}",
            r["statistics"],
            f"{r['parent_peak_rss_mb']:.0f}",
            f"{r['worker_peak_rss_mb']:.0f}",
            f"{r['cores_used']:.2f}",
            "-" if r["cores_used_by_others"] is None else f"{r['cores_used_by_others']:.2f}",
        ]
        for r in result["runs"]
    ]
    corpus = result["corpus"]
    how = (
        "stream: documents sent by path to extract_records, records counted and dropped"
        if result["mode"] == "stream"
        else "parse: Corpus.from_path(files).parse(pool), every statistic kept"
    )
    head = (
        f"tipcorpus on {corpus['documents']} synthetic documents, {corpus['mb']:.1f} MB "
        f"(wrote {corpus['written']} in {corpus['write_seconds']:.1f} s); mode {how}; "
        f"{result['cpus']} CPUs, Python {result['python']}"
    )
    headers = [
        "workers",
        "wall s",
        "MB/s (wall)",
        "MB/s (CPU)",
        "speed-up over 1",
        "statistics",
        "parent peak RSS MB",
        "worker peak RSS MB",
        "cores used",
        "cores used by other work",
    ]
    return head + "\n" + tabulate(rows, headers=headers, tablefmt="github")


def _workers(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of worker counts: {text!r}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"worker counts must be 1 or more: {text!r}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, required=True, help="where the corpus is (re)used")
    parser.add_argument("--mb", type=float, default=1024.0, help="corpus size in MB")
    parser.add_argument("--doc-mb", type=float, default=1.0, help="size of each document in MB")
    parser.add_argument("--workers", type=_workers, default=[1, 2], help='e.g. "1,2"')
    parser.add_argument("--mode", choices=MODES, default="stream", help="see the module doc")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    if args.mb <= 0 or args.doc_mb <= 0:
        parser.error("--mb and --doc-mb must be positive")
    result = run(args.dir, args.mb, args.doc_mb, args.workers, args.mode)
    print(table(result))
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
