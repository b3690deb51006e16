"""Graph: documents indexed by id, and every reference between them resolved once."""
