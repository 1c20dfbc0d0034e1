"""Exports of statistics: records, JSON, JSON Lines, CSV, pandas, SQLite, and pivot tables.

Cases come from the bundled corpus (the T visa figure of the Declaration of Achievements,
cited in the annotation guideline) and from statistics built by hand to hit each branch
of the record schema and of the pivot refusals; the property test draws statistics with
Hypothesis.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipcorpus import Corpus, ExportError, MissingExtra, TipcorpusError, TipcorpusWarning
from tipcorpus.agencies import registry
from tipcorpus.export import (
    RECORD_FIELDS,
    RECORD_SCHEMA_VERSION,
    RecordError,
    StatisticRecord,
    from_csv,
    from_records,
    metadata_path,
    read_records,
    to_csv,
    to_json,
    to_records,
    to_sqlite,
)
from tipcorpus.model import Kind, Period, Pillar, Qualifier, Statistic
from tipcorpus.views import StatisticSet


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.default()


@pytest.fixture(scope="module")
def stats(corpus: Corpus) -> StatisticSet:
    return corpus.statistics()


def _stat(
    value: int | Decimal = 10,
    *,
    kind: Kind = Kind.COUNT,
    unit: str = "victims",
    period: Period | None = None,
    agencies: tuple[str, ...] = ("HHS",),
    pillar: Pillar | None = Pillar.PROTECTION,
) -> Statistic:
    """A statistic built by hand, independent of the extractor."""
    reg = registry()
    return Statistic(
        value=value,
        kind=kind,
        span=(10, 12),
        surface=str(value),
        unit=unit,
        period=period if period is not None else Period(2007, 2007, fiscal=True),
        agencies=tuple(reg.get(a) for a in agencies),
        pillar=pillar,
        sentence="In FY 2007 HHS counted some.",
        sentence_span=(0, 28),
    )


# --------------------------------------------------------------------- records


def test_schema_lists_every_record_field_in_order() -> None:
    """RECORD_FIELDS documents exactly the record's fields, in the order records use."""
    derived = {"value_exact", "value_high_exact"}  # written from value and value_high
    carried = {"why"}  # the decisions: written only when asked (decisions=True)
    assert set(RECORD_FIELDS) == {f.name for f in attrs.fields(StatisticRecord)} - carried | derived
    record = to_records([_stat()])[0]
    assert list(record) == list(RECORD_FIELDS)
    assert record["schema"] == RECORD_SCHEMA_VERSION
    assert all(description.strip() for description in RECORD_FIELDS.values())


def test_records_round_trip_over_the_bundled_corpus(corpus: Corpus, stats: StatisticSet) -> None:
    """Records read back equal the records written, and rebuild equal statistics."""
    records = from_records(to_records(stats))
    assert records == [StatisticRecord.from_statistic(s) for s in stats]
    rebuilt = [r.to_statistic(corpus) for r in records]
    assert rebuilt == list(stats)
    assert all(r.document is s.document for r, s in zip(rebuilt, stats, strict=True))


def test_t_visa_record_carries_its_evidence(corpus: Corpus, stats: StatisticSet) -> None:
    """The T visa figure's record holds value, unit, period, agency and offsets into the text."""
    (visas,) = stats.filter(unit="T visas", year=2007)
    record = to_records([visas])[0]
    doc = corpus[str(record["document"])]
    start, end = int(str(record["start"])), int(str(record["end"]))
    assert (record["value"], record["unit"], record["kind"]) == (1974, "T visas", "count")
    assert (record["period_start"], record["period_end"], record["fiscal"]) == (None, 2007, True)
    assert record["agencies"] == ["USCIS"]
    assert doc.text[start:end] == record["surface"] == "1,974"
    s0, s1 = int(str(record["sentence_start"])), int(str(record["sentence_end"]))
    assert doc.text[s0:s1] == record["sentence"]


@pytest.mark.parametrize(
    ("value", "kind", "written", "exact"),
    [
        pytest.param(1974, Kind.COUNT, 1974, None, id="count-int"),
        pytest.param(Decimal("3370000"), Kind.MONEY, 3370000, None, id="money-whole-decimal"),
        pytest.param(Decimal("3.5"), Kind.PERCENT, 3.5, None, id="fraction-a-float-keeps"),
        pytest.param(Decimal("1.50"), Kind.PERCENT, 1.5, "1.50", id="percent-trailing-zero"),
        pytest.param(Decimal("2.5E+7"), Kind.COUNT, 25000000, "2.5E+7", id="exponent"),
        pytest.param(2**60 + 1, Kind.COUNT, 2**60 + 1, str(2**60 + 1), id="past-float-precision"),
        pytest.param(
            Decimal("12345678901234567.25"),
            Kind.MONEY,
            12345678901234567.25,
            "12345678901234567.25",
            id="long-fraction",
        ),
    ],
)
def test_numbers_are_written_as_numbers_and_read_back_exactly(
    value: int | Decimal, kind: Kind, written: object, exact: str | None
) -> None:
    """Values are JSON numbers, with the exact decimal beside them where they would round."""
    record = to_records([_stat(value, kind=kind)])[0]
    assert record["value"] == written
    assert not isinstance(record["value"], str)
    assert record["value_exact"] == exact
    back = from_records([json.loads(json.dumps(record))])[0].value
    assert back == value
    assert type(back) is type(value)
    assert str(back) == str(value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param({"kind": "cnt"}, r"record 0, field 'kind'", id="bad-kind"),
        pytest.param({"start": None}, r"record 0, field 'start': missing", id="missing-start"),
        pytest.param({"value": "many"}, r"field 'value': not a number", id="bad-number"),
        pytest.param({"schema": 99}, r"version 99 is not", id="future-schema"),
        pytest.param({"colour": "red"}, r"unknown field colour", id="unknown-field"),
        pytest.param({"agency_spans": [[5, 2]]}, r"0 <= start <= end", id="reversed-span"),
    ],
)
def test_bad_records_are_refused_with_the_field_named(
    change: dict[str, object], message: str
) -> None:
    """from_records names the record and field of each problem."""
    record = {**to_records([_stat()])[0], **change}
    with pytest.raises(RecordError, match=message):
        from_records([record])


def test_every_bad_record_is_reported_at_once() -> None:
    """Problems in several records are collected into one error, by record number."""
    good = to_records([_stat()])[0]
    with pytest.raises(RecordError, match=r"2 problems") as info:
        from_records([{**good, "kind": "x"}, good, {**good, "end": "x"}])
    assert [p.split(",")[0] for p in info.value.problems] == ["record 0", "record 2"]


# --------------------------------------------------------------------- files


def test_json_and_json_lines_round_trip(tmp_path: Path, stats: StatisticSet) -> None:
    """JSON and JSON Lines exports read back to the same records, as files or text."""
    expected = from_records(to_records(stats))
    text = to_json(stats)
    assert text is not None
    assert from_records(json.loads(text)) == expected
    lines = to_json(stats, lines=True)
    assert lines is not None
    assert len(lines.splitlines()) == len(stats)
    assert from_records(json.loads(line) for line in lines.splitlines()) == expected
    assert stats.to_json(tmp_path / "s.json") is None
    assert stats.to_json(tmp_path / "s.jsonl", lines=True) is None
    assert read_records(tmp_path / "s.json") == expected
    assert read_records(tmp_path / "s.jsonl") == expected


def test_csv_reads_back_with_the_csv_module(tmp_path: Path, stats: StatisticSet) -> None:
    """The CSV has the schema's header, one row a statistic, and reads back to equal records."""
    path = tmp_path / "s.csv"
    stats.to_csv(path)
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(RECORD_FIELDS)
    assert len(rows) == len(stats)
    visas = next(r for r in rows if r["unit"] == "T visas")
    assert (visas["value"], visas["period_end"], json.loads(visas["agencies"])) == (
        "1974",
        "2007",
        ["USCIS"],
    )
    assert from_records(rows) == from_records(to_records(stats))
    assert read_records(path) == from_records(rows)


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda s, p, o: to_json(s, p, overwrite=o), id="json"),
        pytest.param(lambda s, p, o: to_json(s, p, lines=True, overwrite=o), id="jsonl"),
        pytest.param(lambda s, p, o: to_csv(s, p, overwrite=o), id="csv"),
        pytest.param(lambda s, p, o: to_sqlite(s, p, overwrite=o), id="sqlite"),
    ],
)
def test_exports_refuse_to_overwrite_unless_asked(tmp_path: Path, write: object) -> None:
    """An existing file is kept (ExportError) unless overwrite=True replaces it."""
    path = tmp_path / "out.data"
    path.write_text("keep me", encoding="utf-8")
    stats = [_stat()]
    with pytest.raises(ExportError, match=r"exists; pass overwrite=True"):
        write(stats, path, False)  # type: ignore[operator]
    assert path.read_text(encoding="utf-8") == "keep me"
    write(stats, path, True)  # type: ignore[operator]
    assert path.read_bytes() != b"keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_read_records_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    """read_records says which suffixes it reads."""
    path = tmp_path / "s.xml"
    path.write_text("<x/>", encoding="utf-8")
    with pytest.raises(ExportError, match=r"use \.json, \.jsonl or \.csv"):
        read_records(path)


# --------------------------------------------------------------------- pandas


def test_to_pandas_without_pandas_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, stats: StatisticSet
) -> None:
    """Without pandas, to_pandas raises MissingExtra naming the pandas extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtra, match=r"pip install 'tipcorpus\[pandas\]'") as info:
        stats.to_pandas()
    assert info.value.extra == "pandas"
    assert isinstance(info.value, ImportError)


def test_to_pandas_keeps_exact_values(stats: StatisticSet) -> None:
    """The DataFrame has the schema's columns, one row a statistic, exact values."""
    pytest.importorskip("pandas")
    frame = stats.to_pandas()
    assert list(frame.columns) == list(RECORD_FIELDS)
    assert len(frame) == len(stats)
    visas = frame[frame["unit"] == "T visas"].iloc[0]
    assert (visas["value"], visas["period_end"], visas["kind"]) == (1974, 2007, "count")
    assert frame["value"].dtype.kind in "if"  # numbers, not objects
    money = frame[frame["kind"] == "money"]
    exact = [Decimal(s.value) for s in stats if s.kind is Kind.MONEY]
    rebuilt = [
        Decimal(e) if isinstance(e, str) else Decimal(repr(v))
        for v, e in zip(money["value"], money["value_exact"], strict=True)
    ]
    assert rebuilt == exact


# --------------------------------------------------------------------- SQLite


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "tip.db"
    corpus.to_sqlite(path)
    return path


def test_sqlite_counts_match_the_corpus(database: Path, corpus: Corpus) -> None:
    """Every document, section, sentence and statistic is a row."""
    db = sqlite3.connect(database)
    count = {
        t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "sections", "sentences", "statistics", "statistic_agencies")
    }
    assert count["documents"] == len(corpus)
    assert count["sections"] == sum(len(d.sections) for d in corpus.documents)
    assert count["sentences"] == sum(len(d.sentences) for d in corpus.documents)
    assert count["statistics"] == len(corpus.statistics())
    assert count["statistic_agencies"] == sum(len(s.agencies) for s in corpus.statistics())


def test_sqlite_foreign_keys_hold(database: Path) -> None:
    """PRAGMA foreign_key_check finds nothing, and every statistic has its sentence."""
    db = sqlite3.connect(database)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    orphans = db.execute(
        "SELECT count(*) FROM statistics WHERE document_id IS NOT NULL AND sentence_id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"statistics_document", "statistic_agencies_agency"} <= tables


def test_sqlite_offsets_index_the_document_text(database: Path) -> None:
    """substr(text, start + 1, end - start) of the document is each statistic's surface."""
    db = sqlite3.connect(database)
    mismatches = db.execute(
        "SELECT count(*) FROM statistics s JOIN documents d ON d.id = s.document_id "
        'WHERE substr(d.text, s.start + 1, s."end" - s.start) != s.surface'
    ).fetchone()[0]
    assert mismatches == 0


def test_sqlite_full_text_search_finds_t_visas(database: Path) -> None:
    """FTS MATCH on "T visas" finds the sentence with the 1,974 T visas."""
    db = sqlite3.connect(database)
    rows = db.execute(
        "SELECT s.value, s.unit, s.citation FROM sentences_fts f "
        "JOIN statistics s ON s.sentence_id = f.rowid WHERE sentences_fts MATCH ?",
        ('"T visas"',),
    ).fetchall()
    assert (1974, "T visas") in [(v, u) for v, u, _ in rows]
    assert any("Declaration of Achievements" in c for _, _, c in rows)


def test_sqlite_metadata_describes_the_database(database: Path) -> None:
    """The Datasette metadata beside the database has a title, sources and table descriptions."""
    meta = json.loads(metadata_path(database).read_text(encoding="utf-8"))
    assert "trafficking" in meta["title"]
    assert "Declaration of Achievements" in meta["source"]
    tables = meta["databases"]["tip"]["tables"]
    assert set(tables) == {
        "documents",
        "sections",
        "sentences",
        "statistics",
        "agencies",
        "statistic_agencies",
    }
    assert tables["sentences"]["fts_table"] == "sentences_fts"


def test_sqlite_without_fts5_warns_and_skips_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SQLite without FTS5 gets the tables but no sentences_fts, with a warning."""
    from tipcorpus import export

    monkeypatch.setattr(export, "_fts5_available", lambda db: False)
    stats = Corpus.from_texts({"m": "In FY 2007, HHS certified 1,248 victims."}).statistics()
    with pytest.warns(TipcorpusWarning, match=r"no FTS5"):
        result = stats.to_sqlite(tmp_path / "m.db")
    assert result.full_text is False
    db = sqlite3.connect(result.database)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert "sentences_fts" not in names
    assert db.execute("SELECT value, unit FROM statistics").fetchall() == [(1248, "victims")]


# --------------------------------------------------------------------- pivot


@pytest.mark.parametrize(
    ("statistics", "message"),
    [
        pytest.param(
            [_stat(5, period=Period(None, 2007)), _stat(7, period=Period(2007, 2007))],
            r"cannot pivot sums: cannot add cumulative figures",
            id="cumulative-with-annual",
        ),
        pytest.param(
            [_stat(5, unit="victims"), _stat(7, unit="T visas")],
            r"cannot pivot sums: cannot add statistics of different units: 't visas', 'victims'",
            id="different-units",
        ),
        pytest.param(
            [_stat(5), _stat(Decimal(7), kind=Kind.MONEY, unit="USD")],
            r"cannot pivot sums: cannot add statistics of different kinds: count, money",
            id="different-kinds",
        ),
        pytest.param(
            [_stat(5, kind=Kind.PERCENT, unit="percent")],
            r"percentages or multipliers: they do not add up",
            id="percentages",
        ),
    ],
)
def test_pivot_refuses_sums_that_do_not_add_up(statistics: list[Statistic], message: str) -> None:
    """pivot(values='sum') refuses mixed units, kinds, periods and percentages, saying why."""
    with pytest.raises(TipcorpusError, match=message):
        StatisticSet(statistics).pivot("agency", "year", "sum")


def test_pivot_counts_each_statistic_once_in_totals() -> None:
    """A figure credited to two agencies is in both rows but counted once in the totals."""
    both = _stat(3, agencies=("HHS", "DOJ"))
    table = StatisticSet([both, _stat(4, period=Period(2006, 2006))]).pivot(
        "agency", "year", "count"
    )
    assert table.row_labels == ("DOJ", "HHS")
    assert table.col_labels == (2006, 2007)
    assert table["HHS", 2007] == 1
    assert table["DOJ", 2006] == 0
    assert table.row_totals == (1, 2)
    assert table.col_totals == (1, 1)
    assert table.total == 2


def test_pivot_sums_like_figures(stats: StatisticSet) -> None:
    """Sums of one unit per agency and year equal the sums of the filtered statistics."""
    money = stats.filter(kind="money", period_overlaps=(2004, 2008)).filter(pillar="protection")
    annual = StatisticSet(s for s in money if s.period is not None and not s.period.cumulative)
    table = annual.pivot("agency", "year", "sum")
    for agency in table.row_labels:
        for year in table.col_labels:
            cell = annual.filter(agency=str(agency), include_components=False, year=int(str(year)))
            expected = cell.sum() if len(cell) else None
            assert table[agency, year] == expected
    assert table.note == "sum of USD"


def test_pivot_refuses_an_unknown_key() -> None:
    """Rows and columns must be one of the grouping keys."""
    with pytest.raises(TipcorpusError, match=r"unknown filter 'colour'"):
        StatisticSet([_stat()]).pivot("colour", "year", "count")


def test_summary_has_every_document_and_pillar(corpus: Corpus) -> None:
    """Corpus.summary() counts statistics per document and pillar, documents without any too."""
    summary = corpus.summary()
    assert summary.row_labels == tuple(corpus)
    assert summary.col_labels == (*Pillar, None)
    for doc_id in corpus:
        assert summary.row_totals is not None
        assert sum(int(str(v)) for v in summary.cells[summary.row_labels.index(doc_id)]) == len(
            corpus.statistics(document=doc_id)
        )
    assert summary["achievements-2001-2008", "protection"] == len(
        corpus.statistics(document="achievements-2001-2008", pillar="protection")
    )
    assert "total" in str(summary)


# --------------------------------------------------------------------- property

_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from("\n\t"),
    max_size=30,
)
_spans = st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(lambda p: (p[0], p[0] + p[1]))
_whole = st.integers(min_value=-(10**12), max_value=10**15)
_fraction = st.decimals(allow_nan=False, allow_infinity=False, places=3).filter(
    lambda d: d != d.to_integral_value()
)


@st.composite
def statistics(draw: st.DrawFn) -> Statistic:
    """Statistics as the extractor makes them: money in Decimal, other whole numbers in int."""
    kind = draw(st.sampled_from(Kind))
    # Records hold values below MAX_RECORD_VALUE (10**40); smaller ones round-trip exactly.
    number = (
        st.decimals(min_value=-(10**39), max_value=10**39, allow_nan=False, allow_infinity=False)
        if kind is Kind.MONEY
        else _whole | _fraction
    )
    end = draw(st.integers(1900, 2100))
    period = draw(
        st.none()
        | st.builds(
            Period,
            st.none() | st.integers(1900, end),
            st.just(end),
            fiscal=st.booleans(),
        )
    )
    agencies = draw(st.lists(st.sampled_from(registry().ids()), unique=True, max_size=3))
    reg = registry()
    return Statistic(
        value=draw(number),
        kind=kind,
        span=draw(_spans),
        surface=draw(_text),
        unit=draw(_text),
        qualifier=draw(st.sampled_from(Qualifier)),
        value_high=draw(st.none() | number),
        period=period,
        agencies=tuple(reg.get(a) for a in agencies),
        pillar=draw(st.none() | st.sampled_from(Pillar)),
        sentence=draw(_text),
        sentence_span=draw(_spans),
        section=tuple(draw(st.lists(_text, max_size=3))),
        unit_span=draw(st.none() | _spans),
        period_span=draw(st.none() | _spans),
        agency_spans=tuple(draw(st.lists(_spans, min_size=len(agencies), max_size=len(agencies)))),
        qualifier_span=draw(st.none() | _spans),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(statistics(), max_size=4))
def test_exports_round_trip_any_statistic(items: list[Statistic]) -> None:
    """JSON, JSON Lines and CSV exports read back to equal statistics, values exact."""
    expected = [StatisticRecord.from_statistic(s) for s in items]
    json_text = to_json(items)
    lines_text = to_json(items, lines=True)
    csv_text = to_csv(items)
    assert json_text is not None
    assert lines_text is not None
    assert csv_text is not None
    via_json = from_records(json.loads(json_text))
    via_lines = from_records(json.loads(line) for line in lines_text.splitlines())
    via_csv = from_csv(csv_text)
    for records in (via_json, via_lines, via_csv):
        assert records == expected
        assert [r.to_statistic() for r in records] == items
        assert [str(r.value) for r in records] == [str(s.value) for s in items]
