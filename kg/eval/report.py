"""An evaluation report for people (an aligned table, then what was missed and what is spurious) or
for machines (JSON)."""

from __future__ import annotations

import json

from kg.eval.scorer import EvalReport

COLUMNS = ("measure", "P", "R", "F1", "tp", "fp", "fn", "macro")
WORST = 10  # articles listed under the table, worst first


def to_json(report: EvalReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def score_table(report: EvalReport) -> str:
    """One line per measure: precision, recall, F1 in percent (``-``: not defined), the counts (for
    recall-only measures, tp counts the gold items found) and the macro average over articles of the
    measure's value (F1, or recall)."""
    rows = [COLUMNS] + [
        (name, _percent(s.precision), _percent(s.recall), _percent(s.f1),
         str(s.found if s.recall_only else s.tp), str(s.fp), str(s.fn), _percent(report.macro(name)))
        for name, s in report.scores.items()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths))) for row in rows]
    return "\n".join(lines)


def worst_articles(report: EvalReport, count: int = WORST) -> str:
    """The articles the graph reads worst: each one's mean value and its measures below 100 %."""
    lines = [f"worst {min(count, len(report.per_article))} articles (mean of their measures):"]
    for doc in report.worst(count):
        weak = ", ".join(f"{name} {_percent(s.value)}" for name, s in report.per_article[doc].items()
                         if not s.empty and s.value < 1.0)
        lines.append(f"  {doc}  {_percent(report.article_value(doc))}  {weak}")
    return "\n".join(lines)


def to_table(report: EvalReport, items: bool = True) -> str:
    """The score table for ``report``, the worst articles, then (with ``items``) every missed and
    spurious item."""
    parts = [f"{report.gold_dir}: {len(report.articles)} articles", score_table(report), "",
             worst_articles(report)]
    if items:
        for name, score in report.scores.items():
            for heading, listed in (("missed", score.missed), ("spurious", score.spurious)):
                if listed:
                    parts.append(f"\n{name}, {heading} ({len(listed)}):\n" + "\n".join(f"  {x}" for x in listed))
    return "\n".join(parts)
