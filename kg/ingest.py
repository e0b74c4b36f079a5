"""Read articles from files, folders, globs or stdin into :class:`~kg.model.Document` records.

A file that cannot be read becomes a :class:`~kg.model.Failure` with a one-line reason; nothing else is
lost. Supported: ``.txt`` (any other suffix is read as text too), ``.html``/``.htm`` (article text
extracted with trafilatura), ``.jsonl`` (one article per line: ``text`` plus optional ``url`` or ``link``,
``title``, ``date``, ``source``).
"""

from __future__ import annotations

import errno
import glob
import hashlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Document, Failure

TEXT_SUFFIXES = {".txt", ".text", ""}  # a folder's README.md or INDEX.md is not an article
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Encodings tried, in order, when the bytes are not UTF-8 or UTF-16: Chinese news comes in these.
LEGACY_ENCODINGS = ("gb18030", "big5")
BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
MAX_CHARACTER_BYTES = 4  # the longest character in UTF-8 and GB18030
DETECTION_SAMPLE = 65536
MIN_HTML_TEXT = 10  # characters: less than this from a page is navigation, not an article
# UTF-16 without a BOM is accepted when this share of the decoded characters is plausible (other byte
# streams read as UTF-16 give code points all over the BMP: about a third of them Han)
UTF16_PLAUSIBLE = 0.9
PLAUSIBLE_CHARACTERS = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# Files that are certainly not text, by their first bytes: reported by name instead of decoded as junk.
BINARY_SIGNATURES = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
)


class DecodeError(ValueError):
    """The bytes of a file are not text in any encoding we accept."""


def document_id(text: str) -> str:
    """Content hash: the same article read twice, from anywhere, is one document."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def display_path(path: str) -> str:
    """A path as valid Unicode: bytes of a file name that are not UTF-8 (Python keeps them as lone
    surrogates, which neither JSON nor RDF literals accept) are written as ``\\xNN``, so the name stays
    readable and distinct."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def has_lone_surrogate(text: str) -> bool:
    """Text that is not valid Unicode (``\\ud800`` from a JSON escape): it cannot be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


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
            candidates = sorted(
                p for p in _walk(path, failures)
                if p.suffix.lower() in READABLE_SUFFIXES and not p.name.startswith(".")
            )
            for candidate in candidates:  # an article file that cannot be read is reported, not skipped
                problem = _not_a_file(candidate)
                if problem is None:
                    paths.append(str(candidate))
                elif problem != FOLDER:
                    failures.append(Failure(display_path(str(candidate)), "ingest", problem))
        elif path.is_file():
            paths.append(str(path))
        elif any(ch in item for ch in "*?[") and not path.exists() and not path.is_symlink():
            matches = sorted(p for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                failures.append(Failure(display_path(item), "ingest", "the pattern matches no file"))
            paths.extend(matches)
        else:
            failures.append(Failure(display_path(item), "ingest", _not_a_file(path) or "cannot read"))
    seen: set[str] = set()
    unique = [p for p in paths if not (p in seen or seen.add(p))]
    return unique, failures


FOLDER = "a folder"


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a file whose text can be read (None when it is one): never open a FIFO, which
    would wait for a writer for ever."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop: the link leads back to itself"
        if path.is_symlink():
            return "broken link: the file it points to does not exist"
        return "no such file or folder" if error.errno == errno.ENOENT else f"cannot read: {error.strerror}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return FOLDER
    kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"not a regular file: {kind}"


def _walk(folder: Path, failures: list[Failure]) -> Iterator[Path]:
    """Every entry under ``folder`` (links to folders not followed); a folder that cannot be listed is
    a failure, not a silent gap."""
    def unreadable(error: OSError) -> None:
        where = display_path(str(error.filename or folder))
        failures.append(Failure(where, "ingest", f"cannot read the folder: {error.strerror or error}"))

    for root, folders, files in os.walk(folder, onerror=unreadable):
        for name in [*folders, *files]:
            yield Path(root, name)


def decode(data: bytes) -> str:
    """Bytes → text: BOMs first, then UTF-8, UTF-16 without BOM, then GB18030 / Big5 by detection.

    A multi-byte character cut off at the very end of the file (a truncated download) is dropped and the
    rest is kept; a few damaged bytes in a UTF-8 file become U+FFFD (normalisation drops it); a file that is
    text in none of these encodings fails.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _decode_truncated(data[len(bom):], encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {encoding} byte-order mark but is not {encoding} text "
                                  f"(byte {exc.start + len(bom)})") from exc
    signature = next((name for magic, name in BINARY_SIGNATURES if data.startswith(magic)), None)
    if signature:
        raise DecodeError(f"binary file ({signature}), not text")
    try:
        return _decode_truncated(data, "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = data.decode("utf-8", errors="replace")
    damaged = mostly_utf8.count("\ufffd")
    if damaged <= max(MAX_CHARACTER_BYTES, len(mostly_utf8) // 1000) and damaged * 100 <= len(mostly_utf8):
        return mostly_utf8  # a few damaged bytes in a UTF-8 file
    utf16 = _decode_utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not text")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECTION_SAMPLE], cp_isolation=list(LEGACY_ENCODINGS)).best()
    candidates = ([best.encoding] if best else []) + list(LEGACY_ENCODINGS)
    for encoding in dict.fromkeys(candidates):
        try:
            text = _decode_truncated(data, encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _mostly_text(text):
            return text
    raise DecodeError("cannot decode as UTF-8, UTF-16, GB18030 or Big5")


def _decode_truncated(data: bytes, encoding: str) -> str:
    """Strict decoding that forgives only an incomplete character at the very end."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(data) - MAX_CHARACTER_BYTES or exc.end < len(data):
            raise
        return data[: exc.start].decode(encoding)


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE without a BOM, when one of them decodes to plausible text."""
    if len(data) < 2:
        return None
    best, best_share = None, 0.0
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = _decode_truncated(data[: len(data) - len(data) % 2], encoding)
        except UnicodeDecodeError:
            continue
        share = _plausible_share(text[:DETECTION_SAMPLE])
        if share > best_share:
            best, best_share = text, share
    return best if best_share >= UTF16_PLAUSIBLE else None


def _plausible_share(text: str) -> float:
    """Share of characters that Chinese news text is made of: ASCII, Han, CJK and full-width punctuation."""
    if not text:
        return 0.0
    return len(PLAUSIBLE_CHARACTERS.findall(text)) / len(text)


def _mostly_text(text: str) -> bool:
    """Guard against a legacy codec that 'decodes' binary junk into private-use or control characters."""
    if not text:
        return True
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad / len(text) < 0.01


def _has_visible_text(text: str) -> bool:
    """Some character that is neither white space nor a control character."""
    return any(not ch.isspace() and (ord(ch) >= 32 and ord(ch) != 127) for ch in text)


def html_to_text(html: str) -> tuple[str, dict]:
    """Article body and metadata from an HTML page; navigation, ads and link lists are dropped."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, include_links=False, favor_precision=True
    )
    meta: dict = {}
    parsed = trafilatura.extract_metadata(html)
    if parsed is not None:
        for attribute, key in (("title", "title"), ("date", "date"), ("url", "url"), ("sitename", "source")):
            value = getattr(parsed, attribute, None)
            if value:
                meta[key] = value
    if not text or len(text.strip()) < MIN_HTML_TEXT:
        raise DecodeError("no article text found in the HTML page")
    return text, meta


def read_path(path: str) -> Iterator[Document | Failure]:
    """Every document in one file (several for JSONL), or the failures that stopped it."""
    source = "<stdin>" if path == "-" else display_path(path)
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        yield Failure(source, "ingest", f"cannot read: {exc.strerror or exc}")
        return
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
    if not _has_visible_text(text):
        yield Failure(source, "ingest", "no text: only control characters (NUL bytes?)")
        return
    yield Document(doc_id=document_id(text), source=source, raw=text, meta=meta)


def _read_jsonl(source: str, text: str) -> Iterator[Document | Failure]:
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines: U+2028 is legal inside JSON
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, "ingest", f"broken JSON line: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Failure(where, "ingest", "JSON line nested too deeply to read")
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if body is None:
            yield Failure(where, "ingest", 'JSON line has no "text"')
            continue
        if not isinstance(body, str):
            yield Failure(where, "ingest", f'JSON line\'s "text" is a {type(body).__name__}, not a string')
            continue
        if not body.strip():
            yield Failure(where, "ingest", 'JSON line\'s "text" is empty')
            continue
        if has_lone_surrogate(body):
            yield Failure(where, "ingest", 'JSON line\'s "text" has a lone surrogate escape (such as \\ud800): '
                                           "not valid Unicode")
            continue
        fields = {"url": record.get("url") or record.get("link"),  # link: the other usual name of the address
                  **{k: record.get(k) for k in ("title", "date", "source")}}
        meta = {k: v for k, v in fields.items() if isinstance(v, str) and v and not has_lone_surrogate(v)}
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
