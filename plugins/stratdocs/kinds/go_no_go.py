from ..render import go_no_go
from . import Kind

KIND = Kind(
    "go-no-go", "Go/no-go",
    "A milestone and each role's go or no-go with a reason; one no-go blocks.",
    go_no_go.render,
)
