"""GraphML and GEXF for Gephi (and networkx, igraph), written element by element from the networkx view.

Gephi rejects list, dict and None attributes, XML-illegal control characters, repeated edge ids and an
attribute declared with two types: values are cleaned as they are written (:func:`scalar`), and a first
pass over the view gives each attribute one type (:class:`AttributeTypes`). No copy of the graph and no XML
tree of the whole file is made, so writing costs no memory beyond the view. GEXF adds colours by node type,
sizes by degree and each edge's time interval (its documents' first and last date) for Gephi's timeline.
Neither file holds the time it was written or a tool version: the same graph gives the same bytes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

if TYPE_CHECKING:  # networkx takes 0.4 s to import: a build that is up to date never needs it
    import networkx as nx


LIST_SEPARATOR = "; "
# XML 1.0 forbids these characters even as character references.
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Node colours by type (r, g, b): one hue per kind, readable on Gephi's white background.
TYPE_COLOURS = {
    "official": (214, 39, 40),
    "person": (255, 152, 150),
    "organization": (148, 103, 189),
    "project": (31, 119, 180),
    "place": (44, 160, 44),
    "event": (255, 127, 14),
}
OTHER_COLOUR = (127, 127, 127)
# Python type of a cleaned value → the attribute type GraphML and GEXF declare for it.
XML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# Characters escaped in attribute values besides & < > (so that they read back as they were).
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
_TEXT_ENTITIES = {"\r": "&#13;"}  # a bare carriage return would read back as a line feed
# Any character escape() would replace: most values have none, and the search is cheaper than escape's replaces.
_ATTRIBUTE_SPECIAL = re.compile("[&<>%s]" % "".join(_ATTRIBUTE_ENTITIES))
_TEXT_SPECIAL = re.compile("[&<>%s]" % "".join(_TEXT_ENTITIES))

GRAPHML_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
GEXF_HEADER = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
    "  <meta>\n    <creator>officials-kg</creator>\n  </meta>\n"
)


def scalar(value):
    """A value Gephi accepts: lists joined, strings cleaned of XML-illegal characters, None kept as None.
    Numbers, most of the values that are not strings, are told by their exact type and returned at once (a
    build cleans every value of the view twice or more)."""
    kind = type(value)
    if kind is int or kind is float:
        return value
    if isinstance(value, str):
        return xml_legal(value)
    if isinstance(value, (list, tuple, set)):
        present = value if None not in value else [v for v in value if v is not None]
        joined = LIST_SEPARATOR.join(map(str, present))
        return xml_legal(joined) if joined else None
    return value


def xml_legal(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids. Those are control characters, surrogates and
    non-characters, none of them printable: the text of most values is printable throughout, and
    ``str.isprintable`` tells so faster than a search (a build cleans every value of the view twice or more)."""
    return text if text.isprintable() else XML_ILLEGAL.sub("", text)


def clean_attributes(data: dict, without: frozenset = frozenset()) -> dict:
    """The attributes of a node or edge as Gephi takes them: scalar values, None and those named in
    ``without`` left out."""
    cleaned = {}
    for name, value in data.items():
        if name not in without:
            value = scalar(value)
            if value is not None:
                cleaned[_attribute_name(name)] = value
    return cleaned


@lru_cache(maxsize=1024)
def _attribute_name(name) -> str:
    """An attribute's name as a string without XML-illegal characters (a view has a few dozen names)."""
    return xml_legal(str(name))


class AttributeTypes:
    """The one type of each attribute over all records, by name: where values of several types meet, int
    and float make float and anything else makes str. Attributes are written in this order, whatever the
    order of the view's dicts (a graph loaded back from its files writes the same bytes as a fresh one).
    An attribute named in ``without`` is neither typed nor written (GEXF's label has a field of its own)."""

    def __init__(self, kinds: dict[Any, set[type]], without: frozenset[str] = frozenset()):
        """``kinds``: :func:`attribute_kinds` of the records."""
        by_clean_name: dict[str, set[type]] = {}
        for name, of_name in kinds.items():
            if name not in without:
                by_clean_name.setdefault(_attribute_name(name), set()).update(of_name)
        self.types = {name: _common_type(by_clean_name[name]) for name in sorted(by_clean_name)}
        self.without = without
        self._plans: dict[tuple, list | None] = {}  # the names of a record → how its values are written

    def texts(self, attributes: dict) -> list[tuple[str, str]]:
        """(name, value as text, unescaped) of ``attributes`` (as the view has them: not cleaned), in the order
        of the declarations, each value cleaned and of its declared type."""
        names = tuple(attributes)
        plan = self._plans.get(names, False)
        if plan is False:
            plan = self._plans[names] = self._plan(names)
        if plan is None:  # two names of the record clean to one: the last value not None is written
            cleaned = clean_attributes(attributes, self.without)
            plan = [(name, name, kind) for name, kind in self.types.items() if name in cleaned]
            attributes = cleaned
        texts = []
        for raw_name, name, kind in plan:
            value = attributes[raw_name]
            if type(value) is str:  # its kind is str: a name with a string value is declared a string
                texts.append((name, xml_legal(value)))
            elif value is not None:
                value = scalar(value)
                if value is not None:
                    if type(value) is not kind:
                        value = kind(value)
                    texts.append((name, value if kind is str else _text(value)))
        return texts

    def _plan(self, names: tuple) -> list[tuple[Any, str, type]] | None:
        """(name in the records, declared name, type) of each declared attribute among ``names`` (the names of
        a record, in its order), in the order of the declarations; None when two of them clean to one name."""
        raw_names: dict[str, Any] = {}
        for raw_name in names:
            if raw_name not in self.without:
                if raw_names.setdefault(_attribute_name(raw_name), raw_name) is not raw_name:
                    return None
        return [(raw_names[name], name, kind) for name, kind in self.types.items() if name in raw_names]


def attribute_kinds(records: Iterable[dict]) -> dict[Any, set[type]]:
    """The types of the values of each attribute over all records (as :func:`scalar` makes them; None and
    empty lists left out), by the name in the records: what :class:`AttributeTypes` declares from, gathered
    in one pass for GraphML's declarations and GEXF's."""
    seen: dict[Any, set[type]] = {}
    for record in records:
        for name, value in record.items():
            kind = type(value)
            if kind not in _PLAIN_TYPES:
                kind = _scalar_type(value)
                if kind is None:
                    continue
            if name in seen:
                seen[name].add(kind)
            else:
                seen[name] = {kind}
    return seen


def view_attribute_kinds(view: nx.MultiDiGraph) -> tuple[dict[Any, set[type]], dict[Any, set[type]]]:
    """:func:`attribute_kinds` of the view's nodes and of its edges."""
    return (attribute_kinds(data for _, data in view.nodes(data=True)),
            attribute_kinds(data for _, _, data in view.edges(data=True)))


_PLAIN_TYPES = frozenset({str, int, float, bool})  # types whose values are scalar as they are
_LABEL_ONLY = frozenset({"label"})  # GEXF has its own label field: the label is not among the attribute values


def _scalar_type(value) -> type | None:
    """The type of ``scalar(value)`` (None when that is None), found without joining or cleaning the value:
    the types of every record are needed before the first is written."""
    if isinstance(value, (list, tuple, set)):
        present = value if None not in value else [v for v in value if v is not None]
        return str if len(present) > 1 or present and str(next(iter(present))) else None
    return None if value is None else str if isinstance(value, str) else type(value)


def _common_type(kinds: set[type]) -> type:
    if len(kinds) == 1:
        return next(iter(kinds))
    return float if kinds <= {int, float} else str


def write_graphml(view: nx.MultiDiGraph, path: Path, kinds: tuple[dict, dict] | None = None) -> None:
    """GraphML with attribute keys named after the attributes (Gephi and igraph show those names);
    ``kinds``: :func:`view_attribute_kinds` of the view, when known."""
    node_kinds, edge_kinds = kinds or view_attribute_kinds(view)
    _write(path, _graphml_lines(view, AttributeTypes(node_kinds), AttributeTypes(edge_kinds)))


def _graphml_lines(view: nx.MultiDiGraph, node_types: AttributeTypes, edge_types: AttributeTypes) -> Iterator[str]:
    yield GRAPHML_HEADER
    for scope, types in (("node", node_types), ("edge", edge_types)):
        for name, kind in types.types.items():
            yield (f'  <key id={_quote(name)} for="{scope}" attr.name={_quote(name)} '
                   f'attr.type="{XML_TYPES[kind]}"/>\n')
    yield '  <graph edgedefault="directed">\n'
    node_keys, edge_keys = ({name: f"      <data key={_quote(name)}>" for name in types.types}
                            for types in (node_types, edge_types))
    for node, data in view.nodes(data=True):
        yield f"    <node id={_quoted_id(node)}>\n{_graphml_data(node_types, node_keys, data)}    </node>\n"
    for number, (u, v, data) in enumerate(view.edges(data=True)):
        yield (f'    <edge id="e{number}" source={_quoted_id(u)} target={_quoted_id(v)}>\n'
               f"{_graphml_data(edge_types, edge_keys, data)}    </edge>\n")
    yield "  </graph>\n</graphml>\n"


def _graphml_data(types: AttributeTypes, keys: dict[str, str], data: dict) -> str:
    """The <data> elements of a node or edge, ``keys`` holding each one's opening tag."""
    return "".join([f"{keys[name]}{_escaped_text(text)}</data>\n" for name, text in types.texts(data)])


def write_gexf(view: nx.MultiDiGraph, path: Path, kinds: tuple[dict, dict] | None = None) -> None:
    """GEXF 1.2 with colours by node type, sizes by degree, and the view's labels as node and edge labels;
    ``kinds``: :func:`view_attribute_kinds` of the view, when known."""
    node_kinds, edge_kinds = kinds or view_attribute_kinds(view)
    node_types, edge_types = (AttributeTypes(of_view, without=_LABEL_ONLY) for of_view in (node_kinds, edge_kinds))
    _write(path, _gexf_lines(view, node_types, edge_types))


def _gexf_lines(view: nx.MultiDiGraph, node_types: AttributeTypes, edge_types: AttributeTypes) -> Iterator[str]:
    yield GEXF_HEADER
    yield '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n'
    node_ids = {name: str(number) for number, name in enumerate(node_types.types)}
    edge_ids = {name: str(number) for number, name in enumerate(edge_types.types, start=len(node_ids))}
    node_values, edge_values = ({name: f'          <attvalue for="{ids[name]}" value="' for name in ids}
                                for ids in (node_ids, edge_ids))
    for scope, types, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
        yield f'    <attributes class="{scope}" mode="static">\n'
        for name, kind in types.types.items():
            yield f'      <attribute id="{ids[name]}" title={_quote(name)} type="{XML_TYPES[kind]}"/>\n'
        yield "    </attributes>\n"
    yield "    <nodes>\n"
    for node, data in view.nodes(data=True):
        node_id = xml_legal(str(node))
        r, g, b = TYPE_COLOURS.get(data.get("type"), OTHER_COLOUR)
        size = 4.0 + 4.0 * math.sqrt(view.degree(node))
        yield (f"      <node id={_quote(node_id)} label={_quote(_label(data) or node_id)}>\n"
               f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>\n'
               f'        <viz:size value="{size!r}"/>\n'
               f"{_gexf_values(node_types, node_values, data)}      </node>\n")
    yield "    </nodes>\n    <edges>\n"
    for number, (u, v, data) in enumerate(view.edges(data=True)):
        label = _label(data)
        yield (f'      <edge id="e{number}" source={_quoted_id(u)} target={_quoted_id(v)}'
               f"{'' if label is None else f' label={_quote(label)}'}{_interval(data)}>\n"
               f"{_gexf_values(edge_types, edge_values, data)}      </edge>\n")
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _interval(data: dict) -> str:
    """Gephi's time interval of an edge: from the first to the last date of its documents (dates with a
    year, month and day); none for an edge without such dates, which then lasts the whole timeline."""
    first, last = data.get("first_date"), data.get("last_date")
    if not (isinstance(first, str) and FULL_DATE.fullmatch(first) and isinstance(last, str)
            and FULL_DATE.fullmatch(last)):
        return ""
    return f' start="{first}" end="{last}"'


def _gexf_values(types: AttributeTypes, openings: dict[str, str], data: dict) -> str:
    """The <attvalues> of a node or edge, ``openings`` holding each <attvalue> up to its value."""
    texts = types.texts(data)
    if not texts:
        return ""
    rows = "".join([f'{openings[name]}{_escaped_attribute(text)}"/>\n' for name, text in texts])
    return f"        <attvalues>\n{rows}        </attvalues>\n"


def _label(data: dict) -> str | None:
    label = scalar(data.get("label"))
    return None if label is None else str(label)


def _text(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _quote(value: str) -> str:
    return '"' + _escaped_attribute(value) + '"'


def _escaped_attribute(value: str) -> str:
    return escape(value, _ATTRIBUTE_ENTITIES) if _ATTRIBUTE_SPECIAL.search(value) else value


def _quoted_id(node) -> str:
    """A node id as an attribute value: its text, cleaned and escaped."""
    return _quote(xml_legal(str(node)))


def _escaped_text(value: str) -> str:
    return escape(value, _TEXT_ENTITIES) if _TEXT_SPECIAL.search(value) else value


def _write(path: Path, lines: Iterator[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.writelines(lines)
