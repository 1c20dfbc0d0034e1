"""Agencies: the bodies credited with a figure.

The agencies named in the figure's sentence before it (the subject), made more specific
by components of them named after it; the agent of a passive; otherwise those of the
nearest sentence of the same paragraph (unless another body is the subject), then the
section headings; a table's row label, caption, source line or introduction for its
cells.

Internal: see :mod:`tipcorpus.attribution`.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from importlib import resources

import regex

from tipcorpus.attribution.cells import names_body, table_intro
from tipcorpus.attribution.context import Context, Figure, list_intro, mentions_in, overlaps, reduce
from tipcorpus.model import Agency, AgencyMention, Block, BlockKind, Section, Sentence, Span
from tipcorpus.rules import Evidence, bodies, rule, threshold
from tipcorpus.structure import Structure
from tipcorpus.tables import CellContext

_SOURCE = regex.compile(r"\s*(?:Sources?|Data)\s*:", regex.IGNORECASE)
_SOURCE_REACH = 200  # characters after a table where its "Source:" line may be


def _source_line(ctx: Context, cell: CellContext) -> Span | None:
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


def _heading_agencies(ctx: Context, cell: CellContext) -> list[AgencyMention]:
    """The bodies the headings above a table name, the nearest heading first."""
    top = cell.table_span[0] if cell.table_span is not None else 0
    section = ctx.structure.section_at(top)
    while section is not None:
        found = mentions_in(ctx, *section.heading_span)
        if found:
            return found
        section = ctx.structure.parent(section)
    return []


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


def _own_partners(ctx: Context, before: list[AgencyMention]) -> list[AgencyMention]:
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
    ctx: Context, sentence: Sentence, block: Block, *, backwards_only: bool
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
        found = mentions_in(ctx, other.span[0], other.span[1])
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
    agencies = reduce([m.agency for m in mentions])
    keep = {a.id for a in agencies}
    spans = tuple(m.span for m in mentions if m.agency.id in keep)
    return agencies, spans


# -------------------------------------------------------------------- agency rules


_Credit = tuple[tuple[Agency, ...], tuple[Span, ...]]
"""The agencies credited with a figure, and where they are named."""


def _words_at(text: str, spans: Sequence[Span]) -> str:
    return ", ".join(text[s[0] : s[1]] for s in spans)


def _agency_evidence(f: Figure, mentions: Sequence[AgencyMention]) -> Evidence[_Credit] | None:
    if not mentions:
        return None
    credit = _with_spans(mentions)
    return Evidence(credit, mentions[0].span, _words_at(f.ix.text, credit[1]))


def _sentence_mentions(f: Figure) -> tuple[list[AgencyMention], list[AgencyMention]]:
    """The agencies named in the figure's sentence: all, and those outside its unit."""
    ix = f.ix
    everything = mentions_in(ix, f.sentence.span[0], f.sentence.span[1])
    unit_span = f.unit.span
    mentions = [m for m in everything if unit_span is None or not overlaps(m.span, unit_span)]
    return everything, mentions


@rule("agencies", "table_row_label", "the table row that names a body", table=True)
def _agencies_of_row(f: Figure) -> Evidence[_Credit] | None:
    """A table row whose label is the name of a body is that body's ("OVC  412  388").

    Guideline: "Tables: ... its agency from the caption, the row label or the text that
    introduces the table".
    """
    cell = f.cell
    if cell is None or cell.row_label_span is None or not names_body(f.ix, cell):
        return None
    return _agency_evidence(f, mentions_in(f.ix, *cell.row_label_span))


@rule("agencies", "table_column_label", "the table column that names a body", table=True)
def _agencies_of_column(f: Figure) -> Evidence[_Credit] | None:
    """A column whose header names a body is that body's ("OVC grants  BJA grants").

    Guideline: "Tables: ... its agency from the caption, the row label or the text that
    introduces the table"; a header that names a body says whose the column is, as a row
    label does.
    """
    cell = f.cell
    if cell is None or cell.column_span is None:
        return None
    named = mentions_in(f.ix, *cell.column_span)
    return _agency_evidence(f, named) if named else None


@rule("agencies", "table_caption", "the body the table's caption names", table=True)
def _agencies_of_caption(f: Figure) -> Evidence[_Credit] | None:
    """A table's cells are credited to the body its caption names ("ICE ... CASES, FY ...")."""
    cell = f.cell
    if cell is None or cell.caption_span is None:
        return None
    return _agency_evidence(f, mentions_in(f.ix, *cell.caption_span))


@rule("agencies", "table_source", "the table's 'Source:' line", table=True)
def _agencies_of_source(f: Figure) -> Evidence[_Credit] | None:
    """A "Source:" line under a table names the body whose counts the cells are."""
    line = _source_line(f.ix, f.cell) if f.cell is not None else None
    return _agency_evidence(f, mentions_in(f.ix, *line)) if line is not None else None


@rule("agencies", "table_introduction", "the paragraph that introduces the table", table=True)
def _agencies_of_table_intro(f: Figure) -> Evidence[_Credit] | None:
    """The paragraph just before a table names its reporter ("USCIS ... Table 2 shows")."""
    intro = table_intro(f.ix, f.cell) if f.cell is not None else None
    return _agency_evidence(f, mentions_in(f.ix, *intro.span)) if intro is not None else None


@rule("agencies", "table_heading", "the heading above the table", table=True)
def _agencies_of_table_heading(f: Figure) -> Evidence[_Credit] | None:
    """A table no caption, line or paragraph credits is the body its headings name."""
    return _agency_evidence(f, _heading_agencies(f.ix, f.cell)) if f.cell is not None else None


@rule("agencies", "table_issuer", "the issuer, for a table nothing else credits", table=True)
def _agencies_of_table_issuer(f: Figure) -> Evidence[_Credit] | None:
    """A report's table that names no body reports the issuing office's own figures.

    Guideline: "otherwise the body that reports it".
    """
    issuer = f.ix.named_issuer() if f.cell is not None else None
    return _agency_evidence(f, [issuer]) if issuer is not None else None


@rule("agencies", "inside_counted_phrase", "the body inside the counted phrase")
def _agencies_inside(f: Figure) -> Evidence[_Credit] | None:
    """A body named inside the counted phrase is credited when none is named before it.

    "eight LSC grantees" credits LSC; "the Department ... trained 2,000 U.S. government
    employees" credits the Department (guideline: "the body that did the counted work
    when the text names it").
    """
    everything, mentions = _sentence_mentions(f)
    if any(m.span[1] <= f.q.span[0] for m in mentions) or f.unit.span is None:
        return None
    unit_span = f.unit.span
    return _agency_evidence(f, [m for m in everything if overlaps(m.span, unit_span)])


@rule("agencies", "subject_before", "the subject before the figure")
def _agencies_subject(f: Figure) -> Evidence[_Credit] | None:
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
def _agencies_first_person(f: Figure) -> Evidence[_Credit] | None:
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
    if not found or mentions_in(ix, found[-1].end(), q.span[0]):
        return None
    issuer = ix.named_issuer()
    return _agency_evidence(f, [issuer]) if issuer is not None else None


@rule("agencies", "other_actor", "another body is the subject: no U.S. agency")
def _agencies_other_actor(f: Figure) -> Evidence[_Credit] | None:
    """Another body is the subject: no U.S. agency is credited by carrying one over.

    "The International Labour Organization estimates ...", "the government investigated 12
    cases" in a country's narrative, NGOs (guideline: "empty when none is named or clearly
    implied").
    """
    if f.ix.seen_before(_other_actor(), f.sentence, f.q.span[0]):
        return Evidence(((), ()), None, "")
    return None


@rule("agencies", "agent_of_passive", "the agent of a passive ('by ...')")
def _agencies_agent(f: Figure) -> Evidence[_Credit] | None:
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


def _carried(f: Figure) -> list[AgencyMention]:
    _, mentions = _sentence_mentions(f)
    # With bodies named after the figure, only earlier sentences carry a subject over.
    return _carried_mentions(f.ix, f.sentence, f.block, backwards_only=bool(mentions))


def _partners(f: Figure) -> list[AgencyMention]:
    """Bodies named in the figure's sentence as partners: "jointly with BJA"."""
    ix = f.ix
    return [
        m
        for m in _sentence_mentions(f)[1]
        if _PARTNER.search(ix.text, max(0, m.span[0] - 40), m.span[0])
    ]


_PROSECUTED = regex.compile(r"\bprosecut(?:ed|ions?)\b", regex.IGNORECASE)


@rule("agencies", "prosecuting_body", "the prosecutors named nearby, for persons prosecuted")
def _agencies_prosecutors(f: Figure) -> Evidence[_Credit] | None:
    """Persons prosecuted are counted by the body that prosecutes them, named nearby.

    "Persons referred to U.S. attorneys ..." then "The number of persons prosecuted rose
    from 864 to 1,612": U.S. attorneys' (guideline: "Who gets the credit: the body that
    did the counted work when the text names it (`defendants charged by U.S. attorneys`
    → `USAO`), even in a report issued by another body").
    """
    ix, q, sentence = f.ix, f.q, f.sentence
    lo = max(sentence.span[0], q.span[0] - 160)
    if not _PROSECUTED.search(ix.text, lo, min(sentence.span[1], q.span[1] + 60)):
        return None
    blocks = ix.structure.blocks
    start = blocks[f.block.index - 1].span[0] if f.block.index > 0 else f.block.span[0]
    prosecutors = bodies("prosecutors")
    named = [m for m in mentions_in(ix, start, q.span[0]) if m.agency.id in prosecutors]
    return _agency_evidence(f, named[-1:]) if named else None


@rule("agencies", "carried_from_paragraph", "the subject carried from the paragraph")
def _agencies_carried(f: Figure) -> Evidence[_Credit] | None:
    """The subject of the nearest sentence of the paragraph that names a body goes on.

    Earlier sentences first (the last clause's subject), then later ones when the figure's
    sentence names no body at all. Partners named in the figure's sentence join it
    ("... jointly with BJA").
    """
    carried = _carried(f)
    return _agency_evidence(f, carried + _partners(f)) if carried else None


@rule("agencies", "named_after", "the body named after the figure")
def _agencies_after(f: Figure) -> Evidence[_Credit] | None:
    """Bodies named only after a figure, with no subject to carry, are credited.

    Partners alone ("jointly with BJA") are no subject: the list's introduction is.
    """
    mentions = _sentence_mentions(f)[1]
    partners = _partners(f)
    partner_ids = {m.agency.id for m in partners}
    if partners and all(m.agency.id in partner_ids for m in mentions) and list_intro(f.ix, f.block):
        return None
    return _agency_evidence(f, mentions)


@rule("agencies", "list_introduction", "the list's introduction")
def _agencies_of_intro(f: Figure) -> Evidence[_Credit] | None:
    """A bullet is credited to the subject of the paragraph that introduces its list.

    "In fiscal year 2014, OVC:" then bullets (guideline: "A list introduced by a sentence
    ... takes the period and agencies of what it points back to"); partners named in the
    item join it.
    """
    intro = list_intro(f.ix, f.block)
    if intro is None:
        return None
    found = mentions_in(f.ix, *intro.span)
    return _agency_evidence(f, found + _partners(f)) if found else None


@rule("agencies", "section_heading", "the section heading")
def _agencies_of_heading(f: Figure) -> Evidence[_Credit] | None:
    """The body a section's heading (or a heading above it) names, nearest first."""
    structure = f.ix.structure
    for heading in _heading_spans(structure, structure.section_at(f.q.span[0])):
        found = mentions_in(f.ix, heading[0], heading[1])
        if found:
            return _agency_evidence(f, found)
    return None


@rule("agencies", "previous_paragraph", "the previous paragraph's subject")
def _agencies_previous(f: Figure) -> Evidence[_Credit] | None:
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
    return _agency_evidence(f, found or mentions_in(ix, *last[0].span))


@rule("agencies", "issuer", "the document's issuer")
def _agencies_issuer(f: Figure) -> Evidence[_Credit] | None:
    """A document tells of its issuer's own work, unless it is one of many voices.

    Guideline: "otherwise the body that reports it": a figure no body is named for is the
    issuer's ("Since 2001, the program has trained 1,320 police").
    """
    issuer = f.ix.issuer_mention()
    return _agency_evidence(f, [issuer]) if issuer is not None else None
