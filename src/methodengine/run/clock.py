"""The run state of one meeting: where the facilitator is in the plan, and how that stands against the clock.

Pure: no Textual, no terminal, no file. A :class:`Meeting` is made from a
:class:`~methodengine.planning.meeting_plan.MeetingPlan` and a clock (a
callable that returns the time now: the real one in the app, time-machine's
in the tests), so that every figure on the screen can be worked out and
tested without a screen. The meeting is a row of :class:`Step`\\ s, one for
each time a phase is held (a phase in a rounds block once per round); a
``per ROLE`` phase is held as turns.

Times follow the real start: a meeting that starts late keeps its phases'
lengths and moves their clock times. What it is measured against is the
planned end: ``--end``, else the planned start (``--start``, else the real
start) plus the recipe's ``duration``, else plus the plan's own minutes. When
the projected end is past it, :meth:`Meeting.proposal` offers shorter later
phases (:mod:`methodengine.run.catch_up`); nothing changes until the
facilitator accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from attrs import define, field, frozen

from methodengine.model import EVERYONE
from methodengine.run.catch_up import Slot, catch_up

if TYPE_CHECKING:
    from methodengine.planning.meeting_plan import MeetingPlan, PlannedPhase
    from methodengine.run.log import RunLog

Clock = Callable[[], dt.datetime]
"""What gives the time now: ``datetime.now`` (naive local time, as the log keeps it)."""

Level = Literal["ok", "amber", "red", "over"]
"""How the time left of a phase stands: amber at 20 % left, red at 5 %, over when none is left."""

AMBER = 0.20
RED = 0.05

Decision = Literal["continue", "stop"]


class CountsOpenError(ValueError):
    """A ``per ROLE`` phase whose number of turns the plan does not know: the group size is needed."""

    def __init__(self, phase: str, role: str) -> None:
        super().__init__(phase, role)
        self.phase = phase
        self.role = role


@frozen
class Step:
    """One time a phase is held: the phase, its round, its planned minutes and their low end, its turns."""

    index: int
    phase: PlannedPhase
    round: int | None
    rounds_of: int | None
    planned_start: int
    """Minutes from the start of the meeting, by the plan."""
    planned: int
    """The minutes the plan gives it: the high end of its time range."""
    low: int
    """The low end of its time range: where a catch-up first takes it."""
    turns: int | None = None
    """For a ``per ROLE`` phase: how many hold the role, one turn each."""
    turn_role: str | None = None

    @property
    def block(self) -> str | None:
        """The id of its rounds block, if it has one."""
        return self.phase.rounds.id if self.phase.rounds is not None else None


@define
class _Held:
    """What happened to a step so far: its minutes now, the time it ran, when, and its turns."""

    allotted: int
    elapsed: float = 0.0
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    skipped: str | None = None
    turn: int = 0
    """The current turn, from 0; ``n`` and ``p`` move it, and each turn keeps its own seconds."""
    turn_seconds: dict[int, float] = field(factory=dict)
    """Per turn, the seconds it ran: each stint with its own turn, also after ``p`` went back to it."""
    turn_starts: dict[int, dt.datetime] = field(factory=dict)
    """Per turn, when it was first held."""
    turn_ends: dict[int, dt.datetime] = field(factory=dict)
    """Per turn, when it was last held."""


@frozen
class Change:
    """One later step in a catch-up proposal: its minutes now and proposed."""

    step: int
    before: int
    after: int


@frozen
class Proposal:
    """Shorter later steps that win back ``saves`` of the ``behind`` minutes the meeting runs over."""

    behind: int
    saves: int
    changes: tuple[Change, ...]


@frozen
class Standing:
    """How the meeting stands against its planned end, as the screen says it: one rule for every figure.

    ``behind`` is whole minutes, toward zero (negative when ahead), so that
    under a minute either way is on time and never "1 min behind"; the
    planned end is on the minute, as a clock shows it, and the projected end
    is that plus ``behind``, so the three figures on one line always agree;
    a catch-up proposal wins back this same ``behind``.
    """

    behind: int
    projected: dt.datetime
    planned: dt.datetime


@frozen
class TurnTime:
    """The current turn of a ``per ROLE`` step: which of how many, its seconds left of its share, its level."""

    number: int
    of: int
    role: str
    left: float
    allotted: float
    level: Level


@frozen
class CatchUpRecord:
    """An accepted proposal: when, and each step's new minutes."""

    at: dt.datetime
    minutes: tuple[tuple[int, int], ...]


def steps_of(plan: MeetingPlan) -> tuple[Step, ...]:
    """The steps of a planned meeting, in order: rounds blocks held round by round, as many rounds as planned.

    Raises :class:`CountsOpenError` when a ``per ROLE`` phase's role has no exact count.
    """
    steps: list[Step] = []
    start = 0
    for item in plan.agenda:
        rounds_of = item.rounds.count.high if item.rounds is not None else None
        for number in range(1, (rounds_of or 1) + 1):
            round_number = number if rounds_of is not None else None
            for phase_number in item.phases:
                phase = plan.phase(phase_number)
                if not any(o.round == round_number for o in phase.occurrences):
                    continue
                turns = _turns(plan, phase)
                minutes = phase.minutes
                steps.append(
                    Step(
                        index=len(steps),
                        phase=phase,
                        round=round_number,
                        rounds_of=rounds_of,
                        planned_start=start,
                        planned=minutes.high,
                        low=minutes.low,
                        turns=turns,
                        turn_role=phase.timebox.per if turns is not None else None,
                    )
                )
                start += minutes.high
    return tuple(steps)


def _turns(plan: MeetingPlan, phase: PlannedPhase) -> int | None:
    per = phase.timebox.per
    if per is None:
        return None
    if per == EVERYONE:
        count = plan.everyone
    else:
        role = plan.role(per)
        count = role.count if role is not None else None
    if count is None or not count.exact:
        raise CountsOpenError(phase.title, per)
    return count.low


class Meeting:
    """The run state of one meeting, read against ``clock``; every method that changes it takes the time first.

    ``start`` and ``end`` are the trainer's ``--start`` and ``--end`` as
    minutes after midnight; ``duration`` the recipe's minutes (its high end).
    """

    def __init__(
        self,
        plan: MeetingPlan,
        clock: Clock,
        *,
        start: int | None = None,
        end: int | None = None,
        duration: int | None = None,
    ) -> None:
        self.plan = plan
        self.clock = clock
        self.steps = steps_of(plan)
        self.planned_clock_start = start
        self.planned_clock_end = end
        self.duration = duration
        # A per-ROLE phase whose role nobody holds tonight (``--group 2`` leaves no
        # participants) has no turn to hold: it is passed, and logged as such.
        self.held = [_Held(step.planned, skipped="no-turns" if step.turns == 0 else None) for step in self.steps]
        first = self._following(-1)
        self.index = first if first is not None else len(self.steps)
        self.started: dt.datetime | None = None
        self.running = False
        self.decisions: dict[tuple[int, str], tuple[Decision, dt.datetime]] = {}
        self.catch_ups: list[CatchUpRecord] = []
        self._mark: dt.datetime | None = None
        self._alerted: dict[int, Level] = {}
        """Per step, the level its bell last rang for; lowered when ``+`` gives time back: only a new crossing rings."""
        self._turns_out: set[tuple[int, int]] = set()
        """The turns (step, turn from 0) whose share ran out and rang; ``+`` giving one time back takes it out."""

    # -------------------------------------------------------------- time passing

    def _now(self) -> dt.datetime:
        """The time now, and the running step's seconds brought up to it."""
        now = self.clock()
        if self.running and self._mark is not None and not self.finished:
            passed = max((now - self._mark).total_seconds(), 0.0)
            held = self.held[self.index]
            held.elapsed += passed
            held.end = now
            if held.turn in held.turn_starts:
                held.turn_seconds[held.turn] = held.turn_seconds.get(held.turn, 0.0) + passed
                held.turn_ends[held.turn] = now
        self._mark = now
        return now

    @property
    def finished(self) -> bool:
        """Past the last step: the meeting is over, though ``q`` has not yet ended it."""
        return self.index >= len(self.steps)

    @property
    def step(self) -> Step | None:
        return None if self.finished else self.steps[self.index]

    def toggle(self) -> None:
        """Space: the first press starts the meeting (its real start), later ones pause and resume."""
        now = self._now()
        if self.finished:
            return
        if self.started is None:
            self.started = now
        self.running = not self.running
        if self.running:
            self._enter(now)

    def _enter(self, now: dt.datetime) -> None:
        held = self.held[self.index]
        if held.start is None:
            held.start = now
        held.end = now
        if self.steps[self.index].turns:
            held.turn_starts.setdefault(held.turn, now)
            held.turn_ends[held.turn] = now

    def next(self) -> None:
        """``n``: the next turn of a ``per ROLE`` step, else the next step; past the last one the meeting is over."""
        now = self._now()
        if self.finished:
            return
        step, held = self.steps[self.index], self.held[self.index]
        if step.turns is not None and held.turn + 1 < step.turns:
            held.turn += 1
            if self.running:
                self._enter(now)
            return
        following = self._following(self.index)
        self.index = following if following is not None else len(self.steps)
        if self.running and not self.finished:
            self._enter(now)

    def previous(self) -> None:
        """``p``: the previous turn, else back to the previous step held (its time goes on from where it was)."""
        now = self._now()
        if self.finished:
            back = self._preceding(len(self.steps))
            if back is not None:
                self.index = back
                if self.running:
                    self._enter(now)
            return
        held = self.held[self.index]
        if held.turn > 0:
            held.turn -= 1  # its clock goes on from where it was; the turn left keeps the time it ran
            if self.running:
                self._enter(now)
            return
        back = self._preceding(self.index)
        if back is not None:
            self.index = back
            if self.running:
                self._enter(now)

    def _following(self, index: int) -> int | None:
        return next((i for i in range(index + 1, len(self.steps)) if self.held[i].skipped is None), None)

    def _preceding(self, index: int) -> int | None:
        return next((i for i in range(index - 1, -1, -1) if self.held[i].skipped is None), None)

    def add_minutes(self, minutes: int) -> None:
        """``+`` and ``-``: a minute more or less for the current step; never below one minute."""
        self._now()
        if self.finished:
            return
        held = self.held[self.index]
        held.allotted = max(held.allotted + minutes, 1)
        self._ease(self.index)

    def _ease(self, index: int) -> None:
        """After more time, the level the bell rang for comes down to the level now, to ring when crossed again.

        Less time leaves it: ``-`` into red is a threshold crossed, and rings
        once at the next look; a press that leaves the level where it was rings nothing.
        """
        rang = self._alerted.get(index)
        if rang is not None:
            now = _level(self.held[index].allotted * 60 - self.held[index].elapsed, self.held[index].allotted * 60)
            if _RANK[now] < _RANK[rang]:
                self._alerted[index] = now
        step, held = self.steps[index], self.held[index]
        if step.turns:
            share = held.allotted * 60 / step.turns
            self._turns_out -= {(index, n) for n, spent in held.turn_seconds.items() if spent < share}

    def skip_rounds(self) -> bool:
        """Skip the rounds after the current one of the current step's block; False when there are none."""
        self._now()
        step = self.step
        if step is None or step.block is None or step.round is None:
            return False
        later = [
            s.index
            for s in self.steps
            if s.block == step.block and s.round is not None and s.round > step.round and not self._done(s.index)
        ]
        for index in later:
            self.held[index].skipped = "rounds-skipped"
        return bool(later)

    def _done(self, index: int) -> bool:
        return self.held[index].elapsed > 0

    # -------------------------------------------------------------- reading the time

    def left(self) -> float:
        """Seconds left of the current step's minutes (negative when over)."""
        self._now()
        if self.finished:
            return 0.0
        held = self.held[self.index]
        return held.allotted * 60 - held.elapsed

    def level(self) -> Level:
        """The current step's level: ``ok``, ``amber`` at 20 % left, ``red`` at 5 %, ``over`` when none is left."""
        if self.finished:
            return "ok"
        left = self.left()
        return _level(left, self.held[self.index].allotted * 60)

    def alert(self) -> Level | None:
        """The level the current step has just reached, when that crosses a threshold (for the bell and the flash).

        A level rings once: again only after ``+`` took the step back below it.
        Amber passed over on the way to red rings once, for red. A turn whose
        share runs out rings too (``over``), once, so that the facilitator
        hears it is the next speaker's turn as a phase's end is heard.
        """
        if not self.running or self.finished:
            return None
        level = self.level()
        crossed = _RANK[level] > _RANK[self._alerted.get(self.index, "ok")]
        if crossed:
            self._alerted[self.index] = level
        turn = self.turn()
        out = turn is not None and turn.level == "over" and (self.index, turn.number - 1) not in self._turns_out
        if turn is not None and out:
            self._turns_out.add((self.index, turn.number - 1))
        if crossed:
            return level
        return "over" if out else None

    def turn(self) -> TurnTime | None:
        """The current turn of a ``per ROLE`` step, with its share of the step's minutes."""
        self._now()
        step = self.step
        if step is None or not step.turns or step.turn_role is None:
            return None  # no turns (0 people in the role are never the current step, but never divide by them)
        held = self.held[self.index]
        share = held.allotted * 60 / step.turns
        spent = held.turn_seconds.get(held.turn, 0.0)
        return TurnTime(held.turn + 1, step.turns, step.turn_role, share - spent, share, _level(share - spent, share))

    def now(self) -> dt.datetime:
        return self._now()

    def meeting_start(self) -> dt.datetime:
        """When the meeting started, or starts now if it has not yet."""
        return self.started or self._now()

    def planned_start(self) -> dt.datetime:
        """When the meeting was to start: ``--start`` on the day it runs, else its real start."""
        began = self.meeting_start()
        if self.planned_clock_start is None:
            return began
        return _on_day(began, self.planned_clock_start)

    def planned_end(self) -> dt.datetime:
        """What the meeting is measured against: ``--end``, else the planned start plus its duration or plan."""
        start = self.planned_start()
        if self.planned_clock_end is not None:
            end = _on_day(start, self.planned_clock_end)
            return end if end > start else end + dt.timedelta(days=1)
        minutes = self.duration if self.duration is not None else sum(s.planned for s in self.steps)
        return start + dt.timedelta(minutes=minutes)

    def projected_end(self) -> dt.datetime:
        """When the meeting ends if the rest goes as now allotted: the current step's time left and the later steps'."""
        now = self._now()
        if self.finished:
            return now
        rest = sum(self.held[i].allotted * 60 for i in self._later())
        return self._going_on(now) + dt.timedelta(seconds=max(self.left(), 0.0) + rest)

    def _going_on(self, now: dt.datetime) -> dt.datetime:
        """Where the time left counts from: now, or before the start the planned start if that is still to come."""
        if self.started is not None:
            return now
        return max(now, self.planned_start())

    def behind(self) -> float:
        """Minutes the projected end is past the planned end; negative when ahead."""
        return (self.projected_end() - self.planned_end()).total_seconds() / 60

    def standing(self) -> Standing:
        """The meeting against its planned end in whole minutes: behind or ahead, projected and planned end."""
        delta = self.projected_end() - self.planned_end()
        minute = dt.timedelta(minutes=1)
        behind = delta // minute if delta >= dt.timedelta(0) else -(-delta // minute)
        planned = self.planned_end().replace(second=0, microsecond=0)
        return Standing(behind, planned + behind * minute, planned)

    def _later(self) -> list[int]:
        return [i for i in range(self.index + 1, len(self.steps)) if self.held[i].skipped is None]

    def next_step(self) -> tuple[Step, dt.datetime] | None:
        """The step that follows, and the clock time it starts at as things go now."""
        if self.finished:
            return None
        following = self._following(self.index)
        if following is None:
            return None
        now = self._now()
        return self.steps[following], self._going_on(now) + dt.timedelta(seconds=max(self.left(), 0.0))

    def allotted(self, index: int) -> int:
        """A step's minutes now: its plan's, after ``+``/``-`` and accepted catch-ups."""
        return self.held[index].allotted

    def skipped(self, index: int) -> str | None:
        return self.held[index].skipped

    def progress(self) -> tuple[int, int]:
        """Steps done and steps in the meeting (skipped ones left out of both)."""
        held = [i for i in range(len(self.steps)) if self.held[i].skipped is None]
        done = sum(1 for i in held if i < self.index)
        return done, len(held)

    # -------------------------------------------------------------- catching up

    def proposal(self) -> Proposal | None:
        """Shorter later steps when the meeting runs a whole minute behind or more (:meth:`standing`); else None."""
        behind = self.standing().behind
        if behind < 1:
            return None
        later = self._later()
        new = catch_up([Slot(self.held[i].allotted, self.steps[i].low) for i in later], behind)
        changes = tuple(
            Change(i, self.held[i].allotted, m) for i, m in zip(later, new, strict=True) if m != self.held[i].allotted
        )
        if not changes:
            return None
        return Proposal(behind, sum(c.before - c.after for c in changes), changes)

    def accept(self, proposal: Proposal) -> None:
        """Apply a proposal the facilitator accepted; a stale one (a step already begun) is not applied to it."""
        now = self._now()
        applied = []
        for change in proposal.changes:
            if change.step > self.index and self.held[change.step].skipped is None:
                self.held[change.step].allotted = change.after
                applied.append((change.step, change.after))
        if applied:
            self.catch_ups.append(CatchUpRecord(now, tuple(applied)))

    # -------------------------------------------------------------- checkpoints

    def decide(self, role: str, decision: Decision | None) -> None:
        """Record a deciding role's continue or stop at the current checkpoint (None takes it back)."""
        now = self._now()
        step = self.step
        if step is None or role not in step.phase.decide:
            return
        key = (step.index, role)
        if decision is None:
            self.decisions.pop(key, None)
        else:
            self.decisions[key] = (decision, now)

    def decision(self, role: str, index: int | None = None) -> Decision | None:
        index = self.index if index is None else index
        found = self.decisions.get((index, role))
        return found[0] if found else None

    # -------------------------------------------------------------- the log

    def record(self, recipe_path: str, finished: bool | None = None) -> RunLog:
        """The meeting as the log keeps it: each step held with its planned and actual times, skipped ones, turns."""
        from methodengine.run.record import run_log

        return run_log(self, recipe_path, self.finished if finished is None else finished)


_RANK: dict[Level, int] = {"ok": 0, "amber": 1, "red": 2, "over": 3}


def _level(left: float, allotted: float) -> Level:
    if left <= 0:
        return "over"
    if allotted <= 0:
        return "ok"
    fraction = left / allotted
    if fraction <= RED:
        return "red"
    if fraction <= AMBER:
        return "amber"
    return "ok"


def _on_day(day: dt.datetime, minutes: int) -> dt.datetime:
    """``minutes`` after midnight as the clock time nearest to ``day``: 23:50 planned, started 00:10, is last night."""
    found = day.replace(hour=minutes // 60 % 24, minute=minutes % 60, second=0, microsecond=0)
    half_a_day = dt.timedelta(hours=12)
    if found - day > half_a_day:
        return found - dt.timedelta(days=1)
    if day - found > half_a_day:
        return found + dt.timedelta(days=1)
    return found
