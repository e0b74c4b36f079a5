"""Cross-document resolution: one node per real-world entity, merged only with evidence."""

from __future__ import annotations

import pytest

from kg.model import DocumentResult, EntityRecord, Evidence, Fact, Inspection
from kg.resolve import resolve

SHANXI = {"name": "山西省", "level": "province", "adcode": "140000000000"}
DATONG = {"name": "大同市", "level": "city", "adcode": "140200000000"}
HUNAN = {"name": "湖南省", "level": "province", "adcode": "430000000000"}
CHANGSHA = {"name": "长沙市", "level": "city", "adcode": "430100000000"}


def place(name, level, adcode, *ancestors):
    return EntityRecord("place", name, attrs={"level": level, "adcode": adcode, "ancestors": list(ancestors)})


def official(name, title, jurisdiction):
    return EntityRecord("official", name, attrs={"titles": [title], "jurisdiction": jurisdiction})


def doc(doc_id, entities, facts=(), inspections=(), home=None):
    return DocumentResult(doc_id, f"{doc_id}.txt", date="2024-05-05", home_place=home,
                          entities=list(entities), facts=list(facts), inspections=list(inspections))


def labels(resolved, kind):
    return sorted(n.label for n in resolved.nodes.values() if n.kind == kind)


def test_places_get_gazetteer_ancestors_and_part_of_chain():
    result = resolve([doc("d1", [place("新荣区", "county", "140212000000", SHANXI, DATONG)])])
    part_of = {(e.source, e.target) for e in result.edges if e.predicate == "partOf"}
    assert part_of == {("place/140212000000", "place/140200000000"),
                       ("place/140200000000", "place/140000000000")}
    ancestors = [n for n in result.nodes.values() if n.label in ("大同市", "山西省")]
    assert ancestors and all(not n.documents for n in ancestors)


def test_same_name_in_two_provinces_stays_two_people():
    d1 = doc("d1", [official("王军", "市长", "大同市"), place("大同市", "city", DATONG["adcode"], SHANXI)])
    d2 = doc("d2", [official("王军", "市长", "长沙市"), place("长沙市", "city", CHANGSHA["adcode"], HUNAN)])
    result = resolve([d1, d2])
    officials = [n for n in result.nodes.values() if n.kind == "official"]
    assert len(officials) == 2 and {n.label for n in officials} == {"王军"}


def test_a_central_leader_is_one_person_in_every_province():
    d1 = doc("d1", [official("周明远", "总书记", None), place("大同市", "city", DATONG["adcode"], SHANXI)],
             home="大同市")
    d2 = doc("d2", [official("周明远", "总书记", None), place("长沙市", "city", CHANGSHA["adcode"], HUNAN)],
             home="长沙市")
    result = resolve([d1, d2])
    leaders = [n for n in result.nodes.values() if n.label == "周明远"]
    assert len(leaders) == 1 and leaders[0].documents == {"d1", "d2"}


def test_untitled_mention_joins_the_official_of_the_same_name():
    d1 = doc("d1", [official("李红", "县委书记", "大同市"), place("大同市", "city", DATONG["adcode"], SHANXI)])
    d2 = doc("d2", [EntityRecord("person", "李红")])
    result = resolve([d1, d2])
    people = [n for n in result.nodes.values() if n.label == "李红"]
    assert len(people) == 1 and people[0].kind == "official" and people[0].documents == {"d1", "d2"}


def _project_doc(doc_id, project, where):
    entities = [EntityRecord("project", project), place(*where)]
    facts = [Fact(("project", project), "locatedIn", ("place", where[0]), 0.9)]
    return doc(doc_id, entities, facts)


def test_projects_merge_with_same_brand_product_and_nested_places():
    county = ("新荣区", "county", "140212000000", SHANXI, DATONG)
    city = ("大同市", "city", DATONG["adcode"], SHANXI)
    a = _project_doc("d1", "新荣区锐华新能源装备产业项目", county)
    b = _project_doc("d2", "锐华能源(大同)技术有限公司新能源装备产业项目", city)
    projects = [n for n in resolve([a, b]).nodes.values() if n.kind == "project"]
    assert len(projects) == 1
    assert projects[0].aliases | {projects[0].label} == {"新荣区锐华新能源装备产业项目",
                                                         "锐华能源(大同)技术有限公司新能源装备产业项目"}


def test_same_project_name_in_unrelated_places_stays_apart():
    a = _project_doc("d1", "城市污水处理厂提标改造工程", ("大同市", "city", DATONG["adcode"], SHANXI))
    b = _project_doc("d2", "城市污水处理厂提标改造工程", ("长沙市", "city", CHANGSHA["adcode"], HUNAN))
    assert len([n for n in resolve([a, b]).nodes.values() if n.kind == "project"]) == 2


def test_facts_and_inspections_become_edges_with_evidence_and_confidence_filter():
    evidence = Evidence("d1", "市长王军来到临港物流园项目。", 0, 2)
    entities = [official("王军", "市长", None), EntityRecord("project", "临港物流园项目")]
    facts = [Fact(("official", "王军"), "inspected", ("project", "临港物流园项目"), 0.9, evidence),
             Fact(("official", "王军"), "accompanied", ("official", "王军"), 0.9),
             Fact(("project", "临港物流园项目"), "investment", 1.2e9, 0.8)]
    inspections = [Inspection(["王军"], ["临港物流园项目"], "2024-05-05", [evidence])]
    result = resolve([doc("d1", entities, facts, inspections)])
    inspected = [e for e in result.edges if e.predicate == "inspected"]
    assert [(e.source, e.target, e.evidence.sentence) for e in inspected] == [
        ("official/王军", "project/临港物流园项目", "市长王军来到临港物流园项目。")]
    assert not [e for e in result.edges if e.predicate == "accompanied"]  # no self-loops
    assert result.nodes["project/临港物流园项目"].attrs["investment"] == 1.2e9
    assert result.inspections[0].sites == ["project/临港物流园项目"]
    assert not [e for e in resolve([doc("d1", entities, facts)], min_confidence=0.95).edges]


def test_resolution_does_not_depend_on_input_order():
    county = ("新荣区", "county", "140212000000", SHANXI, DATONG)
    docs = [_project_doc("d1", "新荣区锐华新能源装备产业项目", county),
            _project_doc("d2", "锐华新能源装备项目", county)]
    forward, backward = resolve(docs), resolve(list(reversed(docs)))
    assert sorted(forward.nodes) == sorted(backward.nodes)


def test_a_place_named_in_the_text_keeps_that_name_over_its_gazetteer_name():
    yunnan = {"name": "云南省", "level": "province", "adcode": "530000000000"}
    honghe = {"name": "红河哈尼族彝族自治州", "level": "city", "adcode": "532500000000"}
    gejiu = place("个旧市", "county", "532501000000", yunnan, honghe)
    short = EntityRecord("place", "红河州", attrs={"level": "city", "adcode": honghe["adcode"],
                                                  "ancestors": [yunnan], "aliases": [honghe["name"]]})
    node = resolve([doc("d1", [gejiu, short])]).nodes["place/532500000000"]
    assert node.label == "红河州" and node.aliases == {"红河哈尼族彝族自治州"} and node.documents == {"d1"}


def test_a_post_names_its_jurisdiction_by_place_node():
    county = place("新荣区", "county", "140212000000", SHANXI, DATONG)
    person = EntityRecord("official", "王军", attrs={"titles": ["省委常委", "区委书记"], "posts": [
        {"title": "省委常委", "jurisdiction": "山西省"}, {"title": "区委书记", "jurisdiction": "新荣区"},
        {"title": "总书记", "jurisdiction": None}]})
    posts = resolve([doc("d1", [county, person])]).nodes["official/王军"].attrs["posts"]
    assert [p["jurisdiction"] for p in posts] == ["place/140000000000", "place/140212000000", None]
    assert {p["doc_id"] for p in posts} == {"d1"}


def test_project_core_cuts_the_longest_place_name_that_starts_it():
    from kg.resolve.projects import project_core

    places = {"大同", "大同市", "新荣区"}
    assert project_core("大同市锐华新能源装备产业项目", places) == project_core("锐华新能源装备产业项目", places)
    assert project_core("新荣区", {"新荣区"}) == "新荣区"  # a name that is only a place keeps it


def _pairwise_clusters(records):
    """The definition: every pair of records of one core from two documents whose places nest (or, for a
    long core, one of whose places is unknown) is one project; groups are the connected pairs."""
    from kg.resolve.projects import MIN_CORE_WITHOUT_PLACE

    parent = list(range(len(records)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for a, ra in enumerate(records):
        for b in range(a + 1, len(records)):
            rb = records[b]
            if ra.core != rb.core or ra.doc_id == rb.doc_id:
                continue
            known = ra.places and rb.places
            if (known and (ra.places <= rb.places or rb.places <= ra.places)) or (
                    not known and len(ra.core) >= MIN_CORE_WITHOUT_PLACE):
                parent[find(a)] = find(b)
    groups = {}
    for i, record in enumerate(records):
        groups.setdefault(find(i), set()).add((record.doc_id, record.name))
    return sorted(sorted(g) for g in groups.values())


@pytest.mark.parametrize("seed", range(30))
def test_project_clusters_equal_the_pairwise_definition(seed):
    """The linear clustering (issue 14, item 7) groups exactly as comparing every pair would."""
    import random

    from kg.resolve.projects import ProjectRecord, cluster_projects

    rng = random.Random(seed)
    tree = {"p": None, "c1": "p", "c2": "p", "k1": "c1", "k2": "c1", "k3": "c2", "t1": "k1", "t2": "k1"}

    def chain(place):
        found = []
        while place:
            found.append(place)
            place = tree[place]
        return frozenset(found)

    records = []
    for n in range(rng.randint(2, 40)):
        place = rng.choice([None, *tree])
        core = rng.choice(["新材料", "新能源装备产业"])  # one short core, one long enough without a place
        records.append(ProjectRecord(f"d{rng.randint(1, 6)}", f"项目{n}", core, place,
                                     chain(place) if place else frozenset()))
    found = sorted(sorted((r.doc_id, r.name) for r in group) for group in cluster_projects(records))
    assert found == _pairwise_clusters(records)


def test_a_body_named_by_its_level_word_is_one_per_place():
    """市国资委 of two cities are two bodies, each with its qualified name as an alias; of one city, one."""
    yichun = place("伊春市", "city", "230700000000")
    hegang = place("鹤岗市", "city", "230400000000")
    tieli = place("铁力市", "county", "230781000000", {"name": "伊春市", "level": "city", "adcode": "230700000000"})
    body, company = EntityRecord("organization", "市国资委"), EntityRecord("organization", "林都建设有限公司")
    resolved = resolve([
        doc("d1", [yichun, body, company], home="伊春市"),
        doc("d2", [hegang, body, company], home="鹤岗市"),
        doc("d3", [tieli, body], home="铁力市"),  # a county-level city: 市 is the county itself
        doc("d4", [yichun, EntityRecord("organization", "县发改局")], home="伊春市"),  # no county named
        doc("d5", [yichun, body]),  # no home place: the city the article names
        doc("d6", [yichun, EntityRecord("place", "林都高新区", attrs={"level": "zone", "ancestors": [
            {"name": "伊春市", "level": "city", "adcode": "230700000000"}]}),
            EntityRecord("organization", "区财政局")], home="林都高新区"),  # a zone is no 区
    ])
    bodies = {n.node_id: n for n in resolved.nodes.values() if n.kind == "organization"}
    assert {n.label for n in bodies.values()} == {"市国资委", "林都建设有限公司", "县发改局", "区财政局"}
    qualified = {nid: sorted(n.aliases) for nid, n in bodies.items() if n.label == "市国资委"}
    assert sorted(qualified.values()) == [["伊春市国资委"], ["铁力市国资委"], ["鹤岗市国资委"]]
    assert sorted(len(bodies[nid].documents) for nid in qualified) == [1, 1, 2]  # d1 and d5: one body
    assert len([n for n in bodies.values() if n.label == "林都建设有限公司"]) == 1  # a company is one
    assert [n.aliases for n in bodies.values() if n.label in ("县发改局", "区财政局")] == [set(), set()]
