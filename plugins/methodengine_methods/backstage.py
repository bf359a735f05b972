"""Group coaching with the backstage group (backstagegroep).

Facts, from the description of the backstage group method (with research by
the Karolinska Institutet, Stockholm): a case-giver brings a practical
problem, which is made concrete, looked at and analysed by the group, who
offer creative solutions and feedback on the case-giver's own part; at the
end of the turn the case-giver makes agreements for the workplace and
reports back at the start of the next meeting; at most two case-givers per
meeting; 8 meetings every 2 to 4 weeks, of 2.5 hours each.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import Diagnostic, Method, Recipe, error, hookimpl, role_counts, rule, warning
from methodengine_methods._common import base_recipe, in_weeks, phase_index, trajectory_field

SOURCE = "Backstagegroep, persoonlijke coaching in een groep (W. de Haas; onderzoek Karolinska Instituut)"

MAX_TURNS = 2
MEETINGS = 8
CADENCE_WEEKS = (2, 4)
MEETING_MINUTES = 150


@rule("max-case-givers", f"At most {MAX_TURNS} case-givers per meeting.", source=SOURCE, needs_roles=["inbrenger"])
def max_case_givers(recipe: Recipe) -> Iterator[Diagnostic]:
    role = recipe.role("inbrenger")
    assert role is not None
    count = role_counts(recipe)["inbrenger"]
    if count.high > MAX_TURNS:
        shown = str(count) if role.count is not None else f"{count} (the rest of the group)"
        yield error(
            f"at most {MAX_TURNS} case-givers take a turn per meeting, but role `inbrenger` has {shown}",
            role.position,
            hint=f"set `count: 1-{MAX_TURNS}`",
        )


@rule("max-turns", f"At most {MAX_TURNS} turns per meeting.", source=SOURCE, needs_phases=["beurt"])
def max_turns(recipe: Recipe) -> Iterator[Diagnostic]:
    turn = recipe.block("beurt")
    if turn is None:
        phase = recipe.item("beurt")  # needs_phases: it is there, as a phase
        yield error(
            "`beurt` should be a rounds block, one round per case-giver",
            phase.position if phase else recipe.position,
            hint="write `rounds 1-2: Beurt van een inbrenger` with `id: beurt`",
        )
    elif turn.count.high > MAX_TURNS:
        yield error(
            f"at most {MAX_TURNS} case-givers take a turn per meeting, but `{turn.title}` runs {turn.count} rounds",
            turn.position,
            hint=f"write `rounds 1-{MAX_TURNS}`",
        )


@rule(
    "agreements-each-turn",
    "Each turn ends with agreements for the workplace.",
    source=SOURCE,
    needs_phases=["beurt", "afspraken"],
)
def agreements_each_turn(recipe: Recipe) -> Iterator[Diagnostic]:
    agreements = recipe.item("afspraken")
    block = recipe.block_of("afspraken")
    inside = block is not None and block.id == "beurt"
    if not inside:
        yield error(
            "the agreements are made outside the turn, so not every case-giver makes them",
            agreements.position,
            hint="move the phase with `id: afspraken` into the rounds block `beurt`, as its last phase",
        )
    elif not agreements.lines("output"):
        yield warning(
            "the agreements phase names no output",
            agreements.position,
            hint="add `output: Afspraken om op de werkvloer uit te voeren`",
        )


@rule(
    "report-back",
    "From meeting 2 on, each meeting opens with report-back on the agreements.",
    source=SOURCE,
    needs_phases=["terugkoppeling"],
)
def report_back(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = recipe.item("terugkoppeling")
    total = recipe.trajectory.meetings if recipe.trajectory else None
    when = phase.when
    if when is None or when.applies(1, total):
        yield error(
            "report-back in the first meeting: there are no agreements yet to report on",
            when.position if when else phase.position,
            hint="write `when: from meeting 2`",
        )
    if total and when is not None:
        missing = [n for n in range(2, total + 1) if not when.applies(n, total)]
        if missing:
            yield warning(
                f"no report-back in meeting{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}",
                when.position,
                hint="case-givers report back at the start of every next meeting: write `when: from meeting 2`",
            )
    try:
        turn_index = phase_index(recipe, "beurt")
    except KeyError:
        return
    if phase_index(recipe, "terugkoppeling") > turn_index:
        yield warning(
            "report-back comes after the turns; it belongs at the start of the meeting",
            phase.position,
            hint="move the phase with `id: terugkoppeling` before the rounds block",
        )


@rule("meetings", f"The group meets {MEETINGS} times.", source=SOURCE)
def meetings(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is not None and trajectory.meetings != MEETINGS:
        count = "an open number of" if trajectory.open else str(trajectory.meetings)
        yield warning(
            f"a backstage group meets {MEETINGS} times, not {count} times",
            trajectory_field(recipe, "meetings"),
            hint=f"write `meetings: {MEETINGS}`",
        )


@rule("cadence", "The group meets every 2 to 4 weeks.", source=SOURCE)
def cadence(recipe: Recipe) -> Iterator[Diagnostic]:
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.every is None:
        return
    low, high = in_weeks(trajectory.every)
    if low < CADENCE_WEEKS[0] - 0.5 or high > CADENCE_WEEKS[1] + 0.5:
        yield warning(
            f"a backstage group meets every 2-4 weeks, not every {trajectory.every}",
            trajectory_field(recipe, "every"),
            hint="agree on a frequency between two and four weeks: `every: 2-4 weeks`",
        )


@rule("meeting-length", "Meetings last 2.5 hours.", source=SOURCE)
def meeting_length(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.duration is not None and recipe.duration.minutes.high != MEETING_MINUTES:
        yield warning(
            f"backstage meetings last 2.5 hours ({MEETING_MINUTES} min), not {recipe.duration}",
            recipe.where("duration"),
            hint="write `duration: 2,5 uur`",
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="backstage",
            names={"nl": "Backstagegroep", "en": "Backstage group"},
            summary="Group coaching: a case-giver brings a practical problem, the group analyses it and offers "
            "solutions and feedback; the case-giver makes agreements and reports back next time.",
            source=SOURCE,
            base_recipe=base_recipe("backstage"),
            rules=(max_case_givers, max_turns, agreements_each_turn, report_back, meetings, cadence, meeting_length),
            roles={"inbrenger": "the case-givers of the meeting, one or two"},
            phases={
                "beurt": "the rounds block of one case-giver's turn",
                "afspraken": "the phase, inside the turn, where the case-giver makes agreements",
                "terugkoppeling": "the report-back on the agreements, from meeting 2 on",
            },
        )
    ]
