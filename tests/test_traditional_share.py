"""The count of characters t2s changed (equal halves skipped) against the count position by position."""

import random

from kg.normalise.script import changed_characters


def test_changed_characters_counts_like_comparing_every_position():
    rng = random.Random(17)
    for length in [0, 1, 63, 64, 65, 128, 1000, 20_000]:
        for changes in [0, 1, 2, 7, length // 3, length]:
            text = "".join(rng.choice("县长书记调研项目会议") for _ in range(length))
            converted = list(text)
            for position in rng.sample(range(length), min(changes, length)):
                converted[position] = "縣"
            converted = "".join(converted)
            assert changed_characters(text, converted) == sum(a != b for a, b in zip(text, converted))
