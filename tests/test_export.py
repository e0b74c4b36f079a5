"""The files save() writes: complete, deterministic, atomic; GraphML/GEXF that Gephi, networkx and igraph read."""

from __future__ import annotations

import csv
import json

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from lxml import etree

from kg.export import FORMATS, UnknownFormat
from kg.export import gephi
from kg.graph.sample import sample_resolved
from kg.knowledge_graph import KnowledgeGraph

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ALL_FILES = {"graph.ttl", "graph.nq", "graph.jsonld", "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv",
             "documents.csv", "inspections.csv", "careers.csv", "explorer.html"}


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    resolved = sample_resolved()
    # the kind of text Gephi chokes on: a control character, a list attribute
    resolved.nodes["person/李晓"].attrs["role"] = "记者\x0b（实习）"
    return KnowledgeGraph.from_resolved(resolved)


@pytest.fixture(scope="module")
def out(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("graph")
    graph.save(folder, report={"documents": 2, "failures": []})
    return folder


def test_save_writes_every_file_and_the_report(out):
    assert {p.name for p in out.iterdir()} == ALL_FILES | {"report.json"}
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"] == 2


def test_formats_limit_the_files_and_unknown_names_are_refused(graph, tmp_path):
    written = graph.save(tmp_path, formats=["ttl", "csv"])
    expected = ["careers.csv", "documents.csv", "edges.csv", "graph.ttl", "inspections.csv", "nodes.csv"]
    assert sorted(p.name for p in written) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == expected
    with pytest.raises(UnknownFormat, match="known: ttl"):
        graph.save(tmp_path, formats=["svg"])
    assert set(FORMATS) == {"ttl", "nq", "jsonld", "graphml", "gexf", "csv", "html"}


def test_same_graph_same_bytes(graph, out, tmp_path):
    KnowledgeGraph.from_resolved(sample_resolved())  # another build in between changes nothing
    graph.save(tmp_path)
    for name in ALL_FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_failed_write_leaves_the_old_file_and_no_temporary(graph, tmp_path, monkeypatch):
    graph.save(tmp_path, formats=["gexf"])
    before = (tmp_path / "graph.gexf").read_bytes()

    def broken(*args, **kwargs):  # fails half-way through the file
        yield gephi.GEXF_HEADER
        raise OSError("disk full")

    monkeypatch.setattr(gephi, "_gexf_lines", broken)
    with pytest.raises(OSError):
        graph.save(tmp_path, formats=["gexf"])
    assert (tmp_path / "graph.gexf").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.gexf"]


def test_rdf_files_parse_to_the_same_graph(graph, out):
    # N-Quads and JSON-LD read by Oxigraph: rdflib's parsers of them call rdflib's own deprecated API
    turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    quads = list(ox.parse(path=out / "graph.nq", format=ox.RdfFormat.N_QUADS))
    jsonld = list(ox.parse(path=out / "graph.jsonld", format=ox.RdfFormat.JSON_LD))
    union = {tuple(map(_term_key, (q.subject, q.predicate, q.object))) for q in quads}
    assert {tuple(map(_term_key, triple)) for triple in turtle} == union == {
        tuple(map(_term_key, (q.subject, q.predicate, q.object))) for q in jsonld}
    assert len(turtle) == len(graph)
    document_graphs = {q.graph_name.value for q in quads if "/doc/" in str(q.graph_name)}
    assert len(document_graphs) == 2  # one named graph per source document
    assert "@context" in json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))


def _term_key(term) -> tuple:
    """An rdflib or a pyoxigraph term as comparable values (a plain rdflib literal is an xsd:string)."""
    if isinstance(term, (ox.Literal, rdflib.Literal)):
        language = term.language
        datatype = None if language else str(getattr(term.datatype, "value", term.datatype) or XSD_STRING)
        return "literal", str(term.value) if isinstance(term, ox.Literal) else str(term), language, datatype
    return type(term).__name__.lower().replace("uriref", "namednode"), getattr(term, "value", str(term))


def test_load_reads_back_the_same_graph(graph, out):
    loaded = KnowledgeGraph.load(out)
    assert set(loaded.store) == set(graph.store)
    assert loaded.report == {"documents": 2, "failures": []}
    assert nx.utils.graphs_equal(loaded.nx, graph.nx)


def test_graphml_is_strict_xml_and_loads_in_networkx_and_igraph(graph, out):
    path = out / "graph.graphml"
    etree.parse(str(path), etree.XMLParser(recover=False))
    loaded = nx.read_graphml(path)
    assert loaded.number_of_nodes() == graph.nx.number_of_nodes()
    assert loaded.number_of_edges() == graph.nx.number_of_edges()
    assert loaded.nodes["official/周明远"]["titles"] == "市委书记; 省委常委"
    assert loaded.nodes["person/李晓"]["role"] == "记者（实习）"
    edge_ids = [e.get("id") for e in etree.parse(str(path)).iter("{*}edge")]
    assert len(edge_ids) == len(set(edge_ids)) and None not in edge_ids
    keys = etree.parse(str(path)).findall("{*}key")
    assert {k.get("id") for k in keys} >= {"label", "type", "relation"}  # named key ids
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.vcount() == graph.nx.number_of_nodes() and ig.ecount() == graph.nx.number_of_edges()
    assert "周明远" in ig.vs["label"] and "inspected" in ig.es["relation"]


def _mixed_view() -> nx.MultiDiGraph:
    view = nx.MultiDiGraph()
    view.add_node("a", label="甲", score=1, tags=["x", "y"], missing=None, note="line\nbreak & <tag> \"q\"")
    view.add_node("b", label="乙", score=2.5, tags="z")
    view.add_node("c", label="丙", score="high")
    view.add_edge("a", "b", relation="r", label="边")
    view.add_edge("a", "b", relation="r", label="边")
    return view


@pytest.mark.parametrize("name, read", [("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)])
def test_gephi_files_have_scalar_values_one_type_per_attribute_and_unique_edge_ids(tmp_path, name, read):
    view = _mixed_view()
    write = gephi.write_graphml if name.endswith("graphml") else gephi.write_gexf
    write(view, tmp_path / name)
    etree.parse(str(tmp_path / name), etree.XMLParser(recover=False))
    loaded = read(tmp_path / name)
    assert loaded.nodes["a"]["tags"] == "x; y" and "missing" not in loaded.nodes["a"]
    assert loaded.nodes["a"]["note"] == 'line\nbreak & <tag> "q"'
    assert [loaded.nodes[n]["score"] for n in "abc"] == ["1", "2.5", "high"]  # one type: str
    assert loaded.nodes["b"]["label"] == "乙"
    edge_ids = [e.get("id") for e in etree.parse(str(tmp_path / name)).iter("{*}edge")]
    assert edge_ids == ["e0", "e1"]
    view.remove_node("c")
    write(view, tmp_path / name)
    assert [read(tmp_path / name).nodes[n]["score"] for n in "ab"] == [1.0, 2.5]  # int and float: float


def test_graphml_keys_are_declared_once_per_scope_before_use(out):
    root = etree.parse(str(out / "graph.graphml")).getroot()
    keys = [(k.get("for"), k.get("id")) for k in root.iter("{*}key")]
    assert len(keys) == len(set(keys))
    declared = set(keys)
    for scope in ("node", "edge"):
        for element in root.iter("{*}" + scope):
            assert {(scope, d.get("key")) for d in element.iter("{*}data")} <= declared


def test_gephi_files_of_a_loaded_graph_equal_those_of_the_fresh_build(out, tmp_path):
    """Attributes are written in a fixed order, whatever the order in which the view's dicts were filled."""
    KnowledgeGraph.load(out).save(tmp_path, formats=["graphml", "gexf"])
    for name in ("graph.graphml", "graph.gexf"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert b"lastmodifieddate" not in (out / "graph.gexf").read_bytes()  # no date: same graph, same bytes


def test_gexf_has_colours_by_type_and_sizes_by_degree(out):
    tree = etree.parse(str(out / "graph.gexf"))
    nodes = {n.get("label"): n for n in tree.iter("{*}node")}
    colour = lambda label: tuple(nodes[label].find("{*}color").get(c) for c in "rgb")  # noqa: E731
    size = lambda label: float(nodes[label].find("{*}size").get("value"))  # noqa: E731
    assert colour("周明远") == colour("陈思涵") != colour("鸠江区")
    assert size("芜湖新能源汽车零部件产业园项目") > size("李晓")
    loaded = nx.read_gexf(out / "graph.gexf")
    assert loaded.number_of_edges() == 17


def test_csv_tables_list_every_node_and_edge(graph, out):
    with (out / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with (out / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == graph.nx.number_of_nodes() and len(edges) == graph.nx.number_of_edges()
    zhou = next(n for n in nodes if n["id"] == "official/周明远")
    assert zhou["label"] == "周明远" and zhou["type"] == "official" and zhou["titles"] == "市委书记; 省委常委"
    assert {e["relation"] for e in edges} == {"inspected", "locatedIn", "partOf", "operatedBy", "attended",
                                              "accompanied"}


def _expected_node_objects(store: ox.Store, graph) -> list[dict]:
    """The JSON-LD node objects of one graph, made from pyoxigraph terms (the writer works on text lines)."""
    from kg.export.rdf_files import compact

    def value(term):
        if isinstance(term, ox.NamedNode):
            return {"@id": compact(term.value)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value.endswith("#string"):
            return term.value
        return {"@value": term.value, "@type": compact(term.datatype.value)}

    nodes: dict[str, dict] = {}
    for quad in sorted(store.quads_for_pattern(None, None, None, graph), key=lambda q: str(q.triple)):
        node = nodes.setdefault(quad.subject.value, {"@id": compact(quad.subject.value)})
        if quad.predicate.value.endswith("#type") and isinstance(quad.object, ox.NamedNode):
            node.setdefault("@type", []).append(compact(quad.object.value))
        else:
            node.setdefault(compact(quad.predicate.value), []).append(value(quad.object))
    return list(nodes.values())


def test_streamed_rdf_files_equal_whole_graph_serialisations(graph, out):
    """The writers stream graph by graph; the files equal what serialising the whole graph at once gives."""
    from kg.export.rdf_files import compact
    from kg.graph import PREFIXES

    store = graph.store
    nquads = sorted(store.dump(format=ox.RdfFormat.N_QUADS).splitlines())
    assert (out / "graph.nq").read_bytes() == b"".join(line + b"\n" for line in nquads)
    default = _expected_node_objects(store, ox.DefaultGraph())
    named = [{"@id": compact(g.value), "@graph": _expected_node_objects(store, g)}
             for g in sorted(store.named_graphs(), key=lambda g: g.value)]
    document = {"@context": dict(sorted(PREFIXES.items())), "@graph": default + named}
    text = (out / "graph.jsonld").read_text(encoding="utf-8")
    assert json.loads(text) == document
    node_lines = [line for line in text.splitlines() if line.lstrip().startswith('{"@id"')]
    assert len(node_lines) == len(default) + sum(1 + len(g["@graph"]) for g in named)  # one line per node


def test_jsonld_literals_keep_every_character(tmp_path):
    """Literals go from N-Triples escapes to JSON escapes without decoding: control characters, quotes,
    backslashes and line separators (which str.splitlines would split on) come back as they were."""
    text = "".join(chr(i) for i in range(32)) + '"\\\'\x7f\u2028\u2029\x85😀中 '
    subject, predicate = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    store = ox.Store()
    for literal in (ox.Literal(text), ox.Literal(text, language="zh-Hans"),
                    ox.Literal(text, datatype=ox.NamedNode("https://example.org/type"))):
        store.add(ox.Quad(subject, predicate, literal))
    store.add(ox.Quad(ox.BlankNode("b1"), predicate, ox.BlankNode("b2")))
    KnowledgeGraph(store).save(tmp_path, formats=["jsonld"])
    # read by Oxigraph (not the writer: ours): rdflib's JSON-LD parser calls rdflib's own deprecated API
    loaded = list(ox.parse(path=tmp_path / "graph.jsonld", format=ox.RdfFormat.JSON_LD))
    values = {(q.object.value, q.object.language, q.object.datatype.value) for q in loaded
              if isinstance(q.object, ox.Literal)}
    xsd, rdf = "http://www.w3.org/2001/XMLSchema#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert {(value, language and language.lower(), datatype) for value, language, datatype in values} == {
        (text, None, xsd + "string"), (text, "zh-hans", rdf + "langString"), (text, None, "https://example.org/type")}
    assert sum(isinstance(q.subject, ox.BlankNode) and isinstance(q.object, ox.BlankNode) for q in loaded) == 1


def test_jsonld_of_an_empty_graph(tmp_path):
    KnowledgeGraph().save(tmp_path, formats=["jsonld"])
    assert json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))["@graph"] == []


def test_run_sizes_do_not_change_the_files(graph, out, tmp_path, monkeypatch):
    """Runs of 3 quads, merged whenever there are 2, a line of each at a time: the same files."""
    from kg.graph import sorted_quads

    monkeypatch.setattr(sorted_quads, "RUN_QUADS", 3)
    monkeypatch.setattr(sorted_quads, "MAX_RUNS", 2)
    monkeypatch.setattr(sorted_quads, "MERGE_BYTES", 1)
    graph.save(tmp_path)
    for name in ALL_FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_an_up_to_date_build_does_not_import_networkx():
    """A rebuild that finds its outputs up to date only checks format names: networkx (0.4 s) stays out."""
    import subprocess
    import sys

    code = "import sys, kg.api, kg.cli.build, kg.export; print('networkx' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_csv_cells_fit_a_spreadsheet(tmp_path):
    """Issue 14, item 11: a node of 20,000 documents wrote a 360,000-character cell (Python's csv refuses
    131,072 by default, Excel 32,767): a long list keeps its first items and counts the others."""
    from kg.export.tables import CELL_LIMIT, write_edges_csv, write_nodes_csv

    view = nx.MultiDiGraph()
    documents = [f"doc/{n:016x}" for n in range(20_000)]
    view.add_node("official/甲", label="甲", type="official", documents=documents, note="长" * 40_000)
    view.add_node("project/乙", label="乙", type="project")
    view.add_edge("official/甲", "project/乙", key="e1", relation="inspected", documents=documents)
    write_nodes_csv(view, tmp_path / "nodes.csv")
    write_edges_csv(view, tmp_path / "edges.csv")
    with (tmp_path / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        node = next(csv.DictReader(handle))
    with (tmp_path / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edge = next(csv.DictReader(handle))
    for cells in (node, edge):
        assert max(len(value) for value in cells.values()) <= CELL_LIMIT
    kept = node["documents"].split("; ")
    assert kept[0] == documents[0] and kept[-1] == f"… {len(documents) - len(kept) + 1} more"
    assert edge["documents"] == node["documents"]
    assert node["note"].endswith("…") and node["note"].startswith("长长")


def test_no_deprecated_call_on_the_usual_paths(graph, tmp_path):
    """Saving, loading, querying and scoring a graph make no deprecated call, ours or rdflib's own."""
    import warnings

    from kg.eval.graph import load_graph

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph.save(tmp_path)
        loaded = KnowledgeGraph.load(tmp_path)
        loaded.query("SELECT ?s WHERE { ?s a kg:Official }").rows
        len(loaded.rdf)
        load_graph(tmp_path)
        loaded.tables
    assert [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)] == []


def test_edges_carry_their_dates_and_readable_sources(out):
    """edges.csv, GraphML and GEXF: first and last date and the headlines of each edge's documents; GEXF
    gives Gephi's timeline an interval for edges whose documents have full dates."""
    with (out / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edges = {(row["source"], row["relation"], row["target"]): row for row in csv.DictReader(handle)}
    park = edges["official/周明远", "inspected", "project/芜湖新能源汽车零部件产业园项目"]
    assert (park["first_date"], park["last_date"], park["headlines"]) == ("2024-03-12", "2024-03-12", "周明远调研重点项目建设")
    chen = edges["official/陈思涵", "inspected", "project/湾沚区智能装备制造基地"]
    assert (chen["first_date"], chen["headlines"]) == ("", "陈思涵调研制造业项目")  # --04-20: no year
    graphml = nx.read_graphml(out / "graph.graphml")
    assert {d.get("headlines") for _, _, d in graphml.edges(data=True)} >= {"周明远调研重点项目建设"}
    gexf = etree.parse(str(out / "graph.gexf")).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert gexf.find("g:graph", ns).get("mode") == "dynamic"
    intervals = {(e.get("source"), e.get("target")): (e.get("start"), e.get("end"))
                 for e in gexf.iterfind(".//g:edge", ns)}
    assert intervals["official/周明远", "project/芜湖新能源汽车零部件产业园项目"] == ("2024-03-12", "2024-03-12")
    assert intervals["official/陈思涵", "project/湾沚区智能装备制造基地"] == (None, None)


def test_xml_legal_text_is_the_text_less_the_characters_xml_forbids():
    """xml_legal skips the search for printable text: on any mix of printable characters, legal ones that are
    not printable (line breaks, tabs, ideographic and no-break spaces) and forbidden ones, it gives what
    removing every forbidden character gives."""
    import random

    pieces = ["镇", "a", " ", "\n", "\t", "\r", "\u3000", "\xa0", "\u2028", "\x7f", "\x85",
              "\x00", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff", "𠀀"]
    chooser = random.Random(17)
    for _ in range(2000):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 8)))
        assert gephi.xml_legal(text) == gephi.XML_ILLEGAL.sub("", text), repr(text)
        assert gephi.scalar(text) == gephi.XML_ILLEGAL.sub("", text)
        assert gephi.scalar([text, None, 3]) == (gephi.XML_ILLEGAL.sub("", f"{text}; 3"))
    assert gephi.scalar([None]) is None and gephi.scalar([]) is None and gephi.scalar(2.5) == 2.5


def test_jsonld_of_varied_terms_is_the_graph(tmp_path):
    """Blank nodes, typed and tagged literals, rdf:type with a literal, a triple in several graphs, graph IRIs
    whose order is not their N-Triples terms' order: the JSON-LD is the graph, a node per line."""
    from kg.export.rdf_files import compact

    ex, xsd = "https://example.org/", "http://www.w3.org/2001/XMLSchema#"
    s, p, rdf_type = ox.NamedNode(ex + "s"), ox.NamedNode(ex + "p"), ox.NamedNode(RDF_TYPE)
    bnode, graphs = ox.BlankNode("b1"), [ox.NamedNode(ex + name) for name in ("a", "a-b", "b")]
    objects = [ox.Literal("1.50", datatype=ox.NamedNode(xsd + "decimal")), ox.Literal('say "hi"\n', language="en-GB"),
               ox.Literal("x", datatype=ox.NamedNode(ex + "type")), ox.Literal("文"), bnode, s]
    store = ox.Store()
    for graph in [ox.DefaultGraph(), *graphs]:
        for term in objects:
            store.add(ox.Quad(s, p, term, graph))
        store.add(ox.Quad(bnode, rdf_type, ox.NamedNode(ex + "Class"), graph))
        store.add(ox.Quad(bnode, rdf_type, ox.Literal("not a class"), graph))
        store.add(ox.Quad(s, rdf_type, ox.NamedNode(ex + "Class"), graph))

    def name(term):
        return "_:" + term.value if isinstance(term, ox.BlankNode) else compact(term.value)

    def value(term):
        if not isinstance(term, ox.Literal):
            return {"@id": name(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        return term.value if term.datatype.value == XSD_STRING else {"@value": term.value, "@type": compact(term.datatype.value)}

    def nodes(graph):
        made: dict[str, dict] = {}
        for quad in sorted(store.quads_for_pattern(None, None, None, graph), key=lambda q: str(q.triple).encode()):
            node = made.setdefault(name(quad.subject), {"@id": name(quad.subject)})
            is_class = quad.predicate == rdf_type and isinstance(quad.object, ox.NamedNode)
            node.setdefault("@type" if is_class else compact(quad.predicate.value), []).append(
                name(quad.object) if is_class else value(quad.object))
        return list(made.values())

    KnowledgeGraph(store).save(tmp_path, formats=["jsonld"])
    text = (tmp_path / "graph.jsonld").read_text(encoding="utf-8")
    written = json.loads(text)["@graph"]
    assert written == nodes(ox.DefaultGraph()) + [{"@id": compact(g.value), "@graph": nodes(g)} for g in graphs]
    assert sum(line.lstrip().startswith('{"@id"') for line in text.splitlines()) == 2 + 3 * 3
