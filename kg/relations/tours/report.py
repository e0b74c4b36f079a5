"""One report of an article (a section: one 本报讯 of an e-paper page) as the tour readers see it: its text, its
officials, sentences and paragraphs, and whether it tells a tour. The visiting group and the stops are read
from the same report, so it is read once and shared."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from kg.relations.discourse import Mention, clauses, enclosing, paragraphs_within, within
from kg.relations.words import find_any, group_words, words_of
from kg.relations.tours.wording import find_act


@lru_cache(maxsize=1)
def _group_goes_to() -> re.Pattern:
    """After an official's name: 等 perhaps, a group word, then 到/赴 not followed by a number (一行到某镇)."""
    groups = "|".join(map(re.escape, group_words()))
    return re.compile(rf"(?:等人|等)?(?:{groups})(?:到|赴)(?![\d０-９])")


class Report:
    def __init__(self, text: str, start: int, end: int, officials: list[Mention], sents):
        self.text, self.start, self.end = text, start, end
        self.officials = within(officials, start, end)
        first = bisect_left(sents, (start,))
        self.sentences = sents[first : bisect_left(sents, (end,), lo=first)]
        # the officials of each sentence, found once: the group and the stops ask for them sentence by sentence
        self._sentence_officials = {(a, b): within(self.officials, a, b) for a, b in self.sentences}
        self.paragraphs = paragraphs_within(text, start, end)
        self.is_tour = self._first_official_sentence_visits()

    def officials_within(self, start: int, end: int) -> list[Mention]:
        """The report's officials that lie in [start, end): those of a sentence from the index (shared: read
        them, never change them)."""
        found = self._sentence_officials.get((start, end))
        return within(self.officials, start, end) if found is None else found

    def _first_official_sentence_visits(self) -> bool:
        """The report is a tour: its first sentence naming officials visits, or says they take part (参加, 陪同)
        in a visit an earlier sentence told without naming them (委员赴甲、乙视察。主席某某参加。), or its group goes
        somewhere (A一行到某镇)."""
        visit_told = False
        for a, b in self.sentences:
            sentence = self.text[a:b]
            if self.officials_within(a, b):
                taking_part = find_any(sentence, words_of(("attendance_markers", "companion_markers"))) >= 0
                return find_act(sentence, "visit_verbs") >= 0 or (visit_told and taking_part) or self._group_goes(a, b)
            visit_told = visit_told or find_act(sentence, "visit_verbs") >= 0
        return False

    def _group_goes(self, start: int, end: int) -> bool:
        """A等一行到某镇开展评审工作: an official's group (一行) goes somewhere; the report tells its visit even when
        no visit verb names what it does there."""
        return any(_group_goes_to().match(self.text, official.end, end) for official in self.officials_within(start, end))

    def clause_of(self, start: int, end: int, offset: int) -> tuple[int, int]:
        """The clause of the sentence text[start:end] holding ``offset``."""
        return enclosing(clauses(self.text, start, end), offset)
