"""The opt-in statistics cache of ``Corpus.from_path(cache=...)``.

Cases use the bundled reports in ``seeds/`` (copied to a temporary folder where a test edits
them) and a cache directory under ``tmp_path``; the reference is always the same corpus
read without a cache.
Each kind of staleness (library version, record schema, code, file text, catalogue year)
and each kind of damage to an entry is one row of a table.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import tipcorpus.cache
from tipcorpus import Corpus, TipcorpusWarning

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def serial() -> list[dict[str, object]]:
    """The records of the bundled corpus without a cache."""
    return Corpus.from_path(SEEDS).statistics().to_records()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the bundled reports and their catalogue that a test may edit."""
    return Path(shutil.copytree(SEEDS, tmp_path / "seeds"))


def _parsed(corpus: Corpus) -> list[bool]:
    return [corpus[doc_id].parsed for doc_id in corpus]


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json"))


def test_warm_start_reads_the_cache(tmp_path: Path, serial: list[dict[str, object]]) -> None:
    """A second corpus of the same files gives equal records without parsing any document."""
    cache = tmp_path / "cache"
    cold = Corpus.from_path(SEEDS, cache=cache)
    assert cold.statistics().to_records() == serial
    assert _parsed(cold) == [True] * len(cold)
    warm = Corpus.from_path(SEEDS, cache=cache)
    assert warm.statistics().to_records() == serial
    assert _parsed(warm) == [False] * len(warm)
    assert all(s.document is warm[s.document_id or ""] for s in warm.statistics())


def test_entries_are_json_records(tmp_path: Path, serial: list[dict[str, object]]) -> None:
    """Each entry is a JSON object holding its records (with decisions), nothing pickled."""
    cache = tmp_path / "cache"
    Corpus.from_path(SEEDS, cache=cache).statistics()
    entries = [json.loads(p.read_text("utf-8")) for p in _entries(cache)]
    assert len(entries) == len(Corpus.from_path(SEEDS))
    cached = sorted(
        json.dumps({k: v for k, v in r.items() if k != "why"}, sort_keys=True)
        for e in entries
        for r in e["records"]
    )
    assert all(r["why"] for e in entries for r in e["records"])
    assert cached == sorted(json.dumps(r, sort_keys=True) for r in serial)


def _edit_text(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = sorted(seeds.glob("*.txt"))[0]
    first.write_text(first.read_text("utf-8") + "\nIn 2008, ICE opened 432 cases.\n", "utf-8")


def _edit_year(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = seeds / "catalogue.toml"
    text = catalogue.read_text("utf-8")
    assert "year = 2016" in text
    catalogue.write_text(text.replace("year = 2016", "year = 2017"), "utf-8")


def _old_version(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tipcorpus.cache, "__version__", "0.0.1")


def _old_schema(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tipcorpus.cache, "RECORD_SCHEMA_VERSION", 1)


def _old_code(seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tipcorpus.cache, "_code_fingerprint", lambda: "older recognisers")


@pytest.mark.parametrize(
    ("change", "before"),
    [
        pytest.param(_edit_text, False, id="file-text-edited"),
        pytest.param(_edit_year, False, id="catalogue-year-changed"),
        pytest.param(_old_version, True, id="other-library-version"),
        pytest.param(_old_schema, True, id="other-record-schema"),
        pytest.param(_old_code, True, id="other-code"),
    ],
)
def test_stale_entry_is_never_used(
    seeds: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    change: Callable[[Path, pytest.MonkeyPatch], None],
    before: bool,
) -> None:
    """An entry written for other text, metadata, version, schema or code is not read."""
    cache = tmp_path / "cache"
    if before:
        # The entries are written by the "other" library, then read by this one.
        with monkeypatch.context() as patch:
            change(seeds, patch)
            Corpus.from_path(seeds, cache=cache).statistics()
    else:
        Corpus.from_path(seeds, cache=cache).statistics()
        change(seeds, monkeypatch)
    fresh = Corpus.from_path(seeds).statistics().to_records()
    warm = Corpus.from_path(seeds, cache=cache)
    assert warm.statistics().to_records() == fresh
    assert any(_parsed(warm))


def _truncate(path: Path) -> None:
    path.write_text(path.read_text("utf-8")[:200], "utf-8")


def _not_an_object(path: Path) -> None:
    path.write_text("[1, 2, 3]", "utf-8")


def _shift_spans(path: Path) -> None:
    entry = json.loads(path.read_text("utf-8"))
    for record in entry["records"]:
        record["start"] += 1
        record["end"] += 1
    path.write_text(json.dumps(entry), "utf-8")


def _bad_field(path: Path) -> None:
    entry = json.loads(path.read_text("utf-8"))
    entry["records"][0]["kind"] = "weight"
    path.write_text(json.dumps(entry), "utf-8")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_truncate, id="truncated-json"),
        pytest.param(_not_an_object, id="not-an-object"),
        pytest.param(_shift_spans, id="spans-off-the-text"),
        pytest.param(_bad_field, id="bad-record-field"),
    ],
)
def test_damaged_entry_warns_and_is_rebuilt(
    tmp_path: Path, serial: list[dict[str, object]], damage: Callable[[Path], None]
) -> None:
    """A damaged entry is ignored with a warning, the document parsed again and re-cached."""
    cache = tmp_path / "cache"
    Corpus.from_path(SEEDS, cache=cache).statistics()
    entries = [p for p in _entries(cache) if json.loads(p.read_text("utf-8"))["records"]]
    target = entries[0]
    damage(target)
    again = Corpus.from_path(SEEDS, cache=cache)
    with pytest.warns(
        TipcorpusWarning, match=r"ignored the statistics cache entry .*parsing again"
    ):
        records = again.statistics().to_records()
    assert records == serial
    assert _parsed(again).count(True) == 1
    healed = Corpus.from_path(SEEDS, cache=cache)
    assert healed.statistics().to_records() == serial
    assert not any(_parsed(healed))


def test_cache_true_uses_the_user_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """cache=True writes under $XDG_CACHE_HOME/tipcorpus."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    Corpus.from_path(SEEDS, cache=True).statistics()
    assert len(_entries(tmp_path / "xdg" / "tipcorpus")) == len(Corpus.from_path(SEEDS))


@pytest.mark.parametrize("cache", [None, False], ids=["none", "false"])
def test_no_cache_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool | None
) -> None:
    """Without cache= (or with False) no cache directory is made."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    Corpus.from_path(SEEDS, cache=cache).statistics()
    assert not (tmp_path / "xdg").exists()


def test_unwritable_cache_warns_and_still_answers(
    tmp_path: Path, serial: list[dict[str, object]]
) -> None:
    """A cache that cannot be written warns, and the statistics are still right."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    with pytest.warns(TipcorpusWarning, match="cannot write the statistics cache entry"):
        stats = Corpus.from_path(SEEDS, cache=blocker).statistics()
    assert stats.to_records() == serial
