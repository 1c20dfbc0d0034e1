r"""A normalised shadow of a text, for the recognisers to read, that maps back to the original.

Text as people get it, copied out of PDFs, word processors and web pages, holds characters
that look like the ASCII ones the recognisers are written for but are not:
no-break and thin spaces, en and em dashes and the minus sign, curly quotes, full-width
digits and letters, soft hyphens and zero-width characters, ligatures (``ﬁ``) and
control characters.
:func:`normalise` returns a :class:`Shadow`: a copy of the text with those characters
replaced by their plain forms, and a map from offsets in the copy back to offsets in the
original.
Recognisers read ``shadow.text``; every span they return goes through
:meth:`Shadow.to_original` (or :meth:`Shadow.remap` for a whole mention) before anyone
sees it, so that spans always index the original text (see STYLE.md, *Extraction
results and spans*).

What changes, and how:

* Same-length substitutions keep offsets one to one: space-like characters become
  ``" "``, dashes and the minus sign ``"-"``, curly quotes ``'`` and ``"``, full-width
  forms (U+FF01-U+FF5E) their ASCII form, line and paragraph separators ``"\n"``,
  and control characters other than tab, line feed, vertical tab, form feed and
  carriage return ``" "``.
  A thin space or narrow no-break space between digit groups (``1\u2009248``, the
  SI and UN style) becomes ``","``, the separator the recognisers know.
* Deletions: the soft hyphen, zero-width spaces and joiners, the word joiner, a
  byte-order mark inside the text, and bidirectional formatting marks.
* Expansions: the Latin ligatures U+FB00-U+FB06 (``ﬁ`` becomes ``fi``).

* Footnote marks that a PDF converter fused to the text become spaces: digits right
  after a lower-case word or its closing punctuation (``victims14``, ``traffickers,3``,
  ``report."12``), and one or two digits that overrun a number's last group of three
  (``1,2473`` where the ``3`` is the mark: the shadow reads ``1,247``), and one or two
  digits after a year's full stop before the next sentence (``FY 2006.2 The``).
  Offsets stay one to one.
* Words and figures that a hard wrap broke are mended, which deletes characters: a
  thousands group carried to the next line (``1,\n862``), and a word hyphenated at a
  line end when the whole word is one (``inves-\ntigations``, ``mil-\nlion``), not when
  a compound is (``anti-\ntrafficking``).

Superscript digits, fractions and other compatibility forms are left alone on
purpose: NFKC would turn the footnote mark in ``1,248¹`` into a digit of the number.

Text that needs none of this (most text) costs one scan and gives an identity shadow.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from importlib import resources
from typing import TYPE_CHECKING, TypeVar

import attrs
import regex
from attrs import field, frozen

from tipcorpus.model import Span

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["Shadow", "normalise"]

_T = TypeVar("_T", bound="AttrsInstance")

#: Text fields of mentions and the span field whose original text they hold.
_TEXT_OF = {"surface": "span", "sentence": "sentence_span"}

#: Characters that become one plain character each: (characters, replacement).
_SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    # Space-like: no-break, en/em/thin/hair/figure spaces, narrow no-break, ideographic.
    ("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
     "\u202f\u205f\u3000", " "),
    # Dashes and minus: hyphen, non-breaking hyphen, figure/en/em dash, bar, minus, small
    # and full-width hyphen-minus.
    ("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    # Single quotes and apostrophes, prime, modifier apostrophe.
    ("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
    # Double quotes and double prime.
    ("\u201c\u201d\u201e\u201f\u2033", '"'),
    # Line breaks that are not "\n": next line, line and paragraph separators.
    ("\u0085\u2028\u2029", "\n"),
)  # fmt: skip

#: Characters removed from the shadow: soft hyphen, zero-width space / non-joiner /
#: joiner, word joiner, zero-width no-break space (a BOM inside the text), and the
#: bidirectional marks and embeddings, which PDF extractors leave in right-to-left text.
_DELETIONS = (
    "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

#: Control characters that become a space: C0 but tab, LF, VT, FF, CR; DEL; C1 but NEL.
_CONTROLS = "".join(
    chr(c) for c in (*range(0x09), *range(0x0E, 0x20), *range(0x7F, 0x85), *range(0x86, 0xA0))
)

#: The Latin ligatures, which NFKC expands to their letters.
_LIGATURES = "".join(chr(c) for c in range(0xFB00, 0xFB07))


@functools.cache
def _table() -> dict[int, str]:
    """The translation table: code point → its shadow (one char, none, or several)."""
    table: dict[int, str] = {}
    for chars, plain in _SUBSTITUTIONS:
        table.update(dict.fromkeys(map(ord, chars), plain))
    table.update(dict.fromkeys(map(ord, _CONTROLS), " "))
    for code in range(0xFF01, 0xFF5F):
        # Full-width ASCII: only where NFKC gives exactly one character.
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1:
            table.setdefault(code, plain)
    table.update(dict.fromkeys(map(ord, _DELETIONS), ""))
    for lig in _LIGATURES:
        table[ord(lig)] = unicodedata.normalize("NFKC", lig)
    return table


def _char_class(codes: list[int]) -> str:
    """A regex character class of the given code points, as escaped ranges."""
    codes = sorted(set(codes))
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        parts.append(f"\\u{codes[i]:04x}" + (f"-\\u{codes[j]:04x}" if j > i else ""))
        i = j + 1
    return "[" + "".join(parts) + "]"


# The two scans below use the standard library's re, not regex: for a bare character
# class re's search is about ten times faster (170 against 19 M characters a second),
# and this scan is the whole cost of normalising text that needs nothing.


@functools.cache
def _any_re() -> re.Pattern[str]:
    """Any character the shadow changes: one search of this decides the fast path."""
    return re.compile(_char_class(list(_table())))


@functools.cache
def _resize_re() -> re.Pattern[str]:
    """Any character whose shadow is not exactly one character long."""
    return re.compile(_char_class([c for c, s in _table().items() if len(s) != 1]))


@functools.cache
def _group_space_re() -> regex.Pattern[str]:
    """A thin or narrow no-break space used as a thousands separator."""
    return regex.compile(
        r"""
        (?<=(?<![\d.,])\d{1,3}(?:[\u2009\u202f]\d{3})*)  # 1-3 digits, maybe earlier groups
        [\u2009\u202f]                                 # the separator
        (?=\d{3}(?!\d))                                # exactly three digits follow
        """,
        regex.VERBOSE,
    )


@functools.cache
def _footnote_candidate_re() -> re.Pattern[str]:
    """Digits after a letter or punctuation that end where no word, group or decimal goes on.

    A prefilter: :func:`_footnote_marks` decides which of these are marks.  One
    character of look-behind keeps the scan fast (a wider one halves its speed).
    """
    return re.compile(
        r"""
        (?<=[a-z".,;:)\]])     # after a lower-case letter or punctuation
        \d{1,5}                # digits
        (?![\w,]|\.\d)         # not followed by a word, a group or a decimal
        """,
        re.VERBOSE,
    )


#: Punctuation that may stand between a word and its footnote mark.
_CLOSERS = '".,;:)]'


def _footnote_marks(text: str) -> list[tuple[int, int]]:
    """Spans of the footnote marks fused to the word or number before them.

    A mark is one to three digits straight after a lower-case word of three or more
    letters (``victims14``) or after the punctuation that closes a lower-case word
    (``traffickers,3``, ``report."12``), or one or two digits that overrun a number's
    last group of three (the ``3`` of ``1,2473``).
    """
    marks: list[tuple[int, int]] = []
    for m in _footnote_candidate_re().finditer(text):
        start, end = m.span()
        before = text[start - 1]
        if before == "," and text[start - 2 : start - 1].isdigit():
            if end - start in (4, 5):
                marks.append((start + 3, end))
        elif (
            before == "."
            and end - start <= 2
            and text[start - 5 : start - 3] in ("19", "20")
            and text[start - 5 : start - 1].isdigit()
            and not text[start - 6 : start - 5].isdigit()
            and _capital_follows(text, end)
        ):
            marks.append((start, end))  # "in FY 2006.2 The": a mark after a year
        elif end - start <= 3:
            # Up to two closing characters (``."``), then the word they close.
            i = start
            while i > start - 2 and i > 0 and text[i - 1] in _CLOSERS:
                i -= 1
            width = 3 if i == start else 2
            word = text[max(i - width, 0) : i]
            if len(word) == width and word.isalpha() and word.islower():
                marks.append((start, end))
    return marks


def _capital_follows(text: str, end: int) -> bool:
    """Whether blank space and a capital letter (a new sentence) follow ``end``."""
    stripped = text[end : end + 8].lstrip()
    return len(stripped) < len(text[end : end + 8]) and stripped[:1].isupper()


def _blank_footnotes(text: str) -> str:
    """``text`` with fused footnote marks replaced by as many spaces."""
    marks = _footnote_marks(text)
    if not marks:
        return text
    parts: list[str] = []
    last = 0
    for start, end in marks:
        parts += (text[last:start], " " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


@frozen
class Shadow:
    r"""A normalised copy of a text and the map from its offsets back to the original.

    Attributes:
        text: the normalised text the recognisers read.
        original: the text it was made from; spans from :meth:`to_original` index it.

    Two shadows are equal when their texts are; the offset map follows from them.

    >>> shadow = normalise("The \ufb01rst 1,248\u00a0victims")
    >>> shadow.text, shadow.identity
    ('The first 1,248 victims', False)
    >>> start, end = shadow.to_original((10, 15))
    >>> shadow.original[start:end]
    '1,248'

    .. versionadded:: 0.1.0

    """

    text: str = field(repr=False)
    original: str = field(repr=False)
    # Breakpoints of the piecewise map from shadow offsets to original offsets: from
    # _shadow_at[k] on, shadow offset s is original offset _original_at[k] + (s -
    # _shadow_at[k]).
    # Empty when the two texts have the same length, which makes the map the identity.
    _shadow_at: array[int] = field(factory=lambda: array("q"), eq=False, repr=False)
    _original_at: array[int] = field(factory=lambda: array("q"), eq=False, repr=False)

    @property
    def identity(self) -> bool:
        """True when the shadow is the original text: spans need no mapping."""
        return self.text is self.original or self.text == self.original

    @property
    def aligned(self) -> bool:
        """True when every offset of the shadow is the same offset of the original."""
        return not self._shadow_at

    def _offset(self, s: int) -> int:
        """The original offset of the shadow character at ``s`` (or of the end, at len)."""
        k = bisect_right(self._shadow_at, s) - 1
        if k < 0:
            return s
        return self._original_at[k] + (s - self._shadow_at[k])

    def to_original(self, span: Span) -> Span:
        r"""Map a half-open span of the shadow text to the original text.

        The result covers every original character that any character of ``span``
        comes from, and what lies between them (a soft hyphen inside a word), but no
        deleted character before the first or after the last one.
        An empty span maps to an empty span.

        >>> shadow = normalise("traf\u00adficking of 1,\u00ad248 victims")
        >>> shadow.text
        'trafficking of 1,248 victims'
        >>> start, end = shadow.to_original((15, 20))
        >>> shadow.original[start:end]
        '1,\xad248'

        Args:
            span: a ``(start, end)`` pair with ``0 <= start <= end <= len(text)``.

        Returns:
            The span of the original text.

        Raises:
            ValueError: the span is not within the shadow text.

        """
        start, end = span
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(
                f"span {span!r} is not within the shadow text of length {len(self.text)}"
            )
        if not self._shadow_at:
            return span
        first = self._offset(start)
        if end == start:
            return first, first
        return first, self._offset(end - 1) + 1

    def to_shadow(self, span: Span) -> Span:
        r"""Map a half-open span of the original text to the shadow text.

        The inverse of :meth:`to_original` where characters are kept; a deleted
        character maps to where the shadow goes on after it.

        >>> shadow = normalise("issued 1,\n862 let-\nters")
        >>> start, end = shadow.to_shadow((7, 23))
        >>> shadow.text[start:end]
        '1,862 letters'

        Args:
            span: a ``(start, end)`` pair with ``0 <= start <= end <= len(original)``.

        Returns:
            The span of the shadow text.

        Raises:
            ValueError: the span is not within the original text.

        """
        start, end = span
        if not 0 <= start <= end <= len(self.original):
            raise ValueError(
                f"span {span!r} is not within the original text of length {len(self.original)}"
            )
        if not self._shadow_at:
            return span
        return self._shadow_offset(start), self._shadow_offset(end)

    def _shadow_offset(self, o: int) -> int:
        """The first shadow offset whose original offset is ``o`` or after it."""
        # The map to the original is monotone: search it.
        return bisect_left(range(len(self.text) + 1), o, key=self._offset)

    def remap(self, mention: _T) -> _T:
        r"""The mention with its spans mapped to the original and its surface re-read there.

        Every field of an attrs ``mention`` named ``span`` or ending in ``_span`` is
        mapped with :meth:`to_original` (None stays None), and so is every span of a
        field ending in ``_spans``; ``surface`` and ``sentence``, when it has them,
        become the original text at the mapped ``span`` and ``sentence_span``.
        Other fields (the parsed value, the period, the unit) are kept.

        >>> shadow = normalise("In FY\u00a02007, 1,\u00ad248 victims.")
        >>> from tipcorpus.quantities import quantities
        >>> [shadow.remap(q).surface for q in quantities(shadow.text)]
        ['1,\xad248']

        Args:
            mention: a :class:`~tipcorpus.Quantity`, :class:`~tipcorpus.PeriodMention`,
                :class:`~tipcorpus.AgencyMention`, :class:`~tipcorpus.PillarCue` or
                other attrs value with spans into the shadow text.

        Returns:
            The same kind of value, with spans into the original text.

        """
        if self.identity:
            return mention
        changes: dict[str, object] = {}
        spans: dict[str, Span] = {}
        fields = attrs.fields(type(mention))
        for attribute in fields:
            name = attribute.name
            value = getattr(mention, name)
            if value is None:
                continue
            if name == "span" or name.endswith("_span"):
                changes[attribute.alias or name] = spans[name] = self.to_original(value)
            elif name.endswith("_spans"):
                changes[attribute.alias or name] = tuple(self.to_original(v) for v in value)
        for attribute in fields:
            source = _TEXT_OF.get(attribute.name)
            if source in spans:
                start, end = spans[source]
                changes[attribute.alias or attribute.name] = self.original[start:end]
        # The attrs mypy plugin cannot see through a TypeVar bound to AttrsInstance.
        return attrs.evolve(mention, **changes)  # type: ignore[misc]


def normalise(text: str) -> Shadow:
    r"""The normalised shadow of ``text``, with the map back to it.

    >>> normalise("1,248\u00a0victims \u2013 \u201cﬁrst\u201d").text
    '1,248 victims - "first"'
    >>> normalise("plain text").identity
    True
    >>> normalise("certified 1,\n862 victims and let-\nters to anti-\ntrafficking letters").text
    'certified 1,862 victims and letters to anti-\ntrafficking letters'

    Args:
        text: the original text (``Document.text``).

    Returns:
        A :class:`Shadow`; its ``identity`` is True when nothing needed changing.

    .. versionadded:: 0.1.0

    """
    joins = _line_joins(text)
    if not joins and _any_re().search(text) is None:
        blanked = _blank_footnotes(text)
        return Shadow(blanked if blanked != text else text, text)
    grouped = text
    if "\u2009" in text or "\u202f" in text:
        grouped = _group_space_re().sub(",", text)
    table = _table()

    def plain(piece: str) -> str:
        # Substituting match by match beats str.translate, which visits every character.
        return _any_re().sub(lambda m: table[ord(m.group())], piece)

    # Equal lengths can hide a deletion offset by an expansion: the scan rules that out.
    if not joins and _resize_re().search(text) is None:
        return Shadow(_blank_footnotes(plain(grouped)), text)
    # Every edit that changes the length, in text order: (start, end, replacement).
    edits = [(m.start(), m.end(), table[ord(m.group())]) for m in _resize_re().finditer(text)]
    if joins:
        edits = _merge(edits, joins)
    pieces: list[str] = []
    shadow_at: list[int] = []
    original_at: list[int] = []
    shift = 0  # shadow offset minus original offset, so far
    last = 0
    for start, end, replacement in edits:
        pieces += (plain(grouped[last:start]), replacement)
        s = start + shift  # where the replacement starts in the shadow
        for extra in range(1, len(replacement)):
            # An expansion: every shadow character of it maps back to start.
            _breakpoint(shadow_at, original_at, s + extra, start)
        shift += len(replacement) - (end - start)
        # The next original character, end, is at shadow offset s + len(replacement).
        _breakpoint(shadow_at, original_at, s + len(replacement), end)
        last = end
    pieces.append(plain(grouped[last:]))
    shadow = _blank_footnotes("".join(pieces))
    return Shadow(shadow, text, array("q", shadow_at), array("q", original_at))


def _merge(
    edits: list[tuple[int, int, str]], joins: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The two lists of edits in text order; a character edit inside a join is dropped."""
    out: list[tuple[int, int, str]] = []
    j = 0
    for edit in edits:
        while j < len(joins) and joins[j][0] <= edit[0]:
            out.append(joins[j])
            j += 1
        if out and edit[0] < out[-1][1]:
            continue  # inside the join before it
        out.append(edit)
    out.extend(joins[j:])
    return out


# --------------------------------------------------------------------------- line joins


@functools.cache
def _break_re() -> re.Pattern[str]:
    """A line break after a hyphen or after a thousands comma: where a join may be."""
    return re.compile(r"[-,][ \t]*\r?\n[ \t]*")


@functools.cache
def _scale_words() -> frozenset[str]:
    """Number and scale words ("million", "percent"), which a figure's line may split."""
    from tipcorpus.quantities import number_words  # noqa: PLC0415

    return frozenset(number_words())


def _line_joins(text: str) -> list[tuple[int, int, str]]:
    r"""Deletions that mend words and figures a hard wrap broke, in text order.

    * ``1,\n862``: a thousands group carried to the next line joins its number.
    * ``inves-\ntigations``: a word hyphenated at the line end is made whole when the
      whole word is written elsewhere in the text (or is a number or scale word such as
      ``mil-\nlion``); otherwise the line break goes and the hyphen stays
      (``anti-\ntrafficking``), as it does before a capital (``U.S.-\nMexico``).
    """
    if "\n" not in text:
        return []
    joins: list[tuple[int, int, str]] = []
    vocabulary: frozenset[str] | None = None
    for m in _break_re().finditer(text):
        start, end = m.span()
        if text[start] == ",":
            # 1-3 digits (not part of a longer number) before, three digits after.
            head = start
            while head > 0 and text[head - 1].isdigit():
                head -= 1
            if (
                1 <= start - head <= 3
                and (
                    head == 0
                    or (text[head - 1] != "." and (text[head - 1] != "," or start - head == 3))
                )
                and text[end : end + 3].isdigit()
                and len(text[end : end + 3]) == 3
                and not text[end + 3 : end + 4].isdigit()
            ):
                joins.append((start + 1, end, ""))
            continue
        before = start
        while before > 0 and text[before - 1].isalpha():
            before -= 1
        after = end
        while after < len(text) and text[after].isalpha():
            after += 1
        if before == start or after == end:
            continue  # "- 12 -", a dash before a number or a bullet
        if vocabulary is None:
            vocabulary = _vocabulary(text)
        if text[end].islower() and _is_broken_word(
            text[before:start].lower(), text[end:after].lower(), vocabulary
        ):
            joins.append((start, end, ""))
    return joins


def _is_broken_word(head: str, tail: str, vocabulary: frozenset[str]) -> bool:
    """Whether ``head-`` and ``tail`` on the next line are one word cut by the wrap.

    Yes when the whole word is written elsewhere or is a number word; no when the
    compound is (``anti-trafficking``), when the head is a prefix written with a hyphen
    (``anti``, ``non``, ``pre``) or when both halves are words (``government-funded``);
    otherwise a syllable was cut (``applica-tions``), and yes.
    """
    joined = head + tail
    if joined in vocabulary or joined in _scale_words():
        return True
    if f"{head}-{tail}" in vocabulary or head in _hyphen_prefixes():
        return False
    return not (head in vocabulary and tail in vocabulary)


@functools.cache
def _hyphen_prefixes() -> frozenset[str]:
    """Prefixes the genre writes with a hyphen (``data/units.toml``)."""
    raw = tomllib.loads(
        (resources.files("tipcorpus") / "data" / "units.toml").read_text(encoding="utf-8")
    )
    return frozenset(raw["hyphen_prefixes"])


def _vocabulary(text: str) -> frozenset[str]:
    """The words of the text, lower-cased, as written whole (not cut by a line-end hyphen).

    Hyphenated compounds written on one line (``anti-trafficking``) are words too, and
    so are their parts.
    """
    # The halves of a word cut at a line end are no words of their own: leave them out.
    pieces: list[str] = []
    last = 0
    for m in _break_re().finditer(text):
        start, end = m.span()
        if text[start] != "-":
            continue
        while start > last and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    # Splitting at blank space and stripping punctuation beats a regex scan, and each
    # distinct token is looked at once; a piece at a time, so that no list of every
    # token of the report is ever built.
    tokens: set[str] = set()
    for piece in pieces:
        start = 0
        while start < len(piece):
            # Cut at blank space, so that no word is split in two.
            cut = piece.find(" ", start + _TOKEN_PIECE)
            cut = len(piece) if cut < 0 else cut
            tokens.update(piece[start:cut].lower().split())
            start = cut
    words: set[str] = set()
    for token in tokens:
        word = token.strip(_PUNCTUATION)
        if word:
            words.add(word)
            if "-" in word:
                words.update(word.split("-"))
    return frozenset(words)


_TOKEN_PIECE = 1 << 16  # characters split into tokens at once
_PUNCTUATION = "\"'()[]{}<>.,;:!?*“”‘’«»…/"


def _breakpoint(shadow_at: list[int], original_at: list[int], s: int, o: int) -> None:
    """From shadow offset ``s`` on, map to original offsets from ``o``."""
    if shadow_at and shadow_at[-1] == s:
        # Consecutive deletions: the later one wins, the shadow character is after both.
        original_at[-1] = o
    else:
        shadow_at.append(s)
        original_at.append(o)
