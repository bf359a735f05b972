"""Where methodengine keeps what it can rebuild, and reading and writing it safely.

A cache file is only ever read from a folder that only this user can write,
through no symlink, and only as a regular file of this user that nobody else
can write: anyone else who can plant a file there could otherwise feed us
whatever they like. Files are written to a fresh temporary file (never
through a symlink) and renamed into place, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from typing import TYPE_CHECKING

from methodengine.diagnostics import Diagnostic, warning
from methodengine.i18n import _

if TYPE_CHECKING:
    from pathlib import Path

_warned: set[str] = set()
_found: list[Diagnostic] = []


def cache_folder() -> str:
    """``$METHODENGINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/methodengine``, else ``~/.cache/methodengine``.

    Never inside site-packages, which may be read-only and is shared. A string, so that
    reading a recipe needs no pathlib (see :func:`cache_dir` for a Path).
    """
    explicit = os.environ.get("METHODENGINE_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "methodengine")


def cache_dir() -> Path:
    """:func:`cache_folder` as a Path."""
    from pathlib import Path

    return Path(cache_folder())


def _distrust(info: os.stat_result) -> str | None:
    """Why a file or folder with this status may hold someone else's content, or None."""
    if info.st_uid != os.geteuid():
        return _("it is owned by another user (uid {uid})", uid=info.st_uid)
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return _("it is writable by others")
    return None


def _warn_once(directory: str | os.PathLike[str], reason: str) -> None:
    """Keep a warning for the CLI to show (the library never prints), once per folder and process."""
    key = os.fspath(directory)
    if key in _warned:
        return
    _warned.add(key)
    _found.append(
        warning(
            _("not using the cache in {directory}: {reason}", directory=directory, reason=reason),
            None,
            hint=_("set METHODENGINE_CACHE_DIR to a folder only you can write (chmod 700), or remove this one"),
            code="cache-untrusted",
        )
    )


def unreported() -> list[Diagnostic]:
    """The cache's warnings not yet shown, which are then forgotten: the CLI shows them after a command."""
    found = list(_found)
    _found.clear()
    return found


def trusted_dir(directory: str | os.PathLike[str]) -> bool:
    """Create the cache folder if needed and say whether it may be used; warn once if it may not.

    A folder that cannot be created (a read-only home) is not worth a warning: it only costs speed.
    """
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        info = os.lstat(directory)
    except OSError:
        return False
    if stat.S_ISLNK(info.st_mode):
        _warn_once(directory, _("it is a symbolic link"))
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    reason = _distrust(info)
    if reason is not None:
        _warn_once(directory, reason)
        return False
    return True


def read(path: str | os.PathLike[str], limit: int = 16 << 20) -> bytes | None:
    """The bytes of a cache file, or None when it is absent, not a regular file of ours, or unreadable.

    The caller has checked the folder with :func:`trusted_dir`.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None  # absent, or a symlink (ELOOP)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or _distrust(info) is not None or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def write(path: str | os.PathLike[str], data: bytes) -> None:
    """Put ``data`` at ``path`` atomically, following no symlink; failures only cost speed.

    ``os.replace`` renames over whatever is at ``path``, a symlink included, so a planted
    link is replaced itself and the file it points to is left alone.
    """
    folder, name = os.path.split(os.fspath(path))
    tmp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
