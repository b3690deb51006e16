from ..render import premortem
from . import Kind

KIND = Kind(
    "premortem", "Pre-mortem",
    "Risks with likelihood, impact, early warning sign and mitigation, on a 3x3 matrix.",
    premortem.render,
)
