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

The group size is the method's ``group_size`` (checked by methodengine's
core): at most 7 from the source text; at least 3, because the source has a
case-giver whose colleagues (more than one) treat the question, and
Hendriksen's steps need a chair beside the case-giver: a case-giver, a chair
and one more colleague is the smallest group that can hold them. The source
names no lower number, so 3 is this plugin's reading of its roles.

The rules find their structure in a recipe without ids (``FINDERS``): the
case-giver and the chair are the roles called so (inbrenger, casushouder,
case-giver; voorzitter, gespreksleider, chair; else the one facilitator
role); the informative questions, the approaches or advice and the
evaluation are the phases whose titles say so (informatieronde or
informatieve vragen before plain vragen; advies or tips before
standpunten; evaluatie).
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Phase, Range, Recipe, Role, error, hookimpl, rule, warning
from methodengine_methods._checks import exactly_one
from methodengine_methods._common import (
    base_recipe,
    every_nl,
    in_weeks,
    last_phase,
    phase_index,
    trajectory_field,
    written,
)
from methodengine_methods._finding import called, case_givers, first_found

SEED = "Intervisie, 'Mét en ván elkaar leren' (intervisiegroep van maximaal 7 leden, eens in de 6 tot 8 weken)"
HENDRIKSEN = "J. Hendriksen, Intervisie bij werkproblemen: de incidentmethode in tien stappen"

GROUP = Range(3, 7)  # at most 7: SEED; at least 3: a case-giver, a chair and a colleague (HENDRIKSEN's roles)
CADENCE_WEEKS = (6, 8)  # SEED: once every six to eight weeks

# What trainers call the structure the rules need (letters only, see _finding.says).
CHAIR_WORDS = ("voorzitter", "gespreksleid", "procesbegeleid", "procesbewak", "chair", "moderator")
QUESTION_WORDS = ("informatieronde", "informatievevragen", "verhelderendevragen", "vragenronde", "vraagronde")
QUESTION_WORDS_VAGUE = ("vragen", "question")
WRITING_WORDS = ("opschrijven", "noteren", "write")
ADVICE_WORDS = (
    "advies",
    "adviez",
    "advis",
    "advice",
    "tips",
    "oplossing",
    "solution",
    "aanpak",
    "approach",
    "zoujijdoen",  # "Wat zou jij doen?": the question of Hendriksen's positions step
    "zoujedoen",
    "zouudoen",
    "wouldyoudo",
)
POSITION_WORDS = ("standpunt", "position")
SHARING_WORDS = ("uitwissel", "delen", "ronde", "share", "round")
EVALUATION_WORDS = ("evaluat", "evalueren")


def _chair(recipe: Recipe) -> list[Role]:
    """The chair: the role called so, else the one facilitator role of the recipe."""
    return first_found([r for r in recipe.roles if called(r, CHAIR_WORDS)], [r for r in recipe.roles if r.facilitator])


def _questions(recipe: Recipe) -> list[Phase]:
    """The informative questions: a phase named for its round of questions, else one about questions (not writing)."""
    phases = list(recipe.phases())
    return first_found(
        [p for p in phases if called(p, QUESTION_WORDS)],
        [p for p in phases if called(p, QUESTION_WORDS_VAGUE) and not called(p, WRITING_WORDS)],
    )


def _advice(recipe: Recipe) -> list[Phase]:
    """Where members give an approach: advice, tips, what they would do by name, else the positions shared."""
    phases = list(recipe.phases())
    positions = [p for p in phases if called(p, POSITION_WORDS)]
    advice = [p for p in phases if called(p, ADVICE_WORDS)]
    return first_found(
        [p for p in advice if not called(p, WRITING_WORDS)],  # each writes down first, then says it
        advice,
        [p for p in positions if called(p, SHARING_WORDS)],
        positions,
    )


def _evaluation(recipe: Recipe) -> list[Phase]:
    return [p for p in recipe.phases() if called(p, EVALUATION_WORDS)]


FINDERS = {
    "inbrenger": case_givers,
    "voorzitter": _chair,
    "vragen": _questions,
    "advies": _advice,
    "evaluatie": _evaluation,
}


def _has_one(english: str, dutch: str) -> dict[str, str]:
    """The rule in words: the incident method has exactly one of a role."""
    return {
        "en": f"the incident method has exactly one {english}",
        "nl": f"de incidentmethode heeft precies één {dutch}",
    }


@rule(
    "one-case-giver",
    {"en": "Exactly one case-giver brings an incident.", "nl": "Precies één inbrenger brengt een incident in."},
    source=HENDRIKSEN,
    needs_roles=["inbrenger"],
)
def one_case_giver(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from exactly_one(recipe, "inbrenger", _has_one("case-giver (inbrenger)", "inbrenger"))


@rule(
    "one-chair",
    {"en": "Exactly one chair leads the steps.", "nl": "Precies één voorzitter leidt de stappen."},
    source=HENDRIKSEN,
    needs_roles=["voorzitter"],
)
def one_chair(recipe: Recipe) -> Iterator[Diagnostic]:
    yield from exactly_one(recipe, "voorzitter", _has_one("chair (voorzitter)", "voorzitter"))


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
        questions = next(p for p in recipe.phases() if p.id == "vragen")
        yield error(
            {
                "en": "approaches and advice come before the informative questions",
                "nl": "de aanpak en de adviezen komen vóór de informatieve vragen",
            },
            advice.position,
            hint={
                "en": f"move `{advice.title}` after `{questions.title}`: first understand, then advise",
                "nl": f"zet `{advice.title}` na `{questions.title}`: eerst begrijpen, dan adviseren",
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
    evaluation = recipe.item("evaluatie")
    if last is not None and evaluation is not None and last.id != "evaluatie":
        yield warning(
            {
                "en": f"the incident method closes with the evaluation, but the last phase is `{last.title}`",
                "nl": f"de incidentmethode sluit af met de evaluatie, maar de laatste fase is `{last.title}`",
            },
            last.position,
            hint={
                "en": f"move `{evaluation.title}` to the end",
                "nl": f"zet `{evaluation.title}` achteraan",
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
            rules=(one_case_giver, one_chair, questions_before_advice, closing_evaluation, cadence),
            roles={
                "voorzitter": {
                    "en": "the chair, who keeps the steps and the time; a role called voorzitter, gespreksleider or "
                    "chair, or the one facilitator role",
                    "nl": "de voorzitter, die de stappen en de tijd bewaakt; een rol die voorzitter of "
                    "gespreksleider heet, of de enige rol met `begeleider: ja`",
                },
                "inbrenger": {
                    "en": "the case-giver, who brings the incident; a role called inbrenger, casushouder or case-giver",
                    "nl": "de inbrenger van het incident; een rol die inbrenger, casushouder of probleemeigenaar heet",
                },
            },
            phases={
                "vragen": {
                    "en": "the informative questions; a phase called informatieronde, informatieve vragen or questions",
                    "nl": "de informatieve vragen; een fase die informatieronde, informatieve vragen of vragen heet",
                },
                "advies": {
                    "en": "where members give their approach or advice; a phase called advies, tips or "
                    "standpunten uitwisselen",
                    "nl": "waar de leden hun aanpak of advies geven; een fase die advies, tips of standpunten "
                    "uitwisselen heet",
                },
                "evaluatie": {
                    "en": "the closing evaluation; a phase called evaluatie or evaluation",
                    "nl": "de evaluatie aan het eind; een fase die evaluatie heet",
                },
            },
            group_size=GROUP,
            finders=FINDERS,
        )
    ]
