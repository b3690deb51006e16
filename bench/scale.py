"""Diagrams at scale: a 10,000-document mixed site built with `mkdocs build`, every diagram measured.

Prints figures; asserts nothing. `make bench` runs it (BENCH_SCALE_SIZE=10000 by default; empty: skipped).
The site: copies of the example strategy (every kind, references renamed per copy), an S&T tree of
1,000 nodes, and sheets that all serve one of its nodes and read one shared metric (hubs of thousands).
"""

from __future__ import annotations

import html
import logging
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "plugins"))

from bench import BIN, ENV, MKDOCS_YML, SHEET, make_mixed_corpus, plugin_hook_time  # noqa: E402

SIZE = int(os.environ.get("BENCH_SCALE_SIZE", "10000") or 0)
TREE_NODES = 1_000
HUB_SHARE = 0.15  # of the documents: sheets serving the big tree's first node
MERMAID_LIMIT = 50_000  # mermaid's maxTextSize
_PRE = re.compile(r'<pre class="mermaid[^"]*"><code>(.*?)</code></pre>', re.DOTALL)


def tree_text(nodes: int, tree_id: str = "hub-tree", fanout: int = 10) -> str:
    """An S&T tree of `nodes` nodes, `fanout` children each, breadth first: n0 is the root."""
    lines = [f"---\nkind: st-tree\nid: {tree_id}\ntitle: Hub tree\nstatus: active\nowner: Bench\nnodes:\n"]

    def write(n: int, depth: int) -> None:
        pad = "  " * (2 * depth)
        lines.append(f"{pad}- id: n{n}\n{pad}  strategy: Strategy {n} of the hub tree\n{pad}  tactic: Tactic {n}\n")
        kids = [k for k in range(n * fanout + 1, n * fanout + fanout + 1) if k < nodes]
        if kids:
            lines.append(f"{pad}  children:\n")
            for k in kids:
                write(k, depth + 1)

    write(0, 0)
    lines.append("---\n\nThe hub tree.\n")
    return "".join(lines)


def make_scale_site(root: Path, count: int, tree_nodes: int = TREE_NODES) -> Path:
    """mkdocs.yml and strategy/ with about `count` documents of every kind; returns the docs folder."""
    hubs = int(count * HUB_SHARE)
    docs = make_mixed_corpus(root, count - hubs - 4)
    (docs / "hub-tree.md").write_text(tree_text(tree_nodes), encoding="utf-8")
    for name in ("proxy-metric", "leading-metric", "outcome-metric"):
        (docs / f"{name}.md").write_text(
            f"---\nkind: metric\nid: {name}\ntitle: {name}\nstatus: active\nowner: Bench\n"
            f"definition: The {name} of the bench corpus\nunit: '%'\ndirection: up\nsource: bench\n---\n",
            encoding="utf-8")
    folder = docs / "hub"
    folder.mkdir()
    for n in range(hubs):
        target = "hub-tree#n0" if n % 2 == 0 else f"hub-tree#n{n % tree_nodes}"
        (folder / f"sheet-{n}.md").write_text(
            SHEET.format(n=n, day=n % 28 + 1, serves=f"serves: [{target}]\n"), encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra="  - stratdocs:\n      reference: false\n"),
                                     encoding="utf-8")
    return docs


def diagram_sizes(site: Path) -> tuple[int, int, int, str]:
    """(pages, diagrams, largest diagram text in characters, its page) over every HTML page of the site."""
    pages = diagrams = largest = 0
    where = ""
    for page in site.rglob("*.html"):
        pages += 1
        for code in _PRE.findall(page.read_text(encoding="utf-8")):
            diagrams += 1
            size = len(html.unescape(code))
            if size > largest:
                largest, where = size, str(page.relative_to(site))
    return pages, diagrams, largest, where


def scale_figures(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        docs = make_scale_site(root, count)
        made = time.perf_counter() - started
        written = sum(1 for _ in docs.rglob("*.md"))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=root, env=ENV, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        pages, diagrams, largest, where = diagram_sizes(root / "site")
        print(f"diagrams at scale: {written:,} files ({count:,} documents asked; made in {made:.1f} s), "
              f"a {TREE_NODES:,}-node tree, {int(count * HUB_SHARE):,} sheets on one node:")
        print(f"  mkdocs build              wall {wall:8.3f} s   cpu {cpu:8.3f} s")
        print(f"  peak memory (ru_maxrss)        {after.ru_maxrss / 1024:8.1f} MiB")
        print(f"  pages {pages:,}, diagrams {diagrams:,}; largest diagram text {largest:,} characters ({where}), "
              f"{100 * largest / MERMAID_LIMIT:.1f}% of mermaid's {MERMAID_LIMIT:,}")
        logging.disable(logging.ERROR)  # the findings were the first build's to print
        try:
            hooks = plugin_hook_time(root)  # a second build, in this process, the plugin's hooks timed
        finally:
            logging.disable(logging.NOTSET)
        total = sum(hooks.values())
        print(f"  the plugin's own hooks, in process (a second build): {total:8.3f} s, "
              f"{100 * total / wall:5.1f}% of the build's wall time")
        for label, seconds in hooks.items():
            print(f"    {label:42s}{seconds:8.3f} s")


if __name__ == "__main__":
    if SIZE:
        scale_figures(SIZE)
