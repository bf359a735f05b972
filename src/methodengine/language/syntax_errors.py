"""Turning what the parser refused into messages a trainer can act on.

A line the builder's quick readers refuse is parsed again with lark's line
grammar (``lines.lark``), which knows where the line goes wrong and what it
would have accepted there; a line the recipe's grammar does not expect where
it stands (a `stage` outside the trajectory) comes from the parser with what
it expected. The trainer wants to know what to write instead: the line's own
key or block keyword tells us what was being written, so the message and hint
are chosen from that. The checks run from the most specific situation to the
most general.

The messages are in the user's language (``_``); the keywords a hint shows
are in the recipe's keyword language (``fase`` in a Dutch recipe, ``phase``
in an English one; the parser reads inside ``_suggest.reading``), else in the
language of the word the line was written with. Where a trainer wrote a value
as a sentence says it (`4 tot 7`, `de 2e bijeenkomst`, `twee`), the hint shows
the line as the recipe writes it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import TYPE_CHECKING, Any, NamedTuple

from methodengine._suggest import KEY, KEYWORD, VALUE, keyword_language, meant
from methodengine.errors import RecipeError, RecipeSyntaxError
from methodengine.i18n import CATALOGUE, N_, _
from methodengine.language import keys as _keys
from methodengine.language.keys import KEYWORD_SPELLINGS, SPELLINGS
from methodengine.model import Position

if TYPE_CHECKING:
    from methodengine.language.lexer import Line

_TERMINALS = {
    "NUMBER": N_("a number"),
    "HALF": N_("a number such as `1½` or `een`"),
    "UNIT": N_("a unit"),
    "ID": N_("a lower-case id"),
    "TITLE": N_("a title"),
    "TEXT": N_("a text"),
    "LPAR": "`(`",
    "RPAR": "`)`",
    "COLON": "`:`",
    "COMMA": "`,`",
    "MINUS": "`-`",
    "_NL": N_("the end of the line"),
    "_INDENT": N_("an indented line"),
    "_DEDENT": N_("the end of the block"),
    "$END": N_("the end of the file"),
}

# Characters that look like spaces or hyphens but are not, mostly pasted from word processors.
_LOOKALIKES = {
    "\u00a0": N_("a no-break space (U+00A0)"),
    "\u2007": N_("a figure space (U+2007)"),
    "\u202f": N_("a narrow no-break space (U+202F)"),
    "\u200b": N_("a zero-width space (U+200B)"),
    "\u2060": N_("a word joiner (U+2060)"),
    "\ufeff": N_("a zero-width no-break space (U+FEFF)"),
    "\u000c": N_("a form feed (U+000C)"),
    "\u0085": N_("a next-line character (U+0085)"),
    "\u2028": N_("a line separator (U+2028)"),
    "\u2013": N_("an en dash (U+2013)"),
    "\u2014": N_("an em dash (U+2014)"),
    "\u2212": N_("a minus sign (U+2212)"),
}
_DASHES = "\u2013\u2014\u2212"

_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z_-]*)\s*:(.*)$")
_PHRASE_KEY = re.compile(r"^\s*([A-Za-z][A-Za-z_-]*(?:[ \t]+[A-Za-z][A-Za-z_-]*)+)[ \t]*:(.*)$")
_FIRST_WORD = re.compile(r"^\s*(\S+)")
_TRAILING_TIME = re.compile(r"^(.*?)\s+(\d[\d.,]*(?:\s*-\s*\d[\d.,]*)?\s*[^\W\d_]+.*)$")
_LAST_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*$")
_EXAMPLE_ID = {"nl": "terugkom: Terugkombijeenkomst (2 uur)", "en": "follow-up: Terugkombijeenkomst (2 h)"}
_RANGE_WORDS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(tot en met|t/m|tot|à|a|to|of|or)\s*(\d+(?:[.,]\d+)?)", re.IGNORECASE)


# ------------------------------------------------------------------ words in the recipe's language


def _written_language(spelling: str) -> str | None:
    """The language a keyword or key spelling is in: ``nl``, ``en``, or None when both write it so."""
    keyword = KEYWORD_SPELLINGS.get(spelling)
    if keyword is not None:
        block = next(block for block in _keys.BLOCKS.values() if block.keyword == keyword)
        if spelling == block.keyword:
            return "en" if block.dutch else None
        return "nl"
    key = SPELLINGS.get(spelling)
    if key is not None:
        if spelling == key.name:
            return "en" if key.dutch else None
        return "nl"
    return None


def _language(written: str = "") -> str:
    """The language the keywords of a hint are shown in: the recipe's, else the written word's, else English."""
    return keyword_language() or _written_language(written) or "en"


def _keyword(keyword: str, language: str) -> str:
    """The block keyword ``keyword`` (its English name) as ``language`` writes it."""
    block = next(block for block in _keys.BLOCKS.values() if block.keyword == keyword)
    return block.dutch if language == "nl" and block.dutch else keyword


def _key(name: str, language: str) -> str:
    """The key ``name`` as ``language`` writes it."""
    key = _keys.KEYS[name]
    return key.dutch if language == "nl" and key.dutch else name


def _value_word(word: str, language: str) -> str:
    """A word inside values (``everyone``, ``meeting``...) as ``language`` writes it."""
    return _keys.WORDS[word][0] if language == "nl" else word


def _words(language: str) -> dict[str, str]:
    """Every block keyword and the words the examples use, in ``language``: what the messages' placeholders take."""
    words = {block.keyword: _keyword(block.keyword, language) for block in _keys.BLOCKS.values() if block.keyword}
    words["recipe"] = _key("recipe", language)
    words["meetings"] = _value_word("meetings", language)
    return words


_BLOCK_EXAMPLES = {
    "role": N_("write `{role} ID: Name`, e.g. `{role} voorzitter: Gespreksleider`"),
    "phase": N_("write `{phase} Title (time box)`, e.g. `{phase} Informatieve vragen (15 min)`"),
    "checkpoint": N_("write `{checkpoint} Title (time box)`, e.g. `{checkpoint} Verder of stoppen? (5 min)`"),
    "rounds": N_("write `{rounds} N: Title`, e.g. `{rounds} 1-2: Beurt van een inbrenger`"),
    "trajectory": N_("write `{trajectory}` alone on its line, with its fields indented below it"),
    "stage": N_("write `{stage} Title ({meetings} A-B)` inside the `{trajectory}`"),
    "meeting": N_("write `{meeting} ID: Title (time box)` inside the `{trajectory}`"),
}


def block_example(written: str) -> str:
    """How to write the first line of the block ``written`` starts (any spelling), in the recipe's keywords."""
    keyword = KEYWORD_SPELLINGS.get(written, written)
    return _shown(_BLOCK_EXAMPLES[keyword], **_words(_language(written)))


def _takes(name: str, language: str) -> str:
    """What the key ``name`` takes, with examples in ``language``."""
    kind = _keys.KEYS[name].kind
    nl = language == "nl"
    if kind is _keys.ID:
        return _("a lower-case id such as `vragen`")
    if kind is _keys.RANGE:
        return _("a number or a range such as `4-7`")
    if kind is _keys.DURATION:
        return _("a duration such as `90 min`, `1 h 30 min`, `1h30` or `2,5 uur`")
    if kind is _keys.PERIOD:
        return _(
            "a period such as {examples}",
            examples=_or(
                ["`2-4 weken`", "`1 maand`", "`6 maanden`"] if nl else ["`2-4 weeks`", "`1 month`", "`6 months`"]
            ),
        )
    if kind is _keys.BOOL:
        return _or(["`ja`", "`nee`"] if nl else ["`yes`", "`no`"])
    if kind is _keys.ROLES:
        return _("role ids separated by commas, or {everyone}", everyone=f"`{_value_word('everyone', language)}`")
    if kind is _keys.WHEN:
        forms = (
            [
                *("bijeenkomst 1", "bijeenkomsten 4-7", "vanaf bijeenkomst 2", "tot en met bijeenkomst 3"),
                *("eerste bijeenkomst", "laatste bijeenkomst"),
            ]
            if nl
            else ["meeting 1", "meetings 4-7", "from meeting 2", "until meeting 3", "first meeting", "last meeting"]
        )
        return _or([f"`{form}`" for form in forms])
    if kind is _keys.AT:
        forms = (
            ["voor bijeenkomst 1", "na bijeenkomst 1", "3 maanden na laatste bijeenkomst"]
            if nl
            else ["before meeting 1", "after meeting 1", "3 months after last meeting"]
        )
        return _or([f"`{form}`" for form in forms])
    if kind is _keys.MEETINGS:
        return _("a number of meetings, or `open`")
    return _("a text")


def _then(first: str, then: str) -> str:
    """Two sentences of a hint: the second starts with a capital after a question (`did you mean ...? A line ...`)."""
    if first.endswith("?") and then[:1].isalpha():
        then = then[0].upper() + then[1:]
    return f"{first} {then}"


def _shown(message: str, **values: object) -> str:
    """A message marked with ``N_`` in a table, translated now that it is shown."""
    return CATALOGUE.gettext(message, **values)


def _or(items: list[str]) -> str:
    """``a, b or c`` in the message language."""
    if len(items) == 1:
        return items[0]
    first = ", ".join(items[:-1])
    return _("{items} or {last}", items=first, last=items[-1])


def _unit_of(name: str, language: str) -> str:
    """The unit a bare number of key ``name`` is shown with in a hint."""
    unit = _keys.KEYS[name].unit if name in _keys.KEYS else "min"
    if language == "nl":
        return {"weeks": "weken", "months": "maanden"}.get(unit, unit)
    return unit


# ------------------------------------------------------------------ messages


def lookalike_error(char: str, position: Position, line: str | None = None) -> RecipeSyntaxError:
    """The message for a character that only looks like a space or a hyphen."""
    known = _LOOKALIKES.get(char)
    name = _shown(known) if known else _("the character {name}", name=unicodedata.name(char, f"U+{ord(char):04X}"))
    plain = _("a plain hyphen `-`") if char in _DASHES else _("an ordinary space")
    hint = _(
        "replace it with {plain}; word processors and web pages insert such characters when you paste", plain=plain
    )
    if line is not None and line.strip():
        mended = re.sub(f"[{_DASHES}]", "-", line) if char in _DASHES else line.replace(char, " ")
        hint = _(
            "replace it with {plain}: {line}; word processors and web pages insert such characters when you paste",
            plain=plain,
            line=f"`{mended.strip()}`",
        )
    return RecipeSyntaxError(
        _("this line contains {name} where {plain} belongs", name=name, plain=plain), position, hint=hint
    )


def glued_keyword_error(keyword: str, line: str, position: Position) -> RecipeSyntaxError:
    """A block keyword (any spelling) with no space after it (`phasenbrenger`): say so, show the line with the space."""
    word = line.split()[0]
    if word[len(keyword) :] in (keyword[-1], "s", "n") and line[len(word) : len(word) + 1] == " ":
        # `fasee A (5 min)`, `fases A`, `phases A`: the keyword misspelt (a letter doubled, a plural), not glued.
        return RecipeSyntaxError(
            _("`{word}` is neither a key nor a block keyword", word=word),
            position,
            hint=_then(_("did you mean {word}?", word=f"`{keyword}`"), block_example(keyword)),
        )
    mended = f"{keyword} {line[len(keyword) :]}"
    hint = _("put a space after `{keyword}`: {line}", keyword=keyword, line=f"`{mended}`")
    head, colon, rest = mended.partition(":")
    name = head.split()[1:]
    if KEYWORD_SPELLINGS.get(keyword) in ("role", "meeting") and len(name) > 1:
        # `rolekt voorzitter: X`: the id is the last word before the colon; the line with it alone.
        hint += "; " + _(
            "a {keyword} has one id before its colon: {line}",
            keyword=keyword,
            line=f"`{keyword} {name[-1]}{colon}{rest}`",
        )
    return RecipeSyntaxError(
        _("`{word}` is `{keyword}` glued to `{rest}`", word=word, keyword=keyword, rest=word[len(keyword) :]),
        position,
        hint=f"{hint}; {block_example(keyword)}",
    )


def keyword_colon_error(written: str, line: str, position: Position) -> RecipeSyntaxError:
    """`phase: Vragen (10 min)`: a block keyword written as a key. The hint is the line without the colon."""
    head, _colon, rest = line.strip().partition(":")
    fixed = f"{head.strip()} {rest.strip()}".strip()
    keyword = KEYWORD_SPELLINGS[written]
    # A phase's, checkpoint's or stage's line is right without the colon; the others have one after their id.
    plain = keyword in ("phase", "checkpoint", "stage") and rest.strip()
    hint = _("write {line}", line=f"`{fixed}`") if plain else block_example(written)
    count = re.search(r"\d+", rest)
    if keyword == "trajectory" and count:  # `traject: 8 bijeenkomsten`: the number is the field below it
        meetings = _key("meetings", _language(written))
        hint = _(
            "write {keyword} alone on its line, and the number of meetings indented below it: {field}",
            keyword=f"`{written}`",
            field=f"`  {meetings}: {count.group(0)}`",
        )
    return RecipeSyntaxError(_("`{keyword}` starts a block and takes no colon", keyword=written), position, hint=hint)


def explain_line(token: Line, start: str, path: str | None) -> RecipeSyntaxError:
    """The message for a line the builder's quick reader refused, from where lark's line grammar stops."""
    from lark.exceptions import UnexpectedInput, VisitError

    from methodengine.language.parser import line_parser

    text = token.text
    with _lock:
        reader = meaning()
        reader.line, reader.path = token, path
        try:
            line_parser().parse(text + "\n", start=start)
        except VisitError as exc:
            if isinstance(exc.orig_exc, RecipeError):
                error = exc.orig_exc
                spoken = spoken_range_error(text, token.number, error.position, path) if error.position else None
                return spoken or error  # type: ignore[return-value]
            raise
        except UnexpectedInput as exc:
            column = exc.column if exc.column and exc.column > 0 else len(text) + 1
            return _explain(text, token.number, column, _expected(exc), _found(exc, text, column), path)
        finally:
            reader.line = reader.path = None
    return RecipeSyntaxError(  # the quick reader and the grammar disagree: a bug, but never a traceback
        _("this line cannot be read"),
        Position(path, token.number, token.column),
        hint=_("please report this line to methodengine's maintainers; rewriting it may help meanwhile"),
    )


_lock = threading.Lock()
_meanings: list[Any] = []


def meaning() -> Any:
    """The transformer lark calls as it reduces a line's values: durations and periods are read for what they say.

    lark reduces a value before it looks past it, so `duration: 90 minut)` is an unknown unit,
    as it was when lark read the whole recipe, rather than an unexpected `)`.
    """
    if _meanings:
        return _meanings[0]
    from lark import Transformer

    from methodengine.language import values

    class Meaning(Transformer):  # type: ignore[type-arg]
        line: Line | None = None  # None: the grammar alone, as the tests ask it
        path: str | None = None

        def _span(self, children: list[Any]) -> tuple[str, int]:
            tokens = list(_tokens(children))
            start, end = tokens[0].start_pos, tokens[-1].end_pos
            assert self.line is not None
            return self.line.text[start:end], start + 1

        def duration(self, children: list[Any]) -> list[Any]:
            if self.line is None:
                return children
            text, column = self._span(children)
            values.duration(text, column, self.line, self.path)
            return children

        def period(self, children: list[Any]) -> list[Any]:
            if self.line is None:
                return children
            text, column = self._span(children)
            match = values.PERIOD.fullmatch(text)
            if match is not None:
                values.period(match, self.line, self.path, column)
            return children

    _meanings.append(Meaning())
    return _meanings[0]


def _tokens(children: list[Any]) -> Any:
    for child in children:
        if isinstance(child, list):
            yield from _tokens(child)
        elif hasattr(child, "children"):
            yield from _tokens(child.children)
        else:
            yield child


def unexpected_line(token: Line, expected: set[str], unfinished: Line | None, path: str | None) -> RecipeSyntaxError:
    """The message for a line (or indentation) the recipe's grammar does not expect where it stands."""
    if unfinished is not None:
        return _unfinished_block(unfinished, path)
    words = _words(_language())
    if token.type == "$END":
        return RecipeSyntaxError(
            _("the recipe ends in the middle of a block"),
            Position(path, token.number, 1),
            hint=_(
                "finish the last block: a `{rounds}` block needs at least one phase, "
                "a `{trajectory}` at least one field",
                **words,
            ),
        )
    if token.type == "_INDENT":
        return _explain(token.text, token.number, token.column, expected, "_INDENT", path)
    if token.type == "_DEDENT":
        return RecipeSyntaxError(
            _("the block ends too soon"),
            Position(path, token.number, token.column),
            hint=_("a `{rounds}` block needs at least one phase, a `{trajectory}` at least one field", **words),
        )
    return line_start_error(token.text.split(None, 1)[0], token.text, Position(path, token.number, token.column))


def line_start_error(word: str, line: str, position: Position) -> RecipeSyntaxError:
    """The message for a line that cannot start where it stands, or cannot start a line at all.

    A key followed by a character that only looks like a space (`meetings\u00a0: 6`) is that character's fault.
    """
    after = position.column - 1 + len(word)
    if word in SPELLINGS and after < len(line) and line[after] in _LOOKALIKES:
        return lookalike_error(line[after], Position(position.path, position.line, after + 1), line)
    return _explain(line, position.line, position.column, {"FIELD"}, word, position.path)


def _explain(
    line: str, line_no: int, column: int, expected: set[str], found: str, path: str | None
) -> RecipeSyntaxError:
    """The message for line ``line_no`` going wrong at ``column``, where ``found`` stands and ``expected`` would do."""
    position = Position(path, line_no, column)
    char = line[column - 1] if column <= len(line) else ""

    at_line_start = column == len(line) - len(line.lstrip()) + 1
    if char in _LOOKALIKES:
        return lookalike_error(char, position, line)
    if found == "_INDENT":
        return RecipeSyntaxError(
            _("unexpected indentation"),
            position,
            hint=_("indent only the fields of a block, or the continuation of a text, below the line they belong to"),
        )
    key_match = _KEY_LINE.match(line)
    word_match = _FIRST_WORD.match(line)
    first_word = word_match.group(1) if word_match else ""
    word = _word_at(line, column)
    keyword = KEYWORD_SPELLINGS.get(first_word)
    indent = len(line) - len(line.lstrip())
    key_position = Position(path, line_no, indent + 1)

    fraction = _fraction_error(line, line_no, column, path)
    if fraction is not None:
        return fraction

    if _is_bad_id(word, line, column, expected):
        named = _role_named(word)
        if named is not None and not line.lstrip().startswith(tuple(_spellings_of("role"))):
            # `leidt: Gespreksleider`: the name of role `voorzitter`; a phase names its roles by id.
            at = column - 1 - len(line[: column - 1]) + len(line[: column - 1].rstrip(_WORD_CHARS))
            return RecipeSyntaxError(
                _("`{word}` is the name of role `{id}`; roles are named by their id", word=word, id=named),
                Position(path, line_no, at + 1),
                hint=_("write {line}", line=f"`{(line[:at] + named + line[at + len(word) :]).strip()}`"),
            )
        mended = _as_id(word)
        return RecipeSyntaxError(
            _("`{word}` is not a valid id", word=word),
            Position(path, line_no, column),
            hint=_(
                "write {id}: ids use only lower-case letters a-z, digits, `-` and `_`; "
                "the name after the colon may be written any way you like",
                id=f"`{mended}`",
            )
            if mended
            else _(
                "ids use only lower-case letters a-z, digits, `-` and `_` (write `client`, not `cliënt`); "
                "the name after the colon may be written any way you like"
            ),
        )

    glued = _glued_keyword(first_word)
    if glued:
        return glued_keyword_error(glued, line.strip(), key_position)

    if at_line_start and found != "_NL":
        return _misplaced_line(word, line, position)

    before = _LAST_NUMBER.search(line[: column - 1])
    if before and re.fullmatch(r"\d+(?:[.,]\d+)?", found):
        return RecipeSyntaxError(
            _("the number {number} has no unit", number=before.group(1)),
            Position(path, line_no, before.start(1) + 1),
            hint=_("write it with a unit, e.g. {example}", example=f"`{before.group(1)} min`"),
        )

    if keyword in ("phase", "checkpoint") and "LPAR" in expected and found == "_NL":
        return _no_timebox(first_word, line, position)

    if (
        keyword in ("role", "meeting")
        and bool(expected & {"TEXT", "TITLE"})
        and found == "_NL"
        and line.rstrip()[-1:] == ":"
    ):
        ident = line.strip()[len(first_word) :].strip().rstrip(":").strip()
        # The name the id suggests (`rol deelnemer:`: `Deelnemer`); a meeting also has its time box.
        named = ident.replace("-", " ").replace("_", " ").capitalize() or "Gespreksleider"
        example = named if keyword == "role" else f"{named} (60 min)"
        return RecipeSyntaxError(
            _("{keyword} `{id}` has no name", keyword=first_word, id=ident),
            position,
            hint=_("write the name after the colon: {line}", line=f"`{first_word} {ident}: {example}`"),
        )

    if key_match:
        key = key_match.group(1)
        value = key_match.group(2)
        if key in KEYWORD_SPELLINGS:
            return keyword_colon_error(key, line, key_position)
        # The first word up to its colon: `group:a` is the key `group` glued to its value.
        written_key = first_word.split(":", 1)[0]
        if key not in SPELLINGS and not key.startswith("x-") and written_key == key:
            return unknown_key_error(key, key_position)
        if written_key == key:
            return _bad_value(key, value, line, line_no, found, expected, position, path)

    if keyword == "meeting" and re.fullmatch(r"\d+(?:-\d+)?", found) and "ID" in expected:
        # `bijeenkomst 8` in the trajectory: the number of meetings, which is the key `bijeenkomsten:`.
        language = _language(first_word)
        rest = line.strip()[len(first_word) :].strip()
        return RecipeSyntaxError(
            _("`{keyword}` starts an extra meeting, which has an id, not a number", keyword=first_word),
            position,
            hint=_(
                "for the number of meetings write {field}; an extra meeting is {example}",
                field=f"`{_key('meetings', language)}: {rest}`",
                example=f"`{first_word} {_EXAMPLE_ID[language]}`",
            ),
        )
    if keyword and char == ":" and column == len(line.rstrip()):
        # `fase Vragen (10 min):`, as a heading is written: the block's line ends without it.
        return RecipeSyntaxError(
            _("a `{keyword}` line ends without a colon", keyword=first_word),
            position,
            hint=_("leave out the colon at the end: {line}", line=f"`{line.strip()[:-1].rstrip()}`"),
        )
    if keyword in ("phase", "checkpoint", "meeting") and "PER" in expected and found[:1].isalpha():
        # `(5 min voor iedereen)`, `(5 min each)`: a time per person is written with `per` and a role.
        box = re.search(r"\(([^()]*?)\s*" + re.escape(found), line)
        example = f"`({box.group(1)} per deelnemer)`" if box else "`(5 min per deelnemer)`"
        return RecipeSyntaxError(
            _("unexpected `{found}` in the time box", found=found),
            position,
            hint=_("a time per person is written with `per` and a role id: {example}", example=example),
        )
    number = _number_word(line, line_no, column, found, path)
    if number is not None:
        return number
    spoken = spoken_range_error(line, line_no, position, path)
    if spoken is not None:
        return spoken
    if keyword == "stage" and re.fullmatch(r"\d+", found):
        # `etappe Kennismaken (1-2)`: the meetings of a stage are named with the word for them.
        meetings = _value_word("meetings", _language(first_word))
        mended = re.sub(r"\(\s*(?=\d)", f"({meetings} ", line.strip(), count=1)
        return RecipeSyntaxError(
            _(
                "the meetings of a {keyword} are written with the word {meetings}",
                keyword=first_word,
                meetings=f"`{meetings}`",
            ),
            position,
            hint=_("write {line}", line=f"`{mended}`"),
        )
    shown = _("the line ends too soon") if found == "_NL" else _("unexpected `{found}`", found=found)
    if keyword:
        shown = (
            _("the line ends too soon in a `{keyword}` line", keyword=first_word)
            if found == "_NL"
            else _("unexpected `{found}` in a `{keyword}` line", found=found, keyword=first_word)
        )
    wanted = _describe(expected)
    if wanted:
        shown = _("{message}; expected {expected}", message=shown, expected=wanted)
    return RecipeSyntaxError(
        shown,
        position,
        hint=block_example(first_word)
        if keyword
        else _(
            "a line is `key: value`, a block keyword with its title, or a text's indented continuation; "
            "see the language reference"
        ),
    )


def meeting_without_keyword(key: str, line: str, position: Position) -> RecipeSyntaxError | None:
    """`  intake: Intakegesprek (30 min)` in a trajectory: an extra meeting's line without its keyword, or None.

    For the unknown-key message of a trajectory (fields.py): the line is `id: Title (time box)`, so the
    fix is the keyword in front, not a key of nearly that spelling.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_-]*", key):
        return None
    head = re.fullmatch(r"\s*[a-z][a-z0-9_-]*\s*:\s*[^\W\d_][^(]*(?:\([^()]*\))?\s*", line)
    if head is None:
        return None
    meeting = _keyword("meeting", _language())
    return RecipeSyntaxError(
        _("`{key}` is no key of a trajectory; is it an extra meeting?", key=key),
        position,
        hint=_(
            "an extra meeting starts with {keyword}: {line}", keyword=f"`{meeting}`", line=f"`{meeting} {line.strip()}`"
        ),
    )


def unknown_key_error(key: str, position: Position) -> RecipeSyntaxError:
    """A key no block takes: what was meant, in the recipe's keywords, or where the keys are listed."""
    found = meant(key, [KEY, KEYWORD])
    suggestion = ""
    if found is not None:
        suggestion = _("did you mean {word}?", word=f"`{found[1]}`")
        if found[0] == KEYWORD:
            suggestion = _("did you mean {word}? It starts a block and takes no colon", word=f"`{found[1]}`")
    hint = _("see the table of keys in the language reference")
    return RecipeSyntaxError(
        _("unknown key `{key}`", key=key), position, hint=_then(suggestion, hint) if suggestion else hint
    )


def _bad_value(
    key: str,
    value: str,
    line: str,
    line_no: int,
    found: str,
    expected: set[str],
    position: Position,
    path: str | None,
) -> RecipeSyntaxError:
    name = SPELLINGS[key].name if key in SPELLINGS else key
    language = _language(key)
    wants = _takes(name, language) if name in _keys.KEYS else _("a text")
    takes = _("`{key}` takes {what}", key=key, what=wants)
    if not value.strip():
        return RecipeSyntaxError(_("`{key}:` has no value", key=key), position, hint=takes)
    if found == "_NL" and "UNIT" in expected:
        number = _LAST_NUMBER.search(line)
        if number:
            unit = _unit_of(name, language)
            return RecipeSyntaxError(
                _("the number {number} has no unit", number=number.group(1)),
                Position(path, line_no, number.start(1) + 1),
                hint=_(
                    "write it with a unit, e.g. {example}; {takes}",
                    example=f"`{number.group(1)} {unit}`",
                    takes=takes,
                ),
            )
    if found == "_NL":
        return RecipeSyntaxError(_("the value of `{key}` is incomplete", key=key), position, hint=takes)
    number = _number_word(line, line_no, position.column, found, path)
    if number is not None:
        return number
    word = _word_at(line, position.column) or found
    written = _Value(key, name, value, line, line_no, position, path)
    for mend in (_spoken_range, _ordinal_meeting, _with_article, _meetings_with_and, _roles_with_and):
        mended = mend(written)
        if mended is not None:
            word, position, hint = mended
            break
    else:
        hint = _second_guess(written, word, takes)
    return RecipeSyntaxError(_("unexpected `{word}` in the value of `{key}`", word=word, key=key), position, hint=hint)


class _Value(NamedTuple):
    """A value that could not be read, as written: what the menders below look at."""

    key: str
    name: str
    value: str
    line: str
    line_no: int
    position: Position
    path: str | None


_Mended = tuple[str, Position, str]
"""The word at fault, where it stands, and the hint that shows the line mended."""


def spoken_range_error(line: str, line_no: int, position: Position, path: str | None) -> RecipeSyntaxError | None:
    """`fase A (10 tot 15 min)`, `etappe X (bijeenkomsten 3 t/m 5)`: a range as a sentence says it, in a block line."""
    mended = _spoken_range(_Value("", "", "", line, line_no, position, path))
    if mended is None:
        return None
    word, where, hint = mended
    return RecipeSyntaxError(_("a range is written with a hyphen, not `{word}`", word=word), where, hint=hint)


def _spoken_range(v: _Value) -> _Mended | None:
    """`groep: 4 tot 7`, `elke: 2 à 3 weken`: a range as a sentence says it; the recipe writes `4-7`."""
    connector = _RANGE_WORDS.search(v.line)
    if connector is None or not connector.start() <= v.position.column - 1 <= connector.end():
        return None
    ranged = v.line[: connector.start()] + f"{connector.group(1)}-{connector.group(3)}" + v.line[connector.end() :]
    return (
        connector.group(2),
        Position(v.path, v.line_no, connector.start(2) + 1),
        _("write the range with a hyphen: {line}", line=f"`{ranged.strip()}`"),
    )


_ORDINALS = {
    **dict.fromkeys(("tweede", "second"), 2),
    **dict.fromkeys(("derde", "third"), 3),
    **dict.fromkeys(("vierde", "fourth"), 4),
    **dict.fromkeys(("vijfde", "fifth"), 5),
    **dict.fromkeys(("zesde", "sixth"), 6),
    **dict.fromkeys(("zevende", "seventh"), 7),
    **dict.fromkeys(("achtste", "eighth"), 8),
    **dict.fromkeys(("negende", "ninth"), 9),
    **dict.fromkeys(("tiende", "tenth"), 10),
}
_ORDINAL = re.compile(r"(?:\b(?:de|het|the)\s+)?\b(\d+(?:ste|de|e|st|nd|rd|th)|[^\W\d_]+)\s+([^\W\d_]+)", re.IGNORECASE)


def _ordinal_meeting(v: _Value) -> _Mended | None:
    """`vanaf de 2e bijeenkomst`, `de derde bijeenkomst`: a meeting by its place; the recipe writes `bijeenkomst 2`."""
    if _keys.KEYS[v.name].kind not in (_keys.WHEN, _keys.AT):
        return None
    meetings = {*_keys.WORDS["meeting"], "meeting"}
    at = 0
    while (match := _ORDINAL.search(v.value, at)) is not None:
        at = match.start(1) if match.start(1) > match.start() else match.end(1)  # every word may start one
        ordinal, meeting = match.group(1), match.group(2)
        digits = re.match(r"\d+", ordinal)
        number = int(digits.group(0)) if digits else _ORDINALS.get(ordinal.lower())
        if number is None or meeting.lower() not in meetings:
            continue
        value = v.value[: match.start()] + f"{meeting} {number}" + v.value[match.end() :]
        hint = _("a meeting is named by its number: {line}", line=f"`{v.key}: {' '.join(value.split())}`")
        where = v.line.index(":") + 1 + match.start(1)
        return ordinal, Position(v.path, v.line_no, where + 1), hint
    return None


def _with_article(v: _Value) -> _Mended | None:
    """`na de laatste bijeenkomst`, `buiten: de inbrenger`, as a sentence says it: written without the article."""
    kind = _keys.KEYS[v.name].kind
    article = re.search(r"(?:^|\s)(de|het|the)\s", f" {v.value.strip()} ", re.IGNORECASE)
    if kind not in (_keys.WHEN, _keys.AT, _keys.ROLES) or article is None:
        return None
    word = article.group(1)
    without = re.sub(rf"(^|\s){word}\s", r"\1", v.value.strip() + " ", count=1).strip()
    hint = _("leave out `{word}`: {line}", word=word, line=f"`{v.key}: {without}`")
    colon = v.line.index(":")
    at = re.search(rf"(?<=[\s:]){word}(?=\s)", v.line[colon:])
    if kind is _keys.ROLES and at is not None:  # read as a role id, the article is what is wrong
        return word, Position(v.path, v.line_no, colon + at.start() + 1), hint
    return _word_at(v.line, v.position.column) or word, v.position, hint


def _meetings_with_and(v: _Value) -> _Mended | None:
    """`wanneer: bijeenkomst 1 en 2`: each meeting is its own, separated by commas."""
    both = re.fullmatch(r"\s*([^\W\d_]+)\s+(\d+)\s+(?:en|and|&)\s+(\d+)\s*", v.value)
    if _keys.KEYS[v.name].kind is not _keys.WHEN or both is None:
        return None
    meeting, first, second = both.groups()
    hint = _("separate the meetings with commas: {line}", line=f"`{v.key}: {meeting} {first}, {meeting} {second}`")
    return _word_at(v.line, v.position.column), v.position, hint


def _roles_with_and(v: _Value) -> _Mended | None:
    """`spreekt: deelnemer en inbrenger`: roles are listed with commas."""
    word = _word_at(v.line, v.position.column)
    if _keys.KEYS[v.name].kind is not _keys.ROLES or word.lower() not in ("en", "and", "&"):
        return None
    listed = re.sub(r"\s+(?:en|and|&)\s+", ", ", v.value.strip(), flags=re.IGNORECASE)
    return word, v.position, _("separate the roles with commas: {line}", line=f"`{v.key}: {listed}`")


def _second_guess(v: _Value, word: str, takes: str) -> str:
    """The hint when no mender knows the line: what the key takes, and what may have been meant."""
    if word[:1].isalpha() and _keys.KEYS[v.name].kind is not _keys.TEXT:
        slip = meant(word, [VALUE], cutoff=0.75)
        if slip is not None:  # `wanneer: laaste bijeenkomst`, `optioneel: jaa`: a value word misspelt
            return _then(_("did you mean {word}?", word=f"`{slip[1]}`"), takes)
    if v.line[:1] not in (" ", "\t"):
        if v.name in _keys.BLOCK_KEYS["the header"]:
            return takes
        # A block's key in the header (`facilitator: 1`): the header's own key of nearly that name.
        header = meant(v.key, [KEY], among=_keys.BLOCK_KEYS["the header"])
        return _("{takes}; in the header, did you mean `{key}`?", takes=takes, key=header[1]) if header else takes
    # A text where a number belongs may mean a text key of nearly the same name: `group:` for `groups:`.
    near = meant(v.key, [KEY], among=_keys.TEXT_KEYS - {v.name})
    if near and _close(v.key, near[1]) and not v.value.strip()[:1].isdigit():
        return _("{takes}; or did you mean `{key}`?", takes=takes, key=near[1])
    return takes


_NUMBER_WORDS = {
    **dict.fromkeys(("een", "één", "one"), 1),
    **dict.fromkeys(("twee", "two"), 2),
    **dict.fromkeys(("drie", "three"), 3),
    **dict.fromkeys(("vier", "four"), 4),
    **dict.fromkeys(("vijf", "five"), 5),
    **dict.fromkeys(("zes", "six"), 6),
    **dict.fromkeys(("zeven", "seven"), 7),
    **dict.fromkeys(("acht", "eight"), 8),
    **dict.fromkeys(("negen", "nine"), 9),
    **dict.fromkeys(("tien", "ten"), 10),
    **dict.fromkeys(("twaalf", "twelve"), 12),
}
"""Numbers as a sentence writes them; a recipe writes digits."""


def _number_word(line: str, line_no: int, column: int, found: str, path: str | None) -> RecipeSyntaxError | None:
    """`rondes twee: Beurt`, `aantal: twee`, `duur: twee uur`: a number in words, where digits belong."""
    word = _word_at(line, column)
    number = _NUMBER_WORDS.get(word.lower())
    if number is None or not found.lower().startswith(word.lower()):
        return None
    start = column - 1
    while start > 0 and line[start - 1].isalpha():
        start -= 1
    # Every number in words, and a range said as one (`een of twee`: `1-2`).
    end = line.find(":", start)
    end = len(line) if end < 0 else end  # `rondes twee: Beurt twee`: the title after the colon stays as written
    digits = re.sub(r"[^\W\d_]+", lambda m: str(_NUMBER_WORDS.get(m.group(0).lower(), m.group(0))), line[start:end])
    mended = (_RANGE_WORDS.sub(lambda m: f"{m.group(1)}-{m.group(3)}", line[:start] + digits) + line[end:]).strip()
    return RecipeSyntaxError(
        _("`{word}` is a number written in words", word=word),
        Position(path, line_no, start + 1),
        hint=_("write it in digits: {line}", line=f"`{mended}`"),
    )


_WORD_CHARS = "".join(chr(c) for c in range(0x30, 0x7B) if chr(c).isalnum()) + "_-éëèêïíóöüúàáâäçñ"


def _spellings_of(keyword: str) -> list[str]:
    return [spelling for spelling, meant_keyword in KEYWORD_SPELLINGS.items() if meant_keyword == keyword]


def _role_named(name: str) -> str | None:
    """The id of the recipe's role called ``name`` (`rol voorzitter: Gespreksleider`), from the text being read."""
    from methodengine._suggest import recipe_text

    text = recipe_text()
    if not text:
        return None
    keywords = "|".join(re.escape(spelling) for spelling in _spellings_of("role"))
    for match in re.finditer(rf"(?m)^[ \t]*(?:{keywords})[ \t]+([a-z][a-z0-9_-]*)[ \t]*:[ \t]*(.+?)[ \t]*$", text):
        if match.group(2).lower() == name.lower():
            return match.group(1)
    return None


def _as_id(word: str) -> str:
    """``word`` as an id (`Deelnemer`: `deelnemer`, `cliënt`: `client`), or empty when it does not become one."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()
    return plain if re.fullmatch(r"[a-z][a-z0-9_-]*", plain) else ""


def _close(written: str, other: str) -> bool:
    """Nearly the same word (`group` and `groups`), as a second guess after the value's hint must be."""
    import difflib

    return difflib.SequenceMatcher(None, written, other).ratio() >= 0.85


def _fraction_error(line: str, line_no: int, column: int, path: str | None) -> RecipeSyntaxError | None:
    """A fraction character at or before the column: `1 ½ uur`, `1½` without a unit, `1¼ uur`.

    A half glued to its number (`1½ uur`) is a duration; other fractions are written with a decimal comma.
    """
    for at, char in enumerate(line[:column]):
        if ord(char) < 0x80 or char.isdigit() or not char.isnumeric():
            continue
        whole = re.search(r"(\d+)(\s*)$", line[:at])
        unit = re.match(r"\s*([^\W\d_]+\.?)", line[at + 1 :])
        amount = (int(whole.group(1)) if whole else 0) + unicodedata.numeric(char)
        decimal = f"{amount:g}".replace(".", ",")
        number = (whole.group(1) if whole else "") + char
        start = whole.start(1) if whole else at
        where = Position(path, line_no, start + 1)

        def written_as(amount: str, line: str = line, start: int = start, at: int = at) -> str:
            return f"`{(line[:start] + amount + line[at + 1 :]).strip()}`"  # the line with the number mended

        if char == "½" and unit is None:
            return RecipeSyntaxError(
                _("the number {number} has no unit", number=number),
                where,
                hint=_("write it with a unit, e.g. {example}", example=f"`{number} uur`"),
            )
        if char == "½" and whole is not None and whole.group(2):
            return RecipeSyntaxError(
                _("`½` stands apart from the {number} before it", number=whole.group(1)),
                Position(path, line_no, at + 1),
                hint=_(
                    "write the half against the number: {glued} or {decimal}",
                    glued=written_as(number),
                    decimal=written_as(decimal),
                ),
            )
        return RecipeSyntaxError(
            _("`{char}` is not a number a recipe can read", char=char),
            Position(path, line_no, at + 1),
            hint=_("write the number with a decimal comma: {example}", example=written_as(decimal)),
        )
    return None


def _glued_keyword(first_word: str) -> str | None:
    """The block keyword ``first_word`` starts with, a letter following it: `phasenbrenger` is `phase` + `nbrenger`."""
    if ":" in first_word or first_word in KEYWORD_SPELLINGS or first_word in SPELLINGS:
        return None
    for spelling in KEYWORD_SPELLINGS:  # longest first: `bijeenkomst` before `bij...`
        if first_word.startswith(spelling) and first_word[len(spelling)].isalnum():
            return spelling
    return None


def _misplaced_line(word: str, line: str, position: Position) -> RecipeSyntaxError:
    """A line that cannot start here: a block in the wrong place, or an unknown word."""
    keyword = KEYWORD_SPELLINGS.get(word)
    words = _words(_language(word))
    if keyword in ("stage", "meeting"):
        return RecipeSyntaxError(
            _("a `{keyword}` belongs inside the `{trajectory}` block", keyword=word, trajectory=words["trajectory"]),
            position,
            hint=_(
                "indent it under a line `{trajectory}`; {example}",
                trajectory=words["trajectory"],
                example=block_example(word),
            ),
        )
    if keyword and position.column > 1:
        where = (
            _("a `{keyword}` stands at the top level or directly inside a `{rounds}` block", keyword=word, **words)
            if keyword in ("phase", "checkpoint")
            else _("a `{keyword}` stands at the top level", keyword=word)
        )
        return RecipeSyntaxError(
            _("a `{keyword}` cannot be nested here", keyword=word),
            position,
            hint=_("{where}; move it to the first column", where=where),
        )
    if keyword:
        return RecipeSyntaxError(_("a `{keyword}` cannot stand here", keyword=word), position, hint=block_example(word))
    phrase = _PHRASE_KEY.match(line)
    if phrase:
        written = phrase.group(1)
        found = meant(written, [KEY])
        if found is not None and found[1] in SPELLINGS:
            rest = phrase.group(2).strip()
            return RecipeSyntaxError(
                _("`{written}` is not a key", written=written),
                position,
                hint=_(
                    "did you mean {word}? write {line}", word=f"`{found[1]}`", line=f"`{found[1]}: {rest or '...'}`"
                ),
            )
    stripped = line.strip()
    word = next((s for s in SPELLINGS if " " in s and stripped.startswith(s + " ")), word)  # `let op Iets`
    if word in SPELLINGS:
        rest = stripped[len(word) :].strip()
        return RecipeSyntaxError(
            _("`{key}` needs a colon", key=word), position, hint=_("write {line}", line=f"`{word}: {rest or '...'}`")
        )
    pair = stripped.split(None, 2)
    joined = "".join(pair[:2]) if len(pair) > 1 else ""
    if joined in KEYWORD_SPELLINGS or joined in SPELLINGS:
        # `beslis moment Gaan we door?`: a keyword written as two words.
        rest = pair[2] if len(pair) > 2 else ""
        return RecipeSyntaxError(
            _("`{word}` is neither a key nor a block keyword", word=word),
            position,
            hint=_("did you mean {word}? write {line}", word=f"`{joined}`", line=f"`{joined} {rest}`".rstrip()),
        )
    found = meant(word.rstrip(":"), [KEYWORD, KEY])
    suggestion = _("did you mean {word}?", word=f"`{found[1]}`") if found else ""
    if found and keyword_language() is None:  # the keywords listed in the language of the one meant
        words = _words(_written_language(found[1]) or "en")
    listed = ", ".join(f"`{words[block.keyword]}`" for block in _keys.BLOCKS.values() if block.keyword)
    hint = _("a line is `key: value` or starts a block: {keywords}", keywords=listed)
    return RecipeSyntaxError(
        _("`{word}` is neither a key nor a block keyword", word=word),
        position,
        hint=_then(suggestion, hint) if suggestion else hint,
    )


def _no_timebox(keyword: str, line: str, position: Position) -> RecipeSyntaxError:
    title = line.strip()[len(keyword) :].strip()
    unbracketed = _TRAILING_TIME.match(title)
    if unbracketed:
        title, box = unbracketed.group(1).rstrip(" :-\u2013"), unbracketed.group(2)
        return RecipeSyntaxError(
            _("the time box of {keyword} `{title}` needs brackets", keyword=keyword, title=title),
            position,
            hint=_("write {line}", line=f"`{keyword} {title} ({box})`"),
        )
    return RecipeSyntaxError(
        _("{keyword} `{title}` has no time box", keyword=keyword, title=title),
        position,
        hint=_(
            "every {keyword} has a time box after its title: {example}",
            keyword=keyword,
            example=f"`{keyword} {title} (10 min)`",
        ),
    )


def _unfinished_block(line: Line, path: str | None) -> RecipeSyntaxError:
    """A `rounds` or `trajectory` line with nothing indented below it, reported at that line."""
    where = Position(path, line.number, 1)
    language = _language(line.key)
    if line.type == "ROUNDS":
        rounds = line.key or _keyword("rounds", language)
        return RecipeSyntaxError(
            _("the rounds block on line {number} has no phases", number=line.number),
            where,
            hint=_("indent the phases of a round under the `{rounds}` line", rounds=rounds),
        )
    every = "elke: 2-4 weken" if language == "nl" else "every: 2-4 weeks"
    return RecipeSyntaxError(
        _("the trajectory on line {number} has no fields", number=line.number),
        where,
        hint=_(
            "indent the trajectory's fields under it, e.g. {meetings} and {every}",
            meetings=f"`  {_key('meetings', language)}: 8`",
            every=f"`  {every}`",
        ),
    )


def _word_at(line: str, column: int) -> str:
    """The whole word around ``column``, so that messages name what was written."""
    start = column - 1
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_-"):
        start -= 1
    match = re.match(r"[^\s:(),]*", line[start:])
    return match.group(0) if match else ""


def _is_bad_id(word: str, line: str, column: int, expected: set[str]) -> bool:
    """An id with capitals or accents: the lexer stops inside it, or at its first letter."""
    if not word or not word[0].isalpha() or re.fullmatch(r"[a-z][a-z0-9_-]*", word):
        return False
    char = line[column - 1] if column <= len(line) else ""
    inside = word.index(char) > 0 if char and char in word else False
    return "ID" in expected or (inside and re.match(r"[a-z]", word) is not None)


def _expected(exc: Any) -> set[str]:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    if isinstance(exc, UnexpectedCharacters):
        allowed = set(exc.allowed or ())
        # The post-lexer makes lark accept a newline in every state; it is no real option here.
        return allowed - {"_NL"} if len(allowed) > 1 else allowed
    if isinstance(exc, UnexpectedToken):
        # When lark's contextual lexer gives up, it reports what the lexer state accepts, which
        # always includes the newline the post-lexer needs; with other options it is none.
        expected = set(exc.expected or ())
        return expected - {"_NL"} if len(expected) > 1 else expected
    return set()


def _found(exc: Any, line: str, column: int) -> str:
    from lark.exceptions import UnexpectedToken

    if isinstance(exc, UnexpectedToken):
        token = exc.token
        if token.type in ("_NL", "_INDENT", "_DEDENT"):
            return token.type
        return str(token)
    rest = line[column - 1 :]
    word = re.match(r"\w+|\S", rest)
    return word.group(0) if word else "_NL"


def _describe(expected: set[str]) -> str:
    """What lark would have accepted, as a trainer reads it: words in the recipe's language only, when it is known."""
    names: list[str] = []
    language = keyword_language()
    words = _word_languages()
    for name in sorted(expected - ({"HALF"} if "NUMBER" in expected else set())):  # `1½` is a number too
        if name.endswith("_KEY"):
            text = _("a key")
        elif name == "BOOL":
            text = _takes("facilitator", language or "en")
        elif name in _TERMINALS:
            text = _shown(_TERMINALS[name])
        else:
            word = _terminal_word(name)
            if language is not None and words.get(word, language) not in ("", language):
                continue  # `meetings` among `bijeenkomsten`, `gesprekken` in a Dutch recipe
            text = f"`{word}`"
        if text not in names:
            names.append(text)
    if len(names) > 1:
        return _or(names)
    return "".join(names)


def _terminal_word(name: str) -> str:
    """The word a terminal of the line grammar stands for (`BIJEENKOMST`, lark's `__ANON_0` for "meeting")."""
    from methodengine.language.parser import line_parser

    try:
        pattern = line_parser().get_terminal(name).pattern
    except KeyError:
        return name.lower()
    return pattern.value if pattern.type == "str" else name.lower()


def _word_languages() -> dict[str, str]:
    """Each word of values and block keywords with the language it is written in (``""``: both)."""
    from methodengine._suggest import word_languages

    return word_languages()


__all__ = [
    "block_example",
    "explain_line",
    "spoken_range_error",
    "glued_keyword_error",
    "keyword_colon_error",
    "line_start_error",
    "lookalike_error",
    "meaning",
    "meeting_without_keyword",
    "unexpected_line",
    "unknown_key_error",
]
