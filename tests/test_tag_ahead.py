"""Documents normalised and tagged by LAC together before the pipeline (kg.extraction.process_paths): the same
outcomes, in the same order and grouping, as each document processed alone; a broken or slow document
costs only itself."""

from __future__ import annotations

import json
import time

import pytest

import kg.extraction
from kg.extraction import Job, process_or_fail, process_paths, read_job
from kg.model import Document, DocumentResult, Failure
from kg.nlp.tokenizer import lac_pieces, lac_tagger
from kg.pipeline import load

ARTICLES = [
    "3月4日，市委书记冯立军来到经开区储能电池项目现场调研。他强调，要加快建设进度。",
    "4月9日，县长韩雪梅深入石门乡茶叶加工厂项目，察看生产线。县委常委、副县长蔡文陪同。",
    "5月6日上午，区委书记严正清一行先后走进云岭物流园、城南污水处理厂提标改造工程调研。",
    "6月1日，镇党委书记邵远主持召开会议。会议指出，要抓好项目建设。",
    "7月12日，副市长苗青到北塘港区二期码头项目检查安全生产工作。",
]


def test_run_many_tags_each_text_as_run_does(gold_articles):
    tagger = lac_tagger()
    pieces = [piece for path in gold_articles[:40] for piece in lac_pieces(path.read_text(encoding="utf-8"))
              if not piece.isspace()]
    pieces += ["", "，", pieces[0]]  # empty, one character, a repeat
    for start in range(0, len(pieces), 97):
        window = pieces[start : start + 97]
        assert tagger.run_many(window) == [tagger.run(piece) for piece in window]


def test_run_many_cuts_many_texts_of_one_length_into_batches_tagged_as_alone(monkeypatch):
    tagger = lac_tagger()
    texts = [f"第{number:03d}号项目于今年开工建设" for number in range(150)]  # 150 texts of one length: 3 batches
    assert len(set(map(len, texts))) == 1
    alone = [tagger.run(text) for text in texts]
    session, rows = tagger._session, []

    class Counting:
        def run(self, outputs, feeds):
            rows.append(len(feeds["token_ids"]))
            return session.run(outputs, feeds)

    monkeypatch.setattr(tagger, "_session", Counting())
    assert tagger.run_many(texts) == alone
    assert rows == [64, 64, 22]


def test_a_tokenizer_tagging_ahead_makes_the_same_docs():
    nlp = load()
    alone = [[(t.text, t.tag_) for t in nlp.tokenizer(text)] for text in ARTICLES]
    nlp.tokenizer.tag_ahead(ARTICLES[:3])
    ahead = [[(t.text, t.tag_) for t in nlp.tokenizer(text)] for text in ARTICLES]  # two not tagged ahead
    nlp.tokenizer.tag_ahead([])
    assert ahead == alone


@pytest.fixture
def inputs(tmp_path):
    """Files of one article, a JSONL file of several (one line broken), an unreadable file, in that order."""
    folder = tmp_path / "news"
    folder.mkdir()
    paths = []
    for number, text in enumerate(ARTICLES[:3]):
        paths.append(folder / f"a{number}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    feed = folder / "feed.jsonl"
    lines = [json.dumps({"text": text}, ensure_ascii=False) for text in ARTICLES[3:]] + ['{"text": "8月', "{}"]
    feed.write_text("\n".join(lines + [json.dumps({"text": ARTICLES[0] + "又讯。"}, ensure_ascii=False)]),
                    encoding="utf-8")
    paths.append(feed)
    paths.append(folder / "missing.txt")
    paths.append(folder / "last.txt")
    paths[-1].write_text(ARTICLES[4] + "另讯。", encoding="utf-8")
    return [str(path) for path in paths]


def _alone(job: Job) -> list:
    """What one input gives when each of its documents is processed alone."""
    return [process_or_fail(item) if isinstance(item, Document) else item for item in read_job(job, None)]


def _same(outcome) -> object:
    return outcome.to_json() if isinstance(outcome, DocumentResult) else outcome


def test_a_window_closes_at_the_document_that_makes_it_window_chars_long():
    """Windows are measured in characters of the documents to process (LAC's batches fill with pieces, not
    documents); a result from the cache or a failure in between counts nothing."""
    from kg.cache import CachedResult
    from kg.extraction import _up_to_chars

    lengths = {"a": 30, "b": 30, "c": 50, "d": 10, "e": 100, "f": 5}
    documents = {name: Document(name, f"{name}.txt", "字" * length) for name, length in lengths.items()}
    cached, failed = CachedResult("cached", "cached.txt"), Failure("broken.txt", "ingest", "unreadable")
    items = iter(enumerate([documents["a"], cached, documents["b"], failed, documents["c"], documents["d"],
                            documents["e"], documents["f"]]))
    windows = []
    while window := list(_up_to_chars(items, 100)):
        windows.append([getattr(item, "doc_id", None) or item.source for _, item in window])
    assert windows == [["a", "cached", "b", "broken.txt", "c"], ["d", "e"], ["f"]]  # 110, 110, 5 characters


@pytest.mark.parametrize("window", [1, 40_000])  # characters: a window of one document, of all
def test_documents_of_a_window_are_tagged_ahead_not_piece_by_piece(inputs, monkeypatch, window):
    monkeypatch.setattr(kg.extraction, "WINDOW_CHARS", window)
    tagger = lac_tagger()
    alone = []
    monkeypatch.setattr(tagger, "run", lambda text: alone.append(text) or type(tagger).run(tagger, text))
    list(process_paths([Job(path, None, None) for path in inputs[:3]]))
    assert (alone == []) == (window > 1)  # one document alone is tagged piece by piece


def test_documents_longer_than_a_window_takes_are_tagged_alone(inputs, monkeypatch):
    from kg.nlp.tokenizer import LACTokenizer

    monkeypatch.setattr(kg.extraction, "AHEAD_MAX_CHARS", 41)  # the articles of 42 and 43 characters go alone
    tag_ahead, ahead = LACTokenizer.tag_ahead, []
    monkeypatch.setattr(LACTokenizer, "tag_ahead", lambda self, texts: ahead.append(texts) or tag_ahead(self, texts))
    jobs = [Job(path, None, None) for path in inputs[:4]]
    together = list(process_paths(jobs))
    assert [[text[:5] for text in texts] for texts in ahead] == [["3月4日,", "6月1日,", "7月12日"]]
    assert [[_same(o) for o in outcomes] for outcomes in together] == [[_same(o) for o in _alone(j)] for j in jobs]


@pytest.mark.parametrize("window", [1, 50, 100, 40_000])  # characters: 1, 2, 3 articles of ~42, all of them
def test_inputs_processed_together_give_what_each_gives_alone(inputs, monkeypatch, window):
    monkeypatch.setattr(kg.extraction, "WINDOW_CHARS", window)
    jobs = [Job(path, None, None) for path in inputs]
    together = list(process_paths(jobs))
    assert len(together) == len(jobs)
    assert [[_same(o) for o in outcomes] for outcomes in together] == [[_same(o) for o in _alone(j)] for j in jobs]
    assert [len(outcomes) for outcomes in together] == [1, 1, 1, 5, 1, 1]
    assert isinstance(together[4][0], Failure) and isinstance(together[3][2], Failure)


def test_a_document_that_cannot_be_normalised_fails_alone(inputs, monkeypatch):
    import kg.normalise

    normalise = kg.normalise.normalise

    def breaks_on_one(document):
        if "储能" in document.raw:
            raise ValueError("cannot normalise")
        return normalise(document)

    monkeypatch.setattr(kg.normalise, "normalise", breaks_on_one)
    jobs = [Job(path, None, None) for path in inputs[:3]]
    together = [outcome for outcomes in process_paths(jobs) for outcome in outcomes]
    assert isinstance(together[0], Failure) and "cannot normalise" in together[0].error
    assert all(isinstance(outcome, DocumentResult) for outcome in together[1:])
    assert [_same(o) for o in together] == [_same(o) for job in jobs for o in _alone(job)]


def test_tagging_ahead_past_the_documents_time_limit_leaves_each_to_its_own(inputs, monkeypatch):
    from kg.nlp.tokenizer import LACTokenizer

    def slow(self, texts):
        time.sleep(30)

    monkeypatch.setattr(LACTokenizer, "tag_ahead", slow)
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_BASE", 0.5)
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_PER_CHAR", 0.0)
    load()  # loaded before the clock starts, as in a build
    jobs = [Job(path, None, None) for path in inputs[:3]]
    started = time.monotonic()
    together = [outcome for outcomes in process_paths(jobs) for outcome in outcomes]
    assert time.monotonic() - started < 10
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_BASE", 60.0)
    assert [_same(o) for o in together] == [_same(o) for job in jobs for o in _alone(job)]


@pytest.mark.parametrize("tagging, rest", [(3.0, 0.0), (1.5, 1.5)])
def test_a_document_past_its_own_time_limit_fails_in_a_window_as_alone(inputs, monkeypatch, tagging, rest):
    """A document whose tagging (3 s), or tagging and the rest of its processing (1.5 s each), take longer than
    its limit (2 s) fails as it does alone: it borrows no time of the others of its window (6 s together),
    and its tagging done ahead counts in its own time. The others are as alone."""
    import kg.relations.collect

    tagger, document_result = lac_tagger(), kg.relations.collect.document_result

    def slow(texts: list[str], seconds: float) -> None:
        if any("储能" in text for text in texts):
            time.sleep(seconds)

    monkeypatch.setattr(tagger, "run", lambda text: slow([text], tagging) or type(tagger).run(tagger, text))
    monkeypatch.setattr(tagger, "run_many",
                        lambda texts: slow(texts, tagging) or type(tagger).run_many(tagger, texts))
    monkeypatch.setattr(kg.relations.collect, "document_result",
                        lambda doc: slow([doc.text], rest) or document_result(doc))
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_BASE", 2.0)
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_PER_CHAR", 0.0)
    load()  # loaded before the clock starts, as in a build
    jobs = [Job(path, None, None) for path in inputs[:3]]
    together = [outcome for outcomes in process_paths(jobs) for outcome in outcomes]
    monkeypatch.undo()
    assert isinstance(together[0], Failure) and "took more than 2 s" in together[0].error
    assert [_same(o) for o in together[1:]] == [_same(o) for job in jobs[1:] for o in _alone(job)]
