"""A role's name in a sentence: the noun in lower case, its plural and its article, in Dutch or English.

A recipe names a role as a title (``role deelnemer: Groepslid``): that is
how a role card and the overview show it. Inside a sentence a card says its
noun: ``Spreken: de groepsleden en de inbrenger``. The rule for the lower
case: a name whose only capital is its first letter (``Groepslid``,
``Externe coach``, ``Case-giver``) is a common noun written as a title, and
is written with a small first letter; a name with any other capital
(``GGZ-coach``, ``Mevrouw De Vries``, ``Coach Anna``) or none at all is kept
as written, since it may be a proper name.

No maintained library inflects Dutch nouns (the few on the package index
say themselves that they guess), so the plural follows the spelling rules
of the Woordenlijst for the endings role nouns have, with the irregular
ones (``lid``, ``kind``) and the common loanwords (``coach``, ``expert``)
listed; English takes ``-s``, ``-es`` and ``-ies`` and a handful of
irregular ones. The last word of a name is the one inflected
(``externe coach`` -> ``externe coaches``).
"""

from __future__ import annotations

import re

_DUTCH_IRREGULAR = {
    "lid": "leden",
    "kind": "kinderen",
    "coach": "coaches",
    "expert": "experts",
    "mens": "mensen",
    "buddy": "buddy's",
    "trainee": "trainees",
    "manager": "managers",
    "teamlid": "teamleden",
}
"""Words (or last parts of a compound) whose plural no rule below gives."""

_DUTCH_NEUTER = ("lid", "kind", "je", "meisje", "hoofd", "medium")
"""Last parts of a person noun that take ``het``: ``het groepslid``, ``het kind``; every other takes ``de``."""

_ENGLISH_IRREGULAR = {"person": "people", "child": "children", "man": "men", "woman": "women"}

_VOWELS = "aeiouyáéíóúàèëïöüâêîôû"


def noun(name: str) -> str:
    """The role's name as a noun inside a sentence: ``Groepslid`` -> ``groepslid``; ``GGZ-coach`` as written."""
    if len(name) > 1 and name[0].isupper() and not any(c.isupper() for c in name[1:]):
        return name[0].lower() + name[1:]
    return name


def plural(word: str, language: str) -> str:
    """The plural of a person noun (its last word inflected): ``groepslid`` -> ``groepsleden``."""
    head, last = _split_last(word)
    if not last:
        return word
    return head + (_dutch_plural(last) if language == "nl" else _english_plural(last))


def article(word: str, language: str, many: bool) -> str:
    """``de``/``het``/``the`` before the noun ``word`` (singular unless ``many``)."""
    if language != "nl":
        return "the"
    if many:
        return "de"
    _head, last = _split_last(word)
    lower = last.lower()
    return "het" if any(lower.endswith(end) for end in _DUTCH_NEUTER) else "de"


def _split_last(word: str) -> tuple[str, str]:
    """``externe coach`` -> (``externe ``, ``coach``); a hyphen joins the parts of one word (``case-giver``)."""
    found = re.search(r"[^\s]+$", word)
    if found is None:
        return word, ""
    return word[: found.start()], found.group()


def _dutch_plural(word: str) -> str:
    lower = word.lower()
    for known, many in _DUTCH_IRREGULAR.items():
        if lower.endswith(known) and (lower == known or not lower[: -len(known)].endswith(tuple(_VOWELS))):
            return word[: len(word) - len(known)] + many
    if lower.endswith(("er", "el", "em", "en", "erd", "eur", "or", "ier", "e", "é", "ie")):
        return word + "s"  # begeleiders, adviseurs, mentors, coachees
    if lower.endswith(tuple("aiouy")):
        return word + "'s"  # collega's
    # Otherwise -en, with the spelling rules: a long vowel written double loses a letter (persoon ->
    # personen); f and s after a long vowel or a diphthong become v and z (reus -> reuzen).
    double = re.search(r"(aa|ee|oo|uu)([^aeiouy])$", lower)
    if double:
        stem = word[: double.start() + 1] + word[double.start(2) :]
        return _voiced(stem) + "en"
    if re.search(r"(ei|ij|ui|ou|au|eu|ie|oe)[fs]$", lower):
        return _voiced(word) + "en"
    # A single short vowel before one consonant in a word of one syllable doubles it (kok -> kokken).
    if re.fullmatch(r"[^aeiouy]*[aeiou][bdfgklmnprst]", lower):
        return word + word[-1] + "en"
    return word + "en"  # cliënten, studenten, notulisten


def _voiced(stem: str) -> str:
    if stem.endswith("f"):
        return stem[:-1] + "v"
    if stem.endswith("s"):
        return stem[:-1] + "z"
    return stem


def _english_plural(word: str) -> str:
    lower = word.lower()
    for known, many in _ENGLISH_IRREGULAR.items():
        if lower == known or lower.endswith("-" + known) or (known != "man" and lower.endswith(known)):
            return word[: len(word) - len(known)] + many
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"
