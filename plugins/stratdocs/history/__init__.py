"""The strategy's git history, read once per run: when each file last changed."""
