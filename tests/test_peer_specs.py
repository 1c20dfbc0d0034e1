"""Score :func:`tipcorpus.quantities.quantities` on other projects' test cases.

The cases are tests/data/peer_specs.jsonl, a copy of the development half of the peer
specifications converted from microsoft/Recognizers-Text (MIT,
tests/data/LICENSE.Recognizers-Text.txt) and nielstron/quantulum3 (MIT,
tests/data/LICENSE.quantulum3.txt). Each case lists the mentions to find (``expected``),
the kinds its source annotated exhaustively (``scope``), stretches that are neither
credited nor blamed (``ignore``) and amounts that are not U.S. dollars (``negatives``).

The scorer here is a small copy of the project's ``score_specs.py`` rules: a mention is
found when a prediction overlaps it (one prediction per mention, equal spans first, then
the largest overlap); a prediction that matches nothing is a false positive unless it
overlaps an ``ignore`` stretch or its kind is outside the case's scope.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from attrs import define, field

from tipcorpus.model import Kind, Quantity
from tipcorpus.quantities import quantities

CASES_PATH = Path(__file__).resolve().parent / "data" / "peer_specs.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines() if line
]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@define
class Tally:
    """Counts over all cases."""

    expected: int = 0
    found: int = 0
    exact: int = 0
    value_ok: int = 0
    kind_ok: int = 0
    false_positives: list[str] = field(factory=list)
    foreign_as_money: list[str] = field(factory=list)


def score(case: dict[str, Any], predicted: list[Quantity], tally: Tally) -> None:
    """Add one case's matches and errors to ``tally``."""
    gold = case["expected"]
    pairs = sorted(
        (p.span != (g["start"], g["end"]), -_overlap((g["start"], g["end"]), p.span), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(predicted)
        if _overlap((g["start"], g["end"]), p.span)
    )
    g_match: dict[int, int] = {}
    p_match: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi not in g_match and pi not in p_match:
            g_match[gi] = pi
            p_match.add(pi)
    tally.expected += len(gold)
    for gi, g in enumerate(gold):
        if gi not in g_match:
            continue
        p = predicted[g_match[gi]]
        tally.found += 1
        tally.exact += p.span == (g["start"], g["end"])
        tally.value_ok += Decimal(p.value) == Decimal(str(g["value"]))
        tally.kind_ok += str(p.kind) == g["kind"]
    ignore = [(i["start"], i["end"]) for i in case["ignore"]]
    for pi, p in enumerate(predicted):
        where = f"{case['source']}#{case['id']}: {p.surface!r}"
        if p.kind is Kind.MONEY and any(
            _overlap(p.span, (n["start"], n["end"])) for n in case["negatives"]
        ):
            tally.foreign_as_money.append(where)
        if pi in p_match or any(_overlap(p.span, span) for span in ignore):
            continue
        if str(p.kind) in case["scope"]:
            tally.false_positives.append(where)


@pytest.fixture(scope="module")
def tally() -> Tally:
    """Score every case once for the module."""
    result = Tally()
    for case in CASES:
        score(case, quantities(case["text"]), result)
    return result


def test_recall_overlap(tally: Tally) -> None:
    """At least 97 % of the expected mentions are found (any overlap)."""
    assert tally.found / tally.expected >= 0.97


def test_recall_exact(tally: Tally) -> None:
    """At least 93 % of the expected mentions are found with exactly their span."""
    assert tally.exact / tally.expected >= 0.93


def test_value_accuracy(tally: Tally) -> None:
    """At least 98 % of the found mentions have the right value."""
    assert tally.value_ok / tally.found >= 0.98


def test_kind_accuracy(tally: Tally) -> None:
    """At least 98 % of the found mentions have the right kind."""
    assert tally.kind_ok / tally.found >= 0.98


def test_no_foreign_amount_is_money(tally: Tally) -> None:
    """No amount in another currency is reported as U.S. dollars."""
    assert tally.foreign_as_money == []


NEGATIVE_CASES = [c for c in CASES if not c["expected"]]


@pytest.mark.parametrize(
    "case", NEGATIVE_CASES, ids=[f"{c['source']}#{c['id']}" for c in NEGATIVE_CASES]
)
def test_negative_cases_yield_nothing_in_scope(case: dict[str, Any]) -> None:
    """A case that expects nothing gets no prediction of a kind its source annotated."""
    ignore = [(i["start"], i["end"]) for i in case["ignore"]]
    wrong = [
        q.surface
        for q in quantities(case["text"])
        if str(q.kind) in case["scope"] and not any(_overlap(q.span, s) for s in ignore)
    ]
    assert wrong == []


def test_no_false_positives(tally: Tally) -> None:
    """No prediction in scope matches nothing."""
    assert tally.false_positives == []
