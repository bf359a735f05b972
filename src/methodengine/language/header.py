"""The recipe itself: the header's fields, and the roles, agenda and trajectory below them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from methodengine.diagnostics import Related
from methodengine.errors import RecipeSyntaxError, RecipeValueError
from methodengine.i18n import N_, _, message_language
from methodengine.language import values as _values
from methodengine.language.agenda import with_phase_ids
from methodengine.language.fields import Fields, gather
from methodengine.model import Phase, Position, Recipe, Role, Rounds, Trajectory

if TYPE_CHECKING:
    from methodengine.language.builder import RecipeBuilder


def build_recipe(b: RecipeBuilder, children: Sequence[Any]) -> Recipe | None:
    """The recipe, or None when it has no title (reported)."""
    found = gather(children, "the header", b.path, b.report)
    trajectories = [item for item in children if isinstance(item, Trajectory)]
    for extra in trajectories[1:]:
        first = trajectories[0].position
        b.report(
            RecipeSyntaxError(
                _("a recipe has one trajectory"),
                extra.position,
                hint=_("merge it into the first, on line {line}", line=first.line if first else "?"),
                related=[Related(_("the first trajectory"), first)] if first else [],
            )
        )
    if "recipe" not in found:
        if b.reported:
            return None  # the title may be on a line that was wrong, and is reported
        b.report(
            RecipeSyntaxError(
                _("the recipe has no title"),
                Position(b.path, 1, 1),
                hint=_(
                    "start the file with a line such as {line}",
                    line="`recept: Incidentmethode`"
                    if (b.keyword_language or message_language()) == "nl"
                    else "`recipe: Incidentmethode`",
                ),
            )
        )
        return None

    def text(key: str) -> str | None:
        return found.get(key)

    def counted(key: str, what: str, least: int) -> Any:
        if key not in found:
            return None
        return b.attempt(lambda: _values.checked_range(found[key], what, least=least))

    language = text("language")
    return Recipe(
        title=found["recipe"],
        method=text("method"),
        language=language.lower() if language else None,
        group=counted("group", N_("a group size"), 1),
        facilitators=counted("facilitators", N_("a number of facilitators"), 0),
        duration=found.get("duration"),
        summary=text("summary"),
        source=text("source"),
        roles=tuple(item for item in children if isinstance(item, Role)),
        agenda=_unjudged(with_phase_ids([item for item in children if isinstance(item, (Phase, Rounds))]), b),
        trajectory=trajectories[0] if trajectories else None,
        path=b.path,
        position=Position(b.path, 1, 1),
        field_positions=found.positions(),
        extra=found.extra,
        meeting_word=b.attempt(lambda: meeting_word(found, b.path)) if "meeting-word" in found else None,
        keyword_language=b.keyword_language,
    )


_PLURALS = {
    "bijeenkomst": "bijeenkomsten",
    "gesprek": "gesprekken",
    "sessie": "sessies",
    "meeting": "meetings",
    "session": "sessions",
    "conversation": "conversations",
}
"""The plurals of the usual words for one meeting; a compound ends with one (`coachgesprek`)."""
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|-)*")


def meeting_word(found: Fields, path: str | None) -> tuple[str, str]:
    """`meeting-word: gesprek` or `gesprek/gesprekken`: the word and its plural, the plural derived for known words.

    A plural methodengine cannot know (`intake`) is asked for rather than guessed: a card
    that says `intakes` where the trainer says `intakegesprekken` reads wrong.
    """
    line = found.lines["meeting-word"]
    written = found["meeting-word"]
    where = Position(path, line.number, line.value_column + len(line.value) - len(line.value.lstrip()))
    singular, slash, plural = (part.strip() for part in written.partition("/"))
    for word in (singular, plural) if slash else (singular,):
        if _WORD.fullmatch(word) is None:
            raise RecipeValueError(
                _("`{value}` is not one word for a meeting", value=written),
                where,
                hint=_("write one word, and its plural after a slash if you like: `{example}`", example=_EXAMPLE),
            )
    if slash:
        return singular, plural
    known = next((word for word in _PLURALS if singular.lower().endswith(word)), None)
    if known is None:
        raise RecipeValueError(
            _("methodengine does not know the plural of `{word}`", word=singular),
            where,
            hint=_("write the word and its plural with a slash between them, e.g. `{example}`", example=_EXAMPLE),
        )
    return singular, singular[: len(singular) - len(known)] + _PLURALS[known]


_EXAMPLE = "gesprek/gesprekken"


def _unjudged(agenda: tuple[Phase | Rounds, ...], b: RecipeBuilder) -> tuple[Phase | Rounds, ...]:
    """The agenda without the role references to roles whose line could not be read (and is reported).

    A phase's ``role_refs`` are there for the check that every role it names is defined; a role
    whose definition is wrong is not undefined, and saying so at every phase that names it would
    bury the one mistake under false ones. The phases still name the role.
    """
    unread = b.unread_roles
    if not unread:
        return agenda

    def judged(phase: Phase) -> Phase:
        refs = tuple(ref for ref in phase.role_refs if ref.role not in unread)
        return phase if len(refs) == len(phase.role_refs) else attrs.evolve(phase, role_refs=refs)

    return tuple(
        attrs.evolve(item, items=tuple(judged(p) for p in item.items)) if isinstance(item, Rounds) else judged(item)
        for item in agenda
    )
