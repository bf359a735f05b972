"""Finders the built-in methods share: a role or phase found by the words trainers name it with.

A recipe written by hand names its roles and phases in the trainer's own
words (`rol casusinbrenger: Casusinbrenger`, `fase Adviesronde`), not with
the ids a method's rules look for. The words a method's source uses for a
role or phase, in Dutch, German and English, say which one it is; a finder
returns every role or phase they match, so that two matches are named to
the trainer rather than guessed between (see ``Method.finders``).
"""

from __future__ import annotations

from collections.abc import Iterable

from methodengine import Phase, Range, Recipe, Role, Rounds, role_counts


def _says(text: str, words: Iterable[str]) -> bool:
    folded = text.casefold()
    return any(word in folded for word in words)


def roles_named(recipe: Recipe, words: Iterable[str]) -> list[Role]:
    """The roles whose id or name holds one of ``words`` (lower case), in the order written."""
    words = tuple(words)
    return [role for role in recipe.roles if _says(role.id, words) or _says(role.name, words)]


def phases_titled(recipe: Recipe, words: Iterable[str]) -> list[Phase]:
    """The phases (inside rounds blocks too) whose title holds one of ``words`` (lower case)."""
    words = tuple(words)
    return [phase for phase in recipe.phases() if _says(phase.title, words)]


def leading_roles(recipe: Recipe) -> list[Role]:
    """The roles that lead at least one phase: where a method's chair or moderator shows in its structure."""
    leads = {phase.lead for phase in recipe.phases() if phase.lead}
    return [role for role in recipe.roles if role.id in leads]


def open_roles(recipe: Recipe) -> list[Role]:
    """The roles without a count that are no facilitator: each holds the rest of the group."""
    return [role for role in recipe.roles if role.count is None and not role.facilitator]


def phases_minutes(recipe: Recipe, phases: Iterable[Phase]) -> Range:
    """The planned minutes of ``phases`` run once, a ``per ROLE`` box times the number holding that role."""
    counts = role_counts(recipe)
    total = Range(0, 0)
    for phase in phases:
        minutes = phase.timebox.duration.minutes
        if phase.timebox.per is not None:
            minutes = minutes * counts.get(phase.timebox.per, Range(1, 1))
        total = total + minutes
    return total


def block_or_agenda(recipe: Recipe, phase_id: str) -> tuple[Rounds | None, list[Phase]]:
    """The rounds block ``phase_id`` stands in and its phases; outside a block, no block and every phase."""
    block = recipe.block_of(phase_id)
    if block is not None:
        return block, list(block.items)
    return None, list(recipe.phases())
