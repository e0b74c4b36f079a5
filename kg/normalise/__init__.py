"""normalise stage: raw article text → clean simplified text with an exact offset map back to the raw text.

Steps, each an edit of a :class:`~kg.normalise.mapped.MappedText` (so ``offsets`` stay exact), each linear:
characters (illegal ones out, width folded) → pinyin glosses out → traditional → simplified (only if the
text is traditional) → page boilerplate out → credits out → line breaks joined or kept as paragraphs.
Headline and event date are then read from the clean text; the source line (来源：…) and
the masthead from the page.
"""

from __future__ import annotations

from kg.model import CleanDocument, Document
from kg.normalise.boilerplate import strip_boilerplate
from kg.normalise.lines import tidy_lines
from kg.normalise.mapped import MappedText
from kg.normalise.metadata import (
    event_date,
    extract_credits,
    find_headline,
    lead,
    masthead,
    publication_date,
    publisher,
    source_line,
)
from kg.normalise.pinyin import remove_glosses
from kg.normalise.script import clean_characters, to_simplified

__all__ = ["normalise", "MappedText"]


def normalise(document: Document) -> CleanDocument:
    text = remove_glosses(clean_characters(MappedText.of(document.raw)))
    text, traditional = to_simplified(text)
    source = source_line(text.text)  # read before the boilerplate that holds it goes
    text, page_text, page_header = strip_boilerplate(text)
    text, credits = extract_credits(text)
    text = tidy_lines(text)
    headline = _meta_title(document) or find_headline(text.text)
    published = publication_date(document.meta, document.source, page_text)
    return CleanDocument(
        document=document,
        text=text.text,
        offsets=text.offsets,
        headline=headline,
        date=event_date(text.text, headline, published),
        published=published.isoformat() if published else None,
        url=document.meta.get("url") or None,
        publisher=publisher(document.meta, source),
        lead=lead(text.text),
        credits=credits,
        traditional=traditional,
        source_line=source,
        masthead=masthead(page_header),
    )


def _meta_title(document: Document) -> str | None:
    """A title given by the JSONL record or the HTML page, cleaned like the text."""
    title = document.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    text, _ = to_simplified(remove_glosses(clean_characters(MappedText.of(title))))
    return tidy_lines(text).text.replace("\n", " ") or None
