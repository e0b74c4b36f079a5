"""Quality bars of the entity and relation issues, asserted on the seed gold set and on the two real
corpora of the shared folder (guide version 2; the bars of issue 13 where it sets one).

A bar not met yet is marked ``xfail(strict=True)``: the test turns red the day the bar is met, and whoever
met it removes the mark. The extra gold set (articles written for this suite, many provinces) has no bars;
its scores are printed next to the others so that over-fitting shows.
"""

from __future__ import annotations

import pytest

# measure -> (minimum of the measure's value: F1, or recall for part_of and titles; not met yet)
BARS = {
    "inspected": (0.92, False),
    "officials": (0.95, False),
    "persons": (0.95, False),
    "places": (0.92, False),
    "projects": (0.92, False),
    "located_in": (0.90, False),
    "part_of": (0.95, False),
    "titles": (0.90, False),
}


# issue 13 on ../shared/gold/corpus (30 real development articles)
CORPUS_BARS = {
    "inspected": (0.92, False),
    "projects": (0.92, False),
    "places": (0.92, False),
    "located_in": (0.90, False),
    "part_of": (0.95, False),
    "officials": (0.97, False),
    "persons": (0.97, False),
    "titles": (0.95, False),
    "visited": (0.85, False),
    "accompanied": (0.85, False),
}
# issue 13 on ../shared/gold/corpus2 (100 real articles nobody wrote rules for)
CORPUS2_BARS = {
    "inspected": (0.90, False),
    "projects": (0.90, False),
    "places": (0.90, False),
    "located_in": (0.88, False),
    "part_of": (0.93, False),
    "visited": (0.80, False),
}


def _bars(bars: dict, gold_set: str):
    def bar(measure: str):
        minimum, not_met = bars[measure]
        # raises: a gold set that cannot be scored (missing in CI) fails, it is no expected failure
        reason = f"{measure} is below its bar {minimum} on {gold_set}"
        marks = [pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)] if not_met else []
        return pytest.param(measure, minimum, marks=marks, id=measure)

    return [bar(measure) for measure in bars]


def _assert_bar(report, measure: str, minimum: float) -> None:
    score = report.scores[measure]
    assert score.value >= minimum, (
        f"{measure}: {score.value:.3f} < {minimum}; missed {score.missed[:10]}, spurious {score.spurious[:10]}"
    )


@pytest.mark.parametrize("measure, minimum", _bars(BARS, "the seeds"))
def test_seed_quality_bar(seed_report, measure, minimum):
    _assert_bar(seed_report, measure, minimum)


@pytest.mark.parametrize("measure, minimum", _bars(CORPUS_BARS, "corpus"))
def test_corpus_quality_bar(corpus_report, measure, minimum):
    _assert_bar(corpus_report, measure, minimum)


@pytest.mark.parametrize("measure, minimum", _bars(CORPUS2_BARS, "corpus2"))
def test_corpus2_quality_bar(corpus2_report, measure, minimum):
    _assert_bar(corpus2_report, measure, minimum)


@pytest.mark.parametrize("report", ["seed_report", "extra_report", "corpus_report", "corpus2_report"])
def test_gold_set_is_scored_and_printed(request, report, capsys):
    """Every article of the set is scored; the table is printed (see it with ``pytest -rA``)."""
    from kg.eval.report import score_table

    result = request.getfixturevalue(report)
    assert len(result.articles) >= 5
    assert all(0.0 <= score.value <= 1.0 for score in result.scores.values())
    table = score_table(result)
    print(table)
    assert all(measure in table for measure in result.scores)
