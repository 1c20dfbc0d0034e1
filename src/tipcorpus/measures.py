"""What a statistic measures, across documents: measures, time series and conflicting figures.

A *measure* is what is counted (a *concept*: T visas, convictions, funding ...) by whom
(an agency, placed in its department).
The concepts of the genre, with the words the reports use for them, are data
(``data/measures.toml``); users add their own with :func:`register_concepts` or the
``concepts=`` argument of :func:`measure_of`.

>>> from tipcorpus import Corpus
>>> corpus = Corpus.from_texts(
...     {"memo": "Through FY 2007, USCIS awarded 1,974 T-visas to victims."})
>>> m = measure_of(corpus.statistics()[0])
>>> m.id, m.concept, m.name
('dhs.uscis.t-visas', 't-visas', 'USCIS: T visas')

Nothing is read at import time; the concept file is read on first use.
"""

from __future__ import annotations

import functools
import itertools
import threading
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, overload

import regex
from attrs import field, frozen

from tipcorpus.display import plural as _plural
from tipcorpus.errors import MissingExtra, TipcorpusError
from tipcorpus.model import Agency, Kind, Number, Period, Qualifier, Statistic
from tipcorpus.tabular import Column, Tabular

if TYPE_CHECKING:
    from tipcorpus.document import Document

__all__ = [
    "Concept",
    "ConceptError",
    "Conflict",
    "Measure",
    "Series",
    "SeriesPoint",
    "build_series",
    "concept_of_unit",
    "concepts",
    "disagree",
    "find_conflicts",
    "lemmatise",
    "measure_of",
    "register_concepts",
    "unregister_concepts",
]


class ConceptError(TipcorpusError, ValueError):
    """A concept definition that cannot be read (a missing key, a wrong type).

    It is also a :class:`ValueError`.

    >>> try:
    ...     register_concepts({"concept": [{"name": "raids"}]})
    ... except ConceptError as e:
    ...     print(e)
    concept 1: 'id' is required (a short slug such as 'raids')
    """


@frozen
class Concept:
    """A kind of thing the reports count, with the unit phrases that name it.

    Attributes:
        id: a short slug (``t-visas``), used in measure ids.
        name: how it reads in a table (``T visas``).
        kind: :attr:`Kind.COUNT` or :attr:`Kind.MONEY`.
        units: lemmatised unit phrases; a statistic's lemmatised unit must end with one.
        cued_units: lemmatised unit phrases that match only when a cue is in the clause.
        cues: lower-case word beginnings looked for in the clause of the sentence.
        related: ids of broader or overlapping concepts.

    """

    id: str
    name: str
    kind: Kind = Kind.COUNT
    units: tuple[tuple[str, ...], ...] = ()
    cued_units: tuple[tuple[str, ...], ...] = ()
    cues: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@frozen
class Measure:
    """What a statistic measures: a concept, counted by an agency.

    >>> from tipcorpus import registry
    >>> Measure.of("t-visas", registry().get("USCIS")).id
    'dhs.uscis.t-visas'

    Attributes:
        id: ``<department>.<agency>.<concept>`` in lower case (``dhs.uscis.t-visas``);
            ``<department>.<concept>`` when the agency is the department itself, and
            just ``<concept>`` without an agency.
        name: ``<agency>: <concept name>`` (``USCIS: T visas``).
        agency: the agency credited with the figure (the first, when several are).
        concept: the concept's id.
        kind: count or money.

    """

    id: str
    name: str
    agency: Agency | None
    concept: str
    kind: Kind = Kind.COUNT

    @classmethod
    def of(
        cls, concept: str | Concept, agency: Agency | None, *, kind: Kind | None = None
    ) -> Measure:
        """The measure of a concept (a :class:`Concept` or a bundled concept id) by an agency."""
        if isinstance(concept, str):
            found = {c.id: c for c in _all_concepts()}.get(concept)
            concept = found if found is not None else Concept(concept, concept.replace("-", " "))
        parts: list[str] = []
        if agency is not None:
            top = agency.lineage[-1]
            parts.append(_slug(top.id))
            if top.id != agency.id:
                parts.append(_slug(agency.id))
        parts.append(concept.id)
        name = f"{agency.id}: {concept.name}" if agency is not None else concept.name
        return cls(".".join(parts), name, agency, concept.id, kind or concept.kind)

    def same_as(self, other: Measure) -> bool:
        """Whether both count the same concept for agencies of one line.

        One line: the same agency, or one agency part of the other (G/TIP is part of
        DOS), or neither credited.
        """
        if self.concept != other.concept or self.kind is not other.kind:
            return False
        if self.agency is None or other.agency is None:
            return self.agency is None and other.agency is None
        return self.agency.is_within(other.agency) or other.agency.is_within(self.agency)

    def __str__(self) -> str:
        return self.id


def _slug(text: str) -> str:
    return regex.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ----------------------------------------------------------------- reference data


@functools.cache
def _data() -> dict[str, object]:
    resource = resources.files("tipcorpus") / "data" / "measures.toml"
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def _table(name: str) -> dict[str, object]:
    value = _data().get(name, {})
    assert isinstance(value, dict)
    return value


@functools.cache
def _lemma_rules() -> tuple[dict[str, str], frozenset[str], tuple[tuple[str, str], ...]]:
    lemmas = _table("lemmas")
    irregular = lemmas.get("irregular", {})
    invariant = lemmas.get("invariant", [])
    suffixes = lemmas.get("suffixes", [])
    assert isinstance(irregular, dict)
    assert isinstance(invariant, list)
    assert isinstance(suffixes, list)
    return (
        {str(k): str(v) for k, v in irregular.items()},
        frozenset(str(w) for w in invariant),
        tuple((str(a), str(b)) for a, b in suffixes),
    )


@functools.cache
def _word_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        [\p{L}\p{N}]                # a word starts with a letter or digit
        [\p{L}\p{N}&'’./-]*         # and goes on through letters, digits, & ' . / -
        (?<![.'’/-])                # but does not end in punctuation
        """,
        regex.VERBOSE,
    )


def lemmatise(phrase: str) -> tuple[str, ...]:
    """The words of a phrase, lower-cased and made singular.

    >>> lemmatise("T-visas")
    ('t', 'visa')
    >>> lemmatise("Adult Trafficking Victims"), lemmatise("countries")
    (('adult', 'trafficking', 'victim'), ('country',))
    """
    irregular, invariant, suffixes = _lemma_rules()
    out: list[str] = []
    for m in _word_re().finditer(phrase.lower().replace("’", "'")):
        word = m.group()
        if word in irregular:
            out.extend(irregular[word].split())
            continue
        if word in invariant or len(word) <= 3:
            out.append(word)
            continue
        for plural, singular in suffixes:
            if word.endswith(plural):
                word = word[: len(word) - len(plural)] + singular
                break
        out.append(word)
    return tuple(out)


def _read_concept(index: int, key: str | None, raw: object) -> Concept:
    where = f"concept {key!r}" if key is not None else f"concept {index}"
    if not isinstance(raw, Mapping):
        raise ConceptError(f"{where}: expected a table of keys, got {type(raw).__name__}")
    data = dict(raw)
    if key is not None:
        data.setdefault("id", key)
    concept_id = data.get("id")
    if not isinstance(concept_id, str) or not concept_id:
        raise ConceptError(f"{where}: 'id' is required (a short slug such as 'raids')")
    kind_raw = str(data.get("kind", "count")).lower()
    if kind_raw not in ("count", "money"):
        raise ConceptError(f"{where}: 'kind' must be 'count' or 'money', not {kind_raw!r}")

    def phrases(name: str) -> tuple[str, ...]:
        value = data.get(name, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
            raise ConceptError(f"{where}: {name!r} must be a list of strings")
        return tuple(str(v) for v in value)

    return Concept(
        id=_slug(concept_id),
        name=str(data.get("name", concept_id)),
        kind=Kind(kind_raw),
        units=tuple(lemmatise(u) for u in phrases("units")),
        cued_units=tuple(lemmatise(u) for u in phrases("cued_units")),
        cues=tuple(c.lower() for c in phrases("cues")),
        related=phrases("related"),
    )


def _read_concepts(data: Mapping[str, object]) -> list[Concept]:
    listed = data.get("concept")
    if isinstance(listed, list):
        return [_read_concept(i + 1, None, raw) for i, raw in enumerate(listed)]
    return [_read_concept(i + 1, str(k), v) for i, (k, v) in enumerate(data.items())]


@functools.cache
def _bundled_concepts() -> tuple[Concept, ...]:
    return tuple(_read_concepts({"concept": _data().get("concept", [])}))


_registered: list[Concept] = []
_registered_lock = threading.Lock()


def _load(source: str | Path | Mapping[str, object]) -> list[Concept]:
    if isinstance(source, Mapping):
        return _read_concepts(source)
    path = Path(source)
    try:
        return _read_concepts(tomllib.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as e:
        raise ConceptError(f"{path}: no such concept file") from e
    except tomllib.TOMLDecodeError as e:
        raise ConceptError(f"{path}: not valid TOML: {e}") from e


def register_concepts(source: str | Path | Mapping[str, object]) -> tuple[Concept, ...]:
    """Add concepts for every later :func:`measure_of`, ahead of the bundled ones.

    Args:
        source: a TOML file with ``[[concept]]`` tables (the format of the bundled
            ``data/measures.toml``), or a mapping with a ``"concept"`` list of tables,
            or a mapping of concept id to table.

    Returns:
        The concepts read.

    Raises:
        ConceptError: the file is missing or a concept cannot be read.

    >>> added = register_concepts({"raids": {"name": "raids", "units": ["raid", "sweep"]}})
    >>> concept_of_unit("brothel raids").name
    'raids'
    >>> unregister_concepts()

    """
    read = _load(source)
    with _registered_lock:
        _registered[:0] = read
    return tuple(read)


def unregister_concepts() -> None:
    """Forget every concept added with :func:`register_concepts`."""
    with _registered_lock:
        _registered.clear()


def concepts(extra: Iterable[Concept] = ()) -> tuple[Concept, ...]:
    """The concepts in the order they are tried: ``extra``, registered, then bundled.

    >>> [c.id for c in concepts()][:2]
    ['t-visas', 'continued-presence']
    """
    return _all_concepts(extra)


def _all_concepts(extra: Iterable[Concept] = ()) -> tuple[Concept, ...]:
    with _registered_lock:
        registered = tuple(_registered)
    return (*extra, *registered, *_bundled_concepts())


def _ends_with(words: tuple[str, ...], tail: tuple[str, ...]) -> bool:
    return bool(tail) and len(words) >= len(tail) and words[len(words) - len(tail) :] == tail


def concept_of_unit(
    unit: str,
    context: str = "",
    *,
    following: str = "",
    concepts: Iterable[Concept] | Mapping[str, object] | None = None,
) -> Concept | None:
    """The concept a unit names, or None when no concept knows it.

    Args:
        unit: the unit, as a statistic has it (``"adult trafficking victims"``).
        context: the clause the figure stands in, for concepts that need a cue.
        following: the text right after the unit; ``and ...`` joined to the unit is
            tried as one phrase first (``convictions`` + ``and guilty pleas``).
        concepts: concepts tried before the registered and bundled ones (a sequence
            of :class:`Concept` or a mapping in the format of :func:`register_concepts`).

    >>> concept_of_unit("T nonimmigrant visas").id
    't-visas'
    >>> concept_of_unit("letters", "HHS issued 163 certification letters").id
    'certification-letters'
    >>> concept_of_unit("convictions", following=" and guilty pleas since 2001").id
    'convictions-and-pleas'
    >>> concept_of_unit("snapshots") is None
    True

    """
    extra = _extra(concepts)
    words = lemmatise(unit)
    if not words:
        return None
    tried = _all_concepts(extra)
    for joined in _joined(words, following):
        for concept in tried:
            if joined in concept.units:
                return concept
    lowered = context.lower()
    for concept in tried:
        if any(_ends_with(words, u) for u in concept.units):
            return concept
        cued = any(_ends_with(words, u) for u in concept.cued_units)
        if cued and any(regex.search(r"\b" + regex.escape(c), lowered) for c in concept.cues):
            return concept
    return None


@functools.cache
def _conjunction_re() -> regex.Pattern[str]:
    return regex.compile(
        r"""
        ^\s+(?:and|or|&)\s+          # a conjunction right after the unit
        ([\p{L}-]+)                  # the first word joined to the unit
        (?:\s+([\p{L}-]+))?          # maybe a second
        (?:\s+([\p{L}-]+))?          # and a third
        """,
        regex.VERBOSE | regex.IGNORECASE,
    )


def _joined(words: tuple[str, ...], following: str) -> list[tuple[str, ...]]:
    """The unit joined with one, two or three words after ``and``, longest first."""
    m = _conjunction_re().match(following)
    if m is None:
        return []
    extra = [g for g in m.groups() if g]
    return [(*words, "and", *lemmatise(" ".join(extra[:n]))) for n in range(len(extra), 0, -1)]


def _extra(source: Iterable[Concept] | Mapping[str, object] | None) -> tuple[Concept, ...]:
    if source is None:
        return ()
    if isinstance(source, Mapping):
        return tuple(_read_concepts(source))
    return tuple(source)


def _clause(s: Statistic) -> str:
    """The part of the sentence between semicolons that holds the number."""
    rel = s.span[0] - s.sentence_span[0]
    text = s.sentence
    if not 0 <= rel <= len(text):
        return text
    start = text.rfind(";", 0, rel) + 1
    end = text.find(";", rel)
    return text[start : end if end >= 0 else len(text)]


def _following(s: Statistic) -> str:
    if s.unit_span is None:
        return ""
    rel = s.unit_span[1] - s.sentence_span[0]
    if not 0 <= rel <= len(s.sentence):
        return ""
    return s.sentence[rel : rel + 60]


def measure_of(
    statistic: Statistic,
    *,
    concepts: Iterable[Concept] | Mapping[str, object] | None = None,
) -> Measure | None:
    """The measure a statistic reports, or None for one that measures nothing comparable.

    Money is ``funding``; a count is the concept its unit names, or, for a unit no
    concept knows, a concept named after the unit itself (``snapshots``).
    Percentages and multipliers (``47 percent``, ``seven-fold``) compare one figure
    with another and have no measure.

    Args:
        statistic: the statistic.
        concepts: concepts tried before the registered and bundled ones.

    >>> from tipcorpus import Corpus
    >>> s = Corpus.from_texts({"m": "In FY 2004, HHS issued 163 certification letters."})
    >>> str(measure_of(s.statistics()[0]))
    'hhs.certification-letters'

    """
    if statistic.kind in (Kind.PERCENT, Kind.MULTIPLIER):
        return None
    agency = statistic.agencies[0] if statistic.agencies else None
    extra = _extra(concepts)
    if statistic.kind is Kind.MONEY:
        money = next((c for c in _all_concepts(extra) if c.kind is Kind.MONEY), None)
        return Measure.of(money or Concept("funding", "funding", Kind.MONEY), agency)
    concept = concept_of_unit(
        statistic.unit, _clause(statistic), following=_following(statistic), concepts=extra
    )
    if concept is None:
        words = lemmatise(statistic.unit)
        if not words:
            return None
        concept = Concept(_slug(" ".join(words)), statistic.unit.lower())
    return Measure.of(concept, agency, kind=statistic.kind)


# ----------------------------------------------------------------- series


@frozen
class SeriesPoint:
    """One figure of a series.

    Attributes:
        period: the years it refers to.
        value: the figure.
        qualifier: exact, approx, min or max.
        statistic: the statistic it comes from (for a derived point, the later of the two
            cumulative figures it is computed from).
        derived: True for an annual figure computed as the difference of two consecutive
            cumulative ones; ``basis`` is then the earlier one.
        measure: the measure of the statistic.
        basis: the earlier cumulative statistic of a derived point, else None.

    """

    period: Period
    value: Number
    qualifier: Qualifier
    statistic: Statistic = field(eq=False)
    derived: bool = False
    measure: Measure | None = None
    basis: Statistic | None = field(default=None, eq=False)

    @property
    def annual(self) -> bool:
        """Whether the point is a figure for one year."""
        return self.period.start is not None and self.period.start == self.period.end

    @property
    def cumulative(self) -> bool:
        """Whether the point is a figure counted through a year with no stated start."""
        return self.period.cumulative


def _period_key(p: Period) -> tuple[int, int, bool]:
    return (p.end, p.start if p.start is not None else -1, p.fiscal)


class Series(Tabular, Sequence[SeriesPoint]):
    """Figures of one or more measures over time, annual and cumulative kept apart.

    Points are ordered by measure, then period (end year, then start); use
    :attr:`annual`, :attr:`cumulative` and :attr:`ranges` for one sort of figure.
    ``str()`` is a table (``measure, period, value, qualifier, document``) fitted to the
    terminal; ``to_records()`` has those columns and more, values as numbers.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"a": "Through FY 2006, USCIS approved 700 T visas. "
    ...     "Through FY 2007, USCIS approved 1,000 T visas."})
    >>> series = corpus.series(agency="USCIS", unit="T visas")
    >>> [(str(p.period), p.value, p.derived) for p in series]
    [('through FY2006', 700, False), ('through FY2007', 1000, False), ('FY2007', 300, True)]

    """

    __slots__ = ("_points",)

    def __init__(self, points: Iterable[SeriesPoint] = ()) -> None:
        """A series of the given points, in the order given."""
        self._points = tuple(points)

    @overload
    def __getitem__(self, index: int) -> SeriesPoint: ...
    @overload
    def __getitem__(self, index: slice) -> Series: ...
    def __getitem__(self, index: int | slice) -> SeriesPoint | Series:
        """A point, or a slice as a Series."""
        if isinstance(index, slice):
            return Series(self._points[index])
        return self._points[index]

    def __len__(self) -> int:
        """The number of points."""
        return len(self._points)

    def __iter__(self) -> Iterator[SeriesPoint]:
        """The points, in order."""
        return iter(self._points)

    @property
    def annual(self) -> Series:
        """The figures for one year each, reported and derived."""
        return Series(p for p in self._points if p.annual)

    @property
    def cumulative(self) -> Series:
        """The figures counted through a year (``through FY 2007``)."""
        return Series(p for p in self._points if p.cumulative)

    @property
    def ranges(self) -> Series:
        """The figures for a span of several years (``from 2001 to 2007``)."""
        return Series(p for p in self._points if not p.annual and not p.cumulative)

    @property
    def measures(self) -> tuple[Measure, ...]:
        """The measures in the series, in order."""
        seen: dict[str, Measure] = {}
        for p in self._points:
            if p.measure is not None:
                seen.setdefault(p.measure.id, p.measure)
        return tuple(seen.values())

    columns = (
        Column("measure", give=50, floor=16),
        Column("period", give=99, floor=14),
        Column("value", give=98, align="right"),
        Column("qualifier", give=60),
        Column("document", give=20, floor=12),
    )
    noun = ("point", "points")

    def _items(self) -> Sequence[object]:
        return self._points

    def _cells(self, item: object) -> dict[str, str]:
        from tipcorpus.display import format_value  # noqa: PLC0415

        p: SeriesPoint = item  # type: ignore[assignment]
        return {
            "measure": p.measure.id if p.measure is not None else "",
            "period": str(p.period),
            "value": format_value(p.statistic) if not p.derived else f"{p.value:,}",
            "qualifier": "derived" if p.derived else p.qualifier.value,
            "document": p.statistic.document_id or "",
        }

    def _record(self, item: object) -> dict[str, object]:
        from tipcorpus.display import exact_text, json_number  # noqa: PLC0415

        p: SeriesPoint = item  # type: ignore[assignment]
        return {
            "measure": p.measure.id if p.measure is not None else None,
            "period": str(p.period),
            "value": json_number(p.value),
            "value_exact": exact_text(p.value),
            "qualifier": p.qualifier.value,
            "document": p.statistic.document_id,
            "period_start": p.period.start,
            "period_end": p.period.end,
            "fiscal": p.period.fiscal,
            "cumulative": p.cumulative,
            "derived": p.derived,
            "start": p.statistic.span[0],
            "end": p.statistic.span[1],
        }

    def __repr__(self) -> str:
        """A one-line summary."""
        return (
            f"<Series: {_plural(len(self._points), 'point')} of "
            f"{_plural(len(self.measures), 'measure')}>"
        )

    def plot(self, path: str | Path, *, title: str | None = None) -> Path:
        """Draw the annual and cumulative figures to an image file (needs the ``plot`` extra).

        One line per measure and sort of figure; derived annual points are hollow.

        Args:
            path: the image to write; its suffix chooses the format (``.png``, ``.svg``).
            title: the chart's title (by default the measures' names).

        Returns:
            The path written.

        Raises:
            MissingExtra: matplotlib is not installed.

        """
        try:
            import matplotlib  # noqa: PLC0415

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt  # noqa: PLC0415
        except ImportError as e:
            raise MissingExtra("Series.plot()", "plot", "matplotlib") from e
        out = Path(path)
        fig, ax = plt.subplots(figsize=(8, 4.5))
        try:
            for measure in self.measures:
                for label, part in (("annual", self.annual), ("cumulative", self.cumulative)):
                    points = [p for p in part if p.measure == measure]
                    if not points:
                        continue
                    xs = [p.period.end for p in points]
                    ys = [float(p.value) for p in points]
                    (line,) = ax.plot(xs, ys, marker="o", label=f"{measure.name} ({label})")
                    hollow = [(p.period.end, float(p.value)) for p in points if p.derived]
                    if hollow:
                        ax.scatter(
                            [x for x, _ in hollow],
                            [y for _, y in hollow],
                            facecolors="white",
                            edgecolors=line.get_color(),
                            zorder=3,
                        )
            ax.set_xlabel("year")
            ax.set_title(title or ", ".join(m.name for m in self.measures))
            if self.measures:
                ax.legend(fontsize="small")
            fig.savefig(out)
        finally:
            plt.close(fig)
        return out


def _derive(points: list[SeriesPoint]) -> list[SeriesPoint]:
    """Annual figures from consecutive cumulative ones of one measure."""
    through = sorted((p for p in points if p.cumulative), key=lambda p: _period_key(p.period))
    out: list[SeriesPoint] = []
    for before, after in itertools.pairwise(through):
        if before.period.fiscal != after.period.fiscal:
            continue
        if after.period.end != before.period.end + 1:
            continue
        if before.qualifier is not Qualifier.EXACT or after.qualifier is not Qualifier.EXACT:
            continue
        value = after.value - before.value
        if value < 0:
            continue
        out.append(
            SeriesPoint(
                period=Period(after.period.end, after.period.end, fiscal=after.period.fiscal),
                value=value,
                qualifier=Qualifier.EXACT,
                statistic=after.statistic,
                derived=True,
                measure=after.measure,
                basis=before.statistic,
            )
        )
    return out


def build_series(
    statistics: Iterable[Statistic],
    measure: Measure | str | None = None,
    *,
    agency: Agency | str | None = None,
    unit: str | None = None,
    related: bool = False,
) -> Series:
    """The series of the statistics that have a period and match the filters.

    Args:
        statistics: the statistics to draw from.
        measure: a :class:`Measure`, a measure id (``dhs.uscis.t-visas``) or a concept id
            (``t-visas``); None for every measure.
        agency: an agency id, name or alias; figures of its components count.
        unit: what is counted, in words (``"T visas"``): figures of the concept it
            names, or, for words no concept knows, figures whose unit contains them.
        related: with ``unit``, also figures of the concepts related to the one it names
            ("convictions and guilty pleas" for "convictions"), each under its own measure.

    Raises:
        UnknownAgency: an unknown agency.
        UnknownMeasure: a measure or concept that no figure reports (with the close ones).
        UnknownUnit: a unit that neither a concept nor any figure's unit has.
        TipcorpusError: ``related=True`` without a measure or a unit to relate to.

    """
    from tipcorpus.errors import UnknownMeasure, UnknownUnit, close_matches  # noqa: PLC0415

    target: Agency | None = None
    if agency is not None:
        from tipcorpus.agencies import registry  # noqa: PLC0415

        target = agency if isinstance(agency, Agency) else registry().lookup(agency)
    if related and measure is None and unit is None:
        raise TipcorpusError(
            "related=True needs a measure or a unit: the concepts related to which?"
        )
    measured = [(s, m) for s in statistics if s.period is not None for m in [measure_of(s)] if m]
    accepted: set[str] | None = None  # concept ids, when the measure or unit names concepts
    measure_id: str | None = None  # a full measure id, when one is asked for
    line: Agency | None = None  # and the agency it is counted by
    if measure is not None:
        key = measure.id if isinstance(measure, Measure) else str(measure).strip()
        ids = {m.id for _, m in measured}
        concept_ids = {m.concept for _, m in measured}
        if key in ids:
            measure_id = key
            concept_id, line = next((m.concept, m.agency) for _, m in measured if m.id == key)
        elif key in concept_ids:
            concept_id = key
        else:
            # Words ("conviction", "T visa"): the concept they name, if any figure has it.
            named = concept_of_unit(key.replace("-", " "))
            if named is None or named.id not in concept_ids:
                choices = sorted(concept_ids) + sorted(ids)
                raise UnknownMeasure(key, close_matches(key, choices, n=3, cutoff=0.5))
            concept_id = named.id
        accepted = {concept_id, *(_related(concept_id) if related else ())}
    by_words = False  # the unit is words no concept knows: match units containing them
    if unit is not None:
        wanted = concept_of_unit(unit)
        by_words = wanted is None
        if wanted is not None:
            by_unit = {wanted.id, *(wanted.related if related else ())}
            accepted = by_unit if accepted is None else accepted & by_unit
        elif not any(unit.lower() in s.unit.lower() for s, _ in measured):
            units = sorted({s.unit for s, _ in measured})
            raise UnknownUnit(unit, close_matches(unit, units, n=3, cutoff=0.5))
    grouped: dict[str, list[SeriesPoint]] = {}
    for s, m in measured:
        if measure_id is not None and m.id != measure_id:
            # With related=True, the related concepts counted by the same line of agencies.
            same_line = (m.agency is None and line is None) or (
                m.agency is not None
                and line is not None
                and (m.agency.is_within(line) or line.is_within(m.agency))
            )
            if not (related and same_line):
                continue
        if accepted is not None and m.concept not in accepted:
            continue
        if target is not None and not any(a.is_within(target) for a in s.agencies):
            continue
        if by_words and unit is not None and unit.lower() not in s.unit.lower():
            continue
        point = SeriesPoint(s.period, s.value, s.qualifier, s, measure=m)  # type: ignore[arg-type]
        grouped.setdefault(m.id, []).append(point)
    out: list[SeriesPoint] = []
    for group_id in sorted(grouped):
        points = grouped[group_id] + _derive(grouped[group_id])
        points.sort(key=lambda p: (*_period_key(p.period), p.derived))
        out.extend(points)
    return Series(out)


def _related(concept_id: str) -> tuple[str, ...]:
    """The ids of the concepts related to one, as its definition lists them."""
    found = next((c for c in _all_concepts() if c.id == concept_id), None)
    return found.related if found is not None else ()


# ----------------------------------------------------------------- conflicts


@frozen
class Conflict:
    """Two statistics that give different figures for the same measure and period.

    ``first`` is from the newer document (or, in one document, the later in the text).

    Attributes:
        first: the newer figure.
        second: the older figure.
        measure: the measure they both claim (that of ``first``).

    """

    first: Statistic
    second: Statistic
    measure: Measure

    @property
    def statistics(self) -> tuple[Statistic, Statistic]:
        """Both statistics, newer first."""
        return (self.first, self.second)

    @property
    def quotes(self) -> tuple[str, str]:
        """Both sentences with the figures marked, newer first."""
        return (self.first.quote(), self.second.quote())

    @property
    def documents(self) -> tuple[Document | None, Document | None]:
        """Both documents, newer first."""
        return (self.first.document, self.second.document)

    @property
    def period(self) -> Period | None:
        """The period both figures refer to."""
        return self.first.period

    def __str__(self) -> str:
        from tipcorpus.display import format_value  # noqa: PLC0415

        return (
            f"{self.measure.id} {self.period}: {format_value(self.first)} "
            f"({self.first.document_id}) vs {format_value(self.second)} "
            f"({self.second.document_id})"
        )


def _infinity() -> Decimal:
    return Decimal("Infinity")


@functools.cache
def _scale_re() -> regex.Pattern[str]:
    words = _table("scale").get("words", [])
    assert isinstance(words, list)
    alternatives = "|".join(regex.escape(str(w)) for w in words)
    return regex.compile(rf"(?i)\d\s*(?:{alternatives})\b|\b(?:{alternatives})\b")


@functools.cache
def _revision_re() -> regex.Pattern[str]:
    cues = _table("conflicts").get("revision_cues", [])
    assert isinstance(cues, list)
    return regex.compile(r"(?i)\b(?:" + "|".join(regex.escape(str(c)) for c in cues) + r")\b")


def _tolerance() -> Decimal:
    return Decimal(str(_table("conflicts").get("approx_tolerance", "0.05")))


def _rounding(s: Statistic) -> Decimal:
    """Half the unit of the last written digit, for a figure written with a scale word."""
    if _scale_re().search(s.surface) is None:
        return Decimal(0)
    value = Decimal(s.value)
    if value == 0 or value != value.to_integral_value():
        return Decimal(0)
    whole = int(value)
    step = 1
    while whole % (step * 10) == 0:
        step *= 10
    return Decimal(step) / 2


def _interval(s: Statistic) -> tuple[Decimal, Decimal]:
    """The values a statistic allows, given its qualifier and its rounding."""
    low = Decimal(s.value)
    high = Decimal(s.value_high) if s.value_high is not None else low
    slack = _rounding(s)
    low, high = low - slack, high + slack
    if s.qualifier is Qualifier.APPROX:
        tol = _tolerance()
        return low * (1 - tol), high * (1 + tol)
    if s.qualifier is Qualifier.MIN:
        return low, _infinity()
    if s.qualifier is Qualifier.MAX:
        return -_infinity(), high
    return low, high


def disagree(a: Statistic, b: Statistic) -> bool:
    """Whether two figures cannot both be true, given qualifiers and rounding.

    ``over 1,000`` agrees with ``1,248``; ``about 1,500`` with ``1,480``; ``$82
    million`` with ``$82,300,000``.
    """
    a_low, a_high = _interval(a)
    b_low, b_high = _interval(b)
    return a_high < b_low or b_high < a_low


def _age(s: Statistic) -> tuple[int, str, int]:
    doc = s.document
    year = 0
    published = ""
    if doc is not None:
        year = doc.year or (doc.published.year if doc.published else 0)
        published = doc.published.isoformat() if doc.published else ""
    return (year, published, s.span[0])


def _revised(a: Statistic, b: Statistic) -> bool:
    """Whether either sentence says a figure was revised."""
    return any(_revision_re().search(s.sentence) is not None for s in (a, b))


def find_conflicts(statistics: Iterable[Statistic]) -> list[Conflict]:
    """Pairs of statistics that claim one measure for one period with different values.

    Two figures claim one measure when they count the same concept for agencies of one
    line (see :meth:`Measure.same_as`), and one period when their periods are equal.
    They conflict when their values cannot both be true (:func:`disagree`).
    Two figures of one document are a comparison or a breakdown (``340 vs. 106``; a
    total and the share of one office), not a conflict, unless one of their sentences
    says a figure was revised (``revised from $96 million to $82 million``).

    Returns:
        The conflicts, newest document first, each with its newer figure first.

    """
    by_key: dict[tuple[str, Kind, int | None, int, bool], list[tuple[Statistic, Measure]]] = {}
    for s in statistics:
        if s.period is None:
            continue
        m = measure_of(s)
        if m is None:
            continue
        key = (m.concept, m.kind, s.period.start, s.period.end, s.period.fiscal)
        by_key.setdefault(key, []).append((s, m))
    found: list[Conflict] = []
    for group in by_key.values():
        for i, (a, ma) in enumerate(group):
            for b, mb in group[i + 1 :]:
                if not ma.same_as(mb) or not disagree(a, b):
                    continue
                if a.document_id == b.document_id and not _revised(a, b):
                    continue
                newer, older = (a, b) if _age(a) >= _age(b) else (b, a)
                found.append(Conflict(newer, older, ma if newer is a else mb))
    found.sort(key=lambda c: (_age(c.first), _age(c.second)), reverse=True)
    return found
