"""PLACEHOLDER (being written): the kg_places component."""

from spacy.language import Language


@Language.component("kg_places")
def kg_places(doc):
    return doc
