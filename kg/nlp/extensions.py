"""Extension attributes the pipeline components write on Doc and Span.

Entity spans live in span groups named after their kind (``doc.spans["officials"]``, ``"persons"``,
``"organizations"``, ``"places"``, ``"projects"``) because entities overlap: the place 新荣区 sits inside
the project name 新荣区锐华新能源装备产业项目. Span extension values are stored by character offsets, so
they survive the token splits done by :func:`kg.nlp.spans.char_span`.
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
    span_attrs = {
        "canonical": None,  # canonical simplified name of the entity
        "attrs": None,  # dict: titles, jurisdiction, level, adcode, ancestors, investment, …
    }
    for name, default in doc_attrs.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in span_attrs.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
