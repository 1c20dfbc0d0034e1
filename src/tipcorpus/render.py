"""Tables of statistics for terminals, notebooks and Markdown (via tabulate)."""

from __future__ import annotations

import html
import shutil
from collections.abc import Sequence
from decimal import Decimal

from tabulate import tabulate

from tipcorpus.model import Kind, Number, Period, Statistic

__all__ = ["format_period", "format_value", "statistics_table"]

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


def _quote(s: Statistic, width: int) -> str:
    text = " ".join(s.quote(("«", "»")).split())
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


def _cell(s: Statistic, column: str, quote_width: int) -> str:
    match column:
        case "surface":
            return s.surface
        case "value":
            return format_value(s)
        case "kind":
            return s.kind.value
        case "qualifier":
            return s.qualifier.value
        case "unit":
            return s.unit
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
        case "quote":
            return _quote(s, quote_width)
        case "span":
            return f"{s.span[0]}-{s.span[1]}"
    raise ValueError(f"unknown column {column!r}; choose from {', '.join(ALL_COLUMNS)}")


def statistics_table(
    statistics: Sequence[Statistic],
    columns: Sequence[str] | None = None,
    fmt: str = "simple",
    width: int | None = None,
) -> str:
    """A table of statistics with a footer (``6 statistics from 1 document``).

    Args:
        statistics: the rows.
        columns: the columns, from ``surface, value, kind, qualifier, unit, period,
            agencies, pillar, document, section, quote, span``.
        fmt: a tabulate format (``simple``, ``github``, ``plain`` ...) or ``html``.
        width: the width to fit the quote column to; by default the terminal's.

    """
    cols = tuple(columns) if columns is not None else DEFAULT_COLUMNS
    for c in cols:
        if c not in ALL_COLUMNS:
            raise ValueError(f"unknown column {c!r}; choose from {', '.join(ALL_COLUMNS)}")
    total_width = width or shutil.get_terminal_size((120, 24)).columns
    fixed = sum(
        {"value": 16, "unit": 24, "period": 15, "agencies": 12, "pillar": 13, "document": 26}.get(
            c, 12
        )
        for c in cols
        if c != "quote"
    )
    quote_width = max(30, total_width - fixed - 2 * len(cols))
    rows = [[_cell(s, c, quote_width) for c in cols] for s in statistics]
    docs = {s.document_id for s in statistics}
    footer = (
        f"{len(statistics)} statistic{'s' if len(statistics) != 1 else ''} "
        f"from {len(docs)} document{'s' if len(docs) != 1 else ''}"
    )
    if fmt == "html":
        body = tabulate(
            [[html.escape(cell) for cell in row] for row in rows],
            headers=list(cols),
            tablefmt="unsafehtml",
        )
        return f"{body}\n<p>{html.escape(footer)}</p>"
    if not rows:
        return footer
    return f"{tabulate(rows, headers=list(cols), tablefmt=fmt, disable_numparse=True)}\n{footer}"
