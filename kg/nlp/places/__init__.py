"""The kg_places component: places from province to village, named zones, and the document's home place.

Reading order, each step using what the previous ones found:

1. **Divisions by name** (provinces, cities, counties; full names and short forms) matched against the
   gazetteer at LAC word boundaries. Short forms (大同, 云州) need support: LAC tags them LOC, or a place
   they belong to is already in the document; common words (``lexicons/place_short_stopwords.txt``) never
   count on their own.
2. **Named zones**: [name]+head (``lexicons/place_zone_suffixes.txt``): 大同经开区, 苇泊起步区. A zone's
   parent is the place named inside it, else the place whose clause builds it (X县加快推进…小镇建设,
   ``lexicons/place_zone_builders.txt``), else the zone right before it, else the place the article's
   officials travel out to (市长赴某市考察), else the home place. A zone name
   followed by 项目/工程 names a project (某某新城建设项目), unless LAC reads the zone as one name word and
   a site of its own follows (某某工业园区污水管网工程: the zone is a place, the site lies in it); generic
   phrases (全省开发区, 各开发区) name no zone.
   到区内/在园区内 after a zone in its paragraph is a mention of that zone
   (``lexicons/place_zone_references.txt``); a bare head (来到开发区…) is the zone the page's masthead or
   source line names in full.
3. **Home place** (``doc._.home_place``): the source line, a dateline (某市日报讯) or the masthead, else
   the body: the level comes from self-references (我市 → city, 我县 → county) and unprefixed titles
   (市委书记; 省长 with no 我市 nor 市委书记 makes a provincial paper), the place from how often each
   city/county is named (directly, inside names, through its counties and towns) with a bonus for the
   headline; the places of visitors (某县考察团来我市, a delegation received by hosts of bare titles) and of
   trips out (赴某市, 到某县考察学习) are not it. A page that speaks of its own town (全镇) is that town's.
4. **Self-references** (我市, 全省) become place mentions of the home place or its ancestor.
5. **Towns and villages**, only under a county or town of the document (village names repeat across
   China), plus LAC LOC words ending in 镇/乡/村/社区 right after such a place.

Places inside organisation names (上海…科技有限公司, 太原锅炉厂) are not mentions, and neither are places
from another province used as modifiers of a name (杭州新能源氢能电池: where a company comes from).
Spans go to ``doc.spans["places"]`` with the canonical full name, ``level``, ``adcode`` and ``ancestors``
(``{"name", "level", "adcode"}`` from the province down to the direct parent).

Modules, one concern each: ``mentions`` (step 1), ``zones`` (2), ``home`` (3, 4), ``villages`` (5, linked
through the gazetteer), ``lexicons`` (shared constants and word lists); this one puts them together.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.gazetteer import Gazetteer, Place, gazetteer
from kg.nlp.places.home import (home_place, home_zone, level_references, listed_levels, self_references,
                                trip_destination)
from kg.nlp.places.lexicons import ADMIN_LEVELS, TOWN_HEADS, lexicons
from kg.nlp.places.mentions import (
    Mention,
    Words,
    division_mentions,
    drop_foreign_modifiers,
    province_abbreviations,
    resolve,
    resolve_listed,
)
from kg.nlp.places.villages import towns_and_villages
from kg.nlp.places.zones import attach_to_opening_towns, regions, set_zone_parents, zone_references, zones_of
from kg.nlp.spans import add_span, split_at, text_of


@Language.factory("kg_places")
class PlaceRecognizer:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not text_of(doc):
            return doc
        found = find_places(doc)
        # spans only now: adding them may split LAC words, all of them in one retokenisation (not one per span)
        split_at(doc, {offset for start, end, *_ in found for offset in (start, end)})
        for start, end, name, attrs in found:
            add_span(doc, "places", start, end, "PLACE", name, **attrs)
        return doc


def find_places(doc: Doc) -> list[tuple[int, int, str, dict]]:
    """``(start, end, canonical name, span attributes)`` of every place; sets ``doc._.home_place``."""
    gaz = gazetteer()
    gaz.forget_villages_if_many()
    lex = lexicons()
    words = Words(doc)
    text = text_of(doc)
    mentions = division_mentions(text, words, gaz, lex)
    clean = doc._.clean
    page = (*clean.masthead, clean.source_line or "") if clean is not None else ()
    zones = zones_of(text, words, mentions, lex, gaz, page)
    inside = [m for z in zones for m in z.inner]
    mentions = [m for m in mentions if m not in inside]
    context = resolve(mentions + inside, gaz, [])
    home = home_place(doc, mentions + inside, zones, gaz, lex)
    if home is not None:
        context.append(home)
        resolve(mentions + inside, gaz, context)
    resolve_listed(mentions, text)
    doc._.home_place = home.name if home else None
    drop_foreign_modifiers(mentions, words, home)
    set_zone_parents(zones, trip_destination(text, mentions + inside, lex) or home, gaz)

    found = [(m.start, _with_level_char(text, m), m.place) for m in mentions if m.place is not None and not m.in_name]
    found.extend((m.start, m.end, m.place) for m in inside if _prefixes_a_local_zone(m, home))
    found.extend(province_abbreviations(text, mentions + inside, gaz, lex))
    if home is not None:
        found.extend(self_references(text, home, lex))
        found.extend(level_references(text, words, home, mentions + inside, lex))
        found.extend(listed_levels(text, words, home, mentions + inside, lex))
    divisions = [m.place for m in mentions + inside if m.place is not None]
    taken = found + [(z.start, z.end, None) for z in zones]
    # the home place comes last; a town's county comes after it: the county's villages are looked for
    homes = [] if home is None else [home, home.parent] if home.level == "town" else [home]
    found.extend(towns_and_villages(text, words, gaz, divisions + homes, taken))
    attach_to_opening_towns(zones, found)
    found = _short_forms_of_towns(text, _outermost(found))
    spans = [(start, end, *_named(text[start:end], place, gaz)) for start, end, place in found]
    spans.extend((start, end, z.name, {"level": "zone", "adcode": z.adcode, "ancestors": z.ancestors})
                 for z in zones for start, end in ((z.start, z.end), *zone_references(text, z, zones, lex)))
    spans.extend((start, end, region, {"level": "zone", "adcode": None, "ancestors": []})
                 for start, end, region in regions(text, words, lex, zones))
    if home is not None:  # the home place goes by the name its mentions carry (沙县 for 沙县区)
        doc._.home_place = next((name for *_, name, attrs in spans if attrs.get("adcode") == home.adcode
                                 and home.adcode), home.name)
    doc._.home_place = home_zone(text, zones, mentions + inside, lex) or doc._.home_place
    return sorted(spans, key=lambda span: span[:2])


def _prefixes_a_local_zone(m: Mention, home: Place | None) -> bool:
    """清徐 in 清徐经济开发区 of a 太原 paper is 清徐县, a place of its own; a place prefixing a zone elsewhere
    only tells the zone's parent."""
    return m.place is not None and home is not None and (m.place.is_within(home) or home.is_within(m.place))


def _with_level_char(text: str, m: Mention) -> int:
    """湘西州, 大同市: a short form written with its level character keeps it in the span."""
    return m.end + 1 if m.short and text[m.end : m.end + 1] == m.place.name[-1:] else m.end


def _named(written: str, place: Place, gaz: Gazetteer) -> tuple[str, dict]:
    """The full official name (大同 → 大同市), except for a county written by the name it had before it was
    renamed (神木县, now 神木市): that name, with today's as an alias."""
    if place in gaz.by_old_name(written):
        return written, {**_attrs(place), "aliases": [place.name]}
    return place.name, _attrs(place)


def _attrs(place: Place) -> dict:
    return {"level": place.level, "adcode": place.adcode, "ancestors": [a.as_dict() for a in place.ancestors]}


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
