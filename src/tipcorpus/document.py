"""Documents: metadata, the exact source text, and structure parsed on first need."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import define, evolve, field, frozen

from tipcorpus.errors import DecodeError
from tipcorpus.model import Block, Sentence, Statistic

if TYPE_CHECKING:
    from tipcorpus.structure import Structure
    from tipcorpus.tables import TableWarning
    from tipcorpus.tabular import SectionTable

__all__ = ["Document"]


@define
class ParseState:
    """What a document has parsed so far, filled once under its lock.

    Every :class:`Document` has its own (not part of its value: two documents of the same
    text are equal whatever they have parsed). :mod:`tipcorpus.sources` gives copies of a
    document a fresh one to parse without keeping the parse; :mod:`tipcorpus.cache`
    subclasses it to read and write statistics on disk.

    Attributes:
        lock: held while a result is computed, so that threads compute it once.
        structure: the parse tree, or None until first needed (or once dropped).
        statistics: the statistics, or None until first needed (or once dropped).
        warnings: what the document's tables left unread, or None until first needed.
        parses: how many times the structure has been parsed.

    """

    lock: threading.Lock = field(factory=threading.Lock)
    structure: Structure | None = None
    statistics: tuple[Statistic, ...] | None = None
    warnings: tuple[TableWarning, ...] | None = None
    parses: int = 0


@frozen
class Document:
    """One report: its metadata and its text, exactly as decoded.

    Structure (sections, blocks, sentences) and statistics are computed on first
    access, once, safely under threads; constructing a ``Document`` parses nothing.

    >>> from tipcorpus import Corpus
    >>> doc = Corpus.default()["ag-assessment-2009"]
    >>> doc.year, doc.kind
    (2009, 'assessment summary')
    >>> memo = Document.from_text("In FY 2007, HHS certified 1,248 victims.", id="memo")
    >>> s = memo.statistics[0]
    >>> memo.text[slice(*s.span)], s.unit, memo.year
    ('1,248', 'victims', 2007)

    Attributes:
        id: the document's identifier in its corpus.
        text: the decoded source text; every span in tipcorpus indexes into it.
        path: the file it was read from, or None.
        title: the title (from the catalogue or the first heading).
        issuer: who issued it (``U.S. Department of State``), or None.
        published: the date of publication, when known.
        year: the reference year: the year "currently" and "since ..." resolve to.
        kind: ``report``, ``fact sheet``, ``assessment`` ...
        source: where the document comes from (a URL or a description).
        encoding: the encoding the file was decoded with (None for text given directly).
        pages: for a document read from a PDF, the ``(start, end)`` span of each page's
            text, in page order; None otherwise (see :meth:`page_at`).

    """

    id: str
    text: str = field(repr=False)
    path: Path | None = None
    title: str = ""
    issuer: str | None = None
    published: dt.date | None = None
    year: int | None = None
    kind: str = "report"
    source: str | None = field(default=None, repr=False)
    encoding: str | None = field(default=None, repr=False)
    _lazy: ParseState = field(factory=ParseState, repr=False, eq=False, hash=False, alias="_lazy")
    pages: tuple[tuple[int, int], ...] | None = field(default=None, repr=False)

    @classmethod
    def from_text(
        cls,
        text: str,
        id: str = "text",
        **metadata: object,
    ) -> Document:
        r"""A document from a string, with metadata inferred from the text where not given.

        Raises:
            DecodeError: the text holds lone surrogates (text decoded with
                ``errors="surrogateescape"``), which no export could write.

        >>> d = Document.from_text("# ICE Results\n\nIn FY 2012, ICE opened 894 cases.", id="r")
        >>> d.title, d.year
        ('ICE Results', 2012)

        """
        from tipcorpus.catalogue import infer_metadata  # noqa: PLC0415
        from tipcorpus.reading import lone_surrogate  # noqa: PLC0415

        at = lone_surrogate(text)
        if at is not None:
            raise DecodeError(
                None,
                at,
                "str",
                f"the text of {id!r} holds a lone surrogate (U+{ord(text[at]):04X}) at character "
                f"{at}, which no export can write",
            )
        inferred = infer_metadata(text)
        values: dict[str, object] = {
            "title": inferred.title,
            "issuer": inferred.issuer,
            "published": inferred.published,
            "year": inferred.year,
            "kind": inferred.kind,
        }
        values.update({k: v for k, v in metadata.items() if v is not None})
        return cls(id=id, text=text, **values)  # type: ignore[arg-type]

    @property
    def parsed(self) -> bool:
        """Whether the structure has been computed already."""
        return self._lazy.structure is not None

    @property
    def structure(self) -> Structure:
        """Sections, blocks and sentences, computed once."""
        lazy = self._lazy
        if lazy.structure is None:
            with lazy.lock:
                if lazy.structure is None:
                    from tipcorpus.structure import parse_structure  # noqa: PLC0415

                    lazy.structure = parse_structure(self.text)
                    lazy.parses += 1
        return lazy.structure

    @property
    def sections(self) -> SectionTable:
        """The document's sections, in order; printing them shows an indented outline."""
        from tipcorpus.tabular import SectionTable  # noqa: PLC0415

        return SectionTable(self.structure.sections)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The document's blocks (headings, paragraphs, bullet items), in order."""
        return self.structure.blocks

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The document's sentences, in order."""
        return self.structure.sentences

    @property
    def statistics(self) -> tuple[Statistic, ...]:
        """The statistics the document reports, in text order, computed once."""
        lazy = self._lazy
        if lazy.statistics is None:
            structure = self.structure
            with lazy.lock:
                if lazy.statistics is None:
                    lazy.statistics = self._extract(structure)
        return lazy.statistics

    @property
    def warnings(self) -> tuple[TableWarning, ...]:
        """What the document's tables left unread, and numbers written with hidden characters.

        A table warns when cells fit no column, when counts came out without a unit, when
        figures are credited to no body or only to the U.S. Government as a whole, and
        when none of its cells became a statistic (see :func:`tipcorpus.tables.table_warnings`).
        Computed once, with the statistics.

        .. versionadded:: 0.9
        """
        lazy = self._lazy
        if lazy.warnings is None:
            from tipcorpus.tables import find_tables, table_warnings  # noqa: PLC0415

            statistics = self.statistics
            found = table_warnings(self.text, find_tables(self.text), statistics)
            lazy.warnings = found + self._hidden_number_warnings()
        return lazy.warnings

    def _hidden_number_warnings(self) -> tuple[TableWarning, ...]:
        from tipcorpus.display import hidden_numbers, visible  # noqa: PLC0415
        from tipcorpus.tables import TableWarning  # noqa: PLC0415

        return tuple(
            TableWarning(
                line=self.text.count("\n", 0, start) + 1,
                span=(start, end),
                message=(
                    f"the number {visible(self.text[start:end])} is written with invisible or "
                    "direction-changing characters, which change what a reader sees; it is "
                    "not reported"
                ),
            )
            for start, end in hidden_numbers(self.text)
        )

    def _extract(self, structure: Structure) -> tuple[Statistic, ...]:
        """Statistics read from a normalised copy of the text, with spans into the original.

        Odd characters (no-break and thin spaces, soft hyphens, zero-width characters,
        ligatures, full-width forms) are normalised for reading only; every span of the
        result indexes :attr:`text` (see :mod:`tipcorpus.normalise`).
        """
        from tipcorpus.normalise import normalise  # noqa: PLC0415
        from tipcorpus.statistics import extract_statistics  # noqa: PLC0415

        shadow = normalise(self.text)
        if shadow.identity:
            return self._without_hidden_numbers(extract_statistics(self, structure))
        if shadow.aligned:
            # Substitutions alone keep every offset: read the copy, cite the original.
            return self._without_hidden_numbers(
                extract_statistics(self, structure, reading=shadow.text)
            )
        # The structure is the original's, whose line layout the copy's joins change.
        reading = evolve(self, text=shadow.text, _lazy=ParseState())
        found = extract_statistics(reading, structure.mapped(shadow.text, shadow.to_shadow))
        out = []
        for s in found:
            mapped = shadow.remap(s)
            out.append(
                evolve(mapped, document=self, section=structure.section_path(mapped.span[0]))
            )
        return self._without_hidden_numbers(tuple(out))

    def _without_hidden_numbers(self, found: tuple[Statistic, ...]) -> tuple[Statistic, ...]:
        """The statistics but those written with invisible characters (see :attr:`warnings`).

        ``1,\u202e842\u202c`` reads as 1,842 while a screen shows "1,248": such a number is
        suspect, so it is listed as a warning rather than reported.
        """
        from tipcorpus.display import hidden_numbers  # noqa: PLC0415

        hidden = hidden_numbers(self.text)
        if not hidden:
            return found
        return tuple(
            s for s in found if not any(a < s.span[1] and s.span[0] < b for a, b in hidden)
        )

    def section_path(self, offset: int) -> tuple[str, ...]:
        """The heading path of the section that contains ``offset``."""
        return self.structure.section_path(offset)

    def page_at(self, offset: int) -> int | None:
        r"""The page (numbered from 1) that holds ``offset``, for a document read from a PDF.

        An offset between two pages belongs to the page before it.

        >>> Document(id="r", text="p1\n\np2", pages=((0, 2), (4, 6))).page_at(4)
        2
        >>> Document.from_text("no pages").page_at(0) is None
        True

        .. versionadded:: 0.1.0

        Returns:
            The page number, or None when the document has no pages or ``offset`` is
            outside them.

        """
        from tipcorpus.ingest import page_of  # noqa: PLC0415

        return page_of(self.pages, offset)

    # Display (see tipcorpus.render): one line, a short repr, a notebook card.
    def __str__(self) -> str:
        """One line: title (id), issuer, date, length."""
        from tipcorpus.display import document_line  # noqa: PLC0415

        return document_line(self)

    def __repr__(self) -> str:
        """``Document(id=..., title=..., year=...)``; reads and parses nothing."""
        from tipcorpus.display import document_repr  # noqa: PLC0415

        return document_repr(self)

    def _repr_html_(self) -> str:
        from tipcorpus.display import document_card  # noqa: PLC0415

        return document_card(self)

    def __len__(self) -> int:
        return len(self.text)
