"""The `stratdocs` command: a thin adapter over the pipeline (lint, new, diff, export, rules)."""
