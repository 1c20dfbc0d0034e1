"""Every field of every statistic on the bundled and constructed documents is pinned.

``tests/data/golden/statistics.jsonl`` holds today's output; a change meant to leave the
statistics alone keeps it byte-identical, and one meant to change them rewrites it with
``python scripts/golden.py --update`` so that the diff shows every figure it moved.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_statistics_match_the_golden_file() -> None:
    """Today's statistics are exactly those of the golden file."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "golden.py")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
