"""Step 1: divisions by name (provinces, cities, counties; full names and short forms) found at LAC word
boundaries and resolved against the gazetteer; places inside organisation names and foreign modifiers set
aside."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import compress, count
from operator import add
from typing import NamedTuple

from spacy.tokens import Doc

from kg.nlp.gazetteer import Gazetteer, Place
from kg.nlp.places.lexicons import (
    ADMIN_LEVELS,
    SITE_NAME_TAGS,
    GLUED_TAGS,
    GOVERNMENT_WORDS,
    NAME_TAGS,
    TOWN_HEADS,
    lexicons,
    town_short_form,
)
from kg.nlp.spans import text_of, tokens_of

COMPANY_FORM = "公司"  # 有限公司, 股份公司: the form that ends a registered company's name


@dataclass
class Mention:
    start: int
    end: int
    candidates: list[Place]
    short: bool  # matched by a short form
    loc_tagged: bool = False  # LAC tagged exactly this word LOC
    place: Place | None = None
    in_name: bool = False  # part of an organisation name: evidence for the home place, not a mention



class Word(NamedTuple):
    """A LAC word, read from the token table with the attribute names of a spaCy Token (making a Token per look-up
    was a tenth of the component's time)."""

    idx: int  # character offset
    text: str
    tag_: str


class Words:
    """LAC word boundaries and tags by character offset."""

    def __init__(self, doc: Doc):
        self.tokens = tokens_of(doc)
        self.starts = set(self.tokens.starts)
        self.ends = set(self.tokens.ends)
        self.text = text_of(doc)

    @cached_property
    def pairs(self) -> list[str]:
        """The two characters from each offset but the last: a name (two characters or more) opens with one."""
        return list(map(add, self.text, self.text[1:]))  # each character and the next

    def index(self, char: int) -> int:
        return self.tokens.at(min(char, len(self.text) - 1))

    def token(self, char: int) -> Word:
        i = self.index(char)
        return Word(self.tokens.starts[i], self.tokens.words[i], self.tokens.tags[i])

    def tag(self, char: int) -> str:
        return self.tokens.tags[self.index(char)]



def division_mentions(text: str, words: Words, gaz: Gazetteer, lex: dict) -> list[Mention]:
    """Leftmost-longest gazetteer names at word boundaries; the longest name that fits the words wins."""
    mentions: list[Mention] = []
    free = 0  # where the last mention found ends
    for i in compress(count(), map(gaz.name_lengths.__contains__, words.pairs)):  # the offsets a name may start at
        if i < free or _cuts_zone_head(i, text, lex):
            continue
        found = _mention_at(i, text, words, gaz, lex, mentions)
        if found is not None:
            mentions.append(found)
            free = found.end
    return mentions


def _mention_at(i: int, text: str, words: Words, gaz: Gazetteer, lex: dict, before: list[Mention]) -> Mention | None:
    """The longest name starting at ``i`` that fits the words (``before``: the mentions found so far)."""
    longest = min(12, len(text) - i)
    for length in gaz.name_lengths.get(text[i : i + 2], ()):
        surface = text[i : i + length]
        if length > longest or surface not in gaz.names:
            continue
        full = [p for p in gaz.by_full_name(surface) if p.level in ADMIN_LEVELS or p.adcode] or \
            gaz.by_old_name(surface)
        if not full and surface.endswith(TOWN_HEADS):  # a town whose name is unique in China
            towns = gaz.by_full_name(surface)
            full = towns if len(towns) == 1 and towns[0].level == "town" and \
                not _division_then_its_division(text, i, i + len(town_short_form(surface)), gaz) else []
        short = [p for p in gaz.by_short_name(surface) if p.level in ADMIN_LEVELS]
        if not (full or short) or (surface in lex["stop"] and not _after_parent(i, full + short, before)
                                   and not _listed_after_place(i, i + length, text, before)):
            continue
        if _fits_words(i, i + length, text, words, before, gaz, short=not full) or (
                not full and _with_level_char_fits(i, i + length, short, text, words, before, gaz)):
            token = words.token(i)
            loc = token.tag_ == "LOC" and token.idx == i and len(token.text) == length
            found = Mention(i, i + length, full or short, short=not full, loc_tagged=loc)
            found.in_name = inside_organisation_name(found.start, found.end, text, words, lex) and not (
                not found.short and (_organisation_site_after(found.end, text, words, lex)
                                     or _seat_before_province(found, text, gaz)))
            return found
    return None


def _organisation_site_after(end: int, text: str, words: Words, lex: dict) -> bool:
    """某县某某集团临港特钢基地: a division written in full before a group's name that goes on to name a site of
    the group (name words ending in a project head or a facility) tells where the site is. Not before a company's
    name (某市某某机械有限公司…基地): a registered company name opens with the division it is registered in."""
    i, organisation = end, False
    while i < len(text) and i - end <= 24:
        token = words.token(i)
        if token.tag_ not in SITE_NAME_TAGS:
            return False
        i = token.idx + len(token.text)
        if organisation and token.text.endswith(lex["site_heads"]):
            return True
        if token.text.endswith(lex["name_heads"]):
            if token.text.endswith(COMPANY_FORM):
                return False
            organisation = True
    return False


def _seat_before_province(found: Mention, text: str, gaz: Gazetteer) -> bool:
    """某县某省某某科技有限公司: a county written in full right before a company name that opens with a province
    is where the company sits, not a part of its name (the name opens with the province it is registered in)."""
    if not any(p.level == "county" for p in found.candidates):
        return False
    return any(p.level == "province" for length in range(2, 6)
               for p in gaz.by_short_name(text[found.end : found.end + length]) +
               gaz.by_full_name(text[found.end : found.end + length]))


def province_abbreviations(text: str, mentions: list[Mention], gaz: Gazetteer, lex: dict):
    """来湘考察, 赴粤招商, 京沪两地: a province written as its one-character abbreviation, between a verb that
    goes there and what is done there, or in a pair before 两地; ``(start, end, province)``. Not where a place
    the document names starts with that character in another province (来川考察 in a paper of 川汇区)."""
    named = [(text[m.start], m.candidates) for m in mentions]
    for match in lex["province_abbreviation"].finditer(text):
        for group in (1, 2, 3):
            char = match.group(group)
            if char is None:
                continue
            province = next(p for p in gaz.by_full_name(lex["province_abbreviations"][char]) if p.level == "province")
            if not any(first == char and not any(p.is_within(province) for p in candidates)
                       for first, candidates in named):
                yield match.start(group), match.end(group), province


def _division_then_its_division(text: str, start: int, split: int, gaz: Gazetteer) -> bool:
    """宁波镇海 as 宁波 + 镇海: a division's short form up to ``split`` followed by the name of one of its own
    divisions that starts with a town's head character (镇, 乡) is that division, neither a town's name (某某镇)
    nor a short form before a town's head."""
    parents = [p for p in gaz.lookup(text[start:split]) if p.level in ADMIN_LEVELS]
    return any(child.parent in parents for length in range(2, 12)
               for child in gaz.lookup(text[split : split + length]) if child.level in ADMIN_LEVELS)


def _cuts_zone_head(start: int, text: str, lex: dict) -> bool:
    """某某新城西区: a name starting inside a zone head (城西区 in 新城) is part of the zone's name, not a place."""
    if text[start - 1 : start + 1] not in lex["zone_head_pairs"]:
        return False
    heads = lex["zone_head_pattern"].finditer(text, max(0, start - 6), start + 6)
    return any(head.start() < start < head.end() for head in heads)


def _after_parent(start: int, candidates: list[Place], before: list[Mention]) -> bool:
    """阳泉矿区, 某市城区: a common word right after a place it is a division of names that division."""
    return bool(before) and before[-1].end == start and any(p.parent in before[-1].candidates for p in candidates)


def _listed_after_place(start: int, end: int, text: str, before: list[Mention]) -> bool:
    """海口、乐东、东方等地: a common word listed right after a place, and followed by the list's next item or
    its end, is a place of the list (read as the sibling of its neighbour, :func:`resolve_listed`)."""
    return (bool(before) and before[-1].end == start - 1 and text[start - 1] == "、"
            and text[end : end + 1] in ("、", "等"))


def _fits_words(start: int, end: int, text: str, words: Words, before: list[Mention], gaz: Gazetteer,
                short: bool) -> bool:
    """A name must start and end at LAC word boundaries, unless LAC glued it into a name token."""
    glued_start = words.tag(start) in GLUED_TAGS and not short  # 中永兴…: a short form inside a word
    after_place = bool(before) and before[-1].end == start
    if start not in words.starts and not (glued_start or after_place):
        return False
    if short and text.startswith(lexicons()["short_followers"], end) and \
            not _division_then_its_division(text, start, end, gaz):  # 青枫镇, 黑河下游: not the division
        return False
    if end in words.ends or end == len(text):
        return True
    if text.startswith(GOVERNMENT_WORDS, end):
        return True
    last = words.token(end - 1)
    return last.tag_ in GLUED_TAGS and last.idx <= start if short else last.tag_ in GLUED_TAGS


def _with_level_char_fits(start: int, end: int, short: list[Place], text: str, words: Words,
                          before: list[Mention], gaz: Gazetteer) -> bool:
    """某某州 split by LAC as 某|某州 (迪|庆州): a short form followed by its level character (the last of its full
    name) fits the words as the word they make together."""
    level_char = text[end : end + 1]
    return bool(level_char) and any(p.name.endswith(level_char) for p in short) and \
        _fits_words(start, end + 1, text, words, before, gaz, short=True)


def inside_organisation_name(start: int, end: int, text: str, words: Words, lex: dict,
                             name_tags: frozenset[str] = NAME_TAGS) -> bool:
    """True when the name words (``name_tags``) after the place at ``start:end`` end in an organisation head
    (…有限公司, …厂)."""
    token = words.token(start)
    if token.tag_ == "ORG" and token.text.endswith(lex["name_heads"]):
        return True
    if text[start - 1 : start] in "(（" and text[end : end + 1] in ")）":
        return text.startswith(lex["name_heads"], end + 1) or words.tag(end + 1) == "ORG"
    i = end
    while i < len(text):
        token = words.token(i)
        if token.tag_ not in name_tags:
            return False
        if token.text.endswith(lex["name_heads"]):
            return True
        i = token.idx + len(token.text)
    return False


def resolve(mentions: list[Mention], gaz: Gazetteer, context: list[Place]) -> list[Place]:
    """Pick each mention's place: unambiguous full names first, then the others in their light."""
    settled = list(context)
    pending = []
    for m in mentions:
        if not m.short and len(m.candidates) == 1:
            m.place = m.candidates[0]
            settled.append(m.place)
        else:
            m.place = None
            pending.append(m)
    changed = True
    while changed:
        changed = False
        for m in pending:
            if m.place is not None:
                continue
            best = max(m.candidates, key=lambda p: (*gaz.fit(p, settled, full_name=not m.short), _rank(p)))
            if _supported(m, best, gaz.fit(best, settled)[0]):
                m.place = best
                settled.append(best)
                changed = True
    return settled


def _rank(place: Place) -> int:
    """Between candidates that fit the document alike, the higher level: a short form alone (某安) names the
    city rather than a district of another province that shares it."""
    return -ADMIN_LEVELS.index(place.level) if place.level in ADMIN_LEVELS else -len(ADMIN_LEVELS)


LIST_JOINERS = ("、", "和", "及", "与")


def resolve_listed(mentions: list[Mention], text: str) -> None:
    """深入龙川、和平、连平: a short form left unread in a list of places is the sibling of a place read next to
    it in the list (a county of the same city), when it can be one."""
    ordered = sorted(mentions, key=lambda m: m.start)
    changed = True
    while changed:
        changed = False
        for left, right in zip(ordered, ordered[1:]):
            if text[left.end : right.start] not in LIST_JOINERS or (left.place is None) == (right.place is None):
                continue
            known, unknown = (left, right) if left.place is not None else (right, left)
            siblings = [p for p in unknown.candidates if p.parent is not None and p.parent is known.place.parent
                        and p.level == known.place.level]
            if len(siblings) == 1:
                unknown.place = siblings[0]
                changed = True


def _supported(m: Mention, place: Place, closeness: int) -> bool:
    """Full names always count; a short form needs LAC's LOC tag or a place of the document around it.

    closeness (see :meth:`Gazetteer.fit`): 1 same province as a place seen, 3 inside a city or county seen.
    """
    if not m.short or place.level == "province":
        return True
    if place.level == "city":
        return m.loc_tagged or closeness >= 1
    return closeness >= 3 or (m.loc_tagged and closeness >= 1)



def drop_foreign_modifiers(mentions: list[Mention], words: Words, home: Place | None) -> None:
    """A place of another province right before a name word is where a company comes from."""
    if home is None:
        return
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.place is None or m.place.province is home.province:
            continue
        end = m.end
        while end in by_start:  # 江苏常熟高端…: look past a chain of places
            end = by_start[end].end
        if words.text.startswith(GOVERNMENT_WORDS, end):  # 安徽省安庆市委常委: the place governs, it is named
            continue
        glued = end not in words.starts and words.tag(end - 1) in GLUED_TAGS  # 山东中泰环境科技 as one word
        if glued or (end < len(words.text) and words.tag(end) in NAME_TAGS - {"LOC"}):
            m.place = None

