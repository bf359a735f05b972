"""`schedule --log FILE`: the logs of meetings held, read back into the dated plan.

A trainer who ran meeting 2 with `methodengine run --log` expects the plan to
show it held, at the times it really ran (the calendar event updated, not
doubled), and an open coaching series to end where the checkpoint said stop.
A log that is broken or belongs elsewhere is refused with a clear message.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from _cli import base_recipe, run

from methodengine import load, resolve
from methodengine.planning.held import held_meetings, meetings_to_plan
from methodengine.run.log import Decision, PhaseRecord, RunLog, read_log, write_log

ROOT = Path(__file__).resolve().parent.parent
INCIDENT = base_recipe("incidentmethode")
PROGRESS = base_recipe("progressiegericht")


def a_log(
    recipe: Path,
    meeting: int,
    start: dt.datetime,
    *,
    minutes: float = 95,
    decisions: tuple[str, ...] = (),
    title: str | None = None,
) -> RunLog:
    """The log `methodengine run` writes for ``meeting``, begun at ``start``, 7 minutes after it was planned."""
    resolved = resolve(load(recipe)).recipe
    planned = start - dt.timedelta(minutes=7)
    roles = ("coachee", "coach")
    return RunLog(
        recipe_path=str(recipe),
        recipe_title=title or resolved.title,
        method=resolved.method,
        language="nl",
        meeting=meeting,
        meetings_of=resolved.trajectory.meetings if resolved.trajectory else None,
        group=5,
        planned_start=planned,
        start=start,
        planned_end=planned + dt.timedelta(minutes=90),
        end=start + dt.timedelta(minutes=minutes),
        finished=True,
        phases=(PhaseRecord(1, "eerste", "Eerste fase", None, planned, 10, 10, start, start, 0),),
        decisions=tuple(
            Decision(5, role, role.title(), said, start + dt.timedelta(minutes=minutes))  # type: ignore[arg-type]
            for role, said in zip(roles, decisions, strict=False)
        ),
    )


def logged(tmp_path: Path, name: str, log: RunLog) -> Path:
    path = tmp_path / name
    write_log(log, path)
    return path


# ------------------------------------------------------------------ a fixed series: meeting 2 held


def test_a_meeting_held_is_marked_held_with_its_real_times(tmp_path: Path) -> None:
    # Meeting 2 of the incident method falls on 22 February (6 weeks on); it began at 19:07 and ran 95 minutes.
    log = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    plain = run("schedule", INCIDENT, "--start", "2027-01-11", "--at", "19:00", "--lang", "en")
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--at", "19:00", "--lang", "en", "--log", log)
    assert result.exit_code == 0, result.output
    assert "Held from 19:07 to 20:42; planned to start at 19:00." in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("  2 "))
    assert "19:07-20:42" in row and "(held)" in row
    # The other meetings are as they were.
    assert [line for line in result.stdout.splitlines() if line.startswith("  3 ")] == [
        line for line in plain.stdout.splitlines() if line.startswith("  3 ")
    ]


def test_a_meeting_held_is_said_in_dutch_too(tmp_path: Path) -> None:
    log = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--at", "19:00", "--lang", "nl", "--log", log)
    assert result.exit_code == 0, result.output
    assert "Gehouden van 19:07 tot 20:42" in result.stdout


def test_the_calendar_event_of_a_held_meeting_keeps_its_uid_and_gets_the_real_times(tmp_path: Path) -> None:
    from icalendar import Calendar

    log = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    options = ("schedule", INCIDENT, "--start", "2027-01-11", "--at", "19:00", "--format", "ics", "--lang", "en")
    before = Calendar.from_ical(run(*options).stdout_bytes).walk("VEVENT")
    after = Calendar.from_ical(run(*options, "--log", log).stdout_bytes).walk("VEVENT")
    assert [str(e["uid"]) for e in after] == [str(e["uid"]) for e in before]
    second = after[1]
    assert second["dtstart"].dt == dt.datetime(2027, 2, 22, 19, 7)
    assert second["dtend"].dt == dt.datetime(2027, 2, 22, 20, 42)
    assert "held" in str(second["summary"]) and "Held from 19:07" in str(second["description"])
    assert before[2].to_ical() == after[2].to_ical()
    # A newer version of the event: a later stamp (when it ended) and a sequence, so a calendar takes it on import.
    assert second["dtstamp"].dt == dt.datetime(2027, 2, 22, 20, 42, tzinfo=dt.UTC) and int(second["sequence"]) == 1
    assert "sequence" not in before[1] and "sequence" not in after[2]


def test_the_json_plan_holds_what_the_log_says(tmp_path: Path) -> None:
    log = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--at", "19:00", "--format", "json", "--log", log)
    data = json.loads(result.stdout)
    held = data["meetings"][1]["held"]
    assert (held["start"], held["end"], held["planned_start"]) == (
        "2027-02-22T19:07",
        "2027-02-22T20:42",
        "2027-02-22T19:00",
    )
    assert held["log"] == str(log)
    assert data["meetings"][0]["held"] is None and data["stopped"] is None


# ------------------------------------------------------------------ an open series: the checkpoint decides


def test_an_open_series_plans_the_next_meeting_after_a_go_on(tmp_path: Path) -> None:
    log = logged(
        tmp_path,
        "g1.json",
        a_log(PROGRESS, 1, dt.datetime(2027, 1, 11, 10, 7), minutes=60, decisions=("continue", "continue")),
    )
    result = run(
        "schedule",
        PROGRESS,
        "--start",
        "2027-01-11",
        "--at",
        "10:00",
        "--every",
        "3 weeks",
        "--format",
        "json",
        "--log",
        log,
    )
    assert result.exit_code == 0, result.output
    meetings = [m for m in json.loads(result.stdout)["meetings"] if m["kind"] == "meeting"]
    assert [(m["number"], m["tentative"], m["held"] is not None) for m in meetings] == [
        (1, False, True),
        (2, False, False),
    ]


def test_an_open_series_ends_where_the_checkpoint_said_stop(tmp_path: Path) -> None:
    first = logged(
        tmp_path,
        "g1.json",
        a_log(PROGRESS, 1, dt.datetime(2027, 1, 11, 10, 7), minutes=60, decisions=("continue", "continue")),
    )
    second = logged(
        tmp_path,
        "g2.json",
        a_log(PROGRESS, 2, dt.datetime(2027, 2, 1, 10, 2), minutes=58, decisions=("stop", "continue")),
    )
    options = ("schedule", PROGRESS, "--start", "2027-01-11", "--at", "10:00", "--every", "3 weeks", "--meetings", "6")
    result = run(*options, "--format", "json", "--log", first, "--log", second)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["number"] for m in data["meetings"] if m["kind"] == "meeting"] == [1, 2]
    assert data["stopped"] == 2 and data["meetings_planned"] == 2
    assert data["meetings"][1]["held"]["ends_series"] and not data["meetings"][0]["held"]["ends_series"]
    text = run(*options, "--lang", "en", "--log", first, "--log", second).stdout
    assert "The checkpoint said stop: the series ends with this session." in text  # its word for a meeting
    assert "An open series that ended with session 2" in text


def test_a_stop_in_a_fixed_series_is_recorded_and_ends_nothing(tmp_path: Path) -> None:
    log = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7), decisions=("stop",)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--format", "json", "--log", log)
    data = json.loads(result.stdout)
    assert [m["number"] for m in data["meetings"]] == [1, 2, 3, 4, 5, 6] and data["stopped"] is None
    held = data["meetings"][1]["held"]
    assert held["stopped"] and not held["ends_series"]


def test_the_number_of_meetings_to_date_follows_the_logs() -> None:
    recipe = resolve(load(PROGRESS)).recipe
    go_on = a_log(PROGRESS, 1, dt.datetime(2027, 1, 11, 10, 7), decisions=("continue", "continue"))
    stop = a_log(PROGRESS, 2, dt.datetime(2027, 2, 1, 10, 7), decisions=("continue", "stop"))
    undecided = a_log(PROGRESS, 2, dt.datetime(2027, 2, 1, 10, 7))
    assert meetings_to_plan(recipe, held_meetings(recipe, [("a", go_on)]), None) == 2
    assert meetings_to_plan(recipe, held_meetings(recipe, [("a", go_on)]), 5) == 5
    assert meetings_to_plan(recipe, held_meetings(recipe, [("a", go_on), ("b", stop)]), 5) == 2
    assert meetings_to_plan(recipe, held_meetings(recipe, [("a", go_on), ("b", undecided)]), None) == 3


# ------------------------------------------------------------------ logs that do not fit


def test_a_log_of_another_recipe_is_refused_with_exit_1(tmp_path: Path) -> None:
    log = logged(tmp_path, "ander.json", a_log(PROGRESS, 1, dt.datetime(2027, 1, 11, 10, 7)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--lang", "en", "--log", log)
    assert result.exit_code == 1
    assert (
        f"the log {log} is of a meeting of `Progressiegericht coachgesprek`, not of `Incidentmethode`" in result.stderr
    )
    assert "hint:" in result.stderr and "Traceback" not in result.stderr


def test_a_log_of_a_meeting_the_series_does_not_have_is_refused(tmp_path: Path) -> None:
    log = logged(tmp_path, "b9.json", a_log(INCIDENT, 9, dt.datetime(2027, 8, 9, 19, 7)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--lang", "en", "--log", log)
    assert result.exit_code == 1
    assert "is of meeting 9, but `Incidentmethode` has 6 meetings" in result.stderr


def test_two_logs_of_one_meeting_are_refused(tmp_path: Path) -> None:
    one = logged(tmp_path, "a.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    other = logged(tmp_path, "b.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 9)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--lang", "en", "--log", one, "--log", other)
    assert result.exit_code == 1
    assert f"the logs {one} and {other} are both of meeting 2" in result.stderr


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "cannot read the log"),
        ("{ half", "the log is not valid JSON"),
        ('{"schema": "iets anders"}', "not a run log of methodengine"),
    ],
)
def test_a_log_that_cannot_be_read_is_a_usage_error(tmp_path: Path, content: str | None, said: str) -> None:
    path = tmp_path / "log.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--lang", "en", "--log", path)
    assert result.exit_code == 2
    assert said in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:") and result.stdout == ""


# ------------------------------------------------------------------ the "done when", end to end


def test_meeting_2_held_late_over_and_caught_up_is_read_back_by_schedule(tmp_path: Path) -> None:
    """Meeting 2 of the incident method, run from its first phase to its last in the app (a fake clock):
    begun 7 minutes late, the first phase over by 4, the catch-up accepted; its log read by `schedule`."""
    import asyncio

    from methodengine.commands.run import make_app

    now = [dt.datetime(2027, 2, 22, 19, 7)]

    def clock() -> dt.datetime:
        return now[0]

    def advance(minutes: float) -> None:
        now[0] += dt.timedelta(minutes=minutes)

    log = tmp_path / "bijeenkomst-2.json"
    app = make_app(INCIDENT, meeting=2, group=5, start=19 * 60, lang="nl", log=log, quiet=True, clock=clock)

    async def hold() -> None:
        meeting = app.meeting
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("space")
            advance(14)  # Terugkoppeling has 10 minutes
            await pilot.press("n")
            assert meeting.proposal() is not None
            await pilot.press("a")
            while not meeting.finished:
                step = meeting.step
                assert step is not None
                advance(meeting.allotted(step.index) / (step.turns or 1))
                await pilot.press("n")
            await pilot.press("q", "enter")

    asyncio.run(hold())
    written = read_log(log)
    assert written.start == dt.datetime(2027, 2, 22, 19, 7) and written.finished
    assert written.phases[0].minutes == 14 and written.catch_ups

    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--at", "19:00", "--format", "json", "--log", log)
    assert result.exit_code == 0, result.output
    second = json.loads(result.stdout)["meetings"][1]
    assert second["held"]["start"] == "2027-02-22T19:07"
    assert second["start"] == "2027-02-22T19:07" and second["end"] == written.end.isoformat(timespec="minutes")


def test_the_plan_is_never_written_over_a_log_it_reads(tmp_path: Path) -> None:
    log = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    before = log.read_bytes()
    result = run(
        "schedule", INCIDENT, "--start", "2027-01-11", "--lang", "en", "--log", log, "-o", tmp_path / "b2.json"
    )
    assert result.exit_code == 2
    assert "is the run log" in result.stderr and "choose another output file" in result.stderr
    assert log.read_bytes() == before


def test_the_log_of_a_meeting_never_started_marks_nothing_held(tmp_path: Path) -> None:
    empty = attrs.evolve(a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)), phases=())
    log = logged(tmp_path, "leeg.json", empty)
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--lang", "en", "--log", log)
    assert result.exit_code == 1
    assert "holds no phase held: meeting 2 was never started" in result.stderr


def test_logs_that_each_fit_but_disagree_together_are_warned_about(tmp_path: Path) -> None:
    second = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    third = logged(tmp_path, "b3.json", a_log(INCIDENT, 3, dt.datetime(2027, 2, 22, 21, 0)))  # the same evening
    first = logged(tmp_path, "b1.json", a_log(INCIDENT, 1, dt.datetime(2027, 3, 1, 19, 0)))  # after meeting 2
    result = run(
        "schedule", INCIDENT, "--start", "2027-01-11", "--lang", "en", "--log", first, "--log", second, "--log", third
    )
    assert result.exit_code == 0, result.output
    assert f"warning: the logs {second} and {third} are of meetings 2 and 3, both held on 2027-02-22" in result.stderr
    assert f"warning: meeting 2 ({second}) was held on 2027-02-22, before meeting 1 on 2027-03-01" in result.stderr
    assert "Held from" in result.stdout  # the plan is made all the same


def test_logs_in_order_give_no_warning(tmp_path: Path) -> None:
    first = logged(tmp_path, "b1.json", a_log(INCIDENT, 1, dt.datetime(2027, 1, 11, 19, 7)))
    second = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 22, 19, 7)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--log", first, "--log", second)
    assert result.exit_code == 0 and "warning" not in result.stderr and "waarschuwing" not in result.stderr


def test_a_meeting_held_on_a_saturday_is_not_warned_about(tmp_path: Path) -> None:
    # Held on Saturday 20 February instead of Monday 22 February: that is what happened, not a plan to question.
    log = logged(tmp_path, "b2.json", a_log(INCIDENT, 2, dt.datetime(2027, 2, 20, 10, 0)))
    result = run("schedule", INCIDENT, "--start", "2027-01-11", "--at", "19:00", "--lang", "en", "--log", log)
    assert result.exit_code == 0, result.output
    assert "Saturday 20 February 2027" in result.stdout
    assert "weekend" not in result.stderr
    saturdays = run("schedule", INCIDENT, "--start", "2027-01-09", "--at", "19:00", "--lang", "en")
    assert "weekend" in saturdays.stderr  # a plan that starts on a Saturday is warned about
