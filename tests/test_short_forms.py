"""The search for a short form's pieces in a longer core gives up as soon as no piece can start, and answers as
the search written first, on strings made up for these tests."""

from __future__ import annotations

import random

import pytest

from kg.nlp.projects.generic import MIN_SPECIFIC
from kg.nlp.projects.short_forms import MAX_GAP, MAX_PIECES, _in_pieces


def first_in_pieces(core: str, longer: str) -> bool:
    """_in_pieces as first written: at each step the longest piece of ``core`` found from the cursor on."""
    position, cursor, gaps = 0, 0, 0
    for _ in range(MAX_PIECES):
        lengths = [n for n in range(MIN_SPECIFIC, len(core) - position + 1) if core[position : position + n] in longer[cursor:]]
        if not lengths:
            return False
        piece = core[position : position + lengths[-1]]
        found = longer.index(piece, cursor)
        if position:
            gaps += found - cursor
        cursor, position = found + len(piece), position + len(piece)
        if position == len(core):
            return gaps <= MAX_GAP
    return False


@pytest.mark.parametrize("seed", range(40))
def test_in_pieces_as_first_written(seed):
    rng = random.Random(seed)
    alphabet = "中能光热塔式50MW" if seed % 2 else "甲乙丙"
    for _ in range(200):
        longer = "".join(rng.choices(alphabet, k=rng.randint(0, 14)))
        if longer and rng.random() < 0.5:  # a core made of pieces of the longer one
            cuts = sorted(rng.sample(range(len(longer) + 1), min(4, len(longer) + 1)))
            core = "".join(longer[a:b] for a, b in zip(cuts[::2], cuts[1::2]))
        else:
            core = "".join(rng.choices(alphabet, k=rng.randint(0, 8)))
        assert _in_pieces(core, longer) == first_in_pieces(core, longer), (core, longer)
