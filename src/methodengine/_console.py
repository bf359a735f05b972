"""The ``methodengine`` console script (and ``python -m methodengine``): the CLI, started and ended quickly.

A check of a small recipe takes about a tenth of a second, and two costs in it are the interpreter's,
not ours: the cyclic garbage collector scanning the tens of thousands of objects that importing
click, attrs, pluggy and methodengine creates, several times over while they are being created; and
the teardown at exit, which frees every module and object one by one (together some 12% of a
``check`` or text ``cards`` run, measured against a plain ``sys.exit(cli.main())``). So this
function turns the collector off while the modules load and then freezes what they made
(``gc.freeze``: the collector never scans it again) before turning it back on for the command
itself, whose garbage is then collected as usual; and it ends the process with ``os._exit`` once
the output is flushed, so nothing is torn down that the operating system frees anyway.

This lives here, not in :func:`methodengine.cli.main`, which stays an ordinary function that
returns or raises: ``CliRunner`` tests and programs that call it in their own process must not
see it end the process. What ``os._exit`` would skip is done here first, in the interpreter's
order: waiting for threads that are not daemons, the ``atexit`` handlers (a plugin's, the logging
module's), and flushing standard output and standard error, with a failed write reported as
docs/cli.md says (exit 2, a closed pipe quiet).
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import gc
import io
import os
import sys

_FAILED_WRITE = 2


def run() -> None:
    """Run ``methodengine`` with the arguments of this process, and end the process with its exit code."""
    _hold_closed_streams()
    gc.disable()
    try:
        from methodengine.cli import main

        _load_command(main, sys.argv[1:])
        gc.freeze()
    finally:
        gc.enable()
    try:
        main(standalone_mode=True)
        code = 0  # click ends standalone mode with SystemExit; this is only reached if it stops doing so
    except SystemExit as exc:
        code = _exit_code(exc.code)
    # What the interpreter's own exit does first and os._exit would skip, in its order; not the freeing of objects.
    _join_threads()
    atexit._run_exitfuncs()
    os._exit(_flushed(code))


class _ClosedOutput(io.TextIOBase):
    """Standard output that was closed when the process started (``>&-``): writing to it fails, as on a real
    descriptor, so the command says it cannot write standard output instead of losing its output silently."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def fileno(self) -> int:
        return 1


def _hold_closed_streams() -> None:
    """Descriptors 0-2 closed at start (``>&-``, ``2>&-``) are held by /dev/null.

    Otherwise the first file the command opens (an ``-o`` output, a cache file) would get descriptor
    1 or 2, and whatever is written to "standard output" or "standard error" would land in it.
    Standard output then refuses writes (exit 2, said on standard error); a closed standard error
    is silent, having nowhere to speak.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            held = os.open(os.devnull, os.O_RDWR)
            if held != fd:
                os.dup2(held, fd)
                os.close(held)
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115


def _join_threads() -> None:
    """Wait for the threads that are not daemons (a plugin's), as the interpreter does before it exits."""
    threading = sys.modules.get("threading")  # not imported here: nothing to wait for, nothing to load
    if threading is None:
        return
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not current and not thread.daemon:
            thread.join()


def _load_command(group: object, args: list[str]) -> None:
    """Import the module of the command being run now, while the collector is off, if the first argument names one.

    Only a cheap first guess: an option before the command's name leaves the import to click, later.
    """
    get_command = getattr(group, "get_command", None)
    if not args or args[0].startswith("-") or get_command is None:
        return
    # If it fails, click imports it again when it runs the command, and reports the failure as it always does.
    with contextlib.suppress(Exception):
        get_command(None, args[0])


def _exit_code(code: object) -> int:
    """SystemExit's code as the process's, as the interpreter itself maps it (None is 0, a text is printed and 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    with contextlib.suppress(OSError, ValueError):
        print(code, file=sys.stderr)
    return 1


def _flushed(code: int) -> int:
    """Flush standard output and error, which the interpreter would do at exit; a failed write changes the code.

    A closed pipe (``| head``) is quiet and leaves the code as it is; any other failure on standard output
    is said on standard error and exits 2, as every command's own writes do.
    """
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        pass
    except Exception as exc:  # whatever stands in for standard output; the process must still end with our code
        reason = getattr(exc, "strerror", None) or str(exc)
        said = f"cannot write standard output: {reason}"
        with contextlib.suppress(Exception):  # said in the message language; in English if even that fails
            from methodengine.i18n import _

            said = _("cannot write {where}: {reason}", where=_("standard output"), reason=reason)
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"methodengine: {said}\n")
        code = _FAILED_WRITE
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except BrokenPipeError:
        pass
    except Exception:
        code = _FAILED_WRITE
    return code
