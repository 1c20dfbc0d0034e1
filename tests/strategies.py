"""Hypothesis strategies shared by the property tests.

``english`` renders integers in English words, independently of the recogniser's tables,
so that reading them back tests the number-word grammar against a second implementation.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = [(10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def _below_thousand(n: int, *, conjunction: bool) -> str:
    """Words for 1..999: ``one hundred and sixty-one``."""
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_UNITS[hundreds]} hundred")
    if rest:
        if hundreds and conjunction:
            parts.append("and")
        if rest < 20:
            parts.append(_UNITS[rest])
        else:
            tens, units = divmod(rest, 10)
            parts.append(_TENS[tens] + (f"-{_UNITS[units]}" if units else ""))
    return " ".join(parts)


def english(
    n: int, *, conjunction: bool = True, comma: bool = False, ampersand: bool = False
) -> str:
    """``n`` (0 ≤ n ≤ 10**12) in English words, British ``and`` after hundreds optional.

    ``comma`` writes a comma after each scale word that more words follow
    (``three million, two hundred``); ``ampersand`` writes ``&`` for ``and``.
    """
    if n == 0:
        return "zero"
    parts = []
    for value, name in _SCALES:
        count, n = divmod(n, value)
        if count:
            parts.append(f"{_below_thousand(count, conjunction=conjunction)} {name}")
    if n:
        parts.append(_below_thousand(n, conjunction=conjunction))
    words = (", " if comma else " ").join(parts)
    return words.replace(" and ", " & ") if ampersand else words


def grouped(value: int | Decimal) -> str:
    """``value`` with thousands separators: ``1,674.5``."""
    if isinstance(value, int):
        return f"{value:,}"
    whole, _, fraction = f"{value:f}".partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


whole_numbers = st.integers(min_value=0, max_value=10**12)
"""Counts as the reports write them, up to a trillion."""

decimals = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2, allow_nan=False
).filter(lambda d: d != d.to_integral_value())
"""Non-whole amounts with two decimal places."""

scales = st.sampled_from([("", 1), (" million", 10**6), (" billion", 10**9), (" thousand", 10**3)])
"""A scale word after the digits, or none."""

number_words = st.integers(min_value=0, max_value=10**12)
"""Integers to render in words."""

all_scales = st.sampled_from(
    [("hundred", 100), ("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("dozen", 12)]
)
"""A scale word, hundred and dozen included, and its value."""

positive_amounts = st.one_of(
    st.integers(min_value=1, max_value=10**6),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2, allow_nan=False),
)
"""Positive numbers, whole or with two decimal places, to put before a scale word."""

usd_codes = st.sampled_from(["usd", "USD", "dollars", "US dollars"])
"""Ways to write U.S. dollars after or before the digits."""

money_abbreviations = st.sampled_from([("k", 10**3), ("K", 10**3), ("m", 10**6), ("M", 10**6),
                                       ("bn", 10**9), ("B", 10**9)])  # fmt: skip
"""Abbreviated scales written against the digits of a dollar amount."""

vague_words = st.sampled_from(["several", "a few", "many", "some few", "a couple", "numerous"])
"""Words that make a scale word written without a number vague."""
