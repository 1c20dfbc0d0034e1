"""One agency's figures across the years, each with its citation.

Run: python examples/agency_report.py HHS
     python examples/agency_report.py "Health and Human Services" --docs reports/
"""

from __future__ import annotations

import argparse
import sys

from tipcorpus import Corpus, TipcorpusError
from tipcorpus.display import format_value


def report(corpus: Corpus, name: str) -> str:
    view = corpus.agency(name)
    stats = view.statistics()
    lines = [f"{view.id} — {view.name}"]
    if view.parent is not None:
        lines.append(f"part of {view.parent.id} — {view.parent.name}")
    lines.append(f"{len(stats)} figures in {len({s.document_id for s in stats})} documents")
    by_year = stats.group_by("year")
    years = sorted((y for y in by_year if isinstance(y, int)), key=int)
    for year in [*years, None]:
        group = by_year.get(year)
        if group is None:
            continue
        lines.append("")
        lines.append(f"== {year if year is not None else 'no year given'} ==")
        for s in group:
            period = f" ({s.period})" if s.period is not None else ""
            credited = ", ".join(s.agency_ids)
            lines.append(f"  {format_value(s)} {s.unit}{period} [{credited}]")
            lines.append(f"      {s.cite()}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agency", help="an agency id, name or alias (HHS, 'Department of Labor')")
    parser.add_argument("--docs", help="a folder of reports (default: the bundled corpus)")
    args = parser.parse_args(argv)
    corpus = Corpus.from_path(args.docs) if args.docs else Corpus.default()
    try:
        print(report(corpus, args.agency))
    except TipcorpusError as exc:
        print(f"agency_report: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
