"""Read what the CLI needs from a project: mkdocs.yml's docs_dir and plugin options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..check.rules import all_rules
from ..config import DEFAULT_DOCS_PATH, Config, ConfigError, load_config

# Plugin options that are not stratdocs settings (they only shape the site).
PLUGIN_ONLY_OPTIONS = {"reference", "sanitize", "nav_order", "section_titles"}


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml often holds !ENV and !!python/name tags; we only need plain keys.

    Dates stay text (the settings loader checks them): PyYAML would raise a bare
    ValueError for a date that does not exist, such as 2026-13-45.
    """

    yaml_implicit_resolvers = {  # noqa: RUF012  (PyYAML's own class table; its stubs forbid ClassVar here)
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _ignore_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def read_mkdocs_yml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read: {err}") from None
    return data if isinstance(data, dict) else {}


def plugin_options(mkdocs_data: dict[str, Any]) -> dict[str, Any]:
    plugins = mkdocs_data.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) and p else (p, None) for p in plugins)
    for name, options in entries:
        if name == "stratdocs":
            return options if isinstance(options, dict) else {}
    return {}


class Project:
    """The project in a directory: its docs folder and its stratdocs settings."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        mkdocs_yml = directory / "mkdocs.yml"
        self.mkdocs = read_mkdocs_yml(mkdocs_yml) if mkdocs_yml.is_file() else None
        self.options = plugin_options(self.mkdocs) if self.mkdocs else {}

    @property
    def docs_dir(self) -> Path:
        if self.mkdocs is not None:
            return self.directory / str(self.mkdocs.get("docs_dir", "docs"))
        return self.directory / "strategy"

    def config(self) -> Config:
        settings = {k: v for k, v in self.options.items() if k not in PLUGIN_ONLY_OPTIONS}
        return load_config(self.directory, settings, all_rules())

    def rule_docs_url(self) -> str:
        """The rule pages on the site: site_url + reference/rules/ when mkdocs.yml has a site_url."""
        site_url = str((self.mkdocs or {}).get("site_url") or "")
        if site_url:
            return site_url.rstrip("/") + "/" + DEFAULT_DOCS_PATH
        return DEFAULT_DOCS_PATH
