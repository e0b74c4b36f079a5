"""A result's JSON for the cache (``DocumentResult.to_json``) is exactly ``json.dumps`` of ``to_dict``, the
form the cache stored before."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kg.model import DocumentResult, EntityRecord, Evidence, Fact, Inspection


def evidence(n: int) -> Evidence:
    return Evidence(f"doc{n}", f"第{n}句，含\"引号\"、\\反斜杠\\和\n换行。", n, n + 3)


RESULTS = [
    DocumentResult("empty", "a.txt"),
    DocumentResult(
        "full", "dir/b.jsonl:3", headline="某县召开会议", date="--05-08", home_place="某县", published="2024-05-08",
        url="https://example.org/a?b=1&c=2", publisher="某县融媒体中心", lead="5月8日，县长……",
        entities=[
            EntityRecord("official", "林某", aliases=["林县长", "林"], evidence=[evidence(1), evidence(2)],
                         attrs={"titles": ["县长", "县委副书记"], "jurisdiction": "某县", "posts": [{"title": "县长"}],
                                "level": None, "share": 0.5, "count": 3, "flag": True, "nested": [[1, 2], ("a", "b")]}),
            EntityRecord("place", "某县", attrs={"adcode": "140000", "ancestors": ("某省", "某市")}),
            EntityRecord("project", "饲料加工项目", attrs={"investment": 1.5e9, "tiny": 1e-7, "big": 10**20}),
        ],
        facts=[
            Fact(("official", "林某"), "inspected", ("project", "饲料加工项目"), 0.9, evidence(3)),
            Fact(("project", "饲料加工项目"), "investment", 150000000.0, 1.0),
            Fact(("project", "饲料加工项目"), "status", "在建", 0.75, None),
        ],
        inspections=[Inspection(["林某"], ["饲料加工项目"], "2024-05-08", [evidence(4)]), Inspection([], [], None)],
    ),
]


@pytest.mark.parametrize("result", RESULTS, ids=lambda r: r.doc_id)
def test_to_json_is_the_json_of_to_dict(result):
    assert result.to_json() == json.dumps(result.to_dict(), ensure_ascii=False)


def test_to_json_of_the_seed_results_is_the_json_of_to_dict():
    from kg.api import extract

    results, _ = extract([str(Path(__file__).resolve().parents[1] / "seeds")])  # wherever pytest runs from
    assert results.items
    for result in results:
        assert result.to_json() == json.dumps(result.to_dict(), ensure_ascii=False)


def test_values_json_cannot_hold_still_fail_as_before():
    broken = DocumentResult("x", "x.txt", entities=[EntityRecord("place", "某地", attrs={"when": object()})])
    with pytest.raises(TypeError):
        broken.to_json()
    nan = DocumentResult("n", "n.txt", facts=[Fact(("project", "p"), "investment", math.nan, 1.0)])
    assert nan.to_json() == json.dumps(nan.to_dict(), ensure_ascii=False)
