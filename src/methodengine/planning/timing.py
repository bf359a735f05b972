"""How long a meeting takes, as a range, from the time boxes that apply to it.

Counts are often uncertain (a group of 4-7, 1-2 rounds), so every figure is
a Range and the arithmetic keeps both ends exact; nothing is averaged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from methodengine.model import EVERYONE, ONE, ZERO, Range, Recipe, Step, TimeBox


def role_counts(recipe: Recipe, group: Range | None = None) -> dict[str, Range]:
    """How many people hold each role.

    A non-facilitator role without a ``count`` is the open role: it holds
    the rest of the group. ``group`` overrides the recipe's group size.
    A facilitator role without a count has the recipe's ``facilitators``.
    """
    group = group or recipe.group
    counts: dict[str, Range] = {}
    fixed = [r for r in recipe.roles if r.count is not None and not r.facilitator]
    taken = sum((r.count for r in fixed if r.count is not None), ZERO)
    for role in recipe.roles:
        if role.id in counts:
            continue
        if role.count is not None:
            counts[role.id] = role.count
        elif role.facilitator:
            counts[role.id] = recipe.facilitators or ONE
        elif group is not None:
            high = max(group.high - taken.low, 0)
            counts[role.id] = Range(min(max(group.low - taken.high, 0), high), high)
        else:
            counts[role.id] = ONE
    members = sum((c for r, c in counts.items() if not _is_facilitator(recipe, r)), ZERO)
    counts[EVERYONE] = group if group is not None else (members if recipe.roles else ONE)
    return counts


def _is_facilitator(recipe: Recipe, role_id: str) -> bool:
    role = recipe.role(role_id)
    return role is not None and role.facilitator


def timebox_minutes(timebox: TimeBox, counts: Mapping[str, Range]) -> Range:
    """A time box in minutes; ``per ROLE`` multiplies by that role's count."""
    minutes = timebox.duration.minutes
    if timebox.per is None:
        return minutes
    return minutes * counts.get(timebox.per, ONE)


def step_minutes(step: Step, counts: Mapping[str, Range]) -> Range:
    """The time one step of a meeting takes: its phases' time boxes, times its rounds."""
    once = sum((timebox_minutes(p.timebox, counts) for p in step.phases), ZERO)
    return once if step.rounds is None else once * step.rounds


def planned_minutes(
    recipe: Recipe,
    meeting: int | None = None,
    counts: Mapping[str, Range] | None = None,
    rounds: Range | None = None,
) -> Range:
    """The planned time of one meeting: its applicable time boxes summed.

    ``rounds`` overrides every rounds block's count (the trainer knows how
    many turns there will be tonight).
    """
    counts = counts if counts is not None else role_counts(recipe)
    return sum((step_minutes(step, counts) for step in recipe.walk(meeting, rounds)), ZERO)


def meetings_minutes(
    recipe: Recipe,
    meetings: Iterable[int | None],
    counts: Mapping[str, Range],
    rounds: Range | None = None,
) -> list[tuple[int | None, Range]]:
    """``planned_minutes`` of each meeting, each time box worked out once for the whole series.

    A recipe without ``when`` has the same agenda in every meeting: it is
    walked once. ``check`` times every meeting of every file, so this is on
    its hot path.
    """
    boxes = [timebox_minutes(p.timebox, counts) for p in recipe.phases()]
    meetings = list(meetings)
    if all(item.when is None for item in recipe.items()):
        same = _walked_minutes(recipe.walk(None, rounds), boxes)
        return [(m, same) for m in meetings]
    return [(m, _walked_minutes(recipe.walk(m, rounds), boxes)) for m in meetings]


def _walked_minutes(steps: Iterable[Step], boxes: list[Range]) -> Range:
    """The steps' time, in plain integers, from each phase's minutes (``boxes``, by place in ``phases()``)."""
    low = high = 0
    for step in steps:
        once_low = sum(boxes[i].low for i in step.indexes)
        once_high = sum(boxes[i].high for i in step.indexes)
        if step.rounds is None:
            low, high = low + once_low, high + once_high
        else:
            low, high = low + once_low * step.rounds.low, high + once_high * step.rounds.high
    return Range(low, high)


def meeting_numbers(recipe: Recipe) -> list[int | None]:
    """The meetings whose plan can differ: 1..N for a series, [None] for one meeting.

    An open series is planned up to one past the highest meeting any
    ``when`` names, which covers every distinct agenda it can have.
    """
    trajectory = recipe.trajectory
    if trajectory is None:
        return [None]
    if trajectory.meetings is not None:
        return list(range(1, trajectory.meetings + 1))
    named = (n for item in recipe.items() if item.when for s in item.when.selectors for n in s.numbers())
    return list(range(1, max(named, default=0) + 2))


def group_runs(plans: list[tuple[int | None, Range]]) -> list[tuple[Range | None, Range]]:
    """Consecutive meetings with the same planned time, as (meetings, minutes) runs."""
    runs: list[tuple[Range | None, Range]] = []
    for meeting, minutes in plans:
        if meeting is None:
            runs.append((None, minutes))
        elif runs and runs[-1][0] is not None and runs[-1][1] == minutes and runs[-1][0].high == meeting - 1:
            start = runs[-1][0]
            runs[-1] = (Range(start.low, meeting), minutes)
        else:
            runs.append((Range.of(meeting), minutes))
    return runs
