"""Every file that sits beside a store, named in one place, and the one way to write them: under the
store's file lock, through a unique temporary name, fsynced, owner-only (0600).

A store `case.hexi` has `case.hexi.keys` (key slots), `.throttle` (failed attempts), `.recovery-pending`
(the wrapped reply key of a centre recovery request), `.lock` (the lock file itself), a `.backups`
folder and a `.recovery` folder (sealed copies of forms being typed). The module imports only the
standard library, so the window can name these files before the database code is loaded. Two processes updating one of these files serialise on the lock, so neither loses the other's
change, and no two writers ever share a temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hexi_care.errors import StoreProblem

FILE_MODE = 0o600
DIR_MODE = 0o700

try:  # POSIX
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:
                continue

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


# -- names ----------------------------------------------------------------------------------------
def _beside(store: Path, suffix: str) -> Path:
    store = Path(store)
    return store.with_name(store.name + suffix)


def keys_path(store: Path) -> Path:
    return _beside(store, ".keys")


def keys_next_path(store: Path) -> Path:
    """The slot file of a rekey in progress: written before the database is re-encrypted, renamed
    over `.keys` after; unlock finishes the job if the machine stopped in between."""
    return _beside(store, ".keys.next")


def throttle_path(store: Path) -> Path:
    return _beside(store, ".throttle")


def pending_recovery_path(store: Path) -> Path:
    return _beside(store, ".recovery-pending")


def lock_path(store: Path) -> Path:
    return _beside(store, ".lock")


def backup_dir(store: Path) -> Path:
    return _beside(store, ".backups")


def staging_path(store: Path) -> Path:
    """Where a restore assembles the incoming store before it replaces the live one."""
    return _beside(store, ".restoring")


def restore_ready_path(store: Path) -> Path:
    """Present while a verified restore swaps files: if the program stops in between, the next
    opening finishes the swap (the staged store and its slots are complete)."""
    return _beside(store, ".restoring.ready")


def kept_path(store: Path, stamp: int) -> Path:
    """Where a restore keeps the store it replaced."""
    return _beside(store, f".before-restore-{stamp}")


def sqlite_sidecars(store: Path) -> list[Path]:
    return [_beside(store, "-wal"), _beside(store, "-shm")]


def form_recovery_dir(store: Path) -> Path:
    """Sealed copies of forms being typed (services.form_recovery)."""
    return _beside(store, ".recovery")


def store_files(store: Path) -> list[Path]:
    """The store and the small files that belong to it (not backups or recovered forms)."""
    return [
        Path(store),
        keys_path(store),
        *sqlite_sidecars(store),
        throttle_path(store),
        pending_recovery_path(store),
        lock_path(store),
    ]


# -- the store's lock -----------------------------------------------------------------------------
_held: dict[str, tuple[threading.RLock, list[int]]] = {}
_held_guard = threading.Lock()


@contextlib.contextmanager
def locked(store: Path) -> Iterator[None]:
    """Hold the store's exclusive file lock (re-entrant within one process).

    flock belongs to the open file, so a second open in the same process would deadlock on itself;
    a per-path RLock and a depth count make nested use (slots inside a restore) safe."""
    path = lock_path(store)
    key = str(path.resolve())
    with _held_guard:
        entry = _held.setdefault(key, (threading.RLock(), [0, -1]))
    rlock, state = entry
    with rlock:
        if state[0] == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            try:
                _lock_fd(fd)
            except BaseException:
                os.close(fd)
                raise
            state[1] = fd
        state[0] += 1
        try:
            yield
        finally:
            state[0] -= 1
            if state[0] == 0:
                fd, state[1] = state[1], -1
                try:
                    _unlock_fd(fd)
                finally:
                    os.close(fd)


# -- writing --------------------------------------------------------------------------------------
def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a unique temporary file in the same folder, mode 0600."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with contextlib.suppress(AttributeError, OSError):  # no fchmod on Windows
            os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def os_problem(exc: OSError) -> StoreProblem:
    """The user's problem behind an OSError while writing: a full disk, a read-only or vanished
    medium (a USB stick pulled out), or another I/O failure named by the system's words."""
    from hexi_care.errors import DiskFull, StoreGone, StoreProblem, StoreReadOnly

    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return DiskFull()
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return StoreReadOnly()
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ESTALE):
        return StoreGone()
    return StoreProblem("store_io", detail=exc.strerror or type(exc).__name__)


def write_output(path: Path, data: bytes) -> None:
    """A file the user asked for (a PDF, a spreadsheet): whole or not at all, and a full or
    read-only disk is the user's problem, not a crash."""
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise os_problem(exc) from None


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def private_dir(folder: Path) -> Path:
    """Create `folder` (and tighten it when it exists) so only the owner can list or read it."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(DIR_MODE)
    return folder


def private_file(path: Path) -> None:
    """Make an existing file owner-only (SQLite creates the store with the umask's mode)."""
    with contextlib.suppress(OSError):
        path.chmod(FILE_MODE)


def create_private(path: Path) -> int:
    """Open a file for writing (truncated), owner-only from its first byte; returns the descriptor."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with contextlib.suppress(AttributeError, OSError):
        os.fchmod(fd, FILE_MODE)  # an existing file keeps its mode through O_CREAT
    return fd
