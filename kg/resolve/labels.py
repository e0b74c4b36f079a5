"""Post labels as people cite them: a title (区委书记, 县长, 自治区主席) composed with the place it is about.

A title opens with the level word of its place (区委书记: 区; 自治区主席: 自治区). Composed with the place's
name, that word is said once when something follows it (碧江区 + 区委书记 → 碧江区委书记; 某某自治区 + 自治区主席
→ 某某自治区主席, never 某某自治区自治区主席), but kept when it is the head's own word (碧江区 + 区长 → 碧江区区长,
not the truncated 碧江区长). A title that already names its place, in full or short (伊春市长, 伊春政协主席), is
read as the place and the title it holds.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from kg.lexicon import read_lines

LEVELS_LEXICON = Path(__file__).resolve().parents[1] / "nlp" / "lexicons" / "titles_levels.txt"
# What follows a level word to make the title of the level's head (区长, 村主任): the level word stays.
HEAD_WORDS = ("长", "主任")


@cache
def level_words() -> tuple[str, ...]:
    """The level words titles open with (省, 市, 自治区, …), longest first."""
    words = {line.split("\t")[0] for line in read_lines(LEVELS_LEXICON)}
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


def post_label(title: str, place: str | None) -> str:
    """The label of the post ``title`` in ``place`` (the place's name; None: the title alone)."""
    if not place:
        return title
    title = _without_place(title, place, next((word for word in level_words() if place.endswith(word)), ""))
    level = next((word for word in level_words() if place.endswith(word) and title.startswith(word)), "")
    rest = title[len(level):]
    return place + (rest if level and not rest.startswith(HEAD_WORDS) else title)


def _without_place(title: str, place: str, level: str) -> str:
    """The title without the place it names: 伊春市长 → 市长, 伊春市委书记 → 市委书记, 伊春政协主席 → 政协主席."""
    if title.startswith(place) and len(title) > len(place):
        return level + title[len(place):]
    short = place[: len(place) - len(level)]
    if level and len(short) >= 2 and title.startswith(short) and len(title) > len(short):
        return title[len(short):]
    return title


ORGANS_LEXICON = Path(__file__).with_name("lexicons") / "post_organs.txt"
# The organ of a level's head and deputies when the title names none (县长, 常务副市长, 自治区主席): the
# government. Villages have no government (村长 heads the 村委会): none.
HEAD_ORGAN = "政府"
HEAD_TITLE = re.compile(r"(?:常务)?副?(?P<level>\w+?)副?(?:长|主席)")


@cache
def _organ_words() -> tuple[str, ...]:
    return tuple(sorted(read_lines(ORGANS_LEXICON), key=lambda word: (-len(word), word)))


def post_organ(title: str, place: str | None) -> str | None:
    """The organ of the post ``title`` in ``place``, named like the post: the title up to the longest organ
    word in it (市委书记 in 某某市 → 某某市委; 县委宣传部部长 → 某某县委宣传部; 市人大常委会主任 → 某某市人大常委会),
    else the government of a head (副县长 → 某某县政府; 自治区主席 → 某某自治区政府); None when the title names
    no organ (市领导, 书记)."""
    if place:
        title = _without_place(title, place, next((w for w in level_words() if place.endswith(w)), ""))
    word = next((word for word in _organ_words() if word in title), None)
    if word is not None:
        return post_label(title[: title.index(word) + len(word)], place)
    head = HEAD_TITLE.fullmatch(title)
    if head is None or head.group("level") not in level_words() or head.group("level") == "村":
        return None
    if title.endswith("主席") and head.group("level") != "自治区":  # 主席 heads a government only there
        return None
    return post_label(head.group("level") + HEAD_ORGAN, place)
