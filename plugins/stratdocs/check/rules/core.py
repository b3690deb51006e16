"""The pipeline's own codes (stratdocs.codes) as rules, so they are listed, documented and configured like any rule."""

from ...codes import BUILT_IN
from .base import Rule

CORE_RULES = [Rule(c.code, c.name, c.severity, c.summary) for c in BUILT_IN]
