"""What a reader sees: tables of statistics, pivot tables and concordances.

Text tables go through tabulate and fit the terminal's width: the quote column takes
what the other columns leave, and long cells are cut with ``…``.
HTML output escapes every piece of document text, so that markup in a report cannot
reach the page as markup.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, overload

import regex
from attrs import frozen
from tabulate import tabulate

from tipcorpus.display import (
    format_number,
    format_period,
    format_value,
    plural,
    quote_html,
    quote_text,
    reader_text,
    visible,
)
from tipcorpus.errors import TipcorpusError
from tipcorpus.model import Kind, Number, Pillar, Span, Statistic
from tipcorpus.tabular import Column, Tabular, fit_table

if TYPE_CHECKING:
    from tipcorpus.document import Document
    from tipcorpus.views import StatisticSet

__all__ = [
    "Concordance",
    "ConcordanceLine",
    "Pivot",
    "concordance",
    "format_period",
    "format_value",
    "pivot",
    "statistics_table",
    "visible",
]

DEFAULT_COLUMNS = ("value", "unit", "period", "agencies", "pillar", "document", "quote")
ALL_COLUMNS = (
    "surface",
    "value",
    "kind",
    "qualifier",
    "unit",
    "period",
    "agencies",
    "pillar",
    "document",
    "section",
    "quote",
    "span",
)

# How each column gives way to a short width: the quote (the longest cell) first, then
# what only places a figure (section, document, pillar), and last what identifies it
# (agencies, unit, value, period). Pillar and document are left out of the default
# table before the identifying columns are cut down to their headers.
_COLUMNS = {
    "quote": Column("quote", give=0, floor=24, cut="window"),
    "section": Column("section", give=10, floor=12),
    "pillar": Column("pillar", give=15, floor=10, optional=True),
    "document": Column("document", give=20, floor=12, optional=True),
    "surface": Column("surface", give=40, floor=10),
    "kind": Column("kind", give=70),
    "qualifier": Column("qualifier", give=70),
    "span": Column("span", give=80),
    "agencies": Column("agencies", give=96, floor=10),
    "unit": Column("unit", give=97, floor=12),
    "value": Column("value", give=98, floor=10),
    "period": Column("period", give=99, floor=14),
}


def _cell(s: Statistic, column: str) -> str:
    match column:
        case "surface":
            return reader_text(s.surface)
        case "value":
            return format_value(s)
        case "kind":
            return s.kind.value
        case "qualifier":
            return s.qualifier.value
        case "unit":
            return reader_text(s.unit)
        case "quote":
            return quote_text(s)
        case "period":
            return format_period(s.period)
        case "agencies":
            return ", ".join(s.agency_ids)
        case "pillar":
            return s.pillar.value if s.pillar is not None else ""
        case "document":
            return s.document_id or ""
        case "section":
            from tipcorpus.citations import statistic_section  # noqa: PLC0415

            return reader_text(statistic_section(s))
        case "span":
            return f"{s.span[0]}-{s.span[1]}"
    raise ValueError(f"unknown column {column!r}; choose from {', '.join(ALL_COLUMNS)}")


def _footer(statistics: Sequence[Statistic]) -> str:
    docs = {s.document_id for s in statistics}
    return f"{plural(len(statistics), 'statistic')} from {plural(len(docs), 'document')}"


def statistics_table(
    statistics: Sequence[Statistic],
    columns: Sequence[str] | None = None,
    fmt: str = "simple",
    width: int | None = None,
    *,
    wrap: bool = False,
) -> str:
    r"""A table of statistics with a footer (``6 statistics from 1 document``).

    The quote column shows the sentence with the number in ``«»``, as a reader sees it
    (markdown escapes such as ``\$`` dropped).
    When the width is short, columns give way in this order: the quote (cut around the
    number, or wrapped with ``wrap``), then section, pillar, document, surface, kind,
    qualifier and span, and last agencies, unit, value and period; with the default
    columns, pillar and then document are left out before those last four are cut.
    A column is never cut narrower than its header.

    Args:
        statistics: the rows.
        columns: the columns, from ``surface, value, kind, qualifier, unit, period,
            agencies, pillar, document, section, quote, span``.
        fmt: a tabulate format (``simple``, ``github``, ``plain`` ...) or ``html``.
        width: the most characters a line may take: by default the terminal's width;
            0 for no limit (nothing is cut).
        wrap: wrap quotes onto several lines instead of cutting them.

    Raises:
        ValueError: an unknown column.

    """
    cols = tuple(columns) if columns is not None else DEFAULT_COLUMNS
    for c in cols:
        if c not in ALL_COLUMNS:
            raise ValueError(f"unknown column {c!r}; choose from {', '.join(ALL_COLUMNS)}")
    footer = _footer(statistics)
    if fmt == "html":
        return _html_table(statistics, cols, footer)
    if not statistics:
        return footer
    rows = [{c: _cell(s, c) for c in cols} for s in statistics]
    table = fit_table(
        [_COLUMNS[c] for c in cols],
        rows,
        fmt=fmt,
        width=width,
        drop=columns is None,
        wrap=("quote",) if wrap else (),
    )
    return f"{table}\n{footer}"


def _html_table(statistics: Sequence[Statistic], cols: Sequence[str], footer: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body: list[str] = []
    for s in statistics:
        cells = []
        for c in cols:
            if c == "quote":
                cells.append(f"<td>{quote_html(s)}</td>")
            else:
                cells.append(f"<td>{html.escape(_cell(s, c))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="tipcorpus">\n<thead><tr>'
        + head
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>\n"
        + f"<p>{html.escape(footer)}</p>"
    )


# --------------------------------------------------------------------- pivot tables

Values = Literal["sum", "count"]

_PIVOT_KEYS = ("agency", "year", "pillar", "kind", "unit", "document")


def _label(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Pillar | Kind):
        return str(value.value)
    return str(value)


def _order(labels: Iterable[object], key: str) -> tuple[object, ...]:
    """Labels in reading order: years ascending, enums as declared, names A–Z; None last."""
    present = list(dict.fromkeys(labels))
    real = [x for x in present if x is not None]
    if key == "document":
        ordered = real  # the corpus's own order
    elif key in ("pillar", "kind"):
        members = list(Pillar) if key == "pillar" else list(Kind)
        ordered = [m for m in members if m in real]
    elif all(isinstance(x, int) for x in real):
        ordered = sorted(real, key=lambda x: int(str(x)))
    else:
        ordered = sorted(real, key=lambda x: str(x).lower())
    return tuple(ordered) + ((None,) if None in present else ())


@frozen
class Pivot:
    """A cross-table of statistics: one value per (row, column) pair.

    ``pivot[row, col]`` is the cell (0 for an empty count, None for an empty sum).
    Count tables have totals that count each statistic once, even one credited to
    two agencies.

    Attributes:
        rows: what the rows are (``agency``, ``year``, ``pillar``, ``kind``, ``unit``,
            ``document``).
        cols: what the columns are.
        values: ``count`` (how many statistics) or ``sum`` (their values added up).
        row_labels: the row keys, in order (None for statistics without one).
        col_labels: the column keys, in order.
        cells: one tuple of values per row.
        row_totals: per row, for counts; else None.
        col_totals: per column, for counts; else None.
        total: all statistics, for counts; else None.
        title: a heading line.
        note: what the figures are (``sum of USD``), shown under the table.

    """

    rows: str
    cols: str
    values: str
    row_labels: tuple[object, ...]
    col_labels: tuple[object, ...]
    cells: tuple[tuple[Number | None, ...], ...]
    row_totals: tuple[int, ...] | None = None
    col_totals: tuple[int, ...] | None = None
    total: int | None = None
    title: str = ""
    note: str = ""

    def __getitem__(self, key: tuple[object, object]) -> Number | None:
        """The cell at ``(row, col)``; labels may be given as their text (``"protection"``)."""
        row, col = key
        try:
            i = self._index(self.row_labels, row)
            j = self._index(self.col_labels, col)
        except KeyError:
            return 0 if self.values == "count" else None
        return self.cells[i][j]

    @staticmethod
    def _index(labels: tuple[object, ...], wanted: object) -> int:
        for i, label in enumerate(labels):
            if label == wanted or (isinstance(wanted, str) and _label(label) == wanted):
                return i
        raise KeyError(wanted)

    def _grid(self) -> tuple[list[str], list[list[str]]]:
        headers = [self.rows, *map(_label, self.col_labels)]
        totals = self.row_totals is not None
        if totals:
            headers.append("total")
        grid: list[list[str]] = []
        for i, label in enumerate(self.row_labels):
            row = [_label(label)]
            row.extend(_cell_text(v, self.values) for v in self.cells[i])
            if self.row_totals is not None:
                row.append(f"{self.row_totals[i]:,}")
            grid.append(row)
        if self.col_totals is not None:
            last = ["total", *(f"{t:,}" for t in self.col_totals)]
            if self.total is not None:
                last.append(f"{self.total:,}")
            grid.append(last)
        return headers, grid

    def to_records(self) -> list[dict[str, object]]:
        """The non-empty cells in long form: ``{rows: ..., cols: ..., values: ...}``."""
        out: list[dict[str, object]] = []
        for i, r in enumerate(self.row_labels):
            for j, c in enumerate(self.col_labels):
                v = self.cells[i][j]
                if v is None or (self.values == "count" and v == 0):
                    continue
                out.append({self.rows: _label(r), self.cols: _label(c), self.values: v})
        return out

    def table(self, fmt: str = "simple") -> str:
        """The table as text (``fmt`` is a tabulate format) or ``"html"``."""
        headers, grid = self._grid()
        if fmt == "html":
            return self._repr_html_()
        text = str(
            tabulate(
                grid,
                headers=headers,
                tablefmt=fmt,
                disable_numparse=True,
                colalign=("left", *("right",) * (len(headers) - 1)),
            )
        )
        parts = [p for p in (self.title, text, self.note) if p]
        return "\n".join(parts)

    def __str__(self) -> str:
        """The table as text, with its title and note."""
        return self.table()

    def _repr_html_(self) -> str:
        headers, grid = self._grid()
        head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
        body = "\n".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
            for row in grid
        )
        title = f"<h4>{html.escape(self.title)}</h4>\n" if self.title else ""
        note = f"\n<p>{html.escape(self.note)}</p>" if self.note else ""
        return (
            f'{title}<table class="tipcorpus-pivot">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>{note}"
        )


def _cell_text(value: Number | None, values: str) -> str:
    if value is None or (values == "count" and value == 0):
        return ""
    return format_number(value)


def pivot(
    statistics: StatisticSet,
    rows: str = "agency",
    cols: str = "year",
    values: str = "sum",
    *,
    row_labels: Sequence[object] | None = None,
    col_labels: Sequence[object] | None = None,
    title: str = "",
) -> Pivot:
    """A cross-table of ``statistics`` by two keys; see :meth:`StatisticSet.pivot`.

    ``row_labels`` and ``col_labels`` fix the rows and columns (and their order), empty
    ones included; by default they are the keys present, in reading order.

    Raises:
        TipcorpusError: ``values="sum"`` over statistics that do not add up: different
            kinds or units, cumulative figures with figures for a period, percentages
            or multipliers.
        FilterError: an unknown row or column key.

    """
    from tipcorpus.errors import FilterError  # noqa: PLC0415

    for key in (rows, cols):
        if not isinstance(key, str) or key not in _PIVOT_KEYS:
            raise FilterError(str(key), (), choices=_PIVOT_KEYS)
    if values not in ("sum", "count"):
        raise TipcorpusError(f"values must be 'sum' or 'count', not {values!r}")
    note = ""
    if values == "sum" and len(statistics):
        kinds = {s.kind for s in statistics}
        if kinds & {Kind.PERCENT, Kind.MULTIPLIER}:
            raise TipcorpusError(
                "cannot pivot sums of percentages or multipliers: they do not add up; "
                "use values='count', or filter by kind='count' or kind='money' first"
            )
        try:
            statistics.sum()  # refuses mixed kinds, units, cumulative with annual figures
        except TipcorpusError as exc:
            raise TipcorpusError(f"cannot pivot sums: {exc}") from None
        first = statistics[0]
        unit = "USD" if first.kind is Kind.MONEY else first.unit
        note = f"sum of {unit}" + (
            " (cumulative figures)" if first.period is not None and first.period.cumulative else ""
        )
    by_row = statistics.group_by(rows)
    by_col = statistics.group_by(cols)
    r_labels = tuple(row_labels) if row_labels is not None else _order(by_row, rows)
    c_labels = tuple(col_labels) if col_labels is not None else _order(by_col, cols)
    empty = type(statistics)()
    cells: list[tuple[Number | None, ...]] = []
    for r in r_labels:
        grouped = by_row.get(r, empty).group_by(cols)
        line: list[Number | None] = []
        for c in c_labels:
            group = grouped.get(c, empty)
            if values == "count":
                line.append(len(group))
            else:
                line.append(group.sum() if len(group) else None)
        cells.append(tuple(line))
    counting = values == "count"
    return Pivot(
        rows=rows,
        cols=cols,
        values=values,
        row_labels=r_labels,
        col_labels=c_labels,
        cells=tuple(cells),
        row_totals=tuple(len(by_row.get(r, empty)) for r in r_labels) if counting else None,
        col_totals=tuple(len(by_col.get(c, empty)) for c in c_labels) if counting else None,
        total=len(statistics) if counting else None,
        title=title,
        note=note if not counting else _footer(statistics),
    )


# --------------------------------------------------------------------- concordance


@frozen
class ConcordanceLine:
    """One occurrence of a word, with the text either side (whitespace made single spaces).

    Attributes:
        document: the document's id.
        span: where the occurrence is in the document's text.
        left: up to ``width`` characters before it.
        match: the occurrence as written (line breaks made spaces).
        right: up to ``width`` characters after it.
        width: the context width the line was made with.

    """

    document: str
    span: Span
    left: str
    match: str
    right: str
    width: int = 40

    def __str__(self) -> str:
        return f"{self.left:>{self.width}} {self.match} {self.right}"


@frozen(repr=False)
class Concordance(Tabular, Sequence[ConcordanceLine]):
    """Every occurrence of a word or phrase in a corpus, keyword-in-context style.

    ``str()`` is a table of ``document, left, match, right`` with the occurrences
    aligned in one column, fitted to the terminal (the context is cut first, the side
    away from the match); ``to_records()`` adds ``start`` and ``end``.
    """

    word: str
    lines: tuple[ConcordanceLine, ...]
    width: int = 40

    columns = (
        Column("document", give=20, floor=12),
        Column("left", give=0, floor=10, cut="start", align="right"),
        Column("match", give=99),
        Column("right", give=0, floor=10),
    )
    noun = ("occurrence", "occurrences")

    @overload
    def __getitem__(self, index: int) -> ConcordanceLine: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ConcordanceLine]: ...
    def __getitem__(self, index: int | slice) -> ConcordanceLine | Sequence[ConcordanceLine]:
        """A line, or a slice of lines."""
        return self.lines[index]

    def __len__(self) -> int:
        """The number of occurrences."""
        return len(self.lines)

    def __iter__(self) -> Iterator[ConcordanceLine]:
        """The occurrences, in corpus and text order."""
        return iter(self.lines)

    def _items(self) -> Sequence[object]:
        return self.lines

    def _cells(self, item: object) -> dict[str, str]:
        line: ConcordanceLine = item  # type: ignore[assignment]
        return {
            "document": line.document,
            "left": reader_text(line.left),
            "match": reader_text(line.match),
            "right": reader_text(line.right),
        }

    def _record(self, item: object) -> dict[str, object]:
        line: ConcordanceLine = item  # type: ignore[assignment]
        return {
            "document": line.document,
            "start": line.span[0],
            "end": line.span[1],
            "left": line.left,
            "match": line.match,
            "right": line.right,
        }

    def footer(self) -> str:
        """``3 occurrences of 'T visas' in 2 documents``."""
        docs = len({line.document for line in self.lines})
        return (
            f"{plural(len(self.lines), 'occurrence')} of {self.word!r} "
            f"in {plural(docs, 'document')}"
        )


@functools.cache
def _phrase_re(word: str) -> regex.Pattern[str]:
    words = word.split()
    if not words:
        raise TipcorpusError("concordance needs a word or phrase, got an empty string")
    body = r"\s+".join(regex.escape(w) for w in words)
    # A trailing plural ending is allowed so that "T visa" also finds "T visas".
    plural = r"(?:s|es)?" if words[-1][-1:].isalpha() else ""
    return regex.compile(
        rf"""
        (?<![\w])      # not inside a longer word
        {body}{plural}  # the phrase, any run of white space between its words
        (?![\w])       # nor followed by one
        """,
        regex.IGNORECASE | regex.VERBOSE,
    )


def concordance(documents: Iterable[Document], word: str, width: int = 40) -> Concordance:
    """Every whole-word occurrence of ``word`` (or a phrase), with ``width`` characters of context.

    Matching ignores case and line breaks inside a phrase; a plural ``s``/``es`` on its
    last word also matches.

    Raises:
        TipcorpusError: ``word`` is empty, or ``width`` is not positive.

    """
    if width < 1:
        raise TipcorpusError(f"width must be at least 1, got {width}")
    pattern = _phrase_re(word.strip())
    lines: list[ConcordanceLine] = []
    for doc in documents:
        text = doc.text
        for m in pattern.finditer(text):
            start, end = m.span()
            left = reader_text(text[max(0, start - 3 * width) : start] + "x")[:-1]
            right = reader_text("x" + text[end : end + 3 * width])[1:]
            lines.append(
                ConcordanceLine(
                    document=doc.id,
                    span=(start, end),
                    left=left.rstrip()[-width:],
                    match=reader_text(m.group()),
                    right=right.lstrip()[:width],
                    width=width,
                )
            )
    return Concordance(word=word, lines=tuple(lines), width=width)


# --------------------------------------------------------------------- one figure, one document
