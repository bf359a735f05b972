"""The Balint group (Balintgroep): doctors and other professionals talk about the relation with one patient.

Facts and their sources:
- a group of doctors (later also other professionals) meets regularly with a
  leader, or two co-leaders, to talk about patients who occupy them; the
  subject is the relation between doctor and patient, not the right
  treatment: M. Balint, *The Doctor, his Patient and the Illness* (1957),
  and J. Salinsky, "The Balint method" (2003);
- one member tells a case from memory, without notes, so that what is left
  out or coloured is part of the case: Balint (1957), Salinsky (2003);
- after the telling (and questions of fact) the presenter sits back ("push
  back") and listens, without joining in, while the group discusses the
  case; at the end the presenter is invited back into the conversation:
  Salinsky (2003), who describes this as the way most groups now work.

Not checked, for want of a figure I can trace with certainty to these
sources: the size of the group, the length of a session, how often and for
how long a group meets. The base recipe's time boxes (90 minutes) are
practice, and the method sets no ``group_size``.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Phase, Recipe, Role, error, hookimpl, rule, warning
from methodengine_methods import _finding
from methodengine_methods._checks import at_most, quiet_hint
from methodengine_methods._common import base_recipe, index_of, written

BALINT = "M. Balint, The Doctor, his Patient and the Illness (1957)"
SALINSKY = "J. Salinsky, The Balint method (2003)"
SOURCE = f"{BALINT}; {SALINSKY}"

MAX_LEADERS = 2  # "a leader, or two co-leaders": Salinsky (2003)

PRESENTER = "inbrenger"
LEADER = "leider"


def _presenter(recipe: Recipe) -> str | None:
    """The presenter's id, for the phase finders, which may run before the role has been given its id."""
    return _finding.role_id(recipe, PRESENTER, _find_presenter)


def _presentation(recipe: Recipe) -> Phase:
    """The phase where the case is told; the rules that call this declare it in ``needs_phases``."""
    phase = recipe.phase("casus")
    assert phase is not None  # needs_phases
    return phase


def _discussion(recipe: Recipe) -> Phase:
    """The push-back phase; the rules that call this declare it in ``needs_phases``."""
    phase = recipe.phase("bespreking")
    assert phase is not None  # needs_phases
    return phase


@rule(
    "leaders",
    {"en": "The group has one leader or two co-leaders.", "nl": "De groep heeft één leider of twee coleiders."},
    source=SALINSKY,
    needs_roles=[LEADER],
)
def leaders(recipe: Recipe) -> Iterator[Diagnostic]:
    says = {
        "en": "a Balint group has one leader or two co-leaders",
        "nl": "een Balintgroep heeft één leider of twee coleiders",
    }
    yield from at_most(recipe, LEADER, MAX_LEADERS, says, warning)


@rule(
    "presentation",
    {
        "en": "The presenter tells the case; the group listens.",
        "nl": "De inbrenger vertelt de casus; de groep luistert.",
    },
    source=SALINSKY,
    needs_roles=[PRESENTER],
    needs_phases=["casus"],
)
def presentation(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = _presentation(recipe)
    if not _finding.speaks(phase, PRESENTER):
        yield error(
            {
                "en": f"the presenter does not speak in `{phase.title}`, where the case is told",
                "nl": f"de inbrenger spreekt niet in `{phase.title}`, waar de casus verteld wordt",
            },
            phase.position,
            hint={
                "en": f"write `{written(recipe, 'speak:', 'spreekt:')} {_finding.written_id(recipe, PRESENTER)}`",
                "nl": f"schrijf `{written(recipe, 'speak:', 'spreekt:')} {_finding.written_id(recipe, PRESENTER)}`",
            },
        )
        return
    others = _finding.other_speakers(recipe, phase, [PRESENTER])
    if others:
        roles = ", ".join(f"`{_finding.written_id(recipe, r)}`" for r in others)
        line = written(recipe, "listen:", "luistert:")
        yield error(
            {
                "en": f"the group speaks while the case is told: {roles} in `{phase.title}`",
                "nl": f"de groep spreekt terwijl de casus verteld wordt: {roles} in `{phase.title}`",
            },
            phase.position,
            hint={
                "en": f"let the presenter tell it uninterrupted: put the group under `{line}`; questions come after",
                "nl": f"laat de inbrenger ongestoord vertellen: zet de groep bij `{line}`; vragen komen daarna",
            },
        )


@rule(
    "from-memory",
    {
        "en": "The case is told from memory, without notes.",
        "nl": "De casus wordt uit het geheugen verteld, zonder aantekeningen.",
    },
    source=SOURCE,
    needs_phases=["casus"],
)
def from_memory(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = _presentation(recipe)
    materials = phase.lines("materials")
    if materials:
        listed = ", ".join(f"`{m}`" for m in materials)
        yield warning(
            {
                "en": f"the case is told from memory, but `{phase.title}` lists material: {listed}",
                "nl": f"de casus wordt uit het geheugen verteld, maar `{phase.title}` noemt materiaal: {listed}",
            },
            phase.position,
            hint={
                "en": "leave notes and files out: what the presenter forgets or colours is part of the case",
                "nl": "laat aantekeningen en dossiers weg: wat de inbrenger vergeet of kleurt, hoort bij de casus",
            },
        )


@rule(
    "push-back",
    {
        "en": "After the telling, the presenter sits back and listens while the group discusses the case.",
        "nl": "Na het vertellen schuift de inbrenger naar achteren en luistert terwijl de groep de casus bespreekt.",
    },
    source=SALINSKY,
    needs_roles=[PRESENTER],
    needs_phases=["casus", "bespreking"],
)
def push_back(recipe: Recipe) -> Iterator[Diagnostic]:
    told, discussed = _presentation(recipe), _discussion(recipe)
    if index_of(recipe, discussed) < index_of(recipe, told):
        yield error(
            {
                "en": f"the group discusses the case (`{discussed.title}`) before it is told (`{told.title}`)",
                "nl": f"de groep bespreekt de casus (`{discussed.title}`) voordat die verteld is (`{told.title}`)",
            },
            discussed.position,
            hint={
                "en": f"move `{discussed.title}` after `{told.title}`: first the case, then the discussion",
                "nl": f"zet `{discussed.title}` na `{told.title}`: eerst de casus, dan de bespreking",
            },
        )
    if not _finding.silent(discussed, PRESENTER):
        presenter = recipe.role(PRESENTER)
        assert presenter is not None  # needs_roles
        hint = quiet_hint(
            recipe, discussed, presenter, ("listen:", "luistert:"), {"en": "the presenter", "nl": "de inbrenger"}
        )
        yield error(
            {
                "en": f"the presenter takes part in `{discussed.title}`, where they sit back and listen",
                "nl": f"de inbrenger doet mee aan `{discussed.title}`, waar die naar achteren schuift en luistert",
            },
            discussed.position,
            hint=hint,
        )
    elif not _finding.other_speakers(recipe, discussed, [PRESENTER]):
        line = written(recipe, "speak:", "spreekt:")
        yield error(
            {
                "en": f"nobody of the group speaks in `{discussed.title}`, where the group discusses the case",
                "nl": f"niemand van de groep spreekt in `{discussed.title}`, waar de groep de casus bespreekt",
            },
            discussed.position,
            hint={"en": f"name the group under `{line}`", "nl": f"zet de groep bij `{line}`"},
        )


@rule(
    "presenter-rejoins",
    {
        "en": "At the end the presenter is invited back into the conversation.",
        "nl": "Aan het eind wordt de inbrenger weer in het gesprek uitgenodigd.",
    },
    source=SALINSKY,
    needs_roles=[PRESENTER],
    needs_phases=["bespreking"],
)
def presenter_rejoins(recipe: Recipe) -> Iterator[Diagnostic]:
    discussed = _discussion(recipe)
    after = list(recipe.phases())[index_of(recipe, discussed) + 1 :]
    if not any(_finding.speaks(phase, PRESENTER) for phase in after):
        line = written(recipe, "speak: everyone", "spreekt: iedereen")
        yield warning(
            {
                "en": f"the presenter does not speak again after `{discussed.title}`",
                "nl": f"de inbrenger spreekt na `{discussed.title}` niet meer",
            },
            discussed.position,
            hint={
                "en": f"add a phase after it in which the presenter rejoins the group: `{line}`",
                "nl": f"voeg daarna een fase toe waarin de inbrenger weer aanschuift: `{line}`",
            },
        )


# ---------------------------------------------------------------- finders: the structure of a recipe without ids


def _find_leader(recipe: Recipe) -> list[Role]:
    """The leader: the role marked ``facilitator: yes`` (a recipe with two such roles marks one ``id: leider``)."""
    return _finding.facilitators(recipe)


def _find_presenter(recipe: Recipe) -> list[Role]:
    """The presenter, by name: a role called as every method calls the case-giver (inbrenger, presenter, ...)."""
    return _finding.case_givers(recipe)


def _find_presentation(recipe: Recipe) -> list[Phase]:
    """Where the case is told: the first phase that names the presenter under ``speak`` (not as ``everyone``)."""
    presenter = _presenter(recipe)
    if presenter is None:
        return []
    return next(([phase] for phase in recipe.phases() if presenter in phase.speak), [])


def _find_discussion(recipe: Recipe) -> list[Phase]:
    """The push-back: the phases in which the group speaks and the presenter is named to listen or sit outside."""
    presenter = _presenter(recipe)
    if presenter is None:
        return []
    return [
        phase
        for phase in recipe.phases()
        if (presenter in phase.listen or presenter in phase.outside)
        and _finding.other_speakers(recipe, phase, [presenter])
    ]


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="balint",
            names={"nl": "Balintgroep", "en": "Balint group"},
            summary={
                "en": "Case discussion for doctors and other professionals: one tells, from memory, about a "
                "patient who occupies them; then sits back and listens while the group explores the relation "
                "between doctor and patient, and rejoins at the end.",
                "nl": "Casusbespreking voor artsen en andere professionals: een deelnemer vertelt uit het "
                "geheugen over een patiënt die hem of haar bezighoudt, schuift dan naar achteren en luistert "
                "terwijl de groep de relatie tussen arts en patiënt verkent, en doet aan het eind weer mee.",
            },
            source=SOURCE,
            base_recipe=base_recipe("balint"),
            rules=(leaders, presentation, from_memory, push_back, presenter_rejoins),
            roles={
                LEADER: {"en": "the leader, or two co-leaders", "nl": "de leider, of twee coleiders"},
                PRESENTER: {
                    "en": "the member who tells the case",
                    "nl": "het groepslid dat de casus vertelt",
                },
            },
            phases={
                "casus": {
                    "en": "where the presenter tells the case, the group listening",
                    "nl": "waar de inbrenger de casus vertelt en de groep luistert",
                },
                "bespreking": {
                    "en": "the group's discussion while the presenter sits back and listens",
                    "nl": "de bespreking door de groep terwijl de inbrenger naar achteren schuift en luistert",
                },
            },
            finders={
                LEADER: _find_leader,
                PRESENTER: _find_presenter,
                "casus": _find_presentation,
                "bespreking": _find_discussion,
            },
        )
    ]
