"""Records and exports of statistics: JSON, JSON Lines, CSV, pandas and SQLite.

One cattrs :data:`converter` owns serialisation.
A *record* is the flat, documented form of a :class:`~tipcorpus.Statistic`:
:class:`StatisticRecord` in Python, a dict of JSON-ready values in files.
Its fields, in order, are described by :data:`RECORD_FIELDS`; the layout has the
version :data:`RECORD_SCHEMA_VERSION`, written into every record as ``schema``.

How values are written:

* Numbers stay exact.
  A whole ``int`` is written as a JSON number; a ``Decimal`` as its exact string
  (``"3370000"``, ``"3.5"``), never as a binary float.
  Reading back, money is always a ``Decimal`` and any other kind is an ``int`` when the
  text is a whole number and a ``Decimal`` otherwise, as :mod:`tipcorpus.quantities`
  produces them; so ``Decimal("1.50")`` comes back as ``Decimal("1.50")``.
* Enums are written as their values (``"count"``, ``"protection"``).
* Agencies are written as their ids; the document as its id.
* Spans are two integer fields each (``start``/``end``, ``sentence_start``/``sentence_end``
  ...), so that every format, CSV and SQL included, can index ``document.text``.
* In CSV, lists are JSON arrays (``["HHS", "ICE"]``), booleans ``true``/``false`` and
  None the empty string.

File exports refuse to replace an existing file unless ``overwrite=True``
(:class:`~tipcorpus.ExportError`), and write through a temporary file so that a failed
export leaves no half-written file behind.
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
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cattrs
import regex
from attrs import frozen

from tipcorpus.errors import ExportError, MissingExtra, TipcorpusError, TipcorpusWarning
from tipcorpus.model import Agency, Kind, Number, Period, Pillar, Qualifier, Span, Statistic

if TYPE_CHECKING:
    # pandas is an optional extra; without it (or its stubs) DataFrame is Any to mypy.
    import pandas  # type: ignore[import-not-found, import-untyped, unused-ignore]

    from tipcorpus.corpus import Corpus
    from tipcorpus.document import Document

__all__ = [
    "RECORD_FIELDS",
    "RECORD_SCHEMA_VERSION",
    "RecordError",
    "SqliteExport",
    "StatisticRecord",
    "converter",
    "from_records",
    "metadata_path",
    "read_records",
    "to_csv",
    "to_json",
    "to_pandas",
    "to_records",
    "to_sqlite",
]

RECORD_SCHEMA_VERSION = 2
"""Bumped whenever a record field is added, removed or changes meaning.

Version 2 added the sub-spans (``sentence_start`` ... ``agency_spans``).
"""

RECORD_FIELDS: Mapping[str, str] = {
    "schema": "The record layout's version: RECORD_SCHEMA_VERSION when written.",
    "document": "The id of the document the figure comes from; null when unknown.",
    "start": "Offset of the first character of the number expression in the document text.",
    "end": "Offset just past the number expression: text[start:end] is the evidence.",
    "surface": "The number expression as written (text[start:end]), e.g. '$51 million'.",
    "value": "The number: an integer, or an exact decimal string ('3370000', '3.5').",
    "value_high": "The upper end of a range ('20 million to 30 million'); null otherwise.",
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
        raise ValueError(f"expected a number, got {raw!r}")
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int):
        return Decimal(raw) if kind is Kind.MONEY else raw
    if isinstance(raw, float):
        # A binary float has lost exactness already; take its shortest decimal form.
        text = repr(raw)
        if kind is not Kind.MONEY and raw.is_integer():
            return int(raw)
    elif isinstance(raw, str):
        text = raw.strip()
    else:
        raise ValueError(f"expected a number, got {raw!r}")
    if kind is not Kind.MONEY and _whole_number_re().fullmatch(text):
        return int(text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {raw!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite number: {raw!r}")
    return number


def _read_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str) and raw.strip().lower() in ("true", "1", "false", "0"):
        return raw.strip().lower() in ("true", "1")
    raise ValueError(f"expected true or false, got {raw!r}")


def _read_list(raw: object) -> list[Any]:
    if isinstance(raw, str):
        raw = json.loads(raw) if raw.strip() else []
    if not isinstance(raw, (list, tuple)):
        raise ValueError(f"expected a list, got {raw!r}")
    return list(raw)


def _read_int(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError(f"expected an integer, got {raw!r}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and _whole_number_re().fullmatch(raw.strip()):
        return int(raw)
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    raise ValueError(f"expected an integer, got {raw!r}")


def _read_str(raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueError(f"expected a string, got {raw!r}")
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
    unknown = sorted(set(map(str, data)) - set(RECORD_FIELDS))
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
        except (ValueError, TypeError) as exc:
            problems.append(f"field {name!r}: {exc}")

    read("schema", _read_int)
    schema = values.get("schema", RECORD_SCHEMA_VERSION)
    if schema != RECORD_SCHEMA_VERSION:
        problems.append(
            f"field 'schema': version {schema} is not {RECORD_SCHEMA_VERSION}, the version "
            "this tipcorpus reads"
        )
    read("kind", lambda v: Kind(str(v).strip().lower()))
    kind = values.get("kind")
    if isinstance(kind, Kind):
        read("value", lambda v: _read_number(v, kind))
        read("value_high", lambda v: _read_number(v, kind))
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


def _unstructure_record(record: StatisticRecord) -> dict[str, object]:
    return {name: _jsonable(getattr(record, name)) for name in RECORD_FIELDS}


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


def to_records(statistics: Iterable[Statistic]) -> list[dict[str, object]]:
    """Statistics as flat, JSON-ready dicts, with the fields of :data:`RECORD_FIELDS`.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"x": "In FY 2007, HHS certified 1,248 victims."})
    >>> rec = corpus.statistics().to_records()[0]
    >>> rec["value"], rec["unit"], rec["period_end"], rec["agencies"]
    (1248, 'victims', 2007, ['HHS'])
    """
    return [converter.unstructure(s, Statistic) for s in statistics]


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
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if suffix == ".json":
        data = json.loads(text)
        if not isinstance(data, list):
            raise ExportError(f"{path}: expected a JSON array of records")
        return from_records(data)
    if suffix in (".jsonl", ".ndjson"):
        return from_records(json.loads(line) for line in text.splitlines() if line.strip())
    if suffix == ".csv":
        return from_records(csv.DictReader(io.StringIO(text, newline="")))
    raise ExportError(f"{path}: cannot tell the format from {suffix!r}; use .json, .jsonl or .csv")


# --------------------------------------------------------------------- files


@contextlib.contextmanager
def _atomic(path: Path, *, overwrite: bool) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it when the block succeeds."""
    if path.exists() and not overwrite:
        raise ExportError(f"{path} exists; pass overwrite=True to replace it")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent} is not a directory")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_text(path: str | Path, text: str, *, overwrite: bool) -> None:
    target = Path(path)
    with _atomic(target, overwrite=overwrite) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="")


def to_json(
    statistics: Iterable[Statistic],
    path: str | Path | None = None,
    *,
    lines: bool = False,
    overwrite: bool = False,
) -> str | None:
    """Statistics as a JSON array of records, or JSON Lines (one record a line).

    Args:
        statistics: what to write.
        path: the file to write (UTF-8); when None the text is returned instead.
        lines: write JSON Lines instead of one indented array.
        overwrite: replace ``path`` if it exists.

    Returns:
        The JSON text when ``path`` is None, else None.

    Raises:
        ExportError: ``path`` exists and ``overwrite`` is False.

    """
    records = to_records(statistics)
    if lines:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if path is None:
        return text
    _write_text(path, text, overwrite=overwrite)
    return None


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def to_csv(
    statistics: Iterable[Statistic],
    path: str | Path | None = None,
    *,
    overwrite: bool = False,
) -> str | None:
    """Statistics as CSV: a header of :data:`RECORD_FIELDS`, then one record a row.

    Lists are JSON arrays, booleans ``true``/``false``, None an empty cell.

    Args:
        statistics: what to write.
        path: the file to write (UTF-8); when None the text is returned instead.
        overwrite: replace ``path`` if it exists.

    Returns:
        The CSV text when ``path`` is None, else None.

    Raises:
        ExportError: ``path`` exists and ``overwrite`` is False.

    """
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(list(RECORD_FIELDS))
    for record in to_records(statistics):
        writer.writerow([_csv_cell(record[name]) for name in RECORD_FIELDS])
    if path is None:
        return buf.getvalue()
    _write_text(path, buf.getvalue(), overwrite=overwrite)
    return None


def to_pandas(statistics: Iterable[Statistic]) -> pandas.DataFrame:
    """Statistics as a pandas DataFrame, one row a statistic, columns of :data:`RECORD_FIELDS`.

    ``value`` and ``value_high`` keep their exact Python values (``int`` or ``Decimal``);
    use ``df["value"].astype(float)`` to plot them.
    ``kind``, ``qualifier`` and ``pillar`` are categoricals; years are nullable integers.

    Raises:
        MissingExtra: pandas is not installed (``pip install 'tipcorpus[pandas]'``).

    """
    try:
        import pandas as pd  # noqa: PLC0415  (optional extra)
    except ImportError:
        raise MissingExtra("to_pandas()", "pandas", "pandas") from None
    rows = [
        {name: getattr(r, name) for name in RECORD_FIELDS}
        for r in map(StatisticRecord.from_statistic, statistics)
    ]
    frame = pd.DataFrame(rows, columns=list(RECORD_FIELDS))
    for name in ("kind", "qualifier", "pillar"):
        frame[name] = frame[name].map(lambda e: None if e is None else e.value)
    frame["kind"] = pd.Categorical(frame["kind"], categories=[k.value for k in Kind])
    frame["qualifier"] = pd.Categorical(frame["qualifier"], categories=[q.value for q in Qualifier])
    frame["pillar"] = pd.Categorical(frame["pillar"], categories=[p.value for p in Pillar])
    for name in ("period_start", "period_end"):
        frame[name] = frame[name].astype("Int64")
    frame["value"] = frame["value"].astype(object)
    frame["value_high"] = frame["value_high"].astype(object)
    return frame


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
INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild');
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
    "statistics": {
        **{k: v for k, v in RECORD_FIELDS.items() if k not in ("schema", "document")},
        "document_id": "The document the figure comes from.",
        "sentence_id": "The sentence the figure stands in.",
        "section_id": "The section the figure stands in.",
        "value": "The number (approximate when fractional; see value_exact).",
        "value_exact": "The number exactly as a decimal string.",
        "value_high_exact": "The upper end of a range exactly, as a decimal string.",
        "cumulative": "1 for a figure counted up to period_end with no stated start.",
        "agencies": "Ids of the credited agencies, as a JSON array.",
        "section": "The heading path, joined by ' › '.",
        "citation": "A plain citation: document, issuer, year, section, character offsets.",
        "record": f"The full record (schema version {RECORD_SCHEMA_VERSION}) as JSON.",
    },
}


def _agency_rows(agencies: Iterable[Agency]) -> list[Agency]:
    """The agencies with all their parents, parents first, each once."""
    seen: dict[str, Agency] = {}
    for agency in agencies:
        for node in reversed(agency.lineage):
            seen.setdefault(node.id, node)
    return list(seen.values())


def _sql_number(value: Number) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _gather(source: Corpus | Iterable[Statistic]) -> tuple[list[Document], list[Statistic]]:
    from tipcorpus.corpus import Corpus  # noqa: PLC0415  (corpus imports this module lazily)

    if isinstance(source, Corpus):
        documents = list(source.documents)
        statistics = [s for d in documents for s in d.statistics]
        return documents, statistics
    statistics = list(source)
    by_id: dict[str, Document] = {}
    for s in statistics:
        if s.document is not None:
            by_id.setdefault(s.document.id, s.document)
    return list(by_id.values()), statistics


def _fts5_available(db: sqlite3.Connection) -> bool:
    try:
        db.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        db.execute("DROP TABLE temp._fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


def _fill(
    db: sqlite3.Connection, documents: Sequence[Document], statistics: Sequence[Statistic]
) -> dict[str, int]:
    counts = dict.fromkeys(_TABLE_DESCRIPTIONS, 0)
    sentence_ids: dict[tuple[str, int], int] = {}
    sentence_section: dict[int, int | None] = {}
    for doc in documents:
        db.execute(
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
        counts["documents"] += 1
        section_ids: list[int] = []
        open_: list[tuple[int, int]] = []  # (level, row id) of the sections still open
        for section in doc.sections:
            while open_ and open_[-1][0] >= section.level:
                open_.pop()
            cursor = db.execute(
                "INSERT INTO sections (document_id, position, parent_id, heading, level, path,"
                ' start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                (
                    doc.id,
                    section.index,
                    open_[-1][1] if open_ else None,
                    section.heading,
                    section.level,
                    " › ".join(section.path),
                    section.span[0],
                    section.span[1],
                ),
            )
            row_id = int(cursor.lastrowid or 0)
            section_ids.append(row_id)
            open_.append((section.level, row_id))
            counts["sections"] += 1
        blocks = doc.blocks
        for sentence in doc.sentences:
            block_section = blocks[sentence.block].section if sentence.block < len(blocks) else None
            section_id = section_ids[block_section] if block_section is not None else None
            cursor = db.execute(
                'INSERT INTO sentences (document_id, position, section_id, start, "end", text)'
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    sentence.index,
                    section_id,
                    sentence.span[0],
                    sentence.span[1],
                    sentence.text,
                ),
            )
            row_id = int(cursor.lastrowid or 0)
            sentence_ids[(doc.id, sentence.span[0])] = row_id
            sentence_section[row_id] = section_id
            counts["sentences"] += 1
    agencies = _agency_rows(a for s in statistics for a in s.agencies)
    for agency in agencies:
        db.execute(
            "INSERT INTO agencies (id, name, kind, parent_id, aliases) VALUES (?, ?, ?, ?, ?)",
            (
                agency.id,
                agency.name,
                agency.kind,
                agency.parent_id,
                json.dumps(list(agency.aliases), ensure_ascii=False),
            ),
        )
        counts["agencies"] += 1
    known_documents = {d.id for d in documents}
    for s in statistics:
        record = StatisticRecord.from_statistic(s)
        data = _unstructure_record(record)
        doc_id = s.document_id if s.document_id in known_documents else None
        sentence_id = None
        if doc_id is not None and s.document is not None:
            found = s.document.structure.sentence_at(s.span[0])
            if found is not None:
                sentence_id = sentence_ids.get((doc_id, found.span[0]))
        cursor = db.execute(
            'INSERT INTO statistics (document_id, sentence_id, section_id, start, "end", surface,'
            " value, value_exact, value_high, value_high_exact, kind, qualifier, unit,"
            " period_start, period_end, fiscal, cumulative, agencies, pillar, section, sentence,"
            " citation, record)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                sentence_id,
                sentence_section.get(sentence_id) if sentence_id is not None else None,
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
                json.dumps(data, ensure_ascii=False),
            ),
        )
        statistic_id = int(cursor.lastrowid or 0)
        counts["statistics"] += 1
        for position, agency in enumerate(s.agencies):
            span = s.agency_spans[position] if position < len(s.agency_spans) else None
            db.execute(
                'INSERT INTO statistic_agencies (statistic_id, position, agency_id, start, "end")'
                " VALUES (?, ?, ?, ?, ?)",
                (statistic_id, position, agency.id, _lo(span), _hi(span)),
            )
            counts["statistic_agencies"] += 1
    return counts


def _datasette_metadata(
    documents: Sequence[Document], database: str, *, full_text: bool
) -> dict[str, object]:
    titles = [d.title or d.id for d in documents]
    sources = "; ".join(d.source or d.title or d.id for d in documents)
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
            f"{len(documents)} document{'s' if len(documents) != 1 else ''} "
            f"({', '.join(titles[:5])}{', ...' if len(titles) > 5 else ''}), their sentences, "
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
) -> SqliteExport:
    """Write documents, sections, sentences, agencies and statistics to an SQLite database.

    Tables: ``documents``, ``sections``, ``sentences``, ``statistics``, ``agencies`` and
    ``statistic_agencies``, with foreign keys and indexes, and an FTS5 full-text index
    ``sentences_fts`` over sentences (skipped, with a warning, when this SQLite lacks FTS5).
    A Datasette metadata file (title, descriptions, sources) is written beside the
    database as ``<stem>.metadata.json``; serve both with
    ``datasette serve tip.db -m tip.metadata.json``.

    Args:
        source: a corpus (every document and statistic) or statistics (with the
            documents they come from).
        path: the database file.
        overwrite: replace the database and metadata file if they exist.

    Returns:
        What was written.

    Raises:
        ExportError: a file exists and ``overwrite`` is False, or SQLite fails.

    """
    database = Path(path)
    metadata = metadata_path(database)
    for target in (database, metadata):
        if target.exists() and not overwrite:
            raise ExportError(f"{target} exists; pass overwrite=True to replace it")
    documents, statistics = _gather(source)
    with (
        _atomic(database, overwrite=overwrite) as tmp_db,
        _atomic(metadata, overwrite=overwrite) as tmp_meta,
    ):
        tmp_db.unlink()
        db = sqlite3.connect(tmp_db)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            with db:
                db.executescript(_SCHEMA_SQL)
                counts = _fill(db, documents, statistics)
                full_text = _fts5_available(db)
                if full_text:
                    db.executescript(_FTS_SQL)
                else:
                    warnings.warn(
                        "this SQLite has no FTS5; the full-text index sentences_fts is left out",
                        TipcorpusWarning,
                        stacklevel=2,
                    )
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ExportError(f"foreign keys broken in the export: {problems[:5]}")
        except sqlite3.Error as exc:
            raise ExportError(f"{database}: SQLite failed: {exc}") from exc
        finally:
            db.close()
        meta = _datasette_metadata(documents, database.stem, full_text=full_text)
        tmp_meta.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return SqliteExport(
        database=database,
        metadata=metadata,
        full_text=full_text,
        counts=tuple(counts.items()),
    )
