"""The words inside values in one language, for ``fmt``: `everyone`/`iedereen`, `from meeting 2`, units.

Only the words the language itself defines are written anew (``keys.WORDS``
and the units of ``units.py``); numbers, ids, titles and every free text are
left exactly as written. A unit is chosen by the number before it (`1 week`,
`2 weken`); abbreviations both languages write (`min`, `h`, `wk`) are kept.
"""

from __future__ import annotations

import re

from methodengine.language import units as _units
from methodengine.language import values as _values
from methodengine.language.keys import GROUPINGS, WORDS

MEETING_WORDS = {"bijeenkomst": "bijeenkomsten", "gesprek": "gesprekken"}
"""The Dutch words for a meeting, singular to plural; ``fmt --lang nl`` writes one of them throughout."""

_SINGULAR = {"meeting", "bijeenkomst", "gesprek"}
_PLURAL = {"meetings", "bijeenkomsten", "gesprekken"}

# Each unit spelling to its meaning; the meaning to how each language writes one and several.
_UNIT_MEANING: dict[str, str] = {
    **dict.fromkeys(("minute", "minutes", "minuut", "minuten"), "minute"),
    **dict.fromkeys(("hour", "hours", "uur", "uren", "hr", "hrs"), "hour"),
    **_units.PERIOD_UNITS,
}
_UNIT_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "minute": ("minute", "minutes"),
        "hour": ("hour", "hours"),
        "day": ("day", "days"),
        "week": ("week", "weeks"),
        "month": ("month", "months"),
        "year": ("year", "years"),
    },
    "nl": {
        "minute": ("minuut", "minuten"),
        "hour": ("uur", "uur"),
        "day": ("dag", "dagen"),
        "week": ("week", "weken"),
        "month": ("maand", "maanden"),
        "year": ("jaar", "jaar"),
    },
}
_BOTH = frozenset({"min", "m", "h", "wk"})
"""Abbreviations both languages write: kept as they are."""
_OWN = {"en": frozenset({"mins", "hr", "hrs"}), "nl": frozenset({"u", "mnd"})}
"""Each language's own abbreviations: kept in it, written out (or as the other's) in the other."""
_OTHERS = {"u": "h", "mins": "min"}

_TOKEN = re.compile(
    r"(?P<number>een[ \t]+half|\d*[½¼¾]|\d+(?:[.,]\d+)?|(?:anderhalf|een|één|half)(?![^\W\d_]))"
    r"|(?P<word>tot[ \t]+en[ \t]+met|[^\W\d_½¼¾]+\.?)"
)
_EVERY = re.compile(r"^([ \t]*)om[ \t]*de[ \t]*")
"""`om de 6 weken`: Dutch only; English says `6 weeks`."""
_LESS_THAN_ONE = frozenset({"½", "¼", "¾", "half"})
_IN_FIGURES = {"een": "1", "één": "1", "anderhalf": "1½", "half": "½", "een half": "½"}


def _word_tables() -> dict[str, dict[str, str]]:
    """Each value word (either language) to how ``en`` and ``nl`` write it; the meeting words apart."""
    tables: dict[str, dict[str, str]] = {"en": {}, "nl": {}}
    for english, dutch in WORDS.items():
        if english in ("meeting", "meetings"):
            continue
        for spelling in (english, *dutch):
            tables["en"][spelling] = english
            tables["nl"][spelling] = dutch[0]
    return tables


_WORDS = _word_tables()


def _plural(number: str) -> bool:
    """Whether a unit after ``number`` is plural: anything but one whole."""
    said = " ".join(number.split())
    return said.lstrip("0") not in ("1", "een", "één", "een half") and said not in _LESS_THAN_ONE


def unit(written: str, number: str, language: str) -> str:
    """A unit after ``number`` in ``language``; one this table does not know (``min.``) as written."""
    if written.endswith(".") or written in _BOTH or written in _OWN[language]:
        return written
    if written in _OTHERS:
        return _OTHERS[written]
    meaning = _UNIT_MEANING.get(written.lower())
    if meaning is None:
        return written
    return _UNIT_WORDS[language][meaning][_plural(number)]


_PER_EVERYONE = re.compile(r"(?<![^ \t])per([ \t]*)(everyone|iedereen)(?![\w-])")


def time_box(text: str, language: str, meeting: str) -> str:
    """A time box after its bracket (`10 min per deelnemer)`): its units and `per everyone` in ``language``.

    A role after `per` is an id, written as it is; only `everyone`/`iedereen` is a word of the language.
    """
    boxed = words(text, language, meeting, units_only=True)
    return _PER_EVERYONE.sub(lambda m: f"per{m[1]}{_WORDS[language][m[2]]}", boxed)


def words(text: str, language: str, meeting: str, units_only: bool = False) -> str:
    """``text`` (a `when:`, `at:`, duration or period value) with its words and units in ``language``.

    ``meeting`` is the Dutch word for one meeting (``bijeenkomst`` or ``gesprek``). With
    ``units_only``, the first word that is no unit (`per` in a time box) ends what is changed.
    """
    if language == "en":
        text = _EVERY.sub(r"\1", text)
    out: list[str] = []
    at = 0
    previous = ""  # the number just before, when only spaces stand between
    for match in _TOKEN.finditer(text):
        between = text[at : match.start()]
        out.append(between)
        if between.strip(" \t"):
            previous = ""
        at = match.end()
        found = match.group()
        if match["number"] is not None:
            if language == "en":  # `een kwartier` stays Dutch, as English has no such unit; `een uur` is `1 hour`
                found = _IN_FIGURES.get(" ".join(found.split()), found)
            out.append(found)
            previous = found
            continue
        if previous:
            out.append(unit(found, previous, language))
        elif units_only:
            at = match.start()
            break
        else:
            out.append(word(found, language, meeting))
        previous = ""
    out.append(text[at:])
    return "".join(out)


def grouping(text: str, language: str) -> str:
    """A `groups:` value in ``language`` when it is one of the words with a meaning (`alone`/`alleen`).

    The model holds those in English, lower case; any other text (`Alone`, `Stilte`) means
    itself and is kept as written, so that the formatted recipe still means what it did.
    """
    english = _values.grouping(text)
    if english in GROUPINGS:
        return english if language == "en" else GROUPINGS[english][0]
    sized = _SIZED.fullmatch(english)
    if sized is not None:
        return english if language == "en" else f"groepjes van {sized[1]}"
    return text


_SIZED = re.compile(r"groups of (\d+(?:[ \t]*-[ \t]*\d+)?)")


def everyone(part: str, language: str) -> str:
    """One entry of a role list: `everyone`/`iedereen` in ``language``, a role id as written."""
    return _WORDS[language][part] if part in ("everyone", "iedereen") else part


def word(found: str, language: str, meeting: str) -> str:
    """One value word in ``language``; a word that is none of the language's as written."""
    if found in _SINGULAR:
        return "meeting" if language == "en" else meeting
    if found in _PLURAL:
        return "meetings" if language == "en" else MEETING_WORDS[meeting]
    if found.startswith("tot"):
        found = "tot en met"
    if found in ("de", "the"):  # `na de laatste bijeenkomst`, `after the last meeting`
        return "the" if language == "en" else "de"
    return _WORDS[language].get(found, found)
