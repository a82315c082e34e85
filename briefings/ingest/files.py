"""Reading files from folders nobody vetted: regular files only, never outside the folder, capped.

A FIFO blocks `open()` until some writer comes, a device never ends, and a symlink may point
at a secret anywhere on the machine (`notes.txt -> ~/.env`); none of them is an article.
The checks on the path are repeated on the opened descriptor, so a file swapped for a FIFO
between the two is still refused, and the size cap is counted while reading, since a file
under /proc or one still growing says less than it holds.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager

from briefings.errors import RejectedInput

LEADS_OUTSIDE = "symlink leads outside the folder"
NOT_REGULAR = "not a regular file ({kind})"
TOO_LARGE = "file too large: {size} (limit {limit})"
GREW_TOO_LARGE = "file too large: over {limit}"
_CHUNK = 1 << 20
# Never block on open: a FIFO with no writer would wait forever. Never follow a symlink in
# the last component: the path opened is already resolved, so one there was swapped in.
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
_KINDS = (
    (stat.S_ISFIFO, "FIFO"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISDIR, "folder"),
)


def shown_path(path: str) -> str:
    """A path as valid text: bytes of a name that is not UTF-8 become `\\xe9` escapes.

    Python keeps such bytes as lone surrogates, which SQLite, JSON and terminals refuse.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def leads_outside(path: str, folder: str | None) -> bool:
    """Whether `path`, symlinks resolved, lies outside `folder` (already resolved)."""
    return folder is not None and not _inside(os.path.realpath(path), folder)


def _inside(real: str, folder: str) -> bool:
    return real == folder or real.startswith(folder.rstrip(os.sep) + os.sep)


def read_file(path: str, folder: str | None, max_bytes: int) -> bytes:
    """The bytes of a regular file inside `folder` (None: anywhere), at most `max_bytes`."""
    with _opened(path, folder) as (descriptor, size):
        if size > max_bytes:
            raise RejectedInput(TOO_LARGE.format(size=_amount(size), limit=_amount(max_bytes)))
        data = _read_at_most(descriptor, max_bytes + 1)
    if len(data) > max_bytes:
        raise RejectedInput(GREW_TOO_LARGE.format(limit=_amount(max_bytes)))
    return data


def read_head(path: str, folder: str | None, count: int) -> bytes:
    """The first `count` bytes of a file `read_file` would read."""
    with _opened(path, folder) as (descriptor, _):
        return _read_at_most(descriptor, count)


@contextmanager
def _opened(path: str, folder: str | None) -> Iterator[tuple[int, int]]:
    real = os.path.realpath(path)
    if folder is not None and not _inside(real, folder):
        raise RejectedInput(LEADS_OUTSIDE)
    _refuse_special(os.stat(real).st_mode)
    descriptor = os.open(real, _OPEN_FLAGS)
    try:
        found = os.fstat(descriptor)
        _refuse_special(found.st_mode)
        if folder is not None and not _inside(_opened_path(descriptor, real), folder):
            raise RejectedInput(LEADS_OUTSIDE)  # a folder on the way was swapped for a symlink
        yield descriptor, found.st_size
    finally:
        os.close(descriptor)


def _opened_path(descriptor: int, fallback: str) -> str:
    """Where the descriptor really points (Linux tells through /proc); elsewhere `fallback`."""
    try:
        return os.readlink(f"/proc/self/fd/{descriptor}")
    except OSError:
        return fallback


def _refuse_special(mode: int) -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise RejectedInput(NOT_REGULAR.format(kind=kind))


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0 and (chunk := os.read(descriptor, min(_CHUNK, left))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _amount(size: int) -> str:
    if size < 1_000_000:
        return f"{size} bytes"
    return f"{size / 1_000_000:.1f} MB" if size % 1_000_000 else f"{size // 1_000_000} MB"
