"""From the run state to the run log: what the meeting's :class:`~methodengine.run.clock.Meeting` saw, as records.

Apart from the clock so that the clock stays free of the log's classes and
the log free of the run state: the log (:mod:`methodengine.run.log`) is what
``schedule --log`` reads back, and it keeps only what happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from methodengine.run.log import (
    CatchUp,
    Decision,
    PhaseRecord,
    RoundsRecord,
    RunLog,
    SkippedPhase,
    SkipReason,
    TurnRecord,
)

PASSED_OVER = 3.0
"""Seconds under which a phase counts as passed over rather than held: ``n`` pressed twice skips one."""

if TYPE_CHECKING:
    import datetime as dt

    from methodengine.run.clock import Meeting, Step, _Held


def run_log(meeting: Meeting, recipe_path: str, finished: bool) -> RunLog:
    """The log of ``meeting`` as it stands now; ``finished`` says it was run to its end rather than ended early."""
    now = meeting.now()
    plan = meeting.plan
    start = meeting.meeting_start()
    planned_start = meeting.planned_start()
    phases: list[PhaseRecord] = []
    skipped: list[SkippedPhase] = []
    for step, held in zip(meeting.steps, meeting.held, strict=True):
        if held.start is not None and held.elapsed >= PASSED_OVER:
            phases.append(_phase(step, held, planned_start, now))
        else:  # every phase not held is in `skipped`, with why
            reason = cast("SkipReason | None", held.skipped) or _not_held(meeting, step, held, finished)
            skipped.append(SkippedPhase(step.phase.number, step.phase.id, step.phase.title, step.round, reason))
    phases.sort(key=lambda p: p.start)
    known_end = meeting.planned_clock_end is not None or meeting.duration is not None
    return RunLog(
        recipe_path=recipe_path,
        recipe_title=plan.recipe.title,
        method=plan.recipe.method,
        language=plan.options.language,
        meeting=plan.meeting.number if plan.meeting is not None else None,
        meetings_of=plan.meeting.of if plan.meeting is not None else None,
        group=plan.options.group,
        planned_start=planned_start,
        start=start,
        planned_end=meeting.planned_end() if known_end else None,
        end=now,
        finished=finished,
        phases=tuple(phases),
        skipped=tuple(skipped),
        rounds=_rounds(meeting),
        decisions=_decisions(meeting),
        catch_ups=tuple(
            CatchUp(c.at, tuple((meeting.steps[i].phase.number, float(m)) for i, m in c.minutes))
            for c in meeting.catch_ups
        ),
    )


def _phase(step: Step, held: _Held, planned_start: dt.datetime, now: dt.datetime) -> PhaseRecord:
    import datetime as dt

    assert held.start is not None
    turns = tuple(
        TurnRecord(n + 1, step.turns or 0, held.turn_starts[n], held.turn_ends[n], held.turn_seconds.get(n, 0.0) / 60)
        for n in sorted(held.turn_starts)
    )
    return PhaseRecord(
        number=step.phase.number,
        id=step.phase.id,
        title=step.phase.title,
        round=step.round,
        planned_start=planned_start + dt.timedelta(minutes=step.planned_start),
        planned_minutes=float(step.planned),
        allotted_minutes=float(held.allotted),
        start=held.start,
        end=held.end or now,
        minutes=held.elapsed / 60,
        turns=turns,
    )


def _not_held(meeting: Meeting, step: Step, held: _Held, finished: bool) -> SkipReason:
    """Why a phase that nobody skipped on purpose was not held: passed over with ``n``, or not reached.

    A meeting ended early never reached the phase it was in for under
    :data:`PASSED_OVER` seconds, nor those after it that ``n`` never passed.
    """
    if finished or step.index < meeting.index or (step.index > meeting.index and held.start is not None):
        return "skipped"
    return "not-reached"


def _rounds(meeting: Meeting) -> tuple[RoundsRecord, ...]:
    found: dict[str, tuple[str, int, set[int]]] = {}
    for step, held in zip(meeting.steps, meeting.held, strict=True):
        block = step.phase.rounds
        if block is None or step.round is None:
            continue
        rounds = found.setdefault(block.id, (block.title, step.rounds_of or 0, set()))
        if held.elapsed >= PASSED_OVER:
            rounds[2].add(step.round)
    return tuple(RoundsRecord(block, title, planned, len(held)) for block, (title, planned, held) in found.items())


def _decisions(meeting: Meeting) -> tuple[Decision, ...]:
    out = []
    for (index, role_id), (decision, at) in sorted(meeting.decisions.items(), key=lambda kv: kv[1][1]):
        role = meeting.plan.role(role_id)
        out.append(Decision(meeting.steps[index].phase.number, role_id, role.name if role else role_id, decision, at))
    return tuple(out)
