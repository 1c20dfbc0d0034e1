"""Pillar: which of the "3P" pillars a figure belongs to.

An explicit pillar heading (or a short paragraph that introduces a list and names one
pillar) wins; otherwise the cue words that lead to the figure, then those of its
sentence and the sentences before it in the paragraph.

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence

import regex

from tipcorpus.attribution.cells import table_intro
from tipcorpus.attribution.context import (
    Context,
    Figure,
    Unit,
    list_intro,
    mentions_in,
    unit_head,
    word_lists,
)
from tipcorpus.attribution.unit import rows_summed, unit_before
from tipcorpus.model import Agency, Block, BlockKind, Kind, Pillar, Quantity, Sentence
from tipcorpus.pillars import (
    classify,
    find_pillar_cues,
    heading_pillar,
    heading_pillars,
    pillar_scores,
)
from tipcorpus.rules import Evidence, rule, threshold
from tipcorpus.structure import Structure
from tipcorpus.tables import CellContext


def _cell_pillar(
    ctx: Context, cell: CellContext, unit: str, credited: Sequence[Agency] = ()
) -> Pillar | None:
    """The pillar a table cell's unit, else its caption, else the paragraph before names.

    Where that paragraph states one purpose for one body's work and another for
    another's ("OVC awarded ... to provide services to victims, while BJA awarded ... to
    support task forces that investigate and prosecute"), a cell credited to one of them
    takes the purpose stated for it (guideline: money, grants, projects and programmes
    take the pillar of their stated purpose).
    """
    found = classify(unit) or _caption_pillar(ctx, cell) or _summed_pillar(ctx, cell)
    intro = table_intro(ctx, cell) if found is None else None
    if intro is not None:
        scores: Counter[Pillar] = Counter()
        own: Counter[Pillar] = Counter()
        ids = {a.id for a in credited}
        others = False
        for sentence in ctx.structure.sentences_of(intro):
            scores += ctx.cue_scores(sentence.index)
            for lo, hi in _clauses(ctx.text, sentence.span):
                named = {m.agency.id for m in mentions_in(ctx, lo, hi)}
                purpose = _TO_DO.search(ctx.text, lo, hi)
                if named & ids and purpose is not None:
                    own += pillar_scores(
                        c
                        for c in ctx.sentence_cues(sentence.index)
                        if purpose.start() <= c.span[0] < hi
                    )
                elif named:
                    others = True
        found = (_winner_of(own) if others else None) or _winner_of(scores)
    return found


#: Where a clause states what the work was for: "to provide services", "to support".
_TO_DO = regex.compile(r"\bto\s+(?=[a-z])")


def _clauses(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """A sentence's clauses, cut where one clause of a list of figures ends."""
    out: list[tuple[int, int]] = []
    start = span[0]
    for cut in _CLAUSE_END.finditer(text, span[0], span[1]):
        out.append((start, cut.start()))
        start = cut.end()
    out.append((start, span[1]))
    return out


def _caption_pillar(ctx: Context, cell: CellContext) -> Pillar | None:
    """The pillar a table's caption names, the words of the bodies it names aside.

    "Grant Awards by the Office for Victims of Crime": the office's name says who made
    the awards, not what they were for.
    """
    if cell.caption_span is None:
        return classify(cell.caption or "")
    lo, hi = cell.caption_span
    caption = ctx.text[lo:hi]
    for m in ctx.office_names(lo, hi):
        a, b = m.span[0] - lo, m.span[1] - lo
        caption = caption[:a] + " " * (b - a) + caption[b:]
    return classify(caption)


def _summed_pillar(ctx: Context, cell: CellContext) -> Pillar | None:
    """A total row's pillar: the one every row it sums names, if they all name one.

    "Certification Letters (Adults)", "Eligibility Letters (Minors)" → protection.
    """
    if (cell.row_label or "").strip().lower() not in word_lists().total_rows:
        return None
    named = {classify(label) for label in rows_summed(ctx, cell)}
    return named.pop() if len(named) == 1 else None


def _winner_of(scores: Counter[Pillar]) -> Pillar | None:
    """The pillar with the most weight, unless none or a tie."""
    ranked = scores.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _victims_pillar(unit: str) -> Pillar | None:
    """Protection for a count of victims or survivors (identified, rescued, assisted).

    The annotation guideline files victims under protection unless an explicit pillar
    heading says otherwise; the heading is looked at before this.
    """
    return Pillar.PROTECTION if unit_head(unit).lower() in word_lists().victim_heads else None


#: A country narrative's topic sentence: "The government maintained protection efforts.",
#: "The Government of Moldova increased efforts to prevent trafficking."
_TOPIC = regex.compile(
    r"\s*The\s+(?:U\.S\.\s+|United\s+States\s+)?[Gg]overnment(?:\s+of\s+[A-Z][\w .'-]{1,40}?)?"
    r"\s+(?:[a-z]+\s+){1,4}?efforts\b[^.;]{0,60}\."
)


def pillars_by_block(structure: Structure) -> list[Pillar | None]:
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
    topic: Pillar | None = None  # the pillar of the last narrative topic sentence
    for block in structure.blocks:
        pillar = by_section.get(block.section) if block.section is not None else None
        if block.kind is BlockKind.HEADING:
            topic = None
        elif block.kind is BlockKind.PARAGRAPH and (opening := _TOPIC.match(block.text)):
            named = heading_pillars(opening.group())
            topic = next(iter(named)) if len(named) == 1 else None
        pillar = pillar or topic
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


_INCLUDING = regex.compile(r"^[\s,]*(?:including|of\s+(?:which|whom)|among\s+them)\b", regex.I)


def _decisive(scores: Counter[Pillar]) -> Pillar | None:
    ranked = scores.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


#: Where one clause of a list of figures ends and the next begins: "...; $5.5 million",
#: "..., and $5.5 million", "..., while 12 ...".
_CLAUSE_END = regex.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+|,\s+(?=\$?\d)")


def pillars_by_figure(
    ctx: Context, sentence: Sentence, qs: Sequence[Quantity], units: Sequence[Unit]
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


def _sentence_pillar(ctx: Context, sentence: Sentence, block: Block) -> Pillar | None:
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
    intro = list_intro(ctx, block)
    if intro is not None and not scores:
        # A bullet without cue words: the words of the list's introduction.
        for other in ctx.structure.sentences_of(intro):
            scores += ctx.cue_scores(other.index)
    return _winner_of(scores)


# -------------------------------------------------------------------- pillar rules


@rule("pillar", "pillar_heading", "the pillar heading or topic sentence")
def _pillar_of_heading(f: Figure) -> Evidence[Pillar] | None:
    """A heading that names a pillar, or a topic sentence that does, governs what follows.

    Guideline: "What counts as a pillar heading: a heading that names a pillar ... and in
    a TIP Report country narrative the topic sentence that opens each part ...: it governs
    every statistic until the next such sentence or heading, over the cue words". A short
    paragraph that introduces a list and names one pillar is such a topic sentence for
    the list's items.
    """
    return Evidence(f.block_pillar) if f.block_pillar is not None else None


@rule("pillar", "victims_unit", "victims are protection")
def _pillar_of_victims(f: Figure) -> Evidence[Pillar] | None:
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
        named, at = unit_before(f.ix.text, f.sentence.span[0], f.q.span[0])
        heads = word_lists().victim_heads
        if named and at > f.prev_at and any(w.lower() in heads for w in named.split()):
            pillar = Pillar.PROTECTION
            return Evidence(pillar, (at, at + len(named)), named)
    return None


#: A record's line that states what the project is for: "Purpose: To improve ...".
_PURPOSE = regex.compile(
    r"^[ \t]*(?:Purpose|Objectives?|Goals?|Project\s+(?:Purpose|Objectives?|Goals?))[ \t]*:"
    r"(?P<said>[^\n]*(?:\n[ \t]+[^\n]*|\n[a-z][^\n]*)*)",
    regex.MULTILINE | regex.IGNORECASE,
)


@rule("pillar", "record_purpose", "the stated purpose of the record the figure is in")
def _pillar_of_record(f: Figure) -> Evidence[Pillar] | None:
    """A figure in a project's record takes the pillar of the project's stated purpose.

    Guideline: "Money, grants, projects and programmes take the pillar of their stated
    purpose (`to provide services to victims` → `protection` ...); with no stated
    purpose, or several purposes across pillars, pillar is null." A record's "Purpose:"
    line states it for every figure of the record; a purpose whose cues name more than
    one pillar decides nothing here.
    """
    record = f.ix.record_at(f.q.span[0])
    if record is None:
        return None
    m = _PURPOSE.search(f.ix.original, record.span[0], record.span[1])
    if m is None:
        return None
    scores = pillar_scores(find_pillar_cues(m.group("said")))
    named = [p for p, weight in scores.items() if weight >= _STRONG]
    if len(named) != 1:
        return None
    return Evidence(named[0], m.span("said"), m.group("said").strip())


_STRONG = 2  # the weight of a strong cue: a purpose names a pillar with one at least


@rule("pillar", "clause_cues", "cue words of the figure's clause")
def _pillar_of_clause(f: Figure) -> Evidence[Pillar] | None:
    """The pillar the cue words leading to the figure and its unit decide.

    "HSI arrested 54 suspects and rescued 22 victims": 54 prosecution, 22 protection.
    """
    return Evidence(f.local) if f.local is not None else None


@rule("pillar", "table_cell", "the table's labels", table=True)
def _pillar_of_cell(f: Figure) -> Evidence[Pillar] | None:
    """A table cell takes the pillar its labels and caption name."""
    if f.cell is None:
        return None
    pillar = _cell_pillar(f.ix, f.cell, f.unit.text, f.agencies)
    return Evidence(pillar) if pillar is not None else None


@rule("pillar", "paragraph_cues", "cue words of the sentence and its paragraph")
def _pillar_of_paragraph(f: Figure) -> Evidence[Pillar] | None:
    """Cue words add up from the figure's sentence back through its paragraph.

    Until one pillar leads with a strong cue's weight; a bullet without cue words takes
    those of its list's introduction.
    """
    pillar = _sentence_pillar(f.ix, f.sentence, f.block)
    return Evidence(pillar) if pillar is not None else None
