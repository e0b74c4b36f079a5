"""Shared fixtures: the gold sets, each built and scored once per test session: seeds and extra from this
repository, corpus and corpus2 (real articles, third-party text: read in place, never copied) from the
shared folder beside the checkout (``../shared``, or ``$KG_SHARED``).

Every set's scores are printed at the end of every run that scored them (the CI log shows them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("KG_SHARED") or ROOT.parent / "shared")
GOLD_SETS = {
    "seeds": (ROOT / "tests" / "gold" / "seeds", ROOT / "seeds"),  # gold, articles
    "extra": (ROOT / "tests" / "gold" / "extra", ROOT / "tests" / "gold" / "extra"),
    "corpus": (SHARED / "gold" / "corpus", SHARED / "gold" / "corpus"),
    "corpus2": (SHARED / "gold" / "corpus2", SHARED / "gold" / "corpus2"),
}
_scored: dict = {}  # gold set name -> EvalReport, filled by the fixtures below


def _score(name: str):
    if name not in _scored:
        from kg.eval import evaluate_folder

        gold, articles = GOLD_SETS[name]
        _scored[name] = evaluate_folder(gold, articles_dir=articles)
    return _scored[name]


@pytest.fixture(scope="session")
def cli_seed_build(tmp_path_factory):
    """``kg build seeds --out OUT`` (every format), run once: (the CLI's result, OUT)."""
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path_factory.mktemp("seeds-out")
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--out", str(out)])
    return result, out


@pytest.fixture(scope="session")
def seed_report():
    return _score("seeds")


@pytest.fixture(scope="session")
def extra_report():
    return _score("extra")


def _require_shared(name: str) -> None:
    """Without a shared gold set, a skip, but a failure in CI (which has it)."""
    gold, _ = GOLD_SETS[name]
    if not gold.is_dir():
        message = f"the {name} gold set is not at {gold} (set KG_SHARED to the shared folder)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _shared_score(name: str):
    _require_shared(name)
    return _score(name)


@pytest.fixture(scope="session")
def gold_articles() -> list[Path]:
    """The articles of every gold set (the shared ones read in place)."""
    for name in ("corpus", "corpus2"):
        _require_shared(name)
    return [path for _, articles in GOLD_SETS.values() for path in sorted(articles.glob("*.txt"))]


@pytest.fixture(scope="session")
def corpus_report():
    return _shared_score("corpus")


@pytest.fixture(scope="session")
def corpus2_report():
    return _shared_score("corpus2")


def pytest_terminal_summary(terminalreporter):
    if not _scored:
        return
    from kg.eval.report import score_table

    for name, report in _scored.items():
        terminalreporter.write_sep("-", f"quality on the {name} gold set ({len(report.articles)} articles)")
        terminalreporter.write_line(score_table(report))
