"""Start-up: importing spaCy through this package skips spaCy's command line, which stays importable as
before. Each test runs a fresh interpreter, since this one has imported spaCy already."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_fresh(code: str) -> str:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          check=True).stdout


def test_spacy_imported_through_the_package_leaves_its_command_line_out():
    out = run_fresh("""
        import sys
        import kg.pipeline
        import spacy
        print("spacy.cli" in sys.modules, "spacy.cli.info" in sys.modules, spacy.__spec__.loader is spacy.__loader__)
        print(any(type(finder).__module__ == "kg" for finder in sys.meta_path))
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
        import kg, spacy
        print(sorted(spacy.info(silent=True))[:2])
    """ + commands)
    lines = out.splitlines()
    assert lines[0] == "['location', 'pipelines']"
    assert lines[1] == "True True"
    assert "'info'" in lines[2] and lines[2] == run_fresh("\n        import sys" + commands).splitlines()[1]


def test_spacy_imported_before_the_package_is_left_alone():
    out = run_fresh("""
        import sys
        import spacy
        import kg
        print("spacy.cli" in sys.modules, any(type(finder).__module__ == "kg" for finder in sys.meta_path))
    """)
    assert out.split() == ["True", "False"]


def test_classes_optimised_once_compile_to_the_same_code():
    """sre's code for patterns with many kinds of classes, with the remembered optimisation (asked twice: once
    made, once remembered) and with sre's own."""
    import re
    import re._compiler
    import re._parser

    import kg  # noqa: F401  (installs it)

    remembered = re._compiler._optimize_charset
    assert hasattr(remembered, "__wrapped__")
    patterns = [
        ("[\u4e00-\u9fff]{2,4}", 0), ("[^\u4e00-\u9fff]+", 0), ("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", 0),
        ("[a-zA-Z0-9_]", 0), ("[abc]x|[abc]y", 0), (r"[\s\d\w]", 0), (r"[^\S\n]", 0), ("[ǎ-ǜāáàé]", re.I),
        ("[k-z]", re.I), ("[\U0001f600-\U0001f64f]", 0), ("[\x00-\U0010ffff]", 0), ("[-]", 0), ("[^a]", re.I),
        ("(?:记者|通讯员)[\u4e00-\u9fff]", 0), ("[\u0130\u0131]", re.I), ("ß|[ſs]", re.I), ("[é]", re.A | re.I),
    ]
    byte_patterns = [(b"[a-z\xe0-\xff]", re.L | re.I), (b"[\x00-\x7f]", 0), (b"[^ab]", re.I)]

    def code(pattern, flags):
        return re._compiler._code(re._parser.parse(pattern, flags), flags)

    for pattern, flags in patterns + byte_patterns:
        re._compiler._optimize_charset = remembered.__wrapped__
        try:
            expected = code(pattern, flags)
        finally:
            re._compiler._optimize_charset = remembered
        assert code(pattern, flags) == expected == code(pattern, flags), pattern
