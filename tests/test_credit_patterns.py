"""Credits read with each pattern skipped on texts without the text its matches hold, against every pattern run."""

import random

from kg.normalise import metadata
from kg.normalise.mapped import MappedText


def _every_pattern(text: MappedText):
    credits: list[str] = []
    for _, pattern in metadata._credit_patterns():
        text = text.sub(pattern, lambda match: metadata._take_names(match, credits))
    return text, credits


def test_credits_as_with_every_pattern_run():
    pieces = ["记者 ", "通讯员", "王小明", "刘毅 孙德明", "摄", "摄影", "(", ")", "。", "\n", " ", "、", "某某县召开会议",
              "本报记者", "赵一鸣", "张三", "新华社记者", "·", "项目开工"]
    rng = random.Random(5)
    texts = ["", "张三摄", "(记者 赵一鸣)", "会议召开。\n王小明", "记者 李四 通讯员 王五", "会议召开。(刘毅 孙德明)"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    for raw in texts:
        found, credits = metadata.extract_credits(MappedText.of(raw))
        expected, expected_credits = _every_pattern(MappedText.of(raw))
        assert (found.text, found.offsets, credits) == (expected.text, expected.offsets, expected_credits), raw
