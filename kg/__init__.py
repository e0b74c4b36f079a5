"""officials-kg: a knowledge graph of officials, places and projects from Chinese local-government news.

    >>> import kg
    >>> graph = kg.build(["seeds/"])          # doctest: +SKIP
    >>> graph.query("SELECT ...")             # doctest: +SKIP
"""

import functools
import importlib.abc
import importlib.machinery
import re._compiler
import sys
import types


class _SpacyWithoutItsCommandLine(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Lets ``import spacy`` skip spaCy's command line. ``spacy/__init__`` imports ``spacy.cli.info`` only to
    offer ``spacy.info``, and with it all of ``spacy.cli`` (weasel, requests, httpx, jinja2, training configs
    read from YAML): ~0.2 s of CPU in every process that loads the pipeline, none of it used by a build.

    Put first on ``sys.meta_path`` by this package, it waits for spaCy's import (whoever asks for it, and
    only if it is asked for: ``kg query`` never imports spaCy) and runs spaCy's own ``__init__`` with a
    stand-in for ``spacy.cli.info`` whose ``info`` imports the real one when called. Then it takes the
    stand-in out and itself off ``sys.meta_path``: ``import spacy.cli`` imports the real modules, as before.
    """

    def find_spec(self, name, path=None, target=None):
        if name != "spacy":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        self.loader = spec.loader
        spec.loader = self
        return spec

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        module.__loader__ = module.__spec__.loader = self.loader  # spaCy's resources are found through it
        stand_in = types.ModuleType("spacy.cli.info", "Stands for spacy.cli.info while spaCy is imported.")
        stand_in.info = _spacy_info
        sys.modules.setdefault(stand_in.__name__, stand_in)
        try:
            self.loader.exec_module(module)
        finally:
            if sys.modules.get(stand_in.__name__) is stand_in:
                del sys.modules[stand_in.__name__]


def _spacy_info(*args, **kwargs):
    """``spacy.info``, imported when called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def remember_optimized_charsets(compiler: types.ModuleType = re._compiler) -> None:
    """Makes ``re`` optimise each character class once per process. Compiling a class, sre marks its
    characters one by one in a bitmap (Python code): a Han range ``[\\u4e00-\\u9fff]`` costs ~1 ms, and the
    patterns of kg and spaCy hold the same classes hundreds of times (1,400 classes, 450 different: ~0.07 s of
    CPU in every process). The optimised form is a function of the class and of the case functions alone,
    so a remembered one is the one sre would make again; a copy is handed out each time.
    """
    optimize = compiler._optimize_charset
    if hasattr(optimize, "__wrapped__"):
        return
    remembered: dict = {}

    @functools.wraps(optimize)
    def optimize_once(charset, iscased=None, fixup=None, fixes=None):
        key = (tuple(charset), iscased, fixup, None if fixes is None else id(fixes))  # fixes: sre's one table
        try:
            found = remembered.get(key)
        except TypeError:  # an item that cannot be a key: not remembered
            return optimize(charset, iscased, fixup, fixes)
        if found is None:
            found = remembered[key] = optimize(charset, iscased, fixup, fixes)
        return list(found[0]), found[1]

    compiler._optimize_charset = optimize_once


remember_optimized_charsets()
if "spacy" not in sys.modules:
    sys.meta_path.insert(0, _SpacyWithoutItsCommandLine())

from kg.api import build  # noqa: E402

__all__ = ["build"]
__version__ = "0.1.0"
