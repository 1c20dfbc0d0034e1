"""Views over a corpus: statistic sets, agencies, pillars and search hits.

Every query takes the same filter keywords (see :meth:`StatisticSet.filter`).
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Protocol, TypeGuard, overload

from attrs import frozen

from tipcorpus.errors import (
    FilterError,
    FilterValueError,
    SearchError,
    TipcorpusError,
    UnknownName,
    UnknownPillar,
    close_matches,
)
from tipcorpus.model import Agency, Kind, Number, Pillar, Qualifier, Statistic

if TYPE_CHECKING:
    from pathlib import Path

    import pandas  # type: ignore[import-not-found, import-untyped, unused-ignore]
    import regex as _rx

    from tipcorpus.corpus import Corpus
    from tipcorpus.document import Document
    from tipcorpus.export import Progress, SqliteExport
    from tipcorpus.render import Pivot
    from tipcorpus.results import AgencyTable, SearchHits

__all__ = [
    "AgencyView",
    "PillarView",
    "SearchHit",
    "StatisticSet",
    "parse_kind",
    "parse_pillar",
    "parse_qualifier",
]

FILTERS = (
    "year",
    "years",
    "period_overlaps",
    "fiscal",
    "kind",
    "pillar",
    "agency",
    "include_components",
    "document",
    "unit",
    "unit_exact",
    "qualifier",
    "min_value",
    "max_value",
)


def _parse_enum(value: object, enum: type[Any], error: type[UnknownName]) -> Any:
    if isinstance(value, enum):
        return value
    key = str(value).strip().lower()
    for member in enum:
        if key in (member.value, member.name.lower()):
            return member
    choices = [m.value for m in enum]
    close = close_matches(key, choices, n=3, cutoff=0.5)
    raise error(str(value), close, choices=choices)


class _Searchable(Protocol):
    """A compiled pattern of ``re`` or of ``regex``."""

    def search(self, string: str, /) -> object:
        """The first match in ``string``, or None."""


def _is_pattern(value: object) -> TypeGuard[_Searchable]:
    """Whether ``value`` is a compiled pattern of ``re`` or of ``regex``."""
    if isinstance(value, re.Pattern):
        return True
    # A regex pattern exists only once the regex module is loaded: no need to load it.
    rx = sys.modules.get("regex")
    return rx is not None and isinstance(value, rx.Pattern)


class _KindError(FilterError):
    what = "kind"


class _QualifierError(FilterError):
    what = "qualifier"


def parse_pillar(value: str | Pillar) -> Pillar:
    """A :class:`~tipcorpus.Pillar` from its name, in any case.

    >>> parse_pillar("Prevention")
    <Pillar.PREVENTION: 'prevention'>

    Raises:
        UnknownPillar: for another name, with the close ones.

    """
    result: Pillar = _parse_enum(value, Pillar, UnknownPillar)
    return result


def parse_kind(value: str | Kind) -> Kind:
    """A :class:`~tipcorpus.Kind` from its name, in any case."""
    result: Kind = _parse_enum(value, Kind, _KindError)
    return result


def parse_qualifier(value: str | Qualifier) -> Qualifier:
    """A :class:`~tipcorpus.Qualifier` from its name, in any case."""
    result: Qualifier = _parse_enum(value, Qualifier, _QualifierError)
    return result


def _check_filters(filters: dict[str, object]) -> None:
    for name in filters:
        if name not in FILTERS:
            close = close_matches(name, FILTERS, n=3, cutoff=0.5)
            raise FilterError(name, close, choices=FILTERS)


def _year(value: object, name: str = "year") -> int:
    """A year from an int or its text; a list for ``year=`` points to ``years=``."""
    if name == "year" and isinstance(value, Iterable) and not isinstance(value, str):
        listed = list(value)
        raise FilterValueError(name, value, f"takes one year; for several, use years={listed!r}")
    try:
        return int(str(value).strip())
    except ValueError:
        raise FilterValueError(name, value, "takes a year such as 2007") from None


def _unit_note(statistics: Sequence[Statistic], needle: str) -> str:
    """What a unit filter matched, when it matched other units than its own words."""
    units = sorted({s.unit for s in statistics}, key=str.lower)
    own = {needle.lower(), needle.lower() + "s", needle.lower() + "es"}
    if all(u.lower() in own for u in units):
        return ""
    shown = ", ".join(units[:6]) + (", ..." if len(units) > 6 else "")
    return f"unit {needle!r} matched by substring: {shown}; use unit_exact= for one unit"


def filter_predicate(filters: dict[str, object]) -> Callable[[Statistic], bool]:
    """One function that applies every filter of :meth:`StatisticSet.filter`.

    Raises:
        FilterError: an unknown filter, or a value it cannot take.

    """
    _check_filters(filters)
    tests: list[Callable[[Statistic], bool]] = []
    if filters.get("year") is not None:
        year = _year(filters["year"])
        tests.append(lambda s: s.period is not None and s.period.end == year)
    if filters.get("years") is not None:
        years_value = filters["years"]
        if not isinstance(years_value, Iterable):
            raise FilterError(
                "years", (), choices=("an iterable of years, e.g. range(2001, 2008)",)
            )
        years = frozenset(_year(y, "years") for y in years_value)
        tests.append(lambda s: s.period is not None and s.period.end in years)
    if filters.get("period_overlaps") is not None:
        bounds = filters["period_overlaps"]
        if not (isinstance(bounds, Sequence) and len(bounds) == 2):
            raise FilterError("period_overlaps", (), choices=("(first_year, last_year)",))
        first, last = int(bounds[0]), int(bounds[1])
        tests.append(lambda s: s.period is not None and s.period.overlaps(first, last))
    if filters.get("fiscal") is not None:
        fiscal = bool(filters["fiscal"])
        tests.append(lambda s: s.period is not None and s.period.fiscal == fiscal)
    if filters.get("kind") is not None:
        kind = parse_kind(
            str(filters["kind"]) if not isinstance(filters["kind"], Kind) else filters["kind"]
        )
        tests.append(lambda s: s.kind is kind)
    if "pillar" in filters:
        pillar_value = filters["pillar"]
        if pillar_value is None:
            tests.append(lambda s: s.pillar is None)
        else:
            pillar = parse_pillar(
                pillar_value if isinstance(pillar_value, Pillar) else str(pillar_value)
            )
            tests.append(lambda s: s.pillar is pillar)
    if filters.get("agency") is not None:
        from tipcorpus.agencies import registry  # noqa: PLC0415

        value = filters["agency"]
        target = value if isinstance(value, Agency) else registry().lookup(str(value))
        components = filters.get("include_components", True)
        if components:
            tests.append(lambda s: any(a.is_within(target) for a in s.agencies))
        else:
            tests.append(lambda s: any(a.id == target.id for a in s.agencies))
    if filters.get("document") is not None:
        doc = filters["document"]
        doc_id = getattr(doc, "id", doc)
        tests.append(lambda s: s.document_id == doc_id)
    if filters.get("unit") is not None:
        unit = filters["unit"]
        if _is_pattern(unit):
            pattern = unit
            tests.append(lambda s: pattern.search(s.unit) is not None)
        else:
            needle = str(unit).lower()
            tests.append(lambda s: needle in s.unit.lower())
    if filters.get("unit_exact") is not None:
        whole = " ".join(str(filters["unit_exact"]).lower().split())
        tests.append(lambda s: " ".join(s.unit.lower().split()) == whole)
    if filters.get("qualifier") is not None:
        q = filters["qualifier"]
        qualifier = parse_qualifier(q if isinstance(q, Qualifier) else str(q))
        tests.append(lambda s: s.qualifier is qualifier)
    if filters.get("min_value") is not None:
        low = _finite_bound("min_value", filters["min_value"])
        tests.append(lambda s: Decimal(s.value) >= low)
    if filters.get("max_value") is not None:
        high = _finite_bound("max_value", filters["max_value"])
        tests.append(lambda s: Decimal(s.value) <= high)
    return lambda s: all(t(s) for t in tests)


def _finite_bound(name: str, value: object) -> Decimal:
    """A ``min_value``/``max_value`` bound as a finite Decimal; NaN and infinities are refused."""
    try:
        bound = Decimal(str(value).strip())
    except InvalidOperation:
        raise FilterError.bad_value(name, value, "a finite number, e.g. 1000") from None
    if not bound.is_finite():
        raise FilterError.bad_value(name, str(bound).lower(), "a finite number, e.g. 1000")
    return bound


class StatisticSet(Sequence[Statistic]):
    """An ordered, immutable sequence of statistics with filtering, grouping and display.

    ``str()`` is a table; ``repr()`` a one-line summary.

    >>> from tipcorpus import Corpus
    >>> hhs = Corpus.default().statistics(agency="HHS", year=2007)
    >>> sorted(int(s.value) for s in hhs)
    [23, 120, 127, 131, 1248, 1500]
    """

    __slots__ = ("_items", "note")

    def __init__(self, items: Iterable[Statistic] = (), *, note: str = "") -> None:
        """A set of the given statistics, in the order given.

        ``note`` is a line shown under the table: what a filter did that a reader
        should know (a unit matched by substring).
        """
        self._items = tuple(items)
        self.note = note

    @overload
    def __getitem__(self, index: int) -> Statistic: ...
    @overload
    def __getitem__(self, index: slice) -> StatisticSet: ...
    def __getitem__(self, index: int | slice) -> Statistic | StatisticSet:
        """A statistic, or a slice as a StatisticSet."""
        if isinstance(index, slice):
            return StatisticSet(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        """The number of statistics."""
        return len(self._items)

    def __iter__(self) -> Iterator[Statistic]:
        """The statistics, in order."""
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        """Equal when both hold equal statistics in the same order."""
        if isinstance(other, StatisticSet):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        """Hash of the statistics."""
        return hash(self._items)

    def filter(self, **filters: object) -> StatisticSet:
        """The statistics that pass every filter.

        Args:
            **filters: any of the following.
            year: the period ends in this year (cumulative figures "through FY 2007" and
                ranges 2001–2007 count for 2007).
            years: the period ends in one of these years.
            period_overlaps: ``(first, last)``: the period shares a year with this range.
            fiscal: the period is (True) or is not (False) in fiscal years.
            kind: ``count``, ``money``, ``percent`` or ``multiplier``.
            pillar: a pillar name, or None for statistics without one.
            agency: an agency id, name or alias; ``include_components`` (default True)
                also matches its sub-agencies (HHS → ACF → ORR).
            document: a document id.
            unit: a case-insensitive substring of the unit (``"victims"`` also matches
                ``adult trafficking victims``; the result's :attr:`note` says which
                units matched), or a compiled regex.
            unit_exact: the whole unit, ignoring case and spacing.
            qualifier: ``exact``, ``approx``, ``min`` or ``max``.
            min_value: the value is at least this.
            max_value: the value is at most this.

        Raises:
            FilterError: an unknown filter name, with the close ones.
            UnknownAgency: an unknown agency.
            UnknownPillar: an unknown pillar.

        """
        test = filter_predicate(dict(filters))
        kept = [s for s in self._items if test(s)]
        unit = filters.get("unit")
        note = _unit_note(kept, str(unit)) if isinstance(unit, str) else ""
        return StatisticSet(kept, note="\n".join(n for n in (self.note, note) if n))

    def group_by(self, key: str | Callable[[Statistic], object]) -> dict[object, StatisticSet]:
        """Statistics grouped by a field or a function, groups in first-seen order.

        ``key`` is ``"agency"``, ``"year"``, ``"pillar"``, ``"kind"``, ``"unit"``,
        ``"document"`` or a function of a statistic.

        A statistic credited to two agencies is in both agencies' groups.
        """
        groups: dict[object, list[Statistic]] = {}
        for s in self._items:
            for k in _keys(s, key):
                groups.setdefault(k, []).append(s)
        return {k: StatisticSet(v) for k, v in groups.items()}

    def sum(self) -> Number:
        """The sum of the values; refuses to add different kinds or units.

        Raises:
            TipcorpusError: when the statistics are of different kinds or units,
                or mix cumulative figures with annual ones.

        """
        if not self._items:
            return 0
        kinds = {s.kind for s in self._items}
        if len(kinds) > 1:
            raise TipcorpusError(
                "cannot add statistics of different kinds: "
                + ", ".join(sorted(k.value for k in kinds))
                + "; filter by kind= first"
            )
        units = {s.unit.lower() for s in self._items}
        if len(units) > 1:
            raise TipcorpusError(
                "cannot add statistics of different units: "
                + ", ".join(repr(u) for u in sorted(units))
                + "; filter by unit= first"
            )
        cumulative = {s.period is not None and s.period.cumulative for s in self._items}
        if len(cumulative) > 1:
            raise TipcorpusError(
                "cannot add cumulative figures (through a year) to figures for a period; "
                "filter them apart first"
            )
        total: Number = sum((s.value for s in self._items), start=0)
        return total

    def to_records(self, *, rules: bool = False) -> list[dict[str, object]]:
        """The statistics as plain dicts (see :func:`tipcorpus.export.to_records`).

        ``rules=True`` adds the rule that decided each field (``rule_period`` ...).
        """
        from tipcorpus.export import to_records  # noqa: PLC0415

        return to_records(self._items, rules=rules)

    def table(
        self, columns: Sequence[str] | None = None, fmt: str = "simple", width: int | None = None
    ) -> str:
        """The statistics as a text table (``fmt`` is any tabulate format, or ``"html"``)."""
        from tipcorpus.render import statistics_table  # noqa: PLC0415

        table = statistics_table(self._items, columns=columns, fmt=fmt, width=width)
        if self.note and fmt != "html":
            table += "\n" + self.note
        return table

    def __str__(self) -> str:
        """A table of the statistics with a footer (and the note, when there is one)."""
        return self.table()

    def __repr__(self) -> str:
        """A one-line summary."""
        docs = {s.document_id for s in self._items}
        from tipcorpus.results import plural  # noqa: PLC0415

        return (
            f"<StatisticSet: {plural(len(self._items), 'statistic')} "
            f"from {plural(len(docs), 'document')}>"
        )

    def _repr_html_(self) -> str:
        import html  # noqa: PLC0415

        note = f"\n<p>{html.escape(self.note)}</p>" if self.note else ""
        return self.table(fmt="html") + note

    def to_json(
        self,
        path: str | Path | None = None,
        *,
        lines: bool = False,
        overwrite: bool = False,
        rules: bool = False,
    ) -> str | None:
        """The statistics as JSON records (or JSON Lines); see :func:`tipcorpus.export.to_json`.

        Returns the text when ``path`` is None; else writes the file (refusing to
        replace one unless ``overwrite``) and returns None.
        """
        from tipcorpus.export import to_json  # noqa: PLC0415

        return to_json(self._items, path, lines=lines, overwrite=overwrite, rules=rules)

    def to_csv(
        self, path: str | Path | None = None, *, overwrite: bool = False, rules: bool = False
    ) -> str | None:
        """The statistics as CSV records; see :func:`tipcorpus.export.to_csv`."""
        from tipcorpus.export import to_csv  # noqa: PLC0415

        return to_csv(self._items, path, overwrite=overwrite, rules=rules)

    def to_pandas(self) -> pandas.DataFrame:
        """The statistics as a pandas DataFrame (needs the ``pandas`` extra).

        Raises:
            MissingExtra: pandas is not installed.

        """
        from tipcorpus.export import to_pandas  # noqa: PLC0415

        return to_pandas(self._items)

    def to_sqlite(
        self, path: str | Path, *, overwrite: bool = False, progress: Progress = False
    ) -> SqliteExport:
        """The statistics and their documents as an SQLite database for Datasette.

        See :func:`tipcorpus.export.to_sqlite`.
        """
        from tipcorpus.export import to_sqlite  # noqa: PLC0415

        return to_sqlite(self._items, path, overwrite=overwrite, progress=progress)

    def pivot(self, rows: str = "agency", cols: str = "year", values: str = "sum") -> Pivot:
        """A cross-table: ``rows`` × ``cols`` with the sum or count of the statistics.

        ``rows`` and ``cols`` are ``agency``, ``year``, ``pillar``, ``kind``, ``unit`` or
        ``document``; a statistic credited to two agencies is in both agencies' rows.

        >>> from tipcorpus import Corpus
        >>> hhs = Corpus.default().statistics(agency="HHS", unit="victims", year=2007)
        >>> print(hhs.pivot("agency", "year", "count").table("plain"))
        agency      2007    total
        HHS            6        6
        total          6        6
        6 statistics from 1 document

        Raises:
            TipcorpusError: ``values="sum"`` over figures that do not add up (different
                kinds or units, cumulative figures with annual ones, percentages).

        """
        from tipcorpus.render import pivot  # noqa: PLC0415

        return pivot(self, rows, cols, values)

    def bibliography(self, style: str = "apa") -> str:
        """One reference-list entry per document the statistics come from, sorted.

        ``style`` is ``apa`` (the default), ``chicago``, ``bibtex`` or ``plain``; see
        :func:`tipcorpus.citations.bibliography`.

        >>> from tipcorpus import Corpus
        >>> print(Corpus.default().statistics(agency="USCIS").bibliography("chicago"))
        ... # doctest: +NORMALIZE_WHITESPACE
        The President's Interagency Task Force to Monitor and Combat Trafficking in Persons.
        “Declaration of Achievements 2001-2008.” 2008.
        U.S. Department of State, Office to Monitor and Combat Trafficking in Persons.
        “Trafficking in Persons Report 2005, VII. United States Government Efforts.”
        June 3, 2005.

        .. versionadded:: 0.1.0

        """
        from tipcorpus.citations import bibliography  # noqa: PLC0415

        return bibliography(self._items, style)


def _keys(s: Statistic, key: str | Callable[[Statistic], object]) -> list[object]:
    if callable(key):
        return [key(s)]
    if key == "agency":
        return [a.id for a in s.agencies] or [None]
    if key == "year":
        return [s.year]
    if key == "pillar":
        return [s.pillar]
    if key == "kind":
        return [s.kind]
    if key == "unit":
        return [s.unit]
    if key == "document":
        return [s.document_id]
    close = close_matches(key, ["agency", "year", "pillar", "kind", "unit", "document"], n=2)
    raise FilterError(key, close, choices=("agency", "year", "pillar", "kind", "unit", "document"))


class AgencyView:
    """One agency in a corpus: its statistics, mentions and documents.

    >>> from tipcorpus import Corpus
    >>> hhs = Corpus.default().agency("HHS")
    >>> hhs.name
    'Department of Health and Human Services'
    """

    def __init__(self, agency: Agency, corpus: Corpus) -> None:
        """A view of ``agency`` in ``corpus``."""
        self.agency = agency
        self.corpus = corpus

    @property
    def id(self) -> str:
        """The agency's id."""
        return self.agency.id

    @property
    def name(self) -> str:
        """The agency's full name."""
        return self.agency.name

    @property
    def parent(self) -> Agency | None:
        """The agency it is part of."""
        return self.agency.parent

    @property
    def children(self) -> tuple[Agency, ...]:
        """Its direct components, in the registry's order."""
        from tipcorpus.agencies import registry  # noqa: PLC0415

        return registry().children(self.agency.id)

    def statistics(self, *, include_components: bool = True, **filters: object) -> StatisticSet:
        """Its statistics (and, by default, its components'), filtered."""
        return self.corpus.statistics(
            agency=self.agency, include_components=include_components, **filters
        )

    @property
    def mentions(self) -> list[tuple[Document, tuple[int, int], str]]:
        """Where the corpus names it: (document, span, surface)."""
        from tipcorpus.agencies import find_agencies  # noqa: PLC0415

        out = []
        for doc in self.corpus.documents:
            for m in find_agencies(doc.text):
                if m.agency.id == self.agency.id:
                    out.append((doc, m.span, m.surface))
        return out

    @property
    def documents(self) -> tuple[Document, ...]:
        """The documents that name it or credit it with a statistic."""
        ids = {d.id for d, _, _ in self.mentions} | {
            s.document_id for s in self.statistics() if s.document_id
        }
        return tuple(d for d in self.corpus.documents if d.id in ids)

    def __repr__(self) -> str:
        """The agency's id and name."""
        return f"<AgencyView {self.agency.id}: {self.agency.name}>"

    def __str__(self) -> str:
        """A heading line and the table of its statistics."""
        return f"{self.agency.id} — {self.agency.name}\n{self.statistics()}"

    def _repr_html_(self) -> str:
        import html  # noqa: PLC0415

        return f"<h4>{html.escape(self.agency.id)} — {html.escape(self.agency.name)}</h4>" + (
            self.statistics().table(fmt="html")
        )


class PillarView:
    """One pillar in a corpus: its statistics, passages and agencies.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts(
    ...     {"memo": "In FY 2007, DOJ secured 103 convictions. HHS certified 1,248 victims."}
    ... )
    >>> prosecution = corpus.pillar("prosecution")
    >>> prosecution.name, [s.value for s in prosecution.statistics()]
    ('prosecution', [103])
    >>> [(row.id, row.statistics) for row in prosecution.agencies()]
    [('DOJ', 1)]
    """

    def __init__(self, pillar: Pillar, corpus: Corpus) -> None:
        """A view of ``pillar`` in ``corpus``."""
        self.pillar = pillar
        self.corpus = corpus

    @property
    def name(self) -> str:
        """The pillar's name."""
        return self.pillar.value

    def statistics(self, **filters: object) -> StatisticSet:
        """Its statistics, filtered."""
        return self.corpus.statistics(pillar=self.pillar, **filters)

    def passages(self) -> list[tuple[Document, str, str]]:
        """The sentences of its statistics: (document, section path, sentence)."""
        seen: set[tuple[str | None, tuple[int, int]]] = set()
        out = []
        for s in self.statistics():
            key = (s.document_id, s.sentence_span)
            if key in seen or s.document is None:
                continue
            seen.add(key)
            out.append((s.document, " › ".join(s.section), s.sentence))
        return out

    def agencies(self) -> AgencyTable:
        """Who reports figures under it: ``id, name, parent, statistics, documents``, most first.

        ``documents`` counts the documents that credit the agency with a figure under
        the pillar.
        """
        from tipcorpus.results import agency_rows  # noqa: PLC0415

        return agency_rows(self.statistics())

    def __repr__(self) -> str:
        """The pillar's name."""
        return f"<PillarView {self.pillar.value}>"

    def __str__(self) -> str:
        """A heading line and the table of its statistics."""
        return f"{self.pillar.value}\n{self.statistics()}"

    def _repr_html_(self) -> str:
        return f"<h4>{self.pillar.value}</h4>" + self.statistics().table(fmt="html")


@frozen
class SearchHit:
    r"""A sentence that matches a search, with the match's span in the document.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts(
    ...     {"memo": "## Prosecution\n\nIn FY 2007, DOJ secured 103 convictions."}
    ... )
    >>> hit = corpus.search("convictions")[0]
    >>> hit.document.id, hit.span, hit.section
    ('memo', (44, 55), ('Prosecution',))
    >>> hit.sentence
    'In FY 2007, DOJ secured 103 convictions.'
    >>> hit.kwic(width=12)
    'secured 103  [convictions] .'
    """

    document: Document = None  # type: ignore[assignment]
    span: tuple[int, int] = (0, 0)
    sentence: str = ""
    sentence_span: tuple[int, int] = (0, 0)
    section: tuple[str, ...] = ()

    def kwic(self, width: int = 40) -> str:
        """The match in its context, keyword-in-context style."""
        text = self.document.text
        s, e = self.span
        left = text[max(0, s - width) : s].replace("\n", " ").rjust(width)
        right = text[e : e + width].replace("\n", " ")
        return f"{left} [{text[s:e]}] {right}"

    def __str__(self) -> str:
        return f"{self.document.id}: {self.kwic()}"


#: How long one search may run, in seconds, unless the caller says otherwise.
SEARCH_TIMEOUT = 10.0
#: The longest regular expression a search takes, in characters.
MAX_PATTERN_CHARS = 1_000
#: The largest product of nested counted repeats (``(a{100}){100}`` is 10,000): the
#: ``regex`` module expands counted repeats when it compiles, so larger ones take
#: unbounded time before any matching starts.
MAX_REPEAT_PRODUCT = 100_000


def _repeat_product(pattern: str) -> int:
    """The largest product of counted repeats nested in ``pattern`` (1 without any)."""
    counted = _counted_repeat()
    inner: list[int] = [1]  # per open group: the largest product inside it so far
    last = 1  # the product of the atom just read (a group's inside, else 1)
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            i, last = i + 2, 1
            continue
        if char == "[":
            # A character class: skip to its end (a leading ] or ^] is a member).
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            i, last = j + 1, 1
            continue
        if char == "(":
            inner.append(1)
            i, last = i + 1, 1
            continue
        if char == ")" and len(inner) > 1:
            last = inner.pop()
            inner[-1] = max(inner[-1], last)
            i += 1
            continue
        m = counted.match(pattern, i) if char == "{" else None
        if m is not None:
            low, high = m.group(1), m.group(2)
            times = int(high) if high else int(low or "1")
            last = last * max(times, 1)
            inner[-1] = max(inner[-1], last)
            i = m.end()
            continue
        i, last = i + 1, 1
    return max(inner)


@functools.cache
def _counted_repeat() -> _rx.Pattern[str]:
    import regex as rx  # noqa: PLC0415

    return rx.compile(r"\{([0-9]*),?([0-9]*)\}")


def compile_search(pattern: str, *, regex: bool = False, case: bool = False) -> _rx.Pattern[str]:
    """The compiled form of a search pattern, refused with a clear error when unusable.

    Raises:
        SearchError: the pattern is not a valid regular expression, is longer than
            :data:`MAX_PATTERN_CHARS`, or nests counted repeats beyond
            :data:`MAX_REPEAT_PRODUCT`.

    .. versionadded:: 0.1.0

    """
    import regex as rx  # noqa: PLC0415

    flags = 0 if case else rx.IGNORECASE
    if not regex:
        return rx.compile(rx.escape(pattern), flags)
    if len(pattern) > MAX_PATTERN_CHARS:
        raise SearchError(
            pattern, f"is {len(pattern):,} characters long; the limit is {MAX_PATTERN_CHARS:,}"
        )
    product = _repeat_product(pattern)
    if product > MAX_REPEAT_PRODUCT:
        raise SearchError(
            pattern,
            f"repeats up to {product:,} times; the limit for counted repeats "
            f"(nested ones multiply) is {MAX_REPEAT_PRODUCT:,}",
        )
    try:
        return rx.compile(pattern, flags)
    except (rx.error, OverflowError, RecursionError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        if isinstance(exc, RecursionError):
            reason = "groups nested too deeply"
        raise SearchError(pattern, f"is not a valid regular expression: {reason}") from None


def search_documents(
    documents: Iterable[Document],
    pattern: str,
    *,
    regex: bool = False,
    case: bool = False,
    timeout: float | None = SEARCH_TIMEOUT,
) -> SearchHits:
    """Every match of ``pattern`` in the documents, with its sentence and section.

    Raises:
        SearchError: the pattern is unusable (:func:`compile_search`), or matching
            took longer than ``timeout`` seconds in all (None for no limit).

    """
    import time  # noqa: PLC0415

    from tipcorpus.results import SearchHits  # noqa: PLC0415

    compiled = compile_search(pattern, regex=regex, case=case)
    deadline = None if timeout is None else time.monotonic() + timeout
    hits: list[SearchHit] = []
    for doc in documents:
        structure = doc.structure
        left = None if deadline is None else max(deadline - time.monotonic(), 0.001)
        try:
            matches = list(compiled.finditer(doc.text, timeout=left))
        except TimeoutError:
            raise SearchError(
                pattern,
                f"took longer than {timeout:g} s to match (at document {doc.id!r}); "
                "simplify the pattern or pass a longer timeout",
            ) from None
        for m in matches:
            if m.end() == m.start():
                continue
            sentence = structure.sentence_at(m.start())
            hits.append(
                SearchHit(
                    document=doc,
                    span=m.span(),
                    sentence=sentence.text if sentence is not None else "",
                    sentence_span=sentence.span if sentence is not None else m.span(),
                    section=structure.section_path(m.start()),
                )
            )
    return SearchHits(hits)


def agency_table(corpus: Corpus) -> AgencyTable:
    """Agencies named or credited in the corpus, with their counts, most statistics first."""
    from tipcorpus.agencies import find_agencies  # noqa: PLC0415
    from tipcorpus.results import agency_rows  # noqa: PLC0415

    named: dict[str, set[str]] = {}
    for doc in corpus.documents:
        for m in find_agencies(doc.text):
            named.setdefault(m.agency.id, set()).add(doc.id)
    return agency_rows(corpus.statistics(), named)
