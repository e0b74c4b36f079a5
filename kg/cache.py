"""Per-document result cache: rebuilding an unchanged corpus does no NLP.

A cached result is keyed by the document's content hash and by a fingerprint of everything that shapes
extraction (the code and data files of the ingest, normalise, nlp and relations stages, and the pipeline
config). Change any of them and every document is processed again; change one article and only that one
is. Entries are written atomically, so a killed build leaves no half-written entry.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.model import DocumentResult

PACKAGE = Path(__file__).resolve().parent
# What a cached result depends on, relative to the package folder.
EXTRACTION_SOURCES = ("model.py", "ingest.py", "lexicon.py", "normalise", "nlp", "relations", "pipeline.py",
                      "extraction.py")
# What the output files depend on besides the documents: the whole package.
ALL_SOURCES = (".",)
SOURCE_SUFFIXES = {".py", ".txt", ".tsv", ".cfg", ".json", ".ttl", ".html", ".css", ".js"}


@lru_cache(maxsize=16)
def fingerprint(config_path: str | None = None, sources: tuple[str, ...] = EXTRACTION_SOURCES) -> str:
    """Hash of the code and data files under ``sources`` (default: extraction) and the pipeline config."""
    digest = hashlib.sha1()
    for name in sources:
        root = PACKAGE / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.suffix in SOURCE_SUFFIXES)
        for path in files:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    if config_path:
        digest.update(Path(config_path).read_bytes())
    return digest.hexdigest()[:16]


class ResultCache:
    """Results stored as JSON under ``root/<fingerprint>/<doc_id>.json``, after a first line holding the
    SHA-1 of the JSON: an entry that is damaged or edited (even into valid JSON of another shape) fails
    the check and its document is processed again, instead of breaking every later build."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)

    @classmethod
    def open(cls, root: Path | str, config_path: str | None = None) -> ResultCache:
        """The cache of the current pipeline under ``root``, created if needed; older fingerprints pruned.
        Called once per build: workers then share the folder through :class:`ResultCache` itself."""
        folder = Path(root) / fingerprint(config_path)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.parent.iterdir():
            if stale.is_dir() and stale != folder:
                shutil.rmtree(stale, ignore_errors=True)
        return cls(folder)

    def get(self, doc_id: str) -> DocumentResult | None:
        """The cached result of ``doc_id``, or None when there is none or it fails its checksum."""
        try:
            checksum, _, payload = (self.folder / f"{doc_id}.json").read_text(encoding="utf-8").partition("\n")
        except (OSError, ValueError):
            return None
        if checksum != _checksum(payload):
            return None
        result = DocumentResult.from_json(payload)
        return result if result.doc_id == doc_id else None

    def put(self, result: DocumentResult, payload: str | None = None) -> None:
        """Keep ``result``; ``payload``, its :meth:`~kg.model.DocumentResult.to_json` when already made (a Dask
        worker sends it so)."""
        payload = result.to_json() if payload is None else payload
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(f"{_checksum(payload)}\n{payload}")
            os.replace(temporary, self.folder / f"{result.doc_id}.json")
        except BaseException:  # a full disk: no half-written entry left behind
            Path(temporary).unlink(missing_ok=True)
            raise


def _checksum(payload: str) -> str:
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedResult:
    """A document's result that is in the cache: what a build keeps instead of the result itself."""

    doc_id: str
    source: str


class CacheLost(RuntimeError):
    """A cached result went missing while the build was reading it (its folder was changed meanwhile)."""


class Results:
    """Every document's result in doc-id order, read from the cache each time they are iterated (those
    that could not be cached are held, and those a build of several processes read as they came, compact:
    :func:`kg.api.extract`). A 100× benchmark corpus's results take 150 MB in memory and 1.4 s to read
    back: a build in one process reads them twice rather than hold them."""

    def __init__(self, items: Iterable[DocumentResult | CachedResult], cache: ResultCache | None):
        self.items = sorted(items, key=lambda item: item.doc_id)
        self.cache = cache

    def __iter__(self) -> Iterator[DocumentResult]:
        for item in self.items:
            if isinstance(item, DocumentResult):
                yield item
                continue
            result = self.cache.get(item.doc_id)  # a reference is only made for a result put in the cache
            if result is None:
                raise CacheLost(f"the cached result of {item.source} is gone from {self.cache.folder} "
                                f"(was the output folder changed during the build?): build again")
            result.source = item.source
            yield result
