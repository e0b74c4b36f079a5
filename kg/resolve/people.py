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


class PersonIds:
    """(doc_id, kind, name) → (node id, node kind) for every official and person record: documents are
    added one at a time (:meth:`add`), the ids are given once every document is in (:meth:`ids`)."""

    def __init__(self, province_of: Callable[[str, str | None], str | None]):
        """``province_of(doc_id, place_name)`` gives the province of a place named in a document (or of the
        document's home place when ``place_name`` is None); it is asked in :meth:`ids`, once every place
        of every document is known."""
        self.province_of = province_of
        # name → (doc id, kind, holds a national post, the places of its posts and its own jurisdiction)
        self.named: dict[str, list[tuple[str, str, bool, tuple[str | None, ...]]]] = defaultdict(list)

    def add(self, result: DocumentResult) -> None:
        for entity in result.entities:
            if entity.kind in PEOPLE:
                national = bool(NATIONAL_POSTS.intersection(entity.attrs.get("titles") or ()))
                places = [post.get("jurisdiction") for post in entity.attrs.get("posts") or []]
                places.append(entity.attrs.get("jurisdiction"))
                self.named[entity.name].append((result.doc_id, entity.kind, national, tuple(places)))

    def ids(self) -> dict[tuple[str, str, str], tuple[str, str]]:
        ids: dict[tuple[str, str, str], tuple[str, str]] = {}
        for name, named in self.named.items():
            records = [(doc_id, kind, self._province(doc_id, national, places))
                       for doc_id, kind, national, places in named]
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

    def _province(self, doc_id: str, national: bool, places: tuple[str | None, ...]) -> str | None:
        """National for a central post; else the province of the first of ``places`` that has one, else
        that of the document's home place."""
        if national:
            return NATIONAL
        for place in places:
            province = self.province_of(doc_id, place)
            if province:
                return province
        return self.province_of(doc_id, None)
