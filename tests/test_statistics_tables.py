"""Statistics read from flattened tables take their unit and period from the table's labels.

The tables are written for these tests in the layouts reports reach users in (figures
invented): years across the top with row labels, and one year per row.
"""

from __future__ import annotations

import pytest

from tipcorpus import Corpus

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
