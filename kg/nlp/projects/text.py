"""What the project readers see of a Doc: its text and tokens, which characters earlier components named
(places, organisations, people), clauses, and the mention a reader proposes."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from spacy.tokens import Doc

from kg.lexicon import read_words
from kg.nlp.extensions import value_of
from kg.nlp.spans import text_of, tokens_of

LEXICONS = Path(__file__).parents[1] / "lexicons"

CLAUSE_END = "。；！？;\n"  # not ASCII ? and !: in Chinese text they are mostly mojibake
_CLAUSE_MARK = re.compile(rf"[{CLAUSE_END}，,：:]")
_SENTENCE_MARK = re.compile(rf"[{CLAUSE_END}]")
_LIST_JOINER = re.compile("[、和及]")  # what splits a clause into items (split_items)
PHASE = r"[(（]?[一二三四五六七八九十\d]+期[)）]?"  # 一期, (二期)
_PHASE = re.compile(PHASE)
# A LAC place ending in an administrative unit (岷山县, 青川市) is a place even when the gazetteer did not say so.
ADMIN_SUFFIX = tuple("省市县区旗盟州镇乡村")
# A registered company (X动力股份有限公司) names its project (…高端装备制造基地); a group or a government
# body does not (某能源集团与省政府战略合作项目).
REGISTERED_COMPANY = "公司"
AREA_HEADS = ("新区", "园区", "片区", "城区", "景区")  # areas developed as one project
PROPER_TAGS = frozenset({"LOC", "ORG", "PER", "nz", "nw"})
MIN_JOINED_ITEM = 5  # both sides of 和/及 in a list's last item must be this long to be two projects
_CONJUNCTIONS = ("以及", "和", "及")
# What splits a list into items (、，,) and what keeps an item whole around them (brackets, quotes)
_ITEM_MARKS = re.compile(r"[(（“)）”、，,]")
# Characters that may occur inside a name; anything else (、，。 white space…) ends it.
_NAME_CHARS = r"\u3400-\u9fffA-Za-z0-9Ａ-Ｚａ-ｚ０-９·•×/.%＋+\-－()（）“”\"‘’#＃"
NAME_CHAR = re.compile(f"[{_NAME_CHARS}]")
# A space next to a Latin word stays in a name (南湖片区污水处理 PPP 项目); other spaces end it.
_LATIN_SPACE = re.compile(r"(?<=[A-Za-z]) (?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff]) (?=[A-Za-z])")
_NOT_NAME_CHAR = re.compile(f"[^{_NAME_CHARS}]")  # what ends a name, but a space by a Latin word


def lexicon(name: str) -> list[str]:
    """Entries of a lexicon file, longest first."""
    return list(read_words(LEXICONS / name))


@dataclass
class Mention:
    start: int
    end: int
    canonical: str
    core: str  # what tells the project apart: no generic words, numbers, places or organisations
    enumerated: bool  # read as an item of a list sharing one head
    place_item: bool = False  # a place sharing the rest of the next name (A村、B村整体搬迁项目): no longer form of it


def overlaps(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(m.start < b and a < m.end for a, b in spans)


def names_a_project(words: list[str], i: int) -> bool:
    """白溪新区项目, 东港西区二期: an area name (…新区, …园区) right before 项目/工程, or any name before a
    phase, is the project's own name, not an unknown place (a place the gazetteer knows is marked by its span
    already)."""
    following = words[i + 1] if i + 1 < len(words) else ""
    return (following in ("项目", "工程") and words[i].endswith(AREA_HEADS)) or bool(_PHASE.fullmatch(following))


class ProjectText:
    """A Doc's text with its tokens (offsets, LAC tags) and the characters covered by places and
    organisations, for walking left from a head and judging what is specific."""

    def __init__(self, doc: Doc, zone_heads: tuple[str, ...]):
        self.text = text_of(doc)
        self.tokens = tokens_of(doc)
        self.starts, self.ends, self.words, self.tags = self.tokens
        # each group read once: every pass over a span group makes a Span object per span
        self.places = list(doc.spans.get("places", []))
        places = [
            (span.start_char, span.end_char, span.start, span.end, span.text, value_of(span, "attrs"))
            for span in self.places
        ]
        organizations = [
            (span.start_char, span.end_char, span.start, span.end, span.text, value_of(span, "attrs"))
            for span in doc.spans.get("organizations", [])
        ]
        named = bytearray(len(self.text))
        for start_char, end_char, _, _, name, attrs in places + organizations:
            # an administrative unit (one with an adcode: 某某港区) is a place whatever its last word
            if (attrs or {}).get("adcode") or not name.endswith((REGISTERED_COMPANY, *zone_heads)):
                named[start_char:end_char] = b"\x01" * (end_char - start_char)
        # LAC's places, listed once: the passes below look at them only
        lac_places = [i for i, tag in enumerate(self.tags) if tag == "LOC"]
        for i in lac_places:
            word = self.words[i]
            if word.endswith(ADMIN_SUFFIX) and not word.endswith(zone_heads) and not names_a_project(self.words, i):
                named[self.starts[i] : self.ends[i]] = b"\x01" * len(word)
        self.named = named
        self.place_spans = {(start_char, end_char) for start_char, end_char, *_ in places}
        # the names places are written with in this text (not zones, which name projects), longest first
        self.place_names = sorted(
            {name for start_char, _, _, _, name, _ in places if len(name) > 1 and named[start_char]},
            key=lambda name: (-len(name), name),
        )
        # a LAC place written as a place of the text elsewhere is that place here too, where the place reader
        # left it unmarked (某地援建项目): it tells no project apart. Not one written only with its level
        # (某某镇 elsewhere, 某某产业园 here: the zone is named after the town)
        written = set(self.place_names)
        for i in lac_places:
            if self.words[i] in written:
                named[self.starts[i] : self.ends[i]] = b"\x01" * len(self.words[i])
        # tokens of places: a gazetteer place, or a LAC place ending in an administrative unit (A镇B村)
        self.in_places = {i for _, _, start, end, _, _ in places for i in range(start, end)} | {
            i for i in lac_places if self.words[i].endswith(ADMIN_SUFFIX)
        }
        self.organization_starts = sorted(start_char for start_char, *_ in organizations)
        self.organization_spans = {(start_char, end_char) for start_char, end_char, *_ in organizations}
        # tokens of a place or an organisation, whatever LAC tagged them (青岭/d 一体化/vn 经济区, 宏鼎/ORG
        # 精密铸造公司/ad 项目): a place or a company prefixes a name whole
        self.in_named = {i for _, _, start, end, _, _ in places + organizations for i in range(start, end)}
        # tokens of people's names: a name never goes on left past a person (张某一行|走进园区)
        self.in_person = {
            i for group in ("officials", "persons") for span in doc.spans.get(group, []) for i in range(span.start, span.end)
        }
        # where a name cannot go on, found once for the text: characters outside names but a space by a Latin word
        # (the spaces checked one by one: a lookahead for them at every character cost more than the search)
        self.name_breaks = [
            match.start() for match in _NOT_NAME_CHAR.finditer(self.text)
            if match.group() != " " or not _LATIN_SPACE.match(self.text, match.start())
        ]
        # where clauses end, found once for the text: the start of a name's clause is asked for several times
        self.clause_marks = [match.start() for match in _CLAUSE_MARK.finditer(self.text)]
        # the characters strictly inside an organisation's name (not its first)
        self.in_organization = bytearray(len(self.text))
        for start, end in self.organization_spans:
            self.in_organization[start + 1 : end] = b"\x01" * max(end - start - 1, 0)

    def last_name_break(self, start: int, end: int) -> int | None:
        """The last character of [start, end) that cannot stand in a name, or None."""
        i = bisect_left(self.name_breaks, end) - 1
        return self.name_breaks[i] if i >= 0 and self.name_breaks[i] >= start else None

    def clause_start(self, end: int) -> int:
        """Start of the clause (after 。；，：or a line break) that contains position ``end - 1``."""
        i = bisect_left(self.clause_marks, end) - 1
        return self.clause_marks[i] + 1 if i >= 0 else 0

    @cached_property
    def clause_lists(self) -> list[list[tuple[int, int]]]:
        """The items (:func:`split_items`) of every clause that lists two or more, read once for the readers of
        lists. Only a 、 or a conjunction splits a clause: one with neither is one item, and is not split."""
        text, marks = self.text, self.clause_marks
        lists, clause = [], -1
        for joiner in _LIST_JOINER.finditer(text):  # the clauses holding one, found by the marks after them
            k = bisect_left(marks, joiner.start())
            if k != clause:
                clause = k
                items = split_items(text, marks[k - 1] + 1 if k else 0, marks[k] if k < len(marks) else len(text))
                if len(items) > 1:
                    lists.append(items)
        return lists

    def unnamed(self, start: int, end: int) -> str:
        """The characters of [start, end) outside places and organisations."""
        named = self.named[start:end]
        if 1 not in named:  # most ranges: one search of the flags, no loop over the characters
            return self.text[start:end]
        return "".join(ch for ch, flag in zip(self.text[start:end], named) if not flag)

    def core(self, start: int, end: int) -> str:
        """The characters of [start, end) outside places and organisations, and without the names of places
        found elsewhere in the text (a place in a headline the place reader left unmarked is still that
        place): what tells a project apart."""
        core = self.unnamed(start, end)
        for name in self.place_names:
            core = core.replace(name, "")
        return core

    def inside_organization(self, pos: int) -> bool:
        """Whether ``pos`` falls inside an organisation's name (某某光伏|科技有限公司): a head there is the
        company's trade, and no project name ends in the middle of a company's."""
        return 0 <= pos < len(self.text) and bool(self.in_organization[pos])

    def holds_a_proper_name(self, start: int, end: int) -> bool:
        """Whether a token of [start, end) is a proper name (a place, an organisation, a brand)."""
        tokens = range(self.tokens.at(start), self.tokens.at(end - 1) + 1)
        return any(self.tags[i] in PROPER_TAGS or i in self.in_named for i in tokens)

    def place_run_start(self, end: int) -> int:
        """Start of the run of adjacent places (A镇B村) ending at ``end`` (``end`` when none ends there)."""
        i = self.tokens.at(end - 1)
        if self.ends[i] != end:
            return end
        while i >= 0 and i in self.in_places:
            i -= 1
        return self.ends[i] if i >= 0 else 0

    def place_run_end(self, start: int) -> int:
        """End of the run of adjacent places starting at ``start`` (``start`` when none starts there)."""
        i = self.tokens.at(start)
        if self.starts[i] != start:
            return start
        while i < len(self.words) and i in self.in_places:
            i += 1
        return self.starts[i] if i < len(self.words) else len(self.text)


def clause_end(text: str, start: int) -> int:
    """End of the clause (at 。；，：or a line break) that goes on at ``start``."""
    match = _CLAUSE_MARK.search(text, start)
    return match.start() if match else len(text)


def sentence_end(text: str, start: int) -> int:
    match = _SENTENCE_MARK.search(text, start)
    return match.start() if match else len(text)


def split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a list in ``text[start:end]``: split at 、 outside brackets and quotes, and at 和/及/以及 in the last item
    when both sides are long enough to be names (旧家电和电子废弃物拆解回收处理 stays one item)."""
    items = []
    cursor = start
    depth = 0  # inside brackets or quotes: 滨江大道(三期、四期), “东、西两岸”整治工程 are one item
    for mark in _ITEM_MARKS.finditer(text, start, end):  # only the marks: a loop over every character was slow
        k, character = mark.start(), mark.group()
        if character in "(（“":
            depth += 1
        elif character in ")）”":
            depth = max(depth - 1, 0)
        elif not depth:
            if k > cursor:
                items.append((cursor, k))
            cursor = k + 1
    if end > cursor:
        items.append((cursor, end))
    if items:
        last_start, last_end = items[-1]
        for conjunction in _CONJUNCTIONS:
            at = text.find(conjunction, last_start, last_end)
            after = at + len(conjunction)
            if at - last_start >= MIN_JOINED_ITEM and last_end - after >= MIN_JOINED_ITEM:
                items[-1:] = [(last_start, at), (after, last_end)]
                break
    return [(a, b) for a, b in items if text[a:b].strip()]
