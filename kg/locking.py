"""One writer per store: an advisory lock file (``kg.lock``) that names the process holding it.

RocksDB already refuses a second writer, but its message does not say who holds the
store. ``StoreLock`` takes ``flock`` on ``<store>/kg.lock`` before the store is opened
for writing and writes the holder's pid and command line into the file, so a second
``kg build`` can say which process to wait for, or wait for it itself (``wait`` seconds).
The kernel drops the lock when the holder exits, even on ``SIGKILL``: a killed build
never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

from kg.errors import StoreError

LOCK_NAME = "kg.lock"
POLL_SECONDS = 0.2


def holder(path: Path) -> str:
    """Who holds the lock, as written in the lock file: ``pid N: command`` (or ``pid unknown``)."""
    try:
        text = (path / LOCK_NAME).read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    pid, _, command = text.partition(" ")
    if not pid.isdigit():
        return "pid unknown"
    return f"pid {pid}: {command[:120]}" if command else f"pid {pid}"


class StoreLock:
    """The exclusive write lock of one store directory.

    Args:
        path: the store directory (must exist).
        wait: seconds to wait for another holder to finish (0: fail at once).
        on_wait: called once with the holder's description when waiting starts.

    Raises:
        StoreError: another process holds the lock after ``wait`` seconds, or the lock
            file cannot be created.
    """

    def __init__(self, path: Path, wait: float = 0.0,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = path
        self._file: IO[str] | None = None
        try:
            handle = open(path / LOCK_NAME, "a+", encoding="utf-8")  # noqa: SIM115
        except OSError as e:
            raise StoreError(
                f"{path}: cannot create the lock file {LOCK_NAME}: {e.strerror or e}"
            ) from e
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    how = f"still held after waiting {wait:g} s" if wait > 0 else \
                        "use --wait SECONDS to wait for it"
                    raise StoreError(
                        f"{path}: the store is in use by another process (kg {holder(path)}); "
                        f"{how}, or open the store read-only"
                    ) from None
                if not told and on_wait is not None:
                    on_wait(holder(path))
                    told = True
                time.sleep(POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} {' '.join(sys.argv)}\n")
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Release the lock (harmless when already released)."""
        if self._file is None:
            return
        try:
            self._file.seek(0)
            self._file.truncate()
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
        finally:
            self._file.close()
            self._file = None
