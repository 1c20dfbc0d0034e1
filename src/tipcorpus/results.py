"""Query results a person can read: tables that fit the terminal, HTML and plain records.

Every query that returns several things returns a value of a class here (or one built
on :class:`Tabular`): printing it shows a table (tabulate, fitted to the terminal's
width), a notebook shows it as HTML, and :meth:`Tabular.to_records` gives plain dicts
with the same column names as the table and as the ``tipcorpus`` command's output.

When the width is short, columns give way in a fixed order: the long text columns
(quotes, sentences, titles) shrink first and the columns that identify a figure (value,
unit, period, agencies) last; a column is never narrower than its header.
A width of 0 means no limit: nothing is cut (the command line uses it for files, pipes
and ``--format plain``).

>>> from tipcorpus import Corpus
>>> agencies = Corpus.default().pillar("prevention").agencies()
>>> print(agencies[:3].table(width=80))
id     name                                  parent      statistics    documents
-----  ------------------------------------  --------  ------------  -----------
G/TIP  Office to Monitor and Combat Traffi…  DOS                  6            2
HHS    Department of Health and Human Serv…                       6            2
DOS    Department of State                                        2            1
3 agencies
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from attrs import frozen

from tipcorpus.display import plural, reader_text, visible
from tipcorpus.model import Agency
from tipcorpus.tabular import Column, SectionTable, Tabular, TupleTable, fit_table

if TYPE_CHECKING:
    from typing import Self

    from tipcorpus.document import Document
    from tipcorpus.measures import Conflict
    from tipcorpus.model import Statistic
    from tipcorpus.views import SearchHit

__all__ = [
    "AgencyRow",
    "AgencyTable",
    "Column",
    "ConflictTable",
    "DocumentTable",
    "SearchHits",
    "SectionTable",
    "Tabular",
    "fit_table",
    "plural",
    "reader_text",
    "visible",
]

# --------------------------------------------------------------------- agencies


@frozen
class AgencyRow:
    """One agency of a listing, with how many statistics and documents it has there.

    Attributes:
        agency: the agency.
        statistics: how many statistics credit it (in the corpus, or the view).
        documents: how many documents name it or credit it with a statistic.

    """

    agency: Agency
    statistics: int
    documents: int

    @property
    def id(self) -> str:
        """The agency's id."""
        return self.agency.id

    @property
    def name(self) -> str:
        """The agency's full name."""
        return self.agency.name

    @property
    def parent(self) -> str | None:
        """The id of the agency it is part of, or None."""
        return self.agency.parent_id


class AgencyTable(TupleTable):
    """Agencies with their counts: ``id, name, parent, statistics, documents``, most first.

    Iterating gives :class:`AgencyRow` items; ``table["HHS"]`` finds one by id.
    """

    columns = (
        Column("id", give=90, floor=8),
        Column("name", give=10, floor=16),
        Column("parent", give=80, floor=8, optional=True),
        Column("statistics", give=95, align="right"),
        Column("documents", give=95, align="right", optional=True),
    )
    noun = ("agency", "agencies")

    def __new__(cls, rows: Iterable[AgencyRow] = ()) -> Self:
        """A table of the given rows, in the order given."""
        return super().__new__(cls, tuple(rows))

    def by_id(self, agency_id: str) -> AgencyRow:
        """The row of one agency.

        Raises:
            UnknownAgency: the agency is not in the table, with the close ids.

        """
        for row in self:
            if row.id == agency_id:
                return row  # type: ignore[no-any-return]
        from tipcorpus.errors import UnknownAgency, close_matches  # noqa: PLC0415

        ids = [r.id for r in self]
        raise UnknownAgency(agency_id, close_matches(agency_id, ids, cutoff=0.4), choices=ids)

    def _cells(self, item: object) -> dict[str, str]:
        assert isinstance(item, AgencyRow)
        return {
            "id": item.id,
            "name": item.name,
            "parent": item.parent or "",
            "statistics": f"{item.statistics:,}",
            "documents": f"{item.documents:,}",
        }

    def _record(self, item: object) -> dict[str, object]:
        assert isinstance(item, AgencyRow)
        return {
            "id": item.id,
            "name": item.name,
            "parent": item.parent,
            "statistics": item.statistics,
            "documents": item.documents,
        }


def agency_rows(
    statistics: Iterable[Statistic], named: Mapping[str, set[str]] | None = None
) -> AgencyTable:
    """The agencies credited in ``statistics`` (and those ``named``: id → document ids).

    Sorted by statistics, most first, then by how many documents, then by registry order.
    """
    counts: Counter[str] = Counter()
    docs: dict[str, set[str]] = {k: set(v) for k, v in (named or {}).items()}
    found: dict[str, Agency] = {}
    for s in statistics:
        for a in s.agencies:
            counts[a.id] += 1
            found[a.id] = a
            if s.document_id is not None:
                docs.setdefault(a.id, set()).add(s.document_id)
    from tipcorpus.agencies import registry  # noqa: PLC0415

    reg = registry()
    order = {a.id: i for i, a in enumerate(reg)}
    for agency_id in docs:
        if agency_id not in found and agency_id in reg:
            found[agency_id] = reg.get(agency_id)
    ids = sorted(
        found,
        key=lambda i: (-counts[i], -len(docs.get(i, ())), order.get(i, len(order)), i),
    )
    return AgencyTable(AgencyRow(found[i], counts[i], len(docs.get(i, ()))) for i in ids)


# --------------------------------------------------------------------- conflicts


class ConflictTable(TupleTable):
    """Conflicting figures, newest document first; iterating gives :class:`Conflict` items.

    Records have ``measure, period, newer, newer_document, older, older_document,
    newer_quote, older_quote, newer_ref, older_ref``; ``newer`` and ``older`` are numbers
    there and written as a reader expects them (``~1,500``, ``$51,000,000``) in the
    table, whose quotes (each sentence with its figure in ``«»``) give way first and are
    left out on a narrow width.
    """

    columns = (
        Column("measure", give=60, floor=18),
        Column("period", give=99, floor=10),
        Column("newer", give=98, align="right"),
        Column("newer_document", give=20, floor=12),
        Column("older", give=98, align="right"),
        Column("older_document", give=20, floor=12),
        Column("newer_quote", give=0, floor=30, cut="window", optional=True),
        Column("older_quote", give=1, floor=30, cut="window", optional=True),
    )
    noun = ("conflict", "conflicts")

    def __new__(cls, conflicts: Iterable[Conflict] = ()) -> Self:
        """A table of the given conflicts, in the order given."""
        return super().__new__(cls, tuple(conflicts))

    def _cells(self, item: object) -> dict[str, str]:
        from tipcorpus.display import format_value  # noqa: PLC0415

        c: Conflict = item  # type: ignore[assignment]
        return {
            "measure": c.measure.id,
            "period": str(c.period) if c.period is not None else "",
            "newer": format_value(c.first),
            "newer_document": c.first.document_id or "",
            "older": format_value(c.second),
            "older_document": c.second.document_id or "",
            "newer_quote": reader_text(c.first.quote(("«", "»"))),
            "older_quote": reader_text(c.second.quote(("«", "»"))),
        }

    def _record(self, item: object) -> dict[str, object]:
        from tipcorpus.citations import ref  # noqa: PLC0415
        from tipcorpus.display import json_number  # noqa: PLC0415

        c: Conflict = item  # type: ignore[assignment]
        return {
            "measure": c.measure.id,
            "period": str(c.period) if c.period is not None else None,
            "newer": json_number(c.first.value),
            "newer_document": c.first.document_id,
            "older": json_number(c.second.value),
            "older_document": c.second.document_id,
            "newer_quote": c.first.quote(("«", "»")),
            "older_quote": c.second.quote(("«", "»")),
            "newer_ref": ref(c.first),
            "older_ref": ref(c.second),
        }


# --------------------------------------------------------------------- search hits


class SearchHits(TupleTable):
    """Sentences that match a search; iterating gives :class:`~tipcorpus.views.SearchHit`.

    The table shows ``document, section, sentence`` with the match in ``«»``; records
    add ``start``, ``end`` (the match's offsets) and ``match``.
    """

    columns = (
        Column("document", give=20, floor=12),
        Column("section", give=5, floor=16, optional=True),
        Column("sentence", give=0, floor=40, cut="window"),
    )
    noun = ("hit", "hits")

    def __new__(cls, hits: Iterable[SearchHit] = ()) -> Self:
        """A result of the given hits, in the order given."""
        return super().__new__(cls, tuple(hits))

    def _cells(self, item: object) -> dict[str, str]:
        h: SearchHit = item  # type: ignore[assignment]
        start, end = h.span
        s0 = h.sentence_span[0]
        text = h.sentence
        if 0 <= start - s0 <= end - s0 <= len(text):
            a, b = start - s0, end - s0
            marked = f"{text[:a]}«{text[a:b]}»{text[b:]}"
        else:
            marked = f"«{h.document.text[start:end]}»"
        from tipcorpus.citations import short_section  # noqa: PLC0415

        return {
            "document": h.document.id,
            "section": reader_text(short_section(h.section, h.document.title)),
            "sentence": reader_text(marked),
        }

    def _record(self, item: object) -> dict[str, object]:
        h: SearchHit = item  # type: ignore[assignment]
        return {
            "document": h.document.id,
            "start": h.span[0],
            "end": h.span[1],
            "section": " › ".join(h.section),
            "match": h.document.text[h.span[0] : h.span[1]],
            "sentence": h.sentence,
        }


# --------------------------------------------------------------------- documents


class DocumentTable(TupleTable):
    """Documents: ``id, year, kind, published, title, issuer, chars, warnings``.

    Iterating gives :class:`~tipcorpus.Document` items.
    """

    columns = (
        Column("id", give=90, floor=12),
        Column("year", give=99, align="right"),
        Column("kind", give=30, floor=14, optional=True),
        Column("published", give=40, floor=10, optional=True),
        Column("title", give=5, floor=24),
        Column("issuer", give=0, floor=12, optional=True),
        Column("chars", give=95, align="right"),
        Column("warnings", give=25, floor=8, optional=True, align="right"),
    )
    noun = ("document", "documents")

    def __new__(cls, documents: Iterable[Document] = ()) -> Self:
        """A table of the given documents, in the order given."""
        return super().__new__(cls, tuple(documents))

    def _cells(self, item: object) -> dict[str, str]:
        d: Document = item  # type: ignore[assignment]
        return {
            "id": d.id,
            "year": str(d.year) if d.year is not None else "",
            "kind": d.kind,
            "published": d.published.isoformat() if d.published else "",
            "title": reader_text(d.title),
            "issuer": d.issuer or "",
            "chars": f"{len(d.text):,}",
            "warnings": str(len(d.warnings)),
        }

    def _record(self, item: object) -> dict[str, object]:
        d: Document = item  # type: ignore[assignment]
        return {
            "id": d.id,
            "year": d.year,
            "kind": d.kind,
            "published": d.published.isoformat() if d.published else None,
            "title": d.title,
            "issuer": d.issuer,
            "chars": len(d.text),
            "warnings": [str(w) for w in d.warnings],
        }
