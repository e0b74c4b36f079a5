"""Coverage of a build: what a user without gold annotations can read of the graph's gaps.

Five signals, from the resolver's records and the per-document results: the share of projects placed
(``kg:locatedIn``), of places linked to the gazetteer (an adcode, at the levels it codes), of officials tied
to nothing; the articles that tell a visit (a visit verb or a ceremony) but gave no inspection and no company
visit; and the home place (我市, 我县) found for each article. ``kg build`` prints them and saves them in
report.json.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.model import LOCATED_IN, OFFICIAL, PLACE, PROJECT, VISITED, DocumentResult
from kg.resolve import Resolved

# the lexicons the relation components read visits by (kg.relations.words: no spaCy)
VISIT_WORDS = ("visit_verbs", "ceremony_words")  # 调研, 来到, 察看…; 开工仪式…
SPEECH_VERBS = "speech_verbs"  # 强调: then what is said
# the levels the gazetteer gives codes to (provinces to counties, and the zones with a county-level code);
# towns and villages come from it without one
CODED_LEVELS = ("province", "city", "county", "zone")


@dataclass(frozen=True)
class Share:
    """``count`` of ``total`` items have the property a signal counts."""

    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.count / self.total, 1) if self.total else None


@dataclass
class ArticleCoverage:
    """One article's signals."""

    source: str
    home_place: str | None
    visits_found: int  # inspections and company visits read from it
    visit_sentence: str | None  # the first sentence that tells a visit (:func:`visit_sentence`)

    @property
    def visit_missed(self) -> bool:
        return self.visit_sentence is not None and not self.visits_found


@dataclass
class Coverage:
    projects_located: Share  # projects mentioned in a text that have a locatedIn edge
    places_coded: Share  # places mentioned in a text, at the levels the gazetteer codes, that have a code
    officials_unrelated: Share  # officials in no relation and no inspection
    articles: list[ArticleCoverage] = field(default_factory=list)  # sorted by source

    @property
    def visits_missed(self) -> Share:
        return Share(sum(a.visit_missed for a in self.articles), len(self.articles))

    @property
    def home_places(self) -> Share:
        return Share(sum(a.home_place is not None for a in self.articles), len(self.articles))

    def to_dict(self) -> dict[str, Any]:
        def share(s: Share) -> dict[str, Any]:
            return {"count": s.count, "total": s.total, "percent": s.percent}

        return {
            "projects_located": share(self.projects_located),
            "places_coded": share(self.places_coded),
            "officials_unrelated": share(self.officials_unrelated),
            "visits_missed": share(self.visits_missed),
            "home_places": share(self.home_places),
            "articles": [{**a.__dict__, "visit_missed": a.visit_missed} for a in self.articles],
        }


def coverage(resolved: Resolved, results: Iterable[DocumentResult]) -> Coverage:
    """The signals of a build; ``resolved`` is what :func:`kg.resolve.resolve` made of ``results``."""
    mentioned = [node for node in resolved.nodes.values() if node.documents]
    related: set[str] = set()
    located: set[str] = set()
    visits: dict[str, int] = defaultdict(int)  # doc id -> inspections and company visits read from it
    for edge in resolved.edges:
        if edge.predicate == LOCATED_IN:
            located.add(edge.source)
        related.update((edge.source, edge.target))
        visits[edge.doc_id] += edge.predicate == VISITED
    for inspection in resolved.inspections:
        related.update(inspection.inspectors)
        visits[inspection.doc_id] += 1

    def share(kind: str, has, levels: tuple[str, ...] | None = None) -> Share:
        nodes = [n for n in mentioned if n.kind == kind and (not levels or n.attrs.get("level") in levels)]
        return Share(sum(map(has, nodes)), len(nodes))

    articles = [ArticleCoverage(r.source, r.home_place, visits[r.doc_id], visit_sentence(r)) for r in results]
    return Coverage(
        projects_located=share(PROJECT, lambda node: node.node_id in located),
        places_coded=share(PLACE, lambda node: bool(node.attrs.get("adcode")), CODED_LEVELS),
        officials_unrelated=share(OFFICIAL, lambda node: node.node_id not in related),
        articles=sorted(articles, key=lambda a: a.source),
    )


def compact_result(result: DocumentResult) -> DocumentResult:
    """``result`` as a build holds it for the resolver and this report when it reads the results as they
    come (a build of several processes, whose own process waits meanwhile): the same records, but of the
    sentences its entities were read in only the one :func:`visit_sentence` gives (the resolver reads no
    entity evidence), and one string for each sentence and document id the evidence repeats. Changes
    ``result`` in place."""
    told = visit_sentence(result)
    for entity in result.entities:
        entity.evidence = [evidence for evidence in entity.evidence if evidence.sentence == told][:1]
        told = None if entity.evidence else told  # kept once, in the first entity that has it
    strings: dict[str, str] = {}
    for evidence in [*(entity_evidence for entity in result.entities for entity_evidence in entity.evidence),
                     *(fact.evidence for fact in result.facts if fact.evidence is not None),
                     *(evidence for inspection in result.inspections for evidence in inspection.evidence)]:
        evidence.sentence = strings.setdefault(evidence.sentence, evidence.sentence)
        evidence.doc_id = strings.setdefault(evidence.doc_id, evidence.doc_id)
    return result


def visit_sentence(result: DocumentResult) -> str | None:
    """The first sentence that tells a visit: a visit verb (调研, 来到, 察看…) or a ceremony (开工仪式) ahead
    of any reported speech (强调…), in a sentence the pipeline read an entity in (an official, a place, a
    company: an article's visits name one; the result keeps no other sentence)."""
    told = [evidence for entity in result.entities for evidence in entity.evidence
            if _tells_a_visit(evidence.sentence)]
    return min(told, key=lambda evidence: evidence.start).sentence if told else None


@lru_cache(maxsize=1 << 14)  # an article's entities share their sentences: each is read once
def _tells_a_visit(sentence: str) -> bool:
    # here, not above: importing kg.relations installs spaCy's start-up hook, which `import kg` must not
    from kg.relations.words import find_any, group_words, lexicon, words_of

    if find_any(sentence, group_words()) >= 0:  # the words one by one only when one is there
        for group in group_words():  # 考察组 is no 考察
            sentence = sentence.replace(group, "")
    said = find_any(sentence, lexicon(SPEECH_VERBS))  # the first of any: one regex pass
    told = sentence[:said] if said >= 0 else sentence
    return find_any(told, words_of(VISIT_WORDS)) >= 0
