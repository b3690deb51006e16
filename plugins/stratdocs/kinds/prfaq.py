from ..render import prfaq
from . import Kind

KIND = Kind(
    "prfaq", "PR/FAQ",
    "Working Backwards: the press release and FAQ, written before building.",
    prfaq.render,
)
