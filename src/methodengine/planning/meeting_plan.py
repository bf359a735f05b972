"""The meeting plan: a resolved recipe with counts, rounds and times worked out, as typed data.

:func:`~methodengine.planning.planner.plan_meeting` makes it from a resolved
recipe and the trainer's options; it is the same for every language and output format. The card
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
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from methodengine.model import (
    EVERYONE,
    ZERO,
    Checkpoint,
    Phase,
    Range,
    Role,
    Rounds,
    ScriptLine,
    Stage,
    TimeBox,
    Trajectory,
    When,
)
from methodengine.planning.card_kinds import KINDS
from methodengine.planning.occurrences import END, schedule
from methodengine.planning.options import CardOptions, clock
from methodengine.planning.plan_data import dates_data, script_data, span, stage_data, trajectory_data, when_data

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan
    from methodengine.planning.planner import build_plan, plan_meeting

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
        return {"id": self.id, "title": self.title, "count": span(self.count), "when": when_data(self.when)}


@frozen
class PlannedPhase:
    """A phase as it runs: its number in the plan, the minutes it takes with these counts, every occurrence.

    ``number`` and ``of`` count the phases of the plan (of the whole deck
    without ``--meeting``), and are what other parts of the plan refer to a
    phase by. ``place`` and ``places`` are what a reader is told: its place
    among the phases of its meeting and how many that meeting has (ranges
    over the meetings it runs in), so that in a series whose first meeting
    has *Spelregels* where the others have *Terugkoppeling* both are phase 1
    of 11, not 1 and 2 of 12; ``alternatives`` are the numbers of the phases
    that take its place in the other meetings.
    """

    number: int
    of: int
    phase: Phase
    minutes: Range
    rounds: PlannedRounds | None
    occurrences: tuple[PlannedOccurrence, ...]
    place: Range
    places: Range
    alternatives: tuple[int, ...] = ()

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
            "place": span(self.place),
            "places": span(self.places),
            "alternatives": list(self.alternatives),
            "id": self.id,
            "title": self.title,
            "checkpoint": self.checkpoint,
            "timebox": {"minutes": span(self.timebox.duration.minutes), "per": self.timebox.per},
            "minutes": span(self.minutes),
            "when": when_data(self.when),
            "rounds": self.rounds.to_data() if self.rounds is not None else None,
            "lead": self.lead,
            "speak": list(self.speak),
            "listen": list(self.listen),
            "outside": list(self.outside),
            "decide": list(self.decide),
            "groups": self.groups,
            "space": self.space,
            "script": script_data(self.script),
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
    meeting_word: tuple[str, str] | None = None
    """The word for one meeting and for several (``gesprek``, ``gesprekken``): the recipe's, else its method's; None
    when neither says, so that the output's own (``bijeenkomst``/``meeting``) applies."""

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
            "meeting_word": list(self.meeting_word) if self.meeting_word else None,
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
            "stage": stage_data(self.stage) if self.stage else None,
            "date": self.date.isoformat() if self.date else None,
        }


@frozen
class CardRef:
    """A card of the deck: its kind, and the phase number, role id or extra meeting's id it shows."""

    kind: str
    phase: int | None = None
    role: str | None = None
    extra: str | None = None

    def to_data(self) -> dict[str, Any]:
        if self.phase is not None:
            return {"kind": self.kind, "phase": self.phase}
        if self.role is not None:
            return {"kind": self.kind, "role": self.role}
        if self.extra is not None:
            return {"kind": self.kind, "extra": self.extra}
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
                "extra": options.extra,
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


def __getattr__(name: str) -> Any:
    # The function that makes the plan lives in planner.py, which needs the classes above; it is
    # found here too, as before, for code that imports it from this module.
    if name in ("plan_meeting", "build_plan"):
        from methodengine.planning import planner

        value = getattr(planner, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'methodengine.planning.meeting_plan' has no attribute {name!r}")
