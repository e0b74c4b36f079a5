"""How a tour report words what the group, the stops and the sentence reading all look for: the group words
(一行, 调研组), the visit verbs with group words masked, what is said as opposed to done, and the short form of a
name in a list. One place for them, so that the three readings agree on what a visit verb is."""

from __future__ import annotations

from functools import lru_cache

from kg.relations.words import find_any, group_words, lexicon, words_of

SHORT_NAME = 4  # the fewest first characters of a name that stand for it in a list (甲乙纺织 for 甲乙纺织有限公司)
ITEM_END = "、，,。；;：:（()）)”\"和及与并"  # what may follow an organization ending its item of a list
_SHORT_NAME_END = ITEM_END + "等"  # what may follow such a short form (or the end of the text)


def before_speech(sentence: str) -> str:
    """The sentence up to a speech verb: 他强调，要深入一线 — verbs in what is said are no visit."""
    speech = find_any(sentence, lexicon("speech_verbs"))
    return sentence[:speech] if speech >= 0 else sentence


@lru_cache(maxsize=8192)  # the sentence, its clauses and what follows each official are asked again and again
def find_act(text: str, *names: str) -> int:
    """Where the first word of the lexicons ``names`` is, group words masked (考察组, 观摩团 are no 考察, 观摩)."""
    if find_any(text, group_words()) >= 0:
        for word in group_words():
            text = text.replace(word, "＿" * len(word))
    return find_any(text, words_of(names))


@lru_cache(maxsize=4096)  # the sites, the premises and the listing of a sentence each ask it of every clause
def denies_a_visit(text: str) -> bool:
    """Signing, talks, plans, reports: the text's projects are mentioned for something other than a visit."""
    return find_any(text, lexicon("not_visit")) >= 0


def mentions_name(text: str, name: str) -> bool:
    """``text`` names ``name``: in full, or by the short form news uses in a list, its first characters
    (甲乙纺织 for 甲乙纺织制品有限公司) as an item of the list."""
    if name in text:
        return True
    shortest = name[:SHORT_NAME]
    at = text.find(shortest)
    while at >= 0:
        for length in range(SHORT_NAME, len(name)):  # name[:length] is at ``at``: does it end an item there?
            end = at + length
            if end == len(text) or text[end] in _SHORT_NAME_END or (end == len(text) - 1 and text[end] == "\n"):
                return True
            if text[end] != name[length]:
                break
        at = text.find(shortest, at + 1)
    return False
