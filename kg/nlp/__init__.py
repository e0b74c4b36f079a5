"""nlp stage: a spaCy ``Language`` ("zh") built from ``pipeline.cfg``.

The tokenizer is LAC-backed; the entity components (places, officials, persons, organisations, projects)
and the relation components of :mod:`kg.relations` are registered factories, each doing one thing to the
Doc. :func:`load` builds the pipeline; :func:`make_doc` runs it on a normalised document.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.model import CleanDocument
from kg.nlp import extensions, sentences, tokenizer  # noqa: F401  (registers factories)

DEFAULT_CONFIG = Path(__file__).with_name("pipeline.cfg")


def _register_components() -> None:
    import kg.nlp.components  # noqa: F401
    import kg.relations  # noqa: F401


@lru_cache(maxsize=4)
def load(config_path: str | None = None) -> Language:
    """The pipeline described by ``config_path`` (default: the bundled ``pipeline.cfg``)."""
    extensions.register()
    _register_components()
    config = spacy.util.load_config(config_path or DEFAULT_CONFIG)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    return nlp


def make_doc(clean: CleanDocument, nlp: Language | None = None) -> Doc:
    """Tokenize the clean text, attach the document, and run every component."""
    nlp = nlp or load()
    doc = nlp.make_doc(clean.text)
    doc._.clean = clean
    return nlp(doc)
