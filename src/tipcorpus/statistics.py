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

The rules behind each field live one module per decision in :mod:`tipcorpus.attribution`
(internal); this module assembles them, and is the one to import from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex
from attrs import evolve

# isort: off
# Importing the rule modules registers their rules and vetoes, in this order: the vetoes
# over a whole figure first, then each field's rules in the order the fields are decided.
from tipcorpus.attribution.vetoes import problem_veto, uncredited_people
from tipcorpus.attribution.role import is_statistic, statutory_caps
from tipcorpus.attribution.unit import decide_units, read_unit, unwrapped
from tipcorpus.attribution.period import bind_periods, caption_period, cell_period
from tipcorpus.attribution import agencies as _agencies  # noqa: F401  (registers its rules)
from tipcorpus.attribution.pillar import pillars_by_block, pillars_by_figure

# isort: on
from tipcorpus.attribution.cells import cell_quantities, cell_quantity, table_sentences
from tipcorpus.attribution.context import Context
from tipcorpus.model import Agency, Kind, PeriodMention, Pillar, Quantity, Span, Statistic, Why
from tipcorpus.rules import decide, vetoed
from tipcorpus.structure import Structure
from tipcorpus.tables import table_context

if TYPE_CHECKING:
    from tipcorpus.document import Document

__all__ = ["extract_statistics", "is_statistic", "read_unit"]


_MET = regex.compile(
    r"\b(?:met|meets|convened|gathered|visited|travell?ed|testified|spoke|briefed)\s+$",
    regex.IGNORECASE,
)


def _times_met(text: str, q: Quantity) -> Quantity:
    """A count of occasions, not a multiplier: "met twice", "convened three times"."""
    if q.kind is not Kind.MULTIPLIER or not _MET.search(text, max(0, q.span[0] - 16), q.span[0]):
        return q
    return evolve(q, kind=Kind.COUNT)


_INCLUDING_END = regex.compile(
    r"\b(?:including|of\s+(?:which|whom)|among\s+them)\s*$", regex.IGNORECASE
)


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
    ctx = Context(document, structure, reading)
    out: list[Statistic] = []
    blocks = structure.blocks
    block_pillars = pillars_by_block(structure)
    last_unit: dict[int, str] = {}  # block index → the last count unit read in it
    for sentence in table_sentences(ctx):
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
        sent_quantities, cells = cell_quantities(ctx, sentence, sent_quantities, cells)
        sent_quantities = [
            cell_quantity(q, c)
            if c is not None and q.kind is Kind.COUNT
            else _times_met(ctx.text, q)
            for q, c in zip(sent_quantities, cells, strict=True)
        ]
        figures, unit_decisions = decide_units(
            ctx, sentence, block, sent_quantities, cells, last_unit=last_unit
        )
        caps = statutory_caps(ctx.text, sentence, sent_quantities)
        bound = bind_periods(ctx, sentence, sent_quantities)
        local_pillars = pillars_by_figure(ctx, sentence, sent_quantities, [f.unit for f in figures])
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
                (cell_period(ctx, cell) or bound_period or caption_period(ctx, cell))
                if cell is not None
                else bound_period
            )
            f = evolve(f, stated=stated)
            problem = problem_veto(f, None) or (
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
                    vetoed(name, problem_veto.name, problem_veto.label)
                    for name in ("agencies", "period", "pillar")
                )
            else:
                table = cell is not None
                found, why_agencies = decide("agencies", f, _show_credit, table=table)
                agencies, agency_spans = found.value if found is not None else ((), ())
                f = evolve(f, agencies=agencies)
                if uncredited_people(f, None):
                    period, pillar = None, None
                    why_period, why_pillar = (
                        vetoed(name, uncredited_people.name, uncredited_people.label)
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
                    unit=unwrapped(ctx.text, u),
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
