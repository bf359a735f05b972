"""Intervision by the gossip method (roddelmethode): the group talks about the case-giver as if they were not there.

Facts, from Dutch intervision practice (the method is widely taught in
intervision courses and handbooks; I know no one published text whose steps
and figures I can cite with certainty, so the source is named as practice):
- one case-giver tells a case from their work; the others ask questions to
  understand it;
- then the case-giver turns their chair away, or sits outside the circle,
  and listens without reacting while the others talk about them and their
  case as if they were not in the room ("gossip", in the third person);
- afterwards the case-giver comes back and says what they heard and what
  struck them.

No numbers are checked: practice gives none (not the group size, nor the
length of a session or of a step). The base recipe's time boxes (60
minutes) are practice, and the method sets no ``group_size``.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Phase, Recipe, Role, error, hookimpl, rule, warning
from methodengine_methods import _finding
from methodengine_methods._checks import at_most, quiet_hint
from methodengine_methods._common import base_recipe, index_of, written

SOURCE = "Roddelmethode, uit de Nederlandse intervisiepraktijk (geen gepubliceerde bron met vaste stappen of getallen)"

CASE_GIVER = "inbrenger"
GOSSIP = "roddelen"


def _case_giver(recipe: Recipe) -> str | None:
    """The case-giver's id, for the phase finder, which may run before the role has been given its id."""
    return _finding.role_id(recipe, CASE_GIVER, _find_case_giver)


def _gossip(recipe: Recipe) -> Phase:
    """The gossip phase; the rules that call this declare it in ``needs_phases``."""
    phase = recipe.phase(GOSSIP)
    assert phase is not None  # needs_phases
    return phase


def _before_and_after(recipe: Recipe, phase: Phase) -> tuple[list[Phase], list[Phase]]:
    """The phases before ``phase`` and after it, rounds opened up: where the questions and the reaction belong."""
    phases = list(recipe.phases())
    at = index_of(recipe, phase)
    return phases[:at], phases[at + 1 :]


@rule(
    "one-case-giver",
    {
        "en": "In practice, one case-giver is talked about.",
        "nl": "In de praktijk gaat het gesprek over één inbrenger.",
    },
    source=SOURCE,
    needs_roles=[CASE_GIVER],
)
def one_case_giver(recipe: Recipe) -> Iterator[Diagnostic]:
    says = {
        "en": "in practice the gossip method is about one case-giver",
        "nl": "in de praktijk gaat de roddelmethode over één inbrenger",
    }
    yield from at_most(recipe, CASE_GIVER, 1, says, warning)


@rule(
    "case-giver-silent",
    {
        "en": "While the others gossip, the case-giver sits outside the circle and does not react.",
        "nl": "Terwijl de anderen roddelen, zit de inbrenger buiten de kring en reageert niet.",
    },
    source=SOURCE,
    needs_roles=[CASE_GIVER],
    needs_phases=[GOSSIP],
)
def case_giver_silent(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = _gossip(recipe)
    if not _finding.silent(phase, CASE_GIVER):
        case_giver = recipe.role(CASE_GIVER)
        assert case_giver is not None  # needs_roles
        hint = quiet_hint(
            recipe, phase, case_giver, ("outside:", "buiten:"), {"en": "the case-giver", "nl": "de inbrenger"}
        )
        yield error(
            {
                "en": f"the case-giver takes part in `{phase.title}`, where the others talk about them "
                "as if they were not there",
                "nl": f"de inbrenger doet mee aan `{phase.title}`, waar de anderen over de inbrenger praten "
                "alsof die er niet is",
            },
            phase.position,
            hint=hint,
        )
    elif not _finding.other_speakers(recipe, phase, [CASE_GIVER]):
        line = written(recipe, "speak:", "spreekt:")
        yield error(
            {
                "en": f"nobody speaks in `{phase.title}`, where the others talk about the case-giver",
                "nl": f"niemand spreekt in `{phase.title}`, waar de anderen over de inbrenger praten",
            },
            phase.position,
            hint={"en": f"name the group under `{line}`", "nl": f"zet de groep bij `{line}`"},
        )


@rule(
    "questions-first",
    {
        "en": "In practice, the group first asks the case-giver questions, then gossips.",
        "nl": "In de praktijk stelt de groep eerst vragen aan de inbrenger, en roddelt daarna.",
    },
    source=SOURCE,
    needs_roles=[CASE_GIVER],
    needs_phases=[GOSSIP],
)
def questions_first(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = _gossip(recipe)
    before, _after = _before_and_after(recipe, phase)
    asked = [p for p in before if CASE_GIVER in p.speak and _finding.other_speakers(recipe, p, [CASE_GIVER])]
    if not asked:
        line = written(recipe, "speak:", "spreekt:")
        yield warning(
            {
                "en": f"no phase before `{phase.title}` in which the group asks the case-giver questions",
                "nl": f"geen fase vóór `{phase.title}` waarin de groep de inbrenger vragen stelt",
            },
            phase.position,
            hint={
                "en": f"add a phase of questions before it, with the group and the case-giver under `{line}`",
                "nl": f"voeg daarvoor een vragenronde toe, met de groep en de inbrenger bij `{line}`",
            },
        )


@rule(
    "case-giver-reacts",
    {
        "en": "After the gossip, the case-giver says what they heard.",
        "nl": "Na het roddelen zegt de inbrenger wat hij of zij gehoord heeft.",
    },
    source=SOURCE,
    needs_roles=[CASE_GIVER],
    needs_phases=[GOSSIP],
)
def case_giver_reacts(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = _gossip(recipe)
    _before, after = _before_and_after(recipe, phase)
    if not any(_finding.speaks(p, CASE_GIVER) for p in after):
        line = written(recipe, "speak:", "spreekt:") + f" {_finding.written_id(recipe, CASE_GIVER)}"
        yield warning(
            {
                "en": f"the case-giver does not speak after `{phase.title}`, so they never react to the gossip",
                "nl": f"de inbrenger spreekt na `{phase.title}` niet meer, en reageert dus nooit op het geroddel",
            },
            phase.position,
            hint={
                "en": f"add a phase after it in which the case-giver reacts: `{line}`",
                "nl": f"voeg daarna een fase toe waarin de inbrenger reageert: `{line}`",
            },
        )


# ---------------------------------------------------------------- finders: the structure of a recipe without ids


def _find_case_giver(recipe: Recipe) -> list[Role]:
    """The case-giver, by name: a role called as every method calls it (inbrenger, probleemeigenaar, ...)."""
    return _finding.case_givers(recipe)


def _find_gossip(recipe: Recipe) -> list[Phase]:
    """The gossip: the phases in which the group speaks and the case-giver is named to sit outside or listen."""
    case_giver = _case_giver(recipe)
    if case_giver is None:
        return []
    return [
        phase
        for phase in recipe.phases()
        if (case_giver in phase.outside or case_giver in phase.listen)
        and _finding.other_speakers(recipe, phase, [case_giver])
        and _after_the_case_giver_spoke(recipe, phase, case_giver)
    ]


def _after_the_case_giver_spoke(recipe: Recipe, phase: Phase, case_giver: str) -> bool:
    """Whether the case-giver has been named to speak before ``phase``: there is a case to gossip about by then."""
    before, _after = _before_and_after(recipe, phase)
    return any(case_giver in p.speak for p in before)


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="roddel",
            names={"nl": "Roddelmethode", "en": "Gossip method"},
            summary={
                "en": "Intervision: a case-giver tells a case and answers questions; then sits outside the circle "
                "and listens while the others talk about them as if they were not there, and at last reacts.",
                "nl": "Intervisie: een inbrenger vertelt een casus en beantwoordt vragen; daarna zit hij of zij "
                "buiten de kring en luistert terwijl de anderen over hem of haar praten alsof die er niet is, en "
                "reageert tot slot.",
            },
            source=SOURCE,
            base_recipe=base_recipe("roddel"),
            rules=(one_case_giver, case_giver_silent, questions_first, case_giver_reacts),
            roles={CASE_GIVER: {"en": "the case-giver", "nl": "de inbrenger van de casus"}},
            phases={
                GOSSIP: {
                    "en": "the gossip: the others talk about the case-giver, who sits outside the circle and listens",
                    "nl": "het roddelen: de anderen praten over de inbrenger, die buiten de kring zit en luistert",
                }
            },
            finders={CASE_GIVER: _find_case_giver, GOSSIP: _find_gossip},
        )
    ]
