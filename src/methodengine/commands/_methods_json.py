"""``methods --json``: a method as JSON, the keys docs/cli.md lists, for the plain list and the chooser alike.

Scripts and other tools read these rows, so the keys are one contract kept
in one place: what the chooser adds (``planned``, ``takes``,
``past_minutes``) is added to the same row the plain list gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from methodengine.i18n import LANGUAGES

if TYPE_CHECKING:
    from methodengine.commands._chooser import Choice
    from methodengine.hooks.contract import Method
    from methodengine.model import Range, Recipe


def method_row(method: Method, language: str, recipe: Recipe | None, duration: Range | None) -> dict[str, object]:
    """A method as ``methods --json`` gives it: its texts in ``language``, its size, time and the ids it looks for.

    ``recipe`` is its parsed base recipe (None when it does not parse), for
    the meeting length it states; ``duration`` its planned time.
    """
    from methodengine.commands._chooser import room

    stated = recipe.duration.minutes if recipe is not None and recipe.duration is not None else None
    members = None
    if recipe is not None:
        least, most = room(recipe)
        members = {"low": least, "high": most}

    return {
        "id": method.id,
        "name": method.name(language),
        "names": dict(method.names),
        "summary": method.summary_in(language),
        "summaries": {lang: method.summary_in(lang) for lang in LANGUAGES},
        "language": language,
        "plugin": method.plugin,
        "source": method.source,
        "group_size": range_json(method.group_size),
        "duration": range_json(duration),
        "stated_length": range_json(stated),
        "members": members,
        "ids": rule_ids(method),
        "rules": [
            {"code": rule.code, "summary": rule.summary_in(language), "source": rule.source} for rule in method.rules
        ],
    }


def chosen_row(choice: Choice, language: str, recipe: Recipe | None) -> dict[str, object]:
    """A method the chooser lists: its row, with the time planned for the group in place of its own ``duration``."""
    row = method_row(choice.method, language, recipe, None)
    del row["duration"]  # the base recipe's own time: `planned` is the one for this group
    row["planned"] = {**(range_json(choice.minutes) or {}), "group": range_json(choice.group)}
    row["takes"] = range_json(choice.takes)
    row["past_minutes"] = choice.past
    return row


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
