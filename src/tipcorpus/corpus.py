"""The corpus: a read-only mapping of document id to :class:`~tipcorpus.Document`, and its queries.

Building a corpus reads the catalogue and the files' bytes only when a document
is first touched; nothing is parsed until a query needs it.
"""

from __future__ import annotations

import threading
import types
import warnings
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from attrs import evolve, frozen

from tipcorpus.document import Document
from tipcorpus.errors import (
    DecodeError,
    DocumentNotFound,
    TipcorpusError,
    TipcorpusWarning,
    UnknownDocument,
    UnreadableDocument,
)
from tipcorpus.model import Agency, Pillar, Statistic
from tipcorpus.reading import discover
from tipcorpus.sources import Source
from tipcorpus.views import (
    SEARCH_TIMEOUT,
    AgencyView,
    PillarView,
    StatisticSet,
    agency_table,
    parse_pillar,
    search_documents,
)

if TYPE_CHECKING:
    from tipcorpus.catalogue import CatalogueEntry
    from tipcorpus.export import Progress, SqliteExport
    from tipcorpus.measures import Measure, Series
    from tipcorpus.render import Concordance, Pivot
    from tipcorpus.results import AgencyTable, ConflictTable, DocumentTable, SearchHits
    from tipcorpus.tables import TableWarning

__all__ = ["Corpus", "LoadError"]

OnError = Literal["raise", "warn", "skip"]

CATALOGUE_NAME = "catalogue.toml"


@frozen
class LoadError:
    r"""A file that could not be read into the corpus, and why.

    :meth:`Corpus.from_path` with ``on_error="skip"`` or ``"warn"`` lists them in
    :attr:`Corpus.errors` instead of raising.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "memo.txt").write_text("In FY 2007, HHS certified 1,248 victims.")
    ...     _ = Path(folder, "scan.txt").write_bytes(b"\x81\x8d\x8f")
    ...     corpus = Corpus.from_path(folder, on_error="skip")
    >>> list(corpus)
    ['memo']
    >>> [(e.path.name, type(e.error).__name__) for e in corpus.errors]
    [('scan.txt', 'DecodeError')]
    """

    path: Path
    error: TipcorpusError

    def __str__(self) -> str:
        return str(self.error)


class Corpus(Mapping[str, Document]):
    """A collection of TIP reports, read lazily, with queries over their statistics.

    A corpus behaves like a read-only mapping of document id to
    :class:`~tipcorpus.Document`: ``len(corpus)``, ``for id in corpus``,
    ``"x" in corpus``, ``corpus["x"]``.
    Make one with :meth:`default`, :meth:`from_path` or :meth:`from_texts`.

    >>> corpus = Corpus.from_texts({"memo": "In FY 2007, HHS certified 1,248 victims."})
    >>> len(corpus), corpus["memo"].year
    (1, 2007)
    >>> [s.value for s in corpus.statistics()]
    [1248]
    """

    def __init__(self, sources: Iterable[Source] = (), errors: Iterable[LoadError] = ()) -> None:
        """Build a corpus from prepared sources; use the named constructors instead."""
        self._sources: dict[str, Source] = {}
        for source in sources:
            if source.id in self._sources:
                raise TipcorpusError(
                    f"two documents have the id {source.id!r}; give each file a distinct name "
                    "or id in the catalogue"
                )
            self._sources[source.id] = source
        self._errors = list(errors)
        self._lock = threading.Lock()

    # ----------------------------------------------------------------- constructors

    @classmethod
    def default(cls) -> Corpus:
        """The bundled corpus: five U.S. government reports from 2002 to 2016.

        >>> sorted(Corpus.default())[:2]
        ['achievements-2001-2008', 'ag-assessment-2009']
        """
        from tipcorpus.catalogue import bundled_seeds_dir  # noqa: PLC0415

        return cls.from_path(bundled_seeds_dir())

    @classmethod
    def from_path(
        cls,
        path: str | Path | Iterable[str | Path],
        *,
        catalogue: str | Path | None = None,
        encoding: str | None = None,
        errors: str = "strict",
        on_error: OnError = "raise",
        cache: bool | str | Path | None = None,
        follow_symlinks: bool = False,
    ) -> Corpus:
        """A corpus of the reports at ``path``: ``.txt``, ``.md``, ``.html`` and ``.pdf`` files.

        Args:
            path: a directory, a glob pattern, a file, or an iterable of those.
            catalogue: a ``catalogue.toml`` with the documents' metadata; by default
                the one in the directory, when there is one. Files it does not list get
                metadata inferred from their text, and the file name's stem as id.
            encoding: the files' encoding; by default UTF-8 (with or without BOM),
                UTF-16 with BOM, and cp1252 as a reported fallback.
            errors: how to treat undecodable bytes (``"strict"`` raises
                :class:`~tipcorpus.DecodeError`; ``"replace"`` substitutes U+FFFD).
            on_error: what to do with a file that cannot be read: ``"raise"`` (the
                default), ``"warn"`` (skip it with a warning) or ``"skip"`` (skip it
                silently); skipped files are listed in :attr:`errors`.
            cache: keep each document's statistics on disk and read them back instead
                of parsing again: True for the user cache directory, or a directory
                (see :mod:`tipcorpus.cache`); None or False (the default) for no cache.
            follow_symlinks: read symbolic links in a folder (and catalogue entries)
                that lead outside it; by default they are left out with a warning.

        Raises:
            DocumentNotFound: a path does not exist or a directory holds no documents.
            DecodeError: a file cannot be decoded (with ``on_error="raise"``).

        """
        if on_error not in ("raise", "warn", "skip"):
            raise ValueError(f"on_error must be 'raise', 'warn' or 'skip', not {on_error!r}")
        files = discover(path, follow_symlinks=follow_symlinks)
        entries: dict[str, CatalogueEntry] = {}
        catalogue_paths: list[Path] = []
        if catalogue is not None:
            catalogue_paths.append(Path(catalogue))
        else:
            for folder in sorted({f.parent for f in files}):
                candidate = folder / CATALOGUE_NAME
                if candidate.is_file():
                    catalogue_paths.append(candidate)
        if catalogue_paths:
            from tipcorpus.catalogue import load_catalogue  # noqa: PLC0415  (on use)
        for cat in catalogue_paths:
            for listed in load_catalogue(cat, follow_symlinks=follow_symlinks):
                entries[str((cat.parent / listed.file).resolve())] = listed
        store = None
        if cache is not None and cache is not False:
            from tipcorpus.cache import CachedSource, StatisticsCache  # noqa: PLC0415

            store = StatisticsCache.resolve(cache)
        sources: list[Source] = []
        failures: list[LoadError] = []
        taken = {e.id for e in entries.values()}
        for file in files:
            entry = entries.get(str(file.resolve()))
            if entry is not None:
                doc_id = entry.id
            else:
                # The file's stem, unless another file or the catalogue has it already
                # ("2007.txt" and "2007.md"): then the name with its suffix.
                doc_id = file.stem if file.stem not in taken else file.name
                suffix = 2
                while doc_id in taken:
                    doc_id, suffix = f"{file.name}-{suffix}", suffix + 1
            taken.add(doc_id)
            if store is None:
                source = Source(doc_id, path=file, entry=entry, encoding=encoding, errors=errors)
            else:
                source = CachedSource(
                    doc_id,
                    cache=store,
                    path=file,
                    entry=entry,
                    encoding=encoding,
                    errors=errors,
                )
            if on_error != "raise":
                # Reading now is the only way to know which files to leave out.
                try:
                    source.document()
                except (DecodeError, DocumentNotFound, UnreadableDocument) as exc:
                    failures.append(LoadError(file, exc))
                    if on_error == "warn":
                        warnings.warn(f"skipped {exc}", TipcorpusWarning, stacklevel=2)
                    continue
            sources.append(source)
        return cls(sources, failures)

    @classmethod
    def from_texts(
        cls,
        texts: Mapping[str, str],
        *,
        metadata: Mapping[str, Mapping[str, object]] | None = None,
    ) -> Corpus:
        """A corpus of texts given directly, keyed by document id.

        Args:
            texts: document id → text.
            metadata: document id → fields to set (``title``, ``issuer``, ``published``,
                ``year``, ``kind``, ``source``); the rest is inferred from the text.

        >>> c = Corpus.from_texts({"a": "Since 2010, DOJ has charged 500 defendants."},
        ...                       metadata={"a": {"year": 2016}})
        >>> c["a"].statistics[0].period
        Period(start=2010, end=2016, fiscal=False)

        """
        metadata = metadata or {}
        unknown = set(metadata) - set(texts)
        if unknown:
            raise UnknownDocument(sorted(unknown)[0], sorted(texts)[:5])
        docs = {
            doc_id: Document.from_text(text, id=doc_id, **dict(metadata.get(doc_id, {})))
            for doc_id, text in texts.items()
        }
        return cls(Source(doc_id, text=doc.text, document=doc) for doc_id, doc in docs.items())

    # ----------------------------------------------------------------- mapping

    def __getitem__(self, doc_id: str) -> Document:
        """The document with this id; an unknown id names the closest known ones."""
        source = self._sources.get(doc_id)
        if source is None:
            import difflib  # noqa: PLC0415  (only for the error's suggestions)

            close = difflib.get_close_matches(str(doc_id), list(self._sources), n=3, cutoff=0.4)
            raise UnknownDocument(str(doc_id), close, choices=sorted(self._sources)[:10])
        return source.document()

    def __iter__(self) -> Iterator[str]:
        """The document ids, in load order."""
        return iter(self._sources)

    def __len__(self) -> int:
        """The number of documents."""
        return len(self._sources)

    def __contains__(self, doc_id: object) -> bool:
        """Whether a document with this id is in the corpus."""
        return doc_id in self._sources

    @property
    def documents(self) -> DocumentTable:
        """All documents, in load order (reading any not yet read), as a table."""
        from tipcorpus.results import DocumentTable  # noqa: PLC0415

        return DocumentTable(self[doc_id] for doc_id in self._sources)

    @property
    def sources(self) -> Mapping[str, Source]:
        """Where each document comes from, by id, in load order; reads nothing.

        A :class:`~tipcorpus.sources.Source` has the document's file (or text) and
        catalogue entry, and the document once it has been read.

        >>> source = Corpus.default().sources["ag-assessment-2009"]
        >>> source.path.suffix, source.loaded is None
        ('.txt', True)

        .. versionadded:: 0.12

        """
        return types.MappingProxyType(self._sources)

    @property
    def errors(self) -> tuple[LoadError, ...]:
        """Files left out by ``on_error="warn"`` or ``"skip"``, with the reason."""
        return tuple(self._errors)

    @property
    def warnings(self) -> tuple[TableWarning, ...]:
        """What every document left unread (tables, hidden numbers), naming document and line.

        Reads and parses every document.

        >>> corpus = Corpus.from_texts({"memo": "ICE opened 1,\u202e842\u202c cases."})
        >>> print(corpus.warnings[0])  # doctest: +ELLIPSIS
        memo, line 1: the number 1,⟨U+202E⟩842⟨U+202C⟩ is written with invisible ...
        """
        return tuple(
            evolve(w, document=doc_id) for doc_id in self._sources for w in self[doc_id].warnings
        )

    # ----------------------------------------------------------------- queries

    def statistics(self, **filters: object) -> StatisticSet:
        """Every statistic in the corpus, filtered.

        Filters (all optional, combined with AND): ``year`` (period ends in that year),
        ``years`` (ends in one of them), ``period_overlaps=(first, last)``, ``fiscal``,
        ``kind``, ``pillar``, ``agency`` (with ``include_components=True`` by default),
        ``document``, ``unit`` (substring, or a compiled pattern), ``unit_exact``,
        ``qualifier``, ``min_value``, ``max_value``.
        See :meth:`StatisticSet.filter`.

        Raises:
            FilterError: an unknown filter, or a value it cannot take (``year=[...]``).
            UnknownDocument: a document the corpus does not have, with the close ids.
            UnknownUnit: a unit no statistic of the corpus has, with the close ones.
            UnknownAgency: an unknown agency.

        >>> corpus = Corpus.default()
        >>> len(corpus.statistics(agency="USCIS", year=2007))
        1

        """
        self._check_document(filters)
        everything = StatisticSet(self._all_statistics())
        if not filters:
            return everything
        for name in ("unit", "unit_exact"):
            if isinstance(filters.get(name), str):
                _check_unit(everything, str(filters[name]), exact=name == "unit_exact")
        return everything.filter(**filters)

    def _check_document(self, filters: Mapping[str, object]) -> None:
        """Raise UnknownDocument, with suggestions, for a ``document=`` not in the corpus."""
        doc = filters.get("document")
        if doc is not None and not isinstance(doc, Document) and str(doc) not in self:
            self[str(doc)]  # raises UnknownDocument with the close ids

    def _all_statistics(self) -> tuple[Statistic, ...]:
        out: list[Statistic] = []
        for doc in self.documents:
            out.extend(doc.statistics)
        return tuple(out)

    def agency(self, name: str) -> AgencyView:
        """The view of one agency: its statistics, mentions and documents.

        ``name`` may be an id, a name or an alias, in any case (``"hhs"``,
        ``"Health and Human Services"``).

        Raises:
            UnknownAgency: with the closest known agencies.

        >>> Corpus.default().agency("health and human services").id
        'HHS'

        """
        from tipcorpus.agencies import registry  # noqa: PLC0415

        return AgencyView(registry().lookup(name), self)

    def agencies(self) -> AgencyTable:
        """Agencies named in the corpus: ``id, name, parent, statistics, documents``.

        Sorted by statistics, most first; ``documents`` counts the documents that name
        the agency or credit it with a figure.

        >>> Corpus.default().agencies()[:2].to_records()[1]  # doctest: +NORMALIZE_WHITESPACE
        {'id': 'G/TIP', 'name': 'Office to Monitor and Combat Trafficking in Persons',
         'parent': 'DOS', 'statistics': 19, 'documents': 4}
        """
        return agency_table(self)

    def pillar(self, name: str | Pillar) -> PillarView:
        """The view of one pillar: prosecution, protection, prevention or partnership.

        Raises:
            UnknownPillar: for any other name, with the close ones.

        """
        return PillarView(parse_pillar(name), self)

    def search(
        self,
        pattern: str,
        *,
        regex: bool = False,
        case: bool = False,
        document: str | None = None,
        timeout: float | None = SEARCH_TIMEOUT,
    ) -> SearchHits:
        """Sentences that contain ``pattern`` (a plain string unless ``regex=True``).

        Raises:
            SearchError: the pattern is not a valid regular expression, nests counted
                repeats beyond a bound, or takes longer than ``timeout`` seconds to
                match (None for no limit).
            UnknownDocument: ``document`` is not in the corpus.

        """
        from tipcorpus.views import compile_search  # noqa: PLC0415

        compile_search(pattern, regex=regex, case=case)  # a bad pattern reads no document
        docs = [self[document]] if document is not None else list(self.documents)
        return search_documents(docs, pattern, regex=regex, case=case, timeout=timeout)

    # ----------------------------------------------------------------- display

    def __repr__(self) -> str:
        """A summary that reads no file and parses nothing."""
        ids = list(self._sources)
        shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
        return f"<Corpus of {len(ids)} documents: {shown}>"

    def __str__(self) -> str:
        """A table of the documents, fitted to the terminal."""
        return str(self.documents)

    def _repr_html_(self) -> str:
        return self.documents._repr_html_()

    # ----------------------------------------------------------------- results

    def summary(self) -> Pivot:
        """How many statistics each document reports under each pillar, with totals.

        Every document is a row, those without statistics included; ``—`` is the column
        of statistics without a pillar.

        >>> Corpus.default().summary()["achievements-2001-2008", "protection"] > 0
        True
        """
        from tipcorpus.render import pivot  # noqa: PLC0415

        stats = self.statistics()
        return pivot(
            stats,
            "document",
            "pillar",
            "count",
            row_labels=list(self._sources),
            col_labels=[*Pillar, None],
            title=(
                f"Statistics per document and pillar "
                f"({len(self)} document{'s' if len(self) != 1 else ''})"
            ),
        )

    def concordance(
        self, word: str, width: int = 40, *, document: str | None = None
    ) -> Concordance:
        """Every occurrence of a word or phrase, keyword-in-context, ``width`` characters a side.

        Matching ignores case and line breaks; a plural ``s`` on the last word also matches.

        >>> c = Corpus.default().concordance("T visas", width=20)
        >>> print(c[0])
        rvices awarded 1,974 T visas to TIP victims and t
        """
        from tipcorpus.render import concordance  # noqa: PLC0415

        docs = [self[document]] if document is not None else list(self.documents)
        return concordance(docs, word, width)

    def to_sqlite(
        self, path: str | Path, *, overwrite: bool = False, progress: Progress = False
    ) -> SqliteExport:
        """Write the corpus (documents, sections, sentences, agencies, statistics) to SQLite.

        A Datasette metadata file is written beside it; see
        :func:`tipcorpus.export.to_sqlite`. Documents are parsed, written and released
        one at a time.

        Args:
            path: the database file to write.
            overwrite: replace an existing file.
            progress: a progress bar or callback; see :func:`tipcorpus.export.to_sqlite`.

        Raises:
            ExportError: the file exists and ``overwrite`` is False.

        """
        from tipcorpus.export import to_sqlite  # noqa: PLC0415

        return to_sqlite(self, path, overwrite=overwrite, progress=progress)

    # ----------------------------------------------------------------- scale

    def iter_statistics(self, **filters: object) -> Iterator[Statistic]:
        """Every statistic in the corpus, filtered, streamed one document at a time.

        The same statistics, in the same order, as :meth:`statistics` with the same
        filters; but a document not parsed yet is read and parsed into a transient
        copy whose parse tree is dropped before the next document is read, and the
        corpus keeps none of it.
        Memory stays bounded by the largest document, not the collection.
        Filters are checked before anything is read.

        Raises:
            FilterError: an unknown filter name, with the close ones.

        >>> corpus = Corpus.from_texts({"memo": "In FY 2007, HHS certified 1,248 victims."})
        >>> [s.value for s in corpus.iter_statistics(agency="HHS")]
        [1248]
        >>> corpus["memo"].parsed
        False

        .. versionadded:: 0.1.0

        """
        from tipcorpus.parallel import iter_statistics  # noqa: PLC0415
        from tipcorpus.views import filter_predicate  # noqa: PLC0415

        test = filter_predicate(dict(filters))
        self._check_document(filters)
        doc = filters.get("document")
        only = None if doc is None else str(getattr(doc, "id", doc))
        return iter_statistics(self, test, only)

    def parse(self, executor: object | None = None, *, send_text: bool = False) -> StatisticSet:
        """Extract every document's statistics, in parallel when given an executor.

        Args:
            executor: a :class:`concurrent.futures.Executor` (such as
                ``ProcessPoolExecutor``) or a Dask ``distributed.Client``; None parses
                here, serially.
                Each document is sent as plain data (id, file path or text, metadata)
                and comes back as records; see :mod:`tipcorpus.parallel`.
            send_text: send each document's text rather than its path, for workers
                that cannot read the files.

        Returns:
            Every statistic, in corpus order: equal to :meth:`statistics`, which then
            answers without parsing again.

        Raises:
            ~tipcorpus.parallel.WorkerError: a document failed in a worker; its id is
                ``.document``.

        .. versionadded:: 0.1.0

        """
        if executor is None:
            return self.statistics()
        from tipcorpus.parallel import parse_corpus  # noqa: PLC0415

        return StatisticSet(parse_corpus(self, executor, send_text=send_text))

    # ----------------------------------------------------------------- across documents

    def series(
        self,
        measure: Measure | str | None = None,
        *,
        agency: Agency | str | None = None,
        unit: str | None = None,
        related: bool = False,
    ) -> Series:
        """The figures of a measure over time, annual and cumulative kept apart.

        Annual figures computed from consecutive cumulative ones (through FY 2006,
        through FY 2007) are added with ``derived=True``.
        See :func:`tipcorpus.measures.build_series`.

        Args:
            measure: a :class:`~tipcorpus.measures.Measure`, a measure id
                (``dhs.uscis.t-visas``) or a concept id (``t-visas``); None for all.
            agency: an agency id, name or alias (components included).
            unit: what is counted, in words (``"T visas"``).
            related: also the figures of related concepts ("convictions and guilty
                pleas" for "convictions"); each point keeps its own measure.

        >>> series = Corpus.default().series(agency="USCIS", unit="T visas")
        >>> [(str(p.period), p.value) for p in series.cumulative]
        [('through FY2007', 1974)]

        .. versionadded:: 0.1.0

        """
        from tipcorpus.measures import build_series  # noqa: PLC0415

        return build_series(self.statistics(), measure, agency=agency, unit=unit, related=related)

    def conflicts(self) -> ConflictTable:
        """Pairs of statistics that give different figures for one measure and period.

        Rounding and qualifiers are allowed for (``over 1,000`` agrees with 1,248), and
        figures of one document conflict only where it says it revised one.
        See :func:`tipcorpus.measures.find_conflicts`.

        Returns:
            The conflicts, newest document first.

        >>> [str(c.measure) for c in Corpus.default().conflicts()][0]
        'dos.countries-covered'

        .. versionadded:: 0.1.0

        """
        from tipcorpus.measures import find_conflicts  # noqa: PLC0415
        from tipcorpus.results import ConflictTable  # noqa: PLC0415

        return ConflictTable(find_conflicts(self.statistics()))

    def resolve(self, ref: str) -> Statistic:
        """The statistic a reference ``tipcorpus:<doc-id>#c=<start>-<end>`` names.

        See :func:`tipcorpus.citations.ref` for making one.

        Raises:
            ~tipcorpus.citations.BadReference: the reference is malformed, or no
                statistic is at that span (the nearest ones are named).
            UnknownDocument: the corpus has no such document.

        >>> corpus = Corpus.from_texts({"memo": "In FY 2007, HHS certified 1,248 victims."})
        >>> corpus.resolve("tipcorpus:memo#c=26-31").unit
        'victims'

        .. versionadded:: 0.1.0

        """
        from tipcorpus.citations import resolve  # noqa: PLC0415

        return resolve(self, ref)


def _check_unit(statistics: StatisticSet, unit: str, *, exact: bool) -> None:
    """Raise UnknownUnit, with the close units, when no statistic has ``unit``."""
    needle = " ".join(unit.lower().split())
    units = {s.unit for s in statistics}
    lowered = {" ".join(u.lower().split()) for u in units}
    if (needle in lowered) if exact else any(needle in u for u in lowered):
        return
    from tipcorpus.errors import UnknownUnit, close_matches  # noqa: PLC0415

    ordered = sorted(units, key=str.lower)
    close = close_matches(unit, ordered, n=3, cutoff=0.6)
    if not close:
        # A word of the unit asked for, or its singular, in a known unit.
        words = [w.rstrip("s") for w in needle.split() if len(w) > 3]
        close = [u for u in ordered if any(w in u.lower() for w in words)][:3]
    raise UnknownUnit(unit, close)
