r"""Tables flattened into report text.

Reports to Congress and fact sheets print their figures in tables, and the tables reach
tipcorpus as lines of text: a PDF's cells separated by runs of spaces, a spreadsheet's by
tabs, a web page's by ``" | "`` (as ``tipcorpus.ingest`` writes them).
:func:`find_tables` finds those lines and says, for every cell, which column header and
which row label it sits under; :func:`table_context` answers, for the offset of a number,
which of the two gives its period and which its unit.

How a table is found, line by line:

1. A line is cut into cells at ``|``, at tabs, or else at runs of two or more spaces.
   A line with one cell (prose, a caption, a heading) is never part of a table, and
   neither is a line with a cell longer than a table cell is (over 12 words or 80
   characters).
2. A *header* is a line of two or more cells none of which is a figure: years, fiscal
   years (``FY 2009``) or categories (``Applied``).
   When the lines after it are *data rows* with the same number of cells, or one more
   (the first column then holds row labels), the header and those rows are a table.
   A single blank line between rows does not end a table (double-spaced tables); two do.
3. A data row is a label (any short text, or a year) followed by figures (``132``,
   ``$9.8 million``, ``47%``) or dashes for empty cells; under a header the label may be
   missing when every cell is a figure.
4. Without a header, two or more consecutive data rows whose labels are all years or
   fiscal years are a table too (``FY 2009    $9.8 million``).
5. The caption is the line just above the table (one blank line may come between) when it
   is short and reads as a caption (``Table 3: ...``, ``Exhibit 2 ...``) or a heading (no
   closing full stop).

Every line is looked at a bounded number of times, so the work is linear in the text.

.. versionadded:: 0.9
"""

from __future__ import annotations

import bisect
import functools
import itertools
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources

import regex
from attrs import evolve, frozen

from tipcorpus.model import Span, Statistic

__all__ = [
    "Cell",
    "CellContext",
    "Record",
    "Row",
    "Table",
    "TableWarning",
    "caption_years",
    "find_records",
    "find_tables",
    "generic_label",
    "names_count",
    "names_money",
    "table_context",
    "table_warnings",
]

_MAX_CELL_CHARS = 80
"""A cell longer than this is prose, and its line is no table line."""
_MAX_CELL_WORDS = 12
"""A cell with more words than this is prose, and its line is no table line."""
_MAX_CELLS = 30
"""A line with more cells than this is no table row (tables of the genre are narrow)."""
_MAX_CAPTION_WORDS = 30
"""A line above a table with more words than this is prose, not its caption."""
_MAX_HEADING_WORDS = 15
"""A caption that does not start ``Table``/``Exhibit`` is a heading, which is short."""
_CAPTION_LINES = 3
"""A numbered caption wraps over at most this many lines."""


@frozen
class Cell:
    r"""One figure of a table, with the header and label it sits under.

    >>> t = find_tables("Year    Amount\nFY 2010    $9.8 million\nFY 2011    $10 million\n")
    >>> cell = t[0].rows[0].cells[0]
    >>> (cell.text, cell.column, cell.row_label, cell.period_text)
    ('$9.8 million', 'Amount', 'FY 2010', 'FY 2010')
    """

    span: Span
    """The cell's text in the document, without the separators around it."""
    text: str
    """The cell's text (``text[span[0]:span[1]]``)."""
    column: str | None
    """The header of the cell's column, or None when the table has no header."""
    column_span: Span | None
    """Where :attr:`column` is in the text."""
    row_label: str | None
    """The label of the cell's row, or None when the row has none."""
    row_label_span: Span | None
    """Where :attr:`row_label` is in the text."""
    period_text: str | None
    """The column header, else the row label, that names a year or fiscal year, or None."""
    period_span: Span | None
    """Where :attr:`period_text` is in the text."""
    period_range: tuple[int, int] | None = None
    """The first and last year of a cell whose period is no one label: a change or total
    column spans the table's period columns; a key-value record runs from its start date
    to its end date. None when :attr:`period_text` gives the period."""
    mark: str | None = None
    """A footnote mark glued to the figure (``*`` of ``1,041*``, ``2`` of ``3,5122``)."""
    sub_count: bool = False
    """Whether the figure is a sub-count in parentheses after the cell's main figure
    (``432`` of ``3,160 (432)``): it counts the sub-category its column names."""


@frozen
class Row:
    """One data row of a table: its label and its figures."""

    span: Span
    """The row's line, from its first cell to its last."""
    label: str | None
    """The row's label (``Investigations``, ``FY 2009``), or None."""
    label_span: Span | None
    """Where :attr:`label` is in the text."""
    cells: tuple[Cell, ...]
    """The row's figures, left to right, the label not among them."""


@frozen
class Table:
    r"""A table found in flattened text.

    >>> text = "Table 1. Letters issued\n\nYear    Adults    Minors\n2010    449    92\n"
    >>> t = find_tables(text)[0]
    >>> (t.caption, text[t.span[0] : t.span[1]])
    ('Table 1. Letters issued', 'Year    Adults    Minors\n2010    449    92')
    """

    span: Span
    """From the table's first line (the header, if any) to the end of its last row."""
    caption: str | None
    """The caption or heading line just above the table, or None."""
    caption_span: Span | None
    """Where :attr:`caption` is in the text."""
    header_span: Span | None
    """The header line, or None for a table of year-labelled rows without one."""
    rows: tuple[Row, ...]
    """The data rows, top to bottom."""
    fiscal: bool = False
    """Whether the caption or the header speaks of fiscal years: its bare years are fiscal."""
    shape: str = "grid"
    """How the table was flattened: ``grid`` (cells apart by runs of spaces, tabs or pipes),
    ``spaced`` (cells one space apart), ``stacked`` (one cell per line), ``series`` (a
    chart's labels and values on one line) or ``record`` (``Key: value`` lines)."""
    problems: tuple[str, ...] = ()
    """What could not be read (cells that fit no column), for :func:`table_warnings`."""
    money_columns: bool = False
    """Whether a column or row label of the table names money (``Amount``, ``Funding``)."""


@frozen
class CellContext:
    r"""What a table says about a figure in one of its cells.

    >>> text = "Fiscal Year    FY 2009    FY 2010\nInvestigations    145    210\n"
    >>> ctx = table_context(find_tables(text), text.index("210"))
    >>> (ctx.period_text, ctx.unit_text, ctx.caption)
    ('FY 2010', 'Investigations', None)
    """

    period_text: str | None
    """The header or row label that names the figure's year or fiscal year, or None."""
    period_span: Span | None
    """Where :attr:`period_text` is in the text."""
    unit_text: str | None
    """The row label, else the column header, that is not a period: what is counted."""
    unit_span: Span | None
    """Where :attr:`unit_text` is in the text."""
    caption: str | None
    """The table's caption, where the agency and the measure are often named."""
    caption_span: Span | None
    """Where :attr:`caption` is in the text."""
    fiscal: bool = False
    """Whether the table's years are fiscal years (its caption or header says so)."""
    table_span: Span | None = None
    """Where the whole table is in the text."""
    column: str | None = None
    """The header of the cell's column, whatever it names."""
    row_label: str | None = None
    """The label of the cell's row, whatever it names."""
    row_label_span: Span | None = None
    """Where :attr:`row_label` is in the text."""
    column_span: Span | None = None
    """Where :attr:`column` is in the text."""
    cell_span: Span | None = None
    """Where the cell's figure is in the text (its footnote mark left out)."""
    period_range: tuple[int, int] | None = None
    """The cell's first and last year when no one label gives its period (see :class:`Cell`)."""
    mark: str | None = None
    """The footnote mark glued to the figure, or None."""
    sub_count: bool = False
    """Whether the figure is a sub-count in parentheses (see :class:`Cell`)."""
    money_columns: bool = False
    """Whether the table labels any column or row as money (see :attr:`Table.money_columns`)."""
    shape: str = "grid"
    """How the cell's table was flattened (see :attr:`Table.shape`)."""


@frozen
class _Patterns:
    separator: regex.Pattern[str]
    figure: regex.Pattern[str]
    figure_tail: regex.Pattern[str]
    empty: regex.Pattern[str]
    period: regex.Pattern[str]
    names_year: regex.Pattern[str]
    rule: regex.Pattern[str]
    caption: regex.Pattern[str]
    fiscal: regex.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    """The patterns, compiled on first use (nothing is built at import time)."""
    flags = regex.VERBOSE | regex.IGNORECASE | regex.V1
    return _Patterns(
        separator=regex.compile(
            r"""
            [ \t]* \| [ \t]*        # a pipe, as web-page tables are written
            | [ ]* \t [ \t]*        # a tab, with any spaces around it
            | [ ]{2,}               # or a run of two or more spaces
            """,
            flags,
        ),
        figure=regex.compile(
            r"""
            [<>~≈]?                          # an approximation sign: <1%
            \(? [-−–]?                       # a bracket or sign for a negative figure
            (?: \$ | US\$ )? [ ]?            # dollars
            (?: \d{1,3} (?: ,\d{3} )+ | \d+ ) (?: \.\d+ )?   # the digits: 1,974 or 9.8
            | [<>~≈]? \(? \$? \.\d+          # or a bare decimal: .5
            """,
            flags,
        ),
        figure_tail=regex.compile(
            r"""
            [ ]? (?: % | percent | million | billion | thousand | [MBK] \b )?   # scale
            \)? \*?                                     # a closing bracket, a footnote
            (?: [ ]* \( \d[\d,]* \) )?                  # a sub-count: 3,160 (432)
            """,
            flags,
        ),
        empty=regex.compile(
            r"""
            [-−–—]{1,3}        # a dash for an empty cell
            | n/?a | none      # not applicable, none
            | \* | \.{3} | …   # a star or an ellipsis
            """,
            flags,
        ),
        period=regex.compile(
            r"""
            (?: (?: FY | CY | SFY | Fiscal [ ]+ Years? | Calendar [ ]+ Years? ) [ ]? )?
                                                     # an optional fiscal/calendar prefix
            (?: (?: 19 | 20 ) \d{2}                  # a four-digit year
              | (?<= FY [ ]? | CY [ ]? ) '? \d{2}    # or two digits after FY: FY 09
            )
            (?: [ ]? [-–/] [ ]? (?: (?: 19 | 20 )? \d{2} ) )?   # a range: 2009-10
            [ ]? \*?                                  # a footnote mark
            """,
            flags,
        ),
        names_year=regex.compile(
            r"""
            (?<! [\d.,$] ) (?: 19 | 20 ) \d{2} (?! [\d,] )   # a four-digit year
            | \b FY [ ]? '? \d{2} \b                         # or FY 09
            """,
            flags,
        ),
        rule=regex.compile(
            r"""
            [ \t|:+]*                # the line's left edge: | :--- or +---
            [-=_]{3,}                # three or more dashes or underscores
            [-=_|:+ \t]*             # and more of them, with pipes and colons
            """,
            flags,
        ),
        caption=regex.compile(
            r"""
            (?: Table | Exhibit | Figure | Chart ) [ ] [\dA-Z]   # Table 3, Exhibit A
            """,
            flags,
        ),
        fiscal=regex.compile(r"\b (?: FY (?= \d | \b) | fiscal \b )", flags),  # FY 2009, FY09
    )


_FIGURE = 0
_EMPTY = 1
_PERIOD = 2
_TEXT = 3


@frozen
class _Line:
    """A line of the text and its cells."""

    span: Span
    cells: tuple[Span, ...]
    kinds: tuple[int, ...]
    blank: bool
    tabular: bool
    """Two or more cells, none of them prose."""


def _lines(text: str) -> Iterator[Span]:
    """The spans of the lines of text, without their line ends (LF or CR LF)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        stop = end - 1 if end > start and text[end - 1] == "\r" else end
        yield (start, stop)
        start = end + 1


def _cells(text: str, start: int, end: int) -> list[Span]:
    """The non-empty cells of a line, each stripped of the spaces around it."""
    line = text[start:end]
    cuts = [(m.start(), m.end()) for m in _patterns().separator.finditer(line)]
    out: list[Span] = []
    position = 0
    for cut_start, cut_end in [*cuts, (len(line), len(line))]:
        piece = line[position:cut_start]
        stripped = piece.strip()
        if stripped:
            left = position + len(piece) - len(piece.lstrip())
            out.append((start + left, start + left + len(stripped)))
        position = cut_end
    return out


def _kind(cell: str) -> int:
    """Whether a cell is a figure, an empty mark, a year label or text."""
    p = _patterns()
    if p.period.fullmatch(cell):
        return _PERIOD
    m = p.figure.match(cell.lstrip("+"))
    if m is not None and p.figure_tail.fullmatch(cell.lstrip("+"), m.end()):
        return _FIGURE
    if _GLUED_MARK.fullmatch(cell) is not None:
        return _FIGURE  # 3,5122: a figure and its footnote mark
    if p.empty.fullmatch(cell):
        return _EMPTY
    return _TEXT


def _read_line(text: str, span: Span) -> _Line:
    """Cut one line into cells and classify them."""
    start, end = span
    line = text[start:end]
    if not line.strip():
        return _Line(span, (), (), blank=True, tabular=False)
    if "  " not in line and "\t" not in line and "|" not in line:
        # No separator: one cell, prose. Most lines of a report end here.
        left = start + len(line) - len(line.lstrip())
        right = start + len(line.rstrip())
        return _Line(span, ((left, right),), (), blank=False, tabular=False)
    cells = _cells(text, start, end)
    for k in range(len(cells) - 1, 0, -1):
        # "196   (171)": a sub-count set apart from its figure belongs to its cell.
        if (
            _APART_SUB_COUNT.fullmatch(text, *cells[k])
            and _kind(text[cells[k - 1][0] : cells[k - 1][1]]) == _FIGURE
        ):
            cells[k - 1 : k + 1] = [(cells[k - 1][0], cells[k][1])]
    prose = any(
        e - s > _MAX_CELL_CHARS or len(text[s:e].split()) > _MAX_CELL_WORDS for s, e in cells
    )
    if not 2 <= len(cells) <= _MAX_CELLS or prose:
        return _Line(span, tuple(cells), (), blank=False, tabular=False)
    kinds = tuple(_kind(text[s:e]) for s, e in cells)
    return _Line(span, tuple(cells), kinds, blank=False, tabular=True)


def _is_header(line: _Line) -> bool:
    """Years, fiscal years or categories: no cell is a figure or an empty mark."""
    return line.tabular and all(k in (_PERIOD, _TEXT) for k in line.kinds)


def _labelled(line: _Line) -> bool:
    """A label followed by figures (or empty marks), at least one of them a figure.

    A bare year among the figures (``2010``) may be a count, so it is let through.
    """
    if not line.tabular or line.kinds[0] not in (_PERIOD, _TEXT):
        return False
    rest = line.kinds[1:]
    return _FIGURE in rest and all(k in (_FIGURE, _EMPTY, _PERIOD) for k in rest)


def _unlabelled(line: _Line) -> bool:
    """Figures (or empty marks) only, at least one of them a figure."""
    return (
        line.tabular and all(k in (_FIGURE, _EMPTY) for k in line.kinds) and _FIGURE in line.kinds
    )


def _period_row(line: _Line) -> bool:
    """A row labelled with a year or fiscal year, followed by figures."""
    return _labelled(line) and line.kinds[0] == _PERIOD


def _is_rule(text: str, line: _Line) -> bool:
    """A line drawn under a header with dashes, pipes or colons."""
    start, end = line.span
    return not line.blank and _patterns().rule.fullmatch(text, start, end) is not None


def _caption(text: str, lines: Sequence[_Line], first: int) -> tuple[str, Span] | None:
    """The caption or heading just above the line at index ``first``, if any."""
    index = first - 1
    if index >= 0 and lines[index].blank:
        index -= 1
    if index < 0 or lines[index].blank or lines[index].tabular:
        return None
    start, end = lines[index].span
    raw = text[start:end]
    body = raw.lstrip(" \t#*")
    body = body.rstrip(" \t*")
    if not body:
        return None
    left = start + raw.index(body)
    if _SCALE_LINE.fullmatch(body) and index >= 1:
        # "Dollars in millions" between a table and its caption: the caption is above it.
        upper = _caption(text, lines, index)
        if upper is not None:
            scale = body if body.startswith("(") else f"({body})"
            return f"{upper[0]} {scale}", (upper[1][0], left + len(body))
    above: list[Span] = []
    for k in range(index - 1, max(index - _CAPTION_LINES, -1), -1):
        if lines[k].blank or lines[k].tabular:
            break
        above.insert(0, lines[k].span)
    wrapped = _wrapped_caption(text, above, (body, (left, left + len(body))))
    if wrapped[1][0] != left:
        return wrapped
    words = len(body.split())
    if _patterns().caption.match(body) is not None:
        if words > _MAX_CAPTION_WORDS:
            return None
    elif words > _MAX_HEADING_WORDS or body[-1] in ".!?;,:" or body[0].islower():
        return None
    return body, (left, left + len(body))


#: A line that only scales a table's money: "Dollars in millions", "(In thousands of dollars)".
_SCALE_LINE = regex.compile(
    r"\(?\s*(?:(?:U\.S\.\s+)?dollars\s+in\s+(?:thousands|millions|billions)"
    r"|in\s+(?:thousands|millions|billions)\s+of\s+dollars"
    r"|\$\s*in\s+(?:thousands|millions|billions))\s*\)?",
    regex.IGNORECASE,
)


def _wrapped_caption(
    text: str, above: Sequence[Span], caption: tuple[str, Span]
) -> tuple[str, Span]:
    """A caption with the lines above it of the numbered caption it ends.

    "Table 1: Grant Awards by the Office for Victims of Crime (OVC) and the" over "Bureau
    of Justice Assistance (BJA), Fiscal Years 2017-2021" is one caption; a caption with no
    such line right above it stays as it is.
    """
    if _patterns().caption.match(caption[0]) is not None:
        return caption
    left, right = caption[1]
    for span in reversed(above[-(_CAPTION_LINES - 1) :]):
        if text[span[1] : left].count("\n") != 1:
            break  # a blank line: no longer the caption
        line = text[span[0] : span[1]]
        left = span[0] + len(line) - len(line.lstrip(" \t#*"))
        if _patterns().caption.match(line.lstrip(" \t#*")) is not None:
            wrapped = " ".join(text[left:right].split())
            if len(wrapped.split()) > _MAX_CAPTION_WORDS:
                return caption
            return wrapped, (left, right)
    return caption


def _names_year(cell: str) -> bool:
    return _patterns().names_year.search(cell) is not None


def _continues_header(text: str, header: _Line, line: _Line) -> bool:
    """Whether a line goes on with the header's cells: labels only, each under one of them.

    A converter breaks a long header cell over lines ("% Change" over "FY18-FY19").
    """
    if line.blank or not line.cells or _is_rule(text, line):
        return False
    if any(_kind(text[s:e]) not in (_PERIOD, _TEXT) for s, e in line.cells):
        return False
    return all(_under(header, line, cell) is not None for cell in line.cells)


def _tops_header(text: str, header: _Line, line: _Line) -> bool:
    """Whether a line over a header holds the first words of its cells, each over one.

    Each of its cells lies within the width of the header cell below it, so a caption
    (wider than any cell) is not taken for one.
    """
    if not _continues_header(text, header, line):
        return False
    for cell in line.cells:
        k = _under(header, line, cell)
        if k is None:
            return False
        s, e = header.cells[k]
        width = max(e - s, 12)
        if cell[1] - cell[0] > width + 6:
            return False
    return True


def _under(header: _Line, line: _Line, cell: Span) -> int | None:
    """The index of the header cell a cell of a later line stands under, if one."""
    column = cell[0] - line.span[0]
    for k, (s, e) in enumerate(header.cells):
        if s - header.span[0] - 2 <= column <= e - header.span[0] + 2:
            return k
    return None


def _build(
    text: str,
    lines: Sequence[_Line],
    header: _Line | None,
    body: Sequence[_Line],
    first: int,
    *,
    below: Sequence[_Line] = (),
    above: Sequence[_Line] = (),
    wrapped: Mapping[int, Sequence[Span]] = {},
    columns: Sequence[tuple[str, Span]] | None = None,
) -> Table:
    """Assemble a table from its header (if any), its header's broken cells and its rows.

    ``wrapped`` holds, per row of ``body``, the pieces of its label on lines of their own
    above or below it; ``columns``, when given, the value columns' headers as read by
    where their words stand (see :func:`_stacked_header`).
    """
    rows: list[Row] = []
    header_cells = header.cells if header is not None else ()
    before = _words_by_header_cell(text, header, above)  # the words over each cell
    more = _words_by_header_cell(text, header, below)  # the words under each cell
    spanning = [y for s, e in header_cells if (y := _years(text[s:e])) is not None]
    across = (min(y[0] for y in spanning), max(y[1] for y in spanning)) if spanning else None
    comparing = _vocabulary().change_columns | _vocabulary().total_columns
    for index, line in enumerate(body):
        labelled = line.kinds[0] in (_PERIOD, _TEXT)
        figures = line.cells[1:] if labelled else line.cells
        label_span = line.cells[0] if labelled else None
        label = text[label_span[0] : label_span[1]] if label_span is not None else None
        if label_span is not None and index in wrapped:
            pieces = sorted([*wrapped[index], label_span])
            label = " ".join(text[a:b] for a, b in pieces)
            label_span = (pieces[0][0], pieces[-1][1])
        # Headers align from the right: a header one cell short has no label column.
        shift = len(line.cells) - len(header_cells)
        cells: list[Cell] = []
        for k, (s, e) in enumerate(figures):
            position = k + (1 if labelled else 0) - shift
            column_span = header_cells[position] if 0 <= position < len(header_cells) else None
            column = text[column_span[0] : column_span[1]] if column_span is not None else None
            head = column
            broken = more.get(position, []) if column is not None else []
            own = _years(" ".join(broken)) if broken else None
            if column is not None and (broken or position in before):
                column = _joined([*before.get(position, []), column, *broken])
            if columns is not None and k < len(columns):
                column, column_span = columns[k]
                head, own = column, _years(column)
            if head is not None and _names_year(head):
                period_text, period_span = column, column_span
            elif label is not None and _names_year(label):
                period_text, period_span = label, label_span
            else:
                period_text, period_span = None, None
            spans_columns = period_text is None and head is not None and _phrase_in(head, comparing)
            cells.append(
                Cell(
                    span=(s, e),
                    text=text[s:e],
                    column=column,
                    column_span=column_span,
                    row_label=label,
                    row_label_span=label_span,
                    period_text=period_text,
                    period_span=period_span,
                    period_range=(own or across) if spans_columns else None,
                )
            )
        rows.append(
            Row(
                span=(line.cells[0][0], line.cells[-1][1]),
                label=label,
                label_span=label_span,
                cells=tuple(cells),
            )
        )
    caption = _caption(text, lines, first)
    top = header if header is not None else body[0]
    said = (
        (caption[0] if caption is not None else "")
        + " "
        + (text[header.span[0] : header.span[1]] if header is not None else "")
    )
    return Table(
        fiscal=_patterns().fiscal.search(said) is not None,
        span=(top.cells[0][0], body[-1].cells[-1][1]),
        caption=caption[0] if caption is not None else None,
        caption_span=caption[1] if caption is not None else None,
        header_span=(header.cells[0][0], header.cells[-1][1]) if header is not None else None,
        rows=tuple(rows),
    )


def _words_by_header_cell(
    text: str, header: _Line | None, extras: Sequence[_Line]
) -> dict[int, list[str]]:
    """Per header cell index, the words of ``extras`` (lines over or under it) it holds."""
    out: dict[int, list[str]] = {}
    if header is None:
        return out
    for extra in extras:
        for cell in extra.cells:
            k = _under(header, extra, cell)
            if k is not None:
                out.setdefault(k, []).append(text[cell[0] : cell[1]])
    return out


#: Words a wrapped label line ends with when its phrase goes on below ("Victims of").
_OPEN_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on", "by", "with", "or", "a"})


def _indent(line: _Line) -> int:
    return line.cells[0][0] - line.span[0]


def _words_only(text: str, line: _Line) -> bool:
    """A line of one cell of a few words and no figure."""
    if line.blank or len(line.cells) != 1:
        return False
    s, e = line.cells[0]
    return _kind(text[s:e]) == _TEXT and len(text[s:e].split()) <= _MAX_CELL_WORDS


def _wraps_label(text: str, first: _Line, row: _Line) -> bool:
    """Whether ``first`` (words only) starts the label of ``row``, wrapped onto its line.

    The row's label stands indented under it and goes on its phrase: it starts in lower
    case, or ``first`` leaves a parenthesis open or ends on a word like "of" or "and".
    """
    if not (_words_only(text, first) and row.tabular and row.kinds[0] == _TEXT):
        return False
    if _indent(row) <= _indent(first):
        return False
    head = text[first.cells[0][0] : first.cells[0][1]]
    rest = text[row.cells[0][0] : row.cells[0][1]]
    return (
        rest[:1].islower()
        or head.count("(") > head.count(")")
        or head.split()[-1].lower() in _OPEN_WORDS
    )


def _ends_label(text: str, row: _Line, pieces: Sequence[Span] | None, line: _Line) -> bool:
    """Whether ``line`` (words only, indented past the row's label) ends that label."""
    if not (row.kinds and row.kinds[0] == _TEXT and _words_only(text, line)):
        return False
    start = min([row.cells[0][0], *(p[0] for p in pieces or ())])
    column = start - text.rfind("\n", 0, start) - 1
    return _indent(line) > column


def _stacked_header(
    text: str,
    lines: Sequence[_Line],
    used: Sequence[bool],
    top: int,
    *,
    header: Sequence[_Line],
    body: Sequence[_Line],
    main: _Line,
) -> tuple[int, list[tuple[str, Span]]] | None:
    """The value columns' headers of a header over several lines, by where words stand.

    A converter sets a header's words over as many lines as its longest cell needs, each
    line holding only the words some cells still have ("Suspects in" / "matters" /
    "concluded" over one column, "Declined" over another, "Fiscal" / "year" over the
    labels). Each word group goes to the column of figures it stands over (the one it
    overlaps most, else the nearest); groups left of the first column head the labels.
    The header lines right above that hold labels only are taken in too. Returns the
    first header line's index and one header per value column, or None when the rows are
    not all labelled alike or a column would get no header.
    """
    widths = {len(line.cells) for line in body}
    if len(widths) != 1 or not all(line.kinds[0] in (_PERIOD, _TEXT) for line in body):
        return None
    if any(_SEPARATED.search(text, *line.span) for line in [*header, *body]):
        return None  # cells apart by tabs or pipes: where words stand says nothing
    (width,) = widths
    extents: list[tuple[int, int]] = []
    for k in range(1, width):
        starts = [line.cells[k][0] - line.span[0] for line in body]
        ends = [line.cells[k][1] - line.span[0] for line in body]
        extents.append((min(starts), max(ends)))
    stack = list(header)
    while (
        top > 0
        and not used[top - 1]
        and lines[top - 1].tabular
        and _is_header(lines[top - 1])
        and len(stack) < _HEADER_LINES
    ):
        top -= 1
        stack.insert(0, lines[top])
    pieces: list[list[Span]] = [[] for _ in extents]
    for line in stack:
        years = [c for c in line.cells if _kind(text[c[0] : c[1]]) == _PERIOD]
        if len(years) == len(line.cells) and len(extents) % len(years) == 0 < len(years):
            # Years over groups of equal width: "FY 2011" over "Amount Projects".
            group = len(extents) // len(years)
            for g, cell in enumerate(years):
                for k in range(g * group, (g + 1) * group):
                    pieces[k].append(cell)
            continue
        for cell in _word_groups(text, line, extents):
            a, b = cell[0] - line.span[0], cell[1] - line.span[0]
            if b <= extents[0][0]:
                continue  # over the row labels
            overlap = [min(b, e) - max(a, s) for s, e in extents]
            best = max(range(len(extents)), key=lambda k: overlap[k])
            if overlap[best] <= 0:
                best = min(range(len(extents)), key=lambda k: abs((a + b) - sum(extents[k])))
            pieces[best].append(cell)
    if any(not p for p in pieces):
        return None
    # Each header is cited where its word group on the header line stands (else its last).
    on_line = set(main.cells)
    out = [
        (
            _joined([text[s:e] for s, e in p]),
            next((span for span in p if span in on_line), p[-1]),
        )
        for p in pieces
    ]
    return top, out


def _word_groups(text: str, line: _Line, extents: Sequence[tuple[int, int]]) -> list[Span]:
    """A header line's cells, a cell over several columns of figures cut into its words."""
    out: list[Span] = []
    for cell in line.cells:
        a, b = cell[0] - line.span[0], cell[1] - line.span[0]
        over = sum(1 for s, e in extents if min(b, e) > max(a, s))
        if over <= 1:
            out.append(cell)
            continue
        out.extend(
            (cell[0] + m.start(), cell[0] + m.end())
            for m in regex.finditer(r"\S+", text[cell[0] : cell[1]])
        )
    return out


def _grouped_rows(lines: Sequence[_Line], j: int) -> tuple[list[_Line], int]:
    """The rows under a header whose cells group several columns of figures each.

    Labelled rows of one width, wider than the header line above them, start at ``j``
    (right after the header's lines). Returns them (none unless two or more) and the
    index of the line after them.
    """
    rows: list[_Line] = []
    end = j
    while (k := _past_blank(lines, end)) < len(lines) and _labelled(lines[k]):
        if rows and len(lines[k].cells) != len(rows[0].cells):
            break
        rows.append(lines[k])
        end = k + 1
    return (rows, end) if len(rows) >= 2 else ([], j)


_SEPARATED = regex.compile(r"[\t|]")
_HEADER_LINES = 5
"""A header stands on at most this many lines."""


def _fits(header: _Line, line: _Line, width: int | None) -> bool:
    """A data row under ``header``, as wide as the rows before it (``width``)."""
    if width is not None and len(line.cells) != width:
        return False
    extra = len(line.cells) - len(header.cells)
    if extra == 1:
        return _labelled(line)
    if extra == 0:
        return _labelled(line) or _unlabelled(line)
    return False


def _past_blank(lines: Sequence[_Line], j: int) -> int:
    """``j``, or the line after it when ``j`` is one blank line inside a double-spaced table."""
    if j + 1 < len(lines) and lines[j].blank and not lines[j + 1].blank:
        return j + 1
    return j


# --------------------------------------------------------------------------- vocabulary


@frozen
class _Vocabulary:
    money_labels: frozenset[str]
    count_labels: frozenset[str]
    not_counted: frozenset[str]
    label_headers: frozenset[str]
    change_columns: frozenset[str]
    total_columns: frozenset[str]
    start_keys: frozenset[str]
    end_keys: frozenset[str]
    period_keys: frozenset[str]
    generic_columns: frozenset[str]


@functools.cache
def _vocabulary() -> _Vocabulary:
    """The word lists of data/tables.toml, read on first use."""
    raw = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/tables.toml").read_text(encoding="utf-8")
    )
    return _Vocabulary(**{name: frozenset(raw[name]) for name in _Vocabulary.__annotations__})


_LABEL_WORD = regex.compile(r"\$|[A-Za-z][A-Za-z.'’-]*")
_PARENTHESIS = regex.compile(r"\([^()]*\)")
_SCALE_WORDS = frozenset({"thousands", "millions", "billions", "thousand", "million", "billion"})


def names_money(label: str) -> bool:
    """Whether a column or row label says its cells are sums of money.

    ``Amount``, ``Funding``, ``Dollars``, ``Award Amount ($)``: a word of the table
    vocabulary's money labels, or a dollar sign.

    >>> names_money("Amount Awarded"), names_money("Grants Awarded")
    (True, False)
    """
    low = label.lower()
    if "$" in low:
        return True
    words = _LABEL_WORD.findall(low)
    money = _vocabulary().money_labels
    return any(w in money for w in words) or any(
        f"{a} {b}" in money for a, b in itertools.pairwise(words)
    )


def generic_label(label: str) -> bool:
    """Whether a label says only that its cells are counts (``Number``, ``Total``).

    >>> generic_label("Number"), generic_label("Victims served")
    (True, False)
    """
    return label.strip().lower() in _vocabulary().generic_columns


_MEASURE_WORDS = frozenset({"percent", "percentage", "%", "share", "number", "rate", "no."})
_QUALIFYING = frozenset({"of", "by", "for", "in", "to", "from", "with", "under", "at"})


def names_count(label: str) -> bool:
    """Whether a column or row label names something counted.

    ``Number of grants``, ``Victims Served``, ``Grants Awarded``, ``Cases``: a counting
    word (number, served, awarded ...) or a plural noun outside parentheses (a label names
    what its cells count in the plural). Scale words (``millions``) are no counted noun.

    >>> names_count("Victims Served"), names_count("Amount"), names_count("FY 2010")
    (True, False, False)
    >>> names_count("Number of grants"), names_count("Sex trafficking of children")
    (True, False)
    """
    words = _LABEL_WORD.findall(_PARENTHESIS.sub(" ", label.lower()))
    # "Sex trafficking of children": the words after a preposition qualify the head.
    cut = next((i for i, w in enumerate(words) if i and w in _QUALIFYING), len(words))
    words = words[:cut]
    vocabulary = _vocabulary()
    for word in words:
        if word in vocabulary.count_labels:
            return True
        if (
            len(word) > 3
            and word.endswith("s")
            and not word.endswith("ss")
            and word not in vocabulary.not_counted
            and word not in _SCALE_WORDS
            and word not in vocabulary.money_labels
        ):
            return True
    return False


def _phrase_in(label: str, words: frozenset[str]) -> bool:
    return " ".join(label.lower().replace(":", " ").split()) in words


# --------------------------------------------------------------------------- years


_YEARS = regex.compile(
    r"""
    (?<! [\d.,$] ) (?P<y> (?: 19 | 20 ) \d{2} ) (?! [\d,] )      # 2009
    | \b (?: FY | CY ) [ ]? '? (?P<s> \d{2} ) \b                 # FY 09, FY'09
    | (?<= (?: 19 | 20 ) \d{2} [ ]? [-–/] [ ]? ) (?P<e> \d{2} ) \b   # the 10 of 2009-10
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.V1,
)


def _years(label: str) -> tuple[int, int] | None:
    """The first and last year a label names (``FY08 - FY10``: 2008 and 2010), or None."""
    found: list[int] = []
    for m in _YEARS.finditer(label):
        if m.group("y"):
            found.append(int(m.group("y")))
        elif m.group("s"):
            found.append(
                2000 + int(m.group("s")) if int(m.group("s")) < 50 else 1900 + int(m.group("s"))
            )
        elif found:
            found.append(found[-1] // 100 * 100 + int(m.group("e")))
    return (min(found), max(found)) if found else None


_GLUED_RANGE = regex.compile(
    r"(?<![\d,])(?P<start>(?:19|20)\d{2})[ ]?[-–][ ]?(?P<end>\d{2})(?P<mark>\d{1,2})(?![\d,])"
)


def caption_years(caption: str) -> tuple[int, int] | None:
    """The year range of a caption whose range end is glued to a footnote mark.

    A converter writes a superscript footnote mark as plain digits after the text it
    marks: ``FISCAL YEARS 2007-1115`` is 2007 to 2011 with footnote 15. A range end of
    three or four digits that is no year after the start is its two-digit end and a mark.
    None when the caption has no such range.

    >>> caption_years("CASES IN FISCAL YEARS 2007-1115")
    (2007, 2011)
    >>> caption_years("Cases, 2007-2011") is None
    True
    """
    for m in _GLUED_RANGE.finditer(caption):
        start = int(m.group("start"))
        whole = int(m.group("end") + m.group("mark"))
        if start < whole <= start + 40:
            continue  # a real four-digit end year: 2007-2011
        end = start // 100 * 100 + int(m.group("end"))
        if start < end <= start + 40:
            return start, end
    return None


# --------------------------------------------------------------------------- marks


_GLUED_MARK = regex.compile(r"(?P<figure>\$?\d{1,3}(?:,\d{3})+)(?P<mark>\d{1,2})")
_STAR_MARK = regex.compile(r"(?P<figure>.*?\d%?)(?P<mark>[*†‡]+)")
_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_UNGROUPED = regex.compile(r"\d{4,5}")


def _split_mark(text: str, span: Span, grouped_column: bool) -> tuple[Span, str | None]:
    """A figure's span without its footnote mark, and the mark.

    ``1,041*``: a star (dagger) after the digits. ``3,5122``: digits after a thousands
    group of three are a superscript mark. ``9872`` in a column whose other figures are
    written with thousands separators: a figure under a thousand and its mark.
    """
    start, end = span
    cell = text[start:end]
    m = _STAR_MARK.fullmatch(cell)
    if m is not None:
        return (start, start + m.end("figure")), m.group("mark")
    m = _GLUED_MARK.fullmatch(cell)
    if m is not None:
        return (start, start + m.end("figure")), m.group("mark")
    if grouped_column and _UNGROUPED.fullmatch(cell) and not 1900 <= int(cell) <= 2099:
        return (start, start + 3), cell[3:]
    return span, None


_SUB_COUNT = regex.compile(r"(?P<main>[^()]*?\d[*†‡]*)[ ]*\((?P<sub>\d[\d,]*)\)")
_APART_SUB_COUNT = regex.compile(r"\(\d[\d,]*\)")


def _with_marks(text: str, table: Table) -> Table:
    """The table with footnote marks cut from its cells, decided column by column.

    A cell ``3,160 (432)`` becomes two: the figure and the sub-count in parentheses.
    """
    grouped: set[str | None] = set()
    for row in table.rows:
        for cell in row.cells:
            if _GROUPED.search(cell.text) and not _GLUED_MARK.fullmatch(cell.text):
                grouped.add(cell.column)
    rows: list[Row] = []
    changed = False
    for row in table.rows:
        cells: list[Cell] = []
        for cell in row.cells:
            sub = _SUB_COUNT.fullmatch(cell.text)
            if sub is not None and not cell.sub_count:
                changed = True
                start = cell.span[0]
                main = (start, start + sub.end("main"))
                inner = (start + sub.start("sub"), start + sub.end("sub"))
                whole = _PARENTHESIS.sub("", cell.column).strip() if cell.column else None
                cells.append(
                    evolve(cell, span=main, text=text[main[0] : main[1]], column=whole or None)
                )
                cells.append(
                    evolve(
                        cell,
                        span=inner,
                        text=text[inner[0] : inner[1]],
                        column=_sub_category(cell.column),
                        sub_count=True,
                    )
                )
                continue
            span, mark = _split_mark(text, cell.span, cell.column in grouped)
            if mark is not None:
                changed = True
                cells.append(evolve(cell, span=span, text=text[span[0] : span[1]], mark=mark))
            else:
                cells.append(cell)
        rows.append(evolve(row, cells=tuple(cells)))
    return evolve(table, rows=tuple(rows)) if changed else table


# --------------------------------------------------------------------------- tokens


_W_PERIOD = 0
_W_FIGURE = 1
_W_SUB = 2
_W_EMPTY = 3
_W_WORD = 4

_TOKEN = regex.compile(
    r"""
    (?P<period>
        (?: (?: FY | CY ) [ ]? '? \d{2} (?: \d{2} )? | (?: 19 | 20 ) \d{2} )
        (?: [ ]? [-–] [ ]? (?: (?: FY | CY ) [ ]? '? \d{2} (?: \d{2} )? | (?: 19 | 20 )? \d{2} ) )?
    )
    | (?P<figure> [+−–-]? \$? (?: \d{1,3} (?: ,\d{3} )+ \d{0,2} | \d+ ) (?: \.\d+ )? %? [*†‡]* )
    | (?P<sub> \( [ ]? \d[\d,]* [ ]? \) )
    | (?P<empty> N/?A | n/?a | -{1,3} | — | – | \* )
    | (?P<word> \S+ )
    """,
    regex.VERBOSE | regex.V1,
)
_TOKEN_END = regex.compile(r"(?=\s|$)")


_ROW_END = regex.compile(r"[\d%*†‡)A\-–—][ \t]*$")


def _may_be_row(text: str, start: int, end: int) -> bool:
    """Whether a line can hold cells one space apart: it ends with a figure or an empty mark.

    A cheap test before the line is cut into tokens: prose lines end with words or
    punctuation, and most lines of a report are prose.
    """
    return _ROW_END.search(text, start, end) is not None


def _tokens(text: str, start: int, end: int) -> list[tuple[int, Span]]:
    """The tokens of a line whose cells are one space apart: (kind, span) in order."""
    out: list[tuple[int, Span]] = []
    i = start
    while i < end:
        while i < end and text[i] in " \t":
            i += 1
        if i >= end:
            break
        m = _TOKEN.match(text, i, end)
        if m is None:  # pragma: no cover - the word alternative matches any non-space
            break
        group = m.lastgroup
        if group != "word" and not _TOKEN_END.match(text, m.end(), end):
            m = regex.compile(r"\S+").match(text, i, end)
            group = "word"
        assert m is not None
        kind = {
            "period": _W_PERIOD,
            "figure": _W_FIGURE,
            "sub": _W_SUB,
            "empty": _W_EMPTY,
        }.get(group or "word", _W_WORD)
        out.append((kind, (m.start(), m.end())))
        i = m.end()
    return out


@frozen
class _SpacedRow:
    """A line read as a label and figures one space apart."""

    label: Span | None
    label_is_period: bool
    groups: tuple[tuple[Span | None, Span | None], ...]
    """Each value cell: its figure (None for an empty mark) and its sub-count, if any."""


_PROSE_END = regex.compile(r"[.;:,!?]$")


def _spaced_row(text: str, line: _Line) -> _SpacedRow | None:
    """A label followed by figures, all one space apart (``Shelters Funded 0 27 N/A``).

    The label is a year, or a few words that start with a capital and hold no sentence
    end; the figures are numbers, percentages, dollar sums, empty marks (``N/A``, ``--``)
    and sub-counts in parentheses after a figure (``3,160 (432)``).
    """
    if line.blank or line.tabular:
        return None
    start, end = line.span
    if not _may_be_row(text, start, end):
        return None
    tokens = _tokens(text, start, end)
    if len(tokens) < 2:
        return None
    first_value = 0
    if tokens[0][0] == _W_PERIOD:
        first_value = 1
    else:
        while first_value < len(tokens) and tokens[first_value][0] in (_W_WORD, _W_PERIOD):
            first_value += 1
    label_tokens = tokens[:first_value]
    values = tokens[first_value:]
    if not values or not any(k == _W_FIGURE for k, _ in values):
        return None
    groups: list[tuple[Span | None, Span | None]] = []
    for kind, span in values:
        if kind == _W_SUB:
            if not groups or groups[-1][0] is None or groups[-1][1] is not None:
                return None
            groups[-1] = (groups[-1][0], span)
        elif kind in (_W_FIGURE, _W_PERIOD):
            groups.append((span, None))
        elif kind == _W_EMPTY:
            groups.append((None, None))
        else:
            return None
    label: Span | None = None
    if label_tokens:
        label = (label_tokens[0][1][0], label_tokens[-1][1][1])
        words = text[label[0] : label[1]]
        if tokens[0][0] != _W_PERIOD and (
            len(label_tokens) > _MAX_CELL_WORDS
            or not (words[0].isupper() or words[0].isdigit())
            or _PROSE_END.search(words)
            or ". " in words
        ):
            return None
    return _SpacedRow(label, bool(label_tokens) and tokens[0][0] == _W_PERIOD, tuple(groups))


@frozen
class _Header:
    """A header read from words one space apart: its caption words and its columns."""

    caption: Span | None
    label: Span | None
    columns: tuple[tuple[str, Span], ...]


_SLASHED = ("/", "-")


def _header_units(text: str, spans: Sequence[Span]) -> list[tuple[str, Span]]:
    """The header's units in order: periods, multi-word change columns, slashed words.

    A word ending in a slash or hyphen runs on into the next (``CHARGES/`` ``COMPLAINTS/``
    ``INFORMATIONS`` is one header broken over three lines).
    """
    units: list[tuple[str, Span]] = []
    for start, end in spans:
        for kind, span in _tokens(text, start, end):
            word = text[span[0] : span[1]]
            if units and units[-1][0].endswith(_SLASHED) and kind == _W_WORD:
                last, last_span = units[-1]
                units[-1] = (last + word, (last_span[0], span[1]))
                continue
            units.append((word, span))
    return units


def _spaced_header(
    text: str, lines: Sequence[_Line], top: int, width: int
) -> tuple[_Header, int] | None:
    """The header above spaced rows (the line at ``top`` and the lines it continues).

    The last ``width`` units are the columns (a change or total column may be several
    words: ``% Change``); a label-column header before them (``FY``, ``Year``) is neither
    a column nor the caption; the words before that are the caption, which a converter
    often prints on the header's line.
    Returns the header and the index of its first line.
    """
    if top < 0 or lines[top].blank or lines[top].tabular:
        return None
    first = top
    spans = [lines[top].span]
    # Lines ending in a slash or hyphen run on into the line below.
    while first > 0 and not lines[first - 1].blank and not lines[first - 1].tabular:
        above = text[lines[first - 1].span[0] : lines[first - 1].span[1]].rstrip()
        if not above.endswith(_SLASHED):
            break
        first -= 1
        spans.insert(0, lines[first].span)
    units = _header_units(text, spans)
    if (
        len(units) < width
        and first > 0
        and not lines[first - 1].blank
        and not lines[first - 1].tabular
        and len(text[lines[first - 1].span[0] : lines[first - 1].span[1]].split())
        <= _MAX_CAPTION_WORDS
    ):
        first -= 1
        spans.insert(0, lines[first].span)
        units = _header_units(text, spans)
    if len(units) < width or len(units) > _MAX_CAPTION_WORDS + width:
        return None
    whole = text[spans[0][0] : spans[-1][1]]
    if whole.rstrip().endswith((".", ";", ",")):
        return None
    vocabulary = _vocabulary()
    columns: list[tuple[str, Span]] = []
    k = len(units)
    while len(columns) < width and k > 0:
        for size in (3, 2):
            if k - size >= 0 and len(columns) < width:
                phrase = " ".join(u for u, _ in units[k - size : k])
                if _phrase_in(phrase, vocabulary.change_columns | vocabulary.total_columns) or (
                    # "Percent prosecuted", "Number served": a measure word and what it measures
                    size == 2 and units[k - 2][0].lower() in _MEASURE_WORDS
                ):
                    columns.insert(0, (phrase, (units[k - size][1][0], units[k - 1][1][1])))
                    k -= size
                    break
        else:
            columns.insert(0, units[k - 1])
            k -= 1
    if len(columns) < width:
        return None
    label: Span | None = None
    for size in (2, 1):
        if k - size >= 0:
            phrase = " ".join(u for u, _ in units[k - size : k])
            if _phrase_in(phrase, vocabulary.label_headers):
                label = (units[k - size][1][0], units[k - 1][1][1])
                k -= size
                break
    caption = (units[0][1][0], units[k - 1][1][1]) if k > 0 else None
    return _Header(caption, label, tuple(columns)), first


# --------------------------------------------------------------------------- assembly


_ValueCell = tuple[Span | None, Span | None]
"""A value position of a row: its figure (None for an empty mark) and its sub-count."""


def _joined(pieces: Sequence[str]) -> str:
    """A header cell broken over lines, as one label.

    Alternatives split after their slashes (``Indictments/`` over ``informations/`` over
    ``complaints``) are set apart by spaced slashes: ``Indictments / informations /
    complaints``.
    """
    return regex.sub(r"\s*/\s+", " / ", " ".join(pieces))


def _sub_category(column: str | None) -> str | None:
    """What a sub-count in parentheses counts: the parenthesised part of its header.

    ``Victims (Minors)``: the sub-count counts minors. When the part names no counted
    thing (``Defendants charged (female)``), the sub-count counts what the whole header
    names.
    """
    if column is None:
        return None
    inner = _PARENTHESIS.findall(column)
    if not inner:
        return column
    part = inner[-1].strip("() ")
    return part if names_count(part) else column


def _assemble(
    text: str,
    *,
    shape: str,
    caption: tuple[str, Span] | None,
    header_span: Span | None,
    columns: Sequence[tuple[str, Span] | None],
    rows: Sequence[tuple[Span | None, Sequence[_ValueCell]]],
    said: str,
    problems: Sequence[str] = (),
    record_range: tuple[int, int] | None = None,
) -> Table:
    """A table from its caption, column headers and rows of value positions."""
    vocabulary = _vocabulary()
    spanning = [
        years
        for column in columns
        if column is not None and (years := _years(column[0])) is not None
    ]
    across = (min(y[0] for y in spanning), max(y[1] for y in spanning)) if spanning else None
    out_rows: list[Row] = []
    last = header_span[1] if header_span is not None else 0
    first = header_span[0] if header_span is not None else None
    for label_span, values in rows:
        label = text[label_span[0] : label_span[1]] if label_span is not None else None
        cells: list[Cell] = []
        for k, (figure, sub) in enumerate(values):
            column = columns[k] if k < len(columns) else None
            name = column[0] if column is not None else None
            name_span = column[1] if column is not None else None
            period_range: tuple[int, int] | None = None
            if name is not None and _names_year(name):
                period_text, period_span = name, name_span
            elif label is not None and _names_year(label):
                period_text, period_span = label, label_span
            else:
                period_text, period_span = None, None
                if record_range is not None:
                    period_range = record_range
                elif (
                    name is not None
                    and across is not None
                    and _phrase_in(name, vocabulary.change_columns | vocabulary.total_columns)
                ):
                    period_range = across
            for span, is_sub in ((figure, False), (sub, True)):
                if span is None:
                    continue
                cells.append(
                    Cell(
                        span=span,
                        text=text[span[0] : span[1]],
                        column=_sub_category(name) if is_sub else name,
                        column_span=name_span,
                        row_label=label,
                        row_label_span=label_span,
                        period_text=period_text,
                        period_span=period_span,
                        period_range=period_range,
                        sub_count=is_sub,
                    )
                )
        spans = [c.span for c in cells] + ([label_span] if label_span is not None else [])
        if not cells:
            continue
        row_start = min(s[0] for s in spans)
        row_end = max(s[1] for s in spans)
        first = row_start if first is None else min(first, row_start)
        last = max(last, row_end)
        out_rows.append(Row((row_start, row_end), label, label_span, tuple(cells)))
    table = Table(
        span=(first if first is not None else 0, last),
        caption=caption[0] if caption is not None else None,
        caption_span=caption[1] if caption is not None else None,
        header_span=header_span,
        rows=tuple(out_rows),
        fiscal=_patterns().fiscal.search(said) is not None,
        shape=shape,
        problems=tuple(problems),
    )
    return _with_marks(text, table)


def _is_caption_like(cell: str) -> bool:
    """A one-cell line that titles what follows: ``Table 3 ...``, ``Map of Africa.``.

    A caption ends in a full stop or colon, or is longer than a header cell is.
    """
    body = cell.strip()
    return (
        _patterns().caption.match(body) is not None
        or body.endswith((".", ":"))
        or len(body.split()) > _MAX_STACKED_HEADER_WORDS
    )


_MAX_STACKED_HEADER_WORDS = 6
"""A header cell alone on its line has at most this many words; a longer line is a caption."""


# --------------------------------------------------------------------------- stacked


def _stacked_tables(text: str, lines: Sequence[_Line], used: list[bool]) -> list[Table]:
    """Tables flattened one cell per line (web pages): header cells, then rows in order.

    A run of one-cell lines (one blank line may come between any two) is read as: the
    caption, the header cells (a cell ending in ``/`` or ``-`` runs on into the next
    line), then rows of as many cells as there are from one row label (a year or words)
    to the next. Several tables one after another each start at their own caption. A row
    of figures without labels takes the width of the header.
    """
    out: list[Table] = []
    run: list[tuple[Span, int]] = []  # (cell span, kind)

    def flush() -> None:
        out.extend(_read_stacked(text, run))
        run.clear()

    i = 0
    blanks = 0
    while i < len(lines):
        line = lines[i]
        if used[i] or line.tabular or (not line.blank and len(line.cells) != 1):
            flush()
            blanks = 0
        elif line.blank:
            blanks += 1
            if blanks >= 2:
                flush()
        else:
            blanks = 0
            s, e = line.cells[0]
            body = text[s:e]
            if len(body.split()) > _MAX_CAPTION_WORDS or e - s > 2 * _MAX_CELL_CHARS:
                flush()
            else:
                run.append(((s, e), _kind(body)))
        i += 1
    flush()
    for table in out:
        _mark_used(lines, used, table.span)
    return out


def _mark_used(lines: Sequence[_Line], used: list[bool], span: Span) -> None:
    """Mark the lines a table spans as read (found by bisection: linear overall)."""
    k = bisect.bisect_left(lines, span[0], key=lambda line: line.span[1])
    while k < len(lines) and lines[k].span[0] <= span[1]:
        used[k] = True
        k += 1


def _short(text: str, span: Span) -> bool:
    body = text[span[0] : span[1]]
    return len(body.split()) <= _MAX_CELL_WORDS and len(body) <= _MAX_CELL_CHARS


def _read_stacked(text: str, run: Sequence[tuple[Span, int]]) -> list[Table]:
    """The tables of one run of one-cell lines."""
    tables: list[Table] = []
    values = (_FIGURE, _EMPTY)
    # Header cells broken over lines: "CHARGES/" "COMPLAINTS/" "INFORMATIONS".
    cells: list[tuple[Span, int, str]] = []
    for span, kind in run:
        body = text[span[0] : span[1]]
        if cells and kind == _TEXT and cells[-1][1] == _TEXT and cells[-1][2].endswith(_SLASHED):
            prev_span, _, prev = cells[-1]
            cells[-1] = ((prev_span[0], span[1]), _TEXT, prev + body)
            continue
        cells.append((span, kind, body))
    n = len(cells)
    p = 0
    while p < n:
        labelled = cells[p][1] in (_PERIOD, _TEXT) and p + 1 < n and cells[p + 1][1] in values
        unlabelled = cells[p][1] == _FIGURE
        if not (labelled or unlabelled) or p == 0 or cells[p - 1][1] not in (_TEXT, _PERIOD):
            p += 1
            continue
        heads = p  # cells before p back to the run start or the last figure
        while heads > 0 and cells[heads - 1][1] in (_TEXT, _PERIOD):
            heads -= 1
        before = list(range(heads, p))
        if labelled:
            q = p + 1
            while q < n and cells[q][1] in values:
                q += 1
            width = q - p
        else:
            header_cells = [k for k in before if not _is_caption_like(cells[k][2])]
            width = min(len(header_cells), _MAX_CELLS)
        if width < 2 and not labelled:
            p += 1
            continue
        # Rows, greedily, as long as they keep the shape of the first.
        rows: list[tuple[Span | None, list[_ValueCell]]] = []
        r = p
        while r + width <= n:
            chunk = cells[r : r + width]
            if len(chunk) < width:
                break
            if labelled:
                ok = (
                    chunk[0][1] in (_PERIOD, _TEXT)
                    and _short(text, chunk[0][0])
                    and all(c[1] in values for c in chunk[1:])
                    and any(c[1] == _FIGURE for c in chunk[1:])
                )
            else:
                ok = all(c[1] in values for c in chunk) and any(c[1] == _FIGURE for c in chunk)
            if not ok:
                break
            figures = chunk[1:] if labelled else chunk
            rows.append(
                (
                    chunk[0][0] if labelled else None,
                    [(c[0] if c[1] == _FIGURE else None, None) for c in figures],
                )
            )
            r += width
        value_width = width - 1 if labelled else width
        if not rows or (len(rows) == 1 and value_width < 2):
            p += 1
            continue
        # The header: the last cells before the rows, the label column's header among them
        # or not; the cell before the header is the caption.
        header = [k for k in before if _short(text, cells[k][0])]
        take = min(len(header), width if labelled else value_width)
        chosen = header[len(header) - take :]
        if chosen and labelled and len(chosen) == width and _is_caption_like(cells[chosen[0]][2]):
            chosen = chosen[1:]
        if len(chosen) > value_width:
            chosen = chosen[len(chosen) - value_width - 1 :]
        columns_at = chosen[len(chosen) - value_width :] if len(chosen) >= value_width else []
        columns: list[tuple[str, Span] | None] = [(cells[k][2], cells[k][0]) for k in columns_at]
        problems: list[str] = []
        if len(columns) < value_width:
            problems.append(
                f"{value_width} figures a row but {len(columns)} column headers above them"
            )
            columns = [None] * value_width
        caption_at = (chosen[0] - 1) if chosen else p - 1
        caption = (
            (cells[caption_at][2], cells[caption_at][0])
            if caption_at >= heads and caption_at >= 0 and cells[caption_at][1] == _TEXT
            else None
        )
        if caption is not None:
            caption = _wrapped_caption(text, [c[0] for c in cells[heads:caption_at]], caption)
        # Leftover cells of a row cut short (a cell the converter lost).
        if r < n and cells[r][1] in values:
            problems.append("a row with fewer cells than the header")
        header_span = (cells[chosen[0]][0][0], cells[chosen[-1]][0][1]) if chosen else None
        said = " ".join(cells[k][2] for k in chosen) + " " + (caption[0] if caption else "")
        tables.append(
            _assemble(
                text,
                shape="stacked",
                caption=caption,
                header_span=header_span,
                columns=columns,
                rows=rows,
                said=said,
                problems=problems,
            )
        )
        p = r
    return tables


# --------------------------------------------------------------------------- spaced


def _spaced_tables(text: str, lines: Sequence[_Line], used: list[bool]) -> list[Table]:
    """Tables whose cells are one space apart (PDF converters that drop the spacing).

    Consecutive rows (``2009 566 388 201 176``, ``Shelters Funded 0 27 N/A``) with as many
    figures each are one table. The header is the line above them (with the lines it runs
    on from); its last units are the columns, and the words before them, often printed on
    the same line, are the caption. Year-labelled rows without a header are a table too.
    """
    out: list[Table] = []
    i = 0
    while i < len(lines):
        if used[i]:
            i += 1
            continue
        row = _spaced_row(text, lines[i])
        if row is None:
            i += 1
            continue
        width = len(row.groups)
        body = [(i, row)]
        j = i + 1
        while True:
            k = _past_blank(lines, j)
            if k >= len(lines) or used[k]:
                break
            nxt = _spaced_row(text, lines[k])
            if nxt is None or len(nxt.groups) != width:
                break
            body.append((k, nxt))
            j = k + 1
        # The header stands right above the rows: a line a blank line above is a title.
        top = i - 1
        found = _spaced_header(text, lines, top, width) if top >= 0 and not used[top] else None
        all_years = all(r.label_is_period for _, r in body)
        if found is None and not (all_years and width >= 2 and len(body) >= 2):
            i += 1
            continue
        if found is not None and len(body) == 1 and width < 2:
            i += 1
            continue
        problems: list[str] = []
        columns: list[tuple[str, Span] | None]
        caption: tuple[str, Span] | None = None
        header_span: Span | None = None
        said = ""
        if found is not None:
            header, first = found
            columns = list(header.columns)
            first_column, last_column = header.columns[0][1], header.columns[-1][1]
            if header.caption is not None:
                caption = (text[header.caption[0] : header.caption[1]], header.caption)
                header_span = (header.caption[0], last_column[1])
            else:
                caption = _caption(text, lines, first)
                header_span = ((header.label or first_column)[0], last_column[1])
            said = text[header_span[0] : header_span[1]] + " " + (caption[0] if caption else "")
        else:
            columns = [None] * width
            caption = _caption(text, lines, i)
            said = caption[0] if caption else ""
            problems.append("rows of figures without a header: the columns are not named")
        rows = [(r.label, list(r.groups)) for _, r in body]
        table = _assemble(
            text,
            shape="spaced",
            caption=caption,
            header_span=header_span,
            columns=columns,
            rows=rows,
            said=said,
            problems=problems,
        )
        if found is not None and table.caption_span is not None and header_span is not None:
            table = evolve(table, span=(min(table.span[0], header_span[0]), table.span[1]))
        out.append(table)
        _mark_used(lines, used, (lines[i].span[0], lines[body[-1][0]].span[1]))
        i = body[-1][0] + 1
    return out


# --------------------------------------------------------------------------- series


_SERIES_PAIR = regex.compile(
    r"""
    (?P<label> (?: (?: FY | CY | Fiscal [ ] Year | Calendar [ ] Year ) [ ]? '? \d{2} (?: \d{2} )?
               | (?: Q[1-4] [ ] )? (?: 19 | 20 ) \d{2} ) )
    [ ]* : [ ]*
    (?P<value> [+−-]? \$? (?: \d{1,3} (?: ,\d{3} )+ | \d+ ) (?: \.\d+ )? %? )
    (?= [ ,;]* (?: $ | [ ][-–—(] | (?: FY | CY | Fiscal | Calendar | Q[1-4] | 19\d\d | 20\d\d ) ) )
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.V1,
)


#: What a web converter writes after a chart's values: the image's credit ("- State Dept
#: Image"), a source in parentheses. No figure in it.
_CREDIT = regex.compile(r"(?:[-–—]|\()[^\d\n]{0,60}")
#: A chart's lead that names only the kind of graphic: "Description: Bar chart.".
_GRAPHIC = regex.compile(
    r"(?:(?:image\s+)?description\s*:?\s*)?(?:(?:bar|line|pie|column|area)\s+)?"
    r"(?:chart|graph|figure|image|diagram)?\.?",
    regex.IGNORECASE,
)


def _series_tables(text: str, lines: Sequence[_Line], used: list[bool]) -> list[Table]:
    """A chart's series written as text on one line: ``FY 2004: 163 FY 2005: 231 ...``.

    A PDF or web converter writes a bar chart's labels and values as the chart's text:
    two or more ``period: value`` pairs, and nothing else after the chart's title, make
    one table whose rows are the periods. The title before the pairs, else the line above,
    is the caption, and names what the values count. The labels all first and the values
    after them (``FY 2004 FY 2005 FY 2006 163 231 280``) are read too.
    """
    out: list[Table] = []
    for i, line in enumerate(lines):
        if used[i] or line.blank or line.tabular:
            continue
        start, end = line.span
        pairs = list(_SERIES_PAIR.finditer(text, start, end))
        rows: list[tuple[Span | None, list[_ValueCell]]] = []
        lead_end = start
        if len(pairs) >= 2:
            rest = text[pairs[-1].end() : end].strip(" ,;.")
            gaps = [text[a.end() : b.start()].strip(" ,;") for a, b in itertools.pairwise(pairs)]
            if (rest and not _CREDIT.fullmatch(rest)) or any(gaps):
                continue
            rows = [(p.span("label"), [(p.span("value"), None)]) for p in pairs]
            lead_end = pairs[0].start()
        else:
            if not _may_be_row(text, start, end):
                continue
            tokens = _tokens(text, start, end)
            periods = 0
            while periods < len(tokens) and tokens[periods][0] == _W_PERIOD:
                periods += 1
            lead = 0
            if periods == 0:
                while lead < len(tokens) and tokens[lead][0] == _W_WORD:
                    lead += 1
                periods = lead
                while periods < len(tokens) and tokens[periods][0] == _W_PERIOD:
                    periods += 1
            count = periods - lead
            values = tokens[periods:]
            if count < 2 or len(values) != count or any(k != _W_FIGURE for k, _ in values):
                continue
            rows = [(tokens[lead + k][1], [(values[k][1], None)]) for k in range(count)]
            lead_end = tokens[lead][1][0]
        title = text[start:lead_end].strip(" :-–")
        if _GRAPHIC.fullmatch(title):
            title = ""  # "Description: Bar chart.": the kind of graphic, not what it counts
        caption: tuple[str, Span] | None
        if title:
            left = text.index(title, start)
            caption = (title, (left, left + len(title)))
        else:
            caption = _caption(text, lines, i)
        column: tuple[str, Span] | None = None
        if caption is not None:
            noun = _title_noun(caption[0])
            at = caption[0].find(noun)
            left = caption[1][0] + max(at, 0)
            column = (noun, (left, left + len(noun)) if at >= 0 else caption[1])
        out.append(
            _assemble(
                text,
                shape="series",
                caption=caption,
                header_span=None,
                columns=[column],
                rows=rows,
                said=caption[0] if caption else "",
                problems=()
                if caption
                else ("a chart's values without a title: what they count is not named",),
            )
        )
        used[i] = True
    return out


_TITLE_CUT = regex.compile(
    r"\s*(?:,|\(|\bby\b|\bin\b|\bfor\b|\bper\b|\bfrom\b|\bduring\b|\bbetween\b|:)", regex.IGNORECASE
)


def _title_noun(title: str) -> str:
    """What a chart's title counts: its words before the first qualifier.

    ``Figure 2. Victims certified, by fiscal year`` counts ``Victims certified``.
    """
    m = _patterns().caption.match(title)
    body = title[m.end() :].lstrip("0123456789.:- \t") if m is not None else title
    cut = _TITLE_CUT.search(body)
    head = body[: cut.start()] if cut is not None and cut.start() > 0 else body
    return head.strip() or title


# --------------------------------------------------------------------------- records


_RECORD_LINE = regex.compile(
    r"[ \t]*(?:[-•*][ \t]+)?(?P<key>[A-Z][\w'’()/&,. -]{0,48}?)[ \t]*:[ \t]+(?P<value>\S.*?)[ \t]*$"
)
_FIGURE_VALUE = regex.compile(
    r"(?:US)?\$?[ ]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[ ]?(?:%|percent|million|billion))?"
)


#: The month and day before a year in a slash date ("03/2017", "1/15/2018").
_SLASH_DATE = regex.compile(r"\b\d{1,2}/(?:\d{1,2}/)?(?=\d{4}\b)")


def _record_tables(text: str, lines: Sequence[_Line], used: list[bool]) -> list[Table]:
    """Key-value records: consecutive ``Key: value`` lines (``Award Amount: $640,000``).

    Fact sheets and project lists print each project or grant as a record. A line whose
    value is one figure is a cell labelled with its key; a value with words after its
    figure (``24 months``) is left to the reading of prose, which knows a duration. The
    record's period runs from its start-date key to its end-date key, or is its fiscal-year
    key's.
    """
    out: list[Table] = []
    vocabulary = _vocabulary()
    for first, stop, run in _record_runs(text, lines, used):
        period = _record_period(run)
        rows: list[tuple[Span | None, list[_ValueCell]]] = []
        for m in run:
            if _FIGURE_VALUE.fullmatch(m.group("value")) is None:
                continue
            key = " ".join(m.group("key").lower().split())
            if key in vocabulary.period_keys | vocabulary.start_keys | vocabulary.end_keys:
                continue
            rows.append((m.span("key"), [(m.span("value"), None)]))
        if rows:
            said = " ".join(
                m.group(0) for m in run if m.group("key").lower() in vocabulary.period_keys
            )
            table = _assemble(
                text,
                shape="record",
                caption=None,
                header_span=None,
                columns=[None],
                rows=rows,
                said=said,
                record_range=period,
            )
            out.append(evolve(table, span=(run[0].start("key"), run[-1].end())))
            used[first:stop] = [True] * (stop - first)
    return out


def _record_runs(
    text: str, lines: Sequence[_Line], used: Sequence[bool]
) -> Iterator[tuple[int, int, list[regex.Match[str]]]]:
    """Runs of two or more ``Key: value`` lines: first line, line after the last, matches.

    A long value wrapped onto lines that are indented or start in lower case goes on.
    """
    i = 0
    while i < len(lines):
        run: list[regex.Match[str]] = []
        j = i
        while j < len(lines) and not used[j] and not lines[j].blank:
            m = _RECORD_LINE.fullmatch(text, *lines[j].span)
            if m is not None and len(m.group("key").split()) > 5:
                m = None
            if m is None:
                if not run or not _CONTINUED.match(text, *lines[j].span):
                    break
            else:
                run.append(m)
            j += 1
        if len(run) >= 2:
            yield i, j, run
        i = max(j, i + 1)


def _record_period(run: Sequence[regex.Match[str]]) -> tuple[int, int] | None:
    """A record's first and last year: its start and end keys', or its period key's."""
    vocabulary = _vocabulary()
    start_year: int | None = None
    end_year: int | None = None
    period: tuple[int, int] | None = None
    for m in run:
        key = " ".join(m.group("key").lower().split())
        years = _years(_SLASH_DATE.sub("", m.group("value")))
        if years is None:
            continue
        if key in vocabulary.start_keys:
            start_year = years[0]
        elif key in vocabulary.end_keys:
            end_year = years[1]
        elif key in vocabulary.period_keys:
            period = years
    if period is None and start_year is not None and end_year is not None:
        period = (start_year, end_year) if start_year <= end_year else None
    return period


@frozen
class Record:
    """A run of ``Key: value`` lines that describes one project, grant or award."""

    span: Span
    """Where the record is in the text, from its first key to its last value."""
    years: tuple[int, int] | None
    """Its first and last year (its start and end dates, or its period), or None."""


def find_records(text: str) -> list[Record]:
    r"""The key-value records of a text, each with the years its dates span.

    A long value wrapped onto lines that are indented or start in lower case goes on.

    >>> text = "Award Amount: $90,000\nStart Date: 3/1/2016\nEnd Date: 2/28/2018\n"
    >>> [(r.span, r.years) for r in find_records(text)]
    [((0, 62), (2016, 2018))]
    >>> text = "Dates: 2015 - 2017\nPurpose: to train\n  police\nResults: 90 trained\n"
    >>> [(r.span, r.years) for r in find_records(text)]
    [((0, 65), (2015, 2017))]
    """
    lines = [_read_line(text, span) for span in _lines(text)]
    return [
        Record((run[0].start("key"), lines[stop - 1].span[1]), _record_period(run))
        for _, stop, run in _record_runs(text, lines, [False] * len(lines))
    ]


#: A line that goes on with the value above it: indented, or starting in lower case.
_CONTINUED = regex.compile(r"[ \t]+\S|[a-z(]")


def find_tables(text: str) -> list[Table]:
    r"""Find the tables flattened into a text.

    Args:
        text: any text; every span in the result indexes into it.

    Returns:
        The tables in text order, none overlapping; empty when there is none.
        Every cell's span lies inside its row's, and every row's inside its table's.

    >>> text = (
    ...     "Table 3: Investigations opened, by fiscal year\n"
    ...     "\n"
    ...     "Fiscal Year    FY 2008    FY 2009\n"
    ...     "Investigations     132        145\n"
    ...     "Convictions         48         59\n"
    ... )
    >>> [t] = find_tables(text)
    >>> t.caption
    'Table 3: Investigations opened, by fiscal year'
    >>> [(c.text, c.column, c.row_label) for r in t.rows for c in r.cells]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('132', 'FY 2008', 'Investigations'), ('145', 'FY 2009', 'Investigations'),
     ('48', 'FY 2008', 'Convictions'), ('59', 'FY 2009', 'Convictions')]
    >>> find_tables("In FY 2010, ORR issued 449 letters  and 92 letters to minors.")
    []

    """
    lines = [_read_line(text, span) for span in _lines(text)]
    used = [False] * len(lines)
    tables = [_with_marks(text, t) for t in _grid_tables(text, lines, used)]
    tables += _stacked_tables(text, lines, used)
    tables += _spaced_tables(text, lines, used)
    tables += _series_tables(text, lines, used)
    tables += _record_tables(text, lines, used)
    tables.sort(key=lambda t: t.span[0])
    return [evolve(t, money_columns=_labels_money(t)) for t in tables]


def _labels_money(table: Table) -> bool:
    """Whether a column or row label of the table names money."""
    labels = {c.column for r in table.rows for c in r.cells} | {r.label for r in table.rows}
    return any(names_money(label) for label in labels if label)


def _grid_tables(text: str, lines: Sequence[_Line], used: list[bool]) -> list[Table]:
    """Tables whose cells are apart by runs of spaces, tabs or pipes (steps 1 to 4 above)."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.tabular:
            i += 1
            continue
        if _is_header(line):
            j = i + 1
            below: list[_Line] = []
            while (
                j < len(lines)
                and _continues_header(text, line, lines[j])
                and not (j + 1 < len(lines) and _wraps_label(text, lines[j], lines[j + 1]))
            ):
                below.append(lines[j])  # "% Change" over "FY18-FY19": one header cell
                j += 1
            while j < len(lines) and _is_rule(text, lines[j]):
                j += 1
            body: list[_Line] = []
            wrapped: dict[int, list[Span]] = {}  # body row → the lines its label goes on over
            while (k := _past_blank(lines, j)) < len(lines):
                width = len(body[0].cells) if body else None
                if _fits(line, lines[k], width):
                    body.append(lines[k])
                    j = k + 1
                elif (
                    k + 1 < len(lines)
                    and _fits(line, lines[k + 1], width)
                    and _wraps_label(text, lines[k], lines[k + 1])
                ):
                    # "Prosecution (criminal justice" over "  capacity building)   19 ...".
                    wrapped[len(body)] = [lines[k].cells[0]]
                    body.append(lines[k + 1])
                    j = k + 2
                elif body and _ends_label(text, body[-1], wrapped.get(len(body) - 1), lines[k]):
                    # "Comprehensive Services for Victims of   19 ..." over "  All Forms of ...".
                    wrapped.setdefault(len(body) - 1, []).append(lines[k].cells[0])
                    j = k + 1
                else:
                    break
            grouped = False
            if not body:
                # "Amount Projects" under "FY 2011" and again under "FY 2012": more columns
                # of figures than header cells; the header is read by where its words stand.
                body, j = _grouped_rows(lines, j)
                grouped = bool(body)
            if body:
                top = i
                while top > 0 and not used[top - 1] and _tops_header(text, line, lines[top - 1]):
                    top -= 1  # "Investigations" over "opened": the cell starts above
                stacked = _stacked_header(
                    text,
                    lines,
                    used,
                    top,
                    header=[*lines[top:i], line, *below],
                    body=body,
                    main=line,
                )
                if stacked is not None:
                    top, columns = stacked
                elif grouped:
                    i += 1  # rows wider than their header that no word placement names
                    continue
                else:
                    columns = None
                table = _build(
                    text,
                    lines,
                    line,
                    body,
                    top,
                    below=below,
                    above=lines[top:i],
                    wrapped=wrapped,
                    columns=columns,
                )
                tables.append(table)
                used[top:j] = [True] * (j - top)
                i = j
                continue
        rows = [line]
        j = i + 1
        while (
            (k := _past_blank(lines, j)) < len(lines)
            and _period_row(lines[k])
            and len(lines[k].cells) == len(line.cells)
        ):
            rows.append(lines[k])
            j = k + 1
        if len(rows) >= 2 and _period_row(line):
            tables.append(_build(text, lines, None, rows, i))
            used[i:j] = [True] * (j - i)
            i = j
            continue
        i += 1
    return tables


def table_context(tables: Sequence[Table], offset: int) -> CellContext | None:
    """What the table around an offset says about the figure there.

    Args:
        tables: the tables of a text, in text order, as :func:`find_tables` returns them.
        offset: an offset into the same text, such as the start of a quantity's span.

    Returns:
        The period, unit and caption of the cell holding ``offset``, or None when no
        cell holds it (row labels and headers hold no figures).
        The period is the column header, else the row label, that names a year; the unit
        is the row label, else the column header, that does not.

    """
    starts = [t.span[0] for t in tables]
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0 or not tables[index].span[0] <= offset < tables[index].span[1]:
        return None
    table = tables[index]
    for row in table.rows:
        if not row.span[0] <= offset < row.span[1]:
            continue
        for cell in row.cells:
            if cell.span[0] <= offset < cell.span[1]:
                return _context(table, cell)
    return None


def _context(table: Table, cell: Cell) -> CellContext:
    """The period, unit and caption of one cell.

    The unit is the label that names something counted: the row's (``Victims served``)
    before the column's, but the column's (``Projects``) when the row is labelled by a
    name that counts nothing (``Africa``, ``Department of Labor``); else the row's, then
    the column's, whichever is no year. A generic column (``Number``) names no noun: its
    rows (categories) or the caption do.
    """
    labels = [
        (name, span)
        for name, span in ((cell.row_label, cell.row_label_span), (cell.column, cell.column_span))
        if name is not None and span is not None and not _names_year(name)
    ]
    counted = [label for label in labels if names_count(label[0]) and not generic_label(label[0])]
    chosen = counted or labels
    unit: tuple[str, Span] | None = chosen[0] if chosen else None
    return CellContext(
        period_text=cell.period_text,
        period_span=cell.period_span,
        unit_text=unit[0] if unit is not None else None,
        unit_span=unit[1] if unit is not None else None,
        caption=table.caption,
        caption_span=table.caption_span,
        fiscal=table.fiscal,
        table_span=table.span,
        column=cell.column,
        row_label=cell.row_label,
        row_label_span=cell.row_label_span,
        column_span=cell.column_span,
        cell_span=cell.span,
        period_range=cell.period_range,
        mark=cell.mark,
        sub_count=cell.sub_count,
        money_columns=table.money_columns,
        shape=table.shape,
    )


# --------------------------------------------------------------------------- warnings


@frozen
class TableWarning:
    """Part of a document that could not be read: where it is and what went wrong.

    A table, or part of one, left unread; or a number written with invisible characters.

    >>> TableWarning(line=12, span=(340, 420), message="3 cells without a unit")
    TableWarning(line=12, span=(340, 420), message='3 cells without a unit', document='')
    >>> print(TableWarning(12, (340, 420), "3 cells without a unit", document="memo"))
    memo, line 12: 3 cells without a unit
    """

    line: int
    """The line (numbered from 1) where the table (or the number) starts."""
    span: Span
    """Where it is in the text."""
    message: str
    """What could not be read."""
    document: str = ""
    """The document's id, in a corpus's list of warnings (empty in a document's own)."""

    def __str__(self) -> str:
        where = f"{self.document}, " if self.document else ""
        return f"{where}line {self.line}: {self.message}"


def table_warnings(
    text: str, tables: Sequence[Table], statistics: Sequence[Statistic]
) -> tuple[TableWarning, ...]:
    """What the tables of a text left unread, as warnings naming each table's line.

    A table warns when it has cells that fit no column (:attr:`Table.problems`), when
    some of its counts came out without a unit, when its figures are credited only to
    the U.S. Government as a whole (no body named in the caption, a source line, a row
    or the text around the table), and when none of its figures became a statistic.

    Args:
        text: the document's text.
        tables: its tables, as :func:`find_tables` returns them.
        statistics: the document's statistics.

    """
    out: list[TableWarning] = []
    starts = [s.span[0] for s in statistics]
    for table in tables:
        line = text.count("\n", 0, table.span[0]) + 1
        messages = list(table.problems)
        lo = bisect.bisect_left(starts, table.span[0])
        hi = bisect.bisect_left(starts, table.span[1])
        inside = [
            s
            for s in statistics[lo:hi]
            if any(c.span[0] <= s.span[0] < c.span[1] for r in table.rows for c in r.cells)
        ]
        cells = sum(len(r.cells) for r in table.rows)
        if not inside:
            messages.append(f"none of its {cells} cells was read as a statistic")
        unitless = sum(1 for s in inside if s.kind.value == "count" and not s.unit)
        if unitless:
            messages.append(f"{unitless} of its {cells} cells have no unit")
        nobody = sum(1 for s in inside if not s.agencies)
        if nobody:
            messages.append(f"{nobody} of its {cells} cells are credited to no body")
        whole = sum(1 for s in inside if [a.id for a in s.agencies] == ["USG"])
        if whole:
            messages.append(
                f"{whole} of its {cells} cells are credited only to the U.S. Government"
            )
        out.extend(TableWarning(line, table.span, m) for m in messages)
    return tuple(out)
