"""Parsing a corpus on many cores or many machines, and streaming it one document at a time.

:meth:`Corpus.parse(executor) <tipcorpus.Corpus.parse>` hands every document to an
executor: a :class:`concurrent.futures.ProcessPoolExecutor` on one machine, or a Dask
``distributed.Client`` on a cluster.
What crosses to a worker is a :class:`Payload`, plain data (the document's id, its file
path or its text, and its metadata); what comes back are the JSON-ready records of
:func:`tipcorpus.export.to_records`.
Documents, compiled patterns and parse trees are never sent between processes.
The records are turned back into statistics bound to the corpus's own documents, so the
result is the same as a serial ``corpus.statistics()``.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypedDict

from attrs import evolve

from tipcorpus.errors import TipcorpusError, TipcorpusWarning

if TYPE_CHECKING:
    from tipcorpus.catalogue import CatalogueEntry
    from tipcorpus.corpus import Corpus
    from tipcorpus.document import Document
    from tipcorpus.model import Statistic
    from tipcorpus.sources import Source

__all__ = [
    "Executor",
    "Payload",
    "WorkerError",
    "extract_records",
    "iter_statistics",
    "parse_corpus",
]

METADATA_FIELDS = ("title", "issuer", "published", "year", "kind", "source")
"""The document fields a payload carries when the worker must not infer them."""


class Payload(TypedDict):
    """One document as it is sent to a worker: plain, picklable data only.

    Attributes:
        id: the document id.
        path: the file to read (it must be readable from the worker), or None.
        text: the text itself, when ``path`` is None.
        metadata: the document's ``title``, ``issuer``, ``published`` (an ISO date),
            ``year``, ``kind`` and ``source``; or None to infer them from the text, as
            ``Corpus.from_path`` does for a file no catalogue lists.
        encoding: the encoding to decode the file with, or None to detect it.
        errors: the codec error handler.

    """

    id: str
    path: str | None
    text: str | None
    metadata: dict[str, object] | None
    encoding: str | None
    errors: str


class Executor(Protocol):
    """What :func:`parse_corpus` needs of an executor: ``submit(fn, arg)`` giving a future.

    Both :class:`concurrent.futures.Executor` and ``distributed.Client`` qualify; when
    the executor also has ``gather`` (Dask), results are collected with one call.
    """

    def submit(
        self, fn: Callable[[Payload], list[dict[str, object]]], /, payload: Payload
    ) -> object:
        """Run ``fn(payload)`` somewhere and return a future of its result."""
        ...


class WorkerError(TipcorpusError, RuntimeError):
    """A document whose statistics could not be extracted in a worker.

    The worker's exception is described rather than carried, because an exception
    object does not always survive the trip between processes; its traceback, as
    formatted in the worker, is kept.

    Attributes:
        document: the id of the document.
        error_type: the class name of the worker's exception (``"DecodeError"``).
        message: the worker's exception as text.
        traceback: the worker's traceback, formatted.

    """

    def __init__(self, document: str, error_type: str, message: str, traceback: str = "") -> None:
        self.document = document
        self.error_type = error_type
        self.message = message
        self.traceback = traceback
        super().__init__(f"document {document!r} failed in a worker: {error_type}: {message}")

    @classmethod
    def wrap(cls, document: str, error: BaseException) -> WorkerError:
        """The error of ``document`` that raised ``error``."""
        import traceback  # noqa: PLC0415

        formatted = "".join(traceback.format_exception(error))
        return cls(document, type(error).__name__, str(error), formatted)

    def __reduce__(self) -> tuple[type[WorkerError], tuple[str, str, str, str]]:
        # The default would call WorkerError(message) and fail on the way back.
        return (type(self), (self.document, self.error_type, self.message, self.traceback))

    def __str__(self) -> str:
        return str(self.args[0])


# --------------------------------------------------------------------- worker side


def _document_of(payload: Payload) -> Document:
    """The document a payload describes, built exactly as ``Corpus`` builds it."""
    from tipcorpus.catalogue import CatalogueEntry  # noqa: PLC0415
    from tipcorpus.sources import Source  # noqa: PLC0415

    path = Path(payload["path"]) if payload["path"] is not None else None
    if payload["text"] is None and path is None:
        raise ValueError(f"payload of {payload['id']!r} has neither a path nor a text")
    meta = payload["metadata"]
    entry = None
    if meta is not None:
        published = meta.get("published")
        entry = CatalogueEntry(
            id=payload["id"],
            file=path.name if path is not None else payload["id"],
            title=str(meta.get("title") or ""),
            issuer=_optional_str(meta.get("issuer")),
            published=dt.date.fromisoformat(published) if isinstance(published, str) else None,
            year=int(str(meta["year"])) if meta.get("year") is not None else None,
            kind=str(meta.get("kind") or "report"),
            source=_optional_str(meta.get("source")),
        )
    source = Source(
        payload["id"],
        path=path if payload["text"] is None else None,
        text=payload["text"],
        entry=entry,
        encoding=payload["encoding"],
        errors=payload["errors"],
    )
    document = source.document()
    return document if document.path is not None or path is None else evolve(document, path=path)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def extract_records(payload: Payload) -> list[dict[str, object]]:
    """The statistics of one document as records: the function a worker runs.

    It is a top-level function of an importable module, so any process pool or Dask
    worker with tipcorpus installed can run it.

    >>> payload = Payload(id="m", path=None, text="In FY 2007, HHS certified 1,248 victims.",
    ...                   metadata=None, encoding=None, errors="strict")
    >>> [(r["document"], r["value"], r["unit"]) for r in extract_records(payload)]
    [('m', 1248, 'victims')]
    """
    from tipcorpus.export import to_records  # noqa: PLC0415

    try:
        return to_records(_document_of(payload).statistics, decisions=True)
    except Exception as exc:
        # Raised as plain data: tipcorpus's own errors do not all survive pickling.
        raise WorkerError.wrap(payload["id"], exc) from None


# --------------------------------------------------------------------- driver side


def _metadata_of(described: Document | CatalogueEntry) -> dict[str, object]:
    """The :data:`METADATA_FIELDS` of a document or a catalogue entry, as plain data."""
    out: dict[str, object] = {name: getattr(described, name) for name in METADATA_FIELDS}
    published = described.published
    out["published"] = published.isoformat() if published is not None else None
    return out


def _payload_of(source: Source, *, send_text: bool = False) -> Payload:
    """The payload of one corpus source, reading nothing when the worker can.

    Args:
        source: the document's source in its corpus.
        send_text: send the text instead of the path (for workers that cannot see the
            files); the file is then read here.

    """
    # A document read already is sent as the text it holds: the file may have changed
    # since, and statistics must index the text the document has.
    if source.path is not None and not send_text and source.loaded is None:
        return Payload(
            id=source.id,
            path=str(source.path),
            text=None,
            metadata=_metadata_of(source.entry) if source.entry is not None else None,
            encoding=source.encoding,
            errors=source.errors,
        )
    doc = source.document()
    return Payload(
        id=source.id,
        path=None,
        text=doc.text,
        metadata=_metadata_of(doc),
        encoding=None,
        errors="strict",
    )


def _collect(executor: object, futures: list[object], ids: list[str]) -> list[object]:
    """The futures' results in order; a failure names its document."""
    gather = getattr(executor, "gather", None)
    if callable(gather):
        # Dask: one round trip for every result.
        try:
            return list(gather(futures))
        except WorkerError:
            raise
        except Exception as exc:
            # The worker itself was lost (killed, out of memory): name the first document
            # whose task failed.
            for doc_id, future in zip(ids, futures, strict=True):
                if getattr(future, "status", None) == "error":
                    raise WorkerError.wrap(doc_id, exc) from exc
            raise
    out: list[object] = []
    for doc_id, future in zip(ids, futures, strict=True):
        try:
            out.append(future.result())  # type: ignore[attr-defined]
        except Exception as exc:
            for pending in futures:
                cancel = getattr(pending, "cancel", None)
                if callable(cancel):
                    cancel()
            if isinstance(exc, WorkerError):
                raise
            raise WorkerError.wrap(doc_id, exc) from exc
    return out


def parse_corpus(
    corpus: Corpus, executor: Executor | object, *, send_text: bool = False
) -> list[Statistic]:
    """Every statistic of ``corpus``, extracted by ``executor``, in corpus order.

    Documents whose statistics are already known are not sent.
    The statistics are bound to the corpus's documents and become their
    :attr:`~tipcorpus.Document.statistics`, so later queries do not parse again.

    Raises:
        TypeError: ``executor`` has no ``submit`` method.
        WorkerError: a document failed in a worker (or its worker was lost), with its id.

    """
    from tipcorpus.export import from_records  # noqa: PLC0415

    submit = getattr(executor, "submit", None)
    if not callable(submit):
        raise TypeError(
            "executor must have a submit() method, like concurrent.futures.ProcessPoolExecutor "
            f"or dask.distributed.Client; got {type(executor).__name__}"
        )
    sources = list(corpus.sources.values())
    todo = [s for s in sources if not s.has_statistics]
    futures = [submit(extract_records, _payload_of(s, send_text=send_text)) for s in todo]
    results = _collect(executor, futures, [s.id for s in todo])
    for source, records in zip(todo, results, strict=True):
        doc = source.document()
        stats = tuple(r.to_statistic({doc.id: doc}) for r in from_records(records))  # type: ignore[arg-type]
        if not _quotes_its_text(doc, stats):
            # The worker read another version of the file than this process did.
            warnings.warn(
                f"{doc.id}: the file changed while it was parsed in a worker; "
                "parsing the text read here instead",
                TipcorpusWarning,
                stacklevel=3,
            )
            continue
        source.adopt(stats)
    out: list[Statistic] = []
    for source in sources:
        out.extend(source.document().statistics)
    return out


def _quotes_its_text(doc: Document, statistics: tuple[Statistic, ...]) -> bool:
    """Whether every statistic's surface and sentence are the document's text at their spans."""
    text = doc.text
    for s in statistics:
        if text[s.span[0] : s.span[1]] != s.surface:
            return False
        start, end = s.sentence_span
        if s.sentence and text[start:end] != s.sentence:
            return False
    return True


def iter_statistics(
    corpus: Corpus, test: Callable[[Statistic], bool], only: str | None = None
) -> Iterator[Statistic]:
    """The statistics of ``corpus`` that pass ``test``, one document's parse at a time.

    A document already parsed in the corpus gives its statistics as they are; any other
    is read (or copied) into a transient document, parsed, and its structure dropped
    before the next one is read.
    The corpus itself keeps nothing new.
    """
    from tipcorpus.sources import transient_documents  # noqa: PLC0415

    sources = (s for s in corpus.sources.values() if only is None or s.id == only)
    for _, statistics, _ in transient_documents(sources):
        yield from (s for s in statistics if test(s))
