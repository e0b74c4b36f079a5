"""The kg_tours component: who was at which project sites and organizations' premises, sentence by
sentence, as ``Doc._.visits``.

A visit needs a visitor and a site. Visitors are the officials leading the sentence (or, with 他 / 随后 /
no subject, the tour's current leaders; with a group word — 一行, 考察团, 区领导 as a body, A等 — also those
said to accompany or take part; with 与会领导, everyone attending); escorts who only 陪同 accompany the leaders
without being visitors. Sites are projects in a clause with a visit verb (来到, 察看…), in front of a site word
(X项目现场), or at a ceremony (出席X开工仪式); when the sentence only says 走进项目工地, the sites are the
projects the paragraph has just described. Premises are organizations a sentence puts the visitors at
(走进X公司, 在X厂车间, 来到该企业), not one named as the owner of a project. Signing, talks, plans and
speeches are not visits; weak verbs (了解, 听取) count only inside a tour report. :mod:`kg.relations.inspected`,
:mod:`kg.relations.visited` and :mod:`kg.relations.participation` turn visits into facts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import alternation
from kg.nlp.spans import text_of
from kg.relations.discourse import (
    Mention,
    Mentions,
    clauses,
    enclosing,
    find_any,
    lexicon,
    lexicon_pairs,
    mentions,
    paragraphs,
    sections,
    sentences,
    title_depth,
    title_places,
    within,
)

# How direct the evidence is, by the way the site was found.
CONFIDENCE = {
    "explicit": 0.9,  # visitor named, visit verb or site word with the project in one clause
    "ceremony": 0.85,  # attended a ceremony at the project
    "weak": 0.7,  # 了解/听取 + the project, inside a tour report
    "paragraph": 0.75,  # 走进项目工地 after a paragraph describing the project
    "paragraph_weak": 0.6,  # 了解项目进展 after a paragraph describing the project, inside a tour
}
CARRIED_OVER = 0.05  # less when the visitor is 他 / a zero subject carried over from earlier sentences
GROUP_MEMBER = 0.1  # less for a companion counted in through 一行
_ATTENDED_OBJECT_END = re.compile(r"[，,。；;！？、]|并")  # X出席(活动)并讲话
_PEOPLE_OF_ORGANIZATIONS = ("person_roles", "member_words", "companion_markers", "taking_part_markers", "leading_markers")
_QUOTE_ENDS = " \u3000”’\"'」』"  # what may close a quotation before the clause after it (“…？”在A、B，…)
_ITEM_END = "、，,。；;：:（()）)”\"和及与并"  # what may follow an organization ending its item of a list
SHORT_NAME = 4  # the fewest first characters of a name that stand for it in a list (甲乙纺织 for 甲乙纺织有限公司)
SITE_WORD_REACH = 8  # characters after a project name within which 现场/工地 still refers to it
TEAM_UNITS = ("组", "小组", "团")  # what a team named after its task is called: 调研组, 评审小组, 考察团
PROJECT_HEAD = "项目"  # the head word a project's name may go without elsewhere in the article
BARE_NAME = 6  # the fewest characters of a project's name without its head that still name it alone
_LIST_OPENING = re.compile(r"^(?:以及|及|和|与)?(?:[\u4e00-\u9fff]{2,12}的)?$")  # 以及乙县的 + the next items


@dataclass
class Visit:
    """One sentence's visit: the officials, the project sites, and how each site was found."""

    leaders: list[str]  # officials leading the visit
    companions: list[str]  # officials counted in as part of the group (一行, 与会领导)
    sites: dict[str, float]  # project name → confidence
    start: int  # character range of the sentence saying so
    end: int
    ceremony: str | None = None  # the ceremony attended (X项目开工仪式), if the visit was one
    accompanied_by: list[str] = field(default_factory=list)  # officials said to accompany (陪同) the leaders
    premises: dict[str, float] = field(default_factory=dict)  # organization name → confidence: where they were

    @property
    def inspectors(self) -> list[str]:
        return [*self.leaders, *(c for c in self.companions if c not in self.leaders)]


@Language.factory("kg_tours")
class TourReader:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        if not Doc.has_extension("visits"):
            Doc.set_extension("visits", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.visits = read_visits(doc)
        return doc


@lru_cache(maxsize=1)
def group_words() -> tuple[str, ...]:
    """Words for the visiting group: 一行, 代表团, and a team named after its task (视察组, 评审团, 调研小组),
    longest first."""
    teams = [task + unit for task in lexicon("group_tasks") for unit in TEAM_UNITS]
    return tuple(sorted({*lexicon("group_words"), *teams}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _title_subject() -> re.Pattern:
    """A clause opening with a title (市委书记, 区长) and going straight on to a group word or a visit verb."""
    posts = "|".join(map(re.escape, lexicon("titles_honorific_posts")))
    acts = "|".join(map(re.escape, group_words() + lexicon("visit_verbs") + lexicon("pronouns")))
    return re.compile(rf"(?:^|[，,；;])\s*([\u4e00-\u9fff]{{0,4}}?(?:{posts}))(?:等|还|又|首先|随即)?(?:{acts})")


@lru_cache(maxsize=1)
def _premises_meant() -> re.Pattern:
    """A visit verb going into premises it does not name (来到该企业, 走进车间): the paragraph's organization."""
    verbs = "|".join(map(re.escape, lexicon("visit_verbs")))
    places = "|".join(map(re.escape, lexicon("premises_anaphors")))
    return re.compile(rf"(?:{verbs})(?:了|到|进)?(?:{places})")


@lru_cache(maxsize=1)
def _going_on_to() -> re.Pattern:
    """After an official's name: a bare title, 一行 or 等 at most, then 到/赴 not followed by a number (到2025年)."""
    between = "|".join(map(re.escape, lexicon("titles_honorific_posts") + group_words() + ("同志", "等人", "等")))
    then = "|".join(map(re.escape, lexicon("pronouns")))
    return re.compile(rf"(?:{between})?(?:{then})?(?:到|赴)(?![\d０-９])")


@lru_cache(maxsize=1)
def _leaders_body() -> re.Pattern:
    """Leaders named as a body (市领导, 县四大班子领导): the collective titles of every administrative level."""
    levels = [level for level, _ in lexicon_pairs("titles_levels")]
    return re.compile(alternation([t.replace("{L}", level) for t in lexicon("titles_collective") for level in levels]))


@lru_cache(maxsize=None)
def _taking_part_in(markers: str, objects: str, ends: str = "") -> re.Pattern:
    """A marker of the lexicon ``markers`` (参加…), 了 perhaps, then a word of the lexicon ``objects`` or a
    character of ``ends``: _taking_part_in("taking_part_markers", "visit_verbs", "。；;，,") is 参加视察 or B参加。"""
    words = "|".join(map(re.escape, lexicon(markers)))
    after = "|".join([*map(re.escape, lexicon(objects)), *([f"[{ends}]|$"] if ends else [])])
    return re.compile(rf"(?:{words})了?(?:{after})")


def _takes_part() -> re.Pattern:
    """参加/参与 the visit itself: followed by a visit verb (参加视察, 参与调研) or by nothing (B参加。)."""
    return _taking_part_in("taking_part_markers", "visit_verbs", "。；;，,")


def _takes_a_part() -> re.Pattern:
    """参加/出席 a part of the visit only: 参加相关活动, 参加会见."""
    return _taking_part_in("attendance_markers", "part_attendance")


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the sentence text[start:end] between semicolons, or spaces (a headline's columns)."""
    cuts = [start, *(i + 1 for i in range(start, end) if text[i] in "；; \u3000"), end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]


@lru_cache(maxsize=None)
def _few_then(name: str, most: int) -> re.Pattern:
    """At most ``most`` characters then a word of the lexicon ``name``: a manner word before a venue word
    (隆重举行), the state of an item of a list (进展情况)."""
    words = "|".join(map(re.escape, lexicon(name)))
    return re.compile(rf"\s*[\u4e00-\u9fff]{{0,{most}}}?(?:{words})")


def _states() -> re.Pattern:
    """What an item of a list may be followed by to say it is its state that was seen: 进展情况, 建设情况."""
    return _few_then("topic_words", 4)


@lru_cache(maxsize=1)
def _items_by_state() -> re.Pattern:
    """Items of a list told by their state, each followed by a conjunction: 甲片区建设情况和, 乙路进展情况、."""
    return re.compile(rf"(?:[\u4e00-\u9fff]{{2,16}}?{_states().pattern}[、和及与])+")


@lru_cache(maxsize=1)
def _at_the_event() -> re.Pattern:
    """A sentence opening at the event (启动仪式上，…; 活动中，…): what its officials do, they do at the venue."""
    heads = "|".join(map(re.escape, lexicon("event_heads") + lexicon("ceremony_words")))
    return re.compile(rf"^[^，,。]{{0,6}}?(?:{heads})(?:上|中)[，,]")


@lru_cache(maxsize=1)
def _leads_group() -> re.Pattern:
    """率 + a group named within a few characters (率党政考察团, 率调研组): 率 alone is too common (率先, 效率)."""
    groups = "|".join(map(re.escape, group_words()))
    return re.compile(rf"率(?=[^，,。；;]{{0,6}}?(?:{groups}))")


def _told(sentence: str) -> str:
    """The sentence up to a speech verb: 他强调，要深入一线 — verbs in what is said are no visit."""
    speech = find_any(sentence, lexicon("speech_verbs"))
    return sentence[:speech] if speech >= 0 else sentence


def _find_act(text: str, *names: str) -> int:
    """Where the first word of the lexicons ``names`` is, group words masked (考察组, 观摩团 are no 考察, 观摩)."""
    if find_any(text, group_words()) >= 0:
        for word in group_words():
            text = text.replace(word, "＿" * len(word))
    return find_any(text, _words_of(names))


@lru_cache(maxsize=None)
def _words_of(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for name in names for w in lexicon(name))


def _names(text: str, name: str) -> bool:
    """``text`` names ``name``: in full, or by the short form news uses in a list, its first characters
    (甲乙纺织 for 甲乙纺织制品有限公司) as an item of the list."""
    if name in text:
        return True
    return any(re.search(re.escape(name[:length]) + f"(?:[{_ITEM_END}]|等|$)", text)
               for length in range(SHORT_NAME, len(name)))


def _holds(title: str, bare: str) -> bool:
    """An official titled ``title`` is the one meant by ``bare`` (县委书记 by 书记, not 县委副书记)."""
    return title.endswith(bare) and not title[: -len(bare)].endswith("副")


@dataclass
class _Told:
    """What a paragraph has named so far: the projects it described, and the organizations (for 来到该企业)."""

    projects: list[Mention] = field(default_factory=list)
    organizations: list[Mention] = field(default_factory=list)


def _named_as_owner(org: Mention, projects: list[Mention], text: str) -> bool:
    """X公司Y项目 / X公司下属的Y厂: the organization is named as the owner of something after it, or inside a
    project's own name. An organization visited ends its item: a list separator, 等, a site word (X公司车间)
    or a verb follows it."""
    if any(p.start <= org.start and org.end <= p.end and p.end - p.start > org.end - org.start for p in projects):
        return True
    after = text[org.end : org.end + 8]
    return not (
        not after.strip()
        or after[0] in _ITEM_END
        or after.startswith(lexicon("premises_followers") + lexicon("site_words") + lexicon("frame_ends"))
        or _find_act(after, "visit_verbs", "weak_visit_verbs") == 0
    )


def _with_projects_named_as_organizations(projects: Mentions, organizations: Mentions) -> Mentions:
    """A name the article calls a project somewhere (甲乡中心小学在建项目) is that project where it stands as an
    organization too (来到乙农场、甲乡中心小学等地)."""
    names = {p.name for p in projects}
    taken = {(p.start, p.end) for p in projects}
    more = [o for o in organizations if o.name in names and (o.start, o.end) not in taken]
    return Mentions(sorted([*projects, *more], key=lambda m: (m.start, m.start - m.end))) if more else projects


def _with_projects_named_without_their_head(text: str, projects: Mentions, taken: list[Mention]) -> Mentions:
    """A project the article names once in full (甲乙酒业产业园项目建设业主) is that project where it names it
    without the head word too (仪式在甲乙酒业产业园举行), outside other entities' mentions."""
    more = []
    for name in {p.name for p in projects}:
        bare = name.removesuffix(PROJECT_HEAD)
        if bare == name or len(bare) < BARE_NAME:
            continue
        for match in re.finditer(re.escape(bare), text):
            a, b = match.span()
            if not text.startswith(PROJECT_HEAD, b) and not any(m.start < b and a < m.end for m in [*taken, *more]):
                more.append(Mention(name, a, b, bare))
    return Mentions(sorted([*projects, *more], key=lambda m: (m.start, m.start - m.end))) if more else projects


def read_visits(doc: Doc) -> list[Visit]:
    officials = mentions(doc, "officials")
    organizations = mentions(doc, "organizations")
    text = text_of(doc)
    projects = _with_projects_named_as_organizations(mentions(doc, "projects"), organizations)
    projects = _with_projects_named_without_their_head(text, projects, [*projects, *organizations, *officials])
    sents = sentences(doc)
    starts = [a for a, _ in sents]
    visits: list[Visit] = []
    for sec_start, sec_end in sections(text):
        section = _Section(text, sec_start, sec_end, officials, sents, within(projects, sec_start, sec_end),
                           within(organizations, sec_start, sec_end))
        told = _Told()
        for para_start, para_end in paragraphs(text[sec_start:sec_end]):
            para_start, para_end = para_start + sec_start, para_end + sec_start
            # a paragraph may open by going into the company the one before introduced (…招来X公司。⏎一行走进企业车间)
            told = _Told(organizations=told.organizations[-1:])
            # the paragraph's sentences, by bisection (scanning every sentence for each paragraph was quadratic)
            for s_start, s_end in sents[bisect_left(starts, para_start) : bisect_left(starts, para_end)]:
                visit = section.read_sentence(
                    s_start, s_end, within(projects, s_start, s_end), within(organizations, s_start, s_end), told
                )
                if visit:
                    visits.append(visit)
    return visits


class _Section:
    """One report: its officials, who accompanies whom, whether it is a tour, and the current leaders."""

    def __init__(self, text: str, start: int, end: int, officials: list[Mention], sents, projects: list[Mention],
                 organizations: list[Mention]):
        self.text = text
        self.officials = within(officials, start, end)
        first = bisect_left(sents, (start,))
        self.sentences = sents[first : bisect_left(sents, (end,), lo=first)]
        self.paragraphs = [(start + a, start + b) for a, b in paragraphs(text[start:end])]
        self.venues = self._venues(projects)
        self.is_tour = self._first_official_sentence_visits()
        self.opening = self._opening_leaders(projects)
        self.companions = self._marked(lexicon("companion_markers"))
        self.attendees = self._marked(lexicon("companion_markers") + lexicon("attendance_markers"))
        joining = self.attendees if self.is_tour else [*self.companions, *self._taking_part_in_the_visit()]
        self.in_a_part = self._in_a_part_only()
        self.titles = {o.name: o.attrs.get("titles") or [] for o in self.officials}
        hosts = self.companions if self._leads_a_team_of_their_place(text[start:end]) else []
        self.group = [name for name in joining if name not in self.in_a_part and name not in hosts]
        self.heads = self._heads()
        # where the group is said to go (某某一行来到A项目): None when its sentences name no site
        self.group_stops = self._group_stops(projects, organizations) if self.is_tour else set()
        self.current: list[str] = []  # leaders of the latest visit, for 他 / 随后 / zero subjects
        self.current_group = False  # whether the latest visit was the group's (一行来到A；随后察看B: B too)
        self.jurisdictions = {o.name: {p["jurisdiction"] for p in o.attrs.get("posts") or [] if p.get("jurisdiction")}
                              for o in self.officials}
        self.ahead: Visit | None = None  # a visit to a site not named yet (来到项目现场。该项目…)

    def read_sentence(self, start: int, end: int, projects: list[Mention], organizations: list[Mention], before: _Told):
        text = self.text[start:end]
        described = before.projects
        leaders, escorts = self._visitors(start, end)
        if not leaders:
            leaders = self._titled_leaders(text)
        pronoun = find_any(text, lexicon("pronouns")) >= 0
        group = self._group_subject(start, end) or self._body_subject(start, end)
        everyone = find_any(text, lexicon("attendee_words")) >= 0
        told = _told(text)
        strong = _find_act(told, "visit_verbs", "ceremony_words") >= 0
        weak = self.is_tour and find_any(told, lexicon("weak_visit_verbs")) >= 0
        sites, ceremony = self._sites(start, end, projects, organizations)
        premises = self._premises(start, end, projects, organizations)
        if not premises and (meant := _premises_meant().search(told)):
            # the organization named last before 该企业 / 车间, in this sentence (X是…企业，来到该企业) or earlier
            named = [*before.organizations, *(o for o in organizations if o.end <= start + meant.start())]
            premises = {o.name: CONFIDENCE["paragraph"] for o in named[-1:]}
        before.organizations.extend(organizations)
        if leaders and (strong or group):
            self.current, self.current_group = leaders, group
        elif group:
            self.current_group = True
        framed = self.is_tour and self._at_a_site(end, projects)
        carried = not leaders and (pronoun or everyone or bool(sites) or bool(premises)) and (strong or weak or framed)
        if carried:
            leaders = [] if everyone else (group and self.heads) or self.current
            group = group or self.current_group
        if not sites and (strong or weak) and (leaders or group or everyone) and not self._negative(text):
            found = "paragraph" if strong else "paragraph_weak"
            sites = {p.name: CONFIDENCE[found] for p in described}
        if not sites and premises and strong and not self._negative(text):
            sites = {p.name: CONFIDENCE["paragraph"] for p in self._works_at(premises, start + len(told), projects,
                                                                             organizations)}
        if not sites and (leaders or group):
            sites = {p.name: CONFIDENCE["paragraph"] for p in self._venues_meant(text, start, strong, described)}
        companions: list[str] = []  # escorts only accompany (below); a group word makes companions inspect
        if group or (leaders and set(leaders) <= set(self.opening) and self._group_went(sites, premises)):
            members = [*self.opening, *self.group, *self._marked(lexicon("attendance_markers"), among=leaders)]
            companions += [c for c in dict.fromkeys(members) if c not in companions and c not in self.in_a_part]
        if everyone:
            companions += [c for c in self.attendees if c not in companions]
        described.extend(p for p in projects if not self._negative(self.text[start:end]))
        ahead, self.ahead = self.ahead, None
        if not sites and ahead and not self._negative(text):
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
            accompanied_by=list(dict.fromkeys(c for c in [*escorts, *self._accompanying(leaders)] if c not in leaders)),
        )
        if not sites and strong and find_any(told, lexicon("site_phrases")) >= 0:
            self.ahead = visit  # 一行莅临园区现场: the site is the project the next sentence names
        # a tour stop whose site is not read still tells who accompanies whom
        stop = strong and self.is_tour and visit.accompanied_by and set(leaders) <= set(self.opening)
        return visit if sites or premises or stop else None

    # --- visitors -------------------------------------------------------------------------------------

    def _visitors(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """Officials leading the sentence, and those escorting them on this visit (在X陪同下): they accompany.

        An official followed by 陪同/参加 before any visit verb is a companion (A深入…调研，B、C陪同调研),
        unless a 在… phrase comes in between (A在B陪同下来到…: A leads, B escorts).
        """
        text = self.text[start:end]
        speech = find_any(text, lexicon("speech_verbs"))
        limit = start + speech if speech >= 0 else end
        role_words = lexicon("companion_markers") + lexicon("taking_part_markers")
        leaders: list[str] = []
        escorts: list[str] = []
        for official in within(self.officials, start, limit):
            clause = self._clause_of(start, end, official.start)
            if find_any(self.text[clause[0] : official.start], lexicon("object_markers")) >= 0:
                continue
            if self._reports_to_the_visitors(start, clause, official):
                continue
            rest = self.text[official.end : end]
            role, act = find_any(rest, role_words), _find_act(rest, "visit_verbs", "ceremony_words", "attendance_markers")
            if role < 0 or (0 <= act < role) or "在" in rest[:role]:
                target = leaders
            elif rest[role:].startswith(lexicon("escort_markers")):
                target = escorts
            elif rest[role:].startswith(lexicon("companion_markers")) and self._escorts_here(start, official):
                target = escorts
            else:
                continue  # a companion of the tour, not a visitor of this sentence
            if official.name not in target:
                target.append(official.name)
        return leaders, [e for e in escorts if e not in leaders]

    def _reports_to_the_visitors(self, start: int, clause: tuple[int, int], official: Mention) -> bool:
        """A来到X，实地察看…，乡党委书记B、村长C分别作了汇报: in a clause after the visit is told, an official
        who reports or presents (汇报, 介绍) before any visit verb of their own receives the visitors; one who
        hears the report (D听取…介绍) does not."""
        after = self.text[official.end : clause[1]]
        report, act = find_any(after, lexicon("report_verbs")), _find_act(after, "visit_verbs")
        heard = find_any(after[: max(report, 0)], lexicon("object_markers")) >= 0
        return 0 <= report and not heard and not 0 <= act < report \
            and _find_act(self.text[start : clause[0]], "visit_verbs") >= 0

    def _escorts_here(self, start: int, companion: Mention) -> bool:
        """A来到X项目现场，B陪同: B escorts A on the visit this sentence tells. In the report's first sentence
        with officials (A到某县调研，B陪同) B accompanies the whole tour instead: B is in the group (一行), no more."""
        opens = not any(o.start < start for o in self.officials)
        return not opens and _find_act(self.text[start : companion.start], "visit_verbs") >= 0

    def _titled_leaders(self, sentence: str) -> list[str]:
        """区长一行来到… / 书记先后来到…: a clause opening with a bare title and going on to visit stands for the
        official of the report holding that title (the current leader when several hold it)."""
        match = _title_subject().search(sentence)
        if not match:
            return []
        title = match.group(1)
        holders = [name for name, titles in self.titles.items() if any(_holds(t, title) for t in titles)]
        current = [name for name in self.current if name in holders]
        return current or (holders if len(holders) == 1 else [])

    def _leads_a_team_of_their_place(self, report: str) -> bool:
        """A leader brings a team named after the place their title names (甲省委书记率领甲省代表团, 乙县委书记带领
        乙县党政考察团): those who 陪同 it are the hosts of the place received, not its members; they accompany
        without inspecting. A team no one is said to bring (某市考察团来我旗，旗领导陪同) may go with its hosts."""
        places = set().union(*(title_places(titles) for titles in self.titles.values()))
        teams = tuple(word for word in group_words() if word.endswith(TEAM_UNITS))
        leading = (*lexicon("leading_markers"), "率")
        return any(f"{lead}{place}{team}" in report or f"{lead}{place}党政{team}" in report
                   for place in places for lead in leading for team in teams)

    def _group_subject(self, start: int, end: int) -> bool:
        """一行 (调研组…) is the subject somewhere in the sentence, not an object (向观摩团一行介绍)."""
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            for word in group_words():
                at = clause.find(word)
                if at >= 0 and find_any(clause[:at], lexicon("object_markers")) < 0:
                    return True
        return any(self._and_others(official, end) or self._together(official, end)
                   for official in within(self.officials, start, end))

    def _group_stops(self, projects: list[Mention], organizations: list[Mention]) -> list[str] | None:
        """The sentences with the group as subject that name sites or premises, or None when the group is
        there (一行, 考察团) but its sentences name none (丁某一行…进园区、到工地)."""
        grouped = [(a, b) for a, b in self.sentences if self._group_subject(a, b)]
        naming = [self.text[a:b] for a, b in grouped if within(projects, a, b) or within(organizations, a, b)]
        return None if grouped and not naming else naming

    def _group_went(self, sites: dict[str, float], premises: dict[str, float]) -> bool:
        """A stop told as the tour leader's (某某来到A项目) is the group's too when the tour is told as the group's
        in general terms only, or when a sentence of the group named that stop (一行先后来到A、B。在A，某某…).
        Else the writer tells the group's stops apart (一行来到B。在C，某某察看…): C is the leader's."""
        if not self.is_tour:
            return False
        if self.group_stops is None:
            return True
        stops = [*sites, *premises]
        return bool(stops) and all(any(_names(told, stop) for told in self.group_stops) for stop in stops)

    def _body_subject(self, start: int, end: int) -> bool:
        """The leaders named as a body are the subject of the sentence (区领导详细询问…, not 市领导甲、乙参加,
        not 向县领导汇报): the group of this visit."""
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            body = _leaders_body().search(clause)
            named = body and any(o.start == c_start + body.end() for o in self.officials)
            if body and not named and find_any(clause[: body.start()], lexicon("object_markers")) < 0:
                return True
        return False

    def _and_others(self, official: Mention, limit: int) -> bool:
        """A等先后深入… / A等人来到…: 等 after the leader's name stands for the group going with them."""
        after = self.text[official.end : limit]
        if not after.startswith("等"):
            return False
        after = after[1:].lstrip("人")
        return _find_act(after[:4], "visit_verbs") == 0 or after.startswith(lexicon("pronouns"))

    def _together(self, official: Mention, limit: int) -> bool:
        """B一同调研 / C共同察看: the official makes the visit together with its leader, as one group."""
        after = self.text[official.end : limit]
        return after.startswith(lexicon("together_words")) and _find_act(after[:8], "visit_verbs") >= 0

    def _opening_leaders(self, projects: list[Mention]) -> list[str]:
        """Who leads the tour: the leaders of the visit sentences before the first project is named (高志峰，
        那日苏深入某镇调研). They are part of 一行 later on, even when a sentence names one of them only."""
        leaders: list[str] = []
        for a, b in self.sentences if self.is_tour else []:
            told = _told(self.text[a:b])
            if _find_act(told, "visit_verbs") >= 0 and find_any(told, lexicon("separate_words")) < 0:
                leaders.extend(n for n in self._visitors(a, b)[0] if n not in leaders)
            if within(projects, a, b):
                break
        return leaders

    def _accompanying(self, leaders: list[str]) -> list[str]:
        """Those said to 陪同 the tour, and in a tour those who 参加 it as officials of the place received (市长
        visits, 县长 参加; 甲市委书记 visits, 乙市委书记 参加)."""
        if not leaders:
            return []
        local = [a for a in self.attendees if a not in self.companions and self.is_tour and self._of_the_place_received(a, leaders)]
        return [c for c in [*self.companions, *local] if c not in leaders]

    def _of_the_place_received(self, official: str, leaders: list[str]) -> bool:
        """The official's post is more local than every leader's, or, when the leaders' titles name their place
        (a paper names the visitors' place, 武汉市委书记, not its own), the official's post is of another place
        (副市长: the paper's city), and the other way round: the leaders' titles name no place (市长: the paper's
        city, known as their jurisdiction) and the official's name another (甲市委书记 参加有关活动). A colleague of
        the leaders' place (株洲市长 visits, 常务副市长 参加) is not."""
        depth = title_depth(self.titles.get(official, []))
        tops = [title_depth(self.titles.get(leader, [])) for leader in leaders]
        if depth is not None and all(top is not None and top < depth for top in tops):
            return True
        written = set().union(*(title_places(self.titles.get(leader, [])) for leader in leaders))
        theirs = written | set().union(*(self.jurisdictions.get(leader, set()) for leader in leaders))
        mine = title_places(self.titles.get(official, [])) | self.jurisdictions.get(official, set())
        if written:
            return not mine & theirs
        named = title_places(self.titles.get(official, []))
        return bool(named and theirs) and not mine & theirs

    def _heads(self) -> list[str]:
        """Who leads the group: officials named right before 率队/带队 (A，B率队，C参加), with no other role
        or act of theirs in between (D会见 E率队: D does not lead)."""
        others = lexicon("companion_markers") + lexicon("taking_part_markers") + lexicon("object_markers")
        heads: list[str] = []
        for a, b in self.sentences:
            marker = find_any(self.text[a:b], lexicon("leading_markers"))
            bare = _leads_group().search(self.text[a:b])
            found = [at for at in (marker, bare.start() if bare else -1) if at >= 0]
            if not found:
                continue
            lead = min(found)
            for official in within(self.officials, a, a + lead):
                if find_any(self.text[official.end : a + lead], others) < 0 and official.name not in heads:
                    heads.append(official.name)
        return heads

    def _marked(self, markers: tuple[str, ...], among: list[str] | None = None) -> list[str]:
        """Officials named in a sentence part (up to ； or a headline's space) that carries one of ``markers``
        (陪同, 参加…); with ``among``, only where they join those officials (A出席。B参加: B is in A's group, even
        outside a tour)."""
        names: list[str] = []
        for a, b in self.sentences:
            sentence = self.text[a:b]
            if find_any(sentence, markers) < 0 or find_any(sentence, lexicon("separate_words")) >= 0:
                continue
            if among is not None and not self._joins(among, a, b):
                continue
            for part_start, part_end in _parts(self.text, a, b):
                if find_any(self.text[part_start:part_end], markers) >= 0:
                    names.extend(o.name for o in within(self.officials, part_start, part_end)
                                 if o.name not in names and not self._visits_first(o, part_end, markers))
        return names

    def _visits_first(self, official: Mention, limit: int, markers: tuple[str, ...]) -> bool:
        """A visit verb comes after the official before any of ``markers`` (甲、乙来某镇调研，丙陪同: 乙 visits)."""
        rest = self.text[official.end : limit]
        marker, act = find_any(rest, markers), _find_act(rest, "visit_verbs")
        return 0 <= act < marker

    def _taking_part_in_the_visit(self) -> list[str]:
        """Officials said to take part in the visit itself (A参加视察, B参加调研, C参加。), not in a part of it
        (参加相关活动, 参加会见): in a report that is no leader's tour, they are the group (视察组…)."""
        names: list[str] = []
        for a, b in self.sentences:
            if _takes_part().search(self.text[a:b]) and find_any(self.text[a:b], lexicon("separate_words")) < 0:
                names.extend(o.name for o in within(self.officials, a, b) if o.name not in names)
        return names

    def _in_a_part_only(self) -> set[str]:
        """Officials of a sentence part (up to ； or a headline's space) saying they take part in a part of the
        visit only (乙市市长丙参加会见或陪同, 副省长丁参加相关活动), or that they 会见 the group (the host)."""
        names: set[str] = set()
        for a, b in self.sentences:
            for part_start, part_end in _parts(self.text, a, b):
                officials = within(self.officials, part_start, part_end)
                if _takes_a_part().search(self.text[part_start:part_end]):
                    names.update(o.name for o in officials)
                names.update(o.name for o in officials if self.text.startswith(lexicon("part_attendance"), o.end))
        return names

    def _joins(self, leaders: list[str], start: int, end: int) -> bool:
        """The sentence's officials join ``leaders``: the paragraph names one of them, and not as one more item
        of the sentence's list (省领导甲、乙、丙在主会场或分会场出席: 丙 is a peer, not the one they go with)."""
        if not any(o.name in leaders for o in within(self.officials, *enclosing(self.paragraphs, start))):
            return False
        named = within(self.officials, start, end)
        return not any(
            o.name in leaders and any(self.text[p.end : o.start] == "、" or self.text[o.end : p.start] == "、" for p in named)
            for o in named
        )

    def _venues(self, projects: list[Mention]) -> list[Mention]:
        """Projects whose site hosts the report's event (在X项目现场设立分会场, 活动在X产业园举行): 来到活动现场
        or 出席活动 later in the report is a visit to them."""
        venues = []
        for a, b in self.sentences:
            if find_any(self.text[a:b], lexicon("venue_words")) < 0:
                continue
            venues.extend(p for p in within(projects, a, b)
                          if (self._hosts(p, b) or self._heads_the_start(p, b)) and p not in venues)
        return venues

    def _heads_the_start(self, project: Mention, limit: int) -> bool:
        """X项目暨N个重点项目集中开工 / 举行…暨X项目开工仪式: the event is X's start (first), held where X is
        built."""
        clause_end = self._clause_of(project.start, limit, project.start)[1]
        after = self.text[project.end : clause_end]
        joined = after.startswith("暨") and find_any(after, lexicon("announced_starts")) >= 0
        return joined or after.startswith(lexicon("ceremony_words"))

    def _hosts(self, project: Mention, limit: int) -> bool:
        """在X项目现场举行 / 活动在X产业园隆重举行: the event takes place at the project's site."""
        held = _few_then("venue_words", 2).match(self.text, project.end, limit)
        return self._site_word_after(project, limit) or held is not None

    def _venues_meant(self, sentence: str, start: int, strong: bool, described: list[Mention]) -> list[Mention]:
        """The venues the sentence puts its officials at, once the venue was named: 一行来到活动现场, 启动仪式上，
        X通报…, or X出席 / X出席仪式 / X主持开工仪式 with no other event named."""
        if (strong and find_any(sentence, lexicon("venue_anaphors")) >= 0) or _at_the_event().match(sentence):
            return [v for v in self.venues if v.end <= start]
        for marker in lexicon("ceremony_attendance"):
            at = sentence.find(marker)
            if at >= 0:
                rest = _ATTENDED_OBJECT_END.split(sentence[at + len(marker) :].lstrip("了"), maxsplit=1)[0]
                if not rest or rest in lexicon("event_heads") + lexicon("ceremony_words"):
                    return [v for v in self.venues if v in described or v.end <= start]
        return []

    def _first_official_sentence_visits(self) -> bool:
        """The report is a tour: its first sentence naming officials visits, or says they take part (参加, 陪同)
        in a visit an earlier sentence told without naming them (委员赴甲、乙视察。主席某某参加。)."""
        visit_told = False
        for a, b in self.sentences:
            sentence = self.text[a:b]
            if within(self.officials, a, b):
                taking_part = find_any(sentence, lexicon("attendance_markers") + lexicon("companion_markers")) >= 0
                return _find_act(sentence, "visit_verbs") >= 0 or (visit_told and taking_part)
            visit_told = visit_told or _find_act(sentence, "visit_verbs") >= 0
        return False

    # --- sites ----------------------------------------------------------------------------------------

    def _sites(self, start: int, end: int, projects: list[Mention],
               organizations: list[Mention]) -> tuple[dict[str, float], str | None]:
        """Projects the sentence places the visitors at, and the ceremony attended if any; ``organizations``:
        items of the lists the projects may be in."""
        sites: dict[str, float] = {}
        ceremony = None
        speech = find_any(self.text[start:end], lexicon("speech_verbs"))
        speech_at = start + speech if speech >= 0 else end
        previous = None  # how the previous clause's sites were found: 询问A情况，B情况 lists on after a comma
        listed = self._listed_on(start, end, [*projects, *organizations])
        object_follows = False  # 参观两大产业：A和B — what follows a visit verb's colon is its object
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            inherited, previous = previous, None
            if self._negative(clause):
                object_follows = False
                continue
            in_clause = [p for p in projects if c_start <= p.start < c_end and p.start < speech_at]
            verb = _find_act(clause, "visit_verbs")
            if verb < 0 and object_follows:
                verb = 0
            object_follows = verb >= 0 and self.text[c_end : c_end + 1] in ("：", ":")
            if verb < 0 and self._official_goes_to(c_start, c_end):
                verb = 0  # 胡某书记到某镇某产业园: 到 right after the official is going there
            rite = find_any(clause, lexicon("ceremony_words"))
            weak = self.is_tour and find_any(clause, lexicon("weak_visit_verbs")) >= 0
            if in_clause and verb < 0 and clause.lstrip(_QUOTE_ENDS).startswith(lexicon("location_frames")):
                # 在A、B、C，X详细了解…: the place frame names where the verb of the sentence happens
                rest = self.text[c_end:speech_at]
                verb = _find_act(rest, "visit_verbs")
                weak = weak or (self.is_tour and find_any(rest, lexicon("weak_visit_verbs")) >= 0)
                weak = weak or (self.is_tour and self._speaks_there(in_clause[-1], c_end, speech_at, end))
            at_site = bool(in_clause) and self._site_word_after(in_clause[-1], end)
            for project in in_clause:
                after = self.text[project.end : min(project.end + SITE_WORD_REACH, end)]
                if find_any(after[:4], lexicon("not_site_after")) == 0:
                    continue
                announced = self._announced(project, c_start, c_end)
                if rite >= 0 or announced:
                    found = "ceremony"
                    ceremony = ceremony or announced or self._ceremony_name(project, c_end)
                elif verb >= 0 or at_site:
                    found = "explicit"
                elif weak:
                    found = "weak"
                elif inherited and self._continues_objects(project, c_start, c_end):
                    found = inherited
                elif c_start in listed:
                    found = "explicit"
                else:
                    continue
                previous = found
                sites[project.name] = max(sites.get(project.name, 0.0), CONFIDENCE[found])
        return sites, ceremony

    def _premises(self, start: int, end: int, projects: list[Mention], organizations: list[Mention]) -> dict[str, float]:
        """Organizations the sentence puts the visitors at: the object of a visit verb (走进A公司、B公司), the
        goal of 到/赴/在 before a visit verb (到X公司调研), or a place frame (在X公司，A了解…; 在X公司车间). A
        company named as the owner of a project (察看X公司Y项目) is not visited: its project is inspected."""
        premises: dict[str, float] = {}
        speech = find_any(self.text[start:end], lexicon("speech_verbs"))
        speech_at = start + speech if speech >= 0 else end
        listed = self._listed_on(start, end, [*projects, *organizations])
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            if self._negative(clause):
                continue
            in_clause = [o for o in organizations if c_start <= o.start < min(c_end, speech_at)]
            for org in in_clause:
                goes = c_start in listed or self._goes_into(org, in_clause[-1].end, c_start, c_end)
                if goes and not _named_as_owner(org, projects, self.text):
                    premises[org.name] = CONFIDENCE["explicit"]
        return premises

    def _goes_into(self, org: Mention, list_end: int, clause_start: int, clause_end: int) -> bool:
        """``list_end``: where the clause's last organization ends (在A、B、C等地: the frame ends after C;
        A、B等企业调研: a verb after the list)."""
        before, after = self.text[clause_start : org.start], self.text[org.end : clause_end]
        if _find_act(before, "visit_verbs") >= 0 and find_any(before, lexicon("object_markers")) < 0:
            return True
        rest = self.text[list_end:clause_end].strip()
        listing = rest.startswith("等")  # A、B等处考察: the list is the object of the verb after it
        if find_any(before, lexicon("destination_verbs") + lexicon("location_frames")) < 0 and not listing:
            return False
        people = _words_of(_PEOPLE_OF_ORGANIZATIONS)  # 在X公司董事长陪同下, X局领导参加调研, 带领X局负责人
        if find_any(before, lexicon("leading_markers")) >= 0:
            return False
        verb = _find_act(after, "visit_verbs", "weak_visit_verbs")
        if verb >= 0:  # 到X公司调研, 在X公司了解 — unless people of it come first
            return find_any(after[:verb], people) < 0
        ends = not rest or rest.startswith(lexicon("site_words") + lexicon("frame_ends"))
        return ends and find_any(rest, people) < 0

    def _listed_on(self, start: int, end: int, entities: list[Mention]) -> set[int]:
        """Starts of the clauses that go on listing the places of a visit verb of an earlier clause (先后深入甲县的
        A、B，乙县的C、D，E及丙区的F): nothing but entities, each clause after a place and 的 or a conjunction at
        most, and 等 or a site word after the last. A clause of another shape (an item read wrong) is not listed
        but keeps the list going; a clause with a verb of its own ends it. A clause of one item whose first
        characters were not read (…、A，甲乙B项目，C、D实地观摩: an owner's short name) is listed when the
        next clause opens with an item: the list runs through it."""
        listed: set[int] = set()
        going = False
        unread: int | None = None  # the start of the clause before, one item with a few unread characters
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            named = sorted((e for e in entities if c_start <= e.start and e.end <= c_end), key=lambda e: e.start)
            if unread is not None and named and not clause[: named[0].start - c_start].strip():
                listed.add(unread)
            unread = None
            if _find_act(clause, "visit_verbs") >= 0 and not self._negative(clause):
                going = bool(named)
            elif find_any(clause, lexicon("weak_visit_verbs") + lexicon("speech_verbs")) >= 0:
                going = False
            elif named and going and self._only_listing(clause, named[0].start - c_start, named[-1].end - c_start):
                listed.add(c_start)
            elif going and len(named) == 1 and 0 < named[0].start - c_start <= SHORT_NAME and named[0].end == c_end:
                unread = c_start
        return listed

    @staticmethod
    def _only_listing(clause: str, first: int, last: int) -> bool:
        """Items only: after the last one 等, a site word or its state (B进展情况); before the first one a
        place and 的, a conjunction, or items told by their state (A片区建设情况和 B项目进展情况)."""
        tail, opening = clause[last:].strip(), clause[:first].strip()
        ends = (not tail or (tail.startswith("等") and len(tail) <= 8) or tail.startswith(lexicon("site_words"))
                or _states().fullmatch(tail.rstrip("。！？!?")) is not None)
        return ends and (_LIST_OPENING.match(opening) is not None or _items_by_state().fullmatch(opening) is not None)

    def _official_goes_to(self, clause_start: int, clause_end: int) -> bool:
        """An official of the clause, with at most a bare title or 一行/等 after the name, goes on to 到/赴
        (某书记到某镇…, 某某一行赴…): the clause's projects are where they went. Not 要求到…, not 到2025年."""
        for official in within(self.officials, clause_start, clause_end):
            if _going_on_to().match(self.text, official.end, clause_end):
                return True
        return False

    def _continues_objects(self, project: Mention, clause_start: int, clause_end: int) -> bool:
        """The clause opens with the project and is about its state (…进展情况，B边坡开挖情况): one more
        object of the verb before the comma, not a new statement (B将于年底建成)."""
        rest = self.text[project.end : clause_end]
        return not self.text[clause_start : project.start].strip() and find_any(rest, lexicon("topic_words")) >= 0

    @staticmethod
    def _works_at(premises: dict[str, float], limit: int, projects: list[Mention],
                  organizations: list[Mention]) -> list[Mention]:
        """来到X公司，厂区内机器轰鸣，Y项目正在进行: the projects the sentence names after the premises it puts the
        visitors at, before ``limit`` (what is said)."""
        entered = [o.end for o in organizations if o.name in premises]
        return [p for p in projects if entered and min(entered) <= p.start < limit]

    def _speaks_there(self, last: Mention, frame_end: int, speech_at: int, end: int) -> bool:
        """在A，某某强调…: the place frame ends with the project, and right after it an official speaks: in a
        tour, they speak at A (not 在A推进会上，…: a meeting about A)."""
        subject = self.text[frame_end + 1 : speech_at]
        return (speech_at < end and not self.text[last.end : frame_end].strip("，, ")
                and bool(within(self.officials, frame_end, speech_at)) and not any(mark in subject for mark in "，,。；;"))

    def _at_a_site(self, limit: int, projects: list[Mention]) -> bool:
        """在X项目施工现场，一派繁忙: the tour's stop told by where it is, without a verb."""
        frames = lexicon("location_frames")
        return any(self.text.endswith(frames, 0, p.start) and self._site_word_after(p, limit) for p in projects)

    def _site_word_after(self, project: Mention, limit: int) -> bool:
        """X项目现场: a site word right after the last project of an enumeration (A、B项目现场)."""
        after = self.text[project.end : min(project.end + SITE_WORD_REACH, limit)]
        return find_any(after, lexicon("site_words")) >= 0

    def _ceremony_name(self, project: Mention, clause_end: int) -> str | None:
        """X项目开工仪式: the project's text up to the end of the ceremony word."""
        tail = self.text[project.start : clause_end]
        for word in lexicon("ceremony_words"):
            if word.endswith("仪式") and word in tail:
                return tail[: tail.index(word) + len(word)]
        return None

    def _announced(self, project: Mention, clause_start: int, clause_end: int) -> str | None:
        """宣布X项目开工 (宣布A、B等项目开工建设): the official gives the start at the project's ceremony. Returns
        the ceremony, the project's text up to the start word."""
        if find_any(self.text[clause_start : project.start], lexicon("announcing_verbs")) < 0:
            return None
        after = self.text[project.end : clause_end]
        at = find_any(after, lexicon("announced_starts"))
        if at < 0:
            return None
        word = next(w for w in lexicon("announced_starts") if after.startswith(w, at))
        return self.text[project.start : project.end + at + len(word)]

    def _negative(self, text: str) -> bool:
        return find_any(text, lexicon("not_visit")) >= 0

    def _clause_of(self, start: int, end: int, offset: int) -> tuple[int, int]:
        return enclosing(clauses(self.text, start, end), offset)
