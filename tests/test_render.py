"""What a reader sees: statistic tables, HTML output, pivot tables and concordances.

Cases come from the bundled corpus (table widths over all its statistics, the T visa
sentence of the Declaration of Achievements) and from small texts written here, some
carrying HTML markup to check that no document text reaches a page as markup.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tipcorpus import Corpus, TipcorpusError
from tipcorpus.render import statistics_table
from tipcorpus.views import StatisticSet

HOSTILE = (
    "In FY 2007, HHS certified 1,248 <img src=x onerror=alert(1)> victims and "
    '<script>alert("owned")</script> 12 families.'
)
SAFE_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "mark", "p", "h4"}


@pytest.fixture(scope="module")
def stats() -> StatisticSet:
    return Corpus.default().statistics()


class _Tags(HTMLParser):
    """Collects the start tags and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _tags(fragment: str) -> _Tags:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser


@pytest.mark.parametrize("fmt", ["simple", "github", "plain"])
@pytest.mark.parametrize("width", [80, 100, 120, 160, 220])
def test_table_fits_the_width(stats: StatisticSet, width: int, fmt: str) -> None:
    """No line of the default table is wider than the terminal width it was given."""
    text = stats.table(fmt=fmt, width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    assert text.splitlines()[-1] == f"{len(stats)} statistics from 4 documents"


def test_narrow_table_keeps_value_unit_and_quote(stats: StatisticSet) -> None:
    """A narrow terminal drops pillar and document before the quote."""
    header = stats.table(width=80).splitlines()[0].split()
    assert header[:2] == ["value", "unit"]
    assert header[-1] == "quote"
    assert "pillar" not in header
    wide = stats.table(width=200).splitlines()[0].split()
    assert wide == ["value", "unit", "period", "agencies", "pillar", "document", "quote"]


def test_cut_quote_keeps_the_number_in_view(stats: StatisticSet) -> None:
    """A quote cut to the width is a window around the marked number, with ellipses."""
    visas = stats.filter(unit="T visas", year=2007)
    row = visas.table(width=100, columns=["value", "quote"]).splitlines()[2]
    assert "«1,974»" in row
    assert "…" in row


def test_wrapped_quote_shows_the_whole_sentence(stats: StatisticSet) -> None:
    """With wrap=True the whole sentence is in the table, over several lines."""
    visas = stats.filter(unit="T visas", year=2007)
    text = statistics_table(visas, columns=["value", "quote"], width=60, wrap=True)
    words = " ".join(line[7:].strip() for line in text.splitlines()[2:-1])
    assert "awarded «1,974» T visas to TIP victims and their family members." in words
    assert max(len(line) for line in text.splitlines()) <= 60


@pytest.mark.parametrize(
    ("texts", "footer"),
    [
        pytest.param({"a": "HHS certified 1,248 victims in 2007."}, "1 statistic from 1 document"),
        pytest.param(
            {"a": "HHS certified 1,248 victims in 2007.", "b": "DOJ charged 52 people in 2008."},
            "2 statistics from 2 documents",
        ),
        pytest.param({"a": "No figures here."}, "0 statistics from 0 documents"),
    ],
    ids=["one", "two-documents", "none"],
)
def test_footer_counts_statistics_and_documents(texts: dict[str, str], footer: str) -> None:
    """The table ends with 'N statistics from M documents', singular where it is one."""
    assert str(Corpus.from_texts(texts).statistics()).splitlines()[-1] == footer


def test_unknown_column_is_refused(stats: StatisticSet) -> None:
    """An unknown column names the valid ones."""
    with pytest.raises(ValueError, match=r"unknown column 'colour'; choose from surface"):
        stats.table(columns=["colour"])


@pytest.mark.parametrize(
    "render",
    [
        pytest.param(lambda c: c.statistics()._repr_html_(), id="statistics"),
        pytest.param(lambda c: c.statistics().table(fmt="html"), id="table-html"),
        pytest.param(lambda c: c.agency("HHS")._repr_html_(), id="agency-view"),
        pytest.param(lambda c: c.summary()._repr_html_(), id="summary"),
        pytest.param(
            lambda c: c.statistics().pivot("document", "unit", "count")._repr_html_(), id="pivot"
        ),
        pytest.param(lambda c: c.concordance("alert")._repr_html_(), id="concordance"),
    ],
)
def test_html_output_escapes_document_markup(render: object) -> None:
    """Markup in a document (<script>, <img onerror>) is shown as text, never as tags."""
    corpus = Corpus.from_texts({"memo<script>": HOSTILE})
    fragment = render(corpus)  # type: ignore[operator]
    parsed = _tags(fragment)
    assert {tag for tag, _ in parsed.tags} <= SAFE_TAGS
    assert not [a for _, attrs in parsed.tags for a, _ in attrs if a.startswith("on")]
    assert "&lt;" in fragment


def test_html_marks_the_number() -> None:
    """The HTML quote marks the number expression with <mark>."""
    fragment = Corpus.from_texts({"m": HOSTILE}).statistics()[0:1].table(fmt="html")
    assert "certified <mark>1,248</mark> &lt;img src=x onerror=alert(1)&gt; victims" in fragment


# --------------------------------------------------------------------- pivot


def test_pivot_text_has_labels_totals_and_footer(stats: StatisticSet) -> None:
    """A count pivot prints its row and column labels, totals and what it counts."""
    text = str(stats.filter(kind="money").pivot("pillar", "year", "count"))
    lines = text.splitlines()
    assert lines[0].split()[0] == "pillar"
    assert lines[0].split()[-1] == "total"
    assert lines[-2].split()[0] == "total"
    assert lines[-1] == f"{len(stats.filter(kind='money'))} statistics from 4 documents"


def test_pivot_rows_follow_reading_order(stats: StatisticSet) -> None:
    """Years ascend, pillars follow their declared order, None comes last."""
    table = stats.pivot("pillar", "year", "count")
    years = [int(str(y)) for y in table.col_labels if y is not None]
    assert years == sorted(years)
    assert table.col_labels[-1] is None
    assert [str(p) for p in table.row_labels if p is not None] == [
        "prosecution",
        "protection",
        "prevention",
        "partnership",
    ]


# --------------------------------------------------------------------- concordance


def test_concordance_aligns_the_keyword() -> None:
    """Each line has the keyword at the same column, with width characters of context."""
    corpus = Corpus.default()
    lines = corpus.concordance("T visas", width=30)
    assert len(lines) >= 2
    assert lines[0].document == "achievements-2001-2008"
    assert lines[0].match == "T visas"
    assert lines[0].left.endswith("awarded 1,974")
    columns = {str(line).index(line.match, 30) for line in lines}
    assert columns == {31}
    text = corpus["achievements-2001-2008"].text
    assert text[lines[0].span[0] : lines[0].span[1]] == "T visas"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        pytest.param("awarded 12 T\nvisas to", "T visas", ["T visas"], id="phrase-over-line-break"),
        pytest.param("one T visa and two T visas", "T visa", ["T visa", "T visas"], id="plural"),
        pytest.param("Visas, visas; VISAS.", "visas", ["Visas", "visas", "VISAS"], id="case"),
        pytest.param("supervisas and visasx", "visas", [], id="whole-words-only"),
    ],
)
def test_concordance_matches_whole_words(text: str, word: str, expected: list[str]) -> None:
    """Matching ignores case and line breaks, allows a plural, and keeps to whole words."""
    found = Corpus.from_texts({"t": text}).concordance(word)
    assert [line.match for line in found] == expected


def test_concordance_refuses_an_empty_word() -> None:
    """An empty word is an error, not every position of the corpus."""
    with pytest.raises(TipcorpusError, match=r"needs a word or phrase"):
        Corpus.from_texts({"t": "text"}).concordance("  ")
