"""Write (or check) every field of every statistic on the bundled and constructed documents.

python scripts/golden.py            # check: exit 1 and show the first differences
python scripts/golden.py --update   # write tests/data/golden/statistics.jsonl anew

The golden file pins the output while code is reorganised: a change that should not
alter any statistic leaves it byte-identical; one that should shows its effect as a diff.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tipcorpus.corpus import Corpus
from tipcorpus.model import Statistic

GOLDEN = ROOT / "tests" / "data" / "golden" / "statistics.jsonl"
#: The folders whose statistics are pinned: the bundled corpus and the constructed sets.
FOLDERS = (
    "seeds",
    "tests/data/genre",
    "tests/data/heldout",
    "tests/data/third",
    "tests/data/fourth",
    "tests/data/fifth",
    "tests/data/sixth",
    "tests/data/seventh",
    "tests/data/tables",
)


def _line(folder: str, s: Statistic) -> str:
    p = s.period
    record = {
        "folder": folder,
        "doc": s.document_id,
        "span": list(s.span),
        "surface": s.surface,
        "value": str(s.value),
        "value_high": None if s.value_high is None else str(s.value_high),
        "kind": s.kind.value,
        "qualifier": s.qualifier.value,
        "unit": s.unit,
        "period": None if p is None else [p.start, p.end, p.fiscal],
        "agencies": list(s.agency_ids),
        "pillar": None if s.pillar is None else s.pillar.value,
        "section": list(s.section),
        "sentence_span": list(s.sentence_span),
        "unit_span": None if s.unit_span is None else list(s.unit_span),
        "period_span": None if s.period_span is None else list(s.period_span),
        "agency_spans": [list(a) for a in s.agency_spans],
        "qualifier_span": None if s.qualifier_span is None else list(s.qualifier_span),
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def lines() -> Iterator[str]:
    """The golden lines of today's code, folder by folder, in text order."""
    for folder in FOLDERS:
        corpus = Corpus.from_path(ROOT / folder)
        for s in corpus.statistics():
            yield _line(folder, s)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="write the golden file anew")
    args = ap.parse_args()
    now = [f"{line}\n" for line in lines()]
    if args.update:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text("".join(now), encoding="utf-8")
        print(f"wrote {len(now)} statistics to {GOLDEN.relative_to(ROOT)}")
        return 0
    before = GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True)
    if before == now:
        print(f"golden file unchanged ({len(now)} statistics)")
        return 0
    sys.stdout.writelines(list(difflib.unified_diff(before, now, "golden", "now", n=0))[:200])
    return 1


if __name__ == "__main__":
    sys.exit(main())
