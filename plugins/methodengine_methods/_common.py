"""Small helpers the built-in methods share, built on the public API only."""

from __future__ import annotations

import os

from methodengine import Period, Phase, Position, Recipe


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


def last_phase(recipe: Recipe) -> Phase | None:
    phases = list(recipe.phases())
    return phases[-1] if phases else None


def trajectory_field(recipe: Recipe, name: str) -> Position | None:
    trajectory = recipe.trajectory
    if trajectory is None:
        return recipe.position
    return trajectory.field_positions.get(name, trajectory.position)
