"""Read articles from files, folders, globs or stdin into :class:`~kg.model.Document` records.

A file that cannot be read becomes a :class:`~kg.model.Failure` with a one-line reason; nothing else is
lost. Supported: ``.txt`` (any other suffix is read as text too), ``.html``/``.htm`` (article text
extracted with trafilatura), ``.jsonl`` (one article per line: ``text`` plus optional ``url``, ``title``,
``date``, ``source``).
"""

from __future__ import annotations

import glob
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document, Failure

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Encodings tried, in order, when the bytes are not UTF-8: Chinese news comes in these.
LEGACY_ENCODINGS = ("gb18030", "big5", "utf-16")


class DecodeError(ValueError):
    """The bytes of a file are not text in any encoding we accept."""


def document_id(text: str) -> str:
    """Content hash: the same article read twice, from anywhere, is one document."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[Failure]]:
    """Files, folders (recursive), globs and ``-`` → a sorted, de-duplicated list of paths."""
    paths: list[str] = []
    failures: list[Failure] = []
    for item in inputs:
        if item == "-":
            paths.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES and not p.name.startswith(".")
            )
            paths.extend(found)
        elif path.is_file():
            paths.append(str(path))
        elif any(ch in item for ch in "*?["):
            matches = sorted(p for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                failures.append(Failure(item, "ingest", "the pattern matches no file"))
            paths.extend(matches)
        else:
            failures.append(Failure(item, "ingest", "no such file or folder"))
    seen: set[str] = set()
    unique = [p for p in paths if not (p in seen or seen.add(p))]
    return unique, failures


def decode(data: bytes) -> str:
    """Bytes → text: BOMs first, then strict UTF-8, then GB18030 / Big5 / UTF-16 by detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_like_utf16(data):
        try:
            return data.decode("utf-16-le")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    candidates = ([best.encoding] if best else []) + list(LEGACY_ENCODINGS)
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _mostly_text(text):
            return text
    raise DecodeError("cannot decode as UTF-8, GB18030, Big5 or UTF-16")


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: Chinese text in UTF-16-LE has NUL in few high bytes but ASCII in many."""
    sample = data[:4000]
    return len(sample) >= 4 and len(sample) % 2 == 0 and sample[1::2].count(0) > len(sample) // 8


def _mostly_text(text: str) -> bool:
    """Guard against a legacy codec that 'decodes' binary junk into private-use or control characters."""
    if not text:
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.01


def html_to_text(html: str) -> tuple[str, dict]:
    """Article body and metadata from an HTML page; navigation, ads and link lists are dropped."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_links=False, favor_precision=True
    )
    meta: dict = {}
    parsed = trafilatura.extract_metadata(html)
    if parsed is not None:
        for key in ("title", "date", "url"):
            value = getattr(parsed, key, None)
            if value:
                meta[key] = value
    if not text:
        raise DecodeError("no article text found in the HTML page")
    return text, meta


def read_path(path: str) -> Iterator[Document | Failure]:
    """Every document in one file (several for JSONL), or the failures that stopped it."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        yield Failure(path, "ingest", f"cannot read: {exc.strerror or exc}")
        return
    source = "<stdin>" if path == "-" else path
    suffix = "" if path == "-" else Path(path).suffix.lower()
    try:
        text = decode(data)
    except DecodeError as exc:
        yield Failure(source, "ingest", str(exc))
        return
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(source, text)
        return
    meta: dict = {}
    if suffix in HTML_SUFFIXES:
        try:
            text, meta = html_to_text(text)
        except Exception as exc:  # trafilatura raises many kinds on broken pages
            yield Failure(source, "ingest", f"HTML: {exc}")
            return
    if not text.strip():
        yield Failure(source, "ingest", "empty file")
        return
    yield Document(doc_id=document_id(text), source=source, raw=text, meta=meta)


def _read_jsonl(source: str, text: str) -> Iterator[Document | Failure]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, "ingest", f"broken JSON line: {exc.msg} at column {exc.colno}")
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield Failure(where, "ingest", 'JSON line has no "text"')
            continue
        meta = {k: record[k] for k in ("url", "title", "date", "source") if record.get(k)}
        yield Document(doc_id=document_id(body), source=where, raw=body, meta=meta)


def read_inputs(inputs: Iterable[str]) -> Iterator[Document | Failure]:
    """Documents and failures from all inputs, in a stable order; duplicates of content are skipped."""
    paths, failures = expand_inputs(inputs)
    yield from failures
    seen: set[str] = set()
    for path in paths:
        for item in read_path(path):
            if isinstance(item, Document):
                if item.doc_id in seen:
                    continue
                seen.add(item.doc_id)
            yield item
