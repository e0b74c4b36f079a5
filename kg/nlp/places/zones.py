"""Step 2: named zones, [name]+head (``lexicons/place_zone_suffixes.txt``), their parents, the references
to them (到区内), and named regions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.lexicon import occurrences
from kg.nlp.gazetteer import Gazetteer, Place
from kg.nlp.institutions import listed_among_works
from kg.nlp.places.lexicons import (
    ADMIN_LEVELS,
    DIVISION_HEADS,
    GLUED_TAGS,
    PHASE,
    PROJECT_HEADS,
    PROPER_NAME_TAGS,
    ROAD_HEADS,
    TITLE_LEVEL,
    TOWN_HEADS,
    ZONE_STOP_TAGS,
    town_short_form,
)
from kg.nlp.places.mentions import LIST_JOINERS, Mention, Words


GOVERNING_BODIES = ("管委会", "党工委", "管理委员会")  # 某某产业园管委会: the park is an administered area
QUOTED_NAME = re.compile(r"“[^“”，。、；：\n]{1,10}”")
SCENE = re.compile(r"\s*在$")  # what opens a sentence before the place it happens in
PARK_INSIDE = re.compile(r"[\u4e00-\u9fff]{2,6}?园区")
COUNTRY = "中国"  # 中国(某省)自由贸易试验区: the country names a zone with its host province in brackets
# 某某园作为某某高新区的核心园区, 某某片区是某某新区的重要组成部分: the first zone lies in the second, an area of areas
_AS_ITS_PART = r"的(?:核心|主体|重要|主|首个)?(?:园区|片区|组团|板块|起步区|核心区|先行区|拓展区|组成部分)"
PART_WORDS = re.compile(_AS_ITS_PART)
PART_OF_ZONE = re.compile(r"(?:作为|是|系)([^，,。；;、\s]{2,24}?)(?=%s)" % _AS_ITS_PART)


@dataclass
class Zone:
    start: int
    end: int
    name: str
    parent: Place | Zone | None
    adcode: str | None = None
    inner: list[Mention] = field(default_factory=list)
    described: bool = False  # its head also ends descriptions (产业园区): the name must show it is one
    park: bool = False  # its head is a park's (产业园, 园区: mostly built as projects), one hosting what follows it
    builder: Mention | None = None  # the place whose clause builds the zone (X县加快推进…小镇建设)
    refers_to: Zone | None = None  # 经开区, 县经开区 written short for a zone the text names in full
    listed_with: Mention | None = None  # the division next to it in a list (某县、某新区、某县)
    scene: Mention | None = None  # the place its sentence opens in (在某市期间，…某某新城)
    part_of: Zone | None = None  # the zone it is said to be a part of (某某园作为某某高新区的核心园区)
    said_part_of: int | None = None  # where the name of that zone ends in the text

    @property
    def ancestors(self) -> list[dict]:
        parent = self.parent
        if parent is None:
            return []
        if isinstance(parent, Zone):
            return [*parent.ancestors, {"name": parent.name, "level": "zone", "adcode": parent.adcode}]
        return [*(p.as_dict() for p in parent.ancestors), parent.as_dict()]


def zones_of(text: str, words: Words, mentions: list[Mention], lex: dict, gaz: Gazetteer,
             page: tuple[str, ...] = ()) -> list[Zone]:
    """The zones of the text; ``page``: the names on the page's furniture (masthead, source line), where a zone
    the body writes bare (来到开发区…) may be named in full."""
    zones: list[Zone] = []
    head_pattern = lex["zone_head_pattern"]
    division_ends = {m.end for m in mentions}
    page_zones = [name for name in page if (found := head_pattern.search(name)) and found.end() == len(name)
                  and _opens_with_a_division(name[: found.start()], gaz)]  # not a label (发布单位)
    i = 0
    while i < len(text):
        found = head_pattern.search(text, i)  # the first head (in lexicon order) at the next position having one
        if found is None:
            break
        i, head = found.start(), found.group()
        end = i + len(head)
        start = _zone_start(text, words, i, head, zones, division_ends, lex)
        on_the_page = _named_on_the_page(head, page_zones, lex) if not _generic_before(text, i, lex) else None
        if start is None and on_the_page is not None and _ends_zone_name(words.token(i - 1)):
            start = i  # 来到开发区…, the page being the zone's: that zone written bare
        i = end
        if text.startswith(PROJECT_HEADS, end) or PHASE.match(text, end) or start is None:
            continue
        if text.startswith(DIVISION_HEADS, end):  # 某新城区, 某新城镇: the head is inside a division's name
            continue
        if head in lex["governed_zone_heads"] and not text.startswith(GOVERNING_BODIES, end):
            continue  # 某某园管委会 only
        own_start = _without_leading_division(start, end - len(head), text, words, mentions, lex)  # 湖南省某某工业园区
        holds_site = ((head in lex["hosting_zone_heads"] or _one_name_word(words, own_start, end))
                      and _names_a_site(words, end, lex)) or _glued_to_a_site(words, own_start, end, lex)
        in_park = bool(zones) and zones[-1].end == start and zones[-1].park
        if not (holds_site or in_park) and _opens_project_name(words, end, head in lex["descriptive_zone_heads"]):
            continue  # 滨江新城综合体项目, 滨江新城西区二期: a project's name
        if head in lex["built_zone_heads"] and listed_among_works(text, start, end):
            continue  # 某某小镇、某某综合体项目: a zone built as one undertaking, listed among works, is one of them
        hosts_event = text.endswith("在", 0, start) and text.startswith(lex["event_verbs"], end) \
            or _opens_the_scene(text, start, end)
        has_parts = PART_WORDS.match(text, end) is not None
        part_of = PART_OF_ZONE.match(text, end)
        if head in lex["hosting_zone_heads"] and not (hosts_event or holds_site or has_parts or part_of
                                                       or text.startswith(GOVERNING_BODIES, end)):
            continue  # a park is a zone where an event is held in it, a committee governs it, a site or an area lies in it
        if zones and zones[-1].end == start - 1 and text[start - 1] in "(（":  # 某示范区(某某片区): a part of it
            continue
        if any(p.level in ADMIN_LEVELS for p in gaz.by_full_name(text[start:end])):  # 浦东新区 is a district
            continue
        start = own_start
        if head not in lex["descriptive_zone_heads"]:
            end = _park_inside(words, end, lex)  # 某某经开区陶瓷园区: a park of the zone named after it
        inner = [m for m in mentions if start <= m.start < end]
        zone = Zone(start, end, text[start:end], None, inner=inner)
        zone.described = head in lex["descriptive_zone_heads"]
        zone.park = head in lex["hosting_zone_heads"]
        if zone.name == head and on_the_page is not None:
            zone.name = on_the_page
        zone.builder = _builder(mentions, start, text, lex)
        zone.scene = _scene(mentions, start, text)
        zone.listed_with = next((m for m in mentions if (m.end == start - 1 and text[m.end] == "、")
                                 or (m.start == end + 1 and text[end] == "、")), None)
        if has_parts and zones and zones[-1].said_part_of == end:
            zones[-1].part_of = zone
        zone.said_part_of = part_of.end(1) if part_of else None
        zones.append(zone)
    for zone in zones:
        zone.refers_to = _named_in_full(zone, zones, lex)
        if zone.refers_to is not None:
            zone.name = zone.refers_to.name
    zone_ends = {z.end for z in zones}
    park_ends = {z.end for z in zones if z.park}
    named = {z.name for z in zones
             if not z.described or z.builder or _has_proper_name(z, text, words, zone_ends, park_ends, lex, gaz)
             or _defined_by_its_role(z, text, lex)}
    return [z for z in zones if z.name in named]


def _scene(mentions: list[Mention], zone_start: int, text: str) -> Mention | None:
    """在某市期间，…, 在某县，…: the place the sentence of the zone opens in."""
    sentence_start = max(text.rfind(mark, 0, zone_start) for mark in "。！？\n") + 1
    for m in mentions:
        if sentence_start < m.start and m.end < zone_start and SCENE.fullmatch(text, sentence_start, m.start):
            return m if text.startswith(("期间", "，", ","), m.end) else None
    return None


def _opens_the_scene(text: str, start: int, end: int) -> bool:
    """在某某产业园，一行来到…: a park opening a clause as where it happens hosts the visit (not 将在某某产业园，
    nor 在某某产业园建设)."""
    clause_start = max(text.rfind(mark, 0, start) for mark in "。！？；，,;\n") + 1
    return SCENE.fullmatch(text, clause_start, start) is not None and text.startswith(("，", ","), end)


def _opens_project_name(words: Words, end: int, described: bool) -> bool:
    """The name words right after a zone head run on to a phase (某某新城西区二期), or after a described head
    to 项目/工程 (某某新城综合体项目): the zone's name opens a project's."""
    i = end
    while i < len(words.text) and i - end <= 12:
        token = words.token(i)
        if PHASE.match(words.text, token.idx) or (described and token.text.endswith(PROJECT_HEADS)):
            return True
        if _ends_zone_name(token):
            return False
        i = token.idx + len(token.text)
    return False


def _one_name_word(words: Words, start: int, end: int) -> bool:
    """LAC reads the whole zone as one place or name word (某某工业园区/LOC), or glued a list joiner to it (和某某
    工业园区/c): a zone the reader knows by name, so the site named after it (某某工业园区污水管网工程) lies in it."""
    token = words.token(start)
    return token.idx + len(token.text) == end and (token.tag_ in PROPER_NAME_TAGS or _after_glued_joiner(words, start))


def _glued_to_a_site(words: Words, start: int, end: int, lex: dict) -> bool:
    """某某示范区文创中心/LOC, 某某工业园区数据中心/ORG: LAC read the zone and a site named after it as one name
    word (not 某某工业园区开发有限公司: a company)."""
    token = words.token(start)
    rest = token.text[end - token.idx :]
    return token.idx == start and token.tag_ in PROPER_NAME_TAGS and len(rest) >= 2 \
        and rest.endswith(lex["site_heads"]) and rest not in lex["project_heads"]


def _after_glued_joiner(words: Words, start: int) -> bool:
    """和某某工业园区 read by LAC as one conjunction: the name starts inside the word, after the joiner."""
    return start not in words.starts and words.text[start - 1] in LIST_JOINERS


def _names_a_site(words: Words, end: int, lex: dict) -> bool:
    """某某工业园装备展示基地, 某某产业园污水管网工程: right after a zone's head, name words holding a noun of
    their own and ending in a project head name a site built in the zone (not 某某产业园建设项目: the park
    itself is built; not 某某新城综合体项目: a bare head names the zone's own works, where a facility, 某某园区数据中心
    项目, names a site)."""
    i, nouns = end, 0
    while i < len(words.text) and i - end <= 12:
        token = words.token(i)
        if token.idx < end or _ends_zone_name(token) or PHASE.match(words.text, token.idx):
            return False
        i = token.idx + len(token.text)
        if (token.text.endswith(lex["site_heads"]) or lex["zone_head_pattern"].search(token.text)) \
                and i - end > len(token.text):  # a project, or a zone inside the park (某某工业园某某工业区)
            return nouns > 0 or token.tag_ in PROPER_NAME_TAGS
        nouns += token.tag_ in ("n", "nz", "LOC", "ORG", "nw") and token.text not in lex["project_heads"]
    return False


def _named_in_full(zone: Zone, zones: list[Zone], lex: dict) -> Zone | None:
    """经开区 or 县经开区 where the text names 某县经开区 too, 某地高新区 where it names 某地高新技术产业开发区,
    樱桃谷景区 where it names 某镇樱桃谷景区: that zone written short (the nearest one before, else the first
    after)."""
    for abbreviation, full in lex["zone_abbreviations"]:
        if zone.name.endswith(abbreviation):
            fuller_name = zone.name[: -len(abbreviation)] + full
            spelled_out = next((z for z in zones if z.name == fuller_name), None)
            if spelled_out is not None:
                return spelled_out
    head = zone.name[1:] if zone.name[:1] in TITLE_LEVEL else zone.name
    named_before = next((z for z in zones if z.name == zone.name and z.end <= zone.start and z.refers_to is None), None)
    if named_before is not None:
        return named_before  # written again: the zone named first
    fuller = [z for z in zones if z.name.endswith(head) and len(z.name) > len(zone.name) and z.refers_to is None]
    before = [z for z in fuller if z.end <= zone.start]
    return before[-1] if before else (fuller[0] if fuller else None)


def _without_leading_division(start: int, head_start: int, text: str, words: Words, mentions: list[Mention],
                              lex: dict) -> int:
    """江苏省常州经济开发区 is 常州经济开发区 of 江苏省: a division named in full (or short with its level
    character, 某某县 for 某某自治县) before a name that still has its own words (常州) is a place of its own;
    许昌经济开发区, 某市经济开发区 keep theirs. A county's park named by description only (某某县生态农业产业园,
    某某区高新科技产业园) is called by its county: the county stays in the name."""
    for m in mentions:
        end = _written_end(m, text)
        if m.start == start and (end > m.end or not m.short) and head_start - end >= 2 \
                and (m.candidates[0].level != "county" or _proper_name_between(words, end, head_start, _zone_kinds(lex))):
            start = end
    return start


def _proper_name_between(words: Words, start: int, end: int, kinds: tuple[str, ...] = ()) -> bool:
    """Whether LAC tags a word between the two offsets as a place or a name (柳塘/LOC, not 生态农业), other
    than one opening with one of ``kinds``."""
    return any(words.tag(i) in PROPER_NAME_TAGS and not _word_from(words, max(start, words.token(i).idx)).startswith(kinds)
               for i in range(start, end))


def _word_from(words: Words, start: int) -> str:
    """The rest of the word at ``start`` (LAC may have glued a place before it: 某某区高新科技/LOC)."""
    token = words.token(start)
    return words.text[start : token.idx + len(token.text)]


def _zone_kinds(lex: dict) -> tuple[str, ...]:
    """高新, 经开: a zone's kind written short (高新区 less 区); a word opening with one (高新科技, which LAC may tag
    LOC) says what kind of park follows, it is no name of the park's own."""
    return tuple(bare[:-1] for bare in lex["zone_bare"] if bare.endswith("区"))


def _written_end(m: Mention, text: str) -> int:
    """The end of a mention with the level character a short form is written with (某某县 for 某某自治县)."""
    level_char = text[m.end : m.end + 1]
    if m.short and level_char in TITLE_LEVEL and any(p.name.endswith(level_char) for p in m.candidates):
        return m.end + 1
    return m.end


def zone_references(text: str, zone: Zone, zones: list[Zone], lex: dict):
    """到区内…现场, 在园区内: the zone named last before, in the same paragraph, is where the visit goes."""
    paragraph_end = text.find("\n", zone.end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    following = [z.start for z in zones if z.start >= zone.end]
    stop = min([paragraph_end, *following])
    for match in lex["zone_reference"].finditer(text, zone.end, stop):
        yield match.start(1), match.end(1)


def _park_inside(words: Words, end: int, lex: dict) -> int:
    """Where 某某经开区 followed by name words and 园区 (某某经开区陶瓷园区) ends: the park is an area of the zone,
    written as one name with it; ``end`` when no such park follows (某某经开区加快园区建设) or a generic word
    makes the words a kind (某某经济区重点产业园区: the zone's parks)."""
    found = PARK_INSIDE.match(words.text, end)
    if found is None:
        return end
    name_end = found.end() - len("园区")
    tokens = {words.token(i).idx: words.token(i) for i in range(end, name_end)}
    named = all(t.tag_ in ("n", "nz", "LOC", "ORG") and t.idx + len(t.text) <= name_end
                and t.text not in lex["zone_generic"] for t in tokens.values())
    return found.end() if named and end in tokens else end


def _opens_with_a_division(name: str, gaz: Gazetteer) -> bool:
    """江苏某某 of 江苏某某经济开发区: the name opens with a division's (full or short) name."""
    return any(gaz.lookup(name[:size]) for size in range(2, min(len(name), 4) + 1))


def _named_on_the_page(head: str, page_zones: list[str], lex: dict) -> str | None:
    """The one zone of the page's furniture that a bare head can stand for (开发区 for 某某经济开发区, 经开区 for
    某某经济技术开发区)."""
    fulls = [head, *(full for abbreviation, full in lex["zone_abbreviations"] if abbreviation == head)]
    named = {name for name in page_zones if name.endswith(tuple(fulls))}
    return named.pop() if len(named) == 1 else None


def _builder(mentions: list[Mention], zone_start: int, text: str, lex: dict) -> Mention | None:
    """The place right before the zone's name, or with only building words between (平定县加快推进…):
    the zone is that place's own, so it is a name and lies in that place."""
    before = [m for m in mentions if m.end <= zone_start and not m.in_name]
    if not before:
        return None
    between = text[_written_end(before[-1], text) : zone_start]
    return before[-1] if not between or lex["zone_builders"].fullmatch(between) else None


def _has_proper_name(zone: Zone, text: str, words: Words, zone_ends: set[int], park_ends: set[int],
                     lex: dict, gaz: Gazetteer) -> bool:
    """智能产业园区 is a description; 苇泊起步区, 大同经开区, “某某”产业园区 and 市…产业园区 (the city's own) are
    names; after an aim verb (打造…) or 的 (集…为一体的生态园林工业区) a name is a description even when LAC
    tags a word of it a place.

    Right after another zone (…示范区冻干食品小镇) a described name is a site in that zone, a project,
    unless a place is named inside it; right after a park, a zone head names an area of the park (某某工业园
    某某工业区)."""
    if zone.inner or zone.start in park_ends:
        return True
    if text.endswith(lex["aims"], 0, zone.start):  # 打造“某某”示范区: a goal
        return False
    if text[zone.start] == "“":  # a quoted name
        return True
    if zone.start in zone_ends or text[zone.start - 1 : zone.start] == "的":  # 集…为一体的生态工业区
        return False
    if text[zone.start - 1 : zone.start] in TITLE_LEVEL:
        return True
    if _after_glued_joiner(words, zone.start):
        return True  # a name LAC did not know, not a common word
    return _proper_name_between(words, zone.start, zone.end) or _opens_with_a_named_town(zone, text, gaz)


def _defined_by_its_role(zone: Zone, text: str, lex: dict) -> bool:
    """某某康养旅游区是全县旅游业的重要承载地, where the text names that area elsewhere too (a stop of the visit):
    a described zone opening a sentence that defines it by the role it plays is the one area the text is
    about, a place by that name (not 产业园区是发展的重要引擎: no area's role; not a definition alone, which may
    be said of a kind of area)."""
    sentence_start = max(text.rfind(mark, 0, zone.start) for mark in "。！？\n") + 1
    return zone.start == sentence_start and lex["zone_role"].match(text, zone.end) is not None \
        and text.count(zone.name) > 1


def _opens_with_a_named_town(zone: Zone, text: str, gaz: Gazetteer) -> bool:
    """某某工业项目区 where the text names 某某镇, a town of the gazetteer, too: the zone is named after that town
    (not 现代农业项目区 after a 现代镇 no gazetteer knows, nor a one-character short form)."""
    return any(zone.name[:size] + head in text and any(p.level == "town" for p in gaz.by_full_name(zone.name[:size] + head))
               for size in (2, 3, 4) for head in TOWN_HEADS if zone.start + size < zone.end - 2)


def _zone_start(text: str, words: Words, head_start: int, head: str, zones: list[Zone], division_ends: set[int],
                lex: dict) -> int | None:
    """Where the zone's name begins: name words left of the head, up to punctuation, a verb, a time or a
    zone. A head alone names a zone only when it names one zone by itself (高新区) or after the level
    character standing for the home place (市开发区)."""
    quoted = QUOTED_NAME.search(text, max(0, head_start - 12), head_start)
    if quoted is not None and quoted.end() == head_start:  # “数智谷”产业园区: the quoted words are its name
        return quoted.start()
    start = head_start
    token = words.token(head_start)
    if token.idx < head_start and not _ends_zone_name(token):
        start = token.idx
    elif token.idx < head_start - 1 and token.tag_ == "c" and text[token.idx] in LIST_JOINERS:
        start = token.idx + 1  # LAC read 和某某工业园区 as one conjunction: the name starts after the joiner
    previous_zone_end = zones[-1].end if zones else -1
    while start > 0 and start > previous_zone_end:
        token = words.token(start - 1)
        if token.tag_ == "f" and len(token.text) == 1 and token.idx + 1 == head_start:
            start = token.idx  # 某某东片区, 某某西区: a direction before the head is part of the name
            continue
        opening = _bracketed_host(text, words, start, division_ends)
        if opening is not None and opening > previous_zone_end:
            start = opening  # 中国(某省)自由贸易试验区, 某市(某县)产业转移工业园: the brackets are in the name
            continue
        if (_ends_zone_name(token) and token.text not in lex["zone_use_words"]) or token.text in lex["zone_generic"] \
                or lex["zone_head_pattern"].fullmatch(token.text):
            break  # 在工业园区某某拓展区: a bare head before the name is a description of where it lies
        start = max(token.idx, previous_zone_end)
        if head_start - start > 14:
            break
    prefix = text[start:head_start]
    for generic in sorted(lex["zone_generic"], key=len, reverse=True):
        if prefix.startswith(generic):
            return None
    if prefix in TITLE_LEVEL and head not in lex["descriptive_zone_heads"]:  # 市开发区: the home place's
        return start
    if prefix.endswith(ROAD_HEADS):  # 某某路片区: the blocks along a street, not a zone
        return None
    # 市现代装备制造产业园区, 我县产业集聚区: the level character stands for the home place
    if prefix[:1] in TITLE_LEVEL and (len(prefix) > 1 or head in lex["zone_bare"]):
        start += 1
        prefix = prefix[1:]
    if not prefix and head in lex["zone_bare"] and not _generic_before(text, start, lex):
        return start
    if not prefix and _listed_with_a_town(text, start, head_start + len(head), lex):
        return start
    if len(prefix) < 2:
        return None
    return start


def _bracketed_host(text: str, words: Words, end: int, division_ends: set[int]) -> int | None:
    """Where the brackets ending at ``end`` open, when they hold a place (LAC LOC) after a division or the
    country: 中国(某省)自由贸易试验区, 某市(某市某县)产业转移工业园 (the builder, then the host in brackets); None
    otherwise (某钢(某市)工业园区: a company's plant named with its city; 一期(二期)工业园)."""
    if text[end - 1 : end] not in ")）":
        return None
    opening = max(text.rfind(mark, max(0, end - 12), end) for mark in "(（")
    inside = text[opening + 1 : end - 1]
    if opening < 1 or not inside or re.search(r"[()（）、，,。；;：:\s]", inside):
        return None
    return opening if words.tag(opening + 1) == "LOC" and (opening in division_ends or text.endswith(COUNTRY, 0, opening)) \
        else None


LISTED_TOWN = r"[^、，,。；;：:\s]{2,8}?(?:镇|乡|街道)"


def _listed_with_a_town(text: str, start: int, end: int, lex: dict) -> bool:
    """经济开发区、某某街道、某某镇 (or 某某镇、开发区): a bare head listed with a named town is the home place's
    own zone, the towns and the zone being the units of one county; not with 各乡镇 (a generic item)."""
    after = re.match("、(%s)(?=[、，,。；;和及以与]|$)" % LISTED_TOWN, text[end:])
    before = re.search("(?:^|[、，,。；;：:\\s])(%s)、$" % LISTED_TOWN, text[max(0, start - 10) : start])
    items = [m.group(1) for m in (after, before) if m is not None]
    return any(not item.startswith(tuple(lex["zone_generic"])) for item in items)


def _generic_before(text: str, start: int, lex: dict) -> bool:
    """全省高新区, 各经开区, and 全省经开区、高新区: a generic word before the bare head or before the bare heads
    listed ahead of it."""
    before = text[max(0, start - 12) : start]
    while before.endswith("、") and before[:-1].endswith(tuple(lex["zone_bare"])):
        before = before[:-1]
        before = before[: -len(next(h for h in lex["zone_bare"] if before.endswith(h)))]
    return before.endswith(tuple(lex["zone_generic"]))


def _ends_zone_name(token) -> bool:
    """Punctuation, verbs and the like; a year (2023年) too, but not a TIME word of a name (现代)."""
    if token.tag_ == "TIME":
        return any(ch.isdigit() for ch in token.text)
    return token.tag_ in ZONE_STOP_TAGS


def set_zone_parents(zones: list[Zone], home: Place | None, gaz: Gazetteer) -> None:
    """The place named inside the zone, else the place building it, else the zone right before it, else
    the place its sentence opens in (在某市期间), else the city of the counties it is listed with (某县、某新区、
    某县), else the home place; the zone the text says it is a part of (作为某某高新区的核心园区) before all."""
    previous: Zone | None = None
    for zone in zones:
        if zone.refers_to is not None:
            continue  # set below, from the zone it refers to
        for m in zone.inner:
            m.place = _city_rather_than_province(m, zone, gaz)
        inner = [m for m in zone.inner if m.place is not None]
        listed = gaz.by_full_name(zone.name)
        if listed and listed[0].level == "zone":
            zone.adcode, zone.parent = listed[0].adcode, listed[0].parent
        elif inner:
            zone.parent = _seat_named_alike(inner[-1], zone, gaz) or inner[-1].place
        elif zone.builder is not None and zone.builder.place is not None:
            zone.parent = zone.builder.place
        elif previous is not None and previous.end == zone.start:
            zone.parent = previous
        elif zone.scene is not None and zone.scene.place is not None:
            zone.parent = zone.scene.place
        elif _listed_among_counties(zone):
            zone.parent = zone.listed_with.place.parent
        else:
            zone.parent = home
        previous = zone
    for zone in zones:
        if zone.part_of is not None:
            (zone.refers_to or zone).parent = zone.part_of.refers_to or zone.part_of
    _as_referred(zones)


def _listed_among_counties(zone: Zone) -> bool:
    """Whether the division the zone is listed with is a county under a city (its siblings' parent)."""
    m = zone.listed_with
    return m is not None and m.place is not None and m.place.level == "county" and m.place.parent is not None


def _city_rather_than_province(m: Mention, zone: Zone, gaz: Gazetteer) -> Place | None:
    """吉林经开区: a short form naming a province and a city of it (吉林市), inside a zone's name, is the city
    (a zone lies in a city or below)."""
    if m.place is not None and m.short and m.place.level == "province":
        surface = zone.name[m.start - zone.start : m.end - zone.start]
        cities = [p for p in gaz.by_full_name(surface + "市") if p.parent is m.place]
        if len(cities) == 1:
            return cities[0]
    return m.place


def _seat_named_alike(m: Mention, zone: Zone, gaz: Gazetteer) -> Place | None:
    """恩施高新区: the bare short form of a prefecture (恩施州, 某某地区) that has a county-level city of the same
    name (恩施市, its seat) names a zone of that city; not 恩施州工业园区 (the prefecture's own), and a
    prefecture-level city (某某市) has no such child."""
    place = m.place
    level_char = zone.name[m.end - zone.start : m.end - zone.start + 1]
    if place is None or not m.short or place.level != "city" or not place.short or level_char in TITLE_LEVEL:
        return None
    seats = [c for c in gaz.children(place) if c.level == "county" and c.name == place.short + "市"]
    return seats[0] if len(seats) == 1 else None


def _as_referred(zones: list[Zone]) -> None:
    """A zone written short or again lies where the zone it refers to lies."""
    for zone in zones:
        if zone.refers_to is not None:
            zone.parent, zone.adcode = zone.refers_to.parent, zone.refers_to.adcode


def attach_to_opening_towns(zones: list[Zone], places: list[tuple[int, int, Place]]) -> None:
    """大瑶工业园区 opened by 大瑶 (大瑶镇, found after the zones), 某镇樱桃谷景区 right after its town, a zone
    whose name opens with the short form of a town the text names: the zone lies in that town, when the town
    lies in the parent it had."""
    towns = {start: place for start, _, place in places if place.level == "town"}
    towns_before = {end: place for _, end, place in places if place.level == "town"}
    by_short_form = {town_short_form(place.name): place for place in towns.values()
                     if len(town_short_form(place.name)) >= 2}
    for zone in zones:
        town = towns.get(zone.start) or towns_before.get(zone.start) or next(
            (place for short, place in by_short_form.items() if zone.name.startswith(short)), None)
        if town is not None and (zone.parent is None or isinstance(zone.parent, Place) and town.is_within(zone.parent)):
            zone.parent = town
    _as_referred(zones)


def regions(text: str, words: Words, lex: dict, zones: list[Zone]):
    """Named regions (京津冀, 长三角), except inside a zone's name (京津冀某某商务区) or a strategy's (长三角一体化)."""
    for region in lex["regions"]:
        for start in occurrences(region, text):
            if any(z.start <= start < z.end for z in zones) or text.startswith(
                    lex["region_strategies"], start + len(region)):  # 京津冀协同发展: a strategy
                continue
            if start in words.starts or words.tag(start) in GLUED_TAGS:
                yield start, start + len(region), region
