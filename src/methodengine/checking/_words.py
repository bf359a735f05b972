"""Recipe words inside messages: keys and keywords as the recipe writes them, periods in the message language.

A hint that shows a line to write (`add `role x: Name``) is only useful if
the trainer can paste it into their recipe, so it uses the recipe's own
keyword language (``rol`` in a Dutch recipe, ``role`` in an English one),
whatever language the message is said in. A period the recipe gave
(``every: 3 weken``) is said in the message's language, as the rest of the
sentence is.
"""

from __future__ import annotations

from typing import NamedTuple

from methodengine.i18n import message_language
from methodengine.language import keys as _keys
from methodengine.model import Period, Recipe

_PERIOD_UNITS = {
    "en": {"day": ("day", "days"), "week": ("week", "weeks"), "month": ("month", "months"), "year": ("year", "years")},
    "nl": {"day": ("dag", "dagen"), "week": ("week", "weken"), "month": ("maand", "maanden"), "year": ("jaar", "jaar")},
}


def keywords_of(recipe: Recipe) -> str:
    """The language a line to write is shown in: the recipe's keywords, else the message language."""
    return recipe.keyword_language or message_language()


def key(name: str, language: str) -> str:
    """A key (``meetings``) as a recipe in ``language`` writes it (``bijeenkomsten``)."""
    found = _keys.KEYS.get(name)
    return found.dutch or name if language == "nl" and found is not None else name


def keyword(name: str, language: str) -> str:
    """A block keyword (``role``) as a recipe in ``language`` writes it (``rol``)."""
    if language != "nl":
        return name
    return next((block.dutch for block in _keys.BLOCKS.values() if block.keyword == name and block.dutch), name)


def word(name: str, language: str) -> str:
    """A value word (``meeting``, ``from``, ``yes``) as a recipe in ``language`` writes it."""
    return _keys.WORDS[name][0] if language == "nl" and name in _keys.WORDS else name


class MeetingWords(NamedTuple):
    """The word for a meeting in a message, with what goes before it: ``gesprek``, ``het gesprek``, ``elk gesprek``."""

    one: str
    several: str
    the: str
    every: str


_ENGLISH_MEETING = MeetingWords("meeting", "meetings", "the meeting", "every meeting")


def meeting_words(recipe: Recipe) -> MeetingWords:
    """How a message names the recipe's meetings: in Dutch the recipe's own word (``gesprek`` for one-to-one
    coaching, from its ``meeting-word`` or its method), else ``bijeenkomst``; in English always ``meeting``.

    The recipe's word is a word of the recipe's language, so it is used only
    for a Dutch recipe; ``gesprek`` and its compounds are neuter (``het``, ``elk``).
    """
    if message_language() != "nl":
        return _ENGLISH_MEETING
    own = recipe.meeting_word if (recipe.language or "nl") == "nl" else None
    one, several = own or ("bijeenkomst", "bijeenkomsten")
    neuter = one.endswith("gesprek")
    return MeetingWords(one, several, ("het " if neuter else "de ") + one, ("elk " if neuter else "elke ") + one)


def cadence(value: Period) -> str:
    """How often, for after "every" in the message language: ``6 weeks``; in Dutch the whole phrase,
    ``om de 6 weken`` or ``elke week`` (``elke 6 weken`` is not how it is said)."""
    if message_language() != "nl":
        return period(value, "en")
    if value.amount.exact and value.amount.low == 1:
        return "elke " + period(value, "nl").split(" ", 1)[1]
    return "om de " + period(value, "nl")


def period(value: Period, language: str | None = None) -> str:
    """``3 weeks`` / ``3 weken``: a period in ``language`` (the message language by default)."""
    units = _PERIOD_UNITS["nl" if (language or message_language()) == "nl" else "en"]
    one, several = units.get(value.unit, (value.unit, value.unit))
    return f"{value.amount} {one if value.amount.exact and value.amount.low == 1 else several}"
