"""Hybrid retrieval: BM25 (no zero-score hits), reciprocal rank fusion, persistence."""

from __future__ import annotations

import shutil
from pathlib import Path

from rag import Assistant
from rag.keywords import BM25Index, KeywordIndex
from rag.retrieve import HybridRetriever, reciprocal_rank_fusion


def test_rrf_rewards_agreement() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "d"]], k=60)
    assert [i for i, _ in fused] == ["b", "a", "d", "c"]
    assert fused[0][1] == 1 / 62 + 1 / 61


def test_bm25_drops_zero_scores_and_persists(tmp_path: Path) -> None:
    bm25 = BM25Index.build(["x", "y", "z"], ["flights suspended", "guard killed", "pentagon silent"])
    assert [i for i, _ in bm25.search("flights", k=3)] == ["x"]
    assert bm25.search("unrelated words entirely", k=3) == []
    assert bm25.search("the of and", k=3) == []
    bm25.save(tmp_path / "bm25", generation="g7")
    assert BM25Index.saved_generation(tmp_path / "bm25") == "g7"
    assert BM25Index.saved_generation(tmp_path / "none") is None
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded.search("guard", k=3) == bm25.search("guard", k=3)
    assert loaded.idf("unseen") > loaded.idf("guard") > 0


def test_hybrid_finds_the_passage_with_the_answer(seeded: Assistant) -> None:
    question = "Which cities had flights suspended?"
    vector = seeded.embedder.embed([question])[0]
    retriever = HybridRetriever(seeded.store, seeded.bm25, candidates=20, rrf_k=60)
    passages = retriever.retrieve(question, vector, top_k=2).passages
    assert "Guadalajara and Puerto Vallarta" in passages[0].text
    assert passages[0].dense is not None and passages[0].bm25 is not None
    assert passages[0].score >= passages[-1].score
    dense_only = retriever.dense(vector, 1)
    assert -1.0 <= dense_only[0][1] <= 1.0


def test_one_question_after_a_statement_is_searched_alone_but_a_rewrite_is_not(seeded: Assistant) -> None:
    found = seeded.retrieve("Sheinbaum thanked the Army on Facebook; how many Guard members were killed?")
    assert [p.query for p in found.parts] == ["how many Guard members were killed — Sheinbaum, Army, Facebook?"]
    rewrite = seeded.retrieve("And the Pentagon?",
                              query="the Pentagon — What did the State Department tell travelers?")
    assert rewrite.parts == []


def test_a_passage_knows_the_surnames_its_document_gives_nicknames(seeded: Assistant) -> None:
    found = seeded.retrieve("Who led the cartel?")
    assert found.passages and all(p.aliases == {"el mencho": "Oseguera"} for p in found.passages)
    assert "aliases" not in found.passages[0].to_dict()


def test_names_typed_in_lower_case_are_read_with_the_corpus_capitals(seeded: Assistant, tmp_path: Path) -> None:
    found = seeded.retrieve("where was el mencho killed in jalisco?")
    assert found.query == "where was El Mencho killed in Jalisco?"
    assert found.question == "where was el mencho killed in jalisco?"  # shown as asked
    copy = tmp_path / "bm25"  # a copy saved before names were learned is rebuilt, not used
    shutil.copytree(seeded.store.index_dir / "bm25", copy)
    (copy / "casing.json").unlink()
    rebuilt = KeywordIndex(seeded.store, copy, check_every=60).get()
    assert rebuilt.casing["el mencho"] == "El Mencho" and BM25Index.learned_here(copy)
    (copy / "casing.json").write_text('{"version": 0, "names": {}}')  # learned by another version
    assert not BM25Index.learned_here(copy)
    assert KeywordIndex(seeded.store, copy, check_every=60).get().casing["el mencho"] == "El Mencho"


def test_an_overview_also_reads_the_lead_of_its_best_documents(seeded: Assistant) -> None:
    question = "Summarize how flights and travelers were affected."
    plain = seeded.retrieve("Which cities had flights suspended?", top_k=1)
    assert plain.passages[0].first_sentence > 0 and plain.passages[0].about is None
    found = seeded.retrieve(question, top_k=1)
    assert [p.first_sentence for p in found.passages][-1] == 0  # the story's lead, after what was found
    assert found.passages[0].first_sentence > 0
    assert all(p.about is not None and -1.0 <= p.about <= 1.0 for p in found.passages)
    assert any(s.index == 0 for s in found.sentences)


def test_a_name_no_retrieved_passage_mentions_is_looked_up_by_itself(fresh: Assistant, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "lagos.md").write_text("# Lagos market\n\nThe market in Lagos reported 300 visitors on Monday.\n")
    (folder / "kano.md").write_text("# Kano clinic\n\nThe clinic in Kano saw 40 patients on Monday.\n")
    (folder / "guzman.md").write_text("# Arrest\n\nJoaquín Guzmán López was arrested near El Paso.\n")
    fresh.ingest([folder])
    found = fresh.retrieve("Did the market in Lagos and the clinic in Kano report visitors?", top_k=1)
    assert {p.doc_id for p in found.passages} >= {"lagos.md", "kano.md"}  # one by fusion, one by name
    alone = fresh.retrieve("How did Andrés Manuel López Obrador and the Lagos market react?", top_k=1)
    assert "guzman.md" not in {p.doc_id for p in alone.passages}  # "López" alone is not his name


COURIER = ("---\ntitle: Raid in the hills\noutlet: Gulf Coast Courier\n---\n"
           "Troops raided a ranch near Tapalpa on Sunday.\n")
LEDGER = ("---\ntitle: Flights cancelled\noutlet: Western Ledger\n---\n"
          "Airlines cancelled flights from Guadalajara on Sunday.\n")


def test_an_outlet_named_by_the_question_brings_its_story(fresh: Assistant, tmp_path: Path) -> None:
    folder = tmp_path / "outlets"
    folder.mkdir()
    (folder / "courier.md").write_text(COURIER)
    (folder / "ledger.md").write_text(LEDGER)
    fresh.ingest([folder])
    found = fresh.retrieve("Summarize the Gulf Coast Courier piece about flights.", top_k=1)
    assert "courier.md" in {p.doc_id for p in found.passages}  # its chunks never say "Courier"
    answer = fresh.ask("Summarize the Gulf Coast Courier piece.")
    assert not answer.refused and {c.doc_id for c in answer.citations} == {"courier.md"}


def test_an_outlet_added_after_a_story_question_is_found(fresh: Assistant, tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    (first / "ledger.md").write_text(LEDGER)
    fresh.ingest([first])
    question = "What did the Gulf Coast Courier piece say about flights?"
    assert {p.doc_id for p in fresh.retrieve(question, top_k=1).passages} == {"ledger.md"}  # not indexed yet
    (later / "courier.md").write_text(COURIER)
    fresh.ingest([later])  # a new generation: the outlets are read again
    assert "courier.md" in {p.doc_id for p in fresh.retrieve(question, top_k=1).passages}


def test_an_overview_is_searched_by_its_subject_not_its_request(fresh: Assistant, tmp_path: Path) -> None:
    folder = tmp_path / "overview"
    folder.mkdir()
    (folder / "tour.md").write_text("# Museum tour\n\nCan the guide give me an overview? The guide will give "
                                    "visitors an overview of the exhibition and can summarize it.\n")
    (folder / "washington.md").write_text("# Washington's response\n\nThe U.S. government reacted to the "
                                          "operation by claiming credit and warning Americans to stay indoors.\n")
    fresh.ingest([folder])
    found = fresh.retrieve("Can you give me an overview of how the U.S. government reacted to the operation?", top_k=1)
    assert found.passages[0].doc_id == "washington.md"


def test_an_overview_reads_the_lead_of_the_story_its_headline_names(fresh: Assistant, tmp_path: Path) -> None:
    folder = tmp_path / "headlines"
    folder.mkdir()
    (folder / "tally.md").write_text("# Gunmen set 318 blockades on Sunday\n\nGunmen set blockades over the weekend. "
                                     "The weekend of blockades closed roads; blockades burned buses and blockades "
                                     "closed schools.\n")
    (folder / "economy.md").write_text('---\ntitle: "Jalisco counts the economic cost of the weekend of blockades"\n'
                                       "---\nThe violence lasted a day and a half. Its bill is still being added up.\n")
    fresh.ingest([folder])
    question = "Summarize the economic fallout from the weekend of blockades."
    assert [p.doc_id for p in fresh.retrieve(question.replace("Summarize", "What was"), top_k=1).passages] == ["tally.md"]
    assert "economy.md" in {p.doc_id for p in fresh.retrieve(question, top_k=1).passages}
    many = fresh.with_settings(candidates=1)  # more stories than read: the headlines sharing its words
    assert "economy.md" in {p.doc_id for p in many.retrieve(question, top_k=1).passages}



def test_a_count_also_reads_the_next_passages_for_another_account(fresh: Assistant, tmp_path: Path) -> None:
    folder = tmp_path / "wires"
    folder.mkdir()
    for n, town in enumerate(["Tapalpa", "Zapopan", "Colima", "Tepic", "Morelia", "Celaya"]):
        (folder / f"wire{n}.md").write_text(f"# Wire {n}\n\nGunmen set up {20 + n} blockades near {town} on Sunday.\n")
    fresh.ingest([folder])
    counted = fresh.retrieve("How many blockades did gunmen set up on Sunday?", top_k=2)
    assert len(counted.passages) == 2 and counted.further and counted.further_sentences
    assert not {p.chunk_id for p in counted.further} & {p.chunk_id for p in counted.passages}
    assert not fresh.retrieve("Where did gunmen set up blockades on Sunday?", top_k=2).further  # no count
    answer = fresh.ask("How many blockades did gunmen set up near Tapalpa on Sunday?", top_k=1)
    assert "20 blockades" in answer.text and not answer.conflict  # the others count blockades elsewhere
