"""--changed-since: keep the findings in files changed since a git revision, or referring to them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..load.gitrev import GitError, changed_files

if TYPE_CHECKING:
    from ..pipeline import Result


class ChangeError(Exception):
    pass


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def only_changed(result: Result, rev: str) -> Result:
    try:
        changed = changed_files(rev, Path.cwd())
    except GitError as err:
        raise ChangeError(f"--changed-since {rev}: {err}") from None
    resolved = {doc.path: Path(os.path.abspath(doc.path)).resolve() for doc in result.docs}
    keep = {path for path, real in resolved.items() if real in changed}
    changed_ids = {doc.id for doc in result.docs if doc.path in keep and doc.id}
    if changed_ids:
        for doc in result.docs:
            if doc.path in keep or not doc.data:
                continue
            for text in _strings({k: v for k, v in doc.data.items() if k != "id"}):
                if text in changed_ids or text.split("#", 1)[0] in changed_ids:
                    keep.add(doc.path)
                    break
    keep |= {f.path for f in result.findings
             if f.path not in resolved and Path(os.path.abspath(f.path)).resolve() in changed}
    return result.only_paths(keep)
