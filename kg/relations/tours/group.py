"""Who makes a tour's visits: the officials leading each sentence, those counted into the visiting group
(一行, 考察团, 区领导 as a body, A等; those said to 陪同 or 参加 the tour), and the escorts who only accompany the
leaders (在X陪同下). Read once per report: the group is told across the whole report, often before its first stop.
"""

from __future__ import annotations

import re
from functools import lru_cache, wraps

from kg.lexicon import alternation
from kg.relations.discourse import Mention, clauses, enclosing, title_depth, title_places, within
from kg.relations.words import TEAM_UNITS, find_any, group_words, lexicon, lexicon_pairs, words_of
from kg.relations.tours.report import Report
from kg.relations.tours.wording import before_speech, denies_a_visit, find_act, mentions_name


@lru_cache(maxsize=1)
def _title_subject() -> re.Pattern:
    """A clause opening with a title (市委书记, 区长) and going straight on to a group word or a visit verb."""
    posts = "|".join(map(re.escape, lexicon("titles_honorific_posts")))
    acts = "|".join(map(re.escape, group_words() + words_of(("visit_verbs", "pronouns"))))
    return re.compile(rf"(?:^|[，,；;])\s*([\u4e00-\u9fff]{{0,4}}?(?:{posts}))(?:等|还|又|首先|随即)?(?:{acts})")


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


_PART_END = re.compile("[；; \u3000]")


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the sentence text[start:end] between semicolons, or spaces (a headline's columns)."""
    cuts = [start, *(cut.end() for cut in _PART_END.finditer(text, start, end)), end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]


_PLURAL = re.compile(r"([\u4e00-\u9fff]{2,4})们")  # 委员们, 参事们: a title made plural


@lru_cache(maxsize=1)
def _leads_group() -> re.Pattern:
    """率 + a group named within a few characters (率党政考察团, 率调研组): 率 alone is too common (率先, 效率)."""
    groups = "|".join(map(re.escape, group_words()))
    return re.compile(rf"率(?=[^，,。；;]{{0,6}}?(?:{groups}))")


def _brings_a_team(report: str, leading: tuple[str, ...], places: set[str], teams: tuple[str, ...]) -> bool:
    """The report holds a leading word, a place, 党政 perhaps and a team word, one right after the other
    (率领甲县党政考察团). Read at each place where it stands: searching the report for each wording was the
    most costly step of a report's group."""
    for place in places:
        at = report.find(place)
        while at >= 0:
            after = at + len(place)
            team_at = after + 2 if report.startswith("党政", after) else after
            if report.endswith(leading, 0, at) and (report.startswith(teams, after) or report.startswith(teams, team_at)):
                return True
            at = report.find(place, at + 1)
    return False


def _holds(title: str, bare: str) -> bool:
    """An official titled ``title`` is the one meant by ``bare`` (县委书记 by 书记, not 县委副书记)."""
    return title.endswith(bare) and not title[: -len(bare)].endswith("副")


def _remembered(method):
    """A reading of the whole report remembered by its arguments (hashable: tuples, not lists): each sentence
    asks for it again, and it does not change."""

    @wraps(method)
    def reading(self, *args):
        key = (method.__name__, *args)
        if key not in self.remembered:
            self.remembered[key] = method(self, *args)
        return self.remembered[key]

    return reading


class VisitingGroup:
    """The report's officials by the part they take in its tour: leaders, members of the group, escorts."""

    def __init__(self, report: Report, projects: list[Mention], organizations: list[Mention]):
        self.remembered: dict[tuple, object] = {}
        self.report = report
        self.text, self.officials, self.sentences, self.paragraphs = (
            report.text, report.officials, report.sentences, report.paragraphs)
        # the sentences naming officials: the only ones that can tell who marks, leads or joins the group
        self.naming = [(a, b) for a, b in self.sentences if self.report.officials_within(a, b)]
        self.opening = self._opening_leaders(projects)
        self.companions = self.marked(lexicon("companion_markers"))
        self.attendees = self.marked(words_of(("companion_markers", "attendance_markers")))
        joining = self.attendees if report.is_tour else [*self.companions, *self._taking_part_in_the_visit()]
        self.in_a_part = self._in_a_part_only()
        self.titles = {o.name: o.attrs.get("titles") or [] for o in self.officials}
        # read once per official: each visit weighs each attendee against its leaders
        self.depths = {name: title_depth(titles) for name, titles in self.titles.items()}
        self.places = {name: title_places(titles) for name, titles in self.titles.items()}
        hosts = self.companions if self._leads_a_team_of_their_place(report.text[report.start : report.end]) else []
        elsewhere = self._at_another_event()
        self.members = [name for name in joining if name not in self.in_a_part and name not in hosts and name not in elsewhere]
        self.heads = self._heads()
        # where the group is said to go (某某一行来到A项目): None when its sentences name no site
        self.group_stops = self._group_stops(projects, organizations) if report.is_tour else set()
        self.jurisdictions = {o.name: {p["jurisdiction"] for p in o.attrs.get("posts") or [] if p.get("jurisdiction")}
                              for o in self.officials}
        self.together = self._going_together()

    def is_subject(self, start: int, end: int) -> bool:
        """The group (一行, A等, B一同调研, 委员们) or the leaders as a body (区领导) are the subject of the sentence."""
        return self._group_subject(start, end) or self._body_subject(start, end) or self.plural_title(start, end) is not None

    def plural_title(self, start: int, end: int) -> str | None:
        """委员们来到…: the title a plural subject of the sentence names (委员), when officials of the report hold it
        (政协委员, 委员会副主任委员): the group is those officials, not their escorts."""
        if self.text.find("们", start, end) < 0:  # one look first: most sentences make no title plural
            return None
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            for match in _PLURAL.finditer(clause):
                if find_any(clause[: match.start()], lexicon("object_markers")) >= 0:
                    continue
                word = next((match.group(1)[i:] for i in range(len(match.group(1)) - 1)
                             if any(match.group(1)[i:] in t for ts in self.titles.values() for t in ts)), None)
                if word:
                    return word
        return None

    def holding(self, names: list[str], title: str | None) -> list[str]:
        """Those of ``names`` holding ``title`` (all of them when it is None)."""
        return names if title is None else [n for n in names if any(title in t for t in self.titles.get(n, []))]

    def party_head(self) -> list[str]:
        """The first-named member of a visiting party no one is said to lead (主任A，专家B、C参加调研。县委书记D陪同):
        the one its hosts accompany. The party is named before its escorts (陪同); a member named after them
        (甲一行在D陪同下…。E参加活动) is a host."""
        first = {}
        for official in self.officials:
            first.setdefault(official.name, official.start)
        escorts = min((first[name] for name in self.companions if name in first), default=len(self.text))
        return next(([name] for name in self.members if name not in self.companions and first.get(name, escorts) < escorts), [])

    @_remembered  # the opening leaders are read from the first sentences before each sentence is read
    def visitors(self, start: int, end: int) -> tuple[list[str], list[str]]:
        """Officials leading the sentence, and those escorting them on this visit (在X陪同下): they accompany.

        An official followed by 陪同/参加 before any visit verb is a companion (A深入…调研，B、C陪同调研),
        unless a 在… phrase comes in between (A在B陪同下来到…: A leads, B escorts).
        """
        leaders: list[str] = []
        escorts: list[str] = []
        named = self.report.officials_within(start, end)
        if not named:
            return leaders, escorts
        speech = find_any(self.text[start:end], lexicon("speech_verbs"))
        limit = start + speech if speech >= 0 else end
        role_words = words_of(("companion_markers", "taking_part_markers"))
        for official in within(named, start, limit):
            clause = self.report.clause_of(start, end, official.start)
            if find_any(self.text[clause[0] : official.start], lexicon("object_markers")) >= 0:
                continue
            if self._reports_to_the_visitors(start, clause, official):
                continue
            rest = self.text[official.end : end]
            role, act = find_any(rest, role_words), find_act(rest, "visit_verbs", "ceremony_words", "attendance_markers")
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
        report, act = find_any(after, lexicon("report_verbs")), find_act(after, "visit_verbs")
        heard = find_any(after[: max(report, 0)], lexicon("object_markers")) >= 0
        return 0 <= report and not heard and not 0 <= act < report \
            and find_act(self.text[start : clause[0]], "visit_verbs") >= 0

    def _escorts_here(self, start: int, companion: Mention) -> bool:
        """A来到X项目现场，B陪同: B escorts A on the visit this sentence tells. In the report's first sentence
        with officials (A到某县调研，B陪同) B accompanies the whole tour instead: B is in the group (一行), no more."""
        opens = not any(o.start < start for o in self.officials)
        return not opens and find_act(self.text[start : companion.start], "visit_verbs") >= 0

    def titled_leaders(self, sentence: str, current: list[str]) -> list[str]:
        """区长一行来到… / 书记先后来到…: a clause opening with a bare title and going on to visit stands for the
        official of the report holding that title (the current leader when several hold it)."""
        match = _title_subject().search(sentence)
        if not match:
            return []
        holders = self._holders(match.group(1))
        current = [name for name in current if name in holders]
        return current or (list(holders) if len(holders) == 1 else [])

    @_remembered  # the same bare title opens sentence after sentence
    def _holders(self, title: str) -> list[str]:
        """The officials of the report holding ``title`` (书记: 县委书记, not 县委副书记)."""
        return [name for name, titles in self.titles.items() if any(_holds(t, title) for t in titles)]

    def _leads_a_team_of_their_place(self, report: str) -> bool:
        """A leader brings a team named after the place their title names (甲省委书记率领甲省代表团, 乙县委书记带领
        乙县党政考察团): those who 陪同 it are the hosts of the place received, not its members; they accompany
        without inspecting. A team no one is said to bring (某市考察团来我旗，旗领导陪同) may go with its hosts."""
        teams = tuple(word for word in group_words() if word.endswith(TEAM_UNITS))
        return _brings_a_team(report, (*lexicon("leading_markers"), "率"), set().union(*self.places.values()), teams)

    @_remembered
    def _group_subject(self, start: int, end: int) -> bool:
        """一行 (调研组…) is the subject somewhere in the sentence, not an object (向观摩团一行介绍)."""
        if find_any(self.text[start:end], group_words()) >= 0:  # one scan first: most sentences name no group
            for c_start, c_end in clauses(self.text, start, end):
                clause = self.text[c_start:c_end]
                for word in group_words():
                    at = clause.find(word)
                    if at >= 0 and find_any(clause[:at], lexicon("object_markers")) < 0:
                        return True
        return any(self._and_others(official, end) or self._together(official, end)
                   for official in self.report.officials_within(start, end))

    def _group_stops(self, projects: list[Mention], organizations: list[Mention]) -> list[str] | None:
        """The sentences with the group as subject that name sites or premises, or None when the group is
        there (一行, 考察团) but its sentences name none (丁某一行…进园区、到工地)."""
        grouped = [(a, b) for a, b in self.sentences if self._group_subject(a, b)]
        naming = [self.text[a:b] for a, b in grouped if within(projects, a, b) or within(organizations, a, b)]
        return None if grouped and not naming else naming

    def went(self, sites: dict[str, float], premises: dict[str, float]) -> bool:
        """A stop told as the tour leader's (某某来到A项目) is the group's too when the tour is told as the group's
        in general terms only, or when a sentence of the group named that stop (一行先后来到A、B。在A，某某…).
        Else the writer tells the group's stops apart (一行来到B。在C，某某察看…): C is the leader's."""
        if not self.report.is_tour:
            return False
        if self.group_stops is None:
            return True
        stops = [*sites, *premises]
        return bool(stops) and all(any(mentions_name(told, stop) for told in self.group_stops) for stop in stops)

    def _body_subject(self, start: int, end: int) -> bool:
        """The leaders named as a body are the subject of the sentence (区领导详细询问…, not 市领导甲、乙参加,
        not 向县领导汇报): the group of this visit."""
        if not _leaders_body().search(self.text, start, end):  # one look first: most sentences name no body
            return False
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
        return find_act(after[:4], "visit_verbs") == 0 or after.startswith(lexicon("pronouns"))

    def _together(self, official: Mention, limit: int) -> bool:
        """B一同调研 / C共同察看: the official makes the visit together with its leader, as one group."""
        after = self.text[official.end : limit]
        return after.startswith(lexicon("together_words")) and find_act(after[:8], "visit_verbs") >= 0

    def _opening_leaders(self, projects: list[Mention]) -> list[str]:
        """Who leads the tour: the leaders of the visit sentences before the first project is named (高志峰，
        那日苏深入某镇调研). They are part of 一行 later on, even when a sentence names one of them only."""
        leaders: list[str] = []
        for a, b in self.sentences if self.report.is_tour else []:
            told = before_speech(self.text[a:b])
            if find_act(told, "visit_verbs") >= 0 and find_any(told, lexicon("separate_words")) < 0:
                leaders.extend(n for n in self.visitors(a, b)[0] if n not in leaders)
            if within(projects, a, b):
                break
        return leaders

    @_remembered
    def accompanying(self, leaders: tuple[str, ...]) -> list[str]:
        """Those said to 陪同 the tour, and in a tour those who 参加 it as officials of the place received (市长
        visits, 县长 参加; 甲市委书记 visits, 乙市委书记 参加). Those said to make it together with the leaders
        (B、C一同调研) are of the visiting party, not its hosts."""
        if not leaders:
            return []
        local = [a for a in self.attendees if a not in self.companions and a not in self.together
                 and self.report.is_tour and self._of_the_place_received(a, leaders)]
        return [c for c in [*self.companions, *local] if c not in leaders]

    def _going_together(self) -> set[str]:
        """Officials of a list closed by 一同/共同 and a visit verb (甲、乙，丙一同观摩): they make the visit with its
        leaders, as one party. The list runs back to the start of the sentence part or to another role word."""
        roles = words_of(("companion_markers", "taking_part_markers", "leading_markers"))
        names: set[str] = set()
        for a, b in self.naming:
            for part_start, part_end in _parts(self.text, a, b):
                part = self.text[part_start:part_end]
                at = find_any(part, lexicon("together_words"))
                if at < 0 or find_act(part[at : at + 8], "visit_verbs") < 0:
                    continue
                names.update(o.name for o in self.report.officials_within(part_start, part_start + at)
                             if find_any(self.text[o.end : part_start + at], roles) < 0)
        return names

    def _of_the_place_received(self, official: str, leaders: tuple[str, ...]) -> bool:
        """The official's post is more local than every leader's, or, when the leaders' titles name their place
        (a paper names the visitors' place, 武汉市委书记, not its own), the official's post is of another place
        (副市长: the paper's city), and the other way round: the leaders' titles name no place (市长: the paper's
        city, known as their jurisdiction) and the official's name another (甲市委书记 参加有关活动). A colleague of
        the leaders' place (株洲市长 visits, 常务副市长 参加) is not."""
        depth = self.depths.get(official)
        tops = [self.depths.get(leader) for leader in leaders]
        if depth is not None and all(top is not None and top < depth for top in tops):
            return True
        written = set().union(*(self.places.get(leader, set()) for leader in leaders))
        theirs = written | set().union(*(self.jurisdictions.get(leader, set()) for leader in leaders))
        named = self.places.get(official, set())
        mine = named | self.jurisdictions.get(official, set())
        if written:
            return not mine & theirs
        return bool(named and theirs) and not mine & theirs

    def _heads(self) -> list[str]:
        """Who leads the group: officials named right before 率队/带队 (A，B率队，C参加), with no other role
        or act of theirs in between (D会见 E率队: D does not lead), not in what is said (鼓励…带领群众)."""
        others = words_of(("companion_markers", "taking_part_markers", "object_markers"))
        heads: list[str] = []
        for a, b in self.naming:
            told = before_speech(self.text[a:b])  # not 鼓励其…带领群众致富: leading in what is said
            marker = find_any(told, lexicon("leading_markers"))
            bare = _leads_group().search(told)
            found = [at for at in (marker, bare.start() if bare else -1) if at >= 0]
            if not found:
                continue
            lead = min(found)
            for official in self.report.officials_within(a, a + lead):
                if find_any(self.text[official.end : a + lead], others) < 0 and official.name not in heads:
                    heads.append(official.name)
        return heads

    @_remembered
    def marked(self, markers: tuple[str, ...], among: tuple[str, ...] | None = None) -> list[str]:
        """Officials named in a sentence part (up to ； or a headline's space) that carries one of ``markers``
        (陪同, 参加…); with ``among``, only where they join those officials (A出席。B参加: B is in A's group, even
        outside a tour)."""
        names: list[str] = []
        for a, b in self.naming:
            sentence = self.text[a:b]
            if find_any(sentence, markers) < 0 or find_any(sentence, lexicon("separate_words")) >= 0:
                continue
            if among is not None and not self._joins(among, a, b):
                continue
            for part_start, part_end in _parts(self.text, a, b):
                if find_any(self.text[part_start:part_end], markers) >= 0:
                    names.extend(o.name for o in self.report.officials_within(part_start, part_end)
                                 if o.name not in names and not self._visits_first(o, part_end, markers))
        return names

    def _visits_first(self, official: Mention, limit: int, markers: tuple[str, ...]) -> bool:
        """A visit verb comes after the official before any of ``markers`` (甲、乙来某镇调研，丙陪同: 乙 visits)."""
        rest = self.text[official.end : limit]
        marker, act = find_any(rest, markers), find_act(rest, "visit_verbs")
        return 0 <= act < marker

    def _taking_part_in_the_visit(self) -> list[str]:
        """Officials said to take part in the visit itself (A参加视察, B参加调研, C参加。), not in a part of it
        (参加相关活动, 参加会见): in a report that is no leader's tour, they are the group (视察组…)."""
        names: list[str] = []
        for a, b in self.naming:
            if _takes_part().search(self.text[a:b]) and find_any(self.text[a:b], lexicon("separate_words")) < 0:
                names.extend(o.name for o in self.report.officials_within(a, b) if o.name not in names)
        return names

    def _at_another_event(self) -> set[str]:
        """Officials of a sentence telling a meeting, talks or a signing, with no visit and no leader of the tour
        in it and no one going along with it (当天下午，市委常委会召开，甲主持会议，乙、丙出席): they were at that
        event, not in the touring group (not 丁参加调研或座谈)."""
        names: set[str] = set()
        for a, b in self.naming:
            sentence, named = self.text[a:b], self.report.officials_within(a, b)
            if (named and denies_a_visit(sentence) and find_act(sentence, "visit_verbs") < 0
                    and find_any(sentence, lexicon("companion_markers")) < 0
                    and not any(o.name in self.opening for o in named)):
                names.update(o.name for o in named)
        return names

    def _in_a_part_only(self) -> set[str]:
        """Officials of a sentence part (up to ； or a headline's space) saying they take part in a part of the
        visit only (乙市市长丙参加会见或陪同, 副省长丁参加相关活动), or that they 会见 the group (the host)."""
        names: set[str] = set()
        for a, b in self.naming:
            for part_start, part_end in _parts(self.text, a, b):
                officials = self.report.officials_within(part_start, part_end)
                if _takes_a_part().search(self.text[part_start:part_end]):
                    names.update(o.name for o in officials)
                names.update(o.name for o in officials if self.text.startswith(lexicon("part_attendance"), o.end))
        return names

    def _joins(self, leaders: tuple[str, ...], start: int, end: int) -> bool:
        """The sentence's officials join ``leaders``: the paragraph names one of them, and not as one more item
        of the sentence's list (省领导甲、乙、丙在主会场或分会场出席: 丙 is a peer, not the one they go with)."""
        if not any(o.name in leaders for o in self.report.officials_within(*enclosing(self.paragraphs, start))):
            return False
        named = self.report.officials_within(start, end)
        return not any(
            o.name in leaders and any(self.text[p.end : o.start] == "、" or self.text[o.end : p.start] == "、" for p in named)
            for o in named
        )
