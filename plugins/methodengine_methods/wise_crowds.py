"""Wise Crowds, a Liberating Structure: each member of a small group in turn asks the others for help.

Facts, from H. Lipmanowicz and K. McCandless, *The Surprising Power of
Liberating Structures* (2014), the Wise Crowds structure (described here in
our own words; the book's texts are CC BY-SA and are not copied):
- people work in small groups of 4 or 5; each member in turn is the client,
  the others are the consultants;
- one turn takes about 15 minutes: the client tells the challenge and asks
  for help (2 min); the consultants ask clarifying questions (3 min); the
  client turns around, back to the group, and the consultants generate
  advice and ideas together (8 min); the client turns back and says what was
  most valuable (2 min);
- with more people, several groups work side by side; this recipe describes
  one group, as the troika example describes one troika.

The cluster of 4-5 is the size of ONE group: a larger group works in
several clusters side by side, all at once, so the method states no group
size (``group_size`` None) and a group of 12 fits it (three clusters of 4).
A recipe for one cluster writes its group (`groep: 5`); one for a larger
group says the clusters on the turn's phases (`indeling: groepjes van 4`),
and its client role may hold one client per cluster. Fewer than 4 cannot
form a cluster (an error); clusters of another size, or a larger group that
does not say its clusters, are warnings. One client per cluster, a turn for
every member of a cluster and the client's back turned while the consultants
talk are the structure (errors); the four time boxes are the book's, and a
group may need other times (warnings). The book also has a version for a
large group around one client; it is not this method.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

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
    rule,
    warning,
)
from methodengine_methods._common import base_recipe, written
from methodengine_methods._finding import case_givers, phases_titled, written_id
from methodengine_methods._time_boxes import book_hint, off_the_book

SOURCE = "H. Lipmanowicz & K. McCandless, The Surprising Power of Liberating Structures (2014), Wise Crowds"

CLUSTER = Range(4, 5)  # each cluster is 4 or 5 people (Wise Crowds, Lipmanowicz and McCandless 2014)

# The time boxes of one turn, in minutes, by phase id (Wise Crowds, Lipmanowicz and McCandless 2014): 15 in all.
TIME_BOXES: dict[str, tuple[dict[str, str], int]] = {
    "hulpvraag": ({"en": "the client asks for help in", "nl": "de klant vraagt om hulp in"}, 2),
    "vragen": (
        {"en": "the consultants ask clarifying questions in", "nl": "de adviseurs stellen verhelderende vragen in"},
        3,
    ),
    "adviseren": (
        {"en": "the consultants generate advice in", "nl": "de adviseurs bedenken samen advies in"},
        8,
    ),
    "waardevol": (
        {"en": "the client says what was most valuable in", "nl": "de klant vertelt wat het waardevolst was in"},
        2,
    ),
}
TURN_ORDER = tuple(TIME_BOXES)

_CLIENT_WORDS = ("klant", "client", "vraagsteller")
_GROUPS_OF = re.compile(r"^groups of (\d+)(?:-(\d+))?$")
_TITLE_WORDS = {
    "hulpvraag": ("hulp", "uitdaging", "challenge", "ask for help"),
    "vragen": ("verhelder", "clarif", "doorvra"),
    "adviseren": ("advi", "consult", "ideeën", "ideas"),
    "waardevol": ("waardevol", "oogst", "valuable", "harvest", "reflect", "terugblik", "neem ik mee", "meenemen"),
}


# ---------------------------------------------------------------- finders: the structure without ids


def _find_client(recipe: Recipe) -> list[Role]:
    """The role named as the client (klant, client, vraagsteller), or as a case-giver in any method's words."""
    return case_givers(recipe, also=_CLIENT_WORDS)


def _find_turn(recipe: Recipe) -> list[Rounds]:
    """The turn: the recipe's rounds block, one round for each member (a Wise Crowds meeting has one)."""
    return list(recipe.rounds_blocks())


def _turn_phases(recipe: Recipe) -> tuple[Phase, ...]:
    """The steps of the one turn, for finding a step by its place; none when the recipe has no turn or several."""
    blocks = list(recipe.rounds_blocks())
    return blocks[0].items if len(blocks) == 1 else ()


def _cluster(recipe: Recipe) -> Range | None:
    """The clusters the turn's phases say (`indeling: groepjes van 4` is `groups of 4`), None when none says."""
    turn = recipe.block("beurt")
    for phase in turn.items if turn is not None else ():
        said = _GROUPS_OF.match((phase.groups or "").strip())
        if said:
            low = int(said[1])
            return Range(low, int(said[2] or low))
    return None


def _members(recipe: Recipe) -> Range | None:
    """How many take a turn: the cluster the recipe says, else a group of one cluster (at most 5), else unknown."""
    cluster = _cluster(recipe)
    if cluster is not None:
        return cluster
    group = recipe.group
    return group if group is not None and group.high <= CLUSTER.high else None


def _finder(ident: str) -> Callable[[Recipe], list[Phase]]:
    """The phase of the turn for ``ident``: by its title, else by its place when the turn has the book's four steps."""

    def find(recipe: Recipe) -> list[Phase]:
        titled = phases_titled(recipe, _TITLE_WORDS[ident])
        if titled:
            return titled
        phases = _turn_phases(recipe)
        return [phases[TURN_ORDER.index(ident)]] if len(phases) == len(TURN_ORDER) else []

    find.__doc__ = f"The phase of the turn that is `{ident}`: by its title, else the one in its place of four."
    return find


# ---------------------------------------------------------------- rules


@rule(
    "one-client",
    {
        "en": "One client per turn in each cluster; the others consult.",
        "nl": "Eén klant per beurt in elk groepje; de anderen adviseren.",
    },
    source=SOURCE,
    needs_roles=["klant"],
)
def one_client(recipe: Recipe) -> Iterator[Diagnostic]:
    role = recipe.role("klant")
    assert role is not None
    cluster, group = _cluster(recipe), recipe.group
    clusters = 1  # one client a turn in each cluster: as many clients at once as the room has clusters
    if cluster is not None and group is not None and group.high > cluster.high:
        clusters = -(-group.high // cluster.low)
    count = role.count
    if count is None or count.low < 1 or count.high > clusters:
        most = "1" if clusters == 1 else f"1-{clusters}"
        line = written(recipe, f"count: {most}", f"aantal: {most}")
        has = {
            "en": str(count) if count is not None else "the rest of the group",
            "nl": str(count) if count is not None else "de rest van de groep",
        }
        role_written = written_id(recipe, "klant")
        per = {"en": " (one in each cluster)", "nl": " (één in elk groepje)"} if clusters > 1 else {"en": "", "nl": ""}
        yield error(
            {
                "en": f"in Wise Crowds one member at a time is the client in each cluster; role `{role_written}` "
                f"has {has['en']}",
                "nl": f"bij Wise Crowds is in elk groepje één lid tegelijk de klant; rol `{role_written}` heeft "
                f"{has['nl']}",
            },
            role.position,
            hint={
                "en": f"set `{line}`{per['en']} for role `{role_written}`",
                "nl": f"zet `{line}`{per['nl']} bij rol `{role_written}`",
            },
        )


@rule(
    "cluster-size",
    {
        "en": "People work in clusters of 4 or 5; a larger group in several clusters at once.",
        "nl": "Er wordt gewerkt in groepjes van 4 of 5; een grotere groep in een paar groepjes tegelijk.",
    },
    source=SOURCE,
    needs_phases=["beurt"],
)
def cluster_size(recipe: Recipe) -> Iterator[Diagnostic]:
    group, cluster = recipe.group, _cluster(recipe)
    line = written(recipe, f"groups: groups of {CLUSTER}", f"indeling: groepjes van {CLUSTER}")
    if group is not None and group.low < CLUSTER.low:
        report = error if group.high < CLUSTER.low else warning
        yield report(
            {
                "en": f"Wise Crowds works in clusters of {CLUSTER}; a group of {group} "
                + ("cannot form one" if group.high < CLUSTER.low else "may be too small for one"),
                "nl": f"Wise Crowds werkt in groepjes van {CLUSTER}; een groep van {group} "
                + ("kan er geen vormen" if group.high < CLUSTER.low else "is misschien te klein voor één"),
            },
            recipe.where("group"),
            hint={
                "en": "with three, Troika Consulting is the structure for a group of three",
                "nl": "met z'n drieën is Troika Consulting de werkvorm voor een groep van drie",
            },
        )
        return
    turn = recipe.block("beurt")
    where = turn.position if turn is not None else recipe.position
    if cluster is not None and (cluster.low < CLUSTER.low or cluster.high > CLUSTER.high):
        yield warning(
            {
                "en": f"Wise Crowds works in clusters of {CLUSTER}, not of {cluster}",
                "nl": f"Wise Crowds werkt in groepjes van {CLUSTER}, niet van {cluster}",
            },
            where,
            hint={"en": f"write `{line}` in the turn's phases", "nl": f"schrijf `{line}` bij de fasen van de beurt"},
        )
    elif cluster is None and group is not None and group.high > CLUSTER.high:
        yield warning(
            {
                "en": f"a group of {group} works in clusters of {CLUSTER} at once, but the turn does not say so",
                "nl": f"een groep van {group} werkt tegelijk in groepjes van {CLUSTER}, maar de beurt zegt dat niet",
            },
            where,
            hint={"en": f"write `{line}` in the turn's phases", "nl": f"schrijf `{line}` bij de fasen van de beurt"},
        )


@rule(
    "every-member-a-turn",
    {
        "en": "Every member of a cluster is the client once: one round per member.",
        "nl": "Elk lid van een groepje is één keer de klant: één ronde per lid.",
    },
    source=SOURCE,
    needs_phases=["beurt"],
)
def every_member_a_turn(recipe: Recipe) -> Iterator[Diagnostic]:
    turn = recipe.block("beurt")
    if turn is None:
        phase = recipe.item("beurt")  # needs_phases: it is there, as a phase
        line = written(recipe, "rounds 4-5: Turn of a client", "rondes 4-5: Beurt van een klant")
        yield error(
            {
                "en": "`beurt` should be a rounds block, one round for every member of the group",
                "nl": "`beurt` hoort een rondeblok te zijn, één ronde voor elk lid van de groep",
            },
            phase.position if phase else recipe.position,
            hint={
                "en": f"write `{line}` with the steps of a turn inside",
                "nl": f"schrijf `{line}` met de stappen van een beurt erin",
            },
        )
        return
    members = _members(recipe)
    if members is not None and turn.count != members:
        line = written(recipe, f"rounds {members}: {turn.title}", f"rondes {members}: {turn.title}")
        fewer = turn.count.low < members.low or turn.count.high < members.high
        what = {"en": "cluster", "nl": "groepje"} if _cluster(recipe) is not None else {"en": "group", "nl": "groep"}
        yield error(
            {
                "en": f"every member is the client once, so a {what['en']} of {members} has {members} rounds, "
                f"not {turn.count}" + ("; some members get no turn" if fewer else ""),
                "nl": f"elk lid is één keer de klant, dus een {what['nl']} van {members} heeft {members} rondes, niet "
                f"{turn.count}" + ("; niet iedereen komt aan de beurt" if fewer else ""),
            },
            turn.position,
            hint={"en": f"write `{line}`", "nl": f"schrijf `{line}`"},
        )


@rule(
    "client-back-turned",
    {
        "en": "The client turns around, back to the group, while the consultants give advice.",
        "nl": "De klant draait zich om, met de rug naar de groep, terwijl de adviseurs advies bedenken.",
    },
    source=SOURCE,
    needs_roles=["klant"],
    needs_phases=["adviseren"],
)
def client_back_turned(recipe: Recipe) -> Iterator[Diagnostic]:
    advice = recipe.phase("adviseren")
    if advice is None:  # the id is a rounds block's: the advice is one step of the turn
        return
    role = recipe.role("klant")
    name = role.name if role is not None else "klant"
    if "klant" not in advice.outside:
        line = written(recipe, "outside:", "buiten:")
        yield error(
            {
                "en": f"the client sits with their back turned while the consultants give advice; "
                f"`{advice.title}` does not put `{name}` outside",
                "nl": f"de klant zit met de rug naar de groep terwijl de adviseurs advies bedenken; "
                f"`{advice.title}` zet `{name}` niet buiten",
            },
            advice.position,
            hint={
                "en": f"add `{line}` with the client's role, and let only the consultants speak",
                "nl": f"voeg `{line}` toe met de rol van de klant, en laat alleen de adviseurs spreken",
            },
        )
        return
    taking_part = [
        f for f in ("lead", "speak", "listen") if "klant" in ((advice.lead,) if f == "lead" else getattr(advice, f))
    ]
    if taking_part:
        dutch = {"lead": "leidt", "speak": "spreekt", "listen": "luistert"}
        fields = "`, `".join(written(recipe, f, dutch[f]) for f in taking_part)
        yield error(
            {
                "en": f"the client sits outside in `{advice.title}`, back turned, but is named under `{fields}` too",
                "nl": f"de klant zit in `{advice.title}` buiten, met de rug naar de groep, maar staat ook bij "
                f"`{fields}`",
            },
            advice.position,
            hint={
                "en": f"take the client's role out of `{fields}`: the client only listens, back turned",
                "nl": f"haal de rol van de klant weg bij `{fields}`: de klant luistert alleen, met de rug naar "
                "de groep",
            },
        )
    for field, word in (("speak", "speaks"), ("listen", "listens")):
        if EVERYONE in getattr(advice, field):
            yield error(
                {
                    "en": f"everyone {word} in `{advice.title}`, the client too, who sits outside",
                    "nl": f"iedereen {'spreekt' if field == 'speak' else 'luistert'} in `{advice.title}`, ook de "
                    "klant, die buiten zit",
                },
                advice.position,
                hint={
                    "en": "name the consultants' role instead of everyone",
                    "nl": "noem de rol van de adviseurs in plaats van iedereen",
                },
            )


@rule(
    "time-boxes",
    {
        "en": "A turn takes about 15 min: asking 2, questions 3, advice 8, most valuable 2.",
        "nl": "Een beurt duurt ongeveer 15 min: hulpvraag 2, vragen 3, advies 8, het waardevolste 2.",
    },
    source=SOURCE,
    needs_phases=list(TIME_BOXES),
)
def time_boxes(recipe: Recipe) -> Iterator[Diagnostic]:
    for phase_id, (what, published) in TIME_BOXES.items():
        phase = recipe.phase(phase_id)
        if phase is None:
            continue
        said = off_the_book(phase, published)
        if said is None:
            continue
        yield warning(
            {
                "en": f"{what['en']} {published} min, not {said} (`{phase.title}`)",
                "nl": f"{what['nl']} {published} min, niet {said} (`{phase.title}`)",
            },
            phase.timebox.position or phase.position,
            hint=book_hint(published),
        )


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="wise-crowds",
            names={"nl": "Wise Crowds", "en": "Wise Crowds"},
            summary={
                "en": "In a small group of 4 or 5, each member in turn is the client: they ask for help, the "
                "consultants ask clarifying questions, then give advice while the client sits with their back "
                "turned; the client says what was most valuable. About 15 minutes a turn; a larger group works in "
                "several such clusters at once.",
                "nl": "In een groepje van 4 of 5 is ieder om de beurt de klant: die vraagt om hulp, de adviseurs "
                "stellen verhelderende vragen en bedenken dan advies terwijl de klant met de rug naar hen toe zit; "
                "de klant zegt wat het waardevolst was. Ongeveer 15 minuten per beurt; een grotere groep werkt in "
                "een paar van zulke groepjes tegelijk.",
            },
            source=SOURCE,
            base_recipe=base_recipe("wise_crowds"),
            rules=(one_client, cluster_size, every_member_a_turn, client_back_turned, time_boxes),
            roles={
                "klant": {
                    "en": "the member whose turn it is, who asks for help with a challenge",
                    "nl": "het lid dat aan de beurt is en om hulp vraagt bij een uitdaging",
                },
            },
            phases={
                "beurt": {
                    "en": "the rounds block of one turn, run once for every member",
                    "nl": "het rondeblok van één beurt, één keer voor elk lid",
                },
                "hulpvraag": {
                    "en": "the client tells the challenge and asks for help",
                    "nl": "de klant vertelt de uitdaging en vraagt om hulp",
                },
                "vragen": {
                    "en": "the consultants ask clarifying questions",
                    "nl": "de adviseurs stellen verhelderende vragen",
                },
                "adviseren": {
                    "en": "the consultants give advice while the client sits with their back turned",
                    "nl": "de adviseurs bedenken advies terwijl de klant met de rug naar hen toe zit",
                },
                "waardevol": {
                    "en": "the client turns back and says what was most valuable",
                    "nl": "de klant draait zich terug en zegt wat het waardevolst was",
                },
            },
            finders={
                "klant": _find_client,
                "beurt": _find_turn,
                **{ident: _finder(ident) for ident in TIME_BOXES},
            },
        )
    ]
