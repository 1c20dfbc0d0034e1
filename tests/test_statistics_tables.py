"""Statistics read from flattened tables take their unit and period from the table's labels.

The tables are written for these tests in the layouts reports reach users in (figures
invented): years across the top with row labels, and one year per row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcorpus import Corpus
from tipcorpus.tables import find_tables

DATA_DIR = Path(__file__).resolve().parent / "data"

BY_COLUMN = (
    "Table 3: Human trafficking investigations opened by the FBI, by fiscal year\n"
    "\n"
    "Fiscal Year    FY 2008    FY 2009    FY 2010\n"
    "Investigations     132        145        210\n"
    "Convictions         48         59         63\n"
)

BY_ROW = (
    "Table 1. Funding of the Office of Refugee Resettlement for victim services\n"
    "\n"
    "Fiscal year    Amount\n"
    "FY 2009        $9.8 million\n"
    "FY 2010        $10.2 million\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            BY_COLUMN,
            [
                ("132", "Investigations", "FY2008", ("FBI",)),
                ("145", "Investigations", "FY2009", ("FBI",)),
                ("210", "Investigations", "FY2010", ("FBI",)),
                ("48", "Convictions", "FY2008", ("FBI",)),
                ("59", "Convictions", "FY2009", ("FBI",)),
                ("63", "Convictions", "FY2010", ("FBI",)),
            ],
            id="years-across-the-top",
        ),
        pytest.param(
            BY_ROW,
            [
                ("$9.8 million", "USD", "FY2009", ("ORR",)),
                ("$10.2 million", "USD", "FY2010", ("ORR",)),
            ],
            id="one-year-per-row",
        ),
    ],
)
def test_table_cells(text: str, expected: list[tuple[str, str, str, tuple[str, ...]]]) -> None:
    """A cell's figure has its row's or column's unit, header year and caption agency."""
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2011}})
    got = [(s.surface, s.unit, str(s.period), s.agency_ids) for s in corpus["t"].statistics]
    assert got == expected


DOUBLE_SPACED = (
    "Table 4. FBI human trafficking investigations, by fiscal year\n"
    "\n"
    "Fiscal Year        Investigations    Arrests\n"
    "\n"
    "FY 2009            145               210\n"
    "\n"
    "FY 2010            187               244\n"
)

T_VISAS = (
    "Table 2. T visas for victims of trafficking\n"
    "\n"
    "Year       Victims    Family members\n"
    "FY 2010    447        349\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            DOUBLE_SPACED,
            [
                ("145", "Investigations", "FY2009", "prosecution"),
                ("210", "Arrests", "FY2009", "prosecution"),
                ("187", "Investigations", "FY2010", "prosecution"),
                ("244", "Arrests", "FY2010", "prosecution"),
            ],
            id="double-spaced-rows-label-pillar",
        ),
        pytest.param(
            T_VISAS,
            [
                ("447", "Victims", "FY2010", "protection"),
                ("349", "Family members", "FY2010", "protection"),
            ],
            id="caption-pillar",
        ),
    ],
)
def test_table_cell_pillars(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    """Rows a blank line apart are one table; a cell's label, else the caption, gives its pillar."""
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2011}})
    got = [(s.surface, s.unit, str(s.period), str(s.pillar)) for s in corpus["t"].statistics]
    assert got == expected


T1_TABLE = (
    "U.S. Citizenship and Immigration Services (USCIS) adjudicates applications for T\n"
    "nonimmigrant status. Table 2 shows applications from principal victims.\n"
    "\n"
    "Table 2. T-1 applications, FY 2012 to FY 2013\n"
    "\n"
    "Fiscal Year    Applied    Approved\n"
    "2012               885         674\n"
    "2013               799         848\n"
)

SOURCED = (
    "Investigations opened\n"
    "\n"
    "Year       Investigations\n"
    "FY 2012    894\n"
    "FY 2013    1,025\n"
    "\n"
    "Source: Homeland Security Investigations (HSI), case management system.\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            T1_TABLE,
            [
                ("885", "T-1 applications applied", "FY2012", ("USCIS",), "protection"),
                ("674", "T-1 applications approved", "FY2012", ("USCIS",), "protection"),
                ("799", "T-1 applications applied", "FY2013", ("USCIS",), "protection"),
                ("848", "T-1 applications approved", "FY2013", ("USCIS",), "protection"),
            ],
            id="status-columns-fiscal-years-introduced",
        ),
        pytest.param(
            SOURCED,
            [
                ("894", "Investigations", "FY2012", ("HSI",), "prosecution"),
                ("1,025", "Investigations", "FY2013", ("HSI",), "prosecution"),
            ],
            id="source-line-names-the-agency",
        ),
    ],
)
def test_table_cells_in_context(
    text: str, expected: list[tuple[str, str, str, tuple[str, ...], str]]
) -> None:
    """Status columns count the caption's noun; a fiscal-year table's years are fiscal.

    The source line or the introducing paragraph gives the agency and the pillar.
    """
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2013}})
    got = [
        (s.surface, s.unit, str(s.period), s.agency_ids, str(s.pillar))
        for s in corpus["t"].statistics
    ]
    assert got == expected


BY_TYPE = (
    "Table 1. Suspected human trafficking incidents opened by task forces, by type, "
    "January 2008-June 2010\n"
    "\n"
    "Type of trafficking        Number     Percent\n"
    "Sex trafficking             2,037       81\n"
    "Labor trafficking             302       12\n"
)


def test_category_rows_under_number_and_percent_columns() -> None:
    """Rows of categories count the caption's noun; a Percent column holds percentages.

    The caption's one period dates every cell.
    """
    corpus = Corpus.from_texts({"t": BY_TYPE}, metadata={"t": {"year": 2011}})
    got = [(s.surface, s.kind.value, s.unit, str(s.period)) for s in corpus["t"].statistics]
    incidents = "Suspected human trafficking incidents"
    assert got == [
        ("2,037", "count", f"{incidents} (Sex trafficking)", "2008–2010"),
        ("81", "percent", "percent", "2008–2010"),
        ("302", "count", f"{incidents} (Labor trafficking)", "2008–2010"),
        ("12", "percent", "percent", "2008–2010"),
    ]


IN_MILLIONS = (
    "Table 2. OCFT cooperative agreements by region, FY 2009-FY 2010 (in millions of dollars)\n"
    "\n"
    "Region                      FY 2009   FY 2010\n"
    "Africa                        19.4      21.2\n"
    "\n"
    "Number of new agreements        12        11\n"
)


def test_table_in_millions_of_dollars() -> None:
    """A caption "(in millions of dollars)" makes bare cells sums of money; counts stay."""
    corpus = Corpus.from_texts({"t": IN_MILLIONS}, metadata={"t": {"year": 2010}})
    got = [(s.surface, s.kind.value, s.value, str(s.period)) for s in corpus["t"].statistics]
    assert got == [
        ("19.4", "money", 19400000, "FY2009"),
        ("21.2", "money", 21200000, "FY2010"),
        ("12", "count", 12, "FY2009"),
        ("11", "count", 11, "FY2010"),
    ]


BY_PROGRAM = (
    "Table 1. OJP human trafficking awards, FY 2015 and FY 2016\n"
    "\n"
    "Program    Awards FY 2015    Amount FY 2015\n"
    "OVC        38                $22,400,000\n"
    "Total      60                $35,850,000\n"
)


def test_rows_of_bodies_and_a_total_row() -> None:
    """A row named for a body is that body's; the column says what is counted and when."""
    corpus = Corpus.from_texts({"t": BY_PROGRAM}, metadata={"t": {"year": 2016}})
    got = [(s.surface, s.unit, str(s.period), s.agency_ids) for s in corpus["t"].statistics]
    assert got == [
        ("38", "Awards", "FY2015", ("OVC",)),
        ("$22,400,000", "USD", "FY2015", ("OVC",)),
        ("60", "Awards", "FY2015", ("OJP",)),
        ("$35,850,000", "USD", "FY2015", ("OJP",)),
    ]


# --------------------------------------------------------------------------- converter shapes
# Tables in the shapes PDF and web converters print them (words and figures invented).

CAPTION_ON_HEADER = (
    "HSI LABOR EXPLOITATION CASES IN FISCAL YEARS 2010-14 FY CASES ARRESTS CONVICTIONS\n"
    "2010 412 301 150\n"
    "2011 455 322 161\n"
)

BROKEN_HEADER = (
    "FBI DEFENDANTS IN FISCAL YEARS 2008-1217 FY CHARGES/\n"
    "COMPLAINTS/\n"
    "INFORMATIONS DEFENDANTS CONVICTIONS\n"
    "2008 61 97 74\n"
    "TOTAL 131 212 162\n"
)

STACKED = (DATA_DIR / "tables" / "stacked-regions.txt").read_text(encoding="utf-8")

TWO_PERIODS = (
    "The Office of Refugee Resettlement compared its grant periods.\n"
    "\n"
    "Two-Period Comparison FY08 - FY10 FY11 - FY13 % Change\n"
    "Child Victims Granted Interim Assistance Letters 305 790 +159%\n"
    "Safe Houses Opened 0 14 N/A\n"
)

SERIES = (
    "The Department of Health and Human Services certifies adult foreign victims.\n"
    "\n"
    "Figure 3. Adults certified, by fiscal year\n"
    "FY 2004: 118 FY 2005: 204 FY 2006: 233\n"
)

RECORD = (
    "The Office for Victims of Crime funds the following projects.\n"
    "\n"
    "Grantee: Harbor Light Coalition\n"
    "Award Amount: $640,000\n"
    "Victims Served: 212\n"
    "Project Length: 24 months\n"
    "Start Date: 10/1/2015\n"
    "End Date: 9/30/2017\n"
)

MARKS = (
    "Table 2. T visa applications received by USCIS\n"
    "\n"
    "Fiscal Year    Applications       Victims (Minors)\n"
    "FY 2014        1,041*             613 (40)\n"
    "FY 2015        3,5122             1,011 (96)\n"
    "\n"
    "* Includes applications filed again.\n"
)

TOTALS = (
    "Table 4. Investigations opened by HSI\n"
    "\n"
    "Office         FY 2011    FY 2012    Total\n"
    "Northeast      40         52         92\n"
    "Total          73         99         172\n"
)

Cells = list[tuple[str, str, str, str, tuple[str, ...]]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            CAPTION_ON_HEADER,
            [
                ("412", "count", "CASES", "FY2010", ("HSI",)),
                ("301", "count", "ARRESTS", "FY2010", ("HSI",)),
                ("150", "count", "CONVICTIONS", "FY2010", ("HSI",)),
                ("455", "count", "CASES", "FY2011", ("HSI",)),
                ("322", "count", "ARRESTS", "FY2011", ("HSI",)),
                ("161", "count", "CONVICTIONS", "FY2011", ("HSI",)),
            ],
            id="caption-and-header-on-one-line",
        ),
        pytest.param(
            BROKEN_HEADER,
            [
                ("61", "count", "CHARGES/COMPLAINTS/INFORMATIONS", "FY2008", ("FBI",)),
                ("97", "count", "DEFENDANTS", "FY2008", ("FBI",)),
                ("74", "count", "CONVICTIONS", "FY2008", ("FBI",)),
                ("131", "count", "CHARGES/COMPLAINTS/INFORMATIONS", "FY2008–FY2012", ("FBI",)),
                ("212", "count", "DEFENDANTS", "FY2008–FY2012", ("FBI",)),
                ("162", "count", "CONVICTIONS", "FY2008–FY2012", ("FBI",)),
            ],
            id="header-broken-over-lines-caption-range-glued-to-a-mark",
        ),
        pytest.param(
            TWO_PERIODS,
            [
                (
                    "305",
                    "count",
                    "Child Victims Granted Interim Assistance Letters",
                    "FY2008–FY2010",
                    ("ORR",),
                ),
                (
                    "790",
                    "count",
                    "Child Victims Granted Interim Assistance Letters",
                    "FY2011–FY2013",
                    ("ORR",),
                ),
                ("159%", "percent", "percent", "FY2008–FY2013", ("ORR",)),
                ("0", "count", "Safe Houses Opened", "FY2008–FY2010", ("ORR",)),
                ("14", "count", "Safe Houses Opened", "FY2011–FY2013", ("ORR",)),
            ],
            id="period-range-and-change-columns-na-is-no-figure",
        ),
        pytest.param(
            SERIES,
            [
                ("118", "count", "Adults certified", "FY2004", ("HHS",)),
                ("204", "count", "Adults certified", "FY2005", ("HHS",)),
                ("233", "count", "Adults certified", "FY2006", ("HHS",)),
            ],
            id="chart-series-as-text",
        ),
        pytest.param(
            "The Department of Health and Human Services certifies adult foreign victims.\n"
            "\n"
            "Adults certified, FY 2004 - FY 2006\n"
            "\n"
            "Description: Bar chart. FY 2004: 118 FY 2005: 204 FY 2006: 233 - Agency Image\n",
            [
                ("118", "count", "Adults certified", "FY2004", ("HHS",)),
                ("204", "count", "Adults certified", "FY2005", ("HHS",)),
                ("233", "count", "Adults certified", "FY2006", ("HHS",)),
            ],
            id="chart-series-after-a-graphic-label-and-before-an-image-credit",
        ),
        pytest.param(
            RECORD,
            [
                ("$640,000", "money", "USD", "2015–2017", ("OVC",)),
                ("212", "count", "Victims Served", "2015–2017", ("OVC",)),
            ],
            id="key-value-record-duration-no-statistic",
        ),
        pytest.param(
            MARKS,
            [
                ("1,041", "count", "Applications", "FY2014", ("USCIS",)),
                ("613", "count", "Victims", "FY2014", ("USCIS",)),
                ("40", "count", "Minors", "FY2014", ("USCIS",)),
                ("3,512", "count", "Applications", "FY2015", ("USCIS",)),
                ("1,011", "count", "Victims", "FY2015", ("USCIS",)),
                ("96", "count", "Minors", "FY2015", ("USCIS",)),
            ],
            id="footnote-marks-and-sub-counts",
        ),
        pytest.param(
            TOTALS,
            [
                ("40", "count", "Investigations (Northeast)", "FY2011", ("HSI",)),
                ("52", "count", "Investigations (Northeast)", "FY2012", ("HSI",)),
                ("92", "count", "Investigations (Northeast)", "FY2011–FY2012", ("HSI",)),
                ("73", "count", "Investigations (Total)", "FY2011", ("HSI",)),
                ("99", "count", "Investigations (Total)", "FY2012", ("HSI",)),
                ("172", "count", "Investigations (Total)", "FY2011–FY2012", ("HSI",)),
            ],
            id="totals-row-and-column",
        ),
    ],
)
def test_converter_shapes(text: str, expected: Cells) -> None:
    """Every cell of a converter-flattened table is one statistic with its own labels."""
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2016}})
    table_start = max(text.find("\n\n"), 0)  # after an introducing paragraph, if any
    got = [
        (s.surface, s.kind.value, s.unit, str(s.period), s.agency_ids)
        for s in corpus["t"].statistics
        if s.span[0] >= table_start
    ]
    assert got == expected


def test_stacked_tables_each_under_its_caption() -> None:
    """One cell per line with blank lines between: each table's rows, glued marks cut."""
    corpus = Corpus.from_texts({"t": STACKED}, metadata={"t": {"year": 2010}})
    got = [(s.surface, s.unit, str(s.period)) for s in corpus["t"].statistics]
    assert got[:3] == [
        ("41", "Prosecutions", "2008"),
        ("12", "Convictions", "2008"),
        ("2", "Laws Passed", "2008"),
    ]
    assert ("30", "Convictions", "2009") in got
    assert ("1,310", "Prosecutions", "2009") in got
    assert len(got) == 12


SCALED = (
    "Table 5. OVC victim services grants (in millions of dollars)\n"
    "\n"
    "Fiscal Year    Grants Awarded    Amount    Victims Served\n"
    "FY 2012        24                9.6       1,356\n"
    "FY 2013        31                12.4      1,702\n"
)


def test_scale_words_apply_to_money_columns_only() -> None:
    """Under "(in millions of dollars)" only the Amount column is money; counts stay counts."""
    corpus = Corpus.from_texts({"t": SCALED}, metadata={"t": {"year": 2013}})
    got = [(s.surface, s.kind.value, int(s.value), s.unit) for s in corpus["t"].statistics]
    assert got == [
        ("24", "count", 24, "Grants Awarded"),
        ("9.6", "money", 9_600_000, "USD"),
        ("1,356", "count", 1356, "Victims Served"),
        ("31", "count", 31, "Grants Awarded"),
        ("12.4", "money", 12_400_000, "USD"),
        ("1,702", "count", 1702, "Victims Served"),
    ]


BY_REGION = (
    "Table 4. New awards of the Bureau of International Labor Affairs, FY 2016 "
    "($ in thousands)\n"
    "\n"
    "Region            Awards    Funding    Children Reached\n"
    "Central Asia           3      6,120               5,400\n"
    "Andean region          2      4,075               3,150\n"
)


def test_rows_of_bodies_under_year_columns_count_the_captions_noun() -> None:
    """Rows naming bodies, or what they leave, under year columns count the caption's noun."""
    text = (
        "Table 5\n"
        "Suspects referred for prosecution, by referring agency, fiscal years 2016-2017\n"
        "Referring agency                   2016     2017\n"
        "Federal Bureau of Investigation     512      540\n"
        "Homeland Security Investigations    430      471\n"
        "All other agencies                   95      102\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2018}})
    stats = corpus["t"].statistics
    assert [s.unit.split()[0] for s in stats] == ["Suspects"] * 6
    assert [s.agency_ids for s in stats][:4] == [("FBI",), ("FBI",), ("HSI",), ("HSI",)]


def test_a_percent_column_of_two_words_in_a_caption_header_line() -> None:
    """A measure word and its noun ("Percent convicted") are one column of a caption line."""
    text = (
        "Table 3. Persons charged by U.S. attorneys, FY 2015-2016 Fiscal year Charged "
        "Convicted Percent convicted\n"
        "2015 1,210 904 74.7%\n"
        "2016 1,305 988 75.7%\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2017}})
    got = [(s.surface, s.kind.value, s.unit) for s in corpus["t"].statistics]
    assert got == [
        ("1,210", "count", "Persons charged"),
        ("904", "count", "Persons convicted"),
        ("74.7%", "percent", "percent"),
        ("1,305", "count", "Persons charged"),
        ("988", "count", "Persons convicted"),
        ("75.7%", "percent", "percent"),
    ]


def test_a_header_broken_over_three_lines() -> None:
    """Header cells whose words stand over and under the header line are read whole."""
    text = (
        "Table 4. FBI human trafficking work, fiscal years 2014-2015\n"
        "\n"
        "                  Cases            Suspects\n"
        "Fiscal            opened           arrested\n"
        "year\n"
        "2014                 310              142\n"
        "2015                 355              171\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2016}})
    got = [(s.surface, s.unit, str(s.period)) for s in corpus["t"].statistics]
    assert got == [
        ("310", "Cases opened", "FY2014"),
        ("142", "Suspects arrested", "FY2014"),
        ("355", "Cases opened", "FY2015"),
        ("171", "Suspects arrested", "FY2015"),
    ]


def test_a_total_row_counts_the_noun_its_rows_share() -> None:
    """A "Total" row under rows of kinds of letters counts letters."""
    text = (
        "Type of Letter                FY 2015    FY 2016\n"
        "Certification Letters (Adults)    455        501\n"
        "Eligibility Letters (Minors)      240        228\n"
        "Total                             695        729\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2017}})
    got = {s.surface: s.unit for s in corpus["t"].statistics}
    assert (got["695"], got["729"]) == ("Letters (Total)", "Letters (Total)")


def test_a_header_cell_broken_over_two_lines() -> None:
    """A change column's header goes on below it ("% Change" over "FY15-FY16")."""
    text = (
        "Letters issued by the Office of Refugee Resettlement\n"
        "\n"
        "Type of Letter             FY 2014    FY 2015    FY 2016    % Change\n"
        "                                                             FY15-FY16\n"
        "Certification Letters          410        455        501        +10%\n"
        "Eligibility Letters            190        240        228         -5%\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2017}})
    got = [(s.surface, s.unit, str(s.period)) for s in corpus["t"].statistics]
    assert got == [
        ("410", "Certification Letters", "FY2014"),
        ("455", "Certification Letters", "FY2015"),
        ("501", "Certification Letters", "FY2016"),
        ("10%", "percent", "FY2015–FY2016"),
        ("190", "Eligibility Letters", "FY2014"),
        ("240", "Eligibility Letters", "FY2015"),
        ("228", "Eligibility Letters", "FY2016"),
        ("5%", "percent", "FY2015–FY2016"),
    ]


def test_a_records_dates_date_the_figures_in_its_lines() -> None:
    """A record's duration dates its prose figures; a result "to date" runs from its start."""
    text = (
        "Activity Name: Safe Roads Initiative\n"
        "Award Amount: $2,400,000\n"
        "Project Duration: 04/2015 - 03/2018\n"
        "Target Beneficiaries: 9,000 migrant workers; 350 survivors\n"
        "Results to Date: 4,120 workers reached\n"
    )
    corpus = Corpus.from_texts(
        {"t": text}, metadata={"t": {"year": 2017, "kind": "project listing"}}
    )
    got = [(s.surface, str(s.period), s.why["period"].rule) for s in corpus["t"].statistics]
    assert got == [
        ("$2,400,000", "2015–2018", "table_column"),
        ("9,000", "2015–2018", "record_dates"),
        ("350", "2015–2018", "record_dates"),
        ("4,120", "2015–2017", "record_dates"),
    ]


def test_a_records_stated_purpose_gives_its_figures_their_pillar() -> None:
    """The "Purpose:" line of a record names the pillar of its money and its people."""
    text = (
        "Activity Name: Justice Partners\n"
        "Award Amount: $1,900,000\n"
        "Project Duration: 05/2016 - 04/2019\n"
        "Target Beneficiaries: 380 police officers and prosecutors\n"
        "Purpose: To strengthen the investigation and prosecution of trafficking\n"
        "  cases in four provinces.\n"
    )
    corpus = Corpus.from_texts(
        {"t": text}, metadata={"t": {"year": 2018, "kind": "project listing"}}
    )
    got = [(s.surface, s.pillar.value if s.pillar else None) for s in corpus["t"].statistics]
    assert got == [("$1,900,000", "prosecution"), ("380", "prosecution"), ("four", "prosecution")]
    money = corpus["t"].statistics[0]
    assert money.why["pillar"].rule == "record_purpose"


def test_columns_that_name_bodies_credit_them() -> None:
    """Columns headed "OVC grants" and "BJA grants" are OVC's and BJA's."""
    text = (
        "Table 2: Grants of the Office for Victims of Crime and the Bureau of Justice "
        "Assistance, fiscal years 2015-2016\n"
        "\n"
        "Fiscal year    OVC grants    BJA grants\n"
        "2015                   31            12\n"
        "2016                   36            15\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2017}})
    got = [(s.surface, s.agency_ids, s.why["agencies"].rule) for s in corpus["t"].statistics]
    assert got == [
        ("31", ("OVC",), "table_column_label"),
        ("12", ("BJA",), "table_column_label"),
        ("36", ("OVC",), "table_column_label"),
        ("15", ("BJA",), "table_column_label"),
    ]


def test_region_rows_count_what_their_columns_name() -> None:
    """Rows of regions count their column's noun; "($ in thousands)" scales the money column."""
    corpus = Corpus.from_texts({"t": BY_REGION}, metadata={"t": {"year": 2017}})
    got = [(s.surface, s.kind.value, int(s.value), s.unit) for s in corpus["t"].statistics]
    assert got == [
        ("3", "count", 3, "Awards"),
        ("6,120", "money", 6_120_000, "USD"),
        ("5,400", "count", 5400, "Children Reached"),
        ("2", "count", 2, "Awards"),
        ("4,075", "money", 4_075_000, "USD"),
        ("3,150", "count", 3150, "Children Reached"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(STACKED, ["line 3", "line 29"], id="no-body-named"),
        pytest.param(
            "Annual figures\n\n2010 12 14\n2011 15 19\n",
            ["line 3"],
            id="rows-without-a-header",
        ),
        pytest.param(SCALED, [], id="read-table-no-warning"),
    ],
)
def test_unread_tables_warn(text: str, expected: list[str]) -> None:
    """A table read only in part is named, by its line, in Document.warnings."""
    document = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2011}})["t"]
    lines = sorted({w.line for w in document.warnings})
    assert [f"line {n}" for n in lines] == expected
    assert all(w.message for w in document.warnings)


TOTAL_COLUMN = (
    "Letters Issued by HHS, FY 2016 - FY 2017\n"
    "Fiscal Year\n"
    "Certification Letters (Adults)\n"
    "Eligibility Letters (Minors)\n"
    "Total\n"
    "2016\n"
    "388\n"
    "152\n"
    "540\n"
    "2017\n"
    "420\n"
    "199\n"
    "619\n"
)

FEMALE_SUB_COUNTS = (
    "Table 5. Defendants in trafficking cases, fiscal years 2015-2019\n"
    "\n"
    "Offense                         Defendants charged (female)\n"
    "Forced labor                    214 (61)\n"
    "Sex trafficking                 1,902 (233)\n"
)

SLASHED_HEADER = (
    "Table 6. FBI trafficking work, fiscal years 2015-2016\n"
    "\n"
    "                     Charges/\n"
    "Fiscal               complaints/      Convictions\n"
    "year                 informations\n"
    "2015                 188              140\n"
    "2016                 205              152\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            TOTAL_COLUMN,
            {
                "540": "Letters (Total)",
                "619": "Letters (Total)",
                "388": "Certification Letters (Adults)",
            },
            id="a-total-column-counts-the-noun-its-columns-share",
        ),
        pytest.param(
            FEMALE_SUB_COUNTS,
            {"61": "Defendants charged (female)", "233": "Defendants charged (female)"},
            id="a-sub-count-of-a-qualified-header-counts-the-whole-header",
        ),
        pytest.param(
            SLASHED_HEADER,
            {"188": "Charges / complaints / informations", "140": "Convictions"},
            id="alternatives-broken-after-their-slashes",
        ),
    ],
)
def test_cell_units_of_summed_and_qualified_columns(text: str, expected: dict[str, str]) -> None:
    """A cell's unit when its column sums, qualifies or lists the others' counted things."""
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2020}})
    got = {s.surface: s.unit for s in corpus["t"].statistics}
    assert {k: got.get(k) for k in expected} == expected


def test_short_fiscal_year_columns_make_the_change_fiscal() -> None:
    """Columns headed "FY09 - FY11" are fiscal years: so is the change across them."""
    text = "Comparison FY09 - FY11 FY12 - FY14 % Change\nAdult Victims Certified 950 1,420 +49%\n"
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2015}})
    got = {s.surface: str(s.period) for s in corpus["t"].statistics}
    assert got == {"950": "FY2009–FY2011", "1,420": "FY2012–FY2014", "49%": "FY2009–FY2014"}


PURPOSES_BY_BODY = (
    "In fiscal years 2018 and 2019, OVC and BJA made awards. OVC awarded 60 grants to\n"
    "provide housing and services to victims, while BJA awarded 25 grants to support task\n"
    "forces that investigate and prosecute traffickers.\n"
    "\n"
    "Table 2: Awards by the Office for Victims of Crime (OVC) and the Bureau of\n"
    "Justice Assistance (BJA), Fiscal Years 2018-2019\n"
    "\n"
    "Fiscal year\n"
    "OVC grants\n"
    "BJA grants\n"
    "2018\n"
    "28\n"
    "12\n"
    "2019\n"
    "32\n"
    "13\n"
)

TOTAL_ROW_PILLAR = (
    "Kind of letter                    FY 2015    FY 2016\n"
    "Certification Letters (Adults)        455        501\n"
    "Eligibility Letters (Minors)          240        228\n"
    "Total                                 695        729\n"
)

BODY_ROWS = (
    "Projects funded by agency, FY 2008\n"
    "\n"
    "Agency                                        Projects\n"
    "Department of Health and Human Services             17\n"
    "Department of Labor                                 12\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            PURPOSES_BY_BODY,
            {"28": "protection", "32": "protection", "12": "prosecution", "13": "prosecution"},
            id="the-purpose-the-introduction-states-for-each-body",
        ),
        pytest.param(
            TOTAL_ROW_PILLAR,
            {"695": "protection", "729": "protection"},
            id="a-total-row-takes-the-pillar-its-rows-share",
        ),
        pytest.param(
            BODY_ROWS,
            {"17": "None", "12": "None"},
            id="an-office-name-in-a-row-names-no-pillar",
        ),
    ],
)
def test_cell_pillars_from_what_the_cell_sums_or_serves(
    text: str, expected: dict[str, str]
) -> None:
    """A cell's pillar: its body's stated purpose, its rows' pillar, never a body's name."""
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2020}})
    table_start = text.find("\n\n")
    got = {s.surface: str(s.pillar) for s in corpus["t"].statistics if s.span[0] >= table_start}
    assert {k: got.get(k) for k in expected} == expected


def test_a_numbered_caption_wrapped_over_two_lines_is_one_caption() -> None:
    """The caption of a table starts at its number, however many lines it wraps over."""
    tables = find_tables(PURPOSES_BY_BODY)
    assert [t.caption for t in tables] == [
        "Table 2: Awards by the Office for Victims of Crime (OVC) and the Bureau of "
        "Justice Assistance (BJA), Fiscal Years 2018-2019"
    ]


WRAPPED_LABELS = (
    "Table 3. Grants by purpose, FY 2012\n"
    "\n"
    "Purpose                                Grants    Victims served\n"
    "Shelter (emergency and\n"
    "  transitional housing)                    14             1,120\n"
    "Legal services for survivors of             9               640\n"
    "  labor trafficking\n"
    "Total                                      23             1,760\n"
)

APART_SUB_COUNTS = (
    "Table 4. Defendants charged by U.S. attorneys, fiscal years 2012-2013\n"
    "\n"
    "Fiscal year        Charged        Convicted (pleas)\n"
    "2012                 210           150   (131)\n"
    "2013                 236           171   (149)\n"
)

SCALE_LINE = (
    "Table 5: Awards by Component, Fiscal Years 2012-2013\n"
    "\n"
    "Dollars in millions\n"
    "Component                          2012     2013\n"
    "Office for Victims of Crime         10.5     12.0\n"
)

HEADER_BY_POSITION = (
    "Table 6. Suspects in matters concluded, FY 2012-2013\n"
    "\n"
    "           Suspects in     Prosecuted        Declined\n"
    "Fiscal     matters         (minors)\n"
    "year       concluded\n"
    "2012          1,500         1,020 (30)          480\n"
    "2013          1,620         1,090 (35)          530\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            WRAPPED_LABELS,
            [
                ("14", "Grants", "Shelter (emergency and transitional housing)"),
                ("1,120", "Victims served", "Shelter (emergency and transitional housing)"),
                ("9", "Grants", "Legal services for survivors of labor trafficking"),
                ("640", "Victims served", "Legal services for survivors of labor trafficking"),
                ("23", "Grants", "Total"),
                ("1,760", "Victims served", "Total"),
            ],
            id="row-labels-wrapped-above-and-below-their-figures",
        ),
        pytest.param(
            APART_SUB_COUNTS,
            [
                ("210", "Charged", "2012"),
                ("150", "Convicted", "2012"),
                ("131", "pleas", "2012"),
                ("236", "Charged", "2013"),
                ("171", "Convicted", "2013"),
                ("149", "pleas", "2013"),
            ],
            id="a-sub-count-set-apart-from-its-figure",
        ),
        pytest.param(
            HEADER_BY_POSITION,
            [
                ("1,500", "Suspects in matters concluded", "2012"),
                ("1,020", "Prosecuted", "2012"),
                ("30", "minors", "2012"),
                ("480", "Declined", "2012"),
                ("1,620", "Suspects in matters concluded", "2013"),
                ("1,090", "Prosecuted", "2013"),
                ("35", "minors", "2013"),
                ("530", "Declined", "2013"),
            ],
            id="a-header-over-three-lines-read-by-where-its-words-stand",
        ),
    ],
)
def test_cells_of_wrapped_and_stacked_layouts(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    """Each cell gets its column and row even where a label or header wraps over lines."""
    got = [
        (cell.text, cell.column, cell.row_label)
        for table in find_tables(text)
        for row in table.rows
        for cell in row.cells
    ]
    assert got == expected


def test_a_scale_line_under_a_caption_belongs_to_it() -> None:
    """A "Dollars in millions" line between a caption and its table scales its money."""
    corpus = Corpus.from_texts({"t": SCALE_LINE}, metadata={"t": {"year": 2014}})
    got = [(s.surface, s.kind.value, str(s.value), str(s.period)) for s in corpus["t"].statistics]
    assert [g for g in got if g[0] in {"10.5", "12.0"}] == [
        ("10.5", "money", "10500000", "FY2012"),
        ("12.0", "money", "12000000", "FY2013"),
    ]


def test_years_over_groups_of_columns() -> None:
    """A year over each group of columns ("Amount Projects") dates every column of its group."""
    text = (
        "Table 7. Awards by region, FY 2012-2013 (in millions of dollars)\n"
        "\n"
        "                          FY 2012            FY 2013\n"
        "Region                 Amount Projects    Amount Projects\n"
        "Africa                   12.5      4        14.0      5\n"
        "Asia                      8.0      3         9.5      3\n"
    )
    corpus = Corpus.from_texts({"t": text}, metadata={"t": {"year": 2014}})
    got = [(s.surface, s.kind.value, str(s.period)) for s in corpus["t"].statistics]
    assert [g for g in got if g[0] in {"12.5", "4", "14.0", "5"}] == [
        ("12.5", "money", "FY2012"),
        ("4", "count", "FY2012"),
        ("14.0", "money", "FY2013"),
        ("5", "count", "FY2013"),
    ]
