"""An opt-in, on-disk cache of each file's statistics, as JSON records.

``Corpus.from_path(folder, cache=True)`` keeps the statistics of every document it
parses in a cache directory, and a later corpus of the same files reads them back
instead of parsing again.
Entries are the JSON records of :func:`tipcorpus.export.to_records`; nothing is pickled.

Where the cache lives:
``cache=True`` uses the user cache directory, ``$XDG_CACHE_HOME/tipcorpus`` or
``~/.cache/tipcorpus`` when the variable is unset (see :func:`default_cache_dir`);
``cache="some/folder"`` uses that folder.
The user cache directory is the default, rather than a folder beside the files,
because report folders are often read-only or shared (the bundled reports live inside
the installed package) and a cache must never mix with the documents it describes.

What an entry is keyed by (SHA-256 over all of them):

* the document's decoded text, which is what the file's bytes and the chosen
  ``encoding``/``errors`` decode to, so an edited file or a different encoding misses;
* the document's id and metadata (the reference ``year`` decides what "since 2010"
  means, so a changed catalogue misses too);
* the tipcorpus version, :data:`~tipcorpus.export.RECORD_SCHEMA_VERSION`, and a
  fingerprint of the installed package's code and data files, so that an entry written
  by other recognisers or an other record layout is never used.

A stale entry is therefore never found.
Each entry keeps a SHA-256 digest of its records, so an entry edited by hand or
damaged on disk is caught even when every field is still well formed.
An entry that cannot be read back (truncated, edited, not UTF-8, not JSON, records that
do not match their digest or the text) is ignored with a
:class:`~tipcorpus.TipcorpusWarning`, and replaced once the document has been parsed again.
Entries are written through a temporary file and renamed, so concurrent processes
sharing a cache never see half an entry.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import evolve, frozen

from tipcorpus._version import __version__
from tipcorpus.document import Document, ParseState
from tipcorpus.errors import TipcorpusWarning
from tipcorpus.export import RECORD_SCHEMA_VERSION, RecordError, from_records, to_records
from tipcorpus.sources import Source

if TYPE_CHECKING:
    from tipcorpus.catalogue import CatalogueEntry
    from tipcorpus.model import Statistic

__all__ = ["CACHE_FORMAT", "StatisticsCache", "default_cache_dir"]

CACHE_FORMAT = 2
"""The layout of a cache entry (the JSON object around the records, with their decisions)."""


def default_cache_dir() -> Path:
    """The user cache directory: ``$XDG_CACHE_HOME/tipcorpus``, else ``~/.cache/tipcorpus``.

    >>> default_cache_dir().name
    'tipcorpus'
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base) / "tipcorpus"


@functools.cache
def _code_fingerprint() -> str:
    """A digest of the package's code and data files, read once per process.

    The version alone does not change while a checkout is edited; this does, so a
    development install never reads statistics that older recognisers produced.
    """
    root = Path(__file__).parent
    digest = hashlib.sha256()
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _records_digest(records: object) -> str:
    """SHA-256 of records in a canonical JSON form, kept in an entry to detect edits."""
    canonical = json.dumps(records, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


@frozen
class StatisticsCache:
    """A directory of cached statistics, one JSON file per document version.

    Attributes:
        directory: where the entries are; created on first write.

    """

    directory: Path

    @classmethod
    def resolve(cls, cache: bool | str | Path) -> StatisticsCache:
        """The cache that ``Corpus.from_path(cache=...)`` means: True for the default."""
        if cache is True:
            return cls(default_cache_dir())
        if cache is False:
            raise ValueError("cache=False means no cache; there is nothing to resolve")
        return cls(Path(cache).expanduser())

    def key(self, document: Document) -> str:
        """The entry key of a document: SHA-256 over its text, metadata and the library."""
        digest = hashlib.sha256()
        head = {
            "tipcorpus": __version__,
            "schema": RECORD_SCHEMA_VERSION,
            "format": CACHE_FORMAT,
            "code": _code_fingerprint(),
            "id": document.id,
            "title": document.title,
            "issuer": document.issuer,
            "published": document.published.isoformat() if document.published else None,
            "year": document.year,
            "kind": document.kind,
        }
        digest.update(json.dumps(head, sort_keys=True).encode())
        digest.update(b"\0")
        digest.update(document.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def entry_path(self, key: str) -> Path:
        """The file that holds the entry with this key."""
        return self.directory / f"{key}.json"

    def load(self, document: Document) -> tuple[Statistic, ...] | None:
        """The cached statistics of ``document``, bound to it; None when not cached.

        A damaged entry is ignored with a :class:`~tipcorpus.TipcorpusWarning`.
        """
        key = self.key(document)
        path = self.entry_path(key)
        try:
            raw = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            self._warn(path, f"is damaged (not UTF-8 at byte {exc.start})")
            return None
        except (FileNotFoundError, NotADirectoryError):
            # Not cached yet (or no cache folder at all; writing will say why).
            return None
        except OSError as exc:
            self._warn(path, f"cannot be read ({exc.strerror or exc})")
            return None
        try:
            return self._decode(raw, key, document)
        except (ValueError, TypeError, KeyError, RecursionError, RecordError) as exc:
            # json.JSONDecodeError is a ValueError; RecordError lists bad record fields.
            self._warn(path, f"is damaged ({exc})")
            return None

    def store(self, document: Document, statistics: tuple[Statistic, ...]) -> None:
        """Write the statistics of ``document``; a failed write only warns."""
        key = self.key(document)
        records = to_records(statistics, decisions=True)
        entry = {
            "format": CACHE_FORMAT,
            "tipcorpus": __version__,
            "schema": RECORD_SCHEMA_VERSION,
            "key": key,
            "document": document.id,
            "digest": _records_digest(records),
            "records": records,
        }
        path = self.entry_path(key)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=self.directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as sink:
                    json.dump(entry, sink, ensure_ascii=False)
                os.replace(tmp, path)
            finally:
                Path(tmp).unlink(missing_ok=True)
        except OSError as exc:
            warnings.warn(
                f"cannot write the statistics cache entry {path}: {exc.strerror or exc}",
                TipcorpusWarning,
                stacklevel=4,
            )

    @staticmethod
    def _decode(raw: str, key: str, document: Document) -> tuple[Statistic, ...]:
        entry = json.loads(raw)
        if not isinstance(entry, dict):
            raise TypeError("the entry is not a JSON object")
        expected = {
            "format": CACHE_FORMAT,
            "tipcorpus": __version__,
            "schema": RECORD_SCHEMA_VERSION,
            "key": key,
        }
        for name, value in expected.items():
            if entry.get(name) != value:
                raise ValueError(f"field {name!r} is {entry.get(name)!r}, not {value!r}")
        records = entry["records"]
        if not isinstance(records, list):
            raise TypeError("'records' is not a list")
        if entry.get("digest") != _records_digest(records):
            raise ValueError("its records do not match their digest (edited or corrupted)")
        out = tuple(r.to_statistic({document.id: document}) for r in from_records(records))
        for s in out:
            # A record that does not quote the text is not this document's (guideline: the
            # evidence is always text[start:end]).
            if s.document is not document or document.text[s.span[0] : s.span[1]] != s.surface:
                raise ValueError(f"a record does not match the text at {s.span}")
        return out

    @staticmethod
    def _warn(path: Path, problem: str) -> None:
        warnings.warn(
            f"ignored the statistics cache entry {path}: it {problem}; parsing again",
            TipcorpusWarning,
            stacklevel=5,
        )


class _CachedLazy(ParseState):
    """A document's parse results whose statistics are read from and written to a cache.

    :class:`~tipcorpus.Document` asks ``statistics`` before parsing; a cache hit answers
    it without parsing, and statistics computed on a miss are written back.
    """

    __slots__ = ("_cache", "_document", "_load_lock", "_stats", "_tried")

    def __init__(self, cache: StatisticsCache) -> None:
        self._stats: tuple[Statistic, ...] | None = None
        self._load_lock = threading.Lock()
        self._cache = cache
        self._document: Document | None = None
        self._tried = False
        super().__init__()

    @property
    def statistics(self) -> tuple[Statistic, ...] | None:
        """The statistics: computed, or read from the cache on first need.

        The cache is read once, under the document's lock, so that threads asking at
        once all see the entry (none finds "not read yet" and parses again).
        """
        if self._stats is None and not self._tried and self._document is not None:
            with self._load_lock:
                if self._stats is None and not self._tried:
                    self._stats = self._cache.load(self._document)
                    self._tried = True
        return self._stats

    @statistics.setter
    def statistics(self, value: tuple[Statistic, ...] | None) -> None:
        self._stats = value
        if value is not None and self._document is not None:
            self._cache.store(self._document, value)

    def bind(self, document: Document) -> None:
        """Attach the document whose statistics these are."""
        self._document = document


class CachedSource(Source):
    """A file in a corpus whose document reads and writes a :class:`StatisticsCache`."""

    __slots__ = ("cache",)

    def __init__(
        self,
        id: str,
        *,
        cache: StatisticsCache,
        path: Path | None = None,
        entry: CatalogueEntry | None = None,
        encoding: str | None = None,
        errors: str = "strict",
    ) -> None:
        super().__init__(id, path=path, entry=entry, encoding=encoding, errors=errors)
        self.cache = cache

    def build(self) -> Document:
        """A new document read from the file, whose statistics go through the cache."""
        document = super().build()
        lazy = _CachedLazy(self.cache)
        document = evolve(document, _lazy=lazy)
        lazy.bind(document)
        return document
