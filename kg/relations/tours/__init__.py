"""The kg_tours component: who was at which project sites and organizations' premises, sentence by
sentence, as ``Doc._.visits``.

A visit needs a visitor and a site. Visitors are the officials leading the sentence (or, with 他 / 随后 /
no subject, the tour's current leaders; with a group word — 一行, 考察团, 区领导 as a body, A等 — also those
said to accompany or take part; with 与会领导, everyone attending); escorts who only 陪同 accompany the leaders
without being visitors. Sites are projects in a clause with a visit verb (来到, 察看…), in front of a site word
(X项目现场), or at a ceremony (出席X开工仪式); when the sentence only says 走进项目工地, the sites are the
projects the paragraph has just described; a bare list right after a stop (同样，A、B、C) names more stops. A party
no one is said to lead is led by its first-named member. Premises are organizations a sentence puts the visitors at
(走进X公司, 在X厂车间, 来到该企业), not one named as the owner of a project. Signing, talks, plans and
speeches are not visits; weak verbs (了解, 听取) count only inside a tour report. :mod:`kg.relations.inspected`,
:mod:`kg.relations.visited` and :mod:`kg.relations.participation` turn visits into facts.

The reading is split by concern: :mod:`.group` (who visits, who escorts), :mod:`.stops` (sites and premises),
:mod:`.continuation` (what one sentence hands on to the next), over the shared :mod:`.report` and :mod:`.wording`.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import text_of
from kg.relations.discourse import mentions, sections, sentences, within
from kg.relations.tours.continuation import ReportReading, Told
from kg.relations.tours.report import Report
from kg.relations.tours.stops import with_projects_named_as_organizations, with_projects_named_without_their_head
from kg.relations.tours.visit import GROUP_MEMBER, Visit

__all__ = ["GROUP_MEMBER", "TourReader", "Visit", "read_visits"]


@Language.factory("kg_tours")
class TourReader:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        if not Doc.has_extension("visits"):
            Doc.set_extension("visits", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.visits = read_visits(doc)
        return doc


def read_visits(doc: Doc) -> list[Visit]:
    officials = mentions(doc, "officials")
    organizations = mentions(doc, "organizations")
    text = text_of(doc)
    projects = with_projects_named_as_organizations(mentions(doc, "projects"), organizations)
    projects = with_projects_named_without_their_head(text, projects, [*projects, *organizations, *officials])
    sents = sentences(doc)
    starts = [a for a, _ in sents]
    visits: list[Visit] = []
    for sec_start, sec_end in sections(text):
        report = Report(text, sec_start, sec_end, officials, sents)
        section = ReportReading(report, within(projects, sec_start, sec_end), within(organizations, sec_start, sec_end))
        told = Told()
        for para_start, para_end in report.paragraphs:
            # a paragraph may open by going into the company the one before introduced (…招来X公司。⏎一行走进企业车间)
            told = Told(organizations=told.organizations[-1:])
            # the paragraph's sentences, by bisection (scanning every sentence for each paragraph was quadratic)
            for s_start, s_end in sents[bisect_left(starts, para_start) : bisect_left(starts, para_end)]:
                visit = section.read_sentence(
                    s_start, s_end, within(projects, s_start, s_end), within(organizations, s_start, s_end), told
                )
                if visit:
                    visits.append(visit)
    return visits

