"""PLACEHOLDER (being written): the kg_persons component."""

from spacy.language import Language


@Language.component("kg_persons")
def kg_persons(doc):
    return doc
