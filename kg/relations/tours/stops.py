"""Where a tour's visitors were: the project sites of a sentence (a project in a clause with a visit verb, before
a site word, in a list the verb of an earlier clause goes on through, at a ceremony) and the organizations' premises
(走进X公司, 在X厂车间), not one named only as the owner of a project. Signing, talks and plans are no visit; what
is said (他强调…) is no visit either.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import occurrences
from kg.relations.discourse import Mention, Mentions, clauses, within
from kg.relations.words import find_any, group_words, lexicon, words_of
from kg.relations.tours.report import Report
from kg.relations.tours.visit import CONFIDENCE
from kg.relations.tours.wording import ITEM_END, SHORT_NAME, denies_a_visit, find_act

SITE_WORD_REACH = 8  # characters after a project name within which 现场/工地 still refers to it
PROJECT_HEAD = "项目"  # the head word a project's name may go without elsewhere in the article
BARE_NAME = 6  # the fewest characters of a project's name without its head that still name it alone
_LIST_OPENING = re.compile(r"^(?:以及|及|和|与)?(?:[\u4e00-\u9fff]{2,12}的)?$")  # 以及乙县的 + the next items
_ATTENDED_OBJECT_END = re.compile(r"[，,。；;！？、]|并")  # X出席(活动)并讲话
_WHILE = ("中", "时")  # X在致辞中指出, X致辞时说: what follows is said during the attendance, no other event
_PEOPLE_OF_ORGANIZATIONS = ("person_roles", "member_words", "companion_markers", "taking_part_markers", "leading_markers")
_QUOTE_ENDS = " \u3000”’\"'」』"  # what may close a quotation before the clause after it (“…？”在A、B，…)
_ITEM_MODIFIER = re.compile(r"[^，,。；;！？!?、：:]{1,16}的")  # what may tell an item of a list: 投资3亿元的, 位于甲镇的
_LIST_END = re.compile(r"(?:等[\u4e00-\u9fff]{0,4})?")  # what may close a list: 等, 等项目, 等重点工程
UNREAD_ITEM = 16  # the most characters of an item of a list not read as a project (one unread name)


@lru_cache(maxsize=None)
def _few_then(name: str, most: int) -> re.Pattern:
    """At most ``most`` characters then a word of the lexicon ``name``: a manner word before a venue word
    (隆重举行), the state of an item of a list (进展情况)."""
    words = "|".join(map(re.escape, lexicon(name)))
    return re.compile(rf"\s*[\u4e00-\u9fff]{{0,{most}}}?(?:{words})")


@lru_cache(maxsize=1)
def _going_on_to() -> re.Pattern:
    """After an official's name: a bare title, 一行 or 等 at most, then 到/赴 not followed by a number (到2025年)."""
    between = "|".join(map(re.escape, lexicon("titles_honorific_posts") + group_words() + ("同志", "等人", "等")))
    then = "|".join(map(re.escape, lexicon("pronouns")))
    return re.compile(rf"(?:{between})?(?:{then})?(?:到|赴)(?![\d０-９])")


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
    heads = "|".join(map(re.escape, words_of(("event_heads", "ceremony_words"))))
    return re.compile(rf"^[^，,。]{{0,6}}?(?:{heads})(?:上|中)[，,]")


def _named_as_owner(org: Mention, projects: list[Mention], text: str) -> bool:
    """X公司Y项目 / X公司下属的Y厂: the organization is named as the owner of something after it, or inside a
    project's own name. An organization visited ends its item: a list separator, 等, a site word (X公司车间)
    or a verb follows it."""
    if any(p.start <= org.start and org.end <= p.end and p.end - p.start > org.end - org.start for p in projects):
        return True
    after = text[org.end : org.end + 8]
    return not (
        not after.strip()
        or after[0] in ITEM_END
        or after.startswith(words_of(("premises_followers", "site_words", "frame_ends")))
        or find_act(after, "visit_verbs", "weak_visit_verbs") == 0
    )


def with_projects_named_as_organizations(projects: Mentions, organizations: Mentions) -> Mentions:
    """A name the article calls a project somewhere (甲乡中心小学在建项目) is that project where it stands as an
    organization too (来到乙农场、甲乡中心小学等地)."""
    names = {p.name for p in projects}
    taken = {(p.start, p.end) for p in projects}
    more = [o for o in organizations if o.name in names and (o.start, o.end) not in taken]
    return Mentions(sorted([*projects, *more], key=lambda m: (m.start, m.start - m.end))) if more else projects


def with_projects_named_without_their_head(text: str, projects: Mentions, taken: list[Mention]) -> Mentions:
    """A project the article names once in full (甲乙酒业产业园项目建设业主) is that project where it names it
    without the head word too (仪式在甲乙酒业产业园举行), outside other entities' mentions."""
    more = []
    for name in {p.name for p in projects}:
        bare = name.removesuffix(PROJECT_HEAD)
        if bare == name or len(bare) < BARE_NAME:
            continue
        for a in occurrences(bare, text):
            b = a + len(bare)
            if not text.startswith(PROJECT_HEAD, b) and not any(m.start < b and a < m.end for m in [*taken, *more]):
                more.append(Mention(name, a, b, bare))
    return Mentions(sorted([*projects, *more], key=lambda m: (m.start, m.start - m.end))) if more else projects


def attends_the_report_event(sentence: str) -> bool:
    """X出席 / X出席仪式 / X主持开工仪式 / X在致辞中指出: the sentence's officials take part in the report's event,
    naming no other event."""
    for marker in lexicon("ceremony_attendance"):
        at = sentence.find(marker)
        if at >= 0:
            rest = _ATTENDED_OBJECT_END.split(sentence[at + len(marker) :].lstrip("了"), maxsplit=1)[0]
            if not rest or rest in words_of(("event_heads", "ceremony_words")) or _said_during(rest):
                return True
    return False


def _said_during(rest: str) -> bool:
    """中指出 / 时说 after 致辞: a speech verb said during the attendance (not 出席中国…博览会)."""
    return rest.startswith(_WHILE) and rest[1:].startswith(lexicon("speech_verbs"))


class Stops:
    """The sites and premises of a report's sentences; the projects whose site hosts the report's event."""

    def __init__(self, report: Report, projects: list[Mention]):
        self.report = report
        self.text, self.officials, self.sentences = report.text, report.officials, report.sentences
        self.venues = self._venues(projects)

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
        clause_end = self.report.clause_of(project.start, limit, project.start)[1]
        after = self.text[project.end : clause_end]
        joined = after.startswith("暨") and find_any(after, lexicon("announced_starts")) >= 0
        return joined or after.startswith(lexicon("ceremony_words"))

    def _hosts(self, project: Mention, limit: int) -> bool:
        """在X项目现场举行 / 活动在X产业园隆重举行: the event takes place at the project's site."""
        held = _few_then("venue_words", 2).match(self.text, project.end, limit)
        return self._site_word_after(project, limit) or held is not None

    def venues_meant(self, sentence: str, start: int, strong: bool, described: list[Mention]) -> list[Mention]:
        """The venues the sentence puts its officials at, once the venue was named: 一行来到活动现场, 启动仪式上，
        X通报…, or X出席 / X出席仪式 / X主持开工仪式 / X在致辞中指出 with no other event named."""
        if (strong and find_any(sentence, lexicon("venue_anaphors")) >= 0) or _at_the_event().match(sentence):
            return [v for v in self.venues if v.end <= start]
        if attends_the_report_event(sentence):
            return [v for v in self.venues if v in described or v.end <= start]
        return []

    # --- sites ----------------------------------------------------------------------------------------

    def sites(self, start: int, end: int, projects: list[Mention],
              listed: set[int]) -> tuple[dict[str, float], str | None]:
        """Projects the sentence places the visitors at, and the ceremony attended if any; ``listed``: the
        sentence's :meth:`listing`."""
        sites: dict[str, float] = {}
        ceremony = None
        if not projects:  # the sites are among the sentence's projects
            return sites, ceremony
        speech = find_any(self.text[start:end], lexicon("speech_verbs"))
        speech_at = start + speech if speech >= 0 else end
        previous = None  # how the previous clause's sites were found: 询问A情况，B情况 lists on after a comma
        object_follows = False  # 参观两大产业：A和B — what follows a visit verb's colon is its object
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            inherited, previous = previous, None
            if denies_a_visit(clause):
                object_follows = False
                continue
            in_clause = [p for p in projects if c_start <= p.start < c_end and p.start < speech_at]
            verb = find_act(clause, "visit_verbs")
            if verb < 0 and object_follows:
                verb = 0
            object_follows = verb >= 0 and self.text[c_end : c_end + 1] in ("：", ":")
            if not in_clause:  # what is below tells how the clause's projects were found
                continue
            if verb < 0 and self._official_goes_to(c_start, c_end):
                verb = 0  # 胡某书记到某镇某产业园: 到 right after the official is going there
            rite = find_any(clause, lexicon("ceremony_words"))
            weak = self.report.is_tour and find_any(clause, lexicon("weak_visit_verbs")) >= 0
            if verb < 0 and clause.lstrip(_QUOTE_ENDS).startswith(lexicon("location_frames")):
                # 在A、B、C，X详细了解…: the place frame names where the verb of the sentence happens
                rest = self.text[c_end:speech_at]
                verb = find_act(rest, "visit_verbs")
                weak = weak or (self.report.is_tour and find_any(rest, lexicon("weak_visit_verbs")) >= 0)
                weak = weak or (self.report.is_tour and self._speaks_there(in_clause[-1], c_end, speech_at, end))
            at_site = self._site_word_after(in_clause[-1], end)
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

    def premises(self, start: int, end: int, projects: list[Mention], organizations: list[Mention],
                 listed: set[int]) -> dict[str, float]:
        """Organizations the sentence puts the visitors at: the object of a visit verb (走进A公司、B公司), the
        goal of 到/赴/在 before a visit verb (到X公司调研), or a place frame (在X公司，A了解…; 在X公司车间). A
        company named as the owner of a project (察看X公司Y项目) is not visited: its project is inspected.
        ``listed``: the sentence's :meth:`listing`."""
        premises: dict[str, float] = {}
        if not organizations:  # the premises are among the sentence's organizations
            return premises
        speech = find_any(self.text[start:end], lexicon("speech_verbs"))
        speech_at = start + speech if speech >= 0 else end
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            if denies_a_visit(clause):
                continue
            in_clause = [o for o in organizations if c_start <= o.start < min(c_end, speech_at)]
            # the list runs on through the projects named with the organizations (在A学校、B基地等地)
            list_end = max((e.end for e in [*in_clause, *projects] if c_start <= e.start < min(c_end, speech_at)), default=0)
            for org in in_clause:
                goes = c_start in listed or self._goes_into(org, list_end, c_start, c_end)
                if goes and not _named_as_owner(org, projects, self.text):
                    premises[org.name] = CONFIDENCE["explicit"]
        return premises

    def _goes_into(self, org: Mention, list_end: int, clause_start: int, clause_end: int) -> bool:
        """``list_end``: where the clause's last organization or project ends (在A、B、C等地: the frame ends
        after C; A、B等企业调研: a verb after the list)."""
        before, after = self.text[clause_start : org.start], self.text[org.end : clause_end]
        if find_act(before, "visit_verbs") >= 0 and find_any(before, lexicon("object_markers")) < 0:
            return True
        rest = self.text[list_end:clause_end].strip()
        listing = rest.startswith("等")  # A、B等处考察: the list is the object of the verb after it
        if find_any(before, words_of(("destination_verbs", "location_frames"))) < 0 and not listing:
            return False
        people = words_of(_PEOPLE_OF_ORGANIZATIONS)  # 在X公司董事长陪同下, X局领导参加调研, 带领X局负责人
        if find_any(before, lexicon("leading_markers")) >= 0:
            return False
        verb = find_act(after, "visit_verbs", "weak_visit_verbs")
        if verb >= 0:  # 到X公司调研, 在X公司了解 — unless people of it come first
            return find_any(after[:verb], people) < 0
        ends = not rest or rest.startswith(words_of(("site_words", "frame_ends")))
        return ends and find_any(rest, people) < 0

    def listing(self, start: int, end: int, entities: list[Mention]) -> set[int]:
        """Starts of the clauses that go on listing the places of a visit verb of an earlier clause (先后深入甲县的
        A、B，乙县的C、D，E及丙区的F): nothing but entities, each clause after a place and 的 or a conjunction at
        most, and 等 or a site word after the last. A clause of another shape (an item read wrong) is not listed
        but keeps the list going; a clause with a verb of its own ends it. A clause of one item whose first
        characters were not read (…、A，甲乙B项目，C、D实地观摩: an owner's short name) is listed when the
        next clause opens with an item: the list runs through it."""
        listed: set[int] = set()
        going = False
        unread: int | None = None  # the start of the clause before, one item with a few unread characters
        ordered = Mentions(sorted(entities, key=lambda e: e.start))  # sorted once, not for each clause
        for c_start, c_end in clauses(self.text, start, end):
            clause = self.text[c_start:c_end]
            named = within(ordered, c_start, c_end)
            if unread is not None and named and not clause[: named[0].start - c_start].strip():
                listed.add(unread)
            unread = None
            if find_act(clause, "visit_verbs") >= 0 and not denies_a_visit(clause):
                going = bool(named)
            elif find_any(clause, words_of(("weak_visit_verbs", "speech_verbs"))) >= 0:
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

    def list_of_stops(self, start: int, end: int, projects: list[Mention]) -> list[Mention]:
        """同样，投资3亿元的A、B、C: the projects of a sentence that is nothing but a list of them, an opening
        word such as 同样 at most, each item perhaps told by its investment or place (…的), 等 after the last.
        News lists the further stops of a long tour so, after telling one stop, without repeating the verb.
        An item not read as a project (a short name with no verb) keeps the list going; more items must be
        read than not, and a comma inside the list (A、B，均已完工) makes it a statement, not a list."""
        body = self.text[start:end].rstrip("。！？!?；; \n")
        opener = next((w for w in lexicon("continuing_openers") if body.startswith(w)), "")
        at = start + len(opener)
        if opener:
            if self.text[at : at + 1] not in ("，", ","):
                return []
            at += 1
        if re.search(r"[，,；;：:]", self.text[at : start + len(body)]):
            return []
        items: list[Mention] = []
        unread = 0
        for match in re.finditer(r"[^、]+", self.text[at : start + len(body)]):
            a, b = at + match.start(), at + match.end()
            inside = [p for p in projects if a <= p.start and p.end <= b]
            if len(inside) == 1 and self._is_item(inside[0], a, b):
                items.append(inside[0])
            elif not inside and b - a <= UNREAD_ITEM and find_act(self.text[a:b], "visit_verbs", "weak_visit_verbs") < 0:
                unread += 1
            else:
                return []
        return items if len(items) >= 2 and len(items) > unread else []

    def opening_topic(self, start: int, end: int, projects: list[Mention]) -> list[Mention]:
        """去年建成的X水厂，日供水已达2万吨: the project a sentence naming no official opens with (told perhaps by a
        modifier, …的), what the sentence is about."""
        if not projects or self.report.officials_within(start, end) or denies_a_visit(self.text[start:end]):
            return []
        first = projects[0]
        before = self.text[start : first.start].strip()
        return [first] if not before or _ITEM_MODIFIER.fullmatch(before) else []

    def _is_item(self, project: Mention, item_start: int, item_end: int) -> bool:
        """The project is the whole item text[item_start:item_end] but for a modifier before it (投资3亿元的)
        and 等 after it."""
        before = self.text[item_start : project.start]
        return ((not before or _ITEM_MODIFIER.fullmatch(before) is not None)
                and _LIST_END.fullmatch(self.text[project.end : item_end]) is not None)

    def _official_goes_to(self, clause_start: int, clause_end: int) -> bool:
        """An official of the clause, with at most a bare title or 一行/等 after the name, goes on to 到/赴
        (某书记到某镇…, 某某一行赴…): the clause's projects are where they went. Not 要求到…, not 到2025年."""
        for official in self.report.officials_within(clause_start, clause_end):
            if _going_on_to().match(self.text, official.end, clause_end):
                return True
        return False

    def _continues_objects(self, project: Mention, clause_start: int, clause_end: int) -> bool:
        """The clause opens with the project and is about its state (…进展情况，B边坡开挖情况): one more
        object of the verb before the comma, not a new statement (B将于年底建成)."""
        rest = self.text[project.end : clause_end]
        return not self.text[clause_start : project.start].strip() and find_any(rest, lexicon("topic_words")) >= 0

    @staticmethod
    def works_at(premises: dict[str, float], limit: int, projects: list[Mention],
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
                and bool(self.report.officials_within(frame_end, speech_at)) and not any(mark in subject for mark in "，,。；;"))

    def at_a_site(self, limit: int, projects: list[Mention]) -> bool:
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
