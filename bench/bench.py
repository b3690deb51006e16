"""Benchmarks: lint against the YAML parse floor, and the plugin's build overhead.

Prints figures; asserts nothing. Run with `make bench` (BENCH_SIZES=1000,10000 by default;
BENCH_SHAPE_SIZES=500,5000 for the graph shapes: long chains and many broken references;
BENCH_PULL_SIZE=1000x500 for `readings pull`: metrics x readings each; BENCH_READINGS_COST=10000+1000x500
for what readings add to lint and build: sheets + metrics x readings each; BENCH_EVIDENCE_COST=10000+1000
for what gates, guardrails, health and staleness add: documents + git commits, BENCH_EVIDENCE_BUILD=1 to
build the site too).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

BIN = Path(sys.executable).parent
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000").split(",") if n]
BUILD_SIZE = int(os.environ.get("BENCH_BUILD_SIZE", "1000") or 0)
BUILD_ROUNDS = int(os.environ.get("BENCH_BUILD_ROUNDS", "3"))
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", STRATDOCS_TODAY="2026-11-23")

SHEET = """---
kind: alignment-sheet
id: sheet-{n}
title: Aim number {n}
status: active
owner: Owner {n}
{serves}aim:
  statement: More claimants in cohort {n} finish their claim online without help
  definition_of_done: 70% of claims in cohort {n} submitted online for 4 weeks
mechanism:
  lever: change {n} to the claim form
  target: the completion rate of cohort {n}
  reason: claimants in cohort {n} abandon when they need a document
feedback:
  - type: proxy
    metric: proxy-metric
    baseline: 0
    target: 25
    unit: "%"
  - type: leading
    metric: leading-metric
    baseline: 100
    target: 80
  - type: outcome
    metric: outcome-metric
    baseline: 34
    target: 70
stage_gate:
  continue_if: proxy {n} reaches 20% by week 2
  decision_date: 2099-01-{day:02d}
  window_weeks: 2
guardrail:
  sli: availability of form {n}
  slo: ">= 99.5% over 28 days"
cadence:
  review: weekly
  minutes: 15
  day: Tuesday
---

Notes for sheet {n}.
"""


METRIC = """---
kind: metric
id: {name}
title: {name}
status: active
owner: Bench
definition: The {name} of the bench corpus
unit: "%"
direction: up
source: bench
---
"""


def served_sheet(n: int) -> int | None:
    """The corpus topology: every hundredth aim leads a group and serves sheet-0; the others serve their lead."""
    if n == 0:
        return None
    lead = n // 100 * 100
    return lead if lead != n else 0


def make_corpus(root: Path, count: int) -> Path:
    docs = root / "strategy"
    for n in range(count):
        folder = docs / f"group-{n // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        target = served_sheet(n)
        serves = f"serves: [sheet-{target}]\n" if target is not None else ""
        (folder / f"sheet-{n}.md").write_text(SHEET.format(n=n, day=n % 28 + 1, serves=serves), encoding="utf-8")
    for name in ("proxy-metric", "leading-metric", "outcome-metric"):
        (docs / f"{name}.md").write_text(METRIC.format(name=name), encoding="utf-8")
    (docs / "index.md").write_text("# Bench\n", encoding="utf-8")
    return docs


REPO = Path(__file__).resolve().parent.parent


def make_mixed_corpus(root: Path, count: int) -> Path:
    """Copies of the example strategy (every kind), ids and references renamed per copy."""
    sys.path.insert(0, str(REPO / "plugins"))
    from stratdocs.load.load import load_bytes
    from stratdocs.pipeline import discover

    docs = root / "strategy"
    sources = list(discover(REPO / "strategy"))
    texts = [s.path.read_text(encoding="utf-8") for s in sources]
    ids = sorted({load_bytes(t.encode(), "x", "x").id for t in texts} - {None, ""}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
    strategy_docs = [(s, t) for s, t in zip(sources, texts, strict=True) if t.startswith("---\n")]
    copies = max(1, count // len(strategy_docs))
    for k in range(copies):
        for source, text in strategy_docs:
            head, sep, body = text[4:].partition("\n---\n")
            renamed = "---\n" + pattern.sub(lambda m, k=k: f"{m.group(1)}-c{k}", head) + sep + body
            path = docs / f"copy-{k:04d}" / source.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(renamed, encoding="utf-8")
    (docs / "index.md").write_text("# Bench\n", encoding="utf-8")
    return docs


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def parse_floor(docs: Path) -> float:
    """Read every file and parse its front matter with PyYAML's C loader: nothing more."""
    def parse_all():
        for path in docs.rglob("*.md"):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n"):
                end = text.find("\n---\n", 4)
                yaml.load(text[4:end], Loader=yaml.CSafeLoader)
    return best_of(3, parse_all)


def cpu_timed(func) -> float:
    """User + system CPU seconds of the child processes func runs: steadier than wall time here."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    func()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(times: int, func) -> float:
    return min(timed(func) for _ in range(times))


def run(args: list[str], cwd: Path) -> None:
    subprocess.run(args, cwd=cwd, env=ENV, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def in_process_lint(docs: Path) -> float:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
    from stratdocs.config import Config
    from stratdocs.pipeline import discover
    from stratdocs.pipeline import run as run_pipeline

    config = Config()
    return best_of(3, lambda: run_pipeline(discover(docs), config))


def lint_figures(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = make_corpus(root, count)
        floor = parse_floor(docs)
        pipeline = in_process_lint(docs)
        cold = best_of(3, lambda: run([str(BIN / "stratdocs"), "lint", "strategy"], root))
        print(f"lint, {count} sheets:")
        print(f"  parse floor (read + CSafeLoader)  {floor:8.3f} s")
        print(f"  pipeline in process               {pipeline:8.3f} s   ratio {pipeline / floor:5.2f}x floor")
        print(f"  cold `stratdocs lint` (CLI)       {cold:8.3f} s   ratio {cold / floor:5.2f}x floor")
        sarif = best_of(3, lambda: run([str(BIN / "stratdocs"), "lint", "--format", "sarif", "strategy"], root))
        print(f"  `stratdocs lint --format sarif`   {sarif:8.3f} s   {100 * (sarif / cold - 1):+5.1f}% vs text")


MKDOCS_YML = """site_name: Bench
docs_dir: strategy
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins:
  - search
{extra}"""

# What a team without stratdocs would keep: the same sheet, written by hand in Markdown.
HANDWRITTEN = """---
title: Aim number {n}
---

**Kind:** Alignment sheet · **Id:** `sheet-{n}` · **Status:** active · **Owner:** Owner {n} ·
**Cadence:** weekly 15-minute review on Tuesday{serves}

## Aim

More claimants in cohort {n} finish their claim online without help

**Definition of done:** 70% of claims in cohort {n} submitted online for 4 weeks

## Mechanism

We believe **change {n} to the claim form** will move **the completion rate of cohort {n}**
because **claimants in cohort {n} abandon when they need a document**.

## Feedback

| Type | Metric | Baseline | Target |
|---|---|---|---|
| proxy | [`proxy-metric`]({up}proxy-metric.md) | 0% | 25% |
| leading | [`leading-metric`]({up}leading-metric.md) | 100 | 80 |
| outcome | [`outcome-metric`]({up}outcome-metric.md) | 34 | 70 |

## Stage gate

We will continue if **proxy {n} reaches 20% by week 2**.

**Decision date:** 2099-01-{day:02d}

**Window:** 2 weeks

## Guardrail

**SLI:** availability of form {n} — **SLO:** >= 99.5% over 28 days

## Notes

Notes for sheet {n}.
{referenced_by}"""


def sheet_path(n: int) -> str:
    return f"group-{n // 100:03d}/sheet-{n}.md"


def served_by(count: int) -> dict[int, list[int]]:
    """Which sheets serve each sheet."""
    servers: dict[int, list[int]] = {}
    for n in range(1, count):
        servers.setdefault(served_sheet(n), []).append(n)
    return servers


def make_handwritten_corpus(root: Path, count: int) -> Path:
    """The pages the plugin renders from make_corpus, as plain Markdown: links, tables, backlinks and all."""
    docs = root / "strategy"
    servers = served_by(count)
    for n in range(count):
        path = docs / sheet_path(n)
        path.parent.mkdir(parents=True, exist_ok=True)
        target = served_sheet(n)
        serves = f" · **Serves:** [`sheet-{target}`](../{sheet_path(target)})" if target is not None else ""
        links = "".join(f"- [Aim number {s}](../{sheet_path(s)}) alignment-sheet\n" for s in servers.get(n, []))
        referenced_by = f"\n## Referenced by\n\n### Served by\n\n{links}" if links else ""
        path.write_text(HANDWRITTEN.format(n=n, day=n % 28 + 1, serves=serves, up="../",
                                           referenced_by=referenced_by), encoding="utf-8")
    users = "".join(f"- [Aim number {n}]({sheet_path(n)}) alignment-sheet\n" for n in range(count))
    for name in ("proxy-metric", "leading-metric", "outcome-metric"):
        (docs / f"{name}.md").write_text(
            f"---\ntitle: {name}\n---\n\n**Kind:** Metric · **Id:** `{name}` · **Unit:** % · **Direction:** up\n\n"
            f"## Definition\n\nThe {name} of the bench corpus\n\n## Referenced by\n\n"
            f"### Read by signals and measures\n\n{users}", encoding="utf-8")
    (docs / "index.md").write_text("# Bench\n", encoding="utf-8")
    return docs


def plugin_hook_time(root: Path) -> dict[str, float]:
    """Build once in this process and time the plugin's own hooks: the work it adds to MkDocs."""
    sys.path.insert(0, str(REPO / "plugins"))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from stratdocs import mkdocs_plugin

    spent = {"on_files (load, validate, graph, rules)": 0.0, "on_page_* (render pages, 5 generated)": 0.0}
    saved = {}
    for name in ("on_config", "on_files", "on_page_read_source", "on_page_markdown", "on_page_content"):
        hook = saved[name] = getattr(mkdocs_plugin.StratdocsPlugin, name)
        label = "on_files (load, validate, graph, rules)" if name in ("on_config", "on_files") \
            else "on_page_* (render pages, 5 generated)"

        def timed_hook(*args, _hook=hook, _label=label, **kwargs):
            start = time.perf_counter()
            try:
                return _hook(*args, **kwargs)
            finally:
                spent[_label] += time.perf_counter() - start
        setattr(mkdocs_plugin.StratdocsPlugin, name, timed_hook)
    try:
        old_cwd = os.getcwd()
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        build(config)
    finally:
        os.chdir(old_cwd)
        for name, hook in saved.items():
            setattr(mkdocs_plugin.StratdocsPlugin, name, hook)
    return spent


def build_figures(count: int) -> None:
    mkdocs = [str(BIN / "mkdocs"), "build", "-q"]
    with tempfile.TemporaryDirectory() as tmp:
        bare, handwritten = Path(tmp) / "bare", Path(tmp) / "handwritten"
        make_corpus(bare, count)
        make_handwritten_corpus(handwritten, count)
        plain_yml = MKDOCS_YML.format(extra="")
        plugin_yml = MKDOCS_YML.format(extra="  - stratdocs:\n      reference: false\n")
        runs = {"front matter only": (bare, plain_yml), "hand-written": (handwritten, plain_yml),
                "with plugin": (bare, plugin_yml)}
        wall: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}
        for _ in range(BUILD_ROUNDS):  # interleaved, so a busy moment hits every variant alike
            for label, (root, yml) in runs.items():
                (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
                start = time.perf_counter()
                cpu.setdefault(label, []).append(cpu_timed(lambda root=root: run(mkdocs, root)))
                wall.setdefault(label, []).append(time.perf_counter() - start)
        (bare / "mkdocs.yml").write_text(plugin_yml, encoding="utf-8")
        hooks = plugin_hook_time(bare)
        print(f"mkdocs build, {count} alignment sheets (best of {BUILD_ROUNDS}, interleaved; wall and CPU seconds):")
        notes = {"front matter only": "pages show the body alone", "hand-written": "the plugin's output as Markdown"}
        for label in runs:
            best_wall, best_cpu = min(wall[label]), min(cpu[label])
            line = f"  {label:18s} wall {best_wall:7.3f} s   cpu {best_cpu:7.3f} s"
            if label in notes:
                print(f"{line}   ({notes[label]})")
                continue
            print(line)
            for base in notes:
                print(f"    overhead vs {base:18s} wall {100 * (best_wall / min(wall[base]) - 1):+6.1f}%   "
                      f"cpu {100 * (best_cpu / min(cpu[base]) - 1):+6.1f}%")
        hand_time = min(wall["hand-written"])
        print("  the plugin's own hooks, in process:")
        for label, seconds in hooks.items():
            print(f"    {label:42s}{seconds:8.3f} s   {100 * seconds / hand_time:5.1f}% of a hand-written build")


def render_pages(result, config) -> None:
    """Render every strategy page in process, as the plugin's on_page_* hooks do."""
    from stratdocs.render.context import RenderContext
    from stratdocs.render.page import render_page

    for doc in result.docs:
        if doc.is_strategy:
            render_page(doc, [], RenderContext(today=config.today, graph=result.graph, page_src_uri=doc.src_uri))


def render_generated_pages(result, config) -> None:
    from stratdocs.render.generated import GENERATED_PAGES, render_generated

    for uri in GENERATED_PAGES:
        render_generated(uri, result.graph, config.today)


def mixed_figures(count: int) -> None:
    """Every kind, with the graph: lint, graph, diagrams and generated pages."""
    from stratdocs.config import Config
    from stratdocs.graph.graph import build_graph
    from stratdocs.pipeline import discover
    from stratdocs.pipeline import run as run_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = make_mixed_corpus(root, count)
        floor = parse_floor(docs)
        config = Config()
        result = run_pipeline(discover(docs), config)
        pipeline = best_of(3, lambda: run_pipeline(discover(docs), config))
        graph_time = best_of(3, lambda: build_graph(result.index))

        def render_all():
            render_pages(result, config)
            render_generated_pages(result, config)
        render_time = best_of(1, render_all)
        errors = sum(1 for f in result.findings if f.severity.value == "error")
        print(f"mixed corpus (all kinds), {len(result.docs)} documents, {errors} errors:")
        print(f"  parse floor (read + CSafeLoader)  {floor:8.3f} s")
        print(f"  pipeline in process (with graph)  {pipeline:8.3f} s   ratio {pipeline / floor:5.2f}x floor")
        print(f"  graph alone                       {graph_time:8.3f} s")
        print(f"  render every page + 5 generated   {render_time:8.3f} s   (diagrams, backlinks, map)")
        for fmt in ("text", "sarif"):
            cold = best_of(2, lambda fmt=fmt: run([str(BIN / "stratdocs"), "lint", "--format", fmt, "strategy"], root))
            print(f"  cold `stratdocs lint --format {fmt:5s}` {cold:6.3f} s")


DECISION = """---
kind: decision
id: decision-{n}
title: Decision {n}
status: active
owner: Bench
date: 2026-01-01
decision: continue
rationale: the bench needs it
deciders: [Bench]
{extra}---
"""

METRIC_LINK = """---
kind: metric
id: metric-{n}
title: Metric {n}
definition: Metric {n} of the bench chain
unit: "%"
{extra}---
"""

# Graph shapes that once cost quadratic time: (label, file text for document n of count).
SHAPES = [
    ("supersedes chain", lambda n, count: DECISION.format(n=n, extra=f"supersedes: decision-{n - 1}\n" if n else "")),
    ("dangling references (typos)", lambda n, count: DECISION.format(n=n, extra=f"supersedes: decison-{n + 1}\n")),
    ("metric parent chain", lambda n, count: METRIC_LINK.format(
        n=n, extra=f"parent: metric-{n + 1}\n" if n + 1 < count else "")),
]


def make_shape(root: Path, text, count: int) -> Path:
    docs = root / "strategy"
    docs.mkdir(parents=True)
    for n in range(count):
        (docs / f"doc-{n:05d}.md").write_text(text(n, count), encoding="utf-8")
    return docs


def shape_times(text, count: int) -> dict[str, float]:
    """Cold `stratdocs lint`; for metrics also every page rendered in process (the diagram draws the chain)."""
    from stratdocs.config import Config
    from stratdocs.pipeline import discover
    from stratdocs.pipeline import run as run_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = make_shape(root, text, count)
        times = {"lint": best_of(1, lambda: run([str(BIN / "stratdocs"), "lint", "strategy"], root))}
        if "kind: metric" in text(0, count):
            config = Config()
            result = run_pipeline(discover(docs), config)
            times["render pages"] = best_of(1, lambda: render_pages(result, config))
            times["render generated"] = best_of(1, lambda: render_generated_pages(result, config))
    return times


def shape_figures(sizes: list[int]) -> None:
    sys.path.insert(0, str(REPO / "plugins"))
    small, large = sizes[0], sizes[-1]
    print(f"graph shapes, {' vs '.join(map(str, sizes))} documents (wall seconds; a ratio near "
          f"{large / small:.0f} is linear):")
    for label, text in SHAPES:
        by_size = {count: shape_times(text, count) for count in sizes}
        for what in by_size[small]:
            figures = "   ".join(f"{count:6d}: {by_size[count][what]:8.3f} s" for count in sizes)
            ratio = by_size[large][what] / max(by_size[small][what], 1e-9)
            print(f"  {label + ', ' + what:44s}{figures}   ratio {ratio:6.1f}x")


PULL_METRIC = """---
kind: metric
id: metric-{n}
title: Metric {n}
definition: Metric {n} of the pull bench
unit: "%"
direction: up
readings:
  source: bench
  query: select date, value from readings where metric = 'metric-{n}'
---
"""


def make_pull_project(root: Path, metrics: int, readings: int) -> None:
    """A DuckDB file holding every metric's weekly readings, and a metric document querying each."""
    import duckdb

    (root / "data").mkdir()
    with duckdb.connect(str(root / "data/bench.duckdb")) as db:
        db.execute("create table readings as select 'metric-' || m as metric, "
                   "date '2016-01-04' + (7 * r)::integer as date, round(random() * 100, 1) as value "
                   "from range(?) t(m), range(?) s(r) order by metric, date", [metrics, readings])
    (root / "pyproject.toml").write_text('[tool.stratdocs.sources]\nbench = "duckdb:///data/bench.duckdb"\n',
                                         encoding="utf-8")
    docs = root / "strategy"
    docs.mkdir()
    for n in range(metrics):
        (docs / f"metric-{n}.md").write_text(PULL_METRIC.format(n=n), encoding="utf-8")


def pull_figures(metrics: int, readings: int) -> None:
    """`stratdocs readings pull` from the embedded DuckDB: rows per second, into empty files and unchanged."""
    try:
        import duckdb  # noqa: F401  (the readings extra)
    except ImportError:
        print("readings pull: skipped (install the readings extra: pip install '.[readings]')")
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_pull_project(root, metrics, readings)
        pull = [str(BIN / "stratdocs"), "readings", "pull"]
        rows = metrics * readings
        print(f"readings pull, {metrics} metrics x {readings} readings ({rows:,} rows) from DuckDB (wall seconds):")
        first = timed(lambda: run(pull, root))
        written = len(list((root / "readings").glob("*.csv")))
        print(f"  first pull: all new, {written} files written {first:8.3f} s  {rows / first:10,.0f} rows/s")
        again = best_of(2, lambda: run(pull, root))
        print(f"  again: unchanged, nothing written      {again:8.3f} s  {rows / again:10,.0f} rows/s")
        lint = best_of(2, lambda: run([str(BIN / "stratdocs"), "lint", "strategy"], root))
        print(f"  `stratdocs lint` of the same project   {lint:8.3f} s  (metrics and readings loaded)")



def readings_cost_figures(docs: int, metrics: int, readings: int) -> None:
    """What readings add to `stratdocs lint` and `mkdocs build`: the same project with and without them."""

    sys.path.insert(0, str(REPO / "plugins"))
    from stratdocs.readings.csvfile import Reading, write_series

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_corpus(root, docs)
        for n in range(metrics):
            text = PULL_METRIC.format(n=n).split("readings:")[0] + "---\n"
            (root / "strategy" / f"metric-{n}.md").write_text(text, encoding="utf-8")
        series = [Reading(dt.date(2016, 1, 4) + dt.timedelta(weeks=r), round(40 + (r * 37 % 23) / 2, 1))
                  for r in range(readings)]
        (root / "stored").mkdir()
        for n in range(metrics):
            (root / "stored" / f"metric-{n}.csv").write_text(write_series(series), encoding="utf-8")
        (root / "mkdocs.yml").write_text(MKDOCS_YML.format(extra="  - stratdocs:\n      reference: false\n"),
                                         encoding="utf-8")
        lint = [str(BIN / "stratdocs"), "lint", "strategy"]
        build = [str(BIN / "mkdocs"), "build", "-q"]
        figures: dict[str, dict[str, float]] = {"lint": {}, "build": {}}
        rounds = int(os.environ.get("BENCH_READINGS_ROUNDS", "1"))  # 2: interleaved, a busy moment hits both
        for with_readings in (False, True) * rounds:
            if with_readings:
                (root / "stored").rename(root / "readings")
            key = "with readings" if with_readings else "without"
            figures["lint"][key] = min(figures["lint"].get(key, 1e9), best_of(2, lambda: run(lint, root)))
            figures["build"][key] = min(figures["build"].get(key, 1e9), timed(lambda: run(build, root)))
            if with_readings:
                (root / "readings").rename(root / "stored")
        print(f"readings cost: {docs:,} sheets + {metrics:,} metrics x {readings} readings (best wall seconds):")
        for what, by in figures.items():
            extra = by["with readings"] / by["without"] - 1
            print(f"  {what:6s} without {by['without']:8.3f} s   with readings {by['with readings']:8.3f} s"
                  f"   {100 * extra:+6.1f}%")


EVIDENCE_SHEET = """---
kind: alignment-sheet
id: aim-{n}
title: Aim number {n}
status: active
health: on-track
owner: Owner {n}
aim:
  statement: More claimants in cohort {n} finish their claim online without help
  definition_of_done: 70% of claims in cohort {n} submitted online for 4 weeks
  done_rule: {{metric: outcome-{m}, at_least: 70, for_last: 4}}
mechanism:
  lever: change {n} to the claim form
  target: the completion rate of cohort {n}
  reason: claimants in cohort {n} abandon when they need a document
feedback:
  - {{type: proxy, metric: proxy-{m}, baseline: 0, target: 25}}
  - {{type: outcome, metric: outcome-{m}, baseline: 34, target: {{value: 70, date: 2026-10-05}}}}
stage_gate:
  continue_if: proxy {n} reaches 20% by week 2
  decision_date: 2026-{month:02d}-{day:02d}
  rule:
    all:
      - {{metric: proxy-{m}, at_least: 20}}
      - {{metric: outcome-{m}, between: [30, 100], for_last: 2}}
guardrail:
  sli: availability of form {n}
  slo: ">= 99.5% over 28 days"
  metric: guard-{m}
  at_least: 99.5
cadence:
  review: weekly
---

Notes for aim {n}.
"""

EVIDENCE_METRIC = """---
kind: metric
id: {name}
title: Metric {name}
status: active
owner: Bench
definition: The {name} of the bench corpus
unit: "%"
direction: up
---
"""


def make_evidence_project(root: Path, docs: int, commits: int) -> None:
    """Sheets judged on readings (a metric trio per ten sheets, a year of weekly readings) in a git history."""
    sys.path.insert(0, str(REPO / "plugins"))
    from stratdocs.readings.csvfile import Reading, write_series

    files: dict[str, str] = {}
    metrics = max(1, docs // 10)
    for n in range(docs - 3 * metrics):
        files[f"strategy/aims/group-{n // 100:03d}/aim-{n}.md"] = EVIDENCE_SHEET.format(
            n=n, m=n % metrics, month=n % 12 + 1, day=n % 28 + 1)
    start = dt.date(2025, 11, 24)
    for m in range(metrics):
        for family, base in (("proxy", 10.0), ("outcome", 40.0), ("guard", 99.0)):
            name = f"{family}-{m}"
            files[f"strategy/metrics/{name}.md"] = EVIDENCE_METRIC.format(name=name)
            series = [Reading(start + dt.timedelta(weeks=w), round(base + ((w * 7 + m) % 13) / 10 * (w % 5), 1))
                      for w in range(52)]
            files[f"readings/{name}.csv"] = write_series(series)
    files["strategy/index.md"] = "# Bench\n"
    files["mkdocs.yml"] = MKDOCS_YML.format(extra="  - stratdocs:\n      reference: false\n")
    files["pyproject.toml"] = '[tool.stratdocs]\nas_of = 2026-11-23\n'
    _fast_import(root, files, commits, dt.datetime(2024, 11, 25, 9, tzinfo=dt.UTC))


def _fast_import(root: Path, files: dict[str, str], commits: int, first: dt.datetime) -> None:
    """One `git fast-import`: every file in the first commit, then commits editing a few documents each."""
    docs = sorted(name for name in files if name.startswith("strategy/aims/"))
    stream: list[bytes] = []

    def commit(k: int, changes: dict[str, str]) -> None:
        when = int((first + dt.timedelta(hours=17 * k)).timestamp())
        message = f"commit {k}".encode()
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"committer Bench <bench@example.org> {when} +0000\n".encode())
        stream.append(b"data %d\n%s\n" % (len(message), message))
        for name, text in changes.items():
            data = text.encode()
            stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(data), data))

    commit(0, files)
    for k in range(1, commits):
        edited = {name: files[name] + f"\nRevised in commit {k}.\n" for name in docs[k * 7 % len(docs):][:10]}
        files.update(edited)
        commit(k, edited)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(stream), check=True)
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True)


def evidence_cost_figures(docs: int, commits: int) -> None:
    """What gates, guardrails, health and staleness add to lint (and build): readings and git history on, off."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        make_evidence_project(root, docs, commits)
        print(f"evidence cost: {docs:,} documents, {commits:,} commits (made in {time.perf_counter() - started:.1f} s;"
              " best wall seconds):")
        setups = {"neither": {"STRATDOCS_NO_GIT": "1"}, "readings": {"STRATDOCS_NO_GIT": "1"}, "readings + git": {}}
        lint = [str(BIN / "stratdocs"), "lint", "strategy"]
        build = [str(BIN / "mkdocs"), "build", "-q"]
        figures: dict[str, dict[str, float]] = {"lint": {}, "build": {}}
        for label, extra in setups.items():
            stored = root / "readings"
            if label == "neither":
                stored.rename(root / "stored")
            env = dict(ENV, **extra)
            figures["lint"][label] = best_of(2, lambda env=env: _run_env(lint, root, env))
            if os.environ.get("BENCH_EVIDENCE_BUILD") == "1" and label != "readings":  # a build takes minutes
                figures["build"][label] = timed(lambda env=env: _run_env(build, root, env))
            if label == "neither":
                (root / "stored").rename(stored)
        for what, by in figures.items():
            if not by:
                continue
            base = by["neither"]
            cells = "   ".join(f"{label} {t:8.3f} s ({100 * (t / base - 1):+5.1f}%)" for label, t in by.items()
                               if label != "neither")
            print(f"  {what:6s} neither {base:8.3f} s   {cells}")


def _run_env(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(args, cwd=cwd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    for size in SIZES:
        lint_figures(size)
    for size in [int(n) for n in os.environ.get("BENCH_MIXED_SIZES", "1000,10000").split(",") if n]:
        mixed_figures(size)
    if BUILD_SIZE:
        build_figures(BUILD_SIZE)
    shape_sizes = [int(n) for n in os.environ.get("BENCH_SHAPE_SIZES", "500,5000").split(",") if n]
    if shape_sizes:
        shape_figures(shape_sizes)
    pull_size = os.environ.get("BENCH_PULL_SIZE", "1000x500")  # metrics x readings each; empty: skipped
    if pull_size:
        pull_figures(*(int(n) for n in pull_size.split("x")))
    cost_size = os.environ.get("BENCH_READINGS_COST", "10000+1000x500")  # docs + metrics x readings; empty: skipped
    if cost_size:
        docs_count, _, shape = cost_size.partition("+")
        readings_cost_figures(int(docs_count), *(int(n) for n in shape.split("x")))
    evidence_size = os.environ.get("BENCH_EVIDENCE_COST", "10000+1000")  # documents + commits; empty: skipped
    if evidence_size:
        evidence_cost_figures(*(int(n) for n in evidence_size.split("+")))
