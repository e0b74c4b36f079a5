"""The kg_project_attributes component: investment, output value, capacity, floor area, status and expected
milestones of each project, as Facts with literal objects.

Patterns (``lexicons/attribute_patterns.txt``) are read in every sentence naming a project; a value goes to
the project whose name contains it (年产400万吨 in 星火弘源年产400万吨…), to the project right after
投资X的, to the nearest project before it in the sentence, or, in a sentence opening with 该项目, to the
project the paragraph has just named. Amounts become yuan, areas square metres (1 亩 = 666.67 m²).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import PROJECT, Fact
from kg.relations.collect import evidence_for
from kg.relations.discourse import Mention, enclosing, mentions, paragraphs, sentences, starting_within
from kg.relations.words import lexicon_map, lexicon_pairs
from kg.nlp.spans import text_of

YUAN = {None: 1.0, "": 1.0, "万": 1e4, "千万": 1e7, "亿": 1e8}
SQUARE_METRES = {"平方米": 1.0, "㎡": 1.0, "万平方米": 1e4, "亩": 666.67, "万亩": 666.67e4, "公顷": 1e4, "平方公里": 1e6}
CONFIDENCE = {"name": 0.9, "after": 0.85, "before": 0.8, "topic": 0.7}
STATUS = "status"
_TOPIC_OPENER = re.compile(r"^\s*(?:该|此|这个)?(?:项目|工程|基地|园区|产业园|一期|二期)")


@lru_cache(maxsize=1)
def attribute_patterns() -> list[tuple[str, re.Pattern]]:
    return [(predicate, re.compile(pattern)) for predicate, pattern in lexicon_pairs("attribute_patterns")]


@Language.component("kg_project_attributes", assigns=["doc._.facts"])
def kg_project_attributes(doc: Doc) -> Doc:
    projects = mentions(doc, "projects")
    body = text_of(doc)
    clean = doc._.clean  # read once: each doc._ makes an object
    paras = paragraphs(body)
    facts: dict[tuple[str, str], Fact] = {}
    topic: Mention | None = None  # the project the current paragraph is about
    para = None
    for start, end in sentences(doc):
        if enclosing(paras, start) != para:
            para, topic = enclosing(paras, start), None
        in_sentence = starting_within(projects, start, end)
        text = body[start:end]
        opened_on = _opened_on(topic, in_sentence, text)
        # a sentence without a project, that does not open on the paragraph's one, gives no value an owner
        for predicate, value, a, b in _values(text) if in_sentence or opened_on is not None else ():
            owner = _owner(start + a, start + b, in_sentence, opened_on)
            # the first value of a predicate stays: a later one makes no evidence
            if owner and (owner[0].name, predicate) not in facts:
                project, how = owner
                evidence = evidence_for(doc, start + a, start + b, clean)
                facts[(project.name, predicate)] = Fact((PROJECT, project.name), predicate, value, CONFIDENCE[how], evidence)
        for project in in_sentence:
            if (project.name, STATUS) in facts:
                continue
            status = _status(body[project.start : _clause_end(body, project.end, end)])
            if status:
                evidence = evidence_for(doc, start, end, clean)
                facts[(project.name, STATUS)] = Fact((PROJECT, project.name), STATUS, status, CONFIDENCE["before"], evidence)
        if in_sentence:
            topic = in_sentence[-1]
    doc._.facts = [*(doc._.facts or []), *facts.values()]
    return doc


def _values(text: str):
    """(predicate, literal value, start, end) for every attribute pattern match in ``text``."""
    for predicate, pattern in attribute_patterns():
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if "text" in groups and groups["text"]:
                value: str | float = re.sub(r"\s+", "", groups["text"])
            elif predicate == "floorArea":
                value = round(float(groups["num"]) * SQUARE_METRES[groups["unit"]], 2)
            else:
                value = round(float(groups["num"]) * YUAN[groups.get("unit")], 2)
            yield predicate, value, match.start(), match.end()


def _opened_on(topic: Mention | None, in_sentence: list[Mention], text: str) -> Mention | None:
    """The paragraph's project (``topic``) when a sentence naming none opens on it (该项目…, 一期…)."""
    return topic if not in_sentence and topic is not None and _TOPIC_OPENER.match(text) else None


def _owner(a: int, b: int, in_sentence: list[Mention], opened_on: Mention | None):
    """The project a value at characters [a, b) belongs to, and how it was found; ``opened_on``: see
    :func:`_opened_on`."""
    for project in in_sentence:
        if project.start <= a and b <= project.end:
            return project, "name"
    for project in in_sentence:
        if 0 <= project.start - b <= 1:  # 总投资22.64亿元的涑水新区项目
            return project, "after"
    before = [p for p in in_sentence if p.end <= a]
    if before:
        return before[-1], "before"
    if opened_on is not None:
        return opened_on, "topic"
    return None


def _status(clause: str) -> str | None:
    for cue, status in lexicon_map("status_words").items():
        if cue in clause:
            return status
    return None


def _clause_end(text: str, start: int, limit: int) -> int:
    ends = [i for i in (text.find(ch, start, limit) for ch in "，,；;。") if i >= 0]
    return min(ends) if ends else limit
