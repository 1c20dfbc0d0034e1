"""Reliability on hostile files and queries: bounded time and memory, named errors.

Each case hands the public API what an attacker or an accident might: search patterns
that backtrack for ever, web pages of unclosed tags, files of control bytes, Word
documents that unpack to gigabytes, unreadable files, links out of the folder, devices,
damaged cache entries, catalogues nested thousands deep, and figures with hidden
direction controls. Time is compared between an input and one four times its size;
memory is measured in a subprocess.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cli_run import run_cli as _run
from tipcorpus import (
    CatalogueError,
    Corpus,
    DecodeError,
    DocumentNotFound,
    FilterError,
    SearchError,
    TipcorpusWarning,
)
from tipcorpus.display import visible
from tipcorpus.ingest import extract_html, read_document

ROOT = Path(__file__).resolve().parents[1]
MEMO = "In FY 2007, HHS certified 1,248 victims of trafficking.\n"

#: Largest allowed ratio of the time for 4n to the time for n (4 when linear).
SLACK = 10.0
#: Times below this are noise: they count as this much.
FLOOR = 0.05


def _ratio(run: Callable[[int], object], n: int) -> float:
    """How many times longer ``run(4 * n)`` takes than ``run(n)``."""
    run(max(n // 16, 1))  # warm up outside the timing
    began = time.perf_counter()
    run(n)
    small = max(time.perf_counter() - began, FLOOR)
    began = time.perf_counter()
    run(4 * n)
    return (time.perf_counter() - began) / small


# --------------------------------------------------------------------------- search


BAD_PATTERNS = [
    pytest.param("(", "not a valid regular expression", id="unbalanced"),
    pytest.param(r"\N{NOPE}", "undefined character name", id="unknown-character-name"),
    pytest.param("a{99999999999}", "the limit for counted repeats", id="huge-repeat"),
    pytest.param("(a{60000}){60000}", "the limit for counted repeats", id="nested-repeats"),
    pytest.param("(" * 600 + ")" * 600, "the limit is 1,000", id="too-long"),
]


@pytest.mark.parametrize(("pattern", "message"), BAD_PATTERNS)
def test_bad_search_patterns(pattern: str, message: str) -> None:
    """A pattern that cannot be used is a SearchError naming why, before any document is read."""
    corpus = Corpus.from_texts({"memo": MEMO})
    with pytest.raises(SearchError, match=message):
        corpus.search(pattern, regex=True)


def test_backtracking_search_times_out() -> None:
    """A pattern that backtracks for ever stops at the timeout with a SearchError."""
    corpus = Corpus.from_texts({"memo": "a" * 42})
    began = time.perf_counter()
    with pytest.raises(SearchError, match=r"took longer than 0\.5 s"):
        corpus.search("(.*){1,32000}[bc]", regex=True, timeout=0.5)
    assert time.perf_counter() - began < 30  # a hang would never come back


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["search", "(", "--regex"], id="search-invalid"),
        pytest.param(["search", "(.*){1,32000}[bc]", "--regex", "--timeout", "0.2"], id="timeout"),
    ],
)
def test_cli_search_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    """Bad patterns reach the command line as one `tipcorpus: error:` line."""
    (tmp_path / "memo.txt").write_text("a" * 42 + "\n", encoding="utf-8")
    code, out, err = _run([*argv, "--docs", str(tmp_path / "memo.txt")], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("tipcorpus: error: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_bounds(capsys: pytest.CaptureFixture[str], value: str) -> None:
    """NaN and infinite bounds are refused: a FilterError, and a usage error in the CLI."""
    corpus = Corpus.from_texts({"memo": MEMO})
    with pytest.raises(FilterError, match="give a finite number"):
        corpus.statistics(min_value=float(value))
    code, _, err = _run(["stats", f"--min-value={value}"], capsys)
    assert code == 2
    assert "not a finite number" in err
    assert "Traceback" not in err


# --------------------------------------------------------------------------- web pages


HTML_SHAPES: dict[str, Callable[[int], str]] = {
    "unclosed-and-stray-tags": lambda n: "<i>" * n + "<p>x</p>" + "</u>" * n,
    "unterminated-tags": lambda n: "<html>" + "<a" * n,
    "unterminated-comments": lambda n: "<html>" + "<!--" * n,
    "unterminated-end-tags": lambda n: "<html>" + "</" * n,
}


@pytest.mark.parametrize("shape", list(HTML_SHAPES))
def test_web_page_time_is_linear(shape: str) -> None:
    """Four times the markup takes less than ten times as long."""
    build = HTML_SHAPES[shape]
    assert _ratio(lambda n: extract_html(build(n)), 5_000) < SLACK


def test_unclosable_markup_is_text() -> None:
    """A `<` that no `>` follows is text, as browsers show it."""
    assert extract_html("<p>3 < 4 and 1 <2</p> tail <b").text.split("\n")[0] == "3 < 4 and 1 <2"


# --------------------------------------------------------------------------- memory


def _peak_megabytes(code: str) -> float:
    """The growth of peak resident memory while ``code`` runs, in a fresh interpreter."""
    script = (
        "import resource, sys\n"
        "def peak():\n"
        "    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    return kb / 1024 if sys.platform != 'darwin' else kb / 2**20\n"
        "import tipcorpus, tipcorpus.reading, tipcorpus.ingest\n"
        "before = peak()\n" + code + "\nprint(peak() - before)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return float(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(sys.platform == "win32", reason="needs the resource module")
def test_binary_check_memory_is_bounded(tmp_path: Path) -> None:
    """Refusing 40 MB of control bytes takes a small multiple of 40 MB, not gigabytes."""
    path = tmp_path / "controls.txt"
    path.write_bytes(b"\x01" * 40_000_000)
    grown = _peak_megabytes(
        "from tipcorpus.reading import read_text\n"
        "from tipcorpus import DecodeError\n"
        f"try:\n    read_text({str(path)!r})\nexcept DecodeError as e:\n    assert e.offset == 0\n"
        "else:\n    raise SystemExit('not refused')\n"
    )
    assert grown < 3 * 40


def _docx_bomb(size: int) -> bytes:
    """A small ZIP archive whose document part unpacks to ``size`` bytes of blanks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " " * size)
    return buffer.getvalue()


def test_docx_bomb_is_refused(tmp_path: Path) -> None:
    """A Word document whose part is compressed a thousand times is refused, unread."""
    pytest.importorskip("docx")
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_bomb(50_000_000))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(DecodeError, match=r"word/document.xml is compressed [\d,]+ times"):
        read_document(path)


@pytest.mark.skipif(sys.platform == "win32", reason="needs the resource module")
def test_docx_bomb_memory_is_bounded(tmp_path: Path) -> None:
    """Refusing a 50 MB bomb costs far less memory than unpacking it would."""
    pytest.importorskip("docx")
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_bomb(50_000_000))
    grown = _peak_megabytes(
        "from tipcorpus.ingest import read_document\n"
        "from tipcorpus import DecodeError\n"
        f"try:\n    read_document({str(path)!r})\nexcept DecodeError:\n    pass\n"
        "else:\n    raise SystemExit('not refused')\n"
    )
    assert grown < 25


# --------------------------------------------------------------------------- files


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that cannot be read is left out with on_error="skip", like any bad file."""
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(MEMO, encoding="utf-8")
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    corpus = Corpus.from_path(tmp_path, on_error="skip")
    assert list(corpus) == ["memo"]
    [error] = corpus.errors
    assert error.path.name == "locked.txt"
    assert type(error.error).__name__ == "UnreadableDocument"
    assert "Permission denied" in str(error)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="permissions do not bind root"
)
def test_unreadable_file_in_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The command line reports a file without read permission in one line."""
    locked = tmp_path / "locked.txt"
    locked.write_text(MEMO, encoding="utf-8")
    locked.chmod(0)
    code, _, err = _run(["stats", "--docs", str(tmp_path)], capsys)
    assert code == 1
    assert err.startswith("tipcorpus: error: ")
    assert "cannot be read" in err


@pytest.mark.parametrize(
    ("errors", "bad"),
    [
        pytest.param("surrogateescape", b"\xff", id="surrogateescape"),
        pytest.param("surrogatepass", b"\xed\xb2\x81", id="surrogatepass"),
    ],
)
def test_lone_surrogates_are_refused_at_reading(tmp_path: Path, errors: str, bad: bytes) -> None:
    """Handlers that leave lone surrogates are refused where the file is named."""
    path = tmp_path / "memo.txt"
    path.write_bytes(b"In FY 2007, HHS certified 1,248 " + bad + b" victims.\n")
    with pytest.raises(DecodeError, match="lone surrogate") as caught:
        Corpus.from_path(path, encoding="utf-8", errors=errors).documents  # noqa: B018
    assert caught.value.offset == 32


def test_devices_and_fifos_are_not_documents(tmp_path: Path) -> None:
    """/dev/zero and a FIFO are refused as not regular files, never read."""
    if Path("/dev/zero").exists():
        with pytest.raises(DocumentNotFound, match="not a regular file"):
            Corpus.from_path("/dev/zero")
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        with pytest.raises(DocumentNotFound, match="not a regular file"):
            Corpus.from_path(fifo)
        (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
        assert list(Corpus.from_path(tmp_path)) == ["memo"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_out_of_the_folder_are_left_out(tmp_path: Path) -> None:
    """A link to a file outside the folder is left out with a warning, unless asked for."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("In 2001, 99 secrets.\n", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "memo.txt").write_text(MEMO, encoding="utf-8")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "inner.txt").symlink_to(folder / "memo.txt")
    with pytest.warns(TipcorpusWarning, match="outside its folder"):
        corpus = Corpus.from_path(folder)
    assert sorted(corpus) == ["inner", "memo"]
    assert sorted(Corpus.from_path(folder, follow_symlinks=True)) == ["inner", "link", "memo"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_catalogue_entry_through_a_linked_folder(tmp_path: Path) -> None:
    """A catalogue entry reached through a link that leaves the folder is a CatalogueError."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("In 2001, 99 secrets.\n", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "memo.txt").write_text(MEMO, encoding="utf-8")
    (folder / "sub").symlink_to(outside, target_is_directory=True)
    (folder / "catalogue.toml").write_text(
        '[[document]]\nid = "secret"\nfile = "sub/secret.txt"\ntitle = "Secret"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="leads outside"):
        Corpus.from_path(folder)


# --------------------------------------------------------------------------- catalogues


CATALOGUE_CASES = [
    pytest.param("x = " + "[" * 5_000 + "]" * 5_000 + "\n", "nested too deeply", id="deep"),
    pytest.param(
        '[[document]]\nid = "a"\nfile = "memo.txt"\ntitle = "A"\n'
        '[[document]]\nid = "b"\nfile = "./memo.txt"\ntitle = "B"\n',
        "duplicate file './memo.txt'",
        id="one-file-twice",
    ),
]


@pytest.mark.parametrize(("toml", "message"), CATALOGUE_CASES)
def test_bad_catalogues(tmp_path: Path, toml: str, message: str) -> None:
    """Catalogues nested thousands deep or naming a file twice are CatalogueErrors."""
    (tmp_path / "memo.txt").write_text(MEMO, encoding="utf-8")
    (tmp_path / "catalogue.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(CatalogueError, match=message):
        Corpus.from_path(tmp_path)


# --------------------------------------------------------------------------- cache


def _one_entry(cache: Path) -> Path:
    [entry] = [p for p in cache.iterdir() if p.suffix == ".json"]
    return entry


def _edit_value(entry: Path) -> None:
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["records"][0]["unit"] = "visitors"
    entry.write_text(json.dumps(data), encoding="utf-8")


def _not_utf8(entry: Path) -> None:
    entry.write_bytes(b"\xff\xfe" + entry.read_bytes())


@pytest.mark.parametrize(
    "damage",
    [pytest.param(_edit_value, id="edited-unit"), pytest.param(_not_utf8, id="not-utf-8")],
)
def test_damaged_cache_entries_warn_and_reparse(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    """An entry edited or not UTF-8 is ignored with a warning, and the text parsed again."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "memo.txt").write_text(MEMO, encoding="utf-8")
    cache = tmp_path / "cache"
    first = Corpus.from_path(tmp_path / "docs", cache=cache).statistics()
    damage(_one_entry(cache))
    with pytest.warns(TipcorpusWarning, match="ignored the statistics cache entry"):
        again = Corpus.from_path(tmp_path / "docs", cache=cache).statistics()
    assert [(s.value, s.unit) for s in again] == [(s.value, s.unit) for s in first]


def test_warm_cache_is_read_once_by_many_threads(tmp_path: Path) -> None:
    """Sixteen threads asking a warm cache at once parse nothing."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "memo.txt").write_text(MEMO * 50, encoding="utf-8")
    cache = tmp_path / "cache"
    Corpus.from_path(tmp_path / "docs", cache=cache).statistics()
    for _ in range(5):
        corpus = Corpus.from_path(tmp_path / "docs", cache=cache)
        doc = corpus["memo"]
        barrier = threading.Barrier(16)

        def ask(_: int, doc: object = doc, barrier: threading.Barrier = barrier) -> int:
            barrier.wait(timeout=30)
            return len(doc.statistics)  # type: ignore[attr-defined]

        with ThreadPoolExecutor(16) as pool:
            counts = set(pool.map(ask, range(16)))
        assert counts == {50}
        assert doc._lazy.parses == 0


# --------------------------------------------------------------------------- parallel


class _ChangeFirst:
    """An executor that changes the file on disk before running each task here."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text

    def submit(self, fn: Callable[[object], object], payload: object) -> object:
        from concurrent.futures import Future

        self.path.write_text(self.text, encoding="utf-8")
        future: Future[object] = Future()
        future.set_result(fn(payload))
        return future


def test_parse_after_the_file_changed(tmp_path: Path) -> None:
    """Statistics from parse(executor) always index the text the document holds."""
    path = tmp_path / "memo.txt"
    path.write_text(MEMO, encoding="utf-8")
    corpus = Corpus.from_path(path)
    held = corpus["memo"].text  # read before the parse
    changed = "Note. " * 10 + "In FY 2009, ICE opened 77 cases.\n"
    statistics = corpus.parse(_ChangeFirst(path, changed))
    assert corpus["memo"].text == held
    assert [s.surface for s in statistics] == ["1,248"]
    for s in statistics:
        assert held[s.span[0] : s.span[1]] == s.surface


def test_parse_when_a_worker_reads_another_version(tmp_path: Path) -> None:
    """A worker that read a changed file is caught; the text read here is parsed instead."""
    path = tmp_path / "memo.txt"
    path.write_text(MEMO, encoding="utf-8")
    corpus = Corpus.from_path(path)
    changed = "Note. " * 10 + "In FY 2009, ICE opened 77 cases.\n"

    class _ReadThenChange(_ChangeFirst):
        def submit(self, fn: Callable[[object], object], payload: object) -> object:
            future = super().submit(fn, payload)
            path.write_text(MEMO, encoding="utf-8")  # the driver reads the first version
            return future

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        statistics = corpus.parse(_ReadThenChange(path, changed))
    assert any("changed while it was parsed" in str(w.message) for w in caught)
    text = corpus["memo"].text
    assert [text[s.span[0] : s.span[1]] for s in statistics] == [s.surface for s in statistics]
    assert [s.surface for s in statistics] == ["1,248"]


# --------------------------------------------------------------------------- display


BIDI_CASES = [
    pytest.param("1,\u202e842\u202c", "1,⟨U+202E⟩842⟨U+202C⟩", id="right-to-left-override"),
    pytest.param("1,\u2066248\u2069", "1,⟨U+2066⟩248⟨U+2069⟩", id="isolate"),
    pytest.param("1,2\u200b48", "1,2⟨U+200B⟩48", id="zero-width-space"),
]


@pytest.mark.parametrize(("number", "shown"), BIDI_CASES)
def test_hidden_controls_are_shown(number: str, shown: str) -> None:
    """Quotes, tables and HTML write invisible controls out; a number holding one is a warning."""
    hidden = [c for c in number if not c.isprintable()]
    assert visible(number) == shown
    # Beside a figure: the figure is reported, and shown with the control written out.
    corpus = Corpus.from_texts({"memo": f"In FY 2007, HHS{hidden[0]} certified 1,248 victims.\n"})
    statistics = corpus.statistics()
    assert [s.surface for s in statistics] == ["1,248"]
    for shown_as in (str(statistics), statistics._repr_html_()):
        assert f"⟨U+{ord(hidden[0]):04X}⟩" in shown_as
        assert hidden[0] not in shown_as
    # Among a number's digits: the number is suspect, listed as a warning, not reported.
    corpus = Corpus.from_texts({"memo": f"In FY 2007, HHS certified {number} victims.\n"})
    assert len(corpus.statistics()) == 0
    [warning] = corpus.warnings
    assert shown in warning.message
