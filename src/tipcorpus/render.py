"""What a reader sees: tables of statistics, pivot tables and concordances.

Text tables go through tabulate and fit the terminal's width: the quote column takes
what the other columns leave, and long cells are cut with ``…``.
HTML output escapes every piece of document text, so that markup in a report cannot
reach the page as markup.
"""

from __future__ import annotations

import functools
import html
import shutil
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, overload

import regex
from attrs import frozen
from tabulate import tabulate

from tipcorpus.errors import TipcorpusError
from tipcorpus.model import Kind, Number, Period, Pillar, Span, Statistic

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
_QUALIFIER_SIGN = {"approx": "~", "min": ">", "max": "<", "exact": ""}

# Widest a column may be before its cells are cut, and how narrow it may be squeezed
# when the terminal is narrow.
_CAPS = {"unit": 30, "agencies": 20, "document": 26, "section": 40, "surface": 24}
_FLOOR = 6
_MIN_QUOTE = 24
_FLOOR_QUOTE = 16
_DROP_ORDER = ("pillar", "document", "agencies")
_QUOTE_SHARE = 0.35  # the quote is the evidence: it keeps at least this share of the width


def _number(value: Number) -> str:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return f"{value:,}"


def format_value(s: Statistic) -> str:
    """The value as a reader expects it: ``$51,000,000``, ``47%``, ``7×``, ``~1,500``.

    >>> from tipcorpus import Corpus
    >>> s = Corpus.from_texts({"x": "In FY 2007, DOL spent about $51 million."}).statistics()[0]
    >>> format_value(s)
    '~$51,000,000'
    """
    sign = _QUALIFIER_SIGN[s.qualifier.value]
    low = _number(s.value)
    high = _number(s.value_high) if s.value_high is not None else None
    if s.kind is Kind.MONEY:
        body = f"${low}" + (f"–${high}" if high else "")
    elif s.kind is Kind.PERCENT:
        body = f"{low}%" + (f"–{high}%" if high else "")
    elif s.kind is Kind.MULTIPLIER:
        body = f"{low}×"
    else:
        body = low + (f"–{high}" if high else "")
    return sign + body


def format_period(period: Period | None) -> str:
    """``FY2007``, ``FY2001–FY2007``, ``through FY2007``, ``2009–2016`` or ``""``."""
    return "" if period is None else str(period)


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in ``…`` when cut."""
    if len(text) <= width:
        return text
    return text[: max(0, width - 1)] + "…"


def _flat(text: str) -> str:
    return visible(" ".join(text.split()))


#: Characters that change how text is shown without being seen: bidirectional controls
#: (``1,\u202e842\u202c`` displays as "1,248"), zero-width characters, and control
#: characters other than tab and line ends.
_INVISIBLE = (
    "[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0e-\x1f\x7f-\x9f]"
)


@functools.cache
def _invisible_re() -> regex.Pattern[str]:
    return regex.compile(_INVISIBLE)


def visible(text: str) -> str:
    """``text`` with invisible and direction-changing characters written as ``⟨U+XXXX⟩``.

    Quotes, tables and HTML show a figure as the text holds it: a right-to-left
    override inside a number (``1,\u202e842\u202c``, which a screen shows reversed)
    is written out, so that what a reader sees is what was read.

    >>> visible("1,\u202e842\u202c victims")
    '1,⟨U+202E⟩842⟨U+202C⟩ victims'

    .. versionadded:: 0.1.0
    """
    if text.isascii() and text.isprintable():
        return text
    return _invisible_re().sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


def _quote(s: Statistic, width: int) -> str:
    text = _flat(s.quote(("«", "»")))
    if len(text) <= width:
        return text
    # Keep the marked number in view: centre the window on it.
    at = text.find("«")
    start = max(0, min(at - width // 3, len(text) - width))
    out = text[start : start + width]
    if start > 0:
        out = "…" + out[1:]
    if start + width < len(text):
        out = out[:-1] + "…"
    return out


def _quote_html(s: Statistic) -> str:
    """The sentence, escaped, with the number expression in ``<mark>``."""
    before, _, rest = s.quote(("\x02", "\x03")).partition("\x02")
    middle, _, after = rest.partition("\x03")
    return (
        html.escape(_flat(before) + (" " if before[-1:].isspace() else ""))
        + f"<mark>{html.escape(visible(middle))}</mark>"
        + html.escape((" " if after[:1].isspace() else "") + _flat(after))
    )


def _cell(s: Statistic, column: str) -> str:
    match column:
        case "surface":
            return _flat(s.surface)
        case "value":
            return format_value(s)
        case "kind":
            return s.kind.value
        case "qualifier":
            return s.qualifier.value
        case "unit":
            return _flat(s.unit)
        case "period":
            return format_period(s.period)
        case "agencies":
            return ", ".join(s.agency_ids)
        case "pillar":
            return s.pillar.value if s.pillar is not None else ""
        case "document":
            return s.document_id or ""
        case "section":
            return " › ".join(s.section)
        case "span":
            return f"{s.span[0]}-{s.span[1]}"
    raise ValueError(f"unknown column {column!r}; choose from {', '.join(ALL_COLUMNS)}")


def _separator_width(fmt: str, n: int) -> int:
    """Characters a tabulate format spends between and around ``n`` columns."""
    if fmt in ("simple", "plain"):
        return 2 * max(0, n - 1)
    if fmt in ("pipe", "github", "grid", "fancy_grid", "rounded_grid", "presto", "orgtbl"):
        return 3 * n + 1
    return 3 * n


def _floor(column: str) -> int:
    """The narrowest a column gets: its header is never cut (tabulate pads it by 2)."""
    return max(_FLOOR, len(column) + 2)


def _fit(widths: dict[str, int], budget: int) -> dict[str, int]:
    """Narrow the widest cuttable columns until the others leave ``budget`` for quotes."""
    widths = dict(widths)
    cuttable = [c for c in widths if c in _CAPS or c == "period"]
    while sum(widths.values()) > budget:
        shrinkable = [c for c in cuttable if widths[c] > _floor(c)]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda c: widths[c])
        widths[widest] -= 1
    return widths


def _footer(statistics: Sequence[Statistic]) -> str:
    docs = {s.document_id for s in statistics}
    return (
        f"{len(statistics)} statistic{'s' if len(statistics) != 1 else ''} "
        f"from {len(docs)} document{'s' if len(docs) != 1 else ''}"
    )


def statistics_table(
    statistics: Sequence[Statistic],
    columns: Sequence[str] | None = None,
    fmt: str = "simple",
    width: int | None = None,
    *,
    wrap: bool = False,
) -> str:
    """A table of statistics with a footer (``6 statistics from 1 document``).

    The quote column shows the sentence with the number in ``«»``; it gets the width
    the other columns leave, and is cut around the number (or wrapped, with ``wrap``).
    Other long cells are cut with ``…``, narrowing the widest first when the width is
    tight.

    Args:
        statistics: the rows.
        columns: the columns, from ``surface, value, kind, qualifier, unit, period,
            agencies, pillar, document, section, quote, span``.
        fmt: a tabulate format (``simple``, ``github``, ``plain`` ...) or ``html``.
        width: the width to fit; by default the terminal's.
            With the default columns, a narrow width leaves out ``pillar``, then
            ``document``, then ``agencies``.
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
    total = width or shutil.get_terminal_size((120, 24)).columns
    raw = {c: [_cell(s, c) for s in statistics] for c in cols if c != "quote"}
    natural = {
        c: min(_CAPS.get(c, 1_000), max([len(c) + 2, *(len(v) for v in cells)]))
        for c, cells in raw.items()
    }

    def least(c: str) -> int:
        return min(natural[c], _floor(c)) if c in _CAPS or c == "period" else natural[c]

    if columns is None:
        # A narrow terminal drops default columns, least needed first, rather than
        # squeezing the quote (the evidence) out of sight.
        for dropped in _DROP_ORDER:
            narrowest = sum(least(c) for c in cols if c != "quote") + _MIN_QUOTE
            if narrowest + _separator_width(fmt, len(cols)) <= total:
                break
            cols = tuple(c for c in cols if c != dropped)
            natural.pop(dropped, None)
    wanted_quote = max(_MIN_QUOTE, int(total * _QUOTE_SHARE)) if "quote" in cols else 0
    budget = total - _separator_width(fmt, len(cols)) - wanted_quote
    widths = _fit(natural, budget)
    quote_width = max(_MIN_QUOTE, total - _separator_width(fmt, len(cols)) - sum(widths.values()))
    if not statistics:
        return footer

    def render(quote_width: int) -> str:
        rows: list[list[str]] = []
        for i, s in enumerate(statistics):
            row: list[str] = []
            for c in cols:
                if c != "quote":
                    row.append(_cut(raw[c][i], widths[c]))
                elif wrap:
                    row.append("\n".join(textwrap.wrap(_flat(s.quote(("«", "»"))), quote_width)))
                else:
                    row.append(_quote(s, quote_width))
            rows.append(row)
        return str(tabulate(rows, headers=list(cols), tablefmt=fmt, disable_numparse=True))

    table = render(quote_width)
    # tabulate pads headers and cells by format; take back any overshoot from the quote.
    excess = max(len(line) for line in table.splitlines()) - total
    if excess > 0 and "quote" in cols and quote_width > _FLOOR_QUOTE:
        table = render(max(_FLOOR_QUOTE, quote_width - excess))
    return f"{table}\n{footer}"


def _html_table(statistics: Sequence[Statistic], cols: Sequence[str], footer: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
    body: list[str] = []
    for s in statistics:
        cells = []
        for c in cols:
            if c == "quote":
                cells.append(f"<td>{_quote_html(s)}</td>")
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
    return _number(value)


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
    from tipcorpus.views import StatisticSet  # noqa: PLC0415  (views imports render lazily)

    empty = StatisticSet()
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


@frozen
class Concordance(Sequence[ConcordanceLine]):
    """Every occurrence of a word or phrase in a corpus, keyword-in-context style.

    ``str()`` aligns the occurrences in one column, with the document ids on the left.
    """

    word: str
    lines: tuple[ConcordanceLine, ...]
    width: int = 40

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

    def __str__(self) -> str:
        """One aligned line per occurrence, and a count."""
        id_width = max((len(line.document) for line in self.lines), default=0)
        out = [f"{line.document:<{id_width}}  {visible(str(line))}" for line in self.lines]
        n = len(self.lines)
        docs = len({line.document for line in self.lines})
        out.append(
            f"{n} occurrence{'s' if n != 1 else ''} of {self.word!r} "
            f"in {docs} document{'s' if docs != 1 else ''}"
        )
        return "\n".join(out)

    def _repr_html_(self) -> str:
        rows = "\n".join(
            f"<tr><td>{html.escape(line.document)}</td>"
            f'<td style="text-align:right">{html.escape(visible(line.left))}</td>'
            f"<td><mark>{html.escape(visible(line.match))}</mark></td>"
            f"<td>{html.escape(visible(line.right))}</td></tr>"
            for line in self.lines
        )
        return f'<table class="tipcorpus-concordance">\n{rows}\n</table>'


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
            left = _flat(text[max(0, start - 3 * width) : start] + "x")[:-1]
            right = _flat("x" + text[end : end + 3 * width])[1:]
            lines.append(
                ConcordanceLine(
                    document=doc.id,
                    span=(start, end),
                    left=left.rstrip()[-width:],
                    match=_flat(m.group()),
                    right=right.lstrip()[:width],
                    width=width,
                )
            )
    return Concordance(word=word, lines=tuple(lines), width=width)
