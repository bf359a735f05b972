"""The meeting plan: a resolved recipe with counts, rounds and times worked out, as typed data.

:func:`plan_meeting` makes it from a resolved recipe and the trainer's
options; it is the same for every language and output format. The card
builders in :mod:`methodengine.output.cards.content` turn it into cards,
plugins get it as ``OutputRequest.plan``, and :meth:`MeetingPlan.to_data`
gives the plain data ``--format json`` writes, documented in ``docs/cards.md``.

Times are minutes from the start of the meeting, as ranges: with a group of
4-7, a phase of ``3 min per deelnemer`` takes 6-15 minutes, and everything
after it starts within a range. ``--group`` and ``--rounds`` make the counts
exact, and with them the times.

Without ``--meeting``, a recipe with a trajectory gets the whole deck: every
phase of any meeting, each time range spanning all meetings it belongs to,
and each "next phase" naming what follows it in any of them.

With a start date (``--start-date``) the plan also holds the dates of the
series: those of ``methodengine schedule``, made by the same function,
:func:`methodengine.planning.dated_plan.dated_plan`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from methodengine.model import (
    EVERYONE,
    ZERO,
    Anchor,
    Checkpoint,
    Meeting,
    Period,
    Phase,
    Range,
    Recipe,
    Role,
    Rounds,
    ScriptLine,
    Stage,
    TimeBox,
    Trajectory,
    When,
)
from methodengine.planning import timing
from methodengine.planning.card_kinds import KINDS
from methodengine.planning.occurrences import END, schedule
from methodengine.planning.options import CardOptions, clock

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan

__all__ = [
    "DOES",
    "END",
    "KINDS",
    "SCHEMA",
    "SCHEMA_VERSION",
    "CardOptions",
    "CardRef",
    "ClockRange",
    "ClockWindow",
    "MeetingPlan",
    "MeetingRef",
    "NextPhase",
    "PlanAgendaItem",
    "PlanRecipe",
    "PlannedOccurrence",
    "PlannedPhase",
    "PlannedRole",
    "PlannedRounds",
    "RoleTask",
    "Total",
    "Window",
    "build_plan",
    "clock",
    "does",
    "plan_meeting",
    "schedule",
]

SCHEMA = "methodengine-cards-plan"
SCHEMA_VERSION = 1

DOES = ("lead", "speak", "listen", "outside", "decide")
"""What a role can do in a phase, in the order a card names them."""


def span(value: Range) -> dict[str, int]:
    return {"low": value.low, "high": value.high}


def hull(values: Iterable[Range]) -> Range:
    values = list(values)
    return Range(min(v.low for v in values), max(v.high for v in values))


# ---------------------------------------------------------------- times


@frozen
class ClockRange:
    """A clock time that is known within a range: the earliest and the latest, ``HH:MM``."""

    low: str
    high: str

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        """``19:45``, or ``19:45-19:51`` while the counts are open (as ``str(Range)`` writes minutes)."""
        return self.low if self.exact else f"{self.low}-{self.high}"

    def to_data(self) -> dict[str, str]:
        return {"low": self.low, "high": self.high}


@frozen
class ClockWindow:
    """The clock times of a window: when it starts and when it ends."""

    start: ClockRange
    end: ClockRange

    def to_data(self) -> dict[str, Any]:
        return {"start": self.start.to_data(), "end": self.end.to_data()}


@frozen
class Window:
    """When something runs: minutes from the start of the meeting, and clock times with a start time."""

    start: Range
    end: Range
    clock: ClockWindow | None = None

    @property
    def exact(self) -> bool:
        return self.start.exact and self.end.exact


def _clock_range(start: int, minutes: Range) -> ClockRange:
    return ClockRange(clock(start + minutes.low), clock(start + minutes.high))


def _window(start: Range, end: Range, at: int | None) -> Window:
    if at is None:
        return Window(start, end)
    return Window(start, end, ClockWindow(_clock_range(at, start), _clock_range(at, end)))


# ---------------------------------------------------------------- phases


@frozen
class NextPhase:
    """What may follow an occurrence: phase ``phase`` (its number in the plan), in round ``round``."""

    phase: int
    title: str
    round: int | None

    def to_data(self) -> dict[str, Any]:
        return {"phase": self.phase, "title": self.title, "round": self.round}


@frozen
class PlannedOccurrence:
    """One time a phase runs: in which round, whether that round is optional, when, and what may follow.

    ``next`` holds None for the end of the meeting; more than one entry when
    the number of rounds is open.
    """

    round: int | None
    optional: bool
    window: Window
    next: tuple[NextPhase | None, ...]

    @property
    def start(self) -> Range:
        return self.window.start

    @property
    def end(self) -> Range:
        return self.window.end

    @property
    def clock(self) -> ClockWindow | None:
        return self.window.clock

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "round": self.round,
            "optional": self.optional,
            "start": span(self.start),
            "end": span(self.end),
            "next": [n.to_data() if n is not None else None for n in self.next],
        }
        if self.clock is not None:
            data["clock"] = self.clock.to_data()
        return data


@frozen
class PlannedRounds:
    """The rounds block a phase belongs to, with the number of rounds planned (``--rounds``, else its count)."""

    block: Rounds
    count: Range

    @property
    def id(self) -> str:
        return self.block.id

    @property
    def title(self) -> str:
        return self.block.title

    @property
    def when(self) -> When | None:
        return self.block.when

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "count": span(self.count), "when": _when(self.when)}


@frozen
class PlannedPhase:
    """A phase as it runs: its number in the plan, the minutes it takes with these counts, every occurrence."""

    number: int
    of: int
    phase: Phase
    minutes: Range
    rounds: PlannedRounds | None
    occurrences: tuple[PlannedOccurrence, ...]

    @property
    def id(self) -> str:
        return self.phase.id

    @property
    def title(self) -> str:
        return self.phase.title

    @property
    def checkpoint(self) -> bool:
        return isinstance(self.phase, Checkpoint)

    @property
    def timebox(self) -> TimeBox:
        return self.phase.timebox

    @property
    def when(self) -> When | None:
        return self.phase.when

    @property
    def lead(self) -> str | None:
        return self.phase.lead

    @property
    def speak(self) -> tuple[str, ...]:
        return self.phase.speak

    @property
    def listen(self) -> tuple[str, ...]:
        return self.phase.listen

    @property
    def outside(self) -> tuple[str, ...]:
        return self.phase.outside

    @property
    def decide(self) -> tuple[str, ...]:
        return self.phase.decide if isinstance(self.phase, Checkpoint) else ()

    @property
    def groups(self) -> str | None:
        return self.phase.groups

    @property
    def space(self) -> str | None:
        return self.phase.space

    @property
    def script(self) -> tuple[ScriptLine, ...]:
        return self.phase.script

    def to_data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "of": self.of,
            "id": self.id,
            "title": self.title,
            "checkpoint": self.checkpoint,
            "timebox": {"minutes": span(self.timebox.duration.minutes), "per": self.timebox.per},
            "minutes": span(self.minutes),
            "when": _when(self.when),
            "rounds": self.rounds.to_data() if self.rounds is not None else None,
            "lead": self.lead,
            "speak": list(self.speak),
            "listen": list(self.listen),
            "outside": list(self.outside),
            "decide": list(self.decide),
            "groups": self.groups,
            "space": self.space,
            "script": _script(self.script),
            "occurrences": [o.to_data() for o in self.occurrences],
        }


def does(role_id: str, phase: PlannedPhase | Mapping[str, Any]) -> list[str]:
    """What a role does in a phase (``lead``, ``speak``, ...); ``everyone`` includes it.

    ``phase`` is a planned phase, or one of the JSON plan.
    """
    found = []
    for what in DOES:
        value = phase[what] if isinstance(phase, Mapping) else getattr(phase, what)
        names = [value] if isinstance(value, str) else (value or [])
        if role_id in names or (what != "lead" and EVERYONE in names):
            found.append(what)
    return found


# ---------------------------------------------------------------- roles, agenda, totals


@frozen
class RoleTask:
    """What a role does in phase ``phase`` (its number): none, some or all of ``DOES``."""

    phase: int
    does: tuple[str, ...]

    def to_data(self) -> dict[str, Any]:
        return {"phase": self.phase, "does": list(self.does)}


@frozen
class PlannedRole:
    """A role with its count in this plan (None: the open role while the group size is unknown), and its tasks."""

    role: Role
    count: Range | None
    tasks: tuple[RoleTask, ...]

    @property
    def id(self) -> str:
        return self.role.id

    @property
    def name(self) -> str:
        return self.role.name

    @property
    def open(self) -> bool:
        """The role without a count, that holds the rest of the group."""
        return self.role.count is None and not self.role.facilitator

    @property
    def facilitator(self) -> bool:
        return self.role.facilitator

    @property
    def brief(self) -> str | None:
        return self.role.brief

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "count": span(self.count) if self.count is not None else None,
            "open": self.open,
            "facilitator": self.facilitator,
            "brief": self.brief,
            "tasks": [t.to_data() for t in self.tasks],
        }


@frozen
class PlanAgendaItem:
    """An agenda item that runs: a phase (``phases`` holds its number), or a rounds block and its phases."""

    phases: tuple[int, ...]
    rounds: PlannedRounds | None = None

    def to_data(self) -> dict[str, Any]:
        if self.rounds is None:
            return {"type": "phase", "phase": self.phases[0]}
        return {"type": "rounds", **self.rounds.to_data(), "phases": list(self.phases)}


@frozen
class Total:
    """The planned time of a run of meetings with the same time (``meetings`` None: the only meeting).

    ``and_later`` marks the last run of an open series, which stands for every
    meeting after it.
    """

    meetings: Range | None
    minutes: Range
    clock: ClockWindow | None = None
    and_later: bool = False

    @property
    def window(self) -> Window:
        """The whole meeting as a window: from its start to the end of its planned time."""
        return Window(ZERO, self.minutes, self.clock)

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "meetings": span(self.meetings) if self.meetings is not None else None,
            "minutes": span(self.minutes),
        }
        if self.clock is not None:
            data["clock"] = self.clock.to_data()
        if self.and_later:
            data["and_later"] = True
        return data


# ---------------------------------------------------------------- the plan as a whole


@frozen
class PlanRecipe:
    """The recipe's header in the plan, its method applied: the method's names and source fill gaps."""

    title: str
    method: str | None
    method_names: Mapping[str, str] | None = field(eq=False)
    language: str | None
    summary: str | None
    source: str | None
    group: Range | None
    facilitators: Range | None
    duration: Range | None

    def to_data(self) -> dict[str, Any]:
        names = self.method_names
        return {
            "title": self.title,
            "method": self.method,
            "method_names": {k: names[k] for k in sorted(names)} if names else None,
            "language": self.language,
            "summary": self.summary,
            "source": self.source,
            "group": span(self.group) if self.group else None,
            "facilitators": span(self.facilitators) if self.facilitators else None,
            "duration": span(self.duration) if self.duration else None,
        }


@frozen
class MeetingRef:
    """With ``--meeting``: which meeting of how many (None in an open series), its stage and its date."""

    number: int
    of: int | None
    stage: Stage | None
    date: dt.date | None

    def to_data(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "of": self.of,
            "stage": _stage(self.stage) if self.stage else None,
            "date": self.date.isoformat() if self.date else None,
        }


@frozen
class CardRef:
    """A card of the deck: its kind, and the phase number or role id it shows."""

    kind: str
    phase: int | None = None
    role: str | None = None

    def to_data(self) -> dict[str, Any]:
        if self.phase is not None:
            return {"kind": self.kind, "phase": self.phase}
        if self.role is not None:
            return {"kind": self.kind, "role": self.role}
        return {"kind": self.kind}


@frozen
class MeetingPlan:
    """The plan of one meeting (or, without ``--meeting``, of every meeting of a series at once).

    ``group`` is the group size used (``--group``, else the recipe's);
    ``everyone`` how many people ``everyone`` is; ``phases`` every phase that
    runs, in meeting order; ``totals`` one entry per run of meetings with the
    same planned time; ``dates`` the dated plan with ``--start-date``.
    """

    options: CardOptions
    recipe: PlanRecipe
    group: Range | None
    meeting: MeetingRef | None
    roles: tuple[PlannedRole, ...]
    everyone: Range
    agenda: tuple[PlanAgendaItem, ...]
    phases: tuple[PlannedPhase, ...]
    totals: tuple[Total, ...]
    trajectory: Trajectory | None
    dates: DatedPlan | None
    cards: tuple[CardRef, ...]

    def phase(self, number: int) -> PlannedPhase:
        """The phase with this number (1 is the first)."""
        return self.phases[number - 1]

    def role(self, role_id: str) -> PlannedRole | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def __getitem__(self, key: str) -> Any:
        """Deprecated: the plan read by key, as plugins written against 0.1.0 read ``OutputRequest.plan``.

        ``plan["phases"]`` is ``plan.to_data()["phases"]``; it goes in the
        release after 0.1.0. Read the attributes, or ``to_data()``.
        """
        import warnings

        warnings.warn(
            "OutputRequest.plan is a typed MeetingPlan: read its attributes, or plan.to_data() for the JSON plan",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.to_data()[key]

    def to_data(self) -> dict[str, Any]:
        """The plan as the plain data ``--format json`` writes: keys in a fixed order (``docs/cards.md``)."""
        options = self.options
        return {
            "schema": SCHEMA,
            "version": SCHEMA_VERSION,
            "recipe": self.recipe.to_data(),
            "options": {
                "language": options.language,
                "start": clock(options.start) if options.start is not None else None,
                "group": options.group,
                "rounds": options.rounds,
                "meeting": options.meeting,
                "only": list(options.only),
            },
            "group": span(self.group) if self.group else None,
            "meeting": self.meeting.to_data() if self.meeting else None,
            "roles": [r.to_data() for r in self.roles],
            "everyone": span(self.everyone),
            "agenda": [a.to_data() for a in self.agenda],
            "phases": [p.to_data() for p in self.phases],
            "totals": [t.to_data() for t in self.totals],
            "trajectory": trajectory_data(self.trajectory) if self.trajectory else None,
            "dates": dates_data(self.dates) if self.dates is not None else None,
            "cards": [c.to_data() for c in self.cards],
        }


# ---------------------------------------------------------------- making it


def plan_meeting(recipe: Recipe, options: CardOptions, method: Any = None) -> MeetingPlan:
    """The meeting plan of ``recipe`` (its method already applied) for ``options``.

    Raises RecipeValueError when ``options.rounds`` takes the planned rows past
    their limit, and ScheduleError when the dates of ``options.start_date``
    cannot be made.
    """
    if options.rounds is not None:  # the recipe's own rows are bounded when it is read; --rounds may add more
        from methodengine.language.totals import check_rows

        check_rows(recipe, options.rounds, options.meeting)
    group = Range.of(options.group) if options.group is not None else None
    counts = timing.role_counts(recipe, group)
    rounds = Range.of(options.rounds) if options.rounds is not None else None
    meetings = [options.meeting] if options.meeting is not None else timing.meeting_numbers(recipe)
    trajectory = recipe.trajectory

    # Every meeting's occurrences, merged per (phase, round): each window spans all meetings it is in.
    merged: dict[tuple[int, int | None], _Slot] = {}
    for meeting in meetings:
        for occ in schedule(recipe, meeting, counts, options.rounds):
            slot = merged.setdefault((occ.phase, occ.round), _Slot())
            slot.starts.append(occ.start)
            slot.ends.append(occ.end)
            slot.optional = slot.optional or occ.optional
            for nxt in occ.next:
                if nxt not in slot.next:
                    slot.next.append(nxt)

    all_phases = list(recipe.phases())
    present = sorted({index for index, _ in merged})
    numbers = {index: n for n, index in enumerate(present, start=1)}
    blocks = {
        index: PlannedRounds(step.block, step.rounds)
        for step in recipe.walk(rounds=rounds)
        if step.block is not None and step.rounds is not None
        for index in step.indexes
    }

    def ref(nxt: tuple[int, int | None] | None) -> NextPhase | None:
        if nxt is END:
            return None
        index, number = nxt
        return NextPhase(numbers[index], all_phases[index].title, number)

    by_phase: dict[int, list[tuple[int | None, _Slot]]] = {}
    for (index, number), slot in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        by_phase.setdefault(index, []).append((number, slot))

    phases = tuple(
        PlannedPhase(
            number=numbers[index],
            of=len(present),
            phase=all_phases[index],
            minutes=timing.timebox_minutes(all_phases[index].timebox, counts),
            rounds=blocks.get(index),
            occurrences=tuple(
                PlannedOccurrence(
                    number,
                    slot.optional,
                    _window(hull(slot.starts), hull(slot.ends), options.start),
                    tuple(ref(n) for n in slot.next),
                )
                for number, slot in by_phase[index]
            ),
        )
        for index in present
    )

    plans = [(m, timing.planned_minutes(recipe, m, counts, rounds)) for m in meetings]
    totals = [Total(m, minutes, _window(ZERO, minutes, options.start).clock) for m, minutes in timing.group_runs(plans)]
    if trajectory is not None and trajectory.meetings is None and options.meeting is None and totals:
        totals[-1] = Total(totals[-1].meetings, totals[-1].minutes, totals[-1].clock, and_later=True)
    dated = _dated(recipe, options)
    group_used = group or recipe.group
    cards = _cards(phases, recipe.roles, trajectory is not None, options.only)
    return MeetingPlan(
        options=options,
        recipe=_recipe(recipe, method),
        group=group_used,
        meeting=_meeting(recipe, options.meeting, dated),
        roles=tuple(_role(role, counts, phases, group_used is not None) for role in recipe.roles),
        everyone=counts[EVERYONE],
        agenda=_agenda(recipe, numbers, rounds),
        phases=phases,
        totals=tuple(totals),
        trajectory=trajectory,
        dates=dated,
        cards=cards,
    )


def build_plan(recipe: Recipe, options: CardOptions, method: Any = None) -> dict[str, Any]:
    """The meeting plan as plain data, ``plan_meeting(...).to_data()``.

    Kept for plugins written against 0.1.0, which read the plan by keys; new
    code takes the typed plan from :func:`plan_meeting`.
    """
    return plan_meeting(recipe, options, method).to_data()


class _Slot:
    """The occurrences of one (phase, round) over the meetings planned, while they are merged."""

    __slots__ = ("ends", "next", "optional", "starts")

    def __init__(self) -> None:
        self.starts: list[Range] = []
        self.ends: list[Range] = []
        self.optional = False
        self.next: list[tuple[int, int | None] | None] = []


def _recipe(recipe: Recipe, method: Any) -> PlanRecipe:
    return PlanRecipe(
        title=recipe.title,
        method=recipe.method,
        method_names=dict(method.names) if method is not None and method.names else None,
        language=recipe.language,
        summary=recipe.summary,
        source=recipe.source or (method.source if method is not None else None),
        group=recipe.group,
        facilitators=recipe.facilitators,
        duration=recipe.duration.minutes if recipe.duration else None,
    )


def _role(role: Role, counts: Mapping[str, Range], phases: tuple[PlannedPhase, ...], group_known: bool) -> PlannedRole:
    is_open = role.count is None and not role.facilitator
    return PlannedRole(
        role=role,
        count=None if is_open and not group_known else counts[role.id],
        tasks=tuple(RoleTask(p.number, tuple(does(role.id, p))) for p in phases),
    )


def _agenda(recipe: Recipe, numbers: Mapping[int, int], rounds: Range | None) -> tuple[PlanAgendaItem, ...]:
    out: list[PlanAgendaItem] = []
    for step in recipe.walk(rounds=rounds):
        shown = tuple(numbers[i] for i in step.indexes if i in numbers)
        if not shown:
            continue
        if step.block is not None and step.rounds is not None:
            out.append(PlanAgendaItem(shown, PlannedRounds(step.block, step.rounds)))
        else:
            out.append(PlanAgendaItem(shown[:1]))
    return tuple(out)


def _meeting(recipe: Recipe, number: int | None, dated: DatedPlan | None) -> MeetingRef | None:
    if number is None or recipe.trajectory is None:
        return None
    date = next((m.date for m in dated.series if m.number == number), None) if dated is not None else None
    return MeetingRef(number, recipe.trajectory.meetings, recipe.trajectory.stage_of(number), date)


def _cards(
    phases: tuple[PlannedPhase, ...], roles: tuple[Role, ...], has_trajectory: bool, only: Iterable[str]
) -> tuple[CardRef, ...]:
    wanted = set(only)
    cards: list[CardRef] = []
    if "overview" in wanted:
        cards.append(CardRef("overview"))
    for phase in phases:
        if "phases" in wanted:
            cards.append(CardRef("phase", phase=phase.number))
        if phase.checkpoint and phase.decide and "checkpoint" in wanted:
            cards.append(CardRef("checkpoint", phase=phase.number))
    if "roles" in wanted:
        cards.extend(CardRef("role", role=role.id) for role in roles)
    if "trajectory" in wanted and has_trajectory:
        cards.append(CardRef("trajectory"))
    return tuple(cards)


def _dated(recipe: Recipe, options: CardOptions) -> DatedPlan | None:
    """The dated plan ``schedule`` makes for the same start date, cadence and skipped dates; None without a date.

    For the cards of meeting N of an open series, N meetings are dated
    tentatively, as ``schedule --meetings N`` does. Raises ScheduleError.
    """
    if options.start_date is None:
        return None
    from methodengine.planning.dated_plan import dated_plan

    trajectory = recipe.trajectory
    meetings = None
    if trajectory is not None and trajectory.meetings is None and options.meeting is not None and options.meeting > 1:
        meetings = options.meeting
    return dated_plan(recipe, options.start_date, every=options.every, skip=options.skip, meetings=meetings)


# ---------------------------------------------------------------- the model's parts as plain data


def _when(when: When | None) -> list[dict[str, Any]] | None:
    if when is None:
        return None
    return [{"kind": s.kind, "meetings": span(s.meetings) if s.meetings is not None else None} for s in when.selectors]


def _script(script: Iterable[ScriptLine]) -> list[dict[str, str]]:
    return [{"kind": line.kind, "text": line.text} for line in script]


def _stage(stage: Stage) -> dict[str, Any]:
    return {
        "id": stage.id,
        "title": stage.title,
        "meetings": span(stage.meetings),
        "focus": stage.focus,
        "summary": stage.summary,
    }


def period_data(period: Period | None) -> dict[str, Any] | None:
    return {"amount": span(period.amount), "unit": period.unit} if period else None


def _anchor(anchor: Anchor | None) -> dict[str, Any] | None:
    if anchor is None:
        return None
    return {"relation": anchor.relation, "meeting": anchor.meeting, "offset": period_data(anchor.offset)}


def _extra(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "title": meeting.title,
        "minutes": span(meeting.timebox.duration.minutes) if meeting.timebox else None,
        "at": _anchor(meeting.at),
        "count": span(meeting.count),
        "every": period_data(meeting.every),
        "optional": meeting.optional,
        "summary": meeting.summary,
        "script": _script(meeting.script),
    }


def trajectory_data(trajectory: Trajectory) -> dict[str, Any]:
    """A trajectory as the plan's ``trajectory`` key holds it."""
    return {
        "meetings": trajectory.meetings,
        "open": trajectory.open,
        "every": period_data(trajectory.every),
        "span": period_data(trajectory.span),
        "stages": [_stage(s) for s in trajectory.stages],
        "extra_meetings": [_extra(m) for m in trajectory.extra_meetings],
    }


def dates_data(dated: DatedPlan) -> dict[str, Any]:
    """A dated plan as the plan's ``dates`` key holds it."""
    return {
        "start": dated.start.isoformat(),
        "every": period_data(dated.every),
        "every_source": dated.every_source,
        "skip": [d.isoformat() for d in dated.skip],
        "unused_skips": [d.isoformat() for d in dated.unused_skips],
        "meetings": [
            {
                "kind": m.kind,
                "number": m.number,
                "id": m.extra.id if m.extra else None,
                "title": m.title,
                "index": m.index,
                "of": m.of,
                "date": m.date.isoformat(),
                "weekday": m.date.isoweekday(),
                "optional": m.optional,
                "tentative": m.tentative,
                "moved_from": m.moved_from.isoformat() if m.moved_from else None,
            }
            for m in dated.meetings
        ],
        "unplaced": [
            {"id": u.meeting.id, "title": u.meeting.title, "reason": u.reason, "meeting": u.number}
            for u in dated.unplaced
        ],
    }
