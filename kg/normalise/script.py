"""Character-level clean-up: illegal characters out, width folded, traditional script converted to simplified."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.normalise.mapped import MappedText

# Characters XML 1.0 forbids (they make GraphML unreadable), zero-width marks, stray BOMs, and U+FFFD left
# by damaged bytes.
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\ufffd\ufffe\uffff\ud800-\udfff]+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A text is traditional when t2s changes at least this share of its Han characters: measured 0.31-0.43 on
# traditional articles, 0-0.002 on simplified ones (only 乾/干-style ambiguities).
TRADITIONAL_SHARE = 0.1
DETECTION_SAMPLE = 20_000


def _width_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # ＡＢＣ１２３！ → ABC123!
    for space in "\u3000\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t":
        table[ord(space)] = " "
    for newline in "\r\u2028\u2029\x85":
        table[ord(newline)] = "\n"
    return table


WIDTH_TABLE = _width_table()
WIDE = re.compile(f"[{''.join(re.escape(chr(code)) for code in sorted(WIDTH_TABLE))}]")


def clean_characters(text: MappedText) -> MappedText:
    """Drop XML-illegal and invisible characters, turn CRLF into LF, fold full-width ASCII and odd spaces."""
    text = text.sub(re.compile(r"\r\n"), "\n").sub(INVISIBLE, "")
    return MappedText(fold_width(text.text), text.offsets)


def fold_width(text: str) -> str:
    """``text.translate(WIDTH_TABLE)``: each of the few table characters that occur replaced in one pass
    (str.translate looks every character up, ~6 times slower; no value of the table is one of its keys)."""
    for char in set(WIDE.findall(text)):
        text = text.replace(char, WIDTH_TABLE[ord(char)])
    return text


@lru_cache(maxsize=1)
def converter():
    """The OpenCC t2s converter, built once per process."""
    import opencc

    return opencc.OpenCC("t2s")


def traditional_share(text: str) -> float:
    """Share of Han characters that t2s would change, measured on the first ``DETECTION_SAMPLE`` characters."""
    sample = text[:DETECTION_SAMPLE]
    changed = changed_characters(sample, _convert_line(sample))
    han = CJK.subn("", sample)[1] if changed else 0  # counted only when needed: t2s leaves most texts as they are
    return changed / han if han else 0.0


def changed_characters(text: str, converted: str) -> int:
    """How many positions of two equally long texts differ; equal halves (most of a simplified text) are
    skipped with one comparison each instead of being compared character by character."""
    if text == converted:
        return 0
    if len(text) <= 64:
        return sum(map(str.__ne__, text, converted))
    middle = len(text) // 2
    return changed_characters(text[:middle], converted[:middle]) + changed_characters(text[middle:], converted[middle:])


def to_simplified(text: MappedText) -> tuple[MappedText, bool]:
    """Traditional text converted to simplified, character for character; simplified text left untouched."""
    if traditional_share(text.text) < TRADITIONAL_SHARE:
        return text, False
    return MappedText("\n".join(_convert_line(line) for line in text.text.split("\n")), text.offsets), True


def _convert_line(line: str) -> str:
    """t2s with phrase context; if a phrase rule changes the length, character by character instead."""
    simple = converter().convert(line)
    if len(simple) != len(line):
        simple = "".join(c if len(c := converter().convert(char)) == 1 else char for char in line)
    return simple
