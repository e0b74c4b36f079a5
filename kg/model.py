"""Records that flow between the pipeline stages.

Everything a document contributes to the graph is carried by one :class:`DocumentResult`, a plain,
JSON-serialisable record: that is what the cache stores, what worker processes send back, and what the
resolver merges. Entities are keyed inside a document by ``(kind, name)``; the resolver turns keys into
graph nodes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any

# Entity kinds. Places carry their administrative level in ``attrs["level"]``.
OFFICIAL = "official"
PERSON = "person"
ORGANIZATION = "organization"
PLACE = "place"
PROJECT = "project"
ENTITY_KINDS = (OFFICIAL, PERSON, ORGANIZATION, PLACE, PROJECT)

# Place levels, from the top of the hierarchy down; a zone (经开区, 高新区) sits inside a city or county.
PLACE_LEVELS = ("province", "city", "county", "town", "village", "zone")

# Relation predicates between entities (local names of the kg: vocabulary).
INSPECTED = "inspected"
LOCATED_IN = "locatedIn"
PART_OF = "partOf"
OPERATED_BY = "operatedBy"
ATTENDED = "attended"
ACCOMPANIED = "accompanied"
VISITED = "visited"  # Official → Organization whose premises they were at


@dataclass
class Document:
    """One article as read from its source, before any cleaning."""

    doc_id: str  # content hash of the raw text: the same article read twice is one document
    source: str  # path, path:line for JSONL, or "<stdin>"
    raw: str
    meta: dict[str, Any] = field(default_factory=dict)  # url, title, date, source from JSONL or HTML


@dataclass
class CleanDocument:
    """A document after normalisation: clean simplified text and the way back to the raw text."""

    document: Document
    text: str  # clean, simplified, boilerplate-free body text
    offsets: list[int]  # offsets[i] = raw-text offset of clean character i; len(offsets) == len(text) + 1
    headline: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd, or --mm-dd when the year is unknown
    published: str | None = None  # ISO publication date, from the record, the file name or the page
    url: str | None = None  # the article's address, from the JSONL record or the HTML page
    publisher: str | None = None  # the name of the source, where the record or the page says it (来源：…)
    lead: str | None = None  # the opening of the first sentence: what names an article that has no headline
    credits: list[str] = field(default_factory=list)  # reporters and photographers (记者 李雪峰, 张燕伟摄)
    traditional: bool = False  # the raw text was traditional script and was converted
    source_line: str | None = None  # the page's source (来源：某县融媒体中心): may tell the home place
    masthead: tuple[str, ...] = ()  # names on the page's first furniture lines (某市人民政府): may tell it too

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-text offsets of the clean-text span [start, end)."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class Evidence:
    """Where a fact or mention was read: the sentence and its character offsets in the raw text."""

    doc_id: str
    sentence: str
    start: int  # raw-text offsets of the mention (or of the sentence, for facts)
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EntityRecord:
    """One entity as seen in one document."""

    kind: str
    name: str  # canonical simplified name
    aliases: list[str] = field(default_factory=list)  # other surface forms seen in the text
    attrs: dict[str, Any] = field(default_factory=dict)  # titles, level, adcode, ancestors, investment…
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.name)


@dataclass
class Fact:
    """A relation between two entities of one document, or an attribute with a literal value."""

    subject: tuple[str, str]  # (kind, name)
    predicate: str
    object: tuple[str, str] | str | float  # entity key, or literal
    confidence: float
    evidence: Evidence | None = None


@dataclass
class Inspection:
    """One visit: who went, which project sites, when, and the sentences that say so."""

    inspectors: list[str]  # official names
    sites: list[str]  # project names
    date: str | None  # ISO date, or --MM-DD when the year is unknown
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class DocumentResult:
    """Everything one document contributes to the graph."""

    doc_id: str
    source: str
    headline: str | None = None
    date: str | None = None  # of the event the article reports
    home_place: str | None = None
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    lead: str | None = None
    entities: list[EntityRecord] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    inspections: list[Inspection] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False)``, without building that dict: ``asdict`` deep-copies
        every value, which made it 60 % of the time a result took to be cached. The encoder walks the lists,
        dicts and strings itself and asks only for each record's fields."""
        return json.dumps(self, ensure_ascii=False, default=_fields_of)

    @classmethod
    def from_json(cls, text: str) -> DocumentResult:
        """The result :meth:`to_json` wrote."""
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        def evidence(item: dict | None) -> Evidence | None:
            return Evidence(**item) if item else None

        def key_or_literal(value: Any) -> Any:
            return tuple(value) if isinstance(value, list) else value

        return cls(
            doc_id=data["doc_id"],
            source=data["source"],
            headline=data.get("headline"),
            date=data.get("date"),
            home_place=data.get("home_place"),
            published=data.get("published"),
            url=data.get("url"),
            publisher=data.get("publisher"),
            lead=data.get("lead"),
            entities=[
                EntityRecord(
                    kind=e["kind"],
                    name=e["name"],
                    aliases=list(e.get("aliases", [])),
                    attrs=dict(e.get("attrs", {})),
                    evidence=[Evidence(**x) for x in e.get("evidence", [])],
                )
                for e in data.get("entities", [])
            ],
            facts=[
                Fact(
                    subject=tuple(f["subject"]),
                    predicate=f["predicate"],
                    object=key_or_literal(f["object"]),
                    confidence=f["confidence"],
                    evidence=evidence(f.get("evidence")),
                )
                for f in data.get("facts", [])
            ],
            inspections=[
                Inspection(
                    inspectors=list(i["inspectors"]),
                    sites=list(i["sites"]),
                    date=i.get("date"),
                    evidence=[Evidence(**x) for x in i.get("evidence", [])],
                )
                for i in data.get("inspections", [])
            ],
        )


def _fields_of(record: Any) -> dict[str, Any]:
    """A record's fields by name, in their order (as ``asdict`` lists them), for the JSON encoder."""
    if not is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"{type(record).__name__} is not JSON serialisable")
    return {name: getattr(record, name) for name in _field_names(type(record))}


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


@dataclass
class Failure:
    """An input that could not be read or processed; the build goes on without it."""

    source: str
    stage: str  # ingest, normalise, nlp, …
    error: str  # one line, for people
