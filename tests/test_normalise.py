"""Tests for tipcorpus.normalise: the shadow text the recognisers read, and its map back.

The character cases are those that text copied out of PDFs, word processors and web pages
brings into U.S. government reports: no-break and thin spaces, dashes and the minus sign,
curly quotes, full-width forms, soft hyphens, zero-width and bidirectional marks,
ligatures and control characters.
The properties are checked with Hypothesis over arbitrary text with such characters
inserted.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tipcorpus.normalise import Shadow, normalise
from tipcorpus.quantities import quantities

#: Characters the shadow deletes.
DELETED = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202c\u2066\u2069"

#: Characters the shadow replaces, one for one.
SUBSTITUTED = "\u00a0\u2009\u202f\u2013\u2014\u2212\u2018\u2019\u201c\u201d\uff11\x00\x07\u2028"

#: Characters the shadow expands.
EXPANDED = "\ufb00\ufb01\ufb02\ufb03\ufb04"

#: Text the shadow leaves alone: letters, digits, ASCII punctuation and blank space.
plain_text = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_characters=DELETED + SUBSTITUTED + EXPANDED,
    ).filter(lambda ch: normalise(ch).identity),
    max_size=60,
)

#: Any text, with characters of every changed class mixed in.
odd_text = st.lists(
    st.one_of(
        st.text(max_size=8),
        st.sampled_from(DELETED),
        st.sampled_from(SUBSTITUTED),
        st.sampled_from(EXPANDED),
    ),
    max_size=30,
).map("".join)


#: Digits fused to a lower-case word or a number's last group: maybe a footnote mark.
FUSED = re.compile(r"[a-z][^\w\s]{0,2}\d|\d,\d{4}")


def _shadow_spans(shadow: Shadow) -> list[tuple[int, int]]:
    """Every span of a short shadow text."""
    n = len(shadow.text)
    return [(a, b) for a in range(n + 1) for b in range(a, n + 1)]


NORMALISE_CASES = [
    pytest.param("1,248\u00a0victims", "1,248 victims", id="no-break-space"),
    pytest.param("1\u2009248 victims", "1,248 victims", id="thin-space-thousands"),
    pytest.param("12\u202f345\u202f678", "12,345,678", id="narrow-nbsp-thousands"),
    pytest.param("in 2003\u20092004", "in 2003 2004", id="thin-space-between-years"),
    pytest.param("2001\u20132004", "2001-2004", id="en-dash"),
    pytest.param("victims\u2014including", "victims-including", id="em-dash"),
    pytest.param("\u22125 percent", "-5 percent", id="minus-sign"),
    pytest.param("\u201cT visas\u201d", '"T visas"', id="curly-double-quotes"),
    pytest.param("HHS\u2019s", "HHS's", id="curly-apostrophe"),
    pytest.param("\uff26\uff39 \uff12\uff10\uff10\uff17", "FY 2007", id="full-width"),
    pytest.param("\uff11\uff0c\uff12\uff14\uff18", "1,248", id="full-width-comma"),
    pytest.param("traf\u00adficking", "trafficking", id="soft-hyphen"),
    pytest.param("H\u200bH\u200cS\u200d\u2060", "HHS", id="zero-width"),
    pytest.param("\ufeffTIP \ufeffReport", "TIP Report", id="byte-order-mark-inside"),
    pytest.param("\u200fDOJ\u200e", "DOJ", id="bidi-marks"),
    pytest.param("certi\ufb01ed tra\ufb03cking", "certified trafficking", id="ligatures"),
    pytest.param("a\x00b\x07c\x7fd\x9be", "a b c d e", id="control-characters"),
    pytest.param("a\tb\nc\rd\x0be\x0cf", "a\tb\nc\rd\x0be\x0cf", id="blank-controls-kept"),
    pytest.param("line\u2028next\u2029para", "line\nnext\npara", id="line-separators"),
    pytest.param("1,248\u00b9 victims", "1,248\u00b9 victims", id="superscript-footnote-kept"),
    pytest.param("caf\u00e9 \u00bd", "caf\u00e9 \u00bd", id="other-non-ascii-kept"),
]

#: Footnote marks a PDF converter fuses to the text (the mark becomes spaces), and
#: look-alikes that are not marks.
FOOTNOTE_CASES = [
    pytest.param("138 traffickers,14 compared", "traffickers,   compared", id="after-comma"),
    pytest.param("for their family members.2\nIn", "members. \nIn", id="after-full-stop"),
    pytest.param("identified 42 victims14 in", "victims   in", id="after-word"),
    pytest.param('the "T visa."12 The', '"T visa."   The', id="after-quote-and-stop"),
    pytest.param("opened 1,2473 investigations", "1,247  investigations", id="overruns-group"),
    pytest.param("spent $1,234,56712 on", "$1,234,567   on", id="overruns-last-group"),
    pytest.param("the 2000 Act.3 It", "Act.  It", id="after-capitalised-word"),
    pytest.param("charged in FY 2006.2 The", "FY 2006.  The", id="after-a-year"),
    pytest.param("grew to 2006.2 million", "2006.2 million", id="decimal-after-year-kept"),
    pytest.param("in FY2011 and FY 2012", "in FY2011 and FY 2012", id="fiscal-year-kept"),
    pytest.param("1,247,365 victims", "1,247,365 victims", id="grouped-number-kept"),
    pytest.param("$2.5 million", "$2.5 million", id="decimal-kept"),
    pytest.param("the G8 and H-2B visas", "the G8 and H-2B visas", id="codes-kept"),
    pytest.param("Tier 2 ranking", "Tier 2 ranking", id="spaced-number-kept"),
    pytest.param("see page 12.", "see page 12.", id="number-at-sentence-end-kept"),
    pytest.param("mp3 files", "mp3 files", id="two-letter-word-kept"),
    pytest.param("at 5 p.m.", "at 5 p.m.", id="abbreviation-kept"),
    pytest.param("1,2345.6 tons", "1,2345.6 tons", id="malformed-decimal-kept"),
]


@pytest.mark.parametrize(("original", "shadow"), NORMALISE_CASES)
def test_normalise_text(original: str, shadow: str) -> None:
    """Each odd character becomes its plain form in the shadow, and nothing else changes."""
    result = normalise(original)
    assert result.text == shadow
    assert result.original == original
    assert result.identity == (original == shadow)


SPAN_CASES = [
    pytest.param("of 1,2\u00ad48 victims", "1,248", "1,2\u00ad48", id="soft-hyphen-inside-number"),
    pytest.param("of \u00ad1,248\u00ad victims", "1,248", "1,248", id="soft-hyphens-around"),
    pytest.param("the tra\ufb03cking act", "trafficking", "tra\ufb03cking", id="ligature-inside"),
    pytest.param("the tra\ufb03c", "f", "\ufb03", id="part-of-a-ligature"),
    pytest.param("x\u200b\u200b\u200by 7", "y 7", "y 7", id="consecutive-deletions"),
    pytest.param("\ufb00\ufb00 99", "fff 99", "\ufb00\ufb00 99", id="ligatures-before-target"),
    pytest.param("1\u2009248 and 5", "1,248", "1\u2009248", id="thin-space-number"),
]


#: Words and figures a hard wrap broke, as the shadow mends them.
LINE_JOIN_CASES = [
    pytest.param("certified 1,\n862 victims", "certified 1,862 victims", id="group-on-next-line"),
    pytest.param("spent $12,345,\n678 on", "spent $12,345,678 on", id="last-group-next-line"),
    pytest.param("In 2007,\n412 victims", "In 2007,\n412 victims", id="year-then-count-kept"),
    pytest.param("ages 5, 6,\n7 and 8", "ages 5, 6,\n7 and 8", id="list-kept"),
    pytest.param(
        "issued letters and let-\nters", "issued letters and letters", id="word-seen-whole"
    ),
    pytest.param("$74 mil-\nlion", "$74 million", id="scale-word"),
    pytest.param("33 train-\nings for", "33 trainings for", id="syllable-cut"),
    pytest.param("36 anti-\ntrafficking projects", "36 anti-\ntrafficking", id="prefix-kept"),
    pytest.param(
        "government-\nfunded; the government funded", "government-\nfunded", id="two-words-kept"
    ),
    pytest.param("the U.S.-\nMexico border", "the U.S.-\nMexico", id="capital-after-kept"),
    pytest.param("- 12 -\n- next item", "- 12 -\n- next item", id="dashes-kept"),
]


@pytest.mark.parametrize(("original", "expected"), LINE_JOIN_CASES)
def test_line_joins(original: str, expected: str) -> None:
    """A figure or word cut by a hard wrap is made whole; compounds and lists are kept."""
    shadow = normalise(original)
    assert expected in shadow.text
    for a in range(len(shadow.text) + 1):
        start, _ = shadow.to_original((a, a))
        assert shadow.to_shadow((start, start))[0] == a


def test_joined_figure_cites_the_original() -> None:
    """A figure joined across a line break is cited with the break, in the original text."""
    from tipcorpus import Corpus

    text = "In FY 2012, HHS certified 1,\n862 victims and spent $74 mil-\nlion on them.\n"
    stats = Corpus.from_texts({"r": text})["r"].statistics
    assert [(s.surface, s.value) for s in stats] == [
        ("1,\n862", 1862),
        ("$74 mil-\nlion", 74000000),
    ]
    assert all(text[s.span[0] : s.span[1]] == s.surface for s in stats)


@settings(max_examples=100, deadline=None)
@given(odd_text)
def test_to_shadow_inverts_to_original(original: str) -> None:
    """Mapping a shadow offset to the original and back gives the same offset."""
    shadow = normalise(original.replace("x", "-\n"))
    for a in range(len(shadow.text) + 1):
        start, _ = shadow.to_original((a, a))
        assert shadow.to_shadow((start, start))[0] <= a


@pytest.mark.parametrize(("original", "expected"), FOOTNOTE_CASES)
def test_footnote_marks_become_spaces(original: str, expected: str) -> None:
    """A fused footnote mark reads as blank space, offsets one to one; look-alikes stay."""
    shadow = normalise(original)
    assert expected in shadow.text
    assert len(shadow.text) == len(original)
    assert shadow.to_original((0, len(original))) == (0, len(original))


def test_footnote_mark_does_not_reach_the_statistics() -> None:
    """A number with a mark fused to it is read without the mark and cited in the original."""
    from tipcorpus import Corpus

    text = (
        "In FY 2011, DHS opened 1,2473 investigations and the Department of Justice\n"
        "convicted 138 traffickers,14 compared with 151 in FY 2010.\n"
    )
    stats = Corpus.from_texts({"r": text})["r"].statistics
    assert [(s.surface, s.value, s.unit) for s in stats] == [
        ("1,247", 1247, "investigations"),
        ("138", 138, "traffickers"),
        ("151", 151, "traffickers"),
    ]
    assert all(text[s.span[0] : s.span[1]] == s.surface for s in stats)


@settings(max_examples=200, deadline=None)
@given(
    word=st.from_regex(r"[a-z]{3,9}", fullmatch=True),
    closer=st.sampled_from(["", ",", ".", '."', ")"]),
    mark=st.integers(min_value=1, max_value=999),
    value=st.integers(min_value=0, max_value=10**9),
)
def test_marks_blanked_and_numbers_kept(word: str, closer: str, mark: int, value: int) -> None:
    """A mark after any lower-case word is blanked; a number written after a space is kept."""
    original = f"{value:,} {word}{closer}{mark} next"
    shadow = normalise(original)
    assert shadow.text == f"{value:,} {word}{closer}{' ' * len(str(mark))} next"


@pytest.mark.parametrize(("original", "target", "evidence"), SPAN_CASES)
def test_to_original_covers_the_evidence(original: str, target: str, evidence: str) -> None:
    """A span of the shadow maps to exactly the original characters it was made from."""
    shadow = normalise(original)
    start = shadow.text.rindex(target)
    a, b = shadow.to_original((start, start + len(target)))
    assert original[a:b] == evidence


def test_to_original_empty_span_at_end() -> None:
    """An empty span at the end of the shadow maps to the end of the original."""
    shadow = normalise("ab\u00ad\u00ad")
    assert shadow.to_original((2, 2)) == (4, 4)
    assert shadow.to_original((0, 2)) == (0, 2)


@pytest.mark.parametrize("span", [(-1, 2), (3, 2), (0, 99)], ids=["negative", "reversed", "long"])
def test_to_original_rejects_spans_outside(span: tuple[int, int]) -> None:
    """A span that is not within the shadow text is a ValueError naming it."""
    with pytest.raises(ValueError, match=r"not within the shadow text of length 5"):
        normalise("a\u00adbcde").to_original(span)


def test_remap_quantity() -> None:
    """Remapping maps a mention's span and qualifier span and re-reads its surface."""
    original = "In FY\u00a02007, about 1,\u00ad248 victims."
    shadow = normalise(original)
    [found] = quantities(shadow.text)
    mapped = shadow.remap(found)
    assert original[mapped.span[0] : mapped.span[1]] == mapped.surface == "1,\u00ad248"
    assert mapped.qualifier_span is not None
    assert original[mapped.qualifier_span[0] : mapped.qualifier_span[1]] == "about"
    assert (mapped.value, mapped.kind, mapped.qualifier) == (
        found.value,
        found.kind,
        found.qualifier,
    )


def test_remap_identity_returns_the_mention() -> None:
    """On an identity shadow remap hands the mention back unchanged."""
    shadow = normalise("In FY 2007, 1,248 victims.")
    [found] = quantities(shadow.text)
    assert shadow.remap(found) is found


def test_shadows_compare_by_text() -> None:
    """Shadows of the same text are equal and hash alike."""
    assert normalise("1,\u00ad248") == normalise("1,\u00ad248")
    assert hash(normalise("1,\u00ad248")) == hash(normalise("1,\u00ad248"))


@settings(max_examples=100, deadline=None)
@given(odd_text)
def test_to_original_monotone_and_in_bounds(original: str) -> None:
    """Mapped spans lie within the original, in order, and never cross."""
    shadow = normalise(original)
    previous = (0, 0)
    for a in range(len(shadow.text) + 1):
        start, end = shadow.to_original((a, a))
        assert 0 <= start == end <= len(original)
        assert start >= previous[0]
        previous = (start, end)
    for a, b in _shadow_spans(shadow)[:400]:
        start, end = shadow.to_original((a, b))
        assert 0 <= start <= end <= len(original)
        if b < len(shadow.text):
            assert shadow.to_original((a, b + 1))[1] >= end
        if a < b:
            assert shadow.to_original((a + 1, b))[0] >= start


@settings(max_examples=100, deadline=None)
@given(odd_text)
def test_each_shadow_character_maps_to_its_source(original: str) -> None:
    """Each shadow character is the normalised form of the original characters it maps to."""
    shadow = normalise(original)
    for a in range(len(shadow.text)):
        start, end = shadow.to_original((a, a + 1))
        source = original[start:end]
        # A footnote mark fused to the word before it reads as a space.
        blanked_mark = shadow.text[a] == " " and source.isdigit()
        assert shadow.text[a] in normalise(source).text or blanked_mark


@settings(max_examples=100, deadline=None)
@given(plain_text)
def test_identity_when_nothing_changes(original: str) -> None:
    """Text with nothing to change gives an identity shadow whose map is the identity."""
    assume(FUSED.search(original) is None)
    shadow = normalise(original)
    assert shadow.identity
    assert shadow.text == original
    for span in _shadow_spans(shadow)[:200]:
        assert shadow.to_original(span) == span


@settings(max_examples=100, deadline=None)
@given(
    before=plain_text,
    after=plain_text,
    inserts=st.lists(st.sampled_from(DELETED), min_size=1, max_size=4),
    positions=st.lists(st.integers(min_value=0, max_value=5), min_size=4, max_size=4),
)
def test_quantities_on_shadow_map_back(
    before: str, after: str, inserts: list[str], positions: list[int]
) -> None:
    """Quantities in the shadow map back to evidence equal to them but for deleted characters."""
    number = list("1,248")
    for char, pos in zip(inserts, positions, strict=False):
        number.insert(pos, char)
    original = f"{before}\nof {''.join(number)} victims\n{after}"
    shadow = normalise(original)
    found = quantities(shadow.text)
    assert any(q.surface == "1,248" and q.value == 1248 for q in found)
    for q in found:
        start, end = shadow.to_original(q.span)
        evidence = original[start:end]
        assert "".join(ch for ch in evidence if ch not in DELETED) == q.surface
        assert shadow.remap(q).surface == evidence


def test_remap_statistic_spans_and_texts() -> None:
    """Remapping a statistic maps every span, span tuple and text field to the original."""
    from tipcorpus import Corpus

    original = "In FY\u00a02007, the Depart\u00adment of Justice charged 1,2\u00ad48 defendants."
    shadow = normalise(original)
    [found] = Corpus.from_texts({"x": shadow.text})["x"].statistics
    mapped = shadow.remap(found)
    assert mapped.surface == original[mapped.span[0] : mapped.span[1]] == "1,2\u00ad48"
    assert mapped.sentence == original[mapped.sentence_span[0] : mapped.sentence_span[1]]
    assert mapped.sentence == original
    assert [original[a:b] for a, b in mapped.agency_spans] == ["Depart\u00adment of Justice"]
    assert (mapped.value, mapped.unit, mapped.agency_ids) == (1248, "defendants", ("DOJ",))
