"""Vetoes over a whole figure: an estimate of the size of the problem.

An estimate of the problem's size, or many people no agency is credited with counting,
keeps its unit and has no period, agencies or pillar (annotation guideline).

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

from typing import Any

import regex

from tipcorpus.attribution.context import Context, Figure, mentions_in, unit_head, word_lists
from tipcorpus.model import Kind, Quantity, Sentence
from tipcorpus.rules import Evidence, threshold, veto

_PROBLEM_LABEL = "an estimate of the problem's size is credited to no one"
_UNCREDITED_LABEL = "people counted by no agency, in a sentence that dates nothing"


@veto("uncredited_people", _UNCREDITED_LABEL, ["period", "pillar"])
def uncredited_people(f: Figure, found: Evidence[Any] | None) -> bool:
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
    head = unit_head(f.unit.text).lower() if f.unit.text else ""
    return head in word_lists().people_words or (not head and bool(f.unit.span is None))


@veto("problem_size", _PROBLEM_LABEL, ["agencies", "period", "pillar"])
def problem_veto(f: Figure, found: Evidence[Any] | None) -> bool:
    """An estimate of the size of the problem has no period, agencies or pillar.

    Guideline: "A present-tense estimate of the size of the problem (`20 million to 30
    million trafficking victims`) is a statistic with period null, no agencies and pillar
    null"; "An estimate of the size of the problem has no agencies even when the text
    names its source". A figure its sentence dates as an event is no estimate.
    """
    stated = f.stated
    return (stated is None or stated.role in ("current", "implied")) and _problem_size(
        f.ix, f.sentence, f.q, f.unit.text
    )


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
_MILLIONS = 1_000_000
_DEED_BEFORE = regex.compile(r"\b\w+ed\b(?:\s+\w+){0,3}\s+$", regex.IGNORECASE)
_PAST = regex.compile(r"\s*(?:\w+\s+){0,2}?(?:were|was|had)\b", regex.IGNORECASE)
_ARE = regex.compile(r"\s*(?:\w+\s+){0,2}?(?:are|is)\b", regex.IGNORECASE)


def _problem_size(ctx: Context, sentence: Sentence, q: Quantity, unit: str) -> bool:
    """Whether a count of people is an estimate of the size of the problem.

    "an estimated 24.9 million people", "between 14,500 and 17,500 people are trafficked
    into the United States each year", "the 20 million to 30 million trafficking victims
    are children".
    """
    if q.kind is not Kind.COUNT or unit_head(unit).lower() not in word_lists().people_words:
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
    return not mentions_in(ctx, sentence.span[0], q.span[0]) and not _DEED_BEFORE.search(
        ctx.text, max(sentence.span[0], q.span[0] - 40), q.span[0]
    )
