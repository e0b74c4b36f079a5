"""A finished Doc → the :class:`~kg.model.DocumentResult` that the resolver merges across documents."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.model import CleanDocument, DocumentResult, EntityRecord, Evidence
from kg.nlp.extensions import SPAN_GROUPS
from kg.nlp.sentences import sentence_of
from kg.relations.discourse import group_mentions

# span group → entity kind
GROUP_KINDS = {
    "officials": "official",
    "persons": "person",
    "organizations": "organization",
    "places": "place",
    "projects": "project",
}


def evidence_for(doc: Doc, start: int, end: int, clean: CleanDocument | None = None) -> Evidence:
    """Evidence for characters [start, end) of the clean text: the sentence, and raw-text offsets. ``clean``
    is ``doc._.clean``, given by a caller that asks for many (each ``doc._`` costs an object)."""
    clean = clean or doc._.clean
    s_start, s_end = sentence_of(doc, start)
    raw_start, raw_end = clean.raw_span(start, end)
    return Evidence(clean.doc_id, clean.text[s_start:s_end].strip(), raw_start, raw_end)


def document_result(doc: Doc) -> DocumentResult:
    clean = doc._.clean
    entities: dict[tuple[str, str], EntityRecord] = {}
    for group in SPAN_GROUPS:
        kind = GROUP_KINDS[group]
        for mention in group_mentions(doc, group):  # the spans as the relation components read them
            name, written = mention.name, mention.text
            record = entities.get((kind, name))
            if record is None:
                record = entities[(kind, name)] = EntityRecord(kind=kind, name=name)
            _merge_attrs(record.attrs, mention.attrs)
            if written != name and written not in record.aliases:
                record.aliases.append(written)
            record.evidence.append(evidence_for(doc, mention.start, mention.end, clean))
    for credit in clean.credits:
        entities.setdefault(("person", credit), EntityRecord(kind="person", name=credit))
    return DocumentResult(
        doc_id=clean.doc_id,
        source=clean.document.source,
        headline=clean.headline,
        date=clean.date,
        home_place=doc._.home_place,
        entities=list(entities.values()),
        facts=list(doc._.facts or []),
        inspections=list(doc._.inspections or []),
    )


def _merge_attrs(target: dict, new: dict) -> None:
    """Lists are unioned in order; scalars keep the first value seen."""
    for key, value in new.items():
        if isinstance(value, list):
            existing = target.setdefault(key, [])
            if existing != value:  # the same list again (another mention of the entity) adds nothing
                existing.extend(v for v in value if v not in existing)
        else:
            target.setdefault(key, value)
