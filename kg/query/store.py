"""The on-disk Oxigraph store (RocksDB) that ``kg query`` opens instead of loading graph.nq into memory: opened in
milliseconds where loading a million triples takes seconds. It lives in ``OUT/.kg-store/`` beside the graph file it
was made from, is made on the first query that needs it, and is used only while a stamp of that file (its name,
size, modification time and inode, and the pyoxigraph version) matches: a build that rewrites graph.nq makes it
stale, and a stale or damaged store is made again, never read. It is made in a temporary folder renamed into
place, so a concurrent query sees either no store or a complete one, and opened read-only."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

STORE_FOLDER = ".kg-store"  # inside the output folder, beside graph.nq (as the build's .kg-cache)
STAMP_FILE = "stamp.json"  # written last: a folder without it is an unfinished store
DATABASE = "oxigraph"

log = logging.getLogger(__name__)


def stamp_of(source: Path) -> dict:
    """What identifies one version of the graph file, read without reading the file (a hash of 200 MB would cost
    as much as the load the store saves)."""
    status = source.stat()
    return {"source": source.name, "size": status.st_size, "mtime_ns": status.st_mtime_ns,
            "inode": status.st_ino, "pyoxigraph": ox.__version__}


def _stamp_in(folder: Path) -> dict | None:
    try:
        return json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _open_fresh(folder: Path, stamp: dict) -> ox.Store | None:
    """The store in ``folder`` opened read-only if it was made from this version of the source; None if it is
    missing or stale; a damaged one is moved away and None returned."""
    if _stamp_in(folder) != stamp:
        return None
    try:
        store = ox.Store.read_only(str(folder / DATABASE))
        store.query("ASK { ?s ?p ?o }")  # reads the database's files: a damaged one fails here, not mid-query
    except (OSError, RuntimeError) as error:  # RocksDB reports corruption as RuntimeError
        log.warning("%s is damaged (%s): making it again", folder, error)
        _discard(folder)
        return None
    return store


def _discard(folder: Path) -> None:
    """Remove a store folder: renamed first, so that no other process opens it half deleted."""
    old = Path(tempfile.mkdtemp(prefix=f"{STORE_FOLDER}.old-", dir=folder.parent))
    try:
        folder.rename(old / "store")
    except FileNotFoundError:
        pass  # another process moved it away
    shutil.rmtree(old, ignore_errors=True)


def _made(source: Path, fmt: ox.RdfFormat, stamp: dict, out: Path) -> Path:
    """A complete store of ``source`` in a new temporary folder of ``out``: the database, then the stamp."""
    building = Path(tempfile.mkdtemp(prefix=f"{STORE_FOLDER}.new-", dir=out))
    try:
        store = ox.Store(str(building / DATABASE))
        store.bulk_load(path=source, format=fmt, lenient=True)  # our own files: valid IRIs
        store.flush()
        del store  # closes the database before it is renamed
        (building / STAMP_FILE).write_text(json.dumps(stamp), encoding="utf-8")
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return building


def _put_in_place(building: Path, folder: Path, stamp: dict) -> None:
    """Rename the new store to ``folder``, a stale one discarded first; if another process put a store of the
    same version there meanwhile, keep that one (it may be open already)."""
    if folder.exists():
        if _stamp_in(folder) == stamp:
            shutil.rmtree(building, ignore_errors=True)
            return
        _discard(folder)
    try:
        building.rename(folder)
    except OSError:  # another process's store got there first (a non-empty folder cannot be replaced)
        shutil.rmtree(building, ignore_errors=True)


def on_disk_store(source: Path, fmt: ox.RdfFormat) -> ox.Store | None:
    """A read-only on-disk store holding exactly ``source``, made (again) when missing, stale or damaged; None,
    with a warning, when it cannot be made (read-only folder, full disk): the caller loads ``source`` into
    memory. Raises SyntaxError or ValueError when ``source`` does not parse."""
    folder = source.parent / STORE_FOLDER
    stamp = stamp_of(source)
    try:
        store = _open_fresh(folder, stamp)
        if store is None:
            _put_in_place(_made(source, fmt, stamp, source.parent), folder, stamp)
            store = _open_fresh(folder, stamp)
    except OSError as error:
        log.warning("cannot keep a store of %s on disk (%s): loading it into memory", source,
                    error.strerror or error)
        return None
    if store is None:
        log.warning("the store of %s in %s cannot be used: loading it into memory", source, folder)
    return store
