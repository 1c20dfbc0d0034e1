"""Records and exports of statistics, through one cattrs converter.

A record is a flat dict of JSON-ready values (see :data:`RECORD_SCHEMA_VERSION`):
Decimal values as strings, enums as their values, agencies as ids, the document as
its id, spans as two integers.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import cattrs

from tipcorpus.model import Agency, Kind, Period, Pillar, Qualifier, Statistic

__all__ = ["RECORD_SCHEMA_VERSION", "converter", "to_records"]

RECORD_SCHEMA_VERSION = 1
"""Bumped whenever a record field is added, removed or changes meaning."""


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

    def statistic(s: Statistic) -> dict[str, object]:
        return {
            "schema": RECORD_SCHEMA_VERSION,
            "document": s.document_id,
            "start": s.span[0],
            "end": s.span[1],
            "surface": s.surface,
            "value": conv.unstructure(s.value),
            "value_high": conv.unstructure(s.value_high),
            "kind": s.kind.value,
            "qualifier": s.qualifier.value,
            "unit": s.unit,
            "period_start": s.period.start if s.period is not None else None,
            "period_end": s.period.end if s.period is not None else None,
            "fiscal": s.period.fiscal if s.period is not None else None,
            "agencies": list(s.agency_ids),
            "pillar": s.pillar.value if s.pillar is not None else None,
            "section": list(s.section),
            "sentence": s.sentence,
        }

    conv.register_unstructure_hook(Statistic, statistic)
    return conv


converter = _make_converter()
"""The converter that owns serialisation of tipcorpus values."""


def to_records(statistics: Iterable[Statistic]) -> list[dict[str, object]]:
    """Statistics as flat, JSON-ready dicts.

    >>> from tipcorpus import Corpus
    >>> corpus = Corpus.from_texts({"x": "In FY 2007, HHS certified 1,248 victims."})
    >>> rec = corpus.statistics().to_records()[0]
    >>> rec["value"], rec["unit"], rec["period_end"], rec["agencies"]
    (1248, 'victims', 2007, ['HHS'])
    """
    out: list[dict[str, object]] = []
    for s in statistics:
        record = converter.unstructure(s, Statistic)
        out.append(record)
    return out
