"""Constants and word lists shared by the steps of place recognition (lexicons in ``kg/nlp/lexicons``)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kg.lexicon import read_lines

LEXICONS = Path(__file__).parent.with_name("lexicons")
ADMIN_LEVELS = ("province", "city", "county")
NAME_TAGS = frozenset({"n", "nz", "nw", "vn", "an", "a", "LOC", "ORG", "PER", "TIME", "j"})  # words inside names
PROPER_NAME_TAGS = frozenset({"LOC", "ORG", "PER", "nz"})
ZONE_STOP_TAGS = frozenset({"SPACE", "w", "v", "vd", "p", "c", "u", "r", "m", "q", "xc", "f", "s", "ad"})  # end a zone name
SITE_NAME_TAGS = NAME_TAGS | {"v", "s"}  # 某某移民安置点, 某某集团沿海…基地: a verb or a place noun inside a site's name
GLUED_TAGS = frozenset({"LOC", "ORG", "nz"})  # LAC name tokens that may hold a place glued to more text
PROJECT_HEADS = ("项目", "工程")  # a zone-like name followed by these is a project's name
PHASE = re.compile(r"[(（]?[一二三四五六七八九十\d]+期")  # …小镇一期 too: a phase is built, a zone is not
TOWN_HEADS = ("镇", "乡", "街道", "苏木", "管理区")  # 苏木: a township of Inner Mongolia; 管理区: a unit at township level
ROAD_HEADS = ("路", "大道")  # not 街: towns are named so (某街街道)
DIVISION_HEADS = ("区", "镇", "乡", "街道", "村")  # a zone head right before one of these is inside a name
GOVERNMENT_WORDS = ("委", "政府", "人大", "政协", "党委", "纪委")  # 大同市委: the place governs, it is named
TITLE_LEVEL = {"市": "city", "县": "county", "区": "county", "州": "city", "盟": "city", "旗": "county"}
LEVEL_CHARS = {"省": "province", "自治区": "province", **TITLE_LEVEL}  # the level a bare word names (省委, 市长)
LEVEL_ALTERNATION = "|".join(sorted(LEVEL_CHARS, key=len, reverse=True))
IN_CLAUSE = r"[^，,。；;！!？?\n]"  # a character that does not end a clause
UNPREFIXED_TITLE = re.compile(r"(?<!自治)([市县区州旗])(?:党?委书记|长)")  # 区党委书记 of a 管理区, not 自治区党委
PROVINCIAL_TITLE = re.compile(r"(?:省|自治区)(?:党?委(?:副?书记|常委)|长|(?:政府)?主席|政协主席|人大常委会主任)")


def town_short_form(name: str) -> str:
    """安仁 of 安仁镇, 金沙 of 金沙街道 ('' for a name with no town head)."""
    return next((name[: -len(head)] for head in TOWN_HEADS if name.endswith(head)), "")


def _lexicon(name: str) -> tuple[str, ...]:
    return read_lines(LEXICONS / f"{name}.txt")


def _province_abbreviations() -> dict[str, str]:
    return dict(line.split("\t") for line in _lexicon("place_province_abbreviations"))


@lru_cache(maxsize=1)
def lexicons() -> dict:
    zone_lines = [line.split("\t") for line in _lexicon("place_zone_suffixes")]
    zone_heads = sorted((fields[0] for fields in zone_lines), key=len, reverse=True)
    return {
        "zone_head_pattern": re.compile("|".join(map(re.escape, zone_heads))),
        # the two characters at each place inside a zone head: a name starting where none of them is cuts no head
        "zone_head_pairs": frozenset(head[i : i + 2] for head in zone_heads for i in range(len(head) - 1)),
        "descriptive_zone_heads": {fields[0] for fields in zone_lines if "described" in fields[1:]},
        "hosting_zone_heads": {fields[0] for fields in zone_lines if "hosting" in fields[1:]},
        "governed_zone_heads": {fields[0] for fields in zone_lines if "governed" in fields[1:]},
        # what ends a site's name: 某园区某某基地 (a site named inside a park), 某某电厂 (a place opening it)
        "site_heads": tuple(_lexicon("project_heads") + _lexicon("project_facilities")),
        "project_heads": set(_lexicon("project_heads")),  # 综合体, 道路: a bare head names no site of its own
        "event_verbs": tuple(_lexicon("project_event_verbs")),  # 在某某产业园举行: the park hosts an event
        "built_zone_heads": _lexicon("project_zone_heads"),  # 小镇, 产业园: zones built as one undertaking
        "zone_generic": set(_lexicon("place_zone_generic")),
        # 某某旅游区是…的重要承载地: a sentence defining an area by its role
        "zone_role": re.compile("是%s{0,30}?的(?:重要|核心|主要|首要)?(?:%s)" % (IN_CLAUSE, "|".join(_lexicon("place_zone_roles")))),
        "zone_bare": set(_lexicon("place_zone_bare")),
        "zone_use_words": set(_lexicon("place_zone_use_words")),  # 休闲/v of 某某河休闲小镇
        "zone_abbreviations": [tuple(line.split("\t")) for line in _lexicon("place_zone_abbreviations")],
        "zone_builders": re.compile("(?:%s)+" % "|".join(map(re.escape, sorted(_lexicon("place_zone_builders"),
                                                                                key=len, reverse=True)))),
        "regions": sorted(_lexicon("place_regions"), key=len, reverse=True),
        "region_strategies": _lexicon("place_region_strategies"),
        "zone_reference": re.compile("(?:%s)(%s)" % tuple("|".join(sorted(_lexicon(name), key=len, reverse=True))
                                                          for name in ("place_zone_reference_leads",
                                                                       "place_zone_references"))),
        "self_refs": dict(line.split("\t") for line in _lexicon("place_self_references")),
        "town_self_refs": _lexicon("place_town_self_references"),
        "source_heads": tuple(sorted(_lexicon("place_source_heads"), key=len, reverse=True)),
        "source_openers": _lexicon("place_source_openers"),
        # 赴某市 sends people out, 全力以赴 does not
        "trip_out": re.compile("(?<!以)(?:%s)(%s*)" % ("|".join(_lexicon("place_trip_out_verbs")), IN_CLAUSE)),
        "learning_trip": re.compile("到(%s*?)(?:%s)" % (IN_CLAUSE, "|".join(_lexicon("place_learning_trips")))),
        "delegation_heads": _lexicon("place_delegation_heads"),
        "visit_verbs": (*_lexicon("visit_verbs"), "到"),  # 调研某市, 到某县: an official goes to the place
        "zone_government": _lexicon("place_zone_government_words"),
        "level_reference": re.compile("(%s)(?:%s)" % (LEVEL_ALTERNATION, "|".join(
            map(re.escape, sorted(_lexicon("place_level_references"), key=len, reverse=True))))),
        # 中央和省、市委, 省、市、县, 省“两会”: bare level words listed together or before a quoted programme
        "level_list": re.compile("(?:{lead}|{level})(?:[和、与及](?:{lead}|{level}))+|(?:{level})(?=[“\"「])".format(
            lead="|".join(_lexicon("place_level_list_leads")), level=LEVEL_ALTERNATION)),
        "level_char": re.compile(LEVEL_ALTERNATION),
        "stop": set(_lexicon("place_short_stopwords")),
        "aims": tuple(_lexicon("project_aims")),  # 打造“某某”示范区: a goal, not a zone
        "name_heads": tuple(_lexicon("place_name_heads")),
        "short_followers": tuple(_lexicon("place_short_followers")),
        "province_abbreviations": _province_abbreviations(),
        # 来湘考察, 赴粤招商; 京沪两地: a province by its one-character abbreviation
        "province_abbreviation": re.compile(
            "(?<=[{leads}])([{chars}])(?={followers})|([{chars}])([{chars}])(?=两地)".format(
                leads="".join(_lexicon("place_abbreviation_leads")), chars="".join(_province_abbreviations()),
                followers="(?:%s)" % "|".join(_lexicon("place_abbreviation_followers")))),
    }
