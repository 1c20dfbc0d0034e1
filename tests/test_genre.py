"""Regression floors on four sets of constructed documents of the genre.

All four sets are documents written in the styles the library is measured on, with invented
figures, a ``catalogue.toml`` giving each document's reference year, and hand-checked
annotations of every number mention (format and decisions: the project's annotation
guideline).

* ``tests/data/genre`` (gold ``tests/data/genre_gold.jsonl``): eight documents (an
  Attorney General's annual report, the United States and a foreign country narrative of
  the TIP Report, a State Department fact sheet, ICE and DOJ press releases, hard-wrapped
  PDF text and an ORR annual report). Its floors sit about 0.05 below the figures
  measured when the corpus was written.
* ``tests/data/heldout`` (gold ``tests/data/heldout_gold.jsonl``, notes in
  ``tests/data/heldout.md``): six documents written apart from the rules, after them (a
  hard-wrapped TIP Report narrative with footnotes, a DHS annual report with tables, a
  State Department media note, a GAO review, a BJS brief and an OVC fact sheet). Its
  first figures were measured before any rule was changed for it (docs/accuracy-genre.md
  gives them); rules have since been improved using its errors, so its floors sit about
  0.05 below the figures measured after those changes.
* ``tests/data/third`` (gold ``tests/data/third_gold.jsonl``, notes in
  ``tests/data/third.md``): six more documents written apart from the rules (a TIP Report
  country narrative, a DOL/ILAB report with a table in millions of dollars, a USAID fact
  sheet, an HHS and an FBI press release, a hard-wrapped Attorney General's report with
  running footers). It was measured once before any rule was changed for it (record
  accuracy 0.505); its floors, too, sit about 0.05 below the figures measured since.
* ``tests/data/fourth`` (gold ``tests/data/fourth_gold.jsonl``, notes in
  ``tests/data/fourth.md``): six more, the last written (a markdown achievements fact
  sheet, a TIP Report narrative on the United States, congressional testimony, an OJP
  grant announcement with a table by program, a DHS Blue Campaign summary and a DOL
  press release). First measured at record accuracy 0.669.

A change which loses ground on these documents, per document or over a set, fails here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest
from attrs import frozen

from tipcorpus import Corpus
from tipcorpus.evaluation import GoldMention, Scores, evaluate, load_gold

DATA = Path(__file__).resolve().parent / "data"


@frozen
class GoldSet:
    """A folder of documents with its gold file and the floors its figures must keep."""

    name: str
    folder: Path
    gold: Path
    # (document, mention F1 floor, record accuracy floor), one per document of the set.
    document_floors: tuple[tuple[str, float, float], ...]
    # (measure, floor) over the whole set; "f1" or a field of Scores.accuracy.
    corpus_floors: tuple[tuple[str, float], ...]

    @property
    def documents(self) -> tuple[str, ...]:
        """The file names of the set's documents, sorted."""
        return tuple(sorted(d for d, _, _ in self.document_floors))


GENRE = GoldSet(
    name="genre",
    folder=DATA / "genre",
    gold=DATA / "genre_gold.jsonl",
    # Figures measured when the corpus was written, less about 0.05.
    document_floors=(
        ("ag-report-fy2012.txt", 0.95, 0.95),
        ("country-narrative-2019.txt", 0.95, 0.95),
        ("factsheet-2014.txt", 0.95, 0.83),
        ("hhs-annual-2011.txt", 0.95, 0.74),
        ("pdf-wrapped-2010.txt", 0.95, 0.88),
        ("press-release-doj-2016.txt", 0.95, 0.61),
        ("press-release-ice-2015.txt", 0.95, 0.79),
        ("tip-narrative-us-2019.txt", 0.95, 0.92),
    ),
    corpus_floors=(
        ("f1", 0.95),
        ("value", 0.95),
        ("period", 0.91),
        ("agencies", 0.92),
        ("pillar", 0.91),
        ("record", 0.86),
    ),
)

HELDOUT = GoldSet(
    name="heldout",
    folder=DATA / "heldout",
    gold=DATA / "heldout_gold.jsonl",
    # Figures measured after rules were improved using this set's errors, less about 0.05
    # (measured F1 / record: 0.986 / 0.118, 1.0 / 0.821, 0.979 / 0.435, 1.0 / 0.88,
    # 1.0 / 0.522, 1.0 / 0.918).
    document_floors=(
        ("bjs-brief-2011.txt", 0.93, 0.06),
        ("dol-dhs-annual-2013.txt", 0.95, 0.77),
        ("factsheet-ovc-2015.txt", 0.92, 0.38),
        ("gao-report-2007.txt", 0.95, 0.83),
        ("gtip-press-release-2017.txt", 0.95, 0.47),
        ("tip-report-2008-usa.txt", 0.95, 0.86),
    ),
    # Measured: F1 0.995, value 1.0, unit 1.0, period 0.852, agencies 0.819, pillar 0.824,
    # record 0.662 (first measured, before any rule changed: 0.993, 0.99, 0.846, 0.629,
    # 0.733, 0.714, 0.452).
    corpus_floors=(
        ("f1", 0.94),
        ("value", 0.95),
        ("unit", 0.95),
        ("period", 0.80),
        ("agencies", 0.76),
        ("pillar", 0.77),
        ("record", 0.61),
    ),
)

THIRD = GoldSet(
    name="third",
    folder=DATA / "third",
    gold=DATA / "third_gold.jsonl",
    # Figures measured after rules were improved using this set's errors, less about 0.05
    # (measured F1 / record: 1.0 / 1.0, 1.0 / 0.571, 0.991 / 0.545, 1.0 / 0.737,
    # 1.0 / 1.0, 0.958 / 0.5).
    document_floors=(
        ("ag-report-fy2005-wrapped.txt", 0.95, 0.95),
        # A release's undated story figures have no period since the release-year rule
        # went (the real passages' gold): 0.57 → 0.43; its present-tense headline with a
        # plural verb ("Recover 174 Children") is the reference year's since the gold was
        # corrected to the guideline, and is not read as present: 0.36.
        ("fbi-press-release-2014.txt", 0.95, 0.33),
        ("ilab-report-2010.txt", 0.94, 0.49),
        ("orr-press-release-2009.txt", 0.95, 0.68),
        ("tip-country-2012.txt", 0.95, 0.95),
        ("usaid-factsheet-2018.txt", 0.90, 0.45),
    ),
    # Measured: F1 0.990, value 1.0, unit 0.968, period 0.941, agencies 0.950, pillar
    # 0.782, record 0.738 (first measured, before any rule changed: 0.990, 0.931, 0.962,
    # 0.851, 0.832, 0.653, 0.505).
    corpus_floors=(
        ("f1", 0.94),
        ("value", 0.95),
        ("unit", 0.91),
        ("period", 0.89),
        ("agencies", 0.90),
        ("pillar", 0.73),
        ("record", 0.68),
    ),
)

FOURTH = GoldSet(
    name="fourth",
    folder=DATA / "fourth",
    gold=DATA / "fourth_gold.jsonl",
    # Figures measured when the set was first scored (and since: the table rule for rows
    # of bodies), less about 0.05 (measured F1 / record: 1.0 / 0.943, 1.0 / 0.63,
    # 1.0 / 0.296, 1.0 / 0.459, 0.974 / 0.684, 1.0 / 0.917).
    document_floors=(
        ("achievements-2012.md", 0.95, 0.89),
        ("dhs-blue-campaign-2014.txt", 0.95, 0.58),
        # As above, for a release's undated story figures: 0.30 → 0.15.
        ("dol-list-2012.txt", 0.95, 0.10),
        ("ojp-grants-2016.txt", 0.95, 0.40),
        ("testimony-2015.txt", 0.92, 0.63),
        ("tip-report-2013-usa.txt", 0.95, 0.86),
    ),
    # Measured: F1 0.997, value 1.0, unit 0.972, period 0.923, agencies 0.972, pillar
    # 0.740, record 0.669 (first measured, before any rule changed: the same but unit
    # 0.936).
    corpus_floors=(
        ("f1", 0.94),
        ("value", 0.95),
        ("unit", 0.92),
        ("period", 0.87),
        ("agencies", 0.92),
        ("pillar", 0.69),
        ("record", 0.61),
    ),
)

SETS = (GENRE, HELDOUT, THIRD, FOURTH)


@frozen
class Measured:
    """A set's corpus, read with its catalogue, its gold mentions and their scores."""

    corpus: Corpus
    gold: tuple[GoldMention, ...]
    scores: Scores


def _measure(gold_set: GoldSet) -> Measured:
    corpus = Corpus.from_path(gold_set.folder)
    gold = tuple(load_gold(gold_set.gold))
    return Measured(corpus, gold, evaluate(gold, corpus))


@pytest.fixture(scope="module")
def measured() -> Callable[[GoldSet], Measured]:
    """Read and score a set on first use, and hand back the same result afterwards."""
    return functools.cache(_measure)


def _figure(scores: Scores, name: str) -> float:
    return scores.f1 if name == "f1" else scores.accuracy[name]


def _stem(document: str) -> str:
    return document.removesuffix(".txt")


CORPUS_CASES = [(s, name, floor) for s in SETS for name, floor in s.corpus_floors]
DOCUMENT_CASES = [(s, *floors) for s in SETS for floors in s.document_floors]
DOCUMENT_NAMES = [(s, document) for s in SETS for document in s.documents]


@pytest.mark.parametrize("gold_set", SETS, ids=[s.name for s in SETS])
def test_catalogue_lists_every_document(
    measured: Callable[[GoldSet], Measured], gold_set: GoldSet
) -> None:
    """Every document of a set is read, with the reference year its catalogue gives."""
    corpus = measured(gold_set).corpus
    names = sorted(d.path.name for d in corpus.documents if d.path is not None)
    assert tuple(names) == gold_set.documents
    assert all(d.year is not None for d in corpus.documents)


@pytest.mark.parametrize("gold_set", SETS, ids=[s.name for s in SETS])
def test_gold_covers_every_document(
    measured: Callable[[GoldSet], Measured], gold_set: GoldSet
) -> None:
    """A set's gold annotates statistics in each of its documents."""
    gold = measured(gold_set).gold
    assert {g.doc for g in gold if g.role == "statistic"} == set(gold_set.documents)


@pytest.mark.parametrize(
    ("gold_set", "name", "floor"),
    CORPUS_CASES,
    ids=[f"{s.name}-{name}" for s, name, _ in CORPUS_CASES],
)
def test_corpus_figure_stays_above_floor(
    measured: Callable[[GoldSet], Measured], gold_set: GoldSet, name: str, floor: float
) -> None:
    """Mention F1 and field accuracies over a whole set do not fall below their floors."""
    scores = measured(gold_set).scores
    assert _figure(scores, name) >= floor, scores.as_dict()


@pytest.mark.parametrize(
    ("gold_set", "document", "f1_floor", "record_floor"),
    DOCUMENT_CASES,
    ids=[f"{s.name}-{_stem(d)}" for s, d, _, _ in DOCUMENT_CASES],
)
def test_document_figures_stay_above_floors(
    measured: Callable[[GoldSet], Measured],
    gold_set: GoldSet,
    document: str,
    f1_floor: float,
    record_floor: float,
) -> None:
    """Each document keeps its mention F1 and record accuracy above the floors."""
    m = measured(gold_set)
    scores = evaluate([g for g in m.gold if g.doc == document], m.corpus)
    assert scores.f1 >= f1_floor, [str(s.surface) for s in scores.spurious]
    assert scores.accuracy["record"] >= record_floor, [str(x) for x in scores.mismatches]


@pytest.mark.parametrize(
    ("gold_set", "document"),
    DOCUMENT_NAMES,
    ids=[f"{s.name}-{_stem(d)}" for s, d in DOCUMENT_NAMES],
)
def test_statistic_spans_point_at_their_surface(
    measured: Callable[[GoldSet], Measured], gold_set: GoldSet, document: str
) -> None:
    """Every statistic's span cuts its surface out of the document text."""
    corpus = measured(gold_set).corpus
    (doc,) = [d for d in corpus.documents if d.path is not None and d.path.name == document]
    assert doc.statistics
    for s in doc.statistics:
        assert doc.text[s.span[0] : s.span[1]] == s.surface, s
