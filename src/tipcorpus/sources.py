"""Where each document of a corpus comes from, and reading a corpus one document at a time.

A :class:`Source` is one document's origin (a file, or a text given directly, with its
catalogue entry) and the :class:`~tipcorpus.Document` read from it on first need.
:class:`~tipcorpus.Corpus` keeps one per document, in load order, as
:attr:`Corpus.sources <tipcorpus.Corpus.sources>`.

:func:`transient_documents` walks sources one document at a time without keeping what
it parses: the streaming exports, :meth:`Corpus.iter_statistics
<tipcorpus.Corpus.iter_statistics>` and the parallel parser read a corpus through it, so
that a collection larger than memory is read with one document's parse in memory at a
time.

This module sits just above ``tipcorpus.document``; the modules that read a corpus
(exports, the cache, the parallel parser) import it rather than the corpus, and see a
corpus as anything with ``sources`` (:class:`HasSources`).

.. versionadded:: 0.12
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from attrs import evolve

from tipcorpus.document import Document, ParseState

if TYPE_CHECKING:
    from pathlib import Path

    from tipcorpus.catalogue import CatalogueEntry, Metadata
    from tipcorpus.model import Statistic
    from tipcorpus.structure import Structure

__all__ = ["HasSources", "Source", "transient_documents"]


class Source:
    r"""Where one document comes from, read on first need.

    A source holds either a file's ``path`` (read with ``encoding`` and ``errors``) or a
    ``text`` given directly, and the catalogue ``entry`` that describes it, if any.
    :meth:`document` reads it once and keeps the document; :meth:`build` reads a new
    copy each time, which the source does not keep.

    >>> source = Source("memo", text="In FY 2007, HHS certified 1,248 victims.")
    >>> source.loaded is None
    True
    >>> source.document().year, source.loaded is source.document()
    (2007, True)

    Attributes:
        id: the document's id in its corpus.
        path: the file to read, or None for a text given directly.
        text: the text given directly, or None for a file.
        entry: the catalogue entry with the document's metadata; None to infer the
            metadata from the text.
        encoding: the file's encoding, or None to detect it.
        errors: the codec error handler for the file's bytes.

    """

    __slots__ = ("_doc", "_lock", "encoding", "entry", "errors", "id", "path", "text")

    def __init__(
        self,
        id: str,
        *,
        path: Path | None = None,
        text: str | None = None,
        entry: CatalogueEntry | None = None,
        encoding: str | None = None,
        errors: str = "strict",
        document: Document | None = None,
    ) -> None:
        """A source; ``document`` is the document it gives, when it is made already."""
        self.id = id
        self.path = path
        self.text = text
        self.entry = entry
        self.encoding = encoding
        self.errors = errors
        self._doc: Document | None = document
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        where = f"path={str(self.path)!r}" if self.path is not None else "text"
        return f"<Source {self.id!r} ({where}{', read' if self._doc is not None else ''})>"

    @property
    def loaded(self) -> Document | None:
        """The document, when it has been read already; None otherwise (reads nothing)."""
        return self._doc

    @property
    def has_statistics(self) -> bool:
        """Whether the document has been read and knows its statistics, parsing nothing.

        Statistics are known once parsed, given by :meth:`adopt`, or (for a source with
        a statistics cache) found in the cache, which this looks up.
        """
        doc = self._doc
        return doc is not None and doc._lazy.statistics is not None

    def document(self) -> Document:
        """The document, read on first call and kept; safe under threads."""
        if self._doc is None:
            with self._lock:
                if self._doc is None:
                    self._doc = self.build()
        return self._doc

    def build(self) -> Document:
        """A new document read from the source, with metadata from the entry or the text.

        The source does not keep it (see :meth:`document`).

        Raises:
            ~tipcorpus.DecodeError: the file cannot be decoded with ``encoding`` and
                ``errors``.
            ~tipcorpus.DocumentNotFound: the file does not exist.
            ~tipcorpus.UnreadableDocument: the file cannot be read or extracted.

        """
        used: str | None = None
        pages: tuple[tuple[int, int], ...] | None = None
        if self.text is not None:
            text = self.text
        else:
            assert self.path is not None
            # The reader is chosen by content: PDFs and web pages are extracted to text,
            # and text files are read exactly as read_text reads them.
            from tipcorpus.ingest import read_document  # noqa: PLC0415  (loaded on first read)

            extracted = read_document(self.path, encoding=self.encoding, errors=self.errors)
            text, used, pages = extracted.text, extracted.encoding, extracted.pages
        entry = self.entry
        # The catalogue's metadata, or what the text's opening lines say.
        if entry is not None:
            meta: CatalogueEntry | Metadata = entry
        else:
            from tipcorpus.catalogue import infer_metadata  # noqa: PLC0415  (on first read)

            meta = infer_metadata(text)
        return Document(
            id=self.id,
            text=text,
            path=self.path,
            title=meta.title,
            issuer=meta.issuer,
            published=meta.published,
            year=meta.year,
            kind=meta.kind,
            source=entry.source if entry is not None else None,
            encoding=used,
            pages=pages,
        )

    def adopt(self, statistics: tuple[Statistic, ...]) -> None:
        """Make ``statistics``, extracted elsewhere, the document's, unless it has its own.

        The statistics must be bound to :meth:`document`'s document (as
        :meth:`StatisticRecord.to_statistic <tipcorpus.export.StatisticRecord.to_statistic>`
        binds them); later queries then answer without parsing.
        """
        lazy = self.document()._lazy
        with lazy.lock:
            if lazy.statistics is None:
                lazy.statistics = statistics


@runtime_checkable
class HasSources(Protocol):
    """A collection of documents read from sources, such as a :class:`~tipcorpus.Corpus`."""

    @property
    def sources(self) -> Mapping[str, Source]:
        """The document sources, by id, in load order."""
        ...


def transient_documents(
    sources: Iterable[Source], *, structure: bool = False
) -> Iterator[tuple[Document, tuple[Statistic, ...], Structure | None]]:
    """Each source's document with its statistics (and its structure when asked), in order.

    A document that knows its statistics already (parsed, or read from a cache) is given
    as it is; its structure, when asked for and not parsed, is parsed here and not kept.
    Any other is read (or copied) into a transient document that its source does not
    keep: its parse tree is dropped once the statistics are extracted, and its
    statistics once the caller asks for the next document, so a walk holds one
    document's parse at a time and leaves the sources unparsed.

    >>> sources = [Source("memo", text="In FY 2007, HHS certified 1,248 victims.")]
    >>> [(doc.id, [s.value for s in stats]) for doc, stats, _ in transient_documents(sources)]
    [('memo', [1248])]
    >>> sources[0].document().parsed
    False
    """
    for source in sources:
        built = source.loaded
        transient = not source.has_statistics
        if built is not None and not transient:
            doc = built
            statistics = doc.statistics
            tree = doc.structure if doc.parsed else None
            if structure and tree is None:
                # Statistics read from a cache: parse for the sentences, keep nothing.
                from tipcorpus.structure import parse_structure  # noqa: PLC0415

                tree = parse_structure(doc.text)
        else:
            if source.path is not None:
                doc = source.build()
            else:
                doc = evolve(built if built is not None else source.document(), _lazy=ParseState())
            statistics = doc.statistics
            tree = doc.structure if structure else None
            # The statistics point at the document; its parse tree can go now.
            doc._lazy.structure = None
        try:
            yield doc, statistics, tree
        finally:
            if transient:
                # Break the cycle document -> statistics -> document, so that dropping
                # the names below frees the document, its text and its statistics at
                # once, without waiting for the cyclic garbage collector.
                doc._lazy.statistics = None
        del doc, statistics, tree
