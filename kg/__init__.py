"""officials-kg: a knowledge graph of officials, places and projects from Chinese local-government news.

    >>> import kg
    >>> graph = kg.build(["seeds/"])          # doctest: +SKIP
    >>> graph.query("SELECT ...")             # doctest: +SKIP
"""

from kg.api import build

__all__ = ["build"]
__version__ = "0.1.0"
