"""A small invented Resolved (two articles from Anhui) to try the graph, the exports and the bundled
queries without running the NLP pipeline: ``KnowledgeGraph.from_resolved(sample_resolved())``.

The tests pin the bundled queries' rows on it; the benchmark replicates it to a million triples.
"""

from __future__ import annotations

from kg.model import DocumentResult, Evidence
from kg.resolve import Edge, Node, Resolved, ResolvedInspection

D1, D2 = "a1b2c3d4e5f60001", "a1b2c3d4e5f60002"
S1 = "3月12日，省委常委、市委书记周明远来到鸠江区芜湖新能源汽车零部件产业园项目现场调研，区委书记刘卫东陪同。"
S2 = "周明远随后察看了二坝镇光伏发电项目建设进展。"
S3 = "4月20日，市长陈思涵先后走进芜湖新能源汽车零部件产业园项目和湾沚区智能装备制造基地。"


def _node(node_id: str, label: str, docs: tuple[str, ...] = (), **attrs) -> Node:
    return Node(node_id, node_id.split("/", 1)[0], label, attrs=attrs, documents=set(docs))


def _evidence(doc_id: str, sentence: str) -> Evidence:
    return Evidence(doc_id, sentence, 0, len(sentence))


def sample_resolved() -> Resolved:
    zhou, liu, chen = "official/周明远", "official/刘卫东", "official/陈思涵"
    park, solar = "project/芜湖新能源汽车零部件产业园项目", "project/二坝镇光伏发电项目"
    base, cold = "project/湾沚区智能装备制造基地", "project/湾沚区冷链物流中心项目"
    city, jiujiang, wanzhi = "place/340200", "place/340207", "place/340210"
    erba = "place/340207/二坝镇"
    nodes = [
        _node("place/340000", "安徽省", level="province", adcode="340000"),
        _node(city, "芜湖市", (D1,), level="city", adcode="340200"),
        _node(jiujiang, "鸠江区", (D1,), level="county", adcode="340207"),
        _node(wanzhi, "湾沚区", (D2,), level="county", adcode="340210"),
        _node(erba, "二坝镇", (D1,), level="town"),
        _node(zhou, "周明远", (D1,), titles=["省委常委", "市委书记"],
              posts=[{"title": "市委书记", "jurisdiction": city, "doc_id": D1, "date": "2024-03-12"}]),
        _node(liu, "刘卫东", (D1,), titles=["区委书记"],
              posts=[{"title": "区委书记", "jurisdiction": jiujiang, "doc_id": D1, "date": "2024-03-12"}]),
        _node(chen, "陈思涵", (D2,), titles=["市长"],
              posts=[{"title": "市长", "jurisdiction": city, "doc_id": D2, "date": None}]),
        _node("person/李晓", "李晓", (D1,), role="记者"),
        _node("organization/芜湖远航汽车零部件有限公司", "芜湖远航汽车零部件有限公司", (D1,)),
        _node("organization/安徽恒通物流集团", "安徽恒通物流集团", (D2,)),
        _node(park, "芜湖新能源汽车零部件产业园项目", (D1, D2), investment=5.0e9, status="一期已投产"),
        _node(solar, "二坝镇光伏发电项目", (D1,), capacity="200兆瓦", status="已开工"),
        _node(base, "湾沚区智能装备制造基地", (D2,), investment=1.2e9, floorArea=85000.0),
        _node(cold, "湾沚区冷链物流中心项目", (D2,), investment=3.5e8),
        _node("event/芜湖市重点项目集中开工仪式", "芜湖市重点项目集中开工仪式", (D1,)),
    ]
    resolved = Resolved(nodes={n.node_id: n for n in nodes})
    resolved.nodes[park].aliases.add("新能源汽车零部件产业园")

    def fact(source, predicate, target, doc_id=None, sentence=None, confidence=1.0):
        evidence = _evidence(doc_id, sentence) if sentence else None
        resolved.edges.append(Edge(source, predicate, target, confidence, doc_id, evidence))

    fact(city, "partOf", "place/340000")
    fact(jiujiang, "partOf", city)
    fact(wanzhi, "partOf", city)
    fact(erba, "partOf", jiujiang, D1, S2, 0.9)
    fact(zhou, "inspected", park, D1, S1, 0.95)
    fact(liu, "inspected", park, D1, S1, 0.8)
    fact(zhou, "inspected", solar, D1, S2, 0.9)
    fact(chen, "inspected", park, D2, S3, 0.95)
    fact(chen, "inspected", base, D2, S3, 0.95)
    fact(park, "locatedIn", jiujiang, D1, S1, 0.9)
    fact(solar, "locatedIn", erba, D1, S2, 0.9)
    fact(base, "locatedIn", wanzhi, D2, S3, 0.9)
    fact(cold, "locatedIn", wanzhi, D2, None, 0.7)
    fact(park, "operatedBy", "organization/芜湖远航汽车零部件有限公司", D1, None, 0.8)
    fact(cold, "operatedBy", "organization/安徽恒通物流集团", D2, None, 0.8)
    fact(zhou, "attended", "event/芜湖市重点项目集中开工仪式", D1, None, 0.9)
    fact(liu, "accompanied", zhou, D1, S1, 0.9)
    resolved.inspections = [
        ResolvedInspection("i1", [zhou, liu], [park], "2024-03-12", D1, [_evidence(D1, S1)]),
        ResolvedInspection("i2", [zhou], [solar], "2024-03-12", D1, [_evidence(D1, S2)]),
        ResolvedInspection("i3", [chen], [park, base], "--04-20", D2, [_evidence(D2, S3)]),
    ]
    resolved.documents = {
        D1: DocumentResult(D1, "news/wuhu-0312.txt", "周明远调研重点项目建设", "2024-03-12"),
        D2: DocumentResult(D2, "news/wuhu-0420.txt", "陈思涵调研制造业项目", "--04-20"),
    }
    return resolved
