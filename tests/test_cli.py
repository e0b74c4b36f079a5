"""The ``kg`` command line: help texts, exit codes and the files a build writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
runner = CliRunner()


def test_build_help_documents_every_flag():
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for flag in ("--out", "--config", "--min-confidence", "--quiet", "--verbose", "Example"):
        assert flag in result.output


def test_unknown_flag_is_a_usage_error():
    assert runner.invoke(app, ["build", "--no-such-flag"]).exit_code == 2


def test_build_seeds_writes_turtle_and_graphml(cli_seed_build):
    result, out = cli_seed_build
    assert result.exit_code == 0, result.output
    assert "documents: 5" in result.output
    assert (out / "graph.ttl").stat().st_size > 0
    assert (out / "graph.graphml").stat().st_size > 0


def test_missing_input_fails_with_exit_1_and_keeps_the_rest(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("5月6日，县委书记张三来到某某产业园项目现场调研。", encoding="utf-8")
    result = runner.invoke(app, ["build", str(good), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "missing.txt" in result.output
    assert "documents: 1" in result.output


def test_format_limits_the_files_but_turtle_and_graphml_are_always_written(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("5月6日，县委书记张三来到某某产业园项目现场调研。", encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(app, ["build", str(article), "--out", str(out), "--format", "nq"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "graph.graphml", "graph.nq", "graph.ttl", "report.json"]


def test_unknown_format_is_a_usage_error_before_any_work(tmp_path, monkeypatch):
    import kg.api

    monkeypatch.setattr(kg.api, "build_outputs", lambda *a, **k: pytest.fail("built despite a bad --format"))
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--format", "xyz"])
    assert result.exit_code == 2 and "unknown format xyz" in result.output


def test_a_cache_changed_under_the_build_is_one_clear_error(tmp_path, monkeypatch):
    """Another build pruning this one's cache folder mid-build: an error line, exit 1, no traceback."""
    import kg.cache

    article = tmp_path / "a.txt"
    article.write_text("3月2日，市委书记王立新来到临港物流园项目现场调研。", encoding="utf-8")
    real = kg.cache.ResultCache.get
    calls = []

    def gone_after_extract(cache, doc_id):  # the extract stage reads it once; then it is gone
        calls.append(doc_id)
        return real(cache, doc_id) if len(calls) == 1 else None

    runner.invoke(app, ["build", str(article), "--out", str(tmp_path / "out")])  # fills the cache
    (tmp_path / "out" / "report.json").unlink()
    monkeypatch.setattr(kg.cache.ResultCache, "get", gone_after_extract)
    result = runner.invoke(app, ["build", str(article), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "error: the cached result of" in result.output and "Traceback" not in result.output


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("inputs", [["no-such-folder"], ["empty-folder"], ["only-broken"], ["nothing-*.txt"]])
def test_inputs_without_a_document_are_a_usage_error_that_writes_nothing(tmp_path, monkeypatch, inputs):
    """A typo in the input path must not replace a good graph with an empty one (issue 14, item 2)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "only-broken").mkdir()
    (tmp_path / "only-broken" / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    good = tmp_path / "a.txt"
    good.write_text("5月6日，县委书记张三来到某某产业园项目现场调研。", encoding="utf-8")
    out = tmp_path / "graph"
    assert runner.invoke(app, ["build", str(good), "--out", str(out)]).exit_code == 0
    before = _snapshot(out)
    result = runner.invoke(app, ["build", *inputs, "--out", str(out), "--rebuild"])
    assert result.exit_code == 2, result.output
    assert "no document could be read" in result.output and "nothing written" in result.output
    assert _snapshot(out) == before
    fresh = runner.invoke(app, ["build", *inputs, "--out", str(tmp_path / "new")])
    assert fresh.exit_code == 2 and not (tmp_path / "new").exists()


def test_default_input_outside_the_repository_writes_no_empty_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no seeds/ here
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2 and "seeds" in result.output
    assert not (tmp_path / "output").exists()


def _one_line_error(result, code: int, *words: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output and all(w in result.output for w in words), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_environment_errors_are_one_line(tmp_path, monkeypatch):
    """Issue 14, item 10: what went wrong and where, no traceback."""
    import kg.export

    article = tmp_path / "a.txt"
    article.write_text("5月6日，县委书记张三来到某某产业园项目现场调研。", encoding="utf-8")
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    _one_line_error(runner.invoke(app, ["build", str(article), "--out", str(a_file)]), 2, "is a file")
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(article), "--out", str(out)]).exit_code == 0
    whole = (out / "graph.nq").read_bytes()
    (out / "graph.nq").write_bytes(whole[: len(whole) // 2])
    for command in (["stats"], ["query", "ASK { ?s ?p ?o }"], ["neighbors", "张三"]):
        _one_line_error(runner.invoke(app, [*command, "--graph", str(out)]), 2, "graph.nq is damaged")
    query = tmp_path / "bad.rq"
    query.write_bytes(b'SELECT * WHERE { ?s ?p "\xff" }')
    _one_line_error(runner.invoke(app, ["query", str(query), "--graph", str(out)]), 2, "not UTF-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "full" / "graph.ttl"))

    monkeypatch.setattr(kg.export, "save", disk_full)
    _one_line_error(runner.invoke(app, ["build", str(article), "--out", str(tmp_path / "full")]), 1,
                    "No space left on device", "graph.ttl")


# --- the analysts' tables of a seeds build (issue 15) ----------------------------------------------------

def _csv_rows(path: Path) -> list[dict]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_seeds_build_writes_documents_inspections_and_careers(cli_seed_build):
    _, out = cli_seed_build
    assert len(_csv_rows(out / "documents.csv")) == 5
    assert _csv_rows(out / "inspections.csv") and _csv_rows(out / "careers.csv")


def test_every_inspection_row_has_date_official_project_headline_and_evidence(cli_seed_build):
    import re

    _, out = cli_seed_build
    rows = _csv_rows(out / "inspections.csv")
    for row in rows:
        missing = [c for c in ("date", "official", "project", "headline", "evidence") if not row[c].strip()]
        assert not missing, (missing, row)
        assert re.fullmatch(r"(\d{4}|-)-\d\d-\d\d", row["date"]), row  # yyyy-mm-dd or --mm-dd


def test_seed_post_labels_neither_double_nor_truncate_the_level_word(cli_seed_build):
    import re

    from kg.resolve.labels import HEAD_WORDS, level_words

    _, out = cli_seed_build
    rows = [row for row in _csv_rows(out / "careers.csv") if row["jurisdiction"]]
    assert rows
    heads = re.compile(f"^({'|'.join(level_words())})({'|'.join(HEAD_WORDS)})$")
    for row in rows:
        place, role, post = row["jurisdiction"], row["role"], row["post"]
        level = next((w for w in level_words() if place.endswith(w)), None)
        if level:
            assert not post.startswith(place + level) or heads.match(role), row  # no 自治区自治区主席
        if heads.match(role):
            assert post == place + role, row  # 某某区区长, never 某某区长


def test_version():
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"kg (officials-kg) {version('officials-kg')}"
