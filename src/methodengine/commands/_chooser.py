"""The method chooser behind ``methods --group N --minutes M``: which methods fit the group and the time there is.

Trainers pick a method by the people in the room and the time they have.
A method fits a group of N when N is within the group size its source
states (or the method states none), and it fits M minutes when its base
recipe, planned for that group, can be held in M: the low end of the
planned time is at most M. A planned time whose high end is past M still
fits, and is said to possibly run over, because a range (1-2 turns, a group
of 4-7) is the method's own uncertainty, not the trainer's choice.

The planned time is the base recipe's, worked out by the same timing the
cards use (``per ROLE`` time boxes grow with the group, rounds run their
count); for a series it spans every meeting's agenda, the shortest to the
longest. Parsing the base recipes is the cost here, so the plain listing of
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
    group: Range | None
    """The group the time is planned for: the one asked for, else the base recipe's own."""
    fits_group: bool
    fits_time: bool
    past: bool
    """The planned time may run past the minutes asked for (its high end is beyond them)."""

    @property
    def fits(self) -> bool:
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


def weigh(method: Method, recipe: Recipe | None, group: int | None, minutes: int | None) -> Choice:
    """How ``method`` (with its parsed base recipe, None if broken) fits a group of ``group`` in ``minutes``."""
    size = method.group_size
    fits_group = group is None or size is None or group in size
    planned = planned_for(recipe, group) if recipe is not None else None
    planned_group = Range.of(group) if group is not None else (recipe.group if recipe is not None else None)
    if minutes is None:
        return Choice(method, planned, planned_group, fits_group, planned is not None, past=False)
    fits_time = planned is not None and planned.low <= minutes
    past = planned is not None and planned.high > minutes
    return Choice(method, planned, planned_group, fits_group, fits_time, past)


def choose(
    methods: Iterable[Method], recipes: Mapping[str, Recipe | None], group: int | None, minutes: int | None
) -> list[Choice]:
    """The methods that fit, the best fit first.

    With minutes: those held wholly within the time first, the one that uses
    the time best (least left over) first; then those that may run over, the
    least over first. With a group only: the shortest first.
    """
    fitting = [c for c in (weigh(m, recipes.get(m.id), group, minutes) for m in methods) if c.fits]

    def key(choice: Choice) -> tuple[int, int, str]:
        planned = choice.minutes
        assert planned is not None  # a choice that fits was timed
        if minutes is None:
            return (0, planned.low, choice.method.id)
        if choice.past:
            return (1, planned.high - minutes, choice.method.id)
        return (0, minutes - planned.high, choice.method.id)

    return sorted(fitting, key=key)


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


def range_json(value: Range | None) -> dict[str, int] | None:
    """A range as JSON gives it: ``{"low": 4, "high": 7}``, or null."""
    return None if value is None else {"low": value.low, "high": value.high}


def rule_ids(method: Method) -> dict[str, list[str]]:
    """The ids the method's rules look for, by kind, each once in the order the rules name them."""
    kinds = {"roles": "needs_roles", "phases": "needs_phases", "meetings": "needs_meetings", "stages": "needs_stages"}
    ids: dict[str, list[str]] = {}
    for kind, attribute in kinds.items():
        seen: dict[str, None] = {}
        for rule in method.rules:
            seen.update(dict.fromkeys(getattr(rule, attribute)))
        ids[kind] = list(seen)
    return ids
