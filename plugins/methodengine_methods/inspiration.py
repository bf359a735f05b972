"""Inspiration groups (inspiratiegroepen).

Facts, from Streamlinks' description of inspiration groups (2007): 6 to at
most 9 participants; two facilitators; a year of 10 monthly meetings;
first reflection on one's own functioning, then taking new steps, then
reflecting and adjusting; each meeting ends by placing the experiences in a
broader societal perspective.

The group size (6 to at most 9) is the method's ``group_size``, which
methodengine's core checks: a group that can never reach it is an error.
The three stages are what the source reports from its experience, not a
fixed order, so stages in another order are a warning, not an error.

The rules find their structure in a recipe without ids (``FINDERS``): the
closing phase is the one whose title speaks of society (maatschappelijk,
samenleving, societal), else of perspective; the stages are those whose
titles say reflectie, stappen and bijstellen (or reflection, steps,
adjusting), else, with exactly three stages, the first, second and third.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from methodengine import Diagnostic, Method, Phase, Range, Recipe, Stage, error, hookimpl, role_counts, rule, warning
from methodengine_methods._common import base_recipe, every_nl, last_phase, period_nl, trajectory_field, written
from methodengine_methods._finding import called, first_found

SOURCE = "Streamlinks, Inspiratiegroepen (2007)"

GROUP = Range(6, 9)  # SOURCE: six to at most nine participants
FACILITATORS = 2  # SOURCE: two facilitators see to structure and depth
MEETINGS = 10  # SOURCE: ten monthly meetings in one year
STAGES = ("reflectie", "stappen", "bijstellen")
YEAR_DAYS = (350, 380)
"""A year, written as 12 months, 52 weeks or 1 year."""

# What trainers call the structure the rules need (letters only, see _finding.says).
SOCIETY_WORDS = ("maatschappelijk", "maatschappij", "samenleving", "societ")
PERSPECTIVE_WORDS = ("perspectief", "perspective")
FACILITATOR_WORDS = ("begeleider", "begeleiding", "trainer", "facilitator", "coach", "leider", "leader")
STAGE_WORDS = {
    "reflectie": ("reflectie", "functioneren", "reflection", "functioning"),
    "stappen": ("stappen", "stap", "steps", "step"),
    "bijstellen": ("bijstel", "bijsturen", "adjust"),
}


def _perspective(recipe: Recipe) -> list[Phase]:
    """The closing perspective: a phase about society by its title, else one about perspective."""
    phases = list(recipe.phases())
    return first_found(
        [p for p in phases if called(p, SOCIETY_WORDS)], [p for p in phases if called(p, PERSPECTIVE_WORDS)]
    )


def _stage(ident: str) -> Callable[[Recipe], list[Stage]]:
    """The stage ``ident`` by the words of its title (not those of another stage), else by its place of three."""

    def find(recipe: Recipe) -> list[Stage]:
        stages = sorted(recipe.trajectory.stages if recipe.trajectory else (), key=lambda s: s.meetings.low)
        unmarked = [s for s in stages if s.id not in STAGES]
        others = [w for other, words in STAGE_WORDS.items() if other != ident for w in words]
        named = [s for s in unmarked if called(s, STAGE_WORDS[ident])]
        # "Reflecteren en bijstellen" speaks of reflection too: a title with another stage's words is that one's.
        clear = [s for s in named if not called(s, others)]
        # Three stages and none marked out of its place: the first is reflection, then steps, then adjusting.
        in_place = len(stages) == len(STAGES) and all(
            s.id not in STAGES or s.id == i for s, i in zip(stages, STAGES, strict=True)
        )
        by_place = [stages[STAGES.index(ident)]] if in_place and not named else []
        return first_found(clear, named, by_place)

    find.__doc__ = f"The stage `{ident}`: by its title, else by its place among three."
    return find


FINDERS = {"perspectief": _perspective, **{ident: _stage(ident) for ident in STAGES}}


@rule(
    "two-facilitators",
    {
        "en": "Two facilitators guarantee structure and depth.",
        "nl": "Twee begeleiders zorgen voor structuur en diepgang.",
    },
    source=SOURCE,
)
def two_facilitators(recipe: Recipe) -> Iterator[Diagnostic]:
    # The facilitators' role: marked `begeleider: ja`, else (written by hand, unmarked) called so.
    roles = first_found(
        [r for r in recipe.roles if r.facilitator],
        [r for r in recipe.roles if called(r, FACILITATOR_WORDS) and not called(r, ("deelnemer", "participant"))],
    )
    written_at = recipe.where("facilitators")
    if recipe.facilitators is not None and written_at is not None and written_at.path == recipe.path:
        count, where = recipe.facilitators, written_at
    elif roles:
        # `facilitators:` came from the base recipe; the roles the recipe writes say who is there.
        counts = role_counts(recipe)
        count = sum((counts[r.id] for r in roles), Range(0, 0))
        where = roles[0].position
    else:
        count = recipe.facilitators or Range(0, 0)
        where = recipe.where("facilitators")
    if count != Range(FACILITATORS, FACILITATORS):
        role_line = written(recipe, f"count: {FACILITATORS}", f"aantal: {FACILITATORS}")
        header_line = written(recipe, f"facilitators: {FACILITATORS}", f"begeleiders: {FACILITATORS}")
        yield warning(
            {
                "en": f"an inspiration group has {FACILITATORS} facilitators, not {count}",
                "nl": f"een inspiratiegroep heeft {FACILITATORS} begeleiders, niet {count}",
            },
            where,
            hint={
                "en": f"give the facilitator role `{role_line}` (and write `{header_line}`)",
                "nl": f"geef de rol van de begeleider `{role_line}` (en schrijf `{header_line}`)",
            },
        )


@rule(
    "year-of-monthly-meetings",
    {"en": "10 monthly meetings over one year.", "nl": "10 maandelijkse bijeenkomsten in een jaar."},
    source=SOURCE,
)
def year_of_monthly_meetings(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None:
        return
    if trajectory.meetings != MEETINGS:
        line = written(recipe, f"meetings: {MEETINGS}", f"bijeenkomsten: {MEETINGS}")
        yield warning(
            {
                "en": f"an inspiration group meets {MEETINGS} times in a year, not "
                + (str(trajectory.meetings) if trajectory.meetings else "an open number of"),
                "nl": f"een inspiratiegroep komt {MEETINGS} keer per jaar bij elkaar, niet "
                + (f"{trajectory.meetings} keer" if trajectory.meetings else "een open aantal keer"),
            },
            trajectory_field(recipe, "meetings"),
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )
    if trajectory.every is not None and (trajectory.every.unit, trajectory.every.amount) != ("month", Range(1, 1)):
        line = written(recipe, "every: 1 month", "elke: 1 maand")
        yield warning(
            {
                "en": f"an inspiration group meets monthly, not every {trajectory.every}",
                "nl": f"een inspiratiegroep komt elke maand bij elkaar, niet {every_nl(trajectory.every)}",
            },
            trajectory_field(recipe, "every"),
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )
    if trajectory.span is not None and not all(YEAR_DAYS[0] <= d <= YEAR_DAYS[1] for d in trajectory.span.days()):
        line = written(recipe, "span: 1 year", "looptijd: 1 jaar")
        yield warning(
            {
                "en": f"an inspiration group runs for a year, not {trajectory.span}",
                "nl": f"een inspiratiegroep loopt een jaar, niet {period_nl(trajectory.span)}",
            },
            trajectory_field(recipe, "span"),
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@rule(
    "three-stages",
    {
        "en": "Three stages cover all meetings: reflection on one's own functioning, new steps, "
        "reflecting and adjusting.",
        "nl": "Drie etappes beslaan alle bijeenkomsten: reflectie op het eigen functioneren, nieuwe stappen, "
        "reflecteren en bijstellen.",
    },
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
        # Each stage by its title as written: a stage found without its id has no `reflectie` to show.
        titles = [next(s.title for s in ordered if s.id == ident) for ident in STAGES]
        yield warning(
            {
                "en": "the stages run in the wrong order: first reflection (`{}`), then new steps "
                "(`{}`), then reflecting and adjusting (`{}`)".format(*titles),
                "nl": "de etappes staan in de verkeerde volgorde: eerst reflectie (`{}`), dan nieuwe "
                "stappen (`{}`), dan reflecteren en bijstellen (`{}`)".format(*titles),
            },
            stage.position,
            hint={
                "en": "renumber the stages' meetings so that they follow that order",
                "nl": "nummer de bijeenkomsten van de etappes zo dat ze die volgorde volgen",
            },
        )
    total = trajectory.meetings
    if total:
        covered = {n for s in trajectory.stages for n in range(s.meetings.low, s.meetings.high + 1)}
        missing = [n for n in range(1, total + 1) if n not in covered]
        if missing:
            several = len(missing) > 1
            numbers = ", ".join(map(str, missing))
            yield warning(
                {
                    "en": f"meeting{'s' if several else ''} {numbers} belong{'' if several else 's'} to no stage",
                    "nl": f"bijeenkomst{'en' if several else ''} {numbers} "
                    f"{'horen' if several else 'hoort'} bij geen enkele etappe",
                },
                trajectory.position,
                hint={
                    "en": "let the three stages together cover every meeting",
                    "nl": "laat de drie etappes samen alle bijeenkomsten beslaan",
                },
            )


@rule(
    "closing-perspective",
    {
        "en": "Every meeting ends with the broader societal perspective.",
        "nl": "Elke bijeenkomst eindigt met het bredere maatschappelijke perspectief.",
    },
    source=SOURCE,
    needs_phases=["perspectief"],
)
def closing_perspective(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = recipe.item("perspectief")
    last = last_phase(recipe)
    if last is not None and last.id != "perspectief":
        yield error(
            {
                "en": f"every meeting ends with the broader societal perspective, but the last phase is `{last.title}`",
                "nl": "elke bijeenkomst eindigt met het bredere maatschappelijke perspectief, maar de laatste fase "
                f"is `{last.title}`",
            },
            last.position,
            hint={
                "en": f"move `{phase.title}` to the end of the agenda",
                "nl": f"zet `{phase.title}` achteraan in de agenda",
            },
        )
    if phase.when is not None:
        when = written(recipe, "when", "wanneer")
        yield error(
            {
                "en": "the broader societal perspective closes every meeting, not only some",
                "nl": "het bredere maatschappelijke perspectief sluit elke bijeenkomst af, niet maar een paar",
            },
            phase.when.position,
            hint={
                "en": f"remove the `{when}` from `{phase.title}`",
                "nl": f"haal de `{when}` weg bij `{phase.title}`",
            },
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="inspiration",
            names={"nl": "Inspiratiegroep", "en": "Inspiration group"},
            summary={
                "en": "A small group searches for a year, in 10 monthly meetings, for each member's own perspective "
                "and its meaning for their work, in three stages.",
                "nl": "Een kleine groep zoekt een jaar lang, in 10 maandelijkse bijeenkomsten, naar ieders eigen "
                "perspectief en wat dat betekent voor het werk, in drie etappes.",
            },
            source=SOURCE,
            base_recipe=base_recipe("inspiration"),
            rules=(two_facilitators, year_of_monthly_meetings, three_stages, closing_perspective),
            phases={
                "perspectief": {
                    "en": "the closing phase on the broader societal perspective; a phase whose title says "
                    "maatschappelijk, samenleving or perspectief",
                    "nl": "de slotfase over het bredere maatschappelijke perspectief; een fase met maatschappelijk, "
                    "samenleving of perspectief in de titel",
                }
            },
            stages={
                "reflectie": {
                    "en": "the first stage: reflection on one's own functioning; a stage whose title says reflectie",
                    "nl": "de eerste etappe: reflectie op het eigen functioneren; een etappe met reflectie in de titel",
                },
                "stappen": {
                    "en": "the middle stage: taking new steps; a stage whose title says stappen",
                    "nl": "de middelste etappe: nieuwe stappen zetten; een etappe met stappen in de titel",
                },
                "bijstellen": {
                    "en": "the last stage: reflecting and adjusting; a stage whose title says bijstellen",
                    "nl": "de laatste etappe: reflecteren en bijstellen; een etappe met bijstellen in de titel",
                },
            },
            group_size=GROUP,
            finders=FINDERS,
        )
    ]
