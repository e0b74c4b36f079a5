"""PLACEHOLDER (being written): the kg_project_attributes component."""

from spacy.language import Language


@Language.component("kg_project_attributes")
def kg_project_attributes(doc):
    return doc
