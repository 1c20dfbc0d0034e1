"""How statistics, documents and text are shown to a reader: a line, a repr, a card.

Numbers are also given as JSON writes them (:func:`json_number`, :func:`exact_text`), for
the records of exports and of result tables.

These functions read the value types (:class:`~tipcorpus.Statistic`, :class:`~tipcorpus.Document`)
by their attributes and import none of them at run time, so the value types use them for
``str``, ``repr`` and ``_repr_html_`` while every import runs one way.

.. versionadded:: 0.12
"""

from __future__ import annotations

import functools
import html
from decimal import Decimal
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from tipcorpus.document import Document
    from tipcorpus.model import Number, Period, Statistic

__all__ = [
    "document_card",
    "document_line",
    "document_repr",
    "exact_text",
    "format_number",
    "format_period",
    "format_value",
    "hidden_characters",
    "hidden_numbers",
    "json_number",
    "measured",
    "plural",
    "quote_html",
    "quote_text",
    "reader_text",
    "statistic_card",
    "statistic_line",
    "statistic_repr",
    "visible",
]


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 statistic``, ``2 statistics``: the count and the noun in the right number.

    >>> plural(1, "statistic"), plural(3, "entry", "entries")
    ('1 statistic', '3 entries')
    """
    return f"{n:,} {noun if n == 1 else (nouns or noun + 's')}"


_ESCAPE_RE = regex.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~\"'])")


def reader_text(text: str) -> str:
    r"""Text as a reader sees it: markdown escapes dropped, white space made single spaces.

    Invisible and direction-changing characters are written out (:func:`visible`).

    Only what is shown changes; spans and stored text keep every character.

    >>> reader_text("HHS spent \\$4.5 million on\n  *grants*")
    'HHS spent $4.5 million on *grants*'
    """
    return visible(" ".join(_ESCAPE_RE.sub(r"\1", text).split()))


#: Invisible characters that may stand inside a word or a number: bidirectional controls
#: (``1,\u202e842\u202c`` displays as "1,248") and zero-width characters.
_FORMAT_CHARS = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
#: Those, and control characters other than tab and line ends.
_INVISIBLE = f"[{_FORMAT_CHARS}\x00-\x08\x0e-\x1f\x7f-\x9f]"


@functools.cache
def _invisible_re() -> regex.Pattern[str]:
    return regex.compile(_INVISIBLE)


def hidden_characters(text: str) -> bool:
    """Whether ``text`` holds invisible or direction-changing characters.

    >>> hidden_characters("1,\u202e842\u202c"), hidden_characters("1,842")
    (True, False)
    """
    return not (text.isascii() and text.isprintable()) and _invisible_re().search(text) is not None


#: A number with invisible characters among its digits: ``1,\u202e842\u202c``.
_HIDDEN_NUMBER = rf"\$?[\d{_FORMAT_CHARS}][\d,.{_FORMAT_CHARS}]*"


@functools.cache
def _hidden_number_re() -> regex.Pattern[str]:
    return regex.compile(_HIDDEN_NUMBER)


def hidden_numbers(text: str) -> list[tuple[int, int]]:
    """Where numbers are written with invisible or direction controls among their digits.

    >>> hidden_numbers("opened 1,\u202e842\u202c cases and 12 more")
    [(7, 14)]
    """
    if text.isascii():
        return []
    return [
        m.span()
        for m in _hidden_number_re().finditer(text)
        if any(c.isdigit() for c in m.group()) and hidden_characters(m.group())
    ]


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


_QUALIFIER_SIGN = {"approx": "~", "min": ">", "max": "<", "exact": ""}


def format_number(value: Number) -> str:
    """A number with thousands commas; a whole Decimal without its point (``1,974``)."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return f"{value:,}"


def json_number(value: Number) -> int | float:
    """A number as JSON and pandas write it: an ``int`` when whole, else a ``float``.

    >>> from decimal import Decimal
    >>> json_number(Decimal("51000000")), json_number(Decimal("3.5"))
    (51000000, 3.5)
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


_EXACT_FLOAT = 2**53


def exact_text(value: Number | None) -> str | None:
    """The exact decimal string where :func:`json_number` (or a float column) would round.

    >>> from decimal import Decimal
    >>> exact_text(Decimal("1.50")), exact_text(Decimal("3.5")), exact_text(1974)
    ('1.50', None, None)
    """
    if value is None:
        return None
    number = json_number(value)
    if isinstance(number, int):
        return None if abs(number) <= _EXACT_FLOAT and str(number) == str(value) else str(value)
    return None if repr(number) == str(value) else str(value)


def format_value(s: Statistic) -> str:
    """The value as a reader expects it: ``$51,000,000``, ``47%``, ``7×``, ``~1,500``.

    >>> from tipcorpus import Corpus
    >>> s = Corpus.from_texts({"x": "In FY 2007, DOL spent about $51 million."}).statistics()[0]
    >>> format_value(s)
    '~$51,000,000'
    """
    sign = _QUALIFIER_SIGN[s.qualifier.value]
    low = format_number(s.value)
    high = format_number(s.value_high) if s.value_high is not None else None
    if s.kind.value == "money":
        body = f"${low}" + (f"–${high}" if high else "")
    elif s.kind.value == "percent":
        body = f"{low}%" + (f"–{high}%" if high else "")
    elif s.kind.value == "multiplier":
        body = f"{low}×"
    else:
        body = low + (f"–{high}" if high else "")
    return sign + body


def format_period(period: Period | None) -> str:
    """``FY2007``, ``FY2001–FY2007``, ``through FY2007``, ``2009–2016`` or ``""``."""
    return "" if period is None else str(period)


def quote_text(s: Statistic) -> str:
    """The sentence as a reader sees it, with the number in ``«»``."""
    return reader_text(s.quote(("«", "»")))


def quote_html(s: Statistic) -> str:
    """The sentence, escaped, with the number expression in ``<mark>``."""
    before, _, rest = s.quote(("\x02", "\x03")).partition("\x02")
    middle, _, after = rest.partition("\x03")
    return (
        html.escape(reader_text(before) + (" " if before[-1:].isspace() else ""))
        + f"<mark>{html.escape(reader_text(middle))}</mark>"
        + html.escape((" " if after[:1].isspace() else "") + reader_text(after))
    )


def measured(s: Statistic) -> str:
    """The value with what it counts: ``1,974 T visas``, ``$51,000,000``, ``47%``."""
    value = format_value(s)
    if s.kind.value != "count" or not s.unit.strip():
        return value
    return f"{value} {reader_text(s.unit)}"


def statistic_line(s: Statistic) -> str:
    """A statistic in one line: value, unit, (agencies, period, pillar) — document.

    >>> from tipcorpus import Corpus
    >>> visas = Corpus.default().statistics(unit="T visas")[0]
    >>> statistic_line(visas)
    '1,974 T visas (USCIS, through FY2007, protection) — Declaration of Achievements 2001-2008'
    """
    context = [", ".join(s.agency_ids), format_period(s.period), str(s.pillar or "")]
    shown = ", ".join(part for part in context if part)
    line = measured(s) + (f" ({shown})" if shown else "")
    doc = s.document
    if doc is not None:
        line += f" — {reader_text(doc.title) or doc.id}"
    return line


def statistic_repr(s: Statistic) -> str:
    """A short repr: what the figure is and where it is.

    >>> from tipcorpus import Corpus
    >>> Corpus.default().statistics(unit="T visas")[0]
    <Statistic 1,974 T visas, through FY2007 at achievements-2001-2008 chars 6396-6401>
    """
    period = f", {s.period}" if s.period is not None else ""
    where = f" at {s.document_id}" if s.document_id is not None else ""
    return f"<Statistic {measured(s)}{period}{where} chars {s.span[0]}-{s.span[1]}>"


def statistic_card(s: Statistic) -> str:
    """A statistic as a small HTML card: the figure, its quote and its citation."""
    return (
        '<div class="tipcorpus-statistic">'
        f"<p><strong>{html.escape(statistic_line(s))}</strong></p>"
        f"<blockquote>{quote_html(s)}</blockquote>"
        f"<p><small>{html.escape(reader_text(s.cite()))}</small></p></div>"
    )


def document_line(doc: Document) -> str:
    """A document in one line: title, issuer, date, id and length.

    >>> from tipcorpus import Corpus
    >>> print(document_line(Corpus.default()["ag-assessment-2009"]))  # doctest: +ELLIPSIS
    Assessment of ... (ag-assessment-2009), U.S. Department of Justice, 2009-06-01, 4,016 characters
    """
    when = doc.published.isoformat() if doc.published is not None else doc.year
    parts = [f"{reader_text(doc.title) or doc.id} ({doc.id})", doc.issuer, when]
    parts.append(plural(len(doc.text), "character"))
    return ", ".join(str(p) for p in parts if p)


def document_repr(doc: Document) -> str:
    """A short repr: id, title and year; it reads no file."""
    return f"Document(id={doc.id!r}, title={doc.title!r}, year={doc.year!r})"


def document_card(doc: Document) -> str:
    """A document as a small HTML card: title, issuer, date, kind, source and length."""
    rows = [
        ("id", doc.id),
        ("issuer", doc.issuer or ""),
        ("published", doc.published.isoformat() if doc.published else str(doc.year or "")),
        ("kind", doc.kind),
        ("source", doc.source or ""),
        ("characters", f"{len(doc.text):,}"),
    ]
    body = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows if v
    )
    return (
        f'<div class="tipcorpus-document"><h4>{html.escape(reader_text(doc.title) or doc.id)}'
        f"</h4><table>{body}</table></div>"
    )
