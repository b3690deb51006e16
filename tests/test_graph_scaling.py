"""The graph on the lint path grows with the strategy, not with its square.

Work is counted, not timed (timings are `make bench`'s): the lines of stratdocs code run, plus the
Python calls made anywhere (difflib included), while the graph is built and every rule checks every
document, for 500 and for 5,000 documents of one shape.
"""

import datetime as dt
import difflib
import random
import sys
from pathlib import Path

import pytest

import stratdocs
from stratdocs.check.check import check
from stratdocs.check.rules import Context
from stratdocs.config import Config
from stratdocs.graph.graph import build_graph
from stratdocs.graph.index import build_index
from stratdocs.load.load import load_bytes

from samples import metric, sheet

SMALL, LARGE = 500, 5_000
GROWTH = 15  # 10 times the documents may cost up to 15 times the work: linear, with room to spare
PACKAGE = str(Path(stratdocs.__file__).parent)


class TooMuchWork(BaseException):  # not an Exception: check() reports those as findings and goes on
    pass


def work(func, limit: float = float("inf")) -> int:
    """Lines of stratdocs code run and Python calls made while func runs; stops past limit."""
    count = 0

    def line(frame, event, arg):
        nonlocal count
        count += 1
        if count > limit:
            raise TooMuchWork(f"more than {limit:.0f}")
        return line

    def call(frame, event, arg):
        nonlocal count
        count += 1
        return line if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(call)
    try:
        func()
    finally:
        sys.settrace(None)
    return count


def load(texts: list[str]) -> list:
    return [load_bytes(text.encode(), f"doc-{i}.md", f"doc-{i}.md") for i, text in enumerate(texts)]


def lint(docs: list) -> tuple:
    """The graph and every rule's findings, as the pipeline has them (schemas aside)."""
    index = build_index(docs)
    graph = build_graph(index)
    context = Context(config=Config(today=dt.date(2026, 11, 23)), index=index, graph=graph)
    return graph, [f for doc in docs for f in check(doc, context)]


def decision(doc_id: str, supersedes: list[str] = ()) -> str:
    refs = f"supersedes: [{', '.join(supersedes)}]\n" if supersedes else ""
    return (f"---\nkind: decision\nid: {doc_id}\ntitle: Decision {doc_id}\nstatus: active\nowner: Priya Shah\n"
            f"date: 2026-11-02\ndecision: continue\nrationale: on track\ndeciders: [Priya Shah]\n{refs}---\n")


def supersedes_chain(n: int) -> list[str]:
    return [decision(f"decision-{k}", [f"decision-{k - 1}"] if k else []) for k in range(n)]


def dangling_references(n: int) -> list[str]:
    """Every decision supersedes a misspelt id, so each needs a "did you mean"."""
    return [decision(f"decision-{k}", [f"decison-{k + 1}"]) for k in range(n)]


def metric_chain(n: int) -> list[str]:
    return [metric(f"metric-{k}", f"metric-{k + 1}" if k + 1 < n else None) for k in range(n)]


def served_tree(n: int) -> list[str]:
    """One S&T tree with n leaves, each served by its own sheet: SD404 asks about every leaf."""
    leaves = "".join(f"      - id: leaf-{k}\n        strategy: Leaf {k}\n        tactic: Do {k}\n" for k in range(n))
    tree = ("---\nkind: st-tree\nid: tree\ntitle: Tree\nstatus: active\nowner: Priya Shah\nnodes:\n"
            "  - id: root\n    strategy: Root\n    tactic: All of it\n    children:\n" + leaves + "---\n")
    sheets = [sheet(**{"id: online-claim-completion": f"id: sheet-{k}\nserves: tree#leaf-{k}"}) for k in range(n)]
    return [tree, *sheets]


def decisions_then_sheets(n: int) -> list[str]:
    """Ids that sort before every sheet: SD405 once looked through all of them for each sheet."""
    return ([decision(f"a-decision-{k}") for k in range(n // 2)]
            + [sheet(**{"id: online-claim-completion": f"id: z-sheet-{k}"}) for k in range(n // 2)])


def wishes_on_one_node(n: int) -> list[str]:
    """n sheets with no gate rule serve one node: SD604 looks there for a kata or an assumption for each of them."""
    tree = ("---\nkind: st-tree\nid: tree\ntitle: Tree\nstatus: active\nowner: Priya Shah\nnodes:\n"
            "  - id: root\n    strategy: Root\n    tactic: All of it\n---\n")
    no_rule = {"  rule:\n    metric: resume-link-usage\n    at_least: 20\n": ""}
    return [tree, *[sheet(**no_rule, **{"id: online-claim-completion": f"id: sheet-{k}\nserves: tree#root"})
                    for k in range(n)]]


@pytest.mark.parametrize("shape", [supersedes_chain, dangling_references, metric_chain, served_tree,
                                   decisions_then_sheets, wishes_on_one_node])
def test_work_grows_linearly(shape):
    small_docs, large_docs = load(shape(SMALL)), load(shape(LARGE))
    small = work(lambda: lint(small_docs))
    large = work(lambda: lint(large_docs), limit=GROWTH * small)
    assert large <= GROWTH * small, f"{large / small:.1f} times the work for 10 times the documents"


def test_a_loop_at_the_end_of_a_long_chain_is_named_once():
    texts = supersedes_chain(LARGE)
    texts[-3] = decision(f"decision-{LARGE - 3}", [f"decision-{LARGE - 4}", f"decision-{LARGE - 1}"])
    graph, findings = lint(load(texts))
    loop = [f"decision-{LARGE - 3}", f"decision-{LARGE - 1}", f"decision-{LARGE - 2}", f"decision-{LARGE - 3}"]
    assert graph.cycles == [("supersedes", loop)]
    [finding] = [f for f in findings if f.code == "SD403"]
    assert finding.path == f"doc-{LARGE - 3}.md"
    assert finding.message == "supersedes loop: " + " -> ".join(loop)


def test_loops_are_reported_in_order_each_from_its_smallest_id():
    texts = [decision("c", ["a"]), decision("a", ["b"]), decision("b", ["c"]),
             decision("z", ["y"]), decision("y", ["z"]), decision("self", ["self"]), decision("tail", ["a"])]
    graph, findings = lint(load(texts))
    assert graph.cycles == [("supersedes", ["a", "b", "c", "a"]), ("supersedes", ["self", "self"]),
                            ("supersedes", ["y", "z", "y"])]
    assert sorted(f.message for f in findings if f.code == "SD403") == [
        "supersedes loop: a -> b -> c -> a", "supersedes loop: self -> self", "supersedes loop: y -> z -> y"]


def test_a_metric_loop_at_the_end_of_a_long_chain_is_named_in_each_of_its_metrics():
    texts = metric_chain(LARGE)
    texts[-1] = metric(f"metric-{LARGE - 1}", f"metric-{LARGE - 3}")
    _, findings = lint(load(texts))
    messages = {f.path: f.message for f in findings if f.code == "SD341"}
    ids = [f"metric-{LARGE - 3}", f"metric-{LARGE - 2}", f"metric-{LARGE - 1}"]
    assert messages == {f"doc-{LARGE - 3 + i}.md": "metric parents form a loop: " + " → ".join(ids[i:] + ids[:i + 1])
                        for i in range(3)}


WORDS = ["claim", "online", "resume", "email", "evidence", "phone", "status", "message", "helpline", "form",
         "caseworker", "decision", "upload", "photo", "chase", "call", "link", "pilot", "carer", "review"]


def typo(name: str, rng: random.Random) -> str:
    """A letter dropped, doubled, changed, or two swapped."""
    i = rng.randrange(1, len(name) - 1)
    return rng.choice([name[:i] + name[i + 1:], name[:i] + name[i] + name[i:],
                       name[:i] + rng.choice("aeiourst") + name[i + 1:],
                       name[:i - 1] + name[i] + name[i - 1] + name[i + 1:]])


def best_ratio(name: str, names: list[str]) -> float:
    """What comparing with every name (the way it used to be found) scores best."""
    near = [c for c in names if abs(len(c) - len(name)) <= max(3, len(name) // 2)]
    close = difflib.get_close_matches(name, near, n=1, cutoff=0.6)
    return difflib.SequenceMatcher(None, close[0], name).ratio() if close else 0.0


def test_suggestions_among_many_ids_are_as_close_as_comparing_with_every_id():
    rng = random.Random(7)
    ids = sorted(rng.sample([f"{a}-{b}-{c}" for a in WORDS for b in WORDS for c in WORDS if len({a, b, c}) == 3],
                            LARGE))
    typos = {}
    for name in rng.sample(ids, 100):
        wrong = typo(name, rng)
        if wrong not in ids:
            typos[wrong] = name
    texts = [decision(i) for i in ids] + [decision(f"wrong-{k}", [wrong]) for k, wrong in enumerate(typos)]
    graph, _ = lint(load(texts))
    hints = {ref.target_id: ref.hint for ref in graph.references if ref.problem == "unknown-id"}
    found = 0
    for wrong, meant in typos.items():
        suggested = hints[wrong].removeprefix("; did you mean '").removesuffix("'?")
        assert difflib.SequenceMatcher(None, suggested, wrong).ratio() == best_ratio(wrong, ids), wrong
        found += suggested == meant
    assert found >= 0.9 * len(typos)
