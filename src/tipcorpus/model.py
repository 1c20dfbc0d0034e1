"""The value types of tipcorpus.

Every type here is a frozen, slotted attrs class (or an enum) with full type
hints.
Offsets are half-open ``(start, end)`` pairs of code points into the text the
mention was found in; for anything that belongs to a :class:`~tipcorpus.Document`
that text is ``Document.text``, so ``document.text[start:end]`` is the evidence.

This module imports no parsing code.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from attrs import field, frozen

if TYPE_CHECKING:
    from tipcorpus.document import Document

__all__ = [
    "Agency",
    "AgencyMention",
    "Block",
    "BlockKind",
    "Decision",
    "Kind",
    "Number",
    "Period",
    "PeriodMention",
    "PeriodRole",
    "Pillar",
    "PillarCue",
    "Qualifier",
    "Quantity",
    "Section",
    "Sentence",
    "Span",
    "Statistic",
    "Why",
]

Span = tuple[int, int]
"""A half-open ``(start, end)`` pair of offsets into a text."""

Number = int | Decimal
"""A parsed number: ``int`` when whole, ``Decimal`` otherwise (never a binary float)."""


def _check_span(instance: object, attribute: object, value: Span) -> None:
    start, end = value
    if not 0 <= start <= end:
        raise ValueError(f"span must satisfy 0 <= start <= end, got {value!r}")


class Kind(enum.Enum):
    """What a quantity measures.

    >>> from tipcorpus import quantities
    >>> [str(q.kind) for q in quantities("$51 million for 1,974 T visas, up 47 percent")]
    ['money', 'count', 'percent']
    >>> Kind("money")
    <Kind.MONEY: 'money'>
    """

    COUNT = "count"
    """A number of things: ``1,974 T visas``."""
    MONEY = "money"
    """An amount of U.S. dollars: ``$51 million``."""
    PERCENT = "percent"
    """A percentage: ``47 percent`` (value 47)."""
    MULTIPLIER = "multiplier"
    """A factor of growth: ``seven-fold`` (value 7), ``doubled`` (value 2)."""

    def __str__(self) -> str:
        return self.value


class Qualifier(enum.Enum):
    """How exact a quantity is, as the text says it.

    >>> from tipcorpus import quantities
    >>> [(q.surface, str(q.qualifier)) for q in quantities("more than 400 victims, about 60 cases")]
    [('400', 'min'), ('60', 'approx')]
    """

    EXACT = "exact"
    """No qualifying words."""
    APPROX = "approx"
    """``approximately``, ``about``, ``nearly``, ``some``, ``an estimated`` ..."""
    MIN = "min"
    """``more than``, ``over``, ``at least``, ``upwards of`` ...: the value is a floor."""
    MAX = "max"
    """``up to``, ``less than``, ``as many as`` ...: the value is a ceiling."""

    def __str__(self) -> str:
        return self.value


class Pillar(enum.Enum):
    """The "3P" paradigm and its fourth P.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"doj": "In FY 2007, DOJ secured 103 convictions."})
    >>> corpus.statistics()[0].pillar
    <Pillar.PROSECUTION: 'prosecution'>
    >>> Pillar("prevention"), str(Pillar.PARTNERSHIP)
    (<Pillar.PREVENTION: 'prevention'>, 'partnership')
    """

    PROSECUTION = "prosecution"
    PROTECTION = "protection"
    PREVENTION = "prevention"
    PARTNERSHIP = "partnership"

    def __str__(self) -> str:
        return self.value


@frozen
class PillarCue:
    """A word or phrase that points to a pillar (``convictions`` → prosecution).

    >>> from tipcorpus import find_pillar_cues
    >>> cue = find_pillar_cues("DOJ secured 103 convictions.")[0]
    >>> cue.pillar, cue.surface, cue.span, cue.weight
    (<Pillar.PROSECUTION: 'prosecution'>, 'convictions', (16, 27), 2)

    Attributes:
        pillar: the pillar it points to.
        span: where the cue is.
        surface: the text at ``span``.
        weight: how strongly it points (2 for strong cues, 1 for weak ones).

    """

    pillar: Pillar
    span: Span = field(validator=_check_span)
    surface: str
    weight: int = 1


@frozen
class Quantity:
    """A number expression found in text, as :func:`tipcorpus.quantities` returns it.

    >>> from tipcorpus import quantities
    >>> q = quantities("HHS awarded about $51 million in grants.")[0]
    >>> q.value, q.kind, q.qualifier
    (Decimal('51000000'), <Kind.MONEY: 'money'>, <Qualifier.APPROX: 'approx'>)
    >>> q.surface, q.span, q.qualifier_span
    ('$51 million', (18, 29), (12, 17))

    Attributes:
        value: the number (``51000000`` for ``$51 million``, ``47`` for ``47 percent``).
        kind: count, money, percent or multiplier.
        span: where the number expression is, currency and scale words included.
        surface: the text at ``span``.
        qualifier: exact, approx, min or max, from the words before the number.
        value_high: the upper end of a range (``20 million to 30 million``), else None.
        qualifier_span: where the qualifying words are, when there are any.

    """

    value: Number
    kind: Kind
    span: Span = field(validator=_check_span)
    surface: str
    qualifier: Qualifier = Qualifier.EXACT
    value_high: Number | None = None
    qualifier_span: Span | None = None

    @property
    def start(self) -> int:
        """Offset of the first character of the expression."""
        return self.span[0]

    @property
    def end(self) -> int:
        """Offset just past the last character of the expression."""
        return self.span[1]


@frozen
class Period:
    """The years a figure refers to.

    ``start`` is None for a cumulative figure with no stated beginning
    (``through FY 2007``).
    ``fiscal`` is True when the years are U.S. federal fiscal years.

    >>> period = Period(2001, 2007, fiscal=True)
    >>> print(period)
    FY2001–FY2007
    >>> len(period.years), period.overlaps(2005, 2010)
    (7, True)
    >>> through = Period(None, 2007)
    >>> print(through)
    through 2007
    >>> through.cumulative, through.years
    (True, None)
    """

    start: int | None
    end: int
    fiscal: bool = False

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.start > self.end:
            raise ValueError(f"period start {self.start} is after its end {self.end}")

    @property
    def cumulative(self) -> bool:
        """True for a figure counted up to ``end`` with no stated start."""
        return self.start is None

    @property
    def years(self) -> range | None:
        """The years covered, or None when the start is unknown."""
        if self.start is None:
            return None
        return range(self.start, self.end + 1)

    def overlaps(self, first: int, last: int) -> bool:
        """Whether the period shares a year with ``first..last`` (inclusive)."""
        start = self.start if self.start is not None else self.end
        return start <= last and first <= self.end

    def __str__(self) -> str:
        prefix = "FY" if self.fiscal else ""
        if self.start is None:
            return f"through {prefix}{self.end}"
        if self.start == self.end:
            return f"{prefix}{self.end}"
        return f"{prefix}{self.start}–{prefix}{self.end}"


class PeriodRole(enum.StrEnum):
    """What a time expression says about the figures it dates.

    A ``str`` enum: ``PeriodRole.SINCE == "since"``.
    """

    POINT = "point"
    """A year or a fiscal year: "in FY 2007"."""
    RANGE = "range"
    """From one year to another: "from 2001 to 2007"."""
    THROUGH = "through"
    """A cumulative count up to a year: "through FY 2007"."""
    SINCE = "since"
    """From a start to the reference year: "since 2003", "launched in 2003"."""
    CURRENT = "current"
    """The reference year: "currently", "today", the present tense."""
    RELATIVE = "relative"
    """A window counted back from the reference year: "in the last two years"."""
    COMPARED = "compared"
    """The base of a comparison: "over the previous seven years"."""
    IMPLIED = "implied"
    """The year after a comparison's base: "96 victims, compared with 95 in 2018" (2019)."""


@frozen
class PeriodMention:
    """A time expression found in text.

    >>> from tipcorpus import find_periods
    >>> m = find_periods("From 2001 to 2007, DOJ charged 360 defendants.")[0]
    >>> m.surface, str(m.role), m.span
    ('From 2001 to 2007', 'range', (0, 17))
    >>> m.period
    Period(start=2001, end=2007, fiscal=False)

    Attributes:
        period: the years it denotes (resolved against a reference year where needed).
        span: where the expression is.
        surface: the text at ``span``.
        role: what the expression says about a figure: ``"point"`` (in FY 2007),
            ``"range"`` (from 2001 to 2007), ``"through"`` (cumulative),
            ``"since"`` (from a start to the reference year), ``"current"``
            (today, currently), ``"relative"`` (in the last two years) or
            ``"compared"`` (the base of a comparison).

    """

    period: Period
    span: Span = field(validator=_check_span)
    surface: str
    role: PeriodRole = field(default=PeriodRole.POINT, converter=PeriodRole)


@frozen
class Agency:
    """A U.S. government body, as the registry describes it.

    >>> from tipcorpus import registry
    >>> orr = registry().get("ORR")
    >>> orr.name, orr.kind, orr.parent_id
    ('Office of Refugee Resettlement', 'office', 'ACF')
    >>> [a.id for a in orr.lineage]
    ['ORR', 'ACF', 'HHS']
    >>> orr.is_within("HHS"), str(orr)
    (True, 'ORR')

    Attributes:
        id: canonical identifier (``HHS``, ``G/TIP``, ``ICE``).
        name: the full name.
        aliases: other names and abbreviations it goes by.
        parent: the body it is part of, or None.
        kind: ``department``, ``agency``, ``bureau``, ``office``, ``whole`` ...

    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    parent: Agency | None = field(default=None, repr=False)
    kind: str = "agency"

    @property
    def parent_id(self) -> str | None:
        """The parent's id, or None."""
        return self.parent.id if self.parent is not None else None

    @property
    def lineage(self) -> tuple[Agency, ...]:
        """The agency itself, its parent, its parent's parent ... up to the top."""
        out: list[Agency] = []
        node: Agency | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return tuple(out)

    def is_within(self, other: Agency | str) -> bool:
        """Whether this agency is ``other`` or one of its components."""
        other_id = other if isinstance(other, str) else other.id
        return any(a.id == other_id for a in self.lineage)

    def __str__(self) -> str:
        return self.id


@frozen
class AgencyMention:
    """A place where the text names an agency.

    >>> from tipcorpus import find_agencies
    >>> mentions = find_agencies("The FBI and HHS worked together.")
    >>> [(m.agency.id, m.span, m.surface) for m in mentions]
    [('FBI', (4, 7), 'FBI'), ('HHS', (12, 15), 'HHS')]
    """

    agency: Agency
    span: Span = field(validator=_check_span)
    surface: str


class BlockKind(enum.Enum):
    r"""The kinds of block a document is made of.

    >>> from tipcorpus import Document
    >>> doc = Document.from_text("# Results\n\nICE opened 894 cases.\n\n- HHS certified 400.")
    >>> [str(b.kind) for b in doc.blocks]
    ['heading', 'paragraph', 'bullet']
    >>> doc.blocks[2].kind is BlockKind.BULLET
    True
    """

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"

    def __str__(self) -> str:
        return self.value


@frozen
class Section:
    r"""A heading and everything under it up to the next heading of the same or higher level.

    >>> from tipcorpus import Document
    >>> doc = Document.from_text("# Results\n\n## Prosecution\n\nDOJ charged 200 defendants.\n")
    >>> [(s.heading, s.level, s.path) for s in doc.sections]
    [('Results', 1, ('Results',)), ('Prosecution', 2, ('Results', 'Prosecution'))]
    >>> section = doc.sections[1]
    >>> doc.text[slice(*section.heading_span)]
    'Prosecution'

    Attributes:
        heading: the heading's text, without markup (``#``, ``**``, numbering kept).
        level: 1 for the top level; deeper headings have larger numbers.
        path: the headings from the top down to this one.
        span: from the start of the heading to the end of the section's content.
        heading_span: where the heading text is.
        index: position in ``Document.sections``.

    """

    heading: str
    level: int
    path: tuple[str, ...]
    span: Span = field(validator=_check_span)
    heading_span: Span = field(validator=_check_span)
    index: int = 0


@frozen
class Block:
    r"""A paragraph, bullet item or heading.

    >>> from tipcorpus import Document
    >>> doc = Document.from_text("# Results\n\n- HHS certified 400 victims.\n")
    >>> block = doc.blocks[1]
    >>> block.kind, block.text, block.section, block.index
    (<BlockKind.BULLET: 'bullet'>, 'HHS certified 400 victims.', 0, 1)
    >>> doc.text[slice(*block.span)] == block.text
    True

    Attributes:
        kind: heading, paragraph or bullet.
        span: the block's text, without the bullet marker and surrounding blank space.
        text: the text at ``span``.
        section: the index into ``Document.sections`` of the section it belongs to,
            or None for text before the first heading.
        index: position in ``Document.blocks``.

    """

    kind: BlockKind
    span: Span = field(validator=_check_span)
    text: str
    section: int | None = None
    index: int = 0


@frozen
class Sentence:
    """A sentence of a block.

    >>> from tipcorpus import Document
    >>> doc = Document.from_text("ICE opened 894 cases in FY 2012. It made 1,000 arrests.")
    >>> [(s.text, s.span) for s in doc.sentences]
    [('ICE opened 894 cases in FY 2012.', (0, 32)), ('It made 1,000 arrests.', (33, 55))]

    Attributes:
        span: the sentence's text.
        text: the text at ``span``.
        block: the index into ``Document.blocks`` of the block it belongs to.
        index: position in ``Document.sentences``.

    """

    span: Span = field(validator=_check_span)
    text: str
    block: int = 0
    index: int = 0


FIELDS = ("role", "unit", "period", "agencies", "pillar")
"""The fields of a statistic that named rules decide, in the order they are decided."""


@frozen
class Decision:
    """How one field of a statistic was decided: the value, the rule, and its evidence.

    >>> d = Decision("period", "FY2007", "carried_from_paragraph", "carried from the paragraph",
    ...              (5321, 5337), "In FY 2007 alone", ("after_figure",))
    >>> print(d)
    period FY2007 ← carried from the paragraph: "In FY 2007 alone" (5321–5337); tried: after_figure
    """

    field: str
    """The field decided: ``role``, ``unit``, ``period``, ``agencies`` or ``pillar``."""
    value: str
    """The value chosen, as text (``"none"`` when no rule gave one)."""
    rule: str
    """The name of the rule that decided it (``"none"`` when none did)."""
    label: str = ""
    """What the rule does, in a few words ("carried from the paragraph")."""
    span: Span | None = None
    """Where its evidence is in the document's text, when it points at words."""
    text: str = ""
    """The evidence's words."""
    tried: tuple[str, ...] = ()
    """The rules tried before it, in order, that gave nothing (or were vetoed)."""

    def evidence(self) -> str:
        """The value, the rule's label and its evidence: ``FY2007 ← the period ...: "..."``."""
        out = f"{self.value} ← {self.label or self.rule}"
        if self.text:
            out += f': "{self.text}"'
        if self.span is not None:
            out += f" ({self.span[0]}–{self.span[1]})"
        return out

    def __str__(self) -> str:
        tried = f"; tried: {', '.join(self.tried)}" if self.tried else ""
        return f"{self.field} {self.evidence()}{tried}"


@frozen
class Why:
    """The decision behind each field of a statistic (see :attr:`Statistic.why`).

    Indexing by field name gives that field's :class:`Decision`; iterating gives the
    decisions in the order they were made.
    """

    role: Decision
    unit: Decision
    period: Decision
    agencies: Decision
    pillar: Decision

    def __getitem__(self, name: str) -> Decision:
        if name not in FIELDS:
            raise KeyError(f"no decision for {name!r}; the fields are {', '.join(FIELDS)}")
        decision: Decision = getattr(self, name)
        return decision

    def __iter__(self) -> Iterator[Decision]:
        return iter((self.role, self.unit, self.period, self.agencies, self.pillar))

    def rules(self) -> dict[str, str]:
        """The rule that decided each field, by field name."""
        return {d.field: d.rule for d in self}


@frozen
class Statistic:
    """A figure the text reports, with what it counts, when, who, and under which pillar.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"memo": "In FY 2007, HHS certified 1,248 adult victims."})
    >>> s = corpus.statistics()[0]
    >>> s.value, s.unit, str(s.period), s.agency_ids, str(s.pillar)
    (1248, 'adult victims', 'FY2007', ('HHS',), 'protection')
    >>> corpus["memo"].text[slice(*s.span)], s.document_id
    ('1,248', 'memo')

    Attributes:
        value: the number (``1248``; ``Decimal`` for money and fractions).
        value_high: the upper end of a range, else None.
        kind: count, money, percent or multiplier.
        qualifier: exact, approx, min or max.
        unit: what is counted (``"adult trafficking victims"``); ``"USD"`` for money,
            ``"percent"``, ``"times"``.
        period: the years it refers to, or None when the text gives none.
        agencies: who reported or is credited with it.
        pillar: prosecution, protection, prevention, partnership, or None.
        span: the number expression in ``document.text``.
        surface: the text at ``span``.
        sentence: the sentence it stands in.
        sentence_span: where that sentence is.
        section: the heading path of its section.
        unit_span: where the unit words are, when they are written out.
        period_span: where the period expression is, when there is one.
        agency_spans: where the credited agencies are named.
        qualifier_span: where the qualifying words are.
        document: the document it comes from.
        why: the rule that decided each field, with its evidence (see :meth:`explain`).

    """

    value: Number
    kind: Kind
    span: Span = field(validator=_check_span)
    surface: str
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    value_high: Number | None = None
    period: Period | None = None
    agencies: tuple[Agency, ...] = ()
    pillar: Pillar | None = None
    sentence: str = ""
    sentence_span: Span = field(default=(0, 0), validator=_check_span)
    section: tuple[str, ...] = ()
    unit_span: Span | None = None
    period_span: Span | None = None
    agency_spans: tuple[Span, ...] = ()
    qualifier_span: Span | None = None
    document: Document | None = field(default=None, repr=False, eq=False)
    why: Why | None = field(default=None, repr=False, eq=False)

    @property
    def agency_ids(self) -> tuple[str, ...]:
        """The ids of the credited agencies."""
        return tuple(a.id for a in self.agencies)

    @property
    def year(self) -> int | None:
        """The last year of the period, or None."""
        return self.period.end if self.period is not None else None

    @property
    def document_id(self) -> str | None:
        """The id of the document it comes from."""
        return self.document.id if self.document is not None else None

    def quote(self, marker: tuple[str, str] = ("[[", "]]")) -> str:
        """The sentence with the number expression marked.

        >>> from tipcorpus import Corpus
        >>> s = Corpus.from_texts({"x": "In FY 2007, HHS certified 1,248 victims."}).statistics()[0]
        >>> s.quote()
        'In FY 2007, HHS certified [[1,248]] victims.'
        """
        start, end = self.span
        s0 = self.sentence_span[0]
        rel_start, rel_end = start - s0, end - s0
        if not 0 <= rel_start <= rel_end <= len(self.sentence):
            return f"{marker[0]}{self.surface}{marker[1]}"
        text = self.sentence
        return f"{text[:rel_start]}{marker[0]}{text[rel_start:rel_end]}{marker[1]}{text[rel_end:]}"

    def cite(self, style: str = "plain") -> str:
        """A citation: document title, issuer, year, section and character offsets.

        ``style`` is ``plain`` (the default), ``apa``, ``chicago`` or ``bibtex``; see
        :func:`tipcorpus.citations.cite`.

        >>> from tipcorpus import Corpus
        >>> corpus = Corpus.from_texts(
        ...     {"x": "In FY 2007, HHS certified 1,248 victims."},
        ...     metadata={"x": {"title": "HHS memo", "year": 2008}},
        ... )
        >>> corpus.statistics()[0].cite()
        'HHS memo, 2008, chars 26-31'
        """
        from tipcorpus.citations import cite  # noqa: PLC0415  (model imports no other module)

        return cite(self, style)

    def explain(self) -> str:
        """How each field was decided: the rule, its evidence and the rules tried first.

        >>> from tipcorpus import Corpus
        >>> s = Corpus.from_texts({"x": "In FY 2007, HHS certified 1,248 victims."}).statistics()[0]
        >>> print(s.explain())
        1,248 victims (chars 26-31)
          role      statistic ← a reported figure: "1,248" (26–31)
          unit      victims ← the noun phrase after the figure: "victims" (32–39)
                    tried: money, percent, times
          period    FY2007 ← the period stated before the figure: "In FY 2007" (0–10)
                    tried: after_figure, versus_base, since_launch, change_over_base, record_dates
          agencies  HHS ← the subject before the figure: "HHS" (12–15)
                    tried: inside_counted_phrase
          pillar    protection ← victims are protection: "victims" (32–39)
                    tried: pillar_heading
        """
        head = f"{self.surface} {self.unit} (chars {self.span[0]}-{self.span[1]})"
        if self.why is None:
            return f"{head}\n  (no record of how its fields were decided)"
        lines = [head]
        for d in self.why:
            lines.append(f"  {d.field:<9} {d.evidence()}")
            if d.tried:
                lines.append(f"            tried: {', '.join(d.tried)}")
        return "\n".join(lines)

    # Display (see tipcorpus.render): one line, a short repr, a notebook card.
    def __str__(self) -> str:
        """One line: ``1,974 T visas (USCIS, through FY2007, protection) — <title>``."""
        from tipcorpus.display import statistic_line  # noqa: PLC0415

        return statistic_line(self)

    def __repr__(self) -> str:
        """What the figure is and where: ``<Statistic 1,974 T visas, ... chars 6396-6401>``."""
        from tipcorpus.display import statistic_repr  # noqa: PLC0415

        return statistic_repr(self)

    def _repr_html_(self) -> str:
        from tipcorpus.display import statistic_card  # noqa: PLC0415

        return statistic_card(self)
