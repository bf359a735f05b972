"""Who speaks and who is silent in a phase: what the methods built on listening check, and how they find their roles.

The Balint group, the gossip method and the reflecting team each turn on one
person listening while others talk about what that person brought. Their
rules and finders ask the same questions of a phase (does this role speak
here, does anyone besides these roles speak) and look for the same roles by
their names, so those questions are answered once, here, on the public API.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from methodengine import EVERYONE, Phase, Recipe, Role


def speaks(phase: Phase, role: str) -> bool:
    """Whether ``role`` speaks in ``phase``: named under ``speak``, or taken in by ``speak: everyone``."""
    if role in phase.speak:
        return True
    return EVERYONE in phase.speak and role not in phase.listen and role not in phase.outside


def silent(phase: Phase, role: str) -> bool:
    """Whether ``role`` neither speaks nor leads in ``phase``: it listens, sits outside, or is not named."""
    return not speaks(phase, role) and phase.lead != role


def other_speakers(recipe: Recipe, phase: Phase, besides: Iterable[str]) -> list[str]:
    """The roles that speak in ``phase`` other than ``besides`` and the facilitators, in the recipe's order.

    ``speak: everyone`` counts as every such role speaking.
    """
    left_out = set(besides) | {role.id for role in recipe.roles if role.facilitator}
    return [role.id for role in recipe.roles if role.id not in left_out and speaks(phase, role.id)]


def facilitators(recipe: Recipe) -> list[Role]:
    """The roles marked ``facilitator: yes``: where a method's leader is when no role says ``id: leider``."""
    return [role for role in recipe.roles if role.facilitator]


def named(recipe: Recipe, words: Sequence[str], *, exclude_facilitators: bool = True) -> list[Role]:
    """The roles whose id or name contains one of ``words`` (lower case), such as ``inbreng`` or ``client``.

    A trainer who writes no id still names the role for what it is; the
    words are the method's own names for it, in Dutch and in English.
    """
    found = []
    for role in recipe.roles:
        if exclude_facilitators and role.facilitator:
            continue
        text = f"{role.id} {role.name}".lower()
        if any(word in text for word in words):
            found.append(role)
    return found


def role_id(recipe: Recipe, ident: str, words: Sequence[str]) -> str | None:
    """The id of the role a rule means by ``ident``: the role with that id, else the one role named by ``words``.

    Finders of phases use it, so that a phase is found by who speaks in it
    even when the role was not given the method's id either.
    """
    if recipe.role(ident) is not None:
        return ident
    found = named(recipe, words)
    return found[0].id if len(found) == 1 else None


def written_id(recipe: Recipe, ident: str) -> str:
    """The id of the role ``ident`` as the trainer wrote it, for a line a hint tells them to write.

    A role a finder found carries the method's id in the copy the rules
    read; ``luistert: inbrenger`` would then not be the trainer's own line.
    """
    found = recipe.role(ident)
    return found.id_as_written if found is not None else ident


def index_of(recipe: Recipe, phase: Phase) -> int:
    """The place of ``phase`` among the recipe's phases, rounds opened up, in the order written."""
    for index, each in enumerate(recipe.phases()):
        if each is phase:
            return index
    raise ValueError(phase.id)
