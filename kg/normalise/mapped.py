"""Text that remembers, for every character, the raw-text offset it came from.

Every normalisation step is an edit of a :class:`MappedText` into a new one, so the offset map stays exact
however many steps run. Edits are applied in one left-to-right pass (linear in the text length).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


class MappedText:
    """``text`` plus ``offsets``: ``offsets[i]`` is the raw offset of ``text[i]``; one sentinel entry at the end."""

    __slots__ = ("text", "offsets")

    def __init__(self, text: str, offsets: list[int]) -> None:
        self.text = text
        self.offsets = offsets

    @classmethod
    def of(cls, raw: str) -> MappedText:
        return cls(raw, list(range(len(raw) + 1)))

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Replace ``text[start:end]`` by ``new`` for sorted, non-overlapping ``(start, end, new)`` triples.

        A replacement character keeps the offset of the replaced character it copies (same length: position by
        position; otherwise the next equal character of the replaced text); a character that copies nothing gets
        the offset of the next replaced character not yet copied, so offsets never decrease.
        """
        text, offsets = self.text, self.offsets
        pieces: list[str] = []
        new_offsets: list[int] = []
        position = 0
        for start, end, new in edits:
            if start < position:
                raise ValueError("edits overlap or are not sorted")
            pieces.append(text[position:start])
            new_offsets.extend(offsets[position:start])
            pieces.append(new)
            new_offsets.extend(_replacement_offsets(text, offsets, start, end, new))
            position = end
        if not pieces:
            return self
        pieces.append(text[position:])
        new_offsets.extend(offsets[position:])
        return MappedText("".join(pieces), new_offsets)

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str]) -> MappedText:
        """Like :func:`re.sub`, keeping the offset map."""
        if callable(repl):
            expand = repl
        elif "\\" in repl:
            expand = lambda match: match.expand(repl)  # noqa: E731
        else:
            expand = lambda match: repl  # noqa: E731
        return self.edit(
            (match.start(), match.end(), new)
            for match in pattern.finditer(self.text)
            if (new := expand(match)) != match.group(0)
        )

    def delete(self, spans: Iterable[tuple[int, int]]) -> MappedText:
        return self.edit((start, end, "") for start, end in spans)


def _replacement_offsets(text: str, offsets: list[int], start: int, end: int, new: str) -> list[int]:
    if not new:
        return []
    if len(new) == end - start:
        return offsets[start:end]
    result = []
    cursor = start
    for char in new:
        found = text.find(char, cursor, end)
        if found < 0:
            result.append(offsets[cursor] if cursor < end else offsets[start])
        else:
            result.append(offsets[found])
            cursor = found + 1
    return result
