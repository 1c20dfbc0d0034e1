"""The ``tipcorpus`` command line.

Errors a user can fix go to stderr without a traceback: exit code 2 for usage,
1 for anything else.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

from tabulate import tabulate

from tipcorpus.corpus import Corpus
from tipcorpus.errors import TipcorpusError
from tipcorpus.export import (
    Progress,
    csv_text,
    to_csv,
    to_json,
    to_sqlite,
    write_jsonl,
    write_text,
)
from tipcorpus.views import SEARCH_TIMEOUT, StatisticSet

__all__ = ["build_parser", "main"]

EPILOG = """examples:
  tipcorpus documents
  tipcorpus stats --agency HHS --year 2007
  tipcorpus stats --pillar prevention --kind money --format github
  tipcorpus agency "Health and Human Services"
  tipcorpus search "T visas"
  tipcorpus stats --docs reports/ --format json > stats.json
  tipcorpus export --docs reports/ --format sqlite -o tip.db
  tipcorpus series --agency USCIS --unit "T visas"
  tipcorpus conflicts
  tipcorpus cite "tipcorpus:tip-report-2005-usg#c=31230-31241" --style apa
"""

FORMATS = ("table", "github", "plain", "csv", "json", "jsonl")

EXPORT_FORMATS = (*FORMATS, "sqlite")
"""What ``tipcorpus export`` writes; ``jsonl`` and ``sqlite`` stream document by document."""


def _rows_out(headers: Sequence[str], rows: list[list[object]], fmt: str) -> str:
    if fmt in ("json", "jsonl"):
        records = [dict(zip(headers, row, strict=True)) for row in rows]
        if fmt == "jsonl":
            return "".join(json.dumps(r, default=str) + "\n" for r in records)
        return json.dumps(records, indent=2, default=str) + "\n"
    if fmt == "csv":
        return csv_text(headers, rows)
    table_fmt = "simple" if fmt == "table" else fmt
    return (
        str(tabulate(rows, headers=list(headers), tablefmt=table_fmt, disable_numparse=True)) + "\n"
    )


def _statistics_out(stats: StatisticSet, fmt: str) -> str:
    if fmt in ("json", "jsonl"):
        return to_json(stats, lines=fmt == "jsonl") or ""
    if fmt == "csv":
        # One CSV dialect: the library's, which read_records reads back.
        return to_csv(stats) or ""
    table_fmt = "simple" if fmt == "table" else fmt
    return stats.table(fmt=table_fmt) + "\n"


def _corpus(args: argparse.Namespace) -> Corpus:
    if args.docs:
        return Corpus.from_path(args.docs)
    return Corpus.default()


def _filters(args: argparse.Namespace) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in ("agency", "year", "pillar", "kind", "document", "unit", "qualifier"):
        value = getattr(args, name, None)
        if value is not None:
            out[name] = value
    if getattr(args, "min_value", None) is not None:
        out["min_value"] = args.min_value
    return out


def _cmd_documents(args: argparse.Namespace) -> str:
    corpus = _corpus(args)
    headers = ["id", "year", "kind", "published", "title", "issuer", "chars"]
    rows: list[list[object]] = []
    for d in corpus.documents:
        rows.append(
            [
                d.id,
                d.year if d.year is not None else "",
                d.kind,
                d.published.isoformat() if d.published else "",
                d.title,
                d.issuer or "",
                len(d.text),
            ]
        )
    return _rows_out(headers, rows, args.format)


def _cmd_stats(args: argparse.Namespace) -> str:
    stats = _corpus(args).statistics(**_filters(args))
    return _statistics_out(stats, args.format)


def _cmd_agency(args: argparse.Namespace) -> str:
    corpus = _corpus(args)
    view = corpus.agency(args.name)
    filters = _filters(args)
    filters.pop("agency", None)
    stats = view.statistics().filter(**filters)
    head = "" if args.format in ("json", "jsonl", "csv") else f"{view.id} — {view.name}\n"
    return head + _statistics_out(stats, args.format)


def _cmd_pillar(args: argparse.Namespace) -> str:
    corpus = _corpus(args)
    view = corpus.pillar(args.name)
    filters = _filters(args)
    filters.pop("pillar", None)
    return _statistics_out(view.statistics(**filters), args.format)


def _cmd_agencies(args: argparse.Namespace) -> str:
    rows: list[list[object]] = []
    for agency, mentions, stats in _corpus(args).agencies():
        depth = len(agency.lineage) - 1
        rows.append(["  " * depth + agency.id, agency.name, mentions, stats])
    return _rows_out(["agency", "name", "mentions", "statistics"], rows, args.format)


def _cmd_search(args: argparse.Namespace) -> str:
    hits = _corpus(args).search(
        args.pattern,
        regex=args.regex,
        case=args.case,
        document=args.document,
        timeout=args.timeout,
    )
    if args.format in ("table", "plain"):
        lines = [f"{h.document.id:28} {h.kwic()}" for h in hits]
        return "\n".join(lines) + f"\n{len(hits)} hits\n"
    rows: list[list[object]] = [
        [h.document.id, h.span[0], h.span[1], " › ".join(h.section), h.sentence] for h in hits
    ]
    return _rows_out(["document", "start", "end", "section", "sentence"], rows, args.format)


def _cmd_show(args: argparse.Namespace) -> str:
    doc = _corpus(args)[args.doc_id]
    if args.section is None:
        return doc.text if doc.text.endswith("\n") else doc.text + "\n"
    needle = args.section.lower()
    for section in doc.sections:
        if needle in section.heading.lower():
            start, end = section.span
            return doc.text[start:end].rstrip() + "\n"
    headings = "; ".join(s.heading for s in doc.sections)
    raise TipcorpusError(f"no section of {doc.id!r} matches {args.section!r}; sections: {headings}")


def _progress_of(flag: bool | None) -> Progress:
    """The ``progress`` of a streaming export from ``--progress``/``--no-progress``."""
    if flag is None:
        # Neither given: a bar when stderr is a terminal, silence in pipes and logs.
        return True
    return "always" if flag else False


def _cmd_export(args: argparse.Namespace) -> str:
    corpus = _corpus(args)
    filters = _filters(args)
    out = Path(args.output)
    if args.format in ("jsonl", "sqlite"):
        # Streamed one document at a time; filtered statistics stream too.
        source = corpus.iter_statistics(**filters) if filters else corpus
        progress = _progress_of(args.progress)
        if args.format == "jsonl":
            written = write_jsonl(source, out, overwrite=args.overwrite, progress=progress)
            return f"wrote {written} statistics to {out}\n"
        export = to_sqlite(source, out, overwrite=args.overwrite, progress=progress)
        counts = dict(export.counts)
        documents = counts["documents"]
        return (
            f"wrote {counts['statistics']} statistics from {documents} "
            f"document{'s' if documents != 1 else ''} to {out} "
            f"(Datasette metadata: {export.metadata})\n"
        )
    stats = corpus.statistics(**filters)
    # The library's writer: whole or not at all, never over a file written meanwhile.
    write_text(out, _statistics_out(stats, args.format), overwrite=args.overwrite)
    return f"wrote {len(stats)} statistics to {out}\n"


def _cmd_series(args: argparse.Namespace) -> str:
    series = _corpus(args).series(args.measure, agency=args.agency, unit=args.unit)
    if args.format in ("table", "github", "plain"):
        table_fmt = "simple" if args.format == "table" else args.format
        return series.table(table_fmt) + f"\n{len(series)} points\n"
    records = series.to_records()
    headers = list(records[0]) if records else ["measure", "period", "value"]
    return _rows_out(headers, [[r[h] for h in headers] for r in records], args.format)


def _cmd_conflicts(args: argparse.Namespace) -> str:
    from tipcorpus.citations import ref  # noqa: PLC0415
    from tipcorpus.render import format_value  # noqa: PLC0415

    headers = ["measure", "period", "newer", "older", "newer_ref", "older_ref"]
    conflicts = _corpus(args).conflicts()
    rows: list[list[object]] = []
    for c in conflicts:
        rows.append(
            [
                c.measure.id,
                str(c.period),
                f"{format_value(c.first)} ({c.first.document_id})",
                f"{format_value(c.second)} ({c.second.document_id})",
                ref(c.first),
                ref(c.second),
            ]
        )
    if args.format in ("table", "plain"):
        lines = []
        for c, row in zip(conflicts, rows, strict=True):
            lines.append(f"{row[0]} {row[1]}: {row[2]} vs {row[3]}")
            lines.extend("  " + " ".join(q.split()) for q in c.quotes)
        return "\n".join(lines) + f"\n{len(rows)} conflicts\n"
    return _rows_out(headers, rows, args.format)


def _cmd_cite(args: argparse.Namespace) -> str:
    statistic = _corpus(args).resolve(args.ref)
    return statistic.cite(args.style) + "\n"


def _finite(text: str) -> float:
    """A number option: a finite number (NaN and infinities are refused as usage errors)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


#: Advice in library errors, and what the command line says instead.
_CLI_ADVICE = {
    "pass overwrite=True to replace it": "pass --overwrite to replace it",
    "pass encoding= (e.g. 'cp1252') or errors='replace' to read it anyway": (
        "save it as UTF-8, or read it from Python with encoding= or errors='replace'"
    ),
    "or pass a longer timeout": "or pass a longer --timeout",
}


def _for_cli(message: str) -> str:
    """A library error message, its advice worded in the command line's options."""
    for library, cli in _CLI_ADVICE.items():
        message = message.replace(library, cli)
    return message


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--agency", help="agency id, name or alias (components included)")
    p.add_argument("--year", type=int, help="period ends in this year")
    p.add_argument("--pillar", help="prosecution, protection, prevention or partnership")
    p.add_argument("--kind", help="count, money, percent or multiplier")
    p.add_argument("--document", help="document id")
    p.add_argument("--unit", help="substring of the unit")
    p.add_argument("--qualifier", help="exact, approx, min or max")
    p.add_argument("--min-value", type=_finite, dest="min_value", help="smallest value")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``tipcorpus`` command."""
    parser = argparse.ArgumentParser(
        prog="tipcorpus",
        description="Statistics from U.S. government reports on trafficking in persons.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from tipcorpus._version import __version__  # noqa: PLC0415

    parser.add_argument("--version", action="version", version=f"tipcorpus {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, help_text: str, formats: Sequence[str] = FORMATS
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--docs", help="a folder or file of reports (default: the bundled corpus)")
        p.add_argument("--format", choices=formats, default="table", help="output format")
        return p

    p = command("documents", "list the documents")
    p.set_defaults(func=_cmd_documents)
    p = command("stats", "list statistics, filtered")
    _add_filters(p)
    p.set_defaults(func=_cmd_stats)
    p = command("agency", "one agency's statistics")
    p.add_argument("name", help="agency id, name or alias")
    _add_filters(p)
    p.set_defaults(func=_cmd_agency)
    p = command("pillar", "one pillar's statistics")
    p.add_argument("name", help="prosecution, protection, prevention or partnership")
    _add_filters(p)
    p.set_defaults(func=_cmd_pillar)
    p = command("agencies", "agencies named in the corpus, with counts")
    p.set_defaults(func=_cmd_agencies)
    p = command("search", "sentences that contain a pattern")
    p.add_argument("pattern")
    p.add_argument("--regex", action="store_true", help="the pattern is a regular expression")
    p.add_argument("--case", action="store_true", help="match case")
    p.add_argument("--document", help="only this document")
    p.add_argument(
        "--timeout", type=_finite, default=SEARCH_TIMEOUT, help="seconds a search may take"
    )
    p.set_defaults(func=_cmd_search)
    p = command("show", "print a document or one of its sections")
    p.add_argument("doc_id")
    p.add_argument("--section", help="part of a section heading")
    p.set_defaults(func=_cmd_show)
    p = command("export", "write statistics to a file (json, jsonl, csv, sqlite)", EXPORT_FORMATS)
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr for jsonl and sqlite (default: when it is a terminal)",
    )
    _add_filters(p)
    p.set_defaults(func=_cmd_export)
    p = command("series", "the figures of one measure over time")
    p.add_argument("--measure", help="a measure id (dhs.uscis.t-visas) or a concept (t-visas)")
    p.add_argument("--agency", help="agency id, name or alias (components included)")
    p.add_argument("--unit", help='what is counted, in words ("T visas")')
    p.set_defaults(func=_cmd_series)
    p = command("conflicts", "figures that disagree for the same measure and period")
    p.set_defaults(func=_cmd_conflicts)
    p = command("cite", "cite the statistic a reference names")
    p.add_argument("ref", help="a reference: tipcorpus:<document-id>#c=<start>-<end>")
    p.add_argument("--style", default="plain", help="plain, apa, chicago or bibtex")
    p.set_defaults(func=_cmd_cite)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        out = args.func(args)
    except TipcorpusError as exc:
        print(f"tipcorpus: error: {_for_cli(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - output piped to head
        return 0
    sys.stdout.write(out)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
