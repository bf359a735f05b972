"""The reflecting team (reflecterend team): a team reflects aloud on a conversation while the client listens.

Facts, from T. Andersen, "The reflecting team: dialogue and meta-dialogue
in clinical work", *Family Process* 26(4), 1987:
- an interviewer talks with the client (in Andersen's work, a family) while
  a team listens without taking part;
- then the team talks among themselves, aloud, about what they heard, while
  the client and the interviewer listen: the team speaks about the client,
  not to them, tentatively and without disqualifying anyone;
- then the client and the interviewer talk about what they heard in the
  team's reflections (the meta-dialogue); the turns may alternate again.

Not checked, for want of a figure in the source I can cite with certainty:
the size of the team, the length of a session or of a turn. The base
recipe's time boxes (60 minutes) are practice, and the method sets no
``group_size``. That the team speaks tentatively is a matter of words, for
the cards (a tip in the base recipe), not for a rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Phase, Recipe, Role, error, hookimpl, rule, warning
from methodengine_methods import _finding
from methodengine_methods._checks import quiet_hint
from methodengine_methods._common import base_recipe, index_of, written

SOURCE = "T. Andersen, The reflecting team: dialogue and meta-dialogue in clinical work, Family Process 26(4), 1987"

CLIENT = "client"
TEAM = "team"
INTERVIEW = "gesprek"
REFLECTION = "reflectie"
_CLIENT_WORDS = ("client", "gezin", "famil")  # besides the case-giver's words: Andersen's client is a family
_TEAM_WORDS = ("team", "reflect")


def _client(recipe: Recipe) -> str | None:
    """The client's id, for the phase finders, which may run before the role has been given its id."""
    return _finding.role_id(recipe, CLIENT, _find_client)


def _team(recipe: Recipe) -> str | None:
    """The team's id, for the phase finders, which may run before the role has been given its id."""
    return _finding.role_id(recipe, TEAM, _find_team)


def _phase(recipe: Recipe, ident: str) -> Phase:
    """The phase with the method's id; the rules that call this declare it in ``needs_phases``."""
    phase = recipe.phase(ident)
    assert phase is not None  # needs_phases
    return phase


@rule(
    "team-listens",
    {
        "en": "During the conversation the team listens and does not take part.",
        "nl": "Tijdens het gesprek luistert het team en doet het niet mee.",
    },
    source=SOURCE,
    needs_roles=[TEAM],
    needs_phases=[INTERVIEW],
)
def team_listens(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = _phase(recipe, INTERVIEW)
    if not _finding.silent(phase, TEAM):
        team = recipe.role(TEAM)
        assert team is not None  # needs_roles
        hint = quiet_hint(recipe, phase, team, ("listen:", "luistert:"), {"en": "the team", "nl": "het team"})
        yield error(
            {
                "en": f"the team takes part in `{phase.title}`, the conversation it listens to",
                "nl": f"het team doet mee aan `{phase.title}`, het gesprek waar het naar luistert",
            },
            phase.position,
            hint={
                "en": f"{hint['en']}; it speaks when it reflects",
                "nl": f"{hint['nl']}; het spreekt als het reflecteert",
            },
        )


@rule(
    "reflection",
    {
        "en": "After the conversation the team reflects aloud while the client and the interviewer listen.",
        "nl": "Na het gesprek reflecteert het team hardop terwijl de cliënt en de interviewer luisteren.",
    },
    source=SOURCE,
    needs_roles=[TEAM, CLIENT],
    needs_phases=[INTERVIEW, REFLECTION],
)
def reflection(recipe: Recipe) -> Iterator[Diagnostic]:
    interview, reflected = _phase(recipe, INTERVIEW), _phase(recipe, REFLECTION)
    if index_of(recipe, reflected) < index_of(recipe, interview):
        yield error(
            {
                "en": f"the team reflects (`{reflected.title}`) before the conversation it reflects on "
                f"(`{interview.title}`)",
                "nl": f"het team reflecteert (`{reflected.title}`) vóór het gesprek waar het op reflecteert "
                f"(`{interview.title}`)",
            },
            reflected.position,
            hint={
                "en": f"move `{reflected.title}` after `{interview.title}`",
                "nl": f"zet `{reflected.title}` na `{interview.title}`",
            },
        )
    if not _finding.speaks(reflected, TEAM):
        line = written(recipe, "speak:", "spreekt:") + f" {_finding.written_id(recipe, TEAM)}"
        yield error(
            {
                "en": f"the team does not speak in `{reflected.title}`, where it reflects",
                "nl": f"het team spreekt niet in `{reflected.title}`, waar het reflecteert",
            },
            reflected.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )
        return
    others = [r for r in recipe.roles if r.id != TEAM and _finding.speaks(reflected, r.id)]
    if others:
        names = ", ".join(f"`{r.id_as_written}`" for r in others)
        line = written(recipe, "listen:", "luistert:")
        yield error(
            {
                "en": f"not only the team speaks in `{reflected.title}`: {names} too; the team talks among "
                "themselves about the client, not with them",
                "nl": f"in `{reflected.title}` spreekt niet alleen het team, ook {names}; het team praat onderling "
                "over de cliënt, niet met de cliënt",
            },
            reflected.position,
            hint={
                "en": f"let only the team speak, and put the client and the interviewer under `{line}`",
                "nl": f"laat alleen het team spreken en zet de cliënt en de interviewer bij `{line}`",
            },
        )


@rule(
    "client-responds",
    {
        "en": "After the reflection, the client says what they heard in it.",
        "nl": "Na de reflectie zegt de cliënt wat hij of zij erin gehoord heeft.",
    },
    source=SOURCE,
    needs_roles=[CLIENT],
    needs_phases=[REFLECTION],
)
def client_responds(recipe: Recipe) -> Iterator[Diagnostic]:
    reflected = _phase(recipe, REFLECTION)
    after = list(recipe.phases())[index_of(recipe, reflected) + 1 :]
    if not any(_finding.speaks(p, CLIENT) for p in after):
        line = written(recipe, "speak:", "spreekt:") + f" {_finding.written_id(recipe, CLIENT)}"
        yield warning(
            {
                "en": f"the client does not speak after `{reflected.title}`, so never says what they heard in it",
                "nl": f"de cliënt spreekt na `{reflected.title}` niet meer, en zegt dus nooit wat hij of zij "
                "erin hoorde",
            },
            reflected.position,
            hint={
                "en": f"add a phase after it with `{line}`: the conversation about the reflection",
                "nl": f"voeg daarna een fase toe met `{line}`: het gesprek over de reflectie",
            },
        )


# ---------------------------------------------------------------- finders: the structure of a recipe without ids


def _find_client(recipe: Recipe) -> list[Role]:
    """The client, by name: a role called cliënt, gezin, family, or as every method calls the case-giver."""
    return _finding.case_givers(recipe, also=_CLIENT_WORDS)


def _find_team(recipe: Recipe) -> list[Role]:
    """The team, by name: a role called team, reflecterend team, reflecting team, ..."""
    return _finding.roles_named(recipe, _TEAM_WORDS, facilitators=False)


def _find_interview(recipe: Recipe) -> list[Phase]:
    """The conversation: the first phase that names the client under ``speak`` (not as ``everyone``)."""
    client = _client(recipe)
    if client is None:
        return []
    return next(([phase] for phase in recipe.phases() if client in phase.speak), [])


def _find_reflection(recipe: Recipe) -> list[Phase]:
    """The reflection: the phases that name the team under ``speak`` and the client under ``listen`` or ``outside``."""
    client, team = _client(recipe), _team(recipe)
    if client is None or team is None:
        return []
    return [
        phase
        for phase in recipe.phases()
        if team in phase.speak and (client in phase.listen or client in phase.outside)
    ]


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="reflecting-team",
            names={"nl": "Reflecterend team", "en": "Reflecting team"},
            summary={
                "en": "An interviewer talks with a client while a team listens; then the team reflects aloud, "
                "among themselves and tentatively, while the client listens; then the client says what they heard.",
                "nl": "Een interviewer voert een gesprek met een cliënt terwijl een team luistert; daarna "
                "reflecteert het team hardop en voorzichtig, onderling, terwijl de cliënt luistert; dan zegt de "
                "cliënt wat hij of zij gehoord heeft.",
            },
            source=SOURCE,
            base_recipe=base_recipe("reflecting_team"),
            rules=(team_listens, reflection, client_responds),
            roles={
                CLIENT: {
                    "en": "the client (a family, a case-giver) whose conversation the team reflects on",
                    "nl": "de cliënt (een gezin, een inbrenger) op wiens gesprek het team reflecteert",
                },
                TEAM: {"en": "the reflecting team", "nl": "het reflecterend team"},
            },
            phases={
                INTERVIEW: {
                    "en": "the conversation of interviewer and client, the team listening",
                    "nl": "het gesprek van interviewer en cliënt, waar het team naar luistert",
                },
                REFLECTION: {
                    "en": "the team's reflection, the client and the interviewer listening",
                    "nl": "de reflectie van het team, waar de cliënt en de interviewer naar luisteren",
                },
            },
            finders={CLIENT: _find_client, TEAM: _find_team, INTERVIEW: _find_interview, REFLECTION: _find_reflection},
        )
    ]
