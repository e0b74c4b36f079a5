"""The kg_inspected component: ``inspected`` facts (Official → Project) and one Inspection per visit.

Visits come from :mod:`kg.relations.tours` (``Doc._.visits``). A pair seen in several visits keeps its most
direct evidence. Visits by the same officials to the same sites (a photo caption and the body text telling
one stop) are one Inspection.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import INSPECTED, OFFICIAL, PROJECT, Fact, Inspection
from kg.relations.collect import evidence_for
from kg.relations.tours import GROUP_MEMBER, Visit


@Language.component("kg_inspected", requires=["doc._.visits"], assigns=["doc._.facts", "doc._.inspections"])
def kg_inspected(doc: Doc) -> Doc:
    inspections: list[Inspection] = []
    # per set of inspectors, each site → the first of their inspections holding it
    by_group: dict[frozenset[str], dict[str, tuple[int, Inspection]]] = {}
    for visit in doc._.visits or []:
        if visit.sites:
            evidence = evidence_for(doc, visit.start, visit.end)
            group = by_group.setdefault(frozenset(visit.inspectors), {})
            _add_inspection(inspections, group, visit.inspectors, list(visit.sites), doc._.clean.date, evidence)
    facts = presence_facts(doc, INSPECTED, PROJECT, lambda visit: visit.sites)
    doc._.facts = [*(doc._.facts or []), *facts]
    doc._.inspections = [*(doc._.inspections or []), *inspections]
    return doc


def presence_facts(doc: Doc, predicate: str, kind: str, places_of: Callable[[Visit], dict[str, float]]) -> list[Fact]:
    """(inspector, ``predicate``, place) for every inspector of every visit and each place ``places_of`` it
    (name → confidence), companions counted in through a group word a little less sure; per pair the most
    confident evidence."""
    best: dict[tuple[str, str], Fact] = {}
    for visit in doc._.visits or []:
        places = places_of(visit)
        if not places:
            continue
        evidence = evidence_for(doc, visit.start, visit.end)
        for official in visit.inspectors:
            in_group = official not in visit.leaders
            for place, confidence in places.items():
                confidence = round(confidence - (GROUP_MEMBER if in_group else 0.0), 2)
                key = (official, place)
                if key not in best or best[key].confidence < confidence:
                    best[key] = Fact((OFFICIAL, official), predicate, (kind, place), confidence, evidence)
    return list(best.values())


def _add_inspection(inspections: list[Inspection], group: dict[str, tuple[int, Inspection]], inspectors, sites,
                    date, evidence) -> None:
    """Join the visit to the first inspection of the same inspectors that shares a site (found through
    ``group``, their sites' first inspections: looking through every inspection for each visit was quadratic
    in a long article), else add one."""
    shared = [group[site] for site in sites if site in group]
    if shared:
        order, inspection = min(shared, key=lambda found: found[0])
        inspection.sites.extend(s for s in sites if s not in inspection.sites)
        if evidence not in inspection.evidence:
            inspection.evidence.append(evidence)
    else:
        order, inspection = len(inspections), Inspection(list(inspectors), list(sites), date, [evidence])
        inspections.append(inspection)
    for site in sites:  # the inspection holds them all now; an earlier one is the first to hold a site
        if site not in group or group[site][0] > order:
            group[site] = (order, inspection)
