from ..render import ogsm
from . import Kind

KIND = Kind(
    "ogsm", "OGSM",
    "Objective, Goals, Strategies and Measures on one grid.",
    ogsm.render,
)
