"""Sentence boundaries for Chinese news: after 。！？ (and ；), and at every line break."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = frozenset("。！？!?；;")


@Language.factory("kg_sentences")
class SentenceSplitter:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        start = True
        for token in doc:
            token.is_sent_start = start
            text = token.text
            start = "\n" in text or (text[-1] in SENTENCE_END)
        return doc


def sentence_of(doc: Doc, start_char: int) -> tuple[int, int]:
    """Character range of the sentence containing ``start_char`` (doc must have run kg_sentences)."""
    token = doc[_token_at(doc, start_char)]
    sent = token.sent
    return sent.start_char, sent.end_char


def _token_at(doc: Doc, char: int) -> int:
    lo, hi = 0, len(doc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc[mid].idx <= char:
            lo = mid
        else:
            hi = mid - 1
    return lo
