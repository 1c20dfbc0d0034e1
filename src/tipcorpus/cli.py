"""The ``tipcorpus`` command line.

Every command prints the same columns as the library's result for it (a table in a
terminal, fitted to its width; never cut with ``--format plain``, in a pipe or a file).
Errors a user can fix go to stderr as one line starting ``tipcorpus:``, without a
traceback: exit code 2 for usage, 1 for anything else.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tipcorpus.corpus import Corpus
from tipcorpus.errors import TipcorpusError, UnknownAgency
from tipcorpus.export import (
    Progress,
    csv_text,
    to_csv,
    to_json,
    to_sqlite,
    write_jsonl,
    write_text,
)
from tipcorpus.results import Tabular, plural
from tipcorpus.views import SEARCH_TIMEOUT, StatisticSet

__all__ = ["build_parser", "main"]

EPILOG = """examples (on the bundled reports; add --docs FOLDER for your own):
  tipcorpus documents
  tipcorpus stats --agency HHS --year 2007
  tipcorpus stats --pillar protection --kind money --format github
  tipcorpus agency "Health and Human Services"
  tipcorpus agencies
  tipcorpus search "T visas"
  tipcorpus stats --unit "T visas" --format json
  tipcorpus export -o tip.db
  tipcorpus series --agency USCIS --unit "T visas"
  tipcorpus conflicts
  tipcorpus cite "tipcorpus:tip-report-2005-usg#c=31230-31241" --style apa
  tipcorpus explain "tipcorpus:tip-report-2005-usg#c=31230-31241"
  tipcorpus evaluate --rules
"""

FORMATS = ("table", "github", "plain", "csv", "json", "jsonl")

TEXT_FORMATS = ("table", "github", "plain")

EXPORT_FORMATS = ("csv", "json", "jsonl", "sqlite", "parquet", *TEXT_FORMATS)
"""What ``tipcorpus export`` writes; ``jsonl`` and ``sqlite`` stream document by document."""

EXTENSIONS = {
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".db": "sqlite",
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".parquet": "parquet",
}
"""The export format each file extension means (``--format`` overrides it)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: ``tipcorpus: ...``."""

    def error(self, message: str) -> NoReturn:
        """Print ``tipcorpus: <command>: <message>`` to stderr and exit with code 2."""
        where = self.prog.removeprefix("tipcorpus").strip()
        hint = f" (see tipcorpus {where + ' ' if where else ''}--help)"
        self.exit(2, f"tipcorpus: {where + ': ' if where else ''}{message}{hint}\n")


def _width(args: argparse.Namespace) -> int | None:
    """The width to fit tables to: the terminal's, or 0 (no limit) for plain, pipes, files."""
    if args.format == "plain" or not sys.stdout.isatty():
        return 0
    return None


def _result_out(result: Tabular, args: argparse.Namespace) -> str:
    """A result in the asked format: its table (fitted), or its records."""
    if args.format in TEXT_FORMATS:
        fmt = "simple" if args.format == "table" else args.format
        return result.table(fmt, width=_width(args)) + "\n"
    records = result.to_records()
    headers = list(records[0]) if records else [c.name for c in result.columns]
    return _rows_out(headers, [[r.get(h) for h in headers] for r in records], args.format)


def _rows_out(headers: Sequence[str], rows: list[list[object]], fmt: str) -> str:
    if fmt in ("json", "jsonl"):
        records = [dict(zip(headers, row, strict=True)) for row in rows]
        if fmt == "jsonl":
            return "".join(json.dumps(r, default=str) + "\n" for r in records)
        return json.dumps(records, indent=2, default=str) + "\n"
    return csv_text(headers, rows)


def _statistics_out(
    stats: StatisticSet, fmt: str, width: int | None = 0, *, rules: bool = False
) -> str:
    if fmt in ("json", "jsonl"):
        return to_json(stats, lines=fmt == "jsonl", rules=rules) or ""
    if fmt == "csv":
        # One CSV dialect: the library's, which read_records reads back.
        return to_csv(stats, rules=rules) or ""
    if rules:
        raise TipcorpusError(f"--rules adds columns to csv, json and jsonl, not to {fmt}")
    table_fmt = "simple" if fmt == "table" else fmt
    return stats.table(fmt=table_fmt, width=width) + "\n"


def _corpus(args: argparse.Namespace) -> Corpus:
    if args.docs:
        return Corpus.from_path(args.docs)
    return Corpus.default()


def _filters(args: argparse.Namespace) -> dict[str, object]:
    out: dict[str, object] = {}
    names = ("agency", "year", "pillar", "kind", "document", "unit", "unit_exact", "qualifier")
    for name in names:
        value = getattr(args, name, None)
        if value is not None:
            out[name] = value
    if getattr(args, "min_value", None) is not None:
        out["min_value"] = args.min_value
    return out


def _cmd_documents(args: argparse.Namespace) -> str:
    return _result_out(_corpus(args).documents, args)


def _cmd_stats(args: argparse.Namespace) -> str:
    stats = _corpus(args).statistics(**_filters(args))
    return _statistics_out(stats, args.format, _width(args), rules=args.rules)


def _cmd_agency(args: argparse.Namespace) -> str:
    corpus = _corpus(args)
    view = corpus.agency(args.name)
    stats = corpus.statistics(agency=view.agency, **_filters(args))
    head = "" if args.format in ("json", "jsonl", "csv") else f"{view.id} — {view.name}\n"
    return head + _statistics_out(stats, args.format, _width(args))


def _cmd_pillar(args: argparse.Namespace) -> str:
    view = _corpus(args).pillar(args.name)
    return _statistics_out(view.statistics(**_filters(args)), args.format, _width(args))


def _cmd_agencies(args: argparse.Namespace) -> str:
    corpus = _corpus(args)
    if args.pillar is not None:
        return _result_out(corpus.pillar(args.pillar).agencies(), args)
    return _result_out(corpus.agencies(), args)


def _cmd_search(args: argparse.Namespace) -> str:
    hits = _corpus(args).search(
        args.pattern,
        regex=args.regex,
        case=args.case,
        document=args.document,
        timeout=args.timeout,
    )
    return _result_out(hits, args)


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


def _export_format(args: argparse.Namespace, out: Path) -> str:
    """The format to write: ``--format``, else the one the file's extension names."""
    if args.format is not None:
        return str(args.format)
    suffix = out.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(sorted(EXTENSIONS))
    raise TipcorpusError(
        f"cannot tell the format of {out.name!r} from its extension; "
        f"use one of {known}, or pass --format"
    )


def _cmd_export(args: argparse.Namespace) -> str:
    out = Path(args.output)
    fmt = _export_format(args, out)
    if args.progress is not None and fmt not in ("jsonl", "sqlite"):
        raise TipcorpusError(f"--progress applies to jsonl and sqlite exports, not {fmt}")
    # The library's writers check the target (folder, directory, existing file) and
    # publish whole files only; their errors name the command line's options.
    corpus = _corpus(args)
    filters = _filters(args)
    if filters:
        corpus.statistics(**filters)  # checks the filters (unknown names, units) up front
    if args.rules and fmt not in ("csv", "json"):
        raise TipcorpusError(f"--rules adds columns to csv and json exports, not to {fmt}")
    if fmt in ("jsonl", "sqlite"):
        # Streamed one document at a time; filtered statistics stream too.
        source = corpus.iter_statistics(**filters) if filters else corpus
        progress = _progress_of(args.progress)
        if fmt == "jsonl":
            written = write_jsonl(source, out, overwrite=args.overwrite, progress=progress)
            return f"wrote {plural(written, 'statistic')} to {out}\n"
        export = to_sqlite(source, out, overwrite=args.overwrite, progress=progress)
        counts = dict(export.counts)
        documents = counts["documents"]
        return (
            f"wrote {plural(counts['statistics'], 'statistic')} from "
            f"{plural(documents, 'document')} to {out} "
            f"(Datasette metadata: {export.metadata})\n"
        )
    stats = corpus.statistics(**filters)
    if fmt == "parquet":
        from tipcorpus.export import to_parquet  # noqa: PLC0415

        to_parquet(stats, out, overwrite=args.overwrite)
    else:
        # The library's writer: whole or not at all, never over a file written meanwhile.
        write_text(out, _statistics_out(stats, fmt, 0, rules=args.rules), overwrite=args.overwrite)
    return f"wrote {plural(len(stats), 'statistic')} to {out}\n"


def _cmd_series(args: argparse.Namespace) -> str:
    series = _corpus(args).series(
        args.measure, agency=args.agency, unit=args.unit, related=args.related
    )
    return _result_out(series, args)


def _cmd_conflicts(args: argparse.Namespace) -> str:
    return _result_out(_corpus(args).conflicts(), args)


def _cmd_cite(args: argparse.Namespace) -> str:
    statistic = _corpus(args).resolve(args.ref)
    return statistic.cite(args.style) + "\n"


def _cmd_explain(args: argparse.Namespace) -> str:
    return _corpus(args).resolve(args.ref).explain() + "\n"


def _cmd_evaluate(args: argparse.Namespace) -> str:
    from tipcorpus.evaluation import evaluate, load_gold, rule_report  # noqa: PLC0415

    if args.gold is None:
        if args.docs:
            raise TipcorpusError("--docs needs --gold: the gold annotations of those documents")
        from importlib import resources  # noqa: PLC0415

        gold_path = Path(str(resources.files("tipcorpus").joinpath("data/gold_seeds.jsonl")))
    else:
        gold_path = Path(args.gold)
    if not gold_path.is_file():
        raise TipcorpusError(
            f"no gold file at {gold_path}: give a JSON Lines file of gold mentions"
        )
    scores = evaluate(load_gold(gold_path), _corpus(args))
    if args.rules:
        report = rule_report(scores)
        if args.format in ("table", "plain", "github"):
            fmt = "simple" if args.format == "table" else args.format
            return report.table(fmt) + "\n"
        rows = report.to_records()
        return _rows_out(
            list(rows[0]) if rows else ["field", "rule"],
            [list(r.values()) for r in rows],
            args.format,
        )
    figures = scores.as_dict()
    if args.format not in ("table", "plain", "github"):
        return _rows_out(["measure", "value"], [[k, v] for k, v in figures.items()], args.format)
    lines = [f"{k:>26}: {v}" for k, v in figures.items()]
    n = args.show_errors
    if n:
        lines.append("\n# missed")
        lines += [f"  {g.doc} {g.surface!r} #{g.occurrence}" for g in scores.missed[:n]]
        lines.append("# false positives")
        lines += [f"  {s.document_id} {s.surface!r} at {s.span[0]}" for s in scores.spurious[:n]]
        lines.append("# wrong fields")
        for m in scores.mismatches[:n]:
            lines.append(f"  {m}")
            why = m.statistic.why
            if why is not None:
                lines += [
                    f"      {why[f]}"
                    for f in m.fields
                    if f in ("unit", "period", "agencies", "pillar")
                ]
    return "\n".join(lines) + "\n"


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


def _add_filters(p: argparse.ArgumentParser, *, skip: Sequence[str] = ()) -> None:
    """The statistic filters, but those in ``skip`` (that the command fixes itself)."""
    if "agency" not in skip:
        p.add_argument("--agency", help="agency id, name or alias (components included)")
    p.add_argument("--year", type=int, help="period ends in this year")
    if "pillar" not in skip:
        p.add_argument("--pillar", help="prosecution, protection, prevention or partnership")
    p.add_argument("--kind", help="count, money, percent or multiplier")
    p.add_argument("--document", help="document id")
    p.add_argument("--unit", help="part of the unit ('victims' also matches 'adult victims')")
    p.add_argument("--unit-exact", dest="unit_exact", help="the whole unit, any case")
    p.add_argument("--qualifier", help="exact, approx, min or max")
    p.add_argument("--min-value", type=_finite, dest="min_value", help="smallest value")


def _add_rules(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--rules",
        action="store_true",
        help="add the rule that decided each field (rule_unit ...) to csv and json output",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``tipcorpus`` command."""
    parser = _Parser(
        prog="tipcorpus",
        description="Statistics from U.S. government reports on trafficking in persons.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from tipcorpus._version import __version__  # noqa: PLC0415

    parser.add_argument("--version", action="version", version=f"tipcorpus {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, help_text: str, formats: Sequence[str] | None = FORMATS
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--docs", help="a folder or file of reports (default: the bundled corpus)")
        if formats is not None:
            p.add_argument(
                "--format",
                choices=formats,
                default="table",
                help="output format (plain is never cut to the terminal's width)",
            )
        return p

    p = command("documents", "list the documents")
    p.set_defaults(func=_cmd_documents)
    p = command("stats", "list statistics, filtered")
    _add_filters(p)
    _add_rules(p)
    p.set_defaults(func=_cmd_stats)
    p = command("agency", "one agency's statistics")
    p.add_argument("name", help="agency id, name or alias")
    _add_filters(p, skip=("agency",))
    p.set_defaults(func=_cmd_agency)
    p = command("pillar", "one pillar's statistics")
    p.add_argument("name", help="prosecution, protection, prevention or partnership")
    _add_filters(p, skip=("pillar",))
    p.set_defaults(func=_cmd_pillar)
    p = command("agencies", "agencies named in the corpus, with counts, most statistics first")
    p.add_argument("--pillar", help="only the agencies credited under this pillar")
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
    p = command("show", "print a document or one of its sections", None)
    p.add_argument("doc_id")
    p.add_argument("--section", help="part of a section heading")
    p.set_defaults(func=_cmd_show)
    p = command(
        "export",
        "write statistics to a file: .csv, .json, .jsonl, .db/.sqlite or .parquet",
        EXPORT_FORMATS,
    )
    p.set_defaults(format=None)
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.add_argument("--overwrite", action="store_true", help="replace an existing file")
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar on stderr for jsonl and sqlite (default: when it is a terminal)",
    )
    _add_filters(p)
    _add_rules(p)
    p.set_defaults(func=_cmd_export)
    p = command("series", "the figures of one measure over time")
    p.add_argument("--measure", help="a measure id (dhs.uscis.t-visas) or a concept (t-visas)")
    p.add_argument("--agency", help="agency id, name or alias (components included)")
    p.add_argument("--unit", help='what is counted, in words ("T visas")')
    p.add_argument(
        "--related", action="store_true", help="also the concepts related to the measure or unit"
    )
    p.set_defaults(func=_cmd_series)
    p = command("conflicts", "figures that disagree for the same measure and period")
    p.set_defaults(func=_cmd_conflicts)
    p = command("cite", "cite the statistic a reference names", None)
    p.add_argument("ref", help="a reference: tipcorpus:<document-id>#c=<start>-<end>")
    p.add_argument("--style", default="plain", help="plain, apa, chicago or bibtex")
    p.set_defaults(func=_cmd_cite)
    p = command("explain", "how each field of the statistic a reference names was decided", None)
    p.add_argument("ref", help="a reference: tipcorpus:<document-id>#c=<start>-<end>")
    p.set_defaults(func=_cmd_explain)
    p = command("evaluate", "score the statistics against a gold file (--rules: per rule)")
    p.add_argument(
        "--gold",
        help="a JSON Lines file of gold mentions (default: the bundled reports' own gold)",
    )
    p.add_argument("--rules", action="store_true", help="one row per rule and field")
    p.add_argument(
        "--show-errors",
        type=int,
        default=0,
        metavar="N",
        dest="show_errors",
        help="list up to N misses, false positives and wrong records, with the deciding rules",
    )
    p.set_defaults(func=_cmd_evaluate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        command = f"tipcorpus {args.command}" if args.command else "tipcorpus"
        parser.exit(
            2,
            f"tipcorpus: {' '.join(extra)}: not an option of {command} (see {command} --help)\n",
        )
    if args.command is None:
        parser.print_help()
        return 2
    try:
        out = args.func(args)
    except UnknownAgency as exc:
        hint = "" if exc.candidates else "; `tipcorpus agencies` lists those in the corpus"
        print(f"tipcorpus: error: {exc}{hint}", file=sys.stderr)
        return 1
    except TipcorpusError as exc:
        print(f"tipcorpus: error: {_for_cli(str(exc))}", file=sys.stderr)
        return 1
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"tipcorpus: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        sys.stdout.write(out)
    except BrokenPipeError:  # pragma: no cover - output piped to head
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
