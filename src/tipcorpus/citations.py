"""Citations of statistics and their documents, and stable references to statistics.

A citation is built from the document's catalogue metadata (title, issuer, date or
year, source) and the statistic's place (section, character offsets):

>>> from tipcorpus import Corpus
>>> corpus = Corpus.from_texts(
...     {"memo": "In FY 2007, HHS certified 1,248 victims."},
...     metadata={"memo": {"title": "HHS memo", "issuer": "HHS", "year": 2008}},
... )
>>> s = corpus.statistics()[0]
>>> cite(s)
'HHS memo, HHS, 2008, chars 26-31'
>>> cite(s, "apa")
'HHS. (2008). HHS memo. Chars 26-31.'

A reference names a statistic by its document and span, and turns back into it:

>>> ref(s)
'tipcorpus:memo#c=26-31'
>>> corpus.resolve("tipcorpus:memo#c=26-31") == s
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote, unquote

import regex

from tipcorpus.errors import TipcorpusError, UnknownDocument

if TYPE_CHECKING:
    from tipcorpus.document import Document
    from tipcorpus.model import Statistic

__all__ = [
    "STYLES",
    "BadReference",
    "Style",
    "bibliography",
    "cite",
    "cite_document",
    "parse_ref",
    "ref",
    "resolve",
    "short_section",
    "statistic_section",
]

Style = Literal["plain", "apa", "chicago", "bibtex"]
"""A citation style."""

STYLES: tuple[str, ...] = ("plain", "apa", "chicago", "bibtex")
"""The citation styles, in the order the command line lists them."""

PREFIX = "tipcorpus:"


class BadReference(TipcorpusError, ValueError):
    """A reference that is malformed or names no statistic.

    It is also a :class:`ValueError`.

    >>> try:
    ...     parse_ref("memo#26-31")
    ... except BadReference as e:
    ...     print(e)
    malformed reference 'memo#26-31': expected tipcorpus:<document-id>#c=<start>-<end>
    """


def _check_style(style: str) -> str:
    key = style.strip().lower()
    if key not in STYLES:
        raise TipcorpusError(
            f"unknown citation style {style!r}; valid choices: {', '.join(STYLES)}"
        )
    return key


# ----------------------------------------------------------------- references


def ref(statistic: Statistic) -> str:
    """A stable reference to a statistic: ``tipcorpus:<doc-id>#c=<start>-<end>``.

    The document id is percent-encoded where it holds characters other than letters,
    digits and ``-._~``.

    Raises:
        BadReference: the statistic belongs to no document.

    """
    doc_id = statistic.document_id
    if doc_id is None:
        raise BadReference(
            f"the statistic {statistic.surface!r} belongs to no document; only statistics "
            "read from a corpus have a reference"
        )
    start, end = statistic.span
    return f"{PREFIX}{quote(doc_id, safe='')}#c={start}-{end}"


@functools.cache
def _ref_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        ^\s*tipcorpus:        # the scheme
        (?P<doc>[^\#\s]+)     # the document id, percent-encoded
        \#c=                  # the fragment: character offsets
        (?P<start>\d+)        # start offset
        -(?P<end>\d+)         # end offset, exclusive
        \s*$
        """,
        regex.VERBOSE,
    )


def parse_ref(reference: str) -> tuple[str, int, int]:
    """The document id, start and end offset of a reference.

    >>> parse_ref("tipcorpus:state-factsheet-2016#c=1390-1393")
    ('state-factsheet-2016', 1390, 1393)

    Raises:
        BadReference: the reference is malformed.

    """
    m = _ref_re().match(reference)
    if m is None:
        raise BadReference(
            f"malformed reference {reference!r}: expected tipcorpus:<document-id>#c=<start>-<end>"
        )
    start, end = int(m.group("start")), int(m.group("end"))
    if start > end:
        raise BadReference(f"malformed reference {reference!r}: start {start} is after end {end}")
    return unquote(m.group("doc")), start, end


def resolve(corpus: Mapping[str, Document], reference: str) -> Statistic:
    """The statistic a reference names (see :meth:`tipcorpus.Corpus.resolve`).

    Raises:
        BadReference: the reference is malformed, or no statistic is at that span.
        UnknownDocument: the corpus has no such document.

    """
    doc_id, start, end = parse_ref(reference)
    if doc_id not in corpus:
        import difflib  # noqa: PLC0415

        close = difflib.get_close_matches(doc_id, list(corpus), n=3, cutoff=0.4)
        raise UnknownDocument(doc_id, close, choices=sorted(corpus)[:10])
    doc = corpus[doc_id]
    for s in doc.statistics:
        if s.span == (start, end):
            return s
    if end > len(doc.text):
        raise BadReference(
            f"no statistic at chars {start}-{end} of {doc_id!r}: the document has only "
            f"{len(doc.text)} characters"
        )
    near = sorted(doc.statistics, key=lambda s: abs(s.span[0] - start))[:3]
    hint = ", ".join(f"{ref(s)} ({s.surface!r})" for s in near)
    found = doc.text[start:end]
    raise BadReference(
        f"no statistic at chars {start}-{end} of {doc_id!r} (the text there is {found!r})"
        + (f"; the nearest are {hint}" if hint else "; the document has no statistics")
    )


# ----------------------------------------------------------------- citations


def _year(doc: Document) -> str | None:
    if doc.published is not None:
        return str(doc.published.year)
    return str(doc.year) if doc.year is not None else None


def _page(statistic: Statistic) -> list[str]:
    """``["p. 12"]`` for a statistic of a PDF, else nothing."""
    doc = statistic.document
    page = doc.page_at(statistic.span[0]) if doc is not None else None
    return [f"p. {page}"] if page is not None else []


def _words(text: str) -> str:
    return " ".join(regex.findall(r"\w+", text.lower()))


def short_section(path: Sequence[str], title: str | None = None) -> str:
    """A heading path without repeats, for citations and tables: ``A › B``.

    A heading is left out when a deeper heading of the path repeats it, or when it
    repeats the document's title (which a citation names already), or the title
    repeats it; the last heading is always kept.

    >>> short_section(["Task Force", "DECLARATION: Task Force (TIP)", "Prosecution"],
    ...               "Declaration")
    'Prosecution'
    >>> short_section(["Efforts", "Immigration Benefits"])
    'Efforts › Immigration Benefits'
    """
    words = [_words(h) for h in path]
    named = _words(title or "")
    kept: list[str] = []
    for i, heading in enumerate(path):
        w = words[i]
        last = i == len(path) - 1
        repeated = any(w and w in later for later in words[i + 1 :])
        in_title = bool(named and w and (w in named or named in w))
        if last or not (repeated or in_title):
            kept.append(heading)
    return " › ".join(kept)


def statistic_section(statistic: Statistic) -> str:
    r"""The section of a statistic as citations and tables name it (see :func:`short_section`).

    >>> from tipcorpus import Corpus
    >>> doc = "# Results\n\n## Victim Services\n\nIn FY 2007, HHS certified 1,248 victims."
    >>> statistic_section(Corpus.from_texts({"memo": doc}).statistics()[0])
    'Victim Services'
    """
    doc = statistic.document
    return short_section(statistic.section, doc.title if doc is not None else None)


def _where(statistic: Statistic, *, capital: bool) -> str:
    parts: list[str] = []
    if statistic.section:
        parts.append("section " + statistic_section(statistic))
    parts.extend(_page(statistic))
    parts.append(f"chars {statistic.span[0]}-{statistic.span[1]}")
    text = ", ".join(parts)
    return text[0].upper() + text[1:] if capital else text


def _plain(statistic: Statistic) -> str:
    parts: list[str] = []
    doc = statistic.document
    if doc is not None:
        parts.append(doc.title or doc.id)
        if doc.issuer:
            parts.append(doc.issuer)
        if doc.published is not None:
            parts.append(doc.published.isoformat())
        elif doc.year is not None:
            parts.append(str(doc.year))
    if statistic.section:
        parts.append("section " + statistic_section(statistic))
    parts.extend(_page(statistic))
    parts.append(f"chars {statistic.span[0]}-{statistic.span[1]}")
    return ", ".join(parts)


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _apa_document(doc: Document) -> str:
    author = doc.issuer or doc.title or doc.id
    if doc.published is not None:
        date = f"{doc.published.year}, {doc.published.strftime('%B')}"
        if doc.published.day != 1:
            date += f" {doc.published.day}"
    else:
        date = _year(doc) or "n.d."
    parts = [_end(author), f"({date}).", _end(doc.title or doc.id)]
    return " ".join(parts)


def _chicago_document(doc: Document) -> str:
    title = doc.title or doc.id
    parts = [_end(doc.issuer)] if doc.issuer else []
    parts.append(f"“{_end(title)}”")
    if doc.published is not None:
        parts.append(
            _end(f"{doc.published.strftime('%B')} {doc.published.day}, {doc.published.year}")
        )
    elif (year := _year(doc)) is not None:
        parts.append(_end(year))
    return " ".join(parts)


def _bibtex_escape(text: str) -> str:
    out = text
    for char in ("&", "%", "$", "#", "_"):
        out = out.replace(char, "\\" + char)
    return out


def _bibtex_key(doc: Document) -> str:
    return regex.sub(r"[^A-Za-z0-9:_-]+", "-", doc.id).strip("-") or "document"


def _bibtex(doc: Document, note: str | None = None) -> str:
    fields: list[tuple[str, str]] = [("title", doc.title or doc.id)]
    if doc.issuer:
        fields.append(("institution", doc.issuer))
    if (year := _year(doc)) is not None:
        fields.append(("year", year))
    if doc.published is not None:
        fields.append(("month", doc.published.strftime("%b").lower()))
    if doc.kind:
        fields.append(("type", doc.kind[0].upper() + doc.kind[1:]))
    if note:
        fields.append(("note", note))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{_bibtex_escape(value)}}}"
        for name, value in fields
    )
    return f"@techreport{{{_bibtex_key(doc)},\n{body}\n}}"


def cite_document(document: Document, style: Style | str = "apa") -> str:
    """A reference-list entry for a document.

    >>> from tipcorpus import Corpus
    >>> print(cite_document(Corpus.default()["tip-report-2005-usg"], "chicago"))
    ... # doctest: +NORMALIZE_WHITESPACE
    U.S. Department of State, Office to Monitor and Combat Trafficking in Persons.
    “Trafficking in Persons Report 2005, VII. United States Government Efforts.”
    June 3, 2005.

    Raises:
        TipcorpusError: an unknown style.

    """
    key = _check_style(style)
    if key == "apa":
        return _apa_document(document)
    if key == "chicago":
        return _chicago_document(document)
    if key == "bibtex":
        return _bibtex(document)
    parts = [document.title or document.id]
    if document.issuer:
        parts.append(document.issuer)
    if document.published is not None:
        parts.append(document.published.isoformat())
    elif document.year is not None:
        parts.append(str(document.year))
    return ", ".join(parts)


def cite(statistic: Statistic, style: Style | str = "plain") -> str:
    r"""A citation of a statistic: its document and its place in it.

    Args:
        statistic: the statistic.
        style: ``plain`` (title, issuer, date, section, offsets), ``apa``, ``chicago``
            or ``bibtex`` (a ``@techreport`` entry whose note gives the place and the
            reference).

    Raises:
        TipcorpusError: an unknown style.

    >>> import datetime
    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts(
    ...     {"memo": "# Protection\n\nIn FY 2007, HHS certified 1,248 victims."},
    ...     metadata={"memo": {"title": "HHS memo", "issuer": "HHS",
    ...                        "published": datetime.date(2008, 3, 14)}},
    ... )
    >>> print(cite(corpus.statistics()[0], "chicago"))
    HHS. “HHS memo.” March 14, 2008. Section Protection, chars 40-45.
    >>> print(cite(corpus.statistics()[0], "bibtex"))
    @techreport{memo,
      title = {HHS memo},
      institution = {HHS},
      year = {2008},
      month = mar,
      type = {Report},
      note = {Section Protection, chars 40-45; tipcorpus:memo\#c=40-45}
    }

    """
    key = _check_style(style)
    doc = statistic.document
    if key == "plain" or doc is None:
        return _plain(statistic)
    if key == "bibtex":
        note = f"{_where(statistic, capital=True)}; {ref(statistic)}"
        return _bibtex(doc, note)
    entry = _apa_document(doc) if key == "apa" else _chicago_document(doc)
    return f"{entry} {_where(statistic, capital=True)}."


def bibliography(statistics: Iterable[Statistic], style: Style | str = "apa") -> str:
    """One entry per document the statistics come from, sorted, one per line.

    BibTeX entries are separated by a blank line.

    Raises:
        TipcorpusError: an unknown style.

    """
    key = _check_style(style)
    docs: dict[str, Document] = {}
    for s in statistics:
        if s.document is not None:
            docs.setdefault(s.document.id, s.document)
    entries = sorted((cite_document(d, key) for d in docs.values()), key=str.casefold)
    return ("\n\n" if key == "bibtex" else "\n").join(entries)
