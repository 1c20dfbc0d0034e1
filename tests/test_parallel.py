"""Parallel parsing with executors, and streaming statistics one document at a time.

The reference is always the serial ``corpus.statistics()`` of the same corpus: the bundled
reports in ``seeds/`` (read from files, with their ``catalogue.toml``), the same texts given
directly with ``Corpus.from_texts`` (sent to workers as text), and small memos written to a
temporary folder to make a worker fail.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tipcorpus import Corpus, DecodeError, DocumentNotFound, FilterError
from tipcorpus.export import to_records
from tipcorpus.parallel import Payload, WorkerError, extract_records

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _files() -> Corpus:
    return Corpus.from_path(SEEDS)


def _texts() -> Corpus:
    files = Corpus.from_path(SEEDS)
    texts = {doc_id: files[doc_id].text for doc_id in files}
    metadata = {doc_id: {"year": files[doc_id].year} for doc_id in files}
    return Corpus.from_texts(texts, metadata=metadata)


MAKERS: dict[str, Callable[[], Corpus]] = {"files": _files, "texts": _texts}


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    """Two worker processes, started fresh (spawn) so no lock is inherited mid-state."""
    with ProcessPoolExecutor(
        max_workers=2, mp_context=multiprocessing.get_context("spawn")
    ) as executor:
        yield executor


@pytest.fixture(scope="module")
def serial() -> list[dict[str, object]]:
    """The records of the bundled corpus parsed in this process."""
    return Corpus.from_path(SEEDS).statistics().to_records()


# --------------------------------------------------------------------- executors


@pytest.mark.parametrize(
    ("maker", "send_text"),
    [
        pytest.param("files", False, id="files-sent-as-paths"),
        pytest.param("files", True, id="files-sent-as-text"),
        pytest.param("texts", False, id="texts-with-metadata"),
    ],
)
def test_process_pool_matches_serial(
    pool: ProcessPoolExecutor, serial: list[dict[str, object]], maker: str, send_text: bool
) -> None:
    """Two worker processes give the same records, in the same order, as a serial parse."""
    corpus = MAKERS[maker]()
    result = corpus.parse(pool, send_text=send_text)
    assert result.to_records() == serial
    assert all(s.document is corpus[s.document_id or ""] for s in result)


def test_parse_answers_later_queries_without_parsing(pool: ProcessPoolExecutor) -> None:
    """After a parallel parse the corpus answers statistics() from it, parsing nothing here."""
    corpus = Corpus.from_path(SEEDS)
    parsed = corpus.parse(pool)
    assert corpus.statistics() == parsed
    assert [corpus[doc_id].parsed for doc_id in corpus] == [False] * len(corpus)


def test_parse_without_executor_is_serial(serial: list[dict[str, object]]) -> None:
    """parse() with no executor is statistics()."""
    assert Corpus.from_path(SEEDS).parse().to_records() == serial


@pytest.mark.parametrize(
    ("damage", "cause"),
    [
        pytest.param(lambda p: p.unlink(), DocumentNotFound, id="file-deleted"),
        pytest.param(
            lambda p: p.write_bytes(b"\x00\x01\x02binary\xff\xfe"), DecodeError, id="binary"
        ),
    ],
)
def test_worker_error_names_document(
    pool: ProcessPoolExecutor,
    tmp_path: Path,
    damage: Callable[[Path], object],
    cause: type[Exception],
) -> None:
    """A document that fails in a worker is re-raised with its id and the worker's error."""
    (tmp_path / "good.txt").write_text("In FY 2007, HHS certified 1,248 victims.\n", "utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("In 2010, DOL spent $3.5 million.\n", "utf-8")
    corpus = Corpus.from_path(tmp_path)
    damage(bad)
    with pytest.raises(WorkerError, match=r"document 'bad' failed in a worker") as info:
        corpus.parse(pool)
    assert info.value.document == "bad"
    assert info.value.error_type == cause.__name__
    assert str(bad) in info.value.message
    assert f"{cause.__name__}:" in info.value.traceback


def test_executor_without_submit_is_rejected() -> None:
    """An object that cannot run tasks is refused with what would do."""
    with pytest.raises(TypeError, match="must have a submit"):
        Corpus.from_texts({"m": "HHS certified 1,248 victims."}).parse(object())


def test_extract_records_reads_a_payload() -> None:
    """The worker function turns plain data into the records a corpus gives, decisions too."""
    text = "Since 2010, DOJ has charged 500 defendants."
    payload = Payload(
        id="memo",
        path=None,
        text=text,
        metadata={"year": 2016, "title": "Memo", "kind": "memo"},
        encoding=None,
        errors="strict",
    )
    expected = Corpus.from_texts({"memo": text}, metadata={"memo": {"year": 2016}})
    from tipcorpus.export import to_records

    assert extract_records(payload) == to_records(expected.statistics(), decisions=True)


# --------------------------------------------------------------------- dask


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """A real two-process Dask cluster on this machine, always closed."""
    distributed = pytest.importorskip(
        "distributed", reason="dask.distributed is not installed (the 'dask' extra)"
    )
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=True,
        ) as cluster,
        distributed.Client(cluster, timeout="60s") as client,
    ):
        yield client


def test_dask_cluster_matches_serial(dask_client: Any, serial: list[dict[str, object]]) -> None:
    """A Dask client on a two-worker cluster gives the same records as a serial parse."""
    assert Corpus.from_path(SEEDS).parse(dask_client).to_records() == serial


def test_dask_worker_error_names_document(dask_client: Any, tmp_path: Path) -> None:
    """A document that fails on a Dask worker is re-raised with its id."""
    (tmp_path / "good.txt").write_text("In FY 2007, HHS certified 1,248 victims.\n", "utf-8")
    bad = tmp_path / "gone.txt"
    bad.write_text("In 2010, DOL spent $3.5 million.\n", "utf-8")
    corpus = Corpus.from_path(tmp_path)
    bad.unlink()
    with pytest.raises(WorkerError, match=r"document 'gone' failed in a worker") as info:
        corpus.parse(dask_client)
    assert (info.value.document, info.value.error_type) == ("gone", "DocumentNotFound")


# --------------------------------------------------------------------- streaming


@pytest.mark.parametrize("maker", list(MAKERS))
@pytest.mark.parametrize(
    "filters",
    [
        pytest.param({}, id="no-filter"),
        pytest.param({"agency": "HHS"}, id="agency"),
        pytest.param({"year": 2007, "kind": "count"}, id="year-kind"),
        pytest.param({"document": "ag-assessment-2009"}, id="document"),
        pytest.param({"pillar": None}, id="no-pillar"),
    ],
)
def test_iter_statistics_matches_statistics(maker: str, filters: dict[str, object]) -> None:
    """Streaming gives the same statistics, in order, as statistics() with the same filters."""
    expected = MAKERS[maker]().statistics(**filters).to_records()
    assert to_records(MAKERS[maker]().iter_statistics(**filters)) == expected


@pytest.mark.parametrize("maker", list(MAKERS))
def test_iter_statistics_keeps_no_parse(maker: str) -> None:
    """Each document's parse is dropped once its statistics are out; the corpus parses none."""
    corpus = MAKERS[maker]()
    seen = []
    for statistic in corpus.iter_statistics():
        assert statistic.document is not None
        seen.append(statistic.document.parsed)
    assert seen
    assert not any(seen)
    assert [corpus[doc_id].parsed for doc_id in corpus] == [False] * len(corpus)


def test_iter_statistics_checks_filters_before_reading() -> None:
    """An unknown filter is refused when the stream is made, not on first use."""
    with pytest.raises(FilterError, match="unknown filter 'agnecy'"):
        Corpus.from_path(SEEDS).iter_statistics(agnecy="HHS")
