"""kg_officials: officials named with their titles, and every other mention of them in the document.

News names an official after a chain of titles (省委常委、市委书记卢东亮), after a collective title that opens an
enumeration (市领导任希杰、王明厚、王宏栓), or before a form of address (习近平总书记, 林武书记). LAC's PER tag is the
first guess for the name; its boundaries are repaired with the words that usually follow a name (鞠振 + 实地)
and with the title context. A name found once with a title is then tagged at every mention in the document.
The name and title readers are shared with kg_persons, and the lexicon helpers with kg_organizations.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import alternation, find_words, read_words
from kg.nlp.extensions import value_of
from kg.nlp.institutions import INSTITUTIONS
from kg.nlp.spans import add_span, text_of, tokens_of

LEXICONS = Path(__file__).with_name("lexicons")

# Characters that end a title segment or a name: punctuation, brackets, quotes and white space.
DELIMITERS = frozenset("，,。.；;：:！!？?、（）()“”\"'‘’《》【】[]<>|/·•　 \t\r\n")
# LAC tags of words that cannot open a title: verbs, prepositions, particles, adverbs, pronouns, numbers, times.
NOT_TITLE_START = frozenset({"v", "vd", "p", "c", "u", "d", "r", "xc", "w", "m", "q", "TIME", "f", "SPACE"})
# LAC tags of words after which a title starts afresh: prepositions, particles, pronouns, adverbs
TITLE_CUTS = frozenset({"p", "u", "r", "d", "vd"})
MAX_TITLE = 32  # a title segment longer than this is a sentence, not a title
NAME_LENGTHS = (2, 3, 4)
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8})+")  # 吐尔逊·依明
ETC = "等"  # ends a list of names (某某·某某等): never part of a name
GOING_TO = frozenset("到赴")  # before a place: where the person goes, never part of a name
# How a candidate name was introduced: on its own, in a 、 list, or right after a title or role.
BARE, LISTED, TITLED = "bare", "listed", "titled"
# What joins the names of a list, and what may stand between a collective title and its list (市领导有：)
LIST_JOINT = re.compile("、|以及|和|及|与")
LIST_OPENERS = "有：:"
ITEM_SEPARATORS = ("、", "，", ",")  # what separates the names of a list that goes on (和/及 joins the last)
MAX_GAP = 3
BODY_TAGS = frozenset({"ORG", "LOC"})  # LAC tags of a list item that names a body or a place, not a person
MAX_SANDWICHED = 6  # the longest item of a list of names read as a name for standing between two names
MAX_CLAUSE = 24  # how far the clause after a list of officials may run before its comma
# LAC tags a name without a Chinese surname may carry (次旦, 次仁多吉 LOC)
NAME_LIKE_TAGS = frozenset({"PER", "LOC", "n", "nz", "nw"})
# LAC tags of words that a surname-like first character does not make a name (高度, 全力, 同时)
NOT_NAME_TAGS = NOT_TITLE_START | {"a", "ad", "an"}
PARTICLE = "u"  # LAC's tag of 的, 地, 得, 了
ITEM_ENDS = ("，", ",", "、", "等一行", "等人")  # what ends a name in a list of officials
LIST_SEPARATORS = ("、", "，", ",")  # what stands between two officials of one list (甲市委书记A、市长B)
# Doc.user_data keys of what kg_officials reads and kg_persons reads again, with the token table it was read from
_TOKEN_ENDS = ("kg", "token ends")
_TITLED_NAMES = ("kg", "titled names")


def read_lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``lexicons/<name>.txt``, longest first."""
    return read_words(LEXICONS / f"{name}.txt")


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


class NameReader:
    """Reads a person's name starting at a character offset, using LAC's PER guesses and name boundaries."""

    def __init__(self):
        self.surnames = frozenset(read_lexicon("person_surnames"))
        self.follow = re.compile(alternation(read_lexicon("person_follow")))
        self.coming = frozenset(read_lexicon("person_coming_verbs"))
        self.visit = re.compile(alternation(read_lexicon("visit_verbs")))

    def tokens(self, doc: Doc) -> dict[int, tuple[int, str]]:
        """Token start offset → (end offset, LAC tag), made once per token table (kg_officials and kg_persons both
        read it; a token split makes a new table)."""
        table = tokens_of(doc)
        made = doc.user_data.get(_TOKEN_ENDS)
        if made is None or made[0] is not table:
            made = doc.user_data[_TOKEN_ENDS] = (table, dict(zip(table.starts, zip(table.ends, table.tags))))
        return made[1]

    def is_boundary(self, text: str, pos: int) -> bool:
        """Can a name end at ``pos``: end of text, a delimiter, or a word that usually follows a name."""
        return pos >= len(text) or text[pos] in DELIMITERS or bool(self.follow.match(text, pos))

    def is_clear_boundary(self, text: str, pos: int) -> bool:
        """A boundary that is no single character of a name: a delimiter or a following word of two or more."""
        follow = self.follow.match(text, pos)
        return pos >= len(text) or text[pos] in DELIMITERS or (follow is not None and len(follow.group()) > 1)

    def has_surname(self, name: str) -> bool:
        return name[:1] in self.surnames or name[:2] in self.surnames

    def plausible(self, text: str, start: int, end: int, tokens, context: str = BARE) -> bool:
        """Could text[start:end] be a name, given how it was introduced (``BARE``, ``LISTED``, ``TITLED``)?

        A name without a Chinese surname (次旦, 次仁多吉) is accepted only right after a title or role and
        before a word that follows names (陪同, 专程); LAC's LOC guess is weak between 、 marks.
        """
        name = text[start:end]
        if not 2 <= len(name) <= 4 or not all(is_cjk(c) for c in name):
            return False
        token = tokens.get(start)
        follow = self.follow.match(text, start)
        # a word that follows names opens no name, unless LAC read a name going on past it (向 + 东明)
        if token is None:
            return self.inside_a_word(text, start, end, context)
        if follow and not (token[1] == "PER" and token[0] - start > len(follow.group())):
            return False
        if token[1] == "PER":
            return True
        if any(tokens.get(i, (0, ""))[1] == PARTICLE for i in range(start + 1, end)):
            return False  # 书记关切地询问: a particle (地, 的, 了) inside ends a phrase, no name holds one
        if name[0] in self.coming and self.visit.match(text, start + 2):
            return False  # 市领导来宣调研: comes to a place (its one-character short form) to inspect it
        if self.has_surname(name):
            if context == BARE:
                return token[1] not in ("LOC", "ORG")
            # 书记高度重视, 主任明确要求: one two-character word is no name, unless it ends an item of a list of
            # officials (副市长涂新，…); a longer word is one LAC mistook (高明远 a), and so is a name LAC cut
            # into pieces (那 r + 日 q + 苏)
            one_word = token[0] == end and end - start == 2 and not text.startswith(ITEM_ENDS, end)
            if context != LISTED and one_word and token[1] in NOT_NAME_TAGS:
                return False
            return context == LISTED or not self.two_words(start, end, tokens)
        if context != TITLED or token[1] not in NAME_LIKE_TAGS:
            return False
        after = end + len(text[end:end + 2]) - len(text[end:end + 2].lstrip())
        return bool(self.follow.match(text, after))

    @staticmethod
    def two_words(start: int, end: int, tokens) -> bool:
        """书记高度重视, 局长时间紧张: four characters read as two words of two, one of them no name's part (an
        adverb, verb, adjective…) or both common nouns, are a phrase."""
        first, second = tokens.get(start), tokens.get(start + 2)
        if end - start != 4 or first is None or second is None or first[0] != start + 2 or second[0] != end:
            return False
        tags = {first[1], second[1]}
        return bool(tags & NOT_NAME_TAGS) or tags <= {"n", "vn"}

    def inside_a_word(self, text: str, start: int, end: int, context: str) -> bool:
        """A name LAC glued to the title before it (代县长常新民: 代县 + 长常 + 新民; 主委程海燕: 委程海燕): right
        after a title, three characters with a surname, up to a clear boundary."""
        return (context == TITLED and end - start == 3 and self.has_surname(text[start:end])
                and self.is_clear_boundary(text, end))

    def name_at(self, text: str, start: int, tokens, context: str = BARE) -> int | None:
        """End offset of the name starting at ``start``, or None when no name starts there."""
        if start >= len(text) or not is_cjk(text[start]):
            return None
        dotted = DOTTED_NAME.match(text, start)
        if dotted and context != BARE:
            # a transliterated name (吐尔逊·依明): its last part runs to the first clear boundary; a
            # one-character word such as 都 or 到 ends it only when no clearer boundary follows (阿不都热合曼陪同);
            # 到 or 赴 before a place LAC reads is a clear one (某某·某某到某地区调研)
            last_part = dotted.group().rfind("·") + start + 1
            stops = [stop for stop in range(last_part + 1, dotted.end() + 1) if self.is_boundary(text, stop)]
            clear = [stop for stop in stops if self.is_clear_boundary(text, stop) or text.startswith(ETC, stop)
                     or (text[stop:stop + 1] in GOING_TO and (tokens.get(stop + 1) or (0, ""))[1] in BODY_TAGS)]
            return (clear or stops or [None])[0]
        token = tokens.get(start)
        if token is not None and token[1] == "PER" and self.plausible(text, start, token[0], tokens, context):
            end = token[0]
            # LAC glued a following word to the name (鞠振实 + 地, 鞠振察看): cut before it
            for stop in range(end - 1, start + 1, -1):
                if self.follow.match(text, stop):
                    return stop
            if self.is_boundary(text, end):
                return end
            # LAC cut the name short (王明 + 厚、, 闫晋 + 中带队): extend to the boundary right after it
            for stop in range(end + 1, start + max(NAME_LENGTHS) + 1):
                if stop > len(text) or text[stop - 1] in DELIMITERS:
                    break
                if self.is_boundary(text, stop):
                    return stop
            return end
        for length in NAME_LENGTHS:
            stop = start + length
            if stop > len(text) or text[stop - 1] in DELIMITERS:
                return None
            if stop - start > 2 and self.follow.match(text, stop - 1):
                continue  # the candidate takes in a word that follows names (谈某 + 等)
            if self.is_boundary(text, stop) and self.plausible(text, start, stop, tokens, context):
                return stop
        return None

    def mentions(self, doc: Doc, names, tokens) -> list[tuple[int, int, str]]:
        """Every mention of the given names in the document that sits on word boundaries."""
        if not names:
            return []
        text = text_of(doc)
        found = []
        for start, end, name in find_words(names, text):
            token = tokens.get(start)
            if token is None:
                continue  # inside a word (扩张工作 is not 张工)
            token_end, tag = token
            if token_end > end and tag == "PER" and not self.is_boundary(text, end):
                continue  # part of a longer name
            found.append((start, end, name))
        return found


@dataclass
class TitledName:
    """A name read with the titles written before (or after) it."""

    start: int
    end: int
    titles: list[str] = field(default_factory=list)
    government: bool = True  # False for company or association posts (集团专委会主任)


class TitleReader:
    """Finds names with their titles: chains of posts, collective titles with enumerations, forms of address."""

    def __init__(self, names: NameReader):
        self.names = names
        self.post_end = re.compile(f"(?:{alternation(read_lexicon('titles_posts'))})$")
        # every post ending, overlapping ones too (党总支书记: 支书 and 书记 both end a post word)
        self.post = re.compile(f"(?=({alternation(read_lexicon('titles_posts'))}))")
        self.honorific = re.compile(alternation(read_lexicon("titles_honorific_posts")))
        self.nongovernment = re.compile(alternation(read_lexicon("titles_nongovernment")))
        levels = [line.split("\t")[0] for line in read_lexicon("titles_levels")]
        self.levels = tuple(levels)
        collective = [t.replace("{L}", level) for t in read_lexicon("titles_collective") for level in levels]
        self.collective = re.compile(alternation(collective))
        self.official_act = re.compile(alternation(read_lexicon("titles_official_acts")))
        self.bodies = tuple(line.split("\t")[0] for line in read_lexicon("org_suffixes")) + INSTITUTIONS

    def read(self, doc: Doc, tokens) -> list[TitledName]:
        """The names read with their titles, once per token table (``tokens``, from :meth:`NameReader.tokens`):
        kg_persons reads them again after kg_officials, and they change only where a span cut a word."""
        read = doc.user_data.get(_TITLED_NAMES)
        if read is None or read[0] is not tokens:
            read = doc.user_data[_TITLED_NAMES] = (tokens, self._read(doc, tokens))
        return read[1]

    def _read(self, doc: Doc, tokens) -> list[TitledName]:
        text = text_of(doc)
        found: dict[tuple[int, int], TitledName] = {}

        def note(start: int, end: int, titles: list[str], government: bool = True) -> None:
            item = found.setdefault((start, end), TitledName(start, end, government=government))
            item.titles.extend(t for t in titles if t not in item.titles)
            item.government = item.government and government

        floor = 0  # a title never reaches back over the name before it (…人选王立新及旗政府副旗长赵志刚)
        for match in self.post.finditer(text):
            post_end = match.start() + len(match.group(1))
            name_start = self.after_gap(text, post_end)
            name_end = self.first_name_at(text, name_start, tokens)
            if name_end is None:
                continue
            segments = self.chain(text, post_end, tokens, floor)
            if not segments:
                continue
            government = not any(self.nongovernment.search(s) for s in segments)
            for start, end in self.enumeration(text, name_start, name_end, tokens):
                note(start, end, segments, government)
                floor = end
        for match in self.collective.finditer(text):
            names_start = self.after_gap(text, match.end(), LIST_OPENERS)
            name_end = self.first_name_at(text, names_start, tokens)
            if name_end is not None:
                listed = self.enumeration(text, names_start, name_end, tokens)
                following = self.next_clause_official(text, listed[-1][1], tokens)
                for start, end in listed + ([following] if following else []):
                    note(start, end, [match.group()])
        for start, (end, tag) in tokens.items():
            if tag == "PER":
                address = self.honorific.match(text, end)
                if address and self.names.plausible(text, start, end, tokens):
                    note(start, end, [address.group()])
        return sorted(found.values(), key=lambda item: item.start)

    def chain(self, text: str, name_start: int, tokens, floor: int = 0) -> list[str]:
        """The titles written right before a name, leftwards through 、 and ，(县委常委、县委办主任、常务副县长)."""
        segments: list[str] = []
        end = name_start
        while True:
            start = end - 1
            while start >= floor and text[start] not in DELIMITERS and end - start <= MAX_TITLE:
                start -= 1
            # a title holds no name (李东升及大同经开区党工委书记), only places LAC took for one (贺兰县委书记)
            after_name = max((tokens[i][0] for i in range(start + 1, end) if tokens.get(i, (0, ""))[1] == "PER"
                              and not text.startswith(self.levels, tokens[i][0])), default=start + 1)
            segment_start = self.title_start(text, min(after_name, end), end, tokens)
            post = self.post_end.search(text, min(after_name, end), end)
            if post and post.start() < segment_start:  # the cut went into the post (总 d + 指挥 v): keep the post
                segment_start = post.start()
            segment = text[segment_start:end]
            if not segment or end - start > MAX_TITLE or not self.post_end.search(segment):
                return segments
            segments.insert(0, segment)
            if start < floor or text[start] not in "、，,":
                return segments
            end = start

    def title_start(self, text: str, start: int, end: int, tokens) -> int:
        """Skip the words before a title that cannot be part of it (在县委书记, 会议由市委副书记 → …书记)."""
        for i in range(end - 1, start, -1):
            if tokens.get(i, (0, ""))[1] in TITLE_CUTS and tokens[i][0] < end:
                start = tokens[i][0]
                break
        while start < end:
            token = tokens.get(start)
            if token is None or token[1] not in NOT_TITLE_START or token[0] > end:
                return start
            start = token[0]
        return start

    def next_clause_official(self, text: str, end: int, tokens) -> tuple[int, int] | None:
        """A bare name opening the clause after a list of officials, acting as one (…出席活动，汤某通报情况)."""
        comma = min((i for i in (text.find(c, end, end + MAX_CLAUSE) for c in "，,") if i >= 0), default=-1)
        if comma < 0 or "。" in text[end:comma]:
            return None
        start = comma + 1
        token = tokens.get(start)
        name_end = self.names.name_at(text, start, tokens) if token and token[1] == "PER" else None
        return (start, name_end) if name_end and self.official_act.match(text, name_end) else None

    @staticmethod
    def after_gap(text: str, pos: int, openers: str = "") -> int:
        """Skip the spaces (and list openers such as 有：) between a title and the names it introduces."""
        limit = pos + MAX_GAP
        while pos < min(limit, len(text)) and (text[pos] in " \u3000" or text[pos] in openers):
            pos += 1
        return pos

    def enumeration(self, text: str, start: int, end: int, tokens) -> list[tuple[int, int]]:
        """The name at [start, end) and the names listed after it (副县长张瑞轩、王大凤, 市领导甲、乙和丙)."""
        names = [(start, end)]
        while True:
            joint = LIST_JOINT.match(text, end) or self.comma_in_list(text, end, tokens)
            if joint is None:
                return names
            next_end = self.names.name_at(text, joint.end(), tokens, LISTED)
            if next_end is None or (next_end < len(text) and text[next_end] not in DELIMITERS
                                    and not self.names.follow.match(text, next_end)):
                next_end = self.sandwiched(text, joint.end(), tokens)
            if next_end is None:
                return names
            if self.post_end.search(text[joint.end():next_end]):
                return names
            names.append((joint.end(), next_end))
            end = next_end
            if joint.group() not in ITEM_SEPARATORS:
                return names  # 和/及 joins the last name of a list

    def first_name_at(self, text: str, start: int, tokens) -> int | None:
        """End of the name right after a title: one the name rules read, else the first item of a 、 list of
        names (a rare surname LAC cut off its given name, 委员过某某、林某某 read as 过 v + 某某 PER)."""
        end = self.names.name_at(text, start, tokens, TITLED)
        return end if end is not None else self.sandwiched(text, start, tokens)

    def comma_in_list(self, text: str, end: int, tokens) -> re.Match | None:
        """A comma standing for 、 in a list of names (副主席甲、乙，丙，丁、戊): the name after it is one LAC reads
        as a name, bare (no title of its own) and itself followed by 、 or a comma, not by what it does."""
        comma = re.compile("[，,]").match(text, end)
        if comma is None:
            return None
        token = tokens.get(comma.end())
        if token is None or token[1] != "PER" or text[token[0]:token[0] + 1] not in ("、", "，", ","):
            return None
        return comma


    def sandwiched(self, text: str, start: int, tokens) -> int | None:
        """End of a list item no name rule reads (a transliterated 乌力吉巴雅尔, cut by LAC into words) that stands
        between two names of a 、 list: Chinese characters only, no post, body (县政府办公室, 发改局) or place in it,
        and a name read after it."""
        end = text.find("、", start, start + MAX_SANDWICHED + 1)
        if end - start < min(NAME_LENGTHS) or not all(is_cjk(c) for c in text[start:end]):
            return None
        item = text[start:end]
        words = [tokens[i] for i in range(start, end) if i in tokens]
        if self.post.search(item) or item.endswith(self.bodies) or any(tag in BODY_TAGS for _, tag in words):
            return None
        return end if self.names.name_at(text, end + 1, tokens, LISTED) is not None else None


class Jurisdictions:
    """The place a title is about: a place written in it, else the place of the title before it in the chain
    when that is of the title's level (武汉市委副书记、市长 → 武汉市) or the title names no level
    (大同经开区党工委书记、管委会主任 → the zone), else the document's place of the title's level (市委书记 → the
    city; 政府副县长 → the county)."""

    def __init__(self):
        rows = [line.split("\t") for line in read_lexicon("titles_levels")]
        self.level_suffix = {level: suffix for level, suffix in rows}
        self.levels = sorted(self.level_suffix, key=len, reverse=True)
        self.head = re.compile(f"({alternation(self.levels)})长")  # 副县长, 政府旗长, 镇长提名人选

    def has_level(self, title: str) -> bool:
        """The title names an administrative level (市长, 县委书记, 副县长), not only a post (主任)."""
        return any(title.startswith(lv) for lv in self.levels) or self.head.search(title) is not None

    def of(self, doc: Doc, places: _DocumentPlaces, title: str, title_start: int,
           previous: str | None = None) -> str | None:
        for text, name in places.starting_at.get(title_start, ()):
            # a bare level word (the 市 of 市长, the 市委 read as the paper's city) after a title naming a place of
            # that level is that place
            if title.startswith(text) and not (len(text) <= 2 and previous and previous.endswith(text[0])):
                return name
        level = next((lv for lv in self.levels if title.startswith(lv)), None)
        if level is None:
            head = self.head.search(title)
            level = head.group(1) if head else None
        if level is None:
            return previous
        suffix = self.level_suffix[level]
        if previous and previous.endswith(suffix):  # 武汉市委副书记、市长: the 市 of the title before
            return previous
        home = doc._.home_place
        if home and home.endswith(suffix):
            return home
        return places.most_frequent(suffix)


class _DocumentPlaces:
    """A document's place mentions as :class:`Jurisdictions` asks for them, read once per document (read
    for every title, they made a long article's time quadratic in its length)."""

    def __init__(self, doc: Doc):
        self.names = [
            (span.start_char, span.text, value_of(span, "canonical") or span.text)
            for span in doc.spans.get("places", [])
        ]
        self.starting_at: dict[int, list[tuple[str, str]]] = {}
        for start, text, name in self.names:
            self.starting_at.setdefault(start, []).append((text, name))
        self._most_frequent: dict[str, str | None] = {}

    def most_frequent(self, suffix: str) -> str | None:
        """The place named most often among those whose name ends with ``suffix`` (the first on a tie)."""
        if suffix not in self._most_frequent:
            counts = Counter(name for _, _, name in self.names if name.endswith(suffix))
            self._most_frequent[suffix] = counts.most_common(1)[0][0] if counts else None
        return self._most_frequent[suffix]


@Language.factory("kg_officials")
class OfficialsRecognizer:
    """Adds ``doc.spans["officials"]``: one span per mention, attrs ``titles``, ``jurisdiction``, ``posts``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.names = NameReader()
        self.titles = TitleReader(self.names)
        self.jurisdictions = Jurisdictions()

    def __call__(self, doc: Doc) -> Doc:
        tokens = self.names.tokens(doc)
        text = text_of(doc)
        people: dict[str, dict] = {}
        places = _DocumentPlaces(doc)
        titled_names = self.titles.read(doc, tokens)
        listed: tuple[int, str | None] = (-1, None)  # where the item before ended, the place of its last post
        for item in titled_names:
            if not item.government:
                continue
            name = text[item.start:item.end]
            person = people.setdefault(name, {"titles": [], "posts": []})
            previous = None
            for i, title in enumerate(map(clean_title, item.titles)):
                start = text.rfind(title, 0, item.start)
                if i == 0 and self.jurisdictions.has_level(title) and text[listed[0]:start] in LIST_SEPARATORS:
                    previous = listed[1]  # 甲市委书记A、市长B: the next item of the list is of the same place
                previous = self.jurisdictions.of(doc, places, title, start, previous)
                if title and title not in person["titles"]:
                    person["titles"].append(title)
                    person["posts"].append({"title": title, "jurisdiction": previous})
            listed = (item.end, previous)
        titled = {(item.start, item.end, text[item.start:item.end]) for item in titled_names}
        for start, end, name in without_overlaps(titled | set(self.names.mentions(doc, people, tokens))):
            person = people.get(name)
            if person is None:
                continue
            jurisdiction = next((p["jurisdiction"] for p in person["posts"] if p["jurisdiction"]), None)
            add_span(doc, "officials", start, end, "OFFICIAL", name, titles=list(person["titles"]),
                     jurisdiction=jurisdiction, posts=[dict(p) for p in person["posts"]])
        return doc


def clean_title(title: str) -> str:
    """A title as written, without white space or leading enumeration marks."""
    return re.sub(r"\s+", "", title).lstrip("、，,")


def without_overlaps(mentions) -> list[tuple[int, int, str]]:
    """Mentions in text order; of two overlapping ones the longer (then the earlier) is kept."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, name in sorted(mentions, key=lambda m: (m[0] - m[1], m[0])):
        if not taken.intersection(range(start, end)):
            kept.append((start, end, name))
            taken.update(range(start, end))
    return sorted(kept)
