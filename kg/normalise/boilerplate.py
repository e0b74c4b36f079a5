"""Page boilerplate of plain-text articles dropped: navigation, footers, share widgets, adverts, page tails.

The rules are data (``boilerplate.txt``); this module only knows their kinds. Whole-line rules only look at
lines of up to ``MAX_RULE_LINE`` characters: boilerplate lines are short, and a long line is article text.
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from dataclasses import dataclass
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kg.normalise.mapped import MappedText

RULES_FILE = Path(__file__).with_name("boilerplate.txt")
KINDS = ("head", "tail", "line", "label", "inline")
MAX_RULE_LINE = 300
MAX_LABEL_VALUE = 30
MIN_DUPLICATE = 8  # a repeated line at least this long is a duplicated passage, dropped
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
LINE = re.compile(r"[^\n]*\n?")
CRUMB_SEPARATOR = re.compile(r"\s*(?:>+|»|›)\s*")
# A list of other articles' headlines after the body (related or popular articles, without a heading): at least
# MIN_HEADLINE_RUN distinct headline-like lines ending the page. Fewer lines are photo captions or a closing
# line of the article; a list announced by a colon or numbered is the article's own.
MIN_HEADLINE_RUN = 4
HEADLINE_LENGTH = (4, 40)
NOT_HEADLINE = re.compile(r"[。,，;；]|[:：]$|^(?:\d+[.、]|[(（]?[一二三四五六七八九十\d]+[)）、]|[①-⑳])")
# a link with its date (某某会议召开,部署春耕 2023-05-08, … [05-08]): a headline even with a comma
DATED_LINK = re.compile(r"[(\[【]?(?:(?:19|20)\d\d[-/.年])?\d{1,2}[-/.月]\d{1,2}日?[)\]】]?$")
MAX_DATED_LINK = 80
# captions repeat the article's words; other articles' headlines do not (most of them)
CAPTION_GRAM = 4
HAN_RUN = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]{{{CAPTION_GRAM}}}")


class LineRule:
    """Whole-line rules of one kind, as one test: the branches anchored at the line start (most of them) are
    tried once there, the others searched along the line, instead of every branch at every position."""

    def __init__(self, patterns: list[str]) -> None:
        branches = [branch for pattern in patterns for branch in top_level_branches(pattern)]
        self.anchored = _alternation(branch for branch in branches if branch.startswith("^"))
        self.floating = _searched_alternation([branch for branch in branches if not branch.startswith("^")])

    def matches(self, line: str) -> bool:
        """Whether a branch matches the line (one line: no line break inside)."""
        return bool(self.anchored.match(line) or self.floating.search(line))


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching where any of them does (none: a pattern that never matches, tried at the start only)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"\A(?!)", re.M)


def _searched_alternation(patterns: list[str]) -> re.Pattern[str]:
    """:func:`_alternation`, led by a look-ahead at the characters its matches can start with when they are
    known: the engine then tries the branches only there, not at every position of the line (the rules'
    branches start with a word, and sre finds no prefix of its own in an alternation of groups)."""
    alternation = _alternation(patterns)
    starts = [first_characters(pattern) for pattern in patterns]
    if not patterns or None in starts:
        return alternation
    ranges = sorted(set().union(*starts))
    lead = "".join(re.escape(chr(low)) + (f"-{re.escape(chr(high))}" if high > low else "") for low, high in ranges)
    return re.compile(f"(?=[{lead}])(?:{alternation.pattern})", alternation.flags)


def first_characters(pattern: str) -> frozenset[tuple[int, int]] | None:
    """The code point ranges a match of ``pattern`` can start with; None when that is not known: a match may
    be empty, may start with any of a negated or predefined class (``.``, ``\\S``, ``[^…]``), an assertion or
    a back reference comes first, or case is ignored."""
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    found, may_be_empty = _first_ranges(list(parsed))
    return None if found is None or may_be_empty else frozenset(found)


def _first_ranges(items: list) -> tuple[set[tuple[int, int]] | None, bool]:
    """The ranges a sequence of parsed items can start with, and whether it can match the empty string."""
    found: set[tuple[int, int]] = set()
    for op, value in items:
        if op is sre.LITERAL:
            return found | {(value, value)}, False
        if op is sre.AT:  # an anchor takes no character
            continue
        if op is sre.IN:
            members = [(v, v) if o is sre.LITERAL else v if o is sre.RANGE else None for o, v in value]
            return (None, False) if None in members else (found | set(members), False)
        if op is sre.SUBPATTERN and not value[1] & re.IGNORECASE:
            inner, empty = _first_ranges(list(value[3]))
        elif op is sre.ATOMIC_GROUP:
            inner, empty = _first_ranges(list(value))
        elif op is sre.BRANCH:
            parts = [_first_ranges(list(branch)) for branch in value[1]]
            if any(part is None for part, _ in parts):
                return None, False
            inner, empty = set().union(*(part for part, _ in parts)), any(empty for _, empty in parts)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner, empty = _first_ranges(list(value[2]))
            empty = empty or value[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        found |= inner
        if not empty:
            return found, False
    return found, True


def top_level_branches(pattern: str) -> list[str]:
    """The alternatives of a regular expression split at its top-level ``|`` (not inside groups or classes)."""
    branches = []
    depth = start = i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = _class_end(pattern, i)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


def _class_end(pattern: str, i: int) -> int:
    """The offset of the ``]`` that closes the character class opened at ``i`` (a ``]`` first in it is literal)."""
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


@dataclass(frozen=True)
class Rules:
    head: LineRule
    tail: LineRule
    line: LineRule
    label: LineRule
    inline: re.Pattern[str]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The rules of ``boilerplate.txt``: a line test per whole-line kind, one alternation of the inline ones."""
    patterns: dict[str, list[str]] = {kind: [] for kind in KINDS}
    numbered: list[tuple[int, str]] = []  # (line, pattern) of each rule, to name one that does not compile
    for number, line in enumerate(RULES_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, _, pattern = line.partition(" ")
        if kind not in patterns:
            raise ValueError(f"{RULES_FILE.name}:{number}: unknown rule kind {kind!r}")
        pattern = pattern.strip()
        patterns[kind].append(pattern)
        numbered.append((number, pattern))
    try:
        return Rules(inline=_alternation(patterns.pop("inline")), **{kind: LineRule(found) for kind, found in patterns.items()})
    except re.error:
        _raise_on_wrong_rule(numbered)
        raise


def _raise_on_wrong_rule(numbered: list[tuple[int, str]]) -> None:
    """The error of the first rule that does not compile, on its line of the file (not on a joined alternation);
    ``numbered``: (line, pattern) of each rule, in the file's order."""
    for number, pattern in numbered:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValueError(f"{RULES_FILE.name}:{number}: {error}") from error


@dataclass
class _Line:
    start: int  # offset of the first character in the text
    end: int  # offset after the line break
    content: str  # stripped

    @property
    def short(self) -> bool:
        return len(self.content) <= MAX_RULE_LINE

    @property
    def is_body(self) -> bool:
        """A sentence of article prose (as opposed to titles, navigation and labels)."""
        return "。" in self.content and len(self.content) >= 20


def strip_boilerplate(text: MappedText) -> tuple[MappedText, str, str]:
    """The text without boilerplate, the dropped lines (page metadata such as publication dates), and those of
    them above the article's prose (the masthead: site names, breadcrumbs; not the lists and footers below)."""
    lines = [
        _Line(m.start(), m.end(), m.group(0).strip()) for m in LINE.finditer(text.text) if m.end() > m.start()
    ]
    found = rules()
    keep = [True] * len(lines)
    first_body = next((i for i, line in enumerate(lines) if line.is_body), len(lines))
    _drop_header(lines, keep, first_body, found)
    _drop_tail(lines, keep, first_body, found)
    _drop_trailing_headlines(lines, keep)
    seen: set[str] = set()
    previous_was_label = False
    for i, line in enumerate(lines):
        if not keep[i] or not line.content:
            continue
        if previous_was_label and line.short and len(line.content) <= MAX_LABEL_VALUE and "。" not in line.content:
            keep[i] = previous_was_label = False
            continue
        previous_was_label = line.short and found.label.matches(line.content)
        if (
            previous_was_label
            or (line.short and found.line.matches(line.content))
            or not HAN.search(line.content)
            or (len(line.content) >= MIN_DUPLICATE and line.content in seen)
        ):
            keep[i] = False
        seen.add(line.content)
    dropped = "\n".join(line.content for i, line in enumerate(lines) if not keep[i])
    above = "\n".join(line.content for i, line in enumerate(lines[:first_body]) if not keep[i])
    edits = []
    for i, line in enumerate(lines):
        if not keep[i]:
            edits.append((line.start, line.end, ""))
        else:
            edits.extend((m.start(), m.end(), "") for m in found.inline.finditer(text.text, line.start, line.end))
    return text.edit(edits), dropped, above


def _drop_header(lines: list[_Line], keep: list[bool], first_body: int, found: Rules) -> None:
    """A breadcrumb above the article drops the page header above it, and a repeat of its last crumb below."""
    crumbs = [i for i in range(first_body) if lines[i].short and found.head.matches(lines[i].content)]
    if not crumbs:
        return
    last = crumbs[-1]
    for i in range(last + 1):
        keep[i] = False
    section = CRUMB_SEPARATOR.split(lines[last].content)[-1]
    following = next((i for i in range(last + 1, len(lines)) if lines[i].content), None)
    if following is not None and section and lines[following].content == section:
        keep[following] = False


def _drop_tail(lines: list[_Line], keep: list[bool], first_body: int, found: Rules) -> None:
    """A page-tail marker below the article drops everything from it to the end."""
    for i in range(first_body + 1, len(lines)):
        if lines[i].short and found.tail.matches(lines[i].content):
            for j in range(i, len(lines)):
                keep[j] = False
            return


def _drop_trailing_headlines(lines: list[_Line], keep: list[bool]) -> None:
    """A run of other articles' headlines ending the page, after the last line of prose, is dropped."""
    last_body = max((i for i, line in enumerate(lines) if keep[i] and line.is_body), default=None)
    if last_body is None:
        return
    run = []
    above = last_body  # the line above the run
    for i in range(len(lines) - 1, last_body, -1):
        if not keep[i] or not lines[i].content:
            continue
        if not _is_headline(lines[i].content):
            above = i
            break
        run.append(i)
    announced = lines[above].content.endswith((":", "："))
    if len(run) < MIN_HEADLINE_RUN or announced or len({lines[i].content for i in run}) < len(run):
        return
    article = _han_grams("".join(line.content for i, line in enumerate(lines[: above + 1]) if keep[i]))
    if 2 * sum(1 for i in run if _han_grams(lines[i].content) & article) > len(run):
        return  # photo captions: they name the article's people and sites
    for i in run:
        keep[i] = False


def _han_grams(text: str) -> set[str]:
    """The runs of CAPTION_GRAM Han characters of a text: a caption shares some with its article."""
    return {text[i : i + CAPTION_GRAM] for i in range(len(text) - CAPTION_GRAM + 1)
            if HAN_RUN.fullmatch(text[i : i + CAPTION_GRAM])}


def _is_headline(content: str) -> bool:
    low, high = HEADLINE_LENGTH
    if DATED_LINK.search(content) and "。" not in content:
        return low <= len(content) <= MAX_DATED_LINK
    return low <= len(content) <= high and not NOT_HEADLINE.search(content)
