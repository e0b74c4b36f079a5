"""Bad input never costs a build, end to end through `kg build`: each broken file is a clear per-file error
(report.json and stderr), every other document is still in the graph, the exit code is 1, and the output
files still parse. A killed build leaves the previous outputs intact; builds are byte-for-byte deterministic.
"""

from __future__ import annotations

import json
import random
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
import pyoxigraph as ox
import rdflib
from lxml import etree
from typer.testing import CliRunner

import kg.api
import kg.extraction
from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
KG = "https://w3id.org/officials-kg/ontology#"
# Two invented articles that every bad-input case builds next to its broken file.
GOOD = {
    "good_a.txt": "3月12日，省委常委、市委书记周海涛来到江北新区智能制造产业园项目现场，察看项目建设进展。",
    "good_b.txt": "5月8日，县长林文斌深入青石镇，调研年产5万吨饲料加工项目，了解企业生产经营情况。",
}
GRAPH_FILES = ("graph.ttl", "graph.nq", "graph.jsonld", "graph.graphml", "graph.gexf", "nodes.csv", "edges.csv")
runner = CliRunner()


def build(inputs: list[Path], out: Path, *options: str):
    return runner.invoke(app, ["build", *map(str, inputs), "--out", str(out), "--quiet", *options])


def parse_outputs(out: Path) -> rdflib.Graph:
    """Parse every graph file strictly (RDF with rdflib, N-Quads with Oxigraph, XML with lxml); the Turtle."""
    turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    list(ox.parse(path=out / "graph.jsonld", format=ox.RdfFormat.JSON_LD))  # parsing is lazy
    list(ox.parse(path=out / "graph.nq", format=ox.RdfFormat.N_QUADS))
    for name in ("graph.graphml", "graph.gexf"):
        etree.parse(str(out / name), etree.XMLParser(recover=False, huge_tree=True))
    return turtle


def check_build(result, out: Path, good: set[str], failed: set[str]) -> None:
    """Exit code, one error per failed source in report.json and on stderr, the good documents in the graph."""
    assert result.exit_code == (1 if failed else 0), result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {f["source"] for f in report["failures"]} == failed
    for failure in report["failures"]:
        assert failure["error"].strip(), failure
        assert f"error: {failure['source']}: {failure['error']}" in result.stderr
    sources = parse_outputs(out).objects(None, rdflib.URIRef(KG + "source"))
    assert {str(source) for source in sources} == good


@pytest.fixture
def folder(tmp_path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, text in GOOD.items():
        (news / name).write_text(text, encoding="utf-8")
    return news


def good_sources(folder: Path, *extra: str) -> set[str]:
    return {str(folder / name) for name in GOOD} | set(extra)


def png_bytes() -> bytes:
    """A real 1×1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("name, content", [
    ("empty.txt", b""),
    ("blank.txt", b" \n\r\n\t\n"),
    ("image.txt", png_bytes()),
    ("junk.txt", random.Random(7).randbytes(4000).replace(b"\0", b"\1")),
    ("nul.txt", b"\0" * 4096),
], ids=["empty", "whitespace", "png-renamed-txt", "undecodable-bytes", "nul-bytes"])
def test_unreadable_file_is_one_error(folder, tmp_path, name, content):
    (folder / name).write_bytes(content)
    result = build([folder], tmp_path / "out")
    check_build(result, tmp_path / "out", good_sources(folder), {str(folder / name)})


def test_truncated_multibyte_sequence_is_never_mojibake(folder, tmp_path):
    """A UTF-8 file cut inside its last character: an error, or the text before the cut; never mis-decoded."""
    text = "9月3日，副市长韩志明到东港污水处理厂扩建工程项目现场调研。"
    path = folder / "cut.txt"
    path.write_bytes(text.encode("utf-8")[:-1])
    out = tmp_path / "out"
    result = build([folder], out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    if str(path) in {f["source"] for f in report["failures"]}:
        check_build(result, out, good_sources(folder), {str(path)})
    else:
        check_build(result, out, good_sources(folder, str(path)), set())
        assert "韩志明" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_large_single_line_file(folder, tmp_path):
    """About 5 MB on one line: refused with an error that says how long it is; the rest is built."""
    sentence = "6月1日，县长赵海峰来到北山风电场项目，察看风机吊装进展。"
    path = folder / "huge.txt"
    copies = 5_000_000 // len(sentence.encode("utf-8"))
    path.write_text(sentence * copies, encoding="utf-8")
    out = tmp_path / "out"
    result = build([folder], out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    errors = [f["error"] for f in report["failures"] if f["source"] == str(path)]
    assert len(errors) == 1 and errors[0].startswith("too long"), errors
    assert f"{len(sentence) * copies:,}" in errors[0]
    check_build(result, out, good_sources(folder), {str(path)})


def test_html_scripts_and_styles_stay_out_of_the_graph(folder, tmp_path):
    page = folder / "page.html"
    page.write_text(
        "<html><head><style>p:before{content:'省委书记伪样式'}</style>"
        "<script>var s='市长伪脚本来到伪脚本项目调研';</script></head><body><article>"
        "<h1>南岭风电场项目加快建设</h1>"
        "<p>6月1日，县长赵海峰来到南岭风电场项目现场，察看风机吊装进展。他强调，要加快项目建设进度，确保按期并网发电。</p>"
        "<p>随后，赵海峰一行来到西岭光伏电站，了解项目运营情况。</p>"
        "</article><script>document.write('区长伪写入')</script></body></html>", encoding="utf-8")
    only_scripts = folder / "scripts.html"
    only_scripts.write_text("<html><head><script>var a=1;</script><style>p{}</style></head>"
                            "<body><script>run()</script></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    result = build([folder], out)
    check_build(result, out, good_sources(folder, str(page)), {str(only_scripts)})
    turtle = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "赵海峰" in turtle
    assert not any(word in turtle for word in ("伪样式", "伪脚本", "伪写入", "document.write"))


def test_xml_illegal_control_characters_are_kept_out_of_the_files(folder, tmp_path):
    path = folder / "control.txt"
    path.write_text("5月6日，\x01县长赵海峰\x0b深入龙泉镇，察看万吨冷链\x1f仓储项目建设进展。\x7f\x08", encoding="utf-8")
    out = tmp_path / "out"
    result = build([folder], out)
    check_build(result, out, good_sources(folder, str(path)), set())
    illegal = {chr(c) for c in range(32) if chr(c) not in "\t\n\r"}
    for name in GRAPH_FILES:
        assert not illegal & set((out / name).read_text(encoding="utf-8")), name
    assert "赵海峰" in (out / "graph.graphml").read_text(encoding="utf-8")


def test_jsonl_with_one_broken_line(folder, tmp_path):
    path = folder / "feed.jsonl"
    lines = [json.dumps({"text": "7月2日，副市长刘建国到东湖污水处理厂项目调研。"}, ensure_ascii=False),
             '{"text": "8月9日，区委书记',
             json.dumps({"text": "8月9日，区委书记孙雅琴走进海川新材料产业园二期工地。"}, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build([folder], out)
    check_build(result, out, good_sources(folder, f"{path}:1", f"{path}:3"), {f"{path}:2"})


@pytest.mark.parametrize("accident", ["deleted", "replaced-by-a-folder"])
def test_file_that_goes_away_mid_build(folder, tmp_path, monkeypatch, accident):
    """The file is listed, then deleted (or swapped for a folder) before it is read."""
    victim = folder / "victim.txt"
    victim.write_text("4月1日，镇长吴国平来到花溪村蔬菜大棚项目调研。", encoding="utf-8")
    listed = kg.api.expand_inputs

    def list_then_break(inputs):
        paths = listed(inputs)
        victim.unlink()
        if accident == "replaced-by-a-folder":
            victim.mkdir()
        return paths

    monkeypatch.setattr(kg.api, "expand_inputs", list_then_break)
    out = tmp_path / "out"
    result = build([folder], out)
    check_build(result, out, good_sources(folder), {str(victim)})


def test_dangling_symlink_given_by_name(folder, tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "out"
    result = build([folder, link], out)
    check_build(result, out, good_sources(folder), {str(link)})


def test_dangling_symlink_inside_a_folder_is_reported(folder, tmp_path):
    link = folder / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "out"
    result = build([folder], out)
    check_build(result, out, good_sources(folder), {str(link)})


def test_thousands_of_tiny_files(tmp_path):
    news = tmp_path / "tiny"
    news.mkdir()
    count = 2000
    for number in range(count):
        (news / f"n{number:04d}.txt").write_text(f"{number % 12 + 1}月{number % 28 + 1}日，第{number}号通知。",
                                                 encoding="utf-8")
    (news / "n9999.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = build([news], out, "--no-cache")
    good = {str(news / f"n{number:04d}.txt") for number in range(count)}
    check_build(result, out, good, {str(news / "n9999.txt")})
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["documents"] == count


# --- killed builds and deterministic outputs -------------------------------------------------------------

def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in (*GRAPH_FILES, "explorer.html")}


def _report_without_timings(out: Path) -> dict:
    """report.json but what differs between identical builds: the timings and the files' stamps."""
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    report.pop("timings")
    report.pop("files")
    return report


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    """All seeds, one worker, no cache: the reference the other builds are compared with."""
    out = tmp_path_factory.mktemp("reference")
    result = build([SEEDS], out, "--no-cache")
    assert result.exit_code == 0, result.output
    return out


def test_same_inputs_give_byte_identical_outputs(seed_build, tmp_path):
    again = tmp_path / "again"
    assert build([SEEDS], again, "--no-cache").exit_code == 0
    assert _snapshot(again) == _snapshot(seed_build)
    assert _report_without_timings(again) == _report_without_timings(seed_build)


def test_two_workers_and_a_cached_rebuild_give_the_same_bytes(seed_build, tmp_path):
    out = tmp_path / "parallel"
    assert build([SEEDS], out, "--workers", "2").exit_code == 0
    assert _snapshot(out) == _snapshot(seed_build)
    assert build([SEEDS], out, "--workers", "1").exit_code == 0  # every document from the cache
    assert _snapshot(out) == _snapshot(seed_build)
    assert _report_without_timings(out) == _report_without_timings(seed_build)


def _start_build(inputs: list[Path], out: Path) -> subprocess.Popen:
    code = "import sys; from kg.cli import app; app(sys.argv[1:], prog_name='kg')"
    return subprocess.Popen([sys.executable, "-c", code, "build", *map(str, inputs), "--out", str(out), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)


def _listing(out: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every entry of ``out`` but the cache."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in out.iterdir() if p.name != ".kg-cache"}


def _wait_until_writing(process: subprocess.Popen, out: Path, timeout: float = 120) -> bool:
    """True once the build has started writing its outputs (anything in ``out`` changes, even in place)."""
    before = _listing(out)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if _listing(out) != before:
            return True
        time.sleep(0.001)
    return False


def test_killed_build_leaves_whole_files(seed_build, tmp_path):
    """SIGKILL while writing, and at random moments: every output file is the old one or the new one."""
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    assert build(seeds[:2], out).exit_code == 0
    old, new = _snapshot(out), _snapshot(seed_build)
    assert old != new
    rng = random.Random(int(time.time()))
    moments = [0.0, rng.uniform(0.0, 0.3), rng.uniform(0.0, 0.3)]  # seconds after writing began
    for moment in moments:
        process = _start_build([SEEDS], out)
        try:
            started_writing = _wait_until_writing(process, out)
            time.sleep(moment)
        finally:
            process.kill()  # SIGKILL: no clean-up runs
            process.wait(timeout=30)
        assert started_writing or process.returncode == 0, f"the build ended before writing ({moment:.3f} s)"
        for name in GRAPH_FILES:
            torn = f"{name} torn by a kill {moment:.3f} s into writing"
            assert (out / name).read_bytes() in (old[name], new[name]), torn
        parse_outputs(out)
        for leftover in out.glob(".*.tmp"):
            leftover.unlink()


@pytest.mark.parametrize("name, content, reason", [
    ("fake_utf16.txt", b"\xff\xfe\x00\xd8garbage\x00\x00\x00", "byte-order mark but is not utf-16-le text"),
    ("deep.jsonl", b"[" * 100_000 + b"\n", "nested too deeply"),
    ("surrogate.jsonl", b'{"text": "\\u4e09\\u6708\\ud800"}\n', "lone surrogate"),
    ("number.jsonl", b'{"text": 5}\n', '"text" is a int, not a string'),
])
def test_odd_file_is_one_error_among_good_articles(folder, tmp_path, name, content, reason):
    path = folder / name
    path.write_bytes(content)
    out = tmp_path / "out"
    result = build([folder], out)
    failed = f"{path}:1" if name.endswith(".jsonl") else str(path)
    check_build(result, out, good_sources(folder), {failed})
    assert reason in json.loads((out / "report.json").read_text(encoding="utf-8"))["failures"][0]["error"]


def test_file_name_that_is_not_utf8_is_built_under_a_readable_name(folder, tmp_path):
    raw = bytes(folder) + b"/bad\xff\xfe.txt"
    with open(raw, "wb") as handle:
        handle.write("6月3日，县长林文斌来到石门镇，察看万亩茶园提升项目。".encode("utf-8"))
    out = tmp_path / "out"
    result = build([folder], out)
    check_build(result, out, good_sources(folder, f"{folder}/bad\\xff\\xfe.txt"), set())


KILL_BETWEEN_RENAMES = """
import os, signal, sys
import kg.export
from kg.cli import app

real_replace = os.replace

def replace_then_die(source, target):
    real_replace(source, target)
    if str(target).endswith("graph.ttl"):
        os.kill(os.getpid(), signal.SIGKILL)  # the set is half renamed: graph.ttl new, the rest old

kg.export.os.replace = replace_then_die
app(sys.argv[1:], prog_name="kg")
"""


def test_a_set_mixed_by_a_kill_is_never_called_up_to_date(tmp_path, monkeypatch):
    """A kill between the renames of the set (issue 14, item 3): the next build with the old inputs must
    not keep the new graph.ttl beside the old files; no temporary file stays once it has run."""
    import kg.graph.sorted_quads

    seeds = sorted(SEEDS.glob("*.txt"))
    out, reference = tmp_path / "out", tmp_path / "reference"
    assert build(seeds[:2], out).exit_code == 0
    assert build(seeds[:2], reference).exit_code == 0
    killed = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, "build", *map(str, seeds), "--out",
                             str(out), "--quiet"], cwd=ROOT, capture_output=True)
    assert killed.returncode == -9, killed.stderr
    assert (out / "graph.ttl").read_bytes() != (reference / "graph.ttl").read_bytes()  # mixed
    monkeypatch.setattr(kg.graph.sorted_quads, "ABANDONED_AFTER", 0)
    again = runner.invoke(app, ["build", *map(str, seeds[:2]), "--out", str(out)])
    assert again.exit_code == 0 and "up to date" not in again.output
    assert _snapshot(out) == _snapshot(reference)
    assert not [p for p in out.rglob("*.tmp")] and not list(out.glob(".kg-quads-*"))
    assert "up to date" in runner.invoke(app, ["build", *map(str, seeds[:2]), "--out", str(out)]).output


def test_files_changed_after_a_build_are_written_again(tmp_path):
    """kg query --allow-update rewrites some files without report.json: the next build redoes the set."""
    article = tmp_path / "a.txt"
    article.write_text(GOOD["good_a.txt"], encoding="utf-8")
    out = tmp_path / "out"
    assert build([article], out).exit_code == 0
    graphml = (out / "graph.graphml").read_bytes()
    update = 'INSERT DATA { kgr:official\\/王五 a kg:Official ; rdfs:label "王五"@zh }'
    assert runner.invoke(app, ["query", update, "--graph", str(out), "--allow-update"]).exit_code == 0
    assert (out / "graph.graphml").read_bytes() != graphml
    again = build([article], out)
    assert again.exit_code == 0 and "up to date" not in again.output
    assert (out / "graph.graphml").read_bytes() == graphml


def test_a_folder_that_cannot_be_listed_is_reported(folder, tmp_path, monkeypatch):
    """Issue 14, item 8: an unreadable sub-folder is an error line, not a silent gap; alone, a usage error."""
    import os

    locked = folder / "locked"
    locked.mkdir()
    (locked / "c.txt").write_text(GOOD["good_a.txt"], encoding="utf-8")
    listing = os.scandir

    def refuse(path="."):
        if not isinstance(path, int) and Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return listing(path)

    monkeypatch.setattr(os, "scandir", refuse)
    out = tmp_path / "out"
    result = build([folder], out)
    check_build(result, out, good_sources(folder), {str(locked)})
    alone = build([locked], tmp_path / "alone")
    assert alone.exit_code == 2 and "cannot read the folder" in alone.output


@pytest.mark.parametrize("where", ["in-folder", "by-name"])
def test_fifo_and_link_loop_are_named_for_what_they_are(folder, tmp_path, where):
    """Issue 14, item 12: a FIFO is never opened (it would wait for ever) nor called missing; a link loop is
    not called a broken link."""
    import os

    place = folder if where == "in-folder" else tmp_path
    fifo, loop = place / "pipe.txt", place / "loop.txt"
    os.mkfifo(fifo)
    loop.symlink_to(loop)
    out = tmp_path / "out"
    inputs = [folder] if where == "in-folder" else [folder, fifo, loop]
    result = build(inputs, out)
    check_build(result, out, good_sources(folder), {str(fifo), str(loop)})
    errors = {f["source"]: f["error"] for f in json.loads((out / "report.json").read_text())["failures"]}
    assert "FIFO" in errors[str(fifo)] and "loop" in errors[str(loop)]


def test_a_document_past_its_time_limit_is_one_error(folder, tmp_path, monkeypatch):
    """Issue 14, item 9: a pathological document is stopped and reported; the others are built."""
    slow = folder / "slow.txt"
    slow.write_text("6月1日，镇长吴国平来到花溪村蔬菜大棚项目调研。", encoding="utf-8")
    real = kg.extraction.process_document

    def stuck_on_slow(document, config=None, clean=None):
        if document.source.endswith("slow.txt"):
            time.sleep(30)  # as a superlinear step on a huge article would
        return real(document, config, clean)

    monkeypatch.setattr(kg.extraction, "process_document", stuck_on_slow)
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_BASE", 8.0)  # first documents load lazy data
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_PER_CHAR", 0.0)
    out = tmp_path / "out"
    started = time.monotonic()
    result = build([folder], out)
    assert time.monotonic() - started < 25
    check_build(result, out, good_sources(folder), {str(slow)})
    assert "took more than" in result.stderr


def test_a_document_past_its_time_limit_in_a_worker_thread_is_one_error(monkeypatch):
    """A Dask worker runs documents in a thread, where no timer signal can be set: a document stuck in
    Python steps is stopped there too, and the thread goes on with the next one unharmed."""
    import threading

    from kg.model import Document, DocumentResult, Failure

    def stuck(document, config=None, clean=None):
        ends = time.monotonic() + 30
        while time.monotonic() < ends:  # as a superlinear rule on a huge article would
            pass
        raise AssertionError("not stopped")

    monkeypatch.setattr(kg.extraction, "load_pipeline", lambda config=None: None)
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_BASE", 0.5)
    monkeypatch.setattr(kg.extraction, "TIME_LIMIT_PER_CHAR", 0.0)
    outcomes = {}

    def worker_thread():
        started = time.monotonic()
        monkeypatch.setattr(kg.extraction, "process_document", stuck)
        outcomes["stuck"] = kg.extraction.process_or_fail(Document("a", "a.txt", "正文"))
        outcomes["seconds"] = time.monotonic() - started
        monkeypatch.setattr(kg.extraction, "process_document", lambda document, config=None, clean=None: DocumentResult("b", ""))
        outcomes["next"] = kg.extraction.process_or_fail(Document("b", "b.txt", "正文"))
        ends = time.monotonic() + 1.0  # past the limit again: no late timeout may reach the thread
        while time.monotonic() < ends:
            pass
        outcomes["after"] = "unharmed"

    thread = threading.Thread(target=worker_thread)
    thread.start()
    thread.join(60)
    failure = outcomes["stuck"]
    assert isinstance(failure, Failure) and "took more than" in failure.error, failure
    assert outcomes["seconds"] < 10
    assert isinstance(outcomes["next"], DocumentResult) and outcomes["next"].source == "b.txt"
    assert outcomes["after"] == "unharmed"


def _busy(seconds: float) -> None:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:  # Python steps, as a superlinear rule would take
        pass


def test_time_limits_in_threads_share_one_watchdog_that_stops_only_the_threads_past_theirs():
    """Dask workers run many documents in threads: one watchdog thread keeps all their limits. A short limit
    set while the watchdog sleeps until a long one still stops its thread in time; the thread of the long
    limit, and the limits that end before their time, are left alone."""
    import threading

    from kg.extraction import DocumentTimeout, _time_limit

    outcomes: dict[str, object] = {}
    long_set = threading.Event()

    def within(name: str, limit: float, work: float) -> None:
        started = time.monotonic()
        try:
            with _time_limit(limit):
                if name == "long":
                    long_set.set()
                _busy(work)
            outcomes[name] = "done"
        except DocumentTimeout:
            outcomes[name] = "stopped"
        outcomes[name + " seconds"] = time.monotonic() - started

    def many_short() -> None:
        for _ in range(300):
            with _time_limit(0.2):
                pass
        _busy(0.5)  # past the 300 limits: none of them may arrive late
        outcomes["many"] = "unharmed"

    threads = [threading.Thread(target=within, args=("long", 30.0, 2.0)), threading.Thread(target=many_short)]
    threads[0].start()
    long_set.wait(10)
    threads += [threading.Thread(target=within, args=("stuck", 0.3, 30.0))]
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert outcomes["long"] == "done" and outcomes["many"] == "unharmed"
    assert outcomes["stuck"] == "stopped" and outcomes["stuck seconds"] < 5
    assert [thread.name for thread in threading.enumerate()].count("officials-kg time limits") == 1
