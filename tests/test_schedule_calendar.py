"""Series that keep to the calendar: the weekday rule of a monthly cadence, moves that keep the weekday,
weekend warnings, and calendar files whose events survive a move (issue 11).

The recipes are written here, so that the dates do not follow changes to the bundled recipes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from _cli import run
from hypothesis import given, settings
from hypothesis import strategies as st

from methodengine import parse, resolve
from methodengine.model import Recipe
from methodengine.output.schedule.render import render_text
from methodengine.output.schedule.words import Words
from methodengine.planning.calendar_rules import CalendarRules, Closure, month_dates, months_from, place
from methodengine.planning.dated_plan import dated_plan
from methodengine.planning.public_holidays import HolidayCalendar

icalendar = pytest.importorskip("icalendar")

MONDAY = dt.date(2027, 1, 11)  # the 2nd Monday of January 2027


def monthly(meetings: int = 10, every: str = "1 month", extra: str = "") -> str:
    return (
        "recipe: Maandgroep\nduration: 120 min\nphase Gesprek (120 min)\n"
        f"trajectory\n  meetings: {meetings}\n  every: {every}\n{extra}"
    )


def recipe_of(text: str) -> Recipe:
    return resolve(parse(text, "maand.mth")).recipe


def write(tmp_path: Path, text: str, name: str = "maand.mth") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def nth(day: dt.date) -> int:
    """The place of ``day`` among its month's weekdays, from 1; -1 when it is the last of them."""
    return -1 if (day + dt.timedelta(weeks=1)).month != day.month else (day.day - 1) // 7 + 1


# ------------------------------------------------------------------ the weekday rule


def test_a_monthly_series_from_the_second_monday_meets_every_second_monday() -> None:
    plan = dated_plan(recipe_of(monthly()), MONDAY)
    dates = [m.date for m in plan.series]
    assert dates[:4] == [dt.date(2027, 1, 11), dt.date(2027, 2, 8), dt.date(2027, 3, 8), dt.date(2027, 4, 12)]
    assert {d.weekday() for d in dates} == {0}
    assert all((d.day - 1) // 7 == 1 for d in dates)  # each one the 2nd Monday of its month
    assert "De bijeenkomsten vallen op de tweede maandag van de maand." in render_text(plan, Words("nl"))


def test_a_series_from_a_fifth_week_meets_on_the_last_weekday() -> None:
    # Friday 29 January 2027 is the 5th Friday: February has four, so "the last Friday" is the rule.
    plan = dated_plan(recipe_of(monthly(4)), dt.date(2027, 1, 29))
    assert [m.date for m in plan.series] == [
        dt.date(2027, 1, 29),
        dt.date(2027, 2, 26),
        dt.date(2027, 3, 26),
        dt.date(2027, 4, 30),
    ]
    assert "Meetings fall on the last Friday of the month." in render_text(plan, Words("en"))


def test_a_fourth_weekday_stays_the_fourth_though_it_is_also_the_last() -> None:
    # Monday 25 January 2027 is the 4th and the last Monday of January; the rule is "the 4th Monday".
    plan = dated_plan(recipe_of(monthly(3)), dt.date(2027, 1, 25))
    assert [m.date for m in plan.series] == [dt.date(2027, 1, 25), dt.date(2027, 2, 22), dt.date(2027, 3, 22)]


def test_every_two_months_keeps_the_place_too() -> None:
    plan = dated_plan(recipe_of(monthly(4, "2 months")), MONDAY)
    assert [m.date for m in plan.series] == [
        dt.date(2027, 1, 11),
        dt.date(2027, 3, 8),
        dt.date(2027, 5, 10),
        dt.date(2027, 7, 12),
    ]


def test_monthly_date_keeps_the_day_of_the_month_as_before() -> None:
    plan = dated_plan(recipe_of(monthly(4)), MONDAY, calendar=CalendarRules(monthly="date"))
    assert [m.date.day for m in plan.series] == [11, 11, 11, 11]
    assert "The meetings fall" not in render_text(plan, Words("en"))
    assert "Meetings fall on day 11 of the month." in render_text(plan, Words("en"))


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(dt.date(1990, 1, 1), dt.date(2200, 12, 31)),
    months=st.integers(1, 6),
    count=st.integers(1, 30),
)
def test_the_weekday_rule_keeps_the_weekday_and_the_place_in_the_month(start: dt.date, months: int, count: int) -> None:
    dates = list(itertools.islice(month_dates(start, months), count))
    assert dates[0] == start and len(dates) == count
    assert all(a < b for a, b in itertools.pairwise(dates))  # strictly increasing
    first_place = (start.day - 1) // 7 + 1
    for k, day in enumerate(dates):
        assert day.weekday() == start.weekday()
        assert (day.year * 12 + day.month) - (start.year * 12 + start.month) == k * months
        if first_place == 5:
            assert nth(day) == -1  # a start in the fifth week: always the last of its weekday
        else:
            assert (day.day - 1) // 7 + 1 == first_place
        assert months_from(start, k * months) == day  # one date by the same rule, counted from the start


def test_the_month_rules_are_the_options_and_nothing_else() -> None:
    from methodengine.commands._calendar_options import MONTHLY_CHOICES
    from methodengine.planning.calendar_rules import MONTHLY_RULES

    assert MONTHLY_CHOICES == MONTHLY_RULES == ("weekday", "date")
    with pytest.raises(ValueError, match="monthly"):
        CalendarRules(monthly="weekly")  # type: ignore[arg-type]


def test_place_names_the_fifth_week_the_last() -> None:
    assert str(place(dt.date(2027, 1, 11))) == "MO(+2)"
    assert str(place(dt.date(2027, 1, 29))) == "FR(-1)"


# ------------------------------------------------------------------ moves under the weekday rule


def test_a_moved_monthly_meeting_moves_alone_and_the_rest_keep_their_place() -> None:
    # 12 April 2027 (2nd Monday) skipped: that meeting goes to 19 April, May is the 2nd Monday again.
    plan = dated_plan(recipe_of(monthly(6)), MONDAY, skip=[dt.date(2027, 4, 12)])
    dates = [m.date for m in plan.series]
    assert dates[3] == dt.date(2027, 4, 19) and plan.series[3].moved_from == dt.date(2027, 4, 12)
    assert dates[4:] == [dt.date(2027, 5, 10), dt.date(2027, 6, 14)]
    assert [m.number for m in plan.series if m.rescheduled] == [4]  # the others are on the rule's dates


def test_a_summer_break_moves_the_series_on_by_whole_months() -> None:
    # July and August closed: the July meeting goes to the first Monday after the break, 23 August; the
    # August place (9 August) has gone by, so the series goes on on the 2nd Monday of September.
    rules = CalendarRules(closed=[Closure(dt.date(2027, 7, 10), dt.date(2027, 8, 22), "file", "zomervakantie", 1)])
    plan = dated_plan(recipe_of(monthly(9)), MONDAY, calendar=rules)
    dates = [m.date for m in plan.series]
    assert dates[6] == dt.date(2027, 8, 23)
    assert plan.series[6].moved_from == dt.date(2027, 7, 12)
    assert dates[7:] == [dt.date(2027, 9, 13), dt.date(2027, 10, 11)]
    assert "Verschoven van maandag 12 juli 2027: zomervakantie." in render_text(plan, Words("nl"))


@settings(max_examples=120, deadline=None)
@given(
    start=st.dates(dt.date(2020, 1, 1), dt.date(2060, 12, 31)),
    every=st.sampled_from(["1 month", "2 months", "1 week", "3 weeks", "10 days"]),
    skips=st.lists(st.integers(0, 400), max_size=25),
    holidays=st.booleans(),
)
def test_a_moved_meeting_never_lands_on_a_closed_day_and_the_series_keeps_its_weekday(
    start: dt.date, every: str, skips: list[int], holidays: bool
) -> None:
    from methodengine.planning.public_holidays import HolidayCalendar

    rules = CalendarRules(holidays=HolidayCalendar("NL") if holidays else None)
    skipped = [start + dt.timedelta(days=n) for n in skips]
    plan = dated_plan(recipe_of(monthly(12, every)), start, skip=skipped, calendar=rules)
    dates = [m.date for m in plan.series]
    assert all(a < b for a, b in itertools.pairwise(dates))
    # No two meetings come closer than the cadence; a monthly one's never closer than half of it in whole weeks.
    closest = {"1 month": 14, "2 months": 28, "1 week": 7, "3 weeks": 21, "10 days": 10}[every]
    assert all((b - a).days >= closest for a, b in itertools.pairwise(dates))
    for meeting in plan.meetings:
        assert plan.calendar.closure(meeting.date, frozenset(skipped)) is None
    if not every.endswith("days"):
        assert {d.weekday() for d in dates} == {start.weekday()}
    if every.endswith("month") or every.endswith("months"):
        for meeting in plan.series:
            if meeting.moved_from is None:
                assert (meeting.date.day - 1) // 7 == (start.day - 1) // 7 or nth(meeting.date) == -1
            else:
                assert plan.calendar.closure(meeting.moved_from, frozenset(skipped)) is not None


# ------------------------------------------------------------------ extra meetings keep the weekday


FOLLOW_UPS = """\
recipe: Coaching
duration: 60 min
phase Gesprek (60 min)
trajectory
  meetings: 8
  every: 3 weeks
  meeting followup: Follow-upgesprek
    at: 3 months after last meeting
    count: 1-2
    every: 3 months
"""


def test_follow_ups_months_after_the_last_meeting_keep_its_weekday() -> None:
    plan = dated_plan(recipe_of(FOLLOW_UPS), MONDAY)
    last = plan.series[-1].date
    assert last == dt.date(2027, 6, 7)  # the 1st Monday of June
    follow_ups = [m.date for m in plan.meetings if m.kind == "extra"]
    assert follow_ups == [dt.date(2027, 9, 6), dt.date(2027, 12, 6)]  # the 1st Monday, 3 and 6 months on
    same_date = dated_plan(recipe_of(FOLLOW_UPS), MONDAY, calendar=CalendarRules(monthly="date"))
    assert [m.date for m in same_date.meetings if m.kind == "extra"] == [dt.date(2027, 9, 7), dt.date(2027, 12, 7)]


INTAKE = """\
recipe: Coaching
duration: 60 min
phase Gesprek (60 min)
trajectory
  meetings: 4
  every: 3 weeks
  meeting intake: Intake
    at: 1 week before meeting 1
  meeting nazorg: Nazorg
    at: 1 week after last meeting
"""


def test_an_extra_meeting_before_its_meeting_moves_earlier_and_one_after_it_later() -> None:
    # Easter Monday 29 March 2027 is the intake's day, a week before the first conversation on 5 April.
    plan = dated_plan(recipe_of(INTAKE), "2027-04-05", calendar=CalendarRules(holidays=HolidayCalendar("NL")))
    by_key = {m.key: m for m in plan.meetings}
    assert by_key["intake"].moved_from == dt.date(2027, 3, 29) and by_key["intake"].date == dt.date(2027, 3, 22)
    assert by_key["intake"].date < by_key["meeting-1"].date
    # A week after the last conversation (7 June 2027) is 14 June; skipped, the follow-up goes on to 21 June.
    later = dated_plan(recipe_of(INTAKE), "2027-04-05", skip=["2027-06-14"])
    assert {m.key: m.date for m in later.meetings}["nazorg"] == dt.date(2027, 6, 21)


# ------------------------------------------------------------------ weekends


def test_meetings_on_a_weekend_are_warned_about_in_the_message_language(tmp_path: Path) -> None:
    path = write(tmp_path, monthly())
    result = run("schedule", path, "--start", "2027-01-11", "--monthly", "date", "--lang", "nl")
    assert result.exit_code == 0
    assert "11 april 2027" in result.stdout  # the plan is still made
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        f"{path}: warning: Bijeenkomst 4 van 10 valt in het weekend: zondag 11 april 2027",
        f"{path}: warning: Bijeenkomst 7 van 10 valt in het weekend: zondag 11 juli 2027",
        f"{path}: warning: Bijeenkomst 9 van 10 valt in het weekend: zaterdag 11 september 2027",
    ]
    assert "  tip: --monthly weekday houdt elke bijeenkomst op de weekdag van de begindatum" in result.stderr
    assert run("schedule", path, "--start", "2027-01-11", "--lang", "nl").stderr == ""  # the default rule


def test_a_series_that_always_meets_on_saturday_gets_one_warning(tmp_path: Path) -> None:
    path = write(tmp_path, monthly(6, "2 weeks"))
    result = run("schedule", path, "--start", "2027-01-09", "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{path}: warning: every meeting of the series falls on a Saturday, as the start date 2027-01-09 does",
        "  hint: if the group does not meet at weekends, choose another --start",
    ]


def test_a_cadence_in_days_is_not_warned_about(tmp_path: Path) -> None:
    path = write(tmp_path, monthly(6, "10 days"))
    result = run("schedule", path, "--start", "2027-01-11", "--lang", "en")
    assert result.exit_code == 0 and any(m.date.weekday() >= 5 for m in _plan(path, "10 days").series)
    assert result.stderr == ""


def _plan(path: Path, every: str):  # type: ignore[no-untyped-def]
    return dated_plan(recipe_of(path.read_text("utf-8")), MONDAY, every=every)


def test_cards_warn_about_weekend_dates_as_schedule_does(tmp_path: Path) -> None:
    path = write(tmp_path, monthly())
    result = run("cards", path, "--start-date", "2027-01-11", "--monthly", "date", "--only", "trajectory")
    assert result.exit_code == 0
    assert result.stderr.count(": warning: ") == 3 and "Sunday 11 April 2027" in result.stdout


# ------------------------------------------------------------------ calendar files


def test_moved_meetings_keep_their_uids_and_a_reexport_is_byte_identical(tmp_path: Path) -> None:
    path = write(tmp_path, monthly(10, "4 weeks"))
    args = ("schedule", path, "--start", "2027-03-30", "--at", "19:00", "--format", "ics")
    plain = run(*args).stdout_bytes
    with_holidays = run(*args, "--holidays", "NL").stdout_bytes
    assert run(*args, "--holidays", "NL").stdout_bytes == with_holidays  # the same bytes when exported again
    before = {str(e["UID"]): e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(plain).walk("VEVENT")}
    after = {str(e["UID"]): e.decoded("DTSTART") for e in icalendar.Calendar.from_ical(with_holidays).walk("VEVENT")}
    assert set(before) == set(after) and len(after) == 10
    # 27 April 2027 is King's Day: meeting 2 moves a week, and the series after it moves along.
    (first,) = [uid for uid in after if uid.startswith("meeting-1-")]
    (second,) = [uid for uid in after if uid.startswith("meeting-2-")]
    assert after[first] == before[first] == dt.datetime(2027, 3, 30, 19, 0)
    assert before[second] == dt.datetime(2027, 4, 27, 19, 0) and after[second] == dt.datetime(2027, 5, 4, 19, 0)
    assert all(after[uid] - before[uid] == dt.timedelta(weeks=1) for uid in after if uid != first)
    # Every event a closed day rescheduled (meeting 2 moved, the rest moved along) is a newer version of itself
    # (RFC 5546: a higher SEQUENCE), so an app that takes only newer versions takes the new dates.
    events = icalendar.Calendar.from_ical(with_holidays).walk("VEVENT")
    sequence = {str(e["UID"]): int(e.get("SEQUENCE", 0)) for e in events}
    assert sequence[first] == 0 and all(sequence[uid] == 1 for uid in sequence if uid != first)
    assert all("SEQUENCE" not in e for e in icalendar.Calendar.from_ical(plain).walk("VEVENT"))
