"""Making the meeting plan: one meeting's (or the whole deck's) occurrences merged, with counts, totals and dates.

:func:`plan_meeting` is the one function that makes a
:class:`~methodengine.planning.meeting_plan.MeetingPlan`; it times each
meeting with :func:`~methodengine.planning.occurrences.schedule` over
``Recipe.walk`` and merges the meetings of a series per phase and round.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from methodengine.model import EVERYONE, ZERO, Range, Recipe, Role, Trajectory
from methodengine.planning import timing
from methodengine.planning.meeting_plan import (
    CardRef,
    ClockRange,
    ClockWindow,
    MeetingPlan,
    MeetingRef,
    NextPhase,
    PlanAgendaItem,
    PlannedOccurrence,
    PlannedPhase,
    PlannedRole,
    PlannedRounds,
    PlanRecipe,
    RoleTask,
    Total,
    Window,
    does,
)
from methodengine.planning.occurrences import END, schedule
from methodengine.planning.options import CardOptions, clock

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan


def plan_meeting(recipe: Recipe, options: CardOptions, method: Any = None) -> MeetingPlan:
    """The meeting plan of ``recipe`` (its method already applied) for ``options``.

    Raises RecipeValueError when ``options.rounds`` takes the planned rows past
    their limit, ScheduleError when the dates of ``options.start_date``
    cannot be made, and ValueError for an ``options.extra`` the trajectory
    does not have.
    """
    if options.extra is not None and (recipe.trajectory is None or recipe.trajectory.meeting(options.extra) is None):
        raise ValueError(f"the recipe has no extra meeting {options.extra!r}")  # the command line says it first
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
    places: dict[int, list[tuple[int, int]]] = {}
    """Per phase (its place in ``Recipe.phases()``): its place among each planned meeting's phases, and their number."""
    held_in: dict[int, set[int | None]] = {}
    for meeting in meetings:
        occurrences = schedule(recipe, meeting, counts, options.rounds)
        order = list(dict.fromkeys(occ.phase for occ in occurrences))
        for place, index in enumerate(order, start=1):
            places.setdefault(index, []).append((place, len(order)))
            held_in.setdefault(index, set()).add(meeting)
        for occ in occurrences:
            slot = merged.setdefault((occ.phase, occ.round), _Slot())
            slot.starts.append(occ.start)
            slot.ends.append(occ.end)
            slot.optional = slot.optional or occ.optional
            for nxt in occ.next:
                if nxt not in slot.next:
                    slot.next.append(nxt)

    all_phases = list(recipe.phases())
    blocks = {
        index: PlannedRounds(step.block, step.rounds)
        for step in recipe.walk(rounds=rounds)
        if step.block is not None and step.rounds is not None
        for index in step.indexes
    }
    present = _held_first(sorted({index for index, _ in merged}), places, held_in, set(blocks))
    numbers = {index: n for n, index in enumerate(present, start=1)}

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
            place=Range(min(p for p, _ in places[index]), max(p for p, _ in places[index])),
            places=Range(min(n for _, n in places[index]), max(n for _, n in places[index])),
            alternatives=tuple(numbers[o] for o in present if _alternatives(index, o, places, held_in)),
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

    plans = timing.meetings_minutes(recipe, meetings, counts, rounds)
    totals = [Total(m, minutes, _window(ZERO, minutes, options.start).clock) for m, minutes in timing.group_runs(plans)]
    if trajectory is not None and trajectory.meetings is None and options.meeting is None and totals:
        totals[-1] = Total(totals[-1].meetings, totals[-1].minutes, totals[-1].clock, and_later=True)
    dated = _dated(recipe, options)
    group_used = group or recipe.group
    cards = _cards(phases, recipe.roles, trajectory, options)
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


def _held_first(
    present: list[int],
    places: Mapping[int, list[tuple[int, int]]],
    held_in: Mapping[int, set[int | None]],
    in_blocks: set[int],
) -> list[int]:
    """The phases in recipe order, but of two alternatives side by side, the one held first first.

    A recipe may write ``Terugkoppeling`` (from meeting 2) before
    ``Kennismaking`` (meeting 1); the deck puts meeting 1's first, as it
    runs. Phases of a rounds block keep their order.
    """

    def first(index: int) -> int:
        return min((m for m in held_in[index] if m is not None), default=0)

    order = list(present)
    moved = True
    while moved:
        moved = False
        for i in range(len(order) - 1):
            a, b = order[i], order[i + 1]
            if a in in_blocks or b in in_blocks or not _alternatives(a, b, places, held_in) or first(b) >= first(a):
                continue
            order[i], order[i + 1] = b, a
            moved = True
    return order


def _alternatives(
    a: int, b: int, places: Mapping[int, list[tuple[int, int]]], held_in: Mapping[int, set[int | None]]
) -> bool:
    """Whether phases ``a`` and ``b`` (indexes in ``Recipe.phases()``) are alternatives: ``Terugkoppeling`` for
    ``Spelregels``. They are when they stand at the same place in their meetings and share no meeting, so the
    deck of a series shows both at that place; the one rule for the deck's order and for each phase's
    ``alternatives``.
    """
    if a == b or held_in[a] & held_in[b]:
        return False
    return bool({p for p, _ in places[a]} & {p for p, _ in places[b]})


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
        meeting_word=recipe.meeting_word,
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
    return tuple(sorted(out, key=lambda item: item.phases[0]))  # as the phases run: alternatives held first first


def _meeting(recipe: Recipe, number: int | None, dated: DatedPlan | None) -> MeetingRef | None:
    if number is None or recipe.trajectory is None:
        return None
    date = next((m.date for m in dated.series if m.number == number), None) if dated is not None else None
    return MeetingRef(number, recipe.trajectory.meetings, recipe.trajectory.stage_of(number), date)


def _cards(
    phases: tuple[PlannedPhase, ...], roles: tuple[Role, ...], trajectory: Trajectory | None, options: CardOptions
) -> tuple[CardRef, ...]:
    """The deck: overview, phases (each checkpoint after its phase), roles, trajectory, then the extra meetings.

    The extra meetings (intake, assessment, follow-ups) count as the
    trajectory's cards for ``--only``; the cards of one meeting
    (``--meeting N``) have none, and ``--meeting ID`` is that extra meeting's
    card alone.
    """
    wanted = set(options.only)
    if options.extra is not None:
        return (CardRef("extra", extra=options.extra),) if "trajectory" in wanted else ()
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
    if "trajectory" in wanted and trajectory is not None:
        cards.append(CardRef("trajectory"))
        if options.meeting is None:
            cards.extend(CardRef("extra", extra=extra.id) for extra in trajectory.extra_meetings)
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
    return dated_plan(
        recipe,
        options.start_date,
        every=options.every,
        skip=options.skip,
        meetings=meetings,
        calendar=options.calendar,
    )


def hull(values: Iterable[Range]) -> Range:
    """The smallest range holding every one: a phase of the whole deck spans all the meetings it runs in."""
    values = list(values)
    return Range(min(v.low for v in values), max(v.high for v in values))


def _clock_range(start: int, minutes: Range) -> ClockRange:
    return ClockRange(clock(start + minutes.low), clock(start + minutes.high))


def _window(start: Range, end: Range, at: int | None) -> Window:
    if at is None:
        return Window(start, end)
    return Window(start, end, ClockWindow(_clock_range(at, start), _clock_range(at, end)))
