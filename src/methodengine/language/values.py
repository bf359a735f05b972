"""Reading what follows a key or block keyword: numbers, ranges, durations, periods, role lists, `when`, `at`.

Each value is read with one anchored regex over the line, at the column
where the value starts, so that every position in the model and in a
message is exact. The regexes accept what ``lines.lark`` accepts, no more
and no less (a test holds them to it); when one refuses a line, that
grammar is asked where the line goes wrong, for the message. Then the
value gets its meaning here: units become minutes, ranges are checked,
numbers are held to the limits.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from methodengine._suggest import DURATION_UNIT, PERIOD_UNIT, did_you_mean, keyword_language, suggest
from methodengine.errors import RecipeError, RecipeSyntaxError, RecipeValueError
from methodengine.i18n import N_, _, ngettext, translate
from methodengine.language import keys as _keys
from methodengine.language import units as _units
from methodengine.language.lexer import Line
from methodengine.limits import MAX_COUNT, MAX_MEETINGS, MAX_MINUTES
from methodengine.model import EVERYONE, Anchor, Duration, Period, Position, Range, Selector, TimeBox

if TYPE_CHECKING:
    from decimal import Decimal

_W = r"[ \t]*+"
_NUM = r"\d++(?:[.,]\d++)?+"
_HALF = r"(?>een[ \t]++half|\d*+[½¼¾]|anderhalf|een|één|half)"
"""A number as a trainer says it before a unit: `1½ uur`, `¼ uur`, `anderhalf uur`, `een kwartier`, `een half uur`."""
_ID = r"[a-z][a-z0-9_-]*+"
_UNIT = r"[^\W\d_½¼¾]++\.?+"
_RANGE = rf"{_NUM}{_W}(?:-{_W}{_NUM}{_W})?+"
_DURATION = rf"(?:(?:{_HALF}{_W}|{_RANGE}){_UNIT}{_W})++(?:{_NUM}{_W})?+"
_TIMEBOX = rf"\({_W}(?P<duration>{_DURATION})(?:per{_W}(?P<per>{_ID}){_W})?+\){_W}"
_TITLE = r"(?P<title>[^ \t(:][^(]*+)"
# The words inside values, English and Dutch (keys.WORDS): `meeting 1` is `bijeenkomst 1` or `gesprek 1`.
_MEETING = r"(?:meeting|bijeenkomst|gesprek)"
_MEETINGS = r"(?:meetings?+|bijeenkomst(?:en)?+|gesprek(?:ken)?+)"
_EVERYONE = ("everyone", "iedereen")

RANGE = re.compile(rf"{_W}(?P<low>{_NUM}){_W}(?:-{_W}(?P<high>{_NUM}){_W})?+")
DURATION = re.compile(rf"{_W}{_DURATION}")
PERIOD = re.compile(rf"{_W}(?:om{_W}de{_W})?+(?P<low>{_NUM}){_W}(?:-{_W}(?P<high>{_NUM}){_W})?+(?P<unit>{_UNIT}){_W}")
ID = re.compile(rf"{_W}(?P<id>{_ID}){_W}")
BOOL = re.compile(rf"{_W}(?P<bool>yes|no|ja|nee){_W}")
ROLE_ID = re.compile(rf"{_W}(?P<id>{_ID}){_W}")
MEETING_COUNT = re.compile(rf"{_W}(?:(?P<number>{_NUM})|open){_W}")
_SELECTOR = re.compile(
    rf"{_W}(?:{_MEETINGS}{_W}(?P<low>{_NUM}){_W}(?:-{_W}(?P<high>{_NUM}){_W})?+"
    rf"|(?P<edge>from|vanaf|until|tot{_W}en{_W}met){_W}{_MEETING}{_W}(?P<number>{_NUM}){_W}"
    rf"|(?:(?:de|the){_W})?+(?P<end>first|eerste|last|laatste){_W}{_MEETING}{_W})(?P<comma>,?+)"
)
_SAME = {
    "vanaf": "from",
    "eerste": "first",
    "laatste": "last",
    "voor": "before",
    "vóór": "before",
    "na": "after",
}
"""The Dutch words of `when` and `at` values, to the English ones the model holds."""

ROLE_HEAD = re.compile(rf"{_W}(?P<id>{_ID}){_W}:{_W}(?P<text>[^ \t].*)", re.DOTALL)
PHASE_HEAD = re.compile(rf"{_W}{_TITLE}{_TIMEBOX}")
ROUNDS_HEAD = re.compile(rf"{_W}(?P<low>{_NUM}){_W}(?:-{_W}(?P<high>{_NUM}){_W})?+:{_W}(?P<text>[^ \t].*)", re.DOTALL)
TRAJECTORY_HEAD = re.compile(_W)

# Compiled on first use (see __getattr__): most recipes have no `at:`, stage or extra meeting,
# and compiling these costs more than reading a small recipe.
_LATER = {
    "AT": rf"{_W}(?:(?P<low>{_NUM}){_W}(?:-{_W}(?P<high>{_NUM}){_W})?+(?P<unit>{_UNIT}){_W})?+"
    rf"(?P<relation>before|after|voor|vóór|na){_W}"
    rf"(?:{_MEETING}{_W}(?P<number>{_NUM})|(?:(?:de|the){_W})?+(?P<end>first|eerste|last|laatste){_W}{_MEETING}){_W}",
    "STAGE_HEAD": rf"{_W}{_TITLE}\({_W}{_MEETINGS}{_W}(?P<low>{_NUM}){_W}(?:-{_W}(?P<high>{_NUM}){_W})?+\){_W}",
    "MEETING_HEAD": rf"{_W}(?P<id>{_ID}){_W}:{_W}{_TITLE}(?:{_TIMEBOX})?+",
    "DURATION_PART": rf"(?:(?P<half>{_HALF}){_W}|(?P<low>{_NUM}){_W}(?:-{_W}(?P<high>{_NUM}){_W})?+)"
    rf"(?:(?P<unit>{_UNIT}){_W})?+",
}


def __getattr__(name: str) -> re.Pattern[str]:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    pattern = globals()[name] = re.compile(_LATER[name])
    return pattern


def _later(name: str) -> re.Pattern[str]:
    pattern = globals().get(name)
    return pattern if pattern is not None else __getattr__(name)


class Located(NamedTuple):
    value: Any
    position: Position


class Number(NamedTuple):
    """A number as written, and where."""

    text: str
    position: Position


class RawRange(NamedTuple):
    low: Number
    high: Number | None


def refused(line: Line, start: str, path: str | None) -> RecipeError:
    """The message for a line a quick reader refused: lark's line grammar says where it goes wrong."""
    from methodengine.language.syntax_errors import explain_line

    return explain_line(line, start, path)


def raw_range(match: re.Match[str], line: Line, path: str | None, offset: int) -> RawRange:
    low = Number(match["low"], Position(path, line.number, offset + match.start("low")))
    high = match["high"]
    if high is None:
        return RawRange(low, None)
    return RawRange(low, Number(high, Position(path, line.number, offset + match.start("high"))))


def number(token: Number) -> Decimal:
    """A number with a fraction or many digits, exactly: `9007199254740993` stays itself, 400 digits do not overflow.

    Imported here: most recipes have only small whole numbers, read as ints.
    """
    from decimal import Decimal

    return Decimal(token.text.replace(",", "."))


def _whole_minutes(text: str, scale: int) -> int | None:
    """`2,5` hours as 150 minutes with ints, exactly; None for a long number or minutes that are not whole.

    Most fractions in recipes are short and whole in minutes (`2,5 uur`); only the others need
    Decimal, whose import a check would otherwise pay for.
    """
    whole_part, _, fraction = text.replace(",", ".").partition(".")
    if not fraction or len(whole_part) >= 10 or len(fraction) >= 10:
        return None
    tenths = int(whole_part + fraction) * scale
    size = 10 ** len(fraction)
    return tenths // size if tenths % size == 0 else None


def too_large(token: Number, what: str, value: object, most: int) -> RecipeValueError:
    shown = str(value) if len(str(value)) <= 15 else f"{str(value)[:12]}..."
    return RecipeValueError(
        _(
            "{what} ({value}) is more than a recipe can plan (at most {most})",
            what=translate(what),
            value=shown,
            most=most,
        ),
        token.position,
        hint=_("check the number; recipes describe meetings of people, not of thousands"),
    )


def _minutes(count: object) -> str:
    """`90 minutes`, in the message language (``count`` may be a Decimal)."""
    return ngettext("{count} minute", "{count} minutes", 1 if count == 1 else 2, count=count)


def whole(token: Number, what: str, most: int = MAX_COUNT) -> int:
    text = token.text
    if text.isdigit() and len(text) < 10:
        value: Decimal | int = int(text)
    else:
        value = number(token)
    if value > most:
        raise too_large(token, what, text, most)
    if value != int(value):
        raise RecipeValueError(
            _("{what} must be a whole number, not {number}", what=translate(what), number=text),
            token.position,
            hint=_("write a whole number, such as {number}", number=int(value) or 1),
        )
    return int(value)


def checked_range(raw: RawRange, what: str, scale: int | None = None, least: int = 0, most: int = MAX_COUNT) -> Range:
    """A checked range; ``scale`` makes it minutes (60 for hours), which must be whole."""

    def convert(token: Number) -> int:
        if scale is None:
            value = whole(token, what, most)
            if value < least:
                raise RecipeValueError(
                    _("{what} must be at least {least}, not {number}", what=translate(what), least=least, number=value),
                    token.position,
                    hint=_("write a number from {least}", least=least),
                )
            return value
        text = token.text
        if text.isdigit() and len(text) < 10:
            minutes: Decimal | int = int(text) * scale
        else:
            exact = _whole_minutes(text, scale)
            minutes = number(token) * scale if exact is None else exact
        if minutes > MAX_MINUTES:
            raise too_large(token, what, _minutes(minutes), MAX_MINUTES)
        if minutes != int(minutes):
            assert not isinstance(minutes, int)
            raise RecipeValueError(
                _(
                    "{number} gives {minutes}; durations are whole minutes",
                    number=text,
                    minutes=_minutes(f"{minutes.normalize():f}"),
                ),
                token.position,
                hint=_("round to whole minutes, e.g. `1 h 15 min` or `75 min`"),
            )
        return int(minutes)

    low = convert(raw.low)
    high = convert(raw.high) if raw.high is not None else low
    if low > high:
        assert raw.high is not None
        raise RecipeValueError(
            _(
                "the range {range} runs backwards: its low end exceeds its high end",
                range=f"{raw.low.text}-{raw.high.text}",
            ),
            raw.low.position,
            hint=_("write the smaller number first: {range}", range=f"{raw.high.text}-{raw.low.text}"),
        )
    return Range(low, high)


def positive(raw: RawRange, what: str, most: int = MAX_COUNT) -> Range:
    """A count that may start at 0 (`0-2`: perhaps none) but not end there."""
    count = checked_range(raw, what, most=most)
    if count.high == 0:
        raise RecipeValueError(
            _("{what} cannot be 0", what=translate(what)),
            raw.low.position,
            hint=_("write how many there are, e.g. `1-2`; `0-2` if there may be none"),
        )
    return count


def unit_error(unit: str, position: Position, for_duration: bool, line: Line | None = None) -> RecipeError:
    """An unknown or misplaced unit; `10 tot 15 min` in ``line`` is a range said as a sentence, and told so."""
    if line is not None:
        from methodengine.language.syntax_errors import spoken_range_error

        spoken = spoken_range_error(line.text, line.number, position, position.path)
        if spoken is not None:
            return spoken
    known = [*_units.MINUTE_UNITS, *_units.HOUR_UNITS] if for_duration else list(_units.PERIOD_UNITS)
    shown = _units.units_shown(for_duration, keyword_language())
    suggestion = ""
    if for_duration and _units.period_unit(unit):
        message = _("`{unit}` is a calendar unit; a time box or meeting length is in minutes or hours", unit=unit)
    elif not for_duration and _units.minutes_per(unit):
        message = _("`{unit}` is too short for a cadence or span; use days, weeks, months or years", unit=unit)
    else:
        message = _("unknown unit `{unit}`", unit=unit)
        # In the recipe's keyword language, from every unit of that kind (`minuute`: `minuut`).
        suggestion = suggest(unit, [DURATION_UNIT if for_duration else PERIOD_UNIT]) or did_you_mean(unit, known)
    units = _("units here: {units}", units=shown)
    return RecipeValueError(message, position, hint=f"{suggestion} {_capital(units)}" if suggestion else units)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_SIMPLE_DURATION = re.compile(rf"{_W}(?P<low>\d{{1,4}}){_W}(?:-{_W}(?P<high>\d{{1,4}}){_W})?+(?P<unit>{_UNIT}){_W}")


def duration(text: str, start: int, line: Line, path: str | None) -> Located:
    """Hours, then minutes, each at most once: `2 h 30 min`, `1h30`, `90 min`; ``text`` starts at column ``start``."""
    simple = _SIMPLE_DURATION.fullmatch(text)
    if simple is not None and simple["unit"] in _units.MINUTE_UNITS:
        # The usual `10 min` or `10-15 min`, with nothing to check but that it is a range of at least a minute.
        low = int(simple["low"])
        high = int(simple["high"]) if simple["high"] is not None else low
        if 0 < high <= MAX_MINUTES and low <= high:
            return Located(Duration(Range(low, high)), Position(path, line.number, start + simple.start("low")))
    low = high = 0
    seen: list[int] = []
    first: Position | None = None
    previous = ""
    for part in _later("DURATION_PART").finditer(text):
        half = part["half"]
        where = Position(path, line.number, start + part.start("low" if half is None else "half"))
        if first is None:
            first = where
        unit = part["unit"]
        if unit is not None:
            per = _units.minutes_per(unit)
            unit_at = Position(path, line.number, start + part.start("unit"))
            if per is None:
                raise unit_error(unit, unit_at, for_duration=True, line=line)
            if seen and per >= seen[-1]:
                raise RecipeSyntaxError(
                    _(
                        "`{unit}` after `{previous}`: write hours first, then minutes, each once",
                        unit=unit,
                        previous=previous,
                    ),
                    unit_at,
                    hint=_(
                        "write e.g. `1 h 30 min`, `1h30` or `90 min`; a range of such times in minutes: `90-120 min`"
                    ),
                )
            seen.append(per)
            previous = unit
            if half is not None:
                box = _half(half, unit, per, where)
            else:
                box = checked_range(raw_range(part, line, path, start), _DURATION_WHAT, scale=per)
            low += box.low
            high += box.high
        else:  # a trailing number, as in 1h30
            token = Number(part["low"], where)
            if seen != [60]:
                raise RecipeSyntaxError(
                    _("the number {number} has no unit", number=token.text),
                    where,
                    hint=_("give it a unit: `min` or `h` (only after hours may minutes go without one, as in `1h30`)"),
                )
            minutes = whole(token, N_("the minutes after the hours"))
            if minutes >= 60:
                raise RecipeValueError(
                    _("{minutes} after the hours is an hour or more", minutes=_minutes(minutes)),
                    where,
                    hint=_("carry the hours over: `1h70` is `2h10`"),
                )
            low += minutes
            high += minutes
    assert first is not None
    if high > MAX_MINUTES:
        raise too_large(Number("", first), _DURATION_WHAT, _minutes(high), MAX_MINUTES)
    if high == 0:
        raise RecipeValueError(
            _("a length of 0 minutes"), first, hint=_("a time box or meeting lasts at least 1 minute")
        )
    return Located(Duration(Range(low, high)), first)


_QUARTERS = {"½": 2, "¼": 1, "¾": 3}
_SAID = {"anderhalf": 6, "een": 4, "één": 4, "half": 2}


def _half(written: str, unit: str, per: int, where: Position) -> Range:
    """`1½ uur`, `¼ uur`, `anderhalf uur`, `een kwartier`, `een half uur`: as trainers say it, in whole minutes."""
    said = " ".join(written.split())
    if said in _SAID or said == "een half":
        quarters = _SAID.get(said, 2)
    else:
        whole_part = said[:-1]
        if len(whole_part) > 9:
            raise too_large(Number(written, where), _DURATION_WHAT, f"{written} {unit}", MAX_MINUTES)
        quarters = 4 * int(whole_part or "0") + _QUARTERS[said[-1]]
    minutes, rest = divmod(quarters * per, 4)
    if rest:
        raise RecipeValueError(
            _("{duration} is not a whole number of minutes", duration=f"{said} {unit}"),
            where,
            hint=_("durations are whole minutes: round it, e.g. `1 min` or `2 min`"),
        )
    if minutes > MAX_MINUTES:
        raise too_large(Number(written, where), _DURATION_WHAT, _minutes(minutes), MAX_MINUTES)
    return Range.of(minutes)


def period(match: re.Match[str], line: Line, path: str | None, offset: int) -> Period:
    unit = match["unit"]
    name = _units.period_unit(unit)
    if name is None:
        raise unit_error(unit, Position(path, line.number, offset + match.start("unit")), for_duration=False, line=line)
    return Period(checked_range(raw_range(match, line, path, offset), N_("a cadence or span"), least=1), name)  # type: ignore[arg-type]


def timebox(match: re.Match[str], line: Line, path: str | None, offset: int) -> TimeBox:
    length = duration(match["duration"], offset + match.start("duration"), line, path)
    per = match["per"]
    if per is not None:
        if per in _EVERYONE:  # `per iedereen` is `per everyone`, as `spreekt: iedereen` is
            per = EVERYONE
        return TimeBox(length.value, per, length.position, Position(path, line.number, offset + match.start("per")))
    return TimeBox(length.value, None, length.position)


MEETING_NUMBER = N_("a meeting number")
_DURATION_WHAT = N_("a duration")


def meeting_number(token: Number) -> int:
    return checked_range(RawRange(token, None), MEETING_NUMBER, least=1, most=MAX_MEETINGS).low


def selectors(line: Line, path: str | None) -> list[Selector]:
    """The selectors of a `when:` value, or the grammar's message where they go wrong.

    The whole value is matched before any number is checked, as the grammar reads it whole.
    """
    text, offset = line.value, line.value_column
    matches: list[re.Match[str]] = []
    at = 0
    while True:
        match = _SELECTOR.match(text, at)
        if match is None:
            raise refused(line, "field_line", path)
        matches.append(match)
        at = match.end()
        if not match["comma"]:
            if at != len(text):
                raise refused(line, "field_line", path)
            break
    found: list[Selector] = []
    for match in matches:
        if match["low"] is not None:
            raw = raw_range(match, line, path, offset)
            meetings = checked_range(raw, MEETING_NUMBER, least=1, most=MAX_MEETINGS)
            found.append(Selector("meetings", meetings, raw.low.position))
        elif match["edge"] is not None:
            token = Number(match["number"], Position(path, line.number, offset + match.start("number")))
            edge = "until" if match["edge"].startswith("tot") else _english(match["edge"])
            found.append(Selector(edge, Range.of(meeting_number(token)), token.position))  # type: ignore[arg-type]
        else:
            found.append(Selector(_english(match["end"])))  # type: ignore[arg-type]
    return found


def anchor(line: Line, path: str | None) -> Anchor:
    match = _later("AT").fullmatch(line.value)
    if match is None:
        raise refused(line, "field_line", path)
    offset = line.value_column
    shift = period(match, line, path, offset) if match["unit"] is not None else None
    where = Position(path, line.number, offset + match.start("relation"))
    if match["number"] is not None:
        meeting: int | str = meeting_number(
            Number(match["number"], Position(path, line.number, offset + match.start("number")))
        )
    else:
        meeting = _english(match["end"])
    return Anchor(_english(match["relation"]), meeting, shift, where)  # type: ignore[arg-type]


_DUTCH_GROUPS = re.compile(r"(?:groepjes|groepen) van (\d+(?:[ \t]*-[ \t]*\d+)?)")


def grouping(text: str) -> str:
    """A phase's `groups:` as the model holds it: a Dutch word with a meaning in English (`alleen`: `alone`)."""
    written = text.lower()
    english = _keys.DUTCH_GROUPINGS.get(written)
    if english is not None:
        return english
    sized = _DUTCH_GROUPS.fullmatch(written)
    return f"groups of {sized[1]}" if sized is not None else text


def _english(word: str) -> str:
    """A word of a `when` or `at` value as the model holds it: in English, whichever language wrote it."""
    return _SAME.get(word, word)


def role_ids(line: Line, path: str | None) -> list[tuple[str, Position]]:
    """`lead`, `speak`, ...: role ids separated by commas, or `everyone`; each with where it stands."""
    text, offset, number = line.value, line.value_column, line.number
    found: list[tuple[str, Position]] = []
    at = 0
    for part in text.split(","):
        match = ROLE_ID.fullmatch(part)
        if match is None:
            raise refused(line, "field_line", path)
        found.append((match["id"], Position(path, number, offset + at + match.start("id"))))
        at += len(part) + 1
    if found[0][0] in _EVERYONE:
        if len(found) > 1:
            raise refused(line, "field_line", path)  # as the grammar reads it: `everyone` stands alone, first
        return [(EVERYONE, found[0][1])]
    return found
