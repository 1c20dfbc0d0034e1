"""Tables a person can read: fitted to the terminal, as HTML, and as plain records.

:class:`Tabular` is what every result table can do (:mod:`tipcorpus.results` has the
tables of queries); :func:`fit_table` fits rows to a width.
When the width is short, columns give way in a fixed order: the long text columns
(quotes, sentences, titles) shrink first and the columns that identify a figure (value,
unit, period, agencies) last; a column is never narrower than its header.
A width of 0 means no limit: nothing is cut.

The module reads the value types only, so that :class:`~tipcorpus.Document` (its
:attr:`~tipcorpus.Document.sections`) and every result table use it while imports run
one way.

.. versionadded:: 0.12
"""

from __future__ import annotations

import html
import shutil
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar, Literal

from attrs import frozen
from tabulate import tabulate

from tipcorpus.display import plural, reader_text
from tipcorpus.model import Section

if TYPE_CHECKING:
    from typing import Self

__all__ = [
    "IDENTIFYING",
    "Column",
    "SectionTable",
    "Tabular",
    "TupleTable",
    "fit_table",
    "html_table",
]

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
    that do not identify a row (``give`` below ``IDENTIFYING``); then optional
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

    A subclass names its displayed ``columns``, its ``noun``, and how an item
    becomes display cells (``_cells``) and a record (``_record``).
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


class TupleTable(Tabular, tuple):  # type: ignore[type-arg]
    """A result that is also a tuple of its items (slicing keeps the result type)."""

    def _items(self) -> Sequence[object]:
        return self

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        """An item, or a slice of the same kind of result."""
        got = tuple.__getitem__(self, index)
        return type(self)(got) if isinstance(index, slice) else got


# --------------------------------------------------------------------- sections


class SectionTable(TupleTable):
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
