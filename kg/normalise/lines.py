"""Line structure: spaces tidied, hard line breaks inside a sentence or word joined, paragraphs kept as "\\n"."""

from __future__ import annotations

import re

from kg.normalise.mapped import MappedText

SPACE_RUN = re.compile(r" {2,}")
# spaces at a line edge; the look-ahead lets the engine pass any other character at once (it tried both branches)
LINE_EDGE_SPACE = re.compile(r"(?= )(?:^ +| +$)", re.M)
BREAK = re.compile(r"\n[ \n]*")
# a line ending with one of these ends its paragraph
PARAGRAPH_END = set("。!?…;:”’」』)]】》\"'")
# a line with one of these is running prose, so a break that does not follow PARAGRAPH_END is a hard wrap;
# title lines have none and keep their breaks
PROSE = re.compile(r"[,。;]")
BULLET = "•·▲■▼◆●★☆►◇□"
LEADING_BULLET = re.compile(rf"^[{BULLET}]+ ?", re.M)
HAN = re.compile(r"[\u3400-\u9fff]")
# doubled punctuation of scraped pages (",," ",、" ",。"): the strongest mark of the run is kept
PUNCTUATION_RUN = re.compile(r"[,、;。]{2,}")
PUNCTUATION_STRENGTH = ",、;。"


def tidy_lines(text: MappedText) -> MappedText:
    text = text.sub(SPACE_RUN, " ").sub(LINE_EDGE_SPACE, "")
    text = text.sub(PUNCTUATION_RUN, lambda match: max(match.group(0), key=PUNCTUATION_STRENGTH.index))
    text = text.edit(_breaks(text.text))
    return text.sub(LEADING_BULLET, "")


def _breaks(text: str):
    """Edits for every run of line breaks: removed (hard wrap, text edges) or reduced to one "\n"."""
    line_start = 0
    in_prose = False  # the paragraph so far, across joined wraps, is running prose
    for match in BREAK.finditer(text):
        start, end = match.span()
        line = text[line_start:start]
        line_start = end
        in_prose = in_prose or PROSE.search(line) is not None
        if start == 0 or end == len(text):
            yield start, end, ""
        elif in_prose and _is_wrapped(line, text[end]):
            yield start, end, "" if HAN.match(line[-1]) or HAN.match(text[end]) else " "
            continue
        elif end - start > 1:
            yield start, end, "\n"
        in_prose = False


def _is_wrapped(line: str, next_char: str) -> bool:
    return line[-1] not in PARAGRAPH_END and line[0] not in BULLET and next_char not in BULLET
