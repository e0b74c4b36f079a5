"""Step 5: towns and villages linked through the gazetteer, only under a county or town of the document
(village names repeat across China), and natural villages listed with them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache, partial
from itertools import takewhile

from kg.lexicon import occurrences
from kg.nlp.gazetteer import Gazetteer, Place
from kg.nlp.places.lexicons import (GLUED_TAGS, NAME_TAGS, SITE_NAME_TAGS, TOWN_HEADS, lexicons,
                                   town_short_form)
from kg.nlp.places.mentions import Words, inside_organisation_name


WATER_HEADS = ("江", "河", "湖")  # a two-character name ending so, written without 村, is a river or a lake
VILLAGE_HEADS = ("村", "社区")
HAMLET_HEAD = "屯"  # a natural village of the north-east and the south-west
SHORT_FORM_FOLLOWERS = ("镇", "乡", "村", "街道", "社区")  # the full name of a town or a village follows
PLACE_LIKE_TAGS = ("LOC", "nz", "nw", "PER")  # a word LAC tags so may be a village's name, not a common word
SITE_OPENING_HEADS = ("村", "镇", "乡")  # what a short form opening a site's name drops
WORD_NAMED_HEADS = ("社区", "街道")  # their short forms are common words as often as not
SHORT_FORM_HEADS = (*SITE_OPENING_HEADS, *WORD_NAMED_HEADS)  # what a town's or a village's short form drops
ROAD_SECTION = re.compile(r"[GSXY]\d{1,4}线?([\u4e00-\u9fff]{2,4}?)段")  # S208某某段: a numbered road's section
CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]+")
VISIT_VERB = re.compile("(?:%s)了?" % "|".join(sorted(lexicons()["visit_verbs"], key=len, reverse=True)))


def towns_and_villages(text: str, words: Words, gaz: Gazetteer, context: list[Place], taken_spans):
    """Towns under a county (or city) of the document, villages under a county or town of it."""
    written = set(words.pairs)
    counties = {id(p): p for p in context if p.level in ("county", "zone")}
    cities = {id(p): p for p in context if p.level == "city"}
    towns: dict[str, list[Place]] = {}
    for county in counties.values():
        for town in gaz.children(county):
            towns.setdefault(town.name, []).append(town)
    for city in cities.values():
        for town in gaz.towns_named_once(city):
            if town.name not in towns and len(town.name) >= 3:
                towns[town.name] = [town]
    towns = _may_be_written(towns, written)
    # the villages of a county or town whose names the text may hold, asked for once (_village_short_forms too)
    villages_of = cache(partial(gaz.villages_by_name, openings=written))
    home_counties = [p for p in context[-1:] if p.level == "county"]  # the home place (a town's county) last
    covered = {i for start, end, _ in taken_spans for i in range(start, end)}
    zone_starts = {start for start, _, place in taken_spans if place is None}
    # a town of that name in the home place and in a visitors' county: the home place's, unless written right
    # after the visitors' county (某县某镇); a town opening a zone's name (某某镇工业园区) is named too
    named = {i for start, end, place in taken_spans if place is not None for i in range(start, end)}
    counties_before = {end: place for _, end, place in taken_spans if place is not None and place.level == "county"}
    found = [hit for hit in _scan(text, words, towns, prefer=home_counties, written_after=counties_before)
             if hit[0] not in covered or hit[0] in zone_starts - named]
    found.extend(_town_and_village_written_short(text, words, gaz, towns, covered))
    covered_by_towns = covered | {i for s, e, _ in found for i in range(s, e)}
    spans = [*taken_spans, *found]
    found.extend(_town_short_forms(text, words, gaz, towns, spans, covered_by_towns, zone_starts, home_counties))
    town_spans = [(s, e, p) for s, e, p in [*found, *taken_spans] if p is not None and p.level == "town"]
    all_towns = [place for _, _, place in town_spans]
    villages: dict[str, list[Place]] = {}
    towns_counties = {id(t.parent): t.parent for t in all_towns if t.parent is not None and t.parent.level == "county"}
    # a town named in full by step 1 (unique in China) too, and the county of a town named (某镇 and 某村 of
    # the next town of its county)
    parents = {**counties, **towns_counties, **{id(t): t for t in all_towns}}
    for parent in parents.values():
        if parent.level == "town" and id(parent.parent) in parents:
            continue  # its villages came with its county's, which comes first
        for name, group in villages_of(parent).items():
            if len(name) >= 3:
                known = villages.get(name)
                if known is None:
                    villages[name] = list(group)  # a village lies in one town: no place twice in a group
                else:
                    known.extend(v for v in group if v not in known)
    for start, end, village in _scan(text, words, villages, prefer=all_towns):  # in a town the text names
        if start not in covered:
            found.append((start, end, village))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    for start, end, village in _village_short_forms(text, words, gaz, home_counties, town_spans, villages_of):
        if start in zone_starts - named or not covered & set(range(start, end)):  # 某某景区 opened by it too
            found.append((start, end, village))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    towns_and_their_villages = {**towns, **villages}
    shorts = _places_by_short_form(towns_and_their_villages, gaz)
    found.extend(_short_forms_opening_sites(text, words, shorts, covered))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    found.extend(_road_sections(text, shorts, covered))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    found.extend(_unlisted_after_town(words, town_spans, covered))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    found.extend(_hamlets(words, gaz, home_counties, covered))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    for start, end, place in _listed_short_forms(text, towns_and_their_villages, all_towns):
        if not covered & set(range(start, end)):
            found.append((start, end, place))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    found.extend(_listed_with_towns(text, words, gaz, [*found, *town_spans], covered))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    found.extend(_listed_siblings(text, words, gaz, found, covered))
    covered |= {i for start, end, _ in found for i in range(start, end)}
    found.extend(_two_character_villages_listed(text, words, gaz, found, covered))
    return found


def _two_character_villages_listed(text: str, words: Words, gaz: Gazetteer, places: list[tuple[int, int, Place]],
                                   covered: set[int]):
    """甲乙村…、丙村…、丁戊村…: a village of two characters (丙村, left out elsewhere: such names are common words as
    often as not) opening an item of a 、-list in a clause that names two villages of its town or more is a village
    of that town."""
    villages = {start: place for start, _, place in places if place.level == "village" and place.parent is not None}
    if len(villages) < 2:
        return
    for clause in CLAUSE.finditer(text):
        named = Counter(village.parent for start, village in villages.items() if clause.start() <= start < clause.end())
        towns = [town for town, count in named.items() if count >= 2]
        if not towns:
            continue
        starts = [clause.start()] + [clause.start() + i + 1 for i, char in enumerate(clause.group()) if char == "、"]
        for start in starts:
            if start in covered or start not in words.starts:
                continue
            for town in towns:
                group = gaz.villages(town, text[start : start + 2])
                if len(group) == 1:
                    yield start, start + 2, group[0]


def _town_and_village_written_short(text: str, words: Words, gaz: Gazetteer, towns: dict[str, list[Place]],
                                    covered: set[int]):
    """甲乙丙丁安置房: the short form of a town of the document's counties (甲乙 of 甲乙街道) right followed by the
    short form of one of that town's villages (丙丁 of 丙丁村) names both, whatever LAC makes of the words: such a
    pair is no chance. Not where the full name of a town or village follows."""
    for name, group in towns.items():
        short = town_short_form(name)
        if len(short) < 2 or short in lexicons()["stop"]:
            continue
        for start in occurrences(short, text):
            end = start + len(short)
            if start in covered or start not in words.starts:
                continue
            for town in group:
                village = _village_written_short(text, end, gaz, town)
                if village is not None:
                    yield start, end, town
                    yield village
                    break


def _village_written_short(text: str, start: int, gaz: Gazetteer, town: Place):
    """``(start, end, village)`` of the longest village of ``town`` written short from ``start`` (its name without 村
    or 社区), unless its full name or a town's follows."""
    for end in range(start + 4, start + 1, -1):
        for head in VILLAGE_HEADS:
            group = gaz.villages(town, text[start:end] + head)
            if len(group) == 1 and not text.startswith(SHORT_FORM_FOLLOWERS, end):
                return start, end, group[0]
    return None


def _listed_with_towns(text: str, words: Words, gaz: Gazetteer, places: list[tuple[int, int, Place]],
                       covered: set[int]):
    """甲镇、乙镇、丙街道、丁城区: listed with two towns of one county or more, an item is a town of that county too:
    one the gazetteer knows written short (丁城区 for 丁城区街道), or a LAC place word ending in a town head
    that the gazetteer lacks (a new 街道)."""
    towns = {start: place for start, _, place in places if place.level == "town"}
    if len(towns) < 2:
        return
    for items in _coordinated_items(text, words):
        known = [towns[start] for start, _ in items if start in towns]
        counties = {id(town.parent): town.parent for town in known if town.parent is not None}
        if len(known) < 2 or len(counties) != 1:
            continue
        county = next(iter(counties.values()))
        by_name = {town.name: town for town in gaz.children(county) if town.level == "town"}
        for start, end in items:
            if start in covered or start in towns:
                continue
            surface = text[start:end]
            token = words.token(start)
            written_short = [by_name[surface + head] for head in TOWN_HEADS if surface + head in by_name]
            if len(written_short) == 1:
                yield start, end, written_short[0]
            elif (surface.endswith(TOWN_HEADS) and surface not in by_name and token.tag_ == "LOC"
                  and token.idx == start and len(token.text) == end - start and not gaz.knows(surface)):
                yield start, end, Place(surface, "town", None, None, county)


def _places_by_short_form(places: dict[str, list[Place]], gaz: Gazetteer) -> dict[str, list[Place]]:
    """Towns and villages by their short forms (某某 of 某某镇, 某某村, 某某社区), each short form that one of them
    has (or a town and villages inside it: the town); not short forms that are common words, divisions or, two
    characters long, rivers and lakes (某江)."""
    owners: dict[str, list[Place]] = {}
    stop = lexicons()["stop"]
    for name, group in places.items():
        head = next((head for head in SHORT_FORM_HEADS if name.endswith(head)), "")
        short = name[: -len(head)] if head else ""
        if len(short) >= 2 and short not in stop and not gaz.knows(short) \
                and not (len(short) == 2 and short.endswith(WATER_HEADS)):
            known = owners.setdefault(short, [])
            known.extend(p for p in group if p not in known)
    return {short: outer for short, group in owners.items() if (outer := _holding_the_others(group))}


def _road_sections(text: str, shorts: dict[str, list[Place]], covered: set[int]):
    """S208某某段, G318某某段: a section of a numbered road is named after the town or village it runs through; the
    short form of a town or village of the document there is that place."""
    for match in ROAD_SECTION.finditer(text):
        start, end = match.span(1)
        place = shorts.get(match.group(1))
        if place is not None and start not in covered:
            yield start, end, place[0]


def _short_forms_opening_sites(text: str, words: Words, shorts: dict[str, list[Place]], covered: set[int]):
    """某某水利枢纽工程, 某某坡电厂, 某某岭茶叶基地: the short form of a town or village of the document's counties
    opening the name of a site (name words ending in a project head or a facility), or the name of what an
    official goes to (来到某某农贸市场改造项目、…), is that place, by its full name. Only a short form that one
    place of those counties has; of a 街道 or a 社区 (named after common words and housing estates as often as
    not) only where an official goes, as a place word of its own (走进某某美丽乡村); not where LAC reads it as a
    common word (沿海, 农业) nor inside an organisation's name."""
    visited: set[int] | None = None  # read when a short form is first found: most documents have none
    for start, end, place in _scan(text, words, shorts, min_length=2):
        if start in covered or start not in words.starts or text.startswith(SHORT_FORM_FOLLOWERS, end):
            continue
        if visited is None:
            visited = _visited_item_starts(text)
        token = words.token(start)
        whole_word = token.idx == start and len(token.text) == end - start
        site = _opens_site_name(words, start, end)
        if place.name.endswith(WORD_NAMED_HEADS):
            fits = whole_word and token.tag_ in PLACE_LIKE_TAGS and _goes_to(text, words, start, end, visited)
        elif _goes_to(text, words, start, end, visited):  # 来到某某电厂: LAC may read 某某 as a name
            fits = token.tag_ in (*PLACE_LIKE_TAGS, "ORG") if whole_word else token.tag_ in GLUED_TAGS
        else:
            fits = site and token.tag_ != "ORG" and not (whole_word and token.tag_ not in PLACE_LIKE_TAGS)
        if fits:
            yield start, end, place


def _holding_the_others(group: list[Place]) -> list[Place]:
    """The one place of ``group`` that all the others lie in (某某镇 of 某某镇某某村, which share a short form),
    as a list of one; none when they lie apart."""
    if len(group) == 1:
        return group
    outer = [p for p in group if all(other.is_within(p) for other in group)]
    return outer[:1]


def _visited_item_starts(text: str) -> set[int]:
    """Where the name of something an official goes to starts: right after a visit verb (来到, 走进, 考察了)
    and after each 、 that follows it in its clause."""
    starts: set[int] = set()
    for clause in CLAUSE.finditer(text):
        verb = VISIT_VERB.search(clause.group())
        if verb is not None:
            starts.add(clause.start() + verb.end())
            starts.update(clause.start() + i + 1 for i in range(verb.end(), len(clause.group()))
                          if clause.group()[i] == "、")
    return starts


def _goes_to(text: str, words: Words, start: int, end: int, visited: set[int]) -> bool:
    """The short form opens the name of what an official goes to: it starts a visited item, name words follow
    it (not 的, not the end of the item), and they name no organisation (某某茶业有限公司, 某某学校) unless a
    facility named after the place (某某电厂)."""
    if start not in visited or end >= len(text) or words.tag(end) not in SITE_NAME_TAGS:  # 某某的茶园, 某某、
        return False
    lex = lexicons()
    facility = text.startswith(lex["site_heads"], end) and not text.startswith(lex["name_heads"], end)
    return facility or not inside_organisation_name(start, end, text, words, lex, SITE_NAME_TAGS)


def _opens_site_name(words: Words, start: int, end: int) -> bool:
    """Name words from ``end`` that end, within a dozen characters, in a project head or a facility (the first
    may be a LAC name word that glues the place to them)."""
    i = end
    while i < len(words.text) and i - end <= 12:
        token = words.token(i)
        glued = token.idx == start and token.tag_ in GLUED_TAGS
        if (token.idx < end and not glued) or token.tag_ not in SITE_NAME_TAGS:
            return False
        i = token.idx + len(token.text)
        if token.text.endswith(lexicons()["site_heads"]):
            return True
    return False


def _hamlets(words: Words, gaz: Gazetteer, home: list[Place], covered: set[int]):
    """某某屯: a LAC place word ending in 屯 names a natural village (the gazetteer lists administrative ones
    only), of the home county."""
    if not home or HAMLET_HEAD not in words.text:
        return
    for start, text, tag in zip(words.tokens.starts, words.tokens.words, words.tokens.tags):
        if (tag == "LOC" and text.endswith(HAMLET_HEAD) and 3 <= len(text) <= 5 and start not in covered
                and not gaz.knows(text)):
            yield start, start + len(text), Place(text, "village", None, None, home[0])


def _unlisted_after_town(words: Words, town_spans: list[tuple[int, int, Place]], covered: set[int]):
    """某镇某某社区, 某镇某某村 that the gazetteer lacks (new or renamed): a LAC place word ending in 村 or 社区
    right after its town is a village of that town."""
    for _, end, town in town_spans:
        if end >= len(words.text) or end in covered:
            continue
        token = words.token(end)
        if token.idx == end and token.tag_ == "LOC" and token.text.endswith(VILLAGE_HEADS) and 3 <= len(token.text) <= 6:
            yield end, end + len(token.text), Place(token.text, "village", None, None, town)


# 甲山、乙水、丙岭等村 / 甲山和乙水两镇: items written short, the level word once after the list
SHARED_HEAD_LIST = re.compile(r"([^，。；：、！？\s]{2,8}(?:[、和及与][^，。；：、！？\s]{2,4}?)+)等?[两三四五六七八九十]?个?(村|镇|乡|社区)")
LIST_STRETCH = re.compile(r"[^，。；：！？\s]+")  # what a match of SHARED_HEAD_LIST lies in
LIST_JOINER = re.compile("[、和及与]")
LIST_LEVEL = re.compile("村|镇|乡|社区")


def _shared_head_lists(text: str) -> Iterator[re.Match]:
    """:data:`SHARED_HEAD_LIST`'s matches, looked for only in the stretches between punctuation marks (a list
    holds none) that hold a list's joiner and a level word (tried at every character, the pattern took a fifth of
    the reading of towns and villages)."""
    for stretch in LIST_STRETCH.finditer(text):
        if LIST_JOINER.search(stretch.group()) and LIST_LEVEL.search(stretch.group()):
            yield from SHARED_HEAD_LIST.finditer(text, stretch.start(), stretch.end())


def _listed_short_forms(text: str, places: dict[str, list[Place]], prefer: list[Place]):
    """平华、湄江、高燕等村: each item is a village (town, 社区) of the document's places written short, known
    when its name with the shared level word is; the first item is the end of the words before the list."""
    for match in _shared_head_lists(text):
        head, items, position = match.group(2), [], match.start(1)
        for number, item in enumerate(LIST_JOINER.split(match.group(1))):
            lengths = range(min(4, len(item)), 1, -1) if number == 0 else [len(item)]
            for length in lengths:  # the first item: the longest end of the words before that is a place
                start = position + len(item) - length
                candidates = places.get(text[start : start + length] + head)
                if candidates:
                    under = [c for c in candidates if any(c.is_within(p) for p in prefer)] or candidates
                    items.append((start, start + length, under[0] if len(under) == 1 else _common_part(under)))
                    break
            position += len(item) + 1
        if len(items) >= 2:
            yield from items


def _town_short_forms(text: str, words: Words, gaz: Gazetteer, towns: dict[str, list[Place]], taken_spans,
                      covered: set[int], zone_starts: set[int], home: list[Place]):
    """甲乙 for 甲乙镇 of a county of the document: where LAC reads it as a place word opening a name (甲乙 |
    物流基地, 丙丁工业园区, 戊己 | 公路), where it follows its county (某县某镇…) or opens a zone's name
    (某某工业区: the zone is named after the town it lies in), by its full name. A 街道 only where its short
    form opens a zone of the home county (街道 are named after common words: 高新, 景山), and never a short
    form that names a division too (某某镇 of 某某县).
    某某街 is 某某街道 of the home county. Of towns so named in several counties, the ``home`` one."""
    shorts: dict[str, list[Place]] = {}
    for name, group in towns.items():
        short = town_short_form(name)
        if len(short) >= 2 and short not in lexicons()["stop"] and not gaz.knows(short):
            shorts.setdefault(short, []).extend(group)
    county_ends = {end: place for _, end, place in taken_spans if place is not None and place.level == "county"}
    town_ends = {end for _, end, place in taken_spans if place is not None and place.level == "town"}
    for start, end, town in _scan(text, words, shorts, prefer=home, min_length=2, starts=zone_starts):
        if (start in covered and start not in zone_starts) or text.startswith(SHORT_FORM_FOLLOWERS, end):
            continue
        street = town.name.endswith("街道")
        if street and text.startswith("街", end) and any(town.is_within(c) for c in home):
            yield start, end + 1, town  # 某某街 for 某某街道 of the home county
            continue
        if street and not (start in zone_starts and any(town.is_within(c) for c in home)):
            continue
        token = words.token(start)
        opens_name = token.idx == start and token.tag_ == "LOC" and start not in town_ends  # 某镇北岭沟: a village
        after_county = start in county_ends and town.is_within(county_ends[start])
        if opens_name or after_county or start in zone_starts:
            yield start, end, town


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
            name = first.text.removesuffix("村") if first.text.endswith("村村") else first.text  # 某村村容: 村 opens 村容
            if first.idx != start or not 2 <= len(name) <= 4 or gaz.by_full_name(name):
                continue
            rest = text[start + len(name) : end]
            two_words = bool(rest) and words.token(end - 1).idx == start + len(name)
            if first.tag_ == "LOC" or (parallel and two_words and first.tag_ in ("n", "nz")):
                yield start, start + len(name), Place(name, "village", None, None, parent)


def _coordinated_items(text: str, words: Words) -> Iterator[list[tuple[int, int]]]:
    """The name-word items of each 、-list: (start, end) of A, B and C in 打造出A、B和C等."""
    for clause in CLAUSE.finditer(text):
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



def _village_short_forms(text: str, words: Words, gaz: Gazetteer, counties: list[Place],
                         town_spans: list[tuple[int, int, Place]], villages_of: Callable[[Place], dict[str, list[Place]]]):
    """郝家窑 for 郝家窑村 of a county of the document, where LAC starts a place word with it, or right after
    its town (某某镇郝家窑, even glued to it): the village, by its full official name. Not 社区: their names are
    common words as often as not. ``villages_of``: the villages of a place by name (those the text may hold)."""
    towns = [town for _, _, town in town_spans]
    town_ends = {end: town for _, end, town in town_spans}
    shorts: dict[str, list[Place]] = {}
    for parent in [*counties, *towns]:
        for name, group in villages_of(parent).items():
            short = name[:-1]
            if (name.endswith("村") and len(name) >= 3 and short not in lexicons()["stop"] and not gaz.knows(short)
                    and not (len(short) == 2 and short.endswith(WATER_HEADS))):  # 某江, 某河 alone: a river
                known = shorts.setdefault(short, [])  # 凤凰 is the county before a village, 中心 a word
                known.extend(v for v in group if v not in known)
    for start, end, village in _scan(text, words, shorts, prefer=towns, min_length=2):
        token = words.token(start)
        shortened_town = any(t.name.startswith(text[start:end]) for t in towns)  # 港门 of 港门镇
        in_home = any(village.is_within(county) for county in counties)
        after_its_town = start in town_ends and village.is_within(town_ends[start]) and end in words.ends
        opens_place_word = token.tag_ == "LOC" and token.idx == start
        runs_on = words.tag(end) == "LOC" and len(words.token(end).text) == 1 or (  # 某某|坪, 某某坪: one more
            token.idx == start and len(token.text) == end - start + 1)  # character makes another name
        if (text[end : end + 1] != "村" and not shortened_town and not runs_on
                and (opens_place_word and in_home or after_its_town)):
            yield start, end, village


def _may_be_written(places: dict[str, list[Place]], written: set[str]) -> dict[str, list[Place]]:
    """The places of ``places`` (by name) whose name opens with two characters found in the text (``written``: the
    :attr:`Words.pairs`): the rules look for names and short forms of two characters or more in the text, so the other
    places (most of a city's towns) cannot be found, and are left out before the rules go through them (villages
    are asked of the gazetteer so: :meth:`Gazetteer.villages_by_name` with ``openings``)."""
    return {name: group for name, group in places.items() if name[:2] in written}


def _scan(text: str, words: Words, names: dict[str, list[Place]], prefer: list[Place] = (), min_length: int = 3,
          written_after: dict[int, Place] | None = None, starts: set[int] = frozenset()):
    """Leftmost-longest occurrences of ``names`` that start at a word boundary or at one of ``starts``; of
    same-named places, the one under the place ending right before (``written_after``: end offset → place),
    else under ``prefer``."""
    if not names:
        return
    longest = max(map(len, names))
    openings = {name[:min_length] for name in names if len(name) >= min_length}
    # a position starting none of the openings starts no name: the others, left to right
    tried = sorted({i for opening in openings for i in occurrences(opening, text, overlapping=True)})
    found_end = 0
    for i in tried:
        if i < found_end:  # inside the name found last
            continue
        for length in range(min(longest, len(text) - i), min_length - 1, -1):
            candidates = names.get(text[i : i + length])
            if candidates and (i in words.starts or i in starts or words.tag(i) in GLUED_TAGS):
                before = (written_after or {}).get(i)
                under = ([c for c in candidates if before is not None and c.is_within(before)]
                         or [c for c in candidates if any(c.is_within(p) for p in prefer)] or candidates)
                place = under[0] if len(under) == 1 else _common_part(under)
                yield i, i + length, place
                found_end = i + length
                break


def _common_part(places: list[Place]) -> Place:
    """Same-named villages of one county: keep the village but attach it to what they share."""
    first = places[0]
    shared = [a for a in first.ancestors if all(a in p.ancestors for p in places)]
    return Place(first.name, first.level, first.adcode, first.short, shared[-1] if shared else None)
