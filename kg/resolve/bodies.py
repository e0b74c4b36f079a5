"""Government bodies named by their level word only (市国资委, 县发改局, 省商务厅): one body per place.

News names a local body by the level word of the place it serves, meaning the place the article is about:
市国资委 in articles about two cities are two bodies. Such a body's node id carries that place (the
article's home place or the place of that level above it, else the place of that level the article names
most), and the body gets the qualified name (某某市国资委) as an alias; its label stays the name as written.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kg.lexicon import read_lines

LEXICONS = Path(__file__).resolve().parents[1] / "nlp" / "lexicons"


@cache
def _government_suffixes() -> tuple[str, ...]:
    """The suffixes of government bodies (局, 国资委, 厅…): rule ``government`` of the org_suffixes lexicon."""
    rows = [line.split("\t") for line in read_lines(LEXICONS / "org_suffixes.txt")]
    return tuple(row[0] for row in rows if row[1:] == ["government"])


@cache
def _level_suffixes() -> tuple[tuple[str, str], ...]:
    """(level word, suffix of a place of that level), longest level word first (自治州 → 州)."""
    rows = [tuple(line.split("\t")) for line in read_lines(LEXICONS / "titles_levels.txt")]
    return tuple(sorted(rows, key=lambda row: (-len(row[0]), row[0])))


def body_level(name: str) -> str | None:
    """The suffix of the places a body named by its level word serves (市国资委 → 市; 自治州民宗委 → 州);
    None for any other name (a company, or a body whose name holds its place: 某某市国资委)."""
    if not name.endswith(_government_suffixes()):
        return None
    return next((suffix for level, suffix in _level_suffixes()
                 if name.startswith(level) and len(name) > len(level) + 1), None)
