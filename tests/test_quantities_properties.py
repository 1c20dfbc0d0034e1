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

from strategies import (
    all_scales,
    decimals,
    english,
    grouped,
    money_abbreviations,
    number_words,
    positive_amounts,
    scales,
    usd_codes,
    vague_words,
    whole_numbers,
)
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


@EXAMPLES
@given(value=positive_amounts, scale=all_scales, hyphen=st.booleans())
def test_any_digits_times_scale(value: int | Decimal, scale: tuple[str, int], hyphen: bool) -> None:
    """Digits of any size, whole or decimal, then a scale word: the product, one count."""
    word, factor = scale
    surface = f"{grouped(value)}{'-' if hyphen else ' '}{word}"
    (q,) = quantities(f"The office counted {surface} forms.")
    assert (q.surface, q.value, q.kind) == (surface, value * factor, Kind.COUNT)


@EXAMPLES
@given(value=positive_amounts, code=usd_codes, where=st.sampled_from(["before", "after", "glued"]))
def test_dollar_code_anywhere(value: int | Decimal, code: str, where: str) -> None:
    """A dollar code or word before, after or against the digits makes one money amount."""
    digits = grouped(value)
    if where == "glued" and " " in code:
        code = code.rsplit(maxsplit=1)[-1]
    surface = {"before": f"{code} {digits}", "after": f"{digits} {code}", "glued": digits + code}[
        where
    ]
    (q,) = quantities(f"a fee of {surface} per visa")
    assert (q.surface, q.value, q.kind) == (surface, Decimal(value), Kind.MONEY)


@EXAMPLES
@given(value=positive_amounts, abbreviation=money_abbreviations)
def test_abbreviated_scale_after_dollar_sign(
    value: int | Decimal, abbreviation: tuple[str, int]
) -> None:
    """``$5m``, ``$1.2bn``: an abbreviated scale against a dollar amount multiplies it."""
    letters, factor = abbreviation
    surface = f"${grouped(value)}{letters}"
    (q,) = quantities(f"a {surface} programme")
    assert (q.surface, q.value, q.kind) == (surface, Decimal(value) * factor, Kind.MONEY)


@EXAMPLES
@given(value=positive_amounts, letter=st.sampled_from(["k", "K", "m", "M", "b", "B"]))
def test_single_letter_without_dollar_is_no_scale(value: int | Decimal, letter: str) -> None:
    """Without a dollar, ``5m`` or ``10k`` may be a unit: no quantity is read."""
    assert quantities(f"a {grouped(value)}{letter} wall") == []


@EXAMPLES
@given(
    value=st.integers(min_value=1000, max_value=10**12),
    conjunction=st.booleans(),
    ampersand=st.booleans(),
)
def test_english_with_commas_read_back(value: int, conjunction: bool, ampersand: bool) -> None:
    """Words with a comma after each scale word and ``&`` for ``and`` are read as one count."""
    words = english(value, conjunction=conjunction, comma=True, ampersand=ampersand)
    (q,) = quantities(f"The hotline took {words} calls.")
    assert (q.surface, q.value) == (words, value)


@EXAMPLES
@given(hundred=st.booleans(), scale=all_scales, vague=vague_words)
def test_scale_words_without_number(hundred: bool, scale: tuple[str, int], vague: str) -> None:
    """A scale word with no number before it counts one of it; after a vague word, nothing."""
    word, value = scale
    if hundred and value > 100:  # "hundred thousand", "hundred million"
        word, value = f"hundred {word}", 100 * value
    (q,) = quantities(f"seized {word} dollars in cash")
    assert (q.surface, q.value, q.kind) == (f"{word} dollars", Decimal(value), Kind.MONEY)
    assert quantities(f"seized {vague} {word} dollars in cash") == []
