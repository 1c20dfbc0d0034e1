"""Tests for tipcorpus._text: lower-casing in pieces gives exactly ``str.lower``.

The property runs over text drawn by Hypothesis from the characters whose lower case
depends on their context or changes length (final sigma, dotted capital I, combining
marks, sharp s), with the piece size made tiny so that every text is cut many times.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipcorpus import _text

TRICKY = st.text(alphabet="ΣΑaς .'İ\u0301ßΩ\n-\u00ad1", max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=TRICKY, piece=st.integers(min_value=1, max_value=5))
def test_lower_in_pieces_is_lower(text: str, piece: int) -> None:
    """Whatever the piece size, the result is ``text.lower()``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_text, "_LOWER_PIECE", piece)
        assert _text.lower_in_pieces(text) == text.lower()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("HHS CERTIFIED 1,248 VICTIMS", id="ascii"),
        pytest.param("ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ", id="final-sigma"),
        pytest.param("İSTANBUL OFFICE", id="dotted-capital-i"),
    ],
)
def test_lower_in_pieces_examples(text: str) -> None:
    """Everyday and tricky texts lower-case as ``str.lower`` does."""
    assert _text.lower_in_pieces(text * 40_000) == (text * 40_000).lower()
