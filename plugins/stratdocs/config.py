"""Settings shared by the CLI and the MkDocs plugin: one loader, one result."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

# Words that make an aim read as an output ("ship the portal") rather than
# a change in user behaviour (rule SD108).
DEFAULT_OUTPUT_WORDS = (
    "build", "complete", "create", "deliver", "deploy", "develop", "finish", "implement",
    "introduce", "launch", "migrate", "release", "replace", "roll", "ship", "upgrade",
)


class ConfigError(Exception):
    """A bad setting: the message names the key."""


@dataclass(frozen=True)
class Config:
    today: dt.date = field(default_factory=dt.date.today)
    output_words: tuple[str, ...] = DEFAULT_OUTPUT_WORDS

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any], source: str) -> "Config":
        known = {"output_words"}
        for key in settings:
            if key not in known:
                raise ConfigError(f"{source}: unknown setting '{key}' (known: {', '.join(sorted(known))})")
        kwargs: dict[str, Any] = {"today": today_from_env()}
        if settings.get("output_words") is not None:
            words = settings["output_words"]
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise ConfigError(f"{source}: 'output_words' must be a list of words")
            kwargs["output_words"] = tuple(w.strip().lower() for w in words)
        return cls(**kwargs)


def today_from_env() -> dt.date:
    """STRATDOCS_TODAY pins 'today' (YYYY-MM-DD) for reproducible builds and tests."""
    value = os.environ.get("STRATDOCS_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"STRATDOCS_TODAY: '{value}' is not a date (YYYY-MM-DD)") from None


def load_pyproject_settings(project_dir: Path) -> dict[str, Any]:
    path = project_dir / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: {err}") from None
    settings = data.get("tool", {}).get("stratdocs", {})
    if not isinstance(settings, dict):
        raise ConfigError(f"{path}: [tool.stratdocs] must be a table")
    return settings


def load_config(project_dir: Path, plugin_options: Mapping[str, Any] | None = None) -> Config:
    """pyproject.toml's [tool.stratdocs], overridden by the mkdocs.yml plugin options."""
    settings = dict(load_pyproject_settings(project_dir))
    settings.update({k: v for k, v in (plugin_options or {}).items() if v is not None})
    return Config.from_mapping(settings, "stratdocs settings")
