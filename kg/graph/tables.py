"""The tables analysts open first, made from the graph's sorted quads and its networkx view (both already
made for the other files): rows of plain values that pandas, Stata or a spreadsheet read as they are.

- documents: one row per article: id, headline, event date, publication date, URL, publisher, source path;
- inspections: one row per official × project × visit (the unit of work on leaders' inspection tours): the
  date, the official and the posts the article gives them, the project, its place up to the province with
  the adcode, its size and operator, the article and the sentence it was read from;
- careers: one row per person × post, the layout of political-elite databases such as CPED (person, post,
  organ, role, jurisdiction, admin code, first and last date seen, documents), so that rows join with them.

Like the networkx view, the quads are read one subject at a time (every quad of a subject is contiguous in
sorted N-Quads order): memory grows with the documents, visits and posts, not with the quads. Rows come in a
fixed order, so the same graph gives the same tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from sys import intern
from typing import Any

import pyoxigraph as ox

from kg.graph import KG, PREFIXES, local_id
from kg.graph.sorted_quads import by_subject
from kg.resolve.labels import post_organ

DOCUMENT_COLUMNS = ("document", "label", "headline", "date", "published", "url", "publisher", "source")
INSPECTION_COLUMNS = ("date", "official", "titles", "project", "place", "county", "city", "province", "adcode",
                      "investment", "capacity", "operator", "document", "headline", "url", "evidence",
                      "confidence", "official_id", "project_id", "place_id", "inspection")
CAREER_COLUMNS = ("person", "post", "organ", "role", "jurisdiction", "adcode", "first_date", "last_date", "documents",
                  "person_id", "jurisdiction_id")
# Place levels, from the project's place up, that get a column of their own in inspections.
PLACE_LEVEL_COLUMNS = ("county", "city", "province")

_RDF, _RDFS, _ORG, _PROV = (PREFIXES[p] for p in ("rdf", "rdfs", "org", "prov"))
_TYPE, _LABEL, _SUBJECT, _OBJECT, _PREDICATE = (_RDF + "type", _RDFS + "label", _RDF + "subject", _RDF + "object",
                                                _RDF + "predicate")
_DERIVED_FROM = _PROV + "wasDerivedFrom"
_INSPECTION, _ASSERTION, _MEMBERSHIP, _POST = str(KG.Inspection), str(KG.Assertion), _ORG + "Membership", _ORG + "Post"
_INSPECTED = str(KG.inspected)
_ROLE_CLASS, _MEMBER, _ROLE = _ORG + "Role", _ORG + "member", _ORG + "role"
_DOC_ID, _DATE, _EVIDENCE, _INSPECTOR, _SITE, _POST_OF, _JURISDICTION, _CONFIDENCE = (str(KG[name]) for name in (
    "docId", "date", "evidence", "inspector", "site", "post", "jurisdiction", "confidence"))
# The classes of the subjects the tables read besides documents (most subjects are entities, read by the view).
_TABLE_CLASSES = frozenset({_INSPECTION, _MEMBERSHIP, _POST, _ROLE_CLASS, _ASSERTION})
_DOCUMENT_FIELDS = {str(KG[name]): column for name, column in (
    ("docId", "document"), ("headline", "headline"), ("date", "date"), ("published", "published"),
    ("url", "url"), ("publisher", "publisher"), ("source", "source"))}
_DOCUMENT_FIELDS[_LABEL] = "label"  # the headline, else the opening of the first sentence


@dataclass
class Tables:
    """The rows of documents.csv, inspections.csv and careers.csv (dicts keyed by their columns)."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    inspections: list[dict[str, Any]] = field(default_factory=list)
    careers: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class TableRecords:
    """What the tables need of the quads, by IRI: documents, visits, memberships, post labels, and the
    evidence of each kg:inspected assertion (official, project, document). Gathered one subject at a time
    (:meth:`add`), so that the pass over the quads that makes the networkx view can gather it too."""

    documents: dict[str, dict[str, str]] = field(default_factory=dict)
    inspections: dict[str, dict[str, Any]] = field(default_factory=dict)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # posts and roles
    jurisdictions: dict[str, str] = field(default_factory=dict)  # post → place
    inspected: dict[tuple[str, str, str], tuple[str, float]] = field(default_factory=dict)

    def add(self, s: str, objects: dict[str, list[ox.Term]]) -> None:
        """Read the subject ``s`` with its objects by predicate (as :func:`by_subject` gives them)."""
        types = {term.value for term in objects.get(_TYPE, ())}
        if _DOC_ID not in objects and _TABLE_CLASSES.isdisjoint(types):
            return

        def first(predicate: str) -> str | None:
            """The smallest value of ``predicate``, interned: the IRIs, dates and sentences kept here recur
            across subjects, and the view holds many of them too."""
            terms = objects.get(predicate)
            return intern(min(term.value for term in terms)) if terms else None

        if _DOC_ID in objects:
            self.documents[intern(s)] = {column: first(p) for p, column in _DOCUMENT_FIELDS.items() if p in objects}
        if _INSPECTION in types:
            self.inspections[s] = {
                "document": first(_DERIVED_FROM), "date": first(_DATE),
                "evidence": sorted({intern(term.value) for term in objects.get(_EVIDENCE, ())}),
                "inspectors": sorted({intern(term.value) for term in objects.get(_INSPECTOR, ())}),
                "sites": sorted({intern(term.value) for term in objects.get(_SITE, ())}),
            }
        if _MEMBERSHIP in types:
            self.memberships.append({"member": first(_MEMBER), "post": first(_POST_OF), "role": first(_ROLE),
                                     "date": first(_DATE), "document": first(_DERIVED_FROM)})
        if _POST in types or _ROLE_CLASS in types:
            self.labels[intern(s)] = first(_LABEL) or ""
            if _POST in types and _JURISDICTION in objects:
                self.jurisdictions[s] = first(_JURISDICTION)
        if _ASSERTION in types and first(_PREDICATE) == _INSPECTED and _DERIVED_FROM in objects:
            key = (first(_SUBJECT), first(_OBJECT), first(_DERIVED_FROM))
            evidence = first(_EVIDENCE) or ""
            confidence = float(first(_CONFIDENCE)) if _CONFIDENCE in objects else 0.0
            if key not in self.inspected or confidence > self.inspected[key][1]:
                self.inspected[key] = (evidence, confidence)

    def tables(self, view) -> Tables:
        """The three tables of the subjects added, ``view`` being the networkx view of the same graph."""
        return Tables(_document_rows(self), _inspection_rows(self, view), _career_rows(self, view))


def tables_of(quads: Iterable[ox.Quad], view) -> Tables:
    """The three tables of the graph whose sorted quads are ``quads`` and networkx view is ``view``."""
    records = TableRecords()
    for subject, objects in by_subject(quads):
        records.add(subject, objects)
    return records.tables(view)


def _document_rows(records: TableRecords) -> list[dict[str, Any]]:
    """One row per document; ``label`` (the headline, else the opening of the first sentence) too."""
    return sorted(records.documents.values(), key=lambda row: (row.get("date") or "", row["document"]))


def _inspection_rows(records: TableRecords, view) -> list[dict[str, Any]]:
    titles: dict[tuple[str, str], set[str]] = {}  # (official IRI, document IRI) → the post labels it has there
    for membership in records.memberships:
        if membership["post"] in records.labels and membership["document"]:
            titles.setdefault((membership["member"], membership["document"]), set()).add(
                records.labels[membership["post"]])
    rows = []
    columns: dict[str, dict[str, Any]] = {}  # project id → its columns: a project is in several rows
    places: dict[str | None, dict[str, Any]] = {}  # place id → its columns
    for iri, visit in records.inspections.items():
        document = records.documents.get(visit["document"], {})
        inspection = local_id(iri).removeprefix("inspection/")
        for official in visit["inspectors"]:
            official_id = intern(local_id(official))  # the view's node id: one string for every row
            for project in visit["sites"]:
                project_id = intern(local_id(project))
                if project_id not in columns:
                    columns[project_id] = _project_columns(view, project_id, places)
                evidence, confidence = records.inspected.get((official, project, visit["document"]),
                                                             (" ".join(visit["evidence"]), None))
                rows.append({
                    "date": visit["date"] or document.get("date"),
                    "official": _label(view, official_id),
                    "titles": sorted(titles.get((official, visit["document"]), ())),
                    "project": _label(view, project_id),
                    **columns[project_id],
                    "document": document.get("document"),
                    "headline": document.get("headline") or document.get("label"),
                    "url": document.get("url"), "evidence": evidence, "confidence": confidence,
                    "official_id": official_id, "project_id": project_id,
                    "inspection": inspection,
                })
    return sorted(rows, key=lambda row: (row["date"] or "", row["document"] or "", row["official"],
                                         row["project"], row["inspection"]))


def _project_columns(view, project_id: str, places: dict[str | None, dict[str, Any]]) -> dict[str, Any]:
    """The project's place and the places above it by level, the nearest adcode, size and operator;
    ``places`` holds the columns of each place already worked out (many projects share a place)."""
    data = view.nodes[project_id] if project_id in view else {}
    place_id = _targets(view, project_id, "locatedIn")
    place_id = place_id[0] if place_id else None
    if place_id not in places:
        places[place_id] = _place_columns(view, place_id)
    return {
        **places[place_id],
        "investment": data.get("investment"), "capacity": data.get("capacity"),
        "operator": sorted(_label(view, o) for o in _targets(view, project_id, "operatedBy")),
        "place_id": place_id,
    }


def _place_columns(view, place_id: str | None) -> dict[str, Any]:
    """A place, the places above it by level and the nearest adcode (all None for no place)."""
    chain = place_chain(view, place_id) if place_id else []
    levels = {view.nodes[p].get("level"): view.nodes[p].get("label") for p in chain}
    return {
        "place": _label(view, place_id) if place_id else None,
        **{level: levels.get(level) for level in PLACE_LEVEL_COLUMNS},
        "adcode": next((view.nodes[p]["adcode"] for p in chain if view.nodes[p].get("adcode")), None),
    }


def _targets(view, node: str, relation: str) -> list[str]:
    if node not in view:
        return []
    return sorted({v for _, v, name in view.out_edges(node, data="relation") if name == relation})


def place_chain(view, place: str) -> list[str]:
    """The place and its ancestors by kg:partOf, bottom up (the first parent at each step)."""
    chain = [place]
    while len(chain) < 8:
        parents = [p for p in _targets(view, chain[-1], "partOf") if p not in chain]
        if not parents:
            break
        chain.append(parents[0])
    return chain


def _label(view, node_id: str) -> str:
    return view.nodes[node_id].get("label", node_id) if node_id in view else node_id.rsplit("/", 1)[-1]


def _career_rows(records: TableRecords, view) -> list[dict[str, Any]]:
    held: dict[tuple[str, str], dict[str, Any]] = {}  # (person IRI, post IRI) → row
    organs: dict[tuple[str | None, str | None], str | None] = {}  # (role, place) → the organ: posts share them
    for membership in records.memberships:
        member, post = membership["member"], membership["post"]
        if not member or post not in records.labels:
            continue
        row = held.get((member, post))
        if row is None:
            person_id = local_id(member)
            jurisdiction = records.jurisdictions.get(post)
            jurisdiction_id = local_id(jurisdiction) if jurisdiction else None
            role = records.labels.get(membership["role"])
            place = _label(view, jurisdiction_id) if jurisdiction_id else None
            if (role, place) not in organs:
                organs[role, place] = post_organ(role, place) if role else None
            row = held[(member, post)] = {
                "person": _label(view, person_id), "post": records.labels[post],
                "organ": organs[role, place], "role": role, "jurisdiction": place,
                "adcode": view.nodes[jurisdiction_id].get("adcode") if jurisdiction_id in view else None,
                "dates": set(), "documents": set(), "person_id": person_id, "jurisdiction_id": jurisdiction_id,
            }
        if membership["date"]:
            row["dates"].add(membership["date"])
        if membership["document"]:
            row["documents"].add(local_id(membership["document"]).removeprefix("doc/"))
    rows = []
    for row in held.values():
        dates = row.pop("dates")
        dated = sorted(d for d in dates if not d.startswith("--")) or sorted(dates)  # a year beats none
        rows.append({**row, "first_date": dated[0] if dated else None, "last_date": dated[-1] if dated else None,
                     "documents": sorted(row["documents"])})
    return sorted(rows, key=lambda row: (row["person"], row["person_id"], row["first_date"] or "", row["post"]))


def in_date_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether an ISO ``date`` lies between ``since`` and ``until`` (each may be None, or a prefix: 2024,
    2024-03); a date whose year is unknown (--mm-dd) or no date lies in no range."""
    if since is None and until is None:
        return True
    if not date or date.startswith("--"):
        return False
    return (since is None or date >= since) and (until is None or date[: len(until)] <= until)
