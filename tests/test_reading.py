"""Tests for tipcorpus.reading: decoding document bytes and finding document files.

The decoding cases are the encodings U.S. government reports reach us in: UTF-8 (with and
without a byte-order mark), UTF-16/32 exports from word processors, Windows-1252 text
from older web pages, CRLF line ends from Windows tools, and files that are not text at
all (PDFs and images saved with a .txt name).
"""

from __future__ import annotations

import codecs
import os
import warnings
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipcorpus.errors import DecodeError, DocumentNotFound, TipcorpusWarning
from tipcorpus.reading import decode_bytes, discover, read_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

SAMPLE = "ICE opened 1,000 cases – “a record” – in FY 2012.\r\nHHS certified 469 adults.\n"

DECODE_CASES = [
    pytest.param(SAMPLE.encode("utf-8"), SAMPLE, "utf-8", id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE, "utf-8-sig", id="utf-8-bom"),
    pytest.param(SAMPLE.encode("utf-16"), SAMPLE, "utf-16", id="utf-16-native-bom"),
    pytest.param(
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE, "utf-16", id="utf-16-be-bom"
    ),
    pytest.param(
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), SAMPLE, "utf-16", id="utf-16-le-bom"
    ),
    pytest.param(
        codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le"), SAMPLE, "utf-32", id="utf-32-le-bom"
    ),
    pytest.param(
        codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be"), SAMPLE, "utf-32", id="utf-32-be-bom"
    ),
    pytest.param(b"a\rb\r\nc\n", "a\rb\r\nc\n", "utf-8", id="mixed-line-ends-kept"),
    pytest.param(b"page 1\x0cpage 2\tend", "page 1\x0cpage 2\tend", "utf-8", id="form-feed-ok"),
    pytest.param(b"one \x1a in text", "one \x1a in text", "utf-8", id="one-control-byte-ok"),
]


@pytest.mark.parametrize(("data", "text", "encoding"), DECODE_CASES)
def test_decode_detects_encoding(data: bytes, text: str, encoding: str) -> None:
    """Bytes decode to the exact text, with the encoding that a byte-order mark or UTF-8 gives."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode_bytes(data) == (text, encoding)


def test_decode_falls_back_to_cp1252_with_warning() -> None:
    """Text that is not UTF-8 is read as cp1252, and the warning names the file and offset."""
    data = "Section 107 \u2013 victims\u2019 services".encode("cp1252")
    with pytest.warns(TipcorpusWarning, match=r"report\.txt: not valid UTF-8 from byte offset 12"):
        text, encoding = decode_bytes(data, path=Path("report.txt"))
    assert (text, encoding) == ("Section 107 \u2013 victims\u2019 services", "cp1252")


BINARY_CASES = [
    pytest.param(b"%PDF-1.4\n\x00\x01binary", 9, "NUL byte", id="nul-byte"),
    pytest.param(b"abc\x00d\x00e\x00", 3, "NUL byte", id="utf-16-without-bom"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x02\x03\x04\x05\x06abc", 6, "control bytes", id="png"),
    pytest.param(b"text\x01\x02\x03\x04", 4, "control bytes", id="many-controls"),
]


@pytest.mark.parametrize(("data", "offset", "reason"), BINARY_CASES)
def test_decode_refuses_binary(data: bytes, offset: int, reason: str) -> None:
    """Data that looks binary raises DecodeError at the first offending byte."""
    with pytest.raises(DecodeError, match=reason) as info:
        decode_bytes(data, path=Path("x.txt"))
    assert (info.value.offset, info.value.path) == (offset, Path("x.txt"))


def test_decode_undecodable_in_both_raises() -> None:
    """Bytes that are neither UTF-8 nor cp1252 raise with the first non-UTF-8 offset."""
    with pytest.raises(DecodeError, match=r"byte offset 3.*undefined in cp1252") as info:
        decode_bytes(b"abc\x81def")
    assert (info.value.offset, info.value.encoding) == (3, "utf-8 or cp1252")


def test_decode_undecodable_with_replace_warns() -> None:
    """With errors='replace', undecodable bytes become U+FFFD after a warning."""
    with pytest.warns(TipcorpusWarning, match="errors='replace'"):
        assert decode_bytes(b"abc\x81def", errors="replace") == ("abc\ufffddef", "utf-8")


EXPLICIT_CASES = [
    pytest.param(b"caf\xe9", "latin-1", "café", id="latin-1"),
    pytest.param(b"a\x00b\x00", "utf-16-le", "ab", id="utf-16-le-no-bom"),
    pytest.param(codecs.BOM_UTF8 + b"x", "utf-8", "\ufeffx", id="utf-8-keeps-bom-as-asked"),
]


@pytest.mark.parametrize(("data", "encoding", "text"), EXPLICIT_CASES)
def test_decode_explicit_encoding(data: bytes, encoding: str, text: str) -> None:
    """An explicit encoding is used as given, with no detection."""
    assert decode_bytes(data, encoding=encoding) == (text, encoding)


EXPLICIT_FAILURES = [
    pytest.param(b"ok \xff\xfe bad", "utf-8", 3, "invalid start byte", id="utf-8"),
    pytest.param(b"abc", "utf-16-le", 2, "truncated data", id="odd-length-utf-16"),
    pytest.param(b"abc", "no-such-codec", 0, "no such encoding", id="unknown-codec"),
]


@pytest.mark.parametrize(("data", "encoding", "offset", "reason"), EXPLICIT_FAILURES)
def test_decode_explicit_encoding_failure(
    data: bytes, encoding: str, offset: int, reason: str
) -> None:
    """A failure with an explicit encoding raises DecodeError at the codec's offset."""
    with pytest.raises(DecodeError, match=reason) as info:
        decode_bytes(data, encoding=encoding)
    assert (info.value.offset, info.value.encoding) == (offset, encoding)


def test_decode_empty_warns() -> None:
    """An empty file decodes to the empty string, with a warning."""
    with pytest.warns(TipcorpusWarning, match="empty file"):
        assert decode_bytes(b"", path=Path("e.txt")) == ("", "utf-8")


# Text without surrogates, and without the control characters that mark data as binary.
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r\x0c"))


@given(
    text=_TEXT,
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_decode_round_trips(text: str, codec: str) -> None:
    """Any text written with a byte-order mark (or as UTF-8) reads back unchanged."""
    data = text.encode(codec)
    if codec == "utf-8" and (not data or data.startswith(codecs.BOM_UTF8)):
        return  # empty warns; a leading U+FEFF is indistinguishable from a BOM
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TipcorpusWarning)
        decoded, _ = decode_bytes(data)
    assert decoded == text


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_read_as_utf8_without_warnings(path: Path) -> None:
    """The bundled reports are UTF-8 and decode with no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text, encoding = read_text(path)
    assert (encoding, text) == ("utf-8", path.read_bytes().decode("utf-8"))


def test_read_text_missing() -> None:
    """A missing file raises DocumentNotFound naming it."""
    with pytest.raises(DocumentNotFound, match=r"nope\.txt: no such file") as info:
        read_text("nope.txt")
    assert info.value.path == Path("nope.txt")


def test_read_text_directory(tmp_path: Path) -> None:
    """A directory raises DocumentNotFound that says it is a directory."""
    with pytest.raises(DocumentNotFound, match="is a directory"):
        read_text(tmp_path)


def test_read_text_keeps_crlf(tmp_path: Path) -> None:
    """Reading a file keeps CRLF line ends, so offsets match the bytes on disk."""
    path = tmp_path / "r.txt"
    path.write_bytes(b"line one\r\nline two\r\n")
    assert read_text(path) == ("line one\r\nline two\r\n", "utf-8")


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """Make a folder like a user's: documents, a catalogue, a hidden file, a subfolder."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("b.txt", "a.md", "c.TXT", "notes.pdf", ".hidden.txt", "catalogue.toml"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "d.txt").write_text("x", encoding="utf-8")
    return folder


def _names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def test_discover_directory(reports: Path) -> None:
    """A directory gives its documents (.txt, .md, .pdf, .html), sorted, not recursing."""
    assert _names(discover(reports)) == ["a.md", "b.txt", "c.TXT", "notes.pdf"]


def test_discover_directory_other_suffixes(reports: Path) -> None:
    """The suffixes argument chooses which files of a directory count."""
    assert _names(discover(reports, suffixes=(".pdf",))) == ["notes.pdf"]


def test_discover_file(reports: Path) -> None:
    """A file gives itself, whatever its suffix."""
    assert discover(reports / "notes.pdf") == [reports / "notes.pdf"]


def test_discover_glob(reports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A glob pattern gives the matching files, sorted, relative to the working directory."""
    monkeypatch.chdir(reports.parent)
    assert discover("reports/*.txt") == [Path("reports/b.txt")]
    assert _names(discover(str(reports / "*"))) == ["a.md", "b.txt", "c.TXT", "notes.pdf"]


def test_discover_iterable(reports: Path) -> None:
    """An iterable gives the documents of each item in order, each file once."""
    found = discover([reports / "b.txt", reports / "sub", reports / "b.txt"])
    assert found == [reports / "b.txt", reports / "sub" / "d.txt"]


def test_discover_seeds() -> None:
    """The seeds folder gives the five bundled reports."""
    assert _names(discover(SEEDS)) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert len(discover(SEEDS)) == 5


NOT_FOUND_CASES = [
    pytest.param("missing", "missing: no such file or directory", id="missing-path"),
    pytest.param("*.nothing", r"\*\.nothing: no files match this pattern", id="empty-glob"),
    pytest.param(
        "empty", r"empty: no \.txt or \.md or \.pdf .*documents in this directory", id="empty-dir"
    ),
]


@pytest.mark.parametrize(("name", "message"), NOT_FOUND_CASES)
def test_discover_not_found(
    name: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paths that give no documents raise DocumentNotFound saying why."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "catalogue.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DocumentNotFound, match=message) as info:
        discover(name)
    assert info.value.path == Path(name)


def test_discover_accepts_path_like(reports: Path) -> None:
    """A str path to a directory works like a Path."""
    assert discover(os.fspath(reports)) == discover(reports)
