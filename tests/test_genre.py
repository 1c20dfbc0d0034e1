"""Regression floors on the genre corpus: documents that no rule was written against.

The cases come from ``tests/data/genre``: eight constructed documents in the styles the
library is measured on (an Attorney General's annual report, the United States and a
foreign country narrative of the TIP Report, a State Department fact sheet, ICE and DOJ
press releases, hard-wrapped PDF text and an ORR annual report), their ``catalogue.toml``,
and the hand-checked annotations of every number mention in ``tests/data/genre_gold.jsonl``
(format and decisions: the project's annotation guideline). The floors sit about 0.05
below the figures measured when the corpus was written (docs/accuracy-genre.md), so that
a change which loses ground on unseen documents fails here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from tipcorpus import Corpus
from tipcorpus.evaluation import GoldMention, Scores, evaluate, load_gold

DATA = Path(__file__).resolve().parent / "data"
GENRE = DATA / "genre"
GOLD = DATA / "genre_gold.jsonl"

DOCUMENTS = (
    "ag-report-fy2012.txt",
    "country-narrative-2019.txt",
    "factsheet-2014.txt",
    "hhs-annual-2011.txt",
    "pdf-wrapped-2010.txt",
    "press-release-doj-2016.txt",
    "press-release-ice-2015.txt",
    "tip-narrative-us-2019.txt",
)

# Measured figures less about 0.05: (document, mention F1 floor, record accuracy floor).
DOCUMENT_FLOORS = (
    ("ag-report-fy2012.txt", 0.95, 0.95),
    ("country-narrative-2019.txt", 0.95, 0.95),
    ("factsheet-2014.txt", 0.95, 0.83),
    ("hhs-annual-2011.txt", 0.95, 0.74),
    ("pdf-wrapped-2010.txt", 0.95, 0.88),
    ("press-release-doj-2016.txt", 0.95, 0.61),
    ("press-release-ice-2015.txt", 0.95, 0.79),
    ("tip-narrative-us-2019.txt", 0.95, 0.92),
)

# Measured figures less about 0.05 over the whole genre corpus.
CORPUS_FLOORS = (
    ("f1", 0.95),
    ("value", 0.95),
    ("period", 0.91),
    ("agencies", 0.92),
    ("pillar", 0.91),
    ("record", 0.86),
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The genre corpus, read with its catalogue."""
    return Corpus.from_path(GENRE)


@pytest.fixture(scope="module")
def gold() -> list[GoldMention]:
    """The gold mentions of the genre corpus."""
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def scores(gold: Sequence[GoldMention], corpus: Corpus) -> Scores:
    """The corpus's statistics scored against all gold mentions."""
    return evaluate(gold, corpus)


def _figure(scores: Scores, name: str) -> float:
    return scores.f1 if name == "f1" else scores.accuracy[name]


def test_catalogue_lists_every_document(corpus: Corpus) -> None:
    """Every genre document is read, with the reference year its catalogue gives."""
    assert sorted(d.path.name for d in corpus.documents if d.path is not None) == list(DOCUMENTS)
    assert all(d.year is not None for d in corpus.documents)


def test_gold_covers_every_document(gold: Sequence[GoldMention]) -> None:
    """The gold annotates statistics in each of the genre documents."""
    assert {g.doc for g in gold if g.role == "statistic"} == set(DOCUMENTS)


@pytest.mark.parametrize(("name", "floor"), CORPUS_FLOORS, ids=[n for n, _ in CORPUS_FLOORS])
def test_corpus_figure_stays_above_floor(scores: Scores, name: str, floor: float) -> None:
    """Mention F1 and field accuracies over the genre corpus do not fall below their floors."""
    assert _figure(scores, name) >= floor, scores.as_dict()


@pytest.mark.parametrize(
    ("document", "f1_floor", "record_floor"),
    DOCUMENT_FLOORS,
    ids=[d.removesuffix(".txt") for d, _, _ in DOCUMENT_FLOORS],
)
def test_document_figures_stay_above_floors(
    gold: Sequence[GoldMention],
    corpus: Corpus,
    document: str,
    f1_floor: float,
    record_floor: float,
) -> None:
    """Each genre document keeps its mention F1 and record accuracy above the floors."""
    scores = evaluate([g for g in gold if g.doc == document], corpus)
    assert scores.f1 >= f1_floor, [str(s.surface) for s in scores.spurious]
    assert scores.accuracy["record"] >= record_floor, [str(m) for m in scores.mismatches]


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.removesuffix(".txt") for d in DOCUMENTS])
def test_statistic_spans_point_at_their_surface(corpus: Corpus, document: str) -> None:
    """Every statistic's span cuts its surface out of the document text."""
    (doc,) = [d for d in corpus.documents if d.path is not None and d.path.name == document]
    assert doc.statistics
    for s in doc.statistics:
        assert doc.text[s.span[0] : s.span[1]] == s.surface, s
