"""Measures, time series and conflicting figures across documents.

Unit phrases come from the genre's ways of writing what is counted (TIP Report
narratives, reports to Congress, fact sheets); small memos are written for the series
and qualifier rules; the expected conflicts of the bundled corpus were found by reading
the five reports: the 2008 TIP Report's coverage (170 countries in the Declaration of
Achievements, 154 in the 2016 fact sheet) and the FY 2004 funding level the 2005 TIP
Report revises from $96 million to $82 million.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcorpus import Corpus
from tipcorpus.errors import MissingExtra
from tipcorpus.measures import (
    ConceptError,
    Series,
    concept_of_unit,
    find_conflicts,
    lemmatise,
    measure_of,
    register_concepts,
    unregister_concepts,
)


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    """The bundled corpus, parsed once for this module."""
    return Corpus.default()


@pytest.mark.parametrize(
    ("unit", "context", "concept"),
    [
        ("T visas", "", "t-visas"),
        ("T-visas", "", "t-visas"),
        ("T nonimmigrant visas", "", "t-visas"),
        ("T non-immigrant status", "", "t-visas"),
        ("letters", "HHS issued 163 letters of certification", "certification-letters"),
        ("eligibility letters", "", "certification-letters"),
        ("adult trafficking victims", "HHS certified 1,248 adult victims", "victims-certified"),
        ("trafficking victims", "ORR served 500 trafficking victims", "victims"),
        ("convictions", "", "convictions"),
        ("defendants", "", "defendants"),
        ("TIP cases", "", "cases"),
        ("investigations", "", "investigations"),
        ("Human Trafficking Task Forces", "", "task-forces"),
        ("calls", "", "calls"),
        (
            "law enforcement officers",
            "ICE trained 24,000 law enforcement officers",
            "people-trained",
        ),
        ("comprehensive services grants", "", "grants"),
        ("ongoing projects", "", "projects"),
        ("countries", "the TIP Report covering 170 countries", "countries-covered"),
        ("countries", "projects in 70 countries", "countries"),
        ("grants of continued presence", "", "continued-presence"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_concept_of_unit(unit: str, context: str, concept: str) -> None:
    """A unit phrase of the genre is normalised to its concept, cues read in the clause."""
    found = concept_of_unit(unit, context)
    assert found is not None
    assert found.id == concept


@pytest.mark.parametrize(
    ("unit", "following", "concept"),
    [
        ("convictions", " and guilty pleas since 2001", "convictions-and-pleas"),
        ("convictions", " and 20 guilty pleas", "convictions"),
        ("convictions", " in FY 2007", "convictions"),
    ],
    ids=["joined-phrase", "second-figure", "no-conjunction"],
)
def test_unit_joined_by_and(unit: str, following: str, concept: str) -> None:
    """``convictions and guilty pleas`` is one concept; ``convictions and 20 pleas`` is not."""
    found = concept_of_unit(unit, following=following)
    assert found is not None
    assert found.id == concept


@pytest.mark.parametrize(
    ("phrase", "lemmas"),
    [
        ("T-visas", ("t", "visa")),
        ("countries", ("country",)),
        ("people", ("person",)),
        ("witnesses", ("witness",)),
        ("status", ("status",)),
        ("Task Forces", ("task", "force")),
    ],
    ids=["hyphen", "ies", "irregular", "sses", "invariant", "title-case"],
)
def test_lemmatise(phrase: str, lemmas: tuple[str, ...]) -> None:
    """Unit words are lower-cased and made singular by data-driven rules."""
    assert lemmatise(phrase) == lemmas


@pytest.mark.parametrize(
    ("text", "measure_id"),
    [
        ("Through FY 2007, USCIS approved 1,974 T visas.", "dhs.uscis.t-visas"),
        ("In FY 2007, ORR certified 1,248 adult victims.", "hhs.orr.victims-certified"),
        ("In FY 2004, HHS issued 163 certification letters.", "hhs.certification-letters"),
        ("In FY 2007, DOJ obtained 103 convictions.", "doj.convictions"),
        ("In FY 2008, G/TIP awarded $40 million in grants.", "dos.g-tip.funding"),
    ],
    ids=["agency-in-department", "office-in-department", "department", "doj", "money"],
)
def test_measure_id(text: str, measure_id: str) -> None:
    """A measure id is the department, the most specific agency, and the concept."""
    s = Corpus.from_texts({"m": text}).statistics()[0]
    m = measure_of(s)
    assert m is not None
    assert m.id == measure_id


def test_percent_has_no_measure() -> None:
    """Percentages and multipliers compare figures and measure nothing on their own."""
    stats = Corpus.from_texts({"m": "In FY 2007, DOJ convictions rose 47 percent."}).statistics()
    assert [measure_of(s) for s in stats if str(s.kind) == "percent"] == [None]


def test_register_concepts_from_file(tmp_path: Path) -> None:
    """A user's TOML file adds concepts tried before the bundled ones, and can be removed."""
    path = tmp_path / "concepts.toml"
    path.write_text(
        '[[concept]]\nid = "raids"\nname = "raids"\nunits = ["raid", "sweep"]\n',
        encoding="utf-8",
    )
    stats = Corpus.from_texts({"m": "In FY 2007, ICE conducted 12 brothel raids."}).statistics()
    try:
        assert [c.id for c in register_concepts(path)] == ["raids"]
        m = measure_of(stats[0])
        assert m is not None
        assert m.id == "dhs.ice.raids"
    finally:
        unregister_concepts()
    after = measure_of(stats[0])
    assert after is not None
    assert after.concept == "brothel-raid"


def test_concepts_argument() -> None:
    """``concepts=`` applies a mapping of concepts to one call only."""
    s = Corpus.from_texts({"m": "In FY 2007, ICE conducted 12 raids."}).statistics()[0]
    m = measure_of(s, concepts={"operations": {"units": ["raid"]}})
    assert m is not None
    assert m.concept == "operations"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"concept": [{"name": "raids"}]}, "'id' is required"),
        ({"raids": {"kind": "weight"}}, "'kind' must be 'count' or 'money'"),
        ({"raids": {"units": [1, 2]}}, "'units' must be a list of strings"),
        ("no/such/concepts.toml", "no such concept file"),
    ],
    ids=["no-id", "bad-kind", "bad-units", "missing-file"],
)
def test_bad_concepts(source: object, message: str) -> None:
    """A concept that cannot be read is refused with what is wrong."""
    with pytest.raises(ConceptError, match=message):
        register_concepts(source)  # type: ignore[arg-type]


# ----------------------------------------------------------------- series

SERIES_MEMO = (
    "Through FY 2005, USCIS approved 500 T visas. "
    "Through FY 2006, USCIS approved 700 T visas. "
    "Through FY 2007, USCIS approved 1,000 T visas. "
    "In FY 2007, USCIS approved 310 T visas. "
    "Through FY 2009, USCIS approved 1,600 T visas. "
    "In FY 2007, HHS certified 300 victims."
)


@pytest.fixture(scope="module")
def series() -> Series:
    """A series of T visa figures written for the derivation rules."""
    return Corpus.from_texts({"memo": SERIES_MEMO}).series(agency="USCIS", unit="T visas")


def test_series_keeps_annual_and_cumulative_apart(series: Series) -> None:
    """Cumulative figures and annual ones are separate views of one series."""
    assert [(str(p.period), p.value) for p in series.cumulative] == [
        ("through FY2005", 500),
        ("through FY2006", 700),
        ("through FY2007", 1000),
        ("through FY2009", 1600),
    ]
    assert {p.measure.id for p in series if p.measure is not None} == {"dhs.uscis.t-visas"}


def test_series_derives_annual_from_consecutive_cumulative(series: Series) -> None:
    """Consecutive cumulative figures give derived annual ones; a gap gives none."""
    annual = [(str(p.period), p.value, p.derived) for p in series.annual]
    assert annual == [
        ("FY2006", 200, True),
        ("FY2007", 310, False),
        ("FY2007", 300, True),
    ]
    derived = series.annual[0]
    assert derived.basis is not None
    assert (derived.basis.value, derived.statistic.value) == (500, 700)


def test_series_records_and_table(series: Series) -> None:
    """A series is a table and JSON-ready records with the evidence's offsets."""
    records = series.to_records()
    assert records[0]["measure"] == "dhs.uscis.t-visas"
    assert {r["derived"] for r in records} == {True, False}
    assert "through FY2007" in str(series)
    assert "derived" in str(series)


def test_series_by_measure_id(bundled: Corpus) -> None:
    """A measure id selects the same figures as the agency and unit that make it."""
    by_id = bundled.series("dhs.uscis.t-visas")
    assert [p.statistic for p in by_id] == [
        p.statistic for p in bundled.series(agency="USCIS", unit="T visas")
    ]
    assert [p.value for p in by_id] == [1974]


def test_plot_needs_extra(series: Series, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without matplotlib, plotting names the extra to install."""
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(MissingExtra, match=r"tipcorpus\[plot\]"):
        series.plot(tmp_path / "series.png")


def test_plot_writes_png(series: Series, tmp_path: Path) -> None:
    """With matplotlib, the series is drawn to a PNG file."""
    pytest.importorskip("matplotlib")
    out = series.plot(tmp_path / "series.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# ----------------------------------------------------------------- conflicts


@pytest.mark.parametrize(
    ("first", "second", "conflict"),
    [
        ("more than 1,000 T visas", "1,248 T visas", False),
        ("more than 1,300 T visas", "1,248 T visas", True),
        ("about 1,500 T visas", "1,480 T visas", False),
        ("about 1,500 T visas", "1,300 T visas", True),
        ("up to 2,000 T visas", "1,248 T visas", False),
        ("1,248 T visas", "1,250 T visas", True),
        ("$82 million", "$82,300,000", False),
        ("$82 million", "$96 million", True),
    ],
    ids=[
        "min-below-exact",
        "min-above-exact",
        "approx-within-5pct",
        "approx-beyond-5pct",
        "max-above-exact",
        "exact-differs",
        "rounded-million",
        "millions-differ",
    ],
)
def test_conflict_rules(first: str, second: str, conflict: bool) -> None:
    """Qualifiers and rounding decide whether two figures for one measure disagree."""
    verb = "funded" if first.startswith("$") else "approved"
    corpus = Corpus.from_texts(
        {
            "new": f"In FY 2007, USCIS {verb} {first}.",
            "old": f"In FY 2007, USCIS {verb} {second}.",
        },
        metadata={"new": {"year": 2009}, "old": {"year": 2008}},
    )
    found = corpus.conflicts()
    assert bool(found) is conflict
    if conflict:
        assert (found[0].first.document_id, found[0].second.document_id) == ("new", "old")


@pytest.mark.parametrize(
    "text",
    [
        "In FY 2007, DOJ charged 160 defendants (vs. 69 the year before).",
        "In FY 2007, DOJ charged 160 defendants. Of those, 32 defendants were charged "
        "under the TVPA.",
    ],
    ids=["comparison", "breakdown"],
)
def test_one_document_does_not_conflict_with_itself(text: str) -> None:
    """Two figures of one report are a comparison or a breakdown unless it says it revised one."""
    assert list(Corpus.from_texts({"memo": text}).conflicts()) == []


EXPECTED = [
    pytest.param(
        (
            "dos.countries-covered",
            "2008",
            "state-factsheet-2016",
            "154",
            "achievements-2001-2008",
            "170",
        ),
        id="tip-report-coverage-2008",
    ),
    pytest.param(
        (
            "pitf.spog.funding",
            "FY2004",
            "tip-report-2005-usg",
            "82000000",
            "tip-report-2005-usg",
            "96000000",
        ),
        id="fy2004-funding-revised",
    ),
]

NOT_CONFLICTS = [
    pytest.param(
        (
            "dos.g-tip.countries-covered",
            "2001",
            "achievements-2001-2008",
            "82",
            "osce-country-report-2002",
            "89",
        ),
        id="osce-89-countries-dated-2001",
    ),
]


def _key(c: object) -> tuple[str, ...]:
    from tipcorpus.measures import Conflict

    assert isinstance(c, Conflict)
    return (
        c.measure.id,
        str(c.period),
        str(c.first.document_id),
        str(c.first.value),
        str(c.second.document_id),
        str(c.second.value),
    )


@pytest.mark.parametrize("expected", EXPECTED)
def test_bundled_conflict_found(bundled: Corpus, expected: tuple[str, ...]) -> None:
    """Each conflict the bundled reports contain is found, newer document first."""
    assert expected in [_key(c) for c in bundled.conflicts()]


@pytest.mark.parametrize("pair", NOT_CONFLICTS)
def test_bundled_known_false_conflict_absent(bundled: Corpus, pair: tuple[str, ...]) -> None:
    """A pair that is not a conflict in the reports is not reported as one."""
    assert pair not in [_key(c) for c in bundled.conflicts()]


def test_bundled_no_other_conflicts(bundled: Corpus) -> None:
    """Every conflict found in the bundled corpus is an expected one or a known false one."""
    known = {p.values[0] for p in [*EXPECTED, *NOT_CONFLICTS]}
    assert {_key(c) for c in bundled.conflicts()} <= known


def test_conflict_carries_evidence(bundled: Corpus) -> None:
    """A conflict gives both statistics, quotes and documents, newer first."""
    conflict = next(c for c in bundled.conflicts() if c.measure.concept == "countries-covered")
    assert [d.id for d in conflict.documents if d is not None] == [
        "state-factsheet-2016",
        "achievements-2001-2008",
    ]
    assert "[[154]]" in conflict.quotes[0]
    assert "[[170]]" in conflict.quotes[1]
    assert conflict.statistics == (conflict.first, conflict.second)


def test_conflicts_sorted_newest_first(bundled: Corpus) -> None:
    """Conflicts come newest document first."""
    years = [
        c.first.document.year or 0 for c in bundled.conflicts() if c.first.document is not None
    ]
    assert years == sorted(years, reverse=True)
    assert find_conflicts(bundled.statistics()) == list(bundled.conflicts())


def test_bundled_funding_series_checked_against_the_reports(bundled: Corpus) -> None:
    """U.S. Government anti-trafficking funding: the figures the reports give, by hand.

    Achievements 2001-2008: "increased from $51 million in FY 2001 to $79 million in
    FY 2007 ... totaling over $528 million since FY 2001"; TIP Report 2005: "In fiscal
    year 2004, the U.S. Government supported approximately 251 international
    anti-trafficking programs totaling $82 million".
    """
    points = {
        (str(p.period), int(p.value), str(p.statistic.qualifier), p.statistic.document_id)
        for p in bundled.series(agency="USG", unit="USD")
    }
    assert {
        ("FY2001", 51_000_000, "exact", "achievements-2001-2008"),
        ("FY2007", 79_000_000, "exact", "achievements-2001-2008"),
        ("FY2001–FY2008", 528_000_000, "min", "achievements-2001-2008"),
        ("FY2004", 82_000_000, "exact", "tip-report-2005-usg"),
    } <= points


def test_bundled_t_visa_series_checked_against_the_report(bundled: Corpus) -> None:
    """T visas: "Through FY 2007, U.S. Citizenship and Immigration Services awarded 1,974"."""
    series = bundled.series(agency="USCIS", unit="T visas")
    assert [(str(p.period), int(p.value)) for p in series.cumulative] == [("through FY2007", 1974)]


def test_doj_convictions_series_checked_against_the_reports(bundled: Corpus) -> None:
    """DOJ convictions, by hand; related=True adds "convictions and guilty pleas".

    TIP Report 2005: "doubled the number of defendants convicted (118 vs. 59) than in the
    prior four year period" (FY 2001-2004 against FY 1997-2000); Achievements: "308
    convictions obtained" through Innocence Lost (CEOS, since 2003) and "342 convictions
    and guilty pleas" (Civil Rights Division and U.S. Attorneys, FY 2001-2007).
    """
    plain = {
        (p.measure.id if p.measure else "", str(p.period), int(p.value))
        for p in bundled.series(agency="DOJ", unit="convictions")
    }
    assert plain == {
        ("doj.convictions", "FY1997–FY2000", 59),
        ("doj.convictions", "FY2001–FY2004", 118),
        ("doj.ceos.convictions", "2003–2008", 308),
    }
    related = bundled.series(agency="DOJ", unit="convictions", related=True)
    assert {(p.measure.id if p.measure else "", int(p.value)) for p in related} == {
        ("doj.convictions", 59),
        ("doj.convictions", 118),
        ("doj.ceos.convictions", 308),
        ("doj.crt.convictions-and-pleas", 342),
    }


def test_doj_cases_series_checked_against_the_reports(bundled: Corpus) -> None:
    """DOJ trafficking cases filed or prosecuted, by hand.

    TIP Report 2005: "filed almost four times as many cases (60 vs. 16)" (FY 2001-2004
    against FY 1997-2000); Achievements: "prosecuted 156 TIP cases" (FY 2001-2007).
    """
    points = {(str(p.period), int(p.value)) for p in bundled.series(agency="DOJ", unit="cases")}
    assert points == {("FY1997–FY2000", 16), ("FY2001–FY2004", 60), ("FY2001–FY2007", 156)}
