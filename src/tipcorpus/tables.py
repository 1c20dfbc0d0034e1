r"""Tables flattened into report text.

Reports to Congress and fact sheets print their figures in tables, and the tables reach
tipcorpus as lines of text: a PDF's cells separated by runs of spaces, a spreadsheet's by
tabs, a web page's by ``" | "`` (as :mod:`tipcorpus.ingest` writes them).
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
from collections.abc import Iterator, Sequence

import regex
from attrs import frozen

from tipcorpus.model import Span

__all__ = ["Cell", "CellContext", "Row", "Table", "find_tables", "table_context"]

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
        fiscal=regex.compile(r"\b (?: FY | fiscal ) \b", flags),
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
    m = p.figure.match(cell)
    if m is not None and p.figure_tail.fullmatch(cell, m.end()):
        return _FIGURE
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
    words = len(body.split())
    if _patterns().caption.match(body) is not None:
        if words > _MAX_CAPTION_WORDS:
            return None
    elif words > _MAX_HEADING_WORDS or body[-1] in ".!?;,:" or body[0].islower():
        return None
    return body, (left, left + len(body))


def _names_year(cell: str) -> bool:
    return _patterns().names_year.search(cell) is not None


def _build(
    text: str,
    lines: Sequence[_Line],
    header: _Line | None,
    body: Sequence[_Line],
    first: int,
) -> Table:
    """Assemble a table from its header (if any) and its data rows."""
    rows: list[Row] = []
    header_cells = header.cells if header is not None else ()
    for line in body:
        labelled = line.kinds[0] in (_PERIOD, _TEXT)
        figures = line.cells[1:] if labelled else line.cells
        label_span = line.cells[0] if labelled else None
        label = text[label_span[0] : label_span[1]] if label_span is not None else None
        # Headers align from the right: a header one cell short has no label column.
        shift = len(line.cells) - len(header_cells)
        cells: list[Cell] = []
        for k, (s, e) in enumerate(figures):
            position = k + (1 if labelled else 0) - shift
            column_span = header_cells[position] if 0 <= position < len(header_cells) else None
            column = text[column_span[0] : column_span[1]] if column_span is not None else None
            if column is not None and _names_year(column):
                period_text, period_span = column, column_span
            elif label is not None and _names_year(label):
                period_text, period_span = label, label_span
            else:
                period_text, period_span = None, None
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
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.tabular:
            i += 1
            continue
        if _is_header(line):
            j = i + 1
            while j < len(lines) and _is_rule(text, lines[j]):
                j += 1
            body: list[_Line] = []
            while (k := _past_blank(lines, j)) < len(lines) and _fits(
                line, lines[k], len(body[0].cells) if body else None
            ):
                body.append(lines[k])
                j = k + 1
            if body:
                tables.append(_build(text, lines, line, body, i))
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
    """The period, unit and caption of one cell."""
    unit: tuple[str, Span] | None = None
    for name, span in ((cell.row_label, cell.row_label_span), (cell.column, cell.column_span)):
        if name is not None and span is not None and not _names_year(name):
            unit = (name, span)
            break
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
    )
