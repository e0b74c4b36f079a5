"""The kg_visited component: ``visited`` facts (Official → Organization whose premises they were at).

Visits come from :mod:`kg.relations.tours` (``Doc._.visits``), whose ``premises`` are the organizations a
sentence puts its visitors at (走进X公司, 在X厂车间, 来到该企业). Inspectors of a visit (leaders, and the group
with 一行) visit its premises; a pair seen in several visits keeps its most direct evidence.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import ORGANIZATION, VISITED
from kg.relations.inspected import presence_facts


@Language.component("kg_visited", requires=["doc._.visits"], assigns=["doc._.facts"])
def kg_visited(doc: Doc) -> Doc:
    facts = presence_facts(doc, VISITED, ORGANIZATION, lambda visit: visit.premises)
    doc._.facts = [*(doc._.facts or []), *facts]
    return doc
