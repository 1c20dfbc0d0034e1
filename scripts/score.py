"""Print tipcorpus's scores on the hand-checked gold statistics of the bundled reports.

python scripts/score.py [--gold tests/data/gold_dev.jsonl] [--docs seeds] [--show-errors N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tipcorpus.corpus import Corpus
from tipcorpus.evaluation import evaluate, load_gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "data" / "gold_dev.jsonl"))
    ap.add_argument("--docs", default=str(ROOT / "seeds"))
    ap.add_argument("--show-errors", type=int, default=0, metavar="N")
    args = ap.parse_args()
    scores = evaluate(load_gold(args.gold), Corpus.from_path(args.docs))
    for key, value in scores.as_dict().items():
        print(f"{key:>26}: {value}")
    if args.show_errors:
        n = args.show_errors
        print("\n# missed")
        for g in scores.missed[:n]:
            print(f"  {g.doc} {g.surface!r} #{g.occurrence}")
        print("# false positives")
        for s in scores.spurious[:n]:
            print(f"  {s.document_id} {s.surface!r} at {s.span[0]}: {s.quote()[:100]!r}")
        print("# wrong fields")
        for m in scores.mismatches[:n]:
            print(f"  {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
