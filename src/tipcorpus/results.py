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

import html
import shutil
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from attrs import frozen
from tabulate import tabulate

from tipcorpus.display import plural, reader_text, visible
from tipcorpus.model import Agency, Section

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

T = TypeVar("T")

Cut = Literal["end", "start", "window"]

_HEADER_PAD = 2  # tabulate pads every header by two characters

IDENTIFYING = 90
"""Columns whose ``give`` is at least this identify a row: they give way last."""
_MARK = "«"


@frozen
class Column:
    """How a table shows one column.

    Attributes:
        name: the header, also the record field's name.
        give: the order in which columns give way to a short width (lower first).
        floor: the narrowest it is cut to before other columns are cut further.
        cut: where a long cell is cut: ``end``, ``start`` (keep the end) or
            ``window`` (keep the text around the ``«`` marker).
        optional: left out altogether when the table cannot fit with it.
        align: ``left`` or ``right``.

    """

    name: str
    give: int = 50
    floor: int = 8
    cut: Cut = "end"
    optional: bool = False
    align: Literal["left", "right"] = "left"


def _cut(text: str, width: int, how: Cut) -> str:
    """``text`` in at most ``width`` characters, ``…`` where it was cut."""
    if len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    if how == "start":
        return "…" + text[len(text) - width + 1 :]
    if how == "window":
        at = text.find(_MARK)
        start = max(0, min(at - width // 3, len(text) - width)) if at >= 0 else 0
        out = text[start : start + width]
        if start > 0:
            out = "…" + out[1:]
        if start + width < len(text):
            out = out[:-1] + "…"
        return out
    return text[: width - 1] + "…"


def _line_width(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _terminal_width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


def fit_table(
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, str]],
    *,
    fmt: str = "simple",
    width: int | None = None,
    drop: bool = True,
    wrap: Iterable[str] = (),
) -> str:
    """``rows`` as a tabulate table no wider than ``width`` (None: the terminal; 0: no limit).

    Columns give way in their ``give`` order, each down to its ``floor``: first those
    that do not identify a row (``give`` below :data:`IDENTIFYING`); then optional
    columns are left out (when ``drop``), the first to give way first; then the
    identifying columns give way; last, any column is cut down to its header.
    The columns named in ``wrap`` are wrapped onto several lines instead of cut.
    """
    wrapped = frozenset(wrap)
    limit = _terminal_width() if width is None else width
    cols = list(columns)
    natural = {
        c.name: max([len(c.name) + _HEADER_PAD, *(len(r.get(c.name, "")) for r in rows)])
        for c in cols
    }
    widths = dict(natural)

    def render() -> str:
        grid = [
            [
                "\n".join(textwrap.wrap(r.get(c.name, ""), max(1, widths[c.name])))
                if c.name in wrapped
                else _cut(r.get(c.name, ""), widths[c.name], c.cut)
                for c in cols
            ]
            for r in rows
        ]
        return str(
            tabulate(
                grid,
                headers=[c.name for c in cols],
                tablefmt=fmt,
                disable_numparse=True,
                colalign=[c.align for c in cols] if cols else None,
            )
        )

    text = render()
    if limit <= 0:
        return text
    order = sorted(cols, key=lambda c: c.give)
    minor = [c for c in order if c.give < IDENTIFYING]
    major = [c for c in order if c.give >= IDENTIFYING]

    def soft(c: Column) -> int:
        return max(c.floor, len(c.name) + _HEADER_PAD)

    for _ in range(len(cols) + 6):
        over = _line_width(text) - limit
        if over <= 0:
            break
        over = _give_way(minor, widths, over, soft)
        if over > 0 and drop:
            for c in order:
                if over <= 0:
                    break
                if c.optional and c in cols and len(cols) > 1:
                    cols.remove(c)
                    over -= widths[c.name] + 2
        over = _give_way(major, widths, over, soft)
        if over > 0:
            _give_way(order, widths, over, lambda c: len(c.name) + _HEADER_PAD)
        text = render()
    # Columns left out may leave room: give it back, to the first to give way first.
    slack = limit - _line_width(text)
    if slack > 0:
        for c in order:
            grow = min(slack, natural[c.name] - widths[c.name]) if c in cols else 0
            if grow > 0:
                widths[c.name] += grow
                slack -= grow
        grown = render()
        if _line_width(grown) <= limit:
            text = grown
    return text


def _give_way(
    order: Sequence[Column], widths: dict[str, int], over: int, floor: Callable[[Column], int]
) -> int:
    """Narrow columns in order down to ``floor``; what is still over."""
    for c in order:
        if over <= 0:
            break
        room = widths[c.name] - floor(c)
        if room > 0:
            take = min(room, over)
            widths[c.name] -= take
            over -= take
    return over


def html_table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, css: str, caption: str = ""
) -> str:
    """An HTML table of text cells (escaped), with a caption line under it."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    tail = f"\n<p>{html.escape(caption)}</p>" if caption else ""
    return (
        f'<table class="{css}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n'
        f"</tbody>\n</table>{tail}"
    )


class Tabular:
    """What every result table can do: ``str`` (a fitted table), HTML, records.

    A subclass names its displayed :attr:`columns`, its :attr:`noun`, and how an item
    becomes display cells (:meth:`_cells`) and a record (:meth:`_record`).
    """

    columns: ClassVar[tuple[Column, ...]] = ()
    """The columns the table shows; records have these fields and maybe more."""
    noun: ClassVar[tuple[str, str]] = ("row", "rows")

    def _items(self) -> Sequence[object]:
        raise NotImplementedError

    def _cells(self, item: object) -> dict[str, str]:
        raise NotImplementedError

    def _record(self, item: object) -> dict[str, object]:
        raise NotImplementedError

    def to_records(self) -> list[dict[str, object]]:
        """The rows as plain dicts of JSON-ready values (numbers as numbers)."""
        return [self._record(item) for item in self._items()]

    def footer(self) -> str:
        """The line under the table: how many rows, in words (``3 conflicts``)."""
        n = len(self._items())
        return plural(n, *self.noun)

    def table(self, fmt: str = "simple", width: int | None = None) -> str:
        """The table as text with its footer; ``fmt`` is a tabulate format or ``"html"``.

        ``width`` is the most characters a line may take: None for the terminal's
        width, 0 for no limit.
        """
        if fmt == "html":
            return self._repr_html_()
        items = self._items()
        if not items:
            return self.footer()
        body = fit_table(self.columns, [self._cells(i) for i in items], fmt=fmt, width=width)
        return f"{body}\n{self.footer()}"

    def __str__(self) -> str:
        """The table, fitted to the terminal, with a footer."""
        return self.table()

    def __repr__(self) -> str:
        """A one-line summary."""
        return f"<{type(self).__name__}: {self.footer()}>"

    def _repr_html_(self) -> str:
        headers = [c.name for c in self.columns]
        rows = [[self._cells(i).get(h, "") for h in headers] for i in self._items()]
        return html_table(headers, rows, css="tipcorpus", caption=self.footer())


class _TupleTable(Tabular, tuple):  # type: ignore[type-arg]
    """A result that is also a tuple of its items (slicing keeps the result type)."""

    def _items(self) -> Sequence[object]:
        return self

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        """An item, or a slice of the same kind of result."""
        got = tuple.__getitem__(self, index)
        return type(self)(got) if isinstance(index, slice) else got


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


class AgencyTable(_TupleTable):
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


class ConflictTable(_TupleTable):
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


class SearchHits(_TupleTable):
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


class DocumentTable(_TupleTable):
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
        Column("warnings", give=96, align="right"),
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


# --------------------------------------------------------------------- sections


class SectionTable(_TupleTable):
    """A document's sections: ``index, level, heading, start, end``.

    Iterating gives :class:`~tipcorpus.model.Section` items; the table indents each
    heading by its level.
    """

    columns = (
        Column("index", give=99, align="right"),
        Column("level", give=99, align="right"),
        Column("heading", give=0, floor=20),
        Column("start", give=90, align="right", optional=True),
        Column("end", give=90, align="right", optional=True),
    )
    noun = ("section", "sections")

    def __new__(cls, sections: Iterable[Section] = ()) -> Self:
        """A table of the given sections, in the order given."""
        return super().__new__(cls, tuple(sections))

    def _cells(self, item: object) -> dict[str, str]:
        assert isinstance(item, Section)
        return {
            "index": str(item.index),
            "level": str(item.level),
            "heading": "  " * (item.level - 1) + reader_text(item.heading),
            "start": str(item.span[0]),
            "end": str(item.span[1]),
        }

    def _record(self, item: object) -> dict[str, object]:
        assert isinstance(item, Section)
        return {
            "index": item.index,
            "level": item.level,
            "heading": item.heading,
            "start": item.span[0],
            "end": item.span[1],
            "path": list(item.path),
        }
