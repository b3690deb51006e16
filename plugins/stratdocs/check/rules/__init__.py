"""The rule registry: core rules plus one module per strategy rule (sdNNN_name.py)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TYPE_CHECKING

from ...findings import Severity
from .base import Context, Report, Rule
from .core import CORE_RULES

if TYPE_CHECKING:
    from ...config import Config

__all__ = ["Context", "Report", "Rule", "all_rules", "effective_severity", "rule_for"]


@cache
def all_rules() -> dict[str, Rule]:
    rules = {rule.code: rule for rule in CORE_RULES}
    for module_info in pkgutil.iter_modules(__path__):
        if not module_info.name.startswith("sd"):
            continue
        rule = importlib.import_module(f"{__name__}.{module_info.name}").RULE
        if rule.code in rules:
            raise RuntimeError(f"rule code {rule.code} is defined twice")
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


def rule_for(code: str) -> Rule:
    return all_rules()[code]


def rules_for_kind(kind: str) -> list[Rule]:
    return _by_kind().get(kind, []) + _by_kind().get("*", [])


@cache
def _by_kind() -> dict[str, list[Rule]]:
    table: dict[str, list[Rule]] = {}
    for rule in all_rules().values():
        for kind in rule.kinds:
            table.setdefault(kind, []).append(rule)
    return table


def effective_severity(code: str, config: Config) -> Severity:
    """A rule's severity as the project configures it."""
    return {c: Severity(s) for c, s in config.severity}.get(code, rule_for(code).severity)
