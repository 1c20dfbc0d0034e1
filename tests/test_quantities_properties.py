"""Property tests for :func:`tipcorpus.quantities.quantities`.

The inputs are generated (tests/strategies.py): numbers formatted with thousands
separators, scale words, dollar signs and ``percent``; integers rendered in English words
by a renderer written for the tests; and arbitrary text.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import decimals, english, grouped, number_words, scales, whole_numbers
from tipcorpus.model import Kind
from tipcorpus.quantities import quantities

EXAMPLES = settings(max_examples=200, deadline=None)


@EXAMPLES
@given(value=st.one_of(whole_numbers, decimals), scale=scales)
def test_grouped_counts_read_back(value: int | Decimal, scale: tuple[str, int]) -> None:
    """A grouped number with or without a scale word is read back exactly as a count."""
    word, factor = scale
    text = f"They reported {grouped(value)}{word} victims."
    (q,) = quantities(text)
    assert q.kind is Kind.COUNT
    assert q.value == value * factor
    assert q.surface == f"{grouped(value)}{word}"


@EXAMPLES
@given(value=st.one_of(whole_numbers, decimals), scale=scales)
def test_dollar_amounts_read_back(value: int | Decimal, scale: tuple[str, int]) -> None:
    """A dollar amount is read back exactly, as a ``Decimal`` of kind money."""
    word, factor = scale
    text = f"HHS awarded ${grouped(value)}{word} in grants."
    (q,) = quantities(text)
    assert q.kind is Kind.MONEY
    assert isinstance(q.value, Decimal)
    assert q.value == Decimal(value) * factor


@EXAMPLES
@given(value=st.one_of(st.integers(min_value=0, max_value=10**6), decimals))
def test_percentages_read_back(value: int | Decimal) -> None:
    """``N percent`` is read back as a percentage of value N."""
    text = f"an increase of {grouped(value)} percent in two years"
    q = quantities(text)[0]
    assert q.kind is Kind.PERCENT
    assert q.value == value
    assert q.surface == f"{grouped(value)} percent"


@EXAMPLES
@given(value=number_words, conjunction=st.booleans())
def test_english_words_read_back(value: int, conjunction: bool) -> None:
    """Any integer up to a trillion written in words is read back as one count."""
    words = english(value, conjunction=conjunction)
    (q,) = quantities(f"DOJ trained {words} officers")
    assert q.value == value
    assert q.surface == words


@EXAMPLES
@given(st.text())
def test_spans_slice_to_surface_in_order(text: str) -> None:
    """On any text: no error, spans slice to the surface, in order, without overlaps."""
    found = quantities(text)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.surface
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@EXAMPLES
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["$", "\\$", "%", "-", "–", " and ", " to ", ", ", "(", ")", "\n"]),
            st.sampled_from(["one", "hundred", "million", "a", "percent", "fold", "times"]),
            st.integers(min_value=0, max_value=10**7).map(str),
            st.just(" "),
        ),
        max_size=30,
    ).map("".join)
)
def test_number_like_text_never_raises(text: str) -> None:
    """Text made of number parts never raises and keeps the span invariant."""
    found = quantities(text)
    for q in found:
        assert text[q.start : q.end] == q.surface
        assert q.value_high is None or q.value <= q.value_high
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
