from ..render import logic_model
from . import Kind

KIND = Kind(
    "logic-model", "Logic model",
    "Resources, activities, outputs, outcomes and impact as a causal chain.",
    logic_model.render,
)
