"""relations stage: components that read entity spans and write ``doc._.facts`` and ``doc._.inspections``;
:func:`kg.relations.collect.document_result` turns a finished Doc into a :class:`kg.model.DocumentResult`.
"""

from kg.relations import attributes, inspected, located_in  # noqa: F401,E402
