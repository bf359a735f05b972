"""A method's structure found in a recipe that does not mark it: the recipe its rules read, with the ids in place.

Trainers write recipes by hand, without the ids a method's rules look
for. A method's finder (``Method.finders``) says where the structure is
when that is clear: the only rounds block of a backstage recipe is the
case-giver's turn. Here the found role, phase, block, extra meeting or stage
is given the method's id in a copy of the recipe, so that every rule reads it
exactly as it reads a recipe that wrote the id; the recipe the cards and the
schedule are made from is not touched.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from methodengine.hooks.contract import Located
from methodengine.i18n import _
from methodengine.model import Checkpoint, Meeting, Phase, Recipe, Role, RoleRef, Rounds, Stage, TimeBox


def with_id(recipe: Recipe, element: Located, ident: str) -> Recipe:
    """``recipe`` with ``element`` (one of its own, found by identity) carrying the id ``ident``."""
    if isinstance(element, Role):
        return _renamed_role(recipe, element.id, ident)
    if isinstance(element, (Phase, Rounds)):
        return attrs.evolve(recipe, agenda=tuple(_agenda_with_id(recipe.agenda, element, ident)))
    trajectory = recipe.trajectory
    if trajectory is None:
        return recipe
    if isinstance(element, Meeting):
        meetings = tuple(attrs.evolve(m, id=ident) if m is element else m for m in trajectory.extra_meetings)
        return attrs.evolve(recipe, trajectory=attrs.evolve(trajectory, extra_meetings=meetings))
    if isinstance(element, Stage):
        stages = tuple(attrs.evolve(s, id=ident) if s is element else s for s in trajectory.stages)
        return attrs.evolve(recipe, trajectory=attrs.evolve(trajectory, stages=stages))
    return recipe


def describe(element: Located) -> str:
    """How a candidate is named in a warning: its title or name as written, and its line."""
    name = element.name if isinstance(element, Role) else element.title
    line = element.position.line if element.position is not None else None
    return f"`{name}`" + (" (" + _("line {line}", line=line) + ")" if line is not None else "")


def _agenda_with_id(items: Iterable[Phase | Rounds], element: Phase | Rounds, ident: str) -> Iterable[Phase | Rounds]:
    for item in items:
        if item is element:
            yield attrs.evolve(item, id=ident, explicit_id=True)
        elif isinstance(item, Rounds):
            yield attrs.evolve(item, items=tuple(_agenda_with_id(item.items, element, ident)))
        else:
            yield item


def _renamed_role(recipe: Recipe, old: str, new: str) -> Recipe:
    """The role ``old`` called ``new`` everywhere it is named: its definition and every phase that names it."""

    def name(role: str | None) -> str | None:
        return new if role == old else role

    def names(roles: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(new if role == old else role for role in roles)

    def timebox(box: TimeBox | None) -> TimeBox | None:
        return attrs.evolve(box, per=name(box.per)) if box is not None and box.per == old else box

    def phase(item: Phase) -> Phase:
        changes: dict[str, object] = {
            "lead": name(item.lead),
            "speak": names(item.speak),
            "listen": names(item.listen),
            "outside": names(item.outside),
            "timebox": timebox(item.timebox),
            "role_refs": tuple(
                attrs.evolve(ref, role=new) if ref.role == old else ref
                for ref in item.role_refs
                if isinstance(ref, RoleRef)
            ),
        }
        if isinstance(item, Checkpoint):
            changes["decide"] = names(item.decide)
        return attrs.evolve(item, **changes)

    def agenda(items: Iterable[Phase | Rounds]) -> tuple[Phase | Rounds, ...]:
        return tuple(
            attrs.evolve(item, items=agenda(item.items)) if isinstance(item, Rounds) else phase(item) for item in items
        )

    roles = tuple(attrs.evolve(role, id=new, written_id=old) if role.id == old else role for role in recipe.roles)
    trajectory = recipe.trajectory
    if trajectory is not None:
        meetings = tuple(attrs.evolve(m, timebox=timebox(m.timebox)) for m in trajectory.extra_meetings)
        trajectory = attrs.evolve(trajectory, extra_meetings=meetings)
    return attrs.evolve(recipe, roles=roles, agenda=agenda(recipe.agenda), trajectory=trajectory)
