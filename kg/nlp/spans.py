"""Spans from character offsets, splitting tokens where an entity boundary falls inside a word.

LAC glues names to the next character (鞠振实 for 鞠振 + 实地, 王明 + 厚): components find entities by
character offsets and need spans exactly there. Splitting only adds token boundaries, so every existing
span keeps its character offsets; span groups are rebuilt from them after each split.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH, TAG
from spacy.tokens import Doc, Span

from kg.nlp.extensions import set_span_values


CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
MAX_CLAUSE = 200  # characters looked back for the start of a clause (a list after 分别是： may be that long)
_TEXT = ("kg", "text")  # doc.user_data keys
_TOKENS = ("kg", "tokens")


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text on each access (12 % of the NLP
    time when every component did), and components only split tokens, which keeps the text."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def clause_bounds(text: str, begin: int, end: int) -> tuple[int, int]:
    """The clause holding [begin, end): from the last clause end before it to the next one."""
    opening = max((m.end() for m in CLAUSE_END.finditer(text, max(0, begin - MAX_CLAUSE), begin)), default=0)
    closing = CLAUSE_END.search(text, end)
    return opening, closing.start() if closing else len(text)


def with_text(doc: Doc, text: str) -> Doc:
    """``doc``, made by a tokenizer from ``text`` with every character kept: :func:`text_of` need not join it."""
    doc.user_data[_TEXT] = text
    return doc


def with_tokens(doc: Doc, words: list[str], tags: list[str]) -> Doc:
    """``doc``, made by a tokenizer from ``words`` joined without spaces and their ``tags``: the token table
    of :func:`tokens_of` comes from the tokenizer's own lists instead of being read back from the Doc."""
    starts = [0, *accumulate(map(len, words))]
    doc.user_data[_TOKENS] = Tokens(starts[:-1], starts[1:], words, tags)
    return doc


class Tokens(NamedTuple):
    """A Doc's tokens as plain lists, by token index."""

    starts: list[int]  # character offsets
    ends: list[int]
    words: list[str]
    tags: list[str]  # LAC tags

    def at(self, char: int) -> int:
        """Index of the token holding character ``char``."""
        return bisect_right(self.starts, char) - 1


def tokens_of(doc: Doc) -> Tokens:
    """The token table of ``doc``, made once per tokenisation: iterating a Doc makes a Token object per step,
    and most components need every token's offsets and tag. :func:`split_at` updates it."""
    table = doc.user_data.get(_TOKENS)
    if table is None:
        text = text_of(doc)
        starts, lengths, tag_ids = doc.to_array([IDX, LENGTH, TAG]).T.tolist()
        ends = [start + length for start, length in zip(starts, lengths)]
        names = {tag: doc.vocab.strings[tag] for tag in set(tag_ids)}
        words = [text[start:end] for start, end in zip(starts, ends)]
        table = doc.user_data[_TOKENS] = Tokens(starts, ends, words, [names[tag] for tag in tag_ids])
    return table


def char_span(doc: Doc, start: int, end: int, label: str = "") -> Span:
    """The span covering characters [start, end) exactly, splitting tokens if needed."""
    span = doc.char_span(start, end, label=label)
    if span is None:
        split_at(doc, {start, end})
        span = doc.char_span(start, end, label=label)
    if span is None:  # only when offsets fall outside the text
        raise ValueError(f"no span at characters {start}-{end} of a {len(doc.text)}-character doc")
    return span


def split_at(doc: Doc, offsets: set[int]) -> None:
    """Make every offset in ``offsets`` a token boundary."""
    if not len(doc):
        return
    table = tokens_of(doc)
    cuts: dict[int, list[int]] = {}
    for offset in sorted(offsets):
        if not 0 < offset < table.ends[-1]:
            continue
        i = table.at(offset)
        if table.starts[i] < offset < table.ends[i]:
            cuts.setdefault(i, []).append(offset - table.starts[i])
    if not cuts:
        return
    saved = {
        name: [(s.start_char, s.end_char, s.label_, s.kb_id_, s.id_) for s in group]
        for name, group in doc.spans.items()
    }
    ents = [(s.start_char, s.end_char, s.label_) for s in doc.ents]
    with doc.retokenize() as retokenizer:
        for i, inner in cuts.items():
            token = doc[i]
            parts = _pieces(table.words[i], inner)
            retokenizer.split(
                token,
                parts,
                heads=[(token, k) for k in range(len(parts))],
                attrs={"TAG": [table.tags[i]] * len(parts)},
            )
    doc.user_data[_TOKENS] = _split_table(table, cuts)
    for name, spans in saved.items():
        doc.spans[name] = [
            doc.char_span(a, b, label=label, kb_id=kb, span_id=sid) for a, b, label, kb, sid in spans
        ]
    if ents:  # the pipeline sets none: setting an empty list went through every token of the Doc at each split
        doc.ents = [doc.char_span(a, b, label=label) for a, b, label in ents]


def _pieces(word: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]


def _split_table(table: Tokens, cuts: dict[int, list[int]]) -> Tokens:
    """The table of the Doc once token i is cut at ``cuts[i]`` (offsets inside it), without remaking it from
    the Doc after every split."""
    starts, ends, words, tags = (list(column) for column in table)
    for i in sorted(cuts, reverse=True):  # from the right: the indices left of a cut stay valid
        start, inner = table.starts[i], cuts[i]
        starts[i : i + 1] = [start, *(start + k for k in inner)]
        ends[i : i + 1] = [*(start + k for k in inner), table.ends[i]]
        words[i : i + 1] = _pieces(table.words[i], inner)
        tags[i : i + 1] = [table.tags[i]] * (len(inner) + 1)
    return Tokens(starts, ends, words, tags)


def add_span(doc: Doc, group: str, start: int, end: int, label: str, canonical: str, **attrs) -> Span:
    """Add an entity span to ``doc.spans[group]`` with its canonical name and attributes."""
    span = char_span(doc, start, end, label)
    set_span_values(doc, start, end, label, canonical=canonical, attrs=dict(attrs))
    if group in doc.spans:
        doc.spans[group].append(span)
    else:
        doc.spans[group] = [span]
    return span
