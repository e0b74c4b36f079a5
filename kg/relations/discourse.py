"""What the relation components share: entity mentions and the layout of an article (their word lists:
:mod:`kg.relations.words`).

Chinese local news tells a tour in sections (one report per 本报讯 on an e-paper page), paragraphs (often one
site each) and clauses (先后来到A、B、C is one clause, its sites joined by 、 and 和). Relation rules look at
these units, never at sentence positions hard-wired to one article.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from kg.lexicon import alternation
from kg.model import PLACE_LEVELS
from kg.nlp.extensions import value_of
from kg.nlp.sentences import sentence_bounds
from kg.nlp.spans import text_of
from kg.relations.words import lexicon_pairs

# Paragraph ends: a line break, or sentence-final punctuation followed by white space (e-paper text often
# separates paragraphs by spaces only).
_PARAGRAPH_BREAK = re.compile(r"\n\s*|(?<=[。！？!?”])[ \t\u3000\xa0]+")
# A report's dateline: 本报讯, 某某日报讯, 红网某某站…讯 near the start of a paragraph.
_DATELINE = re.compile(r"^.{0,30}?讯[\s(（:：]|^\s*本报讯")
_DATE_OPENING = re.compile(r"\s*(?:\d{4}年)?\d{1,2}月\d{1,2}日")
_NOT_HEADLINE = re.compile(r"[。！？，,；;]")
_HEADLINE_MAX = 80
_NOT_PLACE_NAME = re.compile(r"副|常务|代理|政府|党组")  # what the words before a level word hold unless a place
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")
# Where places sit, from the top down; zones are kept last (a zone lies inside a city or a county).
_LEVEL_RANK = {level: rank for rank, level in enumerate(PLACE_LEVELS)}
_LEVEL_BY_SUFFIX = (
    ("省", "province"), ("自治区", "province"), ("市", "city"), ("州", "city"), ("盟", "city"),
    ("县", "county"), ("区", "county"), ("旗", "county"), ("镇", "town"), ("乡", "town"),
    ("街道", "town"), ("村", "village"), ("社区", "village"),
)  # fmt: skip


@dataclass
class Mention:
    """One entity span, by character offsets (stable across token splits)."""

    name: str  # canonical name
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)


class Mentions(list):
    """Mentions in text order, with their starts for :func:`within` to find a range by bisection (a long
    article asks for the mentions of each of its sentences: scanning them all each time was quadratic)."""

    _starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Taken when first asked for: most mentions a sentence holds are only looked through, never searched
        (and without the lock of a cached_property, which cost as much as the list)."""
        if self._starts is None:
            self._starts = [m.start for m in self]
        return self._starts


# Doc.user_data keys of what the relation components read once per Doc
_MENTIONS = ("kg", "mentions")  # per span group, its spans as mentions
_SENTENCES = ("kg", "sentences")  # the sentences without their white space


def mentions(doc: Doc, group: str) -> Mentions:
    """The spans of ``doc.spans[group]`` in text order, longest first at equal starts. Shared by every caller:
    read it, never change it."""
    read = _read_group(doc, group)
    if read[3] is None:
        read[3] = Mentions(sorted(read[2], key=lambda m: (m.start, -m.end)))
    return read[3]


def group_mentions(doc: Doc, group: str) -> list[Mention]:
    """The spans of ``doc.spans[group]`` as mentions, in the group's own order (the order a document's result
    lists its entities). Shared like :func:`mentions`."""
    return _read_group(doc, group)[2]


def _read_group(doc: Doc, group: str) -> list:
    """[the span group, its length, its mentions in its order, in text order once asked for]: the spans of a
    group are read once per Doc, not once per relation component (each asks for the same groups; none changes
    a span). Read again when the group was replaced or grown since."""
    spans = doc.spans.get(group)
    size = len(spans) if spans is not None else 0
    held = doc.user_data.setdefault(_MENTIONS, {})
    read = held.get(group)
    if read is None or read[0] is not spans or read[1] != size:
        text = text_of(doc)  # a span's text is this slice; Span.text joins its tokens, one Token object each
        found = []
        for span in spans if spans is not None else ():
            written = text[span.start_char : span.end_char]
            found.append(
                Mention(
                    value_of(span, "canonical") or written, span.start_char, span.end_char, written,
                    value_of(span, "attrs") or {},
                )
            )
        read = held[group] = [spans, size, found, None]
    return read


def within(items: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions that lie in [start, end), in the order of ``items``."""
    if isinstance(items, Mentions):
        starts = items.starts
        first = bisect_left(starts, start)
        last = bisect_left(starts, end, first)
        # most ranges (a sentence, a clause) hold none of the mentions asked for
        return Mentions([m for m in items[first:last] if m.end <= end] if first < last else ())
    return [m for m in items if m.start >= start and m.end <= end]


def starting_within(items: Mentions, start: int, end: int) -> list[Mention]:
    """The mentions that start in [start, end) (they may run past it), found by bisection."""
    return items[bisect_left(items.starts, start) : bisect_left(items.starts, end)]


@lru_cache(maxsize=4)
def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """The paragraphs of an article's text, cut once: the relation components and the sections of a report
    each ask for those of the same text."""
    return tuple(_split(text, _PARAGRAPH_BREAK))


def paragraphs_within(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The paragraphs of text[start:end], a run of whole paragraphs (a section), by bisection in those of the
    whole text: they are cut the same, a paragraph break never runs across a paragraph's start."""
    paras = paragraphs(text)
    return list(paras[bisect_left(paras, (start,)) : bisect_left(paras, (end,))])


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of ``text[start:end]`` (cut at commas, semicolons and colons) as absolute offsets."""
    return [(start + a, start + b) for a, b in _clauses_of(text[start:end])]


@lru_cache(maxsize=4096)
def _clauses_of(sentence: str) -> tuple[tuple[int, int], ...]:
    """The clauses of one sentence, relative to it: the tour rules ask for those of each sentence a dozen times."""
    return tuple(_split(sentence, _CLAUSE_BREAK))


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence ranges without their leading and trailing white space, found once per Doc (the tours, the
    participations and the project attributes each read them). Shared: read them, never change them."""
    ranges = doc.user_data.get(_SENTENCES)
    if ranges is None:
        body = text_of(doc)
        ranges = doc.user_data[_SENTENCES] = []
        for a, b in sentence_bounds(doc):
            text = body[a:b]
            if text.strip():
                ranges.append((a + len(text) - len(text.lstrip()), a + len(text.rstrip())))
    return ranges


@lru_cache(maxsize=4)
def sections(text: str) -> tuple[tuple[int, int], ...]:
    """Separate reports on one page. A report starts at a dateline paragraph (本报讯…), or at a paragraph
    opening with its date (7月28日，…) under a headline line; the headline belongs to the report. Cut once per
    text: the tours and the participations both read them."""
    paras = paragraphs(text)
    starts = [0]
    for i, (a, b) in enumerate(paras[1:], start=1):
        head_a, head_b = paras[i - 1]
        is_headline = head_b - head_a <= _HEADLINE_MAX and not _NOT_HEADLINE.search(text[head_a:head_b])
        dated = _DATE_OPENING.match(text[a:b]) and is_headline
        if not (_DATELINE.search(text[a:b]) or dated):
            continue
        start = head_a if is_headline else a
        if start > starts[-1]:  # a headline alone is not a report: it opens the next one
            starts.append(start)
    ends = [*starts[1:], len(text)]
    return tuple((a, b) for a, b in zip(starts, ends) if a < b)


def enclosing(ranges: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The range of ``ranges`` (in text order, not overlapping) holding ``offset``, else the last one."""
    i = bisect_right(ranges, (offset, float("inf"))) - 1
    if i >= 0 and ranges[i][0] <= offset < ranges[i][1]:
        return ranges[i]
    return ranges[-1] if ranges else (0, 0)


@lru_cache(maxsize=1)
def _title_level() -> re.Pattern:
    """A level word heading a post (县委, 旗政府, 区政协, 副市长, 镇党委): the level of the jurisdiction."""
    levels = alternation([level for level, _ in lexicon_pairs("titles_levels")])
    return re.compile(rf"({levels})(?=委|长|政府|人民政府|人大|政协|党委|党工委|纪委|行署|人武部|副|常务)")


def title_depth(titles: list[str]) -> int | None:
    """How far down the hierarchy the most local post of ``titles`` sits (旗委副书记 → county, 盟长 → city);
    None when no title names its level (秘书长)."""
    return max((depth for depth in map(_title_depth, titles) if depth is not None), default=None)


@lru_cache(maxsize=4096)
def _title_depth(title: str) -> int | None:
    """The depth of one title: each report of an article weighs the titles of its officials again."""
    match = _title_level().search(title)
    suffix = _level_suffixes().get(match.group(1), "") if match else ""
    level = next((lv for end, lv in _LEVEL_BY_SUFFIX if suffix.endswith(end)), None) if suffix else None
    return _LEVEL_RANK[level] if level else None


@lru_cache(maxsize=1)
def _level_suffixes() -> dict[str, str]:
    """The level words of titles, each with the suffix of a place of its level, as a dict once."""
    return dict(lexicon_pairs("titles_levels"))


def title_places(titles: list[str]) -> set[str]:
    """The places written into titles (荆州市委书记 → 荆州市, 政府旗长 → none)."""
    places = set()
    for title in titles:
        match = _title_level().search(title)
        if match and match.start() > 1 and not _NOT_PLACE_NAME.search(title[: match.start()]):
            places.add(title[: match.end()])
    return places


def place_level(place: Mention) -> str:
    level = place.attrs.get("level")
    if level:
        return level
    for suffix, guess in _LEVEL_BY_SUFFIX:
        if place.name.endswith(suffix):
            return guess
    return "zone"


def place_depth(place: Mention) -> int:
    """How far down the hierarchy a place sits (zones count as below their county)."""
    ancestors = place.attrs.get("ancestors") or []
    if ancestors:
        return len(ancestors)
    return _LEVEL_RANK.get(place_level(place), len(PLACE_LEVELS))


def ancestor_names(place: Mention) -> list[str]:
    """Names of a place's gazetteer ancestors, from the top (entries are names or {"name": …} records)."""
    ancestors = place.attrs.get("ancestors") or []
    return [a["name"] if isinstance(a, dict) else a for a in ancestors]


def place_inside(inner: Mention, outer: Mention) -> bool:
    """``inner`` lies in ``outer`` (or is it), as far as the gazetteer ancestors tell."""
    return inner.name == outer.name or outer.name in ancestor_names(inner)


def _split(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    pieces, start = [], 0
    for match in pattern.finditer(text):
        if match.start() > start:
            pieces.append((start, match.start()))
        start = match.end()
    if start < len(text):
        pieces.append((start, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip()]
