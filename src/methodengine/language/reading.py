"""Reading a recipe file with a bound: never more than the bound, never blocked for ever.

A recipe may come from a pipe (``check <(cat x.mth)``, ``/dev/stdin``), so a file
is read once, in chunks. An endless file (``/dev/zero``) is refused after
``MAX_RECIPE_BYTES + 1`` bytes, and a FIFO nobody writes to is given up after
``FIFO_WAIT_SECONDS`` instead of hanging in ``open()``.
"""

from __future__ import annotations

import errno
import os
import select
import stat

from methodengine import limits
from methodengine.errors import RecipeError
from methodengine.i18n import _
from methodengine.model import Position

_CHUNK = 1 << 16


class FifoTimeoutError(OSError):
    """A FIFO no program writes to (or that stopped sending): an I/O error, not a recipe error."""


def too_large(path: str) -> RecipeError:
    megabytes = limits.MAX_RECIPE_BYTES // (1024 * 1024)
    return RecipeError(
        _("the file is larger than {megabytes} MB, the most a recipe may be", megabytes=megabytes),
        Position(path, 1, 1),
        hint=_(
            "a recipe is a short text file (the bundled ones are under 10 kB); is {path} the recipe you meant?",
            path=path,
        ),
        code="too-large",
    )


def read_limited(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a recipe file. Raises RecipeError when it is too large, OSError when it cannot be read.

    The file is opened without blocking, so that opening a FIFO without a
    writer returns at once; only a FIFO is then waited on, with a timeout.
    A terminal is read as usual, until end of file (Ctrl-D).
    """
    name = os.fspath(path)
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and info.st_size > limits.MAX_RECIPE_BYTES:
            raise too_large(name)
        fifo = stat.S_ISFIFO(info.st_mode)
        if not fifo:
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        size = 0
        while size <= limits.MAX_RECIPE_BYTES:
            if fifo:
                _wait_for_data(fd, name, started=size > 0)
            try:
                chunk = os.read(fd, min(_CHUNK, limits.MAX_RECIPE_BYTES + 1 - size))
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limits.MAX_RECIPE_BYTES:
            raise too_large(name)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _wait_for_data(fd: int, name: str, started: bool) -> None:
    """Wait until the FIFO has data or its writer has gone (end of file), at most ``FIFO_WAIT_SECONDS``.

    Linux reports neither while no program has opened the FIFO for writing,
    which is what a FIFO without a writer looks like to a reader that did not block.
    """
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    if poll.poll(limits.FIFO_WAIT_SECONDS * 1000):
        return
    waited = f"{limits.FIFO_WAIT_SECONDS:g} s"
    if started:
        raise FifoTimeoutError(
            errno.ETIMEDOUT, _("the program writing to this FIFO sent nothing for {waited}", waited=waited), name
        )
    raise FifoTimeoutError(
        errno.ETIMEDOUT, _("no program is writing to this FIFO (waited {waited})", waited=waited), name
    )
