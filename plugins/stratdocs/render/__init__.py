"""Render: strategy docs to Markdown with inline HTML, every user text escaped."""
