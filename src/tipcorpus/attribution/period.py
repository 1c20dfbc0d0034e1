"""Period: the years a figure refers to.

The periods of a sentence are bound to its figures together (:func:`bind_periods`);
the period rules read that binding, a table's headers and caption, and the figure's
context (its paragraph, its list, its section heading, the present tense).

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from typing import Any

import regex
from attrs import frozen

from tipcorpus.attribution.context import Context, Figure, list_intro, mentions_in, word_lists
from tipcorpus.attribution.unit import PARTITIVE
from tipcorpus.model import Block, BlockKind, Kind, Period, PeriodMention, Quantity, Sentence, Span
from tipcorpus.periods import find_periods
from tipcorpus.rules import Evidence, plan, rule, threshold, veto
from tipcorpus.tables import CellContext, caption_years

#: A figure whose own verb is in the future: money or work an agency commits now ("$7.9
#: million will strengthen ...", "the grants will fund 62 projects").
_FUTURE = regex.compile(r"\s*(?:[\w,'’-]+\s+){0,2}?will\s+(?:be\s+)?[a-z]", regex.IGNORECASE)

_FUTURE_BEFORE = regex.compile(
    r"\bwill\s+(?:be\s+)?[a-z]+\s+(?:(?:about|approximately|more\s+than|up\s+to|nearly|some)\s+)?$",
    regex.IGNORECASE,
)

_SPREADING_ROLES = frozenset({"since", "range", "through", "compared"})


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
_PREVIOUS_REPORTING = regex.compile(
    r"\b(?:previous|prior|last|preceding)\s+reporting\s+period\b", regex.IGNORECASE
)


_PRESENT_PROGRESSIVE = regex.compile(r"\b(?:is|are)\s+(?:now\s+|currently\s+)?\w+ing\b")


_PROGRAMME_SIZE = regex.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:activity|program|programme|project|initiative|award|grant"
    r"|contract|effort|partnership|compact)\b",
    regex.IGNORECASE,
)


def caption_period(ctx: Context, cell: CellContext) -> PeriodMention | None:
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


def cell_period(ctx: Context, cell: CellContext) -> PeriodMention | None:
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


def bind_periods(
    ctx: Context, sentence: Sentence, qs: list[Quantity]
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
            previous = _previous_year(ctx, sentence, q, p)
            out.append((previous or _compared(ctx, p), "after_figure"))
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
        if base is None or (
            _PREVIOUS_YEAR.fullmatch(base.surface)
            and _context_period(ctx, sentence, _block_of(ctx, sentence), q) is not None
        ):
            # "290 traffickers, compared with 325 in the previous fiscal year": the
            # figure is the year its context gives.
            out.append((None, ""))
            continue
        # "... when compared to data from 2009": a base year with no figure of its own
        # spans to the reference year; "compared with 95 in 2018" implies 2019.
        spanned = _compared(ctx, base)
        implied = spanned if spanned.role == "compared" else _implied_current(ctx, base)
        out.append((implied, "comparison_base" if implied is not None else ""))
    return out


_PREVIOUS_YEAR = regex.compile(
    r"(?:in\s+|during\s+)?the\s+(?:previous|prior|preceding)\s+(?:fiscal\s+|calendar\s+)?year",
    regex.IGNORECASE,
)


def _previous_year(
    ctx: Context, sentence: Sentence, q: Quantity, p: PeriodMention
) -> PeriodMention | None:
    """A comparison's "previous year" is the year before the one it is compared with.

    "290 traffickers, compared with 325 in the previous fiscal year", said of FY 2021:
    FY 2020 (guideline: "`the previous year` ...: resolve against the period it is
    compared with").
    """
    if not _PREVIOUS_YEAR.fullmatch(p.surface) or not _in_comparison(ctx, p):
        return None
    current = _context_period(ctx, sentence, _block_of(ctx, sentence), q)
    if current is None or current.period.end is None:
        return None
    year = current.period.end - 1
    fiscal = current.period.fiscal or "fiscal" in p.surface.lower()
    return PeriodMention(Period(year, year, fiscal), p.span, p.surface, "compared")


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
    nouns = "|".join(regex.escape(w) for w in word_lists().change_nouns)
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
    ctx: Context, q: Quantity, periods: Sequence[PeriodMention], chosen: int
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


def _superlative_base(ctx: Context, sentence: Sentence, p: PeriodMention) -> PeriodMention:
    """A year a record is measured against is no period of the figure.

    "89 percent, the highest since the program began in 2002": the figure is FY 2013's.
    """
    if _SUPERLATIVE_SINCE.search(ctx.text, max(sentence.span[0], p.span[0] - 60), p.span[0]):
        return PeriodMention(p.period, p.span, p.surface, "compared")
    return p


def _implied_current(ctx: Context, base: PeriodMention) -> PeriodMention | None:
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


def _block_of(ctx: Context, sentence: Sentence) -> Block:
    return ctx.structure.blocks[sentence.block]


def _to_reference_year(ctx: Context, p: PeriodMention, role: str) -> PeriodMention | None:
    """A point year before the reference year, as a period from it to the reference year.

    None when ``p`` is not such a year (or the document has no reference year).
    """
    if p.role != "point" or ctx.year is None or p.period.end >= ctx.year:
        return None
    return PeriodMention(Period(p.period.end, ctx.year, p.period.fiscal), p.span, p.surface, role)


def _compared(ctx: Context, p: PeriodMention) -> PeriodMention:
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


def _launch_since(ctx: Context, p: PeriodMention) -> PeriodMention | None:
    """``p`` as "since" when it dates a launch ("launched in April 2004"), else None."""
    if p.role not in ("point", "since"):
        return None
    found = word_lists().launch_verbs.search(
        ctx.text, max(0, p.span[0] - threshold("launch_gap")), p.span[0] + 12
    )
    if found is None or any(c in ctx.text[found.end() : p.span[0]] for c in ".;"):
        return None
    if p.role == "since":
        return p
    return _to_reference_year(ctx, p, "since")


def _earlier_period(ctx: Context, block: Block) -> PeriodMention | None:
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


def _carried_period(ctx: Context, sentence: Sentence, block: Block) -> PeriodMention | None:
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


def _other_subject(ctx: Context, before: Sentence, sentence: Sentence) -> bool:
    """Whether two sentences name agencies and none of one is related to one of the other."""
    first = {m.agency for m in mentions_in(ctx, before.span[0], before.span[1])}
    second = {m.agency for m in mentions_in(ctx, sentence.span[0], sentence.span[1])}
    if not first or not second:
        return False
    return not any(a.is_within(b) or b.is_within(a) for a in first for b in second)


def _governing(
    ctx: Context, sentence: Sentence, candidates: list[PeriodMention]
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
        and not any(q.span[1] <= p.span[0] and p.span[0] - q.span[1] <= 40 for q in qs)
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
    if since is not None and word_lists().launch_verbs.search(
        ctx.text, sentence.span[0], sentence.span[1]
    ):
        return since
    return p


def _is_base_of(ctx: Context, last: list[Quantity], p: PeriodMention) -> bool:
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


def _as_of_stock(ctx: Context, sentence: Sentence, p: PeriodMention) -> PeriodMention:
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


def _since_event(ctx: Context, sentence: Sentence, p: PeriodMention) -> PeriodMention:
    """A date of an event after "since": "Since the first certification in 2001"."""
    since = _to_reference_year(ctx, p, "since")
    if since is not None and _SINCE_EVENT.search(
        ctx.text, max(sentence.span[0], p.span[0] - 80), p.span[0]
    ):
        return since
    return p


def _in_comparison(ctx: Context, p: PeriodMention) -> bool:
    """Whether a period stands in a comparison clause ("compared with 110 in 2018")."""
    return bool(_changes().compared.search(ctx.text, max(0, p.span[0] - 80), p.span[0]))


# ---------------------------------------------------------------------- period rules


_CONTEXT_RULES = frozenset(
    {
        "since_its_launch",
        "reporting_period",
        "carried_from_paragraph",
        "same_period",
        "list_introduction",
        "present_progressive",
        "section_heading",
    }
)
"""Period rules that read the figure's context, not its own sentence or table."""


def _context_period(
    ctx: Context, sentence: Sentence, block: Block, q: Quantity
) -> PeriodMention | None:
    """The period the context rules give a figure: its paragraph, list, heading, present."""
    f = Figure(ctx, q, sentence, block, None)
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
def _period_of_cell(f: Figure) -> Evidence[PeriodMention] | None:
    """A table cell takes the period its column header or row label names.

    Guideline: "its period from the column or row header (`FY 2008`, `FY09 - FY11` →
    2009–2011, fiscal)".
    """
    return _period_evidence(cell_period(f.ix, f.cell)) if f.cell is not None else None


def _bound_rule(tag: str, label: str, doc: str) -> None:
    def bound(f: Figure) -> Evidence[PeriodMention] | None:
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
def _period_of_record(f: Figure) -> Evidence[PeriodMention] | None:
    """A figure in a project's record takes the record's dates.

    "Project Duration: October 2018 - September 2023" then "Target Beneficiaries: 1,800
    survivors": 2018-2023; "Results to Date: 412 survivors" runs from the record's start to
    the reference year. Guideline: "Tables: each cell ... its period from the column or
    row header"; a record's dates head all its lines.
    """
    if f.cell is not None or f.bound_by not in ("", "before_figure"):
        return None
    record = f.ix.record_at(f.q.span[0])
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
def _period_of_caption(f: Figure) -> Evidence[PeriodMention] | None:
    """A table cell with no period of its own takes the one period its caption names.

    Guideline: "Tables: ... its period from the column or row header"; a caption that
    names one period ("..., January 2008-June 2010") dates every cell.
    """
    return _period_evidence(caption_period(f.ix, f.cell)) if f.cell is not None else None


@rule("period", "since_its_launch", "the launch date of 'since its launch'")
def _period_since_its_launch(f: Figure) -> Evidence[PeriodMention] | None:
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


def _reference_year(f: Figure) -> Evidence[PeriodMention] | None:
    ix, q = f.ix, f.q
    if ix.year is None:
        return None
    return Evidence(PeriodMention(Period(ix.year, ix.year), q.span, q.surface, "current"))


@rule("period", "reporting_period", "'the reporting period': the one the report states")
def _period_reporting(f: Figure) -> Evidence[PeriodMention] | None:
    """During "the reporting period": the period the report is about.

    The span the report states as its reporting period ("Reporting period: April 1, 2021
    - March 31, 2022"), else the reference year (guideline: "`currently`, `today`, `this
    year`, present tense about the present: start = end = the document's reference
    year"); "the previous reporting period" is the one before it (guideline: "`the
    previous year` ...: resolve against the period it is compared with").
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


def _evidence_of(f: Figure, period: Period, span: Span | None) -> Evidence[PeriodMention]:
    return Evidence(PeriodMention(period, span or f.q.span, f.q.surface, "current"))


@rule("period", "carried_from_paragraph", "carried from the paragraph")
def _period_carried(f: Figure) -> Evidence[PeriodMention] | None:
    """A period stated earlier in the paragraph governs the sentences after it.

    Guideline: "`period` ... null when no time is stated or clearly implied by the sentence
    or its paragraph"; one agency's running total ("since 2001") does not date another's.
    """
    return _period_evidence(_carried_period(f.ix, f.sentence, f.block))


@rule("period", "same_period", "'in the same period': the period before")
def _period_same(f: Figure) -> Evidence[PeriodMention] | None:
    """In "the same period" ("grantees provided ..."): the period of the text before."""
    if not f.ix.seen_before(_SAME_PERIOD, f.sentence, f.q.span[0]):
        return None
    return _period_evidence(_earlier_period(f.ix, f.block))


@rule("period", "list_introduction", "the list's introduction")
def _period_of_intro(f: Figure) -> Evidence[PeriodMention] | None:
    """A bullet takes the period of the paragraph that introduces its list.

    "In fiscal year 2014, OVC:" then bullets (guideline: "A period stated once governs the
    statistics that follow it in the same sentence or list").
    """
    ix = f.ix
    intro = list_intro(ix, f.block)
    if intro is None:
        return None
    last = ix.structure.sentences_of(intro)[-1]
    candidates = [ix.periods[j] for j in ix.between(ix.p_starts, last.span[0], last.span[1])]
    found = _governing(ix, last, candidates) if candidates else None
    return _period_evidence(found or _carried_period(ix, last, intro))


@rule("period", "present_progressive", "the present progressive: the reference year")
def _period_progressive(f: Figure) -> Evidence[PeriodMention] | None:
    """The present progressive ("is currently providing"): the reference year.

    Guideline: "present tense about the present: start = end = the document's reference
    year".
    """
    if not f.ix.seen_before(_PRESENT_PROGRESSIVE, f.sentence, f.sentence.span[1]):
        return None
    return _reference_year(f)


@rule("period", "section_heading", "the section heading's year")
def _period_of_heading(f: Figure) -> Evidence[PeriodMention] | None:
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
def _period_present(f: Figure) -> Evidence[PeriodMention] | None:
    """A credited figure in the present or future tense is the reference year's.

    "HSI has more than 6,700 special agents", "$7.9 million will strengthen ...". Guideline:
    "present tense about the present: ... reference year"; "Projected results ... dated by
    the period they name or else the reference year". Not the size of the problem.
    """
    ix, q, sentence = f.ix, f.q, f.sentence
    if not f.agencies or ix.year is None or PARTITIVE.match(ix.text, q.span[1]):
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
def _period_headline(f: Figure) -> Evidence[PeriodMention] | None:
    """A release's headline in the present tense is the reference year's.

    Guideline: "A headline in the present tense (`awards $58 million`) takes the
    reference year." The headline is what stands before the dateline; its subject is the
    body it names, and the verb right after that name is in the present ("Department of
    Labor awards nearly $59 million").
    """
    ix, q, sentence = f.ix, f.q, f.sentence
    if ix.story_start is None or q.span[0] >= ix.story_start or not f.agencies:
        return None
    named = mentions_in(ix, sentence.span[0], q.span[0])
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
_HEADLINE_QUALIFIERS = frozenset(
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
        if word not in _HEADLINE_QUALIFIERS:
            break
        end = m.start()
    return not word.endswith("ed") and word not in word_lists().stop_words


@rule("period", "annual_report", "an annual report's fiscal year")
def _period_annual(f: Figure) -> Evidence[PeriodMention] | None:
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
def _period_of_title(f: Figure) -> Evidence[PeriodMention] | None:
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
def _programme_size(f: Figure, found: Evidence[Any] | None) -> bool:
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
