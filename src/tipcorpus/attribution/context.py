"""What every decision reads: the document's index, one figure, and the shared helpers.

:class:`Context` holds the mentions of one document, indexed by position, with the
lookups the rules share memoised on it; :class:`Figure` is one figure of a sentence with
what the rules of its fields read. Also here: the word lists of ``data/units.toml``, the
unit value type, and lookups that several fields use (the agencies named in a span, the
introduction of a list).

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

import bisect
import functools
import tomllib
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING

import regex
from attrs import frozen

from tipcorpus.agencies import find_agencies, find_generic_references
from tipcorpus.catalogue import find_dateline
from tipcorpus.model import (
    Agency,
    AgencyMention,
    Block,
    BlockKind,
    Period,
    PeriodMention,
    Pillar,
    PillarCue,
    Quantity,
    Sentence,
    Span,
)
from tipcorpus.periods import find_periods, launch_verbs
from tipcorpus.pillars import find_pillar_cues, pillar_scores
from tipcorpus.quantities import quantities
from tipcorpus.rules import document_kinds
from tipcorpus.structure import Structure
from tipcorpus.tables import CellContext, Record, find_records, find_tables

if TYPE_CHECKING:
    from tipcorpus.document import Document


# ------------------------------------------------------------------------ word lists


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
    office_nouns: frozenset[str]


def alternation(words: Sequence[str]) -> regex.Pattern[str]:
    """A pattern for any of ``words`` as a whole word, the longest first, in any case."""
    body = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{body})(?!\w)", regex.IGNORECASE)


@functools.cache
def word_lists() -> _Words:
    """The word lists of ``data/units.toml`` that the rules read, loaded once."""
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
        cap_words=alternation(raw["cap_words"]),
        cap_lead=regex.compile(
            r"(?:" + "|".join(regex.escape(w) for w in raw["cap_lead"]) + r")\s+$", regex.IGNORECASE
        ),
        launch_verbs=alternation(launch_verbs()),
        people_words=frozenset(raw["people_words"]),
        change_nouns=tuple(raw["change_nouns"]),
        occasion_words=frozenset(raw["occasion_words"]),
        victim_heads=frozenset(raw["victim_heads"]),
        percent_columns=frozenset(raw["percent_columns"]),
        total_rows=frozenset(raw["total_rows"]),
        office_nouns=frozenset(raw["office_nouns"]),
    )


_REPORTING_WORDS = regex.compile(r"\breporting\s+period\b", regex.IGNORECASE)
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


# --------------------------------------------------------------------------- units


@frozen
class Unit:
    """A figure's unit: its words, and where they are (None for a unit no words name)."""

    text: str
    span: Span | None


def unit_head(unit: str) -> str:
    """The head noun of a unit, lowercased: "victims" of "adult trafficking victims"."""
    parts = unit.split()
    if not parts:
        return ""
    # "Letters of Eligibility": the head is before "of".
    if "of" in parts:
        parts = parts[: parts.index("of")]
    return parts[-1].lower() if parts else ""


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


class Context:
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
        """The issuer of the document, where the text first names it.

        None for documents of many voices (a TIP Report section, a country narrative or
        report tells of many bodies: ``many_voices`` in ``data/rules.toml``) and when the
        issuer is no body of the registry or the text never names it.
        """
        if self.document.kind in document_kinds("many_voices"):
            return None
        return self.named_issuer()

    def record_at(self, offset: int) -> Record | None:
        """The key-value record that holds ``offset``, if one does."""
        return next((r for r in self.records if r.span[0] <= offset < r.span[1]), None)

    def named_issuer(self) -> AgencyMention | None:
        """Where the text first names the document's issuer, whatever the kind (memoised)."""
        if self._issuer_known:
            return self._issuer
        found: AgencyMention | None = None
        if self.document.issuer:
            named = reduce([m.agency for m in find_agencies(self.document.issuer)])
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
            # In a table, a row label's body ("Department of Health and Human Services")
            # says who did the work, not what it was for.
            names = [
                m.span
                for m in self.office_names(s0, s1)
                if any(t.span[0] <= m.span[0] < t.span[1] for t in self.tables)
            ]
            cues = [
                PillarCue(c.pillar, (c.span[0] + s0, c.span[1] + s0), c.surface, c.weight)
                for c in find_pillar_cues(self.text[s0:s1])
                if not any(a <= c.span[0] + s0 < b for a, b in names)
            ]
            self._cues[index] = cues
        return cues

    def office_names(self, lo: int, hi: int) -> list[AgencyMention]:
        """The bodies named between ``lo`` and ``hi`` by an office's name.

        "Office for Victims of Crime", "Bureau of Justice Assistance": a word of
        ``office_nouns`` in ``data/units.toml``.
        """
        nouns = word_lists().office_nouns
        return [
            m
            for m in self.agencies[
                bisect.bisect_left(self.a_starts, lo) : bisect.bisect_left(self.a_starts, hi)
            ]
            if any(word.strip(",.'’s") in nouns for word in m.surface.split())
        ]

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
            if not any(overlaps(m.span, p.span) for p in self._periods_near(m.span))
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
        """The indices of ``starts`` (sorted offsets) from ``lo`` up to ``hi``."""
        return range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi))


_NAME_GOES_ON = regex.compile(r"\s+(?:for|of|on|to|against)\s+[A-Z]")


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share a character."""
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


def reduce(agencies: Sequence[Agency]) -> tuple[Agency, ...]:
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


# ---------------------------------------------------------------------------- figure


@frozen
class Figure:
    """One figure of a sentence, with what the rules of its fields read.

    The fields after ``cell`` are filled in as the decisions are made, in the order
    role → unit → agencies → period → pillar.
    """

    ix: Context
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
    unit: Unit = Unit("", None)
    bound: PeriodMention | None = None
    bound_by: str = ""
    local: Pillar | None = None
    block_pillar: Pillar | None = None
    stated: PeriodMention | None = None
    agencies: tuple[Agency, ...] = ()


# -------------------------------------------------------------------- shared lookups


def _introduces(block: Block) -> bool:
    """Whether a list item ends in a colon or a dash, introducing the items after it."""
    return block.text.rstrip().endswith((":", "—", "–"))


def list_intro(ctx: Context, block: Block) -> Block | None:
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


def mentions_in(ctx: Context, lo: int, hi: int) -> list[AgencyMention]:
    """The agency mentions that start from ``lo`` up to ``hi``, in text order."""
    return [ctx.agencies[i] for i in ctx.between(ctx.a_starts, lo, hi)]
