"""kg_persons: named people who are not officials (company heads, experts, reporters, photographers).

A person is read where the text says who they are: a role before or after the name (董事长孟祥雷,
周振华董事长, 记者 李雪峰), a company post (集团专委会主任赵建群), a photo or article credit (张燕伟摄, (郭赟),
a line holding only names). A name found so is then tagged at every mention in the document. Officials are
persons too, but they live in ``doc.spans["officials"]`` only.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import alternation
from kg.nlp.extensions import value_of
from kg.nlp.officials import DELIMITERS, LISTED, TITLED, NameReader, TitleReader, read_lexicon, without_overlaps
from kg.nlp.spans import add_span, text_of

# A credit in brackets at the end of a paragraph or caption: (郭赟), (刘毅 孙德明)
BRACKETED = re.compile(r"[（(]([^（）()\n]{2,24})[)）]")
CREDIT_PIECE = re.compile(r"[^\s、，,]+")  # one name of a credit line
PHOTO_CREDIT = "摄"
# A two-character name padded with a space to the width of three (记者 张 丹), as credits often print it
PADDED_NAME = re.compile(r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff](?=[\s)）、，,]|$)")
SENTENCE_START = re.compile(r"(?:^|[。！？!?\n])[ \t\u3000]*")  # where a sentence opens, spaces after


@Language.factory("kg_persons")
class PersonsRecognizer:
    """Adds ``doc.spans["persons"]``: one span per mention, attrs ``role`` when the text gives one."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.names = NameReader()
        self.titles = TitleReader(self.names)
        self.role_before = re.compile(f"(?:{alternation(read_lexicon('person_roles'))})[\\s:：]*")
        self.role_after = re.compile(alternation(read_lexicon("person_roles")))
        self.taking_part = read_lexicon("person_taking_part")

    def __call__(self, doc: Doc) -> Doc:
        tokens = self.names.tokens(doc)
        officials = {value_of(span, "canonical") or span.text for span in doc.spans.get("officials", [])}
        taken = {i for span in doc.spans.get("officials", []) for i in range(span.start_char, span.end_char)}
        introduced = [(start, end, compact(text_of(doc)[start:end]), role) for start, end, role in self.read(doc, tokens)]
        roles: dict[str, str | None] = {}
        for _, _, name, role in introduced:
            if name not in officials and roles.get(name) is None:
                roles[name] = role
        found = {(s, e, n) for s, e, n in self.names.mentions(doc, roles, tokens)}
        found |= {(s, e, name) for s, e, name, _ in introduced if name in roles}
        for start, end, name in without_overlaps(found):
            if taken.intersection(range(start, end)):
                continue
            role = roles[name]
            add_span(doc, "persons", start, end, "PERSON", name, **({"role": role} if role else {}))
        return doc

    def read(self, doc: Doc, tokens) -> list[tuple[int, int, str | None]]:
        """(start, end, role) of every name the text introduces as a person."""
        text = text_of(doc)
        found: list[tuple[int, int, str | None]] = []
        for match in self.role_before.finditer(text):
            role = match.group().strip(" \t:：")
            found.extend((s, e, role) for s, e in self.listed_names(text, match.end(), tokens))
        for start, (end, tag) in tokens.items():
            if tag != "PER":
                continue
            role = self.role_after.match(text, end)
            if role and self.names.plausible(text, start, end, tokens):
                found.append((start, end, role.group()))
            elif text.startswith(PHOTO_CREDIT, end) and (start == 0 or text[start - 1] in DELIMITERS):
                found.append((start, end, "摄影"))
        for item in self.titles.read(doc, tokens):
            if not item.government:
                found.append((item.start, item.end, item.titles[-1]))
        found.extend((s, e, None) for s, e in self.names_taking_part(text, tokens))
        for match in BRACKETED.finditer(text):
            found.extend((s, e, None) for s, e in self.credit_names(text, match.start(1), match.end(1), tokens))
        offset = 0
        for line in text.splitlines(keepends=True):
            found.extend((s, e, None) for s, e in self.credit_names(text, offset, offset + len(line), tokens))
            offset += len(line)
        return found

    def listed_names(self, text: str, start: int, tokens) -> list[tuple[int, int]]:
        """Names after a role, separated by spaces or 、 (全媒体记者 吴思远 陈立群)."""
        names = []
        end = self.name_or_padded_at(text, start, tokens, TITLED)
        while end is not None:
            names.append((start, end))
            separator = re.match(r"[ \t\u3000、]+", text[end:end + 3])
            if separator is None:
                break
            start = end + separator.end()
            end = self.name_or_padded_at(text, start, tokens, LISTED)
        return names

    def names_taking_part(self, text: str, tokens) -> list[tuple[int, int]]:
        """陈某、张某参加调研。: the names a sentence opens with, 、 between them, going straight on to take part
        in the visit or accompany it (参加, 陪同); no title, yet the text says who they are."""
        found = []
        for opening in SENTENCE_START.finditer(text):
            names, start = [], opening.end()
            end = self.names.name_at(text, start, tokens)
            while end is not None:
                names.append((start, end))
                if not text.startswith("、", end):
                    break
                start = end + 1
                end = self.names.name_at(text, start, tokens, LISTED)
            if names and text.startswith(self.taking_part, names[-1][1]):
                found.extend(names)
        return found

    def name_or_padded_at(self, text: str, start: int, tokens, context: str) -> int | None:
        """End of the name at ``start``: one the name rules read, else a two-character name with a surname
        padded by a space (姜 璐)."""
        end = self.names.name_at(text, start, tokens, context)
        padded = PADDED_NAME.match(text, start)
        if end is None and padded and self.names.has_surname(text[start]):
            return padded.end()
        return end

    def credit_names(self, text: str, start: int, end: int, tokens) -> list[tuple[int, int]]:
        """The names of text[start:end] when it holds nothing but one to four names LAC tagged PER."""
        pieces = [m.span() for m in CREDIT_PIECE.finditer(text, start, end)]
        if not 1 <= len(pieces) <= 4:
            return []
        for a, b in pieces:
            token = tokens.get(a)
            if token is None or token != (b, "PER") or not self.names.plausible(text, a, b, tokens):
                return []
        return pieces


def compact(name: str) -> str:
    """A name without the spaces that pad it (张 丹 → 张丹)."""
    return re.sub(r"\s", "", name)
