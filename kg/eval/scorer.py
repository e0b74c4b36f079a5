"""Score a built graph against gold articles, by the rules of shared/gold/GUIDE.md ("Scoring a built graph").

Each measure counts, over all articles (micro-average): ``tp`` predictions that are right, ``fp`` that are
wrong, ``found`` gold items the graph has and ``fn`` gold items it misses. Precision is tp / (tp + fp),
recall found / (found + fn); the two differ only for projects, where one node may claim several keys.
Measures the guide defines by recall only (part_of, titles) have no precision.

Each article is also scored on its own (``EvalReport.per_article``): the micro figures are dominated by a
few long tours, and the macro average and the worst articles show what small articles hide behind them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.term import Node

from kg.eval.gold import GoldArticle, is_collective_title
from kg.eval.graph import KG, DocumentView, document_views, load_graph

NAME_MEASURES = ("officials", "persons", "places", "organizations")
MEASURES = (*NAME_MEASURES, "projects", "inspected", "visited", "accompanied", "located_in", "part_of",
            "titles")
RECALL_ONLY = ("part_of", "titles")
# Which rdf:type each name measure reads (officials are also kg:Person, so persons include them).
NAME_TYPES = {"officials": KG.Official, "persons": KG.Person, "places": KG.Place,
              "organizations": KG.Organization}


@dataclass
class Score:
    measure: str
    tp: int = 0
    fp: int = 0
    found: int = 0
    fn: int = 0
    missed: list[str] = field(default_factory=list)  # "doc: item" of every gold item not found
    spurious: list[str] = field(default_factory=list)  # "doc: item" of every wrong prediction

    @property
    def recall_only(self) -> bool:
        return self.measure in RECALL_ONLY

    @property
    def precision(self) -> float | None:
        if self.recall_only:
            return None
        if self.tp + self.fp == 0:
            return 1.0 if self.found + self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.found + self.fn == 0:
            return 1.0 if self.tp + self.fp == 0 else 0.0
        return self.found / (self.found + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value(self) -> float:
        """The number a quality bar applies to: F1, or recall for recall-only measures."""
        return self.recall if self.recall_only else self.f1

    def right(self, doc: str, item: str, is_right: bool) -> None:
        """Count one prediction."""
        if is_right:
            self.tp += 1
        else:
            self.fp += 1
            self.spurious.append(f"{doc}: {item}")

    def gold(self, doc: str, item: str, is_found: bool) -> None:
        """Count one gold item."""
        if is_found:
            self.found += 1
        else:
            self.fn += 1
            self.missed.append(f"{doc}: {item}")

    @property
    def empty(self) -> bool:
        """Nothing to score: no gold item and no prediction (the article says nothing on this measure)."""
        return self.tp + self.fp + self.found + self.fn == 0

    def add(self, other: "Score") -> None:
        """Fold another article's counts into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.found += other.found
        self.fn += other.fn
        self.missed.extend(other.missed)
        self.spurious.extend(other.spurious)

    def to_dict(self) -> dict:
        rounded = {k: None if v is None else round(v, 4)
                   for k, v in (("precision", self.precision), ("recall", self.recall), ("f1", self.f1))}
        return {**rounded, "tp": self.tp, "fp": self.fp, "fn": self.fn, "found": self.found,
                "missed": self.missed, "spurious": self.spurious}


@dataclass
class EvalReport:
    gold_dir: str
    articles: list[str]
    scores: dict[str, Score]  # micro: every article's counts summed
    per_article: dict[str, dict[str, Score]] = field(default_factory=dict)  # doc -> measure -> its score

    def macro(self, measure: str) -> float | None:
        """The mean over articles of the measure's value, counting only articles with something to score
        on it (None when no article has)."""
        values = [scores[measure].value for scores in self.per_article.values() if not scores[measure].empty]
        return sum(values) / len(values) if values else None

    def article_value(self, doc: str) -> float:
        """One article's mean over its non-empty measures: how well the graph reads that article."""
        values = [s.value for s in self.per_article[doc].values() if not s.empty]
        return sum(values) / len(values) if values else 1.0

    def worst(self, count: int = 10) -> list[str]:
        """The ``count`` articles with the lowest :meth:`article_value`, worst first."""
        return sorted(self.per_article, key=lambda doc: (self.article_value(doc), doc))[:count]

    def to_dict(self) -> dict:
        def rounded(value):
            return None if value is None else round(value, 4)

        return {"gold_dir": self.gold_dir, "articles": self.articles,
                "scores": {name: score.to_dict() for name, score in self.scores.items()},
                "macro": {name: rounded(self.macro(name)) for name in self.scores},
                "per_article": {doc: {"value": rounded(self.article_value(doc)),
                                      **{name: rounded(s.value) for name, s in scores.items() if not s.empty}}
                                for doc, scores in self.per_article.items()}}


def evaluate(graph, articles: list[GoldArticle], gold_dir: str = "") -> EvalReport:
    """Score ``graph`` (anything :func:`kg.eval.graph.load_graph` reads) against gold ``articles``."""
    rdf = load_graph(graph)
    views = document_views(rdf, articles)
    scores = {measure: Score(measure) for measure in MEASURES}
    per_article: dict[str, dict[str, Score]] = {}
    for article in articles:
        own = per_article[article.doc] = {measure: Score(measure) for measure in MEASURES}
        _score_article(article, views[article.doc], own)
        for measure, score in own.items():
            scores[measure].add(score)
    return EvalReport(gold_dir, [a.doc for a in articles], scores, per_article)


def _score_article(gold: GoldArticle, view: DocumentView, scores: dict[str, Score]) -> None:
    doc = gold.doc
    gold_names = {"officials": set(gold.officials), "persons": set(gold.officials) | gold.persons,
                  "places": gold.places, "organizations": gold.organizations}
    for measure in NAME_MEASURES:
        _score_names(scores[measure], doc, [view.label(n) for n in view.of_type(NAME_TYPES[measure])],
                     gold_names[measure])
    projects = view.of_type(KG.Project)
    keys = {p: {k for k in gold.project_keys if any(k in name for name in view.names(p))} for p in projects}
    _score_projects(scores["projects"], doc, view, keys, gold.project_keys)
    _score_inspected(scores["inspected"], doc, view, keys, gold)
    _score_pairs(scores["visited"], doc, view, KG.visited, gold.visited)
    _score_pairs(scores["accompanied"], doc, view, KG.accompanied, gold.accompanied)
    _score_located_in(scores["located_in"], doc, view, keys, gold)
    _score_part_of(scores["part_of"], doc, view, gold)
    _score_titles(scores["titles"], doc, view, gold)


def _score_names(score: Score, doc: str, labels: list[str], gold: set[str]) -> None:
    """Exact names; a second node with a label already seen is a duplicate, a false positive."""
    seen: set[str] = set()
    for label in sorted(labels):
        duplicate = label in seen
        score.right(doc, label + (" (duplicate)" if duplicate else ""), label in gold and not duplicate)
        seen.add(label)
    for name in sorted(gold):
        score.gold(doc, name, name in seen)


def _score_projects(score: Score, doc: str, view: DocumentView, keys: dict[Node, set[str]],
                    gold_keys: set[str]) -> None:
    """Nodes claim keys greedily, most keys first; a node with no new key is a false positive."""
    claimed: set[str] = set()
    for node in sorted(keys, key=lambda n: (-len(keys[n]), view.label(n))):
        new = keys[node] - claimed
        claimed |= new
        score.right(doc, view.label(node) + (" (duplicate)" if keys[node] and not new else ""), bool(new))
    for key in sorted(gold_keys):
        score.gold(doc, key, key in claimed)


def _score_inspected(score: Score, doc: str, view: DocumentView, keys: dict[Node, set[str]],
                     gold: GoldArticle) -> None:
    predicted = {(view.label(o), p) for o, p in view.edges(KG.inspected) if p in keys}
    covered = {(official, k) for official, p in predicted for k in keys[p]}
    for official, project in sorted(predicted, key=lambda pair: (pair[0], view.label(pair[1]))):
        is_right = any((official, k) in gold.inspected for k in keys[project])
        score.right(doc, f"{official} → {view.label(project)}", is_right)
    for official, key in sorted(gold.inspected):
        score.gold(doc, f"{official} → {key}", (official, key) in covered)


def _score_pairs(score: Score, doc: str, view: DocumentView, predicate, gold: set[tuple[str, str]]) -> None:
    """Exact (subject label, object label) pairs of ``predicate`` read from this article."""
    predicted = {(view.label(s), view.label(o)) for s, o in view.edges(predicate)}
    for subject, target in sorted(predicted):
        score.right(doc, f"{subject} → {target}", (subject, target) in gold)
    for subject, target in sorted(gold):
        score.gold(doc, f"{subject} → {target}", (subject, target) in predicted)


def _score_located_in(score: Score, doc: str, view: DocumentView, keys: dict[Node, set[str]],
                      gold: GoldArticle) -> None:
    """Found: the predicted place is the gold place or inside it. Right: equal, inside or containing."""
    predicted = [(p, place) for p, place in view.edges(KG.locatedIn) if p in keys]
    found: set[tuple[str, str]] = set()
    for project, place in predicted:
        label = view.label(place)
        inside_or_equal = {label, *(view.label(a) for a in view.ancestors(place))}
        gold_pairs = [(k, g) for k in keys[project] for g in _gold_places(gold, k)]
        found |= {(k, g) for k, g in gold_pairs if g in inside_or_equal}
        is_right = any(g in inside_or_equal or _contains(view, place, g) for _, g in gold_pairs)
        score.right(doc, f"{view.label(project)} → {label}", is_right)
    for key, place in sorted(gold.located_in):
        score.gold(doc, f"{key} → {place}", (key, place) in found)


def _gold_places(gold: GoldArticle, key: str) -> list[str]:
    return sorted(place for k, place in gold.located_in if k == key)


def _contains(view: DocumentView, place: Node, name: str) -> bool:
    """``place`` is an ancestor of some place named ``name`` (a coarser but true location)."""
    return any(place in view.ancestors(node) for node in view.places_named(name))


def _score_part_of(score: Score, doc: str, view: DocumentView, gold: GoldArticle) -> None:
    for child, parent in sorted(gold.part_of):
        reached = any(parent in {view.label(a) for a in view.ancestors(node)}
                      for node in view.places_named(child))
        score.gold(doc, f"{child} ⊂ {parent}", reached)


def _score_titles(score: Score, doc: str, view: DocumentView, gold: GoldArticle) -> None:
    """Recall of each official's titles; a predicted title matches when one contains the other."""
    predicted: dict[str, set[str]] = {}
    for node in view.of_type(KG.Official):
        titles = predicted.setdefault(view.label(node), set())
        titles.update(view.titles(node))
    for official, titles in sorted(gold.officials.items()):
        for title in titles:
            if is_collective_title(title):
                continue
            matched = any(title in p or p in title for p in predicted.get(official, ()) if p)
            score.gold(doc, f"{official}: {title}", matched)
