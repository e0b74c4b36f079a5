"""Where the CPU of one `kg build --no-cache` goes, stage by stage, in this process: start-up (imports, the
pipeline), each document's steps (normalise, LAC, the spaCy Doc, each component, the result), the
resolver, the spill of the quads and each file writer. CPU seconds (``time.process_time``), not wall: on a
loaded machine they are the figures that can be compared.

Run it with one code after the other, alternating, to compare two versions of the code (the code is the
``kg`` package this interpreter imports: set ``PYTHONPATH`` to another checkout, and run from outside the
worktree so that the current folder does not come first):

    python bench/bench_stages.py CORPUS [--out DIR] [--json FILE]

Not a test: nothing is asserted.
"""

from __future__ import annotations

import time

_STARTED = time.process_time()  # before the imports below: they are part of the start-up

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="a folder of articles (bench/generate.py writes one)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/kg-bench-stages"), help="output folder (emptied)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    cpu = time.process_time
    times: dict[str, float] = defaultdict(float)

    import kg.api as api
    import kg.export as export
    import kg.pipeline  # noqa: F401  (before kg.nlp: spaCy is imported as a build imports it)
    import kg.nlp.tokenizer as tokenizer
    from kg.extraction import GC_THRESHOLDS, load_pipeline
    from kg.graph.rdf import resolved_statements
    from kg.graph.sorted_quads import SortedQuads

    times["start-up: imports"] = cpu() - _STARTED
    started = cpu()
    nlp = load_pipeline()
    times["start-up: pipeline"] = cpu() - started

    def timed(name, function):
        def run(*args, **kwargs):
            began = cpu()
            try:
                return function(*args, **kwargs)
            finally:
                times[name] += cpu() - began
        return run

    tokenizer.lac_words = timed("nlp: LAC (lac_words)", tokenizer.lac_words)
    lac_tokenizer = tokenizer.LACTokenizer
    lac_tokenizer.tag_ahead = timed("nlp: LAC ahead (tag_ahead, a document window's pieces)", lac_tokenizer.tag_ahead)
    lac_tokenizer.__call__ = timed("nlp: tokenizer (lac_words included)", lac_tokenizer.__call__)
    nlp._components = [(name, timed(f"nlp: {name}", pipe)) for name, pipe in nlp._components]
    for name in ("normalise", "document_result"):
        module = {"normalise": "kg.normalise", "document_result": "kg.relations.collect"}[name]
        imported = __import__(module, fromlist=[name])
        setattr(imported, name, timed(f"documents: {name}", getattr(imported, name)))
    export.WRITERS = tuple(dataclasses.replace(writer, write=timed(f"export: {writer.format}", writer.write))
                           for writer in export.WRITERS)

    shutil.rmtree(args.out, ignore_errors=True)
    gc.set_threshold(*GC_THRESHOLDS)
    whole = cpu()
    results, report = api.extract([args.corpus])
    times["documents: all"] = cpu() - whole
    started = cpu()
    stamp = api.manifest(results, report.failures)
    times["manifest"] = cpu() - started
    started = cpu()
    resolved = api._resolve(results, report, 0.0)
    times["resolve"] = cpu() - started
    del results
    started = cpu()
    with SortedQuads.spill(resolved_statements(resolved), args.out) as quads:
        del resolved
        times["graph: spill"] = cpu() - started
        started = cpu()
        export.save(quads, args.out, report={**report.to_dict(), "manifest": stamp})
        times["export: all"] = cpu() - started
    times["build (documents to files)"] = cpu() - whole
    times["process"] = cpu()
    if args.json:
        args.json.write_text(json.dumps(times, indent=1))
    chars = sum(len(p.read_text(encoding="utf-8")) for p in Path(args.corpus).rglob("*") if p.is_file())
    print(f"{chars:,} characters of files, load average {os.getloadavg()[0]:.1f}")
    for name, seconds in sorted(times.items()):
        print(f"{seconds:8.3f} s  {name}")


if __name__ == "__main__":
    main()
