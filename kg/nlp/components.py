"""Imports every entity component module so that its factory is registered with spaCy."""

from kg.nlp import officials, organizations, persons, places, projects  # noqa: F401
