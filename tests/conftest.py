"""Shared helpers: real files, the real CLI as a subprocess, real mkdocs builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TODAY = "2026-11-23"  # pinned so date rules are reproducible

sys.path.insert(0, str(REPO / "tests"))


def env(**extra) -> dict:
    base = dict(os.environ, STRATDOCS_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    base.update(extra)
    return base


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def copy_strategy(dest: Path) -> Path:
    """The example strategy copied to dest, with what its project holds beside it: the readings its gates are
    judged on (../readings) and the OpenSLO files its guardrails point at (../slos)."""
    shutil.copytree(REPO / "strategy", dest)
    for beside in ("readings", "slos"):
        shutil.copytree(REPO / beside, dest.parent / beside, dirs_exist_ok=True)
    return dest


def run_cli(*args: str, cwd: Path, **extra_env) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "stratdocs"), *args], cwd=cwd, env=env(**extra_env),
                          capture_output=True, text=True, timeout=300, check=False)


MKDOCS_YML = """site_name: Test site
docs_dir: strategy
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins:
  - search
  - stratdocs
"""


def build_site(root: Path, files: dict[str, str | bytes], strict: bool = False,
               mkdocs_yml: str = MKDOCS_YML, **extra_env) -> subprocess.CompletedProcess:
    """Write a project (mkdocs.yml + strategy/...) and run a real `mkdocs build`."""
    write(root, {"mkdocs.yml": mkdocs_yml})
    write(root / "strategy", files)
    args = [str(BIN / "mkdocs"), "build", "--site-dir", str(root / "site")] + (["--strict"] if strict else [])
    return subprocess.run(args, cwd=root, env=env(**extra_env), capture_output=True, text=True, timeout=600,
                          check=False)


@pytest.fixture
def today():
    import datetime as dt

    return dt.date.fromisoformat(TODAY)
