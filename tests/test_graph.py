"""The RDF built from resolver records: the DESIGN.md vocabulary, the ontology, stable IRIs, the nx view."""

from __future__ import annotations

import logging

import pytest
from rdflib import OWL, RDF, RDFS, Literal, URIRef, namespace

from kg.graph import KG, KGR, LEVEL_CLASSES, PREFIXES, iri, local_id
from kg.graph.rdf import date_literal
from kg.graph.sample import D1, D2, sample_resolved
from kg.graph.vocabulary import ontology
from kg.knowledge_graph import KnowledgeGraph
from kg.resolve import Edge, Node


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_resolved(sample_resolved())


def ask(graph: KnowledgeGraph, pattern: str) -> bool:
    return graph.query(f"ASK {{ {pattern} }}").askAnswer


def rows(graph: KnowledgeGraph, sparql: str) -> list[tuple]:
    return [tuple(None if v is None else str(v) for v in row) for row in graph.query(sparql)]


def test_every_entity_has_exactly_one_zh_label(graph):
    counts = rows(graph, """
        SELECT ?s (COUNT(?l) AS ?n) (SAMPLE(LANG(?l)) AS ?lang) WHERE {
          VALUES ?c { kg:Person kg:Organization kg:Project kg:Place kg:Event kg:Inspection } ?s a ?c ; rdfs:label ?l
        } GROUP BY ?s""")
    assert len(counts) == len(sample_resolved().nodes) + 3  # + three inspections
    assert {(n, lang) for _, n, lang in counts} == {("1", "zh")}


def test_types_are_all_asserted(graph):
    assert ask(graph, "kgr:official\\/周明远 a kg:Official , kg:Person")
    assert ask(graph, "kgr:place\\/340207 a kg:Place , kg:County")
    assert ask(graph, "kgr:place\\/340207\\/二坝镇 a kg:Place , kg:Town")
    assert not ask(graph, "kgr:person\\/李晓 a kg:Official")
    assert len(rows(graph, "SELECT ?d WHERE { ?d a kg:Document }")) == 2


def test_mentioned_in_only_for_entities_read_from_a_document(graph):
    mentioned = {local_id(s) for (s,) in graph.query("SELECT DISTINCT ?s WHERE { ?s kg:mentionedIn ?d }")}
    expected = {n.node_id for n in sample_resolved().nodes.values() if n.documents}
    assert expected <= mentioned
    assert "place/340000" not in mentioned  # gazetteer-only ancestor
    assert ask(graph, f"kgr:official\\/周明远 kg:mentionedIn kgr:doc\\/{D1}")


def test_titles_aliases_adcodes_and_project_attributes(graph):
    assert sorted(t for (t,) in rows(graph, "SELECT ?t WHERE { kgr:official\\/周明远 kg:title ?t }")) == ["市委书记", "省委常委"]
    assert ask(graph, 'kgr:project\\/芜湖新能源汽车零部件产业园项目 kg:alias "新能源汽车零部件产业园"@zh')
    assert ask(graph, 'kgr:place\\/340207 kg:adcode "340207"')
    (investment,) = next(iter(graph.query("SELECT ?v WHERE { kgr:project\\/湾沚区智能装备制造基地 kg:investment ?v }")))
    assert investment.datatype == namespace.XSD.decimal and float(investment) == 1.2e9
    assert ask(graph, 'kgr:project\\/二坝镇光伏发电项目 kg:capacity "200兆瓦"@zh')


def test_inspections_carry_inspectors_sites_dates_evidence_and_source(graph):
    dates = {local_id(i): d for i, d in graph.query("SELECT ?i ?d WHERE { ?i a kg:Inspection ; kg:date ?d }")}
    assert dates["inspection/i1"] == Literal("2024-03-12", datatype=namespace.XSD.date)
    assert dates["inspection/i3"] == Literal("--04-20", datatype=namespace.XSD.gMonthDay)
    assert ask(graph, f"""kgr:inspection\\/i1 kg:inspector kgr:official\\/周明远 , kgr:official\\/刘卫东 ;
                         kg:site ?p ; kg:evidence ?e ; prov:wasDerivedFrom kgr:doc\\/{D1} .""")


def test_relations_have_a_reified_assertion_with_confidence_and_evidence(graph):
    found = rows(graph, """
        SELECT ?c ?e WHERE { ?a a kg:Assertion ; rdf:subject kgr:official\\/刘卫东 ; rdf:predicate kg:inspected ;
          rdf:object ?p ; kg:confidence ?c ; kg:evidence ?e ; prov:wasDerivedFrom ?doc }""")
    assert len(found) == 1 and float(found[0][0]) == 0.8 and "刘卫东陪同" in found[0][1]


def test_document_facts_live_in_the_document_named_graph(graph):
    assert ask(graph, f"GRAPH kgr:doc\\/{D2} {{ kgr:official\\/陈思涵 kg:inspected ?p }}")
    assert not ask(graph, f"GRAPH kgr:doc\\/{D1} {{ kgr:official\\/陈思涵 kg:inspected ?p }}")
    assert ask(graph, f'GRAPH kgr:doc\\/{D1} {{ kgr:doc\\/{D1} a kg:Document ; kg:source "news/wuhu-0312.txt" }}')


def test_posts_use_w3c_org_with_the_jurisdiction(graph):
    found = rows(graph, """SELECT ?label ?place WHERE { kgr:official\\/刘卫东 org:holds ?post . ?post a org:Post ;
        rdfs:label ?label ; kg:jurisdiction/rdfs:label ?place . ?m a org:Membership ; org:member kgr:official\\/刘卫东 ;
        kg:post ?post }""")
    assert found == [("鸠江区委书记", "鸠江区")]


def test_every_kg_term_used_is_declared_with_english_and_chinese_label_and_comment(graph):
    declared = ontology()
    used = {t for quad in graph.rdf.quads() for t in quad[:3]
            if isinstance(t, URIRef) and t.startswith(str(KG))}
    assert used, "the graph uses kg: terms"
    for term in sorted(used):
        assert (term, RDF.type, None) in declared, f"{term} is not declared in kg/ontology.ttl"
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in declared.objects(term, prop)}
            assert {"en", "zh"} <= langs, f"{term} lacks an English or Chinese {prop}"


def test_ontology_links_to_schema_org_org_and_prov():
    declared = ontology()
    targets = {str(o) for p in (RDFS.subClassOf, RDFS.subPropertyOf) for o in declared.objects(None, p)}
    for namespace in (PREFIXES["schema"], PREFIXES["org"], PREFIXES["prov"]):
        assert any(t.startswith(namespace) for t in targets), namespace
    assert (KG.Official, RDFS.subClassOf, KG.Person) in declared
    assert set(LEVEL_CLASSES.values()) <= set(declared.subjects(RDF.type, OWL.Class))


def test_same_input_same_iris_and_iris_round_trip():
    first = KnowledgeGraph.from_resolved(sample_resolved())
    second = KnowledgeGraph.from_resolved(sample_resolved())
    assert set(first.rdf.quads()) == set(second.rdf.quads())
    for node_id in ("official/张 三", "project/50%股权#1", "place/340207/二坝镇"):
        assert local_id(iri(node_id)) == node_id
        assert " " not in iri(node_id) and "#" not in iri(node_id).removeprefix(str(KGR))


def test_dates_are_typed_by_their_shape():
    assert date_literal("2024-05-05") == f'"2024-05-05"^^<{namespace.XSD.date}>'
    assert date_literal("--05-05") == f'"--05-05"^^<{namespace.XSD.gMonthDay}>'
    assert date_literal("五月") is None


def test_undeclared_attribute_and_predicate_are_left_out_and_logged(caplog):
    resolved = sample_resolved()
    resolved.nodes["official/周明远"].attrs["shoeSize"] = 42
    resolved.edges.append(Edge("official/周明远", "admired", "official/陈思涵", 0.5, D1))
    with caplog.at_level(logging.INFO, logger="kg.graph.rdf"):
        graph = KnowledgeGraph.from_resolved(resolved)
    assert "shoeSize" in caplog.text and "admired" in caplog.text
    assert not ask(graph, "?s kg:shoeSize ?v") and not ask(graph, "?s kg:admired ?v")


def test_post_jurisdiction_given_by_place_name():
    resolved = sample_resolved()
    resolved.nodes["official/陈思涵"].attrs["posts"] = [{"title": "副市长", "jurisdiction": "芜湖市", "doc_id": D2}]
    graph = KnowledgeGraph.from_resolved(resolved)
    assert rows(graph, "SELECT ?l WHERE { kgr:official\\/陈思涵 org:holds/kg:jurisdiction/rdfs:label ?l }") == [("芜湖市",)]


def test_networkx_view_has_entities_and_one_edge_per_relation(graph):
    view = graph.nx
    assert view.nodes["official/周明远"]["type"] == "official"
    assert view.nodes["official/周明远"]["titles"] == ["市委书记", "省委常委"]
    assert view.nodes["place/340207/二坝镇"]["level"] == "town"
    assert view.nodes["project/湾沚区智能装备制造基地"]["investment"] == 1.2e9
    assert view.nodes["place/340000"]["mentions"] == 0
    edges = [(u, v, d["relation"]) for u, v, d in view.edges(data=True)]
    assert len(edges) == len(set(edges)) == 17
    park = view.get_edge_data("official/刘卫东", "project/芜湖新能源汽车零部件产业园项目")
    (data,) = park.values()
    assert data["confidence"] == 0.8 and data["documents"] == [D1] and data["label"] == "调研"


def test_an_inspection_without_an_edge_still_gives_the_direct_inspected_triple():
    resolved = sample_resolved()
    resolved.edges = [e for e in resolved.edges if e.predicate != "inspected"]
    graph = KnowledgeGraph.from_resolved(resolved)
    assert ask(graph, "kgr:official\\/陈思涵 kg:inspected kgr:project\\/湾沚区智能装备制造基地")


def test_unknown_node_kind_is_skipped():
    resolved = sample_resolved()
    resolved.nodes["vehicle/x"] = Node("vehicle/x", "vehicle", "x")
    assert "vehicle/x" not in KnowledgeGraph.from_resolved(resolved).nx


def test_exploration_find_path_neighbours_and_stats(graph):
    assert graph.find("新能源汽车零部件产业园") == ["project/芜湖新能源汽车零部件产业园项目"]
    assert graph.find("不存在的名字") == []
    steps = graph.path("official/陈思涵", "place/340000")
    assert [s.relation for s in steps] == ["inspected", "locatedIn", "partOf", "partOf"]
    assert graph.path("official/陈思涵", "person/李晓") is None
    assert {s.relation for s in graph.neighbors("official/周明远", "inspected")} == {"inspected"}
    numbers = graph.stats(top=2)
    assert numbers["nodes"]["project"] == 4 and numbers["edges"]["inspected"] == 5
    assert numbers["documents"] == 2 and numbers["inspections"] == 3
    assert numbers["degree"][0][0] == "project/芜湖新能源汽车零部件产业园项目" and len(numbers["betweenness"]) == 2
