"""spaCy imported without its command line (0.2 s of CPU less in every process that loads the pipeline).

Imported, before spaCy, by the modules through which kg first imports it: :mod:`kg.pipeline` (a build, its
worker processes and Dask workers) and :mod:`kg.relations` (whose components a script or a test may import
alone). ``import kg`` installs nothing: a process that never reads an article never imports spaCy (a rebuild
whose articles all come from the cache, the own process of a parallel build: :mod:`kg.relations.words`).
"""

import importlib.abc
import importlib.machinery
import sys
import types


class _SpacyWithoutItsCommandLine(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Lets ``import spacy`` skip spaCy's command line. ``spacy/__init__`` imports ``spacy.cli.info`` only to
    offer ``spacy.info``, and with it all of ``spacy.cli`` (weasel, requests, httpx, jinja2, training configs
    read from YAML): ~0.2 s of CPU in every process that loads the pipeline, none of it used by a build.

    Put first on ``sys.meta_path`` when this module is imported (if spaCy is not imported yet), it waits for
    spaCy's import and runs spaCy's own ``__init__`` with a stand-in for ``spacy.cli.info`` whose ``info``
    imports the real one when called. Then it takes the stand-in out and itself off ``sys.meta_path``:
    ``import spacy.cli`` imports the real modules, as before.
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


if "spacy" not in sys.modules:
    sys.meta_path.insert(0, _SpacyWithoutItsCommandLine())
