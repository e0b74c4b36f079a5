"""A spacy-pkuseg user dictionary made from our lexicons and the gazetteer.

For users who switch the tokenizer to spaCy's pkuseg segmenter (their own pkuseg model; none can be
downloaded here): the dictionary keeps place names, posts, project heads and visit verbs whole, which the
entity components rely on. Write it, then point the config at it:

    python -m kg.nlp.pkuseg_dictionary kg-user-dict.txt

    [nlp.tokenizer]
    @tokenizers = "spacy.zh.ChineseTokenizer"
    segmenter = "pkuseg"

    [initialize.tokenizer]
    pkuseg_model = "/path/to/pkuseg/model"
    pkuseg_user_dict = "kg-user-dict.txt"
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.lexicon import read_words
from kg.nlp.gazetteer import gazetteer

LEXICONS = Path(__file__).with_name("lexicons")
# Lexicons whose entries are words the segmenter should keep whole.
WORD_LEXICONS = ("titles_posts", "titles_collective", "visit_verbs", "project_heads", "project_facilities",
                 "org_suffixes", "institutions")
PLACE_LEVELS = ("province", "city", "county", "town")  # villages repeat across China: left to the text


def user_dictionary_words() -> list[str]:
    """Sorted, distinct words of two characters or more: lexicon entries and place names (full and short)."""
    words = {word for name in WORD_LEXICONS for word in read_words(LEXICONS / f"{name}.txt")}
    for place in gazetteer().places:
        if place.level in PLACE_LEVELS:
            words.add(place.name)
            if place.short:
                words.add(place.short)
    return sorted(word for word in words if len(word) >= 2 and not any(ch.isspace() for ch in word))


def write_user_dictionary(path: str | Path) -> int:
    """Write the dictionary (one word a line, pkuseg's format); return the number of words."""
    words = user_dictionary_words()
    Path(path).write_text("\n".join(words) + "\n", encoding="utf-8")
    return len(words)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m kg.nlp.pkuseg_dictionary OUTPUT_FILE")
    print(f"{write_user_dictionary(sys.argv[1]):,} words written to {sys.argv[1]}")
