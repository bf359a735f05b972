"""Small helpers the built-in methods share, built on the public API only: places, minutes and texts.

Finding a method's structure in a recipe without ids (roles by their names,
phases by their titles and by who speaks) is `_finding`'s one job.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import pairwise

from methodengine import (
    Anchor,
    Diagnostic,
    Period,
    Phase,
    Position,
    Range,
    Recipe,
    Role,
    Rounds,
    When,
    error,
    role_counts,
)


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


def later_meetings_left_out(when: When | None, total: int | None) -> dict[str, str] | None:
    """The meetings from 2 on that ``when`` leaves out, named in English and Dutch (``meetings 4, 5``); else None.

    What is reported on from meeting 2 on (agreements, actions) is reported
    on at every later meeting; a series of unknown length names none.
    """
    if not total or when is None:
        return None
    missing = [n for n in range(2, total + 1) if not when.applies(n, total)]
    if not missing:
        return None
    numbers = ", ".join(map(str, missing))
    several = len(missing) > 1
    return {"en": f"meeting{'s' if several else ''} {numbers}", "nl": f"bijeenkomst{'en' if several else ''} {numbers}"}


def exactly_one(
    recipe: Recipe, role_id: str, says: dict[str, str], hint: dict[str, str] | None = None
) -> Iterator[Diagnostic]:
    """An error on role ``role_id`` unless exactly one holds it: ``says`` (the method's rule) and what it has.

    A facilitator's role without a count has the recipe's facilitators; the
    role is named by the id the trainer wrote (a found one has the method's).
    ``hint`` is said after the line to write.
    """
    role = recipe.role(role_id)
    assert role is not None  # needs_roles
    held = role.count if role.count is not None or not role.facilitator else role_counts(recipe)[role_id]
    if held == Range(1, 1):
        return
    line = written(recipe, "count: 1", "aantal: 1")
    ident = role.id_as_written
    more = hint or {"en": "", "nl": ""}
    yield error(
        {
            "en": f"{says['en']}; role `{ident}` has " + (str(held) if held is not None else "the rest of the group"),
            "nl": f"{says['nl']}; rol `{ident}` heeft " + (str(held) if held is not None else "de rest van de groep"),
        },
        role.position,
        hint={
            "en": f"set `{line}` for role `{ident}`" + (f"; {more['en']}" if more["en"] else ""),
            "nl": f"zet `{line}` bij rol `{ident}`" + (f"; {more['nl']}" if more["nl"] else ""),
        },
    )


def at_most(
    recipe: Recipe, role_id: str, most: int, says: dict[str, str], report: Callable[..., Diagnostic]
) -> Iterator[Diagnostic]:
    """``report`` (`error` or `warning`) on role ``role_id`` when more than ``most`` may hold it: ``says`` and how many.

    The open role (no count) is told as what it holds: the rest of the group.
    """
    role = recipe.role(role_id)
    assert role is not None  # needs_roles
    count = role_counts(recipe)[role_id]
    if count.high <= most:
        return
    bound = f"1-{most}" if most > 1 else "1"
    line = written(recipe, f"count: {bound}", f"aantal: {bound}")
    ident = role.id_as_written
    rest = (
        {"en": "", "nl": ""}
        if role.count is not None
        else {"en": " (the rest of the group)", "nl": " (de rest van de groep)"}
    )
    yield report(
        {
            "en": f"{says['en']}, but role `{ident}` has {count}{rest['en']}",
            "nl": f"{says['nl']}, maar rol `{ident}` heeft er {count}{rest['nl']}",
        },
        role.position,
        hint={"en": f"set `{line}`", "nl": f"zet `{line}`"},
    )


def in_order(
    recipe: Recipe, order: Sequence[str], names: Mapping[str, dict[str, str]], hint: dict[str, str]
) -> Iterator[Diagnostic]:
    """An error at the first of ``order``'s items that comes before the one it follows (``names`` say what each is)."""
    for before, after in pairwise(order):
        if phase_index(recipe, after) < phase_index(recipe, before):
            item = recipe.item(after)
            assert item is not None  # needs_phases
            yield error(
                {
                    "en": f"{names[after]['en']} (`{item.title}`) comes before {names[before]['en']}",
                    "nl": f"{names[after]['nl']} (`{item.title}`) komt vóór {names[before]['nl']}",
                },
                item.position,
                hint=hint,
            )
            return


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


def quiet_hint(
    recipe: Recipe, phase: Phase, role: Role, set_apart_by: tuple[str, str], who: dict[str, str]
) -> dict[str, str]:
    """How to make ``role`` silent in ``phase``: only what the trainer has not written yet.

    ``set_apart_by`` is the line's keyword in English and Dutch (``("listen:",
    "luistert:")``); it is asked for only when the phase does not already set
    the role apart under listen or outside, and the role is taken out of
    exactly the keywords (speak, lead) that name it, so that no hint asks
    for a line already there.
    """
    english: list[str] = []
    dutch: list[str] = []
    if role.id not in phase.listen and role.id not in phase.outside:
        line = f"{written(recipe, *set_apart_by)} {role.id_as_written}"
        english.append(f"write `{line}`")
        dutch.append(f"schrijf `{line}`")
    named_in = [written(recipe, "speak", "spreekt")] if role.id in phase.speak else []
    named_in += [written(recipe, "lead", "leidt")] if phase.lead == role.id else []
    if named_in:
        keywords = " and ".join(f"`{k}`" for k in named_in)
        english.append(f"take {who['en']} out of {keywords}")
        dutch.append(f"haal {who['nl']} weg bij {keywords.replace(' and ', ' en ')}")
    return {"en": " and ".join(english), "nl": " en ".join(dutch)}


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
