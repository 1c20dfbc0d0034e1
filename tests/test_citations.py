"""Citations, references and the ``series``, ``conflicts`` and ``cite`` commands.

Cases use the bundled corpus's catalogue metadata (seeds/catalogue.toml) and small
memos with metadata given directly.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cli_run import run_cli as run
from tipcorpus import Corpus
from tipcorpus.citations import BadReference, cite, parse_ref, ref
from tipcorpus.errors import TipcorpusError, UnknownDocument


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    """The bundled corpus, parsed once for this module."""
    return Corpus.default()


@pytest.fixture(autouse=True)
def _share_bundled(monkeypatch: pytest.MonkeyPatch, bundled: Corpus) -> None:
    """Command-line runs reuse one bundled corpus."""
    monkeypatch.setattr(Corpus, "default", lambda: bundled)


@pytest.fixture(scope="module")
def memo() -> Corpus:
    """A one-sentence memo with full metadata."""
    return Corpus.from_texts(
        {"memo": "# Protection\n\nIn FY 2007, HHS certified 1,248 victims."},
        metadata={
            "memo": {
                "title": "HHS memo",
                "issuer": "U.S. Department of Health and Human Services",
                "published": dt.date(2008, 3, 14),
            }
        },
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            "plain",
            "HHS memo, U.S. Department of Health and Human Services, 2008-03-14, "
            "section Protection, chars 40-45",
        ),
        (
            "apa",
            "U.S. Department of Health and Human Services. (2008, March 14). HHS memo. "
            "Section Protection, chars 40-45.",
        ),
        (
            "chicago",
            "U.S. Department of Health and Human Services. “HHS memo.” March 14, 2008. "
            "Section Protection, chars 40-45.",
        ),
    ],
    ids=["plain", "apa", "chicago"],
)
def test_cite_styles(memo: Corpus, style: str, expected: str) -> None:
    """Each style cites the document's metadata and the figure's section and offsets."""
    s = memo.statistics()[0]
    assert cite(s, style) == expected
    assert s.cite(style) == expected


def test_cite_bibtex(memo: Corpus) -> None:
    """A BibTeX citation is a @techreport entry whose note holds the place and reference."""
    entry = cite(memo.statistics()[0], "bibtex")
    assert entry.startswith("@techreport{memo,\n")
    assert "  month = mar,\n" in entry
    assert "tipcorpus:memo\\#c=40-45" in entry


def test_cite_unknown_style(memo: Corpus) -> None:
    """An unknown style names the valid ones."""
    with pytest.raises(TipcorpusError, match="valid choices: plain, apa, chicago, bibtex"):
        cite(memo.statistics()[0], "mla")


@pytest.mark.parametrize("style", ["apa", "chicago", "bibtex", "plain"])
def test_bibliography_one_entry_per_document(bundled: Corpus, style: str) -> None:
    """A bibliography has one entry per document, sorted."""
    stats = bundled.statistics()
    text = stats.bibliography(style)
    entries = text.split("\n\n") if style == "bibtex" else text.split("\n")
    assert len(entries) == len({s.document_id for s in stats})
    assert entries == sorted(entries, key=str.casefold)


def test_every_bundled_statistic_round_trips(bundled: Corpus) -> None:
    """Every statistic of the bundled corpus comes back from its reference."""
    stats = bundled.statistics()
    assert stats
    for s in stats:
        assert bundled.resolve(ref(s)) is s


def test_ref_encodes_unusual_ids() -> None:
    """Document ids with reserved characters are percent-encoded and decoded back."""
    corpus = Corpus.from_texts({"G/TIP memo#1": "In FY 2007, HHS certified 1,248 victims."})
    s = corpus.statistics()[0]
    assert ref(s) == "tipcorpus:G%2FTIP%20memo%231#c=26-31"
    assert corpus.resolve(ref(s)) == s
    assert parse_ref(ref(s)) == ("G/TIP memo#1", 26, 31)


@pytest.mark.parametrize(
    ("reference", "error", "message"),
    [
        ("memo#26-31", BadReference, "malformed reference"),
        ("tipcorpus:memo#c=31-26", BadReference, "start 31 is after end 26"),
        ("tipcorpus:memo#c=0-2", BadReference, r"no statistic at chars 0-2 of 'memo'.*nearest"),
        ("tipcorpus:memo#c=26-999", BadReference, "only 40 characters"),
        ("tipcorpus:mem#c=26-31", UnknownDocument, "did you mean 'memo'"),
    ],
    ids=["no-scheme", "reversed", "no-statistic", "past-end", "unknown-document"],
)
def test_resolve_errors(reference: str, error: type[Exception], message: str) -> None:
    """A reference that names no statistic is refused with a helpful message."""
    corpus = Corpus.from_texts({"memo": "In FY 2007, HHS certified 1,248 victims."})
    with pytest.raises(error, match=message):
        corpus.resolve(reference)


def test_ref_needs_a_document() -> None:
    """A statistic made by hand, outside any document, has no reference."""
    s = Corpus.from_texts({"x": "HHS certified 1,248 victims."}).statistics()[0]
    from attrs import evolve

    with pytest.raises(BadReference, match="belongs to no document"):
        ref(evolve(s, document=None))


# ----------------------------------------------------------------- command line


def test_cli_series(capsys: pytest.CaptureFixture[str]) -> None:
    """``series`` prints the figures of a measure as a table."""
    code, out, _ = run(["series", "--agency", "USCIS", "--unit", "T visas"], capsys)
    assert code == 0
    assert "dhs.uscis.t-visas" in out
    assert "through FY2007" in out


def test_cli_series_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``series --format json`` prints the records."""
    code, out, _ = run(["series", "--measure", "dhs.uscis.t-visas", "--format", "json"], capsys)
    assert code == 0
    assert [r["value"] for r in json.loads(out)] == [1974]


def test_cli_conflicts(capsys: pytest.CaptureFixture[str]) -> None:
    """``conflicts`` prints a table of the pairs with both quotes (whole, in a pipe)."""
    code, out, _ = run(["conflicts"], capsys)
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    assert rows[2][:6] == [
        "dos.countries-covered",
        "2008",
        "154",
        "state-factsheet-2016",
        "170",
        "achievements-2001-2008",
    ]
    assert "revised from «$96 million» to $82 million" in out


def test_cli_conflicts_refs_resolve(bundled: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    """``conflicts --format json`` gives references that resolve to the figures."""
    code, out, _ = run(["conflicts", "--format", "json"], capsys)
    assert code == 0
    rows = json.loads(out)
    assert rows
    for row in rows:
        assert bundled.resolve(row["newer_ref"]).document_id == row["newer_document"]
        assert bundled.resolve(row["older_ref"]).value == row["older"]


@pytest.mark.parametrize(
    ("style", "needle"),
    [("plain", ", chars "), ("apa", "(2005, June 3)"), ("bibtex", "@techreport{")],
)
def test_cli_cite(
    bundled: Corpus, style: str, needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``cite REF --style`` prints the citation of the statistic the reference names."""
    s = bundled.statistics(document="tip-report-2005-usg")[0]
    code, out, _ = run(["cite", ref(s), "--style", style], capsys)
    assert code == 0
    assert out == s.cite(style) + "\n"
    assert needle in out


def test_cli_cite_bad_ref(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed reference is an error on stderr, exit code 1."""
    code, out, err = run(["cite", "nonsense"], capsys)
    assert (code, out) == (1, "")
    assert "malformed reference 'nonsense'" in err
