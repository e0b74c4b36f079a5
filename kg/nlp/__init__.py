"""nlp stage: the spaCy components that read entities (a LAC-backed tokenizer, sentence bounds, places,
officials, persons, organisations, projects), each a registered factory doing one thing to the Doc.

:mod:`kg.pipeline` assembles them with the relation components from ``pipeline.cfg``.
"""
