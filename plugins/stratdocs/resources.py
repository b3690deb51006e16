"""Where the package's data lives, installed from a wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def schemas_dir() -> Path:
    """schemas/ is shipped inside the wheel; in a checkout it is at the repo top."""
    inside = PACKAGE_DIR / "schemas"
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent.parent / "schemas"


def rule_docs_dir() -> Path:
    return PACKAGE_DIR / "docs" / "rules"
