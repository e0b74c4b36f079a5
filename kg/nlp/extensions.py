"""Extension attributes the pipeline components write on Doc and Span.

Entity spans live in span groups named after their kind (``doc.spans["officials"]``, ``"persons"``,
``"organizations"``, ``"places"``, ``"projects"``) because entities overlap: the place 新荣区 sits inside
the project name 新荣区锐华新能源装备产业项目. Span extension values are stored by character offsets and
label, so they survive the token splits done by :func:`kg.nlp.spans.char_span`, and two entities of different
kinds on the same characters keep their own values (the company 某某石化公司 and the project a visit to it
names): spaCy keys its own span extensions by offsets alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_GROUPS = ("officials", "persons", "organizations", "places", "projects")


def register() -> None:
    """Idempotent: called whenever a pipeline is built."""
    doc_attrs = {
        "clean": None,  # kg.model.CleanDocument the Doc was made from
        "home_place": None,  # canonical name of the place 我市 / 我县 / 本市 refer to
        "facts": None,  # list[kg.model.Fact], set by relation components
        "inspections": None,  # list[kg.model.Inspection]
    }
    span_attrs = (
        "canonical",  # canonical simplified name of the entity
        "attrs",  # dict: titles, jurisdiction, level, adcode, ancestors, investment, …
    )
    for name, default in doc_attrs.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name in span_attrs:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(name), setter=_setter(name))


def _key(name: str, span: Span) -> tuple:
    return _value_key(name, span.start_char, span.end_char, span.label_)


def _value_key(name: str, start: int, end: int, label: str) -> tuple:
    return ("kg._.", name, start, end, label)


def value_of(span: Span, name: str):
    """``span._.<name>`` (``canonical``, ``attrs``), read by the span's offsets and label without making its ``_``
    object (readers that go over every span of a group: spaCy makes that object anew at each ``span._``)."""
    return span.doc.user_data.get(_value_key(name, span.start_char, span.end_char, span.label_))


def set_span_values(doc: Doc, start: int, end: int, label: str, **values) -> None:
    """``span._.name = value`` for each value, for the span of ``doc`` at characters [start, end) with ``label``,
    without making the Span's ``_`` object (the setters' lookups were a third of adding a span)."""
    for name, value in values.items():
        doc.user_data[_value_key(name, start, end, label)] = value


def _getter(name: str):
    return lambda span: value_of(span, name)


def _setter(name: str):
    def set_value(span: Span, value) -> None:
        span.doc.user_data[_key(name, span)] = value

    return set_value
