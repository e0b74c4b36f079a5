"""Projects are merged across documents only with evidence: the same brand and product, and places
that agree (one inside the other, or unknown).

锐华新能源装备产业项目 (in 新荣区) and 锐华能源(大同)技术有限公司新能源装备产业项目 (in 大同市) reduce to the
same core, 锐华 + 新能源装备, and their places nest: one project. Two 污水处理厂 projects in two counties do
not merge. Within one document the project component has already decided which mentions are one project.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.lexicon import read_words

LEXICONS = Path(__file__).with_name("lexicons")
MIN_CORE_WITHOUT_PLACE = 6  # a core this long is distinctive enough to merge even with no place known
_BRACKETS = re.compile(r"[(（][^()（）]{0,12}[)）]|[“”\"'‘’《》「」]")


@cache
def _lexicon(name: str) -> tuple[str, ...]:
    return read_words(LEXICONS / name)


def _strip_suffixes(text: str, suffixes: tuple[str, ...], repeat: bool) -> str:
    changed = True
    while changed and text:
        changed = False
        for suffix in suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                changed = repeat
                break
    return text


def project_core(name: str, place_names: Collection[str] = frozenset()) -> str:
    """What tells a project apart: brand stem + product, without place prefix, legal form or generic head.

    The longest place name that starts the name is cut off: its prefixes are looked up in ``place_names``
    (a set), longest first, so the cost does not grow with the number of places."""
    text = _BRACKETS.sub("", name)
    for length in range(len(text) - 1, 0, -1):
        if text[:length] in place_names:
            text = text[length:]
            break
    for form in _lexicon("company_forms.txt"):
        at = text.find(form)
        if 0 < at and at + len(form) < len(text):
            brand = _strip_suffixes(text[:at], _lexicon("brand_industry_words.txt"), repeat=True)
            text = brand + text[at + len(form):]
            break
    return _strip_suffixes(text, _lexicon("project_generic_tails.txt"), repeat=False)


@dataclass
class ProjectRecord:
    doc_id: str
    name: str
    core: str
    places: frozenset[str]  # place node ids the project is located in, with all their ancestors


def cluster_projects(
    records: list[ProjectRecord], places_nest: Callable[[frozenset[str], frozenset[str]], bool]
) -> list[list[ProjectRecord]]:
    """Groups of records that are one project; merged only across documents, only with evidence."""
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_core: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        by_core.setdefault(record.core, []).append(i)
    for members in by_core.values():
        for a_index, a in enumerate(members):
            for b in members[a_index + 1:]:
                ra, rb = records[a], records[b]
                if ra.doc_id == rb.doc_id:
                    continue
                known = ra.places and rb.places
                if (known and places_nest(ra.places, rb.places)) or (
                    not known and len(ra.core) >= MIN_CORE_WITHOUT_PLACE
                ):
                    parent[find(a)] = find(b)
    clusters: dict[int, list[ProjectRecord]] = {}
    for i, record in enumerate(records):
        clusters.setdefault(find(i), []).append(record)
    return list(clusters.values())


def cluster_label(cluster: list[ProjectRecord]) -> str:
    """The name a cluster is known by: its most frequent name, then the longest."""
    names = [record.name for record in cluster]
    return min(set(names), key=lambda n: (-names.count(n), -len(n), n))
