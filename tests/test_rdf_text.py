"""The RDF of the resolver's records is made as N-Triples text, not as pyoxigraph terms: the text must be what
Oxigraph writes for the same terms, byte for byte (the files of a build were written from Oxigraph's terms)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.graph import rdf
from kg.graph.rdf import nquads_line, resolved_statements
from kg.graph.sample import sample_resolved

XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
ODD_TEXTS = ["", "plain", "中文", '"quoted"', "back\\slash", "line\nfeed\r\ttab\b\f", "\x00\x01\x1f\x7f\x80\x85",
             "\u2028\u2029", "😀 𠀀", "'single'", "<not an iri>", "a\"\\\"b", "".join(map(chr, range(0x200)))]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_literals_are_written_as_oxigraph_writes_them(text):
    assert rdf.string(text) == str(ox.Literal(text))
    assert rdf._zh(text) == str(ox.Literal(text, language="zh"))
    assert rdf.literal(text, f"<{XSD_DATE.value}>") == str(ox.Literal(text, datatype=XSD_DATE))


def test_every_character_is_escaped_as_oxigraph_escapes_it():
    text = "".join(chr(code) for code in range(0x3000))
    assert rdf.string(text) == str(ox.Literal(text))


@pytest.mark.parametrize("value", [0, 7, -7, 2**70, -(2**70), True, "12"])
def test_integers_are_written_as_oxigraph_writes_them(value):
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    assert rdf.typed_literal(value, integer.value) == str(ox.Literal(str(int(value)), datatype=integer))


@pytest.mark.parametrize("local", ["official/张三", "post/place/440882/市长", "a b", "100%", "<x>", "{}|^`", "é", "\u00a0"])
def test_resources_are_the_iris_oxigraph_checks(local):
    from kg.graph import iri

    assert rdf.resource(local) == str(ox.NamedNode(str(iri(local))))


def test_an_invalid_iri_is_refused_as_oxigraph_refuses_it():
    with pytest.raises(ValueError):
        rdf.named_node("not an iri")


def _odd_resolved():
    """The sample graph with every string the resolver could hand over made awkward."""
    resolved = sample_resolved()
    for number, node in enumerate(resolved.nodes.values()):
        node.label = ODD_TEXTS[number % len(ODD_TEXTS)] or "x"
        node.aliases = set(ODD_TEXTS[1:4])
    for edge in resolved.edges:
        if edge.evidence is not None:
            edge.evidence.sentence = ODD_TEXTS[-1]
    return resolved


@pytest.mark.parametrize("resolved", [sample_resolved, _odd_resolved])
def test_the_statements_are_the_lines_oxigraph_writes(resolved):
    """Each statement, parsed by Oxigraph (strictly) and written again, is the same line; loaded into a store
    the graph is the one the statements say."""
    lines = [nquads_line(statement) for statement in resolved_statements(resolved())]
    assert len(lines) > 50
    quads = list(ox.parse("".join(lines).encode(), format=ox.RdfFormat.N_QUADS))
    assert [ox.serialize([quad], format=ox.RdfFormat.N_QUADS).decode() for quad in quads] == lines
    store = ox.Store()
    rdf.add_resolved(store, resolved())
    assert set(store) == set(quads)
