"""kg_organizations: companies, groups and government bodies with a proper name.

An organisation name ends with a suffix word (…股份有限公司, …集团, …银行, 省商务厅); its left edge is read
backwards over LAC's words until a word that cannot be part of a name: punctuation, prepositions, particles,
verbs such as 来到/走进 (来到恒晖环保科技有限公司 → 恒晖环保科技有限公司), or an official's or person's name.
A bracketed place inside the name is kept (中城绿色低碳科技(北京)有限公司).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import alternation
from kg.nlp.officials import read_lexicon, without_overlaps
from kg.nlp.spans import Tokens, add_span, text_of, tokens_of

MAX_NAME = 32
# LAC tags of words that end a name read leftwards (verbs are allowed inside: 山西建设投资集团)
NOT_IN_NAME = frozenset({"p", "c", "u", "d", "r", "w", "xc", "TIME", "f", "s", "SPACE", "ad", "vd", "q"})
OPEN_BRACKETS, CLOSE_BRACKETS = "(（", ")）"
MAX_BRACKETED = 8  # (北京), (大同): a short place in brackets
AND = "和"
NAME_CHARACTERS = re.compile(r"[\w()（）]+")  # letters, digits, CJK and brackets; no + · ” …


@Language.factory("kg_organizations")
class OrganizationsRecognizer:
    """Adds ``doc.spans["organizations"]``: one span per mention, canonical name as written."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        rows = [line.split("\t") for line in read_lexicon("org_suffixes")]
        self.rules = {suffix: rule for suffix, rule in rows}
        self.suffix = re.compile(alternation(self.rules))
        rows = [line.split("\t") for line in read_lexicon("org_jurisdictions")]
        self.jurisdictions = tuple(row[0] for row in rows)
        self.national = tuple(row[0] for row in rows if row[1:] == ["national"])
        self.left_stop = frozenset(read_lexicon("org_left_stop"))
        self.left_stop_word = re.compile(alternation(self.left_stop))
        self.generic = frozenset(read_lexicon("org_generic"))

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        tokens = tokens_of(doc)
        people = {i for group in ("officials", "persons") for span in doc.spans.get(group, [])
                  for i in range(span.start_char, span.end_char)}
        places = {span.start_char for span in doc.spans.get("places", [])}
        found = set()
        for match in self.suffix_matches(text):
            start, end = match.span()
            last = tokens.at(end - 1)
            last_org = tokens.tags[last] == "ORG"
            if tokens.ends[last] > end and not last_org:
                continue  # the suffix is part of a longer word (集团化)
            rule = self.rules[match.group()]
            if rule in ("lac", "lac_national"):
                begin = self.lac_start(last, tokens) if last_org and tokens.ends[last] == end else None
            else:
                word = tokens.words[tokens.at(start)]
                if word in self.generic and word not in self.rules:
                    continue  # 大局, 布局: a word, not a name
                begin = self.left_edge(text, self.word_start(text, start, tokens), tokens, people)
            if begin is None or end - begin <= len(match.group()):
                continue
            if rule == "lac_national" and not text.startswith(self.national, begin):
                continue
            if rule == "government" and not self.has_jurisdiction(text, begin, tokens, places):
                # 省工业和信息化厅, 市住房和城乡建设局: a body's name may join two fields with 和
                joined = begin - len(AND)
                if not text.startswith(AND, joined):
                    continue
                begin = self.left_edge(text, joined, tokens, people)
                if not self.has_jurisdiction(text, begin, tokens, places):
                    continue
            name = text[begin:end]
            if name in self.generic or len(name) > MAX_NAME:
                continue
            found.add((begin, end, name))
        for start, end, name in without_overlaps(found):
            add_span(doc, "organizations", start, end, "ORG", name)
        return doc

    @staticmethod
    def lac_start(i: int, tokens: Tokens) -> int:
        """Start of LAC's ORG word ending with token ``i``, which earlier components may have split (中国 + 城市…)."""
        while i > 0 and tokens.tags[i - 1] == "ORG":
            i -= 1
        return tokens.starts[i]

    def suffix_matches(self, text: str):
        """Suffix matches, each the one reaching furthest right (发展改革委 + 员会 → 委员会)."""
        pos = 0
        while (match := self.suffix.search(text, pos)) is not None:
            while (longer := self.suffix.search(text, match.start() + 1)) is not None and (
                longer.start() < match.end() < longer.end()
            ):
                match = longer
            yield match
            pos = match.end()

    def has_jurisdiction(self, text: str, begin: int, tokens: Tokens, places) -> bool:
        """Does the name starting at ``begin`` open with a jurisdiction (省, 国家, a place)?"""
        return text.startswith(self.jurisdictions, begin) or begin in places or tokens.tags[tokens.at(begin)] == "LOC"

    def word_start(self, text: str, suffix_start: int, tokens: Tokens) -> int:
        """Start of the word holding the suffix, after a bracket or symbol LAC glued to it (大同)技术有限公司)."""
        start = tokens.starts[tokens.at(suffix_start)]
        closing = max(text.rfind(b, start, suffix_start) for b in CLOSE_BRACKETS)
        if closing >= 0 and not any(b in text[start:closing] for b in OPEN_BRACKETS):
            return closing + 1
        while start < suffix_start and not NAME_CHARACTERS.fullmatch(text[start]):
            start += 1  # LAC glued a symbol to the word (+专业合作社)
        if tokens.tags[tokens.at(start)] in NOT_IN_NAME and (stop := self.left_stop_word.match(text, start)):
            start = stop.end()  # LAC glued a preposition to the name (由于都县…公司, tagged p)
        return start

    def left_edge(self, text: str, start: int, tokens: Tokens, people) -> int:
        """Where the name ending at a suffix starting at ``start`` begins."""
        while start > 0:
            if text[start - 1] in CLOSE_BRACKETS:
                opening = max(text.rfind(b, max(0, start - MAX_BRACKETED), start) for b in OPEN_BRACKETS)
                if opening <= 0:
                    break
                start = opening
                continue
            i = tokens.at(start - 1)
            word, word_start = tokens.words[i], tokens.starts[i]
            if (tokens.tags[i] in NOT_IN_NAME or word in self.left_stop or not NAME_CHARACTERS.fullmatch(word)
                    or start - 1 in people or text[word_start:start].strip() != text[word_start:start]):
                break
            start = word_start
        # a verb or a bracket may sit inside a name but never opens one (新建污水处理厂, (中)勉励…集团)
        while True:
            i = tokens.at(start)
            if text[start] in OPEN_BRACKETS:
                closing = max(text.find(b, start, start + MAX_BRACKETED) for b in CLOSE_BRACKETS)
                start = closing + 1 if closing > start else start + 1
            elif tokens.starts[i] == start and tokens.tags[i] == "v":
                start += len(tokens.words[i])
            else:
                return start
