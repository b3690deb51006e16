"""Read a git repository without checking anything out."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    pass


def git(*args: str, cwd: Path | None = None, binary: bool = False):
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if proc.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {proc.stderr.decode('utf-8', 'replace').strip()}")
    return proc.stdout if binary else proc.stdout.decode("utf-8", "replace")


def toplevel(cwd: Path | None = None) -> Path:
    return Path(git("rev-parse", "--show-toplevel", cwd=cwd).strip())


def verify(rev: str, cwd: Path | None = None) -> str:
    return git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", cwd=cwd).strip()


def changed_files(rev: str, cwd: Path | None = None) -> set[Path]:
    """Absolute paths of files changed since rev in the working tree, untracked files included."""
    top = toplevel(cwd)
    verify(rev, cwd)
    names = git("diff", "--name-only", "--no-renames", "-z", rev, "--", cwd=top).split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", cwd=top).split("\0")
    return {(top / name).resolve() for name in names if name}


def tree_files(rev: str, prefix: str, cwd: Path) -> list[str]:
    """Paths (relative to the repo top) of the files under prefix at rev."""
    out = git("ls-tree", "-r", "-z", "--name-only", rev, "--", prefix or ".", cwd=cwd)
    return [name for name in out.split("\0") if name]


def read_blobs(rev: str, paths: list[str], cwd: Path) -> dict[str, bytes]:
    """The contents of many files at rev in one `git cat-file --batch` (what `git show REV:path` prints)."""
    if not paths:
        return {}
    request = "".join(f"{rev}:{p}\n" for p in paths).encode("utf-8")
    proc = subprocess.run(["git", "cat-file", "--batch"], cwd=cwd, input=request, capture_output=True, check=False)
    if proc.returncode != 0:
        raise GitError(f"git cat-file: {proc.stderr.decode('utf-8', 'replace').strip()}")
    out, pos, blobs = proc.stdout, 0, {}
    for path in paths:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        blobs[path] = out[pos:pos + size]
        pos += size + 1
    return blobs
