"""Pillar cues: which of prosecution, protection, prevention and partnership a passage is about.

The cue phrases live in ``data/pillars.toml``.
Headings decide first (annotation-guideline.md: "the heading wins"); cue words
in the statistic's sentence decide otherwise.
"""

from __future__ import annotations

import functools
import tomllib
from collections import Counter
from collections.abc import Iterable
from importlib import resources

import regex

from tipcorpus.model import Pillar, PillarCue

__all__ = ["classify", "find_pillar_cues", "heading_pillar", "heading_pillars", "pillar_scores"]


def _phrase_pattern(phrase: str) -> str:
    """A regex for one cue phrase: word-start anchored, ``*`` allows a word ending."""
    stem = phrase.endswith("*")
    words = phrase.rstrip("*").split()
    body = r"[\s\-]+".join(regex.escape(w) for w in words)
    tail = r"[\w\-]*" if stem else r"(?![\w])"
    return rf"{body}{tail}"


@functools.cache
def _tables() -> tuple[regex.Pattern[str], dict[str, tuple[Pillar, int]], regex.Pattern[str]]:
    raw = tomllib.loads(
        resources.files("tipcorpus").joinpath("data/pillars.toml").read_text(encoding="utf-8")
    )
    cue_parts: list[str] = []
    groups: dict[str, tuple[Pillar, int]] = {}
    head_parts: list[str] = []
    for pillar in Pillar:
        table = raw[pillar.value]
        for weight, key in ((2, "strong"), (1, "weak")):
            for i, phrase in enumerate(table.get(key, [])):
                name = f"{pillar.name}_{key}_{i}"
                groups[name] = (pillar, weight)
                cue_parts.append(f"(?P<{name}>{_phrase_pattern(phrase)})")
        for i, phrase in enumerate(table.get("heading", [])):
            head_parts.append(f"(?P<{pillar.name}_h_{i}>{_phrase_pattern(phrase)})")
    for i, phrase in enumerate(raw["neutral"]["phrases"]):
        cue_parts.append(f"(?P<NEUTRAL_{i}>{_phrase_pattern(phrase)})")
    # Longer phrases first so that "victim services" wins over "services" (measured
    # without the group's name, which says nothing of the phrase).
    cue_parts.sort(key=lambda p: -len(p.split(">", 1)[1]))
    # One word-start test for all phrases: a look-behind per alternative is far slower.
    cues = regex.compile(r"(?<![\w])(?:" + "|".join(cue_parts) + ")", regex.IGNORECASE)
    heads = regex.compile(r"(?<![\w])(?:" + "|".join(head_parts) + ")", regex.IGNORECASE)
    return cues, groups, heads


def find_pillar_cues(text: str) -> list[PillarCue]:
    """Every pillar cue phrase in ``text``, in order, non-overlapping.

    >>> [(c.surface, c.pillar.value) for c in find_pillar_cues("HHS certified 1,248 victims.")]
    [('certified', 'protection')]
    """
    cues, groups, _ = _tables()
    out: list[PillarCue] = []
    # Words of a law's name ("Trafficking Victims Protection Act") are not cues.
    laws = [m.span() for m in _law_names().finditer(text)] if "Act" in text else []
    for m in cues.finditer(text):
        name = m.lastgroup
        if name is None or name.startswith("NEUTRAL") or any(a <= m.start() < b for a, b in laws):
            continue  # no group, a neutral phrase ("foreign assistance"), or a law's name
        pillar, weight = groups[name]
        out.append(PillarCue(pillar, m.span(), m.group(), weight))
    return out


@functools.cache
def _law_names() -> regex.Pattern[str]:
    return regex.compile(
        r"""(?:[A-Z][\w'’\-]*[^\S\n]+                  # a capitalised word,
               (?:(?:of|and|the|for|to|in)[^\S\n]+)?){1,8}  # with the small words of a title
            Act\b                                         # ... Act""",
        regex.VERBOSE,
    )


def pillar_scores(cues: Iterable[PillarCue]) -> Counter[Pillar]:
    """The summed cue weights per pillar."""
    scores: Counter[Pillar] = Counter()
    for cue in cues:
        scores[cue.pillar] += cue.weight
    return scores


def classify(text: str) -> Pillar | None:
    """The pillar whose cues weigh most in ``text``; None when there are none or a tie.

    >>> classify("ICE investigations led to over 300 convictions.")
    <Pillar.PROSECUTION: 'prosecution'>
    >>> classify("The office has 100 ongoing projects.") is None
    True
    """
    return _winner(pillar_scores(find_pillar_cues(text)))


def _winner(scores: Counter[Pillar]) -> Pillar | None:
    ranked = scores.most_common()
    if not ranked or ranked[0][1] <= 0:
        return None
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def heading_pillars(heading: str) -> frozenset[Pillar]:
    """The pillars a heading names.

    >>> sorted(p.value for p in heading_pillars("3Ps: Prosecution, Protection, and Prevention"))
    ['prevention', 'prosecution', 'protection']

    A neutral phrase names none: a programme of "technical cooperation", a table of "law
    enforcement statistics".

    >>> heading_pillars("Technical Cooperation Projects Awarded in FY 2012")
    frozenset()
    >>> heading_pillars("Maps (With Regional Law Enforcement Statistics)")
    frozenset()
    """
    cues, _, heads = _tables()
    # A neutral phrase ("Technical Cooperation", "Law Enforcement Statistics") names no
    # pillar in a heading either: its words are blanked before the heading words are read.
    for m in cues.finditer(heading):
        if m.lastgroup is not None and m.lastgroup.startswith("NEUTRAL"):
            heading = heading[: m.start()] + " " * (m.end() - m.start()) + heading[m.end() :]
    found: set[Pillar] = set()
    for m in heads.finditer(heading):
        name = m.lastgroup
        if name is not None:
            found.add(Pillar[name.split("_h_")[0]])
    return frozenset(found)


def heading_pillar(heading: str) -> Pillar | None:
    """The pillar a heading names when it names exactly one, else None.

    >>> heading_pillar("Prosecution: Identifying and Punishing Human Traffickers")
    <Pillar.PROSECUTION: 'prosecution'>
    >>> heading_pillar("3Ps: Prosecution, Protection, and Prevention") is None
    True
    """
    found = heading_pillars(heading)
    return next(iter(found)) if len(found) == 1 else None
