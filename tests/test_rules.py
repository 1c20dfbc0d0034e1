"""Named rules: every field of a statistic says which rule decided it, and why.

The texts are written for these tests; each case table checks one field.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from tipcorpus import Corpus
from tipcorpus.cli import main
from tipcorpus.model import FIELDS, Statistic
from tipcorpus.rules import registered


def _stat(text: str, surface: str, year: int = 2020, issuer: str | None = None) -> Statistic:
    metadata: dict[str, object] = {"year": year}
    if issuer is not None:
        metadata["issuer"] = issuer
    corpus = Corpus.from_texts({"doc": text}, metadata={"doc": metadata})
    return next(s for s in corpus.statistics() if s.surface == surface)


def test_every_bundled_statistic_names_a_rule_for_each_field() -> None:
    """Each statistic of the bundled corpus has a decision, by a named rule, per field."""
    for s in Corpus.default().statistics():
        assert s.why is not None
        assert [d.field for d in s.why] == list(FIELDS)
        assert all(d.rule for d in s.why)


def test_rules_data_names_every_rule_once() -> None:
    """data/rules.toml orders every registered rule of every field, each once."""
    import tipcorpus.statistics  # noqa: F401  (registers the rules)

    for field, plan in registered().items():
        names = [r.name for r in plan]
        assert len(names) == len(set(names)), field
        assert all(r.doc and r.label for r in plan), field


def test_explain_names_rule_and_evidence() -> None:
    """explain() shows the deciding rule's label, its evidence and the rules tried first."""
    s = _stat("In FY 2019, ICE opened 1,024 investigations.", "1,024")
    text = s.explain()
    assert 'period    FY2019 ← the period stated before the figure: "In FY 2019"' in text
    assert 'agencies  ICE ← the subject before the figure: "ICE"' in text
    assert s.why["period"].tried[0] == "after_figure"  # no table rule for prose


def test_why_is_not_part_of_equality() -> None:
    """Two statistics equal in every field are equal whatever their decisions say."""
    a = _stat("In FY 2019, ICE opened 1,024 investigations.", "1,024")
    assert attrs.evolve(a, why=None) == a
    assert hash(attrs.evolve(a, why=None)) == hash(a)


PERIOD_CASES = [
    pytest.param(
        "Shelters are open today. Grantees assisted 412 survivors.",
        "412",
        None,
        "none",
        id="a present-time word dates only its own sentence",
    ),
    pytest.param(
        "- Of the 880 defendants charged in fiscal year 2019—\n- 71% were male\n"
        "- 40% were citizens\n",
        "71%",
        "FY2019",
        "list_introduction",
        id="an item ending in a dash introduces the items after it",
    ),
]


PERIOD_CASES += [
    pytest.param(
        "Cases charged rose from 512 in 2014 to 901 in 2018, a 76% increase.",
        "76%",
        "2014–2018",
        "change_over_base",
        id="a change after a from-to pair spans both years",
    ),
    pytest.param(
        "The office funded 40 shelters in fiscal year 2012. That is a rise of 9% over FY 2011 "
        "and a 30% rise over FY 2009. Overseas, it is a 12% rise in grants over FY 2011.",
        "12%",
        "FY2011–FY2012",
        "after_figure",
        id="the base of an earlier change does not date the next sentence",
    ),
    pytest.param(
        "Task forces reported 310 more arrests in 2016 than in 2013.",
        "310",
        "2013–2016",
        "after_figure",
        id="a difference between two years spans from the base year",
    ),
    pytest.param(
        "HHS saw referrals rise by 35% over the last four years, from FY 2014 to 2017.",
        "35%",
        "FY2014–FY2017",
        "after_figure",
        id="the years that restate a window counted back date the figure",
    ),
    pytest.param(
        "(Reporting period: April 1, 2015 - March 31, 2016)\n\nDuring the reporting period, "
        "ICE opened 840 cases, compared with 790 in the previous reporting period.",
        "840",
        "2015–2016",
        "reporting_period",
        id="the reporting period the report states",
    ),
    pytest.param(
        "(Reporting period: April 1, 2015 - March 31, 2016)\n\nDuring the reporting period, "
        "ICE opened 840 cases, compared with 790 in the previous reporting period.",
        "790",
        "2014–2015",
        "reporting_period",
        id="the previous reporting period",
    ),
    pytest.param(
        "In FY 2016, ICE opened 1,094 cases. DOJ brought 198 prosecutions, compared with 210 "
        "in FY 2015, a decrease of 6 percent; of these, 184 involved sex trafficking.",
        "6 percent",
        "FY2015–FY2016",
        "change_over_base",
        id="a change after a comparison spans from its base to the context's period",
    ),
    pytest.param(
        "In FY 2016, ICE opened 1,094 cases. DOJ brought 198 prosecutions, compared with 210 "
        "in FY 2015, a decrease of 6 percent; of these, 184 involved sex trafficking.",
        "184",
        "FY2016",
        "carried_from_paragraph",
        id="the base of a comparison does not date the figures after it",
    ),
    pytest.param(
        "Funding grew from $5.5 million in FY 2012 to $7.1 million in FY 2015, an increase "
        "of 29 percent.",
        "29 percent",
        "FY2012–FY2015",
        "change_over_base",
        id="a change after a from-to pair of sums spans both years",
    ),
    pytest.param(
        "Police recorded 2,210 incidents in 2016, up 16% from 2015 (1,905 incidents).",
        "1,905",
        "2015",
        "before_figure",
        id="a figure in parentheses right after a year is that year's",
    ),
    pytest.param(
        "As of March 1, 2017, the TIP Office oversees 64 projects in 40 countries.",
        "64",
        "2017",
        "before_figure",
        id="a stock counted at a date is that date's year",
    ),
    pytest.param(
        "As of March 1, 2017, HHS had certified 5,210 adults since the program began.",
        "5,210",
        "through 2017",
        "before_figure",
        id="a sum up to a date runs through it",
    ),
    pytest.param(
        "In FY 2018, ICE opened 120 cases. DOJ convicted 190 traffickers, compared with "
        "175 in the previous fiscal year.",
        "175",
        "FY2017",
        "after_figure",
        id="the previous year of a comparison is the year before the context's",
    ),
    pytest.param(
        "In FY 2018, ICE opened 120 cases. DOJ convicted 190 traffickers, compared with "
        "175 in the previous fiscal year.",
        "190",
        "FY2018",
        "carried_from_paragraph",
        id="a figure compared with the previous year is the context's year",
    ),
]


@pytest.mark.parametrize(("text", "surface", "period", "rule"), PERIOD_CASES)
def test_period_rule(text: str, surface: str, period: str | None, rule: str) -> None:
    """The period and the rule that decided it."""
    s = _stat(text, surface)
    assert (str(s.period) if s.period is not None else None, s.why["period"].rule) == (
        period,
        rule,
    )


PROBLEM_CASES = [
    pytest.param(
        "In 2010 the Department of State published new figures. As many as 9,000 people are "
        "thought to be trafficked into the region each year.",
        "9,000",
        id="people believed or thought to be trafficked",
    ),
    pytest.param(
        "Worldwide, an estimated 21.1 million people are in forced labor, up from 19.4 "
        "million in 2012.",
        "21.1 million",
        id="an estimate compared with an earlier year's is still the problem's size",
    ),
    pytest.param(
        "Over 20,000 victims a year come from the east. The Balkans are now seen as a main "
        "route, with "
        "over 60,000 trafficked each year through them.",
        "60,000",
        id="a yearly flow with the counted noun left out",
    ),
]


@pytest.mark.parametrize(("text", "surface"), PROBLEM_CASES)
def test_problem_size(text: str, surface: str) -> None:
    """An estimate of the problem's size has no period and no agencies."""
    s = _stat(text, surface)
    assert (s.period, s.agency_ids, s.why["agencies"].rule) == (None, (), "problem_size")


def test_many_uncredited_people_are_the_problems_size() -> None:
    """Tens of thousands of people no agency counts, in an undated sentence, get no period."""
    s = _stat(
        "In 2019, researchers met in Geneva to compare estimates. Over 40,000 victims are "
        "moved across the region's borders.",
        "40,000",
    )
    assert (s.period, s.pillar, s.why["period"].rule) == (None, None, "uncredited_people")


def test_a_present_tense_headline_takes_the_reference_year() -> None:
    """A release's headline before the dateline, in the present tense: the reference year."""
    text = (
        "NEWS RELEASE\n\nLabor Department Grants $12 Million to End Forced Labor\n\n"
        "WASHINGTON -- The Department of Labor today announced new awards for projects in "
        "six countries.\n"
    )
    corpus = Corpus.from_texts({"r": text}, metadata={"r": {"year": 2019, "kind": "press release"}})
    s = next(s for s in corpus.statistics() if s.surface == "$12 Million")
    assert (str(s.period), s.why["period"].rule) == ("2019", "headline")


def test_a_headline_verb_before_its_figures_dates_them_all() -> None:
    """A headline whose figure follows a verb in the present: all its figures are dated."""
    text = (
        "NEWS RELEASE\n\nTask Force Partners Rescue 41 Victims, 12 of Them Minors\n\n"
        "DENVER - The Department of Justice today announced the results of an operation "
        "in three states.\n"
    )
    corpus = Corpus.from_texts(
        {"r": text}, metadata={"r": {"year": 2018, "kind": "press release", "issuer": "DOJ"}}
    )
    got = [(s.surface, str(s.period), s.why["period"].rule) for s in corpus.statistics()]
    assert got[:2] == [("41", "2018", "headline"), ("12", "2018", "headline")]


def test_title_range_dates_credited_figures_without_a_period() -> None:
    """A report titled for a span of years dates the credited figures that name no period."""
    corpus = Corpus.from_texts(
        {"r": "Task forces of the FBI opened 1,480 cases of suspected trafficking.\n"},
        metadata={
            "r": {
                "title": "Suspected Trafficking Cases, 2015-2017 (NCJ 1)",
                "year": 2018,
                "kind": "report",
            }
        },
    )
    s = corpus.statistics()[0]
    assert (str(s.period), s.why["period"].rule) == ("2015–2017", "title_range")


PILLAR_CASES = [
    pytest.param(
        "The awards will help rescue some 9,000 girls from domestic servitude, and give them "
        "schooling and vocational training.",
        "9,000",
        "protection",
        "clause_cues",
        id="rescuing people is protection in any form of the verb",
    ),
    pytest.param(
        "Police made more arrests last year. Still, the number of victims identified fell 12%.",
        "12%",
        "protection",
        "victims_unit",
        id="a change in a count of victims is protection",
    ),
    pytest.param(
        "The government increased efforts to prevent trafficking. Police trained 210 "
        "investigators and arrested 35 suspects.\n\nThe labor ministry ran 14 inspections.",
        "35",
        "prevention",
        "pillar_heading",
        id="a narrative's topic sentence governs its part over the clause's cue words",
    ),
]


@pytest.mark.parametrize(("text", "surface", "pillar", "rule"), PILLAR_CASES)
def test_pillar_rule(text: str, surface: str, pillar: str | None, rule: str) -> None:
    """The pillar and the rule that decided it."""
    s = _stat(text, surface)
    assert (s.pillar.value if s.pillar else None, s.why["pillar"].rule) == (pillar, rule)


AGENCY_CASES = [
    pytest.param(
        "The Department of Labor announced new grants. The department awarded $4.2 million "
        "for projects in Asia.",
        "$4.2 million",
        ("DOL",),
        "subject_before",
        id="news style's lower-case 'the department' is the department named before",
    ),
    pytest.param(
        "GAO analyzed grant files and made four recommendations to OVC.",
        "four",
        ("GAO",),
        "subject_before",
        id="the Government Accountability Office is a body of the registry",
    ),
    pytest.param(
        "In 2019, 1,480 persons were referred to U.S. attorneys.\n\nThe number of persons "
        "prosecuted rose from 702 in 2015 to 1,115 in 2019.",
        "1,115",
        ("USAO",),
        "prosecuting_body",
        id="persons prosecuted are the prosecutors' named nearby",
    ),
]


def test_we_is_the_issuer() -> None:
    """A clause whose subject is "we" credits the document's issuer, named in the text."""
    s = _stat(
        "The Government Accountability Office examined BJA's task force grants. "
        "We reviewed 41 of them for BJA's program office.",
        "41",
        issuer="U.S. Government Accountability Office",
    )
    assert (s.agency_ids, s.why["agencies"].rule) == (("GAO",), "first_person")


@pytest.mark.parametrize(("text", "surface", "agencies", "rule"), AGENCY_CASES)
def test_agency_rule(text: str, surface: str, agencies: tuple[str, ...], rule: str) -> None:
    """The agencies credited and the rule that decided them."""
    s = _stat(text, surface)
    assert (s.agency_ids, s.why["agencies"].rule) == (agencies, rule)


def test_cli_explain_prints_each_field(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's explain REF prints one line per field for the bundled statistic."""
    assert main(["explain", "tipcorpus:tip-report-2005-usg#c=31230-31241"]) == 0
    out = capsys.readouterr().out
    for field in FIELDS:
        assert f"\n  {field}" in out


def test_cli_evaluate_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's evaluate --rules prints one row per rule with decided, right and share."""
    (tmp_path / "memo.txt").write_text("In FY 2007, HHS certified 1,248 victims.\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"doc": "memo.txt", "surface": "1,248", "occurrence": 1, "role": "statistic", '
        '"value": 1248, "kind": "count", "unit_head": "victims", "qualifier": "exact", '
        '"period": {"start": 2007, "end": 2007, "fiscal": true}, "agencies": ["HHS"], '
        '"pillar": "protection"}\n'
    )
    assert main(["evaluate", "--gold", str(gold), "--docs", str(tmp_path), "--rules"]) == 0
    out = capsys.readouterr().out
    assert "period    before_figure" in out
    assert "1.000" in out


def test_cli_evaluate_missing_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A gold file that does not exist is a one-line error."""
    assert main(["evaluate", "--gold", str(tmp_path / "nope.jsonl")]) == 1
    assert capsys.readouterr().err.startswith("tipcorpus: error: no gold file at")


def test_records_keep_the_decisions() -> None:
    """Records written with decisions read back into statistics that explain themselves."""
    from tipcorpus.export import from_records, to_records

    s = _stat("In FY 2019, ICE opened 1,024 investigations.", "1,024")
    [back] = from_records(to_records([s], decisions=True))
    assert back.to_statistic().why == s.why
    [plain] = from_records(to_records([s]))
    assert plain.why is None


def test_rules_columns() -> None:
    """rules=True adds the rule that decided each field as a column."""
    s = _stat("In FY 2019, ICE opened 1,024 investigations.", "1,024")
    corpus_stats = Corpus.from_texts(
        {"doc": "In FY 2019, ICE opened 1,024 investigations."}
    ).statistics()
    [record] = corpus_stats.to_records(rules=True)
    assert (record["rule_period"], record["rule_agencies"]) == (
        s.why["period"].rule,
        "subject_before",
    )
    assert "rule_unit" in (corpus_stats.to_csv(rules=True) or "").splitlines()[0]


def test_cache_keeps_the_decisions(tmp_path: Path) -> None:
    """Statistics served from the cache explain themselves as freshly parsed ones do."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "memo.txt").write_text("In FY 2019, ICE opened 1,024 investigations.\n")
    fresh = Corpus.from_path(folder, cache=tmp_path / "cache").statistics()[0]
    served = Corpus.from_path(folder, cache=tmp_path / "cache").statistics()[0]
    assert served.why == fresh.why
    assert served.why is not None


def test_parallel_parse_keeps_the_decisions(tmp_path: Path) -> None:
    """Statistics parsed in worker processes keep their decisions."""
    from concurrent.futures import ProcessPoolExecutor

    (tmp_path / "memo.txt").write_text("In FY 2019, ICE opened 1,024 investigations.\n")
    local = Corpus.from_path(tmp_path).statistics()[0]
    corpus = Corpus.from_path(tmp_path)
    with ProcessPoolExecutor(max_workers=1) as pool:
        corpus.parse(executor=pool)
    assert corpus.statistics()[0].why == local.why


def test_cli_rules_columns(capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI's --rules adds the rule columns to CSV, and is refused for a table."""
    assert main(["stats", "--agency", "HHS", "--year", "2007", "--format", "csv", "--rules"]) == 0
    assert "rule_pillar" in capsys.readouterr().out.splitlines()[0]
    assert main(["stats", "--agency", "HHS", "--rules"]) == 1
    assert "--rules adds columns" in capsys.readouterr().err


def test_a_number_with_hidden_characters_is_a_warning() -> None:
    """A number with a direction control among its digits is listed, not reported."""
    corpus = Corpus.from_texts(
        {"memo": "In FY 2019, ICE opened 1,\u202e842\u202c cases and 12 raids."}
    )
    assert [s.surface for s in corpus.statistics()] == ["12"]
    [warning] = corpus.warnings
    assert (warning.document, warning.line) == ("memo", 1)
    assert "1,⟨U+202E⟩842⟨U+202C⟩" in warning.message


def test_text_with_lone_surrogates_is_refused() -> None:
    """A text holding lone surrogates is refused with a DecodeError naming the document."""
    from tipcorpus import DecodeError

    with pytest.raises(DecodeError, match=r"the text of 'memo' holds a lone surrogate"):
        Corpus.from_texts({"memo": "ICE opened \udc81 cases."})


def test_a_cell_counts_what_its_column_names_when_its_row_is_a_name() -> None:
    """Under a row named for a place, a cell counts its column's noun; 'Number' names none."""
    text = (
        "Table 4. Projects by region, FY 2012\n\n"
        "Region        Projects   Countries\n"
        "Mekong             7          3\n"
        "Sahel              4          5\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2013}})
    got = {(s.surface, s.unit) for s in corpus.statistics()}
    assert {("7", "Projects"), ("3", "Countries")} <= got
    assert all(s.why["unit"].rule == "table_cell" for s in corpus.statistics())
