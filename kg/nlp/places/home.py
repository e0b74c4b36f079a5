"""Step 3: the home place (what 我市 / 我县 refer to) and the self-references that name it."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from kg.nlp.gazetteer import Gazetteer, Place
from kg.nlp.places.lexicons import GOVERNMENT_WORDS, TITLE_LEVEL, UNPREFIXED_TITLE
from kg.nlp.places.mentions import Mention
from kg.nlp.spans import text_of


def home_place(doc: Doc, mentions: list[Mention], gaz: Gazetteer, lex: dict) -> Place | None:
    """The city or county the article is written from (what 我市 / 我县 refer to)."""
    text = text_of(doc)
    level_votes: Counter[str] = Counter()
    for word, level in lex["self_refs"].items():
        if level != "province":
            level_votes[level] += text.count(word) * (1 if word.startswith("全") else 3)
    for match in UNPREFIXED_TITLE.finditer(text):
        if match.start() == 0 or not _is_place_char_before(text, match.start(), mentions):
            level_votes[TITLE_LEVEL[match.group(1)]] += 1
    headline = (doc._.clean.headline if doc._.clean is not None else None) or text.split("\n", 1)[0]
    scores: Counter[int] = Counter()
    places: dict[int, Place] = {}
    for m in mentions:
        place = m.place
        if place is None:
            continue
        weight = 2 if text.startswith(GOVERNMENT_WORDS, m.end) or m.end <= len(headline) else 1
        for depth, node in enumerate(reversed((*place.ancestors, place))):
            if node.level in ("city", "county"):
                places[id(node)] = node
                scores[id(node)] += weight / (1 + depth)
    if not scores:
        return None
    level_votes = +level_votes  # words that do not occur cast no vote
    wanted = level_votes.most_common(1)[0][0] if level_votes else None
    visitors = _visitors_places(text, mentions)
    hosts = [k for k in scores if places[k] not in visitors] or list(scores)

    def fits(place: Place) -> bool:  # a county-level city calls itself 我市 too, when it hosts a visitor
        return place.level == wanted or (wanted == "city" and bool(visitors) and place.name.endswith("市"))

    ranked = sorted(hosts, key=lambda k: (fits(places[k]), scores[k]), reverse=True)
    return places[ranked[0]]


_TO_OWN_PLACE = re.compile(r"(?:到|来到|莅临|赴|来)(?:我|本)[市县区州旗]")


def _visitors_places(text: str, mentions: list[Mention]) -> list[Place]:
    """吉林市委书记…到我市调研: the visitor's place (named before 委/政府 in the sentence) is not 我市."""
    found: list[Place] = []
    for match in _TO_OWN_PLACE.finditer(text):
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。！？\n") + 1
        found.extend(m.place for m in mentions if m.place is not None and sentence_start <= m.start
                     and m.end <= match.start() and text.startswith(GOVERNMENT_WORDS, m.end))
    return found


def _is_place_char_before(text: str, index: int, mentions: list[Mention]) -> bool:
    return any(m.end == index for m in mentions) or text[index - 1] in "省市县区"


def self_references(text: str, home: Place, lex: dict):
    for word, level in lex["self_refs"].items():
        target = next((p for p in (home, *reversed(home.ancestors)) if p.level == level), None)
        if level == "city" and home.name.endswith("市"):
            target = home  # a county-level city calls itself 我市
        if target is None:
            continue
        for match in re.finditer(re.escape(word) + r"(?![场域])", text):
            yield match.start(), match.end(), target
