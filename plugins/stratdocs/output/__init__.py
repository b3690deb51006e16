"""Lint output formats: text, json, github, sarif, gitlab. Each is linear in the findings."""

from __future__ import annotations

from .formats import FORMATS, format_github, format_gitlab, format_json, format_sarif

__all__ = ["FORMATS", "format_github", "format_gitlab", "format_json", "format_sarif"]
