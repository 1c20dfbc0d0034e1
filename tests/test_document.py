"""Documents: metadata from text or catalogue, the exact source text, and its structure.

Cases are the five bundled reports (``seeds/`` with ``catalogue.toml``; the reference
years are the table "Document reference years" of annotation-guideline.md) and short
openings written in the genre (fact sheet, press release, annual report).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tipcorpus import Corpus, Document

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The bundled corpus."""
    return Corpus.default()


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        pytest.param(
            "# Human Trafficking Annual Report\n\nIn FY 2012, ICE opened 894 cases.",
            "Human Trafficking Annual Report",
            2012,
            id="markdown-heading",
        ),
        pytest.param(
            "# Fact Sheet\n\nIn FY 2012, ICE opened 894 cases.",
            "Fact Sheet",
            2012,
            id="heading-that-names-the-kind",
            marks=pytest.mark.xfail(
                strict=True,
                reason="a heading naming the kind ('Fact Sheet') is passed over and the "
                "sentence after it becomes the title",
            ),
        ),
        pytest.param(
            "Combating Trafficking in Persons\n\nIn 2016, the Department trained 300 officials.",
            "Combating Trafficking in Persons",
            2016,
            id="plain-title-line",
        ),
        pytest.param(
            "In FY 2007, HHS certified 1,248 victims. It also funded 12 grants to NGOs and others.",
            "",
            2007,
            id="no-title",
        ),
        pytest.param(
            "In FY 2007, HHS certified 1,248 victims.",
            "",
            2007,
            id="one-sentence-is-not-a-title",
            marks=pytest.mark.xfail(
                strict=True, reason="a text of one short sentence is taken as its own title"
            ),
        ),
    ],
)
def test_from_text_infers_metadata(text: str, title: str, year: int) -> None:
    """Document.from_text infers the title and reference year from the opening."""
    doc = Document.from_text(text, id="d")
    assert (doc.id, doc.title, doc.year, doc.text) == ("d", title, year, text)


def test_from_text_explicit_metadata_wins() -> None:
    """Metadata given to from_text overrides what is inferred; None leaves the inference."""
    doc = Document.from_text(
        "# Fact Sheet\n\nIn FY 2012, ICE opened 894 cases.",
        id="fs",
        title="ICE Fact Sheet",
        year=2013,
        issuer="U.S. Immigration and Customs Enforcement",
        published=dt.date(2013, 1, 15),
        kind="fact sheet",
        source=None,
    )
    assert (doc.title, doc.year, doc.issuer, doc.published, doc.kind, doc.source) == (
        "ICE Fact Sheet",
        2013,
        "U.S. Immigration and Customs Enforcement",
        dt.date(2013, 1, 15),
        "fact sheet",
        None,
    )


def test_from_text_parses_nothing() -> None:
    """Making a Document parses nothing until its structure is asked for."""
    doc = Document.from_text("# Report\n\nIn FY 2012, ICE opened 894 cases.", id="r")
    assert not doc.parsed
    assert repr(doc).startswith("Document(id='r'")
    assert "text=" not in repr(doc)
    assert doc.sentences[-1].text == "In FY 2012, ICE opened 894 cases."
    assert doc.parsed
    assert doc._lazy.parses == 1


SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("file", SEED_FILES)
def test_seed_text_is_the_file_decoded(corpus: Corpus, file: str) -> None:
    """Each bundled document's text is its file's bytes decoded as UTF-8, line ends kept."""
    by_file = {d.path.name: d for d in corpus.documents if d.path is not None}
    doc = by_file[file]
    assert doc.text == (SEEDS / file).read_bytes().decode("utf-8")
    assert doc.encoding == "utf-8"
    assert len(doc) == len(doc.text)


@pytest.mark.parametrize(
    ("doc_id", "file", "year"),
    [
        pytest.param("achievements-2001-2008", "000_ae504a734c292dc7.txt", 2008, id="000"),
        pytest.param("tip-report-2005-usg", "001_fa007f40e48fb4bf.txt", 2005, id="001"),
        pytest.param("ag-assessment-2009", "002_c8aee27f490636fa.txt", 2009, id="002"),
        pytest.param("osce-country-report-2002", "003_1219c051c1d06cd3.txt", 2002, id="003"),
        pytest.param("state-factsheet-2016", "004_0326bd102a3e1058.txt", 2016, id="004"),
    ],
)
def test_reference_years_from_catalogue(corpus: Corpus, doc_id: str, file: str, year: int) -> None:
    """The catalogue gives each bundled report its id, file and reference year."""
    doc = corpus[doc_id]
    assert doc.path is not None
    assert (doc.path.name, doc.year) == (file, year)
    assert doc.title


def test_catalogue_dates(corpus: Corpus) -> None:
    """Catalogue dates are read as dates; a month alone is its first day."""
    assert corpus["tip-report-2005-usg"].published == dt.date(2005, 6, 3)
    assert corpus["ag-assessment-2009"].published == dt.date(2009, 6, 1)
    assert corpus["achievements-2001-2008"].published is None


@pytest.mark.parametrize(
    "doc_id",
    [
        "achievements-2001-2008",
        "tip-report-2005-usg",
        "ag-assessment-2009",
        "osce-country-report-2002",
        "state-factsheet-2016",
    ],
)
def test_structure_slices_back(corpus: Corpus, doc_id: str) -> None:
    """Sections, blocks and sentences index the text: text[span] is what they hold."""
    doc = corpus[doc_id]
    text = doc.text
    assert doc.sections
    for i, section in enumerate(doc.sections):
        assert section.index == i
        assert text[section.heading_span[0] : section.heading_span[1]] == section.heading
        assert section.span[0] <= section.heading_span[0] <= section.heading_span[1]
        assert section.heading_span[1] <= section.span[1] <= len(text)
        assert section.path[-1] == section.heading
    for i, block in enumerate(doc.blocks):
        assert block.index == i
        assert text[block.span[0] : block.span[1]] == block.text
        assert block.text == block.text.strip()
    starts = [s.span[0] for s in doc.sentences]
    assert starts == sorted(starts)
    for i, sentence in enumerate(doc.sentences):
        assert sentence.index == i
        assert text[sentence.span[0] : sentence.span[1]] == sentence.text
        block = doc.blocks[sentence.block]
        assert block.span[0] <= sentence.span[0] <= sentence.span[1] <= block.span[1]


@pytest.mark.parametrize(
    ("doc_id", "offset_of", "path_ends"),
    [
        pytest.param(
            "achievements-2001-2008",
            "certified 1248",
            "Protection: Protecting and Assisting Human Trafficking Victims",
            id="achievements-protection",
        ),
        pytest.param(
            "tip-report-2005-usg", "received 520", "Immigration Benefits", id="tip-immigration"
        ),
    ],
)
def test_section_path(corpus: Corpus, doc_id: str, offset_of: str, path_ends: str) -> None:
    """section_path gives the headings above an offset, the nearest last."""
    doc = corpus[doc_id]
    assert doc.section_path(doc.text.index(offset_of))[-1] == path_ends
