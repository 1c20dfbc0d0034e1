"""Tests for tipcorpus.catalogue: the catalogue file, the bundled corpus, metadata inference.

The inference cases are the five bundled reports (compared with seeds/catalogue.toml and
the reference years of the annotation guideline) and short texts written in the styles of
the genre: agency press releases with datelines and letterheads, fact sheets, TIP Report
country narratives, the Attorney General's annual report to Congress, OSCE statements, and
hard-wrapped text extracted from PDFs.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from tipcorpus.catalogue import (
    CatalogueEntry,
    CatalogueError,
    bundled_seeds_dir,
    infer_metadata,
    load_catalogue,
)
from tipcorpus.errors import DocumentNotFound, TipcorpusError

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# The reference years of /work/shared/annotation-guideline.md, "Document reference years".
GUIDELINE_YEARS = {
    "000_ae504a734c292dc7.txt": 2008,
    "001_fa007f40e48fb4bf.txt": 2005,
    "002_c8aee27f490636fa.txt": 2009,
    "003_1219c051c1d06cd3.txt": 2002,
    "004_0326bd102a3e1058.txt": 2016,
}


def _entries() -> list[CatalogueEntry]:
    return load_catalogue(SEEDS / "catalogue.toml")


def test_bundled_catalogue_describes_every_seed() -> None:
    """The bundled catalogue has one entry per seed file, with unique readable ids."""
    entries = _entries()
    assert sorted(e.file for e in entries) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert [e.id for e in entries] == [
        "achievements-2001-2008",
        "tip-report-2005-usg",
        "ag-assessment-2009",
        "osce-country-report-2002",
        "state-factsheet-2016",
    ]


def test_bundled_catalogue_years_follow_guideline() -> None:
    """Each bundled entry's year is the guideline's reference year for its file."""
    assert {e.file: e.year for e in _entries()} == GUIDELINE_YEARS


def test_bundled_catalogue_published_dates() -> None:
    """Full dates load as dates, and a month-only date as the first of the month."""
    published = {e.id: e.published for e in _entries()}
    assert published["tip-report-2005-usg"] == dt.date(2005, 6, 3)
    assert published["ag-assessment-2009"] == dt.date(2009, 6, 1)
    assert published["osce-country-report-2002"] is None


def test_bundled_seeds_dir_is_the_checkout_seeds() -> None:
    """In a source checkout the bundled corpus is the repository's seeds folder."""
    assert bundled_seeds_dir().resolve() == SEEDS.resolve()


VALID = """
[[document]]
id = "a"
file = "a.txt"
title = "A report"
"""


def _write(folder: Path, toml: str, files: tuple[str, ...] = ("a.txt", "b.txt")) -> Path:
    for name in files:
        (folder / name).write_text("text", encoding="utf-8")
    path = folder / "catalogue.toml"
    path.write_text(textwrap.dedent(toml), encoding="utf-8")
    return path


def test_minimal_entry_defaults(tmp_path: Path) -> None:
    """Only id, file and title are required; kind defaults to report, the rest to None."""
    assert load_catalogue(_write(tmp_path, VALID)) == [
        CatalogueEntry(id="a", file="a.txt", title="A report")
    ]


def test_empty_catalogue(tmp_path: Path) -> None:
    """A catalogue without documents is valid and empty."""
    assert load_catalogue(_write(tmp_path, "# nothing yet\n")) == []


PROBLEM_CASES = [
    pytest.param(
        '[[document]]\nid = "a"\nfile = "a.txt"\n',
        [r"document\[0\]\.title: missing required key"],
        id="missing-title",
    ),
    pytest.param(
        VALID + 'publisher = "DOJ"\n',
        [r"document\[0\]\.publisher: unknown key; valid keys: id, file, title"],
        id="unknown-key",
    ),
    pytest.param(
        VALID + 'published = "June 2009"\n',
        [r"document\[0\]\.published: must be a date"],
        id="date-in-words",
    ),
    pytest.param(
        VALID + 'published = "2009-13"\n',
        [r"document\[0\]\.published: '2009-13' is not a date: month must be in 1\.\.12"],
        id="month-13",
    ),
    pytest.param(
        VALID + 'year = "2009"\n',
        [r"document\[0\]\.year: must be an integer year, not '2009'"],
        id="year-as-string",
    ),
    pytest.param(
        VALID + "year = 209\n",
        [r"document\[0\]\.year: 209 is not a plausible year"],
        id="implausible-year",
    ),
    pytest.param(
        VALID + "title2 = 1\nkind = 3\n",
        [r"document\[0\]\.title2: unknown key", r"document\[0\]\.kind: must be a non-empty"],
        id="two-problems-one-entry",
    ),
    pytest.param(
        VALID + VALID.replace('file = "a.txt"', 'file = "b.txt"'),
        [r"document\[1\]\.id: duplicate id 'a' \(also document\[0\]\)"],
        id="duplicate-id",
    ),
    pytest.param(
        VALID + VALID.replace('id = "a"', 'id = "b"'),
        [r"document\[1\]\.file: duplicate file 'a.txt' \(also document\[0\]\)"],
        id="duplicate-file",
    ),
    pytest.param(
        VALID.replace("a.txt", "missing.txt"),
        [r"document\[0\]\.file: no file 'missing\.txt' in "],
        id="file-not-there",
    ),
    pytest.param(
        VALID.replace("a.txt", "../a.txt"),
        [r"document\[0\]\.file: must not leave the folder"],
        id="file-outside",
    ),
    pytest.param(
        VALID.replace("a.txt", "/etc/a.txt"),
        [r"document\[0\]\.file: must be relative"],
        id="file-absolute",
    ),
    pytest.param(
        'title = "x"\n' + VALID,
        [r"catalogue\.title: unknown top-level key"],
        id="top-level-key",
    ),
    pytest.param(
        "[document]\nid = 1\n",
        [r"catalogue\.document: must be \[\[document\]\] tables"],
        id="single-table",
    ),
    pytest.param(
        '[[document]\nid = "a"\n',
        [r"catalogue: not valid TOML"],
        id="toml-syntax",
    ),
    pytest.param(
        '[[document]]\nid = ""\nfile = "a.txt"\ntitle = "t"\n[[document]]\nfile = "b.txt"\n',
        [
            r"document\[0\]\.id: must be a non-empty string",
            r"document\[1\]\.id: missing required key",
            r"document\[1\]\.title: missing required key",
        ],
        id="all-entries-checked",
    ),
]


@pytest.mark.parametrize(("toml", "problems"), PROBLEM_CASES)
def test_catalogue_problems(tmp_path: Path, toml: str, problems: list[str]) -> None:
    """Every problem of a catalogue is reported at once, each with its entry and key."""
    path = _write(tmp_path, toml)
    with pytest.raises(CatalogueError, match=regex.escape(str(path))) as info:
        load_catalogue(path)
    found = [str(p) for p in info.value.problems]
    assert len(found) == len(problems)
    for pattern, message in zip(problems, found, strict=True):
        assert regex.match(pattern, message), (pattern, message)
    assert isinstance(info.value, TipcorpusError)
    assert isinstance(info.value, ValueError)


def test_catalogue_missing_file(tmp_path: Path) -> None:
    """A catalogue path that does not exist raises DocumentNotFound."""
    with pytest.raises(DocumentNotFound, match="no such catalogue file"):
        load_catalogue(tmp_path / "catalogue.toml")


# --- infer_metadata on the seeds --------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(regex.findall(r"[\w/]+", text.lower()))


@pytest.mark.parametrize("entry", _entries(), ids=lambda e: e.id)
def test_infer_metadata_on_seeds(entry: CatalogueEntry) -> None:
    """Inference from a seed's text agrees with its catalogue entry."""
    meta = infer_metadata((SEEDS / entry.file).read_text(encoding="utf-8"))
    assert meta.title
    assert _words(meta.title) <= _words(entry.title), meta.title
    assert meta.issuer == entry.issuer
    assert meta.published == entry.published
    assert meta.year == entry.year == GUIDELINE_YEARS[entry.file]
    assert entry.kind.startswith(meta.kind), meta.kind


# --- infer_metadata on texts in the genre's styles ----------------------------------------

ICE_RELEASE = """\
ICE's HSI rescues 12 trafficking victims in Houston

WASHINGTON — U.S. Immigration and Customs Enforcement's (ICE) Homeland Security \
Investigations (HSI) special agents rescued 12 victims of labor trafficking on March 5, \
2013, and arrested four suspects. In fiscal year 2012, HSI initiated 894 human trafficking \
cases.
"""

DOJ_RELEASE = """\
Department of Justice
Office of Public Affairs

FOR IMMEDIATE RELEASE
Tuesday, June 25, 2013

Houston Man Sentenced to 30 Years in Prison for Sex Trafficking

HOUSTON – A Houston man was sentenced today to 360 months in prison for sex trafficking, \
announced Assistant Attorney General Jocelyn Samuels of the Civil Rights Division.
"""

HHS_FACT_SHEET = """\
Fact Sheet: Human Trafficking

Administration for Children and Families
U.S. Department of Health and Human Services

Human trafficking is a form of modern-day slavery. Since 2001, HHS has certified more \
than 2,000 foreign victims of trafficking, and in FY 2010 it certified 449 adults and 92 \
minors.
"""

TIP_NARRATIVE = """\
MEXICO: Tier 2

Mexico is a large source, transit, and destination country for men, women, and children \
subjected to sex trafficking and forced labor. In 2015, authorities reported 1,414 \
investigations, compared with 1,048 in 2014. The government will open a shelter in 2017.
"""

AG_REPORT = """\
Attorney General's Annual Report to Congress and Assessment of U.S. Government Activities \
to Combat Trafficking in Persons

Fiscal Year 2012

Released July 2013

This report is submitted pursuant to section 105(d)(7) of the Trafficking Victims \
Protection Act of 2000. In FY 2012, DOJ's Civil Rights Division charged 128 defendants.
"""

NO_YEAR = """\
Recognizing the Signs of Human Trafficking

Traffickers use force, fraud, or coercion to control their victims. Learn the indicators \
and call the hotline.
"""

OSCE_STATEMENT = """\
ENGLISH only

# **PERMANENT COUNCIL STATEMENT ON TRAFFICKING IN PERSONS**

United States Mission to the OSCE
Vienna, 12 March 2004

The United States welcomes the Action Plan adopted in December 2003.
"""

PDF_EXTRACT = (
    "U.S. Department of Labor\r\n\r\nBureau of International Labor Affairs\r\n\r\n"
    "COMBATING CHILD LABOR AND FORCED LABOR:\r\nPROGRESS REPORT 2009–2015\r\n\r\n"
    "In FY 2015, ILAB funded 61 projects in more than 90 countries. Since 1995,\r\n"
    "ILAB has awarded more than $900 million to combat the worst forms of child\r\n"
    "labor.\r\n\x0c"
)

CAMPAIGN_PAGE = """\
DHS Blue Campaign

The Blue Campaign is the unified voice for DHS efforts to combat human trafficking. In \
2017, the campaign trained 10,000 federal employees. By 2020, it aims to train every DHS \
employee, and it will expand to 12 languages in 2019.
"""

ICE = "U.S. Immigration and Customs Enforcement"
DOJ = "U.S. Department of Justice"
ILAB = "U.S. Department of Labor, Bureau of International Labor Affairs"
BLUE_CAMPAIGN = "U.S. Department of Homeland Security, Blue Campaign"
GTIP = "U.S. Department of State, Office to Monitor and Combat Trafficking in Persons"
MISSION = "United States Mission to the OSCE"

GENRE_CASES = [
    pytest.param(
        ICE_RELEASE,
        ("ICE's HSI rescues 12 trafficking victims in Houston", ICE, None, 2013),
        "press release",
        id="press-release-dateline",
    ),
    pytest.param(
        DOJ_RELEASE,
        (
            "Houston Man Sentenced to 30 Years in Prison for Sex Trafficking",
            DOJ,
            dt.date(2013, 6, 25),
            2013,
        ),
        "press release",
        id="press-release-letterhead",
    ),
    pytest.param(
        HHS_FACT_SHEET,
        ("Fact Sheet: Human Trafficking", "Administration for Children and Families", None, 2010),
        "fact sheet",
        id="fact-sheet",
    ),
    pytest.param(
        TIP_NARRATIVE,
        ("MEXICO: Tier 2", GTIP, None, 2015),
        "country report",
        id="tip-country-narrative-future-year-ignored",
    ),
    pytest.param(
        AG_REPORT,
        (
            "Attorney General's Annual Report to Congress and Assessment of U.S. Government "
            "Activities to Combat Trafficking in Persons Fiscal Year 2012",
            DOJ,
            dt.date(2013, 7, 1),
            2013,
        ),
        "assessment",
        id="ag-report-on-a-fiscal-year-speaks-from-its-release",
    ),
    pytest.param(
        NO_YEAR,
        ("Recognizing the Signs of Human Trafficking", None, None, None),
        "report",
        id="no-year",
    ),
    pytest.param(
        OSCE_STATEMENT,
        (
            "Permanent Council Statement on Trafficking in Persons",
            MISSION,
            dt.date(2004, 3, 12),
            2004,
        ),
        "statement",
        id="osce-statement-all-caps-markdown",
    ),
    pytest.param(
        PDF_EXTRACT,
        ("Combating Child Labor and Forced Labor: Progress Report 2009–2015", ILAB, None, 2015),
        "report",
        id="pdf-wrapped-title-crlf",
    ),
    pytest.param(
        CAMPAIGN_PAGE,
        ("DHS Blue Campaign", BLUE_CAMPAIGN, None, 2017),
        "report",
        id="issuer-named-title-targets-ignored",
    ),
    pytest.param("", ("", None, None, None), "report", id="empty"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), GENRE_CASES)
def test_infer_metadata_genre(
    text: str, expected: tuple[str, str | None, dt.date | None, int | None], kind: str
) -> None:
    """Title, issuer, date, reference year and kind come out as a reader would give them."""
    meta = infer_metadata(text)
    assert (meta.title, meta.issuer, meta.published, meta.year) == expected
    assert meta.kind == kind


DATE_LINES = [
    pytest.param("June 3, 2005", dt.date(2005, 6, 3), id="month-day-year"),
    pytest.param("RELEASED JUNE 2009", dt.date(2009, 6, 1), id="released-month"),
    pytest.param("Sept. 30, 2014", dt.date(2014, 9, 30), id="abbreviated-month"),
    pytest.param("3 June 2005", dt.date(2005, 6, 3), id="day-month-year"),
    pytest.param("Date: 2016-01-15", dt.date(2016, 1, 15), id="iso-labelled"),
    pytest.param("**Updated 6/30/2011**", dt.date(2011, 6, 30), id="us-numeric-bold"),
    pytest.param("Washington, DC, March 1, 2012", dt.date(2012, 3, 1), id="place-and-date"),
    pytest.param("WASHINGTON, May 2, 2013 — The Department", dt.date(2013, 5, 2), id="dateline"),
    pytest.param("It was issued in April 2010 by the Office.", dt.date(2010, 4, 1), id="issued-in"),
    pytest.param("The task force met in February 2002 to plan.", None, id="date-in-sentence"),
    pytest.param("Marine 2005 programs", None, id="not-a-month"),
    pytest.param("February 30, 2005", None, id="impossible-date"),
]


@pytest.mark.parametrize(("line", "published"), DATE_LINES)
def test_infer_published(line: str, published: dt.date | None) -> None:
    """A publication date is a date line, a "released/issued" date, or a dateline."""
    text = f"Human Trafficking Update\n\n{line}\n\nThe Department reported 12 cases.\n"
    assert infer_metadata(text).published == published


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_infer_metadata_is_total(text: str) -> None:
    """Any text gives metadata: a one-line title, a plausible year or None, a known kind."""
    meta = infer_metadata(text)
    assert "\n" not in meta.title
    assert meta.year is None or 1990 <= meta.year <= dt.date.today().year + 1
    assert meta.kind in {
        "press release",
        "testimony",
        "statement",
        "fact sheet",
        "country report",
        "assessment",
        "report section",
        "report",
    }


@pytest.mark.parametrize(
    ("opening", "issuer"),
    [
        pytest.param(
            "U.S. Department of Justice\nOffice of Justice Programs\n"
            "Bureau of Justice Statistics\n\nSpecial Report\n\nTask forces opened 2,515 incidents.",
            "U.S. Department of Justice, Bureau of Justice Statistics",
            id="letterhead-down-to-the-bureau",
        ),
        pytest.param(
            "United States Government Accountability Office\n\nGAO\n\nReport to Congress\n\n"
            "The Department of State funded 88 projects.",
            "U.S. Government Accountability Office",
            id="gao-not-the-body-it-reviews",
        ),
        pytest.param(
            "USAID FACT SHEET\nCountering Trafficking in Persons\n\nUSAID funds 12 programs.",
            "U.S. Agency for International Development",
            id="abbreviation-heading-a-page",
        ),
        pytest.param(
            "FBI National Press Office\n\nWASHINGTON -- The FBI recovered 174 children.",
            "Federal Bureau of Investigation",
            id="fbi-press-office",
        ),
    ],
)
def test_infer_issuer_from_letterhead(opening: str, issuer: str) -> None:
    """The issuer is read from the letterhead, down to the office that writes."""
    assert infer_metadata(opening).issuer == issuer


# --- How documents of the genre state their own metadata ---------------------------------

BJS = "U.S. Department of Justice, Bureau of Justice Statistics"
CRS = "Congressional Research Service"
IIP = "U.S. Department of State, Bureau of International Information Programs"
OJP = "U.S. Department of Justice, Office of Justice Programs"
OVC = "U.S. Department of Justice, Office for Victims of Crime"
SPOKESPERSON = "U.S. Department of State, Office of the Spokesperson"
DOL = "U.S. Department of Labor"

OPENING_CASES = [
    pytest.param(
        "Shelters Serve More Survivors\n\nBy Kim Ortega\nWashington File Staff Writer\n\n"
        "Washington - Federal shelters served more survivors in fiscal year 2004 than in any "
        "year before, officials said.\n",
        (2004, IIP, "press release", None),
        id="news-service-byline-and-capitalized-dateline",
    ),
    pytest.param(
        "Child Labor Grants\n\nWASHINGTON, March 3, 2009 — The Department of Labor today "
        "announced 12 grants.\n",
        (2009, DOL, "press release", dt.date(2009, 3, 3)),
        id="dateline-with-date",
    ),
    pytest.param(
        "U.S. Department of Justice\nOffice of Justice Programs\n\nFOR IMMEDIATE RELEASE\n"
        "Tuesday, June 5, 2012\n\nGrants Expand Services for Survivors\n\n"
        "WASHINGTON - The office awarded 40 grants worth $12 million in FY 2011.\n",
        (2012, OJP, "press release", dt.date(2012, 6, 5)),
        id="release-line-weekday-date-speaks-from-release",
    ),
    pytest.param(
        "FOR IMMEDIATE RELEASE\nWWW.EXAMPLE.GOV\nOJP\n(202) 555-0100\n\nGRANTS ANNOUNCED\n"
        "TO HELP SURVIVORS\n\nWASHINGTON, D.C. ? The department announced 9 grants in 2003.\n",
        (2003, OJP, "press release", None),
        id="letterhead-acronym-line-and-lost-dash",
    ),
    pytest.param(
        "Victim Services Snapshot\nPublication Date: May 14, 2013\n\nThe Office for Victims "
        "of Crime funded 38 programs in fiscal year 2012.\n",
        (2013, OVC, "report", dt.date(2013, 5, 14)),
        id="publication-date-label",
    ),
    pytest.param(
        "Shelter Capacity Grows\nPosted by the Office of Public Affairs on September 9, 2015\n\n"
        "HHS certified 700 adults in FY 2014.\n",
        (2015, None, "report", dt.date(2015, 9, 9)),
        id="posted-by-on",
    ),
    pytest.param(
        "Home | News | Contact\nPosted on: 2017-02-01\n\nOutreach Week\n\nVolunteers reached "
        "4,000 students in 2016.\n",
        (2017, None, "report", dt.date(2017, 2, 1)),
        id="web-page-posted-on",
    ),
    pytest.param(
        "Date: 05/05/2011 Description: Pie chart of 120 projects. - State Dept Image\n\n"
        "The chart shows funding obligated in Fiscal Year 2010.\n",
        (2011, "U.S. Department of State", "report", dt.date(2011, 5, 5)),
        id="date-label-opening-a-caption",
    ),
    pytest.param(
        "Project List\n\nRegional Project\nStart Date: 4/1/2018\nAmount: $500,000\n\n"
        "As of March 1, 2019, the TIP Office manages 40 projects in 30 countries.\n",
        (2019, GTIP, "report", None),
        id="start-date-is-no-publication-date",
    ),
    pytest.param(
        "Annual Report to Congress\nFiscal Year 2007\n\nThe programme served 300 clients.\n",
        (2007, None, "report", None),
        id="undated-report-on-a-fiscal-year",
    ),
    pytest.param(
        "Funds Obligated for Anti-Trafficking Projects, Fiscal Year 2011\n"
        "Released by the Office to Monitor and Combat Trafficking in Persons\nMarch 2012\n\n"
        "Since fiscal year 2001 the government has spent over $600 million.\n",
        (2012, GTIP, "report", dt.date(2012, 3, 1)),
        id="dated-report-on-a-fiscal-year-speaks-from-its-date",
    ),
    pytest.param(
        "Fact Sheet\nOffice to Monitor and Combat Trafficking in Persons\nWashington, DC\n"
        "April 2, 2010\n\nFY 2009 Funding for Anti-Trafficking Projects\n\n"
        "There were 150 projects in FY 2009.\n",
        (2010, GTIP, "fact sheet", dt.date(2010, 4, 2)),
        id="fact-sheet-on-fy-funding",
    ),
    pytest.param(
        "2015 Report to the Nation\n\nFiscal Years 2013 - 2014\n\nThe office funded 100 "
        "programs during the reporting period.\n",
        (2015, None, "report", None),
        id="edition-year-over-fiscal-years",
    ),
    pytest.param(
        "Office of the Spokesman\nWashington, DC\nJuly 1, 2011\n\nMEDIA NOTE\n\n"
        "New Grants Against Trafficking\n\nThe Department awarded 20 grants.\n",
        (2011, SPOKESPERSON, "press release", dt.date(2011, 7, 1)),
        id="spokesman-media-note",
    ),
    pytest.param(
        "This report describes BJS's work in 2019 and 2020 to collect data on human "
        "trafficking, as the law requires, and on persons referred to U.S. attorneys.\n",
        (2020, BJS, "report", None),
        id="report-naming-its-author-by-acronym",
    ),
    pytest.param(
        "Human Trafficking Policy\n\nJane Roe\nAnalyst in Social Policy\nJanuary 9, 2014\n"
        "Congressional Research Service\nCRS Report for Congress\n\nSummary\n\n"
        "Some 14,000 people are trafficked into the country each year, by one estimate.\n",
        (2014, CRS, "report", dt.date(2014, 1, 9)),
        id="crs-report",
    ),
    pytest.param(
        "Statement on Labor Exploitation | Permanent Council\n\nThe ambassador speaking in "
        "Vienna. (USOSCE/J. Doe)\n\nThe United States notes a 12% rise in convictions in "
        "2014 across the region.\n",
        (2014, MISSION, "statement", None),
        id="mission-photo-credit",
    ),
    pytest.param(
        "Testimony of the Director\nOffice to Monitor and Combat Trafficking in Persons\n"
        "Before the Senate Committee on Foreign Relations\nMay 3, 2016\n\n"
        "Thank you for the chance to speak about our 2015 grants.\n",
        (2016, GTIP, "testimony", dt.date(2016, 5, 3)),
        id="testimony",
    ),
    pytest.param(
        "OVC FACT SHEET                                 October 2014\n\n"
        "U.S. Department of Justice\nOffice of Justice Programs\nOffice for Victims of Crime\n\n"
        "OVC funded 30 service providers in FY 2013.\n",
        (2014, OVC, "fact sheet", dt.date(2014, 10, 1)),
        id="date-in-a-letterhead-column",
    ),
    pytest.param(
        "Child Labor Overview\n\nThe bureau prepared this overview of programmes funded to "
        "combat child labor around the world in many sectors and regions.\n\n"
        "The first list, published in May 2008, named 80 goods.\n",
        (2008, None, "report", None),
        id="later-published-in-tells-of-another-document",
    ),
    pytest.param(
        "IV. Regional Statistics\n\nTrafficking in Persons Report\nOffice to Monitor and "
        "Combat Trafficking in Persons\nJune 14, 2010\n\nConvictions rose to 4,166 in 2009.\n",
        (2010, GTIP, "report section", dt.date(2010, 6, 14)),
        id="report-section-numeral",
    ),
    pytest.param(
        "PERU: Tier 2\n\nPeru is a source country. Authorities reported 90 prosecutions in 2013.\n",
        (2013, GTIP, "country report", None),
        id="tier-heading-is-the-tip-report",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OPENING_CASES)
def test_infer_metadata_from_openings(
    text: str, expected: tuple[int | None, str | None, str, dt.date | None]
) -> None:
    """Year, issuer, kind and date are read from the shapes the genre's openings take."""
    meta = infer_metadata(text)
    assert (meta.year, meta.issuer, meta.kind, meta.published) == expected


TITLE_CASES = [
    pytest.param(
        "U.S. Department of Labor awards $20 million\nto fight child labor in six countries\n\n"
        "WASHINGTON — The department today announced the grants for 2010 and 2011 projects.\n",
        "U.S. Department of Labor awards $20 million to fight child labor in six countries",
        id="headline-naming-its-issuer-wrapped",
    ),
    pytest.param(
        "FOR IMMEDIATE RELEASE\nWWW.EXAMPLE.GOV\nOJP\n(202) 555-0100\n\nGRANTS ANNOUNCED\n"
        "TO HELP SURVIVORS\n\nWASHINGTON - The department announced 9 grants in 2003.\n",
        "Grants Announced to Help Survivors",
        id="letterhead-furniture-skipped-caps-wrapped",
    ),
    pytest.param(
        "U.S. Department of Labor\nBureau of International Labor Affairs\n\n"
        "Efforts Against Forced Labor\nReport to Congress, Fiscal Year 2011\n\n"
        "ILAB funded 40 projects in FY 2011.\n",
        "Efforts Against Forced Labor, Report to Congress, Fiscal Year 2011",
        id="second-line-names-report-and-year",
    ),
    pytest.param(
        "Shelters Serve More Survivors\n\nBy Kim Ortega\nWashington File Staff Writer\n\n"
        "Washington - Federal shelters served more survivors in fiscal year 2004.\n",
        "Shelters Serve More Survivors",
        id="byline-not-in-title",
    ),
]


@pytest.mark.parametrize(("text", "title"), TITLE_CASES)
def test_infer_title_from_openings(text: str, title: str) -> None:
    """A title is mended across wrapped lines and leaves letterhead furniture out."""
    assert infer_metadata(text).title == title
