"""Zones built as one undertaking (X小镇, X产业园, X安置小区): a project named by the zone, which is not its
own location; and a zone that only frames a visit to a company in it, which is a place only. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.pipeline import load, make_doc
from kg.normalise import normalise


def _doc(text: str):
    return make_doc(normalise(Document("t", "t", text)), load())


def _projects(text: str) -> set[str]:
    doc = _doc(text)
    return {span._.canonical for span in doc.spans["projects"]}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("5月6日，县委书记李铭远一行先后来到茶旅小镇、梅江村，察看项目建设进展。", "茶旅小镇"),
        ("县长王刚来到石门村安置小区，了解群众入住情况。", "石门村安置小区"),
    ],
)
def test_a_zone_the_place_component_reads_is_a_project_too(text, name):
    assert name in _projects(text)


def test_a_zone_project_is_not_located_in_itself():
    doc = _doc("宁化县正全力打造客家风情小镇。5月6日，县委书记李铭远来到客家风情小镇，察看项目进展。")
    located = {f.subject[1]: f.object[1] for f in doc._.facts if f.predicate == "locatedIn"}
    assert located.get("客家风情小镇") not in (None, "客家风情小镇")


@pytest.mark.parametrize(
    ("text", "is_project"),
    [
        ("在梅州客都产业园，市长首先来到嘉应制药有限公司，了解企业生产情况。", False),
        ("在梅州客都产业园，市长察看了厂房和道路建设情况。", True),  # the zone's own works
    ],
)
def test_a_zone_framing_a_visit_to_a_company_in_it_is_a_place(text, is_project):
    assert ("梅州客都产业园" in _projects(text)) is is_project


def test_a_zone_both_place_and_project_keeps_its_place_attributes():
    doc = _doc("宁化县近年来全力推进客家风情小镇建设。")
    [zone] = [span for span in doc.spans["places"] if span.text == "客家风情小镇"]
    assert "客家风情小镇" in {span.text for span in doc.spans["projects"]}
    assert zone._.attrs.get("ancestors")


def test_a_zone_hosting_an_event_is_a_place_in_the_whole_text():
    text = "全区秋季项目开工仪式在桂湾科创产业园举行。桂湾科创产业园已入驻企业30家。"
    assert "桂湾科创产业园" not in _projects(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("市长来到钦州国际陆港，察看二期码头进展。", "钦州国际陆港"),
        ("随后来到柳州铁海联运物流港，了解运营情况。", "柳州铁海联运物流港"),
    ],
)
def test_an_inland_port_is_a_work(text, name):
    assert name in _projects(text)
