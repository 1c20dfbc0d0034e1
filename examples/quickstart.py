"""A first look at tipcorpus: the bundled reports, their figures, and where each comes from.

Run: python examples/quickstart.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tipcorpus import Corpus


def main() -> None:
    corpus = Corpus.default()
    print(corpus)
    print()

    # Every figure, filtered like a query: what USCIS reported for 2007.
    visas = corpus.statistics(agency="USCIS", year=2007)
    print(visas.table(width=110))
    first = visas[0]
    print(f"\n{first.surface} {first.unit}: {first.cite()}")
    print(f"evidence: {first.quote()}")
    print()

    # How many figures each document reports under each pillar.
    print(corpus.summary())
    print()

    # The phrase in context.
    print(corpus.concordance("T visas", width=35))
    print()

    # Export: JSON records and an SQLite database for Datasette.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "statistics.json"
        corpus.statistics().to_json(path)
        result = corpus.to_sqlite(Path(tmp) / "tip.db")
        tables = ", ".join(f"{name} {n}" for name, n in result.counts)
        print(f"wrote {path.name} ({path.stat().st_size:,} bytes) and {result.database.name}")
        print(f"tables: {tables}")


if __name__ == "__main__":
    main()
