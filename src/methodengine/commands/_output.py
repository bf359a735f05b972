"""Where the commands' output goes: a file written whole and safely, or standard output.

The rules (docs/cli.md, "Files the tool writes"), the same for ``cards``,
``schedule`` and ``new``: never the recipe being read; a device, FIFO or socket
is written as it is, never replaced; a symlink writes its target; a new or
existing regular file is written to a temporary file next to it first, so that
it is whole or untouched, and keeps its mode, owner and hard links; read-only
files are refused. A write that fails is an I/O error (exit 2), not a bug.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from methodengine.i18n import N_, _, translate

EXIT_IO = 2
STALE_SECONDS = 3600
"""A temporary file of this tool older than this is left over, whatever its process id says."""

_TEMP = re.compile(r"^\..*\.methodengine-(\d+)\.tmp$")
_F = TypeVar("_F", bound=Callable[..., Any])


_STREAMS = (N_("standard output"), N_("standard error"))


class OutputError(click.ClickException):
    """A write that failed: said in one line, ``methodengine: cannot write WHERE: REASON``, exit 2."""

    exit_code = EXIT_IO

    def __init__(self, where: str, reason: str) -> None:
        if where in _STREAMS:  # the streams' names are said in the message language; a file's name as it is
            where = translate(where)
        super().__init__(_("cannot write {where}: {reason}", where=where, reason=reason))

    def show(self, file: IO[Any] | None = None) -> None:
        with contextlib.suppress(OSError):  # standard error is gone too; the exit status still says it
            click.echo(f"methodengine: {self.message}", err=True)


def output_option(help: str) -> Callable[[_F], _F]:
    """``-o/--output FILE`` as every command takes it; an empty name is a usage error, not the current folder."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, allow_dash=True),
        callback=_output_path,
        help=help,
    )


def _output_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    if value is None:
        return None
    if not value.strip():
        raise click.BadParameter(_("-o needs a file name (or `-` for standard output)"), ctx, param)
    return Path(value)


def check_output(target: Path, reading: Path | None = None) -> None:
    """Refuse, before any work is done, an output file that is the recipe being read, or is read-only.

    The same inode counts, however it is spelt: ``./r.mth``, an absolute
    path, a symlink or a hard link. Root may write any file, so a file
    without any write permission bit counts as read-only for root too.
    """
    try:
        found = os.stat(target)
    except OSError:
        return  # a new file; a folder that does not exist is reported when writing
    if reading is not None:
        try:
            read = os.stat(reading)
        except OSError:
            read = None
        if read is not None and (read.st_dev, read.st_ino) == (found.st_dev, found.st_ino):
            raise click.UsageError(_("{target} is the recipe being read; choose another output file", target=target))
    if stat.S_ISREG(found.st_mode) and (not os.access(target, os.W_OK) or not found.st_mode & 0o222):
        raise click.UsageError(
            _("{target} is read-only; choose another output file, or make it writable first", target=target)
        )


def is_regular_file(target: Path) -> bool:
    """A regular file exists there (through symlinks): one that writing would overwrite."""
    try:
        return stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        return False


def write_output(target: Path, data: str | bytes) -> None:
    """Write the whole output to ``target`` by the rules above; any failure is an OutputError."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        _write(target, payload)
    except OSError as exc:
        raise OutputError(str(target), exc.strerror or str(exc)) from None


def write_stdout(data: str | bytes) -> None:
    """Bytes as they are and text as UTF-8, whatever encoding the locale gives standard output."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream that takes only text
        click.echo(data, nl=False)
        return
    buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    buffer.flush()


def _write(target: Path, payload: bytes) -> None:
    try:
        found: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        found = None  # a new file, or a symlink to one
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_special(target, found, payload)
        return
    real, through_fd = _resolve(target)
    if through_fd:
        # /dev/stdout, /proc/self/fd/N: the link stands for an open file, which may be
        # appended to (`>> log`); replacing the file it names would lose that.
        _write_into(str(target), payload, os.O_APPEND)
        return
    _remove_stale(real.parent)
    if found is None:
        _replace(real, payload, None)
    elif found.st_nlink > 1:
        _write_in_place(real, payload)
    else:
        _replace(real, payload, found)


def _resolve(target: Path) -> tuple[Path, bool]:
    """The file a path names after every symlink, and whether a link on the way was an open file's (/proc)."""
    path = os.path.abspath(target)
    through_fd = False
    for _step in range(40):
        if not os.path.islink(path):
            break
        folder = os.path.realpath(os.path.dirname(path))
        if folder.startswith("/proc/") and "/fd" in folder:
            through_fd = True
        path = os.path.join(folder, os.readlink(path))
    return Path(os.path.realpath(path)), through_fd


def _write_special(target: Path, found: os.stat_result, payload: bytes) -> None:
    """A device, FIFO or socket takes the bytes; a regular file never takes its place."""
    if stat.S_ISSOCK(found.st_mode):
        import socket

        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(os.fspath(target))
            connection.sendall(payload)
        return
    if stat.S_ISFIFO(found.st_mode):
        fd = _open_fifo(target)
    else:
        fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        _write_all(fd, payload)
    finally:
        os.close(fd)


def _open_fifo(target: Path) -> int:
    """Open a FIFO for writing once a program reads from it, waiting at most ``FIFO_WAIT_SECONDS``."""
    import errno

    from methodengine import limits

    deadline = time.monotonic() + limits.FIFO_WAIT_SECONDS
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if time.monotonic() >= deadline:
                waited = f"{limits.FIFO_WAIT_SECONDS:g}"
                raise OSError(
                    errno.ETIMEDOUT, _("no program is reading from this FIFO (waited {seconds} s)", seconds=waited)
                ) from None
            time.sleep(0.05)
            continue
        os.set_blocking(fd, True)
        return fd


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _write_into(path: str, payload: bytes, flags: int = 0) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC | flags)
    try:
        _write_all(fd, payload)
        if not flags & os.O_APPEND:
            os.ftruncate(fd, len(payload))
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_path(real: Path) -> Path:
    """``.NAME.methodengine-PID.tmp`` beside the file: recognisably this tool's, and whose."""
    return real.with_name(f".{real.name[:200]}.methodengine-{os.getpid()}.tmp")


def _open_temp(real: Path) -> tuple[int, Path]:
    temp = _temp_path(real)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(temp, flags, 0o600), temp
    except FileExistsError:
        # Ours by name, so left by an earlier process with this id, which has ended.
        os.unlink(temp)
        return os.open(temp, flags, 0o600), temp


def _replace(real: Path, payload: bytes, found: os.stat_result | None) -> None:
    """The whole output in a temporary file, given the file's mode and owner, then renamed over it."""
    try:
        fd, temp = _open_temp(real)
    except PermissionError:
        if found is None:
            raise
        _write_into(str(real), payload)  # a writable file in a folder we may not write: rewrite it in place
        return
    try:
        try:
            if found is not None:
                if (found.st_uid, found.st_gid) != (os.geteuid(), os.getegid()):
                    os.fchown(fd, found.st_uid, found.st_gid)
                os.fchmod(fd, stat.S_IMODE(found.st_mode))
            else:
                os.fchmod(fd, 0o666 & ~_umask())
        except PermissionError:
            # Not allowed to give the file its owner: rewrite it in place, which keeps the owner.
            os.close(fd)
            fd = -1
            os.unlink(temp)
            _write_into(str(real), payload)
            return
        _write_all(fd, payload)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(temp, real)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        _unlink_quietly(temp)
        raise


def _write_in_place(real: Path, payload: bytes) -> None:
    """A file with several names (hard links): all of them see the new output.

    The output goes to a temporary file first, so that a full disk is found
    before the file is touched; then it is copied into the file itself.
    """
    fd, temp = _open_temp(real)
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        _write_into(str(real), payload)
    finally:
        _unlink_quietly(temp)


def _remove_stale(folder: Path) -> None:
    """Remove this tool's temporary files left in ``folder`` by a process that ended (a kill -9, a power cut)."""
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = _TEMP.match(entry.name)
        if found is None or int(found[1]) == os.getpid():
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        if _alive(int(found[1])) and now - info.st_mtime < STALE_SECONDS:
            continue  # another run is writing it right now
        _unlink_quietly(Path(entry.path))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # alive, only someone else's
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
