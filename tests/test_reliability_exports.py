"""Reliability of exports: files are written whole or not at all, never over another's.

The cases race two writers to one path, write a file while an export runs, point the
command line's exports at places that cannot be written, put formulas and huge values
in cells and records, and read back every CSV file the library writes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from cli_run import run_cli as _run
from tipcorpus import Corpus, ExportError, Statistic
from tipcorpus.export import (
    RECORD_FIELDS,
    RecordError,
    csv_text,
    from_csv,
    neutralise_cell,
    read_records,
    to_csv,
    to_json,
    to_records,
    write_jsonl,
    write_text,
)

MEMO = "In FY 2007, HHS certified 1,248 victims of trafficking.\n"


@pytest.fixture(scope="module")
def statistics() -> tuple[Statistic, ...]:
    """The statistics of a one-sentence memo."""
    return tuple(Corpus.from_texts({"memo": MEMO}).statistics())


# --------------------------------------------------------------------------- atomic


def _waiting(statistics: tuple[Statistic, ...], barrier: threading.Barrier) -> Iterator[Statistic]:
    """The statistics, given only once every writer has started."""
    barrier.wait(timeout=30)
    yield from statistics


def test_two_writers_to_one_path_one_wins(
    tmp_path: Path, statistics: tuple[Statistic, ...]
) -> None:
    """Two exports racing to one path: exactly one writes it, the other is refused."""
    target = tmp_path / "stats.jsonl"
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def export() -> None:
        try:
            outcomes.append(write_jsonl(_waiting(statistics, barrier), target))
        except ExportError as error:
            outcomes.append(error)

    threads = [threading.Thread(target=export) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(type(o).__name__ for o in outcomes) == ["ExportError", "int"]
    assert "created while the export ran" in str(
        next(o for o in outcomes if not isinstance(o, int))
    )
    assert len(read_records(target)) == len(statistics)
    assert [p.name for p in tmp_path.iterdir()] == ["stats.jsonl"]


def test_file_written_during_an_export_is_kept(
    tmp_path: Path, statistics: tuple[Statistic, ...]
) -> None:
    """A file another program writes while an export runs is not replaced."""
    target = tmp_path / "stats.jsonl"

    def meanwhile() -> Iterator[Statistic]:
        target.write_text("someone else's work\n", encoding="utf-8")
        yield from statistics

    with pytest.raises(ExportError, match="created while the export ran"):
        write_jsonl(meanwhile(), target)
    assert target.read_text(encoding="utf-8") == "someone else's work\n"
    assert [p.name for p in tmp_path.iterdir()] == ["stats.jsonl"]


def test_overwrite_replaces(tmp_path: Path, statistics: tuple[Statistic, ...]) -> None:
    """With overwrite the export replaces what is there, in one step."""
    target = tmp_path / "stats.csv"
    target.write_text("old\n", encoding="utf-8")
    to_csv(statistics, target, overwrite=True)
    assert len(read_records(target)) == len(statistics)


def test_sqlite_export_is_all_or_nothing(tmp_path: Path, statistics: tuple[Statistic, ...]) -> None:
    """A SQLite export whose metadata file appears meanwhile leaves no database behind."""
    from tipcorpus.export import metadata_path, to_sqlite

    target = tmp_path / "tip.db"

    def meanwhile() -> Iterator[Statistic]:
        metadata_path(target).write_text("{}", encoding="utf-8")
        yield from statistics

    with pytest.raises(ExportError, match="created while the export ran"):
        to_sqlite(meanwhile(), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tip.metadata.json"]


# --------------------------------------------------------------------------- unwritable


def _unwritable_cases() -> list[object]:
    cases: list[object] = [
        pytest.param("missing/stats.json", "missing is not a directory", id="missing-folder"),
        pytest.param("folder", "is a directory", id="existing-directory"),
        pytest.param("/proc/tipcorpus-stats.json", "cannot write", id="proc"),
    ]
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        cases.append(pytest.param("locked/stats.json", "cannot write", id="read-only-folder"))
    return cases


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
@pytest.mark.parametrize(("where", "message"), _unwritable_cases())
def test_cli_export_to_an_unwritable_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, where: str, message: str
) -> None:
    """Exports the command line cannot write end in one `tipcorpus: error:` line, no traceback."""
    if where.startswith("/proc") and not Path("/proc").is_dir():
        pytest.skip("no /proc on this system")
    (tmp_path / "folder").mkdir()
    (tmp_path / "locked").mkdir(mode=0o500)
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    target = where if where.startswith("/") else str(tmp_path / where)
    argv = ["export", "--docs", str(tmp_path / "memo.txt"), "--format", fmt, "-o", target]
    code, out, err = _run(argv, capsys)
    assert (code, out) == (1, "")
    assert err.startswith("tipcorpus: error: ")
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_cli_refusal_names_the_cli_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line's advice names its own option, not the library's argument."""
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    target = tmp_path / "stats.csv"
    target.write_text("kept\n", encoding="utf-8")
    argv = ["export", "--docs", str(tmp_path / "memo.txt"), "--format", "csv", "-o", str(target)]
    code, _, err = _run(argv, capsys)
    assert code == 1
    assert "pass --overwrite" in err
    assert "overwrite=True" not in err
    assert target.read_text(encoding="utf-8") == "kept\n"


def test_write_text_refuses_lone_surrogates(tmp_path: Path) -> None:
    """Text UTF-8 cannot encode is an ExportError naming the character, and no file."""
    with pytest.raises(ExportError, match=r"U\+DC81"):
        write_text(tmp_path / "out.txt", "bad \udc81 byte")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- CSV


def test_cli_csv_is_the_library_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], statistics: tuple[Statistic, ...]
) -> None:
    """`stats --format csv` prints what to_csv writes, and read_records reads it back."""
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    code, out, _ = _run(["stats", "--docs", str(tmp_path / "memo.txt"), "--format", "csv"], capsys)
    assert code == 0
    assert out == to_csv(Corpus.from_path(tmp_path / "memo.txt").statistics())
    saved = tmp_path / "stats.csv"
    saved.write_text(out, encoding="utf-8", newline="")
    assert [r.value for r in read_records(saved)] == [1248]


def test_empty_result_still_has_a_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV of no statistics is the header line alone, from the library and the CLI."""
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    argv = ["stats", "--docs", str(tmp_path / "memo.txt"), "--year", "1990", "--format", "csv"]
    code, out, _ = _run(argv, capsys)
    assert code == 0
    assert next(csv.reader(io.StringIO(out))) == list(RECORD_FIELDS)


FORMULA_CASES = [
    pytest.param('=HYPERLINK("http://example.test","open")', id="equals"),
    pytest.param("+1+cmd|' /C calc'!A0", id="plus"),
    pytest.param("-2+3", id="minus"),
    pytest.param("@SUM(1+1)", id="at"),
    pytest.param("\t=1", id="tab"),
    pytest.param("\r=1", id="carriage-return"),
    pytest.param("'=already quoted", id="apostrophe"),
]


@pytest.mark.parametrize("cell", FORMULA_CASES)
def test_formula_cells_are_neutralised_and_read_back(tmp_path: Path, cell: str) -> None:
    """A cell a spreadsheet would run is written with a leading ', and read back exactly."""
    text = f"{cell} In FY 2007, HHS certified 1,248 victims.\n"
    corpus = Corpus.from_texts({cell: text})
    written = to_csv(corpus.statistics())
    assert written is not None
    rows = list(csv.DictReader(io.StringIO(written, newline="")))
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not (value.startswith("-") and not value.lstrip("-").isdigit()), value
    assert rows[0]["document"] == "'" + cell
    path = tmp_path / "stats.csv"
    path.write_text(written, encoding="utf-8", newline="")
    back = read_records(path)
    assert {r.document for r in back} == {cell}
    assert [r.sentence for r in back] == [s.sentence for s in corpus.statistics()]


NUMBER_CELLS = [
    pytest.param("-12", "-12", id="negative-integer"),
    pytest.param("+3.5", "+3.5", id="signed-decimal"),
    pytest.param("HHS", "HHS", id="word"),
    pytest.param("=1", "'=1", id="formula"),
]


@pytest.mark.parametrize(("cell", "written"), NUMBER_CELLS)
def test_plain_numbers_are_not_neutralised(cell: str, written: str) -> None:
    """A signed number stays a number; only formula-like text gets the ' mark."""
    assert neutralise_cell(cell) == written


def test_cli_tables_in_csv_are_neutralised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Other CLI tables in CSV (documents) use the same dialect and neutralisation."""
    (tmp_path / "=cmd.txt").write_text(MEMO, encoding="utf-8")
    code, out, _ = _run(["documents", "--docs", str(tmp_path), "--format", "csv"], capsys)
    assert code == 0
    [row] = csv.DictReader(io.StringIO(out, newline=""))
    assert row["id"] == "'=cmd"


def test_long_cells_read_back(tmp_path: Path) -> None:
    """A sentence longer than the csv module's default field limit reads back."""
    sentence = "In FY 2007, HHS certified 1,248 victims " + "of trafficking " * 12_000 + "."
    statistics = Corpus.from_texts({"memo": sentence}).statistics()
    assert len(statistics[0].sentence) > 131_072
    path = tmp_path / "long.csv"
    to_csv(statistics, path)
    assert read_records(path)[0].sentence == statistics[0].sentence
    assert csv.field_size_limit() == 131_072  # the process-wide setting is left as it was


# --------------------------------------------------------------------------- records


BAD_VALUES = [
    pytest.param("1e999999999", "larger than", id="huge-exponent"),
    pytest.param("1e-999999999", "decimal places", id="tiny-exponent"),
    pytest.param("9" * 200, "longer than", id="200-digits"),
    pytest.param(10**60, "larger than", id="huge-integer"),
    pytest.param("NaN", "not a finite number", id="nan"),
    pytest.param("Infinity", "not a finite number", id="infinity"),
]


@pytest.mark.parametrize(("value", "message"), BAD_VALUES)
def test_records_refuse_unbounded_values(
    tmp_path: Path, statistics: tuple[Statistic, ...], value: object, message: str
) -> None:
    """A record value that would take unbounded time to print is a RecordError naming it."""
    [record] = to_records(statistics)
    record["value"] = value
    path = tmp_path / "edited.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        read_records(path)


def test_records_keep_large_honest_values(statistics: tuple[Statistic, ...]) -> None:
    """Values up to the bound read back exactly."""
    [record] = to_records(statistics)
    record["kind"], record["value"] = "money", "3.5e+30"
    [back] = from_csv(csv_text(list(record), [list(record.values())]))
    assert back.value == Decimal("3.5e+30")


BAD_FILES = [
    pytest.param("stats.json", b"[{", "not JSON", id="truncated-json"),
    pytest.param("stats.json", b"[" * 100_000, "not JSON", id="deep-json"),
    pytest.param("stats.jsonl", b'{"value": 1}\n{', "line 2: not JSON", id="bad-jsonl-line"),
    pytest.param("stats.csv", b"\xff\xfe,x\n", "not UTF-8", id="not-utf-8"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_damaged_record_files(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    """Files that are not records are an ExportError naming the file and the fault."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ExportError, match=message):
        read_records(path)


def test_json_text_unchanged(statistics: tuple[Statistic, ...]) -> None:
    """The JSON export is the records, indented; the CLI prints the same text."""
    text = to_json(statistics)
    assert text is not None
    assert json.loads(text) == to_records(statistics)
