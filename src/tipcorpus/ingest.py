r"""Reports as people get them: PDF files, Word documents and web pages, read to plain text.

:func:`read_document` looks at a file's first bytes, not only at its name, and hands it to
the reader that fits:

* a PDF (``%PDF-``) goes to :func:`extract_pdf`, which needs the ``pdf`` extra
  (``pip install 'tipcorpus[pdf]'``, which installs ``pypdf``);
* a Word document (a ZIP archive holding ``word/document.xml``) goes to
  :func:`extract_docx`, which needs the ``docx`` extra (``pip install 'tipcorpus[docx]'``,
  which installs ``python-docx``);
* a web page (``<!doctype html``, ``<html``) goes to :func:`extract_html`, which needs only
  the standard library;
* anything else is text, decoded by :func:`tipcorpus.reading.read_text` unchanged.

The text a reader returns is the text the :class:`~tipcorpus.Document` holds, and every
span indexes it, so all repair happens here, before any span exists:

* a PDF's running headers and footers (lines that repeat, digits aside, at the top or
  bottom of most pages) and bare page numbers are dropped, and listed in
  :attr:`ExtractedText.removed`;
* a word hyphenated at a line end (``traffick-`` / ``ing``) is joined when the joined
  word occurs elsewhere in the document unhyphenated (``trafficking``); any other
  line-end hyphen is kept and the word is brought onto one line (``anti-trafficking``);
* a web page loses its scripts, styles, navigation, page header and footer; its headings
  become ``#`` lines and its list items ``-`` bullets, one block per paragraph;
* a Word document is read from its body only (running heads, footnotes, comments and text
  boxes are left out); its headings become ``#`` lines, its list items ``•`` or ``1.``
  lines, and its tables one line per row with cells separated by spaces.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import functools
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from attrs import field, frozen

from tipcorpus.errors import DecodeError, MissingExtra
from tipcorpus.model import Span
from tipcorpus.reading import decode_bytes, read_bytes

if TYPE_CHECKING:
    import regex

__all__ = [
    "ExtractedText",
    "SourceFormat",
    "assemble_pages",
    "extract_docx",
    "extract_html",
    "extract_pdf",
    "page_of",
    "read_document",
    "sniff_format",
]

SourceFormat = Literal["text", "pdf", "html", "docx"]

#: How many bytes of a file are looked at to tell its format.
_SNIFF_BYTES = 2048
#: How many lines at the top and at the bottom of a page may be a running header or footer.
_EDGE_LINES = 2
#: Share of pages a line must repeat on (digits aside) to count as a running header/footer.
_RUNNING_SHARE = 0.5
#: What separates two pages in the extracted text: one blank line, as between paragraphs.
_PAGE_SEPARATOR = "\n\n"
#: The first bytes of a ZIP archive, which a Word (.docx) document is.
_ZIP_MAGIC = b"PK\x03\x04"
#: The part of a ZIP archive that makes it a Word document.
_DOCX_PART = b"word/document.xml"
#: The largest web page read, in characters.
MAX_HTML_CHARS = 50_000_000
#: The largest part of a Word document, unpacked, in bytes (long reports use a few MB).
MAX_DOCX_PART_BYTES = 200_000_000
#: The most all parts of a Word document may unpack to, in bytes.
MAX_DOCX_TOTAL_BYTES = 400_000_000
#: The most a part above a few megabytes may be compressed (XML text compresses 5 to 20
#: times; a part of nothing but whitespace, a thousand times).
MAX_DOCX_RATIO = 100
_DOCX_RATIO_FROM = 4_000_000


@frozen
class ExtractedText:
    """The text read out of a file, and what reading it did.

    Attributes:
        text: the text; a document made from it indexes every span into it.
        pages: for a PDF, the ``(start, end)`` span of each page's text, in page order;
            None for other formats.
        source_format: ``"pdf"``, ``"docx"``, ``"html"`` or ``"text"``.
        encoding: the encoding the bytes were decoded with, for text and web pages.
        removed: the running headers, footers and page numbers left out, as
            ``(page number, line)`` pairs, pages numbered from 1.

    """

    text: str = field(repr=False)
    pages: tuple[Span, ...] | None = None
    source_format: SourceFormat = "text"
    encoding: str | None = None
    removed: tuple[tuple[int, str], ...] = ()

    def page_at(self, offset: int) -> int | None:
        """The page (numbered from 1) that holds ``offset``, or None without pages."""
        return page_of(self.pages, offset)


def page_of(pages: Sequence[Span] | None, offset: int) -> int | None:
    """The page (numbered from 1) of ``offset``, given each page's ``(start, end)`` span.

    An offset between two pages belongs to the page before it.

    >>> page_of(((0, 10), (12, 20)), 11)
    1
    >>> page_of(((0, 10), (12, 20)), 12)
    2
    >>> page_of(None, 3) is None
    True

    Args:
        pages: the pages' spans, in order, or None.
        offset: a character offset into the text the spans index.

    Returns:
        The page number, or None when there are no pages or the offset is outside them.

    """
    if not pages or offset < pages[0][0] or offset > pages[-1][1]:
        return None
    return bisect.bisect_right([start for start, _ in pages], offset)


# --------------------------------------------------------------------------- choosing a reader


def sniff_format(data: bytes, suffix: str = "") -> SourceFormat:
    r"""The format of a file, told by its first bytes, its name only breaking ties.

    >>> sniff_format(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_format(b"\xef\xbb\xbf  <!DOCTYPE html><html>...")
    'html'
    >>> sniff_format(b"<p>Fact sheet</p>", ".htm")
    'html'
    >>> sniff_format(b"<p>Fact sheet</p>", ".md")
    'text'
    >>> sniff_format(b"PK\x03\x04 ... word/document.xml ...")
    'docx'

    A Word document is a ZIP archive that holds ``word/document.xml``; its bytes are
    searched for that name (the archive's directory, at its end, lists it), and a ZIP
    archive named ``.docx`` counts too, so that a damaged one is reported as such.

    Args:
        data: the file's bytes (the first two kilobytes are enough, but for a Word
            document, whose parts are listed at the end of the file).
        suffix: the file's suffix (``".html"``), if any.

    Returns:
        ``"pdf"``, ``"docx"``, ``"html"`` or ``"text"``.

    """
    head = data[:_SNIFF_BYTES]
    if head.startswith(_ZIP_MAGIC) and (_DOCX_PART in data or suffix.lower() == ".docx"):
        return "docx"
    # The PDF specification allows junk before the header within the first kilobyte.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    if suffix.lower() in (".html", ".htm", ".xhtml") and start.startswith(b"<"):
        return "html"
    if start.startswith(b"<?xml") and b"<html" in start:
        return "html"
    return "text"


def read_document(
    path: str | Path, *, encoding: str | None = None, errors: str = "strict"
) -> ExtractedText:
    """Read a report file of any supported format to text.

    The format is told by content (:func:`sniff_format`): a PDF or Word document renamed
    ``.txt`` is still read as one, and a text file is read exactly as
    :func:`~tipcorpus.reading.read_text` reads it.

    Args:
        path: the file.
        encoding: the encoding of a text file or web page, instead of detecting it.
        errors: the codec error handler for text files and web pages.

    Returns:
        The extracted text, with page spans for a PDF.

    Raises:
        DocumentNotFound: the path does not exist or is a directory.
        DecodeError: the file cannot be decoded, or a PDF or Word document cannot be read.
        MissingExtra: a PDF without the ``pdf`` extra installed, or a Word document
            without the ``docx`` extra.

    """
    path = Path(path)
    # Regular files only, with every refusal worded as read_text words it.
    data = read_bytes(path)
    kind = sniff_format(data, path.suffix)
    if kind == "pdf":
        return extract_pdf(data, path=path)
    if kind == "docx":
        return extract_docx(data, path=path)
    text, used = decode_bytes(data, path=path, encoding=encoding, errors=errors)
    if kind == "html":
        try:
            return _with_encoding(extract_html(text), used)
        except DecodeError as error:
            raise DecodeError(path, error.offset, error.encoding, error.reason) from None
    return ExtractedText(text, None, "text", used)


def _with_encoding(extracted: ExtractedText, encoding: str) -> ExtractedText:
    return ExtractedText(
        extracted.text, extracted.pages, extracted.source_format, encoding, extracted.removed
    )


# --------------------------------------------------------------------------- PDF


def extract_pdf(data: bytes, *, path: Path | None = None) -> ExtractedText:
    r"""The text of a PDF, page by page, with running headers, footers and page numbers left out.

    Pages are read with ``pypdf`` in content-stream order and separated by a blank line;
    :attr:`ExtractedText.pages` holds each page's span.
    Words hyphenated at a line end are joined as the module docstring says.

    Args:
        data: the PDF's bytes.
        path: the file they were read from, named in errors.

    Returns:
        The extracted text.

    Raises:
        MissingExtra: ``pypdf`` is not installed.
        DecodeError: the PDF is damaged or encrypted.

    """
    try:
        import pypdf  # noqa: PLC0415 - an optional extra, imported on use
    except ImportError:
        raise MissingExtra("reading PDF files", "pdf", "pypdf") from None
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        raw_pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many kinds for damaged files
        raise DecodeError(path, 0, "pdf", f"cannot read the PDF: {error}") from None
    return assemble_pages(raw_pages)


def assemble_pages(raw_pages: Sequence[str]) -> ExtractedText:
    r"""Join the text of PDF pages into one text, repaired as the module docstring says.

    Exposed so that text from any PDF library, or pages cut at ``\f``, can be repaired the
    same way.

    >>> pages = ["Annual Report\nIn FY 2012, ICE opened 894 traffick-\ning cases.\n1",
    ...          "Annual Report\nTrafficking cases rose.\n2"]
    >>> out = assemble_pages(pages)
    >>> print(out.text)
    In FY 2012, ICE opened 894 trafficking
    cases.
    <BLANKLINE>
    Trafficking cases rose.
    >>> out.removed
    ((1, 'Annual Report'), (1, '1'), (2, 'Annual Report'), (2, '2'))

    Args:
        raw_pages: each page's text, lines separated by ``\n``.

    Returns:
        The text, the pages' spans and what was removed.

    """
    pages = [
        [line.rstrip() for line in _pdf_patterns().line_ends.split(page)] for page in raw_pages
    ]
    removed: list[tuple[int, str]] = []
    running = _running_lines(pages)
    for number, lines in enumerate(pages, start=1):
        kept = _drop_edges(lines, running, number, removed)
        lines[:] = kept
    vocabulary = _vocabulary(pages)
    texts = [_join_hyphenated(lines, vocabulary) for lines in pages]
    spans: list[Span] = []
    parts: list[str] = []
    offset = 0
    for text in texts:
        if parts:
            parts.append(_PAGE_SEPARATOR)
            offset += len(_PAGE_SEPARATOR)
        spans.append((offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    _join_across_pages(parts, spans, vocabulary)
    return ExtractedText("".join(parts), tuple(spans), "pdf", None, tuple(removed))


@frozen
class _PdfPatterns:
    line_ends: re.Pattern[str]
    page_number: re.Pattern[str]
    digits: re.Pattern[str]
    word: re.Pattern[str]
    broken_end: re.Pattern[str]
    next_word: re.Pattern[str]


@functools.cache
def _pdf_patterns() -> _PdfPatterns:
    """The PDF reader's patterns, compiled on first use (nothing is built at import time)."""
    return _PdfPatterns(
        line_ends=re.compile(r"\r\n|\r|\n"),
        # A bare page number: "12", "- 12 -", "Page 12", "Page 12 of 40", "iv".
        page_number=re.compile(
            r"""
            ^\s*
            (?:page\s+)?                 # "Page 12"
            [-–—]?\s*                    # "- 12 -"
            (?:\d{1,4}|[ivxlc]{1,6})     # arabic or roman numeral
            \s*[-–—]?
            (?:\s+of\s+\d{1,4})?         # "of 40"
            \s*$
            """,
            re.IGNORECASE | re.VERBOSE,
        ),
        # Digits vary from page to page in a running header ("Report 2012 | 7").
        digits=re.compile(r"\d+"),
        word=re.compile(r"[^\W\d_]+"),
        # A line that ends in a word broken by a hyphen, and the next line's first word.
        broken_end=re.compile(r"([^\W\d_]+)-$"),
        next_word=re.compile(r"^\s*([^\W\d_]+)(.*)$", re.DOTALL),
    )


def _edge_indexes(lines: Sequence[str]) -> list[int]:
    """Indexes of the first and last few non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def _running_key(line: str) -> str:
    key = " ".join(line.split()).lower()
    # Page numbers vary inside a running header ("Report 2012 | 7"), but a sentence
    # whose figures differ from page to page is text: only lines that do not end a
    # sentence are compared digits aside.
    if key.endswith((".", "!", "?", ":", ";")):
        return key
    return _pdf_patterns().digits.sub("#", key)


def _running_lines(pages: Sequence[Sequence[str]]) -> frozenset[str]:
    """Keys of the lines that repeat at the top or bottom of most pages."""
    if len(pages) < 2:
        return frozenset()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_running_key(lines[i]) for i in _edge_indexes(lines)})
    needed = max(2, int(len(pages) * _RUNNING_SHARE) + 1)
    return frozenset(key for key, count in seen.items() if count >= needed)


def _drop_edges(
    lines: list[str], running: frozenset[str], number: int, removed: list[tuple[int, str]]
) -> list[str]:
    edges = set(_edge_indexes(lines))
    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in edges and (
            _running_key(line) in running or _pdf_patterns().page_number.match(line)
        ):
            removed.append((number, line.strip()))
            continue
        kept.append(line)
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


def _vocabulary(pages: Sequence[Sequence[str]]) -> frozenset[str]:
    """The words of the document, lower-cased, as written whole (not at a line-end hyphen)."""
    words: set[str] = set()
    patterns = _pdf_patterns()
    for lines in pages:
        for line in lines:
            # The fragment before a line-end hyphen is not a word of its own.
            body = patterns.broken_end.sub("", line)
            words.update(w.lower() for w in patterns.word.findall(body))
    return frozenset(words)


def _join_pair(first: str, second: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """``first`` and ``second`` with a word broken at ``first``'s end hyphen made whole.

    Returns None when ``first`` does not end in a broken word.
    """
    patterns = _pdf_patterns()
    end = patterns.broken_end.search(first)
    start = patterns.next_word.match(second)
    if end is None or start is None:
        return None
    head, tail = end.group(1), start.group(1)
    joined = (head + tail).lower()
    # A soft break only splits a word in lower case ("traffick-" / "ing"); a capital
    # after the hyphen is a compound ("U.S.-" / "Mexico").
    hyphen = "" if tail[0].islower() and joined in vocabulary else "-"
    return first[: end.end(1)] + hyphen + tail, start.group(2).lstrip()


def _join_hyphenated(lines: list[str], vocabulary: frozenset[str]) -> str:
    out = list(lines)
    i = 0
    while i < len(out) - 1:
        pair = _join_pair(out[i], out[i + 1], vocabulary)
        if pair is not None:
            out[i], rest = pair
            if rest:
                out[i + 1] = rest
            else:
                del out[i + 1]
        i += 1
    return "\n".join(out)


def _join_across_pages(parts: list[str], spans: list[Span], vocabulary: frozenset[str]) -> None:
    """Make whole a word broken by a hyphen at the end of one page and the start of the next.

    ``parts`` alternates page texts and separators; ``spans`` are updated in place.
    """
    for page in range(len(spans) - 1):
        first, second = parts[2 * page], parts[2 * page + 2]
        cut = first.rfind("\n") + 1
        line_end = second.find("\n")
        line_end = len(second) if line_end < 0 else line_end
        pair = _join_pair(first[cut:], second[:line_end], vocabulary)
        if pair is None:
            continue
        last, rest = pair
        parts[2 * page] = first[:cut] + last
        parts[2 * page + 2] = rest + second[line_end:] if rest else second[line_end + 1 :]
        # Every page from here on moves by the change in length of the two pages.
        offset = 0
        for n in range(len(spans)):
            if n:
                offset += len(_PAGE_SEPARATOR)
            spans[n] = (offset, offset + len(parts[2 * n]))
            offset += len(parts[2 * n])


# --------------------------------------------------------------------------- HTML

# Elements whose content is never report text.
_SKIPPED = frozenset(
    ["script", "style", "nav", "noscript", "template", "svg", "iframe", "form", "button"]
)
# Roles that mark navigation and page chrome.
_SKIPPED_ROLES = frozenset(["navigation", "banner", "contentinfo", "search", "menu"])
# Elements that start and end a block of text.
_BLOCKS = frozenset(
    [
        "p", "div", "section", "article", "main", "aside", "blockquote", "pre", "table",
        "tr", "dl", "dt", "dd", "figure", "figcaption", "address", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "body", "caption",
    ]
)  # fmt: skip
# Elements that carry no end tag.
_VOID = frozenset(
    ["br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"]
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _TextCollector:
    """Collects a web page's report text as blocks, leaving page chrome out.

    :func:`_collect` feeds it the events of the standard library's HTML parser.
    """

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.bullets: list[bool] = []
        self.title = ""
        self._line: list[str] = []
        self._lines: list[str] = []
        self._prefix = ""
        self._stack: list[tuple[str, bool]] = []  # (tag, whether it is skipped)
        self._open: Counter[str] = Counter()  # how many of each tag the stack holds
        self._skip_depth = 0
        self._in_title = False
        self._lists = 0
        self._content = 0  # depth inside <main> or <article>
        self._pre = 0
        self.has_h1 = False

    # -- tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and not self._skip_depth:
                self._break_line()
            return
        skipped = self._skipped(tag, dict(attrs))
        self._stack.append((tag, skipped))
        self._open[tag] += 1
        if skipped:
            self._skip_depth += 1
            return
        if self._skip_depth:
            return
        if tag == "title":
            self._in_title = True
        elif tag in ("main", "article"):
            self._content += 1
        elif tag in ("ul", "ol"):
            self._lists += 1
        elif tag == "pre":
            self._pre += 1
        if tag in _BLOCKS:
            self._end_block()
            if tag in _HEADINGS:
                self._prefix = "#" * _HEADINGS[tag] + " "
                self.has_h1 = self.has_h1 or tag == "h1"
            elif tag == "li":
                self._prefix = "  " * max(self._lists - 1, 0) + "- "
        elif tag in ("td", "th") and self._line:
            self._line.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not self._open[tag]:
            return  # a stray end tag (counted, so that thousands of them stay linear)
        while self._stack:
            open_tag, skipped = self._stack.pop()
            self._open[open_tag] -= 1
            if skipped:
                self._skip_depth -= 1
            elif not self._skip_depth:
                self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in ("main", "article"):
            self._content -= 1
        elif tag in ("ul", "ol"):
            self._lists -= 1
        elif tag == "pre":
            self._pre -= 1
        if tag in _BLOCKS or tag == "tr":
            self._end_block()

    def _skipped(self, tag: str, attrs: dict[str, str | None]) -> bool:
        if tag in _SKIPPED or "hidden" in attrs or attrs.get("aria-hidden") == "true":
            return True
        if (attrs.get("role") or "").lower() in _SKIPPED_ROLES:
            return True
        # A page's own header and footer hold navigation and boilerplate; an article's
        # header holds its title and date, and is kept.
        return tag in ("header", "footer") and not self._content

    # -- text

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in_title:
            self.title += data
            return
        if self._pre:
            for i, piece in enumerate(data.split("\n")):
                if i:
                    self._break_line()
                self._line.append(piece)
            return
        self._line.append(data)

    def _break_line(self) -> None:
        line = " ".join("".join(self._line).split()) if not self._pre else "".join(self._line)
        self._line = []
        if line.strip():
            self._lines.append(line.rstrip())

    def _end_block(self) -> None:
        self._break_line()
        if self._lines:
            body = "\n".join(self._lines)
            self.blocks.append(self._prefix + body)
            self.bullets.append(self._prefix.lstrip().startswith("- "))
        self._lines = []
        self._prefix = ""

    def close(self) -> None:
        """Flush the last block."""
        self._end_block()


def _unterminated_as_text(html: str) -> str:
    """``html`` with markup that can never be completed written as text (``&lt;``).

    The standard library's parser rescans the rest of the page for every ``<`` that
    opens a tag, comment or declaration it cannot close, which is quadratic: 80,000
    ``<a`` or 40,000 ``<!--`` take minutes. A ``<`` after the page's last ``>``, and a
    ``<!--`` after its last ``-->``, can never be closed, and the parser would read them
    as text in the end; they are escaped first, so it reads them as text at once.
    """
    last = html.rfind(">")
    head, tail = html[: last + 1], html[last + 1 :]
    if "<!--" in head:
        closed = head.rfind("-->")
        cut = closed + 3 if closed >= 0 else 0
        head = head[:cut] + head[cut:].replace("<!--", "&lt;!--")
    return head + tail.replace("<", "&lt;")


def _collect(html: str) -> _TextCollector:
    """The collector, fed every tag and piece of text of ``html``."""
    from html.parser import HTMLParser  # noqa: PLC0415  (only web pages need it)

    collector = _TextCollector()

    class _Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            collector.handle_starttag(tag, attrs)

        def handle_endtag(self, tag: str) -> None:
            collector.handle_endtag(tag)

        def handle_data(self, data: str) -> None:
            collector.handle_data(data)

    parser = _Parser(convert_charrefs=True)
    parser.feed(_unterminated_as_text(html))
    parser.close()
    collector.close()
    return collector


def extract_html(html: str) -> ExtractedText:
    """The report text of a web page, as markdown-like plain text.

    Scripts, styles, forms, navigation (``<nav>``, ``role="navigation"``), hidden
    elements and the page's own ``<header>`` and ``<footer>`` are left out (a header or
    footer inside ``<main>`` or ``<article>`` is kept).
    Headings become ``#`` lines (``<h2>`` → ``## ``), list items ``-`` bullets, table rows
    lines with cells separated by ``|``, and blocks are separated by blank lines.
    When the page has no ``<h1>``, its ``<title>`` becomes the first heading.

    >>> print(extract_html("<html><title>ICE</title><nav>Home</nav>"
    ...                    "<p>In FY 2012, ICE opened <b>894</b> cases.</p></html>").text, end="")
    # ICE
    <BLANKLINE>
    In FY 2012, ICE opened 894 cases.

    Args:
        html: the page's markup.

    Returns:
        The extracted text.

    """
    if len(html) > MAX_HTML_CHARS:
        raise DecodeError(
            None,
            0,
            "html",
            f"a web page of {len(html):,} characters is larger than {MAX_HTML_CHARS:,}; "
            "save its text and read that instead",
        )
    collector = _collect(html)
    blocks, bullets = collector.blocks, collector.bullets
    title = " ".join(collector.title.split())
    if title and not collector.has_h1:
        blocks, bullets = [f"# {title}", *blocks], [False, *bullets]
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            # The items of one list stay together, as in markdown.
            parts.append("\n" if bullets[i] and bullets[i - 1] else "\n\n")
        parts.append(block)
    return ExtractedText("".join(parts) + ("\n" if parts else ""), None, "html")


# --------------------------------------------------------------------------- Word (.docx)

#: The namespaces of WordprocessingML and of markup compatibility, in lxml's tag form.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

#: Elements whose content is not body text: text boxes, drawings and embedded objects
#: (with the alternative renderings that hold them), tracked deletions and the old place
#: of moved text, properties, and the marks of footnotes and comments.
_DOCX_SKIPPED = frozenset(
    [
        f"{_W}txbxContent", f"{_MC}AlternateContent", f"{_W}drawing", f"{_W}pict",
        f"{_W}object", f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr",
        f"{_W}footnoteReference", f"{_W}endnoteReference", f"{_W}commentReference",
    ]
)  # fmt: skip
#: Elements that only wrap body content (content controls, custom XML, tracked moves).
_DOCX_WRAPPERS = frozenset(
    [f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag", f"{_W}ins",
     f"{_W}moveTo", f"{_W}hyperlink", f"{_W}fldSimple", f"{_W}dir", f"{_W}bdo"]
)  # fmt: skip
#: How a tab is written: two spaces, which :mod:`tipcorpus.tables` reads as a cell break.
_DOCX_TAB = "  "
#: What separates the cells of a table row (two or more spaces make a cell break).
_DOCX_CELL_SEPARATOR = "    "
#: What stands in an empty cell of a table's data row, so its columns stay aligned.
_DOCX_EMPTY_CELL = "—"
#: The longest paragraph, all in bold, that is taken for a heading.
_DOCX_BOLD_HEADING_WORDS = 12
_DOCX_BOLD_HEADING_CHARS = 120
#: Markdown heading levels: ``Title`` is 1, ``Heading 1`` is 2 ... (markdown stops at 6).
_DOCX_MAX_LEVEL = 6


@frozen
class _DocxPatterns:
    heading_style: regex.Pattern[str]
    toc_style: regex.Pattern[str]
    caption: regex.Pattern[str]
    soft_break: regex.Pattern[str]
    symbol_bullet: regex.Pattern[str]


@functools.cache
def _docx_patterns() -> _DocxPatterns:
    """The Word reader's patterns, compiled on first use (nothing is built at import time)."""
    import regex  # noqa: PLC0415  (only the Word reader uses it)

    flags = regex.VERBOSE | regex.IGNORECASE | regex.V1
    return _DocxPatterns(
        heading_style=regex.compile(
            r"""
            heading [ ]* (?P<level>[1-9])   # "Heading 2", or "heading 2" as styles.xml has it
            """,
            flags,
        ),
        toc_style=regex.compile(
            r"""
            toc                             # a table of contents' styles: "toc 1" ...
            (?: [ ]* [1-9]                  # an entry's level
              | [ ]+ heading )?             # or its own heading, "TOC Heading"
            """,
            flags,
        ),
        caption=regex.compile(
            r"""
            (?: table | exhibit | figure | chart )   # a caption, never a heading in bold
            [ ]+ [\dA-Z]                             # Table 1, Exhibit A
            """,
            flags,
        ),
        soft_break=regex.compile(
            r"""
            [ ]* \n [ \n]*                 # a line break and the spaces around it: one space
            """,
            flags,
        ),
        symbol_bullet=regex.compile(
            r"""
            [\uf000-\uf0ff]                # a bullet typed in the Symbol or Wingdings font
            [ \t]+                          # and the space after it
            """,
            flags,
        ),
    )


class _Node(Protocol):
    """The part of an lxml element that the Word reader uses."""

    @property
    def tag(self) -> object: ...  # a str, but a function for comments

    @property
    def text(self) -> str | None: ...

    def get(self, key: str) -> str | None: ...

    def __iter__(self) -> Iterator[_Node]: ...


@frozen
class _Style:
    """What a paragraph or character style says about headings, lists and bold."""

    name: str
    based_on: str | None
    outline_level: int | None  # w:outlineLvl: 0 for Heading 1 ... 9 for body text
    numbering: tuple[str, int] | None  # (w:numId, w:ilvl)
    bold: bool | None


@frozen
class _Level:
    """One level of a numbered or bulleted list definition."""

    format: str  # w:numFmt: "bullet", "decimal", "lowerLetter" ...
    start: int


@frozen
class _Block:
    """A block of the extracted text: a heading, a paragraph, a list item or a table."""

    text: str
    item: bool = False  # list items of a run are separated by a line end, not a blank line


def _w(name: str) -> str:
    return f"{_W}{name}"


def _child(node: _Node, name: str) -> _Node | None:
    tag = _w(name)
    for child in node:
        if child.tag == tag:
            return child
    return None


def _value(node: _Node | None, *names: str) -> str | None:
    """The ``w:val`` of the element reached from ``node`` through ``names``, or None."""
    for name in names:
        if node is None:
            return None
        node = _child(node, name)
    return node.get(_w("val")) if node is not None else None


def _on(node: _Node | None) -> bool | None:
    """The value of an on/off property such as ``<w:b/>``: None when it is absent."""
    if node is None:
        return None
    return node.get(_w("val")) not in ("0", "false", "off", "none")


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _numbering_ref(properties: _Node | None) -> tuple[str, int] | None:
    """The ``(numId, ilvl)`` of a paragraph's or style's ``w:numPr``, if any."""
    num_pr = _child(properties, "numPr") if properties is not None else None
    if num_pr is None:
        return None
    num_id = _value(num_pr, "numId")
    if num_id is None:
        return None
    return num_id, _int(_value(num_pr, "ilvl")) or 0


class _WordReader:
    """Walks a Word document's body and writes its blocks, as :func:`extract_docx` says."""

    def __init__(self, styles: _Node, numbering: _Node | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._default_style: str | None = None
        for style in styles:
            if style.tag != _w("style"):
                continue
            style_id = style.get(_w("styleId"))
            if style_id is None:
                continue
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self._default_style = style_id
            p_pr, r_pr = _child(style, "pPr"), _child(style, "rPr")
            self._styles[style_id] = _Style(
                name=_value(style, "name") or style_id,
                based_on=_value(style, "basedOn"),
                outline_level=_int(_value(p_pr, "outlineLvl")),
                numbering=_numbering_ref(p_pr),
                bold=_on(_child(r_pr, "b")) if r_pr is not None else None,
            )
        self._levels = _list_levels(numbering) if numbering is not None else {}
        self._counters: dict[str, list[int]] = {}

    # -- styles

    def _chain(self, style_id: str | None) -> Iterator[_Style]:
        """A style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            yield style
            style_id = style.based_on

    def _heading_level(self, style_id: str | None, p_pr: _Node | None) -> int | None:
        """The markdown level of a heading paragraph, or None for any other paragraph."""
        outline = _int(_value(p_pr, "outlineLvl"))
        for style in self._chain(style_id):
            if outline is not None:
                break
            if style.name.lower() == "title":
                return 1
            if (m := _docx_patterns().heading_style.fullmatch(style.name)) is not None:
                return min(int(m["level"]) + 1, _DOCX_MAX_LEVEL)
            outline = style.outline_level
        # Outline level 9 is body text; 0 is the level of Heading 1.
        if outline is not None and 0 <= outline < 9:
            return min(outline + 2, _DOCX_MAX_LEVEL)
        return None

    # -- lists

    def _list_marker(self, style_id: str | None, p_pr: _Node | None) -> str | None:
        """The marker of a list paragraph (``"• "``, ``"  2. "``), or None for another."""
        names = [style.name.lower() for style in self._chain(style_id)]
        # "List Bullet 2" is the second level of a list, whatever its numbering says.
        named = next((n for n in names if n.startswith(("list bullet", "list number"))), None)
        named_depth = (_int(named.rsplit(" ", 1)[-1]) or 1) - 1 if named is not None else 0
        ref = _numbering_ref(p_pr)
        if ref is None:
            ref = next((s.numbering for s in self._chain(style_id) if s.numbering), None)
            if ref is not None and (direct := _int(_value(p_pr, "numPr", "ilvl"))) is not None:
                ref = (ref[0], direct)
        if ref is not None and ref[0] == "0":
            return None  # numbering taken off a paragraph whose style has it
        if ref is None:
            if named is None:
                return None
            # A style named for lists, in a template whose styles carry no numbering.
            ref = (f"style:{named}", named_depth)
        num_id, depth = ref
        level = self._levels.get((num_id, depth))
        if level is None:
            numbered = any("number" in n for n in names)
            level = _Level("decimal" if numbered else "bullet", 1)
        if level.format == "none":
            return None  # a list level without a marker reads as a paragraph
        indent = "  " * max(depth, named_depth)
        if level.format == "bullet":
            return indent + "• "
        counts = self._counters.setdefault(num_id, [])
        while len(counts) <= depth:
            counts.append(0)
        # A new item of a level ends the lists nested under the item before it.
        del counts[depth + 1 :]
        counts[depth] = counts[depth] + 1 if counts[depth] else level.start
        return f"{indent}{_list_number(counts[depth], level.format)}. "

    # -- text

    def _bold(self, run: _Node, paragraph_style: str | None) -> bool:
        """Whether a run is set in bold, directly, by its character style or its paragraph's."""
        r_pr = _child(run, "rPr")
        direct = _on(_child(r_pr, "b")) if r_pr is not None else None
        if direct is not None:
            return direct
        for style_id in (_value(r_pr, "rStyle"), paragraph_style):
            for style in self._chain(style_id):
                if style.bold is not None:
                    return style.bold
        return False

    def _runs(self, node: _Node, paragraph_style: str | None, out: list[tuple[str, bool]]) -> None:
        """Collect the text of the runs under ``node``, each with whether it is bold."""
        for child in node:
            tag = child.tag
            if tag in _DOCX_SKIPPED or not isinstance(tag, str):
                continue
            if tag != _w("r"):
                if tag in _DOCX_WRAPPERS:
                    self._runs(child, paragraph_style, out)
                continue
            pieces: list[str] = []
            for part in child:
                if part.tag == _w("t"):
                    pieces.append(part.text or "")
                elif part.tag in (_w("tab"), _w("ptab")):
                    pieces.append("\t")
                elif part.tag in (_w("br"), _w("cr")):
                    pieces.append("\n")
                elif part.tag == _w("noBreakHyphen"):
                    pieces.append("-")
            if pieces:
                out.append(("".join(pieces), self._bold(child, paragraph_style)))

    def _paragraph(self, p: _Node) -> tuple[str, bool]:
        """A paragraph's text, soft breaks and tabs written out, and whether it is all bold."""
        style_id = _value(p, "pPr", "pStyle") or self._default_style
        runs: list[tuple[str, bool]] = []
        self._runs(p, style_id, runs)
        text = "".join(piece for piece, _ in runs)
        patterns = _docx_patterns()
        text = patterns.soft_break.sub(" ", text).replace("\t", _DOCX_TAB).strip()
        if (bullet := patterns.symbol_bullet.match(text)) is not None:
            text = "• " + text[bullet.end() :]
        bold = bool(text) and all(is_bold for piece, is_bold in runs if piece.strip())
        return text, bold

    # -- blocks

    def blocks(self, container: _Node, out: list[_Block]) -> None:
        """Append the blocks of a body, table cell or content control, in document order."""
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                block = self._paragraph_block(child)
                if block is not None:
                    out.append(block)
            elif tag == _w("tbl"):
                self._table(child, out)
            elif tag in _DOCX_WRAPPERS:
                self.blocks(child, out)

    def _paragraph_block(self, p: _Node) -> _Block | None:
        text, bold = self._paragraph(p)
        if not text:
            return None
        p_pr = _child(p, "pPr")
        style_id = _value(p_pr, "pStyle") or self._default_style
        names = [style.name for style in self._chain(style_id)]
        if names and _docx_patterns().toc_style.fullmatch(names[0]):
            return None  # a table of contents repeats the headings, with page numbers
        level = self._heading_level(style_id, p_pr)
        if level is not None:
            return _Block("#" * level + " " + text)
        marker = self._list_marker(style_id, p_pr)
        if marker is not None:
            return _Block(marker + text, item=True)
        if bold and _bold_heading(text) and "caption" not in (n.lower() for n in names):
            return _Block(f"**{text}**")
        return _Block(text)

    def _table(self, table: _Node, out: list[_Block]) -> None:
        rows = [list(_children(row, "tc")) for row in _children(table, "tr")]
        nested = any(next(_children(cell, "tbl"), None) is not None for row in rows for cell in row)
        if nested or all(len(row) <= 1 for row in rows):
            # A layout table (one cell a row, or tables inside it) frames text; its cells'
            # paragraphs, lists and tables are read as blocks.
            for row in rows:
                for cell in row:
                    self.blocks(cell, out)
            return
        lines: list[str] = []
        for row in rows:
            texts = [self._cell_text(cell) for cell in row]
            if not any(texts):
                continue
            if not lines:
                # The header row: an empty corner cell over the row labels is left out,
                # as tipcorpus.tables aligns a header one cell short from the right.
                cells = [text for text in texts if text]
            else:
                cells = [text or _DOCX_EMPTY_CELL for text in texts]
            lines.append(_DOCX_CELL_SEPARATOR.join(cells))
        if lines:
            out.append(_Block("\n".join(lines)))

    def _cell_text(self, cell: _Node) -> str:
        """A cell's paragraphs on one line, their spaces collapsed so no cell break shows."""
        paragraphs = [self._paragraph(p)[0] for p in _children(cell, "p")]
        return " ".join(" ".join(paragraphs).split())


def _children(node: _Node, name: str) -> Iterator[_Node]:
    """The ``w:<name>`` children of ``node``, in order, looking through content controls."""
    tag = _w(name)
    for child in node:
        if child.tag == tag:
            yield child
        elif child.tag in _DOCX_WRAPPERS:
            yield from _children(child, name)


def _list_levels(numbering: _Node) -> dict[tuple[str, int], _Level]:
    """The format and start of every ``(numId, ilvl)`` of a document's list definitions."""
    abstract: dict[str, dict[int, _Level]] = {}
    for definition in numbering:
        if definition.tag != _w("abstractNum"):
            continue
        levels: dict[int, _Level] = {}
        for lvl in definition:
            if lvl.tag != _w("lvl"):
                continue
            depth = _int(lvl.get(_w("ilvl")))
            if depth is not None:
                fmt = _value(lvl, "numFmt") or "decimal"
                levels[depth] = _Level(fmt, _int(_value(lvl, "start")) or 1)
        abstract[definition.get(_w("abstractNumId")) or ""] = levels
    out: dict[tuple[str, int], _Level] = {}
    for num in numbering:
        num_id = num.get(_w("numId"))
        if num.tag != _w("num") or num_id is None:
            continue
        for depth, level in abstract.get(_value(num, "abstractNumId") or "", {}).items():
            out[(num_id, depth)] = level
    return out


def _list_number(n: int, fmt: str) -> str:
    """A list item's number in its list's format: ``3``, ``c``, ``C``, ``iii``, ``III``."""
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman") and 0 < n < 4000:
        numerals = (
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        )  # fmt: skip
        roman = ""
        for value, numeral in numerals:
            count, n = divmod(n, value)
            roman += numeral * count
        return roman if fmt == "lowerRoman" else roman.upper()
    return str(n)


def _bold_heading(text: str) -> bool:
    """Whether a paragraph set all in bold reads as a heading: short, and no sentence."""
    return (
        len(text) <= _DOCX_BOLD_HEADING_CHARS
        and len(text.split()) <= _DOCX_BOLD_HEADING_WORDS
        and text[-1] not in ".!?;,"
        and any(c.isalpha() for c in text)
        and "*" not in text
        and "_" not in text
        and _docx_patterns().caption.match(text) is None
    )


def _check_docx_sizes(data: bytes, path: Path | None) -> None:
    """Refuse a Word document whose parts would unpack to more than the limits allow.

    A ZIP archive says how large each part is before it is unpacked; a part larger than
    :data:`MAX_DOCX_PART_BYTES`, parts larger than :data:`MAX_DOCX_TOTAL_BYTES` in all,
    or a large part compressed more than :data:`MAX_DOCX_RATIO` times (a "ZIP bomb") is
    refused before anything is read. The unpacking reads no more than the sizes said.
    """
    import zipfile  # noqa: PLC0415

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DecodeError(path, 0, "docx", f"cannot read the Word document: {error}") from None
    total = 0
    for part in parts:
        total += part.file_size
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MAX_DOCX_PART_BYTES:
            reason = (
                f"part {part.filename} unpacks to {part.file_size:,} bytes, "
                f"more than the limit of {MAX_DOCX_PART_BYTES:,}"
            )
        elif part.file_size > _DOCX_RATIO_FROM and ratio > MAX_DOCX_RATIO:
            reason = (
                f"part {part.filename} is compressed {ratio:,.0f} times "
                f"(more than {MAX_DOCX_RATIO}): not a document's text"
            )
        elif total > MAX_DOCX_TOTAL_BYTES:
            reason = f"its parts unpack to more than the limit of {MAX_DOCX_TOTAL_BYTES:,} bytes"
        else:
            continue
        raise DecodeError(path, part.header_offset, "docx", reason)


def extract_docx(data: bytes, *, path: Path | None = None) -> ExtractedText:
    """The text of a Word (.docx) document's body, in document order.

    The body is read with ``python-docx``, paragraphs and tables in the order they come:

    * headings (the ``Title`` style, ``Heading 1`` to ``Heading 9``, styles based on them
      or given an outline level) become markdown headings, ``Title`` ``#``, ``Heading 1``
      ``##`` and so on; a short paragraph set all in bold becomes a ``**bold**`` heading;
    * list paragraphs (list styles or numbering) become ``• `` lines, or ``1. `` lines
      numbered as Word numbers them, nested levels indented by two spaces; the items of
      a list are separated by a line end;
    * a table becomes one line per row, cells separated by four spaces, the header row
      first (an empty corner cell left out) and an empty data cell written ``—``, as
      :func:`tipcorpus.tables.find_tables` reads them; a table of one cell a row, or
      with tables inside it, frames text and is read as paragraphs;
    * every other paragraph is a block; blocks are separated by a blank line.

    Inside a paragraph a line break becomes a space and a tab two spaces.
    Running headers and footers, footnotes, endnotes, comments, text boxes, the entries
    of a table of contents and tracked deletions are left out; tracked insertions are kept.

    Args:
        data: the document's bytes.
        path: the file they were read from, named in errors.

    Returns:
        The extracted text, with ``source_format`` ``"docx"`` and no pages.

    Raises:
        MissingExtra: ``python-docx`` is not installed.
        DecodeError: the file is not a Word document, or is damaged.

    .. versionadded:: 0.1.0

    """
    try:
        import docx  # noqa: PLC0415 - an optional extra, imported on use
    except ImportError:
        feature = f"reading the Word document {path}" if path is not None else "reading .docx"
        raise MissingExtra(feature, "docx", "python-docx") from None
    _check_docx_sizes(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
        body: _Node = document.element.body
        styles: _Node = document.styles.element
        numbering: _Node | None = document.part.numbering_part.element
    except Exception as error:  # zipfile, lxml and python-docx raise many kinds
        raise DecodeError(path, 0, "docx", f"cannot read the Word document: {error}") from None
    blocks: list[_Block] = []
    _WordReader(styles, numbering).blocks(body, blocks)
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            parts.append("\n" if block.item and blocks[i - 1].item else "\n\n")
        parts.append(block.text)
    return ExtractedText("".join(parts) + ("\n" if parts else ""), None, "docx")
