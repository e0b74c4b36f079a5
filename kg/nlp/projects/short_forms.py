"""Short forms (青禾项目 after 白溪区青禾储能装备产业项目) get the full name as canonical name, so that the
mentions of one project in a document are one entity with the short forms as aliases."""

from __future__ import annotations

import re

from kg.lexicon import alternation
from kg.nlp.projects.generic import MIN_SPECIFIC
from kg.nlp.projects.text import Mention, lexicon

MAX_PIECES = 3  # a short form's core may stand in the full name's core in this many pieces (中能|50MW|光热)
MAX_GAP = 3  # characters between those pieces, all together
# What a core may hold besides what tells one project apart: a facility at its end, the 至 of a route
_KIND = re.compile(rf"(?:{alternation(lexicon('project_facilities.txt'))})$|至")


def resolve_short_forms(mentions: list[Mention]) -> None:
    """Give a short form (青禾项目, …互通工程 for …互通工程项目, 云岭晶科项目 for 晶科光伏…项目, 中能50MW光热项目
    for 西岭中能戈壁50MW塔式光热电站) the canonical name of a longer name that contains its core, or whose
    core contains it in a few close pieces, so that one project is one entity in the document. A name that is
    places and a facility (甲县机场, 甲至乙铁路) is one only of a longer name that holds it whole (甲县机场建设
    项目): its places are what tell it apart."""
    names = sorted({m.canonical for m in mentions if not m.place_item}, key=lambda n: (-len(n), n))
    cores = {m.canonical: m.core for m in mentions}
    targets = {}
    for m in mentions:
        if len(m.core) < MIN_SPECIFIC or m.canonical in targets:
            continue
        if len(_KIND.sub("", m.core)) < MIN_SPECIFIC:  # places and a facility: only the whole name says it
            longer = (n for n in names if m.canonical in n and len(n) > len(m.canonical))
        else:
            longer = (
                n for n in names
                # the lengths first: they rule out most names without a search
                if (len(n) > len(m.canonical) or len(cores[n]) > len(m.core)) and (m.core in n or _in_pieces(m.core, cores[n]))
            )
        target = next(longer, None)  # the longest: the names after it are not searched
        if target is not None:
            targets[m.canonical] = target
    for m in mentions:
        target = targets.get(m.canonical, m.canonical)
        # two names that are each other's longer form (A村中稻… and A中稻…): the longer one stays
        if targets.get(target) != m.canonical or len(target) > len(m.canonical):
            m.canonical = target


def _in_pieces(core: str, longer: str) -> bool:
    """Whether ``core`` is in the core ``longer`` cut into at most ``MAX_PIECES`` pieces of at least
    ``MIN_SPECIFIC`` characters that stand there in that order with at most ``MAX_GAP`` characters between
    them (中能|50MW|光热 in 中能50MW塔式光热, not 电池|材料 in 电池用辅材石墨烯材料)."""
    position, cursor, gaps = 0, 0, 0
    for _ in range(MAX_PIECES):
        if longer.find(core[position : position + MIN_SPECIFIC], cursor) < 0:
            return False  # no piece can start here: each holds these characters
        length = len(core) - position
        while length >= MIN_SPECIFIC and longer.find(core[position : position + length], cursor) < 0:
            length -= 1
        if length < MIN_SPECIFIC:
            return False
        found = longer.find(core[position : position + length], cursor)
        gaps += found - cursor if position else 0
        cursor, position = found + length, position + length
        if position == len(core):
            return gaps <= MAX_GAP
    return False
