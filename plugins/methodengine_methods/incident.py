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
from methodengine_methods._common import (
    base_recipe,
    every_nl,
    in_weeks,
    last_phase,
    phase_index,
    trajectory_field,
    written,
)

SEED = "Intervisie, 'Mét en ván elkaar leren' (intervisiegroep van maximaal 7 leden, eens in de 6 tot 8 weken)"
HENDRIKSEN = "J. Hendriksen, Intervisie bij werkproblemen: de incidentmethode in tien stappen"

MAX_MEMBERS = 7
CADENCE_WEEKS = (6, 8)


@rule(
    "max-members",
    {
        "en": f"An intervision group has at most {MAX_MEMBERS} members.",
        "nl": f"Een intervisiegroep heeft hoogstens {MAX_MEMBERS} leden.",
    },
    source=SEED,
)
def max_members(recipe: Recipe) -> Iterator[Diagnostic]:
    # The base recipe always gives a group; roles that need more than it holds are a core check.
    if recipe.group is not None and recipe.group.high > MAX_MEMBERS:
        line = written(recipe, "group:", "groep:")
        yield error(
            {
                "en": f"an intervision group has at most {MAX_MEMBERS} members, but this group is {recipe.group}",
                "nl": f"een intervisiegroep heeft hoogstens {MAX_MEMBERS} leden, "
                f"maar deze groep heeft er {recipe.group}",
            },
            recipe.where("group"),
            hint={
                "en": f"split the group, or set `{line}` to at most {MAX_MEMBERS}",
                "nl": f"splits de groep, of zet `{line}` op hoogstens {MAX_MEMBERS}",
            },
        )


def _exactly_one(recipe: Recipe, role_id: str, what: dict[str, str]) -> Iterator[Diagnostic]:
    role = recipe.role(role_id)
    assert role is not None
    if role.count != Range(1, 1):
        count = written(recipe, "count: 1", "aantal: 1")
        yield error(
            {
                "en": f"the incident method has exactly one {what['en']}; role `{role_id}` has "
                + (str(role.count) if role.count is not None else "the rest of the group"),
                "nl": f"de incidentmethode heeft precies één {what['nl']}; rol `{role_id}` heeft "
                + (str(role.count) if role.count is not None else "de rest van de groep"),
            },
            role.position,
            hint={"en": f"set `{count}` for role `{role_id}`", "nl": f"zet `{count}` bij rol `{role_id}`"},
        )


@rule(
    "one-case-giver",
    {"en": "Exactly one case-giver brings an incident.", "nl": "Precies één inbrenger brengt een incident in."},
    source=HENDRIKSEN,
    needs_roles=["inbrenger"],
)
def one_case_giver(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from _exactly_one(recipe, "inbrenger", {"en": "case-giver (inbrenger)", "nl": "inbrenger"})


@rule(
    "one-chair",
    {"en": "Exactly one chair leads the steps.", "nl": "Precies één voorzitter leidt de stappen."},
    source=HENDRIKSEN,
    needs_roles=["voorzitter"],
)
def one_chair(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from _exactly_one(recipe, "voorzitter", {"en": "chair (voorzitter)", "nl": "voorzitter"})


@rule(
    "questions-before-advice",
    {
        "en": "Informative questions come before anyone gives an approach or advice.",
        "nl": "Eerst informatieve vragen, pas daarna geeft iemand een aanpak of advies.",
    },
    source=HENDRIKSEN,
    needs_phases=["vragen", "advies"],
)
def questions_before_advice(recipe: Recipe) -> Iterator[Diagnostic]:
    if phase_index(recipe, "advies") < phase_index(recipe, "vragen"):
        advice = next(p for p in recipe.phases() if p.id == "advies")
        yield error(
            {
                "en": "approaches and advice come before the informative questions",
                "nl": "de aanpak en de adviezen komen vóór de informatieve vragen",
            },
            advice.position,
            hint={
                "en": "move the phase with `id: advies` after the one with `id: vragen`: first understand, then advise",
                "nl": "zet de fase met `id: advies` na die met `id: vragen`: eerst begrijpen, dan adviseren",
            },
        )


@rule(
    "closing-evaluation",
    {"en": "The meeting closes with an evaluation.", "nl": "De bijeenkomst sluit af met een evaluatie."},
    source=HENDRIKSEN,
    needs_phases=["evaluatie"],
)
def closing_evaluation(recipe: Recipe) -> Iterator[Diagnostic]:
    last = last_phase(recipe)
    if last is not None and last.id != "evaluatie":
        yield warning(
            {
                "en": f"the incident method closes with the evaluation, but the last phase is `{last.title}`",
                "nl": f"de incidentmethode sluit af met de evaluatie, maar de laatste fase is `{last.title}`",
            },
            last.position,
            hint={
                "en": "move the phase with `id: evaluatie` to the end",
                "nl": "zet de fase met `id: evaluatie` achteraan",
            },
        )


@rule(
    "cadence",
    {
        "en": "With a trajectory, the group meets every 6 to 8 weeks.",
        "nl": "Met een traject komt de groep om de 6 tot 8 weken bij elkaar.",
    },
    source=SEED,
)
def cadence(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.every is None:
        return
    low, high = in_weeks(trajectory.every)
    if low < CADENCE_WEEKS[0] - 0.5 or high > CADENCE_WEEKS[1] + 0.5:
        line = written(recipe, "every: 6-8 weeks", "elke: 6-8 weken")
        yield warning(
            {
                "en": f"an intervision group usually meets every 6-8 weeks, not every {trajectory.every}",
                "nl": f"een intervisiegroep komt meestal om de 6-8 weken bij elkaar, niet {every_nl(trajectory.every)}",
            },
            trajectory_field(recipe, "every"),
            hint={
                "en": f"write `{line}`, or keep your cadence if the group agreed on it",
                "nl": f"schrijf `{line}`, of houd je eigen ritme aan als de groep dat zo heeft afgesproken",
            },
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="incident",
            names={"nl": "Incidentmethode", "en": "Incident method"},
            summary={
                "en": "Intervision: a member brings a short, concrete incident; the group asks informative "
                "questions, each member takes a position, and the case-giver leaves with ideas and tips.",
                "nl": "Intervisie: een deelnemer brengt een kort, concreet incident in; de groep stelt informatieve "
                "vragen, ieder lid neemt een standpunt in, en de inbrenger gaat naar huis met ideeën en tips.",
            },
            source=f"{HENDRIKSEN}; {SEED}",
            base_recipe=base_recipe("incident"),
            rules=(max_members, one_case_giver, one_chair, questions_before_advice, closing_evaluation, cadence),
            roles={
                "voorzitter": {
                    "en": "the chair, who keeps the steps and the time",
                    "nl": "de voorzitter, die de stappen en de tijd bewaakt",
                },
                "inbrenger": {"en": "the case-giver, who brings the incident", "nl": "de inbrenger van het incident"},
            },
            phases={
                "vragen": {"en": "the informative questions", "nl": "de informatieve vragen"},
                "advies": {
                    "en": "where members give their approach or advice",
                    "nl": "waar de leden hun aanpak of advies geven",
                },
                "evaluatie": {"en": "the closing evaluation", "nl": "de evaluatie aan het eind"},
            },
        )
    ]
