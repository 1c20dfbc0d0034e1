"""Streaming exports: JSON Lines and SQLite written one document at a time, with progress.

Cases come from the bundled corpus (every statistic of the five seed reports, compared
with the in-memory exports of :mod:`tipcorpus.export`) and from synthetic collections of
many short reports in the genre's wording (an agency, a fiscal year and a figure per
sentence, under section headings), built with ``Corpus.from_texts`` or written to files,
for the memory, progress and metadata checks.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from cli_run import run_cli as _run
from tipcorpus import Corpus, ExportError
from tipcorpus.document import Document
from tipcorpus.export import (
    from_records,
    metadata_path,
    read_records,
    to_json,
    to_records,
    to_sqlite,
    write_jsonl,
)
from tipcorpus.model import Statistic
from tipcorpus.structure import Structure

SYNTHETIC = 40
"""Documents in the synthetic collections."""

Source = Corpus | Iterable[Statistic]


def _report(i: int) -> str:
    """A short report in the genre: two sections, four figures, a fiscal year."""
    year = 2003 + i % 12
    return (
        "# Annual Report of the Field Office\n\n"
        "## Protection\n\n"
        f"In FY {year}, HHS certified {1200 + 7 * i:,} victims of trafficking. "
        f"The Department of Labor awarded ${i + 2}.5 million in grants.\n\n"
        "## Prosecution\n\n"
        f"In FY {year}, DOJ charged {40 + i} defendants and obtained {20 + i} convictions.\n"
    )


def _texts(n: int = SYNTHETIC) -> dict[str, str]:
    texts = {f"office-{i:03d}": _report(i) for i in range(n)}
    # A document without figures still counts as a document written.
    texts["notes"] = "# Notes\n\nThe office reports no figures this year.\n"
    return texts


def _synthetic(n: int = SYNTHETIC) -> Corpus:
    return Corpus.from_texts(_texts(n))


def _synthetic_files(folder: Path, n: int = SYNTHETIC) -> Corpus:
    folder.mkdir(exist_ok=True)
    for doc_id, text in _texts(n).items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return Corpus.from_path(folder)


def _parsed_alive() -> int:
    """How many Document objects alive in the process hold a parse (structure or statistics)."""
    gc.collect()
    return sum(
        1
        for o in gc.get_objects()
        if isinstance(o, Document)
        and (o._lazy.structure is not None or o._lazy.statistics is not None)
    )


def _dump(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of an export (the full-text index's own tables aside)."""
    db = sqlite3.connect(database)
    try:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sentences_fts%' ORDER BY name"
            )
        ]
        return {
            t: db.execute(f"SELECT rowid, * FROM {t} ORDER BY rowid").fetchall() for t in tables
        }
    finally:
        db.close()


# --------------------------------------------------------------------- JSON Lines


SOURCES: list[object] = [
    pytest.param(lambda c: c, id="corpus"),
    pytest.param(lambda c: (c.statistics(), c)[1], id="parsed-corpus"),
    pytest.param(lambda c: c.iter_statistics(), id="iter-statistics"),
    pytest.param(lambda c: list(c.statistics()), id="list"),
    pytest.param(lambda c: c.statistics(), id="statistic-set"),
]


@pytest.mark.parametrize("make", SOURCES)
def test_jsonl_round_trips_the_records_of_the_corpus(
    tmp_path: Path, make: Callable[[Corpus], Source]
) -> None:
    """write_jsonl writes to_records of corpus.statistics(), line for line, and counts them."""
    expected = to_records(Corpus.default().statistics())
    path = tmp_path / "all.jsonl"
    written = write_jsonl(make(Corpus.default()), path)
    assert written == len(expected) > 0
    assert read_records(path) == from_records(expected)
    assert path.read_text(encoding="utf-8") == to_json(Corpus.default().statistics(), lines=True)


@pytest.mark.parametrize(
    "make",
    [pytest.param(_synthetic, id="texts"), pytest.param(None, id="files")],
)
def test_streaming_leaves_the_corpus_unparsed(
    tmp_path: Path, make: Callable[[], Corpus] | None
) -> None:
    """Exporting a corpus parses transient copies: no document of the corpus keeps a parse."""
    before = _parsed_alive()
    corpus = make() if make is not None else _synthetic_files(tmp_path / "reports")
    write_jsonl(corpus, tmp_path / "s.jsonl")
    to_sqlite(corpus, tmp_path / "s.db")
    assert not any(corpus[doc_id].parsed for doc_id in corpus)
    assert _parsed_alive() == before


# --------------------------------------------------------------------- memory


def _census() -> tuple[int, int, int]:
    """Parsed documents, statistics and parse trees in memory, garbage not yet collected included.

    ``gc.get_objects`` lists every object the cyclic collector tracks, unreachable ones
    too until a collection frees them; with the collector off, an object counted here is
    one that reference counting alone has not freed.
    """
    documents = statistics = trees = 0
    for o in gc.get_objects():
        if isinstance(o, Document):
            lazy = o._lazy
            documents += lazy.structure is not None or lazy.statistics is not None
        elif isinstance(o, Statistic):
            statistics += 1
        elif isinstance(o, Structure):
            trees += 1
    return documents, statistics, trees


WRITERS = [
    pytest.param(
        lambda source, path, progress: write_jsonl(source, path, progress=progress), id="jsonl"
    ),
    pytest.param(
        lambda source, path, progress: to_sqlite(source, path, progress=progress), id="sqlite"
    ),
]


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize(
    ("make", "documents"),
    [
        pytest.param(lambda folder: _synthetic(), 1, id="corpus-of-texts"),
        pytest.param(_synthetic_files, 1, id="corpus-of-files"),
        # Runs of statistics are cut one statistic ahead: the next document is parsed.
        pytest.param(
            lambda folder: _synthetic_files(folder).iter_statistics(),
            2,
            id="iter-statistics",
        ),
    ],
)
def test_streaming_frees_each_document_once_written(
    tmp_path: Path,
    write: Callable[..., object],
    make: Callable[[Path], Source],
    documents: int,
) -> None:
    """With the cyclic collector off, a written document, its statistics and parse are freed."""
    per_document = max(len(Document.from_text(t).statistics) for t in _texts().values())
    source = make(tmp_path / "reports")
    seen: list[tuple[int, int, int]] = []
    gc.collect()
    # What other tests keep alive in this process is not the export's.
    base = _census()
    gc.disable()
    try:
        write(source, tmp_path / "out.data", lambda *_: seen.append(_census()))
    finally:
        gc.enable()
    assert len(seen) >= SYNTHETIC
    assert max(parsed for parsed, _, _ in seen) - base[0] <= documents
    assert max(statistics for _, statistics, _ in seen) - base[1] <= documents * per_document
    assert max(trees for _, _, trees in seen) - base[2] <= 1


def test_the_census_sees_what_a_query_keeps() -> None:
    """The census above counts every parse and statistic a non-streaming query keeps alive."""
    gc.collect()
    base = _census()
    corpus = _synthetic()
    statistics = corpus.statistics()
    parsed, alive, _ = _census()
    assert parsed - base[0] == len(corpus)
    assert alive - base[1] >= len(statistics) > SYNTHETIC


# --------------------------------------------------------------------- SQLite


def test_sqlite_rows_are_the_same_from_every_kind_of_corpus_source(tmp_path: Path) -> None:
    """A fresh, a parsed and a cached corpus give the same rows, row ids included."""
    reports = tmp_path / "reports"
    fresh = _synthetic_files(reports, 12)
    to_sqlite(fresh, tmp_path / "fresh.db")
    parsed = _synthetic_files(reports, 12)
    parsed.statistics()
    to_sqlite(parsed, tmp_path / "parsed.db")
    Corpus.from_path(reports, cache=tmp_path / "cache").statistics()  # warm the cache
    from_cache = Corpus.from_path(reports, cache=tmp_path / "cache")
    to_sqlite(from_cache, tmp_path / "cache-transient.db")
    from_cache.statistics()  # documents kept, statistics read back, no structure parsed
    to_sqlite(from_cache, tmp_path / "cache-built.db")
    expected = _dump(tmp_path / "fresh.db")
    for name in ("parsed", "cache-transient", "cache-built"):
        assert _dump(tmp_path / f"{name}.db") == expected, name


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda c: c.statistics(), id="statistic-set"),
        pytest.param(lambda c: c.iter_statistics(), id="iter-statistics"),
        pytest.param(lambda c: list(c.statistics())[::-1], id="reversed-list"),
    ],
)
def test_sqlite_of_statistics_matches_the_records(
    tmp_path: Path, make: Callable[[Corpus], Iterable[Statistic]]
) -> None:
    """Statistics in any order give one row each, in that order, with their sentence and FTS."""
    corpus = Corpus.default()
    statistics = list(make(Corpus.default()))
    export = to_sqlite(make(corpus), tmp_path / "s.db")
    db = sqlite3.connect(export.database)
    rows = db.execute(
        'SELECT s.id, s.record, t.text, t.start, t."end", s.start, s."end" FROM statistics s '
        "LEFT JOIN sentences t ON t.id = s.sentence_id ORDER BY s.id"
    ).fetchall()
    assert [r[0] for r in rows] == list(range(1, len(statistics) + 1))
    assert [json.loads(r[1]) for r in rows] == to_records(statistics)
    for _, _, sentence, start, end, s_start, s_end in rows:
        assert sentence is not None
        assert start <= s_start < s_end <= end
    documents = {s.document.id for s in statistics if s.document is not None}
    assert {d for (d,) in db.execute("SELECT id FROM documents")} == documents
    sentences = sum(len(corpus[d].sentences) for d in documents)
    assert db.execute("SELECT count(*) FROM sentences").fetchone() == (sentences,)
    # The external-content index agrees with the sentences table, row for row.
    db.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
    hits = db.execute("SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'visas'")
    assert hits.fetchone()[0] > 0
    db.close()


def test_sqlite_metadata_of_many_documents_is_bounded_and_exact(tmp_path: Path) -> None:
    """The Datasette metadata names five titles, the count, and the first 1000 source chars."""
    texts = _texts(30)
    metadata = {
        doc_id: {"title": f"Report {doc_id}", "source": f"https://example.gov/{doc_id}/" + "x" * 40}
        for doc_id in texts
    }
    corpus = Corpus.from_texts(texts, metadata=metadata)
    export = to_sqlite(corpus, tmp_path / "many.db")
    meta = json.loads(export.metadata.read_text(encoding="utf-8"))
    sources = "; ".join(str(m["source"]) for m in metadata.values())
    assert meta["source"] == sources[:1000]
    titles = ", ".join(f"Report {doc_id}" for doc_id in list(texts)[:5])
    assert meta["description"].startswith(f"{len(texts)} documents ({titles}, ...)")


# --------------------------------------------------------------------- progress


@pytest.mark.parametrize("write", WRITERS)
@pytest.mark.parametrize(
    ("make", "total"),
    [
        pytest.param(lambda c: c, SYNTHETIC + 1, id="corpus"),
        pytest.param(lambda c: c.statistics(), SYNTHETIC, id="statistic-set"),
        pytest.param(lambda c: c.iter_statistics(), None, id="iterator"),
    ],
)
def test_progress_callback_is_told_once_per_document(
    tmp_path: Path,
    write: Callable[..., object],
    make: Callable[[Corpus], Source],
    total: int | None,
) -> None:
    """The callback gets (done, total, statistics so far): one call a document, counts monotone."""
    calls: list[tuple[int, int | None, int]] = []
    corpus = _synthetic()
    write(make(corpus), tmp_path / "out.data", lambda *call: calls.append(call))
    documents = total if total is not None else SYNTHETIC
    assert [done for done, _, _ in calls] == list(range(1, documents + 1))
    assert {t for _, t, _ in calls} == {total}
    written = [statistics for _, _, statistics in calls]
    assert written == sorted(written)
    assert written[-1] == len(corpus.statistics())


@pytest.mark.parametrize("write", WRITERS)
def test_progress_bar_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], write: Callable[..., object]
) -> None:
    """progress='always' draws a tqdm bar of documents and statistics on stderr."""
    write(_synthetic(3), tmp_path / "out.data", "always")
    out, err = capsys.readouterr()
    assert out == ""
    assert "4/4" in err
    assert f"{len(_synthetic(3).statistics())} statistics]" in err


@pytest.mark.parametrize("write", WRITERS)
def test_progress_true_is_silent_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], write: Callable[..., object]
) -> None:
    """progress=True draws nothing when stderr is captured (not a terminal)."""
    write(_synthetic(3), tmp_path / "out.data", True)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("write", WRITERS)
def test_progress_of_an_unknown_kind_is_refused(
    tmp_path: Path, write: Callable[..., object]
) -> None:
    """A progress value that is no bool, 'always' or callable is refused; nothing is written."""
    with pytest.raises(ValueError, match=r"progress must be True, False, 'always' or a callable"):
        write(_synthetic(2), tmp_path / "out.data", "yes")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("write", WRITERS)
def test_a_failure_mid_stream_leaves_no_file(tmp_path: Path, write: Callable[..., object]) -> None:
    """An error after some documents are written leaves neither the file nor a temporary one."""

    def fail(done: int, total: int | None, statistics: int) -> None:
        if done == 3:
            raise RuntimeError("stopped on purpose")

    with pytest.raises(RuntimeError, match="stopped on purpose"):
        write(_synthetic(5), tmp_path / "out.data", fail)
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------- overwrite


@pytest.mark.parametrize(
    ("write", "existing"),
    [
        pytest.param(lambda c, p, o: write_jsonl(c, p, overwrite=o), "out.jsonl", id="jsonl"),
        pytest.param(lambda c, p, o: to_sqlite(c, p, overwrite=o), "out.db", id="sqlite"),
        pytest.param(
            lambda c, p, o: to_sqlite(c, p.with_name("out.db"), overwrite=o),
            "out.metadata.json",
            id="sqlite-metadata",
        ),
    ],
)
def test_streaming_exports_refuse_to_overwrite_before_reading(
    tmp_path: Path, write: Callable[[Corpus, Path, bool], object], existing: str
) -> None:
    """An existing file is kept, and nothing parsed, unless overwrite=True replaces it."""
    path = tmp_path / existing
    path.write_text("keep me", encoding="utf-8")
    before = _parsed_alive()
    corpus = _synthetic(3)
    with pytest.raises(ExportError, match=rf"{existing} exists; pass overwrite=True to replace it"):
        write(corpus, path, False)
    assert path.read_text(encoding="utf-8") == "keep me"
    assert not any(corpus[doc_id].parsed for doc_id in corpus)
    assert _parsed_alive() == before
    write(corpus, path, True)
    assert path.read_bytes() != b"keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param([], lambda c: c.statistics(), id="all"),
        pytest.param(["--agency", "DOJ"], lambda c: c.statistics(agency="DOJ"), id="agency"),
    ],
)
def test_cli_export_jsonl_streams_the_records(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    filters: list[str],
    expected: Callable[[Corpus], Iterable[Statistic]],
) -> None:
    """`export --format jsonl` writes the records of the (filtered) statistics."""
    reports = tmp_path / "reports"
    corpus = _synthetic_files(reports, 6)
    target = tmp_path / "s.jsonl"
    argv = ["export", "--docs", str(reports), "--format", "jsonl", "-o", str(target), *filters]
    code, out, err = _run(argv, capsys)
    records = to_records(expected(corpus))
    assert (code, out, err) == (0, f"wrote {len(records)} statistics to {target}\n", "")
    assert read_records(target) == from_records(records)


def test_cli_export_sqlite_writes_database_and_metadata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --format sqlite` writes the database and its Datasette metadata."""
    reports = tmp_path / "reports"
    corpus = _synthetic_files(reports, 6)
    target = tmp_path / "tip.db"
    argv = ["export", "--docs", str(reports), "--format", "sqlite", "-o", str(target)]
    code, out, err = _run(argv, capsys)
    assert (code, err) == (0, "")
    statistics = len(corpus.statistics())
    assert out == (
        f"wrote {statistics} statistics from 7 documents to {target} "
        f"(Datasette metadata: {metadata_path(target)})\n"
    )
    db = sqlite3.connect(target)
    assert db.execute("SELECT count(*) FROM statistics").fetchone() == (statistics,)
    db.close()
    assert json.loads(metadata_path(target).read_text(encoding="utf-8"))["databases"]["tip"]


@pytest.mark.parametrize(
    ("flag", "drawn"),
    [
        pytest.param(["--progress"], True, id="progress"),
        pytest.param(["--no-progress"], False, id="no-progress"),
        pytest.param([], False, id="default-not-a-terminal"),
    ],
)
@pytest.mark.parametrize("fmt", ["jsonl", "sqlite"])
def test_cli_progress_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: list[str], drawn: bool, fmt: str
) -> None:
    """--progress draws the bar even off a terminal; --no-progress and the default do not."""
    reports = tmp_path / "reports"
    _synthetic_files(reports, 3)
    argv = ["export", "--docs", str(reports), "--format", fmt, "-o", str(tmp_path / "out"), *flag]
    code, _, err = _run(argv, capsys)
    assert code == 0
    assert ("4/4" in err and "statistics" in err) is drawn
    assert (err == "") is not drawn


def test_cli_export_sqlite_refuses_an_existing_metadata_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`export --format sqlite` names the metadata file in the way and asks for --overwrite."""
    reports = tmp_path / "reports"
    _synthetic_files(reports, 2)
    target = tmp_path / "tip.db"
    metadata_path(target).write_text("{}", encoding="utf-8")
    argv = ["export", "--docs", str(reports), "--format", "sqlite", "-o", str(target)]
    code, out, err = _run(argv, capsys)
    assert (code, out) == (1, "")
    assert f"{metadata_path(target)} exists; pass --overwrite" in err
    assert not target.exists()
