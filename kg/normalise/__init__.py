"""normalise stage: raw article text → clean simplified text with an offset map back to the raw text."""

from __future__ import annotations

from kg.model import CleanDocument, Document


def normalise(document: Document) -> CleanDocument:
    text = document.raw
    return CleanDocument(document=document, text=text, offsets=list(range(len(text) + 1)))
