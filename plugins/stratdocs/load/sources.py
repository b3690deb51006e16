"""What may be read from a docs folder: regular files, whose real path stays inside it, of bounded size."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

# Far above any real strategy doc (the largest in strategy/ is 2.5 KB: this is 400 times that,
# some 250 printed pages, which Python-Markdown renders in under a second), yet small enough
# that a huge or endless file cannot exhaust memory: we read at most this many bytes plus one.
MAX_MARKDOWN_BYTES = 1024 * 1024
_KINDS = {stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device", stat.S_IFIFO: "a FIFO (named pipe)",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


@dataclass(frozen=True)
class Refusal:
    """A file or folder we neither read nor publish, and why (a finding with this code)."""

    rel: str  # the refused file or folder, relative to the root, with forward slashes
    code: str  # SD013 outside-docs, SD014 file-too-large, SD015 special-file
    message: str


class Unreadable(Exception):
    """Raised by read_limited with the refusal's code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def too_large(limit: int = MAX_MARKDOWN_BYTES) -> tuple[str, str]:
    size = f"{limit >> 20} MiB" if limit % (1 << 20) == 0 else f"{limit:,} bytes"
    return "SD014", f"larger than {size}, the limit for a Markdown file; not read or published"


def special(mode: int) -> tuple[str, str]:
    what = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
    return "SD015", f"{what}, not a regular file; not read or published"


def read_limited(path: Path, limit: int = MAX_MARKDOWN_BYTES) -> bytes:
    """The file's bytes; Unreadable if it is not a regular file or holds more than limit bytes.

    Opened non-blocking, so a FIFO swapped in after the policy looked cannot stall us,
    and checked on the open descriptor; at most limit + 1 bytes are ever read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Unreadable(*special(mode))
        raw = handle.read(limit + 1)  # /proc files say size 0: trust what is read, not st_size
    if len(raw) > limit:
        raise Unreadable(*too_large(limit))
    return raw


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


class Policy:
    """Judges paths under one root (the docs folder, or the folder being linted).

    Every link on the way to a file must stay inside the root's real path, and must
    not loop back to a folder above it; the file must be a regular file and, for
    Markdown, no larger than MAX_MARKDOWN_BYTES. Links that stay inside are fine.
    """

    def __init__(self, root: Path) -> None:
        self.root = os.path.abspath(root)
        self.real_root = os.path.realpath(root)
        self._folders: dict[str, Refusal | None] = {}  # verdicts by folder, shared by the files in it

    def check(self, rel: str, markdown: bool) -> Refusal | None:
        """Why the file at rel (forward slashes) must not be read or published, or None."""
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            refusal = self.check_folder("/".join(parts[:depth]))
            if refusal is not None:
                return refusal
        return self._check_file(rel, markdown)

    def check_folder(self, rel: str) -> Refusal | None:
        if rel not in self._folders:
            self._folders[rel] = self._link_refusal(rel, "folder")
        return self._folders[rel]

    def _link_refusal(self, rel: str, what: str) -> Refusal | None:
        path = os.path.join(self.root, *rel.split("/"))
        if not os.path.islink(path):
            return None
        real = os.path.realpath(path)
        target = _link_text(path)
        if not _inside(real, self.real_root):
            return Refusal(rel, "SD013", f"this {what} links to '{target}', outside the docs folder; "
                                          "not read or published")
        if what == "folder" and _inside(os.path.realpath(os.path.dirname(path)), real):
            return Refusal(rel, "SD015", f"this folder links to '{target}', a folder that contains it (a loop); "
                                         "not followed")
        return None

    def _check_file(self, rel: str, markdown: bool) -> Refusal | None:
        refusal = self._link_refusal(rel, "file")
        if refusal is not None:
            return refusal
        try:
            info = os.stat(os.path.join(self.root, *rel.split("/")))
        except OSError:
            return None  # gone or dangling inside the root: the reader reports it
        if not stat.S_ISREG(info.st_mode):
            return Refusal(rel, *special(info.st_mode))
        if markdown and info.st_size > MAX_MARKDOWN_BYTES:
            return Refusal(rel, *too_large())
        return None


def _link_text(path: str) -> str:
    try:
        return os.readlink(path)  # as written: stable, unlike a real path through /proc/self
    except OSError:
        return "?"
