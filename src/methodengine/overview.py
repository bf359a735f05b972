"""A plain-text overview of a recipe: title, roles, agenda with time boxes, total.

Kept within 80 columns so that it reads in any terminal and prints as is.
"""

from __future__ import annotations

import textwrap

from methodengine import timing
from methodengine.model import Checkpoint, Phase, Range, Recipe, Rounds

WIDTH = 80


def _minutes(minutes: Range) -> str:
    return f"{minutes} min"


def _timebox(phase: Phase) -> str:
    box = phase.timebox
    text = f"{box.duration.minutes} min"
    return f"{text} per {box.per}" if box.per else text


def _row(left: str, right: str, indent: int = 2) -> str:
    room = WIDTH - indent - len(right) - 2
    lines = textwrap.wrap(left, room) or [""]
    first = f"{' ' * indent}{lines[0]:<{room}}  {right}".rstrip()
    rest = [f"{' ' * (indent + 3)}{line}" for line in lines[1:]]
    return "\n".join([first, *rest])


def render_overview(recipe: Recipe) -> str:
    out: list[str] = [recipe.title, "=" * min(len(recipe.title), WIDTH)]
    facts = []
    if recipe.method:
        facts.append(f"method: {recipe.method}")
    if recipe.group:
        facts.append(f"group: {recipe.group}")
    if recipe.duration:
        facts.append(f"duration: {recipe.duration}")
    if recipe.language:
        facts.append(f"language: {recipe.language}")
    if facts:
        out.append(" | ".join(facts))
    if recipe.summary:
        out += textwrap.wrap(recipe.summary, WIDTH)
    if recipe.source:
        out += textwrap.wrap(f"Source: {recipe.source}", WIDTH)

    counts = timing.role_counts(recipe)
    if recipe.roles:
        out += ["", "Roles"]
        for role in recipe.roles:
            label = f"{role.name} ({role.id})" + (", facilitator" if role.facilitator else "")
            is_open = role.count is None and not role.facilitator and recipe.group is None
            out.append(_row(label, "the others" if is_open else f"x {counts[role.id]}"))

    if recipe.agenda:
        out += ["", "Agenda"]
        number = 0
        for item in recipe.agenda:
            when = f" [{item.when}]" if item.when else ""
            if isinstance(item, Rounds):
                out.append(f"  {item.title}: {item.count} rounds{when}")
                for phase in item.items:
                    number += 1
                    out.append(_row(f"{number}. {_phase_label(phase)}", _timebox(phase), indent=4))
            else:
                number += 1
                out.append(_row(f"{number}. {_phase_label(item)}{when}", _timebox(item)))
        out.append("")
        out += _totals(recipe, counts)

    if recipe.trajectory:
        out += ["", "Trajectory"]
        t = recipe.trajectory
        facts = ["meetings: " + ("open" if t.open else str(t.meetings or "?"))]
        if t.every:
            facts.append(f"every {t.every}")
        if t.span:
            facts.append(f"span {t.span}")
        out.append("  " + " | ".join(facts))
        for stage in t.stages:
            out.append(_row(stage.title, f"meetings {stage.meetings}"))
        for extra in t.extra_meetings:
            label = extra.title + (" (optional)" if extra.optional else "")
            where = str(extra.at) if extra.at else ""
            times = f"{extra.count} x " if extra.count != Range(1, 1) else ""
            out.append(_row(label, f"{times}{where}".strip()))
    return "\n".join(out) + "\n"


def _phase_label(phase: Phase) -> str:
    return f"{phase.title} (checkpoint)" if isinstance(phase, Checkpoint) else phase.title


def _totals(recipe: Recipe, counts: dict[str, Range]) -> list[str]:
    plans = [(n, timing.planned_minutes(recipe, n, counts)) for n in timing.meeting_numbers(recipe)]
    of = f" of {recipe.duration}" if recipe.duration else ""
    runs = timing.group_runs(plans)
    if len(runs) == 1:
        return [_row("Total", f"{_minutes(runs[0][1])}{of}")]
    return [_row(f"Total, meeting{'s' if not m.exact else ''} {m}", f"{_minutes(mins)}{of}") for m, mins in runs if m]
