"""Small helpers the built-in methods share, built on the public API only."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypeVar

from methodengine import Anchor, Meeting, Period, Phase, Position, Recipe, Role, Rounds, Stage


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


# ------------------------------------------------------------------ finding structure by its words
#
# Trainers write recipes by hand, in their own words and without the ids the
# rules look for. A method's finders recognise a role, phase or meeting by the
# words a trainer gives it (Dutch and English) and by its place in the
# recipe. Words are compared as their letters only, without accents or case,
# and a word matches inside a longer one: `inbreng` finds `Casusinbrenger`.

_NOT_A_LETTER = re.compile(r"[^a-z0-9]+")

CASE_GIVER_WORDS = (
    "inbreng",  # inbrenger, inbrengster, casusinbrenger, probleeminbrenger
    "casushouder",
    "casuseigenaar",
    "probleemeigenaar",
    "probleemhebber",
    "probleemhouder",
    "vraagsteller",
    "vraageigenaar",
    "casegiver",
    "caseowner",
    "casepresenter",
    "presenter",
    "problemowner",
    "focusperson",
)
"""What trainers call the one who brings a case, in Dutch and English."""

Found = TypeVar("Found", Role, Phase, Rounds, Meeting, Stage)


def compact(text: str | None) -> str:
    """``text`` as lower-case letters and digits only, accents off: ``Case-giver`` -> ``casegiver``."""
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_A_LETTER.sub("", plain.lower())


def says(text: str | None, words: Iterable[str]) -> bool:
    """Whether ``text`` contains one of ``words`` (each written as `compact` gives it)."""
    letters = compact(text)
    return any(word in letters for word in words)


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


def case_givers(recipe: Recipe) -> list[Role]:
    """The roles a trainer may have called the case-giver: by id or name (inbrenger, casushouder, case-giver...)."""
    return [r for r in recipe.roles if not r.facilitator and called(r, CASE_GIVER_WORDS)]


def turn_of(recipe: Recipe, turn_id: str) -> Rounds | None:
    """The rounds block of one turn: the one with ``turn_id``, else the recipe's only rounds block."""
    block = recipe.block(turn_id)
    if block is not None:
        return block
    blocks = list(recipe.rounds_blocks())
    return blocks[0] if len(blocks) == 1 else None


def last_spoken_by(phases: Iterable[Phase], role_id: str) -> Phase | None:
    """The last of ``phases`` in which ``role_id`` speaks (by name, not as `everyone`)."""
    spoken = [p for p in phases if role_id in p.speak]
    return spoken[-1] if spoken else None


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
