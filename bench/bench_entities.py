"""Entity-stage benchmark (issue 3): the nlp stage against raw LAC tagging of the same text, side by side.

Measures, in one process and on the same normalised texts: raw LAC tagging (``kg.nlp.tokenizer.lac_words``),
the nlp stage (LAC-backed tokenizer + sentences + places, officials, persons, organisations, projects),
and the time of each component; then the time to load the pipeline (in a fresh subprocess, as a user's
first call pays it) and the peak resident memory of that subprocess. Not a test: it prints figures and
the bars next to them.

    python bench/bench_entities.py [CORPUS_DIR ...]     # default: seeds/ and a generated 10x corpus
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ENTITY_COMPONENTS = ("kg_sentences", "kg_places", "kg_officials", "kg_persons", "kg_organizations", "kg_projects")
LOAD_SCRIPT = """
import resource, time
started = time.perf_counter()
from kg.pipeline import load, make_doc
from kg.model import Document
from kg.normalise import normalise
nlp = load()
make_doc(normalise(Document("x", "x", "5月6日，市长王立新来到临港物流园项目调研。")), nlp)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def texts_of(folders: list[Path]) -> list[str]:
    from kg.ingest import expand_inputs, read_path
    from kg.model import Document
    from kg.normalise import normalise

    paths, _ = expand_inputs([str(f) for f in folders])
    docs = [item for path in paths for item in read_path(path) if isinstance(item, Document)]
    return [normalise(doc).text for doc in docs]


def timed(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    args = parser.parse_args()
    folders = args.corpora
    if not folders:
        generated = Path(tempfile.mkdtemp(prefix="kg-bench-entities-"))
        write_corpus(generated, 10 * 16_384, seed=7)
        folders = [ROOT / "seeds", generated]

    from kg.pipeline import load
    from kg.nlp.tokenizer import lac_words

    texts = texts_of(folders)
    chars = sum(len(t) for t in texts)
    nlp = load()
    lac_words(texts[0])  # warm: model loaded

    def raw_lac() -> None:
        for text in texts:
            lac_words(text)

    component_seconds = {name: 0.0 for name in ENTITY_COMPONENTS}

    def entity_stage() -> None:
        for text in texts:
            doc = nlp.make_doc(text)
            for name in ENTITY_COMPONENTS:
                started = time.process_time()
                doc = nlp.get_pipe(name)(doc)
                component_seconds[name] += time.process_time() - started

    lac = min(timed(raw_lac) for _ in range(args.repeat))
    stage_runs = []
    for _ in range(args.repeat):
        component_seconds.update(dict.fromkeys(component_seconds, 0.0))
        stage_runs.append(timed(entity_stage))
    stage = min(stage_runs)

    out = subprocess.run([sys.executable, "-c", LOAD_SCRIPT], capture_output=True, text=True, cwd=ROOT, check=True)
    load_seconds, peak_mb = (float(x) for x in out.stdout.split())

    print(f"corpus: {len(texts)} documents, {chars:,} characters ({', '.join(map(str, folders))})")
    print(f"raw LAC tagging:      {lac:7.2f} s CPU  {chars / lac:10,.0f} chars/s")
    print(f"entity stage:         {stage:7.2f} s CPU  {chars / stage:10,.0f} chars/s")
    print(f"ratio (stage / LAC throughput): {lac / stage:.0%}   bar: >= 50 %")
    print("per component (CPU s, last run): " + ", ".join(f"{k} {v:.2f}" for k, v in component_seconds.items()))
    print(f"pipeline load + first document (fresh process): {load_seconds:.2f} s   bar: < 3 s")
    print(f"peak RSS of that process: {peak_mb:,.0f} MB   bar: < 1 GB")
    print(f"this process's peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
