"""The Corpus: loading, the mapping interface, laziness, threads, and agency/pillar queries.

Cases come from the bundled corpus (``seeds/`` and its ``catalogue.toml``) and from small
files written to a temporary folder.
The expected HHS figures for 2007 are read by hand from ``000_ae504a734c292dc7.txt``
(Declaration of Achievements 2001-2008, "Protection" section).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tipcorpus import (
    Corpus,
    DecodeError,
    DocumentNotFound,
    Statistic,
    TipcorpusWarning,
    UnknownAgency,
    UnknownDocument,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

CATALOGUE_IDS = [
    "achievements-2001-2008",
    "tip-report-2005-usg",
    "ag-assessment-2009",
    "osce-country-report-2002",
    "state-factsheet-2016",
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The bundled corpus, shared by the read-only tests of this module."""
    return Corpus.default()


def _head(s: Statistic) -> str:
    words = s.unit.split()
    if "of" in words:
        words = words[: words.index("of")]
    return words[-1].lower() if words else ""


# --------------------------------------------------------------------------- mapping


def test_default_has_the_catalogue_ids(corpus: Corpus) -> None:
    """The bundled corpus holds the five documents of its catalogue, in catalogue order."""
    assert list(corpus) == CATALOGUE_IDS


def test_mapping_interface(corpus: Corpus) -> None:
    """A corpus is a read-only mapping of id to document."""
    assert len(corpus) == 5
    assert "tip-report-2005-usg" in corpus
    assert "nope" not in corpus
    assert corpus["tip-report-2005-usg"].id == "tip-report-2005-usg"
    assert [d.id for d in corpus.documents] == CATALOGUE_IDS
    assert dict(corpus.items())["ag-assessment-2009"] is corpus["ag-assessment-2009"]


def test_construction_and_repr_parse_nothing() -> None:
    """Building a corpus and showing its repr read no structure and no statistics."""
    fresh = Corpus.default()
    text = repr(fresh)
    assert text.startswith("<Corpus of 5 documents: achievements-2001-2008")
    assert all(source._doc is None for source in fresh._sources.values())
    assert not any(d.parsed for d in fresh.documents)
    assert repr(fresh) == text
    assert not any(d.parsed for d in fresh.documents)


@pytest.mark.parametrize(
    ("wrong", "suggested"),
    [
        pytest.param("achievments-2001-2008", "achievements-2001-2008", id="typo"),
        pytest.param("tip-report-2005", "tip-report-2005-usg", id="prefix"),
        pytest.param("factsheet-2016", "state-factsheet-2016", id="suffix"),
    ],
)
def test_unknown_document_names_close_ids(corpus: Corpus, wrong: str, suggested: str) -> None:
    """An unknown id raises UnknownDocument (a KeyError-like LookupError) naming close ids."""
    with pytest.raises(UnknownDocument, match=f"unknown document '{wrong}'.*'{suggested}'"):
        corpus[wrong]


def test_unknown_document_is_a_lookup_error(corpus: Corpus) -> None:
    """UnknownDocument can be caught as LookupError and carries the close ids."""
    with pytest.raises(LookupError) as info:
        corpus["achievments-2001-2008"]
    assert isinstance(info.value, UnknownDocument)
    assert "achievements-2001-2008" in info.value.candidates


# --------------------------------------------------------------------------- from_path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two small reports."""
    (tmp_path / "ice-2010.txt").write_text("In FY 2010, ICE opened 651 investigations.\n")
    (tmp_path / "hhs-2011.md").write_text("# HHS\n\nIn FY 2011, HHS certified 406 victims.\n")
    (tmp_path / "notes.csv").write_text("not,a,report\n")
    return tmp_path


@pytest.mark.parametrize(
    ("spec", "ids"),
    [
        pytest.param(lambda d: d, {"ice-2010", "hhs-2011"}, id="directory"),
        pytest.param(str, {"ice-2010", "hhs-2011"}, id="directory-as-str"),
        pytest.param(lambda d: str(d / "ice-*.txt"), {"ice-2010"}, id="glob"),
        pytest.param(
            lambda d: [d / "ice-2010.txt", d / "hhs-2011.md"], {"ice-2010", "hhs-2011"}, id="list"
        ),
        pytest.param(lambda d: d / "hhs-2011.md", {"hhs-2011"}, id="single-file"),
    ],
)
def test_from_path_forms(
    folder: Path, spec: Callable[[Path], str | Path | list[Path]], ids: set[str]
) -> None:
    """from_path takes a folder, a glob, a list of files or one file; ids are file stems."""
    corpus = Corpus.from_path(spec(folder))
    assert set(corpus) == ids
    assert corpus.errors == ()


def test_from_path_uses_the_folder_catalogue(folder: Path) -> None:
    """A catalogue.toml in the folder gives the ids and metadata of the files it lists."""
    (folder / "catalogue.toml").write_text(
        '[[document]]\nid = "ice-annual-2010"\nfile = "ice-2010.txt"\n'
        'title = "ICE Annual Report 2010"\nissuer = "ICE"\nyear = 2011\n'
        'published = 2011-02-01\nkind = "annual report"\n'
    )
    corpus = Corpus.from_path(folder)
    assert set(corpus) == {"ice-annual-2010", "hhs-2011"}
    doc = corpus["ice-annual-2010"]
    assert (doc.title, doc.issuer, doc.year, str(doc.published), doc.kind) == (
        "ICE Annual Report 2010",
        "ICE",
        2011,
        "2011-02-01",
        "annual report",
    )


@pytest.mark.parametrize(
    "missing",
    [
        pytest.param("no-such-folder", id="folder"),
        pytest.param("no-such-file.txt", id="file"),
    ],
)
def test_missing_path_raises(tmp_path: Path, missing: str) -> None:
    """A path that does not exist raises DocumentNotFound naming it."""
    with pytest.raises(DocumentNotFound, match=missing):
        Corpus.from_path(tmp_path / missing)


@pytest.fixture
def with_binary(folder: Path) -> Path:
    """The report folder plus a binary file with a .txt name."""
    (folder / "scan.txt").write_bytes(b"MZ\x00\x00\x90\x00binary\x00\xff\xfe")
    return folder


@pytest.mark.parametrize(
    "touch",
    [
        pytest.param(lambda c: c["scan"], id="getitem"),
        pytest.param(lambda c: c.documents, id="documents"),
        pytest.param(lambda c: c.statistics(), id="statistics"),
    ],
)
def test_binary_file_raises_by_default(
    with_binary: Path, touch: Callable[[Corpus], object]
) -> None:
    """By default an undecodable file raises DecodeError, naming file and offset, when read."""
    corpus = Corpus.from_path(with_binary)
    with pytest.raises(DecodeError, match=r"scan\.txt.*byte offset 2") as info:
        touch(corpus)
    assert info.value.offset == 2
    assert info.value.path == with_binary / "scan.txt"


def test_binary_file_warn(with_binary: Path) -> None:
    """on_error='warn' leaves the file out with a warning and lists it in errors."""
    with pytest.warns(TipcorpusWarning, match=r"skipped .*scan\.txt"):
        corpus = Corpus.from_path(with_binary, on_error="warn")
    assert set(corpus) == {"ice-2010", "hhs-2011"}
    assert [e.path.name for e in corpus.errors] == ["scan.txt"]
    assert isinstance(corpus.errors[0].error, DecodeError)


def test_binary_file_skip(with_binary: Path, recwarn: pytest.WarningsRecorder) -> None:
    """on_error='skip' leaves the file out silently and lists it in errors."""
    corpus = Corpus.from_path(with_binary, on_error="skip")
    assert set(corpus) == {"ice-2010", "hhs-2011"}
    assert [e.path.name for e in corpus.errors] == ["scan.txt"]
    assert not [w for w in recwarn if issubclass(w.category, TipcorpusWarning)]


def test_from_texts_with_metadata() -> None:
    """from_texts takes texts by id, with metadata that overrides what is inferred."""
    corpus = Corpus.from_texts(
        {
            "a": "Since 2010, DOJ has charged 500 defendants.",
            "b": "In FY 2012, ICE opened 894 cases.",
        },
        metadata={"a": {"year": 2016, "title": "DOJ memo", "kind": "memo"}},
    )
    assert list(corpus) == ["a", "b"]
    a, b = corpus["a"], corpus["b"]
    assert (a.year, a.title, a.kind) == (2016, "DOJ memo", "memo")
    assert b.year == 2012
    period = a.statistics[0].period
    assert period is not None
    assert (period.start, period.end) == (2010, 2016)


def test_from_texts_metadata_for_unknown_id() -> None:
    """Metadata for an id that has no text raises UnknownDocument."""
    with pytest.raises(UnknownDocument, match="'c'"):
        Corpus.from_texts({"a": "text"}, metadata={"c": {"year": 2010}})


# --------------------------------------------------------------------------- threads


def test_threads_parse_each_document_once() -> None:
    """16 threads that ask at once for a document's statistics share one parse."""
    fresh = Corpus.default()
    barrier = threading.Barrier(16)
    results: list[tuple[Statistic, ...]] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            barrier.wait()
            stats = fresh["achievements-2001-2008"].statistics
        except BaseException as exc:  # pragma: no cover - reported below
            with lock:
                errors.append(exc)
            return
        with lock:
            results.append(stats)

    threads = [threading.Thread(target=work) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 16
    assert all(r is results[0] for r in results)
    assert fresh["achievements-2001-2008"]._lazy.parses == 1


def test_statistics_are_deterministic() -> None:
    """Two fresh corpora give equal statistics, in the same order."""
    first = Corpus.default().statistics()
    second = Corpus.default().statistics()
    assert len(first) > 100
    assert list(first) == list(second)
    assert [s.document_id for s in first] == [s.document_id for s in second]


# --------------------------------------------------------------------------- queries

# By hand from 000_ae504a734c292dc7.txt: "Through FY 2007, ... HHS certified 1248 adult
# trafficking victims and provided Letters of Eligibility to 131 minor trafficking victims.
# In FY 2007 alone, HHS grantees ... approximately 1500 victims ...; 127 started ...;
# 23 received certification; and 120 assisted ..."
HHS_2007 = [
    (1248, "victims"),
    (131, "victims"),
    (1500, "victims"),
    (127, "victims"),
    (23, "victims"),
    (120, "victims"),
]


def test_hhs_figures_for_2007(corpus: Corpus) -> None:
    """HHS's statistics whose period ends in 2007 are exactly the six of the Declaration."""
    stats = corpus.agency("HHS").statistics(year=2007)
    assert sorted((int(s.value), _head(s)) for s in stats) == sorted(HHS_2007)
    assert {s.document_id for s in stats} == {"achievements-2001-2008"}


def test_prevention_has_no_prosecution_figures(corpus: Corpus) -> None:
    """The prevention pillar's statistics are all prevention, none counting convictions or cases."""
    stats = corpus.pillar("prevention").statistics()
    assert len(stats) > 10
    assert {s.pillar.value if s.pillar else None for s in stats} == {"prevention"}
    heads = {_head(s) for s in stats}
    assert not heads & {"convictions", "prosecutions", "cases", "defendants", "traffickers"}


@pytest.mark.parametrize(
    ("name", "agency_id"),
    [
        pytest.param("HHS", "HHS", id="id"),
        pytest.param("hhs", "HHS", id="id-lower-case"),
        pytest.param("Health and Human Services", "HHS", id="name-without-department"),
        pytest.param("Department of Health and Human Services", "HHS", id="full-name"),
        pytest.param("ICE", "ICE", id="component-id"),
        pytest.param("U.S. Immigration and Customs Enforcement", "ICE", id="component-name"),
    ],
)
def test_agency_accepts_ids_names_and_aliases(corpus: Corpus, name: str, agency_id: str) -> None:
    """corpus.agency() accepts an id, a name or an alias, in any case."""
    assert corpus.agency(name).id == agency_id


@pytest.mark.parametrize(
    ("wrong", "suggested"),
    [
        pytest.param("HSS", "HHS", id="transposed"),
        pytest.param("USCSI", "USCIS", id="scrambled"),
    ],
)
def test_unknown_agency_suggests(corpus: Corpus, wrong: str, suggested: str) -> None:
    """An unknown agency raises UnknownAgency suggesting the close ids."""
    with pytest.raises(UnknownAgency, match=f"unknown agency '{wrong}'.*'{suggested}'"):
        corpus.agency(wrong)


@pytest.mark.parametrize(
    ("parent", "components"),
    [
        pytest.param("HHS", {"ORR"}, id="hhs-includes-orr"),
        pytest.param("DOJ", {"CRT", "BJA", "OVC", "CEOS", "FBI"}, id="doj-includes-components"),
        pytest.param("DHS", {"ICE", "USCIS"}, id="dhs-includes-ice-uscis"),
        pytest.param("DOS", {"G/TIP", "PRM"}, id="dos-includes-gtip-prm"),
    ],
)
def test_include_components(corpus: Corpus, parent: str, components: set[str]) -> None:
    """An agency's statistics include its components' unless include_components=False."""
    view = corpus.agency(parent)
    with_components = {a for s in view.statistics() for a in s.agency_ids}
    assert components <= with_components
    own = view.statistics(include_components=False)
    assert all(parent in s.agency_ids for s in own)
    assert not any(set(s.agency_ids) & components for s in own if parent not in s.agency_ids)
    assert len(own) < len(view.statistics())


def test_pillar_view_rejects_unknown_names(corpus: Corpus) -> None:
    """corpus.pillar() with another name raises UnknownPillar with the close names."""
    from tipcorpus import UnknownPillar

    with pytest.raises(UnknownPillar, match="'protection'"):
        corpus.pillar("protect")


def test_files_with_the_same_stem_get_distinct_ids(tmp_path: Path) -> None:
    """Two files that share a stem ("a.md", "a.txt") are both read, under distinct ids."""
    (tmp_path / "a.md").write_text("In FY 2008, HHS certified 300 victims.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("In FY 2007, HHS certified 1,248 victims.", encoding="utf-8")
    corpus = Corpus.from_path(tmp_path)
    assert list(corpus) == ["a", "a.txt"]
    assert sorted(int(s.value) for s in corpus.statistics()) == [300, 1248]
