"""From quantities to statistics: role, unit, period, agencies and pillar.

The recognisers (:mod:`tipcorpus.quantities`, :mod:`tipcorpus.periods`,
:mod:`tipcorpus.agencies`, :mod:`tipcorpus.pillars`) each run once over a
document's text; this module composes their mentions sentence by sentence,
following annotation-guideline.md:

* **Role** — a quantity is a statistic unless it is a duration ("three years", "from
  two to 15 years"), an age, a statutory cap (also one coordinated with a cap), a page
  number alone on its line, a list enumerator or part of an idiom ("zero tolerance").
* **Unit** — the counted noun phrase after the number (stopping at verbs, participles
  and time words; reading past "U.S." and coordinated modifiers); a number with its
  unit left out ("127 started the certification process") takes the unit of the count
  before it in the list or the paragraph, or one named before it ("the number of
  defendants convicted (118 vs. 59)", "Of those defendants, 32"); a table cell takes
  its row's or column's label.
* **Period** — a time expression right after the figure binds to it, and one after a
  list governs the list unless a comparison or a parenthesis intervenes; otherwise the
  nearest preceding one in the sentence, the year a "compared with N in YEAR" clause
  implies, one carried from earlier sentences of the same paragraph (a launch date as
  "since"), a table header, the section heading's year; "currently", "during the
  reporting period" and the present tense of a credited figure resolve to the
  document's reference year. A base *year* of a change starts its period ("12 percent
  over FY 2017"); a base *period* ("over the previous seven years") does not.
* **Agencies** — the agencies named in the figure's sentence before it (the subject),
  made more specific by components of them named after it; the agent of a passive;
  otherwise those of the nearest sentence of the same paragraph (unless another body
  is the subject), then the section headings; a table's caption for its cells. An
  agency and its parent both named: the most specific wins ("ICE, not DHS").
* **Pillar** — an explicit pillar heading (or a short paragraph that introduces a
  list and names one pillar) wins; otherwise the cue words that lead to the figure,
  then those of its sentence and the sentences before it in the paragraph.
"""

from __future__ import annotations

import bisect
import functools
import tomllib
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

import regex
from attrs import evolve, frozen

from tipcorpus.agencies import find_agencies, find_generic_references
from tipcorpus.catalogue import find_dateline
from tipcorpus.model import (
    Agency,
    AgencyMention,
    Block,
    BlockKind,
    Decision,
    Kind,
    Period,
    PeriodMention,
    Pillar,
    PillarCue,
    Qualifier,
    Quantity,
    Section,
    Sentence,
    Span,
    Statistic,
    Why,
)
from tipcorpus.periods import find_periods, launch_verbs
from tipcorpus.pillars import (
    classify,
    find_pillar_cues,
    heading_pillar,
    heading_pillars,
    pillar_scores,
)
from tipcorpus.quantities import quantities
from tipcorpus.rules import (
    Evidence,
    decide,
    document_kinds,
    plan,
    rule,
    threshold,
    veto,
    vetoed,
)
from tipcorpus.structure import Structure

if TYPE_CHECKING:
    from tipcorpus.document import Document

from tipcorpus.tables import (
    CellContext,
    caption_years,
    find_records,
    find_tables,
    generic_label,
    names_count,
    names_money,
    table_context,
)

__all__ = ["extract_statistics", "is_statistic", "read_unit"]

_WORD = regex.compile(
    r"""(?:[A-Za-z]\.){2,}           # U.S., U.N.: one word with its dots
      | [A-Za-z0-9][\w&/'’\-]*      # a word, number or compound
      | [;:,.()\[\]!?\"“”]          # punctuation that ends a phrase""",
    regex.VERBOSE,
)
#: A figure whose own verb is in the future: money or work an agency commits now ("$7.9
#: million will strengthen ...", "the grants will fund 62 projects").
_FUTURE = regex.compile(r"\s*(?:[\w,'’-]+\s+){0,2}?will\s+(?:be\s+)?[a-z]", regex.IGNORECASE)

_FUTURE_BEFORE = regex.compile(
    r"\bwill\s+(?:be\s+)?[a-z]+\s+(?:(?:about|approximately|more\s+than|up\s+to|nearly|some)\s+)?$",
    regex.IGNORECASE,
)

_SPREADING_ROLES = frozenset({"since", "range", "through", "compared"})


@frozen
class _Words:
    time_units: frozenset[str]
    stop_words: frozenset[str]
    trailing_adverbs: frozenset[str]
    verbs: frozenset[str]
    participle_adjectives: frozenset[str]
    age_words: frozenset[str]
    idiom_followers: frozenset[str]
    coordinated_modifiers: frozenset[str]
    cap_words: regex.Pattern[str]
    cap_lead: regex.Pattern[str]
    launch_verbs: regex.Pattern[str]
    people_words: frozenset[str]
    change_nouns: tuple[str, ...]
    occasion_words: frozenset[str]
    victim_heads: frozenset[str]
    percent_columns: frozenset[str]
    total_rows: frozenset[str]


def _alternation(words: Sequence[str]) -> regex.Pattern[str]:
    body = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{body})(?!\w)", regex.IGNORECASE)


@functools.cache
def _words() -> _Words:
    raw = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/units.toml").read_text(encoding="utf-8")
    )
    return _Words(
        time_units=frozenset(raw["time_units"]),
        stop_words=frozenset(raw["stop_words"]),
        trailing_adverbs=frozenset(raw["trailing_adverbs"]),
        verbs=frozenset(raw["verbs"]),
        participle_adjectives=frozenset(raw["participle_adjectives"]),
        age_words=frozenset(raw["age_words"]),
        idiom_followers=frozenset(raw["idiom_followers"]),
        coordinated_modifiers=frozenset(raw["coordinated_modifiers"]),
        cap_words=_alternation(raw["cap_words"]),
        cap_lead=regex.compile(
            r"(?:" + "|".join(regex.escape(w) for w in raw["cap_lead"]) + r")\s+$", regex.IGNORECASE
        ),
        launch_verbs=_alternation(launch_verbs()),
        people_words=frozenset(raw["people_words"]),
        change_nouns=tuple(raw["change_nouns"]),
        occasion_words=frozenset(raw["occasion_words"]),
        victim_heads=frozenset(raw["victim_heads"]),
        percent_columns=frozenset(raw["percent_columns"]),
        total_rows=frozenset(raw["total_rows"]),
    )


_PRESENT = regex.compile(
    r"""\b(?:has|have)\s+(?:more|over|approximately|about|nearly|almost|some|around
                          |roughly|an?\s+estimated|at\s+least|\d)   # "HSI has more than 6,700"
      | \b(?:is|are)\b(?!\s+(?:been|being|\w+ed|\w+en)\b)         # not a passive
      | \b(?:employs|operates|includes|comprises|maintains|manages|funds|supports
          |oversees|administers|leads|chairs|serves|assesses|covers|ranks|lists
          |evaluates)\b""",
    regex.VERBOSE | regex.IGNORECASE,
)
_REPORTING_PERIOD = regex.compile(
    r"\b(?:during|in|over|throughout)\s+the\s+(?:current\s+)?reporting\s+period\b", regex.I
)
_REPORTING_WORDS = regex.compile(r"\breporting\s+period\b", regex.IGNORECASE)
_PREVIOUS_REPORTING = regex.compile(
    r"\b(?:previous|prior|last|preceding)\s+reporting\s+period\b", regex.IGNORECASE
)
_DEFINES = regex.compile(r"[\s:(,]*(?:(?:is|was|ran|runs|covers|covered|of|from)\s+)*")


def _defined_reporting_period(text: str, periods: Sequence[PeriodMention]) -> Period | None:
    """The span of years a document names as its reporting period, if it names one.

    "(Reporting period: April 1, 2021 - March 31, 2022)", "During the July 2017-June 2018
    reporting period": a range stated right before or after the words.
    """
    for m in _REPORTING_WORDS.finditer(text):
        for p in periods:
            if p.role != "range" or p.period.start is None:
                continue
            if p.span[1] <= m.start() and m.start() - p.span[1] <= 3:
                return p.period  # "the July 2017-June 2018 reporting period"
            if p.span[0] >= m.end() and _DEFINES.fullmatch(text, m.end(), p.span[0]):
                return p.period  # "reporting period: April 1, 2021 - March 31, 2022"
    return None


_PRESENT_PROGRESSIVE = regex.compile(r"\b(?:is|are)\s+(?:now\s+|currently\s+)?\w+ing\b")


# --------------------------------------------------------------------------- units


@frozen
class _Unit:
    text: str
    span: Span | None


def _tokens(text: str, start: int, end: int, limit: int = 12) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for m in _WORD.finditer(text, start, end):
        out.append((m.group(), m.start(), m.end()))
        if len(out) >= limit:
            break
    return out


def read_unit(text: str, end: int, limit: int) -> tuple[str, Span | None]:
    """The counted noun phrase that starts right after offset ``end`` (up to ``limit``).

    Returns the phrase and its span, or ``("", None)`` when the unit is left out.

    >>> read_unit("HHS certified 1248 adult trafficking victims in 2007.", 18, 53)
    ('adult trafficking victims', (19, 44))
    >>> read_unit("127 started the certification process", 3, 38)
    ('', None)
    """
    words = _words()
    # A hyphenated compound ("one-day", "eight-member"): the word after the hyphen.
    pos = end
    if pos < limit and text[pos] in "-–":
        pos += 1
    toks = _tokens(text, pos, limit)
    phrase: list[tuple[str, int, int]] = []
    named = False  # the genre's name was read as a modifier
    i = 0
    while i < len(toks) and len(phrase) < 6:
        word = toks[i][0]
        low = word.lower().rstrip("'’")
        if not phrase and word in ('"', "“"):
            i += 1
            continue  # three "snapshots"
        if not phrase and low in _COMPARATIVES and i + 1 < len(toks):
            if toks[i + 1][0].lower() in ("than", "of"):
                break  # "1700 more than ...": no noun follows
            i += 1
            continue  # "1,700 more convictions": the comparative modifies the noun
        compound = _compound_at(text, toks[i][1])
        if compound is not None:
            named = True
            # "80 domestic anti-trafficking in persons projects": the genre's name, used as
            # a modifier, is read as one word, and the noun after it is counted.
            while i < len(toks) and toks[i][2] <= compound:
                i += 1
            continue
        if (
            word == "("
            and (phrase or named)
            and i + 2 < len(toks)
            and toks[i + 2][0] == ")"
            and toks[i + 1][0].isupper()
        ):
            i += 3
            continue  # "154 ... (TIP) projects": an acronym in parentheses is skipped
        if not word[0].isalpha():
            break  # punctuation, or another number ("eight grantees assisted 170 victims")
        if word.endswith(".") and len(word) > 2:
            # "U.S." modifies the noun after it; it is never the counted noun.
            if i + 1 < len(toks) and toks[i + 1][0][:1].isalpha():
                phrase.append(toks[i])
                i += 1
                continue
            break
        if low in words.stop_words:
            # "Letters of Eligibility": an "of" followed by a capitalised word stays.
            if (
                low == "of"
                and phrase
                and i + 1 < len(toks)
                and toks[i + 1][0][:1].isupper()
                and phrase[-1][0][:1].isupper()
            ):
                phrase.append(toks[i])
                i += 1
                continue
            break
        following = toks[i + 1][0] if i + 1 < len(toks) else ""
        # No word of the phrase comes next: punctuation, a number or a function word.
        phrase_ends = not following[:1].isalpha() or following.lower() in words.stop_words
        if low in words.participle_adjectives:
            if phrase_ends:
                break  # "308 convictions obtained in ..." / "23 received certification."
            if not phrase and low in words.verbs and following.lower() in words.verbs:
                break
        elif low in words.verbs:
            break
        elif (
            phrase
            and phrase_ends
            and not low.startswith("anti-")
            and ((low.endswith("ing") and len(low) > 5) or (low.endswith("ed") and len(low) > 4))
        ):
            # A participle after the noun ("156 cases securing 342 ...", "500 attendees
            # composed of ..."): the verb of the clause, not part of the unit.
            break
        phrase.append(toks[i])
        i += 1
    while phrase and phrase[-1][0].lower() in words.trailing_adverbs:
        phrase.pop()
    if not phrase:
        return "", None
    # "36,000 federal, state, and local officers": read on past coordinated modifiers.
    modifiers = all(t[0].lower() in words.coordinated_modifiers for t in phrase) or (
        # "60 private-sector and nongovernmental partners": a compound modifier alone
        len(phrase) == 1 and "-" in phrase[0][0] and i < len(toks) and toks[i][0] in ("and", "or")
    )
    # "90 bilateral, regional, and global projects": one lower-case word that is no plural,
    # then a comma, modifies the noun at the end of the coordination.
    series = (
        not modifiers
        and len(phrase) == 1
        and phrase[0][0].islower()
        and not phrase[0][0].endswith("s")
        and i < len(toks)
        and toks[i][0] == ","
    )
    if series:
        j = i
        while j < len(toks) and (toks[j][0] in (",", "and", "or") or toks[j][0].islower()):
            if toks[j][0] in ("and", "or"):
                break
            j += 1
        if j < len(toks) and toks[j][0] in ("and", "or") and j + 1 < len(toks):
            _, rest_span = read_unit(text, toks[j + 1][1], limit)
            if rest_span is not None and " " in text[rest_span[0] : rest_span[1]].strip():
                span = (phrase[0][1], rest_span[1])
                return text[span[0] : span[1]], span
    if modifiers:
        j = i
        while j < len(toks) and toks[j][0].lower() in {",", "and", "or", "and/or"}:
            j += 1
        if j > i and j < len(toks):
            _, rest_span = read_unit(text, toks[j][1], limit)
            if rest_span is not None:
                span = (phrase[0][1], rest_span[1])
                return text[span[0] : span[1]], span
        # "72 were female and 24 male": a modifier alone names no counted thing.
        return "", None
    span = (phrase[0][1], phrase[-1][2])
    return text[span[0] : span[1]], span


_COMPARATIVES = frozenset({"more", "fewer"})


@functools.cache
def _compounds() -> regex.Pattern[str]:
    raw = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/units.toml").read_text(encoding="utf-8")
    )
    return _alternation(raw["compound_modifiers"])


def _compound_at(text: str, start: int) -> int | None:
    """The end of the genre's multi-word name used as a modifier at ``start``, if one is."""
    m = _compounds().match(text, start)
    return m.end() if m is not None else None


def _head(unit: str) -> str:
    parts = unit.split()
    if not parts:
        return ""
    # "Letters of Eligibility": the head is before "of".
    if "of" in parts:
        parts = parts[: parts.index("of")]
    return parts[-1].lower() if parts else ""


# --------------------------------------------------------------------------- role


#: Hours given to a service are a count of work done, not a duration: "32,500 hours of
#: case management", "1,200 hours of training" (a total, so many of them; "3 hours of
#: counseling" is how long one session lasts).
_SERVICE_HOURS = 100
_HOURS_OF_SERVICE = regex.compile(
    r"\s+(?:\w+\s+)?hours\s+of\s+(?!(?:age|imprisonment|prison|incarceration|detention)\b)"
    r"[a-z]",
    regex.IGNORECASE,
)


def is_statistic(q: Quantity, text: str, sentence: Span, unit: str) -> bool:
    """Whether a quantity reports a figure, not a duration, an age or a statutory cap.

    >>> from tipcorpus import quantities
    >>> t = "By statute, up to 5,000 T visas may be issued annually."
    >>> is_statistic(quantities(t)[0], t, (0, len(t)), "T visas")
    False
    """
    words = _words()
    if q.kind is Kind.COUNT:
        if "+" in text[max(0, q.span[0] - 20) : q.span[0]]:
            for phone in _PHONE.finditer(text, max(0, q.span[0] - 20), q.span[1] + 20):
                if phone.start() <= q.span[0] and q.span[1] <= phone.end():
                    return False  # "(+996 312 666 111)": a telephone number
        head = _head(unit)
        first = unit.split(maxsplit=1)[0].lower() if unit else ""
        if (head in words.time_units or first.split("-")[0] in words.time_units) and not (
            q.value >= _SERVICE_HOURS and _HOURS_OF_SERVICE.match(text, q.span[1])
        ):
            return False  # "three years", "a 15-year-old girl", "71 months"
        if _DURATION_RANGE.match(text, q.span[1], min(len(text), q.span[1] + 40)):
            tail = text[q.span[1] : q.span[1] + 40].split()
            if any(w.lower().strip(".,;:'’") in words.time_units for w in tail[:4]):
                return False  # "from two to 15 years", "eight-to-12-year sentences"
        if q.surface.isalpha() and first in words.idiom_followers:
            return False  # "zero tolerance", "One-Stop Career Centers"
        if q.surface.lower() == "one" and text[q.span[1] : q.span[1] + 4].lower() == " of ":
            return False  # "one of the few countries": a phrase, not a count
        if q.surface.lower() == "one" and _ONE_IN.match(text, q.span[1]):
            return False  # "one in four children": a ratio, not a count of one
        before = text[max(sentence[0], q.span[0] - 20) : q.span[0]].lower()
        if any(w in before.split()[-3:] for w in words.age_words):
            return False
        if q.qualifier is Qualifier.MAX and not unit:
            return False  # "under 18", "up to 30"
        if q.qualifier is Qualifier.MIN and not unit and _YEAR_SHAPE.fullmatch(q.surface):
            return False  # "rose three times over 2010": a year, not "more than 2010"
        ratio = _RATIO_BASE.search(text, max(sentence[0], q.span[0] - 24), q.span[0])
        if ratio is not None and (
            ratio.group().lower().startswith("one")
            or not text[q.span[1] : q.span[1] + 2].strip()[:1].isalpha()
        ):
            return False  # "About 8 in 10 (81%)", "one in four children": a ratio's base
    return not _is_cap(q, text, sentence)


_PHONE = regex.compile(r"\+\d{1,3}(?:[ .-]\(?\d{1,4}\)?){2,}")
_YEAR_SHAPE = regex.compile(r"(?:\w+\s+)*(?:19[5-9]\d|20[0-4]\d)")
_ONE_IN = regex.compile(
    r"\s+in\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b", regex.IGNORECASE
)
_RATIO_BASE = regex.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+in\s+$", regex.IGNORECASE
)
_DURATION_RANGE = regex.compile(r"\s*(?:to|-|–|and|or)\s*[\w,.]+[\s\-]", regex.IGNORECASE)


_KEPT_HYPHEN = regex.compile(r"(?<=\w)- (?=\w)")


def _unwrapped(reading: str, unit: _Unit) -> str:
    r"""The unit as one line of the reading text.

    Words a wrap broke ("applica-\ntions") are whole there already (see
    :mod:`tipcorpus.normalise`); a hyphen left at a line end is a compound's
    ("anti-\ntrafficking" reads "anti-trafficking").
    """
    if unit.span is None:
        return unit.text
    text = reading[unit.span[0] : unit.span[1]]
    if "\n" not in text and "  " not in text and "- " not in text:
        return unit.text
    return _KEPT_HYPHEN.sub("-", " ".join(text.split()))


def _alone_on_its_line(text: str, span: Span) -> bool:
    """Whether a figure is all there is on its line ("12" between pages)."""
    line_start = text.rfind("\n", 0, span[0]) + 1
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start : span[0]].strip(" \t-–—|•*") and not text[span[1] : line_end].strip(
        " \t-–—|•*."
    )


_ENUMERATOR = regex.compile(r"(?:^|[:;,.]|\band|\bor)\s*\($")


def _enumerator(text: str, span: Span) -> bool:
    """Whether a number is a list enumerator: "recommends: (1) training; (2) ..."."""
    return (
        text[span[1] : span[1] + 1] == ")"
        and span[1] - span[0] <= 2
        and bool(_ENUMERATOR.search(text, max(0, span[0] - 8), span[0]))
    )


def _is_cap(q: Quantity, text: str, sentence: Span) -> bool:
    """Whether "up to N" states a legal limit: "up to 5,000 ... may be issued annually"."""
    if _words().cap_lead.search(text, max(sentence[0], q.span[0] - 20), q.span[0]):
        return True
    if q.qualifier is not Qualifier.MAX or q.qualifier_span is None:
        return False
    qualifier = text[q.qualifier_span[0] : q.qualifier_span[1]]
    return qualifier.lower().startswith("up to") and bool(
        _words().cap_words.search(text, sentence[0], sentence[1])
    )


_COORDINATED = regex.compile(r"[^\S\n]+[A-Za-z\-]{0,20}[^\S\n]*,?[^\S\n]*(?:and|or)[^\S\n]+$")


def _statutory_caps(text: str, sentence: Sentence, qs: Sequence[Quantity]) -> set[Span]:
    """Figures coordinated with a statutory cap share it: "up to 5,000 T and 10,000 U"."""
    caps: set[Span] = set()
    previous: Quantity | None = None
    for q in qs:
        if (
            previous is not None
            and (previous.span in caps or _is_cap(previous, text, sentence.span))
            and _COORDINATED.match(text[previous.span[1] : q.span[0]])
        ):
            caps.add(q.span)
        previous = q
    return caps


# --------------------------------------------------------------------------- context


_WRAPPED = regex.compile(r"(?<=[^\s.!?:;])[ \t]*\r?\n(?=[ \t]*[^\s\-•*·▪])")


def _reading_view(text: str) -> str:
    r"""The text with hard-wrapped lines joined, of the same length, for the recognisers.

    A line break inside a paragraph ("in FY\n2009", "adult\nforeign victims") reads as a
    space; a break after final punctuation, before a bullet or at a blank line stays.
    Offsets are unchanged, so every span still indexes the original text.
    """
    if "\n" not in text:
        return text
    return _WRAPPED.sub(lambda m: " " * len(m.group()), text)


def _without_furniture(text: str, structure: Structure) -> str:
    r"""The text with the page furniture inside joined blocks blanked, blank lines and all.

    "and 144\n\nAnnual Report -- FY 2010\n\n12\n\nconvictions" reads "and 144 ...
    convictions": the running header and page number between the halves of a sentence
    cut by a page break become spaces. Offsets are unchanged.
    """
    if not structure.furniture:
        return text
    inside = [
        span
        for span in structure.furniture
        if (block := structure.block_at(span[0])) is not None and block.span[1] > span[1]
    ]
    if not inside:
        return text
    parts: list[str] = []
    last = 0
    for first, stop in inside:
        start, end = first, stop
        while start > last and text[start - 1].isspace():
            start -= 1
        while end < len(text) and text[end].isspace():
            end += 1
        parts += (text[last:start], " " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


_ANNUAL_HEAD = regex.compile(
    r"^[^\n]{0,60}\b(?:Fiscal\s+Year|FY)\s*(?P<year>(?:19|20)\d{2})\b[^\n]{0,60}$",
    regex.IGNORECASE | regex.MULTILINE,
)
_HEAD_CHARS = 400  # the opening of a report, where its title and letterhead stand


def _annual_period(document: Document, text: str) -> tuple[Period, int] | None:
    """The fiscal year a report on one year covers, and where its body starts.

    Read from its opening lines ("Fiscal Year 2014 Annual Summary", "Annual Report to
    Congress ... Fiscal Year 2010"), when that is the document's reference year.
    """
    if document.kind not in document_kinds("annual") or document.year is None:
        return None
    found = _ANNUAL_HEAD.search(text, 0, min(len(text), _HEAD_CHARS))
    if found is None or int(found.group("year")) != document.year:
        return None
    return Period(document.year, document.year, fiscal=True), found.end()


_TITLE_NOTE = regex.compile(r"\s*\([^()]*\)\s*$")
_TITLE_TAIL = regex.compile(r",\s*([^,]{4,30})$")


def _title_range(document: Document) -> Period | None:
    """The span of years a report's title ends with (", 2008-2010", ", FY 2014-2018")."""
    if document.kind not in document_kinds("annual") or not document.title:
        return None
    # A series number or a page range in parentheses closes many titles: "(NCJ 233732)".
    tail = _TITLE_TAIL.search(_TITLE_NOTE.sub("", document.title))
    if tail is None:
        return None
    found = find_periods(tail.group(1), document.year)
    if len(found) != 1 or found[0].span[1] - found[0].span[0] < len(tail.group(1).strip()) - 2:
        return None
    period = found[0].period
    if period.start is None or period.start >= period.end:
        return None
    if document.year is not None and period.end > document.year:
        return None
    return period


class _Context:
    """Mentions of one document, indexed by position."""

    def __init__(self, document: Document, structure: Structure, reading: str | None) -> None:
        self.original = document.text
        text = _reading_view(
            _without_furniture(reading if reading is not None else document.text, structure)
        )
        self.document = document
        self.structure = structure
        self.text = text
        self.year = document.year
        self.quantities = quantities(text)
        self.q_starts = [q.span[0] for q in self.quantities]
        self.periods = find_periods(text, document.year)
        self.p_starts = [p.span[0] for p in self.periods]
        self.agencies = self._agency_mentions()
        self.a_starts = [m.span[0] for m in self.agencies]
        self.tables = find_tables(self.original)  # line breaks intact: rows are lines
        self.table_starts = [t.span[0] for t in self.tables]
        self.records = find_records(self.original)
        self.carry_memo: dict[int, PeriodMention | None] = {}
        self._cue_memo: dict[int, Counter[Pillar]] = {}
        self._cues: dict[int, list[PillarCue]] = {}
        self._first_end: dict[tuple[int, int], int] = {}
        self._issuer: AgencyMention | None = None
        self._issuer_known = False
        self.intro_memo: dict[int, Block | None] = {}  # bullet block → its list's introduction
        self.annual = _annual_period(document, self.original)
        self.title_range = _title_range(document)
        self.reporting = _defined_reporting_period(text, self.periods)
        self.story_start: int | None = None
        if document.kind in document_kinds("release"):
            dateline = find_dateline(self.original)
            self.story_start = dateline[1] if dateline is not None else None

    def issuer_mention(self) -> AgencyMention | None:
        """The issuer of a fact sheet, release or report, where the text first names it.

        None for other kinds of document (a TIP Report section or a country narrative
        tells of many bodies) and when the issuer is no body of the registry or the text
        never names it.
        """
        if self.document.kind in document_kinds("many_voices"):
            return None
        return self.named_issuer()

    def named_issuer(self) -> AgencyMention | None:
        """Where the text first names the document's issuer, whatever the kind (memoised)."""
        if self._issuer_known:
            return self._issuer
        found: AgencyMention | None = None
        if self.document.issuer:
            named = _reduce([m.agency for m in find_agencies(self.document.issuer)])
            ids = {a.id for a in named}
            found = next((m for m in self.agencies if m.agency.id in ids), None)
        self._issuer, self._issuer_known = found, True
        return found

    def seen_before(self, pattern: regex.Pattern[str], sentence: Sentence, at: int) -> bool:
        """Whether ``pattern`` matches in ``sentence`` before offset ``at`` (memoised)."""
        key = (id(pattern), sentence.index)
        end = self._first_end.get(key)
        if end is None:
            m = pattern.search(self.text, sentence.span[0], sentence.span[1])
            end = m.end() if m is not None else sentence.span[1] + 1
            self._first_end[key] = end
        return end <= at

    def sentence_cues(self, index: int) -> list[PillarCue]:
        """The pillar cues of sentence ``index``, with offsets into the text, found once."""
        cues = self._cues.get(index)
        if cues is None:
            s0, s1 = self.structure.sentences[index].span
            cues = [
                PillarCue(c.pillar, (c.span[0] + s0, c.span[1] + s0), c.surface, c.weight)
                for c in find_pillar_cues(self.text[s0:s1])
            ]
            self._cues[index] = cues
        return cues

    def cue_scores(self, index: int) -> Counter[Pillar]:
        """The pillar cue weights of sentence ``index``, computed once."""
        scores = self._cue_memo.get(index)
        if scores is None:
            scores = pillar_scores(self.sentence_cues(index))
            self._cue_memo[index] = scores
        return scores

    def _agency_mentions(self) -> list[AgencyMention]:
        text = self.text
        found = [
            m
            for m in find_agencies(text)
            if not any(_overlaps(m.span, p.span) for p in self._periods_near(m.span))
        ]
        generic = [
            (span, noun)
            for span, noun in find_generic_references(text)
            if not _NAME_GOES_ON.match(text, span[1])
        ]
        if not generic:
            return found
        # "the Department" is the department the document names most often so far,
        # the most recent one on a tie; likewise for "the Bureau", "the Agency" ...
        out: list[AgencyMention] = []
        counts: Counter[str] = Counter()
        latest: dict[str, int] = {}
        by_id: dict[str, Agency] = {}
        gi = 0
        for m in [*found, None]:
            limit = m.span[0] if m is not None else len(text)
            while gi < len(generic) and generic[gi][0][0] < limit:
                span, noun = generic[gi]
                gi += 1
                choice = _resolve_generic(noun, counts, latest, by_id)
                if choice is not None:
                    out.append(AgencyMention(choice, span, text[span[0] : span[1]]))
            if m is None:
                break
            out.append(m)
            counts[m.agency.id] += 1
            latest[m.agency.id] = m.span[0]
            by_id[m.agency.id] = m.agency
        return out

    def _periods_near(self, span: Span) -> list[PeriodMention]:
        i = bisect.bisect_right(self.p_starts, span[1])
        return self.periods[max(0, i - 3) : i]

    def between(self, starts: list[int], lo: int, hi: int) -> range:
        return range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))


_NAME_GOES_ON = regex.compile(r"\s+(?:for|of|on|to|against)\s+[A-Z]")


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _resolve_generic(
    noun: str, counts: Counter[str], latest: dict[str, int], by_id: dict[str, Agency]
) -> Agency | None:
    noun = noun.lower()
    candidates = [a for a in by_id.values() if noun in a.name.lower()]
    if noun == "department":
        candidates = [a for a in candidates if a.kind == "department"] or candidates
    if not candidates:
        return None
    return max(candidates, key=lambda a: (counts[a.id], latest[a.id]))


def _reduce(agencies: Sequence[Agency]) -> tuple[Agency, ...]:
    """Distinct agencies, without those that are ancestors of another; USG only alone."""
    unique: list[Agency] = []
    for a in agencies:
        if all(a.id != b.id for b in unique):
            unique.append(a)
    specific = [a for a in unique if not any(b.id != a.id and b.is_within(a) for b in unique)]
    if len(specific) > 1:
        # The whole government (the registry's kind "whole") only when no body is named.
        specific = [a for a in specific if a.kind != "whole"] or specific
    return tuple(specific)


# --------------------------------------------------------------------------- assembly


@frozen
class _Figure:
    """One figure of a sentence, with what the rules of its fields read.

    The fields after ``cell`` are filled in as the decisions are made, in the order
    role → unit → agencies → period → pillar.
    """

    ix: _Context
    q: Quantity
    sentence: Sentence
    block: Block
    cell: CellContext | None
    read: tuple[str, Span | None] = ("", None)
    capped: bool = False
    list_elided: bool = False
    prev_unit: str = ""
    prev_at: int = -1
    paragraph_unit: str = ""
    unit: _Unit = _Unit("", None)
    bound: PeriodMention | None = None
    bound_by: str = ""
    local: Pillar | None = None
    block_pillar: Pillar | None = None
    stated: PeriodMention | None = None
    agencies: tuple[Agency, ...] = ()


def _show_unit(u: _Unit) -> str:
    return u.text or "(none)"


def _show_period(p: PeriodMention) -> str:
    return str(p.period)


def _show_credit(credit: tuple[tuple[Agency, ...], tuple[Span, ...]]) -> str:
    return ", ".join(a.id for a in credit[0]) or "(none)"


def _show_pillar(p: Pillar) -> str:
    return str(p)


def extract_statistics(
    document: Document, structure: Structure, reading: str | None = None
) -> tuple[Statistic, ...]:
    """Every statistic of a document, in text order, each with the decisions behind it.

    Args:
        document: the document; its ``year`` resolves "since" and "currently".
        structure: its sections, blocks and sentences.
        reading: a normalised copy of the text of the same length (every offset the
            same) for the recognisers to read; by default the text itself.

    """
    if reading is not None and len(reading) != len(document.text):
        raise ValueError("the reading copy must have the length of the text")
    ctx = _Context(document, structure, reading)
    out: list[Statistic] = []
    blocks = structure.blocks
    block_pillars = _block_pillars(structure)
    last_unit: dict[int, str] = {}  # block index → the last count unit read in it
    for sentence in _table_sentences(ctx):
        qrange = ctx.between(ctx.q_starts, sentence.span[0], sentence.span[1])
        if not qrange:
            continue
        block = blocks[sentence.block]
        sent_quantities = [ctx.quantities[i] for i in qrange]
        # A figure in a table cell takes its unit and period from the table's labels.
        cells = [
            table_context(ctx.tables, q.span[0]) if ctx.tables else None for q in sent_quantities
        ]
        # A bare number in a "Percent" column is a percentage, and one in a table "in
        # millions of dollars" is a sum of money; "met twice" counts meetings.
        sent_quantities, cells = _cell_quantities(ctx, sentence, sent_quantities, cells)
        sent_quantities = [
            _cell_quantity(q, c)
            if c is not None and q.kind is Kind.COUNT
            else _times_met(ctx.text, q)
            for q, c in zip(sent_quantities, cells, strict=True)
        ]
        figures, unit_decisions = _decide_units(
            ctx, sentence, block, sent_quantities, cells, last_unit=last_unit
        )
        caps = _statutory_caps(ctx.text, sentence, sent_quantities)
        bound = _bind_periods(ctx, sentence, sent_quantities)
        local_pillars = _local_pillars(ctx, sentence, sent_quantities, [f.unit for f in figures])
        problem_end = -1  # where the last estimate of the problem's size in the sentence ends
        for figure, unit_decision, (bound_period, bound_by), local in zip(
            figures, unit_decisions, bound, local_pillars, strict=True
        ):
            q, u, cell = figure.q, figure.unit, figure.cell
            is_figure, role = decide("role", evolve(figure, capped=q.span in caps), str)
            if is_figure is None:
                continue  # a cap, a duration, an age, a page number, an enumerator ...
            f = evolve(
                figure,
                bound=bound_period,
                bound_by=bound_by,
                local=local,
                block_pillar=block_pillars[block.index],
            )
            # The period a cell's header gives comes before the sentence's, which comes
            # before the caption's: see the order in data/rules.toml.
            stated = (
                (_cell_period(ctx, cell) or bound_period or _caption_period(ctx, cell))
                if cell is not None
                else bound_period
            )
            f = evolve(f, stated=stated)
            problem = _problem_veto(f, None) or (
                # "... nearly 25 million people of their freedom, including 4.8 million in
                # forced sexual exploitation": a part of the estimate is one too.
                problem_end >= 0 and bool(_INCLUDING_END.search(ctx.text, problem_end, q.span[0]))
            )
            if problem:
                problem_end = u.span[1] if u.span is not None else q.span[1]
                # "an estimated 24.9 million people are held in forced labor": the size
                # of the problem, which no agency reports (annotation-guideline.md).
                agencies: tuple[Agency, ...] = ()
                agency_spans: tuple[Span, ...] = ()
                period: PeriodMention | None = None
                pillar: Pillar | None = None
                why_agencies, why_period, why_pillar = (
                    vetoed(name, _problem_veto.name, _problem_veto.label)
                    for name in ("agencies", "period", "pillar")
                )
            else:
                table = cell is not None
                found, why_agencies = decide("agencies", f, _show_credit, table=table)
                agencies, agency_spans = found.value if found is not None else ((), ())
                f = evolve(f, agencies=agencies)
                if _uncredited_people(f, None):
                    period, pillar = None, None
                    why_period, why_pillar = (
                        vetoed(name, _uncredited_people.name, _uncredited_people.label)
                        for name in ("period", "pillar")
                    )
                else:
                    found_period, why_period = decide("period", f, _show_period, table=table)
                    period = found_period.value if found_period is not None else None
                    found_pillar, why_pillar = decide("pillar", f, _show_pillar, table=table)
                    pillar = found_pillar.value if found_pillar is not None else None
            out.append(
                Statistic(
                    value=q.value,
                    value_high=q.value_high,
                    kind=q.kind,
                    qualifier=q.qualifier,
                    span=q.span,
                    surface=ctx.original[q.span[0] : q.span[1]],
                    unit=_unwrapped(ctx.text, u),
                    period=period.period if period is not None else None,
                    period_span=period.span if period is not None else None,
                    agencies=agencies,
                    agency_spans=agency_spans,
                    pillar=pillar,
                    sentence=sentence.text,
                    sentence_span=sentence.span,
                    section=structure.section_path(q.span[0]),
                    unit_span=u.span,
                    qualifier_span=q.qualifier_span,
                    document=document,
                    why=Why(role, unit_decision, why_period, why_agencies, why_pillar),
                )
            )
    return tuple(out)


_PROBLEM_LABEL = "an estimate of the problem's size is credited to no one"
_UNCREDITED_LABEL = "people counted by no agency, in a sentence that dates nothing"


@veto("uncredited_people", _UNCREDITED_LABEL, ["period", "pillar"])
def _uncredited_people(f: _Figure, found: Evidence[Any] | None) -> bool:
    """Many people no agency is credited with counting, in a sentence that states no period.

    "with over 225,000 victims each year from Southeast Asia", "Europol reports that at
    least 10,000 minors have gone missing": the size of the problem, whatever the source
    (guideline: "An estimate of the size of the problem has no agencies even when the
    text names its source"; its period and pillar are null).
    """
    if f.agencies or f.stated is not None or f.q.kind is not Kind.COUNT or f.cell is not None:
        return False
    if f.q.value < threshold("problem_scale"):
        return False  # "only 17 of the 487 received permission": a count of cases
    head = _head(f.unit.text).lower() if f.unit.text else ""
    return head in _words().people_words or (not head and bool(f.unit.span is None))


@veto("problem_size", _PROBLEM_LABEL, ["agencies", "period", "pillar"])
def _problem_veto(f: _Figure, found: Evidence[Any] | None) -> bool:
    """An estimate of the size of the problem has no period, agencies or pillar.

    Guideline: "A present-tense estimate of the size of the problem (`20 million to 30
    million trafficking victims`) is a statistic with period null, no agencies and pillar
    null"; "An estimate of the size of the problem has no agencies even when the text
    names its source". A figure its sentence dates as an event is no estimate.
    """
    stated = f.stated
    return (stated is None or stated.role == "current") and _problem_size(
        f.ix, f.sentence, f.q, f.unit.text
    )


def _decide_units(
    ctx: _Context,
    sentence: Sentence,
    block: Block,
    qs: Sequence[Quantity],
    cells: Sequence[CellContext | None],
    *,
    last_unit: dict[int, str],
) -> tuple[list[_Figure], list[Decision]]:
    """The unit of each figure of a sentence, with the figure as the later rules read it.

    A figure whose unit is left out inherits one (see the unit rules), so the units of a
    sentence are decided in order; ``last_unit`` keeps each paragraph's last count unit.
    """
    figures: list[_Figure] = []
    decisions: list[Decision] = []
    prev_unit, prev_at, list_elided = "", -1, False
    for q, cell in zip(qs, cells, strict=True):
        read: tuple[str, Span | None] = ("", None)
        if (
            q.kind is Kind.COUNT
            and q.surface.lower() not in _words().occasion_words
            and (cell is None or not cell.unit_text)
        ):
            read = read_unit(ctx.text, q.span[1], sentence.span[1])
        f = _Figure(
            ctx,
            q,
            sentence,
            block,
            cell,
            read=read,
            list_elided=list_elided,
            prev_unit=prev_unit,
            prev_at=prev_at,
            paragraph_unit=last_unit.get(block.index, ""),
        )
        found, decision = decide("unit", f, _show_unit, table=cell is not None)
        u: _Unit = found.value if found is not None else _Unit("", None)
        if decision.rule in _INHERITING or found is None:
            list_elided = True
            if u.text:
                prev_unit, prev_at = u.text, q.span[0]
        elif decision.rule in _READING:
            leading = u.text.split(maxsplit=1)[0].lower()
            idiom = q.surface.isalpha() and leading in _words().idiom_followers
            if _head(u.text) not in _words().time_units and not idiom:
                prev_unit, prev_at = u.text, q.span[0]  # not "by one estimate"
        figures.append(evolve(f, unit=u))
        decisions.append(decision)
    if prev_unit:
        last_unit[block.index] = prev_unit
    return figures, decisions


# ------------------------------------------------------------------------ role rules


@rule("role", "reported_figure", "a reported figure")
def _role_figure(f: _Figure) -> Evidence[str] | None:
    """A number is a statistic when it reports a measured amount, unless a veto says not.

    Guideline: "`statistic` — it reports a measured amount of activity, output, resource
    or reach". The vetoes below take out what is not.
    """
    return Evidence("statistic", f.q.span, f.q.surface)


@veto("statutory_cap", "a statutory cap, or a figure coordinated with one", ["role"])
def _role_cap(f: _Figure, found: Evidence[Any] | None) -> bool:
    """A legal limit is no statistic: "up to 5,000 T visas may be issued annually".

    Guideline: "legal thresholds and provisions (... statutory caps such as `up to 5,000 T
    ... annually`)" are `other`; a figure coordinated with a cap shares it.
    """
    return f.capped or _is_cap(f.q, f.ix.text, f.sentence.span)


@veto("not_a_count", "a duration, an age, a ratio, a telephone number or an idiom", ["role"])
def _role_not_a_count(f: _Figure, found: Evidence[Any] | None) -> bool:
    """Durations, ages, ratios' bases, telephone numbers and idioms report no amount.

    Guideline: "`other` — ... phone numbers ...; legal thresholds ... (`under 18`) ...;
    `three years` of status"; "durations of a programme" are at most `optional`.
    """
    return not is_statistic(f.q, f.ix.text, f.sentence.span, f.unit.text)


@veto("page_number", "a page number alone on its line", ["role"])
def _role_page_number(f: _Figure, found: Evidence[Any] | None) -> bool:
    """A figure that is all there is on its line is a page number between pages.

    Not a table cell: a table flattened one cell per line puts each figure alone.
    """
    return f.cell is None and _alone_on_its_line(f.ix.original, f.q.span)


@veto("enumerator", "a list enumerator such as (1)", ["role"])
def _role_enumerator(f: _Figure, found: Evidence[Any] | None) -> bool:
    """List and section enumerators are `other`: "recommends: (1) training; (2) ..."."""
    return f.cell is None and _enumerator(f.ix.text, f.q.span)


# ------------------------------------------------------------------------ unit rules


@rule("unit", "table_cell", "the table's row or column label", table=True)
def _unit_of_cell(f: _Figure) -> Evidence[_Unit] | None:
    """A table cell counts what its row or column label names.

    Guideline: "Tables: each cell with a figure is a statistic; its unit comes from its
    row or column label".
    """
    if f.cell is None or not f.cell.unit_text or f.q.kind is not Kind.COUNT:
        return None
    u = _cell_unit(f.ix, f.cell)
    return Evidence(u, u.span, u.text)


@rule("unit", "money", "a sum of money")
def _unit_money(f: _Figure) -> Evidence[_Unit] | None:
    """Money is counted in U.S. dollars. Guideline: "for money `usd`"."""
    return Evidence(_Unit("USD", None)) if f.q.kind is Kind.MONEY else None


@rule("unit", "percent", "a percentage")
def _unit_percent(f: _Figure) -> Evidence[_Unit] | None:
    """A percentage's unit is percent. Guideline: "for percent `percent`"."""
    return Evidence(_Unit("percent", None)) if f.q.kind is Kind.PERCENT else None


@rule("unit", "times", "a multiplier, or a count of occasions")
def _unit_times(f: _Figure) -> Evidence[_Unit] | None:
    """A multiplier ("seven-fold", "doubled") or occasions ("met twice") count times.

    Guideline: "for a multiplier `times`".
    """
    if f.q.kind is Kind.MULTIPLIER or f.q.surface.lower() in _words().occasion_words:
        return Evidence(_Unit("times", None))
    return None


def _elided_verb(f: _Figure) -> bool:
    """In a list whose unit was left out, a verb after the figure ends its noun phrase."""
    if not f.list_elided:
        return False
    ix, q = f.ix, f.q
    first = ix.text[q.span[1] : min(f.sentence.span[1], q.span[1] + 40)].split()[:1]
    return bool(first) and first[0].lower() in _words().verbs


@rule("unit", "noun_after_figure", "the noun phrase after the figure")
def _unit_after(f: _Figure) -> Evidence[_Unit] | None:
    """A count's unit is the counted noun phrase right after it.

    Guideline: "`unit_head` for a count, the one noun that is counted ... (`victims` in
    `1248 adult trafficking victims`)". Reading stops at verbs, participles and time
    words; "127 started the process" in a list whose unit was left out has none.
    """
    unit, span = f.read
    if not unit or _elided_verb(f):
        return None
    if "- " in unit:
        unit = _KEPT_HYPHEN.sub("-", unit)  # "anti-\ntrafficking" read as one word
    return Evidence(_Unit(unit, span), span, unit)


@rule("unit", "partitive", "the whole a part is taken of")
def _unit_partitive(f: _Figure) -> Evidence[_Unit] | None:
    """A part of a whole counts the whole's noun: "32 of the 42 task forces"."""
    if f.q.kind is not Kind.COUNT or f.read[0] or _elided_verb(f):
        return None
    unit, span = _partitive_unit(f.ix, f.q, f.sentence)
    return Evidence(_Unit(unit, span), span, unit) if unit else None


@rule("unit", "named_before", "the unit named before the figure")
def _unit_named_before(f: _Figure) -> Evidence[_Unit] | None:
    """A figure with no noun counts the noun named just before it.

    "the number of defendants convicted (118 vs. 59)", "Of those defendants, 32".
    """
    if f.q.kind is not Kind.COUNT:
        return None
    named, named_at = _unit_before(f.ix.text, f.sentence.span[0], f.q.span[0])
    if named and named_at > f.prev_at:
        return Evidence(_Unit(named, None), (named_at, named_at + len(named)), named)
    return None


@rule("unit", "previous_count", "the unit of the count before it")
def _unit_previous(f: _Figure) -> Evidence[_Unit] | None:
    """A figure in a list with its unit left out counts what the one before it counts.

    "approximately 1500 victims ...; 127 started the certification process".
    """
    if f.q.kind is not Kind.COUNT or not f.prev_unit:
        return None
    return Evidence(_Unit(f.prev_unit, None), None, f.prev_unit)


@rule("unit", "paragraph_count", "the paragraph's last count")
def _unit_paragraph(f: _Figure) -> Evidence[_Unit] | None:
    """A figure with no noun, after others in its paragraph, counts what they counted.

    "... identified 96 victims. Of these, 72 were female."
    """
    if f.q.kind is not Kind.COUNT or not f.paragraph_unit:
        return None
    return Evidence(_Unit(f.paragraph_unit, None), None, f.paragraph_unit)


_READING = frozenset({"noun_after_figure", "partitive"})
"""Unit rules that read the figure's own words: a later figure may inherit their unit."""
_INHERITING = frozenset({"named_before", "previous_count", "paragraph_count"})
"""Unit rules of a figure whose unit was left out: the figures after it go on inheriting."""


_PARTITIVE = regex.compile(r"\s+of\s+(?:the|these|those|its|their|all|our)\s+", regex.IGNORECASE)


def _partitive_unit(ctx: _Context, q: Quantity, sentence: Sentence) -> tuple[str, Span | None]:
    """The unit of "32 of the 42 task forces" or "two of the documents"."""
    m = _PARTITIVE.match(ctx.text, q.span[1], min(sentence.span[1], q.span[1] + 40))
    if m is None:
        return "", None
    after = m.end()
    nxt = ctx.between(ctx.q_starts, after, after + 1)
    if nxt:
        after = ctx.quantities[nxt[0]].span[1]
    return read_unit(ctx.text, after, sentence.span[1])


_NUMBER_OF = regex.compile(
    r"""\bnumber\s+of\s+(?=[A-Za-z])                   # the number of funded task forces
      | ([A-Za-z][\w\-]*)\s*\(\s*$                     # defendants (32)
      | \G\s*of\s+(?:the|these|those|this)\s+(?=[A-Za-z])  # Of those defendants, 32""",
    regex.IGNORECASE | regex.VERBOSE,
)


_STATUS = regex.compile(r"[A-Za-z]+(?:ed|ing)|[A-Za-z]+\s+(?:pending|filed)", regex.IGNORECASE)
_TABLE_NUMBER = regex.compile(
    r"(?:Table|Exhibit|Figure|Chart)\s+[\dA-Z][\w.-]*[.:]?\s*", regex.IGNORECASE
)
_MONEY_SCALE = regex.compile(
    r"\b(?:in\s+)?(?P<scale>thousands|millions|billions)\s+of\s+(?:U\.S\.\s+)?dollars\b"
    r"|\(\s*(?:US)?\$\s*(?:in\s+)?(?P<short>thousands?|millions?|billions?|K|M|B)\s*\)"
    r"|\b(?:dollars|USD)\s+in\s+(?P<after>thousands|millions|billions)\b",
    regex.IGNORECASE,
)
_SCALES = {
    "k": 10**3,
    "thousand": 10**3,
    "m": 10**6,
    "million": 10**6,
    "b": 10**9,
    "billion": 10**9,
}


_MET = regex.compile(
    r"\b(?:met|meets|convened|gathered|visited|travell?ed|testified|spoke|briefed)\s+$",
    regex.IGNORECASE,
)


def _times_met(text: str, q: Quantity) -> Quantity:
    """A count of occasions, not a multiplier: "met twice", "convened three times"."""
    if q.kind is not Kind.MULTIPLIER or not _MET.search(text, max(0, q.span[0] - 16), q.span[0]):
        return q
    return evolve(q, kind=Kind.COUNT)


def _cell_quantity(q: Quantity, cell: CellContext) -> Quantity:
    """A bare number in a table cell, read with what the table says its cells are.

    In a "Percent" or "% Change" column it is a percentage. A scale ("in millions of
    dollars", "($ in thousands)") makes it a sum of money only in a money column: one
    whose header or row label names money ("Amount", "Funding"), or, when no label names
    money and none names something counted, any cell of a table the caption scales. A
    cell whose column or row names something counted ("Grants Awarded", "Victims Served",
    "Number of ...") is never scaled: it stays a count.
    """
    column = (cell.column or "").strip().lower()
    if column in _words().percent_columns or (
        cell.period_range is not None and ("%" in column or "percent" in column)
    ):
        return evolve(q, kind=Kind.PERCENT)
    if cell.sub_count:
        return q
    column_scale = _MONEY_SCALE.search(cell.column or "") or _BARE_SCALE.search(cell.column or "")
    found = column_scale or _MONEY_SCALE.search(cell.caption or "")
    if found is None:
        return q
    labels = [label for label in (cell.column, cell.row_label) if label]
    if any(names_money(label) for label in labels) or column_scale is not None:
        pass  # a money column: "Amount", "Funding ($ in thousands)"
    elif any(names_count(label) or "%" in label or "percent" in label.lower() for label in labels):
        return q  # "Grants Awarded", "Victims Served": a count, whatever the scale
    elif cell.money_columns:
        return q  # the table names its money columns, and this is none of them
    word = (
        (found.group("scale") or found.group("short") or found.group("after") or "")
        .lower()
        .rstrip("s")
    )
    if word not in _SCALES:
        return q
    scale = _SCALES[word]
    high = q.value_high
    return evolve(
        q,
        kind=Kind.MONEY,
        value=_scaled(q.value, scale),
        value_high=_scaled(high, scale) if high is not None else None,
    )


_BARE_SCALE = regex.compile(
    r"\(\s*(?:in\s+)?(?P<scale>thousands|millions|billions)\s*\)", regex.IGNORECASE
)


def _cell_quantities(
    ctx: _Context, sentence: Sentence, qs: list[Quantity], cells: list[CellContext | None]
) -> tuple[list[Quantity], list[CellContext | None]]:
    """A sentence's figures, one per table cell: the cell's figure as the table reads it.

    A footnote mark glued to a figure ("3,5122", the mark 2) splits it for the recogniser
    of prose; the table knows the figure's end, so the pieces become one figure. A cell
    the recogniser missed ("3,160" before its sub-count "(432)") is read from the cell.
    """
    if not ctx.tables:
        return qs, cells
    by_cell: dict[Span, list[int]] = {}
    for i, cell in enumerate(cells):
        if cell is not None and cell.cell_span is not None:
            by_cell.setdefault(cell.cell_span, []).append(i)
    replace: dict[int, Quantity] = {}
    drop: set[int] = set()
    for span, members in by_cell.items():
        if len(members) == 1 and qs[members[0]].span == span:
            continue
        read = _cell_reading(ctx, span)
        if read is None:
            continue
        replace[members[0]] = read
        drop.update(members[1:])
    # A figure in a caption or header that is no cell labels the table ("FISCAL YEARS
    # 2007-1115", "Two-Period Comparison"): no statistic.
    for i, (q, cell) in enumerate(zip(qs, cells, strict=True)):
        if cell is None and _in_header(ctx, q.span):
            drop.add(i)
    out_q = [replace.get(i, q) for i, q in enumerate(qs) if i not in drop]
    out_c = [c for i, c in enumerate(cells) if i not in drop]
    # Cells of the sentence's tables that no figure of the recogniser covers.
    lo, hi = sentence.span
    covered = [q.span for q in out_q]
    first = max(0, bisect.bisect_right(ctx.table_starts, lo) - 1)
    for table in ctx.tables[first : bisect.bisect_left(ctx.table_starts, hi)]:
        if table.span[1] <= lo:
            continue
        for row in table.rows:
            for c in row.cells:
                if not lo <= c.span[0] < hi or any(_overlaps(c.span, s) for s in covered):
                    continue
                read = _cell_reading(ctx, c.span)
                context = table_context([table], c.span[0])
                if read is not None and context is not None:
                    out_q.append(read)
                    out_c.append(context)
    order = sorted(range(len(out_q)), key=lambda i: out_q[i].span)
    return [out_q[i] for i in order], [out_c[i] for i in order]


def _table_sentences(ctx: _Context) -> list[Sentence]:
    """The document's sentences, and a sentence of its own for each table cell none holds.

    A table flattened one cell per line puts its figures on lines of their own, which a
    reading of prose sets aside as page numbers; the table says they are cells. Each such
    cell is read as a sentence that belongs with the sentence before it (its block and
    its place in the paragraph), so that the text around the table is its context.
    """
    sentences = list(ctx.structure.sentences)
    if not ctx.tables or not sentences:
        return sentences
    starts = [s.span[0] for s in sentences]
    extra: list[Sentence] = []
    for table in ctx.tables:
        for row in table.rows:
            for cell in row.cells:
                at = bisect.bisect_right(starts, cell.span[0]) - 1
                if at >= 0 and sentences[at].span[1] > cell.span[0]:
                    continue  # a sentence holds the cell
                before = sentences[max(at, 0)]
                extra.append(Sentence(cell.span, cell.text, block=before.block, index=before.index))
    if not extra:
        return sentences
    return sorted([*sentences, *extra], key=lambda s: s.span)


def _in_header(ctx: _Context, span: Span) -> bool:
    """Whether a figure is in the header line (or the caption on it) of a table."""
    at = bisect.bisect_right(ctx.table_starts, span[0])
    for table in ctx.tables[max(0, at - 2) : at + 1]:
        header = table.header_span
        if header is not None and header[0] <= span[0] and span[1] <= header[1]:
            return True
    return False


def _cell_reading(ctx: _Context, span: Span) -> Quantity | None:
    """The one figure of a table cell's text, with spans into the document."""
    found = quantities(ctx.text[span[0] : span[1]])
    if len(found) != 1:
        return None
    q = found[0]
    shift = span[0]
    return evolve(
        q,
        span=(q.span[0] + shift, q.span[1] + shift),
        qualifier_span=(
            (q.qualifier_span[0] + shift, q.qualifier_span[1] + shift)
            if q.qualifier_span is not None
            else None
        ),
    )


def _scaled(value: int | Decimal, scale: int) -> Decimal:
    """``value`` times ``scale``, with no decimal places when it is a whole number."""
    out = Decimal(value) * scale
    return out.quantize(Decimal(1)) if out == out.to_integral_value() else out


_SOURCE = regex.compile(r"\s*(?:Sources?|Data)\s*:", regex.IGNORECASE)
_SOURCE_REACH = 200  # characters after a table where its "Source:" line may be


def _cell_unit(ctx: _Context, cell: CellContext) -> _Unit:
    """A table cell's unit: its label, or the caption's noun with a status label.

    Under "Table 2. T-1 applications, FY 2009 to FY 2013" a column "Approved" counts
    "T-1 applications approved".
    """
    label = cell.unit_text or ""
    if cell.column and (_names_body(ctx, cell) or label.strip().lower() in _words().total_rows):
        # "OVC | 38" under "Awards FY 2015": the row is who, the column what and when;
        # a "Total" row counts what its column does.
        counted = " ".join(_YEARS_IN_HEADER.sub(" ", cell.column).split())
        if counted and counted.lower() not in _words().total_rows:
            return _Unit(counted, None)
    generic = generic_label(cell.column or "")
    # Rows of places or categories under year columns ("Northeast | 40 | 52") count the
    # caption's noun: the row label names no counted thing.
    category = (
        cell.row_label is not None
        and label == cell.row_label
        and cell.column is not None
        and (cell.period_text == cell.column or cell.period_range is not None)
        and not names_count(label)
        and not _STATUS.fullmatch(label)
        and not _names_body(ctx, cell)
    )
    generic = generic or category
    if cell.caption_span is not None and (generic or _STATUS.fullmatch(label)):
        start = cell.caption_span[0]
        numbered = _TABLE_NUMBER.match(ctx.text, start, cell.caption_span[1])
        if numbered is not None:
            start = numbered.end()
        noun, span = read_unit(ctx.text, start - 1, cell.caption_span[1])
        if noun and span is not None:
            if generic:
                # "Type of trafficking | Number": the row is a category of the noun.
                return _Unit(f"{noun} ({label})" if label else noun, cell.unit_span)
            return _Unit(f"{noun} {label.lower()}", cell.unit_span)
    return _Unit(label, cell.unit_span)


_YEARS_IN_HEADER = regex.compile(
    r"\b(?:FY|CY|fiscal\s+years?|calendar\s+years?)?\s*(?:19|20)\d{2}(?:\s*[-–/]\s*\d{2,4})?\b",
    regex.IGNORECASE,
)


def _names_body(ctx: _Context, cell: CellContext) -> bool:
    """Whether a cell's row label is the name of a body ("OVC", "Bureau of Justice Assistance")."""
    if cell.row_label_span is None:
        return False
    start, end = cell.row_label_span
    found = _mentions_in(ctx, start, end)
    return bool(found) and found[0].span[0] <= start + 4 and found[-1].span[1] >= end - 1


def _source_line(ctx: _Context, cell: CellContext) -> Span | None:
    """Where the text of a table's "Source:" line is, right after the table (or its blank)."""
    end = cell.table_span[1] if cell.table_span is not None else None
    if end is None:
        return None
    source = _SOURCE.match(ctx.text, end, end + _SOURCE_REACH)
    if source is None:
        # The first line after the table's blank line.
        nxt = ctx.text.find("\n", end)
        while 0 <= nxt < len(ctx.text) and ctx.text[nxt] in "\r\n \t":
            nxt += 1
        source = _SOURCE.match(ctx.text, nxt, nxt + _SOURCE_REACH) if nxt >= 0 else None
    if source is None:
        return None
    line_end = ctx.text.find("\n", source.end())
    return source.end(), line_end if line_end >= 0 else len(ctx.text)


def _heading_agencies(ctx: _Context, cell: CellContext) -> list[AgencyMention]:
    """The bodies the headings above a table name, the nearest heading first."""
    top = cell.table_span[0] if cell.table_span is not None else 0
    section = ctx.structure.section_at(top)
    while section is not None:
        found = _mentions_in(ctx, *section.heading_span)
        if found:
            return found
        section = ctx.structure.parent(section)
    return []


def _cell_pillar(ctx: _Context, cell: CellContext, unit: str) -> Pillar | None:
    """The pillar a table cell's unit, else its caption, else the paragraph before names."""
    found = classify(unit) or classify(cell.caption or "")
    intro = _table_intro(ctx, cell) if found is None else None
    if intro is not None:
        scores: Counter[Pillar] = Counter()
        for sentence in ctx.structure.sentences_of(intro):
            scores += ctx.cue_scores(sentence.index)
        found = _winner_of(scores)
    return found


def _table_intro(ctx: _Context, cell: CellContext) -> Block | None:
    """The paragraph just before a table (and its caption), which introduces it."""
    if cell.table_span is None:
        return None
    top = cell.caption_span[0] if cell.caption_span is not None else cell.table_span[0]
    block = ctx.structure.block_before(top)
    return block if block is not None and block.kind is BlockKind.PARAGRAPH else None


def _winner_of(scores: Counter[Pillar]) -> Pillar | None:
    """The pillar with the most weight, unless none or a tie."""
    ranked = scores.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


_ESTIMATED = regex.compile(
    r"\bestimat(?:e|es|ed|ing)\b(?:\s+(?:that|of))?(?:\s+(?:some|about|approximately|"
    r"nearly|roughly|around|over|more\s+than|between|as\s+many\s+as))?\s*$",
    regex.IGNORECASE,
)
_HELD = regex.compile(
    r"\s*(?:[\w,-]+\s+){0,3}?(?:are|is)\s+(?:currently\s+|now\s+|still\s+)?"
    r"(?:(?:believed|thought|estimated|said|reported)\s+to\s+(?:be\s+)?)?"
    r"(?:trafficked|held|enslaved|exploited|subjected|victims|in\s+(?:forced|modern|slavery))\b",
    regex.IGNORECASE,
)
#: People moved every year, with the counted noun left out: "over 100,000 trafficked each
#: year from that region".
_FLOW = regex.compile(
    r"\s*(?:are\s+)?(?:trafficked|smuggled|enslaved)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(?:each|every|a|per)\s+year|annually)\b",
    regex.IGNORECASE,
)


_PROGRAMME_SIZE = regex.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:activity|program|programme|project|initiative|award|grant"
    r"|contract|effort|partnership|compact)\b",
    regex.IGNORECASE,
)
_MILLIONS = 1_000_000
_DEED_BEFORE = regex.compile(r"\b\w+ed\b(?:\s+\w+){0,3}\s+$", regex.IGNORECASE)
_PAST = regex.compile(r"\s*(?:\w+\s+){0,2}?(?:were|was|had)\b", regex.IGNORECASE)
_ARE = regex.compile(r"\s*(?:\w+\s+){0,2}?(?:are|is)\b", regex.IGNORECASE)


def _problem_size(ctx: _Context, sentence: Sentence, q: Quantity, unit: str) -> bool:
    """Whether a count of people is an estimate of the size of the problem.

    "an estimated 24.9 million people", "between 14,500 and 17,500 people are trafficked
    into the United States each year", "the 20 million to 30 million trafficking victims
    are children".
    """
    if q.kind is not Kind.COUNT or _head(unit).lower() not in _words().people_words:
        return False
    # The counted noun right after the figure, then "are trafficked", "are held" ...
    noun = unit.rsplit(maxsplit=1)[-1]
    after = ctx.text.find(noun, q.span[1], min(sentence.span[1], q.span[1] + 80))
    past = after >= 0 and _PAST.match(ctx.text, after + len(noun), sentence.span[1])
    if _ESTIMATED.search(ctx.text, max(sentence.span[0], q.span[0] - 40), q.span[0]):
        # "NGOs estimated that more than 3,000 victims were deported in 2011" is an event.
        return not past
    if after < 0:
        return bool(_FLOW.match(ctx.text, q.span[1], sentence.span[1]))
    after += len(noun)
    if _HELD.match(ctx.text, after, sentence.span[1]):
        return True
    # "Half of the 20 million to 30 million trafficking victims are children": millions
    # of people described in the present tense are the world's, not an agency's count.
    if q.value < _MILLIONS:
        return False
    if _ARE.match(ctx.text, after, sentence.span[1]):
        return True
    # "Human trafficking robs nearly 25 million people of their freedom": millions of
    # people after no body named and no deed of one reported.
    return not _mentions_in(ctx, sentence.span[0], q.span[0]) and not _DEED_BEFORE.search(
        ctx.text, max(sentence.span[0], q.span[0] - 40), q.span[0]
    )


def _victims_pillar(unit: str) -> Pillar | None:
    """Protection for a count of victims or survivors (identified, rescued, assisted).

    The annotation guideline files victims under protection unless an explicit pillar
    heading says otherwise; the heading is looked at before this.
    """
    return Pillar.PROTECTION if _head(unit).lower() in _words().victim_heads else None


def _caption_period(ctx: _Context, cell: CellContext) -> PeriodMention | None:
    """The one period a table's caption names ("..., January 2008-June 2010"), if one.

    A range glued to a footnote mark ("FISCAL YEARS 2007-1115") is read without the mark.
    """
    if cell.caption_span is None:
        return None
    glued = caption_years(cell.caption or "")
    if glued is not None:
        span = cell.caption_span
        period = Period(glued[0], glued[1], fiscal=cell.fiscal)
        return PeriodMention(period, span, ctx.text[span[0] : span[1]], "range")
    found = [ctx.periods[j] for j in ctx.between(ctx.p_starts, *cell.caption_span)]
    return found[0] if len(found) == 1 else None


def _cell_period(ctx: _Context, cell: CellContext) -> PeriodMention | None:
    """The period a table cell's column header or row label names ("FY 2009", "2010").

    A change or total column spans the table's period columns ("% Change" after "FY08 -
    FY10" and "FY11 - FY13": 2008 to 2013); a key-value record runs from its start date
    to its end date.
    """
    if cell.period_range is not None and cell.period_text is None:
        span = cell.cell_span or cell.table_span or (0, 0)
        first, last = cell.period_range
        period = Period(first, last, fiscal=cell.fiscal)
        return PeriodMention(period, span, ctx.text[span[0] : span[1]], "range")
    if cell.period_text is None or cell.period_span is None:
        return None
    found = find_periods(cell.period_text, ctx.year)
    shift = cell.period_span[0]
    if not found:
        # A bare year in a header ("2010") reads as a year only after a preposition.
        found = find_periods("in " + cell.period_text, ctx.year)
        shift -= 3
    if not found:
        return None
    p = found[0]
    span = (max(cell.period_span[0], p.span[0] + shift), p.span[1] + shift)
    period = p.period
    if cell.fiscal and not period.fiscal:
        # A bare "2009" in a table of fiscal years ("Fiscal Year", "FY 2009 to FY 2013").
        period = Period(period.start, period.end, fiscal=True)
    return PeriodMention(period, span, ctx.text[span[0] : span[1]], p.role)


def _unit_before(text: str, start: int, at: int) -> tuple[str, int]:
    """The unit named before a figure, and where: "the number of investigations (340 vs. 106)"."""
    found = list(_NUMBER_OF.finditer(text, max(start, at - 200), at))
    if not found:
        return "", -1
    words = _words()
    for m in reversed(found):
        word = m.group(1)
        if word is None:
            break
        low = word.lower()
        if not (low in words.verbs or low in words.participle_adjectives or low.endswith("ed")):
            return word, m.start()  # "defendants (32)"; not "defendants convicted (118"
    else:
        return "", -1
    unit, span = read_unit(text, m.end(), at)
    if span is not None:
        # "the number of defendants convicted (118 vs. 59)": a participle that closes the
        # phrase before the figures belongs to it.
        rest = text[span[1] : at].split("(", maxsplit=1)[0].split()
        if len(rest) == 1 and rest[0].lower().endswith("ed") and rest[0].isalpha():
            unit = f"{unit} {rest[0]}"
    return (unit, m.start()) if unit else ("", -1)


def _bind_periods(
    ctx: _Context, sentence: Sentence, qs: list[Quantity]
) -> list[tuple[PeriodMention | None, str]]:
    """For each figure of a sentence, the period of that sentence that governs it, and how.

    The second item names the period rule the binding stands for (``after_figure``,
    ``before_figure`` ...; empty when nothing binds): the figures of a sentence are bound
    together, so these rules read the binding made here.
    """
    text = ctx.text
    prange = ctx.between(ctx.p_starts, sentence.span[0], sentence.span[1])
    periods = [_superlative_base(ctx, sentence, ctx.periods[i]) for i in prange]
    if not periods:
        return [(None, "")] * len(qs)
    bound: dict[int, int] = {}  # quantity index → period index
    used: set[int] = set()
    p_starts = [p.span[0] for p in periods]
    q_starts = [q.span[0] for q in qs]
    for qi, q in enumerate(qs):
        nxt = bisect.bisect_left(p_starts, q.span[1])
        if nxt == len(periods):
            continue
        p = periods[nxt]
        if p.span[0] - q.span[1] > 4 * threshold("bound_gap"):
            continue  # too far to be read together
        gap = text[q.span[1] : p.span[0]]
        if ";" in gap:
            continue
        between = qs[qi + 1 : bisect.bisect_left(q_starts, p.span[0])]
        if (
            p.role == "compared"
            and not between
            and len(gap) <= threshold("bound_gap")
            and _changes().compared.search(text, max(sentence.span[0], q.span[0] - 40), q.span[0])
        ):
            # "compared with 76 defendants charged in the previous five fiscal years":
            # the figure of the comparison is the base period's own.
            bound[qi] = nxt
            used.add(nxt)
            continue
        if p.role == "compared" or _BASE_GAP.search(gap):
            # The base of a comparison is not the figure's own period. A base *period*
            # ("over the previous seven years") leaves the figure the current one; a
            # base *year* of a change ("12 percent over FY 2017") starts its period.
            if p.role != "compared" and q.kind in (Kind.PERCENT, Kind.MULTIPLIER) and not between:
                bound[qi] = nxt
                used.add(nxt)
            continue
        if (
            (not between and len(gap) <= threshold("bound_gap"))
            # A range or "since" spreads over the figures before it, but not out of a
            # relative clause to a figure its own clause dates ("in FY 2007 to 36
            # organizations, which together served 1,042 victims between July 2006 and
            # June 2007").
            or (
                p.role in _SPREADING_ROLES
                and not (
                    _RELATIVE.search(gap) and nxt > 0 and periods[nxt - 1].span[1] <= q.span[0]
                )
            )
            # A period after a list governs the list: "opened 833 investigations
            # and made 1,588 arrests in FY 2018", unless a comparison intervenes,
            # or the period closes a parenthesis of other figures ("34 cases (44 cases
            # in 2018)").
            or (
                (p.role == "point" or (p.role == "relative" and p.period.start == p.period.end))
                and not _changes().clause_break.search(gap)
                and "(" not in gap
                and all(o.kind in (Kind.COUNT, Kind.MONEY) for o in between)
            )
        ):
            bound[qi] = nxt
            used.add(nxt)
    periods = [_as_of_stock(ctx, sentence, _since_event(ctx, sentence, p)) for p in periods]
    in_comparison = [_in_comparison(ctx, p) for p in periods]
    out: list[tuple[PeriodMention | None, str]] = []
    # The last period before the figure: unbound, outside a comparison, any.
    last_free = last_plain = last_any = -1
    pi = 0
    for qi, q in enumerate(qs):
        while pi < len(periods) and periods[pi].span[1] <= q.span[0]:
            if periods[pi].role != "compared":
                last_any = pi
                if pi not in used:
                    last_free = pi
                if not in_comparison[pi] and not _is_base_period(text, periods[pi]):
                    last_plain = pi
            pi += 1
        if last_any >= 0 and _OPENS_AFTER.fullmatch(text, periods[last_any].span[1], q.span[0]):
            # "from 2011 (464 persons) to 2019 (837 persons)": a figure in parentheses
            # right after a year is that year's.
            p = periods[last_any]
            out.append((PeriodMention(p.period, p.span, p.surface, "point"), "before_figure"))
            continue
        if qi in bound:
            p = _restated(text, periods, bound[qi])
            if _comparative(text, q):
                # "1,700 more convictions in 2005 than in 2004": a difference between two
                # years is a change, and spans from the base year to its own.
                base = next((b for b in periods[bound[qi] + 1 :] if _is_base_period(text, b)), None)
                if (
                    base is not None
                    and base.period.start is not None
                    and p.period.end > base.period.start
                    and ";" not in text[p.span[1] : base.span[0]]
                ):
                    p = PeriodMention(
                        Period(base.period.start, p.period.end, p.period.fiscal),
                        p.span,
                        p.surface,
                        "compared",
                    )
            if q.kind in (Kind.PERCENT, Kind.MULTIPLIER) and (
                _is_base_period(text, p) or _BASE_GAP.search(text, q.span[1], p.span[0])
            ):
                # "an increase of 12 percent over FY 2017": the base year starts the period
                # that ends with the one the sentence is about (annotation-guideline.md).
                if last_plain >= 0:
                    end: int | None = periods[last_plain].period.end
                else:
                    carried = _context_period(ctx, sentence, _block_of(ctx, sentence), q)
                    end = carried.period.end if carried else ctx.year
                if end is not None and p.period.start is not None and end > p.period.start:
                    p = PeriodMention(
                        Period(p.period.start, end, p.period.fiscal), p.span, p.surface, "compared"
                    )
            out.append((_compared(ctx, p), "after_figure"))
            continue
        # The nearest period stated before the figure and not bound to another
        # figure; else the nearest bound one ("trained 300 officers in FY 2010 and
        # opened 12 cases": FY 2010 governs both).
        if _VERSUS.search(text, max(0, q.span[0] - 16), q.span[0]):
            # "(340 vs. 106) ... than in the prior four year period": the second figure
            # of a comparison is the base period's.
            base = next((p for p in periods if p.role == "compared"), None)
            if base is not None:
                out.append((base, "versus_base"))
                continue
        found = [i for i in (last_free, last_plain, last_any) if i >= 0]
        chosen = next((i for i in found if not in_comparison[i]), -1)
        if chosen < 0 and found:
            # Only the base of a comparison stands before the figure ("compared with 210
            # in FY 2020, a decrease of 6 percent; of these, 184 cases"): the figure is
            # the period its context gives, and the base's only when there is none.
            context = _context_period(ctx, sentence, _block_of(ctx, sentence), q)
            if context is not None:
                spanned = _change_over_base(ctx, q, [*periods, context], len(periods))
                out.append((spanned, "change_over_base") if spanned else (None, ""))
                continue
            chosen = found[0]
        if chosen >= 0 and (
            periods[chosen].role == "current"
            or _PERFECT.search(text, max(sentence.span[0], q.span[0] - 120), q.span[0])
        ):
            # "The campaign, launched in April 2004, now has coalitions in 24 cities",
            # "launched ... in June 2003, the FBI has recovered 223 children": what it
            # has now, or has done, it has gathered since its launch.
            launched = next(
                (
                    _launch_since(ctx, p)
                    for p in reversed(periods[: chosen + 1])
                    if _launch_since(ctx, p)
                ),
                None,
            )
            if launched is not None:
                out.append((launched, "since_launch"))
                continue
        if chosen >= 0:
            spanned = _change_over_base(ctx, q, periods, chosen)
            if spanned is not None:
                out.append((spanned, "change_over_base"))
            else:
                out.append((_compared(ctx, periods[chosen]), "before_figure"))
            continue
        # "identified 96 victims, compared with 95 in 2018": the figure compared with a
        # year's is the next year's.
        base = next(
            (p for i, p in enumerate(periods) if p.span[0] >= q.span[1] and in_comparison[i]),
            None,
        )
        if base is None:
            out.append((None, ""))
            continue
        # "... when compared to data from 2009": a base year with no figure of its own
        # spans to the reference year; "compared with 95 in 2018" implies 2019.
        spanned = _compared(ctx, base)
        implied = spanned if spanned.role == "compared" else _implied_current(ctx, base)
        out.append((implied, "comparison_base" if implied is not None else ""))
    return out


_OPENS_AFTER = regex.compile(r"\s*\(\s*")
_COMPARATIVE = regex.compile(r"\s+(?:more|fewer)\s+(?!than\b)[a-z]", regex.IGNORECASE)
_RESTATING = regex.compile(r"[\s,(]*(?:from|between|in|during)?\s*")


def _comparative(text: str, q: Quantity) -> bool:
    """Whether a count is a difference: "1,700 more convictions ... than"."""
    return q.kind is Kind.COUNT and _COMPARATIVE.match(text, q.span[1]) is not None


def _restated(text: str, periods: Sequence[PeriodMention], i: int) -> PeriodMention:
    """A window counted back and the years that restate it: the stated years.

    "decreased by 61% over the past six years, from FY 2011 to 2017": FY 2011-2017,
    not six years counted back from the reference year.
    """
    p = periods[i]
    if p.role != "relative" or i + 1 >= len(periods):
        return p
    nxt = periods[i + 1]
    m = _RESTATING.fullmatch(text, p.span[1], nxt.span[0])
    if m is None or nxt.role != "range":
        return p
    return nxt


#: A base year after "from" and its figure: "from 729 in 2011 to 1,343 in 2020".
_FROM_FIGURE = regex.compile(r"\bfrom\s+\$?[\d,.]+\s+(?:\w+\s+){0,3}?$", regex.IGNORECASE)
_FROM_BASE = regex.compile(r"\b(?:from|over|since|compared\s+(?:with|to))\b", regex.IGNORECASE)


@frozen
class _Changes:
    """Patterns built from the one list of change nouns (data/units.toml)."""

    before: regex.Pattern[str]
    """ "an increase of (more than) ..." right before a figure."""
    after: regex.Pattern[str]
    """ "... percent increase" right after a figure."""
    clause_break: regex.Pattern[str]
    """Where a list's period stops governing: a comparison or a change between them."""
    compared: regex.Pattern[str]
    """A comparison clause up to a period: "compared with 82 in", "an increase from"."""


@functools.cache
def _changes() -> _Changes:
    nouns = "|".join(regex.escape(w) for w in _words().change_nouns)
    return _Changes(
        before=regex.compile(rf"\b(?:{nouns})\s+of\s+(?:\w+\s+){{0,2}}$", regex.IGNORECASE),
        after=regex.compile(rf"\s*(?:{nouns})\b", regex.IGNORECASE),
        clause_break=regex.compile(
            rf";|,\s*where\b|\bcompared\s+(?:with|to)\b"
            rf"|\b(?:{nouns}|up|down|while|whereas|than)\b",
            regex.IGNORECASE,
        ),
        compared=regex.compile(
            rf"\b(?:compared\s+(?:to|with)|(?:up|down)\s+from|an?\s+(?:{nouns})\s+from)\b"
            r"(?:[^;.]|\.(?=\d))*$",  # to the period, through decimal points ("12.6 million")
            regex.IGNORECASE,
        ),
    )


def _change_over_base(
    ctx: _Context, q: Quantity, periods: Sequence[PeriodMention], chosen: int
) -> PeriodMention | None:
    """A change from a base period to the current one spans both (annotation guideline).

    "... 360 defendants from FY 2001 through 2006, compared with 76 in the previous five
    fiscal years, an increase of more than 370 percent": FY 1996-2006; "... between July
    2006 and June 2007, a 23 percent increase over the prior twelve months": 2005-2007.
    """
    if q.kind not in (Kind.PERCENT, Kind.MULTIPLIER):
        return None
    if not (
        _changes().before.search(ctx.text, max(0, q.span[0] - 40), q.span[0])
        or _changes().after.match(ctx.text, q.span[1])
    ):
        return None
    base = next(
        (
            p
            for p in reversed(periods)
            if p.span[1] <= q.span[0]
            and (
                p.role == "compared"
                or (p.role == "point" and _in_comparison(ctx, p))
                # "increased from 729 in 2011 to 1,343 in 2020, an 84% increase"
                or (
                    p.role == "point"
                    and _FROM_FIGURE.search(ctx.text, max(0, p.span[0] - 40), p.span[0])
                )
            )
        ),
        None,
    ) or next(
        # "a 23 percent increase over the prior twelve months", "a seven-fold
        # increase from the 4 task forces it supported in FY 2004"
        (
            p
            for p in periods
            if q.span[1] <= p.span[0] <= q.span[1] + threshold("near_base")
            and (p.role == "compared" or _FROM_BASE.search(ctx.text, q.span[1], p.span[0]))
        ),
        None,
    )
    current = periods[chosen].period
    if base is None or base.period.start is None or current.end is None:
        return None
    if not base.period.start < current.end:
        return None
    return PeriodMention(
        Period(base.period.start, current.end, current.fiscal), base.span, base.surface, "compared"
    )


_SUPERLATIVE_SINCE = regex.compile(
    r"\b(?:highest|lowest|largest|smallest|most|fewest|greatest|best|worst|first\s+time)"
    r"\s+since\b[^,;.]*$",
    regex.IGNORECASE,
)


def _superlative_base(ctx: _Context, sentence: Sentence, p: PeriodMention) -> PeriodMention:
    """A year a record is measured against is no period of the figure.

    "89 percent, the highest since the program began in 2002": the figure is FY 2013's.
    """
    if _SUPERLATIVE_SINCE.search(ctx.text, max(sentence.span[0], p.span[0] - 60), p.span[0]):
        return PeriodMention(p.period, p.span, p.surface, "compared")
    return p


def _implied_current(ctx: _Context, base: PeriodMention) -> PeriodMention | None:
    """The year after a comparison's base year, when the document reaches it."""
    year = base.period.end + 1
    if base.period.start != base.period.end or (ctx.year is not None and year > ctx.year):
        return None
    return PeriodMention(Period(year, year, base.period.fiscal), base.span, base.surface, "implied")


_VERSUS = regex.compile(r"\b(?:vs\.?|versus)\s*$", regex.IGNORECASE)
_RELATIVE = regex.compile(r",\s*(?:which|who|whose|where)\b", regex.IGNORECASE)
_BASE = regex.compile(r"\b(?:over|from|than(?:\s+in)?)\s+(?:the\s+)?$", regex.IGNORECASE)
_BASE_GAP = regex.compile(
    r"\b(?:than|as\s+(?:many|much)|compared|the\s+(?:number|level|amount|total|figure)s?)\b",
    regex.IGNORECASE,
)


def _is_base_period(text: str, p: PeriodMention) -> bool:
    """Whether a period is the base of a change: "over FY 2017", "up 24 percent from FY 2011"."""
    return bool(_BASE.search(text, max(0, p.span[0] - 24), p.span[0])) or (
        p.role == "point" and _BASE_WORD.match(p.surface) is not None  # not "from 2008 to 2010"
    )


_BASE_WORD = regex.compile(r"(?:over|from|than)\s", regex.IGNORECASE)


def _block_of(ctx: _Context, sentence: Sentence) -> Block:
    return ctx.structure.blocks[sentence.block]


def _to_reference_year(ctx: _Context, p: PeriodMention, role: str) -> PeriodMention | None:
    """A point year before the reference year, as a period from it to the reference year.

    None when ``p`` is not such a year (or the document has no reference year).
    """
    if p.role != "point" or ctx.year is None or p.period.end >= ctx.year:
        return None
    return PeriodMention(Period(p.period.end, ctx.year, p.period.fiscal), p.span, p.surface, role)


def _compared(ctx: _Context, p: PeriodMention) -> PeriodMention:
    """A point year that is the base of a comparison spans from it to the reference year."""
    spanned = _to_reference_year(ctx, p, "compared")
    if spanned is None:
        return p
    m = _changes().compared.search(ctx.text, max(0, p.span[0] - 80), p.span[0])
    # "compared to 82 in 2001": the year belongs to the figure between them.
    if m is not None and not ctx.between(ctx.q_starts, m.start(), p.span[0]):
        return spanned
    return p


_SAME_PERIOD = regex.compile(
    r"\b(?:in|during|over|for|within)\s+(?:the\s+same|that|this)\s+"
    r"(?:period|time|time\s+frame|timeframe|fiscal\s+year|year|twelve\s+months|12\s+months)\b",
    regex.IGNORECASE,
)


_SINCE_ITS_LAUNCH = regex.compile(
    r"\bsince\s+(?:its|their|the\s+\w+(?:'s)?)\s+"
    r"(?:launch|inception|creation|establishment|founding|start|beginning|opening)\b",
    regex.IGNORECASE,
)
_PERFECT = regex.compile(r"\b(?:has|have)\s+(?:\w+ly\s+)?\w+ed\b[^.;]*$", regex.IGNORECASE)


def _launch_since(ctx: _Context, p: PeriodMention) -> PeriodMention | None:
    """``p`` as "since" when it dates a launch ("launched in April 2004"), else None."""
    if p.role not in ("point", "since"):
        return None
    found = _words().launch_verbs.search(
        ctx.text, max(0, p.span[0] - threshold("launch_gap")), p.span[0] + 12
    )
    if found is None or any(c in ctx.text[found.end() : p.span[0]] for c in ".;"):
        return None
    if p.role == "since":
        return p
    return _to_reference_year(ctx, p, "since")


def _earlier_period(ctx: _Context, block: Block) -> PeriodMention | None:
    """The period that governs the last sentence, before ``block``, that states one."""
    structure = ctx.structure
    for index in range(block.index - 1, max(-1, block.index - 1 - threshold("earlier_blocks")), -1):
        earlier = structure.blocks[index]
        if earlier.kind is BlockKind.HEADING:
            return None  # another section
        for sentence in reversed(structure.sentences_of(earlier)):
            found = [ctx.periods[j] for j in ctx.between(ctx.p_starts, *sentence.span)]
            governing = _governing(ctx, sentence, found) if found else None
            if governing is not None:
                return governing
    return None


def _introduces(block: Block) -> bool:
    """Whether a list item ends in a colon or a dash, introducing the items after it."""
    return block.text.rstrip().endswith((":", "—", "–"))


def _list_intro(ctx: _Context, block: Block) -> Block | None:
    """The paragraph ending in a colon that introduces the list a bullet item is in.

    Each run of bullets is walked once: the answer is kept for every item of the run.
    """
    if block.kind is not BlockKind.BULLET:
        return None
    if block.index in ctx.intro_memo:
        return ctx.intro_memo[block.index]
    structure = ctx.structure
    blocks = structure.blocks
    i = block.index - 1
    while (
        i >= 0
        and blocks[i].kind is BlockKind.BULLET
        and i not in ctx.intro_memo
        and not _introduces(blocks[i])
    ):
        i -= 1
    if i >= 0 and blocks[i].kind is BlockKind.BULLET and _introduces(blocks[i]):
        # "- Of the 1,169 defendants charged in FY 2020—" then "- 92% were male": an item
        # that ends in a colon or a dash introduces the items after it.
        intro = blocks[i] if ctx.structure.sentences_of(blocks[i]) else None
    elif i >= 0 and i in ctx.intro_memo:
        intro = ctx.intro_memo[i]
    elif i < 0 or blocks[i].kind is not BlockKind.PARAGRAPH:
        intro = None
    else:
        intro = blocks[i]
        if not intro.text.rstrip().endswith(":") or not structure.sentences_of(intro):
            intro = None
    for j in range(i + 1, block.index + 1):
        ctx.intro_memo[j] = intro
    return intro


def _carried_period(ctx: _Context, sentence: Sentence, block: Block) -> PeriodMention | None:
    """The period that governs a sentence from the sentences before it in its paragraph."""
    if sentence.index in ctx.carry_memo:
        return ctx.carry_memo[sentence.index]
    sentences = ctx.structure.sentences
    found: PeriodMention | None = None
    i = sentence.index - 1
    while i >= 0 and sentences[i].block == block.index and sentence.index - i <= threshold("reach"):
        prev = sentences[i]
        # "now", "today", "currently" speak of their own clause's present: they date no
        # other sentence (guideline: "present tense about the present").
        candidates = [
            ctx.periods[j]
            for j in ctx.between(ctx.p_starts, prev.span[0], prev.span[1])
            if ctx.periods[j].role != "current"
        ]
        if candidates:
            found = _governing(ctx, prev, candidates)
            if found is not None:
                if found.role in ("since", "through") and _other_subject(ctx, prev, sentence):
                    # "USAID has invested $300 million since 2001. The TIP Office awarded
                    # $21.6 million ...": one agency's running total does not date another
                    # agency's figures (a year stated for the paragraph still does).
                    found = None
                break
        i -= 1
    ctx.carry_memo[sentence.index] = found
    return found


def _other_subject(ctx: _Context, before: Sentence, sentence: Sentence) -> bool:
    """Whether two sentences name agencies and none of one is related to one of the other."""
    first = {m.agency for m in _mentions_in(ctx, before.span[0], before.span[1])}
    second = {m.agency for m in _mentions_in(ctx, sentence.span[0], sentence.span[1])}
    if not first or not second:
        return False
    return not any(a.is_within(b) or b.is_within(a) for a in first for b in second)


def _governing(
    ctx: _Context, sentence: Sentence, candidates: list[PeriodMention]
) -> PeriodMention | None:
    """The period of an earlier sentence that carries over to the next ones.

    A period bound to a figure of that sentence stays with it; of the others, the last
    carries ("The first report was issued in July 2001, the second in June 2002. It
    assesses 89 countries": 2002); a date of launch ("In 2006, HHS launched ...")
    carries as "since" (annotation-guideline.md).
    """
    qs = [ctx.quantities[j] for j in ctx.between(ctx.q_starts, sentence.span[0], sentence.span[1])]
    free = [
        p
        for p in candidates
        if p.role != "compared"
        and not _is_base_period(ctx.text, p)
        and not any(
            q.span[1] <= p.span[0] and len(ctx.text[q.span[1] : p.span[0]]) <= 40 for q in qs
        )
    ]
    if not free:
        # Every period of that sentence is bound to one of its figures ("HSI opened
        # 1,000 investigations in FY 2014."): the last one outside a comparison carries.
        free = [
            p
            for p in candidates
            if p.role != "compared"
            and not _in_comparison(ctx, p)
            and not _is_base_period(ctx.text, p)
            and not _is_base_of(ctx, [q for q in qs if q.span[1] <= p.span[0]][-1:], p)
        ]
        if not free:
            # Only a comparison's year ("compared with 95 in 2018"): the sentence was
            # about the year after it.
            bases = [p for p in candidates if p.role == "point" and _in_comparison(ctx, p)]
            return _implied_current(ctx, bases[-1]) if bases else None
        free = free[-1:]
    p = free[-1]
    since = _to_reference_year(ctx, p, "since")
    if since is not None and _words().launch_verbs.search(
        ctx.text, sentence.span[0], sentence.span[1]
    ):
        return since
    return p


def _is_base_of(ctx: _Context, last: list[Quantity], p: PeriodMention) -> bool:
    """Whether ``p`` is the base the figure before it is compared with.

    ``last`` holds the figure just before ``p``, if any: "twice the number distributed in
    FY 2012" (but not "more than 150 providers in FY 2011").
    """
    if not last or p.span[0] - last[0].span[1] > threshold("bound_gap"):
        return False
    return bool(_BASE_GAP.search(ctx.text, last[0].span[1], p.span[0]))


_AS_OF = regex.compile(r"as\s+of\b", regex.IGNORECASE)
_HAS_DONE = regex.compile(
    r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|wn)\b", regex.IGNORECASE
)


def _as_of_stock(ctx: _Context, sentence: Sentence, p: PeriodMention) -> PeriodMention:
    """A stock counted at a date is that date's year; a sum "as of" a date runs up to it.

    "As of January 1, 2020, the office manages 90 projects", "as of the end of FY 2021,
    7,446 applications were pending": the year of the date (guideline: present tense
    about the present). "As of June 2007, HHS had certified 1,379 victims": through 2007.
    """
    if p.role != "through" or not _AS_OF.match(p.surface):
        return p
    if _HAS_DONE.search(ctx.text, p.span[1], min(sentence.span[1], p.span[1] + 200)):
        return p
    return PeriodMention(
        Period(p.period.end, p.period.end, p.period.fiscal), p.span, p.surface, "point"
    )


_SINCE_EVENT = regex.compile(r"\bsince\s+(?:the|its|their|this|his|her)\b[^,;.()]{0,60}$", regex.I)


def _since_event(ctx: _Context, sentence: Sentence, p: PeriodMention) -> PeriodMention:
    """A date of an event after "since": "Since the first certification in 2001"."""
    since = _to_reference_year(ctx, p, "since")
    if since is not None and _SINCE_EVENT.search(
        ctx.text, max(sentence.span[0], p.span[0] - 80), p.span[0]
    ):
        return since
    return p


def _in_comparison(ctx: _Context, p: PeriodMention) -> bool:
    """Whether a period stands in a comparison clause ("compared with 110 in 2018")."""
    return bool(_changes().compared.search(ctx.text, max(0, p.span[0] - 80), p.span[0]))


def _mentions_in(ctx: _Context, lo: int, hi: int) -> list[AgencyMention]:
    return [ctx.agencies[i] for i in ctx.between(ctx.a_starts, lo, hi)]


#: The end of a clause that had its own figure and the start of one with a new subject:
#: "ICE opened 894 investigations and HHS certified 469 victims", "...; the Department".
_NEW_SUBJECT = regex.compile(
    r"""(?:[,;]\s+(?:(?:and|while|whereas|but)\s+)?   # ", and", "; ", ", while"
         |\s+(?:and|while|whereas|but)\s+)           # or a bare "and"
        (?:the\s+)?$                                # then the new subject's article""",
    regex.VERBOSE | regex.IGNORECASE,
)


#: A body named after a figure as a partner in it: "jointly with the Bureau of Justice
#: Assistance", "in partnership with HHS".
_PARTNER = regex.compile(
    r"\b(?:jointly|together)\s+with\s+(?:the\s+)?$"
    r"|\bin\s+(?:partnership|collaboration|cooperation)\s+with\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
_OBJECT = regex.compile(
    r"(?<!jointly\s|together\s|along\s|working\s|partnering\s|cooperating\s|coordination\s)"
    r"\b(?:to|from|with)\s+(?:the\s+)?$",
    regex.IGNORECASE,
)
_LIST_GOES_ON = regex.compile(r"\s*(?:,\s*)?(?:(?P<conj>and|or)\s+)?(?:the\s+)?", regex.IGNORECASE)
_LIST_TAIL = regex.compile(r"\s*,?\s*(?:and|or)\s", regex.IGNORECASE)


def _without_objects(before: list[AgencyMention], text: str) -> list[AgencyMention]:
    """The mentions that act, when some do: not a body a figure goes to or comes from.

    "CBP referred 74 cases to HSI ... from 8 ports": CBP; "joint investigations with
    HSI": the subject, not its partner ("jointly with BJA" names a partner that acts).
    """
    acting: list[AgencyMention] = []
    previous_object: AgencyMention | None = None
    for m in before:
        gap = (
            _LIST_GOES_ON.fullmatch(text, previous_object.span[1], m.span[0])
            if previous_object is not None
            else None
        )
        objected = bool(_OBJECT.search(text, max(0, m.span[0] - 16), m.span[0])) or (
            # "from USAID and the Department of Labor": the list goes on; after a bare
            # comma only when "and" follows ("from USAID, DOL and HHS").
            gap is not None
            and (gap.group("conj") is not None or _LIST_TAIL.match(text, m.span[1]) is not None)
        )
        if objected:
            previous_object = m
        else:
            acting.append(m)
            previous_object = None
    return acting or before


def _own_partners(ctx: _Context, before: list[AgencyMention]) -> list[AgencyMention]:
    """The mentions without partners of an earlier figure of the sentence.

    "OVC trained 300 officers together with BJA and referred 20 cases": BJA is the
    partner in the training, not in the referrals.
    """
    kept: list[AgencyMention] = []
    for m in before:
        partner = _PARTNER.search(ctx.text, max(0, m.span[0] - 40), m.span[0])
        if partner and kept and ctx.between(ctx.q_starts, kept[-1].span[1], m.span[0]):
            continue
        kept.append(m)
    return kept


def _own_clause(before: list[AgencyMention], text: str) -> list[AgencyMention]:
    """The mentions before a figure from the subject of its own clause on.

    A body named after a clause that reported a figure of its own and a conjunction
    starts a new clause ("ICE opened 894 investigations and HHS certified 469
    victims"): the bodies named before it belong to the other figure.  Bodies named
    together ("DOJ and DHS charged ...") have no figure between them and are kept.
    """
    for i in range(len(before) - 1, 0, -1):
        gap = text[before[i - 1].span[1] : before[i].span[0]]
        found = _NEW_SUBJECT.search(gap)
        if found is not None and any(ch.isdigit() for ch in gap[: found.start()]):
            return before[i:]
    return before


@functools.cache
def _other_actor() -> regex.Pattern[str]:
    """Another body as a subject: an institution that is no U.S. agency, NGOs, "the government".

    The institution nouns are in data/units.toml; "the government" is a country narrative's.
    """
    words = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/units.toml").read_text(encoding="utf-8")
    )
    named = "|".join(regex.escape(w) for w in words["institution_nouns"])
    generic = "|".join(regex.escape(w) for w in words["generic_institution_nouns"])
    return regex.compile(
        rf"""(?:^|[.;:]\s+|,\s+|\b(?:the|The)\s+)
            (?:[A-Z][\w'’\-]+\s+){{0,6}}
            (?:(?:{named})\b                                   # a named institution
              |(?:{generic})\s+(?:for|of|on|against)\s+[A-Z])  # a generic noun with its name
          | \b[Tt]he\s+government\b(?!\s+of\s+the\s+United\s+States)
          | \b[Gg]overnments\b          # "Governments worldwide reported ..."
          | \bNGOs\b | \b[Nn]on-?governmental\s+organi[sz]ations\b | \b[Cc]ivil\s+society\b
        """,
        regex.VERBOSE,
    )


_BY_AGENT = regex.compile(r"\bby\s+(?:the\s+)?$", regex.IGNORECASE)


def _carried_mentions(
    ctx: _Context, sentence: Sentence, block: Block, *, backwards_only: bool
) -> list[AgencyMention]:
    """The agencies of the nearest sentence of the same paragraph that names one.

    Earlier sentences first (the subject carries forward), then later ones.
    """
    sentences = ctx.structure.sentences
    order: list[Sentence] = []
    i = sentence.index - 1
    while i >= 0 and sentences[i].block == block.index and sentence.index - i <= threshold("reach"):
        order.append(sentences[i])
        i -= 1
    if not backwards_only:
        i = sentence.index + 1
        while (
            i < len(sentences)
            and sentences[i].block == block.index
            and i - sentence.index <= threshold("reach")
        ):
            order.append(sentences[i])
            i += 1
    for other in order:
        found = _mentions_in(ctx, other.span[0], other.span[1])
        if found:
            # "ICE opened 894 investigations ..., and the FBI opened 306": the subject
            # that goes on is the last clause's.
            return _own_clause(found, ctx.text) if other.index < sentence.index else found
    return []


def _heading_spans(structure: Structure, section: Section | None) -> list[Span]:
    """The heading spans of a section and of the sections above it, innermost first."""
    out: list[Span] = []
    node = section
    while node is not None:
        out.append(node.heading_span)
        node = structure.parent(node)
    return out


def _with_spans(mentions: Sequence[AgencyMention]) -> tuple[tuple[Agency, ...], tuple[Span, ...]]:
    agencies = _reduce([m.agency for m in mentions])
    keep = {a.id for a in agencies}
    spans = tuple(m.span for m in mentions if m.agency.id in keep)
    return agencies, spans


# --------------------------------------------------------------------------- pillars


def _block_pillars(structure: Structure) -> list[Pillar | None]:
    """Per block, the pillar its heading path or list introduction names, if any."""
    by_section: dict[int, Pillar | None] = {}
    for s in structure.sections:
        above = structure.parent(s)
        # Sections come in text order, so a parent's pillar is known before its children's.
        by_section[s.index] = heading_pillar(s.heading) or (
            by_section[above.index] if above is not None else None
        )
    out: list[Pillar | None] = []
    intro: Pillar | None = None
    for block in structure.blocks:
        pillar = by_section.get(block.section) if block.section is not None else None
        if block.kind is BlockKind.BULLET:
            pillar = pillar or intro
        elif block.kind is BlockKind.PARAGRAPH:
            named = (
                heading_pillars(block.text)
                if len(block.text) <= threshold("intro_limit")
                else frozenset()
            )
            intro = next(iter(named)) if len(named) == 1 else None
        else:
            intro = None
        out.append(pillar)
    return out


_INCLUDING_END = regex.compile(
    r"\b(?:including|of\s+(?:which|whom)|among\s+them)\s*$", regex.IGNORECASE
)
_INCLUDING = regex.compile(r"^[\s,]*(?:including|of\s+(?:which|whom)|among\s+them)\b", regex.I)


def _decisive(scores: Counter[Pillar]) -> Pillar | None:
    ranked = scores.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


#: Where one clause of a list of figures ends and the next begins: "...; $5.5 million",
#: "..., and $5.5 million", "..., while 12 ...".
_CLAUSE_END = regex.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+|,\s+(?=\$?\d)")


def _local_pillars(
    ctx: _Context, sentence: Sentence, qs: Sequence[Quantity], units: Sequence[_Unit]
) -> list[Pillar | None]:
    """Per figure, the pillar of the words that lead to it and its unit, when decisive.

    "HSI arrested 54 suspects and rescued 22 victims, including nine minors": 54 is
    prosecution, 22 and the nine it includes protection.
    """
    text = ctx.text
    cues = ctx.sentence_cues(sentence.index)
    cue_starts = [c.span[0] for c in cues]
    out: list[Pillar | None] = []
    start = sentence.span[0]
    for i, (q, u) in enumerate(zip(qs, units, strict=True)):
        nxt = qs[i + 1].span[0] if i + 1 < len(qs) else sentence.span[1]
        if u.span is not None:
            end = u.span[1]
        else:
            # A sum or a share has no counted noun: its clause says what it is for
            # ("$5.5 million will support efforts to prevent trafficking").
            end = min(nxt, q.span[1] + 60)
            cut = _CLAUSE_END.search(text, q.span[1], end)
            end = cut.start() if cut is not None else end
        # The figure's clause starts after the last clause break before it.
        for cut in _CLAUSE_END.finditer(text, start, q.span[0]):
            start = cut.end()
        window = cues[bisect.bisect_left(cue_starts, start) : bisect.bisect_left(cue_starts, end)]
        pillar = _decisive(pillar_scores(window))
        if (
            pillar is None
            and out
            and out[-1] is not None
            and _INCLUDING.match(text[start : q.span[0]])
        ):
            pillar = out[-1]
        out.append(pillar)
        start = end
    return out


def _sentence_pillar(ctx: _Context, sentence: Sentence, block: Block) -> Pillar | None:
    """The pillar of a sentence's cue words, else of the sentences before it in its paragraph."""
    sentences = ctx.structure.sentences
    scores: Counter[Pillar] = Counter()
    i = sentence.index
    # Cues add up from the figure's sentence back through its paragraph, until one
    # pillar leads with a strong cue's weight (2) or more.
    while i >= 0 and sentences[i].block == block.index and sentence.index - i <= threshold("reach"):
        scores += ctx.cue_scores(i)
        ranked = scores.most_common(2)
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        i -= 1
    intro = _list_intro(ctx, block)
    if intro is not None and not scores:
        # A bullet without cue words: the words of the list's introduction.
        for other in ctx.structure.sentences_of(intro):
            scores += ctx.cue_scores(other.index)
    return _winner_of(scores)


# ---------------------------------------------------------------------- period rules


_CONTEXT_RULES = frozenset(
    {
        "since_its_launch",
        "reporting_period",
        "carried_from_paragraph",
        "same_period",
        "list_introduction",
        "release_story",
        "present_progressive",
        "section_heading",
    }
)
"""Period rules that read the figure's context, not its own sentence or table."""


def _context_period(
    ctx: _Context, sentence: Sentence, block: Block, q: Quantity
) -> PeriodMention | None:
    """The period the context rules give a figure: its paragraph, list, heading, present."""
    f = _Figure(ctx, q, sentence, block, None)
    for r in plan("period").order:
        if r.name in _CONTEXT_RULES:
            found = r.func(f)
            if found is not None:
                period: PeriodMention = found.value
                return period
    return None


def _period_evidence(p: PeriodMention | None) -> Evidence[PeriodMention] | None:
    return Evidence(p, p.span, p.surface) if p is not None else None


@rule("period", "table_column", "the table's column or row header", table=True)
def _period_of_cell(f: _Figure) -> Evidence[PeriodMention] | None:
    """A table cell takes the period its column header or row label names.

    Guideline: "its period from the column or row header (`FY 2008`, `FY09 - FY11` →
    2009–2011, fiscal)".
    """
    return _period_evidence(_cell_period(f.ix, f.cell)) if f.cell is not None else None


def _bound_rule(tag: str, label: str, doc: str) -> None:
    def bound(f: _Figure) -> Evidence[PeriodMention] | None:
        return _period_evidence(f.bound) if f.bound_by == tag else None

    bound.__doc__ = doc
    rule("period", tag, label)(bound)


_bound_rule(
    "after_figure",
    "the period right after the figure",
    """A time expression right after a figure, or after the list it closes, dates it.

    "opened 833 investigations and made 1,588 arrests in FY 2018": both FY 2018. A base
    year of a change starts its period ("12 percent over FY 2017"; guideline: "The period
    of a change ... spans from the base to the current figure's period").
    """,
)
_bound_rule(
    "versus_base",
    "the base period of a comparison",
    """The second figure of "A vs. B" is the base period's: "(340 vs. 106) ... than in the
    prior four year period". Guideline: "`the previous year`, `the prior four year period`:
    resolve against the period it is compared with".
    """,
)
_bound_rule(
    "since_launch",
    "counted since a launch",
    """What a programme has now, or has done, it has gathered since its launch.

    Guideline: "`launched in 2003`, `started in 2003`, `established in 2011` followed by a
    current count read as `since`: start that year, end the reference year".
    """,
)
_bound_rule(
    "change_over_base",
    "a change from its base to the current period",
    """A percent or multiplier of change spans from its base to the current figure's period.

    Guideline: "where the base is a named year or period ... it spans from the base to the
    current figure's period (2009–2016)".
    """,
)
_bound_rule(
    "before_figure",
    "the period stated before the figure",
    """The nearest period stated before a figure in its sentence governs it.

    Guideline: "A period stated once governs the statistics that follow it in the same
    sentence or list".
    """,
)
_bound_rule(
    "comparison_base",
    "the year after a comparison's base",
    """A figure compared with a base year is the next year's, or spans to the reference year.

    "identified 96 victims, compared with 95 in 2018": 2019 (guideline: "resolve against
    the period it is compared with").
    """,
)


@rule("period", "record_dates", "the dates of the record the figure is in")
def _period_of_record(f: _Figure) -> Evidence[PeriodMention] | None:
    """A figure in a project's record takes the record's dates.

    "Project Duration: October 2018 - September 2023" then "Target Beneficiaries: 1,800
    survivors": 2018-2023; "Results to Date: 412 survivors" runs from the record's start to
    the reference year. Guideline: "Tables: each cell ... its period from the column or
    row header"; a record's dates head all its lines.
    """
    if f.cell is not None or f.bound_by not in ("", "before_figure"):
        return None
    at = f.q.span[0]
    record = next((r for r in f.ix.records if r.span[0] <= at < r.span[1]), None)
    if record is None or record.years is None:
        return None
    first, last = record.years
    bound = f.bound
    if f.bound_by == "":
        period = Period(first, last)
        return Evidence(PeriodMention(period, record.span, "", "range"), record.span)
    if (
        bound is not None
        and bound.role == "through"
        and bound.period.start is None
        and bound.period.end >= first
    ):
        # "to date": from the record's start
        period = Period(first, bound.period.end, bound.period.fiscal)
        return Evidence(PeriodMention(period, bound.span, bound.surface, "since"), bound.span)
    return None


@rule("period", "table_caption", "the table's caption", table=True)
def _period_of_caption(f: _Figure) -> Evidence[PeriodMention] | None:
    """A table cell with no period of its own takes the one period its caption names.

    Guideline: "Tables: ... its period from the column or row header"; a caption that
    names one period ("..., January 2008-June 2010") dates every cell.
    """
    return _period_evidence(_caption_period(f.ix, f.cell)) if f.cell is not None else None


@rule("period", "since_its_launch", "the launch date of 'since its launch'")
def _period_since_its_launch(f: _Figure) -> Evidence[PeriodMention] | None:
    """Since its launch ("... since its launch"): the launch date the paragraph gave, as "since".

    Guideline: "`launched in 2003` ... followed by a current count read as `since`".
    """
    ix, sentence = f.ix, f.sentence
    if not ix.seen_before(_SINCE_ITS_LAUNCH, sentence, sentence.span[1]):
        return None
    structure = ix.structure
    for index in range(sentence.index - 1, max(-1, sentence.index - threshold("reach")), -1):
        earlier = structure.sentences[index]
        if earlier.block != f.block.index:
            break
        dated = [ix.periods[j] for j in ix.between(ix.p_starts, *earlier.span)]
        launched = next((_launch_since(ix, p) for p in dated if _launch_since(ix, p)), None)
        if launched is not None:
            return _period_evidence(launched)
    return None


def _reference_year(f: _Figure) -> Evidence[PeriodMention] | None:
    ix, q = f.ix, f.q
    if ix.year is None:
        return None
    return Evidence(PeriodMention(Period(ix.year, ix.year), q.span, q.surface, "current"))


@rule("period", "reporting_period", "'the reporting period': the reference year")
def _period_reporting(f: _Figure) -> Evidence[PeriodMention] | None:
    """During "the reporting period": the period the report is about.

    Guideline: "`currently`, `today`, `this year`, present tense about the present: start =
    end = the document's reference year".
    """
    ix, q, sentence = f.ix, f.q, f.sentence
    defined = ix.reporting
    after = _PREVIOUS_REPORTING.search(ix.text, q.span[1], min(sentence.span[1], q.span[1] + 60))
    if after is not None and not ix.between(ix.q_starts, q.span[1], after.start()):
        # "... compared with 150 in the previous reporting period": the year before it.
        if defined is None or defined.start is None:
            if ix.year is None:
                return None
            return _evidence_of(f, Period(ix.year - 1, ix.year - 1), after.span())
        shift = max(1, defined.end - defined.start)
        return _evidence_of(
            f, Period(defined.start - shift, defined.end - shift, defined.fiscal), after.span()
        )
    if not ix.seen_before(_REPORTING_PERIOD, sentence, sentence.span[1]):
        return None
    if defined is not None:
        # A report that states its reporting period ("April 1, 2021 - March 31, 2022").
        return _evidence_of(f, defined, None)
    return _reference_year(f)


def _evidence_of(f: _Figure, period: Period, span: Span | None) -> Evidence[PeriodMention]:
    return Evidence(PeriodMention(period, span or f.q.span, f.q.surface, "current"))


@rule("period", "carried_from_paragraph", "carried from the paragraph")
def _period_carried(f: _Figure) -> Evidence[PeriodMention] | None:
    """A period stated earlier in the paragraph governs the sentences after it.

    Guideline: "`period` ... null when no time is stated or clearly implied by the sentence
    or its paragraph"; one agency's running total ("since 2001") does not date another's.
    """
    return _period_evidence(_carried_period(f.ix, f.sentence, f.block))


@rule("period", "same_period", "'in the same period': the period before")
def _period_same(f: _Figure) -> Evidence[PeriodMention] | None:
    """In "the same period" ("grantees provided ..."): the period of the text before."""
    if not f.ix.seen_before(_SAME_PERIOD, f.sentence, f.q.span[0]):
        return None
    return _period_evidence(_earlier_period(f.ix, f.block))


@rule("period", "list_introduction", "the list's introduction")
def _period_of_intro(f: _Figure) -> Evidence[PeriodMention] | None:
    """A bullet takes the period of the paragraph that introduces its list.

    "In fiscal year 2014, OVC:" then bullets (guideline: "A period stated once governs the
    statistics that follow it in the same sentence or list").
    """
    ix = f.ix
    intro = _list_intro(ix, f.block)
    if intro is None:
        return None
    last = ix.structure.sentences_of(intro)[-1]
    candidates = [ix.periods[j] for j in ix.between(ix.p_starts, last.span[0], last.span[1])]
    found = _governing(ix, last, candidates) if candidates else None
    return _period_evidence(found or _carried_period(ix, last, intro))


@rule("period", "present_progressive", "the present progressive: the reference year")
def _period_progressive(f: _Figure) -> Evidence[PeriodMention] | None:
    """The present progressive ("is currently providing"): the reference year.

    Guideline: "present tense about the present: start = end = the document's reference
    year".
    """
    if not f.ix.seen_before(_PRESENT_PROGRESSIVE, f.sentence, f.sentence.span[1]):
        return None
    return _reference_year(f)


@rule("period", "section_heading", "the section heading's year")
def _period_of_heading(f: _Figure) -> Evidence[PeriodMention] | None:
    """A heading that names one year governs its section ("FY 2009 Recommendations").

    A range in a heading ("Achievements 2001-2008") is the span of the whole report, not
    the period of each figure in it.
    """
    ix = f.ix
    section = ix.structure.section_at(f.q.span[0])
    if section is None:
        return None
    hs, he = section.heading_span
    heads = [ix.periods[j] for j in ix.between(ix.p_starts, hs, he)]
    if heads and heads[-1].period.start == heads[-1].period.end:
        return _period_evidence(heads[-1])
    return None


@rule("period", "present_tense", "a credited figure in the present or future tense")
def _period_present(f: _Figure) -> Evidence[PeriodMention] | None:
    """A credited figure in the present or future tense is the reference year's.

    "HSI has more than 6,700 special agents", "$7.9 million will strengthen ...". Guideline:
    "present tense about the present: ... reference year"; "Projected results ... dated by
    the period they name or else the reference year". Not the size of the problem.
    """
    ix, q, sentence = f.ix, f.q, f.sentence
    if not f.agencies or ix.year is None or _PARTITIVE.match(ix.text, q.span[1]):
        return None  # "Eight of the grants will ...": a part, dated as its whole
    at = f.unit.span[1] if f.unit.span is not None else q.span[1]
    if (
        ix.seen_before(_PRESENT, sentence, q.span[0])
        or _FUTURE.match(ix.text, at, sentence.span[1])
        or _FUTURE_BEFORE.search(ix.text, max(sentence.span[0], q.span[0] - 40), q.span[0])
    ):
        return _reference_year(f)
    return None


_PRESENT_VERB = regex.compile(r"[\s,]+(?:[a-z]+ly\s+)?[a-z]+[^s\W]s\b(?!['’])", regex.IGNORECASE)


@rule("period", "headline", "a news release's headline in the present tense")
def _period_headline(f: _Figure) -> Evidence[PeriodMention] | None:
    """A release's headline in the present tense is the reference year's.

    Guideline: "A headline in the present tense (`awards $58 million`) takes the
    reference year." The headline is what stands before the dateline; its subject is the
    body it names, and the verb right after that name is in the present ("Department of
    Labor awards nearly $59 million").
    """
    ix, q, sentence = f.ix, f.q, f.sentence
    if ix.story_start is None or q.span[0] >= ix.story_start or not f.agencies:
        return None
    named = _mentions_in(ix, sentence.span[0], q.span[0])
    if named and _PRESENT_VERB.match(ix.text, named[-1].span[1], q.span[0]):
        return _reference_year(f)
    # "Task Force Partners Identify 74 Victims, 29 of Them Children": the word before a
    # figure of the headline, past its qualifiers, is its verb, in the present unless it
    # ends in -ed ("302 Suspects Arrested" has none).
    figures = [ix.quantities[i] for i in ix.between(ix.q_starts, *sentence.span)]
    if any(_verb_before(ix.text, sentence.span[0], other) for other in figures):
        return _reference_year(f)
    return None


_HEADLINE_WORD = regex.compile(r"([A-Za-z][\w'’-]*)[\s$]*$")
_QUALIFYING = frozenset(
    {
        "more",
        "than",
        "nearly",
        "about",
        "over",
        "approximately",
        "almost",
        "record",
        "some",
        "up",
        "to",
        "at",
        "least",
        "a",
        "an",
        "the",
        "estimated",
        "roughly",
        "around",
    }
)


def _verb_before(text: str, start: int, q: Quantity) -> bool:
    """Whether a headline's figure has a present-tense verb right before it."""
    end = q.span[0]
    while True:
        m = _HEADLINE_WORD.search(text, start, end)
        if m is None:
            return False
        word = m.group(1).lower()
        if word not in _QUALIFYING:
            break
        end = m.start()
    return not word.endswith("ed") and word not in _words().stop_words


@rule("period", "annual_report", "an annual report's fiscal year")
def _period_annual(f: _Figure) -> Evidence[PeriodMention] | None:
    """A report on one fiscal year reports that year's work.

    "Fiscal Year 2014 Annual Summary": a credited figure that names no other period is the
    fiscal year's (guideline: "`fiscal` is true ... where ... the period comes from a
    fiscal header or caption").
    """
    ix, q = f.ix, f.q
    if not f.agencies or ix.annual is None or q.span[0] < ix.annual[1]:
        return None
    return Evidence(PeriodMention(ix.annual[0], q.span, q.surface, "current"))


@rule("period", "title_range", "the years the report's title names")
def _period_of_title(f: _Figure) -> Evidence[PeriodMention] | None:
    """A report titled for a span of years reports on those years.

    "Characteristics of Suspected Incidents, 2008-2010", "What the Agencies Have Achieved,
    2009-2012": a credited figure that names no period of its own is the span's (the
    guideline's "clearly implied" period; a one-year title is the annual report's rule).
    """
    ix, q = f.ix, f.q
    if not f.agencies or ix.title_range is None:
        return None
    return Evidence(PeriodMention(ix.title_range, q.span, q.surface, "current"))


@veto("programme_size", "the size of a programme, not a sum spent since its launch", ["period"])
def _programme_size(f: _Figure, found: Evidence[Any] | None) -> bool:
    """A programme's size ("a $12 million activity launched in 2014 that ...") has no "since".

    The sum is the programme's size; the launch date does not make it a running total.
    """
    p = found.value if found is not None else None
    return (
        isinstance(p, PeriodMention)
        and p.role == "since"
        and f.q.kind is Kind.MONEY
        and _PROGRAMME_SIZE.match(f.ix.text, f.q.span[1]) is not None
    )


# -------------------------------------------------------------------- agency rules


_Credit = tuple[tuple[Agency, ...], tuple[Span, ...]]
"""The agencies credited with a figure, and where they are named."""


def _words_at(text: str, spans: Sequence[Span]) -> str:
    return ", ".join(text[s[0] : s[1]] for s in spans)


def _agency_evidence(f: _Figure, mentions: Sequence[AgencyMention]) -> Evidence[_Credit] | None:
    if not mentions:
        return None
    credit = _with_spans(mentions)
    return Evidence(credit, mentions[0].span, _words_at(f.ix.text, credit[1]))


def _sentence_mentions(f: _Figure) -> tuple[list[AgencyMention], list[AgencyMention]]:
    """The agencies named in the figure's sentence: all, and those outside its unit."""
    ix = f.ix
    everything = _mentions_in(ix, f.sentence.span[0], f.sentence.span[1])
    unit_span = f.unit.span
    mentions = [m for m in everything if unit_span is None or not _overlaps(m.span, unit_span)]
    return everything, mentions


@rule("agencies", "table_row_label", "the table row that names a body", table=True)
def _agencies_of_row(f: _Figure) -> Evidence[_Credit] | None:
    """A table row whose label is the name of a body is that body's ("OVC  412  388").

    Guideline: "Tables: ... its agency from the caption, the row label or the text that
    introduces the table".
    """
    cell = f.cell
    if cell is None or cell.row_label_span is None or not _names_body(f.ix, cell):
        return None
    return _agency_evidence(f, _mentions_in(f.ix, *cell.row_label_span))


@rule("agencies", "table_column_label", "the table column that names a body", table=True)
def _agencies_of_column(f: _Figure) -> Evidence[_Credit] | None:
    """A column whose header names a body is that body's ("OVC grants  BJA grants").

    Guideline: "Tables: ... its agency from the caption, the row label or the text that
    introduces the table"; a header that names a body says whose the column is, as a row
    label does.
    """
    cell = f.cell
    if cell is None or cell.column_span is None:
        return None
    named = _mentions_in(f.ix, *cell.column_span)
    return _agency_evidence(f, named) if named else None


@rule("agencies", "table_caption", "the body the table's caption names", table=True)
def _agencies_of_caption(f: _Figure) -> Evidence[_Credit] | None:
    """A table's cells are credited to the body its caption names ("ICE ... CASES, FY ...")."""
    cell = f.cell
    if cell is None or cell.caption_span is None:
        return None
    return _agency_evidence(f, _mentions_in(f.ix, *cell.caption_span))


@rule("agencies", "table_source", "the table's 'Source:' line", table=True)
def _agencies_of_source(f: _Figure) -> Evidence[_Credit] | None:
    """A "Source:" line under a table names the body whose counts the cells are."""
    line = _source_line(f.ix, f.cell) if f.cell is not None else None
    return _agency_evidence(f, _mentions_in(f.ix, *line)) if line is not None else None


@rule("agencies", "table_introduction", "the paragraph that introduces the table", table=True)
def _agencies_of_table_intro(f: _Figure) -> Evidence[_Credit] | None:
    """The paragraph just before a table names its reporter ("USCIS ... Table 2 shows")."""
    intro = _table_intro(f.ix, f.cell) if f.cell is not None else None
    return _agency_evidence(f, _mentions_in(f.ix, *intro.span)) if intro is not None else None


@rule("agencies", "table_heading", "the heading above the table", table=True)
def _agencies_of_table_heading(f: _Figure) -> Evidence[_Credit] | None:
    """A table no caption, line or paragraph credits is the body its headings name."""
    return _agency_evidence(f, _heading_agencies(f.ix, f.cell)) if f.cell is not None else None


@rule("agencies", "table_issuer", "the issuer, for a table nothing else credits", table=True)
def _agencies_of_table_issuer(f: _Figure) -> Evidence[_Credit] | None:
    """A report's table that names no body reports the issuing office's own figures.

    Guideline: "otherwise the body that reports it".
    """
    issuer = f.ix.named_issuer() if f.cell is not None else None
    return _agency_evidence(f, [issuer]) if issuer is not None else None


@rule("agencies", "inside_counted_phrase", "the body inside the counted phrase")
def _agencies_inside(f: _Figure) -> Evidence[_Credit] | None:
    """A body named inside the counted phrase is credited when none is named before it.

    "eight LSC grantees" credits LSC; "the Department ... trained 2,000 U.S. government
    employees" credits the Department (guideline: "the body that did the counted work
    when the text names it").
    """
    everything, mentions = _sentence_mentions(f)
    if any(m.span[1] <= f.q.span[0] for m in mentions) or f.unit.span is None:
        return None
    unit_span = f.unit.span
    return _agency_evidence(f, [m for m in everything if _overlaps(m.span, unit_span)])


@rule("agencies", "subject_before", "the subject before the figure")
def _agencies_subject(f: _Figure) -> Evidence[_Credit] | None:
    """The bodies named before a figure in its own clause did the counted work.

    Not a body a figure goes to or comes from ("referred 74 cases to HSI"), nor a partner
    of an earlier figure; components named after it make the credit more specific
    ("DHS, through ICE, ...": guideline: "the most specific component named"), and
    partners named after it join ("jointly with BJA").
    """
    ix, q = f.ix, f.q
    _, mentions = _sentence_mentions(f)
    before = _own_clause([m for m in mentions if m.span[1] <= q.span[0]], ix.text)
    before = _own_partners(ix, _without_objects(before, ix.text))
    if not before:
        return None
    after = [
        m
        for m in mentions
        if m.span[0] >= q.span[1]
        and (
            any(m.agency.is_within(b.agency) for b in before)
            or _PARTNER.search(ix.text, max(0, m.span[0] - 40), m.span[0])
        )
    ]
    return _agency_evidence(f, before + after)


_WE = regex.compile(r"\b(?:we|our)\b", regex.IGNORECASE)
_CLAUSE_REACH = 300  # characters before a figure where the subject of its clause may be


@rule("agencies", "first_person", "'we': the document's issuer")
def _agencies_first_person(f: _Figure) -> Evidence[_Credit] | None:
    """A clause whose subject is "we" tells of the issuer's own work.

    "To assess monitoring, we selected a sample of 64 grants": the auditor counts what it
    examined itself (guideline: "A body that counts what it examined itself (an audit's
    `23 grants reviewed` ...) is credited"); in a report or testimony, "we" is the body
    that issued it, whatever the kind of document.
    """
    ix, q, sentence = f.ix, f.q, f.sentence
    lo = max(sentence.span[0], q.span[0] - _CLAUSE_REACH)
    start = max(lo, ix.text.rfind(";", lo, q.span[0]) + 1)
    found = list(_WE.finditer(ix.text, start, q.span[0]))
    if not found or _mentions_in(ix, found[-1].end(), q.span[0]):
        return None
    issuer = ix.named_issuer()
    return _agency_evidence(f, [issuer]) if issuer is not None else None


@rule("agencies", "other_actor", "another body is the subject: no U.S. agency")
def _agencies_other_actor(f: _Figure) -> Evidence[_Credit] | None:
    """Another body is the subject: no U.S. agency is credited by carrying one over.

    "The International Labour Organization estimates ...", "the government investigated 12
    cases" in a country's narrative, NGOs (guideline: "empty when none is named or clearly
    implied").
    """
    if f.ix.seen_before(_other_actor(), f.sentence, f.q.span[0]):
        return Evidence(((), ()), None, "")
    return None


@rule("agencies", "agent_of_passive", "the agent of a passive ('by ...')")
def _agencies_agent(f: _Figure) -> Evidence[_Credit] | None:
    """The agent of a passive is credited: "... awarded by USCIS".

    Guideline: "`defendants charged by U.S. attorneys` → `USAO`, `investigations opened by
    HSI` → `HSI`". Its components named with it make it more specific.
    """
    ix = f.ix
    _, mentions = _sentence_mentions(f)
    agents = [
        m
        for m in mentions
        if _BY_AGENT.search(ix.text, max(f.sentence.span[0], m.span[0] - 12), m.span[0])
    ]
    if not agents:
        return None
    parts = [m for m in mentions if any(m.agency.is_within(a.agency) for a in agents)]
    return _agency_evidence(f, agents + parts)


def _carried(f: _Figure) -> list[AgencyMention]:
    _, mentions = _sentence_mentions(f)
    # With bodies named after the figure, only earlier sentences carry a subject over.
    return _carried_mentions(f.ix, f.sentence, f.block, backwards_only=bool(mentions))


def _partners(f: _Figure) -> list[AgencyMention]:
    """Bodies named in the figure's sentence as partners: "jointly with BJA"."""
    ix = f.ix
    return [
        m
        for m in _sentence_mentions(f)[1]
        if _PARTNER.search(ix.text, max(0, m.span[0] - 40), m.span[0])
    ]


@rule("agencies", "carried_from_paragraph", "the subject carried from the paragraph")
def _agencies_carried(f: _Figure) -> Evidence[_Credit] | None:
    """The subject of the nearest sentence of the paragraph that names a body goes on.

    Earlier sentences first (the last clause's subject), then later ones when the figure's
    sentence names no body at all. Partners named in the figure's sentence join it
    ("... jointly with BJA").
    """
    carried = _carried(f)
    return _agency_evidence(f, carried + _partners(f)) if carried else None


@rule("agencies", "named_after", "the body named after the figure")
def _agencies_after(f: _Figure) -> Evidence[_Credit] | None:
    """Bodies named only after a figure, with no subject to carry, are credited.

    Partners alone ("jointly with BJA") are no subject: the list's introduction is.
    """
    mentions = _sentence_mentions(f)[1]
    partners = _partners(f)
    partner_ids = {m.agency.id for m in partners}
    if (
        partners
        and all(m.agency.id in partner_ids for m in mentions)
        and _list_intro(f.ix, f.block)
    ):
        return None
    return _agency_evidence(f, mentions)


@rule("agencies", "list_introduction", "the list's introduction")
def _agencies_of_intro(f: _Figure) -> Evidence[_Credit] | None:
    """A bullet is credited to the subject of the paragraph that introduces its list.

    "In fiscal year 2014, OVC:" then bullets (guideline: "A list introduced by a sentence
    ... takes the period and agencies of what it points back to"); partners named in the
    item join it.
    """
    intro = _list_intro(f.ix, f.block)
    if intro is None:
        return None
    found = _mentions_in(f.ix, *intro.span)
    return _agency_evidence(f, found + _partners(f)) if found else None


@rule("agencies", "section_heading", "the section heading")
def _agencies_of_heading(f: _Figure) -> Evidence[_Credit] | None:
    """The body a section's heading (or a heading above it) names, nearest first."""
    structure = f.ix.structure
    for heading in _heading_spans(structure, structure.section_at(f.q.span[0])):
        found = _mentions_in(f.ix, heading[0], heading[1])
        if found:
            return _agency_evidence(f, found)
    return None


@rule("agencies", "previous_paragraph", "the previous paragraph's subject")
def _agencies_previous(f: _Figure) -> Evidence[_Credit] | None:
    """A paragraph that names no body goes on from the one before it in its section.

    "Arrests rose more than six-fold between FY 2010 and FY 2013" after HSI's paragraph.
    """
    ix = f.ix
    earlier = ix.structure.block_before(f.block.span[0])
    if earlier is None or earlier.kind is not BlockKind.PARAGRAPH:
        return None
    last = ix.structure.sentences_of(earlier)[-1:]
    if not last or ix.seen_before(_other_actor(), last[0], last[0].span[1]):
        return None
    found = _carried_mentions(ix, last[0], earlier, backwards_only=True)
    return _agency_evidence(f, found or _mentions_in(ix, *last[0].span))


@rule("agencies", "issuer", "the document's issuer")
def _agencies_issuer(f: _Figure) -> Evidence[_Credit] | None:
    """A fact sheet, release or agency report tells of its issuer's own work.

    Guideline: "otherwise the body that reports it": a figure no body is named for is the
    issuer's ("Since 2001, the program has trained 1,320 police").
    """
    issuer = f.ix.issuer_mention()
    return _agency_evidence(f, [issuer]) if issuer is not None else None


# -------------------------------------------------------------------- pillar rules


@rule("pillar", "pillar_heading", "the pillar heading or topic sentence")
def _pillar_of_heading(f: _Figure) -> Evidence[Pillar] | None:
    """A heading that names a pillar, or a topic sentence that does, governs what follows.

    Guideline: "What counts as a pillar heading: a heading that names a pillar ... and in
    a TIP Report country narrative the topic sentence that opens each part ...: it governs
    every statistic until the next such sentence or heading, over the cue words". A short
    paragraph that introduces a list and names one pillar is such a topic sentence for
    the list's items.
    """
    return Evidence(f.block_pillar) if f.block_pillar is not None else None


@rule("pillar", "victims_unit", "victims are protection")
def _pillar_of_victims(f: _Figure) -> Evidence[Pillar] | None:
    """Victims or survivors counted (identified, rescued, assisted) are protection.

    Guideline: "Victims rescued or assisted are `protection` unless an explicit pillar
    heading says otherwise; the heading wins."
    """
    pillar = _victims_pillar(f.unit.text)
    if pillar is not None:
        return Evidence(pillar, f.unit.span, f.unit.text)
    if f.q.kind is Kind.PERCENT:
        # "the number of victims identified decreased 7%": a change in a count of victims
        # ("the unit says what changed", guideline on decreases).
        named, at = _unit_before(f.ix.text, f.sentence.span[0], f.q.span[0])
        heads = _words().victim_heads
        if named and at > f.prev_at and any(w.lower() in heads for w in named.split()):
            pillar = Pillar.PROTECTION
            return Evidence(pillar, (at, at + len(named)), named)
    return None


@rule("pillar", "clause_cues", "cue words of the figure's clause")
def _pillar_of_clause(f: _Figure) -> Evidence[Pillar] | None:
    """The pillar the cue words leading to the figure and its unit decide.

    "HSI arrested 54 suspects and rescued 22 victims": 54 prosecution, 22 protection.
    """
    return Evidence(f.local) if f.local is not None else None


@rule("pillar", "table_cell", "the table's labels", table=True)
def _pillar_of_cell(f: _Figure) -> Evidence[Pillar] | None:
    """A table cell takes the pillar its labels and caption name."""
    if f.cell is None:
        return None
    pillar = _cell_pillar(f.ix, f.cell, f.unit.text)
    return Evidence(pillar) if pillar is not None else None


@rule("pillar", "paragraph_cues", "cue words of the sentence and its paragraph")
def _pillar_of_paragraph(f: _Figure) -> Evidence[Pillar] | None:
    """Cue words add up from the figure's sentence back through its paragraph.

    Until one pillar leads with a strong cue's weight; a bullet without cue words takes
    those of its list's introduction.
    """
    pillar = _sentence_pillar(f.ix, f.sentence, f.block)
    return Evidence(pillar) if pillar is not None else None
