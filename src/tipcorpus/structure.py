r"""Document structure: sections, blocks (headings, paragraphs, bullets) and sentences.

:func:`parse_structure` reads a report's text line by line and returns a
:class:`Structure` whose every span indexes into that text unchanged
(``\n`` and ``\r\n`` line ends alike).

How the text is cut, in order:

1. Lines are grouped into runs of non-blank lines.
2. Inside a run, a line starts a new block when it is a bullet item, a markdown
   heading or an outline item, or when the line before it was broken on purpose
   (the first word of the line would have fitted on the line before it, judged
   against the wrap width of the document's hard-wrapped lines).
   Lines starting in lower case, indented lines under a bullet and lines after a
   line ending in ``,`` or ``of`` continue the block.
3. Single-line blocks that look like headings become headings: markdown ``#``
   headings, Roman-numeral, numbered and lettered outline headings, bold lines, and
   (in documents that do not mark headings up with ``#``) ALL-CAPS and title-case
   lines.
   Two or more heading-like lines in a row with no blank line between them are a
   letterhead, an address or a table of contents, and stay paragraphs.
4. Page furniture is set aside: lines that are only a page number (``12``, ``- 12 -``,
   ``Page 12 of 40``, ``iv``), and running headers and footers, which are lines that
   come back two or more times on a line of their own, either next to a page number or
   with a page number or a wide gap of their own (``TRAFFICKING IN PERSONS REPORT
   JUNE 2008``, ``Attorney General's Annual Report -- FY 2010``).
   They are neither headings nor blocks; :attr:`Structure.furniture` lists them.
5. A paragraph that was cut by a page break (it does not end in sentence-final
   punctuation, and the next block starts in lower case or it ends on ``the``,
   ``of`` ...) is joined with the next block, across any page furniture between them;
   the joined block's text is the raw slice, blank lines and furniture included.
6. Headings nest by style: the first heading of a style nests under the heading
   before it, a later heading of a style already open closes everything below that
   style, and ranked styles (markdown by ``#`` count, then Roman numerals, capital
   letters, numbers, small letters, parenthesised items) close less important ones.
7. Every block is cut into sentences by :func:`split_sentences`.

The word lists (abbreviations, sentence starters, title-case minor words) live in
``data/abbreviations.toml`` and are read on first use.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import tomllib
from collections.abc import Callable, Iterator, Sequence
from importlib import resources

import attrs
import regex
from attrs import field, frozen

from tipcorpus.model import Block, BlockKind, Section, Sentence, Span

__all__ = ["Structure", "parse_structure", "split_sentences"]

# A quotation or parenthesis longer than this is taken to be unbalanced (a stray
# quote mark, a quotation running over paragraphs) and protects nothing.
_MAX_PROTECTED = 600
# Heading-like lines longer than this (in characters / words) read as text.
_MAX_HEADING_CHARS = 200
_MAX_HEADING_WORDS = 20
_MAX_TITLE_CHARS = 120
_MAX_TITLE_WORDS = 16
# A list label opening a sentence ("b.", "VII.", "**c.") is at most this long.
_MAX_LABEL = 10
# A document with at least this many ``#`` headings marks all its headings up.
_MARKDOWN_DOCUMENT = 2

# Closing and opening marks around sentence-final punctuation.
_CLOSERS = "”’\"')]"
_OPENERS = "([{“‘\"'*_"
_TERMINAL = ".!?…:;"


# --------------------------------------------------------------------------- word lists


@frozen
class _Lexicon:
    """The word lists of ``data/abbreviations.toml``."""

    never: frozenset[str]
    conditional: frozenset[str]
    starters: frozenset[str]
    months: frozenset[str]
    minor: frozenset[str]
    dangling: frozenset[str]


@functools.cache
def _lexicon() -> _Lexicon:
    raw = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/abbreviations.toml").read_text("utf-8")
    )
    abbr, heads, paras = raw["abbreviations"], raw["headings"], raw["paragraphs"]
    return _Lexicon(
        never=frozenset(abbr["never"]),
        conditional=frozenset(abbr["conditional"]),
        starters=frozenset(abbr["starters"]),
        months=frozenset(heads["months"]),
        minor=frozenset(heads["minor_words"]),
        dangling=frozenset(paras["dangling_words"]),
    )


# --------------------------------------------------------------------------- patterns


@functools.cache
def _boundary_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        (?<![.!?…])                       # at the start of a run of punctuation only,
        (?P<punct>[.!?…]++)               # read whole, so a long run stays linear
        (?P<close>[”’"')\]*_]*)           # closing quotes, brackets or emphasis
        (?P<mark>\d{1,3})?                # a footnote mark a converter fused on
        \s+                               # whitespace before the next sentence
        (?=[“‘"'(\[*_]*                   # the next sentence may open with a quote or bracket
           (?P<next>[^\W_]))              # and starts with a letter or digit
        """,
        regex.VERBOSE,
    )


@functools.cache
def _protect_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        (?P<reset>\n[ \t\r]*\n)           # a blank line: quotes and brackets do not run over it
        | [“”"()\[\]]                     # a quote mark or bracket
        """,
        regex.VERBOSE,
    )


@functools.cache
def _bullet_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        [-•*–▪◦‣●○■·]                     # a bullet marker
        [ \t]+                            # then blank space
        (?=\S)                            # then the item's text
        """,
        regex.VERBOSE,
    )


@functools.cache
def _markdown_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        (?P<hashes>\#{1,6})               # one to six hashes
        [ \t]+                            # then blank space
        (?=\S)                            # then the heading
        """,
        regex.VERBOSE,
    )


@functools.cache
def _enumerator_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        (?:
            (?P<roman>                    # VII.  (a single I, V, X, L, C, D, M may be a letter)
              (?=[IVXLCDM])
              M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})
            )\.
          | (?P<lroman>                   # ii.  iv.  (two or more small Roman numerals)
              (?=[ivx]{2})
              (?:x{0,3})(?:ix|iv|v?i{0,3})
            )\.
          | (?P<arabic>\d{1,2}\.(?:\d{1,2}\.?)*)    # 1.  1.2  1.2.
          | (?P<arabic>\d{1,2}(?:\.\d{1,2})+)       # 2.1 (no final period)
          | (?P<upper>[A-Z])\.            # A.
          | (?P<lower>[a-z])\.            # a.
          | (?P<arabic_paren>\d{1,2})\)   # 1)
          | (?P<lower_paren>[a-z])\)      # a)
          | \((?P<paren_arabic>\d{1,2})\) # (1)
          | \((?P<paren_lower>[a-z])\)    # (a)
          | \((?P<paren_upper>[A-Z])\)    # (A)
        )
        [ \t]+                            # blank space after the enumerator
        (?=[*_“"'(]*\p{Lu})               # then a capitalised heading (markup and quotes allowed)
        """,
        regex.VERBOSE,
    )


@functools.cache
def _runin_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        (?:\p{Lu}[\w'’()\-]*[ \t]+){0,3}  # up to three more capitalised words of a title
        \p{Lu}[\w'’()\-]*                 # the title's last word
        :[ \t]                            # the colon that ends a run-in title
        """,
        regex.VERBOSE,
    )


@functools.cache
def _bold_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        (?P<mark>\*\*|__)                 # bold markup
        (?P<body>[^*_\n]+?)               # the heading
        (?P=mark)                         # bold markup closed
        [ \t]*:?[ \t]*$                   # nothing else on the line (a colon at most)
        """,
        regex.VERBOSE,
    )


@functools.cache
def _initial_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        (?:[A-Za-z]\.)+[A-Za-z]           # letters joined by periods: U.S, e.g, C.F.R
        | \p{Lu}                          # or a single capital: an initial
        """,
        regex.VERBOSE,
    )


@functools.cache
def _list_label_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        [\W_]*                            # markup or a bracket before the label
        (?:\d{1,3}|[A-Za-z]|[IVXLCDM]+|[ivxlcdm]+)  # a number, letter or Roman numeral
        """,
        regex.VERBOSE,
    )


# Ranks of the ranked heading styles: smaller is more important.
# Markdown uses 1-6 (its number of hashes); unranked styles (caps, title, bold)
# nest purely by order of appearance.
_RANKS: dict[str, int] = {
    "roman": 10,
    "upper": 15,
    "arabic": 20,
    "lower": 30,
    "lroman": 31,
    "arabic_paren": 32,
    "lower_paren": 33,
    "paren_arabic": 34,
    "paren_upper": 35,
    "paren_lower": 36,
}


# --------------------------------------------------------------------------- sentences


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Cut ``text`` into sentences.

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or
    brackets after it, and a footnote mark fused to a word or year: ``victims.6``)
    followed by blank space and a capital letter, a digit or an opening quote.
    It does not end after abbreviations (``Mr.``, ``No. 5``, ``Jan.``, ``vs.``),
    after ``U.S.``-style acronyms and initials unless a usual sentence starter
    follows (``in the U.S. The ...``), after a list label at the start of a
    sentence (``b. Human Rights Reports``), inside quotations or parentheses, or
    at ``;``.
    Leading and trailing blank space is left out of every sentence.

    Args:
        text: the text to cut.
        offset: added to every offset returned (the position of ``text`` in its document).

    Returns:
        The ``(start, end)`` spans of the sentences, in order; empty for blank text.


    >>> t = "The U.S. Department of State funds 70 projects. HHS certified 1,248 victims."
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['The U.S. Department of State funds 70 projects.', 'HHS certified 1,248 victims.']

    """
    spans: list[Span] = []
    n = len(text)
    start = _skip_space(text, 0, n)
    if start >= n:
        return spans
    lex = _lexicon()
    protected: list[Span] | None = None
    for m in _boundary_re().finditer(text, start):
        cut = m.end("close")
        if cut <= start:
            continue
        if protected is None:
            protected = _protected_regions(text)
        if _inside(protected, cut) or not _ends_sentence(text, m, start, lex):
            continue
        spans.append((start + offset, cut + offset))
        start = m.end()
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start + offset, end + offset))
    return spans


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


def _protected_regions(text: str) -> list[Span]:
    """Quotations and parentheses (balanced, at most ``_MAX_PROTECTED`` long), merged."""
    regions: list[Span] = []
    curly: int | None = None
    straight: int | None = None
    brackets: list[tuple[str, int]] = []
    for m in _protect_re().finditer(text):
        pos = m.start()
        if m.group("reset") is not None:
            curly = straight = None
            brackets.clear()
            continue
        ch = text[pos]
        if ch == "“":
            curly = pos
        elif ch == "”":
            if curly is not None and pos - curly <= _MAX_PROTECTED:
                regions.append((curly, pos + 1))
            curly = None
        elif ch == '"':
            if straight is not None and pos - straight <= _MAX_PROTECTED:
                regions.append((straight, pos + 1))
                straight = None
            else:
                straight = pos
        elif ch in "([":
            if len(brackets) < 32:
                brackets.append((ch, pos))
        elif brackets and brackets[-1][0] == ("(" if ch == ")" else "["):
            _, opened = brackets.pop()
            if pos - opened <= _MAX_PROTECTED:
                regions.append((opened, pos + 1))
    regions.sort()
    merged: list[Span] = []
    for a, b in regions:
        if merged and a < merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _inside(regions: list[Span], pos: int) -> bool:
    """Whether ``pos`` lies strictly inside one of the sorted, disjoint ``regions``."""
    i = bisect.bisect_left(regions, (pos, pos)) - 1
    return i >= 0 and regions[i][0] < pos < regions[i][1]


def _ends_sentence(text: str, m: regex.Match[str], start: int, lex: _Lexicon) -> bool:
    """Whether the punctuation matched by ``m`` ends the sentence that began at ``start``."""
    nxt = m.group("next")
    if not (nxt.isupper() or nxt.isdigit()):
        return False
    punct, close = m.group("punct"), m.group("close")
    if m.group("mark") is not None and not _marked_end(text, m.start()):
        return False  # "2.5 Million" is a number, not "2." and a mark
    if punct != "." or any(c in _CLOSERS for c in close):
        return True
    # The word before the period, without opening brackets or markup.
    end = m.start()
    begin = end
    # An abbreviation is short: looking back further than 40 characters only makes
    # long runs without spaces ("....") quadratic.
    floor = max(start, end - 40)
    while begin > floor and not text[begin - 1].isspace() and text[begin - 1] not in _OPENERS:
        begin -= 1
    word = text[begin:end]
    if not word:
        return True
    if word in lex.never:
        return False
    if end - start <= _MAX_LABEL and _list_label_re().fullmatch(text, start, end) is not None:
        return False  # "b. Human Rights Reports", "VII. United States ..."
    if word in lex.conditional or _initial_re().fullmatch(word) is not None:
        return _next_word(text, m.end()) in lex.starters
    return True


def _marked_end(text: str, end: int) -> bool:
    """Whether the word before a sentence's final punctuation may carry a footnote mark.

    A word in lower case (``victims.6 Certified``) or a year (``in FY 2006.2 The``).
    """
    begin = end
    while begin > 0 and text[begin - 1].isalnum():
        begin -= 1
    word = text[begin:end]
    if word.isalpha():
        return word[-1].islower()
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _next_word(text: str, pos: int) -> str:
    """Return the word at ``pos`` without opening marks and without a trailing ``,;:``."""
    n = len(text)
    while pos < n and text[pos] in _OPENERS:
        pos += 1
    end = pos
    limit = min(n, pos + 40)
    while end < limit and not text[end].isspace():
        end += 1
    return text[pos:end].rstrip(",;:")


# --------------------------------------------------------------------------- lines


@frozen
class _Line:
    """One line of the text: where it starts, where its content starts and ends."""

    start: int
    first: int  # first non-blank character
    end: int  # just past the last non-blank character
    bullet: int = -1  # where the item's text starts after a bullet marker, else -1
    hashes: int = 0  # number of markdown hashes, else 0
    enum: str = ""  # the outline enumerator's style, else ""

    @property
    def blank(self) -> bool:
        return self.first >= self.end

    @property
    def indent(self) -> int:
        return self.first - self.start

    @property
    def width(self) -> int:
        return self.end - self.start


def _lines(text: str) -> Iterator[_Line]:
    n = len(text)
    pos = 0
    bullet_re, md_re, enum_re = _bullet_re(), _markdown_re(), _enumerator_re()
    while pos <= n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        first = pos
        while first < stop and text[first].isspace():
            first += 1
        end = stop
        while end > first and text[end - 1].isspace():
            end -= 1
        bullet, hashes, enum = -1, 0, ""
        if first < end:
            if (b := bullet_re.match(text, first, end)) is not None:
                bullet = b.end()
            elif (h := md_re.match(text, first, end)) is not None:
                hashes = len(h.group("hashes"))
            elif (e := enum_re.match(text, first, end)) is not None:
                enum = e.lastgroup or ""
        yield _Line(pos, first, end, bullet, hashes, enum)
        if nl < 0:
            break
        pos = nl + 1


def _wrap_width(text: str, lines: Sequence[_Line]) -> int | None:
    """Estimate the width the text is hard-wrapped at, judged from lines continued in lower case."""
    widths: list[int] = []
    for prev, line in itertools.pairwise(lines):
        if prev.blank or line.blank or prev.hashes or line.bullet >= 0:
            continue
        if text[line.first].islower():
            widths.append(prev.width)
    if len(widths) < 2:
        return None
    widths.sort()
    return widths[(len(widths) * 9) // 10]


# --------------------------------------------------------------------------- units


@frozen
class _Unit:
    """A candidate block: a run of lines, before headings are decided."""

    first: int  # index of its first line
    last: int  # index of its last line
    group: int  # which run of non-blank lines it is in
    start: int  # span of its text
    end: int
    bullet: bool


def _last_word(text: str, end: int) -> str:
    begin = end
    while begin > 0 and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:end]


def _continues(
    text: str,
    lines: Sequence[_Line],
    unit_first: int,
    i: int,
    *,
    width: int | None,
    lex: _Lexicon,
) -> bool:
    """Whether line ``i`` continues the block whose lines run from ``unit_first`` to ``i - 1``."""
    prev, line = lines[i - 1], lines[i]
    if line.bullet >= 0 or line.hashes or prev.hashes:
        return False
    last = text[prev.end - 1]
    dangling = last in ",(-–—/&" or _last_word(text, prev.end) in lex.dangling
    if line.enum:
        return dangling
    if text[line.first].islower() or dangling:
        return True
    head = lines[unit_first]
    if head.bullet >= 0 and line.indent > head.indent:
        return True
    if (
        unit_first == i - 1
        and prev.enum
        and last not in _TERMINAL
        and _runin_re().match(text, line.first, line.end) is not None
    ):
        return True  # "a. Support for ... Organizations'\nActivities: The State ..."
    if width is None:
        return False
    word_end = line.first
    while word_end < line.end and not text[word_end].isspace():
        word_end += 1
    return prev.width + 1 + (word_end - line.first) > width


def _units(text: str, lines: Sequence[_Line], lex: _Lexicon) -> list[_Unit]:
    width = _wrap_width(text, lines)
    units: list[_Unit] = []
    group = -1
    first = -1
    for i, line in enumerate(lines):
        if line.blank:
            if first >= 0:
                units.append(_make_unit(lines, first, i - 1, group))
                first = -1
            continue
        if first < 0:
            group += 1
            first = i
        elif not _continues(text, lines, first, i, width=width, lex=lex):
            units.append(_make_unit(lines, first, i - 1, group))
            first = i
    if first >= 0:
        units.append(_make_unit(lines, first, len(lines) - 1, group))
    return units


def _make_unit(lines: Sequence[_Line], first: int, last: int, group: int) -> _Unit:
    head = lines[first]
    bullet = head.bullet >= 0
    start = head.bullet if bullet else head.first
    return _Unit(first, last, group, start, lines[last].end, bullet)


# --------------------------------------------------------------------------- furniture

_MAX_FURNITURE_CHARS = 120
"""A longer line is text, never a running header or footer."""
_PAGE_UNITS = 3
"""Copies of a running header or footer are at least this many blocks apart."""


@functools.cache
def _page_number_re() -> regex.Pattern[str]:
    """A line that is only a page number."""
    return regex.compile(
        r"""
        (?i: page \s+ )?                         # "Page 12"
        [-–—]? \s*
        (?: \d{1,4}                               # 12, - 12 -
          | (?=[ivxlc]) c{0,3} (?:xc|xl|l?x{0,3}) (?:ix|iv|v?i{0,3})  # or a roman iv
        )
        \s* [-–—]?
        (?i: \s+ of \s+ \d{1,4} )?               # "of 40"
        """,
        regex.VERBOSE,
    )


@functools.cache
def _running_key_re() -> regex.Pattern[str]:
    """What differs between the copies of a running header: digits and spacing."""
    return regex.compile(r"\d+|\s+")


@functools.cache
def _edge_number_re() -> regex.Pattern[str]:
    """A page number at either edge of a running line ("12 | Report", "Report    12")."""
    return regex.compile(r"^\d{1,4}(?:\s{2,}|\s*[|·•]\s*)|(?:\s{2,}|\s*[|·•]\s*)\d{1,4}$")


def _furniture(text: str, lines: Sequence[_Line], units: Sequence[_Unit]) -> set[int]:
    """The units (by index) that are page numbers, running headers or running footers."""
    page_number = _page_number_re()
    pages: set[int] = set()
    copies: dict[str, list[int]] = {}
    for u, unit in enumerate(units):
        if unit.first != unit.last:
            continue
        line = lines[unit.first]
        if line.end - line.first > _MAX_FURNITURE_CHARS:
            continue
        body = text[line.first : line.end]
        if page_number.fullmatch(body) is not None:
            pages.add(u)  # "- 12 -" too, which reads as a bullet
            continue
        if unit.bullet:
            continue
        if any(c.isalpha() for c in body):
            key = _running_key_re().sub(lambda m: "#" if m.group()[0].isdigit() else " ", body)
            copies.setdefault(key.casefold(), []).append(u)
    found = set(pages)
    for members in copies.values():
        # Copies of a running line are a page of text apart; lines alike and close
        # together are rows of a double-spaced table ("FY 2009    $9.8 million").
        if len(members) < 2 or min(b - a for a, b in itertools.pairwise(members)) < _PAGE_UNITS:
            continue
        beside_page = sum(1 for u in members if u - 1 in pages or u + 1 in pages)
        marked = sum(
            1
            for u in members
            if _edge_number_re().search(
                text, lines[units[u].first].first, lines[units[u].first].end
            )
            or "   " in text[lines[units[u].first].first : lines[units[u].first].end]
        )
        if beside_page >= 2 or marked >= 2:
            found.update(members)
    return found


# --------------------------------------------------------------------------- headings


@frozen
class _Heading:
    """A heading found on a line: its style and where its text is."""

    key: str
    rank: int | None
    start: int
    end: int
    weak: bool = False  # caps or title case: only in documents without markdown headings


def _strip_markup(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip blank space, trailing hashes and enclosing ``**``/``__``/``*`` from a span."""
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == "#"):
            end -= 1
        for mark in ("**", "__", "*", "_"):
            k = len(mark)
            if (
                end - start > 2 * k
                and text.startswith(mark, start)
                and text.endswith(mark, start, end)
                and mark not in text[start + k : end - k]
            ):
                start, end = start + k, end - k
                break
        else:
            return start, end


def _word_count(s: str) -> int:
    return len(s.split())


def _reads_as_text(s: str) -> bool:
    """Whether a heading-like line is really prose.

    It is when it holds more than one sentence, a link, or states a value ("Total = $8").
    """
    if "\t" in s or "http" in s or "www." in s or "@" in s or "=" in s:
        return True
    return len(split_sentences(s)) > 1


def _enumerated_heading(text: str, line: _Line, last_upper: str) -> _Heading | None:
    if line.end - line.first > _MAX_HEADING_CHARS:
        return None
    s = text[line.first : line.end]
    if _word_count(s) > _MAX_HEADING_WORDS:
        return None
    if s.rstrip("*_")[-1:] in ".;,!" or _reads_as_text(s):
        return None
    key = line.enum
    if key == "roman" and len(s) > 1 and s[1] == "." and chr(ord(s[0]) - 1) == last_upper:
        key = "upper"  # "C." after "B." is a letter, not a hundred
    rank = _RANKS[key]
    if key == "arabic":
        label = s.split(None, 1)[0].rstrip(".")
        depth = label.count(".") + 1
        key, rank = f"arabic{depth}", rank + depth
    return _Heading(key, rank, line.first, line.end)


def _caps_or_title(text: str, line: _Line, lex: _Lexicon) -> _Heading | None:
    if line.end - line.first > _MAX_HEADING_CHARS:
        return None
    s = text[line.first : line.end]
    if not s[0].isalnum() or s[-1] in ".,;:!" or _word_count(s) > _MAX_HEADING_WORDS:
        return None
    upper = sum(1 for c in s if c.isupper())
    lower = sum(1 for c in s if c.islower())
    if upper >= 3 and lower * 10 <= upper + lower:
        return None if _reads_as_text(s) else _Heading("caps", None, line.first, line.end, True)
    if len(s) > _MAX_TITLE_CHARS or _word_count(s) > _MAX_TITLE_WORDS:
        return None
    if not (s[0].isupper() or s[0].isdigit()):
        return None
    content = 0
    last = ""
    for token in s.split():
        word = token.strip("\"'“”‘’()[]{},;:*_")
        if not any(c.isalpha() for c in word):
            continue
        last = word
        if word[0].isdigit():
            continue
        if word[0].islower():
            if word not in lex.minor:
                return None
        elif word.lower() not in lex.minor and word.rstrip(".") not in lex.months:
            content += 1
    if content == 0 or last in lex.minor or _reads_as_text(s):
        return None
    return _Heading("title", None, line.first, line.end, weak=True)


def _heading(text: str, line: _Line, last_upper: str, lex: _Lexicon) -> _Heading | None:
    """Return the heading on a one-line block, if it is one (markdown headings excepted)."""
    if line.enum:
        return _enumerated_heading(text, line, last_upper)
    if line.end - line.first > _MAX_HEADING_CHARS:
        return None
    bold = _bold_re().match(text, line.first, line.end)
    if bold is not None:
        start, end = _strip_markup(text, line.first, line.end)
        body = text[start:end]
        if (
            start < end
            and body[-1] not in ".;,"
            and _word_count(body) <= _MAX_HEADING_WORDS
            and not _reads_as_text(body)
        ):
            return _Heading("bold", None, start, end)
        return None
    return _caps_or_title(text, line, lex)


def _find_headings(
    text: str,
    lines: Sequence[_Line],
    units: Sequence[_Unit],
    lex: _Lexicon,
    furniture: set[int],
) -> dict[int, _Heading]:
    """Which units (by index) are headings."""
    markdown = sum(1 for line in lines if line.hashes) >= _MARKDOWN_DOCUMENT
    found: dict[int, _Heading] = {}
    candidates: dict[int, _Heading] = {}
    last_upper = ""
    for u, unit in enumerate(units):
        line = lines[unit.first]
        if unit.bullet or unit.first != unit.last or u in furniture:
            continue
        if line.hashes:
            start, end = _strip_markup(text, line.first + line.hashes, line.end)
            if start < end:
                found[u] = _Heading(f"md{line.hashes}", line.hashes, start, end)
            continue
        head = _heading(text, line, last_upper, lex)
        if head is None or (head.weak and markdown):
            continue
        candidates[u] = head
        if head.key == "upper" or (head.key == "roman" and text[line.first + 1] == "."):
            last_upper = text[line.first]
    # Heading-like lines stacked without a blank line are a letterhead or a list.
    for u, head in candidates.items():
        group = units[u].group
        stacked = (u - 1 in candidates and units[u - 1].group == group) or (
            u + 1 in candidates and units[u + 1].group == group
        )
        if not stacked:
            found[u] = head
    return found


# --------------------------------------------------------------------------- blocks


def _ends_open(text: str, end: int) -> bool:
    """Whether a block ending at ``end`` was cut off mid-sentence."""
    pos = end
    while pos > 0 and text[pos - 1] in _CLOSERS + "*_":
        pos -= 1
    return pos > 0 and text[pos - 1] not in _TERMINAL


def _joins(text: str, prev: _Unit, unit: _Unit, lex: _Lexicon) -> bool:
    """Whether ``unit``, after a blank line, continues the cut-off block ``prev``."""
    if not _ends_open(text, prev.end):
        return False
    if text[unit.start].islower():
        return True
    return text[prev.end - 1] == "," or _last_word(text, prev.end) in lex.dangling


# --------------------------------------------------------------------------- structure


@frozen
class Structure:
    r"""The sections, blocks and sentences of a text, with lookups by offset.

    Built by :func:`parse_structure`; every span indexes into the parsed text.

    >>> text = "# Results\n\nICE opened 894 cases. DOJ charged 200 defendants.\n"
    >>> structure = parse_structure(text)
    >>> [s.heading for s in structure.sections], len(structure.blocks)
    (['Results'], 2)
    >>> offset = text.index("DOJ")
    >>> structure.sentence_at(offset).text, structure.section_path(offset)
    ('DOJ charged 200 defendants.', ('Results',))

    Attributes:
        sections: the sections in order of their headings.
        blocks: headings, paragraphs and bullet items, in text order, without overlap.
        sentences: the sentences of all blocks, in text order.
        furniture: the lines set aside as page numbers and running headers or footers,
            in text order; a block joined across a page break holds them in its span.

    """

    sections: tuple[Section, ...]
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    furniture: tuple[Span, ...] = ()
    _section_starts: tuple[int, ...] = field(init=False, repr=False, eq=False)
    _parents: tuple[int, ...] = field(init=False, repr=False, eq=False)
    _block_starts: tuple[int, ...] = field(init=False, repr=False, eq=False)
    _sentence_starts: tuple[int, ...] = field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        """Build the offset indexes and each section's parent for the lookups."""
        parents: list[int] = []
        open_: list[Section] = []
        for s in self.sections:
            while open_ and open_[-1].level >= s.level:
                open_.pop()
            parents.append(open_[-1].index if open_ else -1)
            open_.append(s)
        object.__setattr__(self, "_section_starts", tuple(s.span[0] for s in self.sections))
        object.__setattr__(self, "_parents", tuple(parents))
        object.__setattr__(self, "_block_starts", tuple(b.span[0] for b in self.blocks))
        object.__setattr__(self, "_sentence_starts", tuple(s.span[0] for s in self.sentences))

    def mapped(self, text: str, to: Callable[[Span], Span]) -> Structure:
        """The same structure over another text, every span mapped by ``to``.

        Used to read a normalised copy of a document with the structure found in the
        original, whose line layout the copy may have changed; texts are re-read from
        ``text`` at the mapped spans.
        """
        sections = tuple(
            attrs.evolve(s, span=to(s.span), heading_span=to(s.heading_span)) for s in self.sections
        )
        blocks = []
        for b in self.blocks:
            span = to(b.span)
            blocks.append(attrs.evolve(b, span=span, text=text[span[0] : span[1]]))
        sentences = []
        for s in self.sentences:
            span = to(s.span)
            sentences.append(attrs.evolve(s, span=span, text=text[span[0] : span[1]]))
        furniture = tuple(to(f) for f in self.furniture)
        return Structure(sections, tuple(blocks), tuple(sentences), furniture)

    def section_at(self, offset: int) -> Section | None:
        """Return the innermost section containing ``offset`` (None before the first heading)."""
        i = bisect.bisect_right(self._section_starts, offset) - 1
        while i >= 0:
            section = self.sections[i]
            if offset < section.span[1]:
                return section
            i = self._parents[i]
        return None

    def parent(self, section: Section) -> Section | None:
        r"""Return the section ``section`` is part of, or None for a top-level one.

        >>> s = parse_structure("# Report\n\n## Protection\n\nHHS certified 1,248 victims.\n")
        >>> s.parent(s.sections[1]).heading
        'Report'
        """
        i = self._parents[section.index]
        return self.sections[i] if i >= 0 else None

    def section_path(self, offset: int) -> tuple[str, ...]:
        """Return the heading path of the section containing ``offset``, or ``()``."""
        section = self.section_at(offset)
        return section.path if section is not None else ()

    def block_at(self, offset: int) -> Block | None:
        """Return the block whose span contains ``offset``, or None (blank space between blocks)."""
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and offset < self.blocks[i].span[1]:
            return self.blocks[i]
        return None

    def block_before(self, offset: int) -> Block | None:
        """Return the last block that starts before ``offset``, or None."""
        i = bisect.bisect_left(self._block_starts, offset) - 1
        return self.blocks[i] if i >= 0 else None

    def sentence_at(self, offset: int) -> Sentence | None:
        """Return the sentence whose span contains ``offset``, or None."""
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].span[1]:
            return self.sentences[i]
        return None

    def sentences_of(self, block: Block) -> tuple[Sentence, ...]:
        """Return the sentences inside ``block``, in order."""
        lo = bisect.bisect_left(self._sentence_starts, block.span[0])
        hi = bisect.bisect_left(self._sentence_starts, block.span[1])
        return self.sentences[lo:hi]

    def blocks_of(self, section: Section) -> tuple[Block, ...]:
        """Return the blocks inside ``section``, its heading and subsections' blocks included."""
        lo = bisect.bisect_left(self._block_starts, section.span[0])
        hi = bisect.bisect_left(self._block_starts, section.span[1])
        return self.blocks[lo:hi]


def parse_structure(text: str) -> Structure:
    r"""Find the sections, blocks and sentences of a report's text.

    The function is total: any string gives a structure (blank text an empty one).
    Time is linear in the length of the text.

    Args:
        text: the document text; it is not changed, and every span indexes into it.

    Returns:
        The :class:`Structure`.


    >>> s = parse_structure("I. PROSECUTION\n\nIn FY 2007, DOJ charged 89 people. Most pleaded.")
    >>> [(x.heading, x.level) for x in s.sections]
    [('I. PROSECUTION', 1)]
    >>> [b.kind.value for b in s.blocks], len(s.sentences)
    (['heading', 'paragraph'], 3)
    >>> s.section_path(20)
    ('I. PROSECUTION',)

    """
    lex = _lexicon()
    lines = list(_lines(text))
    units = _units(text, lines, lex)
    furniture = _furniture(text, lines, units)
    headings = _find_headings(text, lines, units, lex, furniture)

    sections: list[Section] = []
    blocks: list[Block] = []
    sentences: list[Sentence] = []
    # The open sections: (style key, rank, section index), outermost first.
    stack: list[tuple[str, int | None, int]] = []
    ends: dict[int, int] = {}
    current: int | None = None

    def close(depth: int, at: int) -> None:
        while len(stack) > depth:
            ends[stack.pop()[2]] = at

    def add_block(kind: BlockKind, start: int, end: int) -> None:
        index = len(blocks)
        blocks.append(Block(kind, (start, end), text[start:end], current, index))
        for a, b in split_sentences(text[start:end], start):
            sentences.append(Sentence((a, b), text[a:b], index, len(sentences)))

    pending: _Unit | None = None  # a paragraph or bullet not yet added (it may be continued)
    pending_start = 0

    def flush() -> None:
        nonlocal pending
        if pending is not None:
            kind = BlockKind.BULLET if pending.bullet else BlockKind.PARAGRAPH
            add_block(kind, pending_start, pending.end)
            pending = None

    previous: _Unit | None = None  # the unit before this one, page furniture skipped
    for u, unit in enumerate(units):
        if u in furniture:
            continue
        head = headings.get(u)
        after, previous = previous, unit
        if head is None:
            if (
                pending is not None
                and after is pending
                and unit.group > pending.group
                and _joins(text, pending, unit, lex)
            ):
                pending = unit  # continues the pending block across a blank line
                continue
            flush()
            pending, pending_start = unit, unit.start
            continue
        flush()
        # Where this heading goes: beside an open heading of its style, else below
        # the last heading that outranks it.
        keys = [k for k, _, _ in stack]
        if head.key in keys:
            close(keys.index(head.key), lines[unit.first].first)
        elif head.rank is not None:
            for depth, (_, rank, _) in enumerate(stack):
                if rank is not None and rank >= head.rank:
                    close(depth, lines[unit.first].first)
                    break
        index = len(sections)
        path = (*(sections[i].heading for _, _, i in stack), text[head.start : head.end])
        sections.append(
            Section(
                heading=path[-1],
                level=len(stack) + 1,
                path=path,
                span=(lines[unit.first].first, len(text)),
                heading_span=(head.start, head.end),
                index=index,
            )
        )
        stack.append((head.key, head.rank, index))
        current = index
        add_block(BlockKind.HEADING, head.start, head.end)
    flush()
    close(0, len(text))
    final = tuple(
        Section(s.heading, s.level, s.path, (s.span[0], ends[s.index]), s.heading_span, s.index)
        for s in sections
    )
    found = tuple(
        (lines[units[u].first].first, lines[units[u].first].end) for u in sorted(furniture)
    )
    return Structure(final, tuple(blocks), tuple(sentences), found)
