"""Troika Consulting as a methodengine method: a third-party plugin.

Facts, from Henri Lipmanowicz and Keith McCandless, The Surprising Power of
Liberating Structures (2014), and liberatingstructures.com, "Troika
Consulting": people work in groups of three; each member in turn is the
client and the two others are the consultants. A turn: the client shares a
challenge and asks for help (1-2 min); the consultants ask clarifying
questions (1-2 min); the client turns around, back to the consultants, who
together generate ideas, suggestions and coaching advice (4-5 min); the
client turns back and shares what was most valuable (1-2 min). Then the
members switch, until everyone has been the client: about 30 minutes in all.

The plugin uses only methodengine's public API (``methodengine`` and
``methodengine.testing``), and is registered through the entry point
``troika`` in the ``methodengine`` group.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from methodengine import (
    EVERYONE,
    Diagnostic,
    Method,
    Range,
    Recipe,
    error,
    hookimpl,
    role_counts,
    rule,
    warning,
)

__version__ = "0.1.0"

SOURCE = (
    "Henri Lipmanowicz and Keith McCandless, The Surprising Power of Liberating Structures (2014); "
    'liberatingstructures.com, "Troika Consulting"'
)

HERE = Path(__file__).resolve().parent
TROIKA = Range(3, 3)
CLIENTS = Range(1, 1)
CONSULTANTS = Range(2, 2)

# The published time boxes of one turn, in minutes, by phase id, with what happens in them.
TIME_BOXES: dict[str, tuple[dict[str, str], Range]] = {
    "challenge": (
        {"en": "the client shares the challenge in", "nl": "de klant vertelt de uitdaging in"},
        Range(1, 2),
    ),
    "questions": (
        {"en": "the consultants ask clarifying questions in", "nl": "de adviseurs stellen verhelderende vragen in"},
        Range(1, 2),
    ),
    "ideas": (
        {"en": "the consultants generate ideas and advice in", "nl": "de adviseurs bedenken ideeën en advies in"},
        Range(4, 5),
    ),
    "harvest": (
        {"en": "the client shares what was most valuable in", "nl": "de klant vertelt wat het waardevolst was in"},
        Range(1, 2),
    ),
}

# Texts in Dutch and English: each message, hint and summary is a mapping
# {"en": ..., "nl": ...}, and methodengine shows the one of the user's
# language (`--lang`, METHODENGINE_LANG, the locale), English when a language
# is missing. A line the hint tells the trainer to write is quoted in the
# keywords the recipe is written in (`count: 1` or `aantal: 1`), so that it
# can be pasted: `recipe.keyword_language` says which ("nl", "en" or None).


def _written(recipe: Recipe, english: str, dutch: str) -> str:
    """A line to write, in the recipe's own keywords; English when the recipe does not tell."""
    return dutch if recipe.keyword_language == "nl" else english


@rule(
    "trio",
    {
        "en": "A troika is a group of three: one client and two consultants.",
        "nl": "Een troika is een groep van drie: één klant en twee adviseurs.",
    },
    source=SOURCE,
    needs_roles=["client", "consultant"],
)
def trio(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.group is not None and recipe.group != TROIKA:
        group = _written(recipe, "group: 3", "groep: 3")
        yield error(
            {
                "en": f"a troika is a group of three, not {recipe.group}",
                "nl": f"een troika is een groep van drie, niet van {recipe.group}",
            },
            recipe.where("group"),
            hint={
                "en": f"write `{group}`; with more people, form several troikas that work side by side "
                "(this recipe describes one of them)",
                "nl": f"schrijf `{group}`; vorm met meer mensen een paar troika's die naast elkaar werken "
                "(dit recept beschrijft er één)",
            },
        )
    # Count the roles as in one troika of three, whatever `group` says.
    counts = role_counts(recipe, TROIKA)
    wanted_roles = (
        ("client", CLIENTS, {"en": "client", "nl": "klant"}),
        ("consultant", CONSULTANTS, {"en": "consultants", "nl": "adviseurs"}),
    )
    for role_id, wanted, what in wanted_roles:
        role = recipe.role(role_id)
        assert role is not None
        if counts[role_id] != wanted:
            has = str(counts[role_id])
            count = _written(recipe, f"count: {wanted}", f"aantal: {wanted}")
            yield error(
                {
                    "en": f"a troika has {wanted} {what['en']}; role `{role_id}` has "
                    + (has if role.count is not None else f"the rest of the troika, {has}"),
                    "nl": f"een troika heeft {wanted} {what['nl']}; rol `{role_id}` heeft "
                    + (has if role.count is not None else f"de rest van de troika, {has}"),
                },
                role.position,
                hint={
                    "en": f"write `{count}` for role `{role_id}`",
                    "nl": f"schrijf `{count}` bij rol `{role_id}`",
                },
            )
    for role in recipe.roles:
        if role.id not in ("client", "consultant") and not role.facilitator:
            yield error(
                {
                    "en": f"a troika is only a client and two consultants; role `{role.id}` makes it larger",
                    "nl": f"een troika is alleen een klant en twee adviseurs; rol `{role.id}` maakt hem groter",
                },
                role.position,
                hint={
                    "en": "remove the role, or mark a role that does not take part with `facilitator: yes`",
                    "nl": "haal de rol weg, of geef een rol die niet meedoet `facilitator: yes`",
                },
            )


@rule(
    "three-turns",
    {
        "en": "Three turns, so that every member of the troika is the client once.",
        "nl": "Drie beurten, zodat elk lid van de troika één keer de klant is.",
    },
    source=SOURCE,
    needs_phases=["turn"],
)
def three_turns(recipe: Recipe) -> Iterator[Diagnostic]:
    turn = recipe.block("turn")
    if turn is None:
        phase = recipe.item("turn")  # needs_phases: it is there, as a phase
        yield error(
            {
                "en": "`turn` should be a rounds block, with one round for every member of the troika",
                "nl": "`turn` hoort een rondeblok te zijn, met één ronde voor elk lid van de troika",
            },
            phase.position if phase else recipe.position,
            hint={
                "en": "write `rounds 3: Turn of a client` with `id: turn`, and the steps of a turn inside",
                "nl": "schrijf `rounds 3: Beurt van een klant` met `id: turn`, en de stappen van een beurt erin",
            },
        )
    elif turn.count != TROIKA:
        yield error(
            {
                "en": f"every member of the troika is the client once: 3 rounds, not {turn.count}",
                "nl": f"elk lid van de troika is één keer de klant: 3 rondes, niet {turn.count}",
            },
            turn.position,
            hint={"en": f"write `rounds 3: {turn.title}`", "nl": f"schrijf `rounds 3: {turn.title}`"},
        )


@rule(
    "client-outside",
    {
        "en": "The client turns around, back to the consultants, while they generate ideas.",
        "nl": "De klant draait zich om, met de rug naar de adviseurs, terwijl zij ideeën bedenken.",
    },
    source=SOURCE,
    needs_roles=["client"],
    needs_phases=["ideas"],
)
def client_outside(recipe: Recipe) -> Iterator[Diagnostic]:
    ideas = recipe.phase("ideas")
    if ideas is None:
        block = recipe.block("ideas")  # needs_phases: it is there, as a rounds block
        yield error(
            {
                "en": "`ideas` should be a phase of the turn, not a rounds block",
                "nl": "`ideas` hoort een fase van de beurt te zijn, geen rondeblok",
            },
            block.position if block else recipe.position,
            hint={
                "en": "give `id: ideas` to the phase in which the consultants generate ideas",
                "nl": "geef de fase waarin de adviseurs ideeën bedenken `id: ideas`",
            },
        )
        return
    if "client" not in ideas.outside:
        taking_part = [f for f in ("speak", "listen") if "client" in getattr(ideas, f)]
        if ideas.lead == "client":
            taking_part.insert(0, "lead")
        fields = "`, `".join(taking_part)
        outside = _written(recipe, "outside: client", "buiten: client")
        yield error(
            {
                "en": "the client turns around, back to the consultants, while they generate ideas; "
                f"`{ideas.title}` does not put the client outside",
                "nl": "de klant draait zich om, met de rug naar de adviseurs, terwijl zij ideeën bedenken; "
                f"`{ideas.title}` zet de klant niet buiten",
            },
            ideas.position,
            hint={
                "en": f"add `{outside}`" + (f", and take `client` out of `{fields}`" if taking_part else ""),
                "nl": f"voeg `{outside}` toe" + (f", en haal `client` weg bij `{fields}`" if taking_part else ""),
            },
        )
        return
    # `outside: client` beside `speak: client` is reported by methodengine's own checks; `everyone` is not.
    for field in ("speak", "listen"):
        if EVERYONE in getattr(ideas, field):
            yield error(
                {
                    "en": f"`{field}: everyone` includes the client, who sits outside in `{ideas.title}`",
                    "nl": f"`{field}: everyone` telt de klant mee, die in `{ideas.title}` buiten zit",
                },
                ideas.position,
                hint={"en": f"write `{field}: consultant`", "nl": f"schrijf `{field}: consultant`"},
            )


@rule(
    "time-boxes",
    {
        "en": "Time boxes per turn: challenge 1-2 min, questions 1-2 min, ideas 4-5 min, most valuable 1-2 min.",
        "nl": "Tijden per beurt: uitdaging 1-2 min, vragen 1-2 min, ideeën 4-5 min, het waardevolste 1-2 min.",
    },
    source=SOURCE,
    needs_phases=list(TIME_BOXES),
)
def time_boxes(recipe: Recipe) -> Iterator[Diagnostic]:
    for phase_id, (what, published) in TIME_BOXES.items():
        phase = recipe.phase(phase_id)
        if phase is None:  # a rounds block with this id; `client-outside` reports that of `ideas`
            continue
        box = phase.timebox
        minutes = box.duration.minutes
        if box.per is not None:
            yield warning(
                {
                    "en": f"{what['en']} {published} min in all, not {box.duration} per {box.per}",
                    "nl": f"{what['nl']} {published} min in totaal, niet {box.duration} per {box.per}",
                },
                box.position or phase.position,
                hint={"en": f"write `({published} min)`", "nl": f"schrijf `({published} min)`"},
            )
        elif minutes.low < published.low or minutes.high > published.high:
            yield warning(
                {
                    "en": f"{what['en']} {published} min, not {box.duration}",
                    "nl": f"{what['nl']} {published} min, niet {box.duration}",
                },
                box.position or phase.position,
                hint={
                    "en": f"write `({published} min)`, or keep yours if the group needs it",
                    "nl": f"schrijf `({published} min)`, of houd je eigen tijd aan als de groep die nodig heeft",
                },
            )


def base_recipe() -> str:
    """The base recipe shipped in this package: what `methodengine new troika` writes."""
    return (HERE / "troika.mth").read_text(encoding="utf-8")


@hookimpl
def register_methods() -> list[Method]:
    return [
        Method(
            id="troika",
            names={"nl": "Troika-consultatie", "en": "Troika Consulting"},
            summary={
                "en": "In groups of three, each member in turn is the client: they share a challenge, the two "
                "consultants ask clarifying questions, then generate ideas and advice while the client sits with "
                "their back turned; the client says what was most valuable. About 30 minutes.",
                "nl": "In groepjes van drie is ieder om de beurt de klant: die vertelt een uitdaging, de twee "
                "adviseurs stellen verhelderende vragen en bedenken dan ideeën en advies terwijl de klant met de "
                "rug naar hen toe zit; de klant zegt wat het waardevolst was. Ongeveer 30 minuten.",
            },
            source=SOURCE,
            base_recipe=base_recipe(),
            rules=(trio, three_turns, client_outside, time_boxes),
            roles={
                "client": {
                    "en": "the member whose turn it is, who brings a challenge",
                    "nl": "het lid dat aan de beurt is en een uitdaging inbrengt",
                },
                "consultant": {"en": "the two other members of the troika", "nl": "de twee andere leden van de troika"},
            },
            phases={
                "turn": {
                    "en": "the rounds block of one turn, run once for every member",
                    "nl": "het rondeblok van één beurt, één keer voor elk lid",
                },
                "challenge": {
                    "en": "the client shares the challenge and asks for help",
                    "nl": "de klant vertelt de uitdaging en vraagt om hulp",
                },
                "questions": {
                    "en": "the consultants ask clarifying questions",
                    "nl": "de adviseurs stellen verhelderende vragen",
                },
                "ideas": {
                    "en": "the consultants generate ideas while the client sits with their back turned",
                    "nl": "de adviseurs bedenken ideeën terwijl de klant met de rug naar hen toe zit",
                },
                "harvest": {
                    "en": "the client turns back and shares what was most valuable",
                    "nl": "de klant draait zich terug en vertelt wat het waardevolst was",
                },
            },
        )
    ]


@hookimpl
def card_templates() -> Path:
    """Templates this plugin adds to the cards: ``troika-note.txt.j2``, a note for each troika."""
    return HERE / "templates"
