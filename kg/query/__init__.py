"""SPARQL on the graph: which form a query has, running it, and errors people can act on."""

from __future__ import annotations

import re
from pathlib import Path

# The prologue (comments, PREFIX and BASE declarations) that may precede the query form keyword.
_PROLOGUE_ITEM = re.compile(
    r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>", re.IGNORECASE
)
_FORM = re.compile(r"[A-Za-z]+")
QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_LOCATION = re.compile(r"error at (\d+):(\d+)")
# What may hide the word SERVICE without it being the keyword: comments, string literals, IRIs.
_NOT_KEYWORDS = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                           r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>")
_SERVICE = re.compile(r"(?<![\w:])SERVICE\b", re.IGNORECASE)


class QueryError(ValueError):
    """A query that cannot run: a syntax error (with its line and column) or a refused update."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line, self.column = line, column


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE for any SPARQL Update operation ('' if unknown)."""
    position = 0
    while match := _PROLOGUE_ITEM.match(sparql, position):
        position = match.end()
    word = _FORM.match(sparql, position)
    keyword = word.group(0).upper() if word else ""
    if keyword in UPDATE_FORMS:
        return "UPDATE"
    return keyword if keyword in QUERY_FORMS else ""


def calls_service(sparql: str) -> bool:
    """Whether the query has a SERVICE clause: the engine would send HTTP requests to the endpoint it
    names, from the user's machine (the word in a comment, a string or an IRI does not count)."""
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", sparql)))


def read_query(text_or_path: str) -> str:
    """The SPARQL of a .rq file, or the argument itself when it is not the path of a file."""
    path = Path(text_or_path)
    if text_or_path.endswith((".rq", ".sparql")) or (len(text_or_path) < 4096 and path.is_file()):
        return path.read_text(encoding="utf-8")
    return text_or_path


def syntax_error(error: SyntaxError) -> QueryError:
    """The Oxigraph parser's error, with the line and column it names."""
    message = str(error)
    location = _LOCATION.search(message)
    if location is None:
        return QueryError(f"SPARQL syntax error: {message}")
    line, column = int(location.group(1)), int(location.group(2))
    detail = message[location.end():].lstrip(": ")
    return QueryError(f"SPARQL syntax error at line {line}, column {column}: {detail}", line, column)
