"""The Alignment Index: seed 004's five dimensions, measured from the strategy's git history."""
