"""Read a git repository without checking anything out."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
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


def ignored(folder: str, cwd: Path) -> bool:
    """Whether git ignores the folder (relative to cwd), by .gitignore or the like: it has no revisions."""
    proc = subprocess.run(["git", "check-ignore", "-q", "--", folder.rstrip("/") + "/"], cwd=cwd,
                          capture_output=True, check=False)
    return proc.returncode == 0


def changed_files(rev: str, cwd: Path | None = None) -> set[Path]:
    """Absolute paths of files changed since rev in the working tree, untracked files included."""
    top = toplevel(cwd)
    verify(rev, cwd)
    names = git("diff", "--name-only", "--no-renames", "-z", rev, "--", cwd=top).split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", cwd=top).split("\0")
    return {(top / name).resolve() for name in names if name}


@dataclass(frozen=True)
class Entry:
    """A file in a git tree."""

    path: str  # relative to the repository top
    mode: str  # 100644 or 100755: a regular file; 120000: a symbolic link
    oid: str

    @property
    def regular(self) -> bool:
        return self.mode in ("100644", "100755")


def tree_entries(rev: str, folder: str, cwd: Path, recursive: bool = True) -> list[Entry]:
    """The files under folder ("" for the whole tree) at rev; without recursive, the folder's own files only.
    cwd is the repository top: paths are relative to it."""
    spec = "." if not folder else folder if recursive else folder.rstrip("/") + "/"  # folder/: its files
    out = git("ls-tree", *(["-r"] if recursive else []), "-z", rev, "--", spec, cwd=cwd)
    entries = []
    for line in out.split("\0"):
        meta, _, path = line.partition("\t")
        fields = meta.split()
        if path and len(fields) == 3 and fields[1] == "blob":  # not a folder, not a submodule
            entries.append(Entry(path, fields[0], fields[2]))
    return entries


def read_blobs(entries: list[Entry], cwd: Path) -> dict[str, bytes]:
    """The contents of many files, by path, in one `git cat-file --batch` (what `git show REV:path` prints).

    Asked for by object id: a path may hold a newline, which the line-based batch cannot take."""
    oids = list(dict.fromkeys(e.oid for e in entries))
    if not oids:
        return {}
    request = "".join(f"{oid}\n" for oid in oids).encode("ascii")
    proc = subprocess.run(["git", "cat-file", "--batch"], cwd=cwd, input=request, capture_output=True, check=False)
    if proc.returncode != 0:
        raise GitError(f"git cat-file: {proc.stderr.decode('utf-8', 'replace').strip()}")
    out, pos, contents = proc.stdout, 0, {}
    for oid in oids:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        contents[oid] = out[pos:pos + size]
        pos += size + 1
    return {e.path: contents[e.oid] for e in entries if e.oid in contents}
