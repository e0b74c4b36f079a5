"""Measuring quality: score a built graph against gold annotations (``kg eval``).

    from kg.eval import evaluate_folder
    report = evaluate_folder("tests/gold/seeds")          # builds the articles beside the gold first
    report.scores["inspected"].f1
"""

from __future__ import annotations

from pathlib import Path

from kg.eval.gold import GoldArticle, GoldError, load_gold_dir, normalise_name
from kg.eval.graph import GraphError, load_graph
from kg.eval.scorer import MEASURES, EvalReport, Score, evaluate

__all__ = ["MEASURES", "EvalReport", "GoldArticle", "GoldError", "GraphError", "Score", "evaluate",
           "evaluate_folder", "build_articles", "load_gold_dir", "load_graph", "normalise_name"]


def build_articles(articles: list[GoldArticle]):
    """Build the graph of the article texts that lie beside the gold files (``kg.api.build``)."""
    from kg.api import build

    missing = [str(a.text_path) for a in articles if not a.text_path.is_file()]
    if missing:
        raise GoldError(f"article text not found: {', '.join(missing)}")
    return build([str(a.text_path) for a in articles])


def evaluate_folder(gold_dir: Path | str, graph=None, articles_dir: Path | str | None = None) -> EvalReport:
    """Score ``graph`` against a gold folder; when ``graph`` is None, build it from the articles first
    (those in ``articles_dir``, by default beside the gold files)."""
    articles = load_gold_dir(gold_dir, articles_dir)
    if graph is None:
        graph = build_articles(articles)
    return evaluate(graph, articles, str(gold_dir))
