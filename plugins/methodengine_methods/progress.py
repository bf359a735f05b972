"""Progress-focused coaching: every session can be the last.

Facts, from Coert Visser, "Iedere sessie kan de laatste zijn" (2014): after
every session the client (or the group) and the coach each decide whether a
next session is useful; trajectories never continue silently; stopping
because it worked is the common case.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Checkpoint, Diagnostic, Method, Recipe, error, hookimpl, rule
from methodengine_methods._common import base_recipe, last_phase

SOURCE = "Coert Visser, Iedere sessie kan de laatste zijn (2014)"


@rule("checkpoint-closes-every-meeting", "Every meeting ends with a checkpoint.", source=SOURCE)
def checkpoint_closes_every_meeting(recipe: Recipe) -> Iterator[Diagnostic]:
    checkpoints = list(recipe.checkpoints())
    if not checkpoints:
        trajectory = recipe.trajectory
        fixed = trajectory is not None and trajectory.meetings is not None
        yield error(
            (
                f"a fixed series of {trajectory.meetings} meetings without a checkpoint continues silently"
                if fixed and trajectory is not None
                else "no checkpoint: every session can be the last, so every meeting ends with one"
            ),
            recipe.where("method"),
            hint="end the agenda with `checkpoint Is een volgend gesprek zinvol? (5 min)` and `decide: coachee, coach`",
        )
        return
    last = last_phase(recipe)
    if not isinstance(last, Checkpoint):
        assert last is not None
        yield error(
            f"the meeting ends with `{last.title}`, not with the checkpoint",
            last.position,
            hint="move the checkpoint to the end of the agenda",
        )
        return
    if last.when is not None:
        yield error(
            "the closing checkpoint applies to only some meetings; every session can be the last",
            last.when.position,
            hint="remove the `when` from the checkpoint",
        )


@rule("both-decide", "The client (or group) and the coach both decide.", source=SOURCE)
def both_decide(recipe: Recipe) -> Iterator[Diagnostic]:
    for checkpoint in recipe.checkpoints():
        if not checkpoint.decide:
            yield error(
                f"nobody decides at `{checkpoint.title}`: the client and the coach each decide whether to go on",
                checkpoint.position,
                hint="add `decide:` with the client's role and the coach's, e.g. `decide: coachee, coach`",
            )
            continue
        deciders = [recipe.role(r) for r in checkpoint.decide]
        known = [r for r in deciders if r is not None]
        if not known:
            continue
        if not any(r.facilitator for r in known):
            yield error(
                f"at `{checkpoint.title}` the coach does not decide; the coach, too, may stop",
                checkpoint.position,
                hint="add the coach's role (the one with `facilitator: yes`) to `decide`",
            )
        if all(r.facilitator for r in known):
            yield error(
                f"at `{checkpoint.title}` the client does not decide; the client decides whether a next session "
                "is useful",
                checkpoint.position,
                hint="add the client's (or the group's) role to `decide`",
            )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="progress",
            names={"nl": "Progressiegericht coachen", "en": "Progress-focused coaching"},
            summary="Coaching in which every session can be the last: after each session the client and the coach "
            "both decide whether a next one is useful.",
            source=SOURCE,
            base_recipe=base_recipe("progress"),
            rules=(checkpoint_closes_every_meeting, both_decide),
        )
    ]
