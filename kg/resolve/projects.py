"""Projects are merged across documents only with evidence: the same brand and product, and places
that agree (one inside the other, or unknown).

锐华新能源装备产业项目 (in 新荣区) and 锐华能源(大同)技术有限公司新能源装备产业项目 (in 大同市) reduce to the
same core, 锐华 + 新能源装备, and their places nest: one project. Two 污水处理厂 projects in two counties do
not merge. Within one document the project component has already decided which mentions are one project.
"""

from __future__ import annotations

import re
from collections.abc import Collection
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
    place: str | None  # the place node id the document says the project is in
    places: frozenset[str]  # that place with all its ancestors (empty when unknown)


class _Components:
    """Union-find over record indices."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, indices: list[int]) -> None:
        first = self.find(indices[0])
        for i in indices[1:]:
            self.parent[self.find(i)] = first


def cluster_projects(records: list[ProjectRecord]) -> list[list[ProjectRecord]]:
    """Groups of records that are one project; merged only across documents, only with evidence.

    Two records of one core merge when they come from two documents and their places nest (one inside the
    other), or when a place is unknown and the core is long enough to be distinctive. The groups are those
    of every such pair, found in time linear in the records (a core shared by 20,000 articles is no
    20,000² comparisons): records with the same place merge among themselves as soon as two documents
    have them; places nest along their chains of ancestors."""
    components = _Components(len(records))
    by_core: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        by_core.setdefault(record.core, []).append(i)
    for core, members in by_core.items():
        known = [i for i in members if records[i].places]
        unknown = [i for i in members if not records[i].places]
        if unknown and len(core) >= MIN_CORE_WITHOUT_PLACE:
            _join_across_documents(components, records, unknown, members)
        _join_nested(components, records, known)
    clusters: dict[int, list[ProjectRecord]] = {}
    for i, record in enumerate(records):
        clusters.setdefault(components.find(i), []).append(record)
    return list(clusters.values())


def _join_across_documents(components: _Components, records: list[ProjectRecord], unknown: list[int],
                           members: list[int]) -> None:
    """A record of unknown place merges with every record of the core from another document."""
    documents = {records[i].doc_id for i in unknown}
    if len(documents) > 1:  # each joins all the others' documents: the whole core is one group
        components.join(members)
        return
    (document,) = documents
    others = [i for i in members if records[i].doc_id != document]
    if others:
        components.join([*unknown, *others])


def _join_nested(components: _Components, records: list[ProjectRecord], known: list[int]) -> None:
    """Records whose places nest merge across documents. Records at one place form a bucket; a bucket and
    a bucket at one of its ancestors nest. The records of two nesting buckets (or of one bucket) are all one
    group once they come from two documents: each then has a partner from another document in the
    other bucket, and the buckets' partners link them."""
    buckets: dict[str, list[int]] = {}
    for i in known:
        buckets.setdefault(records[i].place, []).append(i)
    documents = {place: {records[i].doc_id for i in bucket} for place, bucket in buckets.items()}
    joined: set[str] = set()  # buckets whose records are one group already

    def join_bucket(place: str) -> None:
        if place not in joined:
            components.join(buckets[place])
            joined.add(place)

    for place, bucket in buckets.items():
        if len(documents[place]) > 1:
            join_bucket(place)
        for ancestor in records[bucket[0]].places - {place}:
            if ancestor in buckets and len(documents[place] | documents[ancestor]) > 1:
                join_bucket(place)
                join_bucket(ancestor)
                components.join([bucket[0], buckets[ancestor][0]])


def cluster_label(cluster: list[ProjectRecord]) -> str:
    """The name a cluster is known by: its most frequent name, then the longest."""
    names = [record.name for record in cluster]
    return min(set(names), key=lambda n: (-names.count(n), -len(n), n))
