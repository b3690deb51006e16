"""Measure the Alignment Index: replay the history once, follow each document's health through it, read the five
dimensions off; cached by the history's newest commit, so a build with nothing new committed does not replay."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..config import Config
from ..history.lastchange import run_git
from ..history.replay import History, read_history
from . import dimensions as d
from .model import AlignmentIndex, Dimension, HistorySummary
from .timeline import timelines

COMBINED = (
    "The five are shown apart, not added up. They count different things (days, events, a share of gates, a "
    "survey score) that are good in different directions, and any weighting that made one number of them would be "
    "an opinion the history does not hold. Read them together: quick course corrections with a deep thermocline "
    "mean decisions come fast once the truth is told, but the truth is told late.")
CACHE_FILE = "alignment.json"
CACHE_FORMAT = 1  # raise when what is measured changes: old caches are then ignored


def where(docs_dir: Path, config: Config) -> tuple[Path, Path | None]:
    """The strategy folder and readings folder whose history is replayed: the project's own, or the same places
    inside the work tree the `alignment.history` setting names."""
    readings = config.readings_dir
    history = config.history_dir
    if history is None or config.project_dir is None:
        return docs_dir, readings

    def moved(path: Path) -> Path:
        try:
            return history / Path(os.path.abspath(path)).relative_to(os.path.abspath(config.project_dir or "."))
        except ValueError:
            return path
    return moved(docs_dir), moved(readings) if readings is not None else None


def alignment_index(docs_dir: Path, config: Config, cache_dir: Path | None = None) -> AlignmentIndex:
    """The index as of config.today; read from cache_dir when nothing it depends on has changed."""
    folder, readings = where(Path(docs_dir), config)
    key = _cache_key(folder, readings, config) if cache_dir is not None else None
    if key is not None and cache_dir is not None:
        cached = _read_cache(cache_dir / CACHE_FILE, key)
        if cached is not None:
            return cached
    # Many small objects and no garbage cycles, as in pipeline.run: the cyclic GC only costs time here.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        history = read_history(folder, readings, by=config.today)
        index = measure(history, config)
    finally:
        if gc_was_enabled:
            gc.enable()
    if key is not None and cache_dir is not None and history.available:
        _write_cache(cache_dir / CACHE_FILE, key, index)
    return index


def measure(history: History, config: Config) -> AlignmentIndex:
    today, settings = config.today, config.alignment
    summary = HistorySummary(history.available, history.shallow, history.reason, len(history.commits),
                             history.commits[0].day if history.commits else None,
                             history.commits[-1].day if history.commits else None,
                             history.commits[-1].oid if history.commits else "")
    scope = d.Scope(history, today, settings.period,
                    timelines(history, today, config.project_dir) if history.available else {})
    dims: tuple[Dimension, ...] = (
        d.course_correction(scope, settings.triggers), d.information_flow(scope), d.surprise(scope),
        d.pivots(scope), d.safety(scope, settings.survey_metric))
    if not history.available:
        dims = tuple(_unmeasured(dim, history.reason) for dim in dims)
    elif not history.commits:
        dims = tuple(_unmeasured(dim, "no commit touches the strategy folder yet") for dim in dims)
    return AlignmentIndex(today, settings.period, summary, dims, COMBINED, settings.triggers)


def _unmeasured(dim: Dimension, reason: str) -> Dimension:
    return replace(dim, measured=False, value=None, summary=f"Not measured: {reason}.", periods=(), rows=())


def _cache_key(folder: Path, readings: Path | None, config: Config) -> str | None:
    """What the index depends on: the newest commit (history is committed history only), where and as of when it
    is read, the settings and this version of stratdocs. None when git cannot say (then nothing is cached)."""
    if os.environ.get("STRATDOCS_NO_GIT", "") not in ("", "0") or not folder.is_dir():
        return None
    try:
        head = run_git(folder, "rev-parse", "HEAD")
    except OSError:
        return None
    if head.returncode != 0:
        return None
    parts = [CACHE_FORMAT, __version__, head.stdout.decode("ascii", "replace").strip(), str(folder.resolve()),
             str(readings.resolve()) if readings is not None else "", config.today.isoformat(),
             config.alignment.period, list(config.alignment.triggers), config.alignment.survey_metric,
             str(config.project_dir)]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _read_cache(path: Path, key: str) -> AlignmentIndex | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return AlignmentIndex.from_json(data["index"]) if data.get("key") == key else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no cache, an old one or a broken one: measure again


def _write_cache(path: Path, key: str, index: AlignmentIndex) -> None:
    """Written whole or not at all: a build stopped half-way leaves no half a cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         prefix=".alignment-", suffix=".tmp") as tmp:
            json.dump({"key": key, "index": index.as_json()}, tmp)
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only checkout still builds; it measures again next time
