"""The pipeline: one spaCy ``Language("zh")`` made from ``kg/nlp/pipeline.cfg``, with the factories of the
nlp stage (tokenizer, sentences, entity components) and of the relations stage registered.

It stands above both stages, so that the nlp stage never imports the relations stage that reads its spans.
:func:`load` builds the pipeline; :func:`make_doc` runs it on a normalised document.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import kg.nlp.spacy_startup  # noqa: F401  (first: spaCy, imported below, then leaves its command line out)
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.relations import (  # noqa: F401  (registers the relation components)
    attributes, inspected, located_in, operated_by, participation, tours, visited,
)
from kg.model import CleanDocument
from kg.nlp import components, extensions, sentences, tokenizer  # noqa: F401  (registers the nlp factories)

DEFAULT_CONFIG = Path(__file__).parent / "nlp" / "pipeline.cfg"


@lru_cache(maxsize=4)
def load(config_path: str | None = None) -> Language:
    """The pipeline described by ``config_path`` (default: the bundled ``pipeline.cfg``)."""
    extensions.register()
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
