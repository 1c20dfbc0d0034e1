"""Role: whether a quantity is a statistic.

A quantity is a statistic unless it is a duration ("three years", "from two to 15
years"), an age, a statutory cap (also one coordinated with a cap), a page number alone
on its line, a list enumerator or part of an idiom ("zero tolerance").

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from tipcorpus.attribution.context import Figure, unit_head, word_lists
from tipcorpus.model import Kind, Qualifier, Quantity, Sentence, Span
from tipcorpus.rules import Evidence, rule, veto

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
    words = word_lists()
    if q.kind is Kind.COUNT:
        if "+" in text[max(0, q.span[0] - 20) : q.span[0]]:
            for phone in _PHONE.finditer(text, max(0, q.span[0] - 20), q.span[1] + 20):
                if phone.start() <= q.span[0] and q.span[1] <= phone.end():
                    return False  # "(+996 312 666 111)": a telephone number
        head = unit_head(unit)
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
    if word_lists().cap_lead.search(text, max(sentence[0], q.span[0] - 20), q.span[0]):
        return True
    if q.qualifier is not Qualifier.MAX or q.qualifier_span is None:
        return False
    qualifier = text[q.qualifier_span[0] : q.qualifier_span[1]]
    return qualifier.lower().startswith("up to") and bool(
        word_lists().cap_words.search(text, sentence[0], sentence[1])
    )


_COORDINATED = regex.compile(r"[^\S\n]+[A-Za-z\-]{0,20}[^\S\n]*,?[^\S\n]*(?:and|or)[^\S\n]+$")


def statutory_caps(text: str, sentence: Sentence, qs: Sequence[Quantity]) -> set[Span]:
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


# ------------------------------------------------------------------------ role rules


@rule("role", "reported_figure", "a reported figure")
def _role_figure(f: Figure) -> Evidence[str] | None:
    """A number is a statistic when it reports a measured amount, unless a veto says not.

    Guideline: "`statistic` — it reports a measured amount of activity, output, resource
    or reach". The vetoes below take out what is not.
    """
    return Evidence("statistic", f.q.span, f.q.surface)


@veto("statutory_cap", "a statutory cap, or a figure coordinated with one", ["role"])
def _role_cap(f: Figure, found: Evidence[Any] | None) -> bool:
    """A legal limit is no statistic: "up to 5,000 T visas may be issued annually".

    Guideline: "legal thresholds and provisions (... statutory caps such as `up to 5,000 T
    ... annually`)" are `other`; a figure coordinated with a cap shares it.
    """
    return f.capped or _is_cap(f.q, f.ix.text, f.sentence.span)


@veto("not_a_count", "a duration, an age, a ratio, a telephone number or an idiom", ["role"])
def _role_not_a_count(f: Figure, found: Evidence[Any] | None) -> bool:
    """Durations, ages, ratios' bases, telephone numbers and idioms report no amount.

    Guideline: "`other` — ... phone numbers ...; legal thresholds ... (`under 18`) ...;
    `three years` of status"; "durations of a programme" are at most `optional`.
    """
    return not is_statistic(f.q, f.ix.text, f.sentence.span, f.unit.text)


@veto("page_number", "a page number alone on its line", ["role"])
def _role_page_number(f: Figure, found: Evidence[Any] | None) -> bool:
    """A figure that is all there is on its line is a page number between pages.

    Not a table cell: a table flattened one cell per line puts each figure alone.
    """
    return f.cell is None and _alone_on_its_line(f.ix.original, f.q.span)


@veto("enumerator", "a list enumerator such as (1)", ["role"])
def _role_enumerator(f: Figure, found: Evidence[Any] | None) -> bool:
    """List and section enumerators are `other`: "recommends: (1) training; (2) ..."."""
    return f.cell is None and _enumerator(f.ix.text, f.q.span)
