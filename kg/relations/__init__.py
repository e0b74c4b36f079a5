"""relations stage: components that read entity spans and write ``doc._.facts`` and ``doc._.inspections``;
:func:`kg.relations.collect.document_result` turns a finished Doc into a :class:`kg.model.DocumentResult`.
"""

from kg.relations import (  # noqa: F401,E402
    attributes,
    inspected,
    located_in,
    operated_by,
    participation,
    tours,
    visited,
)
