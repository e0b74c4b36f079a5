"""kg.lexicon.alternation writes its words as a trie; it must match exactly as the plain longest-first
alternation of the same words, whatever the regex around it. ``find_words`` finds what
``re.finditer(alternation(words), text)`` finds, on varied words and texts."""

from __future__ import annotations

import random
import re

import pytest

from kg.lexicon import alternation, find_words


def by_regex(words, text):
    return [(m.start(), m.end(), m.group()) for m in re.finditer(alternation(words), text)]


@pytest.mark.parametrize("words, text", [
    (["张工"], "扩张工作由张工负责，张工张工"),
    (["aa"], "aaaaa"),
    (["ab", "bc", "abc"], "abcbcab"),
    (["ab", "ba"], "ababab"),
    (["王明", "王明厚", "明厚"], "王明厚、王明、明厚王明"),
    (["a.b", "a*", "[x]", "\\"], "a.b axb a* [x] x \\ a.bb"),
    (["李四", "李四", "四"], "李四四李"),
    (["周立新"], ""),
    (["周立新"], "周立"),
    (["赵"], "赵赵赵"),
])
def test_edge_cases(words, text):
    assert list(find_words(words, text)) == by_regex(words, text)


def test_random_words_and_texts():
    generator = random.Random(17)
    alphabet = "甲乙丙丁ab、"
    for _ in range(3000):
        words = ["".join(generator.choices(alphabet, k=generator.randint(1, 4))) for _ in range(generator.randint(1, 6))]
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 40)))
        assert list(find_words(words, text)) == by_regex(words, text), (words, text)


def test_an_empty_word_is_refused():
    with pytest.raises(ValueError):
        list(find_words(["", "甲"], "甲乙"))

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
