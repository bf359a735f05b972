"""Small helpers the built-in methods share, built on the public API only."""

from __future__ import annotations

from pathlib import Path

from methodengine import Period, Phase, Position, Recipe


def base_recipe(name: str) -> str:
    """The text of a base recipe shipped beside the plugin module."""
    return (Path(__file__).parent / f"{name}.mth").read_text(encoding="utf-8")


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
