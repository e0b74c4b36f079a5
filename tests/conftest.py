"""Shared fixtures: the seed and extra gold sets, each built and scored once per test session.

Both sets' scores are printed at the end of every run that scored them (the CI log shows them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD_SETS = {
    "seeds": (ROOT / "tests" / "gold" / "seeds", ROOT / "seeds"),  # gold, articles
    "extra": (ROOT / "tests" / "gold" / "extra", ROOT / "tests" / "gold" / "extra"),
}
_scored: dict = {}  # gold set name -> EvalReport, filled by the fixtures below


def _score(name: str):
    if name not in _scored:
        from kg.eval import evaluate_folder

        gold, articles = GOLD_SETS[name]
        _scored[name] = evaluate_folder(gold, articles_dir=articles)
    return _scored[name]


@pytest.fixture(scope="session")
def seed_report():
    return _score("seeds")


@pytest.fixture(scope="session")
def extra_report():
    return _score("extra")


def pytest_terminal_summary(terminalreporter):
    if not _scored:
        return
    from kg.eval.report import score_table

    for name, report in _scored.items():
        terminalreporter.write_sep("-", f"quality on the {name} gold set ({len(report.articles)} articles)")
        terminalreporter.write_line(score_table(report))
