"""Sentence boundaries for Chinese news: after 。！？ (and ；), and at every line break."""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import tokens_of

SENTENCE_END = frozenset("。！？!?；;")
_BOUNDS = "kg_sentence_bounds"  # Doc.user_data key of the (start, end) characters of each sentence
_AFTER = float("inf")  # sorts after any end offset: (start, _AFTER) follows every sentence starting at start


@Language.factory("kg_sentences")
class SentenceSplitter:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Boundaries set in one array: the ``is_sent_start`` setter checks the parse of the whole Doc on
        every call, which made this quadratic in the length of the document."""
        starts = []
        start = True
        for text in tokens_of(doc).words:
            starts.append(1 if start else -1)
            start = "\n" in text or (text[-1] in SENTENCE_END)
        if starts:
            doc.from_array([SENT_START], numpy.array(starts, dtype="int64").reshape(-1, 1).astype("uint64"))
        return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the sentences (doc must have run kg_sentences), listed once per Doc: ``doc.sents``
    and ``Token.sent`` walk the tokens on each call. Token splits later on do not move them: a split token's
    pieces start no sentence."""
    bounds = doc.user_data.get(_BOUNDS)
    if bounds is None:
        bounds = doc.user_data[_BOUNDS] = [(sent.start_char, sent.end_char) for sent in doc.sents]
    return bounds


def sentence_of(doc: Doc, start_char: int) -> tuple[int, int]:
    """Character range of the sentence containing ``start_char``."""
    bounds = sentence_bounds(doc)
    if not bounds:
        return 0, 0
    return bounds[max(bisect_right(bounds, (start_char, _AFTER)) - 1, 0)]
