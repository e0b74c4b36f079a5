"""PLACEHOLDER (being written): the kg_projects component."""

from spacy.language import Language


@Language.component("kg_projects")
def kg_projects(doc):
    return doc
