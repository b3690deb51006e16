from ..render import st_tree
from . import Kind

KIND = Kind(
    "st-tree", "Strategy & Tactics tree",
    "Nested nodes: strategy, tactic and their necessary, parallel and sufficiency assumptions.",
    st_tree.render,
)
