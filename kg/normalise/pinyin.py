"""Pinyin glosses glued into words (``書(shū)記``, ``點（diǎn）``) and their mangled forms removed.

Some sites annotate every character with its pinyin; a later re-encoding then breaks part of the glosses
into ``?`` plus the tail of a gloss (``金屬?gòu)U料``, ``日?qǐng)?bào)訊``). Only a parenthesised group that
is one pinyin syllable glued to a Han character (or to such a ``?``) is removed, so real parenthesised
content (``(记者 李雪峰)``, ``(2024)``, ``(大同)``, ``(PACK)``) stays.
"""

from __future__ import annotations

import re

from kg.normalise.mapped import MappedText

_VOWELS = "aeiouüvêāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One syllable: optional initial, a vowel cluster, optional nasal or r coda (lower case: a gloss never starts
# a sentence, and capitals would catch acronyms such as PACK).
SYLLABLE = rf"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[{_VOWELS}]{{1,4}}(?:ng|n|r)?"
OPEN, CLOSE = "[(（]", "[)）]"
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
# an opening parenthesis glued to a Han character, to a ``?``, or to a stray byte shown as a letter
# (``企業`` → ``髽I(yè)``); the parenthesis comes first so that the regex engine scans for it quickly
GLUED_OPEN = rf"{OPEN}(?:(?<={HAN}{OPEN})|(?<=\?{OPEN})|(?<={HAN}[A-Za-z]{OPEN}))"

GLOSS = re.compile(rf"{GLUED_OPEN}{SYLLABLE}{CLOSE}")
# the opening parenthesis and the Han character eaten by a bad re-encoding: ``?gòu)``
BROKEN_GLOSS = re.compile(rf"\?+{SYLLABLE}{CLOSE}")
# an excerpt cut inside a gloss: ``責(z`` at the very end
CUT_GLOSS = re.compile(rf"{GLUED_OPEN}[a-z{_VOWELS}]{{0,6}}\s*\Z")


def remove_glosses(text: MappedText) -> MappedText:
    return text.sub(BROKEN_GLOSS, "").sub(GLOSS, "").sub(CUT_GLOSS, "")
