"""The method chooser behind ``methods --group N --minutes M``: which methods fit the group and the time there is.

Trainers pick a method by the people in the room and the time they have,
and must be able to hold what they pick. A method fits a group of N when N
is within the group size its source states (or the method states none), and
has room for in its base recipe: N fills the roles it counts (a case-giver
and a chair are two people at least), and a recipe whose every member's
role is counted (a coaching conversation: one client) holds that many and
no more, not a group of 12. It fits M minutes when a meeting of it, for
that group, can be held in M:

- the planned time is the base recipe's, worked out by the same timing the
  cards use (``per ROLE`` time boxes grow with the group, rounds run their
  count); for a series it spans every meeting's agenda, shortest to longest;
- a base recipe that states its length (``duur: 2,5 uur``) states the
  source's meeting: a backstage meeting is two and a half hours whether one
  turn or two fill it, so the meeting *takes* at least that long, however
  short its agenda can be;
- it fits when the low end of what it takes is at most M. A high end past M
  still fits, said to possibly run over, because a range (1-2 turns, a group
  of 4-7) is the method's own uncertainty, not the trainer's choice.

Parsing the base recipes is the cost here, so the plain listing of
``methods`` never comes through this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from attrs import frozen

from methodengine.model import Range

if TYPE_CHECKING:
    from methodengine.hooks.contract import Method
    from methodengine.hooks.manager import Plugins
    from methodengine.model import Recipe


@frozen
class Choice:
    """One method as the chooser weighs it: its planned time for the group, and whether it fits."""

    method: Method
    minutes: Range | None
    """The base recipe's planned time for the group; None when the base recipe does not parse."""
    takes: Range | None
    """What a meeting takes: the planned time, but not less than the length the base recipe states."""
    group: Range | None
    """The group the time is planned for: the one asked for, else the base recipe's own."""
    fits_group: bool
    fits_time: bool
    past: bool
    """The meeting may run past the minutes asked for (the high end of what it takes is beyond them)."""

    @property
    def fits(self) -> bool:
        """Listed by the chooser: the group fits and a meeting can be held in the time (or no time was asked)."""
        return self.fits_group and self.fits_time


def planned_for(recipe: Recipe, group: int | None = None) -> Range:
    """The planned minutes of a meeting of ``recipe`` for a group of ``group`` (its own group when None).

    A series whose meetings differ (an introduction in meeting 1 only)
    gives the range from its shortest meeting to its longest.
    """
    from methodengine.planning.timing import meeting_numbers, meetings_minutes, role_counts

    counts = role_counts(recipe, Range.of(group) if group is not None else None)
    plans = [minutes for _meeting, minutes in meetings_minutes(recipe, meeting_numbers(recipe), counts)]
    return Range(min(m.low for m in plans), max(m.high for m in plans))


def room(recipe: Recipe) -> tuple[int, int | None]:
    """The fewest and the most members the roles of ``recipe`` take; the most is None when a role is open.

    The counted roles (``aantal: 1``) need that many people, and an open
    role (no count) at least one more, since a role nobody holds is not the
    method; without an open role the counted roles are all the people there
    are. Facilitators are not in the group.
    """
    members = [role for role in recipe.roles if not role.facilitator]
    counted = [role.count for role in members if role.count is not None]
    is_open = len(counted) < len(members) or not members
    least = sum(count.low for count in counted) + (1 if is_open else 0)
    return least, None if is_open else sum(count.high for count in counted)


def has_room(recipe: Recipe, group: int) -> bool:
    """Whether a group of ``group`` fills the member roles of ``recipe`` and fits in them (see :func:`room`)."""
    least, most = room(recipe)
    return least <= group and (most is None or group <= most)


def held_in(recipe: Recipe, planned: Range) -> Range:
    """What a meeting of ``recipe`` takes: its ``planned`` time, but never less than the length it states.

    The stated length is the source's meeting (backstage: 2,5 uur), held in
    full even when one turn of the two it allows fills less of it.
    """
    if recipe.duration is None:
        return planned
    stated = recipe.duration.minutes
    return Range(max(planned.low, stated.low), max(planned.high, stated.high))


def weigh(method: Method, recipe: Recipe | None, group: int | None, minutes: int | None) -> Choice:
    """How ``method`` (with its parsed base recipe, None if broken) fits a group of ``group`` in ``minutes``."""
    size = method.group_size
    fits_group = group is None or ((size is None or group in size) and (recipe is None or has_room(recipe, group)))
    planned = planned_for(recipe, group) if recipe is not None else None
    held = held_in(recipe, planned) if recipe is not None and planned is not None else None
    planned_group = Range.of(group) if group is not None else (recipe.group if recipe is not None else None)
    if minutes is None:
        return Choice(method, planned, held, planned_group, fits_group, held is not None, past=False)
    fits_time = held is not None and held.low <= minutes
    past = held is not None and held.high > minutes
    return Choice(method, planned, held, planned_group, fits_group, fits_time, past)


def choose(
    methods: Iterable[Method], recipes: Mapping[str, Recipe | None], group: int | None, minutes: int | None
) -> tuple[list[Choice], list[Choice]]:
    """The methods that fit, the best fit first; and those that fit the group but take longer, the shortest first.

    With minutes: those held wholly within the time first, the one that uses
    the time best (least left over) first; then those that may run over, the
    least over first. With a group only: the shortest first. The longer ones
    are told apart so that a trainer who misses a method learns why, and
    what time it needs.
    """
    weighed = [weigh(m, recipes.get(m.id), group, minutes) for m in methods]

    def key(choice: Choice) -> tuple[int, int, str]:
        held = choice.takes
        assert held is not None  # a choice that fits was timed
        if minutes is None:
            return (0, held.low, choice.method.id)
        if choice.past:
            return (1, held.high - minutes, choice.method.id)
        return (0, minutes - held.high, choice.method.id)

    fitting = sorted((c for c in weighed if c.fits), key=key)
    longer = [c for c in weighed if c.fits_group and not c.fits_time and c.takes is not None]
    return fitting, sorted(longer, key=lambda c: (c.takes.low if c.takes else 0, c.method.id))


def base_recipes(loaded: Plugins, methods: Iterable[Method]) -> dict[str, Recipe | None]:
    """Each method's parsed base recipe; None for one that does not parse (its plugin's fault, said by `new`)."""
    from methodengine.errors import RecipeError

    parsed: dict[str, Recipe | None] = {}
    for method in methods:
        try:
            parsed[method.id] = loaded.base_recipe(method)
        except RecipeError:
            parsed[method.id] = None
    return parsed
