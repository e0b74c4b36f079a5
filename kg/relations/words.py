"""The word lists of the relation stage, read from its lexicon files (``lexicons/<name>.txt``, and the entity
stage's for the words both read): plain text, no spaCy. The relation components find their cues with them,
and so does the coverage report, in a process that need not load the pipeline (a parallel build's own, a
rebuild whose articles all come from the cache)."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from kg.lexicon import alternation, read_lines, read_words

LEXICON_DIRS = (Path(__file__).with_name("lexicons"), Path(__file__).parents[1] / "nlp" / "lexicons")
TEAM_UNITS = ("组", "小组", "团")  # what a team named after its task is called: 调研组, 评审小组, 考察团


@lru_cache(maxsize=None)
def _path(name: str) -> Path:
    """``lexicons/<name>.txt`` of the relations stage, or of the entity stage (visit verbs serve both)."""
    return next((d / f"{name}.txt" for d in LEXICON_DIRS if (d / f"{name}.txt").is_file()),
                LEXICON_DIRS[0] / f"{name}.txt")


def entries(name: str) -> tuple[str, ...]:
    """Entries of a lexicon in file order."""
    return read_lines(_path(name))


class Words(tuple):
    """A word list that keeps its regex: :func:`find_any` on it neither hashes its words nor looks the regex
    up (the relation rules ask hundreds of times per article)."""

    @cached_property
    def pattern(self) -> re.Pattern | None:
        return _alternation(tuple(self))


@lru_cache(maxsize=None)
def lexicon(name: str) -> Words:
    """The words of a lexicon, longest first (so that the longest cue matches)."""
    return Words(read_words(_path(name)))


@lru_cache(maxsize=None)
def words_of(names: tuple[str, ...]) -> Words:
    """The words of the lexicons ``names``, one after the other (as ``lexicon(a) + lexicon(b)``), kept with their
    regex."""
    return Words(w for name in names for w in lexicon(name))


@lru_cache(maxsize=None)
def lexicon_pairs(name: str) -> tuple[tuple[str, str], ...]:
    """A tab-separated ``key<TAB>value`` lexicon, in file order."""
    return tuple(tuple(part.strip() for part in line.split("\t", 1)) for line in entries(name) if "\t" in line)


@lru_cache(maxsize=None)
def lexicon_map(name: str) -> dict[str, str]:
    """A ``cue<TAB>value`` lexicon as a dict, longest cue first."""
    return dict(sorted(lexicon_pairs(name), key=lambda pair: -len(pair[0])))


def find_any(text: str, words: tuple[str, ...] | list[str]) -> int:
    """Offset of the first occurrence of any of ``words`` in ``text``, or -1."""
    pattern = words.pattern if type(words) is Words else _alternation(tuple(words))
    match = pattern.search(text) if pattern else None
    return match.start() if match else -1


@lru_cache(maxsize=None)
def _alternation(words: tuple[str, ...]) -> re.Pattern | None:
    """One regex for a word list: its leftmost match is the first occurrence of any word, found in one pass
    (relation rules call :func:`find_any` some 500 times per article)."""
    return re.compile(alternation(words)) if words else None


@lru_cache(maxsize=1)
def group_words() -> tuple[str, ...]:
    """Words for the visiting group: 一行, 代表团, and a team named after its task (视察组, 评审团, 调研小组),
    longest first (words of one length in reverse code-point order, never in the set's hashing order)."""
    teams = [task + unit for task in lexicon("group_tasks") for unit in TEAM_UNITS]
    return Words(sorted({*lexicon("group_words"), *teams}, key=lambda word: (len(word), word), reverse=True))
