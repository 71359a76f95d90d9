"""rag.keywords: the BM25 index on a few tiny texts, saved and loaded in a temporary folder."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from rag.keywords import BM25Index

pytestmark = pytest.mark.unit

IDS = ["c1", "c2", "c3"]
TEXTS = ["Flights were suspended in Guadalajara.", "The Pentagon said nothing.",
         "Seven guards were killed in Jalisco."]


@pytest.fixture(scope="module")
def index() -> BM25Index:
    return BM25Index.build(IDS, TEXTS)


def test_search_finds_the_matching_text(index: BM25Index) -> None:
    hits = index.search("suspended flights", k=5)
    assert [i for i, _ in hits] == ["c1"] and hits[0][1] > 0


def test_search_stems_the_query(index: BM25Index) -> None:
    assert [i for i, _ in index.search("kill guard", k=5)] == ["c3"]


def test_zero_score_hits_are_dropped(index: BM25Index) -> None:
    assert index.search("zebra", k=5) == []
    assert index.search("the", k=5) == []  # stop words only: no terms


def test_search_returns_at_most_k(index: BM25Index) -> None:
    assert len(index.search("were", k=1)) == 1
    assert {i for i, _ in index.search("were", k=10)} == {"c1", "c3"}


def test_idf(index: BM25Index) -> None:
    assert index.idf("flight") == pytest.approx(math.log(1 + 2.5 / 1.5))  # in 1 of 3
    assert index.idf("were") == pytest.approx(math.log(1 + 1.5 / 2.5))  # in 2 of 3
    assert index.idf("unseen") == pytest.approx(math.log(8.0))  # the maximum
    assert index.get() is index


def test_an_acronym_is_found_however_it_is_written() -> None:
    index = BM25Index.build(["c1", "c2"], ["U.S. officials helped.", "Officials told us nothing."])
    assert [i for i, _ in index.search("What did US officials do?", k=5)][0] == "c1"
    assert [i for i, _ in index.search("USA", k=5)] == ["c1"]  # not the pronoun "us"


def test_an_index_whose_terms_were_split_by_another_version_is_not_used(index: BM25Index, tmp_path: Path) -> None:
    folder = tmp_path / "keywords"
    index.save(folder, "gen-1")
    assert BM25Index.learned_here(folder)
    saved = json.loads((folder / "casing.json").read_text())
    (folder / "casing.json").write_text(json.dumps({**saved, "tokens": 0}))
    assert not BM25Index.learned_here(folder)


def test_texts_of_stop_words_only_make_an_index_that_finds_nothing() -> None:
    index = BM25Index.build(["c1", "c2"], ["the", "of"])  # bm25s cannot index an empty vocabulary
    assert index.search("the", k=2) == [] and index.search("flights", k=2) == []


def test_an_empty_index_finds_nothing() -> None:
    empty = BM25Index.build([], [])
    assert empty.search("flights", k=3) == []
    assert empty.idf("flight") == pytest.approx(math.log(2.0))


def test_save_and_load_round_trip(index: BM25Index, tmp_path: Path) -> None:
    folder = tmp_path / "keywords"
    index.save(folder, "gen-1")
    assert BM25Index.saved_generation(folder) == "gen-1"
    loaded = BM25Index.load(folder)
    assert loaded.ids == IDS
    assert loaded.search("suspended flights", k=5) == index.search("suspended flights", k=5)
    assert loaded.idf("flight") == index.idf("flight")
    assert loaded.casing == index.casing and loaded.recased("in jalisco?") == "in Jalisco?"


def test_save_replaces_an_older_copy_and_leaves_no_temporaries(index: BM25Index, tmp_path: Path) -> None:
    folder = tmp_path / "keywords"
    BM25Index.build(["x"], ["Something else entirely."]).save(folder, "gen-1")
    index.save(folder, "gen-2")
    assert BM25Index.saved_generation(folder) == "gen-2"
    assert BM25Index.load(folder).ids == IDS
    assert [p.name for p in tmp_path.iterdir()] == ["keywords"]


def test_an_empty_index_saves_and_loads(tmp_path: Path) -> None:
    BM25Index.build([], []).save(tmp_path / "empty", "gen-0")
    loaded = BM25Index.load(tmp_path / "empty")
    assert loaded.ids == [] and loaded.search("anything", k=3) == []


def test_saved_generation_of_a_missing_or_damaged_index_is_none(tmp_path: Path) -> None:
    assert BM25Index.saved_generation(tmp_path / "missing") is None
    (tmp_path / "generation.json").write_text("{not json", encoding="utf-8")
    assert BM25Index.saved_generation(tmp_path) is None


def test_load_refuses_ids_that_do_not_match_the_scores(index: BM25Index, tmp_path: Path) -> None:
    folder = tmp_path / "keywords"
    index.save(folder, "gen-1")
    (folder / "ids.json").write_text('["c1", "c2"]', encoding="utf-8")
    with pytest.raises(ValueError, match="3 scored chunks for 2 ids"):
        BM25Index.load(folder)
