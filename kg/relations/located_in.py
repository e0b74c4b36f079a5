"""The kg_located_in component: one ``locatedIn`` fact (Project → Place) per project.

Evidence, from the most direct: a place after 位于/落户 or 是…的 (a chain such as 云州区西坪镇中高庄村 gives its last
place), a place in or right before the project's name (新荣区锐华…; a place the article names, a town even
written short), the place of the list the project is an item of (某县A、B和C, 某县A、乙公司、B, 某县的A、B, 走进甲村A、B项目; for
甲村、乙村等村的A, the place holding them all), the place framing the project's own sentence (在某园区，…考察A), the
place the paragraph is about, the last stop of the tour before it (在甲镇…；随后来到乙县，察看B), the tour's
destination (到某县, 来我县产业园, 某区区委书记陪同), the named county of a town whose short form opens the name,
and the document's home place (我市) as a last resort. The strongest evidence of any mention of the project wins,
then the most specific place that lies inside it (山西 in a name, 太原市 as home place → 太原市). Places inside a
company name (上海X科技有限公司) say where the company is from, not where the project is, unless the company is
named after a county, town or village of the home place (我市 … 某县某集团X基地).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.model import LOCATED_IN, PLACE, PROJECT, Fact
from kg.relations.collect import evidence_for
from kg.nlp.gazetteer import gazetteer
from kg.nlp.places.lexicons import GOVERNMENT_WORDS, TOWN_HEADS, town_short_form
from kg.nlp.spans import text_of
from kg.relations.discourse import (
    Mention,
    Mentions,
    ancestor_names,
    enclosing,
    mentions,
    paragraphs,
    place_depth,
    place_inside,
    place_level,
    within,
)
from kg.relations.words import find_any, lexicon, lexicon_pairs, words_of

CONFIDENCE = {
    "name": 0.9, "located": 0.9, "list": 0.8, "frame": 0.75, "paragraph": 0.7, "stop": 0.65, "destination": 0.6,
    "town": 0.5, "home": 0.4, "brand": 0.3,
}
MARKER_REACH = 3  # characters between 位于 and the place (位于我市云州区)
CHAIN_GAP = 1  # characters allowed between places of a chain (云州区西坪镇, 绛县、南官庄村 is not one)
BUILT_REACH = 6  # characters between 在X and the verb that builds there (在某区东侧规划新建)
NAME_REACH = 0  # characters allowed between a place and the project name it prefixes
# Characters beyond a project's paragraph that its evidence may reach (位于 after a line break): more than
# every reach above. Only the places and projects of that window are looked at, so an article's time stays
# linear in its length.
WINDOW_MARGIN = 16
LIST_REACH = 80  # characters from a place to the 等 closing the list of places it is in (甲镇、乙镇…等地)
VILLAGE_HEADS = ("村", "社区")  # the level word a village's short form (甲溪 for 甲溪村) drops
VILLAGE_COMMITTEE = "委会"  # 甲村委会乙村: a natural village under the committee of an administrative one
_OWN_LEVEL = re.compile(r"[我本]?[省市县区州旗盟镇乡]$")  # 到(我)市X: the level word before a zone's name
_JOINERS = ("、", "和", "及", "以及", "与")  # between places or works of one list
_JOINED_PARTS = re.compile("[及和与]")  # between the parts of one work's name (县医院A及某卫生院B)
_COMING_TO_OWN = re.compile(r"(?<![以未原年后起从])来[我本][省市县区州旗盟镇乡]$")  # 以来我县, 年来我市: a time
_SENTENCE_ENDS = ("。", "！", "？", "\n")
_OPENING_QUOTES = "“‘\"'「『《"
_CLAUSE_MARKS = ("，", ",", "；", ";", "：", ":", "。", "\n")
# 甲村、乙村等(5个)村(的): the places named stand for more of their kind, the works after them lie in all of
# these (not 等级公路, 等待: words that begin with 等)
_AND_OTHERS = re.compile(r"等(?![级待候])(?:[0-9一二三四五六七八九十百]+个)?(?:乡镇|街道|社区|[省市县区旗镇乡村地])?的?")


@Language.component("kg_located_in", assigns=["doc._.facts"])
def kg_located_in(doc: Doc) -> Doc:
    projects = mentions(doc, "projects")
    organizations = mentions(doc, "organizations")
    # a place inside a company's name says where it comes from; a place's government (某镇政府) sits in it
    in_organization = _Cover([o for o in organizations if not o.attrs.get("seat")])
    named_places = mentions(doc, "places")
    home = _home(doc, named_places)
    in_project = _Cover(projects)
    places = [p for p in named_places
              if not in_organization.covers(p) or _names_local_company(p, organizations, home, in_project)]
    # 清徐 (清徐县) inside 清徐经济开发区 only names the zone's parent: the longer place says where a project is
    in_longer_place = _Cover(places)
    places = [p for p in places if not in_longer_place.covers(p, other_span=True)]
    text = text_of(doc)
    paras = paragraphs(text)
    # places prefixing a project name say where that project is, not what a paragraph or a tour is about;
    # a zone that is a project's whole name (X小镇) may still be what a paragraph is about
    free = [p for p in places if not in_project.covers(p, ending_before=True)]
    destination = _destination(text, free, places)
    named = _NamedPlaces(places)
    places, free = Mentions(places), Mentions(free)
    # the items of a list of sites visited: works, and companies named on their own between them (甲区A项目、
    # 乙公司、B项目: B lies in 甲区 too)
    sites = Mentions(sorted([*projects, *(o for o in organizations if not in_project.covers(o))],
                            key=lambda m: (m.start, -m.end)))
    near: dict[tuple[int, int], tuple[list[Mention], ...]] = {}
    found_for: dict[str, list[tuple[float, Mention, Mention]]] = {}  # project name → (confidence, place, mention)
    for project in projects:
        para = enclosing(paras, project.start)
        if para not in near:  # what a project's evidence can reach: its paragraph and a few characters around
            window = (para[0] - WINDOW_MARGIN, para[1] + WINDOW_MARGIN)
            near[para] = tuple(within(found, *window) for found in (places, free, projects, sites))
        local_places, local_free, local_projects, local_sites = near[para]

        # a zone that is a project too (X小镇, X产业园) is not where that project is
        def elsewhere(place: Mention | None) -> bool:
            return place is not None and not project.name.endswith(place.name)

        found = _locate(
            text, project, list(filter(elsewhere, local_places)), list(filter(elsewhere, local_free)), para,
            *(p if elsewhere(p) else None for p in (destination, home)), local_projects, local_sites,
            named,
        )
        if found:
            found_for.setdefault(project.name, []).append((*found, project))
    facts = []
    clean = doc._.clean  # read once: each doc._ makes an object
    for name, found in found_for.items():
        # the strongest evidence of any mention, then the most specific place inside it that another mention
        # gives (某县土地整治项目 later in the article does not undo 在某乡某村察看土地整治项目)
        found.sort(key=lambda f: (-f[0], -place_depth(f[1])))
        confidence, place, project = _most_specific(found)
        facts.append(Fact((PROJECT, name), LOCATED_IN, (PLACE, place.name), confidence,
                          evidence_for(doc, project.start, project.end, clean)))
    doc._.facts = [*(doc._.facts or []), *facts]
    return doc


def _locate(text: str, project: Mention, places, free, para, destination, home, projects, sites, named):
    """(confidence, place) from the strongest evidence, refined by more specific weaker evidence."""
    candidates: list[tuple[float, Mention]] = []
    name_place = _name_place(text, project, places, named)
    brand = name_place if name_place is not None and _shortened_province(name_place) else None
    for source, place in (
        ("located", _marked_place(text, project, places) or _built_in_place(text, project, places, projects)),
        ("name", None if brand else name_place or _joined_part_prefix(text[project.start : project.end], named)),
        ("list", _list_place(text, project, places, sites, named) or
         _possessive_place(text, project, places, named)),
        ("frame", _framing_place(text, project, free, places)),
        ("paragraph", _paragraph_place(text, project, places, free, para, own_prefix=name_place is not None)),
        ("stop", _last_stop(text, project, free, places, para)),
        ("destination", destination),
        ("town", None if name_place else _town_county(text[project.start : project.end], named)),
        ("home", home),
        ("brand", brand),
    ):
        if place is not None:
            candidates.append((CONFIDENCE[source], place))
    return _most_specific(candidates)[:2] if candidates else None


def _most_specific(candidates: list[tuple]) -> tuple:
    """The first (strongest) candidate (confidence, place, …), its place replaced by each later place that
    lies deeper inside it: weaker evidence may say more precisely where, never somewhere else."""
    chosen = candidates[0]
    for candidate in candidates[1:]:
        place = candidate[1]
        if place_inside(place, chosen[1]) and place_depth(place) > place_depth(chosen[1]):
            chosen = (chosen[0], *candidate[1:])
    return chosen


def _name_place(text: str, project: Mention, places: list[Mention], named: _NamedPlaces) -> Mention | None:
    """The last place of a chain inside the name or ending right before it, followed down through the later
    places of the name that lie in it (某省某公司某市光热电站: the city). A later division of its level beside
    it (甲市乙县机场) leaves the name to the place enclosing both if the article names it (``named``). A place
    of another level elsewhere is a word misread as a place (某镇老城区), and a zone's ancestors may stop above
    its county: neither is a conflict. 甲村委会乙村 goes on to the village 乙."""
    before = [p for p in places if 0 <= project.start - p.end <= NAME_REACH and p.end <= project.start]
    in_name = before[-1:] + [p for p in places if project.start <= p.start and p.end <= project.end]
    if not in_name:
        name = text[project.start : project.end].lstrip(_OPENING_QUOTES)  # “某某实践馆”项目
        return _named_prefix(name, named) or _bare_zone(name, named)
    current = _committee_village(text, _chain_end(text, in_name[0], places), named)
    for place in in_name[1:]:
        if place.start < current.end:
            continue  # a place of the chain already
        if _encloses(current, place):
            current = _committee_village(text, _chain_end(text, place, places), named)
        elif not _on_one_line(place, current) and place_level(place) == place_level(current) != "zone":
            current = _enclosing_all([current, place], named)
            if current is None:
                return None
    return current


def _committee_village(text: str, village: Mention, named: _NamedPlaces) -> Mention:
    """甲村委会乙村: the village 乙 under the committee of 甲, when the article names it; else 甲."""
    start = village.end + len(VILLAGE_COMMITTEE)
    if place_level(village) != "village" or text[village.end : start] != VILLAGE_COMMITTEE:
        return village
    following = [p for name, p in named.items() if place_level(p) == "village" and text.startswith(name, start)
                 and _siblings(p, village)]
    if not following:
        return village
    found = max(following, key=lambda p: len(p.name))
    return Mention(found.name, start, start + len(found.name), found.name, found.attrs)


def _named_prefix(name: str, named: _NamedPlaces) -> Mention | None:
    """A place the article names elsewhere that opens the project's name where no place mention does: in
    full (某某县某某炼油厂, where the name read as a company's hid the county), for a town or a village written
    short (某某镇 … 某某航空公园, 某某街道 … 某某中学体育馆, 某某村 … 某某实践馆), or in the short form the article itself writes it in
    (赴甲、乙等地 … 乙某某产业基地): the place prefix of the name. The longest form that opens it, looked up
    prefix by prefix; a zone that is the project itself (某某小镇) is not where it is: shorter than the name."""
    forms = named.prefix_forms
    return next((forms[name[:length]] for length in range(len(name) - 1, 1, -1) if name[:length] in forms), None)


def _joined_part_prefix(name: str, named: _NamedPlaces) -> Mention | None:
    """县医院A及甲镇卫生院B: a work of joined parts whose first names no place, where one place the article names
    opens a later part (甲 for 甲镇): where that part lies, inside the county of the unplaced one; the work's own,
    not the place of a list it is in. Parts opened by different places (A及甲镇B与乙镇C) leave it to other
    evidence."""
    opened = {place.name: place for part in _JOINED_PARTS.split(name)[1:] if (place := _named_prefix(part, named))}
    return next(iter(opened.values())) if len(opened) == 1 else None


def _village_short_form(name: str) -> str:
    """甲溪 of 甲溪村, 乙坡 of 乙坡社区 ('' when the rest is shorter than two characters)."""
    short = next((name[: -len(head)] for head in VILLAGE_HEADS if name.endswith(head)), "")
    return short if len(short) >= 2 else ""


def _town_county(name: str, named: _NamedPlaces) -> Mention | None:
    """The county the article names that has a town whose short form opens the project's name (甲县 … 乙丙电厂:
    乙丙镇 is a town of 甲县), when the place reader marked no place in the name: where in the article's counties
    the work lies."""
    counties = named.county_chains
    if not counties:
        return None
    for length in range(min(4, len(name) - 2), 1, -1):
        for chain in _town_chains(name[:length]):
            if chain in counties:
                return counties[chain]
    return None


@lru_cache(maxsize=1)
def _short_stopwords() -> frozenset[str]:
    """Common words a place may be written as (和平), read when first asked for, not when the module is imported."""
    return frozenset(lexicon("place_short_stopwords"))


@lru_cache(maxsize=4096)
def _town_chains(short: str) -> tuple[tuple[str, ...], ...]:
    """The names of the ancestors of each town the gazetteer writes ``short`` and a town head (乙丙 → 乙丙镇), none
    for a common word (和平): the same for every article, so looked up once."""
    if short in _short_stopwords():
        return ()
    return tuple(
        tuple(ancestor.name for ancestor in town.ancestors)
        for head in TOWN_HEADS for town in gazetteer().by_full_name(short + head) if town.level == "town"
    )


def _bare_zone(name: str, named: _NamedPlaces) -> Mention | None:
    """The one zone the article names, when a bare word for a zone of its kind opens the project's name
    (某县经济开发区 … 开发区污水处理厂): the zone's name written short, as its own staff write it."""
    zones = [place for place in named.values() if place_level(place) == "zone"]
    opener = next((word for word in lexicon("bare_zone_openers") if name.startswith(word) and name != word), None)
    if opener is None or len(zones) != 1:
        return None
    heads = (opener, *(full for short, full in lexicon_pairs("place_zone_abbreviations") if short == opener))
    return zones[0] if zones[0].name.endswith(heads) else None


def _siblings(a: Mention, b: Mention) -> bool:
    """Both places have the same parent, or the gazetteer cannot tell."""
    return not (ancestor_names(a) and ancestor_names(b)) or ancestor_names(a) == ancestor_names(b)


def _enclosing_all(listed: list[Mention], named: _NamedPlaces) -> Mention | None:
    """The most specific place below a province that the article names and that holds all ``listed`` places
    (two cities of a province name a partnership, not a place)."""
    chains = [ancestor_names(place) for place in listed]
    shared = [names[0] for names in zip(*chains) if len(set(names)) == 1]
    found = next((named[name] for name in reversed(shared) if name in named), None)
    return found if found is not None and place_level(found) != "province" else None


def _marked_place(text: str, project: Mention, places: list[Mention]) -> Mention | None:
    """位于X after the project in its sentence, 是X的 right after it, or 位于X的 right before it."""
    for place in places:
        # the marker follows the project (A项目位于X, A，地处X): in A、以及位于Y的C the marker is about C
        if project.end <= place.start <= project.end + len("，坐落于") + MARKER_REACH:
            lead = text[project.end : place.start].lstrip("，, ")
            marker = find_any(lead, lexicon("location_markers"))
            if 0 <= marker <= len("项目") and not any(joiner in lead[:marker] for joiner in _JOINERS):
                return _chain_end(text, place, places)
        # A是X的…, A是X重点打造的…: what the project is, told as something X owns
        if text[project.end : place.start] == "是" and _possessive_end(text, place) >= 0:
            return _chain_end(text, place, places)
        # 位于X的A; in (位于X)和A, the marker is about the work before
        if place.end <= project.start and text[place.end : project.start].strip() in ("", "的"):
            lead = text[max(0, place.start - len("坐落于") - MARKER_REACH) : place.start]
            if find_any(lead, lexicon("location_markers")) >= 0:
                return _chain_end(text, place, places)
    return None


def _built_in_place(text: str, project: Mention, places: list[Mention], projects: list[Mention]) -> Mention | None:
    """A是…在X东侧规划新建的…, A由某公司在X投资兴建: the project opens its sentence as the subject of 是, 由 or
    在, and the sentence tells it is built in a place written in full (not 在全省率先建设: a comparison), before
    any other project (A已投用，B在X建设 is about B)."""
    sentence_start = max(text.rfind(mark, 0, project.start) for mark in _SENTENCE_ENDS) + 1
    if text[sentence_start : project.start].strip() or not text.startswith(("是", "由", "在"), project.end):
        return None
    sentence_end = min((i for i in (text.find(mark, project.end) for mark in _SENTENCE_ENDS) if i >= 0),
                       default=len(text))
    next_project = min((p.start for p in projects if project.end <= p.start), default=len(text))
    for place in places:
        if not project.end <= place.start < min(sentence_end, next_project):
            continue
        gap = re.match(r"[^，,；;：:、]{0,%d}" % BUILT_REACH, text[place.end : sentence_end]).group()
        if text[place.start - 1] == "在" and _written_in_full(place) and find_any(gap, lexicon("building_verbs")) >= 0:
            return _chain_end(text, place, places)
    return None


def _list_place(text: str, project: Mention, places: list[Mention], sites: list[Mention],
                named: _NamedPlaces) -> Mention | None:
    """The place prefixing or marking the nearest earlier item of the list of ``sites`` the project is in
    (走进某经开区A、B和C or 来到位于某县的A、B: B and C are there too; 甲镇A、B、乙镇C、D: D is in 乙镇). A list whose
    first item names no place is not grouped by places (A、甲区B、C: 甲区 is B's own)."""
    earlier = []
    item = project
    while previous := [p for p in sites if p.end <= item.start and text[p.end : item.start] in _JOINERS]:
        item = previous[-1]
        earlier.append(item)

    def place_of(item: Mention) -> Mention | None:
        return _marked_place(text, item, places) or _name_place(text, item, places, named)

    if not earlier or place_of(earlier[-1]) is None:
        return None
    placed = (place_of(item) for item in earlier)
    shortened: list[Mention] = []
    for place in filter(None, placed):
        # 姜堰港、热电厂: a shortened place inside an item is part of that item's own name, not the list's
        # place; an earlier place then counts only inside it (某县经开区A、某县B、C, not 甲县A、乙港B、C)
        if not all(place_inside(place, short) for short in shortened):
            return None
        if _written_in_full(place):
            return place
        shortened.append(place)
    return None


def _possessive_place(text: str, project: Mention, places: list[Mention], named: _NamedPlaces) -> Mention | None:
    """某县的A、B和C (某镇境内的A), 某村A、B项目 heading its clause (走进甲村A、B项目，乙村C项目), or 某县：A、B
    (the place alone before the colon that opens the clause): the place that opens the list, in its clause, that
    the project is an item of. Works of several places (甲县、乙县的A, 甲村、乙村等村A) lie in the place the
    article names that holds them all."""
    clause_start = max(text.rfind(mark, 0, project.start) for mark in _CLAUSE_MARKS) + 1
    verbs = words_of(("visit_verbs", "destination_verbs"))

    def opens_list(place: Mention) -> bool:
        if _possessive_end(text, place) >= 0 or _and_others_end(text, place) >= 0:
            return True
        lead = text[clause_start : place.start]  # nothing, or the visit verb of the clause
        return _written_in_full(place) and (not lead or lead.endswith(verbs))

    owners = [p for p in places if clause_start <= p.start and p.end < project.start and opens_list(p)]
    if owners:
        listed = _listed_before(text, owners[-1], places)
        owner = _chain_end(text, owners[-1], places)
        list_start = max(_possessive_end(text, owner), _and_others_end(text, owners[-1]))
        possessive = list_start >= 0
        context_start = clause_start
        if len(listed) > 1 or _and_others_end(text, owners[-1]) >= 0:
            owner = _enclosing_all(listed, named)
            if owner is None or not possessive:
                return None  # 甲县、乙县A: the list of places may be stops of the visit, not the owners of A
    else:
        owner = _heading_place(text, clause_start, places)
        if owner is None:
            return None
        list_start, possessive, context_start = clause_start, False, 0
    between = text[list_start if possessive else max(list_start, owner.end) : project.start]
    if not between and owners and not possessive:
        return None  # 某村A项目: the place is the name's prefix, not a list's
    if between and (not between.endswith(_JOINERS) or find_any(between, verbs) >= 0):
        return None  # 某县的干部来到A、B: the place owns another word, not the list the project is in
    if not possessive and any(owner.end <= p.start < project.start for p in places):
        return None  # 深入甲县A、甲县B、C: the place prefixes an item of a list whose items name their own
    if find_any(text[max(context_start, owner.start - 4) : owner.start], lexicon("not_location_context")) >= 0:
        return None  # 对接某省的A: a partner, not where the project is
    return owner


def _listed_before(text: str, place: Mention, places: list[Mention]) -> list[Mention]:
    """The places of the list that ``place`` ends (甲县、乙县和丙县), in text order; [place] when it ends none."""
    listed = [place]
    while previous := [p for p in places if p.end <= listed[0].start and text[p.end : listed[0].start] in _JOINERS]:
        listed.insert(0, previous[-1])
    return listed


def _one_of_several(text: str, place: Mention, places: list[Mention]) -> bool:
    """The place is in a list of places that ends with 等 (甲镇、乙镇等地, 某县某镇等村): one of more places than
    the text names, not the one place a paragraph is about."""
    if "等" not in text[place.end : place.end + LIST_REACH]:
        return False  # most places: no list walk through the article's places
    current = _chain_end(text, place, places)
    while following := [p for p in places if p.start >= current.end and text[current.end : p.start] in _JOINERS]:
        current = _chain_end(text, following[0], places)
    return _and_others_end(text, current) >= 0


def _and_others_end(text: str, place: Mention) -> int:
    """Where the works of 甲村等村(的) begin: after the 等 that makes the place one of several; -1 if none."""
    found = _AND_OTHERS.match(text, place.end)
    return found.end() if found else -1


def _heading_place(text: str, clause_start: int, places: list[Mention]) -> Mention | None:
    """某县：A、B: a place written in full that is all of the clause before the colon opening this one."""
    if text[clause_start - 1 : clause_start] not in ("：", ":"):
        return None
    before = [p for p in places if p.end == clause_start - 1 and _written_in_full(p)]
    if not before:
        return None
    place = before[-1]
    opening = max(text.rfind(mark, 0, place.start) for mark in _CLAUSE_MARKS) + 1
    return place if not text[opening : place.start].strip() else None


def _possessive_end(text: str, place: Mention) -> int:
    """Where the works a place owns begin: after its 的 (某县的A), or after 的 following a word that keeps the
    place where they lie (某镇境内的A, 某县正在建设的A); -1 when no such 的 follows."""
    for word in ("", *lexicon("works_in_place_words")):
        if text.startswith(word + "的", place.end):
            return place.end + len(word) + len("的")
    return -1


def _shortened_province(place: Mention) -> bool:
    """A province named without 省 in a project's name (浙江某某产业园, 湖南某某集团项目) is mostly the name of a
    provincial company or brand: it places the project only when nothing else in the article does."""
    return place_level(place) == "province" and not _written_in_full(place)


def _written_in_full(place: Mention) -> bool:
    """The place is written with its full name (姜堰区, 某某镇), not shortened (姜堰 for 姜堰区)."""
    return place.text == place.name


def _destination(text: str, free: list[Mention], places: list[Mention]) -> Mention | None:
    """Where the visit went (邓海明到宁远县调研, 赴某某新区调研, 来到某镇政府): the one place the article's
    visitors go to, or the one enclosing the others (到某县调研…来到某镇: later stops are inside the tour's
    destination, not where every project is)."""
    reached: list[Mention] = []
    for place in free:  # in text order: 到A、B和C reaches all three
        # 到甲市乙县、丙县: the list goes on after the chain's last place
        joined = bool(reached) and text[reached[-1].end : place.start] in _JOINERS
        if _one_of_several(text, place, places):
            continue  # 到甲县等地: more places than the one named
        if joined or _stopped_at(text, place) or _receiving(text, place):
            reached.append(_chain_end(text, place, places))
    outermost = {p.name: p for p in reached if not any(_encloses(q, p) for q in reached)}
    if len(outermost) != 1 or any(not place_inside(p, *outermost.values()) for p in reached):
        return None
    return next(iter(outermost.values()))


def _stopped_at(text: str, place: Mention) -> bool:
    """The visitors went to the place: right after a destination verb (到某县, 前往市某园区), coming to the
    writer's own place (来我县), or framed by 在 in a sentence telling a visit (在某镇，…察看)."""
    lead = _OWN_LEVEL.sub("", text[max(0, place.start - 4) : place.start])  # 前往市不锈钢产业园区
    return lead.endswith(lexicon("destination_verbs")) or _coming_to_own_place(text, place) or \
        _visit_framed(text, place, lead)


def _last_stop(text: str, project: Mention, free: list[Mention], places: list[Mention], para) -> Mention | None:
    """The last place the visitors went to before the project, in its paragraph (来到甲县…；随后来到乙县，察看B:
    B is in 乙县), when the paragraph names several: a tour tells its stops in order. A stop of a list or a
    route (到甲县、乙县调研, 从甲区到乙县再到丙县) is no one stop, and a project in what an official said after
    the stop (他要求，要加快B) is a topic, not a site of it."""
    before = [p for p in within(free, para[0], project.start) if p.end <= project.start]
    stops = [p for p in before if _stopped_at(text, p) or _frames_project(text, p, project)]
    if not stops:
        return None
    last = stops[-1]
    stop = _chain_end(text, last, places)
    if _one_of_several(text, last, places):
        return None  # 来到甲镇等地: the stops are more places than the one named
    if any(_one_after_another(text, p, last) or _one_after_another(text, stop, p) for p in before):
        return None
    if find_any(text[stop.end : project.start], lexicon("speech_verbs")) >= 0:
        return None
    return stop


def _framing_place(text: str, project: Mention, free: list[Mention], places: list[Mention]) -> Mention | None:
    """在某园区，代表团听取…，并考察A: the place framing the project's own sentence, nearer evidence than what the
    rest of the paragraph is about (its other sentences may frame other places: 在甲镇…。在乙村…)."""
    sentence_start = max(text.rfind(mark, 0, project.start) for mark in _SENTENCE_ENDS) + 1
    framing = [p for p in within(free, sentence_start, project.start) if _frames_project(text, p, project)]
    return _chain_end(text, framing[-1], places) if framing else None


def _frames_project(text: str, place: Mention, project: Mention) -> bool:
    """在某社区，某某听取A项目汇报: a place written in full after a frame word, in the sentence that tells the
    project with a verb that is a visit on a site (听取, 了解), is where the project was seen."""
    if not _framed(place, text[max(0, place.start - 4) : place.start]):
        return False
    between = text[place.end : project.start]
    return "。" not in between and find_any(between, lexicon("weak_visit_verbs")) >= 0


def _one_after_another(text: str, first: Mention, then: Mention) -> bool:
    """``then`` follows ``first`` as the next item of a list or the next stop of a route (甲县、乙县; 甲县再到乙县)."""
    gap = text[first.end : then.start]
    return len(gap) <= 3 and (gap in _JOINERS or gap.lstrip("再又").endswith(lexicon("destination_verbs")))


def _coming_to_own_place(text: str, place: Mention) -> bool:
    """考察团来我县, 一行来我市产业园: visitors come to the writer's own place, or to a place named right after it
    (not 以来我县, 多年来我市: a time, not a coming)."""
    own = place.text if place.text[:1] in "我本" else ""  # the place may be the 我县 itself
    return _COMING_TO_OWN.search(text[max(0, place.start - 4) : place.start] + own) is not None


def _receiving(text: str, place: Mention) -> bool:
    """某区区委书记某某、副区长某某陪同调研: officials of a place written in full go along with the visitors, so the
    visit went to that place (not 某市市长到某区调研，某区区长陪同: the visitors' own place, a verb before 陪同)."""
    if not _written_in_full(place):
        return False
    rest = text[place.end : place.end + 40]
    rest = rest[1:] if rest[:1] == place.name[-1:] else rest  # 某区区委: the level character said again
    if not rest.startswith((*GOVERNMENT_WORDS, "长")):
        return False
    sentence = re.split(r"[。；;\n]", rest, maxsplit=1)[0]
    companion = find_any(sentence, lexicon("companion_markers"))
    verbs = words_of(("visit_verbs", "destination_verbs"))
    if companion < 0 or find_any(sentence[:companion], verbs) >= 0:
        return False
    # 某县县委副书记在某局同志陪同下深入某镇: the place's officials are the visitors, escorted by others; in
    # 在某区区委书记陪同下 they escort them
    escorted = sentence[companion:].startswith(lexicon("escort_markers"))
    return not escorted or text[place.start - 1 : place.start] == "在"


def _framed(place: Mention, lead: str) -> bool:
    """A place written in full right after a frame word (在某县，…): what the rest of the sentence tells happens
    there."""
    return lead.endswith(lexicon("location_frames")) and _written_in_full(place)


def _visit_framed(text: str, place: Mention, lead: str) -> bool:
    """在某县宣讲…，调研…: a place written in full after a frame word (在) of a sentence telling a visit is
    where the visit went (在县委 names the visitors' organ, not a destination)."""
    if not _framed(place, lead):
        return False
    sentence_end = text.find("。", place.end)
    rest = text[place.end : sentence_end if sentence_end >= 0 else len(text)]
    return find_any(rest, lexicon("visit_verbs")) >= 0


def _paragraph_place(text: str, project: Mention, places: list[Mention], free: list[Mention], para, *,
                     own_prefix: bool):
    """The one place the paragraph is about: all its places lie on one line of the hierarchy (or form
    one chain, 产业园区苇泊起步区); a paragraph naming several counties or cities is about none of them.
    Destinations and markets (通往X, 辐射X) are not what a paragraph is about. Of the places prefixing
    project names (甲县A、B、乙镇C) only the one enclosing the others counts: the deeper ones say where
    their own project is, and none counts for a project whose name has a place of its own (某市A、某县B: the
    county prefix does not make A's city more precise)."""

    def usable(candidates: list[Mention], own: bool) -> list[Mention]:
        return [
            _chain_end(text, p, places)
            for p in within(candidates, *para)
            if (own or not project.start <= p.start < project.end)
            and find_any(text[max(para[0], p.start - 4) : p.start], lexicon("not_location_context")) < 0
            and not _one_of_several(text, p, places)
        ]

    free_spans = {(p.start, p.end) for p in free}
    # 姜堰港: a shortened place inside a project's name is part of that name, not what the paragraph is about
    prefixes = usable([p for p in places if (p.start, p.end) not in free_spans and _written_in_full(p)], own=True)
    outermost = [p for p in prefixes if not any(_encloses(q, p) for q in prefixes)]
    named = usable(free, own=False) + ([] if own_prefix else outermost)
    # a zone the gazetteer places only above a division the paragraph names (某省 for a zone of 某市) may lie
    # in that division: it is no second place of the paragraph
    named = [p for p in named if not any(_may_hold_zone(q, p) for q in named)]
    deepest = {p.name: p for p in named if not any(_encloses(p, q) for q in named)}
    if len(deepest) != 1:
        return None
    chosen = next(iter(deepest.values()))
    # 甲县A、某省B、乙县C: the province prefix hides 甲县, yet 甲县 and 乙县 make it a paragraph of two counties
    return chosen if all(_on_one_line(chosen, p) for p in prefixes) else None


def _may_hold_zone(division: Mention, zone: Mention) -> bool:
    """``zone`` is a zone whose known ancestors stop above ``division``, which lies in the deepest of them."""
    ancestors = ancestor_names(zone)
    return (place_level(zone) == "zone" and place_level(division) != "zone" and bool(ancestors)
            and ancestor_names(division)[-1:] == ancestors[-1:] and division.name not in ancestors)


def _on_one_line(a: Mention, b: Mention) -> bool:
    """One place lies in the other, or the gazetteer cannot tell (a village or a zone without ancestors)."""
    if not (a.attrs.get("ancestors") and b.attrs.get("ancestors")):
        return True
    return place_inside(a, b) or place_inside(b, a)


def _encloses(outer: Mention, inner: Mention) -> bool:
    return inner.name != outer.name and place_inside(inner, outer)


def _chain_end(text: str, place: Mention, places: list[Mention]) -> Mention:
    """Follow 云州区西坪镇中高庄村 to its last, most specific place."""
    current = place
    while True:
        following = [p for p in places if 0 <= p.start - current.end <= CHAIN_GAP and p.start >= current.end]
        following = [p for p in following if text[current.end : p.start] in ("", " ") and _may_lie_in(p, current)]
        if not following:
            return current
        current = following[0]


def _may_lie_in(inner: Mention, outer: Mention) -> bool:
    """A place right after another lies in it, unless the gazetteer puts it elsewhere (安远县 then a town of
    会昌县: a misread or a name, not a chain)."""
    return _on_one_line(inner, outer) and not place_inside(outer, inner)


def _names_local_company(place: Mention, organizations: list[Mention], home: Mention | None,
                         in_project: _Cover) -> bool:
    """A county, town or village of the article's home place, written in full, that opens the name of a company
    opening a project's name (我市 … 某县某某集团精品钢基地): a local company named after where it works, whose
    works lie there; an investor from elsewhere (上海某某公司, 外省某县某某集团) still says nothing of where."""
    return (home is not None and _written_in_full(place) and place.name != home.name and place_inside(place, home)
            and place_level(place) in ("county", "town", "village") and in_project.covers(place)
            and any(o.start == place.start and o.end > place.end and not o.attrs.get("seat") for o in organizations))


def _home(doc: Doc, places: list[Mention]) -> Mention | None:
    name = doc._.home_place
    if not name:
        return None
    return next((p for p in places if p.name == name), Mention(name, 0, 0, name))


class _NamedPlaces(dict):
    """The places the article names, by full name (the last mention of each), and in ``written`` the shortened
    forms the article writes them in (和平 for 和平县 in 赴甲县、和平等地; not 县委 or 全县)."""

    def __init__(self, places: list[Mention]):
        super().__init__((p.name, p) for p in places)
        self.written = {p.text: p for p in places if p.text != p.name and p.name.startswith(p.text)}

    @cached_property
    def county_chains(self) -> dict[tuple[str, ...], Mention]:
        """The counties the article names, by the names of their ancestors and their own (:func:`_town_county`
        looks the chains of towns up there), built once per article rather than for each project."""
        chains: dict[tuple[str, ...], Mention] = {}
        for place in self.values():
            if place_level(place) == "county":
                chains.setdefault((*ancestor_names(place), place.name), place)
        return chains

    @cached_property
    def prefix_forms(self) -> dict[str, Mention]:
        """The forms of the places that may open a project's name (:func:`_named_prefix`), the first place of
        each form kept, built once per article rather than for each project."""
        forms: dict[str, Mention] = {}
        for form, place in [*((p.name, p) for p in self.values()), *self.written.items()]:
            if place_level(place) == "province":
                continue  # 浙江某某产业园: a provincial brand more often than a place
            forms.setdefault(form, place)
            if place_level(place) == "town":
                forms.setdefault(town_short_form(place.name) or place.name, place)
            elif place_level(place) == "village":
                forms.setdefault(_village_short_form(place.name) or place.name, place)
        # a common word (和平, 太平) is a place here only where the article itself writes it as one
        stopwords = _short_stopwords()
        return {form: place for form, place in forms.items()
                if len(form) >= 2 and (form not in stopwords or form in self.written)}


class _Cover:
    """Which spans lie inside one of ``containers``, answered from the containers' ends sorted by start (a
    scan of every container for every span was quadratic in a long article)."""

    def __init__(self, containers: list[Mention]):
        spans = sorted((c.start, c.end) for c in containers)
        self.starts = [start for start, _ in spans]
        self.reach: list[int] = []  # the furthest end of the containers up to each one
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)
        self.ends_at_start: dict[int, int] = {}  # the furthest end of the containers starting at an offset
        for start, end in spans:
            self.ends_at_start[start] = max(end, self.ends_at_start.get(start, end))

    def _reach_before(self, offset: int, inclusive: bool) -> int:
        i = (bisect_right if inclusive else bisect_left)(self.starts, offset)
        return self.reach[i - 1] if i else -1

    def covers(self, span: Mention, other_span: bool = False, ending_before: bool = False) -> bool:
        """Some container starts at or before ``span`` and ends at or after it (``ending_before``: after
        its end; ``other_span``: a container with the very same offsets does not count)."""
        if ending_before:
            return self._reach_before(span.start, inclusive=True) > span.end
        if not other_span:
            return self._reach_before(span.start, inclusive=True) >= span.end
        return (self._reach_before(span.start, inclusive=False) >= span.end
                or self.ends_at_start.get(span.start, -1) > span.end)

