"""The dated plan of a trajectory: cadence, month ends, skipped dates, extra meetings, renderings."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import attrs
import pytest
from _cli import base_recipe

from methodengine import load, parse, resolve, schedule
from methodengine.model import Period, Range, Recipe
from methodengine.output.schedule.ics import render_ics
from methodengine.output.schedule.render import render_json, render_markdown, render_text
from methodengine.output.schedule.words import Words
from methodengine.planning import dated_plan as plan_module
from methodengine.planning.calendar_rules import CalendarRules
from methodengine.schedule import (
    MAX_MEETINGS,
    DatedPlan,
    ScheduleError,
    dated_plan,
    parse_date,
    parse_dates,
    parse_period,
    parse_time,
)

icalendar = pytest.importorskip("icalendar")

ROOT = Path(__file__).resolve().parents[1]
RECIPES = ROOT / "recipes"
CORE = ["backstagegroep", "incidentmethode", "inspiratiegroep", "jobcoaching", "progressiegericht"]
WITH_TRAJECTORY = sorted(
    p.stem
    for p in RECIPES.glob("*.mth")
    if "\ntraject" in p.read_text("utf-8") or "\ntrajectory" in p.read_text("utf-8")
)
"""Every bundled recipe with a trajectory (methods are being added): each gets every test below."""
MONDAY = dt.date(2027, 1, 11)
EVENING = dt.time(19, 0)


def recipe(name: str) -> Recipe:
    """The five built-in methods as their base recipes give them (their examples change); any other as bundled."""
    return resolve(load(base_recipe(name) if name in CORE else RECIPES / f"{name}.mth")).recipe


def from_text(text: str) -> Recipe:
    return resolve(parse(text, "test.mth")).recipe


def flat(text: str) -> str:
    """Text with its line wrapping undone, to find a sentence wherever it was wrapped."""
    return " ".join(text.split())


def series_dates(plan: DatedPlan) -> list[dt.date]:
    return [m.date for m in plan.series]


def days(*numbers: int) -> list[dt.date]:
    return [MONDAY + dt.timedelta(days=n) for n in numbers]


# ------------------------------------------------------------------ every bundled recipe


def test_every_bundled_recipe_with_a_trajectory_is_covered() -> None:
    bundled = sorted(p.stem for p in RECIPES.glob("*.mth") if recipe(p.stem).trajectory is not None)
    assert bundled == WITH_TRAJECTORY
    assert set(CORE) <= set(bundled)


@pytest.mark.parametrize("name", WITH_TRAJECTORY)
def test_a_plan_for_every_bundled_recipe(name: str) -> None:
    r = recipe(name)
    plan = dated_plan(r, MONDAY, at=EVENING)
    assert r.trajectory is not None
    assert len(plan.series) == (r.trajectory.meetings or 1)
    assert plan.series[0].date == MONDAY
    assert [m.number for m in plan.series] == list(range(1, len(plan.series) + 1))
    dates = [m.date for m in plan.meetings]
    assert dates == sorted(dates)
    assert len({m.uid for m in plan.meetings}) == len(plan.meetings)
    for meeting in plan.meetings:
        assert meeting.start is not None and meeting.end is not None
        assert meeting.end - meeting.start == dt.timedelta(minutes=meeting.minutes)


@pytest.mark.parametrize("name", WITH_TRAJECTORY)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_text_fits_80_columns_and_every_format_renders(name: str, language: str) -> None:
    plan = dated_plan(recipe(name), MONDAY, at=EVENING, skip=[MONDAY + dt.timedelta(weeks=6)])
    words = Words(language)
    text = render_text(plan, words)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert text.endswith("\n") and not text.endswith("\n\n")
    date = {"nl": "maandag 11 januari 2027", "en": "Monday 11 January 2027"}[language]
    assert date in text
    assert render_markdown(plan, words).count("\n| ") == len(plan.meetings) + 2  # with the header and its rule
    data = json.loads(render_json(plan, words))
    assert len(data["meetings"]) == len(plan.meetings)
    assert render_ics(plan, words) == render_ics(plan, Words(language))


@pytest.mark.parametrize("name", WITH_TRAJECTORY)
def test_the_dutch_plan_has_no_english_labels(name: str) -> None:
    plan = dated_plan(recipe(name), MONDAY, at=EVENING, meetings=3 if name == "progressiegericht" else None,
                      every="2 weeks" if name == "progressiegericht" else None)  # fmt: skip
    text = render_text(plan, Words("nl")) + render_markdown(plan, Words("nl"))
    text = text.replace("--every", "").replace("--meetings", "")
    for english in ("meeting", "Meeting", "every", "Monday", "January", "Stage", "optional", "tentative", " from "):
        assert english not in text


def test_without_a_start_time_the_plan_says_how_to_give_one() -> None:
    plan = dated_plan(recipe("incidentmethode"), MONDAY)
    assert "Elke bijeenkomst duurt 1,5 uur; geef de begintijd op met --at." in flat(render_text(plan, Words("nl")))
    assert "Each meeting lasts 1.5 hours; give the start time with --at." in flat(render_text(plan, Words("en")))


def test_the_dutch_catalog_translates_every_label() -> None:
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    from methodengine.i18n import catalog_path

    package = ROOT / "src" / "methodengine" / "output" / "schedule"
    used = {
        m[2] if isinstance(m[2], str) else m[2][0]
        for m in extract_from_dir(str(package), keywords={"_": None, "_plural": (1, 2), "ngettext": (1, 2)})
    }
    with catalog_path("nl", "schedule").open("rb") as f:
        catalog = read_po(f)
    with catalog_path("nl", "common").open("rb") as f:  # the phrases the schedule shares with the cards
        common = read_po(f)
    translated = {m.id if isinstance(m.id, str) else m.id[0] for m in [*catalog, *common] if m.id and m.string}
    assert len(used) > 40 and used - translated == set()
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), message.id


# ------------------------------------------------------------------ cadence


def test_a_range_is_planned_at_its_lower_bound_and_says_so() -> None:
    plan = dated_plan(recipe("backstagegroep"), MONDAY)
    assert str(plan.every) == "2 weeks"
    assert plan.every_source == "lower-bound"
    assert series_dates(plan) == days(0, 14, 28, 42, 56, 70, 84, 98)
    assert "this plan takes the shortest, 2 weeks" in flat(render_text(plan, Words("en")))
    assert "deze planning neemt de kortste tussenpoos, 2 weken" in flat(render_text(plan, Words("nl")))


@pytest.mark.parametrize("every", ["3 weeks", "4 weken", "14 days", "2 weeks"])
def test_a_cadence_inside_the_range(every: str) -> None:
    plan = dated_plan(recipe("backstagegroep"), MONDAY, every=every)
    step = plan.series[1].date - plan.series[0].date
    assert step == dt.timedelta(days=parse_period(every).days()[0])
    assert plan.every_source == "option"


@pytest.mark.parametrize(
    ("name", "every"),
    [
        ("backstagegroep", "5 weeks"),
        ("backstagegroep", "1 week"),
        ("backstagegroep", "1 month"),
        ("incidentmethode", "9 weeks"),
        ("incidentmethode", "2 months"),
        ("inspiratiegroep", "4 weeks"),
        ("jobcoaching", "2 weeks"),
    ],
)
def test_a_cadence_outside_the_range_is_refused(name: str, every: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        dated_plan(recipe(name), MONDAY, every=every)
    assert not caught.value.usage
    assert "outside the recipe's cadence" in caught.value.message


def test_incident_method_every_six_to_eight_weeks() -> None:
    assert series_dates(dated_plan(recipe("incidentmethode"), MONDAY)) == days(*(42 * n for n in range(6)))
    assert series_dates(dated_plan(recipe("incidentmethode"), MONDAY, every="8 weeks"))[-1] == days(280)[0]


# ------------------------------------------------------------------ month ends (--monthly date)

SAME_DATE = CalendarRules(monthly="date")
"""Today's same-date rule for a monthly cadence, as ``--monthly date`` asks for it."""


def test_monthly_keeps_the_day_of_the_month_where_it_exists() -> None:
    plan = dated_plan(recipe("inspiratiegroep"), dt.date(2027, 1, 31), calendar=SAME_DATE)
    expected = ["01-31", "02-28", "03-31", "04-30", "05-31", "06-30", "07-31", "08-31", "09-30", "10-31"]
    assert [d.isoformat()[5:] for d in series_dates(plan)] == expected


def test_monthly_in_a_leap_year() -> None:
    plan = dated_plan(recipe("inspiratiegroep"), dt.date(2028, 1, 31), calendar=SAME_DATE)
    assert series_dates(plan)[:3] == [dt.date(2028, 1, 31), dt.date(2028, 2, 29), dt.date(2028, 3, 31)]


def test_months_are_counted_from_the_start_never_chained() -> None:
    # Chained, 29 January would become 28 February and then stay on the 28th.
    plan = dated_plan(recipe("inspiratiegroep"), dt.date(2027, 1, 29), calendar=SAME_DATE)
    assert series_dates(plan)[:3] == [dt.date(2027, 1, 29), dt.date(2027, 2, 28), dt.date(2027, 3, 29)]


def test_follow_ups_months_after_the_last_meeting_at_a_month_end() -> None:
    # 8 meetings every 3 weeks from 2027-01-04: the last on 2027-05-31; follow-ups 3 and 6 months later.
    plan = dated_plan(recipe("jobcoaching"), dt.date(2027, 1, 4), calendar=SAME_DATE)
    assert plan.series[-1].date == dt.date(2027, 5, 31)
    follow_ups = [m for m in plan.meetings if m.extra and m.extra.id == "followup"]
    assert [m.date for m in follow_ups] == [dt.date(2027, 8, 31), dt.date(2027, 11, 30)]


# ------------------------------------------------------------------ skipped dates


def test_a_skipped_date_moves_the_meeting_a_week_and_the_rest_follows() -> None:
    third = MONDAY + dt.timedelta(weeks=4)
    plan = dated_plan(recipe("backstagegroep"), MONDAY, skip=[third])
    assert series_dates(plan) == days(0, 14, 35, 49, 63, 77, 91, 105)
    moved = plan.series[2]
    assert moved.moved_from == third
    assert moved.date.weekday() == third.weekday()
    assert [m.number for m in plan.series if m.moved_from] == [3]
    intervals = {(b - a).days for a, b in zip(series_dates(plan), series_dates(plan)[1:], strict=False)}
    assert intervals == {14, 21}
    assert "Moved from Monday 8 February 2027" in flat(render_text(plan, Words("en")))
    assert "Verschoven van maandag 8 februari 2027" in flat(render_text(plan, Words("nl")))


def test_skipped_weeks_in_a_row() -> None:
    third = MONDAY + dt.timedelta(weeks=4)
    plan = dated_plan(recipe("backstagegroep"), MONDAY, skip=[third, third + dt.timedelta(weeks=1)])
    assert plan.series[2].date == third + dt.timedelta(weeks=2)
    assert plan.series[2].moved_from == third
    assert plan.unused_skips == ()


def test_skipping_the_start_date() -> None:
    plan = dated_plan(recipe("incidentmethode"), MONDAY, skip=[MONDAY])
    assert plan.series[0].date == MONDAY + dt.timedelta(weeks=1)
    assert plan.series[0].moved_from == MONDAY


def test_a_skipped_date_in_a_monthly_series() -> None:
    plan = dated_plan(recipe("inspiratiegroep"), dt.date(2027, 1, 31), skip=[dt.date(2027, 2, 28)], calendar=SAME_DATE)
    assert series_dates(plan)[:3] == [dt.date(2027, 1, 31), dt.date(2027, 3, 7), dt.date(2027, 4, 7)]
    assert plan.series[1].date.weekday() == dt.date(2027, 2, 28).weekday()


def test_a_daily_cadence_moves_to_the_next_day() -> None:
    r = from_text(
        "recipe: Dagelijks\nduration: 30 min\nphase Stand-up (30 min)\ntrajectory\n  meetings: 3\n  every: 1 day\n"
    )
    plan = dated_plan(r, MONDAY, skip=[MONDAY + dt.timedelta(days=1)])
    assert series_dates(plan) == days(0, 2, 3)


def test_skipped_dates_no_meeting_falls_on_are_reported() -> None:
    unused = MONDAY + dt.timedelta(days=3)
    plan = dated_plan(recipe("backstagegroep"), MONDAY, skip=[unused])
    assert plan.unused_skips == (unused,)
    assert series_dates(plan) == series_dates(dated_plan(recipe("backstagegroep"), MONDAY))
    assert "No meeting falls on Thursday 14 January 2027" in flat(render_text(plan, Words("en")))


def test_an_extra_meeting_on_a_skipped_date_moves_without_moving_the_series() -> None:
    intake = MONDAY - dt.timedelta(weeks=1)
    plain = dated_plan(recipe("jobcoaching"), MONDAY)
    plan = dated_plan(recipe("jobcoaching"), MONDAY, skip=[intake])
    moved = next(m for m in plan.meetings if m.key == "intake")
    assert moved.moved_from == intake
    assert moved.date == intake - dt.timedelta(weeks=1)  # a week earlier: it stays before meeting 1
    assert plan.meetings[0] is moved
    assert series_dates(plan) == series_dates(plain)


# ------------------------------------------------------------------ what is special about a meeting


def test_the_backstage_group_specials() -> None:
    plan = dated_plan(recipe("backstagegroep"), MONDAY)
    first, second = plan.series[0], plan.series[1]
    assert [(r.title, r.only) for r in first.runs] == [("Kennismaking", True)]
    assert [(r.title, r.last) for r in second.runs] == [("Terugkoppeling", None)]
    assert all(not m.runs for m in plan.series[2:])
    assert [m.number for m in plan.series if m.last] == [8]
    text = flat(render_text(plan, Words("en")))
    assert "Only in this meeting: Kennismaking." in text
    assert "From this meeting on: Terugkoppeling." in text
    assert "The last meeting of the series." in text


def test_stages_and_their_starts() -> None:
    plan = dated_plan(recipe("inspiratiegroep"), MONDAY)
    assert [m.stage_number for m in plan.series] == [1, 1, 1, 2, 2, 2, 2, 3, 3, 3]
    assert [m.number for m in plan.series if m.stage_start] == [1, 4, 8]
    text = flat(render_text(plan, Words("nl")))
    assert "Etappe 2 van 3 begint: Nieuwe stappen zetten." in text
    assert "Focus: Ieder gaat aan de slag met nieuwe stappen." in text


def test_a_when_that_covers_some_meetings() -> None:
    r = from_text(
        "recipe: Reeks\nduration: 60 min\n"
        "phase Start (10 min)\n  when: meetings 1-2\n"
        "phase Slot (10 min)\n  when: last meeting\n"
        "phase Kern (40 min)\n"
        "trajectory\n  meetings: 4\n  every: 1 week\n"
    )
    plan = dated_plan(r, MONDAY)
    assert [(r.title, r.first, r.last) for r in plan.series[0].runs] == [("Start", 1, 2)]
    assert [(r.title, r.only) for r in plan.series[3].runs] == [("Slot", True)]
    text = flat(render_text(plan, Words("en")))
    assert "In meetings 1-2: Start." in text
    assert "Only in this meeting: Slot." in text
    assert [line.title for line in plan.series[3].agenda] == ["Slot", "Kern"]


def test_job_coaching_extra_meetings_in_their_places() -> None:
    plan = dated_plan(recipe("jobcoaching"), MONDAY, at=dt.time(10, 0))
    keys = [m.key for m in plan.meetings]
    assert keys[:3] == ["intake", "meeting-1", "assessment"]
    assert keys[-2:] == ["followup-1", "followup-2"]
    by_key = {m.key: m for m in plan.meetings}
    last = plan.series[-1].date
    assert by_key["intake"].date == MONDAY - dt.timedelta(weeks=1)
    assert by_key["assessment"].date == MONDAY + dt.timedelta(weeks=1)
    assert by_key["assessment"].optional and by_key["assessment"].minutes == 180
    # 3 months after the last conversation (Monday 7 June 2027, the 1st Monday): the 1st Monday of September.
    assert last == dt.date(2027, 6, 7)
    assert by_key["followup-1"].date == dt.date(2027, 9, 6)
    assert by_key["followup-2"].date == dt.date(2027, 12, 6)
    assert not by_key["followup-1"].optional
    assert by_key["followup-2"].optional  # `count: 1-2`: the second only if needed
    text = flat(render_text(plan, Words("nl")))
    assert "Assessment (optioneel)" in text
    assert "Follow-upgesprek (2 van 2, optioneel)" in text
    assert "3 maanden na de laatste bijeenkomst." in text


# ------------------------------------------------------------------ open trajectories


def test_an_open_trajectory_plans_the_first_meeting_and_states_the_checkpoint_rule() -> None:
    plan = dated_plan(recipe("progressiegericht"), MONDAY)
    assert plan.open and not plan.tentative
    assert len(plan.meetings) == 1 and plan.every is None
    text = flat(render_text(plan, Words("en")))
    assert "only the first meeting is planned" in text
    assert "Is een volgend gesprek zinvol?" in text
    assert "Cliënt and Coach each decide" in text
    assert "--meetings" in text


def test_a_checkpoint_everyone_decides_is_said_with_one_word_for_all() -> None:
    plan = dated_plan(
        from_text(
            "recept: Proef\ntaal: nl\ngroep: 4-6\ntraject\n  bijeenkomsten: open\nrol deelnemer: Deelnemer\n"
            "fase Start (10 min)\n  spreekt: iedereen\nbeslismoment Verder? (5 min)\n  beslist: iedereen\n"
        ),
        MONDAY,
    )
    dutch = flat(render_text(plan, Words.for_plan("nl", plan)))
    assert "“Verder?”: iedereen beslist zelf of een volgende bijeenkomst zinvol is." in dutch
    assert "Plan de volgende bijeenkomst pas als iedereen zegt: we gaan door." in dutch
    assert "everyone" not in dutch
    english = flat(render_text(plan, Words.for_plan("en", plan)))
    assert "everyone decides whether a next meeting is useful. Plan the next meeting only when everyone says" in english


def test_tentative_meetings_of_an_open_trajectory() -> None:
    plan = dated_plan(recipe("progressiegericht"), MONDAY, every="2 weeks", meetings=4)
    assert series_dates(plan) == days(0, 14, 28, 42)
    assert [m.tentative for m in plan.series] == [False, True, True, True]
    assert plan.total is None and not any(m.last for m in plan.series)
    assert [(r.title, r.last) for r in plan.series[1].runs] == [("Wat is er beter?", None)]
    text = render_text(plan, Words("nl"))
    assert text.count("(voorlopig)") == 3
    ics = icalendar.Calendar.from_ical(render_ics(plan, Words("nl")))
    assert [str(e["STATUS"]) for e in ics.walk("VEVENT")] == ["CONFIRMED"] + ["TENTATIVE"] * 3


# ------------------------------------------------------------------ meetings held (schedule --log)


def _held(plan: DatedPlan, number: int, *, finished: bool = True, decisions: tuple[str, ...] = ()) -> DatedPlan:
    """``plan`` with meeting ``number`` held from 19:07 to 20:42 (planned at 19:00), as planning.held marks it:
    the real times, no longer tentative."""
    from methodengine.planning.held import Held
    from methodengine.run.log import Decision

    meeting = next(m for m in plan.series if m.number == number)
    day = meeting.date
    start, end = dt.datetime.combine(day, dt.time(19, 7)), dt.datetime.combine(day, dt.time(20, 42))
    said = tuple(Decision(9, f"r{i}", f"R{i}", d, end) for i, d in enumerate(decisions))  # type: ignore[arg-type]
    held = Held(number, start, end, dt.datetime.combine(day, EVENING), finished, said, "log.json")
    ends = plan.open and held.stopped  # only an open series ends where its checkpoint says stop
    held = attrs.evolve(held, ends_series=ends)
    real = {"held": held, "tentative": False, "start": start, "end": end}
    meetings = tuple(attrs.evolve(m, **real) if m is meeting else m for m in plan.meetings)
    stopped = number if ends else None
    return attrs.evolve(plan, meetings=meetings, held=(*plan.held, held), stopped=stopped)


def test_a_held_meeting_is_marked_held_with_its_real_times_in_every_format() -> None:
    plan = _held(dated_plan(recipe("incidentmethode"), MONDAY, at=EVENING), 2, decisions=("continue",))
    for language, mark, said, on in [
        ("en", "(held)", "Held from 19:07 to 20:42; planned to start at 19:00.", "The checkpoint said go on."),
        ("nl", "(gehouden)", "Gehouden van 19:07 tot 20:42; het begin was gepland om 19:00.", "doorgaan."),
    ]:
        words = Words(language)
        text = render_text(plan, words)
        row = next(line for line in text.splitlines() if line.startswith("  2 "))
        assert mark in row and not any(mark in line for line in text.splitlines() if line.startswith("  3 "))
        assert said in flat(text) and on in flat(text)
        assert said in flat(render_markdown(plan, words))
        second = events(render_ics(plan, words))[1]
        assert mark.strip("()") in str(second["SUMMARY"]) and said in flat(str(second["DESCRIPTION"]))
    data = json.loads(render_json(plan, Words("en")))
    assert data["meetings"][1]["held"]["planned_start"] == f"{data['meetings'][1]['date']}T19:00"
    assert data["meetings"][1]["held"]["stopped"] is False and data["meetings"][2]["held"] is None
    assert data["stopped"] is None


def test_a_stop_in_a_fixed_series_is_said_but_ends_nothing() -> None:
    plan = _held(dated_plan(recipe("incidentmethode"), MONDAY, at=EVENING), 2, decisions=("stop",))
    text = flat(render_text(plan, Words("nl")))
    assert "Bij het beslismoment is gekozen voor stoppen." in text and "de reeks eindigt" not in text
    assert "The checkpoint said stop. " in flat(render_text(plan, Words("en")))


def test_a_meeting_ended_early_says_so() -> None:
    plan = _held(dated_plan(recipe("incidentmethode"), MONDAY, at=EVENING), 1, finished=False)
    assert "Ended before its last phase." in flat(render_text(plan, Words("en")))
    assert "Afgesloten vóór de laatste fase." in flat(render_text(plan, Words("nl")))


def test_an_open_series_stopped_by_its_checkpoint_ends_there_in_its_own_meeting_word() -> None:
    plan = dated_plan(recipe("progressiegericht"), MONDAY, every="3 weeks", meetings=2)
    plan = _held(_held(plan, 1, decisions=("continue", "continue")), 2, decisions=("stop", "continue"))
    assert plan.stopped == 2
    dutch = flat(render_text(plan, Words.for_plan("nl", plan)))
    assert "Een open reeks, geëindigd met gesprek 2 op maandag 1 februari 2027:" in dutch
    assert "de reeks eindigt met dit gesprek." in dutch  # gesprek is a het-word
    assert "Plan het volgende gesprek pas" not in dutch and "voorlopig" not in dutch  # the series goes on no more
    english = flat(render_text(plan, Words.for_plan("en", plan)))
    assert "An open series that ended with session 2, on Monday 1 February 2027, when its checkpoint said" in english
    assert "The checkpoint said stop: the series ends with this session." in english
    assert english.count("The checkpoint said go on.") == 1


def test_an_open_series_with_meetings_held_and_none_stopped_counts_them() -> None:
    plan = dated_plan(recipe("progressiegericht"), MONDAY, every="3 weeks", meetings=3)
    plan = _held(plan, 1, decisions=("continue", "continue"))
    dutch = flat(render_text(plan, Words.for_plan("nl", plan)))
    assert "Een open reeks: 1 gesprek gehouden, gepland tot en met maandag 22 februari 2027." in dutch
    assert "Plan het volgende gesprek pas" in dutch  # how the series goes on still holds
    english = flat(render_text(plan, Words.for_plan("en", plan)))
    assert "An open series: 1 session held, dated up to Monday 22 February 2027." in english


def test_tentative_meetings_need_a_cadence() -> None:
    with pytest.raises(ScheduleError) as caught:
        dated_plan(recipe("progressiegericht"), MONDAY, meetings=3)
    assert caught.value.usage and "--every" in str(caught.value)


def test_meetings_is_only_for_open_trajectories() -> None:
    with pytest.raises(ScheduleError) as caught:
        dated_plan(recipe("backstagegroep"), MONDAY, meetings=3)
    assert caught.value.usage


def test_a_recipe_without_a_trajectory() -> None:
    with pytest.raises(ScheduleError, match="has no trajectory"):
        dated_plan(from_text("recipe: Los\nphase A (10 min)\n"), MONDAY)


# ------------------------------------------------------------------ iCalendar


def events(data: bytes) -> list:  # type: ignore[type-arg]
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.parametrize("name", WITH_TRAJECTORY)
def test_the_calendar_file_read_back(name: str) -> None:
    plan = dated_plan(recipe(name), MONDAY, at=EVENING)
    found = events(render_ics(plan, Words("nl")))
    assert len(found) == len(plan.meetings)
    for event, meeting in zip(found, plan.meetings, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == meeting.start and start.date() == meeting.date
        assert end - start == dt.timedelta(minutes=meeting.minutes)
        assert str(event["UID"]) == meeting.uid
        assert event.decoded("DTSTAMP") == dt.datetime(2027, 1, 11, tzinfo=dt.UTC)
        assert str(event["SUMMARY"]).startswith(plan.recipe.title)


def test_calendar_lengths_and_agenda_of_the_backstage_group() -> None:
    plan = dated_plan(recipe("backstagegroep"), MONDAY, at=EVENING)
    found = events(render_ics(plan, Words("nl")))
    assert len(found) == 8
    assert {e.decoded("DTEND") - e.decoded("DTSTART") for e in found} == {dt.timedelta(hours=2, minutes=30)}
    assert [e.decoded("DTSTART").date() for e in found] == days(0, 14, 28, 42, 56, 70, 84, 98)
    first = str(found[0]["DESCRIPTION"])
    assert "- Kennismaking (15 min)" in first
    assert "- Beurt van een inbrenger (1-2 rondes, 65-130 min)" in first
    assert "  - Afspraken maken (5 min)" in first
    assert "Terugkoppeling" not in first and "- Terugkoppeling (15 min)" in str(found[1]["DESCRIPTION"])


def test_uids_stay_when_the_plan_is_exported_again() -> None:
    r = recipe("jobcoaching")
    first = render_ics(dated_plan(r, MONDAY, at=EVENING), Words("nl"))
    again = render_ics(dated_plan(r, MONDAY, at=EVENING), Words("nl"))
    assert first == again
    moved = render_ics(dated_plan(r, dt.date(2027, 3, 1), at=dt.time(9, 0), skip=[dt.date(2027, 4, 12)]), Words("en"))
    uids = [str(e["UID"]) for e in events(first)]
    assert uids == [str(e["UID"]) for e in events(moved)]
    assert len(set(uids)) == len(uids) == 12
    other = render_ics(dated_plan(recipe("backstagegroep"), MONDAY), Words("nl"))
    assert not set(uids) & {str(e["UID"]) for e in events(other)}


def test_without_a_start_time_the_events_are_all_day() -> None:
    found = events(render_ics(dated_plan(recipe("incidentmethode"), MONDAY), Words("en")))
    assert found[0].decoded("DTSTART") == MONDAY
    assert found[0].decoded("DTEND") == MONDAY + dt.timedelta(days=1)


def test_optional_extra_meetings_are_tentative_events() -> None:
    plan = dated_plan(recipe("jobcoaching"), MONDAY, at=EVENING)
    status = {str(e["UID"]).split("-")[0]: str(e["STATUS"]) for e in events(render_ics(plan, Words("nl")))}
    assert status["assessment"] == "TENTATIVE" and status["intake"] == "CONFIRMED"


# ------------------------------------------------------------------ JSON


def test_the_json_plan() -> None:
    plan = dated_plan(recipe("jobcoaching"), MONDAY, at=EVENING, skip=[dt.date(2027, 2, 22)])
    data = json.loads(render_json(plan, Words("en")))
    assert data["version"] == 1
    assert data["every"] == {"low": 3, "high": 3, "unit": "week", "text": "3 weeks"}
    assert data["every_source"] == "recipe"
    assert data["meetings_total"] == data["meetings_planned"] == 8
    first = data["meetings"][1]
    assert first["kind"] == "meeting" and first["number"] == 1
    assert first["date"] == "2027-01-11" and first["date_text"] == "Monday 11 January 2027"
    assert first["start"] == "2027-01-11T19:00" and first["end"] == "2027-01-11T20:00"
    assert first["only_here"] == ["Doel en verwachtingen", "Ontwikkelpunten in kaart brengen", "Aanpak en tijdsplan"]
    moved = next(m for m in data["meetings"] if m["moved_from"])
    assert moved["number"] == 3 and moved["moved_from"] == "2027-02-22" and moved["date"] == "2027-03-01"
    assessment = next(m for m in data["meetings"] if m["id"] == "assessment")
    assert assessment["optional"] and assessment["minutes"] == 180


# ------------------------------------------------------------------ reading the options


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-02-30", "February 2027 has 28 days"),
        ("2027-13-01", "no month 13"),
        ("11-01-2027", "YYYY-MM-DD"),
        ("morgen", "YYYY-MM-DD"),
    ],
)
def test_bad_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


def test_dates_in_a_comma_list() -> None:
    assert parse_dates(["2027-04-05,2027-05-24", "2027-04-05"]) == (dt.date(2027, 4, 5), dt.date(2027, 5, 24))


@pytest.mark.parametrize(("text", "period"), [("3 weeks", "3 weeks"), ("6 weken", "6 weeks"), ("1 maand", "1 month")])
def test_cadences(text: str, period: str) -> None:
    assert str(parse_period(text)) == period


@pytest.mark.parametrize("text", ["drie weken", "3", "3 wekken", "0 weeks", "2-4 weeks", "1.5 weeks", "90 min"])
def test_bad_cadences(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


@pytest.mark.parametrize(("text", "ok"), [("19:00", True), ("9:30", True), ("24:00", False), ("7pm", False)])
def test_times(text: str, ok: bool) -> None:
    if ok:
        assert parse_time(text).minute in (0, 30)
    else:
        with pytest.raises(ValueError):
            parse_time(text)


# ------------------------------------------------------------------ extra meetings in other places

OPEN_WITH_EXTRAS = """\
recipe: Open reeks
duration: 45 min
phase Gesprek (45 min)
trajectory
  meetings: open
  every: 1 week
  meeting kennismaking: Kennismaking (20 min)
    at: before meeting 1
  meeting nazorg: Nazorg
    at: 1 month after last meeting
  meeting los: Los gesprek
"""


def test_extra_meetings_without_a_date_are_listed() -> None:
    plan = dated_plan(from_text(OPEN_WITH_EXTRAS), MONDAY)
    assert [m.key for m in plan.meetings] == ["kennismaking", "meeting-1"]
    assert plan.meetings[0].date == MONDAY - dt.timedelta(days=3)  # half a week, in days
    assert plan.meetings[0].minutes == 20 and not plan.meetings[0].tentative
    assert [(u.meeting.id, u.reason) for u in plan.unplaced] == [("nazorg", "open-last"), ("los", "no-anchor")]
    text = flat(render_text(plan, Words("nl")))
    assert "Nazorg heeft in deze planning geen datum: de reeks is open, dus de laatste bijeenkomst heeft geen" in text
    assert "Los gesprek heeft in deze planning geen datum: er staat geen `at:` bij." in text


def test_extra_meetings_after_tentative_meetings_are_tentative() -> None:
    plan = dated_plan(from_text(OPEN_WITH_EXTRAS), MONDAY, meetings=3)
    nazorg = next(m for m in plan.meetings if m.key == "nazorg")
    # A month after Monday 25 January (the 4th Monday): the 4th Monday of February; by the date rule the 25th.
    assert nazorg.date == dt.date(2027, 2, 22) and nazorg.tentative
    same_date = dated_plan(from_text(OPEN_WITH_EXTRAS), MONDAY, meetings=3, calendar=SAME_DATE)
    assert next(m for m in same_date.meetings if m.key == "nazorg").date == dt.date(2027, 2, 25)
    assert nazorg.minutes == 45  # no time box of its own: as long as a meeting


def test_an_extra_meeting_between_two_meetings_without_an_offset() -> None:
    text = (
        "recipe: Reeks\nduration: 60 min\nphase A (60 min)\ntrajectory\n  meetings: 4\n  every: 4 weeks\n"
        "  meeting tussen: Tussengesprek (30 min)\n    at: before meeting 3\n"
    )
    plan = dated_plan(from_text(text), MONDAY)
    between = next(m for m in plan.meetings if m.key == "tussen")
    assert between.date == MONDAY + dt.timedelta(weeks=6)  # halfway between weeks 4 and 8
    assert [m.key for m in plan.meetings] == ["meeting-1", "meeting-2", "tussen", "meeting-3", "meeting-4"]


def test_the_plan_takes_dates_times_and_cadences_as_text() -> None:
    plan = dated_plan(recipe("backstagegroep"), "2027-01-11", at="19:00", every="3 weeks", skip=["2027-02-01"])
    assert plan.series[1].date == dt.date(2027, 2, 8) and plan.series[1].moved_from == dt.date(2027, 2, 1)
    assert plan.series[0].start == dt.datetime(2027, 1, 11, 19, 0)
    with pytest.raises(ScheduleError) as caught:
        dated_plan(recipe("backstagegroep"), "2027-02-30")
    assert caught.value.usage and "February 2027 has 28 days" in caught.value.message


# ------------------------------------------------------------------ the ends of the calendar

OPEN = "recipe: Open\nduration: 60 min\nphase Kern (60 min)\ntrajectory\n  meetings: open\n  every: 1-1000 jaar\n"


def out_of_range(r: Recipe, start: dt.date, **options: object) -> ScheduleError:
    with pytest.raises(ScheduleError) as caught:
        dated_plan(r, start, **options)  # type: ignore[arg-type]
    return caught.value


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("backstagegroep", dt.date(9999, 12, 1)),  # weeks: timedelta's OverflowError
        ("jobcoaching", dt.date(9999, 6, 1)),  # months and follow-ups: relativedelta's ValueError (year 10000)
        ("inspiratiegroep", dt.date(9999, 11, 30)),
    ],
)
def test_a_plan_past_the_year_9999_is_the_start_dates_fault(name: str, start: dt.date) -> None:
    error = out_of_range(recipe(name), start)
    assert error.usage
    assert "past the year 9999" in error.message and start.isoformat() in error.message
    assert error.hint == "choose an earlier start date"


def test_a_plan_before_the_year_1_is_the_start_dates_fault() -> None:
    error = out_of_range(recipe("jobcoaching"), dt.date(1, 1, 1))  # the intake falls a week before
    assert error.usage
    assert "before the year 1" in error.message and error.hint == "choose a later start date"


def test_a_meeting_that_ends_after_the_last_day_is_the_start_times_fault() -> None:
    r = from_text(OPEN)
    last = dt.date(9999, 12, 31)
    assert dated_plan(r, last, at=dt.time(22, 0)).meetings[0].end == dt.datetime(9999, 12, 31, 23, 0)
    error = out_of_range(r, last, at=dt.time(23, 30))
    assert error.usage and "past the year 9999" in error.message


def test_a_skipped_date_that_moves_a_meeting_past_the_year_9999() -> None:
    r = from_text(OPEN)
    last_monday = dt.date(9999, 12, 27)
    error = out_of_range(r, last_monday, skip=[last_monday])
    assert error.usage and "past the year 9999" in error.message


def test_the_last_day_as_an_all_day_event_lasts_a_day() -> None:
    plan = dated_plan(from_text(OPEN), dt.date(9999, 12, 31))
    (event,) = events(render_ics(plan, Words("en")))
    assert event.decoded("DTSTART") == dt.date(9999, 12, 31)
    assert event.decoded("DURATION") == dt.timedelta(days=1) and "DTEND" not in event
    assert "31 December 9999" in render_text(plan, Words("en"))


def test_a_recipe_that_runs_past_the_year_9999_from_any_start_is_the_recipes_fault() -> None:
    r = from_text(OPEN.replace("meetings: open", "meetings: 12").replace("1-1000 jaar", "1000 jaar"))
    for start in (MONDAY, dt.date(1, 1, 1)):
        error = out_of_range(r, start)
        assert not error.usage
        assert "past the year 9999" in error.message and "whatever the start date" in error.message
        assert error.hint is not None and "`every:`" in error.hint


def test_a_cadence_of_9999_years_is_the_recipes_fault() -> None:
    # The parser refuses `every: 9999 jaar` nowadays; the plan must not crash on such a recipe all the same.
    base = from_text(OPEN.replace("meetings: open", "meetings: 3"))
    assert base.trajectory is not None
    trajectory = attrs.evolve(base.trajectory, every=Period(Range.of(9999), "year"))
    error = out_of_range(attrs.evolve(base, trajectory=trajectory), MONDAY)
    assert not error.usage and "past the year 9999" in error.message


@pytest.mark.parametrize(
    ("at", "where"),
    [("1000 jaar after last meeting", "past the year 9999"), ("1000 jaar before meeting 1", "before the year 1")],
)
def test_extra_meetings_beyond_the_calendar_are_the_recipes_fault(at: str, where: str) -> None:
    r = from_text(
        "recipe: Nazorg\nduration: 60 min\nphase Kern (60 min)\ntrajectory\n  meetings: 3\n  every: 1 week\n"
        f"  meeting later: Later (60 min)\n    at: {at}\n    count: 9\n    every: 1000 jaar\n"
    )
    error = out_of_range(r, MONDAY)
    assert not error.usage and where in error.message and "whatever the start date" in error.message


def test_every_and_meetings_beyond_the_calendar_are_the_options_fault() -> None:
    r = from_text(OPEN)
    error = out_of_range(r, MONDAY, every="1000 years", meetings=MAX_MEETINGS)
    assert error.usage
    assert error.message.startswith("500 meetings every 1000 years run past the year 9999")
    assert error.hint == "choose a shorter --every or fewer --meetings"
    fixed = from_text(OPEN.replace("meetings: open", "meetings: 12"))
    error = out_of_range(fixed, MONDAY, every="1000 years")
    assert error.usage and error.hint == "choose a shorter --every"


def test_a_cadence_too_long_for_a_float_is_outside_the_recipes() -> None:
    error = out_of_range(recipe("backstagegroep"), MONDAY, every=f"{10**400} days")
    assert not error.usage and "outside the recipe's cadence" in error.message


def test_meetings_are_capped() -> None:
    r = from_text(OPEN)
    assert len(dated_plan(r, MONDAY, meetings=MAX_MEETINGS).series) == MAX_MEETINGS
    error = out_of_range(r, MONDAY, meetings=MAX_MEETINGS + 1)
    assert error.usage and "at most 500" in error.message


# ------------------------------------------------------------------ series: one calendar per group


def uids(plan: DatedPlan) -> list[str]:
    return [m.uid for m in plan.meetings]


def test_without_a_series_the_uids_are_those_of_the_recipe_title() -> None:
    plan = dated_plan(recipe("jobcoaching"), MONDAY)
    digest = hashlib.sha256(b"Jobcoaching").hexdigest()[:16]
    assert plan.series_name is None
    assert uids(plan)[:2] == [f"intake-{digest}@methodengine", f"meeting-1-{digest}@methodengine"]


def test_two_series_have_disjoint_uids_and_the_same_series_the_same() -> None:
    r = recipe("jobcoaching")
    plain = dated_plan(r, MONDAY, at=EVENING)
    a = dated_plan(r, MONDAY, at=EVENING, series="groep-a")
    b = dated_plan(r, MONDAY, at=EVENING, series="groep-b")
    assert a.series_name == "groep-a"
    assert len(set(uids(a))) == len(uids(a)) == 12
    assert not set(uids(a)) & set(uids(b))
    assert not set(uids(a)) & set(uids(plain)) and not set(uids(b)) & set(uids(plain))
    again = dated_plan(r, dt.date(2027, 3, 1), at=dt.time(9, 0), skip=[dt.date(2027, 4, 12)], series=" groep-a ")
    assert uids(again) == uids(a)  # another start date: the same events, updated on import
    words = Words("nl")
    assert render_ics(a, words) == render_ics(dated_plan(r, MONDAY, at=EVENING, series="groep-a"), words)
    assert [str(e["UID"]) for e in events(render_ics(b, words))] == uids(b)


def test_a_series_needs_a_name() -> None:
    error = out_of_range(recipe("jobcoaching"), MONDAY, series="  ")
    assert error.usage and "--series" in error.message


# ------------------------------------------------------------------ the public names


def test_the_package_exports_the_parsers_and_plan_no_helpers() -> None:
    assert schedule.parse_time is plan_module.parse_time
    assert parse_time("9.30") == dt.time(9, 30)
    assert not hasattr(plan_module, "__all__")  # the package's __all__ is the one list
    assert "inside" not in schedule.__all__ and not hasattr(plan_module, "inside")
    for name in schedule.__all__:
        assert getattr(schedule, name) is getattr(plan_module, name)


def test_halfway_to_a_meeting_past_the_year_9999_is_measured_backwards() -> None:
    r = from_text(
        "recipe: Laat\nduration: 60 min\nphase Kern (60 min)\ntrajectory\n  meetings: open\n  every: 2 weeks\n"
        "  meeting intake: Intake (30 min)\n    at: before meeting 1\n"
    )
    start = dt.date(9999, 12, 27)  # start + 2 weeks is past the calendar; the gap is the same two weeks
    plan = dated_plan(r, start)
    assert [(m.key, m.date) for m in plan.meetings] == [("intake", dt.date(9999, 12, 20)), ("meeting-1", start)]
