"""Recipe words inside messages: keys and keywords as the recipe writes them, periods in the message language.

A hint that shows a line to write (`add `role x: Name``) is only useful if
the trainer can paste it into their recipe, so it uses the recipe's own
keyword language (``rol`` in a Dutch recipe, ``role`` in an English one),
whatever language the message is said in. A period the recipe gave
(``every: 3 weken``) is said in the message's language, as the rest of the
sentence is.
"""

from __future__ import annotations

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


def period(value: Period, language: str | None = None) -> str:
    """``3 weeks`` / ``3 weken``: a period in ``language`` (the message language by default)."""
    units = _PERIOD_UNITS["nl" if (language or message_language()) == "nl" else "en"]
    one, several = units.get(value.unit, (value.unit, value.unit))
    return f"{value.amount} {one if value.amount.exact and value.amount.low == 1 else several}"
