"""The kg_operated_by component: ``operatedBy`` facts (Project → Organization).

The operator is the company whose name opens the project's name (合瑞源工贸有限公司新建…项目) or comes right
before it (X公司的Y项目), the company after 由 with a building verb (由X投资建设), or the company a
paragraph introduces (X是…企业。目前，企业正推进A、B等项目).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import OPERATED_BY, ORGANIZATION, PROJECT, Fact
from kg.relations.collect import evidence_for
from kg.relations.discourse import Mention, enclosing, mentions, paragraphs, within
from kg.relations.words import find_any, lexicon
from kg.nlp.spans import text_of

CONFIDENCE = {"name": 0.85, "by": 0.85, "paragraph": 0.6}
BY_REACH = 4  # characters between the organisation and the building verb (由X负责投资建设)


@Language.component("kg_operated_by", assigns=["doc._.facts"])
def kg_operated_by(doc: Doc) -> Doc:
    projects = mentions(doc, "projects")
    organizations = mentions(doc, "organizations")
    text = text_of(doc)
    paras = paragraphs(text)
    clean = doc._.clean  # read once: each doc._ makes an object
    facts: dict[str, Fact] = {}
    for project in projects:
        found = _operator(text, project, organizations, enclosing(paras, project.start))
        if found and project.name not in facts:
            org, how = found
            target = (ORGANIZATION, org.name)
            evidence = evidence_for(doc, project.start, project.end, clean)
            facts[project.name] = Fact((PROJECT, project.name), OPERATED_BY, target, CONFIDENCE[how], evidence)
    doc._.facts = [*(doc._.facts or []), *facts.values()]
    return doc


def _operator(text: str, project: Mention, organizations: list[Mention], para) -> tuple[Mention, str] | None:
    for org in organizations:
        opens_name = org.start == project.start and org.end < project.end
        right_before = org.end <= project.start and text[org.end : project.start] in ("", "的")
        if opens_name or right_before:
            return org, "name"
    sentence_end = min((i for i in (text.find(ch, project.end) for ch in "。；\n") if i >= 0), default=len(text))
    for org in organizations:
        if project.end <= org.start < sentence_end and text[org.start - 1 : org.start] == "由":
            if find_any(text[org.end : org.end + BY_REACH + 4], lexicon("operator_verbs")) >= 0:
                return org, "by"
    opener = _paragraph_company(text, organizations, para)
    if opener and opener.end <= project.start:
        return opener, "paragraph"
    return None


def _paragraph_company(text: str, organizations: list[Mention], para) -> Mention | None:
    """The company a paragraph opens with and introduces (X是…, X成立于…, X始建于…)."""
    first = within(organizations, *para)
    if not first or text[para[0] : first[0].start].strip():
        return None
    follow = text[first[0].end : first[0].end + 3]
    return first[0] if follow.startswith(("是", "成立", "始建", "位于", "作为")) else None
