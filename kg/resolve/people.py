"""One node per person: the same name is one person unless the documents put them in different provinces.

A person's province comes from the jurisdiction of their titles, or else from the home place of the
document that names them; a post of the central leadership (``lexicons/national_posts.txt``) makes them
national. Two 王军 in two provinces stay apart; a 王军 named without any place joins the
only (or the most documented) 王军 of the corpus. Someone named with a post in one article and without one in
another is still one node, an official.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from kg.lexicon import read_lines
from kg.model import OFFICIAL, PERSON, DocumentResult

PEOPLE = (OFFICIAL, PERSON)
NATIONAL = "全国"  # the "province" of the central leadership
NATIONAL_POSTS = frozenset(read_lines(Path(__file__).with_name("lexicons") / "national_posts.txt"))


def person_ids(
    results: list[DocumentResult], province_of: Callable[[str, str | None], str | None]
) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(doc_id, kind, name) → (node id, node kind) for every official and person record.

    ``province_of(doc_id, place_name)`` gives the province of a place named in a document (or of the
    document's home place when ``place_name`` is None).
    """
    seen: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)  # name → (doc, kind, province)
    for result in results:
        for entity in result.entities:
            if entity.kind not in PEOPLE:
                continue
            province = NATIONAL if NATIONAL_POSTS.intersection(entity.attrs.get("titles") or ()) else None
            for post in entity.attrs.get("posts") or []:
                province = province or province_of(result.doc_id, post.get("jurisdiction"))
            province = province or province_of(result.doc_id, entity.attrs.get("jurisdiction"))
            province = province or province_of(result.doc_id, None)
            seen[entity.name].append((result.doc_id, entity.kind, province))

    ids: dict[tuple[str, str, str], tuple[str, str]] = {}
    for name, records in seen.items():
        provinces = Counter(p for _, _, p in records if p)
        qualify = len(provinces) > 1
        main = min(provinces, key=lambda p: (-provinces[p], p)) if provinces else None
        kinds_by_group: dict[str | None, set[str]] = defaultdict(set)
        for _, kind, province in records:
            kinds_by_group[province or main].add(kind)
        for doc_id, kind, province in records:
            group = province or main
            node_kind = OFFICIAL if OFFICIAL in kinds_by_group[group] else PERSON
            local = f"{name}@{group}" if qualify and group else name
            ids[(doc_id, kind, name)] = (f"{node_kind}/{local}", node_kind)
    return ids
