"""The meeting plan: a resolved recipe with counts, rounds and times worked out.

The plan is plain data (dicts, lists, strings, numbers), the same for every
language and output format: ``--format json`` writes it as it is, and the
card builders in :mod:`methodengine.output.cards.content` turn it into cards. Its
structure is documented in ``docs/cards.md``.

Times are minutes from the start of the meeting, as ``{"low", "high"}``
ranges: with a group of 4-7, a phase of ``3 min per deelnemer`` takes 6-15
minutes, and everything after it starts within a range. ``--group`` and
``--rounds`` make the counts exact, and with them the times.

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

from attrs import frozen

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
    Rounds,
    Stage,
    Trajectory,
    When,
)
from methodengine.output.cards.constants import KINDS
from methodengine.planning import timing

if TYPE_CHECKING:
    from methodengine.planning.dated_plan import DatedPlan

SCHEMA = "methodengine-cards-plan"
SCHEMA_VERSION = 1

DOES = ("lead", "speak", "listen", "outside", "decide")
"""What a role can do in a phase, in the order a card names them."""

END = None
"""A "next phase" of None: the meeting ends."""


@frozen
class CardOptions:
    """What the trainer asked for on the command line."""

    language: str = "nl"
    start: int | None = None
    """The meeting's start as minutes after midnight (``19:30`` is 1170)."""
    group: int | None = None
    rounds: int | None = None
    meeting: int | None = None
    only: tuple[str, ...] = KINDS
    paper: str = "a6"
    start_date: dt.date | str | None = None
    """The date of the first meeting of the series: the cards carry the dates ``schedule`` gives."""
    every: Period | str | None = None
    """With ``start_date``: the cadence, as ``schedule --every`` takes it."""
    skip: tuple[dt.date | str, ...] = ()
    """With ``start_date``: dates on which no meeting may fall, as ``schedule --skip`` takes them."""


def span(value: Range) -> dict[str, int]:
    return {"low": value.low, "high": value.high}


def hull(values: Iterable[Range]) -> Range:
    values = list(values)
    return Range(min(v.low for v in values), max(v.high for v in values))


def clock(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM``; past midnight wraps to the next day."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# ---------------------------------------------------------------- scheduling one meeting


@frozen
class _Occurrence:
    """One time a phase runs in one meeting: in a round or not, when, and what may follow."""

    phase: int
    round: int | None
    optional: bool
    start: Range
    end: Range
    next: tuple[tuple[int, int | None] | None, ...]


def schedule(
    recipe: Recipe,
    meeting: int | None,
    counts: Mapping[str, Range],
    rounds: int | None = None,
) -> list[_Occurrence]:
    """Every occurrence of a phase in one meeting, in the order they run."""
    # The steps that run: a rounds block without phases, or of no rounds, has nothing to time.
    items = [s for s in recipe.walk(meeting, rounds) if s.phases and (s.rounds is None or s.rounds.high > 0)]

    def entries(k: int) -> tuple[tuple[int, int | None] | None, ...]:
        """What can come first from item ``k`` on: a rounds block that may not run lets the next one in."""
        if k >= len(items):
            return (END,)
        step = items[k]
        if step.rounds is None:
            return ((step.indexes[0], None),)
        first = ((step.indexes[0], 1),)
        return first + entries(k + 1) if step.rounds.low == 0 else first

    found: list[_Occurrence] = []
    offset = ZERO
    for k, step in enumerate(items):
        after = entries(k + 1)
        phases, count = list(step.numbered()), step.rounds
        if count is None:
            index, phase = phases[0]
            end = offset + timing.timebox_minutes(phase.timebox, counts)
            found.append(_Occurrence(index, None, False, offset, end, after))
            offset = end
            continue
        once = sum((timing.timebox_minutes(p.timebox, counts) for _, p in phases), ZERO)
        for number in range(1, count.high + 1):
            at = offset + once * Range.of(number - 1)
            for j, (index, phase) in enumerate(phases):
                end = at + timing.timebox_minutes(phase.timebox, counts)
                if j + 1 < len(phases):
                    nxt: tuple[tuple[int, int | None] | None, ...] = ((phases[j + 1][0], number),)
                else:
                    nxt = ((phases[0][0], number + 1),) if number < count.high else ()
                    if number >= count.low:
                        nxt += after
                found.append(_Occurrence(index, number, number > count.low, at, end, nxt))
                at = end
        offset = offset + once * count
    return found


# ---------------------------------------------------------------- the plan


def build_plan(recipe: Recipe, options: CardOptions, method: Any = None) -> dict[str, Any]:
    """The meeting plan of ``recipe`` (its method already applied) for ``options``.

    Raises RecipeValueError when ``options.rounds`` takes the planned rows past their limit.
    """
    if options.rounds is not None:  # the recipe's own rows are bounded when it is read; --rounds may add more
        from methodengine.language.totals import check_rows

        check_rows(recipe, options.rounds, options.meeting)
    group = Range.of(options.group) if options.group is not None else None
    counts = timing.role_counts(recipe, group)
    rounds = Range.of(options.rounds) if options.rounds is not None else None
    meetings = [options.meeting] if options.meeting is not None else timing.meeting_numbers(recipe)
    trajectory = recipe.trajectory

    # Every meeting's schedule, merged per (phase, round).
    merged: dict[tuple[int, int | None], dict[str, Any]] = {}
    for meeting in meetings:
        for occ in schedule(recipe, meeting, counts, options.rounds):
            slot = merged.setdefault((occ.phase, occ.round), {"starts": [], "ends": [], "optional": False, "next": []})
            slot["starts"].append(occ.start)
            slot["ends"].append(occ.end)
            slot["optional"] = slot["optional"] or occ.optional
            for nxt in occ.next:
                if nxt not in slot["next"]:
                    slot["next"].append(nxt)

    all_phases = list(recipe.phases())
    present = sorted({index for index, _ in merged})
    numbers = {index: n for n, index in enumerate(present, start=1)}
    blocks = {index: step.block for step in recipe.walk() for index in step.indexes}

    def ref(nxt: tuple[int, int | None] | None) -> dict[str, Any] | None:
        if nxt is None:
            return None
        index, number = nxt
        return {"phase": numbers[index], "title": all_phases[index].title, "round": number}

    by_phase: dict[int, list[tuple[int | None, dict[str, Any]]]] = {}
    for (index, number), slot in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        by_phase.setdefault(index, []).append((number, slot))

    phases: list[dict[str, Any]] = []
    for index in present:
        occurrences = []
        for number, slot in by_phase[index]:
            start, end = hull(slot["starts"]), hull(slot["ends"])
            occurrence: dict[str, Any] = {
                "round": number,
                "optional": slot["optional"],
                "start": span(start),
                "end": span(end),
                "next": [ref(n) for n in slot["next"]],
            }
            if options.start is not None:
                occurrence["clock"] = {
                    "start": {"low": clock(options.start + start.low), "high": clock(options.start + start.high)},
                    "end": {"low": clock(options.start + end.low), "high": clock(options.start + end.high)},
                }
            occurrences.append(occurrence)
        phase, block = all_phases[index], blocks[index]
        phases.append(_phase(phase, numbers[index], len(present), block, counts, occurrences, options.rounds))

    plans = [(m, timing.planned_minutes(recipe, m, counts, rounds)) for m in meetings]
    totals = []
    for m, minutes in timing.group_runs(plans):
        total: dict[str, Any] = {"meetings": span(m) if m is not None else None, "minutes": span(minutes)}
        if options.start is not None:
            start = clock(options.start)
            total["clock"] = {
                "start": {"low": start, "high": start},
                "end": {"low": clock(options.start + minutes.low), "high": clock(options.start + minutes.high)},
            }
        totals.append(total)
    if trajectory is not None and trajectory.meetings is None and options.meeting is None and totals:
        totals[-1]["and_later"] = True
    dated = _dated(recipe, options)

    plan: dict[str, Any] = {
        "schema": SCHEMA,
        "version": SCHEMA_VERSION,
        "recipe": _recipe(recipe, method),
        "options": {
            "language": options.language,
            "start": clock(options.start) if options.start is not None else None,
            "group": options.group,
            "rounds": options.rounds,
            "meeting": options.meeting,
            "only": list(options.only),
        },
        "group": span(group or recipe.group) if (group or recipe.group) else None,
        "meeting": _meeting(recipe, options.meeting, dated),
        "roles": [_role(recipe, role.id, counts, phases, (group or recipe.group) is not None) for role in recipe.roles],
        "everyone": span(counts[EVERYONE]),
        "agenda": _agenda(recipe, numbers, options.rounds),
        "phases": phases,
        "totals": totals,
        "trajectory": _trajectory(trajectory) if trajectory else None,
        "dates": _dates(dated) if dated is not None else None,
    }
    plan["cards"] = _cards(plan, options.only)
    return plan


def _recipe(recipe: Recipe, method: Any) -> dict[str, Any]:
    names = dict(method.names) if method is not None else None
    return {
        "title": recipe.title,
        "method": recipe.method,
        "method_names": {k: names[k] for k in sorted(names)} if names else None,
        "language": recipe.language,
        "summary": recipe.summary,
        "source": recipe.source or (method.source if method is not None else None),
        "group": span(recipe.group) if recipe.group else None,
        "facilitators": span(recipe.facilitators) if recipe.facilitators else None,
        "duration": span(recipe.duration.minutes) if recipe.duration else None,
    }


def _when(when: When | None) -> list[dict[str, Any]] | None:
    if when is None:
        return None
    return [{"kind": s.kind, "meetings": span(s.meetings) if s.meetings is not None else None} for s in when.selectors]


def _phase(
    phase: Phase,
    number: int,
    total: int,
    block: Rounds | None,
    counts: Mapping[str, Range],
    occurrences: list[dict[str, Any]],
    rounds: int | None,
) -> dict[str, Any]:
    checkpoint = isinstance(phase, Checkpoint)
    return {
        "number": number,
        "of": total,
        "id": phase.id,
        "title": phase.title,
        "checkpoint": checkpoint,
        "timebox": {"minutes": span(phase.timebox.duration.minutes), "per": phase.timebox.per},
        "minutes": span(timing.timebox_minutes(phase.timebox, counts)),
        "when": _when(phase.when),
        "rounds": (
            {
                "id": block.id,
                "title": block.title,
                "count": span(Range.of(rounds) if rounds is not None else block.count),
                "when": _when(block.when),
            }
            if block is not None
            else None
        ),
        "lead": phase.lead,
        "speak": list(phase.speak),
        "listen": list(phase.listen),
        "outside": list(phase.outside),
        "decide": list(phase.decide) if isinstance(phase, Checkpoint) else [],
        "groups": phase.groups,
        "space": phase.space,
        "script": [{"kind": line.kind, "text": line.text} for line in phase.script],
        "occurrences": occurrences,
    }


def does(role_id: str, phase: Mapping[str, Any]) -> list[str]:
    """What a role does in a phase (``lead``, ``speak``, ...); ``everyone`` includes it."""
    found = []
    for what in DOES:
        value = phase[what]
        names = [value] if isinstance(value, str) else (value or [])
        if role_id in names or (what != "lead" and EVERYONE in names):
            found.append(what)
    return found


def _role(
    recipe: Recipe,
    role_id: str,
    counts: Mapping[str, Range],
    phases: list[dict[str, Any]],
    group_known: bool,
) -> dict[str, Any]:
    role = recipe.role(role_id)
    assert role is not None
    is_open = role.count is None and not role.facilitator
    return {
        "id": role.id,
        "name": role.name,
        "count": None if is_open and not group_known else span(counts[role.id]),
        "open": is_open,
        "facilitator": role.facilitator,
        "brief": role.brief,
        "tasks": [{"phase": p["number"], "does": does(role.id, p)} for p in phases],
    }


def _agenda(recipe: Recipe, numbers: Mapping[int, int], rounds: int | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for step in recipe.walk(rounds=rounds):
        shown = [numbers[i] for i in step.indexes if i in numbers]
        if not shown:
            continue
        item = step.item
        if step.rounds is not None:
            out.append(
                {
                    "type": "rounds",
                    "id": item.id,
                    "title": item.title,
                    "count": span(step.rounds),
                    "when": _when(item.when),
                    "phases": shown,
                }
            )
        else:
            out.append({"type": "phase", "phase": shown[0]})
    return out


def _stage(stage: Stage) -> dict[str, Any]:
    return {
        "id": stage.id,
        "title": stage.title,
        "meetings": span(stage.meetings),
        "focus": stage.focus,
        "summary": stage.summary,
    }


def _meeting(recipe: Recipe, number: int | None, dated: DatedPlan | None) -> dict[str, Any] | None:
    if number is None or recipe.trajectory is None:
        return None
    stage = recipe.trajectory.stage_of(number)
    date = next((m.date for m in dated.series if m.number == number), None) if dated is not None else None
    return {
        "number": number,
        "of": recipe.trajectory.meetings,
        "stage": _stage(stage) if stage else None,
        "date": date.isoformat() if date else None,
    }


def _period(period: Period | None) -> dict[str, Any] | None:
    return {"amount": span(period.amount), "unit": period.unit} if period else None


def _anchor(anchor: Anchor | None) -> dict[str, Any] | None:
    if anchor is None:
        return None
    return {"relation": anchor.relation, "meeting": anchor.meeting, "offset": _period(anchor.offset)}


def _extra(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.id,
        "title": meeting.title,
        "minutes": span(meeting.timebox.duration.minutes) if meeting.timebox else None,
        "at": _anchor(meeting.at),
        "count": span(meeting.count),
        "every": _period(meeting.every),
        "optional": meeting.optional,
        "summary": meeting.summary,
        "script": [{"kind": line.kind, "text": line.text} for line in meeting.script],
    }


def _trajectory(trajectory: Trajectory) -> dict[str, Any]:
    return {
        "meetings": trajectory.meetings,
        "open": trajectory.open,
        "every": _period(trajectory.every),
        "span": _period(trajectory.span),
        "stages": [_stage(s) for s in trajectory.stages],
        "extra_meetings": [_extra(m) for m in trajectory.extra_meetings],
    }


# ---------------------------------------------------------------- dates


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


def _dates(dated: DatedPlan) -> dict[str, Any]:
    return {
        "start": dated.start.isoformat(),
        "every": _period(dated.every),
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


def _cards(plan: Mapping[str, Any], only: Iterable[str]) -> list[dict[str, Any]]:
    wanted = set(only)
    cards: list[dict[str, Any]] = []
    if "overview" in wanted:
        cards.append({"kind": "overview"})
    for phase in plan["phases"]:
        if "phases" in wanted:
            cards.append({"kind": "phase", "phase": phase["number"]})
        if phase["checkpoint"] and phase["decide"] and "checkpoint" in wanted:
            cards.append({"kind": "checkpoint", "phase": phase["number"]})
    if "roles" in wanted:
        cards.extend({"kind": "role", "role": role["id"]} for role in plan["roles"])
    if "trajectory" in wanted and plan["trajectory"] is not None:
        cards.append({"kind": "trajectory"})
    return cards
