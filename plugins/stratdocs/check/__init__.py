"""Check: the strategy rules (rules/), run over documents and the graph, and which findings are reported."""
