"""Rule docs pages: one Markdown file per rule code, with a bad and a good example.

An example is one ```markdown block per document. A rule about readings shows them too:
a ```csv block right below a line that names its file, `readings/<metric-id>.csv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..resources import rule_docs_dir

_FENCE = re.compile(r"^```markdown\n(.*?)^```$", re.DOTALL | re.MULTILINE)
_READINGS = re.compile(r"`readings/([a-z0-9][a-z0-9-]*)\.csv`[^\n]*\n+```csv\n(.*?)^```$", re.DOTALL | re.MULTILINE)


@dataclass
class RuleDoc:
    code: str
    text: str

    def example(self, section: str) -> str | None:
        """The first ```markdown block under '## Bad' or '## Good'."""
        blocks = self.examples(section)
        return blocks[0] if blocks else None

    def examples(self, section: str) -> list[str]:
        """Every ```markdown block under the section: one document each."""
        return [block.group(1) for block in _FENCE.finditer(self._section(section))]

    def readings(self, section: str) -> dict[str, str]:
        """The readings files under the section, metric id -> CSV text, which its examples are judged on."""
        return {block.group(1): block.group(2) for block in _READINGS.finditer(self._section(section))}

    def _section(self, section: str) -> str:
        match = re.search(rf"^## {section}\n(.*?)(?=^## |\Z)", self.text, re.DOTALL | re.MULTILINE)
        return match.group(1) if match else ""


def rule_doc(code: str) -> RuleDoc | None:
    path = rule_docs_dir() / f"{code}.md"
    return RuleDoc(code, path.read_text(encoding="utf-8")) if path.is_file() else None
