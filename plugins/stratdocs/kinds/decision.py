from ..render import decision
from . import Kind

KIND = Kind(
    "decision", "Decision",
    "A decision-log entry: date, continue / change / stop, about what, rationale, evidence, deciders.",
    decision.render,
)
