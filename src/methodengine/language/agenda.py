"""The agenda: `phase` and `checkpoint` blocks, `rounds` blocks, and the ids derived from titles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from methodengine.errors import RecipeSyntaxError
from methodengine.i18n import N_, _
from methodengine.language import keys as _keys
from methodengine.language import values as _values
from methodengine.language.fields import DROPPED, gather
from methodengine.language.roles import role_ids
from methodengine.limits import MAX_ROUNDS
from methodengine.model import EVERYONE, Checkpoint, Phase, Position, RoleRef, Rounds, When

if TYPE_CHECKING:
    from methodengine.language.builder import RecipeBuilder


def slug(title: str) -> str:
    """An id derived from a title: ``Informatieve vragen`` -> ``informatieve-vragen``."""
    if not title.isascii():
        title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return _NOT_IN_ID.sub("-", title.lower()).strip("-") or "phase"


_NOT_IN_ID = re.compile(r"[^a-z0-9]+")


def build_phase(b: RecipeBuilder, children: Sequence[Any], checkpoint: bool = False) -> Phase:
    head, *rest = children
    block = "a checkpoint" if checkpoint else "a phase"
    match = b.head(head, _values.PHASE_HEAD, "checkpoint_line" if checkpoint else "phase_line")
    title = match["title"].strip()
    timebox = _values.timebox(match, head, b.path, head.value_column)
    found = gather(rest, block, b.path, b.report)
    values = found.values
    refs: list[RoleRef] = []
    if timebox.per is not None:
        refs.append(RoleRef(timebox.per, "per", timebox.per_position))
    lead = role_ids(values, "lead", refs)
    if len(lead) > 1 or lead == (EVERYONE,):
        written = found.lines["lead"].key
        speak = _keys.KEYS["speak"].dutch if written == _keys.KEYS["lead"].dutch else "speak"
        b.report(
            RecipeSyntaxError(
                _("`{key}` takes one role", key=written),
                found.position("lead"),
                hint=_("name the one role that leads this phase; put the others under `{speak}`", speak=speak),
            )
        )
        refs = [ref for ref in refs if ref.key != "lead"]
        lead = ()
    extra: dict[str, Any] = {}
    if checkpoint:
        extra["decide"] = role_ids(values, "decide", refs)
    cls = Checkpoint if checkpoint else Phase
    return cls(
        id=values.get("id") or slug(title),
        title=title,
        timebox=timebox,
        lead=lead[0] if lead else None,
        speak=role_ids(values, "speak", refs),
        listen=role_ids(values, "listen", refs),
        outside=role_ids(values, "outside", refs),
        groups=_values.grouping(values["groups"]) if "groups" in values else None,
        space=values.get("space"),
        script=tuple(found.script),
        when=When(tuple(values["when"]), found.position("when")) if "when" in values else None,
        explicit_id="id" in values,
        role_refs=tuple(refs),
        position=Position(b.path, head.number, head.column),
        extra=found.extra,
        **extra,
    )


def build_rounds(b: RecipeBuilder, children: Sequence[Any]) -> Rounds | None:
    head, *rest = children
    match = b.head(head, _values.ROUNDS_HEAD, "rounds_line")
    title = match["text"].strip()
    position = Position(b.path, head.number, head.column)
    count = _values.positive(
        _values.raw_range(match, head, b.path, head.value_column), N_("a number of rounds"), MAX_ROUNDS
    )
    found = gather(rest, "a rounds block", b.path, b.report)
    items = tuple(item for item in rest if isinstance(item, Phase))
    if not items:
        if DROPPED in rest:
            return None  # its phases were wrong, and are reported
        raise RecipeSyntaxError(
            _("the rounds block `{title}` has no phases", title=title),
            position,
            hint=_("indent the phases of a round under the `{rounds}` line", rounds=head.key),
        )
    return Rounds(
        id=found.get("id") or slug(title),
        title=title,
        count=count,
        items=items,
        when=When(tuple(found["when"]), found.position("when")) if "when" in found else None,
        explicit_id="id" in found,
        position=position,
        extra=found.extra,
    )


def with_phase_ids(agenda: Sequence[Phase | Rounds]) -> tuple[Phase | Rounds, ...]:
    """Give every phase and rounds block without an explicit id one from its title.

    Derived ids never collide: a second ``Afsluiting`` becomes
    ``afsluiting-2``. Explicit ids are left as written, so that checks can
    report a duplicate the trainer wrote.
    """
    taken = {p.id for p in _all_items(agenda) if p.explicit_id}

    def fresh(item: Phase | Rounds) -> Phase | Rounds:
        if item.explicit_id:
            return item
        base = item.id or slug(item.title)  # the builder gives an item its title's slug
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        # The builder gave each item its title's slug already; only one that collides is made again.
        return item if item.id == candidate else attrs.evolve(item, id=candidate)

    result: list[Phase | Rounds] = []
    for item in agenda:
        item = fresh(item)
        if isinstance(item, Rounds):
            items = tuple(fresh(p) for p in item.items)
            if any(new is not old for new, old in zip(items, item.items, strict=True)):
                item = attrs.evolve(item, items=items)  # type: ignore[misc]
        result.append(item)
    return tuple(result)


def _all_items(agenda: Sequence[Phase | Rounds]) -> Iterable[Phase | Rounds]:
    for item in agenda:
        yield item
        if isinstance(item, Rounds):
            yield from item.items
