"""The kg_places component: places from province to village, named zones, and the document's home place.

Reading order, each step using what the previous ones found:

1. **Divisions by name** (provinces, cities, counties; full names and short forms) matched against the
   gazetteer at LAC word boundaries. Short forms (大同, 云州) need support: LAC tags them LOC, or a place
   they belong to is already in the document; common words (``lexicons/place_short_stopwords.txt``) never
   count on their own.
2. **Named zones**: [name]+head (``lexicons/place_zone_suffixes.txt``): 大同经开区, 苇泊起步区. A zone's
   parent is the place named inside it, else the place whose clause builds it (X县加快推进…小镇建设,
   ``lexicons/place_zone_builders.txt``), else the zone right before it, else the home place. A zone name
   followed by 项目/工程 names a project, and generic phrases (全省开发区, 各开发区) name no zone.
   到区内/在园区内 after a zone in its paragraph is a mention of that zone
   (``lexicons/place_zone_references.txt``).
3. **Home place** (``doc._.home_place``): the level comes from self-references (我市 → city, 我县 →
   county) and unprefixed titles (市委书记), the place from how often each city/county is named
   (directly, inside names, through its counties) with a bonus for the headline.
4. **Self-references** (我市, 全省) become place mentions of the home place or its ancestor.
5. **Towns and villages**, only under a county or town of the document (village names repeat across
   China), plus LAC LOC words ending in 镇/乡/村/社区 right after such a place.

Places inside organisation names (上海…科技有限公司, 太原锅炉厂) are not mentions, and neither are places
from another province used as modifiers of a name (杭州新能源氢能电池: where a company comes from).
Spans go to ``doc.spans["places"]`` with the canonical full name, ``level``, ``adcode`` and ``ancestors``
(``{"name", "level", "adcode"}`` from the province down to the direct parent).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from collections.abc import Iterator
from functools import lru_cache
from itertools import takewhile
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import read_lines
from kg.nlp.gazetteer import Gazetteer, Place, gazetteer
from kg.nlp.spans import add_span, text_of, tokens_of

LEXICONS = Path(__file__).with_name("lexicons")
ADMIN_LEVELS = ("province", "city", "county")
NAME_TAGS = frozenset({"n", "nz", "nw", "vn", "an", "a", "LOC", "ORG", "PER", "TIME", "j"})  # words inside names
PROPER_NAME_TAGS = frozenset({"LOC", "ORG", "PER", "nz"})
ZONE_STOP_TAGS = frozenset({"SPACE", "w", "v", "vd", "p", "c", "u", "r", "m", "q", "xc", "f", "s", "ad"})  # end a zone name
GLUED_TAGS = frozenset({"LOC", "ORG", "nz"})  # LAC name tokens that may hold a place glued to more text
PROJECT_HEADS = ("项目", "工程")  # a zone-like name followed by these is a project's name
_PHASE = re.compile(r"[(（]?[一二三四五六七八九十\d]+期")  # …小镇一期 too: a phase is built, a zone is not
TOWN_HEADS = ("镇", "乡", "街道")
GOVERNMENT_WORDS = ("委", "政府", "人大", "政协", "党委", "纪委")  # 大同市委: the place governs, it is named
TITLE_LEVEL = {"市": "city", "县": "county", "区": "county", "州": "city", "盟": "city", "旗": "county"}
_UNPREFIXED_TITLE = re.compile(r"([市县区州旗])(?:委书记|长)")


def _lexicon(name: str) -> tuple[str, ...]:
    return read_lines(LEXICONS / f"{name}.txt")


@lru_cache(maxsize=1)
def _lexicons() -> dict:
    zone_lines = [line.split("\t") for line in _lexicon("place_zone_suffixes")]
    zone_heads = sorted((fields[0] for fields in zone_lines), key=len, reverse=True)
    return {
        "zone_heads": zone_heads,
        "zone_head_pattern": re.compile("|".join(map(re.escape, zone_heads))),
        "descriptive_zone_heads": {fields[0] for fields in zone_lines if fields[1:] == ["described"]},
        "zone_generic": set(_lexicon("place_zone_generic")),
        "zone_builders": re.compile("(?:%s)+" % "|".join(map(re.escape, sorted(_lexicon("place_zone_builders"),
                                                                                key=len, reverse=True)))),
        "regions": sorted(_lexicon("place_regions"), key=len, reverse=True),
        "zone_reference": re.compile("(?:%s)(%s)" % tuple("|".join(sorted(_lexicon(name), key=len, reverse=True))
                                                          for name in ("place_zone_reference_leads",
                                                                       "place_zone_references"))),
        "self_refs": dict(line.split("\t") for line in _lexicon("place_self_references")),
        "stop": set(_lexicon("place_short_stopwords")),
        "name_heads": tuple(_lexicon("place_name_heads")),
        "short_followers": tuple(_lexicon("place_short_followers")),
    }


@dataclass
class Mention:
    start: int
    end: int
    candidates: list[Place]
    short: bool  # matched by a short form
    loc_tagged: bool = False  # LAC tagged exactly this word LOC
    place: Place | None = None
    in_name: bool = False  # part of an organisation name: evidence for the home place, not a mention


@dataclass
class Zone:
    start: int
    end: int
    name: str
    parent: Place | Zone | None
    adcode: str | None = None
    inner: list[Mention] = field(default_factory=list)
    described: bool = False  # its head also ends descriptions (产业园区): the name must show it is one
    builder: Mention | None = None  # the place whose clause builds the zone (X县加快推进…小镇建设)

    @property
    def ancestors(self) -> list[dict]:
        parent = self.parent
        if parent is None:
            return []
        if isinstance(parent, Zone):
            return [*parent.ancestors, {"name": parent.name, "level": "zone", "adcode": parent.adcode}]
        return [*(p.as_dict() for p in parent.ancestors), parent.as_dict()]


class Words:
    """LAC word boundaries and tags by character offset."""

    def __init__(self, doc: Doc):
        self.tokens = tokens_of(doc)
        self.starts = set(self.tokens.starts)
        self.ends = set(self.tokens.ends)
        self.text = text_of(doc)
        self.doc = doc

    def index(self, char: int) -> int:
        return self.tokens.at(min(char, len(self.text) - 1))

    def token(self, char: int):
        return self.doc[self.index(char)]

    def tag(self, char: int) -> str:
        return self.tokens.tags[self.index(char)]


@Language.factory("kg_places")
class PlaceRecognizer:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not text_of(doc):
            return doc
        found = find_places(doc)
        for start, end, name, attrs in found:  # spans only now: adding them may split LAC words
            add_span(doc, "places", start, end, "PLACE", name, **attrs)
        return doc


def find_places(doc: Doc) -> list[tuple[int, int, str, dict]]:
    """``(start, end, canonical name, span attributes)`` of every place; sets ``doc._.home_place``."""
    gaz = gazetteer()
    gaz.forget_villages_if_many()
    lex = _lexicons()
    words = Words(doc)
    text = text_of(doc)
    mentions = _division_mentions(text, words, gaz, lex)
    zones = _zones(text, words, mentions, lex, gaz)
    inside = [m for z in zones for m in z.inner]
    mentions = [m for m in mentions if m not in inside]
    context = _resolve(mentions + inside, gaz, [])
    home = _home_place(doc, mentions + inside, gaz, lex)
    if home is not None:
        context.append(home)
        _resolve(mentions + inside, gaz, context)
    doc._.home_place = home.name if home else None
    _drop_foreign_modifiers(mentions, words, home)
    _set_zone_parents(zones, home, gaz)

    found = [(m.start, _with_level_char(text, m), m.place) for m in mentions if m.place is not None and not m.in_name]
    if home is not None:
        found.extend(_self_references(text, home, lex))
    divisions = [m.place for m in mentions + inside if m.place is not None]
    taken = found + [(z.start, z.end, None) for z in zones]
    found.extend(_towns_and_villages(text, words, gaz, divisions + ([home] if home else []), taken))
    found = _short_forms_of_towns(text, _outermost(found))
    spans = [(start, end, *_named(text[start:end], place)) for start, end, place in found]
    spans.extend((start, end, z.name, {"level": "zone", "adcode": z.adcode, "ancestors": z.ancestors})
                 for z in zones for start, end in ((z.start, z.end), *_zone_references(text, z, zones, lex)))
    spans.extend((start, end, region, {"level": "zone", "adcode": None, "ancestors": []})
                 for start, end, region in _regions(text, words, lex))
    if home is not None:  # the home place goes by the name its mentions carry (红河州)
        doc._.home_place = next((name for *_, name, attrs in spans if attrs.get("adcode") == home.adcode
                                 and home.adcode), home.name)
    return sorted(spans, key=lambda span: span[:2])


def _with_level_char(text: str, m: Mention) -> int:
    """湘西州, 大同市: a short form written with its level character keeps it in the span."""
    return m.end + 1 if m.short and text[m.end : m.end + 1] == m.place.name[-1:] else m.end


def _named(written: str, place: Place) -> tuple[str, dict]:
    """Canonical name and attributes of a mention. Autonomous units are known by their short name with
    the level character (红河州 for 红河哈尼族彝族自治州, 恩施州, 长阳县): news and readers use that name,
    so it is the label and the gazetteer's full name an alias; other short forms (大同) take the full name."""
    attrs = _attrs(place)
    if "自治" in place.name and written != place.name and written[-1:] == place.name[-1:] and len(written) > 2:
        return written, {**attrs, "aliases": [place.name]}
    return place.name, attrs


def _attrs(place: Place) -> dict:
    return {"level": place.level, "adcode": place.adcode, "ancestors": [a.as_dict() for a in place.ancestors]}


# ------------------------------------------------------------------------------------ 1. divisions


def _division_mentions(text: str, words: Words, gaz: Gazetteer, lex: dict) -> list[Mention]:
    """Leftmost-longest gazetteer names at word boundaries; the longest name that fits the words wins."""
    mentions: list[Mention] = []
    i, n = 0, len(text)
    while i < n:
        found = None
        if text[i : i + 2] not in gaz.name_heads:
            i += 1
            continue
        for length in range(min(12, n - i), 1, -1):
            surface = text[i : i + length]
            if surface not in gaz.names:
                continue
            full = [p for p in gaz.by_full_name(surface) if p.level in ADMIN_LEVELS or p.adcode]
            if not full and surface.endswith(TOWN_HEADS):  # a town whose name is unique in China
                towns = gaz.by_full_name(surface)
                full = towns if len(towns) == 1 and towns[0].level == "town" else []
            short = [p for p in gaz.by_short_name(surface) if p.level in ADMIN_LEVELS]
            if not (full or short) or surface in lex["stop"]:
                continue
            if _fits_words(i, i + length, text, words, mentions, short=not full):
                token = words.token(i)
                loc = token.tag_ == "LOC" and token.idx == i and len(token.text) == length
                found = Mention(i, i + length, full or short, short=not full, loc_tagged=loc)
                break
        if found is None:
            i += 1
            continue
        found.in_name = _inside_organisation_name(found, text, words, lex)
        mentions.append(found)
        i = found.end
    return mentions


def _fits_words(start: int, end: int, text: str, words: Words, before: list[Mention], short: bool) -> bool:
    """A name must start and end at LAC word boundaries, unless LAC glued it into a name token."""
    glued_start = words.tag(start) in GLUED_TAGS and not short  # 中永兴…: a short form inside a word
    after_place = bool(before) and before[-1].end == start
    if start not in words.starts and not (glued_start or after_place):
        return False
    if short and text.startswith(_lexicons()["short_followers"], end):  # 东平镇, 黑河下游: not the division
        return False
    if end in words.ends or end == len(text):
        return True
    if text.startswith(GOVERNMENT_WORDS, end):
        return True
    last = words.token(end - 1)
    return last.tag_ in GLUED_TAGS and last.idx <= start if short else last.tag_ in GLUED_TAGS


def _inside_organisation_name(m: Mention, text: str, words: Words, lex: dict) -> bool:
    """True when the name words after the place end in an organisation head (…有限公司, …厂)."""
    token = words.token(m.start)
    if token.tag_ == "ORG" and token.text.endswith(lex["name_heads"]):
        return True
    if text[m.start - 1 : m.start] in "(（" and text[m.end : m.end + 1] in ")）":
        return text.startswith(lex["name_heads"], m.end + 1) or words.tag(m.end + 1) == "ORG"
    i = m.end
    while i < len(text):
        token = words.token(i)
        if token.tag_ not in NAME_TAGS:
            return False
        if token.text.endswith(lex["name_heads"]):
            return True
        i = token.idx + len(token.text)
    return False


def _resolve(mentions: list[Mention], gaz: Gazetteer, context: list[Place]) -> list[Place]:
    """Pick each mention's place: unambiguous full names first, then the others in their light."""
    settled = list(context)
    pending = []
    for m in mentions:
        if not m.short and len(m.candidates) == 1:
            m.place = m.candidates[0]
            settled.append(m.place)
        else:
            m.place = None
            pending.append(m)
    changed = True
    while changed:
        changed = False
        for m in pending:
            if m.place is not None:
                continue
            best = max(m.candidates, key=lambda p: gaz.fit(p, settled, full_name=not m.short))
            if _supported(m, best, gaz.fit(best, settled)[0]):
                m.place = best
                settled.append(best)
                changed = True
    return settled


def _supported(m: Mention, place: Place, closeness: int) -> bool:
    """Full names always count; a short form needs LAC's LOC tag or a place of the document around it.

    closeness (see :meth:`Gazetteer.fit`): 1 same province as a place seen, 3 inside a city or county seen.
    """
    if not m.short or place.level == "province":
        return True
    if place.level == "city":
        return m.loc_tagged or closeness >= 1
    return closeness >= 3 or (m.loc_tagged and closeness >= 1)


# ---------------------------------------------------------------------------------------- 2. zones


def _zones(text: str, words: Words, mentions: list[Mention], lex: dict, gaz: Gazetteer) -> list[Zone]:
    zones: list[Zone] = []
    head_pattern = lex["zone_head_pattern"]
    i = 0
    while i < len(text):
        found = head_pattern.search(text, i)  # the first head (in lexicon order) at the next position having one
        if found is None:
            break
        i, head = found.start(), found.group()
        end = i + len(head)
        start = _zone_start(text, words, i, zones, lex)
        i = end
        if text.startswith(PROJECT_HEADS, end) or _PHASE.match(text, end) or start is None:
            continue
        if any(p.level != "zone" for p in gaz.by_full_name(text[start:end])):  # 滨海新区 is a district
            continue
        start = _without_leading_division(start, end - len(head), mentions)
        inner = [m for m in mentions if start <= m.start < end]
        zone = Zone(start, end, text[start:end], None, inner=inner)
        zone.described = head in lex["descriptive_zone_heads"]
        zone.builder = _builder(mentions, start, text, lex)
        zones.append(zone)
    zone_ends = {z.end for z in zones}
    named = {z.name for z in zones
             if not z.described or z.builder or _has_proper_name(z, text, words, zone_ends)}
    return [z for z in zones if z.name in named]


def _without_leading_division(start: int, head_start: int, mentions: list[Mention]) -> int:
    """江苏省常州经济开发区 is 常州经济开发区 of 江苏省: a division named in full before a name that still
    has its own words (常州) is a place of its own; 许昌经济开发区, 某市经济开发区 keep theirs."""
    for m in mentions:
        if m.start == start and not m.short and head_start - m.end >= 2:
            start = m.end
    return start


def _zone_references(text: str, zone: Zone, zones: list[Zone], lex: dict):
    """到区内…现场, 在园区内: the zone named last before, in the same paragraph, is where the visit goes."""
    paragraph_end = text.find("\n", zone.end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    following = [z.start for z in zones if z.start >= zone.end]
    stop = min([paragraph_end, *following])
    for match in lex["zone_reference"].finditer(text, zone.end, stop):
        yield match.start(1), match.end(1)


def _builder(mentions: list[Mention], zone_start: int, text: str, lex: dict) -> Mention | None:
    """The place right before the zone's name when only building words stand between (平定县加快推进…):
    the zone is that place's own, so it is a name and lies in that place."""
    before = [m for m in mentions if m.end <= zone_start and not m.in_name]
    if not before:
        return None
    between = text[before[-1].end : zone_start]
    return before[-1] if between and lex["zone_builders"].fullmatch(between) else None


def _has_proper_name(zone: Zone, text: str, words: Words, zone_ends: set[int]) -> bool:
    """智能产业园区 is a description; 苇泊起步区, 大同经开区 and 市…产业园区 (the city's own) are names.

    Right after another zone (…示范区冻干食品小镇) a described name is a site in that zone, a project,
    unless a place is named inside it."""
    if zone.inner:
        return True
    if zone.start in zone_ends:
        return False
    if text[zone.start - 1 : zone.start] in TITLE_LEVEL:
        return True
    return any(words.tag(i) in PROPER_NAME_TAGS for i in range(zone.start, zone.end))


def _zone_start(text: str, words: Words, head_start: int, zones: list[Zone], lex: dict) -> int | None:
    """Where the zone's name begins: name words left of the head, up to punctuation, a verb or a zone."""
    start = head_start
    token = words.token(head_start)
    if token.idx < head_start and token.tag_ not in ZONE_STOP_TAGS:
        start = token.idx
    previous_zone_end = zones[-1].end if zones else -1
    while start > 0 and start > previous_zone_end:
        token = words.token(start - 1)
        if token.tag_ in ZONE_STOP_TAGS or token.text in lex["zone_generic"]:
            break
        start = max(token.idx, previous_zone_end)
        if head_start - start > 14:
            break
    prefix = text[start:head_start]
    for generic in sorted(lex["zone_generic"], key=len, reverse=True):
        if prefix.startswith(generic):
            return None
    if prefix[:1] in TITLE_LEVEL and len(prefix) > 1:  # 市现代装备制造产业园区: 市 stands for the home place
        start += 1
        prefix = prefix[1:]
    if len(prefix) < 2:
        return None
    return start


def _set_zone_parents(zones: list[Zone], home: Place | None, gaz: Gazetteer) -> None:
    """The place named inside the zone, else the place building it, else the zone right before it, else
    the home place."""
    previous: Zone | None = None
    for zone in zones:
        inner = [m.place for m in zone.inner if m.place is not None]
        listed = gaz.by_full_name(zone.name)
        if listed and listed[0].level == "zone":
            zone.adcode, zone.parent = listed[0].adcode, listed[0].parent
        elif inner:
            zone.parent = inner[-1]
        elif zone.builder is not None and zone.builder.place is not None:
            zone.parent = zone.builder.place
        elif previous is not None and previous.end == zone.start:
            zone.parent = previous
        else:
            zone.parent = home
        previous = zone


# ----------------------------------------------------------------------------------- 3. home place


def _home_place(doc: Doc, mentions: list[Mention], gaz: Gazetteer, lex: dict) -> Place | None:
    """The city or county the article is written from (what 我市 / 我县 refer to)."""
    text = text_of(doc)
    level_votes: Counter[str] = Counter()
    for word, level in lex["self_refs"].items():
        if level != "province":
            level_votes[level] += text.count(word) * (1 if word.startswith("全") else 3)
    for match in _UNPREFIXED_TITLE.finditer(text):
        if match.start() == 0 or not _is_place_char_before(text, match.start(), mentions):
            level_votes[TITLE_LEVEL[match.group(1)]] += 1
    headline = (doc._.clean.headline if doc._.clean is not None else None) or text.split("\n", 1)[0]
    scores: Counter[int] = Counter()
    places: dict[int, Place] = {}
    for m in mentions:
        place = m.place
        if place is None:
            continue
        weight = 2 if text.startswith(GOVERNMENT_WORDS, m.end) or m.end <= len(headline) else 1
        for depth, node in enumerate(reversed((*place.ancestors, place))):
            if node.level in ("city", "county"):
                places[id(node)] = node
                scores[id(node)] += weight / (1 + depth)
    if not scores:
        return None
    level_votes = +level_votes  # words that do not occur cast no vote
    wanted = level_votes.most_common(1)[0][0] if level_votes else None
    visitors = _visitors_places(text, mentions)
    hosts = [k for k in scores if places[k] not in visitors] or list(scores)

    def fits(place: Place) -> bool:  # a county-level city calls itself 我市 too, when it hosts a visitor
        return place.level == wanted or (wanted == "city" and bool(visitors) and place.name.endswith("市"))

    ranked = sorted(hosts, key=lambda k: (fits(places[k]), scores[k]), reverse=True)
    return places[ranked[0]]


_TO_OWN_PLACE = re.compile(r"(?:到|来到|莅临|赴|来)(?:我|本)[市县区州旗]")


def _visitors_places(text: str, mentions: list[Mention]) -> list[Place]:
    """吉林市委书记…到我市调研: the visitor's place (named before 委/政府 in the sentence) is not 我市."""
    found: list[Place] = []
    for match in _TO_OWN_PLACE.finditer(text):
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。！？\n") + 1
        found.extend(m.place for m in mentions if m.place is not None and sentence_start <= m.start
                     and m.end <= match.start() and text.startswith(GOVERNMENT_WORDS, m.end))
    return found


def _is_place_char_before(text: str, index: int, mentions: list[Mention]) -> bool:
    return any(m.end == index for m in mentions) or text[index - 1] in "省市县区"


def _self_references(text: str, home: Place, lex: dict):
    for word, level in lex["self_refs"].items():
        target = next((p for p in (home, *reversed(home.ancestors)) if p.level == level), None)
        if level == "city" and home.name.endswith("市"):
            target = home  # a county-level city calls itself 我市
        if target is None:
            continue
        for match in re.finditer(re.escape(word) + r"(?![场域])", text):
            yield match.start(), match.end(), target


# -------------------------------------------------------------------------------- modifiers, towns


def _drop_foreign_modifiers(mentions: list[Mention], words: Words, home: Place | None) -> None:
    """A place of another province right before a name word is where a company comes from."""
    if home is None:
        return
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.place is None or m.place.province is home.province:
            continue
        end = m.end
        while end in by_start:  # 江苏常熟高端…: look past a chain of places
            end = by_start[end].end
        glued = end not in words.starts and words.tag(end - 1) in GLUED_TAGS  # 山东中泰环境科技 as one word
        if glued or (end < len(words.text) and words.tag(end) in NAME_TAGS - {"LOC"}):
            m.place = None


def _towns_and_villages(text: str, words: Words, gaz: Gazetteer, context: list[Place], taken_spans):
    """Towns under a county (or city) of the document, villages under a county or town of it."""
    counties = {id(p): p for p in context if p.level in ("county", "zone")}
    cities = {id(p): p for p in context if p.level == "city"}
    towns: dict[str, list[Place]] = {}
    for county in counties.values():
        for town in gaz.children(county):
            towns.setdefault(town.name, []).append(town)
    for city in cities.values():
        city_towns: Counter[str] = Counter()
        members: dict[str, Place] = {}
        for county in gaz.children(city):
            for town in gaz.children(county):
                city_towns[town.name] += 1
                members[town.name] = town
        for name, count in city_towns.items():
            if count == 1 and name not in towns and len(name) >= 3:
                towns[name] = [members[name]]
    covered = {i for start, end, _ in taken_spans for i in range(start, end)}
    found = [hit for hit in _scan(text, words, towns) if hit[0] not in covered]
    seen_towns = [place for _, _, place in found]
    villages: dict[str, list[Place]] = {}
    for parent in [*counties.values(), *seen_towns]:
        for name, group in gaz.villages_by_name(parent).items():
            if len(name) >= 3:
                known = villages.get(name)
                if known is None:
                    villages[name] = list(group)  # a village lies in one town: no place twice in a group
                else:
                    known.extend(v for v in group if v not in known)
    for start, end, village in _scan(text, words, villages, prefer=seen_towns):
        if start not in covered:
            found.append((start, end, village))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    home_counties = [p for p in context[-1:] if p.level == "county"]  # the home place comes last
    all_towns = seen_towns + [p for _, _, p in taken_spans if p is not None and p.level == "town"]
    named = {id(place) for _, _, place in found}
    for start, end, village in _village_short_forms(text, words, gaz, home_counties, all_towns, named):
        if not covered & set(range(start, end)):
            found.append((start, end, village))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    found.extend(_listed_siblings(text, words, gaz, found, covered))
    return found


def _listed_siblings(text: str, words: Words, gaz: Gazetteer, villages: list[tuple[int, int, Place]],
                     covered: set[int]):
    """Natural villages the gazetteer lacks, listed with villages it has: in 甲峪红叶、乙家窑窑院、丙寺碑楼和
    丁池观光, two items open with villages of one county, so 甲峪 and 丁池 are places of that county too.

    An unknown item counts when its first word is a LAC place word, or when the list is parallel: every
    known item is a village plus a word, and the unknown item is a name word plus one word.
    """
    by_start = {start: (end, place) for start, end, place in villages if place.level in ("village", "town")}
    if len(by_start) < 2:  # no list can hold two of them
        return
    for items in _coordinated_items(text, words):
        known = [(item, *by_start[item[0]]) for item in items if item[0] in by_start]
        if len(known) < 2 or 2 * len(known) < len(items):
            continue
        parent = _shared_parent([place for *_, place in known])
        if parent is None:
            continue
        parallel = all(item[1] > end for item, end, _ in known)
        for start, end in items:
            if start in covered:  # a place already: a known village, or a division named in the list
                continue
            first = words.token(start)
            name = first.text
            if first.idx != start or not 2 <= len(name) <= 4 or gaz.by_full_name(name):
                continue
            rest = text[start + len(name) : end]
            two_words = bool(rest) and words.token(end - 1).idx == start + len(name)
            if first.tag_ == "LOC" or (parallel and two_words and first.tag_ in ("n", "nz")):
                yield start, start + len(name), Place(name, "village", None, None, parent)


def _coordinated_items(text: str, words: Words) -> Iterator[list[tuple[int, int]]]:
    """The name-word items of each 、-list: (start, end) of A, B and C in 打造出A、B和C等."""
    for clause in re.finditer(r"[^，。；：！？,;:!?\n]+", text):
        parts = clause.group().split("、")
        if len(parts) < 2:
            continue
        items, position = [], clause.start()
        for number, part in enumerate(parts):
            start, end = position, position + len(part)
            position = end + 1
            if number == len(parts) - 1:  # …和D等: the last item ends at 和/及/与, and again at a non-name word
                conjunction = next((t for t in _tokens(words, start, end) if t.tag_ == "c"), None)
                if conjunction is not None:
                    items.append(_name_words(words, start, conjunction.idx, from_end=False))
                    start = conjunction.idx + len(conjunction.text)
                items.append(_name_words(words, start, end, from_end=False))
            else:
                items.append(_name_words(words, start, end, from_end=number == 0))
        yield [item for item in items if item[1] > item[0]]


def _tokens(words: Words, start: int, end: int):
    i = start
    while i < end:
        token = words.token(i)
        yield token
        i = token.idx + len(token.text)


def _name_words(words: Words, start: int, end: int, from_end: bool) -> tuple[int, int]:
    """The run of name words that ends the span (first item: 打造出A) or starts it (last item: D等)."""
    tokens = [t for t in _tokens(words, start, end) if t.idx >= start and t.idx + len(t.text) <= end]
    kept = list(takewhile(lambda token: token.tag_ in NAME_TAGS, reversed(tokens) if from_end else tokens))
    if not kept:
        return start, start
    first, last = min(kept, key=lambda t: t.idx), max(kept, key=lambda t: t.idx)
    return first.idx, last.idx + len(last.text)


def _shared_parent(places: list[Place]) -> Place | None:
    """The deepest place (a county or below) that holds every one of ``places``."""
    first = places[0]
    shared = [a for a in first.ancestors if all(p.is_within(a) for p in places)]
    return shared[-1] if shared and shared[-1].level not in ("province", "city") else None


def _outermost(found: list[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    """永兴镇 read under the county, 兴镇 (a town elsewhere) inside it where LAC split 永|兴镇: the outer one."""
    return [(start, end, place) for start, end, place in found
            if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in found)]


def _short_forms_of_towns(text: str, found: list[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    """来到古田镇…古田红色文旅工程: a short form that is also the name of a town the document names is that
    town, not the county elsewhere in the country (古田县) that has the same short form."""
    towns = {place.name: place for _, _, place in found if place.level == "town"}
    out = []
    for start, end, place in found:
        surface = text[start:end]
        if place.level in ADMIN_LEVELS and surface != place.name:
            place = next((towns[surface + head] for head in TOWN_HEADS if surface + head in towns), place)
        out.append((start, end, place))
    return out


def _village_short_forms(text: str, words: Words, gaz: Gazetteer, counties: list[Place], towns: list[Place],
                         named: set[int]):
    """郝家窑 for 郝家窑村 of a county of the document, where LAC starts a place word with it.

    The text names a (natural) village without 村: the span keeps that name and the village's ancestors,
    unless the document names the village in full too (好川村 … 好川遗址公园): then it is that village.
    """
    shorts: dict[str, list[Place]] = {}
    for county in counties:
        for name, group in gaz.villages_by_name(county).items():
            if name.endswith("村") and len(name) >= 3:
                shorts.setdefault(name[:-1], []).extend(group)
    for start, end, village in _scan(text, words, shorts, prefer=towns, min_length=2):
        token = words.token(start)
        shortened_town = any(t.name.startswith(text[start:end]) for t in towns)  # 港门 of 港门镇
        if token.tag_ == "LOC" and token.idx == start and text[end : end + 1] != "村" and not shortened_town:
            if id(village) in named:
                yield start, end, village
            else:
                yield start, end, Place(text[start:end], "village", None, None, village.parent)


def _scan(text: str, words: Words, names: dict[str, list[Place]], prefer: list[Place] = (), min_length: int = 3):
    """Leftmost-longest occurrences of ``names`` that start at a word boundary."""
    if not names:
        return
    longest = max(map(len, names))
    openings = {name[:min_length] for name in names}  # a position starting none of these starts no name
    i = 0
    while i < len(text):
        if text[i : i + min_length] not in openings:
            i += 1
            continue
        for length in range(min(longest, len(text) - i), min_length - 1, -1):
            candidates = names.get(text[i : i + length])
            if candidates and (i in words.starts or words.tag(i) in GLUED_TAGS):
                under = [c for c in candidates if any(c.is_within(p) for p in prefer)] or candidates
                place = under[0] if len(under) == 1 else _common_part(under)
                yield i, i + length, place
                i += length - 1
                break
        i += 1


def _common_part(places: list[Place]) -> Place:
    """Same-named villages of one county: keep the village but attach it to what they share."""
    first = places[0]
    shared = [a for a in first.ancestors if all(a in p.ancestors for p in places)]
    return Place(first.name, first.level, first.adcode, first.short, shared[-1] if shared else None)


def _regions(text: str, words: Words, lex: dict):
    for region in lex["regions"]:
        for match in re.finditer(re.escape(region), text):
            if match.start() in words.starts or words.tag(match.start()) in GLUED_TAGS:
                yield match.start(), match.end(), region
