"""Evaluate: what the evidence says, from readings and the documents' numbers, for rules, pages and reviews."""
