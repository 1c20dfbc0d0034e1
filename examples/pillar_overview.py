"""The four pillars side by side: how many figures, who reports them, and money spent.

Run: python examples/pillar_overview.py
"""

from __future__ import annotations

from tipcorpus import Corpus, Pillar
from tipcorpus.display import format_value


def main() -> None:
    corpus = Corpus.default()
    print(corpus.summary())
    for pillar in Pillar:
        view = corpus.pillar(pillar)
        stats = view.statistics()
        print(f"\n== {pillar.value}: {len(stats)} figures ==")
        top = ", ".join(f"{row.id} ({row.statistics})" for row in view.agencies()[:5])
        print(f"reported by: {top or 'no agency named'}")
        money = stats.filter(kind="money")
        if len(money):
            largest = max(money, key=lambda s: s.value)
            print(f"largest amount: {format_value(largest)} — {largest.cite()}")
        if len(stats):
            example = stats[0]
            print(f"for example: {example.quote()}")


if __name__ == "__main__":
    main()
