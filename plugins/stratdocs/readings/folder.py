"""The readings folder: `<metric-id>.csv` for each measured metric, read safely, every problem located."""

from __future__ import annotations

import difflib
from pathlib import Path

from ..codes import code_finding
from ..document import Document
from ..findings import Finding, Location
from ..load.load import display_path
from ..load.sources import Policy, Unreadable, read_limited
from .csvfile import MAX_BYTES, Series, read_series


def read_folder(folder: Path, metrics: dict[str, Document]) -> tuple[dict[str, Series], list[Finding]]:
    """Each metric's readings, by metric id, and the findings of every file in the folder."""
    series: dict[str, Series] = {}
    findings: list[Finding] = []
    if not folder.is_dir():
        return series, findings
    policy = Policy(folder)
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith(".")):
        shown = display_path(path)
        text = file_text(path, policy, shown, findings)
        if text is None:
            continue
        metric = metrics.get(path.stem)
        if metric is None:
            close = difflib.get_close_matches(path.stem, list(metrics), n=1)
            hint = f"; did you mean '{close[0]}.csv'?" if close else " (name the file <metric-id>.csv)"
            findings.append(code_finding(shown, "SD024", f"no metric has the id '{path.stem}'{hint}", Location()))
            continue
        unit = metric.get("unit")
        found, problems = read_series(text, shown, metric.id, unit if isinstance(unit, str) else None)
        series[metric.id] = found
        findings.extend(problems)
    return series, findings


def file_text(path: Path, policy: Policy, shown: str, findings: list[Finding]) -> str | None:
    """The file's text, or None with a finding saying why it was not read (also before merging into it)."""
    refusal = policy.check(path.name, markdown=False)
    if refusal is not None:
        findings.append(code_finding(shown, refusal.code, refusal.message.replace("docs folder", "readings folder"),
                                     Location()))
        return None
    try:
        raw = read_limited(path, MAX_BYTES)
    except Unreadable as err:
        message = (f"larger than {MAX_BYTES >> 20} MiB: not read (keep a metric's history, not raw data, here)"
                   if err.code == "SD014" else err.message)
        findings.append(code_finding(shown, "SD020" if err.code == "SD014" else err.code, message, Location()))
        return None
    except OSError as err:
        findings.append(code_finding(shown, "SD020", f"cannot read the file: {err.strerror}", Location()))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        findings.append(code_finding(shown, "SD003", f"not valid UTF-8 (byte {err.start}): save it as UTF-8",
                                     Location(line, 1)))
        return None
