"""Step 3: the home place (what 我市 / 我县 refer to) and the self-references that name it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc

from kg.lexicon import occurrences
from kg.nlp.gazetteer import Gazetteer, Place
from kg.nlp.places.lexicons import (
    GOVERNMENT_WORDS,
    LEVEL_CHARS,
    PROPER_NAME_TAGS,
    PROVINCIAL_TITLE,
    TITLE_LEVEL,
    TOWN_HEADS,
    UNPREFIXED_TITLE,
    town_short_form,
)
from kg.nlp.places.mentions import Mention, Words
from kg.nlp.places.zones import Zone
from kg.nlp.spans import Tokens, text_of, tokens_of

# a management district (某某管理区) has its own 区党委 and 管委会 like a county, whatever level the gazetteer files it at
_MANAGEMENT_DISTRICT = "管理区"


def home_place(doc: Doc, mentions: list[Mention], zones: list[Zone], gaz: Gazetteer, lex: dict) -> Place | None:
    """The place the article is written from (what 我市 / 我县 refer to): the place of the page's source
    line, masthead or dateline, else the province, city or county the body points to."""
    clean = doc._.clean
    source = clean.source_line if clean is not None else None
    from_source = source_place(source, mentions, gaz, lex) if source else None
    if from_source is None and clean is not None:
        from_source = _masthead_place(clean.masthead, mentions, gaz, lex)
    text = text_of(doc)
    from_body, at_wanted_level = _body_home(text, doc, mentions, zones, gaz, lex)
    if from_source is None:
        home = from_body
    elif from_body is not None and at_wanted_level and from_body.is_within(from_source):
        home = from_body  # a province's broadcaster writing of 我市: the city
    elif from_body is not None and at_wanted_level is None and _county_of_city_page(from_body, from_source, text,
                                                                                   mentions):
        home = from_body
    else:
        home = from_source
    return _own_town(text, home, mentions, gaz, lex) or home


def _county_of_city_page(county: Place, city: Place, text: str, mentions: list[Mention]) -> bool:
    """A city's media (某州信息港) writing of one of its counties, whose officials or organs act (某县政协副主席),
    with no word of anyone's own level (no 我市, no bare 县长): the page is about the county, the most specific
    place it knows."""
    return city.level == "city" and county.level == "county" and county.is_within(city) and any(
        m.place is county and text.startswith(GOVERNMENT_WORDS, m.end) for m in mentions)


def _own_town(text: str, home: Place | None, mentions: list[Mention], gaz: Gazetteer, lex: dict) -> Place | None:
    """某镇召开现场会…推动全镇上下: a page that speaks of its own town (全镇, 我乡) and of no county or city as its
    own (我县, 全市, a bare 县长) is the town's: the one town of ``home`` it names in full."""
    if home is None or home.level == "town" or not any(word in text for word in lex["town_self_refs"]):
        return None
    if any(word in text for word in lex["self_refs"]) or any(
            not _named_before(text, match.start(), mentions) for match in UNPREFIXED_TITLE.finditer(text)):
        return None
    towns = {town for town in _towns_within(home, gaz) if town.name in text}
    return towns.pop() if len(towns) == 1 else None


def _towns_within(place: Place, gaz: Gazetteer) -> Iterator[Place]:
    """The towns of a county, or of every county of a city."""
    for child in gaz.children(place):
        if child.level == "town":
            yield child
        elif child.level == "county":
            yield from _towns_within(child, gaz)


def _body_home(text: str, doc: Doc, mentions: list[Mention], zones: list[Zone], gaz: Gazetteer,
               lex: dict) -> tuple[Place | None, bool | None]:
    """The city or county the body points to (the province of a provincial paper), and whether it is at the
    level its self-references want (None when no word tells a level)."""
    level_votes: Counter[str] = Counter()
    for word, level in lex["self_refs"].items():
        level_votes[level] += text.count(word) * (1 if word.startswith("全") else 3)
    for match in UNPREFIXED_TITLE.finditer(text):
        if not _named_before(text, match.start(), mentions):
            level_votes[TITLE_LEVEL[match.group(1)]] += 1
    level_votes["province"] += sum(1 for match in PROVINCIAL_TITLE.finditer(text)
                                   if not _named_before(text, match.start(), mentions))
    headline = (doc._.clean.headline if doc._.clean is not None else None) or text.split("\n", 1)[0]
    scores: Counter[int] = Counter()
    places: dict[int, Place] = {}
    away = _away_places(text, mentions, lex)
    for m in mentions:
        place = m.place
        if place is None or place in away:  # neither the visitors' county nor its city is the home place
            continue
        weight = 2 if text.startswith(GOVERNMENT_WORDS, m.end) or m.end <= len(headline) else 1
        for depth, node in enumerate(reversed((*place.ancestors, place))):
            if node.level in ("city", "county"):
                places[id(node)] = node
                scores[id(node)] += weight / (1 + depth)
    for key, node in places.items():
        if node.level == "county":
            scores[key] += _named_towns(doc, node, gaz)
    province_votes = level_votes.pop("province", 0)
    level_votes = +level_votes  # words that do not occur cast no vote
    # a tie goes to the county: the home place is the most specific level the text knows
    wanted = max(level_votes, key=lambda level: (level_votes[level], level == "county")) if level_votes else None
    if not scores:
        own = _only_short_form_at(doc, wanted, mentions, gaz)
        if own is None and wanted is not None:
            own = _only_municipality(mentions)
        if own is None and wanted == "county":
            own = _county_of_zone_towns(zones, gaz)
            if own is None:
                return _only_city_reading(text, mentions, lex), False
        return own, own is not None
    hosts = [k for k in scores if places[k] not in away] or list(scores)
    arrived = {place for place in _arrival_places(text, mentions) if place not in away}
    if len(arrived) == 1:
        return arrived.pop(), True  # 考察团来某县考察: the article is written where the visitors come
    if province_votes and sum(level_votes.values()) == _sweeping_words(text, lex):
        # 省长某某到A市、B县调研 with no 我市 nor bare 市委书记 (全市 may be quoted from a speech): a provincial paper
        return places[max(hosts, key=scores.__getitem__)].province, True

    def fits(place: Place) -> bool:  # a county-level city calls itself 我市 too
        return place.level == wanted or (wanted == "city" and place.name.endswith("市"))

    ranked = sorted(hosts, key=lambda k: (fits(places[k]), scores[k]), reverse=True)
    best = places[ranked[0]]
    if wanted == "city" and not fits(best) and _is_municipality(best.parent):
        return best.parent, True  # 我市 of a 天津 paper touring its districts: the municipality
    if wanted == "city" and best.level == "city":
        own_city = {m.place.parent for m in mentions if m.place is not None and m.place.level == "town"
                    and fits(m.place.parent) and m.place.parent.is_within(best)
                    and not _after_its_county(m, mentions)}
        if len(own_city) == 1:
            return own_city.pop(), True  # 市委书记到某镇调研, the town of a county-level city: that city's paper
    if wanted == "city" and best.level == "county" and best.parent is not None and best.parent.level == "city" \
            and _visited_by_city_officials(text, best, mentions, lex):
        return best.parent, True  # 市长调研某市, a county-level city: the paper is its prefecture's
    if wanted == "county" and "旗" in _own_level_chars(text, mentions, lex) and not best.name.endswith("旗"):
        banner = _banner_written_short(text, best if best.level == "city" else best.parent, gaz)
        if banner is not None:
            return banner, True  # 我旗 … 中旗: the banner is called by its short form only
    if wanted == "county" and "区" in _own_level_chars(text, mentions, lex) and not best.name.endswith("区"):
        districts = {m.place for m in mentions if m.place is not None and m.place not in away
                     and m.place.name.endswith(_MANAGEMENT_DISTRICT)}
        if len(districts) == 1:
            return districts.pop(), True  # 区党委书记 … 某某管理区: the management district is the page's 区
    return best, fits(best) if wanted is not None else None



def _visited_by_city_officials(text: str, place: Place, mentions: list[Mention], lex: dict) -> bool:
    """市长调研某市, 市委书记到某市调研: officials of a bare 市 title go to ``place``, so it is not their own 市."""
    return (LEVEL_RANK["city"], place) in _toured_places(text, mentions, lex)


def _toured_places(text: str, mentions: list[Mention], lex: dict) -> list[tuple[int, Place]]:
    """(the visitors' rank, a place) for each place named right after a visit verb (调研某县, 到某市) when a bare
    title (市长, 省委书记) earlier in the sentence says the visitors are the article's own officials."""
    toured = []
    for m in mentions:
        if m.place is not None and text.endswith(lex["visit_verbs"], 0, m.start):
            visitors = _travellers_level(text, _sentence_start(text, m.start), m.start, mentions)
            if visitors is not None:
                toured.append((visitors, m.place))
    return toured


def _own_level_chars(text: str, mentions: list[Mention], lex: dict) -> set[str]:
    """The level characters the text speaks of its own place with (旗 of 我旗, 全旗, a bare 旗长)."""
    chars = {word[-1] for word in lex["self_refs"] if word in text}
    return chars | {match.group(1) for match in UNPREFIXED_TITLE.finditer(text)
                    if not _named_before(text, match.start(), mentions)}


# the side words of a banner's name kept in its short forms (乌拉特中旗 → 中旗, 察哈尔右翼后旗 → 察右后旗)
_BANNER_SIDES = "前中后左右"


def _banner_written_short(text: str, city: Place | None, gaz: Gazetteer) -> Place | None:
    """The one banner of ``city`` that the text calls by a short form: its side and 旗 (中旗), its first
    character and 旗 (达旗 of 达拉特旗), or its first character, wing and side (察右后旗, 鄂前旗)."""
    if city is None:
        return None
    written = []
    for banner in gaz.children(city):
        name = banner.name
        if not name.endswith("旗") or len(name) < 4:
            continue
        forms = {name[0] + "旗"}
        if name[-2] in _BANNER_SIDES:
            forms |= {name[-2:], name[0] + name[-2:]}
            if "翼" in name:
                forms.add(name[0] + name[name.index("翼") - 1] + name[-2:])
        if any(next(occurrences(form, text, unless_followed_by="帜"), -1) >= 0 for form in forms):  # not 手中旗帜
            written.append(banner)
    return written[0] if len(written) == 1 else None


def _after_its_county(town: Mention, mentions: list[Mention]) -> bool:
    """某某市某镇: the town is written after its county, so it does not tell whose paper it is."""
    return any(m.end == town.start and m.place is town.place.parent for m in mentions)


def home_zone(text: str, zones: list[Zone], mentions: list[Mention], lex: dict) -> str | None:
    """The development zone an article is written from: the one zone whose 党工委 or 管委会 the body names
    (某经开区党工委书记; 区党工委书记 with one zone named), when nothing speaks of a city or county as the
    article's own (我市, 全县, a bare 市委书记 or 县长). None otherwise."""
    if any(word in text for word in lex["self_refs"]) or any(
            not _named_before(text, match.start(), mentions) for match in UNPREFIXED_TITLE.finditer(text)):
        return None
    named = {zone.refers_to.name if zone.refers_to else zone.name: zone for zone in zones}
    governed = {name for name, zone in named.items() if text.startswith(lex["zone_government"], zone.end)}
    if not governed and len(named) == 1 and any("区" + word in text for word in lex["zone_government"]):
        governed = set(named)
    return governed.pop() if len(governed) == 1 else None


def _only_municipality(mentions: list[Mention]) -> Place | None:
    """我区 … 重庆 with no district named: the one municipality the body names (more than once: a project
    named after it, such as 北京某某回迁安置区, may lie elsewhere), the most specific place known (its
    districts and counties have no city above them, so 我市 is the municipality itself)."""
    named = [m.place for m in mentions if m.place is not None]
    return named[0] if len(set(named)) == 1 and len(named) > 1 and _is_municipality(named[0]) else None


def _is_municipality(place: Place | None) -> bool:
    """北京市, 重庆市: a province-level city, whose districts and counties have no city above them."""
    return place is not None and place.level == "province" and place.name.endswith("市")


def _sweeping_words(text: str, lex: dict) -> int:
    """How often 全市, 全县 occur: they are said of any place, the visited city's too."""
    return sum(text.count(word) for word, level in lex["self_refs"].items()
               if word.startswith("全") and level != "province")


def _named_before(text: str, index: int, mentions: list[Mention]) -> bool:
    """吉林省委书记, 大同市长, 宁夏回族自治区主席: a place is named before the title's level word (or around it),
    so the title tells nothing of the paper's own place."""
    return index > 0 and (_is_place_char_before(text, index, mentions) or any(m.start <= index < m.end for m in mentions))


def _governs(text: str, m: Mention) -> bool:
    """保亭县委, 某某县政府: the short form with its level character names a government."""
    return text.startswith(GOVERNMENT_WORDS, m.end + 1) and text[m.end : m.end + 1] == m.candidates[0].name[-1:]


def _only_short_form_at(doc: Doc, level: str | None, mentions: list[Mention], gaz: Gazetteer) -> Place | None:
    """我县 … 青溪客运总站, with no place the body names for sure: a short form that LAC reads as a place (or
    that names a government: 某某县委) but was left unread for lack of support (郎溪) is the home place when it
    names one unit only in China, at the level 我县 / 县委书记 want (西安 may be a city or a district: not
    taken), or when of several such units only one has towns the body names (某镇, or 某某 of 某某镇); the
    mentions of it are read so."""
    if level is None:
        return None
    text = text_of(doc)
    readings = {id(m.candidates[0]): m.candidates[0] for m in mentions
                if m.place is None and (m.loc_tagged or _governs(text, m)) and len(m.candidates) == 1
                and m.candidates[0].level == level}
    with_towns = [p for p in readings.values() if _named_towns(doc, p, gaz, as_words=True)]
    if len(readings) != 1 and len(with_towns) != 1:
        return None
    return _read_as(next(iter(readings.values())) if len(readings) == 1 else with_towns[0], mentions)


_RURAL_HEADS = ("镇", "乡")  # 街道 are often named with common words (空港, 健康): they name no zone's town


def _county_of_zone_towns(zones: list[Zone], gaz: Gazetteer) -> Place | None:
    """县委书记 … 某某开发区党工委书记, with no county named: the county of the towns whose names open the named
    zones (某某 of 某某镇 or 某某乡, a town name found in one county only), when they lie in one county."""
    counties = set()
    for zone in zones:
        for length in (2, 3):
            towns = [p for head in TOWN_HEADS for p in gaz.by_full_name(zone.name[:length] + head) if p.level == "town"]
            if len(towns) == 1 and towns[0].name.endswith(_RURAL_HEADS) and len(zone.name) > length + 1:
                counties.add(towns[0].parent)
    return counties.pop() if len(counties) == 1 else None


def _only_city_reading(text: str, mentions: list[Mention], lex: dict) -> Place | None:
    """县委书记 … 某地职业中学, where 某地 may be a city or a 区 elsewhere and no county is named: the one city the
    unread short forms may name is the most specific place the county paper is known to lie in, unless they may
    also name a county elsewhere of the kind the paper speaks of (a 县 for 我县: it may be the paper's own);
    the mentions are read so."""
    unread = [m for m in mentions if m.place is None and (m.loc_tagged or _governs(text, m))]
    readings = {city for m in unread for city in m.candidates if city.level == "city"}
    if len(readings) != 1:
        return None
    own, own_chars = readings.pop(), _own_level_chars(text, mentions, lex)
    if any(p.level == "county" and p.name[-1] in own_chars and not p.is_within(own)
           for m in unread for p in m.candidates):
        return None
    return _read_as(own, mentions)


def _read_as(own: Place, mentions: list[Mention]) -> Place:
    """The unread mentions that may name ``own`` are read so; ``own`` is returned."""
    for m in mentions:
        if m.place is None and own in m.candidates:
            m.place = own
    return own


def _named_towns(doc: Doc, county: Place, gaz: Gazetteer, as_words: bool = False) -> int:
    """How many towns of ``county`` the text names: a 镇 or 乡 in full, or without its head (凌河 for 凌河镇) where
    LAC opens a name with it (建设 of 建设乡, 龙头 of 龙头镇 are words too; ``as_words``: wherever it stands as a
    word), a 街道 in full only. A town is named in its own county's paper."""
    text, tokens = text_of(doc), tokens_of(doc)
    tags = None if as_words else PROPER_NAME_TAGS
    count = 0
    for town in gaz.children(county):
        if town.level != "town":
            continue
        short = town_short_form(town.name) if town.name.endswith(_RURAL_HEADS) else ""
        count += town.name in text or (len(short) >= 2 and _opens_a_word(short, text, tokens, tags))
    return count


def _opens_a_word(word: str, text: str, tokens: Tokens, tags: frozenset[str] | None) -> bool:
    """Somewhere ``word`` starts a LAC word (one tagged with one of ``tags``, when given: LOC, ORG, nz)."""
    for start in occurrences(word, text):
        i = tokens.at(start)
        if tokens.starts[i] == start and (tags is None or tokens.tags[i] in tags):
            return True
    return False


def source_place(source: str, mentions: list[Mention], gaz: Gazetteer, lex: dict) -> Place | None:
    """The place whose media or government the source is (天津日报, 某县融媒体中心, 今日某县, 某市某镇人民政府),
    read in the light of the places the body names; None when the source names no place or an ambiguous one."""
    name = next((source[len(o):] for o in lex["source_openers"] if source.startswith(o)), source)
    media = next((name[: -len(h)] for h in lex["source_heads"] if name.endswith(h) and len(name) > len(h)), None)
    name = media or name
    candidates = [p for p in gaz.lookup(name) if p.level != "zone"]
    if not candidates:
        return _inner_place(name, gaz) or (_leading_place(name, mentions, gaz) if media else None)
    seen = [m.place for m in mentions if m.place is not None]
    best = max(candidates, key=lambda p: gaz.fit(p, seen, full_name=p.name == name))
    closeness = gaz.fit(best, seen)[0]
    if best.level == "town" and closeness < 3:  # a town name repeats across China: only one under the body's
        return None
    if len(candidates) > 1 and closeness == 0:
        return None
    return best


def _leading_place(name: str, mentions: list[Mention], gaz: Gazetteer) -> Place | None:
    """某县新资讯网: the longest place name a media's name opens with, when it names one unit only, or one on
    the line of the places the body names (新华, a district of several cities, says nothing alone)."""
    seen = [m.place for m in mentions if m.place is not None]
    for cut in range(len(name) - 1, 1, -1):
        candidates = [p for p in gaz.lookup(name[:cut]) if p.level != "zone"]
        fitting = candidates if len(candidates) == 1 else [p for p in candidates if gaz.fit(p, seen)[0] >= 3]
        if len(fitting) == 1:
            return fitting[0]
    return None


def _inner_place(name: str, gaz: Gazetteer) -> Place | None:
    """某市某镇: the one place called by the second name inside a place called by the first."""
    for cut in range(len(name) - 2, 1, -1):
        outer = gaz.by_full_name(name[:cut])
        inner = [p for p in gaz.by_full_name(name[cut:]) if any(p.is_within(o) for o in outer)]
        if len(inner) == 1:
            return inner[0]
    return None


def _masthead_place(names: tuple[str, ...], mentions: list[Mention], gaz: Gazetteer, lex: dict) -> Place | None:
    """The most specific place the masthead names (某省人民政府 | 某市人民政府 → the city), when the places it
    names lie on one line of the hierarchy; None when they disagree."""
    found = [place for place in (source_place(name, mentions, gaz, lex) for name in names) if place is not None]
    deepest = [p for p in found if all(p.is_within(q) for q in found)]
    return deepest[0] if deepest else None


# 到我市, 莅临我县; 考察团来某市, 前来某县: the sentence brings visitors to the article's own place
_TO_OWN_PLACE = re.compile(r"(?:到|来到|莅临|赴|来)(?:我|本)[市县区州旗]|(?:莅临|前来|(?<=[团组行])来)(?![自源])")
LEVEL_RANK = {"province": 3, "city": 2, "county": 1}
# 某县委书记某某一行到某地调研: a delegation arrives; whose place it arrives at, the hosts tell
_DELEGATION_ARRIVAL = re.compile(r"(?<=一行)(?:到|来到|赴)")


def _received_by_own_officials(text: str, index: int, mentions: list[Mention]) -> bool:
    """区党委书记某某陪同: the officials who accompany the delegation arriving at ``index`` (in its sentence or the
    next) bear bare titles, so they are the page's own and the delegation comes from elsewhere."""
    end = text.find("。", text.find("。", index) + 1)
    hosts = text[index : end if end >= 0 else len(text)]
    accompany = hosts.find("陪同")
    return accompany >= 0 and any(not _named_before(text, index + match.start(), mentions)
                                  for match in UNPREFIXED_TITLE.finditer(hosts, 0, accompany))


def _away_places(text: str, mentions: list[Mention], lex: dict) -> list[Place]:
    """Places the body names that are not the home place: the visitors' (某市委书记…到我市调研, 某县考察团来某市,
    某县委书记一行到某地 received by a bare 区委书记) and the places the article's own officials travel out to
    (市长赴某市考察, 县委书记到某市、某县考察学习)."""
    found: list[Place] = []
    arrivals = [*_TO_OWN_PLACE.finditer(text), *(match for match in _DELEGATION_ARRIVAL.finditer(text)
                                                 if _received_by_own_officials(text, match.end(), mentions))]
    for match in arrivals:
        start = _sentence_start(text, match.start())
        found.extend(m.place for m in mentions if m.place is not None and start <= m.start
                     and m.end <= match.start() and _owns_a_post_or_group(text, m, lex))
    for traveller, place in _trip_places(text, mentions, lex):
        if LEVEL_RANK.get(place.level, 0) >= traveller:
            found.append(place)
    return found


def trip_destination(text: str, mentions: list[Mention], lex: dict) -> Place | None:
    """Where the article's own officials travel out to (市长赴某市考察, 前往某市某县), else the county a city's
    officials tour (市长调研某县): the one place that holds every place of their trips; None when they stay home
    or go to several."""
    reached = [place for _, place in _trip_places(text, mentions, lex)] or [
        place for visitors, place in _toured_places(text, mentions, lex)
        if visitors == LEVEL_RANK["city"] and place.level == "county"]
    outermost = [p for p in reached if all(q.is_within(p) for q in reached)]
    return outermost[0] if outermost else None


def _trip_places(text: str, mentions: list[Mention], lex: dict) -> Iterator[tuple[int, Place]]:
    """(the travellers' rank, a place) for each place named after a verb that sends the article's officials out
    (赴, 前往) or in a learning trip (到…考察学习), when a bare title (市长, 县委书记) says they are its own."""
    for pattern in (lex["trip_out"], lex["learning_trip"]):
        for match in pattern.finditer(text):
            traveller = _travellers_level(text, _sentence_start(text, match.start()), match.start(), mentions)
            if traveller is not None:
                yield from ((traveller, m.place) for m in mentions if m.place is not None
                            and match.start(1) <= m.start < match.end(1))


def _arrival_places(text: str, mentions: list[Mention]) -> Iterator[Place]:
    """The city or county named right after a word that brings visitors to the writer's place (考察团来某市,
    前来某县, 莅临某区)."""
    arrivals = {match.end() for match in _TO_OWN_PLACE.finditer(text)}
    return (m.place for m in mentions if m.start in arrivals and m.place is not None
            and m.place.level in ("city", "county"))


def _sentence_start(text: str, index: int) -> int:
    """Where the sentence holding ``index`` starts: visitors and travellers are told in one sentence."""
    return max(text.rfind(mark, 0, index) for mark in "。！？!?\n") + 1


def _owns_a_post_or_group(text: str, m: Mention, lex: dict) -> bool:
    """吉林市委, 某某市市委常委, 某县党政考察团: the place is named as the one a post or a group belongs to."""
    rest = text[m.end : m.end + 12]
    if rest[:1] == text[m.end - 1 : m.end]:  # 某市市委: the level character said again
        rest = rest[1:]
    return rest.startswith(GOVERNMENT_WORDS) or rest.removeprefix("党政").startswith(lex["delegation_heads"])


def _travellers_level(text: str, start: int, end: int, mentions: list[Mention]) -> int | None:
    """The rank of the first bare title between ``start`` and ``end`` (市长 → city; 省委书记 → province): the
    level of the article's own officials who travel; None when no bare title leads them."""
    titles = [(match.start(), LEVEL_RANK[TITLE_LEVEL[match.group(1)]])
              for match in UNPREFIXED_TITLE.finditer(text, start, end)]
    titles += [(match.start(), LEVEL_RANK["province"]) for match in PROVINCIAL_TITLE.finditer(text, start, end)]
    bare = sorted((index, rank) for index, rank in titles if not _named_before(text, index, mentions))
    return bare[0][1] if bare else None


def _is_place_char_before(text: str, index: int, mentions: list[Mention]) -> bool:
    return any(m.end == index for m in mentions) or text[index - 1] in "省市县区"


def self_references(text: str, home: Place, lex: dict):
    """我市, 全省: the home place or its ancestor at the word's level."""
    for word, level in lex["self_refs"].items():
        target = at_level(home, level, word[-1])
        if target is None:
            continue
        for start in occurrences(word, text, unless_followed_by="场域"):
            yield start, start + len(word), target


def level_references(text: str, words: Words, home: Place, mentions: list[Mention], lex: dict):
    """市委副书记, 县领导, 省政府, 市长 with no place named before the level character: the home place's own
    level is named (a county paper's 市领导 names its city; 省委 in a city paper its province). The span is the
    whole word where the level character stands with its body (市委 | 副书记, 县 | 领导); inside a title word
    (市委书记, 副市长) it is the character alone, and only for a place nothing else names, so that as few
    words as possible are cut."""
    whole: dict[int, tuple[int, int, Place]] = {}
    inside: dict[int, tuple[int, int, Place]] = {}
    for match in lex["level_reference"].finditer(text):
        start, token = match.start(), words.token(match.start())
        inside_a_name = any(m.start <= start < m.end for m in mentions)  # 广西壮族自治区党委
        if inside_a_name or (start > 0 and _is_place_char_before(text, start, mentions)):
            continue
        if match.group(0)[-1] == "级" and text[start - 1 : start] == "副":  # 副省级城市: a rank, not the province
            continue
        target = at_level(home, LEVEL_CHARS[match.group(1)], match.group(1))
        if target is None:
            continue
        level_word = token.text in (match.group(1), match.group(0)) and match.group(0)[-1] != "长"
        if token.idx == start and level_word:
            whole.setdefault(id(target), (start, start + len(token.text), target))
            yield start, start + len(token.text), target
        elif token.idx == start or text[start - 1 : start] == "副":
            inside.setdefault(id(target), (start, match.end(1), target))
    named = {id(m.place) for m in mentions if m.place is not None and not m.in_name}
    yield from (span for key, span in inside.items() if key not in whole and key not in named)


def listed_levels(text: str, words: Words, home: Place, mentions: list[Mention], lex: dict):
    """中央和省、市委, 国家和省政策, 省、市、县, 省“两会”: a bare level word listed with other levels (or before a
    quoted programme) names the home place's own level, as 省委 does. Every level word of the list must be a
    word of its own (开发区和县城 lists no levels), and the first must not end a place's name."""
    for listed in lex["level_list"].finditer(text):
        levels = list(lex["level_char"].finditer(text, listed.start(), listed.end()))
        if not levels or (listed.start() > 0 and _is_place_char_before(text, listed.start(), mentions)):
            continue
        if not all(_is_level_word(words, level, lex) for level in levels):
            continue
        for level in levels:
            target = at_level(home, LEVEL_CHARS[level.group()], level.group())
            if target is not None and not any(m.start <= level.start() < m.end for m in mentions):
                yield level.start(), level.end(), target


def _is_level_word(words: Words, level: re.Match, lex: dict) -> bool:
    """省 standing alone, or 市委 / 县政府 (a level word with its body), not 城市 nor 县城."""
    token = words.token(level.start())
    return token.idx == level.start() and (token.text == level.group()
                                           or lex["level_reference"].fullmatch(token.text) is not None)


def at_level(home: Place, level: str, level_char: str) -> Place | None:
    """The home place or its ancestor at ``level`` (named by ``level_char``: 市委 → 市); a county-level city is the
    市 of its own paper (its 州委, 盟委 are its prefecture's), and a municipality (重庆市) the 市 of its districts'
    papers, which have no city between; a management district is the 区 of its own page."""
    if level == "city" and level_char == "市" and home.name.endswith("市"):
        return home
    if level == "county" and home.name.endswith(_MANAGEMENT_DISTRICT):  # no county above it, whatever the gazetteer
        return home if level_char == "区" else None
    chain = (home, *reversed(home.ancestors))
    found = next((p for p in chain if p.level == level), None)
    if found is None and level == "city":
        return next((p for p in chain if _is_municipality(p)), None)
    return found
