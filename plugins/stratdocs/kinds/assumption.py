from ..render import assumption
from . import Kind

KIND = Kind(
    "assumption", "Assumption test",
    "An assumption, the milestone that tests it, the test method, the result and the evidence.",
    assumption.render,
)
