"""Where a project name starts: a head (项目, 工程, 产业园…) ends a name, and its left edge is the nearest
punctuation, stop word (a visit verb, preposition or time word: 市长来到|某某年产10万吨活性炭项目) or verb
that governs the name, so that brand, capacity and product stay in the name. LAC's tags and the name-word
lexicons decide which tokens may stand inside a name."""

from __future__ import annotations

import re

from kg.lexicon import alternation
from kg.nlp.projects.generic import BATCHES, COUNTED, NUMERAL_TIERS, QUOTED_PART, QUOTES, GenericWords
from kg.nlp.projects.text import NAME_CHAR, Mention, ProjectText, lexicon

MAX_NAME = 48  # characters: longer runs without punctuation are sentences, not names
BARE_HEADS = ("项目", "工程")  # heads that say nothing of what is built

_LIST_NUMBER = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[.．、)）]|[(（]\d{1,2}[)）]")  # 1.X项目, (2)X工程
_OPEN_CLOSE = (("“", "”"), ("(", ")"), ("（", "）"))
# Tokens after which a name goes on although they are not nouns: the closing half of a quoted or bracketed
# part (“腾笼换鸟”项目, 宏鼎能源(岷山)技术…) and the dot of 华瑞智谷·创新产业园.
_JOINERS = frozenset("”)）·•")
# LAC tags that end a name on the left: pronouns (该, 我), particles (的, 等), conjunctions, adverbs (正, 先后,
# 分别), prepositions and time words, except the words of the name-word lexicons. Verbs: see inside_name.
_STOP_TAGS = frozenset({"r", "u", "c", "d", "ad", "vd", "p", "TIME"})
# The group word after a visitor (县长一行), which LAC may cut (一|行走): no name goes on left past it;
# not 统一行政…, 同一行业
_GROUP_WORD = re.compile(r"一行(?![政业])")
# Words that open a beneficiary or a cause (为群众…, 让企业…, 把服务…): with a verb after them, a clause
_CLAUSE_MARKERS = frozenset("为让给替帮把使")
_ASPECT_PARTICLES = frozenset("了着过")  # 进行了, 观摩着: a verb that tells an act
NOMINAL_TAGS = frozenset({"n", "nz", "nw", "vn", "a", "an", "f", "s", "m", "q", "LOC", "ORG", "PER"})
# 多晶硅锭及硅片切割项目, 研发与生产基地, 雨污分流改造暨管网提升工程: one name when nouns stand around
_LINKS = frozenset({"及", "与", "暨"})
# LAC sometimes glues a conjunction to the next name (和青禾工业园区/c): the name starts after it.
_GLUED_CONJUNCTION = re.compile(r"[和及与][\u3400-\u9fff]{2,}")
# A capacity (100万吨, 3×660MW) opens the product part of a name; verbs and adverbs LAC finds between it
# and the head (100万吨高品质不锈钢连续冷轧退火生产线) belong to the product.
_CAPACITY = re.compile(r"[\d.×xX]+(?:万|千|亿)?(?:吨|千瓦|兆瓦|MW|GW|MWh|GWh|台|套|件|辆|片|平方米|立方米|标米|米|头|只)")
# The rate part of a capacity (120万吨/年, 5000吨/日), which LAC cuts off as /年 or as / and 日.
_RATE = re.compile(r"[/／](?:年|日|天|小时)?")
_RATE_UNITS = ("年", "日", "天", "小时")
_DATE_LIKE = re.compile(r"[\d年月日时天周季期前后]")  # 2024年, 上午10时, 近日, 此前: a real time
_NOT_IN_PRODUCT_TAGS = frozenset({"r", "u", "c", "p", "d", "TIME", "w"})
_BRAND_TAGS = frozenset({"ORG", "nz", "nw", "PER"})  # LAC's tags of a brand or a proper name, not of a place
_LONE_TAGS = frozenset({"v", "d", "a", "ad", "vd"})  # what LAC tags a character split off an unknown name
# Adverbs of a clause (园区|还|建|新厂房项目): what is said of a subject, never a piece of a name
_QUOTED = re.compile(r"“([^“”]+)”")  # a quoted part of a name, its words in group 1
_CLAUSE_ADVERBS = frozenset("还又也都就才再已正将曾仍均皆亦便却并")


class NameBoundaries:
    """Reads the left edge of a name ending at a head, and makes the mention of [start, end)."""

    def __init__(self, generic: GenericWords, heads: re.Pattern):
        self.generic = generic
        self.heads = heads
        self.stops = frozenset(lexicon("project_stops.txt"))
        # LAC glues a stop verb to the next character (调研备|春耕生产): a verb starting with one is a stop too
        self.long_stops = tuple(stop for stop in self.stops if len(stop) > 1)
        self.aims = frozenset(lexicon("project_aims.txt"))
        self.name_words = frozenset(lexicon("project_name_words.txt"))
        self.openers = frozenset(lexicon("project_name_openers.txt"))
        self.manners = tuple(lexicon("project_manner_words.txt"))  # LAC may cut them (高|水平)
        # 谋项目, 投资上项目 (not 海上项目: offshore works): a slogan's object, not a name
        self.slogan_object = re.compile(
            rf"(?<!海)(?:{alternation(lexicon('project_object_verbs.txt'))})(?:{alternation(BARE_HEADS)})$"
        )
        self.head_at_end = re.compile(rf"(?:{heads.pattern})$")
        # 某片区重大项目, 春季重点项目: the projects of a rank, however specific what opens it
        self.ranked = re.compile(rf"(?:{alternation(lexicon('project_ranks.txt'))})(?:{alternation(BARE_HEADS)})$")

    def mention(self, text: ProjectText, start: int, end: int, after_aim: bool, enumerated: bool) -> Mention | None:
        """The mention of [start, end) once list numbers, a visitor's group word and unmatched brackets are cut
        off; None after an aim verb (打造…基地: a goal), for a count outside quotation marks (39个重点项目, not
        “两园一区”项目), of batches (“五个一批”项目) or of tiers (“百、千、万”工程), a bare head, a slogan's object or a quoted slogan, a rank of projects
        (某区重大项目) or a name with nothing specific (an organisation with more than a bare head after it is
        specific). Unless a list names it, None too for a kind (绿色矿山, 小(一)型水库), a goal opened by a manner
        (高水平…基地: what is to be built, not what is), an act with no thing (学习产业项目), a quality with no
        thing (优良种植基地) and one facility of a place (某村一民宿)."""
        if after_aim:
            return None
        start = after_unmatched_open(text.text, start, end)
        if start is None:
            return None
        numbered = _LIST_NUMBER.match(text.text, start, end)
        start = numbered.end() if numbered else start
        for group in _GROUP_WORD.finditer(text.text, start, end):  # 县长一行|走园区, however LAC cut 一行
            start = group.end()
        surface = text.text[start:end]
        canonical = QUOTES.sub("", surface)
        if (
            self.heads.fullmatch(canonical)  # first: most heads are bare (该项目)
            or COUNTED.search(QUOTED_PART.sub("", surface)) or BATCHES.search(surface) or _in_numeral_tiers(text.text, start, end)
            # a slogan's object and a rank end in a bare head: only such a name is searched for them
            or (canonical.endswith(BARE_HEADS) and (self.slogan_object.search(canonical) or self.ranked.search(canonical)))
            or _quotes_a_clause(text, start, end)
        ):
            return None
        listed = enumerated or text.text.endswith("、", 0, start)  # a list names its items whatever their words
        if not listed and (
            self.names_a_kind(canonical) or canonical.startswith(self.manners) or self.generic.only_acts(text, start, end)
            or self.generic.only_qualities(text, start, end)
            or _indefinite(text, start, end)
        ):
            return None
        numbered_name = any(COUNTED.search(part) for part in QUOTED_PART.findall(surface))  # “五个一”: its name
        if (
            not numbered_name and not _undertaking_of_an_organization(text, start, end)
            and not self.generic.specific(self.generic.words_of(text, start, end, keep_named=enumerated))
        ):
            return None
        core = QUOTES.sub("", text.core(start, end))
        return Mention(start, end, canonical, self.generic.strip_tails(core), enumerated)

    def names_a_kind(self, name: str) -> bool:
        """Whether ``name`` is heads and facilities with generic words only (绿色矿山, 现代化水厂): a kind of
        work, not one (东山机场 keeps the place that names it)."""
        return self.heads.fullmatch(self.generic.generic.sub("", name)) is not None

    def tells_an_act(self, text: ProjectText, start: int, end: int) -> bool:
        """Whether [start, end) holds a stop word or an aspect particle (企业进行实地考察学习, 在建新项目进行了
        集中观摩): a clause that tells what was done, not a name."""
        tokens = range(text.tokens.at(start), text.tokens.at(end - 1) + 1)
        return any(text.words[i] in self.stops or text.words[i] in _ASPECT_PARTICLES for i in tokens)

    def left_edge(self, text: ProjectText, end: int, head_start: int, floor: int = 0) -> tuple[int, bool]:
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
            if (name_break := text.last_name_break(start, pos)) is not None:
                return name_break + 1, False
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

    def _capacity_left(self, text: ProjectText, i: int, floor: int, end: int) -> int | None:
        """Index of a capacity token (100万吨) left of token ``i`` when only content words stand between."""
        for k in range(i, -1, -1):
            if text.starts[k] < floor or end - text.starts[k] > MAX_NAME:
                return None
            word, tag = text.words[k], text.tags[k]
            if tag == "m" and _CAPACITY.fullmatch(word):
                return k
            if _in_rate(text, k):
                continue
            if word in self.stops or tag in _NOT_IN_PRODUCT_TAGS or not all(map(NAME_CHAR.match, word)):
                return None
        return None

    def _inside_name(self, text: ProjectText, i: int, end: int) -> bool:
        """Whether token ``i``, left of the head of a name ending at ``end``, can be part of the name.

        Stop words, another 项目, function words and a verb after a word of manner (高质量|完成) cannot. A
        verb, a name-making word (改扩建, 提纯) or a link (及, 与) can when a noun or a link stands right before
        it (锂矿提纯, 管网升级改造, 研发与生产基地, 调度中心及配套用房工程); an opener (年产, 新建) also when
        something specific follows (年产10万吨活性炭项目).
        """
        word, tag = text.words[i], text.tags[i]
        if tag == "vn" and word in self.aims and i > 0 and text.tags[i - 1] in ("n", "nz"):
            return True  # an aim verb as a noun after a noun names what is done there (苗木培育基地)
        if (cut_opener_end := self._cut_opener_end(text, i)) is not None:  # 改造暨|既|有|楼宇节能改造
            return self._place_before_opener(text, i) or self.generic.specific(self.generic.words_of(text, cut_opener_end, end))
        if word in self.stops or word == "项目" or (tag == "v" and word.startswith(self.long_stops)) or i in text.in_person:
            return False
        if i in text.in_named or self._split_from_a_brand(text, i) or self._split_from_a_process(text, i):
            return True
        previous = text.words[i - 1] if i > 0 else "\n"
        if word in self.openers:
            return self._nominal_left(text, i, end) or self.generic.specific(self.generic.words_of(text, text.ends[i], end))
        if word in _LINKS:  # and something of the name follows (面粉厂及冷链仓储项目): not 调度会暨重点项目, 进度及项目
            following = text.words[i + 1]
            return self._nominal_left(text, i, end) and (
                self.head_at_end.search(previous) is not None  # 某产业园区及配套工程: the works that go with it
                or following in self.name_words
                or (self.heads.fullmatch(following) is not None and following not in BARE_HEADS)
                or self.generic.specific(self.generic.words_of(text, text.ends[i], end))
            )
        if word in self.name_words or tag == "v":  # or first in a list item (A、共享冷链分拣中心)
            if text.text.endswith(self.manners, 0, text.starts[i]):  # 高质量|完成: how work is done, not a name
                return False
            joined = previous + word in self.name_words  # LAC cut a name word in two (改|扩建)
            return self._nominal_left(text, i, end) or joined or previous == "、" or self._verb_pair(text, i)
        if tag == "TIME" and not _DATE_LIKE.search(word):  # a brand LAC reads as a time (陕西|未来|能源)
            return self._nominal_left(text, i, end)
        if self._opens_item_as_adverb(text, i, end) or self._manner_after_a_place(text, i):
            return True
        return tag not in _STOP_TAGS

    def _nominal_left(self, text: ProjectText, i: int, end: int) -> bool:
        """Whether what stands right before token ``i`` lets a verb, an opener or a link there go on a name: a
        noun, a name word, an opener (whole or cut: 易|地|搬迁), a joiner, a link, an adverb opening a list item or
        a manner after a place before a head. Asked only by the words it decides for: most tokens are nouns."""
        previous = text.words[i - 1] if i > 0 else "\n"
        return i > 0 and (
            text.tags[i - 1] in NOMINAL_TAGS
            or previous in self.name_words
            or previous in self.openers
            or self._cut_opener_end(text, i - 1) == text.ends[i - 1]  # 易|地|搬迁
            or previous[-1] in _JOINERS
            or previous in _LINKS
            or self._opens_item_as_adverb(text, i - 1, end)
            or (self._manner_after_a_place(text, i - 1) and self.heads.fullmatch(text.words[i + 1]) is not None)
        )

    def _split_from_a_brand(self, text: ProjectText, i: int) -> bool:
        """Whether token ``i`` is one of the lone characters LAC split off the front of an unknown brand (在|宏/d
        泰/v 江南/ORG 电缆产业园, 包括|翠/v 屏山/nz 生态修复工程): a run of one-character verbs and adverbs
        right after a stop word and right before a brand. Not before a place (在城东|建|云岭产业园: 建 is
        what is done), nor after a word that does not end a name."""
        k = i
        while k < len(text.words) and self._lone_character(text, k):
            k += 1
        if k == i or k == len(text.words) or not (text.tags[k] in _BRAND_TAGS or k in text.in_named and text.tags[k] != "LOC"):
            return False
        j = i
        while j > 0 and self._lone_character(text, j - 1):
            j -= 1
        return j > 0 and (text.words[j - 1] in self.stops or text.tags[j - 1] == "p")

    def _split_from_a_process(self, text: ProjectText, i: int) -> bool:
        """Whether token ``i`` is one of the lone characters LAC split off a process named before a product
        (查看了|热轧/n 连/d 退/v 精品板材生产线): a run of one-character verbs and adverbs between a noun that
        opens the object of a visit (after a stop word or 了) and a noun or an adjective of the name; not the
        adverbs of a clause (看了|园区|还|建|新厂房项目)."""
        k = i
        while k < len(text.words) and self._lone_character(text, k):
            k += 1
        if k == i:  # not a lone character: no run to look along (most tokens)
            return False
        j = i
        while j > 0 and self._lone_character(text, j - 1):
            j -= 1
        return (
            k < len(text.words) and text.tags[k] in NOMINAL_TAGS and text.tags[k] != "m"
            and not any(text.words[n] in _CLAUSE_ADVERBS for n in range(j, k))
            and j > 1 and text.tags[j - 1] in ("n", "vn") and len(text.words[j - 1]) > 1
            and (text.words[j - 2] in self.stops or text.words[j - 2] in _ASPECT_PARTICLES)
        )

    def _lone_character(self, text: ProjectText, k: int) -> bool:
        word = text.words[k]
        return len(word) == 1 and text.tags[k] in _LONE_TAGS and word not in self.stops and word not in self.aims

    def _cut_opener_end(self, text: ProjectText, i: int) -> int | None:
        """Where an opener ends that LAC cut in two with token ``i`` as one half (既|有: 有 alone is a stop),
        or None. The opener is in the name when something specific follows it (既有楼宇节能改造工程, not 既有
        产业园，也有…) or a place stands right before it (某街道易地搬迁安置区)."""
        if i > 0 and text.words[i - 1] + text.words[i] in self.openers:
            return text.ends[i]
        if i + 1 < len(text.words) and text.words[i] + text.words[i + 1] in self.openers:
            return text.ends[i + 1]
        return None

    def _place_before_opener(self, text: ProjectText, i: int) -> bool:
        """Whether a place stands right before the opener LAC cut in two with token ``i`` as one half
        (某街道|易|地|搬迁安置区): the place names what the opener opens, however generic the rest."""
        first = i - 1 if i > 0 and text.words[i - 1] + text.words[i] in self.openers else i
        return first > 0 and bool(text.named[text.starts[first - 1]])

    def _opens_item_as_adverb(self, text: ProjectText, i: int, end: int) -> bool:
        """Whether token ``i`` is in a run of words LAC reads as adverbs opening a list item whose name ends in
        what is built (、超级|压铸|生产线, 、全新|智造|车间): modifiers of the name, as a stop (、先后|走访) or
        a manner before a bare head (、全面|保障|项目) is not."""
        return (
            i > 0 and text.tags[i] in ("d", "ad") and text.words[i] not in self.stops
            and not text.text.endswith(BARE_HEADS, 0, end)
            and (text.words[i - 1] == "、" or self._opens_item_as_adverb(text, i - 1, end))
        )

    def _manner_after_a_place(self, text: ProjectText, i: int) -> bool:
        """Whether token ``i`` is an adverb of two characters or more right after a place (某村|集中/ad|育苗|棚区):
        how the place's facility works, in its name; the verb it goes with must stand right before the head.
        Not a stop, nor an adverb of a clause (某村|正|建设)."""
        word = text.words[i]
        return (
            i > 0 and text.tags[i] in ("d", "ad") and len(word) > 1 and word not in self.stops
            and not _CLAUSE_ADVERBS.intersection(word) and (i - 1 in text.in_places or i - 1 in text.in_named)
        )

    def _verb_pair(self, text: ProjectText, i: int) -> bool:
        """Whether token ``i`` is the second of two verbs right after a noun (煤矸石|洗/v|选/v|加工项目,
        道路|拓宽/v|提升/v|工程, 人员|集中/v|照护/v|中心): the pair says what is done to the noun, in the name.
        The two are of one length, as in such compounds (not 干部|要|摸透 项目), and the first is no stop
        (not 来县|考察|学习 A项目)."""
        return (
            i > 1 and text.tags[i - 1] == "v" and text.tags[i - 2] in NOMINAL_TAGS
            and len(text.words[i]) == len(text.words[i - 1]) and text.words[i - 1] not in self.stops
        )


def after_unmatched_open(text: str, start: int, end: int) -> int | None:
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


def _undertaking_of_an_organization(text: ProjectText, start: int, end: int) -> bool:
    """Whether [start, end) holds an organisation and more than a bare head after it (某研究中心某县基地建设项目,
    某集团新材料产业园): the organisation names what it undertakes, however generic the rest."""
    return any(
        start <= a and b < end and QUOTES.sub("", text.text[b:end]) not in BARE_HEADS
        for a, b in text.organization_spans
    )


def _in_numeral_tiers(text: str, start: int, end: int) -> bool:
    """Whether [start, end) holds or starts inside a quoted list of numerals (a list reader cuts at its 、)."""
    opening = text.rfind("“", max(0, start - 16), start + 1)
    tiers = NUMERAL_TIERS.match(text, opening) if opening >= 0 else None
    return bool(tiers and tiers.end() > start) or NUMERAL_TIERS.search(text, start, end) is not None


def _quotes_a_clause(text: ProjectText, start: int, end: int) -> bool:
    """Whether [start, end) quotes a clause, a beneficiary or a cause then a verb (“为百姓解难题”项目, “让企业少跑路”
    工程): a slogan says what is to be done for whom and names no work; a quoted work names what is done
    (“退耕还林”工程, “看苗选种”基地)."""
    if text.text.find("“", start, end) < 0:
        return False  # most names quote nothing
    for quoted in _QUOTED.finditer(text.text[start:end]):
        a, b = start + quoted.start(1), start + quoted.end(1)
        tokens = list(range(text.tokens.at(a), text.tokens.at(b - 1) + 1))
        markers = [k for k, i in enumerate(tokens) if text.words[i] in _CLAUSE_MARKERS and text.tags[i] in ("v", "p")]
        if markers and any(text.tags[i] == "v" for i in tokens[markers[0] + 1 :]):
            return True
    return False


def _indefinite(text: ProjectText, start: int, end: int) -> bool:
    """Whether [start, end) ends in a place, 一 and one word (走进某村一民宿, 来到某镇一养殖场): one facility of
    the place, not its name (城关一中 is one word; 第一水厂 has its ordinal)."""
    first, last = text.tokens.at(start), text.tokens.at(end - 1)
    return (
        last - first >= 2 and text.words[last - 1] == "一" and text.tags[last - 1] == "m"
        and bool(text.named[text.starts[last - 2]])
    )


def _in_rate(text: ProjectText, k: int) -> bool:
    """Whether token ``k`` is the rate part of a capacity (/年, or 日 right after /)."""
    word = text.words[k]
    return bool(_RATE.fullmatch(word)) or (word in _RATE_UNITS and text.text[text.starts[k] - 1 : text.starts[k]] in ("/", "／"))
