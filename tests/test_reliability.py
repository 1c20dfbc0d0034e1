"""Reliability: what tipcorpus does with bad input, as users hand it over.

The cases come from how documents of the genre reach users: files saved by Windows
tools (byte-order marks, UTF-16, cp1252, CRLF line ends), files that are empty, missing
or not text at all, text copied out of PDFs and web pages (no-break and thin spaces,
dashes, soft hyphens, zero-width characters, ligatures, full-width digits), and text that
is hostile by accident or on purpose (no line breaks, deep brackets, long runs of
numbers or dashes, control characters, arbitrary Unicode).
Each case feeds the input through the public API and checks the result or the error
message; timing cases compare an input with one four times its size.
Cases that fail today are ``xfail(strict=True)`` with the reason.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tipcorpus
from tipcorpus import (
    Corpus,
    DecodeError,
    DocumentNotFound,
    Statistic,
    TipcorpusError,
    TipcorpusWarning,
    find_agencies,
    find_periods,
    find_pillar_cues,
    parse_structure,
    quantities,
)

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"

#: A short report in the genre, with a figure, a period, an agency and a pillar cue in
#: each sentence; curly quotes and an en dash make the encodings differ.
SAMPLE = (
    "In FY 2007, HHS certified 1,248 \u201cadult victims\u201d of trafficking.\r\n"
    "From 2001\u20132004, DOJ charged 150 defendants with trafficking offenses.\r\n"
)


def _facts(statistics: tuple[Statistic, ...]) -> list[tuple[object, ...]]:
    """What a statistic says, without where it says it."""
    return [
        (s.value, s.kind, s.unit, str(s.period), s.agency_ids, s.pillar, s.qualifier)
        for s in statistics
    ]


def _assert_spans_hold(text: str, statistics: tuple[Statistic, ...]) -> None:
    """Every statistic's span holds its surface, within the text."""
    for s in statistics:
        start, end = s.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == s.surface


@contextmanager
def _within(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block once ``seconds`` of wall time have passed."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"took longer than {seconds:.1f} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


needs_alarm = pytest.mark.skipif(
    not hasattr(signal, "setitimer"), reason="time budgets need signal.setitimer"
)


# --------------------------------------------------------------------------- files


ENCODING_CASES = [
    pytest.param(codecs.BOM_UTF8 + SAMPLE.encode(), "utf-8-sig", None, id="utf-8-bom"),
    pytest.param(
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16", None, id="utf-16-le-bom"
    ),
    pytest.param(
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16", None, id="utf-16-be-bom"
    ),
    pytest.param(
        SAMPLE.encode("cp1252"),
        "cp1252",
        r"not valid UTF-8 from byte offset 32; decoded as cp1252$",
        id="cp1252-curly-quotes",
    ),
    pytest.param(SAMPLE.encode(), "utf-8", None, id="utf-8-crlf"),
]


@pytest.mark.parametrize(("data", "encoding", "warning"), ENCODING_CASES)
def test_encodings_read_to_the_same_statistics(
    tmp_path: Path, data: bytes, encoding: str, warning: str | None
) -> None:
    """Every encoding a report comes in reads to the same text and statistics, spans exact."""
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        document = Corpus.from_path(path)["report"]
        statistics = document.statistics
    messages = [str(w.message) for w in caught if issubclass(w.category, TipcorpusWarning)]
    if warning is None:
        assert messages == []
    else:
        assert len(messages) == 1
        assert re.search(warning, messages[0])
        assert str(path) in messages[0]
    assert document.encoding == encoding
    assert document.text == SAMPLE
    assert statistics
    _assert_spans_hold(document.text, statistics)
    assert _facts(statistics) == _facts(Corpus.from_texts({"x": SAMPLE})["x"].statistics)


def test_crlf_spans_are_exact(tmp_path: Path) -> None:
    """With CRLF line ends kept, every span still holds its statistic's surface."""
    path = tmp_path / "crlf.txt"
    path.write_bytes(SAMPLE.encode())
    document = Corpus.from_path(path)["crlf"]
    assert "\r\n" in document.text
    assert [s.surface for s in document.statistics] == ["1,248", "150"]
    _assert_spans_hold(document.text, document.statistics)


def test_empty_file_warns_and_has_no_statistics(tmp_path: Path) -> None:
    """An empty file reads as an empty document, with a warning naming it."""
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.warns(TipcorpusWarning, match=re.escape(f"{path}: empty file")):
        document = Corpus.from_path(path)["empty"]
    assert document.text == ""
    assert document.statistics == ()


def test_binary_file_named_txt(tmp_path: Path) -> None:
    """A binary file with a .txt name is a DecodeError naming the file and the byte offset."""
    path = tmp_path / "scan.txt"
    data = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff"
    path.write_bytes(data)
    nul = data.index(b"\x00")
    corpus = Corpus.from_path(path)
    with pytest.raises(DecodeError, match=rf"{re.escape(str(path))}: .* at byte offset {nul}\b"):
        corpus["scan"].text  # noqa: B018  (reading the document is what raises)
    with pytest.raises(DecodeError) as info:
        corpus["scan"].text  # noqa: B018
    assert (info.value.path, info.value.offset) == (path, nul)


def test_missing_path(tmp_path: Path) -> None:
    """A path that does not exist is DocumentNotFound with the path."""
    missing = tmp_path / "reports" / "2007.txt"
    with pytest.raises(DocumentNotFound, match=re.escape(f"{missing}: no such file")) as info:
        Corpus.from_path(missing)
    assert info.value.path == missing


def test_empty_directory(tmp_path: Path) -> None:
    """A directory without documents is DocumentNotFound saying what was looked for."""
    with pytest.raises(DocumentNotFound, match=r"no \.txt or \.md or \.pdf .*documents in this"):
        Corpus.from_path(tmp_path)


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    """A folder with one good report and one binary file named .txt."""
    (tmp_path / "good.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return tmp_path


def test_on_error_raise(mixed_dir: Path) -> None:
    """on_error='raise' (the default) lets the DecodeError of the bad file through."""
    corpus = Corpus.from_path(mixed_dir, on_error="raise")
    with pytest.raises(DecodeError, match=r"bad\.txt: cannot decode"):
        corpus.statistics()


@pytest.mark.parametrize("on_error", ["warn", "skip"])
def test_on_error_leaves_bad_files_out(mixed_dir: Path, on_error: str) -> None:
    """on_error='warn' and 'skip' leave the bad file out, list it in errors, keep the rest."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = Corpus.from_path(mixed_dir, on_error=on_error)  # type: ignore[arg-type]
    messages = [str(w.message) for w in caught if issubclass(w.category, TipcorpusWarning)]
    assert list(corpus) == ["good"]
    assert [e.path.name for e in corpus.errors] == ["bad.txt"]
    assert isinstance(corpus.errors[0].error, DecodeError)
    assert len(corpus.statistics()) == 2
    if on_error == "warn":
        assert len(messages) == 1
        assert re.search(r"skipped .*bad\.txt: cannot decode .* at byte offset 8", messages[0])
    else:
        assert messages == []


def test_on_error_unknown_value(mixed_dir: Path) -> None:
    """An on_error value other than raise, warn or skip is a ValueError listing them."""
    with pytest.raises(ValueError, match=r"on_error must be 'raise', 'warn' or 'skip'"):
        Corpus.from_path(mixed_dir, on_error="ignore")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- text


def _pipeline(text: str) -> object:
    statistics = Corpus.from_texts({"x": text})["x"].statistics
    _assert_spans_hold(text, statistics)
    return statistics


STAGES: dict[str, Callable[[str], object]] = {
    "quantities": quantities,
    "periods": find_periods,
    "agencies": find_agencies,
    "pillars": find_pillar_cues,
    "structure": parse_structure,
    "pipeline": _pipeline,
}


def _run_all(text: str) -> None:
    """Run every stage; only a TipcorpusError may come out."""
    for stage in STAGES.values():
        with suppress(TipcorpusError):
            stage(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode(text: str) -> None:
    """Arbitrary Unicode goes through every stage without an exception."""
    _run_all(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(SAMPLE.split()),
            st.sampled_from(["(", ")", "$", "%", "-", ".", "\n", "\n\n", "\u2022 ", "# ", "|"]),
            st.characters(codec="utf-8"),
            st.integers(min_value=0, max_value=10**15).map(lambda n: f"{n:,}"),
        ),
        max_size=80,
    ).map(" ".join)
)
def test_arbitrary_report_like_text(text: str) -> None:
    """Shuffled report words, numbers and markup go through every stage without an exception."""
    _run_all(text)


PROSE = (
    "In FY 2007, HHS certified 1,248 adult victims of trafficking, and since 2001 "
    "DOJ has charged about 360 defendants with trafficking offenses. "
)


def _prose(n: int) -> str:
    """Report prose with no line break, as PDF extraction leaves it: ``n`` characters."""
    return (PROSE * (n // len(PROSE) + 1))[:n]


def _brackets(n: int) -> str:
    return "(" * (n // 2) + ")" * (n // 2)


def _numbers(n: int) -> str:
    count = n // 6
    return " ".join(str(i) for i in range(count))


def _dash_lines(n: int) -> str:
    return "-\n" * (n // 2)


def _controls(n: int) -> str:
    return "".join(chr(i % 32) for i in range(n)) + "".join(chr(0x80 + i % 32) for i in range(n))


def _dots(n: int) -> str:
    return "." * n


def _bullets(n: int) -> str:
    """One list introduction and as many bullet items as fit: a list read item by item."""
    item = "- HHS funded 12 projects in Ohio.\n"
    return "In FY 2014, HHS:\n\n" + item * (n // len(item))


def _pages(n: int) -> str:
    """Hard-wrapped pages, each cut mid-sentence by a running header and a page number."""
    page = (
        "In FY 2010, ICE initiated 651 investigations, resulting in 300 arrests and\n\n"
        "Annual Report to Congress -- FY 2010\n\n{}\n\n144 convictions in the year.\n\n"
    )
    return "".join(page.format(i) for i in range(n // len(page) + 1))[:n]


def _runs_of(word: str) -> Callable[[int], str]:
    """A builder of a run of ``word`` repeated to about ``n`` characters, no year in it."""

    def build(n: int) -> str:
        return word * max(n // len(word), 1)

    return build


#: Hostile inputs: name → (builder of an input of about n characters, the n of the test).
HOSTILE: dict[str, tuple[Callable[[int], str], int]] = {
    "1MB-no-newline": (_prose, 1_000_000),
    "brackets-x50000": (_brackets, 100_000),
    "100000-numbers": (_numbers, 600_000),
    "10000-dash-lines": (_dash_lines, 20_000),
    "control-characters": (_controls, 50_000),
    "dots": (_dots, 50_000),
}

#: Stages that are too slow on an input today (quadratic), with the reason.
TOO_SLOW: dict[tuple[str, str], str] = {}

#: Time budget per million characters, to stop a run that hangs, not to measure speed: text
#: that is nothing but figures (each one a statistic) runs near 30,000 characters a second
#: on a loaded 2-core machine; growth with size is checked by the linearity tests below.
BUDGET_PER_MB = 120.0


def _stage_cases() -> list[object]:
    cases: list[object] = []
    for name in HOSTILE:
        for stage in STAGES:
            marks: list[pytest.MarkDecorator] = [needs_alarm, pytest.mark.slow]
            reason = TOO_SLOW.get((name, stage))
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, raises=TimeoutError, reason=reason))
            cases.append(pytest.param(name, stage, marks=marks, id=f"{name}-{stage}"))
    return cases


@pytest.mark.parametrize(("name", "stage"), _stage_cases())
def test_hostile_input(name: str, stage: str) -> None:
    """Each stage finishes a hostile input within budget, raising nothing but TipcorpusError."""
    build, n = HOSTILE[name]
    text = build(n)
    STAGES[stage]("warm up: 2007 HHS 1,248 victims.")
    with _within(max(BUDGET_PER_MB * len(text) / 1e6, 2.0)), suppress(TipcorpusError):
        STAGES[stage](text)


#: Inputs for the timing test, with the size n (the test also runs 4n).
SCALING: dict[str, tuple[Callable[[int], str], int]] = {
    "prose": (_prose, 20_000),
    "brackets": (_brackets, 20_000),
    "numbers": (_numbers, 5_000),
    "dash-lines": (_dash_lines, 20_000),
    "dots": (_dots, 2_000),
    "bullets": (_bullets, 20_000),
    "pages": (_pages, 20_000),
    "FY-runs": (_runs_of("FY "), 3_000),
    "FYs-runs": (_runs_of("FYs "), 3_000),
    "in-FY-runs": (_runs_of("in FY "), 3_000),
    "from-FY-runs": (_runs_of("from FY "), 3_000),
}

#: Largest allowed ratio of the time for 4n to the time for n (4 when linear).
SLACK = 10.0

#: Times below this are noise: they count as this much.
FLOOR = 0.05

#: Stages whose time grows faster than linearly today, with the reason.
SUPERLINEAR: dict[tuple[str, str], str] = {}


def _scaling_cases() -> list[object]:
    cases: list[object] = []
    for name in SCALING:
        for stage in STAGES:
            marks: list[pytest.MarkDecorator] = [needs_alarm]
            reason = SUPERLINEAR.get((name, stage))
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, raises=TimeoutError, reason=reason))
            cases.append(pytest.param(name, stage, marks=marks, id=f"{name}-{stage}"))
    return cases


@pytest.mark.parametrize(("name", "stage"), _scaling_cases())
def test_time_is_linear(name: str, stage: str) -> None:
    """Four times the input takes less than ten times as long, at every stage."""
    build, n = SCALING[name]
    run = STAGES[stage]
    small, large = build(n), build(4 * n)
    run(build(100))  # compile the patterns outside the timing
    began = time.perf_counter()
    run(small)
    elapsed = max(time.perf_counter() - began, FLOOR)
    # Over budget is a TimeoutError, so that a quadratic stage fails fast.
    with _within(SLACK * elapsed):
        run(large)


# --------------------------------------------------------------------------- odd characters


ODD_CHARACTER_CASES = [
    pytest.param(
        "In FY 2007, HHS certified 1,248\u00a0victims of trafficking.", id="nbsp-before-unit"
    ),
    pytest.param(
        "In FY\u00a02007, HHS certified 1,248 victims of trafficking.", id="nbsp-in-period"
    ),
    pytest.param(
        "In FY 2007, DOJ awarded $51\u00a0million to victim service providers.",
        id="nbsp-before-scale",
    ),
    pytest.param(
        "In FY 2007, HHS certified \uff11,\uff12\uff14\uff18 victims of trafficking.",
        id="full-width-digits",
    ),
    pytest.param(
        "In FY 2007, HHS certified 1,248 victims of traf\u00adficking.", id="soft-hyphen-in-word"
    ),
    pytest.param(
        "From 2001\u20132004, DOJ charged 1,248 defendants with trafficking offenses.",
        id="en-dash-range",
    ),
    pytest.param(
        "From 2001\u20142004, DOJ charged 1,248 defendants with trafficking offenses.",
        id="em-dash-range",
    ),
    pytest.param(
        "In FY 2007, HHS\u2019s office certified 1,248 \u201cvictims\u201d of trafficking.",
        id="curly-quotes",
    ),
    pytest.param(
        "In FY 2007, HHS certified 1\u2009248 victims of trafficking.",
        id="thin-space-thousands",
    ),
    pytest.param(
        "In FY 2007, HHS certified \uff11\uff0c\uff12\uff14\uff18 victims of trafficking.",
        id="full-width-comma",
    ),
    pytest.param(
        "In FY 2007, HHS certified 1,2\u00ad48 victims of trafficking.",
        id="soft-hyphen-in-number",
    ),
    pytest.param(
        "From 2001\u22122004, DOJ charged 1,248 defendants with trafficking offenses.",
        id="minus-sign-range",
    ),
    pytest.param(
        "In FY 2007, H\u200bHS certified 1,248 victims of trafficking.",
        id="zero-width-space-in-agency",
    ),
    pytest.param(
        "In FY 2007, the Depart\u00adment of Justice charged 1,248 defendants.",
        id="soft-hyphen-in-agency-name",
    ),
    pytest.param(
        "In FY 2007, HHS certi\ufb01ed 1,248 victims of tra\ufb03cking.",
        id="ligatures",
    ),
]


@pytest.mark.parametrize("text", ODD_CHARACTER_CASES)
def test_odd_characters_read_like_plain_ones(text: str) -> None:
    """Text with odd characters gives the statistics of its plain form, spans into the original."""
    from tipcorpus.normalise import normalise

    plain = normalise(text).text
    assert plain != text
    odd = Corpus.from_texts({"x": text})["x"].statistics
    expected = Corpus.from_texts({"x": plain})["x"].statistics
    assert expected
    _assert_spans_hold(text, odd)
    assert _facts(odd) == _facts(expected)
    assert [normalise(s.surface).text for s in odd] == [s.surface for s in expected]


# --------------------------------------------------------------------------- threads, runs


def test_threads_parse_each_document_once() -> None:
    """Sixteen threads reading one corpus at once parse each document once and agree."""
    corpus = Corpus.default()
    threads = 16
    barrier = threading.Barrier(threads)
    results: list[list[tuple[str, tuple[Statistic, ...]]]] = [[] for _ in range(threads)]
    failures: list[BaseException] = []

    def work(i: int) -> None:
        try:
            barrier.wait()
            results[i] = [(doc.id, doc.statistics) for doc in corpus.documents]
        except BaseException as error:  # handed to the main thread, which fails the test
            failures.append(error)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert all(result == results[0] for result in results)
    assert len(results[0]) == len(corpus) == 5
    assert [doc._lazy.parses for doc in corpus.documents] == [1] * len(corpus)
    # The same Document object reached every thread: built once, not once per thread.
    for doc_id, _ in results[0]:
        assert corpus[doc_id] is corpus[doc_id]


_DUMP = """
import json
from tipcorpus import Corpus
rows = [(s.span, str(s.value), s.unit, str(s.period), s.agency_ids, str(s.pillar))
        for s in Corpus.default().statistics()]
print(json.dumps(rows))
"""


def _dump(seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-c", _DUMP], env=env, capture_output=True, check=True, timeout=300
    ).stdout


@pytest.mark.slow
def test_results_do_not_depend_on_hash_seed() -> None:
    """Two runs with different PYTHONHASHSEED values give byte-identical statistics."""
    first, second = _dump("0"), _dump("12345")
    assert json.loads(first)
    assert first == second


FORBIDDEN = [
    pytest.param(r"\beval\(", id="eval"),
    pytest.param(r"\bexec\(", id="exec"),
    pytest.param(r"\bpickle\b", id="pickle"),
]


@pytest.mark.parametrize("pattern", FORBIDDEN)
def test_source_runs_no_code_from_data(pattern: str) -> None:
    """The source never evaluates strings or unpickles data, so documents cannot run code."""
    sources = sorted((SRC / "tipcorpus").rglob("*.py"))
    assert sources
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(pattern, line)
    ]
    assert hits == []


def test_version_is_exposed() -> None:
    """The package says which version it is, for bug reports."""
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?\S*", tipcorpus.__version__)
