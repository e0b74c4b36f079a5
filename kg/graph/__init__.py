"""The graph stage: a :class:`kg.resolve.Resolved` becomes RDF (on the Oxigraph store) and a networkx view.

The RDF vocabulary is the contract of shared/DESIGN.md; every ``kg:`` term is declared in
``kg/ontology.ttl``. IRIs are deterministic: the same input always yields the same IRIs.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from rdflib import Namespace, URIRef

KG = Namespace("https://w3id.org/officials-kg/ontology#")
KGR = Namespace("https://w3id.org/officials-kg/resource/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")

# Prefixes bound in every serialisation and in every query (users may omit their PREFIX lines).
PREFIXES = {
    "kg": str(KG),
    "kgr": str(KGR),
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": str(PROV),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": str(SCHEMA),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Entity kinds of the resolver → their rdf:types (all asserted), most specific first.
KIND_CLASSES = {
    "official": (KG.Official, KG.Person),
    "person": (KG.Person,),
    "organization": (KG.Organization,),
    "project": (KG.Project,),
    "place": (KG.Place,),
    "event": (KG.Event,),
}
# Place levels → the class asserted next to kg:Place.
LEVEL_CLASSES = {
    "province": KG.Province,
    "city": KG.City,
    "county": KG.County,
    "town": KG.Town,
    "village": KG.Village,
    "zone": KG.Zone,
}
# Relations between entities: the edges of the networkx view.
RELATIONS = ("inspected", "visited", "locatedIn", "partOf", "operatedBy", "attended", "accompanied")

# Characters kept as they are in IRIs: RFC 3987 unreserved and sub-delims (plus '/', ':' and '@').
_IRI_SAFE = "/-._~!$&'()*+,;=:@"


class _CharEncoding(dict):
    """code point → its form in an IRI (for str.translate), worked out on first sight of each character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        keep = (code > 0xA0 and char.isprintable() and not char.isspace()) or char.isascii() and (
            char.isalnum() or char in _IRI_SAFE)
        self[code] = encoded = char if keep else quote(char, safe=_IRI_SAFE)
        return encoded


_ENCODING = _CharEncoding()


def encode_local(local: str) -> str:
    """An IRI-safe local name: CJK and other printable non-ASCII letters kept, the rest percent-encoded."""
    return local.translate(_ENCODING)


def iri(local: str) -> URIRef:
    """The resource IRI of a node id (``official/张三`` → ``kgr:official/张三``)."""
    return KGR[encode_local(local)]


def local_id(node: URIRef | str) -> str:
    """The node id of a resource IRI (the inverse of :func:`iri`)."""
    return unquote(str(node).removeprefix(_RESOURCE))


_RESOURCE = str(KGR)  # a plain str: str(KGR) makes a new one at every call
