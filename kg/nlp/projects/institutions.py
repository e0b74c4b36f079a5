"""A school, hospital or museum (…医院, …中学, …博物馆) is a body an official visits, which the guide counts as
an organisation; it is a project when the text speaks of building it, or lists it among works."""

from __future__ import annotations

import re

from kg.nlp.projects.text import Mention, clause_end

_ITEM_SEPARATOR = re.compile(r"(?:[(（][^()（）]{0,12}[)）])?[、和及]")  # …产业园(东区)、B中学


def is_body(text: str, m: Mention, institutions: tuple[str, ...], build_words: tuple[str, ...], heads: re.Pattern) -> bool:
    """Whether ``m`` names an institution with no word of building in the rest of its clause (…建设,
    …改扩建, …项目, 正在建设)."""
    clause_after = text[m.end : clause_end(text, m.end)]
    return m.canonical.endswith(institutions) and not (
        any(word in clause_after for word in build_words) or heads.search(clause_after)
    )


def listed_with_projects(text: str, m: Mention, mentions: list[Mention], institutions: tuple[str, ...]) -> bool:
    """Whether ``m`` is an item of a list (、 or 和 between items) next to a project that is no institution:
    a school among works (A产业园、B小学、C排涝站) is a work of the list."""
    for other in mentions:
        if other is m or other.canonical.endswith(institutions):
            continue
        between = text[other.end : m.start] if other.end <= m.start else text[m.end : other.start]
        if _ITEM_SEPARATOR.fullmatch(between):
            return True
    return False
