"""The kg_visited component: ``visited`` facts (Official → Organization whose premises they were at).

Visits come from :mod:`kg.relations.tours` (``Doc._.visits``), whose ``premises`` are the organizations a
sentence puts its visitors at (走进X公司, 在X厂车间, 来到该企业). Inspectors of a visit (leaders, and the group
with 一行) visit its premises; a pair seen in several visits keeps its most direct evidence. An official of a
place does not visit its government (镇党委书记 at 某镇政府 receives the visitors): he is at home there. A company
the text names as a project (A公司、B公司、C项目等项目现场: an item of a list of projects, read as a project too) is
a work: going there is inspecting it, as for X公司Y项目现场. An institution listed among works (A产业园、B研究院、C项目)
stays a body too: its visitors visit it as well.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import ORGANIZATION, VISITED
from kg.nlp.institutions import INSTITUTIONS  # listed among works, still a body: its visitors visit it too
from kg.relations.discourse import mentions
from kg.relations.inspected import presence_facts



@Language.component("kg_visited", requires=["doc._.visits"], assigns=["doc._.facts"])
def kg_visited(doc: Doc) -> Doc:
    organizations = mentions(doc, "organizations")
    seats = {o.name: o.attrs["seat"] for o in organizations if o.attrs.get("seat")}
    project_spans = {(p.start, p.end) for p in mentions(doc, "projects")}
    works = {
        o.name for o in organizations
        if o.attrs.get("work") and (o.start, o.end) in project_spans and not o.name.endswith(INSTITUTIONS)
    }
    jurisdictions: dict[str, set[str]] = {}
    for official in mentions(doc, "officials"):
        posts = official.attrs.get("posts") or []
        jurisdictions.setdefault(official.name, set()).update(p["jurisdiction"] for p in posts if p.get("jurisdiction"))
    facts = [fact for fact in presence_facts(doc, VISITED, ORGANIZATION, lambda visit: visit.premises)
             if seats.get(fact.object[1]) not in jurisdictions.get(fact.subject[1], ()) and fact.object[1] not in works]
    doc._.facts = [*(doc._.facts or []), *facts]
    return doc
