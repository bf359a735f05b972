"""Finding a method's structure in a recipe written by hand: roles by their names, phases by titles and voices.

A recipe written by hand names its roles and phases in the trainer's own
words (`rol probleemeigenaar: Probleemeigenaar`, `fase Adviesronde`), not
with the ids a method's rules look for. A method's finders recognise a role
or phase by the words a trainer gives it (Dutch, German and English), by who
speaks and listens in it, and by its place; a finder returns every match, so
that two are named to the trainer rather than guessed between (see
``Method.finders``).

Every built-in method matches words by one rule, `says`: the letters only,
without accents or case, and a word matches inside a longer one (`inbreng`
finds `Casusinbrenger`, `key question` finds `Key-question`). And every
method knows the case-giver by the same words, `CASE_GIVER_WORDS`: a
trainer's `probleemeigenaar` is the case-giver whatever the method.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from methodengine import EVERYONE, Meeting, Phase, Recipe, Role, Rounds, Stage

_NOT_A_LETTER = re.compile(r"[^a-z0-9]+")

CASE_GIVER_WORDS = (
    "inbreng",  # inbrenger, inbrengster, casusinbrenger, probleeminbrenger
    "casus",  # casushouder, casuseigenaar, casusgever
    "probleemeigenaar",
    "probleemhebber",
    "probleemhouder",
    "vraagsteller",
    "vraageigenaar",
    "fallerz",  # Fallerzähler(in), Tietze's word
    "fallgeb",
    "fallbring",
    "casegiver",
    "caseowner",
    "casepresenter",
    "casebringer",
    "presenter",
    "presentator",  # the Dutch word for the one who presents a case (Balint)
    "problemowner",
    "problemholder",
    "focusperson",
)
"""What trainers call the one who brings a case, in Dutch, German and English: the same in every method."""

Found = TypeVar("Found", Role, Phase, Rounds, Meeting, Stage)


# ------------------------------------------------------------------ the one word-matching rule


def compact(text: str | None) -> str:
    """``text`` as lower-case letters and digits only, accents off: ``Case-giver`` -> ``casegiver``."""
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_A_LETTER.sub("", plain.lower())


def says(text: str | None, words: Iterable[str]) -> bool:
    """Whether ``text`` holds one of ``words``, both compared as `compact` gives them."""
    letters = compact(text)
    return any(word and word in letters for word in map(compact, words))


def called(element: Role | Phase | Rounds | Meeting | Stage, words: Iterable[str]) -> bool:
    """Whether a role's id or name, or an item's id or title, says one of ``words``."""
    words = tuple(words)
    name = element.name if isinstance(element, Role) else element.title
    return says(element.id, words) or says(name, words)


def first_found(*tiers: Sequence[Found]) -> list[Found]:
    """The candidates of the first tier that has any: a clear word wins over a vaguer one."""
    for tier in tiers:
        if tier:
            return list(tier)
    return []


# ------------------------------------------------------------------ roles


def roles_named(recipe: Recipe, words: Iterable[str], *, facilitators: bool = True) -> list[Role]:
    """The roles whose id or name says one of ``words``, in the order written (facilitators left out if asked)."""
    words = tuple(words)
    return [role for role in recipe.roles if (facilitators or not role.facilitator) and called(role, words)]


def case_givers(recipe: Recipe, also: Iterable[str] = ()) -> list[Role]:
    """The roles a trainer may have called the case-giver (`CASE_GIVER_WORDS`, and a method's own ``also``)."""
    return roles_named(recipe, (*CASE_GIVER_WORDS, *also), facilitators=False)


def facilitators(recipe: Recipe) -> list[Role]:
    """The roles marked ``facilitator: yes``: where a method's leader is when no role says ``id: leider``."""
    return [role for role in recipe.roles if role.facilitator]


def leading_roles(recipe: Recipe) -> list[Role]:
    """The roles that lead at least one phase: where a method's chair or moderator shows in its structure."""
    leads = {phase.lead for phase in recipe.phases() if phase.lead}
    return [role for role in recipe.roles if role.id in leads]


def open_roles(recipe: Recipe) -> list[Role]:
    """The roles without a count that are no facilitator: each holds the rest of the group."""
    return [role for role in recipe.roles if role.count is None and not role.facilitator]


def role_id(recipe: Recipe, ident: str, find: Callable[[Recipe], Sequence[Role]]) -> str | None:
    """The id of the role a rule means by ``ident``: the role with that id, else the one role ``find`` finds.

    Finders of phases use it, so that a phase is found by who speaks in it
    even when the role was not given the method's id either.
    """
    if recipe.role(ident) is not None:
        return ident
    found = find(recipe)
    return found[0].id if len(found) == 1 else None


def written_id(recipe: Recipe, ident: str) -> str:
    """The id of the role ``ident`` as the trainer wrote it, for a line a hint tells them to write.

    A role a finder found carries the method's id in the copy the rules
    read; ``luistert: inbrenger`` would then not be the trainer's own line.
    """
    found = recipe.role(ident)
    return found.id_as_written if found is not None else ident


# ------------------------------------------------------------------ phases: titles and voices


def phases_titled(recipe: Recipe, words: Iterable[str]) -> list[Phase]:
    """The phases (inside rounds blocks too) whose title says one of ``words``."""
    words = tuple(words)
    return [phase for phase in recipe.phases() if says(phase.title, words)]


def speaks(phase: Phase, role: str) -> bool:
    """Whether ``role`` speaks in ``phase``: named under ``speak``, or taken in by ``speak: everyone``."""
    if role in phase.speak:
        return True
    return EVERYONE in phase.speak and role not in phase.listen and role not in phase.outside


def silent(phase: Phase, role: str) -> bool:
    """Whether ``role`` neither speaks nor leads in ``phase``: it listens, sits outside, or is not named."""
    return not speaks(phase, role) and phase.lead != role


def set_apart(phase: Phase, role: str) -> bool:
    """Whether ``phase`` names ``role`` under ``listen`` or ``outside``: the trainer set it apart there."""
    return role in phase.listen or role in phase.outside


def other_speakers(recipe: Recipe, phase: Phase, besides: Iterable[str]) -> list[str]:
    """The roles that speak in ``phase`` other than ``besides`` and the facilitators, in the recipe's order.

    ``speak: everyone`` counts as every such role speaking.
    """
    left_out = set(besides) | {role.id for role in facilitators(recipe)}
    return [role.id for role in recipe.roles if role.id not in left_out and speaks(phase, role.id)]


def last_spoken_by(phases: Iterable[Phase], role_id: str) -> Phase | None:
    """The last of ``phases`` in which ``role_id`` speaks (by name, not as `everyone`)."""
    spoken = [p for p in phases if role_id in p.speak]
    return spoken[-1] if spoken else None


def turn_of(recipe: Recipe, turn_id: str) -> Rounds | None:
    """The rounds block of one turn: the one with ``turn_id``, else the recipe's only rounds block."""
    block = recipe.block(turn_id)
    if block is not None:
        return block
    blocks = list(recipe.rounds_blocks())
    return blocks[0] if len(blocks) == 1 else None
