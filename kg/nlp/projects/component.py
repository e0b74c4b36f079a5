"""The kg_projects component: reads the candidates of every reader, keeps the outermost, drops what names
no project, and writes ``doc.spans["projects"]``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.lexicon import alternation
from kg.nlp.extensions import value_of
from kg.nlp.institutions import listed_among_works
from kg.nlp.projects.boundaries import NameBoundaries
from kg.nlp.projects.generic import GenericWords
from kg.nlp.projects.lists import ListReader
from kg.nlp.projects.not_projects import NotProjects, counted_after, has_noun, in_credit_or_navigation
from kg.nlp.projects.short_forms import resolve_short_forms
from kg.nlp.projects.text import PHASE, Mention, ProjectText, lexicon, overlaps
from kg.nlp.spans import add_span

MAX_NAME_BEFORE_ALIAS = 20  # characters read before a bracket for the head of the name it renames
# A phase after a name (…西区三期, …服饰(二期)), not an issue or a period (第一期, 同期, 近期)
_NAMED_PHASE = re.compile(rf"(?<=[\u3400-\u9fffA-Za-z)）])(?<![第首同近本当上下前后分每])[(（]?[一二三四五六七八九十\d]期[)）]?")


@Language.factory("kg_projects")
class ProjectRecognizer:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.facilities = tuple(lexicon("project_facilities.txt"))
        heads = lexicon("project_heads.txt")
        # a chain of heads (…基地项目), then a phase (…小镇一期, …产业园(二期)); H(?:H)* rather than (?:H)+: a
        # regex opening with the words lets the engine skip to the characters that can start one
        head = alternation(heads + list(self.facilities))
        self.heads = re.compile(rf"(?:{head})(?:{head})*(?:{PHASE})?")
        self.head_at_end = re.compile(rf"(?:{self.heads.pattern})$")
        self.head_modified = tuple(lexicon("project_head_modified.txt"))
        self.zone_heads = tuple(lexicon("project_zone_heads.txt"))
        self.generic = GenericWords()
        self.boundaries = NameBoundaries(self.generic, self.heads)
        self.lists = ListReader(self.boundaries, self.generic, self.facilities)
        self.not_projects = NotProjects(self.zone_heads, self.heads)

    def __call__(self, doc: Doc) -> Doc:
        text = ProjectText(doc, self.zone_heads)
        lists = self.lists
        mentions = _without_overlaps(lists.invested_items(text) + lists.enumerated(text) + lists.colon_lists(text))
        taken = [(m.start, m.end) for m in mentions]
        headed = [m for m in self._headed(text) if not overlaps(m, taken)]
        mentions = sorted(mentions + _outermost(headed), key=lambda m: m.start)
        mentions = sorted(mentions + lists.place_items(text, mentions), key=lambda m: m.start)
        mentions = sorted(mentions + lists.place_prefixed(text, mentions), key=lambda m: m.start)
        mentions = sorted(mentions + lists.list_kin(text, mentions), key=lambda m: m.start)
        mentions = sorted(mentions + lists.listed_bodies(text, mentions), key=lambda m: m.start)
        mentions = [
            m for m in mentions
            if not in_credit_or_navigation(text.text, m) and not counted_after(text.text, m) and not self._bracketed_alias(text.text, m)
            and not (self.not_projects.is_body(text.text, m) and not listed_among_works(text.text, m.start, m.end))
        ]
        hosts = {m.canonical for m in mentions if self.not_projects.hosting_zone(text, m)}
        mentions = [
            m for m in mentions
            if m.canonical not in hosts and not self.not_projects.is_component(text, m)
            and not self.not_projects.prefixes_a_place(text, m)
        ]
        resolve_short_forms(mentions)
        # spaCy keeps a span's extension values by its offsets: a project that is also a place (X小镇) shares
        # the place's canonical name and attributes, which must survive
        places = {(span.start_char, span.end_char): span for span in text.places}
        doc.spans["projects"] = []
        for m in mentions:
            place = places.get((m.start, m.end))
            if place is not None:
                canonical, attrs = value_of(place, "canonical"), value_of(place, "attrs") or {}
            else:
                canonical, attrs = m.canonical, {}
            add_span(doc, "projects", m.start, m.end, "PROJECT", canonical, **attrs, enumerated=m.enumerated)
        return doc

    def _bracketed_alias(self, text: str, m: Mention) -> bool:
        """Whether ``m`` fills a bracket right after a project's name (“X中心项目”(Y创新中心)): another name of
        the same work, not a second one (滨湖物流园(含冷链中心) lists a part; 某公司(某基地) names its work)."""
        if not (text[m.start - 1 : m.start] in ("(", "（") and text[m.end : m.end + 1] in (")", "）")):
            return False
        before = text[max(0, m.start - 1 - MAX_NAME_BEFORE_ALIAS) : m.start - 1].rstrip("”\"")
        return self.head_at_end.search(before) is not None

    def _headed(self, text: ProjectText) -> list[Mention]:
        """Names ending in a head word (…项目, …产业园项目, …小镇一期) or in a phase (…工业园西区三期, …服饰一期:
        a stage of building names what is built)."""
        found = []
        heads = [
            match.span() for match in self.heads.finditer(text.text)
            if not text.text.startswith(self.head_modified, match.end()) and not text.inside_organization(match.end())
        ]
        phases = [(start, end) for start, end in named_phases(text.text) if not self.heads.match(text.text, end)]
        for head_start, end in heads + phases:
            start, aim = self.boundaries.left_edge(text, end, head_start)
            # the mention first: most heads are bare (该项目), and it drops them before the checks of the clause
            mention = self.boundaries.mention(text, start, end, aim, enumerated=False)
            if (
                mention is not None and not self.not_projects.is_title_or_class(text, start, end)
                and not self.not_projects.is_target(text, start) and has_noun(text, start, head_start, end)
            ):
                found.append(mention)
        return found


def named_phases(text: str) -> list[tuple[int, int]]:
    """The spans ``_NAMED_PHASE.finditer`` finds, tried only where a 期 is one or two characters on: a regex
    opening with a lookbehind is tried at every character of the text."""
    spans: list[tuple[int, int]] = []
    phase = text.find("期")
    while phase >= 0:
        for start in (phase - 2, phase - 1):  # 期 follows a numeral, after an opening bracket or not
            if start >= (spans[-1][1] if spans else 0) and (match := _NAMED_PHASE.match(text, start)):
                spans.append(match.span())
                break
        phase = text.find("期", phase + 1)
    return spans


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """First found wins (items named by their investment, then shared-head lists, then colon lists)."""
    kept: list[Mention] = []
    for m in mentions:
        if not overlaps(m, [(k.start, k.end) for k in kept]):
            kept.append(m)
    return kept


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """Drop candidates inside longer ones (…基地 inside …基地项目)."""
    by_length = sorted(mentions, key=lambda m: m.end - m.start, reverse=True)
    kept: list[Mention] = []
    for m in by_length:
        if not any(k.start <= m.start and m.end <= k.end for k in kept):
            kept.append(m)
    return kept
