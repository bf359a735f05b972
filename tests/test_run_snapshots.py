"""Snapshots of the run mode's main screens, in Dutch and English, at 80x24 and 120x40.

The SVGs under ``__snapshots__/test_run_snapshots/`` are goldens, reviewed
by eye when they were made: the screen a facilitator sees before the start,
during a round of turns running late with a catch-up proposed, when someone
must leave the room, at a checkpoint, and when ending the meeting. A change
to the layout, the colours or the words shows up here as a diff (the
report pytest-textual-snapshot writes); after a change meant to be seen,
look at the new screens and run ``pytest tests/test_run_snapshots.py
--snapshot-update``.

The clock is a fake one that the test moves by hand, so every time on the
screen is the same on every run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from _cli import base_recipe
from textual.pilot import Pilot

from methodengine.commands.run import make_app
from methodengine.run.app import FLASH, RunApp

ROOT = Path(__file__).resolve().parent.parent
INCIDENT = base_recipe("incidentmethode")
PROGRESS = base_recipe("progressiegericht")

SMALL = (80, 24)
LARGE = (120, 40)


class FakeClock:
    """The room's clock, moved on by the test: a meeting planned at 19:00 on 22 February 2027."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += dt.timedelta(minutes=minutes)


def incident(language: str) -> tuple[RunApp, FakeClock]:
    """Meeting 2 of the incident method with five people, planned at 19:00; the group sits down at 19:07."""
    clock = FakeClock(dt.datetime(2027, 2, 22, 19, 7))
    return make_app(INCIDENT, meeting=2, group=5, start=19 * 60, lang=language, quiet=True, clock=clock), clock


def progress(language: str) -> tuple[RunApp, FakeClock]:
    """The second conversation of progress-focused coaching, planned from 10:00 to 11:00."""
    clock = FakeClock(dt.datetime(2027, 2, 1, 10, 0))
    return make_app(PROGRESS, meeting=2, start=10 * 60, end=11 * 60, lang=language, quiet=True, clock=clock), clock


Script = Callable[[Pilot, FakeClock], Awaitable[None]]


async def _steps(pilot: Pilot, clock: FakeClock, minutes: list[float]) -> None:
    """Hold one step (phase or turn) for each of ``minutes``, then go on with ``n``."""
    for spent in minutes:
        clock.advance(spent)
        pilot.app.tick()
        await pilot.press("n")


async def _settle(pilot: Pilot) -> None:
    """Let a flash of the time panel pass (it lasts FLASH seconds of real time), so the screen is the steady one."""
    pilot.app.tick()
    await pilot.pause(FLASH + 0.2)


async def not_started(pilot: Pilot, clock: FakeClock) -> None:
    await _settle(pilot)


async def turns_running_late(pilot: Pilot, clock: FakeClock) -> None:
    # Started 7 minutes late; the first phases take a little longer; now the second of five turns, amber.
    await pilot.press("space")
    await _steps(pilot, clock, [12, 10, 5, 5, 16, 10, 5, 3])
    clock.advance(2.5)
    await _settle(pilot)


async def someone_outside(pilot: Pilot, clock: FakeClock) -> None:
    # `Standpunt bepalen`: the case-giver sits outside the circle; the meeting runs behind.
    await pilot.press("space")
    await _steps(pilot, clock, [12, 11, 6, 5, 17, 12])
    clock.advance(1)
    await _settle(pilot)


async def at_the_checkpoint(pilot: Pilot, clock: FakeClock) -> None:
    # Through the conversation to its checkpoint; the client has said continue, the coach not yet.
    await pilot.press("space")
    await _steps(pilot, clock, [10, 24, 10])
    clock.advance(6)
    await pilot.press("1")
    await _settle(pilot)


async def ending(pilot: Pilot, clock: FakeClock) -> None:
    await pilot.press("space")
    clock.advance(4)
    await pilot.press("q")
    await _settle(pilot)


CASES: list[tuple[str, Callable[[str], tuple[RunApp, FakeClock]], Script, tuple[int, int]]] = [
    ("not-started", incident, not_started, SMALL),
    ("turns-late", incident, turns_running_late, SMALL),
    ("turns-late", incident, turns_running_late, LARGE),
    ("outside", incident, someone_outside, SMALL),
    ("checkpoint", progress, at_the_checkpoint, SMALL),
    ("ending", incident, ending, SMALL),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("name", "make", "script", "size"), CASES, ids=[f"{c[0]}-{c[3][0]}x{c[3][1]}" for c in CASES])
def test_the_screen(snap_compare, language: str, name: str, make, script: Script, size: tuple[int, int]) -> None:
    app, clock = make(language)

    async def run_before(pilot: Pilot) -> None:
        await script(pilot, clock)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_the_screenshot_in_the_docs_is_the_app_as_it_is() -> None:
    """docs/run.md shows docs/examples/run-screen.svg: made by bench/run_screen.py, it must not go stale."""
    import asyncio
    import importlib.util

    spec = importlib.util.spec_from_file_location("run_screen", ROOT / "bench" / "run_screen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    made = asyncio.run(module.screenshot("nl", SMALL))
    assert made == module.OUT.read_text(encoding="utf-8"), "run `python bench/run_screen.py` and commit the SVG"
