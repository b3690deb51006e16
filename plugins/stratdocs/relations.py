"""Each relation between documents described once: its key, target kinds, titles and how diagrams draw it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Relation:
    key: str  # the front matter key that holds the reference(s)
    targets: frozenset[str]  # kinds it may point at
    outgoing: str  # what the source shows: "Serves"
    incoming: str  # what the target lists its sources under: "Served by"
    only_in: frozenset[str] = frozenset()  # source kinds where the key is a reference (empty: all)
    cyclic_check: bool = False  # a loop along this relation is an error
    dotted: bool = False  # drawn dotted: it comments on a bet (a risk, an assumption) rather than building it

    @property
    def label(self) -> str:
        """Its words on a diagram's arrow: "serves", "decided by"."""
        return self.key.replace("_", " ")


def _r(key, targets, outgoing, incoming, only_in=(), cyclic_check=False, dotted=False) -> Relation:
    return Relation(key, frozenset(targets), outgoing, incoming, frozenset(only_in), cyclic_check, dotted)


# In the order a target's page lists what refers to it.
RELATIONS = {r.key: r for r in [
    _r("serves", {"st-tree", "alignment-sheet"}, "Serves", "Served by", cyclic_check=True),
    _r("metric", {"metric"}, "Metric", "Read by signals and measures", only_in={"alignment-sheet", "ogsm", "kata"}),
    _r("about", {"alignment-sheet"}, "About", "Decisions about it", only_in={"decision"}),
    _r("supersedes", {"decision"}, "Supersedes", "Superseded by", only_in={"decision"}, cyclic_check=True),
    _r("threatens", {"alignment-sheet"}, "Threatens", "Pre-mortems that threaten it", only_in={"premortem"},
       dotted=True),
    _r("underpins", {"st-tree", "alignment-sheet"}, "Underpins", "Assumptions underpinning it", only_in={"assumption"},
       dotted=True),
    _r("decided_by", {"decision"}, "Decided by", "Assumptions it decides", only_in={"assumption"},
       dotted=True),
    _r("parent", {"metric"}, "Parent", "Child metrics", only_in={"metric"}),
]}
