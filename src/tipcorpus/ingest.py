r"""Reports as people get them: PDF files and web pages, read to plain text.

:func:`read_document` looks at a file's first bytes, not only at its name, and hands it to
the reader that fits:

* a PDF (``%PDF-``) goes to :func:`extract_pdf`, which needs the ``pdf`` extra
  (``pip install 'tipcorpus[pdf]'``, which installs ``pypdf``);
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
  become ``#`` lines and its list items ``-`` bullets, one block per paragraph.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import io
import re
from collections import Counter
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from attrs import field, frozen

from tipcorpus.errors import DecodeError, MissingExtra
from tipcorpus.model import Span
from tipcorpus.reading import decode_bytes, read_text

__all__ = [
    "ExtractedText",
    "SourceFormat",
    "assemble_pages",
    "extract_html",
    "extract_pdf",
    "page_of",
    "read_document",
    "sniff_format",
]

SourceFormat = Literal["text", "pdf", "html"]

#: How many bytes of a file are looked at to tell its format.
_SNIFF_BYTES = 2048
#: How many lines at the top and at the bottom of a page may be a running header or footer.
_EDGE_LINES = 2
#: Share of pages a line must repeat on (digits aside) to count as a running header/footer.
_RUNNING_SHARE = 0.5
#: What separates two pages in the extracted text: one blank line, as between paragraphs.
_PAGE_SEPARATOR = "\n\n"


@frozen
class ExtractedText:
    """The text read out of a file, and what reading it did.

    Attributes:
        text: the text; a document made from it indexes every span into it.
        pages: for a PDF, the ``(start, end)`` span of each page's text, in page order;
            None for other formats.
        source_format: ``"pdf"``, ``"html"`` or ``"text"``.
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

    Args:
        data: the file's bytes (the first two kilobytes are enough).
        suffix: the file's suffix (``".html"``), if any.

    Returns:
        ``"pdf"``, ``"html"`` or ``"text"``.

    """
    head = data[:_SNIFF_BYTES]
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

    The format is told by content (:func:`sniff_format`): a PDF renamed ``.txt`` is still
    read as a PDF, and a text file is read exactly as :func:`~tipcorpus.reading.read_text`
    reads it.

    Args:
        path: the file.
        encoding: the encoding of a text file or web page, instead of detecting it.
        errors: the codec error handler for text files and web pages.

    Returns:
        The extracted text, with page spans for a PDF.

    Raises:
        DocumentNotFound: the path does not exist or is a directory.
        DecodeError: the file cannot be decoded, or a PDF cannot be read.
        MissingExtra: a PDF, without the ``pdf`` extra installed.

    """
    path = Path(path)
    if path.is_dir() or not path.exists():
        # read_text words the error the same way for every format.
        read_text(path)
    data = path.read_bytes()
    kind = sniff_format(data, path.suffix)
    if kind == "pdf":
        return extract_pdf(data, path=path)
    text, used = decode_bytes(data, path=path, encoding=encoding, errors=errors)
    if kind == "html":
        return _with_encoding(extract_html(text), used)
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
    pages = [[line.rstrip() for line in _LINE_ENDS.split(page)] for page in raw_pages]
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


_LINE_ENDS = re.compile(r"\r\n|\r|\n")

# A bare page number: "12", "- 12 -", "Page 12", "Page 12 of 40", "iv".
_PAGE_NUMBER = re.compile(
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
)

# Digits vary from page to page in a running header ("Report 2012 | 7").
_DIGITS = re.compile(r"\d+")


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
    return _DIGITS.sub("#", key)


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
        if i in edges and (_running_key(line) in running or _PAGE_NUMBER.match(line)):
            removed.append((number, line.strip()))
            continue
        kept.append(line)
    while kept and not kept[0].strip():
        kept.pop(0)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


_WORD = re.compile(r"[^\W\d_]+")

# A line that ends in a word broken by a hyphen, and the next line's first word.
_BROKEN_END = re.compile(r"([^\W\d_]+)-$")
_NEXT_WORD = re.compile(r"^\s*([^\W\d_]+)(.*)$", re.DOTALL)


def _vocabulary(pages: Sequence[Sequence[str]]) -> frozenset[str]:
    """The words of the document, lower-cased, as written whole (not at a line-end hyphen)."""
    words: set[str] = set()
    for lines in pages:
        for line in lines:
            # The fragment before a line-end hyphen is not a word of its own.
            body = _BROKEN_END.sub("", line)
            words.update(w.lower() for w in _WORD.findall(body))
    return frozenset(words)


def _join_pair(first: str, second: str, vocabulary: frozenset[str]) -> tuple[str, str] | None:
    """``first`` and ``second`` with a word broken at ``first``'s end hyphen made whole.

    Returns None when ``first`` does not end in a broken word.
    """
    end = _BROKEN_END.search(first)
    start = _NEXT_WORD.match(second)
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


class _TextCollector(HTMLParser):
    """Collects a web page's report text as blocks, leaving page chrome out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.bullets: list[bool] = []
        self.title = ""
        self._line: list[str] = []
        self._lines: list[str] = []
        self._prefix = ""
        self._stack: list[tuple[str, bool]] = []  # (tag, whether it is skipped)
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
        if tag in _VOID or not any(t == tag for t, _ in self._stack):
            return  # a stray end tag
        while self._stack:
            open_tag, skipped = self._stack.pop()
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
        """Finish parsing and flush the last block."""
        super().close()
        self._end_block()


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
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
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
