"""The one table of the recipe language's keys: which block takes which key, and what its value is.

Everything that needs to know a key reads it from here: the lexer (which keys
take a text that may continue on the next lines), the builder (which keys a
block accepts, how a value is read), the syntax-error hints and did-you-mean
lists, and the table in ``docs/recipe-language.md`` (held to this one by a
test). A key may have several spellings (issue 10 adds Dutch ones, such as
``rol`` or ``fase``); every spelling maps to the one :class:`Key`, whose
``name`` is what the model and the messages use.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from methodengine.model import SCRIPT_KINDS


class Kind(NamedTuple):
    """What a key's value is: its name in code, in the docs' table, and the hint for a bad one."""

    name: str
    shown: str
    hint: str


TEXT = Kind("text", "free text", "a text")
ID = Kind("id", "an id", "a lower-case id such as `vragen`")
RANGE = Kind("range", "a number or range", "a number or a range such as `4-7`")
DURATION = Kind("duration", "a duration", "a duration such as `90 min`, `1 h 30 min`, `1h30` or `2,5 uur`")
PERIOD = Kind("period", "a period", "a period such as `2-4 weeks`, `1 month` or `6 maanden`")
BOOL = Kind("bool", "`yes`/`no`/`ja`/`nee`", "`yes` or `no`")
ROLES = Kind("roles", "role ids or `everyone`/`iedereen`", "role ids separated by commas, or `everyone`")
WHEN = Kind(
    "when",
    "meetings",
    "`meeting 1`, `meetings 4-7`, `from meeting 2`, `until meeting 3`, `first meeting` or `last meeting`",
)
AT = Kind("at", "a place in the series", "`before meeting 1`, `after meeting 1` or `3 months after last meeting`")
MEETINGS = Kind("meetings", "a number or `open`", "a number of meetings, or `open`")

KINDS = (TEXT, ID, RANGE, DURATION, PERIOD, BOOL, ROLES, WHEN, AT, MEETINGS)


class Key(NamedTuple):
    """One key: its name, the kind of value it takes, and the example its messages and the docs show."""

    name: str
    kind: Kind
    example: str
    dutch: str = ""
    """The key in Dutch: what ``fmt --lang nl`` writes; empty when Dutch writes it as English does."""
    spellings: tuple[str, ...] = ()
    """Other ways to write the key besides ``name`` and ``dutch`` (a second common Dutch word)."""
    unit: str = "min"
    """The unit a bare number of this key is shown with in a hint (`write it with a unit, e.g. 20 min`)."""


def _script(name: str, dutch: str, example: str, spellings: tuple[str, ...] = ()) -> Key:
    return Key(name, TEXT, example, dutch, spellings)


_KEYS = (
    Key("recipe", TEXT, "recipe: Incidentmethode", "recept"),
    Key("method", TEXT, "method: incident", "methode"),
    Key("language", TEXT, "language: nl", "taal"),
    Key("group", RANGE, "group: 4-7", "groep"),
    Key("facilitators", RANGE, "facilitators: 1", "begeleiders"),
    Key("duration", DURATION, "duration: 90 min", "duur"),
    Key("summary", TEXT, "summary: Een deelnemer brengt een incident in.", "samenvatting"),
    Key("source", TEXT, "source: Hendriksen, Intervisie bij werkproblemen", "bron"),
    Key("meeting-word", TEXT, "meeting-word: gesprek/gesprekken", "bijeenkomstwoord"),
    Key("count", RANGE, "count: 1-2", "aantal"),
    Key("brief", TEXT, "brief: Bewaakt de stappen en de tijd.", "taak"),
    Key("facilitator", BOOL, "facilitator: yes", "begeleider"),
    Key("id", ID, "id: vragen"),
    Key("lead", ROLES, "lead: voorzitter", "leidt"),
    Key("speak", ROLES, "speak: deelnemer, inbrenger", "spreekt"),
    Key("listen", ROLES, "listen: everyone", "luistert"),
    Key("outside", ROLES, "outside: inbrenger", "buiten"),
    Key("decide", ROLES, "decide: everyone", "beslist"),
    Key("groups", TEXT, "groups: pairs", "indeling"),
    Key("space", TEXT, "space: a circle of chairs", "ruimte"),
    Key("focus", TEXT, "focus: Kennismaken"),
    Key("when", WHEN, "when: from meeting 2", "wanneer"),
    _script("say", "zeg", "say: Welkom allemaal."),
    _script("ask", "vraag", "ask: Wat heb je nodig?"),
    _script("do", "doe", "do: Ieder noemt een incident."),
    _script("tip", "", "tip: Nog geen advies."),
    _script("watch", "let op", "watch: Blijft het bij feiten?"),
    _script("output", "opbrengst", "output: Tips voor de inbrenger"),
    _script("materials", "materiaal", "materials: pen en papier", ("materialen",)),
    Key("meetings", MEETINGS, "meetings: 8", "bijeenkomsten", ("gesprekken",)),
    Key("every", PERIOD, "every: 2-4 weeks", "elke", unit="weeks"),
    Key("span", PERIOD, "span: 1 jaar", "looptijd", unit="months"),
    Key("at", AT, "at: 3 months after last meeting", "moment", unit="months"),
    Key("optional", BOOL, "optional: yes", "optioneel"),
)

KEYS: dict[str, Key] = {key.name: key for key in _KEYS}
"""Every key by its name."""

SPELLINGS: dict[str, Key] = {
    spelling: key for key in _KEYS for spelling in (key.name, key.dutch, *key.spellings) if spelling
}
"""Every way to write a key, to the key it means."""

REPEATABLE = frozenset(SCRIPT_KINDS)
"""The script keys, which a block may give any number of times, in order."""


class Block(NamedTuple):
    """A block of the language: how messages name it, its keyword, its keys and how to write its first line."""

    name: str
    keyword: str | None
    keys: tuple[str, ...]
    example: str
    shown_keys: str = ""
    """The docs' table cell, when it says more than the list of keys."""
    dutch: str = ""
    """The keyword in Dutch: what ``fmt --lang nl`` writes."""
    spellings: tuple[str, ...] = ()
    """Other ways to write the keyword besides ``keyword`` and ``dutch``."""


_PHASE_KEYS = ("id", "lead", "speak", "listen", "outside", "groups", "space", "when", *SCRIPT_KINDS)

BLOCKS: dict[str, Block] = {
    block.name: block
    for block in (
        Block(
            "the header",
            None,
            ("recipe", "method", "language", "group", "facilitators", "duration", "summary", "source", "meeting-word"),
            "start the file with a line such as `recipe: Incidentmethode`",
        ),
        Block(
            "a role",
            "role",
            ("count", "brief", "facilitator"),
            "write `role ID: Name`, e.g. `role voorzitter: Gespreksleider`",
            dutch="rol",
        ),
        Block(
            "a phase",
            "phase",
            _PHASE_KEYS,
            "write `phase Title (time box)`, e.g. `phase Informatieve vragen (15 min)`",
            dutch="fase",
        ),
        Block(
            "a checkpoint",
            "checkpoint",
            (*_PHASE_KEYS[: -len(SCRIPT_KINDS)], "decide", *SCRIPT_KINDS),
            "write `checkpoint Title (time box)`, e.g. `checkpoint Verder of stoppen? (5 min)`",
            "everything a phase takes, and `decide`",
            dutch="beslismoment",
        ),
        Block(
            "a rounds block",
            "rounds",
            ("id", "when"),
            "write `rounds N: Title`, e.g. `rounds 1-2: Beurt van een inbrenger`",
            "`id`, `when` (and the phases and checkpoints of the round)",
            dutch="rondes",
        ),
        Block(
            "a trajectory",
            "trajectory",
            ("meetings", "every", "span"),
            "write `trajectory` alone on its line, with its fields indented below it",
            "`meetings`, `every`, `span` (and its stages and extra meetings)",
            dutch="traject",
        ),
        Block(
            "a stage",
            "stage",
            ("id", "focus", "summary"),
            "write `stage Title (meetings A-B)` inside the trajectory",
            dutch="etappe",
        ),
        Block(
            "a meeting",
            "meeting",
            ("at", "count", "every", "optional", "summary", *SCRIPT_KINDS),
            "write `meeting ID: Title (time box)` inside the trajectory",
            dutch="bijeenkomst",
            spellings=("gesprek",),
        ),
    )
}
"""Every block by the name messages give it (`the header`, `a phase`, ...)."""

BLOCK_KEYS: dict[str, tuple[str, ...]] = {name: block.keys for name, block in BLOCKS.items()}
BLOCK_KEYWORDS: tuple[str, ...] = tuple(block.keyword for block in BLOCKS.values() if block.keyword)
KEYWORD_SPELLINGS: dict[str, str] = dict(
    sorted(
        (
            (spelling, block.keyword)
            for block in BLOCKS.values()
            if block.keyword
            for spelling in (block.keyword, block.dutch, *block.spellings)
            if spelling
        ),
        key=lambda pair: -len(pair[0]),
    )
)
"""Every way to write a block keyword, to the keyword it means; longest first, as a line is matched by its start."""
ALL_KEYS = frozenset(KEYS)
TEXT_KEYS = frozenset(name for name, key in KEYS.items() if key.kind is TEXT)


WORDS: dict[str, tuple[str, ...]] = {
    "everyone": ("iedereen",),
    "yes": ("ja",),
    "no": ("nee",),
    "open": ("open",),
    "meeting": ("bijeenkomst", "gesprek"),
    "meetings": ("bijeenkomsten", "gesprekken"),
    "from": ("vanaf",),
    "until": ("tot en met",),
    "first": ("eerste",),
    "last": ("laatste",),
    "before": ("voor", "vóór"),
    "after": ("na",),
}
"""The words inside values, in English and in Dutch: the first Dutch one is what ``fmt --lang nl`` writes.

``meeting 1`` is ``bijeenkomst 1`` (or ``gesprek 1``), ``from meeting 2``
``vanaf bijeenkomst 2``, ``3 months after last meeting`` ``3 maanden na
laatste bijeenkomst``; units have both languages in ``units.py``.
"""


_ENGLISH: frozenset[str] = frozenset(
    spelling
    for spelling in (
        *(key.name for key in _KEYS),
        *(block.keyword for block in BLOCKS.values() if block.keyword),
    )
    if spelling
)
_DUTCH: frozenset[str] = (
    frozenset(
        spelling
        for spelling in (
            *(spelling for key in _KEYS for spelling in (key.dutch, *key.spellings)),
            *(spelling for block in BLOCKS.values() for spelling in (block.dutch, *block.spellings)),
        )
        if spelling
    )
    - _ENGLISH
)
_ENGLISH = _ENGLISH - _DUTCH - {"id", "tip", "focus"}
TELLING: dict[str, str] = {**dict.fromkeys(_ENGLISH, "en"), **dict.fromkeys(_DUTCH, "nl")}
"""The keys and block keywords that tell a recipe's keyword language, to that language.

`tip`, `focus` and `id` are written alike in both, so they tell nothing.
"""


def keyword_language(written: Iterable[str]) -> str | None:
    """The language most of ``written`` (keys and block keywords as written) are in: "nl", "en" or None.

    None when none of them tells; on a tie, the language of the first that tells (the title's
    key, as a rule), so that the answer never depends on anything but the text. Counted with
    a Counter, whose counting runs in C: the parser asks this of every recipe it reads.
    """
    nl = en = 0
    first = None
    telling = TELLING
    for word, count in Counter(written).items():  # in the order first written
        language = telling.get(word)
        if language is None:
            continue
        first = first or language
        if language == "nl":
            nl += count
        else:
            en += count
    if nl == en:
        return first
    return "nl" if nl > en else "en"


def keyword_language_of(text: str) -> str | None:
    """The keyword language of recipe text, read from each line's key or block keyword; for the syntax errors.

    Works on text that does not parse: a line is only asked what it starts with (its key up to a
    colon, else its first word), so a message can show examples in the recipe's own language
    before there is a model. :attr:`Recipe.keyword_language` is the same count over the lines read.
    """
    return keyword_language(_first_words(text))


def _first_words(text: str) -> Iterator[str]:
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or line[0] == "#":
            continue
        head, colon, _ = line.partition(":")
        head = head.rstrip()
        if colon and head in TELLING:
            yield head
            continue
        word = line.split(None, 1)[0]
        if word in TELLING:
            yield word


GROUPINGS: dict[str, tuple[str, ...]] = {
    "alone": ("alleen", "ieder voor zich", "individueel"),
    "pairs": ("tweetallen", "in tweetallen", "duo's"),
    "trios": ("drietallen", "in drietallen", "trio's"),
    "whole group": ("hele groep", "de hele groep", "plenair"),
}
"""The words of `groups:` (`indeling:`) that the cards say in their own language, in English and Dutch.

The model holds the English (`indeling: alleen` is `groups: alone`); the first Dutch one is what
``fmt --lang nl`` writes. `groups of 3-4` is `groepjes van 3-4`; any other text is kept as written.
"""
DUTCH_GROUPINGS: dict[str, str] = {dutch: english for english, forms in GROUPINGS.items() for dutch in forms}


def is_extension(key: str) -> bool:
    """An ``x-...`` key, which every block accepts, for plugins."""
    return key.startswith("x-")


def docs_table() -> str:
    """The Markdown of the docs' "Which keys each block accepts" section, between its markers.

    Each key and keyword is shown with its Dutch spellings beside the English (`count`/`aantal`),
    so that the one table is the reference in both languages.
    """
    rows = ["| block | keys |", "| --- | --- |"]
    for block in BLOCKS.values():
        name = _both(block.keyword, block.dutch, block.spellings) if block.keyword else block.name
        shown = (
            re.sub(r"`([a-z-]+)`", lambda m: _both(m[1], KEYS[m[1]].dutch, KEYS[m[1]].spellings), block.shown_keys)
            if block.shown_keys
            else ", ".join(_both(k, KEYS[k].dutch, KEYS[k].spellings) for k in block.keys)
        )
        rows.append(f"| {name} | {shown} |")
    rows += [
        "",
        "Every block also accepts [`x-...` keys](#extension-keys-x-).",
        "",
        "What each key's value must be:",
        "",
    ]
    rows += ["| value | keys |", "| --- | --- |"]
    for kind in KINDS:
        names = [
            _both(name, k.dutch, k.spellings) + (" (one role only)" if name == "lead" else "")
            for name, k in KEYS.items()
            if k.kind is kind
        ]
        if kind is TEXT:
            names.append("`x-...`")
        rows.append(f"| {kind.shown} | {', '.join(names)} |")
    return "\n".join(rows)


def _both(name: str, dutch: str, spellings: tuple[str, ...]) -> str:
    return "/".join(f"`{spelling}`" for spelling in (name, dutch, *spellings) if spelling)
