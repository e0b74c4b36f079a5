"""Start-up: importing spaCy through the pipeline or the relation components skips spaCy's command line, which
stays importable as before; ``import kg`` alone changes nothing. Each test runs a fresh interpreter, since this
one has imported spaCy already."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run_fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          check=True).stdout


def test_spacy_imported_through_the_pipeline_leaves_its_command_line_out():
    out = run_fresh("""
        import sys
        import kg.pipeline
        import spacy
        print("spacy.cli" in sys.modules, "spacy.cli.info" in sys.modules, spacy.__spec__.loader is spacy.__loader__)
        print(any(type(finder).__module__ == "kg.nlp.spacy_startup" for finder in sys.meta_path))
    """)
    assert out.split() == ["False", "False", "True", "False"]


def test_spacy_info_and_the_command_line_still_work():
    commands = """
        import spacy.cli
        print(sys.modules["spacy.cli.info"].info is spacy.cli.info, callable(spacy.cli.download))
        print(sorted(command.name for command in spacy.cli.app.registered_commands if command.name))
    """
    out = run_fresh("""
        import sys
        import kg.pipeline, spacy
        print(sorted(spacy.info(silent=True))[:2])
    """ + commands)
    lines = out.splitlines()
    assert lines[0] == "['location', 'pipelines']"
    assert lines[1] == "True True"
    assert "'info'" in lines[2] and lines[2] == run_fresh("\n        import sys" + commands).splitlines()[1]


def test_spacy_imported_before_the_pipeline_is_left_alone():
    out = run_fresh("""
        import sys
        import spacy
        import kg.pipeline
        print("spacy.cli" in sys.modules,
              any(type(finder).__module__ == "kg.nlp.spacy_startup" for finder in sys.meta_path))
    """)
    assert out.split() == ["True", "False"]


def test_spacy_imported_through_the_relation_components_leaves_its_command_line_out():
    """A relation component imported alone (a script, a test) leaves spaCy's command line out too."""
    out = run_fresh("""
        import sys
        import kg.relations.discourse
        print("spacy" in sys.modules, "spacy.cli" in sys.modules)
    """)
    assert out.split() == ["True", "False"]


def test_importing_the_package_alone_installs_nothing():
    out = run_fresh("""
        import sys
        finders = list(sys.meta_path)
        import kg, kg.cli
        print(sys.meta_path == finders, "spacy" in sys.modules, "kg.nlp.spacy_startup" in sys.modules)
    """)
    assert out.split() == ["True", "False", "False"]


def test_a_rebuild_from_the_cache_reports_its_coverage_without_importing_spacy(tmp_path):
    """The coverage report reads the relation stage's word lists (kg.relations.words), not its components: a
    rebuild whose articles all come from the cache, like the own process of a parallel build, never imports
    spaCy, and its report is the one the build that ran the pipeline made."""
    out = tmp_path / "out"
    build = f"""
        import json, sys
        from kg.api import build_outputs
        report, _ = build_outputs([{str(SEEDS)!r}], {str(out)!r})
        print("spacy" in sys.modules)
        print(json.dumps(report["coverage"], sort_keys=True))
    """
    first = run_fresh(build).splitlines()
    for path in out.iterdir():
        if path.is_file():
            path.unlink()  # the files go, the cache stays: the rebuild writes them again
    again = run_fresh(build).splitlines()
    assert first[0] == "True" and again[0] == "False"
    coverage = json.loads(again[1])
    assert coverage == json.loads(first[1]), coverage
    assert all(article["visit_sentence"] for article in coverage["articles"])  # the words were read
