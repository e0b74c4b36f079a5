"""Sentence boundaries (kg_sentences) and the sentence of a character offset."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.nlp.sentences import SentenceSplitter, sentence_of

WORDS = ["5月8日", "，", "县长", "来到", "项目", "。", "他", "强调", "：", "要", "加快", "！", "\n", "随后", "座谈"]


def _doc() -> Doc:
    nlp = spacy.blank("zh")
    doc = Doc(nlp.vocab, words=WORDS, spaces=[False] * len(WORDS))
    return SentenceSplitter(nlp, "kg_sentences")(doc)


def test_sentences_end_after_end_marks_and_at_line_breaks():
    assert [sent.text for sent in _doc().sents] == ["5月8日，县长来到项目。", "他强调：要加快！", "\n", "随后座谈"]


def test_sentence_of_every_character_is_the_sentence_of_its_token():
    doc = _doc()
    for token in doc:
        for char in range(token.idx, token.idx + len(token.text)):
            assert sentence_of(doc, char) == (token.sent.start_char, token.sent.end_char)


def test_an_empty_doc_has_no_sentences():
    nlp = spacy.blank("zh")
    doc = SentenceSplitter(nlp, "kg_sentences")(Doc(nlp.vocab, words=[]))
    assert list(doc.sents) == [] and sentence_of(doc, 0) == (0, 0)
