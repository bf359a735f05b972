"""Progress-focused coaching: every session can be the last.

Facts, from Coert Visser, "Iedere sessie kan de laatste zijn" (2014): after
every session the client (or the group) and the coach each decide whether a
next session is useful; trajectories never continue silently; stopping
because it worked is the common case. The source holds for one-to-one
coaching and for group sessions alike and states no size, so the method
sets no ``group_size``.

The rules need no ids. Who is the coach at a checkpoint is the role marked
`begeleider: ja`, or one a trainer calls coach, begeleider, trainer or
facilitator (a recipe written by hand often leaves the mark out); every
other deciding role is the client's side (the client, or the group).
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Checkpoint, Diagnostic, Method, Recipe, Role, error, hookimpl, rule
from methodengine_methods._common import base_recipe, last_phase, written
from methodengine_methods._finding import called

SOURCE = "Coert Visser, Iedere sessie kan de laatste zijn (2014)"

# What trainers call the coach and the client (letters only, see _finding.says).
COACH_WORDS = ("coach", "begeleider", "trainer", "facilitator", "counsel", "therapeut", "therapist")
CLIENT_WORDS = ("coachee", "client", "klant")


def _is_coach(role: Role) -> bool:
    """The coach's side: marked a facilitator, or called coach (but not coachee) or begeleider."""
    return role.facilitator or (called(role, COACH_WORDS) and not called(role, CLIENT_WORDS))


@rule(
    "checkpoint-closes-every-meeting",
    {"en": "Every meeting ends with a checkpoint.", "nl": "Elk gesprek eindigt met een beslismoment."},
    source=SOURCE,
)
def checkpoint_closes_every_meeting(recipe: Recipe) -> Iterator[Diagnostic]:
    checkpoints = list(recipe.checkpoints())
    if not checkpoints:
        trajectory = recipe.trajectory
        fixed = trajectory is not None and trajectory.meetings is not None
        checkpoint = written(
            recipe,
            "checkpoint Is een volgend gesprek zinvol? (5 min)",
            "beslismoment Is een volgend gesprek zinvol? (5 min)",
        )
        decide = written(recipe, "decide: coachee, coach", "beslist: coachee, coach")
        yield error(
            {
                "en": f"a fixed series of {trajectory.meetings} meetings without a checkpoint continues silently"
                if fixed and trajectory is not None
                else "no checkpoint: every session can be the last, so every meeting ends with one",
                "nl": f"een vaste reeks van {trajectory.meetings} gesprekken zonder beslismoment gaat vanzelf door"
                if fixed and trajectory is not None
                else "geen beslismoment: elk gesprek kan het laatste zijn, dus elk gesprek eindigt met een "
                "beslismoment",
            },
            recipe.where("method"),
            hint={
                "en": f"end the agenda with `{checkpoint}` and `{decide}`",
                "nl": f"sluit de agenda af met `{checkpoint}` en `{decide}`",
            },
        )
        return
    last = last_phase(recipe)
    if not isinstance(last, Checkpoint):
        assert last is not None
        yield error(
            {
                "en": f"the meeting ends with `{last.title}`, not with the checkpoint",
                "nl": f"het gesprek eindigt met `{last.title}`, niet met het beslismoment",
            },
            last.position,
            hint={
                "en": "move the checkpoint to the end of the agenda",
                "nl": "zet het beslismoment achteraan in de agenda",
            },
        )
        return
    if last.when is not None:
        when = written(recipe, "when", "wanneer")
        yield error(
            {
                "en": "the closing checkpoint applies to only some meetings; every session can be the last",
                "nl": "het beslismoment aan het eind geldt maar voor een paar gesprekken; elk gesprek kan het "
                "laatste zijn",
            },
            last.when.position,
            hint={
                "en": f"remove the `{when}` from the checkpoint",
                "nl": f"haal de `{when}` weg bij het beslismoment",
            },
        )


@rule(
    "both-decide",
    {
        "en": "The client (or group) and the coach both decide.",
        "nl": "De cliënt (of de groep) en de coach beslissen allebei.",
    },
    source=SOURCE,
)
def both_decide(recipe: Recipe) -> Iterator[Diagnostic]:
    decide = written(recipe, "decide", "beslist")
    for checkpoint in recipe.checkpoints():
        if not checkpoint.decide:
            yield error(
                {
                    "en": f"nobody decides at `{checkpoint.title}`: the client and the coach each decide "
                    "whether to go on",
                    "nl": f"niemand beslist bij `{checkpoint.title}`: de cliënt en de coach beslissen elk of "
                    "jullie doorgaan",
                },
                checkpoint.position,
                hint={
                    "en": f"add `{decide}:` with the client's role and the coach's, e.g. `{decide}: coachee, coach`",
                    "nl": f"voeg `{decide}:` toe met de rol van de cliënt en die van de coach, "
                    f"bijvoorbeeld `{decide}: coachee, coach`",
                },
            )
            continue
        deciders = [recipe.role(r) for r in checkpoint.decide]
        known = [r for r in deciders if r is not None]
        if not known:
            continue
        if not any(_is_coach(r) for r in known):
            facilitator = written(recipe, "facilitator: yes", "begeleider: ja")
            yield error(
                {
                    "en": f"at `{checkpoint.title}` the coach does not decide; the coach, too, may stop",
                    "nl": f"bij `{checkpoint.title}` beslist de coach niet mee; ook de coach mag stoppen",
                },
                checkpoint.position,
                hint={
                    "en": f"add the coach's role (the one with `{facilitator}`) to `{decide}`",
                    "nl": f"zet de rol van de coach (die met `{facilitator}`) bij `{decide}`",
                },
            )
        if all(_is_coach(r) for r in known):
            yield error(
                {
                    "en": f"at `{checkpoint.title}` the client does not decide; the client decides whether a next "
                    "session is useful",
                    "nl": f"bij `{checkpoint.title}` beslist de cliënt niet mee; de cliënt beslist of een volgend "
                    "gesprek zinvol is",
                },
                checkpoint.position,
                hint={
                    "en": f"add the client's (or the group's) role to `{decide}`",
                    "nl": f"zet de rol van de cliënt (of van de groep) bij `{decide}`",
                },
            )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="progress",
            names={"nl": "Progressiegericht coachen", "en": "Progress-focused coaching"},
            summary={
                "en": "Coaching in which every session can be the last: after each session the client and the "
                "coach both decide whether a next one is useful.",
                "nl": "Coaching waarin elk gesprek het laatste kan zijn: na elk gesprek beslissen de cliënt en de "
                "coach allebei of een volgend gesprek zinvol is.",
            },
            source=SOURCE,
            base_recipe=base_recipe("progress"),
            rules=(checkpoint_closes_every_meeting, both_decide),
            meeting_words={"nl": ("gesprek", "gesprekken"), "en": ("session", "sessions")},
        )
    ]
