"""Figures in the style of TIP Report country narratives.

Comparisons in parentheses, "compared with" clauses, breakdowns that leave their unit
out, ranges of sentences.

The sentences are written for these tests in the genre's style (the figures are invented);
each row gives the surface of a figure and the unit head, period and whether it is a
statistic at all.
"""

from __future__ import annotations

import pytest

from tipcorpus import Corpus

NARRATIVE = (
    "PROSECUTION\n\n"
    "In 2019, the State Police investigated 34 cases involving 56 suspects (44 cases "
    "involving 51 suspects in 2018), prosecuted 28 defendants (33 in 2018), and convicted "
    "19 traffickers (22 in 2018). Courts issued sentences ranging from two to 15 years.\n\n"
    "PROTECTION\n\n"
    "The government and NGOs identified 96 victims of trafficking, compared with 95 in 2018. "
    "Of these, 72 were female and 24 male; 51 were children. The government allocated "
    "21.4 million lek ($197,000) to shelters, compared with 12.6 million lek ($116,000) in "
    "2018. Authorities granted residence permits to three foreign victims.\n"
)

#: (surface, occurrence, unit head or None for "not a statistic", period as text)
CASES = [
    pytest.param("34", 1, "cases", "2019", id="figure-before-a-parenthetical-comparison"),
    pytest.param("44", 1, "cases", "2018", id="figure-inside-the-parenthesis"),
    pytest.param("28", 1, "defendants", "2019", id="second-item-of-the-list"),
    pytest.param("33", 1, "defendants", "2018", id="elided-unit-inside-parenthesis"),
    pytest.param("two", 1, None, "", id="range-of-sentence-lengths-is-a-duration"),
    pytest.param("96", 1, "victims", "2019", id="compared-with-implies-the-next-year"),
    pytest.param("95", 1, "victims", "2018", id="the-base-of-the-comparison"),
    pytest.param("72", 1, "victims", "2019", id="of-these-takes-the-paragraph-unit"),
    pytest.param("24", 1, "victims", "2019", id="a-modifier-alone-is-no-unit"),
    pytest.param("21.4 million", 1, None, "", id="an-amount-in-lek-is-not-a-statistic"),
    pytest.param("$197,000", 1, "usd", "2019", id="dollar-equivalent-of-the-current-year"),
    pytest.param("three", 1, "victims", "2019", id="period-implied-by-the-previous-sentence"),
]


RELEASE = (
    "In 2016, the defendant forced a 15-year-old girl and girls as young as 13 into "
    "prostitution; he was sentenced to 20 years in prison and ordered to pay $1.2 million "
    "in restitution to 12 victims."
)


def test_ages_and_sentences_are_not_statistics() -> None:
    """Ages and prison terms in a case narrative are left out; amounts and counts stay."""
    corpus = Corpus.from_texts({"r": RELEASE}, metadata={"r": {"year": 2016}})
    assert [s.surface for s in corpus["r"].statistics] == ["$1.2 million", "12"]


ANNUAL_REPORT = (
    "IV. Prevention\n\n"
    "USAID has invested more than $300 million in over 80 countries since 2001. "
    "The Department of State's TIP Office awarded $21.6 million in grants to 49 "
    "organizations. The Blue Campaign trained 110,000 federal employees.\n"
)


def test_one_agency_running_total_does_not_date_another_agency() -> None:
    """A "since 2001" of USAID's total is not carried to the TIP Office's next figures."""
    corpus = Corpus.from_texts({"a": ANNUAL_REPORT}, metadata={"a": {"year": 2015}})
    got = [(s.surface, str(s.period or ""), s.agency_ids) for s in corpus["a"].statistics]
    assert got == [
        ("$300 million", "2001–2015", ("USAID",)),
        ("80", "2001–2015", ("USAID",)),
        ("$21.6 million", "", ("G/TIP",)),
        ("49", "", ("G/TIP",)),
        ("110,000", "", ("DHS",)),
    ]


def test_last_year_dates_the_figures_before_it() -> None:
    """Figures before "last year" ("$23 million to 16 task forces") date to the year before."""
    text = "The Department of Justice awarded $23 million to 16 task forces last year."
    corpus = Corpus.from_texts({"p": text}, metadata={"p": {"year": 2017}})
    got = [(s.surface, s.unit, str(s.period)) for s in corpus["p"].statistics]
    assert got == [("$23 million", "USD", "2016"), ("16", "task forces", "2016")]


@pytest.fixture(scope="module")
def document_statistics() -> dict[tuple[int, int], tuple[str, str]]:
    """The narrative's statistics by span: (unit, period)."""
    corpus = Corpus.from_texts({"n": NARRATIVE}, metadata={"n": {"year": 2019}})
    return {s.span: (s.unit.lower(), str(s.period or "")) for s in corpus["n"].statistics}


def _span(surface: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = NARRATIVE.index(surface, start + 1)
    return start, start + len(surface)


@pytest.mark.parametrize(("surface", "occurrence", "unit", "period"), CASES)
def test_narrative_figure(
    document_statistics: dict[tuple[int, int], tuple[str, str]],
    surface: str,
    occurrence: int,
    unit: str | None,
    period: str,
) -> None:
    """A narrative's figure has the unit and period its sentence gives it, or is no statistic."""
    found = document_statistics.get(_span(surface, occurrence))
    if unit is None:
        assert found is None
        return
    assert found is not None
    assert unit in found[0].split() or found[0] == unit
    assert found[1] == period
