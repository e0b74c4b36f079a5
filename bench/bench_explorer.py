"""Explorer benchmark: how fast explorer.html opens in headless Chromium, on the synthetic corpus at a
multiple of the seeds' size (issue 16's bar: the 100x page opens in under 3 s); prints figures.

Generates the corpus (bench/generate.py) and builds it with `kg build` into WORK (a build that is up to date
is reused: the per-document cache makes a second run cheap), then opens the page from file:// with the
network off in a fresh browser each time (tests/browser.py: Debian's chromium driven by Playwright) and
measures the time from navigation to the page's ready mark (data parsed, search index made, the most
visiting official selected, the three plots drawn), then the time to search a name and select it.

    python bench/bench_explorer.py --scale 100 [--repeat 5] [--work /tmp/kg-explorer-bench]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
import browser  # noqa: E402
from generate import write_corpus  # noqa: E402

UNIT = 16_384  # characters of 1x: the seeds' size (bench/README.md)
BAR_SECONDS = 3.0
READY = "body[data-ready='1']"


def build(scale: int, work: Path) -> Path:
    """The page of the corpus at ``scale``, built (or found up to date) in ``work``."""
    corpus, out = work / f"corpus_{scale}x", work / f"out_{scale}x"
    if not corpus.is_dir():
        articles, chars = write_corpus(corpus, scale * UNIT)
        print(f"corpus: {articles:,} articles, {chars:,} characters in {corpus}/")
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "kg"), "build", str(corpus), "--out", str(out),
                    "--format", "html", "--quiet"], check=True, cwd=ROOT)
    print(f"kg build --format html: {time.perf_counter() - started:.1f} s")
    return out / "explorer.html"


def open_once(context, url: str) -> tuple[float, float, float]:
    """(seconds to the ready mark as Python saw it, as the page's clock saw it, to search and select)."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(READY, timeout=60_000)
    seen = time.perf_counter() - started
    in_page = page.evaluate("performance.now()") / 1000
    name = page.evaluate("document.querySelector('#card h2.title').firstChild.textContent")
    started = time.perf_counter()
    page.fill("#search", name)
    page.locator("#results a.entity").first.wait_for()
    page.locator("#results a.entity").first.click()
    page.wait_for_function("document.body.dataset.selected !== undefined")
    interaction = time.perf_counter() - started
    page.close()
    if errors:
        raise RuntimeError(f"the page failed: {errors}")
    return seen, in_page, interaction


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-explorer-bench"))
    args = parser.parse_args()
    reason = browser.missing()
    if reason:
        sys.exit(f"error: {reason}")
    page = build(args.scale, args.work)
    text = page.read_text(encoding="utf-8")
    data = text.partition('id="kg-data">')[2].partition("</script>")[0]
    print(f"page: {page.stat().st_size / 1e6:.2f} MB, of which {len(data.encode()) / 1e6:.2f} MB of graph data")
    runs = []
    for _ in range(args.repeat):
        with browser.browser_context() as context:  # a fresh browser and profile each time: a cold open
            runs.append(open_once(context, page.as_uri()))
    for name, column in (("open (navigation to ready)", 0), ("  of which in the page", 1), ("search + select", 2)):
        values = [run[column] for run in runs]
        print(f"{name:28s} median {statistics.median(values):.2f} s, min {min(values):.2f} s, "
              f"max {max(values):.2f} s ({len(values)} runs)")
    worst = max(run[0] for run in runs)
    print(f"bar: opens in under {BAR_SECONDS:.0f} s at {args.scale}x: {'met' if worst < BAR_SECONDS else 'NOT met'} "
          f"(slowest run {worst:.2f} s)")


if __name__ == "__main__":
    main()
