"""Troika Consulting as a methodengine method: a third-party plugin.

Facts, from Henri Lipmanowicz and Keith McCandless, The Surprising Power of
Liberating Structures (2013), and liberatingstructures.com, "Troika
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
    "Henri Lipmanowicz and Keith McCandless, The Surprising Power of Liberating Structures (2013); "
    'liberatingstructures.com, "Troika Consulting"'
)

HERE = Path(__file__).resolve().parent
TROIKA = Range(3, 3)
CLIENTS = Range(1, 1)
CONSULTANTS = Range(2, 2)

# The published time boxes of one turn, in minutes, by phase id.
TIME_BOXES: dict[str, tuple[str, Range]] = {
    "challenge": ("the client shares the challenge in", Range(1, 2)),
    "questions": ("the consultants ask clarifying questions in", Range(1, 2)),
    "ideas": ("the consultants generate ideas and advice in", Range(4, 5)),
    "harvest": ("the client shares what was most valuable in", Range(1, 2)),
}


@rule(
    "trio",
    "A troika is a group of three: one client and two consultants.",
    source=SOURCE,
    needs_roles=["client", "consultant"],
)
def trio(recipe: Recipe) -> Iterator[Diagnostic]:
    if recipe.group is not None and recipe.group != TROIKA:
        yield error(
            f"a troika is a group of three, not {recipe.group}",
            recipe.where("group"),
            hint="write `group: 3`; with more people, form several troikas that work side by side "
            "(this recipe describes one of them)",
        )
    # Count the roles as in one troika of three, whatever `group` says.
    counts = role_counts(recipe, TROIKA)
    for role_id, wanted, what in (("client", CLIENTS, "client"), ("consultant", CONSULTANTS, "consultants")):
        role = recipe.role(role_id)
        assert role is not None
        if counts[role_id] != wanted:
            has = f"{counts[role_id]}" if role.count is not None else f"the rest of the troika, {counts[role_id]}"
            yield error(
                f"a troika has {wanted} {what}; role `{role_id}` has {has}",
                role.position,
                hint=f"write `count: {wanted}` for role `{role_id}`",
            )
    for role in recipe.roles:
        if role.id not in ("client", "consultant") and not role.facilitator:
            yield error(
                f"a troika is only a client and two consultants; role `{role.id}` makes it larger",
                role.position,
                hint="remove the role, or mark a role that does not take part with `facilitator: yes`",
            )


@rule(
    "three-turns",
    "Three turns, so that every member of the troika is the client once.",
    source=SOURCE,
    needs_phases=["turn"],
)
def three_turns(recipe: Recipe) -> Iterator[Diagnostic]:
    turn = recipe.block("turn")
    if turn is None:
        phase = recipe.item("turn")  # needs_phases: it is there, as a phase
        yield error(
            "`turn` should be a rounds block, with one round for every member of the troika",
            phase.position if phase else recipe.position,
            hint="write `rounds 3: Turn of a client` with `id: turn`, and the steps of a turn inside",
        )
    elif turn.count != TROIKA:
        yield error(
            f"every member of the troika is the client once: 3 rounds, not {turn.count}",
            turn.position,
            hint=f"write `rounds 3: {turn.title}`",
        )


@rule(
    "client-outside",
    "The client turns around, back to the consultants, while they generate ideas.",
    source=SOURCE,
    needs_roles=["client"],
    needs_phases=["ideas"],
)
def client_outside(recipe: Recipe) -> Iterator[Diagnostic]:
    ideas = recipe.phase("ideas")
    if ideas is None:
        block = recipe.block("ideas")  # needs_phases: it is there, as a rounds block
        yield error(
            "`ideas` should be a phase of the turn, not a rounds block",
            block.position if block else recipe.position,
            hint="give `id: ideas` to the phase in which the consultants generate ideas",
        )
        return
    if "client" not in ideas.outside:
        taking_part = [f for f in ("speak", "listen") if "client" in getattr(ideas, f)]
        if ideas.lead == "client":
            taking_part.insert(0, "lead")
        yield error(
            "the client turns around, back to the consultants, while they generate ideas; "
            f"`{ideas.title}` does not put the client outside",
            ideas.position,
            hint="add `outside: client`"
            + (f", and take `client` out of `{'`, `'.join(taking_part)}`" if taking_part else ""),
        )
        return
    # `outside: client` beside `speak: client` is reported by methodengine's own checks; `everyone` is not.
    for field in ("speak", "listen"):
        if EVERYONE in getattr(ideas, field):
            yield error(
                f"`{field}: everyone` includes the client, who sits outside in `{ideas.title}`",
                ideas.position,
                hint=f"write `{field}: consultant`",
            )


@rule(
    "time-boxes",
    "Time boxes per turn: challenge 1-2 min, questions 1-2 min, ideas 4-5 min, most valuable 1-2 min.",
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
                f"{what} {published} min in all, not {box.duration} per {box.per}",
                box.position or phase.position,
                hint=f"write `({published} min)`",
            )
        elif minutes.low < published.low or minutes.high > published.high:
            yield warning(
                f"{what} {published} min, not {box.duration}",
                box.position or phase.position,
                hint=f"write `({published} min)`, or keep yours if the group needs it",
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
            summary="In groups of three, each member in turn is the client: they share a challenge, the two "
            "consultants ask clarifying questions, then generate ideas and advice while the client sits with "
            "their back turned; the client says what was most valuable. About 30 minutes.",
            source=SOURCE,
            base_recipe=base_recipe(),
            rules=(trio, three_turns, client_outside, time_boxes),
            roles={
                "client": "the member whose turn it is, who brings a challenge",
                "consultant": "the two other members of the troika",
            },
            phases={
                "turn": "the rounds block of one turn, run once for every member",
                "challenge": "the client shares the challenge and asks for help",
                "questions": "the consultants ask clarifying questions",
                "ideas": "the consultants generate ideas while the client sits with their back turned",
                "harvest": "the client turns back and shares what was most valuable",
            },
        )
    ]


@hookimpl
def card_templates() -> Path:
    """Templates this plugin adds to the cards: ``troika-note.txt.j2``, a note for each troika."""
    return HERE / "templates"
