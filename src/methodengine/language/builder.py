"""From lark's reductions to the frozen model.

The builder runs inline in the LALR parser (no parse tree is built), and it
is where values get their meaning: units become minutes, ranges are checked,
and each block's keys are checked against what that block accepts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

import attrs
from lark import Token, Transformer

from methodengine._suggest import did_you_mean
from methodengine.errors import RecipeSyntaxError, RecipeValueError
from methodengine.language import units as _units
from methodengine.language.totals import check_totals
from methodengine.limits import (
    MAX_COUNT,
    MAX_MEETINGS,
    MAX_MINUTES,
    MAX_ROUNDS,
)
from methodengine.model import (
    EVERYONE,
    ONE,
    SCRIPT_KINDS,
    Anchor,
    Checkpoint,
    Duration,
    Meeting,
    Period,
    Phase,
    Position,
    Range,
    Recipe,
    Role,
    RoleRef,
    Rounds,
    ScriptLine,
    Selector,
    Stage,
    TimeBox,
    Trajectory,
    When,
)

# Which keys each block accepts. A key's value type is fixed by the grammar.
_HEADER = ("recipe", "method", "language", "group", "facilitators", "duration", "summary", "source")
_ROLE = ("count", "brief", "facilitator")
_PHASE = ("id", "lead", "speak", "listen", "outside", "groups", "space", "when", *SCRIPT_KINDS)
_CHECKPOINT = (*_PHASE, "decide")
_ROUNDS = ("id", "when")
_TRAJECTORY = ("meetings", "every", "span")
_STAGE = ("id", "focus", "summary")
_MEETING = ("at", "count", "every", "optional", "summary", *SCRIPT_KINDS)

BLOCK_KEYS: dict[str, tuple[str, ...]] = {
    "the header": _HEADER,
    "a role": _ROLE,
    "a phase": _PHASE,
    "a checkpoint": _CHECKPOINT,
    "a rounds block": _ROUNDS,
    "a trajectory": _TRAJECTORY,
    "a stage": _STAGE,
    "a meeting": _MEETING,
}
BLOCK_KEYWORDS = ("role", "phase", "checkpoint", "rounds", "trajectory", "stage", "meeting")
_REPEATABLE = frozenset(SCRIPT_KINDS)

_ALL_KEYS = frozenset(key for keys in BLOCK_KEYS.values() for key in keys)
_KEY_START = re.compile(r"([a-z]+)[ \t]*:")


class _Located(NamedTuple):
    value: Any
    position: Position


class _RawRange(NamedTuple):
    low: Token
    high: Token | None


class _Field(NamedTuple):
    key: str
    value: Any
    position: Position
    known: bool = True


def slug(title: str) -> str:
    """An id derived from a title: ``Informatieve vragen`` -> ``informatieve-vragen``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-") or "phase"


class RecipeBuilder(Transformer):  # type: ignore[type-arg]
    """Callbacks lark calls as it reduces each rule; see recipe.lark beside this module."""

    path: str | None = None

    # ------------------------------------------------------------ helpers

    def _pos(self, token: Token) -> Position:
        return Position(self.path, token.line or 1, token.column or 1)

    def _spaced(self, keyword: Token, following: Token) -> None:
        """A block keyword must be followed by a space: `phasenbrenger (10 min)` is no phase `nbrenger`."""
        if following.line == keyword.line and following.column == keyword.end_column:
            raise glued_keyword_error(str(keyword), f"{keyword}{following}".strip(), self._pos(keyword))

    def _number(self, token: Token) -> Decimal:
        # Decimal, not float: `9007199254740993` stays itself, and 400 digits do not overflow.
        return Decimal(str(token).replace(",", "."))

    def _too_large(self, token: Token, what: str, value: object, most: int) -> RecipeValueError:
        shown = str(value) if len(str(value)) <= 15 else f"{str(value)[:12]}..."
        return RecipeValueError(
            f"{what} ({shown}) is more than a recipe can plan (at most {most})",
            self._pos(token),
            hint="check the number; recipes describe meetings of people, not of thousands",
        )

    def _whole(self, token: Token, what: str, most: int = MAX_COUNT) -> int:
        value = self._number(token)
        if value > most:
            raise self._too_large(token, what, token, most)
        if value != int(value):
            raise RecipeValueError(
                f"{what} must be a whole number, not {token}",
                self._pos(token),
                hint=f"write a whole number, such as {int(value) or 1}",
            )
        return int(value)

    def _range(
        self, raw: _RawRange, what: str, scale: int | None = None, least: int = 0, most: int = MAX_COUNT
    ) -> Range:
        """A checked range; ``scale`` makes it minutes (60 for hours), which must be whole."""

        def convert(token: Token) -> int:
            if scale is None:
                value = self._whole(token, what, most)
                if value < least:
                    raise RecipeValueError(
                        f"{what} must be at least {least}, not {value}",
                        self._pos(token),
                        hint=f"write a number from {least}",
                    )
                return value
            minutes = self._number(token) * scale
            if minutes > MAX_MINUTES:
                raise self._too_large(token, what, f"{minutes} minutes", MAX_MINUTES)
            if minutes != int(minutes):
                raise RecipeValueError(
                    f"{token} gives {minutes.normalize():f} minutes; durations are whole minutes",
                    self._pos(token),
                    hint="round to whole minutes, e.g. `1 h 15 min` or `75 min`",
                )
            return int(minutes)

        low = convert(raw.low)
        high = convert(raw.high) if raw.high is not None else low
        if low > high:
            raise RecipeValueError(
                f"the range {raw.low}-{raw.high} runs backwards: its low end exceeds its high end",
                self._pos(raw.low),
                hint=f"write the smaller number first: {raw.high}-{raw.low}",
            )
        return Range(low, high)

    # ------------------------------------------------------------ values

    def range(self, children: Sequence[Token]) -> _RawRange:
        return _RawRange(children[0], children[1] if len(children) > 1 else None)

    def duration(self, children: Sequence[Any]) -> _Located:
        """Hours, then minutes, each at most once: `2 h 30 min`, `1h30`, `90 min`."""
        total = Range(0, 0)
        seen: list[int] = []
        first: Token = children[0].low
        i = 0
        while i < len(children):
            item = children[i]
            if isinstance(item, _RawRange):
                unit: Token = children[i + 1]
                per = _units.minutes_per(unit)
                if per is None:
                    raise self._unit_error(unit, for_duration=True)
                if seen and per >= seen[-1]:
                    raise RecipeSyntaxError(
                        f"`{unit}` after `{children[i - 1]}`: write hours first, then minutes, each once",
                        self._pos(unit),
                        hint="write e.g. `1 h 30 min`, `1h30` or `90 min`; a range of such times in minutes: "
                        "`90-120 min`",
                    )
                seen.append(per)
                total = total + self._range(item, "a duration", scale=per)
                i += 2
            else:  # a trailing number, as in 1h30
                if seen != [60]:
                    raise RecipeSyntaxError(
                        f"the number {item} has no unit",
                        self._pos(item),
                        hint="give it a unit: `min` or `h` (only after hours may minutes go without one, as in `1h30`)",
                    )
                minutes = self._whole(item, "the minutes after the hours")
                if minutes >= 60:
                    raise RecipeValueError(
                        f"{minutes} minutes after the hours is an hour or more",
                        self._pos(item),
                        hint="carry the hours over: `1h70` is `2h10`",
                    )
                total = total + Range.of(minutes)
                i += 1
        if total.high > MAX_MINUTES:
            raise self._too_large(first, "a duration", f"{total.high} minutes", MAX_MINUTES)
        if total.high == 0:
            raise RecipeValueError(
                "a length of 0 minutes", self._pos(first), hint="a time box or meeting lasts at least 1 minute"
            )
        return _Located(Duration(total), self._pos(first))

    def _unit_error(self, unit: Token, for_duration: bool) -> RecipeValueError:
        known = [*_units.MINUTE_UNITS, *_units.HOUR_UNITS] if for_duration else list(_units.PERIOD_UNITS)
        shown = _units.DURATION_UNITS_SHOWN if for_duration else _units.PERIOD_UNITS_SHOWN
        if for_duration and _units.period_unit(unit):
            message = f"`{unit}` is a calendar unit; a time box or meeting length is in minutes or hours"
        elif not for_duration and _units.minutes_per(unit):
            message = f"`{unit}` is too short for a cadence or span; use days, weeks, months or years"
        else:
            message = f"unknown unit `{unit}`"
        suggestion = did_you_mean(str(unit), known) if message.startswith("unknown") else ""
        hint = (f"{suggestion} " if suggestion else "") + f"units here: {shown}"
        return RecipeValueError(message, self._pos(unit), hint=hint)

    def period(self, children: Sequence[Any]) -> _Located:
        raw, unit = children
        name = _units.period_unit(unit)
        if name is None:
            raise self._unit_error(unit, for_duration=False)
        return _Located(Period(self._range(raw, "a cadence or span", least=1), name), self._pos(raw.low))

    def timebox(self, children: Sequence[Any]) -> TimeBox:
        duration = children[0]
        if len(children) > 2:
            return TimeBox(duration.value, str(children[2]), duration.position, self._pos(children[2]))
        return TimeBox(duration.value, None, duration.position)

    def role_list(self, children: Sequence[Token]) -> list[_Located]:
        return [_Located(str(t), self._pos(t)) for t in children]

    def meeting_count(self, children: Sequence[Token]) -> _Located:
        token = children[0]
        if token.type == "OPEN":
            return _Located(None, self._pos(token))
        count = self._whole(token, "the number of meetings", MAX_MEETINGS)
        if count < 1:
            raise RecipeValueError(
                "a trajectory has at least one meeting", self._pos(token), hint="write a number from 1, or `open`"
            )
        return _Located(count, self._pos(token))

    def sel_meetings(self, children: Sequence[Any]) -> Selector:
        raw = children[0]
        return Selector(
            "meetings", self._range(raw, "a meeting number", least=1, most=MAX_MEETINGS), self._pos(raw.low)
        )

    def _meeting_number(self, token: Token) -> int:
        return self._range(_RawRange(token, None), "a meeting number", least=1, most=MAX_MEETINGS).low

    def sel_from(self, children: Sequence[Token]) -> Selector:
        return Selector("from", Range.of(self._meeting_number(children[0])), self._pos(children[0]))

    def sel_until(self, children: Sequence[Token]) -> Selector:
        return Selector("until", Range.of(self._meeting_number(children[0])), self._pos(children[0]))

    def sel_first(self, children: Sequence[Token]) -> Selector:
        return Selector("first")

    def sel_last(self, children: Sequence[Token]) -> Selector:
        return Selector("last")

    def when(self, children: Sequence[Selector]) -> list[Selector]:
        return list(children)

    def ref_number(self, children: Sequence[Token]) -> int:
        return self._meeting_number(children[0])

    def ref_first(self, children: Sequence[Token]) -> str:
        return "first"

    def ref_last(self, children: Sequence[Token]) -> str:
        return "last"

    def at(self, children: Sequence[Any]) -> Anchor:
        offset = children[0].value if isinstance(children[0], _Located) else None
        relation, meeting = children[-2], children[-1]
        return Anchor(str(relation), meeting, offset, self._pos(relation))  # type: ignore[arg-type]

    def text(self, children: Sequence[Token]) -> _Located:
        for token in children[1:]:
            key = _KEY_START.match(token)
            if key and key.group(1) in _ALL_KEYS:
                raise RecipeSyntaxError(
                    f"`{key.group(1)}:` is indented under the text above it, so it would be read as more text",
                    self._pos(token),
                    hint=f"line `{key.group(1)}:` up with the key above it; only continuations of a text go deeper",
                )
        return _Located(" ".join(str(t).strip() for t in children), self._pos(children[0]))

    # ------------------------------------------------------------ fields

    def _field(self, children: Sequence[Any], known: bool = True) -> _Field:
        key_token: Token = children[0]
        key = str(key_token).rstrip(": \t")
        return _Field(key, children[1], self._pos(key_token), known)

    text_field = id_field = range_field = duration_field = period_field = _field
    bool_field = roles_field = when_field = at_field = meetings_field = _field

    def unknown_field(self, children: Sequence[Any]) -> _Field:
        return self._field(children, known=False)

    def _fields(self, items: Iterable[Any], block: str) -> dict[str, Any]:
        """The block's fields by key; script keys as lists of (kind, text, pos)."""
        allowed = BLOCK_KEYS[block]
        found: dict[str, Any] = {"script": [], "extra": {}, "positions": {}}
        for item in items:
            if not isinstance(item, _Field):
                continue
            if not item.known or (item.key not in allowed and not item.key.startswith("x-")):
                raise self._misplaced(item, block)
            if item.key in _REPEATABLE:
                found["script"].append(ScriptLine(item.key, item.value.value, item.position))
                continue
            if item.key in found["positions"]:
                first = found["positions"][item.key]
                raise RecipeSyntaxError(
                    f"`{item.key}` is given twice in {block}",
                    item.position,
                    hint=f"keep one of the two; the first is on line {first.line}",
                )
            found["positions"][item.key] = item.position
            if item.key.startswith("x-"):
                found["extra"][item.key] = item.value.value
            else:
                found[item.key] = item.value
        return found

    def _misplaced(self, item: _Field, block: str) -> RecipeSyntaxError:
        allowed = BLOCK_KEYS[block]
        homes = [name for name, keys in BLOCK_KEYS.items() if item.key in keys]
        if homes:
            return RecipeSyntaxError(
                f"`{item.key}` does not belong in {block}",
                item.position,
                hint=f"`{item.key}` belongs in {' or '.join(homes)}; {block} takes: {', '.join(allowed)}",
            )
        if item.key in BLOCK_KEYWORDS:
            return RecipeSyntaxError(
                f"`{item.key}` starts a block and takes no colon",
                item.position,
                hint=_BLOCK_EXAMPLES[item.key],
            )
        suggestion = did_you_mean(item.key, allowed) or did_you_mean(item.key, _ALL_KEYS)
        return RecipeSyntaxError(
            f"unknown key `{item.key}` in {block}",
            item.position,
            hint=(f"{suggestion} " if suggestion else "") + f"{block} takes: {', '.join(allowed)}",
        )

    def _roles(self, found: dict[str, Any], key: str, refs: list[RoleRef]) -> tuple[str, ...]:
        located = found.get(key, [])
        for item in located:
            if item.value != EVERYONE:
                refs.append(RoleRef(item.value, key, item.position))
        return tuple(item.value for item in located)

    # ------------------------------------------------------------ blocks

    def role(self, children: Sequence[Any]) -> Role:
        keyword, role_id, name, *rest = children
        self._spaced(keyword, role_id)
        found = self._fields(rest, "a role")
        count = self._positive(found["count"], "a role's count") if "count" in found else None
        return Role(
            id=str(role_id),
            name=str(name).strip(),
            count=count,
            brief=found["brief"].value if "brief" in found else None,
            facilitator=str(found.get("facilitator", "no")) in ("yes", "ja"),
            position=self._pos(keyword),
            extra=found["extra"],
        )

    def _phase(self, children: Sequence[Any], cls: type[Phase], block: str) -> Phase:
        keyword, title, timebox, *rest = children
        self._spaced(keyword, title)
        found = self._fields(rest, block)
        refs: list[RoleRef] = []
        if timebox.per is not None:
            refs.append(RoleRef(timebox.per, "per", timebox.per_position))
        lead = self._roles(found, "lead", refs)
        if len(lead) > 1 or lead == (EVERYONE,):
            raise RecipeSyntaxError(
                "`lead` takes one role",
                found["positions"]["lead"],
                hint="name the one role that leads this phase; put the others under `speak`",
            )
        extra: dict[str, Any] = {}
        if cls is Checkpoint:
            extra["decide"] = self._roles(found, "decide", refs)
        return cls(
            id=str(found["id"]) if "id" in found else "",
            title=str(title).strip(),
            timebox=timebox,
            lead=lead[0] if lead else None,
            speak=self._roles(found, "speak", refs),
            listen=self._roles(found, "listen", refs),
            outside=self._roles(found, "outside", refs),
            groups=found["groups"].value if "groups" in found else None,
            space=found["space"].value if "space" in found else None,
            script=tuple(found["script"]),
            when=When(tuple(found["when"]), found["positions"]["when"]) if "when" in found else None,
            explicit_id="id" in found,
            role_refs=tuple(refs),
            position=self._pos(keyword),
            extra=found["extra"],
            **extra,
        )

    def phase(self, children: Sequence[Any]) -> Phase:
        return self._phase(children, Phase, "a phase")

    def checkpoint(self, children: Sequence[Any]) -> Phase:
        return self._phase(children, Checkpoint, "a checkpoint")

    def _positive(self, raw: _RawRange, what: str, most: int = MAX_COUNT) -> Range:
        """A count that may start at 0 (`0-2`: perhaps none) but not end there."""
        count = self._range(raw, what, most=most)
        if count.high == 0:
            raise RecipeValueError(
                f"{what} cannot be 0",
                self._pos(raw.low),
                hint="write how many there are, e.g. `1-2`; `0-2` if there may be none",
            )
        return count

    def rounds(self, children: Sequence[Any]) -> Rounds:
        keyword, raw, title, *rest = children
        self._spaced(keyword, raw.low)
        found = self._fields(rest, "a rounds block")
        items = tuple(item for item in rest if isinstance(item, Phase))
        if not items:
            raise RecipeSyntaxError(
                f"the rounds block `{str(title).strip()}` has no phases",
                self._pos(keyword),
                hint="indent the phases of a round under the `rounds` line",
            )
        return Rounds(
            id=str(found["id"]) if "id" in found else "",
            title=str(title).strip(),
            count=self._positive(raw, "a number of rounds", MAX_ROUNDS),
            items=items,
            when=When(tuple(found["when"]), found["positions"]["when"]) if "when" in found else None,
            explicit_id="id" in found,
            position=self._pos(keyword),
            extra=found["extra"],
        )

    def stage(self, children: Sequence[Any]) -> Stage:
        keyword, title, raw, *rest = children
        self._spaced(keyword, title)
        found = self._fields(rest, "a stage")
        return Stage(
            title=str(title).strip(),
            meetings=self._range(raw, "a meeting number", least=1, most=MAX_MEETINGS),
            id=str(found["id"]) if "id" in found else None,
            focus=found["focus"].value if "focus" in found else None,
            summary=found["summary"].value if "summary" in found else None,
            position=self._pos(keyword),
            extra=found["extra"],
        )

    def meeting(self, children: Sequence[Any]) -> Meeting:
        keyword, meeting_id, title, *rest = children
        self._spaced(keyword, meeting_id)
        timebox = rest.pop(0) if rest and isinstance(rest[0], TimeBox) else None
        found = self._fields(rest, "a meeting")
        return Meeting(
            id=str(meeting_id),
            title=str(title).strip(),
            timebox=timebox,
            at=found.get("at"),
            count=self._positive(found["count"], "a number of meetings", MAX_MEETINGS) if "count" in found else ONE,
            every=found["every"].value if "every" in found else None,
            optional=str(found.get("optional", "no")) in ("yes", "ja"),
            summary=found["summary"].value if "summary" in found else None,
            script=tuple(found["script"]),
            position=self._pos(keyword),
            extra=found["extra"],
        )

    def trajectory(self, children: Sequence[Any]) -> Trajectory:
        keyword, *rest = children
        found = self._fields(rest, "a trajectory")
        count = found.get("meetings")
        return Trajectory(
            meetings=count.value if count is not None else None,
            open=count is not None and count.value is None,
            every=found["every"].value if "every" in found else None,
            span=found["span"].value if "span" in found else None,
            stages=tuple(item for item in rest if isinstance(item, Stage)),
            extra_meetings=tuple(item for item in rest if isinstance(item, Meeting)),
            position=self._pos(keyword),
            field_positions=found["positions"],
            extra=found["extra"],
        )

    def start(self, children: Sequence[Any]) -> Recipe:
        found = self._fields(children, "the header")
        trajectories = [item for item in children if isinstance(item, Trajectory)]
        if len(trajectories) > 1:
            first = trajectories[0].position
            raise RecipeSyntaxError(
                "a recipe has one trajectory",
                trajectories[1].position,
                hint=f"merge it into the first, on line {first.line if first else '?'}",
            )
        if "recipe" not in found:
            raise RecipeSyntaxError(
                "the recipe has no title",
                Position(self.path, 1, 1),
                hint="start the file with a line such as `recipe: Incidentmethode`",
            )

        def text(key: str) -> str | None:
            return found[key].value if key in found else None

        language = text("language")
        recipe = Recipe(
            title=found["recipe"].value,
            method=text("method"),
            language=language.lower() if language else None,
            group=self._range(found["group"], "a group size", least=1) if "group" in found else None,
            facilitators=self._range(found["facilitators"], "a number of facilitators")
            if "facilitators" in found
            else None,
            duration=found["duration"].value if "duration" in found else None,
            summary=text("summary"),
            source=text("source"),
            roles=tuple(item for item in children if isinstance(item, Role)),
            agenda=with_phase_ids([item for item in children if isinstance(item, (Phase, Rounds))]),
            trajectory=trajectories[0] if trajectories else None,
            path=self.path,
            position=Position(self.path, 1, 1),
            field_positions=found["positions"],
            extra=found["extra"],
        )
        check_totals(recipe)
        return recipe


def with_phase_ids(agenda: Sequence[Phase | Rounds]) -> tuple[Phase | Rounds, ...]:
    """Give every phase and rounds block without an explicit id one from its title.

    Derived ids never collide: a second ``Afsluiting`` becomes
    ``afsluiting-2``. Explicit ids are left as written, so that checks can
    report a duplicate the trainer wrote.
    """
    taken = {p.id for p in _all_items(agenda) if p.explicit_id}

    def fresh(item: Phase | Rounds) -> Phase | Rounds:
        if item.explicit_id:
            return item
        base = slug(item.title)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return attrs.evolve(item, id=candidate)

    result: list[Phase | Rounds] = []
    for item in agenda:
        item = fresh(item)
        if isinstance(item, Rounds):
            item = attrs.evolve(item, items=tuple(fresh(p) for p in item.items))  # type: ignore[misc]
        result.append(item)
    return tuple(result)


def _all_items(agenda: Sequence[Phase | Rounds]) -> Iterable[Phase | Rounds]:
    for item in agenda:
        yield item
        if isinstance(item, Rounds):
            yield from item.items


_BLOCK_EXAMPLES = {
    "role": "write `role ID: Name`, e.g. `role voorzitter: Gespreksleider`",
    "phase": "write `phase Title (time box)`, e.g. `phase Informatieve vragen (15 min)`",
    "checkpoint": "write `checkpoint Title (time box)`, e.g. `checkpoint Verder of stoppen? (5 min)`",
    "rounds": "write `rounds N: Title`, e.g. `rounds 1-2: Beurt van een inbrenger`",
    "trajectory": "write `trajectory` alone on its line, with its fields indented below it",
    "stage": "write `stage Title (meetings A-B)` inside the trajectory",
    "meeting": "write `meeting ID: Title (time box)` inside the trajectory",
}


def glued_keyword_error(keyword: str, line: str, position: Position) -> RecipeSyntaxError:
    """A block keyword with no space after it (`phasenbrenger`): say so, and show the line with the space."""
    word = line.split()[0]
    mended = f"{keyword} {line[len(keyword) :]}"
    hint = f"put a space after `{keyword}`: `{mended}`"
    name = mended.split(":", 1)[0].split()[1:]
    if keyword in ("role", "meeting") and len(name) > 1:
        hint += f"; a {keyword} has one id before its colon, e.g. `{keyword} {name[-1]}:`"
    return RecipeSyntaxError(
        f"`{word}` is `{keyword}` glued to `{word[len(keyword) :]}`",
        position,
        hint=f"{hint}; {_BLOCK_EXAMPLES[keyword]}",
    )
