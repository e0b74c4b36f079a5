"""What the project readers see of a Doc: its text and tokens, which characters earlier components named
(places, organisations, people), clauses, and the mention a reader proposes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from kg.lexicon import read_words
from kg.nlp.spans import text_of, tokens_of

LEXICONS = Path(__file__).parents[1] / "lexicons"

CLAUSE_END = "。；！？;\n"  # not ASCII ? and !: in Chinese text they are mostly mojibake
PHASE = r"[(（]?[一二三四五六七八九十\d]+期[)）]?"  # 一期, (二期)
# A LAC place ending in an administrative unit (岷山县, 青川市) is a place even when the gazetteer did not say so.
ADMIN_SUFFIX = tuple("省市县区旗盟州镇乡村")
# A registered company (X动力股份有限公司) names its project (…高端装备制造基地); a group or a government
# body does not (某能源集团与省政府战略合作项目).
REGISTERED_COMPANY = "公司"
AREA_HEADS = ("新区", "园区", "片区", "城区", "景区")  # areas developed as one project
PROPER_TAGS = frozenset({"LOC", "ORG", "PER", "nz", "nw"})


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
    return (following in ("项目", "工程") and words[i].endswith(AREA_HEADS)) or bool(re.fullmatch(PHASE, following))


class ProjectText:
    """A Doc's text with its tokens (offsets, LAC tags) and the characters covered by places and
    organisations, for walking left from a head and judging what is specific."""

    def __init__(self, doc: Doc, zone_heads: tuple[str, ...]):
        self.text = text_of(doc)
        self.tokens = tokens_of(doc)
        self.starts, self.ends, self.words, self.tags = self.tokens
        named = bytearray(len(self.text))
        for group in ("places", "organizations"):
            for span in doc.spans.get(group, []):
                # an administrative unit (one with an adcode: 某某港区) is a place whatever its last word
                if (span._.attrs or {}).get("adcode") or not span.text.endswith((REGISTERED_COMPANY, *zone_heads)):
                    named[span.start_char : span.end_char] = b"\x01" * (span.end_char - span.start_char)
        for i, (word, tag) in enumerate(zip(self.words, self.tags)):
            if tag == "LOC" and word.endswith(ADMIN_SUFFIX) and not word.endswith(zone_heads) and not names_a_project(self.words, i):
                named[self.starts[i] : self.ends[i]] = b"\x01" * len(word)
        self.named = named
        self.place_spans = {(span.start_char, span.end_char) for span in doc.spans.get("places", [])}
        # the names places are written with in this text (not zones, which name projects), longest first
        self.place_names = sorted(
            {span.text for span in doc.spans.get("places", []) if len(span.text) > 1 and named[span.start_char]},
            key=lambda name: (-len(name), name),
        )
        # a LAC place written as a place of the text elsewhere is that place here too, where the place reader
        # left it unmarked (某地援建项目): it tells no project apart. Not one written only with its level
        # (某某镇 elsewhere, 某某产业园 here: the zone is named after the town)
        written = set(self.place_names)
        for i, (word, tag) in enumerate(zip(self.words, self.tags)):
            if tag == "LOC" and word in written:
                named[self.starts[i] : self.ends[i]] = b"\x01" * len(word)
        # tokens of places: a gazetteer place, or a LAC place ending in an administrative unit (A镇B村)
        self.in_places = {i for span in doc.spans.get("places", []) for i in range(span.start, span.end)} | {
            i for i, (word, tag) in enumerate(zip(self.words, self.tags)) if tag == "LOC" and word.endswith(ADMIN_SUFFIX)
        }
        self.organization_starts = sorted(span.start_char for span in doc.spans.get("organizations", []))
        self.organization_spans = {(span.start_char, span.end_char) for span in doc.spans.get("organizations", [])}
        # tokens of a place or an organisation, whatever LAC tagged them (青岭/d 一体化/vn 经济区, 宏鼎/ORG
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
        return any(start < pos < end for start, end in self.organization_spans)

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


def clause_start(text: str, end: int) -> int:
    """Start of the clause (after 。；，：or a line break) that contains position ``end - 1``."""
    i = end - 1
    while i >= 0 and text[i] not in CLAUSE_END and text[i] not in "，,：:":
        i -= 1
    return i + 1


def clause_end(text: str, start: int) -> int:
    """End of the clause (at 。；，：or a line break) that goes on at ``start``."""
    match = re.compile(rf"[{CLAUSE_END}，,：:]").search(text, start)
    return match.start() if match else len(text)


def sentence_end(text: str, start: int) -> int:
    match = re.compile(rf"[{CLAUSE_END}]").search(text, start)
    return match.start() if match else len(text)


def clauses(text: str) -> list[tuple[int, int]]:
    """Clauses of ``text``: runs between sentence ends, commas and colons."""
    return [match.span() for match in re.finditer(rf"[^{CLAUSE_END}，,：:]+", text)]
