"""The boilerplate line test (anchored branches matched at the line start, the others searched) against the
straightforward one: each kind's alternation searched along the line."""

import random
import re

import pytest

from kg.normalise.boilerplate import KINDS, RULES_FILE, first_characters, rules, top_level_branches


def _patterns(kind: str) -> list[str]:
    lines = RULES_FILE.read_text(encoding="utf-8").splitlines()
    return [line.partition(" ")[2].strip() for line in lines if line.partition(" ")[0] == kind]


def _lines(rng: random.Random) -> list[str]:
    """Lines made of the rules' own literal pieces, digits, punctuation and Han text, in random order."""
    pieces = sorted({piece for pattern in (p for kind in KINDS for p in _patterns(kind))
                     for piece in re.findall(r"[\u4e00-\u9fffA-Za-z©@]+", pattern)})
    pieces += [":", " ", "|", ">", "2023-05-08", "09:30", "13912345678", "。", ",", "[", "]", "【", "!", "打开新闻客户端"]
    pieces += ["某某县", "召开会议", "第3版", "![logo](a.png)", "0 收藏 打印", "3天前 2023-5-8", "版"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(4000)]


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "inline"])
def test_line_rule_matches_like_the_alternation_searched(kind):
    straightforward = re.compile("|".join(f"(?:{p})" for p in _patterns(kind)), re.M)
    rule = getattr(rules(), kind)
    lines = _lines(random.Random(kind)) + ["", "来源:", "当前位置: 首页 > 要闻", "版权所有 某某网", "上一篇: 某某"]
    assert any(rule.matches(line) for line in lines)
    for line in lines:
        assert rule.matches(line) == bool(straightforward.search(line)), line


@pytest.mark.parametrize(
    ("pattern", "branches"),
    [
        ("abc", ["abc"]),
        ("^a|b", ["^a", "b"]),
        ("^(a|b)c|^d", ["^(a|b)c", "^d"]),
        (r"a\|b|c", [r"a\|b", "c"]),
        ("[|]x|y", ["[|]x", "y"]),
        ("[]|]x|y", ["[]|]x", "y"]),
        ("[^]|]x|y", ["[^]|]x", "y"]),
        (r"[\]|]x|y", [r"[\]|]x", "y"]),
        ("(?:a|(b|c))|", ["(?:a|(b|c))", ""]),
    ],
)
def test_top_level_branches(pattern, branches):
    assert top_level_branches(pattern) == branches
    assert all(re.compile(branch) for branch in branches)


def test_a_wrong_rule_is_named_by_its_line(tmp_path, monkeypatch):
    import kg.normalise.boilerplate as boilerplate

    rules_file = tmp_path / "boilerplate.txt"
    rules_file.write_text("# comment\nline    ^ok\n\ntail    (unclosed\ninline  [also wrong\n", encoding="utf-8")
    monkeypatch.setattr(boilerplate, "RULES_FILE", rules_file)
    boilerplate.rules.cache_clear()
    try:
        with pytest.raises(ValueError, match="boilerplate.txt:4"):
            boilerplate.rules()
    finally:
        monkeypatch.undo()
        boilerplate.rules.cache_clear()


def test_a_kind_without_anchored_or_floating_branches():
    from kg.normalise.boilerplate import LineRule

    assert not any(LineRule([]).matches(line) for line in ["", "x", "来源:"])
    assert LineRule(["^来源"]).matches("来源:某某日报") and not LineRule(["^来源"]).matches("某某来源")
    assert LineRule(["版权所有"]).matches("某某网 版权所有") and not LineRule(["版权所有"]).matches("")


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("版权所有|Copyright|©", "版C©"),
        (r"(【|\[)\s*(字体|字号)", "【["),
        ("[\u4e00-\u9fff]x", "\u4e00\u9fff一"),
        ("(?:a)?b", "ab"),
        ("^ab", "a"),
        ("a{0,3}b", "ab"),
        ("(a|)b", "ab"),
        ("(?>a|b)c", "ab"),
        ("(?i)ab", None),  # A starts a match too
        ("[^a]b", None),
        (".b", None),
        (r"\db", None),
        (r"\sb", None),
        ("a*", None),  # may be empty: matches everywhere
        ("(a|b?)", None),
        ("(?=x)a", None),
        ("$", None),
    ],
)
def test_first_characters(pattern, starts):
    found = first_characters(pattern)
    if starts is None:
        assert found is None
    else:
        assert found is not None and all(any(low <= ord(c) <= high for low, high in found) for c in starts)


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "inline"])
def test_every_match_of_a_rule_starts_with_one_of_its_first_characters(kind):
    for pattern in _patterns(kind):
        found = first_characters(pattern)
        if found is None:
            continue
        compiled = re.compile(pattern, re.M)
        for line in _lines(random.Random(pattern)):
            for match in compiled.finditer(line):
                assert any(low <= ord(line[match.start()]) <= high for low, high in found), (pattern, line)


def test_the_searched_branches_are_led_by_their_first_characters():
    floating = rules().line.floating.pattern
    assert floating.startswith("(?=[") and "转" in floating[: floating.index("]")]
