"""A `role ID: Name` block, and who a block's `lead`, `speak`, ... name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from methodengine.errors import RecipeError
from methodengine.i18n import N_
from methodengine.language import values as _values
from methodengine.language.fields import gather
from methodengine.model import EVERYONE, Position, Role, RoleRef

if TYPE_CHECKING:
    from methodengine.language.builder import RecipeBuilder


def build_role(b: RecipeBuilder, children: Sequence[Any]) -> Role:
    head, *rest = children
    try:
        match = b.head(head, _values.ROLE_HEAD, "role_line")
    except RecipeError:
        written = _values.ROLE_ID.match(head.value) if head.value[:1] in (" ", "\t") else None
        if written is not None:
            b.unread_roles.add(written["id"])
        raise
    found = gather(rest, "a role", b.path, b.report)
    count = b.attempt(lambda: _values.positive(found["count"], N_("a role's count"))) if "count" in found else None
    return Role(
        id=match["id"],
        name=match["text"].strip(),
        count=count,
        brief=found.get("brief"),
        facilitator=found.get("facilitator", False),
        position=Position(b.path, head.number, head.column),
        extra=found.extra,
    )


def role_ids(values: dict[str, Any], key: str, refs: list[RoleRef]) -> tuple[str, ...]:
    """The role ids under ``key`` in a block's values, each but `everyone` also noted in ``refs`` for the checks."""
    located = values.get(key)
    if not located:
        return ()
    for role, position in located:
        if role != EVERYONE:
            refs.append(RoleRef(role, key, position))
    return tuple(role for role, _ in located)
