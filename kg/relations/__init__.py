"""relations stage: components that read entity spans and write ``doc._.facts`` and ``doc._.inspections``;
:func:`kg.relations.collect.document_result` turns a finished Doc into a :class:`kg.model.DocumentResult`.
"""

import kg.nlp.spacy_startup  # noqa: F401  (first: the components import spaCy, which then leaves its command line out)
from kg.relations import (  # noqa: F401,E402
    attributes,
    inspected,
    located_in,
    operated_by,
    participation,
    tours,
    visited,
)
