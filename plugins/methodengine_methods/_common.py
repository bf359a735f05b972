"""Small helpers the built-in methods share, built on the public API only: places, minutes and texts.

Finding a method's structure in a recipe without ids (roles by their names,
phases by their titles and by who speaks) is `_finding`'s one job; what
several rules check and say in the same words is `_checks`'.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from methodengine import Anchor, Period, Phase, Position, Range, Recipe, Rounds, role_counts


def base_recipe(name: str) -> str:
    """The text of a base recipe shipped beside the plugin module (os.path: no pathlib on `check`'s path)."""
    with open(os.path.join(os.path.dirname(__file__), f"{name}.mth"), encoding="utf-8") as f:
        return f.read()


def in_weeks(period: Period) -> tuple[float, float]:
    low, high = period.days()
    return low / 7, high / 7


def phase_index(recipe: Recipe, phase_id: str) -> int:
    """The place of a phase (or rounds block, by its first phase) in meeting order."""
    for index, item in enumerate(recipe.items()):
        if item.id == phase_id:
            return index
    raise KeyError(phase_id)


def index_of(recipe: Recipe, phase: Phase) -> int:
    """The place of ``phase`` among the recipe's phases, rounds opened up, in the order written."""
    for index, each in enumerate(recipe.phases()):
        if each is phase:
            return index
    raise ValueError(phase.id)


def last_phase(recipe: Recipe) -> Phase | None:
    phases = list(recipe.phases())
    return phases[-1] if phases else None


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


def trajectory_field(recipe: Recipe, name: str) -> Position | None:
    trajectory = recipe.trajectory
    if trajectory is None:
        return recipe.position
    return trajectory.field_positions.get(name, trajectory.position)


# ------------------------------------------------------------------ texts in Dutch and English
#
# A rule gives its messages and hints by language ({"en": ..., "nl": ...});
# methodengine says the one of the user's message language. A line the hint
# tells the trainer to write is shown in the recipe's own keywords, so that
# it can be pasted: `every: 6-8 weeks` in an English recipe, `elke: 6-8
# weken` in a Dutch one, whatever language the message is in.


def written(recipe: Recipe, english: str, dutch: str) -> str:
    """A line to write, in the recipe's keyword language (English when the recipe does not tell)."""
    return dutch if recipe.keyword_language == "nl" else english


_DUTCH_UNITS = {
    "day": ("dag", "dagen"),
    "week": ("week", "weken"),
    "month": ("maand", "maanden"),
    "year": ("jaar", "jaar"),
}


def period_nl(period: Period) -> str:
    """A period in Dutch words: ``3 weken``, ``1 maand`` (``str(period)`` is the English)."""
    one, several = _DUTCH_UNITS.get(period.unit, (period.unit, period.unit))
    return f"{period.amount} {one if period.amount.exact and period.amount.low == 1 else several}"


def every_nl(period: Period) -> str:
    """How often, in Dutch as it is said: ``om de 3 weken``, ``elke maand`` (not ``elke 3 weken``)."""
    if period.amount.exact and period.amount.low == 1:
        return "elke " + period_nl(period).split(" ", 1)[1]
    return "om de " + period_nl(period)


def anchor_nl(anchor: Anchor, meeting: str = "bijeenkomst") -> str:
    """Where an extra meeting is placed, in Dutch: ``voor bijeenkomst 1``, ``3 maanden na laatste bijeenkomst``."""
    ref = (
        f"{'eerste' if anchor.meeting == 'first' else 'laatste'} {meeting}"
        if isinstance(anchor.meeting, str)
        else f"{meeting} {anchor.meeting}"
    )
    offset = f"{period_nl(anchor.offset)} " if anchor.offset else ""
    return f"{offset}{'voor' if anchor.relation == 'before' else 'na'} {ref}"
