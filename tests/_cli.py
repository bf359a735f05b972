"""Running the ``methodengine`` command in-process, as the CLI tests do.

tests/ is no package; pytest's default ``prepend`` import mode puts this folder on ``sys.path``,
so test modules import this as ``from _cli import run``.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from methodengine.cli import main


def runner() -> CliRunner:
    """A runner that keeps standard error apart from standard output, on click before and after 8.2."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()


def run(*args: str | Path) -> Result:
    """``methodengine ARGS``, with any exception other than an exit raised in the test."""
    return runner().invoke(main, [str(a) for a in args], catch_exceptions=False)
