"""PLACEHOLDER (being written): the kg_organizations component."""

from spacy.language import Language


@Language.component("kg_organizations")
def kg_organizations(doc):
    return doc
