"""Benchmark: the interactive map page in real headless Chromium, at 1,000 and 10,000 documents.

Builds each site once (copies of the example strategy, every kind, references renamed per copy),
serves it on 127.0.0.1 and prints, best and median of BENCH_MAP_ROUNDS page loads:
  time to interactive: from navigation start until the map is drawn and its controls answer;
  time to focus one document: its neighbourhood drawn and framed (stratdocsMap.focus, two frames).
Target: interactive under 2 s at 10,000 documents. BENCH_MAP_SIZES=1000,10000 by default;
BENCH_MAP_KEEP=folder keeps the built sites there and reuses them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BIN, ENV, MKDOCS_YML, make_mixed_corpus

SIZES = [int(n) for n in os.environ.get("BENCH_MAP_SIZES", "1000,10000").split(",") if n]
ROUNDS = int(os.environ.get("BENCH_MAP_ROUNDS", "5"))
KEEP = os.environ.get("BENCH_MAP_KEEP", "")  # a folder to build the sites in once, and measure again without building
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
EXAMPLE_DOCS = 26  # front-matter documents in one copy of the example strategy


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build(root: Path, count: int) -> float:
    make_mixed_corpus(root, count + EXAMPLE_DOCS - 1)  # whole copies, at least `count` documents
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra="  - stratdocs:\n      reference: false\n"),
                                     encoding="utf-8")
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "-q", "--site-dir", str(root / "site")], cwd=root, env=ENV,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


FOCUS = """async (id) => { const t = performance.now(); await window.stratdocsMap.focus(id);
  return [performance.now() - t, window.stratdocsMap.state().neighbourhood.length]; }"""


def measure(browser, url: str, focus_id: str) -> tuple[float, float, int, int]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("window.stratdocsMap && (window.stratdocsMap.ready || window.stratdocsMap.error)",
                               timeout=60_000, polling=10)
        error = page.evaluate("window.stratdocsMap.error || ''")
        if error:
            raise RuntimeError(error)
        ready = page.evaluate("window.stratdocsMap.readyAt")  # ms since navigation start
        drawn = page.evaluate("window.stratdocsMap.cy.nodes().length")
        focus_ms, hood = page.evaluate(FOCUS, focus_id)
        return ready / 1000, focus_ms / 1000, drawn, hood
    finally:
        context.close()


def main() -> None:
    if CHROMIUM is None:
        sys.exit("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for count in SIZES:
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(KEEP) / str(count) if KEEP else Path(tmp)
                seconds = build(root, count) if not (root / "site").is_dir() else 0.0
                docs = sum(1 for p in (root / "strategy").rglob("*.md") if p.name != "index.md")
                graph_kb = (root / "site" / "assets" / "stratdocs" / "graph.json").stat().st_size / 1024
                page_kb = (root / "site" / "map" / "index.html").stat().st_size / 1024
                server = serve(root / "site")
                url = f"http://127.0.0.1:{server.server_address[1]}/map/"
                focus_id = f"online-claim-completion-c{docs // EXAMPLE_DOCS // 2}"
                runs = [measure(browser, url, focus_id) for _ in range(ROUNDS)]
                server.shutdown()
                tti, focus = [r[0] for r in runs], [r[1] for r in runs]
                built = f"built in {seconds:.1f} s" if seconds else f"built before, in {root}"
                print(f"map page, {docs} documents ({built}; graph.json {graph_kb:,.0f} KiB, "
                      f"page {page_kb:,.0f} KiB; {runs[0][2]} nodes drawn first):")
                print(f"  time to interactive   best {min(tti):6.3f} s   median {statistics.median(tti):6.3f} s"
                      f"   (target < 2 s at 10,000)")
                print(f"  focus one document    best {min(focus):6.3f} s   median {statistics.median(focus):6.3f} s"
                      f"   ({focus_id}: {runs[0][3]} documents in its neighbourhood)")
        browser.close()


if __name__ == "__main__":
    main()
