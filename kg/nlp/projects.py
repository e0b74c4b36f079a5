"""The kg_projects component: named projects (works, plants, parks, production lines, power stations,
roads, markets) as ``doc.spans["projects"]``.

No statistical model knows this type, so names are read with lexicons (``lexicons/project_*.txt``):

* a **head** (项目, 工程, 基地, 产业园, 电站, 生产线…) ends a name; its left edge is the nearest punctuation,
  stop word (a visit verb, preposition or time word: 卢东亮来到|星火弘源年产400万吨活性氧化钙项目) or verb that
  governs the name, so brand, capacity and product stay in the name;
* a **phase** after a name ends it too (…工业园西区三期, …服饰一期);
* **enumerations** share one head: every item of 推进A、B、C等项目 or 签约A、B和C等8个项目 is a project, and
  so is every item of a list after a colon (…分别是：A、B、C和D) in a paragraph that speaks of projects, and
  every place listed before a name that starts with a place (A村、B村和C村整体搬迁安置项目);
* **generic phrases** (重点工程项目, 39个重点项目, 该项目, 民生工程, 辽中区项目) are dropped: without their
  generic words, numbers, heads, places and organisations nothing is left;
* **short forms** (锐华项目 after 新荣区锐华新能源装备产业项目) get the full name as canonical name, so the
  mentions of one project in a document are one entity with the short forms as aliases.

Places and organisations found by the earlier components only help to judge whether a name is generic.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import add_span, text_of, tokens_of
from kg.lexicon import read_words

LEXICONS = Path(__file__).with_name("lexicons")

MAX_NAME = 48  # characters: longer runs without punctuation are sentences, not names
MIN_SPECIFIC = 2  # characters a name must keep once its generic words are removed
MAX_PIECES = 3  # a short form's core may stand in the full name's core in this many pieces (华能|50MW|光热)
MAX_GAP = 3  # characters between those pieces, all together
MIN_JOINED_ITEM = 5  # both sides of 和/及 in a list's last item must be this long to be two projects

# Characters that may occur inside a name; anything else (、，。 white space…) ends it.
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9Ａ-Ｚａ-ｚ０-９·•×/.%＋+\-－()（）“”\"‘’#＃]")
# A space next to a Latin word stays in a name (南湖片区污水处理 PPP 项目); other spaces end it.
_LATIN_SPACE = re.compile(r"(?<=[A-Za-z]) (?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff]) (?=[A-Za-z])")
_QUOTES = re.compile(r"[“”\"‘’「」『』《》\s]")
_COUNTERS = "个所条座家批项处类"
_COUNT_DIGITS = "一二三四五六七八九十百千两"
# A count or an ordinal (39个重点项目, 8所乡镇幼儿园提标改造项目, 第二次项目) makes a phrase about a class of things.
_COUNTED = re.compile(rf"(?:\d+|[一二三四五六七八九十两几多数]+)[{_COUNTERS}]|第[\d一二三四五六七八九十]+[次批]")
# Chinese numerals count as a number only before a counter, unit or facility (两个, 十万吨, 两中心, 十大, 三工程)
# or at the end, so that 万洋, 千岛 or 德百 keep them.
_NUMBER = re.compile(
    rf"[\d.０-９]+|[零一二三四五六七八九十百千万亿两]+(?=[{_COUNTERS}期年吨元米亩台套千万亿馆中场园厂校路桥工大])"
    # a number at the end (千项万亿), not a name's last character (德百)
    r"|(?:(?<=[零一二三四五六七八九十百千万亿两])|(?<![\u3400-\u9fff]))[零一二三四五六七八九十百千万亿两]+$"
)
_PHASE = r"[(（]?[一二三四五六七八九十\d]+期[)）]?"  # 一期, (二期)
# A phase after a name (…西区三期, …服饰(二期)), not an issue or a period (第一期, 同期, 近期)
_NAMED_PHASE = re.compile(rf"(?<=[\u3400-\u9fffA-Za-z)）])(?<![第首同近本当上下前后分每])[(（]?[一二三四五六七八九十\d]期[)）]?")
# A superlative right before a name, or 重要 in it, makes it a title (全国最大的铝板带箔加工基地, 京沪重要高铁枢纽)
_SUPERLATIVE_BEFORE = re.compile(r"(?:最[\u3400-\u9fff]{1,3}|重要)的$")
_PROJECT_PHASE = re.compile(rf"(?<=项目|工程){_PHASE}$")  # 项目一期: a phase of that project
_LIST_NUMBER = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．、)）]|[(（]\d{1,2}[)）]")  # 1.X项目, (2)X工程
_SOURCE_LABEL = re.compile(r"(?:来源|稿源|出处)\s*[:：]")
_TRAIL_MARKS = (">", "＞", "›", "»")
_LIST_END = re.compile(r"等[地处]?$")
_LIST_CLOSED = re.compile(r"等(?=[，,])")
_ITEM_SEPARATOR = re.compile(r"(?:[(（][^()（）]{0,12}[)）])?[、和及]")  # …产业园(东区)、B中学
_CLAUSE_END = "。；！？;\n"  # not ASCII ? and !: in Chinese text they are mostly mojibake
_OPEN_CLOSE = (("“", "”"), ("(", ")"), ("（", "）"))
# Tokens after which a name goes on although they are not nouns: the closing half of a quoted or bracketed
# part (“上大压小”项目, 锐华能源(大同)技术…) and the dot of 华瑞智谷·创新产业园.
_JOINERS = frozenset("”)）·•")
# LAC tags that end a name on the left: pronouns (该, 我), particles (的, 等), conjunctions, adverbs (正, 先后,
# 分别), prepositions and time words, except the words of the name-word lexicons. Verbs: see _inside_name.
_STOP_TAGS = frozenset({"r", "u", "c", "d", "ad", "vd", "p", "TIME"})
# Tags of the tokens that can name a project; w for quotes and brackets, "" for a tokenizer without tags.
_NAMING_TAGS = frozenset({"n", "nz", "nw", "s", "f", "m", "LOC", "ORG", "PER", "w", ""})
_PROPER_TAGS = frozenset({"LOC", "ORG", "PER", "nz", "nw"})
# The group word after a visitor (县长一行), which LAC may cut (一|行走): no name goes on left past it;
# not 统一行政…, 同一行业
_GROUP_WORD = re.compile(r"一行(?![政业])")
_ASPECT_PARTICLES = frozenset("了着过")  # 进行了, 观摩着: a verb that tells an act
_NOMINAL_TAGS = frozenset({"n", "nz", "nw", "vn", "a", "an", "f", "s", "m", "q", "LOC", "ORG", "PER"})
# 多晶硅锭及硅片切割项目, 研发与生产基地, 雨污分流改造暨管网提升工程: one name when nouns stand around
_LINKS = frozenset({"及", "与", "暨"})
_BARE_HEADS = ("项目", "工程")  # heads that say nothing of what is built
_CONJUNCTIONS = ("以及", "和", "及")
# LAC sometimes glues a conjunction to the next name (和谷陇工业园区/c): the name starts after it.
_GLUED_CONJUNCTION = re.compile(r"[和及与][\u3400-\u9fff]{2,}")
# A capacity (100万吨, 3×660MW) opens the product part of a name; verbs and adverbs LAC finds between it
# and the head (100万吨高品质不锈钢连续冷轧退火生产线) belong to the product.
_CAPACITY = re.compile(r"[\d.×xX]+(?:万|千|亿)?(?:吨|千瓦|兆瓦|MW|GW|MWh|GWh|台|套|件|辆|片|平方米|立方米|标米|米|头|只)")
# The rate part of a capacity (120万吨/年, 5000吨/日), which LAC cuts off as /年 or as / and 日.
_RATE = re.compile(r"[/／](?:年|日|天|小时)?")
_RATE_UNITS = ("年", "日", "天", "小时")
_DATE_LIKE = re.compile(r"[\d年月日时天周季期前后]")  # 2024年, 上午10时, 近日, 此前: a real time
_NOT_IN_PRODUCT_TAGS = frozenset({"r", "u", "c", "p", "d", "TIME", "w"})
# A LAC place ending in an administrative unit (黄平县, 资阳市) is a place even when the gazetteer did not say so.
_ADMIN_SUFFIX = tuple("省市县区旗盟州镇乡村")
# A registered company (X动力股份有限公司) names its project (…高端装备制造基地); a group or a government
# body does not (国家能源集团与省政府战略合作项目).
_REGISTERED_COMPANY = "公司"
_AREA_HEADS = ("新区", "园区", "片区", "城区", "景区")  # areas developed as one project
# An investment before a list item (、投资8000万元的滨河绿道提升、): what is invested in is a work.
_INVESTED = re.compile(r"(?:总)?投资(?:约|近|超|达|额)?[\d.]+(?:万|亿)*元的")


def _names_a_project(words: list[str], i: int) -> bool:
    """涑水新区项目, 东港西区二期: an area name (…新区, …园区) right before 项目/工程, or any name before a
    phase, is the project's own name, not an unknown place (a place the gazetteer knows is marked by its span
    already)."""
    following = words[i + 1] if i + 1 < len(words) else ""
    return (following in ("项目", "工程") and words[i].endswith(_AREA_HEADS)) or bool(re.fullmatch(_PHASE, following))


def _lexicon(name: str) -> list[str]:
    """Entries of a lexicon file, longest first."""
    return list(read_words(LEXICONS / name))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass
class _Mention:
    start: int
    end: int
    canonical: str
    core: str  # what tells the project apart: no generic words, numbers, places or organisations
    enumerated: bool  # read as an item of a list sharing one head
    place_item: bool = False  # a place sharing the rest of the next name (A村、B村整体搬迁项目): no longer form of it


class _Text:
    """A Doc's text with its tokens (offsets, LAC tags) and the characters covered by places and
    organisations, for walking left from a head and judging what is specific."""

    def __init__(self, doc: Doc, zone_heads: tuple[str, ...]):
        self.text = text_of(doc)
        self.tokens = tokens_of(doc)
        self.starts, self.ends, self.words, self.tags = self.tokens
        named = bytearray(len(self.text))
        for group in ("places", "organizations"):
            for span in doc.spans.get(group, []):
                if not span.text.endswith((_REGISTERED_COMPANY, *zone_heads)):
                    named[span.start_char : span.end_char] = b"\x01" * (span.end_char - span.start_char)
        for i, (word, tag) in enumerate(zip(self.words, self.tags)):
            if tag == "LOC" and word.endswith(_ADMIN_SUFFIX) and not word.endswith(zone_heads) and not _names_a_project(self.words, i):
                named[self.starts[i] : self.ends[i]] = b"\x01" * len(word)
        self.named = named
        self.place_spans = {(span.start_char, span.end_char) for span in doc.spans.get("places", [])}
        # tokens of places: a gazetteer place, or a LAC place ending in an administrative unit (A镇B村)
        self.in_places = {i for span in doc.spans.get("places", []) for i in range(span.start, span.end)} | {
            i for i, (word, tag) in enumerate(zip(self.words, self.tags)) if tag == "LOC" and word.endswith(_ADMIN_SUFFIX)
        }
        self.organization_starts = sorted(span.start_char for span in doc.spans.get("organizations", []))
        self.organization_spans = {(span.start_char, span.end_char) for span in doc.spans.get("organizations", [])}
        # tokens of a place or an organisation, whatever LAC tagged them (太忻/d 一体化/vn 经济区, 诚鼎/ORG
        # 精密铸造公司/ad 项目): a place or a company prefixes a name whole
        self.in_named = {
            i for group in ("places", "organizations") for span in doc.spans.get(group, []) for i in range(span.start, span.end)
        }
        # tokens of people's names: a name never goes on left past a person (张某一行|走进园区)
        self.in_person = {
            i for group in ("officials", "persons") for span in doc.spans.get(group, []) for i in range(span.start, span.end)
        }

    def unnamed(self, start: int, end: int) -> str:
        """The characters of [start, end) outside places and organisations."""
        return "".join(ch for ch, flag in zip(self.text[start:end], self.named[start:end]) if not flag)


@Language.factory("kg_projects")
class ProjectRecognizer:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        facilities = _lexicon("project_facilities.txt")
        self.facilities = tuple(facilities)
        heads = _lexicon("project_heads.txt")
        generic = _lexicon("project_generic.txt")
        self.stops = frozenset(_lexicon("project_stops.txt"))
        # LAC glues a stop verb to the next character (调研备|春耕生产): a verb starting with one is a stop too
        self.long_stops = tuple(stop for stop in self.stops if len(stop) > 1)
        self.aims = frozenset(_lexicon("project_aims.txt"))
        self.name_words = frozenset(_lexicon("project_name_words.txt"))
        self.openers = frozenset(_lexicon("project_name_openers.txt"))
        self.manners = tuple(_lexicon("project_manner_words.txt"))  # LAC may cut them (高|水平)
        # 谋项目, 投资上项目 (not 海上项目: offshore works): a slogan's object, not a name
        self.slogan_object = re.compile(
            rf"(?<!海)(?:{_alternation(_lexicon('project_object_verbs.txt'))})(?:{_alternation(list(_BARE_HEADS))})$"
        )
        self.institutions = tuple(_lexicon("project_institutions.txt"))
        self.zone_heads = tuple(_lexicon("project_zone_heads.txt"))
        self.visit_verbs = tuple(_lexicon("visit_verbs.txt"))
        self.event_verbs = _lexicon("project_event_verbs.txt")
        # 该项目拟建设|A、B: what follows lists the parts of a project
        self.component = re.compile(
            rf"(?:该|本|此|整个)?项目(?:拟|将|计划|主要|共|总共)?(?:{_alternation(_lexicon('project_component_verbs.txt'))})"
            r"(?!现场|工地|情况|进度|进展|的)"  # not 项目建设现场: 建设 as a noun
        )
        self.build_words = tuple(_lexicon("project_name_words.txt"))
        self.head_modified = tuple(_lexicon("project_head_modified.txt"))
        # a chain of heads (…基地项目), then a phase (…小镇一期, …产业园(二期))
        self.heads = re.compile(
            rf"(?:{_alternation(sorted(heads + facilities, key=len, reverse=True))})+"
            rf"(?:{_PHASE})?"
        )
        tails = _alternation(sorted(generic + heads, key=len, reverse=True))
        # one-character generic words (市, 县, 镇, 大, 该) only as words of their own: 市民, 城镇, 大棚 keep them
        self.generic = re.compile(_alternation(sorted((w for w in generic + heads if len(w) > 1), key=len, reverse=True)))
        self.lone_generics = frozenset(w for w in generic + heads if len(w) == 1)
        self.tail = re.compile(rf"(?:{tails})\Z")  # searched from 1: the longest that leaves something
        list_heads = _alternation(_lexicon("project_list_heads.txt"))
        # 等项目, 等8个项目, 等20个重点项目, 等3条市政“断头路”, a count right after the list
        # (A、B、C3个重大项目) or a stage of building (A、B、C开工项目): one head shared by the items before it
        self.shared_head = re.compile(
            rf"(?:等((?:\d+|[一二三四五六七八九十两]+)[{_COUNTERS}])?|(\d+|[两三四五六七八九十]+)[个条座所家]"
            rf"|(?<![和及与”\"新开])(?P<stage>{_alternation(_lexicon('project_stage_words.txt'))})(?=项目(?![\d{_COUNT_DIGITS}]+[个项])))"
            rf"(?:{_alternation(generic)}|[“”\"])*(?:{list_heads})"
        )
        # 临泽县是全国重要的玉米制种基地: a title the place holds, not a project
        self.title_of_place = re.compile(
            rf"\s*[\u3400-\u9fff]{{1,12}}?[{''.join(_ADMIN_SUFFIX)}](?:{_alternation(_lexicon('project_title_verbs.txt'))})"
            rf"[^{_CLAUSE_END}，,]*$"
        )
        self.not_items = tuple(_lexicon("project_not_items.txt"))
        self.list_marker = re.compile(rf"(?:{_alternation(_lexicon('project_list_markers.txt'))})[:：]")

    def __call__(self, doc: Doc) -> Doc:
        text = _Text(doc, self.zone_heads)
        mentions = _without_overlaps(self._invested_items(text) + self._enumerated(text) + self._colon_lists(text))
        taken = [(m.start, m.end) for m in mentions]
        headed = [m for m in self._headed(text) if not _overlaps(m, taken)]
        mentions = sorted(mentions + _outermost(headed), key=lambda m: m.start)
        mentions = sorted(mentions + self._place_items(text, mentions), key=lambda m: m.start)
        mentions = sorted(mentions + self._list_kin(text, mentions), key=lambda m: m.start)
        mentions = sorted(mentions + self._listed_bodies(text, mentions), key=lambda m: m.start)
        mentions = [
            m for m in mentions
            if not _in_credit_or_navigation(text.text, m)
            and not (self._institution(text.text, m) and not _listed_with_projects(text.text, m, mentions, self.institutions))
        ]
        hosts = {m.canonical for m in mentions if self._hosting_zone(text, m)}
        mentions = [m for m in mentions if m.canonical not in hosts and not self.component.search(
            text.text, _clause_start(text.text, m.start), m.start)]
        _resolve_short_forms(mentions)
        # spaCy keeps a span's extension values by its offsets: a project that is also a place (X小镇) shares
        # the place's canonical name and attributes, which must survive
        places = {(span.start_char, span.end_char): span for span in doc.spans.get("places", [])}
        doc.spans["projects"] = []
        for m in mentions:
            place = places.get((m.start, m.end))
            canonical, attrs = (place._.canonical, place._.attrs or {}) if place is not None else (m.canonical, {})
            add_span(doc, "projects", m.start, m.end, "PROJECT", canonical, **attrs, enumerated=m.enumerated)
        return doc

    def _institution(self, text: str, m: _Mention) -> bool:
        """Whether ``m`` names an institution (…医院, …中学, …博物馆) with no word of building in the rest of
        its clause (…建设, …改扩建, …项目, 正在建设): a body visited, which the guide counts as an
        organization."""
        clause_after = text[m.end : _clause_end(text, m.end)]
        return m.canonical.endswith(self.institutions) and not (
            any(word in clause_after for word in self.build_words) or self.heads.search(clause_after)
        )

    def _hosting_zone(self, text: _Text, m: _Mention) -> bool:
        """Whether ``m`` is a zone that hosts an event (活动在X产业园举行) or frames a visit to a company in it
        (在X产业园，市长首先来到Y公司): the zone is where things happen, a place in the whole text, not the
        site visited (在X产业园，市长察看厂房 is)."""
        if not m.canonical.endswith(self.zone_heads) or not text.text.endswith("在", 0, m.start):
            return False
        if re.match(rf"(?:隆重)?(?:{_alternation(self.event_verbs)})", text.text[m.end :]):
            return True
        after = _clause_end(text.text, m.end)
        if text.text[after : after + 1] not in ("，", ","):
            return False
        sentence = text.text[after : _sentence_end(text.text, after)]
        return any(verb in sentence for verb in self.visit_verbs) and any(
            after <= start < after + len(sentence) for start in text.organization_starts
        )

    # --- candidates -----------------------------------------------------------------------------------

    def _headed(self, text: _Text) -> list[_Mention]:
        """Names ending in a head word (…项目, …产业园项目, …小镇一期) or in a phase (…工业园西区三期, …服饰一期:
        a stage of building names what is built)."""
        found = []
        heads = [
            match.span() for match in self.heads.finditer(text.text)
            if not text.text.startswith(self.head_modified, match.end()) and not _inside_organization(text, match.end())
        ]
        phases = [match.span() for match in _NAMED_PHASE.finditer(text.text) if not self.heads.match(text.text, match.end())]
        for head_start, end in heads + phases:
            start, aim = self._left_edge(text, end, head_start)
            clause_start = _clause_start(text.text, start)
            if (
                self.title_of_place.match(text.text, clause_start, start)
                or _SUPERLATIVE_BEFORE.search(text.text, clause_start, start)
                or "重要" in text.text[start:end]
            ):
                continue
            mention = self._mention(text, start, end, aim, enumerated=False)
            if mention is not None and _has_noun(text, start, head_start, end):
                found.append(mention)
        return found

    def _enumerated(self, text: _Text) -> list[_Mention]:
        """Items of A、B、C等项目 / A、B和C等8个项目 / A、B、C3个重大项目 / A、B开工项目 (not 签约项目34个)."""
        found = []
        for match in self.shared_head.finditer(text.text):
            if match.start() == 0 or not _NAME_CHAR.match(text.text[match.start() - 1]):
                continue
            items = self._from_last_verb_phrase(text, _split_items(text.text, _clause_start(text.text, match.start()), match.start()))
            if match.group(2) and len(items) < 2:  # a bare count (3个重大项目) follows a list only
                continue
            mentions = self._items(text, items, trim_first=True)
            if match.group("stage"):  # 太原市签约项目: a place's or a company's works, not a name
                mentions = [m for m in mentions if self._specific(m.core)]
            found.extend(mentions)
        return found

    def _from_last_verb_phrase(self, text: _Text, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The items from the last one holding a stop word (a visit verb, a preposition) on: the list starts
        in that item (王某、李某等为|A工业园等项目; 某某带领…来县考察|A、B等项目), the items before it are
        another list (the people who came)."""
        for k in range(len(items) - 1, 0, -1):
            first, last = text.tokens.at(items[k][0]), text.tokens.at(items[k][1] - 1)
            if any(text.words[i] in self.stops for i in range(first, last + 1)):
                return items[k:]
        return items

    def _colon_lists(self, text: _Text) -> list[_Mention]:
        """Items of …分别是：A、B、C和D. when the paragraph before the list speaks of 项目; a 等 before a comma
        closes the list (A、B、C等，总投资12亿元: what follows speaks of the list)."""
        found = []
        for match in self.list_marker.finditer(text.text):
            if "项目" not in text.text[text.text.rfind("\n", 0, match.start()) + 1 : match.start()]:
                continue
            end = _sentence_end(text.text, match.end())
            closed = _LIST_CLOSED.search(text.text, match.end(), end)  # A、B、C等，总投资…: the list ends at 等
            items = _split_items(text.text, match.end(), closed.start() if closed else end)
            found.extend(self._items(text, items, trim_first=False))
        return found

    def _invested_items(self, text: _Text) -> list[_Mention]:
        """List items named by their investment (投资1.2亿元的滨河绿道提升、投资800万元的中学改扩建、…): what
        money is put in is a work, whatever its last word; not a company (投资5000万元的某某科技有限公司), nor
        a clause that goes on (投资5亿元的厂房正在建设: no list item)."""
        found = []
        for match in _INVESTED.finditer(text.text):
            end = match.end()
            while end < len(text.text) and _NAME_CHAR.match(text.text[end]) and text.text[end] != "等":  # 、…C等项目
                end += 1
            item = text.text[match.start() - 1 : match.start()] == "、" or text.text[end : end + 1] == "、"
            if not item or (match.end(), end) in text.organization_spans or self._tells_an_act(text, match.end(), end):
                continue
            found.extend(self._items(text, [(match.end(), end)], trim_first=False))
        return found

    def _place_items(self, text: _Text, mentions: list[_Mention]) -> list[_Mention]:
        """Places listed before a name that starts with a place share its rest when the rest is made of common
        words: in A镇B村、C村和D村整体搬迁安置项目 each place names one project (A镇B村整体搬迁安置项目…), in
        A村、B镇青石水库 the 水库 is B镇's only. The item's span is its places (with the
        separator after them when it is one place, so that the place's own span keeps its name)."""
        found = []
        for m in mentions:
            if m.enumerated:
                continue
            prefix_end = _place_run_end(text, m.start)
            rest = text.text[prefix_end : m.end]
            if prefix_end == m.start or not self._specific(rest) or _holds_a_proper_name(text, prefix_end, m.end):
                continue
            pos, separators = m.start, "、和及"
            while text.text[pos - 1 : pos] and text.text[pos - 1] in separators:
                run_start = _place_run_start(text, pos - 1)
                if run_start == pos - 1:
                    break
                end = pos - 1 if (run_start, pos - 1) not in text.place_spans else pos
                found.append(_Mention(run_start, end, text.text[run_start : pos - 1] + rest, "", enumerated=True, place_item=True))
                pos, separators = run_start, "、"
        return found

    def _list_kin(self, text: _Text, mentions: list[_Mention]) -> list[_Mention]:
        """Headless items that follow project items in one list (来到A产业园、滨河路东延改造提升、B项目现场):
        the items of one list name one kind of thing. Items before the first project may be the visitor
        (书记、市长X来到A…), so they are not taken; nor are places, organisations, topics (…情况), items
        that are not one name and items that tell an act (…和企业进行实地考察)."""
        found = []
        starts = sorted(m.start for m in mentions)
        for c_start, c_end in _clauses(text.text):
            items = _split_items(text.text, c_start, c_end)
            # a mention starts in the item (by bisection: scanning every mention for each item was quadratic)
            covered = [bisect_left(starts, b) > bisect_left(starts, a) for a, b in items]
            if len(items) < 3 or sum(covered) < 2 or 2 * sum(covered) < len(items):
                continue
            for k in range(covered.index(True) + 1, len(items)):
                a, b = items[k]
                closing = _LIST_END.search(text.text, a, b)  # …、C等地: 等 closes the list
                b = closing.start() if closing else b
                name = text.text[a:b]
                if covered[k] or len(name) < MIN_JOINED_ITEM - 1 or name.endswith(self.not_items):
                    continue
                if all(map(_NAME_CHAR.match, name)) and text.unnamed(a, b) and not self._tells_an_act(text, a, b):
                    found.extend(self._items(text, [(a, b)], trim_first=False))
        return found

    def _listed_bodies(self, text: _Text, mentions: list[_Mention]) -> list[_Mention]:
        """Organisations named by a facility (…研究院, …医院) listed among works (A产业园、B研究院、C更新项目):
        the list names sites built or shown as works, so such an item is a project as well as a body; alone
        or among companies it stays a body only."""
        found = []
        taken = [(m.start, m.end) for m in mentions]
        for start, end in sorted(text.organization_spans):
            name = _QUOTES.sub("", text.text[start:end])
            body = _Mention(start, end, name, self._strip_tails(name), enumerated=True)
            if (
                name.endswith(self.facilities) and not _overlaps(body, taken)
                and _listed_with_projects(text.text, body, mentions, self.institutions)
            ):
                found.append(body)
        return found

    def _tells_an_act(self, text: _Text, start: int, end: int) -> bool:
        """Whether [start, end) holds a stop word or an aspect particle (企业进行实地考察学习, 在建新项目进行了
        集中观摩): a clause that tells what was done, not a name."""
        tokens = range(text.tokens.at(start), text.tokens.at(end - 1) + 1)
        return any(text.words[i] in self.stops or text.words[i] in _ASPECT_PARTICLES for i in tokens)

    def _items(self, text: _Text, items: list[tuple[int, int]], trim_first: bool) -> list[_Mention]:
        """Mentions for list items. Only a first item that starts its clause can begin with a verb phrase
        (企业正同步推进|A、B等项目); the others are taken whole (力利同和30万吨铝加工 keeps its 和). Items are
        named by the list, so places and organisations in them count as specific (宏达电子、鑫源化工等项目)."""
        found = []
        for k, (start, end) in enumerate(items):
            aim = False
            if k == 0 and trim_first:
                start, aim = self._left_edge(text, end, end, floor=start)
                if _COUNTED.search(text.text[start:end]):  # 一批5G基站、物联网等新基建项目: a class, not names
                    return []
            mention = self._mention(text, start, end, aim, enumerated=True)
            if mention is not None:
                found.append(mention)
        return found

    def _left_edge(self, text: _Text, end: int, head_start: int, floor: int = 0) -> tuple[int, bool]:
        """Where a name ending at ``end`` starts, and whether an aim verb (打造…) stands right before it.

        Walks left token by token from ``end`` and stops at a character that cannot be in a name, at
        ``floor``, after ``MAX_NAME`` characters, or, left of the head, at a token that cannot be part of
        the name.
        """
        pos = end
        quoted = False  # between ” and “: a quoted part of the name (“以大代小”项目) is taken whole
        i = text.tokens.at(end - 1) if end > 0 else -1
        while i >= 0 and pos > floor and end - pos < MAX_NAME:
            start = max(text.starts[i], floor)
            piece = text.text[start:pos]
            bad = [k for k, ch in enumerate(piece) if not _NAME_CHAR.match(ch) and not _LATIN_SPACE.match(text.text, start + k)]
            if bad:
                return start + bad[-1] + 1, False
            if "”" in piece or "“" in piece:
                quoted = piece.rfind("”") > piece.rfind("“")
            elif text.tags[i] == "c" and _GLUED_CONJUNCTION.fullmatch(text.words[i]):
                return start + 1, False
            elif not quoted and text.ends[i] <= head_start and not self._inside_name(text, i, end):
                capacity = self._capacity_left(text, i, floor, end)
                if capacity is None:
                    return pos, text.words[i] in self.aims
                pos = text.starts[capacity]
                i = capacity - 1
                continue
            pos = start
            i -= 1
        return pos, False

    def _capacity_left(self, text: _Text, i: int, floor: int, end: int) -> int | None:
        """Index of a capacity token (100万吨) left of token ``i`` when only content words stand between."""
        for k in range(i, -1, -1):
            if text.starts[k] < floor or end - text.starts[k] > MAX_NAME:
                return None
            word, tag = text.words[k], text.tags[k]
            if tag == "m" and _CAPACITY.fullmatch(word):
                return k
            if _in_rate(text, k):
                continue
            if word in self.stops or tag in _NOT_IN_PRODUCT_TAGS or not all(map(_NAME_CHAR.match, word)):
                return None
        return None

    def _inside_name(self, text: _Text, i: int, end: int) -> bool:
        """Whether token ``i``, left of the head of a name ending at ``end``, can be part of the name.

        Stop words, another 项目, function words and a verb after a word of manner (高质量|完成) cannot. A verb, a name-making word (改扩建, 提纯) or a
        link (及, 与) can when a noun or a link stands right before it (石英砂提纯, 管网升级改造, 研发与生产基地,
        调度中心及配套用房工程); an
        opener (年产, 新建) also when something specific follows (年产400万吨活性氧化钙项目).
        """
        word, tag = text.words[i], text.tags[i]
        if tag == "vn" and word in self.aims and i > 0 and text.tags[i - 1] in ("n", "nz"):
            return True  # an aim verb as a noun after a noun names what is done there (种子培育基地)
        if (cut_opener_end := self._cut_opener_end(text, i)) is not None:  # 改造暨|既|有|楼宇节能改造
            return self._specific(self._words_of(text, cut_opener_end, end))
        if word in self.stops or word == "项目" or (tag == "v" and word.startswith(self.long_stops)) or i in text.in_person:
            return False
        if i in text.in_named:
            return True
        previous = text.words[i - 1] if i > 0 else "\n"
        nominal_left = i > 0 and (
            text.tags[i - 1] in _NOMINAL_TAGS
            or previous in self.name_words
            or previous in self.openers
            or previous[-1] in _JOINERS
            or previous in _LINKS
            or self._opens_item_as_adverb(text, i - 1, end)
        )
        if word in self.openers:
            return nominal_left or self._specific(self._words_of(text, text.ends[i], end))
        if word in _LINKS:  # and something of the name follows (饲料厂及物流园项目): not 调度会暨重点项目, 进度及项目
            following = text.words[i + 1]
            return nominal_left and (
                following in self.name_words
                or (self.heads.fullmatch(following) is not None and following not in _BARE_HEADS)
                or self._specific(self._words_of(text, text.ends[i], end))
            )
        if word in self.name_words or tag == "v":  # or first in a list item (A、共享冷链分拣中心)
            if text.text.endswith(self.manners, 0, text.starts[i]):  # 高质量|完成: how work is done, not a name
                return False
            joined = previous + word in self.name_words  # LAC cut a name word in two (改|扩建)
            return nominal_left or joined or previous == "、" or self._verb_pair(text, i)
        if tag == "TIME" and not _DATE_LIKE.search(word):  # a brand LAC reads as a time (陕西|未来|能源)
            return nominal_left
        if self._opens_item_as_adverb(text, i, end):
            return True
        return tag not in _STOP_TAGS

    def _cut_opener_end(self, text: _Text, i: int) -> int | None:
        """Where an opener ends that LAC cut in two with token ``i`` as one half (既|有: 有 alone is a stop),
        or None. The opener is in the name when something specific follows it (既有楼宇节能改造工程, not 既有
        产业园，也有…)."""
        if i > 0 and text.words[i - 1] + text.words[i] in self.openers:
            return text.ends[i]
        if i + 1 < len(text.words) and text.words[i] + text.words[i + 1] in self.openers:
            return text.ends[i + 1]
        return None

    def _opens_item_as_adverb(self, text: _Text, i: int, end: int) -> bool:
        """Whether token ``i`` is in a run of words LAC reads as adverbs opening a list item whose name ends in
        what is built (、超级|压铸|生产线, 、全新|智造|车间): modifiers of the name, as a stop (、先后|走访) or
        a manner before a bare head (、全面|保障|项目) is not."""
        return (
            i > 0 and text.tags[i] in ("d", "ad") and text.words[i] not in self.stops
            and not text.text.endswith(_BARE_HEADS, 0, end)
            and (text.words[i - 1] == "、" or self._opens_item_as_adverb(text, i - 1, end))
        )

    def _verb_pair(self, text: _Text, i: int) -> bool:
        """Whether token ``i`` is the second of two verbs right after a noun (煤矸石|洗/v|选/v|加工项目,
        道路|拓宽/v|提升/v|工程, 人员|集中/v|照护/v|中心): the pair says what is done to the noun, in the name.
        The two are of one length, as in such compounds (not 干部|要|摸透 项目), and the first is no stop
        (not 来县|考察|学习 A项目)."""
        return (
            i > 1 and text.tags[i - 1] == "v" and text.tags[i - 2] in _NOMINAL_TAGS
            and len(text.words[i]) == len(text.words[i - 1]) and text.words[i - 1] not in self.stops
        )

    def _mention(self, text: _Text, start: int, end: int, after_aim: bool, enumerated: bool) -> _Mention | None:
        start = _after_unmatched_open(text.text, start, end)
        if start is None or after_aim:
            return None
        numbered = _LIST_NUMBER.match(text.text, start, end)
        start = numbered.end() if numbered else start
        for group in _GROUP_WORD.finditer(text.text, start, end):  # 县长一行|走园区, however LAC cut 一行
            start = group.end()
        surface = text.text[start:end]
        canonical = _QUOTES.sub("", surface)
        if _COUNTED.search(canonical) or self.heads.fullmatch(canonical) or self.slogan_object.search(canonical):
            return None
        core = _QUOTES.sub("", text.unnamed(start, end))
        if not self._specific(self._words_of(text, start, end, keep_named=enumerated)):
            return None
        return _Mention(start, end, canonical, self._strip_tails(core), enumerated)

    def _words_of(self, text: _Text, start: int, end: int, keep_named: bool = True) -> str:
        """The characters of [start, end) without quotes, one-character generic tokens (县|污水处理厂) and,
        unless ``keep_named``, places and organisations."""
        kept = []
        for i in range(text.tokens.at(start), text.tokens.at(end - 1) + 1):
            a, b = max(text.starts[i], start), min(text.ends[i], end)
            if text.words[i] in self.lone_generics and b - a == 1:
                continue
            kept.extend(ch for k, ch in enumerate(text.text[a:b], a) if keep_named or not text.named[k])
        return _QUOTES.sub("", "".join(kept))

    def _specific(self, name: str) -> bool:
        """Whether anything but generic words, numbers and heads is left of ``name`` (one-character generic
        words are left out by :meth:`_words_of`)."""
        rest = _NUMBER.sub("", self.generic.sub("", _NUMBER.sub("", name)))  # 三工程 and 千项万亿 alike
        return len(re.sub(r"[^\u3400-\u9fffA-Za-z]", "", rest)) >= MIN_SPECIFIC

    def _strip_tails(self, core: str) -> str:
        """``core`` without generic words and heads at its end: 锐华项目 → 锐华, and without the phase of
        a project (铜箔项目一期 → 铜箔: the first phase of the 铜箔 project, not a project of its own)."""
        core = _PROJECT_PHASE.sub("", core)
        while tail := self.tail.search(core, 1):
            core = core[: tail.start()]
        return core


def _inside_organization(text: _Text, pos: int) -> bool:
    """Whether ``pos`` falls inside an organisation's name (某某光伏|科技有限公司): a head there is the
    company's trade, and no project name ends in the middle of a company's."""
    return any(start < pos < end for start, end in text.organization_spans)


def _holds_a_proper_name(text: _Text, start: int, end: int) -> bool:
    """Whether a token of [start, end) is a proper name (a place, an organisation, a brand)."""
    tokens = range(text.tokens.at(start), text.tokens.at(end - 1) + 1)
    return any(text.tags[i] in _PROPER_TAGS or i in text.in_named for i in tokens)


def _place_run_start(text: _Text, end: int) -> int:
    """Start of the run of adjacent places (A镇B村) ending at ``end`` (``end`` when none ends there)."""
    i = text.tokens.at(end - 1)
    if text.ends[i] != end:
        return end
    while i >= 0 and i in text.in_places:
        i -= 1
    return text.ends[i] if i >= 0 else 0


def _place_run_end(text: _Text, start: int) -> int:
    """End of the run of adjacent places starting at ``start`` (``start`` when none starts there)."""
    i = text.tokens.at(start)
    if text.starts[i] != start:
        return start
    while i < len(text.words) and i in text.in_places:
        i += 1
    return text.starts[i] if i < len(text.words) else len(text.text)


def _in_rate(text: _Text, k: int) -> bool:
    """Whether token ``k`` is the rate part of a capacity (/年, or 日 right after /)."""
    word = text.words[k]
    return bool(_RATE.fullmatch(word)) or (word in _RATE_UNITS and text.text[text.starts[k] - 1 : text.starts[k]] in ("/", "／"))


def _has_noun(text: _Text, start: int, head_start: int, end: int) -> bool:
    """Whether a noun, a number or a named thing stands before the head, or the name is an item of a list
    (、先进制造产业园、): a head after verbs and adjectives only (援建项目, 主攻项目, 健全项目) is what is done to
    projects, not a name."""
    if text.text.endswith("、", 0, start) and text.text.startswith(("、", "等"), end):
        return True
    before_head = range(text.tokens.at(start), text.tokens.at(head_start - 1) + 1)
    return any(text.tags[i] in _NAMING_TAGS or i in text.in_named for i in before_head)


# --- names ----------------------------------------------------------------------------------------------


def _after_unmatched_open(text: str, start: int, end: int) -> int | None:
    """Start of the name once leading closing marks, links and an unmatched opening bracket are dropped;
    None when the head sits inside quotation marks (扎实推进“百千万工程”: a slogan, not a project)."""
    while start < end and text[start] in "”’)）·及与":
        start += 1
    name = text[start:end]
    for opening, closing in _OPEN_CLOSE:
        if name.count(opening) > name.count(closing):
            if opening == "“":
                return None
            start += name.rfind(opening) + 1
            name = text[start:end]
    return start


def _in_credit_or_navigation(text: str, m: _Mention) -> bool:
    """Whether ``m`` names the source of the page (来源：X新闻中心) or a menu item of its navigation trail
    (首页 > 资讯中心 > 要闻): page furniture, not the report."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start : m.start].rstrip(), text[m.end : line_end].lstrip()
    return bool(_SOURCE_LABEL.search(before)) or before.endswith(_TRAIL_MARKS) or after.startswith(_TRAIL_MARKS)


def _listed_with_projects(text: str, m: _Mention, mentions: list[_Mention], institutions: tuple[str, ...]) -> bool:
    """Whether ``m`` is an item of a list (、 or 和 between items) next to a project that is no institution:
    a school among works (A产业园、B小学、C排涝站) is a work of the list."""
    for other in mentions:
        if other is m or other.canonical.endswith(institutions):
            continue
        between = text[other.end : m.start] if other.end <= m.start else text[m.end : other.start]
        if _ITEM_SEPARATOR.fullmatch(between):
            return True
    return False


# --- lists ----------------------------------------------------------------------------------------------


def _clause_start(text: str, end: int) -> int:
    """Start of the clause (after 。；，：or a line break) that contains position ``end - 1``."""
    i = end - 1
    while i >= 0 and text[i] not in _CLAUSE_END and text[i] not in "，,：:":
        i -= 1
    return i + 1


def _clause_end(text: str, start: int) -> int:
    """End of the clause (at 。；，：or a line break) that goes on at ``start``."""
    match = re.compile(rf"[{_CLAUSE_END}，,：:]").search(text, start)
    return match.start() if match else len(text)


def _sentence_end(text: str, start: int) -> int:
    match = re.compile(rf"[{_CLAUSE_END}]").search(text, start)
    return match.start() if match else len(text)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clauses of ``text``: runs between sentence ends, commas and colons."""
    return [match.span() for match in re.finditer(rf"[^{_CLAUSE_END}，,：:]+", text)]


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a list in ``text[start:end]``: split at 、 outside brackets and quotes, and at 和/及/以及 in the last item
    when both sides are long enough to be names (金属废料和碎屑拆卸分拣加工处理 stays one item)."""
    items = []
    cursor = start
    depth = 0  # inside brackets or quotes: 滨江大道(三期、四期), “东、西两岸”整治工程 are one item
    for k in range(start, end + 1):
        if k < end and text[k] in "(（“":
            depth += 1
        elif k < end and text[k] in ")）”":
            depth = max(depth - 1, 0)
        if k == end or (text[k] in "、，," and not depth):
            if k > cursor:
                items.append((cursor, k))
            cursor = k + 1
    if items:
        last_start, last_end = items[-1]
        for conjunction in _CONJUNCTIONS:
            at = text.find(conjunction, last_start, last_end)
            after = at + len(conjunction)
            if at - last_start >= MIN_JOINED_ITEM and last_end - after >= MIN_JOINED_ITEM:
                items[-1:] = [(last_start, at), (after, last_end)]
                break
    return [(a, b) for a, b in items if text[a:b].strip()]


# --- choosing among candidates --------------------------------------------------------------------------


def _overlaps(m: _Mention, spans: list[tuple[int, int]]) -> bool:
    return any(m.start < b and a < m.end for a, b in spans)


def _without_overlaps(mentions: list[_Mention]) -> list[_Mention]:
    """First found wins (items named by their investment, then shared-head lists, then colon lists)."""
    kept: list[_Mention] = []
    for m in mentions:
        if not _overlaps(m, [(k.start, k.end) for k in kept]):
            kept.append(m)
    return kept


def _outermost(mentions: list[_Mention]) -> list[_Mention]:
    """Drop candidates inside longer ones (…基地 inside …基地项目)."""
    by_length = sorted(mentions, key=lambda m: m.end - m.start, reverse=True)
    kept: list[_Mention] = []
    for m in by_length:
        if not any(k.start <= m.start and m.end <= k.end for k in kept):
            kept.append(m)
    return kept


def _resolve_short_forms(mentions: list[_Mention]) -> None:
    """Give a short form (锐华项目, …互通工程 for …互通工程项目, 凤阳晶阳项目 for 晶阳光伏…项目, 中电50MW光热项目
    for 青海华能格尔木50MW塔式光热电站) the canonical name of a longer name that contains its core, or whose
    core contains it in a few close pieces, so that one project is one entity in the document."""
    names = sorted({m.canonical for m in mentions if not m.place_item}, key=lambda n: (-len(n), n))
    cores = {m.canonical: m.core for m in mentions}
    targets = {}
    for m in mentions:
        if len(m.core) < MIN_SPECIFIC or m.canonical in targets:
            continue
        longer = [
            n for n in names
            if (m.core in n or _in_pieces(m.core, cores[n])) and (len(n) > len(m.canonical) or len(cores[n]) > len(m.core))
        ]
        if longer:
            targets[m.canonical] = longer[0]
    for m in mentions:
        target = targets.get(m.canonical, m.canonical)
        # two names that are each other's longer form (A村中稻… and A中稻…): the longer one stays
        if targets.get(target) != m.canonical or len(target) > len(m.canonical):
            m.canonical = target


def _in_pieces(core: str, longer: str) -> bool:
    """Whether ``core`` is in the core ``longer`` cut into at most ``MAX_PIECES`` pieces of at least
    ``MIN_SPECIFIC`` characters that stand there in that order with at most ``MAX_GAP`` characters between
    them (华能|50MW|光热 in 华能50MW塔式光热, not 半导体|材料 in 半导体用辅材碳化硅材料)."""
    position, cursor, gaps = 0, 0, 0
    for _ in range(MAX_PIECES):
        length = len(core) - position
        while length >= MIN_SPECIFIC and longer.find(core[position : position + length], cursor) < 0:
            length -= 1
        if length < MIN_SPECIFIC:
            return False
        found = longer.find(core[position : position + length], cursor)
        gaps += found - cursor if position else 0
        cursor, position = found + length, position + length
        if position == len(core):
            return gaps <= MAX_GAP
    return False
