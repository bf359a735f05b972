"""What run logs say about a series: which meetings were held, when, and whether a checkpoint said stop.

``methodengine schedule --log FILE`` (repeatable) reads the logs that
``methodengine run --log FILE`` wrote. A meeting a log covers is marked held
in the dated plan and gets the times it was really held (a calendar event
keeps its UID, so importing the plan again updates the event); for an open
trajectory (``meetings: open``) the plan ends with a held meeting whose
checkpoint said stop, and the meeting after a held one whose checkpoint said
go on is no longer tentative.

A log that cannot be read is the log reader's usage error (exit 2); a log
that does not fit the recipe (another recipe, a meeting the series does not
have, two logs of one meeting) is a :class:`LogMismatchError` (exit 1),
since it is the trainer's material, not the command line, that disagrees.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
from attrs import frozen

from methodengine.diagnostics import error
from methodengine.errors import PlanError
from methodengine.i18n import _

if TYPE_CHECKING:
    from methodengine.model import Recipe
    from methodengine.planning.dated_plan import DatedPlan
    from methodengine.run.log import Decision, RunLog


@frozen
class Held:
    """A meeting of the series that a run log says was held: when, how it ended, and what was decided.

    ``planned_start`` is the start the run was planned from (``run --start``);
    ``log`` the file the log was read from.
    """

    number: int
    start: dt.datetime
    end: dt.datetime
    planned_start: dt.datetime
    finished: bool
    decisions: tuple[Decision, ...]
    log: str
    ends_series: bool = False
    """The series ends with this meeting: an open one whose checkpoint said stop (set by :func:`mark_held`).

    A stop in a fixed series is recorded (``stopped``) but ends nothing: the
    recipe fixes the number of meetings.
    """

    @property
    def stopped(self) -> bool:
        """A deciding role said stop at the checkpoint (the series goes on only when all of them say go on)."""
        return any(d.decision == "stop" for d in self.decisions)

    @property
    def went_on(self) -> bool:
        """Every deciding role said go on: the next meeting takes place."""
        return bool(self.decisions) and not self.stopped

    def to_data(self) -> dict[str, Any]:
        """The held meeting as ``schedule --format json`` writes it under ``held``."""
        return {
            "start": self.start.isoformat(timespec="minutes"),
            "end": self.end.isoformat(timespec="minutes"),
            "planned_start": self.planned_start.isoformat(timespec="minutes"),
            "finished": self.finished,
            "stopped": self.stopped,
            "ends_series": self.ends_series,
            "decisions": [{"role": d.role, "name": d.name, "decision": d.decision} for d in self.decisions],
            "log": self.log,
        }


class LogMismatchError(PlanError):
    """A run log that does not fit the recipe being scheduled (exit 1, code ``run-log-mismatch``)."""

    def __init__(self, path: str, message: str, hint: str | None = None) -> None:
        super().__init__([error(message, None, hint, code="run-log-mismatch")], path=path)


def check_not_a_log(output: Path, logs: Iterable[str | Path]) -> None:
    """Refuse an output file that is one of the logs being read: the plan would take the log's place.

    The same inode counts, however it is spelt. Raises ``click.UsageError`` (exit 2).
    """
    import os

    import click

    try:
        target = os.stat(output)
    except OSError:
        return  # a new file
    for log in logs:
        try:
            found = os.stat(log)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            raise click.UsageError(
                _(
                    "{output} is the run log {log} being read; choose another output file",
                    output=str(output),
                    log=str(log),
                )
            )


def read_held(recipe: Recipe, paths: Iterable[str | Path]) -> dict[int, Held]:
    """The meetings the logs in ``paths`` say were held, by number; each log read and checked against ``recipe``.

    Raises ``LogError`` (exit 2) for a log that cannot be read and
    :class:`LogMismatchError` (exit 1) for one that does not fit.
    """
    from methodengine.run.log import read_log

    return held_meetings(recipe, [(str(path), read_log(path)) for path in paths])


def held_meetings(recipe: Recipe, logs: Iterable[tuple[str, RunLog]]) -> dict[int, Held]:
    """The meetings ``logs`` (each with the file it came from) say were held; see :func:`read_held`."""
    trajectory = recipe.trajectory
    total = trajectory.meetings if trajectory is not None else None
    found: dict[int, Held] = {}
    for path, log in logs:
        if log.recipe_title == recipe.title and log.method != recipe.method:
            raise LogMismatchError(
                path,
                _(
                    "the log {path} is of a meeting with the method `{logged}`, and `{title}` follows `{method}`",
                    path=path,
                    logged=log.method or "-",
                    title=recipe.title,
                    method=recipe.method or "-",
                ),
                _(
                    "give the logs of this recipe's meetings, or schedule the recipe the log is of ({file})",
                    file=log.recipe_path,
                ),
            )
        if log.recipe_title != recipe.title:
            raise LogMismatchError(
                path,
                _(
                    "the log {path} is of a meeting of `{logged}`, not of `{title}`",
                    path=path,
                    logged=log.recipe_title,
                    title=recipe.title,
                ),
                _(
                    "give the logs of this recipe's meetings, or schedule the recipe the log is of ({file})",
                    file=log.recipe_path,
                ),
            )
        if log.meeting is None:
            raise LogMismatchError(
                path,
                _("the log {path} does not say which meeting of the series it is", path=path),
                _("run the meeting with --meeting N, so that its log says which one it was"),
            )
        if total is not None and log.meeting > total:
            raise LogMismatchError(
                path,
                _(
                    "the log {path} is of meeting {number}, but `{title}` has {total} meetings",
                    path=path,
                    number=log.meeting,
                    title=recipe.title,
                    total=total,
                ),
            )
        if not log.phases:
            raise LogMismatchError(
                path,
                _(
                    "the log {path} holds no phase held: meeting {number} was never started",
                    path=path,
                    number=log.meeting,
                ),
                _("leave this log out; a meeting is marked held only from the log of one that ran"),
            )
        earlier = found.get(log.meeting)
        if earlier is not None:
            raise LogMismatchError(
                path,
                _(
                    "the logs {first} and {path} are both of meeting {number}",
                    first=earlier.log,
                    path=path,
                    number=log.meeting,
                ),
                _("give one log per meeting"),
            )
        found[log.meeting] = Held(
            number=log.meeting,
            start=log.start,
            end=log.end,
            planned_start=log.planned_start,
            finished=log.finished,
            decisions=log.decisions,
            log=path,
        )
    return dict(sorted(found.items()))


def held_warnings(held: Mapping[int, Held]) -> list[str]:
    """What looks wrong in the logs taken together, though each fits: two meetings held on one day, or out of order.

    Said as warnings (the plan is still made): a log given for the wrong
    meeting number is the usual cause.
    """
    out: list[str] = []
    by_day: dict[dt.date, Held] = {}
    for held_one in held.values():
        day = held_one.start.date()
        other = by_day.get(day)
        if other is not None:
            out.append(
                _(
                    "the logs {first} and {second} are of meetings {a} and {b}, both held on {day}",
                    first=other.log,
                    second=held_one.log,
                    a=other.number,
                    b=held_one.number,
                    day=day.isoformat(),
                )
            )
        by_day.setdefault(day, held_one)
    ordered = sorted(held.values(), key=lambda h: h.number)
    for before, after in itertools.pairwise(ordered):
        if after.start.date() < before.start.date():
            out.append(
                _(
                    "meeting {later} ({log}) was held on {day}, before meeting {earlier} on {earlier_day}",
                    later=after.number,
                    log=after.log,
                    day=after.start.date().isoformat(),
                    earlier=before.number,
                    earlier_day=before.start.date().isoformat(),
                )
            )
    return out


def stopped_at(recipe: Recipe, held: Mapping[int, Held]) -> int | None:
    """In an open series, the held meeting whose checkpoint said stop: the last meeting of the series.

    Only the last meeting held counts: a later meeting held means the group
    went on after all.
    """
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.meetings is not None or not held:
        return None
    last = held[max(held)]
    return last.number if last.stopped else None


def meetings_to_plan(recipe: Recipe, held: Mapping[int, Held], asked: int | None) -> int | None:
    """How many meetings of an open series to date, given what was held (``asked``: ``--meetings``).

    The held meetings, and one more unless the last one's checkpoint said
    stop; at least ``asked``, except past a stop. A fixed series keeps its own
    number (None).
    """
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.meetings is not None or not held:
        return asked
    last = max(held)
    if stopped_at(recipe, held) is not None:
        return last
    return max(asked or 1, last + 1)


def mark_held(plan: DatedPlan, held: Mapping[int, Held]) -> DatedPlan:
    """The plan with each held meeting marked and given its real times; an open series ends at a stop.

    A held meeting keeps its key and UID; its date and times become those it
    was held at, and it is no longer tentative. The meeting after a held one
    whose checkpoint said go on is no longer tentative either.
    """
    if not held:
        return plan
    stop = stopped_at(plan.recipe, held)
    meetings = []
    for meeting in plan.meetings:
        number = meeting.number if meeting.kind == "meeting" else None
        if number is not None and stop is not None and number > stop:
            continue
        found = held.get(number) if number is not None else None
        if found is not None:
            meeting = attrs.evolve(
                meeting,
                held=attrs.evolve(found, ends_series=number == stop),
                date=found.start.date(),
                start=found.start,
                end=found.end,
                tentative=False,
                last=meeting.last or number == stop,
            )
        elif number is not None and meeting.tentative and (before := held.get(number - 1)) and before.went_on:
            meeting = attrs.evolve(meeting, tentative=False)
        meetings.append(meeting)
    series = [m for m in meetings if m.kind == "meeting"]
    return attrs.evolve(
        plan,
        meetings=tuple(sorted(meetings, key=lambda m: m.date)),  # a held meeting may have moved
        planned=len(series),
        tentative=any(m.tentative for m in series),
        held=tuple(m.held for m in series if m.held is not None),
        stopped=stop,
    )


def dated_plan_with_logs(
    recipe: Recipe, start: dt.date | str, logs: Sequence[str | Path] = (), **options: Any
) -> DatedPlan:
    """``dated_plan(recipe, start, **options)`` with what the run logs in ``logs`` say marked in it.

    ``options`` are :func:`~methodengine.planning.dated_plan.dated_plan`'s
    (``at``, ``every``, ``skip``, ``meetings``, ``series``). For an open
    series the number of meetings dated follows the logs: the held ones and
    the next, or up to the one whose checkpoint said stop.
    """
    from methodengine.planning.dated_plan import dated_plan

    trajectory = recipe.trajectory
    if trajectory is None or not logs:
        return dated_plan(recipe, start, **options)  # without a series there is nothing to hold logs against
    held = read_held(recipe, logs)
    if trajectory.meetings is None:
        options["meetings"] = meetings_to_plan(recipe, held, options.get("meetings"))
    return mark_held(dated_plan(recipe, start, **options), held)
