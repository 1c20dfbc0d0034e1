"""Build a static HTML dashboard of the corpus's figures from its JSON export.

The page is one self-contained file: inline CSS, a hand-written SVG bar chart of the
number of figures per year for each pillar, and a table of every figure with its
citation. No scripts, no external assets; every piece of report text is escaped.

Run: python examples/dashboard/build.py --out dashboard-out
"""

from __future__ import annotations

import argparse
import html
import sys
from collections import Counter
from pathlib import Path

from tipcorpus import Corpus, Pillar, TipcorpusError
from tipcorpus.export import StatisticRecord, read_records

COLOURS = {
    "prosecution": "#1b6ca8",
    "protection": "#2e8b57",
    "prevention": "#d2691e",
    "partnership": "#8a4f9e",
}
CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .4rem; text-align: left;
         vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
.legend span { display: inline-block; margin-right: 1rem; }
.legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; }
svg text { font: 11px system-ui, sans-serif; fill: #333; }
"""


def bar_chart(records: list[StatisticRecord], width: int = 900, height: int = 320) -> str:
    """An SVG grouped bar chart: per year, one bar per pillar, height = number of figures."""
    counts: Counter[tuple[int, str]] = Counter(
        (r.period_end, r.pillar.value)
        for r in records
        if r.period_end is not None and r.pillar is not None
    )
    years = sorted({year for year, _ in counts})
    pillars = [p.value for p in Pillar]
    top = max(counts.values(), default=1)
    left, bottom, right, top_pad = 40, 30, 10, 10
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    group_w = plot_w / max(1, len(years))
    bar_w = group_w * 0.8 / len(pillars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        'aria-label="Number of figures per year and pillar">',
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" '
        f'y2="{top_pad + plot_h}" stroke="#555"/>',
    ]
    for tick in range(0, top + 1, max(1, top // 5)):
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{left - 4}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            'stroke="#eee"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for i, year in enumerate(years):
        x0 = left + i * group_w + group_w * 0.1
        for j, pillar in enumerate(pillars):
            n = counts.get((year, pillar), 0)
            if not n:
                continue
            h = plot_h * n / top
            x = x0 + j * bar_w
            y = top_pad + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[pillar]}"><title>{year} {pillar}: {n}</title></rect>'
            )
        parts.append(
            f'<text x="{left + (i + 0.5) * group_w:.1f}" y="{height - 10}" '
            f'text-anchor="middle">{year}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def page(corpus: Corpus, records: list[StatisticRecord]) -> str:
    """The dashboard's HTML."""
    esc = html.escape
    legend = "".join(
        f'<span><i style="background:{c}"></i>{esc(p)}</span>' for p, c in COLOURS.items()
    )
    docs = "".join(
        f"<tr><td>{esc(d.id)}</td><td>{esc(d.title)}</td><td>{esc(d.issuer or '')}</td>"
        f"<td class='num'>{d.year or ''}</td>"
        f"<td class='num'>{sum(r.document == d.id for r in records)}</td></tr>"
        for d in corpus.documents
    )
    rows = []
    for r in records:
        stat = r.to_statistic(corpus)
        rows.append(
            f"<tr><td class='num'>{esc(stat.surface)}</td><td>{esc(r.unit)}</td>"
            f"<td>{esc(str(r.period) if r.period else '')}</td>"
            f"<td>{esc(', '.join(r.agencies))}</td>"
            f"<td>{esc(r.pillar.value if r.pillar else '')}</td>"
            f"<td>{esc(r.sentence)}<br><small>{esc(stat.cite())}</small></td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Figures from reports on combating trafficking in persons</title>
<style>{CSS}</style>
</head>
<body>
<h1>Figures from reports on combating trafficking in persons</h1>
<p>{len(records)} figures from {len(corpus)} documents, each with the place in the text it
comes from.</p>
<h2>Figures per year, by pillar</h2>
<p class="legend">{legend}</p>
{bar_chart(records)}
<h2>Documents</h2>
<table><thead><tr><th>id</th><th>title</th><th>issuer</th><th>year</th><th>figures</th></tr>
</thead><tbody>{docs}</tbody></table>
<h2>All figures</h2>
<table><thead><tr><th>value</th><th>unit</th><th>period</th><th>agencies</th><th>pillar</th>
<th>evidence</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build a static HTML dashboard.")
    parser.add_argument("--out", default="dashboard-out", help="output folder")
    parser.add_argument("--docs", help="a folder of reports (default: the bundled corpus)")
    parser.add_argument("--overwrite", action="store_true", help="replace earlier output")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus.from_path(args.docs) if args.docs else Corpus.default()
    try:
        export = out / "statistics.json"
        corpus.statistics().to_json(export, overwrite=args.overwrite)
        records = read_records(export)
        index = out / "index.html"
        if index.exists() and not args.overwrite:
            raise TipcorpusError(f"{index} exists; pass --overwrite to replace it")
        index.write_text(page(corpus, records), encoding="utf-8")
    except TipcorpusError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {index} ({len(records)} figures) and {export}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
