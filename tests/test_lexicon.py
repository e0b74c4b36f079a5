"""``find_words`` finds what ``re.finditer(alternation(words), text)`` finds, on varied words and texts."""

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
