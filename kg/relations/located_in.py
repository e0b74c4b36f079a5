"""PLACEHOLDER (being written): the kg_located_in component."""

from spacy.language import Language


@Language.component("kg_located_in")
def kg_located_in(doc):
    return doc
