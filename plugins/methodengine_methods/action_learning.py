"""The action learning set after R. Revans: comrades in adversity who each act on a real problem of their own.

Facts and their sources (R. Revans, *Action Learning: New Techniques for
Management*, 1980; *ABC of Action Learning*, 1983 and later editions):
- a small set of "comrades in adversity", of about four to eight members
  (the set size as it is usually given after Revans: we are not sure of a
  page that states it, so it is only the method's ``group_size``, never a
  rule of its own);
- each member brings a real problem of his or her own work, one he or she
  is responsible for acting on: every member has a turn;
- learning is programmed knowledge (P) and questioning insight (Q); the set
  works by questions, not by handing out answers;
- a set adviser (facilitator) is optional, and helps the set to work until it
  needs no one;
- the set meets again and again over months: members act between meetings
  and report at the next meeting what they did and learned.

Revans gives no minutes per member, number of meetings or cadence that we
are sure of: the base recipe's 25 minutes per member, six meetings a month
apart, are our planning and no rule checks them. Every member having a turn
is the method (an error); the report from meeting 2 on, the actions each turn
ends with and a series rather than one meeting are what the set does, and a
recipe that lacks them is told so as a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from methodengine import (
    EVERYONE,
    Diagnostic,
    Method,
    Phase,
    Range,
    Recipe,
    Role,
    Rounds,
    error,
    hookimpl,
    role_counts,
    rule,
    warning,
)
from methodengine_methods._checks import later_meetings_left_out
from methodengine_methods._common import base_recipe, trajectory_field, written
from methodengine_methods._finding import first_found, open_roles, phases_titled, role_id, roles_named, says, speaks

SOURCE = "R. Revans, ABC of Action Learning (1983); Action Learning (1980)"

GROUP_SIZE = Range(4, 8)  # a set of about four to eight, as the set size is usually given after Revans

_MEMBER_WORDS = ("setlid", "set member", "member", "deelnemer", "lid")
_TURN_WORDS = ("beurt", "vraagstuk", "probleem", "casus", "problem", "issue", "turn")
_REPORT_WORDS = ("verslag", "terugkoppel", "report", "bericht", "stand van zaken")


def _find_member(recipe: Recipe) -> list[Role]:
    """The set's members: the open role (no count, not a facilitator); else the roles named as members.

    Else the only role that is no facilitator: a set is its members and its
    adviser, so `rol afdelingshoofd` with `aantal: 6` beside the set coach is
    the members, count or not.
    """
    others = [role for role in recipe.roles if not role.facilitator]
    return first_found(
        open_roles(recipe),
        roles_named(recipe, _MEMBER_WORDS, facilitators=False),
        others if len(others) == 1 else [],
    )


def _per_member(phase: Phase) -> bool:
    return phase.timebox.per in ("setlid", EVERYONE)


def _find_turn(recipe: Recipe) -> list[Phase | Rounds]:
    """Each member's turn: the rounds blocks, else the phases timed per member that are not the report.

    Of several, those titled for the member's problem (beurt, vraagstuk, probleem, casus); with none, the
    phases so titled, so that a turn written with one time box for the whole set is still found (and told).
    """
    reports = set(map(id, _find_report(recipe)))
    found: list[Phase | Rounds] = list(recipe.rounds_blocks())
    found = found or [p for p in recipe.phases() if _per_member(p) and id(p) not in reports]
    if len(found) == 1:
        return found
    pool = found or [p for p in recipe.phases() if id(p) not in reports]
    titled = [item for item in pool if says(item.title, _TURN_WORDS)]
    return titled or found


def _find_report(recipe: Recipe) -> list[Phase]:
    """The phase titled for the report (Verslag, Terugkoppeling); else one held from meeting 2 on where members speak.

    A report is what members say at the start of a later meeting about what
    they did since (`Wat heb ik gedaan?`): a phase outside the turns that
    is not in meeting 1 but is in meeting 2, with the members speaking.
    """
    member = role_id(recipe, "setlid", _find_member)
    in_blocks = {id(phase) for block in recipe.rounds_blocks() for phase in block.items}
    total = recipe.trajectory.meetings if recipe.trajectory else None
    later = [
        phase
        for phase in recipe.phases()
        if phase.when is not None
        and not phase.when.applies(1, total)
        and phase.when.applies(2, total)
        and id(phase) not in in_blocks
        and member is not None
        and speaks(phase, member)
    ]
    return first_found(phases_titled(recipe, _REPORT_WORDS), later)


def _members(recipe: Recipe) -> Range:
    return role_counts(recipe)["setlid"]


@rule(
    "every-member-a-turn",
    {
        "en": "Every member of the set brings a problem of his or her own and has a turn.",
        "nl": "Elk setlid brengt een eigen vraagstuk in en komt aan de beurt.",
    },
    source=SOURCE,
    needs_roles=["setlid"],
    needs_phases=["beurt"],
)
def every_member_a_turn(recipe: Recipe) -> Iterator[Diagnostic]:
    turn = recipe.item("beurt")
    assert turn is not None
    members = _members(recipe)
    if isinstance(turn, Rounds):
        if turn.count.high >= members.high:
            return
        line = written(recipe, f"rounds {members}", f"rondes {members}")
        yield error(
            {
                "en": f"every member of the set has a turn, but `{turn.title}` runs {turn.count} rounds "
                f"for {members} members",
                "nl": f"elk setlid komt aan de beurt, maar `{turn.title}` heeft {turn.count} rondes "
                f"voor {members} setleden",
            },
            turn.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )
    elif not _per_member(turn):
        member = recipe.role("setlid")
        per = member.id_as_written if member is not None else "setlid"
        yield error(
            {
                "en": f"every member of the set has a turn, but `{turn.title}` has one time box for the whole set",
                "nl": f"elk setlid komt aan de beurt, maar `{turn.title}` heeft één tijdvak voor de hele set",
            },
            turn.position,
            hint={
                "en": f"give the turn a time per member, such as `(25 min per {per})`, "
                "or make it a rounds block of one round per member",
                "nl": f"geef de beurt een tijd per setlid, zoals `(25 min per {per})`, "
                "of maak er een rondeblok van met één ronde per setlid",
            },
        )


@rule(
    "actions-each-turn",
    {
        "en": "Each turn ends with the actions the member takes before the next meeting.",
        "nl": "Elke beurt eindigt met de acties die het setlid tot de volgende bijeenkomst onderneemt.",
    },
    source=SOURCE,
    needs_phases=["beurt"],
)
def actions_each_turn(recipe: Recipe) -> Iterator[Diagnostic]:
    turn = recipe.item("beurt")
    assert turn is not None
    last = turn.items[-1] if isinstance(turn, Rounds) else turn
    if not last.lines("output"):
        line = written(
            recipe, "output: Acties tot de volgende bijeenkomst", "opbrengst: Acties tot de volgende bijeenkomst"
        )
        yield warning(
            {
                "en": f"`{last.title}` names no output: in action learning each member leaves the turn with actions",
                "nl": f"`{last.title}` noemt geen opbrengst: bij actieleren gaat elk setlid met acties de beurt uit",
            },
            last.position,
            hint={"en": f"add `{line}`", "nl": f"voeg `{line}` toe"},
        )


@rule(
    "report-actions",
    {
        "en": "From meeting 2 on, members report what they did and learned since the last meeting.",
        "nl": "Vanaf bijeenkomst 2 vertellen de setleden wat zij sinds de vorige keer deden en leerden.",
    },
    source=SOURCE,
    needs_phases=["verslag"],
)
def report_actions(recipe: Recipe) -> Iterator[Diagnostic]:
    phase = recipe.item("verslag")
    assert phase is not None
    total = recipe.trajectory.meetings if recipe.trajectory else None
    when = phase.when
    line = written(recipe, "when: from meeting 2", "wanneer: vanaf bijeenkomst 2")
    if total is not None and total > 1 and (when is None or when.applies(1, total)):
        yield warning(
            {
                "en": f"`{phase.title}` is in the first meeting too, where there are no actions yet to report on",
                "nl": f"`{phase.title}` zit ook in de eerste bijeenkomst, waar nog geen acties zijn om over te "
                "vertellen",
            },
            when.position if when else phase.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )
    missing = later_meetings_left_out(when, total)
    if missing is not None and when is not None:
        yield warning(
            {
                "en": f"no report on the actions in {missing['en']}",
                "nl": f"geen verslag van de acties in {missing['nl']}",
            },
            when.position,
            hint={
                "en": f"members act between all meetings and report at the next: write `{line}`",
                "nl": "setleden handelen tussen alle bijeenkomsten en vertellen het de volgende keer: "
                f"schrijf `{line}`",
            },
        )


@rule(
    "meets-over-months",
    {
        "en": "The set meets again and again, over months.",
        "nl": "De set komt maanden achter elkaar steeds weer bijeen.",
    },
    source=SOURCE,
)
def meets_over_months(recipe: Recipe) -> Iterator[Diagnostic]:
    # A recipe without a trajectory takes the base recipe's series; one of a single meeting is told.
    trajectory = recipe.trajectory
    if trajectory is None or trajectory.open or (trajectory.meetings or 0) > 1:
        return
    line = written(recipe, "meetings:", "bijeenkomsten:")
    yield warning(
        {
            "en": "an action learning set meets again and again over months, acting between meetings; "
            "this recipe holds one meeting",
            "nl": "een actieleerset komt maanden achter elkaar bijeen en handelt tussen de bijeenkomsten; "
            "dit recept heeft één bijeenkomst",
        },
        trajectory_field(recipe, "meetings"),
        hint={
            "en": f"set `{line}` to the meetings the set will hold, and `every` to how often it meets",
            "nl": f"zet `{line}` op het aantal bijeenkomsten van de set, en `elke` op hoe vaak zij bijeenkomt",
        },
    )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="action-learning",
            names={"nl": "Actieleerset", "en": "Action learning set"},
            summary={
                "en": "Comrades in adversity each bring a real problem they must act on; the set helps by "
                "questions rather than answers, and each member acts between meetings and reports back.",
                "nl": "Lotgenoten brengen elk een echt vraagstuk in waarop zij zelf moeten handelen; de set helpt "
                "met vragen in plaats van antwoorden, en ieder handelt tussen de bijeenkomsten en vertelt erover.",
            },
            source=SOURCE,
            base_recipe=base_recipe("action_learning"),
            rules=(every_member_a_turn, actions_each_turn, report_actions, meets_over_months),
            roles={
                "setlid": {
                    "en": "the set's members, each with a problem of their own",
                    "nl": "de setleden, elk met een eigen vraagstuk",
                },
            },
            phases={
                "beurt": {
                    "en": "each member's turn: a phase timed per member, or a rounds block",
                    "nl": "de beurt van elk setlid: een fase met een tijd per setlid, of een rondeblok",
                },
                "verslag": {
                    "en": "the report on the actions taken since the last meeting, from meeting 2 on",
                    "nl": "het verslag van de acties sinds de vorige keer, vanaf bijeenkomst 2",
                },
            },
            group_size=GROUP_SIZE,
            finders={"setlid": _find_member, "beurt": _find_turn, "verslag": _find_report},
        )
    ]
