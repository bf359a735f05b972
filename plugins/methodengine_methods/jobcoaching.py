"""Job coaching: a trajectory of about 8 conversations in about 6 months.

Facts, from the description of Job Coaching: a free, non-committal intake
conversation first; about 8 conversations and an assessment over about 6
months; the assessment only in agreement with the employee; one or two
follow-up conversations a few months later to see whether the results last;
if coaching must last longer, another approach is often better.

"Much longer" is this plugin's reading: more than half as long again as
the 6 months (so over 9 months), or more than 12 conversations.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Recipe, error, hookimpl, rule, warning
from methodengine_methods._common import base_recipe, trajectory_field

SOURCE = "Job Coaching, beschrijving van het traject (intake, 8-tal gesprekken, assessment, follow-up)"

MONTHS = 6
MUCH_LONGER = 1.5
CONVERSATIONS = 8
DAYS_PER_MONTH = 365.25 / 12


def _meeting(recipe: Recipe, meeting_id: str):  # type: ignore[no-untyped-def]
    assert recipe.trajectory is not None
    return next(m for m in recipe.trajectory.extra_meetings if m.id == meeting_id)


@rule("intake-first", "A free intake comes before the first conversation.", source=SOURCE, needs_meetings=["intake"])
def intake_first(recipe: Recipe) -> Iterator[Diagnostic]:
    intake = _meeting(recipe, "intake")
    at = intake.at
    if at is None or at.relation != "before" or at.meeting_number(None) != 1:
        yield error(
            f"the intake comes first, but it is placed {at or 'nowhere'}",
            at.position if at else intake.position,
            hint="write `at: before meeting 1`",
        )


@rule(
    "assessment-by-agreement",
    "An assessment only in agreement with the employee.",
    source=SOURCE,
    needs_meetings=["assessment"],
)
def assessment_by_agreement(recipe: Recipe) -> Iterator[Diagnostic]:
    assessment = _meeting(recipe, "assessment")
    if not assessment.optional:
        yield error(
            "the assessment is planned as certain; it takes place only in agreement with the employee",
            assessment.position,
            hint="add `optional: yes` to the assessment",
        )


@rule("follow-ups", "One or two follow-ups a few months after the last conversation.", source=SOURCE,
      needs_meetings=["followup"])  # fmt: skip
def follow_ups(recipe: Recipe) -> Iterator[Diagnostic]:
    followup = _meeting(recipe, "followup")
    if followup.count.low < 1 or followup.count.high > 2:
        yield warning(
            f"job coaching plans one or two follow-ups, not {followup.count}",
            followup.position,
            hint="write `count: 1-2`",
        )
    at = followup.at
    months = (at.offset.days()[0] / DAYS_PER_MONTH) if at and at.offset else 0
    total = recipe.trajectory.meetings if recipe.trajectory else None
    after_last = at is not None and at.relation == "after" and at.meeting in ("last", total)
    if not after_last or months < 1:
        yield warning(
            "follow-ups come a few months after the last conversation",
            at.position if at else followup.position,
            hint="write `at: 3 months after last meeting`",
        )


@rule("not-much-longer", "A plan much longer than about 6 months calls for another approach.", source=SOURCE)
def not_much_longer(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None:
        return
    limit_days = MONTHS * MUCH_LONGER * DAYS_PER_MONTH
    reasons = []
    if trajectory.meetings and trajectory.meetings > CONVERSATIONS * MUCH_LONGER:
        reasons.append(f"{trajectory.meetings} conversations (about {CONVERSATIONS} is usual)")
    if trajectory.span is not None and trajectory.span.days()[0] > limit_days:
        reasons.append(f"a span of {trajectory.span} (about {MONTHS} months is usual)")
    elif trajectory.every is not None and trajectory.meetings:
        length = (trajectory.meetings - 1) * trajectory.every.days()[0]
        if length > limit_days:
            reasons.append(f"{trajectory.meetings} conversations every {trajectory.every} (over {MONTHS} months)")
    if reasons:
        too_many = trajectory.meetings is not None and trajectory.meetings > CONVERSATIONS * MUCH_LONGER
        yield warning(
            f"this plan runs much longer than usual: {'; '.join(reasons)}",
            trajectory_field(recipe, "meetings" if too_many or not trajectory.span else "span"),
            hint="if coaching must last this long, another approach or solution is often better",
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="jobcoaching",
            names={"nl": "Jobcoaching", "en": "Job coaching"},
            summary="Individual coaching of an employee: a free intake, about 8 conversations and an optional "
            "assessment over about 6 months, and one or two follow-ups months later.",
            source=SOURCE,
            base_recipe=base_recipe("jobcoaching"),
            rules=(intake_first, assessment_by_agreement, follow_ups, not_much_longer),
            meetings={
                "intake": "the free intake conversation, before meeting 1",
                "assessment": "the assessment, only by agreement (`optional: yes`)",
                "followup": "the follow-up conversations after the last meeting",
            },
        )
    ]
