"""Small text helpers shared by the recognisers."""

from __future__ import annotations

__all__ = ["lower_in_pieces"]

#: Characters lower-cased at once: ``str.lower`` needs a working buffer of 12 bytes each.
_LOWER_PIECE = 1 << 16


def lower_in_pieces(text: str) -> str:
    """``text.lower()``, computed piece by piece to bound ``str.lower``'s working memory.

    On text that is not pure ASCII, ``str.lower`` allocates 12 bytes per character
    before it builds its result; for a report of several megabytes that is the peak of
    the whole pipeline. Pieces are cut just before a space, where the context of a final
    sigma ends, so the result is exactly ``text.lower()``.

    >>> lower_in_pieces("ΟΔΟΣ HHS") == "ΟΔΟΣ HHS".lower()
    True
    """
    if len(text) <= _LOWER_PIECE or text.isascii():
        return text.lower()
    parts: list[str] = []
    start, n = 0, len(text)
    while start < n:
        cut = text.find(" ", start + _LOWER_PIECE)
        if cut == -1:
            cut = n
        parts.append(text[start:cut].lower())
        start = cut
    return "".join(parts)
