from ..render import alignment_sheet
from . import Kind

KIND = Kind(
    "alignment-sheet", "Alignment sheet",
    "One page: aim, mechanism, feedback signals, stage gate, guardrail, owner and cadence.",
    alignment_sheet.render,
)
