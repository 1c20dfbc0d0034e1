"""Records and exports of statistics: JSON, JSON Lines, CSV, pandas and SQLite.

One cattrs :data:`converter` owns serialisation.
A *record* is the flat, documented form of a :class:`~tipcorpus.Statistic`:
:class:`StatisticRecord` in Python, a dict of JSON-ready values in files.
Its fields, in order, are described by :data:`RECORD_FIELDS`; the layout has the
version :data:`RECORD_SCHEMA_VERSION`, written into every record as ``schema``.

How values are written:

* Numbers are numbers, and stay exact.
  ``value`` is a JSON number (an integer when whole, else a float); where that number
  would not give back the exact decimal (``1.50``, a value past 2**53), ``value_exact``
  holds the exact decimal string, else it is null (likewise ``value_high_exact``).
  Reading back, ``value_exact`` wins; money is always a ``Decimal`` and any other kind
  is an ``int`` when the text is a whole number and a ``Decimal`` otherwise, as
  :mod:`tipcorpus.quantities` produces them; so ``Decimal("1.50")`` comes back as
  ``Decimal("1.50")``.
* Enums are written as their values (``"count"``, ``"protection"``).
* Agencies are written as their ids; the document as its id.
* Spans are two integer fields each (``start``/``end``, ``sentence_start``/``sentence_end``
  ...), so that every format, CSV and SQL included, can index ``document.text``.
* In CSV, lists are JSON arrays (``["HHS", "ICE"]``), booleans ``true``/``false`` and
  None the empty string.

File exports refuse to replace an existing file unless ``overwrite=True``
(:class:`~tipcorpus.ExportError`), and write through a temporary file so that a failed
export leaves no half-written file behind.

:func:`write_jsonl` and :func:`to_sqlite` stream: a corpus is read, parsed, written and
released one document at a time, with an optional progress bar or callback
(:data:`Progress`), so a corpus larger than memory can be exported.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import math
import os
import sqlite3
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import cattrs
import regex
from attrs import field, frozen

from tipcorpus.display import exact_text, json_number
from tipcorpus.errors import ExportError, MissingExtra, TipcorpusError, TipcorpusWarning
from tipcorpus.model import (
    FIELDS,
    Agency,
    Decision,
    Kind,
    Number,
    Period,
    Pillar,
    Qualifier,
    Span,
    Statistic,
    Why,
)

if TYPE_CHECKING:
    # pandas is an optional extra; without it (or its stubs) DataFrame is Any to mypy.
    import pandas  # type: ignore[import-not-found, import-untyped, unused-ignore]

    from tipcorpus.corpus import Corpus
    from tipcorpus.document import Document
    from tipcorpus.structure import Structure

__all__ = [
    "RECORD_FIELDS",
    "RECORD_SCHEMA_VERSION",
    "RULE_FIELDS",
    "Progress",
    "ProgressCallback",
    "RecordError",
    "SqliteExport",
    "StatisticRecord",
    "converter",
    "csv_text",
    "exact_text",
    "from_csv",
    "from_records",
    "json_number",
    "metadata_path",
    "neutralise_cell",
    "read_records",
    "to_csv",
    "to_json",
    "to_pandas",
    "to_parquet",
    "to_records",
    "to_sqlite",
    "write_jsonl",
    "write_text",
]

RECORD_SCHEMA_VERSION = 3
"""Bumped whenever a record field is added, removed or changes meaning.

Version 2 added the sub-spans (``sentence_start`` ... ``agency_spans``); version 3 wrote
values as numbers, with ``value_exact`` and ``value_high_exact`` (version 2 records,
with decimal strings, are still read).
"""

_READABLE_SCHEMAS = (2, RECORD_SCHEMA_VERSION)

RECORD_FIELDS: Mapping[str, str] = {
    "schema": "The record layout's version: RECORD_SCHEMA_VERSION when written.",
    "document": "The id of the document the figure comes from; null when unknown.",
    "start": "Offset of the first character of the number expression in the document text.",
    "end": "Offset just past the number expression: text[start:end] is the evidence.",
    "surface": "The number expression as written (text[start:end]), e.g. '$51 million'.",
    "value": "The number: an integer when whole, else a decimal number (3.5).",
    "value_exact": "The exact decimal string where value would round ('1.50'); else null.",
    "value_high": "The upper end of a range ('20 million to 30 million'); null otherwise.",
    "value_high_exact": "The exact decimal string where value_high would round; else null.",
    "kind": "What the number measures: count, money, percent or multiplier.",
    "qualifier": "How exact the text says it is: exact, approx, min (a floor) or max (a ceiling).",
    "unit": "What is counted ('T visas'); 'USD' for money, 'percent', 'times'.",
    "period_start": "First year the figure covers; null for a cumulative figure ('through 2007').",
    "period_end": "Last year the figure covers; null when the text gives no period.",
    "fiscal": "True when the years are U.S. federal fiscal years; null without a period.",
    "agencies": "Ids of the agencies credited with the figure, in text order.",
    "pillar": "prosecution, protection, prevention or partnership; null when none applies.",
    "section": "The heading path of the section the figure stands in, top first.",
    "sentence": "The sentence the figure stands in, exactly as in the document.",
    "sentence_start": "Offset of the sentence in the document text.",
    "sentence_end": "Offset just past the sentence.",
    "unit_start": "Offset of the unit words, when they are written out; else null.",
    "unit_end": "Offset just past the unit words; else null.",
    "period_phrase_start": "Offset of the period expression ('Through FY 2007'); else null.",
    "period_phrase_end": "Offset just past the period expression; else null.",
    "qualifier_start": "Offset of the qualifying words ('approximately'); else null.",
    "qualifier_end": "Offset just past the qualifying words; else null.",
    "agency_spans": "Where each credited agency is named: a list of [start, end] pairs.",
}
"""Every record field, in order, with what it means (the record schema)."""


class RecordError(TipcorpusError, ValueError):
    """Records that cannot be read back, with every problem and where it is.

    Attributes:
        problems: one line per problem: ``record 3, field 'kind': ...``.

    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} "
            f"in records: {shown}{more}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


@frozen
class StatisticRecord:
    """A :class:`~tipcorpus.Statistic` as a flat record; see :data:`RECORD_FIELDS`.

    Records compare equal when every field does; :meth:`to_statistic` rebuilds the
    statistic (its ``document`` from a corpus, when one is given).
    """

    document: str | None
    start: int
    end: int
    surface: str
    value: Number
    kind: Kind
    unit: str
    value_high: Number | None = None
    qualifier: Qualifier = Qualifier.EXACT
    period_start: int | None = None
    period_end: int | None = None
    fiscal: bool | None = None
    agencies: tuple[str, ...] = ()
    pillar: Pillar | None = None
    section: tuple[str, ...] = ()
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    unit_start: int | None = None
    unit_end: int | None = None
    period_phrase_start: int | None = None
    period_phrase_end: int | None = None
    qualifier_start: int | None = None
    qualifier_end: int | None = None
    agency_spans: tuple[Span, ...] = ()
    schema: int = RECORD_SCHEMA_VERSION
    why: Why | None = field(default=None, eq=False)
    """The decisions behind the fields, when the record carries them (``decisions=True``)."""

    @classmethod
    def from_statistic(cls, s: Statistic) -> StatisticRecord:
        """The record of a statistic."""
        period = s.period
        return cls(
            document=s.document_id,
            start=s.span[0],
            end=s.span[1],
            surface=s.surface,
            value=s.value,
            kind=s.kind,
            unit=s.unit,
            value_high=s.value_high,
            qualifier=s.qualifier,
            period_start=period.start if period is not None else None,
            period_end=period.end if period is not None else None,
            fiscal=period.fiscal if period is not None else None,
            agencies=s.agency_ids,
            pillar=s.pillar,
            section=s.section,
            sentence=s.sentence,
            sentence_start=s.sentence_span[0],
            sentence_end=s.sentence_span[1],
            unit_start=_lo(s.unit_span),
            unit_end=_hi(s.unit_span),
            period_phrase_start=_lo(s.period_span),
            period_phrase_end=_hi(s.period_span),
            qualifier_start=_lo(s.qualifier_span),
            qualifier_end=_hi(s.qualifier_span),
            agency_spans=s.agency_spans,
            why=s.why,
        )

    @property
    def period(self) -> Period | None:
        """The period, or None when the record has none."""
        if self.period_end is None:
            return None
        return Period(self.period_start, self.period_end, fiscal=bool(self.fiscal))

    def to_statistic(self, corpus: Mapping[str, Document] | None = None) -> Statistic:
        """The statistic this record describes.

        Agencies are taken from the registry by id (an id it does not know becomes an
        agency of that name); the document from ``corpus`` when given and it has one
        with the record's id, else None.
        """
        from tipcorpus.agencies import registry  # noqa: PLC0415  (registry loads lazily)

        reg = registry()
        agencies = tuple(reg.get(a) if a in reg else Agency(id=a, name=a) for a in self.agencies)
        document = None
        if corpus is not None and self.document is not None and self.document in corpus:
            document = corpus[self.document]
        return Statistic(
            value=self.value,
            kind=self.kind,
            span=(self.start, self.end),
            surface=self.surface,
            unit=self.unit,
            qualifier=self.qualifier,
            value_high=self.value_high,
            period=self.period,
            agencies=agencies,
            pillar=self.pillar,
            sentence=self.sentence,
            sentence_span=(self.sentence_start, self.sentence_end),
            section=self.section,
            unit_span=_pair(self.unit_start, self.unit_end),
            period_span=_pair(self.period_phrase_start, self.period_phrase_end),
            agency_spans=self.agency_spans,
            qualifier_span=_pair(self.qualifier_start, self.qualifier_end),
            document=document,
            why=self.why,
        )


def _lo(span: Span | None) -> int | None:
    return span[0] if span is not None else None


def _hi(span: Span | None) -> int | None:
    return span[1] if span is not None else None


def _pair(start: int | None, end: int | None) -> Span | None:
    return (start, end) if start is not None and end is not None else None


# --------------------------------------------------------------------- converter


@functools.cache
def _whole_number_re() -> regex.Pattern[str]:
    return regex.compile(r"[+-]?[0-9]+")


def _read_number(raw: object, kind: Kind) -> Number:
    """A record's number: ``Decimal`` for money and fractions, ``int`` otherwise."""
    if isinstance(raw, bool):
        raise ValueError(f"expected a number, got {_shown(raw)}")
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ValueError(f"not a finite number: {_shown(raw)}")
        return _bounded(raw, raw)
    if isinstance(raw, int):
        return _bounded(Decimal(raw) if kind is Kind.MONEY else raw, raw)
    if isinstance(raw, float):
        # A binary float has lost exactness already; take its shortest decimal form.
        text = repr(raw)
        if kind is not Kind.MONEY and raw.is_integer():
            return int(raw)
    elif isinstance(raw, str):
        text = raw.strip()
    else:
        raise ValueError(f"expected a number, got {_shown(raw)}")
    if len(text) > _MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text)} characters is longer than {_MAX_NUMBER_CHARS}")
    if kind is not Kind.MONEY and _whole_number_re().fullmatch(text):
        return _bounded(int(text), raw)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {_shown(raw)}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite number: {_shown(raw)}")
    return _bounded(number, raw)


#: The largest magnitude a record's value may have (no report counts or spends more),
#: the most characters its text may have, and the smallest fraction it may hold: input
#: beyond them (``"1e999999999"``) would take unbounded time and memory to print.
MAX_RECORD_VALUE = 10**40
_MAX_NUMBER_CHARS = 128
_MIN_EXPONENT = -100

#: The largest magnitude of a record's offsets and years.
_MAX_RECORD_INT = 2**62


def _bounded(number: Number, raw: object) -> Number:
    """``number``, checked against :data:`MAX_RECORD_VALUE` before any arithmetic on it."""
    if isinstance(number, Decimal):
        # adjusted() reads the exponent without expanding the digits.
        if number and number.adjusted() >= 40:
            raise ValueError(f"{_shown(raw)} is larger than {MAX_RECORD_VALUE:.0e}")
        if number.as_tuple().exponent < _MIN_EXPONENT:  # type: ignore[operator]
            raise ValueError(f"{_shown(raw)} has more than {-_MIN_EXPONENT} decimal places")
        return number
    if abs(number) >= MAX_RECORD_VALUE:
        raise ValueError(f"{_shown(raw)} is larger than {MAX_RECORD_VALUE:.0e}")
    return number


def _read_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str) and raw.strip().lower() in ("true", "1", "false", "0"):
        return raw.strip().lower() in ("true", "1")
    raise ValueError(f"expected true or false, got {_shown(raw)}")


def _read_list(raw: object) -> list[Any]:
    if isinstance(raw, str):
        raw = json.loads(raw) if raw.strip() else []
    if not isinstance(raw, (list, tuple)):
        raise ValueError(f"expected a list, got {_shown(raw)}")
    return list(raw)


def _read_int(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected an integer, got {_shown(raw)}")
    number: int | None = None
    if isinstance(raw, int):
        number = raw
    elif (
        isinstance(raw, str)
        and len(raw) <= _MAX_NUMBER_CHARS
        and _whole_number_re().fullmatch(raw.strip())
    ) or (isinstance(raw, float) and raw.is_integer()):
        number = int(raw)
    if number is None:
        raise ValueError(f"expected an integer, got {_shown(raw)}")
    if abs(number) > _MAX_RECORD_INT:
        raise ValueError(f"{_shown(raw)} is larger than {_MAX_RECORD_INT}")
    return number


def _shown(raw: object) -> str:
    """``repr(raw)``, cut short: a problem line stays one readable line."""
    text = repr(raw)
    return text if len(text) <= 80 else text[:77] + "..."


def _read_str(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"expected a string, got {_shown(raw)}")
    return raw


def _blank(raw: object) -> bool:
    """None, a CSV empty cell, or a pandas missing value."""
    return raw is None or raw == "" or (isinstance(raw, float) and math.isnan(raw))


_OPTIONAL = frozenset(
    {
        "schema",
        "document",
        "value_high",
        "period_start",
        "period_end",
        "fiscal",
        "pillar",
        "unit_start",
        "unit_end",
        "period_phrase_start",
        "period_phrase_end",
        "qualifier_start",
        "qualifier_end",
    }
)
"""Fields that may be missing or blank (null)."""


def _structure_record(data: object, _: type[StatisticRecord]) -> StatisticRecord:
    """A record from a dict of JSON or CSV values; every bad field is reported."""
    if not isinstance(data, Mapping):
        raise RecordError([f"expected a mapping of field to value, got {type(data).__name__}"])
    problems: list[str] = []
    unknown = sorted(set(map(str, data)) - set(RECORD_FIELDS) - set(RULE_FIELDS) - {"why"})
    if unknown:
        problems.append(f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
    values: dict[str, object] = {}

    def read(name: str, parse: Callable[[object], object]) -> None:
        raw = data.get(name)
        if _blank(raw):
            if name in _OPTIONAL:
                if name != "schema":
                    values[name] = None
                return
            if name in ("unit", "surface", "sentence") and raw == "":
                values[name] = ""
                return
            if name in ("agencies", "section", "agency_spans"):
                return
            problems.append(f"field {name!r}: missing")
            return
        try:
            values[name] = parse(raw)
        except (ValueError, TypeError, RecursionError) as exc:
            problems.append(f"field {name!r}: {exc}")

    read("schema", _read_int)
    schema = values.get("schema", RECORD_SCHEMA_VERSION)
    if schema not in _READABLE_SCHEMAS:
        problems.append(
            f"field 'schema': version {schema} is not {RECORD_SCHEMA_VERSION}, the version "
            "this tipcorpus reads"
        )
    read("kind", lambda v: Kind(str(v).strip().lower()))
    kind = values.get("kind")
    if isinstance(kind, Kind):
        for name in ("value", "value_high"):
            exact = data.get(f"{name}_exact")
            if not _blank(exact):
                # The exact decimal string wins over the number, which may be rounded.
                try:
                    values[name] = _read_number(str(exact), kind)
                except ValueError as exc:
                    problems.append(f"field {name + '_exact'!r}: {exc}")
            else:
                read(name, lambda v: _read_number(v, kind))
    read("qualifier", lambda v: Qualifier(str(v).strip().lower()))
    read("pillar", lambda v: Pillar(str(v).strip().lower()))
    read("fiscal", _read_bool)
    read("document", _read_str)
    for name in ("surface", "unit", "sentence"):
        read(name, _read_str)
    for name in (
        "start",
        "end",
        "sentence_start",
        "sentence_end",
        "period_start",
        "period_end",
        "unit_start",
        "unit_end",
        "period_phrase_start",
        "period_phrase_end",
        "qualifier_start",
        "qualifier_end",
    ):
        read(name, _read_int)
    read("agencies", lambda v: tuple(_read_str(a) for a in _read_list(v)))
    read("section", lambda v: tuple(_read_str(h) for h in _read_list(v)))
    read(
        "agency_spans",
        lambda v: tuple(_read_span(pair) for pair in _read_list(v)),
    )
    if not _blank(data.get("why")):
        read("why", _read_why)
    if problems:
        raise RecordError(problems)
    try:
        return StatisticRecord(**values)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise RecordError([str(exc)]) from None


def _read_span(pair: object) -> Span:
    items = _read_list(pair)
    if len(items) != 2:
        raise ValueError(f"expected a [start, end] pair, got {pair!r}")
    start, end = _read_int(items[0]), _read_int(items[1])
    if not 0 <= start <= end:
        raise ValueError(f"span must satisfy 0 <= start <= end, got {pair!r}")
    return (start, end)


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (Kind, Qualifier, Pillar)):
        return value.value
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def _unstructure_record(
    record: StatisticRecord, *, rules: bool = False, decisions: bool = False
) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in RECORD_FIELDS:
        if name in ("value", "value_high"):
            raw = getattr(record, name)
            out[name] = None if raw is None else json_number(raw)
        elif name in ("value_exact", "value_high_exact"):
            out[name] = exact_text(getattr(record, name.removesuffix("_exact")))
        else:
            out[name] = _jsonable(getattr(record, name))
    why = record.why
    if rules:
        for name in FIELDS:
            out[f"rule_{name}"] = why[name].rule if why is not None else None
    if decisions:
        out["why"] = None if why is None else [_decision_json(d) for d in why]
    return out


RULE_FIELDS: Mapping[str, str] = {
    f"rule_{name}": f"The name of the rule that decided the {name} (exports with rules=True)."
    for name in FIELDS
}
"""The columns ``rules=True`` adds: the rule behind each decided field."""


def _decision_json(d: Decision) -> dict[str, object]:
    return {
        "field": d.field,
        "value": d.value,
        "rule": d.rule,
        "label": d.label,
        "span": list(d.span) if d.span is not None else None,
        "text": d.text,
        "tried": list(d.tried),
    }


def _read_why(raw: object) -> Why:
    """The decisions of a record (its ``why`` field, as :func:`to_records` writes it)."""
    if isinstance(raw, str):
        raw = json.loads(raw)
    if not isinstance(raw, list) or len(raw) != len(FIELDS):
        raise ValueError(f"expected a list of {len(FIELDS)} decisions")
    decided: dict[str, Decision] = {}
    for item in raw:
        if not isinstance(item, Mapping):
            raise ValueError("a decision is not a mapping")
        span = item.get("span")
        decided[str(item["field"])] = Decision(
            field=str(item["field"]),
            value=str(item["value"]),
            rule=str(item["rule"]),
            label=str(item.get("label", "")),
            span=(int(span[0]), int(span[1]))
            if isinstance(span, list) and len(span) == 2
            else None,
            text=str(item.get("text", "")),
            tried=tuple(str(t) for t in item.get("tried", ())),
        )
    if set(decided) != set(FIELDS):
        raise ValueError(f"decisions for {sorted(decided)}, not {list(FIELDS)}")
    return Why(**decided)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter()
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(Decimal, lambda v, _: Decimal(str(v)))
    for enum in (Kind, Qualifier, Pillar):
        conv.register_unstructure_hook(enum, lambda e: e.value)
    conv.register_unstructure_hook(Agency, lambda a: a.id)
    conv.register_unstructure_hook(
        Period, lambda p: {"start": p.start, "end": p.end, "fiscal": p.fiscal}
    )
    # The *_func forms match the class exactly and skip resolving its annotations
    # (Statistic.document names Document, imported for type checking only).
    conv.register_unstructure_hook_func(lambda t: t is StatisticRecord, _unstructure_record)
    conv.register_structure_hook_func(lambda t: t is StatisticRecord, _structure_record)
    conv.register_unstructure_hook_func(
        lambda t: t is Statistic,
        lambda s: _unstructure_record(StatisticRecord.from_statistic(s)),
    )
    return conv


converter = _make_converter()
"""The converter that owns serialisation of tipcorpus values."""


# --------------------------------------------------------------------- records


def to_records(
    statistics: Iterable[Statistic], *, rules: bool = False, decisions: bool = False
) -> list[dict[str, object]]:
    """Statistics as flat, JSON-ready dicts, with the fields of :data:`RECORD_FIELDS`.

    ``rules=True`` adds the columns of :data:`RULE_FIELDS` (the rule that decided each
    field); ``decisions=True`` adds ``why``, every decision in full, which
    :func:`from_records` reads back into :attr:`~tipcorpus.Statistic.why`.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"x": "In FY 2007, HHS certified 1,248 victims."})
    >>> rec = corpus.statistics().to_records()[0]
    >>> rec["value"], rec["unit"], rec["period_end"], rec["agencies"]
    (1248, 'victims', 2007, ['HHS'])
    >>> to_records(corpus.statistics(), rules=True)[0]["rule_period"]
    'before_figure'
    """
    if not rules and not decisions:
        return [converter.unstructure(s, Statistic) for s in statistics]
    return [
        _unstructure_record(StatisticRecord.from_statistic(s), rules=rules, decisions=decisions)
        for s in statistics
    ]


def from_records(records: Iterable[Mapping[str, object]]) -> list[StatisticRecord]:
    """Records read back: from :func:`to_records`, the JSON, JSON Lines or CSV exports.

    Values as the CSV module reads them (all strings, ``""`` for None, JSON arrays for
    lists) are accepted as well as JSON values.

    Raises:
        RecordError: listing every bad field of every bad record, by record number.

    >>> from tipcorpus import Corpus
    >>> stats = Corpus.from_texts({"x": "In 2010, DOL spent $3.5 million."}).statistics()
    >>> from_records(to_records(stats))[0].value
    Decimal('3500000')

    """
    out: list[StatisticRecord] = []
    problems: list[str] = []
    for i, record in enumerate(records):
        try:
            out.append(converter.structure(record, StatisticRecord))
        except RecordError as exc:
            problems.extend(f"record {i}, {p}" for p in exc.problems)
    if problems:
        raise RecordError(problems)
    return out


def read_records(path: str | Path) -> list[StatisticRecord]:
    """The records of a ``.json``, ``.jsonl`` or ``.csv`` export.

    Raises:
        ExportError: the file cannot be read or its suffix is none of those.
        RecordError: records with bad fields.

    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".json", ".jsonl", ".ndjson", ".csv"):
        raise ExportError(
            f"{path}: cannot tell the format from {suffix!r}; use .json, .jsonl or .csv"
        )
    try:
        # Decoded as it is: a carriage return inside a CSV cell stays one.
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ExportError(f"{path}: not UTF-8 at byte {exc.start}; records are UTF-8") from None
    except OSError as exc:
        raise ExportError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if suffix == ".csv":
        try:
            return from_csv(text)
        except csv.Error as exc:
            raise ExportError(f"{path}: not a CSV file tipcorpus can read: {exc}") from None
    try:
        if suffix == ".json":
            data = json.loads(text)
            if not isinstance(data, list):
                raise ExportError(f"{path}: expected a JSON array of records")
            return from_records(data)
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        records: list[object] = []
        for n, line in lines:
            try:
                records.append(json.loads(line))
            except ValueError as exc:
                raise ExportError(f"{path}, line {n}: not JSON: {exc}") from None
        return from_records(records)  # type: ignore[arg-type]
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, TipcorpusError):
            raise
        raise ExportError(f"{path}: not JSON: {exc}") from None


#: The longest CSV cell :func:`read_records` reads, in characters: well above any
#: sentence the writers put in a cell, so that every file tipcorpus writes, it reads.
MAX_CSV_FIELD = 64 * 1024 * 1024

#: ``csv.field_size_limit`` is one setting for the whole process; it is raised only
#: while a file is read, one reader at a time.
_CSV_LIMIT_LOCK = threading.Lock()


def from_csv(text: str) -> list[StatisticRecord]:
    """Records read back from the text of a CSV export (:func:`to_csv`).

    Cells neutralised against formula injection (:func:`neutralise_cell`) are restored,
    and cells up to ``MAX_CSV_FIELD`` characters are read.

    Raises:
        RecordError: listing every bad field of every bad record.
        csv.Error: the text is not CSV.

    .. versionadded:: 0.1.0

    """
    with _CSV_LIMIT_LOCK:
        previous = csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))
        try:
            rows = list(csv.DictReader(io.StringIO(text, newline="")))
        finally:
            csv.field_size_limit(previous)
    return from_records(
        {str(_restore_cell(k)): _restore_cell(v) for k, v in row.items() if k is not None}
        for row in rows
    )


# --------------------------------------------------------------------- files


@contextlib.contextmanager
def _atomic(*paths: Path, overwrite: bool) -> Iterator[tuple[Path, ...]]:
    """Temporary files beside ``paths`` that become them when the block succeeds.

    Without ``overwrite`` a finished temporary file is *linked* to its target, which
    fails if the target exists by then: a file another process wrote while the export
    ran is never replaced, and of two exports racing to one path exactly one wins.
    With ``overwrite`` it replaces the target atomically.
    Either way a reader never sees half a file, and a failed export leaves no file.
    Every :class:`OSError` (a missing or unwritable folder, a directory in the way, a
    full disk) becomes an :class:`~tipcorpus.ExportError` naming the file.
    """
    for path in paths:
        _check_target(path, overwrite=overwrite)
    temps: list[Path] = []
    published: list[Path] = []
    try:
        try:
            for path in paths:
                fd, tmp_name = tempfile.mkstemp(
                    prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
                )
                os.close(fd)
                temps.append(Path(tmp_name))
        except OSError as exc:
            raise _export_error(paths[len(temps)], exc) from exc
        try:
            yield tuple(temps)
            for tmp, path in zip(temps, paths, strict=True):
                _publish(tmp, path, overwrite=overwrite)
                published.append(path)
        except OSError as exc:
            if isinstance(exc, ExportError):
                raise
            raise _export_error(paths[len(published)], exc) from exc
    except BaseException:
        # All or nothing: a target this export created is taken back.
        for path in published if not overwrite else ():
            path.unlink(missing_ok=True)
        raise
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


def _check_target(path: Path, *, overwrite: bool) -> None:
    """Refuse, before any work, a target that cannot or must not be written."""
    if path.is_dir():
        raise ExportError(f"{path} is a directory; name a file to write")
    if path.exists() and not overwrite:
        raise ExportError(f"{path} exists; pass overwrite=True to replace it")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent} is not a directory; create it first")


def _publish(tmp: Path, path: Path, *, overwrite: bool) -> None:
    """Make the finished ``tmp`` the file ``path``: replacing it only with ``overwrite``."""
    # mkstemp makes the file private (0600); give it the mode any new file gets.
    os.chmod(tmp, _usual_mode())
    if overwrite:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise ExportError(
            f"{path} was created while the export ran; it is kept, and nothing was written"
        ) from None
    except OSError:
        # A file system without hard links: claim the name exclusively, then move in.
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            raise ExportError(
                f"{path} was created while the export ran; it is kept, and nothing was written"
            ) from None
        os.replace(tmp, path)


def _usual_mode() -> int:
    """The permissions a new file gets here: 0666 less the process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _export_error(path: Path, exc: OSError) -> ExportError:
    """An :class:`~tipcorpus.ExportError` for an operating-system failure on ``path``."""
    return ExportError(f"{path}: cannot write: {exc.strerror or exc}")


def write_text(path: str | Path, text: str, *, overwrite: bool = False) -> None:
    """Write ``text`` (UTF-8) to a file as every export does: whole or not at all.

    The text goes to a temporary file beside ``path``, which then becomes ``path``: by
    a link that fails if ``path`` exists (so a file written meanwhile is kept), or, with
    ``overwrite``, by an atomic replace.

    Raises:
        ExportError: ``path`` exists and ``overwrite`` is False, or it cannot be
            written (a missing folder, a directory, no permission), or the text holds
            characters UTF-8 cannot encode (lone surrogates).

    .. versionadded:: 0.1.0

    """
    target = Path(path)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ExportError(
            f"{target}: cannot write character {exc.start} (U+{ord(text[exc.start]):04X}, "
            "a lone surrogate) as UTF-8; read files without errors='surrogateescape'"
        ) from None
    with _atomic(target, overwrite=overwrite) as (tmp,):
        tmp.write_bytes(data)


def to_json(
    statistics: Iterable[Statistic],
    path: str | Path | None = None,
    *,
    lines: bool = False,
    overwrite: bool = False,
    rules: bool = False,
) -> str | None:
    """Statistics as a JSON array of records, or JSON Lines (one record a line).

    Args:
        statistics: what to write.
        path: the file to write (UTF-8); when None the text is returned instead.
        lines: write JSON Lines instead of one indented array.
        overwrite: replace ``path`` if it exists.
        rules: add the name of the rule that decided each field (``rule_unit`` ...).

    Returns:
        The JSON text when ``path`` is None, else None.

    Raises:
        ExportError: ``path`` exists and ``overwrite`` is False.

    """
    records = to_records(statistics, rules=rules)
    if lines:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if path is None:
        return text
    write_text(path, text, overwrite=overwrite)
    return None


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return neutralise_cell(str(value))


#: The first characters that make a spreadsheet read a cell as a formula (and ``'``,
#: the mark that says it was neutralised, so that reading back is exact).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


@functools.cache
def _plain_number_re() -> regex.Pattern[str]:
    return regex.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def neutralise_cell(cell: str) -> str:
    r"""A CSV cell a spreadsheet shows as text, never runs as a formula.

    A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
    given a leading ``'``, as OWASP recommends against CSV injection; so is one that
    begins with ``'`` already, so that :func:`read_records` (which removes one leading
    ``'``) gives back exactly what was written. A plain signed number (``-12``) is
    left as it is.

    >>> neutralise_cell("=SUM(A1:A9)"), neutralise_cell("-12"), neutralise_cell("HHS")
    ("'=SUM(A1:A9)", '-12', 'HHS')

    .. versionadded:: 0.1.0
    """
    if cell.startswith(_FORMULA_STARTS) and not _plain_number_re().fullmatch(cell):
        return "'" + cell
    return cell


def _restore_cell(cell: str | None) -> str | None:
    """The cell :func:`neutralise_cell` was given."""
    if cell is not None and cell.startswith("'") and not _plain_number_re().fullmatch(cell):
        return cell[1:]
    return cell


def csv_text(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    r"""A table as CSV text in the dialect of every tipcorpus CSV file.

    The dialect is Python's ``excel`` (comma-separated, ``"``-quoted where needed,
    ``\r\n`` line ends); lists are JSON arrays, booleans ``true``/``false``, None an
    empty cell, and cells that a spreadsheet would run as a formula are neutralised
    (:func:`neutralise_cell`). The header is written even when there are no rows.

    .. versionadded:: 0.1.0
    """
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, dialect="excel")
    writer.writerow([neutralise_cell(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(list(v) if isinstance(v, tuple) else v) for v in row])
    return buf.getvalue()


def to_csv(
    statistics: Iterable[Statistic],
    path: str | Path | None = None,
    *,
    overwrite: bool = False,
    rules: bool = False,
) -> str | None:
    """Statistics as CSV: a header of :data:`RECORD_FIELDS`, then one record a row.

    Lists are JSON arrays, booleans ``true``/``false``, None an empty cell.

    Args:
        statistics: what to write.
        path: the file to write (UTF-8); when None the text is returned instead.
        overwrite: replace ``path`` if it exists.
        rules: add the name of the rule that decided each field (``rule_unit`` ...).

    Returns:
        The CSV text when ``path`` is None, else None.

    Raises:
        ExportError: ``path`` exists and ``overwrite`` is False.

    """
    records = to_records(statistics, rules=rules)
    names = [*RECORD_FIELDS, *(RULE_FIELDS if rules else ())]
    text = csv_text(names, ([r[name] for name in names] for r in records))
    if path is None:
        return text
    write_text(path, text, overwrite=overwrite)
    return None


def to_pandas(statistics: Iterable[Statistic]) -> pandas.DataFrame:
    """Statistics as a pandas DataFrame, one row a statistic, columns of :data:`RECORD_FIELDS`.

    ``value`` and ``value_high`` are numbers (``float64``, or ``int64`` when every value
    is whole); ``value_exact`` and ``value_high_exact`` hold the exact decimal strings
    where a float would round, as in the JSON records.
    ``kind``, ``qualifier`` and ``pillar`` are categoricals; years are nullable integers.

    Raises:
        MissingExtra: pandas is not installed (``pip install 'tipcorpus[pandas]'``).

    """
    try:
        import pandas as pd  # noqa: PLC0415  (optional extra)
    except ImportError:
        raise MissingExtra("to_pandas()", "pandas", "pandas") from None
    rows = []
    for r in map(StatisticRecord.from_statistic, statistics):
        row: dict[str, object] = {}
        for name in RECORD_FIELDS:
            if name in ("value_exact", "value_high_exact"):
                row[name] = exact_text(getattr(r, name.removesuffix("_exact")))
            else:
                row[name] = getattr(r, name)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(RECORD_FIELDS))
    for name in ("kind", "qualifier", "pillar"):
        frame[name] = frame[name].map(lambda e: None if e is None else e.value)
    frame["kind"] = pd.Categorical(frame["kind"], categories=[k.value for k in Kind])
    frame["qualifier"] = pd.Categorical(frame["qualifier"], categories=[q.value for q in Qualifier])
    frame["pillar"] = pd.Categorical(frame["pillar"], categories=[p.value for p in Pillar])
    for name in ("period_start", "period_end"):
        frame[name] = frame[name].astype("Int64")
    for name in ("value", "value_high"):
        numbers = [None if v is None else json_number(v) for v in frame[name]]
        frame[name] = pd.to_numeric(pd.Series(numbers, index=frame.index, dtype=object))
    return frame


def to_parquet(
    statistics: Iterable[Statistic], path: str | Path, *, overwrite: bool = False
) -> Path:
    """Statistics as a Parquet file: the columns of :func:`to_pandas`.

    Raises:
        MissingExtra: pandas or a Parquet engine (pyarrow) is not installed
            (``pip install 'tipcorpus[pandas]'``).
        ExportError: ``path`` exists and ``overwrite`` is False.

    """
    frame = to_pandas(statistics)
    target = Path(path)
    with _atomic(target, overwrite=overwrite) as tmp:
        try:
            frame.to_parquet(tmp, index=False)
        except ImportError:
            raise MissingExtra("a Parquet export", "pandas", "pyarrow") from None
    return target


# --------------------------------------------------------------------- streaming

ProgressCallback: TypeAlias = Callable[[int, int | None, int], None]
"""Told after each document a streaming export writes.

It is called as ``callback(documents_done, documents_total, statistics_written)``:
``documents_total`` is None when the source cannot say in advance (an iterator of
statistics), and ``statistics_written`` counts every statistic written so far.
"""

Progress: TypeAlias = bool | Literal["always"] | ProgressCallback
"""What the ``progress`` argument of the streaming exports accepts.

False says nothing; True shows a ``tqdm`` bar on stderr when stderr is a terminal;
``"always"`` shows it even when stderr is a file or a pipe; a
:data:`ProgressCallback` is called after each document instead.
"""


@contextlib.contextmanager
def _progress(
    progress: Progress, total: int | None, *, desc: str
) -> Iterator[Callable[[int], None]]:
    """A function to call once per document written, with its number of statistics.

    One place for both streaming writers: nothing for False, the callback for a
    callable, and a ``tqdm`` bar counting documents (with the statistics written as
    its postfix) for True or ``"always"``.
    """
    if callable(progress):
        callback = progress
        done = written = 0

        def tell(statistics: int) -> None:
            nonlocal done, written
            done += 1
            written += statistics
            callback(done, total, written)

        yield tell
        return
    if progress is False:
        yield lambda statistics: None
        return
    if progress is not True and progress != "always":
        raise ValueError(f"progress must be True, False, 'always' or a callable, not {progress!r}")
    from tqdm import tqdm  # noqa: PLC0415  (loaded only when a bar is asked for)

    # disable=None is tqdm's "off when the stream is not a terminal" (logs, pipes, CI).
    bar = tqdm(
        total=total,
        desc=desc,
        unit="doc",
        file=sys.stderr,
        disable=None if progress is True else False,
        dynamic_ncols=True,
    )
    written = 0

    def advance(statistics: int) -> None:
        nonlocal written
        written += statistics
        bar.set_postfix_str(f"{written:,} statistics", refresh=False)
        bar.update(1)

    try:
        yield advance
    finally:
        bar.close()


def _documents_total(source: Corpus | Iterable[Statistic]) -> int | None:
    """How many documents :func:`_parts` will give, when that is known without reading."""
    from tipcorpus.sources import HasSources  # noqa: PLC0415

    if isinstance(source, HasSources):
        return len(source.sources)
    if isinstance(source, Sequence):
        return sum(1 for _ in _runs(source))
    return None


def _runs(statistics: Iterable[Statistic]) -> Iterator[tuple[Document | None, list[Statistic]]]:
    """Consecutive statistics of one document object, with that document, in order."""
    run: list[Statistic] = []
    current: Document | None = None
    for s in statistics:
        if run and s.document is not current:
            yield current, run
            run = []
        current = s.document
        run.append(s)
    if run:
        yield current, run


def _parts(
    source: Corpus | Iterable[Statistic], *, structure: bool
) -> Iterator[tuple[Document | None, Sequence[Statistic], Structure | None]]:
    """The source one document at a time: the document, its statistics, its structure.

    A corpus gives every document (those without statistics too); statistics are cut
    into runs of one document (a document met again later gives a new run).
    """
    from tipcorpus.sources import HasSources, transient_documents  # noqa: PLC0415

    if isinstance(source, HasSources):
        # Each document is read, parsed and released in turn (see transient_documents).
        yield from transient_documents(source.sources.values(), structure=structure)
        return
    from tipcorpus.structure import parse_structure  # noqa: PLC0415

    for doc, run in _runs(source):
        tree = None
        if structure and doc is not None:
            # A document not parsed yet (statistics streamed, or read from a cache) is
            # parsed for its sentences without keeping the parse on the document.
            tree = doc.structure if doc.parsed else parse_structure(doc.text)
        yield doc, run, tree


def write_jsonl(
    source: Corpus | Iterable[Statistic],
    path: str | Path,
    *,
    overwrite: bool = False,
    progress: Progress = False,
) -> int:
    """Stream statistics to a JSON Lines file, one record a line, and count them.

    The records are those of :func:`to_records`, in the same order.
    A corpus is read, parsed and written one document at a time: the export holds one
    document's statistics at a time, and the corpus keeps no parse, so the collection
    may be larger than memory.
    An iterable of statistics is written as it is iterated
    (``corpus.iter_statistics(agency="HHS")`` streams a filtered corpus).

    Args:
        source: a corpus (every statistic of every document) or statistics.
        path: the file to write (UTF-8).
        overwrite: replace ``path`` if it exists.
        progress: False (silent); True for a progress bar on stderr when it is a
            terminal; ``"always"`` for the bar even when it is not; or a
            :data:`ProgressCallback` called after each document.

    Returns:
        The number of statistics written.

    Raises:
        ExportError: ``path`` exists and ``overwrite`` is False, or it cannot be written.

    >>> import tempfile
    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"memo": "In FY 2007, HHS certified 1,248 victims."})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder, "stats.jsonl")
    ...     written = write_jsonl(corpus, path)
    ...     back = read_records(path)
    >>> written, back[0].value, corpus["memo"].parsed
    (1, 1248, False)

    .. versionadded:: 0.1.0

    """
    target = Path(path)
    written = 0
    with (
        _atomic(target, overwrite=overwrite) as (tmp,),
        _progress(progress, _documents_total(source), desc=target.name) as tell,
        tmp.open("w", encoding="utf-8", newline="") as sink,
    ):
        for _, statistics, _ in _parts(source, structure=False):
            sink.writelines(
                json.dumps(converter.unstructure(s, Statistic), ensure_ascii=False) + "\n"
                for s in statistics
            )
            written += len(statistics)
            tell(len(statistics))
    return written


# --------------------------------------------------------------------- SQLite


@frozen
class SqliteExport:
    """What :func:`to_sqlite` wrote.

    Attributes:
        database: the SQLite file.
        metadata: the Datasette metadata file beside it
            (``datasette serve DATABASE -m METADATA``).
        full_text: whether the FTS5 index ``sentences_fts`` was built.
        counts: rows written per table.

    """

    database: Path
    metadata: Path
    full_text: bool
    counts: tuple[tuple[str, int], ...] = ()


_SCHEMA_SQL = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    issuer TEXT,
    published TEXT,
    year INTEGER,
    kind TEXT,
    source TEXT,
    chars INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    parent_id INTEGER REFERENCES sections(id),
    heading TEXT NOT NULL,
    level INTEGER NOT NULL,
    path TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    UNIQUE (document_id, position)
);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    position INTEGER NOT NULL,
    section_id INTEGER REFERENCES sections(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (document_id, position)
);
CREATE TABLE agencies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    parent_id TEXT REFERENCES agencies(id),
    aliases TEXT NOT NULL
);
CREATE TABLE statistics (
    id INTEGER PRIMARY KEY,
    document_id TEXT REFERENCES documents(id),
    sentence_id INTEGER REFERENCES sentences(id),
    section_id INTEGER REFERENCES sections(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    value NUMERIC NOT NULL,
    value_exact TEXT NOT NULL,
    value_high NUMERIC,
    value_high_exact TEXT,
    kind TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    unit TEXT NOT NULL,
    period_start INTEGER,
    period_end INTEGER,
    fiscal INTEGER,
    cumulative INTEGER,
    agencies TEXT NOT NULL,
    pillar TEXT,
    section TEXT NOT NULL,
    sentence TEXT NOT NULL,
    citation TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE TABLE statistic_agencies (
    statistic_id INTEGER NOT NULL REFERENCES statistics(id),
    position INTEGER NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies(id),
    start INTEGER,
    "end" INTEGER,
    PRIMARY KEY (statistic_id, position)
);
CREATE INDEX sections_document ON sections(document_id);
CREATE INDEX sentences_document ON sentences(document_id, start);
CREATE INDEX statistics_document ON statistics(document_id);
CREATE INDEX statistics_sentence ON statistics(sentence_id);
CREATE INDEX statistics_period ON statistics(period_end, period_start);
CREATE INDEX statistics_pillar ON statistics(pillar);
CREATE INDEX statistics_kind_unit ON statistics(kind, unit);
CREATE INDEX statistic_agencies_agency ON statistic_agencies(agency_id);
CREATE INDEX agencies_parent ON agencies(parent_id);
"""

_FTS_SQL = """
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content="sentences", content_rowid="id", tokenize="porter unicode61"
);
"""

_TABLE_DESCRIPTIONS = {
    "documents": "The reports, with their metadata and full text; every offset indexes text.",
    "sections": "Each heading and what is under it, with its heading path and offsets.",
    "sentences": "Every sentence of every document, with offsets (full-text searchable).",
    "statistics": "One row a figure: value, unit, period, agencies, pillar and its evidence.",
    "agencies": "The U.S. government bodies credited with figures, with their parents.",
    "statistic_agencies": "Which agencies each figure is credited to, and where they are named.",
}

_COLUMN_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "id": "The document's id in its corpus.",
        "title": "The document's title.",
        "issuer": "Who issued it.",
        "published": "The date of publication (YYYY-MM-DD), when known.",
        "year": "The reference year: the year 'currently' and 'since ...' resolve to.",
        "kind": "report, fact sheet, assessment ...",
        "source": "Where the document comes from (a URL or a description).",
        "chars": "The length of text in characters.",
        "text": "The full text; every offset in the database indexes it.",
    },
    "sections": {
        "id": "The section's row id.",
        "document_id": "The document it belongs to.",
        "position": "Its place in the document's sections, from 0.",
        "parent_id": "The section it is under, or null at the top level.",
        "heading": "The heading's text.",
        "level": "1 for the top level; deeper headings have larger numbers.",
        "path": "The headings from the top down to this one, joined by ' › '.",
        "start": "Offset of the heading in the document text.",
        "end": "Offset just past the section's content.",
    },
    "sentences": {
        "id": "The sentence's row id.",
        "document_id": "The document it belongs to.",
        "position": "Its place in the document's sentences, from 0.",
        "section_id": "The section it stands in, or null before the first heading.",
        "start": "Offset of the sentence in the document text.",
        "end": "Offset just past the sentence.",
        "text": "The sentence, exactly as in the document.",
    },
    "agencies": {
        "id": "The agency's id (HHS, G/TIP, ICE).",
        "name": "Its full name.",
        "kind": "department, agency, bureau, office ...",
        "parent_id": "The agency it is part of, or null.",
        "aliases": "Other names it goes by, as a JSON array.",
    },
    "statistics": {
        "id": "The statistic's row id.",
        "document_id": "The document the figure comes from.",
        "sentence_id": "The sentence the figure stands in.",
        "section_id": "The section the figure stands in.",
        "start": RECORD_FIELDS["start"],
        "end": RECORD_FIELDS["end"],
        "surface": RECORD_FIELDS["surface"],
        "value": "The number (approximate when fractional; see value_exact).",
        "value_exact": "The number exactly, as a decimal string.",
        "value_high": "The upper end of a range, else null (see value_high_exact).",
        "value_high_exact": "The upper end of a range exactly, as a decimal string.",
        "kind": RECORD_FIELDS["kind"],
        "qualifier": RECORD_FIELDS["qualifier"],
        "unit": RECORD_FIELDS["unit"],
        "period_start": RECORD_FIELDS["period_start"],
        "period_end": RECORD_FIELDS["period_end"],
        "fiscal": "1 when the years are U.S. federal fiscal years, 0 if not; null without one.",
        "cumulative": "1 for a figure counted up to period_end with no stated start.",
        "agencies": "Ids of the credited agencies, as a JSON array.",
        "pillar": RECORD_FIELDS["pillar"],
        "section": "The heading path, joined by ' › '.",
        "sentence": RECORD_FIELDS["sentence"],
        "citation": "A plain citation: document, issuer, year, section, character offsets.",
        "record": f"The full record (schema version {RECORD_SCHEMA_VERSION}) as JSON.",
    },
    "statistic_agencies": {
        "statistic_id": "The statistic.",
        "position": "The agency's place among the statistic's agencies, from 0.",
        "agency_id": "The agency credited.",
        "start": "Offset where the text names the agency, when it does; else null.",
        "end": "Offset just past that name; else null.",
    },
}
"""What each column of each table holds: exactly the columns the database has."""


def _agency_row(agency: Agency) -> tuple[str, str, str, str | None, str]:
    return (
        agency.id,
        agency.name,
        agency.kind,
        agency.parent_id,
        json.dumps(list(agency.aliases), ensure_ascii=False),
    )


def _sql_number(value: Number) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _fts5_available(db: sqlite3.Connection) -> bool:
    try:
        db.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        db.execute("DROP TABLE temp._fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


class _SqliteWriter:
    """The rows of one SQLite export, written a document at a time.

    Row ids are counted here (1, 2, ... per table, as SQLite would number them) so
    that each document's rows go in with one ``executemany`` per table.
    What is kept between documents is small: the ids of the documents and agencies
    written, the row ids of the current document's sentences, and what the Datasette
    metadata needs (the count, the first titles, the sources up to 1000 characters).
    """

    def __init__(self, db: sqlite3.Connection, *, full_text: bool) -> None:
        self.db = db
        self.full_text = full_text
        self.counts = dict.fromkeys(_TABLE_DESCRIPTIONS, 0)
        self.documents: set[str] = set()
        self.agencies: set[str] = set()
        self.titles: list[str] = []
        self.sources: list[str] = []
        self._sources_chars = 0
        # Sentence start -> (sentence row id, section row id), for one document.
        self._sentences_doc: str | None = None
        self._sentences: dict[int, tuple[int, int | None]] = {}

    def add_document(self, doc: Document, structure: Structure) -> None:
        """Write a document, its sections and its sentences (and their full-text index)."""
        self.db.execute(
            "INSERT INTO documents (id, title, issuer, published, year, kind, source, chars, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.title,
                doc.issuer,
                doc.published.isoformat() if doc.published is not None else None,
                doc.year,
                doc.kind,
                doc.source,
                len(doc.text),
                doc.text,
            ),
        )
        self.counts["documents"] += 1
        self.documents.add(doc.id)
        if len(self.titles) < 5:
            self.titles.append(doc.title or doc.id)
        if self._sources_chars < 1000:
            # Enough of "; ".join(every source) for its first 1000 characters.
            label = doc.source or doc.title or doc.id
            self._sources_chars += len(label) + (2 if self.sources else 0)
            self.sources.append(label)
        section_ids: list[int] = []
        sections: list[tuple[object, ...]] = []
        open_: list[tuple[int, int]] = []  # (level, row id) of the sections still open
        for section in structure.sections:
            while open_ and open_[-1][0] >= section.level:
                open_.pop()
            row_id = self.counts["sections"] + len(sections) + 1
            sections.append(
                (
                    row_id,
                    doc.id,
                    section.index,
                    open_[-1][1] if open_ else None,
                    section.heading,
                    section.level,
                    " › ".join(section.path),
                    section.span[0],
                    section.span[1],
                )
            )
            section_ids.append(row_id)
            open_.append((section.level, row_id))
        self.db.executemany(
            "INSERT INTO sections (id, document_id, position, parent_id, heading, level, path,"
            ' start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
            sections,
        )
        self.counts["sections"] += len(sections)
        blocks = structure.blocks
        sentences: list[tuple[object, ...]] = []
        self._sentences_doc, self._sentences = doc.id, {}
        for sentence in structure.sentences:
            block_section = blocks[sentence.block].section if sentence.block < len(blocks) else None
            section_id = section_ids[block_section] if block_section is not None else None
            row_id = self.counts["sentences"] + len(sentences) + 1
            sentences.append(
                (
                    row_id,
                    doc.id,
                    sentence.index,
                    section_id,
                    sentence.span[0],
                    sentence.span[1],
                    sentence.text,
                )
            )
            self._sentences[sentence.span[0]] = (row_id, section_id)
        self.db.executemany(
            'INSERT INTO sentences (id, document_id, position, section_id, start, "end", text)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            sentences,
        )
        if self.full_text:
            # An external-content index: it is told each sentence's rowid and text.
            self.db.executemany(
                "INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)",
                ((row[0], row[6]) for row in sentences),
            )
        self.counts["sentences"] += len(sentences)

    def _sentence_rows(self, doc_id: str) -> dict[int, tuple[int, int | None]]:
        """The current document's sentences by start, read back for a document met again."""
        if self._sentences_doc != doc_id:
            rows = self.db.execute(
                "SELECT start, id, section_id FROM sentences WHERE document_id = ?", (doc_id,)
            )
            self._sentences_doc = doc_id
            self._sentences = {start: (row_id, section) for start, row_id, section in rows}
        return self._sentences

    def add_statistics(
        self, doc_id: str | None, structure: Structure | None, statistics: Sequence[Statistic]
    ) -> None:
        """Write statistics of one document (written already), and agencies new to the export."""
        agencies: list[tuple[str, str, str, str | None, str]] = []
        for s in statistics:
            for agency in s.agencies:
                # Parents first, so that every parent_id names a row already written.
                for node in reversed(agency.lineage):
                    if node.id not in self.agencies:
                        self.agencies.add(node.id)
                        agencies.append(_agency_row(node))
        self.db.executemany(
            "INSERT INTO agencies (id, name, kind, parent_id, aliases) VALUES (?, ?, ?, ?, ?)",
            agencies,
        )
        self.counts["agencies"] += len(agencies)
        known = doc_id is not None and doc_id in self.documents
        sentence_rows = self._sentence_rows(doc_id) if known and doc_id is not None else {}
        rows: list[tuple[object, ...]] = []
        links: list[tuple[int, int, str, int | None, int | None]] = []
        for s in statistics:
            record = StatisticRecord.from_statistic(s)
            sentence_id = section_id = None
            if known and structure is not None:
                found = structure.sentence_at(s.span[0])
                if found is not None:
                    sentence_id, section_id = sentence_rows.get(found.span[0], (None, None))
            statistic_id = self.counts["statistics"] + len(rows) + 1
            rows.append(
                (
                    statistic_id,
                    doc_id if known else None,
                    sentence_id,
                    section_id,
                    s.span[0],
                    s.span[1],
                    s.surface,
                    _sql_number(s.value),
                    str(s.value),
                    _sql_number(s.value_high) if s.value_high is not None else None,
                    str(s.value_high) if s.value_high is not None else None,
                    s.kind.value,
                    s.qualifier.value,
                    s.unit,
                    record.period_start,
                    record.period_end,
                    None if s.period is None else int(s.period.fiscal),
                    None if s.period is None else int(s.period.cumulative),
                    json.dumps(list(s.agency_ids), ensure_ascii=False),
                    s.pillar.value if s.pillar is not None else None,
                    " › ".join(s.section),
                    s.sentence,
                    s.cite(),
                    json.dumps(_unstructure_record(record), ensure_ascii=False),
                )
            )
            for position, agency in enumerate(s.agencies):
                span = s.agency_spans[position] if position < len(s.agency_spans) else None
                links.append((statistic_id, position, agency.id, _lo(span), _hi(span)))
        self.db.executemany(
            'INSERT INTO statistics (id, document_id, sentence_id, section_id, start, "end",'
            " surface, value, value_exact, value_high, value_high_exact, kind, qualifier, unit,"
            " period_start, period_end, fiscal, cumulative, agencies, pillar, section, sentence,"
            " citation, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self.counts["statistics"] += len(rows)
        self.db.executemany(
            'INSERT INTO statistic_agencies (statistic_id, position, agency_id, start, "end")'
            " VALUES (?, ?, ?, ?, ?)",
            links,
        )
        self.counts["statistic_agencies"] += len(links)

    def metadata(self, database: str) -> dict[str, object]:
        """The Datasette metadata of what was written."""
        return _datasette_metadata(
            self.counts["documents"],
            self.titles,
            "; ".join(self.sources),
            database,
            full_text=self.full_text,
        )


def _datasette_metadata(
    documents: int, titles: Sequence[str], sources: str, database: str, *, full_text: bool
) -> dict[str, object]:
    tables: dict[str, object] = {}
    for table, description in _TABLE_DESCRIPTIONS.items():
        entry: dict[str, object] = {"description": description}
        if table in _COLUMN_DESCRIPTIONS:
            entry["columns"] = _COLUMN_DESCRIPTIONS[table]
        if table == "sentences" and full_text:
            entry["fts_table"] = "sentences_fts"
            entry["fts_pk"] = "id"
        tables[table] = entry
    return {
        "title": "tipcorpus: statistics from reports on combating trafficking in persons",
        "description": (
            f"{documents} document{'s' if documents != 1 else ''} "
            f"({', '.join(titles[:5])}{', ...' if documents > 5 else ''}), their sentences, "
            "and the statistics found in them, each with the character offsets of its evidence."
        ),
        "source": sources[:1000] or "tipcorpus",
        "databases": {database: {"tables": tables}},
    }


def metadata_path(database: str | Path) -> Path:
    """Where :func:`to_sqlite` writes the Datasette metadata for ``database``.

    >>> metadata_path("out/tip.db").as_posix()
    'out/tip.metadata.json'
    """
    database = Path(database)
    return database.with_name(f"{database.stem}.metadata.json")


def to_sqlite(
    source: Corpus | Iterable[Statistic],
    path: str | Path,
    *,
    overwrite: bool = False,
    progress: Progress = False,
) -> SqliteExport:
    """Write documents, sections, sentences, agencies and statistics to an SQLite database.

    Tables: ``documents``, ``sections``, ``sentences``, ``statistics``, ``agencies`` and
    ``statistic_agencies``, with foreign keys and indexes, and an FTS5 full-text index
    ``sentences_fts`` over sentences (skipped, with a warning, when this SQLite lacks FTS5).
    A Datasette metadata file (title, descriptions, sources) is written beside the
    database as ``<stem>.metadata.json``; serve both with
    ``datasette serve tip.db -m tip.metadata.json``.

    The export streams: each document's rows (and its full-text entries) are inserted
    before the next document is read, in one transaction.
    A corpus is read and parsed one document at a time and keeps no parse, so it may be
    larger than memory; statistics are written as they are iterated, each document's
    rows when its first statistic comes.

    Args:
        source: a corpus (every document and statistic) or statistics (with the
            documents they come from).
        path: the database file.
        overwrite: replace the database and metadata file if they exist.
        progress: False (silent); True for a progress bar on stderr when it is a
            terminal; ``"always"`` for the bar even when it is not; or a
            :data:`ProgressCallback` called after each document.

    Returns:
        What was written.

    Raises:
        ExportError: a file exists and ``overwrite`` is False, or SQLite fails.

    .. versionchanged:: 0.1.0
       Streams document by document; ``progress`` added.

    """
    database = Path(path)
    metadata = metadata_path(database)
    with _atomic(database, metadata, overwrite=overwrite) as (tmp_db, tmp_meta):
        tmp_db.unlink()
        db = sqlite3.connect(tmp_db)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            full_text = _fts5_available(db)
            if not full_text:
                warnings.warn(
                    "this SQLite has no FTS5; the full-text index sentences_fts is left out",
                    TipcorpusWarning,
                    stacklevel=2,
                )
            db.executescript(_SCHEMA_SQL + (_FTS_SQL if full_text else ""))
            writer = _SqliteWriter(db, full_text=full_text)
            with db, _progress(progress, _documents_total(source), desc=database.name) as tell:
                for doc, statistics, structure in _parts(source, structure=True):
                    if doc is not None and doc.id not in writer.documents:
                        assert structure is not None  # asked for with structure=True
                        writer.add_document(doc, structure)
                    writer.add_statistics(
                        doc.id if doc is not None else None, structure, statistics
                    )
                    tell(len(statistics))
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ExportError(f"foreign keys broken in the export: {problems[:5]}")
        except sqlite3.Error as exc:
            raise ExportError(f"{database}: SQLite failed: {exc}") from exc
        finally:
            db.close()
        meta = writer.metadata(database.stem)
        tmp_meta.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return SqliteExport(
        database=database,
        metadata=metadata,
        full_text=full_text,
        counts=tuple(writer.counts.items()),
    )
