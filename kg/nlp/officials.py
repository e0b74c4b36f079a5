"""PLACEHOLDER (being written): the kg_officials component."""

from spacy.language import Language


@Language.component("kg_officials")
def kg_officials(doc):
    return doc
