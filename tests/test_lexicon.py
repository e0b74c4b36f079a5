"""kg.lexicon.alternation writes its words as a trie; it must match exactly as the plain longest-first
alternation of the same words, whatever the regex around it."""

from __future__ import annotations

import random
import re

import pytest

from kg.lexicon import alternation


def plain_alternation(words) -> str:
    """The reference: every word in turn, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# regexes the lexicons are used in: alone, repeated, anchored, followed by what forces a backtrack
CONTEXTS = ["{}", "(?:{})+", "(?:{})$", "(?:{})+期?", "(?:{})b", "x(?:{})(?:{})", "(?=({}))", "({})长"]


def spans(pattern: str, text: str) -> list:
    return [(m.span(), m.groups()) for m in re.finditer(pattern, text)]


@pytest.mark.parametrize("seed", range(40))
def test_the_trie_matches_as_the_plain_alternation_on_random_words(seed):
    rng = random.Random(seed)
    alphabet = "ab.b*长(" if seed % 2 else "甲乙丙丁项目工程"
    words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 12))]
    texts = ["".join(rng.choice(alphabet + "xb期") for _ in range(rng.randint(0, 40))) for _ in range(20)]
    for context in CONTEXTS:
        trie, plain = (re.compile(context.format(*[p] * context.count("{}"))) for p in (alternation(words), plain_alternation(words)))
        for text in texts:
            assert spans(trie, text) == spans(plain, text), (words, context, text)
            assert bool(trie.fullmatch(text)) == bool(plain.fullmatch(text))


@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (["产业园", "产业园区", "园区", "项目"], "某产业园区项目和园区", ["产业园区", "项目", "园区"]),
        (["世纪", "世纪大道", "世纪公园"], "世纪大道旁的世纪公园和世纪广场", ["世纪大道", "世纪公园", "世纪"]),
        (["a.b", ".", "a"], "a.b a.c .", ["a.b", "a", ".", "."]),
        (["a", "b", "c"], "cab", ["c", "a", "b"]),
    ],
)
def test_the_longest_word_wins(words, text, found):
    assert re.findall(alternation(words), text) == found


def test_no_words_match_the_empty_string_as_before():
    assert alternation([]) == plain_alternation([]) == ""
