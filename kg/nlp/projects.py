"""The kg_projects component: named projects (works, plants, parks, production lines, power stations,
roads, markets) as ``doc.spans["projects"]``.

No statistical model knows this type, so names are read with lexicons (``lexicons/project_*.txt``):

* a **head** (项目, 工程, 基地, 产业园, 电站, 生产线…) ends a name; its left edge is the nearest punctuation or
  stop word (a visit verb, preposition or time word: 卢东亮来到|星火弘源年产400万吨活性氧化钙项目), so brand,
  capacity and product stay in the name;
* **enumerations** share one head: every item of 推进A、B、C等项目 or 签约A、B和C等8个项目 is a project, and
  so is every item of a list after a colon (…分别是：A、B、C和D) when the text before it speaks of projects;
* **generic phrases** (重点工程项目, 39个重点项目, 该项目, 民生工程) are dropped: without their generic words,
  numbers and heads they have nothing left;
* **short forms** (锐华项目 after 新荣区锐华新能源装备产业项目) get the full name as canonical name, so the
  mentions of one project in a document are one entity with the short forms as aliases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.spans import add_span

LEXICONS = Path(__file__).with_name("lexicons")

MAX_NAME = 48  # characters: longer runs without punctuation are sentences, not names
MIN_SPECIFIC = 2  # characters a name must keep once its generic words are removed
MIN_JOINED_ITEM = 5  # both sides of 和/及 in a list's last item must be this long to be two projects

# Characters that may occur inside a name; anything else (、，。 white space…) ends it.
_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9Ａ-Ｚａ-ｚ０-９·•×/.%＋+\-－()（）“”\"‘’]")
_QUOTES = re.compile(r"[“”\"‘’「」『』《》\s]")
_COUNTERS = "个所条座家批项处类台"
# A count or an ordinal (39个重点项目, 8所乡镇幼儿园提标改造项目, 第二次项目) makes a phrase about a class of things.
_COUNTED = re.compile(rf"(?:\d+|[一二三四五六七八九十两几多数]+)[{_COUNTERS}]|第[\d一二三四五六七八九十]+[次批]")
_NUMBER = re.compile(r"[\d.０-９]+|[一二三四五六七八九十百千万亿两]+[期个所条座家批项处类]")
_CLAUSE_END = "。；！？;\n"  # not ASCII ? and !: in Chinese text they are mostly mojibake
# LAC tags that end a name on the left: pronouns (该, 我), particles (的, 等), conjunctions, adverbs (正, 先后,
# 分别) and prepositions, except the words of project_name_words.txt (半导体用辅材). Verbs: see _left_edge.
_STOP_TAGS = frozenset({"r", "u", "c", "d", "ad", "vd", "p", "xc"})
_NOMINAL_TAGS = frozenset({"n", "nz", "nw", "vn", "a", "an", "f", "s", "m", "q", "LOC", "ORG"})
_CONJUNCTIONS = ("以及", "和", "及")


def _lexicon(name: str) -> list[str]:
    """Entries of a lexicon file, longest first."""
    lines = (LEXICONS / name).read_text(encoding="utf-8").splitlines()
    words = {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}
    return sorted(words, key=len, reverse=True)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass
class _Mention:
    start: int
    end: int
    canonical: str
    enumerated: bool  # read as an item of a list sharing one head


class _Tokens:
    """Character offsets and LAC tags of a Doc's tokens, for walking left from a position."""

    def __init__(self, doc: Doc):
        self.starts = [t.idx for t in doc]
        self.texts = [t.text for t in doc]
        self.tags = [t.tag_ for t in doc]

    def at(self, char: int) -> int:
        """Index of the token containing character ``char``."""
        return bisect_right(self.starts, char) - 1


@Language.factory("kg_projects")
class ProjectRecognizer:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        heads = _lexicon("project_heads.txt")
        self.stops = frozenset(_lexicon("project_stops.txt"))
        self.name_words = frozenset(_lexicon("project_name_words.txt"))
        self.head_modified = tuple(_lexicon("project_head_modified.txt"))
        self.aims = frozenset(_lexicon("project_aims.txt"))
        self.heads = re.compile(f"(?:{_alternation(heads)})+")
        generic = _lexicon("project_generic.txt")
        self.generic = re.compile(_alternation(sorted(generic + heads, key=len, reverse=True)))
        self.tails = tuple(sorted(generic + heads, key=len, reverse=True))
        # 等项目, 等8个项目, 等20个重点项目, 3个重大项目, 等3条市政“断头路” (after a list): one head shared by
        # the items before it
        self.shared_head = re.compile(
            rf"(等)?((?:\d+|[一二三四五六七八九十两]+)[{_COUNTERS}])?(?:{_alternation(generic)}|[“”\"])*"
            rf"(?:{_alternation(_lexicon('project_list_heads.txt'))})"
        )
        self.list_marker = re.compile(rf"(?:{_alternation(_lexicon('project_list_markers.txt'))})[:：]")

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        tokens = _Tokens(doc)
        mentions = self._enumerated(text, tokens) + self._colon_lists(text, tokens)
        mentions = _without_overlaps(mentions)
        taken = [(m.start, m.end) for m in mentions]
        headed = [m for m in self._headed(text, tokens) if not _overlaps(m, taken)]
        mentions = sorted(mentions + _outermost(headed), key=lambda m: m.start)
        _resolve_short_forms(mentions, self.tails)
        places = {(s.start_char): s for s in doc.spans.get("places", [])}
        for m in mentions:
            attrs = {"enumerated": m.enumerated}
            place = places.get(m.start)
            if place is not None and place.end_char < m.end:
                attrs["prefix_place"] = place._.canonical or place.text
            add_span(doc, "projects", m.start, m.end, "PROJECT", m.canonical, **attrs)
        if "projects" not in doc.spans:
            doc.spans["projects"] = []
        return doc

    # --- candidates -----------------------------------------------------------------------------------

    def _headed(self, text: str, tokens: _Tokens) -> list[_Mention]:
        """Names ending in a head word (…项目, …产业园项目)."""
        found = []
        for match in self.heads.finditer(text):
            if text.startswith(self.head_modified, match.end()):
                continue
            start, aim = self._left_edge(text, tokens, match.start(), match.start())
            mention = self._mention(text, start, match.end(), aim, enumerated=False)
            if mention is not None:
                found.append(mention)
        return found

    def _enumerated(self, text: str, tokens: _Tokens) -> list[_Mention]:
        """Items of A、B、C等项目 / A、B和C等8个项目 / A、B、C3个重大项目."""
        found = []
        for match in self.shared_head.finditer(text):
            shared_by_list = match.group(1) or match.group(2)
            if not shared_by_list or match.start() == 0 or not _NAME_CHAR.match(text[match.start() - 1]):
                continue
            clause_start = _clause_start(text, match.start())
            items = _split_items(text, clause_start, match.start())
            if not match.group(1) and len(items) < 2:  # 3个重大项目 names a list only after one
                continue
            found.extend(self._items(text, tokens, items, trim_first=True))
        return found

    def _colon_lists(self, text: str, tokens: _Tokens) -> list[_Mention]:
        """Items of …分别是：A、B、C和D. when the paragraph before the list speaks of 项目."""
        found = []
        for match in self.list_marker.finditer(text):
            if "项目" not in text[text.rfind("\n", 0, match.start()) + 1 : match.start()]:
                continue
            end = match.end()
            while end < len(text) and text[end] not in _CLAUSE_END:
                end += 1
            items = _split_items(text, match.end(), end)
            found.extend(self._items(text, tokens, items, trim_first=False))
        return found

    def _items(
        self, text: str, tokens: _Tokens, items: list[tuple[int, int]], trim_first: bool
    ) -> list[_Mention]:
        """Mentions for list items. Only a first item that starts its clause can begin with a verb phrase
        (企业正同步推进|A、B等项目); the others are taken whole (力利同和30万吨铝加工 keeps its 和)."""
        found = []
        for k, (start, end) in enumerate(items):
            aim = False
            if k == 0 and trim_first:
                start, aim = self._left_edge(text, tokens, end, end, floor=start)
                if _COUNTED.search(text[start:end]):  # 一批5G基站、物联网等新基建项目: a class, not names
                    return []
            mention = self._mention(text, start, end, aim, enumerated=True)
            if mention is not None:
                found.append(mention)
        return found

    def _left_edge(
        self, text: str, tokens: _Tokens, end: int, head_start: int, floor: int = 0
    ) -> tuple[int, bool]:
        """Where a name ending at ``end`` starts, and whether an aim verb (打造…) stands right before it.

        Walks left token by token from ``end`` and stops at a character that cannot be in a name, at
        ``floor``, after ``MAX_NAME`` characters, or (left of the head) at a stop word, at another 项目, or
        at a function word. A verb ends the name unless a noun stands right before it (石英砂提纯,
        三产融合) or it is one of the words that make names (年产, 改扩建).
        """
        pos = end
        i = tokens.at(end - 1) if end > 0 else -1
        while i >= 0 and pos > floor and end - pos < MAX_NAME:
            start = max(tokens.starts[i], floor)
            piece = text[start:pos]
            bad = [k for k, ch in enumerate(piece) if not _NAME_CHAR.match(ch)]
            if bad:
                return start + bad[-1] + 1, False
            word, tag = tokens.texts[i], tokens.tags[i]
            if tokens.starts[i] + len(word) <= head_start and not self._inside_name(text, tokens, i, end):
                return pos, word in self.aims
            pos = start
            i -= 1
        return pos, False

    def _inside_name(self, text: str, tokens: _Tokens, i: int, end: int) -> bool:
        """Whether token ``i``, left of the head of a name ending at ``end``, can be part of the name.

        Stop words, another 项目 and function words cannot. A verb can when a noun stands right before it
        (石英砂提纯, 三产融合); a name-making word (年产, 改扩建) also when something specific follows it
        (年产400万吨活性氧化钙项目, but not 提升|项目开工率).
        """
        word, tag = tokens.texts[i], tokens.tags[i]
        if word in self.stops or word == "项目":
            return False
        nominal_left = i > 0 and tokens.tags[i - 1] in _NOMINAL_TAGS
        if word in self.name_words:
            return nominal_left or self._specific(text[tokens.starts[i] + len(word) : end])
        if tag in _STOP_TAGS:
            return False
        return tag != "v" or nominal_left

    def _mention(self, text: str, start: int, end: int, after_aim: bool, enumerated: bool) -> _Mention | None:
        while start < end and text[start] in "”’)）·":
            start += 1
        surface = text[start:end]
        canonical = _QUOTES.sub("", surface)
        if after_aim or _COUNTED.search(canonical) or not self._specific(canonical):
            return None
        return _Mention(start, end, canonical, enumerated)

    def _specific(self, name: str) -> bool:
        """Whether anything but generic words, numbers and heads is left of ``name``."""
        rest = self.generic.sub("", _NUMBER.sub("", name))
        return len(re.sub(r"[^\u3400-\u9fffA-Za-z]", "", rest)) >= MIN_SPECIFIC


# --- lists ----------------------------------------------------------------------------------------------


def _clause_start(text: str, end: int) -> int:
    """Start of the clause (after 。；，：or a line break) that contains position ``end - 1``."""
    i = end - 1
    while i >= 0 and text[i] not in _CLAUSE_END and text[i] not in "，,：:":
        i -= 1
    return i + 1


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a list in ``text[start:end]``: split at 、 and at 和/及/以及 in the last item when both sides
    are long enough to be names (金属废料和碎屑拆卸分拣加工处理 stays one item)."""
    items = []
    cursor = start
    for k in range(start, end + 1):
        if k == end or text[k] in "、，,":
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
    """First found wins (shared-head lists before colon lists)."""
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


def _resolve_short_forms(mentions: list[_Mention], tails: tuple[str, ...]) -> None:
    """Give a short form (锐华项目, …互通工程 for …互通工程项目) the canonical name of the full form it is
    part of, so that one project is one entity in the document. ``tails``: generic words and heads,
    longest first, stripped from the end of the short form (锐华项目 → 锐华) before looking it up."""
    names = sorted({m.canonical for m in mentions}, key=len, reverse=True)
    for m in mentions:
        core = m.canonical
        tail = next((t for t in tails if core.endswith(t) and len(core) > len(t)), None)
        while tail:
            core = core[: -len(tail)]
            tail = next((t for t in tails if core.endswith(t) and len(core) > len(t)), None)
        if len(core) < MIN_SPECIFIC:
            continue
        longer = [n for n in names if len(n) > len(m.canonical) and core in n]
        if longer:
            m.canonical = longer[0]
