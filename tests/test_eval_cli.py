"""``kg eval``: help, output formats and exit codes."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kg.cli import app
from test_eval_scorer import ARTICLE, graph_of_gold

runner = CliRunner()


def write_gold(folder, article=ARTICLE):
    folder.mkdir(exist_ok=True)
    (folder / article["doc"].replace(".txt", ".json")).write_text(json.dumps(article, ensure_ascii=False),
                                                                  encoding="utf-8")
    return folder


def test_help_documents_arguments_and_flags():
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    for text in ("GOLD_DIR", "--graph", "--format", "--articles", "--no-items", "Example", "Exit status"):
        assert text in result.output


def test_json_output_of_a_finished_build(tmp_path):
    gold = write_gold(tmp_path / "gold")
    out = tmp_path / "out"
    out.mkdir()
    graph_of_gold([ARTICLE]).serialize(out / "graph.ttl", format="turtle")
    result = runner.invoke(app, ["eval", str(gold), "--graph", str(out), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == ["t01.txt"]
    assert data["scores"]["inspected"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 3, "fp": 0,
                                           "fn": 0, "found": 3, "missed": [], "spurious": []}
    assert data["scores"]["titles"]["precision"] is None


def test_table_builds_the_articles_beside_the_gold(tmp_path):
    gold = write_gold(tmp_path / "gold")
    (gold / "t01.txt").write_text("3月12日，市委书记周立新来到湘北再生铜项目现场调研。", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold)])
    assert result.exit_code == 0, result.output
    assert "1 articles" in result.output
    for measure in ("officials", "projects", "inspected", "located_in", "part_of", "titles"):
        assert measure in result.output
    assert "missed" in result.output  # the tiny text cannot have every gold fact
    quiet = runner.invoke(app, ["eval", str(gold), "--no-items"])
    assert "missed" not in quiet.output


def test_usage_errors_exit_2(tmp_path):
    gold = write_gold(tmp_path / "gold")
    assert runner.invoke(app, ["eval", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(app, ["eval", str(gold), "--format", "xml"]).exit_code == 2
    empty_out = tmp_path / "out"
    empty_out.mkdir()
    no_graph = runner.invoke(app, ["eval", str(gold), "--graph", str(empty_out)])
    assert no_graph.exit_code == 2 and "graph.ttl" in no_graph.output
    missing_text = runner.invoke(app, ["eval", str(gold)])  # t01.txt is not beside the gold
    assert missing_text.exit_code == 2 and "t01.txt" in missing_text.output
    assert runner.invoke(app, ["eval", str(tmp_path / "out")]).exit_code == 2  # no gold files
