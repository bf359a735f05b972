"""The typed, frozen model of a recipe.

Every node knows where it was written, so that any check, however far from
the parser, can point a trainer at the exact line and column.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

import attrs
from attrs import field, frozen

EVERYONE = "everyone"
"""The role list that means every role present."""

SCRIPT_KINDS = ("say", "ask", "do", "tip", "watch", "output", "materials")
"""The script lines of a phase, in the order a card would name them."""

PeriodUnit = Literal["day", "week", "month", "year"]

_DAYS_PER_UNIT: Mapping[str, float] = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}


@frozen
class Position:
    """A place in a recipe file; ``line`` and ``column`` count from 1."""

    path: str | None
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path or '<recipe>'}:{self.line}:{self.column}"


def _non_negative(instance: object, attribute: attrs.Attribute, value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be 0 or more, not {value}")


@frozen
class Range:
    """A whole-number range; a single number is a range of one.

    Counts, minutes and meeting numbers are all ranges, so that arithmetic
    over uncertain counts (a group of 4-7) stays exact at both ends.
    """

    low: int = field(validator=_non_negative)
    high: int = field(validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"a range's low end ({self.low}) exceeds its high end ({self.high})")

    @classmethod
    def of(cls, value: int) -> Range:
        return cls(value, value)

    @property
    def exact(self) -> bool:
        return self.low == self.high

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.high + other.high)

    def __mul__(self, other: Range) -> Range:
        return Range(self.low * other.low, self.high * other.high)

    def __contains__(self, value: object) -> bool:
        return isinstance(value, (int, float)) and self.low <= value <= self.high

    def __str__(self) -> str:
        return str(self.low) if self.exact else f"{self.low}-{self.high}"


ZERO = Range(0, 0)
ONE = Range(1, 1)


@frozen
class Duration:
    """A length of time in whole minutes, possibly a range (``10-15 min``)."""

    minutes: Range

    def __str__(self) -> str:
        return format_minutes(self.minutes)


def format_minutes(minutes: Range) -> str:
    """Minutes as a trainer writes them: ``90 min``, ``10-15 min``."""
    return f"{minutes} min"


@frozen
class Period:
    """A calendar length: a cadence (``2-4 weeks``) or a span (``1 year``)."""

    amount: Range
    unit: PeriodUnit

    def days(self) -> tuple[float, float]:
        """Approximate length in days, for comparing periods of other units."""
        per = _DAYS_PER_UNIT[self.unit]
        return self.amount.low * per, self.amount.high * per

    def __str__(self) -> str:
        plural = "" if self.amount.exact and self.amount.low == 1 else "s"
        return f"{self.amount} {self.unit}{plural}"


@frozen
class TimeBox:
    """The time a phase takes: a duration, or a duration per member of a role."""

    duration: Duration
    per: str | None = None
    position: Position | None = field(default=None, eq=False)
    per_position: Position | None = field(default=None, eq=False)


@frozen
class ScriptLine:
    """One line of a phase's script: what to say, ask or do, a tip, ..."""

    kind: str
    text: str
    position: Position | None = field(default=None, eq=False)


@frozen
class RoleRef:
    """A role id as written in a field, kept to report undefined roles exactly."""

    role: str
    key: str
    position: Position | None = field(default=None, eq=False)


@frozen
class Selector:
    """One part of a ``when``: ``meetings 4-7``, ``from meeting 2``, ``last meeting``."""

    kind: Literal["meetings", "from", "until", "first", "last"]
    meetings: Range | None = None
    position: Position | None = field(default=None, eq=False)

    def applies(self, meeting: int, total: int | None) -> bool:
        if self.kind == "first":
            return meeting == 1
        if self.kind == "last":
            return total is not None and meeting == total
        assert self.meetings is not None
        if self.kind == "from":
            return meeting >= self.meetings.low
        if self.kind == "until":
            return meeting <= self.meetings.low
        return meeting in self.meetings

    def numbers(self) -> tuple[int, ...]:
        """The meeting numbers this selector names explicitly."""
        if self.meetings is None:
            return ()
        return (self.meetings.low,) if self.meetings.exact else (self.meetings.low, self.meetings.high)

    def __str__(self) -> str:
        if self.kind in ("first", "last"):
            return f"{self.kind} meeting"
        if self.kind == "meetings":
            assert self.meetings is not None
            return f"meeting {self.meetings}" if self.meetings.exact else f"meetings {self.meetings}"
        return f"{self.kind} meeting {self.meetings}"


@frozen
class When:
    """The meetings of a series a phase or rounds block applies to."""

    selectors: tuple[Selector, ...]
    position: Position | None = field(default=None, eq=False)

    def applies(self, meeting: int, total: int | None) -> bool:
        return any(s.applies(meeting, total) for s in self.selectors)

    def __str__(self) -> str:
        return ", ".join(str(s) for s in self.selectors)


@frozen
class Role:
    """A part people play in the method: chair, case-giver, participant, coach."""

    id: str
    name: str
    count: Range | None = None
    brief: str | None = None
    facilitator: bool = False
    position: Position | None = field(default=None, eq=False)
    extra: Mapping[str, str] = field(factory=dict, eq=False)
    written_id: str | None = field(default=None, eq=False)
    """The id the recipe wrote, when a method's finder gave the role the method's id; None otherwise.

    A rule's hint that tells the trainer a line to write (``luistert: casusinbrenger``) names this one.
    """

    @property
    def id_as_written(self) -> str:
        """The id as the trainer wrote it: what a line in a hint must name."""
        return self.written_id or self.id


@frozen
class Phase:
    """A step of the meeting with its time box and who does what."""

    id: str
    title: str
    timebox: TimeBox
    lead: str | None = None
    speak: tuple[str, ...] = ()
    listen: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()
    groups: str | None = None
    space: str | None = None
    script: tuple[ScriptLine, ...] = ()
    when: When | None = None
    explicit_id: bool = False
    role_refs: tuple[RoleRef, ...] = field(default=(), eq=False)
    position: Position | None = field(default=None, eq=False)
    extra: Mapping[str, str] = field(factory=dict, eq=False)

    def lines(self, kind: str) -> tuple[str, ...]:
        """The script lines of one kind, in order."""
        return tuple(line.text for line in self.script if line.kind == kind)


@frozen
class Checkpoint(Phase):
    """A phase at which each deciding role says whether the series goes on."""

    decide: tuple[str, ...] = ()


@frozen
class Rounds:
    """A block of phases run once per turn (``rounds 1-2: Beurt``)."""

    id: str
    title: str
    count: Range
    items: tuple[Phase, ...]
    when: When | None = None
    explicit_id: bool = False
    position: Position | None = field(default=None, eq=False)
    extra: Mapping[str, str] = field(factory=dict, eq=False)


AgendaItem = Phase | Rounds


def runs_in(item: AgendaItem, meeting: int | None, total: int | None) -> bool:
    """Whether an item's ``when`` takes in meeting ``meeting`` of ``total`` (None: every meeting runs it)."""
    return item.when is None or meeting is None or item.when.applies(meeting, total)


@frozen
class Step:
    """One agenda item as it runs in one meeting (see :meth:`Recipe.walk`).

    ``phases`` are the item's phases that run in the meeting, each with its
    place in ``Recipe.phases()`` in ``indexes``; a phase on its own is its
    own single phase. ``rounds`` is how many times a rounds block's phases
    run, None for a phase outside a block.
    """

    item: AgendaItem
    phases: tuple[Phase, ...]
    indexes: tuple[int, ...]
    rounds: Range | None = None

    @property
    def block(self) -> Rounds | None:
        """The rounds block this step runs, None for a phase on its own."""
        return self.item if isinstance(self.item, Rounds) else None

    def numbered(self) -> Iterator[tuple[int, Phase]]:
        """The phases with their places in ``Recipe.phases()``."""
        return zip(self.indexes, self.phases, strict=True)


@frozen
class Stage:
    """A stretch of a trajectory with a focus of its own."""

    title: str
    meetings: Range
    id: str | None = None
    focus: str | None = None
    summary: str | None = None
    position: Position | None = field(default=None, eq=False)
    extra: Mapping[str, str] = field(factory=dict, eq=False)


@frozen
class Anchor:
    """Where an extra meeting falls: ``before meeting 1``, ``3 months after last meeting``."""

    relation: Literal["before", "after"]
    meeting: int | Literal["first", "last"]
    offset: Period | None = None
    position: Position | None = field(default=None, eq=False)

    def meeting_number(self, total: int | None) -> int | None:
        if self.meeting == "first":
            return 1
        if self.meeting == "last":
            return total
        return self.meeting

    def __str__(self) -> str:
        ref = f"{self.meeting} meeting" if isinstance(self.meeting, str) else f"meeting {self.meeting}"
        offset = f"{self.offset} " if self.offset else ""
        return f"{offset}{self.relation} {ref}"


@frozen
class Meeting:
    """A meeting outside the regular series: an intake, an assessment, follow-ups."""

    id: str
    title: str
    timebox: TimeBox | None = None
    at: Anchor | None = None
    count: Range = ONE
    every: Period | None = None
    optional: bool = False
    summary: str | None = None
    script: tuple[ScriptLine, ...] = ()
    position: Position | None = field(default=None, eq=False)
    extra: Mapping[str, str] = field(factory=dict, eq=False)


@frozen
class Trajectory:
    """A series of meetings: how many, how often, over what span, in which stages."""

    meetings: int | None = None
    open: bool = False
    every: Period | None = None
    span: Period | None = None
    stages: tuple[Stage, ...] = ()
    extra_meetings: tuple[Meeting, ...] = ()
    position: Position | None = field(default=None, eq=False)
    field_positions: Mapping[str, Position] = field(factory=dict, eq=False)
    extra: Mapping[str, str] = field(factory=dict, eq=False)

    def stage_of(self, meeting: int) -> Stage | None:
        return next((s for s in self.stages if meeting in s.meetings), None)

    def stage(self, stage_id: str) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    def meeting(self, meeting_id: str) -> Meeting | None:
        """The extra meeting (intake, assessment, follow-up) with this id."""
        return next((m for m in self.extra_meetings if m.id == meeting_id), None)


@frozen
class Recipe:
    """A session method as one recipe file describes it.

    Header fields are ``None`` when the recipe leaves them out, so that a
    method's base recipe can fill them in.
    """

    title: str
    method: str | None = None
    language: str | None = None
    group: Range | None = None
    facilitators: Range | None = None
    duration: Duration | None = None
    summary: str | None = None
    source: str | None = None
    roles: tuple[Role, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    trajectory: Trajectory | None = None
    path: str | None = None
    position: Position | None = field(default=None, eq=False)
    field_positions: Mapping[str, Position] = field(factory=dict, eq=False)
    extra: Mapping[str, str] = field(factory=dict, eq=False)
    meeting_word: tuple[str, str] | None = None
    """The word for one meeting on this recipe's cards and schedule, singular and plural (`gesprek`, `gesprekken`).

    None when the recipe does not say (``meeting-word:``), so that its method's word applies.
    """
    keyword_language: str | None = field(default=None, eq=False)
    """The language most of the recipe's keys and block keywords are written in: "nl", "en", or None.

    None when no keyword tells (`tip`, `focus` and `id` are alike in both). It is how the recipe
    was written, not what it means, so a Dutch recipe and its English twin are still equal; it
    chooses the language of the examples that messages show and of ``fmt`` when not told.
    """

    def role(self, role_id: str) -> Role | None:
        return next((r for r in self.roles if r.id == role_id), None)

    def items(self) -> Iterator[AgendaItem]:
        """Every phase, checkpoint and rounds block in the order written, each block before its phases."""
        for item, _block in self._nodes():
            yield item

    def phases(self) -> Iterator[Phase]:
        """Every phase and checkpoint, rounds opened up, in the order written."""
        return (item for item, _block in self._nodes() if not isinstance(item, Rounds))

    def checkpoints(self) -> Iterator[Checkpoint]:
        return (p for p in self.phases() if isinstance(p, Checkpoint))

    def rounds_blocks(self) -> Iterator[Rounds]:
        """The rounds blocks of the agenda, in the order written."""
        return (item for item in self.agenda if isinstance(item, Rounds))

    def item(self, item_id: str) -> Phase | Rounds | None:
        """The phase, checkpoint or rounds block with this id, wherever it stands."""
        return next((item for item in self.items() if item.id == item_id), None)

    def phase(self, phase_id: str) -> Phase | None:
        """The phase or checkpoint with this id, inside a rounds block or not; None for a block's id."""
        return next((p for p in self.phases() if p.id == phase_id), None)

    def block(self, block_id: str) -> Rounds | None:
        """The rounds block with this id; None when the id is a phase's, or no item's."""
        return next((b for b in self.rounds_blocks() if b.id == block_id), None)

    def block_of(self, phase: Phase | str) -> Rounds | None:
        """The rounds block a phase (or the phase with this id) stands in; None outside one."""
        for item, block in self._nodes():
            if block is not None and (item is phase or item.id == phase):
                return block
        return None

    def walk(self, meeting: int | None = None, rounds: int | Range | None = None) -> tuple[Step, ...]:
        """The agenda as it runs in meeting ``meeting``: the one place that knows rounds and ``when``.

        Every item whose ``when`` takes in the meeting is a step, in the order
        written; a rounds block's step holds those of its phases that apply
        (possibly none) and how many rounds it runs: its ``count``, or
        ``rounds`` for every block (the trainer knows how many turns there
        will be tonight). ``meeting`` None is a recipe without a series, or
        every meeting at once: then every item runs.
        """
        total = self.trajectory.meetings if self.trajectory else None
        override = Range.of(rounds) if isinstance(rounds, int) else rounds
        steps: list[Step] = []
        index = 0
        for item in self.agenda:
            if isinstance(item, Rounds):
                first, index = index, index + len(item.items)
                if not runs_in(item, meeting, total):
                    continue
                inner = [(first + k, p) for k, p in enumerate(item.items) if runs_in(p, meeting, total)]
                steps.append(
                    Step(
                        item,
                        tuple(p for _, p in inner),
                        tuple(i for i, _ in inner),
                        override if override is not None else item.count,
                    )
                )
            else:
                index += 1
                if runs_in(item, meeting, total):
                    steps.append(Step(item, (item,), (index - 1,)))
        return tuple(steps)

    def _nodes(self) -> Iterator[tuple[AgendaItem, Rounds | None]]:
        """Each agenda item with the rounds block it stands in, depth first."""
        for item in self.agenda:
            yield item, None
            if isinstance(item, Rounds):
                for phase in item.items:
                    yield phase, item

    def where(self, name: str) -> Position | None:
        """Where a header field was written, or where the recipe starts."""
        return self.field_positions.get(name, self.position)
