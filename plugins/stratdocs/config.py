"""Settings shared by the CLI and the MkDocs plugin: one loader, one result."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .dates import parse_date

# Words that make an aim read as an output ("ship the portal") rather than
# a change in user behaviour (rule SD108).
DEFAULT_OUTPUT_WORDS = (
    "build", "complete", "create", "deliver", "deploy", "develop", "finish", "implement",
    "introduce", "launch", "migrate", "release", "replace", "roll", "ship", "upgrade",
)
# Where the rule pages live, relative to the site root (the plugin publishes them there).
DEFAULT_DOCS_PATH = "reference/rules/"
SEVERITIES = ("error", "warning", "info")
_CODE_OR_PREFIX = re.compile(r"^SD[0-9]{0,3}$")
_SOURCE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_PASSWORD = re.compile(r"^[\w+]+://[^:/]*:([^@]*)@")  # as SQLAlchemy's make_url reads a URL
_PLACEHOLDER = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}")

# The settings, with a one-line description each: one schema for pyproject.toml and mkdocs.yml.
SETTINGS = {
    "select": "rule codes (or prefixes such as SD1) to report; default: all",
    "ignore": "rule codes (or prefixes) never to report",
    "severity": "per-code severity override, e.g. {SD108 = \"error\"}",
    "per_path_ignores": "glob -> list of codes ignored in matching files, e.g. {\"drafts/*\" = [\"SD105\"]}",
    "output_words": "words that make an aim read as an output (rule SD108)",
    "docs_url": "base URL of the rule pages, for links in SARIF output (default: the site's reference/rules/)",
    "as_of": "evaluate the strategy as of this date (YYYY-MM-DD) instead of today: for example sites and snapshots",
    "readings": "the readings folder, one <metric-id>.csv per metric, relative to the project (default: readings)",
    "sources": "data sources for `readings pull`: name -> SQLAlchemy URL, credentials as ${ENV_VAR} placeholders",
    "alignment": "the Alignment Index: {period = month|quarter, triggers = [...], survey_metric = id, "
                 "history = folder}",
}
PERIODS = ("month", "quarter")
# What starts the clock of course-correction speed: the topics of health's reasons (evaluate/health.py).
TRIGGERS = ("gate", "guardrail", "assumption", "no-go", "risk")
ALIGNMENT_KEYS = {
    "period": "month (default) or quarter: the step of every trend",
    "triggers": f"which evidence starts the clock of course-correction speed (default: all of {', '.join(TRIGGERS)})",
    "survey_metric": "the metric whose readings measure psychological safety (default: the one tagged "
                     "psychological-safety)",
    "history": "the git work tree whose history is replayed, relative to the project (default: the project's own)",
}


@dataclass(frozen=True)
class AlignmentSettings:
    period: str = "month"
    triggers: tuple[str, ...] = TRIGGERS
    survey_metric: str | None = None
    history: str | None = None  # as written; Config.history_dir is where it resolves
DEFAULT_READINGS = "readings"


class ConfigError(Exception):
    """A bad setting: the message names the key."""


def today_from_env() -> dt.date:
    """Today: the one reading of the clock, pinned by STRATDOCS_TODAY (YYYY-MM-DD) for tests."""
    value = os.environ.get("STRATDOCS_TODAY")
    if not value:
        return dt.date.today()
    date = parse_date(value.strip())
    if date is None:
        raise ConfigError(f"STRATDOCS_TODAY: '{value}' is not a date (YYYY-MM-DD)")
    return date


@dataclass(frozen=True)
class Config:
    # The day the strategy is evaluated at (rules, pages, templates, export):
    # the as_of setting if set, else today.
    today: dt.date = field(default_factory=today_from_env)
    as_of: bool = False  # whether `today` was pinned by the as_of setting
    output_words: tuple[str, ...] = DEFAULT_OUTPUT_WORDS
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (code, severity) pairs
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, codes)
    docs_url: str | None = None
    readings_dir: Path | None = None  # the readings folder; None: no readings are read
    sources: tuple[tuple[str, str], ...] = ()  # (name, SQLAlchemy URL as written, placeholders unexpanded)
    project_dir: Path | None = None  # the project folder: files a document points at (OpenSLO) stay inside it
    git_history: bool = True  # read last reviews from git; diff compares revisions without it, on reviewed: alone
    alignment: AlignmentSettings = AlignmentSettings()

    @property
    def history_dir(self) -> Path | None:
        """The work tree whose history the Alignment Index replays, when the setting names one."""
        if self.alignment.history is None:
            return None
        return (self.project_dir or Path.cwd()) / self.alignment.history

    @property
    def filters(self) -> bool:
        """Whether any setting changes which findings are reported, or how."""
        return bool(self.select or self.ignore or self.severity or self.per_path_ignores)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any], source: str, known_codes: Collection[str] = ()) -> Config:
        """The settings checked; codes must match one of known_codes (the rule registry's), when given."""
        for key in settings:
            if key not in SETTINGS:
                raise ConfigError(f"{source}: unknown setting '{key}' (known: {', '.join(sorted(SETTINGS))})")
        kwargs: dict[str, Any] = {"today": today_from_env()}
        if settings.get("as_of") is not None:
            kwargs.update(today=_date(settings["as_of"], f"{source}: 'as_of'"), as_of=True)
        if settings.get("output_words") is not None:
            words = settings["output_words"]
            if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
                raise ConfigError(f"{source}: 'output_words' must be a list of words")
            kwargs["output_words"] = tuple(w.strip().lower() for w in words)
        for key in ("select", "ignore"):
            if settings.get(key) is not None:
                kwargs[key] = _codes(settings[key], f"{source}: '{key}'", known_codes)
        if settings.get("severity") is not None:
            table = settings["severity"]
            if not isinstance(table, Mapping):
                raise ConfigError(f"{source}: 'severity' must be a table of rule code -> error|warning|info")
            pairs = []
            for code, level in table.items():
                _codes([code], f"{source}: 'severity'", known_codes, exact=True)
                if level not in SEVERITIES:
                    raise ConfigError(f"{source}: 'severity.{code}' must be one of {', '.join(SEVERITIES)}, "
                                      f"not {level!r}")
                pairs.append((code, level))
            kwargs["severity"] = tuple(pairs)
        if settings.get("per_path_ignores") is not None:
            table = settings["per_path_ignores"]
            if not isinstance(table, Mapping):
                raise ConfigError(f"{source}: 'per_path_ignores' must be a table of glob -> list of rule codes")
            kwargs["per_path_ignores"] = tuple(
                (str(glob), _codes(codes, f"{source}: 'per_path_ignores.{glob}'", known_codes))
                for glob, codes in table.items())
        if settings.get("docs_url") is not None:
            if not isinstance(settings["docs_url"], str) or not settings["docs_url"].strip():
                raise ConfigError(f"{source}: 'docs_url' must be a URL")
            url = settings["docs_url"].strip()
            kwargs["docs_url"] = url if url.endswith("/") else url + "/"
        if settings.get("readings") is not None and (not isinstance(settings["readings"], str)
                                                     or not settings["readings"].strip()):
            raise ConfigError(f"{source}: 'readings' must be a folder, relative to the project")
        if settings.get("sources") is not None:
            kwargs["sources"] = _sources(settings["sources"], source)
        if settings.get("alignment") is not None:
            kwargs["alignment"] = _alignment(settings["alignment"], f"{source}: 'alignment'")
        return cls(**kwargs)


def _alignment(table: Any, where: str) -> AlignmentSettings:
    if not isinstance(table, Mapping):
        raise ConfigError(f"{where} must be a table of {', '.join(ALIGNMENT_KEYS)}")
    for key in table:
        if key not in ALIGNMENT_KEYS:
            raise ConfigError(f"{where}: unknown key '{str(key)[:64]}' (known: {', '.join(ALIGNMENT_KEYS)})")
    period = table.get("period", "month")
    if period not in PERIODS:
        raise ConfigError(f"{where}: 'period' must be month or quarter, not {period!r}")
    triggers = table.get("triggers", list(TRIGGERS))
    if not isinstance(triggers, list) or not all(isinstance(t, str) and t in TRIGGERS for t in triggers):
        raise ConfigError(f"{where}: 'triggers' must be a list of {', '.join(TRIGGERS)}")
    metric = table.get("survey_metric")
    if metric is not None and (not isinstance(metric, str) or not metric.strip()):
        raise ConfigError(f"{where}: 'survey_metric' must be a metric id")
    history = table.get("history")
    if history is not None and (not isinstance(history, str) or not history.strip()):
        raise ConfigError(f"{where}: 'history' must be a folder, relative to the project")
    return AlignmentSettings(period, tuple(dict.fromkeys(triggers)), metric.strip() if metric else None,
                             history.strip() if history else None)


def _date(value: Any, where: str) -> dt.date:
    # YAML (mkdocs.yml) and TOML read an unquoted 2026-11-23 as a date already.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    date = parse_date(value.strip()) if isinstance(value, str) else None
    if date is not None:
        return date
    raise ConfigError(f"{where} must be a date (YYYY-MM-DD), not {value!r}")


def _sources(table: Any, source: str) -> tuple[tuple[str, str], ...]:
    """name -> URL pairs; a password written into a URL is refused (it belongs in the environment)."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source}: 'sources' must be a table of name -> SQLAlchemy URL, "
                          "e.g. claims = \"duckdb:///data/claims.duckdb\"")
    pairs = []
    for name, url in table.items():
        if not isinstance(name, str) or not _SOURCE_NAME.match(name):
            raise ConfigError(f"{source}: 'sources': '{str(name)[:64]}' is not a source name (letters, digits, - _ .)")
        if not isinstance(url, str) or ("://" not in url and not _PLACEHOLDER.fullmatch(url.strip())):
            raise ConfigError(f"{source}: 'sources.{name}' must be an SQLAlchemy URL such as \"duckdb:///data/claims.duckdb\"")
        password = _PASSWORD.match(url.strip())
        if password and _PLACEHOLDER.sub("", password.group(1)):
            # Never echo the URL: it holds the secret.
            raise ConfigError(f"{source}: 'sources.{name}': the URL holds a password; write it as ${{ENV_VAR}} "
                              "and set that variable where pull runs (credentials never live in the repository)")
        pairs.append((name, url.strip()))
    return tuple(pairs)


def _codes(value: Any, where: str, known: Collection[str], exact: bool = False) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of rule codes")
    for code in value:
        if not _CODE_OR_PREFIX.match(code) or (exact and len(code) != 5):
            raise ConfigError(f"{where}: '{code}' is not a rule code{'' if exact else ' or prefix'} (like SD108)")
        if known and not any(k.startswith(code) for k in known):
            raise ConfigError(f"{where}: no rule matches '{code}' (see `stratdocs rules`)")
    return tuple(value)


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


def load_config(project_dir: Path, plugin_options: Mapping[str, Any] | None, known_codes: Collection[str]) -> Config:
    """pyproject.toml's [tool.stratdocs], overridden by the mkdocs.yml plugin options.

    known_codes come from the caller (the rule registry): settings sit below the rules.
    """
    settings = dict(load_pyproject_settings(project_dir))
    settings.update({k: v for k, v in (plugin_options or {}).items() if v is not None})
    config = Config.from_mapping(settings, "stratdocs settings", known_codes)
    return replace(config, readings_dir=project_dir / settings.get("readings", DEFAULT_READINGS).strip(),
                   project_dir=project_dir)
