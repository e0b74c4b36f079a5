"""The count of characters t2s changed (equal halves skipped) against the count position by position, and
the share of changed Han characters against its plain formula."""

import random

from kg.normalise.script import CJK, DETECTION_SAMPLE, _convert_line, changed_characters, traditional_share


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


def share_counting_first(text: str) -> float:
    """The share as it was computed before: Han characters counted first, then the changes."""
    sample = text[:DETECTION_SAMPLE]
    han = CJK.subn("", sample)[1]
    if not han:
        return 0.0
    return changed_characters(sample, _convert_line(sample)) / han


def test_traditional_share_equals_its_plain_formula():
    rng = random.Random(5)
    alphabet = "县长书记调研项目会议縣長書記調研項目會議乾隆干部 ,.ab12「」\n"
    texts = ["", "abc 123", "。,", "县长调研", "縣長調研", "乾隆", "某某縣長 abc", "x" * 30_000 + "縣",
             "縣" * 30_000, "县" * 19_999 + "縣" + "縣" * 10]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300))) for _ in range(300)]
    for text in texts:
        assert traditional_share(text) == share_counting_first(text), text[:40]
