"""Wheel build hook: make sure mermaid.js and cytoscape.js are fetched (pinned, sha256-checked) into the package."""

import importlib.util
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class MermaidHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install runs from the source tree: `make` fetches it there
        path = Path(self.root) / "plugins" / "stratdocs" / "render" / "vendor.py"
        spec = importlib.util.spec_from_file_location("stratdocs_vendor", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.fetch_mermaid()
