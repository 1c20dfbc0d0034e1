"""Reading reports as people get them: PDF files and web pages.

The web pages are hand-written in ``tests/data/ingest/``: an agency press release and a
fact sheet, each with the navigation, scripts and page chrome real pages carry.
The PDF is generated here with ``fpdf2``: a two-page report in the genre with a running
header, page numbers, a word hyphenated at a line end and a hyphenated compound, so that
the test reads a real PDF through ``pypdf``.
The repair cases for page text are written after the text ``pypdf`` gives for such pages.
"""

from __future__ import annotations

import builtins
import importlib.util
from pathlib import Path

import pytest

from tipcorpus import Corpus
from tipcorpus.document import Document
from tipcorpus.errors import MissingExtra
from tipcorpus.ingest import (
    assemble_pages,
    extract_html,
    extract_pdf,
    page_of,
    read_document,
    sniff_format,
)

DATA = Path(__file__).parent / "data" / "ingest"

HEADER = "Attorney General's Annual Report to Congress on U.S. Government Activities"

#: The lines of each page of the generated PDF, below its running header.
PDF_PAGES = (
    (
        "I. Investigations",
        "",
        "In FY 2012, ICE opened 894 human trafficking investigations and HHS certified",
        "469 victims. Investigators worked with victim specialists on traffick-",
        "ing cases across the country, and trafficking task forces grew.",
    ),
    (
        "II. Prevention",
        "",
        "The Department of State funded 36 anti-",
        "trafficking projects in FY 2012. In FY 2011, DOJ charged 118 defendants",
        "in human trafficking prosecutions.",
    ),
)


def _has(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


needs_pdf_tools = pytest.mark.skipif(
    not (_has("pypdf") and _has("fpdf")),
    reason="writing and reading a PDF needs fpdf2 and pypdf (pip install 'tipcorpus[pdf]' fpdf2)",
)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page PDF report with a running header and page numbers in the footer."""
    from fpdf import FPDF

    pdf = FPDF(format="letter")
    pdf.set_auto_page_break(auto=False)
    pdf.set_font("Helvetica", size=11)
    for number, lines in enumerate(PDF_PAGES, start=1):
        pdf.add_page()
        pdf.set_xy(20, 10)
        pdf.cell(0, 6, HEADER)
        for row, line in enumerate(lines):
            pdf.set_xy(20, 25 + 6 * row)
            pdf.cell(0, 6, line)
        pdf.set_xy(100, 265)
        pdf.cell(0, 6, str(number))
    path = tmp_path_factory.mktemp("pdf") / "ag-report-2012.pdf"
    pdf.output(str(path))
    return path


# --------------------------------------------------------------------------- sniffing

SNIFF_CASES = [
    pytest.param(b"%PDF-1.4\n%\xe2\xe3", ".txt", "pdf", id="pdf-magic-wins-over-suffix"),
    pytest.param(b"\n\n%PDF-1.7", "", "pdf", id="pdf-after-leading-junk"),
    pytest.param(b"<!DOCTYPE html><html>", ".txt", "html", id="doctype"),
    pytest.param(b"\xef\xbb\xbf <HTML lang=en>", "", "html", id="bom-and-upper-case"),
    pytest.param(b'<?xml version="1.0"?><html xmlns="x">', "", "html", id="xhtml"),
    pytest.param(b"<div>Fact sheet</div>", ".htm", "html", id="fragment-named-htm"),
    pytest.param(b"<div>Fact sheet</div>", ".md", "text", id="markup-in-markdown"),
    pytest.param(b"# Report\n\nIn FY 2012 ...", ".pdf", "text", id="text-named-pdf"),
]


@pytest.mark.parametrize(("data", "suffix", "expected"), SNIFF_CASES)
def test_sniff_format(data: bytes, suffix: str, expected: str) -> None:
    """The format is told by content; the suffix only decides markup fragments."""
    assert sniff_format(data, suffix) == expected


def test_text_file_read_unchanged(tmp_path: Path) -> None:
    """A text file is read byte for byte as before, line ends and all."""
    path = tmp_path / "memo.txt"
    path.write_bytes(b"In FY 2007, HHS certified\r\n1,248 victims.\r\n")
    extracted = read_document(path)
    assert (extracted.text, extracted.source_format, extracted.encoding, extracted.pages) == (
        "In FY 2007, HHS certified\r\n1,248 victims.\r\n",
        "text",
        "utf-8",
        None,
    )


# --------------------------------------------------------------------------- PDF repair

HYPHEN_CASES = [
    pytest.param(
        ["Victims of traffick-\ning were found. Trafficking rose."],
        "Victims of trafficking\nwere found. Trafficking rose.",
        id="soft-break-joined-when-word-known",
    ),
    pytest.param(
        ["The State funded anti-\ntrafficking projects."],
        "The State funded anti-trafficking\nprojects.",
        id="compound-keeps-hyphen",
    ),
    pytest.param(
        ["Victims of traffick-\ning were found."],
        "Victims of traffick-ing\nwere found.",
        id="unknown-word-keeps-hyphen",
    ),
    pytest.param(
        [
            "The Senior Policy Operating Group is an interagency body; "
            "the Inter-\nAgency Task Force."
        ],
        "The Senior Policy Operating Group is an interagency body; the Inter-Agency\nTask Force.",
        id="capital-after-hyphen-is-compound",
    ),
    pytest.param(
        ["DOJ charged 118 defendants in 2011-\n2012 and prosecutions rose."],
        "DOJ charged 118 defendants in 2011-\n2012 and prosecutions rose.",
        id="number-ranges-untouched",
    ),
    pytest.param(
        ["Investigators helped victims.\nThey found traffick-", "ing cases. Trafficking."],
        "Investigators helped victims.\nThey found trafficking\n\ncases. Trafficking.",
        id="across-a-page-break",
    ),
]


@pytest.mark.parametrize(("pages", "expected"), HYPHEN_CASES)
def test_line_end_hyphens(pages: list[str], expected: str) -> None:
    """A hyphenated line end is joined only into a word the document uses elsewhere."""
    assert assemble_pages(pages).text == expected


def test_running_header_and_page_numbers_removed() -> None:
    """Lines repeating at the edge of most pages and page numbers go; sentences stay."""
    pages = [
        f"Annual Report {2012}\nIn FY 2012, ICE opened {n}00 cases.\nPage {n} of 3"
        for n in range(1, 4)
    ]
    extracted = assemble_pages(pages)
    assert extracted.text == (
        "In FY 2012, ICE opened 100 cases.\n\n"
        "In FY 2012, ICE opened 200 cases.\n\n"
        "In FY 2012, ICE opened 300 cases."
    )
    assert extracted.removed == tuple(
        item for n in range(1, 4) for item in ((n, "Annual Report 2012"), (n, f"Page {n} of 3"))
    )


def test_single_page_keeps_its_first_line() -> None:
    """One page has no running header: only a bare page number is dropped."""
    extracted = assemble_pages(["Fact Sheet\nHHS certified 469 victims.\n- 4 -"])
    assert (extracted.text, extracted.removed) == (
        "Fact Sheet\nHHS certified 469 victims.",
        ((1, "- 4 -"),),
    )


def test_page_spans_cover_each_page() -> None:
    """Each page's span slices out exactly that page's text."""
    extracted = assemble_pages(["First page.", "Second page.", "Third page."])
    assert extracted.pages is not None
    assert [extracted.text[a:b] for a, b in extracted.pages] == [
        "First page.",
        "Second page.",
        "Third page.",
    ]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        pytest.param(0, 1, id="start"),
        pytest.param(10, 1, id="end-of-first"),
        pytest.param(11, 1, id="separator-belongs-before"),
        pytest.param(12, 2, id="start-of-second"),
        pytest.param(20, 2, id="end"),
        pytest.param(21, None, id="past-the-end"),
        pytest.param(-1, None, id="negative"),
    ],
)
def test_page_of(offset: int, expected: int | None) -> None:
    """An offset maps to the page holding it, numbered from 1."""
    assert page_of(((0, 10), (12, 20)), offset) == expected


# --------------------------------------------------------------------------- PDF end to end


@needs_pdf_tools
def test_pdf_text(report_pdf: Path) -> None:
    """The PDF's text lacks the running header and page numbers, and hyphen breaks are repaired."""
    extracted = read_document(report_pdf)
    assert extracted.source_format == "pdf"
    assert HEADER not in extracted.text
    assert extracted.removed == ((1, HEADER), (1, "1"), (2, HEADER), (2, "2"))
    assert "specialists on trafficking\ncases" in extracted.text
    assert "funded 36 anti-trafficking\nprojects" in extracted.text


STATISTIC_CASES = [
    pytest.param("894", 894, "FY2012", ("ICE",), 1, id="ice-investigations"),
    pytest.param("469", 469, "FY2012", ("HHS",), 1, id="hhs-victims-next-line"),
    pytest.param("36", 36, "FY2012", ("DOS",), 2, id="state-projects-after-compound"),
    pytest.param("118", 118, "FY2011", ("DOJ",), 2, id="doj-defendants"),
]


@needs_pdf_tools
@pytest.mark.parametrize(("surface", "value", "period", "agencies", "page"), STATISTIC_CASES)
def test_pdf_statistics(
    report_pdf: Path,
    *,
    surface: str,
    value: int,
    period: str,
    agencies: tuple[str, ...],
    page: int,
) -> None:
    """Statistics of a PDF have their values, periods, agencies, spans and pages."""
    document = Corpus.from_path(report_pdf)["ag-report-2012"]
    found = [s for s in document.statistics if s.surface == surface]
    assert len(found) == 1
    statistic = found[0]
    start, end = statistic.span
    assert document.text[start:end] == surface
    assert document.page_at(start) == page
    assert f"p. {page}, chars {start}-{end}" in statistic.cite()
    assert (statistic.value, str(statistic.period), statistic.agency_ids) == (
        value,
        period,
        agencies,
    )


@needs_pdf_tools
def test_pdf_found_in_directory(report_pdf: Path) -> None:
    """A directory's PDFs are documents of the corpus, with their pages."""
    corpus = Corpus.from_path(report_pdf.parent)
    assert list(corpus) == ["ag-report-2012"]
    document = corpus["ag-report-2012"]
    assert document.pages is not None
    assert len(document.pages) == 2


@needs_pdf_tools
def test_damaged_pdf(tmp_path: Path) -> None:
    """A file that starts like a PDF but is not one is a DecodeError naming the file."""
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(ValueError, match=r"broken\.pdf: cannot decode as pdf"):
        read_document(path)


def test_missing_pdf_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pypdf, reading a PDF raises MissingExtra naming the 'pdf' extra."""
    real_import = builtins.__import__

    def no_pypdf(name: str, *args: object, **kwargs: object) -> object:
        if name == "pypdf" or name.startswith("pypdf."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    with pytest.raises(MissingExtra, match=r"pip install 'tipcorpus\[pdf\]'") as caught:
        extract_pdf(b"%PDF-1.4")
    assert (caught.value.extra, caught.value.module) == ("pdf", "pypdf")


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize(
    ("name", "noise"),
    [
        pytest.param("press-release.html", "Skip to main content", id="press-page-header"),
        pytest.param("press-release.html", "Newsroom", id="press-nav"),
        pytest.param("press-release.html", "dataLayer", id="press-script"),
        pytest.param("press-release.html", "font-family", id="press-style"),
        pytest.param("press-release.html", "Page last reviewed", id="press-page-footer"),
        pytest.param("fact-sheet.htm", "tracking pixels", id="sheet-script-in-head"),
        pytest.param("fact-sheet.htm", "Office 2008", id="sheet-role-navigation"),
        pytest.param("fact-sheet.htm", "rate this page", id="sheet-hidden"),
        pytest.param("fact-sheet.htm", "Enable JavaScript", id="sheet-noscript"),
    ],
)
def test_html_noise_dropped(name: str, noise: str) -> None:
    """Scripts, styles, navigation, hidden parts and page chrome are not in the text."""
    assert noise not in read_document(DATA / name).text


@pytest.mark.parametrize(
    ("name", "line"),
    [
        pytest.param(
            "press-release.html",
            "# ICE Announces Results of Human Trafficking Enforcement",
            id="h1-in-article-header",
        ),
        pytest.param("press-release.html", "January 10, 2013", id="article-date-kept"),
        pytest.param("press-release.html", "## Victims", id="h2"),
        pytest.param(
            "fact-sheet.htm", "# Fact Sheet: Combating Trafficking in Persons", id="title-as-h1"
        ),
        pytest.param(
            "fact-sheet.htm", "- DOJ obtained 141 convictions in FY 2010.", id="bullet-item"
        ),
        pytest.param(
            "press-release.html",
            "In FY 2012, ICE opened 894 human trafficking investigations, "
            "a 20 percent increase over FY 2011.",
            id="paragraph-whitespace-collapsed",
        ),
    ],
)
def test_html_structure_kept(name: str, line: str) -> None:
    """Headings, bullets and paragraphs survive as lines of their own."""
    assert line in read_document(DATA / name).text.splitlines()


def test_html_blocks_separated() -> None:
    """Blocks are separated by blank lines, the items of one list by line breaks."""
    html = "<h2>Protection</h2><p>One.</p><ul><li>A</li><li>B <br>C</li></ul><p>Two.</p>"
    assert extract_html(html).text == "## Protection\n\nOne.\n\n- A\n- B\nC\n\nTwo.\n"


HTML_STATISTICS = [
    pytest.param("press-release", "894", 894, "FY2012", ("ICE",), id="ice-investigations"),
    pytest.param("press-release", "469", 469, "FY2012", ("HHS",), id="hhs-victims"),
    pytest.param("fact-sheet", "181", 181, "FY2010", ("DOJ",), id="doj-defendants-bullet"),
    pytest.param("fact-sheet", "2,535", 2535, "2002–2010", ("USCIS",), id="uscis-t-visas-since"),
]


@pytest.mark.parametrize(("doc", "surface", "value", "period", "agencies"), HTML_STATISTICS)
def test_html_statistics(
    doc: str, surface: str, value: int, period: str, agencies: tuple[str, ...]
) -> None:
    """Statistics of web pages are found with their values, periods and agencies."""
    document = Corpus.from_path(DATA)[doc]
    found = [s for s in document.statistics if s.surface == surface]
    assert len(found) == 1
    start, end = found[0].span
    assert document.text[start:end] == surface
    assert (found[0].value, str(found[0].period), found[0].agency_ids) == (
        value,
        period,
        agencies,
    )
    assert document.page_at(start) is None


def test_html_metadata() -> None:
    """A web page's title and year are inferred from its extracted text."""
    document = Corpus.from_path(DATA)["press-release"]
    assert (document.title, document.pages) == (
        "ICE Announces Results of Human Trafficking Enforcement",
        None,
    )


def test_document_page_at_without_pages() -> None:
    """A document made from text has no pages."""
    assert Document.from_text("In FY 2012, ICE opened 894 cases.").page_at(5) is None
