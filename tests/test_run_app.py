"""The facilitator's live view, driven headless with Textual's pilot and time-machine's clock.

Each test holds (part of) a meeting the way a facilitator does, with keys,
while the clock is moved by hand, and reads what the screen says and what
the log holds.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from _cli import base_recipe
from click.testing import CliRunner

pytest.importorskip("textual")
time_machine = pytest.importorskip("time_machine")

from textual.widgets import Digits, Static  # noqa: E402

from methodengine.commands.run import make_app  # noqa: E402
from methodengine.run.app import RunApp  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
PROGRESS = base_recipe("progressiegericht")
BACKSTAGE = base_recipe("backstagegroep")
EVENING = dt.datetime(2027, 1, 11, 19, 30)

Scenario = Callable[[RunApp, Any, Any], Awaitable[None]]


def _hold(app: RunApp, scenario: Scenario, at: dt.datetime = EVENING, size: tuple[int, int] = (80, 24)) -> None:
    """Run ``scenario(app, pilot, traveller)`` in a headless terminal of ``size``, the clock frozen at ``at``."""

    async def main() -> None:
        with time_machine.travel(at, tick=False) as traveller:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                await scenario(app, pilot, traveller)

    asyncio.run(main())


async def _wait(app: RunApp, pilot: Any, traveller: Any, minutes: float) -> None:
    """Let ``minutes`` pass on the room's clock, and the app look at it."""
    traveller.shift(dt.timedelta(minutes=minutes))
    app.tick()
    await pilot.pause()


def shown(app: RunApp) -> str:
    """Every text on the screen now, widget by widget (the big digits as their value)."""
    out = []
    for widget in app.screen.query("*"):
        if not widget.display or not widget.region.area:
            continue
        if isinstance(widget, Digits):
            out.append(widget.value)
        elif isinstance(widget, Static):
            out.append(str(widget.content))
    return "\n".join(out).replace("\u00a0", " ")  # the key line keeps a key and its words together


def _incident(tmp_path: Path | None = None, **more: Any) -> RunApp:
    log = tmp_path / "avond.json" if tmp_path is not None else None
    return make_app(INCIDENT, meeting=2, group=6, start=19 * 60 + 30, log=log, **more)


# ------------------------------------------------------------------ the evening


def test_meeting_2_of_the_incident_method_from_first_phase_to_last_late_over_time_and_caught_up(
    tmp_path: Path,
) -> None:
    app = _incident(tmp_path)

    async def evening(app: RunApp, pilot: Any, traveller: Any) -> None:
        screen = shown(app)
        assert "Terugkoppeling" in screen and "Fase 1 van 11" in screen
        assert "Nog niet begonnen: spatie start" in screen
        assert "10:00" in screen
        await pilot.press("space")  # ten minutes late
        await _wait(app, pilot, traveller, 8.5)
        assert app.query_one("#left", Digits).has_class("amber")
        await _wait(app, pilot, traveller, 3.5)  # 12 minutes: 2 over
        screen = shown(app)
        assert "-02:00" in screen and "Over de tijd" in screen
        assert "14 min achter" in screen  # 10 late, 2 over, and the plan's 92 minutes of 90
        assert "verwacht einde 21:14 (gepland 21:00)" in screen
        assert "14 min inhalen: " in screen and "a neemt het aan" in screen
        await pilot.press("n")
        assert "Incident kiezen" in shown(app)
        await pilot.press("a")
        screen = shown(app)
        assert "Op tijd" in screen and "inhalen" not in screen
        assert "verwacht einde 21:00" in screen
        while app.meeting.step is not None:
            step = app.meeting.step
            if step.phase.title == "Standpunt bepalen":
                assert "zit buiten de kring: omdraaien of de ruimte verlaten" in shown(app)
            if step.turns is not None:
                for number in range(1, step.turns + 1):
                    assert f"deelnemer {number} van 4" in shown(app)
                    await _wait(app, pilot, traveller, app.meeting.allotted(step.index) / step.turns)
                    await pilot.press("right")
                continue
            await _wait(app, pilot, traveller, app.meeting.allotted(step.index))
            await pilot.press("n")
        assert "Alle fasen zijn gehouden" in shown(app)
        await pilot.press("q")
        assert "Afronden? Enter: afronden en het verslag schrijven" in shown(app)
        await pilot.press("enter")

    _hold(app, evening, at=EVENING + dt.timedelta(minutes=10))
    log = json.loads((tmp_path / "avond.json").read_text(encoding="utf-8"))
    assert (log["meeting"], log["meetings_of"], log["finished"]) == (2, 6, True)
    assert (log["planned_start"], log["start"]) == ("2027-01-11T19:30:00", "2027-01-11T19:40:00")
    phases = log["phases"]
    assert phases[0]["title"] == "Terugkoppeling" and len(phases) == 11
    assert (phases[0]["minutes"], phases[1]["start"]) == (12, "2027-01-11T19:52:00")
    assert [len(p["turns"]) for p in phases if p["turns"]] == [4]
    assert len(log["catch_ups"]) == 1 and log["skipped"] == []
    assert log["end"] == "2027-01-11T21:00:00"  # caught up: on time after all
    assert (tmp_path / "avond.json.md").exists()
    from methodengine.commands._common import resolved_recipe
    from methodengine.planning.held import read_held

    held = read_held(resolved_recipe(INCIDENT), [tmp_path / "avond.json"])  # what `schedule --log` reads
    assert list(held) == [2] and held[2].start == EVENING + dt.timedelta(minutes=10) and held[2].finished


def test_a_late_start_moves_the_clock_times_and_shows_as_behind() -> None:
    app = _incident()

    async def late(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        screen = shown(app)
        assert "Volgende: Incident kiezen, om 19:55" in screen  # started 19:45: ten minutes on
        assert "17 min achter" in screen

    _hold(app, late, at=EVENING + dt.timedelta(minutes=15))


def test_the_screen_is_english_with_lang_en() -> None:
    app = _incident(lang="en")

    async def english(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        screen = shown(app)
        assert "Next: Incident kiezen, at 19:40" in screen
        assert "Phase 1 of 11" in screen and "Behind by 2 min" in screen
        assert "space start/pause" in screen and "gespreksleider" in screen.lower()

    _hold(app, english)


# ------------------------------------------------------------------ the clock's signals


def test_the_bell_rings_once_at_amber_red_and_over_and_the_time_panel_flashes() -> None:
    app = _incident()

    async def bells(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        await _wait(app, pilot, traveller, 8.1)
        assert app.rings == 1 and app.query_one("#time").has_class("flash")
        await _wait(app, pilot, traveller, 0.1)
        assert app.rings == 1
        await _wait(app, pilot, traveller, 1.5)
        await _wait(app, pilot, traveller, 0.5)
        assert app.rings == 3
        await pilot.pause(0.8)
        assert not app.query_one("#time").has_class("flash")

    _hold(app, bells)


def test_quiet_rings_no_bell_but_still_flashes() -> None:
    app = _incident(quiet=True)

    async def quiet(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        await _wait(app, pilot, traveller, 8.1)
        assert app.rings == 0 and app.query_one("#time").has_class("flash")

    _hold(app, quiet)


def test_the_clock_is_read_without_a_key_being_pressed() -> None:
    app = _incident()

    async def ticking(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        traveller.shift(dt.timedelta(minutes=3))
        for _ in range(40):  # the app's own interval, not a key, brings the screen up to the clock
            await pilot.pause(0.1)
            if app.query_one("#left", Digits).value == "07:00":
                break
        assert app.query_one("#left", Digits).value == "07:00"

    _hold(app, ticking)


def test_space_pauses_and_plus_and_minus_change_the_minutes() -> None:
    app = _incident()

    async def keys(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        await _wait(app, pilot, traveller, 2)
        await pilot.press("space")
        await _wait(app, pilot, traveller, 5)
        assert "Gepauzeerd: spatie gaat verder" in shown(app) and "08:00" in shown(app)
        await pilot.press("plus")
        assert "09:00" in shown(app)
        await pilot.press("minus", "minus")
        assert "07:00" in shown(app)

    _hold(app, keys)


# ------------------------------------------------------------------ rounds, checkpoints, the end


def test_rounds_are_counted_and_the_remaining_ones_can_be_skipped(tmp_path: Path) -> None:
    app = make_app(BACKSTAGE, meeting=2, group=6, log=tmp_path / "log.json")

    async def rounds(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space", "n")
        screen = shown(app)
        assert "ronde 1 van 2" in screen and "r overige rondes overslaan" in screen
        await pilot.press("r")
        screen = shown(app)  # the screen counts what is left: one round, nothing more to skip
        assert "ronde 1 van 1" in screen and "overige rondes overslaan" not in screen
        for _ in range(5):
            await _wait(app, pilot, traveller, 1)
            await pilot.press("n")
        assert "Volgende: Afsluiting" in shown(app)
        await pilot.press("n")
        assert "Afsluiting" in shown(app) and "ronde 1 van" not in shown(app)
        await pilot.press("q", "enter")

    _hold(app, rounds)
    log = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))
    assert log["rounds"] == [{"id": "beurt", "title": "Beurt van een inbrenger", "planned": 2, "held": 1}]
    # Terugkoppeling passed over too; Afsluiting, ended at once, was not reached.
    assert {s["reason"] for s in log["skipped"]} == {"rounds-skipped", "skipped", "not-reached"}


def test_a_checkpoint_records_each_deciding_role_s_continue_or_stop(tmp_path: Path) -> None:
    app = make_app(PROGRESS, meeting=3, log=tmp_path / "log.json", lang="en")

    async def checkpoint(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        while app.meeting.step is not None and not app.meeting.step.phase.checkpoint:
            await _wait(app, pilot, traveller, 1)
            await pilot.press("n")
        screen = shown(app)
        assert "Decisions" in screen and "1 Cliënt: not yet" in screen and "1-2 continue/stop" in screen
        await pilot.press("1", "2", "2")
        screen = shown(app)
        assert "1 Cliënt: continue" in screen and "2 Coach: stop" in screen
        await _wait(app, pilot, traveller, 1)
        await pilot.press("q", "enter")

    _hold(app, checkpoint)
    log = json.loads((tmp_path / "log.json").read_text(encoding="utf-8"))
    assert [(d["role"], d["decision"]) for d in log["decisions"]] == [("coachee", "continue"), ("coach", "stop")]
    assert log["finished"] is False


def test_q_asks_first_and_any_other_key_goes_on(tmp_path: Path) -> None:
    app = _incident(tmp_path)

    async def ask(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space", "q")
        assert "Afronden?" in shown(app)
        await pilot.press("escape")
        assert "Afronden?" not in shown(app)
        await pilot.press("q", "n")  # n takes the question back and does not move on
        assert "Afronden?" not in shown(app) and "Terugkoppeling" in shown(app)
        assert app.is_running

    _hold(app, ask)
    assert not (tmp_path / "avond.json").exists()


def test_the_screen_says_when_the_one_outside_comes_back_into_the_circle() -> None:
    app = _incident()

    async def through(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space", *["n"] * 6)  # to `Standpunt bepalen`: the case-giver sits outside
        assert "zit buiten de kring" in shown(app) and "terug in de kring" not in shown(app)
        await pilot.press("n")  # `Standpunten uitwisselen`: the case-giver listens again
        assert "Inbrenger komt terug in de kring" in shown(app)
        await pilot.press("n", "n", "n", "n")
        assert "terug in de kring" not in shown(app)

    _hold(app, through)


def test_a_paused_clock_looks_paused_and_a_running_one_does_not() -> None:
    app = _incident()

    async def pause(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        assert not app.query_one("#left").has_class("paused")
        await pilot.press("space")
        assert app.query_one("#left").has_class("paused") and app.query_one("#state").has_class("paused")
        await pilot.press("space")
        assert not app.query_one("#left").has_class("paused")

    _hold(app, pause)


def test_ctrl_c_asks_to_end_the_meeting_as_q_does_in_the_screen_s_language() -> None:
    app = _incident()

    async def interrupt(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space", "ctrl+c")
        assert "Afronden?" in shown(app) and app.is_running

    _hold(app, interrupt)


def test_a_meeting_never_started_writes_no_log_and_leaves_none_held(tmp_path: Path) -> None:
    app = _incident(tmp_path)

    async def leave(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("n", "n", "q", "enter")  # looked at the phases, never pressed space

    _hold(app, leave)
    assert app.written is None and app.write_error is None
    assert not (tmp_path / "avond.json").exists() and not (tmp_path / "avond.json.md").exists()


def test_the_log_so_far_is_written_at_every_phase_so_that_a_crash_loses_little(tmp_path: Path) -> None:
    app = _incident(tmp_path)

    async def first_phase(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        await _wait(app, pilot, traveller, 10)
        await pilot.press("n")
        log = json.loads((tmp_path / "avond.json").read_text(encoding="utf-8"))
        assert log["finished"] is False and [p["title"] for p in log["phases"]] == ["Terugkoppeling"]

    _hold(app, first_phase)


def test_a_log_that_cannot_be_written_is_said_on_screen_and_the_meeting_goes_on(tmp_path: Path) -> None:
    app = _incident(tmp_path)

    def full_disk(log: object, path: Path) -> None:
        raise OSError(28, "No space left on device")

    app.writer = full_disk

    async def failing(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        await _wait(app, pilot, traveller, 10)
        await pilot.press("n")
        assert "Het verslag kon niet worden geschreven: No space left on device" in shown(app)
        assert app.is_running and "Incident kiezen" in shown(app)
        await pilot.press("q", "enter")

    _hold(app, failing)
    assert app.return_code == 2 and app.written is None


# ------------------------------------------------------------------ the screen


def test_recipe_text_is_shown_as_written_never_as_markup(tmp_path: Path) -> None:
    recipe = tmp_path / "markup.mth"
    recipe.write_text(
        "recipe: [b]Vet[/b]\nlanguage: en\nduration: 20 min\n\n"
        "role a: [red]Rood[/red]\n\nrole b: [i]Buiten\n\n"
        "phase [link=x]Klik[/link] (10 min)\n  lead: a\n  outside: b\n  say: [blink]Hallo[/blink]\n\n"
        "phase Daarna (10 min)\n  speak: everyone\n",
        encoding="utf-8",
    )
    app = make_app(recipe)

    async def plain(app: RunApp, pilot: Any, traveller: Any) -> None:
        screen = shown(app)
        for text in (
            "[b]Vet[/b]",
            "[link=x]Klik[/link]",
            "[red]Rood[/red]",
            "[blink]Hallo[/blink]",
            "[i]Buiten",
        ):
            assert text in screen

    _hold(app, plain)


def test_the_keys_are_on_screen_and_everything_fits_in_80_by_24() -> None:
    app = _incident()

    async def fits(app: RunApp, pilot: Any, traveller: Any) -> None:
        await pilot.press("space")
        await _wait(app, pilot, traveller, 15)  # behind: the catch-up line and its key too
        await pilot.press("n")
        screen = shown(app)
        for key in (
            "spatie start/pauze",
            "n/→ volgende",
            "p/← vorige",
            "+/- een minuut",
            "a voorstel aannemen",
            "q afronden",
        ):
            assert key in screen
        width, height = app.size
        for selector in ("#head", "#left", "#clock", "#proposal", "#next", "#keys"):
            region = app.query_one(selector).region
            assert region.area and region.right <= width and region.bottom <= height, selector
        assert app.query_one("#keys").region.bottom == height

    _hold(app, fits)


# ------------------------------------------------------------------ the command


def test_run_outside_a_terminal_is_a_usage_error_and_a_broken_recipe_shows_its_errors(tmp_path: Path) -> None:
    from methodengine.cli import main

    result = CliRunner().invoke(main, ["run", str(INCIDENT), "--meeting", "2", "--group", "6"])
    assert result.exit_code == 2
    assert "needs a terminal" in result.output and "methodengine cards" in result.output
    broken = tmp_path / "kapot.mth"
    broken.write_text("recipe: X\nduration: 10 minuts\n\nphase A (10 min)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:2:14: error: unknown unit `minuts`" in result.output and "^" in result.output


def test_a_series_is_held_one_meeting_at_a_time() -> None:
    from methodengine.cli import main

    result = CliRunner().invoke(main, ["run", str(INCIDENT), "--group", "6", "--lang", "en"])
    assert result.exit_code == 2 and "--meeting N" in result.output


def test_an_end_before_the_start_is_a_usage_error_and_one_past_midnight_is_not() -> None:
    from methodengine.cli import main

    result = CliRunner().invoke(main, ["run", str(INCIDENT), "--meeting", "2", "--start", "19:30", "--end", "19:00"])
    assert result.exit_code == 2 and "19:00 is not after the start, 19:30" in result.output
    app = make_app(INCIDENT, meeting=2, group=6, start=23 * 60 + 30, end=60)
    assert app.meeting.planned_end() - app.meeting.planned_start() == dt.timedelta(minutes=90)


def test_a_per_role_time_box_without_the_group_size_asks_for_it() -> None:
    import click

    with pytest.raises(click.UsageError) as info:
        make_app(INCIDENT, meeting=2)
    assert "--group N" in info.value.message and "Standpunten uitwisselen" in info.value.message
