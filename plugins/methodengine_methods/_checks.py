"""What several built-in methods' rules check and say in the same words: how many hold a role, order, meetings.

Exactly one case-giver (incident, kollegiale Beratung, the Socratic
example-giver), at most a few (backstage's two case-givers, Balint's
leaders), phases in a source's order, a report from meeting 2 on, and a
role that must be silent in a phase: one function each, so that the same
finding reads the same in every method and its hint names only what the
trainer has not written yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import pairwise

from methodengine import Diagnostic, Phase, Range, Recipe, Role, When, error, role_counts
from methodengine_methods._common import phase_index, written


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
