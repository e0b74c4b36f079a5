"""A report read sentence by sentence, as news tells a tour: a sentence without a subject, or with 他 / 随后 / 一行,
goes on with the leaders of the visit before it; a sentence that goes to a site without naming it (走进项目工地,
来到该企业) means the project or organization the paragraph has just described; 一行莅临园区现场 is a visit to the
project the next sentence names. What carries over from one sentence to the next lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.relations.discourse import Mention
from kg.relations.words import find_any, lexicon
from kg.relations.tours.group import VisitingGroup
from kg.relations.tours.report import Report
from kg.relations.tours.stops import Stops, attends_the_report_event
from kg.relations.tours.visit import CARRIED_OVER, CONFIDENCE, Visit
from kg.relations.tours.wording import before_speech, denies_a_visit, find_act


@lru_cache(maxsize=1)
def _premises_meant() -> re.Pattern:
    """A visit verb going into premises it does not name (来到该企业, 走进车间): the paragraph's organization."""
    verbs = "|".join(map(re.escape, lexicon("visit_verbs")))
    places = "|".join(map(re.escape, lexicon("premises_anaphors")))
    return re.compile(rf"(?:{verbs})(?:了|到|进)?(?:{places})")


def _names_the_company(going_in: str) -> bool:
    """来到该企业 / 走进该公司: the words point to a company itself, not to a workshop that may be a project's."""
    return "该" in going_in


def _another_work_since(company: Mention, described: list[Mention], projects: list[Mention], at: int) -> bool:
    """A project named between the company and ``at`` that is not named as the company's own: not X公司Y项目,
    whose name holds the company or follows it."""
    return any(company.end < p.start and p.end <= at for p in [*described, *projects])


def _presented_there(sentence: str, told: str, premises: dict[str, float]) -> bool:
    """在A公司，企业负责人介绍了…: a stop told by where it is, its hosts presenting it (介绍, 汇报) to the visitors
    the sentence does not name again."""
    return bool(premises) and sentence.startswith(lexicon("location_frames")) and find_any(told, lexicon("report_verbs")) >= 0


@dataclass
class Told:
    """What a paragraph has named so far: the projects it described, and the organizations (for 来到该企业)."""

    projects: list[Mention] = field(default_factory=list)
    organizations: list[Mention] = field(default_factory=list)
    topic: list[Mention] = field(default_factory=list)  # the project the sentence before opened with, no official named


class ReportReading:
    """One report read in order: its visiting group and stops, and the leaders of the latest visit."""

    def __init__(self, report: Report, projects: list[Mention], organizations: list[Mention]):
        self.report = report
        self.stops = Stops(report, projects)
        self.group = VisitingGroup(report, projects, organizations)
        self.current: list[str] = []  # leaders of the latest visit, for 他 / 随后 / zero subjects
        self.current_group = False  # whether the latest visit was the group's (一行来到A；随后察看B: B too)
        self.ahead: Visit | None = None  # a visit to a site not named yet (来到项目现场。该项目…)
        self.stopped = False  # whether the sentence before told a stop (a visit with sites or premises)

    def read_sentence(self, start: int, end: int, projects: list[Mention], organizations: list[Mention], before: Told):
        visit = self._read(start, end, projects, organizations, before)
        self.stopped = visit is not None and bool(visit.sites or visit.premises)
        return visit

    def _read(self, start: int, end: int, projects: list[Mention], organizations: list[Mention], before: Told):
        text = self.report.text[start:end]
        described = before.projects
        leaders, escorts = self.group.visitors(start, end)
        if not leaders:
            leaders = self.group.titled_leaders(text, self.current)
        pronoun = find_any(text, lexicon("pronouns")) >= 0
        group = self.group.is_subject(start, end)
        everyone = find_any(text, lexicon("attendee_words")) >= 0
        told = before_speech(text)
        strong = find_act(told, "visit_verbs", "ceremony_words") >= 0
        weak = self.report.is_tour and find_any(told, lexicon("weak_visit_verbs")) >= 0
        # read once for the sites and the premises, which both look for the items of a list
        listed = self.stops.listing(start, end, [*projects, *organizations]) if projects or organizations else set()
        sites, ceremony = self.stops.sites(start, end, projects, listed)
        premises = self.stops.premises(start, end, projects, organizations, listed)
        if not premises and (meant := _premises_meant().search(told)):
            # the organization named last before 该企业 / 车间, in this sentence (X是…企业，来到该企业) or earlier;
            # a bare 车间 after another work named since then is that work's (X公司…。Y项目…。走进生产车间), not
            # after the company's own (X公司Y项目…。走进车间)
            at = start + meant.start()
            named = [*before.organizations, *(o for o in organizations if o.end <= at)]
            if named and (_names_the_company(meant.group()) or not _another_work_since(named[-1], described, projects, at)):
                premises = {named[-1].name: CONFIDENCE["paragraph"]}
        before.organizations.extend(organizations)
        if leaders and (strong or group):
            self.current, self.current_group = leaders, group
        elif group:
            self.current_group = True
        framed = self.report.is_tour and (self.stops.at_a_site(end, projects) or _presented_there(text, told, premises))
        listed = self._more_stops(start, end, projects, bool(leaders or sites) or strong or weak)
        if listed:
            sites = {p.name: CONFIDENCE["paragraph"] for p in listed}
        carried = not leaders and (pronoun or everyone or bool(sites) or bool(premises)) and (
            strong or weak or framed or bool(listed))
        if carried:
            leaders = [] if everyone else (group and self.group.heads) or self.current or (self.group.party_head() if group else [])
            group = group or self.current_group
        if not sites and (strong or weak) and (leaders or group or everyone) and not denies_a_visit(text):
            found = "paragraph" if strong else "paragraph_weak"
            # X项目正在加紧建设，某某详细询问…: the project the sentence opens with, before naming its visitor (not
            # X项目由Y公司投资建设，某某来到Y公司: they go to the company)
            topic = [] if premises else self.stops.opening_topic(*self.report.clause_of(start, end, start), projects)
            sites = {p.name: CONFIDENCE[found] for p in [*described, *topic]}
        topic, before.topic = before.topic, []
        if not sites and leaders and topic and self.report.is_tour and not (strong or weak) and not denies_a_visit(text):
            # 去年建成的X水厂，日供水已达2万吨。某某对运营管理表示满意: the stop the sentence before opened with
            sites = {p.name: CONFIDENCE["paragraph_weak"] for p in topic}
        if not described and not leaders:
            before.topic = self.stops.opening_topic(start, end, projects)
        if not sites and premises and strong and not denies_a_visit(text):
            sites = {p.name: CONFIDENCE["paragraph"] for p in self.stops.works_at(premises, start + len(told), projects,
                                                                             organizations)}
        if not sites and (leaders or group):
            sites = {p.name: CONFIDENCE["paragraph"] for p in self.stops.venues_meant(text, start, strong, described)}
        companions: list[str] = []  # escorts only accompany (below); a group word makes companions inspect
        if group or (leaders and set(leaders) <= set(self.group.opening) and self.group.went(sites, premises)):
            members = [*self.group.opening, *self.group.members, *self.group.marked(lexicon("attendance_markers"), tuple(leaders))]
            members = self.group.holding(members, self.group.plural_title(start, end))
            companions += [c for c in dict.fromkeys(members) if c not in companions and c not in self.group.in_a_part]
        if everyone:
            companions += [c for c in self.group.attendees if c not in companions]
        if ceremony and leaders and attends_the_report_event(told):
            # 市委书记甲出席活动。副市长乙出席并宣布X项目开工: the start is given at the report's event, and who
            # attends that event with them is at it (not at 活动结束后…出席了X开工仪式, an event of its own)
            attending = self.group.marked(lexicon("attendance_markers"), tuple(leaders))
            companions += [c for c in attending if c not in companions and c not in self.group.in_a_part]
        if not denies_a_visit(text):
            described.extend(projects)
        ahead, self.ahead = self.ahead, None
        if not sites and ahead and not denies_a_visit(text):
            named = [p for p in projects if p.start < start + len(told)]
            if named:
                return replace(ahead, sites={p.name: CONFIDENCE["paragraph"] for p in named}, end=end)
        if not (leaders or companions):
            return None
        penalty = CARRIED_OVER if carried else 0.0
        visit = Visit(
            leaders=leaders,
            companions=[c for c in companions if c not in leaders],
            sites={name: round(conf - penalty, 2) for name, conf in sites.items()},
            start=start,
            end=end,
            ceremony=ceremony,
            premises={name: round(conf - penalty, 2) for name, conf in premises.items()},
            accompanied_by=list(dict.fromkeys(c for c in [*escorts, *self.group.accompanying(tuple(leaders))] if c not in leaders)),
            escorted=[name for name in leaders if name in self.group.heads] or leaders,
        )
        if not sites and strong and find_any(told, lexicon("site_phrases")) >= 0:
            self.ahead = visit  # 一行莅临园区现场: the site is the project the next sentence names
        # a tour stop whose site is not read still tells who accompanies whom
        stop = strong and self.report.is_tour and visit.accompanied_by and set(leaders) <= set(self.group.opening)
        return visit if sites or premises or stop else None

    def _more_stops(self, start: int, end: int, projects: list[Mention], told_otherwise: bool) -> list[Mention]:
        """同样，A、B、C right after a stop of a tour, with no subject or verb of its own: more stops of the
        same visitors (the list rule of :meth:`Stops.list_of_stops`)."""
        if told_otherwise or not (self.report.is_tour and self.stopped and self.current):
            return []
        return self.stops.list_of_stops(start, end, projects)
