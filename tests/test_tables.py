"""Tests for the table finder, :mod:`tipcorpus.tables`.

Where the cases come from:

* ``TABLES``: flattened tables written for these tests in the styles the genre's reports
  reach us in: PDF text with cells aligned by spaces (years across the top, or one year per
  row), spreadsheet text with tabs, and web pages with cells joined by ``" | "``.
* ``NOT_TABLES``: prose, bullet lists with numbers, single lines with two figures,
  letterheads and addresses, which must not be read as tables.
* ``tests/data/tables/*.txt``: two longer excerpts written in the genre's style, with
  tables among prose, headings and bullets.
* The five seeds and the eight genre documents: only the one real table of
  ``hhs-annual-2011.txt`` is a table.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipcorpus import find_periods
from tipcorpus.model import Span
from tipcorpus.tables import Table, find_tables, table_context

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"

ExpectedTable = tuple[str | None, list[tuple[str | None, list[tuple[str, str | None, str | None]]]]]
"""(caption, rows), each row (label, cells), each cell (text, column, period_text)."""


def _summary(tables: list[Table]) -> list[ExpectedTable]:
    """Every column of the result, as plain values."""
    return [
        (
            t.caption,
            [(r.label, [(c.text, c.column, c.period_text) for c in r.cells]) for r in t.rows],
        )
        for t in tables
    ]


TABLES: list[tuple[str, str, list[ExpectedTable]]] = [
    (
        "fiscal-years-across",
        (
            "Table 2: Investigations opened by ICE, by fiscal year\n"
            "\n"
            "Fiscal Year    FY 2007    FY 2008    FY 2009\n"
            "Investigations     298        432        566\n"
            "Arrests            164        189        388\n"
        ),
        [
            (
                "Table 2: Investigations opened by ICE, by fiscal year",
                [
                    (
                        "Investigations",
                        [
                            ("298", "FY 2007", "FY 2007"),
                            ("432", "FY 2008", "FY 2008"),
                            ("566", "FY 2009", "FY 2009"),
                        ],
                    ),
                    (
                        "Arrests",
                        [
                            ("164", "FY 2007", "FY 2007"),
                            ("189", "FY 2008", "FY 2008"),
                            ("388", "FY 2009", "FY 2009"),
                        ],
                    ),
                ],
            )
        ],
    ),
    (
        "header-one-cell-short",
        (
            "                 2010      2011\n"
            "Adults certified    449       564\n"
            "Minors              92        100\n"
        ),
        [
            (
                None,
                [
                    ("Adults certified", [("449", "2010", "2010"), ("564", "2011", "2011")]),
                    ("Minors", [("92", "2010", "2010"), ("100", "2011", "2011")]),
                ],
            )
        ],
    ),
    (
        "year-per-row-no-header",
        (
            "Grants to task forces\n"
            "FY 2010        $4.2 million\n"
            "FY 2011        $4.5 million\n"
            "FY 2012        $5 million\n"
        ),
        [
            (
                "Grants to task forces",
                [
                    ("FY 2010", [("$4.2 million", None, "FY 2010")]),
                    ("FY 2011", [("$4.5 million", None, "FY 2011")]),
                    ("FY 2012", [("$5 million", None, "FY 2012")]),
                ],
            )
        ],
    ),
    (
        "t-visas-by-year",
        (
            "Year    Applied    Approved    Denied\n"
            "2009    475    313    77\n"
            "2010    574    447    138\n"
        ),
        [
            (
                None,
                [
                    (
                        "2009",
                        [
                            ("475", "Applied", "2009"),
                            ("313", "Approved", "2009"),
                            ("77", "Denied", "2009"),
                        ],
                    ),
                    (
                        "2010",
                        [
                            ("574", "Applied", "2010"),
                            ("447", "Approved", "2010"),
                            ("138", "Denied", "2010"),
                        ],
                    ),
                ],
            )
        ],
    ),
    (
        "tabs",
        "Category\tFY 2011\tFY 2012\nLabor trafficking\t68%\t71%\nSex trafficking\t21%\t—\n",
        [
            (
                None,
                [
                    (
                        "Labor trafficking",
                        [("68%", "FY 2011", "FY 2011"), ("71%", "FY 2012", "FY 2012")],
                    ),
                    (
                        "Sex trafficking",
                        [("21%", "FY 2011", "FY 2011"), ("—", "FY 2012", "FY 2012")],
                    ),
                ],
            )
        ],
    ),
    (
        "web-page-pipes",
        "## Calls to the hotline\n\nYear | Calls\n2010 | 7,801\n2011 | 11,284\n",
        [
            (
                "Calls to the hotline",
                [
                    ("2010", [("7,801", "Calls", "2010")]),
                    ("2011", [("11,284", "Calls", "2011")]),
                ],
            )
        ],
    ),
    (
        "markdown-pipes-with-rule",
        "| Office | Cases | Defendants |\n| --- | --- | --- |\n| Denver | 12 | 30 |\n",
        [(None, [("Denver", [("12", "Cases", None), ("30", "Defendants", None)])])],
    ),
    (
        "crlf-line-ends",
        "Year    Victims\r\nFY 2010    449\r\nFY 2011    564\r\n",
        [
            (
                None,
                [
                    ("FY 2010", [("449", "Victims", "FY 2010")]),
                    ("FY 2011", [("564", "Victims", "FY 2011")]),
                ],
            )
        ],
    ),
    (
        "figures-only-under-header",
        "FY 2010    FY 2011\n   1,974    2,251\n",
        [(None, [(None, [("1,974", "FY 2010", "FY 2010"), ("2,251", "FY 2011", "FY 2011")])])],
    ),
    (
        "sentence-above-is-no-caption",
        ("The grants are listed below.\nGrantee    Amount\nPolaris Project    $1.2 million\n"),
        [(None, [("Polaris Project", [("$1.2 million", "Amount", None)])])],
    ),
    (
        "double-spaced-rows",
        "Year    Cases\n\nFY 2010    41\n\nFY 2011    53\n",
        [
            (
                None,
                [
                    ("FY 2010", [("41", "Cases", "FY 2010")]),
                    ("FY 2011", [("53", "Cases", "FY 2011")]),
                ],
            )
        ],
    ),
    (
        "double-spaced-year-rows-without-header",
        "Table 2. ORR grants\n\nFY 2009    $9.8 million\n\nFY 2010    $10.2 million\n",
        [
            (
                "Table 2. ORR grants",
                [
                    ("FY 2009", [("$9.8 million", None, "FY 2009")]),
                    ("FY 2010", [("$10.2 million", None, "FY 2010")]),
                ],
            )
        ],
    ),
    (
        "two-blank-lines-end-a-table",
        "Year    Cases\nFY 2010    41\n\n\nFY 2011    53\nFY 2012    60\n",
        [
            (None, [("FY 2010", [("41", "Cases", "FY 2010")])]),
            (
                None,
                [
                    ("FY 2011", [("53", None, "FY 2011")]),
                    ("FY 2012", [("60", None, "FY 2012")]),
                ],
            ),
        ],
    ),
]


NOT_TABLES: list[tuple[str, str]] = [
    (
        "prose",
        (
            "In FY 2010, ORR issued 449 certification letters to adults and 92 letters of\n"
            "eligibility to minors.  In FY 2011 it issued 564 and 100.\n"
        ),
    ),
    (
        "bullets-with-numbers",
        "- 233 investigations opened\n- 53 convictions\n- 4 task forces funded\n",
    ),
    ("single-line-two-figures", "Investigations    118    162\n"),
    ("single-year-row", "FY 2009        $9.8 million\n"),
    ("header-then-prose", "Applied    Approved    Denied\nMost applications were approved.\n"),
    (
        "letterhead-with-tabs",
        (
            "Department of Labor\tDepartment of Justice\n"
            "Department of State\tDepartment of Education\n"
        ),
    ),
    ("addresses", "Washington, DC    20530\nArlington, VA    22202\n"),
    ("phone-numbers", "Hotline    Fax\nMain office    202-514-2000\n"),
    ("labelled-rows-without-header", "Investigations    118    162\nConvictions    41    53\n"),
    (
        "double-spaced-sentences",
        "ORR certified 564 adults.  It certified 449 in FY 2010.\n"
        "Of these, 68 percent were victims of labor trafficking.  Others were not.\n",
    ),
    ("empty", ""),
]


@pytest.mark.parametrize(("name", "text", "expected"), TABLES, ids=[c[0] for c in TABLES])
def test_finds_tables(name: str, text: str, expected: list[ExpectedTable]) -> None:
    """Flattened tables are found with their caption, row labels, columns and periods."""
    assert _summary(find_tables(text)) == expected


@pytest.mark.parametrize(("name", "text"), NOT_TABLES, ids=[c[0] for c in NOT_TABLES])
def test_finds_no_table(name: str, text: str) -> None:
    """Prose, bullets, single lines and letterheads hold no table."""
    assert find_tables(text) == []


def _spans(table: Table) -> list[tuple[Span | None, str | None]]:
    """Every (span, text) pair a table hands out."""
    pairs: list[tuple[Span | None, str | None]] = [(table.caption_span, table.caption)]
    for row in table.rows:
        pairs.append((row.label_span, row.label))
        for cell in row.cells:
            pairs += [
                (cell.span, cell.text),
                (cell.column_span, cell.column),
                (cell.row_label_span, cell.row_label),
                (cell.period_span, cell.period_text),
            ]
    return pairs


def _all_texts() -> list[tuple[str, str]]:
    cases = [(c[0], c[1]) for c in TABLES]
    files = sorted(DATA.glob("tables/*.txt"))
    return cases + [(p.name, p.read_text(encoding="utf-8")) for p in files]


@pytest.mark.parametrize(("name", "text"), _all_texts(), ids=[n for n, _ in _all_texts()])
def test_spans_slice_back(name: str, text: str) -> None:
    """Every span a table hands out slices its text back out of the document."""
    tables = find_tables(text)
    assert tables
    for table in tables:
        for span, value in _spans(table):
            assert (span is None) == (value is None)
            if span is not None:
                assert text[span[0] : span[1]] == value


def test_report_excerpt() -> None:
    """Tables among prose, headings and bullets are found, and nothing else is."""
    text = (DATA / "tables" / "annual-report-excerpt.txt").read_text(encoding="utf-8")
    tables = find_tables(text)
    assert [t.caption for t in tables] == [
        "Table 4: Trafficking investigations and convictions of the FBI, by fiscal year",
        "T visas",
    ]
    assert [[r.label for r in t.rows] for t in tables] == [
        ["Investigations", "Convictions"],
        ["FY 2008", "FY 2009", "FY 2010"],
    ]
    assert [c.text for c in tables[1].rows[2].cells] == ["574", "447", "138"]


def test_web_page_tables() -> None:
    """Tables joined with " | " under markdown headings take the heading as caption."""
    text = (DATA / "tables" / "web-page-tables.txt").read_text(encoding="utf-8")
    tables = find_tables(text)
    assert [(t.caption, len(t.rows)) for t in tables] == [
        ("Grants awarded", 3),
        ("Clients served", 2),
    ]


CONTEXTS: list[tuple[str, str, str, tuple[str | None, str | None, str | None]]] = [
    (
        "period-column-unit-row",
        "Table 2: Cases\n\nFiscal Year    FY 2008    FY 2009\nInvestigations    432    566\n",
        "566",
        ("FY 2009", "Investigations", "Table 2: Cases"),
    ),
    (
        "period-row-unit-column",
        "Year    Applied    Approved\nFY 2010    574    447\n",
        "447",
        ("FY 2010", "Approved", None),
    ),
    (
        "no-period",
        "Office | Cases\nDenver | 12\nBoston | 9\n",
        "9",
        (None, "Cases", None),  # an office's name counts nothing: the column does
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "figure", "expected"), CONTEXTS, ids=[c[0] for c in CONTEXTS]
)
def test_table_context(
    name: str, text: str, figure: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    """A figure's period comes from the header or label naming a year, its unit from the other."""
    context = table_context(find_tables(text), text.rindex(figure))
    assert context is not None
    assert (context.period_text, context.unit_text, context.caption) == expected
    for span, value in [
        (context.period_span, context.period_text),
        (context.unit_span, context.unit_text),
        (context.caption_span, context.caption),
    ]:
        assert (text[span[0] : span[1]] if span is not None else None) == value


@pytest.mark.parametrize("where", ["Fiscal Year", "Investigations", "\n", "Table"], ids=str.strip)
def test_table_context_outside_cells(where: str) -> None:
    """Offsets in headers, labels, captions and between lines are in no cell."""
    text = "Table 2: Cases\n\nFiscal Year    FY 2008    FY 2009\nInvestigations    432    566\n"
    assert table_context(find_tables(text), text.index(where)) is None
    assert table_context([], 0) is None


def test_period_text_resolves() -> None:
    """A cell's period text is read by find_periods as the fiscal year it names."""
    text = "Fiscal Year    FY 2008    FY 2009\nInvestigations    432    566\n"
    context = table_context(find_tables(text), text.index("566"))
    assert context is not None
    assert context.period_text is not None
    assert [str(m.period) for m in find_periods(context.period_text, 2009)] == ["FY2009"]


def _documents() -> list[Path]:
    return sorted([*(ROOT / "seeds").glob("*.txt"), *(DATA / "genre").glob("*.txt")])


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.name)
def test_documents(path: Path) -> None:
    """The seeds and genre documents hold no table but the one of the HHS annual report."""
    tables = find_tables(path.read_text(encoding="utf-8"))
    if path.name != "hhs-annual-2011.txt":
        assert tables == []
        return
    [table] = tables
    assert table.caption == "Table 1. Anti-trafficking appropriations, FY 2009 to FY 2011"
    assert [(r.label, [c.text for c in r.cells]) for r in table.rows] == [
        ("FY 2009", ["$9.8 million"]),
        ("FY 2010", ["$9.8 million"]),
        ("FY 2011", ["$9.8 million"]),
    ]
    assert {c.column for r in table.rows for c in r.cells} == {"Amount"}


def test_linear_time() -> None:
    """A large text of table lines and prose is read in time proportional to its size."""
    block = (
        "Fiscal Year    FY 2008    FY 2009\nInvestigations    432    566\n\n"
        "ORR certified 564 adults  and 100 minors in FY 2011 | 2010\tand so on.\n"
    )
    small, large = block * 200, block * 1600
    start = time.perf_counter()
    assert len(find_tables(small)) == 200
    small_time = time.perf_counter() - start
    start = time.perf_counter()
    assert len(find_tables(large)) == 1600
    large_time = time.perf_counter() - start
    assert large_time < 8 * small_time * 3 + 0.5


_PIECES = st.sampled_from(
    [
        "FY 2009", "2010", "FY 09", "Fiscal Year", "Applied", "Investigations", "132",
        "$9.8 million", "47%", "1,974", "—", "n/a", "Table 3:", "victims of trafficking",
        "  ", "   ", "\t", " | ", "|", " ", "\n", "\n", "\n\n", "\r\n", "#", "- ", "---",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=200)))
def test_properties(text: str) -> None:
    """On any text: no error, spans in bounds, cells inside rows, rows inside tables."""
    tables = find_tables(text)
    previous_end = 0
    for table in tables:
        start, end = table.span
        assert previous_end <= start <= end <= len(text)
        previous_end = end
        for span, value in _spans(table):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(text)
                assert text[span[0] : span[1]] == value
        for row in table.rows:
            assert start <= row.span[0] <= row.span[1] <= end
            for cell in row.cells:
                assert row.span[0] <= cell.span[0] <= cell.span[1] <= row.span[1]
                context = table_context(tables, cell.span[0])
                if cell.span[0] < cell.span[1]:
                    assert context is not None
                    assert context.period_text == cell.period_text


# --------------------------------------------------------------------------- converter shapes


@pytest.mark.parametrize(
    ("text", "shape", "rows"),
    [
        pytest.param(
            "Map of the Northern Corridor.\n\nYear\n\nArrests\n\nCharges\n\n2008\n\n41\n\n12\n"
            "\n2009\n\n88\n\n30*\n",
            "stacked",
            [
                ("2008", [("41", "Arrests"), ("12", "Charges")]),
                ("2009", [("88", "Arrests"), ("30", "Charges")]),
            ],
            id="one-cell-per-line-with-blank-lines",
        ),
        pytest.param(
            "Region: Delta.\nYear\nArrests\nCharges\n2008\n41\n12\n",
            "stacked",
            [("2008", [("41", "Arrests"), ("12", "Charges")])],
            id="one-cell-per-line-without-blank-lines",
        ),
        pytest.param(
            "TASK FORCE CASES IN FISCAL YEARS 2009-11 FY CASES ARRESTS\n2009 56 38\n2010 61 40\n",
            "spaced",
            [
                ("2009", [("56", "CASES"), ("38", "ARRESTS")]),
                ("2010", [("61", "CASES"), ("40", "ARRESTS")]),
            ],
            id="caption-and-header-on-one-line",
        ),
        pytest.param(
            "Comparison FY08 - FY10 FY11 - FY13 % Change\nShelters Funded 3 27 +800%\n"
            "Hotline Calls Answered 100 140 +40%\n",
            "spaced",
            [
                (
                    "Shelters Funded",
                    [("3", "FY08 - FY10"), ("27", "FY11 - FY13"), ("+800%", "% Change")],
                ),
                (
                    "Hotline Calls Answered",
                    [("100", "FY08 - FY10"), ("140", "FY11 - FY13"), ("+40%", "% Change")],
                ),
            ],
            id="range-and-change-columns",
        ),
        pytest.param(
            "Figure 1. Tips received\nFY 2010: 90 FY 2011: 140 FY 2012: 175\n",
            "series",
            [
                ("FY 2010", [("90", "Tips received")]),
                ("FY 2011", [("140", "Tips received")]),
                ("FY 2012", [("175", "Tips received")]),
            ],
            id="chart-series",
        ),
        pytest.param(
            "Grantee: Lantern House\nAward Amount: $75,000\nLength: 12 months\n",
            "record",
            [("Award Amount", [("$75,000", None)])],
            id="key-value-record",
        ),
    ],
)
def test_converter_shapes(
    text: str, shape: str, rows: list[tuple[str, list[tuple[str, str | None]]]]
) -> None:
    """Each converter's shape is one table; each cell has its figure, column and label."""
    [table] = find_tables(text)
    assert table.shape == shape
    assert [(r.label, [(c.text, c.column) for c in r.cells]) for r in table.rows] == rows


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "The task forces opened cases in two states\nand closed 12 14\n",
            id="prose-ending-in-figures",
        ),
        pytest.param("Q: How many?\nA: About 40 in all.\n", id="questions-and-answers"),
        pytest.param("Highlights\n\n- 92% were adults\n- 63% were women\n", id="bullets"),
    ],
)
def test_converter_shapes_not_tables(text: str) -> None:
    """Prose lines ending in figures, Q&A and bullets of figures are no table."""
    assert find_tables(text) == []


@pytest.mark.parametrize(
    ("cell", "text", "mark"),
    [
        pytest.param("1,041*", "1,041", "*", id="star"),
        pytest.param("3,5122", "3,512", "2", id="digit-after-thousands-group"),
    ],
)
def test_footnote_marks_cut_from_cells(cell: str, text: str, mark: str) -> None:
    """A footnote mark glued to a figure is cut from the cell and kept as its mark."""
    [table] = find_tables(f"Year    Cases\nFY 2010    {cell}\nFY 2011    2,000\n")
    got = table.rows[0].cells[0]
    assert (got.text, got.mark) == (text, mark)
