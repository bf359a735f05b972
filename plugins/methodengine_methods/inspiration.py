"""Inspiration groups (inspiratiegroepen).

Facts, from Streamlinks' description of inspiration groups (2007): 6 to at
most 9 participants; two facilitators; a year of 10 monthly meetings;
first reflection on one's own functioning, then taking new steps, then
reflecting and adjusting; each meeting ends by placing the experiences in a
broader societal perspective.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Range, Recipe, error, hookimpl, role_counts, rule, warning
from methodengine_methods._common import base_recipe, last_phase, trajectory_field

SOURCE = "Streamlinks, Inspiratiegroepen (2007)"

GROUP = Range(6, 9)
FACILITATORS = 2
MEETINGS = 10
STAGES = ("reflectie", "stappen", "bijstellen")
YEAR_DAYS = (350, 380)
"""A year, written as 12 months, 52 weeks or 1 year."""


@rule("group-size", "6 to at most 9 participants.", source=SOURCE)
def group_size(recipe: Recipe) -> Iterator[Diagnostic]:
    group = recipe.group
    assert group is not None  # the base recipe always gives one
    if group.high > GROUP.high:
        yield error(
            f"an inspiration group has at most {GROUP.high} participants, but this group is {group}",
            recipe.where("group"),
            hint=f"write `group: {GROUP}`",
        )
    elif group.low < GROUP.low:
        yield warning(
            f"an inspiration group has at least {GROUP.low} participants, but this group may be {group.low}",
            recipe.where("group"),
            hint=f"write `group: {GROUP}`",
        )


@rule("two-facilitators", "Two facilitators guarantee structure and depth.", source=SOURCE)
def two_facilitators(recipe: Recipe) -> Iterator[Diagnostic]:
    roles = [r for r in recipe.roles if r.facilitator]
    written = recipe.where("facilitators")
    if recipe.facilitators is not None and written is not None and written.path == recipe.path:
        count, where = recipe.facilitators, written
    elif roles:
        # `facilitators:` came from the base recipe; the roles the recipe writes say who is there.
        counts = role_counts(recipe)
        count = sum((counts[r.id] for r in roles), Range(0, 0))
        where = roles[0].position
    else:
        count = recipe.facilitators or Range(0, 0)
        where = recipe.where("facilitators")
    if count != Range(FACILITATORS, FACILITATORS):
        yield warning(
            f"an inspiration group has {FACILITATORS} facilitators, not {count}",
            where,
            hint=f"give the facilitator role `count: {FACILITATORS}` (and write `facilitators: {FACILITATORS}`)",
        )


@rule("year-of-monthly-meetings", "10 monthly meetings over one year.", source=SOURCE)
def year_of_monthly_meetings(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None:
        return
    if trajectory.meetings != MEETINGS:
        yield warning(
            f"an inspiration group meets {MEETINGS} times in a year, not {trajectory.meetings or 'an open number of'}",
            trajectory_field(recipe, "meetings"),
            hint=f"write `meetings: {MEETINGS}`",
        )
    if trajectory.every is not None and (trajectory.every.unit, trajectory.every.amount) != ("month", Range(1, 1)):
        yield warning(
            f"an inspiration group meets monthly, not every {trajectory.every}",
            trajectory_field(recipe, "every"),
            hint="write `every: 1 month`",
        )
    if trajectory.span is not None and not all(YEAR_DAYS[0] <= d <= YEAR_DAYS[1] for d in trajectory.span.days()):
        yield warning(
            f"an inspiration group runs for a year, not {trajectory.span}",
            trajectory_field(recipe, "span"),
            hint="write `span: 1 year`",
        )


@rule(
    "three-stages",
    "Three stages cover all meetings: reflection on one's own functioning, new steps, reflecting and adjusting.",
    source=SOURCE,
    needs_stages=STAGES,
)
def three_stages(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    assert trajectory is not None
    ordered = sorted(trajectory.stages, key=lambda s: s.meetings.low)
    ids = [s.id for s in ordered if s.id in STAGES]
    if ids != list(STAGES):
        stage = next(s for s in ordered if s.id in STAGES)
        yield error(
            "the stages run in the wrong order: first reflection (`reflectie`), then new steps (`stappen`), "
            "then reflecting and adjusting (`bijstellen`)",
            stage.position,
            hint="renumber the stages' meetings so that they follow that order",
        )
    total = trajectory.meetings
    if total:
        covered = {n for s in trajectory.stages for n in range(s.meetings.low, s.meetings.high + 1)}
        missing = [n for n in range(1, total + 1) if n not in covered]
        if missing:
            several = len(missing) > 1
            yield warning(
                f"meeting{'s' if several else ''} {', '.join(map(str, missing))} "
                f"belong{'' if several else 's'} to no stage",
                trajectory.position,
                hint="let the three stages together cover every meeting",
            )


@rule(
    "closing-perspective",
    "Every meeting ends with the broader societal perspective.",
    source=SOURCE,
    needs_phases=["perspectief"],
)
def closing_perspective(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = recipe.item("perspectief")
    last = last_phase(recipe)
    if last is not None and last.id != "perspectief":
        yield error(
            f"every meeting ends with the broader societal perspective, but the last phase is `{last.title}`",
            last.position,
            hint="move the phase with `id: perspectief` to the end of the agenda",
        )
    if phase.when is not None:
        yield error(
            "the broader societal perspective closes every meeting, not only some",
            phase.when.position,
            hint="remove the `when` from the phase with `id: perspectief`",
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="inspiration",
            names={"nl": "Inspiratiegroep", "en": "Inspiration group"},
            summary="A small group searches for a year, in 10 monthly meetings, for each member's own perspective "
            "and its meaning for their work, in three stages.",
            source=SOURCE,
            base_recipe=base_recipe("inspiration"),
            rules=(group_size, two_facilitators, year_of_monthly_meetings, three_stages, closing_perspective),
            phases={"perspectief": "the closing phase on the broader societal perspective"},
            stages={
                "reflectie": "the first stage: reflection on one's own functioning",
                "stappen": "the middle stage: taking new steps",
                "bijstellen": "the last stage: reflecting and adjusting",
            },
        )
    ]
