"""Results a person can read, and no silent empty answers, as a user meets them.

Every case calls the library or the command line the way a user would, on the bundled
corpus (parsed once for the module) or on a short text written for the case.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import sqlite3
import stat
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cli_run import run_cli as run
from tipcorpus import Corpus, registry
from tipcorpus.cli import EPILOG, main
from tipcorpus.errors import (
    FilterError,
    SearchError,
    TipcorpusError,
    UnknownDocument,
    UnknownMeasure,
    UnknownUnit,
)
from tipcorpus.results import Tabular

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    """The bundled corpus, parsed once for this module."""
    corpus = Corpus.default()
    corpus.statistics()
    return corpus


@pytest.fixture(autouse=True)
def _share_bundled(monkeypatch: pytest.MonkeyPatch, bundled: Corpus) -> None:
    """In-process command runs reuse the module's corpus."""
    monkeypatch.setattr(Corpus, "default", lambda: bundled)


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    """Run with this umask, restoring the old one after."""
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


# --------------------------------------------------------------------- result tables

RESULTS: dict[str, tuple[Callable[[Corpus], Tabular], str]] = {
    "conflicts": (lambda c: c.conflicts(), "conflicts"),
    "corpus-agencies": (lambda c: c.agencies(), "agencies"),
    "pillar-agencies": (lambda c: c.pillar("prevention").agencies(), "agencies"),
    "search": (lambda c: c.search("T visas"), "hits"),
    "concordance": (lambda c: c.concordance("certification"), "occurrences"),
    "series": (lambda c: c.series(unit="victims"), "points"),
    "documents": (lambda c: c.documents, "documents"),
    "sections": (lambda c: c["achievements-2001-2008"].sections, "sections"),
}


@pytest.mark.parametrize("name", list(RESULTS))
def test_every_result_prints_as_a_table_with_a_count(bundled: Corpus, name: str) -> None:
    """str() is a table headed by the result's columns and closed by a count in words."""
    result = RESULTS[name][0](bundled)
    text = result.table(width=120)
    lines = text.splitlines()
    shown = lines[0].split()
    assert shown == [c.name for c in result.columns if c.name in shown]
    assert {c.name for c in result.columns if not c.optional} <= set(shown)
    assert set(lines[1]) <= {"-", " "}
    assert re.fullmatch(rf"{len(result)} {RESULTS[name][1]}\b.*", lines[-1])
    assert max(len(line) for line in lines) <= 120


@pytest.mark.parametrize("name", list(RESULTS))
def test_every_result_has_html_records_and_a_short_repr(bundled: Corpus, name: str) -> None:
    """_repr_html_ is a table, to_records has the table's columns, repr is one short line."""
    result = RESULTS[name][0](bundled)
    assert "<table" in result._repr_html_()
    records = result.to_records()
    assert len(records) == len(result) > 0
    assert {c.name for c in result.columns} <= set(records[0])
    json.dumps(records)  # plain values only
    assert "\n" not in repr(result)
    assert len(repr(result)) < 80


@pytest.mark.parametrize(
    "listing",
    [
        pytest.param(lambda c: c.agencies(), id="corpus"),
        pytest.param(lambda c: c.pillar("protection").agencies(), id="pillar"),
    ],
)
def test_agency_listings_have_one_shape_sorted_by_statistics(
    bundled: Corpus, listing: Callable[[Corpus], Tabular]
) -> None:
    """The corpus's and a view's agencies: id, name, parent, statistics, documents."""
    records = listing(bundled).to_records()
    assert [list(r) for r in records[:1]] == [["id", "name", "parent", "statistics", "documents"]]
    counts = [r["statistics"] for r in records]
    assert counts == sorted(counts, reverse=True)
    assert all(registry().get(str(r["id"])).parent_id == r["parent"] for r in records)
    assert any(r["parent"] is not None for r in records)
    assert all(isinstance(r["documents"], int) and r["documents"] >= 1 for r in records)


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["agencies"], "corpus-agencies"),
        (["agencies", "--pillar", "prevention"], "pillar-agencies"),
        (["conflicts"], "conflicts"),
        (["search", "T visas"], "search"),
        (["series", "--unit", "victims"], "series"),
        (["documents"], "documents"),
    ],
)
def test_the_command_line_uses_the_same_column_names(
    bundled: Corpus, capsys: pytest.CaptureFixture[str], argv: list[str], name: str
) -> None:
    """CSV headers and table headers of a command are the library result's columns."""
    result = RESULTS[name][0](bundled)
    code, out, _ = run([*argv, "--format", "csv"], capsys)
    assert code == 0
    assert next(csv.reader(io.StringIO(out))) == list(result.to_records()[0])
    code, out, _ = run(argv, capsys)
    assert out.splitlines()[0].split() == [c.name for c in result.columns]  # a pipe: all


# --------------------------------------------------------------------- one figure, one document


def test_a_statistic_prints_as_one_line(bundled: Corpus) -> None:
    """print(statistic) is value, unit, (agencies, period, pillar) — document title."""
    visas = bundled.statistics(unit_exact="T visas")[0]
    assert str(visas) == (
        "1,974 T visas (USCIS, through FY2007, protection) — Declaration of Achievements 2001-2008"
    )
    assert repr(visas) == (
        "<Statistic 1,974 T visas, through FY2007 at achievements-2001-2008 chars 6396-6401>"
    )


def test_a_statistic_in_a_notebook_is_a_card_with_quote_and_citation(bundled: Corpus) -> None:
    """_repr_html_ shows the line, the sentence with the number marked, and the citation."""
    visas = bundled.statistics(unit_exact="T visas")[0]
    card = visas._repr_html_()
    assert "<mark>1,974</mark> T visas to TIP victims" in card
    assert "Declaration of Achievements 2001-2008" in card
    assert "chars 6396-6401" in card


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            "In FY 2010, DOL spent $3.5 million on grants.",
            "$3,500,000 (DOL, FY2010",
            id="money-has-no-unit-word",
        ),
        pytest.param(
            "In 2012, arrests rose 47 percent.", "47% (2012", id="percent-has-no-unit-word"
        ),
        pytest.param("HHS certified 400 victims.", "400 victims (HHS", id="no-period"),
    ],
)
def test_statistic_lines_read_naturally(text: str, line: str) -> None:
    """Money, percentages and figures without a period print as a reader writes them."""
    s = Corpus.from_texts({"memo": text}).statistics()[0]
    assert str(s).startswith(line)


def test_documents_and_the_corpus_print_briefly(bundled: Corpus) -> None:
    """A document is one line and a short repr; the corpus shows a document table."""
    doc = bundled["ag-assessment-2009"]
    assert str(doc).endswith(
        "(ag-assessment-2009), U.S. Department of Justice, 2009-06-01, 4,016 characters"
    )
    assert repr(doc).startswith("Document(id='ag-assessment-2009', title=")
    assert "<h4>" in doc._repr_html_()
    assert "<table" in bundled._repr_html_()
    assert str(bundled).splitlines()[-1] == "5 documents"


# --------------------------------------------------------------------- no silent empty answers


@pytest.mark.parametrize(
    ("call", "error", "suggestion"),
    [
        pytest.param(
            lambda c: c.statistics(document="achievements"),
            UnknownDocument,
            "achievements-2001-2008",
            id="unknown-document",
        ),
        pytest.param(
            lambda c: list(c.iter_statistics(document="achievements")),
            UnknownDocument,
            "achievements-2001-2008",
            id="unknown-document-streamed",
        ),
        pytest.param(
            lambda c: c.agency("HHS").statistics(document="state-factsheet"),
            UnknownDocument,
            "state-factsheet-2016",
            id="unknown-document-in-a-view",
        ),
        pytest.param(lambda c: c.series("zebra"), UnknownMeasure, "", id="unknown-measure"),
        pytest.param(lambda c: c.series("t-vissas"), UnknownMeasure, "t-visas", id="misspelt"),
        pytest.param(
            lambda c: c.statistics(unit="certifcation"), UnknownUnit, "", id="unknown-unit"
        ),
        pytest.param(
            lambda c: c.statistics(unit="victimes"), UnknownUnit, "victims", id="close-unit"
        ),
        pytest.param(
            lambda c: c.statistics(unit_exact="visas"), UnknownUnit, "T visas", id="exact-unit"
        ),
        pytest.param(lambda c: c.series(unit="zebras"), UnknownUnit, "", id="series-unit"),
        pytest.param(
            lambda c: c.statistics(year=[2007, 2008]),
            FilterError,
            "years=[2007, 2008]",
            id="year-given-a-list",
        ),
        pytest.param(
            lambda c: c.statistics(year="last year"), FilterError, "2007", id="year-not-a-year"
        ),
        pytest.param(
            lambda c: c.series(related=True), TipcorpusError, "measure or a unit", id="related"
        ),
        pytest.param(
            lambda c: c.search("(visa", regex=True),
            SearchError,
            "not a valid regular",
            id="bad-regex",
        ),
    ],
)
def test_questions_with_no_answer_say_why(
    bundled: Corpus, call: Callable[[Corpus], object], error: type[Exception], suggestion: str
) -> None:
    """A name or value that cannot match raises a one-line error with what to do instead."""
    with pytest.raises(error) as info:
        call(bundled)
    message = str(info.value)
    assert "\n" not in message
    assert suggestion in message


@pytest.mark.parametrize("measure", ["conviction", "convictions", "Convictions"])
def test_a_measure_may_be_named_in_words(bundled: Corpus, measure: str) -> None:
    """series() takes a concept id, a measure id or the words of the unit."""
    series = bundled.series(measure)
    assert len(series) > 0
    assert {m.concept for m in series.measures} == {"convictions"}


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c: c.series("convictions", related=True), id="concept"),
        pytest.param(lambda c: c.series("conviction", related=True), id="words"),
        pytest.param(lambda c: c.series(unit="convictions", related=True), id="unit"),
    ],
)
def test_related_works_however_the_measure_is_named(
    bundled: Corpus, call: Callable[[Corpus], Tabular]
) -> None:
    """related=True adds the related concepts, whether the measure or the unit names it."""
    series = call(bundled)
    concepts = {m.concept for m in series.measures}  # type: ignore[attr-defined]
    assert concepts == {"convictions", "convictions-and-pleas"}


def test_a_unit_matched_by_substring_says_so(bundled: Corpus) -> None:
    """unit= matches parts of units and notes which; unit_exact= matches one unit."""
    loose = bundled.statistics(unit="victims", year=2007)
    assert "matched by substring" in loose.note
    assert "adult trafficking victims" in str(loose).splitlines()[-1]
    assert "unit_exact=" in loose.note
    exact = bundled.statistics(unit_exact="Victims", year=2007)
    assert {s.unit for s in exact} == {"victims"}
    assert exact.note == ""
    assert bundled.statistics(unit="T visa").note == ""  # its own words, in the plural


def test_unknown_agency_errors_match_between_commands(capsys: pytest.CaptureFixture[str]) -> None:
    """`series --agency NOPE` fails with the same one-line hint as `stats --agency NOPE`."""
    _, _, from_stats = run(["stats", "--agency", "NOPE"], capsys)
    code, _, from_series = run(["series", "--agency", "NOPE"], capsys)
    assert code == 1
    assert from_series == from_stats
    assert from_series.startswith("tipcorpus: ")
    assert "tipcorpus agencies" in from_series


def _examples() -> list[list[str]]:
    import shlex

    lines = [line.strip() for line in EPILOG.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("tipcorpus ")]


@pytest.mark.parametrize("argv", _examples(), ids=lambda argv: " ".join(argv)[:40])
def test_every_help_example_prints_something(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    """Each example of `tipcorpus --help` runs on the bundled corpus and prints a result."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(argv, capsys)
    assert (code, err) == (0, "")
    assert out.strip()
    assert not re.match(r"0 \w+", out.strip().splitlines()[-1])


# --------------------------------------------------------------------- widths


@pytest.mark.parametrize("width", [60, 88, 100, 120, 160])
def test_tables_never_pass_the_width_asked_for(bundled: Corpus, width: int) -> None:
    """width= is honoured: no line of a statistics table is longer."""
    table = bundled.statistics(agency="HHS").table(width=width)
    assert max(len(line) for line in table.splitlines()) <= width


@pytest.mark.parametrize("width", [88, 100, 120])
def test_value_unit_period_and_agencies_are_cut_last(bundled: Corpus, width: int) -> None:
    """A short width cuts the quote and leaves out document and pillar before anything else."""
    stats = bundled.statistics(agency="HHS", year=2007)
    rows = stats.table(width=width).splitlines()[2:-1]
    for s, row in zip(stats, rows, strict=True):
        assert row.split("  ")[0].strip() in {f"{s.value:,}", f"~{s.value:,}"}
        assert s.unit in row
        assert str(s.period) in row
        assert "…" in row  # the quote gave way


def test_width_zero_and_plain_output_cut_nothing(
    bundled: Corpus, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """width=0, `--format plain`, a pipe and a table file keep every sentence whole."""
    stats = bundled.statistics(agency="HHS", year=2007)
    sentence = " ".join(stats[0].sentence.split()).replace("1248", "«1248»")
    assert sentence in stats.table(width=0)
    for argv in (
        ["stats", "--agency", "HHS", "--year", "2007", "--format", "plain"],
        ["stats", "--agency", "HHS", "--year", "2007"],  # stdout is not a terminal here
    ):
        _, out, _ = run(argv, capsys)
        assert sentence in out
    out_file = tmp_path / "hhs.txt"
    run(
        ["export", "--agency", "HHS", "--year", "2007", "--format", "table", "-o", str(out_file)],
        capsys,
    )
    assert sentence in out_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("make", "footer"),
    [
        pytest.param(
            lambda c: c.statistics(unit_exact="T visas"),
            "1 statistic from 1 document",
            id="statistic",
        ),
        pytest.param(lambda c: c.series("t-visas"), "1 point", id="point"),
        pytest.param(lambda c: c.search("1,974"), "1 hit", id="hit"),
        pytest.param(lambda c: c.agencies()[:1], "1 agency", id="agency"),
        pytest.param(lambda c: c.conflicts()[:1], "1 conflict", id="conflict"),
        pytest.param(lambda c: c.documents[:1], "1 document", id="document"),
    ],
)
def test_counts_are_singular_for_one(
    bundled: Corpus, make: Callable[[Corpus], Tabular], footer: str
) -> None:
    """One thing is "1 statistic", "1 point", never "1 statistics"."""
    assert str(make(bundled)).splitlines()[-1] == footer


def test_quotes_drop_markdown_escapes_but_spans_keep_them() -> None:
    r"""A sentence with ``\$`` shows ``$`` in tables and cards; the span still indexes text."""
    text = r"In FY 2010, DOL spent \$3.5 million on grants."
    corpus = Corpus.from_texts({"memo": text})
    s = corpus.statistics()[0]
    assert "\\$" in s.sentence
    table = corpus.statistics().table(columns=["value", "quote"], width=0)
    assert "spent «$3.5 million» on grants" in table
    assert "\\" not in s._repr_html_().split("<blockquote>")[1]
    assert text[slice(*s.span)] == s.surface


# --------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["search", "(visa", "--regex"], id="bad-regex"),
        pytest.param(["export", "-o", "/no/such/folder/out.csv"], id="missing-folder"),
        pytest.param(["export", "-o", "out.xyz"], id="unknown-extension"),
        pytest.param(["export", "-o", "out.csv", "--progress"], id="progress-not-streamed"),
        pytest.param(["stats", "--year", "last"], id="bad-year"),
        pytest.param(["stats", "--document", "achievements"], id="unknown-document"),
        pytest.param(["stats", "--unit", "zebras"], id="unknown-unit"),
        pytest.param(["series", "--measure", "zebra"], id="unknown-measure"),
        pytest.param(["agency", "HHS", "--agency", "DOJ"], id="agency-filter-on-agency"),
        pytest.param(["pillar", "protection", "--pillar", "prevention"], id="pillar-on-pillar"),
        pytest.param(["show", "ag-assessment-2009", "--format", "json"], id="show-format"),
        pytest.param(["cite", "tipcorpus:x#c=1-2", "--format", "csv"], id="cite-format"),
        pytest.param(["stats", "--frobnicate"], id="unknown-option"),
        pytest.param(["nonsense"], id="unknown-command"),
    ],
)
def test_user_errors_are_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    """Every mistake exits non-zero with one `tipcorpus:` line on stderr and no traceback."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(argv, capsys)
    assert code != 0
    assert out == ""
    assert err.startswith("tipcorpus:")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def _read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _read_json(path: Path) -> list[dict[str, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _read_sqlite(path: Path) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT value FROM statistics").fetchall()


def _read_parquet(path: Path) -> list[object]:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    return list(pd.read_parquet(path)["value"])


@pytest.mark.parametrize(
    ("name", "read"),
    [
        ("out.csv", _read_csv),
        ("out.json", _read_json),
        ("out.jsonl", _read_jsonl),
        ("out.db", _read_sqlite),
        ("out.sqlite", _read_sqlite),
        ("out.parquet", _read_parquet),
    ],
)
def test_export_format_follows_the_extension(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    read: Callable[[Path], list[object]],
) -> None:
    """`export -o out.EXT` writes the format the extension names, with every statistic."""
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    out = tmp_path / name
    code, said, err = run(["export", "--agency", "USCIS", "-o", str(out)], capsys)
    assert (code, err) == (0, "")
    assert said == f"wrote 5 statistics to {out}\n" or "from" in said
    assert len(read(out)) == 5


def test_parquet_without_its_engine_names_the_extra(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without pyarrow, a .parquet export says which extra to install, and writes nothing."""
    try:
        import pyarrow  # type: ignore[import-not-found, import-untyped, unused-ignore]  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("pyarrow is installed")
    code, _, err = run(["export", "-o", str(tmp_path / "out.parquet")], capsys)
    assert code == 1
    assert "tipcorpus[pandas]" in err
    assert list(tmp_path.iterdir()) == []


def test_export_format_option_wins_over_the_extension(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--format jsonl -o out.txt` writes JSON Lines under that name."""
    out = tmp_path / "out.txt"
    code, _, _ = run(["export", "--unit", "T visas", "--format", "jsonl", "-o", str(out)], capsys)
    assert code == 0
    assert [r["value"] for r in _read_jsonl(out)] == [1974]


@pytest.mark.parametrize(
    ("argv", "fields"),
    [
        (["stats", "--kind", "money", "--format", "json"], ("value",)),
        (["series", "--unit", "victims", "--format", "json"], ("value",)),
        (["conflicts", "--format", "json"], ("newer", "older")),
    ],
)
def test_json_values_are_numbers(
    capsys: pytest.CaptureFixture[str], argv: list[str], fields: tuple[str, ...]
) -> None:
    """Money and counts alike are JSON numbers, never strings."""
    _, out, _ = run(argv, capsys)
    records = json.loads(out)
    assert records
    for r in records:
        for f in fields:
            assert isinstance(r[f], int | float), (f, r[f])


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s, p: s.to_csv(p / "a.csv"), id="to_csv"),
        pytest.param(lambda s, p: s.to_json(p / "a.json"), id="to_json"),
        pytest.param(lambda s, p: s.to_sqlite(p / "a.db"), id="to_sqlite"),
        pytest.param(lambda s, p: main(["export", "-o", str(p / "a.jsonl")]), id="cli-jsonl"),
        pytest.param(
            lambda s, p: main(["export", "--format", "plain", "-o", str(p / "a.txt")]),
            id="cli-table",
        ),
    ],
)
def test_files_get_the_usual_permissions(
    bundled: Corpus, tmp_path: Path, write: Callable[[object, Path], object]
) -> None:
    """Exports are readable by others under umask 022, as any new file is."""
    with umask(0o022):
        write(bundled.statistics(unit_exact="T visas"), tmp_path)
    files = [f for f in tmp_path.iterdir() if f.is_file()]
    assert files
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o644, f.name


def test_datasette_metadata_describes_exactly_the_columns(bundled: Corpus, tmp_path: Path) -> None:
    """Every table's metadata names the columns the database has, no more, no fewer."""
    export = bundled.statistics(agency="USCIS").to_sqlite(tmp_path / "tip.db")
    meta = json.loads(export.metadata.read_text(encoding="utf-8"))
    tables = meta["databases"]["tip"]["tables"]
    with contextlib.closing(sqlite3.connect(export.database)) as db:
        for table, entry in tables.items():
            columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
            assert list(entry["columns"]) == columns, table
            assert all(entry["columns"].values())


@pytest.mark.parametrize(
    ("unit", "section"),
    [
        ("T visas", "section Protection: Protecting and Assisting Human Trafficking Victims,"),
        ("applications", "section Immigration Benefits,"),
    ],
)
def test_citations_keep_the_section_path_short(bundled: Corpus, unit: str, section: str) -> None:
    """A heading repeated by a deeper one or by the title is left out of a citation."""
    citation = bundled.statistics(unit_exact=unit)[0].cite()
    assert section in citation
    assert citation.count("Interagency Task Force") <= 1


def test_readme_names_every_extra_with_its_purpose() -> None:
    """Each optional extra a user may install is in the README, with what it is for."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = set(meta["project"]["optional-dependencies"]) - {"test", "dev", "docs", "bench"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for extra in sorted(extras):
        row = re.search(rf"^\| `{extra}` \| (.+) \|$", readme, re.MULTILINE)
        assert row is not None, extra
        assert len(row.group(1).split()) >= 3
