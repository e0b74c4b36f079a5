"""Lexicon files: the word lists and patterns that live as data next to the code reading them.

One format everywhere: one entry per line, blank lines and ``#`` comments (whole-line or trailing) ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def read_lines(path: Path) -> tuple[str, ...]:
    """Entries in file order (for ordered rules and ``key<TAB>value`` pairs)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)


@lru_cache(maxsize=None)
def read_words(path: Path) -> tuple[str, ...]:
    """Distinct entries, longest first, ties in code-point order: the longest cue matches first, and the
    order never depends on hashing (outputs must be the same run after run)."""
    return tuple(sorted(set(read_lines(path)), key=lambda word: (-len(word), word)))


def alternation(words) -> str:
    """A regex alternation of literal words where the longest word wins, written as a trie (世纪(?:大道|公园)?):
    the regex engine tries the words of a plain longest-first alternation one after the other at every
    position, the trie only the branches of the characters read. At any position the words that match are
    prefixes of each other and the trie tries them longest first too, so it matches as the plain one does."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    """The regex of the words below ``node``, longest first: the branches go on, then the word ending here."""
    branches = [re.escape(character) + _trie_pattern(child) for character, child in sorted(node.items()) if character]
    if not branches:
        return ""
    single = [branch for branch in branches if len(branch) == 1 or (len(branch) == 2 and branch[0] == "\\")]
    if len(single) > 1:  # words ending after one more character: one class
        branches = [f"[{''.join(single)}]", *(branch for branch in branches if branch not in single)]
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return f"(?:{'|'.join(branches)})" + ("?" if "" in node else "")


def find_words(words: Iterable[str], text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, word)`` of each match of ``re.finditer(alternation(words), text)``, found with
    ``str.find`` instead: a pattern made for one document's words is compiled anew each time (Python keeps
    512 patterns), which cost more than the search. Same matches: from left to right, at each place the
    longest word (ties in code-point order), the next search after the match."""
    ranked = sorted(set(words), key=lambda w: (-len(w), w))
    if "" in ranked:
        raise ValueError("an empty word matches everywhere")
    found = []  # every occurrence, overlapping ones too: the match before decides which are kept
    for rank, word in enumerate(ranked):
        found.extend((start, rank, word) for start in occurrences(word, text, overlapping=True))
    found.sort()
    after = 0
    for start, _, word in found:
        if start >= after:
            after = start + len(word)
            yield start, after, word


def occurrences(word: str, text: str, unless_followed_by: str = "", overlapping: bool = False) -> Iterator[int]:
    """Where the non-overlapping occurrences of ``word`` (not empty) start in ``text``, left to right, as
    ``re.finditer`` finds them (``overlapping``: every occurrence); not those right followed by a character of
    ``unless_followed_by`` (the search goes on one character later, as a failed match does). A pattern compiled
    per word would be compiled per word of every document: re's cache holds a few hundred."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if end < len(text) and text[end] in unless_followed_by:
            start = text.find(word, start + 1)
        else:
            yield start
            start = text.find(word, start + 1 if overlapping else end)
