"""Article metadata: reporter and photographer credits (taken out of the body), headline, event date, and the
page's source line."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from kg.lexicon import read_lines
from kg.normalise.mapped import MappedText

HERE = Path(__file__).parent
NAME = r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{2,6})?"
NAMES = rf"{NAME}(?:(?:\s+|\s*[、,]\s*){NAME})*"
SPLIT_NAMES = re.compile(r"\s*[、,]\s*|\s+")
SENTENCE_END = "。!?”\""
# last characters of place and organisation names that start like a person's name (高新区, 石油局)
PLACE_OR_BODY_ENDINGS = set("省市区县镇乡村街路局委厅办处院校所站园港湾山河湖")

LEAD_LENGTH = 60
MAX_TITLE_LINES = 3
MAX_TITLE_LENGTH = 100
BODY_START = re.compile(r"^(?:\d{1,2}月\d{1,2}日|\S{0,20}?讯(?:\s|\(|$))")
DATELINE = re.compile(r"^\s*(?:[^\n]{0,15}?[-—])?([\u4e00-\u9fff]{2,12}?)(?:\d{1,2}月\d{1,2}日)?讯(?=[(（\s])",
                      re.M)  # 某市日报讯(记者…), 某县融媒体9月7日讯: the paper, when no 来源 line names one (本报讯 does not)
MONTH_DAY = re.compile(r"(?:(?<!\d)(\d{4})\s*年\s*)?(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?![电讯])")
FULL_DATE = re.compile(r"(?<!\d)(20\d\d|19\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
COMPACT_DATE = re.compile(r"(?<!\d)(20\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
# a year the article is about ("2022年第二季度", "2020春季"), not one it looks ahead to ("预计2026年")
# 来源：某县融媒体中心, 信息来源:今日某地, 发布机构:某镇 (on one line, or the label alone on its line and the
# name on the next): the name, up to punctuation, a digit (a date glued to it), a navigation link (返回首页)
# or a field word of the line (发布时间, 作者: page_fields.txt); a value opening with a field word is no name,
# nor is 资金来源 in the body a source line (文章来源, 稿件来源 and 内容出处 are labels too); the name may stand in
# title marks (来源：《某市日报》) and ends at a quotation mark (注明“来源:某某网”的作品). The look-ahead at the
# labels' first characters lets the engine pass any other character at once.
SOURCE_LINE = (r"(?<![\u4e00-\u9fff])(?=[信文稿新来内发])(?:(?:信息|文章|稿件|新闻)?来源|内容出处|发布机构)\s*[:：]\s*(?!{fields})"
               r"《?([^\s:：|,，。;；\d《》“”\"]{{2,30}}?)》?(?=返回|{fields}|[\s:：|,，。;；\d“”\"]|$)")
MASTHEAD_LINES = 3  # the first lines the page put around the article: site names, breadcrumbs
NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
ARTICLE_YEAR = re.compile(r"(?<![预计划争到至截于\d])(20\d\d)\s*(?:年|(?=[春夏秋冬上下第]))")


def _lexicon(name: str) -> list[str]:
    """Words of a lexicon file, several to a line allowed."""
    return [word for line in read_lines(HERE / name) for word in line.split()]


@lru_cache(maxsize=1)
def _label() -> re.Pattern[str]:
    labels = "|".join(sorted(map(re.escape, _lexicon("credit_labels.txt")), key=len, reverse=True))
    return re.compile(rf"(?:{labels})\s*[:]?\s*")


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Credits, each with a text that every match holds (a text without it is not searched); a ``names`` group
    may hold labels too. Unlabelled names must look like person names."""
    label = _label().pattern
    return (
        # (记者 李雪峰) (全媒体记者 吴思远 陈立群) (张三 摄)
        ("(", re.compile(rf"[(]\s*(?P<names>(?:{label})+{NAMES})\s*(?:摄)?\s*[)]")),
        ("摄", re.compile(rf"[(]\s*(?P<names>{NAMES})\s*摄\s*[)]")),
        # 本报记者 张燕伟摄 | 张燕伟摄, after a sentence or alone on its line
        ("摄", re.compile(rf"(?:(?<=[{SENTENCE_END}\s])|^)(?P<names>(?:{label})*{NAMES})\s*摄(?:影)?[ ]*$", re.M)),
        # a byline on its own line: 记者 李四 通讯员 王五
        ("", re.compile(rf"^[ ]*(?P<names>(?:(?:{label})+{NAMES}[ ]*)+)$", re.M)),
        # (郭赟) (刘毅 孙德明) closing a paragraph
        ("(", re.compile(rf"(?<=[{SENTENCE_END}])[ ]*[(]\s*(?P<names>{NAMES})\s*[)][ ]*$", re.M)),
        # a name alone on the line after a paragraph
        ("\n", re.compile(rf"(?<=[{SENTENCE_END}]\n)[ \n]*(?P<names>{NAMES})[ ]*$", re.M)),
    )


@lru_cache(maxsize=1)
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    entries = _lexicon("surnames.txt")
    return frozenset(e for e in entries if len(e) == 1), frozenset(e for e in entries if len(e) == 2)


def _is_person_name(name: str) -> bool:
    single, double = _surnames()
    if "·" in name:
        return True
    if name[-1] in PLACE_OR_BODY_ENDINGS:
        return False
    return (name[0] in single and 2 <= len(name) <= 3) or (name[:2] in double and 3 <= len(name) <= 4)


def extract_credits(text: MappedText) -> tuple[MappedText, list[str]]:
    """Reporter and photographer names, and the text without the credits."""
    credits: list[str] = []
    for held, pattern in _credit_patterns():
        if held in text.text:
            text = text.sub(pattern, lambda match: _take_names(match, credits))
    return text, credits


def _take_names(match: re.Match[str], credits: list[str]) -> str:
    """The credited names are recorded and the credit removed, unless a name does not look like one."""
    labelled = bool(_label().search(match.group("names")))
    names = [name for name in SPLIT_NAMES.split(_label().sub(" ", match.group("names")).strip()) if name]
    if not names or not all(_is_person_name(name) or (labelled and len(name) <= 4) for name in names):
        return match.group(0)
    credits.extend(name for name in names if name not in credits)
    return ""


def find_headline(text: str) -> str | None:
    """The title lines at the top (引题, 主题, 副题), joined with spaces; None when the text starts with prose."""
    titles = []
    for line in text.split("\n", MAX_TITLE_LINES + 1)[: MAX_TITLE_LINES + 1]:
        line = line.strip()
        if not line:
            continue
        if "。" in line or "," in line or len(line) > MAX_TITLE_LENGTH or BODY_START.match(line) or len(titles) == MAX_TITLE_LINES:
            break
        titles.append(line)
    return " ".join(titles) or None


def publication_date(meta: dict, source: str, page_text: str) -> date | None:
    """When the article was published: a metadata ``date`` field, a date in the file name, or page metadata."""
    candidates = [str(meta.get("date") or ""), Path(source.split(":")[0]).name, page_text]
    patterns = [FULL_DATE, COMPACT_DATE, FULL_DATE]
    for value, pattern in zip(candidates, patterns):
        for match in pattern.finditer(value):
            found = _valid(*match.groups())
            if found:
                return found
    return None


def lead(text: str) -> str | None:
    """The first sentence, its first :data:`LEAD_LENGTH` characters (with "…" when cut): a readable name for
    an article that has no headline."""
    sentence = re.split(r"(?<=[。!?])", text.strip(), maxsplit=1)[0].strip()
    return sentence if len(sentence) <= LEAD_LENGTH else sentence[: LEAD_LENGTH - 1] + "…"


def publisher(meta: dict, source: str | None) -> str | None:
    """The name of the source: the record's or page's ``source``, else the page's source line (``source``,
    from :func:`source_line`)."""
    if meta.get("source"):
        return str(meta["source"]).strip() or None
    return source


@lru_cache(maxsize=1)
def _source_line() -> re.Pattern[str]:
    """SOURCE_LINE with the page field words of page_fields.txt (发布时间, 浏览…), which end a source name."""
    return re.compile(SOURCE_LINE.format(fields="|".join(map(re.escape, _lexicon("page_fields.txt")))))


def event_date(text: str, headline: str | None, published: date | None) -> str | None:
    """ISO date of the reported event: the first month-day of the text, dated lines (``X月X日讯``) skipped,
    else the publication date (an article that says 近日 is dated by its record or page).

    The year is the one written with it, else the publication year (the year before when the month is later
    than the publication month), else a year the headline or first paragraph is about; else ``--mm-dd``.
    """
    match = MONTH_DAY.search(text)
    if not match:
        return published.isoformat() if published else None
    year_text, month, day = match.groups()
    month, day = int(month), int(day)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = int(year_text) if year_text else None
    if year is None and published is not None:
        year = published.year - 1 if month > published.month else published.year
    if year is None:
        paragraph_end = text.find("\n", match.end())
        lead = (headline or "") + "\n" + text[: paragraph_end if paragraph_end >= 0 else len(text)]
        found = ARTICLE_YEAR.search(lead)
        year = int(found.group(1)) if found else None
    if year is None or _valid(year, month, day) is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid(year, month, day) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def source_line(text: str) -> str | None:
    """The name on the page's source line (来源：某县融媒体中心 → 某县融媒体中心), which may tell the home place
    and is the document's publisher; None when the page has none."""
    match = _source_line().search(text) or DATELINE.search(text)
    return match.group(1) if match and not match.group(1).startswith("本") else None


def masthead(page_text: str) -> tuple[str, ...]:
    """The names on the first lines of page furniture (某省人民政府 | 某市人民政府, 首页 > 某县要闻), which may
    tell the home place when no source line does."""
    lines = [line for line in page_text.splitlines() if line.strip()][:MASTHEAD_LINES]
    return tuple(name for line in lines for name in NOT_HAN.split(line) if len(name) >= 2)
