"""How well the citation checker separates supported from unsupported claims.

`python benchmarks/claim_check.py [--calibrate]`: each claim in data/seed_claims.jsonl is
cited to the seed chunk holding its evidence. The threshold is swept on ``dev`` only;
``heldout`` is reported at the configured value.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag import Assistant  # noqa: E402
from rag.types import Passage  # noqa: E402
from rag.verify import CitationVerifier  # noqa: E402

CLAIMS = ROOT / "benchmarks" / "data" / "seed_claims.jsonl"


def _passage(assistant: Assistant, needle: str) -> Passage:
    ids, texts = assistant.store.all_chunks()
    chunk_id = next(i for i, t in zip(ids, texts) if needle in t)
    text, meta = assistant.store.get_chunks([chunk_id])[chunk_id]
    return Passage.from_metadata(chunk_id, text, meta)


def evaluate(assistant: Assistant, split: str, threshold: float) -> dict[str, float]:
    verifier = CitationVerifier(assistant.embedder.embed, assistant.bm25.idf, threshold,
                                assistant.config.scoring.claim_w_cosine)
    tp = fp = tn = fn = 0
    for line in CLAIMS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["split"] != split:
            continue
        passage = _passage(assistant, item["evidence"])
        sentences = assistant.store.get_sentences(
            passage.doc_id, list(range(passage.first_sentence, passage.last_sentence + 1)))
        verdict = verifier.verify(f"{item['claim']} [1]", [passage], lambda _, s=sentences: s).grounded
        tp += verdict and item["supported"]
        fp += verdict and not item["supported"]
        tn += not verdict and not item["supported"]
        fn += not verdict and item["supported"]
    return {"split": split, "threshold": threshold,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
            "accuracy": round((tp + tn) / (tp + fp + tn + fn), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true", help="sweep the threshold on dev")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.open(index_dir=tmp, answer_mode="extractive")
        assistant.ingest([ROOT / "seeds"], progress=False)
        if args.calibrate:
            for step in range(30, 66, 3):
                print(json.dumps(evaluate(assistant, "dev", step / 100)))
            return
        for split in ("dev", "heldout"):
            print(json.dumps(evaluate(assistant, split, assistant.config.claim_min_support)))


if __name__ == "__main__":
    main()
