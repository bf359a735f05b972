"""The word cards and schedule use for one meeting: ``gesprek`` for one-to-one coaching, ``bijeenkomst`` for groups.

A recipe's ``meeting-word`` says it (``bijeenkomstwoord: gesprek``); a
resolved recipe holds its method's word where the recipe gives none
(``Method.meeting_words``); else it is ``bijeenkomst``/``meeting``. The
word is written in the recipe's language: cards printed in another
language (``--lang en`` for a Dutch recipe) take its known twin there
(``gesprek`` -> ``session``), else that language's plain word.

Dutch nouns are ``de`` or ``het`` words, and the article and the adjective
follow: ``de eerste bijeenkomst``, ``het eerste gesprek``. A phrase that
differs for a ``het`` word has a second translation in the catalogues
under the context :data:`NEUTER`.
"""

from __future__ import annotations

from attrs import frozen

NEUTER = "neuter"
"""The catalogue context of a phrase said of a ``het`` word (``het eerste gesprek``)."""

DEFAULT: dict[str, tuple[str, str]] = {"nl": ("bijeenkomst", "bijeenkomsten"), "en": ("meeting", "meetings")}
"""The word for a meeting when neither the recipe nor its method gives one."""

_TWINS: dict[str, dict[str, tuple[str, str]]] = {
    "gesprek": {"en": ("session", "sessions")},
    "sessie": {"en": ("session", "sessions")},
    "bijeenkomst": {"en": ("meeting", "meetings")},
    "session": {"nl": ("gesprek", "gesprekken")},
    "conversation": {"nl": ("gesprek", "gesprekken")},
    "meeting": {"nl": ("bijeenkomst", "bijeenkomsten")},
}
"""A known word's twin in the other language, for cards printed in a language the recipe is not written in."""

_DUTCH_NEUTER = ("gesprek", "overleg", "consult", "uur", "college", "contact", "moment", "traject", "spreekuur")
"""Last parts of Dutch words for a meeting that take ``het`` (``coachgesprek``, ``intakegesprek``)."""


@frozen
class MeetingWord:
    """One meeting and several in one language, and whether a Dutch word takes ``het``."""

    one: str
    many: str
    neuter: bool = False

    @property
    def values(self) -> dict[str, str]:
        """The placeholders a phrase fills in: ``{meeting}``, ``{meetings}``, and with a capital ``{Meeting}``."""
        return {
            "meeting": self.one,
            "meetings": self.many,
            "Meeting": _capital(self.one),
            "Meetings": _capital(self.many),
        }


def meeting_word(language: str, word: tuple[str, str] | None = None, written_in: str | None = None) -> MeetingWord:
    """The word for a meeting in ``language``, from the recipe's ``word`` written in ``written_in``.

    ``written_in`` None is the output's own language (a recipe that does not
    say its language is read as written in the language of its cards).
    """
    chosen: tuple[str, str] | None = None
    if word is not None:
        same = written_in is None or written_in == language
        chosen = word if same else _TWINS.get(word[0].lower(), {}).get(language)
    one, many = chosen or DEFAULT.get(language, DEFAULT["en"])
    neuter = language == "nl" and one.lower().endswith(_DUTCH_NEUTER)
    return MeetingWord(one, many, neuter)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]
