"""Intervision by the incident method (incidentmethode).

Facts and their sources:
- a group of at most 7 members that meets every 6 to 8 weeks: the source
  text on intervision ("Mét en ván elkaar leren");
- one case-giver and one chair; informative questions before anyone gives
  an approach; a closing evaluation: Hendriksen's ten steps of the incident
  method (choose an incident, outline it, write informative questions,
  information round, analyse, each member writes a position, share
  positions, what the case-giver actually did, closing discussion,
  evaluation), after Pigors' incident process.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Range, Recipe, error, hookimpl, rule, warning
from methodengine_methods._common import base_recipe, in_weeks, last_phase, phase_index, trajectory_field

SEED = "Intervisie, 'Mét en ván elkaar leren' (intervisiegroep van maximaal 7 leden, eens in de 6 tot 8 weken)"
HENDRIKSEN = "J. Hendriksen, Intervisie bij werkproblemen: de incidentmethode in tien stappen"

MAX_MEMBERS = 7
CADENCE_WEEKS = (6, 8)


@rule("max-members", f"An intervision group has at most {MAX_MEMBERS} members.", source=SEED)
def max_members(recipe: Recipe) -> Iterator[Diagnostic]:
    # The base recipe always gives a group; roles that need more than it holds are a core check.
    if recipe.group is not None and recipe.group.high > MAX_MEMBERS:
        yield error(
            f"an intervision group has at most {MAX_MEMBERS} members, but this group is {recipe.group}",
            recipe.where("group"),
            hint=f"split the group, or set `group:` to at most {MAX_MEMBERS}",
        )


def _exactly_one(recipe: Recipe, role_id: str, what: str) -> Iterator[Diagnostic]:
    role = recipe.role(role_id)
    assert role is not None
    if role.count != Range(1, 1):
        shown = str(role.count) if role.count is not None else "the rest of the group"
        yield error(
            f"the incident method has exactly one {what}; role `{role_id}` has {shown}",
            role.position,
            hint=f"set `count: 1` for role `{role_id}`",
        )


@rule("one-case-giver", "Exactly one case-giver brings an incident.", source=HENDRIKSEN, needs_roles=["inbrenger"])
def one_case_giver(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from _exactly_one(recipe, "inbrenger", "case-giver (inbrenger)")


@rule("one-chair", "Exactly one chair leads the steps.", source=HENDRIKSEN, needs_roles=["voorzitter"])
def one_chair(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from _exactly_one(recipe, "voorzitter", "chair (voorzitter)")


@rule(
    "questions-before-advice",
    "Informative questions come before anyone gives an approach or advice.",
    source=HENDRIKSEN,
    needs_phases=["vragen", "advies"],
)
def questions_before_advice(recipe: Recipe) -> Iterator[Diagnostic]:
    if phase_index(recipe, "advies") < phase_index(recipe, "vragen"):
        advice = next(p for p in recipe.phases() if p.id == "advies")
        yield error(
            "approaches and advice come before the informative questions",
            advice.position,
            hint="move the phase with `id: advies` after the one with `id: vragen`: first understand, then advise",
        )


@rule("closing-evaluation", "The meeting closes with an evaluation.", source=HENDRIKSEN, needs_phases=["evaluatie"])
def closing_evaluation(recipe: Recipe) -> Iterator[Diagnostic]:
    last = last_phase(recipe)
    if last is not None and last.id != "evaluatie":
        yield warning(
            f"the incident method closes with the evaluation, but the last phase is `{last.title}`",
            last.position,
            hint="move the phase with `id: evaluatie` to the end",
        )


@rule("cadence", "With a trajectory, the group meets every 6 to 8 weeks.", source=SEED)
def cadence(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.every is None:
        return
    low, high = in_weeks(trajectory.every)
    if low < CADENCE_WEEKS[0] - 0.5 or high > CADENCE_WEEKS[1] + 0.5:
        yield warning(
            f"an intervision group usually meets every 6-8 weeks, not every {trajectory.every}",
            trajectory_field(recipe, "every"),
            hint="write `every: 6-8 weeks`, or keep your cadence if the group agreed on it",
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="incident",
            names={"nl": "Incidentmethode", "en": "Incident method"},
            summary="Intervision: a member brings a short, concrete incident; the group asks informative "
            "questions, each member takes a position, and the case-giver leaves with ideas and tips.",
            source=f"{HENDRIKSEN}; {SEED}",
            base_recipe=base_recipe("incident"),
            rules=(max_members, one_case_giver, one_chair, questions_before_advice, closing_evaluation, cadence),
            roles={
                "voorzitter": "the chair, who keeps the steps and the time",
                "inbrenger": "the case-giver, who brings the incident",
            },
            phases={
                "vragen": "the informative questions",
                "advies": "where members give their approach or advice",
                "evaluatie": "the closing evaluation",
            },
        )
    ]
