"""Gold annotations (one JSON file per article, see shared/gold/GUIDE.md) read into comparable records.

Every name is normalised once, here, the way the scorer compares names: NFKC, no white space,
traditional → simplified. Gold files are validated on load so that a typo in a hand-written file is an
error with the file name in it, not a silently wrong score.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

COLLECTIVE_TITLES_FILE = Path(__file__).with_name("collective_titles.txt")
REQUIRED_FIELDS = ("doc", "officials", "persons", "organizations", "places", "projects", "inspected",
                   "located_in", "part_of")


class GoldError(ValueError):
    """A gold file that does not follow the annotation guide."""


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise_name(name: str) -> str:
    """The form names are compared in: NFKC, white space removed, traditional → simplified."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    return _t2s().convert(text)


@cache
def collective_title_suffixes() -> tuple[str, ...]:
    lines = COLLECTIVE_TITLES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(normalise_name(s) for s in (line.split("#", 1)[0].strip() for line in lines) if s)


def is_collective_title(title: str) -> bool:
    """市领导, 县上及开发区领导: a group the official belongs to, not a post; not scored."""
    return normalise_name(title).endswith(collective_title_suffixes())


@dataclass
class GoldArticle:
    """One article's gold, names normalised. ``doc`` is the article's file name (``h01.txt``)."""

    doc: str
    path: Path  # the gold JSON file
    text_path: Path  # the article itself: beside the gold file unless another folder is given
    officials: dict[str, list[str]] = field(default_factory=dict)  # name -> titles
    persons: set[str] = field(default_factory=set)  # other people (officials are added by the scorer)
    organizations: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    project_keys: set[str] = field(default_factory=set)
    inspected: set[tuple[str, str]] = field(default_factory=set)  # (official, project key)
    located_in: set[tuple[str, str]] = field(default_factory=set)  # (project key, place)
    part_of: set[tuple[str, str]] = field(default_factory=set)  # (place, parent place)
    visited: set[tuple[str, str]] = field(default_factory=set)  # (official, organization); guide v2
    accompanied: set[tuple[str, str]] = field(default_factory=set)  # (companion, official); guide v2


def load_article(path: Path, articles_dir: Path | None = None) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not strict JSON: {exc}") from exc
    missing = [name for name in REQUIRED_FIELDS if name not in data]
    if missing:
        raise GoldError(f"{path}: missing field(s) {', '.join(missing)}")
    n = normalise_name
    article = GoldArticle(doc=data["doc"], path=path, text_path=(articles_dir or path.parent) / data["doc"])
    for official in data["officials"]:
        titles = article.officials.setdefault(n(official["name"]), [])
        titles.extend(n(t) for t in official.get("titles", []) if n(t) not in titles)
    article.persons = {n(p) for p in data["persons"]}
    article.organizations = {n(o) for o in data["organizations"]}
    article.places = {n(p) for p in data["places"]}
    article.project_keys = {n(p["key"]) for p in data["projects"]}
    article.inspected = {(n(a), n(b)) for a, b in data["inspected"]}
    article.located_in = {(n(a), n(b)) for a, b in data["located_in"]}
    article.part_of = {(n(a), n(b)) for a, b in data["part_of"]}
    article.visited = {(n(a), n(b)) for a, b in data.get("visited", [])}
    article.accompanied = {(n(a), n(b)) for a, b in data.get("accompanied", [])}
    _check(article, data)
    return article


def _check(article: GoldArticle, data: dict) -> None:
    """The cross-references the guide requires: keys unique and inside their names, pairs use known names."""
    where = article.path
    projects = data["projects"]
    for project in projects:
        key, name = normalise_name(project["key"]), normalise_name(project["name"])
        if key not in name:
            raise GoldError(f"{where}: project key {key!r} is not part of its name {name!r}")
        others = [normalise_name(p["name"]) for p in projects if p is not project]
        if any(key in other for other in others):
            raise GoldError(f"{where}: project key {key!r} is also inside another project's name")
    for official, key in article.inspected:
        if official not in article.officials:
            raise GoldError(f"{where}: inspected names {official!r}, who is not among the officials")
        if key not in article.project_keys:
            raise GoldError(f"{where}: inspected names project key {key!r}, which is not a project key")
    for key, place in article.located_in:
        if key not in article.project_keys:
            raise GoldError(f"{where}: located_in names project key {key!r}, which is not a project key")
    for official, organization in article.visited:
        if official not in article.officials:
            raise GoldError(f"{where}: visited names {official!r}, who is not among the officials")


def load_gold_dir(folder: Path | str, articles_dir: Path | str | None = None) -> list[GoldArticle]:
    """Every ``*.json`` gold file of a folder (not recursive), sorted by name; the articles are in
    ``articles_dir``, by default beside the gold files."""
    folder = Path(folder)
    articles_dir = Path(articles_dir) if articles_dir else None
    if not folder.is_dir():
        raise GoldError(f"{folder}: not a folder")
    articles = [load_article(path, articles_dir) for path in sorted(folder.glob("*.json"))]
    if not articles:
        raise GoldError(f"{folder}: no gold *.json files")
    return articles
