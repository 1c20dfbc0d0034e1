"""StatisticSet and the views: filters, grouping, sums, display, quotes and citations.

Filter cases run over the bundled corpus and compare each filter with the same test
written out by hand over every statistic; the sum and display cases use small texts
written in the genre.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
import regex

from tipcorpus import (
    Corpus,
    FilterError,
    Statistic,
    StatisticSet,
    TipcorpusError,
    UnknownAgency,
    UnknownPillar,
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The bundled corpus, shared by this module."""
    return Corpus.default()


@pytest.fixture(scope="module")
def everything(corpus: Corpus) -> StatisticSet:
    """Every statistic of the bundled corpus."""
    return corpus.statistics()


def _ends(s: Statistic) -> int | None:
    return s.period.end if s.period is not None else None


def _within(s: Statistic, agency_id: str) -> bool:
    return any(a.is_within(agency_id) for a in s.agencies)


Predicate = Callable[[Statistic], bool]

FILTER_CASES = [
    pytest.param({"year": 2007}, lambda s: _ends(s) == 2007, id="year"),
    pytest.param({"year": "2007"}, lambda s: _ends(s) == 2007, id="year-as-string"),
    pytest.param(
        {"years": range(2001, 2004)}, lambda s: _ends(s) in {2001, 2002, 2003}, id="years"
    ),
    pytest.param(
        {"period_overlaps": (2003, 2004)},
        lambda s: (
            s.period is not None
            and (s.period.start if s.period.start is not None else s.period.end) <= 2004
            and s.period.end >= 2003
        ),
        id="period-overlaps",
    ),
    pytest.param({"fiscal": True}, lambda s: s.period is not None and s.period.fiscal, id="fiscal"),
    pytest.param(
        {"fiscal": False},
        lambda s: s.period is not None and not s.period.fiscal,
        id="calendar",
    ),
    pytest.param({"kind": "money"}, lambda s: s.kind.value == "money", id="kind"),
    pytest.param({"kind": "PERCENT"}, lambda s: s.kind.value == "percent", id="kind-any-case"),
    pytest.param(
        {"pillar": "protection"},
        lambda s: s.pillar is not None and s.pillar.value == "protection",
        id="pillar",
    ),
    pytest.param({"pillar": None}, lambda s: s.pillar is None, id="pillar-none"),
    pytest.param({"agency": "DOJ"}, lambda s: _within(s, "DOJ"), id="agency-with-components"),
    pytest.param(
        {"agency": "DOJ", "include_components": False},
        lambda s: "DOJ" in s.agency_ids,
        id="agency-without-components",
    ),
    pytest.param(
        {"agency": "immigration and customs enforcement"},
        lambda s: _within(s, "ICE"),
        id="agency-by-name",
    ),
    pytest.param(
        {"document": "state-factsheet-2016"},
        lambda s: s.document_id == "state-factsheet-2016",
        id="document",
    ),
    pytest.param({"unit": "Victims"}, lambda s: "victims" in s.unit.lower(), id="unit-substring"),
    pytest.param(
        {"unit": re.compile(r"^T visas$")}, lambda s: s.unit == "T visas", id="unit-re-pattern"
    ),
    pytest.param(
        {"unit": regex.compile(r"\btask forces?\b", regex.IGNORECASE)},
        lambda s: "task force" in s.unit.lower(),
        id="unit-regex-pattern",
    ),
    pytest.param({"qualifier": "min"}, lambda s: s.qualifier.value == "min", id="qualifier"),
    pytest.param({"min_value": 1_000_000}, lambda s: s.value >= 1_000_000, id="min-value"),
    pytest.param({"max_value": 10}, lambda s: s.value <= 10, id="max-value"),
    pytest.param(
        {"min_value": "2.5", "max_value": Decimal(100)},
        lambda s: Decimal("2.5") <= s.value <= 100,
        id="value-range",
    ),
]


@pytest.mark.parametrize(("filters", "predicate"), FILTER_CASES)
def test_filter(everything: StatisticSet, filters: dict[str, object], predicate: Predicate) -> None:
    """Each filter keeps exactly the statistics its definition says, in order."""
    got = everything.filter(**filters)
    assert isinstance(got, StatisticSet)
    assert list(got) == [s for s in everything if predicate(s)]
    assert 0 < len(got) < len(everything)


def test_filters_compose(corpus: Corpus, everything: StatisticSet) -> None:
    """Filters chained, combined in one call, or given to the corpus give the same set."""
    chained = everything.filter(agency="HHS").filter(kind="count").filter(year=2007)
    combined = everything.filter(agency="HHS", kind="count", year=2007)
    assert chained == combined == corpus.statistics(agency="HHS", kind="count", year=2007)
    assert chained == corpus.agency("HHS").statistics(kind="count", year=2007)
    assert len(chained) == 6


@pytest.mark.parametrize(
    ("filters", "error", "message"),
    [
        pytest.param(
            {"yaer": 2007}, FilterError, r"unknown filter 'yaer'.*'year'", id="filter-name"
        ),
        pytest.param({"agncy": "HHS"}, FilterError, r"'agency'", id="filter-name-agency"),
        pytest.param(
            {"kind": "dollars"},
            FilterError,
            r"unknown kind 'dollars'.*count, money, percent, multiplier",
            id="kind",
        ),
        pytest.param({"pillar": "protect"}, UnknownPillar, r"'protection'", id="pillar"),
        pytest.param(
            {"qualifier": "about"}, FilterError, r"unknown qualifier 'about'", id="qualifier"
        ),
        pytest.param({"agency": "HSS"}, UnknownAgency, r"'HHS'", id="agency"),
        pytest.param({"years": 2007}, FilterError, r"iterable of years", id="years-not-iterable"),
        pytest.param(
            {"period_overlaps": 2007}, FilterError, r"first_year, last_year", id="overlaps-not-pair"
        ),
    ],
)
def test_bad_filters(
    everything: StatisticSet, filters: dict[str, object], error: type[Exception], message: str
) -> None:
    """An unknown filter, or a value a filter cannot take, raises an error with the choices."""
    with pytest.raises(error, match=message):
        everything.filter(**filters)


def test_filter_error_lists_close_names(everything: StatisticSet) -> None:
    """FilterError carries the close names and is a ValueError."""
    with pytest.raises(ValueError, match="yaer") as info:
        everything.filter(yaer=2007)
    assert isinstance(info.value, FilterError)
    assert "year" in info.value.candidates


@pytest.mark.parametrize(
    ("key", "of"),
    [
        pytest.param("year", lambda s: [_ends(s)], id="year"),
        pytest.param("pillar", lambda s: [s.pillar], id="pillar"),
        pytest.param("kind", lambda s: [s.kind], id="kind"),
        pytest.param("unit", lambda s: [s.unit], id="unit"),
        pytest.param("document", lambda s: [s.document_id], id="document"),
        pytest.param("agency", lambda s: list(s.agency_ids) or [None], id="agency"),
        pytest.param(lambda s: s.qualifier.value, lambda s: [s.qualifier.value], id="function"),
    ],
)
def test_group_by(
    everything: StatisticSet,
    key: str | Callable[[Statistic], object],
    of: Callable[[Statistic], list[object]],
) -> None:
    """group_by puts each statistic under each of its keys, groups in first-seen order."""
    groups = everything.group_by(key)
    expected: dict[object, list[Statistic]] = {}
    for s in everything:
        for k in of(s):
            expected.setdefault(k, []).append(s)
    assert list(groups) == list(expected)
    assert {k: list(v) for k, v in groups.items()} == expected
    assert all(isinstance(v, StatisticSet) for v in groups.values())


def test_group_by_unknown_key(everything: StatisticSet) -> None:
    """group_by with an unknown key raises FilterError with the close keys."""
    with pytest.raises(FilterError, match="'agency'"):
        everything.group_by("agncy")


# --------------------------------------------------------------------------- sum


def _stats(text: str, year: int = 2012) -> StatisticSet:
    return Corpus.from_texts({"x": text}, metadata={"x": {"year": year}}).statistics()


def test_sum_of_like_figures() -> None:
    """Figures of one kind, unit and period type add up."""
    stats = _stats("In FY 2010, ICE opened 100 cases. In FY 2011, ICE opened 120 cases.")
    assert stats.sum() == 220
    assert StatisticSet().sum() == 0


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param(
            "In FY 2010, ICE opened 100 cases and spent $5 million.",
            r"different kinds: count, money; filter by kind=",
            id="kinds",
        ),
        pytest.param(
            "In FY 2010, ICE opened 100 cases and arrested 50 traffickers.",
            r"different units: 'cases', 'traffickers'; filter by unit=",
            id="units",
        ),
        pytest.param(
            "Through FY 2010, ICE opened 500 cases. In FY 2011, ICE opened 100 cases.",
            r"cumulative figures",
            id="cumulative-with-annual",
        ),
    ],
)
def test_sum_refuses_unlike_figures(text: str, why: str) -> None:
    """sum() refuses to add different kinds, units, or cumulative and annual figures, saying why."""
    stats = _stats(text)
    assert len(stats) == 2
    with pytest.raises(TipcorpusError, match=why):
        stats.sum()


# --------------------------------------------------------------------------- sequence and display


def test_slicing_and_indexing(everything: StatisticSet) -> None:
    """Indexing gives a Statistic; slicing gives a StatisticSet."""
    assert isinstance(everything[0], Statistic)
    part = everything[2:5]
    assert isinstance(part, StatisticSet)
    assert list(part) == list(everything)[2:5]
    assert isinstance(everything[::-1], StatisticSet)


def test_str_is_a_table_with_footer(everything: StatisticSet) -> None:
    """str() is a table with a header and a footer counting statistics and documents."""
    docs = {s.document_id for s in everything}
    text = str(everything)
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["value", "unit", "period"]
    assert lines[-1] == f"{len(everything)} statistics from {len(docs)} documents"
    assert str(everything[:1]).splitlines()[-1] == "1 statistic from 1 document"
    assert str(StatisticSet()) == "0 statistics from 0 documents"


def test_repr_is_one_line(everything: StatisticSet) -> None:
    """repr() is a one-line summary."""
    docs = {s.document_id for s in everything}
    assert repr(everything) == (
        f"<StatisticSet: {len(everything)} statistics from {len(docs)} documents>"
    )


def test_html_escapes_document_text() -> None:
    """The notebook HTML escapes text from the document."""
    stats = _stats("<script>alert(1)</script> In FY 2011, HHS certified 5 victims.")
    assert 5 in [int(s.value) for s in stats]
    html = stats._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<table" in html
    assert f"<p>{len(stats)} statistic{'s' if len(stats) > 1 else ''} from 1 document</p>" in html


def test_quote_marks_the_number() -> None:
    """quote() is the sentence with the number marked, [[...]] or the markers given."""
    s = _stats("ICE trained staff. In FY 2011, HHS certified 1,248 victims. It grew.")[0]
    assert s.quote() == "In FY 2011, HHS certified [[1,248]] victims."
    assert s.quote(("<b>", "</b>")) == "In FY 2011, HHS certified <b>1,248</b> victims."


def test_cite_catalogued_document(corpus: Corpus) -> None:
    """cite() gives title, issuer, date, the section (not repeating the title), offsets."""
    s = corpus.statistics(document="tip-report-2005-usg", unit="applications")[0]
    assert s.cite() == (
        "Trafficking in Persons Report 2005, VII. United States Government Efforts, "
        "U.S. Department of State, Office to Monitor and Combat Trafficking in Persons, "
        f"2005-06-03, section Immigration Benefits, chars {s.span[0]}-{s.span[1]}"
    )
    assert s.section[-1] == "Immigration Benefits"


def test_cite_text_without_metadata() -> None:
    """cite() of a text without title or date falls back to its id and year."""
    text = "In FY 2007, HHS certified 1,248 victims. It also funded 12 grants to NGOs and others."
    s = Corpus.from_texts({"memo": text}).statistics()[0]
    assert s.cite() == "memo, 2007, chars 26-31"
