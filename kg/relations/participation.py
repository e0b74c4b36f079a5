"""The kg_participation component: ``attended`` (Official → event name) and ``accompanied`` (Official →
Official) facts.

An official attends the event a sentence says they 出席/参加 (its name read up to 仪式/活动/大会; a bare
活动 takes the name of the event the report says was held, 举行X活动) and every ceremony of a visit they
made. An official accompanies the leaders of the visits of a report in which they are said to 陪同: the heads of the
party when it names them (A带队，B、C一行…，D陪同: D accompanies A).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import ACCOMPANIED, ATTENDED, OFFICIAL, Fact
from kg.relations.collect import evidence_for
from kg.relations.discourse import enclosing, mentions, sections, sentences, within
from kg.relations.words import find_any, lexicon, words_of
from kg.nlp.spans import text_of

ATTENDED_CONFIDENCE = 0.85
ACCOMPANIED_CONFIDENCE = 0.8
_NAME_STOP = re.compile(r"[，,。；;：:！？]|并")


@Language.component("kg_participation", requires=["doc._.visits"], assigns=["doc._.facts"])
def kg_participation(doc: Doc) -> Doc:
    facts: dict[tuple, Fact] = {}
    clean = doc._.clean  # read once: each doc._ makes an object
    for visit in doc._.visits or []:
        found = [
            *((official, ATTENDED, visit.ceremony, ATTENDED_CONFIDENCE) for official in visit.inspectors if visit.ceremony),
            *((companion, ACCOMPANIED, (OFFICIAL, leader), ACCOMPANIED_CONFIDENCE)
              for companion in visit.accompanied_by for leader in visit.escorted),
        ]
        evidence = evidence_for(doc, visit.start, visit.end, clean) if found else None  # a visit of no fact: none
        for official, predicate, target, confidence in found:
            facts.setdefault((official, predicate, target), _fact(official, predicate, target, confidence, evidence))
    for official, event, start, end in _attendances(doc):
        if (official, ATTENDED, event) not in facts:  # the first evidence stays: a later one is not made
            facts[(official, ATTENDED, event)] = _fact(official, ATTENDED, event, ATTENDED_CONFIDENCE,
                                                       evidence_for(doc, start, end, clean))
    doc._.facts = [*(doc._.facts or []), *facts.values()]
    return doc


def _fact(official: str, predicate: str, target, confidence: float, evidence) -> Fact:
    return Fact((OFFICIAL, official), predicate, target, confidence, evidence)


def _attendances(doc: Doc):
    """(official, event name, sentence range) for each official named before 出席/参加 + an event: each
    official takes the first marker after the name (A出席并讲话，B一同参加: both attend the report's event)."""
    officials = mentions(doc, "officials")
    body = text_of(doc)
    secs = sections(body)
    for start, end in sentences(doc):
        text = body[start:end]
        if find_any(text, lexicon("attendance_markers")) < 0:
            continue
        for official in within(officials, start, end):
            marker = find_any(text[official.end - start :], lexicon("attendance_markers"))
            if marker >= 0:
                event = _event(text[official.end - start + marker :], body, enclosing(secs, start))
                if event:
                    yield official.name, event, start, end


def _event(text: str, body: str, section: tuple[int, int]) -> str | None:
    """The event attended, from the text at the marker: named after it, or the report's event when the
    marker stands alone or names only a kind of event (出席活动, 出席开工仪式)."""
    event = _event_after(text)
    if (event is None and _bare(text)) or event in words_of(("event_heads", "ceremony_words")):
        event = _held_event(body, *section) or event
    return None if not event or event in lexicon("event_heads") else event


def _event_after(text: str) -> str | None:
    """The event name following the marker (出席了X开工仪式 → X开工仪式), if it ends in an event head."""
    text = _after_markers(text)
    stop = _NAME_STOP.search(text)
    phrase = text[: stop.start()] if stop else text
    head = max((phrase.rfind(h) + len(h) for h in lexicon("event_heads") if h in phrase), default=-1)
    return phrase[:head] if head > 0 else None


def _bare(text: str) -> bool:
    """出席。/ 出席并讲话 / 一同参加: the marker names no event, the report's own event is meant."""
    if not text.startswith(lexicon("attendance_markers")):
        return False
    rest = _after_markers(text)
    return not rest or bool(_NAME_STOP.match(rest))


def _after_markers(text: str) -> str:
    """The text after the markers it opens with (一同参加了 → what follows)."""
    while text.startswith(lexicon("attendance_markers")):
        word = next(w for w in lexicon("attendance_markers") if text.startswith(w))
        text = text[len(word) :].lstrip("了")
    return text


def _held_event(text: str, start: int, end: int) -> str | None:
    """The event a report says was held: 举行(了)X活动, or X活动(在某地)举行."""
    heads = "|".join(map(re.escape, lexicon("event_heads")))
    section = text[start:end]
    match = re.search(rf"举行了?([^，,。；;]{{2,40}}?(?:{heads}))", section)
    if match:
        return match.group(1)
    match = re.search(rf"([^，,。；;：:]{{2,40}}?(?:{heads}))(?:在[^，,。；;]{{1,30}})?(?:隆重|正式|盛大)?举行", section)
    return match.group(1) if match else None
