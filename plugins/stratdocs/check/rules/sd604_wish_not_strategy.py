"""The litmus test: what is the smallest, fastest experiment we can ship to test a core assumption?

An active sheet with no experiment is a wish. An experiment is any of: a stage
gate rule naming a metric (the readings decide it), a kata serving the sheet (or
an S&T node the sheet serves) that has experiments, or an assumption underpinning
the sheet (or such a node) still under test: untested, with a test method.
"""

from collections.abc import Iterable

from ...document import Document
from ...findings import Severity
from ...graph.graph import Reference
from .base import ENDED, Context, Report, Rule, is_blank, mappings


def check(doc: Document, context: Context) -> Iterable[Report]:
    if doc.get("status") != "active" or not doc.id:
        return
    gate = doc.get("stage_gate")
    if gate is not None and (not isinstance(gate, dict) or not isinstance(gate.get("rule", {}), dict)):
        return  # a wrong type is the schema's to report: whether a rule is meant cannot be told
    if _names_metric(doc.get("stage_gate", "rule")) or _experiment(doc, context):
        return
    yield (doc.locate("stage_gate"),
           (f"'{doc.id}' is a wish, not a strategy: name the experiment that tests it, the smallest and fastest "
           "you can ship: a 'rule' in 'stage_gate' over the metrics that decide it, a kata serving it with its "
           "experiments, or an assumption underpinning it with a 'test_method', still untested"))


def _names_metric(rule: object) -> bool:
    if not isinstance(rule, dict):
        return False
    if isinstance(rule.get("metric"), str):
        return True
    items = [item for mode in ("all", "any") if isinstance(rule.get(mode), list) for item in rule[mode]]
    return any(_names_metric(item) for item in items)


def _experiment(doc: Document, context: Context) -> bool:
    """A kata with experiments, or an assumption under test, on the sheet or an S&T node it serves."""
    graph = context.graph
    if any(_tests(r) for relation in ("serves", "underpins") for r in graph.refs_to(doc.id, relation)):
        return True
    for ref in graph.refs_from(doc):
        target = context.index.get(ref.target_id) if ref.relation == "serves" and ref.resolved else None
        if target is not None and target.kind == "st-tree" and _node_tested(context, ref.target_id, ref.node_id):
            return True
    return False


def _node_tested(context: Context, tree_id: str, node_id: str | None) -> bool:
    """Worked out once per node: the sheets that serve a node are among its backlinks, thousands of them maybe."""
    key = ("SD604", tree_id, node_id)
    if key not in context.memo:
        refs = []
        for relation in ("serves", "underpins"):
            if node_id is not None:
                refs += context.graph.refs_to(tree_id, relation, node_id)
            else:
                refs += [r for r in context.graph.refs_to(tree_id, relation) if r.node_id is None]
        context.memo[key] = any(_tests(r) for r in refs)
    return context.memo[key]


def _tests(ref: Reference) -> bool:
    source = ref.source
    if source.get("status") in ENDED:
        return False
    if ref.relation == "serves" and source.kind == "kata":
        return any(True for _ in mappings(source, "experiments"))
    if ref.relation == "underpins" and source.kind == "assumption":
        return source.get("result") in (None, "untested") and not is_blank(source.get("test_method"))
    return False


RULE = Rule("SD604", "wish-not-strategy", Severity.WARNING,
            "an active sheet names an experiment: a gate rule over metrics, a kata's experiments or an assumption "
            "under test", ("alignment-sheet",), check)
