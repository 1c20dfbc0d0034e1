"""Print the per-rule report on every gold set side by side: how a rule change is judged.

python scripts/rules_by_set.py [--set NAME=GOLD:DOCS ...] [--only FIELD]

Each cell is "right/decided" for one rule on one set; a rule should be right more often
than wrong on every set. The project's own sets are always included; add others (a
folder of real reports with its gold) with --set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tabulate import tabulate

from tipcorpus.corpus import Corpus
from tipcorpus.evaluation import evaluate, load_gold, rule_report

DATA = ROOT / "tests" / "data"
SETS = {
    "bundled": (ROOT / "src" / "tipcorpus" / "data" / "gold_seeds.jsonl", ROOT / "seeds"),
    "genre": (DATA / "genre_gold.jsonl", DATA / "genre"),
    "heldout": (DATA / "heldout_gold.jsonl", DATA / "heldout"),
    "third": (DATA / "third_gold.jsonl", DATA / "third"),
    "fourth": (DATA / "fourth_gold.jsonl", DATA / "fourth"),
    "fifth": (DATA / "fifth_gold.jsonl", DATA / "fifth"),
    "sixth": (DATA / "sixth_gold.jsonl", DATA / "sixth"),
    "seventh": (DATA / "seventh_gold.jsonl", DATA / "seventh"),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", action="append", default=[], metavar="NAME=GOLD:DOCS")
    ap.add_argument("--only", help="one field: role, unit, period, agencies or pillar")
    args = ap.parse_args()
    sets = dict(SETS)
    for spec in args.set:
        name, _, paths = spec.partition("=")
        gold, _, docs = paths.partition(":")
        sets[name] = (Path(gold), Path(docs))
    cells: dict[tuple[str, str], dict[str, str]] = {}
    records: dict[str, float] = {}
    for name, (gold, docs) in sets.items():
        scores = evaluate(load_gold(gold), Corpus.from_path(docs))
        records[name] = scores.accuracy["record"]
        for row in rule_report(scores):
            if args.only and row.field != args.only:
                continue
            cells.setdefault((row.field, row.rule), {})[name] = f"{row.right}/{row.decided}"
    order = ("role", "unit", "period", "agencies", "pillar")
    keys = sorted(cells, key=lambda k: (order.index(k[0]), k[1]))
    rows = [[f, r, *(cells[(f, r)].get(n, "") for n in sets)] for f, r in keys]
    rows.append(["record", "accuracy", *(f"{records[n]:.3f}" for n in sets)])
    print(tabulate(rows, headers=["field", "rule", *sets], disable_numparse=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
