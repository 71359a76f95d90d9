"""`rag eval` and its scoring: matching rules, the metric formulas, the JSON contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag import Assistant
from rag.evaluate import METRICS, Item, contains, evaluate, load_conversations, load_items, summarize

from .conftest import ROOT, SEEDS

DEV = ROOT / "benchmarks" / "data"


# -- quick: matching ------------------------------------------------------------------------

@pytest.mark.parametrize("text, needle, expected", [
    ("seven other cartel members", "7", True),
    ("7 other cartel members", "seven", True),
    ("Twenty-five members of the National Guard", "25", True),
    ("a $15 million reward", "15 million", True),
    ("more than 1,000 troops", "1000", True),
    ("in 2023", "3", False),
    ("73 people", "7", False),
    ("SHELTER IN PLACE", "shelter in place", True),
    ("García Harfuch’s statement", "harfuch's", True),
    ("nothing here", "Tampa", False),
    ("Three people died [2].", "2", False),
    ("No one was hurt [1, 3].", "3", False),
    ("about 3.5 million", "3", False),
    ("3 million, 7 wounded", "3", True),
])
def test_contains_treats_digits_and_words_alike(text: str, needle: str, expected: bool) -> None:
    assert contains(text, needle) is expected


def _row(answerable: bool, refused: bool, correct: bool, cites: list[bool], rank: int | None,
         latency: float) -> dict:
    return {"answerable": answerable, "refused": refused, "correct": correct,
            "cited": any(cites) if answerable and not refused else None,
            "citations": [{"holds_evidence": c} for c in cites], "evidence_rank": rank,
            "latency_ms": latency}


def test_summarize_formulas_on_hand_made_rows() -> None:
    rows = [
        _row(True, False, True, [True, False], 1, 10),    # right, one of two citations right
        _row(True, False, False, [False], 3, 20),         # wrong, wrong citation, evidence third
        _row(True, True, False, [], None, 30),            # declined an answerable question
        _row(False, True, True, [], None, 40),            # right decline
        _row(False, False, False, [False], None, 50),     # should have declined
    ]
    s = summarize(rows)
    assert s["answer_accuracy"] == round(1 / 3, 3)
    assert s["decline_precision"] == 0.5 and s["decline_recall"] == 0.5
    assert s["citation_precision"] == round(1 / 3, 3)  # citations of answered, answerable questions
    assert s["citation_recall"] == round(1 / 3, 3)
    assert s["hit_at_k"] == round(2 / 3, 3) and s["mrr"] == round((1 + 1 / 3) / 3, 3)
    assert s["latency_ms_p50"] == 30.0 and 40 < s["latency_ms_p95"] <= 50


def test_summarize_leaves_figures_without_data_empty() -> None:
    s = summarize([_row(False, True, True, [], None, 5)])
    assert s["answer_accuracy"] is None and s["hit_at_k"] is None and s["decline_recall"] == 1.0


# -- core: the dev set and a real index -----------------------------------------------------

def test_an_item_with_only_an_answer_requires_that_answer() -> None:
    from rag.evaluate import _item, states_answer

    item = _item({"question": "Where?", "answer": "Tampa, Florida"}, "1")
    assert item.must_contain == ("Tampa, Florida",)
    assert states_answer(item, "It was played in Tampa, Florida. [1]")
    assert not states_answer(item, "It was played in Glendale, Arizona. [1]")


def test_dev_set_has_the_promised_shape() -> None:
    items = load_items(DEV / "seed_qa.jsonl")
    conversations = load_conversations(DEV / "seed_conversations.jsonl")
    assert len(items) >= 30 and sum(not i.answerable for i in items) >= 8
    assert len(conversations) >= 8 and all(len(turns) >= 2 for _, turns in conversations)


def test_every_seed_question_file_loads_and_quotes_the_seed_verbatim() -> None:
    article = (ROOT / "seeds" / "salon-2026-02-23-el-mencho.md").read_text(encoding="utf-8")
    files = sorted(f for f in DEV.glob("seed_*.jsonl") if "claims" not in f.name)  # claims: another format
    assert any("dev8" in f.name for f in files)
    for path in files:
        items = load_items(path) + [t for _, turns in load_conversations(path) for t in turns]
        assert items, path.name
        for item in items:
            assert all(e in article for e in item.evidence), (path.name, item.id)


def test_evaluate_scores_right_and_wrong_answers(seeded: Assistant) -> None:
    good = Item("good", "How many Mexican soldiers were wounded in the gunfight?", "three",
                any_of=("3",), evidence=("three Mexican soldiers being wounded",))
    wrong = Item("wrong", "How many Mexican soldiers were wounded in the gunfight?", "nine",
                 any_of=("9",), evidence=("three Mexican soldiers being wounded",))
    unknown = Item("unknown", "What is the weather forecast for Paris?", None)
    report = evaluate(seeded, [good, wrong, unknown], top_k=3)
    rows = {r["id"]: r for r in report["questions"]}
    assert rows["good"]["passed"] and rows["good"]["evidence_rank"] == 1
    assert rows["good"]["citations"][0]["holds_evidence"] is True
    assert not rows["wrong"]["passed"] and rows["wrong"]["cited"]  # right passage, wrong figure
    assert rows["unknown"]["passed"] and rows["unknown"]["refused"]
    assert report["answer_accuracy"] == 0.5 and report["decline_recall"] == 1.0
    assert report["k"] == 3 and all(len(r["citations"]) <= 3 for r in rows.values())


def _rag(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


def test_rag_eval_json_contract_with_a_corpus_and_conversations(tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(x) for x in [
        {"id": "a", "question": "What did the State Department urge American travelers to do?",
         "answer": "shelter in place", "must_contain": ["shelter in place"]},
        {"id": "b", "question": "Who won the 2022 World Cup?", "answer": None},
        {"id": "c", "turns": [
            {"question": "How many Mexican soldiers were wounded in the gunfight?", "answer": "3",
             "any_of": ["three"]},
            {"question": "And how many cartel members died alongside him?", "answer": "7",
             "any_of": ["seven"]}]},
    ]) + "\n", encoding="utf-8")
    done = _rag("eval", str(questions), "--corpus", str(SEEDS), "--json", "-k", "4", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(METRICS) | {"questions"} <= set(report)
    assert [r["id"] for r in report["questions"]] == ["a", "b", "c.1", "c.2"]
    assert report["conversations"]["total"] == 1 and report["k"] == 4
    assert all(0 <= report[m] <= 1 for m in METRICS if not m.startswith("latency"))
    assert report["latency_ms_p95"] >= report["latency_ms_p50"] > 0
    assert list((tmp_path / "rag-eval").iterdir()), "the corpus index lives in the temp folder"
    again = _rag("eval", str(questions), "--corpus", str(SEEDS), tmp=tmp_path)  # index reused
    assert again.returncode == 0 and "1 unchanged" in again.stderr
    assert "answer_accuracy" in again.stdout and "conversations passed" in again.stdout


@pytest.mark.parametrize("content, message", [
    ("{not json\n", "not JSON"),
    ('{"id": 1, "question": ""}\n', "non-empty"),
    ('{"id": 1, "turns": [{"answer": "x"}]}\n', "question"),
    ("\n", "no questions"),
])
def test_rag_eval_bad_files_are_usage_errors(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    done = _rag("eval", str(bad), "--corpus", str(SEEDS), tmp=tmp_path)
    assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr


def test_rag_eval_rebuilds_its_own_temporary_index_from_an_older_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from ui.cli import eval_index

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = eval_index([SEEDS])
    old.mkdir(parents=True)
    (old / "manifest.json").write_text("{}", encoding="utf-8")  # the previous file layout
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"question": "Who won the 2022 World Cup?", "answer": None}) + "\n",
                         encoding="utf-8")
    done = _rag("eval", str(questions), "--corpus", str(SEEDS), "--json", tmp=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["decline_recall"] == 1.0 and not (old / "manifest.json").exists()
