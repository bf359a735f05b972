"""Group coaching with the backstage group (backstagegroep).

Facts, from the description of the backstage group method (with research by
the Karolinska Institutet, Stockholm): a case-giver brings a practical
problem, which is made concrete, looked at and analysed by the group, who
offer creative solutions and feedback on the case-giver's own part; at the
end of the turn the case-giver makes agreements for the workplace and
reports back at the start of the next meeting; at most two case-givers per
meeting (two at most, per evening, in the source);
8 meetings every 2 to 4 weeks, of 2.5 hours each. The source states no
group size (the cost depends on it), so the method sets none.

The rules find their structure in a recipe without ids (``FINDERS``): the
case-giver is the role called so (inbrenger, casusinbrenger, casushouder,
case-giver, ...); the turn is the only rounds block (of several, those whose
title says beurt, casus or turn); the agreements are the phase whose title
says afspraken or agreements (one in the turn before one outside it), else
the turn's last phase where the case-giver speaks, if it names an output;
the report-back is a phase outside the turn whose title says terugkoppeling,
terugblik or report-back, else one from meeting 2 on where the case-giver
speaks.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import (
    EVERYONE,
    Diagnostic,
    Method,
    Phase,
    Recipe,
    Rounds,
    error,
    hookimpl,
    rule,
    warning,
)
from methodengine_methods._checks import at_most, later_meetings_left_out
from methodengine_methods._common import base_recipe, every_nl, in_weeks, phase_index, trajectory_field, written
from methodengine_methods._finding import called, case_givers, first_found, last_spoken_by, says, turn_of

SOURCE = "Backstagegroep, persoonlijke coaching in een groep (W. de Haas; onderzoek Karolinska Instituut)"

MAX_TURNS = 2  # SOURCE: at most two case-givers take a turn per evening
MEETINGS = 8  # SOURCE: the group meets 8 times
CADENCE_WEEKS = (2, 4)  # SOURCE: an agreed frequency of two to four weeks
MEETING_MINUTES = 150  # SOURCE: meetings of two and a half hours

# What trainers call the structure the rules need (letters only, see _finding.says).
TURN_WORDS = ("beurt", "casus", "inbreng", "turn", "case")
AGREEMENT_WORDS = ("afspra", "afspreken", "agree", "actiepunt", "actionpoint", "voornemen", "actionplan")
REPORT_BACK_WORDS = (
    "terugkoppel",
    "terugblik",
    "terugkom",
    "hoeginghet",
    "hoeishetgegaan",
    "reportback",
    "lookingback",
)


def _turn(recipe: Recipe) -> list[Rounds]:
    """The rounds block of a turn: the only one; of several, those whose title says it is a turn (or all)."""
    blocks = list(recipe.rounds_blocks())
    return first_found([b for b in blocks if called(b, TURN_WORDS)], blocks) if len(blocks) > 1 else blocks


def _agreements(recipe: Recipe) -> list[Phase]:
    """The phase where agreements are made: by its title, else by its output, else by its shape in the turn.

    A title that says so wins (in the turn before one outside it); else the
    turn's phase whose output says agreements (`Wat ga ik doen?` with
    `opbrengst: Afspraken ...`), whoever speaks in it, so that the rule can
    say the case-giver makes them; else the turn's last phase where the
    case-giver speaks, if it names an output.
    """
    turn = turn_of(recipe, "beurt")
    named = [
        p
        for p in recipe.phases()
        if called(p, AGREEMENT_WORDS) and not called(p, REPORT_BACK_WORDS)  # "hoe ging het met de afspraken?"
    ]
    in_turn = [p for p in named if turn is not None and recipe.block_of(p) is turn]
    if named:
        return first_found(in_turn, named)
    if turn is None:
        return []
    # `Wat ga ik doen?` with `opbrengst: Afspraken voor de werkvloer`: the output says it, whoever speaks.
    yielding = [p for p in turn.items if any(says(line, AGREEMENT_WORDS) for line in p.lines("output"))]
    last = last_spoken_by(turn.items, "inbrenger")
    return first_found(yielding, [last] if last is not None and last.lines("output") else [])


def _report_back(recipe: Recipe) -> list[Phase]:
    """The report-back: a phase outside the turns called so, else one from meeting 2 on where the case-giver speaks."""
    total = recipe.trajectory.meetings if recipe.trajectory else None
    outside = [p for p in recipe.phases() if recipe.block_of(p) is None]
    return first_found(
        [p for p in outside if called(p, REPORT_BACK_WORDS)],
        [p for p in outside if p.when is not None and not p.when.applies(1, total) and "inbrenger" in p.speak],
    )


FINDERS = {"inbrenger": case_givers, "beurt": _turn, "afspraken": _agreements, "terugkoppeling": _report_back}


@rule(
    "max-case-givers",
    {"en": f"At most {MAX_TURNS} case-givers per meeting.", "nl": f"Hoogstens {MAX_TURNS} inbrengers per bijeenkomst."},
    source=SOURCE,
    needs_roles=["inbrenger"],
)
def max_case_givers(recipe: Recipe) -> Iterator[Diagnostic]:
    says = {
        "en": f"at most {MAX_TURNS} case-givers take a turn per meeting",
        "nl": f"per bijeenkomst zijn hoogstens {MAX_TURNS} inbrengers aan de beurt",
    }
    yield from at_most(recipe, "inbrenger", MAX_TURNS, says, error)


@rule(
    "max-turns",
    {"en": f"At most {MAX_TURNS} turns per meeting.", "nl": f"Hoogstens {MAX_TURNS} beurten per bijeenkomst."},
    source=SOURCE,
    needs_phases=["beurt"],
)
def max_turns(recipe: Recipe) -> Iterator[Diagnostic]:
    turn = recipe.block("beurt")
    if turn is None:
        phase = recipe.item("beurt")  # needs_phases: it is there, as a phase
        line = written(recipe, "rounds 1-2: Beurt van een inbrenger", "rondes 1-2: Beurt van een inbrenger")
        yield error(
            {
                "en": "`beurt` should be a rounds block, one round per case-giver",
                "nl": "`beurt` hoort een rondeblok te zijn, één ronde per inbrenger",
            },
            phase.position if phase else recipe.position,
            hint={"en": f"write `{line}` with `id: beurt`", "nl": f"schrijf `{line}` met `id: beurt`"},
        )
    elif turn.count.high > MAX_TURNS:
        line = written(recipe, f"rounds 1-{MAX_TURNS}", f"rondes 1-{MAX_TURNS}")
        yield error(
            {
                "en": f"at most {MAX_TURNS} case-givers take a turn per meeting, but `{turn.title}` runs "
                f"{turn.count} rounds",
                "nl": f"per bijeenkomst zijn hoogstens {MAX_TURNS} inbrengers aan de beurt, maar `{turn.title}` "
                f"heeft {turn.count} rondes",
            },
            turn.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@rule(
    "agreements-each-turn",
    {
        "en": "Each turn ends with agreements for the workplace.",
        "nl": "Elke beurt eindigt met afspraken voor op de werkvloer.",
    },
    source=SOURCE,
    needs_phases=["beurt", "afspraken"],
)
def agreements_each_turn(recipe: Recipe) -> Iterator[Diagnostic]:
    agreements = recipe.item("afspraken")
    turn = recipe.item("beurt")
    block = recipe.block_of("afspraken")
    inside = block is not None and block.id == "beurt"
    if not inside:
        yield error(
            {
                "en": "the agreements are made outside the turn, so not every case-giver makes them",
                "nl": "de afspraken worden buiten de beurt gemaakt, dus niet elke inbrenger maakt ze",
            },
            agreements.position,
            hint={
                "en": f"move `{agreements.title}` into the rounds block `{turn.title}`, as its last phase",
                "nl": f"zet `{agreements.title}` als laatste fase in het rondeblok `{turn.title}`",
            },
        )
    else:
        yield from _agreements_as_described(recipe, agreements, block)


def _agreements_as_described(recipe: Recipe, agreements: Phase, turn: Rounds) -> Iterator[Diagnostic]:
    """In the turn, the agreements are the case-giver's, made at its end (SOURCE)."""
    if not agreements.lines("output"):
        line = written(
            recipe,
            "output: Afspraken om op de werkvloer uit te voeren",
            "opbrengst: Afspraken om op de werkvloer uit te voeren",
        )
        yield warning(
            {"en": "the agreements phase names no output", "nl": "de fase met de afspraken noemt geen opbrengst"},
            agreements.position,
            hint={"en": f"add `{line}`", "nl": f"voeg `{line}` toe"},
        )
    case_giver = recipe.role("inbrenger")
    if case_giver is not None and "inbrenger" not in agreements.speak and EVERYONE not in agreements.speak:
        line = written(recipe, f"speak: {case_giver.id_as_written}", f"spreekt: {case_giver.id_as_written}")
        yield warning(
            {
                "en": f"the case-giver makes the agreements, but does not speak in `{agreements.title}`",
                "nl": f"de inbrenger maakt de afspraken, maar spreekt niet in `{agreements.title}`",
            },
            agreements.position,
            hint={"en": f"add `{line}`", "nl": f"voeg `{line}` toe"},
        )
    later = turn.items[next(i for i, p in enumerate(turn.items) if p is agreements) + 1 :]
    if later:
        yield warning(
            {
                "en": f"the agreements close the turn, but `{later[0].title}` comes after them",
                "nl": f"de afspraken sluiten de beurt af, maar `{later[0].title}` komt erna",
            },
            agreements.position,
            hint={
                "en": f"make `{agreements.title}` the last phase of `{turn.title}`",
                "nl": f"maak `{agreements.title}` de laatste fase van `{turn.title}`",
            },
        )


@rule(
    "report-back",
    {
        "en": "From meeting 2 on, each meeting opens with report-back on the agreements.",
        "nl": "Vanaf bijeenkomst 2 begint elke bijeenkomst met terugkoppeling over de afspraken.",
    },
    source=SOURCE,
    needs_phases=["terugkoppeling"],
)
def report_back(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = recipe.item("terugkoppeling")
    total = recipe.trajectory.meetings if recipe.trajectory else None
    when = phase.when
    line = written(recipe, "when: from meeting 2", "wanneer: vanaf bijeenkomst 2")
    if when is None or when.applies(1, total):
        yield error(
            {
                "en": "report-back in the first meeting: there are no agreements yet to report on",
                "nl": "terugkoppeling in de eerste bijeenkomst: er zijn nog geen afspraken om op terug te komen",
            },
            when.position if when else phase.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )
    missing = later_meetings_left_out(when, total)
    if missing is not None and when is not None:
        yield warning(
            {"en": f"no report-back in {missing['en']}", "nl": f"geen terugkoppeling in {missing['nl']}"},
            when.position,
            hint={
                "en": f"case-givers report back at the start of every next meeting: write `{line}`",
                "nl": f"inbrengers koppelen aan het begin van elke volgende bijeenkomst terug: schrijf `{line}`",
            },
        )
    try:
        turn_index = phase_index(recipe, "beurt")
    except KeyError:
        return
    if phase_index(recipe, "terugkoppeling") > turn_index:
        yield warning(
            {
                "en": "report-back comes after the turns; it belongs at the start of the meeting",
                "nl": "de terugkoppeling komt na de beurten; die hoort aan het begin van de bijeenkomst",
            },
            phase.position,
            hint={
                "en": f"move `{phase.title}` before the rounds block",
                "nl": f"zet `{phase.title}` vóór het rondeblok",
            },
        )


@rule(
    "meetings",
    {"en": f"The group meets {MEETINGS} times.", "nl": f"De groep komt {MEETINGS} keer bij elkaar."},
    source=SOURCE,
)
def meetings(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is not None and trajectory.meetings != MEETINGS:
        line = written(recipe, f"meetings: {MEETINGS}", f"bijeenkomsten: {MEETINGS}")
        yield warning(
            {
                "en": f"a backstage group meets {MEETINGS} times, not "
                + ("an open number of times" if trajectory.open else f"{trajectory.meetings} times"),
                "nl": f"een backstagegroep komt {MEETINGS} keer bij elkaar, niet "
                + ("een open aantal keer" if trajectory.open else f"{trajectory.meetings} keer"),
            },
            trajectory_field(recipe, "meetings"),
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@rule(
    "cadence",
    {"en": "The group meets every 2 to 4 weeks.", "nl": "De groep komt om de 2 tot 4 weken bij elkaar."},
    source=SOURCE,
)
def cadence(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.every is None:
        return
    low, high = in_weeks(trajectory.every)
    if low < CADENCE_WEEKS[0] - 0.5 or high > CADENCE_WEEKS[1] + 0.5:
        line = written(recipe, "every: 2-4 weeks", "elke: 2-4 weken")
        yield warning(
            {
                "en": f"a backstage group meets every 2-4 weeks, not every {trajectory.every}",
                "nl": f"een backstagegroep komt om de 2-4 weken bij elkaar, niet {every_nl(trajectory.every)}",
            },
            trajectory_field(recipe, "every"),
            hint={
                "en": f"agree on a frequency between two and four weeks: `{line}`",
                "nl": f"spreek een ritme af van twee tot vier weken: `{line}`",
            },
        )


@rule(
    "meeting-length",
    {"en": "Meetings last 2.5 hours.", "nl": "Een bijeenkomst duurt 2,5 uur."},
    source=SOURCE,
)
def meeting_length(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.duration is not None and recipe.duration.minutes.high != MEETING_MINUTES:
        line = written(recipe, "duration: 2,5 uur", "duur: 2,5 uur")
        yield warning(
            {
                "en": f"backstage meetings last 2.5 hours ({MEETING_MINUTES} min), not {recipe.duration}",
                "nl": f"een bijeenkomst van de backstagegroep duurt 2,5 uur ({MEETING_MINUTES} min), "
                f"niet {recipe.duration}",
            },
            recipe.where("duration"),
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="backstage",
            names={"nl": "Backstagegroep", "en": "Backstage group"},
            summary={
                "en": "Group coaching: a case-giver brings a practical problem, the group analyses it and offers "
                "solutions and feedback; the case-giver makes agreements and reports back next time.",
                "nl": "Coaching in een groep: een inbrenger brengt een praktijkprobleem in, de groep analyseert het en "
                "geeft oplossingen en feedback; de inbrenger maakt afspraken en koppelt de volgende keer terug.",
            },
            source=SOURCE,
            base_recipe=base_recipe("backstage"),
            rules=(max_case_givers, max_turns, agreements_each_turn, report_back, meetings, cadence, meeting_length),
            roles={
                "inbrenger": {
                    "en": "the case-givers of the meeting, one or two; a role called inbrenger, casushouder or "
                    "case-giver",
                    "nl": "de inbrengers, één of twee; een rol die inbrenger, casushouder of probleemeigenaar heet",
                }
            },
            phases={
                "beurt": {
                    "en": "the rounds block of one case-giver's turn; the only rounds block, or the one called "
                    "beurt or casus",
                    "nl": "het rondeblok van één beurt; het enige rondeblok, of dat met beurt of casus in de titel",
                },
                "afspraken": {
                    "en": "the phase, inside the turn, where the case-giver makes agreements; its title says "
                    "afspraken, or the case-giver speaks last in it and it names an output",
                    "nl": "de fase in de beurt waarin de inbrenger afspraken maakt; met afspraken in de titel, of "
                    "de laatste fase waarin de inbrenger spreekt, met een opbrengst",
                },
                "terugkoppeling": {
                    "en": "the report-back on the agreements, from meeting 2 on; its title says terugkoppeling or "
                    "terugblik",
                    "nl": "de terugkoppeling over de afspraken, vanaf bijeenkomst 2; met terugkoppeling of "
                    "terugblik in de titel",
                },
            },
            finders=FINDERS,
        )
    ]
