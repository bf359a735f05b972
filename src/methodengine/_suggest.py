"""Did-you-mean suggestions for misspelt keys, keywords, units, value words, roles and methods.

A recipe's words come in two languages (``rol``/``role``, ``luistert``/``listen``,
``minuten``/``minutes``). A trainer who misspells one wants the word of the
language the recipe is written in, whichever language the misspelling is
closest to: ``luisterd`` in a Dutch recipe is ``luistert``, in an English one
``listen``. The parser says which language that is (:func:`recipe_keywords`);
when it does not know (a mixed recipe, a single line), the nearest word is
suggested as it is. Units are the one exception: a recipe in English keywords
gets the unit it is nearest to, as such recipes are mostly Dutch trainers'
with Dutch units (``duration: 2,5 uur``). Some words a Dutch trainer types are no misspelling at all
but another word for a key (``titel`` for ``recept``, ``tijd`` for ``duur``):
:data:`MEANINGS` gives those by meaning, before any nearness is tried.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from methodengine.i18n import _


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate a typo most likely meant, or None when none is as close as ``cutoff`` (difflib's ratio)."""
    import difflib

    pool = sorted(set(candidates))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if not matches:
        lowered = {c.lower(): c for c in pool}
        matches = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)]
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str], quote: str = "`") -> str:
    """`` did you mean `x`?`` in the message language, or an empty string."""
    match = closest(word, candidates)
    return _("did you mean {word}?", word=f"{quote}{match}{quote}") if match else ""


def method_id(given: str, names: Mapping[str, Iterable[str]]) -> str:
    """`` did you mean `x`?`` for a method given by a misspelt id, or by its name in any language (``Actieleerset``).

    ``names`` maps each method id to its names; the trainer reads the names in
    ``methodengine methods`` and types one after ``methode:``.
    """
    suggestion = did_you_mean(given, names)
    if suggestion:
        return suggestion
    by_name = {name.lower(): ident for ident, all_names in names.items() for name in all_names}
    near = by_name.get(given.lower()) or by_name.get(closest(given.lower(), by_name) or "")
    return _("did you mean {word}?", word=f"`{near}`") if near else ""


# ------------------------------------------------------------------ the recipe's words

KEY, KEYWORD, DURATION_UNIT, PERIOD_UNIT, VALUE = "key", "keyword", "duration unit", "period unit", "value"
"""The kinds of recipe word a suggestion is made among."""

_recipe_language: contextvars.ContextVar[list[str | None] | None] = contextvars.ContextVar(
    "methodengine_recipe_keywords", default=None
)
_recipe_text: contextvars.ContextVar[str | None] = contextvars.ContextVar("methodengine_recipe_text", default=None)


@contextlib.contextmanager
def recipe_keywords(language: str | None) -> Iterator[None]:
    """Inside the block, suggestions are written in ``language`` (``"nl"``, ``"en"``; None: unknown or mixed)."""
    token = _recipe_language.set([language])
    try:
        yield
    finally:
        _recipe_language.reset(token)


@contextlib.contextmanager
def reading(text: str) -> Iterator[None]:
    """Inside the block, suggestions are in the keyword language of recipe ``text``, worked out only if asked.

    The parser reads every recipe inside one; most have no error, so they never pay for the count.
    """
    language = _recipe_language.set(None)
    token = _recipe_text.set(text)
    try:
        yield
    finally:
        _recipe_text.reset(token)
        _recipe_language.reset(language)


def recipe_text() -> str | None:
    """The text of the recipe being read, for a message that names what the recipe itself defines (its roles)."""
    return _recipe_text.get()


def keyword_language() -> str | None:
    """The keyword language of the recipe being read, when the parser knows it."""
    known = _recipe_language.get()
    if known is None:
        text = _recipe_text.get()
        if text is None:
            return None
        from methodengine.language.keys import keyword_language_of

        known = [keyword_language_of(text)]
        _recipe_language.set(known)
    return known[0]


class _Word(NamedTuple):
    meaning: str
    """The English name of what the word means: a key's name, a keyword, a unit, a value word."""
    language: str
    """``"en"``, ``"nl"``, or ``""`` for a word both languages write alike (``tip``, ``min``)."""


MEANINGS: dict[str, dict[str, str]] = {
    KEY: {
        # The recipe's title and the session's length, as a trainer names them.
        "titel": "recipe",
        "naam": "recipe",
        "title": "recipe",
        "name": "recipe",
        "tijd": "duration",
        "tijdsduur": "duration",
        "duur van": "duration",
        "lengte": "duration",
        "time": "duration",
        "length": "duration",
        "lang": "language",
        "deelnemers": "group",
        "groepsgrootte": "group",
        "participants": "group",
        "beschrijving": "summary",
        "omschrijving": "summary",
        "description": "summary",
        "auteur": "source",
        "literatuur": "source",
        "begeleiding": "facilitators",
        "aantal begeleiders": "facilitators",
        # In a role.
        "hoeveel": "count",
        "omschrijving rol": "brief",
        "opdracht": "brief",
        # In a phase: the verbs as a trainer writes them in a sentence.
        "vraagt": "ask",
        "vragen": "ask",
        "zegt": "say",
        "zeggen": "say",
        "doet": "do",
        "doen": "do",
        "leider": "lead",
        "sprekers": "speak",
        "luisteraars": "listen",
        "beslissen": "decide",
        "letop": "watch",
        "aandachtspunt": "watch",
        "note": "watch",
        "resultaat": "output",
        "uitkomst": "output",
        "benodigdheden": "materials",
        "spullen": "materials",
        "tips": "tip",
        "opstelling": "space",
        "groepjes": "groups",
        # In a trajectory.
        "aantal bijeenkomsten": "meetings",
        "frequentie": "every",
        "duur traject": "span",
    },
    KEYWORD: {
        "stap": "phase",
        "onderdeel": "phase",
        "step": "phase",
        "ronde": "rounds",
        "round": "rounds",
        "beslissing": "checkpoint",
        "keuzemoment": "checkpoint",
        "periode": "stage",
        "sessie": "meeting",
        "session": "meeting",
    },
}
"""Words that are no misspelling but another word for a key or keyword, by what they mean."""

_ENGLISH_MEANINGS = frozenset(
    {"title", "name", "time", "length", "lang", "participants", "description", "note", "step", "round", "session"}
)
"""The words of :data:`MEANINGS` that are English: in a recipe of unknown language, their key is given in English."""

_DUTCH_UNITS = frozenset(
    {"minuut", "minuten", "u", "uur", "uren", "dag", "dagen", "weken", "maand", "maanden", "mnd", "jaar", "jaren"}
)
_BOTH_UNITS = frozenset({"m", "min", "h", "week"})
_UNIT_TWINS = {
    "minute": "minuut",
    "minutes": "minuten",
    "mins": "min",
    "hour": "uur",
    "hours": "uur",
    "hr": "uur",
    "hrs": "uur",
    "day": "dag",
    "days": "dagen",
    "week": "week",
    "weeks": "weken",
    "wk": "week",
    "month": "maand",
    "months": "maanden",
    "year": "jaar",
    "years": "jaar",
}
"""Each English unit's Dutch twin, to give a misspelt unit in the recipe's language."""


@functools.cache
def _vocabulary(kind: str) -> dict[str, _Word]:
    """Every spelling of the words of ``kind``, Dutch and English, to what it means and its language."""
    from methodengine.language import keys, units

    words: dict[str, _Word] = {}

    def add(spelling: str, meaning: str, language: str) -> None:
        if spelling and spelling not in words:
            words[spelling] = _Word(meaning, language)

    if kind == KEY:
        for key in keys.KEYS.values():
            add(key.name, key.name, "en" if key.dutch else "")
            add(key.dutch, key.name, "nl")
            for spelling in key.spellings:
                add(spelling, key.name, "nl")
    elif kind == KEYWORD:
        for block in keys.BLOCKS.values():
            if block.keyword:
                add(block.keyword, block.keyword, "en" if block.dutch else "")
                add(block.dutch, block.keyword, "nl")
                for spelling in block.spellings:
                    add(spelling, block.keyword, "nl")
    elif kind in (DURATION_UNIT, PERIOD_UNIT):
        spellings = [*units.MINUTE_UNITS, *units.HOUR_UNITS] if kind == DURATION_UNIT else list(units.PERIOD_UNITS)
        dutch = {twin: english for english, twin in _UNIT_TWINS.items()}
        for spelling in sorted(spellings):
            if spelling in _BOTH_UNITS:
                add(spelling, spelling, "")
            elif spelling in _DUTCH_UNITS:
                add(spelling, dutch.get(spelling, spelling), "nl")
            else:
                add(spelling, spelling, "en")
    elif kind == VALUE:
        for english, dutch_words in keys.WORDS.items():
            same = english in dutch_words
            add(english, english, "" if same else "en")
            for spelling in dutch_words:
                add(spelling, english, "nl")
    return words


def word_languages() -> dict[str, str]:
    """Every spelling of a block keyword or a word inside values, to its language (``""``: both write it so)."""
    return {spelling: word.language for kind in (KEYWORD, VALUE) for spelling, word in _vocabulary(kind).items()}


def _in_language(kind: str, meaning: str, language: str) -> str:
    """``meaning`` as the recipe writes it in ``language``."""
    from methodengine.language import keys

    if language != "nl":
        return meaning
    if kind == KEY:
        return keys.KEYS[meaning].dutch or meaning
    if kind == KEYWORD:
        block = next(block for block in keys.BLOCKS.values() if block.keyword == meaning)
        return block.dutch or meaning
    if kind in (DURATION_UNIT, PERIOD_UNIT):
        return _UNIT_TWINS.get(meaning, meaning)
    if kind == VALUE:
        return keys.WORDS[meaning][0]
    return meaning


def meant(
    word: str, kinds: Iterable[str], among: Iterable[str] | None = None, cutoff: float = 0.6
) -> tuple[str, str] | None:
    """What ``word`` was meant to be, as (kind, the word to write), in the recipe's keyword language.

    ``kinds`` are tried in order, by meaning first (:data:`MEANINGS`), then by
    nearness to any spelling of either language; ``among`` keeps only the
    words of those meanings (the keys a block takes); ``cutoff`` is how near a
    spelling must be (difflib's ratio), higher where a guess is a second one. The suggestion is
    written in the recipe's keyword language when that is known, else in the
    language of the spelling it is nearest to. None when nothing is close, or
    when the word is already right.
    """
    kinds = tuple(kinds)
    allowed = None if among is None else frozenset(among)
    lowered = word.lower().rstrip(":").strip()
    language = keyword_language()
    for kind in kinds:
        meaning = MEANINGS.get(kind, {}).get(lowered)
        if meaning is not None and (allowed is None or meaning in allowed):
            written_in = language or ("en" if lowered in _ENGLISH_MEANINGS else "nl")
            return kind, _in_language(kind, meaning, written_in)
    best: tuple[float, str, str] | None = None
    for kind in kinds:
        words = {
            spelling: found
            for spelling, found in _vocabulary(kind).items()
            if allowed is None or found.meaning in allowed
        }
        if word in words:
            return None
        match = closest(word, words, cutoff)
        if match is None:
            continue
        score = _nearness(word, match)
        if best is None or score > best[0]:
            best = (score, kind, match)
    if best is None:
        return None
    _, kind, match = best
    found = _vocabulary(kind)[match]
    if language is None or found.language in ("", language):
        return kind, match
    if kind in (DURATION_UNIT, PERIOD_UNIT) and language == "en":
        # Units are free in any recipe, and recipes in English keywords are mostly Dutch trainers'
        # with Dutch units (`duration: 2,5 uur`): `minuuten` there meant `minuten`.
        return kind, match
    return kind, _in_language(kind, found.meaning, language)


def _nearness(word: str, match: str) -> float:
    """How near ``match`` is to ``word``: the kinds (keys, keywords...) are searched apart, so the best wins."""
    import difflib

    return difflib.SequenceMatcher(None, word.lower(), match.lower()).ratio()


def suggest(word: str, kinds: Iterable[str], among: Iterable[str] | None = None) -> str:
    """`` did you mean `x`?`` for a recipe word, in the recipe's keyword language (see :func:`meant`); or empty."""
    found = meant(word, kinds, among)
    return _("did you mean {word}?", word=f"`{found[1]}`") if found else ""
