"""Split documents into sentences and token-budgeted, overlapping chunks with exact offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.documents import Document
from rag.text import chunk_id, is_stopword

# We split sentences ourselves instead of using llama-index's SentenceSplitter because every
# sentence and chunk must keep exact character offsets (document.text[start:end] == text),
# which SentenceSplitter does not guarantee once it re-joins its splits.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen adm maj brig cpl pvt supt insp hon rev sen rep gov lt col sgt capt cmdr st jr sr vs etc "
    "no inc corp co ltd "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k a.m p.m e.g i.e dept approx".split()
)
# Of those, the ones that can also end a sentence ("until 6 a.m. The bishop ..."): they end one
# when the next word is a capitalised stop word (BM25's short list: "The", "It", "In"; not
# "When") or pronoun, never before a name ("9 p.m. Sunday"): in doubt, one longer sentence.
_MAY_END = frozenset("a.m p.m u.s u.n u.k etc inc corp co ltd jr sr dept "
                     "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_PRONOUNS = frozenset("i he she we you his her our my your".split())  # not stop words to BM25
_NEXT_WORD = re.compile(r"[\s\"“‘(\[]*([A-Z][a-z]*)(?![\w.’'-])")  # a word, not "A-10" or "U.N."
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["“‘(\[]?[A-Z0-9¿¡À-Ý])|\n\s*\n""")
_TOKEN_BEFORE = re.compile(r"([\w.]+)\.$")


@dataclass(frozen=True)
class Span:
    """A piece of a document: ``doc.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: a run of whole sentences within the token budget."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    first_sentence: int
    last_sentence: int

    @property
    def chunk_id(self) -> str:
        """Stable id, unique within the index."""
        return chunk_id(self.doc_id, self.index)


@lru_cache(maxsize=1)
def _encoding():  # type: ignore[no-untyped-def]
    import tiktoken

    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    """Tokens in ``text`` under cl100k_base (what OpenAI chat models count)."""
    return len(_encoding().encode(text, disallowed_special=()))


def _is_abbreviation(text: str, dot: int, after: int) -> bool:
    """Whether the dot at ``dot`` ends an abbreviation rather than a sentence (``after``:
    where the text after the boundary begins)."""
    match = _TOKEN_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not match:
        return False
    word = match.group(1)
    if word.lower() in _MAY_END and (following := _NEXT_WORD.match(text, after)):
        return not (is_stopword(following.group(1)) or following.group(1).lower() in _PRONOUNS)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` with offsets; whitespace between them belongs to none.

    Example:
        >>> [s.text for s in split_sentences("The U.S. helped. Mexico led it.")]
        ['The U.S. helped.', 'Mexico led it.']
    """
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        if match.group().startswith(".") and _is_abbreviation(text, match.start(), match.end()):
            continue
        _append(spans, text, start, end)
        start = match.end()
    _append(spans, text, start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = start + lead
    spans.append(Span(begin, begin + len(stripped), stripped))


_CHARS_PER_TOKEN = 12  # more than any cl100k token holds: a window of budget * this has the budget


def _split_long(sentence: Span, budget: int) -> list[Span]:
    """Cut one over-long sentence into pieces of at most ``budget`` tokens.

    Cuts fall at the last space of each piece when there is one in its second half, else
    between tokens: a 1 MB base64 blob or a giant "word" is cut too, never kept whole.
    """
    pieces: list[Span] = []
    text, begin = sentence.text, 0
    while begin < len(text):
        window = text[begin: begin + budget * _CHARS_PER_TOKEN]  # bounds BPE's cost
        tokens = _encoding().encode(window, disallowed_special=())
        if len(tokens) <= budget and begin + len(window) == len(text):
            cut = len(window)
        else:
            _, starts = _encoding().decode_with_offsets(tokens[: budget + 1])
            cut = starts[budget] if len(starts) > budget else len(window)
            space = window.rfind(" ", 0, cut)
            if space > cut // 2:
                cut = space
            while cut > 1 and count_tokens(window[:cut]) > budget:  # re-encoding can merge differently
                cut -= max(1, cut // 20)
        piece = window[:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            start = sentence.start + begin + lead
            pieces.append(Span(start, start + len(piece.strip()), piece.strip()))
        begin += max(cut, 1)
    return pieces


def sentences_of(doc: Document, budget: int) -> list[Span]:
    """The document's sentences, over-long ones cut so each fits the token budget."""
    out: list[Span] = []
    for span in split_sentences(doc.text):
        out.extend(_split_long(span, budget) if count_tokens(span.text) > budget else [span])
    return out


def chunk_document(
    doc: Document, sentences: list[Span], budget: int, overlap: int
) -> list[Chunk]:
    """Group sentences into chunks of at most ``budget`` tokens, sharing up to ``overlap``.

    Example:
        >>> doc = Document("a.txt", "One. Two. Three.", "a")
        >>> [c.text for c in chunk_document(doc, sentences_of(doc, 8), budget=4, overlap=2)]
        ['One. Two.', 'Two. Three.']
    """
    if overlap >= budget:
        raise ValueError("overlap must be smaller than the budget")
    tokens = [count_tokens(s.text) for s in sentences]
    chunks: list[Chunk] = []
    first = 0
    while first < len(sentences):
        last, used = first, tokens[first]
        while last + 1 < len(sentences) and used + tokens[last + 1] <= budget:
            last += 1
            used += tokens[last]
        start, end = sentences[first].start, sentences[last].end
        chunks.append(Chunk(doc.doc_id, len(chunks), start, end, doc.text[start:end], first, last))
        if last + 1 >= len(sentences):
            break
        # Next chunk starts with the trailing sentences that fit the overlap, never going back.
        nxt, shared = last + 1, 0
        while nxt - 1 > first and shared + tokens[nxt - 1] <= overlap:
            nxt -= 1
            shared += tokens[nxt]
        first = nxt
    return chunks
