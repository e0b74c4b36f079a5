"""What is specific in a name: generic words (重点, 市, 该), counts, numbers and heads tell no project
apart, so a name made only of them (重点工程项目, 39个重点项目, 该项目, 民生工程) is a phrase about
projects, and a short form is matched to its full name by what is left (青禾项目 → 青禾)."""

from __future__ import annotations

import re

from kg.lexicon import alternation
from kg.nlp.projects.text import PHASE, ProjectText, lexicon

MIN_SPECIFIC = 2  # characters a name must keep once its generic words are removed

COUNTERS = "个所条座家批项处类"
COUNT_DIGITS = "一二三四五六七八九十百千两"
# A count or an ordinal (39个重点项目, 8所乡镇幼儿园提标改造项目, 第二次项目) makes a phrase about a class of things.
COUNTED = re.compile(rf"(?:\d+|[一二三四五六七八九十两几多数]+)[{COUNTERS}]|第[\d一二三四五六七八九十]+[次批]")
# Chinese numerals count as a number only before a counter, unit or facility (两个, 十万吨, 两中心, 十大, 三工程)
# or at the end, so that 万洋, 千岛 or 德百 keep them.
_NUMBER = re.compile(
    rf"[\d.０-９]+|[零一二三四五六七八九十百千万亿两]+(?=[{COUNTERS}期年吨元米亩台套千万亿馆中场园厂校路桥工大])"
    # a number at the end (千项万亿), not a name's last character (德百)
    r"|(?:(?<=[零一二三四五六七八九十百千万亿两])|(?<![\u3400-\u9fff]))[零一二三四五六七八九十百千万亿两]+$"
)
_PROJECT_PHASE = re.compile(rf"(?<=项目|工程){PHASE}$")  # 项目一期: a phase of that project
QUOTES = re.compile(r"[“”\"‘’「」『』《》\s]")
QUOTED_PART = re.compile(r"“[^“”]*”")  # a name of its own (“三园一中心”项目): its counts name, they do not count
# A quoted list of bare numerals (“百、千、万”工程): tiers of size or count, a class of works (not “百千万”, a name)
NUMERAL_TIERS = re.compile(r"“[一二三四五六七八九十百千万亿两]+(?:[、，,][一二三四五六七八九十百千万亿两]+)+”")
BATCHES = re.compile(r"(?:\d+|[一二三四五六七八九十两几多数]+)批")  # 一批, quoted or not, counts projects: a class
# A size class (大型, 中型, 小(二)型): 小(一)型水库 is a kind of reservoir, not one
SIZE_CLASS = r"[大中小微][(（]?[一二]?[)）]?型"
_NOT_A_LETTER = re.compile(r"[^\u3400-\u9fffA-Za-z]")  # what a name's specific part is not made of
# LAC's tags of an act (学习, 盘活): a name whose only specific word tells what is done (学习产业项目) names no thing
ACT_TAGS = frozenset({"v", "vn"})


class GenericWords:
    """The generic words (``project_generic.txt``) and heads (``project_heads.txt``) of project names."""

    def __init__(self):
        heads = lexicon("project_heads.txt")
        self.words = lexicon("project_generic.txt")
        generic = self.words + heads
        # one-character generic words (市, 县, 镇, 大, 该) only as words of their own: 市民, 城镇, 大棚 keep them
        self.generic = re.compile(f"{alternation(w for w in generic if len(w) > 1)}|{SIZE_CLASS}")
        self.lone_generics = frozenset(w for w in generic if len(w) == 1)
        # the words a name may end in, looked up suffix by suffix: a regex ending in \Z is tried at every position
        self.tails = frozenset(generic)
        self.longest_tail = max(map(len, generic))

    def words_of(self, text: ProjectText, start: int, end: int, keep_named: bool = True) -> str:
        """The characters of [start, end) without quotes, one-character generic tokens (县|污水处理厂) and,
        unless ``keep_named``, places and organisations."""
        kept = []
        for i in range(text.tokens.at(start), text.tokens.at(end - 1) + 1):
            a, b = max(text.starts[i], start), min(text.ends[i], end)
            if text.words[i] in self.lone_generics and b - a == 1:
                continue
            kept.append(text.text[a:b] if keep_named else text.unnamed(a, b))
        return QUOTES.sub("", "".join(kept))

    def only_qualities(self, text: ProjectText, start: int, end: int) -> bool:
        """Whether [start, end) is generic words, heads and numbers but for adjectives (企业|优良|生产线,
        优良|种植基地): a work described by its quality, not named."""
        tokens = range(text.tokens.at(start), text.tokens.at(end - 1) + 1)
        qualities = [i for i in tokens if text.tags[i] == "a" and not text.named[text.starts[i]]]
        return bool(qualities) and not any(self._specific_word(text, i) for i in tokens if i not in qualities)

    def _specific_word(self, text: ProjectText, i: int) -> bool:
        """Whether token ``i`` keeps something once generic words, heads and numbers are removed."""
        rest = _NOT_A_LETTER.sub("", _NUMBER.sub("", self.generic.sub("", text.words[i])))
        return bool(rest) and text.words[i] not in self.lone_generics

    def only_acts(self, text: ProjectText, start: int, end: int) -> bool:
        """Whether [start, end) is a verb of two characters or more and then only generic words, heads and
        numbers (观摩|学习产业项目, 盘活项目): what is done, with no thing it is done to. Not 产业振兴示范园 (the act
        follows a noun), nor a single character (LAC tags the characters of an unknown brand as verbs)."""
        first, *rest = range(text.tokens.at(start), text.tokens.at(end - 1) + 1)
        act = text.text[max(text.starts[first], start) : text.ends[first]]
        if text.tags[first] not in ACT_TAGS or len(act) < 2 or text.named[text.starts[first]]:
            return False
        return not any(self._specific_word(text, i) for i in rest)

    def specific(self, name: str, minimum: int = MIN_SPECIFIC) -> bool:
        """Whether ``minimum`` characters but generic words, numbers and heads are left of ``name`` (one-character
        generic words are left out by :meth:`words_of`)."""
        rest = _NUMBER.sub("", self.generic.sub("", _NUMBER.sub("", name)))  # 三工程 and 千项万亿 alike
        return len(_NOT_A_LETTER.sub("", rest)) >= minimum

    def strip_tails(self, core: str) -> str:
        """``core`` without generic words and heads at its end: 青禾项目 → 青禾, and without the phase of
        a project (铜箔项目一期 → 铜箔: the first phase of the 铜箔 project, not a project of its own)."""
        core = _PROJECT_PHASE.sub("", core)
        while tail := self.tail_start(core):
            core = core[:tail]
        return core

    def tail_start(self, core: str) -> int:
        """Where the longest generic word or head that ends ``core`` and leaves something before it starts
        (0: none)."""
        for start in range(max(1, len(core) - self.longest_tail), len(core)):
            if core[start:] in self.tails:
                return start
        return 0
