"""Document nodes (issue 15): the address, publication date, publisher and a readable name of every article."""

from __future__ import annotations

import json

import kg

RECORDS = [
    {"text": "3月2日，县长孙立来到宾川县桃园村冷库项目现场调研。", "url": "https://news.example.cn/a/1.html",
     "date": "2023-03-03", "source": "宾川日报"},
    {"text": "近日，县委书记马超调研县城供水工程。", "link": "https://news.example.cn/a/2.html", "date": "2023-05-09"},
]
DOCUMENT_QUERY = """SELECT ?url ?label ?date ?published ?publisher WHERE {
  ?d a kg:Document ; kg:url ?url ; rdfs:label ?label ; kg:date ?date ; kg:published ?published .
  OPTIONAL { ?d kg:publisher ?publisher } } ORDER BY ?url"""


def build_records(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    return kg.build([str(path)])


def test_a_jsonl_records_url_date_and_source_are_on_the_document_node(tmp_path):
    rows = build_records(tmp_path).query(DOCUMENT_QUERY).rows
    assert [[term.value if term is not None else None for term in row] for row in rows] == [
        ["https://news.example.cn/a/1.html", "3月2日,县长孙立来到宾川县桃园村冷库项目现场调研。", "2023-03-02", "2023-03-03",
         "宾川日报"],
        # link: the other name of the address; 近日: the record's date; no headline: the first sentence names it
        ["https://news.example.cn/a/2.html", "近日,县委书记马超调研县城供水工程。", "2023-05-09", "2023-05-09", None],
    ]


def test_documents_csv_lists_every_document_with_its_url(tmp_path):
    import csv

    build_records(tmp_path).save(tmp_path / "out", formats=["csv"])
    with (tmp_path / "out" / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["url"], r["date"], r["published"], r["publisher"]) for r in rows] == [
        ("https://news.example.cn/a/1.html", "2023-03-02", "2023-03-03", "宾川日报"),
        ("https://news.example.cn/a/2.html", "2023-05-09", "2023-05-09", ""),
    ]
