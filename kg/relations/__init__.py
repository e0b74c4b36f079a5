"""relations stage: components that read entity spans and write ``doc._.facts`` and ``doc._.inspections``;
:func:`kg.relations.collect.document_result` turns a finished Doc into a :class:`kg.model.DocumentResult`.

The components are registered by :mod:`kg.pipeline`, which assembles both stages; their word lists
(:mod:`kg.relations.words`) are read without spaCy.
"""

import kg.nlp.spacy_startup  # noqa: F401  (first: the components import spaCy, which then leaves its command line out)
