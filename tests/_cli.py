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


BASE_RECIPES = Path(__file__).resolve().parents[1] / "plugins" / "methodengine_methods"
"""The built-in methods' base recipes: what ``methodengine new ID`` writes."""

_BASE_OF = {
    "incidentmethode": "incident",
    "backstagegroep": "backstage",
    "inspiratiegroep": "inspiration",
    "progressiegericht": "progress",
    "jobcoaching": "jobcoaching",
}


def base_recipe(name: str) -> Path:
    """The base recipe of the method whose example is ``recipes/<name>.mth``: ``base_recipe("incidentmethode")``.

    Tests of the cards, the schedule and the run screen read a method as its base recipe gives it, which
    changes only with the method; the examples in recipes/ are variations a trainer made, and change freely.
    """
    return BASE_RECIPES / f"{_BASE_OF[name]}.mth"
