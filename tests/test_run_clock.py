"""The run state of a meeting against the clock: what the facilitator's screen says, worked out without a screen."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from _cli import base_recipe
from hypothesis import given, settings
from hypothesis import strategies as st

import methodengine
from methodengine.commands._common import plugins, resolved_recipe
from methodengine.planning.meeting_plan import CardOptions, MeetingPlan, plan_meeting
from methodengine.run.catch_up import Slot, catch_up
from methodengine.run.clock import CountsOpenError, Meeting, steps_of

ROOT = Path(__file__).resolve().parents[1]
INCIDENT = base_recipe("incidentmethode")
BACKSTAGE = base_recipe("backstagegroep")
PROGRESS = base_recipe("progressiegericht")
EVENING = dt.datetime(2027, 1, 11, 19, 30)


def _plan(path: Path, **options: object) -> MeetingPlan:
    loaded = plugins()
    recipe = resolved_recipe(path, loaded)
    return plan_meeting(recipe, CardOptions(**options), loaded.methods().get(recipe.method))  # type: ignore[arg-type]


class FakeClock:
    """The time now, moved on by hand."""

    def __init__(self, now: dt.datetime = EVENING) -> None:
        self.at = now

    def __call__(self) -> dt.datetime:
        return self.at

    def wait(self, minutes: float) -> None:
        self.at += dt.timedelta(minutes=minutes)


def _incident(clock: FakeClock, **more: object) -> Meeting:
    plan = _plan(INCIDENT, meeting=2, group=6, start=19 * 60 + 30)
    return Meeting(plan, clock, start=19 * 60 + 30, duration=90, **more)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the steps of a meeting


def test_meeting_2_of_the_incident_method_is_its_eleven_phases_with_the_turns_of_the_participants() -> None:
    steps = steps_of(_plan(INCIDENT, meeting=2, group=6))
    assert [s.phase.title for s in steps][:2] == ["Terugkoppeling", "Incident kiezen"]  # meeting 1's rules are out
    assert len(steps) == 11
    turns = [s for s in steps if s.turns is not None]
    assert [(s.phase.title, s.turns, s.turn_role, s.planned) for s in turns] == [
        ("Standpunten uitwisselen", 4, "deelnemer", 12)
    ]
    assert [s.planned_start for s in steps][-1] == 87


def test_rounds_are_held_one_after_the_other_as_many_as_the_plan_has() -> None:
    steps = steps_of(_plan(BACKSTAGE, meeting=2, group=6))
    rounds = [(s.phase.title, s.round, s.rounds_of) for s in steps if s.round is not None]
    assert rounds[0] == ("Probleem inbrengen", 1, 2)
    assert rounds[6] == ("Probleem inbrengen", 2, 2)
    assert steps[-1].phase.title == "Afsluiting"


def test_turns_need_the_group_size_when_the_recipe_leaves_it_open() -> None:
    with pytest.raises(CountsOpenError) as info:
        steps_of(_plan(INCIDENT, meeting=2))
    assert info.value.role == "deelnemer"


@pytest.mark.parametrize("group", [2, 3, 7])
def test_a_turn_phase_nobody_holds_tonight_is_passed_and_logged_not_a_crash(group: int) -> None:
    # --group 2: a chair and a case-giver, no participants, so `3 min per deelnemer` has no turn.
    clock = FakeClock()
    plan = _plan(INCIDENT, meeting=2, group=group)
    meeting = Meeting(plan, clock, duration=90)
    meeting.toggle()
    seen = []
    while not meeting.finished:
        step = meeting.step
        assert step is not None
        seen.append((step.phase.title, meeting.turn()))
        meeting.level(), meeting.alert(), meeting.proposal(), meeting.next_step(), meeting.projected_end()
        clock.wait(1)
        meeting.next()
    titles = [title for title, _ in seen]
    log = meeting.record("x.mth")
    if group == 2:
        assert "Standpunten uitwisselen" not in titles
        assert [(s.title, s.reason) for s in log.skipped] == [("Standpunten uitwisselen", "no-turns")]
        assert meeting.progress() == (10, 10)
    else:
        turns = [t for title, t in seen if title == "Standpunten uitwisselen"]
        assert turns and all(t is not None and t.of == group - 2 for t in turns)
        assert log.skipped == ()


# ------------------------------------------------------------------ the countdown


def test_the_time_left_turns_amber_at_a_fifth_red_at_a_twentieth_and_over_at_nothing() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    assert meeting.level() == "ok" and meeting.alert() is None
    clock.wait(7.9)  # 10 min: 2.1 left
    assert meeting.level() == "ok"
    clock.wait(0.1)
    assert meeting.level() == "amber"
    assert meeting.alert() == "amber"
    assert meeting.alert() is None  # the bell rings once
    clock.wait(1.5)
    assert meeting.level() == "red" and meeting.alert() == "red"
    clock.wait(0.5)
    assert meeting.left() == 0
    assert meeting.level() == "over" and meeting.alert() == "over"
    clock.wait(3)
    assert meeting.left() == -180


def test_plus_and_minus_when_time_is_low_ring_only_when_a_threshold_is_crossed_again() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    clock.wait(11.5)  # 10 min: one and a half over
    assert meeting.alert() == "over"
    for key in (1, -1, -1, 1):  # 11, 10, 9, 10: still over after each press, so no bell and no flash
        meeting.add_minutes(key)
        assert meeting.level() == "over" and meeting.alert() is None
    meeting.add_minutes(2)  # 12 min: half a minute left, under 5 %
    assert meeting.level() == "red" and meeting.alert() is None  # back from over is no alarm
    clock.wait(0.5)
    assert meeting.alert() == "over"  # over again: it rings
    meeting.add_minutes(4)  # 16 min, 4 left: a quarter, no longer low
    assert meeting.level() == "ok" and meeting.alert() is None
    clock.wait(1)
    assert meeting.alert() == "amber"


presses = st.lists(st.tuples(st.floats(0, 4, allow_nan=False), st.sampled_from([1, -1])), max_size=30)


@given(presses)
def test_the_bell_rings_exactly_when_the_time_left_crosses_into_a_lower_level(evening: list[tuple[float, int]]) -> None:
    # ok < amber < red < over: a ring for each step down since time was last given back, and none for a press that
    # leaves the level where it is.
    order = ["ok", "amber", "red", "over"]
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    lowest = "ok"  # the lowest level reached since time was last given back
    for minutes, key in evening:
        clock.wait(minutes)
        level = meeting.level()
        assert meeting.alert() == (level if order.index(level) > order.index(lowest) else None)
        lowest = max(lowest, level, key=order.index)
        meeting.add_minutes(key)
        level = meeting.level()
        if key > 0:
            lowest = min(lowest, level, key=order.index)
        assert meeting.alert() == (level if order.index(level) > order.index(lowest) else None)
        lowest = max(lowest, level, key=order.index)


def test_a_pause_stops_the_countdown_and_space_resumes_it() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    clock.wait(4)
    meeting.toggle()
    clock.wait(20)
    assert meeting.left() == 6 * 60
    meeting.toggle()
    clock.wait(1)
    assert meeting.left() == 5 * 60


def test_plus_and_minus_give_and_take_a_minute_but_never_the_last_one() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    meeting.add_minutes(1)
    assert meeting.allotted(0) == 11
    for _ in range(20):
        meeting.add_minutes(-1)
    assert meeting.allotted(0) == 1


def test_turns_count_up_to_the_number_in_the_role_with_a_share_of_the_time_each() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    while meeting.step is not None and meeting.step.turns is None:
        meeting.next()
    turn = meeting.turn()
    assert turn is not None and (turn.number, turn.of, turn.role, turn.allotted) == (1, 4, "deelnemer", 180)
    clock.wait(2.5)
    meeting.next()
    turn = meeting.turn()
    assert turn is not None and (turn.number, turn.left) == (2, 180)
    assert meeting.left() == 12 * 60 - 150  # the phase's clock runs on over its turns
    meeting.previous()
    assert meeting.turn().number == 1  # type: ignore[union-attr]
    for _ in range(4):
        meeting.next()
    assert meeting.step.phase.title == "Wat deed de inbrenger?"  # type: ignore[union-attr]


def _at_the_turns(clock: FakeClock) -> Meeting:
    """The incident evening (group 6: 4 participants of 3 min each) at the first turn of `Standpunten uitwisselen`."""
    meeting = _incident(clock)
    meeting.toggle()
    while meeting.step is not None and meeting.step.turns is None:
        meeting.next()
    return meeting


def test_a_turn_gone_back_to_with_p_keeps_the_time_of_the_turn_between() -> None:
    clock = FakeClock()
    meeting = _at_the_turns(clock)
    clock.wait(2)
    meeting.next()
    clock.wait(1.5)  # turn 2
    meeting.previous()
    assert meeting.turn().left == 60  # type: ignore[union-attr]  # turn 1: its 2 minutes, not 3.5
    clock.wait(0.5)
    meeting.next()
    clock.wait(1)  # turn 2 again
    turns = meeting.record("x.mth").phases[-1].turns
    assert [(t.number, round(t.minutes, 6)) for t in turns] == [(1, 2.5), (2, 2.5)]
    assert turns[1].start == EVENING + dt.timedelta(minutes=2)  # first held then, last held until now
    assert turns[1].end == clock()


def test_a_turn_running_out_rings_once_like_a_phase() -> None:
    clock = FakeClock()
    meeting = _at_the_turns(clock)
    assert meeting.alert() is None
    clock.wait(3)  # turn 1's 3 minutes are out; the phase has 9 of 12 left
    assert meeting.level() == "ok"
    assert meeting.alert() == "over"
    clock.wait(0.2)
    assert meeting.alert() is None
    meeting.next()
    clock.wait(2.9)
    assert meeting.alert() is None
    clock.wait(0.1)
    assert meeting.alert() == "over"  # turn 2 out
    meeting.add_minutes(4)  # 16 min: 4 each, turn 2 has a minute again
    assert meeting.alert() is None
    clock.wait(1)
    assert meeting.alert() == "over"


turn_keys = st.lists(
    st.tuples(st.floats(0, 5).map(lambda m: round(m, 2)), st.sampled_from(["n", "p", "+", "-"])), max_size=30
)


@settings(max_examples=60, deadline=None)
@given(turn_keys)
def test_each_turn_keeps_every_stint_it_ran_whatever_n_and_p_do(keys: list[tuple[float, str]]) -> None:
    clock = FakeClock()
    meeting = _at_the_turns(clock)
    step = meeting.index
    spent = [0.0, 0.0, 0.0, 0.0]
    current = 0
    for minutes, key in keys:
        clock.wait(minutes)
        spent[current] += minutes
        turn = meeting.turn()
        assert turn is not None and turn.number == current + 1
        assert abs(turn.left - (turn.allotted - spent[current] * 60)) < 1e-6
        assert turn.allotted == meeting.allotted(step) * 60 / 4
        if key == "n" and current < 3:
            meeting.next()
            current += 1
        elif key == "p" and current > 0:
            meeting.previous()
            current -= 1
        elif key in "+-":
            meeting.add_minutes(1 if key == "+" else -1)
    clock.wait(1)
    spent[current] += 1
    phase = meeting.record("x.mth").phases[-1]
    assert [t.number for t in phase.turns] == list(range(1, max(t.number for t in phase.turns) + 1))
    for record in phase.turns:
        assert abs(record.minutes - spent[record.number - 1]) < 1e-6
    assert abs(sum(t.minutes for t in phase.turns) - phase.minutes) < 1e-6


def test_next_past_the_last_phase_ends_the_meeting_and_previous_goes_back() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    for _ in range(11 + 3):  # 3 more turns
        meeting.next()
    assert meeting.finished and meeting.step is None
    meeting.previous()
    assert meeting.step is not None and meeting.step.phase.title == "Evaluatie"


def test_skipping_the_remaining_rounds_goes_on_after_the_block() -> None:
    clock = FakeClock()
    plan = _plan(BACKSTAGE, meeting=2, group=6)
    meeting = Meeting(plan, clock, duration=150)
    meeting.toggle()
    meeting.next()
    assert (meeting.step.phase.title, meeting.step.round) == ("Probleem inbrengen", 1)  # type: ignore[union-attr]
    planned_end = meeting.projected_end()
    assert meeting.skip_rounds()
    assert meeting.projected_end() == planned_end - dt.timedelta(minutes=65)
    for _ in range(6):
        meeting.next()
    assert meeting.step.phase.title == "Afsluiting"  # type: ignore[union-attr]
    assert meeting.progress() == (7, 8)
    assert not meeting.skip_rounds()  # outside a rounds block there are none to skip


# ------------------------------------------------------------------ the clock


def test_a_late_start_moves_the_phases_and_counts_against_the_planned_end() -> None:
    clock = FakeClock(EVENING + dt.timedelta(minutes=10))
    meeting = _incident(clock)
    meeting.toggle()
    assert meeting.started == EVENING + dt.timedelta(minutes=10)
    assert meeting.planned_end() == EVENING + dt.timedelta(minutes=90)  # --start 19:30 plus 90 min
    assert meeting.projected_end() == EVENING + dt.timedelta(minutes=10 + 92)  # the plan is 92 min
    assert meeting.behind() == 12
    nxt = meeting.next_step()
    assert nxt is not None and nxt[0].phase.title == "Incident kiezen" and nxt[1].strftime("%H:%M") == "19:50"


def test_a_start_planned_before_midnight_and_held_after_it_is_late_not_a_day_early() -> None:
    clock = FakeClock(dt.datetime(2027, 1, 12, 0, 10))
    plan = _plan(INCIDENT, meeting=2, group=6, start=23 * 60 + 50)
    meeting = Meeting(plan, clock, start=23 * 60 + 50, duration=90)
    meeting.toggle()
    assert meeting.planned_start() == dt.datetime(2027, 1, 11, 23, 50)
    assert meeting.behind() == 22  # 20 late, and the plan's 92 minutes of 90


def test_without_a_start_time_the_real_start_is_the_plan_s_and_end_sets_the_goal() -> None:
    clock = FakeClock()
    plan = _plan(INCIDENT, meeting=2, group=6)
    meeting = Meeting(plan, clock, end=21 * 60 + 15)
    meeting.toggle()
    assert meeting.behind() == -13
    assert meeting.proposal() is None  # ahead: nothing to catch up


def test_an_overrun_is_behind_by_its_minutes_and_the_proposal_applies_only_when_accepted() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    clock.wait(15)  # 5 over on top of the plan's 2 past the duration
    assert meeting.behind() == 7
    proposal = meeting.proposal()
    assert proposal is not None and proposal.behind == 7 and proposal.saves == 7
    assert all(c.step > 0 for c in proposal.changes)  # the current phase keeps its time
    assert meeting.behind() == 7  # not yet accepted: nothing changed
    meeting.accept(proposal)
    assert meeting.behind() == 0
    assert meeting.proposal() is None
    assert sum(meeting.allotted(i) for i in range(1, 11)) == 82 - 7


def test_behind_ahead_the_ends_and_the_catch_up_are_the_same_whole_minutes() -> None:
    clock = FakeClock()
    meeting = _incident(clock)  # the plan is 92 min of the 90: 2 behind from the start
    meeting.toggle()
    clock.wait(10 + 7.6)  # 7.6 over: 9.6 behind
    standing = meeting.standing()
    assert (standing.behind, f"{standing.projected:%H:%M}", f"{standing.planned:%H:%M}") == (9, "21:09", "21:00")
    proposal = meeting.proposal()
    assert proposal is not None and proposal.behind == proposal.saves == 9  # not "10 behind" beside "catch up 9"
    meeting.accept(proposal)
    assert meeting.standing().behind == 0 and meeting.proposal() is None  # 0.6 behind is on time: no "1 min behind"
    clock.wait(0.5)  # 1.1 behind
    assert meeting.standing().behind == 1 and meeting.proposal() is not None


def test_a_minute_ahead_is_said_only_from_a_whole_minute_as_behind_is() -> None:
    clock = FakeClock()
    plan = _plan(INCIDENT, meeting=2, group=6)
    meeting = Meeting(plan, clock, end=21 * 60 + 2, start=19 * 60 + 30)  # 92 minutes from 19:30: on time
    meeting.toggle()
    meeting.add_minutes(-1)
    clock.wait(0.5)
    assert meeting.behind() == -1 and meeting.standing().behind == -1
    meeting.add_minutes(1)
    assert meeting.standing().behind == 0  # exactly on time
    clock.wait(10)  # Terugkoppeling's 10 min: half a minute over
    assert meeting.behind() == 0.5 and meeting.standing().behind == 0


def test_a_checkpoint_records_each_deciding_role_s_word() -> None:
    clock = FakeClock()
    plan = _plan(PROGRESS, meeting=3)
    meeting = Meeting(plan, clock)
    meeting.toggle()
    while meeting.step is not None and not meeting.step.phase.checkpoint:
        meeting.next()
    meeting.decide("coachee", "continue")
    meeting.decide("coach", "stop")
    meeting.decide("nobody", "stop")  # not a deciding role: ignored
    assert (meeting.decision("coachee"), meeting.decision("coach")) == ("continue", "stop")
    meeting.decide("coach", None)
    assert meeting.decision("coach") is None


# ------------------------------------------------------------------ the catch-up arithmetic

slots = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: Slot(max(t), min(t))), min_size=0, max_size=12
)


@given(slots, st.integers(0, 400))
def test_a_catch_up_never_adds_a_minute_and_saves_what_it_can(found: list[Slot], short: int) -> None:
    new = catch_up(found, short)
    assert len(new) == len(found)
    assert all(0 <= n <= s.minutes for n, s in zip(new, found, strict=True))
    assert all(n >= min(s.low, 1) for n, s in zip(new, found, strict=True))  # none emptied unless its range says 0
    most = sum(s.minutes - min(s.low, 1) for s in found)
    assert sum(s.minutes for s in found) - sum(new) == min(short, most)  # the proportions sum right


@given(slots, st.integers(0, 400))
def test_a_catch_up_goes_below_a_range_s_low_end_only_when_every_phase_is_at_it(found: list[Slot], short: int) -> None:
    new = catch_up(found, short)
    if any(n < s.low for n, s in zip(new, found, strict=True)):
        assert short > sum(s.minutes - s.low for s in found)
        assert all(n <= s.low for n, s in zip(new, found, strict=True))
    else:  # the last phases give way first
        cut = [s.minutes - n for n, s in zip(new, found, strict=True)]
        partly = [i for i, c in enumerate(cut) if c > 0]
        if partly:
            assert all(new[i] == found[i].low for i in range(partly[0] + 1, len(found)))


@given(st.lists(st.integers(1, 40), min_size=1, max_size=10), st.integers(1, 200))
def test_in_proportion_a_longer_phase_gives_at_least_as_much_as_a_shorter_one(lengths: list[int], short: int) -> None:
    found = [Slot(n, n) for n in lengths]  # exact time boxes: only the proportion can win time
    new = catch_up(found, short)
    for i, a in enumerate(lengths):
        for j, b in enumerate(lengths):
            if a > b:
                assert a - new[i] >= b - new[j] - 1  # whole minutes: one at most for the rounding


def test_a_catch_up_of_the_incident_evening_takes_the_minutes_from_every_later_phase_in_proportion() -> None:
    # 27 of 30 minutes: 9, 4.5 and 13.5; the half minute stays with the earlier phase, as the later give way first.
    assert catch_up([Slot(10, 10), Slot(5, 5), Slot(15, 15)], 3) == (9, 5, 13)
    assert catch_up([Slot(15, 10), Slot(15, 10)], 7) == (13, 10)  # the last first, to its low end


def test_a_projected_end_is_the_minutes_left_of_every_phase_from_now(tmp_path: Path) -> None:
    # A small recipe whose arithmetic can be read off: 10 + 20 min, started at 19:30.
    path = tmp_path / "twee.mth"
    path.write_text("recipe: Twee\nduration: 30 min\n\nphase A (10 min)\nphase B (15-20 min)\n", encoding="utf-8")
    methodengine.parse(path.read_text(encoding="utf-8"))
    clock = FakeClock()
    meeting = Meeting(_plan(path), clock, duration=30)
    meeting.toggle()
    clock.wait(4)
    assert meeting.projected_end() == EVENING + dt.timedelta(minutes=30)
    clock.wait(10)  # 4 over
    assert meeting.behind() == 4
    proposal = meeting.proposal()
    assert proposal is not None and [(c.before, c.after) for c in proposal.changes] == [(20, 16)]


def test_before_the_start_the_plan_counts_from_the_planned_start_still_to_come() -> None:
    clock = FakeClock(EVENING - dt.timedelta(minutes=5))
    meeting = _incident(clock)
    assert meeting.projected_end() == EVENING + dt.timedelta(minutes=92)
    nxt = meeting.next_step()
    assert nxt is not None and nxt[1] == EVENING + dt.timedelta(minutes=10)
    clock.wait(15)  # not started yet, ten minutes after the planned start
    assert meeting.projected_end() == EVENING + dt.timedelta(minutes=10 + 92)


def test_a_phase_passed_over_within_three_seconds_is_logged_as_skipped_not_held() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    clock.wait(10)
    meeting.next()
    clock.wait(0.02)  # n pressed twice, a second apart: Incident kiezen passed over
    meeting.next()
    clock.wait(5)
    meeting.next()
    log = meeting.record("x.mth")
    assert [p.title for p in log.phases] == ["Terugkoppeling", "Incident schetsen"]
    assert [(s.title, s.reason) for s in log.skipped][:2] == [
        ("Incident kiezen", "skipped"),
        ("Vragen opschrijven", "not-reached"),
    ]
    assert len(log.skipped) == 11 - 2  # every step not held: the one passed over and the eight not reached
    assert log.phases[1].start == EVENING + dt.timedelta(minutes=10.02)
    assert log.finished is False and log.planned_end == EVENING + dt.timedelta(minutes=90)


def test_a_meeting_ended_early_logs_every_phase_not_held_as_not_reached() -> None:
    clock = FakeClock()
    meeting = _incident(clock)
    meeting.toggle()
    clock.wait(10)
    meeting.next()
    clock.wait(0.02)  # q at once: Incident kiezen ran a second
    log = meeting.record("x.mth")
    assert [p.title for p in log.phases] == ["Terugkoppeling"]
    assert [s.title for s in log.skipped] == [s.phase.title for s in meeting.steps[1:]]
    assert {s.reason for s in log.skipped} == {"not-reached"}


def _logged_once(meeting: Meeting) -> bool:
    """Every step of the meeting is in the log once: held in `phases`, or in `skipped`."""
    log = meeting.record("x.mth")
    logged = sorted([(p.number, p.round) for p in log.phases] + [(s.number, s.round) for s in log.skipped])
    return logged == sorted((s.phase.number, s.round) for s in meeting.steps)


# ------------------------------------------------------------------ the projection, whatever the evening does

evenings = st.lists(
    st.tuples(st.floats(0, 25, allow_nan=False).map(lambda m: round(m, 2)), st.sampled_from(["n", "p", "+", "-", "a"])),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(st.integers(-20, 30), evenings)
def test_the_projection_moves_only_with_overruns_and_changes_and_a_catch_up_wins_what_it_says(
    late: int, evening: list[tuple[float, str]]
) -> None:
    clock = FakeClock(EVENING + dt.timedelta(minutes=late))
    meeting = _incident(clock)
    meeting.toggle()
    running = 0.0
    for minutes, key in evening:
        if meeting.finished:
            break
        before, left = meeting.projected_end(), meeting.left()
        clock.wait(minutes)
        running += minutes
        over = max(minutes * 60 - max(left, 0.0), 0.0)  # only the seconds past the time left push the end on
        assert abs((meeting.projected_end() - before).total_seconds() - over) < 1e-6
        assert meeting.projected_end() >= clock()
        standing, exact = meeting.standing(), meeting.behind()
        assert standing.projected - standing.planned == dt.timedelta(minutes=standing.behind)
        assert abs(exact - standing.behind) < 1 and abs(standing.behind) <= abs(exact) + 1e-9  # toward zero
        proposal = meeting.proposal()
        assert proposal is None or proposal.behind == standing.behind
        if key == "a":
            proposal = meeting.proposal()
            behind = meeting.behind()
            if proposal is not None:
                current = meeting.allotted(meeting.index)
                meeting.accept(proposal)
                assert abs(meeting.behind() - (behind - proposal.saves)) < 1e-6
                if proposal.saves == proposal.behind:  # all won back: on time, nothing more to propose
                    assert meeting.standing().behind == 0 and meeting.proposal() is None
                assert meeting.allotted(meeting.index) == current
                assert 0 <= proposal.saves <= proposal.behind
        elif key == "n":
            meeting.next()
        elif key == "p":
            meeting.previous()
        else:
            meeting.add_minutes(1 if key == "+" else -1)
        assert all(meeting.allotted(i) >= 1 for i in range(len(meeting.steps)))
    assert _logged_once(meeting)
    log = meeting.record("x.mth")
    held = sum(p.minutes for p in log.phases)
    assert held <= running + 1e-6  # a phase passed over within seconds is not counted as held
    assert all(p.minutes >= 0 and p.allotted_minutes >= 1 for p in log.phases)


# ------------------------------------------------------------------ no key ever ends the evening with an exception

RECIPES = sorted((ROOT / "recipes").glob("*.mth"))


@functools.cache
def _cached_plan(path: Path, group: int) -> MeetingPlan:
    return _plan(path, meeting=2, group=group)


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from(RECIPES),
    st.integers(2, 9),
    st.lists(
        st.tuples(st.floats(0, 20).map(lambda m: round(m, 2)), st.sampled_from(list(" np+-ra12"))),
        max_size=40,
    ),
)
def test_no_key_at_any_moment_of_any_bundled_meeting_raises(
    path: Path, group: int, keys: list[tuple[float, str]]
) -> None:
    # A traceback in the room ends the meeting; every recipe here, any group size the plan takes, any keys.
    try:
        meeting = Meeting(_cached_plan(path, group), FakeClock(), duration=90)
    except CountsOpenError:
        return
    clock = meeting.clock
    assert isinstance(clock, FakeClock)
    for minutes, key in keys:
        clock.wait(minutes)
        if key == " ":
            meeting.toggle()
        elif key == "n":
            meeting.next()
        elif key == "p":
            meeting.previous()
        elif key in "+-":
            meeting.add_minutes(1 if key == "+" else -1)
        elif key == "r":
            meeting.skip_rounds()
        elif key == "a":
            proposal = meeting.proposal()
            if proposal is not None:
                meeting.accept(proposal)
        elif meeting.step is not None and len(meeting.step.phase.decide) >= int(key):
            meeting.decide(meeting.step.phase.decide[int(key) - 1], "stop")
        meeting.level(), meeting.alert(), meeting.turn(), meeting.left(), meeting.next_step(), meeting.progress()
        meeting.standing()
    assert _logged_once(meeting)
